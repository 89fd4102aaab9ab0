"""The ``claimscope`` command: ``analyze`` a corpus into tables, or run a ``report``."""

from __future__ import annotations

import argparse
import errno
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import claimscope
from claimscope.analysis import Lexicons
from claimscope.corpus import (
    CorpusError,
    CorpusIssue,
    CorpusStream,
    DateWindow,
    Document,
    open_corpus,
)
from claimscope.engine import (
    JsonlOnWorkers,
    RunStats,
    analyze_to_folder,
    cache_limit,
    claims_stage,
    parse_size,
    prune_cache,
    write_run,
)
from claimscope.progress import Progress
from claimscope.report import (
    EXIT_CODES,
    NotebookFailed,
    UsageError,
    checked_claims,
    checked_lexicons,
    load_params_file,
    parse_value,
    run_report,
)
from claimscope.runs import (
    FolderBusy,
    exclusive,
    remove_stale_partials,
    replace_folder,
    start_partial,
)
from claimscope.tables import CACHE_FOLDER, is_tables_folder

EXAMPLES = """examples:
  claimscope report corpus                          the sample corpus into reports/
  claimscope report my-articles.jsonl --since 2025-03 -p group_by author
  claimscope report --params params/weekly.yaml     a scheduled run (since: -7d)
  claimscope analyze big-corpus.jsonl --out tables/ tables only, every core"""


def _exit_codes() -> str:
    return "exit codes:\n" + "\n".join(f"  {code}  {meaning}"
                                         for code, meaning in EXIT_CODES.items())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimscope",
        description="Who is cited, with which verb, how firmly, in what tone: "
        "attribution, hedging and sentiment across a news corpus.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version",
                        version=f"claimscope {claimscope.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = commands.add_parser(
        "report", help="analyse a corpus and execute the notebooks into a run folder",
        description="Analyse a corpus, execute the notebooks on its tables and leave a run "
        "folder (index.html, executed notebooks and their HTML, tables, figures, "
        "summary.json); reports/latest points at the newest complete run.",
        epilog=f"{EXAMPLES}\n\n{_exit_codes()}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    code = report.add_mutually_exclusive_group()
    code.add_argument("--with-code", action="store_true",
                      help="show the notebooks' code in the HTML (hidden by default)")
    code.add_argument("--no-input", action="store_true",
                      help="HTML without code cells (the default; kept for old schedules)")
    report.add_argument("--keep", type=_positive, metavar="N",
                        help="afterwards remove all but the N newest complete runs "
                        "(default: keep every run)")
    report.add_argument("--notebook-jobs", type=_positive,
                        help="notebooks executed at once (default: one per core)")
    _add_engine_options(report)

    analyze = commands.add_parser(
        "analyze", help="analyse a corpus into tables only",
        description="Analyse a corpus into tables (Parquet and CSV) in --out. The tables "
        "are written beside it and swapped in when complete, so --out holds either the "
        "last complete tables or the new ones, never a mixture.",
        epilog=_exit_codes(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("corpus", help="folder of .txt/.md files, a .jsonl or a .csv file")
    analyze.add_argument("--out", required=True, help="folder for the tables")
    analyze.add_argument("--lexicon-dir", help="folder with your own word lists")
    analyze.add_argument("--claims", metavar="FILE",
                         help="a YAML file of your own claims: name: [phrases, ...]")
    analyze.add_argument("--since", help="only documents dated on or after")
    analyze.add_argument("--until", help="only documents dated on or before")
    _add_engine_options(analyze)

    cache = commands.add_parser(
        "cache", help="prune the cache of analysed documents to a size",
        description="Remove the least recently used entries of a cache until it fits a "
        "size. Runs prune their cache to its limit after each run (2 GiB, or "
        "$CLAIMSCOPE_CACHE_MAX_BYTES); this prunes further, or a cache no run uses now. "
        "Pruning never changes a result: a removed entry is analysed again when needed.",
        epilog="examples:\n  claimscope cache prune                      reports/.cache to "
        "its limit\n  claimscope cache prune tables/.cache --max-size 0   empty it\n\n"
        + _exit_codes(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cache.add_argument("action", choices=["prune"], help="what to do (prune)")
    cache.add_argument("folder", nargs="?", default=f"reports/{CACHE_FOLDER}",
                       help=f"the cache folder (default reports/{CACHE_FOLDER}; "
                       f"analyze keeps it in <out>/{CACHE_FOLDER})")
    cache.add_argument("--max-size", metavar="SIZE",
                       help="keep at most this much: bytes, or 500M, 2G (default: the "
                       "cache's limit)")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


def _add_engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--text-column", metavar="NAME",
                         help="the .csv/.jsonl column that holds the text (default: text, "
                         "body or content)")
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
        notebooks=args.notebooks, no_input=not args.with_code, cache=not args.no_cache,
        notebook_jobs=args.notebook_jobs, keep=args.keep, text_column=args.text_column,
        say=lambda line: print(line, file=sys.stderr, flush=True), **_engine(args),
    )


def _analyze(args: argparse.Namespace) -> Path:
    engine = _engine(args)
    try:
        stream = open_corpus(args.corpus, text_column=args.text_column)
        window = DateWindow.of(args.since, args.until)
    except CorpusError as error:
        raise UsageError(str(error)) from error
    except ValueError as error:
        raise UsageError(f"bad date window: {error}") from error
    lexicons = checked_lexicons(args.lexicon_dir)
    claims = checked_claims(args.claims)
    out = Path(args.out).resolve()
    if out.exists() and not is_tables_folder(out):
        raise UsageError(f"--out {out} holds files that are not claimscope tables; give a "
                         "new or empty folder (analyze replaces the folder's tables)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(out):
        remove_stale_partials(out.parent)
        partial = start_partial(out.parent, out.name)
        try:
            stats, issues = _analyze_into(partial.path, out, args, stream, window, engine,
                                          lexicons, claims)
            replace_folder(partial.path, out, keep=(CACHE_FOLDER,))
        finally:  # on success the partial folder is gone already
            if partial.path.exists():
                shutil.rmtree(partial.path, ignore_errors=True)
            partial.release()
    unread = sum(issue.severity == "error" for issue in issues)
    print(f"{stats.analysed + stats.cached} documents analysed ({stats.cached} from the cache; "
          f"{stats.words:,} words); {unread + stats.failed} set aside ({unread} unreadable, "
          f"{stats.failed} failed in analysis: see issues.csv); tables in {out}",
          file=sys.stderr)
    return out


def _analyze_into(work: Path, out: Path, args: argparse.Namespace, stream: CorpusStream,
                  window: DateWindow | None, engine: dict, lexicons: Lexicons,
                  claims: dict | None) -> tuple[RunStats, list[CorpusIssue]]:
    """Analyse the corpus into the tables of ``work``, with ``out``'s cache."""
    outside: list[CorpusIssue] = []

    def documents() -> Iterator[Document]:
        for doc in stream:
            inside, issue = window.admits(doc) if window else (True, None)
            if issue is not None:
                outside.append(issue)
            if inside:
                yield doc

    cache_dir = None if args.no_cache else out / CACHE_FOLDER  # the same for workers
    on_workers = _jsonl_on_workers(args.corpus, engine, lexicons, cache_dir, window,
                                   args.text_column)
    with Progress(stream.expected_documents()) as progress:
        if on_workers is not None:
            stats = write_run(on_workers, work, issues=lambda: on_workers.issues,
                              stats=on_workers.stats, progress=progress,
                              corpus_stage=claims_stage(lexicons, claims))
        else:
            stats = analyze_to_folder(
                documents(), work, issues=lambda: [*stream.issues, *outside],
                lexicons=lexicons, cache_dir=cache_dir, progress=progress, claims=claims,
                **engine,
            )
    return stats, (on_workers.issues if on_workers is not None
                   else [*stream.issues, *outside])


def _prune(args: argparse.Namespace) -> None:
    try:
        limit = parse_size(args.max_size) if args.max_size is not None else cache_limit()
    except ValueError as error:
        raise UsageError(f"--max-size: {error}") from error
    stats = prune_cache(args.folder, limit)
    print(f"{args.folder}: removed {stats.removed} entries ({stats.removed_bytes:,} bytes); "
          f"kept {stats.kept} ({stats.kept_bytes:,} bytes, limit {limit:,})", file=sys.stderr)


def _jsonl_on_workers(
    corpus: str, engine: dict, lexicons: Lexicons, cache_dir: Path | None,
    window: DateWindow | None, text_column: str | None = None,
) -> JsonlOnWorkers | None:
    """With ``--engine dask`` a clean UTF-8 .jsonl is read by the workers, a block each."""
    path = Path(corpus)
    if engine["engine"] != "dask" or not path.is_file() or path.suffix.lower() != ".jsonl":
        return None
    if text_column is not None:
        return None  # workers read the standard columns; read it here instead
    try:
        return JsonlOnWorkers(path, lexicons=lexicons, jobs=engine["jobs"],
                              scheduler=engine["scheduler"], cache_dir=cache_dir, window=window)
    except ValueError:
        return None  # not clean UTF-8: read here, which reports the encoding


# values that start with "-" but are no option: a relative date bound ("-7d")
_DASHED_VALUE = re.compile(r"-\d+\s*d(ays?)?")
_DATE_OPTIONS = ("--since", "--until")


def protect_dashed_values(argv: Sequence[str]) -> list[str]:
    """``--since -7d`` as argparse can read it (``--since=-7d``), and ``-p since -7d``
    likewise: argparse would take ``-7d`` for an option.

    >>> protect_dashed_values(["report", "--since", "-7d", "-p", "until", "-1d"])
    ['report', '--since=-7d', '--until=-1d']
    """
    words, result, index = list(argv), [], 0
    while index < len(words):
        word = words[index]
        following = words[index + 1:index + 3]
        if word in _DATE_OPTIONS and following and _DASHED_VALUE.fullmatch(following[0]):
            result.append(f"{word}={following[0]}")
            index += 2
        elif (word in ("-p", "--param") and len(following) == 2
              and f"--{following[0]}" in _DATE_OPTIONS
              and _DASHED_VALUE.fullmatch(following[1])):
            result.append(f"--{following[0]}={following[1]}")
            index += 3
        else:
            result.append(word)
            index += 1
    return result


def fault_message(error: OSError, out: str | None) -> str:
    """One sentence for a fault of the machine: what failed, where, and what to do."""
    where = error.filename or out or "the output folder"
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return (f"the disk is full (writing {where}); free some space or give --out on "
                "another disk, then run again. Nothing was published: earlier tables "
                "and 'latest' are as they were")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"cannot write {where}: {error.strerror.lower()}; give --out a folder "
                "you can write to")
    return f"{error.strerror or error} ({where}); check the path and the disk, then run again"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns an exit code of :data:`claimscope.report.EXIT_CODES`."""
    parser = _parser()
    args = parser.parse_args(protect_dashed_values(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        print(_commands_overview(parser), file=sys.stderr)
        return 2
    try:
        if args.command == "report":
            _report(args)
        elif args.command == "cache":
            _prune(args)
        else:
            _analyze(args)
    except (UsageError, ImportError) as error:  # ImportError: an optional extra missing
        print(f"claimscope: {error}", file=sys.stderr)
        return 2
    except NotebookFailed as error:
        print(f"claimscope: {error}", file=sys.stderr)
        return 1
    except FolderBusy as error:
        print(f"claimscope: {error}", file=sys.stderr)
        return 4
    except MemoryError:
        print("claimscope: the machine ran out of memory; run with --jobs 1, or split the "
              "largest documents, or use a machine with more memory", file=sys.stderr)
        return 3
    except OSError as error:
        print(f"claimscope: {fault_message(error, getattr(args, 'out', None))}",
              file=sys.stderr)
        return 3
    return 0


def _commands_overview(parser: argparse.ArgumentParser) -> str:
    """What ``claimscope`` alone prints: the commands, one line each, and examples."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    lines = [f"  {choice.dest:<9} {choice.help}" for choice in commands._choices_actions]
    return ("usage: claimscope COMMAND [options]   (claimscope COMMAND --help for more)\n\n"
            "commands:\n" + "\n".join(lines) + f"\n\n{EXAMPLES}")


if __name__ == "__main__":
    sys.exit(main())
