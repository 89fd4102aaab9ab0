"""Analyses -> pandas tables, and tables <-> a run folder (Parquet and CSV).

Tables, one row per ...:

* ``documents``: document (metadata, words, sentences and counts of each analysis)
* ``sentences``: sentence (span, text, tone scores, hedge and attribution counts)
* ``attributions``: attribution (cue, source and content spans; kind, type, stance)
* ``hedges``: hedge cue (span, category, rule, voice, the attribution it sits in)
* ``voices``: the writer's stretch of a sentence, or an attributed content span, scored
* ``mentions``: mention of a listed entity (sentence, span)
* ``issues``: document set aside or loaded with a warning (file, reason, hint)

Every row carries ``doc_id``; rows of text units carry ``sentence`` and spans.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from claimscope.corpus import (
    COUNT_COLUMNS,
    Corpus,
    CorpusIssue,
    Document,
    is_missing,
    text_if_mixed,
)

if TYPE_CHECKING:  # the analysers (nltk, TextBlob) load only where documents are analysed
    from claimscope.analysis import DocumentAnalysis

TABLE_NAMES = (
    "documents", "sentences", "attributions", "hedges", "voices", "mentions", "assertions",
    "claims", "issues",
)
ROW_TABLES = ("sentences", "attributions", "hedges", "voices", "mentions", "assertions")
CORPUS_STAGE_READS = ("attributions", "assertions")  # what the claims stage rewrites
# the columns it adds: a document's own records (and its cache entry) lack them
CORPUS_STAGE_COLUMNS = {"attributions": ("claim",), "assertions": ("claim",)}
FIXED_DOCUMENT_COLUMNS = ["id", "title", "outlet", "author", "date", "url", "chars", "source"]
ISSUE_COLUMNS = ["file", "id", "severity", "reason", "hint"]
# the columns of every row-level table, so a table with no rows still has its columns
COLUMNS = {
    "sentences": ["doc_id", "sentence", "start", "end", "vader", "polarity", "subjectivity",
                  "afinn", "combined", "text", "hedges", "attributions"],
    "attributions": ["doc_id", "attribution", "sentence", "cue_start", "cue_end", "cue",
                     "cue_lemma", "source_start", "source_end", "source", "content_start",
                     "content_end", "content", "kind", "source_name", "role", "source_type",
                     "stance", "second_hand", "embedded", "parent", "framing", "contested",
                     "framing_rule", "claim"],
    "hedges": ["doc_id", "sentence", "start", "end", "text", "category", "cue", "rule", "voice",
               "attribution", "voice_rule", "family"],
    "voices": ["doc_id", "sentence", "voice", "attribution", "start", "end", "text", "vader",
               "polarity", "subjectivity", "afinn", "combined"],
    "mentions": ["doc_id", "entity", "sentence", "start", "end", "text"],
    "assertions": ["doc_id", "sentence", "start", "end", "text", "rule", "claim"],
}
DOCUMENT_COUNTS = list(COUNT_COLUMNS)

Records = dict[str, list[dict]]


def document_records(doc: Document, analysis: DocumentAnalysis) -> Records:
    """The rows one analysed document contributes to each table (plain, picklable)."""
    from claimscope.attribution import attribution_records
    from claimscope.framing import assertion_records, framing_records
    from claimscope.hedging import hedge_records
    from claimscope.sentiment import sentiment_records

    text = analysis.text
    framing = framing_records(doc.id, analysis.framings)
    hedges_per_sentence = _count_by_sentence(h.sentence for h in analysis.hedges)
    cues_per_sentence = _count_by_sentence(a.sentence for a in analysis.attributions)
    sentence_rows = []
    for row, span in zip(
        sentiment_records(doc.id, text, analysis.sentences, analysis.sentiment),
        analysis.sentences,
        strict=True,
    ):
        index = row["sentence"]
        sentence_rows.append({
            **row,
            "text": span.text,
            "hedges": hedges_per_sentence.get(index, 0),
            "attributions": cues_per_sentence.get(index, 0),
        })
    mention_rows = [
        {"doc_id": doc.id, "entity": m.entity, "sentence": m.sentence,
         "start": m.span.start, "end": m.span.end, "text": m.span.text}
        for m in analysis.mentions
    ]
    counts = {
        "sentences": len(analysis.sentences),
        "attributions": len(analysis.attributions),
        "hedges": len(analysis.hedges),
        "mentions": len(analysis.mentions),
    }
    return {
        "documents": [{"id": doc.id, "words": analysis.words, **counts}],
        "sentences": sentence_rows,
        "attributions": [
            {**row, **framing[row["attribution"]]} for row in
            attribution_records(doc.id, text, list(analysis.attributions))
        ],
        "hedges": [{**row, "family": family} for row, family in zip(
            hedge_records(doc.id, text, list(analysis.hedges)), analysis.hedge_families,
            strict=True)],
        "assertions": assertion_records(doc.id, analysis.assertions),
        "voices": list(analysis.voices),
        "mentions": mention_rows,
    }


def _count_by_sentence(indices: Iterable[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for index in indices:
        counts[index] = counts.get(index, 0) + 1
    return counts


def build_tables(
    corpus: Corpus, records: Iterable[Records], extra_issues: Iterable[Mapping] = ()
) -> dict[str, pd.DataFrame]:
    """Concatenate per-document records into the run's tables, in document order.

    ``corpus`` holds the analysed documents, in the order of ``records``.
    """
    records = list(records)
    rows: dict[str, list[dict]] = {name: [] for name in ROW_TABLES}
    for record in records:
        for name in ROW_TABLES:
            rows[name].extend(record[name])
    tables = {name: typed_frame(rows[name], name) for name in ROW_TABLES}
    tables["documents"] = finish_documents([document_rows(corpus.documents, records)])
    tables["issues"] = issues_frame(corpus.issues, extra_issues)
    return tables


def document_rows(docs: Sequence[Document], records: Sequence[Records]) -> pd.DataFrame:
    """The ``documents`` rows of analysed documents: their metadata joined to their counts."""
    counts = pd.DataFrame([row for record in records for row in record["documents"]],
                          columns=["id", "words", *DOCUMENT_COUNTS])
    metadata = Corpus("", tuple(docs), ()).documents_frame(words=False)  # counted already
    return metadata.merge(counts, on="id", how="inner")


def finish_documents(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One ``documents`` table from the rows of each batch: fixed columns, then metadata
    sorted, then counts; a metadata column of mixed kinds is given as text."""
    frame = pd.concat(parts, ignore_index=True) if parts else document_rows((), ())
    fixed = [c for c in FIXED_DOCUMENT_COLUMNS if c in frame.columns]
    counts = ["words", *DOCUMENT_COUNTS]
    metadata = sorted(c for c in frame.columns if c not in fixed and c not in counts)
    frame = frame[fixed + metadata + counts]
    for column in metadata:
        frame[column] = text_if_mixed(list(frame[column]))
    return frame.astype({c: "int64" for c in ["chars", *counts]}).reset_index(drop=True)


def issues_frame(issues: Iterable[CorpusIssue], extra: Iterable[Mapping] = ()) -> pd.DataFrame:
    """The ``issues`` table: the corpus's issues, then any met during analysis."""
    rows = [asdict(issue) for issue in issues] + [dict(i) for i in extra]
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


_TEXT_COLUMNS = {"doc_id", "text", "cue", "cue_lemma", "source", "content", "kind",
                 "source_name", "role", "source_type", "stance", "category", "rule", "voice",
                 "voice_rule", "entity", "framing", "framing_rule", "family", "claim"}
_NULLABLE_NUMBERS = {  # positions and links that some rows lack: float, with NaN
    ("attributions", "source_start"), ("attributions", "source_end"),
    ("attributions", "content_start"), ("attributions", "content_end"),
    ("attributions", "parent"), ("hedges", "attribution"), ("voices", "attribution"),
}
_SCORES = {"vader", "polarity", "subjectivity", "afinn", "combined"}


def column_dtype(table: str, column: str) -> str:
    """The fixed type of a column of a row table, whatever rows a batch happens to hold."""
    if column in _TEXT_COLUMNS:
        return "str"
    if column in ("second_hand", "embedded", "contested"):
        return "bool"
    if column in _SCORES or (table, column) in _NULLABLE_NUMBERS:
        return "float64"
    return "int64"


def typed_frame(rows: list[dict], table: str) -> pd.DataFrame:
    """Rows of a row table with its columns and their fixed types, so a batch, an empty
    table and the whole corpus give the same types (and arithmetic on none still works)."""
    columns = COLUMNS[table]
    # column by column: several times faster than from the row dicts, for the same frame
    frame = pd.DataFrame({c: [row.get(c) for row in rows] for c in columns}, columns=columns)
    return frame.astype({c: column_dtype(table, c) for c in columns})


def with_metadata(
    table: pd.DataFrame, documents: pd.DataFrame, columns: Iterable[str]
) -> pd.DataFrame:
    """``table`` with document metadata columns (outlet, author, ...) joined on doc_id."""
    wanted = [c for c in dict.fromkeys(columns) if c not in table.columns]
    missing = [c for c in wanted if c not in documents.columns]
    if missing:
        raise KeyError(
            f"no document column {', '.join(missing)}; choose from "
            f"{', '.join(sorted(documents.columns))}"
        )
    meta = documents[["id", *wanted]].rename(columns={"id": "doc_id"})
    return table.merge(meta, on="doc_id", how="left")


def texts_from_sentences(sentences: pd.DataFrame) -> dict[str, str]:
    """Each document's text rebuilt from the ``sentences`` table, by doc_id.

    Characters outside every sentence (blank lines between paragraphs) become spaces, so
    a span inside a sentence (a hedge, a cue) cuts the same text from the result as from
    the document: concordances work from a run's tables without the corpus.
    """
    texts: dict[str, str] = {}
    for doc_id, part in sentences.groupby("doc_id", sort=False):
        length = int(part["end"].max()) if len(part) else 0
        chars = [" "] * length
        for start, end, text in zip(part["start"], part["end"], part["text"], strict=True):
            chars[int(start):int(end)] = text
        texts[str(doc_id)] = "".join(chars)
    return texts


def rewrite_row_table(frame: pd.DataFrame, folder: str | Path, name: str) -> None:
    """Replace the row table ``name`` of ``folder`` (its partitions and its CSV) with
    ``frame``, as one partition: for a corpus-level stage that adds a column."""
    path = Path(folder)
    (path / name).mkdir(exist_ok=True)
    for old in (path / name).glob("part-*.parquet"):
        old.unlink()
    _write(frame[COLUMNS[name]], path / name / "part-00000.parquet", path / f"{name}.csv",
           header=True)


def read_table(folder: str | Path, name: str) -> pd.DataFrame:
    """One table of a run folder (whole or partitioned), without the others."""
    return _read_table(Path(folder), name)


def write_tables(tables: Mapping[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write each table as Parquet and CSV into ``folder``; return the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        parquet, csv_file = out / f"{name}.parquet", out / f"{name}.csv"
        _write(frame, parquet, csv_file, header=True)
        written += [parquet, csv_file]
    return written


def _write(frame: pd.DataFrame, parquet: Path, csv_file: Path, *, header: bool) -> None:
    """Write ``frame`` as CSV rows (appended, after a header if asked), then as Parquet.

    Both go through one Arrow table; Arrow's CSV writer is about ten times faster than
    pandas' and writes every text value in double quotes, numbers as their shortest
    form (``2`` for 2.0) and missing values as empty fields. A list or mapping (a
    metadata field such as ``tags: [a, b]``) is written to the CSV as its text. The
    Parquet file comes last, so a failure leaves no table that looks complete.
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with open(csv_file, "ab" if not header else "wb") as out:
        if header:
            out.write(_csv_header(frame.columns))
        pa_csv.write_csv(_csv_writable(table, frame), out,
                         pa_csv.WriteOptions(include_header=False))
    pq.write_table(table, parquet)


def _csv_header(columns: Iterable[object]) -> bytes:
    """One CSV header line, names quoted where they need it (``"weird, key"``)."""
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([str(c) for c in columns])
    return line.getvalue().encode("utf-8")


def _csv_writable(table: Any, frame: pd.DataFrame) -> Any:
    """``table`` with each column Arrow cannot write as CSV (lists, mappings, bytes)
    replaced by its values' text, as pandas writes them (``['a', 'b']``)."""
    import pyarrow as pa

    for index, field in enumerate(table.schema):
        kind = field.type
        if pa.types.is_nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            values = frame.iloc[:, index]
            text = [None if is_missing(v) else str(v) for v in values]
            table = table.set_column(index, field.name, pa.array(text, type=pa.string()))
    return table


class TableWriter:
    """Writes a run's tables while the analysis goes on, so no table is held whole.

    Each row table becomes a partitioned Parquet table, a folder with one file per
    batch (``sentences/part-00000.parquet`` ...), and one CSV that grows by a batch at
    a time (``sentences.csv``). The small ``documents`` and ``issues`` tables (no text)
    are written whole by :meth:`close`. Read it all back with :func:`read_tables`.

    Every table an earlier run left in the folder is removed first, and ``documents``
    is written last: a run that stops half way leaves no ``documents`` table, so
    :func:`read_tables` refuses the folder instead of mixing two runs.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.parts = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in TABLE_NAMES:
            for old in (self.folder / f"{name}.parquet", self.folder / f"{name}.csv"):
                old.unlink(missing_ok=True)
        for name in ROW_TABLES:
            (self.folder / name).mkdir(exist_ok=True)
            for old in (self.folder / name).glob("part-*.parquet"):
                old.unlink()
            (self.folder / f"{name}.csv").write_bytes(_csv_header(COLUMNS[name]))

    def add(self, records: Sequence[Records]) -> None:
        """Write the rows of one batch of analysed documents as the next partition."""
        for name in ROW_TABLES:
            frame = typed_frame([row for record in records for row in record[name]], name)
            _write(frame, self.folder / name / f"part-{self.parts:05d}.parquet",
                   self.folder / f"{name}.csv", header=False)
        self.parts += 1

    def close(self, documents: pd.DataFrame, issues: pd.DataFrame,
              corpus_stage: Callable[[Mapping[str, pd.DataFrame]], Mapping[str, pd.DataFrame]],
              ) -> None:
        """Run the corpus-level stage (claims across documents) on the tables it reads,
        rewrite the tables it changes, then write ``claims``, ``issues`` and, last,
        ``documents``; an empty run gets one empty part."""
        if not self.parts:
            self.add([])
        read = {name: read_table(self.folder, name) for name in CORPUS_STAGE_READS}
        staged = corpus_stage({**read, "documents": documents})
        for name in CORPUS_STAGE_READS:
            rewrite_row_table(staged[name], self.folder, name)
        write_tables({"claims": staged["claims"], "issues": issues, "documents": documents},
                     self.folder)


CACHE_FOLDER = ".cache"  # where ``claimscope analyze`` keeps its cache, inside --out


def is_tables_folder(folder: Path) -> bool:
    """Whether ``folder`` holds nothing but claimscope tables (and their cache), so a
    new run may replace it: empty, or only ``documents.csv``, ``sentences/`` ... entries."""
    names = {f"{name}{suffix}" for name in TABLE_NAMES for suffix in ("", ".csv",
                                                                      ".parquet")}
    return folder.is_dir() and all(entry.name in names | {CACHE_FOLDER}
                                   for entry in folder.iterdir())


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables a run wrote into ``folder`` (whole or partitioned).

    Raises ValueError when the row tables name documents the ``documents`` table does
    not hold: the folder mixes the tables of two runs."""
    path = Path(folder)
    missing = [n for n in TABLE_NAMES
               if not (path / f"{n}.parquet").is_file() and not (path / n).is_dir()]
    if missing:
        raise FileNotFoundError(
            f"{path} lacks the tables {', '.join(missing)}: no analysis finished writing "
            f"there (one that stops half way leaves no documents table); run `claimscope "
            f"analyze CORPUS --out {path}` or a report first"
        )
    tables = {name: _read_table(path, name) for name in TABLE_NAMES}
    known = set(tables["documents"]["id"])
    for name in ROW_TABLES:
        strangers = set(tables[name]["doc_id"]) - known
        if strangers:
            raise ValueError(
                f"{path} mixes the tables of different runs: {name} holds rows of "
                f"{len(strangers)} documents that the documents table does not (e.g. "
                f"{sorted(strangers)[0]!r}); analyse the corpus again into a new folder"
            )
    return tables


def _read_table(path: Path, name: str) -> pd.DataFrame:
    if (path / f"{name}.parquet").is_file():
        return pd.read_parquet(path / f"{name}.parquet")
    parts = [pd.read_parquet(part) for part in sorted((path / name).glob("part-*.parquet"))]
    frame = pd.concat(parts, ignore_index=True) if parts else typed_frame([], name)
    return frame.astype({c: column_dtype(name, c) for c in COLUMNS[name]})
