"""Throughput of the whole analysis (attribution, hedging, tone, entities) per scheduler.

    python benchmarks/throughput.py [--copies 10] [--workers 2] [--schedulers serial processes dask]

The corpus is the PolNeAR dev articles when ../shared/data is present (84 real news
articles), else the sample corpus; ``--copies`` repeats it (with distinct ids) to
measure at scale. Prints documents, sentences and words per second; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace

from _data import REPO, shared_data_dir

from claimscope.corpus import Corpus, document_from_text, load_corpus
from claimscope.engine import analyze_corpus


def _base_corpus() -> tuple[str, Corpus]:
    path = shared_data_dir() / "polnear" / "dev.jsonl"
    if path.is_file():
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        documents = tuple(
            document_from_text(d["text"], id=d["id"], outlet=d["publisher"]) for d in docs
        )
        return "PolNeAR dev", Corpus(str(path), documents, ())
    return "sample corpus", load_corpus(REPO / "corpus")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--schedulers", nargs="+", default=["serial", "processes", "dask"])
    args = parser.parse_args()
    name, base = _base_corpus()
    documents = tuple(
        replace(doc, id=f"{copy}/{doc.id}")
        for copy in range(args.copies) for doc in base.documents
    )
    corpus = Corpus(base.root, documents, ())
    print(f"{name} x{args.copies}: {len(documents)} documents")
    for scheduler in args.schedulers:
        began = time.perf_counter()
        tables = analyze_corpus(corpus, scheduler=scheduler, workers=args.workers)
        seconds = time.perf_counter() - began
        sentences = len(tables["sentences"])
        words = int(tables["documents"]["words"].sum())
        workers = "" if scheduler == "serial" else f", {args.workers} workers"
        print(f"{scheduler:9} {seconds:7.1f} s  {len(documents) / seconds:7.1f} documents/s  "
              f"{sentences / seconds:8.0f} sentences/s  {words / seconds:9.0f} words/s{workers}")


if __name__ == "__main__":
    main()
