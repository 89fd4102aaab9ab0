"""The performance benchmarks of issue 7, printed as one table (figures, never assertions).

    python benchmarks/bench.py [--only overhead scale report dask] [--articles 10000] [--jobs 2]

1. overhead  words per second of the whole per-document analysis (attribution, hedging,
             tone, entities) on one core, against its bare dependencies run back to
             back on the same text: Punkt sentence splitting, then PatternTagger, VADER
             and TextBlob on every sentence. The ratio is claimscope's throughput over
             the dependencies' (target 0.7 or more: its own logic costs at most 30%).
2. scale     ``claimscope analyze`` of a corpus of ``--articles`` articles (built from
             PolNeAR train, replicated with unique ids, else from the sample corpus)
             with ``--jobs`` processes and no cache: wall time and peak memory of the
             whole process tree (target: 10,000 articles in under 2 minutes, under 2 GB).
3. report    ``claimscope report corpus`` cold (empty output folder) and warm (the
             analysis cache filled): ``benchmarks/report_speed.py`` (targets 20 s, 8 s).
4. dask      the same corpus on a Dask LocalCluster of 1 and of 2 workers: the speed-up,
             and the scheduling overhead per document against the in-process loop
             (cluster start-up timed apart).

The corpora for 1 and 4 are the PolNeAR dev articles when ``../shared/data`` is present,
else the sample corpus. Timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
from _data import REPO, shared_data_dir

from claimscope.analysis import Lexicons
from claimscope.corpus import Document, document_from_text, load_corpus, word_count
from claimscope.engine import analyze_document, analyze_documents

BENCHMARKS = ("overhead", "scale", "report", "dask")


def real_articles() -> tuple[str, list[Document]]:
    """The PolNeAR dev articles when present, else the sample corpus."""
    path = shared_data_dir() / "polnear" / "dev.jsonl"
    if path.is_file():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return "PolNeAR dev", [document_from_text(r["text"], id=r["id"], outlet=r["publisher"])
                               for r in rows]
    return "sample corpus", list(load_corpus(REPO / "corpus").documents)


def _seconds(work: Callable[[], object]) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def overhead(repeats: int = 3) -> list[tuple[str, str]]:
    """claimscope against its bare dependencies on the same sentences, one core.

    Each side is timed ``repeats`` times, interleaved, and the fastest run counts, so
    a burst of other work on the machine does not decide the ratio.
    """
    from textblob import TextBlob
    from textblob.en.taggers import PatternTagger
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from claimscope import sentiment
    from claimscope import text as textmod

    name, docs = real_articles()
    words = sum(word_count(d.text) for d in docs)
    lexicons = Lexicons()
    analyze_document(docs[0], lexicons=lexicons)  # load word lists and models once
    punkt = textmod._punkt(None)  # Punkt with claimscope's abbreviation list
    paragraphs = [d.text[p.start:p.end] for d in docs for p in textmod.paragraphs(d.text)]
    sentences = [d.text[s.start:s.end] for d in docs for s in textmod.sentences(d.text)]
    tagger, vader = PatternTagger(), SentimentIntensityAnalyzer()
    tagger.tag(sentences[0])
    steps = {
        "Punkt": lambda: [punkt.tokenize(p) for p in paragraphs],
        "PatternTagger": lambda: [tagger.tag(s) for s in sentences],
        "VADER": lambda: [vader.polarity_scores(s) for s in sentences],
        "TextBlob": lambda: [TextBlob(s).sentiment for s in sentences],
    }
    # what claimscope scores besides sentences: each voice of a sentence with reported
    # content (the writer's remainder, each content piece), once per distinct text
    voices = sorted({row["text"] for d in docs
                     for row in analyze_document(d, lexicons=lexicons).records["voices"]}
                    - set(sentences))
    steps["VADER+TextBlob, voices"] = lambda: [(vader.polarity_scores(v), TextBlob(v).sentiment)
                                               for v in voices]
    best = {key: float("inf") for key in [*steps, "claimscope"]}
    for _ in range(repeats):
        # claimscope starts each run cold: nothing remembered from a run before
        sentiment._word_tokens().clear()
        sentiment._score_default.cache_clear()
        best["claimscope"] = min(best["claimscope"], _seconds(
            lambda: [analyze_document(d, lexicons=lexicons) for d in docs]))
        for key, step in steps.items():
            best[key] = min(best[key], _seconds(step))
    ours = best.pop("claimscope")
    on_voices = best.pop("VADER+TextBlob, voices")
    bare = sum(best.values())
    parts = ", ".join(f"{key} {seconds:.2f}" for key, seconds in best.items())
    return [
        ("corpus", f"{name}: {len(docs)} articles, {words:,} words, {len(sentences):,} sentences"),
        ("claimscope, 1 core", f"{words / ours:,.0f} words/s ({ours:.2f} s)"),
        ("dependencies on the sentences, 1 core",
         f"{words / bare:,.0f} words/s ({bare:.2f} s: {parts})"),
        ("ratio (target >= 0.70)", f"{bare / ours:.2f}"),
        (f"... with the {len(voices):,} voice texts scored too",
         f"+{on_voices:.2f} s: ratio {(bare + on_voices) / ours:.2f}"),
    ]


def build_corpus(articles: int, folder: Path) -> tuple[str, Path]:
    """A .jsonl of ``articles`` articles: PolNeAR train replicated with unique ids."""
    source = shared_data_dir() / "polnear" / "train.jsonl"
    if source.is_file():
        rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
        base = [{"id": r["id"], "text": r["text"], "outlet": r["publisher"],
                 "date": r["publication_date"], "title": r["title"]} for r in rows]
        name = "PolNeAR train"
    else:
        base = [{"id": d.id, "text": d.text, "outlet": d.outlet, "date": d.date}
                for d in load_corpus(REPO / "corpus").documents]
        name = "sample corpus"
    path = folder / f"articles-{articles}.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(articles):
            row = dict(base[i % len(base)])
            row["id"] = f"{i:06d}/{row['id']}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return name, path


def _run_measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (GB) of a command's whole process tree."""
    import psutil

    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - began
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return seconds, peak / 1e9


def scale(articles: int, jobs: int) -> list[tuple[str, str]]:
    """``claimscope analyze`` of a large corpus, cold, with ``jobs`` processes."""
    with tempfile.TemporaryDirectory() as tmp:
        name, corpus = build_corpus(articles, Path(tmp))
        out = Path(tmp) / "tables"
        command = [sys.executable, "-m", "claimscope.cli", "analyze", str(corpus),
                   "--out", str(out), "--jobs", str(jobs), "--no-cache"]
        seconds, peak = _run_measured(command)
        frame = pd.read_parquet(out / "documents.parquet", columns=["words", "sentences"])
        documents, words = len(frame), int(frame["words"].sum())
    return [
        ("corpus", f"{name}, {articles:,} articles ({words:,} words, "
                   f"{int(frame['sentences'].sum()):,} sentences), {jobs} processes, no cache"),
        ("wall time (target < 120 s)", f"{seconds:.0f} s: {documents / seconds:,.0f} articles/s, "
                                       f"{words / seconds:,.0f} words/s"),
        ("peak memory, all processes (target < 2 GB)", f"{peak:.2f} GB"),
    ]


def report() -> list[tuple[str, str]]:
    """``claimscope report`` on the sample corpus, cold and warm (benchmarks/report_speed.py)."""
    script = Path(__file__).with_name("report_speed.py")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            check=True)
    return [("report_speed.py", line) for line in result.stdout.strip().splitlines()]


def dask(jobs: int) -> list[tuple[str, str]]:
    """Dask LocalCluster with 1 and ``jobs`` workers against the in-process loop."""
    from distributed import LocalCluster

    name, base = real_articles()
    docs = [replace(d, id=f"{i}/{d.id}") for i in range(3) for d in base]
    lexicons = Lexicons()

    def run(**engine: object) -> float:
        return _seconds(lambda: [b for b in analyze_documents(docs, lexicons=lexicons,
                                                             **engine)])

    analyze_document(docs[0], lexicons=lexicons)
    serial = run(engine="local", jobs=1)
    rows = [("corpus", f"{name} x3: {len(docs)} articles"),
            ("in-process loop", f"{serial:.1f} s")]
    times = {}
    for workers in sorted({1, jobs}):
        began = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            start = time.perf_counter() - began
            times[workers] = run(engine="dask", jobs=workers, scheduler=cluster.scheduler_address)
        rows.append((f"Dask, {workers} worker{'s' * (workers > 1)}",
                     f"{times[workers]:.1f} s (+ {start:.1f} s to start the cluster)"))
    rows.append((f"speed-up, {jobs} workers over 1", f"{times[1] / times[jobs]:.2f}x"))
    per_doc = (times[1] - serial) / len(docs) * 1000
    rows.append(("scheduling overhead per document (1 worker - loop)", f"{per_doc:.1f} ms"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}")
    runs = {"overhead": overhead, "scale": lambda: scale(args.articles, args.jobs),
            "report": report, "dask": lambda: dask(args.jobs)}
    for number, name in enumerate(BENCHMARKS, 1):
        if name not in args.only:
            continue
        print(f"\n{number}. {name}")
        for label, figure in runs[name]():
            print(f"   {label:52} {figure}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
