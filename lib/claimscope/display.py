"""Concordances (KWIC) and highlighted text as HTML, with every piece of document text escaped.

Quoted text is data: anything cut from a document goes through :func:`escape` before
it is put into markup, so a document holding ``<script>`` shows it as text, and a
bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE and the rest of Unicode's
Bidi_Control characters) shows as its escape, ``\\u202e``, instead of reordering what
is shown around it. Only what is shown changes: the tables keep the text as it is,
and every offset indexes it.
"""

from __future__ import annotations

import html
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

STYLE = """<style>
.cs-kwic {border-collapse: collapse; font-family: Georgia, serif; font-size: 0.92em;}
.cs-kwic td {padding: 2px 6px; vertical-align: top; border-bottom: 1px solid #eee;}
.cs-kwic td.left {text-align: right; color: #555; white-space: nowrap;}
.cs-kwic td.right {color: #555; white-space: nowrap;}
.cs-kwic td.meta {color: #777; font-family: sans-serif; font-size: 0.85em;}
.cs-text {font-family: Georgia, serif; line-height: 1.6; max-width: 52em; white-space: pre-wrap;}
mark.cs-source {background: #cfe3ff;} mark.cs-cue {background: #ffd59e; font-weight: bold;}
mark.cs-content {background: #e6f4d7;} mark.cs-hedge {background: #f9c6c9;}
mark.cs-entity {background: #e8dcff;}
.cs-kwic td:not(.left), .cs-kwic th:not(.left) {text-align: left;}
.cs-table {border-collapse: collapse; font-size: 0.92em;}
.cs-table td, .cs-table th {padding: 3px 8px; border-bottom: 1px solid #eee; vertical-align: top;}
.cs-table td.cs-str, .cs-table th.cs-str {text-align: left;}
.cs-table td.cs-num, .cs-table th.cs-num {text-align: right; font-variant-numeric: tabular-nums;}
.cs-table td.cs-date, .cs-table th.cs-date {text-align: left; white-space: nowrap;}
.cs-table td.cs-interval, .cs-table th.cs-interval {text-align: right; white-space: nowrap;}
</style>"""
NUMBER_TEXT = re.compile(r"[+\-−]?\d[\d,]*(\.\d+)?%?|–")  # "1,203", "82%", "–" (none)
# a figure with its interval, "26% (11–44%)", "5.9 (2.1–9.6)": one line, like a number
INTERVAL_TEXT = re.compile(r"[+\-−]?\d[\d,]*(\.\d+)?%?( \([+\-−]?[\d.,]+%?–[+\-−]?[\d.,]+%?\))?|–")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][\d:.]+([+-]\d{2}:?\d{2}|Z)?)?)?)?")


# Unicode's Bidi_Control characters: the marks ALM, LRM and RLM, the embeddings and
# overrides U+202A-U+202E and the isolates U+2066-U+2069
_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """``text`` for HTML: markup characters escaped and each bidirectional control
    shown as its escape (``\\u202e``), so that it cannot reorder the text shown."""
    return _BIDI_CONTROL.sub(_control_escape, html.escape(text))


def _control_escape(control: re.Match[str]) -> str:
    """A bidirectional control as the escape that shows it (``\\u202e``)."""
    return f"\\u{ord(control[0]):04x}"


@dataclass(frozen=True)
class Mark:
    """A span to highlight: character offsets, a CSS class (``cs-cue`` ...) and a tooltip."""

    start: int
    end: int
    css: str
    title: str = ""


def highlight(text: str, marks: Iterable[Mark], *, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as escaped HTML with ``marks`` wrapped in ``<mark>`` tags.

    Marks may nest (a cue inside a content span) but must not cross; a mark that
    crosses an earlier one is clipped to it, so the markup is always well formed.
    """
    stop = len(text) if end is None else end
    inside = sorted(
        (Mark(max(m.start, start), min(m.end, stop), m.css, m.title) for m in marks
         if m.end > start and m.start < stop and m.end > m.start),
        key=lambda m: (m.start, -m.end),
    )
    out: list[str] = []
    open_marks: list[Mark] = []
    position = start
    for mark in inside:
        while open_marks and open_marks[-1].end <= mark.start:
            closing = open_marks.pop()
            out.append(escape(text[position : closing.end]) + "</mark>")
            position = closing.end
        clipped_end = min(mark.end, open_marks[-1].end) if open_marks else mark.end
        out.append(escape(text[position : mark.start]))
        title = f' title="{escape(mark.title)}"' if mark.title else ""
        out.append(f'<mark class="{escape(mark.css)}"{title}>')
        open_marks.append(Mark(mark.start, clipped_end, mark.css, mark.title))
        position = mark.start
    while open_marks:
        closing = open_marks.pop()
        out.append(escape(text[position : closing.end]) + "</mark>")
        position = closing.end
    out.append(escape(text[position:stop]))
    return "".join(out)


def concordance(
    rows: pd.DataFrame,
    texts: dict[str, str],
    *,
    start: str = "start",
    end: str = "end",
    meta: Sequence[str] = (),
    width: int = 70,
    limit: int = 50,
    css: str = "cs-hedge",
) -> str:
    """Key word in context: each row's span centred, ``width`` characters either side.

    ``rows`` needs ``doc_id`` and the span columns; ``meta`` columns are shown beside.
    """
    lines = []
    for row in rows.head(limit).itertuples(index=False):
        record = row._asdict()
        text = texts[record["doc_id"]]
        s, e = int(record[start]), int(record[end])
        left = " ".join(text[max(0, s - width) : s].split())
        right = " ".join(text[e : e + width].split())
        cells = "".join(f'<td class="meta">{escape(str(record[m]))}</td>' for m in meta)
        lines.append(
            f'<tr>{cells}<td class="left">{escape(left)}</td>'
            f'<td><mark class="{escape(css)}">{escape(text[s:e])}</mark></td>'
            f'<td class="right">{escape(right)}</td></tr>'
        )
    header = "".join(f"<th>{escape(m)}</th>" for m in meta)
    more = len(rows) - min(len(rows), limit)
    note = f"<p>… and {more} more rows.</p>" if more > 0 else ""
    return (f'{STYLE}<table class="cs-kwic"><tr>{header}<th></th><th></th><th></th></tr>'
            + "".join(lines) + f"</table>{note}")


def in_sentences(
    rows: pd.DataFrame,
    texts: dict[str, str],
    *,
    start: str = "start",
    end: str = "end",
    sentence_start: str = "sentence_start",
    sentence_end: str = "sentence_end",
    meta: Sequence[str] = (),
    limit: int = 50,
    css: str = "cs-hedge",
) -> str:
    """Each row's span highlighted inside its whole sentence, one table row per span.

    ``rows`` needs ``doc_id``, the span columns and the sentence's span columns (join
    the ``sentences`` table's ``start``/``end`` on ``doc_id`` and ``sentence``); ``meta``
    columns are shown beside.
    """
    lines = []
    for row in rows.head(limit).itertuples(index=False):
        record = row._asdict()
        text = texts[record["doc_id"]]
        mark = Mark(int(record[start]), int(record[end]), css)
        body = highlight(text, [mark], start=int(record[sentence_start]),
                         end=int(record[sentence_end]))
        cells = "".join(f'<td class="meta">{escape(str(record[m]))}</td>' for m in meta)
        lines.append(f'<tr>{cells}<td class="sentence">{body}</td></tr>')
    header = "".join(f"<th>{escape(m)}</th>" for m in meta)
    more = len(rows) - min(len(rows), limit)
    note = f"<p>… and {more} more rows.</p>" if more > 0 else ""
    return (f'{STYLE}<table class="cs-kwic"><tr>{header}<th>sentence</th></tr>'
            + "".join(lines) + f"</table>{note}")


def spread(rows: pd.DataFrame, *, limit: int, by: str | Sequence[str] = "doc_id") -> pd.DataFrame:
    """At most ``limit`` rows taken evenly across ``by`` (a document, by default): every
    document's first row before any document's second, and so on, ties in row order;
    the rows kept stay in their original order. For examples that should not all come
    from the first documents of a long list."""
    if len(rows) <= limit:
        return rows
    rank = rows.groupby(by, sort=False).cumcount().to_numpy()
    keep = sorted(sorted(range(len(rows)), key=lambda i: rank[i])[:limit])
    return rows.iloc[keep]


def md(value: object) -> str:
    """Text from a document made safe inside a Markdown cell: HTML special characters
    escaped (markup shows as text) and Markdown marks backslashed (no stray emphasis)."""
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", escape(str(value)))


def text_block(inner_html: str) -> str:
    """Wrap already-escaped highlighted text in the house text style."""
    return f'{STYLE}<div class="cs-text">{inner_html}</div>'


def escaped_table(frame: pd.DataFrame, *, max_rows: int = 60, index: bool | None = None) -> str:
    """``frame`` as an HTML table in the house style, every cell escaped (document text
    included; bidirectional controls shown as escapes, see :func:`escape`): text
    left-aligned, numbers right-aligned, dates (ISO text or datetimes) kept on one line,
    missing values empty. The index is shown as row labels when ``index`` is true, or,
    by default, when it is named or not the default 0, 1, 2 ...; a note says how many
    rows beyond ``max_rows`` are left out."""
    labels = (frame.index.name is not None or not isinstance(frame.index, pd.RangeIndex)
              if index is None else index)
    shown = frame.head(max_rows)
    classes = [_column_class(frame.iloc[:, i]) for i in range(frame.shape[1])]
    label_class = _column_class(frame.index.to_series()) if labels else ""
    head = (f'<th class="{label_class}">{escape(_cell_text(frame.index.name))}</th>'
            if labels else "")
    head += "".join(f'<th class="{css}">{escape(str(name))}</th>'
                    for name, css in zip(frame.columns, classes, strict=True))
    rows = []
    for label, record in zip(shown.index, shown.itertuples(index=False, name=None), strict=True):
        cells = (f'<th class="{label_class}">{escape(_cell_text(label))}</th>'
                 if labels else "")
        cells += "".join(f'<td class="{css}">{escape(_cell_text(value))}</td>'
                         for value, css in zip(record, classes, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    more = len(frame) - len(shown)
    note = f"<p>… and {more} more rows.</p>" if more > 0 else ""
    return (f'{STYLE}<table class="cs-table"><thead><tr>{head}</tr></thead><tbody>'
            + "".join(rows) + f"</tbody></table>{note}")


def _column_class(values: pd.Series) -> str:
    """``cs-date`` for datetimes and text that is all ISO dates, ``cs-num`` for numbers
    (not booleans) and text that is all formatted numbers ("1,203", "82%"),
    ``cs-interval`` for figures with their intervals ("26% (11–44%)"), else ``cs-str``."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return "cs-date"
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return "cs-num"
    present = [v for v in values.dropna() if isinstance(v, str)]
    if not present or len(present) < values.notna().sum():
        return "cs-str"
    if all(ISO_DATE.fullmatch(v) for v in present):
        return "cs-date"
    if all(NUMBER_TEXT.fullmatch(v) for v in present):
        return "cs-num"
    return "cs-interval" if all(INTERVAL_TEXT.fullmatch(v) for v in present) else "cs-str"


def _cell_text(value: object) -> str:
    """A cell as text: empty when missing, floats to at most six decimals, else ``str``."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return np.format_float_positional(value, precision=6, trim="-")
    return str(value)


def drilldown_table(
    frame: pd.DataFrame,
    *,
    id_column: str = "id",
    notebooks: Sequence[str] = ("01_attribution", "03_sentiment"),
    corpus: str = "CORPUS",
    max_rows: int = 50,
) -> str:
    """``frame`` as an escaped HTML table with a last column pointing at each row's
    drill-down: a link to each notebook's HTML in the same run folder, and the command
    line that renders those notebooks for this document (``-p document ID``).
    """
    if id_column not in frame.columns:
        raise KeyError(f"no column {id_column!r} to link; the frame has {list(frame.columns)}")
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    links = " · ".join(
        f'<a href="{escape(name)}.html">{escape(name)}</a>' for name in notebooks)
    rows = []
    for record in frame.head(max_rows).itertuples(index=False, name=None):
        values = dict(zip(frame.columns, record, strict=True))
        cells = "".join(
            f"<td>{'' if pd.isna(v) else escape(str(v))}</td>" for v in values.values())
        command = (f"claimscope report {corpus} --notebooks {' '.join(notebooks)} "
                   f"-p document {shlex.quote(str(values[id_column]))}")
        rows.append(f"<tr>{cells}<td>{links}<br><code>{escape(command)}</code></td></tr>")
    more = len(frame) - min(len(frame), max_rows)
    note = f"<p>… and {more} more rows.</p>" if more > 0 else ""
    return (f'{STYLE}<table class="cs-kwic"><tr>{head}<th>drill down</th></tr>'
            + "".join(rows) + f"</table>{note}")


ATTRIBUTION_PARTS = (("source", "cs-source"), ("cue", "cs-cue"), ("content", "cs-content"))


def attribution_marks(rows: pd.DataFrame) -> list[Mark]:
    """The source, cue and content of each attribution row (columns ``source_start`` ...
    ``content_end`` of the attributions table) as ``cs-source``/``cs-cue``/``cs-content``
    marks; a missing span (no source, no content) gives no mark. Tooltips say the part,
    source type, stance and kind."""
    marks = []
    for record in rows.to_dict("records"):
        about = " · ".join(str(record[c]) for c in ("source_type", "stance", "kind")
                           if c in record and not pd.isna(record[c]))
        for part, css in ATTRIBUTION_PARTS:
            start, end = record.get(f"{part}_start"), record.get(f"{part}_end")
            if start is None or end is None or pd.isna(start) or pd.isna(end):
                continue
            marks.append(Mark(int(start), int(end), css, f"{part}: {about}" if about else part))
    return marks


def attributions_in_context(
    rows: pd.DataFrame,
    texts: dict[str, str],
    *,
    sentence_start: str = "sentence_start",
    sentence_end: str = "sentence_end",
    meta: Sequence[str] = (),
    limit: int = 40,
) -> str:
    """Each attribution with its source, cue and content highlighted, one table row each,
    shown over its cue's sentence widened to take in its whole source and content.

    ``rows`` are attributions-table rows with the cue sentence's span joined in (the
    ``sentences`` table's ``start``/``end`` on ``doc_id`` and ``sentence``); ``meta``
    columns are shown beside.
    """
    lines = []
    for _, row in rows.head(limit).iterrows():
        text = texts[row["doc_id"]]
        marks = attribution_marks(row.to_frame().T)
        start = min([int(row[sentence_start]), *(m.start for m in marks)])
        end = max([int(row[sentence_end]), *(m.end for m in marks)])
        body = highlight(text, marks, start=start, end=end)
        cells = "".join(
            f'<td class="meta">{"" if pd.isna(row[m]) else escape(str(row[m]))}</td>'
            for m in meta)
        lines.append(f'<tr>{cells}<td class="sentence">{body}</td></tr>')
    header = "".join(f"<th>{escape(m)}</th>" for m in meta)
    more = len(rows) - min(len(rows), limit)
    note = f"<p>… and {more} more rows.</p>" if more > 0 else ""
    return (f'{STYLE}<table class="cs-kwic"><tr>{header}<th>attribution in context</th></tr>'
            + "".join(lines) + f"</table>{note}")
