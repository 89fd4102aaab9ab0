"""Paragraphs, sentences, tokens, part of speech and quotations on real news prose."""

from __future__ import annotations

import pytest
from nltk import redos

from claimscope.text import (
    MAX_SENTENCE_CHARS,
    clear_caches,
    load_abbreviations,
    paragraphs,
    pos_tag,
    quotations,
    sentence_index,
    sentences,
    tokens,
)


def _texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_spans_index_the_text(seed_text: str) -> None:
    for span in sentences(seed_text) + paragraphs(seed_text) + tokens(seed_text):
        assert seed_text[span.start : span.end] == span.text


def test_seed_headline_without_full_stop_is_its_own_sentence(seed_text: str) -> None:
    found = _texts(seed_text)
    assert found[0] == "White House Says Iran Is Helping Russia Build a Drone Factory"
    assert found[1].startswith("The administration’s announcement comes")
    assert found[1].endswith("including some sanctions relief")


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Gen. Mark Alder met Sen. Ruth Oyelaran at 4 p.m. on Jan. 12 in Washington, D.C. "
        "The U.S. delegation arrived later. Mr. Alder said No. 4 Squadron was ready."
    )
    assert _texts(text) == [
        "Gen. Mark Alder met Sen. Ruth Oyelaran at 4 p.m. on Jan. 12 in Washington, D.C.",
        "The U.S. delegation arrived later.",
        "Mr. Alder said No. 4 Squadron was ready.",
    ]


def test_a_title_after_an_abbreviation_at_a_sentence_end_starts_a_sentence() -> None:
    text = "Asked whether ships had sailed, the harbour master said no. Mr. Ostrow left."
    assert _texts(text) == [
        "Asked whether ships had sailed, the harbour master said no.", "Mr. Ostrow left.",
    ]


def test_unknown_acronym_followed_by_lower_case_does_not_split() -> None:
    text = "The shift in how the E.P.A. operates is large. It began in May."
    assert _texts(text) == ["The shift in how the E.P.A. operates is large.", "It began in May."]


def test_quoted_exclamation_followed_by_said_stays_one_sentence() -> None:
    text = '"Stop the trucks!" shouted Donna Lages. "Now?" asked a docker. Nobody moved.'
    assert _texts(text) == [
        '"Stop the trucks!" shouted Donna Lages.', '"Now?" asked a docker.', "Nobody moved.",
    ]


def test_typewriter_double_apostrophes_are_quotation_marks() -> None:
    text = "''This isn't reform,'' said Ida Ostrow. ''It is 'tinkering' at best.''"
    quotes = [q for q in quotations(text) if q.level == 0]
    assert [q.inner.text for q in quotes] == ["This isn't reform,", "It is 'tinkering' at best."]
    assert all(q.closed for q in quotes)
    assert [q.inner.text for q in quotations(text) if q.level == 1] == ["tinkering"]


def test_quoted_sentence_ends_inside_the_quote() -> None:
    text = 'He said, "We will not attend." The talks went ahead without them.'
    assert _texts(text) == ['He said, "We will not attend."', "The talks went ahead without them."]


def test_sentences_never_cross_paragraphs() -> None:
    text = "Drone strikes resumed\n\nOfficials in the port said the attack came at night"
    assert _texts(text) == [
        "Drone strikes resumed",
        "Officials in the port said the attack came at night",
    ]


def test_dateline_line_break_without_full_stop_splits_but_wrapped_lines_do_not() -> None:
    headline = "Ministry Denies Shipping Claims\nThe ministry rejected the report on Monday."
    assert _texts(headline) == [
        "Ministry Denies Shipping Claims",
        "The ministry rejected the report on Monday.",
    ]
    wrapped = "The ministry rejected the report on\nMonday and called it baseless."
    assert _texts(wrapped) == [wrapped]


def test_sentence_index_finds_the_sentence_of_an_offset(seed_text: str) -> None:
    spans = sentences(seed_text)
    offset = seed_text.index("Tehran is said to be")
    assert spans[sentence_index(spans, offset)].text.startswith("Tehran is said to be")


def test_tokens_keep_acronyms_numbers_and_hyphenated_words() -> None:
    text = "The U.S. sent $20 billion, 40% of it so-called aid, to Iran's allies."
    words = [t.text for t in tokens(text)]
    assert words == [
        "The", "U.S.", "sent", "$20", "billion", ",", "40%", "of", "it", "so-called",
        "aid", ",", "to", "Iran's", "allies", ".",
    ]


def test_pos_tags_align_with_tokens_and_offsets() -> None:
    text = "Tehran is said to be providing materials for the plant."
    tagged = pos_tag(text)
    assert [t.text for t, _ in tagged] == [t.text for t in tokens(text)]
    tags = dict((t.text, tag) for t, tag in tagged)
    assert tags["Tehran"] == "NNP"
    assert tags["providing"] == "VBG"
    assert tags["materials"] == "NNS"


def test_pos_tags_are_textblobs_pattern_tagger_tags(seed_text: str) -> None:
    """The tagger is called on our tokens directly; PatternTagger gives the same tags
    (on the seed, and on PolNeAR dev articles where the shared data is present)."""
    import json

    from conftest import shared_data_dir
    from textblob.en.taggers import PatternTagger

    texts = [seed_text]
    path = shared_data_dir() / "polnear" / "dev.jsonl"
    if path.is_file():
        texts += [json.loads(line)["text"]
                  for line in path.read_text(encoding="utf-8").splitlines()[:20]]
    tagger, compared = PatternTagger(), 0
    for text in texts:
        for sentence in sentences(text):
            ours = pos_tag(text, sentence.start, sentence.end)
            words = " ".join(t.text for t, _ in ours)
            assert [tag for _, tag in ours] == [tag for _, tag in
                                                tagger.tag(words, tokenize=False)], words
            compared += 1
    assert compared >= 30  # the seed has 35 sentences


def test_seed_quotations_include_mixed_curly_and_straight_marks(seed_text: str) -> None:
    found = [q for q in quotations(seed_text) if q.level == 0]
    inner = [q.inner.text for q in found]
    assert "deepening" in inner and "probably" in inner and "aligned" in inner
    accountable = next(q for q in found if q.inner.text == "accountable")
    assert accountable.span.text == "“accountable\"" and accountable.closed
    assert all(q.closed for q in found)
    assert len(found) == 13


def test_quote_running_over_paragraphs_is_one_quotation() -> None:
    text = (
        '"We saw the trucks come in at night, always the same three," said Anna Petrov.\n\n'
        '"Nobody told us what was in them. Nobody asked.\n\n'
        '"Then the inspectors came," she said.'
    )
    quotes = quotations(text)
    assert len(quotes) == 2
    running = quotes[1]
    assert running.multi_paragraph and running.closed
    assert running.inner.text.startswith("Nobody told us")
    assert running.inner.text.endswith("Then the inspectors came,")


def test_unbalanced_quote_is_closed_at_its_paragraph_end_and_flagged() -> None:
    text = 'The minister called it "a fabrication and moved on.\n\nThe talks resumed.'
    (quote,) = quotations(text)
    assert not quote.closed
    assert quote.inner.text == "a fabrication and moved on."
    assert quotations('"') and quotations('”') == [] and quotations("") == []


def test_single_quotes_nested_in_double_but_not_apostrophes() -> None:
    text = "\"They called it 'a routine delivery' and Iran's ministry agreed,\" he said."
    quotes = quotations(text)
    assert [(q.level, q.inner.text) for q in quotes] == [
        (0, "They called it 'a routine delivery' and Iran's ministry agreed,"),
        (1, "a routine delivery"),
    ]


def test_a_text_that_is_only_a_quote() -> None:
    text = "“We deny everything.”"
    (quote,) = quotations(text)
    assert quote.inner.text == "We deny everything." and quote.closed
    assert _texts(text) == [text]


def test_abbreviation_list_is_data_and_overridable(tmp_path) -> None:
    assert {"gen", "u.s", "p.m", "no"} <= load_abbreviations()
    custom = tmp_path / "abbr.csv"
    custom.write_text("abbreviation,note\nunesco,agency written with stops\n", encoding="utf-8")
    assert load_abbreviations(str(custom)) == frozenset({"unesco"})


def test_curly_opening_mark_typed_as_the_close() -> None:
    text = "“We are not leaving,“ said Nora Blake. “Not this winter.”"
    quotes = [q for q in quotations(text) if q.level == 0]
    assert [(q.inner.text, q.closed) for q in quotes] == [
        ("We are not leaving,", True), ("Not this winter.", True),
    ]


def test_low_and_angle_quotation_marks_either_way_round() -> None:
    for text in ("„Wir bleiben“, sagte sie.", "«Nous restons», dit-elle.",
                 "»Wir bleiben«, sagte sie."):
        (quote,) = quotations(text)
        assert quote.closed and quote.inner.text in ("Wir bleiben", "Nous restons"), text


def test_typewriter_pair_after_a_closing_single_quote() -> None:
    text = "''She asked me, 'Why now?''' the clerk said. '''Never,' I said,'' he added."
    quotes = quotations(text)
    assert [(q.level, q.span.text) for q in quotes] == [
        (0, "''She asked me, 'Why now?'''"),
        (1, "'Why now?'"),
        (0, "'''Never,' I said,''"),
        (1, "'Never,'"),
    ]


def test_typewriter_pair_is_one_token() -> None:
    text = "''Fine,'' Mr. Oduya's clerk said of the 'draft.'"
    assert [t.text for t in tokens(text)] == [
        "''", "Fine", ",", "''", "Mr", ".", "Oduya's", "clerk", "said", "of", "the", "'",
        "draft", ".", "'",
    ]
    assert [t.text for t, _ in pos_tag(text)][:4] == ["''", "Fine", ",", "''"]


def test_missing_straight_close_does_not_swallow_the_next_quote() -> None:
    text = '"The depot is empty, the clerk said. "We sold the last crate."'
    quotes = quotations(text)
    assert [(q.inner.text, q.closed) for q in quotes] == [
        ("The depot is empty, the clerk said.", False), ("We sold the last crate.", True),
    ]
    # balanced straight marks are still read in turn, whatever the spacing
    text = 'She said "no" and then "yes ," and left.'
    assert [q.inner.text for q in quotations(text)] == ["no", "yes ,"]


def test_stray_and_unbalanced_marks_of_every_shape_never_raise() -> None:
    pieces = ['"', "''", "'", "“", "”", "„", "«", "»", "a", " ", ",", "\n\n"]
    texts = [""]
    for _ in range(4):
        texts = [t + p for t in texts for p in pieces]
    for text in texts:
        for quote in quotations(text):
            assert text[quote.span.start : quote.span.end] == quote.span.text
            assert quote.span.start <= quote.inner.start <= quote.inner.end <= quote.span.end


def _levels(text: str) -> list[tuple[int, str]]:
    return [(q.level, q.inner.text) for q in quotations(text)]


def test_straight_double_quotes_nested_in_straight_double_quotes() -> None:
    text = '"The sign read "Keep out" in red," said Dana Whitlow, a neighbour.'
    assert _levels(text) == [(0, 'The sign read "Keep out" in red,'), (1, "Keep out")]
    text = "\"He said 'no' and then \"it's over\" for us,\" she said."
    assert _levels(text) == [
        (0, "He said 'no' and then \"it's over\" for us,"), (1, "no"), (1, "it's over"),
    ]
    assert all(q.closed for q in quotations(text))


def test_curly_quotes_nested_in_curly_or_straight_quotes() -> None:
    text = "“People were wearing “Settle For Less” shirts,” the organiser said."
    assert _levels(text) == [(0, "People were wearing “Settle For Less” shirts,"),
                             (1, "Settle For Less")]
    text = 'The column ran in full: "Officials told us “the depot was empty” that night."'
    assert _levels(text) == [(0, "Officials told us “the depot was empty” that night."),
                             (1, "the depot was empty")]
    text = '"“We will not leave,” the mayor said, and the crowd cheered."'
    assert _levels(text) == [(0, "“We will not leave,” the mayor said, and the crowd cheered."),
                             (1, "We will not leave,")]


def test_nesting_is_not_read_into_unbalanced_or_ordinary_quotes() -> None:
    # a missing close stays a missing close, not an outer quote over the speaker
    text = '"Yes, the clerk said. "No," he said.'
    assert [(q.level, q.inner.text, q.closed) for q in quotations(text)] == [
        (0, "Yes, the clerk said.", False), (0, "No,", True),
    ]
    text = "“Many are undecided “on the list” and leaning,” he said, and “We are confident"
    assert [(q.level, q.inner.text, q.closed) for q in quotations(text)] == [
        (0, "Many are undecided “on the list” and leaning,", True), (1, "on the list", True),
        (0, "We are confident", False),
    ]
    text = 'Voters said "yes," then "no," then "maybe."'
    assert _levels(text) == [(0, "yes,"), (0, "no,"), (0, "maybe.")]


def test_nested_quote_inside_a_quote_running_over_paragraphs() -> None:
    text = (
        '"The trucks came at night," said Anna Petrov. "Nobody told us what was in them.\n\n'
        '"We called it the "ghost convoy" among ourselves.\n\n'
        '"Then the inspectors came," she said.'
    )
    quotes = [(q.level, q.inner.text, q.closed, q.multi_paragraph) for q in quotations(text)]
    assert quotes == [
        (0, "The trucks came at night,", True, False),
        (0, text[text.index("Nobody") : text.index('" she said')], True, True),
        (1, "ghost convoy", True, False),
    ]


def test_continued_paragraph_without_its_opening_mark_still_continues() -> None:
    text = (
        '"We saw the trucks," said Anna Petrov. "Nobody told us what was in them.\n\n'
        'Then the inspectors came," she said. "They found nothing."'
    )
    quotes = [(q.inner.text, q.closed, q.multi_paragraph) for q in quotations(text)]
    assert quotes == [
        ("We saw the trucks,", True, False),
        ("Nobody told us what was in them.\n\nThen the inspectors came,", True, True),
        ("They found nothing.", True, False),
    ]
    # a paragraph whose first mark opens a new quote does not continue the old one
    text = 'He called it "a fabrication.\n\nOthers called it a "lie." The talks resumed.'
    quotes = [(q.inner.text, q.closed, q.multi_paragraph) for q in quotations(text)]
    assert quotes == [("a fabrication.", False, False), ("lie.", True, False)]


def test_last_continued_paragraph_without_a_close_ends_the_quote_unclosed() -> None:
    text = (
        '"Nobody told us what was in them.\n\n'
        '"Then the inspectors came, she said.\n\n'
        "The ministry did not comment."
    )
    (quote,) = quotations(text)
    assert quote.multi_paragraph and not quote.closed
    assert quote.span.text == text[: text.index("\n\nThe ministry")]


def test_a_mark_ending_its_paragraph_closes() -> None:
    text = "“Voters see that. “\n\nThis story has been updated."
    (quote,) = quotations(text)
    assert quote.closed and quote.inner.text == "Voters see that. "


def test_a_quote_opened_after_a_bracket_or_dash() -> None:
    text = '(“We are ready,” she said) and —"Hamilton" opens in May, odd as "it" is.'
    assert _levels(text) == [(0, "We are ready,"), (0, "Hamilton"), (0, "it")]


# ---------------------------------------------------------------- very long paragraphs

PROSE = ("Officials said the port was closed on Tuesday. The ministry insists the pause is "
         "temporary; dock workers, who asked not to be named, said otherwise. ")


def test_a_long_paragraph_gives_the_sentences_it_gives_in_short_paragraphs() -> None:
    line = PROSE * (3 * MAX_SENTENCE_CHARS // len(PROSE))  # one paragraph, no line break
    found = sentences(line)
    assert len(found) == 2 * (3 * MAX_SENTENCE_CHARS // len(PROSE))
    assert {s.text for s in found} == set(_texts(PROSE))
    assert all(line[s.start : s.end] == s.text for s in found)


SIZE_CUTS = [  # case, text, expected sentence lengths
    ("no punctuation", "word " * (MAX_SENTENCE_CHARS // 2), None),
    ("no white space", "x" * (2 * MAX_SENTENCE_CHARS + 7), [MAX_SENTENCE_CHARS] * 2 + [7]),
]


@pytest.mark.parametrize(("case", "text", "lengths"), SIZE_CUTS, ids=[c[0] for c in SIZE_CUTS])
def test_a_run_without_a_sentence_end_is_cut_by_size(
        case: str, text: str, lengths: list[int] | None) -> None:
    found = sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in found) and len(found) > 1
    assert all(text[s.start : s.end] == s.text for s in found)
    if lengths is None:  # cut at the last white space before the limit
        assert all(text[s.end] == " " for s in found[:-1])
        assert " ".join(s.text for s in found) == text.strip()
    else:
        assert [len(s.text) for s in found] == lengths


def test_no_time_limit_decides_the_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    text = PROSE * 2_000  # 300 kB on one line
    expected = sentences(text)
    clear_caches()
    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 0.000_001)  # a machine a million times slower
    assert sentences(text) == expected
