"""The ``claimscope analyze`` command: engines, cache and messages, on the sample corpus."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claimscope.cli import main
from claimscope.corpus import load_corpus
from claimscope.tables import read_tables

REPO = Path(__file__).resolve().parents[1]


def _same_tables(a: Path, b: Path) -> None:
    first, second = read_tables(a), read_tables(b)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


def test_analyze_writes_tables_then_reuses_the_cache(tmp_path, capsys) -> None:
    out = tmp_path / "tables"
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--jobs", "1"]) == 0
    first = capsys.readouterr().err
    words = int(read_tables(out)["documents"]["words"].sum())
    assert (f"24 documents analysed (0 from the cache; {words:,} words); 0 set aside "
            f"(0 unreadable, 0 failed in analysis: see issues.csv); tables in {out}") in first
    assert "%|" not in first  # no progress bar when stderr is not a terminal
    assert sorted(p.name for p in (out / "sentences").iterdir()) == ["part-00000.parquet"]
    assert (out / "sentences.csv").read_text(encoding="utf-8").startswith("doc_id,sentence,")
    assert main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path / "again"),
                 "--jobs", "1"]) == 0
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--jobs", "2"]) == 0
    assert "24 documents analysed (24 from the cache;" in capsys.readouterr().err
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--no-cache"]) == 0
    assert "24 documents analysed (0 from the cache;" in capsys.readouterr().err
    _same_tables(out, tmp_path / "again")


def test_scheduler_address_needs_the_dask_engine(tmp_path, capsys) -> None:
    code = main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path / "t"),
                 "--scheduler", "tcp://127.0.0.1:8786"])
    assert code == 2
    assert "--scheduler is the address of a Dask scheduler: add --engine dask" in \
        capsys.readouterr().err


@pytest.mark.slow
def test_a_jsonl_on_dask_gives_the_tables_of_a_local_run(tmp_path, capsys) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(
        json.dumps({"id": d.id, "text": d.text, "outlet": d.outlet, "date": d.date}) + "\n"
        for d in load_corpus(REPO / "corpus").documents) + '{"id": "cut off', encoding="utf-8")
    assert main(["analyze", str(path), "--out", str(tmp_path / "local"), "--jobs", "1",
                 "--since", "2024"]) == 0
    assert main(["analyze", str(path), "--out", str(tmp_path / "dask"), "--engine", "dask",
                 "--jobs", "2", "--since", "2024"]) == 0
    said = capsys.readouterr().err
    assert "23 documents analysed" in said and "1 set aside (1 unreadable" in said
    _same_tables(tmp_path / "local", tmp_path / "dask")
    documents = read_tables(tmp_path / "dask")["documents"]
    assert len(documents) == 23 and documents["date"].min() >= "2025"  # the 2023 seed is out


def _claimscope(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The command as a user types it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "claimscope", *args], capture_output=True,
                          text=True, cwd=REPO, **kwargs)


def test_version_and_python_dash_m() -> None:
    from claimscope import __version__

    done = _claimscope("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"claimscope {__version__}"


def test_no_command_lists_the_commands_and_an_example(capsys) -> None:
    assert main([]) == 2
    said = capsys.readouterr().err
    assert "  report    analyse a corpus and execute the notebooks" in said
    assert "  analyze   analyse a corpus into tables only" in said
    assert "claimscope report corpus" in said


def test_report_help_shows_examples_and_exit_codes(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    shown = capsys.readouterr().out
    assert "claimscope report --params params/weekly.yaml" in shown
    assert "exit codes:" in shown and "  3  the machine refused" in shown


@pytest.mark.parametrize("argv", [
    ["--since", "-7d"],
    ["-p", "since", "-7d"],
    ["--since=-7d"],
])
def test_a_relative_since_is_a_value_not_an_option(tmp_path, capsys, argv) -> None:
    code = main(["report", str(REPO / "corpus"), "--out", str(tmp_path / "r"), *argv])
    said = capsys.readouterr().err
    # parsed and resolved: the sample corpus (2023-2025) has nothing in the last week
    assert code == 2 and "no document is dated inside since=20" in said


def test_analyze_refuses_a_folder_of_other_files(tmp_path, capsys) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"mine")
    assert main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path)]) == 2
    assert "holds files that are not claimscope tables" in capsys.readouterr().err
    assert (tmp_path / "thesis.docx").read_bytes() == b"mine"


def test_a_full_disk_exits_3_with_a_sentence_and_keeps_the_old_tables(
        tmp_path, capsys, monkeypatch) -> None:
    out = tmp_path / "tables"
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--jobs", "1"]) == 0
    before = read_tables(out)

    def disk_full(self, records) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("claimscope.tables.TableWriter.add", disk_full)
    code = main(["analyze", str(REPO / "corpus"), "--out", str(out), "--no-cache"])
    said = capsys.readouterr().err
    assert code == 3
    assert "the disk is full" in said and "free some space" in said
    assert "Traceback" not in said
    for name, frame in read_tables(out).items():  # the first run's tables, untouched
        pd.testing.assert_frame_equal(frame, before[name], obj=name)
    # no partial folder left; the writer's lock file stays (removing it would be racy)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tables.lock", "tables"]


def test_a_folder_that_cannot_be_written_exits_3(tmp_path, capsys, monkeypatch) -> None:
    def refused(parent, name):
        raise PermissionError(errno.EACCES, "Permission denied", str(parent))

    monkeypatch.setattr("claimscope.cli.start_partial", refused)
    assert main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path / "t")]) == 3
    said = capsys.readouterr().err
    assert f"cannot write {tmp_path}: permission denied; give --out a folder" in said


def test_two_analyze_runs_into_one_folder_never_mix_their_tables(tmp_path) -> None:
    out = tmp_path / "tables"
    argv = [sys.executable, "-m", "claimscope", "analyze", str(REPO / "corpus"), "--out",
            str(out), "--no-cache", "--jobs", "1"]
    runs = [subprocess.Popen(argv, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    codes = sorted(code for code, _ in outcomes)
    assert codes in ([0, 0], [0, 4]), outcomes  # the second waits its turn or is refused
    if codes == [0, 4]:
        assert any("another claimscope process is writing" in err for _, err in outcomes)
    assert main(["analyze", str(REPO / "corpus"), "--out", str(tmp_path / "alone"),
                 "--jobs", "1"]) == 0
    _same_tables(out, tmp_path / "alone")  # read_tables refuses a mixture
    assert len(pd.read_csv(out / "sentences.csv")) == len(read_tables(out)["sentences"])


def test_running_out_of_memory_exits_3_with_what_to_do(tmp_path, capsys, monkeypatch) -> None:
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("claimscope.report.analyze_to_folder", exhausted)
    code = main(["report", str(REPO / "corpus"), "--out", str(tmp_path / "r"), "--no-cache"])
    said = capsys.readouterr().err
    assert code == 3 and "ran out of memory; run with --jobs 1" in said
    assert [p.name for p in (tmp_path / "r").iterdir()] == []  # its partial folder removed


def test_text_column_names_the_column_that_holds_the_text(tmp_path, capsys) -> None:
    export = tmp_path / "export.csv"
    export.write_text("title,body_text,outlet\nDrones,Officials said the port ships "
                      "drones.,Wire\n", encoding="utf-8")
    assert main(["analyze", str(export), "--out", str(tmp_path / "t")]) == 0
    assert "0 documents analysed" in capsys.readouterr().err
    issues = read_tables(tmp_path / "t")["issues"]
    assert "--text-column NAME" in issues["hint"][0]
    assert main(["analyze", str(export), "--out", str(tmp_path / "t"), "--text-column",
                 "body_text"]) == 0
    tables = read_tables(tmp_path / "t")
    assert tables["documents"]["outlet"].tolist() == ["Wire"]
    assert tables["attributions"]["source"].tolist() == ["Officials"]
    assert main(["analyze", str(export), "--out", str(tmp_path / "t"), "--text-column",
                 "body"]) == 0
    assert "there is no column 'body' (--text-column)" in read_tables(
        tmp_path / "t")["issues"]["reason"][0]


def test_cache_prune_removes_the_least_recently_used_entries(tmp_path, capsys) -> None:
    out = tmp_path / "tables"
    assert main(["analyze", str(REPO / "corpus"), "--out", str(out), "--jobs", "1"]) == 0
    cache = out / ".cache"
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 24
    assert main(["cache", "prune", str(cache), "--max-size", "0"]) == 0
    assert "removed 24 entries" in capsys.readouterr().err
    assert not list(cache.rglob("*.json"))
    assert main(["cache", "prune", str(cache), "--max-size", "lots"]) == 2
    assert "--max-size:" in capsys.readouterr().err
