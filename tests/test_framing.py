"""The writer's framing of attributed claims: one accepting and one rejecting case per rule."""

from __future__ import annotations

import pytest

from claimscope.analysis import analyze
from claimscope.framing import RULES, hedge_family

# rule, text, the claim (its content begins so), framing, a rule in framing_rule or None
CASES = [
    ("cue:endorsing", "The ministry confirmed that the plant is ready.", "that the plant",
     "endorsed", "cue:endorsing"),
    ("cue:endorsing", "The ministry said that the plant is ready.", "that the plant",
     "neutral", None),
    ("cue:distancing", "Officials claimed the plant is ready.", "the plant", "distanced",
     "cue:distancing"),
    ("cue:distancing", "Officials believe the plant is ready.", "the plant", "neutral",
     None),  # a belief cue is the source's own hedge, not the writer's distance
    ("hedge:writer", "According to Kirby, the alleged factory will be built in Tatarstan.",
     "the alleged", "distanced", "hedge:alleged"),
    ("hedge:writer", "Kirby said that Iran may build the factory in Tatarstan.", "that Iran",
     "neutral", None),  # "may" is in Kirby's words
    ("hedge:writer", "Tehran is said to be providing the materials.", "Tehran",
     "distanced", "hedge:is said to"),
    ("distance:marker", "The ministry denounced what it called a smear campaign.",
     "a smear", "distanced", "distance:what-it-called"),
    ("distance:marker", "The ministry said the report was a smear.", "the report",
     "neutral", None),
    ("dispute:marker", "Without offering evidence, the minister said the port ships drones.",
     "the port", "disputed", "dispute:no-evidence"),
    ("dispute:marker", "Officials said the port ships drones. No evidence was presented.",
     "the port", "disputed", "dispute:no-evidence"),
    ("dispute:marker", "He said, without offering evidence, that the port ships drones.",
     "without offering", "disputed", "dispute:no-evidence"),  # an aside opening the content
    ("dispute:marker", "Trump claimed, falsely, that millions voted illegally.", "falsely",
     "disputed", "dispute:falsely"),
    ("dispute:cue", "Kostrava said the engines came from Dolvar. The engines have not been "
     "shown to journalists.", "The engines", "disputed", "dispute:not-shown"),
    ("dispute:cue", "Officials said they had not yet decided where the engines came from.",
     "they had", "neutral", None),  # a negation that is no doubt about evidence
    ("dispute:marker", "The account could not be independently verified, officials said.",
     None, "neutral", None),  # the doubt is in the officials' own words
    ("dispute:marker",
     "Officials said the port ships drones. The harbour master said there was no evidence "
     "that the port ships drones.",
     "the port", "neutral", "contest:source-dispute"),  # another source's doubt: contested
]


def _framing_of(text: str, content_start: str | None):
    result = analyze(text)
    for attribution, framing in zip(result.attributions, result.framings, strict=True):
        content = attribution.content.text if attribution.content else ""
        if content_start is None or content.startswith(content_start):
            return framing
    raise AssertionError(f"no claim starting {content_start!r} in {text!r}: "
                         f"{[a.content for a in result.attributions]}")


@pytest.mark.parametrize("rule, text, claim, framing, reason", CASES)
def test_framing_rule(rule, text, claim, framing, reason) -> None:
    found = _framing_of(text, claim)
    assert found.framing == framing, found
    if reason is not None:
        assert reason in found.rules, found
    else:
        assert not [r for r in found.rules if not r.startswith("contest:")], found


def test_every_rule_has_an_accepting_and_a_rejecting_case() -> None:
    accepting = {case[0] for case in CASES if case[4] is not None and case[3] != "neutral"}
    rejecting = {case[0] for case in CASES if case[3] == "neutral"}
    assert accepting >= set(RULES) and rejecting >= set(RULES)


def test_every_rule_accepts_its_own_example() -> None:
    for name, (label, example, _) in RULES.items():
        framings = analyze(example).framings
        assert any(f.framing == label for f in framings), (name, example, framings)


@pytest.mark.parametrize("text, claim, contested, reason", [
    ("Officials said the port ships attack drones. Varnesia denied the accusation.",
     "the port", True, "contest:denial"),
    ("Officials said the port ships attack drones to Oresta. The embassy said the port had "
     "never shipped attack drones.", "the port ships", True, "contest:negation"),
    ("Officials said the port ships attack drones. The embassy said the port would reopen.",
     "the port ships", False, None),
])
def test_another_source_rejecting_the_claim_contests_it(text, claim, contested,
                                                         reason) -> None:
    found = _framing_of(text, claim)
    assert found.contested is contested, found
    if reason:
        assert reason in found.rules


@pytest.mark.parametrize("text, families", [
    ("Officials believe the plant is ready.", ["cue"]),
    ("About 600 drones were moved, officials said.", ["approximator"]),
    ("The plant may open next year.", ["writer-epistemic"]),
    ("The ostensible route runs across the sea.", ["writer-distancing"]),
    ("Officials said the plant may open next year.", ["source"]),
])
def test_each_hedge_belongs_to_one_headline_family(text, families) -> None:
    result = analyze(text)
    found = [hedge_family(h, [a.cue for a in result.attributions]) for h in result.hedges]
    assert found == families
    assert list(result.hedge_families) == families


def test_the_seed_article_is_distanced_and_disputed_where_its_writer_says_so(
        seed_text) -> None:
    result = analyze(seed_text)
    def claim(start: str):
        return next(f for a, f in zip(result.attributions, result.framings, strict=True)
                    if a.content is not None and a.content.text.startswith(start))

    assert claim("the alleged drone factory").framing == "distanced"
    said_to = claim("Tehran is said to be providing")  # and "no new evidence" follows
    assert said_to.framing == "disputed" and "hedge:is said to" in said_to.rules
    assert claim("hundreds of Iranian drones were").framing == "distanced"
    assert "dispute:no-evidence" in claim("This story").rules
    plain = [f for a, f in zip(result.attributions, result.framings, strict=True)
             if not a.embedded and f.framing == "neutral"]
    assert plain, "the seed passes some claims on plainly"


def test_the_writers_own_statements_are_assertions() -> None:
    text = ("Kiev launched a wave of drone strikes on the capital overnight. Officials said "
            "the attack killed two people. The strikes may continue tonight.")
    assertions = analyze(text).assertions
    assert [a.span.text for a in assertions] == [
        "Kiev launched a wave of drone strikes on the capital overnight."]
    assert assertions[0].rule == "assert:narration"
