"""``python -m netanalysis check`` and ``contacts`` (issue 2, items 6 and 8).

Run in-process through :func:`netanalysis.cli.main` (fast), plus one
subprocess run proving a bad file gives a message, no traceback and exit 1.
Every command must leave its inputs byte-identical.
"""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from netanalysis.cli import main

ROOT = Path(__file__).resolve().parents[1]
LI = "https://www.linkedin.com/in/"
REQUIRED_COLUMNS = ["contact", "first_name", "last_name", "url", "email", "company", "position", "connected_on",
                    "interactions", "last_contact", "days_since_last", "given", "received"]


@pytest.fixture
def network(copy_data):
    """A copy of tests/data/log/network: Connections.csv, interactions.csv, contacts.csv, goals.toml."""
    return copy_data("log/network")


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8", newline="") as stream:
        stream.write(text)


# --- check -------------------------------------------------------------------


class TestCheck:
    def test_clean_network_exits_0_with_warnings_and_summary(self, capsys, network, snapshot):
        snap = snapshot(network)
        code, out, err = _run(capsys, "check", network)
        assert code == 0, out + err
        # warnings: the hidden member and both people off LinkedIn, with their lines
        assert "warning: Connections.csv line 11: 1 row(s) hold only a date" in out
        assert "warning: contacts.csv line 4, column 'contact': 'Karen Family' matches no connection" in out
        assert "warning: interactions.csv line 10, column 'contact': 'Maria Off-Linkedin' matches no connection" \
            in out
        assert "error:" not in out
        # summary
        assert "summary:" in out
        assert "connections: 6 (+ 1 hidden or deleted members)" in out
        assert "people off LinkedIn: 2" in out
        assert "interaction log: 11 rows, 11 matched to a person" in out
        assert "0 error(s), 3 warning(s)" in out
        snap.assert_unchanged()

    def test_inputs_as_flags(self, capsys, network, snapshot):
        snap = snapshot(network)
        code, out, _ = _run(capsys, "check", "--connections", network / "Connections.csv",
                            "--interactions", network / "interactions.csv")
        assert code == 0
        summary = out.split("summary:")[1].splitlines()
        assert any("interactions.csv" in line for line in summary)
        assert [line.strip() for line in summary if "contacts.csv" in line] == \
            ["not given: contacts.csv (no circles, chemistry, cadences, offers and needs)"]
        assert "people off LinkedIn: 1" in out  # Maria; Karen is only in contacts.csv
        snap.assert_unchanged()

    def test_lists_every_problem_and_exits_1(self, capsys, network, snapshot):
        _append(network / "interactions.csv",
                "2026-02-30,Zoë Berg,coffee,gave,,,,,\n"          # line 13: impossible date
                "03/14/2026,Zoë Berg,coffee,gave,,,,,\n"          # line 14: month-first
                "2026-03-14,Zoë Berg,coffee,gve,,,,,\n"           # line 15: unknown direction
                "2026-03-14,Zoë Berg,coffee,gave,7,,,,\n"         # line 16: value out of range
                "2026-03-14,Ann Lee,coffee,gave,,,,,\n"           # line 17: ambiguous name
                "2026-03-14,Soren Hanson,coffee,gave,,,,,\n")     # line 18: typo -> suggestion
        _append(network / "contacts.csv", "Bo Ek,client,9,,,,,\n")  # contacts line 5: chemistry 9
        snap = snapshot(network)
        code, out, err = _run(capsys, "check", network)
        assert code == 1
        errors = [line for line in out.splitlines() if line.startswith("error: ")]
        expected = [
            "interactions.csv line 13, column 'date': '2026-02-30' is not a real calendar date",
            "interactions.csv line 14, column 'date': '03/14/2026' looks month-first",
            "interactions.csv line 15, column 'direction': 'gve' is not one of gave, received, mutual",
            "interactions.csv line 16, column 'value': '7' is not a whole number from 1 to 5",
            "interactions.csv line 17, column 'contact': 'Ann Lee' matches 2 connections",
            "contacts.csv line 5, column 'chemistry': '9' is not a whole number from 1 to 5",
        ]
        for text in expected:
            assert sum(text in line for line in errors) == 1, (text, out)
        assert len(errors) == len(expected)
        assert all(". Fix: " in line for line in errors)
        assert "warning: interactions.csv line 18, column 'contact': 'Soren Hanson' matches no connection" in out
        assert "did you mean 'Søren Hansen'?" in out
        assert f"{len(expected)} error(s)" in out
        # errors come before warnings
        assert out.index("error: ") < out.index("warning: ")
        snap.assert_unchanged()

    @pytest.mark.parametrize("data, code, words", [
        (b"", "empty", "is empty (0 bytes)"),
        (bytes(range(256)) * 8, "binary", "holds binary data"),
        ("date,contact,kind,direction\n9999-12-31,Søren Hansen,coffee,gave\n".encode(), "date-out-of-range",
         "line 2, column 'date': '9999-12-31' is before 1900 or after 2100"),
        (b"date,contact,kind\n2026-03-14,Ann Lee,coffee\n", "missing-column", "'direction'"),
        (b"date,contact,kind,direction\n2026-03-14,Lee, Ann,coffee,gave\n", "too-many-fields",
         "line 2: '2026-03-14,Lee, Ann,coffee,gave' has 5 fields where the header has 4"),
        # Past the head that is read up front (pandas reads the row, the line is still right).
        ("date,contact,kind,direction,direction\n".encode() + "2026-03-14,Søren Hansen,coffee,gave,gave\n".encode()
         * 9000, "duplicate-column", "line 1, column 'direction': has two columns for 'direction'"),
    ], ids=["empty", "binary", "year-9999", "missing-column", "too-many-fields", "duplicate-column"])
    def test_unreadable_interactions(self, capsys, network, snapshot, data, code, words):
        (network / "interactions.csv").write_bytes(data)
        snap = snapshot(network)
        status, out, err = _run(capsys, "check", network)
        assert status == 1
        [line] = [line for line in out.splitlines() if line.startswith("error: ")]
        assert line.startswith("error: interactions.csv")
        assert words in line and ". Fix: " in line
        assert "summary:" in out
        snap.assert_unchanged()

    def test_bad_connections_file(self, capsys, network):
        (network / "Connections.csv").write_bytes(b"PK\x03\x04 not really a zip")
        status, out, _ = _run(capsys, "check", network)
        assert status == 1
        assert "error: Connections.csv: is a zip or Excel workbook, not a CSV file" in out

    def test_header_only_files_are_valid(self, capsys, write_file):
        write_file("in/Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        write_file("in/interactions.csv", "date,contact,kind,direction\n")
        folder = write_file("in/contacts.csv", "contact,circle\n").parent
        status, out, _ = _run(capsys, "check", folder)
        assert status == 0
        assert "connections: 0 (+ 0 hidden or deleted members)" in out
        assert "0 error(s), 0 warning(s)" in out

    @pytest.mark.parametrize("argv, words", [
        (["check", "{tmp}/nowhere"], "does not exist"),
        (["check", "{tmp}"], "Connections.csv: was not found"),
        (["check", "--connections", "{tmp}/nowhere.csv"], "does not exist"),
        (["check", "--connections", "{tmp}"], "is a folder, not a file"),
    ])
    def test_missing_inputs(self, capsys, tmp_path, argv, words):
        status, out, err = _run(capsys, *[a.format(tmp=tmp_path) for a in argv])
        assert status == 1
        assert err.startswith("error: ") and words in err and "Fix: " in err


# --- contacts ----------------------------------------------------------------


class TestContacts:
    # Hand-worked from tests/data/log/network/interactions.csv, as of 2026-03-15.
    # Defaults by kind (DESIGN.md): coffee 2, meeting 3, call 2, message 1, help 4.
    # days_since_last = 2026-03-15 - last_contact.
    EXPECTED = {
        # Søren: line 2 coffee gave (default 2); line 3 advice received 4; line 4
        # meeting mutual (in neither ledger); line 12 (2026-04-01) is after the
        # review date and not counted. interactions 3, given 2, received 4,
        # last 2026-03-01, days = 31 - 1 (Mar 1 -> Mar 15) = 14.
        LI + "søren-hansen-1a2b3c": dict(interactions=3, given=2, received=4, last_contact="2026-03-01",
                                        days_since_last=14),
        # Ann Lee (Acme): line 5 intro gave 5 on 2026-03-01 -> 14 days.
        LI + "annlee": dict(interactions=1, given=5, received=0, last_contact="2026-03-01", days_since_last=14),
        # Ann Lee (Globex): line 6 call received (default 2) on 15/02/2026 ->
        # Feb 15 -> Mar 15 = 28 days (2026 is no leap year).
        LI + "ann-lee-2": dict(interactions=1, given=0, received=2, last_contact="2026-02-15", days_since_last=28),
        # Jane Smith, PhD: line 7 help gave (default 4) on 2026-02-20 -> 8 + 15 = 23 days.
        LI + "jane-smith-phd": dict(interactions=1, given=4, received=0, last_contact="2026-02-20",
                                    days_since_last=23),
        # John Doe: line 8 message received (default 1) on 2026-03-05 -> 10 days.
        LI + "john-doe-42": dict(interactions=1, given=0, received=1, last_contact="2026-03-05", days_since_last=10),
        # Zoë Berg: line 9 email gave 3 on 2026-03-05 -> 10 days.
        LI + "zoë-berg": dict(interactions=1, given=3, received=0, last_contact="2026-03-05", days_since_last=10),
    }
    # Off LinkedIn: Maria (lines 10-11: coffee gave default 2 on 03-10, coffee
    # received 3 on 03-12 -> 3 days); Karen (contacts.csv only: never met).
    OFF = {
        "Maria Off-Linkedin": dict(interactions=2, given=2, received=3, last_contact="2026-03-12", days_since_last=3),
        "Karen Family": dict(interactions=0, given=0, received=0, last_contact="", days_since_last=""),
    }

    @staticmethod
    def _table(text: str) -> pd.DataFrame:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)

    def _assert_numbers(self, table: pd.DataFrame) -> None:
        assert set(REQUIRED_COLUMNS) <= set(table.columns)
        # one row per real connection (6; the hidden member is not listed) and per person off LinkedIn (2)
        assert len(table) == 8
        numbers = ["interactions", "given", "received", "last_contact", "days_since_last"]
        by_url = table[table["url"] != ""].set_index("url")
        assert sorted(by_url.index) == sorted(self.EXPECTED)
        for url, expected in self.EXPECTED.items():
            assert by_url.loc[url, numbers].tolist() == [str(expected[n]) for n in numbers], url
        by_name = table[table["url"] == ""].set_index("contact")
        for name, expected in self.OFF.items():
            assert by_name.loc[name, numbers].tolist() == [str(expected[n]) for n in numbers], name
        soren = by_url.loc[LI + "søren-hansen-1a2b3c"]
        assert (soren["contact"], soren["first_name"], soren["company"], soren["connected_on"]) == \
            ("Søren Hansen", "Søren", "Danske Bank", "2023-07-04")
        jane = by_url.loc[LI + "jane-smith-phd"]
        assert (jane["contact"], jane["company"]) == ("Jane Smith, PhD", "Acme, Inc.")
        # a member URN is not an e-mail; a real e-mail is kept
        assert by_url.loc[LI + "john-doe-42", "email"] == ""
        assert by_url.loc[LI + "ann-lee-2", "email"] == "ann@globex.example"

    def test_numbers_on_stdout(self, capsys, network, snapshot):
        snap = snapshot(network)
        code, out, err = _run(capsys, "contacts", network, "--as-of", "2026-03-15")
        assert code == 0, err
        self._assert_numbers(self._table(out))
        snap.assert_unchanged()

    def test_output_file_and_flags(self, capsys, network, tmp_path, snapshot):
        snap = snapshot(network)
        target = tmp_path / "out" / "contacts.csv"
        code, out, err = _run(capsys, "contacts", "--connections", network / "Connections.csv",
                              "--interactions", network / "interactions.csv", "--contacts", network / "contacts.csv",
                              "--goals", network / "goals.toml", "--as-of", "2026-03-15", "-o", target)
        assert code == 0, err
        assert out == ""
        self._assert_numbers(self._table(target.read_text(encoding="utf-8")))
        snap.assert_unchanged()

    def test_as_of_moves_the_window(self, capsys, network):
        # As of 2026-04-01 Søren's line 12 (call gave, default 2) counts too:
        # interactions 4, given 2 + 2 = 4, last 2026-04-01, 0 days.
        code, out, _ = _run(capsys, "contacts", network, "--as-of", "2026-04-01")
        assert code == 0
        soren = self._table(out).set_index("url").loc[LI + "søren-hansen-1a2b3c"]
        assert soren[["interactions", "given", "received", "days_since_last"]].tolist() == ["4", "4", "4", "0"]

    def test_refuses_to_overwrite_an_input(self, capsys, network, snapshot):
        snap = snapshot(network)
        code, out, err = _run(capsys, "contacts", network, "--as-of", "2026-03-15",
                              "-o", network / "interactions.csv")
        assert code == 1
        assert "refusing to overwrite" in err and "Fix: " in err
        snap.assert_unchanged()

    def test_errors_write_nothing(self, capsys, network, tmp_path, snapshot):
        _append(network / "interactions.csv", "2026-03-14,Zoë Berg,coffee,took,,,,,\n")
        snap = snapshot(network)
        target = tmp_path / "contacts.csv"
        code, out, err = _run(capsys, "contacts", network, "--as-of", "2026-03-15", "-o", target)
        assert code == 1
        assert "interactions.csv line 13, column 'direction': 'took'" in err
        assert not target.exists()
        assert out == ""
        snap.assert_unchanged()

    def test_bad_as_of_is_a_usage_error(self, capsys, network):
        with pytest.raises(SystemExit) as caught:
            main(["contacts", str(network), "--as-of", "15/03/2026"])
        assert caught.value.code == 2
        assert "is not an ISO date" in capsys.readouterr().err


# --- one real process ----------------------------------------------------------


def test_subprocess_check_bad_file_no_traceback_exit_1(network, snapshot):
    # A date pandas cannot hold was a traceback once (issue 17).
    (network / "interactions.csv").write_bytes(b"date,contact,kind,direction\n0001-01-01,Ann Lee,coffee,gave\n")
    snap = snapshot(network)
    result = subprocess.run([sys.executable, "-m", "netanalysis", "check", str(network)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "error: interactions.csv line 2, column 'date': '0001-01-01' is before 1900 or after 2100" in result.stdout
    assert "Fix: write the day it happened" in result.stdout
    snap.assert_unchanged()
