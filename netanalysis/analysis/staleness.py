"""Staleness: days since last contact against the cadence each tie deserves.

Rules ``staleness`` (strong ties going cold) and ``follow-up`` (new
connections never followed up).  Everything is read from the tie table (see
:mod:`netanalysis.analysis.ties`); nothing reads the clock.

Cadence and overdue
-------------------
The cadence of a tie is ``cadence_days`` from ``contacts.csv`` when given, else
a default by Dunbar layer, after the contact frequencies that define the layers
(Hill & Dunbar 2003; Sutcliffe, Dunbar, Binder & Arrow 2012: the support clique
is seen about weekly, the sympathy group about monthly, the affinity group a
few times a year, the active network about yearly; a professional support
clique gets a fortnight rather than a week)::

    layer      1    2    3    4    5     never met   status wind-down
    cadence   14   30   90  180  365        NaN            NaN

A contact never met has no cadence (there is no contact to count from; new
connections are the follow-up backlog's job).  The cadence restarts at the
last logged contact::

    overdue = days_since_last - cadence           (NaN without a cadence)
    ratio   = overdue / cadence                   (how many cadences late)

* **cooling**: strong ties (layer 1-3, or ``strength >= goals.trusted_strength``)
  with ``overdue > 0`` that are not yet dormant, ranked by
  ``score = strength · ratio``.
* **dormant**: ties out of touch for ``>= 730`` days whose
  ``peak_strength >= trusted_strength`` ("once strong"), ranked by
  ``peak_strength`` then ``chemistry``.  Reconnecting dormant ties gives fresher
  and more novel knowledge than the current ties, at low cost (Levin, Walter &
  Murnighan 2011; Walter, Levin & Murnighan 2015).
* **follow_up**: connections made in the last 90 days (``connected_on``) with no
  log row on or after the day of connecting, newest first (``wind-down`` ones left out).  A business card is
  not a relation until it is followed up (the seeds).
* **wind_down**: contacts marked ``wind-down`` that still took effort
  (log rows in the review window).  They get no cadence and never count as
  cooling.

Severities
----------
``staleness``: over the once-strong relations ``K`` = not wind-down, with a
cadence, ``interactions >= 3`` (one coffee is not a relation) and
``peak_strength >= trusted`` (strong at its last contact), each weighted by
how strong and how long-standing it was::

    weight    w = peak_strength · min(1, interactions / 5)
    lateness  d = clip(overdue / cadence, 0, 1)        (a full cadence late counts fully)
    late      L = Σ_K w·d / Σ_K w                       (share of the strong-tie capital that is late)
    severity  = L² · min(1, Σ_K w·d / 3)

The square keeps the odd late tie, which every network has, low (L = 0.4
gives 0.16) and lets the trait dominate only when most strong ties are late
(L = 0.9 gives 0.81); the last factor (about six strong ties fully late)
keeps a network with only one or two once-strong relations from a high
severity.  No finding when ``K`` is empty.

``follow-up``: with ``B`` the backlog, ``N`` the connections made in the last
90 days and ``C`` all connections::

    severity = (B / N) · min(1, (B / C) / 0.2) · min(1, B / 5)

the share of new connections not followed up, damped when the backlog is a
small part of the network (a fifth of the network un-followed counts fully)
and when it is only a handful of people.  No finding when ``N = 0``, and none
without a log (nobody can be said to be followed up).

References
----------
Hill, R. A. & Dunbar, R. I. M. (2003). Social network size in humans. Human Nature 14(1).
Sutcliffe, A., Dunbar, R., Binder, J. & Arrow, H. (2012). Relationships and the social
brain: integrating psychological and evolutionary perspectives. British Journal of
Psychology 103(2).
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
from .ledger import as_timestamp
from .result import Action, Finding, Result, wind_down_priority

__all__ = ["Staleness", "staleness", "findings", "actions", "LAYER_CADENCE", "DORMANT_DAYS",
           "FOLLOW_UP_DAYS"]

#: Default cadence in days by Dunbar layer (module docstring).
LAYER_CADENCE = {1: 14, 2: 30, 3: 90, 4: 180, 5: 365}
#: Days without contact after which a once-strong tie is dormant.
DORMANT_DAYS = 730
#: A connection made within this many days is new (follow-up backlog).
FOLLOW_UP_DAYS = 90
_TOP = 5
_COLUMNS = ["contact", "layer", "strength", "peak_strength", "last_contact", "days_since_last",
            "cadence", "overdue", "ratio", "chemistry", "circle"]


@dataclass
class Staleness(Result):
    """Cadence, overdue days, cooling and dormant ties, and the follow-up backlog.

    ``to_dict()`` leaves out the per-person ``cadence`` and ``overdue`` Series
    (one entry per contact; the contacts table carries them as
    ``cadence_days_used`` and ``overdue``).
    """

    as_of: dt.date
    cadence: pd.Series
    overdue: pd.Series
    cooling: pd.DataFrame
    dormant: pd.DataFrame
    follow_up: pd.DataFrame
    wind_down: pd.DataFrame
    counts: dict
    shares: dict
    severity: dict
    reason: dict = field(default_factory=dict)

    NOT_IN_JSON = ("cadence", "overdue")


def staleness(ties: pd.DataFrame, *, goals, as_of) -> Staleness:
    """Cadence, overdue, cooling, dormant, follow-up backlog as of ``as_of``.

    Parameters
    ----------
    ties : DataFrame
        The tie table (:func:`netanalysis.analysis.ties.tie_table`).
    goals : Goals
        Reads ``trusted_strength``.
    as_of : date-like
        The review date.

    Returns
    -------
    Staleness
        ``cadence`` and ``overdue`` (Series by person id), the ``cooling``,
        ``dormant``, ``follow_up`` and ``wind_down`` tables, ``counts``,
        ``shares``, ``severity`` (``{"staleness": .., "follow-up": ..}``, NaN if
        undefined) and ``reason`` (why a part is undefined).

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io.goals import Goals
    >>> ties = pd.DataFrame({"contact": ["Ann"], "layer": pd.array([2], dtype="Int64"),
    ...     "cadence_days": pd.array([pd.NA], dtype="Int64"), "status": [""],
    ...     "days_since_last": pd.array([212], dtype="Int64"), "strength": [0.3],
    ...     "peak_strength": [0.6], "interactions": [4], "on_linkedin": [True],
    ...     "connected_on": pd.to_datetime(["2020-01-01"]), "effort": [1]},
    ...     index=pd.Index(["a"], name="person_id"))
    >>> s = staleness(ties, goals=Goals(), as_of="2026-06-01")
    >>> float(s.cadence["a"]), float(s.overdue["a"])     # layer 2 -> 30 days; 212 - 30
    (30.0, 182.0)
    >>> actions(s)[0].reason
    'Last contact 212 days ago; this tie deserves contact every 30 days.'
    """
    stamp = as_timestamp(as_of)
    trusted = float(goals.trusted_strength)
    index = ties.index
    status = ties["status"].fillna("") if "status" in ties else pd.Series("", index=index)
    winding = status.eq("wind-down")
    layer = ties["layer"].astype("Float64").astype(float)
    by_layer = layer.map(LAYER_CADENCE).astype(float)
    given = ties["cadence_days"].astype("Float64").astype(float)
    given = given.where(given > 0)
    met = ties["interactions"] > 0
    cadence = given.fillna(by_layer).where(~winding & met).rename("cadence")
    since = ties["days_since_last"].astype("Float64").astype(float)
    overdue = (since - cadence).rename("overdue")
    ratio = overdue / cadence
    strength = ties["strength"].astype(float)
    peak = np.maximum(ties["peak_strength"].astype(float), strength)
    reason: dict[str, str] = {}
    no_log = len(ties) > 0 and not met.any()
    if len(ties) == 0:
        reason["all"] = "the tie table is empty"
    elif no_log:
        reason["cadence"] = "no interaction log: no tie has a last contact to count from"

    base = ties.assign(cadence=cadence, overdue=overdue, ratio=ratio, peak_strength=peak)
    base = _ensure(base, ["chemistry", "circle", "last_contact", "connected_on", "company", "position"])
    strong = met & ~winding & ((layer <= 3) | (strength >= trusted))
    dormant_mask = met & ~winding & (since >= DORMANT_DAYS) & (peak >= trusted)
    cooling_mask = strong & (overdue > 0) & ~dormant_mask & (since < DORMANT_DAYS)
    cooling = base[cooling_mask].assign(score=strength[cooling_mask] * ratio[cooling_mask])
    cooling = cooling.sort_values(["score", "days_since_last"], ascending=[False, False], kind="stable")
    cooling = cooling[_COLUMNS + ["score"]]
    dormant = base[dormant_mask]
    dormant = dormant.assign(_chem=dormant["chemistry"].astype("Float64").fillna(0))
    dormant = dormant.sort_values(["peak_strength", "_chem"], ascending=[False, False], kind="stable")[_COLUMNS]

    age = (stamp - base["connected_on"]).dt.days
    recent = ties["on_linkedin"].astype(bool) & age.between(0, FOLLOW_UP_DAYS)
    untouched = base["last_contact"].isna() | (base["last_contact"] < base["connected_on"])
    backlog_mask = recent & untouched & ~winding
    follow_up = base[backlog_mask].assign(days_since_connected=age[backlog_mask].astype("int64"))
    follow_up = follow_up.sort_values(["connected_on"], ascending=False, kind="stable")[
        ["contact", "company", "position", "connected_on", "days_since_connected", "chemistry", "circle"]]
    if no_log:
        follow_up = follow_up.iloc[0:0]
        reason["follow_up"] = "no interaction log: cannot tell which new connections were followed up"
    wind = base[winding & (ties["effort"] > 0)].sort_values("effort", ascending=False, kind="stable")
    wind = wind[["contact", "effort", "last_contact", "days_since_last", "strength", "circle"]]

    keep = ~winding & cadence.notna() & (ties["interactions"] >= 3) & (peak >= trusted)
    lateness = ratio.clip(lower=0, upper=1)
    weight = (peak * (ties["interactions"] / 5).clip(upper=1)).where(keep, 0.0)
    weight_sum = float(weight.sum())
    late_mass = float((weight * lateness.fillna(0)).sum())
    late_share = late_mass / weight_sum if weight_sum > 0 else np.nan
    n_recent = int(recent.sum())
    n_backlog = len(follow_up)
    connections = int(ties["on_linkedin"].astype(bool).sum())
    if np.isnan(late_share) and "all" not in reason:
        reason.setdefault("staleness", "no tie was ever strong, so none can be going cold")
    if n_recent == 0 and "all" not in reason:
        reason.setdefault("follow_up", f"no connections made in the last {FOLLOW_UP_DAYS} days")
    sev_follow = np.nan
    if n_recent and not no_log:
        mass = n_backlog / connections if connections else 0.0
        sev_follow = (n_backlog / n_recent) * min(1.0, mass / 0.2) * min(1.0, n_backlog / 5)
    counts = {
        "with_cadence": int(cadence.notna().sum()),
        "overdue": int((overdue > 0).sum()),
        "strong": int(strong.sum()),
        "kept": int(keep.sum()),
        "kept_late": int((keep & (overdue > 0)).sum()),
        "cooling": len(cooling),
        "dormant": len(dormant),
        "recent_connections": n_recent,
        "follow_up": n_backlog,
        "wind_down_with_effort": len(wind),
        "connections": connections,
    }
    shares = {
        "overdue": _ratio(counts["overdue"], counts["with_cadence"]),
        "strong_cooling": _ratio(counts["cooling"], counts["strong"]),
        "late_weighted": late_share,
        "late_mass": late_mass,
        "follow_up": _ratio(n_backlog, n_recent),
        "follow_up_of_connections": _ratio(n_backlog, connections),
    }
    severity = {"staleness": late_share ** 2 * min(1.0, late_mass / 3) if weight_sum > 0 else np.nan,
                "follow-up": float(sev_follow)}
    return Staleness(as_of=stamp.date(), cadence=cadence, overdue=overdue, cooling=cooling,
                     dormant=dormant, follow_up=follow_up, wind_down=wind, counts=counts,
                     shares=shares, severity=severity, reason=reason)


def findings(result: Staleness) -> list[Finding]:
    """The ``staleness`` and ``follow-up`` findings (none where undefined)."""
    out: list[Finding] = []
    c, s = result.counts, result.shares
    sev = result.severity["staleness"]
    if not np.isnan(sev):
        late, kept, n_late = s["late_weighted"], c["kept"], c["kept_late"]
        if n_late or c["dormant"]:
            sentence = (f"{n_late:,} of your {quantity(kept, 'strong relation')} {plural(n_late, 'is', 'are')} "
                        f"past the cadence they deserve, {late:.0%} of their weight")
            if c["dormant"]:
                sentence += (f"; {quantity(c['dormant'], 'once-strong tie')} "
                             f"{plural(c['dormant'], 'has', 'have')} been silent for over two years")
            sentence += f"{_worst(result)}."
            title = "Strong ties going cold" if sev >= 0.33 else "A few strong ties overdue"
        else:
            sentence = f"All {quantity(kept, 'strong relation')} have been in touch within their cadence."
            title = "Strong ties kept warm"
        out.append(Finding("staleness", sev, title, sentence,
                           evidence={"late_weighted": late, "late_mass": s["late_mass"], "kept": kept,
                                     "kept_late": n_late, "cooling": c["cooling"], "dormant": c["dormant"]}))
    sev = result.severity["follow-up"]
    if not np.isnan(sev):
        n, b = c["recent_connections"], c["follow_up"]
        if b:
            sentence = (f"{b:,} of the {quantity(n, 'person', 'people')} you connected with in the last "
                        f"{FOLLOW_UP_DAYS} days ({s['follow_up']:.0%}) {plural(b, 'has', 'have')} not been "
                        f"met or written to since; a business card is not a relation.")
            title = "New connections not followed up"
        else:
            sentence = f"You followed up all {quantity(n, 'connection')} made in the last {FOLLOW_UP_DAYS} days."
            title = "New connections followed up"
        out.append(Finding("follow-up", sev, title, sentence,
                           evidence={"backlog": b, "recent_connections": n, "connections": c["connections"]}))
    return out


def actions(result: Staleness) -> list[Action]:
    """``reconnect`` cooling and dormant ties, ``follow up`` new ones, ``wind down`` the rest.

    Priorities, each times ``boost = 0.4 + 0.6 · severity`` of its finding (so the
    dominant problem's actions come first):

    * cooling (top 5): ``0.3 + 0.6 · min(1, peak / 0.5) · min(1, ratio)``
    * dormant (top 3): ``0.25 + 0.5 · min(1, peak / 0.6) · chemistry / 5`` (0.6 for unknown chemistry)
    * follow up (top 5, newest first): ``0.25 + 0.5 · (1 - days / 91) · chemistry / 5`` (0.7 unknown)
    * wind down (top 3 by effort): ``0.15 + 0.25 · min(1, effort / 10)``, not boosted
    """
    out: list[Action] = []
    boost_stale = _boost(result.severity["staleness"])
    boost_follow = _boost(result.severity["follow-up"])
    for pid, row in result.cooling.head(_TOP).iterrows():
        days, cadence = int(row["days_since_last"]), int(row["cadence"])
        priority = (0.3 + 0.6 * min(1.0, row["peak_strength"] / 0.5) * min(1.0, row["ratio"])) * boost_stale
        out.append(Action("reconnect", [row["contact"]],
                          f"Last contact {quantity(days, 'day')} ago; this tie deserves contact every "
                          f"{quantity(cadence, 'day')}.",
                          "staleness", priority, person_ids=[pid],
                          evidence={"days_since_last": days, "cadence": cadence, "layer": row["layer"],
                                    "strength": row["strength"], "overdue": row["overdue"]}))
    for pid, row in result.dormant.head(3).iterrows():
        days = int(row["days_since_last"])
        chem = row["chemistry"]
        chem_factor = 0.6 if pd.isna(chem) else float(chem) / 5
        priority = (0.25 + 0.5 * min(1.0, row["peak_strength"] / 0.6) * chem_factor) * boost_stale
        out.append(Action("reconnect", [row["contact"]],
                          f"Last contact {days:,} days ago ({days / 365.25:.1f} years), but this was once a "
                          f"strong tie (peak strength {row['peak_strength']:.2f}); dormant ties are worth reviving.",
                          "staleness", priority, person_ids=[pid],
                          evidence={"days_since_last": days, "peak_strength": row["peak_strength"],
                                    "chemistry": chem}))
    for pid, row in result.follow_up.head(_TOP).iterrows():
        days = int(row["days_since_connected"])
        fresh = 1.0 - days / (FOLLOW_UP_DAYS + 1)
        chem = row["chemistry"]
        chem_factor = 0.7 if pd.isna(chem) else float(chem) / 5
        priority = (0.25 + 0.5 * fresh * chem_factor) * boost_follow
        when = "today" if days == 0 else f"{quantity(days, 'day')} ago"
        out.append(Action("follow up", [row["contact"]],
                          f"Connected {when} and not met or written to since; "
                          f"follow up while the meeting is fresh.",
                          "follow-up", priority, person_ids=[pid],
                          evidence={"days_since_connected": days, "connected_on": row["connected_on"]}))
    for pid, row in result.wind_down.head(3).iterrows():
        effort = int(row["effort"])
        out.append(Action("wind down", [row["contact"]],
                          f"Marked wind-down but took {quantity(effort, 'contact')} in the review window; "
                          f"let this tie rest.",
                          "staleness", wind_down_priority(effort), person_ids=[pid],
                          evidence={"effort": effort}))
    return out


def _worst(result: Staleness) -> str:
    if result.cooling.empty:
        return ""
    row = result.cooling.iloc[0]
    return (f". The most urgent: {row['contact']}, last contact {quantity(int(row['days_since_last']), 'day')} ago "
            f"against a cadence of {quantity(int(row['cadence']), 'day')}")


def _boost(severity: float) -> float:
    """Scale an action's priority by its finding: ``0.4 + 0.6·severity`` (0.4 if undefined)."""
    return 0.4 + 0.6 * (0.0 if np.isnan(severity) else float(severity))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else np.nan


def _ensure(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Add missing optional columns (``NaT`` for dates, ``NA`` otherwise)."""
    missing = {c: (pd.NaT if c in ("last_contact", "connected_on") else pd.NA)
               for c in columns if c not in frame}
    return frame.assign(**missing) if missing else frame
