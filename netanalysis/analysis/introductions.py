"""Introductions: who of your strong ties should meet whom, and why.

Seed: "be your network's Kirsten Giftekniv" (matchmaker): spot who can cover
whose needs and create a relation between them.

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
"""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .._format import join_and
from ..vocab import PRIVATE_CIRCLES
from .graph import EGO, induced

__all__ = ["introductions", "no_introduction", "layer_numbers", "MAX_CANDIDATES", "TOP_INTRODUCTIONS",
           "HIGH_CHEMISTRY", "LOW_CHEMISTRY", "INTRODUCTION_COLUMNS", "GROUP_WORDS"]

#: Trusted contacts considered for introductions (the strongest), to stay fast.
MAX_CANDIDATES = 200
#: Introductions kept.
TOP_INTRODUCTIONS = 10
#: Chemistry from which a contact counts as "you like them" (1-5).
HIGH_CHEMISTRY = 4
#: Chemistry at or below which nobody is introduced to or given to.
LOW_CHEMISTRY = 2
_FALLBACK_LAYER = 3
_NO_CLUSTER = ("", "unclustered")
#: How a pair in different groups is said, by the basis of the groups.
GROUP_WORDS = {"cluster": "different clusters", "circle": "different circles", "company": "different companies"}
#: Columns of the introductions table.
INTRODUCTION_COLUMNS = ["a", "b", "a_id", "b_id", "score", "matches", "matched", "both_chemistry", "min_strength",
                        "best", "a_group", "b_group", "reason"]


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


def introductions(ties: pd.DataFrame, graph: nx.Graph, trusted_strength: float) -> dict:
    """Candidate pairs scored as in the module docstring (vectorised over <= 200 contacts).

    Returns a dict of counts (``candidates``, ``pairs``, ``matched_pairs``,
    ``best_pairs``, ``distinct_matched``, ``distinct_best``, ``needers``,
    ``open_needers``, ``covered_needs``, ``excluded``), ``trusted``,
    ``group_basis``, ``introductions`` (:data:`INTRODUCTION_COLUMNS`, best
    first) and ``introductions_reason`` (why the table is empty, or "").

    Examples
    --------
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo"], "company": ["", ""], "circle": ["client", "peer"],
    ...     "chemistry": pd.array([4, 4], dtype="Int64"), "offers": ["hiring", ""], "needs": ["", "hiring"],
    ...     "strength": [0.6, 0.5], "strong": [True, True], "layer": pd.array([1, 2], dtype="Int64"),
    ...     "cluster": ["", ""], "status": ["", ""]}, index=["a", "b"])
    >>> out = introductions(ties, nx.Graph([("me", "a"), ("me", "b")]), 0.5)
    >>> out["introductions"][["a", "b", "score", "best"]].to_dict("records")   # 2·1 + 1 + min(0.6, 0.5)
    [{'a': 'Ann', 'b': 'Bo', 'score': 3.5, 'best': True}]
    """
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in INTRODUCTION_COLUMNS})
    trusted = True
    strong = ties["strong"].astype(bool) if "strong" in ties else ties["strength"].astype(float) >= trusted_strength
    pool = ties[strong.to_numpy()]
    if len(pool) < 2:
        trusted = False
        pool = ties[layer_numbers(ties) <= _FALLBACK_LAYER]
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
    for u, v in induced(graph, ids).edges():
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
    table = pd.DataFrame(top, columns=INTRODUCTION_COLUMNS) if top else empty
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
    offers_by = {p: _items(x) for p, x in zip(ties.index.tolist(), ties["offers"].tolist())
                 if isinstance(x, str) and x.strip()}
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


def _distinct(rows: np.ndarray, cols: np.ndarray) -> int:
    """Pairs kept greedily, best first, so that nobody is in two of them."""
    used: set[int] = set()
    kept = 0
    for i, j in zip(rows.tolist(), cols.tolist()):
        if i not in used and j not in used:
            used.update((i, j))
            kept += 1
    return kept


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
    reason = "; ".join(parts) + f"; they are in {GROUP_WORDS[basis]} and {how}"
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


def layer_numbers(ties: pd.DataFrame) -> np.ndarray:
    """Dunbar layer as floats (never met: 6)."""
    return ties["layer"].astype("Float64").fillna(6.0).to_numpy(dtype=float)
