"""The structure of an ``.ics`` file: its components, properties and line numbers.

An iCalendar file (RFC 5545) is a list of content lines ``NAME;PARAM=x:value``,
folded at 75 octets (a line that begins with a space or tab continues the one
before) and grouped by ``BEGIN:X`` ... ``END:X``.  This module splits a file
into its calendars, time zones and events, with the 1-based line of each
event's ``BEGIN:VEVENT`` for messages; :mod:`icalendar` reads the values
(dates, time zones, recurrence rules) in :mod:`~netanalysis.io.icsevents`.

Why not ``icalendar.Calendar.from_ical`` for the whole file: it knows no line
numbers, returns an empty calendar without a word for a file cut off before
``END:VCALENDAR``, and takes about 30 s for a calendar of 50,000 events (a
content line costs it ~30 us); this scan takes about 2 s, and icalendar is
left the parts it does best (``benchmarks/bench_calendar.py``).

Problems (file and line in each): a file that does not begin with
``BEGIN:VCALENDAR`` is an error; a line that is not a content line, an
``END`` without its ``BEGIN`` and a file cut off inside an event are warnings
(the line or the unfinished event is left out, the rest is read).

Examples
--------
>>> from netanalysis.errors import Problems
>>> text = ("BEGIN:VCALENDAR\\r\\nX-WR-CALNAME:kim@example.com\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\n"
...         "SUMMARY:A long\\r\\n  title\\r\\nATTENDEE;CN=\\"Doe: Jane\\":mailto:jane@x.com\\r\\n"
...         "END:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
>>> parsed = scan_ics(text, "cal.ics", Problems())
>>> parsed.calendars, parsed.events[0].line
([{'X-WR-CALNAME': 'kim@example.com'}], 3)
>>> [(name, params, value) for name, params, value, line in parsed.events[0].props]
[('UID', '', '1'), ('SUMMARY', '', 'A long title'), ('ATTENDEE', 'CN="Doe: Jane"', 'mailto:jane@x.com')]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import Problems

__all__ = ["scan_ics", "find_timezones", "IcsFile", "RawEvent", "parse_params", "unescape_text", "decode_ics",
           "CALENDAR_PROPERTIES"]

#: The calendar-level properties kept (the rest is not needed).
CALENDAR_PROPERTIES = frozenset({"X-WR-CALNAME", "X-WR-TIMEZONE", "CALSCALE", "METHOD"})
_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")
_TEXT_ESCAPE = re.compile(r"\\([\\;,nN])")
_CARET = re.compile(r"\^([n^'])")
_SHOWN_PER_CODE = 20
_COMPONENT = re.compile(r"[A-Z0-9-]{1,40}")
_FIRST_LINE = re.compile(r"[\s\ufeff]*([^\r\n]*)")
_TIMEZONE = re.compile(r"^BEGIN:VTIMEZONE[ \t]*\r?$.*?^END:VTIMEZONE[ \t]*\r?$",
                       re.MULTILINE | re.DOTALL | re.IGNORECASE)


@dataclass
class RawEvent:
    """One ``VEVENT``: its properties ``(NAME, raw params, value, line)`` and where it begins."""

    line: int
    calendar: int                 # index into IcsFile.calendars
    props: list[tuple[str, str, str, int]] = field(default_factory=list)


@dataclass
class IcsFile:
    """What :func:`scan_ics` found: calendar properties, ``VTIMEZONE`` texts and events."""

    calendars: list[dict[str, str]] = field(default_factory=list)
    timezones: list[tuple[int, str]] = field(default_factory=list)   # (line, text of the block)
    events: list[RawEvent] = field(default_factory=list)


def decode_ics(data: bytes, display: str, problems: Problems) -> str:
    """The text of an ``.ics`` file: UTF-8 (BOM dropped), else Windows-1252 with a warning.

    >>> decode_ics("BEGIN:VCALENDAR\\nSUMMARY:Møde".encode("cp1252"), "x.ics", Problems())[-4:]
    'Møde'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            text = data.decode("cp1252")
            used = "Windows-1252 (cp1252)"
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            used = "UTF-8 with the broken bytes replaced by U+FFFD"
        problems.warning(display, f"is not UTF-8 (first bad byte on line {line}); read as {used}",
                         line=line, code="encoding", fix="export the calendar again (calendar apps write UTF-8)")
        return text


def unescape_text(value: str) -> str:
    r"""A TEXT value with its escapes undone (``\n``, ``\,``, ``\;``, ``\\``).

    >>> unescape_text(r"Room 1\, 2nd floor\nJoin: https://meet.google.com/abc")
    'Room 1, 2nd floor\nJoin: https://meet.google.com/abc'
    """
    if "\\" not in value:
        return value
    return _TEXT_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_params(raw: str) -> dict[str, str]:
    """Parameters ``A=x;B="y;z"`` as a dict: upper-case names, quotes removed, RFC 6868 ``^n ^' ^^`` decoded.

    >>> parse_params('CN="Doe, Jane";PARTSTAT=accepted;X-EMPTY')
    {'CN': 'Doe, Jane', 'PARTSTAT': 'accepted', 'X-EMPTY': ''}
    >>> parse_params("CN=O^'Brien^^s")
    {'CN': 'O"Brien^s'}
    """
    params: dict[str, str] = {}
    if not raw:
        return params
    for part in _split_unquoted(raw, ";"):
        name, _, value = part.partition("=")
        if '"' in value:
            value = ",".join(v.strip('"') for v in _split_unquoted(value, ","))
        if "^" in value:
            value = _CARET.sub(lambda m: {"n": "\n", "^": "^", "'": '"'}[m.group(1)], value)
        params.setdefault(name.strip().upper(), value)
    return params


def _split_unquoted(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    parts, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _split_line(line: str) -> tuple[str, str, str] | None:
    """``(NAME, raw params, value)`` of a content line, or ``None`` if it is not one."""
    match = _NAME.match(line)
    if match is None:
        return None
    end = match.end()
    name = match.group(0).upper()
    if line[end] == ":":
        return name, "", line[end + 1:]
    position = end + 1
    while True:  # the value begins at the first colon outside quotes
        colon = line.find(":", position)
        quote = line.find('"', position)
        if colon == -1:
            return None
        if quote == -1 or colon < quote:
            return name, line[end + 1:colon], line[colon + 1:]
        close = line.find('"', quote + 1)
        if close == -1:
            return None
        position = close + 1


class _Scan:
    def __init__(self, display: str, problems: Problems, on_event: Callable[[RawEvent], None] | None):
        self.display = display
        self.problems = problems
        self.result = IcsFile()
        self.on_event = on_event or self.result.events.append
        self.stack: list[tuple[str, int]] = []     # (component name, line of its BEGIN)
        self.event: RawEvent | None = None
        self.counts: dict[str, int] = {}
        self.names: dict[str, str] = {}            # one string object per property name

    def warn(self, message: str, line: int, code: str, fix: str) -> None:
        seen = self.counts[code] = self.counts.get(code, 0) + 1
        if seen <= _SHOWN_PER_CODE:
            self.problems.warning(self.display, message, line=line, code=code, fix=fix)

    def line(self, text: str, number: int) -> None:
        head = text[:6].upper()
        if head == "BEGIN:" or head[:4] == "END:":
            name = text[6 if head == "BEGIN:" else 4:].strip().upper()
            if not _COMPONENT.fullmatch(name):
                self.bad_line(text, number)
            elif head == "BEGIN:":
                self.begin(name, number)
            else:
                self.end(name, number)
        elif self.stack:
            self.property(text, number)
        elif text.strip():
            self.warn("is outside BEGIN:VCALENDAR ... END:VCALENDAR; it is ignored", number, "stray-line",
                      "export the calendar again")

    def begin(self, name: str, number: int) -> None:
        if not self.stack and name != "VCALENDAR":
            self.warn(f"BEGIN:{name} is outside BEGIN:VCALENDAR ... END:VCALENDAR", number, "stray-line",
                      "export the calendar again")
        if name == "VCALENDAR" and not self.stack:
            self.result.calendars.append({})
        elif name == "VEVENT" and self.event is None and [n for n, _ in self.stack] == ["VCALENDAR"]:
            self.event = RawEvent(number, max(0, len(self.result.calendars) - 1))
        self.stack.append((name, number))

    def end(self, name: str, number: int) -> None:
        if not any(open_name == name for open_name, _ in self.stack):
            self.warn(f"END:{name} has no BEGIN:{name} before it; it is ignored", number, "bad-structure",
                      "export the calendar again")
            return
        while self.stack:
            open_name, begun = self.stack.pop()
            if open_name != name:
                self.warn(f"BEGIN:{open_name} (line {begun}) has no END:{open_name} before END:{name}",
                          number, "bad-structure", "export the calendar again")
            if open_name == "VEVENT" and len(self.stack) == 1 and self.event is not None:
                self.on_event(self.event)
                self.event = None
            if open_name == name:
                break

    def property(self, text: str, number: int) -> None:
        depth = len(self.stack)
        if depth == 2 and self.event is not None and self.stack[-1][0] == "VEVENT":
            parts = _split_line(text)
            if parts is None:
                self.bad_line(text, number)
                return
            name = self.names.setdefault(parts[0], parts[0])
            self.event.props.append((name, parts[1], parts[2], number))
        elif depth == 1:
            parts = _split_line(text)
            if parts is None:
                self.bad_line(text, number)
            elif parts[0] in CALENDAR_PROPERTIES and self.result.calendars:
                self.result.calendars[-1].setdefault(parts[0], unescape_text(parts[2]).strip())

    def bad_line(self, text: str, number: int) -> None:
        if text.strip():
            self.warn("is not an iCalendar content line (NAME:value); it is ignored", number, "bad-line",
                      "export the calendar again; if you edited the file, check this line")

    def finish(self, last_line: int) -> None:
        for code, count in self.counts.items():
            if count > _SHOWN_PER_CODE:
                self.problems.warning(self.display, f"has {count - _SHOWN_PER_CODE} more problem(s) like "
                                                    "these (not listed one by one)", code=code,
                                      fix="export the calendar again")
        if self.stack:
            names = [n for n, _ in self.stack]
            message = f"is cut off: it ends at line {last_line} inside {names[-1]} without END:{names[0]}"
            if self.event is not None:
                message += f"; the event that begins at line {self.event.line} is incomplete and left out"
            self.problems.warning(self.display, message, line=last_line, code="truncated",
                                  fix="export or download the calendar again")


def _lines(text: str):
    """The lines of ``text`` without their LF or CRLF, one at a time (no copy of the whole text)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        line = text[start:end]
        yield line[:-1] if line.endswith("\r") else line
        start = end + 1


def find_timezones(text: str) -> list[tuple[int, str]]:
    """The ``VTIMEZONE`` blocks of a text, wherever they are: ``(line, block)``.

    >>> find_timezones("BEGIN:VCALENDAR\\nBEGIN:VTIMEZONE\\nTZID:X\\nEND:VTIMEZONE\\nEND:VCALENDAR")
    [(2, 'BEGIN:VTIMEZONE\\nTZID:X\\nEND:VTIMEZONE')]
    """
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)) for m in _TIMEZONE.finditer(text)]


def scan_ics(text: str, display: str, problems: Problems,
             on_event: Callable[[RawEvent], None] | None = None) -> IcsFile | None:
    """Split an ``.ics`` text into calendars, time zones and events (see the module docstring).

    Each complete event is given to ``on_event`` as soon as its ``END:VEVENT``
    is read (so a large file's events need not all be kept), else collected in
    ``IcsFile.events``.  The time zones are found first, whatever their place
    in the file.  Returns ``None`` (after an error) when the text is not an
    iCalendar file.
    """
    if "\n" not in text and "\r" in text:  # classic Mac OS line ends
        text = text.replace("\r", "\n")
    start = _FIRST_LINE.match(text)
    if start is None or not start.group(1):
        problems.error(display, "is empty (no BEGIN:VCALENDAR)", code="empty-file",
                       fix="export the calendar again")
        return None
    first = text.count("\n", 0, start.start(1))
    if start.group(1).strip().upper() != "BEGIN:VCALENDAR":
        problems.error(display, "is not an iCalendar file: it does not begin with BEGIN:VCALENDAR",
                       line=first + 1, value=start.group(1).strip()[:60], code="not-calendar",
                       fix="give a calendar exported as .ics")
        return None
    scan = _Scan(display, problems, on_event)
    scan.result.timezones = find_timezones(text)
    pending: list[str] = []
    pending_line = 0
    number = 0
    for number, line in enumerate(_lines(text), start=1):
        if line[:1] in (" ", "\t") and pending:
            pending.append(line[1:])
            continue
        if pending:
            scan.line(pending[0] if len(pending) == 1 else "".join(pending), pending_line)
        pending = [line] if line else []
        pending_line = number
    if pending:
        scan.line("".join(pending), pending_line)
    scan.finish(number)
    return scan.result
