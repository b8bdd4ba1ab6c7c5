"""The per-contact table: one row per real connection and per person off LinkedIn.

Columns, as the ``contacts`` command writes them: ``contact, first_name,
last_name, url, email, company, position, connected_on, interactions,
last_contact, days_since_last, given, received, on_linkedin, circle,
chemistry, cadence_days, status``, then the review's own columns (strength,
layer, cluster, ...), as of a date.

Formulas, over the log rows of the contact dated on or before ``as_of``:

* ``interactions`` = number of rows where they are the ``contact``
* ``given`` = Σ value over their ``gave`` rows; ``received`` = Σ value over
  their ``received`` rows (``mutual`` rows count in neither ledger)
* ``last_contact`` = max date; ``days_since_last`` = ``as_of - last_contact``
  in days (empty if never)
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

__all__ = ["as_timestamp", "log_until", "ledger", "contacts_table", "explode_codes"]


def as_timestamp(as_of: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    """``as_of`` as a midnight :class:`pandas.Timestamp` (accepts ISO strings)."""
    return pd.Timestamp(as_of).normalize()


def log_until(log: pd.DataFrame, as_of) -> pd.DataFrame:
    """The log rows dated on or before ``as_of`` with a known person: the rows a review counts.

    :func:`netanalysis.review` cuts the log once and hands these rows to every
    question; the functions that take a whole log cut it here themselves.

    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-01-15"]),
    ...                     "person_id": ["a", "a", None]})
    >>> log_until(log, "2026-01-31").index.tolist()
    [0]
    """
    stamp = as_timestamp(as_of)
    return log[(log["date"] <= stamp) & log["person_id"].notna()]


def ledger(people: pd.DataFrame, rows: pd.DataFrame, as_of) -> pd.DataFrame:
    """Per person: ``interactions``, ``given``, ``received``, ``first_contact``,
    ``last_contact``, ``days_since_last`` as of ``as_of`` (see module docstring).

    ``rows`` are the log rows to count, cut to ``as_of`` (:func:`log_until`).

    Examples
    --------
    >>> people = pd.DataFrame(index=pd.Index(["a", "b"], name="person_id"))
    >>> log = pd.DataFrame({"person_id": ["a", "a", "a"], "direction": ["gave", "received", "mutual"],
    ...                     "value": [3, 2, 5], "date": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"])})
    >>> ledger(people, log, "2026-03-11")[["interactions", "given", "received", "days_since_last"]].to_dict("index")
    {'a': {'interactions': 3, 'given': 3, 'received': 2, 'days_since_last': 10}, 'b': {'interactions': 0, 'given': 0, 'received': 0, 'days_since_last': None}}
    """
    stamp = as_timestamp(as_of)
    value = rows["value"]
    grouped = pd.DataFrame({   # one grouping (the person ids are factorized once)
        "person_id": rows["person_id"],
        "given": value.where(rows["direction"] == "gave", 0),
        "received": value.where(rows["direction"] == "received", 0),
        "date": rows["date"],
    }).groupby("person_id")
    out = pd.DataFrame({
        "interactions": grouped.size(),
        "given": grouped["given"].sum(),
        "received": grouped["received"].sum(),
        "first_contact": grouped["date"].min(),
        "last_contact": grouped["date"].max(),
    }).reindex(people.index)
    for column in ("interactions", "given", "received"):
        out[column] = out[column].fillna(0).astype("int64")
    out["days_since_last"] = (stamp - out["last_contact"]).dt.days.astype("Int64")
    return out


def contacts_table(net, as_of, *, extra: pd.DataFrame | None = None,
                   rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The per-contact table of ``net`` as of ``as_of`` (plain values, ready for CSV).

    The ledger columns follow the formulas in the module docstring (see
    :func:`ledger` for a worked example).

    Parameters
    ----------
    net : Network
        From :func:`netanalysis.load` (reads ``people`` and ``log``).
    as_of : date, Timestamp or str
        The review date; log rows after it do not count.
    extra : DataFrame, optional
        Columns computed by the review (index ``person_id``: strength, layer,
        cluster, ...), joined on the right; :attr:`netanalysis.Review.contacts`
        is this table with them.
    rows : DataFrame, optional
        ``net.log`` already cut to ``as_of`` (:func:`log_until`); by default
        the log is cut here.

    Returns
    -------
    DataFrame
        Index ``person_id``, one row per connection and per person off
        LinkedIn, the columns in the module docstring; dates are ISO strings,
        empty if unknown.

    Examples
    --------
    >>> import netanalysis
    >>> net = netanalysis.load(netanalysis.bundled_sample())
    >>> table = contacts_table(net, "2026-11-01")
    >>> table.shape
    (795, 18)
    >>> table.loc[table["interactions"].idxmax(), ["contact", "interactions", "given", "received"]].to_dict()
    {'contact': 'Emily Smith', 'interactions': 73, 'given': 0, 'received': 186}
    """
    stamp = as_timestamp(as_of)
    people = net.people
    money = ledger(people, log_until(net.log, stamp) if rows is None else rows, stamp)
    table = pd.DataFrame({
        "contact": people["contact"],
        "first_name": people["first_name"],
        "last_name": people["last_name"],
        "url": people["url"],
        "email": people["email"],
        "company": people["company"],
        "position": people["position"],
        "connected_on": _iso(people["connected_on"]),
        "interactions": money["interactions"],
        "last_contact": _iso(money["last_contact"]),
        "days_since_last": money["days_since_last"],
        "given": money["given"],
        "received": money["received"],
        "on_linkedin": people["on_linkedin"],
        "circle": people["circle"],
        "chemistry": people["chemistry"],
        "cadence_days": people["cadence_days"],
        "status": people["status"],
    }, index=people.index)
    if extra is not None:
        table = table.join(extra, how="left")
    return table


def _iso(dates: pd.Series) -> pd.Series:
    text = pd.to_datetime(dates).dt.strftime("%Y-%m-%d")
    return text.where(dates.notna(), "")


def explode_codes(codes: np.ndarray, parts: list[list]) -> tuple[np.ndarray, np.ndarray]:
    """``(row, item)`` for every item of ``parts[codes[i]]``, row after row, without
    a Python loop over the rows (``codes`` from :func:`pandas.factorize`; -1
    picks ``parts[-1]``).

    >>> rows, items = explode_codes(np.array([1, 0, 1]), [["a"], ["b", "c"]])
    >>> rows.tolist(), items.tolist()
    ([0, 0, 1, 2, 2], ['b', 'c', 'a', 'b', 'c'])
    """
    sizes = np.array([len(part) for part in parts], dtype=np.int64)
    flat = np.empty(int(sizes.sum()), dtype=object)
    flat[:] = [item for part in parts for item in part]
    repeat = sizes[codes] if len(sizes) else np.zeros(len(codes), dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    offset = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    rows = np.repeat(np.arange(len(codes)), repeat)
    return rows, (flat[starts[codes[rows]] + offset] if len(rows) else flat[:0])
