"""A CSV file's bytes made into clean UTF-8: the checks before any parsing.

Real exports are UTF-8, sometimes with a BOM; Excel re-saves them as UTF-16
or, on Windows ("CSV (Comma delimited)"), as Windows-1252.  What this module
does, in order (:func:`clean_bytes`, then :func:`head_text` and, when a byte
is not UTF-8, :func:`repair_encoding`):

* an empty file, a zip or Excel workbook, and a binary file (more than three
  control bytes in its first 4 KB, or more than one in a hundred) are errors;
* UTF-16 (with its BOM) is re-encoded as UTF-8;
* a control character (U+0000-U+001F but tab, line feed and carriage return;
  U+007F) can be in no text cell: it is removed, with a warning naming the
  line, wherever it is in the file; it never reaches an output;
* a file that is not UTF-8 and holds no UTF-8 letter at all, but reads as
  Windows-1252, is read so, with one warning naming the encoding (never a
  silent guess);
* otherwise each byte that is not UTF-8 becomes U+FFFD (``�``), with a
  warning naming its line (the readers make that an error in a column used
  for matching, the profile URL).

>>> from netanalysis.errors import Problems
>>> p = Problems()
>>> repair_encoding(b"First Name\\nJos\\xe9\\n", "c.csv", p).decode("utf-8")
'First Name\\nJosé\\n'
>>> print(p.items[0])
c.csv: is not UTF-8: it was read as Windows-1252 (cp1252), the encoding of Excel's 'CSV (Comma delimited)'. Fix: check that the accented letters look right; to be sure, save it again as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8)
"""
from __future__ import annotations

import codecs
import re
from itertools import islice

from ..errors import InputError, Problem, Problems

__all__ = ["clean_bytes", "head_text", "repair_encoding", "CONTROL_BYTES", "SAVE_AS_UTF8"]

SAVE_AS_UTF8 = "save it again as 'CSV UTF-8' (in Excel: File > Save As > CSV UTF-8)"
#: The bytes no text cell may hold (C0 controls but tab, LF, CR; and DEL).
CONTROL_BYTES = bytes([*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROL = re.compile(b"[" + re.escape(CONTROL_BYTES) + b"]")
_HEAD = 4096
_CHUNK = 8 << 20
_LINES_SHOWN = 10
_UTF8_LETTER = re.compile("[^\x00-\x7f\ufffd]")
_BOM = b"\xef\xbb\xbf"


def clean_bytes(data: bytes, display: str, problems: Problems) -> bytes:
    """Refuse what is no CSV text; re-encode UTF-16; remove control characters (with a warning per line).

    Raises :class:`InputError` for an empty, zipped or binary file.

    >>> p = Problems()
    >>> clean_bytes(b"First,Last\\nAnn\\x00e,Lee\\n" + b"Bo,Ek\\n" * 20, "f.csv", p)[:20]
    b'First,Last\\nAnne,Lee\\n'
    >>> print(p.items[0])
    f.csv line 2: holds a control character (U+0000), removed: it cannot be part of a text. Fix: check the value on that line
    """
    if not data:
        raise InputError(Problem(display, "is empty (0 bytes); a valid file has at least its header line",
                                 fix="export the file again, or delete it if you have nothing to put in it",
                                 code="empty"))
    head = data[:_HEAD]
    if head.startswith(b"PK\x03\x04"):
        raise InputError(Problem(display, "is a zip or Excel workbook, not a CSV file",
                                 fix="unzip it, or " + SAVE_AS_UTF8, code="binary"))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
            head = data[:_HEAD]
        except UnicodeDecodeError:
            pass
    controls = list(islice(_CONTROL.finditer(head), 64))
    if len(controls) > 3 or len(controls) * 100 > len(head):  # more than a stray byte: not a text file
        line = head[: controls[0].start()].count(b"\n") + 1
        raise InputError(Problem(display, "holds binary data, not CSV text", line=line,
                                 fix="check that you picked the right file; " + SAVE_AS_UTF8, code="binary"))
    if _has_control(data):
        data = _remove_controls(data, display, problems)
    return data


def _has_control(data: bytes) -> bool:
    """True if any byte of :data:`CONTROL_BYTES` is in ``data`` (``bytes.translate`` in chunks: fast, little memory)."""
    for start in range(0, len(data), _CHUNK):
        chunk = data[start:start + _CHUNK]
        if len(chunk.translate(None, CONTROL_BYTES)) != len(chunk):
            return True
    return False


def _remove_controls(data: bytes, display: str, problems: Problems) -> bytes:
    found = list(islice(_CONTROL.finditer(data), _LINES_SHOWN))
    cleaned = data.translate(None, CONTROL_BYTES)
    total = len(data) - len(cleaned)
    for match in found:
        problems.warning(display, f"holds a control character (U+{match.group(0)[0]:04X}), removed: it cannot be "
                                  "part of a text", line=data.count(b"\n", 0, match.start()) + 1,
                         fix="check the value on that line", code="control-character")
    if total > len(found):
        problems.warning(display, f"holds {total - len(found)} more control character(s), removed",
                         fix="check that this is the right file", code="control-character")
    return cleaned


def head_text(data: bytes, limit: int) -> str | None:
    """The text of the first ``limit`` bytes (a character cut at the end left out); ``None`` if not UTF-8.

    >>> head_text("Søren".encode("utf-8"), 2), head_text(b"Jos\\xe9", 10)
    ('S', None)
    """
    try:
        if len(data) > limit:
            return codecs.getincrementaldecoder("utf-8-sig")().decode(data[:limit], final=False)
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def repair_encoding(data: bytes, display: str, problems: Problems) -> bytes:
    """``data`` that is not valid UTF-8, as UTF-8: Windows-1252 if it reads so and shows no UTF-8, else with U+FFFD.

    Records one warning naming the encoding, or one per line (up to ten) with
    a broken character.
    """
    text = data.decode("utf-8-sig", errors="replace")
    if not (data.startswith(_BOM) or _UTF8_LETTER.search(text)):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass  # bytes cp1252 does not define either: broken UTF-8 after all
        else:
            problems.warning(display, "is not UTF-8: it was read as Windows-1252 (cp1252), the encoding of "
                                      "Excel's 'CSV (Comma delimited)'", code="encoding-cp1252",
                             fix="check that the accented letters look right; to be sure, " + SAVE_AS_UTF8)
            return text.encode("utf-8")
    lines: list[int] = []
    for match in re.finditer("\ufffd", text):
        line = text.count("\n", 0, match.start()) + 1
        if line not in lines:
            lines.append(line)
        if len(lines) > _LINES_SHOWN:
            break
    for line in lines[:_LINES_SHOWN]:
        problems.warning(display, "holds bytes that are not UTF-8 (a broken character), shown as '\ufffd'",
                         line=line, code="broken-character",
                         fix="check the value on that line; to be sure, " + SAVE_AS_UTF8)
    if len(lines) > _LINES_SHOWN:
        problems.warning(display, "holds more broken characters, shown as '\ufffd'", code="broken-character",
                         fix=SAVE_AS_UTF8)
    return (_BOM if data.startswith(_BOM) else b"") + text.encode("utf-8")
