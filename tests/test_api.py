"""``import claimscope``: the functions a researcher calls from a notebook of their own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import claimscope

REPO = Path(__file__).resolve().parents[1]


def test_analyze_a_plain_string() -> None:
    result = claimscope.analyze("Officials said the plant may open.")
    [attribution] = result.attributions
    assert (attribution.source.text, attribution.cue.text, attribution.content.text) == (
        "Officials", "said", "the plant may open")
    assert [hedge.text for hedge in result.hedges] == ["may"]


def test_load_analyse_write_and_read_back_a_corpus(tmp_path) -> None:
    corpus = claimscope.load_corpus(REPO / "corpus")
    tables = claimscope.analyze_corpus(corpus)
    assert len(tables["documents"]) == len(corpus.documents) == 24
    claimscope.write_tables(tables, tmp_path)
    back = claimscope.read_tables(tmp_path)
    assert len(back["attributions"]) == len(tables["attributions"]) > 0
    assert isinstance(corpus.documents[0], claimscope.Document)


def test_every_public_name_resolves_and_import_stays_light() -> None:
    for name in claimscope.__all__:
        assert getattr(claimscope, name) is not None, name
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, claimscope; print('pandas' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"  # nothing heavy until a function is used
