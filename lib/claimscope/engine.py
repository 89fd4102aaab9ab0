"""Run the analysis over a corpus: in process, in a process pool, or on Dask.

The same pure function (:func:`analyze_document`) is mapped over documents whatever
the scheduler, so results are identical; they are put back in document order.
Results can be cached on disk by content hash, claimscope version and word-list
versions, so a re-run analyses only what changed.

A document whose analysis raises becomes a row in the ``issues`` table (file,
reason, hint) and the run goes on with the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd

import claimscope
from claimscope.analysis import Lexicons, analyze
from claimscope.corpus import Corpus, Document, source_file
from claimscope.tables import Records, build_tables, document_records

SCHEDULERS = ("serial", "processes", "dask")


@dataclass(frozen=True)
class Outcome:
    """What analysing one document gave: its table rows, or why it failed."""

    doc_id: str
    records: Records | None
    error: str | None = None


def lexicon_versions() -> dict[str, str]:
    """The version of every shipped word list; written into every output."""
    from claimscope import attribution, hedging, sentiment, text

    return {
        "abbreviations": text.ABBREVIATIONS_VERSION,
        "reporting_cues": attribution.LEXICON_VERSION,
        "hedges": hedging.LEXICON_VERSION,
        "sentiment": sentiment.LEXICON_VERSION,
    }


def analyze_document(
    doc: Document,
    *,
    lexicons: Lexicons,
    entities: Mapping[str, Sequence[str]] | None = None,
) -> Outcome:
    """Analyse one document into table rows; never raises for a bad document."""
    try:
        return Outcome(doc.id, document_records(doc, analyze(doc, lexicons=lexicons,
                                                              entities=entities)))
    except Exception as error:  # noqa: BLE001 - one bad document must not stop a run
        return Outcome(doc.id, None, f"{type(error).__name__}: {error}")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of claimscope's own code and shipped word lists, so no cached result
    outlives a change to the rules (even one that forgot to bump a version)."""
    root = Path(claimscope.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".csv"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(doc: Document, lexicons: Lexicons, entities: Mapping | None) -> str:
    """Content hash of everything an analysis depends on."""
    parts = {
        "claimscope": claimscope.__version__,
        "code": code_fingerprint(),
        "lexicons": lexicon_versions(),
        "user_lexicons": {k: _file_hash(v) for k, v in vars(lexicons).items() if v},
        "entities": entities and {k: list(v) for k, v in sorted(entities.items())},
        "id": doc.id,
        "text": doc.text,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def analyze_corpus(
    corpus: Corpus,
    *,
    lexicons: Lexicons | None = None,
    entities: Mapping[str, Sequence[str]] | None = None,
    scheduler: str = "serial",
    workers: int | None = None,
    dask_address: str | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, pd.DataFrame]:
    """Analyse every document of ``corpus`` and return the run's tables.

    ``scheduler``: ``serial`` (one process), ``processes`` (a local pool of
    ``workers``) or ``dask`` (a Dask bag; on the cluster at ``dask_address`` when
    given, else Dask's local multiprocessing scheduler). ``cache_dir`` keeps each
    document's rows as JSON keyed by :func:`cache_key`.
    """
    if scheduler not in SCHEDULERS:
        raise ValueError(f"scheduler {scheduler!r} is not one of {', '.join(SCHEDULERS)}")
    lex = lexicons or Lexicons()
    docs = list(corpus.documents)
    cache = Path(cache_dir) if cache_dir else None
    keys = [cache_key(d, lex, entities) for d in docs] if cache else [None] * len(docs)
    outcomes: dict[int, Outcome] = {}
    todo = []
    for index, (doc, key) in enumerate(zip(docs, keys, strict=True)):
        cached = _read_cache(cache, key) if cache and key else None
        if cached is not None:
            outcomes[index] = Outcome(doc.id, cached)
        else:
            todo.append(index)
    work = partial(analyze_document, lexicons=lex, entities=entities)
    fresh = _map(work, [docs[i] for i in todo], scheduler, workers, dask_address, progress)
    for index, outcome in zip(todo, fresh, strict=True):
        outcomes[index] = outcome
        if cache and outcome.records is not None:
            _write_cache(cache, keys[index], outcome.records)
    ordered = [outcomes[i] for i in range(len(docs))]
    failed = [
        {"file": source_file(docs[i].source or docs[i].id), "id": o.doc_id, "severity": "error",
         "reason": f"analysis failed: {o.error}",
         "hint": "the document was set aside; if its text looks ordinary, the reason is a "
                 "bug in claimscope: report it with the reason"}
        for i, o in enumerate(ordered) if o.records is None
    ]
    good_ids = {o.doc_id for o in ordered if o.records is not None}
    kept = Corpus(corpus.root, tuple(d for d in docs if d.id in good_ids), corpus.issues)
    return build_tables(kept, (o.records for o in ordered if o.records is not None), failed)


def _map(
    work: Callable[[Document], Outcome],
    docs: list[Document],
    scheduler: str,
    workers: int | None,
    dask_address: str | None,
    progress: Callable[[int, int], None] | None,
) -> list[Outcome]:
    if not docs:
        return []
    if scheduler == "dask":
        return _map_dask(work, docs, workers, dask_address)
    if scheduler == "processes":
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(docs) // (4 * (workers or 2)))
            return _with_progress(pool.map(work, docs, chunksize=chunk), len(docs), progress)
    return _with_progress(map(work, docs), len(docs), progress)


def _with_progress(
    results: Iterable[Outcome], total: int, progress: Callable[[int, int], None] | None
) -> list[Outcome]:
    done = []
    for outcome in results:
        done.append(outcome)
        if progress:
            progress(len(done), total)
    return done


def _map_dask(
    work: Callable[[Document], Outcome],
    docs: list[Document],
    workers: int | None,
    dask_address: str | None,
) -> list[Outcome]:
    try:
        import dask.bag as db
    except ImportError as error:
        raise ImportError(
            "scheduler 'dask' needs Dask: pip install 'claimscope[dask]'"
        ) from error
    partitions = max(1, min(len(docs), 4 * (workers or 2)))
    bag = db.from_sequence(docs, npartitions=partitions).map(work)
    if dask_address:
        from distributed import Client

        with Client(dask_address) as client:
            return list(client.compute(bag).result())
    return list(bag.compute(scheduler="processes", num_workers=workers))


def _read_cache(cache: Path, key: str) -> Records | None:
    path = cache / key[:2] / f"{key}.json"
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None  # a damaged cache entry is recomputed, never trusted


def _write_cache(cache: Path, key: str, records: Records) -> None:
    path = cache / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
