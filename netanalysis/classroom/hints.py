"""Hints for the tie-strength exercise: the four parts of strength for one
person, and the usual mistakes (no decay, raw values, mutual rows left out, ...)
recognised from a student's number.  Used by :mod:`netanalysis.classroom.exercises`;
never shows the expected value.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.ledger import log_until

__all__ = ["check_parts", "strength_parts", "strength_hint", "two_way", "as_number"]

#: How close an answer must be to count as right.
TOLERANCE = 0.001


def as_number(value) -> float | None:
    """A student's answer as a float, or None (None, a bool, text or nan)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def check_parts(parts: dict, net, person: str, as_of) -> list[str]:
    expected = strength_parts(net, person, as_of)
    hints = {
        "I": "weigh each row's value v/5 by its decay 2^(-age/h), with age in days and h the half-life",
        "T": "G and R both count the mutual rows; T = 2·min(G, R) / (G + R)",
        "M": "count distinct kinds (at most 4), purposes (at most 3, split 'a;b') and channels (at most 2), "
             "then divide the sum by 9",
        "D": "years since the first contact or the connection, whichever is earlier (days / 365.25), / 5, "
             "at most 1",
    }
    out = []
    for key in ("I", "T", "M", "D"):
        value = as_number(parts.get(key))
        if parts.get(key) is None:
            out.append(f"{key}: write your value in parts['{key}'].")
        elif value is not None and abs(value - expected[key]) <= TOLERANCE:
            out.append(f"{key}: correct.")
        else:
            out.append(f"{key}: not quite: {hints[key]}.")
    return out


def strength_parts(net, person: str, as_of) -> dict[str, float]:
    """``I, T, M, D`` of one person from the log (no archive messages), as in the tie module."""
    stamp = pd.Timestamp(as_of).normalize()
    half_life = float(net.goals.half_life_days)
    rows = log_until(net.log, stamp)
    rows = rows[rows["person_id"] == person]
    age = (stamp - rows["date"]).dt.days.to_numpy(dtype=float)
    value = rows["value"].to_numpy(dtype=float)
    direction = rows["direction"].to_numpy()
    give = value[direction != "received"].sum()
    take = value[direction != "gave"].sum()
    purposes = {p.strip() for cell in rows["purpose"] for p in str(cell).split(";") if p.strip()}
    channels = {c for c in rows["channel"] if c}
    start = min([d for d in (rows["date"].min(), net.people.at[person, "connected_on"]) if pd.notna(d)],
                default=stamp)
    return {
        "I": float((value / 5 * np.exp2(-age / half_life)).sum()),
        "I_no_decay": float((value / 5).sum()),
        "I_raw": float((value * np.exp2(-age / half_life)).sum()),
        "T": float(2 * min(give, take) / (give + take)) if give + take else 0.0,
        "T_no_mutual": two_way(value[direction == "gave"].sum(), value[direction == "received"].sum()),
        "M": (min(rows["kind"].nunique(), 4) + min(len(purposes), 3) + min(len(channels), 2)) / 9,
        "D": min(1.0, max(0.0, (stamp - start).days / 365.25) / 5),
        "D_first": min(1.0, max(0.0, (stamp - rows["date"].min()).days / 365.25) / 5) if len(rows) else 0.0,
    }


def strength_hint(mine: float, net, person: str, as_of) -> str:
    """Name the mistake when ``mine`` matches one, else say how to check the parts."""
    from ..analysis.ties import strength_from_parts

    p = strength_parts(net, person, as_of)

    def total(I=p["I"], T=p["T"], M=p["M"], D=p["D"], saturate=True):
        if not saturate:
            return I * (0.55 + 0.15 * T + 0.15 * M + 0.15 * D)
        return float(strength_from_parts(I, T, M, D))

    mistakes = [
        (total(I=p["I_no_decay"]), "did you apply the decay 2^(-age / half-life) to each row?"),
        (total(I=p["I_raw"]), "each row's value counts as v / 5 in I (a fresh value-5 row is 1)."),
        (total(T=p["T_no_mutual"]), "mutual rows count on both sides, in G and in R."),
        (total(D=p["D_first"]), "duration counts from the first contact or the connection, whichever is earlier."),
        (total(saturate=False), "I is saturated first: F = I / (I + 1)."),
        (total(D=min(1.0, p["D"] * 5)), "duration is years / 5 (at most 1)."),
    ]
    for value, hint in mistakes:
        if abs(mine - value) <= TOLERANCE:
            return hint
    return "compute I, T, M and D one at a time and pass them as parts={'I': ..., 'T': ..., 'M': ..., " \
           "'D': ...} to see which one is off."


def two_way(give: float, take: float) -> float:
    return float(2 * min(give, take) / (give + take)) if give + take else 0.0
