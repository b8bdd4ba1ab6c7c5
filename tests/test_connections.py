"""``Connections.csv`` in every layout and quirk seen 2018-2026 (issue 2, item 3).

Each fixture in ``tests/data/connections/`` holds one quirk; the expected
values below are copied by hand from the fixture's text (and decoded where the
reader must decode: percent-encoded URL slugs, dates), so a reader that merely
"loads" the file is not enough.
"""
from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.errors import InputError, NetanalysisError, Problems
from netanalysis.io.connections import CONNECTION_COLUMNS, read_connections

LI = "https://www.linkedin.com/in/"
COLUMNS = ["contact", "first_name", "last_name", "url", "email", "member_urn", "company", "position",
           "connected_on", "line"]


def _rows(frame: pd.DataFrame) -> list[dict]:
    out = frame[COLUMNS].copy()
    out["connected_on"] = out["connected_on"].dt.strftime("%Y-%m-%d")
    return out.to_dict("records")


def _row(contact, first, last, url, company, position, connected_on, line, email="", member_urn=""):
    return {"contact": contact, "first_name": first, "last_name": last, "url": url, "email": email,
            "member_urn": member_urn, "company": company, "position": position,
            "connected_on": connected_on, "line": line}


# file -> (expected rows, hidden members). Values are the fixture's text; the
# ``line`` is the row a spreadsheet shows (preamble and header included).
LAYOUTS = {
    # Up to 2018: 6 columns, no URL, no preamble, "M/D/YY, h:mm AM" dates.
    "2018_layout.csv": ([
        _row("Jens Nielsen", "Jens", "Nielsen", "", "Maersk", "Data Analyst", "2018-01-08", 2),
        _row("Mette Frederiksen", "Mette", "Frederiksen", "", "Statsministeriet, Kbh", "Advisor", "2017-12-24", 3,
             email="mette@example.dk"),
        _row("Karl Berg", "Karl", "Berg", "", "", "", "2016-11-30", 4),
    ], 0),
    # 2021-2023: "Notes:" preamble (3 lines), no URL column.
    "2021_preamble.csv": ([
        _row("Anna Larsen", "Anna", "Larsen", "", "Novo Nordisk", "Scientist", "2022-02-03", 5),
        _row("Peter Holm", "Peter", "Holm", "", "Holm & Co, ApS", "Owner", "2021-11-15", 6),
    ], 0),
    # mid-2023 on: preamble and URL; "s%C3%B8ren" is decoded to "søren".
    "2023_url.csv": ([
        _row("Søren Hansen", "Søren", "Hansen", LI + "søren-hansen-1a2b3c", "Danske Bank", "CTO", "2023-07-04", 5),
        _row("Ann Lee", "Ann", "Lee", LI + "annlee", "Acme", "Engineer", "2024-06-18", 6),
        _row("Ibrahim Khalil", "Ibrahim", "Khalil", LI + "ibrahim-khalil-9z", "Ørsted", "Project Manager",
             "2025-01-01", 7),
    ], 0),
    # Preamble deleted by hand, and no final newline.
    "no_final_newline_no_preamble.csv": ([
        _row("Ann Lee", "Ann", "Lee", LI + "annlee", "Acme", "Engineer", "2024-06-18", 2),
        _row("Bo Ek", "Bo", "Ek", LI + "bo-ek", "Volvo", "Designer", "2026-03-02", 3),
        _row("Cy Dahl", "Cy", "Dahl", LI + "cy-dahl", "", "", "2024-02-29", 4),
    ], 0),
    # Excel padded the preamble: "Notes:,,,,,,", the note with ",,,,,,", ",,,,,,".
    "excel_padded_preamble.csv": ([
        _row("Ann Lee", "Ann", "Lee", LI + "annlee", "Acme", "Engineer", "2024-06-18", 5),
        _row("Bo Ek", "Bo", "Ek", LI + "bo-ek", "Volvo", "Designer", "2026-03-02", 6),
    ], 0),
    # Excel re-save: BOM, CRLF, padded preamble, "18-Jun-24" dates.
    "excel_bom_crlf.csv": ([
        _row("Ann Lee", "Ann", "Lee", LI + "annlee", "Acme", "Engineer", "2024-06-18", 5),
        _row("Jane Smith, PhD", "Jane", "Smith, PhD", LI + "jane-smith-phd", "Acme, Inc.", "CFO", "2025-01-01", 6),
        _row("Søren Hansen", "Søren", "Hansen", LI + "søren-hansen-1a2b3c", "Danske Bank", "CTO", "2023-07-04", 7),
    ], 0),
    # Danish Excel re-save: BOM, CRLF, ";" delimiter, day-first "04-07-2023",
    # an unquoted comma and a quoted ";" in Company, one hidden row, no final newline.
    "excel_danish_semicolon.csv": ([
        _row("Søren Hansen", "Søren", "Hansen", LI + "søren-hansen-1a2b3c", "Danske Bank", "CTO", "2023-07-04", 5),
        _row("Peter Holm", "Peter", "Holm", LI + "peter-holm", "Holm & Co, ApS", "Ejer", "2022-12-31", 6),
        _row("Mia Juul", "Mia", "Juul", LI + "mia-juul", "Juul; Sønner", "Salg", "2024-02-01", 7),
    ], 1),
    # Quoted commas, doubled quotes, styled letters + emoji, U+200E/U+FE0F and
    # trailing spaces (stripped), CJK and Arabic, urn:li:member in the e-mail
    # column, a real e-mail, a URL without scheme, 3 hidden rows.
    "tricky_values.csv": ([
        _row("Jane Smith, PhD", "Jane", "Smith, PhD", LI + "jane-smith-phd", "Acme, Inc.", 'Head of "Data"',
             "2023-05-05", 5),
        _row("𝐉𝐨𝐡𝐧 𝐃𝐨𝐞 🚀", "𝐉𝐨𝐡𝐧", "𝐃𝐨𝐞 🚀", LI + "john-doe-42", "Startup ✨", "Founder", "2023-05-06", 6,
             member_urn="urn:li:member:123456789"),
        _row("Lars Møller ❤", "Lars", "Møller ❤", LI + "lars-møller", "Carlsberg", "Brewer", "2023-05-07", 7,
             email="lars@example.com"),
        _row("王 小明", "王", "小明", LI + "王小明", "腾讯", "工程师", "2023-05-08", 8),
        _row("محمد علي", "محمد", "علي", LI + "mohamed-ali-77", "شركة الاتصالات", "مدير", "2023-05-09", 9),
        _row("Zoë O'Brien", "Zoë", "O'Brien", LI + "zoë-obrien", "", "", "2023-05-10", 12),
    ], 3),
    # Rows with nothing but a date (one with a member URN) are hidden members.
    "hidden_members.csv": ([
        _row("Ann Lee", "Ann", "Lee", LI + "annlee", "Acme", "Engineer", "2024-06-18", 3),
    ], 4),
    # A header and no rows is valid.
    "header_only.csv": ([], 0),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_layout_loads_with_values(name, data_dir):
    path = data_dir / "connections" / name
    expected, hidden = LAYOUTS[name]
    problems = Problems()
    frame = read_connections(path, problems=problems)
    assert problems.errors == []
    assert _rows(frame) == expected
    assert frame.attrs["hidden_members"] == hidden
    assert list(frame.columns) == CONNECTION_COLUMNS
    assert frame["connected_on"].dtype == "datetime64[ns]"
    assert frame["line"].dtype == "int64"


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_layout_same_from_bytes_and_path_and_file_untouched(name, data_dir, snapshot):
    path = data_dir / "connections" / name
    snap = snapshot(path)
    from_path = read_connections(path)
    from_bytes = read_connections(path.read_bytes(), display=name)
    pd.testing.assert_frame_equal(from_path, from_bytes)
    snap.assert_unchanged()


@pytest.mark.parametrize("name, marker", [
    ("excel_bom_crlf.csv", lambda b: b.startswith(b"\xef\xbb\xbf") and b.count(b"\r\n") == 7),
    ("excel_danish_semicolon.csv", lambda b: b.startswith(b"\xef\xbb\xbf") and b"\r\n" in b and b";" in b
     and not b.endswith(b"\n")),
    ("no_final_newline_no_preamble.csv", lambda b: not b.endswith(b"\n") and not b.startswith(b"Notes")),
    ("tricky_values.csv", lambda b: "\u200e".encode() in b and "\ufe0f".encode() in b),
])
def test_fixture_still_holds_its_quirk(name, marker, data_dir):
    """Guard the fixtures themselves: an editor or git must not normalise them."""
    assert marker((data_dir / "connections" / name).read_bytes())


def test_match_keys_ignore_styling_accents_and_invisible_marks(data_dir):
    frame = read_connections(data_dir / "connections" / "tricky_values.csv")
    # Styled letters and the emoji drop out; "ø" transliterates to "o".
    assert frame["key"].tolist()[:3] == ["jane smith phd", "john doe", "lars moller"]
    assert frame["slug"].tolist()[2] == "lars-møller"


def test_hidden_members_are_reported_as_a_warning_with_count_and_line(data_dir):
    problems = Problems()
    read_connections(data_dir / "connections" / "hidden_members.csv", problems=problems)
    [warning] = problems.warnings
    assert warning.code == "hidden-members"
    assert warning.file == "hidden_members.csv"
    assert warning.line == 2  # the first hidden row
    assert "4 row(s)" in warning.message


def test_urn_is_not_an_email_and_hidden_row_with_urn_is_hidden(data_dir):
    frame = read_connections(data_dir / "connections" / "tricky_values.csv")
    assert not frame["email"].str.startswith("urn:").any()
    assert frame.attrs["hidden_members"] == 3  # includes ",,,urn:li:member:987,,,13 Dec 2022"


def test_header_only_has_documented_dtypes(data_dir):
    frame = read_connections(data_dir / "connections" / "header_only.csv")
    assert len(frame) == 0
    assert list(frame.columns) == CONNECTION_COLUMNS
    assert frame["connected_on"].dtype == "datetime64[ns]"


# --- errors: one clear message each, naming file, line, column, value and fix ---


def _one_error(source, display="Connections.csv") -> "object":
    with pytest.raises(InputError) as caught:
        read_connections(source, display=display)
    errors = [p for p in caught.value.problems if p.severity == "error"]
    assert len(errors) == 1, [str(p) for p in errors]
    problem = errors[0]
    assert str(problem) in str(caught.value)
    assert problem.fix
    return problem


def test_input_error_is_a_value_error():
    assert issubclass(InputError, NetanalysisError)
    assert issubclass(InputError, ValueError)


def test_impossible_connected_on_date(data_dir):
    problem = _one_error(data_dir / "connections" / "bad_date.csv", "bad_date.csv")
    assert (problem.file, problem.line, problem.column, problem.value) == \
        ("bad_date.csv", 3, "Connected On", "31 Feb 2024")
    assert "04 Jul 2023" in problem.fix
    assert str(problem).startswith("bad_date.csv line 3, column 'Connected On': '31 Feb 2024'")


def test_missing_required_column_is_named(data_dir):
    problem = _one_error(data_dir / "connections" / "missing_connected_on.csv", "missing_connected_on.csv")
    assert problem.code == "missing-column"
    assert problem.column == "Connected On"
    assert "'Connected On'" in problem.message
    assert problem.line == 4  # the header line after the 3-line preamble


def test_row_with_too_many_fields(data_dir):
    # Line 4 is `Jane,Smith, PhD,...`: the comma in "Smith, PhD" is unquoted.
    path = data_dir / "connections" / "too_many_fields.csv"
    problem = _one_error(path, "too_many_fields.csv")
    assert problem.code == "too-many-fields"
    assert problem.line == 3
    assert problem.value.startswith("Jane,Smith, PhD")
    assert "8 fields where the header has 7" in problem.message
    assert "quotes" in problem.fix
    problems = Problems()
    frame = read_connections(path, problems=problems)
    # the other rows still load, with their own lines
    assert frame[["contact", "line"]].values.tolist() == [["Ann Lee", 2], ["Bo Ek", 4]]


def test_empty_file(write_file):
    problem = _one_error(write_file("Connections.csv", b""))
    assert problem.code == "empty"
    assert "0 bytes" in problem.message


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 4,                       # arbitrary binary
    b"PK\x03\x04" + b"\x00" * 100,               # a zip or .xlsx workbook
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",     # an image
], ids=["bytes", "zip", "png"])
def test_binary_garbage(data, write_file):
    problem = _one_error(write_file("Connections.csv", data))
    assert problem.code == "binary"
    assert "CSV" in problem.fix


def test_cp1252_bytes_load_with_a_warning_naming_the_encoding(write_file):
    text = "First Name,Last Name,Connected On\nAnn,Lee,18 Jun 2024\nSøren,Hansen,04 Jul 2023\n"
    problems = Problems()
    frame = read_connections(write_file("Connections.csv", text.encode("cp1252")), problems=problems)
    assert frame["contact"].tolist() == ["Ann Lee", "Søren Hansen"]
    [warning] = problems.items
    assert (warning.file, warning.severity, warning.code) == ("Connections.csv", "warning", "encoding-cp1252")
    assert "cp1252" in str(warning)


def test_a_broken_utf8_sequence_in_a_name_is_a_replacement_character_and_a_warning(write_file):
    # One broken sequence in an otherwise UTF-8 file (real export): not cp1252, since the file holds UTF-8.
    data = ("First Name,Last Name,URL,Connected On\nSøren,Hansen,,04 Jul 2023\n".encode()
            + b"Jo\xc3,Smith,,05 Jul 2023\n")
    problems = Problems()
    frame = read_connections(write_file("Connections.csv", data), problems=problems)
    assert frame["contact"].tolist() == ["Søren Hansen", "Jo\ufffd Smith"]
    [warning] = problems.items
    assert (warning.line, warning.severity, warning.code) == (3, "warning", "broken-character")


def test_a_broken_utf8_sequence_in_a_profile_url_stays_an_error(write_file):
    data = ("First Name,Last Name,URL,Connected On\nSøren,Hansen,,04 Jul 2023\n".encode()
            + b"Jo,Smith,https://www.linkedin.com/in/jo\xc3-smith,05 Jul 2023\n")
    problems = Problems()
    read_connections(write_file("Connections.csv", data), problems=problems)
    [error] = problems.errors
    assert (error.line, error.column, error.code) == (3, "URL", "broken-character")
    assert "profile URL must be exact" in error.message


def test_utf16_excel_export_loads(write_file):
    # "Unicode Text" re-saves are UTF-16 with a BOM: readable, so read them.
    text = "First Name\tLast Name\tConnected On\r\nSøren\tHansen\t04 Jul 2023\r\n"
    frame = read_connections(write_file("Connections.csv", text.encode("utf-16")))
    assert frame[["contact", "connected_on"]].values.tolist() == [["Søren Hansen", pd.Timestamp("2023-07-04")]]


def test_collector_gets_every_error_and_reader_returns_what_loaded(write_file):
    text = ("First Name,Last Name,Connected On\n"
            "Ann,Lee,18 Jun 2024\n"
            "Bo,Ek,30 Feb 2024\n"
            "Cy,Dahl,someday\n")
    problems = Problems()
    frame = read_connections(write_file("Connections.csv", text), problems=problems)
    assert [(p.line, p.value) for p in problems.errors] == [(3, "30 Feb 2024"), (4, "someday")]
    assert len(frame) == 3
