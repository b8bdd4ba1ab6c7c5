"""Appending one row to the user's interaction log (``log add``): the one user file netanalysis writes.

Only the log, and only by appending: the file's bytes stay as they were and
the row goes after them, written the way the file is written: its delimiter
(``,``, ``;`` or tab), its encoding (UTF-8 with or without a BOM, UTF-16, or
cp1252), its line endings (LF, CRLF or CR), its columns in its order (a
column the file does not have stays unwritten; a value for it is an error),
and without a final newline if the file has none.  A missing file is created
with the log's header (UTF-8, LF).

The new file is written beside the old one, flushed to disk, and renamed over
it (:func:`append_atomic`): a failure at any point leaves the old file as it
was, and a file that changed since it was read is not replaced.  Line breaks
inside a value become spaces.

Examples
--------
>>> before = b"\\xef\\xbb\\xbfdate;contact;kind;direction\\r\\n2026-03-01;Ann Lee;coffee;gave\\r\\n"
>>> fmt = log_format(before, "interactions.csv")
>>> fmt.delimiter, fmt.newline, fmt.encoding
(';', '\\r\\n', 'utf-8')
>>> row_bytes(fmt, {"date": "2026-03-14", "contact": "Bo; Berg", "kind": "call", "direction": "received"})
b'2026-03-14;"Bo; Berg";call;received\\r\\n'
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from .csvfile import column_key

__all__ = ["LOG_HEADER", "LogFormat", "log_format", "row_bytes", "new_log", "append_atomic"]

#: The log's columns, as a new file's header has them.
LOG_HEADER = ("date", "contact", "kind", "direction", "value", "purpose", "channel", "with", "notes")
_REQUIRED = ("date", "contact", "kind", "direction")
_DELIMITERS = (",", ";", "\t")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SAVE_UTF8 = "save it as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8)"


@dataclass(frozen=True)
class LogFormat:
    """How an existing log is written."""

    encoding: str                 # codec of the appended bytes: utf-8, utf-16-le, utf-16-be or cp1252
    delimiter: str
    newline: str                  # "\n", "\r\n" or "\r"
    columns: tuple[str, ...]      # the header's columns, as keys (:func:`~netanalysis.io.csvfile.column_key`)
    final_newline: bool           # the file ends with a line break


def log_format(data: bytes, display: str) -> LogFormat:
    """The format of an existing log's bytes; :class:`~netanalysis.errors.InputError` when it has no header."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text = _decode(data[2:], encoding, display)
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode(data, "cp1252", display), "cp1252"
    lines = _LINE_BREAK.split(text)
    for line in lines[:30]:
        for delimiter in _DELIMITERS:
            cells = next(csv.reader([line], delimiter=delimiter), [])
            keys = tuple(column_key(cell) for cell in cells)
            if set(_REQUIRED) <= set(keys):
                found = _LINE_BREAK.search(text)
                return LogFormat(encoding, delimiter, found.group(0) if found else "\n", keys,
                                 text.endswith(("\n", "\r")))
    missing = ", ".join(f"'{c}'" for c in _REQUIRED)
    raise InputError(Problem(display, f"has no header line with the required column(s) {missing}", line=1,
                             code="missing-column",
                             fix="add the header line date,contact,kind,direction (or give the right file)"))


def _decode(data: bytes, encoding: str, display: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(Problem(display, f"is not text in any encoding a log can have (byte 0x{data[exc.start]:02x})",
                                 line=data[:exc.start].count(b"\n") + 1, code="encoding", fix=_SAVE_UTF8)) from None


def row_bytes(fmt: LogFormat, values: dict[str, str], *, display: str = "interactions.csv") -> bytes:
    """The row of ``values`` (by column key) as bytes to append, line break included where the file wants it.

    A value for a column the file does not have is an :class:`~netanalysis.errors.InputError`.
    """
    missing = [key for key, value in values.items() if value and key not in fmt.columns]
    if missing:
        raise InputError(Problem(display, f"has no '{missing[0]}' column, so the value given for it cannot be "
                                          "stored", line=1, column=missing[0], code="missing-column",
                                 fix=f"add a '{missing[0]}' column to the file's header line, or leave the "
                                     "option out"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator="", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_one_line(values.get(key, "")) for key in fmt.columns])
    row = buffer.getvalue()
    text = row + fmt.newline if fmt.final_newline else fmt.newline + row
    try:
        return text.encode(fmt.encoding)
    except UnicodeEncodeError as exc:
        raise InputError(Problem(display, f"is saved as {fmt.encoding}, which cannot hold "
                                          f"{exc.object[exc.start:exc.end]!r} of the new row", code="encoding",
                                 fix=_SAVE_UTF8)) from None


def new_log(values: dict[str, str]) -> bytes:
    """A new log (UTF-8, LF): :data:`LOG_HEADER` and one row.

    >>> new_log({"date": "2026-03-14", "contact": "Ann Lee", "kind": "coffee", "direction": "gave"})
    b'date,contact,kind,direction,value,purpose,channel,with,notes\\n2026-03-14,Ann Lee,coffee,gave,,,,,\\n'
    """
    fmt = LogFormat("utf-8", ",", "\n", LOG_HEADER, True)
    return ",".join(LOG_HEADER).encode() + b"\n" + row_bytes(fmt, values)


def _one_line(value: str) -> str:
    return " ".join(_LINE_BREAK.split(str(value))) if value else ""


def append_atomic(path: str | Path, before: bytes | None, addition: bytes) -> Path:
    """Replace ``path`` by ``before + addition``, all at once, if it still holds ``before``.

    ``before`` is ``None`` for a file that did not exist (it must still not
    exist).  The new bytes are written to a temporary file in the same
    folder, flushed to disk (``fsync``), given the old file's permissions and
    renamed over it; a symbolic link is followed (the file it names is
    replaced).  On any failure the temporary file is removed and the old file
    is untouched.

    >>> import tempfile, pathlib
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "interactions.csv"
    >>> _ = log.write_bytes(b"date,contact,kind,direction\\n")
    >>> append_atomic(log, b"date,contact,kind,direction\\n", b"2026-03-14,Ann,call,gave\\n").read_bytes()
    b'date,contact,kind,direction\\n2026-03-14,Ann,call,gave\\n'
    """
    target = Path(path).resolve()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(before or b"")
            stream.write(addition)
            stream.flush()
            os.fsync(stream.fileno())
        if before is not None:
            shutil.copymode(target, temporary)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        now = target.read_bytes() if target.exists() else None
        if now != before:
            raise InputError(Problem(str(path), "changed while the row was being added; nothing was written",
                                     code="changed", fix="close the file in other programs and run the command again"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk too (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
