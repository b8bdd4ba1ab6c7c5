"""Plain result types shared by the review questions: findings, actions, JSON.

Every question returns a dataclass deriving from :class:`Result`; its
``to_dict()`` turns DataFrames into lists of records, dates into ISO strings,
``nan``/``NA`` into ``None`` and numpy scalars into Python ones, so the whole
review serialises to JSON and feeds the report and the notebooks.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..vocab import RULES, VERBS

__all__ = ["Result", "Finding", "Action", "plain", "plain_column", "severity_label", "finding_tone", "plan_priority",
           "wind_down_priority", "PROBLEM_FROM", "NOTE_FROM", "HIGH_FROM"]


def plain(value):
    """Convert a value to JSON-ready Python (recursively).

    >>> plain({"a": np.int64(3), "b": [pd.Timestamp("2026-01-02"), float("nan")]})
    {'a': 3, 'b': ['2026-01-02', None]}
    """
    kind = type(value)  # the common plain types first, by exact type (what the checks below give them)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index() if value.index.name else value
        columns = [(str(c), plain_column(frame[c])) for c in frame.columns]
        return [dict(zip([c for c, _ in columns], row)) for row in zip(*[v for _, v in columns])] \
            if columns else [{} for _ in range(len(frame))]
    if isinstance(value, pd.Series):
        return {str(k): plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_dict() if hasattr(value, "to_dict") else plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [plain(v) for v in items]
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return None if pd.isna(value) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return None if math.isnan(value) or math.isinf(value) else value
    return value


def plain_column(values: pd.Series) -> list:
    """A column as JSON-ready Python values, converted a column at a time (:func:`plain` per cell
    only for object columns): dates as ISO days, missing values as ``None``.

    >>> plain_column(pd.Series([1.5, float("nan")])), plain_column(pd.Series(pd.to_datetime(["2026-01-02", None])))
    ([1.5, None], ['2026-01-02', None])
    >>> plain_column(pd.Series(pd.array([3, None], dtype="Int64"))), plain_column(pd.Series([True, False]))
    ([3, None], [True, False])
    """
    missing = values.isna().to_numpy()
    kind = values.dtype.kind if isinstance(values.dtype, np.dtype) else ""
    if kind == "M":
        text = values.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
        out = text.tolist()
    elif kind and kind in "iub":
        return values.to_numpy().tolist()
    elif kind == "f":
        out = values.to_numpy().tolist()
        out = [None if m or math.isinf(v) else v for v, m in zip(out, missing)]
        return out
    elif isinstance(values.dtype, (pd.Int64Dtype, pd.Float64Dtype, pd.BooleanDtype)):
        return [plain(v) for v in values.astype(object).to_numpy().tolist()]
    else:
        return [plain(v) for v in values.tolist()]
    return [None if m else v for v, m in zip(out, missing)]


class Result:
    """Mixin: ``to_dict()`` for dataclass results.

    Fields starting with ``_``, and those named in ``NOT_IN_JSON`` (large
    per-person tables the contacts table already carries), are left out; a
    table keeps its first :attr:`JSON_ROWS` rows (counts say how many there are).
    """

    NOT_IN_JSON: tuple[str, ...] = ()
    JSON_ROWS: int = 200

    def to_dict(self) -> dict:
        out = {}
        for f in dataclasses.fields(self):
            if f.name.startswith("_") or f.name in self.NOT_IN_JSON:
                continue
            value = getattr(self, f.name)
            out[f.name] = plain(value.head(self.JSON_ROWS) if isinstance(value, pd.DataFrame) else value)
        return out


def wind_down_priority(effort: int) -> float:
    """Priority of the reminder to "wind down" a tie you marked ``wind-down`` yourself:
    ``plan_priority(0.1, min(1, effort / 20))``, a note (the decision is already yours).

    >>> round(wind_down_priority(5), 4), wind_down_priority(40)
    (0.0625, 0.1)
    """
    return plan_priority(0.1, min(1.0, effort / 20))


#: Severity from which a finding is a real problem (level medium or high).
PROBLEM_FROM = 0.3
#: Severity from which a finding is worth a note rather than a compliment.
NOTE_FROM = 0.1
#: Severity from which a problem is high.
HIGH_FROM = 0.6


def severity_label(severity: float) -> str:
    """``high`` (>= 0.6), ``medium`` (>= 0.3) or ``low``.

    >>> severity_label(0.61), severity_label(0.3), severity_label(0.29)
    ('high', 'medium', 'low')
    """
    return "high" if severity >= HIGH_FROM else "medium" if severity >= PROBLEM_FROM else "low"


def finding_tone(severity: float) -> str:
    """``problem`` (>= 0.3: a real problem), ``note`` (>= 0.1) or ``good`` (a compliment).

    Every rule's severity is on one scale, (share of the networking the
    problem touches) x (how far it is from the seeds' advice), so one tone
    rule serves them all; a finding's title follows its tone, and findings are
    ranked by severity, so a compliment is never above a real problem.

    >>> finding_tone(0.45), finding_tone(0.12), finding_tone(0.02), finding_tone(float("nan"))
    ('problem', 'note', 'good', 'good')
    """
    if severity != severity:
        return "good"
    return "problem" if severity >= PROBLEM_FROM else "note" if severity >= NOTE_FROM else "good"


def plan_priority(severity: float, urgency: float) -> float:
    """Priority of an action: ``max(severity, 0.05) · (0.5 + 0.5 · clip(urgency, 0, 1))``.

    The finding's severity comes first (the actions of the headline lead the
    plan); the urgency (0-1) orders the actions of one finding.

    >>> plan_priority(0.8, 1.0), plan_priority(0.8, 0.0), plan_priority(float("nan"), 1.0)
    (0.8, 0.4, 0.05)
    """
    base = 0.0 if severity != severity else float(severity)
    return max(base, 0.05) * (0.5 + 0.5 * min(1.0, max(0.0, float(urgency))))


@dataclass
class Finding(Result):
    """One observation about the network, after one piece of the seeds' advice.

    ``severity`` is 0-1 (how far from the advice); findings are ranked by it
    and the first is the headline.
    """

    rule: str
    severity: float
    title: str
    sentence: str
    evidence: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}; use one of {RULES}")
        self.severity = float(min(1.0, max(0.0, self.severity)))

    @property
    def level(self) -> str:
        return severity_label(self.severity)

    @property
    def tone(self) -> str:
        return finding_tone(self.severity)

    def to_dict(self) -> dict:
        return {**super().to_dict(), "level": self.level, "tone": self.tone}


@dataclass
class Action(Result):
    """One thing to do this week: a verb, the contact(s), the reason, the evidence."""

    verb: str
    contacts: list[str]
    reason: str
    rule: str
    priority: float
    evidence: dict = field(default_factory=dict)
    person_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.verb not in VERBS:
            raise ValueError(f"unknown verb {self.verb!r}; use one of {VERBS}")
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}")
