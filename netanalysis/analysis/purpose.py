"""Purpose and chemistry: where the effort goes, against the mission and the chemistry.

Seeds: "Define the purpose: why network?" (to sell, to find the next job, to
learn, to lobby, or something else: with a purpose you can work on several
arenas on purpose) and "let desire and chemistry drive networking" (drop the
one everyone says you should talk to if you don't like him).

Effort by purpose
-----------------
The review window is ``(as_of - window_days, as_of]``.  Each log row in it
with a known person is one unit of effort.  A row naming ``k`` purposes
(``"sales;learning"``) gives ``1/k`` to each; a row naming none counts as
``"unstated"``.  With ``E_p`` the effort on purpose ``p`` and
``S = Σ_p E_p`` the stated effort::

    share_p        = E_p / S                      (of the stated effort)
    unstated_share = E_unstated / (S + E_unstated)
    gap_p          = share_p - target_p           (a purpose without a target counts as target 0)
    alignment      = 1 - ½ Σ_p |share_p - target_p|

``alignment`` is one minus the total variation distance between the effort
distribution and the target distribution of ``goals.toml`` (1: effort goes
exactly where the mission says; 0: none of it does).  It is ``nan`` with a
``alignment_reason`` when there are no targets or no stated effort.

Chemistry
---------
From ``contacts.csv`` (chemistry 1-5: do I want to network with this
person?) and each contact's effort in the window (``ties["effort"]``: days in
touch, by any evidence)::

    contact_effort        = Σ effort (over all contacts)
    low_chemistry_share   = Σ effort of contacts with chemistry <= 2 / contact_effort
    chemistry_known_share = Σ effort of contacts with a chemistry / contact_effort

Severities (reach × distance, 0-1)
----------------------------------
* ``purpose``: ``1 - alignment`` is the share of the stated effort that would
  have to move to match the mission (reach), fully off its target (distance
  1); rows that state no purpose count half: ``max(1 - alignment, ½ ·
  unstated_share)`` (``½ · unstated_share`` alone when no row states a
  purpose).  No targets -> 0.15, a note ("no mission set").  No finding when
  the window holds no effort.
* ``chemistry``: the share of the effort on people you don't want to network
  with, where the advice is none; 40% of it is as far as it goes:
  ``min(1, low_chemistry_share / 0.4)`` (20% -> 0.5); no finding below 5%.

References
----------
Levin, D. A., Peres, Y. & Wilmer, E. L. (2009). Markov Chains and Mixing Times,
§4.1 (total variation distance).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._format import join_and, percent, plural
from .ledger import as_timestamp, explode_codes, log_until
from .result import Action, Finding, Result, finding_tone, plan_priority

__all__ = ["PurposeChemistry", "purpose_chemistry", "findings", "actions", "UNSTATED",
           "LOW_CHEMISTRY"]

#: Label of the effort on log rows without a purpose.
UNSTATED = "unstated"
#: Chemistry at or below this is "low" (1-5 scale).
LOW_CHEMISTRY = 2
_SEED_PURPOSE = "define the purpose — why network?"
_SEED_CHEMISTRY = "let desire and chemistry drive networking"
_MAX_WIND_DOWN = 3
#: A contact must have taken at least this many interactions in the window to be wound down.
_MIN_EFFORT = 2


@dataclass
class PurposeChemistry(Result):
    """Effort by purpose against the goals, and effort on low-chemistry contacts.

    ``purposes`` has one row per purpose (those with effort or a target, most
    effort first) and a last ``"unstated"`` row: ``purpose, effort, share,
    target, gap``.  ``low_chemistry`` (index ``person_id``) lists the contacts
    with chemistry <= 2 and effort in the window: ``contact, chemistry, effort,
    share, status``.  ``effort`` counts the log rows in the window, ``contact_effort``
    the same from the tie table (``Σ ties["effort"]``, the base of the chemistry shares).
    """

    window_days: int
    effort: int
    purposes: pd.DataFrame
    stated_effort: float
    unstated_share: float
    targets: dict[str, float]
    alignment: float
    alignment_reason: str
    low_chemistry: pd.DataFrame
    contact_effort: int
    low_chemistry_effort: int
    low_chemistry_share: float
    chemistry_known_share: float
    chemistry_reason: str
    reason: str = ""
    seeds: list[str] = field(default_factory=lambda: [_SEED_PURPOSE, _SEED_CHEMISTRY])


def purpose_chemistry(ties: pd.DataFrame, log: pd.DataFrame | None, *, goals, as_of,
                      rows: pd.DataFrame | None = None) -> PurposeChemistry:
    """Effort by purpose against ``goals.purposes``, and effort on low-chemistry contacts.

    Parameters
    ----------
    ties : DataFrame
        The tie table (:func:`netanalysis.analysis.ties.tie_table`); reads
        ``contact, chemistry, status, effort``.
    log : DataFrame or None
        The interaction log (``date, purpose, person_id``).
    goals : Goals
        ``purposes`` (targets summing to 1) and ``window_days``.
    as_of : date-like
    rows : DataFrame, optional
        ``log`` already cut to ``as_of`` (:func:`~netanalysis.analysis.ledger.log_until`),
        as :func:`netanalysis.review` passes it; by default the log is cut here.

    Returns
    -------
    PurposeChemistry
        See the module docstring for every formula.

    Examples
    --------
    >>> from netanalysis.io.goals import Goals
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"]),
    ...                     "purpose": ["sales", "sales;learning", "", "job"], "person_id": ["a", "a", "b", "b"]})
    >>> ties = pd.DataFrame({"contact": ["A", "B"], "chemistry": pd.array([2, pd.NA], dtype="Int64"),
    ...                      "status": ["", ""], "effort": [2, 2]}, index=["a", "b"])
    >>> goals = Goals(purposes={"sales": 0.5, "job": 0.5}, window_days=365)
    >>> r = purpose_chemistry(ties, log, goals=goals, as_of="2026-02-01")
    >>> r.purposes.set_index("purpose")["share"].round(3).to_dict()   # 1.5, 1, 0.5 of 3 stated
    {'sales': 0.5, 'job': 0.333, 'learning': 0.167, 'unstated': nan}
    >>> round(r.alignment, 3), r.unstated_share, r.low_chemistry_share   # 1 - ½(0 + 1/6 + 1/6)
    (0.833, 0.25, 0.5)
    """
    stamp = as_timestamp(as_of)
    window = int(goals.window_days)
    targets = {str(k): float(v) for k, v in (goals.purposes or {}).items() if v is not None}
    if rows is None and log is not None and len(log):
        rows = log_until(log, stamp)
    rows = _window_rows(rows, stamp, window)
    stated, unstated = _effort_by_purpose(rows)
    total = int(len(rows))
    stated_total = float(sum(stated.values()))
    names = sorted(set(stated) | set(targets), key=lambda p: (-stated.get(p, 0.0), -targets.get(p, 0.0), p))
    effort = np.array([stated.get(p, 0.0) for p in names], dtype=float)
    share = effort / stated_total if stated_total > 0 else np.full(len(names), np.nan)
    target = np.array([targets.get(p, np.nan) for p in names], dtype=float)
    gap = share - np.nan_to_num(target) if targets else np.full(len(names), np.nan)
    purposes = pd.DataFrame({"purpose": names + [UNSTATED], "effort": np.append(effort, float(unstated)),
                             "share": np.append(share, np.nan), "target": np.append(target, np.nan),
                             "gap": np.append(gap, np.nan)})

    reason = "" if total else f"no log rows with a known person in the last {window} days"
    unstated_share = unstated / total if total else math.nan
    if not targets:
        alignment, why = math.nan, "no purpose targets: add a [purposes] table to goals.toml"
    elif stated_total <= 0:
        alignment, why = math.nan, (reason or "no log row in the window states a purpose "
                                    "(the purpose column: sales, job, learning, lobbying)")
    else:
        alignment, why = 1.0 - 0.5 * float(np.abs(share - np.nan_to_num(target)).sum()), ""

    low, contact_effort, low_effort, low_share, known_share, chem_reason = _chemistry(ties, window)
    return PurposeChemistry(
        window_days=window, effort=total, purposes=purposes, stated_effort=stated_total,
        unstated_share=unstated_share, targets=targets, alignment=alignment, alignment_reason=why,
        low_chemistry=low, contact_effort=contact_effort, low_chemistry_effort=low_effort,
        low_chemistry_share=low_share, chemistry_known_share=known_share, chemistry_reason=chem_reason, reason=reason)


def findings(result: PurposeChemistry) -> list[Finding]:
    """The ``purpose`` and ``chemistry`` findings (severities in the module docstring)."""
    out = []
    purpose = _purpose_finding(result)
    if purpose is not None:
        out.append(purpose)
    share = result.low_chemistry_share
    if not math.isnan(share) and share >= 0.05:
        low = result.low_chemistry
        names = low["contact"].head(3).tolist()
        out.append(Finding(
            rule="chemistry", severity=min(1.0, share / 0.4),
            title="Effort on low chemistry" if finding_tone(share / 0.4) != "good" else
            "A little effort on low chemistry",
            sentence=(f"{percent(share)} of your time with people in the last {result.window_days} days "
                      f"({result.low_chemistry_effort} of {result.contact_effort:,} days in touch, each day counted "
                      f"once per person) went to {len(low)} "
                      f"{plural(len(low), 'contact')} you rate 2 or less for chemistry, most to "
                      f"{join_and(names)}."),
            evidence={"low_chemistry_share": share, "low_chemistry_effort": result.low_chemistry_effort,
                      "effort": result.contact_effort, "chemistry_known_share": result.chemistry_known_share,
                      "contacts": names, "seed": _SEED_CHEMISTRY}))
    return out


def actions(result: PurposeChemistry) -> list[Action]:
    """``wind down`` the low-chemistry contacts taking the most effort.

    At most 3, each in touch on at least 2 days in the window and not marked
    ``develop``; :func:`~netanalysis.analysis.result.plan_priority` of the
    chemistry severity with urgency ``min(1, (3 - chemistry) / 2 + 5 · effort share)``.
    """
    low = result.low_chemistry
    low = low[(low["status"] != "develop") & (low["effort"] >= _MIN_EFFORT)].head(_MAX_WIND_DOWN)
    out = []
    for person, row in low.iterrows():
        chemistry, effort, share = int(row["chemistry"]), int(row["effort"]), float(row["share"])
        out.append(Action(
            verb="wind down", contacts=[row["contact"]], person_ids=[str(person)], rule="chemistry",
            priority=plan_priority(min(1.0, result.low_chemistry_share / 0.4),
                                   min(1.0, (LOW_CHEMISTRY + 1 - chemistry) / 2 + 5.0 * share)),
            reason=(f"You were in touch with {row['contact']} on {effort} days in the last {result.window_days} "
                    f"days ({percent(share)} of your time with people), and you rate them {chemistry} of 5 "
                    "for chemistry."),
            evidence={"chemistry": chemistry, "effort": effort, "share": share, "status": row["status"]}))
    return out


def _window_rows(rows: pd.DataFrame | None, stamp: pd.Timestamp, window: int) -> pd.DataFrame:
    """The ``rows`` (cut to ``stamp``) dated in ``(stamp - window, stamp]`` (as ``ties["effort"]``)."""
    if rows is None or len(rows) == 0:
        return pd.DataFrame({"purpose": pd.Series(dtype=object)})
    age = (stamp - rows["date"]).dt.days
    return rows[age < window]


def _effort_by_purpose(rows: pd.DataFrame) -> tuple[dict[str, float], int]:
    """``({purpose: effort}, unstated rows)``; a row with ``k`` purposes gives ``1/k`` to each."""
    # Each distinct cell is cleaned and split once; code -1 (missing) picks the last, blank one.
    codes, cells = pd.factorize(rows["purpose"]) if len(rows) else (np.empty(0, dtype=np.intp), [])
    text = [str(cell).strip() for cell in cells] + [""]
    unstated = int(np.array([t == "" for t in text])[codes].sum())
    pieces = [t.split(";") if t else [] for t in text]
    share = np.array([1.0 / len(piece) if piece else 0.0 for piece in pieces])
    row, items = explode_codes(codes, [[p.strip().lower() for p in piece] for piece in pieces])
    if not len(row):
        return {}, unstated
    exploded = pd.DataFrame({"purpose": items, "weight": share[codes[row]]})
    sums = exploded[exploded["purpose"] != ""].groupby("purpose")["weight"].sum()
    return {str(k): float(v) for k, v in sums.items()}, unstated


def _chemistry(ties: pd.DataFrame, window: int):
    """Low-chemistry table, total effort on contacts, low effort and share, known share, reason."""
    columns = ["contact", "chemistry", "effort", "share", "status"]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in columns},
                         index=pd.Index([], name="person_id"))
    effort = ties["effort"].astype("int64") if len(ties) else pd.Series(dtype="int64")
    total = int(effort.sum())
    chemistry = ties["chemistry"].astype("Int64") if len(ties) else pd.Series(dtype="Int64")
    if total == 0:
        return empty, 0, 0, math.nan, math.nan, f"no log rows with a known person in the last {window} days"
    known = chemistry.notna()
    if not known.any():
        return empty, total, 0, math.nan, 0.0, "no chemistry ratings: add a chemistry column (1-5) to contacts.csv"
    is_low = (known & (chemistry.fillna(LOW_CHEMISTRY + 1) <= LOW_CHEMISTRY) & (effort > 0)).to_numpy(bool)
    low = ties.loc[is_low, ["contact", "chemistry", "effort", "status"]].copy()
    low["share"] = low["effort"] / total
    low = low.assign(_id=low.index).sort_values(["effort", "chemistry", "_id"], ascending=[False, True, True])
    low = low.drop(columns="_id")[columns]
    low.index.name = "person_id"
    low_effort = int(low["effort"].sum())
    return low, total, low_effort, low_effort / total, float(effort[known].sum()) / total, ""


def _purpose_finding(result: PurposeChemistry) -> Finding | None:
    evidence = {"effort": result.effort, "unstated_share": result.unstated_share,
                "alignment": result.alignment, "targets": result.targets, "seed": _SEED_PURPOSE,
                "shares": {p: s for p, s in zip(result.purposes["purpose"], result.purposes["share"])
                           if p != UNSTATED and not math.isnan(s)}}
    if not result.targets:
        done = _effort_summary(result)
        return Finding(
            rule="purpose", severity=0.15, title="No mission set",
            sentence=("You have not said what your networking is for (sales, job, learning, lobbying); "
                      "add a [purposes] table with target shares to goals.toml."
                      + (f" So far your effort went {done}." if done else "")),
            evidence=evidence)
    if result.effort == 0:
        return None
    unstated = result.unstated_share
    if math.isnan(result.alignment):
        return Finding(
            rule="purpose", severity=0.5 * unstated, title="Effort without a purpose",
            sentence=(f"None of your {result.effort} interactions in the last {result.window_days} days "
                      "says what it was for, so the review cannot compare your effort with your mission; "
                      "fill the purpose column of interactions.csv."),
            evidence=evidence)
    severity = max(1.0 - result.alignment, 0.5 * unstated)
    table = result.purposes[result.purposes["purpose"] != UNSTATED]
    worst = table.loc[table["gap"].abs().idxmax()]
    target = 0.0 if math.isnan(worst["target"]) else worst["target"]
    sentence = (f"Your effort in the last {result.window_days} days matches your mission by "
                f"{percent(result.alignment)}: {worst['purpose']} gets {percent(worst['share'])} of it against "
                f"a target of {percent(target)}.")
    if unstated >= 0.3:
        sentence += f" {percent(unstated)} of your interactions don't say what they were for."
    title = {"problem": "Effort off mission", "note": "Effort close to mission",
             "good": "Effort on mission"}[finding_tone(severity)]
    return Finding(rule="purpose", severity=severity, title=title, sentence=sentence,
                   evidence={**evidence, "largest_gap": worst["purpose"]})


def _effort_summary(result: PurposeChemistry) -> str:
    table = result.purposes[(result.purposes["purpose"] != UNSTATED) & (result.purposes["effort"] > 0)]
    return ", ".join(f"{percent(s)} to {p}" for p, s in zip(table["purpose"].head(4), table["share"].head(4)))
