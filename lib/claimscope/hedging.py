"""Hedges: the words that say how firmly a claim is put, and who is doing the hedging.

A cue from the lexicon (``lexicons/hedges.csv``) is found by one regular expression over
the text; a named rule then looks at the words around it and accepts or rejects it
("may" the verb, not the month; "about 600", not "talks about"). Each accepted hedge
records the rule that accepted it, so every count can be explained. Part of speech
(TextBlob's PatternTagger via :func:`claimscope.text.pos_tag`) is computed only for a
sentence whose candidate needs it.

Categories (issue 4): ``modal``, ``probability``, ``belief``, ``distancing``,
``approximator``, ``conditional`` and ``scare_quote`` (a short quoted fragment nobody is
quoted as saying: the writer's own distance).

A modal with no verb after it is an ellipsis, not a hedge ("If I may, sir", "as hard as
they could."). "potential" is a hedge only as the adjective before something that may
happen ("a potential deal", "potential retaliation") or as "the potential for/to" (a
possibility, like "possibility of"); a role someone may fill ("potential buyers", "a
potential successor") and the noun for capacity ("her full potential") are not.

Scare quotes: a quoted fragment of one to four words is the writer's scare quote unless
it is a title or a name (two or more words whose content words are Title Case: "Contract
with America"), a quoted figure, part of a longer quotation in the sentence, a partial
quotation (two or more words in a sentence that reports speech), or
introduced by a reporting, quoting ("typed", "cited"), naming ("called", "dubbed",
"branded", "titled", "known as"), likening ("likened ... to", "compared ... to") or
characterising frame ("described/pounded/cast X as a ...").

Voice: a hedge is ``"attributed"`` when it lies in someone else's words, otherwise
``"author"``. Each hedge records the voice rule (:data:`VOICE_RULES`) that decided it:

* ``quotation``: inside a direct quotation: the quoted speaker's (attributed).
* ``distancing-paraphrase``: a distancing word ("alleged", "ostensible", "so-called",
  "purported", "claim") outside any direct quotation is the writer's, even inside the
  content of an attribution: in indirect speech ("According to Kirby, the alleged drone
  factory ...") the wording is the writer's, so the distance is too (author). Inside a
  direct quotation it is the source's (``quotation``).
* ``nested-cue``: the cue of an attribution that itself lies inside an outer
  attribution's content ("Clinton said she *thinks* ...") belongs to that content:
  attributed to the innermost outer attribution holding it. Decided from content spans,
  so it does not depend on how attributions record their nesting.
* ``cue``: the cue of an outermost attribution ("officials *claim*", "a photo that
  *purports* to show") is the writer's choice of word (author).
* ``content``: inside the content of an attribution (attributed to the smallest).
* ``narration``: anywhere else (author).

A scare quote follows the same rules: in the author's voice on its own ('officials
"aligned" with Washington'), attributed when it sits in reported content.
"""

from __future__ import annotations

import csv
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import takewhile
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from claimscope.spans import Span
from claimscope.text import (
    by_sentence,
    pos_tag,
    quotations,
    sentence_index,
    sentences,
    tokens,
    trie_pattern,
)

if TYPE_CHECKING:
    from claimscope.attribution import Attribution

LEXICON_VERSION = "2026.11.26-3"
T = TypeVar("T")

CATEGORIES = (
    "modal",
    "probability",
    "belief",
    "distancing",
    "approximator",
    "conditional",
    "scare_quote",
)
VOICES = ("author", "attributed")
VOICE_RULES = ("quotation", "content", "nested-cue", "cue", "distancing-paraphrase", "narration")
_COLUMNS = ("cue", "forms", "category", "rule", "source", "note")
_SCARE_QUOTE_MAX_WORDS = 4


@dataclass(frozen=True)
class Hedge:
    """One hedge in a document: where it is, what kind, why it was accepted, whose it is."""

    start: int
    end: int
    text: str
    sentence: int
    category: str
    cue: str
    rule: str
    voice: str
    attribution: int | None
    voice_rule: str  # why the voice: see VOICE_RULES


@dataclass(frozen=True)
class LexiconEntry:
    """One row of the hedge lexicon: a cue with its surface forms and its rule."""

    cue: str
    forms: tuple[str, ...]
    category: str
    rule: str
    source: str
    note: str


@dataclass(frozen=True)
class Lexicon:
    """The loaded lexicon: entries by lower-case surface form, and one matcher for all."""

    entries: dict[str, LexiconEntry]
    matcher: re.Pattern[str]
    path: str


# --------------------------------------------------------------------------- words
# Closed word classes the rules look at. They are grammar, not topic words.

_DETERMINERS = frozenset(
    "a an the this that these those his her its their our my your some any no every "
    "each another such".split()
)
_NEGATIONS = frozenset({"not", "never", "n't", "hardly", "scarcely", "barely"})
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion trillions dozen dozens half twice double triple one-third two-thirds "
    "one-quarter three-quarters one-fifth".split()
)
_AFTER_ARTICLE_QUANTITY = frozenset(
    "dozen hundred thousand million billion trillion third quarter fifth tenth half "
    "score handful".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TIME_WORDS = _MONTHS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday now then today tonight "
    "tomorrow yesterday recently lately last next this early late mid midnight noon dawn "
    "dusk later after before recent further spring summer autumn fall winter".split()
)
_REPORTING_VERBS = frozenset(
    "said says say saying told tells tell telling announced announces added adds stated "
    "states declared declares vowed vowing vows promised promises pledged pledges agreed "
    "agrees insisted insists warned warns warning noted notes reported reports confirmed "
    "confirms argued argues arguing countered wrote writes explained explains disclosed "
    "revealed acknowledged admitted conceded predicted predicts predicting claimed claims "
    "claiming asserted contended maintained complained urged urging accused charged "
    "alleged tweeted posted recalled joked quipped replied responded asked called calling "
    "slammed derided bemoaned blasted criticized criticised praised hailed described "
    "according".split()
)
_REFUSAL_VERBS = frozenset(
    "comment say discuss elaborate specify identify disclose divulge confirm deny talk "
    "reveal give answer respond name release provide speculate characterize describe "
    "offer return detail explain".split()
)
_HEDGING_VERBS = frozenset(
    "seem appear suggest think imagine guess expect argue say assume estimate suspect "
    "venture".split()
)
_MAY_HEADLINE_FOLLOWERS = frozenset(
    "be have not well also soon never still yet already only now".split()
)
_MODAL_FOLLOWERS_NOT_VERB = frozenset(
    "of and or to in is was are were has had that which for against on from behind "
    "with 's ’s".split()
)
_BEFORE_NOUN_TAGS = frozenset({"IN", "TO", "JJ", "JJR", "JJS", "DT", "PRP$", "CD"})
_SUBJECT_OR_AUXILIARY_TAGS = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "PRP", "MD", "VBZ", "VBD", "VBP", "RB", "WDT", "WP"}
)
_AUXILIARIES = frozenset("is are was were be been being has have had am 's".split())
_PREDICATIVE_BEFORE = frozenset(
    "remain remains remained remaining still largely entirely completely yet seem seems "
    "seemed become became it's".split()
)
_BENCHMARK_WORDS = frozenset(
    "below above beat beats beating exceeded exceed exceeds exceeding met meet meets "
    "missed miss misses topped short end line than".split()
)
_ASSUME_TAKE_ON = frozenset(
    "office power control command responsibility responsibilities role post position "
    "presidency chairmanship leadership duties duty helm debt debts liability "
    "liabilities name identity ownership management form shape mantle reins "
    "throne title lead charge".split()
)
_CLAIM_NEUTRAL_OBJECTS = frozenset(
    "responsibility credit victory lives life title crown throne seat seats prize "
    "championship medal gold trophy ownership asylum benefits refund compensation "
    "damages win breaks deduction deductions exemption exemptions refunds relief "
    "status".split()
)
_CLAIM_LEGAL_MODIFIERS = frozenset(
    "jobless unemployment insurance initial continuing disability benefit benefits legal "
    "land territorial maritime pay damage damages medical warranty tax file filed files "
    "filing settle settled settling paid".split()
)
_CLAIM_LEGAL_FOLLOWERS = frozenset("for against on adjuster adjusters court process".split())
_APPEAR_PHYSICAL = frozenset(
    "on in at before with for alongside onstage together via during inside outside from "
    "under after live today yesterday tonight".split()
)
_APPEAR_EPISTEMIC = frozenset(
    "to that likely unlikely certain set poised ready headed bound close unable reluctant "
    "willing intent determined confident eager sure".split()
)
_FINITE_WORDS = frozenset(
    "is are was were has have had does do did can will would could may might shall "
    "should must".split()
)
_CLAUSE_STOPS = frozenset({",", ";", ":", ".", "--", "—", "–", "(", ")", "!", "?"})
_NAMING_WORDS = frozenset(
    "called calls call calling dubbed dubs termed terms labeled labelled branded "
    "nicknamed titled entitled named word words phrase term slogan motto".split()
)
_AS_NAMING = frozenset(
    "known described describes describe referred characterized characterised "
    "portrayed depicted billed dismissed dismisses hailed hails derided branded brands "
    "cast casts casting painted paints painting labeled labelled pounding pounded "
    "attacking attacked attacks blasted blasting slammed slamming mocked mocking "
    "ridiculed touted touting praised praising admires admired sees saw views viewed "
    "regards regarded".split()
)
_LIKENING_WORDS = frozenset(
    "likened likens liken likening compared compares comparing equated equates "
    "equating".split()
)
_QUOTING_VERBS = frozenset(
    "typed scrawled read reads cited cites citing referenced references invoked "
    "invokes invoking quoted quotes quoting used uses using wrote writes written "
    "headlined captioned".split()
)
_BOOSTED_DOUBT = frozenset("no without beyond little".split())
_SUPERLATIVE_OR_ALL = frozenset("best worst most least fewest every all only".split())
_MAKE = frozenset("make makes made making".split())
_NOUN_CUES = frozenset(
    "prime main chief murder key possible likely potential other two three several no "
    "one".split()
)
_ROLE_NOUNS = frozenset(
    "buyer buyers purchaser purchasers bidder bidders acquirer acquirers suitor suitors "
    "investor investors customer customers client clients partner partners successor "
    "successors nominee nominees candidate candidates appointee appointees pick picks "
    "recruit recruits voter voters donor donors member members ally allies employer "
    "employers employee employees juror jurors witness witnesses replacement "
    "replacements challenger challengers rival rivals competitor competitors opponent "
    "opponents president presidents secretary secretaries senator senators governor "
    "governors minister ministers chairman chair director directors leader leaders "
    "resident residents mate mates heir heirs contender contenders user users "
    "applicant applicants student students recipient recipients".split()
)
_VERB_AFTER_NOUN = frozenset(
    "was were is are has have had who in 's ’s , . ; : ) -- —".split()
)


# --------------------------------------------------------------------------- lexicon


def load_lexicon(path: str | None = None) -> Lexicon:
    """Read a hedge lexicon CSV (the packaged one when ``path`` is None), once (a user's
    CSV again when the file changes, so an edit shows in a running notebook).

    Columns: ``cue,forms,category,rule,source,note``; ``forms`` lists the surface forms
    separated by ``|``; ``rule`` names one of :data:`RULES`.
    """
    if path is not None and not os.path.isfile(path):
        raise FileNotFoundError(f"hedge lexicon {path!r} not found: pass a CSV path")
    modified = os.stat(path).st_mtime_ns if path is not None else 0
    return _load_lexicon(path, modified)


@lru_cache(maxsize=8)
def _load_lexicon(path: str | None, modified: int) -> Lexicon:
    if path is None:
        resource = resources.files("claimscope.lexicons").joinpath("hedges.csv")
        with resource.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        where = "hedges.csv (packaged)"
    else:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        where = path
    if not rows:
        raise ValueError(f"hedge lexicon {where} is empty: it needs a header and rows")
    missing = [c for c in _COLUMNS if c not in rows[0]]
    if missing:
        raise ValueError(
            f"hedge lexicon {where} lacks column(s) {missing}; "
            f"the header must be {','.join(_COLUMNS)}"
        )
    entries: dict[str, LexiconEntry] = {}
    for number, row in enumerate(rows, start=2):
        entry = _entry(row, where, number)
        for form in entry.forms:
            entries[_normalise(form)] = entry
    body = trie_pattern(entries)
    matcher = re.compile(rf"(?<![\w'’-])(?:{body})(?:(?![\w-])|(?=n['’]t\b))", re.IGNORECASE)
    return Lexicon(entries=entries, matcher=matcher, path=where)


def _entry(row: dict[str, str], where: str, number: int) -> LexiconEntry:
    category = (row["category"] or "").strip()
    rule = (row["rule"] or "").strip()
    cue = (row["cue"] or "").strip()
    if category not in CATEGORIES or category == "scare_quote":
        raise ValueError(
            f"{where} line {number}: category {category!r} is not one of "
            f"{[c for c in CATEGORIES if c != 'scare_quote']} (scare quotes are found "
            "from quotation marks, not listed)"
        )
    if rule not in RULES:
        raise ValueError(
            f"{where} line {number}: rule {rule!r} is unknown; use one of {sorted(RULES)}"
        )
    forms = tuple(f.strip().lower() for f in (row["forms"] or cue).split("|") if f.strip())
    if not cue or not forms:
        raise ValueError(f"{where} line {number}: a row needs a cue and at least one form")
    return LexiconEntry(
        cue=cue,
        forms=forms,
        category=category,
        rule=rule,
        source=(row["source"] or "").strip(),
        note=(row["note"] or "").strip(),
    )


# letters that re.IGNORECASE matches to an ASCII one but str.lower() does not map to it:
# dotless and dotted i ('MİGHT', as a Turkish locale upper-cases), long s
_CASE_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "’": "'"})


def _normalise(surface: str) -> str:
    return " ".join(surface.translate(_CASE_FOLD).lower().split())


# --------------------------------------------------------------------------- context


@dataclass
class _Site:
    """A candidate cue in its sentence, with the sentence's tokens and (lazily) tags."""

    text: str
    sentence: Span
    start: int
    end: int
    toks: list[Span]
    first: int  # index of the cue's first token
    after: int  # index just after the cue's last token
    tag_cache: dict[int, list[str]] = field(default_factory=dict, repr=False)

    @property
    def surface(self) -> str:
        return self.text[self.start : self.end]

    def next(self, n: int = 1) -> str:
        """The n-th word after the cue, lower case ('' past the sentence end)."""
        i = self.after + n - 1
        return _lower(self.toks[i].text) if i < len(self.toks) else ""

    def prev(self, n: int = 1) -> str:
        """The n-th word before the cue, lower case ('' before the sentence start)."""
        i = self.first - n
        return _lower(self.toks[i].text) if i >= 0 else ""

    def before(self, n: int) -> list[str]:
        """The last ``n`` words of the sentence before the cue, lower case."""
        return [_lower(t.text) for t in self.toks[max(self.first - n, 0) : self.first]]

    def next_raw(self, n: int = 1) -> str:
        i = self.after + n - 1
        return self.toks[i].text if i < len(self.toks) else ""

    def tag(self, index: int) -> str:
        """Penn tag of the token at ``index`` (absolute), tagging the sentence once."""
        key = self.sentence.start
        if key not in self.tag_cache:
            self.tag_cache[key] = [t for _, t in pos_tag(self.text, key, self.sentence.end)]
        tags = self.tag_cache[key]
        return tags[index] if 0 <= index < len(tags) else ""

    def next_tag(self, n: int = 1) -> str:
        return self.tag(self.after + n - 1)

    def prev_tag(self, n: int = 1) -> str:
        return self.tag(self.first - n)

    def negated_contraction(self) -> bool:
        return self.text[self.end : self.end + 3].replace("’", "'") == "n't"


def _lower(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_quantity(site: _Site, offset: int = 1) -> bool:
    """Does a number or quantity start ``offset`` words after the cue?"""
    word = site.next(offset)
    if not word:
        return False
    if re.match(r"^[$€£]?\d", word):
        return True
    if word in {"$", "€", "£"}:
        return bool(re.match(r"^\d", site.next(offset + 1)))
    if word in _NUMBER_WORDS:
        return True
    return word in {"a", "an", "one"} and site.next(offset + 1) in _AFTER_ARTICLE_QUANTITY


# --------------------------------------------------------------------------- rules
# A rule returns a label (the hedge is accepted; the label names why), a pair
# (category, label) when the context changes the category, or None (rejected).

RuleResult = str | tuple[str, str] | None


def _always(site: _Site) -> RuleResult:
    return "lexical"


def _elided(site: _Site) -> bool:
    """Does no verb follow the modal ("If I may, sir", "as fast as they could.")?

    The modal ends the sentence or a clause stop follows it; a comma opens an ellipsis
    too unless a bare verb comes after a short parenthesis ("might, however, return").
    """
    following = site.next_raw()
    if not following or (following in _CLAUSE_STOPS and following != ","):
        return True
    if following != ",":
        return False
    stop = site.after + 1
    while stop < min(site.after + 6, len(site.toks)) and site.toks[stop].text != ",":
        stop += 1
    resumed = stop + 1
    if resumed >= len(site.toks) or site.toks[stop].text != ",":
        return True
    word = site.toks[resumed].text
    if _lower(word) in _MAY_HEADLINE_FOLLOWERS:
        return False
    # the tagger often reads a bare verb after a comma as a noun ("might, in theory, fall")
    return not (word[:1].islower() and site.tag(resumed) in {"VB", "VBP", "NN"})


def _may(site: _Site) -> RuleResult:
    if site.surface[0] == "m":
        return None if _elided(site) else "may-before-verb"
    # "May" is the month ("As of May") or a name ("Theresa May"), unless a verb follows,
    # as in a headline ("Iran May Be Helping Russia") or at a sentence start.
    following = site.next()
    if following in _MAY_HEADLINE_FOLLOWERS:
        return "may-before-verb"
    if site.next_raw()[:1].islower() and site.next_tag() == "VB":
        return "may-before-verb"
    return None


def _might(site: _Site) -> RuleResult:
    previous = site.prev()
    if previous in _DETERMINERS or previous.endswith("'s") or site.prev_tag() in {"JJ", "PRP$"}:
        return None  # the noun: "the military might of Russia", "with all his might"
    if _elided(site) or site.next() in _MODAL_FOLLOWERS_NOT_VERB:
        return None  # no verb follows: an ellipsis, or the noun before a preposition
    return "might-before-verb"


def _could(site: _Site) -> RuleResult:
    if site.negated_contraction() or site.next() in _NEGATIONS:
        return None  # past inability: "could not attend", "couldn't be reached"
    if _elided(site):
        return None  # no verb follows: "as hard as they could."
    before = site.before(3)
    if before[-1:] == ["so"] or before[-2:-1] == ["so"] or before[-3:-1] == ["so", "that"]:
        return None  # purpose: "so that he could be held"
    if site.next() == "be" and site.next(2) == "used" and site.next(3) in {"to", "for", "as"}:
        return None  # a capability: "components that could be used to develop"
    if site.next() == "be" and site.next(2) in {"reached", "contacted"}:
        return None  # reachability: "neither could be reached for comment"
    return "could-possibility"


def _would(site: _Site) -> RuleResult:
    negated = site.negated_contraction() or site.next() in _NEGATIONS
    verb = site.next(2) if negated and not site.negated_contraction() else site.next()
    if negated and verb in _REFUSAL_VERBS:
        return None  # a refusal: "would not say"
    if verb in _HEDGING_VERBS:
        return "would-hedging-verb"  # tentative: "it would seem", "I would think"
    # Otherwise would is the future in the past ("she said the plant would open"), a
    # proposal's terms ("the plan would cut taxes") or the consequence of a condition,
    # which "if" carries: none of them says how likely the writer holds the claim.
    return None


def _must(site: _Site) -> RuleResult:
    if site.next() == "have" and re.search(r"(ed|en|wn|ne|lt|ght|ft)$", site.next(2)):
        return "must-epistemic-perfect"  # "must have been", "must have known"
    if site.next() == "be" and site.next(2).endswith("ing"):
        return "must-epistemic-progressive"  # "must be joking"
    return None  # deontic: "must comply", "must be approved"


def _possible(site: _Site) -> RuleResult:
    if site.prev() == "as":
        return None  # "as soon as possible"
    previous = site.prev()
    if previous in _SUPERLATIVE_OR_ALL or (previous.endswith("est") and len(previous) > 4):
        return None  # "the severest possible crackdown"
    if any(word in _MAKE for word in site.before(3)):
        return None  # "made it possible"
    return "possible"


def _potential(site: _Site) -> RuleResult:
    """The adjective before a thing that may happen, and "the potential for/to"; not a role
    ("a potential successor") nor the noun for capacity ("reach her full potential")."""
    if _lower(site.surface) != "potential":
        return "potentially"
    following = site.next()
    if following in {"for", "to"}:
        return "potential-for"  # a possibility: "the potential for violence", "to spread"
    if not following[:1].isalnum() or following in _MODAL_FOLLOWERS_NOT_VERB:
        return None  # the noun for capacity: "God-given potential", "its potential as"
    if site.next_tag() not in {"NN", "NNS", "NNP", "NNPS", "JJ", "VBN", "VBG"}:
        return None
    noun_phrase = list(takewhile(lambda w: w[:1].isalnum() and w not in
                                 _MODAL_FOLLOWERS_NOT_VERB, (site.next(n) for n in (1, 2, 3))))
    if any(word in _ROLE_NOUNS for word in noun_phrase):
        return None  # a role someone may fill: "potential buyers", "a potential nominee"
    return "potential-adjective"


def _believe(site: _Site) -> RuleResult:
    return None if site.next() == "in" else "believe"


def _think(site: _Site) -> RuleResult:
    following = site.next()
    if following in {"tank", "tanks"}:
        return None
    if following in {"about", "of", "through", "over", "out", "up", "twice", "again", "big",
                     "back"}:
        return None  # thinking something over, not a belief
    previous = site.prev()
    if _lower(site.surface) in {"thought", "thinking"} and (
        previous in _DETERMINERS or previous in {"of", "second", "much", "new"}
        or previous.endswith("'s")
    ):
        return None  # the noun: "a thought", "school of thought"
    return "think"


def _attributive(site: _Site) -> bool:
    """Is a participle used before a noun ("suspected weapons sites", "expected losses")?"""
    if not site.next_raw()[:1].islower() or site.next_tag() not in {"NN", "NNS", "JJ"}:
        return False
    previous = site.prev()
    if previous in _DETERMINERS or not previous:
        return True
    return site.prev_tag() not in _SUBJECT_OR_AUXILIARY_TAGS and previous not in _AUXILIARIES


def _suspect(site: _Site) -> RuleResult:
    surface = _lower(site.surface)
    if surface == "suspected":
        if _attributive(site):
            return ("distancing", "suspected-attributive")  # like "alleged": "suspected militants"
        return "suspected"
    previous = site.prev()
    if previous in _DETERMINERS or previous in _NOUN_CUES or site.next() in _VERB_AFTER_NOUN:
        return None  # the noun: "the suspect was arrested"
    if site.surface[0].isupper() and site.first > 0:
        return None  # a headline noun: "Terror Suspect Named"
    if not site.next():
        return None
    return "suspect-verb"


def _appear(site: _Site) -> RuleResult:
    following = site.next()
    if following == "as" and site.next(2) in {"if", "though"}:
        return "appear-as-if"
    if following in _APPEAR_EPISTEMIC:
        return "appear-to" if following in {"to", "that"} else "appear-adjective"
    if not following or not following[0].isalnum() or following in _APPEAR_PHYSICAL:
        return None  # "He has also appeared on Liberty Weekly"
    tag = site.next_tag()
    if tag in {"JJ", "JJR", "VBN"} or (tag == "RB" and site.next_tag(2) in {"JJ", "VBN"}):
        return "appear-adjective"
    return None


def _expect(site: _Site) -> RuleResult:
    if site.prev() in {"as", "than"}:
        return None  # "worse than expected": a comparison with a fact
    surface = _lower(site.surface)
    if surface == "expected" and _attributive(site):
        return None  # the attributive adjective names a figure: "the expected gain"
    if surface.startswith("expectation") and any(
        site.prev(n) in _BENCHMARK_WORDS for n in (1, 2, 3, 4)
    ):
        return None  # a benchmark met or missed: "below analysts' expectations"
    return "expect"


def _assume(site: _Site) -> RuleResult:
    if any(site.next(n) in _ASSUME_TAKE_ON for n in (1, 2, 3)):
        return None  # taking something on: "assumed control", "assume the spousal role"
    if _lower(site.surface) == "assumption" and site.next() == "of":
        return None  # "assumption of $1.4 billion in debt"
    return "assume"


def _suggest(site: _Site) -> RuleResult:
    if site.prev() == "the" and site.prev(2) == "at":
        return None  # a proposal: "at the suggestion of his lawyer"
    return "suggest"


def _estimate(site: _Site) -> RuleResult:
    surface = _lower(site.surface)
    if surface == "estimated" and (
        _is_quantity(site) or (site.next() == "at" and _is_quantity(site, 2))
    ):
        return ("approximator", "estimated-quantity")  # "an estimated 200,000 soldiers"
    if surface in {"estimate", "estimates"} and (
        site.prev() in _DETERMINERS or site.prev_tag() in _BEFORE_NOUN_TAGS
    ):
        return ("approximator", "estimate-noun")  # a figure: "according to estimates by"
    return "estimate"


def _assess(site: _Site) -> RuleResult:
    following = site.next()
    if following == "that" or (following == "to" and site.next(2) == "be"):
        return "assess-that"
    if following in {"he", "she", "it", "they", "we", "there"}:
        return "assess-that"
    return None  # evaluating: "to assess the damage"


def _doubt(site: _Site) -> RuleResult:
    return None if site.prev() in _BOOSTED_DOUBT else "doubt"


def _claim(site: _Site) -> RuleResult:
    offset = 2 if site.next() in _DETERMINERS else 1
    if site.next(offset) in _CLAIM_NEUTRAL_OBJECTS:
        return None  # "claimed responsibility", "claimed the lives of"
    if site.prev() in _CLAIM_LEGAL_MODIFIERS or site.next() in _CLAIM_LEGAL_FOLLOWERS:
        return None  # "jobless claims", "filed a claim", "claims for damages"
    noun = site.prev() in _DETERMINERS or site.prev().endswith("'s")
    return "claim-noun" if noun else "claim-verb"


def _predicative(site: _Site) -> RuleResult:
    if site.prev() in _AUXILIARIES or site.prev() in _PREDICATIVE_BEFORE:
        return "predicative"  # "his whereabouts remain unknown", "it is not clear"
    return None


def _quantity(site: _Site) -> RuleResult:
    return "before-quantity" if _is_quantity(site) else None


def _if(site: _Site) -> RuleResult:
    if site.prev() == "as":
        return None  # a comparison: "as if nothing had happened"
    if site.next() == "not" and _is_quantity(site, 2):
        return ("approximator", "if-not-scalar")  # "dozens, if not hundreds"
    return "if-clause"


def _until(site: _Site) -> RuleResult:
    following = site.next()
    if not following or following in _TIME_WORDS or re.match(r"^[$\d]", following):
        return None  # a time: "until May", "until now", "until 1974"
    end = site.after
    while end < min(site.after + 10, len(site.toks)) and site.toks[end].text not in _CLAUSE_STOPS:
        end += 1
    for index in range(site.after, end):
        word = _lower(site.toks[index].text)
        if word in _FINITE_WORDS or re.search(r"'(s|re|ve|d|ll)$", word):
            return "until-clause"
        tag = site.tag(index)
        if tag in {"VB", "VBZ", "VBD", "VBP", "MD"}:
            return "until-clause"
        # the tagger's commonest slip: a verb in -s read as a plural ("the crisis ends")
        clause_end = index + 1 == end or site.tag(index + 1) in {"IN", "RB", "RP"}
        if tag == "NNS" and site.tag(index - 1) in {"NN", "NNP"} and clause_end:
            return "until-clause"
    return None  # "until the end of the year"


RULES: dict[str, Callable[[_Site], RuleResult]] = {
    "always": _always,
    "may": _may,
    "might": _might,
    "could": _could,
    "would": _would,
    "must": _must,
    "possible": _possible,
    "potential": _potential,
    "believe": _believe,
    "think": _think,
    "suspect": _suspect,
    "appear": _appear,
    "expect": _expect,
    "assume": _assume,
    "suggest": _suggest,
    "estimate": _estimate,
    "assess": _assess,
    "doubt": _doubt,
    "claim": _claim,
    "quantity": _quantity,
    "predicative": _predicative,
    "if": _if,
    "until": _until,
}


# --------------------------------------------------------------------------- scare quotes


def _scare_quote(text: str, sentence: Span, quote: Any, around: _QuoteSentence) -> str | None:
    """Why a short quotation is a scare quote, or None when someone is quoted saying it.

    ``around``: what the rule needs of the quotation's sentence. A fragment is the
    writer's scare quote unless it is a title or a name, a figure, an utterance, part of
    a longer quotation, a partial quotation (several words in reported speech), or
    introduced by a reporting, quoting, naming or likening frame.
    """
    if not quote.closed or quote.multi_paragraph or quote.level != 0:
        return None
    inner = quote.inner.text.strip()
    words = re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", inner)
    if not 1 <= len(words) <= _SCARE_QUOTE_MAX_WORDS or inner[-1:] in {"?", "!"}:
        return None
    if around.words - len(words) <= 2:
        return None  # the quotation is the whole sentence: an utterance
    if _title(text, sentence, quote, words):
        return None  # a title or a name: "Desert Shield", "Ode to Joy", "Bud" Smith
    if any(ch.isdigit() for ch in inner):
        return None  # a quoted figure: '"1,200 arrests"' is somebody's count
    if any(other is not quote for other in around.long_quotes):
        return None  # a fragment of a longer quotation in the same sentence
    cues = around.cues
    if len(words) > 1 and (cues.person or cues.reported):
        # 'predicted he would do "very, very well"': a partial quotation. A single word
        # in reported speech stays a scare quote ('will be held "accountable"'), with
        # the voice of the content it sits in.
        return None
    before = _words_before(text, sentence, around.toks, quote.span.start, 8)
    if before and before[-1] == "=":
        return None  # a markup attribute: <tweet author="...">
    if before and (before[-1] in {":", ","} or before[-1] in _REPORTING_VERBS
                   or before[-1] in _QUOTING_VERBS):
        return None  # 'said: "X"', 'said "X"', 'had typed "X"'
    phrase = list(takewhile(lambda w: w not in _CLAUSE_STOPS, reversed(before[-8:])))
    if any(w in _NAMING_WORDS for w in phrase):
        return None  # 'called the plan "reckless"', 'dubbed it "X"'
    if any(w in _LIKENING_WORDS for w in phrase) and "to" in phrase:
        return None  # naming by likening: 'likened the rules to "a straitjacket"'
    near_as = list(takewhile(lambda w: w in _DETERMINERS, phrase))
    as_frame = phrase[len(near_as) : len(near_as) + 1] == ["as"]
    if as_frame and (cues.reported or any(w in _AS_NAMING for w in phrase)):
        return None  # 'described the talks as "productive"', 'cast him as a "fraud"'
    after = _words_after(text, sentence, around.toks, quote.span.end, 4)
    if (inner[-1:] == "," or after[:1] == [","]) and any(w in _REPORTING_VERBS for w in after):
        return None  # '"No," he said'
    return "single-word" if len(words) == 1 else "unattributed-fragment"


def _words_before(text: str, sentence: Span, toks: list[Span], position: int, n: int) -> list[str]:
    """The last ``n`` of ``tokens(text, sentence.start, position)``, lower case, taken from
    the sentence's tokens ``toks`` instead of tokenizing the sentence again.

    The tokenizer looks at most one character past a token, so a sentence token ending
    before ``position - 1`` is the same when it stops at ``position``: only the stretch
    after the last such token is tokenized anew.
    """
    kept = bisect_left(toks, position - 1, key=lambda t: t.end)
    resume = toks[kept - 1].end if kept else sentence.start
    last = toks[max(kept - n, 0) : kept] + tokens(text, resume, position)
    return [_lower(t.text) for t in last[-n:]]


def _words_after(text: str, sentence: Span, toks: list[Span], position: int, n: int) -> list[str]:
    """The first ``n`` of ``tokens(text, position, sentence.end)``, lower case: the
    sentence's own tokens when one of them ends at ``position`` (the tokenizer reads on
    from there just the same), else tokenized anew."""
    ended = bisect_left(toks, position, key=lambda t: t.end)
    if ended < len(toks) and toks[ended].end == position:
        following = toks[ended + 1 : ended + 1 + n]
    else:
        following = tokens(text, position, sentence.end)[:n]
    return [_lower(t.text) for t in following]


_FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for with from by as nor but vs".split()
)


def _title(text: str, sentence: Span, quote: Any, words: list[str]) -> bool:
    """Is the quoted fragment a title or a name rather than a word held at a distance?

    Two or more words whose content words are all Title Case (or numbers) make a title
    ("Contract with America", "Face the Nation"), wherever the quote stands; a single
    capitalised word is a name mid-sentence, or a nickname before a capitalised word
    ("Bud" Smith) at the sentence start.
    """
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS] or words
    capitalised = all(w[0].isupper() or w[0].isdigit() for w in content)
    if not capitalised:
        return False
    if len(words) > 1 or quote.span.start > sentence.start:
        return True
    following = text[quote.span.end : sentence.end].lstrip()
    return following[:1].isupper()


@dataclass(frozen=True)
class _SentenceCues:
    """The reporting cues of a sentence, as the scare-quote rule needs them."""

    reported: bool  # an attribution's cue or a reporting verb is in the sentence
    person: bool  # one of its attributions has a person as its source


@dataclass(frozen=True)
class _QuoteSentence:
    """What the scare-quote rule reads of a quotation's sentence, found once a sentence."""

    toks: list[Span]  # the sentence's tokens
    words: int  # how many words it has
    long_quotes: list[Any]  # the quotations touching it of more than the fragment's words
    cues: _SentenceCues


def _sentence_cues(
    text: str, sentence: Span, attributions: Sequence[Attribution]
) -> _SentenceCues:
    """The reporting cues of ``sentence`` (found attributions, or reporting verbs)."""
    here = [a for a in attributions if sentence.overlaps(a.cue)]
    person = any(getattr(a, "source_type", None) == "person" for a in here)
    if here:
        return _SentenceCues(reported=True, person=person)
    words = (_lower(t.text) for t in tokens(text, sentence.start, sentence.end))
    return _SentenceCues(reported=any(w in _REPORTING_VERBS for w in words), person=False)


# --------------------------------------------------------------------------- voice


class _Reach(Generic[T]):
    """Items by their spans, answering "which start before ``x`` and end after ``y``" in
    time that grows with the answer, not with the items: a tree of the largest end over
    the spans in start order. Keeps a hedge in a very long sentence from looking at every
    quotation and attribution of the sentence."""

    def __init__(self, items: Sequence[T], span_of: Callable[[T], Span]) -> None:
        self._items = items
        self._order = sorted(range(len(items)), key=lambda i: span_of(items[i]).start)
        self._starts = [span_of(items[i]).start for i in self._order]
        self._size = 1
        while self._size < len(items):
            self._size *= 2
        self._ends = [-1] * (2 * self._size)
        for slot, i in enumerate(self._order):
            self._ends[self._size + slot] = span_of(items[i]).end
        for node in range(self._size - 1, 0, -1):
            self._ends[node] = max(self._ends[2 * node], self._ends[2 * node + 1])

    def reaching(self, before: int, after: int) -> list[T]:
        """The items whose span starts before ``before`` and ends after ``after``, in the
        order they were given."""
        limit = bisect_left(self._starts, before)
        ends, order = self._ends, self._order
        if not limit or ends[1] <= after:
            return []
        hits = []
        stack = [(1, 0, self._size)]
        while stack:
            node, low, high = stack.pop()
            if low >= limit or ends[node] <= after:
                continue
            if high - low == 1:
                hits.append(order[low])
                continue
            middle = (low + high) // 2
            stack.append((2 * node, low, middle))
            stack.append((2 * node + 1, middle, high))
        return [self._items[i] for i in sorted(hits)]

    def containing(self, span: Span) -> list[T]:
        """The items whose span contains ``span``."""
        return self.reaching(span.start + 1, span.end - 1)

    def overlapping(self, span: Span) -> list[T]:
        """The items whose span shares a character with ``span``."""
        return self.reaching(span.end, span.start)


def _nearest_cue(cues: Sequence[Attribution], starts: Sequence[int], position: int) -> int:
    """The id of the attribution whose cue starts nearest ``position`` (the lowest id of
    a tie); ``cues`` are sorted by (cue start, id), ``starts`` are their cue starts."""
    right = bisect_left(starts, position)
    ties = []
    for at in (right - 1, right):
        if 0 <= at < len(starts):
            same = starts[at]
            ties += cues[bisect_left(starts, same) : bisect_right(starts, same)]
    return min(ties, key=lambda a: (abs(a.cue.start - position), a.id)).id


class _Voices:
    """Whose words each hedge is (see :data:`VOICE_RULES`), from the document's
    attributions and its quotations other than scare quotes."""

    def __init__(
        self, spans: Sequence[Span], attributions: Sequence[Attribution], quotes: Sequence[Any],
        scare: set[Span],
    ) -> None:
        by_id = sorted(attributions, key=lambda a: a.id)
        self._spans = spans
        self._scare = scare
        self._quotes = _Reach(quotes, lambda q: q.span)
        self._cues = _Reach(by_id, lambda a: a.cue)
        self._contents = _Reach([a for a in by_id if a.content is not None],
                                lambda a: a.content)
        self._sentence_cues: dict[int, tuple[list[Attribution], list[int]]] = {}

    def voice(self, span: Span, category: str, index: int) -> tuple[str, int | None, str]:
        """(voice, attribution id, voice rule) of the hedge at ``span`` in sentence ``index``.

        A scare quote holding the hedge makes it no quotation; otherwise the quotation
        holding it is the first of the quotations around it (without their marks).
        """
        around = self._quotes.containing(span)
        in_scare_quote = any(q.span in self._scare for q in around)
        quoted = [] if in_scare_quote else [q.inner for q in around if q.span not in self._scare]
        in_quote = next((q for q in quoted if q.contains(span)), None)
        own_cues = self._cues.overlapping(span)
        holders = [a for a in self._contents.containing(span) if a not in own_cues]
        innermost = min(holders, key=lambda a: len(a.content)).id if holders else None
        if in_quote is None:
            if category == "distancing":
                return "author", None, "distancing-paraphrase"  # the writer's word
            if own_cues and holders:
                return "attributed", innermost, "nested-cue"  # "Clinton said she *thinks*"
            if own_cues:
                return "author", None, "cue"  # the writer chose the cue word
            if holders:
                return "attributed", innermost, "content"
            return "author", None, "narration"
        if holders:
            return "attributed", innermost, "quotation"
        near = self._contents.overlapping(in_quote)
        if near:
            nearest = min(near, key=lambda a: abs(a.cue.start - span.start)).id
            return "attributed", nearest, "quotation"
        cues, starts = self._cues_of(index)
        if cues:
            return "attributed", _nearest_cue(cues, starts, span.start), "quotation"
        return "attributed", None, "quotation"  # a direct quotation whose speaker was not found

    def _cues_of(self, index: int) -> tuple[list[Attribution], list[int]]:
        """The attributions whose cue touches sentence ``index``, by cue start, and those
        starts."""
        if index not in self._sentence_cues:
            cues = sorted(self._cues.overlapping(self._spans[index]),
                          key=lambda a: (a.cue.start, a.id))
            self._sentence_cues[index] = (cues, [a.cue.start for a in cues])
        return self._sentence_cues[index]


# --------------------------------------------------------------------------- API


def find_hedges(
    text: str,
    *,
    lexicon: str | os.PathLike[str] | None = None,
    attributions: Sequence[Attribution] | None = None,
) -> list[Hedge]:
    """Hedges in ``text``, in order, each with its category, rule and voice.

    ``lexicon``: a CSV with the columns of ``lexicons/hedges.csv`` to use instead of it.
    ``attributions``: the result of :func:`claimscope.attribution.find_attributions` for
    ``text``; computed here when None (pass ``[]`` to treat every hedge as the author's).

    From the seed article: the writer's own distancing, and hedges inside what officials
    believe (attribution 0) and what the White House said (attribution 1):

    >>> [(h.text, h.category, h.voice) for h in find_hedges(
    ...     "Tehran is said to be providing materials necessary for building the plant.")]
    [('is said to', 'distancing', 'author')]
    >>> text = ('As part of a "deepening" military partnership, US intelligence officials '
    ...         'believe Tehran is assisting Moscow in building a drone manufacturing plant '
    ...         'that may be operational next year, the White House said on Friday.')
    >>> for h in find_hedges(text):
    ...     print(h.text, h.category, h.voice, h.attribution)
    "deepening" scare_quote attributed 1
    believe belief attributed 1
    may modal attributed 0
    >>> find_hedges("As of May, Russia received hundreds of one-way attack drones.")
    []
    """
    lex = load_lexicon(None if lexicon is None else os.fspath(lexicon))
    if attributions is None:
        from claimscope.attribution import find_attributions

        attributions = find_attributions(text)
    spans = sentences(text)
    quotes = quotations(text)
    found: list[tuple[Span, int, str, str, str]] = []
    tag_cache: dict[int, list[str]] = {}
    token_cache: dict[int, list[Span]] = {}
    for match in lex.matcher.finditer(text):
        index = sentence_index(spans, match.start()) if spans else 0
        if not spans or not spans[index].contains(Span(match.start(), match.end(), "")):
            continue
        sentence = spans[index]
        if index not in token_cache:
            token_cache[index] = tokens(text, sentence.start, sentence.end)
        toks = token_cache[index]
        first = bisect_right(toks, match.start(), key=lambda t: t.end)
        after = bisect_left(toks, match.end(), key=lambda t: t.start)
        site = _Site(text, sentence, match.start(), match.end(), toks, first, after,
                     tag_cache=tag_cache)
        entry = lex.entries[_normalise(match.group())]
        result = RULES[entry.rule](site)
        if result is None:
            continue
        category, label = result if isinstance(result, tuple) else (entry.category, result)
        span = Span(match.start(), match.end(), match.group())
        found.append((span, index, category, entry.cue, f"{category}:{label}"))
    # attributions and quotations near each sentence: keeps long documents linear
    near_attributions = by_sentence(
        spans, attributions, lambda a: [a.cue] if a.content is None else [a.cue, a.content])
    near_quotes = by_sentence(spans, quotes, lambda q: [q.span])
    quote_sentences: dict[int, _QuoteSentence] = {}
    quote_words: dict[Any, int] = {}
    scare: set[Span] = set()
    for quote in quotes:
        index = sentence_index(spans, quote.span.start) if spans else 0
        if not spans or not spans[index].contains(quote.span):
            continue
        sentence = spans[index]
        if index not in quote_sentences:
            if index not in token_cache:
                token_cache[index] = tokens(text, sentence.start, sentence.end)
            for other in near_quotes[index]:
                if other not in quote_words:
                    quote_words[other] = len(re.findall(r"[^\W_]+", other.inner.text))
            quote_sentences[index] = _QuoteSentence(
                toks=token_cache[index],
                words=len(re.findall(r"[^\W_]+", sentence.text)),
                long_quotes=[o for o in near_quotes[index] if sentence.overlaps(o.span)
                             and quote_words[o] > _SCARE_QUOTE_MAX_WORDS],
                cues=_sentence_cues(text, sentence, near_attributions[index]),
            )
        label = _scare_quote(text, sentence, quote, quote_sentences[index])
        if label is not None:
            scare.add(quote.span)
            found.append((quote.span, index, "scare_quote", "scare quote", f"scare_quote:{label}"))
    voices = _Voices(spans, attributions, quotes, scare)
    hedges = []
    for span, index, category, cue, rule in sorted(found, key=lambda f: (f[0].start, f[0].end)):
        voice, holder, why = voices.voice(span, category, index)
        hedges.append(Hedge(span.start, span.end, span.text, index, category, cue, rule,
                            voice, holder, why))
    return hedges


def hedge_records(doc_id: str, text: str, hedges: list[Hedge]) -> list[dict[str, Any]]:
    """Flat rows for a table, one per hedge; the text is cut from ``text`` by its span."""
    return [
        {
            "doc_id": doc_id,
            "sentence": h.sentence,
            "start": h.start,
            "end": h.end,
            "text": text[h.start : h.end],
            "category": h.category,
            "cue": h.cue,
            "rule": h.rule,
            "voice": h.voice,
            "attribution": h.attribution,
            "voice_rule": h.voice_rule,
        }
        for h in hedges
    ]
