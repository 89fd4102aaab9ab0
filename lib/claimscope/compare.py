"""Comparison statistics for the notebooks: rates, bootstrap intervals, permutation tests.

Everything is deterministic for a given ``seed`` (numpy ``Generator(PCG64(seed))``).
Intervals are percentile bootstrap intervals of the mean; p values are two-sided
permutation tests of the difference in means, with the usual ``+1`` correction so
that p is never 0. The p values of :func:`compare_groups` are per comparison;
:func:`holm` adjusts a set of them for the number of comparisons, and the notebooks
show both (``p`` and ``p_holm``). With many groups expect some unadjusted
``p < 0.05`` by chance, and read ``clear`` (interval excludes 0 and the group is not
``few``) as a pointer to read the text, not as a finding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

# Resamples are drawn in blocks of at most this many numbers, to bound memory.
_BLOCK = 4_000_000


def rate_per_1000(count: float, words: float) -> float:
    """``count`` per 1,000 words; NaN when there are no words."""
    if count < 0 or words < 0:
        raise ValueError(f"count and words must be >= 0 (got {count}, {words})")
    return float("nan") if words == 0 else 1000.0 * count / words


def bootstrap_mean_ci(
    values: Sequence[float],
    *,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Mean with a percentile bootstrap interval: ``(mean, low, high)``.

    NaNs are left out. No values gives three NaNs; one value gives ``(v, v, v)``.
    """
    data = _clean(values)
    _check_options(n_resamples, confidence)
    if data.size == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(data.mean())
    if data.size == 1:
        return (mean, mean, mean)
    means = _resampled_means(data, n_resamples, _rng(seed))
    low, high = _percentiles(means, confidence)
    return (mean, low, high)


def permutation_test(
    a: Sequence[float],
    b: Sequence[float],
    *,
    n_permutations: int = 5000,
    seed: int = 0,
) -> float:
    """Two-sided permutation p value for ``mean(a) - mean(b)``; NaN if either is empty."""
    return _permutation_p(_clean(a), _clean(b), n_permutations, _rng(seed))


def group_means(
    frame: pd.DataFrame,
    *,
    by: str,
    value: str,
    n_resamples: int = 2000,
    seed: int = 0,
    min_n: int = 10,
    cluster: str | None = None,
) -> pd.DataFrame:
    """Per group: n, mean and bootstrap interval; ``few`` marks n < min_n. Sorted by group.

    NaN values are left out of n and the mean. With ``cluster`` (e.g. ``"doc_id"``) the
    bootstrap resamples whole clusters, so the sentences of one article do not count as
    independent evidence about its outlet; a group with fewer than two clusters falls back
    to resampling rows. The extra columns ``clusters`` and ``unit`` ("documents" or
    "sentences", what was resampled) then say which interval each row has.
    """
    _check_columns(frame, by, value)
    if cluster is not None:
        _check_columns(frame, by, cluster)
    rows = []
    for group, part in frame.groupby(by, sort=True, dropna=False):
        part = part[part[value].notna()]
        values = part[value].to_numpy(dtype=float)
        row = {by: group, "n": values.size}
        clusters = part[cluster].nunique() if cluster is not None else 0
        if clusters >= 2:
            mean, low, high = _cluster_mean_ci(part, cluster, value, n_resamples, _rng(seed))
        else:
            mean, low, high = bootstrap_mean_ci(values, n_resamples=n_resamples, seed=seed)
        row.update(mean=mean, low=low, high=high, few=values.size < min_n)
        if cluster is not None:
            row.update(clusters=clusters, unit="documents" if clusters >= 2 else "sentences")
        rows.append(row)
    columns = [by, "n", "mean", "low", "high", "few"]
    return pd.DataFrame(rows, columns=columns + (["clusters", "unit"] if cluster else []))


def _cluster_mean_ci(
    part: pd.DataFrame, cluster: str, value: str, n_resamples: int, rng: np.random.Generator
) -> tuple[float, float, float]:
    """Pooled mean with a bootstrap interval that resamples whole clusters."""
    sums = part.groupby(cluster)[value].agg(["sum", "count"])
    total, count = sums["sum"].to_numpy(dtype=float), sums["count"].to_numpy(dtype=float)
    picks = rng.integers(0, total.size, size=(n_resamples, total.size))
    means = total[picks].sum(axis=1) / count[picks].sum(axis=1)
    low, high = _percentiles(means, 0.95)
    return float(total.sum() / count.sum()), low, high


def compare_groups(
    frame: pd.DataFrame,
    *,
    by: str,
    value: str,
    seed: int = 0,
    min_n: int = 10,
    n_resamples: int = 2000,
    n_permutations: int = 5000,
    cluster: str | None = None,
) -> pd.DataFrame:
    """Each group against the rest of the frame.

    Columns: by, n, mean, rest_n, rest_mean, diff (group mean minus rest mean), low,
    high (bootstrap interval of diff, resampling both sides), p (permutation), few
    (n < min_n), clear (interval excludes 0 and not few).

    With ``cluster`` (``"doc_id"``) the interval resamples whole clusters and the
    permutation test moves whole clusters between the group and the rest, so the
    sentences of one article are not taken for independent evidence about its outlet
    (and the cost grows with the number of documents, not of sentences). A group of one
    cluster has its interval from its own rows, resampled (column ``unit``:
    "sentences"; else "documents"); its p value still moves whole clusters.
    """
    _check_columns(frame, by, value)
    if cluster is not None:
        _check_columns(frame, cluster)
        return _compare_clustered(frame, by, value, cluster, seed=seed, min_n=min_n,
                                  n_resamples=n_resamples, n_permutations=n_permutations)
    groups = _groups(frame, by, value)
    rows = []
    for position, (group, values) in enumerate(groups):
        rest = np.concatenate(
            [v for other, (_, v) in enumerate(groups) if other != position] or [np.empty(0)]
        )
        rng = _rng(seed)
        if values.size and rest.size:
            diff = float(values.mean() - rest.mean())
            diffs = _resampled_means(values, n_resamples, rng) - _resampled_means(
                rest, n_resamples, rng
            )
            low, high = _percentiles(diffs, 0.95)
            p = _permutation_p(values, rest, n_permutations, rng)
        else:
            diff = low = high = p = math.nan
        few = values.size < min_n
        rows.append(
            {by: group, "n": values.size, "mean": _mean(values), "rest_n": rest.size,
             "rest_mean": _mean(rest), "diff": diff, "low": low, "high": high, "p": p,
             "few": few, "clear": bool(not few and (low > 0 or high < 0))}
        )
    columns = [by, "n", "mean", "rest_n", "rest_mean", "diff", "low", "high", "p", "few", "clear"]
    return pd.DataFrame(rows, columns=columns)


def _compare_clustered(frame: pd.DataFrame, by: str, value: str, cluster: str, *, seed: int,
                       min_n: int, n_resamples: int, n_permutations: int) -> pd.DataFrame:
    """:func:`compare_groups` resampling and permuting whole clusters (see there)."""
    present = frame[frame[value].notna()]
    sums = present.groupby([by, cluster], sort=True, dropna=False)[value].agg(["sum", "count"])
    rows = []
    for group in sorted(frame[by].dropna().unique().tolist()) + (
            [np.nan] if frame[by].isna().any() else []):
        inside = sums.index.get_level_values(by).isin([group])
        own, rest = sums[inside], sums[~inside]
        if own.empty or rest.empty:
            rows.append({by: group, "n": int(own["count"].sum()), "mean": math.nan,
                         "rest_n": int(rest["count"].sum()), "rest_mean": math.nan,
                         "diff": math.nan, "low": math.nan, "high": math.nan, "p": math.nan,
                         "few": True, "clear": False, "unit": "documents"})
            continue
        rng = _rng(seed)
        a = (own["sum"].to_numpy(dtype=float), own["count"].to_numpy(dtype=float))
        b = (rest["sum"].to_numpy(dtype=float), rest["count"].to_numpy(dtype=float))
        diff = a[0].sum() / a[1].sum() - b[0].sum() / b[1].sum()
        if len(own) >= 2:
            group_means = _cluster_means(*a, n_resamples, rng)
            unit = "documents"
        else:  # one document: its own sentences, the rest's documents
            mask = frame[by].isna() if pd.isna(group) else frame[by] == group
            group_means = _resampled_means(_clean(frame.loc[mask, value].to_numpy(float)),
                                           n_resamples, rng)
            unit = "sentences"
        rest_means = (_cluster_means(*b, n_resamples, rng) if len(rest) >= 2 else
                      np.full(n_resamples, b[0].sum() / b[1].sum()))
        low, high = _percentiles(group_means - rest_means, 0.95)
        p = _cluster_permutation_p(a, b, n_permutations, rng)
        n = int(a[1].sum())
        few = n < min_n
        rows.append({by: group, "n": n, "mean": a[0].sum() / a[1].sum(),
                     "rest_n": int(b[1].sum()), "rest_mean": b[0].sum() / b[1].sum(),
                     "diff": float(diff), "low": low, "high": high, "p": p, "few": few,
                     "clear": bool(not few and (low > 0 or high < 0)), "unit": unit})
    columns = [by, "n", "mean", "rest_n", "rest_mean", "diff", "low", "high", "p", "few",
               "clear", "unit"]
    return pd.DataFrame(rows, columns=columns)


def _cluster_means(totals: np.ndarray, counts: np.ndarray, n_resamples: int,
                   rng: np.random.Generator) -> np.ndarray:
    """Pooled means of ``n_resamples`` resamples of whole clusters (their value sums and
    counts), drawn in bounded blocks."""
    per_block = max(1, _BLOCK // totals.size)
    means = np.empty(n_resamples)
    for start in range(0, n_resamples, per_block):
        stop = min(n_resamples, start + per_block)
        picks = rng.integers(0, totals.size, size=(stop - start, totals.size))
        means[start:stop] = totals[picks].sum(axis=1) / counts[picks].sum(axis=1)
    return means


def _cluster_permutation_p(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray],
                           n_permutations: int, rng: np.random.Generator) -> float:
    """Two-sided permutation p of the difference in pooled means, moving whole clusters
    between the two sides."""
    totals, counts = np.concatenate([a[0], b[0]]), np.concatenate([a[1], b[1]])
    k = a[0].size
    observed = abs(a[0].sum() / a[1].sum() - b[0].sum() / b[1].sum())
    per_block = max(1, _BLOCK // totals.size)
    extreme = 0
    for start in range(0, n_permutations, per_block):
        count = min(n_permutations, start + per_block) - start
        order = rng.permuted(np.tile(np.arange(totals.size), (count, 1)), axis=1)
        first, second = order[:, :k], order[:, k:]
        diffs = np.abs(totals[first].sum(axis=1) / counts[first].sum(axis=1)
                       - totals[second].sum(axis=1) / counts[second].sum(axis=1))
        extreme += int(np.count_nonzero(diffs >= observed - 1e-12))
    return (extreme + 1) / (n_permutations + 1)


def holm(p_values: Sequence[float]) -> np.ndarray:
    """Holm's step-down adjustment of ``p_values`` for multiple comparisons.

    The ``k``-th smallest p is multiplied by ``m - k + 1`` (``m`` the number of non-NaN
    values), made monotone and capped at 1; NaNs stay NaN, in their place.
    """
    p = np.asarray(p_values, dtype=float).ravel()
    adjusted = np.full(p.shape, np.nan)
    finite = np.flatnonzero(~np.isnan(p))
    order = finite[np.argsort(p[finite], kind="stable")]
    m = order.size
    scaled = p[order] * (m - np.arange(m))
    adjusted[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return adjusted


def _rng(seed: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(seed))


def _clean(values: Sequence[float]) -> np.ndarray:
    data = np.asarray(values, dtype=float).ravel()
    return data[~np.isnan(data)]


def _mean(data: np.ndarray) -> float:
    return float(data.mean()) if data.size else math.nan


def _check_options(n_resamples: int, confidence: float) -> None:
    if n_resamples < 1 or not 0 < confidence < 1:
        raise ValueError(
            f"n_resamples must be >= 1 and confidence in (0, 1) (got {n_resamples}, {confidence})"
        )


def _check_columns(frame: pd.DataFrame, *columns: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"column(s) {missing} not in the frame; it has {list(frame.columns)}")


def _groups(frame: pd.DataFrame, by: str, value: str) -> list[tuple[object, np.ndarray]]:
    return [
        (group, _clean(part[value].to_numpy(dtype=float)))
        for group, part in frame.groupby(by, sort=True, dropna=False)
    ]


def _resampled_means(data: np.ndarray, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Means of ``n_resamples`` resamples with replacement, drawn in bounded blocks."""
    per_block = max(1, _BLOCK // data.size)
    means = np.empty(n_resamples)
    for start in range(0, n_resamples, per_block):
        stop = min(n_resamples, start + per_block)
        means[start:stop] = data[rng.integers(0, data.size, size=(stop - start, data.size))].mean(
            axis=1
        )
    return means


def _percentiles(draws: np.ndarray, confidence: float) -> tuple[float, float]:
    tail = (1 - confidence) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return float(low), float(high)


def _permutation_p(
    a: np.ndarray, b: np.ndarray, n_permutations: int, rng: np.random.Generator
) -> float:
    if n_permutations < 1:
        raise ValueError(f"n_permutations must be >= 1 (got {n_permutations})")
    if a.size == 0 or b.size == 0:
        return math.nan
    pooled = np.concatenate([a, b])
    observed = abs(a.mean() - b.mean())
    per_block = max(1, _BLOCK // pooled.size)
    extreme = 0
    for start in range(0, n_permutations, per_block):
        count = min(n_permutations, start + per_block) - start
        shuffled = rng.permuted(np.tile(pooled, (count, 1)), axis=1)
        diffs = np.abs(shuffled[:, : a.size].mean(axis=1) - shuffled[:, a.size :].mean(axis=1))
        extreme += int(np.count_nonzero(diffs >= observed - 1e-12))
    return (extreme + 1) / (n_permutations + 1)
