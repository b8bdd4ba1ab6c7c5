"""Property tests: whatever the bytes or rows, every reader returns its
documented result or raises the project's :class:`InputError`, never any
other exception (issue 2, item 5 "never a traceback")."""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError, Problems
from netanalysis.io.connections import CONNECTION_COLUMNS, read_connections
from netanalysis.io.contacts import CONTACT_COLUMNS, read_contacts
from netanalysis.io.goals import Goals, read_goals
from netanalysis.io.interactions import INTERACTION_COLUMNS, read_interactions
from netanalysis.model import load

# 200 examples keep the file under 20 s; NETANALYSIS_FUZZ_EXAMPLES=5000 digs deeper.
FUZZ = settings(max_examples=int(os.environ.get("NETANALYSIS_FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

CSV_READERS = [
    (read_connections, CONNECTION_COLUMNS,
     ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]),
    (read_interactions, INTERACTION_COLUMNS,
     ["date", "contact", "kind", "direction", "value", "purpose", "channel", "with", "notes"]),
    (read_contacts, CONTACT_COLUMNS,
     ["contact", "circle", "chemistry", "cadence_days", "status", "offers", "needs", "knows", "notes"]),
]

# Cells worth mixing in: the quirks the readers handle, and the ones they refuse.
QUIRKS = [
    "", " ", "Søren", "𝐉𝐨𝐡𝐧", "王小明", "محمد", "Smith, PhD", 'say "hi"', "a;b", "\u200e", "\ufe0f", "🚀",
    "04 Jul 2023", "1/8/18, 6:14 PM", "18-Jun-24", "04-07-2023", "2026-03-14", "14.03.2026", "03/14/2026",
    "2026-02-30", "gave", "received", "mutual", "coffee", "intro", "0", "3", "6", "2.5", "nan", "NA", "-1",
    "https://www.linkedin.com/in/s%C3%B8ren", "linkedin.com/in/", "urn:li:member:1", "Notes:", "\t", '"', "\r",
    "\n", "=cmd|' /C calc'!A0", "1e308", "9" * 30,
    # dates at the edges (issue 17): pandas cannot hold most of them; none is a real date of an export or log
    "01 Jan 0001", "31 Dec 9999", "0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2100-12-31",
    "2101-01-01", "31-12-9999", "12/31/99, 11:59 PM", "Mar 25 2023 10:15 AM", "March 25, 2023", "25 March 2023",
    # control characters, anywhere in a cell (issue 17): removed with a warning, never copied
    "\x00", "Ann\x00Lee", "\x07bell", "\x1b[31mred", "del\x7f", "\x0b", "\x0c", "\x1f", "'=1+2", "\ufffd",
]
CONTROL = set(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127])
cells = st.one_of(st.sampled_from(QUIRKS), st.text(max_size=12))
rows = st.lists(st.lists(cells, min_size=0, max_size=11), max_size=8)


def _check_result(frame: pd.DataFrame, columns: list[str]) -> None:
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns)[:len(columns)] == columns
    assert frame["line"].dtype == "int64"
    assert (frame["line"] >= 1).all()
    for column in frame.columns:
        if frame[column].dtype == object:
            for cell in frame[column]:
                assert not (isinstance(cell, str) and CONTROL & set(cell)), (column, cell)
        elif str(frame[column].dtype).startswith("datetime64"):
            years = frame[column].dropna().dt.year
            assert ((years >= 1900) & (years <= 2100)).all(), column


def _read_both_ways(reader, data: bytes, columns: list[str]) -> None:
    """With a collector: never raises, returns the documented frame. Without:
    returns the same or raises InputError exactly when there were errors."""
    problems = Problems()
    frame = reader(data, problems=problems)
    _check_result(frame, columns)
    for problem in problems.items:
        assert problem.file and problem.message and problem.severity in ("error", "warning")
        assert problem.severity == "warning" or problem.fix, problem
    try:
        again = reader(data)
    except InputError as exc:
        assert problems.errors, "raised without errors"
        assert exc.problems
    else:
        assert not problems.errors
        _check_result(again, columns)


def _csv_text(header: list[str], body: list[list[str]], delimiter: str, quoted: bool) -> str:
    if quoted:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return buffer.getvalue()
    # raw joins: unbalanced quotes, stray delimiters, ragged rows
    return "\n".join(delimiter.join(row) for row in [header, *body])


@FUZZ
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes(data):
    for reader, columns, _ in CSV_READERS:
        _read_both_ways(reader, data, columns)


@FUZZ
@given(data=st.binary(max_size=300), which=st.integers(0, 2), delimiter=st.sampled_from([",", ";"]))
def test_arbitrary_bytes_after_a_valid_header(data, which, delimiter):
    reader, columns, header = CSV_READERS[which]
    _read_both_ways(reader, (delimiter.join(header) + "\n").encode() + data, columns)


@FUZZ
@given(which=st.integers(0, 2), body=rows, delimiter=st.sampled_from([",", ";", "\t"]), quoted=st.booleans(),
       bom=st.booleans(), crlf=st.booleans(), drop=st.sets(st.integers(0, 8), max_size=3),
       preamble=st.booleans())
def test_arbitrary_rows(which, body, delimiter, quoted, bom, crlf, drop, preamble):
    reader, columns, header = CSV_READERS[which]
    header = [name for index, name in enumerate(header) if index not in drop]
    text = _csv_text(header, body, delimiter, quoted)
    if preamble:
        text = 'Notes:\n"When exporting your connection data, some e-mail addresses are missing."\n\n' + text
    if crlf:
        text = text.replace("\n", "\r\n")
    _read_both_ways(reader, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"), columns)


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_goals_arbitrary_bytes(data):
    problems = Problems()
    assert isinstance(read_goals(data, problems=problems), Goals)
    try:
        read_goals(data)
    except InputError:
        assert problems.errors


toml_values = st.one_of(st.integers(-10, 5000), st.floats(allow_nan=True), st.booleans(),
                        st.sampled_from(['"x"', "[1, 2]", "{a = 1}", '"2026-01-01"', "1979-05-27", "inf", "nan",
                                         '["me@x.dk"]', '["not an address"]', '"me@x.dk"', "[[[[[[1]]]]]]",
                                         "0001-01-01", "9999-12-31T23:59:59"]))


@FUZZ
@given(sections=st.dictionaries(
    st.sampled_from(["mission", "purposes", "review", "other", "purposes.sub", "me", "reveiw"]),
    st.dictionaries(st.sampled_from(["statement", "sales", "job", "window_days", "half_life_days",
                                     "actions_per_week", "trusted_strength", "x", "Sales", "max_meeting_size",
                                     "emails"]),
                    toml_values.map(lambda v: str(v).lower() if isinstance(v, (bool, float)) else str(v)),
                    max_size=5),
    max_size=4))
def test_goals_arbitrary_settings(sections):
    text = "".join(f"[{name}]\n" + "".join(f"{key} = {value}\n" for key, value in keys.items())
                   for name, keys in sections.items())
    problems = Problems()
    goals = read_goals(text.encode(), problems=problems)
    assert isinstance(goals, Goals)
    if not problems.errors and goals.purposes:
        assert abs(sum(goals.purposes.values()) - 1) < 1e-5
    if {"other", "reveiw"} & set(sections):  # an unknown section is never ignored without a word
        assert problems.errors


@FUZZ
@given(depth=st.integers(1, 3000), kind=st.sampled_from(["[", "{a = "]))
def test_goals_nested_to_any_depth_is_one_clear_error(depth, kind):
    problems = Problems()
    read_goals(f"x = {kind * depth}".encode(), problems=problems)
    assert len(problems.errors) == 1 and problems.errors[0].code == "toml"


ARCHIVE_READERS = [
    ("Invitations.csv", "From,To,Sent At,Message,Direction", "Me,{name},{date},,OUTGOING"),
    ("Endorsement_Received_Info.csv",
     "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status",
     "{date},Python,{name},Lee,,ACCEPTED"),
    ("messages.csv", "FROM,TO,DATE,CONTENT", "{name},Me,{date},hi"),
    ("Recommendations_Received.csv", "First Name,Last Name,Creation Date,Text", "{name},Lee,{date},x"),
]


@FUZZ
@given(which=st.integers(0, len(ARCHIVE_READERS) - 1),
       cells=st.lists(st.tuples(st.one_of(st.sampled_from(QUIRKS), st.text(max_size=8)),
                                st.one_of(st.sampled_from(QUIRKS), st.text(max_size=12))), max_size=6))
def test_archive_readers_with_dates_at_the_edges_and_control_characters(which, cells):
    from netanalysis.io.linkedin.archive import read_archive

    name, header, row = ARCHIVE_READERS[which]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header.split(","))
    for person, date in cells:
        writer.writerow([{"{name}": person, "{date}": date}.get(cell, cell) for cell in row.split(",")])
    with tempfile.TemporaryDirectory() as folder:
        # Lone surrogates become bytes that are not UTF-8: the repair path is fuzzed too.
        (Path(folder) / name).write_bytes(buffer.getvalue().encode("utf-8", errors="surrogatepass"))
        problems = Problems()
        archive = read_archive(folder, problems=problems)
        for frame in (archive.messages, archive.invitations, archive.endorsements, archive.recommendations):
            if frame is not None:
                _check_result(frame, list(frame.columns))
        for problem in problems.items:
            assert problem.file and problem.message and (problem.severity == "warning" or problem.fix)


CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
               "Søren,Hansen,https://www.linkedin.com/in/s%C3%B8ren,,Danske Bank,CTO,04 Jul 2023\n"
               "Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Engineer,18 Jun 2024\n"
               "Ann,Lee,https://www.linkedin.com/in/ann-lee-2,,Globex,Designer,02 Feb 2025\n"
               "Jane,\"Smith, PhD\",,,,,05 May 2023\n"
               ",,,,,,12 Dec 2022\n")
names = st.one_of(st.sampled_from(["Søren Hansen", "soren hansen", "Ann Lee", "Jane Smith", "Jane Smith, PhD",
                                   "https://www.linkedin.com/in/annlee", "linkedin.com/in/s%C3%B8ren",
                                   "linkedin.com/in/", "linkedin.com/in/nobody", "Nobody", "🚀", "", " "]),
                  st.text(max_size=10))


@FUZZ
@given(log=st.lists(st.tuples(names, st.sampled_from(["coffee", "intro", "x"]),
                              st.sampled_from(["gave", "received", "mutual"]),
                              st.lists(names, max_size=2)), max_size=6),
       annotations=st.lists(st.tuples(names, st.lists(names, max_size=2)), max_size=4))
def test_load_matches_arbitrary_names(tmp_path_factory, log, annotations):
    folder = tmp_path_factory.mktemp("net")
    (folder / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "contact", "kind", "direction", "with"])
    writer.writerows(["2026-03-01", name, kind, direction, ";".join(others)]
                     for name, kind, direction, others in log)
    (folder / "interactions.csv").write_text(buffer.getvalue(), encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["contact", "knows"])
    writer.writerows([name, ";".join(others)] for name, others in annotations)
    (folder / "contacts.csv").write_text(buffer.getvalue(), encoding="utf-8")
    problems = Problems()
    net = load(folder, problems=problems)
    assert int(net.people["on_linkedin"].sum()) == 4 and net.hidden_members == 1
    # every person a log row or a `with` mention points to exists, once
    assert not net.people.index.duplicated().any()
    pointed = set(net.log["person_id"].dropna()) | {p for ids in net.log["with_ids"] for p in ids}
    assert pointed <= set(net.people.index)
    try:
        load(folder)
    except InputError:
        assert problems.errors
    else:
        assert not problems.errors
