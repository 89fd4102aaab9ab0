"""Sentence-boundary precision, recall and F1 against PolNeAR's CoreNLP sentences.

    python benchmarks/evaluate_sentences.py [--split dev] [--data DIR]

A boundary is the start offset of every sentence but a document's first, after
stripping white space and quotation marks (CoreNLP puts an opening mark in either
sentence; where the boundary falls is what counts). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from _data import require, shared_data_dir

from claimscope.text import sentences

GOLD_FIELD = 'sentences_corenlp'  # PolNeAR's CoreNLP sentence offsets, read at run time
_QUOTE_MARKS = "\"'“”‘’"


def _starts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    starts = set()
    for start, end in spans:
        while start < end and (text[start].isspace() or text[start] in _QUOTE_MARKS):
            start += 1
        starts.add(start)
    return starts - {min(starts, default=0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--data", default=None, help="folder holding polnear/")
    parser.add_argument("--show", type=int, default=0, help="print N example errors")
    args = parser.parse_args()
    data = shared_data_dir() if args.data is None else Path(args.data)
    path = require(data / "polnear" / f"{args.split}.jsonl")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    counts: Counter[str] = Counter()
    n_sentences, seconds, shown = 0, 0.0, 0
    for doc in docs:
        if not doc.get(GOLD_FIELD):
            continue
        text = doc["text"]
        gold = _starts(text, [tuple(s) for s in doc[GOLD_FIELD]])
        began = time.perf_counter()
        predicted_spans = sentences(text)
        seconds += time.perf_counter() - began
        n_sentences += len(predicted_spans)
        predicted = _starts(text, [(s.start, s.end) for s in predicted_spans])
        counts["tp"] += len(gold & predicted)
        counts["fp"] += len(predicted - gold)
        counts["fn"] += len(gold - predicted)
        for kind, offsets in (("extra", predicted - gold), ("missed", gold - predicted)):
            for offset in sorted(offsets):
                if shown < args.show:
                    before, after = text[max(0, offset - 60) : offset], text[offset : offset + 40]
                    print(f"{kind:6} {before!r} | {after!r}")
                    shown += 1
    precision = counts["tp"] / max(counts["tp"] + counts["fp"], 1)
    recall = counts["tp"] / max(counts["tp"] + counts["fn"], 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    gold_total = counts["tp"] + counts["fn"]
    print(f"PolNeAR {args.split}: {len(docs)} articles, {gold_total} gold boundaries")
    print(f"sentence boundaries  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"throughput  {n_sentences / max(seconds, 1e-9):,.0f} sentences/second")


if __name__ == "__main__":
    main()
