"""Stream the messages of an mbox file: each one's separator line and header block.

An mbox file is messages one after another, each starting with a ``From ``
separator line (``From 1759...@xxx Sat Mar 14 10:00:00 +0000 2026``; its date
is when the message was filed, not sent).  A body line that begins with
``From `` is written ``>From `` (mboxrd/mboxo), so it is never a separator.
For writers that forgot, a ``From `` line only counts as a separator after an
empty line, or when it carries a date like the ones above, and only when the
line after it is a header line (``Name: value``).

Read in 4 MiB blocks, headers only: the bodies are skipped with
``bytes.find``, so memory stays flat whatever the file's size.  LF and CRLF
files both work.

Problems (warnings, with the file and line): a header block cut off at the end
of the file (the file looks truncated; what is there is read), a header block
longer than 1 MiB (not headers: skipped).  The caller says when the file is
empty or does not begin with a ``From `` line.

Examples
--------
>>> import io
>>> data = (b"From a@x Sat Mar 14 10:00:00 2026\\nFrom: a@x\\nSubject: hi\\n\\nbody\\n>From here\\n\\n"
...         b"From b@x Sun Mar 15 10:00:00 2026\\r\\nFrom: b@x\\r\\n\\r\\nbye\\r\\n")
>>> [(line, header) for line, header, cut in scan_mbox(io.BytesIO(data), "x.mbox", Problems())]
[(1, b'From: a@x\\nSubject: hi\\n'), (8, b'From: b@x\\r\\n')]
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import Problems

__all__ = ["scan_mbox", "mbox_start"]

_BLOCK = 4 << 20
_MAX_HEADER = 1 << 20
_MAX_LINE = 16 << 20
#: A separator with a date (any writer): ``From <anything> <weekday> ...``.
_DATED = re.compile(rb"From [^\s]*[ \t]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")


def mbox_start(head: bytes) -> str:
    """What the first bytes of a file say: ``"mbox"``, ``"empty"``, ``"message"`` (one e-mail,
    an ``.eml``) or ``"other"``.

    >>> mbox_start(b"From x Sat Mar 14"), mbox_start(b"  \\n"), mbox_start(b"Received: from"), mbox_start(b"%PDF")
    ('mbox', 'empty', 'message', 'other')
    """
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text:
        return "empty"
    if text.startswith(b"From "):
        return "mbox"
    if _HEADER_LINE.match(text):
        return "message"
    return "other"


def _blank_before(buffer: bytes, start: int, previous_blank: bool) -> bool:
    """True when the line before the one at ``start`` (a line start) is empty."""
    if start == 0:
        return previous_blank
    begin = buffer.rfind(b"\n", 0, start - 1) + 1
    return start - 1 - begin <= 1 and buffer[begin:start - 1] in (b"", b"\r")


def scan_mbox(handle: BinaryIO, display: str, problems: Problems) -> Iterator[tuple[int, bytes, bool]]:
    """Yield ``(line of the From separator, header bytes, cut off)`` for each message.

    The header bytes run from the line after the separator to the empty line
    that ends them (excluded); ``cut off`` is True for a header block the end
    of the file interrupted.  The caller checks the file's first bytes
    (:func:`mbox_start`).
    """
    base_line = 1                  # line number of buffer[0] (buffer always begins at a line start)
    previous_blank = True          # the line before buffer[0] is empty, or there is none
    in_header = False              # buffer[0] begins the header block of the message at separator_line
    separator_line = 0
    tail = b""                     # an incomplete last line, read again with the next block
    eof = False
    while not eof:
        block = handle.read(_BLOCK)
        eof = not block
        buffer = tail + block
        if eof:
            tail = b""
            if buffer.endswith(b"\r"):  # a file cut between CR and LF: the CR ends the line
                buffer += b"\n"
        else:
            cut = buffer.rfind(b"\n") + 1
            if cut == 0 and len(buffer) > _MAX_LINE:  # no line break for 16 MiB: not text, take it as body
                cut = len(buffer)
            buffer, tail = buffer[:cut], buffer[cut:]
            if not buffer:
                continue
        lines = _Lines(buffer, base_line)
        blank = _Blank(buffer)
        position = 0
        keep_from = len(buffer)    # where the next round's buffer begins (the unfinished header)
        while True:
            if in_header:
                end = blank.after(position)
                cut_off = end < 0 and eof
                if cut_off:
                    end = len(buffer)
                elif end < 0:
                    if len(buffer) - position > _MAX_HEADER:
                        problems.warning(display, "has a message whose headers never end (over 1 MiB without an "
                                                  "empty line); it is left out", line=separator_line,
                                         code="bad-headers", fix="export the mailbox again")
                        in_header = False
                    else:
                        keep_from = position  # wait for the rest of the headers
                    break
                header = buffer[position:end]
                inner = _inner_separator(header)
                if inner >= 0:  # no empty line before the next message: its separator ends these headers
                    header, end, cut_off = header[:inner], position + inner, False
                in_header = False
                if _HEADER_LINE.match(header):
                    if cut_off:
                        problems.warning(display, f"ends inside the headers of the message that begins at line "
                                                  f"{separator_line}: the file looks cut off; what is there is "
                                                  "read", line=separator_line, code="truncated",
                                         fix="export or download the mailbox again")
                    yield separator_line, header, cut_off
                    position = end
                continue       # (not headers: the "separator" was a body line; look on from here)
            found = _next_separator(buffer, position, previous_blank)
            if found < 0:
                break
            separator_line = lines.at(found)
            after = buffer.find(b"\n", found)
            if after < 0:      # the last line of the file, without headers after it
                break
            position = after + 1
            in_header = True
        if keep_from < len(buffer):
            base_line = lines.at(keep_from)
            tail = buffer[keep_from:] + tail
            previous_blank = False  # the line before a header block is its separator
        else:
            base_line = lines.at(len(buffer))
            previous_blank = _ends_blank(buffer, previous_blank)


class _Lines:
    """Line numbers of positions in a buffer, counted forward incrementally."""

    def __init__(self, buffer: bytes, first: int):
        self.buffer, self.index, self.line = buffer, 0, first

    def at(self, index: int) -> int:
        if index < self.index:
            return self.line - self.buffer.count(b"\n", index, self.index)
        self.line += self.buffer.count(b"\n", self.index, index)
        self.index = index
        return self.line


def _ends_blank(buffer: bytes, previous_blank: bool) -> bool:
    """True when the last line of ``buffer`` (which ends with a newline) is empty."""
    if buffer in (b"\n", b"\r\n"):
        return True
    return buffer.endswith(b"\n\n") or buffer.endswith(b"\n\r\n")


def _inner_separator(header: bytes) -> int:
    """Where a dated ``From `` separator begins inside a header block, or -1."""
    found = header.find(b"\nFrom ")
    while found >= 0:
        if _DATED.match(header, found + 1):
            return found + 1
        found = header.find(b"\nFrom ", found + 1)
    return -1


class _Blank:
    """Where the header block starting at a position ends (the empty line's start), or -1.

    Remembers the last match of each line end (LF, CRLF), so that a file
    with only one of them is not searched to the end once per message."""

    def __init__(self, buffer: bytes):
        self.buffer = buffer
        self.found = {b"\n\n": (-1, 0), b"\n\r\n": (-1, 0)}   # pattern -> (searched from, match or -1)

    def after(self, start: int) -> int:
        buffer = self.buffer
        if buffer.startswith(b"\n", start) or buffer.startswith(b"\r\n", start):
            return start
        ends = []
        for pattern, (searched, match) in self.found.items():
            if searched < 0 or start < searched or (match >= 0 and match < start):
                match = buffer.find(pattern, start)
                self.found[pattern] = (start, match)
            if match >= 0:
                ends.append(match + 1)
        return min(ends) if ends else -1


def _next_separator(buffer: bytes, position: int, previous_blank: bool) -> int:
    """The start of the next separator line at or after ``position`` (a line start), or -1."""
    candidate = position if buffer.startswith(b"From ", position) else -1
    while True:
        if candidate < 0:
            found = buffer.find(b"\nFrom ", position)
            if found < 0:
                return -1
            candidate = found + 1
        if _blank_before(buffer, candidate, previous_blank) or _DATED.match(buffer, candidate):
            return candidate
        position = candidate + 1
        candidate = -1
