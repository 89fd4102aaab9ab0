"""The engine gives the same tables in a loop, a process pool and on a Dask cluster."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from claimscope import engine
from claimscope.corpus import load_corpus
from claimscope.engine import analyze_corpus

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample():
    return load_corpus(REPO / "corpus")


@pytest.fixture(scope="module")
def serial(sample):
    return analyze_corpus(sample)


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False, obj=name)


def test_tables_trace_every_row_to_its_document(serial, sample) -> None:
    texts = {d.id: d.text for d in sample.documents}
    assert sorted(serial["documents"]["id"]) == sorted(texts)
    for row in serial["attributions"].itertuples():
        assert texts[row.doc_id][row.cue_start : row.cue_end] == row.cue
    for row in serial["hedges"].itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    for row in serial["sentences"].itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    seed = serial["documents"].set_index("id").loc["seed/white-house-iran-drone-factory.md"]
    assert seed["attributions"] > 10 and seed["hedges"] > 5 and seed["sentences"] == 35


@pytest.mark.slow
def test_process_pool_and_dask_cluster_give_identical_tables(sample, serial) -> None:
    from distributed import Client, LocalCluster

    _assert_same(serial, analyze_corpus(sample, scheduler="processes", workers=2))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        on_dask = analyze_corpus(sample, scheduler="dask", dask_address=cluster.scheduler_address)
    _assert_same(serial, on_dask)


def test_cache_reuses_rows_and_changes_with_the_text(sample, serial, tmp_path, monkeypatch):
    first = analyze_corpus(sample, cache_dir=tmp_path)
    _assert_same(serial, first)
    calls = []
    real = engine.analyze_document
    monkeypatch.setattr(engine, "analyze_document",
                        lambda d, **k: calls.append(d.id) or real(d, **k))
    _assert_same(serial, analyze_corpus(sample, cache_dir=tmp_path))
    assert calls == []  # every document came from the cache
    edited = replace(sample.documents[0], text=sample.documents[0].text + "\n\nOfficials said so.")
    changed = replace(sample, documents=(edited, *sample.documents[1:]))
    analyze_corpus(changed, cache_dir=tmp_path)
    assert calls == [edited.id]  # only the edited document was analysed again


def test_a_document_whose_analysis_fails_becomes_an_issue(sample, monkeypatch) -> None:
    real = engine.analyze

    def flaky(doc, **kwargs):
        if doc.id.startswith("seed/"):
            raise ValueError("tokeniser choked on a control character")
        return real(doc, **kwargs)

    monkeypatch.setattr(engine, "analyze", flaky)
    tables = analyze_corpus(sample)
    assert "seed/white-house-iran-drone-factory.md" not in set(tables["documents"]["id"])
    assert len(tables["documents"]) == len(sample.documents) - 1
    (issue,) = tables["issues"].to_dict(orient="records")
    assert issue["severity"] == "error"
    assert issue["file"] == "seed/white-house-iran-drone-factory.md"
    assert "tokeniser choked" in issue["reason"] and issue["hint"]
