"""The anonymiser's calendar and mail: written again from what the loader kept, the same meetings and mails.

A small network worked out by hand (the owner is kim@me.example, by ``[me] emails``;
the log ends on 10 March, the latest mail is a stranger's on 21 March):

calendar.ics (UTC)
  * 2 Mar project sync with Bo and Cy, in a meeting room -> a meeting of 3, offline
  * weekly 1:1 with Cy on Tuesdays from 3 Mar, a Meet link, no end -> 3, 10, 17 Mar (and on, with a later date)
  * 4 Mar call with both Ann Lees (told apart by their addresses only) and Zed, who is nobody, on Zoom -> 4, online
  * 5 Mar conference: Di and 18 guests who are nobody -> an event of 20
  * 6 Mar lunch with Ed: the owner declined -> nothing
  * 9 Mar review with Fay: cancelled -> nothing
  * 20 Mar coffee with Bo -> a meeting of 2 (after the log's last day, before the last mail)
mail.mbox
  * a newsletter (3 Mar), and a mail from Cy (9 Mar), whom the owner never wrote to -> nothing
  * 4 Mar to Bo, 5 Mar Bo's reply, 6 Mar the owner's answer -> sent, received, sent
  * 8 Mar to Ann Lee (the first) and Di together -> two rows, one mail
  * 21 Mar a recruiter never answered -> nothing, but the latest mail: the calendar is read up to that day
"""
from __future__ import annotations

import datetime as dt
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import icalendar
import pytest

import netanalysis
from netanalysis import cli
from netanalysis.anonymize import AnonymizeError, anonymize, anonymize_inputs
from netanalysis.io.inputs import resolve_inputs

from test_anonymize import copy_text, evidence_originals, without_invalid_addresses

SALT = "evidence-salt"
UTC = dt.timezone.utc
OWNER = "kim@me.example"
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ann,Lee,https://www.linkedin.com/in/ann-lee-1,ann.one@acme.example,Acme,Engineer,04 Jul 2023
Ann,Lee,https://www.linkedin.com/in/ann-lee-2,ann.two@beta.example,Beta,Engineer,05 Jul 2023
Bo,Berg,https://www.linkedin.com/in/bo-berg,,Acme,Designer,06 Jul 2023
Cy,Dahl,https://www.linkedin.com/in/cy-dahl,,Gamma,CTO,07 Jul 2023
Di,Eng,https://www.linkedin.com/in/di-eng,di@eng.example,Delta,Analyst,08 Jul 2023
Ed,Fox,https://www.linkedin.com/in/ed-fox,,Acme,Manager,09 Jul 2023
Fay,Gul,https://www.linkedin.com/in/fay-gul,,Epsilon,Student,10 Jul 2023
"""
LOG = """date,contact,kind,direction
2026-03-01,Bo Berg,coffee,gave
2026-03-10,Cy Dahl,call,mutual
"""
GOALS = f'[mission]\nstatement = "Grow"\n[me]\nemails = ["{OWNER}"]\n'
#: Who took part, by the day: (kind, channel, size, people) per occurrence.
MEETINGS = {
    ("2026-03-02", "meeting", "offline", 3, ("c:bo-berg", "c:cy-dahl")),
    ("2026-03-03", "meeting", "online", 2, ("c:cy-dahl",)),
    ("2026-03-04", "meeting", "online", 4, ("c:ann-lee-1", "c:ann-lee-2")),
    ("2026-03-05", "event", "offline", 20, ("c:di-eng",)),
    ("2026-03-10", "meeting", "online", 2, ("c:cy-dahl",)),
    ("2026-03-17", "meeting", "online", 2, ("c:cy-dahl",)),
    ("2026-03-20", "meeting", "offline", 2, ("c:bo-berg",)),
}
#: (day, direction, people) per mail.
MAILS = {
    ("2026-03-04", "sent", ("c:bo-berg",)),
    ("2026-03-05", "received", ("c:bo-berg",)),
    ("2026-03-06", "sent", ("c:bo-berg",)),
    ("2026-03-08", "sent", ("c:ann-lee-1", "c:di-eng")),
}
SECRETS = ["Project sync", "Meeting room 3", "zoom.us", "meet.google.com", "Nordic Summit", "Bella Center",
           "agenda: the budget", "Lunch", "Plan for spring", "Opportunity", "Weekly news", "the body of the mail",
           "Zed Nobody", "zed@nowhere.example", "recruiter@talent.example", "ann.one@acme.example", OWNER,
           "bo@private.example", "uid-sync-1", "<plan-1@me.example>", "Cy Dahl", "Bo Berg", "Ann Lee", "Di Eng"]


def _person(address: str, name: str = "", status: str = "ACCEPTED") -> icalendar.vCalAddress:
    value = icalendar.vCalAddress(f"mailto:{address}")
    if name:
        value.params["CN"] = icalendar.vText(name)
    value.params["PARTSTAT"] = status
    return value


def _event(uid: str, start: dt.datetime, summary: str, people: list[tuple[str, str]], *, location: str = "",
           status: str = "CONFIRMED", owner_status: str = "ACCEPTED", rrule: dict | None = None) -> icalendar.Event:
    event = icalendar.Event()
    for key, value in (("uid", uid), ("dtstamp", start), ("dtstart", start), ("dtend", start + dt.timedelta(hours=1)),
                       ("summary", summary), ("status", status), ("description", "agenda: the budget")):
        event.add(key, value)
    if location:
        event.add("location", location)
    if rrule:
        event.add("rrule", rrule)
    event.add("organizer", icalendar.vCalAddress(f"mailto:{OWNER}"))
    event.add("attendee", _person(OWNER, "Kim Owner", owner_status))
    for address, name in people:
        event.add("attendee", _person(address, name))
    return event


def calendar_bytes() -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    day = lambda d, h=9: dt.datetime(2026, 3, d, h, 0, tzinfo=UTC)  # noqa: E731
    bo, cy = ("bo@private.example", "Bo Berg"), ("cy@dahl.example", "Cy Dahl")
    for event in (
            _event("uid-sync-1", day(2), "Project sync", [bo, cy], location="Meeting room 3"),
            _event("uid-1on1", day(3, 8), "1:1 Cy", [cy], location="https://meet.google.com/abc-defg-hij",
                   rrule={"freq": "weekly"}),
            _event("uid-call", day(4), "Call with the Lees",
                   [("ann.one@acme.example", "Ann Lee"), ("ann.two@beta.example", "Ann Lee"),
                    ("zed@nowhere.example", "Zed Nobody")],
                   location="https://acme.zoom.us/j/123"),
            _event("uid-summit", day(5, 8), "Nordic Summit", [("di@eng.example", "Di Eng")]
                   + [(f"guest{n}@summit.example", f"Guest {n:02d}") for n in range(18)], location="Bella Center"),
            _event("uid-lunch", day(6, 11), "Lunch", [("ed@fox.example", "Ed Fox")], owner_status="DECLINED"),
            _event("uid-review", day(9), "Review", [("fay@gul.example", "Fay Gul")], status="CANCELLED"),
            _event("uid-coffee", day(20, 14), "Coffee", [bo], location="Café Norden")):
        cal.add_component(event)
    return cal.to_ical()


def mailbox_bytes() -> bytes:
    me = Address("Kim Owner", addr_spec=OWNER)
    bo = Address("Bo Berg", addr_spec="bo@private.example")
    parts = []

    def mail(day: int, sender, to, subject: str, labels: str, message_id: str, extra=()) -> None:
        msg = EmailMessage()
        msg["From"], msg["To"] = sender, to
        msg["Date"] = format_datetime(dt.datetime(2026, 3, day, 15, 30, tzinfo=UTC))
        msg["Subject"], msg["Message-ID"], msg["X-Gmail-Labels"] = subject, message_id, labels
        for key, value in extra:
            msg[key] = value
        msg.set_content("the body of the mail\n")
        parts.append(f"From x@xxx Mon Mar {day:02d} 15:30:00 +0000 2026\n{msg.as_string()}\n")

    mail(3, Address("Weekly news", addr_spec="news@letter.example"), [me], "Weekly news", "Inbox",
         "<n1@letter.example>", [("List-Unsubscribe", "<mailto:off@letter.example>")])
    mail(4, me, [bo], "Plan for spring", "Sent", "<plan-1@me.example>")
    mail(5, bo, [me], "Re: Plan for spring", "Inbox", "<plan-2@private.example>")
    mail(6, me, [bo], "Re: Plan for spring", "Sent", "<plan-3@me.example>")
    mail(8, me, [Address("Ann Lee", addr_spec="ann.one@acme.example"), Address("Di Eng", addr_spec="di@eng.example")],
         "Intro", "Sent", "<intro-1@me.example>")
    mail(9, Address("Cy Dahl", addr_spec="cy@dahl.example"), [me], "Hello", "Inbox", "<cy-1@dahl.example>")
    mail(21, Address("Rita Recruit", addr_spec="recruiter@talent.example"), [me], "Opportunity", "Inbox",
         "<job-1@talent.example>")
    return "".join(parts).encode("utf-8")


@pytest.fixture
def network(tmp_path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (folder / "interactions.csv").write_text(LOG, encoding="utf-8")
    (folder / "goals.toml").write_text(GOALS, encoding="utf-8")
    (folder / "calendar.ics").write_bytes(calendar_bytes())
    (folder / "mail.mbox").write_bytes(mailbox_bytes())
    return folder


def meetings(net, mapping: dict | None = None) -> set[tuple]:
    """The occurrences of ``net.meetings`` without their opaque keys, person ids through ``mapping``."""
    ids = mapping or {}
    out = set()
    for _, group in net.meetings.groupby("occurrence"):
        first = group.iloc[0]
        out.add((str(first["date"].date()), first["kind"], first["channel"], int(first["size"]),
                 tuple(sorted(ids.get(p, p) for p in group["person_id"]))))
    return out


def mails(net, mapping: dict | None = None) -> set[tuple]:
    ids = mapping or {}
    return {(str(group["date"].iloc[0].date()), group["direction"].iloc[0],
             tuple(sorted(ids.get(p, p) for p in group["person_id"]))) for _, group in net.mails.groupby("message_id")}


def _mapped(rows: set[tuple], mapping: dict) -> set[tuple]:
    return {(*row[:-1], tuple(sorted(mapping[p] for p in row[-1]))) for row in rows}


def test_the_hand_made_case_has_the_answers_worked_out_by_hand(network):
    net = netanalysis.load(network)
    assert net.evidence.until == dt.date(2026, 3, 21)  # the recruiter's mail
    assert meetings(net) == MEETINGS and mails(net) == MAILS
    assert net.evidence.unmatched == 1  # Zed; not the summit's guests, not the recruiter


@pytest.mark.parametrize("as_of", [None, "2026-03-21", "2026-03-12"])
def test_the_copy_has_the_same_meetings_and_mails(network, tmp_path, as_of):
    mapping: dict = {}
    out = tmp_path / "copy"
    anonymize_inputs(resolve_inputs(network), out, salt=SALT, mapping=mapping, as_of=as_of)
    before, after = netanalysis.load(network, as_of=as_of), netanalysis.load(out, as_of=as_of)
    assert after.evidence.until == before.evidence.until
    assert meetings(after) == _mapped(meetings(before), mapping)
    assert mails(after) == _mapped(mails(before), mapping)
    assert after.evidence.unmatched == before.evidence.unmatched
    assert (after.evidence.exchanges, after.evidence.correspondents) == (before.evidence.exchanges,
                                                                         before.evidence.correspondents)
    if as_of == "2026-03-12":
        assert {m[0] for m in meetings(after)} == {"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05",
                                                   "2026-03-10"}
    # The declined lunch and the cancelled review count for nothing, in both.
    for person in ("c:ed-fox", "c:fay-gul"):
        assert person not in set(before.meetings["person_id"])
        assert mapping[person] not in set(after.meetings["person_id"])
    a = netanalysis.review(before, as_of=as_of or "2026-03-21").contacts.rename(index=mapping)
    b = netanalysis.review(after, as_of=as_of or "2026-03-21").contacts.loc[a.index]
    for column in ("meetings", "emails_sent", "emails_received", "last_contact", "layer"):
        assert a[column].tolist() == b[column].tolist(), column
    assert b["strength"].tolist() == pytest.approx(a["strength"].tolist())


def test_the_copy_holds_each_occurrence_and_nothing_of_the_originals(network, tmp_path):
    out = tmp_path / "copy"
    anonymize_inputs(resolve_inputs(network), out, salt=SALT, as_of="2026-03-31")
    calendar = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    # Every occurrence on its own: four meetings and the weekly 1:1 up to 31 March (3, 10, 17, 24 and 31 March).
    assert len(events) == 9 and not [e for e in events if "RRULE" in e]
    assert not [e for e in events if {"SUMMARY", "LOCATION", "DESCRIPTION"} & set(e)]
    assert str(calendar["X-WR-CALNAME"]) == "me@owner.invalid"
    text = copy_text(out)
    tokens = evidence_originals(network)
    assert {"Project sync", "Meeting room 3", "zed@nowhere.example", "Plan for spring", "plan-1@me.example",
            "Zed Nobody", "uid-sync-1", "Café Norden"} <= tokens
    evidence = copy_text(out, ["calendar.ics", "mail.mbox"])
    assert "X-GOOGLE-CONFERENCE" in evidence and "Message-ID" in evidence
    for secret in sorted(tokens):
        assert secret.lower() not in evidence.lower(), secret
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret
    assert "@" not in without_invalid_addresses(text)
    assert "[me]" not in (out / "goals.toml").read_text(encoding="utf-8")


def test_namesakes_told_apart_by_address_get_their_pseudonymous_address_in_connections(network, tmp_path):
    mapping: dict = {}
    out = tmp_path / "copy"
    anonymize_inputs(resolve_inputs(network), out, salt=SALT, mapping=mapping)
    copy = netanalysis.load(out)
    people = copy.people
    lees = [mapping["c:ann-lee-1"], mapping["c:ann-lee-2"]]
    assert people.loc[lees[0], "contact"] == people.loc[lees[1], "contact"]  # one pseudonym, as one name before
    addresses = people.loc[lees, "email"].tolist()
    assert all(a.endswith("@people.invalid") for a in addresses) and addresses[0] != addresses[1]
    assert (people.drop(index=lees)["email"] == "").all()  # the others are matched by their pseudonym
    assert mails(copy) == _mapped(MAILS, mapping)


def test_same_salt_same_bytes(network, tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, salt in ((first, SALT), (second, SALT), (other, "another salt")):
        anonymize_inputs(resolve_inputs(network), out, salt=salt, as_of="2026-03-21")
    files = sorted(p.name for p in first.iterdir())
    assert {"calendar.ics", "mail.mbox"} <= set(files)
    assert {n: (first / n).read_bytes() for n in files} == {n: (second / n).read_bytes() for n in files}
    uids = lambda folder: set(re.findall(r"UID:(\S+)", (folder / "calendar.ics").read_text()))  # noqa: E731
    assert uids(first) and not uids(first) & uids(other)


@pytest.mark.parametrize("keep", ["calendar.ics", "mail.mbox"])
def test_a_file_only_when_the_input_had_it(network, tmp_path, keep):
    gone = {"calendar.ics": "mail.mbox", "mail.mbox": "calendar.ics"}[keep]
    (network / gone).unlink()
    mapping: dict = {}
    out = tmp_path / "copy"
    written = {p.name for p in anonymize_inputs(resolve_inputs(network), out, salt=SALT, mapping=mapping)}
    assert keep in written and gone not in written
    before, after = netanalysis.load(network), netanalysis.load(out)
    frame = meetings if keep == "calendar.ics" else mails
    assert frame(after) == _mapped(frame(before), mapping)
    assert getattr(after, "mails" if keep == "calendar.ics" else "meetings") is None


def test_force_removes_stale_calendars_and_refuses_a_mailbox_folder(network, tmp_path):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "kim@me.example.ics").write_bytes(calendar_bytes())
    (network / "mail.mbox").unlink()
    anonymize(network, output=out, salt=SALT, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["Connections.csv", "calendar.ics", "goals.toml",
                                                     "interactions.csv"]
    (out / "Inbox.mbox").mkdir()
    with pytest.raises(AnonymizeError, match="mailbox folder Inbox.mbox"):
        anonymize(network, output=out, salt=SALT, force=True)


def test_cli_anonymize_reads_the_calendar_as_of_the_date_given(network, tmp_path, capsys):
    out = tmp_path / "copy"
    assert cli.main(["anonymize", str(network), "-o", str(out), "--salt", SALT, "--as-of", "2026-03-12"]) == 0
    assert "warning" not in capsys.readouterr().err
    events = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e.decoded("DTSTART").date()) for e in events) == [
        "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-10"]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["anonymize", str(network), "-o", str(tmp_path / "bad"), "--as-of", "12/03/2026"])
    assert exit_.value.code == 2 and "not an ISO date" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()


def test_a_name_without_letters_off_linkedin_keeps_its_address_in_contacts(network, tmp_path):
    """Someone off LinkedIn named ``🚀`` can only be matched by address: the copy's contacts.csv gives
    them their pseudonymous one (an ``email`` column)."""
    (network / "contacts.csv").write_text("contact,circle,email\n🚀,friend,rocket@x.example\n", encoding="utf-8")
    cal = icalendar.Calendar.from_ical(calendar_bytes())
    cal.add_component(_event("uid-rocket", dt.datetime(2026, 3, 7, 9, tzinfo=UTC), "Rocket",
                             [("rocket@x.example", ""), ("bo@private.example", "Bo Berg")]))
    (network / "calendar.ics").write_bytes(cal.to_ical())
    msg = EmailMessage()
    msg["From"], msg["To"] = Address("Kim Owner", addr_spec=OWNER), Address("🚀", addr_spec="rocket@x.example")
    msg["Date"], msg["X-Gmail-Labels"] = "Sat, 07 Mar 2026 18:00:00 +0100", "Sent"
    msg.set_content("launch\n")
    with (network / "mail.mbox").open("a", encoding="utf-8") as mbox:
        mbox.write(f"From x@xxx Sat Mar 07 17:00:00 +0000 2026\n{msg.as_string()}\n")
    mapping: dict = {}
    out = tmp_path / "copy"
    anonymize_inputs(resolve_inputs(network), out, salt=SALT, mapping=mapping)
    before, after = netanalysis.load(network), netanalysis.load(out)
    assert ("2026-03-07", "meeting", "offline", 3, ("c:bo-berg", "x:🚀")) in meetings(before)
    assert ("2026-03-07", "sent", ("x:🚀",)) in mails(before)
    assert meetings(after) == _mapped(meetings(before), mapping)
    assert mails(after) == _mapped(mails(before), mapping)
    contacts = (out / "contacts.csv").read_text(encoding="utf-8").splitlines()
    assert contacts[0].split(",")[-2:] == ["email", "notes"] and "@people.invalid" in contacts[1]


def test_a_calendar_read_for_no_date_is_copied_empty(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\nBo,Berg,\n", encoding="utf-8")
    (folder / "calendar.ics").write_bytes(calendar_bytes())
    out = tmp_path / "copy"
    anonymize_inputs(resolve_inputs(folder), out, salt=SALT)
    assert icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes()).walk("VEVENT") == []
    problems = netanalysis.Problems()
    copy = netanalysis.load(out, problems=problems)
    assert copy.meetings is None and [p.code for p in problems.warnings] == ["no-date"]
