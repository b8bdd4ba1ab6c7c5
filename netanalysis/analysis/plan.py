"""The week's plan: a few actions that serve the findings and never contradict each other.

Every question proposes candidate :class:`~netanalysis.analysis.result.Action` s,
each with the finding it serves (``rule``), its evidence and a priority
(:func:`~netanalysis.analysis.result.plan_priority`: the finding's severity
first, then the action's urgency).  :func:`week_plan` keeps ``size`` of them:

1. **Nothing is given to someone the plan may not give to.**  ``introduce``,
   ``give back``, ``thank`` and ``reconnect`` never name a contact marked
   ``wind-down``, rated 2 or less for chemistry, a taker (an introduction that
   serves a taker is one more favour to them; a taker gets ``ask`` instead),
   nor anyone another candidate winds down; ``introduce`` never names family
   or close friends either.
2. **The top findings are served.**  Each of the three most severe findings
   that is not a compliment gets its best remaining action first (so new
   connections not followed up get a follow-up when that finding is in the
   top three).
3. **One priority per person.**  The rest is filled by priority; an action
   naming someone already in the plan is skipped (the most urgent action for
   a person wins and the next person fills the slot), so no one is both wound
   down and given to.
4. **A plan, not a list.**  At most ``per_verb`` actions of one verb while
   other verbs are waiting; the cap is lifted when nothing else is left.

Candidates of equal priority keep the order their question gave them (its
own ranking: the most overdue first, the best-matched introduction first),
never the order of their names, so a pseudonymised copy plans the same.
"""
from __future__ import annotations

import pandas as pd

from .introductions import no_introduction
from .result import Action, Finding, finding_tone

__all__ = ["week_plan", "GIVING_VERBS", "RESERVED_FINDINGS"]

#: Verbs that give something to (or ask a favour for) the contacts they name.
GIVING_VERBS = ("introduce", "give back", "thank", "reconnect")
#: How many of the most severe findings get an action reserved.
RESERVED_FINDINGS = 3


def week_plan(candidates: list[Action], findings: list[Finding], ties: pd.DataFrame | None, *, size: int,
              per_verb: int = 2) -> list[Action]:
    """The week's ``size`` actions (module docstring).

    Parameters
    ----------
    candidates : list of Action
        Every question's proposals.
    findings : list of Finding
        Ranked, most severe first.
    ties : DataFrame or None
        The tie table (``status``, ``chemistry``, ``circle``, ``taker``), for rule 1.
    size : int
        Actions wanted (``goals.actions_per_week``).
    per_verb : int
        The cap of rule 4.

    Returns
    -------
    list of Action
        In the order to do them.

    Examples
    --------
    >>> a = [Action(v, [n], "r", "matchmaking", p, person_ids=[n]) for v, n, p in
    ...      [("introduce", "A", .9), ("introduce", "B", .8), ("introduce", "C", .7), ("thank", "D", .1)]]
    >>> [x.contacts[0] for x in week_plan(a, [], None, size=3)]
    ['A', 'B', 'D']
    >>> ties = pd.DataFrame({"status": ["wind-down", ""], "chemistry": pd.array([3, 4], dtype="Int64"),
    ...                      "circle": ["", ""], "taker": [False, False]}, index=["A", "B"])
    >>> [x.contacts[0] for x in week_plan(a, [], ties, size=3)]       # A may not be introduced
    ['B', 'C', 'D']
    """
    barred = _barred(candidates, ties)
    allowed = [a for a in candidates if not _gives_to_barred(a, barred)]
    ranked = sorted(allowed, key=lambda a: (-a.priority, a.verb))   # stable: ties keep their question's own order
    chosen: list[Action] = []
    seen: set[str] = set()

    def take(action: Action) -> bool:
        ids = set(action.person_ids or action.contacts)
        if action in chosen or ids & seen or len(chosen) >= size:
            return False
        chosen.append(action)
        seen.update(ids)
        return True

    served = [f.rule for f in findings[:RESERVED_FINDINGS] if finding_tone(f.severity) != "good"]
    for rule in served:
        for action in ranked:
            if action.rule == rule and take(action):
                break
    for capped in (True, False):
        for action in ranked:
            if len(chosen) >= size:
                break
            if capped and sum(c.verb == action.verb for c in chosen) >= per_verb:
                continue
            take(action)
    order = {id(a): k for k, a in enumerate(ranked)}
    return sorted(chosen, key=lambda a: order[id(a)])


def _barred(candidates: list[Action], ties: pd.DataFrame | None) -> dict[str, set[str]]:
    """Person ids the plan may not give to: ``{"any": ..., "introduce": ...}``."""
    wound = {p for a in candidates if a.verb == "wind down" for p in (a.person_ids or a.contacts)}
    if ties is None or not len(ties):
        return {"any": wound, "introduce": wound}
    status = ties["status"].fillna("") if "status" in ties else pd.Series("", index=ties.index)
    chem = ties["chemistry"].astype("Float64") if "chemistry" in ties else pd.Series(float("nan"), index=ties.index)
    taker = ties["taker"].astype(bool) if "taker" in ties else pd.Series(False, index=ties.index)
    never = status.eq("wind-down") | (chem <= 2).fillna(False) | taker
    return {"any": wound | set(ties.index[never.to_numpy()]),
            "introduce": wound | set(ties.index[no_introduction(ties).to_numpy()])}


def _gives_to_barred(action: Action, barred: dict[str, set[str]]) -> bool:
    if action.verb not in GIVING_VERBS:
        return False
    ids = set(action.person_ids or action.contacts)
    return bool(ids & barred["introduce" if action.verb == "introduce" else "any"])
