"""Claims across documents: signatures, grouping, the researcher's own claims, the tables."""

from __future__ import annotations

import pandas as pd
import pytest

from claimscope.claims import (
    MIN_SHARED,
    find_claims,
    group_statements,
    signature,
    user_claim_of,
    with_claims,
)

ALIASES = {"Iran": ("Iran", "Tehran", "Iranian"), "Russia": ("Russia", "Moscow")}


@pytest.mark.parametrize("first, second, same", [
    ("Tehran is helping Moscow build a drone factory",
     "Iran is helping Russia to build a factory for drones", True),
    ("Iranian drones were shipped to Russia across the Caspian Sea",
     "hundreds of drones were shipped from Iran to Russia across the Caspian", True),
    ("Tehran is helping Moscow build a drone factory",
     "the Caspian Sea route carries grain and timber", False),
])
def test_statements_of_one_claim_share_their_signature(first, second, same) -> None:
    a, b = signature(first, ALIASES), signature(second, ALIASES)
    assert (len(a & b) >= MIN_SHARED and len(a & b) / len(a | b) >= 0.3) is same


def test_statements_join_the_claim_whose_first_statement_they_resemble() -> None:
    texts = ["Tehran is helping Moscow build a drone factory in Alabuga",
             "Iran helps Russia build a drone factory at Alabuga",
             "Russia builds the Alabuga drone factory with help from Iran",
             "the grain harvest in Kansas was late this year",
             "Kansas farmers brought in a late grain harvest"]
    groups = group_statements([signature(t, ALIASES) for t in texts], list("abcde"))
    assert groups[0] == groups[1] == groups[2] and groups[3] == groups[4] != groups[0]


def test_a_chain_of_neighbours_does_not_join_unlike_claims() -> None:
    # each statement shares words with the next, but the last has nothing of the first
    texts = ["drone factory Alabuga Tatarstan plant",
             "drone factory Alabuga shipments Caspian route",
             "shipments Caspian route grain ferry",
             "grain ferry harbour strike wages"]
    groups = group_statements([signature(t, ALIASES) for t in texts], list("abcd"),
                              threshold=0.2, min_shared=2)
    assert groups[0] == groups[1] and groups[3] != groups[0]


def test_a_word_in_too_many_statements_is_not_used_to_block() -> None:
    texts = [f"drone factory number {n} in Alabuga" for n in range(5)]
    marks = [signature(t, ALIASES) for t in texts]
    assert len(set(group_statements(marks, list("abcde"), max_block=1))) == 5
    assert len(set(group_statements(marks, list("abcde")))) == 1


def test_the_researchers_own_claims_take_precedence() -> None:
    claims = {"drone plant": ["drone factory", "drone plant", "manufacturing plant"]}
    assert user_claim_of("building a drone manufacturing plant", claims) == "drone plant"
    assert user_claim_of("a drone assembly site", claims) is None
    assert user_claim_of("building a Drone Plant in Alabuga", claims) == "drone plant"
    assert user_claim_of("a drone plantation", claims) is None  # whole words only


def test_the_sample_corpus_tracks_the_dolvar_engines_across_outlets(tables) -> None:
    result = with_claims(tables)
    claims, attributions = result["claims"], result["attributions"]
    engines = attributions[attributions["content"].str.contains("Dolvar Engine Works",
                                                                na=False)]
    claim = engines["claim"].mode()[0]
    row = claims.set_index("claim").loc[claim]
    assert row["documents"] >= 5 and row["groups"] >= 5
    framings = set(attributions.loc[attributions["claim"] == claim, "framing"])
    assert {"neutral", "distanced", "endorsed"} <= framings
    asserted = result["assertions"]
    assert (asserted["claim"] == claim).any()  # the accusing ministry states it as fact
    assert claims["claim"].tolist() == [f"C{n:03d}" for n in range(1, len(claims) + 1)]
    again = with_claims(tables)["attributions"]["claim"]
    pd.testing.assert_series_equal(again, attributions["claim"])  # deterministic


def test_user_claims_join_their_statements(tables) -> None:
    result = with_claims(tables, user_claims={"inspectors": ["inspectors", "inspection"]})
    claims = result["claims"].set_index("claim")
    assert claims.loc["inspectors", "defined_by"] == "user"
    members = result["attributions"][result["attributions"]["claim"] == "inspectors"]
    assert members["content"].str.contains("inspect").all() and len(members) >= 3


def test_claims_of_an_empty_corpus_are_an_empty_table(tables) -> None:
    empty = {name: frame.iloc[0:0] for name, frame in tables.items()}
    claims, members = find_claims(empty)
    assert claims.empty and members.empty
    assert list(claims.columns)[:3] == ["claim", "label", "defined_by"]
