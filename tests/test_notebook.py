"""Helpers the notebooks share: the few-observations warning, saving a figure."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from claimscope import plots
from claimscope.notebook import SAVE_DPI, few_warning, save_figure


def test_few_warning_names_small_estimates_fewest_first_and_skips_empty_ones() -> None:
    frame = pd.DataFrame({"group": ["Alpha", "Beta", "Gamma", "Delta"], "n": [40, 3, 0, 7]})
    message = few_warning(frame, label="group", min_n=10)
    assert message is not None
    assert message.startswith("**Warning: few sentences.** 2 of 3 estimates rest on fewer than 10")
    assert "Beta (n=3); Delta (n=7)." in message
    assert "Alpha" not in message and "Gamma" not in message


def test_few_warning_none_when_all_estimates_are_large_enough_and_limit() -> None:
    frame = pd.DataFrame({"group": list("abcdef"), "n": [1, 2, 3, 4, 5, 50]})
    assert few_warning(frame, label="group", min_n=1) is None
    message = few_warning(frame, label="group", min_n=10, what="voice rows", limit=2)
    assert "few voice rows" in message and "a (n=1); b (n=2); and 3 more." in message


def _figure():
    return plots.barh(pd.Series({"Wire": 3.5, "Courier": 1.25}), title="Rates", xlabel="rate")


def test_save_figure_writes_the_png_and_leaves_the_figure_outside_a_notebook(tmp_path) -> None:
    fig = _figure()
    save_figure(fig, str(tmp_path / "figures"), "rates")
    png = (tmp_path / "figures" / "rates.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    assert plt.fignum_exists(fig.number)  # not inline: the figure is the caller's
    save_figure(fig, None, "rates")  # opened by hand: nothing written
    plt.close(fig)


def test_save_figure_shows_the_saved_png_instead_of_drawing_the_figure_again(
        tmp_path, monkeypatch) -> None:
    import IPython.display

    shown = []
    monkeypatch.setattr(matplotlib, "get_backend",
                        lambda: "module://matplotlib_inline.backend_inline")
    monkeypatch.setattr(IPython.display, "display", shown.append)
    fig = _figure()
    save_figure(fig, str(tmp_path), "rates")
    png = (tmp_path / "rates.png").read_bytes()
    [image] = shown
    assert image.data == png
    width = int.from_bytes(png[16:20], "big")
    assert image.width == round(width * fig.dpi / SAVE_DPI)  # the figure's size on screen
    assert not plt.fignum_exists(fig.number)  # closed: the inline backend draws it no more
