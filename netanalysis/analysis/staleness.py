"""Staleness: days since last contact against the cadence each tie deserves.

Rules ``staleness`` (strong ties going cold) and ``follow-up`` (new
connections never followed up).  The state of each tie (cadence, overdue,
strong, once strong, cooling, fading, dormant, new, followed up) is defined
once, in :mod:`netanalysis.analysis.state`; this module ranks and weighs.

Tables
------
* **cooling**: strong ties past their cadence, ranked by ``strength · ratio``
  (``ratio = overdue / cadence``);
* **fading**: once strong, no longer strong, past their cadence (not yet
  dormant), ranked the same way with the peak strength;
* **dormant**: once strong and silent for two years or more, ranked by
  ``peak_strength`` then ``chemistry``.  Reconnecting dormant ties gives fresher
  and more novel knowledge than the current ties, at low cost (Levin, Walter &
  Murnighan 2011; Walter, Levin & Murnighan 2015);
* **follow_up**: new connections not followed up, newest first
  (``wind-down`` ones left out).  A business card is not a relation until it
  is followed up (the seeds);
* **wind_down**: contacts marked ``wind-down`` that still took effort in the
  window.

Severities (reach × distance, 0-1)
----------------------------------
``staleness``, over the once-strong relations ``K`` (not ``wind-down``, with a
cadence, in touch on at least 3 days: one coffee is not a relation).  Each
relation is ``d = clip(overdue / cadence, 0, 1)`` late (a full cadence late
counts fully).  The closest relations weigh most, whatever the size of the
rest: with ``C`` the 15 relations of ``K`` with the highest peak strength (the
sympathy group as it was) and ``R`` the others::

    late      L = 0.6 · mean_C(d) + 0.4 · mean_R(d)         (L = mean_C(d) when R is empty)
    severity  = L · min(1, |K| / 3)

so an inner circle all a cadence late gives at least 0.6 even beside a
hundred healthy outer ties, and a network with one or two once-strong
relations is not judged on them alone.  No finding when ``K`` is empty.

``follow-up``, with ``B`` the backlog and ``N`` the new connections (last 90
days), each backlog connection ``b`` counting ``min(1, days_since_connected_b /
14)`` (a connection made today is not yet late; after two weeks it fully is)::

    severity = Σ_b min(1, age_b / 14) / N · min(1, B / 3)

the share of the new connections not followed up, not their share of the
whole network; a backlog of one or two is damped.  No finding when ``N = 0``,
and none without any evidence of contact at all (nothing can then be said to
be followed up).

References
----------
Hill, R. A. & Dunbar, R. I. M. (2003). Social network size in humans. Human Nature 14(1).
Levin, D. Z., Walter, J. & Murnighan, J. K. (2011). Dormant ties: the value of
reconnecting. Organization Science 22(4).
Walter, J., Levin, D. Z. & Murnighan, J. K. (2015). Reconnection choices: selecting the
most valuable (vs. most preferred) dormant ties. Organization Science 26(5).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._format import plural, quantity
from ..vocab import PRIVATE_CIRCLES
from .ledger import as_timestamp
from .result import Action, Finding, Result, finding_tone, plan_priority, wind_down_priority
from .state import DORMANT_DAYS, FOLLOW_UP_DAYS, LAYER_CADENCE

__all__ = ["Staleness", "staleness", "findings", "actions", "LAYER_CADENCE", "DORMANT_DAYS",
           "FOLLOW_UP_DAYS", "CORE_SIZE"]

#: The closest relations (by peak strength) that weigh most in the staleness severity.
CORE_SIZE = 15
_TOP = 5
_COLUMNS = ["contact", "layer", "peak_layer", "strength", "peak_strength", "last_contact", "days_since_last",
            "cadence", "overdue", "ratio", "chemistry", "circle"]


@dataclass
class Staleness(Result):
    """Cooling, fading and dormant ties, and the follow-up backlog (module docstring).

    ``to_dict()`` leaves out the per-person ``cadence`` and ``overdue`` Series
    (one entry per contact; the contacts table carries them as
    ``cadence_days_used`` and ``overdue``).
    """

    as_of: dt.date
    cadence: pd.Series
    overdue: pd.Series
    cooling: pd.DataFrame
    fading: pd.DataFrame
    dormant: pd.DataFrame
    follow_up: pd.DataFrame
    wind_down: pd.DataFrame
    counts: dict
    shares: dict
    severity: dict
    reason: dict = field(default_factory=dict)

    NOT_IN_JSON = ("cadence", "overdue")


def staleness(ties: pd.DataFrame, *, goals, as_of) -> Staleness:
    """Cooling, fading and dormant ties and the follow-up backlog as of ``as_of``.

    Parameters
    ----------
    ties : DataFrame
        The tie table with its state columns (:func:`netanalysis.analysis.ties.tie_table`).
    goals : Goals
        Unused beyond the tie table's state (kept for a uniform signature).
    as_of : date-like
        The review date.

    Returns
    -------
    Staleness
        ``cadence`` and ``overdue`` (Series by person id), the ``cooling``,
        ``fading``, ``dormant``, ``follow_up`` and ``wind_down`` tables,
        ``counts``, ``shares``, ``severity`` (``{"staleness": .., "follow-up":
        ..}``, NaN if undefined) and ``reason`` (why a part is undefined).

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io.goals import Goals
    >>> from netanalysis.analysis.state import tie_state
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "strength": [0.5, 0.5, 0.5],
    ...     "peak_strength": [0.6, 0.6, 0.6], "effort": [30, 30, 30], "peak_effort": [30, 30, 30],
    ...     "days_since_last": pd.array([21, 2, 2], dtype="Int64"), "contact_days": [40, 40, 40],
    ...     "last_contact": pd.to_datetime(["2026-05-11", "2026-05-30", "2026-05-30"]),
    ...     "connected_on": pd.to_datetime(["2020-01-01"] * 3), "on_linkedin": [True] * 3,
    ...     "cadence_days": pd.array([pd.NA] * 3, dtype="Int64"), "status": [""] * 3,
    ...     "given_recent": [1.0] * 3, "received_recent": [1.0] * 3, "effort_days": [30] * 3,
    ...     "chemistry": pd.array([4] * 3, dtype="Int64"), "circle": [""] * 3},
    ...     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> ties = tie_state(ties, as_of="2026-06-01", trusted_strength=0.35, window_days=365)
    >>> s = staleness(ties, goals=Goals(), as_of="2026-06-01")
    >>> s.cooling["contact"].tolist(), float(s.overdue["a"])      # cadence 14, 21 days since
    (['Ann'], 7.0)
    >>> round(s.severity["staleness"], 3)                         # d = 7/14 for one of three: 0.6 · 0.5/3
    0.167
    >>> actions(s)[0].reason
    'Last contact 21 days ago; this tie deserves contact every 14 days.'
    """
    stamp = as_timestamp(as_of)
    index = ties.index
    status = ties["status"].fillna("") if "status" in ties else pd.Series("", index=index)
    winding = status.eq("wind-down")
    cadence = ties["cadence"].rename("cadence")
    overdue = ties["overdue"].rename("overdue")
    ratio = ties["ratio"]
    in_touch = ties["days_since_last"].notna()
    reason: dict[str, str] = {}
    if len(ties) == 0:
        reason["all"] = "the tie table is empty"
    elif not in_touch.any():
        reason["cadence"] = "no evidence of contact (no log, no messages, no calendar, no mail) to count from"

    base = _ensure(ties, ["chemistry", "circle", "company", "position"])
    cooling = base[ties["cooling"]].assign(score=lambda f: f["strength"] * f["ratio"])
    cooling = cooling.sort_values(["score", "days_since_last"], ascending=[False, False], kind="stable")
    fading = base[ties["fading"]].assign(score=lambda f: f["peak_strength"] * f["ratio"].clip(upper=4))
    fading = fading.sort_values(["score", "days_since_last"], ascending=[False, False], kind="stable")
    dormant = base[ties["dormant"]]
    dormant = dormant.assign(_chem=dormant["chemistry"].astype("Float64").fillna(0))
    dormant = dormant.sort_values(["peak_strength", "_chem"], ascending=[False, False], kind="stable")[_COLUMNS]

    age = (stamp - pd.to_datetime(ties["connected_on"])).dt.days
    new = ties["new"]
    backlog_mask = new & ~ties["followed_up"] & ~winding
    follow_up = base[backlog_mask].assign(days_since_connected=lambda f: age[f.index].astype("int64"))
    follow_up = follow_up.sort_values(["connected_on"], ascending=False, kind="stable")[
        ["contact", "company", "position", "connected_on", "days_since_connected", "chemistry", "circle"]]
    if "cadence" in reason:
        follow_up = follow_up.iloc[0:0]
        reason["follow_up"] = "no evidence of contact at all: cannot tell which new connections were followed up"
    wind = base[winding & (ties["effort"] > 0)].sort_values("effort", ascending=False, kind="stable")
    wind = wind[["contact", "effort", "last_contact", "days_since_last", "strength", "circle"]]

    kept = ties["once_strong"] & ~winding & cadence.notna() & (ties["contact_days"] >= 3)
    lateness = ratio.clip(lower=0, upper=1).fillna(0)[kept]
    by_peak = ties.loc[kept, "peak_strength"].sort_values(ascending=False, kind="stable")
    core, rest = lateness[by_peak.index[:CORE_SIZE]], lateness[by_peak.index[CORE_SIZE:]]
    late = (0.6 * core.mean() + 0.4 * rest.mean()) if len(rest) else (core.mean() if len(core) else np.nan)
    n_kept = int(kept.sum())
    n_new, n_backlog = int(new.sum()), len(follow_up)
    connections = int(ties["on_linkedin"].astype(bool).sum())
    if np.isnan(late) and "all" not in reason:
        reason.setdefault("staleness", "no tie was ever strong, so none can be going cold")
    if n_new == 0 and "all" not in reason:
        reason.setdefault("follow_up", f"no connections made in the last {FOLLOW_UP_DAYS} days")
    sev_follow = np.nan
    if n_new and "follow_up" not in reason:
        lag = (follow_up["days_since_connected"] / 14).clip(upper=1).sum()
        sev_follow = float(lag / n_new * min(1.0, n_backlog / 3))
    counts = {
        "with_cadence": int(cadence.notna().sum()),
        "overdue": int((overdue > 0).sum()),
        "strong": int(ties["strong"].sum()),
        "once_strong": int(ties["once_strong"].sum()),
        "kept": n_kept,
        "kept_late": int((lateness > 0).sum()),
        "core": len(core),
        "core_late": int((core > 0).sum()),
        "cooling": len(cooling),
        "fading": len(fading),
        "dormant": len(dormant),
        "recent_connections": n_new,
        "follow_up": n_backlog,
        "wind_down_with_effort": len(wind),
        "connections": connections,
    }
    shares = {
        "overdue": _ratio(counts["overdue"], counts["with_cadence"]),
        "strong_cooling": _ratio(counts["cooling"], counts["strong"]),
        "late_weighted": float(late),
        "core_late": float(core.mean()) if len(core) else np.nan,
        "follow_up": _ratio(n_backlog, n_new),
        "follow_up_of_connections": _ratio(n_backlog, connections),
    }
    severity = {"staleness": float(late * min(1.0, n_kept / 3)) if n_kept else np.nan,
                "follow-up": sev_follow}
    return Staleness(as_of=stamp.date(), cadence=cadence, overdue=overdue, cooling=cooling[_COLUMNS + ["score"]],
                     fading=fading[_COLUMNS + ["score"]], dormant=dormant, follow_up=follow_up,
                     wind_down=wind, counts=counts, shares=shares, severity=severity, reason=reason)


def findings(result: Staleness) -> list[Finding]:
    """The ``staleness`` and ``follow-up`` findings (none where undefined)."""
    out: list[Finding] = []
    c, s = result.counts, result.shares
    sev = result.severity["staleness"]
    if not np.isnan(sev):
        kept, n_late = c["kept"], c["kept_late"]
        tone = finding_tone(sev)
        if n_late:
            sentence = (f"{n_late:,} of your {quantity(kept, 'once-strong relation')} "
                        f"{plural(n_late, 'is', 'are')} past the cadence they deserve")
            if c["core"]:
                sentence += f", {c['core_late']:,} of the {c['core']:,} closest"
            parts = []
            if c["cooling"]:
                parts.append(f"{quantity(c['cooling'], 'strong tie')} cooling")
            if c["fading"]:
                parts.append(f"{c['fading']:,} no longer strong")
            if c["dormant"]:
                parts.append(f"{c['dormant']:,} silent for over two years")
            if parts:
                sentence += " (" + ", ".join(parts) + ")"
            sentence += f"{_worst(result)}."
            title = {"problem": "Strong ties going cold", "note": "A few strong ties overdue",
                     "good": "Strong ties mostly kept warm"}[tone]
        else:
            sentence = f"All {quantity(kept, 'once-strong relation')} have been in touch within their cadence."
            title = "Strong ties kept warm"
        out.append(Finding("staleness", sev, title, sentence,
                           evidence={"late_weighted": s["late_weighted"], "core_late": s["core_late"],
                                     "kept": kept, "kept_late": n_late, "cooling": c["cooling"],
                                     "fading": c["fading"], "dormant": c["dormant"]}))
    sev = result.severity["follow-up"]
    if not np.isnan(sev):
        n, b = c["recent_connections"], c["follow_up"]
        if b:
            sentence = (f"{b:,} of the {quantity(n, 'person', 'people')} you connected with in the last "
                        f"{FOLLOW_UP_DAYS} days ({s['follow_up']:.0%}) {plural(b, 'has', 'have')} not been "
                        f"met or written to since; a business card is not a relation.")
            title = "New connections not followed up" if finding_tone(sev) != "good" else \
                "New connections mostly followed up"
        else:
            sentence = f"You followed up all {quantity(n, 'connection')} made in the last {FOLLOW_UP_DAYS} days."
            title = "New connections followed up"
        out.append(Finding("follow-up", sev, title, sentence,
                           evidence={"backlog": b, "recent_connections": n, "connections": c["connections"]}))
    return out


def actions(result: Staleness) -> list[Action]:
    """``reconnect`` cooling, fading and dormant ties, ``follow up`` new ones, ``wind down`` the rest.

    Each priority is :func:`~netanalysis.analysis.result.plan_priority` of its
    finding's severity and an urgency in 0-1:

    * cooling and fading (top 5 of each): ``min(1, peak / 0.6) · min(1, ratio)``
    * dormant (top 3): ``0.5 · min(1, peak / 0.6) · chemistry / 5`` (0.6 for unknown chemistry)
    * follow up (top 5, newest first): ``(1 - days / 91) · chemistry / 5`` (0.7 unknown)
    * wind down (top 3 by effort): :func:`~netanalysis.analysis.result.wind_down_priority`

    Contacts rated 2 or less for chemistry get no ``reconnect`` (the chemistry
    advice says let them go), nor do family and close friends.
    """
    out: list[Action] = []
    sev_stale, sev_follow = result.severity["staleness"], result.severity["follow-up"]
    for table, label in ((result.cooling, "strong"), (result.fading, "fading")):
        for pid, row in _liked(table).head(_TOP).iterrows():
            days, cadence = int(row["days_since_last"]), int(row["cadence"])
            urgency = min(1.0, row["peak_strength"] / 0.6) * min(1.0, row["ratio"])
            reason = (f"Last contact {quantity(days, 'day')} ago; this tie deserves contact every "
                      f"{quantity(cadence, 'day')}.")
            if label == "fading":
                reason += f" It was strong (strength {row['peak_strength']:.2f}) and is now {row['strength']:.2f}."
            out.append(Action("reconnect", [row["contact"]], reason, "staleness",
                              plan_priority(sev_stale, urgency), person_ids=[pid],
                              evidence={"days_since_last": days, "cadence": cadence, "layer": row["peak_layer"],
                                        "strength": row["strength"], "peak_strength": row["peak_strength"],
                                        "overdue": row["overdue"]}))
    for pid, row in _liked(result.dormant).head(3).iterrows():
        days = int(row["days_since_last"])
        chem = row["chemistry"]
        chem_factor = 0.6 if pd.isna(chem) else float(chem) / 5
        urgency = 0.5 * min(1.0, row["peak_strength"] / 0.6) * chem_factor
        out.append(Action("reconnect", [row["contact"]],
                          f"Last contact {days:,} days ago ({days / 365.25:.1f} years), but this was once a "
                          f"strong tie (peak strength {row['peak_strength']:.2f}); dormant ties are worth reviving.",
                          "staleness", plan_priority(sev_stale, urgency), person_ids=[pid],
                          evidence={"days_since_last": days, "peak_strength": row["peak_strength"],
                                    "chemistry": chem}))
    for pid, row in result.follow_up.head(_TOP).iterrows():
        days = int(row["days_since_connected"])
        fresh = 1.0 - days / (FOLLOW_UP_DAYS + 1)
        chem = row["chemistry"]
        chem_factor = 0.7 if pd.isna(chem) else float(chem) / 5
        when = "today" if days == 0 else f"{quantity(days, 'day')} ago"
        out.append(Action("follow up", [row["contact"]],
                          f"Connected {when} and not met or written to since; "
                          f"follow up while the meeting is fresh.",
                          "follow-up", plan_priority(sev_follow, fresh * chem_factor), person_ids=[pid],
                          evidence={"days_since_connected": days, "connected_on": row["connected_on"]}))
    for pid, row in result.wind_down.head(3).iterrows():
        effort = int(row["effort"])
        out.append(Action("wind down", [row["contact"]],
                          f"Marked wind-down but in touch on {quantity(effort, 'day')} in the review window; "
                          f"let this tie rest.",
                          "staleness", wind_down_priority(effort), person_ids=[pid],
                          evidence={"effort": effort}))
    return out


def _liked(table: pd.DataFrame) -> pd.DataFrame:
    """Rows to reconnect with: chemistry unknown or above 2, and not family or close friends
    (the seeds keep them out of the professional network)."""
    chem = table["chemistry"].astype("Float64")
    private = table["circle"].fillna("").astype(str).str.strip().str.lower().isin(PRIVATE_CIRCLES)
    return table[((chem.isna() | (chem > 2)) & ~private).to_numpy(dtype=bool)]


def _worst(result: Staleness) -> str:
    table = _liked(result.cooling) if len(_liked(result.cooling)) else _liked(result.fading)
    if table.empty:
        return ""
    row = table.iloc[0]
    return (f". The most urgent: {row['contact']}, last contact {quantity(int(row['days_since_last']), 'day')} ago "
            f"against a cadence of {quantity(int(row['cadence']), 'day')}")


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else np.nan


def _ensure(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Add missing optional columns (``NA``)."""
    missing = {c: pd.NA for c in columns if c not in frame}
    return frame.assign(**missing) if missing else frame
