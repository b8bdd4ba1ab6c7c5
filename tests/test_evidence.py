"""Calendar and mail wired into the network: who the owner is, who each attendee and correspondent is,
and the two frames the review reads (``Network.meetings``, ``Network.mails``).

The network in ``tests/data/evidence/network`` is small enough to work out by hand
(as of 2026-03-31; the owner is kim.owner@example.com, by the calendar's name and by
the mail labelled Sent):

calendar.ics (Google, Europe/Copenhagen)
  * weekly standup on Mondays 09:00 with Søren and Mette (a room too), online:
    2 Mar; 9 Mar is an EXDATE; 16 Mar moved to Tue 17 Mar 14:00, Mette declined;
    23 Mar cancelled; 30 Mar (07:00 UTC, summer time) -> 3 occurrences
  * 4 Mar client call by Jane Doe, Zoom: Jane, Ulla (nobody), Tom declined -> size 3
  * 5 Mar all-day offsite by "Lars Nielsen" <lars@partner.dk> (matched by name), offline
  * 6 Mar lunch with Ahmed: the owner declined -> nothing
  * 10 Mar intro call with "Wang, Li" (matched as Li Wang), online
  * 11 Mar board prep with Ida: cancelled -> nothing
  * 12 Mar focus time, alone -> nothing
  * 19 Mar summit: 41 people, Per Holm among 39 guests who are nobody -> one ``event``
  * 15 Apr coffee: after the review date -> not read
mail.mbox (Google Takeout)
  * 2 Mar sent to Søren, and his reply (the reply twice: kept once)
  * a newsletter, a no-reply alert, an offer from a stranger never answered -> nothing
  * 4 Mar sent to Mette, cc Lars and "Berg, Ida" -> three rows, one message_id
  * a mail without Date (left out), a draft to Per (not sent)
  * 9 Mar Mette's reply, 11 Mar Lars (broken header line) -> received
  * 12 Mar sent to Bo (off LinkedIn, contacts.csv's email), 13 Mar to Eva (nobody)
  * 2 Apr sent to Søren: after the review date
"""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pandas as pd
import pytest

import netanalysis
from netanalysis import commands
from netanalysis.errors import InputError, NetanalysisError, Problems
from netanalysis.io.inputs import resolve_inputs
from netanalysis.model.evidence import MAIL_COLUMNS, MEETING_COLUMNS

AS_OF = "2026-03-31"

MEETINGS = [  # person_id, date, kind, channel, occurrence, size
    ("c:soren-hansen", "2026-03-02", "meeting", "online", "o0", 3),
    ("c:mette-jensen", "2026-03-02", "meeting", "online", "o0", 3),
    ("c:jane-doe", "2026-03-04", "meeting", "online", "o1", 3),
    ("c:lars-nielsen", "2026-03-05", "meeting", "offline", "o2", 2),
    ("c:li-wang", "2026-03-10", "meeting", "online", "o3", 2),
    ("c:soren-hansen", "2026-03-17", "meeting", "online", "o4", 2),
    ("c:per-holm", "2026-03-19", "event", "offline", "o5", 41),
    ("c:soren-hansen", "2026-03-30", "meeting", "online", "o6", 3),
    ("c:mette-jensen", "2026-03-30", "meeting", "online", "o6", 3),
]
MAILS = [  # person_id, date (UTC), direction, message_id
    ("c:soren-hansen", "2026-03-02 09:15:00", "sent", "m0"),
    ("c:soren-hansen", "2026-03-02 12:00:30", "received", "m1"),
    ("c:mette-jensen", "2026-03-04 14:20:00", "sent", "m2"),
    ("c:lars-nielsen", "2026-03-04 14:20:00", "sent", "m2"),
    ("c:ida-berg", "2026-03-04 14:20:00", "sent", "m2"),
    ("c:mette-jensen", "2026-03-09 07:45:00", "received", "m3"),
    ("c:lars-nielsen", "2026-03-11 10:00:00", "received", "m4"),
    ("x:bo berg", "2026-03-12 18:00:00", "sent", "m5"),
]
#: Addresses, names and subjects of the calendar and the mail that are nobody's business but the user's.
SECRETS = ["kim.owner@example.com", "soren.hansen@example.com", "mette.jensen@example.com", "lars@partner.dk",
           "ulla@client.example", "eva@unknown.example", "bo@family.dk", "Ulla Ukendt", "Eva Ukendt", "Guest 07",
           "Carl Seller", "Weekly News", "Team standup", "Client call", "Strategy offsite", "Nordic Tech Summit",
           "Plan for workshoppen", "Opfølgning", "Middag på lørdag", "Tilbud", "Ugens nyheder", "standup-7f3a"]


def rows(meetings: pd.DataFrame) -> list[tuple]:
    return [(p, str(day.date()), kind, channel, key, size) for p, day, kind, channel, key, size
            in meetings.itertuples(index=False)]


@pytest.fixture
def network(copy_data):
    return copy_data("evidence/network")


@pytest.fixture
def net(network):
    return netanalysis.load(network, as_of=AS_OF)


class TestTheFrames:
    """Worked out by hand in the module docstring."""

    def test_meetings(self, net):
        assert list(net.meetings.columns) == MEETING_COLUMNS
        assert rows(net.meetings) == MEETINGS

    def test_mails(self, net):
        assert list(net.mails.columns) == MAIL_COLUMNS
        got = [(p, str(d), direction, m) for p, d, direction, m in net.mails.itertuples(index=False)]
        assert got == MAILS

    def test_dtypes(self, net):
        assert net.meetings.dtypes.astype(str).to_dict() == {
            "person_id": "object", "date": "datetime64[ns]", "kind": "object", "channel": "object",
            "occurrence": "object", "size": "int64"}
        assert net.mails.dtypes.astype(str).to_dict() == {
            "person_id": "object", "date": "datetime64[ns]", "direction": "object", "message_id": "object"}

    def test_declined_cancelled_alone_and_later_count_for_nothing(self, net):
        assert "c:ahmed-khan" not in set(net.meetings["person_id"])      # the declined lunch
        assert "c:ida-berg" not in set(net.meetings["person_id"])        # the cancelled board prep
        assert "c:tom-baker" not in set(net.meetings["person_id"])       # declined the client call
        assert net.meetings["date"].max() == pd.Timestamp("2026-03-30")  # the coffee on 15 April is later

    def test_conference_guests_and_newsletter_are_nobody(self, net):
        assert len(net.people) == 10                        # 9 connections and Bo (contacts.csv): nobody new
        summit = net.meetings[net.meetings["size"] == 41]
        assert summit[["person_id", "kind"]].values.tolist() == [["c:per-holm", "event"]]
        assert net.mails["person_id"].isin(net.people.index).all()
        assert net.evidence.unmatched == 2                  # Ulla (client call) and Eva (mail); not the guests

    def test_matched_by_address_and_by_name(self, net):
        # Søren: Connections.csv's address (written Soren.Hansen@ in the calendar); Mette and Bo: the email
        # column of contacts.csv; Lars: his name, shown with an address nobody has; Li and Ida: "Wang, Li"
        # and "Berg, Ida" as Outlook and Gmail write names.
        assert set(net.meetings["person_id"]) | set(net.mails["person_id"]) == {
            "c:soren-hansen", "c:mette-jensen", "c:jane-doe", "c:lars-nielsen", "c:li-wang", "c:per-holm",
            "c:ida-berg", "x:bo berg"}

    def test_no_address_name_or_subject_in_the_frames(self, net):
        text = net.meetings.to_csv() + net.mails.to_csv()
        assert "@" not in text
        for secret in SECRETS:
            assert secret.lower() not in text.lower()

    def test_summary(self, net):
        found = net.evidence
        assert found.owner_emails == ("kim.owner@example.com",)
        assert found.owner_source == "the calendar's name, X-WR-CALNAME and the senders of mail labelled Sent"
        assert (found.until, found.events, found.meetings, found.large_events, found.people_met) == (
            dt.date(2026, 3, 31), 11, 7, 1, 6)
        assert (found.mails, found.exchanges, found.correspondents, found.people_written) == (12, 7, 6, 5)

    def test_sources_and_missing(self, net, copy_data):
        assert net.sources["calendar"] == "calendar.ics" and net.sources["mail"] == "mail.mbox"
        assert not [m for m in net.missing() if "calendar" in m or "mail" in m]
        bare = netanalysis.load(copy_data("log/network", "bare"))
        assert bare.meetings is None and bare.mails is None and bare.evidence is None
        assert "calendar (.ics): meetings are counted only from your log" in bare.missing()
        assert "mail (.mbox): e-mails are counted only from your log" in bare.missing()

    def test_problems_on_the_network_have_no_addresses(self, net):
        assert any("repeating event" in p.message for p in net.problems)   # the rule without end, its UID masked
        assert not [p for p in net.problems if "@" in str(p)]


class TestTheDates:
    def test_without_as_of_up_to_the_latest_dated_evidence(self, network):
        net = netanalysis.load(network)
        assert net.evidence.until == dt.date(2026, 4, 2)       # the latest mail
        assert ("c:soren-hansen", "2026-04-02 09:00:00", "sent", "m6") in [
            (p, str(d), direction, m) for p, d, direction, m in net.mails.itertuples(index=False)]
        assert net.meetings["date"].max() == pd.Timestamp("2026-03-30")

    def test_as_of_cuts_the_expansion_and_the_mail(self, network):
        net = netanalysis.load(network, as_of="2026-03-10")
        assert net.evidence.until == dt.date(2026, 3, 10)
        assert net.meetings["date"].max() == pd.Timestamp("2026-03-10")
        assert net.mails["date"].max() < pd.Timestamp("2026-03-11")

    def test_a_calendar_alone_with_nothing_dated_is_not_read(self, tmp_path, data_dir):
        (tmp_path / "Connections.csv").write_text("First Name,Last Name,Connected On\n")
        shutil.copy(data_dir / "evidence/network/calendar.ics", tmp_path)
        problems = Problems()
        net = netanalysis.load(tmp_path, problems=problems)
        assert net.meetings is None
        assert [p.code for p in problems.warnings] == ["no-date"]


class TestSettings:
    def test_me_emails_from_goals(self, network):
        (network / "goals.toml").write_text('[me]\nemails = ["Kim.Owner@example.com", "kim@home.dk"]\n')
        net = netanalysis.load(network, as_of=AS_OF)
        assert net.evidence.owner_emails == ("kim.owner@example.com", "kim@home.dk")
        assert net.evidence.owner_source == "[me] emails in goals.toml"
        assert rows(net.meetings) == MEETINGS

    def test_max_meeting_size(self, network):
        (network / "goals.toml").write_text("[review]\nmax_meeting_size = 2\n")
        net = netanalysis.load(network, as_of=AS_OF)
        kinds = dict(zip(net.meetings["occurrence"], net.meetings["kind"]))
        assert kinds == {"o0": "event", "o1": "event", "o2": "meeting", "o3": "meeting", "o4": "meeting",
                         "o5": "event", "o6": "event"}

    def test_bad_goals(self, network):
        (network / "goals.toml").write_text('[me]\nemails = ["not an address"]\n[review]\nmax_meeting_size = 1\n')
        with pytest.raises(InputError) as error:
            netanalysis.load(network, as_of=AS_OF)
        assert {(p.column, p.code) for p in error.value.problems if p.severity == "error"} == {
            ("me.emails", "bad-goal"), ("review.max_meeting_size", "bad-goal")}


class TestAddresses:
    def test_a_name_two_connections_share_is_an_error(self, network):
        connections = network / "Connections.csv"
        connections.write_text(connections.read_text() + "Eva,Ukendt,https://www.linkedin.com/in/eva-1,,A,B,"
                               "01 Jan 2024\nEva,Ukendt,https://www.linkedin.com/in/eva-2,,C,D,01 Jan 2024\n")
        with pytest.raises(InputError) as error:
            netanalysis.load(network, as_of=AS_OF)
        problem = error.value.problems[0]
        assert (problem.file, problem.line, problem.value, problem.code) == (
            "mail.mbox", 157, "Eva Ukendt", "ambiguous-name")
        assert "matches 2 connections: Eva Ukendt (https://www.linkedin.com/in/eva-1, A)" in problem.message
        assert problem.fix.startswith("add their e-mail address to contacts.csv (email column)")
        # ... and the fix works
        contacts = network / "contacts.csv"
        contacts.write_text(contacts.read_text() + "https://www.linkedin.com/in/eva-2,,,eva@unknown.example,\n")
        net = netanalysis.load(network, as_of=AS_OF)
        assert net.mails["person_id"].tolist()[-1] == "c:eva-2"
        assert net.evidence.unmatched == 1

    def test_contacts_email_errors(self, network):
        (network / "contacts.csv").write_text(
            "contact,email\nMette Jensen,mette.jensen@example.com; not-an-address\n"
            "Ida Berg,mette.jensen@example.com\nLi Wang,soren.hansen@example.com\n")
        with pytest.raises(InputError) as error:
            netanalysis.load(network, as_of=AS_OF)
        got = [(p.line, p.column, p.value, p.code) for p in error.value.problems if p.severity == "error"]
        assert got == [(2, "email", "not-an-address", "bad-email"),
                       (3, "email", "mette.jensen@example.com", "duplicate-email"),
                       (4, "email", "soren.hansen@example.com", "duplicate-email")]

    def test_an_address_wins_over_the_name_shown(self, network):
        mbox = network / "mail.mbox"
        mbox.write_bytes(mbox.read_bytes() + b"\nFrom x Sat Mar 14 10:00:00 2026\nX-Gmail-Labels: Sent\n"
                         b"From: Kim Owner <kim.owner@example.com>\nTo: Jane Doe <soren.hansen@example.com>\n"
                         b"Date: Sat, 14 Mar 2026 10:00:00 +0000\n\nHi\n")
        net = netanalysis.load(network, as_of=AS_OF)
        assert net.mails.iloc[-1][["person_id", "direction"]].tolist() == ["c:soren-hansen", "sent"]


class TestInputs:
    def test_the_folder_finds_calendars_and_mailboxes(self, network):
        apple = network / "Sent Messages.mbox"
        apple.mkdir()
        (apple / "mbox").write_bytes(b"From x Sat Mar 14 10:00:00 2026\nFrom: Kim Owner <kim.owner@example.com>\n"
                                     b"To: Jane Doe <jane.doe@client.example>\n"
                                     b"Date: Sat, 14 Mar 2026 10:00:00 +0000\n\nHi\n")
        (network / ".hidden.ics").write_text("not read")
        inputs = resolve_inputs(network)
        assert [p.name for p in inputs.calendar] == ["calendar.ics"]
        assert [p.name for p in inputs.mail] == ["Sent Messages.mbox", "mail.mbox"]
        assert {"calendar", "mail", "mail 2"} <= set(inputs.given())
        net = netanalysis.load(network, as_of=AS_OF)
        assert ("c:jane-doe", "sent") in set(zip(net.mails["person_id"], net.mails["direction"]))
        assert net.sources["mail"] == "Sent Messages.mbox and 1 more"

    def test_explicit_files_win_and_must_exist(self, network, tmp_path):
        inputs = resolve_inputs(network, calendar=[network / "calendar.ics"], mail=None)
        assert inputs.calendar == (network / "calendar.ics",)
        with pytest.raises(InputError, match="does not exist"):
            resolve_inputs(network, mail=tmp_path / "nope.mbox")

    def test_no_output_over_a_calendar_or_a_mailbox(self, network):
        for target in ("calendar.ics", "mail.mbox"):
            with pytest.raises(NetanalysisError, match="refusing to overwrite"):
                commands.contacts(network, as_of=dt.date(2026, 3, 31), output=network / target)


class TestCheck:
    def test_summary(self, network):
        out = io.StringIO()
        assert commands.check(network, as_of=dt.date(2026, 3, 31), out=out)
        text = out.getvalue()
        assert "  calendar: 11 event occurrences read up to 2026-03-31, 7 attended (1 large event), " \
               "6 people matched\n" in text
        assert "  mail: 12 mails read, 7 exchanged with 6 correspondents, 5 people matched\n" in text
        assert "  calendar and mail: 2 addresses or names matching nobody\n" in text
        assert "  me (calendar and mail): kim.owner@example.com (from the calendar's name, X-WR-CALNAME and the senders of mail " \
               "labelled Sent)\n" in text
        assert "warning: calendar and mail: 2 people you met or wrote with match nobody" in text

    def test_calendar_and_mail_problems_are_listed(self, network):
        (network / "broken.ics").write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:no-start-1\r\n"
                                             b"SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        (network / "empty.mbox").write_bytes(b"")
        (network / "letter.mbox").write_bytes(b"Dear Kim,\nthis is not a mailbox.\n")
        out = io.StringIO()
        assert not commands.check(network, as_of=dt.date(2026, 3, 31), out=out)
        lines = out.getvalue().splitlines()
        assert "error: empty.mbox: is empty. Fix: export the mail as .mbox (Google Takeout > Mail; Thunderbird: " \
               "ImportExportTools NG; Apple Mail: Mailbox > Export Mailbox)" in lines
        assert any(line.startswith("error: letter.mbox line 1: is not an mbox file") for line in lines)
        assert any(line.startswith("warning: broken.ics line 2: event 'no-start-1'") for line in lines)
        assert any(line.startswith("warning: mail.mbox line 102: this message has no Date header") for line in lines)
        assert "  3 error(s)" not in out.getvalue() and "  2 error(s)" in out.getvalue()
        with pytest.raises(InputError):
            netanalysis.load(network, as_of=AS_OF)


class TestPrivacy:
    """Subjects and addresses never reach a report; an anonymised copy's calendar and mail are written again
    from the frames, so none of them reaches it either."""

    NAMES = ["Søren Hansen", "Mette Jensen", "Lars Nielsen", "Jane Doe", "Per Holm", "Bo Berg", "Ida Berg"]

    def test_anonymize_writes_calendar_and_mail_again_without_secrets(self, network, tmp_path, capsys):
        import re

        (network / "goals.toml").write_text('[mission]\nstatement = "Grow"\n[me]\nemails = ["kim.owner@example.com"]\n'
                                            '[review]\nwindow_days = 300\n')
        out = tmp_path / "handin"
        from netanalysis import cli

        assert cli.main(["anonymize", str(network), "-o", str(out), "--salt", "s", "--as-of", AS_OF]) == 0
        assert "warning" not in capsys.readouterr().err
        names = sorted(p.name for p in out.iterdir())
        assert names == ["Connections.csv", "calendar.ics", "contacts.csv", "goals.toml", "interactions.csv",
                         "mail.mbox"]
        text = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
        unfolded = re.sub(r"\r?\n[ \t]+", "", text)
        assert "window_days = 300" in text and "[me]" not in text
        for secret in SECRETS + self.NAMES:
            assert secret.lower() not in unfolded.lower(), secret
        assert "@" not in re.sub(r"[\w.+-]+@(?:[\w-]+\.)*invalid\b", "", unfolded)

    def test_anonymize_no_longer_warns_the_library_user(self, network, tmp_path):
        import warnings

        from netanalysis.anonymize import anonymize_inputs

        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)
            written = anonymize_inputs(resolve_inputs(network), tmp_path / "copy", salt="s", as_of=AS_OF)
        assert {"calendar.ics", "mail.mbox"} <= {p.name for p in written}

    @pytest.mark.parametrize("anonymize", [False, True])
    def test_report_shows_no_subject_and_no_address(self, network, tmp_path, anonymize):
        html, summary = tmp_path / "r.html", tmp_path / "s.json"
        commands.report(network, as_of=dt.date(2026, 3, 31), output=html, json_path=summary, anonymize=anonymize)
        text = html.read_text(encoding="utf-8") + summary.read_text(encoding="utf-8")
        for secret in SECRETS + (self.NAMES if anonymize else []):
            assert secret.lower() not in text.lower(), secret

    def test_pseudonymised_network_keeps_the_evidence_under_new_ids(self, net):
        from netanalysis.anonymize import pseudonymise_network

        anon = pseudonymise_network(net, salt="s")
        assert set(anon.meetings["person_id"]) <= set(anon.people.index)
        assert set(anon.mails["person_id"]) <= set(anon.people.index)
        assert anon.meetings["occurrence"].tolist() == net.meetings["occurrence"].tolist()
        assert anon.evidence.owner_emails == () and anon.evidence.meetings == net.evidence.meetings


class TestTheReviewReadsThem:
    """The frames feed the review (analysis/ reads them): per-contact counts, last contact, ties.

    By hand from the module docstring: Søren met 3 times (2, 17, 30 March), wrote and was written to once
    (the mail of 2 April is after the review date); Mette met twice, one mail each way; Lars met at the
    offsite, one mail each way; Per only at the summit (an event: contact, but no tie); Bo one mail.
    """

    def test_per_contact(self, net):
        table = netanalysis.review(net, as_of=AS_OF).contacts.set_index("contact")
        got = {name: (row["meetings"], row["emails_sent"], row["emails_received"], row["last_contact"])
               for name, row in table.iterrows()}
        assert got == {
            "Søren Hansen": (3, 1, 1, "2026-03-30"), "Mette Jensen": (2, 1, 1, "2026-03-30"),
            "Lars Nielsen": (1, 1, 1, "2026-03-11"), "Jane Doe": (1, 0, 0, "2026-03-04"),
            "Ahmed Khan": (0, 0, 0, ""), "Ida Berg": (0, 1, 0, "2026-03-04"), "Li Wang": (1, 0, 0, "2026-03-10"),
            "Tom Baker": (0, 0, 0, ""), "Per Holm": (1, 0, 0, "2026-03-19"), "Bo Berg": (0, 1, 0, "2026-03-12")}

    def test_ties(self, net):
        graph = netanalysis.review(net, as_of=AS_OF).graph
        ties = {tuple(sorted((a, b))) for a, b in graph.edges() if "me" not in (a, b)}
        assert ties == {("c:mette-jensen", "c:soren-hansen"), ("c:ida-berg", "c:lars-nielsen"),
                        ("c:ida-berg", "c:mette-jensen"), ("c:lars-nielsen", "c:mette-jensen")}
