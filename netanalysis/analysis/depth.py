"""Breadth versus depth: how many relations and circles, against how many strong ties.

Rule ``depth``, after the seeds' advice "think in deep rather than broad
relations": a business card or one coffee is not a relation; trust grows over
time.  Everything is read from the tie table (:mod:`netanalysis.analysis.ties`).

Counts
------
``connections`` (on LinkedIn), ``people`` (all, off LinkedIn too), ``met``
(in touch on at least one day, by any evidence: ``contact_days > 0``),
``met_once`` (in touch on exactly one day), ``active`` (``effort > 0``: in
touch within the review window), ``circles_reached`` and ``clusters_reached``
(distinct non-empty ``circle`` / ``cluster`` among the active),
``strong_ties`` (the state ``strong``: ``strength >= goals.trusted_strength``;
strong ties in Granovetter's 1973 sense: time, intensity, intimacy and
reciprocity).

Layers (Dunbar): members of each layer 1-5 of the tie table against the
expected 5, 10, 35 and 100 (cumulative 5/15/50/150; Zhou, Sornette, Hill &
Dunbar 2005), their effort and share of effort::

    inner_effort_share = effort in layers 1-2 / total effort      (NaN if no effort)

Business cards: connections never met (``on_linkedin`` and no evidence of contact), by
age of ``connected_on``: < 1 year, 1-3, 3-10, > 10 years, unknown date.

Scores (0-1)
------------
::

    breadth = mean of  Cn = clip(log10(connections / 50) / log10(20), 0, 1)   (50 -> 0, 1000 -> 1)
                       A  = clip(log10(active / 5) / log10(30), 0, 1)          (5 -> 0, 150 -> 1)
                       Ci = min(1, circles_reached / 6)  (clusters if no circles; left out if neither)
    depth   = St · In,   St = min(1, strong_ties / 15)                   (a full sympathy group of trusted ties)
                         In = min(1, inner_effort_share / 0.5)           (half the effort on layers 1-2)

The product needs both a core of trusted ties and effort that goes to it:
seven strong ties with a third of the effort on the inner layers is still
shallow (0.47 · 0.67 = 0.31).  Quadrant: broad if ``breadth >= 0.5``, deep
if ``depth >= 0.5``: "broad and deep", "broad and shallow", "deep and narrow",
"narrow and shallow".

Severity of ``depth`` (reach × distance)
----------------------------------------
"Broad and shallow" is effort spread over relations that never deepen while
the core of strong ties is missing::

    reach     E = effort on ties never strong (not once strong) / all effort   (share of the days in touch)
    distance  1 - depth                                             (depth = St · In, above)
    severity  = E · (1 - depth) · min(1, connections / 150)

The last factor leaves small networks (below Dunbar's 150) out of the
"collector" diagnosis; the pile of never-met cards alone is not a problem
(every LinkedIn network has one) and is shown, not scored; and a core that
was strong and went quiet is staleness, not shallowness (hence "never
strong").  No finding without any contact in the window.

References
----------
Granovetter, M. (1973). The strength of weak ties. American Journal of Sociology 78(6).
Zhou, W.-X., Sornette, D., Hill, R. A. & Dunbar, R. I. M. (2005). Discrete hierarchical
organization of social group sizes. Proc. R. Soc. B 272.
Dunbar, R. I. M. (2018). The anatomy of friendship. Trends in Cognitive Sciences 22(1).
Gourani, S. & Weber, H.; "Tænk i dybe frem for brede relationer" (the seed essays).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._format import quantity
from .ledger import as_timestamp
from .result import HIGH_FROM, Action, Finding, Result, finding_tone, plan_priority
from .state import LAYER_NAMES

__all__ = ["Depth", "breadth_depth", "findings", "actions", "EXPECTED_LAYER_SIZES", "CARD_BANDS"]

#: Expected members per layer (not cumulative); the outer layer is open.
EXPECTED_LAYER_SIZES = {1: 5, 2: 10, 3: 35, 4: 100, 5: np.nan}
#: Age bands of never-met connections: (label, lower years, upper years).
CARD_BANDS = (("< 1 year", 0.0, 1.0), ("1-3 years", 1.0, 3.0), ("3-10 years", 3.0, 10.0),
              ("> 10 years", 10.0, np.inf))
_BROAD, _DEEP = 0.5, 0.5


@dataclass
class Depth(Result):
    """Breadth and depth of the network (module docstring for the formulas)."""

    as_of: dt.date
    connections: int
    people: int
    met: int
    met_once: int
    active: int
    circles_reached: int | None
    clusters_reached: int | None
    strong_ties: int
    strong_share: float
    layers: pd.DataFrame
    inner_effort_share: float
    business_cards: pd.DataFrame
    cards: int
    cards_share: float
    breadth: float
    depth: float
    quadrant: str | None
    severity: float
    window_days: int = 365
    parts: dict = field(default_factory=dict)
    reason: dict = field(default_factory=dict)
    _candidates: pd.DataFrame = field(default=None, repr=False)


def breadth_depth(ties: pd.DataFrame, *, goals, as_of, meetings_known: bool = True) -> Depth:
    """Breadth (connections, active relations, circles) against depth (strong ties, inner effort).

    Parameters
    ----------
    ties : DataFrame
        The tie table; ``cluster`` is used when present.
    goals : Goals
        Reads ``trusted_strength``.
    as_of : date-like
        The review date (ages of the business cards).
    meetings_known : bool
        False when neither a log nor a calendar was given: strength then comes
        from messages and mails alone, which understate it, so the depth
        finding is left out (with a reason) rather than calling every network
        shallow.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io.goals import Goals
    >>> ties = pd.DataFrame({"contact": ["A", "B", "C"], "on_linkedin": [True, True, True],
    ...     "connected_on": pd.to_datetime(["2025-06-01", "2020-06-01", "2010-06-01"]),
    ...     "circle": ["client", "", ""], "chemistry": pd.array([4, pd.NA, pd.NA], dtype="Int64"),
    ...     "status": ["", "", ""], "interactions": [3, 0, 0], "effort": [2, 0, 0],
    ...     "strength": [0.4, 0.0, 0.0], "layer": pd.array([1, pd.NA, pd.NA], dtype="Int64")},
    ...     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> d = breadth_depth(ties, goals=Goals(), as_of="2026-06-01")
    >>> d.met, d.active, d.strong_ties, d.cards, d.circles_reached, d.inner_effort_share
    (1, 1, 1, 2, 1, 1.0)
    >>> d.business_cards["count"].tolist()      # 6 years and 16 years old
    [0, 0, 1, 1, 0]
    """
    stamp = as_timestamp(as_of)
    trusted = float(goals.trusted_strength)
    reason: dict[str, str] = {}
    on = ties["on_linkedin"].astype(bool)
    days = ties["contact_days"] if "contact_days" in ties else ties["interactions"]
    met_mask = days > 0
    active_mask = ties["effort"] > 0
    strong_mask = ties["strong"].astype(bool) if "strong" in ties else ties["strength"].astype(float) >= trusted
    connections, people = int(on.sum()), len(ties)
    met, active, strong = int(met_mask.sum()), int(active_mask.sum()), int(strong_mask.sum())
    met_once = int((days == 1).sum())
    if people == 0:
        reason["all"] = "the tie table is empty"
    elif met == 0:
        reason["depth"] = "no evidence of contact with anyone, so depth and layers are undefined"

    circles = _reached(ties, "circle", active_mask)
    clusters = _reached(ties, "cluster", active_mask)
    if circles is None and people:
        reason["circles_reached"] = "no circles known (no contacts.csv, or no circle filled in)"
    if clusters is None and people:
        reason["clusters_reached"] = "no clusters known (no ties between contacts were found)"

    layers = _layers(ties)
    total_effort = float(ties["effort"].sum())
    inner = float(layers.loc[layers["layer"] <= 2, "effort"].sum() / total_effort) if total_effort else np.nan
    if total_effort == 0 and people:
        reason.setdefault("inner_effort_share", "no contact in the review window")

    cards_mask = on & ~met_mask
    cards = int(cards_mask.sum())
    cards_table = _cards(ties.loc[cards_mask, "connected_on"], stamp, connections)

    parts = _parts(connections, active, circles if circles is not None else clusters, strong, inner,
                   met, met_once, cards)
    breadth = _mean([parts["Cn"], parts["A"], parts["Ci"]]) if people else np.nan
    depth = float(parts["St"] * parts["In"]) if met and not np.isnan(inner) else np.nan
    quadrant = None
    if not (np.isnan(breadth) or np.isnan(depth)):
        quadrant = (("broad and deep" if depth >= _DEEP else "broad and shallow") if breadth >= _BROAD
                    else ("deep and narrow" if depth >= _DEEP else "narrow and shallow"))
    elif people:
        reason.setdefault("quadrant", "depth is undefined without contact in the review window")
    severity = np.nan
    if met and not connections:
        reason["severity"] = "no LinkedIn connections: the pile of business cards is undefined"
    once = ties["once_strong"].astype(bool) if "once_strong" in ties else strong_mask
    thin = float(ties.loc[~(once | strong_mask), "effort"].sum()) / total_effort if total_effort else np.nan
    parts["E"] = thin
    if met and connections and total_effort and meetings_known:
        severity = thin * (1.0 - depth) * min(1.0, connections / 150)
    elif met and not meetings_known:
        reason["severity"] = ("no log and no calendar: messages alone understate tie strength, so depth is not "
                              "judged (add interactions.csv or your calendar)")

    status = ties["status"].fillna("") if "status" in ties else pd.Series("", index=ties.index)
    chem = ties["chemistry"].astype("Float64") if "chemistry" in ties else pd.Series(np.nan, index=ties.index)
    promising = (days == 1) & (chem >= 4).fillna(False) & ~strong_mask & status.ne("wind-down")
    candidates = ties[promising].assign(_chem=chem[promising])
    sort = ["_chem", "last_contact"] if "last_contact" in candidates else ["_chem"]
    candidates = candidates.sort_values(sort, ascending=False, kind="stable").head(5)

    return Depth(as_of=stamp.date(), connections=connections, people=people, met=met, met_once=met_once,
                 active=active, circles_reached=circles, clusters_reached=clusters, strong_ties=strong,
                 strong_share=strong / connections if connections else np.nan, layers=layers,
                 inner_effort_share=inner, business_cards=cards_table, cards=cards,
                 cards_share=cards / connections if connections else np.nan, breadth=breadth, depth=depth,
                 quadrant=quadrant, severity=float(severity), window_days=int(goals.window_days),
                 parts=parts, reason=reason,
                 _candidates=candidates)


def findings(result: Depth) -> list[Finding]:
    """The ``depth`` finding (none without contact in the window or without connections).

    The title follows the tone of the severity (:func:`~netanalysis.analysis.result.finding_tone`):
    a problem names the pile of cards, a compliment the quadrant.
    """
    if np.isnan(result.severity):
        return []
    r = result
    thin = r.parts.get("E", np.nan)
    tone = finding_tone(r.severity)
    if tone == "problem":
        title = "A pile of business cards" if r.severity >= HIGH_FROM else "Broad more than deep"
        sentence = (f"You have {r.connections:,} connections but only {quantity(r.strong_ties, 'strong tie')}, "
                    f"and {thin:.0%} of your days in touch in the last {r.window_days:,} days went to people who "
                    f"have never been strong ties; {r.cards:,} connections ({r.cards_share:.0%}) you have never met. "
                    f"A deep network has a core of about 15 strong ties that gets most of the effort.")
    else:
        title = (r.quadrant.capitalize() if r.quadrant and tone == "good" else
                 "Depth could grow" if tone == "note" else "Breadth and depth")
        sentence = (f"{quantity(r.strong_ties, 'strong tie')} among the {r.met:,} "
                    f"people you have been in touch with, {r.active:,} of them in the last {r.window_days:,} days"
                    f"{'; the network is ' + r.quadrant if r.quadrant else ''}")
        if tone == "note" and thin == thin:       # say what keeps it from good
            sentence += (f", but {thin:.0%} of your days in touch went to people who have never been strong "
                         "ties")
        sentence += "."
    return [Finding("depth", r.severity, title, sentence,
                    evidence={"connections": r.connections, "strong_ties": r.strong_ties, "met": r.met,
                              "met_once": r.met_once, "cards": r.cards, "active": r.active,
                              "thin_effort_share": thin, "breadth": r.breadth, "depth": r.depth,
                              "quadrant": r.quadrant, "parts": r.parts})]


def actions(result: Depth) -> list[Action]:
    """``reconnect`` with up to 3 people met once with chemistry 4-5: deepen before widening.

    Not strong, not ``wind-down``; highest chemistry, then latest contact first;
    :func:`~netanalysis.analysis.result.plan_priority` with urgency ``(chemistry - 3) / 2``.
    """
    out: list[Action] = []
    frame = result._candidates
    if frame is None or np.isnan(result.severity):
        return out
    for pid, row in frame.head(3).iterrows():
        chem = int(row["_chem"])
        when = row.get("last_contact")
        when = f" ({when:%Y-%m-%d})" if isinstance(when, pd.Timestamp) and not pd.isna(when) else ""
        out.append(Action("reconnect", [row["contact"]],
                          f"Met once{when} and rated chemistry {chem}/5; one coffee is not a relation, "
                          f"so suggest a second meeting.",
                          "depth", plan_priority(result.severity, (chem - 3) / 2), person_ids=[pid],
                          evidence={"days_in_touch": 1, "chemistry": chem, "strength": row["strength"]}))
    return out


def _reached(ties: pd.DataFrame, column: str, active: pd.Series) -> int | None:
    """Distinct non-empty values of ``column`` among the active; None if the column is all empty."""
    if column not in ties:
        return None
    values = ties[column].fillna("").astype(str)
    if not values.ne("").any():
        return None
    return int(values[active & values.ne("")].nunique())


def _layers(ties: pd.DataFrame) -> pd.DataFrame:
    """Members, expected members, strong members, effort and share of effort per layer 1-5."""
    layer = ties["layer"].astype("Float64")
    grouped = ties.assign(_layer=layer).dropna(subset=["_layer"]).groupby("_layer")
    frame = pd.DataFrame({"layer": list(range(1, 6))})
    frame["name"] = frame["layer"].map(LAYER_NAMES)
    frame["expected"] = frame["layer"].map(EXPECTED_LAYER_SIZES)
    keys = frame["layer"].astype(float)
    frame["members"] = keys.map(grouped.size()).fillna(0).astype("int64").to_numpy()
    frame["effort"] = keys.map(grouped["effort"].sum()).fillna(0).astype("int64").to_numpy()
    frame["mean_strength"] = keys.map(grouped["strength"].mean()).to_numpy()
    total = frame["effort"].sum()
    frame["effort_share"] = frame["effort"] / total if total else np.nan
    return frame


def _cards(connected_on: pd.Series, stamp: pd.Timestamp, connections: int) -> pd.DataFrame:
    """Never-met connections by age band of ``connected_on`` (share of all connections)."""
    years = (stamp - connected_on).dt.days / 365.25
    labels = [b[0] for b in CARD_BANDS] + ["unknown date"]
    counts = [int(((years >= low) & (years < high)).sum()) for _, low, high in CARD_BANDS]
    counts[0] += int((years < 0).sum())          # connected after as_of: count as new
    counts.append(int(years.isna().sum()))
    frame = pd.DataFrame({"band": labels, "count": counts})
    frame["share"] = frame["count"] / connections if connections else np.nan
    return frame


def _parts(connections, active, circles, strong, inner, met, met_once, cards) -> dict:
    """The score components of the module docstring (NaN where undefined)."""
    def logscale(x, low, high):
        return float(np.clip(np.log10(x / low) / np.log10(high / low), 0, 1)) if x > 0 else 0.0
    return {
        "Cn": logscale(connections, 50, 1000),
        "A": logscale(active, 5, 150),
        "Ci": min(1.0, circles / 6) if circles is not None else np.nan,
        "St": min(1.0, strong / 15),
        "In": min(1.0, inner / 0.5) if not np.isnan(inner) else np.nan,
        "O": met_once / met if met else np.nan,
    }


def _mean(values) -> float:
    known = [v for v in values if not np.isnan(v)]
    return float(np.mean(known)) if known else np.nan
