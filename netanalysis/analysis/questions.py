"""The eight self-clarification questions, each next to the person's own numbers.

The first seed essay asks every networker to be clear about: the mission;
how one networks; who the right relations are; how they are kept up; how they
are developed or wound down; why people should network with you; what you can
give; and what you can take.  :func:`self_clarification` pairs each question
with the numbers of the review that bear on it (the answers are the user's).
"""
from __future__ import annotations

import math

import pandas as pd

from .._format import percent, plural
from .ledger import log_until

__all__ = ["self_clarification", "QUESTIONS", "habits"]

QUESTIONS = [
    ("mission", "What is my mission with networking?"),
    ("how", "How do I network?"),
    ("who", "Who are the right relations for me?"),
    ("upkeep", "How do I look after my relations?"),
    ("develop", "How do I develop or wind down relations?"),
    ("why_me", "Why should people network with me?"),
    ("give", "What can I give in a relation?"),
    ("take", "What can I take from a relation?"),
]


def habits(log: pd.DataFrame, as_of, window_days: int, *, rows: pd.DataFrame | None = None) -> dict:
    """How the user networks in the window: rows, per week, channel and kind mix.

    ``per_week = rows / (window_days / 7)``; shares are of the window's rows.
    ``rows`` is ``log`` already cut to ``as_of``
    (:func:`~netanalysis.analysis.ledger.log_until`); by default it is cut here.

    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-01-01"] * 4), "person_id": ["a"] * 4,
    ...     "channel": ["online", "offline", "offline", ""], "kind": ["call", "coffee", "coffee", "x"],
    ...     "direction": ["gave"] * 4, "value": [1] * 4})
    >>> h = habits(log, "2026-01-02", 7)
    >>> h["rows"], h["per_week"], h["offline_share"], h["top_kinds"][0]
    (4, 4.0, 0.5, 'coffee')
    """
    stamp = pd.Timestamp(as_of)
    if rows is None:
        rows = log_until(log, stamp)
    rows = rows[(stamp - rows["date"]).dt.days < window_days]
    count = len(rows)
    channel = rows["channel"].value_counts()
    kinds = rows["kind"].value_counts()
    given = rows[rows["direction"] == "gave"]["kind"].value_counts()
    received = rows[rows["direction"] == "received"]["kind"].value_counts()
    return {
        "rows": count,
        "per_week": round(count / (window_days / 7), 2) if window_days else math.nan,
        "offline_share": float(channel.get("offline", 0) / count) if count else math.nan,
        "online_share": float(channel.get("online", 0) / count) if count else math.nan,
        "top_kinds": kinds.index[:3].tolist(),
        "top_given": given.index[:3].tolist(),
        "top_received": received.index[:3].tolist(),
        "intros_given": int(((rows["kind"] == "intro") & (rows["direction"] == "gave")).sum()),
    }


def self_clarification(rev, log: pd.DataFrame, *, rows: pd.DataFrame | None = None) -> list[dict]:
    """The eight questions with a sentence of the user's numbers each (``rows`` as in :func:`habits`)."""
    goals = rev.summary["goals"]
    h = habits(log, rev.as_of, goals["window_days"], rows=rows)
    depth, recip, stale, diverse, purpose = rev.depth, rev.reciprocity, rev.staleness, rev.diversity, rev.purpose
    statement = goals.get("statement") or "no mission written yet (goals.toml, [mission] statement)"
    targets = ", ".join(f"{k} {v:.0%}" for k, v in goals.get("purposes", {}).items()) or "no purpose targets"
    follow_up, dormant = stale.counts.get("follow_up", 0), stale.counts.get("dormant", 0)
    winding = stale.counts.get("wind_down_with_effort", 0)
    numbers = {
        "mission": f"Mission: {statement}. Targets: {targets}; your effort matches them by "
                   f"{percent(purpose.alignment, missing='n/a')}.",
        "how": (f"{h['rows']} logged interactions in the last {goals['window_days']} days ({h['per_week']} a week), "
                f"{percent(h['offline_share'], missing='n/a')} face to face; "
                f"mostly {', '.join(h['top_kinds']) or 'nothing yet'}."),
        "who": (f"{depth.strong_ties} strong {plural(depth.strong_ties, 'tie')} among the {depth.met} people you "
                f"have been in touch with; "
                f"{percent(purpose.low_chemistry_share, missing='n/a')} of effort on contacts you rate 2 or less "
                "for chemistry."),
        "upkeep": (f"{stale.counts.get('kept_late', 0)} of your {stale.counts.get('kept', 0)} once-strong "
                   f"relations past the cadence they deserve ({stale.counts.get('cooling', 0)} strong "
                   f"{plural(stale.counts.get('cooling', 0), 'tie')} cooling), "
                   f"{follow_up} {plural(follow_up, 'new connection')} not followed up."),
        "develop": (f"{percent(diverse.newness, missing='n/a')} of effort on relations begun in the last year; "
                    f"{dormant} {plural(dormant, 'dormant tie')} worth reviving; "
                    f"{winding} {plural(winding, 'contact')} marked wind-down "
                    "still in touch."),
        "why_me": _why_me(rev, h),
        "give": (f"You gave {recip.given_total} points of value in all; most often "
                 f"{', '.join(h['top_given']) or 'nothing logged'}; {h['intros_given']} introductions made "
                 f"in the window."),
        "take": (f"You received {recip.received_total} points of value; most often "
                 f"{', '.join(h['top_received']) or 'nothing logged'}; {len(recip.you_owe)} "
                 f"{plural(len(recip.you_owe), 'person', 'people')} you owe, {len(recip.only_takes)} who only take."),
    }
    return [{"key": key, "question": text, "numbers": numbers[key]} for key, text in QUESTIONS]


def _why_me(rev, h: dict) -> str:
    parts = []
    if rev.ambassadors.count is not None:
        count = rev.ambassadors.count
        parts.append(f"{count} {plural(count, 'ambassador')} {plural(count, 'endorses', 'endorse')} or "
                     f"{plural(count, 'recommends', 'recommend')} you")
    parts.append(f"others received {rev.reciprocity.given_total} points of value from you")
    if h["intros_given"]:
        parts.append(f"you made {h['intros_given']} introductions in the window")
    return "; ".join(parts).capitalize() + "."
