"""The user's own files: ``interactions.csv``, ``contacts.csv``, ``goals.toml`` (issue 2, item 4).

Fixtures are in ``tests/data/log/``; expected values are copied by hand from
each fixture's text (defaults from the table of kinds in DESIGN.md /
:data:`netanalysis.vocab.KINDS`).
"""
from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.errors import InputError, Problems
from netanalysis.io.contacts import CONTACT_COLUMNS, read_contacts
from netanalysis.io.goals import Goals, read_goals
from netanalysis.io.interactions import INTERACTION_COLUMNS, read_interactions


def _errors(reader, source, display=None):
    """Every error of a read (via a collector), and check that without one it raises."""
    problems = Problems()
    reader(source, display=display, problems=problems)
    with pytest.raises(InputError) as caught:
        reader(source, display=display)
    assert str(problems.errors[0]) in str(caught.value)
    return problems.errors


def _assert_complete(problem, *, file, line, column, value):
    """A message names the file, the line, the column, the bad value and the fix."""
    assert (problem.file, problem.line, problem.column, problem.value) == (file, line, column, value)
    assert problem.fix
    text = str(problem)
    assert text.startswith(f"{file} line {line}, column '{column}': {value!r}")
    assert "Fix: " in text


# --- interactions.csv --------------------------------------------------------


class TestInteractions:
    def test_dates_iso_and_day_first(self, data_dir):
        # interactions_dates.csv: 2026-03-14, 14-03-2026, 14.03.2026, 14/03/2026,
        # 01-02-2026 (day-first: 1 February), "2026-03-14 09:30" (time dropped).
        log = read_interactions(data_dir / "log" / "interactions_dates.csv")
        assert log["date"].dt.strftime("%Y-%m-%d").tolist() == \
            ["2026-03-14"] * 4 + ["2026-02-01", "2026-03-14"]
        assert log["line"].tolist() == [2, 3, 4, 5, 6, 7]

    def test_defaults_by_kind_and_cells_tidied(self, data_dir):
        log = read_interactions(data_dir / "log" / "interactions_defaults.csv")
        # kind -> default (value, channel): coffee (2, offline), referral (5, online),
        # message (1, online); intro has value 3 and channel offline written;
        # "hackathon" is unknown: value 2, no channel; call has 5 and "Online" written.
        assert log["kind"].tolist() == ["coffee", "referral", "message", "intro", "hackathon", "call"]
        assert log["value"].tolist() == [2, 5, 1, 3, 2, 5]
        assert log["channel"].tolist() == ["offline", "online", "online", "offline", "", "online"]
        assert log["direction"].tolist() == ["gave", "received", "mutual", "gave", "gave", "received"]
        assert log["purpose"].tolist() == ["sales;job", "job", "", "", "", "learning"]
        assert log.loc[3, "with"] == "Bo Ek;Cy Dahl"
        assert log.loc[3, "notes"] == "introduced Ann to Bo, over lunch"
        assert log["value"].dtype == "int64"

    def test_unknown_kind_is_a_warning_not_an_error(self, data_dir):
        problems = Problems()
        read_interactions(data_dir / "log" / "interactions_defaults.csv", problems=problems)
        assert problems.errors == []
        [warning] = problems.warnings
        assert (warning.code, warning.line, warning.column, warning.value) == \
            ("unknown-kind", 6, "kind", "hackathon")

    def test_european_excel_semicolon(self, data_dir):
        log = read_interactions(data_dir / "log" / "interactions_semicolon.csv")
        assert log["contact"].tolist() == ["Ann Lee", "Søren Hansen"]
        assert log["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-14", "2026-03-15"]
        assert log["value"].tolist() == [3, 3]  # written 3; meal defaults to 3
        assert log.loc[0, "notes"] == "talked about jobs, pay and travel"

    def test_header_only_is_valid_and_typed(self, data_dir):
        log = read_interactions(data_dir / "log" / "interactions_header_only.csv")
        assert len(log) == 0
        assert list(log.columns) == INTERACTION_COLUMNS
        assert log["date"].dtype == "datetime64[ns]"
        assert log["value"].dtype == "int64"

    def test_header_only_without_final_newline(self, write_file):
        assert len(read_interactions(write_file("interactions.csv", "date,contact,kind,direction"))) == 0

    def test_bom_crlf(self, write_file):
        data = b"\xef\xbb\xbfdate,contact,kind,direction\r\n14.03.2026,Ann Lee,call,gave\r\n"
        log = read_interactions(write_file("interactions.csv", data))
        assert log[["contact", "kind", "value"]].values.tolist() == [["Ann Lee", "call", 2]]

    @pytest.mark.parametrize("name, line, column, value, fix_part", [
        ("bad_direction.csv", 3, "direction", "gve", "did you mean 'gave'?"),
        ("impossible_date.csv", 3, "date", "2026-02-30", "2026-03-14"),
        ("month_first_date.csv", 3, "date", "03/14/2026", "write it as 2026-03-14"),
        ("value_out_of_range.csv", 3, "value", "6", "1 (little) to 5"),
    ])
    def test_one_bad_cell(self, data_dir, name, line, column, value, fix_part):
        [problem] = _errors(read_interactions, data_dir / "log" / name)
        _assert_complete(problem, file=name, line=line, column=column, value=value)
        assert fix_part in problem.fix

    def test_month_first_is_never_guessed(self, data_dir):
        problems = Problems()
        log = read_interactions(data_dir / "log" / "month_first_date.csv", problems=problems)
        assert problems.errors[0].code == "month-first"
        assert "month-first" in problems.errors[0].message
        assert pd.isna(log.loc[1, "date"])

    @pytest.mark.parametrize("value", ["0", "6", "-1", "2.5", "x", "10"])
    def test_value_must_be_1_to_5(self, write_file, value):
        path = write_file("interactions.csv", f"date,contact,kind,direction,value\n2026-03-14,Ann,call,gave,{value}\n")
        [problem] = _errors(read_interactions, path)
        _assert_complete(problem, file="interactions.csv", line=2, column="value", value=value)

    @pytest.mark.parametrize("date", ["2026-02-30", "31-04-2026", "29.02.2025", "2026-13-01", "32/01/2026",
                                      "someday", "14 March"])
    def test_impossible_or_unreadable_dates(self, write_file, date):
        path = write_file("interactions.csv", f"date,contact,kind,direction\n{date},Ann,call,gave\n")
        [problem] = _errors(read_interactions, path)
        _assert_complete(problem, file="interactions.csv", line=2, column="date", value=date)
        assert problem.code == "bad-date"

    def test_two_digit_year_says_so(self, write_file):
        path = write_file("interactions.csv", "date,contact,kind,direction\n14/03/26,Ann,call,gave\n")
        [problem] = _errors(read_interactions, path)
        _assert_complete(problem, file="interactions.csv", line=2, column="date", value="14/03/26")
        assert "two-digit year" in problem.message and "2026-03-14" in problem.fix

    def test_missing_required_column_is_named(self, data_dir):
        [problem] = _errors(read_interactions, data_dir / "log" / "missing_direction_column.csv")
        assert (problem.file, problem.line, problem.column, problem.code) == \
            ("missing_direction_column.csv", 1, "direction", "missing-column")
        assert "'direction'" in problem.message and problem.fix

    def test_first_row_with_too_many_fields_does_not_shift_columns(self, data_dir):
        # `2026-03-14,Lee, Ann,coffee,gave,3` has 6 fields for a 5-column header;
        # it must be reported, never read as contact='Lee', kind='ann', ...
        path = data_dir / "log" / "too_many_fields_first_row.csv"
        [problem] = _errors(read_interactions, path)
        assert (problem.file, problem.line, problem.code) == ("too_many_fields_first_row.csv", 2, "too-many-fields")
        assert problem.value == "2026-03-14,Lee, Ann,coffee,gave,3"
        assert "6 fields where the header has 5" in problem.message
        problems = Problems()
        log = read_interactions(path, problems=problems)
        assert log[["line", "contact", "kind", "direction", "value"]].values.tolist() == \
            [[3, "Bo Ek", "call", "received", 2]]

    def test_unclosed_quote_names_its_line(self, data_dir):
        [problem] = _errors(read_interactions, data_dir / "log" / "unclosed_quote.csv")
        assert (problem.file, problem.line, problem.code) == ("unclosed_quote.csv", 3, "parse")
        assert "quote" in problem.fix

    def test_every_problem_is_listed_not_just_the_first(self, data_dir):
        errors = _errors(read_interactions, data_dir / "log" / "many_errors.csv")
        assert sorted((p.line, p.column, p.value) for p in errors) == [
            (2, "date", "2026-02-30"),
            (3, "date", "03/14/2026"),
            (4, "direction", "took"),
            (5, "value", "9"),
            (6, "contact", ""),
        ]
        assert all(p.file == "many_errors.csv" and p.fix for p in errors)

    def test_empty_file(self, write_file):
        [problem] = _errors(read_interactions, write_file("interactions.csv", b""))
        assert (problem.file, problem.code) == ("interactions.csv", "empty")

    def test_binary_file(self, write_file):
        [problem] = _errors(read_interactions, write_file("interactions.csv", b"\x00\x01\x02\xff" * 64))
        assert problem.code == "binary"

    def test_cp1252_file_loads_with_one_warning(self, write_file):
        # Excel's "CSV (Comma delimited)" on Windows: not UTF-8, but valid cp1252 (issue 15).
        data = "date,contact,kind,direction,notes\n2026-03-14,Søren Hansen,coffee,gave,it’s done\n".encode("cp1252")
        problems = Problems()
        log = read_interactions(write_file("interactions.csv", data), problems=problems)
        assert log.loc[0, "contact"] == "Søren Hansen" and log.loc[0, "notes"] == "it’s done"
        [warning] = problems.items
        assert (warning.severity, warning.code) == ("warning", "encoding-cp1252")
        assert "Windows-1252 (cp1252)" in warning.message and "UTF-8" in warning.fix

    def test_reader_never_writes(self, data_dir, snapshot):
        snap = snapshot(data_dir / "log")
        for path in sorted((data_dir / "log").glob("*.csv")):
            reader = read_contacts if path.name.startswith("contacts") else read_interactions
            reader(path, problems=Problems())
        snap.assert_unchanged()


# --- contacts.csv ------------------------------------------------------------


class TestContacts:
    def test_all_columns(self, data_dir):
        frame = read_contacts(data_dir / "log" / "contacts_full.csv")
        assert list(frame.columns) == CONTACT_COLUMNS
        first = frame.iloc[0]
        # "Client" -> client, "Develop" -> develop, "Design; Sales ;" -> design;sales
        assert (first["contact"], first["circle"], first["chemistry"], first["cadence_days"], first["status"]) == \
            ("Ann Lee", "client", 4, 30, "develop")
        assert (first["offers"], first["needs"], first["knows"], first["notes"]) == \
            ("design;sales", "job", "Bo Ek;Cy Dahl", 'met at "DataConf"')
        assert frame["contact"].tolist()[1] == "https://www.linkedin.com/in/bo-ek"
        assert pd.isna(frame.loc[1, "chemistry"]) and frame.loc[1, "cadence_days"] == 90
        assert frame.loc[2, "notes"] == "my aunt, not on LinkedIn"
        assert str(frame["chemistry"].dtype) == "Int64"
        assert frame["line"].tolist() == [2, 3, 4]

    def test_header_only_is_valid(self, data_dir):
        frame = read_contacts(data_dir / "log" / "contacts_header_only.csv")
        assert len(frame) == 0 and list(frame.columns) == CONTACT_COLUMNS

    def test_every_bad_cell(self, data_dir):
        errors = _errors(read_contacts, data_dir / "log" / "contacts_bad.csv")
        found = {(p.line, p.column): p for p in errors}
        assert sorted(found) == [(2, "chemistry"), (3, "cadence_days"), (4, "status"), (5, "contact")]
        _assert_complete(found[2, "chemistry"], file="contacts_bad.csv", line=2, column="chemistry", value="6")
        _assert_complete(found[3, "cadence_days"], file="contacts_bad.csv", line=3, column="cadence_days", value="0")
        _assert_complete(found[4, "status"], file="contacts_bad.csv", line=4, column="status", value="grow")
        # "ann  LEE" is Ann Lee again (same match key): merge with line 2
        duplicate = found[5, "contact"]
        _assert_complete(duplicate, file="contacts_bad.csv", line=5, column="contact", value="ann LEE")
        assert "line 2" in duplicate.fix

    def test_missing_required_column(self, data_dir):
        [problem] = _errors(read_contacts, data_dir / "log" / "contacts_missing_column.csv")
        assert (problem.line, problem.column, problem.code) == (1, "contact", "missing-column")

    def test_empty_file(self, write_file):
        [problem] = _errors(read_contacts, write_file("contacts.csv", b""))
        assert problem.code == "empty"


# --- goals.toml --------------------------------------------------------------


class TestGoals:
    def test_full_file(self, data_dir):
        goals = read_goals(data_dir / "log" / "goals.toml")
        assert goals == Goals(statement="Win two public-sector clients and grow as a data lead",
                              purposes={"sales": 0.4, "learning": 0.3, "job": 0.3}, window_days=180,
                              half_life_days=90.0, actions_per_week=3, trusted_strength=0.5, given=True)

    def test_percentages_are_scaled_to_shares(self, data_dir):
        # Sales = 60, learning = 40 -> 60/100, 40/100; names lower-cased
        goals = read_goals(data_dir / "log" / "goals_percent.toml")
        assert goals.purposes == {"sales": 0.6, "learning": 0.4}
        assert goals.half_life_days == Goals().half_life_days

    def test_bad_values_have_line_key_value_and_fix(self, data_dir):
        errors = _errors(read_goals, data_dir / "log" / "goals_bad_values.toml")
        assert [(p.line, p.column, p.value) for p in errors] == \
            [(2, "purposes.sales", "-1"), (5, "review.window_days", "0")]
        assert all(p.file == "goals_bad_values.toml" and p.fix for p in errors)

    def test_not_toml(self, data_dir):
        [problem] = _errors(read_goals, data_dir / "log" / "goals_not_toml.toml")
        assert (problem.file, problem.line, problem.code) == ("goals_not_toml.toml", 2, "toml")
        assert problem.fix

    def test_unknown_setting_is_an_error(self, write_file):
        # Ignoring it would give a review with settings the user did not ask for (issue 17).
        problems = Problems()
        read_goals(write_file("goals.toml", "[review]\nwindow_days = 30\nhalf_lif_days = 3\n"), problems=problems)
        [error] = problems.errors
        assert (error.line, error.column, error.value) == (3, "review.half_lif_days", "3")
        assert error.fix == "did you mean 'half_life_days'?"

    @pytest.mark.parametrize("data, code", [
        (b"", "empty"),
        ("[mission]\nstatement = 'Søren'\n".encode("latin-1"), "encoding"),
        (bytes(range(256)), "encoding"),
        (b"\x00\x01\x02\x03", "toml"),
    ], ids=["empty", "latin-1", "binary", "control-bytes"])
    def test_unreadable_files(self, write_file, data, code):
        [problem] = _errors(read_goals, write_file("goals.toml", data))
        assert (problem.file, problem.code) == ("goals.toml", code)
        assert problem.fix


def test_multibyte_character_cut_at_the_decoded_head(tmp_path):
    """Only the head is decoded before pandas: a character split at that boundary is not an error."""
    from netanalysis.io import csvfile
    header = "date,contact,kind,direction\n"
    row = "2026-03-14,Søren Hansen,coffee,gave\n"
    for pad in range(4):  # move the 2-byte 'ø' across the boundary
        data = (header + "x" * pad + "\n" + row * (csvfile._HEAD_CHARS * 4 // len(row.encode()) + 50)).encode()
        table = csvfile.read_csv_table(data, display="interactions.csv", problems=Problems(),
                                       required={"date": "date", "contact": "contact"})
        assert table is not None
        assert set(table.frame["contact"].iloc[1:]) == {"Søren Hansen"}


def test_log_columns_trimmed_by_the_reader_once_per_distinct_cell():
    """contact, kind, purpose and with are read untrimmed and cleaned by the
    reader itself: padded cells give the same log as clean ones."""
    from netanalysis.io.interactions import read_interactions

    padded = read_interactions(b"date,contact,kind,direction,purpose,with\n"
                               b"2026-03-14,  Ann Lee ,  Coffee , gave , Job ; Sales ,  Bo Ek ; Cy  \n")
    clean = read_interactions(b"date,contact,kind,direction,purpose,with\n"
                              b"2026-03-14,Ann Lee,coffee,gave,job;sales,Bo Ek;Cy\n")
    pd.testing.assert_frame_equal(padded, clean)
