"""Where the inputs are: flags, one folder, or a LinkedIn archive (folder or zip).

Every command takes its inputs the same way: ``--connections``,
``--interactions``, ``--contacts``, ``--goals``, ``--archive DIR|ZIP``,
``--calendar FILE|DIR|ZIP``, ``--mail FILE|DIR``, or one positional folder
holding them by their usual names (:data:`USUAL_NAMES`, and the archive's
files, :data:`ARCHIVE_NAMES`) and any calendars (``*.ics``) and mailboxes
(``*.mbox`` files, and Apple Mail's ``Name.mbox`` folders) directly in it;
explicit files win over the folder's.  File names are matched without regard
to case.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import InputError, Problem, Problems

__all__ = ["Inputs", "resolve_inputs", "connections_source", "USUAL_NAMES", "ARCHIVE_NAMES"]

USUAL_NAMES = {
    "connections": "connections.csv",
    "interactions": "interactions.csv",
    "contacts": "contacts.csv",
    "goals": "goals.toml",
}
#: Files that make a folder a LinkedIn archive (besides Connections.csv).
ARCHIVE_NAMES = ("messages.csv", "invitations.csv", "endorsement_received_info.csv",
                 "endorsement_given_info.csv", "recommendations_received.csv",
                 "recommendations_given.csv", "profile.csv")


@dataclass(frozen=True)
class Inputs:
    """The input files of one review (``None`` = not given)."""

    connections: Path | None = None
    interactions: Path | None = None
    contacts: Path | None = None
    goals: Path | None = None
    archive: Path | None = None
    #: Calendars: ``.ics`` files, folders or zips holding them (() = none).
    calendar: tuple[Path, ...] = ()
    #: Mailboxes: mbox files or folders holding them (() = none).
    mail: tuple[Path, ...] = ()

    def given(self) -> dict[str, Path]:
        """Every input path by its role (``calendar``, ``calendar 2``, ... for several), for the output checks."""
        out: dict[str, Path] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                out.update({f.name if n == 0 else f"{f.name} {n + 1}": path for n, path in enumerate(value)})
            elif value is not None:
                out[f.name] = value
        return out


def _find(folder: Path, name: str) -> Path | None:
    exact = folder / name
    if exact.is_file():
        return exact
    for child in sorted(folder.iterdir()):
        if child.is_file() and child.name.lower() == name.lower():
            return child
    return None


def _zip_has_connections(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return any(Path(n).name.lower() == "connections.csv" for n in archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _exports(folder: Path) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The calendars (``*.ics`` files) and mailboxes (``*.mbox`` files and folders) directly in ``folder``."""
    calendars, mailboxes = [], []
    for child in sorted(folder.iterdir()):
        name = child.name.lower()
        if name.startswith("."):
            continue
        if name.endswith(".ics") and child.is_file():
            calendars.append(child)
        elif name.endswith(".mbox") and (child.is_file() or child.is_dir()):
            mailboxes.append(child)
    return tuple(calendars), tuple(mailboxes)


def _export_paths(value, option: str) -> tuple[Path, ...]:
    """An explicit ``--calendar`` / ``--mail`` value (one path or several) as paths that exist."""
    if value is None:
        return ()
    values = value if isinstance(value, (list, tuple)) else [value]
    paths = []
    for item in values:
        path = Path(item)
        if not path.exists():
            raise InputError(Problem(str(item), "does not exist", code="missing-file",
                                     fix=f"check the path given to --{option}"))
        paths.append(path)
    return tuple(paths)


def resolve_inputs(folder: str | Path | None = None, *, connections=None, interactions=None,
                   contacts=None, goals=None, archive=None, calendar=None, mail=None) -> Inputs:
    """Combine a folder and explicit paths into :class:`Inputs` (explicit wins).

    ``calendar`` and ``mail`` may each be one path or a list of them; without
    them, the folder's ``*.ics`` and ``*.mbox`` are used.

    Raises :class:`~netanalysis.errors.InputError` for a path that does not
    exist, and when no connections can be found at all.
    """
    exports = {"calendar": _export_paths(calendar, "calendar"), "mail": _export_paths(mail, "mail")}
    explicit = {"connections": connections, "interactions": interactions, "contacts": contacts,
                "goals": goals, "archive": archive}
    chosen: dict[str, Path | None] = {}
    for key, value in explicit.items():
        if value is None:
            chosen[key] = None
            continue
        path = Path(value)
        if not path.exists():
            raise InputError(Problem(str(value), "does not exist", code="missing-file",
                                     fix=f"check the path given to --{key}"))
        if key != "archive" and path.is_dir():
            raise InputError(Problem(str(value), "is a folder, not a file", code="missing-file",
                                     fix=f"give the file itself to --{key}, or the folder as the positional argument"))
        chosen[key] = path
    if folder is not None:
        base = Path(folder)
        if not base.exists():
            raise InputError(Problem(str(folder), "does not exist", code="missing-file",
                                     fix="give the folder that holds Connections.csv and your own files"))
        if base.is_file():
            if base.suffix.lower() == ".zip":
                chosen["archive"] = chosen["archive"] or base
            else:
                raise InputError(Problem(str(folder), "is a file, not a folder", code="missing-file",
                                         fix="give its folder, or pass the file with --connections"))
        else:
            for key, name in USUAL_NAMES.items():
                if chosen[key] is None:
                    chosen[key] = _find(base, name)
            if chosen["archive"] is None and any(_find(base, n) for n in ARCHIVE_NAMES):
                chosen["archive"] = base
            found_calendars, found_mail = _exports(base)
            exports["calendar"] = exports["calendar"] or found_calendars
            exports["mail"] = exports["mail"] or found_mail
    if chosen["connections"] is None and chosen["archive"] is not None:
        candidate = chosen["archive"]
        if candidate.is_dir():
            chosen["connections"] = _find(candidate, "connections.csv")
        elif not _zip_has_connections(candidate):
            chosen["connections"] = None
        # a zip's Connections.csv is read from inside the zip by the loader
    if chosen["connections"] is None and not (chosen["archive"] is not None and chosen["archive"].is_file()
                                              and _zip_has_connections(chosen["archive"])):
        raise InputError(Problem("Connections.csv", "was not found", code="missing-file",
                                 fix="pass --connections FILE, --archive DIR|ZIP, or a folder that holds "
                                     "Connections.csv (LinkedIn: Settings > Data privacy > Get a copy of your data)"))
    return Inputs(**chosen, **exports)


def connections_source(inputs: Inputs, problems: Problems) -> tuple[Path | bytes, str] | None:
    """Where ``Connections.csv`` is: ``(path or the zip member's bytes, name for messages)``.

    The ``connections`` input if given, else the ``Connections.csv`` inside
    an archive zip (:func:`resolve_inputs` leaves it there).  ``None``, after
    recording an error in ``problems``, when the zip cannot be opened; ``None``
    without one when the zip holds no ``Connections.csv``.
    """
    if inputs.connections is not None:
        return inputs.connections, inputs.connections.name
    try:
        with zipfile.ZipFile(inputs.archive) as archive:
            for name in archive.namelist():
                if Path(name).name.lower() == "connections.csv":
                    return archive.read(name), f"{inputs.archive.name}/{name}"
    except (zipfile.BadZipFile, OSError) as exc:
        problems.error(inputs.archive.name, f"cannot be opened as a zip ({exc})", code="bad-zip",
                       fix="download the archive again from LinkedIn, or unzip it and give the folder")
    return None
