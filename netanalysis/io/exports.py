"""The files of an export: one file, a folder of them, or a zip holding them.

Calendar and mail exports come in several shapes: Google Calendar's export is
a zip of ``.ics`` files, Google Takeout a zip with ``Takeout/Calendar/*.ics``
and ``Takeout/Mail/*.mbox``, Outlook and Apple Calendar write one ``.ics``,
Thunderbird keeps extensionless mbox files (``Inbox``, ``Sent``) and Apple
Mail a folder ``Name.mbox`` holding a file ``mbox``.  :class:`ExportFiles`
finds the files of one kind in any of these and opens them for reading; a zip
is read in place, never extracted.

Examples
--------
>>> import io, zipfile, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with zipfile.ZipFile(folder / "takeout.zip", "w") as z:
...     z.writestr("Takeout/Calendar/Kim.ics", "BEGIN:VCALENDAR\\r\\nEND:VCALENDAR\\r\\n")
...     z.writestr("Takeout/Mail/All mail.mbox", "From x\\n")
>>> from netanalysis.errors import Problems
>>> with ExportFiles(folder / "takeout.zip", kind=ICS, problems=Problems()) as found:
...     [(f.display, f.read()[:15]) for f in found.files]
[('takeout.zip/Takeout/Calendar/Kim.ics', b'BEGIN:VCALENDAR')]
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable

from ..errors import Problems

__all__ = ["ExportFiles", "ExportFile", "Kind", "ICS", "MBOX", "READ_ERRORS"]

#: What opening or reading a file of an export may raise (a broken zip member, a
#: missing file, an encrypted member).
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, KeyError,
               ValueError)
_MAX_DEPTH = 6  # folder levels searched below the given folder (Takeout/Mail/... is 2)


@dataclass(frozen=True)
class Kind:
    """A kind of export file: how to recognise one by its name (and first bytes)."""

    what: str                                   # "calendar", "mailbox" (for messages)
    suffix: str                                 # ".ics"
    fix: str                                    # how to get such a file
    extra: Callable[[str, Callable[[], bytes]], bool] | None = None  # other names that qualify

    def accepts(self, name: str, head: Callable[[], bytes]) -> bool:
        base = name.rsplit("/", 1)[-1]
        if base.startswith(".") or base.startswith("._"):
            return False
        if base.lower().endswith(self.suffix):
            return True
        return bool(self.extra and self.extra(base, head))


def _mbox_extra(base: str, head: Callable[[], bytes]) -> bool:
    # Apple Mail's Name.mbox/mbox, and Thunderbird's extensionless Inbox, Sent, ...
    if base == "mbox":
        return True
    return "." not in base and head().startswith(b"From ")


ICS = Kind("calendar", ".ics", "export the calendar as .ics (Google Calendar: Settings > Import & export > "
                               "Export; Outlook: File > Save Calendar; Apple Calendar: File > Export)")
MBOX = Kind("mailbox", ".mbox", "export the mail as .mbox (Google Takeout > Mail; Thunderbird: "
                                "ImportExportTools NG; Apple Mail: Mailbox > Export Mailbox)", _mbox_extra)


@dataclass
class ExportFile:
    """One file of an export; :meth:`open` gives a binary stream."""

    display: str
    size: int
    _open: Callable[[], BinaryIO]

    def open(self) -> BinaryIO:
        return self._open()

    def read(self) -> bytes:
        with self.open() as handle:
            return handle.read()

    @property
    def mailbox_name(self) -> str:
        """The mailbox's own name: ``Sent`` for ``Sent.mbox``, ``Sent Messages.mbox/mbox`` or ``Sent``."""
        path = PurePosixPath(self.display.replace("\\", "/"))
        name = path.parent.name if path.name == "mbox" and path.parent.name else path.name
        return name[:-5] if name.lower().endswith(".mbox") else name


class ExportFiles:
    """The files of one kind in a file, a folder or a zip (use as a context manager).

    Parameters
    ----------
    source : path or bytes
        A file (read whatever its name), a folder (searched six levels deep),
        a ``.zip`` (its members), or the bytes of one file.
    kind : Kind
        :data:`ICS` or :data:`MBOX`.
    problems : Problems
        Where a missing path, an unreadable zip or an export without such files
        is recorded (an error); ``files`` is then empty.
    display : str, optional
        The name used in messages for ``source`` (default: its file name).
    """

    def __init__(self, source: str | Path | bytes, *, kind: Kind, problems: Problems,
                 display: str | None = None):
        self.kind = kind
        self.problems = problems
        self.files: list[ExportFile] = []
        self._zip: zipfile.ZipFile | None = None
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            name = display or f"{kind.what}{kind.suffix}"
            self.display = name
            self.files.append(ExportFile(name, len(data), lambda: io.BytesIO(data)))
            return
        path = Path(source)
        self.display = display or path.name or str(path)
        if path.is_dir():
            self._folder(path)
        elif not path.exists():
            problems.error(self.display, "does not exist", code="missing-file",
                           fix=f"check the path; give the {kind.what} file, a folder holding it or the zip")
            return
        elif zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
            self._open_zip(path)
        else:
            self.files.append(ExportFile(self.display, _size(path), lambda: path.open("rb")))
            return
        if not self.files and not problems.errors:
            problems.error(self.display, f"holds no {kind.suffix} file", code="no-files", fix=kind.fix)

    def _folder(self, folder: Path) -> None:
        found = []
        try:
            for path in folder.rglob("*"):
                relative = path.relative_to(folder)
                if len(relative.parts) > _MAX_DEPTH or any(p.startswith(".") for p in relative.parts[:-1]):
                    continue
                if path.is_file() and self.kind.accepts(relative.as_posix(), lambda p=path: _head(p)):
                    found.append((relative.as_posix(), path))
        except OSError as exc:
            self.problems.error(self.display, f"cannot be listed ({exc.strerror or exc})", code="unreadable",
                                fix="check the folder's permissions")
        # Apple Mail's "Sent Messages.mbox/" given itself: its file "mbox" is shown (and named) by the folder.
        prefix = f"{self.display}/" if folder.name.lower().endswith(self.kind.suffix) else ""
        for name, path in sorted(found):
            self.files.append(ExportFile(prefix + name, _size(path), lambda p=path: p.open("rb")))

    def _open_zip(self, path: Path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
            members = [i for i in self._zip.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            self.problems.error(self.display, f"is not a readable zip file ({exc})", code="bad-zip",
                                fix="download the export again, or unzip it yourself and give the folder")
            return
        archive = self._zip
        for info in sorted(members, key=lambda i: i.filename):
            name = info.filename.replace("\\", "/")
            if "__MACOSX" in name.split("/"):
                continue
            if self.kind.accepts(name, lambda i=info: _zip_head(archive, i)):
                self.files.append(ExportFile(f"{self.display}/{name}", info.file_size,
                                             lambda i=info: archive.open(i)))

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "ExportFiles":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(5)
    except OSError:
        return b""


def _zip_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as handle:
            return handle.read(5)
    except READ_ERRORS:
        return b""
