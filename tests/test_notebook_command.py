"""``python -m netanalysis notebook``: your own walkthrough, pointed at your inputs, run if asked.

The walkthrough ships inside the package without its outputs; these tests
keep it equal to ``notebooks/01_walkthrough.ipynb`` (``make walkthrough``
refreshes it), check that the copy's parameters cell holds the inputs and the
date, that the tracked notebooks are never touched, and run the copy on the
bundled sample (about 20 s).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from netanalysis import cli
from netanalysis.errors import NetanalysisError
from netanalysis.report import notebook as nb

ROOT = Path(__file__).resolve().parents[1]
TRACKED = ROOT / "notebooks" / "01_walkthrough.ipynb"
SHIPPED = ROOT / "netanalysis" / nb.WALKTHROUGH


def _load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _parameters(notebook: dict) -> str:
    cells = [c for c in notebook["cells"] if nb.PARAMETERS_TAG in c["metadata"].get("tags", [])]
    assert len(cells) == 1
    return "".join(cells[0]["source"])


def _code(notebook: dict) -> str:
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")


def test_the_shipped_walkthrough_is_the_tracked_one_without_outputs():
    assert _load(SHIPPED) == nb.strip_outputs(_load(TRACKED)), "run `make walkthrough`"


def test_the_tracked_parameters_cell_is_tagged_and_sets_the_folder_and_date():
    source = _parameters(_load(TRACKED))
    assert "FOLDER = bundled_sample()" in source and 'AS_OF = "2026-11-01"' in source


class TestTheCopy:
    def test_a_folder_and_a_date(self, tmp_path):
        source = _parameters(nb.walkthrough(folder=tmp_path, as_of="2026-12-01"))
        assert f"FOLDER = Path({str(tmp_path.resolve())!r})" in source
        assert 'AS_OF = "2026-12-01"' in source
        assert "FILES" not in source

    def test_files_one_by_one_are_passed_where_the_inputs_are_used(self, tmp_path):
        copy = nb.walkthrough(files={"connections": tmp_path / "C.csv", "interactions": tmp_path / "i.csv"},
                              as_of="2026-12-01")
        source = _parameters(copy)
        assert "FOLDER = None" in source
        assert f"'connections': Path({str((tmp_path / 'C.csv').resolve())!r})," in source
        code = _code(copy)
        assert "check(FOLDER, **FILES, as_of=AS_OF, out=sys.stdout)" in code
        assert "netanalysis.load(FOLDER, **FILES, as_of=AS_OF)" in code
        assert "netanalysis.load(FOLDER, as_of" not in code
        compile(code.replace("%", "#"), "walkthrough", "exec")            # still Python

    def test_no_inputs_keep_the_bundled_sample(self):
        copy = nb.walkthrough()
        assert _parameters(copy) == _parameters(_load(SHIPPED))
        assert all(c.get("outputs", []) == [] for c in copy["cells"])

    def test_never_over_an_input(self, tmp_path):
        mine = tmp_path / "interactions.csv"
        mine.write_text("date,contact,kind,direction\n")
        with pytest.raises(NetanalysisError, match="refusing"):
            nb.write_walkthrough(mine, folder=tmp_path, inputs={"interactions": mine})
        assert mine.read_text() == "date,contact,kind,direction\n"


def test_notebook_command_runs_the_walkthrough_on_the_bundled_sample(tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")}
    output = tmp_path / "my-review.ipynb"
    assert cli.main(["notebook", "--as-of", "2026-11-01", "-o", str(output), "--execute"]) == 0
    assert f"wrote {output}" in capsys.readouterr().out
    ran = _load(output)
    code = [c for c in ran["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
    assert any("connections" in "".join(o.get("text", "")) for c in code for o in c["outputs"])
    assert {p.name: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")} == before


def test_a_failing_cell_writes_nothing_and_names_the_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\nAnn,Lee,04 Jul 2023\n")
    (folder / "interactions.csv").write_text("date,contact,kind,direction\n2026-13-45,Ann Lee,coffee,gave\n")
    output = tmp_path / "mine.ipynb"
    with pytest.raises(nb.NotebookError, match="stopped at cell .*InputError.*nothing was written"):
        nb.write_walkthrough(output, folder=folder, as_of="2026-11-01", execute=True)
    assert not output.exists()
