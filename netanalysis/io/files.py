"""Reading an input file safely: only regular files, and never more than a documented size.

A FIFO, a device (``/dev/zero``) or a folder where a file is expected is an
error at once: nothing is opened that could block or never end.  Every input
has a size limit (:data:`MAX_BYTES`, by file name; :data:`DEFAULT_MAX_BYTES`
for the rest), chosen so that the largest accepted input keeps the whole
review under 1 GiB of memory; a zip member is checked against its declared
size *and* while it is inflated (a declared size can lie).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "goals.toml"
>>> _ = path.write_bytes(b"[review]\\n")
>>> read_input(path)
b'[review]\\n'
>>> limit_for("archive.zip/messages.csv") // 2**20, limit_for("goals.toml") // 2**20
(128, 1)
"""
from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..errors import InputError, Problem

__all__ = ["MAX_BYTES", "DEFAULT_MAX_BYTES", "MAX_COLUMNS", "MAX_CONNECTIONS", "MAX_PEOPLE_OFF_LINKEDIN",
           "MAX_WITH", "MAX_WITH_PAIRS", "MAX_KNOWS", "MAX_RECIPIENTS", "MAX_MESSAGE_ROWS", "limit_for", "size_text",
           "read_input", "check_regular", "read_member", "file_kind"]

_MIB = 2 ** 20
#: Size limits of the input files, by lower-cased file name (bytes, unpacked).
MAX_BYTES = {
    "messages.csv": 128 * _MIB,  # 300,000 messages of the largest sample take 76 MB
    "goals.toml": 1 * _MIB,
}
#: The limit of every other input file (``Connections.csv`` of 30,000 people takes 4 MB, a log of
#: 100,000 rows 10 MB).
DEFAULT_MAX_BYTES = 16 * _MIB
#: The most columns a header line may have (LinkedIn's files have at most 13).
MAX_COLUMNS = 200
#: The most rows ``Connections.csv`` may have (LinkedIn allows 30,000 connections).
MAX_CONNECTIONS = 50_000
#: The most people off LinkedIn the log and ``contacts.csv`` may name.
MAX_PEOPLE_OFF_LINKEDIN = 30_000
#: The most people one log row may name in ``with`` (a larger meeting is an event, not a relation).
MAX_WITH = 50
#: The most pairs of people met together the whole log may show (each ``with`` cell of k names
#: ties k(k-1)/2 pairs).
MAX_WITH_PAIRS = 200_000
#: The most names the ``knows`` cells of ``contacts.csv`` may hold in all.
MAX_KNOWS = 200_000
#: The most recipients one message may have (LinkedIn's group conversations hold at most 50 people).
MAX_RECIPIENTS = 100
#: The most (message, person) rows ``messages.csv`` may give (the largest sample gives 330,000).
MAX_MESSAGE_ROWS = 2_000_000
_CHUNK = 1 << 20


def limit_for(display: str) -> int:
    """The size limit (bytes) of an input by its name (``archive.zip/messages.csv`` -> that of ``messages.csv``)."""
    name = PurePosixPath(str(display).replace("\\", "/")).name.lower()
    return MAX_BYTES.get(name, DEFAULT_MAX_BYTES)


def file_kind(mode: int) -> str:
    """What a file is, in words, from its ``st_mode`` ("a folder", "a named pipe (FIFO)", ...).

    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFREG)
    ('a named pipe (FIFO)', 'a file')
    """
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: str | Path, display: str | None = None, *, fix: str | None = None) -> os.stat_result:
    """``os.stat`` of ``path`` (symlinks followed); raise :class:`InputError` unless it is a regular file.

    Never opens the file, so a FIFO cannot block.

    >>> import tempfile
    >>> check_regular(tempfile.gettempdir(), "tmp")
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: tmp: is a folder, not a file. Fix: give the file itself (a pipe, a device or a folder is never read)
    """
    display = display or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(Problem(display, "does not exist", code="missing-file",
                                 fix=fix or "check the path")) from None
    except OSError as exc:
        raise InputError(Problem(display, f"cannot be read ({exc.strerror or exc})", code="unreadable",
                                 fix="check the path and its permissions")) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Problem(display, f"is {file_kind(info.st_mode)}, not a file", code="not-a-file",
                                 fix=fix or "give the file itself (a pipe, a device or a folder is never read)"))
    return info


def size_text(size: int) -> str:
    """A size in words: ``size_text(3 * 2**20)`` is ``'3 MiB'``, ``size_text(1536)`` is ``'1.5 KiB'``."""
    for unit, scale in (("MiB", _MIB), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _too_large(display: str, size: int | None, limit: int) -> InputError:
    shown = size_text(size) if size is not None else f"more than {size_text(limit)}"
    return InputError(Problem(display, f"is too large ({shown}; at most {size_text(limit)} is read)",
                              code="too-large",
                              fix="check that this is the right file (LinkedIn's largest exports are far smaller)"))


def read_input(path: str | Path, display: str | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of an input file, or one clear :class:`InputError`.

    Parameters
    ----------
    path : path
        The file; it must be a regular file (symlinks are followed).
    display : str, optional
        The name used in messages (default: the file's name).
    limit : int, optional
        Size limit in bytes (default: :func:`limit_for` the name).

    Returns
    -------
    bytes

    Examples
    --------
    >>> read_input("/dev/null")
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: null: is a device, not a file. Fix: give the file itself (a pipe, a device or a folder is never read)
    """
    display = display or Path(path).name
    limit = limit_for(display) if limit is None else limit
    info = check_regular(path, display)
    if info.st_size > limit:
        raise _too_large(display, info.st_size, limit)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(Problem(display, f"cannot be read ({exc.strerror or exc})", code="unreadable",
                                 fix="check the path and that the file is not open in another program")) from None
    if len(data) > limit:  # grew while being read
        raise _too_large(display, None, limit)
    return data


def read_member(archive: zipfile.ZipFile, member: str, display: str, *, limit: int | None = None) -> bytes:
    """One member of an open zip, inflated at most to its limit; :class:`InputError` otherwise.

    The declared size is checked first, then the inflated bytes are counted
    as they come: a member that claims to be small but inflates beyond the
    limit is stopped there.

    >>> import io
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("messages.csv", b"x" * 5000)
    >>> read_member(zipfile.ZipFile(buffer), "messages.csv", "archive.zip/messages.csv", limit=1000)
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: archive.zip/messages.csv: is too large (4.9 KiB; at most 1000 bytes is read). Fix: check that this is the right file (LinkedIn's largest exports are far smaller)
    """
    limit = limit_for(member) if limit is None else limit
    fix = "download the archive again from LinkedIn, or unzip it yourself and give the folder"
    try:
        info = archive.getinfo(member)
        if info.file_size > limit:
            raise _too_large(display, info.file_size, limit)
        chunks, total = [], 0
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _too_large(display, None, limit)
                chunks.append(chunk)
        return b"".join(chunks)
    except InputError:
        raise
    except RuntimeError as exc:  # an encrypted member
        raise InputError(Problem(display, f"cannot be read from the zip ({exc})", code="unreadable",
                                 fix="unzip the archive with its password and give the folder")) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, KeyError, OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(Problem(display, f"cannot be read: the zip is damaged or cut off ({reason})",
                                 code="unreadable", fix=fix)) from None
