"""Run folders that concurrent, killed or failing runs cannot mix up.

A run writes into a partial folder of its own (``.NAME.XXXXXXXX.partial``, a fresh name
each time) while it holds a lock file beside it (``.NAME.XXXXXXXX.lock``, an exclusive
``flock``). The lock is released by the operating system when the process ends, however
it ends, so a partial folder whose lock nobody holds belongs to a dead run:
:func:`remove_stale_partials` removes it, and never a running one's. A complete run is
renamed into place under a name nobody else has taken (``NAME``, else ``NAME-2`` ...).

Files a run reuses from an earlier one are hard-linked (:func:`link_tree`), so a warm
re-run costs almost no disk; across file systems they are copied.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PARTIAL = ".partial"
LOCK = ".lock"
OLD = ".old"


class FolderBusy(Exception):
    """Another claimscope process is writing the same folder."""


@dataclass
class Partial:
    """A run's folder under construction and the lock that marks it as alive."""

    path: Path
    lock: Path
    handle: int

    def release(self) -> None:
        """Give up the lock (after the folder was published or removed)."""
        self.lock.unlink(missing_ok=True)
        os.close(self.handle)


def _locked(path: Path, *, create: bool) -> int | None:
    """An open descriptor holding an exclusive lock on ``path``, or None if another
    process holds it (or, with ``create=False``, the file is gone)."""
    try:
        handle = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o644)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        return None
    return handle


def start_partial(parent: Path, name: str) -> Partial:
    """A new, empty partial folder for the run ``name`` in ``parent``, locked as alive.

    The lock file is made and locked first and removed last, so a partial folder
    without a lock file, or with one nobody holds, is stale.
    """
    while True:
        handle, lock_name = tempfile.mkstemp(prefix=f".{name}.", suffix=LOCK, dir=parent)
        fcntl.flock(handle, fcntl.LOCK_EX)
        lock = Path(lock_name)
        try:  # a cleaner may have taken the lock between mkstemp and flock
            same = os.path.samestat(os.fstat(handle), os.stat(lock))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(handle)
    path = lock.with_name(lock.name[: -len(LOCK)] + PARTIAL)
    path.mkdir()
    return Partial(path, lock, handle)


def remove_stale_partials(parent: Path) -> list[Path]:
    """Remove the partial folders of runs that are no longer running; return them.

    A run killed in the instant between the two renames of :func:`replace_folder` left
    its folder's old contents as ``.NAME.XXXXXXXX.partial.old``: they are put back."""
    removed = []
    for folder in sorted(parent.glob(f".*{PARTIAL}*")):
        stem = folder.name.removesuffix(OLD)
        if not stem.endswith(PARTIAL):
            continue
        lock = folder.with_name(stem[: -len(PARTIAL)] + LOCK)
        handle = _locked(lock, create=False)
        if handle is None and lock.exists():
            continue  # its run is alive
        try:
            target = parent / stem[1:].rsplit(".", 2)[0]
            if folder.name.endswith(OLD) and not target.exists():
                os.rename(folder, target)
            else:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        finally:
            lock.unlink(missing_ok=True)
            if handle is not None:
                os.close(handle)
    return removed


def publish(partial: Partial, parent: Path, name: str) -> Path:
    """Rename the finished partial folder to ``name`` (or ``name-2`` ... where another
    run of the same second took it) and release its lock; return the final folder."""
    number = 1
    while True:
        final = parent / (name if number == 1 else f"{name}-{number}")
        try:
            if not final.exists():
                os.rename(partial.path, final)
                break
        except OSError as error:  # taken meanwhile by a run of the same second
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
        number += 1
    partial.release()
    return final


def link_or_copy(source: str, target: str) -> None:
    """Hard-link ``source`` to ``target``; copy it where a link cannot be made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path) -> None:
    """``target`` as a copy of the folder ``source`` made of hard links."""
    shutil.copytree(source, target, copy_function=link_or_copy, dirs_exist_ok=True)


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold the writer's lock of ``folder`` (``.NAME.lock`` beside it) for a block;
    raise :class:`FolderBusy` if another process holds it."""
    lock = folder.with_name(f".{folder.name}{LOCK}")
    handle = _locked(lock, create=True)
    if handle is None:
        raise FolderBusy(
            f"another claimscope process is writing {folder}; wait for it to finish, "
            "or give another --out"
        )
    try:
        yield
    finally:
        os.close(handle)


def replace_folder(new: Path, folder: Path, *, keep: tuple[str, ...] = ()) -> None:
    """Put the finished folder ``new`` in the place of ``folder``, moving the entries
    named in ``keep`` (the cache) over from the old one; call it inside
    :func:`exclusive`. Until the moment of the swap the old folder is untouched, so a
    failed or killed run leaves it as it was."""
    if folder.exists():
        for entry in keep:
            if (folder / entry).exists() and not (new / entry).exists():
                os.rename(folder / entry, new / entry)
        old = new.with_name(new.name + OLD)
        os.rename(folder, old)
        os.rename(new, folder)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, folder)


def prune_runs(reports: Path, keep: int, *, protect: Path | None = None) -> list[Path]:
    """Remove all but the ``keep`` newest complete runs in ``reports`` (never
    ``protect``, the run ``latest`` points at), and the ``-failed`` folders older than
    the oldest run kept; return what was removed. Runs are ordered by name, which
    starts with their date and time."""
    runs = sorted(p for p in reports.iterdir() if p.is_dir() and not p.is_symlink()
                  and not p.name.startswith(".") and (p / "summary.json").is_file())
    kept = runs[-keep:] if keep > 0 else []
    oldest = kept[0].name if kept else None
    doomed = [p for p in runs if p not in kept and p != protect]
    doomed += [p for p in reports.glob("*-failed")
               if p.is_dir() and oldest is not None and p.name < oldest]
    for folder in doomed:
        shutil.rmtree(folder, ignore_errors=True)
    return sorted(doomed)
