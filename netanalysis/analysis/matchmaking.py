"""Matchmaking: the user's brokerage position and the introductions to make.

Seed: "be your network's Kirsten Giftekniv" (matchmaker): the strongest
networkers match people in their network and create a relation between them;
they spot who can cover whose needs, and earn a debt of gratitude.

Brokerage (Burt)
----------------
Computed on the *active network*: ``"me"`` plus the contacts in Dunbar layers
1-4 (the <= 150 strongest met contacts).  Burt's measures come from
name-generator networks of a person's close contacts; over thousands of
never-met connections every connection would look like a structural hole.
With ``p_ij`` the share of ``i``'s tie weight (ego edges: strength; contact
edges: pieces of evidence) that goes to ``j``::

    constraint(me)     = Σ_j (p_mj + Σ_q p_mq · p_qj)²          (Burt 1992, 2004)
    effective_size(me) = Σ_j (1 - Σ_q p_mq · m_jq)              (m_jq = w_jq / max_k w_jk)
    efficiency         = effective_size / number of contacts
    density            = alter ties / (n · (n - 1) / 2)

(unweighted, effective size is Borgatti's ``n - 2t/n``.)  Low constraint and
an effective size close to ``n`` mean many structural holes to bridge.  When
the active network has no ties between contacts the measures say nothing about
brokerage: they are ``nan`` with ``brokerage_reason``.

Introductions
-------------
Candidates are the trusted contacts (``strength >= goals.trusted_strength``;
if fewer than 2, the contacts in layers 1-3), the 200 strongest, leaving out
those marked ``wind-down`` and family and friends (the seed: keep them out of
the professional network).  A pair
``(a, b)`` qualifies when it is not already tied in the graph, the two are in
different groups (``cluster``; when there are no clusters, ``circle``, else
``company``; an unclustered contact, having no known ties, is a group of its
own) and there is a reason: an offers/needs match or both rated 4+ for
chemistry.  With ``m`` the number of items one offers that the other needs
(both ways)::

    score = 2 · m + [chemistry_a >= 4 and chemistry_b >= 4] + min(strength_a, strength_b)

A *strong* introduction has ``m >= 1``, both trusted and both 4+ for chemistry.
``distinct_matched`` / ``distinct_strong`` count the pairs kept greedily, best
score first, so that nobody is in two of them (introductions that could all be
made: one popular contact matching many others counts once).

Severity of ``matchmaking`` (0-1, how much matchmaking is left undone)
----------------------------------------------------------------------
``0.1 + 0.1 · min(distinct_matched, 3) + 0.15 · min(distinct_strong, 3)``
(0.85 with 3 strong introductions, 0.4 with 3 weaker ones, 0.1 with only
chemistry pairs); no finding when no pair qualifies.

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
from .graph import EGO
from .result import Action, Finding, Result

__all__ = ["Matchmaking", "matchmaking", "findings", "actions", "MAX_CANDIDATES", "TOP_INTRODUCTIONS"]

#: Trusted contacts considered for introductions (the strongest), to stay fast.
MAX_CANDIDATES = 200
#: Introductions kept.
TOP_INTRODUCTIONS = 10
#: Chemistry from which a contact counts as "you like them" (1-5).
HIGH_CHEMISTRY = 4
_ACTIVE_LAYER = 4
_FALLBACK_LAYER = 3
_NO_CLUSTER = ("", "unclustered")
_SEED = "be your network's matchmaker (Kirsten Giftekniv)"
NO_ALTER_TIES = ("your files show no ties between your contacts (LinkedIn's export has none); "
                 "log who you meet together (`with`) or fill `knows` in contacts.csv")
_WHERE = {"cluster": "different clusters", "circle": "different circles", "company": "different companies"}
_MAX_ACTIONS = 5
_COLUMNS = ["a", "b", "a_id", "b_id", "score", "matches", "matched", "both_chemistry", "min_strength",
            "strong", "a_group", "b_group", "reason"]


@dataclass
class Matchmaking(Result):
    """Brokerage of ``"me"`` in the active network and the introductions to make.

    ``introductions`` (top 10, best first): ``a, b`` (names), ``a_id, b_id``,
    ``score``, ``matches`` (offers/needs items matched), ``matched``
    (``;``-joined items), ``both_chemistry``, ``min_strength``, ``strong``, ``a_group, b_group``
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
    strong_pairs: int
    distinct_matched: int
    distinct_strong: int
    introductions: pd.DataFrame
    introductions_reason: str
    seeds: list[str] = field(default_factory=lambda: [_SEED])


def matchmaking(ties: pd.DataFrame, graph: nx.Graph, *, goals, as_of=None) -> Matchmaking:
    """Brokerage (Burt's constraint and effective size) and introductions to make.

    Parameters
    ----------
    ties : DataFrame
        The tie table with ``cluster``; reads ``contact, company, circle,
        chemistry, status, offers, needs, strength, layer, cluster``.
    graph : networkx.Graph
        The ego graph (:func:`netanalysis.analysis.graph.build_graph`).
    goals : Goals
        ``trusted_strength``.
    as_of : date-like, optional
        Unused (the tie table is already as of the review date).

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
    >>> m = matchmaking(ties, g, goals=Goals(trusted_strength=0.35))
    >>> m.introductions[["a", "b", "score"]].to_dict("records")   # 2·1 + 1 + min(0.6, 0.5)
    [{'a': 'Ann', 'b': 'Bo', 'score': 3.5}]
    >>> m.alter_ties, round(m.density, 3), round(m.effective_size, 3)
    (1, 0.333, 2.333)
    """
    brokerage = _brokerage(ties, graph)
    intro = _introductions(ties, graph, float(goals.trusted_strength))
    return Matchmaking(**brokerage, **intro)


def findings(result: Matchmaking) -> list[Finding]:
    """The ``matchmaking`` finding (severity in the module docstring)."""
    if result.pairs == 0:
        return []
    matched, strong = result.distinct_matched, result.distinct_strong
    severity = 0.1 + 0.1 * min(matched, 3) + 0.15 * min(strong, 3)
    intro = result.introductions
    # The example: the best strong introduction, else the best match, else the best pair.
    pick = intro["strong"].astype(bool) if strong else intro["matches"] > 0 if matched else intro["score"] > -1
    top = intro[pick.to_numpy()].iloc[0] if pick.any() else intro.iloc[0]
    if matched:
        kind = "strong " if strong else ""
        count = strong or matched
        sentence = (f"{count} {kind}{plural(count, 'introduction')} "
                    f"{plural(count, 'is', 'are')} waiting among your "
                    f"{'trusted' if result.trusted else 'closest'} contacts, in different circles, one "
                    f"offering what the other needs; the best: {top['a']} and {top['b']} "
                    f"({str(top['matched']).replace(';', ', ')}).")
    else:
        sentence = (f"{result.pairs} {plural(result.pairs, 'pair')} of contacts you like "
                    f"{plural(result.pairs, 'is', 'are')} in {_WHERE[result.group_basis]} and don't know "
                    f"each other yet, e.g. {top['a']} and {top['b']}; fill offers and needs in contacts.csv "
                    "to see who can help whom.")
    title = "Introductions to make" if matched else "Possible introductions"
    return [Finding(rule="matchmaking", severity=severity, title=title, sentence=sentence,
                    evidence={"pairs": result.pairs, "matched_pairs": result.matched_pairs,
                              "strong_pairs": result.strong_pairs, "distinct_matched": matched,
                              "distinct_strong": strong,
                              "constraint": result.constraint, "effective_size": result.effective_size,
                              "density": result.density, "brokerage_reason": result.brokerage_reason,
                              "top": [top["a"], top["b"]], "seed": _SEED})]


def actions(result: Matchmaking) -> list[Action]:
    """``introduce`` the top 5 pairs.

    ``priority = min(0.85, 0.35 + 0.15 · min(matches, 2) + 0.1 · [both 4+ chemistry]
    + 0.2 · min(strength))``.
    """
    out = []
    for row in result.introductions.head(_MAX_ACTIONS).itertuples(index=False):
        out.append(Action(
            verb="introduce", contacts=[row.a, row.b], person_ids=[str(row.a_id), str(row.b_id)],
            rule="matchmaking", reason=row.reason + ".",
            priority=min(0.85, 0.35 + 0.15 * min(row.matches, 2) + 0.1 * row.both_chemistry
                         + 0.2 * row.min_strength),
            evidence={"score": row.score, "matched": row.matched, "strong": bool(row.strong)}))
    return out


def _brokerage(ties: pd.DataFrame, graph: nx.Graph) -> dict:
    """Constraint, effective size, efficiency and density of ``"me"`` in the active network."""
    active = [p for p in ties.index[_layer(ties) <= _ACTIVE_LAYER] if p in graph]
    out = {"active_contacts": len(active), "alter_ties": 0, "density": math.nan, "constraint": math.nan,
           "effective_size": math.nan, "efficiency": math.nan}
    if not active or EGO not in graph:
        return {**out, "brokerage_reason": "no met contacts yet: brokerage is measured on the people "
                                           "you actually meet (log your interactions)"}
    sub = _induced(graph, [EGO, *active])
    n = len(active)
    alter = sub.number_of_edges() - sub.degree(EGO)
    out["alter_ties"] = int(alter)
    out["density"] = alter / (n * (n - 1) / 2) if n > 1 else math.nan
    if alter == 0:
        return {**out, "brokerage_reason": NO_ALTER_TIES}
    # The whole (small) subgraph: networkx's sparse-matrix path, not the slow per-node one.
    out["constraint"] = float(nx.constraint(sub, weight="weight")[EGO])
    out["effective_size"] = float(nx.effective_size(sub, weight="weight")[EGO])
    out["efficiency"] = out["effective_size"] / n
    return {**out, "brokerage_reason": ""}


def _introductions(ties: pd.DataFrame, graph: nx.Graph, trusted_strength: float) -> dict:
    """Candidate pairs scored as in the module docstring (vectorised over <= 200 contacts)."""
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
    trusted = True
    pool = ties[ties["strength"].astype(float).to_numpy() >= trusted_strength]
    if len(pool) < 2:
        trusted = False
        pool = ties[_layer(ties) <= _FALLBACK_LAYER]
    pool = pool[(pool["status"] != "wind-down") & ~pool["circle"].isin(PRIVATE_CIRCLES)]
    pool = pool.assign(_id=pool.index).sort_values(["strength", "_id"], ascending=[False, True])
    pool = pool.head(MAX_CANDIDATES)
    base = {"candidates": len(pool), "trusted": trusted, "group_basis": "", "pairs": 0, "matched_pairs": 0,
            "strong_pairs": 0, "distinct_matched": 0, "distinct_strong": 0, "introductions": empty}
    if len(pool) < 2:
        return {**base, "introductions_reason": (
            f"fewer than 2 trusted contacts (strength >= {trusted_strength:g}) or close contacts "
            "(layers 1-3) to introduce to each other")}
    ids = pool.index.tolist()
    basis, group = _groups(pool)
    offers = [_items(x) for x in pool["offers"]]
    needs = [_items(x) for x in pool["needs"]]
    vocab = sorted(set().union(*offers, *needs))
    col = {item: k for k, item in enumerate(vocab)}
    offer_m = np.zeros((len(ids), len(vocab)), dtype=np.int64)
    need_m = np.zeros_like(offer_m)
    for i, (o, nd) in enumerate(zip(offers, needs)):
        offer_m[i, [col[x] for x in o]] = 1
        need_m[i, [col[x] for x in nd]] = 1
    gives = offer_m @ need_m.T                      # gives[i, j]: items i offers that j needs
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
    strong = has_match & both_chem[rows, cols] & trusted
    top = []
    for i, j in zip(rows[:TOP_INTRODUCTIONS].tolist(), cols[:TOP_INTRODUCTIONS].tolist()):
        a, b = (i, j) if gives[i, j] >= gives[j, i] else (j, i)
        top.append(_pair(pool, ids, a, b, offers, needs, group, basis, trusted, trusted_strength,
                         score[a, b], bool(both_chem[a, b])))
    table = pd.DataFrame(top, columns=_COLUMNS) if top else empty
    return {**base, "group_basis": basis, "pairs": int(len(rows)),
            "matched_pairs": int(has_match.sum()), "strong_pairs": int(strong.sum()),
            "distinct_matched": _distinct(rows[has_match], cols[has_match]),
            "distinct_strong": _distinct(rows[strong], cols[strong]),
            "introductions": table,
            "introductions_reason": "" if top else "no two candidates in different groups have a reason to meet "
                                                   "(offers/needs in contacts.csv, or chemistry 4+ for both)"}


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
    how = (f"both trusted (strength {ra['strength']:.2f}, {rb['strength']:.2f})" if trusted else
           f"both among your closest contacts (strength {ra['strength']:.2f}, {rb['strength']:.2f})")
    reason = "; ".join(parts) + f"; they are in {_WHERE[basis]} and {how}"
    if (a_to_b or b_to_a) and both_chem:
        reason += f", and you rate both {HIGH_CHEMISTRY}+ for chemistry"
    matched = a_to_b + [x for x in b_to_a if x not in a_to_b]
    count = len(a_to_b) + len(b_to_a)
    return {"a": na, "b": nb, "a_id": ids[a], "b_id": ids[b], "score": round(float(score), 6),
            "matches": count, "matched": ";".join(matched), "both_chemistry": both_chem,
            "min_strength": round(float(min(ra["strength"], rb["strength"])), 6),
            "strong": bool(count and both_chem and trusted),
            "a_group": _shown(group[a]), "b_group": _shown(group[b]), "reason": reason}


def _label(row) -> str:
    text = row["circle"] or row["company"]
    return f" ({text})" if text else ""


def _shown(group: str) -> str:
    return "" if group.startswith("\0") else group.removeprefix("company:")
