"""Run folders: partial folders of live and dead runs, unique names, swaps, pruning, links."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.runs import (
    FolderBusy,
    exclusive,
    link_tree,
    prune_runs,
    publish,
    remove_stale_partials,
    replace_folder,
    start_partial,
)

# a run that makes its partial folder and dies without cleaning up (as a kill leaves it)
DIES = """
import os, sys
from pathlib import Path
from claimscope.runs import start_partial
partial = start_partial(Path(sys.argv[1]), "2026-12-08T101500_corpus")
(partial.path / "tables").mkdir()
os._exit(9)
"""


def test_a_dead_runs_partial_is_removed_and_a_live_ones_kept(tmp_path) -> None:
    subprocess.run([sys.executable, "-c", DIES, str(tmp_path)], check=False)
    dead = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    assert len(dead) == 1 and (dead[0] / "tables").is_dir()
    alive = start_partial(tmp_path, "2026-12-08T101500_corpus")
    assert remove_stale_partials(tmp_path) == dead
    assert alive.path.is_dir() and not dead[0].exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.path.name, alive.lock.name])  # the dead run's lock file went too
    alive.release()


def test_a_partial_without_its_lock_file_is_stale(tmp_path) -> None:
    orphan = tmp_path / ".2026-12-08T101500_corpus.abcd1234.partial"
    orphan.mkdir()
    assert remove_stale_partials(tmp_path) == [orphan]


def test_runs_of_the_same_second_publish_under_names_of_their_own(tmp_path) -> None:
    name = "2026-12-08T101500_corpus"
    first, second = start_partial(tmp_path, name), start_partial(tmp_path, name)
    assert first.path != second.path
    (first.path / "summary.json").write_text("{}")
    (second.path / "summary.json").write_text("{}")
    assert publish(first, tmp_path, name) == tmp_path / name
    assert publish(second, tmp_path, name) == tmp_path / f"{name}-2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name, f"{name}-2"]


def test_replace_folder_swaps_in_the_new_tables_and_keeps_the_cache(tmp_path) -> None:
    out = tmp_path / "tables"
    (out / ".cache" / "ab").mkdir(parents=True)
    (out / ".cache" / "ab" / "entry.json").write_text("cached")
    (out / "documents.csv").write_text("old")
    new = start_partial(tmp_path, "tables")
    (new.path / "documents.csv").write_text("new")
    replace_folder(new.path, out, keep=(".cache",))
    new.release()
    assert (out / "documents.csv").read_text() == "new"
    assert (out / ".cache" / "ab" / "entry.json").read_text() == "cached"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_a_swap_cut_between_its_two_renames_is_undone(tmp_path) -> None:
    old = tmp_path / ".tables.abcd1234.partial.old"  # the folder moved aside, then a kill
    old.mkdir()
    (old / "documents.csv").write_text("old")
    remove_stale_partials(tmp_path)
    assert (tmp_path / "tables" / "documents.csv").read_text() == "old"


def test_a_second_writer_of_a_folder_is_refused(tmp_path) -> None:
    out = tmp_path / "tables"
    with exclusive(out):
        with pytest.raises(FolderBusy, match="another claimscope process is writing"):
            with exclusive(out):
                pass
    with exclusive(out):  # released: free again
        pass


def _run(reports: Path, name: str) -> Path:
    folder = reports / name
    folder.mkdir()
    (folder / "summary.json").write_text("{}")
    return folder


def test_prune_keeps_the_newest_runs_and_the_one_latest_names(tmp_path) -> None:
    runs = [_run(tmp_path, f"2026-12-0{day}T060000_corpus") for day in (1, 2, 3, 4)]
    failed = tmp_path / "2026-12-01T070000_corpus-failed"
    failed.mkdir()
    recent_failure = tmp_path / "2026-12-04T070000_corpus-failed"
    recent_failure.mkdir()
    (tmp_path / ".cache").mkdir()
    removed = prune_runs(tmp_path, 2, protect=runs[0])
    assert removed == [failed, runs[1]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".cache", runs[0].name, runs[2].name, runs[3].name, recent_failure.name])


def test_link_tree_shares_the_files_instead_of_copying_them(tmp_path) -> None:
    (tmp_path / "a" / "sentences").mkdir(parents=True)
    (tmp_path / "a" / "sentences" / "part-00000.parquet").write_bytes(b"x" * 1000)
    link_tree(tmp_path / "a", tmp_path / "b")
    one, two = (os.stat(tmp_path / f / "sentences" / "part-00000.parquet") for f in "ab")
    assert one.st_ino == two.st_ino and one.st_nlink == 2
