"""Shared test helper: build a tie table (see ``netanalysis/review/ties.py``) by hand.

``make_ties(rows)`` takes a list of dicts, one per person, and fills every
tie-table column the review modules read with a default of the right dtype,
so a test only writes the columns its arithmetic needs::

    ties = make_ties([{"strength": 0.5, "layer": 1, "interactions": 3}, {}])

Defaults: strings ``""`` (``contact`` defaults to the person id so display
names are readable), ints ``0``, dates ``NaT``, nullable ints ``<NA>``,
floats ``0.0``, ``on_linkedin`` ``True``, ``cluster`` ``""``,
``cadence_used`` and ``overdue`` ``NaN``.  The index is ``person_id``: the
``index`` argument, else each row's ``"person_id"`` key, else ``p0, p1, ...``.
Pass ``as_of`` to derive ``days_since_last`` from ``last_contact`` where a row
gives the date but not the days.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["make_ties", "TIE_COLUMNS"]

_STR = ""
_NAT = pd.NaT
_NA = pd.NA

#: column -> (default, dtype)
TIE_COLUMNS: dict[str, tuple[object, str]] = {
    "contact": (_STR, "object"),
    "company": (_STR, "object"),
    "position": (_STR, "object"),
    "url": (_STR, "object"),
    "on_linkedin": (True, "bool"),
    "connected_on": (_NAT, "datetime64[ns]"),
    "circle": (_STR, "object"),
    "chemistry": (_NA, "Int64"),
    "cadence_days": (_NA, "Int64"),
    "status": (_STR, "object"),
    "offers": (_STR, "object"),
    "needs": (_STR, "object"),
    "interactions": (0, "int64"),
    "given": (0, "int64"),
    "received": (0, "int64"),
    "first_contact": (_NAT, "datetime64[ns]"),
    "last_contact": (_NAT, "datetime64[ns]"),
    "days_since_last": (_NA, "Int64"),
    "balance": (0, "int64"),
    "given_recent": (0.0, "float64"),
    "received_recent": (0.0, "float64"),
    "effort": (0, "int64"),
    "strength": (0.0, "float64"),
    "peak_strength": (0.0, "float64"),
    "two_way": (0.0, "float64"),
    "layer": (_NA, "Int64"),
    "cluster": (_STR, "object"),
    "cadence_used": (np.nan, "float64"),
    "overdue": (np.nan, "float64"),
}


def make_ties(rows: list[dict], index=None, *, as_of=None) -> pd.DataFrame:
    """A tie table with every column of :data:`TIE_COLUMNS` and the right dtypes.

    >>> t = make_ties([{"strength": 0.4, "layer": 1}, {"contact": "Bo"}])
    >>> list(t.index), t.loc["p0", "contact"], t.loc["p1", "contact"], str(t["layer"].dtype)
    (['p0', 'p1'], 'p0', 'Bo', 'Int64')
    >>> t = make_ties([{"last_contact": "2026-01-01"}], ["a"], as_of="2026-01-31")
    >>> int(t.loc["a", "days_since_last"])
    30
    >>> len(make_ties([]))
    0
    """
    rows = [dict(r) for r in rows]
    if index is None:
        index = [r.pop("person_id", f"p{i}") for i, r in enumerate(rows)]
    else:
        index = list(index)
        for r in rows:
            r.pop("person_id", None)
    if len(index) != len(rows):
        raise ValueError(f"{len(rows)} rows but {len(index)} index labels")
    unknown = {k for r in rows for k in r} - set(TIE_COLUMNS)
    if unknown:
        raise KeyError(f"not tie-table columns: {sorted(unknown)}")
    data = {}
    for column, (default, dtype) in TIE_COLUMNS.items():
        values = [r.get(column, default) for r in rows]
        if column == "contact":
            values = [v if v != "" else pid for v, pid in zip(values, index)]
        if dtype.startswith("datetime"):
            series = pd.Series(pd.to_datetime(values), dtype=dtype) if values else pd.Series(dtype=dtype)
        elif dtype == "Int64":
            series = pd.Series([_NA if v is None or (isinstance(v, float) and np.isnan(v)) else v
                                for v in values], dtype="Int64")
        else:
            series = pd.Series(values, dtype=dtype)
        data[column] = series.to_numpy() if dtype != "Int64" else series.array
    ties = pd.DataFrame(data, index=pd.Index(index, name="person_id", dtype="object"))
    for column, (_, dtype) in TIE_COLUMNS.items():
        ties[column] = ties[column].astype(dtype)
    if "balance" not in {k for r in rows for k in r}:
        ties["balance"] = ties["given"] - ties["received"]
    if as_of is not None:
        stamp = pd.Timestamp(as_of).normalize()
        derived = (stamp - ties["last_contact"]).dt.days.astype("Int64")
        ties["days_since_last"] = ties["days_since_last"].fillna(derived)
    return ties
