"""How the seven PolNeAR publishers frame the claims they report (prints, never asserts).

PolNeAR dev (``polnear/dev.jsonl`` in the team's shared data, never in the repository):
2016 US election coverage, twelve articles per publisher. The articles are converted on
the fly (``polnear_corpus.py``), analysed, and the framing profile of each publisher
printed (the headline of ``summary.json``), with the claims carried by the most
publishers. Nothing is written to the repository.

    python benchmarks/framing_by_publisher.py [--split dev]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd
from _data import require, shared_data_dir
from polnear_corpus import convert

from claimscope.corpus import load_corpus
from claimscope.engine import analyze_corpus
from claimscope.framing_profile import claim_grid, framing_profile, headline_view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    source = require(shared_data_dir() / "polnear" / f"{args.split}.jsonl")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"polnear-{args.split}.jsonl"
        convert(source, target)
        tables = analyze_corpus(load_corpus(target), jobs=args.jobs)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    profile = framing_profile(tables, "outlet")
    print(f"PolNeAR {args.split}: {len(tables['documents'])} articles, "
          f"{int(profile['claims'].sum())} attributed claims, {len(tables['claims'])} claims "
          "carried by two articles or more\n")
    print(headline_view(profile, labels=True).to_string())
    grid = claim_grid(tables, "outlet", top=8)
    if not grid.empty:
        print("\nthe claims carried by the most publishers (prevailing framing per publisher):")
        print(grid.pivot(index="label", columns="group", values="framing").fillna("")
              .to_string(max_colwidth=60))
    rules = tables["attributions"]["framing_rule"].dropna().str.split(";").explode()
    print("\nrules that fired:", rules.value_counts().to_dict())


if __name__ == "__main__":
    main()
