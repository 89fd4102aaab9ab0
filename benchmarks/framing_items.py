"""Make the items annotators label for framing (benchmarks/framing_guide.md).

One item per attributed claim (not nested in another) of the given corpora: its source,
cue and claim as found, the sentence before, the sentence itself and the two after, the
outlet and register. The claim's span is written so that the evaluation can find the same
attribution again after the rules change. No label of the rules is written: annotators
must not see them.

    python benchmarks/framing_items.py [CORPUS ...] [--every 2] [--out FILE]

``--every N`` keeps every Nth item of the sample corpus (``corpus/``) and all of the
others, so that two annotation passes stay a few hours' work.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimscope.analysis import analyze
from claimscope.corpus import load_corpus

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [REPO / "corpus", REPO / "tests" / "fixtures" / "framing_ranking",
                   REPO / "tests" / "fixtures" / "seed_wire"]


def items(corpus: Path) -> list[dict]:
    """The items of one corpus, in document and text order."""
    found = []
    for doc in load_corpus(corpus).documents:
        result = analyze(doc)
        for a in result.attributions:
            if a.embedded or a.content is None:
                continue

            def around(i: int, spans=result.sentences) -> str:
                return spans[i].text if 0 <= i < len(spans) else ""

            found.append({
                "id": f"{corpus.name}/{doc.id}#{a.cue.start}",
                "corpus": corpus.name, "doc_id": doc.id, "outlet": doc.outlet,
                "register": doc.metadata.get("register"),
                "cue_start": a.cue.start, "cue_end": a.cue.end,
                "source": a.source.text if a.source else None, "cue": a.cue.text,
                "claim": a.content.text,
                "before": around(a.sentence - 1), "sentence": around(a.sentence),
                "after": " ".join(around(i) for i in (a.sentence + 1, a.sentence + 2)).strip(),
            })
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "data" /
                        "framing_items.jsonl")
    args = parser.parse_args()
    rows = []
    for corpus in args.corpora:
        found = items(corpus)
        rows += found[::args.every] if corpus.resolve() == REPO / "corpus" else found
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} items from {len(args.corpora)} corpora in {args.out}")


if __name__ == "__main__":
    main()
