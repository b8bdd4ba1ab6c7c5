"""Tests of the seeded synthetic sample generator (netanalysis.sample).

Expected values come from the brief of the generator (DESIGN.md "Inputs" and
the formats of real LinkedIn exports): file layouts, counts, reproducibility,
and that every name in the log resolves to exactly one person.
"""
from __future__ import annotations

import csv
import io
import tomllib
from collections import Counter
from datetime import date, datetime
from functools import lru_cache

import pytest

from netanalysis.errors import NetanalysisError
from netanalysis.sample import DEFAULT_PERSONA, FILES, PERSONAS, SAMPLE_AS_OF, generate, write_sample
from netanalysis.io.text import looks_like_url, match_key

PREAMBLE_LINES = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    "",
]
CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


@lru_cache(maxsize=None)
def sample(persona: str = DEFAULT_PERSONA, **kw) -> dict[str, str]:
    return generate(persona, **kw)


def table(text: str, skip: int = 0) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("\n".join(text.split("\n")[skip:]) if skip else text)))


def connections(files) -> list[dict[str, str]]:
    return table(files["Connections.csv"], skip=3)


def is_hidden(row) -> bool:
    return all(not row[c] for c in CONNECTIONS_HEADER[:-1]) and bool(row["Connected On"])


class Resolver:
    """Resolve a log name the way DESIGN.md says: match key, or URL."""

    def __init__(self, files):
        rows = [r for r in connections(files) if not is_hidden(r)]
        self.keys = Counter(match_key(f"{r['First Name']} {r['Last Name']}") for r in rows)
        self.urls = {r["URL"] for r in rows}
        self.annotated = {match_key(r["contact"]) for r in table(files["contacts.csv"])}

    def problem(self, name: str) -> str | None:
        if looks_like_url(name):
            return None if name in self.urls else f"unknown URL {name}"
        key = match_key(name)
        if self.keys[key] > 1:
            return f"ambiguous name {name!r}"
        if self.keys[key] == 0 and key not in self.annotated:
            return f"{name!r} is neither a connection nor in contacts.csv"
        return None


class TestReproducible:
    def test_same_seed_same_bytes(self):
        assert generate("student", seed=3) == generate("student", seed=3)

    def test_other_seed_other_data(self):
        one, two = generate("student", seed=3), generate("student", seed=4)
        assert one["Connections.csv"] != two["Connections.csv"]
        assert one["interactions.csv"] != two["interactions.csv"]

    def test_as_of_shifts_dates_only_relative(self):
        files = generate("student", as_of=date(2020, 1, 1))
        dates = [r["date"] for r in table(files["interactions.csv"])]
        assert max(dates) <= "2020-01-01"


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_every_persona_generates(persona):
    files = sample(persona)
    assert list(files) == list(FILES)
    for name, text in files.items():
        assert text.strip(), name
        assert not text.startswith("\ufeff"), name
        if name.endswith(".ics"):     # iCalendar lines end in CRLF (RFC 5545 3.1), as Google's exports do
            assert "\n" not in text.replace("\r\n", ""), name
        else:
            assert "\r" not in text, name
    assert len(connections(files)) == PERSONAS[persona].connections
    assert len(table(files["interactions.csv"])) == PERSONAS[persona].interactions
    assert len(table(files["messages.csv"])) == PERSONAS[persona].messages


def test_counts_honoured():
    files = generate("taker", connections=123, interactions=77, messages=210, seed=2)
    assert len(connections(files)) == 123
    assert len(table(files["interactions.csv"])) == 77
    assert len(table(files["messages.csv"])) == 210


@pytest.mark.parametrize("counts", [(0, 0, 0), (1, 1, 1), (5, 30, 3), (40, 0, 0)])
def test_tiny_and_empty_counts(counts):
    c, i, m = counts
    files = generate("matchmaker", connections=c, interactions=i, messages=m)
    assert len(connections(files)) == c
    assert len(table(files["interactions.csv"])) == i
    assert len(table(files["messages.csv"])) == m


class TestConnections:
    def test_preamble_and_2023_header(self):
        text = sample()["Connections.csv"]
        lines = text.split("\n")
        assert lines[:3] == PREAMBLE_LINES
        assert lines[3] == ",".join(CONNECTIONS_HEADER)
        assert not text.endswith("\n")

    def test_dates_and_oddities(self):
        rows = connections(sample())
        for row in rows:
            day = datetime.strptime(row["Connected On"], "%d %b %Y").date()
            assert day <= SAMPLE_AS_OF
        assert any(is_hidden(r) for r in rows)
        assert any("," in r["Last Name"] for r in rows)
        assert any(r["Email Address"].startswith("urn:li:member:") for r in rows)
        assert sum(bool(r["Email Address"]) for r in rows) < 0.06 * len(rows)
        assert any("%" in r["URL"] for r in rows)           # percent-encoded non-ASCII slug
        urls = [r["URL"] for r in rows if r["URL"]]
        assert len(urls) == len(set(urls))
        assert all(u.startswith("https://www.linkedin.com/in/") for u in urls)

    def test_small_persona_has_hidden_row(self):
        assert any(is_hidden(r) for r in connections(sample("student")))


class TestLog:
    @pytest.mark.parametrize("persona", list(PERSONAS))
    def test_names_resolve_and_are_unambiguous(self, persona):
        files = sample(persona)
        resolver = Resolver(files)
        problems = []
        for row in table(files["interactions.csv"]):
            names = [row["contact"]] + [n for n in row["with"].split(";") if n]
            problems += [p for p in map(resolver.problem, names) if p]
        for row in table(files["contacts.csv"]):
            names = [row["contact"]] + [n for n in row["knows"].split(";") if n]
            problems += [p for p in map(resolver.problem, names) if p]
        assert problems == []

    def test_people_off_linkedin_are_annotated(self):
        files = sample()
        resolver = Resolver(files)
        off = {r["contact"] for r in table(files["interactions.csv"])
               if not looks_like_url(r["contact"]) and resolver.keys[match_key(r["contact"])] == 0}
        assert 1 <= len(off) <= 3
        circles = {r["contact"]: r["circle"] for r in table(files["contacts.csv"])}
        assert "family" in {circles[name] for name in off}

    def test_values_and_dates(self):
        rows = table(sample()["interactions.csv"])
        dates = [r["date"] for r in rows]
        assert dates == sorted(dates) and max(dates) <= SAMPLE_AS_OF.isoformat()
        assert {r["direction"] for r in rows} == {"gave", "received", "mutual"}
        assert {r["value"] for r in rows} <= {"", "1", "2", "3", "4", "5"}
        purposes = {p for r in rows for p in r["purpose"].split(";") if p}
        assert purposes <= {"sales", "job", "learning", "lobbying"}

    def test_goals_toml(self):
        goals = tomllib.loads(sample()["goals.toml"])
        assert abs(sum(goals["purposes"].values()) - 1) < 1e-9
        assert goals["review"]["half_life_days"] == 180

    def test_large_log_stays_unambiguous(self):
        files = generate("matchmaker", connections=3000, interactions=3000, messages=10, seed=5)
        resolver = Resolver(files)
        rows = table(files["interactions.csv"])
        assert not [p for p in (resolver.problem(r["contact"]) for r in rows) if p]


class TestTraits:
    """Each persona's defining trait, measured crudely (the review measures it properly)."""

    def _log(self, persona):
        return table(sample(persona)["interactions.csv"])

    def test_taker_receives(self):
        shares = Counter(r["direction"] for r in self._log("taker"))
        assert shares["received"] > 4 * shares["gave"]

    def test_matchmaker_balanced_with_introductions_waiting(self):
        rows = self._log("matchmaker")
        shares = Counter(r["direction"] for r in rows)
        assert abs(shares["gave"] - shares["received"]) < 0.1 * len(rows)
        assert sum(r["kind"] == "intro" for r in rows) < 0.02 * len(rows)      # she rarely introduces
        contacts = table(sample("matchmaker")["contacts.csv"])
        assert sum(bool(r["offers"]) for r in contacts) > 0.3 * len(contacts)

    def test_loyalist_old_circles(self):
        files = sample("loyalist")
        circles = {r["contact"]: r["circle"] for r in table(files["contacts.csv"])}
        rows = self._log("loyalist")
        old = sum(circles.get(r["contact"]) in ("colleague", "former-colleague") for r in rows)
        assert old > 0.7 * len(rows)

    def test_drifter_recent_log_sparse(self):
        rows = self._log("drifter")
        assert sum(r["date"] >= "2026-02-01" for r in rows) < 0.1 * len(rows)

    def test_student_recent_connections_not_followed_up(self):
        files = sample("student")
        logged = {r["contact"] for r in table(files["interactions.csv"])}
        recent = [r for r in connections(files) if not is_hidden(r)
                  and (SAMPLE_AS_OF - datetime.strptime(r["Connected On"], "%d %b %Y").date()).days <= 60]
        never = [r for r in recent if f"{r['First Name']} {r['Last Name']}".strip() not in logged
                 and r["URL"] not in logged]
        assert len(never) >= 10

    def test_collector_mostly_never_met(self):
        files = sample("collector")
        people = {r["contact"] for r in table(files["interactions.csv"])}
        assert len(people) < 0.1 * len(connections(files))


class TestArchive:
    def test_messages(self):
        rows = table(sample()["messages.csv"])
        assert any(r["IS MESSAGE DRAFT"] == "Yes" for r in rows)
        assert any(r["FROM"] == "LinkedIn Member" and not r["SENDER PROFILE URL"] for r in rows)
        assert any("\n" in r["CONTENT"] for r in rows)
        owner = "Mette Kjær Andersen"
        assert {owner} <= {r["FROM"] for r in rows} and {owner} <= {r["TO"] for r in rows}
        assert max(r["DATE"][:10] for r in rows) <= SAMPLE_AS_OF.isoformat()
        assert all(r["DATE"].endswith(" UTC") for r in rows)

    def test_invitations_last_six_months(self):
        rows = table(sample()["Invitations.csv"])
        days = [(SAMPLE_AS_OF - datetime.strptime(r["Sent At"], "%m/%d/%y, %I:%M %p").date()).days
                for r in rows]
        assert rows and 0 <= min(days) and max(days) <= 183
        assert {r["Direction"] for r in rows} == {"OUTGOING", "INCOMING"}

    def test_endorsements_and_recommendations(self):
        files = sample()
        received = table(files["Endorsement_Received_Info.csv"])
        assert {r["Endorsement Status"] for r in received} >= {"ACCEPTED", "PENDING"}
        assert all(r["Endorser Public Url"].startswith("www.linkedin.com/in/") for r in received)
        for r in received:
            assert datetime.strptime(r["Endorsement Date"], "%Y/%m/%d %H:%M:%S UTC").date() <= SAMPLE_AS_OF
        recs = table(files["Recommendations_Received.csv"])
        assert recs and all(r["Status"] == "VISIBLE" for r in recs)
        for r in recs:
            assert datetime.strptime(r["Creation Date"], "%m/%d/%y, %I:%M %p").date() <= SAMPLE_AS_OF
        profile = table(files["Profile.csv"])
        assert [(p["First Name"], p["Last Name"]) for p in profile] == [("Mette", "Kjær Andersen")]


class TestWriteSample:
    def test_writes_and_refuses_to_overwrite(self, tmp_path):
        folder = tmp_path / "new" / "sample"
        paths = write_sample(folder, "student")
        assert [p.name for p in paths] == list(FILES)
        before = paths[0].read_bytes()
        assert before == generate("student")["Connections.csv"].encode("utf-8")
        with pytest.raises(NetanalysisError, match="overwrite"):
            write_sample(folder, "student", seed=8)
        assert paths[0].read_bytes() == before
        write_sample(folder, "student", seed=8, force=True)
        assert paths[0].read_bytes() != before


def test_unknown_persona_names_the_valid_ones():
    with pytest.raises(NetanalysisError) as err:
        generate("networker")
    for name in PERSONAS:
        assert name in str(err.value)


def test_negative_count_is_an_error():
    with pytest.raises(NetanalysisError, match="connections"):
        generate("student", connections=-1)



def test_bundled_sample_is_reproduced_byte_for_byte():
    """data/sample/ is the default persona, seed 7: the generator makes it again exactly."""
    from pathlib import Path

    from netanalysis.sample import DEFAULT_PERSONA, generate

    folder = Path(__file__).resolve().parents[1] / "data" / "sample"
    files = generate(DEFAULT_PERSONA, seed=7)
    assert sorted(files) == sorted(p.name for p in folder.iterdir())
    for name, text in files.items():
        assert (folder / name).read_bytes() == text.encode("utf-8"), name


class TestCalendarAndMail:
    """The persona's calendar and mailbox, read with icalendar and the standard library's mailbox."""

    @staticmethod
    def events():
        from icalendar import Calendar

        return [c for c in Calendar.from_ical(sample()["calendar.ics"]).walk("VEVENT")]

    def test_calendar_is_the_owners_last_year(self):
        from icalendar import Calendar

        cal = Calendar.from_ical(sample()["calendar.ics"])
        assert str(cal["X-WR-CALNAME"]) == "mette.kjaer.andersen@nordlys.example"
        for event in self.events():
            day = event.decoded("dtstart").date()
            assert (SAMPLE_AS_OF - day).days < 365 and day <= SAMPLE_AS_OF, event["uid"]
            if "rrule" in event:      # the one-to-one runs on past the export: expanded only up to as_of
                assert event["rrule"]["until"][0].date() > SAMPLE_AS_OF

    def test_calendar_has_the_cases_that_count_for_nothing(self):
        events = self.events()
        def owner_status(e):
            me = [a for a in e.get("attendee", []) if str(a).endswith("@nordlys.example")]
            return me[0].params["PARTSTAT"] if me else ""
        assert [owner_status(e) for e in events].count("DECLINED") == 1
        assert [str(e.get("status")) for e in events].count("CANCELLED") == 1
        assert sum(len(e.get("attendee", [])) > 8 for e in events) == 2          # the conferences
        recurring = [e for e in events if "rrule" in e]
        assert len(recurring) == 1 and "exdate" in recurring[0]
        assert sum("recurrence-id" in e for e in events) == 1                    # one occurrence moved

    def test_every_named_attendee_resolves(self):
        files = sample()
        resolver = Resolver(files)
        names = {str(a.params["CN"]) for e in self.events() for a in e.get("attendee", [])
                 if "CN" in a.params}
        assert len(names) > 50
        assert [resolver.problem(n) for n in names if resolver.problem(n)] == []

    def test_mailbox_headers(self):
        import email
        import email.policy
        import mailbox
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "mail.mbox"
            path.write_text(sample()["mail.mbox"], encoding="utf-8")
            messages = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
                        for m in mailbox.mbox(path)]
        assert len(messages) > 100
        sent = [m for m in messages if m["X-Gmail-Labels"] == "Sent"]
        bulk = [m for m in messages if m["List-Unsubscribe"]]
        assert sent and bulk and all(m["Precedence"] == "bulk" for m in bulk)
        assert {m["From"].addresses[0].display_name for m in sent} == {"Mette Kjær Andersen"}
        for m in messages:
            assert m["Date"].datetime.date() <= SAMPLE_AS_OF

    def test_the_other_files_do_not_change_with_them(self):
        files = sample()
        import netanalysis.sample as gen

        assert gen.FILES[-2:] == ("calendar.ics", "mail.mbox")
        assert generate(DEFAULT_PERSONA)["messages.csv"] == files["messages.csv"]

    def test_the_review_reads_them(self, tmp_path):
        import netanalysis

        write_sample(tmp_path, DEFAULT_PERSONA)
        ties = netanalysis.review(netanalysis.load(tmp_path, as_of=SAMPLE_AS_OF), as_of=SAMPLE_AS_OF).ties
        assert (ties["meetings"].fillna(0) > 0).sum() > 50
        assert (ties["emails_sent"].fillna(0) > 0).sum() > 30
        # the fortnightly one-to-one: about 24 occurrences in 335 days, one taken out by EXDATE
        assert ties["meetings"].max() >= 20
