"""Helpers the notebooks share: the few-observations warning."""

from __future__ import annotations

import pandas as pd

from claimscope.notebook import few_warning


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
