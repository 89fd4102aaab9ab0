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

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from claimscope.analysis import DocumentAnalysis
from claimscope.attribution import attribution_records
from claimscope.corpus import Corpus, Document
from claimscope.hedging import hedge_records
from claimscope.sentiment import sentiment_records

TABLE_NAMES = (
    "documents", "sentences", "attributions", "hedges", "voices", "mentions", "issues",
)
ISSUE_COLUMNS = ["file", "id", "severity", "reason", "hint"]
# the columns of every row-level table, so a table with no rows still has its columns
COLUMNS = {
    "sentences": ["doc_id", "sentence", "start", "end", "vader", "polarity", "subjectivity",
                  "combined", "text", "hedges", "attributions"],
    "attributions": ["doc_id", "attribution", "sentence", "cue_start", "cue_end", "cue",
                     "cue_lemma", "source_start", "source_end", "source", "content_start",
                     "content_end", "content", "kind", "source_name", "role", "source_type",
                     "stance", "second_hand", "parent"],
    "hedges": ["doc_id", "sentence", "start", "end", "text", "category", "cue", "rule", "voice",
               "attribution", "voice_rule"],
    "voices": ["doc_id", "sentence", "voice", "attribution", "start", "end", "text", "vader",
               "polarity", "subjectivity", "combined"],
    "mentions": ["doc_id", "entity", "sentence", "start", "end", "text"],
}
DOCUMENT_COUNTS = ["sentences", "attributions", "hedges", "mentions"]

Records = dict[str, list[dict]]


def document_records(doc: Document, analysis: DocumentAnalysis) -> Records:
    """The rows one analysed document contributes to each table (plain, picklable)."""
    text = analysis.text
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
        "attributions": attribution_records(doc.id, text, list(analysis.attributions)),
        "hedges": hedge_records(doc.id, text, list(analysis.hedges)),
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
    """Concatenate per-document records into the run's tables, in document order."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    for record in records:
        for name, table_rows in record.items():
            rows[name].extend(table_rows)
    tables = {name: _frame(rows[name], COLUMNS[name]) for name in COLUMNS}
    tables["documents"] = pd.DataFrame(rows["documents"])
    counts = tables["documents"]
    metadata = corpus.documents_frame().drop(columns=["words"], errors="ignore")
    if counts.empty:
        counts = pd.DataFrame(columns=["id", "words", *DOCUMENT_COUNTS])
    tables["documents"] = metadata.merge(counts, on="id", how="inner").reset_index(drop=True)
    issue_rows = [asdict(issue) for issue in corpus.issues] + [dict(i) for i in extra_issues]
    tables["issues"] = pd.DataFrame(issue_rows, columns=ISSUE_COLUMNS)
    return tables


_TEXT_COLUMNS = {"doc_id", "text", "cue", "cue_lemma", "source", "content", "kind",
                 "source_name", "role", "source_type", "stance", "category", "rule", "voice",
                 "voice_rule", "entity"}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows as a table with these columns; with no rows, typed empty columns (numbers as
    float, flags as bool, text as str), so arithmetic on an empty table still works."""
    if rows:
        return pd.DataFrame(rows, columns=columns)
    dtypes = {c: "str" if c in _TEXT_COLUMNS else "bool" if c == "second_hand" else "float64"
              for c in columns}
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})


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


def write_tables(tables: Mapping[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write each table as Parquet and CSV into ``folder``; return the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        parquet, csv = out / f"{name}.parquet", out / f"{name}.csv"
        frame.to_parquet(parquet, index=False)
        frame.to_csv(csv, index=False, lineterminator="\n")
        written += [parquet, csv]
    return written


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables a run wrote into ``folder``."""
    path = Path(folder)
    missing = [n for n in TABLE_NAMES if not (path / f"{n}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(
            f"{path} lacks the tables {', '.join(missing)}; run `claimscope analyze CORPUS "
            f"--out {path}` or a report first"
        )
    return {name: pd.read_parquet(path / f"{name}.parquet") for name in TABLE_NAMES}
