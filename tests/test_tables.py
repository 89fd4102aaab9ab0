"""Tables helpers: document texts rebuilt from the sentences table."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.corpus import load_corpus
from claimscope.engine import analyze_corpus
from claimscope.tables import TableWriter, read_tables, texts_from_sentences, write_tables

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_texts_from_sentences_cut_every_span_like_the_document() -> None:
    corpus = load_corpus(CORPUS)
    tables = analyze_corpus(corpus)
    rebuilt = texts_from_sentences(tables["sentences"])
    originals = {doc.id: doc.text for doc in corpus.documents}
    assert set(rebuilt) == set(originals)
    for name in ("hedges", "sentences", "mentions"):
        for row in tables[name].itertuples(index=False):
            text = rebuilt[row.doc_id]
            assert text[row.start:row.end] == originals[row.doc_id][row.start:row.end] == row.text
    seed_id = "seed/white-house-iran-drone-factory.md"
    seed = rebuilt[seed_id]
    assert "\n\n" not in seed and len(seed) <= len(originals[seed_id])
    assert texts_from_sentences(tables["sentences"].iloc[0:0]) == {}


def test_every_table_has_its_columns_even_without_rows(tables) -> None:
    from claimscope.corpus import Corpus, document_from_text
    from claimscope.engine import analyze_corpus
    from claimscope.tables import COLUMNS

    for name, columns in COLUMNS.items():
        assert list(tables[name].columns) == columns, name  # the sample corpus has rows
    plain = Corpus("plain", (document_from_text("Grain prices rose on Monday.", id="d1"),), ())
    empty = analyze_corpus(plain)
    assert len(empty["sentences"]) == 1
    for name in ("attributions", "hedges", "mentions"):
        assert empty[name].empty and list(empty[name].columns) == COLUMNS[name], name


def test_a_run_that_stops_half_way_leaves_no_tables_to_mix_with(tables, tmp_path) -> None:
    write_tables(tables, tmp_path)  # an earlier run, whole-file tables
    writer = TableWriter(tmp_path)
    writer.add([])  # the new run writes a batch, then stops
    with pytest.raises(FileNotFoundError, match="lacks the tables documents, claims, issues: no "
                                                "analysis finished writing there"):
        read_tables(tmp_path)
    assert not (tmp_path / "sentences.parquet").exists()


def test_the_csv_tables_read_back_as_the_parquet_ones(tables, tmp_path) -> None:
    import pandas as pd

    assert tables["sentences"]["text"].str.contains('"').any()  # quotations to escape
    written = write_tables(tables, tmp_path)
    assert {p.name for p in written} >= {"sentences.csv", "attributions.csv", "voices.csv"}
    for name, frame in tables.items():
        csv = pd.read_csv(tmp_path / f"{name}.csv", keep_default_na=False, na_values=[""])
        assert list(csv.columns) == list(frame.columns), name
        assert len(csv) == len(frame), name
        for column in frame.columns:
            ours, back = frame[column], csv[column]
            assert (ours.isna() == back.isna()).all(), (name, column)
            if pd.api.types.is_bool_dtype(ours) or pd.api.types.is_numeric_dtype(ours):
                assert (ours.dropna().astype(float) == back.dropna().astype(float)).all()
            else:  # text, quoted: commas, quotes and line breaks survive
                assert ours.dropna().astype(str).tolist() == back.dropna().astype(str).tolist()


def test_fields_named_like_counts_or_holding_untyped_lists_are_kept(tmp_path) -> None:
    # an export with its own annotation: a field called "attributions" holding spans of
    # numbers and words, and one called "sentences"; the run used to fail at its end
    import json

    import pandas as pd

    from claimscope.cli import main

    rows = [{"id": "a", "text": "The minister said on Monday that the port would reopen.",
             "attributions": [[[4, 12, "minister"]], [[13, 17, "said"]]], "sentences": 1,
             "extra": {}, "serial": 2**70},  # Parquet refuses an empty struct, int64 overflows
            {"id": "b", "text": "Officials told reporters the bridge was safe.",
             "attributions": [], "sentences": "one", "extra": {}, "serial": 7}]
    corpus = tmp_path / "export.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1", "--no-cache"]) == 0
    documents = read_tables(out)["documents"]
    assert documents["attributions"].tolist() == [1, 1]  # our counts
    assert documents["meta_attributions"].tolist() == [
        json.dumps(rows[0]["attributions"]), "[]"]  # theirs, as text
    assert documents["meta_sentences"].tolist() == ["1", "one"]
    assert documents["extra"].tolist() == ["{}", "{}"]
    assert documents["serial"].tolist() == [str(2**70), "7"]
    assert pd.read_csv(out / "documents.csv")["meta_sentences"].tolist() == ["1", "one"]


def test_lists_mappings_and_odd_keys_in_front_matter_reach_the_csv_as_text(tmp_path) -> None:
    import pandas as pd

    from claimscope.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    fields = ('tags: [energy, ports]\nextra: {desk: metro}\n"weird, key": x\nscore: 3',
              'tags: [drones]\nscore: high\n"weird, key": y')
    for n, front in enumerate(fields):
        (corpus / f"a{n}.md").write_text(
            f"---\ntitle: Piece {n}\noutlet: Wire\n{front}\n---\n"
            "The minister said on Monday that the port would reopen.\n", encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1", "--no-cache"]) == 0
    csv = pd.read_csv(out / "documents.csv")
    parquet = read_tables(out)["documents"]
    assert list(csv.columns) == list(parquet.columns)  # "weird, key" is one column
    assert csv["weird, key"].tolist() == ["x", "y"]
    assert csv["tags"].tolist() == ["['energy', 'ports']", "['drones']"]
    assert csv["words"].tolist() == parquet["words"].tolist()


def test_read_tables_refuses_a_folder_that_mixes_two_runs(tmp_path) -> None:
    corpus = load_corpus(Path(__file__).resolve().parents[1] / "corpus")
    tables = analyze_corpus(corpus)
    write_tables(tables, tmp_path)
    alone = tables["documents"][tables["documents"]["id"] == tables["documents"]["id"][0]]
    write_tables({"documents": alone}, tmp_path)  # another run's documents table
    with pytest.raises(ValueError, match="mixes the tables of different runs: sentences"):
        read_tables(tmp_path)
