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
last_message : datetime64[ns] (NaT if none)
message_intensity : float   Σ 2^(-age/h) over the person's messages, sent or received
conversations_started_by_me, conversations_started_by_them : int
first_writer : str          ``me`` / ``them`` / ``both`` / "" -- who opened the conversations
invited_by : str            ``me`` / ``them`` / ""
endorsements_given, endorsements_received, recommendations_given, recommendations_received : int
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.matching import Matcher
from .ledger import as_timestamp

__all__ = ["archive_evidence", "EVIDENCE_COLUMNS"]

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


def archive_evidence(people: pd.DataFrame, archive, as_of, *, half_life_days: float = 180.0,
                     matcher: Matcher | None = None) -> pd.DataFrame:
    """Per-person archive evidence as of ``as_of`` (see module docstring).

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
    stamp = as_timestamp(as_of)
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

    messages = getattr(archive, "messages", None)
    if messages is not None and len(messages):
        rows = messages[messages["date"] <= stamp]
        position = _match_positions(rows, matcher, people.index)
        unmatched += int((position < 0).sum())
        _message_counts(out, rows, position, stamp, half_life_days)
    me, them = out["conversations_started_by_me"], out["conversations_started_by_them"]
    out["first_writer"] = np.select([(me > 0) & (them > 0), me > 0, them > 0], ["both", "me", "them"], "")

    invitations = getattr(archive, "invitations", None)
    if invitations is not None and len(invitations):
        rows = invitations[invitations["date"] <= stamp]
        person = _match_rows(rows, matcher, people.index)
        unmatched += int(person.isna().sum())
        rows = rows.assign(person_id=person).dropna(subset=["person_id"]).sort_values("date")
        last = rows.drop_duplicates("person_id", keep="last").set_index("person_id")["direction"]
        out.loc[last.index, "invited_by"] = last.map({"sent": "me", "received": "them"}).fillna("")

    for attribute, prefix in (("endorsements", "endorsements"), ("recommendations", "recommendations")):
        table = getattr(archive, attribute, None)
        if table is None or not len(table):
            continue
        rows = table[table["date"].isna() | (table["date"] <= stamp)]
        url = "counterpart_url" if "counterpart_url" in rows else None
        person = _match_rows(rows, matcher, people.index, url_col=url)
        unmatched += int(person.isna().sum())
        rows = rows.assign(person_id=person).dropna(subset=["person_id"])
        counts = rows.groupby(["person_id", "direction"]).size().unstack(fill_value=0)
        for direction in ("given", "received"):
            if direction in counts:
                out[f"{prefix}_{direction}"] = counts[direction].reindex(out.index, fill_value=0)
    for column in out.columns:
        if column not in ("last_message", "invited_by", "first_writer", "message_intensity"):
            out[column] = out[column].astype("int64")
    out.attrs["unmatched"] = unmatched
    return out


def _message_counts(out: pd.DataFrame, rows: pd.DataFrame, position: np.ndarray, stamp: pd.Timestamp,
                    half_life_days: float) -> None:
    """Fill the message columns of ``out`` from the message ``rows``, matched to
    ``out``'s rows by ``position`` (-1: nobody).  Counts by integer position
    (``np.bincount``), not by grouping on the string ids."""
    keep = position >= 0
    position = position[keep]
    dates = rows["date"].to_numpy()[keep]
    sent = (rows["direction"].to_numpy(dtype=object) == "sent")[keep]
    size = len(out)
    out["messages_sent"] = np.bincount(position[sent], minlength=size)
    out["messages_received"] = np.bincount(position[~sent], minlength=size)
    age = (stamp - pd.DatetimeIndex(dates)).days.to_numpy(dtype=float)
    weight = pd.Series(np.exp2(-age / half_life_days))
    by_person = pd.RangeIndex(size)
    out["message_intensity"] = weight.groupby(position).sum().reindex(by_person, fill_value=0.0).to_numpy()
    out["last_message"] = pd.Series(dates).groupby(position).max().reindex(by_person).to_numpy()
    # Who opened each conversation: its earliest row per (conversation, person).
    conversation, _ = pd.factorize(rows["conversation"].to_numpy(dtype=object)[keep], use_na_sentinel=False)
    order = np.argsort(dates, kind="stable")
    pair = conversation.astype(np.int64)[order] * size + position[order]
    first = order[~pd.Series(pair).duplicated().to_numpy()]
    out["conversations_started_by_me"] = np.bincount(position[first[sent[first]]], minlength=size)
    out["conversations_started_by_them"] = np.bincount(position[first[~sent[first]]], minlength=size)
