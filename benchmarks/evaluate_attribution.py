"""Attribution cues, sources and contents against PolNeAR (train or dev half).

    python benchmarks/evaluate_attribution.py [--split dev] [--data DIR] [--show N]
        [--write-json lib/claimscope/data/validation_attribution.json]

Matching: a predicted cue matches a gold cue when their character spans overlap;
pairs are matched one to one, largest overlap first. For matched pairs we report
the share whose predicted source overlaps the gold source (gold attributions with a
source), the share of agentless gold ("Attribution-no-source") predicted without a
source, and the mean character Jaccard of the contents (gold fragments as one set).
Gold attributions without a cue span are left out. Cue P/R/F1 is also given per
publisher (``by_publisher``); the count error is broken down into over- and
under-counted attributions and by article size, and two figures tell how far better
counting alone could take it: ``count_mae_if_unbiased`` (the best MAE after adding
alpha x words to every article's count, alpha chosen on the split itself) and
``count_mae_if_misses_found`` (the expected MAE if a share of each article's missed
attributions were found, no false one added). PolNeAR counts beliefs, intentions and
"polls show" as attributions and has no nesting: an *embedded* report ("officials said
[the senator thinks ...]") is annotated once, as the outer report, so ours are left out
(and counted in ``embedded_left_out``); other nested ones (inner "citing X") are scored
like any other. A naive reporting-verb regex is scored
the same way for reference. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

from _data import REPO, require, shared_data_dir

from claimscope.attribution import LEXICON_VERSION, find_attributions
from claimscope.text import sentences

_BASELINE = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|according to|added|adds|reported|reports|"
    r"stated|states|announced|claimed|claims|wrote|writes|explained|noted|argued|"
    r"believes?|believed|thinks?|thought)\b",
    re.IGNORECASE,
)


def _chars(fragments: list[list]) -> set[int]:
    chars: set[int] = set()
    for start, end, *_ in fragments:
        chars.update(range(start, end))
    return chars


def _overlap(a: tuple[int, int], fragments: list[list]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e, *_ in fragments)


def _match(predicted: list[tuple[int, int]], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index), largest cue overlap first."""
    candidates = []
    for p, cue in enumerate(predicted):
        for g, attribution in enumerate(gold):
            size = _overlap(cue, attribution["cue"])
            if size > 0:
                candidates.append((size, p, g))
    pairs, used_p, used_g = [], set(), set()
    for _, p, g in sorted(candidates, reverse=True):
        if p not in used_p and g not in used_g:
            pairs.append((p, g))
            used_p.add(p)
            used_g.add(g)
    return pairs


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}


def _count_errors(errors: list[tuple[int, int]]) -> dict:
    """Where the count error comes from: attributions over- and under-counted in total,
    the mean signed error, and the MAE by article size (gold attributions, in bands of 20)."""
    bands: dict[str, list[int]] = {}
    for error, gold in errors:
        low = min(gold // 20 * 20, 80)
        bands.setdefault(f"{low}+" if low == 80 else f"{low}-{low + 19}", []).append(error)
    return {
        "count_overcounted_total": sum(e for e, _ in errors if e > 0),
        "count_undercounted_total": -sum(e for e, _ in errors if e < 0),
        "count_mean_signed_error": round(sum(e for e, _ in errors) / len(errors), 2),
        "count_mae_by_gold_size": {
            band: {"articles": len(v), "mae": round(sum(abs(e) for e in v) / len(v), 2)}
            for band, v in sorted(bands.items(), key=lambda item: int(item[0].split("-")[0]
                                                                      .rstrip("+")))
        },
    }


def _mae_if_unbiased(articles: list[tuple[int, int, int]]) -> float:
    """Best MAE when alpha x words is added to each article's count, over a fine grid
    of alpha: what removing the count's bias in proportion to length would give.
    ``articles`` holds (false positives, misses, words) per article."""
    def mae(alpha: float) -> float:
        return sum(abs(fp - fn + alpha * words) for fp, fn, words in articles) / len(articles)
    return round(min(mae(step / 100_000) for step in range(-2_000, 2_001)), 2)


def _mae_if_misses_found(articles: list[tuple[int, int, int]], share: float) -> float:
    """Expected MAE if each missed attribution were found with probability ``share``
    (binomial, exact), with the false positives left as they are."""
    total = 0.0
    for fp, fn, _ in articles:
        total += sum(math.comb(fn, k) * share ** k * (1 - share) ** (fn - k) * abs(fp - fn + k)
                     for k in range(fn + 1))
    return round(total / len(articles), 2)


def _gold_lemma(attribution: dict) -> str:
    words = " ".join(f[2] for f in attribution["cue"]).lower().split()
    return " ".join(words) if words else ""


def evaluate(
    docs: list[dict], show: int = 0, lexicon: str | None = None, outer_only: bool = False
) -> dict:
    counts: Counter[str] = Counter()
    base: Counter[str] = Counter()
    fp_by: Counter[str] = Counter()
    fn_by: Counter[str] = Counter()
    tp_by: Counter[str] = Counter()
    tp_by_lemma: Counter[str] = Counter()
    source_hits = source_total = agentless_hits = agentless_total = 0
    jaccards: list[float] = []
    errors: list[tuple[int, int]] = []  # (predicted - gold, gold) per article
    articles: list[tuple[int, int, int]] = []  # (false positives, misses, words) per article
    n_sentences, seconds, shown = 0, 0.0, 0
    by_publisher: dict[str, Counter[str]] = {}
    for doc in docs:
        text = doc["text"]
        gold = [a for a in doc["attributions"] if a["cue"]]
        n_sentences += len(sentences(text))
        began = time.perf_counter()
        predicted = find_attributions(text, lexicon=lexicon)
        seconds += time.perf_counter() - began
        counts["embedded"] += sum(a.embedded for a in predicted)
        predicted = [a for a in predicted if not a.embedded]
        if outer_only:  # PolNeAR has no nesting: score the outer attributions only
            predicted = [a for a in predicted if a.parent is None]
        errors.append((len(predicted) - len(gold), len(gold)))
        pairs = _match([(a.cue.start, a.cue.end) for a in predicted], gold)
        counts["tp"] += len(pairs)
        counts["fp"] += len(predicted) - len(pairs)
        counts["fn"] += len(gold) - len(pairs)
        articles.append((len(predicted) - len(pairs), len(gold) - len(pairs), len(text.split())))
        outlet = by_publisher.setdefault(doc.get("publisher", "unknown"), Counter())
        outlet.update(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))
        matched_p = {p for p, _ in pairs}
        matched_g = {g for _, g in pairs}
        for p, a in enumerate(predicted):
            if p not in matched_p:
                fp_by[a.cue_lemma] += 1
                if shown < show:
                    print(f"FP {a.cue_lemma:12} {text[a.cue.start - 80:a.cue.end + 40]!r}")
                    shown += 1
        for g, a in enumerate(gold):
            lemma = _gold_lemma(a)
            if g not in matched_g:
                fn_by[lemma] += 1
                if shown < show:
                    s = a["cue"][0][0]
                    print(f"FN {lemma:12} {text[s - 80:s + 40]!r}")
                    shown += 1
            else:
                tp_by[lemma] += 1
        for p, g in pairs:
            a, b = predicted[p], gold[g]
            tp_by_lemma[a.cue_lemma] += 1
            if b["source"]:
                source_total += 1
                source_hits += a.source is not None and _overlap(
                    (a.source.start, a.source.end), b["source"]) > 0
            else:
                agentless_total += 1
                agentless_hits += a.source is None
            gold_chars = _chars(b["content"])
            mine = set(range(a.content.start, a.content.end)) if a.content else set()
            union = gold_chars | mine
            jaccards.append(len(gold_chars & mine) / len(union) if union else 1.0)
        cues = [(m.start(), m.end()) for m in _BASELINE.finditer(text)]
        base_pairs = _match(cues, gold)
        base["tp"] += len(base_pairs)
        base["fp"] += len(cues) - len(base_pairs)
        base["fn"] += len(gold) - len(base_pairs)
    return {
        "articles": len(docs),
        "gold_attributions": counts["tp"] + counts["fn"],
        "predicted_attributions": counts["tp"] + counts["fp"],
        "cue": _prf(counts["tp"], counts["fp"], counts["fn"]),
        "embedded_left_out": counts["embedded"],
        "source_overlap_of_matched": round(source_hits / source_total, 3) if source_total else None,
        "agentless_without_source_of_matched": (
            round(agentless_hits / agentless_total, 3) if agentless_total else None
        ),
        "content_jaccard_of_matched": round(sum(jaccards) / len(jaccards), 3) if jaccards else None,
        "count_mae_per_article": round(sum(abs(e) for e, _ in errors) / len(errors), 2),
        **_count_errors(errors),
        "count_mae_if_unbiased": _mae_if_unbiased(articles),
        "count_mae_if_misses_found": {
            f"{share:.0%}": _mae_if_misses_found(articles, share) for share in (0.1, 0.2, 0.3, 0.4)
        },
        "baseline_regex_cue": _prf(base["tp"], base["fp"], base["fn"]),
        "by_publisher": {
            name: _prf(c["tp"], c["fp"], c["fn"]) for name, c in sorted(by_publisher.items())
        },
        "sentences": n_sentences,
        "sentences_per_second": round(n_sentences / seconds) if seconds else None,
        "top_false_positives_by_lemma": fp_by.most_common(15),
        "top_false_negatives_by_gold_cue_word": fn_by.most_common(25),
        "true_positives_by_gold_cue_word": tp_by.most_common(15),
        "precision_by_lemma": {
            lemma: round(tp_by_lemma[lemma] / (tp_by_lemma[lemma] + fp_by[lemma]), 2)
            for lemma, _ in (tp_by_lemma + fp_by).most_common(120)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--data", default=None, help="folder holding polnear/")
    parser.add_argument("--show", type=int, default=0, help="print N example errors")
    parser.add_argument("--lexicon", default=None, help="a cue CSV to use instead of the default")
    parser.add_argument("--outer-only", action="store_true",
                        help="score only attributions without a parent (PolNeAR has no nesting)")
    parser.add_argument("--write-json", default=None, help="write the figures to this path")
    args = parser.parse_args()
    data = shared_data_dir() if args.data is None else Path(args.data)
    path = require(data / "polnear" / f"{args.split}.jsonl")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    figures = evaluate(docs, show=args.show, lexicon=args.lexicon, outer_only=args.outer_only)
    version = LEXICON_VERSION if args.lexicon is None else f"user lexicon {args.lexicon}"
    figures = {"split": args.split, "lexicon_version": version, "outer_only": args.outer_only,
               **figures}
    for key, value in figures.items():
        print(f"{key:40} {value}")
    if args.write_json:
        out = Path(args.write_json)
        if not out.is_absolute():
            out = REPO / out
        out.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "date": dt.date.today().isoformat(),
            "command": "python " + " ".join(["benchmarks/evaluate_attribution.py", *sys.argv[1:]]),
            "data": f"PolNeAR v1.0.0 {args.split} ({path.name})",
            "figures": figures,
        }
        out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
