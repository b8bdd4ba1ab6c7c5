"""Vectorised date parsing with a fixed list of formats, never guessing.

Each reader names the formats its file may hold, in order of preference; a
cell takes the first format that reads it.  Cells no format reads are returned
so the reader can report them with their line (every reader does so in its
own words: the log explains a month-first date, the archive asks for
LinkedIn's own format).  Each distinct cell is parsed once (a log of 100,000
rows has a few thousand distinct dates); a column of nearly all distinct
cells (the archive's timestamps) is parsed as it is.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = ["parse_dates", "parse_dates_checked", "ParsedDates", "FIRST_YEAR", "LAST_YEAR", "out_of_range_fix"]

_SAMPLE = 2000  # cells looked at to decide whether parsing each distinct cell once pays
#: The years a date of any input may have: no LinkedIn export and no log holds others.
FIRST_YEAR, LAST_YEAR = 1900, 2100
_PLACEHOLDER_YEARS = ("9999", "0001", "1111")


class ParsedDates(NamedTuple):
    """What :func:`parse_dates_checked` found: dates, unreadable cells, cells outside the years."""

    dates: pd.Series
    bad: pd.Series
    out_of_range: pd.Series


def out_of_range_fix(value: str, what: str) -> str:
    """What to say about a date outside 1900-2100 (``what``: "a LinkedIn date", "a date of your log").

    >>> out_of_range_fix("9999-12-31", "a date of your log")  # doctest: +ELLIPSIS
    "it cannot be a date of your log (9999-12-31 is a common 'no end date' placeholder)..."
    """
    text = f"it cannot be {what}"
    if any(year in str(value) for year in _PLACEHOLDER_YEARS):
        text += f" ({str(value).strip()} is a common 'no end date' placeholder)"
    return text + f"; dates from {FIRST_YEAR} to {LAST_YEAR} are read"


def parse_dates(values: pd.Series, formats: Sequence[str], *, keep_time: bool = False,
                loose_spaces: bool = False) -> tuple[pd.Series, pd.Series]:
    """:func:`parse_dates_checked`, with the cells outside 1900-2100 counted as unreadable: ``(dates, bad)``.

    >>> d, bad = parse_dates(pd.Series(["31 Dec 9999", "04 Jul 2023"]), ("%d %b %Y",))
    >>> d.isna().tolist(), bad.tolist()
    ([True, False], [True, False])
    """
    dates, bad, outside = parse_dates_checked(values, formats, keep_time=keep_time, loose_spaces=loose_spaces)
    return dates, bad | outside


def parse_dates_checked(values: pd.Series, formats: Sequence[str], *, keep_time: bool = False,
                        loose_spaces: bool = False) -> ParsedDates:
    """Parse ``values`` (strings) with the first format that reads each cell.

    Parameters
    ----------
    values : Series of str
        The cells; white space around a cell is ignored.
    formats : sequence of str
        ``strftime`` formats, tried in order.  A format ending in ``" UTC"``
        reads cells with that suffix (cut before parsing: pandas then takes
        its fast ISO path).
    keep_time : bool
        Keep the time of day; by default dates are midnight.
    loose_spaces : bool
        Give the cells no format reads a second try with non-breaking and
        narrow spaces made plain and runs of spaces made one (LinkedIn's
        newer exports).

    Returns
    -------
    dates : Series
        ``datetime64[ns]`` on the index of ``values``; ``NaT`` for empty,
        unreadable or out-of-range cells.
    bad : Series of bool
        True for the non-empty cells no format reads.  Empty cells are
        neither: whether a date was required is the reader's to say.
    out_of_range : Series of bool
        True for the cells a format reads as a date before 1900 or after 2100
        (``01 Jan 0001``, the placeholder ``9999-12-31``): no real export or
        log holds one, and pandas cannot hold most of them.

    Examples
    --------
    >>> parse_dates_checked(pd.Series(["0001-01-01", "2026-03-14"]), ("%Y-%m-%d",)).out_of_range.tolist()
    [True, False]
    >>> d, bad = parse_dates(pd.Series(["04 Jul 2023", "1/8/18, 6:14 PM", "x", ""]),
    ...                      ("%d %b %Y", "%m/%d/%y, %I:%M %p"))
    >>> [str(x.date()) if not pd.isna(x) else None for x in d], bad.tolist()
    (['2023-07-04', '2018-01-08', None, None], [False, False, True, False])
    >>> d, bad = parse_dates(pd.Series(["2024-06-18 11:59:53 UTC", "6/17/23,\\u202f6:18\\u202fAM"]),
    ...                      ("%Y-%m-%d %H:%M:%S UTC", "%m/%d/%y, %I:%M %p"), keep_time=True, loose_spaces=True)
    >>> d.tolist(), bad.tolist()
    ([Timestamp('2024-06-18 11:59:53'), Timestamp('2023-06-17 06:18:00')], [False, False])
    """
    if len(values) == 0:
        empty = pd.Series(False, index=values.index, dtype=bool)
        return ParsedDates(pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), empty, empty.copy())
    cells = values.to_numpy(dtype=object)
    head = cells[:_SAMPLE].tolist()
    if len(set(head)) > 0.9 * len(head):  # nearly all distinct: one parse per cell
        codes, text = None, cells
    else:
        codes, text = pd.factorize(cells, use_na_sentinel=False)
        text = text.astype(object)
    result = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    outside = np.zeros(len(text), dtype=bool)
    todo = np.flatnonzero(text != "")
    tidy = [_stripped] + ([_plain_spaces] if loose_spaces else [])
    for attempt in range(1 + len(tidy)):
        if attempt:
            # The cells no format read, once more in a tidier form (only those it changes).
            before = text[todo]
            after = np.array([tidy[attempt - 1](v) for v in before], dtype=object)
            changed = after != before
            if not changed.any():
                continue
            text = text.copy()
            text[todo] = after
            todo = todo[after != ""]
        for fmt in formats:
            if not len(todo):
                break
            tried = text[todo]
            if fmt.endswith(" UTC"):
                fmt = fmt[:-4]
                tried = np.array([v[:-4] if v.endswith(" UTC") else "" for v in tried], dtype=object)
            parsed = pd.to_datetime(pd.Series(tried, dtype=object), format=fmt, errors="coerce")
            ok = parsed.notna().to_numpy()
            if ok.any():
                years = parsed.dt.year.to_numpy()
                late = ok & ((years < FIRST_YEAR) | (years > LAST_YEAR))
                if late.any():  # read, but no real date (and beyond what datetime64[ns] holds)
                    outside[todo[late]] = True
                    ok = ok & ~late
                found = parsed[ok] if keep_time else parsed[ok].dt.normalize()
                result[todo[ok]] = found.to_numpy().astype("datetime64[ns]")
                todo = todo[~(ok | late)]
    bad = np.zeros(len(text), dtype=bool)
    bad[todo] = True
    if codes is not None:
        result, bad, outside = result[codes], bad[codes], outside[codes]
    return ParsedDates(pd.Series(result, index=values.index, dtype="datetime64[ns]"),
                       pd.Series(bad, index=values.index), pd.Series(outside, index=values.index))


def _stripped(cell: object) -> str:
    return str(cell).strip()


def _plain_spaces(cell: object) -> str:
    """Non-breaking and narrow spaces made plain, runs of white space made one (and none at the ends)."""
    return " ".join(str(cell).replace("\u202f", " ").replace("\xa0", " ").split())
