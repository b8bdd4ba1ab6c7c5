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
from .files import check_regular, file_kind, read_member
from .write import Outputs

__all__ = ["Inputs", "resolve_inputs", "connections_source", "outputs_for", "is_input_name", "USUAL_NAMES",
           "ARCHIVE_NAMES", "INPUT_NAMES"]

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

    @classmethod
    def from_given(cls, given: dict | None) -> "Inputs":
        """The inputs back from :meth:`given` (``calendar 2`` and so on joining ``calendar``).

        >>> Inputs.from_given({"calendar": "a.ics", "calendar 2": "b.ics", "goals": "g.toml"}).calendar
        (PosixPath('a.ics'), PosixPath('b.ics'))
        """
        single: dict[str, Path] = {}
        several: dict[str, list[Path]] = {"calendar": [], "mail": []}
        for key, path in (given or {}).items():
            role = str(key).split(" ")[0]
            if role in several:
                several[role] += [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
            elif role in {f.name for f in fields(cls)} and path is not None:
                single[role] = Path(path)
        return cls(**single, **{role: tuple(paths) for role, paths in several.items()})

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

    def files(self) -> dict[Path, str]:
        """Every file this run reads, symlinks resolved -> what it is ("your interactions input").

        An archive folder gives each file in it (up to two folder levels
        down), not only the ones read: no output may replace any of them.
        """
        out: dict[Path, str] = {}
        for key, path in self.given().items():
            path = Path(path)
            if path.is_dir():
                for depth in range(3):
                    for child in sorted(path.glob("/".join(["*"] * (depth + 1)))):
                        if not child.is_dir():
                            out.setdefault(child.resolve(), f"{child.name} of your {key} folder ({path})")
            else:
                out.setdefault(path.resolve(), f"your {key} input ({path})")
        return out


def _find(folder: Path, name: str) -> Path | None:
    exact = folder / name
    candidates = [exact] if exact.exists() else [c for c in sorted(folder.iterdir()) if c.name.lower() == name.lower()]
    for child in candidates:
        check_regular(child, str(child), fix=f"put the {name} file itself there, or rename the folder "
                                              "(a folder, a pipe or a device is never read)")
        return child
    return None


def _zip_has_connections(path: Path) -> bool:
    """True if the zip lists a ``Connections.csv``; :class:`InputError` if it is no zip (or is cut off)."""
    check_regular(path, path.name, fix="give the LinkedIn archive as a folder or as the zip file itself")
    try:
        with zipfile.ZipFile(path) as archive:
            return any(Path(n).name.lower() == "connections.csv" for n in archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise InputError(Problem(path.name, "is not a zip file (or is cut off)", code="bad-zip",
                                 fix="download it again from LinkedIn, or unzip it yourself and give the folder")
                         ) from None
    except OSError as exc:
        raise InputError(Problem(path.name, f"cannot be read ({exc.strerror or exc})", code="unreadable",
                                 fix="check the path and its permissions")) from None


def _archive_zip(folder: Path) -> Path | None:
    """The LinkedIn archive zip directly in ``folder`` (a ``.zip`` holding ``Connections.csv``), if one.

    Two such zips are an error: which one is meant is for the user to say.
    """
    zips = [c for c in sorted(folder.iterdir()) if c.suffix.lower() == ".zip" and c.is_file()]
    found = [z for z in zips if _zip_has_connections(z)]
    if len(found) > 1:
        raise InputError(Problem(str(folder), f"holds {len(found)} LinkedIn archives ({', '.join(z.name for z in found)})",
                                 code="ambiguous-archive", fix="pass the one to review with --archive ZIP"))
    return found[0] if found else None


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
        if not path.is_dir():
            check_regular(path, str(value), fix=f"give --{key} the file itself (a pipe or a device is never read)")
        chosen[key] = path
    if folder is not None:
        base = Path(folder)
        if not base.exists():
            raise InputError(Problem(str(folder), "does not exist", code="missing-file",
                                     fix="give the folder that holds Connections.csv and your own files"))
        if not base.is_dir():
            kind = file_kind(base.stat().st_mode)
            if base.is_file() and base.suffix.lower() == ".zip":
                chosen["archive"] = chosen["archive"] or base
            else:
                raise InputError(Problem(str(folder), f"is {kind}, not a folder", code="missing-file",
                                         fix="give its folder, or pass the file with --connections"))
        else:
            for key, name in USUAL_NAMES.items():
                if chosen[key] is None:
                    chosen[key] = _find(base, name)
            if chosen["archive"] is None and any(_find(base, n) for n in ARCHIVE_NAMES):
                chosen["archive"] = base
            if chosen["archive"] is None and chosen["connections"] is None:
                chosen["archive"] = _archive_zip(base)
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
                    display = f"{inputs.archive.name}/{name}"
                    return read_member(archive, name, display), display
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        problems.error(inputs.archive.name, "is not a zip file (or is cut off)", code="bad-zip",
                       fix="download it again from LinkedIn, or unzip it yourself and give the folder")
    except InputError as exc:
        problems.items.extend(exc.problems)
    return None


#: The file names a folder of inputs is read by (an output there by one of them would be read next time).
INPUT_NAMES = frozenset({*USUAL_NAMES.values(), *ARCHIVE_NAMES})


def is_input_name(name: str) -> bool:
    """Whether a file called ``name`` (lower-cased) in a folder of inputs would be read as one:
    one of :data:`INPUT_NAMES`, or a calendar (``.ics``) or mailbox (``.mbox``).

    >>> is_input_name("connections.csv"), is_input_name("work.ics"), is_input_name("egogram.png")
    (True, True, False)
    """
    return name in INPUT_NAMES or name.endswith((".ics", ".mbox"))


def outputs_for(inputs: Inputs, *folders) -> Outputs:
    """The :class:`~netanalysis.io.write.Outputs` of a run over ``inputs``: no output may be any file it
    reads, nor take an input's name in a folder the inputs are found in (``folders``: the positional one).

    Every command that writes goes through it (``report``, ``contacts``, ``figures``, ``notebook``,
    ``log draft``).

    >>> import tempfile, pathlib
    >>> from netanalysis.sample import write_sample
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_sample(folder, "student", seed=1)
    >>> outputs = outputs_for(resolve_inputs(folder), folder)
    >>> _ = outputs.add(folder / "messages.csv", "<html>")
    >>> outputs.check()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netanalysis.io.write.OutputError: -o ...messages.csv: is messages.csv of your archive folder (...); refusing to overwrite it. Fix: choose another file with -o
    """
    guard = {Path(f): is_input_name for f in (*folders, inputs.archive) if f is not None and Path(f).is_dir()}
    return Outputs(inputs.files(), guard=guard)
