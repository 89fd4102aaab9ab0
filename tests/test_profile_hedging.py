"""The hedging side of profile.py on the sample corpus: rates, whose claims the writer hedges."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from claimscope import profile

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
    assert hp["documents"].sum() == len(docs) == 9
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
