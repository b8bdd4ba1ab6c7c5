"""Occurrences of calendar events up to a date, with recurring-ical-events.

An event without ``RRULE``, ``RDATE``, ``EXDATE`` or ``RECURRENCE-ID`` (and
with a UID of its own) occurs once, at its ``DTSTART``.  The others are grouped
by UID into series (the rule, its exceptions and its overrides) and expanded
by :mod:`recurring_ical_events` from their scheduling properties (read by
:mod:`icalendar`, with the file's ``VTIMEZONE`` definitions and Google's
``X-WR-TIMEZONE``): ``RRULE``, ``EXDATE``, ``RDATE``, and ``RECURRENCE-ID``
overrides that move, change or cancel one occurrence (the override's own
status, attendees and summary then hold for it).

Limits (both warn or stop with a clear message, never hang):

* ``until``: occurrences are generated while their UTC day is on or before
  ``until``; a rule without end (no ``UNTIL``, no ``COUNT``) stops there.
* ``max_repeats``: a series with more occurrences than that up to ``until``
  (an hourly or minutely rule, say) is left out, with a warning.
* ``max_occurrences``: more occurrences than that in all is an error; reading
  stops there.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from icalendar import Calendar
from recurring_ical_events.adapters.event import EventAdapter
from recurring_ical_events.series import Series
from x_wr_timezone import to_standard

from .icsevents import EventInfo, Zones, to_utc

__all__ = ["occurrences", "Limits", "Occurrence"]

_LOWEST = dt.datetime(1900, 1, 1)
_UTC = dt.timezone.utc
_INDEX = "X-NETANALYSIS-EVENT"
#: One occurrence: (event, start as naive UTC, recurrence instant as text).
Occurrence = tuple[EventInfo, dt.datetime, str]


class Limits:
    """The expansion bounds of one read (shared by the files of a folder)."""

    def __init__(self, until: dt.date, max_repeats: int, max_occurrences: int):
        self.until = until
        self.upper = dt.datetime(until.year, until.month, until.day) + dt.timedelta(days=2)
        self.max_repeats = max_repeats
        self.max_occurrences = max_occurrences
        self.total = 0

    def full(self) -> bool:
        return self.total > self.max_occurrences


class _Adapter(EventAdapter):
    """recurring-ical-events' event adapter, carrying our :class:`EventInfo`."""

    def __init__(self, component, info: EventInfo):
        super().__init__(component)
        self.info = info


class _Series(Series):
    """A series whose occurrences remember the event (core or override) they come from."""

    def occurrence(self, adapter, start=None, end=None):
        occurrence = super().occurrence(adapter, start, end)
        occurrence.info = adapter.info
        return occurrence


def _instant(value, info: EventInfo, zone: dt.tzinfo) -> str:
    """The recurrence instant as text: ``20260302`` for a day, ``20260302T080000Z`` for a time (in UTC;
    a floating time is in ``zone``)."""
    if isinstance(value, dt.datetime):
        if info.recurrence_is_date or (info.all_day and value.time() == dt.time(0)):
            return value.strftime("%Y%m%d")
        return to_utc(value, zone).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def occurrences(events: list[EventInfo], zones: Zones, calendars: list[dict[str, str]], limits: Limits,
                *, warn: Callable[[str, int, str, str], None]) -> Iterator[Occurrence]:
    """Every occurrence of ``events`` up to ``limits.until`` (see the module docstring).

    ``warn(message, line, uid, code)`` reports a series left out.  Stops (without
    an error of its own) once ``limits.full()``; the caller says so.
    """
    groups: dict[str, list[EventInfo]] = {}
    for info in events:
        groups.setdefault(info.uid, []).append(info)
    repeating: list[list[EventInfo]] = []
    for group in groups.values():
        if len(group) > 1 or group[0].repeating:
            repeating.append(group)
            continue
        info = group[0]
        zone = zones.floating.get(info.calendar, _UTC)
        start = to_utc(info.start, zone)
        if start.date() <= limits.until:
            limits.total += 1
            yield info, start, _instant(info.start, info, zone)
            if limits.full():
                return
    if repeating:
        yield from _expand_all(repeating, zones, calendars, limits, warn)


def _expand_all(groups: list[list[EventInfo]], zones: Zones, calendars: list[dict[str, str]], limits: Limits,
                warn) -> Iterator[Occurrence]:
    by_calendar: dict[int, list[list[EventInfo]]] = {}
    for group in groups:
        by_calendar.setdefault(group[0].calendar, []).append(group)
    for index, calendar_groups in by_calendar.items():
        wr_timezone = calendars[index].get("X-WR-TIMEZONE", "") if index < len(calendars) else ""
        for group, components in _components(calendar_groups, wr_timezone, warn):
            yield from _expand(group, components, zones.floating.get(index, _UTC), limits, warn)
            if limits.full():
                return


def _components(groups: list[list[EventInfo]], wr_timezone: str, warn):
    """Each group with its icalendar components, read from the scheduling lines of its events."""
    infos = [info for group in groups for info in group]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"] + ([f"X-WR-TIMEZONE:{wr_timezone}"] if wr_timezone else [])
    for number, info in enumerate(infos):
        lines += ["BEGIN:VEVENT", f"{_INDEX}:{number}", *info.schedule, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    try:
        calendar = to_standard(Calendar.from_ical("\r\n".join(lines)))
        components = {int(str(c[_INDEX])): c for c in calendar.walk("VEVENT")}
    except Exception:  # noqa: BLE001 - one bad value spoils the whole text: read each event alone
        components = {}
        for number, info in enumerate(infos):
            text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *(
                [f"X-WR-TIMEZONE:{wr_timezone}"] if wr_timezone else []), "BEGIN:VEVENT", *info.schedule,
                "END:VEVENT", "END:VCALENDAR"])
            try:
                components[number] = to_standard(Calendar.from_ical(text)).walk("VEVENT")[0]
            except Exception as exc:  # noqa: BLE001
                warn(f"has a date or repetition rule icalendar cannot read ({exc}); the event is left out",
                     info.line, info.uid, "bad-schedule")
    position = 0
    for group in groups:
        found = []
        for info in group:
            component = components.get(position)
            position += 1
            if component is not None:
                found.append((info, component))
        if found:
            yield group, found


def _expand(group: list[EventInfo], components, floating: dt.tzinfo, limits: Limits, warn) -> Iterator[Occurrence]:
    head = group[0]
    usable = []
    for info, component in components:
        broken = [name for name, _ in getattr(component, "errors", [])]
        if broken:
            warn(f"has a {', '.join(sorted(set(broken)))} that cannot be read; the event "
                 f"{'series ' if len(group) > 1 or info.repeating else ''}is left out", info.line, info.uid,
                 "bad-schedule")
            return
        usable.append(_Adapter(component, info))
    found: list[Occurrence] = []
    try:
        series = _Series(usable)
        for occurrence in series.between(_LOWEST, limits.upper):
            info = occurrence.info
            start = to_utc(occurrence.start, floating)
            if start.date() > limits.until:
                continue
            ids = occurrence.recurrence_ids
            instant = _instant(ids[0], info, _UTC) if ids else _instant(occurrence.start, info, floating)
            found.append((info, start, instant))
            if len(found) > limits.max_repeats:
                warn(f"repeats more than {limits.max_repeats:,} times up to {limits.until.isoformat()}; the "
                     "series is left out", head.line, head.uid, "too-many-repeats")
                return
    except Exception as exc:  # noqa: BLE001 - recurring-ical-events / dateutil on a rule they cannot follow
        warn(f"cannot be expanded ({type(exc).__name__}: {exc}); the event series is left out", head.line,
             head.uid, "bad-schedule")
        return
    found.sort(key=lambda item: item[1])
    for item in found:
        limits.total += 1
        yield item
        if limits.full():
            return
