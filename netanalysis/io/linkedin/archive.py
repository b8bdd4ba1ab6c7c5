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

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..._gc import gc_paused
from ...errors import Problems
from ..csvfile import read_csv_table
from .common import join_names
from .evidence import load_endorsements, load_invitations, load_recommendations
from .members import ARCHIVE_FILES, ArchiveMembers, archive_bytes, archive_files, read_archive_file
from .messages import load_messages

__all__ = ["Archive", "read_archive", "read_profile", "archive_files", "archive_bytes", "read_archive_file",
           "ARCHIVE_FILES"]

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
    source = ArchiveMembers(Path(path), local)
    try:
        if source.ok:
            with gc_paused():
                _load(source, archive, local)
    finally:
        source.close()
    if problems is None:
        local.raise_if_errors()
    return archive


def _load(source: ArchiveMembers, archive: Archive, problems: Problems) -> None:
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
