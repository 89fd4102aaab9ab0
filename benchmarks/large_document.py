"""One very large document through the whole analysis, and one very long sentence through
the hedge finder: time and peak memory.

    python benchmarks/large_document.py [--megabytes 20] [--sentence-kilobytes 216,1000]
                                        [--one-line]

The document is the sample corpus's articles repeated until it reaches the size
(real prose, so every analyzer has work). Prints seconds, sentences and peak resident
memory. The long sentence is the same prose run into one sentence (full stops and
paragraph breaks become semicolons and spaces, as in a transcript or a scraped page
without punctuation); its attributions and hedges are timed apart. ``--one-line``
makes the document one line, its line breaks spaces (a page scraped without its
paragraphs). Asserts nothing; ``--megabytes 0`` skips the document.
"""

from __future__ import annotations

import argparse
import re
import resource
import time

from _data import REPO

from claimscope.analysis import analyze
from claimscope.attribution import find_attributions
from claimscope.corpus import document_from_text, load_corpus
from claimscope.hedging import find_hedges
from claimscope.text import sentences


def one_sentence(sample: str, kilobytes: float) -> str:
    """``sample`` run into one sentence of about ``kilobytes`` kB (repeated as needed)."""
    flat = re.sub(r"[.!?](?=[\s\"”’']|$)", ";", re.sub(r"\s*\n\s*", " ", sample))
    size = int(kilobytes * 1000)
    return (flat * (size // len(flat) + 1))[:size].rstrip() + "."


def time_long_sentence(sample: str, kilobytes: float) -> None:
    """Print the seconds find_attributions and find_hedges take on one long sentence."""
    text = one_sentence(sample, kilobytes)
    began = time.perf_counter()
    attributions = find_attributions(text)
    middle = time.perf_counter()
    hedges = find_hedges(text, attributions=attributions)
    ended = time.perf_counter()
    print(f"one sentence of {len(text.encode('utf-8')) / 1000:,.0f} kB "
          f"({len(sentences(text))} sentence): {len(attributions):,} attributions in "
          f"{middle - began:.1f} s, "
          f"{len(hedges):,} hedges in {ended - middle:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--sentence-kilobytes", default="216,1000",
                        help="comma-separated sizes of the long sentence ('' for none)")
    parser.add_argument("--one-line", action="store_true",
                        help="the document as one line (line breaks become spaces)")
    args = parser.parse_args()
    sample = "\n\n".join(d.text for d in load_corpus(REPO / "corpus").documents)
    for kilobytes in filter(None, args.sentence_kilobytes.split(",")):
        time_long_sentence(sample, float(kilobytes))
    if args.megabytes <= 0:
        return
    copies = int(args.megabytes * 1_000_000 / len(sample.encode("utf-8"))) + 1
    text = "\n\n".join([sample] * copies)
    if args.one_line:
        text = re.sub(r"\s*\n\s*", " ", text)
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
