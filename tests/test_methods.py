"""What a report says about its methods: the shipped validation figures and their labels."""

from __future__ import annotations

import pandas as pd
import pytest

from claimscope.methods import (
    AFINN_CREDIT,
    figure_labels,
    tone_method,
    validation_records,
    validation_table,
)


def test_every_figure_shown_from_the_shipped_files_has_a_readable_label() -> None:
    table = validation_table()
    assert set(table["analysis"]) == set(validation_records())
    assert not table["value"].isna().any()
    assert not table.duplicated(["analysis", "label"]).any()
    labelled = {(a, f) for a, figures in figure_labels().items() for f in figures}
    assert set(zip(table["analysis"], table["figure"], strict=True)) == labelled


@pytest.mark.parametrize(("analysis", "figure", "label", "value"), [
    ("attribution", "figures.cue.f1",
     "reporting cues: F1 (a cue counts as found when it overlaps a gold cue)", 0.767),
    ("sentiment", "figures.in_sample.afinn.r", "AFINN alone: Pearson r", 0.4885),
    ("hedging", "mappings.b.claimscope.f1",
     "uncertain sentences (modal, probability, belief), epistemic and doxastic gold cues: F1",
     0.854),
])
def test_labelled_figures_keep_their_key_and_value(analysis, figure, label, value) -> None:
    table = validation_table()
    row = table[(table["analysis"] == analysis) & (table["figure"] == figure)]
    assert list(row["label"]) == [label]
    assert row["value"].iloc[0] == pytest.approx(value)


def test_labels_follow_the_file_order_not_the_records() -> None:
    record = {"date": "2026-01-01", "figures": {"n": 40, "cue": {"recall": 0.5, "f1": 0.6}}}
    labels = {"x": {"figures.cue.f1": "cue F1", "figures.n": "articles",
                    "figures.gone": "a figure the file no longer has"}}
    table = validation_table({"x": record}, labels=labels)
    assert list(table["label"]) == ["cue F1", "articles"]
    assert list(table["value"]) == [0.6, 40.0]


def test_an_analysis_without_labels_shows_its_figures_under_readable_keys() -> None:
    record = {"command": "python evaluate.py", "scores": {"macro_f1": 0.7, "f1": 0.8}}
    table = validation_table({"new": record}, labels={})
    assert list(table["label"]) == ["scores › f1", "scores › macro f1"]
    assert table["command"].iloc[0] == "python evaluate.py"


def test_labels_file_missing_or_broken_gives_no_labels(tmp_path) -> None:
    assert figure_labels(tmp_path / "absent.csv") == {}
    broken = tmp_path / "labels.csv"
    broken.write_text("analysis,figure\nx,y\n", encoding="utf-8")
    assert figure_labels(broken) == {}
    table = validation_table({"broken": {"error": "JSONDecodeError: Expecting value"}})
    assert list(table["label"]) == ["JSONDecodeError: Expecting value"]
    assert pd.isna(table["value"].iloc[0])


def test_tone_method_names_every_instrument_with_its_weight_and_credits_afinn() -> None:
    from claimscope import sentiment

    text = tone_method()
    textblob = 1 - sentiment.VADER_WEIGHT - sentiment.AFINN_WEIGHT
    for name, weight in (("VADER", sentiment.VADER_WEIGHT), ("AFINN", sentiment.AFINN_WEIGHT),
                         ("TextBlob's polarity", textblob)):
        assert f"{name} ({weight:.0%}" in text
    assert AFINN_CREDIT in text
    assert AFINN_CREDIT == ("Contains information from AFINN (Finn Årup Nielsen), made "
                            "available under the ODbL 1.0")  # the README's wording


def test_tone_method_follows_the_weights_in_sentiment(monkeypatch) -> None:
    from claimscope import sentiment

    monkeypatch.setattr(sentiment, "VADER_WEIGHT", 0.5)
    monkeypatch.setattr(sentiment, "AFINN_WEIGHT", 0.2)
    text = tone_method()
    assert "VADER (50%" in text and "AFINN (20%" in text and "TextBlob's polarity (30%" in text
