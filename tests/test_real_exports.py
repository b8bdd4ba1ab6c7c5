"""Real exports that load (issue 15, item 6), on small fixture files in ``tests/data/real_exports``.

Each failure seen in a corpus of public LinkedIn exports: a file re-saved by
Excel on Windows in cp1252, one broken UTF-8 sequence in one name, and
month-name dates in ``Invitations.csv``.  Each loads, with a warning that
``check`` lists like every other problem; ambiguous numeric dates and a
broken profile URL stay errors.
"""
from __future__ import annotations

import shutil

import pytest

from netanalysis import cli
from netanalysis.errors import Problems
from netanalysis.io.connections import read_connections
from netanalysis.io.linkedin.evidence import read_invitations, read_recommendations


@pytest.fixture
def real(data_dir):
    return data_dir / "real_exports"


def test_cp1252_recommendations_load_with_one_warning_naming_the_encoding(real):
    problems = Problems()
    frame = read_recommendations(real / "Recommendations_Received_cp1252.csv", problems=problems)
    assert frame["counterpart"].tolist() == ["Jane Doe", "Søren Hansen"]
    assert frame["date"].dt.year.tolist() == [2024, 2023]
    [warning] = problems.items
    assert (warning.file, warning.severity) == ("Recommendations_Received.csv", "warning")
    assert "not UTF-8: it was read as Windows-1252 (cp1252)" in warning.message


def test_a_broken_byte_in_a_name_is_a_replacement_character_with_its_line(real):
    problems = Problems()
    frame = read_connections(real / "Connections_broken_byte.csv", problems=problems)
    assert frame["contact"].tolist() == ["Søren Hansen", "Jos\ufffd Smith", "Ann Lee"]
    [warning] = problems.items
    assert (warning.line, warning.code, warning.severity) == (3, "broken-character", "warning")


def test_month_name_dates_load_in_invitations(real):
    problems = Problems()
    frame = read_invitations(real / "Invitations_month_names.csv", problems=problems)
    assert problems.items == []
    assert [str(d) for d in frame["date"]] == ["2023-03-25 10:15:00", "2023-03-25 00:00:00", "2023-03-25 00:00:00"]


def test_ambiguous_numeric_dates_stay_errors(real):
    problems = Problems()
    read_invitations(real / "Invitations_ambiguous_date.csv", problems=problems)
    [error] = problems.errors
    assert (error.line, error.column, error.code) == (2, "Sent At", "bad-date")


def test_check_lists_the_warnings_like_every_other_problem(real, tmp_path, capsys):
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copyfile(real / "Connections_broken_byte.csv", folder / "Connections.csv")
    shutil.copyfile(real / "Recommendations_Received_cp1252.csv", folder / "Recommendations_Received.csv")
    shutil.copyfile(real / "Invitations_month_names.csv", folder / "Invitations.csv")
    assert cli.main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "warning: Connections.csv line 3: holds bytes that are not UTF-8 (a broken character)" in out
    assert "warning: Recommendations_Received.csv: is not UTF-8: it was read as Windows-1252 (cp1252)" in out
    assert "0 error(s), 2 warning(s)" in out  # the month-name dates load without a word
