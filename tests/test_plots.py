"""House-style figures: what they draw, in which order."""

from __future__ import annotations

import pandas as pd

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
