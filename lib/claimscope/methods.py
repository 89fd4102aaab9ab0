"""What a report says about its own methods: the validation figures shipped with the package.

Each evaluation script in ``benchmarks/`` can write ``validation_<analysis>.json`` into
the package data (``claimscope.data``): a date, the command that produced it, and its
figures. Their layouts differ from one analysis to the next and may change, so this
module reads them generically: date and command when present, then the numeric
figures: quality measures (F1, precision, recall, r, accuracy ...) first, then
throughput, then sizes (n, sentences ...), then the rest, shallowest first. A missing,
unreadable or oddly shaped file never raises.

Which figures a report shows, and under which readable label, is data:
``validation_labels.csv`` beside the JSON files (analysis, dotted figure key, label),
in the order shown. An analysis with no labelled figure present (a new file, a changed
layout) falls back to its figures ranked as above, under their keys.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

DATA_PACKAGE = "claimscope.data"
QUALITY_KEYS = frozenset({
    "f1", "precision", "recall", "r", "rho", "accuracy", "kappa", "alpha", "agreement",
})
SIZE_KEYS = frozenset({"n", "documents", "sentences", "articles", "tokens"})
LABELS_FILE = "validation_labels.csv"
AFINN_CREDIT = ("Contains information from AFINN (Finn Årup Nielsen), made available under "
                "the ODbL 1.0")


def validation_records(package: str = DATA_PACKAGE) -> dict[str, Any]:
    """``{analysis: parsed JSON}`` for every ``validation_<analysis>.json`` in ``package``,
    by name. A file that cannot be read or parsed gives ``{"error": reason}``."""
    try:
        folder = resources.files(package)
        files = sorted((f for f in folder.iterdir() if f.name.startswith("validation_")
                        and f.name.endswith(".json")), key=lambda f: f.name)
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return {}
    records: dict[str, Any] = {}
    for file in files:
        name = file.name[len("validation_"):-len(".json")]
        try:
            records[name] = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            records[name] = {"error": f"{type(error).__name__}: {error}"}
    return records


def numeric_figures(record: Any) -> list[tuple[str, float]]:
    """The numeric leaves of a validation record as ``(dotted.key, value)``: quality
    measures, throughput, sizes, the rest; within each by depth, then in file order
    (booleans are not figures)."""
    if not isinstance(record, Mapping):
        return []
    leaves = list(_numeric_leaves(record, ()))
    ranked = sorted(
        enumerate(leaves),
        key=lambda item: (_tier(item[1][0]), len(item[1][0]), item[0]),
    )
    return [(".".join(path), value) for _, (path, value) in ranked]


def figure_labels(path: Path | Traversable | None = None) -> dict[str, dict[str, str]]:
    """``{analysis: {dotted figure key: label}}`` in file order, read from ``path``
    (default: ``validation_labels.csv`` in the package data). A missing or unreadable
    file, or one without the columns analysis, figure, label, gives ``{}``."""
    try:
        source = resources.files(DATA_PACKAGE) / LABELS_FILE if path is None else path
        rows = list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))
    except (ModuleNotFoundError, OSError, UnicodeDecodeError, csv.Error):
        return {}
    if not rows or not {"analysis", "figure", "label"} <= set(rows[0]):
        return {}
    labels: dict[str, dict[str, str]] = {}
    for row in rows:
        labels.setdefault(row["analysis"], {})[row["figure"]] = row["label"]
    return labels


def validation_table(records: Mapping[str, Any] | None = None, *,
                     labels: Mapping[str, Mapping[str, str]] | None = None,
                     limit: int = 12) -> pd.DataFrame:
    """One row per figure shown: analysis, date, command, figure (its dotted key),
    label, value. An analysis shows its labelled figures (``labels``, default
    :func:`figure_labels`) in label order, else its first ``limit`` figures by
    :func:`numeric_figures` under their keys; one without figures still gets a row."""
    records = validation_records() if records is None else records
    labels = figure_labels() if labels is None else labels
    rows = []
    for analysis, record in sorted(records.items()):
        record_map = record if isinstance(record, Mapping) else {}
        date = _text(record_map.get("date"))
        command = _text(record_map.get("command"))
        shown = _labelled_figures(record_map, labels.get(analysis, {}))[:limit]
        if not shown:
            reason = str(record_map.get("error", "no numeric figures in the file"))
            shown = [(reason, reason, float("nan"))]
        for figure, label, value in shown:
            rows.append({"analysis": analysis, "date": date, "command": command,
                         "figure": figure, "label": label, "value": value})
    return pd.DataFrame(rows, columns=["analysis", "date", "command", "figure", "label", "value"])


def _labelled_figures(record: Mapping, labels: Mapping[str, str]) -> list[tuple[str, str, float]]:
    """``(key, label, value)`` of the labelled figures present in ``record``, in label
    order; when none is present, every figure ranked, labelled by its key."""
    figures = numeric_figures(record)
    values = dict(figures)
    labelled = [(key, label, values[key]) for key, label in labels.items() if key in values]
    return labelled or [(key, key.replace(".", " › ").replace("_", " "), value)
                        for key, value in figures]


def tone_method() -> str:
    """Markdown naming the instruments of the ``combined`` tone score with their weights,
    read from :mod:`claimscope.sentiment`, and the credit AFINN's licence asks for."""
    from claimscope import sentiment

    textblob = 1 - sentiment.VADER_WEIGHT - sentiment.AFINN_WEIGHT
    return (
        "**Tone** is the `combined` score of a sentence, from −1 (negative) to +1 "
        f"(positive): VADER ({sentiment.VADER_WEIGHT:.0%}) and AFINN "
        f"({sentiment.AFINN_WEIGHT:.0%}), each with negative valences weighted "
        f"×{sentiment.NEGATIVE_WEIGHT:g} and normalised for the sentence's length, and "
        f"TextBlob's polarity ({textblob:.0%}); the formula and its evaluation are in the "
        "`claimscope.sentiment` docstring. A publication quoting `combined` or `afinn` "
        f"should say \"{AFINN_CREDIT}\"."
    )


def _numeric_leaves(node: Mapping,
                    path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], float]]:
    for key, value in node.items():
        here = (*path, str(key))
        if isinstance(value, Mapping):
            yield from _numeric_leaves(value, here)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            yield here, float(value)


def _tier(path: tuple[str, ...]) -> int:
    last = path[-1].lower()
    if last in QUALITY_KEYS:
        return 0
    if any("throughput" in p.lower() or "per_second" in p.lower() for p in path):
        return 1
    return 2 if last in SIZE_KEYS else 3


def _text(value: Any) -> str:
    return "(not recorded)" if value in (None, "") else str(value)
