"""matplotlib figures in one house style: horizontal bars, stacked shares, heat maps,
means with intervals, distributions. Each function returns the Figure and draws
nothing it was not given; the notebooks say how to read them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib
import matplotlib.patches
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

PALETTE = ["#3b6ea5", "#e08a2c", "#5a9e4b", "#c04a4a", "#8a6bb8", "#8c6d52", "#d078b4",
           "#7f7f7f", "#b5b83a", "#3fb1c4"]
FEW = "#b0b0b0"
BOX_MIN = 5  # the fewest values a box (quartiles, median) is drawn over

plt.rcParams.update({
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "font.size": 9.5,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e6e6e6",
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "svg.hashsalt": "claimscope",
    "text.parse_math": False,  # corpus labels are text: "$5bn" is money, not mathematics
})


def _height(n: int) -> float:
    return max(2.2, 0.38 * n + 1.2)


def barh(values: pd.Series, *, title: str, xlabel: str, note: str | None = None) -> Figure:
    """One horizontal bar per index label, largest at the top, values written beside."""
    ordered = values.sort_values()
    fig, ax = plt.subplots(figsize=(7.5, _height(len(ordered))))
    ax.barh([str(i) for i in ordered.index], ordered.to_numpy(), color=PALETTE[0])
    for y, v in enumerate(ordered.to_numpy()):
        ax.text(v, y, f" {v:,.3g}", va="center", fontsize=8.5)
    ax.set(title=title, xlabel=xlabel)
    _note(fig, note)
    fig.tight_layout()
    return fig


def stacked_shares(counts: pd.DataFrame, *, title: str, xlabel: str = "share",
                   note: str | None = None, colours: Sequence[str] | None = None) -> Figure:
    """Rows are groups, columns categories: each bar shows the categories' shares,
    with the group's total count at its end; ``colours``, one per column, where the
    categories have colours of their own (framing), else the palette."""
    totals = counts.sum(axis=1)
    shares = counts.div(totals.replace(0, np.nan), axis=0).fillna(0)
    fig, ax = plt.subplots(figsize=(8, _height(len(shares))))
    left = np.zeros(len(shares))
    labels = [str(i) for i in shares.index]
    for i, column in enumerate(shares.columns):
        ax.barh(labels, shares[column].to_numpy(), left=left, label=str(column),
                color=colours[i] if colours else PALETTE[i % len(PALETTE)])
        left += shares[column].to_numpy()
    for y, total in enumerate(totals.to_numpy()):
        ax.text(1.01, y, f"n={int(total)}", va="center", fontsize=8.5)
    ax.invert_yaxis()
    ax.set(title=title, xlabel=xlabel, xlim=(0, 1.12))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if len(shares) > 3 else -0.3),
              ncol=min(len(shares.columns), 5), frameon=False)
    _note(fig, note)
    fig.tight_layout()
    return fig


def heatmap(values: pd.DataFrame, *, title: str, scale_label: str,
            counts: pd.DataFrame | None = None, fmt: str = "{:.2f}", cmap: str = "Blues",
            center: float | None = None, min_n: int | None = None,
            note: str | None = None) -> Figure:
    """A labelled heat map; each cell shows its value and, when given, ``n=`` its count.

    Empty cells (NaN) show a dash. The colour bar is labelled ``scale_label``, its ticks
    written in ``fmt`` like the cells, and its scale covers every value printed (around
    ``center`` when given). With ``counts`` and ``min_n``, cells resting on fewer than
    ``min_n`` observations are hatched and paled. Text turns white on dark cells.
    """
    data = values.astype(float)
    fig, ax = plt.subplots(figsize=(max(5.0, 1.0 * len(data.columns) + 2.5),
                                    _height(len(data)) + 0.4))
    image = ax.imshow(data.to_numpy(), cmap=cmap, aspect="auto",
                      **_colour_limits(data.to_numpy(), center))
    ax.set_xticks(range(len(data.columns)), [str(c) for c in data.columns], rotation=30,
                  ha="right")
    ax.set_yticks(range(len(data.index)), [str(i) for i in data.index])
    ax.grid(False)
    for (r, c), value in np.ndenumerate(data.to_numpy()):
        if not np.isfinite(value):
            ax.text(c, r, "–", ha="center", va="center", fontsize=8, color="#777")
            continue
        label, few = fmt.format(value), False
        if counts is not None:
            count = int(counts.iloc[r, c])
            label += f"\nn={count}"
            few = min_n is not None and count < min_n
            if few:
                ax.add_patch(matplotlib.patches.Rectangle(
                    (c - 0.5, r - 0.5), 1, 1, facecolor=(1, 1, 1, 0.6), hatch="///",
                    edgecolor="#9a9a9a", lw=0))
        red, green, blue, _ = image.cmap(image.norm(value))
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5 and not few
        ax.text(c, r, label, ha="center", va="center", fontsize=8,
                color="white" if dark else "black")
    bar = fig.colorbar(image, ax=ax, shrink=0.8,
                       format=matplotlib.ticker.FuncFormatter(lambda v, _: fmt.format(v)))
    bar.set_label(scale_label)
    ax.set_title(title)
    _note(fig, note)
    fig.tight_layout()
    return fig


def _colour_limits(cells: np.ndarray, center: float | None) -> dict[str, float]:
    """``vmin``/``vmax`` spanning every finite cell, symmetric around ``center`` when
    given; empty when no cell is finite (matplotlib's default)."""
    finite = cells[np.isfinite(cells)]
    if not finite.size:
        return {}
    if center is None:
        return {"vmin": float(finite.min()), "vmax": float(finite.max())}
    reach = max(abs(finite.min() - center), abs(finite.max() - center), 1e-9)
    return {"vmin": center - reach, "vmax": center + reach}


def intervals(means: pd.DataFrame, *, label: str, title: str, xlabel: str,
              hue: str | None = None, reference: float | None = 0.0,
              note: str | None = None) -> Figure:
    """Means with their intervals (columns ``mean``, ``low``, ``high``, ``n``, ``few``),
    one row per ``label``; grey where the estimate rests on few observations."""
    groups = list(dict.fromkeys(means[label].astype(str)))
    hues = list(dict.fromkeys(means[hue].astype(str))) if hue else [None]
    fig, ax = plt.subplots(figsize=(7.5, _height(len(groups))))
    step = 0.6 / max(len(hues), 1)
    for h_index, h in enumerate(hues):
        part = means if h is None else means[means[hue].astype(str) == h]
        for row in part.itertuples(index=False):
            y = groups.index(str(getattr(row, label))) + (h_index - (len(hues) - 1) / 2) * step
            colour = FEW if bool(getattr(row, "few", False)) else PALETTE[h_index % len(PALETTE)]
            ax.plot([row.low, row.high], [y, y], color=colour, lw=2)
            ax.plot(row.mean, y, "o", color=colour)
            ax.text(row.high, y, f"  n={int(row.n)}", va="center", fontsize=8, color="#555")
    if reference is not None:
        ax.axvline(reference, color="#888", lw=0.8)
    ax.set_yticks(range(len(groups)), groups)
    ax.invert_yaxis()
    ax.set(title=title, xlabel=xlabel)
    if hue:
        handles = [plt.Line2D([], [], marker="o", color=PALETTE[i % len(PALETTE)], ls="")
                   for i in range(len(hues))]
        ax.legend(handles, hues, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  ncol=len(hues))
    _note(fig, note)
    fig.tight_layout()
    return fig


def distributions(frame: pd.DataFrame, *, by: str, value: str, title: str, xlabel: str,
                  note: str | None = None) -> Figure:
    """One row of points per group, the whole spread, not only the mean; a box (middle
    half, median) over the points of each group with at least ``BOX_MIN`` values. Fewer
    values are drawn as plain, larger points: a box over one or two values would
    collapse to a tick."""
    groups = sorted(frame[by].dropna().astype(str).unique())
    data = [frame.loc[frame[by].astype(str) == g, value].dropna().to_numpy() for g in groups]
    fig, ax = plt.subplots(figsize=(7.5, _height(len(groups))))
    boxed = [i for i, values in enumerate(data, 1) if values.size >= BOX_MIN]
    if boxed:
        ax.boxplot([data[i - 1] for i in boxed], positions=boxed, orientation="horizontal",
                   widths=0.5, showfliers=False, medianprops={"color": PALETTE[1]})
    rng = np.random.default_rng(0)
    for i, values in enumerate(data, 1):
        style = ({"alpha": 0.35, "ms": 4, "marker": "."} if i in boxed
                 else {"ms": 7, "marker": "o"})
        jitter = rng.uniform(-0.15, 0.15, len(values)) if len(values) > 1 else np.zeros(1)
        ax.plot(values, i + jitter, ls="", color=PALETTE[0], **style)
        ax.text(1.01, i, f"n={values.size}", va="center", fontsize=8, color="#555",
                transform=ax.get_yaxis_transform())
    ax.set_yticks(range(1, len(groups) + 1), groups)
    ax.set_ylim(0.5, len(groups) + 0.5)
    ax.invert_yaxis()
    ax.set(title=title, xlabel=xlabel)
    _note(fig, note)
    fig.tight_layout()
    return fig


def sequence(points: pd.DataFrame, *, x: str, y: str, title: str, xlabel: str, ylabel: str,
             hue: str | None = None, line: pd.Series | None = None,
             reference: float | None = 0.0, note: str | None = None) -> Figure:
    """Values in reading order: ``line`` (a Series indexed by position) as a grey line,
    ``points`` as dots at ``x``/``y``, one colour per ``hue`` value (in order of first
    appearance)."""
    fig, ax = plt.subplots(figsize=(9, 3.8))
    if line is not None and len(line):
        ax.plot(line.index.to_numpy(), line.to_numpy(), color="#9a9a9a", lw=1, zorder=1,
                label="whole sentence")
    hues = list(dict.fromkeys(points[hue].astype(str))) if hue else [None]
    for i, h in enumerate(hues):
        part = points if h is None else points[points[hue].astype(str) == h]
        ax.plot(part[x].to_numpy(), part[y].to_numpy(), "o", ms=5, alpha=0.85, zorder=2,
                color=PALETTE[i % len(PALETTE)], label=h)
    if reference is not None:
        ax.axhline(reference, color="#888", lw=0.8)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if hue or line is not None:
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16),
                  ncol=len(hues) + 1)
    _note(fig, note)
    fig.tight_layout()
    return fig


def small_multiples(profile: pd.DataFrame, measures: Sequence[str], *, title: str,
                    columns: int = 3, shared: Sequence[Sequence[str]] = (),
                    note: str | None = None) -> Figure:
    """One small bar chart per measure, groups on the y axis, the same order in each.

    The measures of each set in ``shared`` (e.g. the writer's and the quoted tone) get
    one x range, so their bars can be compared across panels."""
    unknown = sorted({m for measures_set in shared for m in measures_set} - set(measures))
    if unknown:
        raise ValueError(f"shared measures {unknown} are not among the measures drawn "
                         f"({list(measures)}); share only measures that are plotted.")
    rows = int(np.ceil(len(measures) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(3.4 * columns, _height(len(profile)) * rows
                                                     * 0.8), squeeze=False, sharey=True)
    labels = [str(i) for i in profile.index]
    panels = dict(zip(measures, axes.flat, strict=False))
    for measure, ax in panels.items():
        ax.barh(labels, profile[measure].to_numpy(), color=PALETTE[0])
        ax.set_title(measure, fontsize=9)
    for ax in list(axes.flat)[len(measures):]:
        ax.set_visible(False)
    for measures_set in shared:
        limits = [panels[m].get_xlim() for m in measures_set]
        for m in measures_set:
            panels[m].set_xlim(min(lo for lo, _ in limits), max(hi for _, hi in limits))
    axes[0][0].invert_yaxis()
    fig.suptitle(title, fontweight="bold")
    _note(fig, note)
    fig.tight_layout()
    return fig


def _note(fig: Figure, note: str | None) -> None:
    if note:
        fig.text(0.01, 0.005, note, fontsize=7.5, color="#666", ha="left", va="bottom")


def category_grid(categories: pd.DataFrame, texts: pd.DataFrame, *, colours: dict[str, str],
                  title: str, note: str | None = None) -> Figure:
    """Rows x columns of cells coloured by a category (``categories``, e.g. each
    outlet's framing of each claim), each cell printing its ``texts`` (the verbs and
    markers behind it); an empty cell (missing category) is left white. A legend gives
    every category drawn."""
    rows, columns = list(categories.index), list(categories.columns)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.9 * len(columns) + 2.5),
                                    max(2.5, 0.62 * len(rows) + 2.2)))
    for y, row in enumerate(rows):
        for x, column in enumerate(columns):
            category = categories.at[row, column]
            filled = isinstance(category, str)
            ax.add_patch(matplotlib.patches.Rectangle(
                (x, y), 1, 1, facecolor=colours.get(category, "white") if filled else "white",
                edgecolor="#d0d0d0"))
            if filled:
                ax.text(x + 0.5, y + 0.5, f"{category}\n{texts.at[row, column]}",
                        ha="center", va="center", fontsize=7, wrap=True)
    ax.set(xlim=(0, len(columns)), ylim=(len(rows), 0))
    fig.suptitle(title, fontweight="bold")
    ax.set_xticks(np.arange(len(columns)) + 0.5,
                  [textwrap.fill(str(c), 16) for c in columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(rows)) + 0.5, [str(r) for r in rows])
    ax.grid(False)
    drawn = [c for c in colours if (categories == c).to_numpy().any()]
    ax.legend(handles=[matplotlib.patches.Patch(facecolor=colours[c], label=c) for c in drawn],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=len(drawn) or 1,
              frameon=False)
    _note(fig, note)
    fig.tight_layout()
    return fig
