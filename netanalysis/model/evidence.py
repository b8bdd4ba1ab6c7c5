"""Calendar and mail as evidence of contact: whose they are, and who each attendee and correspondent is.

:func:`read_evidence` reads the calendars (:func:`~netanalysis.io.calendar.read_calendar`)
and mailboxes (:func:`~netanalysis.io.mail.read_mbox`), decides the owner's
addresses, keeps the meetings the owner attended
(:func:`~netanalysis.io.calendar.attended_meetings`) and the mail exchanged
with people (:func:`~netanalysis.io.mail.correspondence`), and matches each
other person to one of the network's people.  Calendar and mail never create
people: whoever matches nobody is counted, not kept.

Rules
-----
* The owner: ``[me] emails`` of goals.toml; else the calendar's name when it
  is an address (``X-WR-CALNAME``) and the senders of mail labelled Sent,
  together; else the calendar's most frequent participant and the most
  frequent sender, together.
* Matching, per address: the address of a person (Connections.csv's
  ``Email Address``, or the ``email`` column of contacts.csv, which wins for
  an address two connections share); else the display names the address is
  shown with, through :class:`~netanalysis.model.matching.Matcher` (case,
  accents and invisible marks ignored; ``Hansen, Søren`` also tried as
  ``Søren Hansen``).  Names that fit two people, or an address shown under
  the names of two different people, are errors: the fix is to add the
  address to contacts.csv.
* A meeting the owner attended with more than ``max_meeting_size`` people
  (the owner included) is an ``event`` for each matched attendee, and ties
  nobody; a smaller one is a ``meeting``.

Frames (on :class:`~netanalysis.model.network.Network`)
-------------------------------------------------------
``meetings``, one row per (attended occurrence, matched other attendee):
``person_id`` (object), ``date`` (datetime64[ns], the UTC day), ``kind``
(``meeting`` / ``event``), ``channel`` (``online`` when the event holds a
video-call link, else ``offline``), ``occurrence`` (str: ``o<n>``, shared by
the people of one occurrence: the people of a ``meeting`` met together, those
of an ``event`` did not), ``size`` (int64: the attendees, owner included, the
unmatched too).  Only occurrences up to the date the calendar was read to
(``Network.evidence.until``).

``mails``, one row per (mail, matched counterpart): ``person_id``, ``date``
(datetime64[ns], UTC), ``direction`` (``sent`` / ``received``),
``message_id`` (str: ``m<n>``, shared by the people of one mail: the
recipients of a mail the owner sent; a received mail has one row, its
sender's).

The keys are opaque (the Message-ID and the event's UID are not kept), and
neither frame holds an address, a name or a subject.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import Problem, Problems
from .addressbook import Resolver, address_book, contact_emails
from .matching import Matcher

__all__ = ["EvidenceSummary", "Evidence", "read_evidence", "contact_emails", "mask_addresses", "mail_keys",
           "MEETING_COLUMNS", "MAIL_COLUMNS"]

MEETING_COLUMNS = ["person_id", "date", "kind", "channel", "occurrence", "size"]
MAIL_COLUMNS = ["person_id", "date", "direction", "message_id"]
_ANY_ADDRESS = re.compile(r"[\w.%+!#$&*=?^{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_STRONG = ("X-WR-CALNAME", "mail labelled Sent")
_SOURCE_TEXT = {"[me] emails": "[me] emails in goals.toml", "X-WR-CALNAME": "the calendar's name, X-WR-CALNAME",
                "mail labelled Sent": "the senders of mail labelled Sent",
                "most frequent participant": "a guess: the calendar's most frequent participant",
                "most frequent sender": "a guess: the most frequent sender of mail"}


@dataclass(frozen=True)
class EvidenceSummary:
    """What calendar and mail gave, in numbers (``check`` prints it)."""

    owner_emails: tuple[str, ...] = ()
    owner_source: str = ""          # where the owner's addresses came from, in words
    until: dt.date | None = None    # the last day read (repetitions expanded, mail vetted)
    events: int = 0                 # calendar occurrences read up to ``until``
    meetings: int = 0               # of them, attended (not declined, not cancelled, not alone)
    large_events: int = 0           # of those, with more than max_meeting_size people
    people_met: int = 0             # distinct people matched in them
    mails: int = 0                  # mails read
    exchanges: int = 0              # of them, sent to or received from a correspondent
    correspondents: int = 0         # distinct correspondents' addresses
    people_written: int = 0         # distinct people matched among them
    unmatched: int = 0              # distinct addresses (or names) of meetings and mail that match nobody

    def without_addresses(self) -> "EvidenceSummary":
        """The same numbers without the owner's addresses (for a pseudonymised copy)."""
        return dataclasses.replace(self, owner_emails=())


@dataclass
class Evidence:
    """What :func:`read_evidence` returns; ``details`` only when asked for (``log draft``)."""

    meetings: pd.DataFrame | None
    mails: pd.DataFrame | None
    summary: EvidenceSummary
    details: dict | None = None


def mask_addresses(problem: Problem) -> Problem:
    """``problem`` with every e-mail address in its texts replaced by ``[address]``.

    >>> str(mask_addresses(Problem("takeout.zip/Calendar/kim@x.com.ics", "is odd", value="al@y.dk")))
    "takeout.zip/Calendar/[address]: '[address]' is odd"
    """
    def mask(text):
        return _ANY_ADDRESS.sub("[address]", text) if isinstance(text, str) else text

    return dataclasses.replace(problem, file=mask(problem.file), message=mask(problem.message),
                               value=mask(problem.value), fix=mask(problem.fix))


def read_evidence(calendar, mail, *, people: pd.DataFrame, matcher: Matcher, goals,
                  emails: dict[str, tuple[str, ...]], email_lines: dict[str, int], contacts_display: str,
                  as_of: dt.date | None, latest: dt.date | None, problems: Problems,
                  details: bool = False) -> Evidence:
    """Read the calendars and mailboxes and match them to ``people``.

    Parameters
    ----------
    calendar, mail : sequence of paths
        The ``.ics`` and mbox inputs (either may be empty).
    people, matcher : the network's people and their name index.
    goals : Goals
        ``me_emails`` and ``max_meeting_size``.
    emails, email_lines : dict
        person_id -> the addresses contacts.csv gives them (:func:`contact_emails`),
        and person_id -> their contacts.csv line.
    contacts_display : str
        contacts.csv's name in messages.
    as_of : date, optional
        The review date: repetitions are expanded up to it, and mail after it
        does not count when deciding who is a correspondent.  ``None``: up to
        ``latest`` (the latest dated evidence of the other inputs) or the
        latest mail, whichever is later.
    latest : date, optional
        See ``as_of``.
    problems : Problems
        Every problem is added here.
    details : bool
        Also keep the subjects, names and unmatched addresses (for ``log draft``).

    Returns
    -------
    Evidence

    Examples
    --------
    >>> from netanalysis.io.goals import Goals
    >>> people = pd.DataFrame({"contact": ["Ann Lee"], "email": ["ann@x.com"]}, index=["c:ann"])
    >>> mbox = (b"From x Sat Mar 14 10:00:00 2026\\nFrom: Kim <kim@me.dk>\\nTo: Ann <ANN@x.com>\\n"
    ...         b"Date: Sat, 14 Mar 2026 10:00:00 +0000\\nX-Gmail-Labels: Sent\\n\\nHi\\n")
    >>> found = read_evidence([], [mbox], people=people, matcher=Matcher(people), goals=Goals(), emails={},
    ...                       email_lines={}, contacts_display="contacts.csv", as_of=None, latest=None,
    ...                       problems=Problems())
    >>> found.mails.values.tolist()
    [['c:ann', Timestamp('2026-03-14 10:00:00'), 'sent', 'm0']]
    >>> found.summary.owner_emails, found.summary.owner_source
    (('kim@me.dk',), 'the senders of mail labelled Sent')
    """
    from ..io.calendar import attended_meetings, read_calendar  # icalendar: imported only when needed
    from ..io.mail import correspondence, read_mbox

    mailbox = read_mbox(list(mail), problems=problems) if mail else None
    mails_read = len(mailbox) if mailbox is not None else 0
    until = as_of
    if until is None:
        dates = [d for d in (latest, _latest_mail(mailbox)) if d is not None]
        until = max(dates) if dates else None
    events = None
    if calendar and until is None:
        problems.warning("calendar", "was not read: there is no review date and no dated evidence to read it up "
                                     "to", code="no-date", fix="give the review date (--as-of, or load(as_of=...))")
    elif calendar:
        events = read_calendar(list(calendar), until=until, problems=problems)
    owner, source = _owner(goals.me_emails, events, mailbox, problems)
    book = address_book(people, emails, email_lines, contacts_display, problems)
    resolver = Resolver(book, matcher, people, problems)
    met = None
    occurrences = len(events) if events is not None else 0
    if events is not None:
        needed = ["status", "organizer_email", "organizer_name", "attendees", "resources", "date", "online", "file",
                  "line"] + (["start", "summary"] if details else [])
        met = attended_meetings(events[needed], owner)
        del events  # the calendar's other columns (subjects among them) are not needed from here on
    written = correspondence(mailbox, owner, as_of=as_of) if mailbox is not None else None
    if met is not None:
        resolver.collect(met["others"], met["file"], met["line"], small=met["size"] <= goals.max_meeting_size)
    keys = None
    if written is not None:
        resolver.collect_pairs(written["email"], written["name"], written["file"], written["line"])
        keys = mail_keys(written)
        if not details:
            del mailbox  # its headers (subjects among them) are not needed from here on
    resolver.resolve()
    meetings = _meetings(met, resolver, goals.max_meeting_size) if met is not None else None
    mails = _mails(written, keys, resolver) if written is not None else None
    summary = EvidenceSummary(
        owner_emails=tuple(sorted(owner)), owner_source=_SOURCE_TEXT.get(source, source), until=until,
        events=occurrences, meetings=len(met) if met is not None else 0,
        large_events=int((met["size"] > goals.max_meeting_size).sum()) if met is not None else 0,
        people_met=int(meetings["person_id"].nunique()) if meetings is not None else 0,
        mails=mails_read, exchanges=len(set(keys.tolist())) if keys is not None else 0,
        correspondents=int(written["email"].nunique()) if written is not None else 0,
        people_written=int(mails["person_id"].nunique()) if mails is not None else 0,
        unmatched=len(resolver.unmatched))
    if summary.unmatched:
        problems.warning("calendar and mail", f"{summary.unmatched} people you met or wrote with match nobody "
                                              "in Connections.csv or contacts.csv (by address or name); their "
                                              "meetings and mail are not counted", code="unmatched-addresses",
                         fix="`python -m netanalysis log draft` lists them; for someone on LinkedIn under another "
                             "name, or off LinkedIn, add a row with their address to contacts.csv (email column)")
    found = Evidence(meetings, mails, summary)
    if details:
        from .draft import evidence_details

        found.details = evidence_details(met, written, mailbox if written is not None else None, resolver,
                                         goals.max_meeting_size)
    return found


def _latest_mail(mailbox: pd.DataFrame | None) -> dt.date | None:
    if mailbox is None:
        return None
    dates = mailbox.loc[~(mailbox["bulk"] | mailbox["draft"] | mailbox["spam"]), "date"]
    return dates.max().date() if len(dates) else None


def _owner(me_emails, events, mailbox, problems: Problems) -> tuple[set[str], str]:
    """The owner's addresses and where they came from (see the module docstring)."""
    from ..io.calendar import calendar_owner
    from ..io.mail import mail_owner

    if me_emails:
        return set(me_emails), "[me] emails"
    found = []
    if events is not None:
        found.append(calendar_owner(events))
    if mailbox is not None:
        found.append(mail_owner(mailbox))
    strong = [(emails, source) for emails, source in found if source in _STRONG]
    chosen = strong or [(emails, source) for emails, source in found if emails]
    owner = set().union(*(emails for emails, _ in chosen)) if chosen else set()
    sources = " and ".join(_SOURCE_TEXT[source] for _, source in chosen)
    if (events is not None or mailbox is not None) and not strong:
        what = f"guessed as {', '.join(sorted(owner))}" if owner else "unknown"
        problems.warning("calendar and mail", f"your own e-mail address is {what}", code="owner-guessed",
                         fix='write your addresses in goals.toml: [me] emails = ["you@example.com"]')
    return owner, sources


def _meetings(met: pd.DataFrame, resolver: Resolver, max_size: int) -> pd.DataFrame:
    positions: list[int] = []   # the row of ``met`` of each meeting row
    persons: list[str] = []
    for position, others in enumerate(met["others"].tolist()):
        seen: set[str] = set()
        for email, name in others:
            person = resolver.person(email, name)
            if person is not None and person not in seen:
                seen.add(person)
                positions.append(position)
                persons.append(person)
    rows = np.array(positions, dtype=np.int64)
    first = np.ones(len(rows), dtype=bool)
    first[1:] = rows[1:] != rows[:-1]
    codes = np.cumsum(first) - 1     # occurrence keys in order, only for the occurrences with someone matched
    keys = np.array([f"o{n}" for n in range(int(first.sum()))], dtype=object)
    size = met["size"].to_numpy(dtype=np.int64)[rows]
    # One string object per distinct value, shared by the rows (not one per row).
    kind = np.array(["meeting", "event"], dtype=object)[(size > max_size).astype(np.int64)]
    channel = np.array(["offline", "online"], dtype=object)[met["online"].to_numpy(dtype=bool)[rows].astype(np.int64)]
    return pd.DataFrame({
        "person_id": pd.Series(np.array(persons, dtype=object), dtype=object),
        "date": met["date"].to_numpy(dtype="datetime64[ns]")[rows],
        "kind": pd.Series(kind, dtype=object),
        "channel": pd.Series(channel, dtype=object),
        "occurrence": pd.Series(keys[codes], dtype=object),
        "size": size,
    }, columns=MEETING_COLUMNS)


def mail_keys(written: pd.DataFrame) -> np.ndarray:
    """One key per mail of ``correspondence`` rows: its Message-ID, else its file and line."""
    ids = written["message_id"].to_numpy(dtype=object)
    places = (written["file"] + ":" + written["line"].astype(str)).to_numpy(dtype=object)
    return np.where(ids != "", ids, places)


def _mails(written: pd.DataFrame, keys: np.ndarray, resolver: Resolver) -> pd.DataFrame:
    person = np.array([resolver.person(email, name) for email, name in zip(written["email"].tolist(),
                                                                           written["name"].tolist())], dtype=object)
    kept = np.array([p is not None for p in person], dtype=bool)
    keys = keys[kept]
    codes, _ = pd.factorize(keys) if len(keys) else (np.zeros(0, dtype=np.int64), None)
    frame = pd.DataFrame({
        "person_id": pd.Series(person[kept], dtype=object),
        "date": written["date"].to_numpy(dtype="datetime64[ns]")[kept],
        "direction": pd.Series(written["direction"].to_numpy(dtype=object)[kept], dtype=object),
        "message_id": pd.Series([f"m{code}" for code in codes.tolist()], dtype=object),
    }, columns=MAIL_COLUMNS)
    return frame.drop_duplicates(["message_id", "person_id"]).reset_index(drop=True)
