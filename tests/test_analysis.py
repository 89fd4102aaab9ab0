"""analyze(): one entry point per document, pure, with word lists a user can replace."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from claimscope.analysis import Lexicons, analyze
from claimscope.corpus import document_from_text

LEXICONS = Path(__file__).resolve().parents[1] / "lib" / "claimscope" / "lexicons"
INSISTS = "The Islamic Republic insists that it has not provided drones to Russia."


def test_a_plain_string_and_a_document_give_the_same_analysis(seed_text: str) -> None:
    from_string = analyze(seed_text)
    from_document = analyze(document_from_text(seed_text, id="seed"))
    assert from_string.attributions == from_document.attributions
    assert from_string.hedges == from_document.hedges
    assert from_string.sentiment == from_document.sentiment
    assert len(from_string.sentences) == len(from_string.sentiment) == 35
    assert analyze(seed_text) == from_string  # pure: the same text, the same result


def test_every_span_of_the_seed_indexes_its_text(seed_text: str) -> None:
    result = analyze(seed_text)
    spans = [a.cue for a in result.attributions]
    spans += [a.content for a in result.attributions if a.content is not None]
    spans += [m.span for m in result.mentions]
    assert spans and all(seed_text[s.start : s.end] == s.text for s in spans)
    assert all(seed_text[h.start : h.end] == h.text for h in result.hedges)
    assert {m.entity for m in result.mentions} >= {"Iran", "Russia", "Ukraine"}


def test_a_user_cue_list_in_lexicon_dir_changes_the_stance(tmp_path: Path) -> None:
    (attribution,) = analyze(INSISTS).attributions
    assert attribution.stance == "distancing"
    with open(LEXICONS / "reporting_cues.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["cue"] == "insist" and row["kind_of_cue"] == "verb":
            row["stance"] = "neutral"
    with open(tmp_path / "reporting_cues.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    lexicons = Lexicons.from_dir(tmp_path)
    assert lexicons.cues == str(tmp_path / "reporting_cues.csv") and lexicons.hedges is None
    (attribution,) = analyze(INSISTS, lexicons=lexicons).attributions
    assert attribution.stance == "neutral"


def test_a_user_entity_list_replaces_the_shipped_one(tmp_path: Path) -> None:
    shutil.copy(LEXICONS / "entities.csv", tmp_path / "entities.csv")
    with open(tmp_path / "entities.csv", "a", encoding="utf-8") as handle:
        handle.write("Caspian region,Caspian Sea,a sea as an entity\n")
    result = analyze(INSISTS + " Shipments crossed the Caspian Sea.",
                     lexicons=Lexicons.from_dir(tmp_path))
    assert "Caspian region" in {m.entity for m in result.mentions}


def test_lexicon_dir_mistakes_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        Lexicons.from_dir(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="holds none of reporting_cues.csv"):
        Lexicons.from_dir(tmp_path)
    assert Lexicons.from_dir(None) == Lexicons()
