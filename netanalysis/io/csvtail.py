"""The last records of a CSV file, read from its end: is the last row cut off?

A download that stopped early leaves a last row with fewer fields than the
header; pandas fills them with empty cells without a word.  Only the end of
the file is read here: the start of the last records is found by counting
quotes (a line break inside a quoted cell is no record boundary), so a 76 MB
file costs one ``bytes.count``.
"""
from __future__ import annotations

import csv
import io

__all__ = ["tail_records", "last_record_cut"]

_MAX_LINES = 200
_MAX_BYTES = 1 << 20


def tail_records(data: bytes, delimiter: str, count: int = 2) -> list[list[str]]:
    """The last ``count`` non-blank records of ``data`` (fewer if the file has fewer), as lists of fields.

    ``[]`` when they cannot be found within the last 200 lines or 1 MiB.

    >>> tail_records(b'a,b\\n1,"x\\ny"\\n2,z', ",")
    [['1', 'x\\ny'], ['2', 'z']]
    """
    quotes = data.count(b'"')
    end = len(data.rstrip(b"\r\n"))
    position = end
    for _ in range(_MAX_LINES):
        newline = data.rfind(b"\n", 0, position)
        start = newline + 1
        if end - start > _MAX_BYTES:
            return []
        if (quotes - data.count(b'"', start)) % 2 == 0:  # outside any quoted cell
            text = data[start:end].decode("utf-8", errors="replace")
            try:
                records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
            except csv.Error:
                return []
            if len(records) >= count or newline < 0:
                return records[-count:]
        if newline < 0:
            return []
        position = newline
    return []


def last_record_cut(data: bytes, delimiter: str, width: int) -> bool:
    """True if the last record has fewer fields than ``width`` while the one before has them all.

    (A file whose rows all leave out their empty last cells is written so on
    purpose; only a last row shorter than the rest looks cut off.)

    >>> last_record_cut(b"a,b,c\\n1,2,3\\n4,5", ",", 3), last_record_cut(b"a,b,c\\n1,2\\n4,5", ",", 3)
    (True, False)
    """
    records = tail_records(data, delimiter)
    if len(records) < 2:
        return False
    return len(records[-1]) < width <= len(records[-2])
