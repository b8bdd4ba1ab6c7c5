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

import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problems
from .csvtail import last_record_cut
from .encoding import SAVE_AS_UTF8, clean_bytes, head_text, repair_encoding
from .fields import map_each, map_unique
from .files import MAX_COLUMNS, read_input
from .spreadsheet import may_hold_escapes, unescape_cell

__all__ = ["CsvTable", "read_csv_table", "column_key", "SAVE_AS_UTF8"]

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
    matching: frozenset[str] = frozenset(),
    unescape: bool = False,
) -> CsvTable | None:
    """Read a CSV with a header somewhere in its first lines.

    ``required`` and ``optional`` map canonical column keys (see
    :func:`column_key`) to the names shown in messages.  Returns ``None`` after
    recording an error when the file cannot be read as a table.  Every cell is
    a stripped ``str``; missing cells are ``""``.  Cells of the ``raw`` columns
    are not stripped: for a caller that cleans them per distinct value anyway
    (300,000 message rows).  A broken character (U+FFFD, see
    :mod:`~netanalysis.io.encoding`) in a ``matching`` column is an error (a
    profile URL must be exact to match).  With ``unescape``, a cell written
    safe for spreadsheets (``'=...``, see :func:`~netanalysis.io.spreadsheet.unescape_cell`)
    is read back as it was.
    """
    optional = optional or {}
    aliases = aliases or {}
    try:
        data = source if isinstance(source, bytes) else read_input(source, display)
        data = clean_bytes(data, display, problems)
        repaired = False
        text = head_text(data, _HEAD_CHARS * 4 + 8)
        if text is None:
            data, repaired = repair_encoding(data, display, problems), True
            text = head_text(data, _HEAD_CHARS * 4 + 8) or ""
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        text = text[:_HEAD_CHARS + 1]  # only the head is needed from here on
    except InputError as exc:
        problems.items.extend(exc.problems)
        return None

    # Only the first lines are split to find the header: a 76 MB messages.csv
    # goes to pandas in one piece.  The whole file is split into lines only
    # to quote a broken row.
    head = _LINE_BREAK.split(text[:_HEAD_CHARS])
    lines = head if len(text) > _HEAD_CHARS else [*head[:-1], head[-1]] if head and head[-1] else head[:-1]
    if _too_wide(lines, len(text) > _HEAD_CHARS, display, problems):
        return None
    found = _find_header(lines, set(required) - set(aliases.values()) if aliases else set(required))
    if found is None:
        _no_header(lines, required, aliases, display, problems)
        return None
    header_index, delimiter = found
    wanted = {**required, **optional}
    header = _split(lines[header_index], delimiter)
    if _wide_header(header, header_index + 1, display, problems) or \
            _duplicate_columns(header, wanted, aliases, header_index + 1, display, problems):
        return None

    offset = 0
    for _ in range(header_index):
        match = _LINE_BREAK.search(text, offset)
        offset = match.end()
    body_start = bom + len(text[:offset].encode("utf-8"))
    del text
    parsed = _parse(data, body_start, delimiter, display, header_index, problems)
    if parsed == "not utf-8":
        # A byte that is not UTF-8 after the head: repair the whole file, and parse again (the
        # bytes before the body are unchanged: the head was UTF-8).
        data, repaired = repair_encoding(data, display, problems), True
        parsed = _parse(data, body_start, delimiter, display, header_index, problems)
    if parsed is None or parsed == "not utf-8":
        return None
    frame, bad_lines, wide = parsed
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
    if len(out) and last_record_cut(data, delimiter, len(frame.columns)):
        problems.warning(display, f"has fewer fields on its last row than the header has ({len(frame.columns)}): "
                                  "the file may be cut off", line=int(out["line"].iloc[-1]), code="cut-off",
                         fix="was the download complete? Export the file again, or fill in the row")
    if repaired:
        _broken_in_matching(out, matching, columns, display, problems)
    if unescape and may_hold_escapes(data):
        for key in wanted:
            out[key] = map_unique(out[key], unescape_cell)
    return CsvTable(out, header_index + 1, delimiter, {k: columns[k] for k in columns if k in wanted})


def _parse(data: bytes, body_start: int, delimiter: str, display: str, header_index: int, problems: Problems):
    """pandas over the body: ``(frame, lines pandas skipped, lines cut short)``; ``None`` after an error,
    ``"not utf-8"`` when a byte is not UTF-8."""
    body = io.BytesIO(data[body_start:])
    lines = _AllLines(data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(body, sep=delimiter, **READ_OPTIONS)
        except UnicodeDecodeError:
            return "not utf-8"
        except (pd.errors.ParserError, csv.Error, ValueError) as exc:
            row = _PARSE_ROW.search(str(exc))
            cut = "EOF inside string" in str(exc)
            problems.error(display, f"cannot be parsed as CSV ({exc})",
                           line=header_index + 1 + (int(row.group(1)) if row else 0), code="parse",
                           fix="check for an unclosed quote (\") in the file"
                               + ("; or the file is cut off: was the download complete?" if cut else ""))
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
    return frame, bad_lines, wide


def _too_wide(lines: list[str], cut: bool, display: str, problems: Problems) -> bool:
    """Refuse a first line so long that it is no header line (before pandas reads it)."""
    first = next((index for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]) if line.strip()), None)
    if first is not None and cut and first == len(lines) - 1:
        problems.error(display, f"has a first line longer than {_HEAD_CHARS:,} characters: it is no header line",
                       line=first + 1, code="too-wide", fix="check that this is the right file")
        return True
    return False


def _wide_header(header: list[str], line: int, display: str, problems: Problems) -> bool:
    """Refuse a header line of more than :data:`~netanalysis.io.files.MAX_COLUMNS` columns."""
    if len(header) <= MAX_COLUMNS:
        return False
    problems.error(display, f"has {len(header):,} columns in its header line; at most {MAX_COLUMNS} are read",
                   line=line, code="too-wide", fix="check that this is the right file")
    return True


def _no_header(lines: list[str], required: dict[str, str], aliases: dict[str, str], display: str,
               problems: Problems) -> None:
    """Say which required columns are missing from the most header-like line."""
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


def _duplicate_columns(header: list[str], wanted: dict[str, str], aliases: dict[str, str], line: int,
                       display: str, problems: Problems) -> bool:
    """An error for each column the reader uses that the header names twice (which one would count?)."""
    seen: dict[str, str] = {}
    found = False
    for name in header:
        key = aliases.get(column_key(name), column_key(name))
        if key not in wanted:
            continue
        if key in seen:
            found = True
            problems.error(display, f"has two columns for '{wanted[key]}' ('{seen[key]}' and '{name}')",
                           line=line, column=name, code="duplicate-column",
                           fix="delete or rename one of them (which one counts cannot be guessed)")
        else:
            seen[key] = name
    return found


def _broken_in_matching(out: pd.DataFrame, matching: frozenset[str], columns: dict[str, str], display: str,
                        problems: Problems) -> None:
    for key in matching:
        if key not in columns:
            continue
        broken = np.flatnonzero(out[key].str.contains("\ufffd", regex=False).to_numpy(dtype=bool))
        if len(broken):
            problems.add_rows(display, out["line"].to_numpy()[broken], out[key].to_numpy()[broken].tolist(),
                              column=columns[key], code="broken-character",
                              message="holds bytes that are not UTF-8: a profile URL must be exact to be matched",
                              fix="export the file again from LinkedIn, or " + SAVE_AS_UTF8)


def _wide_records(lines: list[str], header_index: int, delimiter: str, width: int):
    """(spreadsheet row, field count) of each record after the header with more than ``width`` fields."""
    reader = csv.reader(io.StringIO("\n".join(lines[header_index + 1:])), delimiter=delimiter)
    try:
        for index, record in enumerate(reader):
            if len(record) > width:
                yield header_index + 2 + index, len(record)
    except csv.Error:
        return
