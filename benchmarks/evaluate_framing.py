"""Agreement of the framing rules with human annotation (prints, never asserts).

Items: ``benchmarks/data/framing_items.jsonl`` (``framing_items.py``); annotations: two
independent passes made from ``benchmarks/framing_guide.md`` alone
(``framing_pass1.jsonl``, ``framing_pass2.jsonl``). Each item is matched again to the
attribution with the same cue span in a fresh analysis, so the rules scored are the
current ones. Items a pass marks ``not-a-claim`` are left out of the scores that involve
that pass.

Printed: for framing (endorsed, neutral, distanced, disputed) and for contested, the
accuracy, Cohen's kappa and per-class F1 of pass 1 against pass 2 (how well people agree:
the ceiling), and of the rules against each pass and against the items both passes agree
on; then the confusions of the rules against the agreed items, with examples.

    python benchmarks/evaluate_framing.py [--write-json lib/claimscope/data/validation_framing.json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from claimscope.analysis import analyze
from claimscope.corpus import load_corpus

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
LABELS = ("endorsed", "neutral", "distanced", "disputed")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def rule_labels(items: list[dict]) -> dict[str, dict]:
    """Item id -> the rules' framing, contested and framing_rule, from a fresh analysis."""
    corpora = {item["corpus"] for item in items}
    found: dict[tuple[str, str, int], dict] = {}
    for name in sorted(corpora):
        folder = REPO / "corpus" if name == "corpus" else REPO / "tests" / "fixtures" / name
        for doc in load_corpus(folder).documents:
            result = analyze(doc)
            for a, f in zip(result.attributions, result.framings, strict=True):
                found[(name, doc.id, a.cue.start)] = {
                    "framing": f.framing, "contested": f.contested, "rules": f.rules}
    return {item["id"]: found.get((item["corpus"], item["doc_id"], item["cue_start"]))
            for item in items}


def kappa(first: list, second: list) -> float:
    """Cohen's kappa of two label lists."""
    n = len(first)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    one, two = Counter(first), Counter(second)
    expected = sum(one[k] * two[k] for k in set(one) | set(two)) / n / n
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(first: list, second: list, classes: tuple) -> dict:
    """Accuracy, kappa and per-class F1 (second taken as the reference)."""
    scores = {"n": len(first),
              "accuracy": round(sum(a == b for a, b in zip(first, second, strict=True))
                                / max(1, len(first)), 3),
              "kappa": round(kappa(first, second), 3)}
    for label in classes:
        tp = sum(a == label and b == label for a, b in zip(first, second, strict=True))
        fp = sum(a == label and b != label for a, b in zip(first, second, strict=True))
        fn = sum(a != label and b == label for a, b in zip(first, second, strict=True))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
        scores[f"f1_{label}"] = round(f1, 3)
        scores[f"support_{label}"] = tp + fn
    return scores


def compare(pairs: list[tuple[dict, dict]], key: str, classes: tuple) -> dict:
    valid = [(a, b) for a, b in pairs if a["framing"] != "not-a-claim"
             and b["framing"] != "not-a-claim"]
    return agreement([a[key] for a, _ in valid], [b[key] for _, b in valid], classes)


def rule_label(reason: str) -> tuple[str, object]:
    """What a recorded rule says: the framing it gives, or contested."""
    if reason.startswith("contest:"):
        return "contested", True
    if reason == "cue:endorsing":
        return "framing", "endorsed"
    if reason.startswith("dispute:"):
        return "framing", "disputed"
    return "framing", "distanced"  # cue:distancing, hedge:*, scare_quote, distance:*


def rule_precision(pairs: list[tuple[dict, dict]]) -> dict[str, dict]:
    """Per recorded rule: how often it fired on the items both passes agree on, and the
    share of those whose agreed label is the one the rule gives."""
    fired: Counter = Counter()
    right: Counter = Counter()
    for rule, gold in pairs:
        for reason in rule["rules"]:
            key, label = rule_label(reason)
            fired[reason] += 1
            if key == "contested":
                right[reason] += gold["contested"] is True
            else:  # right when the annotators gave this label (a distancing rule also
                # when they found the claim disputed, a stronger doubt)
                right[reason] += gold["framing"] == label or (
                    label == "distanced" and gold["framing"] == "disputed")
    return {name: {"fired": fired[name], "precision": round(right[name] / fired[name], 3)}
            for name in fired}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-json", type=Path)
    args = parser.parse_args()
    items = read_jsonl(DATA / "framing_items.jsonl")
    passes = [{row["id"]: row for row in read_jsonl(DATA / f"framing_pass{n}.jsonl")}
              for n in (1, 2)]
    rules = rule_labels(items)
    missing = [item["id"] for item in items if rules[item["id"]] is None]
    ids = [item["id"] for item in items if rules[item["id"]] is not None
           and all(item["id"] in p for p in passes)]
    print(f"{len(items)} items, {len(ids)} annotated twice and found again "
          f"({len(missing)} no longer found by the rules)")
    results: dict = {"items": len(items), "scored": len(ids)}
    for key, classes in (("framing", LABELS), ("contested", (True, False))):
        table = {
            "pass1_vs_pass2": compare([(passes[0][i], passes[1][i]) for i in ids], key,
                                      classes),
            "rules_vs_pass1": compare([(rules[i], passes[0][i]) for i in ids], key, classes),
            "rules_vs_pass2": compare([(rules[i], passes[1][i]) for i in ids], key, classes),
        }
        agreed = [i for i in ids if passes[0][i][key] == passes[1][i][key]]
        table["rules_vs_agreed"] = compare([(rules[i], passes[0][i]) for i in agreed], key,
                                           classes)
        results[key] = table
        print(f"\n{key}")
        for name, scores in table.items():
            f1s = ", ".join(f"{c} {scores[f'f1_{c}']} (n={scores[f'support_{c}']})"
                            for c in classes)
            print(f"  {name:16} n={scores['n']:4} accuracy {scores['accuracy']:.3f} "
                  f"kappa {scores['kappa']:.3f}; F1 {f1s}")
    agreed = [i for i in ids if passes[0][i]["framing"] == passes[1][i]["framing"]
              and passes[0][i]["framing"] != "not-a-claim"]
    confusions = Counter((passes[0][i]["framing"], rules[i]["framing"]) for i in agreed
                         if passes[0][i]["framing"] != rules[i]["framing"])
    by_id = {item["id"]: item for item in items}
    print("\nrules against the agreed label (annotators -> rules): count, an example")
    for (gold, said), count in confusions.most_common():
        example = next(i for i in agreed if passes[0][i]["framing"] == gold
                       and rules[i]["framing"] == said)
        item = by_id[example]
        print(f"  {gold:9} -> {said:9} {count:3}  {item['cue']!r}: {item['claim'][:70]!r} "
              f"[{';'.join(rules[example]['rules'])}]")
    results["confusions"] = {f"{g}->{s}": c for (g, s), c in confusions.most_common()}
    results["rules"] = rule_precision([(rules[i], passes[0][i]) for i in agreed if
                                       passes[0][i]["contested"] == passes[1][i]["contested"]])
    print("\nprecision of each rule on the agreed items (where it fired, the share whose "
          "agreed label is the one it gives)")
    for name, row in sorted(results["rules"].items(), key=lambda kv: -kv[1]["fired"]):
        print(f"  {name:28} fired {row['fired']:3}  precision {row['precision']:.2f}")
    if args.write_json:
        record = {"date": datetime.now(UTC).date().isoformat(),
                  "command": "python benchmarks/evaluate_framing.py --write-json "
                             "lib/claimscope/data/validation_framing.json",
                  "data": "benchmarks/data/framing_items.jsonl, two passes from "
                          "benchmarks/framing_guide.md", **results}
        args.write_json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.write_json}")


if __name__ == "__main__":
    main()
