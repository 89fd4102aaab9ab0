"""Per-group measures on the sample corpus: attribution profile, top sources, counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from claimscope import profile

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
    """The eight invented articles share March 2025: their rate is total counts over
    total words, not the mean of the eight rates."""
    docs = tables["documents"]
    march = docs[docs["date"].astype(str).str.startswith("2025-03")]
    out = profile.attribution_profile(tables, "month")
    assert list(out.index) == ["2023-06", "2025-03"]
    assert out.loc["2025-03", "documents"] == len(march) == 8
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
