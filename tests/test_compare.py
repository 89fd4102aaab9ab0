"""Rates, bootstrap intervals and permutation tests with numbers whose answers are known."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from claimscope.compare import (
    bootstrap_mean_ci,
    compare_groups,
    group_means,
    permutation_test,
    rate_per_1000,
)


def test_rate_per_1000():
    assert rate_per_1000(3, 1500) == pytest.approx(2.0)
    assert rate_per_1000(0, 200) == 0.0
    assert math.isnan(rate_per_1000(0, 0))
    with pytest.raises(ValueError):
        rate_per_1000(-1, 10)


def test_bootstrap_interval_contains_the_mean_and_shrinks_with_n():
    rng = np.random.default_rng(1)
    small = rng.normal(0.2, 1.0, 40)
    large = rng.normal(0.2, 1.0, 4000)
    mean, low, high = bootstrap_mean_ci(small)
    assert mean == pytest.approx(small.mean())
    assert low < mean < high
    _, large_low, large_high = bootstrap_mean_ci(large)
    assert large_high - large_low < (high - low) / 5
    # About 2 standard errors each side for a normal sample of 4000.
    assert large_high - large_low == pytest.approx(2 * 1.96 / math.sqrt(4000), rel=0.15)


def test_bootstrap_edge_cases_and_determinism():
    assert all(math.isnan(x) for x in bootstrap_mean_ci([]))
    assert bootstrap_mean_ci([0.4]) == (0.4, 0.4, 0.4)
    assert bootstrap_mean_ci([1.0, float("nan"), 3.0])[0] == 2.0
    values = [0.1, -0.3, 0.5, 0.2, 0.0, -0.1, 0.4]
    assert bootstrap_mean_ci(values, seed=3) == bootstrap_mean_ci(values, seed=3)
    assert bootstrap_mean_ci(values, seed=3) != bootstrap_mean_ci(values, seed=4)
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_mean_ci(values, confidence=95)


def test_permutation_test_separates_shifted_samples_only():
    rng = np.random.default_rng(2)
    a = rng.normal(0.0, 1.0, 60)
    assert permutation_test(a, a + 1.0) < 0.001
    same = permutation_test(a[:30], a[30:])
    assert 0.05 < same <= 1.0
    assert permutation_test(a[:30], a[30:], seed=9) == permutation_test(a[:30], a[30:], seed=9)
    assert math.isnan(permutation_test([], [1.0, 2.0]))
    # Never exactly zero: the observed split counts as one permutation.
    assert permutation_test([10.0] * 5, [0.0] * 5, n_permutations=99) >= 1 / 100


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame(
        {
            "outlet": ["b"] * 200 + ["a"] * 200 + ["c"] * 4,
            "combined": np.concatenate(
                [rng.normal(-0.3, 0.2, 200), rng.normal(0.0, 0.2, 200), [0.5, 0.6, 0.7, 0.8]]
            ),
        }
    )


def test_group_means_sorted_with_few_flag():
    table = group_means(_frame(), by="outlet", value="combined")
    assert list(table.columns) == ["outlet", "n", "mean", "low", "high", "few"]
    assert list(table["outlet"]) == ["a", "b", "c"]
    assert list(table["n"]) == [200, 200, 4]
    assert list(table["few"]) == [False, False, True]
    assert table.loc[2, "mean"] == pytest.approx(0.65)
    assert (table["low"] <= table["mean"]).all() and (table["mean"] <= table["high"]).all()
    assert table.equals(group_means(_frame(), by="outlet", value="combined"))


def test_compare_groups_each_against_the_rest():
    table = compare_groups(_frame(), by="outlet", value="combined").set_index("outlet")
    assert table.loc["b", "diff"] < 0 and table.loc["b", "high"] < 0
    assert table.loc["b", "clear"] and table.loc["b", "p"] < 0.001
    assert table.loc["a", "clear"]  # 0.0 against a rest pulled down by b
    assert table.loc["c", "few"] and not table.loc["c", "clear"]
    frame = _frame()
    own = frame.loc[frame["outlet"] == "a", "combined"].mean()
    rest = frame.loc[frame["outlet"] != "a", "combined"].mean()
    assert table.loc["a", "diff"] == pytest.approx(own - rest)
    assert table.equals(compare_groups(_frame(), by="outlet", value="combined").set_index("outlet"))


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="tone"):
        group_means(_frame(), by="outlet", value="tone")


def test_missing_group_label_is_a_group_of_its_own():
    frame = pd.DataFrame({"outlet": ["a", "a", None, None], "combined": [1.0, 2.0, 3.0, 4.0]})
    table = compare_groups(frame, by="outlet", value="combined", min_n=1)
    assert list(table["rest_n"]) == [2, 2]
    assert list(table["diff"]) == [-2.0, 2.0]


def test_cluster_bootstrap_resamples_documents_not_sentences():
    # two outlets with the same sentence mean; outlet a's documents disagree with each
    # other, outlet b's agree: only the document-level interval sees the difference
    rows = []
    for doc, level in (("a1", -0.6), ("a2", 0.6), ("b1", 0.0), ("b2", 0.0)):
        rows += [{"outlet": doc[0], "doc_id": doc, "tone": level + d}
                 for d in (-0.05, 0.0, 0.05) * 10]
    frame = pd.DataFrame(rows)
    by_row = group_means(frame, by="outlet", value="tone").set_index("outlet")
    by_doc = group_means(frame, by="outlet", value="tone", cluster="doc_id").set_index("outlet")
    assert by_doc.loc["a", "unit"] == "documents" and by_doc.loc["a", "clusters"] == 2
    assert by_doc.loc["a", "mean"] == pytest.approx(by_row.loc["a", "mean"])
    width = lambda t, g: t.loc[g, "high"] - t.loc[g, "low"]  # noqa: E731
    assert width(by_doc, "a") > 3 * width(by_row, "a")
    assert width(by_doc, "b") < width(by_doc, "a")
    single = group_means(frame[frame["doc_id"] == "b1"], by="outlet", value="tone",
                         cluster="doc_id")
    assert single.loc[0, "unit"] == "sentences"  # one document: rows are resampled


def _documents(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["group", "doc_id", "v"])


def test_clustered_comparison_moves_whole_documents() -> None:
    # A's two documents are high, the rest's three low: the pooled means and their
    # difference are those of the sentences, the unit is documents
    frame = _documents([("A", "a1", 1.0), ("A", "a1", 1.0), ("A", "a2", 0.8),
                        ("B", "b1", 0.0), ("B", "b2", 0.1), ("B", "b2", -0.1),
                        ("C", "c1", 0.0)])
    result = compare_groups(frame, by="group", value="v", cluster="doc_id").set_index("group")
    row = result.loc["A"]
    assert row["unit"] == "documents" and row["n"] == 3 and row["rest_n"] == 4
    assert row["diff"] == pytest.approx(2.8 / 3 - 0.0)
    # 5 documents, 2 in the group: 10 ways to choose them, 1 as extreme as observed
    assert row["p"] == pytest.approx((5000 * 0.1 + 1) / 5001, abs=0.02)
    one = result.loc["C"]  # one document: its sentences resampled, the rest's documents
    assert one["unit"] == "sentences" and one["low"] <= one["diff"] <= one["high"]
    assert one["p"] == pytest.approx(1.0)  # every one document is as far from its rest


def test_clustered_comparison_is_deterministic_on_many_sentences() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"group": np.repeat(list("ABCD"), 50_000),
                          "doc_id": np.repeat([f"d{i}" for i in range(40)], 5_000),
                          "v": rng.normal(size=200_000)})
    first = compare_groups(frame, by="group", value="v", cluster="doc_id", seed=1)
    pd.testing.assert_frame_equal(first, compare_groups(frame, by="group", value="v",
                                                        cluster="doc_id", seed=1))
    assert set(first["unit"]) == {"documents"}
