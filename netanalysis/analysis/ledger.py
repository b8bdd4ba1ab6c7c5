"""The per-contact table: one row per real connection and per person off LinkedIn.

Columns, as the ``contacts`` command writes them: ``contact, first_name,
last_name, url, email, company, position, connected_on, interactions,
last_contact, days_since_last, given, received, on_linkedin, circle,
chemistry, cadence_days, status``, then the review's own columns (strength,
layer, cluster, ...), as of a date.

Formulas (:func:`ledger`), over the rows of the contact dated on or before ``as_of``:

* ``interactions`` = number of log rows where they are the ``contact``
* ``given`` = Σ value over their ``gave`` rows; ``received`` = Σ value over
  their ``received`` rows (``mutual`` rows count in neither ledger); the
  review also counts accepted endorsements and recommendations here
  (:mod:`netanalysis.analysis.contact`)
* ``last_contact`` = max date; ``days_since_last`` = ``as_of - last_contact``
  in days (empty if never); the review's ``last_contact`` counts every kind
  of evidence (:mod:`netanalysis.analysis.state`)
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .state import LAYER_NAMES

__all__ = ["as_timestamp", "log_until", "ledger", "contacts_table", "explode_codes", "STATE_FLAGS",
           "EVIDENCE_COLUMNS"]

#: The boolean state columns of the per-contact table (:mod:`netanalysis.analysis.state`).
STATE_FLAGS = ("strong", "once_strong", "cooling", "fading", "dormant", "new", "followed_up", "taker", "owed")
#: Evidence columns, present when their input is given.
EVIDENCE_COLUMNS = ("messages_sent", "messages_received", "first_writer", "invited_by", "endorsements_given",
                    "endorsements_received", "recommendations_given", "recommendations_received",
                    "last_message", "meetings", "emails_sent", "emails_received")


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


def contacts_table(net, as_of, *, ties: pd.DataFrame | None = None) -> pd.DataFrame:
    """The per-contact table of ``net`` as of ``as_of`` (plain values, ready for CSV).

    One row per real connection made by ``as_of`` and one per person off
    LinkedIn in the network by then.  Every column comes from the review's
    tie table, so ``last_contact``, ``days_since_last``, ``overdue`` and the
    state columns (:mod:`netanalysis.analysis.state`) read the same evidence.

    Parameters
    ----------
    net : Network
        From :func:`netanalysis.load` (reads ``people``).
    as_of : date, Timestamp or str
        The review date; nothing after it counts.
    ties : DataFrame, optional
        The review's tie table (:attr:`netanalysis.Review.ties`); by default
        the network is reviewed here (:func:`netanalysis.review`).

    Returns
    -------
    DataFrame
        Index ``person_id``: ``contact, first_name, last_name, url, email,
        company, position, connected_on, interactions, last_contact,
        days_since_last, given, received, on_linkedin, circle, chemistry,
        cadence_days, status, strength, peak_strength, layer, layer_name,
        cluster, balance, cadence_days_used, overdue, effort,
        days_in_touch``, the state flags ``strong, once_strong, cooling,
        fading, dormant, new, followed_up, taker, owed``, and the evidence
        columns that apply (archive: ``messages_sent ... last_message``;
        calendar and mail: ``meetings, emails_sent, emails_received``).  Dates
        are ISO strings, empty if unknown.

    Examples
    --------
    >>> import netanalysis
    >>> net = netanalysis.load(netanalysis.bundled_sample())
    >>> table = contacts_table(net, "2026-11-01")
    >>> bool((table["days_since_last"].notna() == (table["last_contact"] != "")).all())
    True
    >>> int(table["strong"].sum()) == int((table["strength"] >= net.goals.trusted_strength).sum())
    True
    """
    if ties is None:
        from . import review

        ties = review(net, as_of).ties
    people = net.people.reindex(ties.index)
    table = pd.DataFrame({
        "contact": ties["contact"],
        "first_name": people["first_name"],
        "last_name": people["last_name"],
        "url": ties["url"],
        "email": people["email"],
        "company": ties["company"],
        "position": ties["position"],
        "connected_on": _iso(ties["connected_on"]),
        "interactions": ties["interactions"],
        "last_contact": _iso(ties["last_contact"]),
        "days_since_last": ties["days_since_last"],
        "given": ties["given"],
        "received": ties["received"],
        "on_linkedin": ties["on_linkedin"],
        "circle": ties["circle"],
        "chemistry": ties["chemistry"],
        "cadence_days": ties["cadence_days"],
        "status": ties["status"],
        "strength": ties["strength"].round(4),
        "peak_strength": ties["peak_strength"].round(4),
        "layer": ties["layer"],
        "layer_name": ties["layer"].map(LAYER_NAMES).fillna(""),
        "cluster": ties["cluster"] if "cluster" in ties else "",
        "balance": ties["balance"],
        "cadence_days_used": ties["cadence"],
        "overdue": ties["overdue"],
        "effort": ties["effort"],
        "days_in_touch": ties["contact_days"],
    }, index=ties.index)
    for column in STATE_FLAGS:
        table[column] = ties[column].astype(bool)
    evidence = [c for c in EVIDENCE_COLUMNS if c in ties]
    table = table.join(ties[evidence])
    if "last_message" in table:
        table["last_message"] = _iso(table["last_message"])
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
