"""Every piece of evidence of contact, as of a date, in two forms the tie table reads.

*Rows* (log-like: ``person_id, date, kind, direction, value, purpose,
channel, with_ids, source``), each counted in the tie's intensity at its
value, and in the ledger when its direction is ``gave`` or ``received``:

* ``log``: the interaction log's rows, the person being the ``contact``;
* ``with``: presence at a logged coffee, meeting, meal, event or call
  (:data:`PRESENCE_KINDS`) through ``with``, as a ``mutual`` row of that kind
  at the kind's default value (the row's own value is what it was worth to
  the contact).  The person introduced in an ``intro`` row was not
  necessarily met: not contact.  Dropped when the person has a log row of
  their own that day;
* ``linkedin``: accepted endorsements and recommendations, given (``gave``)
  or received, at the default values of those kinds (1 and 4); dropped when
  the log has the same kind, direction, person and day;
* ``calendar``: meetings the owner attended with them (``Network.meetings``:
  ``person_id, date, kind, channel``), ``mutual``, at the kind's default
  value; dropped when the log already has that person on that day.

*Bulk* contact (``position`` in ``people``, UTC ``day``, ``kind``): LinkedIn
messages either way and mails (``Network.mails``), each counted in the
intensity at the low weight :data:`MESSAGE_WEIGHT` and in neither ledger.

Timestamps are UTC calendar days; nothing dated after ``as_of`` is kept.
Invitations are initiative, not contact, and are not here.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..vocab import KINDS, UNKNOWN_KIND_DEFAULT
from .evidence import ArchiveContact, archive_contact
from .ledger import as_timestamp

__all__ = ["ContactEvidence", "contact_evidence", "PRESENCE_KINDS", "MESSAGE_WEIGHT", "ROW_COLUMNS"]

#: Kinds of log row whose ``with`` people were present (met).
PRESENCE_KINDS = ("coffee", "meeting", "meal", "event", "call")
#: Weight of one message or mail in the intensity, against 1.0 for a fresh value-5 row.
MESSAGE_WEIGHT = 0.05
ROW_COLUMNS = ["person_id", "date", "kind", "direction", "value", "purpose", "channel", "with_ids", "source"]


@dataclass
class ContactEvidence:
    """The evidence of contact as of a date (module docstring)."""

    rows: pd.DataFrame
    bulk_position: np.ndarray
    bulk_day: np.ndarray
    bulk_kind: np.ndarray
    archive: ArchiveContact | None = None
    meetings: pd.Series | None = None          # calendar meetings per person_id
    emails: pd.DataFrame | None = None          # emails_sent, emails_received per person_id


def contact_evidence(net, rows: pd.DataFrame, as_of, *, half_life_days: float) -> ContactEvidence:
    """Gather the evidence of contact of ``net`` as of ``as_of`` (module docstring).

    Parameters
    ----------
    net : Network
        Reads ``people``, ``archive``, ``matcher`` and, when present,
        ``meetings`` and ``mails``.
    rows : DataFrame
        The log cut to ``as_of`` (:func:`~netanalysis.analysis.ledger.log_until`).
    as_of : date-like
        The review date.
    half_life_days : float
        For the archive's message intensity.

    Returns
    -------
    ContactEvidence

    Examples
    --------
    >>> from netanalysis.model import Network
    >>> people = pd.DataFrame({"contact": ["Ann", "Bo"]}, index=pd.Index(["a", "b"], name="person_id"))
    >>> log = pd.DataFrame({"person_id": ["a", "a"], "date": pd.to_datetime(["2026-01-05", "2026-01-09"]),
    ...     "kind": ["meal", "intro"], "direction": ["gave", "gave"], "value": [3, 4], "purpose": ["", ""],
    ...     "channel": ["offline", "online"], "with_ids": [("b",), ("b",)]})
    >>> ev = contact_evidence(Network(people=people, log=log), log, "2026-02-01", half_life_days=180)
    >>> ev.rows[["person_id", "kind", "direction", "value", "source"]].to_dict("records")[-1]
    {'person_id': 'b', 'kind': 'meal', 'direction': 'mutual', 'value': 3, 'source': 'with'}
    """
    stamp = as_timestamp(as_of)
    people = net.people
    index = people.index
    log_rows = _frame(rows, "log")
    parts = [log_rows]
    seen = _keys(log_rows, index)
    presence = _presence(rows)
    presence = presence[~np.isin(_keys(presence, index), seen)]
    parts.append(presence)
    seen = np.concatenate([seen, _keys(presence, index)])
    found = None
    positions, days, kinds = [], [], []
    if getattr(net, "archive", None) is not None:
        matcher = getattr(net, "matcher", None)
        found = archive_contact(people, net.archive, stamp, half_life_days=half_life_days,
                                matcher=matcher if matcher is not None and matcher.covers(people.index) else None)
        linkedin = _frame(found.value_rows, "linkedin")
        same = np.isin(_keys(linkedin, index, detailed=True), _keys(log_rows, index, detailed=True))
        parts.append(linkedin[~same])
        positions.append(found.message_position)
        days.append(found.message_day)
        kinds.append(np.full(len(found.message_position), "message", dtype=object))
    meetings = None
    calendar = getattr(net, "meetings", None)
    if calendar is not None and len(calendar):
        cal = calendar[(calendar["date"] < stamp + pd.Timedelta(days=1)) & calendar["person_id"].isin(people.index)]
        cal = cal.assign(date=cal["date"].dt.floor("D"), direction="mutual",
                         value=cal["kind"].map(lambda k: KINDS.get(k, UNKNOWN_KIND_DEFAULT)[0]),
                         purpose="", with_ids=[()] * len(cal))
        meetings = cal.groupby("person_id").size()
        cal = _frame(cal, "calendar")
        parts.append(cal[~np.isin(_keys(cal, index), seen)])
    emails = None
    mails = getattr(net, "mails", None)
    if mails is not None and len(mails):
        mail = mails[(mails["date"] < stamp + pd.Timedelta(days=1)) & mails["person_id"].isin(people.index)]
        emails = pd.DataFrame({"emails_sent": mail[mail["direction"] == "sent"].groupby("person_id").size(),
                               "emails_received": mail[mail["direction"] == "received"].groupby("person_id").size()})
        positions.append(people.index.get_indexer(mail["person_id"]).astype(np.int64))
        days.append(mail["date"].dt.floor("D").to_numpy(dtype="datetime64[ns]"))
        kinds.append(np.full(len(mail), "email", dtype=object))
    all_rows = pd.concat([p for p in parts if len(p)] or [log_rows], ignore_index=True)
    return ContactEvidence(
        rows=all_rows,
        bulk_position=np.concatenate(positions) if positions else np.empty(0, dtype=np.int64),
        bulk_day=np.concatenate(days) if days else np.empty(0, dtype="datetime64[ns]"),
        bulk_kind=np.concatenate(kinds) if kinds else np.empty(0, dtype=object),
        archive=found, meetings=meetings, emails=emails)


def _frame(rows: pd.DataFrame, source: str) -> pd.DataFrame:
    """``rows`` with exactly :data:`ROW_COLUMNS` (``source`` set)."""
    out = pd.DataFrame({c: rows[c].to_numpy() if c in rows else None for c in ROW_COLUMNS[:-1]},
                       index=pd.RangeIndex(len(rows)))
    if "with_ids" not in rows:
        out["with_ids"] = [()] * len(rows)
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["source"] = source
    return out


def _presence(rows: pd.DataFrame) -> pd.DataFrame:
    """One ``mutual`` row per person present through ``with`` at a row of :data:`PRESENCE_KINDS`."""
    if not len(rows) or "with_ids" not in rows:
        return _frame(rows.iloc[0:0], "with")
    named = rows[rows["kind"].isin(PRESENCE_KINDS) & (rows["with_ids"].map(len) > 0)]
    if not len(named):
        return _frame(rows.iloc[0:0], "with")
    exploded = named[["person_id", "date", "kind", "purpose", "channel", "with_ids"]].explode("with_ids")
    exploded = exploded[exploded["with_ids"].notna() & (exploded["with_ids"] != exploded["person_id"])]
    out = pd.DataFrame({"person_id": exploded["with_ids"].to_numpy(dtype=object), "date": exploded["date"].to_numpy(),
                        "kind": exploded["kind"].to_numpy(), "direction": "mutual",
                        "value": exploded["kind"].map(lambda k: KINDS[k][0]).to_numpy(dtype=np.int64),
                        "purpose": exploded["purpose"].to_numpy(), "channel": exploded["channel"].to_numpy()})
    out = out.drop_duplicates(["person_id", "date"])
    return _frame(out, "with")


def _keys(frame: pd.DataFrame, index: pd.Index, *, detailed: bool = False) -> np.ndarray:
    """One int64 per row for de-duplication: (person, day), and with ``detailed`` also
    (endorsement or recommendation, given or received); other kinds never match then."""
    if not len(frame):
        return np.empty(0, dtype=np.int64)
    person = index.get_indexer(frame["person_id"]).astype(np.int64)
    day = pd.to_datetime(frame["date"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    key = (person + 1) * 1_000_000 + day
    if detailed:
        kind = frame["kind"].to_numpy(dtype=object)
        code = np.select([kind == "endorsement", kind == "recommendation"], [1, 2], 0)
        received = (frame["direction"].to_numpy(dtype=object) == "received").astype(np.int64)
        key = np.where(code > 0, key * 8 + code * 2 + received, -1 - np.arange(len(frame)))
    return key
