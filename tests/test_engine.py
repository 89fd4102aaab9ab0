"""The engine gives the same tables in a loop, a process pool and on a Dask cluster."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from claimscope import engine
from claimscope.corpus import load_corpus, open_corpus
from claimscope.engine import JsonlOnWorkers, analyze_corpus, analyze_to_folder, write_run
from claimscope.tables import read_tables

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
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


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


def _folder_run(documents, out: Path, **options) -> dict[str, pd.DataFrame]:
    analyze_to_folder(documents, out, **options)
    return read_tables(out)


@pytest.mark.slow
def test_local_processes_and_a_dask_cluster_write_identical_tables(sample, serial, tmp_path):
    local = _folder_run(sample.documents, tmp_path / "local", jobs=2, partition_size=4)
    _assert_same(serial, local)
    on_dask = _folder_run(sample.documents, tmp_path / "dask", engine="dask", jobs=2,
                          partition_size=3)
    _assert_same(local, on_dask)
    parts = list((tmp_path / "local" / "sentences").glob("part-*.parquet"))
    assert len(parts) == -(-len(sample.documents) // 4) == 6  # 24 documents, 4 a partition
    csv = pd.read_csv(tmp_path / "dask" / "attributions.csv")
    assert csv["cue"].tolist() == local["attributions"]["cue"].tolist()


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_stream_through_a_bounded_window(sample, tmp_path, jobs) -> None:
    # a pool holds 4 chunks of 8 documents per worker in flight: 64 with 2 workers
    copies = [replace(d, id=f"{n}/{d.id}") for n in range(4 if jobs == 1 else 12)
              for d in sample.documents]
    parts_seen_at_pull = []

    def documents():
        for doc in copies:
            parts_seen_at_pull.append(len(list((tmp_path / "sentences").glob("part-*"))))
            yield doc

    _folder_run(documents(), tmp_path, jobs=jobs, partition_size=4)
    # the last documents were read only after earlier ones had been written out
    assert parts_seen_at_pull[0] == 0 and parts_seen_at_pull[-1] >= 2
    assert len(list((tmp_path / "sentences").glob("part-*"))) == len(copies) // 4


def test_cache_reuses_rows_and_changes_with_the_text(sample, serial, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = analyze_corpus(sample, cache_dir=cache)
    _assert_same(serial, first)
    calls = []
    real = engine.analyze_document
    monkeypatch.setattr(engine, "analyze_document",
                        lambda d, **k: calls.append(d.id) or real(d, **k))
    stats = analyze_to_folder(sample.documents, tmp_path / "again", jobs=1, cache_dir=cache)
    _assert_same(serial, read_tables(tmp_path / "again"))
    assert calls == [] and stats.cached == len(sample.documents)  # all from the cache
    edited = replace(sample.documents[0], text=sample.documents[0].text + "\n\nOfficials said so.")
    changed = replace(sample, documents=(edited, *sample.documents[1:]))
    analyze_corpus(changed, cache_dir=cache)
    assert calls == [edited.id]  # only the edited document was analysed again


def _rewrite(entry: Path, change) -> None:
    """Give ``entry`` the records ``change`` makes of its own, with a valid checksum."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    records = change(data["records"])
    body = json.dumps(records, ensure_ascii=False, sort_keys=True)
    data.update(records=records, sha256=engine._sha256(body))
    entry.write_text(json.dumps(data), encoding="utf-8")


def _deeply_nested(entry: Path) -> None:
    key = json.loads(entry.read_text(encoding="utf-8"))["key"]
    body = "[" * 200_000 + "]" * 200_000
    entry.write_text(f'{{"key": "{key}", "sha256": "{engine._sha256(body)}", "records": {body}}}',
                     encoding="utf-8")


def _a_folder_instead(entry: Path) -> None:
    entry.unlink()
    (entry / "inner").mkdir(parents=True)
    (entry / "inner" / "file.txt").write_text("x", encoding="utf-8")


def _unreadable(entry: Path) -> None:
    entry.chmod(0)


def _retyped(records: dict) -> dict:
    records["sentences"][0]["start"] = "0"
    return records


def _of_another_document(records: dict) -> dict:
    records["hedges"] = [{**row, "doc_id": "another.md"} for row in records["hedges"]]
    return records


BROKEN_ENTRIES = {  # what: how an entry is broken
    "truncated": lambda e: e.write_bytes(e.read_bytes()[: e.stat().st_size // 2]),
    "bad checksum": lambda e: e.write_text(
        e.read_text(encoding="utf-8").replace('"hedges": ', '"hedges": 1', 1), encoding="utf-8"),
    "not JSON": lambda e: e.write_bytes(b"\x00\xff not json"),
    "empty file": lambda e: e.write_bytes(b""),
    "deep nesting": _deeply_nested,
    "JSON but not an entry": lambda e: e.write_text("[1, 2]", encoding="utf-8"),
    "no documents row": lambda e: _rewrite(e, lambda r: {**r, "documents": []}),
    "a table missing": lambda e: _rewrite(e, lambda r: {k: v for k, v in r.items()
                                                        if k != "sentences"}),
    "records not a mapping": lambda e: _rewrite(e, lambda r: list(r)),
    "rows not mappings": lambda e: _rewrite(e, lambda r: {**r, "sentences": ["a", "b"]}),
    "a row missing a column": lambda e: _rewrite(e, lambda r: {
        **r, "sentences": [{k: v for k, v in row.items() if k != "end"}
                           for row in r["sentences"]]}),
    "a span of the wrong type": lambda e: _rewrite(e, _retyped),
    "rows of another document": lambda e: _rewrite(e, _of_another_document),
    "counts that do not match": lambda e: _rewrite(e, lambda r: {
        **r, "documents": [{**r["documents"][0], "sentences": 1}]}),
    "a folder where the file should be": _a_folder_instead,
    "unreadable": pytest.param(_unreadable, marks=pytest.mark.skipif(
        os.geteuid() == 0, reason="root reads a file whatever its permissions")),
}


@pytest.mark.parametrize("damage", list(BROKEN_ENTRIES.values()), ids=list(BROKEN_ENTRIES))
def test_a_broken_cache_entry_is_recomputed_and_replaced(sample, serial, tmp_path, monkeypatch,
                                                         damage):
    analyze_corpus(sample, cache_dir=tmp_path)
    entries = sorted(tmp_path.rglob("*.json"))
    assert len(entries) == len(sample.documents)
    damage(entries[0])
    calls = []
    real = engine.analyze_document
    monkeypatch.setattr(engine, "analyze_document",
                        lambda d, **k: calls.append(d.id) or real(d, **k))
    _assert_same(serial, analyze_corpus(sample, cache_dir=tmp_path))
    assert len(calls) == 1  # the broken entry only
    assert entries[0].is_file()  # replaced by a sound one, read on the next run
    _assert_same(serial, analyze_corpus(sample, cache_dir=tmp_path))
    assert len(calls) == 1


def test_bad_engine_options_are_refused(sample) -> None:
    with pytest.raises(ValueError, match="engine 'spark' is not one of local, dask"):
        analyze_corpus(sample, engine="spark")
    with pytest.raises(ValueError, match="jobs must be 1 or more"):
        analyze_corpus(sample, jobs=0)


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


@pytest.mark.slow
def test_dask_workers_read_a_jsonl_in_blocks_and_give_the_local_tables(sample, tmp_path,
                                                                       monkeypatch):
    rows = [json.dumps({"id": d.id, "text": d.text, "outlet": d.outlet, "date": d.date})
            for d in sample.documents]
    rows[3:3] = [json.dumps({"id": sample.documents[0].id, "text": "A second copy, said he."}),
                 '{"id": "broken", "text": "no closing quote}']
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    stream = open_corpus(path)
    _folder_run(stream, tmp_path / "local", jobs=1, issues=lambda: stream.issues)
    monkeypatch.setenv(engine.CACHE_LIMIT_VARIABLE, "0")  # pruned after the run: emptied
    on_workers = JsonlOnWorkers(path, jobs=2, block_bytes=4_000, cache_dir=tmp_path / "cache")
    assert len(on_workers.blocks) > 4  # each worker reads several parts of the file
    write_run(on_workers, tmp_path / "dask", issues=lambda: on_workers.issues)
    local, dask = read_tables(tmp_path / "local"), read_tables(tmp_path / "dask")
    _assert_same(local, dask)
    assert list((tmp_path / "cache").rglob("*.json")) == []
    assert len(local["documents"]) == len(sample.documents)
    duplicate, broken = dask["issues"]["reason"]  # in line order, as a local run gives them
    assert duplicate.startswith(f'duplicate id "{sample.documents[0].id}" at corpus.jsonl:row 4')
    assert broken.startswith("row 5: invalid JSON line")


class _Interrupted(Exception):
    pass


class _FailingProgress:
    def advance(self, words: int) -> None:
        raise _Interrupted("the disk filled up while writing")


@pytest.mark.slow
def test_an_error_while_writing_shuts_the_process_pool_down(sample, tmp_path) -> None:
    import multiprocessing

    with pytest.raises(_Interrupted) as caught:
        analyze_to_folder(sample.documents, tmp_path, jobs=2, progress=_FailingProgress())
    # the traceback, which holds the run, is still alive here: the pool is gone all the same
    assert caught.traceback and multiprocessing.active_children() == []


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(sample, serial, tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    _assert_same(serial, analyze_corpus(sample, cache_dir=blocked))


def test_pool_workers_load_the_word_lists_and_exempt_them_from_collection() -> None:
    import gc
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as plain:  # a pool without claimscope's start-up
        before = [plain.submit(gc.get_freeze_count).result() for _ in range(2)]
    with engine._submitter("local", 2, None) as (submit, workers):
        frozen = [submit(gc.get_freeze_count).result() for _ in range(workers)]
    assert workers == 2 and min(frozen) > max(before) + 10_000


# ------------------------------------------------------------------ the cache's size limit

def _entries_by_use(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name))


def _age(entries: list[Path]) -> None:
    """Give ``entries`` modification times a minute apart, the first the oldest."""
    for minutes, entry in enumerate(entries):
        os.utime(entry, ns=(10**18 + minutes * 60 * 10**9,) * 2)


def test_prune_removes_the_least_recently_used_entries(sample, tmp_path) -> None:
    analyze_corpus(sample, cache_dir=tmp_path)
    entries = sorted(tmp_path.rglob("*.json"))
    _age(entries)
    sizes = [e.stat().st_size for e in entries]
    stranger = tmp_path / "notes.txt"  # not the cache's: never counted or removed
    stranger.write_text("keep me", encoding="utf-8")
    stats = engine.prune_cache(tmp_path, sum(sizes[3:]))
    assert stats == engine.PruneStats(kept=len(entries) - 3, kept_bytes=sum(sizes[3:]),
                                      removed=3, removed_bytes=sum(sizes[:3]))
    assert sorted(tmp_path.rglob("*.json")) == entries[3:] and stranger.exists()
    assert engine.prune_cache(tmp_path, sum(sizes[3:])).removed == 0
    (entries[-1].parent / "tmpq1w2e3r4.tmp").write_text("{", encoding="utf-8")  # a write cut short
    assert engine.prune_cache(tmp_path, 0) == engine.PruneStats(
        removed=len(entries) - 2, removed_bytes=sum(sizes[3:]) + 1)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # empty shards removed


def test_a_cache_hit_marks_the_entry_as_used(sample, tmp_path) -> None:
    analyze_corpus(sample, cache_dir=tmp_path)
    entries = sorted(tmp_path.rglob("*.json"))
    used = next(p for p in entries if json.loads(p.read_text(encoding="utf-8"))["records"]
                ["documents"][0]["id"] == sample.documents[0].id)
    _age([used, *(e for e in entries if e != used)])  # the oldest, until read
    analyze_corpus(replace(sample, documents=sample.documents[:1]), cache_dir=tmp_path)
    assert _entries_by_use(tmp_path)[-1] == used
    engine.prune_cache(tmp_path, used.stat().st_size)
    assert list(tmp_path.rglob("*.json")) == [used]


def test_a_run_leaves_the_cache_within_its_limit(sample, serial, tmp_path, monkeypatch) -> None:
    analyze_corpus(sample, cache_dir=tmp_path)
    sizes = sorted(e.stat().st_size for e in tmp_path.rglob("*.json"))
    limit = sum(sizes[:3])
    monkeypatch.setenv(engine.CACHE_LIMIT_VARIABLE, str(limit))
    _assert_same(serial, analyze_corpus(sample, cache_dir=tmp_path))
    kept = list(tmp_path.rglob("*.json"))
    assert 0 < len(kept) < len(sample.documents)
    assert sum(e.stat().st_size for e in kept) <= limit
    _assert_same(serial, analyze_corpus(sample, cache_dir=tmp_path))  # results never change


def test_prune_of_a_missing_folder_is_an_empty_cache(tmp_path) -> None:
    assert engine.prune_cache(tmp_path / "absent", 0) == engine.PruneStats()
    with pytest.raises(ValueError, match="max_bytes is -1: give the most bytes"):
        engine.prune_cache(tmp_path, -1)


@pytest.mark.parametrize(("text", "size"), [
    ("0", 0), ("1048576", 2**20), ("500M", 500 * 2**20), ("2G", 2 * 2**30), ("2GB", 2 * 2**30),
    ("2 GiB", 2 * 2**30), ("1.5g", 3 * 2**29), ("10k", 10240), ("1T", 2**40),
])
def test_sizes_are_read_in_binary_multiples(text, size) -> None:
    assert engine.parse_size(text) == size


@pytest.mark.parametrize("value", ["", "lots", "-1G", "2X", "1e9"])
def test_a_limit_that_is_not_a_size_warns_and_keeps_the_default(monkeypatch, value) -> None:
    monkeypatch.setenv(engine.CACHE_LIMIT_VARIABLE, value)
    with pytest.warns(UserWarning, match=r"is not a size: give a number of bytes"):
        assert engine.cache_limit() == engine.DEFAULT_CACHE_MAX_BYTES
    monkeypatch.delenv(engine.CACHE_LIMIT_VARIABLE)
    assert engine.cache_limit() == engine.DEFAULT_CACHE_MAX_BYTES == 2 * 2**30
