"""Attribution relations: who says what, with which cue, and how the writer frames it.

An attribution links a **cue** (a reporting verb, "according to", a noun such as "the
claim that", a colon after a name) to its **source** (who or what is cited) and its
**content** (the reported claim). Everything is a character span into the document's
text. The analysis is rule-based and transparent:

1. Cues come from ``lexicons/reporting_cues.csv`` (lemmas; verbs are inflected here,
   irregular forms come from ``attribution_irregular_verbs.csv``). A sentence without a
   cue form is never tagged, which keeps the analysis fast.
2. In a sentence with a cue, TextBlob's PatternTagger (via :func:`claimscope.text.pos_tag`)
   tells a verb ("officials claim") from a noun ("the claim"), and finite verbs mark
   clause boundaries.
3. Each cue's construction decides where source and content lie: preposed ("X said
   that ..."), postposed ("..., X said"), inverted ("..., said X"), parenthetical
   ("The plan, he said, ..."), participial (", adding that ...", "while urging ...",
   "Arguing that ..., Clinton ..."), relative ("a photo that purports to show ..."),
   passive ("Tehran is said to ...", "Roof is accused of ...", "reported in the
   Journal"), "according to X", "X: ...", "the claim that ...", "questions about ...",
   an attitude adjective with its complement ("X is skeptical of ...", "eager to ...").
   A cue's optional frame (see ``FRAMES``) narrows the constructions it counts in.
4. Quotation spans from :func:`claimscope.text.quotations` anchor the content of direct
   and partial quotes, including quotes that run over sentences and paragraphs.
5. The source is typed from its head word with ``attribution_source_types.csv``; person
   names are normalised ("spokesman John Kirby" -> "John Kirby"), surnames and he/she are
   resolved to an earlier person source where that is unambiguous, else left None.
6. An attribution whose cue sits inside another one's content (or that is a "citing X"
   attached to it) is nested: ``parent`` points to the outer one, which is marked
   ``second_hand``. A nested cue whose subject opens the outer content ("officials said
   [the senator thinks ...]", "the poll found [60 percent said ...]") is also
   ``embedded``: a report within a report, which PolNeAR's annotators count once (as the
   outer one: 32 of 317 such inner cues are gold on train), so the evaluation leaves
   embedded ones out. They stay in the tables: the senator is still cited, second-hand.
"""

from __future__ import annotations

import bisect
import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from claimscope import text as textmod
from claimscope.spans import Span

LEXICON_VERSION = "2026.12.08-48"

KINDS_OF_CUE = ("verb", "noun", "adjective", "phrase", "punctuation")
# A cue's frame restricts the constructions it counts in ("" = any): intention and
# evidential verbs ("want", "seem") report something only in a narrow syntactic frame.
# ``stance``: a stance or evaluation verb ("support", "attack") counts only with a named
# agent and an object right after it (PolNeAR counts "X backs Y"; "backed by", "a
# supported claim", "they support" mostly are not); with "X as Y" after the object any
# agent will do ("Republicans saw the attack as a chance"), and in the passive none
# ("she is widely seen as"); a stance noun needs its agent as a possessive ("Trump's
# attack on", "her attacks on"). ``object``: a mental, factive or distancing verb that also
# reports with a noun-phrase object ("noted the irony", "polls show a tight race"), where
# the others need a clause ("found cracks" is no report).
FRAMES = ("", "infinitive", "quote", "evidential", "stance", "object")
STANCES = ("neutral", "distancing", "endorsing", "belief", "directive")
SOURCE_TYPES = (
    "person", "organization", "government", "media", "document", "anonymous", "unspecified"
)
_SOURCE_CATEGORIES = frozenset(SOURCE_TYPES) | {"role", "title", "pronoun"}

# Closed-class words (grammar, not vocabulary): kept in code because they define the
# constructions, not the cue or source vocabulary a user might want to change.
_MAX_SENTENCE_TOKENS = 250  # longer "sentences" (run-on text, lists) are read in windows
_BE = frozenset("is are was were be been being 's".split())
_AUX = frozenset(
    "has have had having is are was were be been being will would could can may might "
    "should must shall did does do not n't never".split()
)
_SUBORDINATORS = frozenset(
    "that which who whom whose because while whereas although though if unless when "
    "whenever since after before as where whether but so yet than until once".split()
)
_DETERMINERS = frozenset("a an the his her its their our my your this these those".split())
# mental, factive and distancing verbs report a proposition only with a clause after them
_CLAUSAL_STANCES = frozenset({"belief", "endorsing", "distancing"})
_WH_WORDS = frozenset("what how why who whom where when whether if which".split())
_RESPONSE_VERBS = frozenset({"respond", "reply", "answer"})  # "to X" is what they answer
_CONTRACTED_VERB = re.compile(r"\w['’](?:re|s|ll|ve|d|m)$")
_LINKING = frozenset(
    "remain remains remained become becomes became seem seems seemed look looks looked "
    "stay stays stayed get gets got feel feels felt sound sounds sounded".split()
)
_CLAUSE_BREAKS = frozenset("but although though whereas yet".split())
_RELATIVES = frozenset("that which who".split())
_PARTICIPLE_LINKS = frozenset("on up".split())  # "went on to warn"
# a phrasal verb's particle ends the cue ("pointed out that", "as X pointed out,"); the
# tagger calls it IN, but unlike a preposition it is not left stranded before a clause
_PARTICLES = frozenset("out".split())
_TIME_NOUNS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week month year weekend day days weeks months years "
    "ago earlier later recently previously".split()
)
_TIME_WORDS = _TIME_NOUNS | {"last", "this", "next", "late", "early"}
_STATEMENT_NOUNS = frozenset(
    "statement interview tweet post email e-mail letter release speech remarks briefing "
    "conference call op-ed message video appearance hearing testimony twitter facebook "
    "television radio podcast show program programme broadcast phone telephone".split()
)
# "while urging", "after hinting that", "began calling for": a gerund cue whose agent is
# the clause's subject, like ", adding that ..."
_GERUND_FRAMES = frozenset(
    "while after before since when by in began begun begin begins started start starts kept "
    "keep keeps".split()
)
# "praised her for saying", "accused Trump of suggesting", "the risk of telling voters": a
# gerund after "for" / "of" names the deed praised or blamed, not a report of its own
# (PolNeAR train: 7 of 55 such gerunds are gold attributions)
_GERUND_OBJECT_PREPOSITIONS = frozenset({"for", "of"})
_PLAIN_PASSIVES = frozenset("find admit".split())  # no report when a place follows
_PLACE_WORDS = frozenset("among inside into at near nearby there aboard under to".split())
_OBJECT_VERBS = frozenset("tell inform assure remind notify brief".split())
# "told the story of ...": what is told, not to whom ("told members of the committee")
_TOLD_OF = frozenset("story stories tale tales account accounts history".split())
_NP_TAGS = ("NN", "NNS", "NNP", "NNPS", "DT", "PDT", "JJ", "JJR", "JJS", "CD", "POS", "PRP$")
_FINITE = ("VBD", "VBZ", "VBP", "MD")
_SENTENCE_PUNCT = ".!?;…"
_OPEN_QUOTES = "\"“„'‘"
_CLOSE_QUOTES = "\"”'’"
_DOUBLE_MARKS = frozenset({"“", "”", "„", "«", "»", "''"})  # read by role (_Quotes.word)
_DASHES = frozenset({"—", "–", "―", "--", "-"})
_PRONOUN_PERSON = frozenset({"he", "she"})
_PRONOUN_S = frozenset("he she it that who there what".split())  # "he's said": has, not his
# "In a CNN/ORC poll released Monday, 31% of ...": "in" before these nouns introduces a
# finding (PolNeAR's cue "in", the poll its source), not a place or a time.
_FINDING_NOUNS = frozenset("poll polls survey surveys".split())
# a noun cue written with its preposition ("question about", "criticism of") reports with
# what follows that preposition; other noun cues need a that-clause
_NOUN_COMPLEMENTS = frozenset("about of for to on from whether against over among".split())
_NON_AGENTS = frozenset("it there this that these those which what each i we you".split())


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; all spans index the document's text."""

    id: int
    sentence: int
    cue: Span
    source: Span | None
    content: Span | None
    kind: str
    source_name: str | None
    role: str | None
    source_type: str
    stance: str
    cue_lemma: str
    parent: int | None
    second_hand: bool
    embedded: bool


@dataclass(frozen=True)
class CueEntry:
    """One row of the cue lexicon."""

    cue: str
    kind_of_cue: str
    stance: str
    note: str
    frame: str = ""


@dataclass(frozen=True)
class CueLexicon:
    """The cue lexicon: rows, and every surface form (lower-case token tuple) they match."""

    entries: tuple[CueEntry, ...]
    forms: dict[str, tuple[tuple[tuple[str, ...], CueEntry], ...]]
    source: str
    # first word -> () when it is a cue on its own, else the longer surfaces it may begin
    starts: dict[str, tuple[str, ...]]


@dataclass(frozen=True, eq=False)
class SourceLexicon:
    """Source-type heads, roles, titles and pronouns from attribution_source_types.csv."""

    terms: dict[tuple[str, ...], str]
    max_len: int


# --------------------------------------------------------------------------- lexicons


def _open_lexicon(path: str | os.PathLike | None, default: str):
    if path is None:
        return resources.files("claimscope.lexicons").joinpath(default).open(encoding="utf-8")
    if not Path(path).is_file():
        raise FileNotFoundError(f"lexicon {path} not found: pass the path of a CSV file")
    return open(path, encoding="utf-8")  # noqa: SIM115 - closed by the caller's with


def _rows(path: str | os.PathLike | None, default: str, columns: Iterable[str]) -> list[dict]:
    with _open_lexicon(path, default) as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(
                f"lexicon {path or default} lacks column(s) {sorted(missing)}; "
                f"it needs a header with {', '.join(columns)}"
            )
        return [row for row in reader if (row.get(next(iter(columns))) or "").strip()]


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, tuple[str, ...]]:
    rows = _rows(None, "attribution_irregular_verbs.csv", ("lemma", "forms", "note"))
    return {row["lemma"].strip().lower(): tuple(row["forms"].split()) for row in rows}


def _inflect(lemma: str) -> set[str]:
    """A verb's forms: the lemma, -s, -ed, -ing (irregular forms from the CSV)."""
    irregular = _irregular_forms()
    if lemma in irregular:
        return {lemma, *irregular[lemma]}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith("e"):
        gerund = lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing"
        return {lemma, lemma + "s", lemma + "d", gerund}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def _noun_forms(lemma: str) -> set[str]:
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies"}
    if lemma.endswith(("s", "sh", "ch", "x")):
        return {lemma, lemma + "es"}
    return {lemma, lemma + "s"}


def _surface_forms(entry: CueEntry) -> set[tuple[str, ...]]:
    words = tuple(t.text.lower() for t in textmod.tokens(entry.cue))
    if entry.kind_of_cue == "verb":
        return {(form, *words[1:]) for form in _inflect(words[0])}
    if entry.kind_of_cue == "noun" and len(words) > 1 and words[-1] in _NOUN_COMPLEMENTS:
        return {(form, *words[1:]) for form in _noun_forms(words[0])}  # "questions about"
    if entry.kind_of_cue == "noun":
        return {(*words[:-1], form) for form in _noun_forms(words[-1])}
    if entry.kind_of_cue == "punctuation" and entry.cue in _DASHES:
        return {(dash,) for dash in _DASHES}
    return {words}


def _build_cue_lexicon(path: str | os.PathLike | None) -> CueLexicon:
    rows = _rows(path, "reporting_cues.csv", ("cue", "kind_of_cue", "stance", "note"))
    entries = []
    for number, row in enumerate(rows, start=2):
        entry = CueEntry(
            row["cue"].strip().lower(), row["kind_of_cue"].strip(), row["stance"].strip(),
            (row.get("note") or "").strip(), (row.get("frame") or "").strip(),
        )
        if (entry.kind_of_cue not in KINDS_OF_CUE or entry.stance not in STANCES
                or entry.frame not in FRAMES):
            raise ValueError(
                f"cue lexicon {path or 'reporting_cues.csv'} line {number}: kind_of_cue must be "
                f"one of {KINDS_OF_CUE}, stance one of {STANCES} and the optional frame one "
                f"of {FRAMES}, got {entry.kind_of_cue!r} / {entry.stance!r} / {entry.frame!r}"
            )
        entries.append(entry)
    forms: dict[str, list[tuple[tuple[str, ...], CueEntry]]] = {}
    for entry in entries:
        for surface in _surface_forms(entry):
            forms.setdefault(surface[0], []).append((surface, entry))
    frozen = {
        first: tuple(sorted(options, key=lambda o: -len(o[0]))) for first, options in forms.items()
    }
    starts = {}
    for first, options in frozen.items():
        surfaces = tuple(sorted({" ".join(surface) for surface, _ in options}))
        starts[first] = () if first in surfaces else surfaces
    return CueLexicon(tuple(entries), frozen, str(path or "reporting_cues.csv"), starts)


@lru_cache(maxsize=1)
def _default_cue_lexicon() -> CueLexicon:
    return _build_cue_lexicon(None)


@lru_cache(maxsize=8)
def _user_cue_lexicon(path: str, modified: int) -> CueLexicon:
    return _build_cue_lexicon(path)


def load_cue_lexicon(path: str | os.PathLike | None = None) -> CueLexicon:
    """The cue lexicon (columns ``cue,kind_of_cue,stance,note`` and an optional ``frame``;
    lemmas, inflected here).

    Loaded once and cached (a user's CSV until the file changes); pass ``path`` to use
    your own CSV.
    """
    if path is None:
        return _default_cue_lexicon()
    if not Path(path).is_file():
        raise FileNotFoundError(f"lexicon {path} not found: pass the path of a CSV file")
    resolved = Path(path).resolve()
    return _user_cue_lexicon(str(resolved), resolved.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def load_source_lexicon() -> SourceLexicon:
    """Source-type heads (government, media, document, anonymous, organization), roles,
    titles and pronouns, from ``attribution_source_types.csv``."""
    rows = _rows(None, "attribution_source_types.csv", ("term", "category", "note"))
    terms: dict[tuple[str, ...], str] = {}
    for row in rows:
        category = row["category"].strip()
        if category not in _SOURCE_CATEGORIES:
            raise ValueError(
                f"attribution_source_types.csv: category {category!r} is not one of "
                f"{sorted(_SOURCE_CATEGORIES)}"
            )
        key = tuple(t.text.lower() for t in textmod.tokens(row["term"].strip()))
        terms[key] = category
    return SourceLexicon(terms, max(len(k) for k in terms))


# --------------------------------------------------------------------------- document


@dataclass
class _Sentence:
    index: int
    span: Span
    toks: list[Span]
    low: list[str]
    following: Span | None = None
    tags: list[str] = field(default_factory=list)

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < len(self.tags) else ""


@dataclass
class _Draft:
    sentence: int
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    entry: CueEntry
    cites: bool = False  # "citing X": X is the source the previous attribution relies on
    # end of the adverbials after a post-posed cue ('," he said on "This Week" Sunday.'):
    # a quotation opening the next sentence may continue the content past them
    reach: int = 0
    embedded: bool = False  # its subject opens another draft's content (see _restated)


class _Quotes:
    """Top-level quotations with bisect lookup (they never overlap each other)."""

    def __init__(self, text: str) -> None:
        found = [q for q in textmod.quotations(text) if q.level == 0]
        self.spans = [q.span for q in found]
        self.closed = [q.closed for q in found]
        self.starts = [s.start for s in self.spans]
        # where each opening and closing double mark stands, whatever its shape
        self.marks = {q.span.start: "“" for q in found}
        self.marks.update((q.inner.end, "”") for q in found if q.closed)

    def word(self, tok: Span) -> str:
        """The token lower-cased, a double quotation mark read by its role: '“' opens and
        '”' closes, whatever its shape ('' “ ” „ « », or a curly mark typed the wrong way
        round as in ',“ he said'); one that neither opens nor closes a quotation here
        (a paragraph's continuation mark) stands as '"', either."""
        word = tok.text.lower()
        if word in _DOUBLE_MARKS:
            return self.marks.get(tok.start, '"')
        return word

    def quoted(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside a closed quotation (the speaker's words)."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.closed[i] and self.spans[i].start < start and end < self.spans[i].end

    def covering(self, offset: int, *, closed_only: bool = False) -> Span | None:
        """The quotation holding ``offset`` (strictly inside its marks), if any."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i].start < offset < self.spans[i].end:
            return self.spans[i] if self.closed[i] or not closed_only else None
        return None

    def starting_at(self, offset: int, slack: int = 1) -> Span | None:
        i = bisect.bisect_left(self.starts, offset)
        if i < len(self.spans) and self.spans[i].start - offset <= slack:
            return self.spans[i]
        return None

    def inside(self, start: int, end: int) -> list[Span]:
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.spans) and self.spans[i].start < end:
            found.append(self.spans[i])
            i += 1
        return found


def find_attributions(
    text: str, *, lexicon: str | os.PathLike | None = None
) -> list[Attribution]:
    """All attributions in ``text`` in document order (by cue start).

    ``lexicon`` is the path of your own cue CSV (same columns as
    ``lexicons/reporting_cues.csv``); the default list is used otherwise.

    From the seed article: a named person quoted directly, then paraphrased under his
    surname; a government that "insists" (a distancing cue); an agentless claim.

    >>> text = ('"As of May, Russia received hundreds of one-way attack drones," said '
    ...         'National Security Council spokesman John Kirby. Kirby added that the plant '
    ...         'may be operational next year. The Islamic Republic insists that it has not '
    ...         'provided drones to Russia. Tehran is said to be providing materials.')
    >>> for a in find_attributions(text):
    ...     print(a.cue.text, "|", a.source_name, "|", a.role, "|", a.source_type, a.stance,
    ...           a.kind)
    said | John Kirby | spokesman | person neutral direct
    added | John Kirby | None | person neutral indirect
    insists | Islamic Republic | None | government distancing indirect
    is said | None | None | unspecified neutral indirect
    """
    cues = load_cue_lexicon(lexicon)
    sources = load_source_lexicon()
    sentence_spans = textmod.sentences(text)
    quotes = _Quotes(text)
    drafts: list[_Draft] = []
    hits = sorted(_cue_offsets(text, cues) + _finding_offsets(text))
    for index, span in enumerate(sentence_spans):
        at = bisect.bisect_left(hits, span.start)
        if at == len(hits) or hits[at] >= span.end:
            continue  # no cue form: no tokens, no tagging
        tagged = textmod.pos_tag(text, span.start, span.end)
        following = sentence_spans[index + 1] if index + 1 < len(sentence_spans) else None
        # an unpunctuated run-on "sentence" is read in windows, so no rule scans it whole
        for w in range(0, max(len(tagged), 1), _MAX_SENTENCE_TOKENS):
            window = tagged[w : w + _MAX_SENTENCE_TOKENS]
            if not window:
                continue
            toks = [tok for tok, _ in window]
            part = span if len(tagged) <= _MAX_SENTENCE_TOKENS else Span.of(
                text, toks[0].start, toks[-1].end
            )
            sent = _Sentence(index, part, toks, [quotes.word(t) for t in toks], following,
                             _name_tags(window))
            matches = _match_cues(sent, cues)
            found = _sentence_drafts(text, sent, matches, quotes) if matches else []
            drafts.extend(found + _in_finding(sent, found, quotes))
    signed = _signature_lines(text, sentence_spans, quotes)
    taken = {d.cue for d in signed}
    drafts = [d for d in drafts if d.cue not in taken] + signed
    return _finish(text, drafts, sentence_spans, quotes, sources)


def _name_tags(tagged: list[tuple[Span, str]]) -> list[str]:
    """Penn tags, with a capitalised modal inside a sentence read as a name ("said Will
    Doyle", "Theresa May"): the tagger calls it MD."""
    tags = [tag for _, tag in tagged]
    for k in range(1, len(tags)):
        if tags[k] == "MD" and tagged[k][0].text[:1].isupper() and tags[k - 1] not in ("``", ":"):
            tags[k] = "NNP"
    return tags


# '"...," ― Sonya Herridge' at a line's end (or on the next line): a quotation signed
# with a dash and a name
_SIGNATURE = re.compile(
    r"(?<=[\"”'’])[ \t\u00a0]*(?:\n+[ \t\u00a0]*(?=[-―—–]))?([―—–]|--|-(?!-))[ \t\u00a0]*"
    r"((?:[A-Z][\w'’-]*\.?[ \t\u00a0]+){0,3}[A-Z][\w'’-]+)[ \t\u00a0.]*(?=\n|$)"
)
_SIGNATURE_CUE = CueEntry("—", "punctuation", "neutral", "a quotation signed: '\"...\" ― Name'")


def _signature_lines(text: str, sentence_spans: list[Span], quotes: _Quotes) -> list[_Draft]:
    """'"Trump must stop ..." ― Carla Sanchez': a dash (or a hyphen) and a name after a
    closing quotation mark, ending the line, sign the quotation (readers' comments,
    epigraphs); the signature may stand on the next line ('"..."' then '- Bernie Sanders.')."""
    drafts = []
    for match in _SIGNATURE.finditer(text):
        quote = quotes.covering(match.start() - 1)
        if quote is None or quote.end != match.start():
            continue
        index = textmod.sentence_index(sentence_spans, match.start(1))
        drafts.append(_Draft(index, match.span(1), match.span(2), (quote.start, quote.end),
                             _SIGNATURE_CUE))
    return drafts


# --------------------------------------------------------------------------- cue matching

_WORD_OR_MARK = re.compile(r"[^\W\d_]+|[:—–―]|--|(?<= )-(?= )")


def _cue_offsets(text: str, lexicon: CueLexicon) -> list[int]:
    """Offsets where a cue form may begin: one linear pass over the document, so the
    (slow) tagger only sees sentences that can hold an attribution."""
    hits = []
    starts = lexicon.starts
    for match in _WORD_OR_MARK.finditer(text):
        surfaces = starts.get(match.group().lower())
        if surfaces is None:
            continue
        at = match.start()
        if not surfaces and not match.group()[0].isalpha() and _inside_token(text, at):
            continue  # "5:07", "2015–16", "https://": the mark is no cue
        if not surfaces or any(
            " ".join(text[at : at + len(s) + 4].lower().split()).startswith(s) for s in surfaces
        ):
            hits.append(at)
    return hits


def _inside_token(text: str, at: int) -> bool:
    """A colon or dash inside a time, a score or a web address, so that a sentence holding
    only such marks is not sent to the tagger."""
    before, after = text[at - 1 : at], text[at + 1 : at + 3]
    if text[at] == ":":
        return before.isdigit() and after[:1].isdigit() or after == "//"
    return before.isalnum() and after[:1].isalnum()


_FINDING_CUE = CueEntry("in", "phrase", "neutral", "in a poll / survey: the finding it reports")
_FINDING = re.compile(r"\b(?:" + "|".join(sorted(_FINDING_NOUNS)) + r")\b", re.IGNORECASE)


def _finding_offsets(text: str) -> list[int]:
    return [m.start() for m in _FINDING.finditer(text)]


def _in_finding(sent: _Sentence, found: list[_Draft], quotes: _Quotes) -> list[_Draft]:
    """"In a Quinnipiac poll released Monday, Clinton led by 6 points" / "Trump has a
    decisive lead in the polls": the poll is the source of the clause it frames (cue "in").
    The noun phrase after "in" holds only determiners, names, adjectives and numbers up to
    the poll noun, then at most a reduced participle ("released Monday", "conducted by
    X"); the clause must have a verb; a poll already cited by a cue is skipped."""
    end = _sentence_end_token(sent)
    drafts = []
    for p in range(end):
        if sent.low[p] != "in" or quotes.quoted(sent.toks[p].start, sent.toks[p].end):
            continue
        q = p + 1
        while q < end and q - p <= 9 and sent.low[q] not in _FINDING_NOUNS and (
            sent.tag(q) in _NP_TAGS or sent.low[q] in ("/", "-", "&")
        ):
            q += 1
        if q >= end or sent.low[q] not in _FINDING_NOUNS:
            continue
        if sent.low[p + 1 : q + 1] == ["the", "polls"]:
            continue  # "rose in the polls": a standing, no poll's finding (train 0 of 14)
        stop = q + 1
        if stop < end and sent.tag(stop) == "VBN":  # "released Monday", "conducted by ..."
            stop += 1
            while stop < end and sent.low[stop] != "," and not _is_finite(sent, stop):
                stop += 1
        source = _chars(sent, p + 1, stop)
        if any(d.source and d.source[0] <= source[0] < d.source[1] for d in found):
            continue
        fronted = all(sent.tag(m) == "CC" or sent.low[m] in ("but", "and") for m in range(p))
        if fronted and stop < end and sent.low[stop] == ",":
            if not any(sent.tag(m).startswith("VB") or sent.tag(m) == "MD"
                       for m in range(stop + 1, end)):
                continue  # a clause ("Clinton led ...", the tagger may call "led" VBN)
            content = _content_after(sent, stop + 1, quotes)
        elif not fronted and stop >= end:
            start = _clause_start(sent, p)
            b = p - 1
            while b > start and sent.low[b] not in (",", ";") and sent.low[b] not in _DASHES:
                b -= 1
            start = b + 1 if b > start else start
            if not _has_finite(sent, start, p):
                continue
            content = _chars(sent, start, p)
        else:
            continue
        if content is not None:
            drafts.append(_Draft(sent.index, _chars(sent, p, p + 1), source, content, _FINDING_CUE))
    return drafts


def _match_cues(
    sent: _Sentence, lexicon: CueLexicon
) -> list[tuple[int, int, tuple[tuple[int, CueEntry], ...]]]:
    """Longest lexicon matches, left to right, as token ranges ``[i, j)`` with every entry
    that matches there, longest first, each with its own end ("reports": the verb and the
    noun; "promises to": the noun "promise to", then the verb "promise" should the noun's
    construction not fit)."""
    found = []
    i, n = 0, len(sent.low)
    while i < n:
        size, entries = 0, []
        for surface, entry in lexicon.forms.get(sent.low[i], ()):
            if tuple(sent.low[i : i + len(surface)]) == surface:
                size = max(size, len(surface))
                entries.append((i + len(surface), entry))
        if size:
            found.append((i, i + size, tuple(entries)))
            i += size
        else:
            i += 1
    return found


def _speaker_label(sent: _Sentence, i: int, j: int) -> bool:
    """'"WALLACE: Let's start ...': a transcript quoted over paragraphs names each speaker
    in capitals before a colon at the start of the sentence; the label cites the speaker
    even inside the quotation."""
    start = 0
    while start < i and sent.low[start] in _OPEN_QUOTES:
        start += 1
    return (sent.low[i:j] == [":"] and 0 < i - start <= 4
            and all(sent.toks[m].text.isupper() for m in range(start, i)))


def _sentence_drafts(
    text: str,
    sent: _Sentence,
    matches: list[tuple[int, int, tuple[tuple[int, CueEntry], ...]]],
    quotes: _Quotes,
) -> list[_Draft]:
    drafts: list[_Draft] = []
    # a cue that governs another ("purports to show") carries the pair; "continued to insist"
    # does not ("continue" reports only a quotation), so the inner cue stands on its own
    cue_starts = {i for i, _, entries in matches if any(e.frame != "quote" for _, e in entries)}
    standalone: list[tuple[int, int, CueEntry]] = []
    for i, j, entries in matches:
        if quotes.quoted(sent.toks[i].start, sent.toks[j - 1].end) and not _speaker_label(
                sent, i, j):
            continue  # "I think ..." inside a quotation is the speaker's own wording
        for stop, entry in entries:
            draft = _draft(text, sent, i, stop, entry, quotes, drafts, cue_starts, standalone)
            if draft is not None:
                drafts.append(draft)
                break
    if not drafts:  # "In a statement, the ministry ..." with no other cue
        for i, j, entry in standalone:
            draft = _statement_phrase(text, sent, i, j, entry, quotes)
            if draft is not None:
                drafts.append(draft)
    for draft in drafts:  # cue token range -> characters
        draft.cue = _chars(sent, *draft.cue)
    return drafts


def _draft(
    text: str,
    sent: _Sentence,
    i: int,
    j: int,
    entry: CueEntry,
    quotes: _Quotes,
    drafts: list[_Draft],
    cue_starts: set[int],
    standalone: list[tuple[int, int, CueEntry]],
) -> _Draft | None:
    """The attribution of one cue match, by the kind of cue."""
    kind = entry.kind_of_cue
    if entry.frame == "evidential":
        draft = _evidential(sent, i, j, entry, quotes)
        if draft is None and _lemma_of(entry) == "seem":
            return _seeming(sent, i, j, entry)
        return draft
    if kind == "verb":
        draft = _verb(text, sent, i, j, entry, quotes, drafts, cue_starts)
        return draft if draft is None or _in_frame(sent, j, entry, draft, quotes) else None
    if kind == "noun":
        draft = _noun(text, sent, i, j, entry, quotes)
        if draft is not None and entry.frame == "stance" and draft.source is None:
            return None  # a stance noun counts with its agent: "Trump's attack on ..."
        return draft
    if kind == "adjective":
        return _adjective(sent, i, j, entry, quotes)
    if entry.cue == "according to":
        return _according_to(text, sent, i, j, entry, quotes)
    if kind == "phrase" and j - i == 1 and sent.low[i].endswith("ly"):
        return _adverb(sent, i, j, entry, quotes)
    if kind == "phrase":
        standalone.append((i, j, entry))
        return None
    if drafts:
        return None  # "telling Breitbart: ..." : the colon belongs to the earlier cue
    return _heading(text, sent, i, j, entry, quotes)


def _in_frame(sent: _Sentence, j: int, entry: CueEntry, draft: _Draft, quotes: _Quotes) -> bool:
    """Does a framed verb cue stand in its frame? ``infinitive``: a to-infinitive follows
    ("wants to", "sought to") and an agent is stated (not "it", "there"; "I", "we" count),
    or an agent other than "they" takes an object ("Sanders wants a revolution", "voters
    want lower taxes"); ``quote``: the content is a quotation ("..., he continued.", "He
    continued: "..."")."""
    if entry.frame == "infinitive":
        r = j
        while r < len(sent.low) and sent.tag(r) == "RB":
            r += 1
        if _to_infinitive(sent, r) and (
            _agent(sent.toks, draft.source) or _first_person(sent.toks, draft.source)
        ):
            return True
        # an object needs a named agent or a noun ("Sanders wants a revolution", "voters
        # want lower taxes": train 30 in 57 gold), not "they" / "who" (2 in 8)
        they = draft.source is not None and sent.low[_last_token(sent, draft.source)] in (
            "they", "who"
        )
        return _agent(sent.toks, draft.source) and not they and _object_follows(sent, j)
    if entry.frame == "quote":
        return draft.source is not None and _quoted(draft.content, quotes)
    if entry.frame == "stance":
        if draft.source is None and sent.low[j : j + 1] == ["as"]:
            return True  # agentless passive: "is widely seen as", "was viewed as"
        if _object_follows(sent, j) and "as" in sent.low[j + 1 : j + 8] and _agent(
            sent.toks, draft.source
        ):
            return True  # "Republicans saw the attack as a chance", "many view him as"
        return _named_agent(sent, draft.source) and _object_follows(sent, j)
    return True


_STANCE_AGENT_TYPES = frozenset({"person", "organization", "government", "media", "role", "title"})


def _named_agent(sent: _Sentence, source: tuple[int, int] | None) -> bool:
    """The source's head is a name (capitalised), "he"/"she", or a person, organisation,
    government or media noun of the source lexicon ("the senator", "the campaign")."""
    if not _agent(sent.toks, source):
        return False
    heads = [k for k, t in enumerate(sent.toks) if source[0] <= t.start and t.end <= source[1]]
    head = heads[-1]
    word = sent.low[head]
    if word in _PRONOUN_PERSON or sent.tag(head).startswith("NNP"):
        return True
    return load_source_lexicon().terms.get((word,)) in _STANCE_AGENT_TYPES


def _object_follows(sent: _Sentence, j: int) -> bool:
    """A noun phrase, a pronoun or a clause follows the verb (after adverbs), not a
    passive "by", a preposition or punctuation."""
    r = j
    while r < len(sent.low) and sent.tag(r) == "RB":
        r += 1
    if r >= _sentence_end_token(sent):
        return False
    return sent.tag(r).startswith(_NP_TAGS + ("PRP", "VBG")) or sent.low[r] in ("that", "for")


def _to_infinitive(sent: _Sentence, r: int) -> bool:
    """"to" and a bare verb at token ``r``. The tagger often calls the verb of "plans to
    vote" / "appeared to step" a noun (NN) or a present form (VBP): a lower-case word so
    tagged after "to" counts too ("to Iowa", "to the", "to power" do not: a name, a
    determiner, a noun then a preposition or the end)."""
    if sent.low[r : r + 1] != ["to"] or r + 1 >= len(sent.low):
        return False
    tag, word = sent.tag(r + 1), sent.toks[r + 1].text
    if tag == "VB":
        return True
    if tag not in ("NN", "VBP") or not word.isalpha() or not word.islower():
        return False
    after = sent.tag(r + 2)
    return after.startswith(("DT", "PRP", "NNP", "TO", "JJ", "RB", "CD")) or after == "IN" and (
        sent.low[r + 2] not in ("of", "for", "and")
    )


def _agent(toks: list[Span], source: tuple[int, int] | None) -> bool:
    """A named or third-person agent: not absent, not an expletive or demonstrative, not
    the speaker or the reader ("I want to", "if you want to understand")."""
    if source is None:
        return False
    words = [t.text.lower() for t in toks if source[0] <= t.start and t.end <= source[1]]
    return bool(words) and words[-1] not in _NON_AGENTS and words[0] not in _NON_AGENTS


def _last_token(sent: _Sentence, span: tuple[int, int]) -> int:
    """Index of the last token inside the character span."""
    return max(k for k, t in enumerate(sent.toks) if span[0] <= t.start and t.end <= span[1])


def _first_person(toks: list[Span], source: tuple[int, int] | None) -> bool:
    """The speaker or the speaker's group ("I want to", "we plan to"): PolNeAR counts a
    writer's or interviewee's own intention outside quotation marks (on train about half
    of these are gold)."""
    if source is None:
        return False
    words = [t.text.lower() for t in toks if source[0] <= t.start and t.end <= source[1]]
    return words in (["i"], ["we"])


def _evidential(
    sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"Trump seemed to relish the fight", "the crowd seemed unmoved", "It appears that
    ...": an inference from appearances, reported without a source; the content is the
    subject with what it seems to be or do."""
    n = len(sent.low)
    if not sent.tag(i).startswith("VB") or j >= n:
        return None
    end = _sentence_end_token(sent)
    k, _, governed = _skip_left(sent, i, set())
    if governed or k < 0 or sent.low[k] in _DETERMINERS:
        return None
    subject = _subject(sent, k)
    if subject[1] <= subject[0] and sent.low[k] in _RELATIVES:
        subject = (k, k + 1)  # "a voter who seemed to be confused"
    if subject[1] <= subject[0]:
        return None
    expletive = sent.low[subject[0] : subject[1]] == ["it"]
    nxt = sent.low[j]
    r = j
    while r < end and sent.tag(r) in ("RB", "RBR") and sent.low[r] not in ("as", "not"):
        r += 1  # "seemed equally unperturbed", "appears more attractive"
    described = r < end and (
        sent.tag(r) in ("JJ", "JJR") or sent.low[r : r + 2] in (["as", "if"], ["as", "though"])
    )
    if expletive and nxt == "that":
        content = _content_after(sent, j + 1, quotes)
    elif expletive and described:  # "it seems unfair to ...", "it seems likely Gowdy is ..."
        content = _content_after(sent, j, quotes)
    elif expletive:
        return None  # "it seems to me", "it appeared on ...": no proposition
    elif (_to_infinitive(sent, j) or nxt == "like" or described
          or r < end and sent.tag(r) == "VBN" and sent.low[r + 1 : r + 2] != ["by"]):
        after = _content_after(sent, j, quotes)
        content = (sent.toks[subject[0]].start, after[1]) if after else None
    else:
        return None
    if content is None or subject[1] > end:
        return None
    return _Draft(sent.index, (i, j), None, content, entry)


def _seeming(sent: _Sentence, i: int, j: int, entry: CueEntry) -> _Draft | None:
    """A finite "seem" that :func:`_evidential` could not parse ("the group, which has lost
    thousands, seems unlikely to ...", "it seems like no one is spared"): still an inference
    from appearances (on PolNeAR train 34 such cues in 58 are gold, where "appear" also means
    "show up"); the content is its clause, agentless."""
    if not sent.tag(i).startswith("VB"):
        return None
    end = _sentence_end_token(sent)
    if end <= j:
        return None
    return _Draft(sent.index, (i, j), None, _chars(sent, _clause_start(sent, i), end), entry)


# --------------------------------------------------------------------------- helpers


def _is_finite(sent: _Sentence, i: int) -> bool:
    tag = sent.tag(i)
    if tag == "VBD" and i + 1 < len(sent.low) and sent.low[i + 1] == "by":
        return False  # reduced relative: "a report published by ..."
    return tag in _FINITE


def _is_boundary(sent: _Sentence, i: int) -> bool:
    word = sent.low[i]
    if word in _SUBORDINATORS or word in (",", ";", ":", "(", ")", "[", "]"):
        return True
    if word in _DASHES or (len(word) == 1 and word in _OPEN_QUOTES + _CLOSE_QUOTES):
        return True
    return _is_finite(sent, i)


def _has_finite(sent: _Sentence, start: int, end: int) -> bool:
    return any(_is_finite(sent, k) for k in range(max(start, 0), min(end, len(sent.low))))


def _words(sent: _Sentence, start: int, end: int) -> list[int]:
    return [k for k in range(start, end) if sent.low[k][:1].isalnum() or sent.low[k][:1] == "$"]


def _sentence_end_token(sent: _Sentence) -> int:
    """Index after the last token that is not sentence-final punctuation (nor the closing
    bracket of a sentence in brackets: "(..., he said.)")."""
    end = len(sent.toks)
    if end > 1 and sent.low[0] == "(" and sent.low[-1] == ")":
        end -= 1
    while end > 0 and (sent.low[end - 1] in _SENTENCE_PUNCT or sent.low[end - 1] in ","):
        end -= 1
    return end


def _chars(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """Character range of tokens ``[start, end)``, or None when empty."""
    if end <= start:
        return None
    return sent.toks[start].start, sent.toks[end - 1].end


def _subject(sent: _Sentence, k: int) -> tuple[int, int]:
    """Token range of the subject ending at ``k`` (inclusive), scanning back to a boundary."""
    b = k
    while b >= 0 and k - b < 30:
        if sent.low[b] == ")" and "(" in sent.low[max(0, b - 10) : b]:
            b -= sent.low[b - 1 :: -1].index("(") + 2  # "Roger Wicker (R-Miss.) said"
            continue
        if _is_boundary(sent, b):
            break
        if sent.low[b] in ("and", "or") and not sent.tag(b - 1).startswith(("NN", "PRP")):
            break  # "the plant is ready and officials said": a new clause
        b -= 1
    start = b + 1
    while start <= k and (  # "but then", "what she (said)", "to": not part of a subject
        sent.tag(start) in ("CC", "RB", "IN", "TO", "WP", "WRB", "WDT")
        or sent.low[start] in ("then",)
    ):
        start += 1
    return _after_noun(sent, _after_how(sent, start, k), k), k + 1


_AGENT_ENDS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ee", "site", "star")


def _after_noun(sent: _Sentence, start: int, k: int) -> int:
    """"engines of the type Kostrava says it found": a name right after a common noun
    that names no kind of source opens a relative clause without "that"; the name alone
    is the subject ("the spokesman John Kirby", "the newspaper Le Monde" stay whole)."""
    m = k
    while m >= start and sent.tag(m).startswith("NNP") and sent.toks[m].text[:1].isupper():
        m -= 1
    if m == k or m < start or sent.tag(m) not in ("NN", "NNS") or not sent.low[m].isalpha():
        return start
    if not sent.toks[m].text.islower():
        return start
    noun = sent.low[m]
    terms = load_source_lexicon().terms
    if (noun,) in terms or (noun.rstrip("s"),) in terms or noun.rstrip("s").endswith(_AGENT_ENDS):
        return start  # "the comedian Ann Lee", "the site Pando": an apposition
    if sent.low[k] in _TIME_NOUNS:
        return start  # "voters voting Tuesday"
    if not any(sent.tag(n).startswith("VB") or sent.low[n] == "of" for n in range(start, m - 1)):
        return start  # "the type X said" alone is too rare to tell from an apposition
    return m + 1


def _after_how(sent: _Sentence, start: int, k: int) -> int:
    """"ask why Kostrava claims", "notice how few of those demanding": after how/why the
    subject is the speaker-like noun phrase right before the cue (a name, a pronoun, or a
    phrase headed by a noun), not the words of the main clause before it."""
    w = next((m for m in range(k, max(start - 2, -1), -1) if sent.low[m] in ("how", "why")),
             None)
    if w is None or w == k or sent.low[w - 1 : w] == ["matter"]:
        return start  # "no matter how many times people told him": concessive, left whole
    if sent.low[w + 1] in ("much", "often", "long", "far"):
        w += 1  # "how much they expected"
    elif sent.low[w + 1] in ("many", "few") and sent.low[w + 2 : w + 3] == ["times"]:
        w += 2  # "how many times people told him"
    tail = range(w + 1, k + 1)
    if not tail:
        return start
    if not all(sent.tag(m) in _NP_TAGS or sent.tag(m) == "PRP" or sent.low[m] == "of"
               for m in tail):
        return start
    if not (sent.tag(k).startswith(("NN", "PRP")) or sent.low[k] in ("those", "these")):
        return start
    if any(sent.tag(m) == "PRP" for m in tail) and len(tail) > 1:
        return start  # "how much money he": a pronoun is a subject on its own
    return w + 1


def _skip_left(sent: _Sentence, i: int, cues: set[int]) -> tuple[int, bool, bool]:
    """From the cue at ``i``, skip auxiliaries, adverbs and a governing verb chain
    ("went on to warn") leftwards. Returns (index, saw_be, governed_by_cue)."""
    k = i - 1
    saw_be = False
    while k >= 0:
        word, tag = sent.low[k], sent.tag(k)
        if word in _AUX or word.endswith("n't") or tag in ("RB", "MD"):
            saw_be = saw_be or word in _BE
            k -= 1
            continue
        if word == "to" and k >= 1:
            m = k - 1
            if sent.low[m] in _PARTICIPLE_LINKS and m >= 1:
                m -= 1
            if sent.tag(m).startswith("VB") or sent.tag(m) == "JJ":
                if m in cues:
                    return m, saw_be, True
                saw_be = False
                k = m - 1
                continue
        break
    return k, saw_be, False


def _np_left(sent: _Sentence, k: int) -> tuple[int, int] | None:
    """A base noun phrase ending at token ``k``."""
    start = k
    while start >= 0 and (
        sent.tag(start) in _NP_TAGS
        or sent.tag(start) in ("VBN", "VBG") and start < k and sent.tag(start - 1) in ("NN", "JJ")
    ):
        start -= 1
    start += 1
    return (start, k + 1) if start <= k else None


def _np_right(sent: _Sentence, j: int, end: int) -> tuple[int, int] | None:
    """A noun phrase from token ``j``: names, titles, "of"/"for" + noun, no clause."""
    k = j
    while k < end:
        word, tag = sent.low[k], sent.tag(k)
        title_stop = word == "." and k > j and _is_title(sent.low[k - 1]) and k + 1 < end
        if (word in (",", ".", ";", ":", "(", ")") and not title_stop or word in _DASHES
                or word in _SUBORDINATORS):
            break
        if tag in _FINITE or tag == "VB":
            break
        if tag in ("IN", "TO") and word not in ("of", "for", "at", "with", "from"):
            break
        if word in ("on", "in") or (word in _TIME_WORDS and k > j):
            break
        k += 1
    while k > j and sent.tag(k - 1) in ("IN", "TO", "CC", "DT"):
        k -= 1
    return (j, k) if k > j else None


def _is_title(word: str) -> bool:
    """"mr", "sen", "gov": a title or role abbreviation that takes a full stop."""
    return load_source_lexicon().terms.get((word.rstrip("."),)) in ("title", "role") and len(
        word.rstrip(".")) <= 4


_TITLE_SMALL_WORDS = frozenset("the a an of and or with to for on in at by from & de la".split())


def _title_end(sent: _Sentence, r: int) -> int | None:
    """'"Meet the Press"', "''Morning Joe,''": a double-quoted run of one to eight
    capitalised words (small words aside) names a programme or a paper, not what was said;
    the token index after its closing mark, or None."""
    if r >= len(sent.low) or sent.low[r] not in ("“", '"'):
        return None
    m = r + 1
    while m < len(sent.low) and m - r <= 12 and sent.low[m] not in ("”", '"', "“"):
        m += 1
    if m >= len(sent.low) or sent.low[m] == "“":
        return None
    words = [sent.toks[n].text for n in range(r + 1, m) if sent.toks[n].text[:1].isalnum()]
    if not 1 <= len(words) <= 8 or not words[0][:1].isupper():
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS
               for w in words):
        return None
    return m + 1


def _next_np(sent: _Sentence, k: int) -> bool:
    """A determiner right after a noun starts another noun phrase: "told reporters | the
    bridge was safe"."""
    return sent.tag(k) in ("DT", "PDT", "PRP$") and sent.tag(k - 1)[:2] == "NN"


def _skip_adverbials(sent: _Sentence, r: int, end: int, lemma: str) -> int:
    """Skip what sits between a verb cue and its content: "on Friday", "in a statement",
    "last week", an addressee after tell ("told reporters"), a colon."""
    while r < end:
        word = sent.low[r]
        if word == "that" and r + 1 < end and sent.low[r + 1] in _TIME_NOUNS:
            r += 2  # "said that night"
            continue
        if word == "by" and sent.low[r + 1 : r + 2] in (["phone"], ["telephone"], ["email"]):
            r += 2  # "said by telephone"
            continue
        if word == "at" and sent.low[r + 1 : r + 2] in (["least"], ["most"]):
            break  # "said at least two members oppose ...": a quantifier opens the content
        if word in ("on", "in", "at", "during", "via", "over", "through"):
            k = r + 1
            while k < end and k - r <= 5 and sent.tag(k) in _NP_TAGS:
                k += 1
            chunk = set(sent.low[r + 1 : k])
            if k > r + 1 and (chunk & (_TIME_WORDS | _STATEMENT_NOUNS) or any(
                sent.tag(m) == "CD" for m in range(r + 1, k)
            )):
                r = _title_end(sent, k) or k  # 'on the MSNBC show "Morning Joe"'
                continue
            title = _title_end(sent, k)
            if title is not None:  # 'on NBC's "Meet the Press"': a programme, not the content
                r = title
                continue
            break
        if word in _TIME_WORDS:
            k = r + 1
            while k < end and (sent.low[k] in _TIME_WORDS or sent.tag(k) in ("NNP", "CD")):
                k += 1
            if not set(sent.low[r:k]) & _TIME_NOUNS:
                break
            r = k
            continue
        if sent.tag(r) == "RB" and word not in ("not", "n't"):
            r += 1
            continue
        break
    if lemma in _OBJECT_VERBS and r < end:
        k = r
        while (k < end and k - r < 8 and sent.tag(k) in (*_NP_TAGS, "PRP") and sent.low[k] != "that"
               and not _next_np(sent, k)):
            k += 1
        # 'told "Meet the Press"', "told the hosts of ''Morning Joe''": the addressee
        title = _title_end(sent, k + 1 if r < k < end and sent.low[k] in ("of", "on") else k)
        if (title is None and lemma == "tell" and r < k < end - 1 and sent.low[k] == "of"
                and sent.low[k - 1] not in _TOLD_OF
                and (not sent.tag(k - 1).startswith("NNP") or sent.toks[k + 1].text[:1].isupper())):
            # "told members of the committee that ...", "told Megyn Kelly of Fox News": the
            # addressee goes on ("told Mr. Cole of the risks": what he was told)
            m = k + 1
            while m < end and m - k <= 6 and sent.tag(m) in _NP_TAGS and sent.low[m] != "that" \
                    and not _next_np(sent, m):
                m += 1
            k = m if m > k + 1 else k
        k = title or k
        if k > r:
            r = _skip_adverbials(sent, k, end, "")
    return r


def _content_after(
    sent: _Sentence, r: int, quotes: _Quotes, stop: int | None = None
) -> tuple[int, int] | None:
    """Content from token ``r`` to the sentence end (or to a quotation's end)."""
    end = _sentence_end_token(sent) if stop is None else stop
    while r < end and sent.low[r] in (":", ",", "—", "–", "--", "-"):
        r += 1
    if r >= len(sent.toks):
        return None
    start_char = sent.toks[r].start
    quote = quotes.starting_at(start_char, slack=0)
    if quote is not None:
        return quote.start, quote.end
    for m in range(r + 1, end - 1):
        breaks = sent.low[m] == ";" or sent.low[m] == "," and (
            sent.low[m + 1] in _CLAUSE_BREAKS and sent.low[m + 2 : m + 3] != ["that"]
            or sent.low[m + 1] == "and" and _is_finite(sent, m + 2)  # ", and reminded ..."
        )
        if breaks and quotes.covering(sent.toks[m].start) is None:
            end = m
            break
    if r >= end:
        return None
    end_char = sent.toks[end - 1].end
    # keep a closing quotation mark glued to the end of the sentence
    last = len(sent.toks) - 1
    if stop is None and sent.low[last] in _CLOSE_QUOTES and sent.toks[last].start >= end_char:
        end_char = sent.toks[last].end
    for q in quotes.inside(start_char, end_char):
        if q.end > end_char and q.start < end_char:
            end_char = q.end  # a quotation running on beyond this sentence
    return start_char, end_char


def _content_before(
    sent: _Sentence, start: int, end: int, quotes: _Quotes
) -> tuple[int, int] | None:
    """Content over tokens ``[start, end)``, widened to quotations it cuts through."""
    if end <= start:
        return None
    start_char, end_char = sent.toks[start].start, sent.toks[end - 1].end
    # a quotation begun in an earlier sentence; one never closed (it ran to a paragraph's
    # end, or on over paragraphs that each open a quote) would stretch it back too far
    quote = quotes.covering(start_char, closed_only=True)
    if quote is not None and quote.start < start_char:
        start_char = quote.start
    # a quote left unclosed ran to its paragraph's end: it stops at the cue ('"Q, said X')
    quote = quotes.covering(end_char, closed_only=True)
    if quote is not None or (end < len(sent.low) and sent.low[end] in _CLOSE_QUOTES):
        if quote is not None:
            end_char = quote.end
        elif end < len(sent.toks):
            end_char = sent.toks[end].end
    return start_char, end_char


def _previous_quote_content(
    text: str, sent: _Sentence, quotes: _Quotes
) -> tuple[int, int] | None:
    """For a bare "he said." sentence: the quotation just before it."""
    i = bisect.bisect_left(quotes.starts, sent.span.start) - 1
    if i >= 0:
        q = quotes.spans[i]
        if q.end <= sent.span.start and not text[q.end : sent.span.start].strip(" \n.,"):
            return q.start, q.end
    return None


# --------------------------------------------------------------------------- constructions


def _verb(
    text: str,
    sent: _Sentence,
    i: int,
    j: int,
    entry: CueEntry,
    quotes: _Quotes,
    earlier: list[_Draft],
    cues: set[int],
) -> _Draft | None:
    tag = sent.tag(i)
    n = len(sent.low)
    end = _sentence_end_token(sent)
    prev_tag = sent.tag(i - 1) if i else ""
    prev_word = sent.low[i - 1] if i else ""
    lemma_word = _lemma_of(entry)
    if lemma_word == "ask" and (i == 0 or prev_word in ("when", "if", "after", "once")
                                or _asked_aside(sent, i, j)):
        return _asked(sent, i, j, entry, quotes)
    if i and sent.toks[i].text[:1].isupper() and not _title_case(sent):
        return None  # "Islamic State", "United States"
    if _counterfactual(sent, i):
        return None  # "would have disclosed", "should not have called": nothing was said
    if prev_word in _GERUND_OBJECT_PREPOSITIONS and sent.low[i].endswith("ing"):
        return None  # "criticised for saying", "accused him of suggesting": a deed named
    infinitive = prev_word == "to" and sent.low[i] == _lemma_of(entry)  # "quick to point out"
    if i >= 2 and prev_word in _CLOSE_QUOTES and sent.low[i - 2] == ",":
        prev_word = ","  # 'praised the "jobs plan," saying ...': the comma is inside the quote
    if sent.low[i].endswith("ing") and tag in ("JJ", "NN") and (
        prev_word == "," or prev_word in _GERUND_FRAMES
    ):
        tag = "VBG"  # ", promising to ...", "by threatening to ...": the tagger says JJ / NN
    if not tag.startswith("VB") and not infinitive:
        # the tagger calls "claim" / "show" nouns after a plural or name subject
        nounish_subject = prev_tag in ("NNS", "NNP", "NNPS", "PRP") and not prev_word.endswith(
            ("'s", "’s")
        )
        next_ok = j < n and (sent.tag(j) != "IN" or sent.low[j] == "that")
        # "the candidate plans to", "O'Malley frequently notes that", "many fear Trump will":
        # a verb form after a singular noun, an adverb or a quantifier, before a clause
        clause_next = j < n and (
            sent.low[j] in ("that", "to") or sent.tag(j) in ("DT", "PRP", "NNP", "PRP$")
        )
        verb_slot = (
            sent.low[i].endswith("s") and prev_tag == "NN" or prev_tag == "RB"
            or prev_word in ("many", "some", "which", "who", "others")
        )
        if not (tag.startswith("NN") and (nounish_subject and next_ok
                                          or verb_slot and clause_next)):
            return None
    possessive = prev_word.endswith(("'s", "’s")) and prev_word[:-2] not in _PRONOUN_S
    if prev_word in _DETERMINERS or possessive:
        return None  # "the alleged factory", "his writing": not a verb
    if prev_tag in ("JJ", "JJR", "JJS") and sent.low[i].endswith(("s", "ing")):
        return None  # "additional reporting", "his top shows": nouns
    if j < n and sent.low[j] in ("off", "up") and _lemma_of(entry) == "show":
        return None  # "showing off the hat"
    if sent.low[i] == "shows" and (j >= n or sent.low[j] in ("and", "or", "like", ",", ".")):
        return None  # "television shows and movies", "floor shows": the noun
    adjectival_slot = prev_tag in ("IN", "DT", "JJ", "JJR", "CD", "RBR")
    if sent.low[i].endswith("ed") and adjectival_slot and sent.tag(j).startswith("NN"):
        return None  # "in pledged delegates", "more pledged delegates": an adjective
    if not tag.startswith("VB") and j < n and sent.tag(j) in ("VB", "VBP", "VBZ", "VBD", "MD"):
        return None  # "media reports portray": a noun before the verb
    if sent.low[i] == "called" and prev_tag in ("NN", "NNS") and not _is_finite(sent, i):
        np = _np_left(sent, i - 1)
        named = j < n and (sent.toks[j].text[:1].isupper() or sent.low[j] in _OPEN_QUOTES)
        if named or np is not None and sent.low[np[0]] in ("a", "an"):
            return None  # "a group called X", 'a film called "Y"': naming, not a report
    if sent.low[i] in ("state", "states") and (
        i and sent.toks[i - 1].text[:1].isupper() or sent.tag(j).startswith("NN")
    ):
        return None  # "Southern states", "the Virginia state director": the noun
    if sent.low[i] == "states" and _states_noun(sent, i):
        return None  # "called on member states to ...", "some states", "in swing states"
    if sent.low[i] == "post":
        return None  # "a Facebook post", "the New York Post", "to post gains" (train 1 of 14)
    if sent.low[i] in ("find", "finding") and sent.low[j : j + 1] != ["that"]:
        return None  # "find a way", "finding cures": the bare forms report only a that-clause
    if lemma_word == "admit" and _let_in(sent, j, end):
        return None  # "given it ten days to admit inspectors": let in, not confess
    if lemma_word == "read" and j < n and sent.low[j] in ("for", "about", "through", "up"):
        return None  # "the world can read for itself", "read about it": reading, not a text
    if lemma_word == "add" and j < n and sent.low[j] in ("to", "up"):
        return None  # "adding to her lead", "the numbers don't add up" (train 1 of 23 gold)
    if lemma_word == "report" and prev_word in _BE and sent.low[j : j + 1] == ["to"] and (
            not sent.tag(j + 1).startswith("VB")):
        return None  # "every licence is reported to the secretariat": submitted, not said
    if lemma_word == "call" and (j >= end or sent.low[j] in ("into", "off", "back", "in", "at")):
        return None  # "Eric Trump called.", "called into the show", "called off": a phone
        # call; "ships calling at the port": a visit
    if sent.low[i] == "call" and prev_tag in ("NN", "JJ", "CD", "VBG") and prev_word not in (
        "percent", "%"
    ):
        return None  # "a roll call", "a close call", "a 911 call": no verb after a singular noun
    if lemma_word == "call" and prev_tag == "NN" and sent.low[i - 1].islower() and (
        sent.tag(j) in ("IN", "VBZ", "VBP", "VBD", "MD") or sent.low[j] in (",", ".")
    ):
        return None  # "a press call with", "the boycott calls are": a compound noun
    lemma = entry.cue.split()[0]
    cue = (i, j)
    stranded = sent.tag(j - 1) in ("IN", "TO") and sent.low[j - 1] not in _PARTICLES
    if stranded and (j >= end or _is_boundary(sent, j)):
        return None  # "the restrictions Kirby is referring to are ...": a stranded preposition

    # ", adding that ...", "..., citing X"
    if sent.low[i].endswith("ing") and i and (prev_word == "," or prev_word in _GERUND_FRAMES):
        return _participle(text, sent, i, j, entry, quotes, earlier)
    if sent.low[i].endswith("ing") and tag == "VBG" and all(
        sent.low[m] in _OPEN_QUOTES for m in range(i)
    ):
        return _fronted_participle(sent, i, j, entry, quotes)
    if sent.low[i].endswith("ing") and prev_tag.startswith("NN") and tag == "VBG":
        np = _np_left(sent, i - 1)  # "a map showing ..."
        content = _content_after(sent, _skip_adverbials(sent, j, end, lemma), quotes)
        if np is None or content is None:
            return None
        return _Draft(sent.index, cue, _chars(sent, *np), content, entry)

    if _reduced_relative(sent, i, j, end):
        return None  # "the engine shown in the photos resembles ...": a participle on a noun
    k, saw_be, governed = _skip_left(sent, i, cues)
    if governed:
        return None  # "purports to show": the governing cue carries the attribution
    if k >= 0 and sent.low[k] in _LINKING:
        return None  # "remain strongly opposed": an adjective

    r = _skip_adverbials(sent, j, end, lemma)
    if saw_be and tag in ("VBN", "VBD"):
        return _passive(text, sent, i, j, k, entry, quotes)
    if k >= 0 and sent.low[k] in ("and", "or", "but") and earlier and earlier[-1].cue[1] <= k:
        # "threatened war ... and called for ...": the subject of the first verb
        content = _content_after(sent, r, quotes, stop=_participle_stop(sent, r, end, cues))
        if content is None:
            return None
        return _Draft(sent.index, cue, earlier[-1].source, content, entry)
    if k >= 1 and sent.low[k] in ("and", "but") and not entry.frame:
        draft = _coordinated(sent, cue, k, r, end, entry, quotes, cues)
        if draft is not None:
            return draft
    if r + 2 < end and sent.low[r] == "," and sent.low[r + 1] in ("citing", "quoting"):
        m = r + 2  # "has reported, citing NATO sources, that ...": content after the aside
        while m < end and sent.low[m] != ",":
            m += 1
        if m + 1 < end:
            r = m + 1

    head = k - 2 if k >= 2 and sent.low[k - 1] == "," else k - 1  # "Beck, who said"
    if k >= 0 and sent.low[k] in _RELATIVES and head >= 0 and sent.tag(head).startswith("NN"):
        np = _np_left(sent, head)  # "a satellite photo that purports to show ..."
        content = _content_after(sent, r, quotes)
        if np is None or content is None:
            return None
        return _Draft(sent.index, cue, _chars(sent, *np), content, entry)

    rest_empty = _rest_empty(sent, r, end)
    reach = sent.toks[min(r, len(sent.toks)) - 1].end if rest_empty else 0
    if (rest_empty or _adjunct_after(sent, r, end)) and k >= 0:
        after_quote = _source_after_quote(sent, k, quotes)
        if after_quote is not None:
            source, content = after_quote
            return _Draft(sent.index, cue, _chars(sent, *source), content, entry, reach=reach)
    subject = _subject(sent, k) if k >= 0 else (0, 0)
    as_clause = subject[0] >= 1 and sent.low[subject[0] - 1] == "as"
    if as_clause and subject[1] > subject[0] and r < end and sent.low[r] == ",":
        content = _content_after(sent, r + 1, quotes)  # "As The Atlantic noted, trust ..."
        if content is None:
            return None
        return _Draft(sent.index, cue, _chars(sent, *subject), content, entry)
    if subject[1] > subject[0]:
        b = subject[0] - 1  # boundary token before the subject (-1: sentence start)
        if b >= 0 and sent.low[b] in _CLOSE_QUOTES and _adjunct_after(sent, r, end):
            rest_empty = True  # '"Q," Tom told Ann, who answered the door': the quote
        if rest_empty:
            if b >= 0 and sent.low[b] in (",",) + tuple(_CLOSE_QUOTES) + tuple(_DASHES):
                start = _clause_start(sent, b)
                content = _content_before(sent, start, b, quotes)
                after_quote = sent.low[b] in _CLOSE_QUOTES
                clause = after_quote or _has_finite(sent, start, b) or _quoted(content, quotes)
                if content and (clause or b - start >= 4):  # the tagger missed the verb
                    return _Draft(sent.index, cue, _chars(sent, *subject), content, entry,
                                  reach=reach)
                return None
            if b < 0:
                content = _previous_quote_content(text, sent, quotes)
                if content:
                    return _Draft(sent.index, cue, _chars(sent, *subject), content, entry)
            return None
        dashed = _dashed_quote(sent, b, r, quotes)
        if dashed is not None:  # '... - "Q," she said - and ...': the quote between dashes
            return _Draft(sent.index, cue, _chars(sent, *subject), dashed, entry)
        between_commas = sent.low[r] == "," and b >= 0 and sent.low[b] == ","
        if between_commas and not _quote_at(sent, r + 1, quotes):
            # parenthetical: "The hashtag, he said, was even more popular"
            start = _clause_start(sent, b)
            content = _chars(sent, start, end)
            return _Draft(sent.index, cue, _chars(sent, *subject), content, entry)
        if lemma in _RESPONSE_VERBS and sent.low[r] == "to" and sent.tag(r + 1) != "VB":
            return None  # "did not respond to a request for comment": no content
        # a "stance"-framed verb takes an object, not a clause ("sees the deal as ...")
        clausal = entry.stance in _CLAUSAL_STANCES and entry.frame not in ("stance", "object")
        clausal = clausal and not _document(sent, subject)
        if clausal and not _propositional(sent, r, end, quotes):
            return None  # "found cracks", "thinks so": no proposition reported
        stop = _participle_stop(sent, r, end, cues)
        if b >= 1 and sent.low[b] in ("who", "whom", "which") and sent.low[b - 1] == ",":
            # "members, whom they declined to name, oppose ...": the aside ends at its comma
            stop = next((m for m in range(r, stop) if sent.low[m] == "," and (
                _is_finite(sent, m + 1) or sent.tag(m + 1) == "VB")), stop)
        content = _content_after(sent, r, quotes, stop=stop)
        if content is None and sent.low[r] == ":" and sent.following is not None:
            content = _content_after_colon(sent, quotes)  # 'he said:' then a new paragraph
        if content is None:
            return None
        return _Draft(sent.index, cue, _chars(sent, *subject), content, entry)

    # nothing before the cue: apposition ("X, one of ..., threatened") or inversion
    inverted = _inverted_relative(sent, k, r, end) if lemma not in _OBJECT_VERBS else None
    if inverted is not None:
        source, content = inverted
        return _Draft(sent.index, cue, _chars(sent, *source), content, entry)
    if k >= 0 and (sent.low[k] == "," or sent.low[k] in _DASHES):
        appos = _apposition(sent, k) or _comma_subject(sent, k)
        if appos is not None:
            source, before = appos
            if rest_empty:
                if before is None:
                    return None
                start = _clause_start(sent, before)
                content = _content_before(sent, start, before, quotes)
                after_quote = sent.low[before] in _CLOSE_QUOTES or _quoted(content, quotes)
                if not (after_quote or _has_finite(sent, start, before)):
                    return None
            else:
                content = _content_after(sent, r, quotes, stop=_participle_stop(sent, r, end, cues))
            if content is None:
                return None
            return _Draft(sent.index, cue, _chars(sent, *source), content, entry, reach=reach)
    if k >= 0 and sent.low[k] in (",", ")") and not rest_empty and _np_right(sent, r, end) is None:
        # "Gov. John Kasich (R-OH), said, ..." : the subject before a parenthetical
        b = k - 1
        while b >= 0 and sent.low[b] not in (",", ";") and not _is_finite(sent, b) and k - b < 20:
            b -= 1
        if b < 0 or not _has_finite(sent, 0, b + 1):
            content = _content_after(sent, r, quotes, stop=_participle_stop(sent, r, end, cues))
            subject = _chars(sent, b + 1, k)
            if content is not None and subject is not None:
                return _Draft(sent.index, cue, subject, content, entry)
    if k >= 0 and (sent.low[k] in (",",) + tuple(_CLOSE_QUOTES) or sent.low[k] in _DASHES):
        source = _np_right(sent, r, end)
        boundary = k
        start = _clause_start(sent, boundary)
        clause = source is not None and source[1] < end and _is_finite(sent, source[1])
        if source is not None and source[1] < end and sent.low[source[1]] in ("that", "which") and (
                tag in ("VB", "VBP")):
            return None  # "..., oppose any measure that ...": the verb's object, no inversion
        content = _content_before(sent, start, boundary, quotes)
        if content is not None and source is not None and not clause:
            return _Draft(sent.index, cue, _chars(sent, *source), content, entry)
        # "..., said the rules were ...": the noun phrase after the verb opens its clause
        if r < end and (clause or sent.low[r] in ("that", ":") or _quote_at(sent, r, quotes)):
            # '..., the hacker known as "Guccifer," stated that ...' / '..., claiming that':
            # the clause is plain; the subject is the sentence's first noun phrase
            content = _content_after(sent, r, quotes)
            subject = _np_right(sent, start, k)
            source = _chars(sent, *subject) if subject is not None else None
            return _Draft(sent.index, cue, source, content, entry) if content else None
    return None


def _reduced_relative(sent: _Sentence, i: int, j: int, end: int) -> bool:
    """A past participle right after a noun, then a prepositional phrase and the finite
    verb the noun is the subject of: "The engine shown in the photos resembles ..."."""
    if i < 1 or sent.tag(i) != "VBN" or sent.tag(i - 1) not in ("NN", "NNS"):
        return False
    if not sent.toks[i - 1].text.islower() or sent.tag(j) not in ("IN", "RB") or (
            sent.low[j] in _SUBORDINATORS):
        return False  # "Obama expressed concern", "Schoen elaborated that": a finite verb
    if sent.low[j] in ("by", "of", "to", "on"):
        return False  # "the country described by the president", "a group accused of",
        # "the address listed on the records": the agent or the record is named
    np = _np_left(sent, i - 1)
    if np is None or np[0] >= 1 and sent.low[np[0] - 1] in _RELATIVES:
        return False  # "the plans that countries offered in Paris would": its subject
    m = j  # a determiner after a noun opens a clause: "stated in a release | the plant"
    while m < end and sent.low[m] not in _SUBORDINATORS and sent.tag(m) in (
            *_NP_TAGS, "IN", "TO", "RB", "NNPS") and not _next_np(sent, m):
        m += 1
    return m < end and m > j and sent.tag(m) in _FINITE


def _let_in(sent: _Sentence, j: int, end: int) -> bool:
    """"admit inspectors", "admitted refugees to the camp": admitting people (a plural the
    source lexicon knows as a group of people) is letting them in."""
    m = j
    while m < end and sent.tag(m) in _NP_TAGS:
        m += 1
    if m == j or m < end and (_is_finite(sent, m) or sent.tag(m) == "MD"):
        return False  # "admitted officials had lied": a clause
    kind = load_source_lexicon().terms.get((sent.low[m - 1],))
    return sent.tag(m - 1) == "NNS" and kind in ("anonymous", "role")


_PLURAL_QUANTIFIERS = frozenset("some all both many several most few other these those".split())


def _states_noun(sent: _Sentence, i: int) -> bool:
    """"states" is the plural noun when it follows a preposition ("in states where") or
    ends a noun phrase that cannot be the verb's subject: one governed by a preposition
    ("of the Compact member states"), a bare noun after a verb ("urged member states to"),
    or one led by a quantifier ("some states", "all member states"). "The dossier states
    that", "Byrne states", "it states" keep the verb."""
    prev = i - 1
    if prev < 0 or not sent.low[prev][:1].isalnum():
        return False  # "Byrne — who was posted there — states that": the verb
    preposition = sent.tag(prev) in ("IN", "TO") and sent.low[prev] not in _SUBORDINATORS
    if preposition:
        return True
    if not sent.tag(prev).startswith(("NN", "JJ", "CD", "VBG", "DT")):
        return False
    first = prev
    while first > 0 and sent.tag(first - 1) in _NP_TAGS:
        first -= 1
    before = first - 1
    if sent.tag(first) in ("DT", "PDT") and sent.low[first] in _PLURAL_QUANTIFIERS:
        return True  # "some states", "all member states" ("each report states" is a verb)
    if before < 0:
        return False
    governed_by = sent.tag(before)
    if governed_by in ("IN", "TO") and sent.low[before] not in _SUBORDINATORS:
        return True
    return governed_by.startswith("VB") and sent.low[first] not in _DETERMINERS and not (
        sent.tag(first).startswith("NNP"))


_COUNTERFACTUAL_MODALS = frozenset("would could might should".split())


def _counterfactual(sent: _Sentence, i: int) -> bool:
    """A modal and a perfect "have" before the verb ("would have told", "should not have
    called", "could have referenced"): what might have been said, not what was (on
    PolNeAR train 1 such cue in 7 is a gold attribution)."""
    m = i - 1
    while m >= 0 and sent.tag(m) == "RB":
        m -= 1
    if m < 1 or sent.low[m] not in ("have", "'ve", "’ve"):
        return False
    m -= 1
    while m >= 0 and sent.low[m] in ("not", "n't", "n’t", "never"):
        m -= 1
    return m >= 0 and sent.low[m] in _COUNTERFACTUAL_MODALS


def _coordinated(
    sent: _Sentence, cue: tuple[int, int], k: int, r: int, end: int, entry: CueEntry,
    quotes: _Quotes, cues: set[int],
) -> _Draft | None:
    """"The court overruled the ban and said Ohio already ...": a cue verb coordinated
    with the sentence's first verb (not itself a cue) shares its subject, the noun phrase
    that opens the sentence; the content follows the cue."""
    first = _first_finite(sent, k)
    if first == 0 or first in cues or sent.tag(first) == "MD" and first + 1 in cues:
        return None
    content = _content_after(sent, r, quotes, stop=_participle_stop(sent, r, end, cues))
    if content is None:
        return None
    subject = _subject(sent, first - 1)
    opening = all(sent.tag(m) in ("CC", "RB") for m in range(subject[0]))
    if not (opening and subject[1] > subject[0]):
        # "As a girl with Clinton, Ebeling reminisced ... and said ...": a subject after an
        # opening phrase is not found; the cue counts, its source is left open
        return _Draft(sent.index, cue, None, content, entry)
    if not _agent(sent.toks, _chars(sent, *subject)):
        return None  # "It rained and said nothing."
    if sent.tag(subject[1] - 1) not in ("NN", "NNS", "NNP", "NNPS", "PRP"):
        return None
    return _Draft(sent.index, cue, _chars(sent, *subject), content, entry)


def _rest_empty(sent: _Sentence, r: int, end: int) -> bool:
    """Nothing (or only ", adding ...") follows the cue and its adverbials."""
    return r >= end or (sent.low[r] == "," and _next_is_participle(sent, r + 1)) or (
        r >= 2 and sent.low[r - 2] == "," and sent.low[r - 1] in _CLOSE_QUOTES
        and _next_is_participle(sent, r)
    )  # 'told ''Morning Joe,'' adding ...': the comma stands inside the title's marks


_ADJUNCT_STARTS = frozenset("after before when while because since until once".split())


def _adjunct_after(sent: _Sentence, r: int, end: int) -> bool:
    """A subordinate clause ("after the debate", "when asked about ...") or a relative
    clause on the addressee (", who answered the door") follows the cue: after a quotation
    (checked by the caller) it is not what was said."""
    return r < end and (
        sent.low[r] in _ADJUNCT_STARTS or sent.low[r] == "," and sent.low[r + 1 : r + 2] in (
            ["who"], ["whose"])
    )


def _inverted_relative(
    sent: _Sentence, k: int, r: int, end: int
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """'..., said Kessel, whose office ...': after a comma, a cue followed by a name and a
    who/whose clause is inverted; the name is the source and the words before the comma
    the content, or, when they hold no verb ("And the mayor, said Kessel, who ..., will
    stay"), the whole clause around the cue. Returns (source tokens, content characters)."""
    if k < 1 or sent.low[k] != ",":
        return None
    name = _np_right(sent, r, end)
    if name is None or sent.low[name[1] : name[1] + 1] != [","] or sent.low[
        name[1] + 1 : name[1] + 2
    ] not in (["who"], ["whose"]):
        return None
    if not sent.tag(name[1] - 1).startswith("NNP"):
        return None
    start = _clause_start(sent, k)
    if _has_finite(sent, start, k) or sent.low[start] in _OPEN_QUOTES:
        content = (sent.toks[start].start, sent.toks[k - 1].end)
    else:
        content = _chars(sent, start, end)
    return name, content


def _source_after_quote(
    sent: _Sentence, k: int, quotes: _Quotes
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'"...," Senate leader Mitch McConnell, R-Ky., said.': everything between the
    quotation's close and the cue is the source when it holds no finite verb (outside a
    who-clause). Returns (source tokens, content characters)."""
    end_char = sent.toks[k].end
    m = k
    while m >= 0 and sent.low[m] not in _CLOSE_QUOTES:
        m -= 1
    if m < 0 or k - m > 30:
        return None
    quote = quotes.covering(sent.toks[m].start) or quotes.covering(sent.toks[m].end - 1)
    if quote is None or quote.end != sent.toks[m].end or quote.end > end_char:
        return None
    start = m + 1
    while start <= k and sent.low[start] in (",", "—", "–", "--", "-"):
        start += 1
    stop = k + 1
    while stop > start and sent.low[stop - 1] in (",", "—", "–", "--", "-"):
        stop -= 1
    if stop <= start:
        return None
    relative = False
    for n in range(start, stop):
        relative = relative or sent.low[n] in ("who", "which")
        if _is_finite(sent, n) and not relative:
            return None
    if not any(sent.tag(n).startswith(("NN", "PRP")) for n in range(start, stop)):
        return None
    first = sent.toks[_clause_start(sent, m)].start  # paraphrase before the quotation
    return (start, stop), (min(quote.start, first), quote.end)


def _lemma_of(entry: CueEntry) -> str:
    """The verb of a (possibly phrasal) cue entry: "call for" -> "call"."""
    return entry.cue.split()[0]


def _title_case(sent: _Sentence) -> bool:
    """A headline: most words of four letters or more are capitalised."""
    words = [t.text for t in sent.toks if len(t.text) > 3 and t.text[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _document(sent: _Sentence, subject: tuple[int, int]) -> bool:
    """Is the subject's head a document or medium ("the poll showed Clinton ahead")?"""
    head = _bare(sent.low[subject[1] - 1])
    return load_source_lexicon().terms.get((head,)) in ("document", "media")


def _propositional(sent: _Sentence, r: int, end: int, quotes: _Quotes) -> bool:
    """Does a clause follow? "that ...", a quotation, a colon, or a finite verb within the
    next few words before any comma ("believe Tehran is assisting ...")."""
    if r >= end:
        return False
    if sent.low[r] in ("that", ":") or _quote_at(sent, r, quotes):
        return True
    if sent.low[r] == "to" and sent.tag(r + 1) == "VB":
        return True  # "purports to show", "seemed to suggest"
    if sent.low[r] in _WH_WORDS:
        return False
    for m in range(r, min(end, r + 10)):
        if sent.low[m] in (",", ";") or sent.low[m] in _DASHES:
            return False
        if _is_finite(sent, m) or sent.tag(m) == "MD" or _CONTRACTED_VERB.search(sent.low[m]):
            return True  # "they're fighting": the contraction holds the finite verb
    return False


def _content_after_colon(sent: _Sentence, quotes: _Quotes) -> tuple[int, int] | None:
    """The sentence (or quotation) that follows a cue ending its sentence in a colon."""
    nxt = sent.following
    quote = quotes.starting_at(nxt.start, slack=0)
    return (quote.start, quote.end) if quote is not None else (nxt.start, nxt.end)


def _next_is_participle(sent: _Sentence, r: int) -> bool:
    return r < len(sent.low) and sent.low[r].endswith("ing") and sent.tag(r) == "VBG"


def _participle_stop(sent: _Sentence, r: int, end: int, cues: frozenset[int] = frozenset()) -> int:
    """End a preposed content before ", adding ...", ", according to ..." or "and called
    for ..." (a second cue sharing the subject)."""
    for m in range(r, end - 1):
        if sent.low[m] == "," and (
            _next_is_participle(sent, m + 1)
            or sent.low[m + 1 : m + 3] == ["according", "to"]
        ):
            return m
        if sent.low[m] == "," and sent.low[m + 1] in _CLOSE_QUOTES and _next_is_participle(
            sent, m + 2
        ):
            return m + 2  # 'the "jobs plan," saying ...': the quotation closes first
        if sent.low[m] in ("and", "or") and m + 1 in cues and sent.tag(m + 1).startswith("VB"):
            return m
    return end


def _quote_at(sent: _Sentence, r: int, quotes: _Quotes) -> bool:
    return r < len(sent.toks) and quotes.starting_at(sent.toks[r].start, slack=0) is not None


def _dashed_quote(
    sent: _Sentence, b: int, r: int, quotes: _Quotes
) -> tuple[int, int] | None:
    """The quotation closing at token ``b`` (just before the subject) when it opens after
    a dash and a dash follows the cue at ``r``: '... plan - "Q," she said - and ...'."""
    if b < 0 or r >= len(sent.low) or sent.low[r] not in _DASHES:
        return None
    quote = quotes.covering(sent.toks[b].start)
    if quote is None or quote.end != sent.toks[b].end:
        return None
    m = bisect.bisect_left([t.start for t in sent.toks], quote.start)
    if m >= 1 and sent.low[m - 1] in _DASHES:
        return quote.start, quote.end
    return None


def _quoted(content: tuple[int, int] | None, quotes: _Quotes) -> bool:
    return bool(content) and bool(quotes.inside(content[0], content[1]))


def _clause_start(sent: _Sentence, boundary: int) -> int:
    """Where the content of a postposed cue begins: the sentence start, skipping a
    leading conjunction."""
    start = 1 if boundary > 1 and sent.low[0] == "(" else 0  # "(..., he said.)"
    while start < boundary and sent.tag(start) == "CC":
        start += 1
    return start


def _apposition(sent: _Sentence, comma: int) -> tuple[tuple[int, int], int | None] | None:
    """``NAME, ROLE, cue``, ``ROLE, NAME, cue``, ``NAME - ROLE - cue`` or ``NAME, who ...,
    cue``: the source tokens and the boundary before them (None at the sentence start)."""
    mark = sent.low[comma]
    separators = _DASHES if mark in _DASHES else {","}
    c1 = comma - 1
    while c1 >= 0 and sent.low[c1] not in separators and comma - c1 <= 30:
        c1 -= 1
    if c1 < 0 or sent.low[c1] not in separators or comma - c1 < 2:
        return None
    second = range(c1 + 1, comma)
    relative = sent.low[c1 + 1] in ("who", "which", "whose")
    if not relative and (comma - c1 > 16 or _has_finite_outside_relative(sent, c1 + 1, comma)):
        return None
    c0 = c1 - 1
    while c0 >= 0 and not _is_boundary(sent, c0):
        c0 -= 1
    if c1 - c0 < 2 or c1 - c0 > 14:
        return None
    first = range(c0 + 1, c1)
    named = (*first, *second) if not relative else first
    if not any(sent.tag(m).startswith("NNP") for m in named):
        return None
    clause = next((m for m in second if sent.low[m] in _RELATIVES), comma)
    allowed = (*_NP_TAGS, "IN", "TO", "PRP", "CC", "POS", ".", "NNPS")
    if not all(sent.tag(m) in allowed for m in named if m < clause):
        return None
    return (c0 + 1, c1 if relative else comma), (c0 if c0 >= 0 else None)


def _comma_subject(sent: _Sentence, comma: int) -> tuple[tuple[int, int], int | None] | None:
    """"Sanders, meanwhile, who sits at zero endorsements, said": walk back over
    comma-separated adverbs, relative clauses and noun phrases to the subject that opens
    the clause. Returns the source tokens (the noun phrase and its appositions, not the
    adverbs or relative clauses) and the boundary before them."""
    cut = comma
    segments: list[tuple[int, int, bool]] = []  # (start, end, nominal), right to left
    verb = comma + 1
    while verb < len(sent.low) and sent.tag(verb) == "RB":
        verb += 1
    finite = verb < len(sent.low) and (_is_finite(sent, verb) or sent.low[verb] in _AUX)
    for _ in range(4):
        m = cut - 1
        while m >= 0 and sent.low[m] != "," and cut - m <= 25:
            m -= 1
        if m + 1 >= cut:
            break
        relative = sent.low[m + 1] in ("who", "which", "whose")
        adverb = all(sent.tag(n) == "RB" for n in range(m + 1, cut))
        aside = finite and _participial_aside(sent, m + 1, cut)
        # "58, a retired crane operator who sits on the council,": a relative clause
        # inside the segment leaves it a noun phrase, which ends before the relative
        rel = next((n for n in range(m + 2, cut) if sent.low[n] in ("who", "whose")
                    and sent.tag(n - 1).startswith("NN")), cut)
        if any(sent.low[n] in _OPEN_QUOTES for n in range(m + 1, rel)):
            rel = cut  # 'with a "candidate who is ...': a quotation, not an apposition
        nominal = not aside and not _has_finite(sent, m + 1, rel) and any(
            sent.tag(n).startswith(("NN", "PRP")) for n in range(m + 1, rel)
        ) or bool(segments) and all(sent.tag(n) == "CD" for n in range(m + 1, cut))  # ", 58,"
        if not (relative or adverb or nominal or aside):
            tail = _subject(sent, cut - 1)  # "said the images, taken by ..., showed"
            if segments and not any(s[2] for s in segments) and m + 1 < tail[0] < tail[1] and all(
                sent.tag(n) in _NP_TAGS or sent.tag(n) == "PRP" for n in range(*tail)
            ):
                segments.append((*tail, True))
            break
        segments.append((m + 1, rel, nominal and not relative))
        if m < 0:
            break
        cut = m
    while segments and not segments[-1][2]:
        segments.pop()  # the leftmost kept segment must be the subject noun phrase
    if not segments:
        return None
    start = segments[-1][0]
    stop = segments[-1][1]
    for _, seg_end, nominal in reversed(segments[:-1]):
        if not nominal:
            break
        stop = seg_end
    before = start - 1
    if before >= 0 and sent.low[before] != "," and not _is_boundary(sent, before):
        return None
    return (start, stop), (before if before >= 0 else None)


def _participial_aside(sent: _Sentence, start: int, end: int) -> bool:
    """", taken by a satellite,", ", asked about it,", ", citing sources,": a segment
    between commas opened by a participle modifies the noun before it; it is no subject.
    A past form before a name is an inverted report (", reported Reuters,")."""
    if not sent.toks[start].text[:1].islower() or start + 1 >= end:
        return False  # "Playing Field Promotions, a talent agency, says"
    if start < 2 or not sent.tag(start - 2).startswith(("NN", "PRP")):
        return False  # it follows the noun it modifies
    if sent.tag(start) == "VBG":
        return True
    if sent.tag(start + 1).startswith(("NN", "JJ")):
        return False  # "one conservative, syndicated radio host Dennis Prager, disagrees"
    return sent.tag(start) == "VBN" or (
        sent.tag(start) == "VBD" and sent.low[start].endswith("ed")
        and not _has_finite(sent, start + 1, end))


def _has_finite_outside_relative(sent: _Sentence, start: int, end: int) -> bool:
    """A finite verb in ``[start, end)`` that is not inside a who/which/that clause."""
    for m in range(start, end):
        if sent.low[m] in _RELATIVES:
            return False
        if _is_finite(sent, m):
            return True
    return False


def _participle(
    text: str, sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes,
    earlier: list[_Draft],
) -> _Draft | None:
    end = _sentence_end_token(sent)
    outer = earlier[-1] if earlier else None
    if entry.cue == "cite":
        stop = j
        while stop < end and sent.low[stop] not in (",", "that") and not _is_finite(sent, stop):
            stop += 1
        source = _chars(sent, j, stop)
        if source is None:
            return None
        if outer is not None:
            return _Draft(sent.index, (i, j), source, outer.content, entry, cites=True)
        content = _content_before(sent, _clause_start(sent, i - 1), i - 1, quotes)
        return _Draft(sent.index, (i, j), source, content, entry) if content else None
    r = _skip_adverbials(sent, j, end, entry.cue.split()[0])
    content = _content_after(sent, r, quotes)
    if content is None:
        return None
    if outer is not None:
        source = outer.source
    else:
        subject = _subject(sent, _first_finite(sent, i) - 1)
        source = _chars(sent, *subject) if subject[1] > subject[0] else None
    return _Draft(sent.index, (i, j), source, content, entry)


def _fronted_participle(
    sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"Arguing that the plan is too costly, Clinton rejected it": a participle
    clause opening the sentence reports what follows the cue up to its comma; its agent is
    the noun phrase after that comma."""
    end = _sentence_end_token(sent)
    r = _skip_adverbials(sent, j, end, entry.cue.split()[0])
    comma = next((m for m in range(r, end) if sent.low[m] == ","), None)
    if comma is None or comma == r:
        return None
    source = _np_right(sent, comma + 1, end)
    if source is None or not _is_finite(sent, source[1]) and sent.tag(source[1]) != "MD":
        return None  # the subject must be followed by its verb: a clause
    return _Draft(sent.index, (i, j), _chars(sent, *source), _chars(sent, r, comma), entry)


def _first_finite(sent: _Sentence, before: int) -> int:
    for m in range(before):
        if _is_finite(sent, m):
            return m
    return 0


_ASKED_ABOUT = frozenset("about whether if by what why how who when where on".split())


def _asked_aside(sent: _Sentence, i: int, j: int) -> bool:
    """"The ministry, asked about it, said": a passive "asked" after a noun and its comma,
    with no object of its own, is put to the noun; who asked is its "by" phrase."""
    return (sent.low[i] == "asked" and i >= 2 and sent.low[i - 1] == ","
            and sent.tag(i - 2).startswith(("NN", "PRP")) and j < len(sent.low)
            and sent.low[j] in _ASKED_ABOUT)


def _asked(sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes) -> _Draft | None:
    """"Asked by Stephanopoulos whether ..., Carson said": the question is reported; its
    asker is the "by" phrase, or nobody named."""
    end = _sentence_end_token(sent)
    r = j
    source = None
    if r < end and sent.low[r] == "by":
        np = _np_right(sent, r + 1, end)
        if np is not None:
            source = _chars(sent, *np)
            r = np[1]
    stop = r
    while stop < end and sent.low[stop] != ",":
        stop += 1
    if stop == r or (i == 0 and stop >= end):
        return None  # a headline "Asked About ...", or nothing asked
    content = _chars(sent, r, stop)
    return _Draft(sent.index, (i, j), source, content, entry)


def _passive(
    text: str, sent: _Sentence, i: int, j: int, k: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"Tehran is said to ...", "it is believed that ...", "reported in the Journal"."""
    end = _sentence_end_token(sent)
    source = None
    r = j
    while r < end and sent.tag(r) == "RB":
        r += 1
    if not (r < end and sent.low[r] in ("by", "in")):
        r = _skip_adverbials(sent, j, end, "")
    if r < end and sent.low[r] in ("by", "in") and (sent.low[r] == "by" or entry.cue == "report"):
        np = _np_right(sent, r + 1, end)
        if np is not None:
            source = _chars(sent, *np)
            r = _skip_adverbials(sent, np[1], end, "")
    subject = _subject(sent, k) if k >= 0 else (0, 0)
    if subject[1] <= subject[0] and k >= 0 and sent.low[k] in _RELATIVES:
        subject = (k, k + 1)  # "a final, which is expected to draw ..."
    wh = [m for m in range(*subject) if sent.low[m] in _WH_WORDS]
    if wh and wh[-1] + 1 < subject[1]:
        subject = (wh[-1] + 1, subject[1])  # "comment on how [they] had been interpreted"
    if source is None and _lemma_of(entry) in _PLAIN_PASSIVES and r < end and (
            sent.low[r] in _PLACE_WORDS and not sent.tag(r + 1).startswith("VB")):
        return None  # "engines were found among the wreckage", "were admitted to the port"
    cue = (_be_start(sent, i), j) if source is None else (i, j)  # agentless: "is said"
    if r < end and sent.low[r] == "to" and subject[1] > subject[0]:
        after = _content_after(sent, r, quotes)
        if after is None:
            return None
        return _Draft(sent.index, cue, source, (sent.toks[subject[0]].start, after[1]), entry)
    if r < end and (sent.low[r] == "that" or _quote_at(sent, r, quotes) or sent.low[r] == ":"):
        return _Draft(sent.index, cue, source, _content_after(sent, r, quotes), entry)
    if source is not None and subject[1] > subject[0]:
        return _Draft(sent.index, cue, source, _chars(sent, *subject), entry)
    # agentless: "Roof is accused of killing ...", "was asked"; a subject set off by commas
    # ("Holloway, 24, will be charged with murder") is not found: the rest is the content
    after = _content_after(sent, r, quotes) if r < end else None
    if after is None and subject[1] - subject[0] == 1 and sent.tag(subject[0]) == "PRP":
        return None  # "comment on how they had been interpreted": no agent, nothing said
    if subject[1] > subject[0]:
        stop = after[1] if after else sent.toks[subject[1] - 1].end
        return _Draft(sent.index, cue, None, (sent.toks[subject[0]].start, stop), entry)
    return _Draft(sent.index, cue, None, after, entry) if after else None


def _be_start(sent: _Sentence, i: int) -> int:
    m = i - 1
    while m >= 0 and (sent.low[m] in _AUX or sent.tag(m) == "RB"):
        m -= 1
    return m + 1


def _according_to(
    text: str, sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    end = _sentence_end_token(sent)
    stop = j
    while stop < end and sent.low[stop] not in (",", ";", "that") and not _is_finite(sent, stop):
        stop += 1
    source = _chars(sent, j, stop)
    before_start = _clause_start(sent, i)
    before_end = i - 1 if i and sent.low[i - 1] in (",", "(") else i
    after = stop + 1 if stop < end and sent.low[stop] == "," else stop
    if after < end and sent.low[after] in ("which", "who", "whose"):
        after = end  # ", according to SITE, which monitors ...": a clause on the source
    words_before = bool(_words(sent, before_start, before_end))
    words_after = after < end
    if words_before and words_after:
        # "X is, according to Y, Z": both halves; "In 2009, according to Y, Z": after
        verbs = (*_FINITE, "VBN")
        clause_before = any(sent.tag(m) in verbs for m in range(before_start, before_end))
        if clause_before:
            content = _chars(sent, before_start, end)
        else:
            content = _content_after(sent, after, quotes)
    elif words_before:
        content = _content_before(sent, before_start, before_end, quotes)
    else:
        content = _content_after(sent, after, quotes)
    if source is None or content is None:
        return None
    return _Draft(sent.index, (i, j), source, content, entry)


def _adverb(
    sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"Trump reportedly refused ...": the clause is reported, no source is named."""
    end = _sentence_end_token(sent)
    start = i - 1
    while start >= 0 and not _is_boundary(sent, start):
        start -= 1
    start = start + 1 if start < i - 1 else i + 1
    content = _chars(sent, start, end)
    return _Draft(sent.index, (i, j), None, content, entry) if content else None


def _noun(
    text: str, sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"the claim that ...", "Clinton's assertion that ...", "reports that ...", and a
    noun with its preposition: "questions about her emails", "criticism of the deal"."""
    n = len(sent.low)
    complement = j - i > 1 and sent.low[j - 1] in _NOUN_COMPLEMENTS
    if not sent.tag(i if complement else j - 1).startswith("NN") or j >= n:
        return None
    if complement:
        if sent.low[j] in _SENTENCE_PUNCT or sent.low[j] in (",", ")", ":"):
            return None  # "the questions about.": nothing reported
    elif sent.low[j] != "that" or j + 1 >= n or sent.tag(j + 1).startswith(("VB", "MD")):
        return None
    prev = i - 1
    source = None
    if prev >= 0 and sent.low[prev].endswith(("'s", "’s", "s'", "s’")):
        np = _np_left(sent, prev)
        if np is not None:
            start, stop = sent.toks[np[0]].start, sent.toks[prev].end
            cut = 1 if sent.low[prev].endswith(("s'", "s’")) else 2
            source = (start, stop - cut)
    elif prev >= 0 and sent.tag(prev) == "PRP$":
        source = _chars(sent, prev, prev + 1)
    elif entry.cue == "report":
        np = _np_left(sent, i)
        source = _chars(sent, *np) if np else None
    content = _content_after(sent, j, quotes)
    if content is None:
        return None
    return _Draft(sent.index, (i, j), source, content, entry)


# an attitude adjective reports a stance only with a complement: "critical of the deal",
# "confident that", "skeptical about"; with frame ``infinitive``: "eager to", "reluctant to"
_ADJECTIVE_COMPLEMENTS = frozenset("that of about on over".split())
_COPULAS = _BE | _LINKING | frozenset("am 'm ’m 're ’re ’s grew grow grows growing".split())


def _adjective(
    sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"Many Republicans are skeptical of the deal", "she was confident that ...", "he is
    eager to debate": a predicative attitude adjective after a form of "be" (or "remain",
    "seem", "grow") states its subject's stance; the content is its complement. Without a
    complement ("the senator is angry") nothing is reported."""
    end = _sentence_end_token(sent)
    k = i - 1
    while k >= 0 and (sent.tag(k) in ("RB", "RBR") or sent.low[k] in ("not", "n't", "n’t")):
        k -= 1
    if k < 0 or sent.low[k] not in _COPULAS:
        return None
    r = j
    while r < end and sent.tag(r) in ("RB", "RBR"):
        r += 1
    if r >= end:
        return None
    if entry.frame == "infinitive":
        if not _to_infinitive(sent, r):
            return None
        content = _content_after(sent, r, quotes)
    elif sent.low[r] == "that":
        content = _content_after(sent, r, quotes)
    elif sent.low[r] in _ADJECTIVE_COMPLEMENTS:
        content = _content_after(sent, r + 1, quotes)
    else:
        return None
    if content is None:
        return None
    head = k  # back over "has long been", "may not be"
    while head >= 0 and (sent.low[head] in _AUX or sent.low[head] in _COPULAS
                         or sent.tag(head) in ("RB", "MD") or sent.low[head] == "long"):
        head -= 1
    subject = _subject(sent, head) if head >= 0 else (0, 0)
    source = _chars(sent, *subject) if subject[1] > subject[0] else None
    if source is not None and not _agent(sent.toks, source) and not _first_person(
        sent.toks, source
    ):
        return None  # "it is clear that", "this is critical of": no one's stance
    return _Draft(sent.index, (i, j), source, content, entry)


def _heading(
    text: str, sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"Kirby: ..." / "Poll: ..." / "Q: ..." / "More from Jones: "..."" / "Kirby — ...": a
    short name or document heading (after any dash-separated headline), or a name right
    before a quotation that the colon introduces."""
    if i == 0 or (j < len(sent.low) and sent.low[j].startswith("http")):
        return None  # "on Twitter: https://..."
    if sent.tag(i - 1).startswith("VB"):
        return None  # "he said:" is the verb's cue
    if i == 1 and len(sent.low[0]) == 1:
        return None  # "Q:" / "A:" transcript labels name nobody
    content = _content_after(sent, j, quotes)
    if content is None:
        return None
    quoted = quotes.starting_at(content[0], slack=0) is not None
    if not quoted and len(_words(sent, j, len(sent.low))) < 3:
        return None  # "Clinton: 1,769." / "Twitter: @Milbank." : a table or a handle
    start = i - 1
    while start >= 0 and sent.low[start] not in _DASHES and sent.low[start] not in (",", ";", ":"):
        start -= 1
    start += 1
    while start < i and sent.low[start] in _OPEN_QUOTES:
        start += 1
    if start >= i:
        return None
    if i - start > 10 or _has_finite(sent, start, i):
        if not (quoted and sent.tag(i - 1).startswith("NNP")):
            return None
        np = _np_left(sent, i - 1)  # "... doesn't surprise pollster Daron Shaw: "...""
        return _Draft(sent.index, (i, j), _chars(sent, *np), content, entry) if np else None
    if not any(sent.tag(m).startswith("NN") for m in range(start, i)):
        return None
    capitalised = all(sent.toks[m].text[:1].isupper() for m in range(start, i)
                      if sent.low[m][:1].isalpha() and sent.tag(m) != "IN")
    if capitalised and any(sent.tag(m) in ("IN", "TO") for m in range(start, i)):
        return None  # a title ("Obama on Climate Change: ..."), not a speaker
    if not quoted and sent.low[i - 1] in _TIME_NOUNS:
        return None  # "World Tonight: ...", "Sunday Morning: ...": a programme's heading
    head = (sent.low[i - 1],)
    named = (
        sent.tag(i - 1).startswith("NNP") or sent.toks[i - 1].text.isupper()
        or load_source_lexicon().terms.get(head) in ("document", "media")
    )
    if not (quoted or named and entry.cue == ":"):
        return None
    return _Draft(sent.index, (i, j), _chars(sent, start, i), content, entry)


def _statement_phrase(
    text: str, sent: _Sentence, i: int, j: int, entry: CueEntry, quotes: _Quotes
) -> _Draft | None:
    """"In a statement, the ministry ...": the phrase is the cue, the clause's subject the
    source, the rest of the clause the content."""
    end = _sentence_end_token(sent)
    r = j
    while r < end and sent.low[r] != ",":
        r += 1
    if r >= end:
        return None
    first = _first_finite(sent, end)
    if first <= r + 1:
        return None
    subject = (r + 1, first)
    return _Draft(sent.index, (i, j), _chars(sent, *subject), _chars(sent, r + 1, end), entry)


# --------------------------------------------------------------------------- finishing


def _finish(
    text: str,
    drafts: list[_Draft],
    sentence_spans: list[Span],
    quotes: _Quotes,
    sources: SourceLexicon,
) -> list[Attribution]:
    """Turn drafts into attributions: spans, kinds, types, names, nesting."""
    drafts = sorted((d for d in drafts if d.content is not None), key=lambda d: d.cue)
    near = _by_sentence(drafts)
    drafts = [d for d in drafts
              if not (d.entry.frame == "infinitive" and _held(d, near[d.sentence]))]
    near = _by_sentence(drafts)
    for d in drafts:
        d.embedded = _restated(text, d, near[d.sentence])
    _continue_quotes(text, drafts, sentence_spans, quotes)
    _clip_mutual(drafts)
    resolved: list[dict] = []
    surnames: dict[str, str] = {}
    holders: dict[str, str] = {}  # role (lower case) -> the person named with it
    recent_persons: list[tuple[int, str]] = []
    recent_bodies: list[tuple[int, str, str | None]] = []  # organisations and governments
    role_mentions = _role_mentions(_full_name_mentions(text))
    given_names = _given_name_index(text)
    states = _state_names(text, _first_names(text, given_names))
    for d in drafts:
        cue = Span.of(text, *d.cue)
        source = _clean_source(text, d.source) if d.source else None
        content = Span.of(text, *_trim(text, *d.content))
        if not any(ch.isalnum() for ch in content.text):
            continue  # punctuation only: nothing is reported
        surface = source.text if source else None
        stype, name, role = _describe_source(surface, sources, state=surface in states)
        name = name or None
        if stype == "person" and name is not None:
            words = name.split()
            if len(words) == 1 and words[0] in surnames:
                name = surnames[words[0]]
            elif len(words) == 1:
                name = _earlier_full_name(given_names, words[0], cue.start) or name
            elif len(words) > 1:
                surnames[words[-1]] = name
            if role is not None and len(name.split()) > 1:
                holders[role.lower().rstrip(".")] = name
        elif stype == "person" and role is not None:  # "the governor": named earlier?
            key = role.lower().rstrip(".")
            name = holders.get(key) or _role_holder(role_mentions, key, cue.start)
        if source is not None and source.text.lower() in _PRONOUN_PERSON:
            window = {nm for s, nm in recent_persons if d.sentence - s <= 3}
            name = next(iter(window)) if len(window) == 1 else None
        if source is not None and source.text.lower() == "we":
            # "we" outside a quotation speaks for a body: the nearest organisation or
            # government cited in the last three sentences, else nobody identifiable
            body = next((b for b in reversed(recent_bodies) if d.sentence - b[0] <= 3), None)
            stype, name = (body[1], body[2]) if body else ("unspecified", None)
        if stype == "person" and name is not None:
            recent_persons = [(s, nm) for s, nm in recent_persons if d.sentence - s <= 3]
            recent_persons.append((d.sentence, name))
        reported = any(r["content"].contains(cue) for r in resolved[-8:])
        if stype in ("organization", "government") and not reported:
            # a body cited inside someone's content ("Kell stated that ... Varnesia had
            # declared ...") is not the one that speaks as "we" next
            recent_bodies.append((d.sentence, stype, name))
        resolved.append(
            dict(
                sentence=d.sentence, cue=cue, source=source, content=content,
                kind=_kind(text, content, quotes), source_name=name, role=role,
                source_type=stype, stance=d.entry.stance, cue_lemma=d.entry.cue,
                cites=d.cites, embedded=d.embedded,
            )
        )
    return _nest(resolved)


_FULL_NAME = re.compile(
    r"\b(?:([A-Z][a-z]+)\.?\s)?([A-Z][a-z]+(?:\s[A-Z]\.)?)\s"
    r"((?:Mc|Mac|O['’]|De)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)


def _full_name_mentions(text: str) -> list[tuple[int, str, str, str | None]]:
    """(offset, surname, full name, role) of every "Role Given Surname" mention in the
    text, the headline included ("President Barack Obama"); the role may be None."""
    terms = load_source_lexicon().terms
    found = []
    for match in _FULL_NAME.finditer(text):
        given = match.group(2).split()[0]
        if terms.get((given.lower(),)) or given.lower() in _STOP_GIVEN:
            continue
        before = match.group(1)
        role = before if before and terms.get((before.lower(),)) == "role" else None
        full = " ".join(f"{match.group(2)} {match.group(3)}".split())
        found.append((match.start(2), match.group(3), full, role))
    return found


_GIVEN_SURNAME = re.compile(r"(?=\b([A-Z][a-z]+)\s(?:[A-Z]\.\s)?([A-Z][A-Za-z]*)\b)")


def _first_names(text: str, index: dict[str, list[tuple[int, str]]]) -> frozenset[str]:
    """The first words of the index's "Given Surname" pairs that end a name ("Julian
    Assange said"), not those a longer title goes on from ("Kostravan Foreign Minister")
    or whose second word names a body ("Kostravan Ministry of ...")."""
    terms = load_source_lexicon().terms
    return frozenset(full.split()[0] for entries in index.values() for end, full in entries
                     if not text[end : end + 2].strip()[:1].isupper()
                     and (full.split()[-1].lower(),) not in terms)


def _given_name_index(text: str) -> dict[str, list[tuple[int, str]]]:
    """Surname -> [(end offset, "Given [X.] Surname")] for every capitalised pair in the
    text whose first word can be a given name (no title, role, institution or cue word).
    Built once per text, so resolving surnames stays linear in the document's length."""
    terms = load_source_lexicon().terms
    starts = load_cue_lexicon().starts
    index: dict[str, list[tuple[int, str]]] = {}
    for match in _GIVEN_SURNAME.finditer(text):
        given, surname = match.group(1), match.group(2)
        lowered = given.lower()
        if terms.get((lowered,)) or lowered in _STOP_GIVEN or lowered in starts:
            continue
        full = " ".join(text[match.start(1) : match.end(2)].split())
        index.setdefault(surname, []).append((match.end(2), full))
    return index


def _earlier_full_name(
    given_names: dict[str, list[tuple[int, str]]], surname: str, before: int
) -> str | None:
    """The full name with this surname in the text before ``before`` (the headline
    included), when only one such name occurs ("Trump" -> "Donald Trump", also from
    "Donald Trump Attacks the Press"; "Clinton" after both Hillary and Bill: None)."""
    if not surname[:1].isupper() or not surname.isalpha():
        return None
    names = {full for end, full in given_names.get(surname, ()) if end <= before}
    return names.pop() if len(names) == 1 else None


def _role_mentions(mentions: list) -> dict[str, list[tuple[int, str]]]:
    """Role (lower case) -> [(offset, full name)] in text order."""
    by_role: dict[str, list[tuple[int, str]]] = {}
    for at, _, full, role in mentions:
        if role:
            by_role.setdefault(role.lower(), []).append((at, full))
    return by_role


def _role_holder(by_role: dict[str, list[tuple[int, str]]], role: str, before: int) -> str | None:
    """The person last named with this role before ``before`` ("President Barack Obama"
    ... "the president" -> "Barack Obama")."""
    named = by_role.get(role, [])
    position = bisect.bisect_left(named, before, key=lambda m: m[0])
    return named[position - 1][1] if position else None


_STOP_GIVEN = frozenset(
    "the a an and but in on at of for to from by with as if when while after before since "
    "new north south east west united white supreme federal national state republican "
    "democratic senate house congress white".split()
)


def _clean_source(text: str, source: tuple[int, int]) -> Span | None:
    """The source's span without a leading prepositional phrase ("In a March meeting with
    editors, Trump" -> "Trump"; "at 86 she" -> "she"), without a trailing auxiliary ("he
    didn't" -> "he"); None for a fragment that names nobody ("each", "an opportunity to")."""
    start, end = _trim(text, *source)
    toks = textmod.tokens(text, start, end)
    words = [t.text.lower() for t in toks]
    if words and words[0] in _LEADING_PREPOSITIONS:
        commas = [m for m, w in enumerate(words) if w == ","]
        pronouns = [m for m, w in enumerate(words) if w in _PRONOUN_PERSON | {"they", "we", "i"}]
        cut = commas[-1] + 1 if commas else pronouns[-1] if pronouns else None
        if cut is None or cut >= len(toks):
            return None
        toks, words = toks[cut:], words[cut:]
    if len(words) > 1 and words[0] in ("and", "but", "or"):
        toks, words = toks[1:], words[1:]  # "... and the company, Orbisight, confirmed"
    if not any(ch.isalnum() for ch in "".join(words)):
        return None  # punctuation only: no source was found
    if len(words) == 1 and words[0] in _NOT_SOURCES:
        return None  # "each": names nobody
    if words[-1] in ("to", "of", "for", "with"):
        toks, words = toks[:-1], words[:-1]  # "Carly Fiorina for": keep a name or pronoun
        named = any(t.text[:1].isupper() for t in toks) or set(words) & _PRONOUN_PERSON
        if not named:
            return None  # "an opportunity to": a fragment
    while len(toks) > 1 and (words[-1] in _AUX or words[-1].endswith(("n't", "n’t"))):
        toks, words = toks[:-1], words[:-1]  # "he didn't"
    return Span.of(text, *_trim(text, toks[0].start, toks[-1].end))


_LEADING_PREPOSITIONS = frozenset(
    "in at during after on with from for despite amid before since like unlike among "
    "throughout".split()
)
_NOT_SOURCES = frozenset("each every another such more most any other either neither".split())


def _continue_quotes(
    text: str, drafts: list[_Draft], sentence_spans: list[Span], quotes: _Quotes
) -> None:
    """'"Q1," he said. "Q2."': a quotation that opens the next sentence (in the same or the
    next paragraph) continues the speaker's words when no cue intervenes, so the content
    runs on over it (and over any further such quotations)."""
    cue_starts = sorted(d.cue[0] for d in drafts)
    for d in drafts:
        if not quotes.inside(d.content[0], d.content[1]):
            continue
        index = d.sentence
        while index + 1 < len(sentence_spans):
            here, nxt = sentence_spans[index], sentence_spans[index + 1]
            tail = max(d.content[1], d.cue[1], d.source[1] if d.source else 0, d.reach)
            if tail < here.start or text[tail : here.end].strip(" \n.,;:!?\"”’'"):
                break  # the speaker's sentence goes on after the quotation
            quote = quotes.starting_at(nxt.start, slack=0)
            if quote is None or quote.end <= d.content[1]:
                break
            at = bisect.bisect_left(cue_starts, nxt.start)
            if at < len(cue_starts) and cue_starts[at] < max(quote.end, nxt.end):
                break  # a new cue: the quotation is someone's next attribution
            d.content = (d.content[0], quote.end)
            index = textmod.sentence_index(sentence_spans, quote.end - 1)


def _by_sentence(drafts: list[_Draft]) -> dict[int, list[_Draft]]:
    """Drafts by sentence, so a rule comparing drafts reads one sentence's, not all of a
    document's (a 20 MB text has some 100,000)."""
    near: dict[int, list[_Draft]] = {}
    for draft in drafts:
        near.setdefault(draft.sentence, []).append(draft)
    return near


def _held(draft: _Draft, drafts: list[_Draft]) -> bool:
    """Is the draft's cue inside the content of another of ``drafts`` (its sentence's)? An
    intention ("he said he plans to ...") reported in someone's statement is part of what
    they said."""
    return any(
        other is not draft and other.content[0] <= draft.cue[0] and draft.cue[1] <= other.content[1]
        for other in drafts
    )


def _restated(text: str, draft: _Draft, drafts: list[_Draft]) -> bool:
    """"Smith said he believes ...", "aides told reporters that they expect ...", "the poll
    found that 60 percent said ...", "officials said the senator thinks ...": a cue whose
    subject opens the content of another of ``drafts`` (its sentence's) is part of that
    report, not a report of its own (PolNeAR train: 32 of 317 such cues are gold
    attributions; with a pronoun subject only, 8 of 217): it is marked ``embedded``."""
    if draft.source is None:
        return False
    for other in drafts:
        if other is draft or other.cue[0] >= draft.cue[0]:
            continue
        start, end = other.content
        if not (start <= draft.source[0] and draft.cue[1] <= end):
            continue
        opening = text[start : draft.source[0]].strip(" ,\n").lower()
        if opening in ("", "that"):
            return True
    return False


def _clip_mutual(drafts: list[_Draft]) -> None:
    """"X believe A, the White House said": X's content must end where the outer content
    ends, so the outer holds X and not the other way round."""
    for a, b in zip(drafts, drafts[1:], strict=False):
        if a.sentence != b.sentence or a.content is None or b.content is None:
            continue
        a_holds_b = a.content[0] <= b.cue[0] and b.cue[1] <= a.content[1]
        b_holds_a = b.content[0] <= a.cue[0] and a.cue[1] <= b.content[1]
        if a_holds_b and b_holds_a and a.content[0] < b.content[1] < a.content[1]:
            a.content = (a.content[0], b.content[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t,":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:":
        end -= 1
    return start, end


def _nest(items: list[dict]) -> list[Attribution]:
    """Assign ids; link nested attributions to the one whose content holds their cue."""
    parents: list[int | None] = [None] * len(items)
    for number, item in enumerate(items):
        if item["cites"] and number > 0:
            parents[number] = number - 1
            continue
        best = None
        for other in range(max(0, number - 8), min(len(items), number + 8)):
            content = items[other]["content"]
            if other == number or content is None or not content.contains(item["cue"]):
                continue
            if parents[other] == number:
                continue
            if best is None or len(content) < len(items[best]["content"]):
                best = other
        parents[number] = best
    has_child = {p for p in parents if p is not None}
    return [
        Attribution(
            id=number, sentence=item["sentence"], cue=item["cue"], source=item["source"],
            content=item["content"], kind=item["kind"], source_name=item["source_name"],
            role=item["role"], source_type=item["source_type"], stance=item["stance"],
            cue_lemma=item["cue_lemma"], parent=parents[number], second_hand=number in has_child,
            embedded=item["embedded"],
        )
        for number, item in enumerate(items)
    ]


def _kind(text: str, content: Span | None, quotes: _Quotes) -> str:
    """direct: the content is a quotation; partial: quoted fragments in a paraphrase;
    mixed: a quoted sentence plus paraphrase; indirect: no quotation."""
    if content is None:
        return "indirect"
    inside = [q for q in quotes.inside(content.start, content.end) if q.end <= content.end + 1]
    if not inside:
        return "indirect"
    outside = text[content.start : content.end]
    for q in inside:
        outside = outside.replace(q.text, " ")
    if not any(ch.isalnum() for ch in outside):
        return "direct"
    full = any(_free_standing(text, content, q) for q in inside)
    return "mixed" if full else "partial"


def _free_standing(text: str, content: Span, quote: Span) -> bool:
    """A quoted sentence, not a fragment: capitalised, four words or more, and not
    grammatically embedded (at the content's start or after a colon, comma or full stop)."""
    if not (quote.text[1:2].isupper() and len(quote.text.split()) >= 4):
        return False
    before = text[content.start : quote.start].rstrip()
    return not before or before[-1] in ",:.!?;"


_STATE_NAME = r"([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
_STATE_SIGNS = re.compile(
    rf"\bRepublic of {_STATE_NAME}|\b[Gg]overnment (?:of|in) {_STATE_NAME}"
    rf"|\b{_STATE_NAME}['’]s (?:foreign |defen[cs]e |interior )?(?:ministry|embassy)\b",
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# a capitalised word ending in n before another word: "Kostravan officials"
_DEMONYM_BEFORE_WORD = re.compile(r"\b([A-Z][a-z]+n) (\w+)")


def _state_names(text: str, given: frozenset[str]) -> frozenset[str]:
    """Names this text shows to be states (or their capitals), though ``entities.csv`` does
    not list them: a name of four letters or more whose demonym (the name + "n") describes
    something ("Kostrava" with "Kostravan officials", not "Julian said") or names its
    people ("Kenya" with "Kenyans"), neither being a given name here ("Julia" and "Julian
    Assange"); or one in
    "the Republic of X", "the government of X", "the government in X" (a capital),
    "X's ministry / foreign ministry / embassy". ``given``: the text's given names."""
    starts = load_cue_lexicon().starts
    described = {m.group(1) for m in _DEMONYM_BEFORE_WORD.finditer(text)
                 if m.group(2).lower() not in starts}
    words = set(_CAPITALISED.findall(text))
    found = {w[:-1] for w in described if w[:-1] in words}
    found |= {w[:-2] for w in words if w.endswith("ns") and w[:-2] in words}
    found = {name for name in found if len(name) >= 4 and name not in given
             and name + "n" not in given}
    for match in _STATE_SIGNS.finditer(text):
        found.update(g for g in match.groups() if g)
    return frozenset(found)


@lru_cache(maxsize=8192)
def _describe_source(
    surface: str | None, lexicon: SourceLexicon, *, state: bool = False
) -> tuple[str, str | None, str | None]:
    """(source_type, normalised name, role) from the source's words; ``state``: the
    document shows this name to be a state (see :func:`_state_names`)."""
    if surface is None:
        return "unspecified", None, None
    toks = textmod.tokens(surface)
    low = [t.text.lower() for t in toks]
    if len(low) == 1 and lexicon.terms.get((low[0],)) == "pronoun":
        if low[0] in ("he", "she", "i"):
            return "person", None, None
        return ("organization" if low[0] == "it" else "anonymous"), None, None
    chunk = _head_chunk(low, lexicon)
    categories = _categories(low[:chunk], lexicon)
    role = _role(surface, toks, categories)
    name = _person_name(toks[:chunk], low[:chunk], categories)
    comma = _appositive_comma(low, chunk, categories)
    if name is None and comma is not None:
        # apposition: "a spokeswoman, Anna Richardson White", "the mayor of Velmora, Jiri Kamm"
        rest = low[comma + 1 :]
        size = _head_chunk(rest, lexicon)
        more = _categories(rest[:size], lexicon)
        name = _person_name(toks[comma + 1 : comma + 1 + size], rest[:size], more)
        if role is None and name is not None:
            role = _role(surface, toks[comma + 1 :], more)
    if role is None and chunk < len(low) and low[chunk] == ",":
        # "Mykhailo Podolyak, one of Ukrainian President Volodymyr Zelensky's top advisors"
        offset = chunk + 1
        rest = low[offset:]
        size = rest.index(",") if "," in rest else len(rest)
        role = next(
            (" ".join(t.text for t in toks[offset + a : offset + b])
             for a, b, c in _categories(rest[:size], lexicon)
             if c == "role" and not _possessive_after(toks, offset + b)),
            None,
        )
    head_cat = _head_category(low[:chunk], categories)
    if "percent" in low or "%" in low:
        return "document", _plain(toks[:chunk]), None  # "52 percent of voters": a poll figure
    if surface in _places() or state:
        return "government", surface, None  # "Moscow said": a country or capital
    bodies = ("government", "media", "document", "organization")
    kind = _appositive_kind(low, comma, lexicon) if comma is not None else None
    if head_cat is None and kind and chunk and toks[chunk - 1].text[:1].isupper():
        # "Orbisight, the company that took the images": the apposition names the kind
        return kind, _plain(toks[:chunk]), role
    if name is not None and head_cat in (None, "role", "title", "anonymous"):
        return "person", name, role
    common = not any(t.text[:1].isupper() for t in toks[1:chunk])
    if head_cat in ("organization", "government") and common and name is not None and (
            comma is not None and "and" not in low[comma:]):
        return head_cat, name, role  # "the company, Orbisight": the name in apposition
    lead = 1 if low[:1] == ["the"] else 0
    if head_cat == "document" and low[chunk - 1] == "review" and chunk - lead >= 2 and all(
            t.text[:1].isupper() for t in toks[lead:chunk]):
        return "media", _plain(toks[:chunk]), role  # "The Lantern Review": a publication
    if head_cat in bodies + ("anonymous",):
        return head_cat, _plain(toks[:chunk]), role
    one_word = any(b == chunk and b - a == 1 for a, b, _ in categories)
    if head_cat == "role" and one_word and low[chunk - 1].endswith("s") and low[chunk - 1] not in (
            "boss",):
        return "anonymous", _plain(toks[:chunk]), role  # "advisers": a group
    if head_cat == "role":
        return "person", None, role  # "the governor": one identifiable person, unnamed here
    if chunk and toks[chunk - 1].text[:1].isupper():
        return "person", name or _plain(toks[:chunk]), role  # an unknown proper name
    return "anonymous", _plain(toks[:chunk]), role


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Country names and capitals from ``entities.csv`` (the capital stands for the
    government: "Moscow said")."""
    rows = _rows(None, "entities.csv", ("entity", "alias", "note"))
    return frozenset(
        row["alias"].strip() for row in rows
        if row["note"].startswith(("country name", "capital"))
    )


def _head_chunk(low: list[str], lexicon: SourceLexicon) -> int:
    """Length of the source's first noun chunk (up to "of", "by", a comma, a time word...);
    "of" inside a lexicon term ("Minister of Foreign Affairs") does not end it."""
    stops = {",", "of", "by", "for", "at", "from", "in", "on", "about", "with", "who", "that",
             "which", "(", "aligned", "published", "based", "close", "familiar", "—", "-"}
    spans = [(a, b) for a, b, _ in _categories(low, lexicon) if b - a > 1]
    size = len(low)
    for m, word in enumerate(low):
        if m and (word in stops or word in _OPEN_QUOTES + _CLOSE_QUOTES or word in _TIME_WORDS):
            if word == "of" and m + 1 < len(low) and low[m - 1] in ("secretary", "chief"):
                continue
            if any(a < m < b - 1 for a, b in spans):
                continue
            size = m
            break
    return size


def _appositive_kind(low: list[str], comma: int, lexicon: SourceLexicon) -> str | None:
    """"the company that took the images", "a six-member alliance": an apposition with an
    article whose head noun is an organisation, government or document word (from
    attribution_source_types.csv) tells what the name before it is; else None."""
    rest = low[comma + 1 :]
    if not rest or rest[0] not in ("the", "a", "an"):
        return None
    size = _head_chunk(rest, lexicon)
    for m in range(1, size):
        if rest[m] in ("to", "who", "whose") or rest[m] in _RELATIVES:
            size = m
            break
    kind = _head_category(rest[:size], _categories(rest[:size], lexicon))
    return kind if kind in ("organization", "government", "document") else None


def _appositive_comma(
    low: list[str], chunk: int, categories: list[tuple[int, int, str]]
) -> int | None:
    """The comma opening an apposition after the source's first chunk: right after it ("a
    spokeswoman, Anna White"), or after an "of" phrase when the chunk ends in a role and a
    name of two words or more follows ("the mayor of Velmora, Jiri Kamm"; not "the mayor
    of Oakland, California")."""
    if chunk < len(low) and low[chunk] == ",":
        return chunk
    role_head = any(b == chunk and c == "role" for _, b, c in categories)
    if role_head and chunk < len(low) and low[chunk] == "of" and "," in low[chunk:]:
        comma = low.index(",", chunk)
        words = low[comma + 1 :]
        upto = words.index(",") if "," in words else len(words)
        return comma if sum(w[:1].isalpha() for w in words[:upto]) >= 2 else None
    return None


def _role(surface: str, toks: list[Span], categories: list[tuple[int, int, str]]) -> str | None:
    """The first role among the source's words, as written: adjacent roles run together and
    an abbreviation keeps its full stop ("Lt. Col.", "Gen.", "Foreign Minister"); None when
    it belongs to a possessor ("Obama's spokesman" is no role of the source)."""
    roles = [(a, b) for a, b, c in categories if c == "role" and not _possessive_after(toks, b)]
    if not roles:
        return None
    a, b = roles[0]
    for a2, b2 in roles[1:]:
        gap = a2 - b
        if gap == 0 or gap == 1 and toks[b].text == ".":
            b = b2
        else:
            break
    if b < len(toks) and toks[b].text == "." and len(toks[b - 1].text) <= 4:
        b += 1  # "Gen." with its full stop
    return " ".join(surface[toks[a].start : toks[b - 1].end].split())


def _categories(low: list[str], lexicon: SourceLexicon) -> list[tuple[int, int, str]]:
    """Longest lexicon terms in the chunk as (start, end, category)."""
    found = []
    m = 0
    while m < len(low):
        for size in range(min(lexicon.max_len, len(low) - m), 0, -1):
            key = tuple(_bare(w) for w in low[m : m + size])
            category = lexicon.terms.get(key)
            if size == 1 and category == "role" and _given_name(low, m, found):
                category = None  # "Minister Gen Nakatani": a given name, not "Gen." the rank
            if category is not None:
                found.append((m, m + size, category))
                m += size
                break
        else:
            m += 1
    return found


def _given_name(low: list[str], m: int, found: list[tuple[int, int, str]]) -> bool:
    """Is the role abbreviation at ``m`` (``abbreviations.csv``) a given name? So it is
    without its full stop right after another role: "Defence Minister Gen Nakatani"; not
    in "Gen. Kell", "Lt. Gen. Kell" or the headline's "GOP Rep McCaul"."""
    if low[m].rstrip(".") not in textmod.load_abbreviations():
        return False
    stop = low[m].endswith(".") or m + 1 < len(low) and low[m + 1] == "."
    return not stop and bool(found) and found[-1][1] == m and found[-1][2] == "role"


def _bare(word: str) -> str:
    """A word without a final full stop or possessive ("Sen." -> "sen", "NATO's" -> "nato")."""
    return word.rstrip(".").removesuffix("'s").removesuffix("’s")


def _head_category(low: list[str], categories: list[tuple[int, int, str]]) -> str | None:
    """Category of the chunk's head: the last term ending at the chunk's last word, or a
    multi-word government/media/organisation term anywhere in the chunk."""
    for _, b, c in categories:
        if b == len(low):
            return c
    for a, b, c in categories:
        if b - a > 1 and c in ("government", "media", "organization"):
            return c
    return None


def _possessive_after(toks: list[Span], b: int) -> bool:
    """True when the capitalised run after token ``b`` ends in a possessive."""
    m = b
    while m < len(toks) and toks[m].text[:1].isupper():
        if toks[m].text.endswith(("'s", "’s")):
            return True
        m += 1
    return False


def _person_name(
    toks: list[Span], low: list[str], categories: list[tuple[int, int, str]]
) -> str | None:
    """The person's name among the source's words: a run of capitalised words (initials
    allowed: "Mark Z. Barabak") that is not a title, role or institution, not a possessor
    ("Zelensky's") and not a modifier of the noun after it ("Stein spokeswoman",
    "Democratic presidential candidate", "National Security Council"). A run right after a
    role wins ("spokesman John Kirby")."""
    marked = {}
    for a, b, c in categories:
        for m in range(a, b):
            marked[m] = c
    names: list[tuple[int, str]] = []  # (index the run starts at, name)
    m = 0
    while m < len(toks):
        start, run = m, []
        while m < len(toks) and m not in marked and toks[m].text[:1].isupper():
            word = toks[m].text
            if len(word) == 1 and m + 1 < len(toks) and toks[m + 1].text == ".":
                run.append(word + ".")  # an initial
                m += 2
                continue
            if not any(ch.islower() for ch in word) or word.lower() in ("the", "a", "an"):
                break
            run.append(word)
            m += 1
        if not run:
            m = start + 1
            continue
        last = toks[m - 1].text
        following = low[m] if m < len(low) else ""
        possessor = last.endswith(("'s", "’s"))
        modifier = (following[:1].isalpha() and following.islower()
                    and following not in ("and", "or")) or marked.get(m) in (
            "organization", "government", "media", "document", "role", "anonymous")
        if not possessor and not modifier:
            names.append((start, " ".join(run)))
    for start, name in names:
        if marked.get(start - 1) == "role":
            return name
    return names[0][1] if names else None


def _plain(toks: list[Span]) -> str:
    words = [t.text for t in toks]
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------- tables


def attribution_records(doc_id: str, text: str, attributions: list[Attribution]) -> list[dict]:
    """One flat dict per attribution, for a table (None-safe spans)."""
    records = []
    for a in attributions:
        records.append(
            {
                "doc_id": doc_id,
                "attribution": a.id,
                "sentence": a.sentence,
                "cue_start": a.cue.start,
                "cue_end": a.cue.end,
                "cue": a.cue.text,
                "cue_lemma": a.cue_lemma,
                "source_start": a.source.start if a.source else None,
                "source_end": a.source.end if a.source else None,
                "source": a.source.text if a.source else None,
                "content_start": a.content.start if a.content else None,
                "content_end": a.content.end if a.content else None,
                "content": a.content.text if a.content else None,
                "kind": a.kind,
                "source_name": a.source_name,
                "role": a.role,
                "source_type": a.source_type,
                "stance": a.stance,
                "second_hand": a.second_hand,
                "embedded": a.embedded,
                "parent": a.parent,
            }
        )
    return records
