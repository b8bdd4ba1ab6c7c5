"""The files of a LinkedIn archive, in a folder (also a subfolder) or in the zip itself.

Found by case-insensitive file name (``Messages.csv`` in 2018, ``messages.csv``
later); macOS resource forks and Windows back-slashes are ignored; a zip is
read in memory, never extracted.  :class:`ArchiveMembers` lists and reads them
for :func:`~netanalysis.io.linkedin.archive.read_archive`; :func:`archive_files`,
:func:`archive_bytes` and :func:`read_archive_file` answer the callers that
need only the listing or one file.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import InputError, Problems
from ..files import check_regular, read_input, read_member

__all__ = ["ARCHIVE_FILES", "MAX_MEMBERS", "ArchiveMembers", "archive_bytes", "archive_files", "read_archive_file"]

#: The archive files :func:`~netanalysis.io.linkedin.archive.read_archive` reads (lower-cased name -> role).
ARCHIVE_FILES = {
    "profile.csv": "profile",
    "invitations.csv": "invitations",
    "messages.csv": "messages",
    "endorsement_received_info.csv": "endorsements received",
    "endorsement_given_info.csv": "endorsements given",
    "recommendations_received.csv": "recommendations received",
    "recommendations_given.csv": "recommendations given",
}
_MAX_DEPTH = 2  # folder levels searched below the archive root
#: The most members a zip may list (LinkedIn's archives hold about 60 files).
MAX_MEMBERS = 10_000
_NOT_ZIP_FIX = ("download it again from LinkedIn (Settings > Data privacy > Get a copy of your data), "
                "or unzip it yourself and give the folder")


class ArchiveMembers:
    """The members of a folder or zip, found by case-insensitive file name."""

    def __init__(self, path: Path, problems: Problems):
        self.path = path
        self.problems = problems
        self.zip: zipfile.ZipFile | None = None
        self.members: dict[str, str] = {}  # lower-cased base name -> member name
        self.ok = True
        if path.is_dir():
            self._scan_folder()
        elif not path.exists():
            self.ok = False
            problems.error(str(path), "does not exist", code="missing-file",
                           fix="check the path: give the unzipped LinkedIn archive folder or the zip file itself")
        else:
            try:
                check_regular(path, path.name, fix="give the unzipped LinkedIn archive folder or the zip file itself")
            except InputError as exc:
                self.ok = False
                problems.items.extend(exc.problems)
                return
            self._open_zip()

    def _candidates(self, names: list[str]) -> None:
        # Shallowest first, then alphabetical: one member per name; say so if there are several.
        # (Zips made on Windows may use backslashes; macOS adds __MACOSX/ and ._ resource forks.)
        def parts(name: str) -> list[str]:
            return name.replace("\\", "/").split("/")

        for name in sorted(names, key=lambda n: (len(parts(n)), n)):
            path = parts(name)
            base = path[-1]
            if base.startswith("._") or "__MACOSX" in path[:-1] or len(path) > _MAX_DEPTH + 1:
                continue
            kept = self.members.setdefault(base.lower(), name)
            if kept != name:
                self.problems.warning(self.display(name), f"is ignored: the archive has several files named "
                                                          f"{base}, and {kept} is used",
                                      code="duplicate-file", fix="remove the copy you do not want read")

    def _scan_folder(self) -> None:
        names = []
        try:
            for depth in range(_MAX_DEPTH + 1):
                pattern = "/".join(["*"] * (depth + 1))
                names += [p.relative_to(self.path).as_posix() for p in self.path.glob(pattern)
                          if p.name.lower() in ARCHIVE_FILES and not p.is_dir()]
        except OSError as exc:
            self.problems.error(str(self.path), f"cannot be listed ({exc.strerror or exc})", code="unreadable",
                                fix="check the folder's permissions")
        self._candidates(names)

    def _open_zip(self) -> None:
        try:
            self.zip = zipfile.ZipFile(self.path)
            names = [info.filename for info in self.zip.infolist() if not info.is_dir()]
        except zipfile.BadZipFile:
            self.ok = False
            message = ("is neither a folder nor a zip file" if self.path.suffix.lower() != ".zip"
                       else "is not a zip file (or is cut off)")
            self.problems.error(self.path.name, message, code="bad-zip", fix=_NOT_ZIP_FIX)
            return
        except (OSError, EOFError, ValueError) as exc:
            self.ok = False
            self.problems.error(self.path.name, f"cannot be read ({getattr(exc, 'strerror', None) or exc})",
                                code="bad-zip", fix=_NOT_ZIP_FIX)
            return
        if len(names) > MAX_MEMBERS:
            self.ok = False
            self.problems.error(self.path.name, f"lists {len(names):,} files (at most {MAX_MEMBERS:,} are read)",
                                code="too-large", fix="check that this is a LinkedIn data archive")
            return
        self._candidates(names)

    def display(self, member: str) -> str:
        return f"{self.path.name}/{member}" if self.zip is not None else member

    def read(self, member: str) -> bytes | None:
        """The member's bytes, or ``None`` after recording why not."""
        display = self.display(member)
        try:
            if self.zip is None:
                return read_input(self.path / member, display)
            return read_member(self.zip, member, display)
        except InputError as exc:
            self.problems.items.extend(exc.problems)
        return None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def archive_bytes(path: str | Path) -> int:
    """The bytes of the archive files :func:`read_archive` would read (inflated, for a zip, as
    its listing gives them); 0 when there are none.  Nothing is read but the listing.

    >>> import netanalysis
    >>> 0 < archive_bytes(netanalysis.bundled_sample()) < 1_000_000
    True
    """
    path = Path(path)
    source = ArchiveMembers(path, Problems())
    try:
        if not source.ok:
            return 0
        members = [name for base, name in source.members.items() if base in ARCHIVE_FILES]
        if source.zip is not None:
            return sum(source.zip.getinfo(name).file_size for name in members)
        total = 0
        for name in members:
            try:
                total += (path / name).stat().st_size
            except OSError:
                pass
        return total
    finally:
        source.close()


def archive_files(path: str | Path) -> dict[str, str]:
    """The known archive files found in a folder or zip: lower-cased name -> member name.

    Raises :class:`InputError` if the path is missing or not a readable zip.
    """
    problems = Problems()
    source = ArchiveMembers(Path(path), problems)
    source.close()
    problems.raise_if_errors()
    return dict(source.members)


def read_archive_file(path: str | Path, name: str, *, problems: Problems | None = None
                      ) -> tuple[str, bytes] | None:
    """One file of the archive by name, case-insensitive: ``(display name, bytes)`` or ``None`` if absent.

    For other readers that take bytes, e.g. ``Connections.csv`` from the zip::

        found = read_archive_file("archive.zip", "Connections.csv")
        if found:
            display, data = found
    """
    local = problems if problems is not None else Problems()
    source = ArchiveMembers(Path(path), local)
    result = None
    try:
        if source.ok:
            base = name.lower()
            if source.zip is None:  # a folder: any file name, not only the known ones
                source.members.clear()
                source._candidates([p.relative_to(source.path).as_posix()
                                    for depth in range(_MAX_DEPTH + 1)
                                    for p in source.path.glob("/".join(["*"] * (depth + 1)))
                                    if p.name.lower() == base and not p.is_dir()])
            else:
                source.members.clear()
                source._candidates([i.filename for i in source.zip.infolist()
                                    if not i.is_dir() and i.filename.rsplit("/", 1)[-1].lower() == base])
            member = source.members.get(base)
            if member is not None:
                data = source.read(member)
                if data is not None:
                    result = (source.display(member), data)
    finally:
        source.close()
    if problems is None:
        local.raise_if_errors()
    return result
