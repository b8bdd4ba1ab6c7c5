"""Reader for calendars (``.ics``): the meetings the owner attended, as evidence of contact.

Sources: one ``.ics`` file (Google Calendar, Outlook, Apple Calendar), a
folder of them (searched six levels deep), a zip holding them (Google
Calendar's export, Google Takeout's ``Takeout/Calendar/*.ics``), or bytes.
A file is split by :mod:`~netanalysis.io.icsparse`, its events are read by
:mod:`~netanalysis.io.icsevents` and their repetitions expanded up to
``until`` by :mod:`~netanalysis.io.icsrepeat`.

Columns of :func:`read_calendar` (one row per occurrence, by start)
-------------------------------------------------------------------
uid : str                  the event's UID (a stable ``no-uid-<hash>`` if it has none)
occurrence : str           ``uid + "@" + instant``: the recurrence instant, ``20260302T080000Z``
                           (UTC) or ``20260302`` (all-day); an override keeps its original instant
start : datetime64[ns]     naive UTC (an all-day event: its day at midnight)
date : datetime64[ns]      the UTC calendar day of ``start`` at midnight (an all-day event: its own day)
all_day : bool
status : str               ``STATUS`` lower-cased (``confirmed``, ``tentative``, ``cancelled``) or ''
online : bool              a video-call link in the event (see :func:`~netanalysis.io.icsevents.is_video_link`)
organizer_email, organizer_name : str
attendees : object         tuple of ``(email, name, partstat)``, see :mod:`~netanalysis.io.icsevents`
resources : object         tuple of ``(email, name)``: the attendees that are rooms, resources or groups
summary : str              the subject (never shown in a report)
calendar_name : str        the file's ``X-WR-CALNAME`` ('' if none)
file : str                 the file as named in messages (``takeout.zip/Takeout/Calendar/Kim.ics``)
line : int64               line of the event's ``BEGIN:VEVENT`` in its file

The same occurrence in several files (a shared calendar exported twice) is
kept once, from the first file in name order.

Problems: an unreadable or empty file, a file that is not a calendar, and
more than ``max_occurrences`` occurrences are errors; an unreadable event, a
series repeating more than ``max_repeats`` times, an unknown time zone and the
rules without end (one warning per file) are warnings.  Without a
``problems`` collector, :class:`~netanalysis.errors.InputError` is raised at
the end if there was an error.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problems
from .addresses import is_calendar_resource, normal_email
from .exports import ICS, READ_ERRORS, ExportFiles
from .icsevents import EventInfo, Zones, read_event
from .icsparse import decode_ics, find_timezones as _timezones, scan_ics
from .icsrepeat import Limits, occurrences

__all__ = ["read_calendar", "calendar_owner", "attended_meetings", "CALENDAR_COLUMNS", "MAX_OCCURRENCES",
           "MAX_REPEATS"]

CALENDAR_COLUMNS = ["uid", "occurrence", "start", "date", "all_day", "status", "online", "organizer_email",
                    "organizer_name", "attendees", "resources", "summary", "calendar_name", "file", "line"]
#: Occurrences read in all, at most (about 400 MiB of table); more is an error.
MAX_OCCURRENCES = 1_000_000
#: Occurrences of one series, at most: a daily meeting for 54 years; more and the series is left out.
MAX_REPEATS = 20_000
_MAX_FILE_BYTES = 1 << 30
_SHOWN_PER_CODE = 20
_FIXES = {
    "no-start": "give the event a start in your calendar app (or delete it) and export again",
    "bad-start": "give the event a start in your calendar app (or delete it) and export again",
    "bad-schedule": "check the event's repetition in your calendar app and export again",
    "too-many-repeats": "give the repetition an end (or delete the event) in your calendar app and export again",
}


def read_calendar(source: str | Path | bytes | list[str | Path], *, until: dt.date | str | pd.Timestamp,
                  display: str | None = None,
                  problems: Problems | None = None, max_repeats: int = MAX_REPEATS,
                  max_occurrences: int = MAX_OCCURRENCES) -> pd.DataFrame:
    """Read ``.ics`` calendars: one row per occurrence up to ``until``.

    Parameters
    ----------
    source : path, bytes or list of paths
        An ``.ics`` file, a folder or zip holding ``.ics`` files, the bytes of
        one, or a list of such paths (read in turn, as one calendar).
    until : date or ISO string
        The last day (UTC) expanded: repetitions stop there, and nothing later
        is read.  Usually the review's ``as_of``; the review itself still cuts
        at ``as_of``.
    display : str, optional
        The name of ``source`` in messages (default: its file name, or ``calendar.ics``).
    problems : Problems, optional
        Collect problems here and return what could be read; without it an
        :class:`~netanalysis.errors.InputError` is raised if any error was found.
    max_repeats, max_occurrences : int
        The limits described in :mod:`~netanalysis.io.icsrepeat`.

    Returns
    -------
    DataFrame with :data:`CALENDAR_COLUMNS` (see the module docstring).

    Examples
    --------
    >>> ics = b'''BEGIN:VCALENDAR\\r
    ... X-WR-CALNAME:kim@example.com\\r
    ... BEGIN:VEVENT\\r
    ... UID:standup-1\\r
    ... DTSTART;TZID=Europe/Copenhagen:20260302T090000\\r
    ... RRULE:FREQ=WEEKLY\\r
    ... EXDATE;TZID=Europe/Copenhagen:20260309T090000\\r
    ... ATTENDEE;CN==?utf-8?q?S=C3=B8ren?=;PARTSTAT=ACCEPTED:mailto:Soren@Example.com\\r
    ... END:VEVENT\\r
    ... END:VCALENDAR\\r
    ... '''
    >>> problems = Problems()
    >>> calendar = read_calendar(ics, until="2026-03-20", problems=problems)
    >>> calendar[["occurrence", "start"]].astype(str).values.tolist()
    [['standup-1@20260302T080000Z', '2026-03-02 08:00:00'], ['standup-1@20260316T080000Z', '2026-03-16 08:00:00']]
    >>> calendar.loc[0, "attendees"]
    (('soren@example.com', 'Søren', 'ACCEPTED'),)
    >>> [p.code for p in problems.items]
    ['open-recurrence']
    """
    own = problems is None
    problems = Problems() if own else problems
    last = pd.Timestamp(until).date()
    limits = Limits(last, max_repeats, max_occurrences)
    columns: dict[str, list] = {name: [] for name in CALENDAR_COLUMNS}
    seen: set[str] = set()
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    for one in sources:
        name = display if len(sources) == 1 else None
        with ExportFiles(one, kind=ICS, problems=problems, display=name) as found:
            for file in found.files:
                _read_file(file, limits, columns, seen, problems)
                if limits.full():
                    problems.error(file.display, f"holds more than {max_occurrences:,} event occurrences up to "
                                                 f"{last.isoformat()}; reading stopped here", code="too-many-events",
                                   fix="give only the calendars with your meetings (leave out holiday and shared "
                                       "calendars), or review an earlier date")
                    break
        if limits.full():
            break
    frame = _frame(columns)
    if own:
        problems.raise_if_errors()
    return frame


def _read_file(file, limits: Limits, columns: dict[str, list], seen: set[str], problems: Problems) -> None:
    display = file.display
    if file.size > _MAX_FILE_BYTES:
        problems.error(display, f"is too large for a calendar ({file.size / 1e9:.1f} GB)", code="too-large",
                       fix="give only the calendars with your meetings")
        return
    try:
        data = file.read()
    except READ_ERRORS as exc:
        problems.error(display, f"cannot be read ({getattr(exc, 'strerror', None) or exc})", code="unreadable",
                       fix="check the file, or export the calendar again")
        return
    if not data.strip():
        problems.error(display, "is empty", code="empty-file", fix="export the calendar again")
        return
    text = decode_ics(data, display, problems)
    del data
    counts: Counter[str] = Counter()
    dropped: set[str] = set()

    def warn(message: str, line: int, uid: str, code: str) -> None:
        dropped.add(uid)
        counts[code] += 1
        if counts[code] <= _SHOWN_PER_CODE:
            problems.warning(display, f"event {uid[:60]!r} {message}", line=line, code=code,
                             fix=_FIXES.get(code, "export the calendar again"))

    zones = Zones(display, problems)
    zones.define(_timezones(text))
    events: list[EventInfo] = []

    def on_event(raw) -> None:  # each event read as soon as it is complete, its raw lines dropped
        info = read_event(raw, zones, warn=warn)
        if info is not None:
            events.append(info)

    parsed = scan_ics(text, display, problems, on_event=on_event)
    del text
    if parsed is None:
        return
    for index, properties in enumerate(parsed.calendars):
        zones.set_floating(index, properties.get("X-WR-TIMEZONE", ""))
    names = [properties.get("X-WR-CALNAME", "") for properties in parsed.calendars]
    for info, start, instant in occurrences(events, zones, parsed.calendars, limits, warn=warn):
        key = f"{info.uid}@{instant}"
        if key in seen:
            continue
        seen.add(key)
        _append(columns, info, key, start, names[info.calendar], display)
    _warn_open_ended([info for info in events if info.uid not in dropped], limits.until, display, problems)
    for code, count in counts.items():
        if count > _SHOWN_PER_CODE:
            problems.warning(display, f"has {count - _SHOWN_PER_CODE} more event(s) with this problem "
                                      "(not listed one by one)", code=code,
                             fix=_FIXES.get(code, "export the calendar again"))


def _warn_open_ended(events: list[EventInfo], until: dt.date, display: str, problems: Problems) -> None:
    open_ended = [info for info in events if info.open_ended]
    if open_ended:
        first = open_ended[0]
        problems.warning(display, f"has {len(open_ended)} repeating event(s) without an end (RRULE without UNTIL "
                                  f"or COUNT), the first {first.uid[:60]!r}; they are expanded up to "
                                  f"{until.isoformat()}", line=first.line, code="open-recurrence",
                         fix="nothing to do: a repetition without end counts up to the review date")


def _append(columns: dict[str, list], info: EventInfo, key: str, start: dt.datetime, name: str,
            display: str) -> None:
    for column, value in (("uid", info.uid), ("occurrence", key), ("start", start), ("all_day", info.all_day),
                          ("status", info.status), ("online", info.online),
                          ("organizer_email", info.organizer_email), ("organizer_name", info.organizer_name),
                          ("attendees", info.attendees), ("resources", info.resources), ("summary", info.summary),
                          ("calendar_name", name), ("file", display), ("line", info.line)):
        columns[column].append(value)


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    """The table in start order (then by occurrence key), each column built once in that order."""
    start = np.array(columns.pop("start"), dtype="datetime64[us]").astype("datetime64[ns]")
    keys = np.empty(len(start), dtype=object)
    keys[:] = columns["occurrence"]
    order = np.lexsort((keys, start)) if len(start) else np.zeros(0, dtype=np.int64)
    start = start[order]
    data = {"start": start, "date": start.astype("datetime64[D]").astype("datetime64[ns]")}
    for name in CALENDAR_COLUMNS:
        if name in data:
            continue
        values = columns.pop(name)
        if name in ("all_day", "online"):
            data[name] = np.array(values, dtype=bool)[order]
        elif name == "line":
            data[name] = np.array(values, dtype=np.int64)[order]
        else:
            column = np.empty(len(values), dtype=object)
            column[:] = values
            del values
            data[name] = pd.Series(column[order], dtype=object, copy=False)  # object, not pandas' str
    return pd.DataFrame(data, columns=CALENDAR_COLUMNS, copy=False)


def calendar_owner(calendar: pd.DataFrame, me_emails: Iterable[str] = ()) -> tuple[set[str], str]:
    """The owner's addresses and where they came from.

    In order: ``me_emails`` (``[me] emails`` in goals.toml); else the
    calendar's ``X-WR-CALNAME`` when it is an address (Google names the main
    calendar after its owner; with several, the one with most events); else the
    address taking part in most events (organizer or attendee, each event
    series counted once; ties go to the one invited more often, then the first
    in alphabetical order).  ``(set(), '')`` when nothing tells.

    Notes
    -----
    The last rule is "most frequent participant", not "most frequent organizer":
    someone who mostly receives invitations (from a manager, say) organizes few
    of their meetings but is in all of them.

    Examples
    --------
    >>> calendar = pd.DataFrame({"uid": ["a", "b", "c"], "calendar_name": ["Work"] * 3,
    ...     "organizer_email": ["boss@x.com", "boss@x.com", "kim@x.com"],
    ...     "attendees": [(("kim@x.com", "Kim", "ACCEPTED"),), (("kim@x.com", "Kim", ""), ("al@x.com", "Al", "")), ()],
    ...     "resources": [(), (), ()]})
    >>> calendar_owner(calendar)
    ({'kim@x.com'}, 'most frequent participant')
    >>> calendar_owner(calendar, ["Kim@X.com"])
    ({'kim@x.com'}, '[me] emails')
    """
    given = {email for email in (normal_email(e) for e in me_emails) if email}
    if given:
        return given, "[me] emails"
    if calendar.empty:
        return set(), ""
    events = calendar.drop_duplicates("uid")
    named = Counter(normal_email(name) for name in events["calendar_name"])
    named.pop("", None)
    if named:
        return {max(named, key=lambda email: (named[email], email))}, "X-WR-CALNAME"
    taking_part: Counter[str] = Counter()
    invited: Counter[str] = Counter()
    for organizer, attendees, resources in zip(events["organizer_email"], events["attendees"], events["resources"]):
        rooms = {email for email, _ in resources}
        people = {email for email, _, _ in attendees
                  if email and email not in rooms and not is_calendar_resource(email)}
        invited.update(people)
        if organizer and not is_calendar_resource(organizer):
            people.add(organizer)
        taking_part.update(people)
    if not taking_part:
        return set(), ""
    best = min(taking_part, key=lambda email: (-taking_part[email], -invited[email], email))
    return {best}, "most frequent participant"


def attended_meetings(calendar: pd.DataFrame, owner_emails: Iterable[str]) -> pd.DataFrame:
    """The occurrences the owner attended, with the other people in them.

    An occurrence counts when it is not cancelled (``status`` ``cancelled``,
    also from an override), the owner did not decline it (``PARTSTAT=DECLINED``
    on an ATTENDEE line with one of ``owner_emails``) and someone else was
    there.  The others are the organizer and the attendees, less the owner's
    addresses, the resources (rooms, resources, groups, Google calendar
    addresses) and the attendees who declined; each address once.  With no
    owner address known, nobody is the owner: nothing counts as declined.

    Returns the rows of ``calendar`` that count, with two more columns:
    ``others`` (tuple of ``(email, name)``, attendees in file order then the
    organizer) and ``size`` (int64: ``len(others) + 1``, the owner included).
    Nothing is cut at a review date here.

    Examples
    --------
    >>> calendar = pd.DataFrame({"status": ["confirmed", "cancelled", "", ""],
    ...     "organizer_email": ["kim@x.com", "kim@x.com", "al@x.com", "kim@x.com"], "organizer_name": ["Kim"] * 4,
    ...     "attendees": [(("kim@x.com", "Kim", "ACCEPTED"), ("al@x.com", "Al", "ACCEPTED"),
    ...                    ("room1@resource.calendar.google.com", "Room 1", "ACCEPTED")),
    ...                   (("al@x.com", "Al", "ACCEPTED"),), (("kim@x.com", "Kim", "DECLINED"),), ()],
    ...     "resources": [(("room1@resource.calendar.google.com", "Room 1"),), (), (), ()]})
    >>> met = attended_meetings(calendar, {"kim@x.com"})
    >>> met[["others", "size"]].values.tolist()
    [[(('al@x.com', 'Al'),), 2]]
    """
    owner = {email for email in (normal_email(e) for e in owner_emails) if email}
    cache: dict[tuple, tuple[bool, tuple[tuple[str, str], ...]]] = {}
    keep = np.zeros(len(calendar), dtype=bool)
    others_column = np.empty(len(calendar), dtype=object)
    rows = zip(calendar["status"], calendar["organizer_email"], calendar["organizer_name"], calendar["attendees"],
               calendar["resources"])
    for index, (status, organizer, organizer_name, attendees, resources) in enumerate(rows):
        if status == "cancelled":
            continue
        key = (organizer, organizer_name, attendees, resources)
        if key not in cache:
            cache[key] = _others(owner, organizer, organizer_name, attendees, resources)
        declined, others = cache[key]
        if declined or not others:
            continue
        keep[index] = True
        others_column[index] = others
    result = calendar[keep].copy()
    result["others"] = others_column[keep]
    result["size"] = np.array([len(o) + 1 for o in others_column[keep]], dtype=np.int64)
    return result.reset_index(drop=True)


def _others(owner: set[str], organizer: str, organizer_name: str, attendees, resources
            ) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """(owner declined, the other people) for one event's participants."""
    rooms = {(email, name) for email, name in resources}
    declined = False
    seen: set[str] = set()
    others: list[tuple[str, str]] = []
    for email, name, partstat in attendees:
        if email and email in owner:
            declined = declined or partstat == "DECLINED"
            continue
        key = email or name.lower()
        if key in seen:
            continue
        seen.add(key)
        if (email, name) in rooms or is_calendar_resource(email) or partstat == "DECLINED":
            continue
        others.append((email, name))
    if organizer and organizer not in owner and organizer not in seen and not is_calendar_resource(organizer):
        others.append((organizer, organizer_name))
    return declined, tuple(others)
