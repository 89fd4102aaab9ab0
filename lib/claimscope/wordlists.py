"""One loader for the word lists that are data: ``lexicons/*.csv``, shipped or the user's.

A list is a CSV with a header row; :func:`rows` reads it once (remembered by path and
modification time, so an edited file is read again) and checks its columns, so a broken
list is one clear error naming the file and the line. :func:`version` is what outputs
record, so a table can say which lists made it.

>>> [row["rule"] for row in rows("framing_markers.csv", ("rule",))][:1]
['dispute:no-evidence']
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

Row = dict[str, str]


@lru_cache(maxsize=64)
def shipped(name: str) -> Path:
    """The path of a list shipped with claimscope (``lexicons/NAME``)."""
    return Path(str(resources.files("claimscope") / "lexicons" / name))


def rows(name: str, columns: Sequence[str], *, path: str | Path | None = None,
         ) -> tuple[Row, ...]:
    """The rows of the list ``name`` (or of the user's file ``path``), stripped of
    surrounding spaces; raises ValueError naming the file and line when a column is
    missing or a row lacks a value in the first column."""
    file = Path(path).resolve() if path is not None else shipped(name)
    if not file.is_file():
        raise FileNotFoundError(f"word list {file} not found; copy {shipped(name)} and edit it")
    return _rows(str(file), tuple(columns), file.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _rows(path: str, columns: tuple[str, ...], modified: int) -> tuple[Row, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; the header "
                             f"needs {','.join(columns)}")
        found = []
        for line, row in enumerate(reader, start=2):
            clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
            if columns and not clean.get(columns[0]):
                raise ValueError(f"{path} line {line}: no {columns[0]}; fill it or remove "
                                 "the line")
            found.append(clean)
    return tuple(found)


def version(name: str, *, path: str | Path | None = None) -> str:
    """A short fingerprint of a list's bytes, for the outputs that used it."""
    file = Path(path) if path is not None else shipped(name)
    return hashlib.sha256(file.read_bytes()).hexdigest()[:12]
