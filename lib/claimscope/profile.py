"""Per-group measures from the run's tables: attribution, hedging, tone, and the outlet profile.

Every function takes the tables of a run (``dict`` of DataFrames from
:func:`claimscope.tables.read_tables` or :func:`claimscope.engine.analyze_corpus`) and
``by``, any document column (outlet, author, a metadata column, or ``month``, derived
from the date). Groups are the rows of the result, sorted by label; rates are per
1,000 words of the group's documents, pooled (a group's words and counts are summed
before dividing, so long documents weigh more than short ones).

Definitions, stated once here and used by every notebook:

* **named** sources are persons, organisations, governments, media and documents;
  **anonymous** sources are unnamed people ("officials", "sources"); **agentless**
  claims have no source at all ("is said to", "it is believed").
* **direct** quotes are whole quotations; **partial** and **mixed** quote a fragment
  inside a paraphrase; **indirect** is paraphrase.
* an attributed claim is **hedged by the writer** when the sentence of its cue holds a
  hedge in the writer's own voice (outside the reported content) other than a
  conditional or approximator, or when the cue itself is distancing ("claimed",
  "insisted"). This is a sentence-level rule, so it can over-count in long sentences
  that report two claims.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from claimscope.compare import group_means
from claimscope.tables import with_metadata

Tables = Mapping[str, pd.DataFrame]

NAMED_TYPES = ("person", "organization", "government", "media", "document")
SOURCE_TYPES = (*NAMED_TYPES, "anonymous", "unspecified")
STANCES = ("neutral", "distancing", "endorsing", "belief", "directive")
KINDS = ("direct", "partial", "mixed", "indirect")
HEDGE_CATEGORIES = (
    "modal", "probability", "belief", "distancing", "approximator", "conditional", "scare_quote",
)
WRITER_HEDGES = ("modal", "probability", "belief", "distancing", "scare_quote")


def documents_by(tables: Tables, by: str) -> pd.DataFrame:
    """The documents table with a string column ``group`` holding each document's ``by``.

    ``by="month"`` groups by the first seven characters of the date. Missing values
    form the group ``(none)``.
    """
    docs = tables["documents"].copy()
    if by == "month" and "month" not in docs.columns:
        docs["month"] = docs["date"].astype("string").str[:7]
    if by not in docs.columns:
        raise KeyError(f"cannot group by {by!r}: choose month or one of {sorted(docs.columns)}")
    docs["group"] = docs[by].astype("string").fillna("(none)").astype(str)
    return docs


def _grouped(table: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    return with_metadata(table, docs, ["group"])


def _words(docs: pd.DataFrame) -> pd.Series:
    return docs.groupby("group")["words"].sum()


def _shares(frame: pd.DataFrame, column: str, categories: Sequence[str],
            groups: pd.Index) -> pd.DataFrame:
    counts = pd.crosstab(frame["group"], frame[column]).reindex(
        index=groups, columns=list(categories), fill_value=0
    )
    totals = counts.sum(axis=1).replace(0, np.nan)
    return counts.div(totals, axis=0)


def attribution_profile(tables: Tables, by: str) -> pd.DataFrame:
    """Per group: attributions per 1,000 words; named, anonymous, agentless shares;
    the share of each cue stance; direct, partial/mixed and indirect shares; second-hand."""
    docs = documents_by(tables, by)
    atts = _grouped(tables["attributions"], docs)
    groups = pd.Index(sorted(docs["group"].unique()), name="group")
    words = _words(docs).reindex(groups)
    counts = atts.groupby("group").size().reindex(groups, fill_value=0)
    out = pd.DataFrame(index=groups)
    out["documents"] = docs.groupby("group").size().reindex(groups)
    out["words"] = words
    out["attributions"] = counts
    out["per_1000_words"] = 1000 * counts / words.replace(0, np.nan)
    types = _shares(atts, "source_type", SOURCE_TYPES, groups)
    out["named_share"] = types[list(NAMED_TYPES)].sum(axis=1, min_count=1)
    out["anonymous_share"] = types["anonymous"]
    out["agentless_share"] = types["unspecified"]
    stances = _shares(atts, "stance", STANCES, groups)
    for stance in STANCES:
        out[f"{stance}_share"] = stances[stance]
    kinds = _shares(atts, "kind", KINDS, groups)
    out["direct_share"] = kinds["direct"]
    out["partial_share"] = kinds["partial"] + kinds["mixed"]
    out["indirect_share"] = kinds["indirect"]
    out["second_hand"] = atts.groupby("group")["second_hand"].sum().reindex(groups, fill_value=0)
    return out


def counts_by(tables: Tables, by: str, table: str, column: str,
              categories: Sequence[str] | None = None) -> pd.DataFrame:
    """Group x category counts of ``column`` in ``table`` (zeros filled in)."""
    docs = documents_by(tables, by)
    frame = _grouped(tables[table], docs)
    groups = pd.Index(sorted(docs["group"].unique()), name="group")
    counts = pd.crosstab(frame["group"], frame[column]) if len(frame) else pd.DataFrame()
    columns = list(categories) if categories else sorted(counts.columns)
    return counts.reindex(index=groups, columns=columns, fill_value=0)


def top_sources(tables: Tables, by: str, *, n: int = 5) -> pd.DataFrame:
    """The ``n`` most cited normalised sources per group, with their type and count."""
    docs = documents_by(tables, by)
    atts = _grouped(tables["attributions"], docs)
    named = atts.dropna(subset=["source_name"])
    counted = (
        named.groupby(["group", "source_name", "source_type"]).size().rename("citations")
        .reset_index()
        .sort_values(["group", "citations", "source_name"], ascending=[True, False, True])
    )
    return counted.groupby("group").head(n).reset_index(drop=True)


def hedging_profile(tables: Tables, by: str) -> pd.DataFrame:
    """Per group: hedges per 1,000 words, overall and by category; the share of
    sentences with a hedge; scare quotes; the share of hedges in the writer's voice."""
    docs = documents_by(tables, by)
    hedges = _grouped(tables["hedges"], docs)
    sentences = _grouped(tables["sentences"], docs)
    groups = pd.Index(sorted(docs["group"].unique()), name="group")
    words = _words(docs).reindex(groups).replace(0, np.nan)
    out = pd.DataFrame(index=groups)
    out["documents"] = docs.groupby("group").size().reindex(groups)
    out["words"] = _words(docs).reindex(groups)
    out["hedges"] = hedges.groupby("group").size().reindex(groups, fill_value=0)
    out["per_1000_words"] = 1000 * out["hedges"] / words
    per_category = counts_by(tables, by, "hedges", "category", HEDGE_CATEGORIES)
    for category in HEDGE_CATEGORIES:
        out[f"{category}_per_1000"] = 1000 * per_category[category] / words
    hedged = sentences.assign(hedged=sentences["hedges"] > 0)
    out["sentences_hedged_share"] = hedged.groupby("group")["hedged"].mean().reindex(groups)
    out["scare_quotes"] = per_category["scare_quote"]
    author = hedges.assign(author=hedges["voice"] == "author")
    out["author_voice_share"] = author.groupby("group")["author"].mean().reindex(groups)
    return out


def claims_hedged(tables: Tables) -> pd.DataFrame:
    """Each attribution with ``writer_hedged`` and ``distanced`` flags (see module doc).

    ``hedge_categories`` lists the writer's hedge categories in the cue's sentence.
    """
    atts = tables["attributions"].copy()
    hedges = tables["hedges"]
    own = hedges[(hedges["voice"] == "author") & hedges["category"].isin(WRITER_HEDGES)]
    in_sentence = (
        own.groupby(["doc_id", "sentence"])["category"]
        .agg(lambda c: ",".join(sorted(set(c)))).rename("hedge_categories")
    )
    atts = atts.merge(in_sentence, left_on=["doc_id", "sentence"], right_index=True, how="left")
    atts["hedge_categories"] = atts["hedge_categories"].fillna("")
    atts["distanced"] = atts["stance"] == "distancing"
    atts["writer_hedged"] = (atts["hedge_categories"] != "") | atts["distanced"]
    return atts


def whose_claims_hedged(tables: Tables, by: str | None = None) -> pd.DataFrame:
    """Share of attributed claims the writer hedges or distances, by source type
    (and by group when ``by`` is given): columns claims, hedged, share."""
    atts = claims_hedged(tables)
    keys = ["source_type"]
    if by:
        atts = _grouped(atts, documents_by(tables, by))
        keys = ["group", "source_type"]
    summary = atts.groupby(keys).agg(claims=("writer_hedged", "size"),
                                     hedged=("writer_hedged", "sum"))
    summary["share"] = summary["hedged"] / summary["claims"]
    return summary.reset_index()


def source_type_by_hedge(tables: Tables) -> pd.DataFrame:
    """Source type x hedge category: how many claims of each source type carry a hedge
    of each category (the writer's, in the cue's sentence, or inside the content)."""
    atts = tables["attributions"][["doc_id", "attribution", "sentence", "source_type"]]
    hedges = tables["hedges"]
    inside = hedges.dropna(subset=["attribution"]).merge(
        atts, on=["doc_id", "attribution"], suffixes=("", "_att"))
    beside = hedges[hedges["voice"] == "author"].merge(atts, on=["doc_id", "sentence"])
    both = pd.concat([inside[["source_type", "category"]], beside[["source_type", "category"]]])
    return pd.crosstab(both["source_type"], both["category"]).reindex(
        index=[t for t in SOURCE_TYPES if t in set(atts["source_type"])],
        columns=list(HEDGE_CATEGORIES), fill_value=0)


def tone_by_group(tables: Tables, by: str, *, value: str = "combined", seed: int = 0,
                  min_n: int = 10) -> pd.DataFrame:
    """Mean sentence tone per group with a bootstrap 95% interval and n (sentences)."""
    sentences = _grouped(tables["sentences"], documents_by(tables, by))
    return group_means(sentences, by="group", value=value, seed=seed, min_n=min_n)


def tone_by_voice(tables: Tables, by: str, *, seed: int = 0, min_n: int = 10) -> pd.DataFrame:
    """Mean tone of the writer's own words and of attributed content, per group."""
    voices = _grouped(tables["voices"], documents_by(tables, by))
    parts = []
    for voice in ("author", "attributed"):
        means = group_means(voices[voices["voice"] == voice], by="group", value="combined",
                            seed=seed, min_n=min_n)
        parts.append(means.assign(voice=voice))
    return pd.concat(parts, ignore_index=True)


def outlet_profile(tables: Tables, by: str, *, seed: int = 0) -> pd.DataFrame:
    """One row per group with the suite's headline measures side by side."""
    att = attribution_profile(tables, by)
    hed = hedging_profile(tables, by)
    voices = tone_by_voice(tables, by, seed=seed).set_index(["group", "voice"])
    profile = att[["documents", "words", "per_1000_words", "named_share", "anonymous_share",
                   "distancing_share", "direct_share"]].rename(
        columns={"per_1000_words": "attributions_per_1000"})
    profile["hedges_per_1000"] = hed["per_1000_words"]
    for category in HEDGE_CATEGORIES:
        profile[f"{category}_per_1000"] = hed[f"{category}_per_1000"]
    profile["scare_quotes"] = hed["scare_quotes"]
    for voice in ("author", "attributed"):
        part = voices.xs(voice, level="voice") if len(voices) else pd.DataFrame()
        for column in ("mean", "low", "high", "n"):
            profile[f"{voice}_tone_{column}"] = (
                part[column].reindex(profile.index) if column in part else np.nan)
    return profile
