"""Turn PolNeAR articles into a claimscope corpus (a ``.jsonl``) to try the notebooks on real news.

PolNeAR (``polnear/dev.jsonl`` in the team's shared data, never in the repository) holds
2016 US election coverage, twelve articles per publisher from seven publishers. This
writes one claimscope record per article (``id``, ``text``, ``title``, ``outlet`` =
publisher, ``author``, ``date`` = publication date) to ``OUT/polnear-<split>.jsonl``,
leaving the annotations behind. The output is for local runs only: never commit it.

    python benchmarks/polnear_corpus.py [--data PATH] [--split dev] [--out /tmp/polnear-dev]
    claimscope report /tmp/polnear-dev/polnear-dev.jsonl --out /tmp/rp --notebooks 01_attribution
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from _data import require, shared_data_dir

FIELDS = {"id": "id", "text": "text", "title": "title", "outlet": "publisher",
          "author": "author", "date": "publication_date"}


def corpus_record(article: dict) -> dict:
    """The claimscope fields of one PolNeAR article (blank author or title left out)."""
    record = {field: article.get(name) for field, name in FIELDS.items()}
    return {k: v for k, v in record.items() if v not in (None, "", "None")}


def convert(source: Path, target: Path) -> Counter:
    """Write ``source``'s articles to ``target`` as claimscope records; count them by outlet."""
    outlets: Counter = Counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if not line.strip():
                continue
            record = corpus_record(json.loads(line))
            outlets[record.get("outlet", "(none)")] += 1
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return outlets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="the shared data folder (default ../shared/data or "
                             "$CLAIMSCOPE_SHARED_DATA)")
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder to write into (default /tmp/polnear-<split>)")
    args = parser.parse_args()
    data = shared_data_dir() if args.data is None else args.data
    source = require(data / "polnear" / f"{args.split}.jsonl")
    out = args.out or Path(f"/tmp/polnear-{args.split}")
    target = out / f"polnear-{args.split}.jsonl"
    outlets = convert(source, target)
    print(f"wrote {sum(outlets.values())} articles from {len(outlets)} outlets to {target}")
    for outlet, n in sorted(outlets.items()):
        print(f"  {outlet:<22} {n}")


if __name__ == "__main__":
    main()
