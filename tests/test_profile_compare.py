"""Outlet profile, per-document measures, group comparisons and stand-out documents on the
sample corpus; Holm adjustment; drill-down links; validation figures for the methods section."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from claimscope import profile
from claimscope.compare import holm
from claimscope.display import drilldown_table
from claimscope.methods import numeric_figures, validation_records, validation_table

SEED_ID = "seed/white-house-iran-drone-factory.md"


@pytest.fixture(scope="module")
def measures(tables) -> pd.DataFrame:
    return profile.document_measures(tables, "outlet")


def test_outlet_profile_one_row_per_outlet_with_pooled_rates(tables):
    table = profile.outlet_profile(tables, "outlet")
    docs = tables["documents"]
    assert list(table.index) == sorted(docs["outlet"].unique())
    seed = table.loc["The Libertarian Institute"]
    seed_doc = docs.set_index("id").loc[SEED_ID]
    assert seed["documents"] == 1
    assert seed["words"] == seed_doc["words"]
    assert seed["attributions_per_1000"] == pytest.approx(
        1000 * seed_doc["attributions"] / seed_doc["words"])
    assert seed["hedges_per_1000"] == pytest.approx(1000 * seed_doc["hedges"] / seed_doc["words"])
    # the hedge categories add up to all hedges
    categories = [f"{c}_per_1000" for c in profile.HEDGE_CATEGORIES]
    assert table[categories].sum(axis=1).to_numpy() == pytest.approx(
        table["hedges_per_1000"].to_numpy())
    # the seed puts "deepening", "accountable", "aligned" in scare quotes
    assert seed["scare_quotes"] >= 3
    for voice in ("author", "attributed"):
        assert (table[f"{voice}_tone_low"] <= table[f"{voice}_tone_mean"]).all()
        assert (table[f"{voice}_tone_mean"] <= table[f"{voice}_tone_high"]).all()
    assert ((table["named_share"] + table["anonymous_share"]) <= 1 + 1e-9).all()


def test_outlet_profile_by_month_pools_documents(tables):
    table = profile.outlet_profile(tables, "month")
    assert table.loc["2025-03", "documents"] == 8
    assert table.loc["2023-06", "documents"] == 1
    assert table["words"].sum() == tables["documents"]["words"].sum()


def test_document_measures_one_row_per_document(tables, measures):
    docs = tables["documents"].set_index("id")
    assert list(measures["id"]) == list(docs.index)
    assert set(profile.DOCUMENT_MEASURES) <= set(measures.columns)
    seed = measures.set_index("id").loc[SEED_ID]
    assert seed["group"] == "The Libertarian Institute"
    assert seed["attributions_per_1000"] == pytest.approx(
        1000 * docs.loc[SEED_ID, "attributions"] / docs.loc[SEED_ID, "words"])
    seed_atts = tables["attributions"].query("doc_id == @SEED_ID")
    anonymous = (seed_atts["source_type"] == "anonymous").mean()
    assert seed["anonymous_share"] == pytest.approx(anonymous)
    sentences = tables["sentences"].query("doc_id == @SEED_ID")
    assert seed["tone"] == pytest.approx(sentences["combined"].mean())
    # writer's hedges are a subset of all hedges
    assert (measures["writer_hedges_per_1000"] <= measures["hedges_per_1000"] + 1e-9).all()
    for column in ("named_share", "anonymous_share", "distancing_share", "claims_hedged_share"):
        assert measures[column].between(0, 1).all()
    assert (measures["attributions"] == docs["attributions"].to_numpy()).all()


def test_document_measures_leave_shares_of_few_claims_empty(tables):
    strict = profile.document_measures(tables, min_attributions=25).set_index("id")
    few = strict["attributions"] < 25
    assert few.any() and (~few).any()
    assert strict.loc[few, "anonymous_share"].isna().all()
    assert strict.loc[~few, "anonymous_share"].notna().all()
    assert strict["hedges_per_1000"].notna().all()  # rates per word are kept


def test_document_measures_pool_back_to_the_profile(tables, measures):
    """Per-document rates weighted by words give the group's pooled rate."""
    by_month = profile.document_measures(tables, "month")
    pooled = profile.outlet_profile(tables, "month")
    march = by_month[by_month["group"] == "2025-03"]
    weighted = (march["hedges_per_1000"] * march["words"]).sum() / march["words"].sum()
    assert weighted == pytest.approx(pooled.loc["2025-03", "hedges_per_1000"])
    assert "group" not in profile.document_measures(tables).columns


def test_compare_measures_single_documents_are_never_clear(tables):
    result = profile.compare_measures(tables, "outlet", measures=["hedges_per_1000", "tone"])
    assert list(result["measure"].unique()) == ["hedges_per_1000", "tone"]
    assert len(result) == 2 * tables["documents"]["outlet"].nunique()
    assert (result["n"] == 1).all() and result["few"].all() and not result["clear"].any()
    assert (result["p_holm"] >= result["p"]).all()
    lantern = result.set_index(["measure", "group"]).loc[("hedges_per_1000", "The Lantern Review")]
    assert lantern["diff"] > 0  # the sceptical commentary hedges more than the rest


def test_compare_measures_by_month_can_be_clear(tables):
    result = profile.compare_measures(tables, "month", measures=["tone"], min_n=1)
    assert set(result["group"]) == {"2023-06", "2025-03"}
    march = result.set_index("group").loc["2025-03"]
    assert march["n"] == 8 and march["rest_n"] == 1 and not march["few"]
    with pytest.raises(KeyError, match="unknown measure"):
        profile.compare_measures(tables, "outlet", measures=["no_such_measure"])


def test_standouts_on_the_sample_corpus(measures):
    found = profile.standouts(measures, profile.DOCUMENT_MEASURES, threshold=2.5)
    assert (found["z"].abs() >= 2.5).all()
    assert (found["reference"] == "corpus").all()  # every outlet is a single document
    assert list(found["z"].abs()) == sorted(found["z"].abs(), reverse=True)
    pairs = set(zip(found["id"].str.split("/").str[0], found["measure"], strict=True))
    # the accused government's denial distances itself from the claims it reports
    assert ("varnesia-mfa", "distancing_share") in pairs
    top = found.iloc[0]
    column = measures[top["measure"]].dropna()
    deviations = (column - column.median()).abs()
    spread = 1.4826 * deviations.median() or 1.2533 * deviations.mean()
    assert top["median"] == pytest.approx(column.median())
    assert top["z"] == pytest.approx((top["value"] - column.median()) / spread)
    strict = profile.standouts(measures, profile.DOCUMENT_MEASURES)  # the usual cut-off, 3.5
    assert (strict["z"].abs() >= 3.5).all() and len(strict) < len(found)
    pairs = set(zip(found["id"], found["measure"], strict=True))
    assert set(zip(strict["id"], strict["measure"], strict=True)) <= pairs


def test_standouts_use_the_group_when_it_is_large_enough():
    frame = pd.DataFrame({
        "id": [f"a{i}" for i in range(6)] + ["b0", "b1"],
        "group": ["A"] * 6 + ["B"] * 2,
        "rate": [1.0, 1.1, 0.9, 1.0, 1.05, 9.0, 50.0, 0.95],
    })
    found = profile.standouts(frame, ["rate"], min_group=5, threshold=2.5)
    by_id = found.set_index("id")
    assert by_id.loc["a5", "reference"] == "group" and by_id.loc["a5", "median"] == 1.025
    assert by_id.loc["b0", "reference"] == "corpus"
    assert "b1" not in by_id.index
    # MAD of 0 falls back to the mean absolute deviation; all equal: nobody stands out
    flat = pd.DataFrame({"id": list("abcde"), "rate": [0.0, 0.0, 0.0, 0.0, 4.0]})
    assert list(profile.standouts(flat, ["rate"], threshold=2.5)["id"]) == ["e"]
    same = pd.DataFrame({"id": list("abc"), "rate": [2.0, 2.0, 2.0]})
    assert profile.standouts(same, ["rate"]).empty


def test_whose_claims_hedged_by_outlet_counts_every_claim(tables):
    table = profile.whose_claims_hedged(tables, by="outlet")
    assert table["claims"].sum() == len(tables["attributions"])
    assert (table["hedged"] <= table["claims"]).all()
    seed = table[table["group"] == "The Libertarian Institute"].set_index("source_type")
    assert seed["claims"].sum() == tables["documents"].set_index("id").loc[SEED_ID, "attributions"]


def test_holm_adjustment():
    adjusted = holm([0.01, 0.04, np.nan, 0.03, 0.5])
    assert adjusted[0] == pytest.approx(0.04)
    assert adjusted[3] == pytest.approx(0.09)
    assert adjusted[1] == pytest.approx(0.09)  # monotone: not below the smaller p's value
    assert math.isnan(adjusted[2])
    assert adjusted[4] == pytest.approx(0.5)
    assert holm([0.6, 0.7]).max() == 1.0
    assert holm([]).size == 0


def test_drilldown_table_escapes_ids_and_gives_the_command():
    frame = pd.DataFrame({"id": ['odd/<b>"x".md'], "measure": ["tone"], "z": [-3.1]})
    out = drilldown_table(frame)
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert '<a href="01_attribution.html">' in out and '<a href="03_sentiment.html">' in out
    assert ("claimscope report CORPUS --notebooks 01_attribution 03_sentiment -p document "
            "&#x27;odd/&lt;b&gt;&quot;x&quot;.md&#x27;") in out
    plain = drilldown_table(pd.DataFrame({"id": [SEED_ID]}), notebooks=["01_attribution"],
                            corpus="corpus")
    assert f"--notebooks 01_attribution -p document {SEED_ID}</code>" in plain
    with pytest.raises(KeyError, match="doc_id"):
        drilldown_table(frame, id_column="doc_id")


def test_validation_figures_shipped_and_generic(tmp_path):
    records = validation_records()
    assert "sentiment" in records and "hedging" in records
    table = validation_table(records)
    sentiment = table[table["analysis"] == "sentiment"]
    assert sentiment["date"].iloc[0] == records["sentiment"]["date"]
    assert sentiment["figure"].iloc[0].endswith(".r")  # quality figures come first
    odd = {"date": "2026-01-01", "flag": True, "deep": {"f1": 0.5, "fp": 3}, "size": 7,
           "label": "x"}
    assert numeric_figures(odd) == [("deep.f1", 0.5), ("size", 7.0), ("deep.fp", 3.0)]
    empty = validation_table({"broken": {"error": "JSONDecodeError"}, "list": [1, 2]})
    assert list(empty["figure"]) == ["JSONDecodeError", "no numeric figures in the file"]
    assert (empty["command"] == "(not recorded)").all()
    assert json.loads(json.dumps(records))  # plain data
