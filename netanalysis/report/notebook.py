"""Your own walkthrough: a copy of ``notebooks/01_walkthrough.ipynb`` pointed at your inputs, run if asked.

The walkthrough ships inside the package (:data:`WALKTHROUGH`, without its
stored outputs; ``make walkthrough`` refreshes it from ``notebooks/`` and a test
keeps the two equal), so an installed netanalysis can write it too.  Its
parameters cell is tagged ``parameters`` (as papermill expects) and sets
``FOLDER`` and ``AS_OF``; the copy sets them to your folder and review date,
and when you give files one by one adds ``FILES`` (``{"connections": Path(...),
...}``) and passes it where the walkthrough checks and loads your inputs.  The
tracked notebooks are never touched.

Running the copy (``execute=True``) needs ``nbclient`` and a Python kernel
(``ipykernel``): ``pip install 'netanalysis[notebook]'``.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
from importlib import resources
from pathlib import Path

from ..errors import NetanalysisError

__all__ = ["walkthrough", "write_walkthrough", "strip_outputs", "NotebookError", "WALKTHROUGH", "PARAMETERS_TAG"]

#: The walkthrough inside the package ``netanalysis``.
WALKTHROUGH = "report/notebooks/01_walkthrough.ipynb"
#: The tag of the cell that sets the notebook's parameters (papermill's).
PARAMETERS_TAG = "parameters"
#: Where the walkthrough uses its inputs: these calls get ``**FILES`` when files are given one by one.
_CALLS = ("check(FOLDER, ", "netanalysis.load(FOLDER, ")


class NotebookError(NetanalysisError):
    """The walkthrough could not be written or run (a cell failed, or nbclient is missing)."""


def walkthrough(*, folder: str | Path | None = None, files: dict | None = None,
                as_of: dt.date | str | None = None) -> dict:
    """The walkthrough notebook (nbformat 4 JSON, as a dict) with its parameters set.

    Parameters
    ----------
    folder : path, optional
        The folder of inputs (``FOLDER``); none: the bundled sample, as shipped.
    files : dict, optional
        Inputs given one by one (``{"connections": path, ...}``, as
        :class:`~netanalysis.io.inputs.Inputs` names them); they win over the folder's.
    as_of : date or ISO str, optional
        The review date (``AS_OF``); none: the shipped date.

    Returns
    -------
    dict
        The notebook, outputs empty; paths are written absolute.

    Examples
    --------
    >>> nb = walkthrough(folder="my-network", as_of="2026-12-01")
    >>> cell = next(c for c in nb["cells"] if PARAMETERS_TAG in c["metadata"].get("tags", []))
    >>> for line in "".join(cell["source"]).splitlines():
    ...     if line.startswith(("FOLDER", "AS_OF")):
    ...         print(line)    # doctest: +ELLIPSIS
    FOLDER = Path('/.../my-network')  # your inputs (written by python -m netanalysis notebook)
    AS_OF = "2026-12-01"  # the review date; datetime.date.today() for today
    """
    notebook = _shipped()
    cell = _parameters_cell(notebook)
    lines = "".join(cell["source"]).splitlines()
    files = {key: [Path(v).resolve() for v in value] if isinstance(value, (list, tuple)) else Path(value).resolve()
             for key, value in (files or {}).items() if value is not None}
    out = []
    for line in lines:
        if line.startswith("FOLDER =") and (folder is not None or files):
            where = f"Path({str(Path(folder).resolve())!r})" if folder is not None else "None"
            out.append(f"FOLDER = {where}  # your inputs (written by python -m netanalysis notebook)")
            if files:
                out.append("FILES = {  # files given one by one (they win over FOLDER's)")
                out += [f"    {key!r}: {_path_code(path)}," for key, path in files.items()]
                out.append("}")
        elif line.startswith("AS_OF =") and as_of is not None:
            date = as_of.isoformat() if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of)).isoformat()
            out.append(f'AS_OF = "{date}"  # the review date; datetime.date.today() for today')
        else:
            out.append(line)
    cell["source"] = _source("\n".join(out))
    if files:
        _pass_files(notebook)
    return notebook


def write_walkthrough(output: str | Path, *, folder: str | Path | None = None, files: dict | None = None,
                      as_of: dt.date | str | None = None, execute: bool = False, inputs: dict | None = None,
                      timeout: int = 600, outputs=None) -> Path:
    """Write the walkthrough pointed at your inputs (:func:`walkthrough`) to ``output``; run it first if asked.

    Parameters
    ----------
    output : path
        The ``.ipynb`` file to write (atomically; its folder is created).
    folder, files, as_of
        As :func:`walkthrough`.
    execute : bool
        Run every cell (nbclient, a ``python3`` kernel started in ``output``'s
        folder) and write the notebook with its outputs; nothing is written
        when a cell fails.
    inputs : dict, optional
        Paths ``output`` may never be (the inputs, as ``Inputs.given()``).
    outputs : Outputs, optional
        The run's :class:`~netanalysis.io.write.Outputs` with ``output``
        already planned and checked (the ``notebook`` command's); by default
        one is made from ``inputs``.
    timeout : int
        Seconds a cell may take.

    Returns
    -------
    pathlib.Path
        ``output``.

    Raises
    ------
    NotebookError
        When a cell fails (the message names it and its error), or
        ``execute`` without nbclient installed.

    Examples
    --------
    >>> import tempfile, json
    >>> path = write_walkthrough(Path(tempfile.mkdtemp()) / "mine.ipynb", as_of="2026-11-01")
    >>> json.loads(path.read_text())["nbformat"], path.name
    (4, 'mine.ipynb')
    """
    from ..io.inputs import Inputs
    from ..io.write import Outputs

    output = Path(output)
    if outputs is None:
        outputs = Outputs(Inputs.from_given(inputs).files())
        outputs.add(output)
        outputs.check()
    notebook = walkthrough(folder=folder, files=files, as_of=as_of)
    if execute:
        notebook = _execute(notebook, output.resolve().parent, timeout=timeout)
    outputs.put(output, json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return outputs.commit()[0]


def strip_outputs(notebook: dict) -> dict:
    """A copy of ``notebook`` without outputs, execution counts or timings (what the package ships).

    Parameters
    ----------
    notebook : dict
        nbformat 4 JSON.

    Returns
    -------
    dict

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"execution": {}},
    ...                  "outputs": [{"output_type": "stream"}], "source": ["1"]}], "metadata": {}}
    >>> strip_outputs(nb)["cells"][0]
    {'cell_type': 'code', 'execution_count': None, 'metadata': {}, 'outputs': [], 'source': ['1']}
    """
    out = copy.deepcopy(notebook)
    for cell in out["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cell.get("metadata", {}).pop("execution", None)
    return out


def _shipped() -> dict:
    text = resources.files("netanalysis").joinpath(WALKTHROUGH).read_text("utf-8")
    return json.loads(text)


def _parameters_cell(notebook: dict) -> dict:
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return cell
    raise NotebookError(f"{WALKTHROUGH} has no cell tagged '{PARAMETERS_TAG}'; tag the cell that sets FOLDER and "
                        "AS_OF in notebooks/01_walkthrough.ipynb and run `make walkthrough`")


def _pass_files(notebook: dict) -> None:
    """Give ``**FILES`` to each call that uses the inputs (:data:`_CALLS`)."""
    found = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        text = "".join(cell["source"])
        for call in _CALLS:
            found += text.count(call)
            text = text.replace(call, call.replace("FOLDER", "FOLDER, **FILES"))
        cell["source"] = _source(text)
    if not found:
        raise NotebookError(f"{WALKTHROUGH} does not call {' or '.join(_CALLS)}: the files cannot be passed to it")


def _path_code(path) -> str:
    """``Path('/a')``, or ``[Path('/a'), Path('/b')]`` for a repeatable input (calendars, mailboxes)."""
    if isinstance(path, list):
        return "[" + ", ".join(_path_code(p) for p in path) + "]"
    return f"Path({str(path)!r})"


def _source(text: str) -> list[str]:
    """Cell source as nbformat stores it: lines, each but the last with its newline."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _execute(notebook: dict, folder: Path, *, timeout: int) -> dict:
    """Run every cell in a fresh ``python3`` kernel started in ``folder``; the notebook with its outputs."""
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError as exc:
        raise NotebookError(f"running the notebook needs nbclient and ipykernel ({exc}); "
                            "pip install 'netanalysis[notebook]', or leave out --execute") from None
    node = nbformat.reads(json.dumps(notebook), as_version=4)
    client = NotebookClient(node, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(folder)}})
    try:
        # The kernel's own log (it warns about its local TCP sockets) is not the user's business.
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        failed = next((i for i, c in enumerate(node.cells, 1) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        error = next((f"{o.get('ename')}: {o.get('evalue')}" for c in node.cells if c.cell_type == "code"
                      for o in c.get("outputs", []) if o.get("output_type") == "error"), type(exc).__name__)
        where = f"cell {failed}" if failed else "a cell"
        raise NotebookError(f"the walkthrough stopped at {where} ({error}); nothing was written "
                            "(leave out --execute to open the notebook and run it yourself)") from None
    except Exception as exc:  # the kernel did not start or died (nbclient, jupyter_client errors)
        raise NotebookError(f"the python3 kernel failed ({type(exc).__name__}: {exc}); is ipykernel installed? "
                            "Leave out --execute to write the notebook without running it") from None
    return json.loads(nbformat.writes(node))
