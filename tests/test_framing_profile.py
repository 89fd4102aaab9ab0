"""The framing profile per group, on corpora whose framing is known by construction."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimscope.corpus import load_corpus
from claimscope.engine import analyze_corpus
from claimscope.framing_profile import (
    HEADLINE_MEASURES,
    claim_grid,
    framing_profile,
    interval_text,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed"


def _tables(*folders: Path, tmp_path: Path) -> dict:
    corpus = tmp_path / "corpus"
    for folder in folders:
        for article in folder.glob("*.md"):
            if article.name != "README.md":
                corpus.mkdir(exist_ok=True)
                shutil.copy(article, corpus / f"{folder.name}-{article.name}")
    return analyze_corpus(load_corpus(corpus))


def _doubt(profile, group: str) -> float:
    row = profile.loc[group]
    return row["distanced_share"] + row["disputed_share"]


def test_the_seed_keeps_its_claims_at_a_distance_where_plain_wire_copy_does_not(
        tmp_path) -> None:
    tables = _tables(SEED, FIXTURES / "seed_wire", tmp_path=tmp_path)
    profile = framing_profile(tables, "outlet")
    wire = next(g for g in profile.index if g != "The Libertarian Institute")
    assert _doubt(profile, "The Libertarian Institute") >= _doubt(profile, wire) + 0.15
    assert (tables["claims"]["documents"] == 2).any()  # the event's claim in both


def test_outlets_rank_from_asserting_to_disputing_the_same_claim(tmp_path) -> None:
    tables = _tables(FIXTURES / "framing_ranking", tmp_path=tmp_path)
    profile = framing_profile(tables, "outlet").fillna(0)
    # by doubt, then by disputing over distancing, then by how much is stated as fact
    # (asserting and passing on both doubt nothing; the asserting outlet states the claim)
    order = sorted(profile.index, key=lambda group: (round(_doubt(profile, group), 6),
                                                     profile.loc[group, "disputed_share"],
                                                     -profile.loc[group, "asserted_share"]))
    outlets = {path.read_text(encoding="utf-8").split("outlet:")[1].splitlines()[0]
               .strip().strip('"') for path in (FIXTURES / "framing_ranking").glob("*.md")
               if path.name != "README.md"}
    assert set(order) == outlets
    asserting, plain, distancing, disputing = order
    assert _doubt(profile, asserting) <= _doubt(profile, plain) < _doubt(
        profile, distancing) <= _doubt(profile, disputing) + 1e-9
    assert profile["asserted_share"].idxmax() == asserting
    assert "Marsk" in asserting and "Pellinor" in plain and "Lodra" in distancing
    assert "Brightwater" in disputing
    assert profile.loc[disputing, "disputed_share"] > profile.loc[distancing,
                                                                  "disputed_share"]


def test_the_profile_has_every_headline_measure_with_its_interval(tables) -> None:
    profile = framing_profile(tables, "outlet")
    for measure in HEADLINE_MEASURES[2:]:
        assert {measure, f"{measure}_low", f"{measure}_high"} <= set(profile.columns)
        inside = profile[measure].dropna().index
        assert (profile.loc[inside, f"{measure}_low"] <= profile.loc[inside, measure]).all()
    assert profile["claims"].sum() > 0


def test_the_grid_names_each_groups_prevailing_framing(tables) -> None:
    grid = claim_grid(tables, "outlet", top=4)
    assert set(grid["framing"]) <= {"asserted", "endorsed", "neutral", "distanced",
                                    "disputed"}
    assert grid.groupby("claim")["group"].nunique().min() >= 2
    assert len(set(grid["framing"])) >= 3  # the sample corpus frames its claims apart


@pytest.mark.parametrize("value, low, high, percent, text", [
    (0.2593, 0.11, 0.4412, True, "26% (11–44%)"),
    (0.0, 0.0, 0.0, True, "0%"),
    (23.6, 23.6, 23.6, False, "23.6"),
    (float("nan"), float("nan"), float("nan"), True, "–"),
])
def test_interval_text(value, low, high, percent, text) -> None:
    assert interval_text(value, low, high, percent=percent) == text
