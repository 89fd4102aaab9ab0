"""Tone side of profile on the sample corpus: tone by group, by voice, the gap between the
writer's and the reported tone, and tone of the sentences naming each entity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from claimscope import profile

SEED_ID = "seed/white-house-iran-drone-factory.md"


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
    assert list(by_month["group"]) == ["2023-06", "2025-03"]
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
