"""The fields of one calendar event: times, status, organizer, attendees, video link.

Works on the events :func:`~netanalysis.io.icsparse.scan_ics` found.  Times
are read with :mod:`icalendar` (its value types and its time zones: IANA
names, Windows names such as ``Romance Standard Time``, and the file's own
``VTIMEZONE`` definitions); repetitions are expanded in
:mod:`~netanalysis.io.icsrepeat`.

Rules
-----
* A floating time (no ``Z``, no ``TZID``) is in the calendar's
  ``X-WR-TIMEZONE`` when it has one (as Google means it), else UTC; so is a
  time with a ``TZID`` no time zone is known for (a warning says so, once per
  file and zone).
* ``online``: the ``LOCATION``, ``DESCRIPTION`` (also Outlook's HTML
  ``X-ALT-DESC``), ``URL``, ``CONFERENCE`` or a vendor's conference property
  (``X-GOOGLE-CONFERENCE``, ``X-MICROSOFT-SKYPETEAMSMEETINGURL``, ...) holds a
  video-call link (:data:`VIDEO_HOSTS`), or ``X-GOOGLE-CONFERENCE`` is set.
* ``attendees``: one ``(email, name, partstat)`` per ``ATTENDEE`` line, in file
  order, the same address once; e-mail lower-cased without ``mailto:`` ('' when
  the line holds no address, e.g. Outlook's ``invalid:nomail``), the ``CN``
  name with RFC 6868 and RFC 2047 decoded, ``PARTSTAT`` upper-cased or ''.
* ``resources``: the attendees who are not people, ``(email, name)``:
  ``CUTYPE=ROOM``, ``RESOURCE`` or ``GROUP``, and Google's
  ``...calendar.google.com`` addresses (rooms, shared calendars).
* An event without a readable ``DTSTART`` is left out with a warning naming
  its line and UID; so is one whose ``RRULE``, ``RDATE``, ``EXDATE``,
  ``RECURRENCE-ID``, ``DTEND`` or ``DURATION`` cannot be read.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from dataclasses import dataclass

from icalendar import Component
from icalendar.prop import vDate, vDatetime
from icalendar.timezone import tzp

from ..errors import Problems
from .addresses import clean_name, is_calendar_resource, normal_email
from .icsparse import RawEvent, parse_params, unescape_text

__all__ = ["EventInfo", "Zones", "read_event", "is_video_link", "to_utc", "VIDEO_HOSTS", "SCHEDULE"]

#: Hosts of video-call links (a subdomain counts: ``acme.zoom.us``, ``acme.webex.com``).
VIDEO_HOSTS = ("zoom.us", "zoomgov.com", "teams.microsoft.com", "teams.live.com", "meet.google.com",
               "webex.com", "whereby.com", "meet.jit.si", "8x8.vc", "gotomeeting.com", "gotomeet.me",
               "meet.goto.com", "bluejeans.com", "chime.aws", "join.skype.com", "meet.lync.com",
               "facetime.apple.com")
_VIDEO = re.compile(r"(?<![\w.-])(?:[\w-]+\.)*(?:" + "|".join(re.escape(h) for h in VIDEO_HOSTS) + r")/[^\s]",
                    re.IGNORECASE)
_TEXT_WITH_LINKS = {"LOCATION", "DESCRIPTION", "X-ALT-DESC", "URL", "CONFERENCE"}
_VENDOR_LINK = re.compile(r"CONFERENCE|MEETINGURL|ONLINEMEETING|SKYPE|TEAMS")
#: The properties that decide when an event happens (given to recurring-ical-events).
SCHEDULE = frozenset({"UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
                      "SEQUENCE"})
_REPEATING = frozenset({"RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "GROUP"})
_UTC = dt.timezone.utc


@dataclass(slots=True)
class EventInfo:
    """What one ``VEVENT`` says (its occurrences share it)."""

    uid: str
    line: int
    calendar: int
    start: dt.date | dt.datetime          # DTSTART as read (aware, naive = floating, or a date)
    all_day: bool
    repeating: bool                       # RRULE, RDATE, EXDATE or RECURRENCE-ID
    open_ended: bool                      # an RRULE without UNTIL or COUNT
    recurrence_is_date: bool
    status: str
    summary: str
    online: bool
    organizer_email: str
    organizer_name: str
    attendees: tuple[tuple[str, str, str], ...]
    resources: tuple[tuple[str, str], ...]
    schedule: list[str]                   # the SCHEDULE content lines, for icalendar


def is_video_link(text: str) -> bool:
    """True when ``text`` holds a video-call link (see :data:`VIDEO_HOSTS`).

    >>> is_video_link("Join: https://meet.google.com/abc-defg-hij"), is_video_link("acme.zoom.us/j/123")
    (True, True)
    >>> is_video_link("Room 2, zoom.usa street"), is_video_link("Kantine, 2. sal")
    (False, False)
    """
    return bool(_VIDEO.search(text))


class Zones:
    """The time zones of one file: ``TZID`` -> tzinfo (via icalendar), and the floating zone."""

    def __init__(self, display: str, problems: Problems):
        self.display = display
        self.problems = problems
        self.known: dict[str, dt.tzinfo | None] = {}
        self.floating: dict[int, dt.tzinfo] = {}

    def define(self, timezones: list[tuple[int, str]]) -> None:
        """Let icalendar learn the file's ``VTIMEZONE`` blocks (it keeps custom ones by TZID)."""
        for line, block in timezones:
            try:
                Component.from_ical(block)
            except Exception as exc:  # noqa: BLE001 - icalendar's own errors on a broken block
                self.problems.warning(self.display, f"has a time zone definition icalendar cannot read ({exc}); "
                                                    "times in it may be read in UTC", line=line,
                                      code="bad-timezone", fix="export the calendar again")

    def set_floating(self, index: int, name: str) -> None:
        zone = self.zone(name, None) if name else None
        self.floating[index] = zone or _UTC

    def zone(self, tzid: str, line: int | None) -> dt.tzinfo | None:
        if tzid not in self.known:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    found = tzp.timezone(tzid)
                except Exception:  # noqa: BLE001 - a TZID icalendar chokes on is an unknown zone
                    found = None
            self.known[tzid] = found
            if found is None and line is not None:
                self.problems.warning(self.display, f"uses the time zone {tzid!r}, which is neither known nor "
                                                    "defined in the file; its times are read as the calendar's "
                                                    "own time zone (else UTC)", line=line, code="unknown-timezone",
                                      fix="export the calendar again with its time zone definitions")
        return self.known[tzid]


def to_utc(value: dt.date | dt.datetime, floating: dt.tzinfo) -> dt.datetime:
    """A start as a naive UTC datetime: aware -> UTC, floating -> in ``floating``, a date -> its midnight.

    >>> import zoneinfo
    >>> cph = zoneinfo.ZoneInfo("Europe/Copenhagen")
    >>> to_utc(dt.datetime(2026, 3, 2, 9, 0), cph), to_utc(dt.date(2026, 3, 2), cph)
    (datetime.datetime(2026, 3, 2, 8, 0), datetime.datetime(2026, 3, 2, 0, 0))
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=floating)
        return value.astimezone(_UTC).replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def _time(value: str, params: dict[str, str], zones: Zones, line: int) -> dt.date | dt.datetime:
    value = value.strip()
    if params.get("VALUE", "").upper() == "DATE" or len(value) == 8:
        return vDate.from_ical(value)
    tzid = params.get("TZID")
    zone = zones.zone(tzid, line) if tzid else None
    if zone is None and value.endswith("Z"):
        return vDatetime.from_ical(value)
    return vDatetime.from_ical(value.rstrip("Zz"), timezone=zone) if zone else vDatetime.from_ical(value)


def read_event(raw: RawEvent, zones: Zones, *, warn) -> EventInfo | None:
    """The :class:`EventInfo` of one event, or ``None`` after ``warn(message, line, uid, code)``."""
    first: dict[str, tuple[str, str, int]] = {}
    attendees: list[tuple[str, str, str]] = []
    resources: list[tuple[str, str]] = []
    seen: set[str] = set()
    schedule: list[str] = []
    online = False
    for name, params, value, line in raw.props:
        if name == "ATTENDEE":
            _attendee(parse_params(params), value, attendees, resources, seen)
            continue
        first.setdefault(name, (params, value, line))
        if name in SCHEDULE:
            schedule.append(f"{name};{params}:{value}" if params else f"{name}:{value}")
        if not online and (name in _TEXT_WITH_LINKS or (name.startswith("X-") and _VENDOR_LINK.search(name))):
            online = name == "X-GOOGLE-CONFERENCE" or is_video_link(value)
    uid = unescape_text(first["UID"][1]).strip() if "UID" in first else ""
    if not uid:
        uid = _made_up_uid(first)
        schedule.append(f"UID:{uid}")
    if "DTSTART" not in first:
        warn("has no DTSTART (no start time); the event is left out", raw.line, uid, "no-start")
        return None
    params, value, line = first["DTSTART"]
    try:
        start = _time(value, parse_params(params), zones, line)
    except (ValueError, TypeError, OverflowError) as exc:
        warn(f"has a DTSTART that is not a date or time ({value.strip()[:40]!r}: {exc}); the event is left out",
             line, uid, "bad-start")
        return None
    rrule = first.get("RRULE", ("", "", 0))[1].upper()
    rid = first.get("RECURRENCE-ID")
    organizer = first.get("ORGANIZER")
    organizer_params = parse_params(organizer[0]) if organizer else {}
    return EventInfo(
        uid=uid, line=raw.line, calendar=raw.calendar, start=start,
        all_day=not isinstance(start, dt.datetime),
        repeating=any(key in first for key in _REPEATING),
        open_ended=bool(rrule) and "UNTIL=" not in rrule and "COUNT=" not in rrule,
        recurrence_is_date=bool(rid) and (len(rid[1].strip()) == 8 or "VALUE=DATE" in rid[0].upper()),
        status=unescape_text(first.get("STATUS", ("", "", 0))[1]).strip().lower(),
        summary=unescape_text(first.get("SUMMARY", ("", "", 0))[1]).strip(),
        online=online,
        organizer_email=normal_email(organizer[1]) if organizer else "",
        organizer_name=clean_name(organizer_params.get("CN", "")),
        attendees=tuple(attendees), resources=tuple(resources), schedule=schedule,
    )


def _attendee(params: dict[str, str], value: str, attendees: list, resources: list, seen: set[str]) -> None:
    email = normal_email(value) or normal_email(params.get("EMAIL", ""))
    name = clean_name(params.get("CN", ""))
    if not email and not name:
        return
    key = email or name.lower()
    if key in seen:
        return
    seen.add(key)
    attendees.append((email, name, params.get("PARTSTAT", "").strip().upper()))
    if params.get("CUTYPE", "").strip().upper() in _NOT_PEOPLE or is_calendar_resource(email):
        resources.append((email, name))


def _made_up_uid(first: dict[str, tuple[str, str, int]]) -> str:
    """A stable stand-in for a missing UID: a hash of what the event says about itself."""
    parts = [first.get(key, ("", "", 0))[1] for key in ("DTSTART", "SUMMARY", "ORGANIZER", "LOCATION")]
    return "no-uid-" + hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:16]
