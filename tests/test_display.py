"""Highlighted text and concordances: escaped, well formed, cut by span."""

from __future__ import annotations

import pandas as pd
import pytest

from claimscope.display import Mark, concordance, escaped_table, highlight

HOSTILE = 'The ministry wrote <script>alert("x")</script> & called it "fake".'


def test_highlight_escapes_document_text_and_keeps_marks() -> None:
    start = HOSTILE.index("<script>")
    out = highlight(HOSTILE, [Mark(start, start + 8, "cs-cue", 'tip "<b>"')])
    assert "<script>" not in out
    assert '<mark class="cs-cue" title="tip &quot;&lt;b&gt;&quot;">&lt;script&gt;</mark>' in out
    assert "&amp; called it &quot;fake&quot;." in out


def test_highlight_nests_a_cue_inside_content_and_clips_crossing_marks(seed_text: str) -> None:
    sentence_end = seed_text.index(" Kirby added.") + len(" Kirby added.")
    start = seed_text.index('"As of May')
    cue = seed_text.index("added", start)
    source = seed_text.index("Kirby", start)
    marks = [
        Mark(start, source - 2, "cs-content"),
        Mark(source, source + 5, "cs-source"),
        Mark(cue, cue + 5, "cs-cue"),
        Mark(cue - 3, cue + 30, "cs-hedge"),  # crosses the source's end: clipped to it
    ]
    out = highlight(seed_text, marks, start=start, end=sentence_end)
    assert out.count("<mark") == out.count("</mark>") == 4
    assert '<mark class="cs-source">Kir<mark class="cs-hedge">by</mark></mark>' in out
    assert out.endswith('<mark class="cs-cue">added</mark>.')


def test_concordance_centres_the_span_and_escapes_everything() -> None:
    texts = {"d1": HOSTILE}
    start = HOSTILE.index("fake")
    rows = pd.DataFrame([{"doc_id": "d1", "start": start, "end": start + 4, "outlet": "<i>"}])
    out = concordance(rows, texts, meta=["outlet"], width=20)
    assert "<script>" not in out and "&lt;i&gt;" in out
    assert '<mark class="cs-hedge">fake</mark>' in out


def test_escaped_table_escapes_cells() -> None:
    out = escaped_table(pd.DataFrame({"text": [HOSTILE]}))
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_in_sentences_marks_the_span_inside_its_whole_sentence(seed_text: str) -> None:
    from claimscope.display import in_sentences

    sentence_start = seed_text.index("This story was originally reported")
    sentence_end = seed_text.index("as significant.", sentence_start) + len("as significant.")
    cue = seed_text.index('"aligned"', sentence_start)
    texts = {"seed": seed_text, "hostile": HOSTILE}
    fake = HOSTILE.index('"fake"')
    rows = pd.DataFrame([
        {"doc_id": "seed", "start": cue, "end": cue + 9, "sentence_start": sentence_start,
         "sentence_end": sentence_end, "voice": "author"},
        {"doc_id": "hostile", "start": fake, "end": fake + 6, "sentence_start": 0,
         "sentence_end": len(HOSTILE), "voice": "<b>"},
    ])
    out = in_sentences(rows, texts, meta=["voice"])
    assert out.count('<td class="sentence">') == 2
    assert ('foreign officials <mark class="cs-hedge">&quot;aligned&quot;</mark> with'
            in out)
    assert "This story was originally reported" in out and "as significant.</td>" in out
    assert "<script>" not in out and "&lt;b&gt;" in out
    assert "more rows" in in_sentences(rows, texts, limit=1)


def test_spread_takes_each_documents_first_rows_first() -> None:
    from claimscope.display import spread

    rows = pd.DataFrame({"doc_id": ["a"] * 5 + ["b"] * 2 + ["c"],
                         "start": [1, 2, 3, 4, 5, 1, 2, 1]})
    kept = spread(rows, limit=5)
    assert list(zip(kept["doc_id"], kept["start"], strict=True)) == [
        ("a", 1), ("a", 2), ("b", 1), ("b", 2), ("c", 1)]
    assert spread(rows, limit=20) is rows
    by_pair = spread(rows.assign(cat=["x", "y"] * 4), limit=4, by=["doc_id", "cat"])
    assert list(by_pair.index) == [0, 1, 5, 6]  # the first row of each (document, cat)


def _seed_attribution(seed_text: str) -> dict:
    """The seed's "Kirby added." quotation as an attributions-table row (spans by hand)."""
    content = seed_text.index('"As of May')
    source = seed_text.index("Kirby added.", content)
    sentence_end = source + len("Kirby added.")
    return {"doc_id": "seed", "attribution": 0, "source_start": float(source),
            "source_end": float(source + 5), "cue_start": source + 6, "cue_end": source + 11,
            "content_start": content, "content_end": source - 2, "source_type": "person",
            "stance": "neutral", "kind": "direct", "sentence_start": source,
            "sentence_end": sentence_end, "outlet": "<b>Seed</b>"}


def test_attribution_marks_give_source_cue_and_content_and_skip_missing_spans(
        seed_text: str) -> None:
    from claimscope.display import attribution_marks

    row = _seed_attribution(seed_text)
    agentless = {**row, "source_start": float("nan"), "source_end": float("nan")}
    marks = attribution_marks(pd.DataFrame([row, agentless]))
    assert [m.css for m in marks] == ["cs-source", "cs-cue", "cs-content", "cs-cue", "cs-content"]
    assert seed_text[marks[0].start:marks[0].end] == "Kirby"
    assert seed_text[marks[1].start:marks[1].end] == "added"
    assert marks[0].title == "source: person · neutral · direct"


def test_attributions_in_context_widen_the_sentence_to_the_whole_content(
        seed_text: str) -> None:
    from claimscope.display import attributions_in_context

    row = _seed_attribution(seed_text)
    hostile = {**row, "doc_id": "hostile", "source_start": 0.0, "source_end": 12.0,
               "cue_start": 13, "cue_end": 18, "content_start": 19, "content_end": 47,
               "sentence_start": 0, "sentence_end": len(HOSTILE)}
    texts = {"seed": seed_text, "hostile": HOSTILE}
    out = attributions_in_context(pd.DataFrame([row, hostile]), texts, meta=["outlet"])
    assert out.count('<td class="sentence">') == 2
    assert '<td class="sentence"><mark class="cs-content"' in out  # starts at the quote
    assert '<mark class="cs-source" title="source: person · neutral · direct">Kirby</mark>' in out
    assert "<script>" not in out and "&lt;b&gt;Seed&lt;/b&gt;" in out
    assert "more rows" in attributions_in_context(pd.DataFrame([row, hostile]), texts, limit=1)


def test_md_makes_document_text_inert_in_markdown() -> None:
    from claimscope.display import md

    assert md('<b>Mallory_Gazette</b> & *x*') == (
        "&lt;b&gt;Mallory\\_Gazette&lt;/b&gt; &amp; \\*x\\*")


# ==================== table styling ====================
# How a table reads in the report's HTML: text left, numbers right, dates on one line.


def _cells(out: str) -> list[tuple[str, str]]:
    """``(class, text)`` of every body cell of a table, in order."""
    import re

    body = out[out.index("<tbody>"):]
    return re.findall(r'<t[dh] class="([^"]*)">([^<]*)</t[dh]>', body)


@pytest.mark.parametrize(("column", "values", "css"), [
    ("title", ["Port officials deny drone shipments", "A second title"], "cs-str"),
    ("source", ["John Kirby", None], "cs-str"),
    ("words", [674, 1203], "cs-num"),
    ("share", [0.25, float("nan")], "cs-num"),
    ("words", ["1,203", "674"], "cs-num"),       # numbers formatted as text
    ("named", ["82%", "–"], "cs-num"),
    ("tone", ["-0.087 [-0.172, -0.016] (n=27)", "–"], "cs-str"),
    ("date", ["2025-03-10", "2025-03"], "cs-date"),
    ("distanced", ["26% (11–44%)", "0%"], "cs-interval"),  # a figure and its interval
    ("hedges", ["5.9 (2.1–9.6)", "–"], "cs-interval"),
    ("published", pd.to_datetime(["2025-03-10", "2025-04-01"]), "cs-date"),
    ("second_hand", [True, False], "cs-str"),
])
def test_escaped_table_aligns_each_column_by_what_it_holds(column, values, css) -> None:
    cells = _cells(escaped_table(pd.DataFrame({column: values})))
    assert [c for c, _ in cells] == [css, css]


def test_escaped_table_writes_numbers_plainly_and_missing_values_empty() -> None:
    frame = pd.DataFrame({"rate": [41.3, 0.1234567, float("nan")], "n": [3, 12000, 7]})
    texts = [t for _, t in _cells(escaped_table(frame))]
    assert texts == ["41.3", "3", "0.123457", "12000", "", "7"]


def test_escaped_table_keeps_a_named_index_as_left_aligned_row_labels() -> None:
    frame = pd.DataFrame({"words": [674]}, index=pd.Index(["The <b>Courier</b>"], name="outlet"))
    out = escaped_table(frame)
    assert '<th class="cs-str">outlet</th>' in out
    assert _cells(out) == [("cs-str", "The &lt;b&gt;Courier&lt;/b&gt;"), ("cs-num", "674")]
    plain = escaped_table(pd.DataFrame({"words": [674]}))  # a default index is not shown
    assert _cells(plain) == [("cs-num", "674")]


def test_escaped_table_says_how_many_rows_are_left_out() -> None:
    out = escaped_table(pd.DataFrame({"n": range(5)}), max_rows=2)
    assert len(_cells(out)) == 2 and "3 more rows" in out


def test_house_style_left_aligns_text_against_the_notebook_css() -> None:
    # JupyterLab's and nbconvert's lab CSS right-align every output cell with a selector of
    # two classes and an element (:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td); the
    # house rules come later in the page, so they need at least as many classes to win.
    from claimscope.display import STYLE

    for rule in (".cs-table td.cs-str", ".cs-table th.cs-str", ".cs-kwic td:not(.left)",
                 ".cs-table td.cs-date"):
        assert rule in STYLE
    assert "white-space: nowrap" in STYLE[STYLE.index(".cs-table td.cs-date"):].split("}")[0]
    assert STYLE in escaped_table(pd.DataFrame({"n": [1]}))
    # a text cell is not set in the serif of a highlighted document (class cs-text)
    assert 'class="cs-text"' not in escaped_table(pd.DataFrame({"title": ["Port officials"]}))


# a comment that reads as harmless but displays reversed: the RLO turns what follows around
BIDI = "The minister said \u202eevif\u202c ships left; \u2066Tehran\u2069 denied it \u200f."
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _shown(out: str) -> None:
    assert not any(ch in out for ch in BIDI_CONTROLS), out
    assert "\\u202e" in out and "\\u202c" in out and "\\u2066" in out and "\\u200f" in out


def test_bidirectional_controls_are_shown_as_escapes_and_offsets_kept() -> None:
    start = BIDI.index("ships")
    _shown(highlight(BIDI, [Mark(start, start + 5, "cs-cue", "tip \u202e")]))
    assert '<mark class="cs-cue" title="tip \\u202e">ships</mark>' in highlight(
        BIDI, [Mark(start, start + 5, "cs-cue", "tip \u202e")])
    rows = pd.DataFrame([{"doc_id": "d1", "start": start, "end": start + 5, "outlet": "\u202eX"}])
    _shown(concordance(rows, {"d1": BIDI}, meta=["outlet"]))
    _shown(escaped_table(pd.DataFrame({"text": [BIDI], "n": [1]})))
    from claimscope.display import md

    _shown(md(BIDI))
    assert BIDI[start : start + 5] == "ships"  # the text itself is not changed


def test_every_bidirectional_control_is_neutralised() -> None:
    from claimscope.display import escape

    assert escape(BIDI_CONTROLS) == "".join(f"\\u{ord(ch):04x}" for ch in BIDI_CONTROLS)
    assert escape("עברית & <b>") == "עברית &amp; &lt;b&gt;"
