"""profile.py on the sample corpus: attribution, hedging and tone measures, the outlet
profile, group comparisons and stand-out documents (and the helpers they use)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from claimscope import profile
from claimscope.compare import holm
from claimscope.display import drilldown_table
from claimscope.methods import numeric_figures, validation_records, validation_table

SEED_ID = "seed/white-house-iran-drone-factory.md"


@pytest.fixture(scope="module")
def seed_outlet(tables: dict[str, pd.DataFrame]) -> str:
    docs = tables["documents"]
    return str(docs.loc[docs["id"] == SEED_ID, "outlet"].item())


# attribution_profile ----------------------------------------------------------------------


def test_attribution_profile_one_row_per_outlet_with_all_counts(tables):
    docs, atts = tables["documents"], tables["attributions"]
    out = profile.attribution_profile(tables, "outlet")
    assert list(out.index) == sorted(docs["outlet"].unique())
    assert out["documents"].sum() == len(docs)
    assert out["words"].sum() == docs["words"].sum()
    assert out["attributions"].sum() == len(atts)
    assert out["second_hand"].sum() == atts["second_hand"].sum()
    assert (out["second_hand"] <= out["attributions"]).all()


def test_attribution_rate_is_per_1000_words(tables):
    out = profile.attribution_profile(tables, "outlet")
    assert np.allclose(out["per_1000_words"], 1000 * out["attributions"] / out["words"])


def test_rates_are_pooled_over_a_groups_documents(tables):
    """Sixteen invented articles share March 2025: their rate is total counts over
    total words, not the mean of the sixteen rates."""
    docs = tables["documents"]
    march = docs[docs["date"].astype(str).str.startswith("2025-03")]
    out = profile.attribution_profile(tables, "month")
    assert list(out.index) == ["2023-06", "2025-03", "2025-04"]
    assert out.loc["2025-03", "documents"] == len(march) == 16
    pooled = 1000 * march["attributions"].sum() / march["words"].sum()
    assert out.loc["2025-03", "per_1000_words"] == pytest.approx(pooled)
    assert pooled != pytest.approx((1000 * march["attributions"] / march["words"]).mean())


@pytest.mark.parametrize("columns", [
    ["named_share", "anonymous_share", "agentless_share"],
    [f"{stance}_share" for stance in profile.STANCES],
    ["direct_share", "partial_share", "indirect_share"],
])
def test_each_set_of_shares_sums_to_one_per_group(tables, columns):
    out = profile.attribution_profile(tables, "outlet")
    assert (out["attributions"] > 0).all()
    assert np.allclose(out[columns].sum(axis=1), 1.0)
    assert ((out[columns] >= 0) & (out[columns] <= 1)).all().all()


def test_named_share_counts_the_named_types(tables, seed_outlet):
    atts = tables["attributions"].merge(
        tables["documents"][["id", "outlet"]], left_on="doc_id", right_on="id")
    seed = atts[atts["outlet"] == seed_outlet]
    named = seed["source_type"].isin(profile.NAMED_TYPES).mean()
    out = profile.attribution_profile(tables, "outlet")
    assert out.loc[seed_outlet, "named_share"] == pytest.approx(named)
    assert out.loc[seed_outlet, "anonymous_share"] == pytest.approx(
        (seed["source_type"] == "anonymous").mean())


def test_unknown_grouping_column_is_a_clear_error(tables):
    with pytest.raises(KeyError, match="cannot group by 'publisher'.*outlet"):
        profile.attribution_profile(tables, "publisher")


# top_sources ------------------------------------------------------------------------------


def test_the_seeds_outlet_cites_john_kirby_most(tables, seed_outlet):
    top = profile.top_sources(tables, "outlet", n=5)
    seed = top[top["group"] == seed_outlet]
    first = seed.iloc[0]
    assert first["source_name"] == "John Kirby"
    assert first["source_type"] == "person"
    assert first["citations"] > seed.iloc[1]["citations"]


def test_top_sources_counts_match_the_attributions_table(tables):
    atts = tables["attributions"].merge(
        tables["documents"][["id", "outlet"]], left_on="doc_id", right_on="id")
    top = profile.top_sources(tables, "outlet", n=3)
    for row in top.itertuples(index=False):
        cited = atts[(atts["outlet"] == row.group) & (atts["source_name"] == row.source_name)
                     & (atts["source_type"] == row.source_type)]
        assert len(cited) == row.citations


def test_top_sources_at_most_n_per_group_most_cited_first(tables):
    top = profile.top_sources(tables, "outlet", n=3)
    assert top.groupby("group").size().max() == 3
    assert top["source_name"].notna().all()
    for _, part in top.groupby("group"):
        assert part["citations"].is_monotonic_decreasing
    one = profile.top_sources(tables, "outlet", n=1)
    assert one["group"].is_unique
    assert set(one["group"]) == set(top["group"])


# counts_by --------------------------------------------------------------------------------


def test_counts_by_source_type_rows_sum_to_each_groups_attributions(tables):
    counts = profile.counts_by(tables, "outlet", "attributions", "source_type",
                               profile.SOURCE_TYPES)
    assert list(counts.columns) == list(profile.SOURCE_TYPES)
    out = profile.attribution_profile(tables, "outlet")
    assert counts.index.equals(out.index)
    assert (counts.sum(axis=1) == out["attributions"]).all()


def test_counts_by_fills_missing_categories_with_zero(tables):
    counts = profile.counts_by(tables, "outlet", "attributions", "stance",
                               [*profile.STANCES, "no-such-stance"])
    assert (counts["no-such-stance"] == 0).all()
    assert counts.to_numpy().sum() == len(tables["attributions"])


def test_counts_by_without_categories_lists_the_values_found_sorted(tables):
    counts = profile.counts_by(tables, "outlet", "attributions", "kind")
    assert list(counts.columns) == sorted(tables["attributions"]["kind"].unique())
    seed = profile.counts_by(tables, "author", "attributions", "kind").loc["Connor Freeman"]
    atts = tables["attributions"]
    assert seed.sum() == (atts["doc_id"] == SEED_ID).sum()


# ==================== outlet profile and comparisons ====================
# Outlet profile, per-document measures, group comparisons and stand-out documents on the



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
    assert table.loc["2025-03", "documents"] == 16
    assert table.loc["2025-04", "documents"] == 7
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
    few = measures["attributions"] < 5  # shares of fewer claims are left empty
    assert few.any()  # the Varnesian ministry's inspection statement (4 claims)
    for column in ("named_share", "anonymous_share", "distancing_share", "claims_hedged_share"):
        assert measures.loc[~few, column].between(0, 1).all()
        assert measures.loc[few, column].isna().all()
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
    sizes = tables["documents"].groupby("outlet").size()
    assert (result["n"] == result["group"].map(sizes)).all()  # every document has a value
    single = result[result["n"] == 1]
    assert not single.empty and single["few"].all() and not single["clear"].any()
    # no outlet of the sample corpus has five documents (min_n): none is ever clear
    assert (result["n"] < 5).all() and result["few"].all() and not result["clear"].any()
    assert (result["p_holm"] >= result["p"]).all()
    lantern = result.set_index(["measure", "group"]).loc[("hedges_per_1000", "The Lantern Review")]
    assert lantern["diff"] > 0  # the sceptical commentary hedges more than the rest


def test_compare_measures_by_month_can_be_clear(tables):
    result = profile.compare_measures(tables, "month", measures=["tone"], min_n=1)
    assert set(result["group"]) == {"2023-06", "2025-03", "2025-04"}
    march = result.set_index("group").loc["2025-03"]
    assert march["n"] == 16 and march["rest_n"] == 8 and not march["few"]
    with pytest.raises(KeyError, match="unknown measure"):
        profile.compare_measures(tables, "outlet", measures=["no_such_measure"])


def test_standouts_on_the_sample_corpus(measures):
    found = profile.standouts(measures, profile.DOCUMENT_MEASURES, threshold=2.5)
    assert (found["z"].abs() >= 2.5).all()
    assert (found["reference"] == "corpus").all()  # no outlet has five documents
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


# ==================== hedging measures ====================
# The hedging side of profile.py on the sample corpus: rates, whose claims the writer hedges.

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = "seed/white-house-iran-drone-factory.md"


@pytest.fixture(scope="module")
def seed_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The run's tables cut down to the seed article."""
    out = {}
    for name, frame in tables.items():
        key = "id" if name == "documents" else "doc_id"
        out[name] = frame[frame[key] == SEED] if key in frame.columns else frame
    return out


def _hedge(tables: dict[str, pd.DataFrame], text: str) -> pd.Series:
    hedges = tables["hedges"]
    found = hedges[(hedges["doc_id"] == SEED) & (hedges["text"] == text)]
    assert len(found) == 1, f"expected one seed hedge {text!r}, found {len(found)}"
    return found.iloc[0]


def _claim(claims: pd.DataFrame, cue: str, sentence_has: str,
           tables: dict[str, pd.DataFrame]) -> pd.Series:
    sentences = tables["sentences"]
    seed_sentences = sentences[sentences["doc_id"] == SEED]
    index = seed_sentences.loc[seed_sentences["text"].str.contains(sentence_has, regex=False),
                               "sentence"]
    assert len(index) == 1, sentence_has
    found = claims[(claims["doc_id"] == SEED) & (claims["sentence"] == index.iloc[0])
                   & (claims["cue"] == cue)]
    assert len(found) == 1, f"expected one {cue!r} claim in {sentence_has!r}"
    return found.iloc[0]


# ------------------------------------------------------------------ hedging_profile

def test_category_rates_sum_to_the_total_rate(tables: dict[str, pd.DataFrame]) -> None:
    hp = profile.hedging_profile(tables, "outlet")
    per_category = hp[[f"{c}_per_1000" for c in profile.HEDGE_CATEGORIES]].sum(axis=1)
    np.testing.assert_allclose(per_category.to_numpy(), hp["per_1000_words"].to_numpy())
    assert set(tables["hedges"]["category"]) <= set(profile.HEDGE_CATEGORIES)


def test_profile_counts_match_the_hedges_table(tables: dict[str, pd.DataFrame]) -> None:
    hp = profile.hedging_profile(tables, "outlet")
    docs = tables["documents"].set_index("id")
    hedges = tables["hedges"].assign(outlet=lambda h: h["doc_id"].map(docs["outlet"]))
    assert list(hp.index) == sorted(docs["outlet"].unique())
    assert hp["documents"].sum() == len(docs) == 24
    assert hp["hedges"].sum() == len(hedges)
    assert hp["hedges"].to_dict() == hedges.groupby("outlet").size().reindex(
        hp.index, fill_value=0).to_dict()
    np.testing.assert_allclose(hp["per_1000_words"], 1000 * hp["hedges"] / hp["words"])
    scare = hedges[hedges["category"] == "scare_quote"].groupby("outlet").size()
    assert hp["scare_quotes"].to_dict() == scare.reindex(hp.index, fill_value=0).to_dict()
    author = (hedges["voice"] == "author").groupby(hedges["outlet"]).mean()
    np.testing.assert_allclose(hp["author_voice_share"], author.reindex(hp.index))
    assert hp["sentences_hedged_share"].between(0, 1).all()


def test_seed_profile_has_its_distancing_and_scare_quotes(
        seed_tables: dict[str, pd.DataFrame]) -> None:
    hp = profile.hedging_profile(seed_tables, "outlet")
    row = hp.loc["The Libertarian Institute"]
    # claim, purports, is said to, alleged, ostensible, "this claim": six distancing cues
    assert row["distancing_per_1000"] * row["words"] / 1000 == pytest.approx(6)
    assert row["scare_quotes"] == 3  # "deepening", "aligned", "accountable"


def test_profile_groups_by_month_and_refuses_an_unknown_column(
        tables: dict[str, pd.DataFrame]) -> None:
    by_month = profile.hedging_profile(tables, "month")
    months = sorted(tables["documents"]["date"].astype(str).str[:7].unique())
    assert list(by_month.index) == months
    assert by_month["hedges"].sum() == len(tables["hedges"])
    with pytest.raises(KeyError, match="cannot group by 'publisher'"):
        profile.hedging_profile(tables, "publisher")


# ------------------------------------------------------------------ claims_hedged

def test_claims_hedged_keeps_every_attribution(tables: dict[str, pd.DataFrame]) -> None:
    claims = profile.claims_hedged(tables)
    atts = tables["attributions"]
    assert len(claims) == len(atts)
    assert list(zip(claims["doc_id"], claims["attribution"], strict=True)) == list(
        zip(atts["doc_id"], atts["attribution"], strict=True))


def test_every_distancing_cue_is_writer_hedged(tables: dict[str, pd.DataFrame]) -> None:
    claims = profile.claims_hedged(tables)
    distancing = claims[claims["stance"] == "distancing"]
    assert len(distancing) >= 3
    assert distancing["distanced"].all() and distancing["writer_hedged"].all()
    expected = (claims["hedge_categories"] != "") | claims["distanced"]
    assert (claims["writer_hedged"] == expected).all()


def test_hedge_categories_are_the_writers_own_hedges_in_the_cue_sentence(
        tables: dict[str, pd.DataFrame]) -> None:
    claims = profile.claims_hedged(tables)
    hedges = tables["hedges"]
    own = hedges[hedges["voice"] == "author"]
    cue_words = set(zip(tables["attributions"]["doc_id"], tables["attributions"]["cue_start"],
                        strict=True))
    is_cue = [(d, s) in cue_words and c != "distancing"
              for d, s, c in zip(own["doc_id"], own["start"], own["category"], strict=True)]
    own = own[[not c for c in is_cue]]
    listed = claims[claims["hedge_categories"] != ""]
    assert len(listed) > 0
    for claim in listed.itertuples(index=False):
        categories = set(claim.hedge_categories.split(","))
        assert categories <= set(profile.WRITER_HEDGES)
        there = own[(own["doc_id"] == claim.doc_id) & (own["sentence"] == claim.sentence)]
        assert categories == set(there["category"]) & set(profile.WRITER_HEDGES)


def test_a_belief_cue_is_the_sources_stance_not_the_writers_hedge(
        tables: dict[str, pd.DataFrame]) -> None:
    claims = profile.claims_hedged(tables)
    believe = _claim(claims, "believe", "US intelligence officials believe", tables)
    assert believe["stance"] == "belief"
    assert "belief" not in believe["hedge_categories"].split(",")


def test_conditionals_and_approximators_do_not_hedge_a_claim(
        tables: dict[str, pd.DataFrame]) -> None:
    claims = profile.claims_hedged(tables)
    hedges = tables["hedges"]
    own = hedges[hedges["voice"] == "author"]
    kinds = own.groupby(["doc_id", "sentence"])["category"].agg(set)
    only_weak = kinds[kinds.map(lambda c: c <= {"conditional", "approximator"})]
    weak = claims.set_index(["doc_id", "sentence"]).index.isin(only_weak.index)
    assert weak.sum() >= 1, "the sample corpus should hold a claim beside only an if/about"
    assert (claims.loc[weak, "writer_hedged"] == claims.loc[weak, "distanced"]).all()
    assert (claims.loc[weak, "hedge_categories"] == "").all()


def test_seed_claims_the_writer_hedges(tables: dict[str, pd.DataFrame]) -> None:
    claims = profile.claims_hedged(tables)
    claim = _claim(claims, "claim", "American officials claim", tables)
    assert claim["distanced"] and claim["writer_hedged"]
    purports = _claim(claims, "purports", "purports to show", tables)
    assert purports["writer_hedged"] and purports["source_type"] == "document"
    said = _claim(claims, "is said", "is said to be providing", tables)
    assert said["source_type"] == "unspecified"
    assert "distancing" in said["hedge_categories"].split(",") and said["writer_hedged"]
    kirby = _claim(claims, "said", "National Security Council spokesman", tables)
    assert not kirby["writer_hedged"]


# ------------------------------------------------------------------ the seed's distancing words

@pytest.mark.parametrize(("word", "source_type"), [("alleged", "person"),
                                                   ("ostensible", "document")])
def test_seed_alleged_and_ostensible_are_distancing_in_their_claims(
        tables: dict[str, pd.DataFrame], seed_tables: dict[str, pd.DataFrame], word: str,
        source_type: str) -> None:
    hedge = _hedge(tables, word)
    assert hedge["category"] == "distancing" and hedge["rule"] == "distancing:lexical"
    # voice and the attribution link agree: attributed exactly when inside a claim's content
    assert (hedge["voice"] == "attributed") == pd.notna(hedge["attribution"])
    matrix = profile.source_type_by_hedge(seed_tables)
    assert matrix.loc[source_type, "distancing"] >= 1


def test_voice_and_attribution_link_agree_in_the_sample(tables: dict[str, pd.DataFrame]) -> None:
    hedges = tables["hedges"]
    assert set(hedges["voice"]) <= {"author", "attributed"}
    assert hedges.loc[hedges["voice"] == "author", "attribution"].isna().all()


# ------------------------------------------------------------------ whose_claims_hedged

def test_whose_claims_shares_are_hedged_over_claims(tables: dict[str, pd.DataFrame]) -> None:
    whose = profile.whose_claims_hedged(tables)
    claims = profile.claims_hedged(tables)
    np.testing.assert_allclose(whose["share"], whose["hedged"] / whose["claims"])
    assert whose["claims"].sum() == len(tables["attributions"])
    assert whose["hedged"].sum() == claims["writer_hedged"].sum()
    assert set(whose["source_type"]) <= set(profile.SOURCE_TYPES)
    assert list(whose["source_type"]) == sorted(whose["source_type"])
    assert (whose["hedged"] <= whose["claims"]).all()


def test_whose_claims_by_group_add_up_to_the_whole(tables: dict[str, pd.DataFrame]) -> None:
    whole = profile.whose_claims_hedged(tables).set_index("source_type")
    by_outlet = profile.whose_claims_hedged(tables, by="outlet")
    assert set(by_outlet["group"]) == set(tables["documents"]["outlet"])
    summed = by_outlet.groupby("source_type")[["claims", "hedged"]].sum()
    pd.testing.assert_frame_equal(summed.sort_index(), whole[["claims", "hedged"]].sort_index(),
                                  check_dtype=False)
    np.testing.assert_allclose(by_outlet["share"], by_outlet["hedged"] / by_outlet["claims"])


# ------------------------------------------------------------------ source_type_by_hedge

def test_source_type_by_hedge_shape_and_order(tables: dict[str, pd.DataFrame]) -> None:
    matrix = profile.source_type_by_hedge(tables)
    assert list(matrix.columns) == list(profile.HEDGE_CATEGORIES)
    present = set(tables["attributions"]["source_type"])
    assert list(matrix.index) == [t for t in profile.SOURCE_TYPES if t in present]
    assert (matrix.to_numpy() >= 0).all() and matrix.to_numpy().sum() > 0


def test_source_type_by_hedge_counts_every_claim_with_a_hedge_inside(
        tables: dict[str, pd.DataFrame]) -> None:
    matrix = profile.source_type_by_hedge(tables)
    hedges, atts = tables["hedges"], tables["attributions"]
    inside = hedges.dropna(subset=["attribution"]).merge(
        atts[["doc_id", "attribution", "source_type"]], on=["doc_id", "attribution"])
    claims = inside.drop_duplicates(["doc_id", "attribution", "category"])
    inside_counts = pd.crosstab(claims["source_type"], claims["category"])
    for source_type, row in inside_counts.iterrows():
        for category, count in row.items():
            assert matrix.loc[source_type, category] >= count


def test_seed_whose_claims_matrix(seed_tables: dict[str, pd.DataFrame]) -> None:
    matrix = profile.source_type_by_hedge(seed_tables)
    assert matrix.loc["anonymous", "belief"] >= 1  # US intelligence officials believe
    assert matrix.loc["anonymous", "distancing"] >= 1  # American officials claim
    assert matrix.loc["unspecified", "distancing"] >= 1  # Tehran is said to
    assert matrix.loc["document", "distancing"] >= 1  # a photo that purports to show
    assert matrix.loc["anonymous", "scare_quote"] >= 1  # foreign officials "aligned"


# ==================== tone measures ====================
# Tone side of profile on the sample corpus: tone by group, by voice, the gap between the



@pytest.fixture(scope="module")
def outlets(tables) -> pd.Series:
    """doc_id -> outlet."""
    return tables["documents"].set_index("id")["outlet"]


def _seed_outlet(tables) -> str:
    docs = tables["documents"]
    return str(docs.loc[docs["id"] == SEED_ID, "outlet"].item())


# tone_by_group -----------------------------------------------------------------------------


def test_tone_by_group_counts_every_sentence_of_each_group(tables, outlets):
    sentences = tables["sentences"]
    out = profile.tone_by_group(tables, "outlet")
    expected = sentences["doc_id"].map(outlets).value_counts()
    assert list(out["group"]) == sorted(outlets.unique())
    assert dict(zip(out["group"], out["n"], strict=True)) == expected.to_dict()
    assert out["n"].sum() == len(sentences)
    means = sentences.groupby(sentences["doc_id"].map(outlets))["combined"].mean()
    assert np.allclose(out.set_index("group")["mean"], means.reindex(out["group"]))


def test_tone_by_group_interval_contains_the_mean_and_stays_in_range(tables):
    out = profile.tone_by_group(tables, "outlet")
    assert (out["low"] <= out["mean"]).all() and (out["mean"] <= out["high"]).all()
    assert (out["low"] < out["high"]).all()
    assert out["low"].min() >= -1 and out["high"].max() <= 1
    seed = out.set_index("group").loc[_seed_outlet(tables)]
    assert seed["n"] == 35  # the seed article's 35 sentences
    assert seed["mean"] == pytest.approx(-0.072, abs=0.01)  # docstring of sentiment.py


def test_tone_by_group_is_deterministic_for_a_seed(tables):
    first = profile.tone_by_group(tables, "outlet", seed=7)
    pd.testing.assert_frame_equal(first, profile.tone_by_group(tables, "outlet", seed=7))
    other = profile.tone_by_group(tables, "outlet", seed=8)
    assert not np.allclose(first["low"], other["low"])
    pd.testing.assert_series_equal(first["mean"], other["mean"])


def test_tone_by_group_few_flag_follows_min_n(tables):
    out = profile.tone_by_group(tables, "outlet", min_n=36)
    assert list(out["few"]) == list(out["n"] < 36)
    assert out["few"].any() and not out["few"].all()
    assert not profile.tone_by_group(tables, "outlet", min_n=10)["few"].any()


def test_tone_by_group_other_values_and_groupings(tables):
    subjectivity = profile.tone_by_group(tables, "outlet", value="subjectivity")
    assert subjectivity["low"].min() >= 0 and subjectivity["high"].max() <= 1
    by_month = profile.tone_by_group(tables, "month")
    assert list(by_month["group"]) == ["2023-06", "2025-03", "2025-04"]
    assert by_month["n"].sum() == len(tables["sentences"])


# tone_by_voice and voice_gap ---------------------------------------------------------------


def test_tone_by_voice_counts_the_voice_rows_of_each_group(tables, outlets):
    voices = tables["voices"]
    out = profile.tone_by_voice(tables, "outlet")
    assert set(out["voice"]) == {"author", "attributed"}
    assert len(out) == 2 * outlets.nunique()
    expected = voices.groupby([voices["doc_id"].map(outlets), "voice"]).size()
    for row in out.itertuples():
        assert row.n == expected.get((row.group, row.voice), 0)
        assert row.low <= row.mean <= row.high
    assert out["n"].sum() == len(voices)
    pd.testing.assert_frame_equal(out, profile.tone_by_voice(tables, "outlet"))


def test_tone_by_voice_few_flag(tables):
    out = profile.tone_by_voice(tables, "outlet", min_n=25)
    assert list(out["few"]) == list(out["n"] < 25)
    assert out["few"].any() and not out["few"].all()


def test_voice_gap_is_the_difference_of_the_voice_means(tables):
    means = profile.tone_by_voice(tables, "outlet").set_index(["group", "voice"])
    gap = profile.voice_gap(tables, "outlet", n_permutations=500)
    assert list(gap["group"]) == sorted(tables["documents"]["outlet"].unique())
    for row in gap.itertuples():
        assert row.author_n == means.loc[(row.group, "author"), "n"]
        assert row.attributed_n == means.loc[(row.group, "attributed"), "n"]
        assert row.diff == pytest.approx(
            means.loc[(row.group, "author"), "mean"] - means.loc[(row.group, "attributed"), "mean"])
        assert 0 < row.p <= 1
    again = profile.voice_gap(tables, "outlet", n_permutations=500)
    pd.testing.assert_frame_equal(gap, again)
    few = profile.voice_gap(tables, "outlet", n_permutations=50, min_n=20)
    assert list(few["few"]) == list(few[["author_n", "attributed_n"]].min(axis=1) < 20)


# tone_by_entity ----------------------------------------------------------------------------


def test_tone_by_entity_scores_each_naming_sentence_once(tables, outlets):
    out = profile.tone_by_entity(tables, "outlet", entities=["Varnesia", "Iran"])
    assert list(dict.fromkeys(out["entity"])) == ["Varnesia", "Iran"]
    assert len(out) == 2 * outlets.nunique()  # every (group, entity) pair, n = 0 included
    mentions = tables["mentions"]
    sentences = tables["sentences"].set_index(["doc_id", "sentence"])["combined"]
    for row in out.itertuples():
        named = mentions[(mentions["entity"] == row.entity)
                         & (mentions["doc_id"].map(outlets) == row.group)]
        keys = sorted(set(zip(named["doc_id"], named["sentence"], strict=True)))
        assert row.n == len(keys)
        if keys:
            assert row.mean == pytest.approx(np.mean([sentences[k] for k in keys]))
            assert row.low <= row.mean <= row.high
        else:
            assert np.isnan(row.mean) and row.few


def test_tone_by_entity_on_the_sample_corpus(tables):
    out = profile.tone_by_entity(tables, "outlet").set_index(["entity", "group"])
    seed = _seed_outlet(tables)
    # Only the seed article is about Iran; the invented articles are about Varnesia.
    iran = out.xs("Iran", level="entity")
    assert iran.loc[seed, "n"] > 10 and iran["n"].sum() == iran.loc[seed, "n"]
    varnesia = out.xs("Varnesia", level="entity")
    assert varnesia.loc[seed, "n"] == 0
    assert (varnesia.drop(index=seed)["n"] > 0).all()
    # The firm and the newspaper are their own entities, not Varnesia's or Kostrava's capital.
    mentions = tables["mentions"]
    varnesia_aliases = set(mentions.loc[mentions["entity"] == "Varnesia", "text"])
    assert "Dolvar Engine Works" not in varnesia_aliases and "Dolvar" in varnesia_aliases
    assert "Dolvar Engine Works" in set(mentions["entity"])


def test_tone_by_entity_unknown_entity_and_determinism(tables):
    out = profile.tone_by_entity(tables, "outlet", entities=["Atlantis", "Iran"])
    atlantis = out[out["entity"] == "Atlantis"]
    assert (atlantis["n"] == 0).all() and atlantis["few"].all()
    assert all(out[c].dtype == float for c in ("mean", "low", "high"))  # roundable
    first = profile.tone_by_entity(tables, "outlet", entities=["Kostrava"], seed=3, min_n=8)
    pd.testing.assert_frame_equal(
        first, profile.tone_by_entity(tables, "outlet", entities=["Kostrava"], seed=3, min_n=8))
    assert list(first["few"]) == list(first["n"] < 8)


# ------------------------------------------------------------------ joins within a sentence
# A hedge is set aside as a cue when it overlaps an attribution's cue in its document. The
# rule is checked pair by pair here (the definition, slow), against the library's join,
# which must pair rows within a sentence: a join on doc_id alone squares a long document.


def _overlaps_a_cue(hedge: pd.Series, atts: pd.DataFrame) -> bool:
    """Whether ``hedge`` is a non-distancing, non-nested hedge on some cue of its document."""
    if hedge["category"] == "distancing" or hedge.get("voice_rule") == "nested-cue":
        return False
    same = atts[atts["doc_id"] == hedge["doc_id"]]
    return bool(((same["cue_start"] < hedge["end"]) & (hedge["start"] < same["cue_end"])).any())


def _pairwise_without_cues(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    hedges, atts = tables["hedges"], tables["attributions"]
    on_cue = [_overlaps_a_cue(h, atts) for _, h in hedges.iterrows()]
    return hedges[[not c for c in on_cue]]


def test_hedges_left_out_as_cues_are_those_of_the_pairwise_rule(tables) -> None:
    kept = profile._without_cues(tables["hedges"], tables["attributions"])
    expected = _pairwise_without_cues(tables)
    assert len(expected) < len(tables["hedges"]), "the sample holds hedges that are cues"
    pd.testing.assert_frame_equal(kept, expected)


@pytest.mark.parametrize("function", [
    profile.claims_hedged,
    profile.source_type_by_hedge,
    lambda t: profile.whose_claims_hedged(t, by="outlet"),
    lambda t: profile.document_measures(t, "outlet")[["id", "claims_hedged_share"]],
])
def test_hedged_claims_on_the_sample_are_those_of_the_pairwise_rule(tables, function) -> None:
    """Each function gives the frame it gives on hedges already cut by the pairwise rule."""
    cut = {**tables, "hedges": _pairwise_without_cues(tables)}
    pd.testing.assert_frame_equal(function(tables), function(cut))


def _tables_of(sentences: int, hedges: list[dict], atts: list[dict]) -> dict[str, pd.DataFrame]:
    """Run tables of invented rows: documents a and b of ``sentences`` sentences each."""
    from claimscope.tables import COLUMNS

    def frame(rows: list[dict], name: str) -> pd.DataFrame:
        return pd.DataFrame([{c: row.get(c) for c in COLUMNS[name]} for row in rows],
                            columns=COLUMNS[name])

    sentence_rows = [{"doc_id": d, "sentence": i, "start": 100 * i, "end": 100 * i + 99,
                      "combined": 0.0} for d in "ab" for i in range(sentences)]
    docs = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "date": [None, None],
                         "words": [20 * sentences] * 2, "sentences": [sentences] * 2})
    return {"documents": docs, "sentences": frame(sentence_rows, "sentences"),
            "attributions": frame(atts, "attributions"), "hedges": frame(hedges, "hedges"),
            "voices": frame([], "voices"), "mentions": frame([], "mentions")}


def _att(doc: str, number: int, sentence: int, start: int, end: int) -> dict:
    return {"doc_id": doc, "attribution": number, "sentence": sentence, "cue_start": start,
            "cue_end": end, "cue": "believe", "kind": "indirect", "source_type": "anonymous",
            "stance": "belief", "second_hand": False}


def _hedge_row(doc: str, sentence: int, start: int, end: int, category: str = "belief",
               voice_rule: str = "outside") -> dict:
    return {"doc_id": doc, "sentence": sentence, "start": start, "end": end, "text": "x",
            "category": category, "cue": "x", "rule": "r", "voice": "author",
            "attribution": None, "voice_rule": voice_rule}


# doc a: a cue 'believe' at 110-117 in sentence 1; doc b: no cue at all
CUE_CASES = [  # what, hedge row, left out as the cue
    ("the cue itself", _hedge_row("a", 1, 110, 117), True),
    ("a hedge overlapping the cue's end", _hedge_row("a", 1, 115, 120), True),
    ("a hedge overlapping the cue's start", _hedge_row("a", 1, 105, 111), True),
    ("a hedge right after the cue", _hedge_row("a", 1, 117, 122), False),
    ("a hedge right before the cue", _hedge_row("a", 1, 104, 110), False),
    ("a distancing cue stays", _hedge_row("a", 1, 110, 117, "distancing"), False),
    ("a nested cue hedges the outer claim", _hedge_row("a", 1, 110, 117, voice_rule="nested-cue"),
     False),
    ("the same offsets in another document", _hedge_row("b", 1, 110, 117), False),
    ("a hedge in another sentence", _hedge_row("a", 2, 210, 217), False),
]


@pytest.mark.parametrize(("what", "hedge", "left_out"), CUE_CASES, ids=[c[0] for c in CUE_CASES])
def test_a_hedge_on_a_cue_is_left_out(what, hedge, left_out) -> None:
    tables = _tables_of(3, [hedge], [_att("a", 0, 1, 110, 117)])
    kept = profile._without_cues(tables["hedges"], tables["attributions"])
    assert len(kept) == (0 if left_out else 1), what
    assert len(_pairwise_without_cues(tables)) == len(kept)
    claims = profile.claims_hedged(tables)
    assert claims["hedge_categories"].item() == ("" if left_out or hedge["doc_id"] == "b"
                                                  or hedge["sentence"] != 1
                                                  else hedge["category"])


def _long_document(n: int) -> dict[str, pd.DataFrame]:
    """One document of ``n`` sentences, each with a cue and a hedge on it plus a modal."""
    atts = [_att("a", i, i, 100 * i + 10, 100 * i + 17) for i in range(n)]
    hedges = [row for i in range(n) for row in (
        _hedge_row("a", i, 100 * i + 10, 100 * i + 17),
        _hedge_row("a", i, 100 * i + 40, 100 * i + 45, "modal"))]
    return _tables_of(n, hedges, atts)


@pytest.mark.parametrize("function", [
    profile.claims_hedged,
    profile.source_type_by_hedge,
    profile.whose_claims_hedged,
    lambda t: profile.document_measures(t, "outlet"),
    lambda t: profile.outlet_profile(t, "outlet"),
    lambda t: profile.compare_measures(t, "outlet", measures=["claims_hedged_share"]),
])
def test_one_long_document_is_joined_in_bounded_memory(function) -> None:
    """3,000 attributions and 6,000 hedges in one document: a join on doc_id alone would
    build 18 million rows (over a gigabyte); within sentences it is 6,000."""
    import tracemalloc

    tables = _long_document(3000)
    tracemalloc.start()
    try:
        result = function(tables)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    if function is profile.claims_hedged:
        assert (result["hedge_categories"] == "modal").all()
