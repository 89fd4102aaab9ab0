"""The ``claimscope`` command: ``analyze`` a corpus into tables, or run a ``report``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from claimscope.analysis import Lexicons
from claimscope.corpus import CorpusError, DateWindow, Document, open_corpus
from claimscope.engine import JsonlOnWorkers, analyze_to_folder, write_run
from claimscope.progress import Progress
from claimscope.report import (
    NotebookFailed,
    UsageError,
    checked_lexicons,
    load_params_file,
    parse_value,
    run_report,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimscope",
        description="Who is cited, with which verb, how firmly, in what tone: "
        "attribution, hedging and sentiment across a news corpus.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    report = commands.add_parser(
        "report", help="analyse a corpus and execute the notebooks into a run folder"
    )
    report.add_argument("corpus", nargs="?",
                        help="folder of .txt/.md files, a .jsonl or a .csv file "
                        "(or `corpus:` in the --params file)")
    report.add_argument("--out", help="where run folders go (default reports, or `out:` in "
                        "the --params file)")
    report.add_argument("-p", "--param", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="a notebook parameter (YAML value)")
    report.add_argument("--params", help="a YAML file of parameters (params/weekly.yaml)")
    report.add_argument("--notebooks", nargs="+", help="only these notebooks (00_corpus, 01 ...)")
    report.add_argument("--notebook-dir", help="where the notebooks are (./notebooks)")
    report.add_argument("--since", help="only documents dated on or after (YYYY[-MM[-DD]])")
    report.add_argument("--until", help="only documents dated on or before (YYYY[-MM[-DD]])")
    report.add_argument("--no-input", action="store_true", help="HTML without code cells")
    report.add_argument("--notebook-jobs", type=_positive,
                        help="notebooks executed at once (default: one per core)")
    _add_engine_options(report)

    analyze = commands.add_parser("analyze", help="analyse a corpus into tables only")
    analyze.add_argument("corpus", help="folder of .txt/.md files, a .jsonl or a .csv file")
    analyze.add_argument("--out", required=True, help="folder for the tables")
    analyze.add_argument("--lexicon-dir", help="folder with your own word lists")
    analyze.add_argument("--since", help="only documents dated on or after")
    analyze.add_argument("--until", help="only documents dated on or before")
    _add_engine_options(analyze)
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


def _add_engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--jobs", type=_positive,
                         help="worker processes (default: every core; 1 runs in this process)")
    command.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="local processes, or a Dask cluster (pip install "
                         "'claimscope[dask]')")
    command.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: a running Dask scheduler "
                         "(tcp://host:8786); without it a LocalCluster of --jobs workers")
    command.add_argument("--no-cache", action="store_true",
                         help="analyse every document again instead of reusing cached "
                         "results (report: and execute every notebook again)")


def _engine(args: argparse.Namespace) -> dict:
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler is the address of a Dask scheduler: add --engine dask")
    return {"engine": args.engine, "jobs": args.jobs, "scheduler": args.scheduler}


def _report(args: argparse.Namespace) -> Path:
    params = load_params_file(args.params) if args.params else {}
    corpus = params.pop("corpus", None)
    out = params.pop("out", None)
    params.update({name: parse_value(value) for name, value in args.param})
    params.update({k: v for k, v in (("since", args.since), ("until", args.until)) if v})
    corpus = args.corpus or corpus
    if not corpus:
        raise UsageError("give a corpus: `claimscope report CORPUS` or `corpus:` in --params")
    return run_report(
        corpus, out=args.out or out or "reports", params=params, notebook_dir=args.notebook_dir,
        notebooks=args.notebooks, no_input=args.no_input, cache=not args.no_cache,
        notebook_jobs=args.notebook_jobs,
        say=lambda line: print(line, file=sys.stderr, flush=True), **_engine(args),
    )


def _analyze(args: argparse.Namespace) -> Path:
    engine = _engine(args)
    try:
        stream = open_corpus(args.corpus)
        window = DateWindow.of(args.since, args.until)
    except CorpusError as error:
        raise UsageError(str(error)) from error
    except ValueError as error:
        raise UsageError(f"bad date window: {error}") from error
    lexicons = checked_lexicons(args.lexicon_dir)
    out = Path(args.out)
    outside: list = []

    def documents() -> Iterator[Document]:
        for doc in stream:
            inside, issue = window.admits(doc) if window else (True, None)
            if issue is not None:
                outside.append(issue)
            if inside:
                yield doc

    cache_dir = None if args.no_cache else out.resolve() / ".cache"  # the same for workers
    on_workers = _jsonl_on_workers(args.corpus, engine, lexicons, cache_dir, window)
    with Progress(stream.expected_documents()) as progress:
        if on_workers is not None:
            stats = write_run(on_workers, out, issues=lambda: on_workers.issues,
                              stats=on_workers.stats, progress=progress)
        else:
            stats = analyze_to_folder(
                documents(), out, issues=lambda: [*stream.issues, *outside], lexicons=lexicons,
                cache_dir=cache_dir, progress=progress, **engine,
            )
    issues = on_workers.issues if on_workers is not None else [*stream.issues, *outside]
    unread = sum(issue.severity == "error" for issue in issues)
    print(f"{stats.analysed + stats.cached} documents analysed ({stats.cached} from the cache; "
          f"{stats.words:,} words); {unread + stats.failed} set aside ({unread} unreadable, "
          f"{stats.failed} failed in analysis: see issues.csv); tables in {out}",
          file=sys.stderr)
    return out


def _jsonl_on_workers(
    corpus: str, engine: dict, lexicons: Lexicons, cache_dir: Path | None,
    window: DateWindow | None,
) -> JsonlOnWorkers | None:
    """With ``--engine dask`` a clean UTF-8 .jsonl is read by the workers, a block each."""
    path = Path(corpus)
    if engine["engine"] != "dask" or not path.is_file() or path.suffix.lower() != ".jsonl":
        return None
    try:
        return JsonlOnWorkers(path, lexicons=lexicons, jobs=engine["jobs"],
                              scheduler=engine["scheduler"], cache_dir=cache_dir, window=window)
    except ValueError:
        return None  # not clean UTF-8: read here, which reports the encoding


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns 0 when done, 1 when a notebook failed, 2 on bad usage."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            _report(args)
        else:
            _analyze(args)
    except UsageError as error:
        print(f"claimscope: {error}", file=sys.stderr)
        return 2
    except NotebookFailed as error:
        print(f"claimscope: {error}", file=sys.stderr)
        return 1
    except (FileNotFoundError, ImportError) as error:  # a missing path or optional extra
        print(f"claimscope: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
