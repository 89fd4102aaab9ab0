"""The report runner: validate parameters, analyse once, execute notebooks, export HTML.

A run folder holds::

    00_corpus.ipynb ...     executed notebooks
    00_corpus.html ...      the same as HTML (with or without code)
    tables/                 documents, sentences, attributions, ... (Parquet and CSV)
    figures/                PNG figures the notebooks saved
    summary.json            parameters, versions, corpus fingerprint, counts, issues

It is written under a temporary name of its own and renamed when complete (see
:mod:`claimscope.runs`); ``latest`` beside it points at the newest complete run. Exit
codes (:data:`EXIT_CODES`): 0 done, 1 a notebook failed (its partly executed copy is
kept in a folder ending ``-failed``), 2 bad usage, 3 the machine refused (disk full,
folder not writable, out of memory), 4 another process is writing the same folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml
from traitlets.config import Config

import claimscope
from claimscope.analysis import Lexicons
from claimscope.corpus import (
    FRAME_COLUMNS,
    CorpusError,
    CorpusIssue,
    CorpusStream,
    DateWindow,
    Document,
    document_digest,
    fingerprint_of,
    metadata_columns,
    open_corpus,
)
from claimscope.display import escape, escaped_table
from claimscope.engine import analyze_to_folder, code_fingerprint, lexicon_versions
from claimscope.framing_profile import (
    HEADLINE_LABELS as INDEX_MEASURES,
)
from claimscope.framing_profile import (
    HEADLINE_MEASURES,
    framing_profile,
    headline_view,
)
from claimscope.progress import Progress
from claimscope.runs import (
    link_or_copy,
    link_tree,
    prune_runs,
    publish,
    remove_stale_partials,
    start_partial,
)
from claimscope.tables import CACHE_FOLDER, read_tables

if TYPE_CHECKING:
    from papermill import PapermillExecutionError

RUNNER_PARAMETERS = ("corpus", "tables_dir", "figures_dir")
ANALYSIS_PARAMETERS = ("lexicon_dir", "since", "until", "claims")
KEY_PACKAGES = (
    "pandas", "numpy", "pyarrow", "nltk", "textblob", "vaderSentiment", "matplotlib",
    "papermill", "nbconvert", "dask",
)
# what else shapes an executed notebook and its HTML (reuse is keyed on their versions)
NOTEBOOK_PACKAGES = ("ipykernel", "ipython", "nbclient", "jinja2", "pygments", "mistune")


EXIT_CODES = {
    0: "done",
    1: "a notebook failed (the message names it; 'latest' is unchanged)",
    2: "bad usage: parameters, paths, or a corpus with nothing to analyse",
    3: "the machine refused: disk full, a folder not writable, out of memory",
    4: "another claimscope process is writing the same folder: try again later",
}


class UsageError(Exception):
    """Bad parameters or paths: the runner exits 2 with this message."""


class NotebookFailed(Exception):
    """A notebook raised: the runner exits 1 with this message."""

    def __init__(self, message: str, *, notebook: str = "") -> None:
        super().__init__(message)
        self.notebook = notebook


@dataclass(frozen=True)
class Declared:
    """A parameter a notebook declares: its name, type (as written) and default."""

    name: str
    type_name: str
    default: str
    notebooks: tuple[str, ...] = field(default=())


def _papermill() -> ModuleType:
    """papermill, imported without jsonschema's optional check of the "iri" string format.

    jsonschema (under nbformat) checks "iri" with rfc3987_syntax when that is installed
    (JupyterLab's jupyter-events asks for it), and rfc3987_syntax compiles a grammar when
    imported: over a second before any notebook could start. No notebook schema uses
    "iri". A process that imported jsonschema already keeps its check.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None: "not installed"
    import papermill

    return papermill


def default_notebook_dir() -> Path:
    """``notebooks/`` of the working directory, else the one beside the library."""
    here = Path.cwd() / "notebooks"
    if here.is_dir():
        return here
    return Path(claimscope.__file__).resolve().parents[2] / "notebooks"


def find_notebooks(folder: Path, names: Sequence[str] | None = None) -> list[Path]:
    """The suite's notebooks in order (``00_*.ipynb`` ...), or the ones named."""
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise UsageError(f"no notebooks (NN_name.ipynb) in {folder}; give --notebook-dir")
    if not names:
        return found
    chosen = []
    for name in names:
        match = [p for p in found if p.stem == name or p.stem.split("_", 1)[0] == name
                 or p.stem.split("_", 1)[-1] == name]
        if not match:
            raise UsageError(
                f"no notebook {name!r}; choose from {', '.join(p.stem for p in found)}"
            )
        chosen.extend(m for m in match if m not in chosen)
    return sorted(chosen)


def declared_parameters(notebooks: Sequence[Path]) -> dict[str, Declared]:
    """Union of the notebooks' ``parameters`` cells, name -> Declared (with notebooks)."""
    result: dict[str, Declared] = {}
    for path in notebooks:
        params = _papermill().inspect_notebook(str(path))
        if not params:
            raise UsageError(f"{path.name} has no cell tagged 'parameters'; tag one")
        for name, info in params.items():
            seen = result.get(name)
            users = (*seen.notebooks, path.stem) if seen else (path.stem,)
            result[name] = Declared(name, str(info["inferred_type_name"]),
                                    str(info["default"]), users)
    return result


def parse_value(raw: str) -> Any:
    """A command-line value read as YAML: ``3`` -> 3, ``[a, b]`` -> list, ``null`` -> None."""
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw


def type_alternatives(type_name: str) -> list[str]:
    """The plain types a declared annotation allows: ``Optional[str]`` -> str, None."""
    name = type_name.strip()
    optional = re.fullmatch(r"Optional\[(.*)\]", name)
    if optional:
        return [*type_alternatives(optional.group(1)), "None"]
    return [part.strip().split("[")[0] for part in name.split("|")]


def type_matches(value: Any, type_name: str) -> bool:
    """Whether ``value`` fits a parameter declared as ``type_name`` (``Optional[str]``).

    An annotation this runner does not know (a class name) accepts any value.
    """
    checks: dict[str, Callable[[Any], bool]] = {
        "str": lambda v: isinstance(v, str),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "list": lambda v: isinstance(v, list),
        "List": lambda v: isinstance(v, list),
        "dict": lambda v: isinstance(v, dict),
        "Dict": lambda v: isinstance(v, dict),
        "None": lambda v: v is None,
    }
    known = [checks[t] for t in type_alternatives(type_name) if t in checks]
    return not known or any(check(value) for check in known)


def as_declared(value: Any, type_name: str) -> Any:
    """A YAML scalar given to a parameter declared ``str``, as its text: ``2025-03-14``
    (YAML reads a date) -> ``"2025-03-14"``, ``2025`` -> ``"2025"``; else ``value``."""
    scalar = isinstance(value, (dt.date, int, float)) and not isinstance(value, bool)
    if scalar and "str" in type_alternatives(type_name) and not type_matches(value,
                                                                             type_name):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


def validate_parameters(
    given: Mapping[str, Any], declared: Mapping[str, Declared]
) -> dict[str, Any]:
    """Check names and types before anything runs; raise UsageError listing valid ones.

    Returns the parameters, with YAML dates and numbers given to ``str`` parameters
    as their text (:func:`as_declared`)."""
    given = {name: as_declared(value, declared[name].type_name) if name in declared
             else value for name, value in given.items()}
    valid = sorted(n for n in declared if n not in RUNNER_PARAMETERS)
    listing = "\n".join(
        f"  {n}: {declared[n].type_name} = {declared[n].default}   "
        f"({', '.join(declared[n].notebooks)})" for n in valid
    )
    problems = []
    for name, value in given.items():
        if name in RUNNER_PARAMETERS:
            problems.append(f"{name!r} is set by the runner itself (use the CORPUS argument "
                            "for the corpus and --out for where results go)")
        elif name not in declared:
            problems.append(f"unknown parameter {name!r}")
        elif not type_matches(value, declared[name].type_name):
            problems.append(f"parameter {name!r} must be {declared[name].type_name}, "
                            f"got {type(value).__name__} {value!r}")
    if problems:
        raise UsageError("; ".join(problems) + f".\nValid parameters:\n{listing}")
    return dict(given)


def resolve_date(value: Any, today: dt.date) -> Any:
    """A date bound as written in a schedule: ``-7d`` (7 days before today), ``today``,
    or an ISO date (``2025-03``, ``2025-03-14``) kept as it is."""
    if not isinstance(value, str):
        return value
    relative = re.fullmatch(r"\s*-(\d+)\s*d(?:ays?)?\s*", value)
    if relative:
        return (today - dt.timedelta(days=int(relative.group(1)))).isoformat()
    if value.strip().lower() == "today":
        return today.isoformat()
    return value


def load_params_file(path: str | Path) -> dict[str, Any]:
    """Parameters from a YAML mapping file (``params/weekly.yaml``)."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"parameter file {file} does not exist")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise UsageError(f"parameter file {file} is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise UsageError(f"parameter file {file} must hold a mapping of name: value")
    return data


def package_versions() -> dict[str, str]:
    """Versions of claimscope, Python and the packages that shape the results."""
    versions = {"claimscope": claimscope.__version__, "python": platform.python_version()}
    versions.update({name: _version(name) for name in KEY_PACKAGES})
    return versions


def tables_key(corpus: RunCorpus, params: Mapping[str, Any]) -> str:
    """What the tables depend on: corpus (and its set-aside files), analysis parameters,
    versions of code and lists."""
    lexicon_dir = params.get("lexicon_dir")
    lexicon_files = {}
    if lexicon_dir:
        for path in sorted(Path(lexicon_dir).glob("*.csv")):
            lexicon_files[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    parts = {
        "corpus": corpus.fingerprint(),
        # the fingerprint covers the documents' texts and fields; the tables also carry
        # where each came from, and the files set aside
        "sources": corpus.sources,
        "issues": [dataclasses.astuple(issue) for issue in corpus.issues],
        "analysis": {k: params.get(k) for k in ANALYSIS_PARAMETERS
                     if k not in ("lexicon_dir", "claims")},
        "claims": checked_claims(params.get("claims")),
        "lexicon_files": lexicon_files,
        "claimscope": claimscope.__version__,
        "code": code_fingerprint(),
        "lexicons": lexicon_versions(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def run_name(when: dt.datetime, corpus_path: Path, params: Mapping[str, Any]) -> str:
    """``2026-11-26T1805_corpus_group_by-author``: date, corpus and parameters."""
    pieces = [when.strftime("%Y-%m-%dT%H%M%S"), _slug(corpus_path.name or "corpus")]
    for name in sorted(params):
        pieces.append(_slug(f"{name}-{params[name]}"))
    return "_".join(pieces)[:120]


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", value).strip("-") or "x"


@dataclass(frozen=True)
class RunCorpus:
    """A report's corpus, surveyed in one streaming pass: what the run's checks, key and
    summary need, without holding its documents. :meth:`documents` reads them again,
    one file at a time, for the analysis."""

    stream: CorpusStream
    window: DateWindow | None
    count: int
    digest: str
    sources: str
    issues: tuple[CorpusIssue, ...]

    def fingerprint(self) -> str:
        """The same fingerprint as :meth:`Corpus.fingerprint` of these documents."""
        return self.digest

    def documents(self) -> Iterator[Document]:
        """The documents inside the date window, in file order."""
        for doc in self.stream:
            if self.window is None or self.window.admits(doc)[0]:
                yield doc


def survey_corpus(corpus_path: str | Path, params: Mapping[str, Any], *,
                  text_column: str | None = None) -> RunCorpus:
    """Read the corpus once, streaming: apply the date window, check ``group_by`` against
    its columns, and keep each document's id, digest and source file (not its text).

    A bad path, a bad date bound, a window holding no document or a ``group_by`` that
    names no column is a usage error (exit 2), raised before anything is analysed.
    """
    since, until = params.get("since"), params.get("until")
    try:
        stream = open_corpus(corpus_path, text_column=text_column)
        window = DateWindow.of(since, until)
    except CorpusError as error:
        raise UsageError(str(error)) from error
    except ValueError as error:
        raise UsageError(f"bad date window: {error}") from error
    kept: list[tuple[str, bytes, str | None]] = []
    outside: list[CorpusIssue] = []
    keys: set[str] = set()
    loaded = 0
    for doc in stream:
        loaded += 1
        inside, issue = window.admits(doc) if window else (True, None)
        if issue is not None:
            outside.append(issue)
        if inside:
            kept.append((doc.id, document_digest(doc), doc.source))
            keys.update(doc.metadata)
    if not loaded:
        raise UsageError(nothing_to_analyse(corpus_path, stream.issues))
    if window and not kept and loaded:
        raise UsageError(
            f"no document is dated inside since={since}, until={until}: "
            f"{loaded} documents lie outside it or have no date; widen the "
            "window or leave since/until unset"
        )
    group_by = params.get("group_by")
    columns = {*FRAME_COLUMNS, *metadata_columns(keys), "month"}
    if group_by is not None and group_by not in columns:
        raise UsageError(f"group_by={group_by!r} is no document column; choose month or "
                         f"one of {', '.join(sorted(columns - {'month'}))}")
    sources = hashlib.sha256(json.dumps(sorted((i, s) for i, _, s in kept)).encode())
    return RunCorpus(stream, window, len(kept), fingerprint_of((i, d) for i, d, _ in kept),
                     sources.hexdigest(), (*stream.issues, *outside))


def nothing_to_analyse(corpus_path: str | Path, issues: Sequence[CorpusIssue], *,
                       shown: int = 5) -> str:
    """The message for a corpus from which no document could be read: the first issues
    (file, reason, what to do)."""
    rows = "".join(f"\n  {issue.file}: {issue.reason} ({issue.hint})"
                   for issue in issues[:shown])
    more = f"\n  ... and {len(issues) - shown} more" if len(issues) > shown else ""
    return (f"nothing to analyse in {corpus_path}: no document could be read, so no "
            f"notebook was run. {len(issues)} files or rows were set aside:{rows}{more}")


def checked_claims(value: Any) -> dict[str, tuple[str, ...]] | None:
    """The researcher's claims (a YAML file or a mapping), read now: a broken file is a
    usage error before anything runs."""
    from claimscope.claims import load_claims

    try:
        return load_claims(value)
    except ValueError as error:
        raise UsageError(str(error)) from error


def checked_lexicons(lexicon_dir: str | None) -> Lexicons:
    """The user's word lists from ``lexicon_dir``, each loaded once now, so a broken list
    is one usage error before the run instead of an error for every document."""
    from claimscope.attribution import load_cue_lexicon
    from claimscope.hedging import load_lexicon
    from claimscope.sentiment import load_entities

    try:
        lexicons = Lexicons.from_dir(lexicon_dir)
        load_cue_lexicon(lexicons.cues)
        load_lexicon(lexicons.hedges)
        load_entities(lexicons.entities)
    except (OSError, ValueError, KeyError) as error:
        raise UsageError(f"lexicon_dir: {error}") from error
    return lexicons


def _latest(reports: Path) -> tuple[Path, dict[str, Any]] | None:
    """The last complete run and its summary, if there is a readable one. The link is
    resolved first, so another run moving it cannot pair one run's summary with
    another's files."""
    try:
        run = (reports / "latest").resolve(strict=True)
        summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    except (OSError, RuntimeError, json.JSONDecodeError):
        return None
    return run, summary


def _previous_tables(previous: tuple[Path, dict[str, Any]] | None, key: str) -> Path | None:
    if previous is None:
        return None
    run, summary = previous
    if summary.get("tables_key") == key and (run / "tables").is_dir():
        return run / "tables"
    return None


def notebooks_key(tables: str, paths: Sequence[Path], parameters: Sequence[Mapping[str, Any]],
                  *, no_input: bool) -> str:
    """What the executed notebooks, their HTML and figures depend on: the tables, each
    notebook's bytes and parameters, the HTML options, claimscope's files (the report
    quotes ``data/*.json``) and the versions of Python and the packages."""
    parts = {
        "tables": tables,
        "notebooks": [[path.name, hashlib.sha256(path.read_bytes()).hexdigest(), dict(given)]
                      for path, given in zip(paths, parameters, strict=True)],
        "no_input": no_input,
        "files": code_fingerprint((".py", ".csv", ".json")),
        "versions": {**package_versions(), **{name: _version(name) for name in
                                               NOTEBOOK_PACKAGES}},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _previous_notebooks(previous: tuple[Path, dict[str, Any]] | None, key: str,
                        paths: Sequence[Path]) -> Path | None:
    """The last complete run if it executed the same notebooks on the same tables with
    the same parameters and software, and still holds every output of them."""
    if previous is None:
        return None
    run, summary = previous
    complete = (run / "figures").is_dir() and all(
        (run / f"{path.stem}{suffix}").is_file() for path in paths for suffix in (".ipynb",
                                                                                    ".html"))
    return run if summary.get("notebooks_key") == key and complete else None


def _copied_notebooks(run: Path, paths: Sequence[Path], work: Path) -> bool:
    """Link (or copy) the executed notebooks, their HTML and the figures of ``run`` into
    ``work``; False if that failed (a file removed meanwhile): then they are executed
    again. Runs are never changed once complete, so hard links are safe to share."""
    try:
        for path in paths:
            for suffix in (".ipynb", ".html"):
                link_or_copy(str(run / f"{path.stem}{suffix}"),
                             str(work / f"{path.stem}{suffix}"))
        link_tree(run / "figures", work / "figures")
    except OSError:
        return False
    return True


def run_report(
    corpus_path: str | Path,
    *,
    out: str | Path = "reports",
    params: Mapping[str, Any] | None = None,
    notebook_dir: str | Path | None = None,
    notebooks: Sequence[str] | None = None,
    no_input: bool = True,
    engine: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    cache: bool = True,
    notebook_jobs: int | None = None,
    keep: int | None = None,
    text_column: str | None = None,
    say: Callable[[str], None] = print,
    now: dt.datetime | None = None,
) -> Path:
    """Run the report; return the complete run folder. Raises UsageError or NotebookFailed.

    The notebooks are independent (each reads the run's tables), so ``notebook_jobs`` of
    them (default: one per core) execute at once; the results do not depend on it.
    ``no_input`` leaves the code out of the HTML. ``keep`` removes all but that many
    newest complete runs afterwards. ``text_column`` names the .csv/.jsonl column that
    holds the text. Runs started together, even in the same second, each get a folder
    of their own.
    """
    given = dict(params or {})
    folder = (Path(notebook_dir) if notebook_dir else default_notebook_dir()).resolve()
    chosen = find_notebooks(folder, notebooks)
    declared = declared_parameters(chosen)
    given = validate_parameters(given, declared)
    started = now or dt.datetime.now()
    for bound in ("since", "until"):
        if given.get(bound) is not None:
            given[bound] = resolve_date(given[bound], started.date())
    corpus_dir = Path(corpus_path).resolve()
    corpus = survey_corpus(corpus_dir, given, text_column=text_column)
    lexicons = checked_lexicons(given.get("lexicon_dir"))
    checked_claims(given.get("claims"))
    reports = Path(out).resolve()
    if reports.exists() and not reports.is_dir():
        raise UsageError(f"--out {reports} is a file; give a folder for the run folders")
    reports.mkdir(parents=True, exist_ok=True)
    for stale in remove_stale_partials(reports):
        say(f"removed {stale.name}, left by a run that was stopped")
    name = run_name(started, corpus_dir, given)
    partial = start_partial(reports, name)
    try:
        _build_run(partial.path, corpus, corpus_dir, given, chosen, reports, lexicons,
                   no_input=no_input, engine=engine, jobs=jobs, scheduler=scheduler,
                   cache=cache, notebook_jobs=notebook_jobs, say=say, name=name)
    except NotebookFailed as failure:
        kept = publish(partial, reports, f"{name}-failed")
        raise NotebookFailed(f"{failure} The partly executed notebook is kept in "
                             f"{kept / failure.notebook}; 'latest' still points at the "
                             "previous complete run.") from failure.__cause__
    except BaseException:
        shutil.rmtree(partial.path, ignore_errors=True)
        partial.release()
        raise
    final = publish(partial, reports, name)
    point_latest(reports, final)
    if keep is not None:
        for pruned in prune_runs(reports, keep, protect=final):
            say(f"removed the older run {pruned.name} (--keep {keep})")
    summary = json.loads((final / "summary.json").read_text(encoding="utf-8"))
    counts = summary["counts"]
    say(f"done: {counts['documents']} documents analysed, {counts['set_aside']} set aside "
        f"(see the issues table); report in {final}")
    say(f"open {final / 'index.html'}")
    return final


def _build_run(work: Path, corpus: RunCorpus, corpus_dir: Path, given: Mapping[str, Any],
               chosen: Sequence[Path], reports: Path, lexicons: Lexicons, *, no_input: bool,
               engine: str, jobs: int | None, scheduler: str | None, cache: bool,
               notebook_jobs: int | None, say: Callable[[str], None], name: str) -> None:
    """Fill ``work`` with a whole run: tables, executed notebooks, HTML, summary, index."""
    (work / "figures").mkdir()
    key = tables_key(corpus, given)
    previous = _latest(reports) if cache else None
    reused = _previous_tables(previous, key)
    if reused:
        say(f"corpus unchanged since the last complete run {reused.parent.name}: "
            "reusing its tables")
        link_tree(reused, work / "tables")
    else:
        say(f"analysing {corpus.count} documents from {corpus_dir} ...")
        with Progress(corpus.count) as progress:
            analyze_to_folder(
                corpus.documents(), work / "tables", issues=lambda: corpus.issues,
                lexicons=lexicons, engine=engine, jobs=jobs, scheduler=scheduler,
                cache_dir=reports / CACHE_FOLDER if cache else None, progress=progress,
                claims=checked_claims(given.get("claims")),
            )
    tables = read_tables(work / "tables")
    own_parameters = [
        _notebook_parameters(path, given, corpus_dir) for path in chosen
    ]
    nb_key = notebooks_key(key, chosen, own_parameters, no_input=no_input)
    reused_notebooks = _previous_notebooks(previous, nb_key, chosen)
    if reused_notebooks and _copied_notebooks(reused_notebooks, chosen, work):
        executed_in = previous[1].get("notebooks_executed_in") or reused_notebooks.name
        say(f"notebooks, parameters and tables unchanged since {executed_in}: reusing its "
            "executed notebooks, HTML and figures (--no-cache executes them again)")
    else:
        _execute_or_fail(chosen, own_parameters, work, no_input=no_input,
                         jobs=notebook_jobs, say=say)
        executed_in = name
    executed_names = [path.stem for path in chosen]
    summary = build_summary(corpus, corpus_dir, given, tables, executed_names, key,
                            reused is not None)
    summary.update(notebooks_key=nb_key, notebooks_executed_in=executed_in)
    (work / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True,
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
    write_index(work, summary)


def _execute_or_fail(paths: Sequence[Path], parameters: Sequence[Mapping[str, Any]],
                     work: Path, *, no_input: bool, jobs: int | None,
                     say: Callable[[str], None]) -> None:
    """Execute the notebooks into ``work``; raise NotebookFailed at the first failure."""
    executed = execute_notebooks(paths, parameters, work, no_input=no_input, jobs=jobs,
                                 say=say)
    failed = next((result for result in executed if result.error is not None), None)
    if failed is not None:
        error = failed.error
        raise NotebookFailed(
            f"notebook {failed.path.name} failed in cell {error.exec_count} "
            f"({error.ename}: {error.evalue}).", notebook=failed.path.name,
        ) from error


@dataclass(frozen=True)
class Executed:
    """One notebook of a run: where it came from, its seconds, and its error if it failed."""

    path: Path
    seconds: float
    error: PapermillExecutionError | None = None


@contextmanager
def local_kernel_config() -> Iterator[Config]:
    """Configuration for a kernel that talks to papermill over Unix domain sockets in a
    private temporary folder, instead of TCP ports on 127.0.0.1.

    Both are processes of this user on this machine; with sockets in a folder only this
    user can open, no one else can connect, and ipykernel has no cause for its warning
    that TCP traffic "is susceptible to eavesdropping". The socket path is absolute
    (the kernel runs in the run folder, papermill elsewhere) and short (a socket path
    has a limit of about 100 bytes). The kernel logs only what is critical (below).
    """
    folder = tempfile.mkdtemp(prefix="claimscope-kernel-")
    try:
        yield Config({
            "KernelManager": {"transport": "ipc", "ip": f"{folder}/kernel"},
            # jupyter_client interrupts every kernel before it shuts it down, and a kernel
            # still answering its last message logs that as "KeyboardInterrupt caught in
            # kernel", an error, after the notebook is complete. What a cell raises is in
            # the notebook, and a kernel that dies fails the run, whatever this level.
            "NotebookClient": {"extra_arguments": ["--IPKernelApp.log_level=CRITICAL"]},
        })
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _notebook_parameters(path: Path, given: Mapping[str, Any], corpus_dir: Path) -> dict:
    """The parameters ``path`` declares, from ``given``, plus the runner's own."""
    declared = _papermill().inspect_notebook(str(path))
    own = {k: v for k, v in given.items() if k in declared}
    for name in ("lexicon_dir", "claims"):
        if isinstance(own.get(name), str):
            own[name] = str(Path(own[name]).expanduser().resolve())
    # run inside the run folder, so the paths shown in the notebook stay true after
    # the folder is renamed
    own.update(corpus=str(corpus_dir), tables_dir="tables", figures_dir="figures")
    return own


def execute_notebook(path: Path, parameters: Mapping[str, Any], work: Path, *,
                     no_input: bool = False) -> Executed:
    """Execute one notebook into ``work`` (its kernel runs there) and export its HTML.

    A failed notebook is written as far as it ran and returned with its error. The
    kernel's working folder is given to nbclient, not set with papermill's ``cwd``
    (which changes the folder of the whole process, so it cannot run in threads).
    The kernel talks to papermill over local sockets (:func:`local_kernel_config`).
    """
    papermill = _papermill()
    output = work / path.name
    started = time.perf_counter()
    try:
        with local_kernel_config() as config:
            papermill.execute_notebook(
                str(path), str(output), parameters=dict(parameters), kernel_name="python3",
                progress_bar=False, request_save_on_cell_execute=False,
                resources={"metadata": {"path": str(work)}}, config=config,
            )
    except papermill.PapermillExecutionError as error:
        return Executed(path, time.perf_counter() - started, error)
    node = _fix_injected_cell_id(output)
    _export_node(node, output.with_suffix(".html"), no_input=no_input)
    return Executed(path, time.perf_counter() - started)


def execute_notebooks(
    paths: Sequence[Path],
    parameters: Sequence[Mapping[str, Any]],
    work: Path,
    *,
    no_input: bool = False,
    jobs: int | None = None,
    say: Callable[[str], None] = print,
) -> list[Executed]:
    """Execute ``paths`` into ``work``, ``jobs`` at a time (default: one per core).

    The largest start first; results and messages come in notebook order whatever
    finishes first. At the first failure in that order the notebooks not yet started
    are cancelled and the running ones finish; the results end with that failure.
    """
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    if workers > 1:
        say(f"executing {len(paths)} notebooks, {workers} at a time ...")
    results: list[Executed] = []
    # the largest notebooks (the most cells and outputs: the longest to run) start
    # first, so that no long one starts last while the other workers sit idle
    largest_first = sorted(range(len(paths)), key=lambda i: (-paths[i].stat().st_size, i))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="notebook") as pool:
        started = {
            i: pool.submit(execute_notebook, paths[i], parameters[i], work, no_input=no_input)
            for i in largest_first
        }
        futures = [started[i] for i in range(len(paths))]
        try:
            for index, future in enumerate(futures, 1):
                result = future.result()
                results.append(result)
                state = "failed" if result.error is not None else "done"
                say(f"[{index}/{len(paths)}] {result.path.stem} {state} "
                    f"({result.seconds:.1f} s)")
                if result.error is not None:
                    break
        finally:
            for future in futures:
                future.cancel()
    return results


def build_summary(
    corpus: RunCorpus,
    corpus_dir: Path,
    params: Mapping[str, Any],
    tables: Mapping[str, Any],
    notebooks: Sequence[str],
    key: str,
    reused: bool,
) -> dict[str, Any]:
    """The machine-readable record of a run, with the headline profile of each group."""
    issues = tables["issues"]
    group_by = str(params.get("group_by", "outlet"))
    return {
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "corpus": {"path": str(corpus_dir), "fingerprint": corpus.fingerprint()},
        "parameters": dict(params),
        "versions": package_versions(),
        "lexicon_versions": lexicon_versions(),
        "tables_key": key,
        "tables_reused": reused,
        "notebooks": list(notebooks),
        "counts": {
            "documents": int(len(tables["documents"])),
            "set_aside": int((issues["severity"] == "error").sum()),
            "warnings": int((issues["severity"] == "warning").sum()),
            **{name: int(len(tables[name]))
               for name in ("sentences", "attributions", "hedges", "mentions")},
        },
        "issues": issues.to_dict(orient="records"),
        "headlines": {"group_by": group_by, "groups": headline_figures(tables, group_by)},
    }


def headline_figures(tables: Mapping[str, Any], group_by: str) -> dict[str, dict[str, Any]]:
    """The framing profile (:func:`claimscope.framing_profile.framing_profile`, shown in
    05_claims) as plain JSON: group -> measure -> value, each share with ``_low`` and
    ``_high``. The older measures stay in 01-04 and their tables."""
    frame = framing_profile(tables, group_by).round(4)
    return {
        str(group): {k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v)
                     for k, v in row.items()}
        for group, row in frame.iterrows()
    }




def write_index(run: Path, summary: Mapping[str, Any]) -> Path:
    """``index.html``: the notebooks in order and the headline figures, readable without
    Jupyter. Every value that comes from the corpus is escaped."""
    counts = summary["counts"]
    groups = summary["headlines"]["groups"]
    table = pd.DataFrame.from_dict(groups, orient="index")
    if set(HEADLINE_MEASURES) <= set(table.columns):
        table = headline_view(table.astype({"documents": "Int64", "claims": "Int64"}))
    shown = table[[c for c in INDEX_MEASURES if c in table.columns]].copy()
    shown = shown.rename(columns={k: label for k, (label, _) in INDEX_MEASURES.items()})
    legend = "".join(f"<li><strong>{escape(label)}</strong>: {escape(meaning)}</li>"
                     for key, (label, meaning) in INDEX_MEASURES.items() if key in table)
    shown.index.name = summary["headlines"]["group_by"]
    links = "".join(
        f'<li><a href="{escape(name)}.html">{escape(name)}</a></li>'
        for name in summary["notebooks"]
    )
    issues = (f"<p>{counts['set_aside']} documents were set aside and {counts['warnings']} "
              "loaded with a warning; see <em>Issues</em> in 00_corpus.</p>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>claimscope report</title>
<style>body {{font-family: system-ui, sans-serif; max-width: 70em; margin: 2em auto;
line-height: 1.5; padding: 0 1em}} table {{border-collapse: collapse; font-size: 0.9em}}
td, th {{padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right}}
th:first-child, td:first-child {{text-align: left}}</style></head><body>
<h1>claimscope report</h1>
<p>Corpus <code>{escape(summary["corpus"]["path"])}</code>, created
{escape(summary["created"])}: {counts["documents"]} documents, {counts["sentences"]}
sentences, {counts["attributions"]} attributions, {counts["hedges"]} hedges.</p>
{issues}
<h2>Notebooks</h2><ol>{links}</ol>
<h2>How each {escape(summary["headlines"]["group_by"])} frames the claims it reports</h2>
{_profile_figure(run, summary["headlines"]["group_by"])}
<p>For each group: how many claims it attributes to someone, and how its writers put them,
as shares with a 95% interval in brackets (resampling whole documents; none is shown
for a group of one document). A distancing verb
or a disputed claim is a choice of words, not proof of bias; wire reprints repeat one
framing. A group of one or two documents describes those documents, not the outlet.
05_claims tracks each claim across the groups.</p>
{escaped_table(shown.reset_index(), max_rows=500)}
<ul>{legend}</ul>
<p>Machine-readable: <a href="summary.json">summary.json</a>; tables in
<code>tables/</code>, figures in <code>figures/</code>.</p>
</body></html>
"""
    target = run / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def _profile_figure(run: Path, group_by: str) -> str:
    """05's framing profile figure in ``run/figures`` as an image linking to its file, or
    a line saying which notebook draws it when this run did not."""
    from claimscope.notebook import FRAMING_FIGURE

    path = f"figures/{FRAMING_FIGURE}.png"
    if not (run / path).is_file():
        return ("<p>The framing figure is drawn by 05_claims, which this run did not "
                "execute; run the report without <code>--notebooks</code> to get it.</p>")
    alt = f"Framing by {group_by}: the shares of each group's claims by framing"
    return (f'<figure style="margin: 1em 0"><a href="{path}"><img src="{path}" '
            f'alt="{escape(alt)}" style="max-width: 100%"></a><figcaption>One bar per '
            "group: its attributed claims split by how the writer frames them, with the "
            'number of claims at the end. From <a href="05_claims.html">05_claims</a>, '
            "where it is explained.</figcaption></figure>")


def _fix_injected_cell_id(notebook: Path) -> Any:
    """Give papermill's injected-parameters cell a fixed id (papermill draws a random
    one), so the same run gives the same notebook and HTML, and record the notebook's
    output path as its name in the run folder (papermill records the partial folder,
    which is gone once the run is complete); return the notebook node."""
    import nbformat

    node = nbformat.read(str(notebook), as_version=4)
    node.metadata.setdefault("papermill", {})["output_path"] = notebook.name
    for cell in node.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    nbformat.write(node, str(notebook))
    return node


def export_html(notebook: Path, target: Path, *, no_input: bool = False) -> Path:
    """Write an executed notebook as a standalone HTML page (code hidden if asked)."""
    import nbformat

    return _export_node(nbformat.read(str(notebook), as_version=4), target,
                        no_input=no_input)


def _export_node(node: Any, target: Path, *, no_input: bool = False) -> Path:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = no_input
    exporter.exclude_input_prompt = no_input
    exporter.exclude_output_prompt = no_input
    body, _ = exporter.from_notebook_node(node)
    target.write_text(body, encoding="utf-8")
    return target


def point_latest(reports: Path, run: Path) -> None:
    """Point ``reports/latest`` at ``run`` atomically (a relative symlink)."""
    link = reports / "latest"
    tmp = reports / f".latest.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(run.name, target_is_directory=True)
    os.replace(tmp, link)

