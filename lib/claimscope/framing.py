"""The writer's framing of each attributed claim, and the claims the writer states.

For every attribution, :func:`frame_attributions` decides how the writer puts the claim:

* ``endorsed``: an endorsing cue (confirmed, revealed, showed, acknowledged) and no
  distance or doubt of the writer's;
* ``neutral``: passed on plainly (said, told, according to);
* ``distanced``: a distancing cue (claimed, insisted, purported, alleged), or the
  writer's own hedge or scare quote inside the claim ("the alleged factory",
  "is said to", "ostensible"), or the writer's "what it called", "so-called";
* ``disputed``: the writer's own words question the claim's truth or evidence ("no
  evidence was presented", "could not be independently verified", "this claim is in
  dispute"), in the claim's sentence or, when that sentence names no other claim, in
  one of the two sentences after it.

Separately, ``contested`` says that another source in the document denies or rejects the
claim ("Iran denies ...", "an allegation Tehran rejects"): balance, not the writer's doubt.
Each result names the rules that decided it (:data:`RULES`), so every label is traced.

Scope decides: a hedge frames the claim it lies in. A hedge inside the source's own
words (voice ``attributed``: "Kirby said Iran may ...") is the source's, not the writer's,
and the writer's speculation elsewhere in the sentence frames no claim. Dispute and
distance markers count only in the writer's voice: inside another attribution's content
they are that source's words, and make the claim contested instead.

:func:`find_assertions` lists the sentences the writer states as fact: no attribution,
no quotation, no hedge of the writer's, declarative. They are the ``asserted`` framing
of the claims tracked across documents (:mod:`claimscope.claims`).

>>> from claimscope.analysis import analyze
>>> result = analyze("Officials claimed the plant is ready. No evidence was presented.")
>>> [(f.framing, f.rules) for f in result.framings]
[('disputed', ('cue:distancing', 'dispute:no-evidence'))]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claimscope.spans import Span
from claimscope.text import by_sentence, quotations, sentence_index
from claimscope.wordlists import rows

FRAMINGS = ("asserted", "endorsed", "neutral", "distanced", "disputed")  # weakest doubt first
MARKERS_FILE = "framing_markers.csv"
# hedge categories that frame a claim when the writer puts them inside it
WRITER_HEDGE_CATEGORIES = ("distancing", "scare_quote", "modal", "probability", "belief")
DISTANCING_CATEGORIES = ("distancing", "scare_quote")
ANAPHORIC_REACH = 2  # sentences after a claim in which a dispute may still refer to it
_LETTERS = re.compile(r"[^\W\d_]+")
_NEGATION = re.compile(r"\b(?:not|never|no|n't|neither|nor|none)\b", re.IGNORECASE)
_MARKER_REACH = 40  # characters around a cue searched for a marker that includes it
_MIN_SHARED = 2  # content words a denial shares with the claim it rejects
CONTEST_REACH = 100  # attributions before and after a rejection that it may contest
_COMMON_SHARE = 0.25  # a word in this share of a document's claims ties none together
_NEGATION_REACH = 6  # words at the start of a content in which a negation negates it
_OPENING = re.compile(r"\W*(?:\w+(?:['’]\w+)?\W+){0," + str(_NEGATION_REACH) + "}")
_MIN_ASSERTION_WORDS = 6


@dataclass(frozen=True)
class Framing:
    """How the writer frames one attribution's claim, and the rules that decided it."""

    attribution: int
    framing: str
    contested: bool
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Assertion:
    """A sentence the writer states as fact, in the writer's own voice."""

    sentence: int
    span: Span
    rule: str


@dataclass(frozen=True)
class Markers:
    """The framing markers of ``lexicons/framing_markers.csv``, compiled."""

    dispute: tuple[tuple[str, re.Pattern[str]], ...]
    any_dispute: re.Pattern[str]  # the dispute patterns as one, for a first test
    distance: tuple[tuple[str, re.Pattern[str]], ...]
    anaphor: re.Pattern[str]
    denial_lemmas: frozenset[str]


def load_markers(path: str | Path | None = None) -> Markers:
    """The framing markers (shipped, or the user's file with the same columns)."""
    entries = rows(MARKERS_FILE, ("rule", "kind", "pattern", "example", "note"), path=path)

    def patterns(kind: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((row["rule"], _compiled(row["pattern"])) for row in entries
                     if row["kind"] == kind)

    anaphors = [row["pattern"] for row in entries if row["kind"] == "anaphor"]
    lemmas = {lemma.strip() for row in entries if row["kind"] == "denial"
              for lemma in row["pattern"].split("|")}
    disputes = [row["pattern"] for row in entries if row["kind"] == "dispute"]
    return Markers(patterns("dispute"), _compiled("|".join(f"(?:{p})" for p in disputes)
                                                  or r"(?!)"),
                   patterns("distance"), _compiled("|".join(anaphors) or r"(?!)"),
                   frozenset(lemmas))


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class ClaimSite:
    """One attributed claim as the framing rules see it: the attribution, the writer's
    hedges inside it, and the writer's words around it."""

    text: str
    attribution: object  # claimscope.attribution.Attribution
    writer_hedges: tuple[object, ...]  # claimscope.hedging.Hedge, voice "author"
    writer_spans: tuple[Span, ...]  # the writer's own stretches of the claim's sentence,
    # with an aside that opens the content (", without offering evidence, that ...")
    following: tuple[tuple[Span, ...], ...]  # the same for the sentences after it
    markers: Markers


Rule = Callable[[ClaimSite], "str | None"]
RULES: dict[str, tuple[str, str, Rule]] = {}  # name -> (label it gives, example, rule)


def rule(name: str, label: str, example: str) -> Callable[[Rule], Rule]:
    """Register a framing rule under ``name``; ``example`` is a sentence it accepts."""
    def register(function: Rule) -> Rule:
        RULES[name] = (label, example, function)
        return function
    return register


@rule("cue:endorsing", "endorsed", "The ministry confirmed that the plant is ready.")
def _endorsing_cue(site: ClaimSite) -> str | None:
    """The cue presents the claim as established (confirm, reveal, show, admit), and is
    no negated one ("has not been shown": :func:`cue_dispute`)."""
    if site.attribution.stance != "endorsing" or cue_dispute(site.text, site.attribution,
                                                             site.markers):
        return None
    return "cue:endorsing"


@rule("cue:distancing", "distanced", "Officials claimed the plant is ready.")
def _distancing_cue(site: ClaimSite) -> str | None:
    """The cue keeps the writer at a distance (claim, insist, purport, allege)."""
    return "cue:distancing" if site.attribution.stance == "distancing" else None


@rule("hedge:writer", "distanced", "According to Kirby, the alleged factory is ready.")
def _writer_hedge(site: ClaimSite) -> str | None:
    """A hedge in the writer's voice inside the claim, or on its cue ("is said to",
    "reportedly"): the first one names the rule, ``hedge:alleged``."""
    for hedge in site.writer_hedges:
        if hedge.category == "scare_quote":
            return "scare_quote"
        return f"hedge:{hedge.cue}"
    return None


@rule("distance:marker", "distanced", "The ministry denounced what it called a smear campaign.")
def _distance_marker(site: ClaimSite) -> str | None:
    """The writer's "what it called" around the claim's own cue: the label is the
    source's ("what it called a smear": the ministry's word, not the writer's)."""
    cue = site.attribution.cue
    for name, pattern in site.markers.distance:
        start = max(0, cue.start - _MARKER_REACH)
        if any(m.start() < cue.end and cue.start < m.end()
               for m in pattern.finditer(site.text, start, cue.end + _MARKER_REACH)):
            return name
    return None


@rule("dispute:marker", "disputed",
      "Without offering evidence, the minister said the port ships drones.")
def _dispute_marker(site: ClaimSite) -> str | None:
    """The writer questions the claim's truth or evidence in its sentence, or in one of
    the next two sentences ("... No evidence was presented.")."""
    markers = site.markers
    found = _first_marker(markers.dispute, site.text, site.writer_spans, markers.any_dispute)
    for spans in site.following:
        if found:
            break
        found = _first_marker(markers.dispute, site.text, spans, markers.any_dispute)
    return found


@rule("dispute:cue", "disputed", "The engines have not been shown to journalists.")
def _disputing_cue(site: ClaimSite) -> str | None:
    """The cue itself is the writer's doubt: a reporting verb negated into "has not been
    shown", "could not be independently confirmed", "offered no evidence". What the
    program took for a report is the writer saying the claim lacks support."""
    return cue_dispute(site.text, site.attribution, site.markers)


def cue_dispute(text: str, attribution, markers: Markers) -> str | None:
    """The dispute marker that takes in the attribution's cue, if one does."""
    cue = attribution.cue
    start = max(0, cue.start - _MARKER_REACH)
    if not any(m.start() < cue.end and cue.start < m.end()
               for m in markers.any_dispute.finditer(text, start, cue.end + _MARKER_REACH)):
        return None
    for name, pattern in markers.dispute:
        if any(m.start() < cue.end and cue.start < m.end()
               for m in pattern.finditer(text, start, cue.end + _MARKER_REACH)):
            return name
    return None


_PRIORITY = ("disputed", "distanced", "endorsed")


def _first_marker(patterns: Sequence[tuple[str, re.Pattern[str]]], text: str,
                  spans: Sequence[Span], screen: re.Pattern[str] | None = None) -> str | None:
    """The first of ``patterns`` found in one of ``spans``; ``screen``, all of them as
    one pattern, rules most spans out in one pass."""
    if screen is not None and not any(screen.search(text, s.start, s.end) for s in spans):
        return None
    for name, pattern in patterns:
        if any(pattern.search(text, span.start, span.end) for span in spans):
            return name
    return None


def frame_attributions(text: str, sentence_spans: Sequence[Span], attributions: Sequence,
                       hedges: Sequence, *, markers: Markers | None = None) -> list[Framing]:
    """The writer's framing of every attribution of a document (in their order).

    Each attribution looks only at the sentences it touches and the two after them
    (spans bucketed by sentence), so a long document stays linear."""
    markers = markers or load_markers()
    writers = {a.id for a in attributions if cue_dispute(text, a, markers)}
    others = [a.content for a in attributions if a.content is not None
              and a.id not in writers]  # a disputing "cue" is the writer's own voice
    others += [q.span for q in quotations(text)]
    taken = by_sentence(sentence_spans, others, lambda span: (span,))
    near = by_sentence(sentence_spans, hedges, lambda h: (Span(h.start, h.end, ""),))
    writer: dict[int, tuple[Span, ...]] = {}

    def writer_spans(index: int) -> tuple[Span, ...]:
        if index not in writer:
            writer[index] = _writer_spans(sentence_spans[index], taken[index])
        return writer[index]

    contested = contested_claims(text, [a for a in attributions if a.id not in writers],
                                 markers)
    result = []
    for attribution in attributions:
        last = attribution.sentence
        if attribution.content is not None:
            last = max(last, sentence_index(sentence_spans, attribution.content.end - 1))
        candidates = {id(h): h for i in range(attribution.sentence, last + 1) for h in near[i]}
        site = ClaimSite(
            text=text,
            attribution=attribution,
            writer_hedges=_writer_hedges_in(text, attribution, list(candidates.values()),
                                            markers),
            writer_spans=(*writer_spans(attribution.sentence),
                          *_opening_aside(text, attribution.content)),
            following=tuple(writer_spans(index) for index in range(
                attribution.sentence + 1,
                min(len(sentence_spans), attribution.sentence + 1 + ANAPHORIC_REACH))),
            markers=markers,
        )
        fired = [(RULES[name][0], found) for name in RULES
                 if (found := RULES[name][2](site)) is not None]
        labels = {label for label, _ in fired}
        framing = next((label for label in _PRIORITY if label in labels), "neutral")
        reasons = list(dict.fromkeys(found for _, found in fired))  # each rule once
        if attribution.id in contested:
            reasons.append(contested[attribution.id])
        result.append(Framing(attribution.id, framing, attribution.id in contested,
                              tuple(reasons)))
    return result


def _writer_hedges_in(text: str, attribution, hedges: Sequence, markers: Markers) -> tuple:
    """The writer's hedges (voice author) inside the claim's content, or on its cue; a
    noun that points back to another claim ("this claim is in dispute") frames that
    claim, not this one."""
    def frames(hedge) -> bool:
        span = Span(hedge.start, hedge.end, "")
        if span.overlaps(attribution.cue):  # "is said to", "reportedly"; a belief cue
            # is the source's hedge, and a distancing cue is counted once, by its rule
            return (hedge.category in DISTANCING_CATEGORIES
                    and attribution.stance != "distancing")
        return attribution.content is not None and attribution.content.contains(span)

    return tuple(
        hedge for hedge in hedges
        if hedge.voice == "author" and hedge.category in WRITER_HEDGE_CATEGORIES
        and frames(hedge) and not _points_back(text, hedge, markers)
    )


def _points_back(text: str, hedge, markers: Markers) -> bool:
    """Whether the hedge is the noun of an anaphoric phrase ("this claim")."""
    window = max(0, hedge.start - 12)
    return any(m.start() <= hedge.start and hedge.end <= m.end()
               for m in markers.anaphor.finditer(text, window, hedge.end + 3))


_ASIDE = re.compile(r"\s*,?\s*([^,\"“”]{3,80}?),\s*(?=that\b|[A-Z])")


def _opening_aside(text: str, content: Span | None) -> tuple[Span, ...]:
    """An aside between commas where the content opens, before its clause: the writer's
    words between the cue and what is reported ("said, without offering evidence, that
    ...", "claimed, falsely, the port ..."), which an attribution's span may include."""
    if content is None:
        return ()
    match = _ASIDE.match(text, content.start, content.end)
    return (Span(match.start(1), match.end(1), ""),) if match else ()


def _writer_spans(sentence: Span, others: Sequence[Span]) -> tuple[Span, ...]:
    """The stretches of ``sentence`` in the writer's own voice: outside ``others`` (every
    attribution's content and every direct quotation near it)."""
    taken = sorted((max(s.start, sentence.start), min(s.end, sentence.end))
                   for s in others if s.overlaps(sentence))
    spans, position = [], sentence.start
    for start, end in taken:
        if start > position:
            spans.append(Span(position, start, ""))
        position = max(position, end)
    if position < sentence.end:
        spans.append(Span(position, sentence.end, ""))
    return tuple(spans)


# ---------------------------------------------------------------- contested claims


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """``lexicons/stopwords.csv``: words that tell no claim from another."""
    return frozenset(row["word"].lower() for row in rows("stopwords.csv", ("word", "note")))


def content_words(text: str, span: Span | None) -> frozenset[str]:
    """The lower-cased words of ``span`` that are no stop word, for overlap tests."""
    if span is None:
        return frozenset()
    stop = stop_words()
    return frozenset(word for match in _LETTERS.finditer(text, span.start, span.end)
                     if len(word := match[0].lower()) > 1 and word not in stop)


def _source_key(attribution) -> str:
    return (attribution.source_name or (attribution.source.text if attribution.source
                                        else "")).lower()


def contested_claims(text: str, attributions: Sequence, markers: Markers) -> dict[int, str]:
    """Attribution id -> the rule by which another source rejects its claim.

    A rejecting attribution is one whose cue is a denial (``contest:denial``: deny,
    reject, dismiss ...), or whose content negates (``contest:negation``) or disputes
    (``contest:source-dispute``: "they lack any evidence") what another source said.
    It contests every other source's claim that shares two or more content words with
    it; one that only points back ("denies the allegation", "this claim is in dispute")
    contests the nearest earlier claim of another source. A rejection reaches the
    :data:`CONTEST_REACH` attributions before and after it (an article holds fewer; a
    document of thousands is no one exchange). What a denial's own content
    states ("denied that it shipped drones") is contested too (``contest:denied``). A
    negation counts in the first words of the content only, where it negates the claim
    itself ("it has not provided drones"), not in a clause further on.
    """
    found: dict[int, str] = {}
    words = _distinctive_words(text, attributions)
    reasons = {a.id: _rejection(text, a, markers) for a in attributions}
    postings: dict[str, list[int]] = {}
    for position, attribution in enumerate(attributions):
        if reasons[attribution.id] is None:
            for word in words[attribution.id]:
                postings.setdefault(word, []).append(position)
    for index, rejecting in enumerate(attributions):
        reason = reasons[rejecting.id]
        if reason is None:
            continue
        source = _source_key(rejecting)
        overlap: dict[int, int] = {}
        low, high = index - CONTEST_REACH, index + CONTEST_REACH
        for word in words[rejecting.id]:
            positions = postings.get(word, [])
            for position in positions[bisect_left(positions, low):
                                      bisect_right(positions, high)]:
                overlap[position] = overlap.get(position, 0) + 1
        shared = [attributions[p] for p, n in sorted(overlap.items()) if n >= _MIN_SHARED
                  and _source_key(attributions[p]) != source]
        points_back = reason == "contest:denial" or (
            rejecting.content is not None and markers.anaphor.search(
                text, rejecting.content.start, rejecting.content.end))
        if not shared and points_back:
            shared = next(([attributions[p]] for p in range(index - 1, max(-1, low), -1)
                           if reasons[attributions[p].id] is None
                           and _source_key(attributions[p]) != source), [])
        for claim in shared:
            found.setdefault(claim.id, reason)
        if reason == "contest:denial" and rejecting.content is not None:
            found.setdefault(rejecting.id, "contest:denied")  # what it denies, reported
    return found


def _distinctive_words(text: str, attributions: Sequence) -> dict[int, frozenset[str]]:
    """Each claim's content words less those in a quarter or more of the document's
    claims (the names of its subject: "Varnesia", "drones"), which tie every claim to
    every other."""
    words = {a.id: content_words(text, a.content) for a in attributions}
    counts: dict[str, int] = {}
    for found in words.values():
        for word in found:
            counts[word] = counts.get(word, 0) + 1
    common = {w for w, n in counts.items() if n >= max(3, len(words) * _COMMON_SHARE)}
    return {key: found - common for key, found in words.items()}


def _rejection(text: str, attribution, markers: Markers) -> str | None:
    if attribution.cue_lemma in markers.denial_lemmas:
        return "contest:denial"
    content = attribution.content
    if content is None:
        return None
    if markers.any_dispute.search(text, content.start, content.end):
        return "contest:source-dispute"
    opening = _OPENING.match(text, content.start, content.end)
    if opening and _NEGATION.search(opening[0]):
        return "contest:negation"
    return None


# ---------------------------------------------------------------- writer's assertions


def find_assertions(text: str, sentence_spans: Sequence[Span], attributions: Sequence,
                    hedges: Sequence) -> list[Assertion]:
    """The sentences the writer states as fact: no attribution, no quotation mark, no
    hedge of the writer's (approximators aside), not a question, at least six words.

    ``assert:headline`` for a first line without final punctuation, else
    ``assert:narration``.
    """
    claimed = {a.sentence for a in attributions}
    contents = by_sentence(sentence_spans, [a.content for a in attributions if a.content],
                           lambda span: (span,))
    claimed.update(i for i, found in enumerate(contents) if found)  # a content running on
    hedged = {h.sentence for h in hedges if h.voice == "author"
              and h.category != "approximator"}
    quotes = by_sentence(sentence_spans, quotations(text), lambda q: (q.span,))
    quoted = {i for i, found in enumerate(quotes) if found}
    found = []
    for index, span in enumerate(sentence_spans):
        words = span.text.split()
        if (index in claimed or index in hedged or index in quoted
                or len(words) < _MIN_ASSERTION_WORDS or span.text.rstrip().endswith("?")):
            continue
        headline = index == 0 and span.text.rstrip()[-1:] not in ".!"
        found.append(Assertion(index, span, "assert:headline" if headline
                               else "assert:narration"))
    return found


def framing_records(doc_id: str, framings: Sequence[Framing]) -> dict[int, dict]:
    """Attribution id -> the framing columns of its row in the attributions table."""
    return {f.attribution: {"framing": f.framing, "contested": f.contested,
                            "framing_rule": ";".join(f.rules) or None} for f in framings}


def assertion_records(doc_id: str, assertions: Sequence[Assertion]) -> list[dict]:
    """The rows of the ``assertions`` table for one document."""
    return [{"doc_id": doc_id, "sentence": a.sentence, "start": a.span.start,
             "end": a.span.end, "text": a.span.text, "rule": a.rule} for a in assertions]


# ---------------------------------------------------------------- hedge families

HEDGE_FAMILIES = ("writer-epistemic", "writer-distancing", "source", "partial-quote",
                  "approximator", "cue")


def hedge_families(hedges: Sequence, attributions: Sequence) -> list[str]:
    """:func:`hedge_family` of every hedge, the cues near each found by bisection (a
    long document has hundreds of thousands of both)."""
    cues = sorted((a.cue for a in attributions), key=lambda cue: (cue.start, cue.end))
    starts = [cue.start for cue in cues]
    longest = max((cue.end - cue.start for cue in cues), default=0)
    return [hedge_family(hedge, cues[bisect_left(starts, hedge.start - longest):
                                     bisect_left(starts, hedge.end)])
            for hedge in hedges]


def hedge_family(hedge, cue_spans: Sequence[Span]) -> str:
    """Which headline family a hedge belongs to (one family each, so none is counted
    twice):

    * ``cue``: it is an attribution's cue ("officials *believe*", "*claimed*",
      "*is said to*"), counted once, as that attribution's stance;
    * ``approximator``: numeric vagueness ("about 600", "several hundred"), never in a
      headline total;
    * ``partial-quote``: a quoted fragment inside a source's reported words, the
      source's word quoted (in the writer's voice it is a scare quote);
    * ``source``: any other hedge inside a source's words;
    * ``writer-distancing``: the writer's distancing words and scare quotes;
    * ``writer-epistemic``: the writer's own modal, probability, belief and
      conditional hedges.
    """
    span = Span(hedge.start, hedge.end, "")
    if any(span.overlaps(cue) for cue in cue_spans):
        return "cue"
    if hedge.category == "approximator":
        return "approximator"
    if hedge.voice == "attributed":
        return "partial-quote" if hedge.category == "scare_quote" else "source"
    if hedge.category in ("distancing", "scare_quote"):
        return "writer-distancing"
    return "writer-epistemic"
