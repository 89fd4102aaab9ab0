"""One entry point per document: ``analyze(document) -> DocumentAnalysis``.

``analyze`` is a pure function of a document's text and the loaded word lists: it
splits sentences, finds attributions, hedges (with whose voice they are in), scores
every sentence and every attributed content span, and finds entity mentions. The
engine maps it over a corpus; :mod:`claimscope.tables` turns the results into tables.

>>> result = analyze("Officials said the plant may be operational next year.")
>>> [(a.cue.text, a.source.text) for a in result.attributions]
[('said', 'Officials')]
>>> [(h.text, h.category, h.voice) for h in result.hedges]
[('may', 'modal', 'attributed')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimscope.attribution import Attribution, find_attributions
from claimscope.corpus import Document, document_from_text, word_count
from claimscope.framing import (
    Assertion,
    Framing,
    find_assertions,
    frame_attributions,
    hedge_families,
)
from claimscope.hedging import Hedge, find_hedges
from claimscope.sentiment import (
    EntityMention,
    SentenceSentiment,
    entity_mentions,
    load_entities,
    score_text_spans,
    voice_records,
)
from claimscope.spans import Span
from claimscope.text import clear_caches
from claimscope.text import sentences as split_sentences

LEXICON_FILES = {
    "cues": "reporting_cues.csv",
    "hedges": "hedges.csv",
    "entities": "entities.csv",
}


@dataclass(frozen=True)
class Lexicons:
    """Paths of user word lists replacing the shipped ones (None: the shipped list)."""

    cues: str | None = None
    hedges: str | None = None
    entities: str | None = None

    @classmethod
    def from_dir(cls, lexicon_dir: str | Path | None) -> Lexicons:
        """Take every known word list found in ``lexicon_dir``; the rest stay shipped.

        A folder holding none of them is almost certainly a mistake, so it raises.
        """
        if lexicon_dir is None:
            return cls()
        folder = Path(lexicon_dir)
        if not folder.is_dir():
            raise FileNotFoundError(
                f"lexicon_dir {folder} is not a folder; give a folder holding any of "
                f"{', '.join(LEXICON_FILES.values())}, or leave it unset for the shipped lists"
            )
        found = {key: str(folder / name) for key, name in LEXICON_FILES.items()
                 if (folder / name).is_file()}
        if not found:
            raise FileNotFoundError(
                f"lexicon_dir {folder} holds none of {', '.join(LEXICON_FILES.values())}; "
                "copy a shipped list from claimscope/lexicons/ and edit it"
            )
        return cls(**found)


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything claimscope finds in one document; every span indexes ``text``."""

    doc_id: str
    text: str
    words: int
    sentences: tuple[Span, ...]
    attributions: tuple[Attribution, ...]
    hedges: tuple[Hedge, ...]
    sentiment: tuple[SentenceSentiment, ...]
    voices: tuple[dict, ...]
    mentions: tuple[EntityMention, ...]
    framings: tuple[Framing, ...]  # one per attribution, in the same order
    assertions: tuple[Assertion, ...]  # the sentences the writer states as fact
    hedge_families: tuple[str, ...]  # one per hedge (framing.HEDGE_FAMILIES)


def analyze(
    document: Document | str,
    *,
    lexicons: Lexicons | None = None,
    entities: Mapping[str, Sequence[str]] | None = None,
) -> DocumentAnalysis:
    """Analyse one document (a :class:`Document` or a plain string).

    ``lexicons`` replaces shipped word lists; ``entities`` (name -> aliases) replaces
    the entity list for the tone-toward-entity proxy.
    """
    doc = document_from_text(document) if isinstance(document, str) else document
    lex = lexicons or Lexicons()
    text = doc.text
    sentence_spans = split_sentences(text)
    attributions = find_attributions(text, lexicon=lex.cues)
    hedges = find_hedges(text, lexicon=lex.hedges, attributions=attributions)
    contents = [(a.id, a.content) for a in attributions if a.content is not None]
    entity_list = entities if entities is not None else load_entities(lex.entities)
    analysis = DocumentAnalysis(
        doc_id=doc.id,
        text=text,
        words=word_count(text),
        sentences=tuple(sentence_spans),
        attributions=tuple(attributions),
        hedges=tuple(hedges),
        sentiment=tuple(score_text_spans(text, sentence_spans)),
        voices=tuple(voice_records(doc.id, text, sentence_spans, contents)),
        mentions=tuple(entity_mentions(text, sentence_spans, entity_list)),
        framings=tuple(frame_attributions(text, sentence_spans, attributions, hedges)),
        assertions=tuple(find_assertions(text, sentence_spans, attributions, hedges)),
        hedge_families=tuple(hedge_families(hedges, attributions)),
    )
    clear_caches()
    return analysis

