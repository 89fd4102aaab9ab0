"""House-style figures: what they draw, in which order."""

from __future__ import annotations

import matplotlib.patches
import numpy as np
import pandas as pd
import pytest

from claimscope import plots


def test_stacked_shares_reads_top_down_in_the_order_given_with_n_per_bar() -> None:
    counts = pd.DataFrame({"named": [6, 1, 0], "anonymous": [2, 3, 0]},
                          index=["Alpha Post", "Beta Radio", "Gamma Wire"])
    fig = plots.stacked_shares(counts, title="Source types")
    ax = fig.axes[0]
    assert ax.yaxis_inverted()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Alpha Post", "Beta Radio", "Gamma Wire"]
    assert [t.get_text() for t in ax.texts] == ["n=8", "n=4", "n=0"]
    first = sorted((p for p in ax.patches if p.get_y() < 0.5), key=lambda p: p.get_x())
    assert [round(p.get_width(), 3) for p in first] == [0.75, 0.25]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["named", "anonymous"]


# ==================== tone figures ====================
# Figures the tone notebook adds or relies on: the sequence plot, heat map cells (dash,


def test_sequence_draws_the_line_and_one_point_series_per_hue() -> None:
    points = pd.DataFrame({"sentence": [0, 1, 1, 2], "combined": [0.1, -0.2, -0.5, 0.0],
                           "voice": ["writer", "writer", "reported", "writer"]})
    line = pd.Series([0.1, -0.4, 0.0], index=[0, 1, 2])
    fig = plots.sequence(points, x="sentence", y="combined", hue="voice", line=line,
                         title="Tone", xlabel="sentence", ylabel="combined")
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["whole sentence"].get_xdata()) == [0, 1, 2]
    assert list(lines["writer"].get_ydata()) == [0.1, -0.2, 0.0]
    assert list(lines["reported"].get_xdata()) == [1]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "whole sentence", "writer", "reported"]


def test_heatmap_dashes_empty_cells_hatches_few_and_whitens_text_on_dark_cells() -> None:
    values = pd.DataFrame({"Iran": [-0.5, np.nan], "Varnesia": [0.0, 0.1]}, index=["A", "B"])
    counts = pd.DataFrame({"Iran": [20, 0], "Varnesia": [3, 40]}, index=["A", "B"])
    fig = plots.heatmap(values, counts=counts, cmap="RdBu", center=0.0, min_n=10, title="t",
                        scale_label="tone")
    ax = fig.axes[0]
    texts = {t.get_text(): t for t in ax.texts}
    assert set(texts) == {"-0.50\nn=20", "–", "0.00\nn=3", "0.10\nn=40"}
    assert texts["-0.50\nn=20"].get_color() == "white"
    assert texts["0.00\nn=3"].get_color() == "black"
    hatched = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)
               and p.get_hatch()]
    assert [(p.get_x(), p.get_y()) for p in hatched] == [(0.5, -0.5)]  # only Varnesia in A


def test_distributions_puts_every_n_label_at_the_same_place() -> None:
    frame = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 2, "v": [0.1, 0.2, 0.9, -0.5, 0.0]})
    fig = plots.distributions(frame, by="g", value="v", title="t", xlabel="v")
    labels = [t for t in fig.axes[0].texts if t.get_text().startswith("n=")]
    assert [t.get_text() for t in labels] == ["n=3", "n=2"]
    assert {t.get_position()[0] for t in labels} == {1.01}


def test_intervals_legend_lists_hues_in_order() -> None:
    means = pd.DataFrame({"group": ["a", "a", "b", "b"], "voice": ["writer", "reported"] * 2,
                          "mean": [0.0, 0.1, -0.1, 0.0], "low": [-0.1, 0.0, -0.2, -0.1],
                          "high": [0.1, 0.2, 0.0, 0.1], "n": [30, 12, 25, 4],
                          "few": [False, False, False, True]})
    fig = plots.intervals(means, label="group", hue="voice", title="t", xlabel="x")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["writer", "reported"]
    assert [t.get_text() for t in ax.texts] == ["  n=30", "  n=25", "  n=12", "  n=4"]
    few_colours = [c for c in (line.get_color() for line in ax.get_lines()) if c == plots.FEW]
    assert len(few_colours) == 2  # the interval and the dot of b's reported row


def test_heatmap_colour_bar_is_labelled_and_covers_every_value_printed() -> None:
    values = pd.DataFrame({"x": [-0.9, 0.2], "y": [0.1, -0.3]}, index=["A", "B"])
    counts = pd.DataFrame({"x": [2, 30], "y": [30, 30]}, index=["A", "B"])
    fig = plots.heatmap(values, counts=counts, center=0.0, min_n=10, cmap="RdBu",
                        title="t", scale_label="mean tone")
    image, bar = fig.axes[0].images[0], fig.axes[1]
    # the hatched A/x cell (-0.90, n=2) is printed, so the scale reaches it
    assert image.norm.vmin == pytest.approx(-0.9) and image.norm.vmax == pytest.approx(0.9)
    assert bar.get_ylabel() == "mean tone"
    uncentred = plots.heatmap(values, title="t", scale_label="v").axes[0].images[0]
    assert (uncentred.norm.vmin, uncentred.norm.vmax) == (pytest.approx(-0.9), pytest.approx(0.2))


def test_heatmap_colour_bar_ticks_use_the_cells_format() -> None:
    shares = pd.DataFrame({"named": [0.25, 0.75]}, index=["A", "B"])
    fig = plots.heatmap(shares, fmt="{:.0%}", title="t", scale_label="share hedged")
    bar = fig.axes[1]
    fig.canvas.draw()
    ticks = [t.get_text() for t in bar.get_yticklabels() if t.get_text()]
    assert ticks and all(t.endswith("%") for t in ticks)


@pytest.mark.parametrize(("sizes", "boxes"), [
    ((1, 1, 1), 0),      # one document per group: points only, no collapsed box
    ((1, 6), 1),         # a box only where the group has enough values for one
    ((5, 7), 2),
])
def test_distributions_draw_boxes_only_for_groups_large_enough(sizes, boxes) -> None:
    frame = pd.DataFrame({
        "g": [f"g{i}" for i, n in enumerate(sizes) for _ in range(n)],
        "v": [float(k) for n in sizes for k in range(n)],
    })
    ax = plots.distributions(frame, by="g", value="v", title="t", xlabel="v").axes[0]
    medians = [line for line in ax.get_lines() if line.get_color() == plots.PALETTE[1]]
    assert len(medians) == boxes
    points = [line for line in ax.get_lines() if line.get_marker() in (".", "o")]
    assert [len(p.get_xdata()) for p in points] == list(sizes)
    alone = [p for p, n in zip(points, sizes, strict=True) if n < plots.BOX_MIN]
    assert all(p.get_alpha() in (None, 1) and p.get_markersize() >= 6 for p in alone)
    rows = [i for i, n in enumerate(sizes, 1) if n == 1]
    singles = [p for p, n in zip(points, sizes, strict=True) if n == 1]
    assert [list(p.get_ydata()) for p in singles] == [[r] for r in rows]  # on its row's line


def test_small_multiples_share_one_x_range_within_each_shared_set() -> None:
    profile = pd.DataFrame({"rate": [40.0, 10.0], "writer": [-0.10, -0.02],
                            "quoted": [0.03, -0.12]}, index=["A", "B"])
    fig = plots.small_multiples(profile, ["rate", "writer", "quoted"], title="t",
                                shared=[("writer", "quoted")])
    by_title = {ax.get_title(): ax for ax in fig.axes if ax.get_visible()}
    assert by_title["writer"].get_xlim() == by_title["quoted"].get_xlim()
    low, high = by_title["writer"].get_xlim()
    assert low <= -0.12 and high >= 0.03
    assert by_title["rate"].get_xlim() != by_title["writer"].get_xlim()
    with pytest.raises(ValueError, match="not among the measures"):
        plots.small_multiples(profile, ["rate"], title="t", shared=[("writer", "quoted")])
