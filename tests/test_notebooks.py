"""The notebooks as files: stored outputs that are small, reproducible and honest.

nbval (``--nbval`` in pyproject's addopts, ``notebooks`` in testpaths) runs each
notebook and compares the outputs; these tests check what nbval does not: that
every code cell has a stored output, that outputs hold no temporary paths, that
only figure cells skip the comparison, that the student and teacher notebooks
pose the same tasks, and that their checkers say what each should.
"""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "notebooks"
NOTEBOOKS = ["01_walkthrough.ipynb", "02_strategic_review.ipynb", "03_classroom_exercise.ipynb",
             "04_teacher_solution.ipynb"]
IGNORE = "# NBVAL_IGNORE_OUTPUT"
PLOTLY = "application/vnd.plotly.v1+json"
CHECKERS = ("check_diagnosis", "check_strength", "check_blau", "check_constraint", "check_introductions")


def _cells(name: str) -> list[dict]:
    return json.loads((FOLDER / name).read_text("utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _text(cell: dict) -> str:
    """Everything a code cell printed or displayed as text."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append("".join(output.get("text", "")))
        for mime, data in output.get("data", {}).items():
            if mime.startswith("text/"):
                parts.append("".join(data))
    return "\n".join(parts)


def _checker_output(name: str) -> str:
    return "\n".join(_text(c) for c in _cells(name)
                     if c["cell_type"] == "code" and any(f"{f}(" in _source(c) for f in CHECKERS))


def test_pytest_runs_the_notebooks():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]
    assert "notebooks" in options["testpaths"]
    assert "--nbval" in options["addopts"].split()


@pytest.mark.parametrize("name", NOTEBOOKS)
class TestStoredOutputs:
    def test_small(self, name):
        assert (FOLDER / name).stat().st_size < 1_000_000

    def test_every_code_cell_ran_in_order(self, name):
        code = [c for c in _cells(name) if c["cell_type"] == "code"]
        assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))

    def test_no_errors_warnings_or_temporary_paths(self, name):
        for cell in _cells(name):
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", _source(cell)
                assert output.get("name") != "stderr", _source(cell)
            text = _text(cell)
            assert not re.search(r"/tmp/|netanalysis-class-|[A-Z]:\\|0x[0-9a-f]{6,}", text), text

    def test_only_figures_skip_the_comparison(self, name):
        for cell in _cells(name):
            if cell["cell_type"] != "code":
                continue
            figure = any(PLOTLY in o.get("data", {}) for o in cell["outputs"])
            # nbval only honours the marker alone on its line.
            assert figure == (_source(cell).splitlines()[:1] == [IGNORE]), _source(cell)

    def test_public_api_only(self, name):
        for cell in _cells(name):
            if cell["cell_type"] == "code":
                assert not re.search(r"\._[a-z]|import\s+_|import .*\b_[a-z]", _source(cell)), _source(cell)

    def test_review_date_pinned(self, name):
        sources = "\n".join(_source(c) for c in _cells(name) if c["cell_type"] == "code")
        assert 'AS_OF = "2026-11-01"' in sources or "AS_OF = SAMPLE_AS_OF" in sources
        code = "\n".join(line.split("#")[0] for line in sources.splitlines())
        assert "today()" not in code and "now()" not in code


def _tasks(name: str) -> list[str]:
    return [line for c in _cells(name) if c["cell_type"] == "markdown"
            for line in _source(c).splitlines() if line.startswith("#") and not line.startswith("# ")]


def test_student_and_teacher_notebooks_pose_the_same_tasks():
    assert _tasks("03_classroom_exercise.ipynb") == _tasks("04_teacher_solution.ipynb")
    assert sum(t.startswith("### Task") for t in _tasks("03_classroom_exercise.ipynb")) == 6


def test_students_start_from_placeholders():
    output = _checker_output("03_classroom_exercise.ipynb")
    assert "Correct" not in output and "Not quite" not in output
    for name in ("my_diagnosis", "my_strength", "my_blau", "my_constraint", "my_introductions"):
        assert f"Write your answer in {name}" in output


def test_teacher_answers_are_all_correct():
    output = _checker_output("04_teacher_solution.ipynb")
    assert "Not quite" not in output and "Almost" not in output and "Write your answer" not in output
    assert output.count("Correct") == 6 + 4   # six diagnoses; strength, Blau, constraint, introductions


def test_generated_report_stays_out_of_git():
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    assert "notebooks/_out/" in ignored
