"""LinkedIn archive evidence per person: messages, invitations, endorsements,
recommendations, and who wrote first.

Archive rows name their counterpart by profile URL and/or name; they are
matched to people like the log is (:class:`~netanalysis.model.matching.Matcher`):
URL first, then name.  Rows whose counterpart matches nobody, or several
people, are counted in ``attrs["unmatched"]`` and left out (the archive also
holds people you are not connected to).  Only rows dated on or before
``as_of`` count.

Columns (index ``person_id``)
-----------------------------
messages_sent, messages_received : int
last_message : datetime64[ns]  the UTC day of the latest message (NaT if none)
message_intensity : float   Σ 2^(-age/h) over the person's messages, sent or received
conversations_started_by_me, conversations_started_by_them : int
first_writer : str          ``me`` / ``them`` / ``both`` / "" -- who opened the conversations
invited_by : str            ``me`` / ``them`` / ""
endorsements_given, endorsements_received, recommendations_given, recommendations_received : int
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.matching import Matcher
from ..vocab import KINDS
from .ledger import as_timestamp

__all__ = ["archive_evidence", "archive_contact", "ArchiveContact", "EVIDENCE_COLUMNS"]

EVIDENCE_COLUMNS = ["messages_sent", "messages_received", "first_writer", "invited_by",
                    "endorsements_given", "endorsements_received", "recommendations_given",
                    "recommendations_received"]


def _match_positions(frame: pd.DataFrame, matcher: Matcher, people_index: pd.Index, name_col: str = "counterpart",
                     url_col: str | None = "counterpart_url") -> np.ndarray:
    """Position in ``people_index`` per row (-1 when no single person matches):
    by URL first, then, for the rows the URL does not place, by name.  Each
    distinct URL and each distinct name is matched once."""
    position = np.full(len(frame), -1, dtype=np.int64)
    if not len(frame):
        return position
    todo = np.ones(len(frame), dtype=bool)
    if url_col and url_col in frame:
        position = _match_cells(frame[url_col].fillna("").to_numpy(dtype=object), matcher, people_index)
        todo = position < 0
    if todo.any():
        names = frame[name_col].fillna("").to_numpy(dtype=object)
        position[todo] = _match_cells(names[todo], matcher, people_index)
    return position


def _match_cells(cells: np.ndarray, matcher: Matcher, people_index: pd.Index) -> np.ndarray:
    """Position in ``people_index`` of each cell's person (-1: nobody, or several); '' matches nobody."""
    codes, values = pd.factorize(cells, use_na_sentinel=False)
    found = [matcher.match(value).person_id if value else None for value in values.tolist()]
    return people_index.get_indexer(pd.Index(found, dtype=object))[codes].astype(np.int64)


def _match_rows(frame: pd.DataFrame, matcher: Matcher, people_index: pd.Index, **columns) -> pd.Series:
    """person_id per row (NaN when no single person matches), see :func:`_match_positions`."""
    position = _match_positions(frame, matcher, people_index, **columns)
    ids = people_index.to_numpy(dtype=object)
    return pd.Series(np.where(position >= 0, ids[position], None) if len(position) else [], index=frame.index,
                     dtype=object)


@dataclass
class ArchiveContact:
    """What the archive says about each person as of a date (see :func:`archive_contact`).

    ``table`` has the per-person columns of the module docstring;
    ``message_position`` / ``message_day`` give each matched message's row in
    ``people`` and its UTC calendar day (contact evidence);
    ``value_rows`` are the accepted endorsements and the recommendations, dated
    on or before the review date, as log-like rows (``person_id, date, kind,
    direction, value, purpose, channel, with_ids``; ``given`` is ``gave``) at the
    default values of the ``endorsement`` (1) and ``recommendation`` (4) kinds.
    """

    table: pd.DataFrame
    message_position: np.ndarray
    message_day: np.ndarray
    value_rows: pd.DataFrame
    unmatched: int = 0


def archive_evidence(people: pd.DataFrame, archive, as_of, *, half_life_days: float = 180.0,
                     matcher: Matcher | None = None) -> pd.DataFrame:
    """Per-person archive evidence as of ``as_of`` (module docstring): the ``table`` of
    :func:`archive_contact`, with ``attrs["unmatched"]``.

    Examples
    --------
    >>> from netanalysis.io.linkedin.archive import Archive
    >>> people = pd.DataFrame({"contact": ["Ann Lee"], "slug": ["ann"]}, index=pd.Index(["c:ann"], name="person_id"))
    >>> msgs = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-01-02"]), "conversation": ["x", "x"],
    ...     "counterpart": ["Ann Lee", "Ann Lee"], "counterpart_url": ["", ""], "direction": ["received", "sent"]})
    >>> ev = archive_evidence(people, Archive(messages=msgs), "2026-02-01")
    >>> [v if isinstance(v, str) else int(v) for v in ev.loc["c:ann", ["messages_sent", "messages_received", "first_writer"]]]
    [1, 1, 'them']
    """
    found = archive_contact(people, archive, as_of, half_life_days=half_life_days, matcher=matcher)
    table = found.table
    table.attrs["unmatched"] = found.unmatched
    return table


def archive_contact(people: pd.DataFrame, archive, as_of, *, half_life_days: float = 180.0,
                    matcher: Matcher | None = None) -> ArchiveContact:
    """The archive's evidence as of ``as_of``: counts per person, and the messages,
    endorsements and recommendations as contact evidence (:class:`ArchiveContact`).

    Timestamps are UTC (LinkedIn writes UTC) and count by calendar day: a
    message at 09:00 on the review day counts, and is 0 days old.

    Parameters
    ----------
    people : DataFrame
        ``Network.people`` (index ``person_id``).
    archive : Archive
        The LinkedIn archive (:class:`netanalysis.io.linkedin.archive.Archive`).
    as_of : date-like
        The review date: rows on later days do not count.
    half_life_days : float
        The half-life of ``message_intensity`` (``Σ 2^(-age/h)`` per person).
    matcher : Matcher, optional
        The name/URL index of ``people`` (built here if not given).

    Returns
    -------
    ArchiveContact

    Examples
    --------
    >>> from netanalysis.io.linkedin.archive import Archive
    >>> people = pd.DataFrame({"contact": ["Ann Lee"], "slug": ["ann"]}, index=pd.Index(["c:ann"], name="person_id"))
    >>> msgs = pd.DataFrame({"date": pd.to_datetime(["2026-01-31 09:00", "2026-02-01 09:30"]),
    ...     "conversation": ["x", "x"], "counterpart": ["Ann Lee"] * 2, "counterpart_url": ["", ""],
    ...     "direction": ["received", "sent"]})
    >>> recs = pd.DataFrame({"date": pd.to_datetime(["2025-06-01"]), "counterpart": ["Ann Lee"],
    ...     "direction": ["given"]})
    >>> found = archive_contact(people, Archive(messages=msgs, recommendations=recs), "2026-02-01")
    >>> [str(d)[:10] for d in found.message_day]           # the review day's message counts
    ['2026-01-31', '2026-02-01']
    >>> found.value_rows[["person_id", "kind", "direction", "value"]].to_dict("records")
    [{'person_id': 'c:ann', 'kind': 'recommendation', 'direction': 'gave', 'value': 4}]
    """
    stamp = as_timestamp(as_of)
    next_day = stamp + pd.Timedelta(days=1)
    matcher = matcher or Matcher(people)
    out = pd.DataFrame(index=people.index)
    unmatched = 0
    for column in ["messages_sent", "messages_received", "conversations_started_by_me",
                   "conversations_started_by_them", "endorsements_given", "endorsements_received",
                   "recommendations_given", "recommendations_received"]:
        out[column] = 0
    out["message_intensity"] = 0.0
    out["last_message"] = pd.Series(pd.NaT, index=people.index, dtype="datetime64[ns]")
    out["invited_by"] = ""
    message_position = np.empty(0, dtype=np.int64)
    message_day = np.empty(0, dtype="datetime64[ns]")

    messages = getattr(archive, "messages", None)
    if messages is not None and len(messages):
        rows = messages[messages["date"] < next_day]
        position = _match_positions(rows, matcher, people.index)
        unmatched += int((position < 0).sum())
        message_position, message_day = _message_counts(out, rows, position, stamp, half_life_days)
    me, them = out["conversations_started_by_me"], out["conversations_started_by_them"]
    out["first_writer"] = np.select([(me > 0) & (them > 0), me > 0, them > 0], ["both", "me", "them"], "")

    invitations = getattr(archive, "invitations", None)
    if invitations is not None and len(invitations):
        rows = invitations[invitations["date"] < next_day]
        person = _match_rows(rows, matcher, people.index)
        unmatched += int(person.isna().sum())
        rows = rows.assign(person_id=person).dropna(subset=["person_id"]).sort_values("date")
        last = rows.drop_duplicates("person_id", keep="last").set_index("person_id")["direction"]
        out.loc[last.index, "invited_by"] = last.map({"sent": "me", "received": "them"}).fillna("")

    value_rows = []
    for attribute, kind in (("endorsements", "endorsement"), ("recommendations", "recommendation")):
        table = getattr(archive, attribute, None)
        if table is None or not len(table):
            continue
        rows = table[table["date"].isna() | (table["date"] < next_day)]
        url = "counterpart_url" if "counterpart_url" in rows else None
        person = _match_rows(rows, matcher, people.index, url_col=url)
        unmatched += int(person.isna().sum())
        rows = rows.assign(person_id=person).dropna(subset=["person_id"])
        counts = rows.groupby(["person_id", "direction"]).size().unstack(fill_value=0)
        for direction in ("given", "received"):
            if direction in counts:
                out[f"{attribute}_{direction}"] = counts[direction].reindex(out.index, fill_value=0)
        dated = rows[rows["date"].notna()]
        value_rows.append(pd.DataFrame({
            "person_id": dated["person_id"].to_numpy(dtype=object),
            "date": dated["date"].dt.floor("D").to_numpy(dtype="datetime64[ns]"),
            "kind": kind, "direction": dated["direction"].map({"given": "gave", "received": "received"}).to_numpy(),
            "value": KINDS[kind][0], "purpose": "", "channel": KINDS[kind][1]}))
    for column in out.columns:
        if column not in ("last_message", "invited_by", "first_writer", "message_intensity"):
            out[column] = out[column].astype("int64")
    values = (pd.concat(value_rows, ignore_index=True) if value_rows else
              pd.DataFrame({"person_id": pd.Series(dtype=object), "date": pd.Series(dtype="datetime64[ns]"),
                            "kind": pd.Series(dtype=object), "direction": pd.Series(dtype=object),
                            "value": pd.Series(dtype="int64"), "purpose": pd.Series(dtype=object),
                            "channel": pd.Series(dtype=object)}))
    values = values.dropna(subset=["direction"])
    values["with_ids"] = [()] * len(values)
    return ArchiveContact(table=out, message_position=message_position, message_day=message_day,
                          value_rows=values.reset_index(drop=True), unmatched=unmatched)


def _message_counts(out: pd.DataFrame, rows: pd.DataFrame, position: np.ndarray, stamp: pd.Timestamp,
                    half_life_days: float) -> tuple[np.ndarray, np.ndarray]:
    """Fill the message columns of ``out`` from the message ``rows``, matched to
    ``out``'s rows by ``position`` (-1: nobody).  Counts by integer position
    (``np.bincount``), not by grouping on the string ids.  Returns the matched
    messages' positions and UTC calendar days."""
    keep = position >= 0
    position = position[keep]
    dates = rows["date"].to_numpy()[keep]
    sent = (rows["direction"].to_numpy(dtype=object) == "sent")[keep]
    size = len(out)
    out["messages_sent"] = np.bincount(position[sent], minlength=size)
    out["messages_received"] = np.bincount(position[~sent], minlength=size)
    days = pd.DatetimeIndex(dates).floor("D")
    age = (stamp - days).days.to_numpy(dtype=float)
    weight = np.exp2(-age / half_life_days)
    out["message_intensity"] = np.bincount(position, weights=weight, minlength=size)
    last = np.full(size, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, position, days.asi8)
    out["last_message"] = pd.to_datetime(np.where(last == np.iinfo(np.int64).min, np.datetime64("NaT"),
                                                  last.astype("datetime64[ns]")))
    # Who opened each conversation: its earliest row per (conversation, person).
    conversation, _ = pd.factorize(rows["conversation"].to_numpy(dtype=object)[keep], use_na_sentinel=False)
    order = np.argsort(dates, kind="stable")
    pair = conversation.astype(np.int64)[order] * size + position[order]
    first = order[~pd.Series(pair).duplicated().to_numpy()]
    out["conversations_started_by_me"] = np.bincount(position[first[sent[first]]], minlength=size)
    out["conversations_started_by_them"] = np.bincount(position[first[~sent[first]]], minlength=size)
    return position, days.to_numpy(dtype="datetime64[ns]")
