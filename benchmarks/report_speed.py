"""How long ``claimscope report`` takes on the sample corpus, cold and warm (printed, never
asserted; issue 7 targets: under 20 s cold, under 8 s warm).

    python benchmarks/report_speed.py [--corpus corpus] [--out DIR] [--notebooks 00 01 ...]

Runs ``claimscope report CORPUS --out OUT`` three times: *cold* into a fresh, empty OUT
(no analysis cache), then *warm* into the same OUT again (nothing changed: the tables,
executed notebooks, HTML and figures of the first run are reused), then *regrouped* with
``-p group_by author`` (the tables are reused, every notebook is executed again). Prints
the three wall times, then per notebook: the runner's seconds (kernel start, execution,
HTML export, with the other notebooks running beside it) and papermill's execution time,
with the slowest cells. Timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DONE = re.compile(r"^\[\d+/\d+\] (\S+) (?:done|failed) \(([\d.]+) s\)$")


def command(corpus: Path, out: Path, notebooks: list[str] | None) -> list[str]:
    """The ``claimscope report`` command line (the installed script when there is one)."""
    script = Path(sys.executable).with_name("claimscope")
    head = ([str(script)] if script.exists() else
            [sys.executable, "-c", "import sys; from claimscope.cli import main; "
             "sys.exit(main(sys.argv[1:]))"])
    extra = ["--notebooks", *notebooks] if notebooks else []
    return [*head, "report", str(corpus), "--out", str(out), *extra]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str]) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of one report run (CPU: the runner, its kernels and workers,
    less sensitive than wall time to what else the machine runs), and the runner's
    seconds per notebook."""
    started, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, check=False)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"report failed ({result.returncode}):\n{result.stderr[-3000:]}")
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    notebooks = {m.group(1): float(m.group(2)) for m in map(DONE.match, lines) if m}
    return seconds, cpu, notebooks


def papermill_times(run_folder: Path, cells: int = 2) -> dict[str, tuple[float, list[str]]]:
    """Per executed notebook: papermill's duration and its ``cells`` slowest code cells."""
    found = {}
    for path in sorted(run_folder.glob("[0-9][0-9]_*.ipynb")):
        node = json.loads(path.read_text(encoding="utf-8"))
        timed = [(cell["metadata"].get("papermill", {}).get("duration") or 0.0, index)
                 for index, cell in enumerate(node["cells"]) if cell["cell_type"] == "code"]
        slowest = [f"cell {index} {duration:.1f} s" for duration, index
                   in sorted(timed, reverse=True)[:cells]]
        found[path.stem] = (node["metadata"]["papermill"]["duration"], slowest)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--out", type=Path, help="output folder (default: a fresh temporary "
                        "one, removed afterwards); it must not exist yet")
    parser.add_argument("--notebooks", nargs="+", help="only these notebooks (00_corpus ...)")
    args = parser.parse_args(argv)
    temporary = None
    if args.out is None:
        temporary = Path(tempfile.mkdtemp(prefix="claimscope-report-speed-"))
        out = temporary / "reports"
    else:
        out = args.out
        if out.exists():
            sys.exit(f"--out {out} exists; give a new folder (a cold run needs an empty one)")
    try:
        argv_ = command(args.corpus, out, args.notebooks)
        cold, cold_cpu, cold_notebooks = run(argv_)
        warm, warm_cpu, _ = run(argv_)
        regrouped, regrouped_cpu, regrouped_notebooks = run([*argv_, "-p", "group_by",
                                                             "author"])
        executed = papermill_times((out / "latest").resolve())
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    cores = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"command: {' '.join(Path(a).name if i == 0 else a for i, a in enumerate(argv_))}")
    print(f"machine: {cores} cores, load average {load:.1f} at the end")
    print(f"cold (empty --out, no cache): {cold:.1f} s wall (target < 20 s), {cold_cpu:.1f} s CPU")
    print(f"warm (same --out again):      {warm:.1f} s wall (target < 8 s), {warm_cpu:.1f} s CPU")
    print(f"regrouped (-p group_by author, tables reused, notebooks executed): "
          f"{regrouped:.1f} s wall, {regrouped_cpu:.1f} s CPU")
    for name in sorted(set(cold_notebooks) | set(regrouped_notebooks)):
        duration, slowest = executed.get(name, (float("nan"), []))
        print(f"{name}: runner {cold_notebooks.get(name, float('nan')):.1f} s cold, "
              f"{regrouped_notebooks.get(name, float('nan')):.1f} s regrouped; papermill "
              f"(regrouped) {duration:.1f} s; slowest: {', '.join(slowest)}")

if __name__ == "__main__":
    main()
