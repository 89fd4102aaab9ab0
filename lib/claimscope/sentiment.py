"""Tone per sentence: VADER, TextBlob and AFINN, a combined score, voices and entities.

Every score is computed on a *sentence* (or a smaller span: an attributed content
span, the author's remainder of a sentence), never on a whole article. VADER's
compound is a saturating sum, ``x / sqrt(x**2 + 15)``: over a long text the
negative words add up and the compound runs to the bound. The seed article scores
-0.78 as one text but +0.02 as the mean of its 35 sentences (combined: -0.076; see
``tests/test_sentiment.py``). Documents and groups are therefore summarised as the
mean of their sentence scores, with ``n``.

Scores
------
``vader``         VADER compound (vaderSentiment 3.3, unchanged), in [-1, 1].
``polarity``      TextBlob (pattern lexicon) polarity, in [-1, 1].
``subjectivity``  TextBlob subjectivity, in [0, 1].
``afinn``         AFINN score (Nielsen 2011, the afinn package's English list of
                  3,382 entries rated -5..+5, unchanged): the sum of the valences
                  of the words and phrases found; unbounded, 0 when none is found.
``combined``      the suite's headline tone, in [-1, 1]::

    combined = 0.4 * vader_adj + 0.3 * afinn_adj + 0.3 * polarity

where ``vader_adj`` and ``afinn_adj`` are VADER's compound and the AFINN sum put
through the same two changes. Each *negative* valence is doubled (for VADER after
its own negation, booster and "but" rules; AFINN has no such rules); and the sum is
normalised as VADER does, ``x / sqrt(x**2 + alpha)``, but with ``alpha = 2 * n`` for
a text of ``n`` tokens (VADER's tokens; for AFINN, runs of word characters) instead
of VADER's fixed 15 (the same at 7.5 tokens, a short tweet). Four free parameters,
all round numbers: the negative weight ``k = 2``, ``alpha_per_token = 2``, and the
weights 0.4 (VADER) and 0.3 (AFINN), TextBlob taking the rest. The blend is a convex
mean of bounded scores, so ``combined`` stays in [-1, 1] without clipping.

Why this form (figures from ``benchmarks/evaluate_sentiment.py`` on the NYT
opinion sentences of VADER's ground truth, 2,587 snippets rated -4..+4 by 20
people; Pearson r with the mean rating, 95% Fisher z intervals; the full record,
with bootstrap intervals, is ``lib/claimscope/data/validation_sentiment.json``;
every alternative tried is in ``benchmarks/explore_sentiment.py``):

* VADER alone r = 0.510 [0.481, 0.538], TextBlob polarity alone r = 0.326
  [0.291, 0.360], AFINN alone r = 0.488 [0.459, 0.517] (0.519 with the two changes
  above). They err differently, so a weighted mean helps.
* Readers weigh bad words more than good ones (negativity bias; Baumeister et al.
  2001, Rozin & Royzman 2001). Doubling negative valences inside VADER, before
  its normalisation, lifted the VADER-TextBlob blend from r = 0.523 to 0.537
  (cross-validated).
* VADER sums its token valences, so a long sentence collects more of them and runs
  towards the bound; raters judge the sentence, not the count (on these snippets
  the slope of rating on score falls from 1.7 below 10 tokens to about 1.1 at 30
  or more). With ``alpha`` proportional to the token count the sum is scaled like a
  standard score (by ``sqrt(n)``) until it saturates: the VADER-TextBlob blend
  (0.7 / 0.3) reached r = 0.548 [0.521, 0.575] in sample, 0.544 [0.516, 0.571]
  cross-validated: the previous ``combined`` (lexicon version 2026.11.26-3).
* A third established lexicon, AFINN, shipped inside its package (no download),
  treated the same way, lifts the blend to r = 0.564 [0.538, 0.590] in sample, a
  gain over the two-instrument score of +0.016 (paired bootstrap 95% [+0.006,
  +0.025]) and over VADER of +0.055 [+0.037, +0.071].
* The honest figure is cross-validated, because the same set chose the
  parameters: 10-fold, repeated 10 times, choosing (k, VADER weight, AFINN weight,
  alpha per token) on the training folds from a small grid (k in 1..3, weights in
  steps of 0.1, alpha per token in 0.5..4) and scoring the held-out fold: r = 0.561
  [0.534, 0.587], against 0.544 for the two-instrument score under the same
  procedure; the gain on held-out predictions is +0.017 (paired bootstrap 95%
  [+0.008, +0.026]). Of the 100 folds, 98 chose AFINN 0.3, 89 VADER 0.4 (else
  0.5), 60 k = 2 (else 1.75) and 54 alpha per token 2 (else 1.5): hence the round
  values.
* Tried and *not* adopted, as each gained under 0.005 on held-out folds over the
  score it would extend (for one or two more parameters) or lost:
  a tanh/clip nonlinearity, asymmetric scaling of the final score, subjectivity,
  VADER's pos/neg proportions, question marks, modal or negation interactions,
  VADER's (fixed) normalisation constant; the mean valence of opinion words
  instead of the sum (0.526); VADER's "but" rule off or halved (-0.001..-0.002),
  its capitals emphasis off (no change); TextBlob's negation off (no change);
  a lexicon union filling VADER's gaps with pattern's polarity (x4, the scales'
  ratio: 0.531; x1: +0.004) or pattern's gaps with VADER's (0.528); shrinking
  TextBlob's mean towards 0 when it rests on few words (+0.003); signed-percentile
  calibration of each instrument before averaging (0.524); the mean over clauses
  (0.535); for AFINN, a VADER-like negation flip (+0.000 in the blend, though it
  lifts AFINN alone to 0.534), its negatives left unweighted (-0.001) or VADER's
  fixed constant 15 (-0.003); and a "news-neutral" list zeroing conflict vocabulary
  that VADER and AFINN score negative (war, attack, strike, weapon, fight,
  conflict...): r 0.564 -> 0.563 overall and 0.49 -> 0.42 among the 42 snippets it
  touches, because readers *do* rate those words as negative. Reports of a war read
  as negative here; that is the measure's nature, and comparisons between outlets
  covering the same events stay fair.
* A fourth lexicon, with a fourth weight chosen in the folds (scratch runs against
  the downloaded packages, not in the explore script): labMT 1.0 happiness (Dodds
  et al. 2011; +0.006) and Warriner et al. 2013 valence (+0.007), both from the
  labMTsimple package, which states no licence; the lexicon of the ``sentimentr``
  package (+0.023, MIT) is no established instrument, its construction is not
  documented and it may have been tuned on these very benchmark sentences, so its
  gain cannot be trusted here. None adopted.
* Against the target r >= 0.55 on unseen text: the held-out estimate is 0.561, but
  its interval [0.534, 0.587] still reaches below 0.55; one human rater against the
  mean of the others reaches 0.72-0.745. The ratings are of opinion sentences;
  agreement on straight reporting is not measured here.

Licences: vaderSentiment and TextBlob are MIT; the afinn package declares GPL on
PyPI (its repository is Apache-2.0) and is used as an installed dependency, not
copied; the AFINN word list inside it is under the Open Database License 1.0: a
published result that uses ``afinn`` or ``combined`` should say "Contains
information from AFINN (Finn Årup Nielsen), made available under the ODbL 1.0".

Throughput: about 5,500 sentences per second per process (``score_sentence``, on an
idle core; AFINN's matching costs about 17 microseconds of the 180 per sentence; the
figure in the JSON was taken while other jobs loaded the machine).

Entities are a *sentence-level proxy*, not targeted sentiment: an entity's tone is
the tone of the sentences that mention it, whoever or whatever the tone is about.
"""

from __future__ import annotations

import csv
import math
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimscope.spans import Span
from claimscope.text import by_sentence, trie_pattern

LEXICON_VERSION = "2026.11.26-4"
NEGATIVE_WEIGHT = 2.0
VADER_WEIGHT = 0.4
AFINN_WEIGHT = 0.3
ALPHA_PER_TOKEN = 2.0
AFINN_LIST = "data/AFINN-en-165.txt"  # inside the afinn package (Nielsen 2011; ODbL 1.0)
ENTITIES_CSV = Path(__file__).resolve().parent / "lexicons" / "entities.csv"

_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"\s+")
_WORD_RUN = re.compile(r"\w+")
SCORE_FIELDS = ("vader", "polarity", "subjectivity", "combined", "afinn")


@dataclass(frozen=True, slots=True)
class SentenceSentiment:
    """Tone of one sentence or span: VADER, TextBlob, AFINN and the combined score."""

    vader: float
    polarity: float
    subjectivity: float
    combined: float
    afinn: float


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity (by one of its aliases) in a sentence."""

    entity: str
    sentence: int
    span: Span


@lru_cache(maxsize=32)
def _vader(negative_weight: float, alpha_per_token: float | None) -> Any:
    """VADER that also reports ``weighted_compound``: negative valences weighted and
    the normalisation constant growing with the number of tokens (None: VADER's 15).

    vaderSentiment is imported here, at the first score, so that reading a run's tables
    (or this module's versions) does not load it.
    """
    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        N_SCALAR,
        NEGATE,
        SPECIAL_CASES,
        SentimentIntensityAnalyzer,
        SentiText,
    )

    negations = frozenset(NEGATE)

    class WithNegativeWeight(SentimentIntensityAnalyzer):
        def polarity_scores(self, text):  # noqa: ANN001, ANN202 - VADER's method
            """VADER's own steps, except that a text with no emoji skips its first one,
            a character-by-character copy that puts emoji names in place of emoji (a
            quarter of VADER's time; ``tests/test_sentiment.py`` compares the scores)."""
            if not emoji.isdisjoint(text):
                return super().polarity_scores(text)
            text = text.strip()
            sentitext = SentiText(text)
            words = sentitext.words_and_emoticons
            sentiments: list[float] = []
            for i, item in enumerate(words):
                lower = item.lower()
                if lower in BOOSTER_DICT or (
                        lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        @staticmethod
        def _negation_check(valence, words, start_i, i):  # noqa: ANN001, ANN205 - VADER's
            """VADER's rule for a negation up to three words before a scored word, which
            lower-cases the whole sentence at each call; here only the words it reads."""
            def back(k: int) -> str:
                return words[i - k].lower()

            def negated(word: str) -> bool:  # VADER's ``negated`` of one word
                return word in negations or "n't" in word

            if start_i == 0 and negated(back(1)):
                valence = valence * N_SCALAR
            if start_i == 1:
                if back(2) == "never" and back(1) in ("so", "this"):
                    valence = valence * 1.25
                elif back(2) == "without" and back(1) == "doubt":
                    pass
                elif negated(back(2)):
                    valence = valence * N_SCALAR
            if start_i == 2:
                if (back(3) == "never" and back(2) in ("so", "this")) or back(1) in ("so", "this"):
                    valence = valence * 1.25
                elif back(3) == "without" and "doubt" in (back(2), back(1)):
                    pass
                elif negated(back(3)):
                    valence = valence * N_SCALAR
            return valence

        @staticmethod
        def _special_idioms_check(valence, words, i):  # noqa: ANN001, ANN205 - VADER's
            """VADER's idioms ("the bomb") and two-word boosters ("sort of") around a scored
            word, which lower-cases the whole sentence at each call (quadratic in a long
            sentence); here only the six words it reads, with VADER's indexing."""
            def at(k: int) -> str:
                return str(words[k]).lower()

            onezero = f"{at(i - 1)} {at(i)}"
            twoonezero = f"{at(i - 2)} {at(i - 1)} {at(i)}"
            twoone = f"{at(i - 2)} {at(i - 1)}"
            threetwoone = f"{at(i - 3)} {at(i - 2)} {at(i - 1)}"
            threetwo = f"{at(i - 3)} {at(i - 2)}"
            for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
                if seq in SPECIAL_CASES:
                    valence = SPECIAL_CASES[seq]
                    break
            if len(words) - 1 > i:
                valence = SPECIAL_CASES.get(f"{at(i)} {at(i + 1)}", valence)
            if len(words) - 1 > i + 1:
                valence = SPECIAL_CASES.get(f"{at(i)} {at(i + 1)} {at(i + 2)}", valence)
            for n_gram in (threetwoone, threetwo, twoone):
                if n_gram in BOOSTER_DICT:
                    valence = valence + BOOSTER_DICT[n_gram]
            return valence

        def score_valence(self, sentiments, text):  # noqa: ANN001, ANN202 - VADER's hook
            scores = super().score_valence(sentiments, text)
            total = sum(s * negative_weight if s < 0 else s for s in sentiments)
            if total:
                total += math.copysign(self._punctuation_emphasis(text), total)
            alpha = 15.0 if alpha_per_token is None else alpha_per_token * len(sentiments)
            scores["weighted_compound"] = total / math.sqrt(total * total + alpha) if total else 0.0
            return scores

    analyzer = WithNegativeWeight()
    emoji = frozenset(key for key in analyzer.emojis if len(key) == 1)
    return analyzer


# the methods pattern's lazydict wraps to load its word list at the first call
_DICT_METHODS = ("__repr__", "__len__", "__iter__", "__contains__", "__getitem__",
                 "__setitem__", "setdefault", "get", "items", "keys", "values", "update",
                 "pop", "popitem")


@lru_cache(maxsize=1)
def _pattern() -> Any:
    """pattern's Sentiment as TextBlob ships it (text -> polarity, subjectivity), with
    its word list loaded now: TextBlob's instance routes every word lookup through a
    load-on-first-use wrapper, a quarter of its time. The same settings and word list
    give the same scores (``tests/test_sentiment.py`` compares them); TextBlob's own
    instance is left untouched."""
    from textblob.en import Sentiment, sentiment

    loaded = type("LoadedSentiment", (Sentiment,),
                  {name: getattr(dict, name) for name in _DICT_METHODS})
    ours = loaded(path=sentiment.path, synset=sentiment._synset, language=sentiment.language,
                  negations=sentiment.negations, modifiers=sentiment.modifiers,
                  modifier=sentiment.modifier, tokenizer=sentiment.tokenizer)
    Sentiment.load(ours)
    return ours


def pattern_words(text: str) -> list[str]:
    """The lower-cased words pattern's Sentiment reads in ``text``: what it gets from its
    own tokenizer (``textblob.en.parser.find_tokens``), about five times faster.

    That tokenizer works on each whitespace-separated word alone, except that it then
    joins emoticons and "(!)" across words and starts a new sentence at a blank line. So
    each word's tokens are remembered, and the whole text goes to the tokenizer only when
    their joined tokens hold an emoticon or "(!)", or the text a blank line, a carriage
    return, a NUL or pattern's own blank-line word, END-OF-SENTENCE.
    ``tests/test_sentiment.py`` checks this against the tokenizer itself.

    >>> pattern_words("He didn't say it's “bad.”")
    ['he', 'did', 'n', "'", 't', 'say', 'it', "'", 's', '“', 'bad', '.', '”']
    """
    if "\n\n" in text or "\r" in text or _APART in text or _EOS in text:
        joined = " ".join(_pattern().tokenizer(text))
    else:
        words = text.split()
        known = _word_tokens()
        pieces = {word: known.get(word) for word in words}
        unseen = [word for word, piece in pieces.items() if piece is None]
        if unseen:
            pieces.update(_learn_words(unseen, known))
        joined = " ".join([pieces[word] for word in words])
        if any(joins.search(joined) for joins in _pattern_joins()):
            joined = " ".join(_pattern().tokenizer(text))
    return [word.lower() for word in joined.split()]


_APART = "\x00"  # a mark pattern's tokenizer keeps as a token of its own, between words
_EOS = "END-OF-SENTENCE"  # what pattern's tokenizer puts for a blank line, and drops
_LONGEST_KNOWN = 64  # longer words (a web address, a data URI) are not remembered
_KNOWN_WORDS = 2**17  # words remembered before the table starts afresh (~30 MB)


@lru_cache(maxsize=1)
def _word_tokens() -> dict[str, str]:
    """Whitespace-free word -> pattern's tokens of it, joined by spaces."""
    return {}


def _learn_words(words: list[str], known: dict[str, str]) -> dict[str, str]:
    """Each word's tokens, from one call of pattern's tokenizer on the words set apart by
    NUL marks (a word's tokens do not depend on its neighbours once no emoticon can join
    across them, and none holds a NUL); also kept in ``known``, which starts afresh when
    full. The caller reads the returned words, not ``known``, which another thread of
    a Dask worker may have cleared meanwhile.

    A word of pattern's punctuation marks alone ("." aside) is each of its marks, set
    apart, without the tokenizer: it strips them off the word's start one at a time,
    copying the rest each time, so that a long run took quadratic time ('=' * 200000:
    8.5 s). Its joins ("( ! )", ": )") are left to the caller, which sends any text
    holding one to the tokenizer whole."""
    marks = _marks_only()
    learned = {word: " ".join(word) for word in words if marks.fullmatch(word)}
    rest = [word for word in words if word not in learned]
    if rest:
        tokens = " ".join(_pattern().tokenizer(f" {_APART} ".join(rest)))
        learned.update((word, piece.strip(" "))
                       for word, piece in zip(rest, tokens.split(_APART), strict=True))
    if len(known) + len(learned) > _KNOWN_WORDS:
        known.clear()
    known.update((word, piece) for word, piece in learned.items()
                 if len(word) <= _LONGEST_KNOWN)
    return learned


@lru_cache(maxsize=1)
def _marks_only() -> re.Pattern[str]:
    """A word made of pattern's punctuation marks only, "." aside (which it splits by
    other rules: "...")."""
    from textblob._text import PUNCTUATION

    return re.compile("[" + re.escape("".join(sorted(set(PUNCTUATION) - {"."}))) + "]+")


@lru_cache(maxsize=1)
def _pattern_joins() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """pattern's patterns that join tokens across words: "( ! )" and emoticons."""
    from textblob._text import RE_EMOTICONS, RE_SARCASM

    return RE_SARCASM, RE_EMOTICONS


@lru_cache(maxsize=1)
def _afinn() -> tuple[dict[str, int], dict[str, int]]:
    """AFINN's English list from the afinn package: entry -> valence (-5..5), and for
    the first word of each multi-word entry the most further words such an entry has."""
    try:
        source = resources.files("afinn").joinpath(AFINN_LIST)
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "the afinn package (AFINN word list) is missing: pip install 'afinn>=0.1,<1'"
        ) from error
    lexicon: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        entry, valence = line.split("\t")
        lexicon[entry] = int(valence)
    phrases: dict[str, int] = {}
    for entry in lexicon:
        words = _WORD_RUN.findall(entry)
        if len(words) > 1:
            phrases[words[0]] = max(phrases.get(words[0], 0), len(words) - 1)
    return lexicon, phrases


def afinn_valences(
    text: str, lexicon: Mapping[str, int], phrases: Mapping[str, int]
) -> tuple[list[int], int]:
    """The AFINN valences found in ``text`` and its number of words (``\\w+`` runs).

    The same matches as ``afinn.Afinn().scores`` (whitespace runs as one space, lower
    case, the longest entry at each word start, whole words only), without its regular
    expression of 3,382 alternatives: about twenty times faster, identical on the NYT
    sentences of the evaluation.
    """
    text = _SPACES.sub(" ", text).lower()
    words = _WORD_RUN.findall(text)
    if phrases.keys().isdisjoint(words):  # three sentences in four: single words only
        return [lexicon[w] for w in words if w in lexicon], len(words)
    runs = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text)]
    valences: list[int] = []
    i, n = 0, len(runs)
    while i < n:
        start, end = runs[i]
        word, following = text[start:end], i + 1
        for j in range(min(i + phrases.get(word, 0), n - 1), i, -1):
            valence = lexicon.get(text[start:runs[j][1]])
            if valence is not None:
                valences.append(valence)
                following = j + 1
                break
        else:
            valence = lexicon.get(word)
            if valence is not None:
                valences.append(valence)
        i = following
    return valences, n


NEUTRAL = SentenceSentiment(vader=0.0, polarity=0.0, subjectivity=0.0, combined=0.0, afinn=0.0)
# a character beyond ASCII that is no letter, digit or common typographic mark
_SYMBOL = re.compile(r"[^\x00-\x7f\w“”‘’—–…«»£€°]")
_PATTERN_SPLITS = re.compile(r"[\s“”‘’'\"]")  # where pattern's tokenizer always splits


@lru_cache(maxsize=1)
def _scored_words() -> tuple[frozenset[str], dict[str, list[frozenset[str]]]]:
    """What any instrument scores (VADER's lexicon and idioms, pattern's lexicon, AFINN's
    list), lower case: the entries; and, filed under each of its words, the words of
    each entry of several words that is found by its words: AFINN's ("can't stand",
    "kind of") and pattern's that its tokenizer may leave whole ("well-off", "f*cking",
    "goody-goody"). VADER's tokens are whole words, looked up whole."""
    from vaderSentiment.vaderSentiment import SENTIMENT_LADEN_IDIOMS, SPECIAL_CASES

    vader = _vader(NEGATIVE_WEIGHT, ALPHA_PER_TOKEN)
    lexicon = _pattern()
    # a pattern word of polarity and subjectivity 0 in every sense ("former") alone
    # leaves both at 0, and as a modifier it needs a scored word after it
    pattern = [word.lower() for word in lexicon
               if any(p or s for p, s, _ in lexicon[word].values())]
    afinn = list(_afinn()[0])
    entries = {entry.lower() for entry in [*vader.lexicon, *SPECIAL_CASES,
                                            *SENTIMENT_LADEN_IDIOMS, *pattern, *afinn]}
    # pattern's tokenizer splits at white space and quotes: "for sure", "can't" never
    # reach it whole
    whole = [word for word in pattern if not _PATTERN_SPLITS.search(word)]
    phrases: dict[str, list[frozenset[str]]] = {}
    for entry in {*whole, *afinn}:
        words = _WORD_RUN.findall(entry)
        if len(words) > 1:
            runs = frozenset(words)
            for run in runs:
                phrases.setdefault(run, []).append(runs)
    return frozenset(entries), phrases


@lru_cache(maxsize=1)
def _word_emoji() -> tuple[str, ...]:
    """VADER's emoji that ``_SYMBOL`` does not catch, being letters ("ℹ", which VADER
    reads as the word "information" and so parts "topℹon" into "top" and more)."""
    emoji = _vader(NEGATIVE_WEIGHT, ALPHA_PER_TOKEN).emojis
    return tuple(sorted(key for key in emoji if len(key) == 1 and not _SYMBOL.match(key)))


@lru_cache(maxsize=1)
def _pattern_marks() -> tuple[re.Pattern[str], frozenset[str]]:
    """The emoticons pattern scores, lower case (it compares a word's lower case; "xd"
    and "XD" it never scores, being letters), with "(!)": a trie to find them in a text
    run together without its white space, and the set, to find them among its words."""
    from textblob._text import EMOTICONS, PUNCTUATION

    marks = {form.lower() for forms in EMOTICONS.values() for form in forms}
    marks = {mark for mark in marks
             if not mark.isalpha() and len(mark) <= 5 and mark not in PUNCTUATION} | {"(!)"}
    return re.compile(trie_pattern(marks)), frozenset(marks)


def may_carry_tone(text: str) -> bool:
    """False only when no instrument can score ``text``: such a text scores 0 on every
    instrument, so the libraries need not be called: about one text in five in news
    ("he told reporters on Tuesday."). True when

    * it has an emoji or symbol (VADER reads emoji by their names);
    * a run of word characters is an entry of VADER, pattern or AFINN, also where
      pattern's tokenizer cuts a word further: it strips "_" off a word's ends and
      splits "n't" off ("loven't" is "love n ' t" to pattern);
    * a word (split at white space, as VADER splits), whole or stripped of ASCII
      punctuation as VADER strips it, is a VADER entry (":)", "can't", "j/k");
    * pattern may read an emoticon or "(!)": its tokenizer splits marks off words and
      joins them again across white space ("5pm:)", "Rating: P", ": ' (" are
      emoticons to it), so they are looked for in the text run together without its
      white space, and only where found is pattern's own reading asked (``pattern_words``);
    * all the words of an entry of several ("can't stand", "well-off") are runs in it.

    ``tests/test_sentiment.py`` checks this against the libraries themselves, on made-up
    families of hard cases and seeded random strings.

    >>> may_carry_tone("Kirby told reporters on Friday."), may_carry_tone("a grim day")
    (False, True)
    """
    entries, phrases = _scored_words()
    if not text.isascii() and (
            _SYMBOL.search(text) or any(emoji in text for emoji in _word_emoji())):
        return True
    lower = text.lower()
    runs = set(_WORD_RUN.findall(lower))
    if "n't" in lower:
        runs.update(_WORD_RUN.findall(lower.replace("n't", " n't")))
    if "_" in lower:
        runs.update([run.strip("_") for run in runs])
    if not entries.isdisjoint(runs):
        return True
    words = lower.split()
    for word in words:
        if word in entries or word.strip(string.punctuation) in entries:
            return True
    if _may_join_a_mark("".join(words)) and not _pattern_marks()[1].isdisjoint(
            pattern_words(text)):
        return True
    return any(phrase <= runs for run in runs for phrase in phrases.get(run, ()))


def _may_join_a_mark(squeezed: str) -> bool:
    """Whether a lower-cased text without its white space holds one of pattern's
    emoticons or "(!)", also once pattern's blank-line word is dropped (pattern drops it
    between the marks it then joins: "8 END-OF-SENTENCE )")."""
    found = _pattern_marks()[0].search
    return found(squeezed) is not None or (
        _EOS.lower() in squeezed and found(squeezed.replace(_EOS.lower(), "")) is not None)


def score_sentence(
    text: str,
    *,
    negative_weight: float = NEGATIVE_WEIGHT,
    vader_weight: float = VADER_WEIGHT,
    afinn_weight: float = AFINN_WEIGHT,
    alpha_per_token: float | None = ALPHA_PER_TOKEN,
) -> SentenceSentiment:
    """Score one sentence (or short span). The options exist for the evaluation.

    TextBlob's weight is ``1 - vader_weight - afinn_weight``. ``alpha_per_token=None``
    gives VADER's fixed normalisation constant (15), for VADER and AFINN alike.
    """
    if min(vader_weight, afinn_weight) < 0 or vader_weight + afinn_weight > 1 + 1e-9:
        raise ValueError(
            f"vader_weight and afinn_weight must be >= 0 with a sum of at most 1 "
            f"(got {vader_weight}, {afinn_weight})"
        )
    if negative_weight <= 0:
        raise ValueError(f"negative_weight must be > 0 (got {negative_weight})")
    if alpha_per_token is not None and alpha_per_token <= 0:
        raise ValueError(f"alpha_per_token must be > 0 or None (got {alpha_per_token})")
    if not may_carry_tone(text):
        return NEUTRAL
    alpha = None if alpha_per_token is None else float(alpha_per_token)
    vader = _vader(float(negative_weight), alpha).polarity_scores(text)
    # pattern's Sentiment, which TextBlob's PatternAnalyzer.analyze wraps in a
    # namedtuple class built on every call: same values, about twice as fast.
    polarity, subjectivity = _pattern()(pattern_words(text))
    valences, words = afinn_valences(text, *_afinn())
    total = sum(v * negative_weight if v < 0 else v for v in valences)
    afinn_alpha = 15.0 if alpha is None else alpha * max(words, 1)
    afinn_weighted = total / math.sqrt(total * total + afinn_alpha) if total else 0.0
    combined = (
        vader_weight * vader["weighted_compound"]
        + afinn_weight * afinn_weighted
        + (1 - vader_weight - afinn_weight) * polarity
    )
    return SentenceSentiment(
        vader=float(vader["compound"]),
        polarity=float(polarity),
        subjectivity=float(subjectivity),
        combined=float(combined),
        afinn=float(sum(valences)),
    )


def score_text_spans(text: str, spans: Sequence[Span]) -> list[SentenceSentiment]:
    """Score ``text[s.start:s.end]`` for each span (sentences, content spans)."""
    _check_spans(text, spans)
    return [_score_default(text[s.start:s.end]) for s in spans]


@lru_cache(maxsize=4096)
def _score_default(text: str) -> SentenceSentiment:
    """:func:`score_sentence` with the shipped settings, remembered: an author row
    of a sentence without attributed content scores the sentence's own text again."""
    return score_sentence(text)


def mean_sentiment(scores: Sequence[SentenceSentiment]) -> dict[str, float]:
    """Document or group tone: the mean of sentence scores, with ``n`` (NaN if none)."""
    n = len(scores)
    out: dict[str, float] = {"n": n}
    for field in SCORE_FIELDS:
        out[field] = sum(getattr(s, field) for s in scores) / n if n else float("nan")
    return out


def sentiment_records(
    doc_id: str,
    text: str,
    sentences: Sequence[Span],
    scores: Sequence[SentenceSentiment],
) -> list[dict]:
    """Flat rows, one per sentence: doc_id, sentence, start, end and the four scores."""
    _check_spans(text, sentences)
    if len(sentences) != len(scores):
        raise ValueError(
            f"{len(sentences)} sentences but {len(scores)} scores for {doc_id!r}: "
            "score with score_text_spans(text, sentences)"
        )
    return [
        {"doc_id": doc_id, "sentence": i, "start": s.start, "end": s.end, **_fields(score)}
        for i, (s, score) in enumerate(zip(sentences, scores, strict=True))
    ]


def voice_records(
    doc_id: str,
    text: str,
    sentences: Sequence[Span],
    contents: Sequence[tuple[int, Span]],
) -> list[dict]:
    """Tone by voice: the writer's own words vs attributed content, per sentence.

    ``contents`` are ``(attribution id, content span)`` pairs. Each content span is
    cut at sentence bounds and each piece is scored as ``voice="attributed"``. The
    author's voice of a sentence is the sentence with every attributed piece cut
    out (the remaining pieces joined by a space); it is scored as
    ``voice="author"`` with the sentence's start and end, and ``attribution=None``.
    A sentence whose remainder has no letter gets no author row; a piece with no
    letter gets no attributed row. Each row carries the text it scored, cut from the
    document by span (an author row: the sentence's pieces outside reported content).
    """
    _check_spans(text, sentences)
    _check_spans(text, [span for _, span in contents])
    rows: list[dict] = []
    near = by_sentence(sentences, contents, lambda pair: [pair[1]])
    for i, sentence in enumerate(sentences):
        pieces = sorted(
            (max(span.start, sentence.start), min(span.end, sentence.end), attribution)
            for attribution, span in near[i]
            if span.overlaps(sentence)
        )
        remainder = " ".join(text[a:b] for a, b in _gaps(sentence, pieces)).strip()
        if _LETTER.search(remainder):
            rows.append(_voice_row(doc_id, i, "author", None, sentence, remainder))
        for start, end, attribution in pieces:
            piece = text[start:end]
            if _LETTER.search(piece):
                rows.append(
                    _voice_row(doc_id, i, "attributed", attribution, Span(start, end, piece), piece)
                )
    return rows


def load_entities(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """Entity -> aliases from a CSV with columns ``entity,alias,note``.

    Without ``path`` the suite's list (``lexicons/entities.csv``) is read once.
    """
    file = ENTITIES_CSV if path is None else Path(path).resolve()
    if not file.is_file():
        raise FileNotFoundError(f"entity list {file} not found: pass a CSV with entity,alias,note")
    return dict(_load_entities_cached(str(file), file.stat().st_mtime_ns))


@lru_cache(maxsize=8)
def _load_entities_cached(
    path: str, modified: int
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The list at ``path`` as read when it had modification time ``modified``."""
    file = Path(path)
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"entity", "alias", "note"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{file}: missing column(s) {sorted(missing)}; need entity,alias,note")
        entities: dict[str, list[str]] = {}
        owner: dict[str, str] = {}
        for line, row in enumerate(reader, start=2):
            entity, alias = (row["entity"] or "").strip(), (row["alias"] or "").strip()
            if not entity or not alias:
                raise ValueError(f"{file}:{line}: empty entity or alias")
            if alias in owner and owner[alias] != entity:
                raise ValueError(
                    f"{file}:{line}: alias {alias!r} given for both {owner[alias]!r} and {entity!r}"
                )
            owner[alias] = entity
            if alias not in entities.setdefault(entity, []):
                entities[entity].append(alias)
    return tuple((entity, tuple(aliases)) for entity, aliases in entities.items())


def entity_mentions(
    text: str,
    sentences: Sequence[Span],
    entities: Mapping[str, Sequence[str]],
) -> list[EntityMention]:
    """Whole-word mentions of each entity's aliases, sentence by sentence.

    Aliases match case-sensitively (``US`` is not ``us``), except that a lowercase
    first letter also matches its capital (``the Kremlin`` at a sentence start).
    The longest alias wins where aliases overlap (``the White House`` over
    ``White``...). A possessive counts (``Iran's``, ``Iran’s``); a longer word does
    not (``Iranian`` is not ``Iran``: list it as an alias to count it).
    This locates mentions; the tone of the sentence is a proxy for tone toward them.
    """
    _check_spans(text, sentences)
    pattern, owner = _alias_pattern(
        tuple(sorted((entity, tuple(aliases)) for entity, aliases in entities.items()))
    )
    if pattern is None:
        return []
    mentions: list[EntityMention] = []
    for i, sentence in enumerate(sentences):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            span = Span.of(text, match.start(), match.end())
            mentions.append(EntityMention(owner[span.text], i, span))
    return mentions


def entity_records(
    doc_id: str,
    mentions: Sequence[EntityMention],
    scores: Sequence[SentenceSentiment],
) -> list[dict]:
    """One row per (entity, sentence) mentioned, with that sentence's scores.

    A sentence naming an entity twice counts once for it; the scores are the
    sentence's (a proxy, not sentiment toward the entity).
    """
    rows: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for mention in mentions:
        key = (mention.entity, mention.sentence)
        if key in seen:
            continue
        seen.add(key)
        if mention.sentence >= len(scores):
            raise ValueError(
                f"mention in sentence {mention.sentence} but only {len(scores)} scores"
            )
        rows.append(
            {
                "doc_id": doc_id,
                "entity": mention.entity,
                "sentence": mention.sentence,
                **_fields(scores[mention.sentence]),
            }
        )
    return rows


@lru_cache(maxsize=32)
def _alias_pattern(
    entities: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of every alias, a lower-case one also capitalised (at a sentence's
    start), and the entity of each form it can match."""
    owner = {alias: entity for entity, aliases in entities for alias in aliases}
    if not owner:
        return None, owner
    for alias, entity in list(owner.items()):
        head = alias[0].upper()
        if alias[0].islower() and len(head) == 1:  # not 'ß' -> 'SS'
            owner.setdefault(head + alias[1:], entity)
    alternatives = [re.escape(form) for form in sorted(owner, key=lambda a: (-len(a), a))]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"), owner


def _gaps(sentence: Span, pieces: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    gaps, cursor = [], sentence.start
    for start, end, _ in pieces:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < sentence.end:
        gaps.append((cursor, sentence.end))
    return gaps


def _voice_row(
    doc_id: str, sentence: int, voice: str, attribution: int | None, span: Span, scored: str
) -> dict:
    return {
        "doc_id": doc_id,
        "sentence": sentence,
        "voice": voice,
        "attribution": attribution,
        "start": span.start,
        "end": span.end,
        "text": scored,
        **_fields(_score_default(scored)),
    }


def _fields(score: SentenceSentiment) -> dict[str, float]:
    return {field: getattr(score, field) for field in SCORE_FIELDS}


def _check_spans(text: str, spans: Sequence[Span]) -> None:
    for span in spans:
        if not 0 <= span.start <= span.end <= len(text):
            raise ValueError(
                f"span ({span.start}, {span.end}) lies outside the text (length {len(text)}): "
                "spans must be offsets into this document's text"
            )
