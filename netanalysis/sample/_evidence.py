"""The persona's calendar (``calendar.ics``) and mailbox (``mail.mbox``), as Google exports them.

Real people have both, and keep a log of only part of what happened.  Over
the last :data:`WINDOW_DAYS` days before the export:

* the calendar holds most of the log's meetings, coffees, meals and calls
  (:data:`CALENDAR_SHARE`), each with the owner, the contact and whoever the
  row has in ``with``; a few meetings that are not in the log
  (:data:`UNLOGGED_SHARE` more, with people of the log); a fortnightly
  one-to-one with the closest colleague (an ``RRULE`` running past the
  export day while they are still in touch, one occurrence moved and one
  cancelled by ``EXDATE``); one
  meeting the owner declined and one that was cancelled (both count for
  nothing); and two conferences of 25-40 guests (each an ``event``, tying
  nobody).  What the log does not hold happens while a relation is active
  (between its first and last contact), so the calendar never revives a tie
  the log lets go cold;
* the mailbox holds a mail for each logged ``email``, a follow-up after some
  meetings, newsletters (``List-Unsubscribe``, ``Precedence: bulk``) and
  one recruiter who was never answered (none of them a relation).

Attendees and correspondents have the address of ``Connections.csv`` when it
has one, else a private address shown with their LinkedIn name (matched by
name).  People logged by profile URL because their name is shared are left
out unless they have an address of their own: their name alone would be
ambiguous, and so would an address two namesakes share.
Family and friends are not in the work calendar.

The calendar is written with ``icalendar`` (folding, escaping), the mail
with the standard library's ``email`` (RFC 2047 names, RFC 5322 dates).
Everything comes from its own generator, ``default_rng([seed, 1])``, so the
other files are the same bytes with or without these two.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta, timezone
from email.message import Message
from email.utils import format_datetime, formataddr

import numpy as np
from icalendar import Calendar, Event, vCalAddress, vText

from ..io.text import match_key
from ._names import EMAIL_DOMAINS
from ._people import People, slugify
from ._log import Subjects
from ._personas import Persona

__all__ = ["calendar_ics", "mail_mbox", "log_rows", "WINDOW_DAYS", "CALENDAR_SHARE", "UNLOGGED_SHARE", "owner_address"]

#: Days before the export the calendar and the mailbox cover.
WINDOW_DAYS = 365
#: Share of the logged meetings, coffees, meals and calls that are in the calendar.
CALENDAR_SHARE = 0.7
#: Meetings in the calendar that are not in the log, as a share of those that are.
UNLOGGED_SHARE = 0.05
#: Share of calendar meetings followed by a mail from the owner.
FOLLOW_UP_MAIL = 0.25
#: The most events and mails written (the latest), whatever the log's size.
MAX_EVENTS, MAX_MAILS = 400, 600
_MEETING_KINDS = ("meeting", "coffee", "meal", "call")
_PRIVATE = ("family", "friend")
_VIDEO = "https://meet.google.com/{code}"
_PLACES = {"coffee": ("Café Norden", "Original Coffee, Bredgade", "Democratic Coffee"),
           "meal": ("Restaurant Schønnemann", "Torvehallerne", "Kødbyens Fiskebar"),
           "meeting": ("Meeting room 3", "Their office", "IDA Conference, Kalvebod Brygge")}
_TITLES = {"coffee": "Coffee with {name}", "meal": "Lunch with {name}", "call": "Call with {name}",
           "meeting": "Meeting: {name}"}
_NEWSLETTERS = (("Nordic AI Weekly", "newsletter@nordicai-weekly.example"),
                ("IDA Events", "no-reply@ida-events.example"))


def owner_address(persona: Persona) -> str:
    """The owner's work address: ``first.last@<first word of the employer>.example``.

    >>> from netanalysis.sample import PERSONAS
    >>> owner_address(PERSONAS["student"])
    'sofie.norgaard@danmarks.example'
    """
    o = persona.owner
    local = slugify(o.first + " " + o.last, True).replace("-", ".")
    domain = slugify(o.employer.split()[0] if o.employer else "mail", True) or "mail"
    return f"{local}@{domain}.example"


class _Who:
    """Who the log's people are in a calendar and a mailbox: name and address per subject."""

    def __init__(self, people: People, subj: Subjects):
        self.name: dict[int, str] = {}
        self.address: dict[int, str] = {}
        self.by_cell: dict[str, int] = {}
        shared: dict[str, int] = {}
        for address in people.email:
            shared[address.lower()] = shared.get(address.lower(), 0) + 1
        for s, (conn, ident, circle) in enumerate(zip(subj.conn.tolist(), subj.ident, subj.circle)):
            if conn < 0 or circle in _PRIVATE:
                continue
            given = people.email[conn] if "@" in people.email[conn] else ""
            if given and shared[given.lower()] > 1:      # two namesakes with one address: neither is certain
                continue
            by_url = ident.startswith("http")
            if by_url and not given:
                continue
            display = people.display[conn]
            local = slugify(display, True).replace("-", ".") or "member"
            self.name[s] = display
            self.address[s] = given or f"{local}@{EMAIL_DOMAINS[(conn * 7) % len(EMAIL_DOMAINS)]}"
            self.by_cell[ident] = s
            self.by_cell[people.url[conn]] = s
            self.by_cell.setdefault(match_key(display), s)

    def find(self, cell: str) -> int | None:
        cell = cell.strip()
        return self.by_cell.get(cell, self.by_cell.get(match_key(cell)))


def log_rows(interactions: str, as_of: date) -> list[tuple[date, str, str, str, list[str]]]:
    """``(day, contact, kind, direction, with)`` of the log rows within the window."""
    start = as_of - timedelta(days=WINDOW_DAYS)
    out = []
    for row in csv.DictReader(io.StringIO(interactions)):
        day = date.fromisoformat(row["date"])
        if start < day <= as_of:
            out.append((day, row["contact"], row["kind"], row["direction"],
                        [x for x in (row["with"] or "").split(";") if x.strip()]))
    return out


def calendar_ics(rng_seed: int, persona: Persona, people: People, subj: Subjects, rows: list,
                 as_of: date) -> str:
    """The owner's calendar as a Google Calendar export (module docstring)."""
    rng = np.random.default_rng([rng_seed, 1])
    who = _Who(people, subj)
    me = owner_address(persona)
    cal = Calendar()
    for key, value in (("prodid", "-//Google Inc//Google Calendar 70.9054//EN"), ("version", "2.0"),
                       ("calscale", "GREGORIAN"), ("method", "PUBLISH"), ("x-wr-calname", me),
                       ("x-wr-timezone", "Europe/Copenhagen")):
        cal.add(key, value)
    meetings = []
    for day, contact, kind, _, with_ in rows:
        s = who.find(contact)
        if kind not in _MEETING_KINDS or s is None or rng.random() >= CALENDAR_SHARE:
            continue
        others = [t for t in (who.find(w) for w in with_) if t is not None and t != s]
        meetings.append((day, kind, [s, *dict.fromkeys(others)]))
    # Meetings nobody logged happen while a relation is active: between its first and last contact.
    pool = [s for s in who.name if subj.last_ago[s] < WINDOW_DAYS]
    weight = np.array([subj.weight[s] for s in pool], dtype=float)
    for _ in range(int(round(UNLOGGED_SHARE * len(meetings)))) if pool else ():
        s = pool[int(rng.choice(len(pool), p=weight / weight.sum()))]
        first, last = min(int(subj.first_ago[s]), WINDOW_DAYS - 1), int(subj.last_ago[s])
        ago = int(rng.integers(last, first + 1)) if first > last else last
        meetings.append((as_of - timedelta(days=ago), "meeting", [s]))
    meetings.sort(key=lambda m: m[0])
    meetings = meetings[-MAX_EVENTS:]        # the latest only: a large log must not build thousands of events
    events = [_meeting(rng, me, who, day, kind, group, n) for n, (day, kind, group) in enumerate(meetings)]
    events += _specials(rng, me, who, subj, as_of, persona.owner.first)
    events.sort(key=lambda e: (e.decoded("dtstart"), str(e["uid"])))
    for event in events[-MAX_EVENTS:]:
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def _event(uid: str, start: datetime, minutes: int, summary: str, me: str, stamp: datetime) -> Event:
    event = Event()
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("dtstamp", stamp)
    event.add("uid", f"{uid}@google.com")
    event.add("summary", summary)
    event.add("status", "CONFIRMED")
    event.add("organizer", _person(me, "", organizer=True))
    return event


def _person(address: str, name: str, *, status: str = "ACCEPTED", organizer: bool = False) -> vCalAddress:
    who = vCalAddress(f"mailto:{address}")
    if name:
        who.params["CN"] = vText(name)
    if not organizer:
        who.params.update({"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": status})
    return who


def _start(rng: np.random.Generator, day: date) -> datetime:
    return datetime.combine(day, time(int(rng.integers(7, 15)), int(rng.choice([0, 30]))), tzinfo=timezone.utc)


def _meeting(rng, me: str, who: _Who, day: date, kind: str, group: list[int], n: int) -> Event:
    first = who.name[group[0]]
    event = _event(f"m{n:05d}-{int(rng.integers(1 << 30)):08x}", _start(rng, day),
                   int(rng.choice([30, 45, 60])), _TITLES[kind].format(name=first), me,
                   datetime.combine(day, time(6, 0), tzinfo=timezone.utc))
    if kind == "call" or (kind == "meeting" and rng.random() < 0.4):
        event.add("location", _VIDEO.format(code=f"{int(rng.integers(1 << 24)):06x}"))
    else:
        places = _PLACES.get(kind, _PLACES["meeting"])
        event.add("location", places[int(rng.integers(len(places)))])
    event.add("attendee", _person(me, "", status="ACCEPTED"))
    for s in group:
        event.add("attendee", _person(who.address[s], who.name[s]))
    return event


def _specials(rng, me: str, who: _Who, subj: Subjects, as_of: date, owner: str) -> list[Event]:
    """The recurring one-to-one, a declined and a cancelled meeting, and two conferences."""
    pool = sorted(who.name, key=lambda s: (-subj.weight[s], s))
    if not pool:
        return []
    out = []
    stamp = datetime.combine(as_of - timedelta(days=WINDOW_DAYS), time(6, 0), tzinfo=timezone.utc)
    # The one-to-one runs while the closest colleague is in touch: on past the export if they still are.
    colleague = min(pool, key=lambda s: (subj.circle[s] != "colleague", int(subj.last_ago[s]) > 30,
                                         -subj.weight[s], s))
    first = as_of - timedelta(days=min(WINDOW_DAYS - 30, int(subj.first_ago[colleague])))
    start = datetime.combine(first - timedelta(days=first.weekday()) + timedelta(days=1), time(8, 30),
                             tzinfo=timezone.utc)
    last = int(subj.last_ago[colleague])
    until = as_of + timedelta(days=60) if last <= 30 else as_of - timedelta(days=last)
    title = f"1:1 {who.name[colleague].split()[0]} / {owner}"
    one = _event("r00001-1on1", start, 30, title, me, stamp)
    one.add("rrule", {"freq": "weekly", "interval": 2,
                      "until": datetime.combine(until, time(23, 59), tzinfo=timezone.utc)})
    held = (min(until, as_of) - start.date()).days // 14 + 1      # occurrences up to the export
    if held >= 3:
        one.add("exdate", start + timedelta(weeks=2 * (held // 3)))
    one.add("location", _VIDEO.format(code="1on1"))
    one.add("attendee", _person(me, ""))
    one.add("attendee", _person(who.address[colleague], who.name[colleague]))
    out.append(one)
    if held >= 3:
        moved_from = start + timedelta(weeks=2 * (2 * held // 3))
        moved = _event("r00001-1on1", moved_from + timedelta(hours=2), 30, "1:1 (moved)", me, stamp)
        moved.add("recurrence-id", moved_from)
        moved.add("attendee", _person(me, ""))
        moved.add("attendee", _person(who.address[colleague], who.name[colleague]))
        out.append(moved)
    for n, status in enumerate(("DECLINED", "CANCELLED")):
        s = pool[min(n + 1, len(pool) - 1)]
        day = as_of - timedelta(days=20 + 15 * n)
        event = _event(f"x{n:05d}", _start(rng, day), 60, f"Lunch with {who.name[s]}", me, stamp)
        event.add("attendee", _person(me, "", status=status if status == "DECLINED" else "ACCEPTED"))
        event.add("attendee", _person(who.address[s], who.name[s]))
        if status == "CANCELLED":
            event.pop("status")
            event.add("status", "CANCELLED")
        out.append(event)
    for n, (title, days) in enumerate((("Danish AI Summit", 200), ("PyData Copenhagen meetup", 60))):
        day = as_of - timedelta(days=days)
        event = _event(f"c{n:05d}", datetime.combine(day, time(8, 0), tzinfo=timezone.utc), 8 * 60, title, me,
                       stamp)
        event.add("location", "Bella Center, Copenhagen")
        event.add("attendee", _person(me, ""))
        there = [s for s in pool if subj.last_ago[s] <= days <= subj.first_ago[s]] or pool
        guests = [there[int(i)] for i in rng.choice(len(there), size=min(4, len(there)), replace=False)]
        for s in guests:
            event.add("attendee", _person(who.address[s], who.name[s]))
        for g in range(int(rng.integers(25, 40))):
            event.add("attendee", _person(f"guest{n}{g:02d}@attendees.example", ""))
        out.append(event)
    return out


def mail_mbox(rng_seed: int, persona: Persona, people: People, subj: Subjects, rows: list,
              as_of: date) -> str:
    """The owner's mail as a Google Takeout mbox, headers and a line of body (module docstring)."""
    rng = np.random.default_rng([rng_seed, 2])
    who = _Who(people, subj)
    me, name = owner_address(persona), persona.owner.name
    mails: list[tuple[datetime, str, tuple]] = []

    def mail(when: datetime, sender: tuple[str, str], to: list[tuple[str, str]], subject: str,
             labels: str, extra: dict | None = None) -> None:
        ident = f"<{len(mails):05d}.{int(rng.integers(1 << 30)):08x}@mail.example>"
        mails.append((when, ident, (sender, to, subject, labels, extra)))

    for day, contact, kind, direction, with_ in rows:
        s = who.find(contact)
        if s is None:
            continue
        them = (who.name[s], who.address[s])
        when = _start(rng, day) + timedelta(minutes=int(rng.integers(0, 300)))
        if kind == "email":
            if direction in ("gave", "mutual"):
                mail(when, (name, me), [them], "Following up", "Sent")
            if direction in ("received", "mutual"):
                mail(when + timedelta(hours=2), them, [(name, me)], "Re: Following up", "Inbox,Opened")
        elif kind in _MEETING_KINDS and rng.random() < FOLLOW_UP_MAIL:
            cc = [(who.name[t], who.address[t]) for t in (who.find(w) for w in with_) if t is not None]
            mail(when + timedelta(hours=4), (name, me), [them, *cc], "Thanks for today", "Sent")
    for week in range(0, WINDOW_DAYS, 14):
        for n, (sender, address) in enumerate(_NEWSLETTERS):
            when = datetime.combine(as_of - timedelta(days=week + 3 * n), time(6, 15), tzinfo=timezone.utc)
            mail(when, (sender, address), [(name, me)], f"{sender}: this fortnight", "Inbox,Category Updates",
                 {"List-Unsubscribe": f"<mailto:unsubscribe@{address.split('@')[1]}>", "Precedence": "bulk"})
    recruiter = ("Jonas Recruit", "jonas@talent-partners.example")
    for n in range(3):
        when = datetime.combine(as_of - timedelta(days=40 + 30 * n), time(9, 5), tzinfo=timezone.utc)
        mail(when, recruiter, [(name, me)], "An exciting opportunity", "Inbox")
    mails.sort(key=lambda m: (m[0], m[1]))
    out = io.StringIO()
    for when, ident, parts in mails[-MAX_MAILS:]:       # only the latest are built
        stamp = when.strftime("%a %b %d %H:%M:%S +0000 %Y")
        out.write(f"From {ident.strip('<>').split('@')[0]}@xxx {stamp}\n")
        out.write(_message(when, ident, *parts).as_string())
        out.write("\n")
    return out.getvalue()


def _message(when: datetime, ident: str, sender: tuple[str, str], to: list[tuple[str, str]], subject: str,
             labels: str, extra: dict | None) -> Message:
    """One mail's headers and a line of body (names RFC 2047-encoded by ``formataddr``)."""
    msg = Message()
    msg["From"] = formataddr(sender, charset="utf-8")
    msg["To"] = ", ".join(formataddr(t, charset="utf-8") for t in to)
    msg["Date"] = format_datetime(when)
    msg["Subject"] = subject
    msg["Message-ID"] = ident
    msg["X-Gmail-Labels"] = labels
    for key, value in (extra or {}).items():
        msg[key] = value
    msg["MIME-Version"] = "1.0"
    msg["Content-Type"] = 'text/plain; charset="utf-8"'
    msg["Content-Transfer-Encoding"] = "7bit"
    msg.set_payload("(the body is left out of this sample)\n")
    return msg
