"""The ``claimscope analyze`` command: engines, cache and messages, on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from claimscope.cli import main
from claimscope.corpus import load_corpus
from claimscope.tables import read_tables

REPO = Path(__file__).resolve().parents[1]


def _same_tables(a: Path, b: Path) -> None:
    first, second = read_tables(a), read_tables(b)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


def test_analyze_writes_tables_then_reuses_the_cache(tmp_path, capsys) -> None:
    out = tmp_path / "tables"
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--jobs", "1"]) == 0
    first = capsys.readouterr().err
    words = int(read_tables(out)["documents"]["words"].sum())
    assert (f"9 documents analysed (0 from the cache; {words:,} words); 0 set aside "
            f"(0 unreadable, 0 failed in analysis: see issues.csv); tables in {out}") in first
    assert "%|" not in first  # no progress bar when stderr is not a terminal
    assert sorted(p.name for p in (out / "sentences").iterdir()) == ["part-00000.parquet"]
    assert (out / "sentences.csv").read_text(encoding="utf-8").startswith("doc_id,sentence,")
    assert main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path / "again"),
                 "--jobs", "1"]) == 0
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--jobs", "2"]) == 0
    assert "9 documents analysed (9 from the cache;" in capsys.readouterr().err
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--no-cache"]) == 0
    assert "9 documents analysed (0 from the cache;" in capsys.readouterr().err
    _same_tables(out, tmp_path / "again")


def test_scheduler_address_needs_the_dask_engine(tmp_path, capsys) -> None:
    code = main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path / "t"),
                 "--scheduler", "tcp://127.0.0.1:8786"])
    assert code == 2
    assert "--scheduler is the address of a Dask scheduler: add --engine dask" in \
        capsys.readouterr().err


@pytest.mark.slow
def test_a_jsonl_on_dask_gives_the_tables_of_a_local_run(tmp_path, capsys) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(
        json.dumps({"id": d.id, "text": d.text, "outlet": d.outlet, "date": d.date}) + "\n"
        for d in load_corpus(REPO / "corpus").documents) + '{"id": "cut off', encoding="utf-8")
    assert main(["analyze", str(path), "--out", str(tmp_path / "local"), "--jobs", "1",
                 "--since", "2024"]) == 0
    assert main(["analyze", str(path), "--out", str(tmp_path / "dask"), "--engine", "dask",
                 "--jobs", "2", "--since", "2024"]) == 0
    said = capsys.readouterr().err
    assert "8 documents analysed" in said and "1 set aside (1 unreadable" in said
    _same_tables(tmp_path / "local", tmp_path / "dask")
    documents = read_tables(tmp_path / "dask")["documents"]
    assert len(documents) == 8 and documents["date"].min() >= "2025"  # the 2023 seed is out
