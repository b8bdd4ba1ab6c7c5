"""Cluster diversity: the groups in the network, where the effort goes, renewal and family.

Rules ``renewal`` (seed: "hæng ikke fast i gamle netværk": old colleagues and
clients lock you into a role; invest in new and different relations) and
``family`` (seed: keep your closest friends and family out of the
professional network, but let them introduce you to 2-3 people).  ``effort``
is the tie table's days in touch in the review window (:mod:`netanalysis.analysis.ties`).

Clusters
--------
* ``louvain`` with at least :data:`MIN_ALTER_TIES` (20) alter ties touching
  :data:`MIN_COVERAGE` (30%) of the active contacts (``effort > 0``; the met
  if none is active): ``louvain_communities(weight="weight", seed=seed)``
  (Blondel et al. 2008) on the alter-alter graph (no ``"me"``, contacts with
  an alter tie, sorted insertion).  It is pure Python (8 s at 30,000 nodes,
  50,000 edges), so above :data:`MAX_LOUVAIN_EDGES` ties it runs on the ties
  among the top contacts (active or annotated, then by strength) and the
  others join the community they have most tie weight to (see ``louvain``).
  Named by dominant circle and company (``former-colleague · Novo Nordisk``).
* else ``circle`` when at least half of the active contacts have one;
* else ``employer``: the current ``company`` (case and spaces ignored).
  People in no group are ``unclustered``: in the effort totals, not in the indices.

Indices
-------
With ``p_i`` the share of the clustered contacts (or effort) in cluster ``i``
of ``k`` non-empty clusters, and ``E`` / ``I`` the alter-alter ties between /
within groups (both ends in a group)::

    Blau      = 1 - Σ p_i²                        (Blau 1977; 0 = one group)
    evenness  = -Σ p_i ln p_i / ln k              (normalised Shannon; NaN if k < 2)
    E-I index = (E - I) / (E + I)                 (Krackhardt & Stern 1988; NaN without ties)

The E-I index runs from -1 (every tie between your contacts stays inside a
group) to +1 (every tie crosses groups).  Its groups are the circles of
``contacts.csv`` when at least one tie joins two contacts with a circle
(``ei_basis = "circle"``), else the clusters (``"cluster"``): communities
found from the same ties put most ties inside by construction, so over
Louvain clusters it is negative whatever the network.

Shares of the total effort ``W``: ``lock_in_largest`` (largest cluster),
``lock_in_old`` (circle in ``OLD_CIRCLES``: colleague, former-colleague),
``newness`` (relations begun within :data:`NEW_DAYS` = 365 days:
``min(first_contact, connected_on) > as_of - 365``), ``family_effort``
(circle in ``PRIVATE_CIRCLES``: family, friend).  NaN with a reason when
``W = 0``; ``lock_in_old`` and ``family_effort`` also when no one has a circle.

Severities (reach × distance)
-----------------------------
``renewal``: the share of the effort locked in beyond a healthy spread,
and how little of it is new::

    old     O = clip((lock_in_old - 0.30) / 0.45, 0, 1)       (30% -> 0, 75% -> 1)
    largest L = clip((lock_in_largest - 0.40) / 0.45, 0, 1)   (40% -> 0, 85% -> 1)
    fresh   F = clip(1 - newness / 0.25, 0, 1)                (a quarter new -> 0)
    severity  = max(max(O, L) · (0.7 + 0.3·F), 0.4·F)         (NaN parts left out)

Lock-in is the trait; one busy new tie (a new colleague) must not hide it:
80% old with 5% new gives 0.94, 60% old with a third new 0.47.  A spread
network with nothing new is not renewing either: ``0.4·F`` (0.4 with no new
relation at all, a problem).  ``family``: the share of the effort ``f`` on
family and close friends, where the seeds' advice is none; half of the
effort is as far as it goes::

    severity = min(1, f / 0.5)                                (10% -> 0.2, 20% -> 0.4)

References
----------
Blau, P. M. (1977). Inequality and Heterogeneity. Free Press.
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
communities in large networks. J. Stat. Mech. P10008.
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2).
Gourani, S. & Weber, H.; "Hæng ikke fast i gamle netværk – og pas på med dine nærmeste" (the seed essays).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from .ledger import as_timestamp
from ..vocab import OLD_CIRCLES, PRIVATE_CIRCLES
from .clusters import MAX_LOUVAIN_EDGES, UNCLUSTERED, cap_clusters, cluster_table, louvain
from .graph import alter_edges
from .result import Action, Finding, Result, finding_tone, plan_priority

__all__ = ["Diversity", "diversity", "findings", "actions", "blau", "evenness", "MIN_ALTER_TIES",
           "MIN_COVERAGE", "MAX_LOUVAIN_EDGES", "NEW_DAYS", "UNCLUSTERED"]

MIN_ALTER_TIES = 20
MIN_COVERAGE = 0.3
#: A relation begun within this many days is new.
NEW_DAYS = 365


@dataclass
class Diversity(Result):
    """Clusters, indices, lock-in, newness and family; ``to_dict()`` leaves out the
    per-person ``clusters`` (the contacts table carries it as ``cluster``)."""

    as_of: dt.date
    method: str
    method_reason: str
    clusters: pd.Series
    clusters_table: pd.DataFrame
    n_clusters: int
    blau_contacts: float
    blau_effort: float
    evenness_contacts: float
    evenness_effort: float
    ei_index: float
    ei_basis: str
    ei_between: int
    ei_within: int
    lock_in_largest: float
    largest_cluster: str
    lock_in_old: float
    newness: float
    family_effort: float
    family_members: list
    family_develop: pd.DataFrame
    renewers: pd.DataFrame
    window_days: int
    louvain: dict
    severity: dict
    reason: dict = field(default_factory=dict)

    NOT_IN_JSON = ("clusters",)


def blau(counts) -> float:
    """Blau's heterogeneity ``1 - Σ p_i²`` over positive counts (NaN if none).

    >>> blau([2, 2]), blau([5]), blau([1, 1, 2])      # 1 - (1/16 + 1/16 + 1/4)
    (0.5, 0.0, 0.625)
    """
    values = np.asarray(counts, dtype=float)
    p = values[values > 0] / values[values > 0].sum()
    return float(1.0 - (p ** 2).sum()) if len(p) else np.nan


def evenness(counts) -> float:
    """Normalised Shannon evenness ``H / ln k`` (NaN if fewer than 2 positive counts).

    >>> evenness([3, 3]), evenness([4]), round(evenness([1, 3]), 4)   # H = -(.25 ln .25 + .75 ln .75)
    (1.0, nan, 0.8113)
    """
    values = np.asarray(counts, dtype=float)
    p = values[values > 0] / values[values > 0].sum()
    return float(-(p * np.log(p)).sum() / np.log(len(p))) if len(p) >= 2 else np.nan


def diversity(ties: pd.DataFrame, graph: nx.Graph, *, goals, as_of, seed: int = 0) -> Diversity:
    """Clusters, diversity, lock-in, newness and family effort as of ``as_of``.

    ``ties`` is the tie table (:func:`~netanalysis.analysis.ties.tie_table`), ``graph``
    the ego graph (:func:`~netanalysis.analysis.graph.build_graph`); ``goals`` gives
    ``window_days`` for the sentences; ``seed`` fixes the Louvain communities.
    Returns a :class:`Diversity` (module docstring); ``reason`` says why a number is NaN.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> from netanalysis.io.goals import Goals
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "company": ["X", "X", "Y"],
    ...     "circle": ["colleague", "colleague", "family"], "effort": [3, 1, 1],
    ...     "strength": [0.5, 0.2, 0.3], "first_contact": pd.to_datetime(["2020-01-01"] * 3),
    ...     "connected_on": pd.to_datetime([None] * 3), "status": [""] * 3},
    ...     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> d = diversity(ties, nx.Graph(), goals=Goals(), as_of="2026-06-01")
    >>> d.method, d.lock_in_old, d.family_effort, round(d.blau_effort, 4)   # 4/5, 1/5, 1 - (.8² + .2²)
    ('circle', 0.8, 0.2, 0.32)
    """
    stamp = as_timestamp(as_of)
    reason: dict[str, str] = {"all": "the tie table is empty"} if len(ties) == 0 else {}
    effort = ties["effort"].astype(float)
    total = float(effort.sum())
    circle = _clean(ties["circle"], lambda v: v.strip().lower())
    company = _clean(ties["company"], str.strip)
    active = effort > 0 if (effort > 0).any() or "interactions" not in ties else ties["interactions"] > 0
    edges = alter_edges(graph, ties.index)
    n_active = int(active.sum())
    touched = np.zeros(len(ties), dtype=bool)
    touched[edges["a"].to_numpy()] = touched[edges["b"].to_numpy()] = True
    coverage = float(touched[active.to_numpy()].mean()) if n_active else 0.0
    circled = float((circle[active] != "").mean()) if n_active else 0.0
    louvain_info, few = {}, f"Too few ties between contacts ({len(edges):,}, reaching {coverage:.0%} of the active)"
    if len(edges) >= MIN_ALTER_TIES and coverage >= MIN_COVERAGE:
        method, why = "louvain", (f"{len(edges):,} ties between contacts reach {coverage:.0%} of the active "
                                  f"contacts, enough to find communities (Louvain).")
        keys, louvain_info = louvain(edges, ties, circle, seed, max_edges=MAX_LOUVAIN_EDGES)
    elif n_active and circled >= 0.5:
        method, why = "circle", f"{few}; {circled:.0%} of the active have a circle: circles are the groups."
        keys = circle.where(circle != "")
    else:
        method, why = "employer", f"{few} and of circles ({circled:.0%}): employers are the groups."
        company_key = _clean(company, lambda v: " ".join(v.lower().split()))
        keys = company_key.where(company_key != "")
    keys = keys.reindex(ties.index)
    table, labels = cluster_table(keys, effort, circle, company, method)
    clusters = keys.map(labels).fillna(UNCLUSTERED).rename("cluster")
    grouped = table[table["cluster"] != UNCLUSTERED]
    if len(grouped) < 2:
        reason["evenness"] = f"{len(grouped)} cluster(s): evenness needs at least 2"
    # E-I over the circles when contacts.csv gives them (clusters found from the same ties would
    # make it negative by construction), else over the clusters.
    circled_ends = circle.to_numpy()[edges["a"].to_numpy()], circle.to_numpy()[edges["b"].to_numpy()]
    ei_basis = "circle" if ((circled_ends[0] != "") & (circled_ends[1] != "")).any() else "cluster"
    if ei_basis == "circle":
        ca, cb = (np.where(x != "", x, None) for x in circled_ends)
    else:
        ca, cb = keys.to_numpy()[edges["a"].to_numpy()], keys.to_numpy()[edges["b"].to_numpy()]
    both = pd.notna(ca) & pd.notna(cb)
    external, ties_in = int((both & (ca != cb)).sum()), int(both.sum())
    ei = (2 * external - ties_in) / ties_in if ties_in else np.nan   # (E - I) / (E + I)
    if np.isnan(ei):
        reason["ei_index"] = ("no ties between contacts in the data (met together, introduced, same employer, knows)"
                              if not len(edges) else f"no ties between two contacts with a {ei_basis}")
    largest, largest_label = np.nan, ""
    if total > 0 and len(grouped):   # grouped is sorted by effort
        largest, largest_label = float(grouped["effort"].iloc[0]) / total, str(grouped["label"].iloc[0])
    elif total > 0:
        reason["lock_in_largest"] = "no contact with effort is in a cluster"
    start = pd.concat([pd.to_datetime(ties[c]) for c in ("first_contact", "connected_on")], axis=1).min(axis=1)
    new = start > stamp - pd.Timedelta(days=NEW_DAYS)
    private = circle.isin(PRIVATE_CIRCLES)
    has_circles = bool((circle != "").any())
    newness = lock_old = family = np.nan
    if total > 0:
        newness = float(effort[new].sum()) / total
        if has_circles:
            lock_old = float(effort[circle.isin(OLD_CIRCLES)].sum()) / total
            family = float(effort[private].sum()) / total
        else:
            reason["lock_in_old"] = reason["family_effort"] = "no circles: contacts.csv not given or without circles"
    else:
        for key in ("lock_in_largest", "lock_in_old", "newness", "family_effort"):
            reason[key] = "no log rows in the review window, so there is no effort to share out"
    renewers = _renewers(ties, circle, clusters, largest_label, new)
    fam = ties[private].assign(_effort=effort[private]).sort_values(
        ["_effort", "contact"], ascending=[False, True], kind="stable")
    status = fam["status"].fillna("")
    stuck = [np.clip((v - lo) / 0.45, 0, 1) for v, lo in ((lock_old, 0.30), (largest, 0.40)) if not np.isnan(v)]
    fresh_gap = float(np.clip(1.0 - newness / 0.25, 0, 1))                      # NaN without effort
    renewal = max(max(stuck, default=0.0) * (0.7 + 0.3 * fresh_gap), 0.4 * fresh_gap)
    severity = {"renewal": float(renewal), "family": min(1.0, family / 0.5) if family > 0 else np.nan}
    return Diversity(as_of=stamp.date(), method=method, method_reason=why, clusters=clusters,
                     clusters_table=cap_clusters(table), n_clusters=len(grouped), blau_contacts=blau(grouped["members"]),
                     blau_effort=blau(grouped["effort"]), evenness_contacts=evenness(grouped["members"]),
                     evenness_effort=evenness(grouped["effort"]), ei_index=ei, ei_basis=ei_basis,
                     ei_between=external, ei_within=ties_in - external,
                     lock_in_largest=largest,
                     largest_cluster=largest_label, lock_in_old=lock_old, newness=newness, family_effort=family,
                     family_members=fam["contact"].tolist(),
                     family_develop=fam.loc[status == "develop", ["contact", "circle", "effort"]],
                     renewers=renewers,
                     window_days=int(goals.window_days), louvain=louvain_info,
                     severity=severity, reason=reason)


def findings(result: Diversity) -> list[Finding]:
    """The ``renewal`` and ``family`` findings (severities in the module docstring)."""
    out: list[Finding] = []
    window = f"the last {result.window_days:,} days"
    sev = result.severity["renewal"]
    if not np.isnan(sev):
        old, largest, new = result.lock_in_old, result.lock_in_largest, result.newness
        parts = [f"{old:.0%} on colleagues and former colleagues"] if not np.isnan(old) else []
        if not np.isnan(largest) and result.largest_cluster:
            parts.append(f"{largest:.0%} on one {'circle' if result.method == 'circle' else 'group'} "
                         f"({result.largest_cluster})")
        parts.append(f"{new:.0%} on relations begun in the last year")
        sentence = f"Of your effort in {window}: {', '.join(parts)}."
        tone = finding_tone(sev)
        stagnant = 0.4 * float(np.clip(1.0 - new / 0.25, 0, 1)) >= sev - 1e-12
        if tone == "problem":
            title = "Few new relations" if stagnant else "Stuck in the old network"
            sentence += (" A network renews itself only when new and different people come in."
                         if stagnant else " Old colleagues and clients lock you into a role; invest in new and "
                                          "different relations.")
        else:
            title = ("Some lock-in to old circles" if not stagnant else "Little renewal") if tone == "note" \
                else "Your network is renewing"
        out.append(Finding("renewal", sev, title, sentence, evidence={
            "lock_in_old": old, "lock_in_largest": largest, "largest_cluster": result.largest_cluster,
            "newness": new, "method": result.method, "blau_effort": result.blau_effort}))
    sev = result.severity["family"]
    if not np.isnan(sev):
        names = result.family_members[:3]
        who = f" ({', '.join(names)}{', ...' if len(result.family_members) > 3 else ''})" if names else ""
        sentence = (f"{result.family_effort:.0%} of your effort in {window} went to family and close friends{who}. "
                    f"Keep them out of the professional network, and ask them to introduce you to 2-3 people instead.")
        title = ("Family and friends in the professional network" if finding_tone(sev) != "good"
                 else "A little effort on family and friends")
        out.append(Finding("family", sev, title, sentence,
                           evidence={"family_effort": result.family_effort, "members": len(result.family_members)}))
    return out


def actions(result: Diversity) -> list[Action]:
    """At most one ``wind down``: the family member or friend marked ``develop`` with the most effort;
    and, when the network is not renewing, up to three ``reconnect`` with relations outside the old
    circles and the largest group (new ones first, then by strength; chemistry 3+ or unknown),
    :func:`~netanalysis.analysis.result.plan_priority` of the renewal severity with urgency
    ``0.5 + 0.5 · [begun in the last year]``.

    :func:`~netanalysis.analysis.result.plan_priority` of the family severity with urgency
    ``min(1, effort / 20)`` (days in touch in the window).
    """
    out: list[Action] = []
    for pid, row in result.family_develop.head(1).iterrows():
        effort = int(row["effort"])
        out.append(Action("wind down", [row["contact"]],
                          f"{row['contact']} is {row['circle']} and marked 'develop' as a professional relation; "
                          f"keep your closest out of it and ask them for 2-3 introductions instead.",
                          "family", plan_priority(result.severity["family"], min(1.0, effort / 20)),
                          person_ids=[pid],
                          evidence={"circle": row["circle"], "effort": effort}))
    sev = result.severity["renewal"]
    if finding_tone(sev) != "good":
        for pid, row in result.renewers.head(3).iterrows():
            where = row["circle"] or row["cluster"] or "a new circle"
            out.append(Action("reconnect", [row["contact"]],
                              f"{row['contact']} ({where}) is outside your old circles"
                              f"{', and a relation begun this year' if row['new'] else ''}; see them again to "
                              f"renew your network.", "renewal", plan_priority(sev, 0.5 + 0.5 * bool(row["new"])),
                              person_ids=[pid], evidence={"circle": row["circle"], "strength": row["strength"],
                                                          "new": bool(row["new"])}))
    return out


def _renewers(ties: pd.DataFrame, circle: pd.Series, clusters: pd.Series, largest: str, new: pd.Series
              ) -> pd.DataFrame:
    """Relations that renew the network: in touch, outside the old and private circles and the
    largest group, not ``wind-down``, chemistry 3+ or unknown; new ones first, then by strength."""
    chem = ties["chemistry"].astype("Float64") if "chemistry" in ties else pd.Series(np.nan, index=ties.index)
    status = ties["status"].fillna("") if "status" in ties else pd.Series("", index=ties.index)
    touched = ties["contact_days"] > 0 if "contact_days" in ties else ties["effort"] > 0
    label = clusters.reindex(ties.index).fillna("")
    ok = (touched & ~circle.isin(OLD_CIRCLES) & ~circle.isin(PRIVATE_CIRCLES) & (label != largest)
          & status.ne("wind-down") & (chem.isna() | (chem >= 3)).to_numpy(dtype=bool))
    frame = ties.loc[ok, ["contact", "strength"]].assign(circle=circle[ok], cluster=label[ok], new=new[ok])
    return frame.sort_values(["new", "strength"], ascending=[False, False], kind="stable").head(10)


def _clean(values: pd.Series, fix) -> pd.Series:
    """``fix`` applied to each distinct text value ('' for missing), vectorised through factorize."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    fixed = np.array([fix(str(v)) if isinstance(v, str) else "" for v in uniques] + [""], dtype=object)
    return pd.Series(fixed[codes], index=values.index, dtype=object)
