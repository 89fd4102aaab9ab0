"""The report runner: parameter checks, a real papermill run, failures, reuse, dates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from claimscope.cli import main
from claimscope.report import (
    UsageError,
    declared_parameters,
    find_notebooks,
    notebooks_key,
    type_matches,
)
from claimscope.tables import read_tables

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"

WIRE = """---
title: "Port officials deny drone shipments"
outlet: "Continental Wire Service"
author: "Tomas Brandl"
date: "2025-03-10"
---
Port officials deny drone shipments

VELMORA, March 10 - Port officials said on Monday that no drones had left Pier No. 4.
"We load grain and timber, nothing else," said harbour master Ida Ostrow.
Diplomats in the capital, who spoke on condition of anonymity, said the images may show
a routine delivery.
"""

HOSTILE = """---
title: "A page that carries <em>markup</em>"
outlet: "<b>Mallory Gazette</b>"
author: "<i>Eve Mallory</i>"
date: "2025-04-02"
---
The ministry wrote <script>alert("claimscope")</script> in its statement, officials said.
"""


def _corpus(tmp_path: Path, *, hostile: bool = True, bad: bool = True) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "wire.md").write_text(WIRE, encoding="utf-8")
    if hostile:
        (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    if bad:
        (folder / "empty.txt").write_text("   \n", encoding="utf-8")
        (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_parameter_types_are_checked_like_the_notebooks_declare_them() -> None:
    declared = declared_parameters(find_notebooks(NOTEBOOKS))
    assert declared["group_by"].type_name == "str"
    assert declared["since"].type_name == "Optional[str]"
    assert type_matches(None, "Optional[str]") and type_matches("2025-03", "Optional[str]")
    assert not type_matches(3, "Optional[str]")
    assert type_matches(["Iran"], "list") and not type_matches("Iran", "list")
    assert not type_matches(True, "int")


def test_unknown_parameter_exits_2_and_lists_the_valid_ones(tmp_path, capsys) -> None:
    code = main(["report", str(REPO / "corpus"), "--out", str(tmp_path / "r"),
                 "-p", "no_such_param", "1"])
    message = capsys.readouterr().err
    assert code == 2
    assert "unknown parameter 'no_such_param'" in message
    assert "Valid parameters:" in message and "group_by: str" in message
    assert not (tmp_path / "r").exists()  # refused before anything ran


def test_parameter_of_the_wrong_type_exits_2(tmp_path, capsys) -> None:
    code = main(["report", str(REPO / "corpus"), "--out", str(tmp_path / "r"),
                 "-p", "group_by", "[1, 2]"])
    assert code == 2
    assert "parameter 'group_by' must be str, got list" in capsys.readouterr().err


def test_missing_corpus_exits_2_naming_the_path(tmp_path, capsys) -> None:
    code = main(["report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r")])
    assert code == 2
    assert str(tmp_path / "nowhere") in capsys.readouterr().err


@pytest.mark.slow
def test_real_run_writes_a_complete_run_folder_and_sets_bad_files_aside(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    out = tmp_path / "reports"
    code = main(["report", str(corpus), "--out", str(out), "--notebooks", "00_corpus"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "2 documents analysed, 1 set aside" in err
    run = (out / "latest").resolve()
    assert run.parent == out and not run.name.startswith(".")
    for name in ("00_corpus.ipynb", "00_corpus.html", "summary.json",
                 "tables/documents.parquet", "tables/issues.csv", "figures/00_lengths.png"):
        assert (run / name).is_file(), name
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["documents"] == 2
    assert summary["counts"]["set_aside"] == 1  # the empty file
    assert {i["file"] for i in summary["issues"]} == {"empty.txt", "scan.pdf"}
    assert summary["versions"]["claimscope"] and summary["lexicon_versions"]["hedges"]
    executed = nbformat.read(run / "00_corpus.ipynb", as_version=4)
    assert any("2 documents" in str(o) for c in executed.cells for o in c.get("outputs", []))
    page = (run / "00_corpus.html").read_text(encoding="utf-8")
    assert "<b>Mallory Gazette</b>" not in page and "&lt;b&gt;Mallory Gazette" in page

    # the same corpus again: the tables are reused, and latest moves to the new run
    code = main(["report", str(corpus), "--out", str(out), "--notebooks", "00_corpus",
                 "-p", "group_by", "author"])
    assert code == 0
    assert "corpus unchanged since the last complete run" in capsys.readouterr().err
    assert (out / "latest").resolve() != run
    second = (out / "latest").resolve()
    summary = json.loads((second / "summary.json").read_text())
    assert summary["tables_reused"] and summary["notebooks_executed_in"] == second.name

    # nothing changed: the executed notebook, its HTML and figures are the second run's
    argv = ["report", str(corpus), "--out", str(out), "--notebooks", "00_corpus",
            "-p", "group_by", "author"]
    assert main(argv) == 0
    assert f"unchanged since {second.name}: reusing its executed notebooks" in (
        capsys.readouterr().err)
    third = (out / "latest").resolve()
    for name in ("00_corpus.ipynb", "00_corpus.html", "figures/00_lengths.png"):
        assert (third / name).read_bytes() == (second / name).read_bytes(), name
    assert json.loads((third / "summary.json").read_text())["notebooks_executed_in"] == (
        second.name)

    # --no-cache analyses and executes everything again
    assert main([*argv, "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "analysing 2 documents" in err and "[1/1] 00_corpus done" in err
    assert "reusing" not in err


def test_notebooks_key_changes_with_a_notebook_its_parameters_or_the_tables(tmp_path):
    notebook = tmp_path / "00_corpus.ipynb"
    shutil.copy(NOTEBOOKS / "00_corpus.ipynb", notebook)
    params = [{"group_by": "outlet"}]
    key = notebooks_key("tables-1", [notebook], params, no_input=False)
    assert key == notebooks_key("tables-1", [notebook], [{"group_by": "outlet"}],
                                no_input=False)
    assert key != notebooks_key("tables-2", [notebook], params, no_input=False)
    assert key != notebooks_key("tables-1", [notebook], [{"group_by": "author"}],
                                no_input=False)
    assert key != notebooks_key("tables-1", [notebook], params, no_input=True)
    notebook.write_bytes(notebook.read_bytes().replace(b"claimscope", b"claimscope ", 1))
    assert key != notebooks_key("tables-1", [notebook], params, no_input=False)


@pytest.mark.slow
def test_failing_notebook_exits_1_keeps_it_and_leaves_latest_alone(tmp_path, capsys):
    corpus = _corpus(tmp_path, hostile=False, bad=False)
    out = tmp_path / "reports"
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS / "00_corpus.ipynb", notebooks)
    assert main(["report", str(corpus), "--out", str(out), "--notebook-dir", str(notebooks)]) == 0
    good = (out / "latest").resolve()
    broken = nbformat.read(notebooks / "00_corpus.ipynb", as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('figure data missing')"))
    nbformat.write(broken, notebooks / "01_broken.ipynb")
    capsys.readouterr()
    code = main(["report", str(corpus), "--out", str(out), "--notebook-dir", str(notebooks)])
    err = capsys.readouterr().err
    assert code == 1
    assert "notebook 01_broken.ipynb failed" in err and "figure data missing" in err
    assert (out / "latest").resolve() == good
    kept = [p for p in out.iterdir() if p.name.endswith("-failed")]
    assert len(kept) == 1 and (kept[0] / "01_broken.ipynb").is_file()


@pytest.mark.slow
def test_date_window_keeps_only_documents_inside_it(tmp_path, capsys):
    corpus = _corpus(tmp_path, bad=False)
    out = tmp_path / "reports"
    code = main(["report", str(corpus), "--out", str(out), "--notebooks", "00_corpus",
                 "--since", "2025-04", "--notebook-jobs", "1", "--jobs", "1"])
    assert code == 0, capsys.readouterr().err
    summary = json.loads((out / "latest" / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["documents"] == 1
    assert summary["parameters"]["since"] == "2025-04"
    assert "2025-04" in (out / "latest").resolve().name


def test_relative_dates_in_a_schedule_resolve_against_today() -> None:
    import datetime as dt

    from claimscope.report import resolve_date

    today = dt.date(2026, 11, 26)
    assert resolve_date("-7d", today) == "2026-11-19"
    assert resolve_date("-30 days", today) == "2026-10-27"
    assert resolve_date("today", today) == "2026-11-26"
    assert resolve_date("2025-03", today) == "2025-03"
    assert resolve_date(None, today) is None


@pytest.mark.slow
def test_params_file_gives_corpus_out_and_a_metadata_group(tmp_path, capsys) -> None:
    corpus = _corpus(tmp_path, bad=False)
    out = tmp_path / "reports"
    params = tmp_path / "weekly.yaml"
    params.write_text(f"corpus: {corpus}\nout: {out}\ngroup_by: author\n", encoding="utf-8")
    code = main(["report", "--params", str(params), "--notebooks", "00_corpus"])
    assert code == 0, capsys.readouterr().err
    run = (out / "latest").resolve()
    assert run.name.endswith("_corpus_group-by-author")
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    assert summary["headlines"]["group_by"] == "author"
    assert set(summary["headlines"]["groups"]) == {"Tomas Brandl", "<i>Eve Mallory</i>"}
    index = (run / "index.html").read_text(encoding="utf-8")
    assert '<a href="00_corpus.html">00_corpus</a>' in index
    assert "Tomas Brandl" in index and "&lt;i&gt;Eve Mallory" in index
    assert "<i>Eve Mallory</i>" not in index
    # every column of the headline table is explained under it
    assert "<strong>distanced</strong>: share of the claims the writer keeps at a" in index
    from claimscope.framing_profile import HEADLINE_MEASURES

    for group in summary["headlines"]["groups"].values():  # the framing profile
        assert set(HEADLINE_MEASURES) <= set(group)
        assert {"distanced_share_low", "distanced_share_high"} <= set(group)


@pytest.mark.slow
def test_markup_in_a_document_is_shown_as_text_in_every_html_output(tmp_path, capsys) -> None:
    corpus = _corpus(tmp_path, bad=False)
    shutil.copy(REPO / "corpus" / "seed" / "white-house-iran-drone-factory.md", corpus)
    out = tmp_path / "reports"
    code = main(["report", str(corpus), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    run = (out / "latest").resolve()
    pages = sorted(run.glob("*.html"))
    assert [p.name for p in pages] == [
        "00_corpus.html", "01_attribution.html", "02_hedging.html", "03_sentiment.html",
        "04_compare.html", "05_claims.html", "index.html",
    ]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("claimscope")' not in html, page.name
        for markup in ("<b>Mallory Gazette</b>", "<em>markup</em>", "<i>Eve Mallory</i>"):
            assert markup not in html, (page.name, markup)
        assert "&lt;b&gt;Mallory Gazette&lt;/b&gt;" in html, page.name
    shown = [p.name for p in pages if "&lt;script&gt;alert(" in p.read_text(encoding="utf-8")]
    assert "01_attribution.html" in shown  # the attribution concordance shows the sentence


PLAIN = """---
title: "Harvest report"
outlet: "Farm Weekly"
date: "2025-05-02"
---
Grain prices rose on Monday. The harvest began early this year.
"""


@pytest.mark.slow
def test_a_corpus_with_nothing_to_find_still_gives_every_notebook(tmp_path, capsys) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "harvest.md").write_text(PLAIN, encoding="utf-8")
    (folder / "markets.md").write_text(PLAIN.replace("2025-05-02", "2025-06-09"),
                                       encoding="utf-8")
    code = main(["report", str(folder), "--out", str(tmp_path / "r"), "-p", "group_by", "month"])
    err = capsys.readouterr().err
    assert code == 0, err
    summary = json.loads((tmp_path / "r" / "latest" / "summary.json").read_text())
    assert summary["counts"]["attributions"] == summary["counts"]["hedges"] == 0
    assert set(summary["headlines"]["groups"]) == {"2025-05", "2025-06"}


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "yesterday"], "bad date window"),
    (["--since", "2026", "--until", "2025"], "bad date window"),
    (["--since", "2030"], "no document is dated inside since=2030"),
    (["-p", "group_by", "nosuch"], "group_by='nosuch' is no document column; choose month or"),
])
def test_usage_mistakes_found_after_loading_exit_2_before_any_analysis(
        tmp_path, capsys, args, message) -> None:
    corpus = _corpus(tmp_path, bad=False)
    code = main(["report", str(corpus), "--out", str(tmp_path / "r"), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_a_broken_word_list_is_one_usage_error_not_an_error_per_document(tmp_path, capsys):
    corpus = _corpus(tmp_path, bad=False)
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "hedges.csv").write_text("cue,category\nmaybe,probability\n", encoding="utf-8")
    code = main(["analyze", str(corpus), "--out", str(tmp_path / "t"),
                 "--lexicon-dir", str(lexicons)])
    assert code == 2
    assert "lexicon_dir: hedge lexicon" in capsys.readouterr().err
    assert not (tmp_path / "t").exists()


def _without_timings(path: Path) -> nbformat.NotebookNode:
    node = nbformat.read(path, as_version=4)
    node.metadata.pop("papermill", None)
    for cell in node.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return node


@pytest.mark.slow
def test_notebooks_in_parallel_give_the_same_run_as_one_at_a_time(tmp_path) -> None:
    from claimscope.report import run_report

    corpus = _corpus(tmp_path, bad=False)
    runs, messages = {}, {}
    for jobs in (1, 2):
        said: list[str] = []
        runs[jobs] = run_report(corpus, out=tmp_path / f"jobs{jobs}", say=said.append,
                                notebooks=["00_corpus", "01_attribution"], notebook_jobs=jobs)
        messages[jobs] = [m.split(" (")[0] for m in said if m.startswith("[")]
    assert messages[1] == messages[2] == ["[1/2] 00_corpus done", "[2/2] 01_attribution done"]
    serial, parallel = runs[1], runs[2]

    def outputs(run: Path) -> list[Path]:  # index.html carries the time it was written
        return sorted(p.relative_to(run) for p in run.rglob("*") if p.name != "index.html"
                      and p.suffix in {".html", ".png", ".ipynb"})

    files = outputs(serial)
    assert {"00_corpus.html", "01_attribution.html", "figures/00_lengths.png"} <= {
        str(f) for f in files}
    assert files == outputs(parallel)
    for name in files:
        if name.suffix == ".ipynb":
            assert _without_timings(serial / name) == _without_timings(parallel / name), name
        else:
            assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_tables_key_changes_with_a_file_set_aside_or_moved(tmp_path) -> None:
    from claimscope.report import survey_corpus, tables_key

    corpus = _corpus(tmp_path, hostile=False, bad=False)
    (corpus / "wire.md").write_text(WIRE.replace("---\ntitle", "---\nid: w1\ntitle", 1),
                                    encoding="utf-8")
    key = tables_key(survey_corpus(corpus, {}), {})
    assert key == tables_key(survey_corpus(corpus, {}), {})
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")  # set aside: an issue row
    with_issue = tables_key(survey_corpus(corpus, {}), {})
    assert with_issue != key
    (corpus / "empty.txt").unlink()
    (corpus / "wire.md").rename(corpus / "moved.md")  # same id and text, another file
    moved = survey_corpus(corpus, {})
    assert [d.id for d in moved.documents()] == ["w1"]
    assert tables_key(moved, {}) not in (key, with_issue)


def test_the_streaming_survey_agrees_with_the_loaded_corpus(tmp_path) -> None:
    from claimscope.corpus import load_corpus
    from claimscope.report import survey_corpus

    corpus = _corpus(tmp_path)  # two articles, an empty file and a PDF
    (corpus / "undated.md").write_text("---\ntitle: No date\n---\nOfficials said so.\n",
                                       encoding="utf-8")
    for params in ({}, {"since": "2025-03-01", "until": "2025-03-31"}):
        loaded = load_corpus(corpus).filter_dates(params.get("since"), params.get("until"))
        surveyed = survey_corpus(corpus, params)
        assert surveyed.fingerprint() == loaded.fingerprint()
        assert surveyed.issues == loaded.issues  # set-aside files, then undated ones
        assert surveyed.count == len(loaded.documents)
        assert sorted(surveyed.documents(), key=lambda d: d.id) == list(loaded.documents)


def test_yaml_dates_and_numbers_given_to_text_parameters_are_their_text() -> None:
    import datetime as dt

    from claimscope.report import validate_parameters

    declared = declared_parameters(find_notebooks(NOTEBOOKS))
    given = {"since": dt.date(2025, 3, 14), "until": 2025, "group_by": "outlet"}
    assert validate_parameters(given, declared) == {
        "since": "2025-03-14", "until": "2025", "group_by": "outlet"}
    with pytest.raises(UsageError, match="'entities' must be list"):
        validate_parameters({"entities": 2025}, declared)


def test_a_since_in_a_params_file_may_be_a_yaml_date(tmp_path, capsys) -> None:
    params = tmp_path / "weekly.yaml"
    params.write_text("since: 2030-03-14\n", encoding="utf-8")
    code = main(["report", str(REPO / "corpus"), "--out", str(tmp_path / "r"),
                 "--params", str(params)])
    assert code == 2  # accepted as a date: nothing in the sample corpus is that recent
    assert "no document is dated inside since=2030-03-14" in capsys.readouterr().err


@pytest.mark.parametrize("files, reason", [
    ({"export.csv": "title,body_text,outlet\nA headline,Officials said so.,Wire\n"},
     "no text column"),
    ({"empty.txt": ""}, "empty"),
    ({"export.jsonl": '{"id": 1, "text": "cut off\n'}, "invalid JSON line"),
])
def test_a_corpus_with_nothing_to_analyse_exits_2_before_any_notebook(
        tmp_path, capsys, files, reason) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert main(["report", str(corpus), "--out", str(tmp_path / "r")]) == 2
    said = capsys.readouterr().err
    assert f"nothing to analyse in {corpus}: no document could be read" in said
    assert f"{next(iter(files))}: " in said and reason in said
    assert not (tmp_path / "r").exists()


def _report_process(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimscope", "report", str(corpus), "--out", str(out),
         "--notebooks", "00_corpus", "--jobs", "1", *extra],
        stderr=subprocess.PIPE, text=True, cwd=REPO)


@pytest.mark.slow
def test_two_reports_started_together_each_publish_a_whole_run(tmp_path) -> None:
    corpus = _corpus(tmp_path, hostile=False)
    out = tmp_path / "reports"
    runs = [_report_process(corpus, out, "--no-cache") for _ in range(2)]
    outcomes = [(run.wait(timeout=600), run.stderr.read()) for run in runs]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    folders = sorted(p for p in out.iterdir() if not p.name.startswith(".")
                     and p.name != "latest")
    assert len(folders) == 2, folders  # the same second gives NAME and NAME-2
    for folder in folders:
        documents = read_tables(folder / "tables")["documents"]
        assert len(documents) == 1 and len(pd.read_csv(folder / "tables/documents.csv")) == 1
        sentences = pd.read_csv(folder / "tables/sentences.csv")
        assert not sentences.duplicated(["doc_id", "sentence"]).any()
    assert (out / "latest").resolve() in folders
    for _, said in outcomes:
        assert "eavesdropping" not in said and "Traceback" not in said
        assert said.rstrip().splitlines()[-1].startswith("open ")
        assert said.rstrip().endswith("index.html")


@pytest.mark.slow
def test_a_warm_rerun_links_what_it_reuses_and_keep_prunes(tmp_path, capsys) -> None:
    corpus = _corpus(tmp_path, hostile=False)
    out = tmp_path / "reports"
    argv = ["report", str(corpus), "--out", str(out), "--notebooks", "00_corpus"]
    assert main(argv) == 0
    first = (out / "latest").resolve()
    executed = nbformat.read(first / "00_corpus.ipynb", as_version=4)
    assert executed.metadata.papermill.output_path == "00_corpus.ipynb"

    def disk_use() -> int:  # bytes of distinct files, as `du` counts hard links once
        seen = {}
        for path in out.rglob("*"):
            if path.is_file() and not path.is_symlink():
                info = path.stat()
                seen[info.st_ino] = info.st_size
        return sum(seen.values())

    before = disk_use()
    assert main(argv) == 0
    assert disk_use() - before < 100_000  # summary.json and index.html
    second = (out / "latest").resolve()
    assert second != first
    assert (second / "tables" / "documents.parquet").stat().st_ino == (
        first / "tables" / "documents.parquet").stat().st_ino
    capsys.readouterr()
    assert main([*argv, "--keep", "1"]) == 0
    assert f"removed the older run {first.name} (--keep 1)" in capsys.readouterr().err
    runs = [p for p in out.iterdir() if (p / "summary.json").is_file() and not p.is_symlink()]
    assert runs == [(out / "latest").resolve()]


def test_a_killed_runs_partial_folder_is_removed_by_the_next_run(tmp_path, capsys) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    stale = out / ".2026-12-08T060000_corpus.k1ll3d00.partial"
    (stale / "tables").mkdir(parents=True)
    main(["report", str(tmp_path / "nowhere"), "--out", str(out)])  # refused: no corpus
    assert stale.exists()  # a refused run changes nothing
    assert main(["report", str(_corpus(tmp_path, hostile=False, bad=False)), "--out",
                 str(out), "--notebooks", "00_corpus", "-p", "group_by", "[1]"]) == 2
    from claimscope.runs import remove_stale_partials

    assert remove_stale_partials(out) == [stale]


def _index_summary() -> dict:
    """The parts of summary.json that index.html reads, for one group."""
    from claimscope.framing_profile import HEADLINE_MEASURES

    return {
        "corpus": {"path": "corpus"}, "created": "2026-12-08T03:00:00+00:00",
        "notebooks": ["00_corpus", "04_compare"],
        "counts": {"documents": 1, "sentences": 30, "attributions": 20, "hedges": 9,
                   "set_aside": 0, "warnings": 0},
        "headlines": {"group_by": "outlet",
                      "groups": {"Continental Wire Service": {
                          "documents": 2, "claims": 20, **{
                              f"{m}{end}": value for m in HEADLINE_MEASURES[2:]
                              for end, value in (("", 0.25), ("_low", 0.1), ("_high", 0.4))
                          }}}},
    }


def test_index_shows_the_framing_figure_of_the_run_or_says_why_not(tmp_path) -> None:
    from claimscope.notebook import FRAMING_FIGURE
    from claimscope.report import write_index

    index = write_index(tmp_path, _index_summary()).read_text(encoding="utf-8")
    assert "<img" not in index and "drawn by 05_claims" in index
    figure = tmp_path / "figures" / f"{FRAMING_FIGURE}.png"
    figure.parent.mkdir()
    figure.write_bytes(b"\x89PNG\r\n\x1a\n")
    index = write_index(tmp_path, _index_summary()).read_text(encoding="utf-8")
    assert f'<img src="figures/{FRAMING_FIGURE}.png"' in index
    assert index.index("<img") < index.index('<table class="cs-table">')  # above the table
    assert "25% (10–40%)" in index and "0.2 (0.1–0.4)" in index  # with their intervals
