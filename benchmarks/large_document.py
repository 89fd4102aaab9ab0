"""One very large document through the whole analysis: time and peak memory.

    python benchmarks/large_document.py [--megabytes 20]

The document is the sample corpus's articles repeated until it reaches the size
(real prose, so every analyzer has work). Prints seconds, sentences and peak resident
memory; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import time

from _data import REPO

from claimscope.analysis import analyze
from claimscope.corpus import document_from_text, load_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()
    sample = "\n\n".join(d.text for d in load_corpus(REPO / "corpus").documents)
    copies = int(args.megabytes * 1_000_000 / len(sample.encode("utf-8"))) + 1
    text = "\n\n".join([sample] * copies)
    size = len(text.encode("utf-8")) / 1e6
    began = time.perf_counter()
    result = analyze(document_from_text(text, id="large"))
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{size:.1f} MB, {len(result.sentences):,} sentences, "
          f"{len(result.attributions):,} attributions, {len(result.hedges):,} hedges")
    print(f"analysed in {seconds:.0f} s ({len(result.sentences) / seconds:,.0f} sentences/s), "
          f"peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
