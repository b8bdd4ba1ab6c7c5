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

__all__ = ["Result", "Finding", "Action", "plain", "severity_label", "wind_down_priority"]


def plain(value):
    """Convert a value to JSON-ready Python (recursively).

    >>> plain({"a": np.int64(3), "b": [pd.Timestamp("2026-01-02"), float("nan")]})
    {'a': 3, 'b': ['2026-01-02', None]}
    """
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index() if value.index.name else value
        return [plain(r) for r in frame.to_dict("records")]
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


class Result:
    """Mixin: ``to_dict()`` for dataclass results.

    Fields starting with ``_``, and those named in ``NOT_IN_JSON`` (large
    per-person tables the contacts table already carries), are left out.
    """

    NOT_IN_JSON: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {f.name: plain(getattr(self, f.name)) for f in dataclasses.fields(self)
                if not f.name.startswith("_") and f.name not in self.NOT_IN_JSON}


def wind_down_priority(effort: int) -> float:
    """Priority of a "wind down" action: ``0.15 + 0.25 · min(1, effort / 10)`` (a modest candidate).

    >>> wind_down_priority(5), wind_down_priority(40)
    (0.275, 0.4)
    """
    return 0.15 + 0.25 * min(1.0, effort / 10)


def severity_label(severity: float) -> str:
    """``high`` (>= 0.66), ``medium`` (>= 0.33) or ``low``."""
    return "high" if severity >= 0.66 else "medium" if severity >= 0.33 else "low"


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

    def to_dict(self) -> dict:
        return {**super().to_dict(), "level": self.level}


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
