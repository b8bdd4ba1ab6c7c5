"""The pseudonymised copy's ``calendar.ics`` and ``mail.mbox``, made from what the loader resolved.

Nothing of the original calendars and mailboxes is copied: the files are
written again from ``Network.meetings`` and ``Network.mails`` (person ids,
UTC days, kinds, channels, sizes and opaque keys; see
:mod:`netanalysis.model.evidence`), so no subject, location, description,
body, Message-ID, UID, address or name of the originals can be in them.

``calendar.ics`` (written with :mod:`icalendar`)
    ``X-WR-CALNAME`` is the owner's pseudonymous address, so the copy's
    loader finds the owner without ``[me] emails``.  One ``VEVENT`` per
    attended occurrence: on its UTC day at 10:00Z for 30 minutes, a salted
    opaque ``UID``, ``STATUS:CONFIRMED``, the owner as ``ORGANIZER`` and
    accepted ``ATTENDEE``, each matched person as an ``ATTENDEE`` (``CN`` their
    pseudonym, a pseudonymous address), and stand-in attendees with an
    address and no name up to the occurrence's size, so a meeting stays a
    meeting and a large event an event.  The stand-ins of small meetings are
    drawn from as many addresses as the original had people matching nobody
    (so ``check`` counts as many).  An online occurrence has
    ``X-GOOGLE-CONFERENCE:https://meet.invalid/...`` (the reader takes that
    property for a video call whatever its link; a ``meet.invalid`` link in
    ``LOCATION`` would not be one); nothing says where the others were.  No
    ``SUMMARY``, ``LOCATION`` or ``DESCRIPTION``.  Declined, cancelled,
    alone and unmatched-only occurrences count for nothing in the original,
    so they are not written; repetitions are written one occurrence each, up
    to the day the calendar was read to.
``mail.mbox`` (written with the standard library's :mod:`email`)
    One message per mail of ``Network.mails``, on its UTC day at 12:00Z: a
    mail the owner sent goes from the owner (``X-Gmail-Labels: Sent``) to its
    matched recipients together (people on one mail stay tied); a received
    mail comes from its sender to the owner.  A salted opaque Message-ID, a
    constant subject and a one-line body.  A received mail counts only from
    someone the owner has written to; the copy holds the owner's mail to them
    (as the original did), so the same mail counts.  (Each person has one
    address in the copy: reviewed at an earlier date than the copy was made
    for, a mail from someone's second address may count there from the day
    the owner wrote to their first.)  One more message, a
    note from the owner to themselves on the last day the original was read
    to, stands for the mail the copy leaves out: it marks the owner's address
    as theirs and keeps that day the copy's latest mail, so the copy read
    without a review date is read as far as the original; it also goes to
    stand-ins for the people of the original's mail who match nobody (as
    many as the calendar's stand-ins do not already make up).  It counts for
    nobody in the review.

Addresses are on reserved ``.invalid`` domains: the owner's
:data:`OWNER_ADDRESS`, each person's from their pseudonym
(``person-4f2a@people.invalid``, unique).  The copy's loader matches a person
by the pseudonym shown with the address; when the pseudonym alone would not
tell them apart in the copy (two namesakes the original told apart by their
addresses, a name without letters), the address goes into the copy's
``Connections.csv`` (``Email Address``) or, for someone off LinkedIn, into
``contacts.csv`` (``email``), so it matches them there.

Examples
--------
>>> import pandas as pd
>>> from netanalysis.anonymize.pseudonyms import Pseudonymiser
>>> meetings = pd.DataFrame({"person_id": ["c:ann"], "date": pd.to_datetime(["2026-03-02"]), "kind": ["meeting"],
...                          "channel": ["online"], "occurrence": ["o0"], "size": [3]})
>>> who = {"c:ann": Identity("Person 4F2A", "person-4f2a@people.invalid")}
>>> ics = calendar_text(meetings, who, Pseudonymiser("s"), unmatched=1)
>>> [line for line in ics.splitlines() if line.startswith(("X-WR", "DTSTART"))]
['X-WR-CALNAME:me@owner.invalid', 'DTSTART:20260302T100000Z']

Read back, it is the same meeting: online, three people (the owner, Ann and a stand-in):

>>> from netanalysis.io.calendar import attended_meetings, calendar_owner, read_calendar
>>> events = read_calendar(ics.encode(), until="2026-03-31")
>>> calendar_owner(events)
({'me@owner.invalid'}, 'X-WR-CALNAME')
>>> met = attended_meetings(events, {OWNER_ADDRESS})
>>> met[["online", "size"]].values.tolist(), met.loc[0, "others"]
([[True, 3]], (('person-4f2a@people.invalid', 'Person 4F2A'), ('guest-1@guests.invalid', '')))
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

import pandas as pd

from ..io.text import match_key
from ..model.evidence import MAIL_COLUMNS, MEETING_COLUMNS
from ..model.matching import Matcher
from .pseudonyms import Pseudonymiser

__all__ = ["EvidenceCopy", "Identity", "evidence_copy", "identities", "calendar_text", "mailbox_text",
           "stand_ins", "OWNER_ADDRESS", "SUBJECT", "BODY"]

#: The owner's address in the copy (``X-WR-CALNAME``, organizer, sender of the owner's mail).
OWNER_ADDRESS = "me@owner.invalid"
#: The subject of every mail of the copy.
SUBJECT = "(subject left out)"
#: The body of every mail of the copy.
BODY = "(left out of the anonymised copy)\n"
_PEOPLE_DOMAIN = "people.invalid"
_MEETING_TIME, _MAIL_TIME = dt.time(10, 0), dt.time(12, 0)
_UTC = dt.timezone.utc
# Stand-ins in the event and message written once, replaced for each (none can be folded: short lines).
_TEMPLATE_DAY = dt.date(1970, 1, 1)
_UID, _MEET, _MESSAGE_ID = "u" * 24, "k" * 12, "<" + "m" * 24 + "@anonymised.invalid>"


@dataclass(frozen=True)
class Identity:
    """How one person appears in the copy's calendar and mail."""

    name: str       # the pseudonym the copy's other files give them
    address: str    # their pseudonymous address, shown with the name


@dataclass
class EvidenceCopy:
    """The copy's calendar and mailbox texts, and the addresses its other files must hold."""

    calendar: str | None = None
    mail: str | None = None
    #: Connections.csv line (of the copy's people) -> the address to write in its ``Email Address``.
    connection_emails: dict[int, str] = field(default_factory=dict)
    #: contacts.csv ``contact`` cell as the copy writes it -> the address to write in its ``email`` column.
    contact_emails: dict[str, str] = field(default_factory=dict)


def evidence_copy(net, anon, pz: Pseudonymiser, *, calendar: bool, mail: bool, contact_cells=()) -> EvidenceCopy:
    """The copy's ``calendar.ics`` (if ``calendar``) and ``mail.mbox`` (if ``mail``) for the loaded ``net``.

    ``anon`` is :func:`~netanalysis.anonymize.network.pseudonymise_network` of ``net`` with ``pz``;
    ``contact_cells`` the ``contact`` cells of the copy's contacts.csv (where an address can go).
    Raises :class:`~netanalysis.anonymize.AnonymizeError` for someone the copy could not match
    (see the module docstring).
    """
    meetings = net.meetings if calendar and net.meetings is not None else _empty(MEETING_COLUMNS)
    mails = net.mails if mail and net.mails is not None else _empty(MAIL_COLUMNS)
    persons = list(dict.fromkeys([*meetings["person_id"].tolist(), *mails["person_id"].tolist()]))
    who, by_address = identities(net.people, anon.people, pz, persons)
    out = EvidenceCopy()
    cells = set(contact_cells)
    new_ids = dict(zip(net.people.index.tolist(), anon.people.index.tolist()))
    for person_id in by_address:
        row = anon.people.loc[new_ids[person_id]]
        address = who[person_id].address
        if bool(row["on_linkedin"]):
            out.connection_emails[int(row["line"])] = address
        elif who[person_id].name in cells:
            out.contact_emails[who[person_id].name] = address
        else:
            from . import AnonymizeError

            raise AnonymizeError(f"calendar and mail: the person {who[person_id].name} cannot be matched in the "
                                 "copy (their name has no letters, and no contacts.csv row gives their address). "
                                 "Fix: give them a name in contacts.csv, or leave the calendar and mail out")
    summary = getattr(net, "evidence", None)
    unmatched = summary.unmatched if summary is not None else 0
    until = summary.until if summary is not None else None
    used = 0
    if calendar:
        out.calendar = calendar_text(meetings, who, pz, unmatched=unmatched)
        used = stand_ins(meetings, unmatched)
    if mail:
        owner = anon.owner or (anon.archive.owner if anon.archive is not None else "")
        out.mail = mailbox_text(mails, who, pz, owner_name=owner, until=until,
                                strangers=[_guest(n) for n in range(used, unmatched)])
    return out


def _guest(n: int) -> str:
    return f"guest-{n + 1}@guests.invalid"


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def identities(people: pd.DataFrame, anon_people: pd.DataFrame, pz: Pseudonymiser, persons
               ) -> tuple[dict[str, Identity], list[str]]:
    """Each person's :class:`Identity`, and those whose name alone would not match them in the copy.

    ``people`` and ``anon_people`` are the original and the pseudonymised people, row for row.
    Addresses are unique: ``person-4f2a@people.invalid``, a salted suffix for a second ``Person 4F2A``.
    """
    new_ids = dict(zip(people.index.tolist(), anon_people.index.tolist()))
    matcher = Matcher(anon_people)
    who: dict[str, Identity] = {}
    by_address: list[str] = []
    used: set[str] = set()
    for person_id in sorted(persons, key=lambda p: pz.digest("address", p)):
        name = pz.person(person_id)
        local = re.sub(r"[^a-z0-9]+", "-", match_key(name)).strip("-") or "person"
        address, attempt = f"{local}@{_PEOPLE_DOMAIN}", 0
        while address in used:
            attempt += 1
            address = f"{local}-{pz.digest('address', person_id, attempt)[:6]}@{_PEOPLE_DOMAIN}"
        used.add(address)
        who[person_id] = Identity(name, address)
        if matcher.match(name).person_id != new_ids[person_id]:
            by_address.append(person_id)
    return who, sorted(by_address, key=lambda p: pz.digest("address", p))


def calendar_text(meetings: pd.DataFrame, who: dict[str, Identity], pz: Pseudonymiser, *, unmatched: int = 0) -> str:
    """``calendar.ics``: one event per occurrence of ``meetings`` (see the module docstring).

    icalendar writes (escapes and folds) each kind of line once: the event for each channel, with
    stand-ins for its day and keys, and each attendee's line; the occurrences are put together from them.
    """
    from icalendar import Calendar, Event, vCalAddress, vText

    lines: dict[str, str] = {}

    def attendee(address: str, name: str = "") -> str:
        found = lines.get(address)
        if found is None:
            value = vCalAddress(f"mailto:{address}")
            if name:
                value.params["CN"] = vText(name)
            value.params["PARTSTAT"] = "ACCEPTED"
            event = Event()
            event.add("attendee", value)
            found = lines[address] = _inside(event.to_ical().decode("utf-8"), "VEVENT")
        return found

    templates = {}
    for online in (False, True):
        event = Event()
        start = dt.datetime.combine(_TEMPLATE_DAY, _MEETING_TIME, tzinfo=_UTC)
        for key, value in (("uid", f"{_UID}@anonymised.invalid"), ("dtstamp", start), ("dtstart", start),
                           ("dtend", start + dt.timedelta(minutes=30)), ("status", "CONFIRMED"),
                           ("organizer", vCalAddress(f"mailto:{OWNER_ADDRESS}"))):
            event.add(key, value)
        if online:
            event.add("x-google-conference", f"https://meet.invalid/{_MEET}")
        text = event.to_ical().decode("utf-8")
        cut = len(text) - len("END:VEVENT\r\n")
        templates[online] = (text[:cut], text[cut:])
    cal = Calendar()
    for key, value in (("prodid", "-//netanalysis//anonymised copy//EN"), ("version", "2.0"),
                       ("calscale", "GREGORIAN"), ("x-wr-calname", OWNER_ADDRESS)):
        cal.add(key, value)
    head, tail = cal.to_ical().decode("utf-8").rsplit("END:VCALENDAR", 1)
    parts = [head]
    groups = _groups(meetings, "occurrence")
    pool = _pool(groups, unmatched)
    turn = 0
    stamp = _TEMPLATE_DAY.strftime("%Y%m%dT")
    for group in groups:
        online = group["channel"] == "online"
        before, after = templates[online]
        before = before.replace(stamp, group["day"].strftime("%Y%m%dT")).replace(
            _UID, pz.digest("occurrence", group["key"])[:len(_UID)], 1)
        if online:
            before = before.replace(_MEET, pz.digest("meet", group["key"])[:len(_MEET)], 1)
        people = [attendee(OWNER_ADDRESS)]
        people += [attendee(who[p].address, who[p].name) for p in group["persons"]]
        fillers = group["size"] - 1 - len(group["persons"])
        if group["kind"] == "event":  # large events' stand-ins are never counted: their own addresses
            people += [attendee(f"attendee-{n + 1}@events.invalid") for n in range(fillers)]
        else:  # small meetings' stand-ins: in turn from a pool as large as the original's unmatched people
            people += [attendee(_guest((turn + n) % pool)) for n in range(fillers)]
            turn = (turn + fillers) % pool if pool else 0
        parts += [before, *people, after]
    parts.append("END:VCALENDAR" + tail)
    return "".join(parts)


def _inside(text: str, name: str) -> str:
    """The content lines of a component written alone, without its BEGIN and END lines."""
    return text[len(f"BEGIN:{name}\r\n"):-len(f"END:{name}\r\n")]


def _fillers(groups: list[dict]) -> list[int]:
    """The stand-ins each small meeting needs."""
    return [g["size"] - 1 - len(g["persons"]) for g in groups if g["kind"] != "event"]


def _pool(groups: list[dict], unmatched: int) -> int:
    """How many addresses small meetings take their stand-ins from: the original's unmatched, or more if needed."""
    return max([unmatched, *_fillers(groups)])


def stand_ins(meetings: pd.DataFrame, unmatched: int) -> int:
    """How many distinct stand-in addresses :func:`calendar_text` gives the small meetings of ``meetings``.

    The rest of ``unmatched`` (people of the original's mail who match nobody) go on the owner's note
    (:func:`mailbox_text`), so the copy has as many people matching nobody as the original.
    """
    groups = _groups(meetings, "occurrence")
    return min(_pool(groups, unmatched), sum(_fillers(groups)))


def _groups(frame: pd.DataFrame, key: str) -> list[dict]:
    """One dict per value of ``key`` in order of first appearance: its rows' day, persons and fields."""
    out: dict[str, dict] = {}
    columns = [c for c in ("kind", "channel", "size", "direction") if c in frame]
    values = zip(frame[key].tolist(), frame["person_id"].tolist(), frame["date"].tolist(),
                 *(frame[c].tolist() for c in columns))
    for item, person_id, date, *rest in values:
        group = out.get(item)
        if group is None:
            group = out[item] = {"key": item, "day": pd.Timestamp(date).date(), "persons": [],
                                 **dict(zip(columns, rest))}
        if person_id not in group["persons"]:
            group["persons"].append(person_id)
    return list(out.values())


def mailbox_text(mails: pd.DataFrame, who: dict[str, Identity], pz: Pseudonymiser, *, owner_name: str = "",
                 until: dt.date | None = None, strangers=()) -> str | None:
    """``mail.mbox``: one message per mail of ``mails`` and the owner's note on ``until`` (module docstring).

    ``strangers``: addresses the note also goes to (stand-ins for the people of the original's mail
    who match nobody).  ``None`` when there is nothing to write (no mail and no day to date the note).
    """
    owner = Address(owner_name, addr_spec=OWNER_ADDRESS)
    placeholder = format_datetime(dt.datetime.combine(_TEMPLATE_DAY, _MAIL_TIME, tzinfo=_UTC))
    templates: dict[tuple, str] = {}   # (sent, people): the message the email package writes, with stand-ins
    dates: dict[dt.date, tuple[str, str]] = {}
    messages: list[tuple[dt.date, str]] = []

    def message(day: dt.date, key: str, people: tuple[str, ...], sent: bool, to=None) -> None:
        template = templates.get((sent, people))
        if template is None:
            msg = EmailMessage()
            msg["From"] = owner if sent else _address(who[people[0]])
            msg["To"] = to or ([_address(who[p]) for p in people] if sent else [owner])
            msg["Date"] = placeholder
            msg["Subject"] = SUBJECT
            msg["Message-ID"] = _MESSAGE_ID
            msg["X-Gmail-Labels"] = "Sent" if sent else "Inbox"
            msg.set_content(BODY)
            template = templates[(sent, people)] = msg.as_string()
        if day not in dates:
            noon = dt.datetime.combine(day, _MAIL_TIME)
            dates[day] = (format_datetime(noon.replace(tzinfo=_UTC)), noon.strftime("%a %b %d %H:%M:%S %Y"))
        header, separator = dates[day]
        text = template.replace(placeholder, header, 1).replace(
            _MESSAGE_ID, f"<{pz.digest('mail', key)[:24]}@anonymised.invalid>", 1)
        messages.append((day, f"From MAILER-DAEMON {separator}\n{text}\n"))

    for group in _groups(mails, "message_id"):
        message(group["day"], group["key"], tuple(group["persons"]), group["direction"] == "sent")
    if until is not None:
        message(until, "\x00until", ("\x00owner",), True, to=[owner, *(Address(addr_spec=a) for a in strangers)])
    if not messages:
        return None
    messages.sort(key=lambda m: m[0])
    return "".join(text for _, text in messages)


def _address(identity: Identity) -> Address:
    return Address(identity.name, addr_spec=identity.address)
