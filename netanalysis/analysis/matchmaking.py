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
The candidates, the pairs and their score are in
:mod:`netanalysis.analysis.introductions`.

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
import pandas as pd

from .._format import plural
from .brokerage import burt_measures, weight_matrix
from .graph import EGO, induced
from .introductions import GROUP_WORDS, MAX_CANDIDATES, TOP_INTRODUCTIONS, introductions, layer_numbers, no_introduction
from .result import Action, Finding, Result, finding_tone, plan_priority

__all__ = ["Matchmaking", "matchmaking", "findings", "actions", "MAX_CANDIDATES", "TOP_INTRODUCTIONS",
           "INTRO_TARGET", "no_introduction"]

#: Introductions a year from which the matchmaking is done (one a month).
INTRO_TARGET = 12
_ACTIVE_LAYER = 4
_SEED = "be your network's matchmaker (Kirsten Giftekniv)"
NO_ALTER_TIES = ("your files show no ties between your contacts (LinkedIn's export has none); "
                 "log who you meet together (`with`) or fill `knows` in contacts.csv")
_MAX_ACTIONS = 5


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
    intro = introductions(ties, graph, float(goals.trusted_strength))
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
                    f"{plural(result.pairs, 'is', 'are')} in {GROUP_WORDS[result.group_basis]} and don't know "
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
    active = [p for p in ties.index[layer_numbers(ties) <= _ACTIVE_LAYER] if p in graph]
    out = {"active_contacts": len(active), "alter_ties": 0, "density": math.nan, "constraint": math.nan,
           "effective_size": math.nan, "efficiency": math.nan}
    if not active or EGO not in graph:
        return {**out, "brokerage_reason": "nobody is in touch often enough yet: brokerage is measured on the "
                                           "people you are actually in touch with"}
    sub = induced(graph, [EGO, *active])
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
