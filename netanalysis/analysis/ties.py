"""The ego-contact ties as of a date: ledger, effort, contact, tie strength, state.

:func:`tie_table` is the one table every review question reads.  Index
``person_id``; columns:

* from the people table: ``contact, company, position, url, email, on_linkedin,
  connected_on, circle, chemistry, cadence_days, status, offers, needs``
* the ledger, over the value rows of :mod:`netanalysis.analysis.contact`
  dated on or before ``as_of`` (the log, plus accepted endorsements and
  recommendations at their kinds' default values): ``interactions`` (log
  rows with them as ``contact``), ``given``, ``received`` (``mutual`` rows
  count in neither), ``balance = given - received``, and ``gave_rows``,
  ``received_rows`` (how many times value went each way)
* ``given_recent, received_recent``: the same ledgers, each row weighted by
  its decay ``w = 2 ** (-age_days / half_life)`` (time-decayed reciprocity)
* contact, from every kind of evidence (:mod:`netanalysis.analysis.contact`):
  ``first_contact``, ``last_contact`` (UTC calendar days),
  ``days_since_last``, ``contact_days`` (distinct days in touch, ever),
  ``effort``: the distinct days in touch within the review window
  ``(as_of - window_days, as_of]``, and ``peak_effort``: the same in the
  window that ends at the last contact (how often you were in touch then)
* with a LinkedIn archive, the columns of :mod:`netanalysis.analysis.evidence`;
  with a calendar or mail, ``meetings``, ``emails_sent``, ``emails_received``
* ``strength`` (0-1), ``peak_strength`` (the strength on the day of the last
  contact, "how strong it once was"), ``two_way``
* the state columns of :mod:`netanalysis.analysis.state` (``layer``,
  ``cadence``, ``overdue``, ``strong``, ``once_strong``, ``cooling``,
  ``fading``, ``dormant``, ``new``, ``followed_up``, ``taker``, ``owed``)

Tie strength
------------
Granovetter (1973) defines the strength of a tie as "a (probably linear)
combination of the amount of time, the emotional intensity, the intimacy
(mutual confiding), and the reciprocal services which characterize the tie";
Gilbert & Karahalios (2009) predict it from intensity, recency, reciprocity,
multiplexity and duration.  Here, over a contact's rows ``r`` (log rows,
presence at logged meetings, endorsements, recommendations, calendar
meetings) with value ``v_r`` (1-5) and age ``a_r`` days, and their messages
and mails ``m``::

    I = Σ_r (v_r / 5) · 2^(-a_r / h)            recency-decayed, value-weighted frequency
        + 0.05 · Σ_m 2^(-a_m / h)               + messages and mails (20 fresh ones = one
                                                  fresh value-5 meeting)
    F = I / (I + 1)                             saturating: one fresh 5-value contact gives 0.5
    T = 2·min(G, R) / (G + R)                   two-way-ness, G = Σ v over gave+mutual rows,
                                                R = Σ v over received+mutual rows (0 if none)
    M = (min(kinds, 4) + min(purposes, 3) + min(channels, 2)) / 9      multiplexity (a message
                                                or mail adds its kind and the online channel)
    D = min(1, years since first contact or connection / 5)            duration
    strength = F · (0.55 + 0.15·T + 0.15·M + 0.15·D)

``h`` is ``goals.half_life_days`` (default 180).  ``peak_strength`` is the
same with the ages counted to the last contact instead of ``as_of``
(``I_peak = I · 2^(days_since_last / h)``).

References
----------
Granovetter, M. (1973). The strength of weak ties. American Journal of Sociology 78(6).
Gilbert, E. & Karahalios, K. (2009). Predicting tie strength with social media. CHI '09.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .contact import MESSAGE_WEIGHT, contact_evidence
from .ledger import as_timestamp, explode_codes, log_until
from .state import LAYER_NAMES, LAYER_SIZES, tie_state

__all__ = ["tie_table", "LAYER_SIZES", "LAYER_NAMES", "strength_from_parts", "MESSAGE_WEIGHT"]

_PEOPLE_COLUMNS = ["contact", "company", "position", "url", "email", "on_linkedin", "connected_on", "circle",
                   "chemistry", "cadence_days", "status", "offers", "needs"]
_EPOCH = np.datetime64("1970-01-01", "D")


def strength_from_parts(intensity, two_way, multiplex, duration):
    """``F(I) · (0.55 + 0.15·T + 0.15·M + 0.15·D)`` with ``F(I) = I / (I + 1)``.

    >>> round(float(strength_from_parts(1.0, 1.0, 1.0, 1.0)), 3)
    0.5
    >>> float(strength_from_parts(0.0, 1.0, 1.0, 1.0))
    0.0
    """
    intensity = np.asarray(intensity, dtype=float)
    saturation = intensity / (intensity + 1.0)
    return saturation * (0.55 + 0.15 * np.asarray(two_way) + 0.15 * np.asarray(multiplex)
                         + 0.15 * np.asarray(duration))


def tie_table(net, as_of, *, half_life_days: float | None = None, window_days: int | None = None,
              rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person with ledger, contact, effort, strength and state as of ``as_of``.

    Parameters
    ----------
    net : Network
        From :func:`netanalysis.load`.
    as_of : date-like
        The review date; evidence after it is ignored.
    half_life_days, window_days : optional
        Override ``net.goals``.
    rows : DataFrame, optional
        ``net.log`` already cut to ``as_of`` (:func:`~netanalysis.analysis.ledger.log_until`),
        as :func:`netanalysis.review` passes it; by default the log is cut here.

    Returns
    -------
    DataFrame
        Index ``person_id``, the columns listed in the module docstring.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.model import Network
    >>> people = pd.DataFrame({c: [""] for c in _PEOPLE_COLUMNS}, index=pd.Index(["a"], name="person_id"))
    >>> people["connected_on"], people["on_linkedin"] = pd.NaT, True
    >>> people["chemistry"] = people["cadence_days"] = pd.array([pd.NA], dtype="Int64")
    >>> log = pd.DataFrame({"person_id": ["a"], "date": pd.to_datetime(["2026-01-01"]), "value": [5],
    ...     "direction": ["mutual"], "kind": ["coffee"], "purpose": [""], "channel": ["offline"], "with_ids": [()]})
    >>> ties = tie_table(Network(people=people, log=log), "2026-01-01")
    >>> round(float(ties.loc["a", "strength"]), 4), int(ties.loc["a", "effort"])   # F=0.5, T=1, M=2/9, D=0
    (0.3667, 1)
    """
    stamp = as_timestamp(as_of)
    goals = net.goals
    half_life = float(half_life_days or goals.half_life_days)
    window = int(window_days or goals.window_days)
    people = net.people
    if rows is None:
        rows = log_until(net.log, stamp)
    evidence = contact_evidence(net, rows, stamp, half_life_days=half_life)
    value_rows = evidence.rows
    ties = people.reindex(columns=_PEOPLE_COLUMNS).copy()
    size = len(people)
    person = people.index.get_indexer(value_rows["person_id"]).astype(np.int64)
    keep = person >= 0
    value_rows, person = value_rows[keep], person[keep]

    day = value_rows["date"].to_numpy(dtype="datetime64[D]")
    age = (stamp.to_datetime64().astype("datetime64[D]") - day).astype(np.int64).astype(float)
    decay = np.exp2(-age / half_life)
    value = value_rows["value"].to_numpy(dtype=float)
    direction = value_rows["direction"].to_numpy(dtype=object)
    gave, got = direction == "gave", direction == "received"
    logged = (value_rows["source"] == "log").to_numpy()

    def total(weights, mask=None) -> np.ndarray:
        w = weights if mask is None else np.where(mask, weights, 0.0)
        return np.bincount(person, weights=w, minlength=size)

    ties["interactions"] = np.bincount(person[logged], minlength=size).astype(np.int64)
    ties["given"] = np.rint(total(value, gave)).astype(np.int64)
    ties["received"] = np.rint(total(value, got)).astype(np.int64)
    ties["balance"] = ties["given"] - ties["received"]
    ties["gave_rows"] = np.bincount(person[gave], minlength=size).astype(np.int64)
    ties["received_rows"] = np.bincount(person[got], minlength=size).astype(np.int64)
    ties["given_recent"] = total(value * decay, gave)
    ties["received_recent"] = total(value * decay, got)
    intensity = total(value / 5.0 * decay)
    give, take = total(value, ~got), total(value, ~gave)

    bulk = evidence.bulk_position >= 0
    bulk_person = evidence.bulk_position[bulk]
    bulk_day = evidence.bulk_day[bulk].astype("datetime64[D]")
    bulk_age = (stamp.to_datetime64().astype("datetime64[D]") - bulk_day).astype(np.int64).astype(float)
    intensity = intensity + MESSAGE_WEIGHT * np.bincount(bulk_person, weights=np.exp2(-bulk_age / half_life),
                                                         minlength=size)
    _contact_days(ties, np.concatenate([person, bulk_person]), np.concatenate([day, bulk_day]),
                  stamp, window)
    if evidence.archive is not None:
        ties = ties.join(evidence.archive.table.drop(columns="message_intensity"))
    if evidence.meetings is not None:
        ties["meetings"] = evidence.meetings.reindex(ties.index, fill_value=0).astype("int64")
    if evidence.emails is not None:
        for column in ("emails_sent", "emails_received"):
            ties[column] = evidence.emails[column].reindex(ties.index).fillna(0).astype("int64")

    both = give + take
    two_way = np.where(both > 0, 2 * np.minimum(give, take) / np.where(both > 0, both, 1), 0.0)
    start = ties[["first_contact", "connected_on"]].min(axis=1)
    years = ((stamp - start).dt.days / 365.25).fillna(0).clip(lower=0)
    duration = (years / 5).clip(upper=1.0).to_numpy()
    multiplex = _multiplexity(value_rows, person, size, evidence.bulk_kind[bulk], bulk_person)
    ties["strength"] = strength_from_parts(intensity, two_way, multiplex, duration)
    since = ties["days_since_last"].astype("Float64").fillna(0).to_numpy(dtype=float)
    ties["peak_strength"] = strength_from_parts(intensity * np.exp2(since / half_life), two_way, multiplex,
                                                duration)
    ties["two_way"] = two_way
    return tie_state(ties, as_of=stamp, trusted_strength=goals.trusted_strength, window_days=window)


def _contact_days(ties: pd.DataFrame, person: np.ndarray, day: np.ndarray, stamp: pd.Timestamp,
                  window: int) -> None:
    """``first_contact, last_contact, days_since_last, contact_days, effort`` from every
    (person, day) of evidence: distinct days, the window being ``(as_of - window, as_of]``."""
    size = len(ties)
    number = (day - _EPOCH).astype(np.int64)
    key = np.unique(person.astype(np.int64) * 1_000_000 + number)
    who, when = key // 1_000_000, key % 1_000_000
    today = int((stamp.to_datetime64().astype("datetime64[D]") - _EPOCH).astype(np.int64))
    first = np.full(size, np.iinfo(np.int64).max)
    last = np.full(size, np.iinfo(np.int64).min)
    np.minimum.at(first, who, when)
    np.maximum.at(last, who, when)
    seen = last > np.iinfo(np.int64).min

    def dates(values: np.ndarray) -> pd.Series:
        out = (values.astype("datetime64[D]").astype("datetime64[ns]"))
        return pd.Series(np.where(seen, out, np.datetime64("NaT")), index=ties.index, dtype="datetime64[ns]")

    ties["first_contact"] = dates(np.where(seen, first, 0))
    ties["last_contact"] = dates(np.where(seen, last, 0))
    ties["days_since_last"] = pd.array(np.where(seen, today - last, 0), dtype="Int64")
    ties.loc[~seen, "days_since_last"] = pd.NA
    ties["contact_days"] = np.bincount(who, minlength=size).astype(np.int64)
    recent = (today - when) < window
    ties["effort"] = np.bincount(who[recent], minlength=size).astype(np.int64)
    before_last = (last[who] - when) < window
    ties["peak_effort"] = np.bincount(who[before_last], minlength=size).astype(np.int64)


#: Largest person x value table :func:`_multiplexity` counts distinct values in (else it sorts pairs).
_TABLE_CELLS = 20_000_000


def _multiplexity(rows: pd.DataFrame, person: np.ndarray, size: int, bulk_kind: np.ndarray,
                  bulk_person: np.ndarray) -> np.ndarray:
    """``M = (min(kinds, 4) + min(purposes, 3) + min(channels, 2)) / 9`` per person
    (a message or mail counts its kind and the online channel).

    Counted on integer codes: each distinct purpose cell is split on ``;`` once.
    """
    kinds_text = np.concatenate([rows["kind"].to_numpy(dtype=object), bulk_kind.astype(object)])
    channel_text = np.concatenate([rows["channel"].fillna("").to_numpy(dtype=object),
                                   np.full(len(bulk_kind), "online", dtype=object)])
    owners = np.concatenate([person, bulk_person]).astype(np.int64)
    if not len(owners):
        return np.zeros(size)

    def distinct(owner: np.ndarray, codes: np.ndarray, values: int) -> np.ndarray:
        """Distinct values per person (``codes`` -1 = missing, left out)."""
        known = (owner >= 0) & (codes >= 0)
        if size * values <= _TABLE_CELLS:  # a person x value table: no sort of every pair
            seen = np.zeros((size, max(values, 1)), dtype=bool)
            seen[owner[known], codes[known]] = True
            return seen.sum(axis=1)
        pairs = np.unique(owner[known] * max(values, 1) + codes[known])
        return np.bincount(pairs // max(values, 1), minlength=size)

    kind, kinds = pd.factorize(kinds_text)
    channel, channels = pd.factorize(np.where(channel_text == "", None, channel_text))
    purpose, cells = pd.factorize(rows["purpose"].fillna("").to_numpy(dtype=object))
    # One more, empty, part last: code -1 (a missing cell) picks it.
    parts = [[] if cell == "" else cell.split(";") for cell in cells] + [[]]
    owner, items = explode_codes(purpose, parts)
    item, item_values = pd.factorize(items)
    counted = (np.minimum(distinct(owners, kind, len(kinds)), 4)
               + np.minimum(distinct(person[owner].astype(np.int64), item, len(item_values)), 3)
               + np.minimum(distinct(owners, channel, len(channels)), 2))
    return counted / 9.0
