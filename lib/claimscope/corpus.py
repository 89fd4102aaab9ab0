"""Read a corpus of news articles into :class:`Document` records, and say what could not be read.

What :func:`load_corpus` reads
    * a **folder**, walked recursively in sorted (deterministic) order, holding
      ``.txt`` / ``.md`` files (one article each, optional YAML front matter) and
      ``.jsonl`` / ``.csv`` files (one article per line / row);
    * or a single ``.txt``, ``.md``, ``.jsonl`` or ``.csv`` file.

    Suffixes are matched case-insensitively. Hidden files and folders (names starting
    with ``.``) are skipped silently, and so is ``README.md`` at the corpus root: it
    documents the corpus, it is not an article. Any other file is reported as a warning
    ("not read: unknown type ...").

    Only regular files are read: a named pipe, a device or a socket in the folder is an
    error row ("not read: it is a named pipe (FIFO) ..."), never opened, so it can
    neither block the run nor fill its memory. A link is followed only to a regular file
    inside the corpus folder: a link to a file outside it (``leak.txt ->
    /etc/passwd``) or to nothing is an error row, a link to a folder is a warning row
    and is not walked. A .txt/.md file over :data:`MAX_ARTICLE_BYTES` (64 MiB) and a
    .csv over :data:`MAX_TABLE_BYTES` (256 MiB; it is read whole, as is a .jsonl not
    in UTF-8) are error rows, not read; a .jsonl in UTF-8 is read a line at a time and
    may be of any size, but a line over :data:`MAX_ARTICLE_BYTES` is an error row,
    passed over without being held in memory. A corpus path given directly that is a
    pipe or a device raises :class:`CorpusError`.

Front matter
    A ``.txt``/``.md`` file whose first line is ``---`` carries YAML front matter up to
    the next line that is ``---``. It is read with a ``yaml.SafeLoader`` (nothing in a
    corpus is ever executed: no pickle, no eval, no YAML tags beyond plain data), and
    only when it is bounded: at most :data:`FRONT_MATTER_BYTES` bytes, and at most
    :data:`FRONT_MATTER_VALUES` values with its aliases expanded (an alias of itself,
    or a few hundred bytes of nested aliases expanding to billions of values, is
    refused); beyond that the document is set aside as "front matter too large". The
    front matter is not part of the text: the text starts on the line after the
    closing ``---``, exactly as in the file.

Fields
    Canonical fields are ``id``, ``text``, ``title``, ``outlet``, ``author``, ``date``
    and ``url`` (names matched case-insensitively). Aliases, used only when the
    canonical field is absent or blank: ``publisher`` -> outlet, ``publication_date``
    and ``published`` -> date, ``body`` and ``content`` -> text, ``headline`` -> title.
    ``source`` is *not* an alias (it means too many things); it stays in metadata like
    every other field; in the documents table a field named like one of its own columns
    (``source``, ``words``, ``attributions`` ...) is the column ``meta_<name>``.
    Non-string metadata values (numbers, booleans, lists) are kept;
    YAML dates become ISO strings. ``title``/``outlet``/``author``/``url`` are strings
    (a list of authors is joined with ``"; "``).

Ids
    A ``.txt``/``.md`` article's id is its ``id`` field, or else its path relative to
    the corpus folder with ``/`` separators (``seed/article.md``). A ``.jsonl``/``.csv``
    row's id is its ``id`` field, or else ``<file>:<row>``. Rows are numbered by the
    line they start on (the CSV header is line 1), and ``Document.source`` says
    ``<file>:row <N>``.

Dates
    ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO 8601 datetime
    (``2023-06-09T14:30:00``, ``...Z``, ``...+02:00``), kept as given. Anything else is a
    warning and the document is kept without a date.

Text
    Decoded from UTF-8, UTF-8 with a byte-order mark, or UTF-16 with a byte-order mark;
    anything else is read as Windows-1252 with a warning. Then normalised by
    :func:`normalise_text` (``\\n`` newlines, Unicode NFC) and otherwise kept exactly:
    every span in claimscope is an offset into this text. A raw NUL byte makes a file
    binary (it is set aside: it is UTF-16 without a byte-order mark, or not text). A
    character no text can hold that a .jsonl, a .csv or front matter writes as an
    escape (``\\u0000``, or an unpaired surrogate such as ``\\ud800``) is replaced by
    U+FFFD, in values and field names alike, with a warning; the document is kept.

Problems
    Nothing is dropped silently. Every problem is a :class:`CorpusIssue` (file, id,
    severity, reason, hint): ``"error"`` means the document was set aside, ``"warning"``
    means it was loaded but something about it deserves a look. The rest of the corpus
    still loads. Only a path that is missing, empty or of an unsupported kind raises
    :class:`CorpusError`. Documents come out sorted by id; issues in file order.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import hashlib
import io
import json
import math
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import yaml

ARTICLE_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".jsonl", ".csv")
CANONICAL_FIELDS = ("id", "text", "title", "outlet", "author", "date", "url")
ALIASES = {
    "publisher": "outlet",
    "publication_date": "date",
    "published": "date",
    "body": "text",
    "content": "text",
    "headline": "title",
}
_TEXT_NAMES = frozenset({"text"} | {a for a, c in ALIASES.items() if c == "text"})
_ACCEPTS = (
    "claimscope reads a folder of .txt/.md articles (optional YAML front matter between "
    "'---' lines) and .jsonl/.csv files, or one .txt, .md, .jsonl or .csv file"
)
_DATE_FORMS = (
    "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 datetime such as 2023-06-09T14:30:00"
)
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}.*")
_WORD = re.compile(r"\w+")
_UNDERSCORES = re.compile(r"(?<!\w)_+(?!\w)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = re.compile("\x00")
_FINGERPRINT_SCHEME = b"claimscope-corpus-fingerprint-v2\n"
# the largest .txt/.md article file read; a .jsonl in UTF-8 is read a line at a time and
# may be of any size
MAX_ARTICLE_BYTES = 64 * 2**20
# the largest .csv read (it is read whole), and .jsonl not in UTF-8 (then read whole too)
MAX_TABLE_BYTES = 256 * 2**20


class CorpusError(Exception):
    """The corpus path cannot be read at all (missing, empty, or of an unsupported kind)."""


@dataclass(frozen=True)
class Document:
    """One article: its normalised text, canonical fields, and every other field as metadata.

    ``source`` is the file relative to the corpus folder, plus ``:row N`` for .jsonl/.csv.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None


@dataclass(frozen=True)
class CorpusIssue:
    """A problem with one file or row: ``"error"`` (set aside) or ``"warning"`` (loaded)."""

    file: str
    id: str | None
    severity: str
    reason: str
    hint: str


@dataclass(frozen=True)
class Corpus:
    """The documents that loaded, sorted by id, and the issues met on the way, in file order.

    ``root`` is the path that was loaded (a folder, or a single file).
    """

    root: str
    documents: tuple[Document, ...]
    issues: tuple[CorpusIssue, ...]

    def documents_frame(self, *, words: bool = True) -> pd.DataFrame:
        """One row per document (no text): canonical fields, words, chars, source, metadata.

        Metadata keys become columns, sorted; a key that clashes with a fixed column or a
        count (e.g. a field called ``source`` or ``attributions``) is prefixed ``meta_``.
        A metadata column whose values are of mixed kinds (``61`` in one row, ``"61"`` in
        another) or that Arrow cannot type is given as text, JSON for the non-strings, so
        that the frame can be written to Parquet.
        ``words=False`` leaves the word count out, for a caller that has it already.
        """
        fixed = list(FRAME_COLUMNS)
        keys = sorted({key for doc in self.documents for key in doc.metadata})
        names = dict(zip(keys, metadata_columns(keys), strict=True))
        rows = []
        for doc in self.documents:
            row: dict[str, Any] = {
                **_labels(doc),
                "words": word_count(doc.text) if words else 0,
                "chars": len(doc.text),
                "source": doc.source,
            }
            row.update({names[key]: doc.metadata.get(key) for key in keys})
            rows.append(row)
        for key in keys:
            values = text_if_mixed([row[names[key]] for row in rows])
            for row, value in zip(rows, values, strict=True):
                row[names[key]] = value
        frame = pd.DataFrame(rows, columns=fixed + [names[key] for key in keys])
        frame = frame.astype({"words": "int64", "chars": "int64"})
        return frame if words else frame.drop(columns=["words"])

    def issues_frame(self) -> pd.DataFrame:
        """The issues as a table: file, id, severity, reason, hint (same columns when empty)."""
        columns = ["file", "id", "severity", "reason", "hint"]
        return pd.DataFrame(
            [[getattr(issue, name) for name in columns] for issue in self.issues],
            columns=columns,
        )

    def fingerprint(self) -> str:
        """SHA-256 hex over each document's id, text and fields, in id order.

        The same documents give the same fingerprint wherever and however they were
        stored; any edit to a text or a field changes it. ``source`` is left out.
        """
        return fingerprint_of((doc.id, document_digest(doc)) for doc in self.documents)

    def filter_dates(self, since: str | None = None, until: str | None = None) -> Corpus:
        """The documents dated inside ``[since, until]`` (inclusive, either end optional).

        Dates compare by day. A partial bound is widened: ``since="2023-06"`` starts on
        June 1st, ``until="2023-06"`` ends on June 30th. A partial document date is
        kept only when its whole period lies inside the window (a document dated
        ``2023-06`` is outside ``since="2023-06-15"``). Documents without a date are
        dropped and each is reported as a warning issue. With neither bound the corpus
        is returned unchanged. A bound that is not a date raises ``ValueError``.
        """
        window = DateWindow.of(since, until)
        if window is None:
            return self
        kept, issues = [], list(self.issues)
        for doc in self.documents:
            inside, issue = window.admits(doc)
            if inside:
                kept.append(doc)
            elif issue is not None:
                issues.append(issue)
        return Corpus(root=self.root, documents=tuple(kept), issues=tuple(issues))


@dataclass(frozen=True)
class DateWindow:
    """An inclusive date window; see :meth:`Corpus.filter_dates` for the rules."""

    since: str | None
    until: str | None
    low: date | None
    high: date | None

    @classmethod
    def of(cls, since: str | None, until: str | None) -> DateWindow | None:
        """The window, or None when neither bound is given; a bad bound raises ValueError."""
        if since is None and until is None:
            return None
        low = _bound(since, "since")[0] if since is not None else None
        high = _bound(until, "until")[1] if until is not None else None
        if low is not None and high is not None and low > high:
            raise ValueError(
                f"since={since!r} is after until={until!r}: the date window is empty. "
                "Swap the two dates."
            )
        return cls(since, until, low, high)

    def admits(self, doc: Document) -> tuple[bool, CorpusIssue | None]:
        """Whether ``doc`` lies inside; an undated document is out, with a warning."""
        period = _date_period(doc.date) if doc.date else None
        if period is None:
            window = f"since={self.since or 'open'}, until={self.until or 'open'}"
            return False, CorpusIssue(
                file=source_file(doc.source),
                id=doc.id,
                severity="warning",
                reason=f"no date, outside a date window ({window}): "
                "the document has no date, so it was left out",
                hint="Give the document a date field (YYYY, YYYY-MM or YYYY-MM-DD) "
                "to include it, or run without since/until.",
            )
        inside = ((self.low is None or period[0] >= self.low)
                  and (self.high is None or period[1] <= self.high))
        return inside, None


def text_if_mixed(values: list[Any]) -> list[Any]:
    """A metadata column's values, as text (JSON for non-strings) when they are of mixed
    kinds (``61`` in one row, ``"61"`` in another) or are lists or mappings that Arrow
    cannot type (``[0, 15, "Washington Post"]``), so the column can go to Parquet."""
    present = [value for value in values if not is_missing(value)]
    if len({_kind(value) for value in present}) > 1 or not _arrow_typed(present):
        return [value if is_missing(value) else _as_text(value) for value in values]
    return values


def _arrow_typed(values: list[Any]) -> bool:
    """Whether Arrow gives these values one type that Parquet can store (always, unless
    lists, mappings or whole numbers beyond 64 bits)."""
    if not any(isinstance(value, list | dict) or isinstance(value, int) and not (
            -2**63 <= value < 2**63) for value in values):
        return True
    import pyarrow as pa

    try:
        kind = pa.array(values).type
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        return False
    return not _empty_struct(kind)


def _empty_struct(kind: Any) -> bool:
    """An Arrow type holding a struct with no fields (from ``{}``): Parquet refuses it."""
    import pyarrow as pa

    if pa.types.is_struct(kind):
        return kind.num_fields == 0 or any(_empty_struct(f.type) for f in kind)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _empty_struct(kind.value_type)
    return False


FRAME_COLUMNS = ("id", "title", "outlet", "author", "date", "url", "words", "chars", "source")
# the per-document counts the analysis adds to the documents table
COUNT_COLUMNS = ("sentences", "attributions", "hedges", "mentions")


def metadata_columns(keys: Iterable[str]) -> list[str]:
    """The documents-table column of each metadata key: the key itself, or ``meta_KEY``
    where it clashes with a fixed column or a count (a field called ``source`` or
    ``attributions``)."""
    return [f"meta_{key}" if key in FRAME_COLUMNS or key in COUNT_COLUMNS else key
            for key in keys]


def document_digest(doc: Document) -> bytes:
    """SHA-256 of one document's fields and text (not its source), for fingerprints."""
    digest = hashlib.sha256(_canonical_json({**_labels(doc), "metadata": doc.metadata})
                            .encode("utf-8"))
    body = doc.text.encode("utf-8", "surrogatepass")
    digest.update(b"\x00%d\x00" % len(body))
    digest.update(body)
    return digest.digest()


def fingerprint_of(digests: Iterable[tuple[str, bytes]]) -> str:
    """The corpus fingerprint from each document's ``(id, document_digest)``, in id
    order: a corpus read as a stream gets it without holding its documents."""
    digest = hashlib.sha256(_FINGERPRINT_SCHEME)
    for doc_id, one in sorted(digests):
        digest.update(_canonical_json(doc_id).encode("utf-8"))
        digest.update(one)
    return digest.hexdigest()


def is_missing(value: Any) -> bool:
    """None or NaN: a value a table shows as empty."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _labels(doc: Document) -> dict[str, Any]:
    """The canonical fields of a document other than its text, in their fixed order."""
    return {name: getattr(doc, name) for name in CANONICAL_FIELDS if name != "text"}


def normalise_text(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n``, then Unicode NFC; everything else is kept."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def word_count(text: str) -> int:
    """Count the runs of word characters (``\\w+``) that hold at least one letter or digit.

    Deliberately simple: apostrophes and hyphens split words ("don't" counts 2,
    "drone-maker" counts 2), numbers count, punctuation and runs of ``_`` do not.
    """
    words = sum(1 for _ in _WORD.finditer(text))
    if "_" in text:
        words -= sum(1 for _ in _UNDERSCORES.finditer(text))
    return words


def document_from_text(text: str, *, id: str = "text", **fields: Any) -> Document:
    """A Document from a string, normalised and validated exactly as the loader does.

    ``fields`` are Document fields (``title``, ``outlet``, ``author``, ``date``,
    ``url``, ``source``, ``metadata`` as a mapping) or any other field, aliases
    included (``publisher="..."``), which lands in metadata. An empty text or a date
    the loader would warn about raises ``ValueError``; what the loader only warns about
    in the text itself (mostly capital letters, broken characters) is a ``UserWarning``,
    and the document is returned, as the loader keeps it.
    """
    raw: dict[str, Any] = dict(fields.pop("metadata", None) or {})
    source = fields.pop("source", None)
    raw.update(fields)
    raw["id"] = id
    doc, issues = _document(
        raw, body=normalise_text(text), default_id=id, file="<text>", source=source, where=""
    )
    refused = [issue for issue in issues
               if issue.severity == "error" or issue.reason.startswith(_DATE_PROBLEM)]
    if refused:
        raise ValueError(" ".join(f"{issue.reason}. {issue.hint}" for issue in refused))
    for issue in issues:
        warnings.warn(f"{issue.reason}. {issue.hint}", UserWarning, stacklevel=2)
    assert doc is not None  # no error means a document was built
    return doc


def load_corpus(path: str | os.PathLike[str], *, text_column: str | None = None) -> Corpus:
    """Read a corpus folder or file (see the module docstring for what is accepted);
    ``text_column`` names the .csv/.jsonl column that holds the text (``body_text``).

    Raises :class:`CorpusError` only when the path is empty, missing, of an
    unsupported kind, or holds no file claimscope reads; every other problem becomes
    a :class:`CorpusIssue` and the rest of the corpus still loads.
    """
    stream = open_corpus(path, text_column=text_column)
    documents = sorted(stream, key=lambda doc: doc.id)
    return Corpus(root=stream.root, documents=tuple(documents), issues=tuple(stream.issues))


@dataclass
class CorpusStream:
    """A corpus read lazily, one file at a time: iterate it for its documents in file
    order (files sorted by name, rows in file order). ``issues`` fills as it is read.

    Only one file's documents are in memory at a time, and besides them only the ids
    seen (to catch duplicates), so a folder of any size streams in bounded memory.
    Iterating again reads the files again.
    """

    root: str
    base: Path
    names: list[str]
    issues: list[CorpusIssue] = field(default_factory=list)
    walked: bool = True  # a folder's files, not one file named by the user
    text_column: str | None = None  # the .csv/.jsonl column the user named as the text

    def expected_documents(self) -> int | None:
        """How many documents the files hold, counted cheaply before reading them:
        one per article file, one per non-blank line of a .jsonl; None with a .csv
        (a quoted cell may span lines). Set-aside rows are counted too."""
        total = 0
        for name in self.names:
            suffix = _suffix(name)
            if suffix in ARTICLE_SUFFIXES:
                total += 1
            elif suffix == ".jsonl" and _file_problem(self.base, name, self.walked) is None:
                with _open_regular(self.base / name) as handle:
                    total += sum(1 for line in _bounded_lines(handle)
                                 if line is None or line.strip())
            elif suffix == ".csv":
                return None
        return total

    def __iter__(self) -> Iterator[Document]:
        loader = _Loader(walked=self.walked, text_column=self.text_column)
        self.issues = loader.issues
        for name in self.names:
            yield from loader.read(self.base, name)


def open_corpus(path: str | os.PathLike[str], *,
                text_column: str | None = None) -> CorpusStream:
    """Check a corpus path and return it as a :class:`CorpusStream` (nothing read yet).

    Raises :class:`CorpusError` as :func:`load_corpus` does.
    """
    if not os.fspath(path).strip():
        raise CorpusError(f"no corpus path given (the path is empty); {_ACCEPTS}.")
    root = Path(path).expanduser()
    if not root.exists():
        raise CorpusError(f"no corpus at {root}: the path does not exist; {_ACCEPTS}.")
    if root.is_dir():
        base, names = root, _corpus_files(root)
        if not any(_suffix(name) in ARTICLE_SUFFIXES + TABLE_SUFFIXES for name in names):
            others = sorted({_suffix(name) or "(no extension)" for name in names})
            found = f"only files of other types ({', '.join(others)})" if names else "no files"
            raise CorpusError(f"no readable files in {root}: it holds {found}; {_ACCEPTS}.")
    elif root.is_file():
        if _suffix(root.name) not in ARTICLE_SUFFIXES + TABLE_SUFFIXES:
            raise CorpusError(
                f"cannot read {root}: {_suffix(root.name) or 'a file without extension'} "
                f"is not a corpus format; {_ACCEPTS}."
            )
        if root.stat().st_size == 0:
            raise CorpusError(f"the corpus file {root} is empty; {_ACCEPTS}.")
        base, names = root.parent, [root.name]
    else:
        raise CorpusError(f"cannot read {root}: it is {_file_kind(root.stat().st_mode)}, not "
                          f"a regular file or a folder; {_ACCEPTS}.")
    return CorpusStream(root=str(root), base=base, names=names, walked=root.is_dir(),
                        text_column=text_column)


# ---------------------------------------------------------------- reading files


class _Loader:
    """Collects documents and issues across files, and catches duplicate ids."""

    def __init__(self, *, walked: bool = True, text_column: str | None = None) -> None:
        self.issues: list[CorpusIssue] = []
        self.ids = IdRegister()
        self.walked = walked
        self.text_column = text_column

    def read(self, base: Path, name: str) -> Iterator[Document]:
        """The documents of one file, in file order; its problems go to ``issues``."""
        suffix = _suffix(name)
        problem = _file_problem(base, name, self.walked)
        if problem is not None:
            self.issues.append(problem)
            return
        if suffix not in ARTICLE_SUFFIXES + TABLE_SUFFIXES:
            kind = suffix or "(no extension)"
            self.issues.append(
                CorpusIssue(
                    name,
                    None,
                    "warning",
                    f"not read: unknown type {kind}; claimscope reads .txt, .md, .jsonl, .csv",
                    "Rename the file with one of those extensions if it holds articles, "
                    "or move it out of the corpus folder.",
                )
            )
            return
        default_id = name if suffix in ARTICLE_SUFFIXES else None
        if suffix == ".jsonl":
            try:
                lines = _utf8_lines(base / name)
            except OSError:
                lines = None  # reported below, where the file is read whole
            if lines is not None:
                yield from self._documents(_read_jsonl(lines, name, self.text_column))
                return
        cap = MAX_ARTICLE_BYTES if suffix in ARTICLE_SUFFIXES else MAX_TABLE_BYTES
        try:
            with _open_regular(base / name) as handle:
                data = handle.read(cap + 1)
        except OSError as exc:
            self.issues.append(
                _error(name, default_id, f"unreadable file: {exc.strerror or exc}",
                       "Check that the file exists and that you may read it.")
            )
            return
        if len(data) > cap:
            self.issues.append(_too_large(name, default_id, cap))
            return
        text, issue = _decode(data, name, default_id)
        del data
        if issue is not None:
            self.issues.append(issue)
        if text is None:
            return
        if suffix in ARTICLE_SUFFIXES:
            results: Iterable[_Result] = _read_article(text, name)
        elif suffix == ".jsonl":
            results = _read_jsonl(lambda: iter(text.split("\n")), name, self.text_column)
        else:
            results = _read_csv(text, name, self.text_column)
        yield from self._documents(results)

    def _documents(self, results: Iterable[_Result]) -> Iterator[Document]:
        for doc, issues in results:
            self.issues.extend(issues)
            if doc is not None and self._first(doc):
                yield doc

    def _first(self, doc: Document) -> bool:
        """True for the first document with its id; a later one becomes an issue."""
        issue = self.ids.admit(doc)
        if issue is not None:
            self.issues.append(issue)
        return issue is None


class IdRegister:
    """The ids seen so far, to set aside a later document with an id already used."""

    def __init__(self) -> None:
        self.first_source: dict[str, str] = {}

    def admit(self, doc: Document) -> CorpusIssue | None:
        """None for the first document with its id, else the issue that sets it aside."""
        first = self.first_source.get(doc.id)
        if first is not None:
            return _error(
                source_file(doc.source),
                doc.id,
                f'duplicate id "{doc.id}" at {doc.source}: the first document with this '
                f"id is {first}",
                "Give each document a unique id (the id field); this copy was set aside.",
            )
        self.first_source[doc.id] = doc.source or doc.id
        return None


_Result = tuple[Document | None, list[CorpusIssue]]


def _read_article(text: str, name: str) -> list[_Result]:
    """One .txt/.md article: optional front matter, then the text."""
    text = normalise_text(text)
    front: Mapping[str, Any] = {}
    note = ""
    if _FENCE.match(text):
        first_end = text.find("\n")
        close = _FENCE.search(text, first_end + 1) if first_end >= 0 else None
        if close is None:
            return [
                (None, [_error(
                    name, name,
                    "malformed front matter: the '---' on line 1 is never closed by a "
                    "second '---' line",
                    "Add a line with only '---' after the last front-matter field, or remove "
                    "the first line if the file has no front matter.",
                )])
            ]
        parsed, problem = _parse_front_matter(text[first_end + 1 : close.start()])
        if problem is not None:
            return [(None, [_error(name, name, *problem)])]
        front = parsed
        end_line = text.count("\n", 0, close.start()) + 1
        note = f" after the front matter (which ends on line {end_line})"
        text = text[close.end() + 1 :]
    if not text or text.isspace():
        return [(None, [_error(name, name, f"empty document: there is no text{note}",
                               "Add the article's text, or remove the file.")])]
    return [_document(front, body=text, default_id=name, file=name, source=name, where="")]


FRONT_MATTER_BYTES = 65_536  # front matter is a few fields; more is not metadata
FRONT_MATTER_VALUES = 10_000  # values of the front matter with every alias expanded


class _Unbounded(Exception):
    """Front matter whose aliases expand beyond :data:`FRONT_MATTER_VALUES` values."""


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that builds the front matter only when its aliases (``*name``)
    expand to at most :data:`FRONT_MATTER_VALUES` values: a few hundred bytes of nested
    aliases ("billion laughs") would otherwise expand to billions of values."""

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {}, set())
        if size == math.inf:
            raise _Unbounded("an alias (*name) refers to itself, so it never ends")
        if size > FRONT_MATTER_VALUES:
            raise _Unbounded(f"its aliases (*name) expand it to {size:,.0f} values, more "
                             f"than the {FRONT_MATTER_VALUES:,} allowed")
        return self.construct_document(node)


def _expanded_size(node: yaml.Node, sizes: dict[int, float], open_nodes: set[int]) -> float:
    """How many values ``node`` stands for with every alias expanded: ``inf`` when it
    holds itself. ``sizes`` remembers each node met, so the count is linear in the
    nodes written, whatever they expand to."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        return math.inf
    open_nodes.add(key)
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    size = 1 + sum(_expanded_size(child, sizes, open_nodes) for child in children)
    open_nodes.discard(key)
    sizes[key] = size
    return size


def _parse_front_matter(source: str) -> tuple[Mapping[str, Any], tuple[str, str] | None]:
    """The front matter as a mapping, or the reason (naming the line in the file where
    it can) and the hint of the issue that sets the document aside."""
    size = len(source) if len(source) > FRONT_MATTER_BYTES else len(source.encode("utf-8"))
    too_large = ("Keep the front matter to a few 'field: value' lines and put long text "
                 "in the article's text after the closing '---'.")
    if size > FRONT_MATTER_BYTES:
        return {}, (f"front matter too large: it holds {size:,} bytes, more than "
                    f"{FRONT_MATTER_BYTES:,} bytes", too_large)
    try:
        parsed = yaml.load(source, Loader=_FrontMatterLoader)  # a SafeLoader: plain data
    except _Unbounded as exc:
        return {}, (f"front matter too large: {exc}", too_large)
    except RecursionError:
        return {}, ("front matter too large: its lists or mappings are nested too deeply "
                    "to read", too_large)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        # The YAML starts on line 2 of the file (after the opening '---').
        where = "" if mark is None else f" at line {mark.line + 2}, column {mark.column + 1}"
        return {}, _malformed(f"not valid YAML{where}: {what}")
    if parsed is None:
        return {}, None
    if not isinstance(parsed, Mapping):
        return {}, _malformed(f"it is a {_kind(parsed)}, not a mapping of 'field: value' lines")
    return parsed, None


def _malformed(problem: str) -> tuple[str, str]:
    """The reason and hint of front matter that is not a YAML mapping."""
    return (f"malformed front matter: {problem}",
            "Fix the YAML between the two '---' lines: one 'field: value' per line, and "
            "quote values that contain ': ' or start with a quote or a bracket.")


def _read_jsonl(lines: Callable[[], Iterable[str | None]], name: str,
                text_column: str | None = None) -> Iterator[_Result]:
    """One article per line; blank lines are skipped.

    ``lines`` gives the file's lines afresh on each call (None for a line over
    :data:`MAX_ARTICLE_BYTES`, which was not read): a first pass collects the keys (is
    there a text field at all?), a second builds the documents one at a time, so a
    large file is never held whole.
    """
    keys: dict[str, None] = {}
    entries = 0
    for number, line in enumerate(lines(), start=1):
        entry = _jsonl_entry(line, name, number)
        entries += entry is not None
        if isinstance(entry, dict):
            keys.update(dict.fromkeys(with_text_column(entry, text_column)))
    if not entries:
        yield (None, [_error(name, None, "empty file: there are no JSON lines",
                             "Add one JSON object per line, or remove the file.")])
        return
    has_text = any(_is_text_name(key) for key in keys)
    if not has_text:
        yield (None, [_no_text_column(name, list(keys), "keys", text_column)])
    for number, line in enumerate(lines(), start=1):
        entry = _jsonl_entry(line, name, number)
        if isinstance(entry, CorpusIssue):
            yield (None, [entry])
        elif entry is not None and has_text:
            yield _row_document(with_text_column(entry, text_column), name, number)


def _jsonl_entry(
    line: str | None, name: str, number: int
) -> dict[str, Any] | CorpusIssue | None:
    """One line of a .jsonl: its object, an issue saying why it is none (``line`` is
    None for a line too large to read), or None if blank."""
    row_id = f"{name}:{number}"
    if line is None:
        return _error(
            name, row_id,
            f"row {number}: too large: the line holds more than {MAX_ARTICLE_BYTES:,} bytes "
            f"({MAX_ARTICLE_BYTES // 2**20} MiB), the most one article may; not read",
            "Split the article on this line into several rows, or check that the line "
            "breaks between rows were not lost.",
        )
    if not line.strip():
        return None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(
            name, row_id, f"row {number}: invalid JSON line: {exc.msg} at column {exc.colno}",
            "Make each line one complete JSON object, e.g. "
            '{"id": "a1", "text": "..."}; escape quotes and newlines inside strings.',
        )
    if not isinstance(value, dict):
        return _error(
            name, row_id,
            f"row {number}: not an object but a JSON {_kind(value)}; each line must hold "
            "one {...} object",
            'Write the row as an object with named fields, e.g. {"id": "a1", "text": "..."}.',
        )
    return value


@dataclass(frozen=True)
class JsonlBlock:
    """A line-aligned byte range ``[start, end)`` of a .jsonl file, whose first line is
    line ``first_line`` of the file: a part a worker can read on its own."""

    path: str
    start: int
    end: int
    first_line: int


@dataclass(frozen=True)
class BlockRows:
    """What one block holds: its documents and the line of each, its issues with their
    lines (each flagged when it only says the row has no text field), whether any row
    has a text field, the field names seen, and how many non-blank lines there were."""

    documents: list[Document]
    lines: list[int]
    issues: list[tuple[int, CorpusIssue, bool]]
    has_text: bool
    keys: list[str]
    entries: int


def jsonl_blocks(path: str | os.PathLike[str], block_bytes: int) -> list[JsonlBlock] | None:
    """Cut a .jsonl into line-aligned blocks of about ``block_bytes`` for workers to read.

    None when the file is not clean UTF-8 (it is then read whole by one process, which
    reports its encoding). The scan reads bytes only; no JSON is parsed here.
    """
    file = Path(path)
    if _utf8_lines(file) is None:
        return None
    blocks, start, line = [], 0, 1
    with _open_regular(file) as handle:
        while True:
            handle.seek(start + block_bytes)
            _skip_line(handle)  # to the end of the line the cut falls in
            end = min(handle.tell(), file.stat().st_size)
            if end <= start:
                break
            handle.seek(start)
            lines = _newlines(handle, end - start)
            blocks.append(JsonlBlock(str(file), start, end, line))
            start, line = end, line + lines
    return blocks


def read_jsonl_block(block: JsonlBlock, name: str) -> BlockRows:
    """The rows of one block, read as :func:`load_corpus` reads them (duplicate ids and a
    file with no text field at all are for the caller, who sees every block)."""
    documents, lines, issues, keys, has_text, entries = [], [], [], {}, False, 0
    for offset, raw in enumerate(_decoded_lines(Path(block.path), block.start, block.end)):
        number = block.first_line + offset
        entry = _jsonl_entry(raw, name, number)
        if entry is None:
            continue
        entries += 1
        if isinstance(entry, CorpusIssue):
            issues.append((number, entry, False))
            continue
        keys.update(dict.fromkeys(entry))
        textless = not any(_is_text_name(key) for key in entry)
        has_text = has_text or not textless
        doc, problems = _row_document(entry, name, number)
        issues.extend((number, problem, textless) for problem in problems)
        if doc is not None:
            documents.append(doc)
            lines.append(number)
    return BlockRows(documents, lines, issues, has_text, list(keys), entries)


def _decoded_lines(path: Path, start: int = 0, end: int | None = None) -> Iterator[str | None]:
    """The lines of a UTF-8 file from byte ``start`` (to byte ``end``, a line's end,
    when given), without their line breaks or a byte-order mark; None for a line over
    :data:`MAX_ARTICLE_BYTES`."""
    with _open_regular(path) as handle:
        handle.seek(start)
        for offset, raw in enumerate(_bounded_lines(handle, end)):
            if raw is not None and offset == 0 and start == 0:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            yield None if raw is None else raw.decode("utf-8").removesuffix("\n")


def _bounded_lines(handle: BinaryIO, end: int | None = None) -> Iterator[bytes | None]:
    """The lines of ``handle`` from where it stands (up to byte ``end``, a line's end,
    when given), each with its line break; None for a line over
    :data:`MAX_ARTICLE_BYTES`, which is passed over a chunk at a time, never held."""
    position = handle.tell()
    while end is None or position < end:
        line = handle.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        position += len(line)
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            position += _skip_line(handle)
            yield None
        else:
            yield line


def _skip_line(handle: BinaryIO) -> int:
    """Read past the end of the line ``handle`` stands in, a MiB at a time; the bytes read."""
    skipped = 0
    while True:
        chunk = handle.readline(2**20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _newlines(handle: BinaryIO, size: int) -> int:
    """How many line breaks the next ``size`` bytes of ``handle`` hold, read a MiB at a time."""
    count = 0
    while size > 0:
        chunk = handle.read(min(size, 2**20))
        if not chunk:
            break
        count += chunk.count(b"\n")
        size -= len(chunk)
    return count


def file_level_issues(name: str, blocks: Sequence[BlockRows]) -> list[CorpusIssue] | None:
    """The issues a whole file gets from its blocks: an empty file, or no text field in
    any row; None when neither applies (then each block's issues stand)."""
    if not any(b.entries for b in blocks):
        return [_error(name, None, "empty file: there are no JSON lines",
                       "Add one JSON object per line, or remove the file.")]
    if not any(b.has_text for b in blocks):
        keys = list(dict.fromkeys(key for b in blocks for key in b.keys))
        return [_no_text_column(name, keys, "keys"),
                *(issue for b in blocks for _, issue, textless in b.issues if not textless)]
    return None


def _utf8_lines(path: Path) -> Callable[[], Iterator[str | None]] | None:
    """A reader of the lines of a clean UTF-8 file (a BOM allowed), one at a time; None
    when the file needs the whole-file decoding of :func:`_decode` (UTF-16, NUL bytes,
    not UTF-8), which also reports why."""
    with _open_regular(path) as handle:
        if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return None
        handle.seek(0)
        try:
            for raw in _bounded_lines(handle):
                if raw is not None and b"\x00" in raw:
                    return None
                if raw is not None:
                    raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return lambda: _decoded_lines(path)


def _read_csv(text: str, name: str, text_column: str | None = None) -> list[_Result]:
    """One article per row under a header row; every cell is read as a string."""
    results: list[_Result] = []
    old_limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a cell may hold a whole long article
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                results.append((None, [_error(
                    name, None, f"row {start}: unreadable CSV ({exc}); the rest of the file "
                    "was not read", "Check the quoting around this row, or re-export the file.",
                )]))
                break
            line = start
            if not row or not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
                repeated = sorted({c for c in header if header.count(c) > 1})
                if repeated:
                    return [(None, [_error(
                        name, None,
                        f"the header repeats the column(s) {', '.join(repeated)}",
                        "Give every column its own name in the first row.",
                    )])]
                header = list(with_text_column(dict.fromkeys(header), text_column))
                if not any(_is_text_name(column) for column in header):
                    return [(None, [_no_text_column(name, row, "columns", text_column)])]
                continue
            if len(row) != len(header):
                results.append((None, [_error(
                    name, f"{name}:{line}",
                    f"row {line}: wrong column count: {len(row)} fields where the header has "
                    f"{len(header)} columns ({', '.join(header)})",
                    "Quote fields that contain commas or line breaks (\"...\"), or fix the row.",
                )]))
                continue
            results.append(_row_document(dict(zip(header, row, strict=True)), name, line))
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        return [(None, [_error(name, None, "empty file: there is no header row and no data",
                               "Add a header row (id,title,text,...) and one row per article, "
                               "or remove the file.")])]
    return results


def _row_document(row: Mapping[str, Any], name: str, number: int) -> _Result:
    return _document(
        row, body=None, default_id=f"{name}:{number}", file=name,
        source=f"{name}:row {number}", where=f"row {number}: ",
    )


def _decode(data: bytes, name: str, doc_id: str | None) -> tuple[str | None, CorpusIssue | None]:
    """Bytes to str: UTF-16 (BOM), UTF-8 (optional BOM), else Windows-1252 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return None, _error(
                name, doc_id,
                f"undecodable: the file starts with a UTF-16 byte-order mark but is not valid "
                f"UTF-16 ({exc.reason} at byte {exc.start})",
                "Re-save the file as UTF-8.",
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, _error(
            name, doc_id,
            f"binary file: it contains NUL bytes (the first at byte {nul}), so it is not text",
            "Export the article as plain UTF-8 text; if it is UTF-16 without a byte-order "
            "mark, re-save it as UTF-8.",
        )
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8") if start else data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start + start
        line = data.count(b"\n", 0, bad) + 1
        text = data[start:].decode("cp1252", errors="replace")
        lost = text.count("\ufffd")
        tail = f"; {lost} byte(s) have no Windows-1252 meaning and became U+FFFD" if lost else ""
        return text, CorpusIssue(
            name, doc_id, "warning",
            f"not UTF-8 (byte 0x{data[bad]:02x} on line {line}); read as Windows-1252{tail}",
            "Check accented letters and quotation marks in this file, and re-save it as "
            "UTF-8 to be sure.",
        )


# ---------------------------------------------------------------- fields and values


def _document(
    raw: Mapping[Any, Any],
    *,
    body: str | None,
    default_id: str,
    file: str,
    source: str | None,
    where: str,
) -> _Result:
    """Build a Document from raw fields (``body`` is the text when it is not a field)."""
    raw, surrogates = _replaced(raw, _SURROGATE)
    raw, nuls = _replaced(raw, _NUL)
    fields, metadata = _split_fields(raw, text_given=body is not None)
    doc_id, problem = _clean_id(fields.get("id"), default_id)
    if problem is not None:
        return None, [_error(file, default_id, f"{where}{problem}",
                             "Write the id as text, e.g. id: a1.")]
    if body is not None:
        text = body
    else:
        value = fields.get("text")
        if value is None:
            return None, [_error(
                file, doc_id, f"{where}no text: the text field is missing or empty",
                "Fill in the article's text (field text, body or content), or remove the row.",
            )]
        if not isinstance(value, str):
            return None, [_error(
                file, doc_id, f"{where}the text is a {_kind(value)}, not a string",
                "Store the article's text as one string.",
            )]
        text = normalise_text(value)
    if not text or text.isspace():
        return None, [_error(file, doc_id, f"{where}empty document: the text is only whitespace",
                             "Add the article's text, or remove it from the corpus.")]
    issues = []
    if surrogates:
        issues.append(CorpusIssue(
            file, doc_id, "warning",
            f"{where}{surrogates} unpaired surrogate escape(s) (\\ud800-\\udfff, half of an "
            "encoded emoji or accented letter) replaced by U+FFFD",
            "The export that wrote this file split characters in two; re-export it as UTF-8 "
            "to keep them. The document is analysed meanwhile.",
        ))
    if nuls:
        issues.append(CorpusIssue(
            file, doc_id, "warning",
            f"{where}{nuls} NUL character(s) (\\u0000, written as an escape) replaced by "
            "U+FFFD",
            "A NUL is no part of an article's text (a raw NUL byte makes a file binary); "
            "re-export the file without it. The document is analysed meanwhile.",
        ))
    iso, problem = _clean_date(fields.get("date"))
    if problem is not None:
        issues.append(CorpusIssue(
            file, doc_id, "warning", f"{where}{problem}",
            f"Write the date as {_DATE_FORMS}; the document is kept without a date meanwhile.",
        ))
    if _mostly_upper_case(text):
        issues.append(CorpusIssue(
            file, doc_id, "warning", f"{where}the text is mostly in capital letters",
            "It is analysed, but attribution and hedge rules rely on letter case and will "
            "undercount in it; load a version in ordinary case if you have one.",
        ))
    doc = Document(
        id=doc_id,
        text=text,
        title=_clean_label(fields.get("title")),
        outlet=_clean_label(fields.get("outlet")),
        author=_clean_label(fields.get("author")),
        date=iso,
        url=_clean_label(fields.get("url")),
        metadata=metadata,
        source=source,
    )
    return doc, issues


def _replaced(value: Any, pattern: re.Pattern[str]) -> tuple[Any, int]:
    """``value`` with every match of ``pattern`` in its strings, mapping keys included,
    replaced by U+FFFD; and how many there were."""
    if isinstance(value, str):
        fixed, count = pattern.subn("\ufffd", value)
        return fixed, count
    if isinstance(value, Mapping):
        pairs = [(_replaced(k, pattern), _replaced(v, pattern)) for k, v in value.items()]
        return ({k: v for (k, _), (v, _) in pairs},
                sum(m + n for (_, m), (_, n) in pairs))
    if isinstance(value, list):
        items = [_replaced(v, pattern) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    return value, 0


def _mostly_upper_case(text: str) -> bool:
    """More than 60% of the letters are capitals (over at least 40 letters)."""
    letters = [ch for ch in text[:20_000] if ch.isalpha()]
    return len(letters) >= 40 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _split_fields(
    raw: Mapping[Any, Any], *, text_given: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Canonical fields (aliases resolved; blanks count as absent) and the rest as metadata."""
    fields: dict[str, Any] = {"text": None} if text_given else {}
    rest: list[tuple[str, str, Any]] = []
    for key, value in raw.items():
        name = str(key).strip().lower()
        if name in CANONICAL_FIELDS and name not in fields and not _blank(value):
            fields[name] = value
        elif name in CANONICAL_FIELDS and _blank(value):
            continue
        else:
            rest.append((str(key), name, value))
    metadata: dict[str, Any] = {}
    for key, name, value in rest:
        target = ALIASES.get(name)
        if target is not None and target not in fields and not _blank(value):
            fields[target] = value
        else:
            metadata[key] = _plain(value)
    if text_given:
        del fields["text"]
    return fields, metadata


def _clean_id(value: Any, default: str) -> tuple[str, str | None]:
    if value is None:
        return default, None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return default, f"the id is a {_kind(value)}, not text or a number"
    return str(value).strip(), None


def _clean_label(value: Any) -> str | None:
    """title/outlet/author/url as a stripped NFC string (lists joined with '; ')."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(_plain(item)) for item in value)
    text = unicodedata.normalize("NFC", str(_plain(value))).strip()
    return text or None


_DATE_PROBLEM = "unparseable date"


def _clean_date(value: Any) -> tuple[str | None, str | None]:
    """The date as an ISO string, or (None, reason) when it is not one of the accepted forms."""
    if value is None:
        return None, None
    if isinstance(value, datetime | date):
        return value.isoformat(), None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _date_period(value.strip()) is not None:
        return value.strip(), None
    shown = json.dumps(_plain(value), ensure_ascii=False, default=str)
    return None, f"{_DATE_PROBLEM} {shown}; accepted forms are {_DATE_FORMS}"


def _date_period(value: str) -> tuple[date, date] | None:
    """The first and last day a date string covers, or None when it is not accepted."""
    try:
        if _YEAR.fullmatch(value):
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
        if match := _MONTH.fullmatch(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return date(year, month, 1), date(year, month, last)
        if _DAY.fullmatch(value):
            day = date.fromisoformat(value)
            return day, day
        if _DATETIME.fullmatch(value):
            moment = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
            return moment.date(), moment.date()
    except ValueError:
        return None
    return None


def _bound(value: Any, name: str) -> tuple[date, date]:
    iso, _ = _clean_date(value)
    period = _date_period(iso) if iso is not None else None
    if period is None:
        raise ValueError(f"{name}={value!r} is not a date: use {_DATE_FORMS}.")
    return period


def _plain(value: Any) -> Any:
    """Plain data: dates as ISO strings, mapping keys as strings, all the way down."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_text_name(key: Any) -> bool:
    return str(key).strip().lower() in _TEXT_NAMES


def _kind(value: Any) -> str:
    names = {dict: "mapping", list: "list", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)


def with_text_column(row: dict[str, Any], text_column: str | None) -> dict[str, Any]:
    """``row`` with the column the user named as the text (``--text-column``) as
    ``text``; a column that would otherwise be taken as the text is kept as
    ``original_NAME``. Without ``text_column``, or when the row lacks it, ``row``.

    >>> with_text_column({"title": "T", "body_text": "B", "body": "b"}, "body_text")
    {'title': 'T', 'text': 'B', 'original_body': 'b'}
    """
    if text_column is None or text_column not in row:
        return row
    return {("text" if key == text_column else f"original_{key}" if _is_text_name(key)
             else key): value for key, value in row.items()}


def _no_text_column(name: str, found: Iterable[str], what: str,
                    text_column: str | None = None) -> CorpusIssue:
    listed = ", ".join(_replaced(str(key), _SURROGATE)[0] for key in found) or "none"
    if text_column is not None:
        return _error(name, None, f"no text column: there is no column {text_column!r} "
                      f"(--text-column); {what} found are {listed}",
                      "Give --text-column the exact name of the column that holds the text.")
    return _error(
        name, None,
        f"no text column: {what} found are {listed}; claimscope needs one of text, body, content",
        "Name the column that holds the article's text 'text' (or body, or content), or "
        "name it with --text-column NAME (the report parameter text_column).",
    )


def _error(file: str, doc_id: str | None, reason: str, hint: str) -> CorpusIssue:
    return CorpusIssue(file, doc_id, "error", reason, hint)


def source_file(source: str | None) -> str:
    """The file part of a ``Document.source`` ("news.csv:row 12" -> "news.csv")."""
    return (source or "").split(":row ")[0]


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _corpus_files(root: Path) -> list[str]:
    """Relative paths (with '/') under root, sorted, links to folders among them (they
    are reported, not walked); hidden entries and root README.md left out."""
    names = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(root)
        # a link to a folder is not walked (os.walk's default), but named, to be reported
        names.extend((relative / d).as_posix() for d in dirs if os.path.islink(Path(folder, d)))
        for file in files:
            if file.startswith("."):
                continue
            if relative == Path(".") and file.lower() == "readme.md":
                continue
            names.append((relative / file).as_posix())
    return sorted(names)


def _file_problem(base: Path, name: str, walked: bool) -> CorpusIssue | None:
    """Why ``base/name`` is not read, or None: in a folder walked, a link is followed
    only to a regular file inside the folder; only a regular file is ever read, so a
    named pipe never blocks and a device is never drained. Nothing is opened here."""
    path = base / name
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return _error(name, None, f"unreadable file: {exc.strerror or exc}",
                      "Check that the file exists and that you may read it.")
    if walked and stat.S_ISLNK(mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return _error(name, None, f"not read: a link to nothing ({os.readlink(path)} "
                          "does not exist)",
                          "Remove the link, or make it point to an article file inside the "
                          "corpus folder.")
        if target.is_dir():
            return CorpusIssue(name, None, "warning", f"not read: a link to a folder "
                               f"({target}); links to folders are not followed",
                               "Move or copy the folder into the corpus folder if its files "
                               "belong to the corpus, or remove the link.")
        if not target.is_relative_to(base.resolve()):
            return _error(name, None, "not read: a link to a file outside the corpus folder "
                          f"({target})",
                          "Copy the file into the corpus folder if it belongs to the corpus, "
                          "or remove the link.")
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        return _error(name, None, f"not read: it is {_file_kind(info.st_mode)}, not a regular "
                      "file", "Keep only article files in the corpus folder, or move this out "
                      "of it.")
    if _suffix(name) in ARTICLE_SUFFIXES and info.st_size > MAX_ARTICLE_BYTES:
        return _too_large(name, name, MAX_ARTICLE_BYTES)
    if _suffix(name) == ".csv" and info.st_size > MAX_TABLE_BYTES:
        return _too_large(name, None, MAX_TABLE_BYTES)
    return None


def _file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a named pipe (FIFO)")."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a folder" if stat.S_ISDIR(mode) else "a special file"


def _too_large(name: str, doc_id: str | None, cap: int) -> CorpusIssue:
    """The issue of a file over its size cap: an article file, or a file read whole."""
    article = _suffix(name) in ARTICLE_SUFFIXES
    return _error(
        name, doc_id,
        f"too large: the file holds more than the {cap:,} bytes "
        f"({cap // 2**20} MiB) {'an article file' if article else 'a file read whole'} may "
        "hold; not read",
        ("Split it into one article per file, or put the articles in a .jsonl file (one "
         "JSON object per line), which is read a line at a time and may be of any size."
         if article else
         "Convert it to a .jsonl file in UTF-8 (one JSON object per line), which is read a "
         "line at a time and may be of any size, or split it."),
    )


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, refused (OSError) unless it is a regular
    file: it is opened without blocking, so a named pipe put in its place after it was
    checked cannot block the run either."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"{path} is {_file_kind(mode)}, not a regular file")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
