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
) -> pd.DataFrame:
    """Each group against the rest of the frame.

    Columns: by, n, mean, rest_n, rest_mean, diff (group mean minus rest mean), low,
    high (bootstrap interval of diff, resampling both sides), p (permutation), few
    (n < min_n), clear (interval excludes 0 and not few).
    """
    _check_columns(frame, by, value)
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
