"""One set of formatters for the numbers, shares and words the tool shows.

Used by the review's sentences (:mod:`netanalysis.analysis`), the report
(:mod:`netanalysis.report.context`), the class view and the exercises, so
that a number reads the same wherever it appears.  Missing values (``None``,
``nan``, ``pd.NA``) read ``–`` unless the caller says otherwise.

>>> number(1234.5), number(0.456, 2), number(None), percent(0.125), percent(float("nan"), missing="n/a")
('1,234', '0.46', '–', '12%', 'n/a')
>>> quantity(1, "day"), quantity(1200, "day"), quantity(2, "person", "people"), plural(3, "is", "are")
('1 day', '1,200 days', '2 people', 'are')
>>> join_and(["Ann"]), join_and(["Ann", "Bo", "Cai"])
('Ann', 'Ann, Bo and Cai')
>>> whole_percent(0.456), whole_percent(None)
(46, None)
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

__all__ = ["MISSING", "is_missing", "number", "percent", "whole_percent", "plural", "quantity", "join_and"]

#: How a missing value reads.
MISSING = "–"


def is_missing(value) -> bool:
    """True for ``None``, a float ``nan`` and ``pd.NA``."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value, digits: int = 0, *, missing: str = MISSING) -> str:
    """``1,234`` (whole numbers and ``digits=0``) or ``1,234.57`` (``digits=2``); ``missing`` if missing.

    A Python ``int`` is always shown whole.
    """
    if is_missing(value):
        return missing
    if isinstance(value, int) or (isinstance(value, float) and digits == 0):
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def percent(share, *, missing: str = MISSING) -> str:
    """A share as a whole percentage (``0.125`` -> ``12%``); ``missing`` if missing."""
    if is_missing(share):
        return missing
    return f"{share:.0%}"


def whole_percent(share) -> int | None:
    """A share as a whole number of percent (``0.456`` -> ``46``), ``None`` if missing."""
    return None if is_missing(share) else round(100 * share)


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """``singular`` for one, else ``plural`` (default: ``singular + "s"``); the word only."""
    return singular if count == 1 else (plural or singular + "s")


def quantity(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 day``, ``1,200 days``: the count with thousands separators and the word (see :func:`plural`)."""
    return f"{count:,} {plural(count, singular, plural_form)}"


def join_and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` (at least one item)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
