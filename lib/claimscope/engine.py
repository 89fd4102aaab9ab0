"""Run the analysis over a corpus: in process, in a process pool, or on Dask.

The same pure function (:func:`analyze_document`) is mapped over documents whatever
the scheduler, so results are identical; they are put back in document order.
Results can be cached on disk by content hash, claimscope version and word-list
versions, so a re-run analyses only what changed.

A document whose analysis raises becomes a row in the ``issues`` table (file,
reason, hint) and the run goes on with the rest.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import pandas as pd

import claimscope
from claimscope.analysis import Lexicons, analyze
from claimscope.corpus import (
    BlockRows,
    Corpus,
    CorpusIssue,
    DateWindow,
    Document,
    IdRegister,
    JsonlBlock,
    file_level_issues,
    jsonl_blocks,
    read_jsonl_block,
    source_file,
)
from claimscope.progress import Progress
from claimscope.tables import (
    COLUMNS,
    CORPUS_STAGE_COLUMNS,
    DOCUMENT_COUNTS,
    ROW_TABLES,
    Records,
    TableWriter,
    build_tables,
    document_records,
    document_rows,
    finish_documents,
    issues_frame,
)

ENGINES = ("local", "dask")
# chunks in flight per worker: enough work queued to keep workers busy while this
# process writes a partition, few enough to keep memory small
_CHUNKS_PER_WORKER = 4


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


@lru_cache(maxsize=2)
def code_fingerprint(suffixes: tuple[str, ...] = (".py", ".csv")) -> str:
    """Hash of claimscope's own code and shipped word lists, so no cached result
    outlives a change to the rules (even one that forgot to bump a version).
    ``suffixes`` adds other shipped files (the report quotes ``data/*.json``)."""
    root = Path(claimscope.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts:
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
    engine: str = "local",
    jobs: int | None = 1,
    scheduler: str | None = None,
    cache_dir: str | Path | None = None,
    claims: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Analyse every document of a loaded ``corpus`` and return the run's tables.

    For notebooks and small corpora: everything is held in memory. A large corpus goes
    through :func:`analyze_to_folder`, which streams. Options as there.
    """
    docs, records, failed = [], [], []
    run = analyze_documents(corpus.documents, lexicons=lexicons, entities=entities,
                            engine=engine, jobs=jobs, scheduler=scheduler, cache_dir=cache_dir)
    with _stopping(run) as batches:
        for batch in batches:
            for doc, outcome in batch:
                if outcome.records is None:
                    failed.append(failure_issue(doc, outcome))
                else:
                    docs.append(doc)
                    records.append(outcome.records)
    kept = Corpus(corpus.root, tuple(docs), corpus.issues)
    return claims_stage(lexicons, claims)(build_tables(kept, records, failed))


def claims_stage(lexicons: Lexicons | None, claims: Mapping[str, Sequence[str]] | None,
                 ) -> Callable[[Mapping[str, pd.DataFrame]], dict[str, pd.DataFrame]]:
    """The corpus-level stage after the analysis: claims across documents
    (:func:`claimscope.claims.with_claims`), with the run's entity aliases and the
    researcher's own claims (name -> phrases)."""
    from claimscope.claims import with_claims
    from claimscope.sentiment import load_entities

    aliases = load_entities((lexicons or Lexicons()).entities)
    return partial(with_claims, entities=aliases, user_claims=claims)


@dataclass
class RunStats:
    """What a run did: documents analysed afresh, taken from the cache, set aside."""

    analysed: int = 0
    cached: int = 0
    failed: int = 0
    words: int = 0

    def count(self, outcome: Outcome, *, cached: bool) -> None:
        """Count one document's outcome."""
        if cached:
            self.cached += 1
        elif outcome.records is None:
            self.failed += 1
        else:
            self.analysed += 1


def analyze_to_folder(
    documents: Iterable[Document],
    out: str | Path,
    *,
    issues: Callable[[], Iterable[CorpusIssue]] = tuple,
    lexicons: Lexicons | None = None,
    entities: Mapping[str, Sequence[str]] | None = None,
    engine: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    partition_size: int = 500,
    claims: Mapping[str, Sequence[str]] | None = None,
) -> RunStats:
    """Analyse documents as they stream in and write the tables into ``out`` as they go.

    Memory stays bounded whatever the corpus size: documents are read, analysed and
    written a batch at a time (see :class:`claimscope.tables.TableWriter` for the
    layout), and only one small row per document (metadata and counts, no text) is
    kept until the end. ``issues`` is called at the end for the corpus's issues (a
    :class:`CorpusStream` fills them while it is read). ``partition_size`` is the number
    of documents per Parquet partition. ``claims`` are the researcher's own claims
    (name -> phrases) for the claims stage (:func:`claims_stage`).
    """
    stats = RunStats()
    run = analyze_documents(documents, lexicons=lexicons, entities=entities, engine=engine,
                            jobs=jobs, scheduler=scheduler, cache_dir=cache_dir, stats=stats)
    return write_run(run, out, issues=issues, stats=stats, progress=progress,
                     partition_size=partition_size,
                     corpus_stage=claims_stage(lexicons, claims))


def write_run(
    run: Iterable[list[tuple[Document, Outcome]]],
    out: str | Path,
    *,
    issues: Callable[[], Iterable[CorpusIssue]] = tuple,
    stats: RunStats | None = None,
    progress: Progress | None = None,
    partition_size: int = 500,
    corpus_stage: Callable[[Mapping[str, pd.DataFrame]], Mapping[str, pd.DataFrame]]
    | None = None,
) -> RunStats:
    """Write analysed documents, as they come, into the tables of ``out``; then run the
    corpus-level stage (default: :func:`claims_stage` with the shipped lists)."""
    writer = TableWriter(out)
    stats = stats if stats is not None else RunStats()
    document_parts: list[pd.DataFrame] = []
    failed: list[dict] = []
    pending: list[tuple[Document, Records]] = []

    def flush() -> None:
        writer.add([records for _, records in pending])
        document_parts.append(document_rows([doc for doc, _ in pending],
                                            [records for _, records in pending]))
        pending.clear()

    with _stopping(run) as batches:
        for batch in batches:
            for doc, outcome in batch:
                words = outcome.records["documents"][0]["words"] if outcome.records else 0
                if outcome.records is None:
                    failed.append(failure_issue(doc, outcome))
                else:
                    pending.append((doc, outcome.records))
                    stats.words += words
                if progress:
                    progress.advance(words)
                if len(pending) == partition_size:
                    flush()
    if pending:
        flush()
    writer.close(finish_documents(document_parts), issues_frame(issues(), failed),
                 corpus_stage or claims_stage(None, None))
    return stats


class JsonlOnWorkers:
    """A .jsonl corpus that Dask workers read themselves, a line-aligned block each.

    Iterate it for the analysed documents, block by block in file order (as
    :func:`analyze_documents` gives them); ``issues`` holds the file's issues once
    iterated. The file (and ``cache_dir``) must be reachable at the same path from every
    worker. Duplicate ids and the date window are applied here, in file order, so the
    tables are those of a local run on the same file.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        lexicons: Lexicons | None = None,
        entities: Mapping[str, Sequence[str]] | None = None,
        jobs: int | None = None,
        scheduler: str | None = None,
        cache_dir: str | Path | None = None,
        window: DateWindow | None = None,
        stats: RunStats | None = None,
        block_bytes: int = 2**20,
    ) -> None:
        self.path = Path(path).resolve()
        blocks = jsonl_blocks(self.path, block_bytes)
        if blocks is None:
            raise ValueError(f"{self.path} is not clean UTF-8: it is read by one process")
        self.blocks = blocks
        self.cache_dir = cache_dir
        self.work = partial(analyze_block, name=self.path.name, lexicons=lexicons or Lexicons(),
                            entities=entities, cache_dir=cache_dir and str(cache_dir),
                            window=window)
        self.jobs, self.scheduler, self.window = jobs, scheduler, window
        self.stats = stats if stats is not None else RunStats()
        self.issues: list[CorpusIssue] = []

    def __iter__(self) -> Iterator[list[tuple[Document, Outcome]]]:
        ids, outside, rows = IdRegister(), [], []
        in_flight: deque = deque()
        with _submitter("dask", self.jobs, self.scheduler) as (submit, workers):
            window = 2 * workers  # blocks are large
            for block in self.blocks:
                in_flight.append(submit(self.work, block))
                while len(in_flight) > window:
                    yield self._admit(in_flight.popleft().result(), ids, outside, rows)
            while in_flight:
                yield self._admit(in_flight.popleft().result(), ids, outside, rows)
        if self.cache_dir:
            prune_cache(self.cache_dir, cache_limit())
        whole = file_level_issues(self.path.name, rows)
        issues = whole if whole is not None else [
            issue for r in rows for _, issue, _ in sorted(r.issues, key=lambda i: i[0])]
        self.issues = [*issues, *outside]

    def _admit(self, result: tuple[BlockRows, list[tuple[Outcome | None, bool]]], ids: IdRegister,
               outside: list[CorpusIssue], rows: list[BlockRows]) -> list:
        block_rows, outcomes = result
        kept = []
        for doc, line, (outcome, cached) in zip(block_rows.documents, block_rows.lines,
                                                outcomes, strict=True):
            duplicate = ids.admit(doc)
            if duplicate is not None:
                block_rows.issues.append((line, duplicate, False))  # sorted in by line
                continue
            inside, issue = self.window.admits(doc) if self.window else (True, None)
            if issue is not None:
                outside.append(issue)
            if not inside:
                continue
            self.stats.count(outcome, cached=cached)
            kept.append((doc, outcome))
        rows.append(BlockRows([], [], block_rows.issues, block_rows.has_text, block_rows.keys,
                              block_rows.entries))
        return kept


def analyze_block(
    block: JsonlBlock,
    *,
    name: str,
    lexicons: Lexicons,
    entities: Mapping[str, Sequence[str]] | None,
    cache_dir: str | None,
    window: DateWindow | None,
) -> tuple[BlockRows, list[tuple[Outcome | None, bool]]]:
    """On a worker: read one block of a .jsonl and analyse its documents (or take them
    from the cache); each outcome is paired with whether it came from the cache. A
    document outside the date window is not analysed (its outcome is None)."""
    rows = read_jsonl_block(block, name)
    cache = Cache(Path(cache_dir), lexicons, entities) if cache_dir else None
    outcomes: list[tuple[Outcome | None, bool]] = []
    for doc in rows.documents:
        if window and not window.admits(doc)[0]:
            outcomes.append((None, False))
            continue
        cached = cache.get(doc) if cache else None
        if cached is not None:
            outcomes.append((Outcome(doc.id, cached), True))
            continue
        outcome = analyze_document(doc, lexicons=lexicons, entities=entities)
        if cache and outcome.records is not None:
            cache.put(doc, outcome.records)
        outcomes.append((outcome, False))
    return rows, outcomes


def failure_issue(doc: Document, outcome: Outcome) -> dict:
    """The issues row of a document whose analysis raised."""
    return {"file": source_file(doc.source or doc.id), "id": doc.id, "severity": "error",
            "reason": f"analysis failed: {outcome.error}",
            "hint": "the document was set aside; if its text looks ordinary, the reason is a "
                    "bug in claimscope: report it with the reason"}


def analyze_documents(
    documents: Iterable[Document],
    *,
    lexicons: Lexicons | None = None,
    entities: Mapping[str, Sequence[str]] | None = None,
    engine: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    cache_dir: str | Path | None = None,
    stats: RunStats | None = None,
    chunk_size: int = 8,
) -> Iterator[list[tuple[Document, Outcome]]]:
    """Analyse documents as they stream in; yield them with their outcomes in chunks,
    in document order.

    ``engine="local"``: in this process when ``jobs`` is 1, else in a pool of ``jobs``
    processes (default: every core). ``engine="dask"``: on the Dask cluster at
    ``scheduler`` (``tcp://host:8786``), else on a ``LocalCluster`` of ``jobs``
    single-threaded workers. Either way only a few chunks of ``chunk_size`` documents
    are in flight at once. With ``cache_dir`` each document's rows are kept on disk
    keyed by :func:`cache_key` and a cached document is not analysed again; when all
    are done, the cache is pruned to :func:`cache_limit`.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r} is not one of {', '.join(ENGINES)}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be 1 or more, got {jobs}")
    lex = lexicons or Lexicons()
    work = partial(analyze_chunk, lexicons=lex, entities=entities)
    cache = Cache(Path(cache_dir), lex, entities) if cache_dir else None
    stats = stats if stats is not None else RunStats()
    chunks = _chunks(documents, chunk_size)
    with _submitter(engine, jobs, scheduler) as (submit, workers):
        in_flight: deque[tuple[list[Document], dict[int, Outcome], Any]] = deque()
        window = 0 if _in_process(engine, jobs) else _CHUNKS_PER_WORKER * workers
        for chunk in chunks:
            known = {i: Outcome(d.id, r) for i, d in enumerate(chunk)
                     if cache and (r := cache.get(d)) is not None}
            todo = [d for i, d in enumerate(chunk) if i not in known]
            in_flight.append((chunk, known, submit(work, todo) if todo else None))
            while len(in_flight) > window:
                yield _collect(in_flight.popleft(), cache, stats)
        while in_flight:
            yield _collect(in_flight.popleft(), cache, stats)
    if cache:
        cache.prune()


def analyze_chunk(
    docs: Sequence[Document],
    *,
    lexicons: Lexicons,
    entities: Mapping[str, Sequence[str]] | None = None,
) -> list[Outcome]:
    """:func:`analyze_document` over a few documents: the unit of work sent to a worker."""
    return [analyze_document(doc, lexicons=lexicons, entities=entities) for doc in docs]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in documents:
        chunk.append(doc)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _collect(
    entry: tuple[list[Document], dict[int, Outcome], Any], cache: Cache | None, stats: RunStats
) -> list[tuple[Document, Outcome]]:
    chunk, known, future = entry
    fresh = iter(future.result() if future is not None else ())
    result = []
    for i, doc in enumerate(chunk):
        if i in known:
            outcome = known[i]
        else:
            outcome = next(fresh)
            if cache and outcome.records is not None:
                cache.put(doc, outcome.records)
        stats.count(outcome, cached=i in known)
        result.append((doc, outcome))
    return result


@contextmanager
def _stopping(run: Iterable[Any]) -> Iterator[Iterator[Any]]:
    """Iterate ``run`` and close it when done or on an error, so its pool or cluster
    shuts down now rather than whenever the traceback that holds it is dropped."""
    batches = iter(run)
    try:
        yield batches
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()


def _in_process(engine: str, jobs: int | None) -> bool:
    return engine == "local" and (jobs or os.cpu_count() or 1) == 1


class _Immediate:
    """A finished 'future', for work done in this process."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


def _prepare_worker() -> None:
    """Load the shipped word lists and models in a new worker, then exempt them from
    garbage collection (``gc.freeze``): they live as long as the worker, and each full
    collection would walk them again (about 1.5% of the analysis time). Should loading
    fail, each document fails with the reason in its own issues row, as in one process
    (an initializer that raises would break the whole pool instead)."""
    try:
        analyze("Officials said the talks may resume.")
    except Exception:  # noqa: BLE001, S110 - reported per document by analyze_document
        return
    gc.freeze()


@contextmanager
def _submitter(engine: str, jobs: int | None, scheduler: str | None) -> Iterator[
        tuple[Callable, int]]:
    """A ``submit(function, argument) -> future`` for the engine, and how many workers
    it has, open while in use. On an error (or when the caller stops early) work not
    yet started is cancelled and the pool or cluster is shut down."""
    if _in_process(engine, jobs):
        yield (lambda function, argument: _Immediate(function(argument))), 1
    elif engine == "local":
        workers = jobs or os.cpu_count() or 1
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_prepare_worker)
        try:
            yield pool.submit, workers
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    else:
        with _dask_client(jobs, scheduler) as client:
            workers = sum(client.nthreads().values()) or 1
            yield (lambda function, argument: client.submit(function, argument,
                                                            pure=False)), workers


@contextmanager
def _dask_client(jobs: int | None, scheduler: str | None) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ImportError(
            "engine 'dask' needs Dask: pip install 'claimscope[dask]'"
        ) from error
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1,
                       processes=True, dashboard_address=None) as cluster,
          Client(cluster) as client):
        yield client


class Cache:
    """Each document's table rows on disk, keyed by :func:`cache_key`.

    An entry holds its key and a SHA-256 of its rows; an entry that cannot be read, does
    not parse (a truncated or damaged file, nesting too deep to parse), names another
    key, fails its checksum or does not have the shape of an analysis's rows is removed
    and recomputed, never trusted. A hit touches its entry, so :meth:`prune` keeps the
    entries used last.
    """

    def __init__(self, folder: Path, lexicons: Lexicons,
                 entities: Mapping[str, Sequence[str]] | None) -> None:
        self.folder = folder
        self.lexicons = lexicons
        self.entities = entities

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, doc: Document) -> Records | None:
        """The cached rows of ``doc``, or None when absent or broken (then removed)."""
        key = cache_key(doc, self.lexicons, self.entities)
        path = self._path(key)
        try:
            records = _entry_records(path.read_text(encoding="utf-8"), key, doc.id)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError, MemoryError):
            records = None
        if records is None:
            _discard(path)
            return None
        _touch(path)
        return records

    def put(self, doc: Document, records: Records) -> None:
        """Keep the rows of ``doc`` (written to a file of its own, then renamed into
        place). Best effort: a cache that cannot be written (disk full, read-only) costs
        a re-analysis next time, never the run."""
        key = cache_key(doc, self.lexicons, self.entities)
        path = self._path(key)
        body = json.dumps(records, ensure_ascii=False, sort_keys=True)
        entry = {"key": key, "sha256": _sha256(body), "records": records}
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(json.dumps(entry, ensure_ascii=False))
            os.replace(tmp, path)
        except (OSError, UnicodeError):
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def prune(self) -> PruneStats:
        """Bring the cache within :func:`cache_limit` (see :func:`prune_cache`)."""
        return prune_cache(self.folder, cache_limit())


def _entry_records(text: str, key: str, doc_id: str) -> Records | None:
    """The rows held in a cache entry's ``text``, or None unless the entry is ``key``'s,
    its checksum holds and its rows have the shape of ``doc_id``'s analysis."""
    entry = json.loads(text)
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    records = entry.get("records")
    body = json.dumps(records, ensure_ascii=False, sort_keys=True)
    if entry.get("sha256") != _sha256(body) or not _well_formed(records, doc_id):
        return None
    return records


def _well_formed(records: object, doc_id: str) -> bool:
    """Whether ``records`` are one document's rows as :func:`document_records` makes them:
    every table, one documents row whose counts match, every row of ``doc_id`` with its
    table's columns, whole numbers for sentence indices and spans, plain values."""
    if not isinstance(records, dict) or records.keys() != {"documents", *ROW_TABLES}:
        return False
    documents = records["documents"]
    if not (isinstance(documents, list) and len(documents) == 1
            and isinstance(documents[0], dict)):
        return False
    counts = documents[0]
    if (counts.keys() != {"id", "words", *DOCUMENT_COUNTS} or counts["id"] != doc_id
            or not all(_is_count(counts[c]) for c in ("words", *DOCUMENT_COUNTS))):
        return False
    if any(counts[c] != len(records[c]) for c in DOCUMENT_COUNTS):
        return False
    return all(isinstance(records[name], list)
               and all(_well_formed_row(row, name, doc_id) for row in records[name])
               for name in ROW_TABLES)


def _well_formed_row(row: object, table: str, doc_id: str) -> bool:
    if not isinstance(row, dict) or row.keys() != _ROW_KEYS[table] or row["doc_id"] != doc_id:
        return False
    return all(_is_position(value) if column in _POSITIONS else isinstance(value, _SCALARS)
               for column, value in row.items())


def _is_count(value: object) -> bool:
    return type(value) is int and value >= 0


def _is_position(value: object) -> bool:
    return value is None or _is_count(value)


_ROW_KEYS = {name: frozenset(COLUMNS[name]) - frozenset(CORPUS_STAGE_COLUMNS.get(name, ()))
             for name in ROW_TABLES}
_POSITIONS = frozenset({"sentence", "start", "end", "cue_start", "cue_end", "source_start",
                        "source_end", "content_start", "content_end"})
_SCALARS = (str, int, float, bool, type(None))


def _discard(path: Path) -> None:
    """Remove a broken entry (a file, or a folder where the file should be); best effort."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _touch(path: Path) -> None:
    """Mark an entry as just used (its modification time), for :func:`prune_cache`."""
    try:
        os.utime(path)
    except OSError:
        pass


DEFAULT_CACHE_MAX_BYTES = 2 * 2**30
CACHE_LIMIT_VARIABLE = "CLAIMSCOPE_CACHE_MAX_BYTES"
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from ``text``: a whole number of bytes, or a number with K, M, G or T
    (binary multiples: ``500M`` is 500 MiB; ``2GB`` and ``2GiB`` are 2 GiB).

    >>> parse_size("1.5G")
    1610612736
    """
    match = _SIZE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a size: give a number of bytes, or a number "
                         "followed by K, M, G or T (such as 500M or 2G)")
    number, unit = match.groups()
    return int(float(number) * 1024 ** "_KMGT".index(unit.upper() or "_"))


def cache_limit() -> int:
    """The cache's size limit in bytes: ``$CLAIMSCOPE_CACHE_MAX_BYTES`` (see
    :func:`parse_size`), else :data:`DEFAULT_CACHE_MAX_BYTES` (2 GiB). A value that is not
    a size is reported in a warning and the default used: the run goes on."""
    value = os.environ.get(CACHE_LIMIT_VARIABLE)
    if value is None:
        return DEFAULT_CACHE_MAX_BYTES
    try:
        return parse_size(value)
    except ValueError as error:
        warnings.warn(f"{CACHE_LIMIT_VARIABLE}={error}; the default of 2G is used this time",
                      UserWarning, stacklevel=2)
        return DEFAULT_CACHE_MAX_BYTES


@dataclass(frozen=True)
class PruneStats:
    """What :func:`prune_cache` did: entries (and their bytes) kept and removed."""

    kept: int = 0
    kept_bytes: int = 0
    removed: int = 0
    removed_bytes: int = 0


def prune_cache(folder: str | Path, max_bytes: int) -> PruneStats:
    """Remove the least recently used entries of the cache in ``folder`` until the rest
    take at most ``max_bytes``; return what was kept and removed.

    Use is read from each entry's modification time (a hit touches it; ties go by name,
    so the choice is the same each time). Only the cache's own files are looked at:
    ``XX/<sha256>.json`` entries and the temporary files of an interrupted write; a
    missing folder is an empty cache. Results never depend on it: a removed entry costs
    a re-analysis. A file that cannot be removed is counted as kept.
    """
    if max_bytes < 0:
        raise ValueError(f"max_bytes is {max_bytes}: give the most bytes the cache may keep "
                         "(0 or more; 0 empties it)")
    entries = sorted(_cache_files(Path(folder)))
    total = sum(size for _, _, size in entries)
    removed = removed_bytes = 0
    for _, path, size in entries:
        if total - removed_bytes <= max_bytes:
            break
        try:
            path.unlink()
        except FileNotFoundError:
            pass  # removed meanwhile by another run
        except OSError:
            continue
        removed += 1
        removed_bytes += size
        _remove_if_empty(path.parent)
    return PruneStats(kept=len(entries) - removed, kept_bytes=total - removed_bytes,
                      removed=removed, removed_bytes=removed_bytes)


# entries, and the temporary files (mkstemp's names) of writes that were cut short
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json|tmp\w+\.tmp")


def _cache_files(folder: Path) -> Iterator[tuple[tuple[int, str], Path, int]]:
    """Each cache file below ``folder`` as ((mtime, name), path, size); unreadable
    folders and files that vanish while read are left out."""
    try:
        shards = [p for p in folder.iterdir() if re.fullmatch(r"[0-9a-f]{2}", p.name)]
    except OSError:
        return
    for shard in sorted(shards):
        try:
            files = list(os.scandir(shard))
        except OSError:
            continue
        for item in files:
            if not _ENTRY_NAME.fullmatch(item.name):
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                yield (info.st_mtime_ns, item.name), Path(item.path), info.st_size


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty, or gone


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
