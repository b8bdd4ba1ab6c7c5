"""``log add`` (one row appended to the user's log, checked as the reader checks it; the file's bytes kept)
and ``log draft`` (calendar and mail evidence not yet in the log, as rows to annotate)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os

import pytest

import netanalysis
from netanalysis import cli, commands
from netanalysis.errors import InputError, NetanalysisError
from netanalysis.io import logfile

CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
               "Søren,Hansen,https://www.linkedin.com/in/soren-hansen,,Bank,CTO,04 Jul 2023\n"
               "Ann,Lee,https://www.linkedin.com/in/ann-lee-1,,Acme,Dev,04 Jul 2023\n"
               "Ann,Lee,https://www.linkedin.com/in/ann-lee-2,,Other,PM,04 Jul 2023\n"
               "Mette,Jensen,https://www.linkedin.com/in/mette-jensen,,Acme,Designer,10 Jan 2024\n")
LOG = "date,contact,kind,direction,value,purpose,channel,with,notes\n2026-03-01,Søren Hansen,coffee,gave,,,,,\n"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    return folder


def add(folder, contact="Soren Hansen", kind="coffee", direction="gave", **options):
    options.setdefault("date", "2026-03-14")
    return commands.log_add(contact, kind, direction, folder=folder, **options)


class TestValidation:
    """Each error the reader (and the loader's name matching) would give, and nothing written."""

    @pytest.mark.parametrize("options, column, code, fix", [
        ({"date": "2026-02-30"}, "date", "bad-date", "write dates as ISO"),
        ({"date": "03/14/2026"}, "date", "month-first", "write it as 2026-03-14 (ISO)"),
        ({"date": ""}, "date", "missing-value", "write dates as ISO"),
        ({"direction": "gve"}, "direction", "bad-direction", "did you mean 'gave'?"),
        ({"value": "7"}, "value", "bad-value", "write 1 (little) to 5"),
        ({"value": "x"}, "value", "bad-value", "write 1 (little) to 5"),
        ({"channel": "onlin"}, "channel", "bad-channel", "did you mean 'online'?"),
        ({"contact": ""}, "contact", "missing-value", "write the person's name"),
        ({"kind": ""}, "kind", "missing-value", "use one of coffee"),
        ({"contact": "Ann Lee"}, "contact", "ambiguous-name", "write that person's LinkedIn profile URL"),
        ({"with_": "Mette Jensen;ann lee"}, "with", "ambiguous-name", "write that person's LinkedIn profile URL"),
    ])
    def test_an_error_writes_nothing(self, folder, options, column, code, fix):
        log = folder / "interactions.csv"
        log.write_text(LOG, encoding="utf-8")
        with pytest.raises(InputError) as error:
            add(folder, **options)
        problem = error.value.problems[0]
        assert (problem.file, problem.line, problem.column, problem.code) == ("interactions.csv", 3, column, code)
        assert fix in problem.fix
        assert log.read_text(encoding="utf-8") == LOG
        assert sorted(p.name for p in folder.iterdir()) == ["Connections.csv", "interactions.csv"]

    def test_several_errors_are_all_given(self, folder):
        with pytest.raises(InputError) as error:
            add(folder, direction="gve", value="9", date="yesterday")
        assert sorted(p.column for p in error.value.problems) == ["date", "direction", "value"]
        assert not (folder / "interactions.csv").exists()

    def test_a_value_for_a_column_the_file_lacks(self, folder):
        log = folder / "interactions.csv"
        log.write_text("date,contact,kind,direction\n", encoding="utf-8")
        with pytest.raises(InputError, match="has no 'notes' column") as error:
            add(folder, notes="lunch")
        assert error.value.problems[0].fix.startswith("add a 'notes' column")
        assert log.read_text() == "date,contact,kind,direction\n"

    def test_a_file_that_is_not_a_log(self, folder):
        with pytest.raises(NetanalysisError, match="is your connections input .*; refusing to overwrite it"):
            commands.log_add("Soren Hansen", "coffee", "gave", date="2026-03-14",
                             interactions=folder / "Connections.csv")
        other = folder / "notes.csv"
        other.write_text("when,who\n2026-01-01,Ann\n")
        with pytest.raises(InputError, match="has no header line with the required column"):
            commands.log_add("Soren Hansen", "coffee", "gave", date="2026-03-14", interactions=other)
        assert other.read_text() == "when,who\n2026-01-01,Ann\n"

    def test_warnings_are_given_and_the_row_is_written(self, folder):
        row = add(folder, contact="Soren Hansn", kind="podcast")
        assert [(w.column, w.code) for w in row.warnings] == [("kind", "unknown-kind"), ("contact", "off-linkedin")]
        assert row.warnings[1].fix == "did you mean 'Søren Hansen'?"
        assert (folder / "interactions.csv").read_text().splitlines()[-1] == "2026-03-14,Soren Hansn,podcast,gave,,,,,"

    def test_a_person_already_off_linkedin_is_no_warning(self, folder):
        (folder / "interactions.csv").write_text(LOG + "2026-03-02,Karen Family,meal,gave,,,,,\n")
        assert add(folder, contact="karen family").warnings == ()


class TestTheFileKeepsItsBytes:
    def appended(self, folder, data: bytes, **options) -> bytes:
        log = folder / "interactions.csv"
        log.write_bytes(data)
        add(folder, **options)
        after = log.read_bytes()
        assert after.startswith(data)                 # byte-identical, but for the line added
        return after[len(data):]

    def test_semicolon_bom_crlf(self, folder):
        data = "\ufeffdate;contact;kind;direction;notes\r\n2026-03-01;Søren Hansen;coffee;gave;\r\n".encode()
        assert self.appended(folder, data, notes="a; b") == b'2026-03-14;Soren Hansen;coffee;gave;"a; b"\r\n'

    def test_no_final_newline(self, folder):
        data = b"date,contact,kind,direction\n2026-03-01,Soren Hansen,coffee,gave"
        assert self.appended(folder, data) == b"\n2026-03-14,Soren Hansen,coffee,gave"

    def test_the_header_order_and_other_columns(self, folder):
        data = b"Contact,Date,Mood,Direction,Kind,With\n"
        assert self.appended(folder, data, with_="Mette Jensen", kind="meal") == \
            b"Soren Hansen,2026-03-14,,gave,meal,Mette Jensen\n"

    def test_quotes_and_line_breaks_in_values(self, folder):
        data = LOG.encode()
        assert self.appended(folder, data, notes='said "hi",\nthen left') == \
            b'2026-03-14,Soren Hansen,coffee,gave,,,,,"said ""hi"", then left"\n'

    def test_utf16(self, folder):
        data = "date\tcontact\tkind\tdirection\r\n".encode("utf-16")
        assert self.appended(folder, data, contact="Søren Hansen") == \
            "2026-03-14\tSøren Hansen\tcoffee\tgave\r\n".encode("utf-16-le")

    def test_the_log_reads_back_with_the_row(self, folder):
        (folder / "interactions.csv").write_text(LOG)
        add(folder, contact="https://www.linkedin.com/in/ann-lee-2", kind="intro", with_="Mette Jensen", value="5",
            purpose="sales;job", channel="online")
        net = netanalysis.load(folder)
        last = net.log.iloc[-1]
        assert (last["person_id"], last["with_ids"], last["value"], last["purpose"]) == (
            "c:ann-lee-2", ("c:mette-jensen",), 5, "sales;job")

    def test_a_missing_file_is_created_with_its_header(self, folder):
        row = add(folder)
        assert (folder / "interactions.csv").read_bytes() == (
            b"date,contact,kind,direction,value,purpose,channel,with,notes\n2026-03-14,Soren Hansen,coffee,gave,,,,,\n")
        assert row.line == 2

    def test_an_explicit_file_elsewhere(self, folder, tmp_path):
        log = tmp_path / "elsewhere" / "my log.csv"
        log.parent.mkdir()
        commands.log_add("Soren Hansen", "call", "received", date="2026-03-14", interactions=log, folder=folder)
        assert log.read_text().splitlines()[1] == "2026-03-14,Soren Hansen,call,received,,,,,"
        assert not (folder / "interactions.csv").exists()

    def test_a_failure_leaves_the_file_intact(self, folder, monkeypatch):
        log = folder / "interactions.csv"
        log.write_text(LOG)
        os.chmod(log, 0o640)

        def broken(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(logfile.os, "replace", broken)
        with pytest.raises(OSError):
            add(folder)
        assert log.read_text() == LOG
        assert sorted(p.name for p in folder.iterdir()) == ["Connections.csv", "interactions.csv"]  # no temp file
        monkeypatch.undo()
        add(folder)
        assert oct(log.stat().st_mode & 0o777) == "0o640"           # the file's permissions are kept

    def test_a_file_changed_meanwhile_is_not_replaced(self, tmp_path):
        log = tmp_path / "interactions.csv"
        log.write_bytes(b"date,contact,kind,direction\nchanged\n")
        with pytest.raises(InputError, match="changed while the row was being added"):
            logfile.append_atomic(log, b"date,contact,kind,direction\n", b"2026-03-14,A,call,gave\n")
        assert log.read_bytes() == b"date,contact,kind,direction\nchanged\n"
        assert [p.name for p in tmp_path.iterdir()] == ["interactions.csv"]


class TestCommandLine:
    def test_add(self, folder, capsys):
        assert cli.main(["log", "add", "Soren Hansen", "coffee", "gave", "--with", "Mette Jensen", str(folder)]) == 0
        assert capsys.readouterr().out.startswith("added line 2 to ")
        row = (folder / "interactions.csv").read_text().splitlines()[1]
        assert row == f"{dt.date.today().isoformat()},Soren Hansen,coffee,gave,,,,Mette Jensen,"

    def test_options_before_the_folder_and_errors_one_per_line(self, folder, capsys):
        assert cli.main(["log", "add", "Ann Lee", "coffee", "gve", "--date", "2026-03-40", str(folder)]) == 1
        err = capsys.readouterr().err.splitlines()
        assert [line.split(":")[1] for line in err] == [" interactions.csv line 2, column 'date'",
                                                        " interactions.csv line 2, column 'direction'"]
        assert not (folder / "interactions.csv").exists()

    def test_without_a_log_to_add_to(self, capsys):
        assert cli.main(["log", "add", "Ann Lee", "coffee", "gave"]) == 1
        assert "give the folder that holds interactions.csv, or --interactions FILE" in capsys.readouterr().err


DRAFT = [  # the evidence network of test_evidence.py, with its log (Søren on 2 March, Jane on 4 March)
    "date,contact,kind,direction,value,purpose,channel,with,notes",
    "2026-03-02,Mette Jensen,meeting,,,,online,Søren Hansen,Team standup",
    "2026-03-04,Mette Jensen,email,,,,online,Lars Nielsen;Ida Berg,Plan for workshoppen (sent)",
    "2026-03-05,Lars Nielsen,meeting,,,,offline,,Strategy offsite",
    "2026-03-09,Mette Jensen,email,,,,online,Lars Nielsen;Ida Berg,Re: Plan for workshoppen (received)",
    "2026-03-10,Li Wang,meeting,,,,online,,Intro call",
    "2026-03-11,Lars Nielsen,email,,,,online,,Broken headers (received)",
    "2026-03-12,Bo Berg,email,,,,online,,Middag på lørdag? (sent)",
    "2026-03-13,Eva Ukendt,email,,,,online,,Tilbud (sent); Eva Ukendt <eva@unknown.example>: not on LinkedIn or "
    "in contacts.csv",
    "2026-03-17,Søren Hansen,meeting,,,,online,,Team standup (moved to Tuesday)",
    "2026-03-19,Per Holm,event,,,,offline,,Nordic Tech Summit 2026 (41 people)",
    "2026-03-30,Søren Hansen,meeting,,,,online,Mette Jensen,Team standup",
]


class TestDraft:
    """One row per meeting, per large-event guest and per mail thread and day; what the log has is left out."""

    @pytest.fixture
    def network(self, copy_data):
        return copy_data("evidence/network")

    def draft(self, network, **options) -> list[str]:
        return commands.log_draft(network, as_of=dt.date(2026, 3, 31), **options).splitlines()

    def test_rows(self, network):
        assert self.draft(network) == DRAFT

    def test_already_logged_evidence_is_left_out(self, network):
        without_log = network / "interactions.csv"
        without_log.unlink()
        rows = self.draft(network)
        # Without the log: the standup of 2 March has Søren as contact, the client call and the mail
        # thread with Søren of 2 March are there too.
        assert rows[1] == "2026-03-02,Søren Hansen,meeting,,,,online,Mette Jensen,Team standup"
        assert '2026-03-02,Søren Hansen,email,,,,online,,"Opfølgning fra standup (2 mails: 1 sent, 1 received)"' in rows
        assert "2026-03-04,Jane Doe,meeting,,,,online,,Client call: Q1 review; not on LinkedIn or in contacts.csv: " \
               "Ulla Ukendt <ulla@client.example>" in rows
        assert len(rows) == len(DRAFT) + 2

    def test_since(self, network):
        assert self.draft(network, since=dt.date(2026, 3, 12)) == [DRAFT[0]] + DRAFT[7:]

    def test_the_draft_reads_back_as_a_log_once_annotated(self, network, tmp_path):
        text = commands.log_draft(network, as_of=dt.date(2026, 3, 31))
        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            row["direction"] = "mutual"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        log = netanalysis.read_interactions(out.getvalue().encode())
        assert len(log) == len(DRAFT) - 1

    def test_output_file_and_never_over_an_input(self, network, tmp_path, capsys):
        target = tmp_path / "draft.csv"
        assert cli.main(["log", "draft", str(network), "--as-of", "2026-03-31", "-o", str(target)]) == 0
        assert target.read_text(encoding="utf-8").splitlines() == DRAFT
        for name in ("interactions.csv", "calendar.ics", "mail.mbox"):
            before = (network / name).read_bytes()
            assert cli.main(["log", "draft", str(network), "--as-of", "2026-03-31", "-o", str(network / name)]) == 1
            assert "refusing to overwrite" in capsys.readouterr().err
            assert (network / name).read_bytes() == before

    def test_needs_a_calendar_or_mail(self, copy_data):
        with pytest.raises(InputError, match="has no calendar and no mail to draft from"):
            commands.log_draft(copy_data("log/network"), as_of=dt.date(2026, 3, 31))
