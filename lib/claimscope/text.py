"""Paragraphs, sentences, tokens, part of speech and quotation spans, all offline.

Every function takes a document's text and returns :class:`~claimscope.spans.Span`
objects (or records holding them) whose offsets index that text, so any count can be
traced back to its place in the document.

* Paragraphs are blocks separated by blank lines.
* Sentences: paragraphs first, then nltk's Punkt with the abbreviation list in
  ``lexicons/abbreviations.csv`` (no NLTK data is downloaded, ever). A line break
  inside a paragraph ends a sentence when the line has no sentence-final mark and the
  next line starts a new one (a headline or dateline over the first paragraph).
  A paragraph is read :data:`MAX_SENTENCE_CHARS` characters at a time, so a run of
  that length without a sentence end (a transcript, a scraped page) is cut at its last
  white space; no time limit decides a sentence, so the same text always gives the
  same sentences, on any machine.
* Part of speech: TextBlob's pattern tagger, as ``PatternTagger`` calls it (its lexicon
  ships with the package).
* Quotations: straight, curly, angle and typewriter ('') double quotes, single quotes
  nested in double, the news convention of a quote running over paragraphs, and
  unbalanced marks, which are closed at the end of their paragraph and flagged, never
  raised.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

from claimscope.spans import Span

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

ABBREVIATIONS_VERSION = "2026.11.26-2"
# the longest sentence: Punkt reads a paragraph in pieces of at most this many characters,
# and a run this long without a sentence end is cut at its last white space (or, with
# none, at the limit), so the cost of a sentence is bounded whatever the document
MAX_SENTENCE_CHARS = 100_000
T = TypeVar("T")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)
# the typewriter double quotation mark '': of three apostrophes after a word ("that?'''",
# a single quote closed, then the double) the last two, before one ("'''Why") the first two
_TWO_APOSTROPHES = r"''(?!')|(?<!\S)''"
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N., a.m.
    r"|\$?\d+(?:[.,:]\d+)*%?"  # 1,000  3.5  $20  10:30  40%
    r"|\w+(?:['’]\w+)*(?:-\w+(?:['’]\w+)*)*"  # words, don't, Iran's, so-called
    rf"|{_TWO_APOSTROPHES}"  # '' is one mark, as the tagger reads it
    r"|[^\w\s]",  # any other mark on its own
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_OPENING_CONTEXT = "([{—–“‘"  # a mark after these opens, as after a space
_DOUBLE_MARK = re.compile(rf"{_TWO_APOSTROPHES}|[\"“”„«»]")
_NESTED_SINGLE = re.compile(r"(?<!\w)['‘]([^'‘’\n]+?)['’](?!\w)")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted passage: ``span`` includes the marks, ``inner`` does not.

    ``closed`` is False when no closing mark was found (the quotation then ends at its
    paragraph's end); ``multi_paragraph`` is True for a quote continued over paragraphs;
    ``level`` is 0 for a top-level quotation and 1 for one nested inside it (single
    quotes in double ones, or double marks whose places show they nest:
    '"The sign read "Keep out" in red," he said').
    """

    span: Span
    inner: Span
    closed: bool
    multi_paragraph: bool
    level: int = 0


@lru_cache(maxsize=8)
def load_abbreviations(path: str | None = None) -> frozenset[str]:
    """Abbreviations (lower case, without the final full stop) Punkt must not split at."""
    if path is None:
        handle = resources.files("claimscope.lexicons").joinpath("abbreviations.csv").open(
            encoding="utf-8"
        )
    else:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    with handle:
        rows = list(csv.DictReader(handle))
    if not rows or "abbreviation" not in rows[0]:
        raise ValueError(
            f"abbreviation list {path or 'abbreviations.csv'} needs a header with an "
            "'abbreviation' column, one abbreviation per row (lower case, no final '.')"
        )
    return frozenset(row["abbreviation"].strip().lower().rstrip(".") for row in rows)


@lru_cache(maxsize=1)
def load_sentence_starters() -> frozenset[str]:
    """Words that start a new sentence even after a known abbreviation ("D.C. The")."""
    handle = resources.files("claimscope.lexicons").joinpath("sentence_starters.csv")
    with handle.open(encoding="utf-8") as rows:
        return frozenset(row["word"].strip().lower() for row in csv.DictReader(rows))


@lru_cache(maxsize=8)
def _punkt(path: str | None = None) -> PunktSentenceTokenizer:
    # nltk is imported here, when text is first split: a notebook that only reads a
    # run's tables (and the word-list versions) does not pay for it
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(load_abbreviations(path))
    params.sent_starters = set(load_sentence_starters())
    return PunktSentenceTokenizer(params, **_untimed_punkt())


def _untimed_punkt() -> dict[str, object]:
    """Punkt's language variables and token class (``lang_vars``, ``token_cls``) with
    their patterns run without NLTK's wall-clock limit (``nltk.redos``, 5 s over a
    whole paragraph): with it, whether a long paragraph is split, or its document set
    aside, would depend on the machine's speed. The patterns are Punkt's own, not a
    user's, and the text they read is bounded by :data:`MAX_SENTENCE_CHARS`."""
    from nltk.tokenize import punkt

    try:
        from nltk import redos
    except ImportError:  # an NLTK without redos puts no limit on its patterns
        return {}

    def untimed(pattern):  # noqa: ANN001, ANN202 - nltk has no type hints
        return redos.compile(pattern, timeout=None)

    class UntimedLanguageVars(punkt.PunktLanguageVars):
        __slots__ = ()
        re_boundary_realignment = untimed(punkt.PunktLanguageVars.re_boundary_realignment)

        def period_context_re(self):  # noqa: ANN202
            return untimed(super().period_context_re())

        def _word_tokenizer_re(self):  # noqa: ANN202
            return untimed(super()._word_tokenizer_re())

    class UntimedToken(punkt.PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = untimed(punkt.PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = untimed(punkt.PunktToken._RE_NUMERIC)
        _RE_INITIAL = untimed(punkt.PunktToken._RE_INITIAL)
        _RE_ALPHA = untimed(punkt.PunktToken._RE_ALPHA)
        _RE_NON_PUNCT = untimed(punkt._re_non_punct)

        @property
        def is_non_punct(self):  # noqa: ANN202
            return self._RE_NON_PUNCT.search(self.type)

    return {"lang_vars": UntimedLanguageVars(), "token_cls": UntimedToken}


def paragraphs(text: str) -> list[Span]:
    """Blocks of text separated by blank lines, without their surrounding white space."""
    result: list[Span] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _append_stripped(result, text, start, match.start())
        start = match.end()
    _append_stripped(result, text, start, len(text))
    return result


def _append_stripped(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, text[start:end]))


def _lines(text: str, paragraph: Span) -> list[tuple[int, int]]:
    """Split a paragraph at line breaks that end a sentence without a full stop."""
    pieces: list[tuple[int, int]] = []
    start = paragraph.start
    for match in re.finditer(r"\n", paragraph.text):
        cut = paragraph.start + match.start()
        line = text[start:cut]
        following = text[cut + 1 : cut + 2]
        if not _SENTENCE_END.search(line) and following[:1].isupper() and _looks_like_title(line):
            pieces.append((start, cut))
            start = cut + 1
    pieces.append((start, paragraph.end))
    return pieces


def _looks_like_title(line: str) -> bool:
    """A headline-like line: ends in a colon or dash, or most of its words are capitalised.

    A hard-wrapped line of running prose ("...rejected the report on") is neither.
    """
    stripped = line.strip()
    if not stripped:
        return False
    if stripped[-1] in ":—-–":
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", stripped) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def sentences(text: str, *, abbreviations: str | None = None) -> list[Span]:
    """Sentences of ``text``: paragraphs first, then Punkt; a sentence never crosses one."""
    return list(_sentences(text, abbreviations))


@lru_cache(maxsize=8)
def _sentences(text: str, abbreviations: str | None) -> tuple[Span, ...]:
    """:func:`sentences`, remembered for the last few texts: every analyzer of a
    document splits the same text, and Punkt is a large share of the cost."""
    tokenizer = _punkt(abbreviations)
    result: list[Span] = []
    for paragraph in paragraphs(text):
        for start, end in _lines(text, paragraph):
            piece = text[start:end]
            for s, e in _merge_lowercase_starts(piece, _punkt_spans(tokenizer, piece)):
                _append_stripped(result, text, start + s, start + e)
    return tuple(result)


def _punkt_spans(tokenizer: PunktSentenceTokenizer, piece: str) -> list[tuple[int, int]]:
    """Punkt's sentences of ``piece``, read :data:`MAX_SENTENCE_CHARS` at a time: each
    read ends at its last white space, and its last sentence, which may run on, is read
    again at the start of the next; a read holding one sentence or none is cut there.
    Punkt decides a break from the words around it, so the sentences are those of one
    read, whatever the length of the piece."""
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(piece):
        stop = _cut(piece, position)
        found = [(position + s, position + e)
                 for s, e in tokenizer.span_tokenize(piece[position:stop])]
        if stop < len(piece) and len(found) > 1:
            stop = found.pop()[0]
        spans.extend(found)
        position = stop
    return spans


def _cut(piece: str, start: int) -> int:
    """Where a read of ``piece`` from ``start`` ends: the end of the piece, or after the
    last white space within :data:`MAX_SENTENCE_CHARS`, or at the limit with none."""
    limit = start + MAX_SENTENCE_CHARS
    if limit >= len(piece):
        return len(piece)
    space = _TO_LAST_SPACE.match(piece, start, limit)
    return space.end() if space is not None else limit


def clear_caches() -> None:
    """Forget the sentences, tokens and quotations remembered for recent texts. The
    analysis calls it when a document is done: they serve only while one document's
    analysers run, and would otherwise keep recent documents' texts in memory."""
    _sentences.cache_clear()
    _tokens.cache_clear()
    _quotations.cache_clear()


def _merge_lowercase_starts(piece: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo Punkt splits when the next piece starts with a lower-case word.

    Punkt splits after acronyms it does not know ("the E.P.A. operates") and after a
    quoted exclamation or question ('"Stop!" said Lages'); a sentence of news prose
    does not start with a lower-case word.
    """
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        head = piece[start:end].lstrip("\"'“”‘’([ ")
        tail = piece[merged[-1][0] : merged[-1][1]] if merged else ""
        if merged and head[:1].islower() and _SENTENCE_END.search(tail):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def sentence_index(sentence_spans: Sequence[Span], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the nearest one before it, if between)."""
    return max(bisect.bisect_right(sentence_spans, offset, key=lambda s: s.start) - 1, 0)


def by_sentence(
    sentence_spans: Sequence[Span], items: Iterable[T], spans_of: Callable[[T], Iterable[Span]]
) -> list[list[T]]:
    """For each sentence, the items any of whose spans touch it (each item once per sentence).

    Lets an analyzer look only at the attributions or quotations near a sentence instead
    of scanning them all, which keeps long documents linear.
    """
    buckets: list[list[T]] = [[] for _ in sentence_spans]
    if not buckets:
        return buckets
    for item in items:
        touched: set[int] = set()
        for span in spans_of(item):
            first = sentence_index(sentence_spans, span.start)
            last = sentence_index(sentence_spans, max(span.end - 1, span.start))
            touched.update(range(first, last + 1))
        for index in sorted(touched):
            buckets[index].append(item)
    return buckets


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word and punctuation tokens of ``text[start:end]`` with offsets into ``text``."""
    return list(_tokens(text, start, len(text) if end is None else end))


@lru_cache(maxsize=4096)
def _tokens(text: str, start: int, end: int) -> tuple[Span, ...]:
    """:func:`tokens`, remembered: attribution and hedging read the same sentences."""
    return tuple(Span(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end))


@lru_cache(maxsize=1)
def _tagger():  # noqa: ANN202 - textblob has no type hints
    """TextBlob's English pattern parser, whose tagger ``PatternTagger`` calls."""
    from textblob.en import parser

    return parser


def pos_tag(text: str, start: int = 0, end: int | None = None) -> list[tuple[Span, str]]:
    """Penn Treebank tags for the tokens of ``text[start:end]`` (TextBlob's pattern tagger).

    Tokens are ours (so offsets are exact), and they go to the tagger as they are, one
    tag each. ``PatternTagger.tag(..., tokenize=False)`` gives the same tags (checked on
    34,290 news sentences), but it joins the tokens into a string, parses them back out
    of it and formats the result: six times the work.
    """
    toks = tokens(text, start, end)
    if not toks:
        return []
    tagged = _tagger().find_tags([t.text for t in toks])
    return [(tok, tag) for tok, (_, tag) in zip(toks, tagged, strict=True)]


def trie_pattern(forms: Iterable[str]) -> str:
    """A regex matching any of ``forms`` (lower-case words; a space matches any run of
    white space), written as a trie: shared prefixes are factored out, which Python's
    ``re`` matches several times faster than a flat alternation. At every branch a
    longer continuation is tried before stopping, so the longest form wins, as with an
    alternation sorted longest first.

    >>> print(trie_pattern(["may", "may be", "might"]))
    m(?:ay(?:\\s+be)?|ight)
    """
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for atom in " ".join(form.split()):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_body(trie)


def _trie_body(node: dict[str, dict]) -> str:
    branches = [(r"\s+" if atom == " " else re.escape(atom)) + _trie_body(child)
                for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def quotations(text: str) -> list[Quotation]:
    """Quoted passages of ``text``: top-level double quotes, and the quotes nested in them
    (single ones, or double marks whose places show they nest).

    Double marks are straight ``"``, curly ``“ ” „``, angle ``« »`` and the typewriter
    pair ``''`` (one token, as :func:`tokens` gives it). A curly or angle mark typed the
    wrong way round is read by where it stands ('“It is,“ he said').
    A quotation left open at the end of a paragraph continues when the next paragraph
    opens with a quotation mark (the news convention); otherwise it is closed there
    and flagged ``closed=False``. Unbalanced marks never raise.
    """
    return list(_quotations(text))


@lru_cache(maxsize=8)
def _quotations(text: str) -> tuple[Quotation, ...]:
    """:func:`quotations`, remembered for the last few texts: attribution and hedging
    both read a document's quotations."""
    found: list[Quotation] = []
    inner: list[Quotation] = []  # double quotes nested in double quotes
    paras = paragraphs(text)
    open_at: tuple[int, int] | None = None  # (position, length) of the opening mark
    multi = False
    for number, para in enumerate(paras):
        marks = [(m.start(), m.end() - m.start()) for m in _DOUBLE_MARK.finditer(text, para.start,
                                                                                 para.end)]
        if open_at is not None:  # continued from the previous paragraph
            if marks and marks[0][0] == para.start:
                multi = True
                marks = marks[1:]
            elif marks and _mark_role(text, *marks[0], straight_by_place=True,
                                      paragraph=para) == "close":
                multi = True  # the continued paragraph's opening mark was left out
            else:  # no continuation: the previous quote was never closed
                found.append(_quotation(text, open_at, (paras[number - 1].end, 0), False, multi))
                open_at, multi = None, False
        # marks that nest by where they stand ('"The sign read "Keep out" in red," he said'):
        # at least two, inside a quote carried over, or four
        if len(marks) >= (2 if open_at is not None else 4):
            nesting = _nesting(text, marks, para, carried=open_at is not None)
            pending: list[tuple[int, int]] = []  # opening marks of nested quotes
            for mark, role in zip(marks, nesting, strict=False):
                if role == "open" and open_at is None:
                    open_at = mark
                elif role == "open":
                    pending.append(mark)
                elif pending:
                    inner.append(_quotation(text, pending.pop(), mark, True, False, level=1))
                else:
                    found.append(_quotation(text, open_at, mark, True, multi))
                    open_at, multi = None, False
            marks = marks[len(nesting):]
        # straight marks that pair up are read in turn; an odd number means one is
        # missing, and then each is read by where it stands
        straight = sum(text[p] not in _OPEN_DOUBLE + _CLOSE_DOUBLE for p, _ in marks)
        for position, length in marks:
            role = _mark_role(text, position, length, straight_by_place=straight % 2 == 1,
                              paragraph=para)
            if open_at is None:
                if role != "close":  # a stray closing mark opens nothing
                    open_at = (position, length)
            elif role == "open":  # a new opening mark: the old quote was never closed
                found.append(_quotation(text, open_at, (_end_before(text, position), 0), False,
                                        multi))
                open_at, multi = (position, length), False
            else:
                found.append(_quotation(text, open_at, (position, length), True, multi))
                open_at, multi = None, False
    if open_at is not None and paras:
        found.append(_quotation(text, open_at, (paras[-1].end, 0), False, multi))
    return tuple(sorted(found + inner + _nested(text, found),
                        key=lambda q: (q.span.start, q.level)))


def _nesting(
    text: str, marks: Sequence[tuple[int, int]], paragraph: Span, *, carried: bool
) -> list[str]:
    """Roles of the paragraph's first marks when they nest by where they stand, else [].

    Every mark must open or close by its place (:func:`_mark_role`), and the marks read
    must return to where they began: no quote open, or only the one ``carried`` over from
    the previous paragraph. Reading stops at the first mark that fits neither or closes
    nothing; the marks up to the last such return are taken when a quote opened inside
    another among them ('"The sign read "Keep out" in red," he said', "“wearing “Settle
    For Less” shirts”"). Marks that do not nest are read as before: a quote left
    unclosed before the next one ('"Yes, the clerk said. "No," he said') is not taken
    for an outer quote over the speaker.
    """
    roles: list[str] = []
    depth, taken, nested, nested_taken = int(carried), 0, False, False
    for position, length in marks:
        role = _mark_role(text, position, length, straight_by_place=True,
                          paragraph=paragraph)
        if role == "either" or (role == "close" and depth == 0):
            break
        depth += 1 if role == "open" else -1
        nested = nested or depth >= 2
        carried = carried and depth > 0
        roles.append(role)
        if depth == 0 or (depth == 1 and carried):
            taken, nested_taken = len(roles), nested
    return roles[:taken] if nested_taken else []


def _mark_role(
    text: str, position: int, length: int = 1, *, straight_by_place: bool = False,
    paragraph: Span | None = None,
) -> str:
    """'open', 'close' or 'either' for the double quotation mark at ``position``.

    A mark ending its ``paragraph`` after some text closes: there is nothing after it
    to quote. Curly marks say which they are, unless typed the wrong way round: a mark
    glued to the word before it and followed by a space closes, whatever its shape. A
    straight mark (or the typewriter pair ``''``) is 'either', unless ``straight_by_place``:
    then after a space, a bracket or a dash and before a word or an opening mark it
    opens ('said. "We', '(“We', '"“We'), and glued to the word before it and followed by
    a space, a punctuation mark or a closing mark it closes.
    """
    end = position + length
    if paragraph is not None and end >= paragraph.end and position > paragraph.start:
        return "close"
    mark = text[position:end]
    before = text[position - 1 : position] if position else ""
    after = text[end : end + 1]
    glued_before = bool(before) and not before.isspace() and before not in _OPENING_CONTEXT
    free_after = not after or after.isspace() or after in ".,;:!?)]—–-”’"
    if mark in _OPEN_DOUBLE:
        return "close" if glued_before and free_after else "open"
    if mark in _CLOSE_DOUBLE:
        return "open" if not glued_before and not free_after else "close"
    if straight_by_place and not glued_before and (after.isalnum() or after in "“‘'"):
        return "open"
    if straight_by_place and glued_before and free_after:
        return "close"
    return "either"


def _end_before(text: str, position: int) -> int:
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _quotation(
    text: str, opening: tuple[int, int], closing: tuple[int, int], closed: bool, multi: bool,
    *, level: int = 0,
) -> Quotation:
    """The quotation from the opening mark to the closing one (position, length)."""
    start, inner_start = opening[0], opening[0] + opening[1]
    end, inner_end = closing[0] + closing[1], closing[0]
    inner_end = max(inner_end, inner_start)
    return Quotation(
        span=Span(start, end, text[start:end]),
        inner=Span(inner_start, inner_end, text[inner_start:inner_end]),
        closed=closed,
        multi_paragraph=multi,
        level=level,
    )


def _nested(text: str, outer: list[Quotation]) -> list[Quotation]:
    """Single-quoted passages inside double quotations (apostrophes are not quotes)."""
    nested: list[Quotation] = []
    for quote in outer:
        for match in _NESTED_SINGLE.finditer(text, quote.inner.start, quote.inner.end):
            start, end = match.start(), match.end()
            nested.append(
                Quotation(
                    span=Span(start, end, text[start:end]),
                    inner=Span(match.start(1), match.end(1), match.group(1)),
                    closed=True,
                    multi_paragraph=False,
                    level=1,
                )
            )
    return nested
