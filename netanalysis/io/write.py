"""Writing files: never onto an input, never half a file; CSV text as LinkedIn writes it.

The sample generator, the anonymiser and every command write through here.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from ..errors import InputError, Problem

__all__ = ["write_atomic", "refuse_inputs", "to_csv_text"]


def refuse_inputs(target: Path, inputs: dict[str, Path]) -> None:
    """Raise if ``target`` is (or is inside) one of the input paths."""
    target = Path(target).resolve()
    for key, path in inputs.items():
        path = Path(path).resolve()
        if target == path:
            raise InputError(Problem(str(target), f"is your {key} input; refusing to overwrite it",
                                     code="output-is-input", fix="choose another output file with -o"))


def write_atomic(target: str | Path, data: str | bytes, *, inputs: dict[str, Path] | None = None) -> Path:
    """Write ``data`` to a temporary file beside ``target``, then rename it over.

    A failure leaves any previous ``target`` untouched.  ``inputs`` are paths
    that must never be overwritten.
    """
    target = Path(target)
    refuse_inputs(target, inputs or {})
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def to_csv_text(rows, header, *, final_newline: bool = False) -> str:
    """Rows -> CSV text as LinkedIn writes it (LF, minimal quoting, no final newline
    unless asked); used by the sample generator and the anonymiser.

    >>> to_csv_text([["Ann", "Lee, PhD"]], ["First Name", "Last Name"])
    'First Name,Last Name\\nAnn,"Lee, PhD"'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    return text if final_newline else text[:-1]
