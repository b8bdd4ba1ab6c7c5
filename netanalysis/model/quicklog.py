"""``log add``: one new row of the interaction log, checked as the reader and the loader check it.

:func:`prepare_log_row` builds the row in the log file's own format
(:mod:`netanalysis.io.logfile`), reads the file with the row added through
:func:`~netanalysis.io.interactions.read_interactions` (the same errors: date,
kind, direction, value, channel, with their did-you-means), and matches its
``contact`` and ``with`` names against the folder's people like
:func:`~netanalysis.model.load` does (an ambiguous name is an error, a name
that fits nobody a warning with close matches).  Nothing is written here.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem, Problems
from ..io.inputs import Inputs
from ..io.interactions import read_interactions
from ..io.logfile import log_format, new_log, row_bytes
from .people import match_log

__all__ = ["LogRow", "prepare_log_row"]


@dataclass(frozen=True)
class LogRow:
    """A checked row, ready to append: ``before`` (None: no file yet) + ``addition``."""

    path: Path
    before: bytes | None
    addition: bytes
    line: int                      # the row's line in the file, as a spreadsheet shows it
    warnings: tuple[Problem, ...]


def prepare_log_row(target: Path, values: dict[str, str], inputs: Inputs) -> LogRow:
    """Check the row ``values`` (by column: date, contact, kind, direction, value, ...) for the log ``target``.

    Parameters
    ----------
    target : Path
        The log (it may not exist yet).
    values : dict
        The row's cells as text, by column name (:data:`~netanalysis.io.logfile.LOG_HEADER`).
    inputs : Inputs
        The folder's other inputs, for the people the names are matched against
        (their own problems are for ``check``, not here).

    Returns
    -------
    LogRow

    Raises
    ------
    InputError
        The row has an error (nothing may be written), or the file cannot take a row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netanalysis.io.inputs import resolve_inputs
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\\nSøren,Hansen,01 Jan 2025\\n")
    >>> row = prepare_log_row(folder / "interactions.csv", {"date": "2026-03-14", "contact": "Soren Hansen",
    ...                       "kind": "coffee", "direction": "gave"}, resolve_inputs(folder))
    >>> row.line, row.addition.decode().splitlines()[-1]
    (2, '2026-03-14,Soren Hansen,coffee,gave,,,,,')
    >>> prepare_log_row(folder / "interactions.csv", {"date": "2026-03-14", "contact": "Soren Hansen",
    ...                 "kind": "coffee", "direction": "gve"}, resolve_inputs(folder))
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: interactions.csv line 2, column 'direction': 'gve' is not one of ... 'gave'?
    """
    from .load import load_inputs

    display = target.name
    before = target.read_bytes() if target.exists() else None
    if before is None or not before.lstrip(b"\xef\xbb\xbf").strip():
        addition = new_log(values)
    else:
        addition = row_bytes(log_format(before, display), values, display=display)
    problems = Problems()
    log = read_interactions((before or b"") + addition, display=display, problems=problems)
    line = int(log["line"].iloc[-1]) if len(log) else None
    mine = [p for p in problems.items if p.line == line or p.line is None]
    errors = [p for p in mine if p.severity == "error"]
    if errors or line is None:
        raise InputError(errors or [Problem(display, "cannot take the new row", code="parse",
                                            fix="check the file with `python -m netanalysis check`")])
    net = load_inputs(dataclasses.replace(inputs, calendar=(), mail=()), problems=Problems())
    matching = Problems()
    match_log(log.iloc[[-1]], net.people, net.matcher, display, matching)
    if matching.errors:
        raise InputError(matching.errors)
    return LogRow(target, before, addition, line, tuple(p for p in mine if p.severity == "warning")
                  + tuple(matching.warnings))
