"""What the archive readers share: cleaned columns, dates with their problems, the frames they return.

Names, URLs and flags repeat a lot in the archive files (300,000 messages
from a few thousand people), so each helper works once per distinct value
(:func:`~netanalysis.io.fields.map_unique`) and returns a numpy array in row
order, ready for the readers' vectorised code.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import Problems
from ..dates import out_of_range_fix, parse_dates_checked
from ..fields import map_unique
from ..text import clean_text, profile_url
from .formats import MONTH_NAME_DATETIME

__all__ = ["Source", "clean_names", "clean_urls", "upper_values", "join_names", "archive_dates", "most_common",
           "finish", "empty_frame", "build_frame", "count_dropped"]

#: What an archive reader reads: a path, or the file's bytes (a zip member).
Source = Path | str | bytes


def clean_names(values: pd.Series) -> np.ndarray:
    """:func:`~netanalysis.io.text.clean_text` of every value.

    >>> clean_names(pd.Series([" Søren\\u200e  Hansen", ""])).tolist()
    ['Søren Hansen', '']
    """
    return map_unique(values, clean_text).to_numpy()


def clean_urls(values: pd.Series) -> np.ndarray:
    """:func:`~netanalysis.io.text.profile_url` of every value: decoded, ``https://www.`` form, '' if unknown.

    >>> clean_urls(pd.Series(["www.linkedin.com/in/jane-doe", "https://www.linkedin.com/in"])).tolist()
    ['https://www.linkedin.com/in/jane-doe', '']
    """
    return map_unique(values, lambda v: profile_url(clean_text(v))).to_numpy()


def upper_values(values: pd.Series) -> np.ndarray:
    """The stripped, upper-cased cells (``OUTGOING``, ``ACCEPTED``...).

    >>> upper_values(pd.Series([" outgoing", "ACCEPTED"])).tolist()
    ['OUTGOING', 'ACCEPTED']
    """
    return map_unique(values, lambda v: str(v).strip().upper()).to_numpy()


def join_names(first: pd.Series, last: pd.Series) -> np.ndarray:
    """``"First Last"`` display names from two name columns.

    >>> join_names(pd.Series([" Søren", ""]), pd.Series(["Hansen", "Doe "])).tolist()
    ['Søren Hansen', 'Doe']
    """
    joined = first.astype(object).to_numpy() + " " + last.astype(object).to_numpy()
    return clean_names(pd.Series(joined, dtype=object))


def archive_dates(values: pd.Series, lines: pd.Series, formats: Sequence[str], *, display: str, column: str,
                  problems: Problems, example: str) -> pd.Series:
    """Parse an archive file's date column; every row without a date is an error.

    :func:`~netanalysis.io.dates.parse_dates_checked` with the time of day
    kept and loose spaces (newer exports write non-breaking and narrow
    spaces); each empty cell and each cell no format reads gives an error
    :class:`~netanalysis.errors.Problem` with its line, column and value
    (:meth:`~netanalysis.errors.Problems.add_rows`), and ``NaT``.  A date
    before 1900 or after 2100 (``9999-12-31``, a placeholder) is a warning,
    and ``NaT``: the readers leave such rows out.

    Returns a ``datetime64[ns]`` Series on the same index.

    >>> from .formats import US_DATETIME
    >>> p = Problems()
    >>> archive_dates(pd.Series(["6/17/23, 6:18 AM", "soon"]), pd.Series([2, 3]), US_DATETIME,
    ...               display="Invitations.csv", column="Sent At", problems=p, example="6/17/23, 6:18 AM").tolist()
    [Timestamp('2023-06-17 06:18:00'), NaT]
    >>> str(p.items[0])  # doctest: +ELLIPSIS
    "Invitations.csv line 3, column 'Sent At': 'soon' is not a date in a known format..."
    """
    formats = (*formats, *(f for f in MONTH_NAME_DATETIME if f not in formats))
    dates, unreadable, outside = parse_dates_checked(values, formats, keep_time=True, loose_spaces=True)
    unreadable, outside = unreadable.to_numpy(), outside.to_numpy()
    if outside.any():
        rows = np.flatnonzero(outside)
        cells = [str(v) for v in values.astype(object).to_numpy()[rows]]
        problems.add_rows(display, lines.to_numpy()[rows], cells, column=column, code="date-out-of-range",
                          severity="warning",
                          message=[f"is before 1900 or after 2100: {out_of_range_fix(v, 'a LinkedIn date')}; "
                                   "the row is left out" for v in cells],
                          fix="nothing to do if the row does not matter; else export the archive again")
    missing = dates.isna().to_numpy() & ~outside
    rows = np.flatnonzero(missing)
    if len(rows):
        empty = ~unreadable[rows]
        cells = values.astype(object).to_numpy()[rows]
        problems.add_rows(
            display, lines.to_numpy()[rows], [None if e else str(v) for e, v in zip(empty, cells)],
            column=column, code="bad-date",
            message=["is empty; every row needs a date" if e else "is not a date in a known format" for e in empty],
            fix=[f"fill in the date as LinkedIn writes it (e.g. '{example}'), or delete the row" if e
                 else f"write it as LinkedIn does (e.g. '{example}'), or delete the row" for e in empty])
    return dates


def most_common(values: np.ndarray | Sequence[str]) -> str:
    """The most frequent non-empty value ('' if none); ties go to the first seen.

    >>> most_common(["b", "a", "", "a", "b", "a"])
    'a'
    """
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def finish(frame: pd.DataFrame | None, columns: list[str], problems: Problems | None,
           local: Problems) -> pd.DataFrame:
    """Raise for a public call without a collector, else return (an empty frame on failure)."""
    if problems is None:
        local.raise_if_errors()
    if frame is None:
        return empty_frame(columns)
    return frame


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """A frame with the documented columns and dtypes, and no rows.

    >>> empty_frame(["date", "counterpart", "line"]).dtypes.astype(str).tolist()
    ['datetime64[ns]', 'object', 'int64']
    """
    kinds = {"date": "datetime64[ns]", "line": np.int64}
    return build_frame(columns, {name: np.empty(0, dtype=kinds.get(name, object)) for name in columns})


def build_frame(columns: list[str], data: dict[str, object]) -> pd.DataFrame:
    """A frame in the documented column order with ``line`` as int64 and a fresh index."""
    frame = pd.DataFrame({name: data[name] for name in columns})
    frame["line"] = frame["line"].astype("int64")
    return frame.reset_index(drop=True)


def count_dropped(dropped: dict[str, int] | None, label: str, count: int) -> None:
    """Add ``count`` to ``dropped[label]`` (only when there is something to count).

    >>> dropped = {}
    >>> count_dropped(dropped, "message drafts", 2); count_dropped(dropped, "message drafts", 0)
    >>> dropped
    {'message drafts': 2}
    """
    if dropped is not None and count:
        dropped[label] = dropped.get(label, 0) + int(count)
