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

from claimscope.compare import compare_groups, group_means, holm, permutation_test
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

    ``hedge_categories`` lists the writer's hedge categories in the cue's sentence. A
    non-distancing hedge that is itself a reporting cue ("officials *believe*") is the
    source's stance, already in the ``stance`` column, not the writer hedging: it is
    left out here. Distancing cues ("claim", "purports", "is said to") stay: choosing
    them is the writer's distance.
    """
    atts = tables["attributions"].copy()
    hedges = _without_cues(tables["hedges"], atts)
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


def _without_cues(hedges: pd.DataFrame, atts: pd.DataFrame) -> pd.DataFrame:
    """Hedges less the non-distancing ones whose span is an attribution's own cue.

    A cue nested in another claim's content ("Clinton said she *thinks* ...") hedges
    that outer claim and stays (the hedging module marks it ``voice_rule="nested-cue"``).
    A cue and a hedge lie inside their sentence, so only pairs within one sentence are
    compared (a join on the document alone would square the rows of a long one).
    """
    cues = atts[["doc_id", "sentence", "cue_start", "cue_end"]]
    candidates = hedges[(hedges["category"] != "distancing")
                        & (hedges.get("voice_rule", "") != "nested-cue")]
    pairs = candidates[["doc_id", "sentence", "start", "end"]].reset_index().merge(
        cues, on=["doc_id", "sentence"])
    overlapping = pairs[(pairs["start"] < pairs["cue_end"]) & (pairs["cue_start"] < pairs["end"])]
    return hedges.drop(index=overlapping["index"].unique())


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
    """Source type x hedge category: how many claims of each source type carry at least
    one hedge of each category (the writer's, in the cue's sentence, or inside the
    content); non-distancing reporting cues are not counted as hedges (see claims_hedged)."""
    atts = tables["attributions"]
    hedges = _without_cues(tables["hedges"], atts)
    atts = atts[["doc_id", "attribution", "sentence", "source_type"]]
    inside = hedges.dropna(subset=["attribution"]).merge(
        atts, on=["doc_id", "attribution"], suffixes=("", "_att"))
    beside = hedges[hedges["voice"] == "author"].merge(
        atts, on=["doc_id", "sentence"], suffixes=("_hedge", ""))
    columns = ["doc_id", "attribution", "source_type", "category"]
    both = pd.concat([inside[columns], beside[columns]]).drop_duplicates()
    return pd.crosstab(both["source_type"], both["category"]).reindex(
        index=[t for t in SOURCE_TYPES if t in set(atts["source_type"])],
        columns=list(HEDGE_CATEGORIES), fill_value=0)


def tone_by_group(tables: Tables, by: str, *, value: str = "combined", seed: int = 0,
                  min_n: int = 10) -> pd.DataFrame:
    """Mean sentence tone per group with a bootstrap 95% interval and n (sentences).

    The interval resamples documents where a group has two or more (sentences of one
    article are not independent evidence about its outlet), else sentences; the column
    ``unit`` says which.
    """
    sentences = _grouped(tables["sentences"], documents_by(tables, by))
    return group_means(sentences, by="group", value=value, seed=seed, min_n=min_n,
                       cluster="doc_id")


def tone_by_voice(tables: Tables, by: str, *, seed: int = 0, min_n: int = 10) -> pd.DataFrame:
    """Mean tone of the writer's own words and of attributed content, per group
    (intervals resample documents where a group has two or more; see tone_by_group)."""
    voices = _grouped(tables["voices"], documents_by(tables, by))
    parts = []
    for voice in ("author", "attributed"):
        means = group_means(voices[voices["voice"] == voice], by="group", value="combined",
                            seed=seed, min_n=min_n, cluster="doc_id")
        parts.append(means.assign(voice=voice))
    return pd.concat(parts, ignore_index=True)


def voice_gap(tables: Tables, by: str, *, seed: int = 0, min_n: int = 10,
              n_permutations: int = 5000) -> pd.DataFrame:
    """Per group: the writer's mean tone minus the attributed content's, with a p value.

    Columns: group, author_n, author_mean, attributed_n, attributed_mean, diff, p, few
    (either side has fewer than ``min_n`` rows). ``p`` is a two-sided permutation test
    that treats every voice row as exchangeable; rows from one article are not
    independent, so read it as a pointer, not a finding.
    """
    docs = documents_by(tables, by)
    voices = _grouped(tables["voices"], docs)
    rows = []
    for group in sorted(docs["group"].unique()):
        part = voices[voices["group"] == group]
        author = part.loc[part["voice"] == "author", "combined"].dropna().to_numpy(dtype=float)
        quoted = part.loc[part["voice"] == "attributed", "combined"].dropna().to_numpy(dtype=float)
        a_mean = float(author.mean()) if author.size else np.nan
        q_mean = float(quoted.mean()) if quoted.size else np.nan
        rows.append({
            "group": group, "author_n": author.size, "author_mean": a_mean,
            "attributed_n": quoted.size, "attributed_mean": q_mean, "diff": a_mean - q_mean,
            "p": permutation_test(author, quoted, n_permutations=n_permutations, seed=seed),
            "few": min(author.size, quoted.size) < min_n,
        })
    columns = ["group", "author_n", "author_mean", "attributed_n", "attributed_mean", "diff",
               "p", "few"]
    return pd.DataFrame(rows, columns=columns)


def tone_by_entity(tables: Tables, by: str, *, entities: Sequence[str] | None = None,
                   value: str = "combined", seed: int = 0, min_n: int = 10) -> pd.DataFrame:
    """Mean tone of the sentences that mention each entity, per group, with a bootstrap
    95% interval: columns group, entity, n (sentences), mean, low, high, few, unit (what
    the interval resampled: documents where there are two or more, else sentences).

    A sentence naming an entity twice counts once for it. Every (group, entity) pair is
    a row, with n = 0 and NaN where the group never mentions the entity. ``entities``
    selects and orders the entities (default: every entity mentioned, by name). This
    is a sentence-level proxy: the tone of a sentence, not tone toward the entity.
    """
    docs = documents_by(tables, by)
    mentions = tables["mentions"][["doc_id", "entity", "sentence"]].drop_duplicates()
    scored = mentions.merge(tables["sentences"][["doc_id", "sentence", value]],
                            on=["doc_id", "sentence"], how="inner")
    scored = _grouped(scored, docs)
    names = list(entities) if entities is not None else sorted(scored["entity"].unique())
    groups = sorted(docs["group"].unique())
    rows = []
    for entity in names:
        part = scored[scored["entity"] == entity]
        means = group_means(part, by="group", value=value, seed=seed, min_n=min_n,
                            cluster="doc_id")
        means = means.set_index("group").reindex(groups)
        means["n"] = means["n"].fillna(0).astype(int)
        means[["mean", "low", "high"]] = means[["mean", "low", "high"]].astype(float)
        means["few"] = means["n"] < min_n
        rows.append(means.reset_index().assign(entity=entity))
    columns = ["group", "entity", "n", "mean", "low", "high", "few", "unit"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.concat(rows, ignore_index=True)[columns]


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
        present = voice in voices.index.get_level_values("voice")
        part = voices.xs(voice, level="voice") if present else pd.DataFrame()
        for column in ("mean", "low", "high", "n"):
            profile[f"{voice}_tone_{column}"] = (
                part[column].reindex(profile.index) if column in part else np.nan)
    return profile


DOCUMENT_MEASURES = (
    "attributions_per_1000", "named_share", "anonymous_share", "distancing_share",
    "direct_share", "claims_hedged_share", "hedges_per_1000", "writer_hedges_per_1000",
    "scare_quotes_per_1000", "tone", "author_tone", "attributed_tone",
)


def document_measures(tables: Tables, by: str | None = None, *,
                      min_attributions: int = 5) -> pd.DataFrame:
    """One row per document (``id``, and ``group`` when ``by`` is given) with its words,
    sentences, attributions and the rates of :data:`DOCUMENT_MEASURES`.

    Rates are per 1,000 of the document's words; shares are of its attributions, NaN
    when it has fewer than ``min_attributions`` (a share of two claims is not a rate
    worth comparing); ``writer_hedges`` are hedges in the writer's own voice of the
    categories in :data:`WRITER_HEDGES`; ``tone`` is the mean combined score of its
    sentences, ``author_tone``/``attributed_tone`` of its voice rows (NaN when absent).
    """
    docs = documents_by(tables, by) if by else tables["documents"].copy()
    out = docs[["id", *(["group"] if by else []), "words", "sentences"]].set_index("id")
    words = out["words"].astype(float).replace(0, np.nan)
    atts = claims_hedged(tables)
    hedges = tables["hedges"]

    def per_doc(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("doc_id").size().reindex(out.index, fill_value=0)

    out["attributions"] = per_doc(atts)
    enough = out["attributions"] >= max(min_attributions, 1)

    def share(mask: pd.Series) -> pd.Series:
        return mask.groupby(atts["doc_id"]).mean().reindex(out.index).where(enough)

    out["attributions_per_1000"] = 1000 * out["attributions"] / words
    out["named_share"] = share(atts["source_type"].isin(NAMED_TYPES))
    out["anonymous_share"] = share(atts["source_type"] == "anonymous")
    out["distancing_share"] = share(atts["stance"] == "distancing")
    out["direct_share"] = share(atts["kind"] == "direct")
    out["claims_hedged_share"] = share(atts["writer_hedged"])
    out["hedges_per_1000"] = 1000 * per_doc(hedges) / words
    writer = hedges[(hedges["voice"] == "author") & hedges["category"].isin(WRITER_HEDGES)]
    out["writer_hedges_per_1000"] = 1000 * per_doc(writer) / words
    out["scare_quotes_per_1000"] = (
        1000 * per_doc(hedges[hedges["category"] == "scare_quote"]) / words)
    out["tone"] = tables["sentences"].groupby("doc_id")["combined"].mean().reindex(out.index)
    voices = tables["voices"]
    for voice in ("author", "attributed"):
        part = voices[voices["voice"] == voice]
        out[f"{voice}_tone"] = part.groupby("doc_id")["combined"].mean().reindex(out.index)
    return out.reset_index()


def compare_measures(tables: Tables, by: str, *,
                     measures: Sequence[str] = DOCUMENT_MEASURES, seed: int = 0,
                     min_n: int = 5, min_attributions: int = 5) -> pd.DataFrame:
    """Each group against the rest, measure by measure, documents as the unit.

    Columns: measure, then those of :func:`claimscope.compare.compare_groups` (group,
    n documents, mean, rest_n, rest_mean, diff, low, high, p, few, clear), plus
    ``p_holm``, the p values adjusted over every row of the result (Holm). Rows are in
    the order of ``measures``, then group. ``n`` counts the documents with a value (see
    ``min_attributions`` in :func:`document_measures`).
    """
    frame = document_measures(tables, by, min_attributions=min_attributions)
    missing = [m for m in measures if m not in frame.columns]
    if missing:
        raise KeyError(f"unknown measure(s) {missing}; choose from {list(DOCUMENT_MEASURES)}")
    parts = [
        compare_groups(frame, by="group", value=measure, seed=seed, min_n=min_n)
        .assign(measure=measure)
        for measure in measures
    ]
    result = pd.concat(parts, ignore_index=True)
    result["p_holm"] = holm(result["p"].to_numpy())
    return result[["measure", *[c for c in result.columns if c != "measure"]]]


def standouts(measures: pd.DataFrame, columns: Sequence[str], *, threshold: float = 3.5,
              min_group: int = 5) -> pd.DataFrame:
    """Documents far from the typical value of a measure, by a robust z score.

    ``z = (x - median) / (1.4826 * MAD)`` (the modified z score of Iglewicz and Hoaglin,
    whose usual cut-off is 3.5), against the median and MAD of the document's
    own group when ``measures`` has a ``group`` column and the group holds at least
    ``min_group`` documents, else against the whole corpus. Where the MAD is 0 (most
    documents share one value), ``1.2533 * mean absolute deviation`` stands in; where
    that is 0 too, no document stands out. Returns one row per (document, measure) with
    ``|z| >= threshold``: id, group (if any), measure, value, reference (group/corpus),
    median, z; sorted by ``|z|`` (largest first), then id and measure.
    """
    has_group = "group" in measures.columns
    use_group = (measures.groupby("group")["id"].transform("size") >= min_group if has_group
                 else pd.Series(False, index=measures.index))
    rows = []
    for column in columns:
        values = measures[column].astype(float)
        if has_group:
            grouped = values.groupby(measures["group"])
            median = grouped.transform("median").where(use_group, values.median())
            spread = grouped.transform(_robust_spread).where(use_group, _robust_spread(values))
        else:
            median = pd.Series(values.median(), index=values.index)
            spread = pd.Series(_robust_spread(values), index=values.index)
        z = (values - median) / spread.replace(0, np.nan)
        for index in z[z.abs() >= threshold].index:
            rows.append({
                "id": measures.at[index, "id"],
                **({"group": measures.at[index, "group"]} if has_group else {}),
                "measure": column, "value": values[index],
                "reference": "group" if use_group[index] else "corpus",
                "median": median[index], "z": z[index],
            })
    columns_out = ["id", *(["group"] if has_group else []), "measure", "value", "reference",
                   "median", "z"]
    result = pd.DataFrame(rows, columns=columns_out)
    if result.empty:
        return result
    result["abs_z"] = result["z"].abs()
    return (result.sort_values(["abs_z", "id", "measure"], ascending=[False, True, True])
            .drop(columns="abs_z").reset_index(drop=True))


def _robust_spread(values: pd.Series) -> float:
    """1.4826 * MAD, or 1.2533 * mean absolute deviation when the MAD is 0 (NaN left out)."""
    data = values.dropna().to_numpy(dtype=float)
    if data.size == 0:
        return float("nan")
    deviations = np.abs(data - np.median(data))
    mad = 1.4826 * float(np.median(deviations))
    return mad if mad > 0 else 1.2533 * float(deviations.mean())
