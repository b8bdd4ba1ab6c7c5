"""Time and peak memory of :func:`netanalysis.io.calendar.read_calendar` on a 50,000-event calendar.

Generates (seeded) a Google-style export into a temporary folder: a
``VTIMEZONE`` for Europe/Copenhagen, ``X-WR-CALNAME``/``X-WR-TIMEZONE``, events
over ten years with 0-8 attendees, folded descriptions with Google Meet links,
rooms, 10% weekly series (one in twenty without end, some with ``EXDATE``),
overrides that move or cancel one occurrence, and all-day events.  Then reads
it in a fresh process (so the figures are the reader's own) and prints the
seconds and the peak resident memory (``ru_maxrss``), for the read and for
:func:`attended_meetings` after it; then :func:`netanalysis.load` of the
calendar with 3,000 connections (two in three matched by address), in a
fresh process: the reader, the owner, the matching and the frames.

Run::

    python benchmarks/bench_calendar.py [--events 50000] [--until 2026-03-14]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from _evidence_load import connections_for, measure_load

ROOT = Path(__file__).resolve().parents[1]
HEADER = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:kim.owner@example.com
X-WR-TIMEZONE:Europe/Copenhagen
BEGIN:VTIMEZONE
TZID:Europe/Copenhagen
X-LIC-LOCATION:Europe/Copenhagen
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
""".splitlines()
FIRST = ["Anna", "Søren", "Mette", "Lars", "Jane", "John", "Ahmed", "Li", "Maria", "Jens", "Ole", "Ida"]
LAST = ["Hansen", "Jensen", "Nielsen", "Doe", "Smith", "Khan", "Wang", "García", "Møller", "Berg"]
OWNER = "kim.owner@example.com"


def fold(line: str) -> list[str]:
    """RFC 5545 folding at 75 octets (approximately: 74 characters)."""
    return [line[:74]] + [" " + line[i:i + 73] for i in range(74, len(line), 73)]


def generate(path: Path, events: int, seed: int = 1) -> None:
    """Write a Google-style calendar of ``events`` VEVENTs to ``path``."""
    rng = random.Random(seed)
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"person{i}@example.org") for i in range(3000)]
    lines = list(HEADER)
    start = dt.datetime(2016, 1, 4, 8, 0)
    written = 0
    while written < events:
        when = start + dt.timedelta(days=rng.randint(0, 3650), minutes=30 * rng.randint(0, 20))
        uid = f"{written:07d}{rng.getrandbits(40):010x}@google.com"
        all_day = rng.random() < 0.05
        guests = [] if all_day else rng.sample(people, rng.choice([0, 1, 1, 2, 2, 3, 4, 6, 8]))
        event = ["BEGIN:VEVENT"]
        if all_day:
            event += [f"DTSTART;VALUE=DATE:{when:%Y%m%d}", f"DTEND;VALUE=DATE:{when + dt.timedelta(days=1):%Y%m%d}"]
        else:
            event += [f"DTSTART;TZID=Europe/Copenhagen:{when:%Y%m%dT%H%M%S}",
                      f"DTEND;TZID=Europe/Copenhagen:{when + dt.timedelta(hours=1):%Y%m%dT%H%M%S}"]
        repeating = not all_day and rng.random() < 0.10
        if repeating:
            end = rng.random()
            rule = "RRULE:FREQ=WEEKLY;BYDAY=" + "MO TU WE TH FR".split()[when.weekday() % 5]
            if end < 0.45:
                rule += f";COUNT={rng.randint(4, 30)}"
            elif end < 0.95:
                rule += f";UNTIL={when + dt.timedelta(days=rng.randint(30, 400)):%Y%m%dT%H%M%SZ}"
            event.append(rule)
            if rng.random() < 0.3:
                event.append(f"EXDATE;TZID=Europe/Copenhagen:{when + dt.timedelta(weeks=2):%Y%m%dT%H%M%S}")
        event += ["DTSTAMP:20260301T120000Z", f"ORGANIZER;CN=Kim Owner:mailto:{OWNER}", f"UID:{uid}"]
        for name, email in [("Kim Owner", OWNER)] * bool(guests) + guests:
            status = rng.choice(["ACCEPTED"] * 6 + ["DECLINED", "TENTATIVE", "NEEDS-ACTION"])
            event += fold(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN={name};"
                          f"X-NUM-GUESTS=0:mailto:{email}")
        if guests and rng.random() < 0.2:
            event += fold("ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Meeting room 2;"
                          "X-NUM-GUESTS=0:mailto:c_1882abc@resource.calendar.google.com")
        online = guests and rng.random() < 0.5
        description = "Agenda:\\n- status\\n- next steps\\n\\nNotes will be shared after the meeting."
        if online:
            description += "\\n\\nJoin with Google Meet: https://meet.google.com/abc-defg-hij"
            event.append("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij")
        event += ["CREATED:20250101T000000Z", *fold("DESCRIPTION:" + description), "LAST-MODIFIED:20250101T000000Z",
                  "LOCATION:" + ("" if online else "Kontoret\\, 2. sal"), "SEQUENCE:0",
                  "STATUS:CONFIRMED", f"SUMMARY:Meeting {written}", "TRANSP:OPAQUE", "END:VEVENT"]
        lines += event
        written += 1
        if repeating and rng.random() < 0.3 and written < events:  # an override: moved, or cancelled
            moved = when + dt.timedelta(weeks=1)
            cancelled = rng.random() < 0.5
            override = ["BEGIN:VEVENT", f"DTSTART;TZID=Europe/Copenhagen:{moved + dt.timedelta(hours=2):%Y%m%dT%H%M%S}",
                        f"DTEND;TZID=Europe/Copenhagen:{moved + dt.timedelta(hours=3):%Y%m%dT%H%M%S}",
                        f"RECURRENCE-ID;TZID=Europe/Copenhagen:{moved:%Y%m%dT%H%M%S}", f"UID:{uid}",
                        f"ORGANIZER;CN=Kim Owner:mailto:{OWNER}", "SEQUENCE:1",
                        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", f"SUMMARY:Meeting {written} (moved)",
                        "END:VEVENT"]
            lines += override
            written += 1
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from netanalysis.errors import Problems
from netanalysis.io.calendar import attended_meetings, calendar_owner, read_calendar
imported = time.perf_counter() - t0
t0 = time.perf_counter()
problems = Problems()
calendar = read_calendar({path!r}, until={until!r}, problems=problems)
read = time.perf_counter() - t0
read_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0 = time.perf_counter()
owner, source = calendar_owner(calendar)
met = attended_meetings(calendar, owner)
attended = time.perf_counter() - t0
print(json.dumps({{"import": imported, "read": read, "attended": attended, "rows": len(calendar),
                  "events": int(calendar["uid"].nunique()), "met": len(met), "owner": sorted(owner),
                  "source": source, "problems": len(problems), "errors": len(problems.errors),
                  "read_rss": read_rss, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(path: Path, until: str) -> dict:
    """Read ``path`` in a fresh interpreter; its timings and peak RSS (MiB)."""
    code = CHILD.format(root=str(ROOT), path=str(path), until=until)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--until", default="2026-03-14")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kim.owner@example.com.ics"
        generate(path, args.events)
        print(f"generated {args.events:,} VEVENTs, {path.stat().st_size / 1e6:.1f} MB")
        runs = [measure(path, args.until) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["read"])
        print(f"read_calendar: best {best['read']:.2f} s of {args.repeat} (import {best['import']:.2f} s), "
              f"peak RSS {max(r['read_rss'] for r in runs):.0f} MiB -> {best['rows']:,} occurrences of "
              f"{best['events']:,} events, {best['problems']} problem(s), {best['errors']} error(s)")
        print(f"calendar_owner + attended_meetings: {best['attended']:.2f} s -> {best['met']:,} meetings attended; "
              f"owner {best['owner']} ({best['source']}); peak RSS {max(r['rss'] for r in runs):.0f} MiB")
        connections = connections_for(Path(tmp), 3000)
        loads = [measure_load("calendar", path, connections, args.until) for _ in range(args.repeat)]
        fast = min(loads, key=lambda r: r["load"])
        print(f"load (3,000 connections + the calendar: read, owner, match, frames): best {fast['load']:.2f} s, "
              f"peak RSS {max(r['rss'] for r in loads):.0f} MiB -> {fast['rows']:,} meeting rows, "
              f"{fast['people']:,} people, {fast['unmatched']:,} unmatched, {fast['errors']} error(s)")


if __name__ == "__main__":
    main()
