"""Evaluate the hedge finder against sentence-level uncertainty in news (prints, never asserts).

Data: the FactBank news part of the Szeged Uncertainty Corpus (``hedging/
factbank_news_dev.jsonl`` in the team's shared data, never in the repository). Each
sentence is passed on its own to :func:`claimscope.hedging.find_hedges` with
``attributions=[]`` (voice plays no part here).

Two mappings from hedges to the corpus's sentence labels:

(a) a sentence is uncertain when it holds a modal, probability, belief or conditional
    hedge; gold: the sentence has any cue (epistemic, doxastic, condition, investigation);
(b) modal, probability or belief hedges; gold: an epistemic or doxastic cue.

Distancing, approximators and scare quotes stay out of both (the scheme counts reporting
as certain). A ten-keyword baseline is printed for reference, then the errors by cue
word ("known errors"), the throughput in sentences per second, and counts of the hedges
found on PolNeAR dev by rule and by voice rule (no hedge gold there: to read beside the
articles, not a score).

    python benchmarks/evaluate_hedging.py [--data PATH] [--write-json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from claimscope.hedging import LEXICON_VERSION, find_hedges

MAPPINGS = {
    "a": ({"modal", "probability", "belief", "conditional"}, None),
    "b": ({"modal", "probability", "belief"}, {"epistemic", "doxastic"}),
}
BASELINE = ("may", "might", "possible", "possibly", "probably", "likely", "perhaps",
            "believe", "suggest", "appear")


def default_data() -> Path:
    override = os.environ.get("CLAIMSCOPE_SHARED_DATA")
    repo = Path(__file__).resolve().parents[1]
    root = Path(override) if override else repo.parent / "shared" / "data"
    return root / "hedging" / "factbank_news_dev.jsonl"


def gold_label(record: dict, types: set[str] | None) -> bool:
    return any(types is None or cue[3] in types for cue in record["cues"])


def scores(pred: list[bool], gold: list[bool]) -> dict[str, float | int]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn, "sentences": len(gold)}


def baseline_predict(text: str) -> bool:
    return bool(re.search(r"\b(" + "|".join(BASELINE) + r")\b", text, re.IGNORECASE))


def errors(records, hedges, categories, types) -> tuple[Counter, Counter]:
    """False positives by our cue word, false negatives by the gold cue word."""
    fps: Counter = Counter()
    fns: Counter = Counter()
    for record, found in zip(records, hedges, strict=True):
        ours = [h for h in found if h.category in categories]
        gold = gold_label(record, types)
        if ours and not gold:
            fps.update({h.text.lower() for h in ours})
        if gold and not ours:
            fns.update({c[2].lower() for c in record["cues"] if types is None or c[3] in types})
    return fps, fns


def throughput(texts: list[str], attributions: bool) -> float | None:
    if attributions:
        try:
            from claimscope.attribution import find_attributions  # noqa: F401
        except ImportError:
            return None
    start = time.perf_counter()
    for text in texts:
        find_hedges(text, attributions=None if attributions else [])
    return round(len(texts) / (time.perf_counter() - start), 1)


def document_throughput(path: Path) -> dict[str, float | int] | None:
    """Sentences per second over whole articles (PolNeAR dev), the engine's real unit."""
    if not path.is_file():
        return None
    from claimscope.text import sentences

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    count = sum(len(sentences(t)) for t in texts)
    result: dict[str, float | int] = {"articles": len(texts), "sentences": count}
    start = time.perf_counter()
    for text in texts:
        find_hedges(text, attributions=[])
    result["attributions_empty"] = round(count / (time.perf_counter() - start), 1)
    try:
        from claimscope.attribution import find_attributions
    except ImportError:
        return result
    attributions = [find_attributions(t) for t in texts]
    start = time.perf_counter()
    for text, found in zip(texts, attributions, strict=True):
        find_hedges(text, attributions=found)
    result["attributions_given"] = round(count / (time.perf_counter() - start), 1)
    return result


def polnear_counts(path: Path) -> dict[str, dict[str, int]] | None:
    """Hedges on PolNeAR dev (no hedge gold: counts to read beside the text, not scores):
    by rule, and by category and voice rule, with the attributions found."""
    if not path.is_file():
        return None
    try:
        from claimscope.attribution import find_attributions
    except ImportError:
        return None
    by_rule: Counter = Counter()
    by_voice: Counter = Counter()
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        for hedge in find_hedges(text, attributions=find_attributions(text)):
            by_rule[hedge.rule] += 1
            by_voice[f"{hedge.category}/{hedge.voice_rule}"] += 1
    return {"by_rule": dict(sorted(by_rule.items())),
            "by_voice_rule": dict(sorted(by_voice.items()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data(),
                        help="factbank_news_dev.jsonl (default: the shared data folder)")
    parser.add_argument("--write-json", type=Path, default=None, help="write the figures "
                        "here, e.g. lib/claimscope/data/validation_hedging.json")
    parser.add_argument("--top", type=int, default=15, help="how many error cues to print")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"data absent: {args.data} (set --data or CLAIMSCOPE_SHARED_DATA)")
        return 1
    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in records]
    hedges = [find_hedges(t, attributions=[]) for t in texts]
    figures: dict = {"data": args.data.name, "lexicon_version": LEXICON_VERSION, "mappings": {},
                     "known_errors": {}}
    print(f"{len(records)} sentences from {args.data.name}; lexicon {LEXICON_VERSION}\n")
    for name, (categories, types) in MAPPINGS.items():
        gold = [gold_label(r, types) for r in records]
        pred = [any(h.category in categories for h in found) for found in hedges]
        base = [baseline_predict(t) for t in texts]
        ours, ref = scores(pred, gold), scores(base, gold)
        gold_types = sorted(types) if types else "any"
        figures["mappings"][name] = {"categories": sorted(categories),
                                     "gold_cue_types": gold_types,
                                     "claimscope": ours, "ten_keyword_baseline": ref}
        print(f"mapping ({name}): {sorted(categories)} vs gold cue types {gold_types}")
        for label, got in (("claimscope", ours), ("baseline  ", ref)):
            print(f"  {label}  P {got['precision']:.3f}  R {got['recall']:.3f}"
                  f"  F1 {got['f1']:.3f}  (tp {got['tp']}, fp {got['fp']}, fn {got['fn']})")
        fps, fns = errors(records, hedges, categories, types)
        top_fp, top_fn = fps.most_common(args.top), fns.most_common(args.top)
        figures["known_errors"][name] = {"false_positives_by_cue": dict(top_fp),
                                         "false_negatives_by_gold_cue": dict(top_fn)}
        print("  false positives by cue:", ", ".join(f"{w} {n}" for w, n in top_fp))
        print("  false negatives by gold cue:", ", ".join(f"{w} {n}" for w, n in top_fn))
        print()
    rules = Counter(h.rule for found in hedges for h in found)
    figures["rules_fired"] = dict(rules.most_common())
    speed = {"attributions_empty": throughput(texts, attributions=False),
             "attributions_computed": throughput(texts, attributions=True)}
    figures["sentences_per_second"] = speed
    print(f"throughput (FactBank, one sentence a call): {speed['attributions_empty']} "
          f"sentences/s with attributions=[]; {speed['attributions_computed'] or 'n/a'} "
          "with attributions computed inside find_hedges")
    articles = document_throughput(args.data.parent.parent / "polnear" / "dev.jsonl")
    if articles:
        figures["sentences_per_second_articles"] = articles
        print(f"throughput (PolNeAR dev, {articles['articles']} articles, "
              f"{articles['sentences']} sentences): {articles['attributions_empty']} sentences/s"
              f" with attributions=[]; {articles.get('attributions_given', 'n/a')} with "
              "precomputed attributions passed in")
    counts = polnear_counts(args.data.parent.parent / "polnear" / "dev.jsonl")
    if counts:
        figures["polnear_dev_counts"] = counts
        voice = counts["by_voice_rule"]
        print("PolNeAR dev (no hedge gold), hedges by category/voice rule:",
              ", ".join(f"{k} {v}" for k, v in voice.items()))
    if args.write_json:
        figures["date"] = datetime.now(UTC).isoformat(timespec="seconds")
        figures["command"] = "python " + " ".join([sys.argv[0], *(argv or sys.argv[1:])])
        args.write_json.parent.mkdir(parents=True, exist_ok=True)
        args.write_json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.write_json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
