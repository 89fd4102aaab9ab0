"""The corpus loader: formats, fields, normalisation, and one test per kind of bad input."""

from __future__ import annotations

import json
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import claimscope.corpus as corpus_module
from claimscope.corpus import (
    MAX_ARTICLE_BYTES,
    MAX_TABLE_BYTES,
    Corpus,
    CorpusError,
    CorpusIssue,
    Document,
    document_from_text,
    jsonl_blocks,
    load_corpus,
    normalise_text,
    open_corpus,
    read_jsonl_block,
    word_count,
)
from claimscope.spans import Span

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "seed/white-house-iran-drone-factory.md"

PORT = (
    "Officials in Halvard said on Tuesday that the port authority had \"paused\" "
    "night shipments, according to a statement released after midnight.\n\n"
    "The ministry insists the pause is temporary. Dock workers, who asked not to be "
    "named, said they had been told to expect a longer closure.\n"
)
COUNCIL = (
    "The city council voted 7-2 to delay the tram extension, a decision the mayor "
    "called \u201cregrettable but probably unavoidable\u201d.\n"
)
RATES = (
    "The central bank left its main rate unchanged at 4.5 per cent, saying inflation "
    "was likely to ease by the autumn.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def article(text: str, **front: object) -> str:
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
    return f"---\n{lines}---\n{text}"


def ids(corpus: Corpus) -> list[str]:
    return [doc.id for doc in corpus.documents]


def only_issue(corpus: Corpus) -> CorpusIssue:
    assert len(corpus.issues) == 1, corpus.issues
    return corpus.issues[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small good corpus that every bad-input test adds one bad file to."""
    root = tmp_path / "corpus"
    write(root, "wire/port.md", article(PORT, title="Port pauses night shipments",
                                        outlet="Harbour Wire", date="2024-02-06"))
    write(root, "council.txt", COUNCIL)
    return root


def assert_good_files_loaded(corpus: Corpus) -> None:
    assert {"council.txt", "wire/port.md"} <= set(ids(corpus))


# ---------------------------------------------------------------- formats


def test_seed_article_loads_from_the_repository_corpus(seed_text: str) -> None:
    corpus = load_corpus(REPO / "corpus")
    seed = {doc.id: doc for doc in corpus.documents}[SEED_ID]
    assert seed.text == seed_text
    assert seed.title == "White House Says Iran Is Helping Russia Build a Drone Factory"
    assert seed.outlet == "The Libertarian Institute"
    assert seed.author == "Connor Freeman"
    assert seed.date == "2023-06"
    assert seed.metadata["synthetic"] is False
    assert "Alabuga" in seed.metadata["note"]
    assert seed.source == SEED_ID
    assert not [issue for issue in corpus.issues if issue.file == SEED_ID]


def test_seed_text_spans_cut_the_words_they_point_at(seed_text: str) -> None:
    doc = load_corpus(REPO / "corpus" / "seed" / "white-house-iran-drone-factory.md").documents[0]
    start = doc.text.index("the White House said on Friday")
    span = Span.of(doc.text, start, start + len("the White House said"))
    assert span.text == "the White House said"
    assert doc.text.startswith("White House Says Iran Is Helping Russia Build a Drone Factory\n")


def test_folder_of_md_and_txt_with_and_without_front_matter(folder: Path) -> None:
    write(folder, "wire/rates.md", RATES)
    corpus = load_corpus(folder)
    assert ids(corpus) == ["council.txt", "wire/port.md", "wire/rates.md"]
    port, council, rates = (
        {d.id: d for d in corpus.documents}[i] for i in ("wire/port.md", "council.txt",
                                                          "wire/rates.md")
    )
    assert port.text == PORT
    assert (port.title, port.outlet, port.date) == (
        "Port pauses night shipments", "Harbour Wire", "2024-02-06")
    assert council.text == COUNCIL and council.title is None and council.metadata == {}
    assert rates.text == RATES
    assert corpus.issues == ()
    assert corpus.root == str(folder)


def test_front_matter_id_overrides_the_path(folder: Path) -> None:
    write(folder, "rates.md", article(RATES, id="cb-2024-031", author="Mira Solberg"))
    doc = {d.id: d for d in load_corpus(folder).documents}["cb-2024-031"]
    assert doc.author == "Mira Solberg"
    assert doc.source == "rates.md"


def test_jsonl_rows_with_ids_defaults_and_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "hw-1", "text": PORT, "outlet": "Harbour Wire", "date": "2024-02-06",
         "wordcount": 61, "synthetic": True, "tags": ["ports", "labour"]},
        {"text": COUNCIL, "title": "Tram extension delayed"},
        {"id": 17, "text": RATES},
    ]
    path = write(tmp_path, "news.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    corpus = load_corpus(path)
    assert ids(corpus) == ["17", "hw-1", "news.jsonl:2"]
    docs = {d.id: d for d in corpus.documents}
    assert docs["hw-1"].metadata == {"wordcount": 61, "synthetic": True,
                                     "tags": ["ports", "labour"]}
    assert docs["hw-1"].text == PORT
    assert docs["news.jsonl:2"].source == "news.jsonl:row 2"
    assert docs["news.jsonl:2"].title == "Tram extension delayed"
    assert corpus.issues == ()


def test_a_jsonl_streams_row_by_row(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "hw-1", "text": PORT}), json.dumps({"id": "c-2", "text": COUNCIL}),
            '{"id": "r-3", "text": "unterminated']
    path = write(tmp_path, "news.jsonl", "\ufeff" + "\n".join(rows) + "\n")
    stream = open_corpus(path)
    documents = iter(stream)
    assert next(documents).id == "hw-1"
    assert stream.issues == []  # the broken third row is not reached yet
    assert [d.id for d in documents] == ["c-2"]
    (issue,) = stream.issues
    assert issue.id == "news.jsonl:3" and "row 3: invalid JSON line" in issue.reason
    assert stream.expected_documents() == 3


def test_unpaired_surrogate_escapes_become_replacement_characters(tmp_path: Path) -> None:
    line = '{"id": "b", "text": "Bad \\ud800 escape, the minister said.", "title": "T \\udc00"}'
    corpus = load_corpus(write(tmp_path, "news.jsonl", line + "\n"))
    (doc,) = corpus.documents
    assert doc.text == "Bad \ufffd escape, the minister said." and doc.title == "T \ufffd"
    doc.text.encode("utf-8")  # storable as UTF-8 (Parquet, CSV, the cache)
    (issue,) = corpus.issues
    assert issue.severity == "warning" and "2 unpaired surrogate escape(s)" in issue.reason


def test_unpaired_surrogates_in_keys_are_repaired_so_the_tables_can_be_written(
        tmp_path: Path) -> None:
    lines = ('{"\\ud800key": 1, "id": "k", "text": "The minister said the port is open."}\n'
             '{"\\udc00only": "no text here"}\n')
    corpus = load_corpus(write(tmp_path, "news.jsonl", lines))
    (doc,) = corpus.documents
    assert dict(doc.metadata) == {"\ufffdkey": 1}
    frame = corpus.documents_frame()
    assert "\ufffdkey" in frame.columns
    frame.to_parquet(tmp_path / "documents.parquet")  # was a pyarrow UnicodeEncodeError
    corpus.issues_frame().to_parquet(tmp_path / "issues.parquet")
    reasons = [issue.reason for issue in corpus.issues]
    assert reasons[0].startswith("row 1: 1 unpaired surrogate escape(s)")
    assert "row 2: no text" in reasons[1] and "\ufffdonly" not in reasons[1]


NUL_CASES = [  # file, content, field holding the NUL
    ("news.jsonl", '{"id": "n", "text": "The port\\u0000 is open, officials said."}\n', "text"),
    ("news.jsonl", '{"id": "n", "text": "The port is open.", "title": "A\\u0000B"}\n', "title"),
    ("news.csv", None, "text"),
    ("wire.md", '---\ntitle: "A\\0B"\n---\nThe port is open, officials said.\n', "title"),
]


@pytest.mark.parametrize(("name", "content", "where"), NUL_CASES)
def test_an_escaped_nul_character_is_replaced_with_a_warning(
        tmp_path: Path, name: str, content: str | None, where: str) -> None:
    if content is None:  # a CSV cannot escape a NUL: its raw byte makes the file binary
        path = write(tmp_path, name, b"id,text\nn,The port\x00 is open.\n")
        issue = only_issue(load_corpus(path))
        assert issue.severity == "error" and issue.reason.startswith("binary file")
        return
    corpus = load_corpus(write(tmp_path, name, content))
    (doc,) = corpus.documents
    value = doc.text if where == "text" else doc.title
    assert "\x00" not in value and "\ufffd" in value
    issue = only_issue(corpus)
    assert issue.severity == "warning"
    assert "1 NUL character(s) (\\u0000, written as an escape)" in issue.reason
    assert "re-export" in issue.hint


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_a_jsonl_not_in_utf8_is_still_read_whole(tmp_path: Path, encoding: str) -> None:
    line = json.dumps({"id": "café-1", "text": "Le café a dit: « non »."}, ensure_ascii=False)
    path = write(tmp_path, "news.jsonl", (line + "\n").encode(encoding))
    corpus = load_corpus(path)
    assert [d.id for d in corpus.documents] == ["café-1"]
    assert corpus.documents[0].text == "Le café a dit: « non »."
    warnings = [i.reason[:10] for i in corpus.issues]
    assert warnings == ([] if encoding == "utf-16" else ["not UTF-8 "])


def test_csv_rows_with_quoted_commas_and_line_breaks(tmp_path: Path) -> None:
    path = write(
        tmp_path, "news.csv",
        "id,title,date,text,register\r\n"
        f'hw-1,"Port pauses, again",2024-02-06,"{PORT.replace(chr(34), chr(34) * 2)}",news\r\n'
        f',Tram extension delayed,2024-02,"{COUNCIL}",news\r\n',
    )
    corpus = load_corpus(path)
    docs = {d.id: d for d in corpus.documents}
    second_line = 3 + PORT.count("\n")  # header, then hw-1 over PORT's lines, then this row
    assert set(docs) == {"hw-1", f"news.csv:{second_line}"}
    assert docs["hw-1"].text == PORT
    assert docs["hw-1"].title == "Port pauses, again"
    assert docs["hw-1"].metadata == {"register": "news"}
    second = docs[f"news.csv:{second_line}"]
    assert second.text == COUNCIL and second.date == "2024-02"
    assert second.source == f"news.csv:row {second_line}"
    assert corpus.issues == ()


def test_aliases_fill_canonical_fields(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "body": PORT, "headline": "Port pauses", "publisher": "Harbour Wire",
         "published": "2024-02-06"},
        {"id": "b", "content": COUNCIL, "publication_date": "2024-01"},
        {"id": "c", "text": RATES, "outlet": "Ledger", "publisher": "Ledger Media Group",
         "source": "agency copy"},
    ]
    write(tmp_path, "news.jsonl", "\n".join(json.dumps(r) for r in rows))
    docs = {d.id: d for d in load_corpus(tmp_path).documents}
    assert (docs["a"].text, docs["a"].title, docs["a"].outlet, docs["a"].date) == (
        PORT, "Port pauses", "Harbour Wire", "2024-02-06")
    assert (docs["b"].text, docs["b"].date) == (COUNCIL, "2024-01")
    # The canonical field wins; the alias and "source" (never an alias) stay in metadata.
    assert docs["c"].outlet == "Ledger"
    assert docs["c"].metadata == {"publisher": "Ledger Media Group", "source": "agency copy"}


def test_hidden_files_and_root_readme_are_skipped(folder: Path) -> None:
    write(folder, "README.md", "# Sample corpus\n\nNine articles about ports.\n")
    write(folder, ".notes.md", "draft\n")
    write(folder, ".git/HEAD.md", "ref: main\n")
    write(folder, "wire/README.md", article(RATES, title="A README inside a folder"))
    corpus = load_corpus(folder)
    assert ids(corpus) == ["council.txt", "wire/README.md", "wire/port.md"]
    assert corpus.issues == ()


def test_yaml_dates_become_iso_strings(folder: Path) -> None:
    write(folder, "a.md", f"---\ndate: 2024-02-06\nupdated: 2024-02-07 09:15:00\n---\n{RATES}")
    write(folder, "b.md", f"---\ndate: 2024\n---\n{RATES}")
    write(folder, "c.md", f"---\ndate: 2024-02-06T09:15:00Z\n---\n{RATES}")
    docs = {d.id: d for d in load_corpus(folder).documents}
    assert docs["a.md"].date == "2024-02-06"
    assert docs["a.md"].metadata == {"updated": "2024-02-07T09:15:00"}
    assert docs["b.md"].date == "2024"
    assert docs["c.md"].date == "2024-02-06T09:15:00+00:00"


def test_front_matter_cannot_execute_code(folder: Path, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    write(folder, "evil.md",
          f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n{RATES}")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("evil.md", "error")
    assert "malformed front matter" in issue.reason
    assert not marker.exists()
    assert_good_files_loaded(corpus)


# ---------------------------------------------------------------- normalisation


def test_crlf_and_nfc_are_normalised_and_spans_index_the_result(folder: Path) -> None:
    raw = ("Caf\u0065\u0301 owners in Halvard said\r\nthe port closure hurt trade.\r\n\r\n"
           "\u201cWe lost a week,\u201d one owner said.\r")
    write(folder, "cafe.txt", raw)
    doc = {d.id: d for d in load_corpus(folder).documents}["cafe.txt"]
    expected = ("Caf\u00e9 owners in Halvard said\nthe port closure hurt trade.\n\n"
                "\u201cWe lost a week,\u201d one owner said.\n")
    assert doc.text == expected
    start = doc.text.index("Halvard said")
    assert (start, doc.text[start:start + 12]) == (expected.index("Halvard"), "Halvard said")
    quote = Span.of(doc.text, doc.text.index("\u201c"), doc.text.index("\u201d") + 1)
    assert quote.text == "\u201cWe lost a week,\u201d"


def test_normalise_text_keeps_everything_but_newlines_and_composition() -> None:
    assert normalise_text("a\r\nb\rc\n\n  d\t") == "a\nb\nc\n\n  d\t"
    assert normalise_text("Zu\u0308rich") == "Z\u00fcrich"
    assert normalise_text("\ufeffno change") == "\ufeffno change"


def test_word_count_counts_runs_with_a_letter_or_digit() -> None:
    assert word_count("The U.S. fired 2 drones \u2014 don't panic, ___ said the 7-2 vote.") == 14
    assert word_count("") == 0
    assert word_count("snake_case ok") == 2


def test_document_from_text_normalises_and_maps_fields() -> None:
    doc = document_from_text("Officials said\r\nthe caf\u0065\u0301 closed.", id="t1",
                             publisher="Harbour Wire", date="2024-02", register="news")
    assert doc == Document(id="t1", text="Officials said\nthe caf\u00e9 closed.",
                           outlet="Harbour Wire", date="2024-02",
                           metadata={"register": "news"})
    assert document_from_text(RATES).id == "text"


def test_document_from_text_warns_about_a_text_in_capitals_and_keeps_it() -> None:
    shouted = "THE MINISTER SAID THE PORT WOULD REOPEN ON MONDAY AFTER THE STORM."
    with pytest.warns(UserWarning, match="mostly in capital letters"):
        doc = document_from_text(shouted)
    assert doc.text == shouted


def test_document_from_text_refuses_empty_text_and_bad_dates() -> None:
    with pytest.raises(ValueError, match="empty document"):
        document_from_text(" \n ")
    with pytest.raises(ValueError, match="unparseable date"):
        document_from_text(RATES, date="last Tuesday")


# ---------------------------------------------------------------- bad input, one by one


def test_empty_file_is_an_error(folder: Path) -> None:
    write(folder, "empty.md", "")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.id, issue.severity) == ("empty.md", "empty.md", "error")
    assert "empty document" in issue.reason
    assert_good_files_loaded(corpus)


def test_whitespace_only_text_after_front_matter_is_an_error(folder: Path) -> None:
    write(folder, "blank.md", "---\ntitle: Draft\n---\n \n\t\n")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("blank.md", "error")
    assert "empty document" in issue.reason and "line 3" in issue.reason
    assert_good_files_loaded(corpus)


def test_binary_file_is_an_error(folder: Path) -> None:
    write(folder, "scan.txt", b"%PDF-1.7\x00\x01\x02binary")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("scan.txt", "error")
    assert "binary file" in issue.reason and "byte 8" in issue.reason
    assert_good_files_loaded(corpus)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_utf8_and_utf16_with_byte_order_mark_are_read(folder: Path, encoding: str) -> None:
    text = article(COUNCIL, title="Tram extension delayed", outlet="Gazette d\u2019Orl\u00e9ans")
    write(folder, "tram.md", text.encode(encoding))
    corpus = load_corpus(folder)
    doc = {d.id: d for d in corpus.documents}["tram.md"]
    assert doc.text == COUNCIL
    assert doc.outlet == "Gazette d\u2019Orl\u00e9ans"
    assert corpus.issues == ()


def test_broken_utf16_is_an_error(folder: Path) -> None:
    write(folder, "half.txt", COUNCIL.encode("utf-16")[:-1])
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("half.txt", "error")
    assert "not valid UTF-16" in issue.reason
    assert_good_files_loaded(corpus)


def test_windows_1252_falls_back_with_a_warning(folder: Path) -> None:
    write(folder, "cp.txt", COUNCIL.encode("cp1252"))
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("cp.txt", "warning")
    assert "not UTF-8" in issue.reason and "Windows-1252" in issue.reason
    assert {d.id: d for d in corpus.documents}["cp.txt"].text == COUNCIL
    assert_good_files_loaded(corpus)


def test_malformed_front_matter_names_the_line(folder: Path) -> None:
    write(folder, "bad.md", '---\ntitle: "Port pauses\noutlet: Harbour Wire\n'
                            "author: [Mira\n---\n" + PORT)
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("bad.md", "error")
    assert "malformed front matter" in issue.reason and "line " in issue.reason
    assert_good_files_loaded(corpus)


def test_malformed_front_matter_reports_the_file_line_of_the_problem(folder: Path) -> None:
    write(folder, "bad.md", "---\ntitle: Port\noutlet: Harbour: Wire\n---\n" + PORT)
    issue = only_issue(load_corpus(folder))
    assert "at line 3," in issue.reason


def test_front_matter_that_is_not_a_mapping_is_an_error(folder: Path) -> None:
    write(folder, "list.md", "---\n- Port pauses\n- Harbour Wire\n---\n" + PORT)
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("list.md", "error")
    assert "not a mapping" in issue.reason and "list" in issue.reason
    assert_good_files_loaded(corpus)


def alias_bomb(levels: int) -> str:
    """YAML's 'billion laughs': each level a list of nine aliases of the one before."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


FRONT_MATTER_LIMITS = [  # case, front matter, words the reason must hold
    ("nine-level alias bomb", alias_bomb(9), "values, more than the 10,000 allowed"),
    ("five-level alias bomb", alias_bomb(5), "values, more than the 10,000 allowed"),
    ("an alias of itself", "tags: &t [news, *t]\n", "refers to itself"),
    ("deep nesting", "tags: " + "[" * 1000 + "]" * 1000 + "\n", "nested too deeply"),
    ("over 64 KiB", "summary: " + "word " * 14_000 + "\n", "65,536 bytes"),
]


@pytest.mark.parametrize(("case", "front", "reason"), FRONT_MATTER_LIMITS,
                         ids=[case[0] for case in FRONT_MATTER_LIMITS])
def test_front_matter_beyond_its_bounds_is_set_aside(
        folder: Path, case: str, front: str, reason: str) -> None:
    write(folder, "bomb.md", f"---\n{front}---\n{PORT}")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("bomb.md", "error")
    assert issue.reason.startswith("front matter too large:") and reason in issue.reason
    assert "front matter" in issue.hint and "text" in issue.hint
    assert_good_files_loaded(corpus)


def test_a_front_matter_alias_within_bounds_is_kept(folder: Path) -> None:
    write(folder, "alias.md", "---\nauthor: &who Mira Osei\neditor: *who\n---\n" + PORT)
    doc = {d.id: d for d in load_corpus(folder).documents}["alias.md"]
    assert doc.author == "Mira Osei" and doc.metadata["editor"] == "Mira Osei"


def test_unclosed_front_matter_is_an_error(folder: Path) -> None:
    write(folder, "open.md", "---\ntitle: Port pauses\n" + PORT)
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("open.md", "error")
    assert "never closed" in issue.reason
    assert_good_files_loaded(corpus)


@pytest.mark.parametrize("bad", ["June 9, 2023", "2023-13", "2023-02-30", "09/06/2023"])
def test_unparseable_date_is_a_warning_and_the_document_stays(folder: Path, bad: str) -> None:
    write(folder, "dated.md", article(RATES, date=bad))
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.id, issue.severity) == ("dated.md", "dated.md", "warning")
    assert f'unparseable date "{bad}"' in issue.reason and "YYYY-MM-DD" in issue.reason
    assert {d.id: d for d in corpus.documents}["dated.md"].date is None
    assert_good_files_loaded(corpus)


def test_duplicate_id_sets_aside_the_later_one_naming_the_first(folder: Path) -> None:
    write(folder, "a.md", article(RATES, id="cb-2024-031"))
    write(folder, "z.jsonl", json.dumps({"id": "cb-2024-031", "text": COUNCIL}) + "\n")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.id, issue.severity) == ("z.jsonl", "cb-2024-031", "error")
    assert "duplicate id" in issue.reason and "is a.md" in issue.reason
    assert {d.id: d for d in corpus.documents}["cb-2024-031"].text == RATES
    assert_good_files_loaded(corpus)


def test_csv_without_text_column_names_the_columns_found(folder: Path) -> None:
    write(folder, "meta.csv", "id,headline,summary\nhw-1,Port pauses,Night shipments stop\n")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("meta.csv", "error")
    assert "no text column" in issue.reason and "id, headline, summary" in issue.reason
    assert_good_files_loaded(corpus)


def test_jsonl_without_text_key_names_the_keys_found(folder: Path) -> None:
    write(folder, "meta.jsonl", json.dumps({"id": "hw-1", "headline": "Port pauses"}) + "\n")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.severity) == ("meta.jsonl", "error")
    assert "no text column" in issue.reason and "id, headline" in issue.reason
    assert_good_files_loaded(corpus)


def test_broken_jsonl_rows_are_errors_one_per_row(folder: Path) -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": PORT}),
        '{"id": "broken", "text": "The ministry said',
        json.dumps(["a list", "not an object"]),
        json.dumps({"id": "no-text", "title": "Headline only"}),
        json.dumps({"id": "blank", "text": "  \n"}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "ok-2", "text": COUNCIL}),
    ]
    write(folder, "rows.jsonl", "\n".join(lines) + "\n")
    corpus = load_corpus(folder)
    assert [(i.file, i.severity) for i in corpus.issues] == [("rows.jsonl", "error")] * 5
    reasons = [issue.reason for issue in corpus.issues]
    assert reasons[0].startswith("row 2: invalid JSON line")
    assert reasons[1].startswith("row 3: not an object but a JSON list")
    assert reasons[2].startswith("row 4: no text")
    assert reasons[3].startswith("row 5: no text: the text field is missing or empty")
    assert reasons[4].startswith("row 6: the text is a number")
    assert [i.id for i in corpus.issues] == ["rows.jsonl:2", "rows.jsonl:3", "no-text",
                                             "blank", "number"]
    assert {"ok-1", "ok-2"} <= set(ids(corpus))
    assert_good_files_loaded(corpus)


def test_csv_row_with_wrong_column_count_is_an_error(folder: Path) -> None:
    write(folder, "rows.csv",
          "id,outlet,text\n"
          "hw-1,Harbour Wire,The central bank left its main rate unchanged.\n"
          "hw-2,Harbour Wire,The mayor said, in a statement, that the vote was final.\n"
          "hw-3,Harbour Wire,The council will meet again in March.\n")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.id, issue.severity) == ("rows.csv", "rows.csv:3", "error")
    assert "row 3: wrong column count: 5 fields" in issue.reason and "3 columns" in issue.reason
    assert {"hw-1", "hw-3"} <= set(ids(corpus))
    assert_good_files_loaded(corpus)


def test_unknown_file_type_is_a_warning(folder: Path) -> None:
    write(folder, "scans/page1.pdf", b"%PDF-1.7")
    corpus = load_corpus(folder)
    issue = only_issue(corpus)
    assert (issue.file, issue.id, issue.severity) == ("scans/page1.pdf", None, "warning")
    assert issue.reason == (
        "not read: unknown type .pdf; claimscope reads .txt, .md, .jsonl, .csv")
    assert_good_files_loaded(corpus)


def test_issues_come_in_file_order_and_every_one_has_a_hint(folder: Path) -> None:
    write(folder, "b.md", "")
    write(folder, "a.pdf", b"%PDF")
    write(folder, "c/d.txt", b"\x00")
    corpus = load_corpus(folder)
    assert [issue.file for issue in corpus.issues] == ["a.pdf", "b.md", "c/d.txt"]
    assert all(issue.hint.endswith(".") and issue.hint[0].isupper() for issue in corpus.issues)


# ---------------------------------------------------------------- paths that cannot be read


def test_missing_path_raises_naming_the_path_and_what_is_accepted(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-corpus"
    with pytest.raises(CorpusError) as error:
        load_corpus(missing)
    assert str(missing) in str(error.value) and "does not exist" in str(error.value)
    assert ".txt/.md" in str(error.value) and ".jsonl" in str(error.value)


@pytest.mark.parametrize("setup", ["empty folder", "only pdf", "empty jsonl", "json file", ""])
def test_unreadable_paths_raise(tmp_path: Path, setup: str) -> None:
    target = tmp_path / "corpus"
    target.mkdir()
    if setup == "only pdf":
        write(target, "scan.pdf", b"%PDF")
    elif setup == "empty jsonl":
        target = write(target, "news.jsonl", "")
    elif setup == "json file":
        target = write(target, "news.json", "[]")
    path = "" if setup == "" else target
    with pytest.raises(CorpusError, match="claimscope reads a folder of .txt/.md") as error:
        load_corpus(path)
    if setup:
        assert str(target) in str(error.value)


# ---------------------------------------------------------------- links, pipes, devices, sizes


def _outside(folder: Path) -> Path:
    return write(folder.parent, "private/passwd.txt", "root:x:0:0:root:/root:/bin/bash\n")


LINKS_AND_SPECIAL_FILES = [  # case, make it in the corpus folder, severity, words of the reason
    ("file link outside", lambda f: (f / "leak.txt").symlink_to(_outside(f)),
     "error", "a link to a file outside the corpus folder ("),
    ("link to /dev/zero", lambda f: (f / "zero.txt").symlink_to("/dev/zero"),
     "error", "a link to a file outside the corpus folder ("),
    ("dangling link", lambda f: (f / "gone.md").symlink_to(f / "no-such-file.md"),
     "error", "a link to nothing"),
    ("folder link", lambda f: (f / "elsewhere").symlink_to(_outside(f).parent,
                                                           target_is_directory=True),
     "warning", "a link to a folder"),
    ("folder link inside", lambda f: (f / "again").symlink_to(f / "wire",
                                                              target_is_directory=True),
     "warning", "a link to a folder"),
    ("named pipe", lambda f: os.mkfifo(f / "pipe.txt"), "error", "a named pipe (FIFO)"),
    ("link to a pipe inside", lambda f: (os.mkfifo(f / "pipe"), (f / "p.md").symlink_to(
        f / "pipe")), "error", "a named pipe (FIFO)"),
    ("jsonl pipe", lambda f: os.mkfifo(f / "feed.jsonl"), "error", "a named pipe (FIFO)"),
]


@pytest.mark.parametrize(("case", "make", "severity", "reason"), LINKS_AND_SPECIAL_FILES,
                         ids=[c[0] for c in LINKS_AND_SPECIAL_FILES])
def test_links_and_special_files_are_listed_and_never_read(
        folder: Path, case: str, make: Callable[[Path], object], severity: str,
        reason: str) -> None:
    make(folder)
    stream = open_corpus(folder)
    stream.expected_documents()  # counts without opening a pipe
    corpus = load_corpus(folder)
    assert sorted(ids(corpus)) == ["council.txt", "wire/port.md"]
    (issue,) = [i for i in corpus.issues if i.file not in ("pipe",)]
    assert issue.severity == severity and reason in issue.reason, issue
    assert issue.hint.endswith(".") and "root:x" not in issue.reason


def test_a_link_to_a_file_inside_the_corpus_is_read(folder: Path) -> None:
    (folder / "copy.txt").symlink_to(folder / "council.txt")
    corpus = load_corpus(folder)
    assert ids(corpus) == ["copy.txt", "council.txt", "wire/port.md"] and not corpus.issues


def test_an_article_file_over_the_size_cap_is_not_read(folder: Path) -> None:
    big = write(folder, "huge.md", "The minister said the port is open.\n")
    os.truncate(big, MAX_ARTICLE_BYTES + 1)  # sparse: nothing is written, nothing read
    issue = only_issue(load_corpus(folder))
    assert (issue.file, issue.severity) == ("huge.md", "error")
    assert f"more than the {MAX_ARTICLE_BYTES:,} bytes" in issue.reason
    assert ".jsonl" in issue.hint


def test_a_csv_over_the_size_cap_is_not_read(folder: Path) -> None:
    big = write(folder, "big.csv", "id,text\na,The minister said the port is open.\n")
    os.truncate(big, MAX_TABLE_BYTES + 1)
    issue = only_issue(load_corpus(folder))
    assert (issue.file, issue.severity) == ("big.csv", "error")
    assert f"more than the {MAX_TABLE_BYTES:,} bytes" in issue.reason and ".jsonl" in issue.hint


def test_a_jsonl_line_over_the_article_cap_is_a_row_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "MAX_ARTICLE_BYTES", 65_536)
    rows = [{"id": "a", "text": PORT}, {"id": "huge", "text": "word " * 30_000},
            {"id": "c", "text": COUNCIL}]
    path = write(tmp_path, "news.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    stream = open_corpus(path)
    assert stream.expected_documents() == 3
    corpus = load_corpus(path)
    assert ids(corpus) == ["a", "c"]
    issue = only_issue(corpus)
    assert (issue.id, issue.severity) == ("news.jsonl:2", "error")
    assert issue.reason.startswith("row 2: too large: the line holds more than 65,536 bytes")
    # read in blocks, as Dask workers read it, the rows and the issue are the same
    blocks = [read_jsonl_block(b, "news.jsonl") for b in jsonl_blocks(path, 10_000)]
    assert [d.id for b in blocks for d in b.documents] == ["a", "c"]
    assert [(n, i) for b in blocks for n, i, _ in b.issues] == [(2, issue)]


@pytest.mark.parametrize("kind", ["named pipe", "device"])
def test_a_corpus_path_that_is_a_pipe_or_a_device_raises(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "feed.jsonl"
    if kind == "named pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(CorpusError, match=f"it is a {kind}") as error:
        load_corpus(path)
    assert str(path) in str(error.value)


# ---------------------------------------------------------------- the Corpus object


def test_fingerprint_is_stable_and_changes_on_edit(folder: Path) -> None:
    first = load_corpus(folder).fingerprint()
    assert first == load_corpus(folder).fingerprint()
    assert len(first) == 64
    write(folder, "council.txt", COUNCIL.replace("7-2", "6-3"))
    edited = load_corpus(folder).fingerprint()
    assert edited != first
    write(folder, "council.txt", COUNCIL)
    assert load_corpus(folder).fingerprint() == first
    write(folder, "wire/port.md", article(PORT, title="Port pauses night shipments",
                                          outlet="Harbour Wire", date="2024-02-07"))
    assert load_corpus(folder).fingerprint() != first


def test_fingerprint_does_not_depend_on_storage(tmp_path: Path) -> None:
    write(tmp_path / "a", "one.jsonl",
          json.dumps({"id": "x", "text": PORT}) + "\n" + json.dumps({"id": "y", "text": RATES}))
    write(tmp_path / "b", "x.csv", f'id,text\ny,"{RATES}"\n')
    write(tmp_path / "b", "w.jsonl", json.dumps({"id": "x", "text": PORT}))
    assert load_corpus(tmp_path / "a").fingerprint() == load_corpus(tmp_path / "b").fingerprint()


def test_filter_dates_with_partial_dates(tmp_path: Path) -> None:
    dates = {"y": "2024", "m": "2024-02", "d": "2024-02-06", "t": "2024-03-01T08:00:00Z",
             "j": "2024-01-31", "n": None}
    rows = [{"id": key, "text": RATES, "date": value} for key, value in dates.items()]
    write(tmp_path, "news.jsonl", "\n".join(json.dumps(r) for r in rows))
    corpus = load_corpus(tmp_path)
    assert ids(corpus.filter_dates(since="2024-02", until="2024-02")) == ["d", "m"]
    assert ids(corpus.filter_dates(since="2024-02-01")) == ["d", "m", "t"]
    assert ids(corpus.filter_dates(until="2024-02-29")) == ["d", "j", "m"]
    assert ids(corpus.filter_dates(since="2024", until="2024")) == ["d", "j", "m", "t", "y"]
    assert ids(corpus.filter_dates(since="2024-02-06", until="2024-02-06")) == ["d"]
    window = corpus.filter_dates(since="2024-02")
    issue = only_issue(window)
    assert (issue.file, issue.id, issue.severity) == ("news.jsonl", "n", "warning")
    assert issue.reason.startswith("no date, outside a date window")
    assert corpus.filter_dates() is corpus


def test_filter_dates_refuses_bad_bounds(folder: Path) -> None:
    corpus = load_corpus(folder)
    with pytest.raises(ValueError, match="is not a date"):
        corpus.filter_dates(since="Feb 2024")
    with pytest.raises(ValueError, match="after until"):
        corpus.filter_dates(since="2024-03", until="2024-02")


def test_documents_frame_columns_and_counts(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "Officials said the port had reopened.", "synthetic": True,
         "source": "agency copy", "register": "news"},
        {"id": "b", "text": RATES, "outlet": "Ledger", "date": "2024-02"},
    ]
    write(tmp_path, "news.jsonl", "\n".join(json.dumps(r) for r in rows))
    frame = load_corpus(tmp_path).documents_frame()
    assert list(frame.columns) == ["id", "title", "outlet", "author", "date", "url", "words",
                                   "chars", "source", "register", "meta_source", "synthetic"]
    assert frame["id"].tolist() == ["a", "b"]
    assert frame.loc[0, "words"] == 6 and frame.loc[0, "chars"] == 37
    assert frame.loc[0, "source"] == "news.jsonl:row 1"
    assert frame.loc[0, "meta_source"] == "agency copy"
    assert frame.loc[1, "outlet"] == "Ledger"
    assert "text" not in frame.columns
    nothing = load_corpus(tmp_path).filter_dates(since="1990", until="1990").documents_frame()
    assert list(nothing.columns)[:9] == list(frame.columns)[:9] and len(nothing) == 0


def test_documents_survive_pickling_for_process_pools(folder: Path) -> None:
    corpus = load_corpus(folder)
    assert pickle.loads(pickle.dumps(corpus)) == corpus


def test_documents_frame_gives_mixed_metadata_as_text_for_parquet(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": RATES, "pages": 2, "tags": ["rates"]},
            {"id": "b", "text": COUNCIL, "pages": "A1-A2", "tags": None},
            {"id": "c", "text": PORT, "pages": None}]
    write(tmp_path, "news.jsonl", "\n".join(json.dumps(r) for r in rows))
    corpus = load_corpus(tmp_path)
    frame = corpus.documents_frame()
    assert frame["pages"].tolist()[:2] == ["2", "A1-A2"] and frame["pages"].isna().tolist()[2]
    assert frame.loc[0, "tags"] == ["rates"]
    assert {d.id: d for d in corpus.documents}["a"].metadata["pages"] == 2
    frame.to_parquet(tmp_path / "documents.parquet")


def test_issues_frame_columns_with_and_without_issues(folder: Path) -> None:
    columns = ["file", "id", "severity", "reason", "hint"]
    empty = load_corpus(folder).issues_frame()
    assert list(empty.columns) == columns and len(empty) == 0
    write(folder, "empty.md", "")
    frame = load_corpus(folder).issues_frame()
    assert list(frame.columns) == columns
    assert frame.to_dict("records")[0]["file"] == "empty.md"


def test_a_20_mb_document_loads_quickly(tmp_path: Path) -> None:
    paragraph = PORT + "\n"
    body = paragraph * (20_000_000 // len(paragraph))
    write(tmp_path, "long.md", article(body, title="A very long wire digest"))
    started = time.perf_counter()
    corpus = load_corpus(tmp_path)
    elapsed = time.perf_counter() - started
    (doc,) = corpus.documents
    assert len(doc.text) == len(body) > 19_000_000
    assert doc.text[-len(paragraph):] == paragraph
    print(f"20 MB document loaded in {elapsed:.2f} s")


def test_a_text_in_capitals_loads_with_a_warning(tmp_path) -> None:
    folder = tmp_path / "caps"
    folder.mkdir()
    (folder / "wire.txt").write_text(
        "THE MINISTER INSISTED THAT NO DRONES HAD LEFT THE PORT, OFFICIALS SAID ON MONDAY.\n",
        encoding="utf-8")
    (folder / "calm.txt").write_text("The minister said no drones had left the port.\n",
                                     encoding="utf-8")
    corpus = load_corpus(folder)
    assert [d.id for d in corpus.documents] == ["calm.txt", "wire.txt"]
    (issue,) = corpus.issues
    assert (issue.file, issue.severity) == ("wire.txt", "warning")
    assert "mostly in capital letters" in issue.reason and "undercount" in issue.hint
