"""Read the LinkedIn data archive: the unzipped folder, or the zip itself.

LinkedIn's "Get a copy of your data" gives a zip of CSV files.  Each file that
is present is used and the others are fine to be absent; unknown files are
ignored.  File-name casing varies (``Messages.csv`` in 2018, ``messages.csv``
later) and the files may sit in a subfolder.  A zip is read in memory, never
extracted; nothing is ever written next to the input.

Who is "me" (the owner, to tell sent from received): the name in
``Profile.csv`` when present, else the inviter of OUTGOING invitations in
``Invitations.csv``, else the most frequent sender in ``messages.csv``;
:attr:`Archive.owner_source` records which.

Bad input gives one clear :class:`~netanalysis.errors.Problem` naming the file
inside the archive (``archive.zip/messages.csv``), and the rest still loads:
a corrupt or unknown file leaves its table ``None``; a bad row is an error for
that row only.

Examples
--------
>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w") as z:
...     z.writestr("Basic_LinkedIn_Data/Profile.csv", "First Name,Last Name\\nKim,Owner\\n")
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "archive.zip").write_bytes(buffer.getvalue())
>>> archive = read_archive(folder / "archive.zip")
>>> archive.owner, archive.owner_source, archive.files
('Kim Owner', 'Profile.csv', ['Basic_LinkedIn_Data/Profile.csv'])
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..._gc import gc_paused
from ...errors import InputError, Problems
from ..csvfile import read_csv_table
from ..files import check_regular, read_input, read_member
from .common import join_names
from .evidence import load_endorsements, load_invitations, load_recommendations
from .messages import load_messages

__all__ = ["Archive", "read_archive", "read_profile", "archive_files", "archive_bytes", "read_archive_file",
           "ARCHIVE_FILES"]

#: The archive files this module reads (lower-cased name -> role).
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


@dataclass
class Archive:
    """What the archive holds; a table is ``None`` when its file is absent or unreadable.

    Attributes
    ----------
    owner : str
        The owner's display name ``"First Last"``, '' if unknown.
    owner_source : str
        Where the owner came from: ``"Profile.csv"``, ``"Invitations.csv"``,
        ``"messages.csv"`` or ''.
    files : list of str
        The archive member names that were read and used (paths inside the
        zip or folder, as written there).
    messages, invitations, endorsements, recommendations : DataFrame or None
        See :func:`~netanalysis.io.linkedin.messages.read_messages`,
        :func:`~netanalysis.io.linkedin.evidence.read_invitations`,
        :func:`~netanalysis.io.linkedin.evidence.read_endorsements` (received
        and given in one table, ``direction`` tells which) and
        :func:`~netanalysis.io.linkedin.evidence.read_recommendations`.
    dropped : dict
        Rows not counted, by reason: ``"message drafts"``, ``"sponsored
        messages"``, ``"messages without counterpart"``, ``"endorsements not
        accepted"``, ``"invitations without counterpart"`` (only non-zero).
    owner_url : str
        The owner's profile URL when a file shows it, else ''.
    """

    owner: str = ""
    owner_source: str = ""
    files: list[str] = field(default_factory=list)
    messages: pd.DataFrame | None = None
    invitations: pd.DataFrame | None = None
    endorsements: pd.DataFrame | None = None
    recommendations: pd.DataFrame | None = None
    dropped: dict[str, int] = field(default_factory=dict)
    owner_url: str = ""


class _Source:
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
    source = _Source(path, Problems())
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


def read_archive(path: str | Path, *, problems: Problems | None = None) -> Archive:
    """Read every known file of a LinkedIn archive folder or zip.

    Parameters
    ----------
    path : path
        The unzipped archive folder (or any folder holding the files, also in a
        subfolder) or the ``.zip`` LinkedIn sent.
    problems : Problems, optional
        Collector to append problems to.  Without one, :class:`InputError` is
        raised at the end if any error was recorded; with one, whatever could
        be loaded is returned.

    Returns
    -------
    Archive
        The owner, the files used, and one table per kind of evidence
        (``None`` when its file is absent or unreadable).

    Examples
    --------
    >>> import netanalysis
    >>> archive = read_archive(netanalysis.bundled_sample())
    >>> archive.owner, archive.owner_source, len(archive.messages)
    ('Mette Kjær Andersen', 'Profile.csv', 596)
    >>> sorted(archive.dropped)
    ['endorsements not accepted', 'message drafts', 'sponsored messages']
    """
    local = problems if problems is not None else Problems()
    archive = Archive()
    source = _Source(Path(path), local)
    try:
        if source.ok:
            with gc_paused():
                _load(source, archive, local)
    finally:
        source.close()
    if problems is None:
        local.raise_if_errors()
    return archive


def _load(source: _Source, archive: Archive, problems: Problems) -> None:
    def member(name: str) -> tuple[str, str, bytes] | None:
        found = source.members.get(name)
        if found is None:
            return None
        data = source.read(found)
        return None if data is None else (found, source.display(found), data)

    def used(name: str) -> None:
        archive.files.append(name)

    if (found := member("profile.csv")) is not None:
        owner = load_profile(found[2], display=found[1], problems=problems)
        if owner is not None:
            used(found[0])
        if owner:
            archive.owner, archive.owner_source = owner, "Profile.csv"

    if (found := member("invitations.csv")) is not None:
        frame, inviter, inviter_url = load_invitations(found[2], display=found[1], problems=problems,
                                                       dropped=archive.dropped)
        if frame is not None:
            used(found[0])
            archive.invitations = frame
            archive.owner_url = inviter_url
            if not archive.owner and inviter:
                archive.owner, archive.owner_source = inviter, "Invitations.csv"

    if (found := member("messages.csv")) is not None:
        frame, owner, owner_url = load_messages(found[2], display=found[1], problems=problems,
                                                owner=archive.owner, owner_url=archive.owner_url,
                                                dropped=archive.dropped)
        if frame is not None:
            used(found[0])
            archive.messages = frame
            if owner and owner != archive.owner:
                archive.owner, archive.owner_source = owner, "messages.csv"
            archive.owner_url = archive.owner_url or owner_url

    endorsements = []
    for name, direction in (("endorsement_received_info.csv", "received"), ("endorsement_given_info.csv", "given")):
        if (found := member(name)) is not None:
            frame = load_endorsements(found[2], direction=direction, display=found[1], problems=problems,
                                      dropped=archive.dropped)
            if frame is not None:
                used(found[0])
                endorsements.append(frame)
    if endorsements:
        archive.endorsements = pd.concat(endorsements, ignore_index=True)

    recommendations = []
    for name, direction in (("recommendations_received.csv", "received"), ("recommendations_given.csv", "given")):
        if (found := member(name)) is not None:
            frame = load_recommendations(found[2], direction=direction, display=found[1], problems=problems)
            if frame is not None:
                used(found[0])
                recommendations.append(frame)
    if recommendations:
        archive.recommendations = pd.concat(recommendations, ignore_index=True)


def archive_files(path: str | Path) -> dict[str, str]:
    """The known archive files found in a folder or zip: lower-cased name -> member name.

    Raises :class:`InputError` if the path is missing or not a readable zip.
    """
    problems = Problems()
    source = _Source(Path(path), problems)
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
    source = _Source(Path(path), local)
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


# --------------------------------------------------------------------------
# Profile.csv: the owner
# --------------------------------------------------------------------------

def load_profile(source: Path | str | bytes, *, display: str, problems: Problems) -> str | None:
    """The owner's display name from ``Profile.csv``; '' if blank, ``None`` if unreadable."""
    table = read_csv_table(source, display=display, required={"firstname": "First Name", "lastname": "Last Name"},
                           problems=problems)
    if table is None:
        return None
    names = [name for name in join_names(table.frame["firstname"], table.frame["lastname"]) if name]
    return names[0] if names else ""


def read_profile(source: Path | str | bytes, *, display: str = "Profile.csv", problems: Problems | None = None) -> str:
    """The archive owner's display name (``"First Last"``) from ``Profile.csv``, '' if blank.

    Examples
    --------
    >>> read_profile(b"First Name,Last Name,Maiden Name,Headline\\nS\\xc3\\xb8ren ,Hansen,,CTO\\n")
    'Søren Hansen'
    """
    local = problems if problems is not None else Problems()
    owner = load_profile(source, display=display, problems=local)
    if problems is None:
        local.raise_if_errors()
    return owner or ""
