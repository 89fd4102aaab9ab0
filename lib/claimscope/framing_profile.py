"""How each group frames the claims it carries: the headline profile, the claim x group
grid, speakers' framing, first appearances. Reads the run's tables (no texts).

The headline measures (:data:`HEADLINE_MEASURES`), per group:

* ``claims``: attributed claims, nested ones (a claim inside another's words) left out;
* ``distanced_share``, ``disputed_share``, ``endorsed_share``: the share of those claims
  the writer distances, disputes or endorses (:mod:`claimscope.framing`);
* ``contested_share``: the share another source in the same document rejects (balance,
  not the writer's doubt);
* ``asserted_share``: of the group's statements that belong to a claim carried by two
  documents or more (:mod:`claimscope.claims`), the share the writer states as fact;
* ``writer_hedges_per_1000``: the writer's own epistemic and distancing hedges per 1,000
  words, the mean of the group's documents (approximators, hedges inside sources' words
  and attribution cues are not counted: see ``framing.HEDGE_FAMILIES``).

Each comes with a 95% bootstrap interval (``_low``, ``_high``) that resamples whole
documents, so one long article does not count as many independent observations.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from claimscope.compare import group_means
from claimscope.framing import FRAMINGS
from claimscope.profile import documents_by

Tables = Mapping[str, pd.DataFrame]
SHARES = ("distanced", "disputed", "endorsed", "contested", "asserted")
HEADLINE_MEASURES = ("documents", "claims", *(f"{s}_share" for s in SHARES),
                     "writer_hedges_per_1000")
HEADLINE_LABELS = {  # measure -> (column label, what it counts), for every reader
    "documents": ("documents", "documents in the group"),
    "claims": ("claims", "attributed claims (who said what; a claim inside another's words "
               "not counted)"),
    "distanced_share": ("distanced", "share of the claims the writer keeps at a distance: "
                        "claimed, insisted, purported, \"the alleged ...\", \"is said to\", "
                        "a scare quote of the writer's"),
    "disputed_share": ("disputed", "share of the claims whose truth or evidence the writer "
                       "questions: \"no evidence was presented\", \"could not be "
                       "independently verified\""),
    "endorsed_share": ("endorsed", "share of the claims presented as established: "
                       "confirmed, revealed, showed, acknowledged"),
    "contested_share": ("contested", "share of the claims another source in the same "
                        "document denies or rejects (balance, not the writer's doubt)"),
    "asserted_share": ("asserted", "of the group's statements of claims that several "
                       "documents carry, the share the writer states as fact"),
    "writer_hedges_per_1000": ("writer's hedges / 1,000 words", "the writer's own "
                               "epistemic and distancing hedges (not approximators, not "
                               "hedges inside sources' words)"),
}
WRITER_FAMILIES = ("writer-epistemic", "writer-distancing")
# one colour per framing, the same in every figure: green (taken as fact) through grey-blue
# (passed on) to orange and red (kept at a distance, disputed)
FRAMING_COLOURS = {"asserted": "#2f6b3a", "endorsed": "#5a9e4b", "neutral": "#9dbbd6",
                   "distanced": "#e08a2c", "disputed": "#c04a4a"}


def attributed_claims(tables: Tables, by: str) -> pd.DataFrame:
    """The attributed claims (not nested) with their document's ``group``."""
    docs = documents_by(tables, by)[["id", "group"]]
    att = tables["attributions"]
    claims = att[~att["embedded"].astype(bool)]
    return claims.merge(docs, left_on="doc_id", right_on="id", how="inner")


def tracked_statements(tables: Tables, by: str) -> pd.DataFrame:
    """Statements that belong to a claim across documents: attributed and asserted,
    with ``framing``, ``group``, and the cue and source of attributed ones."""
    docs = documents_by(tables, by)[["id", "group", "date"]]
    att = attributed_claims(tables, by).drop(columns=["id", "group"])
    att = att[att["claim"].notna()].assign(kind="attributed")
    asserted = tables["assertions"]
    asserted = asserted[asserted["claim"].notna()].assign(kind="asserted", framing="asserted")
    columns = ["doc_id", "sentence", "claim", "kind", "framing"]
    extra = ["cue", "cue_lemma", "source_name", "framing_rule", "contested", "content"]
    rows = pd.concat([att[columns + extra],
                      asserted[columns + ["text"]].rename(columns={"text": "content"})],
                     ignore_index=True)
    return rows.merge(docs, left_on="doc_id", right_on="id", how="inner").drop(columns="id")


def framing_profile(tables: Tables, by: str, *, seed: int = 0) -> pd.DataFrame:
    """One row per group: :data:`HEADLINE_MEASURES`, each share with its interval."""
    docs = documents_by(tables, by)
    groups = sorted(docs["group"].unique())
    claims = attributed_claims(tables, by)
    profile = pd.DataFrame(index=pd.Index(groups, name="group"))
    profile["documents"] = docs.groupby("group").size().reindex(groups).fillna(0).astype(int)
    profile["claims"] = claims.groupby("group").size().reindex(groups).fillna(0).astype(int)
    for share in ("distanced", "disputed", "endorsed"):
        _add_share(profile, claims.assign(value=(claims["framing"] == share).astype(float)),
                   share, seed)
    _add_share(profile, claims.assign(value=claims["contested"].astype(float)), "contested",
               seed)
    tracked = tracked_statements(tables, by)
    _add_share(profile, tracked.assign(value=(tracked["kind"] == "asserted").astype(float)),
               "asserted", seed)
    rates = _writer_hedge_rates(tables, docs)
    means = group_means(rates, by="group", value="rate", seed=seed, min_n=1).set_index("group")
    for column, source in (("", "mean"), ("_low", "low"), ("_high", "high")):
        profile[f"writer_hedges_per_1000{column}"] = means[source].reindex(groups)
    return profile


def _add_share(profile: pd.DataFrame, frame: pd.DataFrame, name: str, seed: int) -> None:
    columns = [f"{name}_share", f"{name}_share_low", f"{name}_share_high"]
    if frame.empty:
        profile[columns] = np.nan
        return
    means = group_means(frame, by="group", value="value", seed=seed, min_n=1,
                        cluster="doc_id").set_index("group")
    for column, source in zip(columns, ("mean", "low", "high"), strict=True):
        profile[column] = means[source].reindex(profile.index)


def _writer_hedge_rates(tables: Tables, docs: pd.DataFrame) -> pd.DataFrame:
    hedges = tables["hedges"]
    counts = hedges[hedges["family"].isin(WRITER_FAMILIES)].groupby("doc_id").size()
    rates = docs[["id", "group", "words"]].copy()
    rates["rate"] = 1000 * counts.reindex(rates["id"]).fillna(0).to_numpy() / rates[
        "words"].where(rates["words"] > 0)
    return rates


def claim_grid(tables: Tables, by: str, *, top: int = 10) -> pd.DataFrame:
    """The claims carried by the most groups x the groups: per cell the framing that
    prevails (most statements; a tie goes to the more distant framing), the cue verbs
    and the markers, and how many statements."""
    tracked = tracked_statements(tables, by)
    if tracked.empty:
        return pd.DataFrame(columns=["claim", "label", "group", "framing", "cues", "markers",
                                     "n"])
    spread = tracked.groupby("claim")["group"].nunique().sort_values(ascending=False,
                                                                      kind="stable")
    chosen = spread.index[:top]
    rows = []
    for (claim, group), part in tracked[tracked["claim"].isin(chosen)].groupby(
            ["claim", "group"], sort=True):
        counts = part["framing"].value_counts()
        best = max(counts.index, key=lambda f: (counts[f], FRAMINGS.index(f)))
        cues = sorted(set(part["cue"].dropna()))
        markers = sorted({rule for rules in part["framing_rule"].dropna()
                          for rule in rules.split(";") if not rule.startswith("contest:")})
        rows.append({"claim": claim, "group": group, "framing": best,
                     "cues": ", ".join(cues) or ("(stated as fact)" if best == "asserted"
                                                 else ""),
                     "markers": ", ".join(markers), "n": len(part)})
    grid = pd.DataFrame(rows)
    labels = tables["claims"].set_index("claim")["label"]
    grid.insert(1, "label", grid["claim"].map(labels))
    order = {claim: rank for rank, claim in enumerate(chosen)}
    return grid.sort_values(["claim", "group"], key=lambda s: s.map(order) if s.name ==
                            "claim" else s, kind="stable", ignore_index=True)


def speaker_framing(tables: Tables, by: str, *, top: int = 8) -> pd.DataFrame:
    """For the most cited named sources, per group: how many of their claims each
    framing has, and the cue verbs used ("Kirby said" here, "Kirby claimed" there)."""
    claims = attributed_claims(tables, by)
    named = claims[claims["source_name"].notna()
                   & ~claims["source_type"].isin(["anonymous", "agentless"])].copy()
    named["speaker"] = named["source_name"].str.strip()
    leading = named["speaker"].value_counts().sort_index(kind="stable").sort_values(
        ascending=False, kind="stable").index[:top]
    part = named[named["speaker"].isin(leading)]
    counts = pd.crosstab([part["speaker"], part["group"]], part["framing"]).reindex(
        columns=[f for f in FRAMINGS if f != "asserted"], fill_value=0)
    counts["cues"] = part.groupby(["speaker", "group"])["cue_lemma"].agg(
        lambda s: ", ".join(sorted(set(s))))
    return counts.reset_index()


def first_appearances(tables: Tables, by: str) -> pd.DataFrame:
    """Per claim: who carried it first (date, document, group, framing) and the
    framings it had over time, in date order."""
    tracked = tracked_statements(tables, by).sort_values(["date", "doc_id", "sentence"],
                                                         kind="stable", na_position="last")
    rows = []
    for claim, part in tracked.groupby("claim", sort=True):
        first = part.iloc[0]
        sequence = part.drop_duplicates("doc_id")
        rows.append({"claim": claim, "first_date": first["date"], "first_group":
                     first["group"], "first_framing": first["framing"],
                     "framings_over_time": " → ".join(
                         f"{d or '?'} {f}" for d, f in zip(sequence["date"],
                                                          sequence["framing"], strict=True))})
    return pd.DataFrame(rows, columns=["claim", "first_date", "first_group", "first_framing",
                                       "framings_over_time"])


def interval_text(value: float, low: float, high: float, *, percent: bool) -> str:
    """``26% (11–44%)`` for a share, ``5.9 (2.1–9.6)`` for a rate; the interval left out
    where it has no width (one document), a dash where there is nothing to measure.

    >>> interval_text(0.2593, 0.11, 0.4412, percent=True)
    '26% (11–44%)'
    >>> interval_text(23.6, 23.6, 23.6, percent=False)
    '23.6'
    """
    if value is None or pd.isna(value):
        return "–"
    shown = (lambda v: f"{100 * v:.0f}") if percent else (lambda v: f"{v:.1f}")
    unit = "%" if percent else ""
    if low is None or high is None or pd.isna(low) or pd.isna(high) or (
            shown(low) == shown(high)):
        return f"{shown(value)}{unit}"
    return f"{shown(value)}{unit} ({shown(low)}–{shown(high)}{unit})"


def headline_view(profile: pd.DataFrame, *, labels: bool = False) -> pd.DataFrame:
    """The profile as a reader sees it: counts, then each measure with its interval;
    with ``labels`` the columns are named as :data:`HEADLINE_LABELS` says."""
    view = profile[["documents", "claims"]].copy()
    for measure in HEADLINE_MEASURES[2:]:
        view[measure] = [interval_text(v, lo, hi, percent=measure.endswith("_share"))
                         for v, lo, hi in zip(profile[measure], profile[f"{measure}_low"],
                                              profile[f"{measure}_high"], strict=True)]
    if labels:
        view = view.rename(columns={k: label for k, (label, _) in HEADLINE_LABELS.items()})
    return view
