"""Claims across the corpus: the same proposition in different documents, and how each
group frames it. A corpus-level stage: it reads tables, never texts.

A *statement* is an attributed claim (the content of an attribution that is not nested
in another's) or a sentence the writer states as fact (the ``assertions`` table). Its
*signature* is its content words, with entity aliases made one (Tehran -> iran, the
Kremlin -> russia, ``entities.csv``), stop words dropped and words stemmed (Porter).

Statements are taken in order (by date, then document and sentence). Each joins the claim
whose first statement it is most like, when their similarity — a Jaccard weighted by how
rare each word is, so that the names every statement shares count for little — reaches
:data:`THRESHOLD` with :data:`MIN_SHARED` words in common; otherwise it starts a claim of
its own. Comparing with a claim's first statement, not with any member, keeps one claim
from drifting into the next through a chain of neighbours. A claim of the corpus is one
that two documents or more carry.

Scaling: a statement is compared only with the claims whose first statement shares one of
its *rare* words (in at most :data:`MAX_BLOCK` statements): blocking on an inverted
index, so the work grows with the number of statements, not with its square. The result
is deterministic (claims numbered by their size and first date). Researchers' own claims
(``user_claims``: name -> phrases) take precedence: a statement containing one of a
claim's phrases joins that claim.

>>> sorted(signature("Tehran is helping Moscow build a drone factory",
...                  {"Iran": ("Tehran",), "Russia": ("Moscow",)}))
['build', 'drone', 'factori', 'help', 'iran', 'russia']
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from claimscope.framing import stop_words

THRESHOLD = 0.12  # weighted Jaccard similarity with a claim's first statement
MIN_SHARED = 2  # and the words it must share with it at least
MAX_BLOCK = 50  # a word in more statements than this is too common to block on
LABEL_CHARS = 90
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CLAIM_COLUMNS = ["claim", "label", "defined_by", "documents", "groups", "reports",
                 "first_date", "first_document"]


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - nltk has no type hints
    from nltk.stem import PorterStemmer  # pure code, no data to download

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A word's Porter stem, remembered (a corpus says the same words again and again)."""
    return _stemmer().stem(word)


@lru_cache(maxsize=16)
def _alias_pattern(aliases: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern, dict]:
    owner = {alias: entity for entity, names in aliases for alias in names}
    if not owner:
        return re.compile(r"(?!)"), owner
    ordered = sorted(owner, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)"), owner


def signature(text: str, entities: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The words that say what a statement claims: aliases as their entity, no stop
    words, stemmed."""
    pattern, owner = _alias_pattern(tuple(sorted((e, tuple(a)) for e, a in entities.items())))
    text = pattern.sub(lambda m: " " + owner[m[0]].lower().replace(" ", "_") + " ", text)
    stop = stop_words()
    return frozenset(_stem(w) for word in _WORD.findall(text)
                     if (w := word.lower().strip("'’-")) not in stop and len(w) > 2)


def statements(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per statement: attributed claims (not nested in another's) and the
    writer's assertions, with ``kind``, ``framing`` and the key back into their table."""
    att = tables["attributions"]
    attributed = att[~att["embedded"].astype(bool) & att["content"].notna()]
    rows = pd.DataFrame({
        "doc_id": attributed["doc_id"], "sentence": attributed["sentence"],
        "attribution": attributed["attribution"].astype("Int64"),
        "kind": "attributed", "text": attributed["content"],
        "framing": attributed["framing"], "contested": attributed["contested"],
    })
    assertions = tables["assertions"]
    asserted = pd.DataFrame({
        "doc_id": assertions["doc_id"], "sentence": assertions["sentence"],
        "attribution": pd.array([pd.NA] * len(assertions), dtype="Int64"),
        "kind": "asserted", "text": assertions["text"], "framing": "asserted",
        "contested": False,
    })
    return pd.concat([rows, asserted], ignore_index=True).sort_values(
        ["doc_id", "sentence", "kind"], kind="stable", ignore_index=True)


def group_statements(signatures: Sequence[frozenset[str]], documents: Sequence[str], *,
                     threshold: float = THRESHOLD, min_shared: int = MIN_SHARED,
                     max_block: int = MAX_BLOCK) -> list[int]:
    """A group number per statement, in one pass over the statements in their order.

    Each group is led by its first statement (its *seed*). A statement joins the group
    whose seed it is most like, if that similarity reaches ``threshold`` with
    ``min_shared`` words in common; else it seeds a group of its own. Similarity is a
    Jaccard weighted by each word's rarity (inverse document frequency over the
    statements), so the names that every statement of a corpus shares ("Varnesia",
    "drones") count for little. Comparing with the seed, not with any member, keeps one
    group from drifting into the next through a chain of statements each like its
    neighbour. Seeds are found through their rare words (those in at most ``max_block``
    statements), so the work grows with the corpus, not with its square.
    """
    total = len(signatures)
    frequency: dict[str, int] = defaultdict(int)
    for words in signatures:
        for word in words:
            frequency[word] += 1
    weight = {word: math.log((total + 1) / count) for word, count in frequency.items()}
    seeds: list[int] = []
    postings: dict[str, list[int]] = defaultdict(list)
    groups = []
    for index, words in enumerate(signatures):
        best, best_score = -1, threshold
        candidates = {group for word in words if frequency[word] <= max_block
                      for group in postings.get(word, ())}
        for group in sorted(candidates):
            seed = signatures[seeds[group]]
            shared = words & seed
            if len(shared) < min_shared:
                continue
            score = sum(weight[w] for w in shared) / sum(weight[w] for w in words | seed)
            if score > best_score or (score == best_score and best < 0):
                best, best_score = group, score
        if best < 0:
            best = len(seeds)
            seeds.append(index)
            for word in words:
                if frequency[word] <= max_block:
                    postings[word].append(best)
        groups.append(best)
    return groups


def user_claim_of(text: str, user_claims: Mapping[str, Sequence[str]]) -> str | None:
    """The first of the researcher's claims (name -> phrases) whose phrase ``text``
    holds, case aside; None if none does."""
    lowered = text.lower()
    for name, phrases in user_claims.items():
        if any(re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", lowered) for p in phrases):
            return name
    return None


def load_claims(value: str | Mapping[str, Sequence[str]] | None,
                ) -> dict[str, tuple[str, ...]] | None:
    """The researcher's claims from a YAML file (a path) or an inline mapping: claim
    name -> phrases (a single phrase may stand for a list). ValueError names what is
    wrong and where."""
    if value is None:
        return None
    where = "the claims parameter"
    if isinstance(value, str):
        import yaml

        path = Path(value).expanduser()
        where = f"claims file {path}"
        try:
            value = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ValueError(f"{where} cannot be read ({error.strerror}); give the path "
                             "of a YAML file of claim name: [phrases]") from error
        except yaml.YAMLError as error:
            raise ValueError(f"{where} is not valid YAML: {error}") from error
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{where} must map claim names to phrases, e.g. "
                         '"drone plant": ["drone factory", "drone plant"]')
    claims = {}
    for name, phrases in value.items():
        phrases = [phrases] if isinstance(phrases, str) else phrases
        if not isinstance(phrases, list) or not phrases or not all(
                isinstance(p, str) and p.strip() for p in phrases):
            raise ValueError(f"{where}: claim {name!r} needs a list of phrases (text)")
        claims[str(name)] = tuple(p.strip() for p in phrases)
    return claims


def find_claims(tables: Mapping[str, pd.DataFrame], *,
                entities: Mapping[str, Sequence[str]] | None = None,
                user_claims: Mapping[str, Sequence[str]] | None = None,
                group_by: str = "outlet") -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(claims, members)``: the claims table (:data:`CLAIM_COLUMNS`) and each
    statement with its ``claim`` (None where it joined none)."""
    from claimscope.sentiment import load_entities

    entities = load_entities() if entities is None else entities
    found = statements(tables)
    dates = tables["documents"].set_index("id")["date"] if "date" in tables["documents"] \
        else pd.Series(dtype=str)
    found = found.assign(_date=found["doc_id"].map(dates)).sort_values(
        ["_date", "doc_id", "sentence", "kind"], kind="stable", na_position="last",
        ignore_index=True).drop(columns="_date")
    found["claim"] = None
    found["defined_by"] = None
    if user_claims:
        named = found["text"].map(lambda t: user_claim_of(t, user_claims))
        found.loc[named.notna(), "claim"] = named[named.notna()]
        found.loc[named.notna(), "defined_by"] = "user"
    free = found[found["claim"].isna()]
    known: dict[str, frozenset[str]] = {}  # reprints repeat statements word for word
    marks = [known[t] if t in known else known.setdefault(t, signature(t, entities))
             for t in free["text"]]
    groups = group_statements(marks, free["doc_id"].tolist())
    found["signature"] = pd.Series(marks, index=free.index, dtype=object)
    found.loc[free.index, "group_number"] = groups
    found.loc[free.index, "defined_by"] = "similarity"
    docs = tables["documents"].set_index("id")
    spread = found[found["claim"].isna()].groupby("group_number")["doc_id"].nunique()
    shared = spread[spread >= 2].index
    found.loc[found["group_number"].isin(shared), "claim"] = (
        "#" + found["group_number"].astype("Int64").astype(str))
    members = found[found["claim"].notna()].copy()
    members["date"] = members["doc_id"].map(docs["date"]) if "date" in docs else None
    members["group"] = (members["doc_id"].map(docs[group_by]) if group_by in docs
                        else None)
    claims = _claims_table(members)
    renumber = dict(zip(claims.pop("key"), claims["claim"], strict=True))
    found["claim"] = found["claim"].map(renumber)
    return claims, found.drop(columns=["group_number", "defined_by", "signature"],
                              errors="ignore")


def _claims_table(members: pd.DataFrame) -> pd.DataFrame:
    """One row per claim from its statements (in date order): counts, who carried it
    first, and a label."""
    if members.empty:
        return _typed(pd.DataFrame(columns=["key", *CLAIM_COLUMNS]))
    ordered = members.sort_values(["date", "doc_id"], kind="stable", na_position="last")
    by_claim = ordered.groupby("claim", sort=False)
    frame = pd.DataFrame({
        "defined_by": by_claim["defined_by"].first(),
        "documents": by_claim["doc_id"].nunique(), "groups": by_claim["group"].nunique(),
        "reports": by_claim.size(), "first_date": by_claim["date"].first(),
        "first_document": by_claim["doc_id"].first(),
    })
    frame["label"] = [key if frame.at[key, "defined_by"] == "user"
                      else _label(part["text"].tolist(), part["signature"].tolist())
                      for key, part in by_claim]
    frame = frame.rename_axis("key").reset_index()
    frame = frame.sort_values(["documents", "reports", "first_date", "first_document"],
                              ascending=[False, False, True, True], kind="stable",
                              ignore_index=True, na_position="last")
    named = frame["defined_by"] == "user"
    frame["claim"] = np.where(named, frame["key"],
                              [f"C{number:03d}" for number in range(1, len(frame) + 1)])
    return _typed(frame[["key", *CLAIM_COLUMNS]])


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims table with fixed column types, whatever rows it holds (so a run read
    back from Parquet, one analysed in memory and one on Dask give equal tables)."""
    counts = {"documents", "groups", "reports"}
    return frame.astype({c: ("int64" if c in counts else "str") for c in frame.columns})


def _label(texts: Sequence[str], marks: Sequence[frozenset[str]], *,
           most: int = 20) -> str:
    """The statement most like the others of its claim (the medoid of its first
    ``most``), shortened."""
    texts, marks = texts[:most], marks[:most]
    scores = [sum(len(a & b) / max(1, len(a | b)) for b in marks) for a in marks]
    text = " ".join(texts[int(np.argmax(scores))].split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rsplit(" ", 1)[0] + " …"


def with_claims(tables: Mapping[str, pd.DataFrame], **options) -> dict[str, pd.DataFrame]:
    """``tables`` with the ``claim`` column of attributions and assertions filled and
    the ``claims`` table added (options as for :func:`find_claims`)."""
    claims, found = find_claims(tables, **options)
    result = dict(tables)
    attributed = found[found["kind"] == "attributed"].set_index(["doc_id", "attribution"])
    keys = pd.MultiIndex.from_arrays([tables["attributions"]["doc_id"],
                                      tables["attributions"]["attribution"].astype("Int64")])
    result["attributions"] = tables["attributions"].assign(
        claim=attributed["claim"].reindex(keys).to_numpy())
    asserted = found[found["kind"] == "asserted"].set_index(["doc_id", "sentence"])
    keys = pd.MultiIndex.from_arrays([tables["assertions"]["doc_id"],
                                      tables["assertions"]["sentence"]])
    result["assertions"] = tables["assertions"].assign(
        claim=asserted["claim"].reindex(keys).to_numpy())
    result["claims"] = claims.reset_index(drop=True)
    return result

