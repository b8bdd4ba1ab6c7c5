"""The command line as a contract: every command documented, --help works,
errors are one clean line, and no command ever changes an input file."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netanalysis import cli
from netanalysis.sample import write_sample

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> list[str]:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for command in _commands():
        assert f"python -m netanalysis {command}" in text, command


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: python -m netanalysis " + command in capsys.readouterr().out


def test_help_does_not_import_heavy_libraries():
    code = ("import sys, netanalysis.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'networkx', 'plotly', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_bad_option_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["report", "--as-of", "14/03/2026"])
    assert exit_.value.code == 2
    assert "not an ISO date" in capsys.readouterr().err


def _snapshot(folder: Path) -> dict:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_no_command_changes_its_inputs(tmp_path):
    folder = tmp_path / "in"
    write_sample(folder, "student", seed=2)
    before = _snapshot(folder)
    out = tmp_path / "out"
    runs = [
        ["check", str(folder)],
        ["contacts", str(folder), "--as-of", "2026-11-01", "-o", str(out / "c.csv")],
        ["report", str(folder), "--as-of", "2026-11-01", "-o", str(out / "r.html"), "--json", str(out / "s.json")],
        ["report", "--connections", str(folder / "Connections.csv"), "--interactions",
         str(folder / "interactions.csv"), "--as-of", "2026-11-01", "-o", str(out / "r2.html")],
    ]
    runs.append(["anonymize", str(folder), "-o", str(out / "anon")])
    runs.append(["report", str(folder), "--anonymize", "--as-of", "2026-11-01", "-o", str(out / "r3.html")])
    runs.append(["figures", str(folder), "--as-of", "2026-11-01", "-o", str(out / "figures")])
    runs.append(["notebook", str(folder), "--as-of", "2026-11-01", "-o", str(out / "mine.ipynb")])
    for argv in runs:
        assert cli.main(argv) == 0, argv
        assert _snapshot(folder) == before, argv
    # The teacher's class view reads hand-ins and leaves them as they were.
    handins = tmp_path / "handins"
    assert cli.main(["anonymize", str(folder), "-o", str(handins / "student-1"), "--salt", "s"]) == 0
    handed_in = _snapshot(handins / "student-1")
    assert cli.main(["class", str(handins), "--as-of", "2026-11-01", "-o", str(out / "class.html")]) == 0
    assert _snapshot(handins / "student-1") == handed_in
