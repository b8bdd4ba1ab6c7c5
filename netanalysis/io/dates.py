"""Vectorised date parsing with a fixed list of formats, never guessing.

Each reader names the formats its file may hold, in order of preference; a
cell takes the first format that reads it.  Cells no format reads are returned
so the reader can report them with their line.  Each distinct cell is parsed
once (a log of 100,000 rows has a few thousand distinct dates).
"""
from __future__ import annotations

import pandas as pd

__all__ = ["parse_dates"]


def parse_dates(values: pd.Series, formats: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """Parse ``values`` (strings) with the first matching format.

    Returns ``(dates, bad)``: ``dates`` is ``datetime64[ns]`` (``NaT`` for empty
    or unreadable cells, time of day dropped) and ``bad`` is a boolean mask of
    the non-empty cells no format could read.

    >>> d, bad = parse_dates(pd.Series(["04 Jul 2023", "1/8/18, 6:14 PM", "x", ""]),
    ...                      ("%d %b %Y", "%m/%d/%y, %I:%M %p"))
    >>> [str(x.date()) if not pd.isna(x) else None for x in d], bad.tolist()
    (['2023-07-04', '2018-01-08', None, None], [False, False, True, False])
    """
    if len(values) == 0:
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), pd.Series(False, index=values.index)
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    text = pd.Series([str(u).strip() for u in uniques], dtype=object)
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    todo = (text != "").to_numpy().copy()
    for fmt in formats:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            hit = ok[ok].index
            result.loc[hit] = parsed[ok].dt.normalize().astype("datetime64[ns]")
            todo[hit.to_numpy()] = False
    dates = pd.Series(result.to_numpy()[codes], index=values.index, dtype="datetime64[ns]")
    bad = pd.Series(todo[codes], index=values.index, dtype=bool)
    return dates, bad
