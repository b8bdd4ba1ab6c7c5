"""Matchmaking: the user's brokerage position and the introductions to make.

Seed: "be your network's Kirsten Giftekniv" (matchmaker): the strongest
networkers match people in their network and create a relation between them;
they spot who can cover whose needs, and earn a debt of gratitude.

Brokerage (Burt)
----------------
Computed on the *active network*: ``"me"`` plus the contacts in Dunbar layers
1-4 (the <= 150 ties in touch often enough).  Burt's measures come from
name-generator networks of a person's close contacts; over thousands of
never-met connections every connection would look like a structural hole.
The measures, their formulas and why they are computed here rather than with
networkx are in :mod:`netanalysis.analysis.brokerage` (ego edges weigh their
strength, contact edges ``min(1, 0.5 · pieces of evidence)``); ``density =
alter ties / (n · (n - 1) / 2)``.  When the active network has no ties
between contacts the measures say nothing about brokerage: they are ``nan``
with ``brokerage_reason``.

Introductions
-------------
Candidates are the strong ties (the state ``strong``; if fewer than 2, the
ties in layers 1-3), the 200 strongest, leaving out everyone the week's plan
may not give to: those marked ``wind-down``, rated 2 or less for chemistry,
family and friends (keep them out of the professional network) and takers
(an introduction that serves a taker is one more favour to them).  A need of
``b`` is *covered* when ``b`` is already tied (met together, introduced,
knows) to someone who offers it; covered needs are left out.  A pair ``(a,
b)`` qualifies when it is not already tied in the graph, the two are in
different groups (``cluster``; when there are no clusters, ``circle``, else
``company``; an unclustered contact, having no known ties, is a group of its
own) and there is a reason: an offers/needs match or both rated 4+ for
chemistry.  With ``m`` the number of open needs one offers to the other
(both ways)::

    score = 2 · m + [chemistry_a >= 4 and chemistry_b >= 4] + min(strength_a, strength_b)

A *best* introduction has ``m >= 1``, both strong and both 4+ for chemistry.
``distinct_matched`` / ``distinct_best`` count the pairs kept greedily, best
score first, so that nobody is in two of them.

Severity of ``matchmaking`` (reach × distance)
----------------------------------------------
::

    reach     = candidates with an open need another candidate can meet / candidates with any need
    distance  = 1 - min(1, introductions made in the window / INTRO_TARGET)   (12 a year)
    severity  = reach · distance · min(1, open needers / 3)

Needs already covered and introductions already made lower it: someone who
made an introduction a month is already her network's matchmaker; one or two
open needs are damped.  With
chemistry pairs only (no offers and needs filled in) the finding is a note,
``0.1 · distance``; no finding when no pair qualifies.

References
----------
Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard UP.
Burt, R. S. (2004). Structural holes and good ideas. American Journal of Sociology 110(2).
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
Connections 20(1), 35-38.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from .._format import join_and, plural
from ..vocab import PRIVATE_CIRCLES
from .brokerage import burt_measures, weight_matrix
from .graph import EGO
from .result import Action, Finding, Result, finding_tone, plan_priority

__all__ = ["Matchmaking", "matchmaking", "findings", "actions", "MAX_CANDIDATES", "TOP_INTRODUCTIONS",
           "INTRO_TARGET", "no_introduction"]

#: Trusted contacts considered for introductions (the strongest), to stay fast.
MAX_CANDIDATES = 200
#: Introductions kept.
TOP_INTRODUCTIONS = 10
#: Introductions a year from which the matchmaking is done (one a month).
INTRO_TARGET = 12
#: Chemistry from which a contact counts as "you like them" (1-5).
HIGH_CHEMISTRY = 4
LOW_CHEMISTRY = 2
_ACTIVE_LAYER = 4
_FALLBACK_LAYER = 3
_NO_CLUSTER = ("", "unclustered")
_SEED = "be your network's matchmaker (Kirsten Giftekniv)"
NO_ALTER_TIES = ("your files show no ties between your contacts (LinkedIn's export has none); "
                 "log who you meet together (`with`) or fill `knows` in contacts.csv")
_WHERE = {"cluster": "different clusters", "circle": "different circles", "company": "different companies"}
_MAX_ACTIONS = 5
_COLUMNS = ["a", "b", "a_id", "b_id", "score", "matches", "matched", "both_chemistry", "min_strength",
            "best", "a_group", "b_group", "reason"]


@dataclass
class Matchmaking(Result):
    """Brokerage of ``"me"`` in the active network and the introductions to make.

    ``introductions`` (top 10, best first): ``a, b`` (names), ``a_id, b_id``,
    ``score``, ``matches`` (open needs matched), ``matched``
    (``;``-joined items), ``both_chemistry``, ``min_strength``, ``best``, ``a_group, b_group``
    and ``reason`` (one sentence).
    """

    active_contacts: int
    alter_ties: int
    density: float
    constraint: float
    effective_size: float
    efficiency: float
    brokerage_reason: str
    candidates: int
    trusted: bool
    group_basis: str
    pairs: int
    matched_pairs: int
    best_pairs: int
    distinct_matched: int
    distinct_best: int
    needers: int
    open_needers: int
    covered_needs: int
    introductions_made: int
    window_days: int
    introductions: pd.DataFrame
    introductions_reason: str
    excluded: int = 0
    seeds: list[str] = field(default_factory=lambda: [_SEED])


def no_introduction(ties: pd.DataFrame) -> pd.Series:
    """Who may not be introduced or given to (bool by person): marked ``wind-down``,
    rated 2 or less for chemistry, in a private circle (family, friend), or a taker.

    >>> ties = pd.DataFrame({"status": ["", "wind-down", ""], "circle": ["client", "", "family"],
    ...     "chemistry": pd.array([2, 5, pd.NA], dtype="Int64"), "taker": [False, False, False]})
    >>> no_introduction(ties).tolist()
    [True, True, True]
    """
    status = ties["status"].fillna("") if "status" in ties else pd.Series("", index=ties.index)
    circle = ties["circle"].fillna("").astype(str).str.strip().str.lower() if "circle" in ties else status * 0
    chem = ties["chemistry"].astype("Float64") if "chemistry" in ties else pd.Series(np.nan, index=ties.index)
    taker = ties["taker"].astype(bool) if "taker" in ties else pd.Series(False, index=ties.index)
    return (status.eq("wind-down") | circle.isin(PRIVATE_CIRCLES) | (chem <= LOW_CHEMISTRY).fillna(False)
            | taker).astype(bool)


def matchmaking(ties: pd.DataFrame, graph: nx.Graph, *, goals, as_of=None, introductions_made: int = 0
                ) -> Matchmaking:
    """Brokerage (Burt's constraint and effective size) and introductions to make.

    Parameters
    ----------
    ties : DataFrame
        The tie table with ``cluster``; reads ``contact, company, circle,
        chemistry, status, offers, needs, strength, strong, taker, layer, cluster``.
    graph : networkx.Graph
        The ego graph (:func:`netanalysis.analysis.graph.build_graph`).
    goals : Goals
        ``trusted_strength`` and ``window_days``.
    as_of : date-like, optional
        Unused (the tie table is already as of the review date).
    introductions_made : int
        Introductions logged in the review window (``intro`` rows you gave).

    Returns
    -------
    Matchmaking

    Examples
    --------
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "company": ["", "", ""],
    ...     "circle": ["client", "community", "client"], "chemistry": pd.array([4, 5, pd.NA], dtype="Int64"),
    ...     "offers": ["hiring", "", ""], "needs": ["", "hiring", ""], "strength": [0.6, 0.5, 0.4],
    ...     "layer": pd.array([1, 1, 1], dtype="Int64"), "cluster": ["", "", ""], "status": ["", "", ""]},
    ...     index=["a", "b", "c"])
    >>> g = nx.Graph([("me", p, {"weight": s}) for p, s in ties["strength"].items()])
    >>> g.add_edge("a", "c", weight=1.0)
    >>> from netanalysis.io.goals import Goals
    >>> m = matchmaking(ties, g, goals=Goals())
    >>> m.introductions[["a", "b", "score"]].to_dict("records")   # 2·1 + 1 + min(0.6, 0.5)
    [{'a': 'Ann', 'b': 'Bo', 'score': 3.5}]
    >>> m.alter_ties, round(m.density, 3), round(m.effective_size, 3), m.open_needers, m.needers
    (1, 0.333, 2.333, 1, 1)
    """
    brokerage = _brokerage(ties, graph)
    intro = _introductions(ties, graph, float(goals.trusted_strength))
    return Matchmaking(**brokerage, **intro, introductions_made=int(introductions_made),
                       window_days=int(goals.window_days))


def severity(result: Matchmaking) -> float:
    """The ``matchmaking`` severity of the module docstring (NaN when no pair qualifies).

    >>> import math
    >>> r = Matchmaking(0, 0, 0, 0, 0, 0, "", 4, True, "circle", 2, 2, 1, 1, 1, needers=4, open_needers=2,
    ...     covered_needs=0, introductions_made=6, window_days=365, introductions=pd.DataFrame(),
    ...     introductions_reason="")
    >>> round(severity(r), 4)        # reach 2/4, distance 1 - 6/12, two open needers of three
    0.1667
    """
    if result.pairs == 0:
        return math.nan
    target = INTRO_TARGET * result.window_days / 365
    distance = 1.0 - min(1.0, result.introductions_made / target) if target > 0 else 1.0
    if result.needers == 0 or result.distinct_matched == 0:
        return 0.1 * distance
    return result.open_needers / result.needers * distance * min(1.0, result.open_needers / 3)


def findings(result: Matchmaking) -> list[Finding]:
    """The ``matchmaking`` finding (severity in the module docstring)."""
    sev = severity(result)
    if math.isnan(sev):
        return []
    matched, best = result.distinct_matched, result.distinct_best
    intro = result.introductions
    pick = intro["best"].astype(bool) if best else intro["matches"] > 0 if matched else intro["score"] > -1
    top = intro[pick.to_numpy()].iloc[0] if pick.any() else intro.iloc[0]
    made = result.introductions_made
    done = (f"You made {made:,} {plural(made, 'introduction')} in the last {result.window_days:,} days. "
            if made else "")
    tone = finding_tone(sev)
    if matched:
        count = best or matched
        kind = "well-matched " if best else ""
        sentence = (f"{done}{count} {kind}{plural(count, 'introduction')} {plural(count, 'is', 'are')} waiting "
                    f"among your {'strong ties' if result.trusted else 'closest contacts'}, in different circles, one "
                    f"offering what the other needs ({result.open_needers} of the {result.needers} with a need can "
                    f"be helped); the best: {top['a']} and {top['b']} ({str(top['matched']).replace(';', ', ')}).")
        title = {"problem": "Introductions to make", "note": "A few introductions to make",
                 "good": "You are your network's matchmaker"}[tone]
    else:
        sentence = (f"{done}{result.pairs} {plural(result.pairs, 'pair')} of contacts you like "
                    f"{plural(result.pairs, 'is', 'are')} in {_WHERE[result.group_basis]} and don't know "
                    f"each other yet, e.g. {top['a']} and {top['b']}; fill offers and needs in contacts.csv "
                    "to see who can help whom.")
        title = "Possible introductions"
    return [Finding(rule="matchmaking", severity=sev, title=title, sentence=sentence,
                    evidence={"pairs": result.pairs, "matched_pairs": result.matched_pairs,
                              "best_pairs": result.best_pairs, "distinct_matched": matched,
                              "distinct_best": best, "needers": result.needers,
                              "open_needers": result.open_needers, "introductions_made": made,
                              "constraint": result.constraint, "effective_size": result.effective_size,
                              "density": result.density, "brokerage_reason": result.brokerage_reason,
                              "top": [top["a"], top["b"]], "seed": _SEED})]


def actions(result: Matchmaking) -> list[Action]:
    """``introduce`` the top 5 pairs: :func:`~netanalysis.analysis.result.plan_priority` of the
    severity with urgency ``(min(matches, 2) / 2 + [both 4+ chemistry] + min(strength)) / 2.5``."""
    sev = severity(result)
    out = []
    for row in result.introductions.head(_MAX_ACTIONS).itertuples(index=False):
        urgency = (min(row.matches, 2) / 2 + row.both_chemistry + row.min_strength) / 2.5
        out.append(Action(
            verb="introduce", contacts=[row.a, row.b], person_ids=[str(row.a_id), str(row.b_id)],
            rule="matchmaking", reason=row.reason + ".", priority=plan_priority(sev, urgency),
            evidence={"score": row.score, "matched": row.matched, "best": bool(row.best)}))
    return out


def _brokerage(ties: pd.DataFrame, graph: nx.Graph) -> dict:
    """Constraint, effective size, efficiency and density of ``"me"`` in the active network."""
    active = [p for p in ties.index[_layer(ties) <= _ACTIVE_LAYER] if p in graph]
    out = {"active_contacts": len(active), "alter_ties": 0, "density": math.nan, "constraint": math.nan,
           "effective_size": math.nan, "efficiency": math.nan}
    if not active or EGO not in graph:
        return {**out, "brokerage_reason": "nobody is in touch often enough yet: brokerage is measured on the "
                                           "people you are actually in touch with"}
    sub = _induced(graph, [EGO, *active])
    n = len(active)
    alter = sub.number_of_edges() - sub.degree(EGO)
    out["alter_ties"] = int(alter)
    out["density"] = alter / (n * (n - 1) / 2) if n > 1 else math.nan
    if alter == 0:
        return {**out, "brokerage_reason": NO_ALTER_TIES}
    nodes = [EGO, *active]
    weights = weight_matrix(nodes, ((u, v, d.get("weight", 1.0)) for u, v, d in sub.edges(data=True)))
    measures = burt_measures(weights, 0)
    out.update(constraint=measures["constraint"], effective_size=measures["effective_size"],
               efficiency=measures["efficiency"])
    return {**out, "brokerage_reason": ""}


def _introductions(ties: pd.DataFrame, graph: nx.Graph, trusted_strength: float) -> dict:
    """Candidate pairs scored as in the module docstring (vectorised over <= 200 contacts)."""
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
    trusted = True
    strong = ties["strong"].astype(bool) if "strong" in ties else ties["strength"].astype(float) >= trusted_strength
    pool = ties[strong.to_numpy()]
    if len(pool) < 2:
        trusted = False
        pool = ties[_layer(ties) <= _FALLBACK_LAYER]
    barred = no_introduction(pool)
    excluded = int(barred.sum())
    pool = pool[~barred.to_numpy()]
    pool = pool.assign(_id=pool.index).sort_values(["strength", "_id"], ascending=[False, True])
    pool = pool.head(MAX_CANDIDATES)
    base = {"candidates": len(pool), "trusted": trusted, "group_basis": "", "pairs": 0, "matched_pairs": 0,
            "best_pairs": 0, "distinct_matched": 0, "distinct_best": 0, "needers": 0, "open_needers": 0,
            "covered_needs": 0, "introductions": empty, "excluded": excluded}
    if len(pool) < 2:
        return {**base, "introductions_reason": (
            f"fewer than 2 strong ties (strength >= {trusted_strength:g}) or close contacts "
            "(layers 1-3) to introduce to each other")}
    ids = pool.index.tolist()
    basis, group = _groups(pool)
    offers = [_items(x) for x in pool["offers"]]
    needs, covered = _open_needs(pool, ties, graph)
    vocab = sorted(set().union(*offers, *needs))
    col = {item: k for k, item in enumerate(vocab)}
    offer_m = np.zeros((len(ids), len(vocab)), dtype=np.int64)
    need_m = np.zeros_like(offer_m)
    for i, (o, nd) in enumerate(zip(offers, needs)):
        offer_m[i, [col[x] for x in o]] = 1
        need_m[i, [col[x] for x in nd]] = 1
    gives = offer_m @ need_m.T                      # gives[i, j]: open needs of j that i offers
    matched = gives + gives.T
    chem = (pool["chemistry"].astype("Int64").fillna(0).to_numpy(dtype=np.int64) >= HIGH_CHEMISTRY)
    both_chem = np.logical_and.outer(chem, chem)
    power = pool["strength"].to_numpy(dtype=float)
    weakest = np.minimum.outer(power, power)
    position = {p: i for i, p in enumerate(ids)}
    tied = np.zeros((len(ids), len(ids)), dtype=bool)
    for u, v in _induced(graph, ids).edges():
        tied[position[u], position[v]] = tied[position[v], position[u]] = True
    known = np.array([g != "" for g in group])
    labels = np.array(group, dtype=object)
    different = np.not_equal.outer(labels, labels) & np.logical_and.outer(known, known)
    ok = np.triu(different & ~tied & ((matched > 0) | both_chem), k=1)
    score = 2.0 * matched + both_chem + weakest
    rows, cols = np.nonzero(ok)
    order = np.lexsort((cols, rows, -score[rows, cols]))
    rows, cols = rows[order], cols[order]
    has_match = matched[rows, cols] > 0
    best = has_match & both_chem[rows, cols] & trusted
    helped = (gives * (different & ~tied)).sum(axis=0) > 0      # j has an open need someone can meet
    top = []
    for i, j in zip(rows[:TOP_INTRODUCTIONS].tolist(), cols[:TOP_INTRODUCTIONS].tolist()):
        a, b = (i, j) if gives[i, j] >= gives[j, i] else (j, i)
        top.append(_pair(pool, ids, a, b, offers, needs, group, basis, trusted, trusted_strength,
                         score[a, b], bool(both_chem[a, b])))
    table = pd.DataFrame(top, columns=_COLUMNS) if top else empty
    return {**base, "group_basis": basis, "pairs": int(len(rows)),
            "matched_pairs": int(has_match.sum()), "best_pairs": int(best.sum()),
            "distinct_matched": _distinct(rows[has_match], cols[has_match]),
            "distinct_best": _distinct(rows[best], cols[best]),
            "needers": int(sum(1 for n, c in zip(needs, covered) if n or c)),
            "open_needers": int(helped.sum()), "covered_needs": int(sum(len(c) for c in covered)),
            "introductions": table,
            "introductions_reason": "" if top else "no two candidates in different groups have a reason to meet "
                                                   "(offers/needs in contacts.csv, or chemistry 4+ for both)"}


def _open_needs(pool: pd.DataFrame, ties: pd.DataFrame, graph: nx.Graph) -> tuple[list[set], list[set]]:
    """Per candidate, the needs not yet covered and the needs covered (tied to someone who offers them)."""
    offers_by = {p: _items(x) for p, x in ties["offers"].items() if isinstance(x, str) and x.strip()}
    open_needs, covered = [], []
    for person, cell in pool["needs"].items():
        need = _items(cell)
        near = set()
        if need and person in graph:
            for other in graph.adj[person]:
                if other != EGO:
                    near |= offers_by.get(other, set())
        covered.append(need & near)
        open_needs.append(need - near)
    return open_needs, covered


def _induced(graph: nx.Graph, nodes: list) -> nx.Graph:
    """The subgraph on ``nodes`` with ``weight`` only (walks only their adjacency: fast
    even when ``"me"`` has 30,000 neighbours outside ``nodes``)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(n for n in nodes if n in graph)
    for u in nodes:
        if u == EGO or u not in graph:
            continue
        for v, data in graph.adj[u].items():
            if v in keep:
                sub.add_edge(u, v, weight=float(data.get("weight", 1.0)))
    return sub


def _distinct(rows: np.ndarray, cols: np.ndarray) -> int:
    """Pairs kept greedily, best first, so that nobody is in two of them."""
    used: set[int] = set()
    kept = 0
    for i, j in zip(rows.tolist(), cols.tolist()):
        if i not in used and j not in used:
            used.update((i, j))
            kept += 1
    return kept


def _layer(ties: pd.DataFrame) -> np.ndarray:
    """Dunbar layer as floats (never met: 6)."""
    return ties["layer"].astype("Float64").fillna(6.0).to_numpy(dtype=float)


def _groups(pool: pd.DataFrame) -> tuple[str, list[str]]:
    """``(basis, group per contact)``: clusters if any, else circle, else company ("" = unknown)."""
    cluster = pool["cluster"].fillna("").astype(str).str.strip()
    if (~cluster.isin(_NO_CLUSTER)).any():
        # An unclustered contact has no known ties: a group of their own.
        return "cluster", [c if c not in _NO_CLUSTER else f"\0{p}" for p, c in zip(pool.index, cluster)]
    circle = pool["circle"].fillna("").astype(str).str.strip().str.lower()
    company = pool["company"].fillna("").astype(str).str.strip().str.lower()
    basis = "circle" if (circle != "").any() else "company"
    chosen = circle.where(circle != "", "company:" + company).where((circle != "") | (company != ""), "")
    return basis, chosen.tolist()


def _items(cell) -> set[str]:
    if not isinstance(cell, str) or not cell.strip():
        return set()
    return {x.strip().lower() for x in cell.split(";") if x.strip()}


def _pair(pool, ids, a, b, offers, needs, group, basis, trusted, trusted_strength, score, both_chem) -> dict:
    """One introduction row with its reason sentence."""
    ra, rb = pool.iloc[a], pool.iloc[b]
    a_to_b, b_to_a = sorted(offers[a] & needs[b]), sorted(offers[b] & needs[a])
    na, nb = ra["contact"], rb["contact"]
    la, lb = _label(ra), _label(rb)
    parts = []
    if a_to_b:
        parts.append(f"{na}{la} offers {join_and(a_to_b)}, which {nb}{lb} needs")
    if b_to_a:
        parts.append(f"{nb}{'' if a_to_b else lb} offers {join_and(b_to_a)}, which {na}"
                     f"{'' if a_to_b else la} needs")
    if not parts:
        parts.append(f"{na}{la} and {nb}{lb} are both people you rate {HIGH_CHEMISTRY}+ for chemistry")
    how = (f"both close to you (strength {ra['strength']:.2f}, {rb['strength']:.2f})" if trusted else
           f"both among your closest contacts (strength {ra['strength']:.2f}, {rb['strength']:.2f})")
    reason = "; ".join(parts) + f"; they are in {_WHERE[basis]} and {how}"
    if (a_to_b or b_to_a) and both_chem:
        reason += f", and you rate both {HIGH_CHEMISTRY}+ for chemistry"
    matched = a_to_b + [x for x in b_to_a if x not in a_to_b]
    count = len(a_to_b) + len(b_to_a)
    return {"a": na, "b": nb, "a_id": ids[a], "b_id": ids[b], "score": round(float(score), 6),
            "matches": count, "matched": ";".join(matched), "both_chemistry": both_chem,
            "min_strength": round(float(min(ra["strength"], rb["strength"])), 6),
            "best": bool(count and both_chem and trusted),
            "a_group": _shown(group[a]), "b_group": _shown(group[b]), "reason": reason}


def _label(row) -> str:
    text = row["circle"] or row["company"]
    return f" ({text})" if text else ""


def _shown(group: str) -> str:
    return "" if group.startswith("\0") else group.removeprefix("company:")
