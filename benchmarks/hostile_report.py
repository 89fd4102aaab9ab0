"""``claimscope report`` on a hostile corpus: exit code, wall time, peak memory, issues.

    python benchmarks/hostile_report.py [--megabytes 26] [--seed 15] [--one-line] [--keep DIR]

Builds, in a temporary folder at run time (nothing is kept unless ``--keep``), a corpus
holding the sample corpus's articles, one very large document of generated news-like
sentences with attributions and hedges (``--megabytes``, the same text for the same
``--seed``; ``--one-line`` writes it without a line break), a 200 KB text without
punctuation, and one file of each kind of bad input of tests/test_corpus.py (binary,
empty, UTF-16, Latin-1, broken front matter, ...). Runs ``claimscope report CORPUS --out
OUT --no-cache`` under GNU time (``/usr/bin/time -v``; where it is missing: ``apt-get
update && apt-get install -y time``, else only the sampled figures are printed) and
prints the exit code, the wall time, the peak memory of the largest single process (what
GNU time reports) and of all the run's processes together (sampled from /proc every 0.2
s), then each bad file with the issues row it got (or MISSING), and the issues table.

Issue 15's targets: exit 0, every bad file in the issues table, under 10 minutes, under
3 GB for all processes. Prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _data import REPO

GNU_TIME = Path("/usr/bin/time")

FIRST = ["Lena", "Tomas", "Mira", "Jan", "Eva", "Arif", "Nadia", "Piotr", "Sofia", "Karim",
         "Ines", "Marek", "Hana", "Oskar", "Leila", "Viktor", "Anja", "Rafael"]
LAST = ["Vostrik", "Brandl", "Halvorsen", "Novak", "Lind", "Demir", "Kowalska", "Ostrow",
        "Marin", "Haddad", "Sorensen", "Petrescu", "Aalto", "Reyes", "Castell", "Wiebe"]
ROLES = ["Interior Minister", "port director", "a spokeswoman for the ministry,",
         "opposition leader", "the mayor,", "a senior analyst,", "union chief"]
GROUPS = ["officials", "two people familiar with the talks", "diplomats", "the ministry",
          "the port authority", "analysts", "a government report", "western intelligence",
          "residents", "the company", "investigators", "a person briefed on the matter"]
VERBS = ["said", "told reporters", "claimed", "insisted", "warned", "added", "acknowledged",
         "denied", "suggested", "argued", "wrote", "noted", "stressed", "alleged"]
HEDGED = ["may have", "might have", "probably", "appears to have", "allegedly", "likely",
          "could have", "is believed to have", "reportedly", "seems to have"]
PLAIN = ["", "", "has", "had"]
ACTIONS = ["shipped", "stored", "bought", "concealed", "moved", "sold", "inspected", "delayed",
           "approved", "blocked", "financed", "loaded"]
OBJECTS = ["drone parts", "grain cargoes", "fuel barrels", "engine licences", "spare turbines",
           "containers of fertiliser", "rail wagons", "medical supplies", "radar units"]
PLACES = ["Velmora", "the northern harbour", "Kostrava", "the border crossing", "Halden",
          "the free-trade zone", "the old naval yard", "Port Aster"]
TIMES = ["last week", "on Tuesday", "in March", "since the spring", "overnight",
         "earlier this year", "before the vote", "during the inspection"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _source(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.choice(ROLES)} {_name(rng)}"
    return _name(rng) if kind < 0.55 else rng.choice(GROUPS)


def _claim(rng: random.Random) -> str:
    modal = rng.choice(HEDGED) if rng.random() < 0.5 else rng.choice(PLAIN)
    verb = " ".join(filter(None, [modal, rng.choice(ACTIONS)]))
    return (f"{rng.choice(GROUPS + PLACES)} {verb} {rng.randint(2, 900)} "
            f"{rng.choice(OBJECTS)} {rng.choice(['in', 'near', 'through'])} "
            f"{rng.choice(PLACES)} {rng.choice(TIMES)}")


def sentence(rng: random.Random) -> str:
    """One news-like sentence: a reported claim (said, a quote, according to, an agentless
    passive), often hedged, or a plain narrative sentence."""
    claim, source, verb = _claim(rng), _source(rng), rng.choice(VERBS)
    shapes = (
        f"{source} {verb} that {claim}.",
        f"\u201c{claim[0].upper()}{claim[1:]},\u201d {source} {verb}.",
        f"According to {source}, {claim}.",
        f"{rng.choice(PLACES)} is said to have {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}.",
        f"{claim}, {source} {verb}.",
        f"The {rng.choice(OBJECTS)} reached {rng.choice(PLACES)} {rng.choice(TIMES)}, "
        f"where about {rng.randint(10, 400)} workers waited.",
    )
    chosen = rng.choice(shapes)
    return chosen[0].upper() + chosen[1:]


def generated_text(megabytes: float, seed: int, *, one_line: bool = False) -> str:
    """About ``megabytes`` MB of generated sentences in paragraphs of 3 to 7 (or one line)."""
    rng, size, paragraphs, total = random.Random(seed), int(megabytes * 1_000_000), [], 0
    while total < size:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return (" " if one_line else "\n\n").join(paragraphs)


PORT = ("The port authority said on Monday that night shipments would stop. Officials "
        "probably knew of the delays, a spokesman claimed.")
LATIN1 = "Le ministre a déclaré que le café du port resterait fermé, selon l'agence."


def bad_files(seed: int) -> dict[str, bytes | str]:
    """The bad inputs of tests/test_corpus.py, by file name (the 200 KB text without
    punctuation and the Latin-1 and UTF-16 files among them)."""
    flat = re.sub(r"[^\w\s]", "", generated_text(0.21, seed + 1, one_line=True))
    rows = [json.dumps({"id": "ok-1", "text": PORT}), '{"id": "broken", "text": "The ministry',
            json.dumps(["a list"]), json.dumps({"id": "no-text", "title": "Headline only"})]
    return {
        "hostile/no-punctuation.txt": flat[:200_000],
        "hostile/binary.txt": b"%PDF-1.7\x00\x01\x02" + random.Random(seed).randbytes(4096),
        "hostile/empty.md": "",
        "hostile/utf16.txt": ("---\ntitle: UTF-16 with BOM\n---\n" + PORT).encode("utf-16"),
        "hostile/latin1.txt": LATIN1.encode("latin-1"),
        "hostile/broken-front-matter.md": '---\ntitle: "Port pauses\nauthor: [Mira\n---\n' + PORT,
        "hostile/front-matter-list.md": "---\n- Port pauses\n---\n" + PORT,
        "hostile/unclosed-front-matter.md": "---\ntitle: Port pauses\n" + PORT,
        "hostile/blank-after-front-matter.md": "---\ntitle: Draft\n---\n \n\t\n",
        "hostile/broken-utf16.txt": PORT.encode("utf-16")[:-1],
        "hostile/bad-date.md": "---\ndate: June 9, 2023\n---\n" + PORT,
        "hostile/duplicate-a.md": "---\nid: dup-1\n---\n" + PORT,
        "hostile/duplicate-b.md": "---\nid: dup-1\n---\n" + PORT,
        "hostile/no-text.csv": "id,headline\nhw-1,Port pauses\n",
        "hostile/wrong-columns.csv": f"id,outlet,text\nhw-1,Wire,{PORT[:40]}\nhw-2,Wire,a,b\n",
        "hostile/no-text.jsonl": json.dumps({"id": "hw-9", "headline": "Port"}) + "\n",
        "hostile/broken-rows.jsonl": "\n".join(rows) + "\n",
        "hostile/scan.pdf": b"%PDF-1.7",
    }


# what each bad file must give: (file, severity) in the issues table; utf16.txt loads
EXPECTED = {
    "hostile/binary.txt": "error", "hostile/empty.md": "error", "hostile/latin1.txt": "warning",
    "hostile/broken-front-matter.md": "error", "hostile/front-matter-list.md": "error",
    "hostile/unclosed-front-matter.md": "error", "hostile/blank-after-front-matter.md": "error",
    "hostile/broken-utf16.txt": "error", "hostile/bad-date.md": "warning",
    "hostile/duplicate-b.md": "error", "hostile/no-text.csv": "error",
    "hostile/wrong-columns.csv": "error", "hostile/no-text.jsonl": "error",
    "hostile/broken-rows.jsonl": "error", "hostile/scan.pdf": "warning",
}


def build_corpus(folder: Path, megabytes: float, seed: int, one_line: bool) -> None:
    """Write the hostile corpus into ``folder``."""
    shutil.copytree(REPO / "corpus", folder / "sample",
                    ignore=lambda d, names: ["README.md"] if Path(d) == REPO / "corpus" else [])
    large = folder / "hostile" / "large-generated.txt"
    large.parent.mkdir(parents=True)
    large.write_text("---\ntitle: Generated wire copy\noutlet: Generated Wire\n---\n"
                     + generated_text(megabytes, seed, one_line=one_line), encoding="utf-8")
    for name, content in bad_files(seed).items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _tree_rss(root: int) -> tuple[int, int]:
    """Resident bytes of ``root`` and all its descendants, and of the largest of them,
    read from /proc (processes that end meanwhile are left out)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    sizes = []
    for pid in tree:
        try:
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        sizes.append(pages * os.sysconf("SC_PAGE_SIZE"))
    return sum(sizes), max(sizes, default=0)


def run_sampled(argv: list[str], every: float = 0.2) -> tuple[int, float, int, int, str]:
    """Run ``argv``: exit code, wall seconds, peak of all processes and of the largest one
    (bytes, sampled), and what it wrote to stderr."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=REPO)
    peaks = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            total, largest = _tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    sampler.join()
    return process.returncode, time.perf_counter() - began, peaks[0], peaks[1], stderr


def gnu_time_figures(stderr: str) -> dict[str, str]:
    """GNU time's wall clock and maximum resident set size lines, by name."""
    wanted = ("Elapsed (wall clock) time", "Maximum resident set size")
    return dict(line.strip().rsplit(": ", 1) for line in stderr.splitlines()
                if line.strip().startswith(wanted))


def issues_rows(out: Path) -> list[dict[str, str]]:
    """The issues table of the newest run folder in ``out`` (empty if none was written)."""
    found = sorted(out.glob("*/tables/issues.csv"), key=lambda p: p.stat().st_mtime)
    if not found:
        return []
    with open(found[-1], encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=26)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--one-line", action="store_true",
                        help="write the large document without a line break")
    parser.add_argument("--keep", type=Path, help="build the corpus and output here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        corpus, out = work / "corpus", work / "reports"
        build_corpus(corpus, args.megabytes, args.seed, args.one_line)
        script = Path(sys.executable).with_name("claimscope")
        argv = [str(script), "report", str(corpus), "--out", str(out), "--no-cache"]
        timed = GNU_TIME.exists()
        if not timed:
            print("GNU time is missing (apt-get update && apt-get install -y time): "
                  "only the sampled figures follow")
        code, seconds, total, largest, stderr = run_sampled(
            [str(GNU_TIME), "-v", *argv] if timed else argv)
        size = (corpus / "hostile" / "large-generated.txt").stat().st_size / 1e6
        print(f"corpus: the sample corpus, a {size:.1f} MB generated document"
              f"{' on one line' if args.one_line else ''} (seed {args.seed}) and "
              f"{len(bad_files(args.seed))} hostile files")
        print(f"exit code {code} (target 0); wall time {seconds:.0f} s (target < 600 s)")
        print(f"peak memory, all processes together (sampled): {total / 1e9:.2f} GB "
              f"(target < 3 GB); the largest single process: {largest / 1e9:.2f} GB")
        for name, value in gnu_time_figures(stderr).items():
            print(f"GNU time, {name}: {value}")
        if code:
            print("the report's last words:\n" + "\n".join(stderr.splitlines()[-25:]))
        rows = issues_rows(out)
        got = {(r["file"], r["severity"]) for r in rows}
        for name, severity in EXPECTED.items():
            print(f"  {'ok     ' if (name, severity) in got else 'MISSING'} {severity:7} {name}")
        print(f"issues table ({len(rows)} rows):")
        for row in rows:
            print(f"  {row['severity']:7} {row['file']}: {row['reason']}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
