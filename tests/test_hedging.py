"""Hedges: every rule with a real-looking sentence, the seed article hedge by hedge, voice."""

from __future__ import annotations

import json

import pytest
from fixtures.seed_hedges import NOT_HEDGES, SCARE_QUOTES_WITH_ATTRIBUTIONS, SEED_HEDGES

from claimscope.hedging import (
    CATEGORIES,
    LEXICON_VERSION,
    RULES,
    VOICE_RULES,
    VOICES,
    Hedge,
    find_hedges,
    hedge_records,
    load_lexicon,
)
from claimscope.spans import Span


def hedges_of(text: str) -> list[Hedge]:
    return find_hedges(text, attributions=[])


def found(text: str, cue: str) -> list[Hedge]:
    """The hedges whose text is ``cue`` (case-sensitive) in ``text``."""
    return [h for h in hedges_of(text) if h.text == cue]


def locate(text: str, context: str, cue: str) -> tuple[int, int]:
    assert text.count(context) == 1, f"context {context!r} must occur once"
    start = text.index(context) + context.index(cue)
    return start, start + len(cue)


# --------------------------------------------------------------------------- rules

ACCEPTED = [
    # (sentence, cue, category, rule)
    ("The plant may be operational next year.", "may", "modal", "modal:may-before-verb"),
    ("Iran May Be Helping Russia Build Drones", "May", "modal", "modal:may-before-verb"),
    ("Sanctions might not deter Moscow.", "might", "modal", "modal:might-before-verb"),
    ("The talks could collapse within days.", "could", "modal", "modal:could-possibility"),
    ("It would seem the deal is off.", "would", "modal", "modal:would-hedging-verb"),
    ("I would think the vote is lost.", "would", "modal", "modal:would-hedging-verb"),
    ("The shipment must have been diverted in May.", "must", "modal",
     "modal:must-epistemic-perfect"),
    ("The ceasefire will probably hold.", "probably", "probability", "probability:lexical"),
    ("A deal is possible before June.", "possible", "probability", "probability:possible"),
    ("It is unclear who fired first.", "unclear", "probability", "probability:lexical"),
    ("His whereabouts remain unknown.", "unknown", "probability", "probability:predicative"),
    ("It is not clear who fired first.", "not clear", "probability",
     "probability:predicative"),
    ("Any potential deal needs Senate approval.", "potential", "probability",
     "probability:potential-adjective"),
    ("Officials warned of the potential for violence at the border.", "potential",
     "probability", "probability:potential-for"),
    ("The dam has the potential to flood the valley.", "potential", "probability",
     "probability:potential-for"),
    ("The leak is potentially damaging to the campaign.", "potentially", "probability",
     "probability:potentially"),
    ("Prices may, analysts say, recover by spring.", "may", "modal", "modal:may-before-verb"),
    ("Rates might, in theory, fall again.", "might", "modal", "modal:might-before-verb"),
    ("The move was seen as a snub to Beijing.", "was seen as", "belief", "belief:lexical"),
    ("Analysts predict a sharp fall in exports.", "predict", "belief", "belief:lexical"),
    ("Analysts believe the figures are inflated.", "believe", "belief", "belief:believe"),
    ("Most economists think rates will rise.", "think", "belief", "belief:think"),
    ("Police suspect the fire was set deliberately.", "suspect", "belief",
     "belief:suspect-verb"),
    ("Inspectors visited three suspected weapons sites.", "suspected", "distancing",
     "distancing:suspected-attributive"),
    ("The thief, Smith said, might , however , return.", "might", "modal",
     "modal:might-before-verb"),
    ("The data suggest a slowdown.", "suggest", "belief", "belief:suggest"),
    ("The convoy appears to have turned back.", "appears", "belief", "belief:appear-to"),
    ("The minister appeared unaware of the report.", "appeared", "belief",
     "belief:appear-adjective"),
    ("The vote is expected to pass.", "expected", "belief", "belief:expect"),
    ("Investors assume the bank will step in.", "assume", "belief", "belief:assume"),
    ("Officials estimate the repairs will take a year.", "estimate", "belief",
     "belief:estimate"),
    ("Prices rose 4%, according to estimates by the bank.", "estimates", "approximator",
     "approximator:estimate-noun"),
    ("US intelligence assesses that the program has resumed.", "assesses", "belief",
     "belief:assess-that"),
    ("The alleged plot was foiled.", "alleged", "distancing", "distancing:lexical"),
    ("The group purportedly controls the port.", "purportedly", "distancing",
     "distancing:lexical"),
    ("The so-called peace plan has few backers.", "so-called", "distancing",
     "distancing:lexical"),
    ("The general is said to be furious.", "is said to", "distancing", "distancing:lexical"),
    ("The ministry claims the strike hit only military targets.", "claims", "distancing",
     "distancing:claim-verb"),
    ("The claim has never been verified.", "claim", "distancing", "distancing:claim-noun"),
    ("About 600 people were evacuated.", "About", "approximator",
     "approximator:before-quantity"),
    ("The site lies some 600 miles east of Moscow.", "some", "approximator",
     "approximator:before-quantity"),
    ("Fares could rise by up to $20.", "up to", "approximator",
     "approximator:before-quantity"),
    ("Several drones were shot down.", "Several", "approximator", "approximator:lexical"),
    ("The army has an estimated 200,000 soldiers in the region.", "estimated",
     "approximator", "approximator:estimated-quantity"),
    ("Dozens, if not hundreds, of shops were closed.", "if", "approximator",
     "approximator:if-not-scalar"),
    ("Talks will resume if the ceasefire holds.", "if", "conditional",
     "conditional:if-clause"),
    ("No aid will flow unless the border opens.", "unless", "conditional",
     "conditional:lexical"),
    ("It is not known whether the drones were armed.", "whether", "conditional",
     "conditional:lexical"),
    ("Troops will stay until the crisis ends.", "until", "conditional",
     "conditional:until-clause"),
]

REJECTED = [
    # (sentence, cue): the cue is present but is not a hedge
    ("As of May, Russia had received hundreds of drones.", "May"),
    ("Prime Minister Theresa May met the envoy.", "May"),
    ("May was the wettest month on record.", "May"),
    ("The military might of Russia was on display.", "might"),
    ("They fought with all their might.", "might"),
    ("An unknown gunman opened fire.", "unknown"),
    ("The ball did not clear the net.", "not clear"),
    ("The delegation could not attend the meeting.", "could"),
    ("He couldn't be reached for comment.", "could"),
    ("A warrant was issued so that he could be held for questioning.", "could"),
    ("The parts could be used to develop missiles.", "could"),
    ("The spokesman would not comment on the report.", "would"),
    ("I would like to see him come forward.", "would"),
    ("She said the company would open a plant in Ohio.", "would"),
    ("The plan would cut taxes for small firms.", "would"),
    ("He would n't say if the talks had failed.", "would"),
    ("Contractors must comply with the new rules.", "must"),
    ("Applications must be approved by the board.", "must"),
    ("If I may, sir, we are running out of time.", "may"),
    ("He would answer if he may.", "may"),
    ("She promised to help if she might, but gave no date.", "might"),
    ("The crew bailed water as fast as they could.", "could"),
    ("We would stay longer if we could; the boat leaves at six.", "could"),
    ("Two rival chains are potential buyers of the stores.", "potential"),
    ("The board named a potential successor to the chief executive.", "potential"),
    ("Every pupil should be able to reach her full potential.", "potential"),
    ("The city has untapped potential, the report said.", "potential"),
    ("The aid should arrive as soon as possible.", "possible"),
    ("They demanded the severest possible punishment.", "possible"),
    ("The grant made the project possible.", "possible"),
    ("Many Americans believe in miracles.", "believe"),
    ("A Washington think tank published the study.", "think"),
    ("Voters think about the economy first.", "think"),
    ("The suspect was arrested on Friday.", "suspect"),
    ("He has also appeared on several podcasts.", "appeared"),
    ("Profits were lower than expected.", "expected"),
    ("Earnings fell short of analysts' expectations.", "expectations"),
    ("The plan was carefully thought out.", "thought"),
    ("The buyer agreed to the assumption of $2 billion in debt.", "assumption"),
    ("The talks were moved at the suggestion of the mediator.", "suggestion"),
    ("The company disclosed the expected gain in a filing.", "expected"),
    ("The general assumed command of the army in March.", "assumed"),
    ("Inspectors came to assess the damage.", "assess"),
    ("There is no doubt the ship sank.", "doubt"),
    ("The group claimed responsibility for the attack.", "claimed"),
    ("Initial jobless claims fell last week.", "claims"),
    ("Kirby talked about the embargo.", "about"),
    ("Protests spread around the country.", "around"),
    ("Some countries have closed their embassies.", "Some"),
    ("The records are now up to date.", "up to"),
    ("He acted as if nothing had happened.", "if"),
    ("The offer was extended until 5 p.m. Friday.", "until"),
    ("He was a trustee until 1974.", "until"),
    ("Until now, the ministry has said nothing.", "Until"),
]


@pytest.mark.parametrize(("sentence", "cue", "category", "rule"), ACCEPTED)
def test_rule_accepts(sentence: str, cue: str, category: str, rule: str) -> None:
    hits = found(sentence, cue)
    assert [(h.category, h.rule) for h in hits] == [(category, rule)], hedges_of(sentence)
    hit = hits[0]
    assert sentence[hit.start : hit.end] == hit.text == cue
    assert hit.voice == "author" and hit.attribution is None


@pytest.mark.parametrize(("sentence", "cue"), REJECTED)
def test_rule_rejects(sentence: str, cue: str) -> None:
    assert cue in sentence
    assert found(sentence, cue) == [], found(sentence, cue)


def test_every_rule_has_an_accepting_sentence() -> None:
    exercised = {rule.split(":")[0] for _, _, _, rule in ACCEPTED}
    assert exercised == set(CATEGORIES) - {"scare_quote"}
    named = {entry.rule for entry in load_lexicon().entries.values()}
    assert named <= set(RULES)


def test_letters_the_matcher_folds_to_ascii_are_read_as_the_cue() -> None:
    # re.IGNORECASE matches these to i and s, str.lower() does not: this raised KeyError
    assert [h.cue for h in hedges_of("THE PORT MİGHT REOPEN ON MONDAY.")] == ["might"]
    assert [h.cue for h in hedges_of("The mayor thinkſ the port will reopen.")] == ["think"]
    assert [h.cue for h in hedges_of("ıf the port reopens, the ships return.")] == ["if"]


# --------------------------------------------------------------------------- scare quotes


def test_scare_quote_single_word() -> None:
    text = 'The two governments are "aligned" on the question of sanctions.'
    [hedge] = hedges_of(text)
    assert (hedge.text, hedge.category, hedge.cue, hedge.voice) == (
        '"aligned"', "scare_quote", "scare quote", "author"
    )
    assert hedge.rule == "scare_quote:single-word"


def test_scare_quote_fragment_in_an_unreported_sentence() -> None:
    text = 'The regime held "free and fair" elections in March.'
    [hedge] = hedges_of(text)
    assert (hedge.text, hedge.rule) == ('"free and fair"', "scare_quote:unattributed-fragment")


@pytest.mark.parametrize(
    "text",
    [
        'Smith called the plan "reckless" in a radio interview.',  # a naming verb
        '"No," the minister said when asked about the talks.',  # an utterance
        'The minister described the talks as "productive" and said more would follow.',
        'The spokesman dismissed the report as "absurd" on Tuesday, aides said.',
        'The operation, code-named "Desert Shield", began in August.',  # a name
        'The senator said the bill was "a complete disaster for the families who rely on it."',
        'He urged calm: "patience" was all he asked for, the aide said.',  # after a colon
        'He predicted he would do "very, very well" in Nevada.',  # reported: a partial quote
        'Her second novel, "Small Hours in Winter", sold poorly.',  # a title (Title Case)
        '"Songs of the Harbour" opens the album with a slow fiddle tune.',  # a title first
        'The clerk filed the motion under "Rules of Procedure" last week.',
        '"Buddy" Harlan ran the diner on Route 9 for forty years.',  # a nickname
        'Inspectors counted "1,200 violations" at the plant last year.',  # a quoted figure
        'The mayor likened the budget to "a sinking ship" at the hearing.',  # likening
        'Rivals compared the tax to "highway robbery" for months.',
        'The union has been attacking the governor as a "union buster" all spring.',  # as-frame
        'The charity was branded "reckless" by its own auditors.',  # naming
        'A nurse had typed "acute distress" on the chart.',  # a quoting verb: a document
    ],
)
def test_quotations_that_are_not_scare_quotes(text: str) -> None:
    assert [h for h in hedges_of(text) if h.category == "scare_quote"] == []


def test_short_quote_beside_a_longer_one_is_a_quoted_fragment() -> None:
    text = 'Officials said Russia will "probably" conduct the "domestic production of the drones."'
    hits = hedges_of(text)
    assert [(h.text, h.category, h.voice) for h in hits] == [
        ("probably", "probability", "attributed")
    ]


# --------------------------------------------------------------------------- seed article


def test_seed_hedges_hand_annotated(seed_text: str) -> None:
    hedges = hedges_of(seed_text)
    by_span = {(h.start, h.end): h for h in hedges}
    expected = {}
    for item in SEED_HEDGES:
        span = locate(seed_text, item.context, item.cue)
        expected[span] = item
        assert span in by_span, f"missed {item.cue!r} in {item.context!r}"
        assert by_span[span].category == item.category, (item, by_span[span])
    extra = [h for h in hedges if (h.start, h.end) not in expected]
    assert extra == [], f"hedges not in the hand annotation: {extra}"


@pytest.mark.parametrize(("context", "cue"), NOT_HEDGES)
def test_seed_non_hedges(seed_text: str, context: str, cue: str) -> None:
    start, end = locate(seed_text, context, cue)
    span = Span(start, end, cue)
    assert [h for h in hedges_of(seed_text) if span.overlaps(Span(h.start, h.end, h.text))] == []


def test_seed_sentence_indices(seed_text: str) -> None:
    from claimscope.text import sentences

    spans = sentences(seed_text)
    for hedge in hedges_of(seed_text):
        assert spans[hedge.sentence].start <= hedge.start < hedge.end <= spans[hedge.sentence].end


# --------------------------------------------------------------------------- voice


def _attribution_class():
    module = pytest.importorskip("claimscope.attribution", reason="attribution module absent")
    return module


def _make_attribution(id: int, text: str, cue: tuple[int, int],
                      content: tuple[int, int] | None, source: tuple[int, int] | None,
                      source_type: str = "unspecified"):
    """A hand-made Attribution: the fields hedging reads, defaults for the rest."""
    import dataclasses

    module = _attribution_class()
    values = {
        "id": id,
        "cue": Span.of(text, *cue),
        "content": None if content is None else Span.of(text, *content),
        "source": None if source is None else Span.of(text, *source),
        "source_type": source_type,
    }
    kwargs = {}
    for f in dataclasses.fields(module.Attribution):
        if f.name in values:
            kwargs[f.name] = values[f.name]
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            kwargs[f.name] = _placeholder(f, text, values)
    return module.Attribution(**kwargs)


def _placeholder(field, text: str, values: dict):
    """A neutral value for a field hedging does not read, chosen by its annotation."""
    from claimscope.text import sentence_index, sentences

    if field.name == "sentence":
        return sentence_index(sentences(text), values["cue"].start)
    annotation = str(field.type)
    if "None" in annotation:
        return None
    if annotation == "bool":
        return False
    if annotation == "str":
        return values["cue"].text if "lemma" in field.name else "unknown"
    raise AssertionError(f"no placeholder for Attribution.{field.name}: {annotation}")


SEED_SENTENCE = (
    "US intelligence officials believe Tehran is assisting Moscow in building a drone "
    "manufacturing plant that may be operational next year, the White House said."
)


def test_voice_inside_content_is_attributed() -> None:
    text = SEED_SENTENCE
    said = text.index("said")
    believe = text.index("believe")
    attributions = [
        _make_attribution(1, text, (said, said + 4), (0, text.index(", the White")),
                          (text.index("the White"), said - 1)),
        _make_attribution(2, text, (believe, believe + 7),
                          (believe + 8, text.index(", the White")), (0, believe - 1)),
    ]
    hedges = {h.text: h for h in find_hedges(text, attributions=attributions)}
    assert (hedges["may"].voice, hedges["may"].attribution) == ("attributed", 2)
    assert hedges["may"].voice_rule == "content"
    # "believe" is the cue of attribution 2, which lies in what the White House said (1)
    assert (hedges["believe"].voice, hedges["believe"].attribution) == ("attributed", 1)
    assert hedges["believe"].voice_rule == "nested-cue"


def test_nested_cue_belongs_to_the_outer_content() -> None:
    text = "The senator said she thinks the pipeline will be approved by June."
    said, thinks = text.index("said"), text.index("thinks")
    attributions = [
        _make_attribution(4, text, (said, said + 4), (said + 5, len(text) - 1), (0, said - 1),
                          source_type="person"),
        _make_attribution(5, text, (thinks, thinks + 6), (thinks + 7, len(text) - 1),
                          (said + 5, thinks - 1), source_type="person"),
    ]
    hedges = {h.text: h for h in find_hedges(text, attributions=attributions)}
    assert (hedges["thinks"].voice, hedges["thinks"].attribution,
            hedges["thinks"].voice_rule) == ("attributed", 4, "nested-cue")
    # without the outer attribution the same cue is the writer's word
    [alone] = [h for h in find_hedges(text, attributions=attributions[1:]) if h.text == "thinks"]
    assert (alone.voice, alone.voice_rule) == ("author", "cue")


def test_distancing_word_in_paraphrase_is_the_writers() -> None:
    text = "According to the mayor, the so-called reform will cost the city jobs."
    cue = text.index("According to")
    content = text.index("the so-called")
    attributions = [_make_attribution(6, text, (cue, cue + 12), (content, len(text) - 1),
                                      (cue + 13, content - 2), source_type="person")]
    [hedge] = find_hedges(text, attributions=attributions)
    assert (hedge.text, hedge.voice, hedge.attribution, hedge.voice_rule) == (
        "so-called", "author", None, "distancing-paraphrase"
    )


def test_distancing_word_in_a_direct_quotation_is_the_sources() -> None:
    text = 'The mayor said: "The so-called reform will cost this city hundreds of jobs."'
    said = text.index("said")
    attributions = [_make_attribution(8, text, (said, said + 4), (said + 6, len(text)),
                                      (0, said - 1), source_type="person")]
    [hedge] = [h for h in find_hedges(text, attributions=attributions) if h.text == "so-called"]
    assert (hedge.voice, hedge.attribution, hedge.voice_rule) == ("attributed", 8, "quotation")


def test_single_word_quote_in_reported_speech_stays_a_scare_quote() -> None:
    text = 'The governor said the new budget was "balanced" and would pass.'
    said = text.index("said")
    content = (said + 5, len(text) - 1)
    person = [_make_attribution(9, text, (said, said + 4), content, (0, said - 1),
                                source_type="person")]
    [hedge] = find_hedges(text, attributions=person)
    assert (hedge.category, hedge.voice, hedge.attribution) == ("scare_quote", "attributed", 9)


def test_several_quoted_words_in_reported_speech_are_a_partial_quotation() -> None:
    text = 'The governor said the new budget was "balanced and fair" and would pass.'
    said = text.index("said")
    content = (said + 5, len(text) - 1)
    person = [_make_attribution(9, text, (said, said + 4), content, (0, said - 1),
                                source_type="person")]
    assert find_hedges(text, attributions=person) == []


def test_writer_distancing_cue_is_author_voice() -> None:
    text = "A satellite photo purports to show an industrial site east of Moscow."
    cue = text.index("purports")
    attributions = [_make_attribution(7, text, (cue, cue + 8), (cue + 9, len(text) - 1),
                                      (0, cue - 1))]
    [hedge] = find_hedges(text, attributions=attributions)
    assert (hedge.text, hedge.category, hedge.voice, hedge.attribution) == (
        "purports", "distancing", "author", None
    )


def test_seed_may_is_attributed_with_computed_attributions(seed_text: str) -> None:
    _attribution_class()
    hedges = find_hedges(seed_text)
    start, end = locate(seed_text, "plant that may be operational", "may")
    [hedge] = [h for h in hedges if (h.start, h.end) == (start, end)]
    assert hedge.voice == "attributed" and hedge.attribution is not None


def test_scare_quote_in_reported_content_is_attributed() -> None:
    text = 'Kirby said Iran and Russia will be held "accountable" for the transfers.'
    said = text.index("said")
    attributions = [_make_attribution(3, text, (said, said + 4), (said + 5, len(text) - 1),
                                      (0, said - 1))]
    [hedge] = find_hedges(text, attributions=attributions)
    assert (hedge.category, hedge.voice, hedge.attribution) == ("scare_quote", "attributed", 3)


def test_seed_voices_with_computed_attributions(seed_text: str) -> None:
    _attribution_class()
    hedges = find_hedges(seed_text)
    assert {h.voice for h in hedges} == set(VOICES)
    assert {h.voice_rule for h in hedges} <= set(VOICE_RULES)
    assert all((h.voice == "attributed") or h.attribution is None for h in hedges)
    by_span = {(h.start, h.end): h for h in hedges}
    for item in SEED_HEDGES:
        if item.voice is not None:
            hedge = by_span[locate(seed_text, item.context, item.cue)]
            assert hedge.voice == item.voice, (item, hedge)


@pytest.mark.parametrize(("context", "cue"), SCARE_QUOTES_WITH_ATTRIBUTIONS)
def test_seed_scare_quotes_with_the_attributions_found(seed_text: str, context: str,
                                                      cue: str) -> None:
    _attribution_class()
    start, end = locate(seed_text, context, cue)
    found = [h for h in find_hedges(seed_text) if (h.start, h.end) == (start, end)]
    assert [h.category for h in found] == ["scare_quote"]


def test_direct_quotation_without_attribution_is_attributed() -> None:
    text = '"The talks may collapse at any moment," a diplomat in Vienna warned reporters.'
    [hedge] = hedges_of(text)
    assert (hedge.text, hedge.voice) == ("may", "attributed")


# --------------------------------------------------------------------------- lexicon, records


def test_user_lexicon(tmp_path) -> None:
    path = tmp_path / "hedges.csv"
    path.write_text(
        "cue,forms,category,rule,source,note\n"
        "conceivably,conceivably,probability,always,user,\n",
        encoding="utf-8",
    )
    text = "The plant may conceivably open next year."
    assert [h.text for h in find_hedges(text, lexicon=path, attributions=[])] == ["conceivably"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("cue,category\nmay,modal\n", "lacks column"),
        ("cue,forms,category,rule,source,note\nmay,may,modal,guess,x,\n", "rule 'guess'"),
        ("cue,forms,category,rule,source,note\nmay,may,vague,always,x,\n", "category 'vague'"),
    ],
)
def test_bad_lexicon_is_refused_loudly(tmp_path, body: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        find_hedges("It may rain.", lexicon=path, attributions=[])


def test_missing_lexicon_file(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="hedge lexicon"):
        find_hedges("It may rain.", lexicon=tmp_path / "nope.csv", attributions=[])


def test_hedge_records_cut_text_from_the_document(seed_text: str) -> None:
    hedges = hedges_of(seed_text)
    rows = hedge_records("seed", seed_text, hedges)
    assert len(rows) == len(hedges)
    assert set(rows[0]) == {"doc_id", "sentence", "start", "end", "text", "category", "cue",
                            "rule", "voice", "attribution", "voice_rule"}
    for row in rows:
        assert row["text"] == seed_text[row["start"] : row["end"]]
        assert row["doc_id"] == "seed" and row["category"] in CATEGORIES


def test_lexicon_version_is_set() -> None:
    assert LEXICON_VERSION.count(".") == 2 and "-" in LEXICON_VERSION


def test_empty_and_odd_texts() -> None:
    assert hedges_of("") == []
    assert hedges_of("WASHINGTON (AP) --") == []
    assert [h.text for h in hedges_of('He said "maybe')] == ["maybe"]


def test_dev_sentences_have_exact_spans(shared_data) -> None:
    path = shared_data / "hedging" / "factbank_news_dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    lines = path.read_text(encoding="utf-8").splitlines()[:300]
    for line in lines:
        text = json.loads(line)["text"]
        for hedge in hedges_of(text):
            assert text[hedge.start : hedge.end] == hedge.text
            assert hedge.category in CATEGORIES


# one very long sentence ---------------------------------------------------------------------

_CLAUSES = (
    "the council may approve the budget next week",
    "engineers believe the bridge could reopen in spring",
    "the mayor reportedly plans a \"temporary\" closure of the ferry",
    "about 300 residents are expected to attend the hearing",
    "the alleged leak probably started at the pump station",
    "inspectors suggested the fault might be electrical",
)


def test_a_long_sentence_has_the_hedges_of_its_clauses() -> None:
    """Clauses run into one sentence of some 30,000 characters (no full stop, as in a
    transcript) give each clause's hedges at the clause's place, as when each clause is
    read on its own: the length of the sentence changes nothing."""
    alone = {c: [(h.start, h.end, h.category, h.rule, h.voice_rule) for h in hedges_of(c + ".")]
             for c in _CLAUSES}
    pieces, expected, at = [], [], 0
    for number in range(600):
        clause = _CLAUSES[number % len(_CLAUSES)]
        pieces.append(clause)
        expected += [(s + at, e + at, *rest) for s, e, *rest in alone[clause]]
        at += len(clause) + 2
    text = "; ".join(pieces) + "."
    found = hedges_of(text)
    assert len(text) > 30_000 and sum(map(len, alone.values())) == 11
    assert [(h.start, h.end, h.category, h.rule, h.voice_rule) for h in found] == expected
    assert {h.sentence for h in found} == {0}
    assert all(text[h.start : h.end] == h.text for h in found)
