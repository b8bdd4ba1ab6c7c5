"""The calendar reader (issue 15, item 2 and the calendar half of item 8).

Expected values are worked out by hand from the fixtures in
``tests/data/calendar``: ``google.ics`` (a Google Calendar export, Europe/
Copenhagen, CET = UTC+1 until 29 March 2026 02:00, CEST = UTC+2 after) and
``outlook.ics`` (Outlook 2016, ``Romance Standard Time``, the same offsets).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError, Problems
from netanalysis.io.calendar import CALENDAR_COLUMNS, attended_meetings, calendar_owner, read_calendar

DATA = Path(__file__).parent / "data" / "calendar"
GOOGLE = DATA / "google.ics"
OUTLOOK = DATA / "outlook.ics"
KIM = "kim.owner@example.com"
# NETANALYSIS_FUZZ_EXAMPLES=5000 digs deeper (as in test_fuzz_readers.py).
FUZZ = settings(max_examples=int(os.environ.get("NETANALYSIS_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def read(source, until="2026-03-31", **kw) -> tuple[pd.DataFrame, Problems]:
    problems = Problems()
    return read_calendar(source, until=until, problems=problems, **kw), problems


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(row) for row in frame[list(columns)].astype(object).itertuples(index=False)]


def ics(*events: str, head: str = "X-WR-CALNAME:kim.owner@example.com") -> bytes:
    """A small calendar around ``events`` (each the lines between BEGIN:VEVENT and END:VEVENT)."""
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}\r\n{body}END:VCALENDAR\r\n".encode()


def codes(problems: Problems) -> list[str]:
    return [p.code for p in problems.items]


class TestGoogleExport:
    """google.ics: every occurrence up to 2026-03-31, in start order."""

    def test_occurrences(self):
        calendar, problems = read(GOOGLE)
        assert rows(calendar, "occurrence", "start", "status") == [
            ("standup-7f3a@google.com@20260302T080000Z", pd.Timestamp("2026-03-02 08:00"), "confirmed"),
            ("client-call-91@google.com@20260304T130000Z", pd.Timestamp("2026-03-04 13:00"), "confirmed"),
            ("offsite-2026@google.com@20260305", pd.Timestamp("2026-03-05 00:00"), "confirmed"),
            ("lunch-ahmed@google.com@20260306T110000Z", pd.Timestamp("2026-03-06 11:00"), "confirmed"),
            ("intro-li@google.com@20260310T150000Z", pd.Timestamp("2026-03-10 15:00"), "confirmed"),
            ("board-prep@google.com@20260311T140000Z", pd.Timestamp("2026-03-11 14:00"), "cancelled"),
            ("focus-time@google.com@20260312T070000Z", pd.Timestamp("2026-03-12 07:00"), "confirmed"),
            # the override moves 16 March 09:00 CET to Tuesday 17 March 14:00 CET, and keeps its instant
            ("standup-7f3a@google.com@20260316T080000Z", pd.Timestamp("2026-03-17 13:00"), "confirmed"),
            ("summit-2026@google.com@20260319T080000Z", pd.Timestamp("2026-03-19 08:00"), "confirmed"),
            ("standup-7f3a@google.com@20260323T080000Z", pd.Timestamp("2026-03-23 08:00"), "cancelled"),
            # summer time from 29 March: 09:00 CEST is 07:00 UTC
            ("standup-7f3a@google.com@20260330T070000Z", pd.Timestamp("2026-03-30 07:00"), "confirmed"),
        ]  # 9 March is an EXDATE; the coffee on 15 April is after `until`
        assert codes(problems) == ["open-recurrence"]

    def test_columns_and_dtypes(self):
        calendar, _ = read(GOOGLE)
        assert list(calendar.columns) == CALENDAR_COLUMNS
        assert calendar["start"].dtype == "datetime64[ns]" and calendar["date"].dtype == "datetime64[ns]"
        assert calendar["all_day"].dtype == bool and calendar["online"].dtype == bool
        assert calendar["line"].dtype == "int64"
        assert calendar["uid"].dtype == object and calendar["attendees"].dtype == object
        assert set(calendar["calendar_name"]) == {KIM} and set(calendar["file"]) == {"google.ics"}

    def test_lines_of_begin_vevent(self):
        calendar, _ = read(GOOGLE)
        lines = dict(zip(calendar["occurrence"], calendar["line"]))
        assert lines["standup-7f3a@google.com@20260302T080000Z"] == 26   # the rule
        assert lines["standup-7f3a@google.com@20260316T080000Z"] == 53   # the moving override
        assert lines["standup-7f3a@google.com@20260323T080000Z"] == 74   # the cancelling override
        assert lines["summit-2026@google.com@20260319T080000Z"] == 183

    def test_all_day_event(self):
        calendar, _ = read(GOOGLE)
        offsite = calendar[calendar["uid"] == "offsite-2026@google.com"].iloc[0]
        assert offsite["all_day"] and offsite["date"] == pd.Timestamp("2026-03-05")
        assert offsite["start"] == pd.Timestamp("2026-03-05")
        assert not calendar.loc[calendar["uid"] != "offsite-2026@google.com", "all_day"].any()

    def test_date_is_the_utc_day(self):
        calendar, _ = read(GOOGLE)
        assert (calendar["date"] == calendar["start"].dt.normalize()).all()

    def test_folded_lines_and_names(self):
        calendar, _ = read(GOOGLE)
        first = calendar.iloc[0]
        assert first["attendees"] == (
            (KIM, "Kim Owner", "ACCEPTED"), ("soren.hansen@example.com", "Søren Hansen", "ACCEPTED"),
            ("mette.jensen@example.com", "Mette Jensen", "ACCEPTED"),
            ("c_1882abc@resource.calendar.google.com", "Mødelokale 2", "ACCEPTED"))
        assert first["resources"] == (("c_1882abc@resource.calendar.google.com", "Mødelokale 2"),)
        assert first["organizer_email"] == KIM and first["organizer_name"] == "Kim Owner"
        intro = calendar[calendar["uid"] == "intro-li@google.com"].iloc[0]
        assert intro["attendees"][1] == ("li.wang@example.cn", "Wang, Li", "ACCEPTED")

    def test_online(self):
        calendar, _ = read(GOOGLE)
        online = calendar.drop_duplicates("uid").set_index("uid")["online"].to_dict()
        assert online == {
            "standup-7f3a@google.com": True,     # Google Meet (X-GOOGLE-CONFERENCE and the description)
            "client-call-91@google.com": True,   # a Zoom link in a description folded over three lines
            "offsite-2026@google.com": False, "lunch-ahmed@google.com": False, "intro-li@google.com": True,
            "board-prep@google.com": False, "focus-time@google.com": False, "summit-2026@google.com": False,
        }
        cancelled = calendar[calendar["occurrence"] == "standup-7f3a@google.com@20260323T080000Z"]
        assert not cancelled["online"].iloc[0]   # the cancelling override says no more than that

    def test_summary_kept_for_log_draft(self):
        calendar, _ = read(GOOGLE)
        assert calendar.iloc[7]["summary"] == "Team standup (moved to Tuesday)"

    def test_until_bounds_the_open_rule(self):
        early, problems = read(GOOGLE, until="2026-03-10")
        assert early["start"].max() == pd.Timestamp("2026-03-10 15:00")
        later, _ = read(GOOGLE, until=dt.date(2026, 4, 20))
        standups = later.loc[later["uid"] == "standup-7f3a@google.com", "start"].dt.strftime("%m-%d").tolist()
        assert standups == ["03-02", "03-17", "03-23", "03-30", "04-06", "04-13", "04-20"]
        assert "later-coffee@google.com" in set(later["uid"])
        warning = problems.items[0]
        assert warning.code == "open-recurrence" and warning.severity == "warning" and warning.line == 26
        assert "standup-7f3a@google.com" in str(warning) and "2026-03-10" in str(warning)

    def test_owner_from_calendar_name(self):
        calendar, _ = read(GOOGLE)
        assert calendar_owner(calendar) == ({KIM}, "X-WR-CALNAME")
        assert calendar_owner(calendar, ["Kim@Owner.DK", "mailto:kim.owner@example.com"]) == (
            {"kim@owner.dk", KIM}, "[me] emails")

    def test_attended_meetings(self):
        calendar, _ = read(GOOGLE)
        met = attended_meetings(calendar, {KIM})
        people = [(row.occurrence.split("@google.com@")[0], row.size, [e for e, _ in row.others][:3])
                  for row in met.itertuples()]
        assert people == [
            ("standup-7f3a", 3, ["soren.hansen@example.com", "mette.jensen@example.com"]),   # the room is nobody
            ("client-call-91", 2, ["jane.doe@client.example"]),                              # Tom declined
            ("offsite-2026", 2, ["lars@partner.dk"]),
            ("intro-li", 2, ["li.wang@example.cn"]),
            ("standup-7f3a", 2, ["soren.hansen@example.com"]),    # Mette declined the moved one
            ("summit-2026", 41, ["guest01@summit.example", "guest02@summit.example", "guest03@summit.example"]),
            ("standup-7f3a", 3, ["soren.hansen@example.com", "mette.jensen@example.com"]),
        ]  # not: the declined lunch, the cancelled board prep, the cancelled standup, focus time alone
        assert met["size"].dtype == "int64"
        summit = met[met["uid"] == "summit-2026@google.com"].iloc[0]
        assert len(summit["others"]) == 40 and KIM not in {e for e, _ in summit["others"]}

    def test_attended_without_owner_declines_nothing(self):
        calendar, _ = read(GOOGLE)
        met = attended_meetings(calendar, set())
        assert "lunch-ahmed@google.com" in set(met["uid"])          # nobody known to have declined
        assert "board-prep@google.com" not in set(met["uid"])       # still cancelled


class TestOutlookExport:
    def test_windows_time_zone_until_and_exdate(self):
        calendar, problems = read(OUTLOOK)
        assert [(s.strftime("%m-%d %H:%M"), summary) for s, summary in zip(calendar["start"], calendar["summary"])] == [
            ("03-04 08:30", "1:1"), ("03-18 08:30", "1:1"), ("03-18 09:00", "Projektmøde"),
            ("03-20 12:00", "Workshop"), ("03-25 08:30", "1:1")]   # 11 March is an EXDATE; UNTIL is 25 March
        assert problems.items == []

    def test_fields(self):
        calendar, _ = read(OUTLOOK)
        teams = calendar[calendar["summary"] == "Projektmøde"].iloc[0]
        assert teams["online"]  # a Teams link in a folded DESCRIPTION (the VALARM's DESCRIPTION is not the event's)
        assert teams["resources"] == (("room4@example.dk", "Meeting Room 4"),)
        assert teams["uid"] == "040000008200E00074C5B7101A82E00800000000B0A1C2D3E4F5A601000000000000000" \
                               "010000000ABCDEF0123456789"
        workshop = calendar[calendar["summary"] == "Workshop"].iloc[0]
        assert workshop["attendees"] == ((KIM, "Kim Owner", "ACCEPTED"), ("", "Lene Dahl", ""))
        assert workshop["calendar_name"] == "Calendar"

    def test_owner_is_the_most_frequent_participant(self):
        calendar, _ = read(OUTLOOK)
        # Kim: organizer of two events, attendee of one = 3; Per Holm 2; Søren 1
        assert calendar_owner(calendar) == ({KIM}, "most frequent participant")

    def test_attended(self):
        calendar, _ = read(OUTLOOK)
        met = attended_meetings(calendar, {KIM})
        assert [(row.summary, row.size, row.others) for row in met.itertuples()] == [
            ("1:1", 2, (("soren.hansen@example.com", "Søren Hansen"),)),
            ("1:1", 2, (("soren.hansen@example.com", "Søren Hansen"),)),
            ("Projektmøde", 2, (("per.holm@example.dk", "Per Holm"),)),
            ("Workshop", 3, (("", "Lene Dahl"), ("per.holm@example.dk", "Per Holm"))),   # organizer last
            ("1:1", 2, (("soren.hansen@example.com", "Søren Hansen"),)),
        ]


class TestSources:
    def test_folder(self, tmp_path):
        folder = tmp_path / "calendars"
        (folder / "sub").mkdir(parents=True)
        shutil.copy(GOOGLE, folder / "google.ics")
        shutil.copy(OUTLOOK, folder / "sub" / "Outlook.ICS")
        (folder / "notes.txt").write_text("not a calendar")
        calendar, problems = read(folder)
        assert sorted(set(calendar["file"])) == ["google.ics", "sub/Outlook.ICS"]
        assert len(calendar) == 11 + 5

    def test_takeout_zip(self, tmp_path):
        path = tmp_path / "takeout-20260331T101010Z-001.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(GOOGLE, "Takeout/Calendar/Kim Owner.ics")
            archive.writestr("Takeout/archive_browser.html", "<html></html>")
        calendar, _ = read(path)
        assert set(calendar["file"]) == {"takeout-20260331T101010Z-001.zip/Takeout/Calendar/Kim Owner.ics"}
        assert len(calendar) == 11

    def test_the_same_occurrence_twice_is_kept_once(self, tmp_path):
        for name in ("a.ics", "b.ics"):
            shutil.copy(GOOGLE, tmp_path / name)
        calendar, _ = read(tmp_path)
        assert len(calendar) == 11 and set(calendar["file"]) == {"a.ics"}

    def test_bytes_and_display(self):
        calendar, _ = read(GOOGLE.read_bytes(), display="export.ics")
        assert set(calendar["file"]) == {"export.ics"}

    def test_input_is_not_changed(self, tmp_path, snapshot):
        shutil.copy(GOOGLE, tmp_path / "google.ics")
        snap = snapshot(tmp_path)
        read(tmp_path)
        snap.assert_unchanged()


class TestTimes:
    def test_floating_time_is_in_the_calendar_time_zone_else_utc(self):
        event = "UID:f\r\nDTSTART:20260302T090000\r\nATTENDEE:mailto:a@x.com"
        in_utc, _ = read(ics(event))
        local, _ = read(ics(event, head="X-WR-TIMEZONE:Europe/Copenhagen"))
        assert in_utc["start"].tolist() == [pd.Timestamp("2026-03-02 09:00")]
        assert local["start"].tolist() == [pd.Timestamp("2026-03-02 08:00")]

    def test_unknown_time_zone(self):
        calendar, problems = read(ics("UID:m\r\nDTSTART;TZID=Mars/Olympus:20260302T090000"))
        assert calendar["start"].tolist() == [pd.Timestamp("2026-03-02 09:00")]
        assert codes(problems) == ["unknown-timezone"] and "Mars/Olympus" in str(problems.items[0])
        assert problems.items[0].line == 6   # the DTSTART line

    def test_override_without_its_rule(self):
        # Google exports an invitation to one instance of someone else's series like this
        calendar, _ = read(ics("UID:s\r\nRECURRENCE-ID:20260305T100000Z\r\nDTSTART:20260305T110000Z"))
        assert rows(calendar, "occurrence", "start") == [("s@20260305T100000Z", pd.Timestamp("2026-03-05 11:00"))]

    def test_a_missing_uid_is_made_up_stably(self):
        data = ics("DTSTART:20260302T090000Z\r\nSUMMARY:x")
        first, _ = read(data)
        again, _ = read(data)
        assert first["uid"].iloc[0].startswith("no-uid-") and first["uid"].tolist() == again["uid"].tolist()

    def test_rdate_and_count(self):
        calendar, _ = read(ics("UID:r\r\nDTSTART:20260302T090000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\n"
                               "RDATE:20260310T090000Z"))
        assert calendar["start"].dt.day.tolist() == [2, 3, 10]


class TestBadInput:
    """Each bad input gives one clear problem naming the file and the line or UID, never a traceback."""

    def test_not_a_calendar(self, write_file):
        path = write_file("calendar.ics", "<!DOCTYPE html>\n<html><body>Sign in</body></html>\n")
        with pytest.raises(InputError) as caught:
            read_calendar(path, until="2026-03-31")
        assert str(caught.value).startswith("calendar.ics line 1: '<!DOCTYPE html>' is not an iCalendar file")

    def test_empty_file(self, write_file):
        with pytest.raises(InputError, match=r"^empty\.ics: is empty"):
            read_calendar(write_file("empty.ics", b""), until="2026-03-31")

    def test_missing_path_and_empty_folder(self, tmp_path):
        with pytest.raises(InputError, match="does not exist"):
            read_calendar(tmp_path / "nope.ics", until="2026-03-31")
        with pytest.raises(InputError, match="holds no .ics file"):
            read_calendar(tmp_path, until="2026-03-31")

    def test_event_without_dtstart(self):
        calendar, problems = read(ics("UID:no-start\r\nSUMMARY:x", "UID:ok\r\nDTSTART:20260302T090000Z"))
        assert calendar["uid"].tolist() == ["ok"]
        (problem,) = problems.items
        assert (problem.severity, problem.code, problem.line) == ("warning", "no-start", 4)
        assert str(problem).startswith("calendar.ics line 4: event 'no-start' has no DTSTART")

    def test_bad_dtstart(self):
        calendar, problems = read(ics("UID:bad\r\nDTSTART:2026-03-02 09:00"))
        assert calendar.empty and codes(problems) == ["bad-start"] and problems.items[0].line == 6

    def test_bad_rule(self):
        calendar, problems = read(ics("UID:rule\r\nDTSTART:20260302T090000Z\r\nRRULE:FREQ=SOMETIMES",
                                      "UID:ok\r\nDTSTART:20260302T090000Z"))
        assert calendar["uid"].tolist() == ["ok"]
        assert codes(problems) == ["bad-schedule"] and "RRULE" in str(problems.items[0])

    def test_cut_off_file(self):
        data = GOOGLE.read_bytes()
        cut = data[:data.index(b"SUMMARY:Lunch")]
        calendar, problems = read(cut)
        assert set(calendar["uid"]) == {"standup-7f3a@google.com", "offsite-2026@google.com",
                                        "client-call-91@google.com"}
        truncated = [p for p in problems.items if p.code == "truncated"]
        assert len(truncated) == 1 and "the event that begins at line 122 is incomplete" in truncated[0].message

    def test_broken_content_line(self):
        calendar, problems = read(ics("UID:x\r\nDTSTART:20260302T090000Z\r\nthis is not a content line"))
        assert len(calendar) == 1
        assert codes(problems) == ["bad-line"] and problems.items[0].line == 7

    def test_a_rule_repeating_too_often_is_left_out(self):
        calendar, problems = read(ics("UID:minutely\r\nDTSTART:20260301T000000Z\r\nRRULE:FREQ=MINUTELY",
                                      "UID:ok\r\nDTSTART:20260302T090000Z"), max_repeats=1000)
        assert calendar["uid"].tolist() == ["ok"]
        problem = next(p for p in problems.items if p.code == "too-many-repeats")
        assert "event 'minutely' repeats more than 1,000 times up to 2026-03-31" in str(problem)

    def test_too_many_occurrences_is_an_error(self):
        data = ics("UID:daily\r\nDTSTART:20200101T090000Z\r\nRRULE:FREQ=DAILY")
        with pytest.raises(InputError, match="holds more than 500 event occurrences up to 2026-03-31"):
            read_calendar(data, until="2026-03-31", max_occurrences=500)

    def test_windows_1252(self):
        data = ics("UID:cp\r\nDTSTART:20260302T090000Z\r\nATTENDEE;CN=Søren Møller:mailto:s@x.dk").decode()
        calendar, problems = read(data.encode("cp1252"))
        assert calendar["attendees"].iloc[0][0][1] == "Søren Møller"
        assert codes(problems) == ["encoding"] and "cp1252" in str(problems.items[0])

    def test_fifty_thousand_events(self):
        events = "".join(f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:2026{1 + i % 12:02d}{1 + i % 28:02d}T"
                         f"{i % 24:02d}0000Z\r\nATTENDEE:mailto:p{i % 700}@x.com\r\nEND:VEVENT\r\n"
                         for i in range(50_000))
        data = f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n".encode()
        calendar, problems = read(data, until="2026-12-31")
        assert len(calendar) == 50_000 and calendar["uid"].is_unique and not problems.items
        with pytest.raises(InputError, match="holds more than 49,999 event occurrences"):
            read_calendar(data, until="2026-12-31", max_occurrences=49_999)


def _never_a_traceback(data: bytes) -> None:
    problems = Problems()
    frame = read_calendar(data, until="2026-03-31", problems=problems)
    assert list(frame.columns) == CALENDAR_COLUMNS
    for problem in problems.items:
        assert problem.file and problem.message and problem.severity in ("error", "warning")
    try:
        read_calendar(data, until="2026-03-31")
    except InputError:
        assert problems.errors
    else:
        assert not problems.errors


class TestFuzz:
    @FUZZ
    @given(st.binary(max_size=400))
    def test_random_bytes(self, data):
        _never_a_traceback(data)

    @FUZZ
    @given(st.binary(max_size=200))
    def test_random_bytes_inside_a_calendar(self, data):
        _never_a_traceback(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n" + data + b"\r\nEND:VEVENT\r\nEND:VCALENDAR")

    @FUZZ
    @given(st.data())
    def test_mangled_export(self, data):
        lines = GOOGLE.read_bytes().split(b"\r\n")
        for _ in range(data.draw(st.integers(1, 6))):
            index = data.draw(st.integers(0, len(lines) - 1))
            action = data.draw(st.sampled_from(["drop", "cut", "noise", "swap"]))
            if action == "drop":
                del lines[index]
            elif action == "cut":
                lines[index] = lines[index][:data.draw(st.integers(0, max(0, len(lines[index]))))]
            elif action == "noise":
                lines[index] = data.draw(st.binary(max_size=30))
            else:
                other = data.draw(st.integers(0, len(lines) - 1))
                lines[index], lines[other] = lines[other], lines[index]
        _never_a_traceback(b"\r\n".join(lines))

    @FUZZ
    @given(st.sampled_from(["DTSTART", "DTEND", "RRULE", "EXDATE", "RECURRENCE-ID", "RDATE", "DURATION"]),
           st.sampled_from(["", "x", "2026", "20261399T250000", "FREQ=", "FREQ=WEEKLY;UNTIL=garbage", "-P1D",
                            "20260302T090000Z/PT1H", "99999999T999999Z", "0000", "19000101"]),
           st.sampled_from(["", ";TZID=Nowhere", ";VALUE=DATE", ";TZID=\"Romance Standard Time\"", ";X=\"open"]))
    def test_bad_values(self, name, value, params):
        event = f"UID:v\r\nDTSTART:20260302T090000Z\r\n{name}{params}:{value}"
        _never_a_traceback(ics(event))
