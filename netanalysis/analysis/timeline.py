"""The interaction log per calendar month: given, received, mutual, interactions.

Data for the balance timeline (:func:`netanalysis.plots.balance_timeline`).
For the months ``m`` from ``M0 = month(as_of) - (months - 1)`` to
``month(as_of)`` (month starts), over the log rows ``r`` with a known person
(``person_id`` not missing) dated ``M0 <= date_r <= as_of``::

    given_m        = Σ value_r   over rows of month m with direction "gave"
    received_m     = Σ value_r   over rows of month m with direction "received"
    mutual_m       = Σ value_r   over rows of month m with direction "mutual"
    interactions_m = number of rows of month m                (any direction)

Every month of the window is present, with zeros when nothing was logged.
The current month is partial (up to ``as_of``); rows after ``as_of`` are
ignored, so the table can be replayed as of any day.  As everywhere else
(the per-contact table's ``given`` and ``received``), ``mutual`` rows count in
neither ledger: they have their own column.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .ledger import log_until

__all__ = ["monthly_ledger"]

_DIRECTIONS = {"gave": "given", "received": "received", "mutual": "mutual"}


def monthly_ledger(log: pd.DataFrame | None, as_of, *, months: int = 24,
                   rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sums of value by direction, and row counts, per month of the last ``months`` months.

    Parameters
    ----------
    log : DataFrame or None
        The interaction log (``net.log``): columns ``date`` (datetime64),
        ``direction`` (gave/received/mutual), ``value`` (1-5) and
        ``person_id`` (missing for rows that match nobody).  None or empty
        gives all zeros.
    as_of : date-like
        The last day counted; its month is the last row.
    months : int
        How many months, ``as_of``'s month included (>= 1).
    rows : DataFrame, optional
        ``log`` already cut to ``as_of`` (:func:`~netanalysis.analysis.ledger.log_until`),
        as the review keeps it (:attr:`netanalysis.analysis.Review.rows`); by
        default the log is cut here.

    Returns
    -------
    DataFrame
        ``months`` rows, oldest first, columns ``month`` (Timestamp, month
        start), ``given``, ``received``, ``mutual`` (sums of value, int64 when
        the values are integers), ``interactions`` (int64); formulas in the
        module docstring.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-20", "2026-03-01", "2026-03-31",
    ...                                             "2025-12-31", "2026-02-10"]),
    ...                     "direction": ["gave", "received", "mutual", "gave", "gave", "gave"],
    ...                     "value": [3, 2, 5, 4, 1, 2], "person_id": ["a", "a", "b", "b", "a", None]})
    >>> monthly_ledger(log, "2026-03-15", months=3)   # 2025-12-31 is too old, 2026-03-31 too new, None is nobody
           month  given  received  mutual  interactions
    0 2026-01-01      3         2       0             2
    1 2026-02-01      0         0       0             0
    2 2026-03-01      0         0       5             1
    """
    if int(months) < 1:
        raise ValueError(f"months must be at least 1, not {months!r}")
    stamp = pd.Timestamp(as_of).normalize()
    last = stamp.to_period("M").to_timestamp()
    first = last - pd.DateOffset(months=int(months) - 1)
    index = pd.date_range(first, last, freq="MS", name="month")
    out = pd.DataFrame(0, index=index, columns=["given", "received", "mutual", "interactions"], dtype="int64")
    if rows is None:
        if log is None or len(log) == 0:
            return out.reset_index()
        rows = log_until(log.assign(date=pd.to_datetime(log["date"], errors="coerce")), stamp)
    rows = rows[rows["date"] >= first]
    if rows.empty:
        return out.reset_index()
    month = rows["date"].dt.to_period("M").dt.to_timestamp()
    value = pd.to_numeric(rows["value"], errors="coerce").fillna(0)
    direction = rows["direction"].astype(str).map(_DIRECTIONS)
    sums = (pd.DataFrame({"month": month, "column": direction, "value": value})
            .dropna(subset=["column"])
            .pivot_table(index="month", columns="column", values="value", aggfunc="sum", fill_value=0)
            .reindex(index=index, columns=list(_DIRECTIONS.values()), fill_value=0))
    whole = np.issubdtype(np.asarray(rows["value"]).dtype, np.integer)
    for column in _DIRECTIONS.values():
        values = sums[column].fillna(0)
        out[column] = values.astype("int64") if whole else values.astype("float64")
    out["interactions"] = month.value_counts().reindex(index, fill_value=0).astype("int64").to_numpy()
    return out.reset_index()
