"""Explore alternatives to the combined tone score under repeated k-fold cross-validation.

Every candidate is a family of scores indexed by a small grid of round parameters
(always including the blend's negative weight k and VADER weight w). Within each
training split the grid point with the best Pearson r is chosen and applied to the
held-out fold; the pooled held-out r is averaged over repeats. Prints one compact
table (in-sample r at the best grid point, CV r with its Fisher 95% interval and the
sd over repeats, and dCV: the gain over the previous two-parameter score).
The row marked [ADOPTED] is the family the suite's ``combined`` now comes from
(``claimscope.sentiment``: k = 2, VADER 0.4, AFINN 0.3, TextBlob 0.3, alpha per token
= 2, for VADER and AFINN alike); [PREVIOUS] is the two-instrument score it replaced
(k = 2, w = 0.7, alpha per token = 2). Asserts nothing.

    .venv/bin/python benchmarks/explore_sentiment.py
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment import vaderSentiment as vs

from claimscope import sentiment

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_sentiment import corr_rows, default_data, fisher_ci, read_ratings  # noqa: E402

KS = (1.0, 1.5, 2.0, 2.5, 3.0)
WS = (0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
WVS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)  # VADER's weight when AFINN is in the blend
WAS = (0.1, 0.2, 0.3, 0.4, 0.5)  # AFINN's weight; TextBlob gets the rest
ALPHAS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)  # VADER normalisation constant per token


# --- per-sentence raw material -------------------------------------------------------


class _Capture(vs.SentimentIntensityAnalyzer):
    """VADER that records its token valences before the "but" rule, and the words."""

    def _but_check(self, words, sentiments):  # noqa: ANN001, ANN201
        self.captured = (list(words), list(sentiments))
        return super()._but_check(words, sentiments)


def vader_material(texts: list[str], lexicon: dict[str, float] | None = None) -> list[dict]:
    analyzer = _Capture()
    if lexicon is not None:
        analyzer.lexicon = lexicon
    out = []
    for text in texts:
        analyzer.captured = ([], [])
        analyzer.polarity_scores(text)
        words, vals = analyzer.captured
        out.append({"words": words, "vals": np.array(vals, dtype=float),
                    "punct": analyzer._punctuation_emphasis(text)})
    return out


def but_weights(words: list[str], before: float, after: float) -> np.ndarray:
    lower = [w.lower() for w in words]
    weights = np.ones(len(words))
    if "but" in lower:
        b = lower.index("but")
        weights[:b] = before
        weights[b + 1:] = after
    return weights


def vader_compound(material: list[dict], *, k: float, before: float = 0.5, after: float = 1.5,
                   alpha: float = 15.0, alpha_per_token: float | None = None,
                   mode: str = "sum") -> np.ndarray:
    """VADER's compound rebuilt from its token valences, with the options varied."""
    out = np.empty(len(material))
    for i, m in enumerate(material):
        vals = m["vals"] * but_weights(m["words"], before, after) if len(m["vals"]) else m["vals"]
        vals = np.where(vals < 0, vals * k, vals)
        s = float(vals.sum())
        if mode == "sum":
            if s > 0:
                s += m["punct"]
            elif s < 0:
                s -= m["punct"]
            a = alpha if alpha_per_token is None else alpha_per_token * max(len(vals), 1)
            out[i] = s / math.sqrt(s * s + a) if s else 0.0
        elif mode == "mean_nonzero":   # per-token average over sentiment-bearing tokens
            nz = vals[vals != 0]
            out[i] = float(np.clip(nz.mean() / 4.0, -1, 1)) if len(nz) else 0.0
        elif mode == "sum_sqrt_len":   # sum scaled by sqrt(token count), then normalised
            s = s / math.sqrt(max(len(vals), 1) / 10.0)
            out[i] = s / math.sqrt(s * s + alpha) if s else 0.0
        else:
            raise ValueError(mode)
    return out


def pattern_word_polarity() -> dict[str, float]:
    """TextBlob/pattern lexicon: word -> polarity averaged over senses and parts of speech."""
    if not dict.__len__(pattern_sentiment):
        pattern_sentiment.load()
    return {w: float(pos[None][0]) for w, pos in dict.items(pattern_sentiment) if " " not in w}


def union_lexicon(scale: float) -> dict[str, float]:
    """VADER's lexicon, plus pattern polarity x scale for words VADER lacks."""
    lexicon = dict(vs.SentimentIntensityAnalyzer().lexicon)
    for word, p in pattern_word_polarity().items():
        if p and word not in lexicon:
            lexicon[word] = round(p * scale, 3)
    return lexicon


def textblob_polarity(texts: list[str], *, negation: bool = True) -> np.ndarray:
    return np.array([pattern_sentiment(t, negation=negation)[0] for t in texts])


def textblob_union(texts: list[str], scale: float) -> np.ndarray:
    """Pattern's mean-of-assessments polarity, VADER valence / scale where pattern is silent."""
    from textblob._text import Sentiment
    blob = Sentiment(path=pattern_sentiment.path, synset="wordnet_id",
                     negations=("no", "not", "n't", "never"), modifiers=("RB",),
                     modifier=lambda w: w.endswith("ly"), tokenizer=pattern_sentiment.tokenizer,
                     language="en")
    blob.load()
    for word, v in vs.SentimentIntensityAnalyzer().lexicon.items():
        if word not in blob and re.fullmatch(r"[a-z][a-z'-]*", word):
            dict.__setitem__(blob, word, {None: [max(-1.0, min(1.0, v / scale)), 0.5, 1.0]})
    return np.array([blob(t)[0] for t in texts])


def afinn_material(texts: list[str], *, negation: bool = False) -> list[tuple[list, int]]:
    """AFINN valences and word count per text (``claimscope.sentiment.afinn_valences``).
    With ``negation``, a valence within three words after not/no/never/n't (or
    nor/cannot/without) is scaled by VADER's -0.74 (an ablation)."""
    lexicon, phrases = sentiment._afinn()
    out = []
    for text in texts:
        valences, n = sentiment.afinn_valences(text, lexicon, phrases)
        if negation:
            valences = _afinn_negated(text, lexicon, phrases)
        out.append((valences, n))
    return out


def _afinn_negated(text: str, lexicon: dict, phrases: dict) -> list[float]:
    """``afinn_valences`` with a valence x -0.74 when one of the three words before its
    entry is a negator."""
    negators = {"not", "no", "never", "t", "nor", "cannot", "without"}
    text = re.sub(r"\s+", " ", text).lower()
    runs = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    words = [text[a:b] for a, b in runs]
    out: list[float] = []
    i = 0
    while i < len(runs):
        start, following, valence = runs[i][0], i + 1, None
        for j in range(min(i + phrases.get(words[i], 0), len(runs) - 1), i, -1):
            valence = lexicon.get(text[start:runs[j][1]])
            if valence is not None:
                following = j + 1
                break
        else:
            valence = lexicon.get(words[i])
        if valence is not None:
            negated = negators & set(words[max(0, i - 3):i])
            out.append(valence * -0.74 if negated else float(valence))
        i = following
    return out


def afinn_adjusted(material: list[tuple[list, int]], *, k: float,
                   alpha_per_token: float | None) -> np.ndarray:
    """AFINN with negative valences x k, normalised as VADER (alpha per token, or 15)."""
    out = np.empty(len(material))
    for i, (valences, n) in enumerate(material):
        s = float(sum(v * k if v < 0 else v for v in valences))
        a = 15.0 if alpha_per_token is None else alpha_per_token * max(n, 1)
        out[i] = s / math.sqrt(s * s + a) if s else 0.0
    return out


def clause_split(text: str) -> list[str]:
    parts = re.split(r"[;:\u2014]|,\s+(?:but|and|or|yet|while|although|though)\s+|\s--\s", text)
    return [p for p in parts if re.search(r"[A-Za-z]", p)] or [text]


def signed_percentile(x: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Zero stays 0; a positive score maps to its percentile among positive reference scores."""
    pos, neg = np.sort(reference[reference > 0]), np.sort(-reference[reference < 0])
    out = np.zeros_like(x)
    out[x > 0] = np.searchsorted(pos, x[x > 0], side="right") / max(len(pos), 1)
    out[x < 0] = -np.searchsorted(neg, -x[x < 0], side="right") / max(len(neg), 1)
    return out


# --- cross-validation ----------------------------------------------------------------


def cv_family(grid: dict[tuple, np.ndarray], y: np.ndarray, *, folds: int, repeats: int,
              seed: int) -> dict:
    keys = list(grid)
    matrix = np.vstack([grid[k] for k in keys])
    insample = corr_rows(matrix, y)
    rs, chosen = [], []
    for repeat in range(repeats):
        order = np.random.Generator(np.random.PCG64(seed + repeat)).permutation(len(y))
        predicted = np.empty(len(y))
        for held in np.array_split(order, folds):
            train = np.setdiff1d(order, held)
            best = int(np.argmax(corr_rows(matrix[:, train], y[train])))
            chosen.append(keys[best])
            predicted[held] = matrix[best, held]
        rs.append(float(np.corrcoef(predicted, y)[0, 1]))
    r = float(np.mean(rs))
    mode = max(set(chosen), key=chosen.count)
    return {"in_sample": float(insample.max()), "best": keys[int(np.argmax(insample))],
            "cv": r, "sd": float(np.std(rs)), "ci": fisher_ci(r, len(y)),
            "mode": mode, "mode_share": chosen.count(mode) / len(chosen)}


def blend_grid(vader_by: Callable[[tuple], np.ndarray], extra: list[tuple],
               polarity_by: Callable[[tuple], np.ndarray]) -> dict[tuple, np.ndarray]:
    grid = {}
    for e in extra:
        pol = polarity_by(e)
        for k in KS:
            v = vader_by((k, *e))
            for w in WS:
                grid[(k, w, *e)] = w * v + (1 - w) * pol
    return grid


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    texts, y = read_ratings(args.data)
    cv = dict(folds=args.folds, repeats=args.repeats, seed=args.seed)

    base_m = vader_material(texts)
    pol = textblob_polarity(texts)
    rows: list[tuple[str, dict]] = []

    def add(name: str, grid: dict[tuple, np.ndarray]) -> None:
        res = cv_family(grid, y, **cv)
        rows.append((name, res))
        print(f"  .. {name}: cv {res['cv']:.4f}", file=sys.stderr, flush=True)

    cache: dict = {}

    def vc(material_key: str, material: list[dict], k: float, **kw) -> np.ndarray:
        key = (material_key, k, tuple(sorted(kw.items())))
        if key not in cache:
            cache[key] = vader_compound(material, k=k, **kw)
        return cache[key]

    add("vader alone (k=1, w=1)", {(1.0,): vc("base", base_m, 1.0)})
    add("textblob alone", {(0,): pol})
    add("previous: w*vader_k + (1-w)*textblob [k,w]",
        blend_grid(lambda p: vc("base", base_m, p[0]), [()], lambda e: pol))
    add("fixed k=2, w=0.6 (no choice)", {(2.0, 0.6): 0.6 * vc("base", base_m, 2.0) + 0.4 * pol})

    # "but" rule variants: off, or only the after-but emphasis, or only the before-but damping.
    for name, before, after in (("but rule off", 1.0, 1.0), ("but: after x1.5 only", 1.0, 1.5),
                                ("but: before x0.5 only", 0.5, 1.0),
                                ("but: before x0, after x1", 0.0, 1.0)):
        add(name, blend_grid(lambda p, b=before, a=after: vc("base", base_m, p[0], before=b,
                                                             after=a), [()], lambda e: pol))

    # Length: VADER sums token valences, so long sentences saturate; readers do not.
    for mode in ("mean_nonzero", "sum_sqrt_len"):
        add(f"vader {mode}", blend_grid(lambda p, m=mode: vc("base", base_m, p[0], mode=m), [()],
                                        lambda e: pol))
    for a in ALPHAS:
        add(f"alpha = {a:g} x tokens (a fixed)",
            blend_grid(lambda p: vc("base", base_m, p[0], alpha_per_token=p[1]), [(a,)],
                       lambda e: pol))
    add("alpha = a x tokens, a chosen in fold [PREVIOUS]",
        blend_grid(lambda p: vc("base", base_m, p[0], alpha_per_token=p[1]),
                   [(a,) for a in ALPHAS], lambda e: pol))

    def length_family(material_key: str, material: list[dict], polarity: np.ndarray, **kw) -> dict:
        return blend_grid(lambda p: vc(material_key, material, p[0], alpha_per_token=p[1], **kw),
                          [(a,) for a in ALPHAS], lambda e: polarity)

    # Lexicon union, VADER side: pattern polarity x scale where VADER is silent.
    for scale in (1.0, 2.0, 4.0):
        m = vader_material(texts, union_lexicon(scale))
        add(f"vader+pattern words x{scale:g} (silent only)",
            blend_grid(lambda p, m=m, s=scale: vc(f"u{s}", m, p[0]), [()], lambda e: pol))
        add("  same, with length alpha", length_family(f"u{scale}", m, pol))
    # TextBlob side: VADER valences / scale where pattern is silent.
    for scale in (4.0, 3.0):
        tb = textblob_union(texts, scale)
        add(f"textblob+vader words /{scale:g} (silent only)",
            blend_grid(lambda p: vc("base", base_m, p[0]), [()], lambda e, tb=tb: tb))
    # TextBlob's mean ignores how many opinion words it found: shrink by n/(n + c).
    assessed = np.array([len(pattern_sentiment(t).assessments) for t in texts])
    for c in (1.0, 2.0):
        add(f"length alpha + textblob x n/(n+{c:g})",
            length_family("base", base_m, pol * assessed / (assessed + c)))
    # TextBlob without its own negation handling.
    pol_noneg = textblob_polarity(texts, negation=False)
    add("textblob negation off", blend_grid(lambda p: vc("base", base_m, p[0]), [()],
                                            lambda e: pol_noneg))
    # "but" rule variants with the length alpha.
    add("length alpha, but rule off", length_family("base", base_m, pol, before=1.0, after=1.0))
    # VADER's capitals emphasis off (C_INCR = 0): opinion prose rarely shouts.
    saved, vs.C_INCR = vs.C_INCR, 0.0
    caps_m = vader_material(texts)
    vs.C_INCR = saved
    add("length alpha, caps emphasis off", length_family("caps", caps_m, pol))

    # Rank (signed percentile) calibration of each instrument before averaging.
    # Reference distributions from the texts themselves (labels unused).
    def pct_grid() -> dict:
        grid = {}
        pol_p = signed_percentile(pol, pol)
        for k in KS:
            v = vc("base", base_m, k)
            v_p = signed_percentile(v, v)
            for w in WS:
                grid[(k, w)] = w * v_p + (1 - w) * pol_p
        return grid
    add("signed-percentile calibration", pct_grid())

    # Clause-level: VADER on each clause, mean over clauses.
    clauses = [clause_split(t) for t in texts]
    flat = [c for cs in clauses for c in cs]
    flat_m = vader_material(flat)
    bounds = np.cumsum([0] + [len(cs) for cs in clauses])

    def clause_mean(k: float) -> np.ndarray:
        v = vc("flat", flat_m, k)
        return np.array([v[a:b].mean() for a, b in zip(bounds[:-1], bounds[1:], strict=True)])
    add("vader clause mean", blend_grid(lambda p: clause_mean(p[0]), [()], lambda e: pol))

    # A third instrument: AFINN (Nielsen 2011), the afinn package's English list.
    af_m = afinn_material(texts)
    add("afinn alone (package score, a sum)",
        {(0,): np.array([float(sum(v)) for v, _ in af_m])})
    add("afinn adjusted alone [k, alpha]",
        {(k, a): afinn_adjusted(af_m, k=k, alpha_per_token=a) for k in KS for a in ALPHAS})

    def afinn_family(material: list, *, afinn_k: float | None = None, fixed: bool = False,
                     ks: tuple = KS, alphas: tuple = ALPHAS) -> dict:
        """wv * vader + wa * afinn + (1 - wv - wa) * textblob, over (k, alpha, wv, wa)."""
        grid = {}
        for k in ks:
            for a in alphas:
                v = vc("base", base_m, k, alpha_per_token=a)
                af = afinn_adjusted(material, k=k if afinn_k is None else afinn_k,
                                    alpha_per_token=None if fixed else a)
                for wv in WVS:
                    for wa in WAS:
                        if wv + wa <= 1 + 1e-9:
                            grid[(k, a, wv, wa)] = wv * v + wa * af + (1 - wv - wa) * pol
        return grid
    add("+ AFINN [k, alpha, wv, wa] [ADOPTED]", afinn_family(af_m))
    add("+ AFINN, AFINN negatives not weighted (k=1)", afinn_family(af_m, afinn_k=1.0))
    add("+ AFINN, AFINN alpha fixed 15", afinn_family(af_m, fixed=True))
    add("+ AFINN with a negation flip", afinn_family(afinn_material(texts, negation=True)))
    add("fixed k=2, a=2, 0.4/0.3/0.3 (no choice)",
        {(2.0,): 0.4 * vc("base", base_m, 2.0, alpha_per_token=2.0)
         + 0.3 * afinn_adjusted(af_m, k=2.0, alpha_per_token=2.0) + 0.3 * pol})

    _print(rows)


def _print(rows: list[tuple[str, dict]]) -> None:
    reference = next(r for n, r in rows if n.startswith("previous"))["cv"]
    print(f"{'candidate':<46} {'in-sample':>9} {'CV r':>7} {'95% CI':>16} {'sd':>6} "
          f"{'dCV':>7}  chosen (share)")
    for name, r in rows:
        print(f"{name:<46} {r['in_sample']:>9.4f} {r['cv']:>7.4f} "
              f"[{r['ci'][0]:.3f}, {r['ci'][1]:.3f}] {r['sd']:>6.4f} {r['cv'] - reference:>+7.4f}"
              f"  {r['mode']} ({r['mode_share']:.0%})")


if __name__ == "__main__":
    main()
