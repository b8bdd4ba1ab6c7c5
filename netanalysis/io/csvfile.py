"""Shared CSV plumbing: bytes -> text -> header line -> DataFrame of strings.

Real exports arrive with a BOM or not, LF or CRLF, ``,`` or ``;`` or tab
(European Excel re-saves), a preamble of a few lines before the header, and no
final newline.  :func:`read_csv_table` takes all of that and reports what is
truly broken (empty file, binary data, wrong encoding, no header, a row with
too many fields) as :class:`~netanalysis.errors.Problem` s.

The ``line`` column of the result is the row number a spreadsheet shows for
that record (1-based, header and preamble included).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem, Problems
from .fields import map_each

__all__ = ["CsvTable", "read_csv_table", "column_key", "decode_bytes"]

_DELIMITERS = (",", ";", "\t")
_HEADER_SEARCH_LINES = 30
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEAD_CHARS = 1 << 16


class _AllLines:
    """The file's lines, split on first use (only a broken row needs them)."""

    def __init__(self, data: bytes):
        self._data, self._lines = data, None

    def _all(self) -> list[str]:
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self._data.decode("utf-8-sig"))
            if self._lines and self._lines[-1] == "":
                self._lines.pop()
        return self._lines

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, item):
        return self._all()[item]
_BAD_LINE = re.compile(r"line (\d+): expected (\d+) fields, saw (\d+)", re.I)
_PARSE_ROW = re.compile(r"starting at row (\d+)")
#: How pandas reads the body after the header (with ``sep`` set to the delimiter found).
READ_OPTIONS = dict(
    encoding="utf-8", dtype=object, keep_default_na=False, na_filter=False, skipinitialspace=False,
    on_bad_lines="warn", engine="c", quoting=csv.QUOTE_MINIMAL, skip_blank_lines=False,
    # Never take a first column as the index when the first record has more
    # fields than the header: that would shift every value.
    index_col=False,
)
SAVE_AS_UTF8 = "save it again as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8)"


@dataclass
class CsvTable:
    """A parsed table: string cells, the header's spreadsheet row, the delimiter."""

    frame: pd.DataFrame
    header_line: int
    delimiter: str
    columns: dict[str, str]  # canonical key -> column name as written


def column_key(name: str) -> str:
    """Compare column names without case, spaces, BOM or punctuation.

    >>> column_key(" \\ufeffFirst Name ")
    'firstname'
    """
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def decode_bytes(data: bytes, display: str, limit: int = 0) -> str:
    """Decode a CSV file's bytes, or raise one clear :class:`InputError`.

    With ``limit``, a UTF-8 file longer than that is checked and decoded only
    for its first ``limit`` bytes (a character cut at the end is left out).
    """
    if not data:
        raise InputError(Problem(display, "is empty (0 bytes); a valid file has at least its header line",
                                 fix="export the file again, or delete it if you have nothing to put in it",
                                 code="empty"))
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        raise InputError(Problem(display, "is a zip or Excel workbook, not a CSV file",
                                 fix="unzip it, or " + SAVE_AS_UTF8, code="binary"))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in head:
        raise InputError(Problem(display, "holds binary data, not CSV text",
                                 fix="check that you picked the right file; " + SAVE_AS_UTF8, code="binary"))
    try:
        if limit and len(data) > limit:
            # Only the head is decoded here; pandas decodes the rest (and a bad
            # byte there comes back to :func:`decode_bytes` for its line).
            text = codecs.getincrementaldecoder("utf-8-sig")().decode(data[:limit], final=False)
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, display) from None
    control = re.search(r"[\x00-\x08\x0e-\x1f]", text[:4096])
    if control:
        raise InputError(Problem(display, "holds binary data, not CSV text",
                                 line=text[: control.start()].count("\n") + 1,
                                 fix="check that you picked the right file; " + SAVE_AS_UTF8, code="binary"))
    return text


def _not_utf8(data: bytes, start: int, display: str) -> InputError:
    line = data[:start].count(b"\n") + 1
    return InputError(Problem(display, f"is not UTF-8 text (byte 0x{data[start]:02x} cannot be read)",
                              line=line, fix=SAVE_AS_UTF8, code="encoding"))


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _find_header(lines: list[str], required: set[str]) -> tuple[int, str] | None:
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        for delimiter in _DELIMITERS:
            if delimiter not in line and len(required) > 1:
                continue
            keys = {column_key(cell) for cell in _split(line, delimiter)}
            if required <= keys:
                return index, delimiter
    return None


def read_csv_table(
    source: str | Path | bytes,
    *,
    display: str,
    required: dict[str, str],
    optional: dict[str, str] | None = None,
    problems: Problems,
    aliases: dict[str, str] | None = None,
    raw: frozenset[str] = frozenset(),
) -> CsvTable | None:
    """Read a CSV with a header somewhere in its first lines.

    ``required`` and ``optional`` map canonical column keys (see
    :func:`column_key`) to the names shown in messages.  Returns ``None`` after
    recording an error when the file cannot be read as a table.  Every cell is
    a stripped ``str``; missing cells are ``""``.  Cells of the ``raw`` columns
    are not stripped: for a caller that cleans them per distinct value anyway
    (300,000 message rows).
    """
    optional = optional or {}
    aliases = aliases or {}
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        text = decode_bytes(data, display, limit=_HEAD_CHARS * 4 + 8)
        # pandas parses UTF-8 bytes with far less memory than a str (a str in a
        # StringIO costs 4 bytes a character); a UTF-16 re-save is re-encoded.
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = text.encode("utf-8")
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        text = text[:_HEAD_CHARS + 1]  # only the head is needed from here on
    except InputError as exc:
        problems.items.extend(exc.problems)
        return None
    except OSError as exc:
        problems.error(display, f"cannot be read ({exc.strerror or exc})",
                       fix="check the path and that the file is not open in another program", code="unreadable")
        return None

    # Only the first lines are split to find the header: a 76 MB messages.csv
    # goes to pandas in one piece.  The whole file is split into lines only
    # to quote a broken row.
    head = _LINE_BREAK.split(text[:_HEAD_CHARS])
    lines = head if len(text) > _HEAD_CHARS else [*head[:-1], head[-1]] if head and head[-1] else head[:-1]
    found = _find_header(lines, set(required) - set(aliases.values()) if aliases else set(required))
    if found is None:
        # Say which required columns are missing from the most header-like line.
        best_line, best_missing = 1, sorted(required)
        for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
            for delimiter in _DELIMITERS:
                keys = {aliases.get(column_key(c), column_key(c)) for c in _split(line, delimiter)}
                missing = sorted(set(required) - keys)
                if len(missing) < len(best_missing):
                    best_line, best_missing = index + 1, missing
        names = ", ".join(f"'{required[k]}'" for k in best_missing)
        problems.error(display, f"has no header line with the required column(s) {names}",
                       line=best_line, column=required[best_missing[0]], code="missing-column",
                       fix="add the column(s) to the header line (spelling as shown), or check that this is the right file")
        return None
    header_index, delimiter = found

    offset = 0
    for _ in range(header_index):
        match = _LINE_BREAK.search(text, offset)
        offset = match.end()
    body = io.BytesIO(data[bom + len(text[:offset].encode("utf-8")):])
    lines = _AllLines(data)
    del text
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(body, sep=delimiter, **READ_OPTIONS)
        except UnicodeDecodeError:
            # A bad byte after the head: find it in the whole file for its line.
            try:
                data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                problems.items.extend(_not_utf8(data, exc.start, display).problems)
                return None
            raise
        except (pd.errors.ParserError, csv.Error, ValueError) as exc:
            row = _PARSE_ROW.search(str(exc))
            problems.error(display, f"cannot be parsed as CSV ({exc})",
                           line=header_index + 1 + (int(row.group(1)) if row else 0),
                           fix="check for an unclosed quote (\") in the file", code="parse")
            return None
    bad_lines: set[int] = set()
    width = len(frame.columns)

    def too_many(physical: int, fields: int) -> None:
        text = lines[physical - 1] if 0 < physical <= len(lines) else None
        problems.error(display, f"has {fields} fields where the header has {width}",
                       line=physical, value=text, code="too-many-fields",
                       fix="put quotes around values that contain the delimiter "
                           f"'{delimiter}', or remove the extra field(s)")

    truncated = False
    wide: set[int] = set()  # rows pandas kept, cut short: reported, then dropped
    for warning in caught:
        message = str(warning.message)
        truncated |= "loss of data with index_col=False" in message
        for match in _BAD_LINE.finditer(message):
            physical = int(match.group(1)) + header_index
            bad_lines.add(physical)
            too_many(physical, int(match.group(3)))
    if truncated:
        # pandas kept (cut short) rows as wide as the first one without saying
        # which: find them, report each with its line, and drop them like the
        # rows pandas skipped.
        for physical, fields in _wide_records(lines, header_index, delimiter, width):
            if physical not in bad_lines:
                wide.add(physical)
                too_many(physical, fields)
    columns: dict[str, str] = {}
    for name in frame.columns:
        key = column_key(name)
        key = aliases.get(key, key)
        if key and key not in columns:
            columns[key] = name
    missing = [k for k in required if k not in columns]
    if missing:
        problems.error(display, f"misses the required column '{required[missing[0]]}'", line=header_index + 1,
                       column=required[missing[0]], code="missing-column",
                       fix="add it to the header line")
        return None
    wanted = {**required, **optional}
    out = pd.DataFrame({key: frame[columns[key]] if key in raw else map_each(frame[columns[key]], str.strip)
                        for key in wanted if key in columns})
    for key in wanted:
        if key not in out:
            out[key] = ""
    # pandas numbers records (a multi-line cell is one record, a blank line is
    # one), which is what a spreadsheet shows: record k is row header_line + k.
    # Blank lines come back as all-empty rows (kept so numbering stays right)
    # and are dropped here.
    rows = np.arange(header_index + 2, header_index + 2 + len(out) + len(bad_lines))
    if bad_lines:
        rows = rows[~np.isin(rows, sorted(bad_lines))]
    out.insert(0, "line", rows[: len(out)])
    if len(out.columns) > 1 and len(frame) == len(out):
        maybe = np.flatnonzero(frame.iloc[:, 0].to_numpy() == "")
        if len(maybe):
            blank = maybe[(frame.iloc[maybe].to_numpy() == "").all(axis=1)]
            if len(blank):
                out = out.drop(index=out.index[blank]).reset_index(drop=True)
    if wide:
        out = out[~out["line"].isin(wide)].reset_index(drop=True)
    return CsvTable(out, header_index + 1, delimiter, {k: columns[k] for k in columns if k in wanted})


def _wide_records(lines: list[str], header_index: int, delimiter: str, width: int):
    """(spreadsheet row, field count) of each record after the header with more than ``width`` fields."""
    reader = csv.reader(io.StringIO("\n".join(lines[header_index + 1:])), delimiter=delimiter)
    try:
        for index, record in enumerate(reader):
            if len(record) > width:
                yield header_index + 2 + index, len(record)
    except csv.Error:
        return
