"""LinkedIn archive evidence per person: messages, invitations, endorsements,
recommendations, and who wrote first.

Archive rows name their counterpart by profile URL and/or name; they are
matched to people like the log is (:class:`~netanalysis.matching.Matcher`):
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

from .matching import Matcher
from .table import as_timestamp

__all__ = ["archive_evidence", "EVIDENCE_COLUMNS"]

EVIDENCE_COLUMNS = ["messages_sent", "messages_received", "first_writer", "invited_by",
                    "endorsements_given", "endorsements_received", "recommendations_given",
                    "recommendations_received"]


def _match_rows(frame: pd.DataFrame, matcher: Matcher, name_col: str = "counterpart",
                url_col: str | None = "counterpart_url") -> pd.Series:
    """person_id per row (NaN when no single person matches); each distinct
    (name, URL) pair is matched once."""
    names = frame[name_col].fillna("").astype(object).to_numpy()
    if url_col and url_col in frame:
        urls = frame[url_col].fillna("").astype(object).to_numpy()
    else:
        urls = np.full(len(frame), "", dtype=object)
    codes, uniques = pd.factorize(pd.Series(names + "\x1f" + urls, dtype=object), use_na_sentinel=False)
    found = np.empty(len(uniques), dtype=object)
    for position, pair in enumerate(np.asarray(uniques, dtype=object).tolist()):
        name, url = pair.split("\x1f", 1)
        person = matcher.match(url).person_id if url else None
        if person is None and name:
            person = matcher.match(name).person_id
        found[position] = person
    return pd.Series(found[codes] if len(codes) else [], index=frame.index, dtype=object)


def archive_evidence(people: pd.DataFrame, archive, as_of, *, half_life_days: float = 180.0,
                     matcher: Matcher | None = None) -> pd.DataFrame:
    """Per-person archive evidence as of ``as_of`` (see module docstring).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> people = pd.DataFrame({"contact": ["Ann Lee"], "slug": ["ann"]}, index=pd.Index(["c:ann"], name="person_id"))
    >>> msgs = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-01-02"]), "conversation": ["x", "x"],
    ...     "counterpart": ["Ann Lee", "Ann Lee"], "counterpart_url": ["", ""], "direction": ["received", "sent"]})
    >>> ev = archive_evidence(people, SimpleNamespace(messages=msgs, invitations=None, endorsements=None,
    ...                       recommendations=None), "2026-02-01")
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
        person = _match_rows(rows, matcher)
        unmatched += int(person.isna().sum())
        rows = rows.assign(person_id=person).dropna(subset=["person_id"])
        sent = rows["direction"] == "sent"
        counts = rows.groupby(["person_id", sent]).size().unstack(fill_value=0)
        out["messages_sent"] = counts.get(True, pd.Series(dtype=int)).reindex(out.index, fill_value=0)
        out["messages_received"] = counts.get(False, pd.Series(dtype=int)).reindex(out.index, fill_value=0)
        age = (stamp - rows["date"]).dt.days.to_numpy(dtype=float)
        weight = pd.Series(np.exp2(-age / half_life_days), index=rows.index)
        out["message_intensity"] = weight.groupby(rows["person_id"]).sum().reindex(out.index, fill_value=0.0)
        out["last_message"] = rows.groupby("person_id")["date"].max().reindex(out.index)
        first = rows.sort_values("date", kind="stable").drop_duplicates(["conversation", "person_id"])
        opened = first.groupby(["person_id", first["direction"] == "sent"]).size().unstack(fill_value=0)
        out["conversations_started_by_me"] = opened.get(True, pd.Series(dtype=int)).reindex(out.index, fill_value=0)
        out["conversations_started_by_them"] = opened.get(False, pd.Series(dtype=int)).reindex(out.index,
                                                                                              fill_value=0)
    me, them = out["conversations_started_by_me"], out["conversations_started_by_them"]
    out["first_writer"] = np.select([(me > 0) & (them > 0), me > 0, them > 0], ["both", "me", "them"], "")

    invitations = getattr(archive, "invitations", None)
    if invitations is not None and len(invitations):
        rows = invitations[invitations["date"] <= stamp]
        person = _match_rows(rows, matcher)
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
        person = _match_rows(rows, matcher, url_col=url)
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
