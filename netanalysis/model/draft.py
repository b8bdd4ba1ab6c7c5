"""``log draft``: the calendar and mail evidence not yet in the log, as rows of ``interactions.csv`` to annotate.

The rows have the log's columns, with ``direction``, ``value`` and
``purpose`` left empty for the user to fill in (or the row to be deleted).

Granularity
-----------
* A meeting (at most ``max_meeting_size`` people): one row per occurrence,
  kind ``meeting``; ``contact`` is the first matched attendee not yet logged
  that day, ``with`` the other matched attendees; ``notes`` the event's
  summary, and the attendees that match nobody (``Name <address>``), so they
  can be added to contacts.csv.  A meeting with nobody matched has its first
  unmatched attendee as ``contact`` (a person off LinkedIn, if kept).
* A large event: one row per matched attendee not yet logged that day, kind
  ``event``, nobody in ``with`` (a large event ties nobody).
* Mail: one row per thread and UTC day (the thread: the subject without
  ``Re:``, ``Fwd:``, ``Sv:``, ... prefixes), kind ``email``; ``contact`` the
  first correspondent not yet logged that day, ``with`` the other matched
  people on those mails; ``notes`` the subject and how many were sent and
  received.
* Already in the log: evidence of a person on a day is in the log when a log
  row of that day has them as ``contact`` or in ``with``.  A row whose matched
  people are all in the log that day is left out.
* Only evidence from ``since`` (if given) up to ``as_of`` (the review date).

The draft is the user's own file: it holds subjects and addresses, which a
report never shows.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..errors import InputError, Problem, Problems
from ..io.inputs import Inputs
from ..io.interactions import INTERACTION_COLUMNS

__all__ = ["log_draft", "evidence_details", "DRAFT_COLUMNS"]

DRAFT_COLUMNS = [c for c in INTERACTION_COLUMNS if c != "line"]
_REPLY = re.compile(r"^\s*(?:(?:re|fw|fwd|sv|vs|aw|wg|tr|rv|ref|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_NOT_MATCHED = "not on LinkedIn or in contacts.csv"


def thread(subject: str) -> str:
    """A subject without its reply and forward prefixes, lower-cased.

    >>> thread("Re: SV: Fwd: Plan for workshoppen "), thread("RE[2]: Budget")
    ('plan for workshoppen', 'budget')
    """
    return _REPLY.sub("", subject or "").strip().lower()


def evidence_details(met, written, mailbox, resolver, max_size: int) -> dict:
    """The meetings and mail with their summaries, subjects and unmatched people (for :func:`log_draft`)."""
    from .evidence import mail_keys

    out = {"meetings": None, "mails": None}
    if met is not None:
        rows = []
        for day, start, online, size, summary, others in zip(
                met["date"].tolist(), met["start"].tolist(), met["online"].tolist(), met["size"].tolist(),
                met["summary"].tolist(), met["others"].tolist()):
            matched, unmatched = [], []
            for email, name in others:
                person = resolver.person(email, name)
                if person is None:
                    unmatched.append((email, name))
                elif person not in matched:
                    matched.append(person)
            rows.append((day, start, "event" if size > max_size else "meeting", "online" if online else "offline",
                         size, summary, tuple(matched), tuple(unmatched)))
        out["meetings"] = pd.DataFrame(rows, columns=["date", "start", "kind", "channel", "size", "summary",
                                                      "people", "unmatched"])
    if written is not None:
        subjects = dict(zip(zip(mailbox["file"].tolist(), mailbox["line"].tolist()), mailbox["subject"].tolist()))
        rows = []
        for key, date, direction, email, name, others, file, line in zip(
                mail_keys(written).tolist(), written["date"].tolist(), written["direction"].tolist(),
                written["email"].tolist(), written["name"].tolist(), written["others"].tolist(),
                written["file"].tolist(), written["line"].tolist()):
            together = tuple(dict.fromkeys(p for p in (resolver.person(e, n) for e, n in others) if p))
            rows.append((key, date, direction, resolver.person(email, name), email, name,
                         subjects.get((file, line), ""), together))
        out["mails"] = pd.DataFrame(rows, columns=["key", "date", "direction", "person_id", "email", "name",
                                                   "subject", "others"])
    return out


def log_draft(inputs: Inputs, *, as_of: dt.date, since: dt.date | None = None,
              problems: Problems | None = None) -> pd.DataFrame:
    """The draft rows (:data:`DRAFT_COLUMNS`, all text) for the inputs' calendar and mail.

    Parameters
    ----------
    inputs : Inputs
        With at least a calendar or a mailbox.
    as_of : date
        The review date: nothing later is drafted.
    since : date, optional
        Nothing earlier is drafted.
    problems : Problems, optional
        Collect problems here; without it an :class:`~netanalysis.errors.InputError`
        is raised when the inputs have an error.

    Returns
    -------
    DataFrame, one row per draft interaction, by date (see the module docstring).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netanalysis.io.inputs import resolve_inputs
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Email Address,Connected On\\n"
    ...                                              "Ann,Lee,ann@x.com,01 Jan 2025\\n")
    >>> _ = (folder / "mail.mbox").write_bytes(b"From x Sat Mar 14 10:00:00 2026\\nFrom: Kim <kim@me.dk>\\n"
    ...     b"To: ann@x.com\\nSubject: Hello\\nDate: Sat, 14 Mar 2026 10:00:00 +0000\\nX-Gmail-Labels: Sent\\n\\nHi\\n")
    >>> log_draft(resolve_inputs(folder), as_of=dt.date(2026, 3, 31)).values.tolist()
    [['2026-03-14', 'Ann Lee', 'email', '', '', '', 'online', '', 'Hello (sent)']]
    """
    from .load import load_with_details

    if not inputs.calendar and not inputs.mail:
        raise InputError(Problem("log draft", "has no calendar and no mail to draft from", code="missing-file",
                                 fix="pass --calendar FILE and/or --mail FILE, or put the .ics / .mbox in the folder"))
    net, details = load_with_details(inputs, as_of=as_of, problems=problems)
    covered = _covered(net.log)
    cells = _Cells(net)
    first = pd.Timestamp(since) if since is not None else pd.Timestamp.min
    last = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    rows: list[tuple] = []
    if details["meetings"] is not None:
        rows += _meeting_rows(details["meetings"], covered, cells, first, last)
    if details["mails"] is not None:
        rows += _mail_rows(details["mails"], covered, cells, first, last)
    rows.sort(key=lambda row: (row[0], row[1]))
    frame = pd.DataFrame([row[2:] for row in rows], columns=DRAFT_COLUMNS, dtype=object)
    return frame


def _covered(log: pd.DataFrame) -> set[tuple[str, pd.Timestamp]]:
    """(person_id, day) of every log row's contact and ``with`` people."""
    covered = set()
    for person, together, date in zip(log["person_id"].tolist(), log["with_ids"].tolist(), log["date"].tolist()):
        if pd.isna(date):
            continue
        day = pd.Timestamp(date).normalize()
        for who in (person, *together):
            if isinstance(who, str):
                covered.add((who, day))
    return covered


class _Cells:
    """How a person is written in the draft: their name, or their URL when the name fits two people."""

    def __init__(self, net):
        self.people, self.matcher = net.people, net.matcher

    def __call__(self, person_id: str) -> str:
        name = self.people.at[person_id, "contact"]
        if self.matcher is None or self.matcher.match(name).person_id == person_id:
            return name
        return self.people.at[person_id, "url"] or name


def _shown(email: str, name: str) -> str:
    return f"{name} <{email}>" if name and email else name or email


def _meeting_rows(meetings: pd.DataFrame, covered, cells: _Cells, first, last) -> list[tuple]:
    rows = []
    for day, start, kind, channel, size, summary, people, unmatched in meetings.itertuples(index=False):
        if not first <= day < last:
            continue
        iso = day.strftime("%Y-%m-%d")
        fresh = [p for p in people if (p, day) not in covered]
        if kind == "event":
            for person in fresh:
                rows.append((day, start, iso, cells(person), "event", "", "", "", channel, "",
                             f"{summary} ({size} people)".strip()))
            continue
        if people and not fresh:
            continue
        notes = summary
        if fresh:
            contact = cells(fresh[0])
            together = ";".join(cells(p) for p in people if p != fresh[0])
            others = unmatched
        else:
            contact, together, others = unmatched[0][1] or unmatched[0][0], "", unmatched[1:]
            notes = f"{summary} ({_shown(*unmatched[0])}: {_NOT_MATCHED})".strip()
        if others:
            notes = f"{notes}; {_NOT_MATCHED}: {', '.join(_shown(*pair) for pair in others)}".strip("; ")
        rows.append((day, start, iso, contact, "meeting", "", "", "", channel, together, notes))
    return rows


def _mail_rows(mails: pd.DataFrame, covered, cells: _Cells, first, last) -> list[tuple]:
    mails = mails.assign(day=mails["date"].dt.normalize())
    mails = mails[(mails["day"] >= first) & (mails["day"] < last)]
    if mails.empty:
        return []
    threads = [thread(s) or f"#{k}" for s, k in zip(mails["subject"].tolist(), mails["key"].tolist())]
    rows = []
    for (day, _), group in mails.groupby([mails["day"], pd.Series(threads, index=mails.index)], sort=False):
        matched = list(dict.fromkeys(p for p in group["person_id"].tolist() if isinstance(p, str)))
        fresh = [p for p in matched if (p, day) not in covered]
        if matched and not fresh:
            continue
        per_mail = group.drop_duplicates("key")
        sent = int((per_mail["direction"] == "sent").sum())
        received = len(per_mail) - sent
        counts = (f"{len(per_mail)} mails: {sent} sent, {received} received" if len(per_mail) > 1
                  else "sent" if sent else "received")
        subject = per_mail["subject"].iloc[0] or "(no subject)"
        notes = f"{subject} ({counts})"
        strangers = group[group["person_id"].isna()]
        pairs = list(dict.fromkeys(zip(strangers["email"].tolist(), strangers["name"].tolist())))
        if fresh:
            contact = cells(fresh[0])
            together = [p for p in dict.fromkeys(matched + [o for row in group["others"] for o in row])
                        if p != fresh[0]]
            with_cell = ";".join(cells(p) for p in together)
            if pairs:
                notes = f"{notes}; {_NOT_MATCHED}: {', '.join(_shown(*pair) for pair in pairs)}"
        else:
            contact, with_cell = pairs[0][1] or pairs[0][0], ""
            notes = f"{notes}; {', '.join(_shown(*pair) for pair in pairs)}: {_NOT_MATCHED}"
        rows.append((day, group["date"].min(), day.strftime("%Y-%m-%d"), contact, "email", "", "", "", "online",
                     with_cell, notes))
    return rows
