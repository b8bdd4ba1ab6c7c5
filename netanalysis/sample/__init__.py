"""Seeded synthetic networks in the real file formats, one persona each.

:func:`generate` returns every input file netanalysis reads, as text, exactly as
LinkedIn and a user would write it: ``Connections.csv`` (2023+ layout with its
preamble), the user's ``interactions.csv``, ``contacts.csv`` and ``goals.toml``,
the LinkedIn archive files (``Profile.csv``, ``messages.csv``,
``Invitations.csv``, endorsements and recommendations), and the owner's
last year of calendar (``calendar.ics``) and mail (``mail.mbox``), which hold
most of the logged meetings and more (:mod:`netanalysis.sample._evidence`).  :func:`write_sample`
writes them to a folder.

Each persona in :data:`PERSONAS` exaggerates one piece of the seeds' advice so
that the review's headline finding is its ``rule`` (``collector`` -> depth,
``taker`` -> reciprocity, ``loyalist`` -> renewal, ``drifter`` -> staleness,
``matchmaker`` -> matchmaking, ``student`` -> follow-up), with a sprinkle of the
other traits (a family member, a low-chemistry contact with effort, cold ties,
new connections never followed up, duplicate names logged by URL).

Everything is drawn from one ``numpy.random.default_rng(seed)`` and all dates
are relative to ``as_of``: the same arguments give the same bytes, on any day.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from ..errors import NetanalysisError
from ..io.write import Outputs
from ._personas import DEFAULT_PERSONA, PERSONAS, Owner, Persona

__all__ = ["PERSONAS", "DEFAULT_PERSONA", "SAMPLE_AS_OF", "Persona", "Owner", "FILES", "MAX_COUNTS",
           "generate", "write_sample"]

#: The day the bundled samples are "exported"; every date is relative to it.
SAMPLE_AS_OF = date(2026, 11, 1)
#: The files :func:`generate` returns, in this order.
FILES = ("Connections.csv", "interactions.csv", "contacts.csv", "goals.toml", "Profile.csv",
         "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
         "Endorsement_Given_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv",
         "calendar.ics", "mail.mbox")
_LOG_WINDOW_DAYS = 3 * 365
#: The largest sample: LinkedIn's limit of 30,000 connections, and a log and an
#: archive as large as the benchmarks use (``benchmarks/bench_scale.py``).
MAX_COUNTS = {"connections": 30_000, "interactions": 100_000, "messages": 300_000}


def generate(persona: str = DEFAULT_PERSONA, *, connections: int | None = None,
             interactions: int | None = None, messages: int | None = None, seed: int = 7,
             as_of: date = SAMPLE_AS_OF) -> dict[str, str]:
    """Generate one persona's files as text.

    Parameters
    ----------
    persona : str
        A key of :data:`PERSONAS`.
    connections, interactions, messages : int, optional
        Rows of ``Connections.csv`` (hidden members included), of
        ``interactions.csv`` and of ``messages.csv``; ``None`` takes the
        persona's default.
    seed : int
        Seed of the one random generator; the same arguments give the same bytes.
    as_of : datetime.date
        The export day: no date in any file is later.

    Returns
    -------
    dict of str to str
        ``{file name: file text}`` for every name in :data:`FILES`.

    Raises
    ------
    NetanalysisError
        For an unknown persona, or a count below 0 or above :data:`MAX_COUNTS`.

    Examples
    --------
    >>> files = generate("student", seed=1)
    >>> files["Connections.csv"].splitlines()[3]
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'
    >>> files["interactions.csv"].splitlines()[0]
    'date,contact,kind,direction,value,purpose,channel,with,notes'
    >>> generate("student", seed=1) == files
    True
    """
    # The generator's modules are imported here, not with the package: the report of the bundled
    # sample imports netanalysis.sample (for SAMPLE_AS_OF) and never generates.
    from ._archive import archive_files
    from ._evidence import calendar_ics, log_rows, mail_mbox
    from ._log import contacts_csv, goals_toml, interactions_csv, make_subjects
    from ._people import connections_csv, make_people

    spec = _persona(persona)
    n_conn = spec.connections if connections is None else _count("connections", connections)
    n_rows = spec.interactions if interactions is None else _count("interactions", interactions)
    n_msg = spec.messages if messages is None else _count("messages", messages)
    rng = np.random.default_rng(seed)
    window = int(min(_LOG_WINDOW_DAYS, spec.connection_years * 365))
    people = make_people(rng, spec, n_conn)
    subjects = make_subjects(rng, spec, people, n_rows, window)
    files = {
        "interactions.csv": interactions_csv(rng, spec, people, subjects, n_rows, as_of),
        "contacts.csv": contacts_csv(rng, spec, people, subjects),
        "goals.toml": goals_toml(spec),
    }
    files.update(archive_files(rng, spec, people, subjects, n_msg, as_of))
    files["Connections.csv"] = connections_csv(people, as_of)
    logged = log_rows(files["interactions.csv"], as_of)
    files["calendar.ics"] = calendar_ics(seed, spec, people, subjects, logged, as_of)
    files["mail.mbox"] = mail_mbox(seed, spec, people, subjects, logged, as_of)
    return {name: files[name] for name in FILES}


def write_sample(directory, persona: str = DEFAULT_PERSONA, *, connections: int | None = None,
                 interactions: int | None = None, messages: int | None = None, seed: int = 7,
                 as_of: date = SAMPLE_AS_OF, force: bool = False) -> list[Path]:
    """Generate a persona (see :func:`generate`) and write its files to ``directory``.

    The directory is created if needed.  Nothing is written if any file would
    be overwritten, unless ``force`` is true.  Files are UTF-8 with LF line ends
    (``calendar.ics`` with CRLF, as iCalendar requires).

    Parameters
    ----------
    directory : path
        The folder to write.
    persona, connections, interactions, messages, seed, as_of
        As for :func:`generate`.
    force : bool
        Replace files already there.

    Returns
    -------
    list of pathlib.Path
        The paths written, in the order of :data:`FILES`.

    Raises
    ------
    NetanalysisError
        For an unknown persona, a negative count, or a file already there
        (without ``force``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_sample(tmp, "student")
    ...     [p.name for p in paths][:2]
    ['Connections.csv', 'interactions.csv']
    """
    files = generate(persona, connections=connections, interactions=interactions,
                     messages=messages, seed=seed, as_of=as_of)
    folder = Path(directory)
    paths = [folder / name for name in files]
    existing = [p.name for p in paths if p.exists()]
    if existing and not force:
        raise NetanalysisError(
            f"{folder}: would overwrite {', '.join(existing)}. "
            "Fix: choose an empty folder, or pass --force (force=True) to replace them")
    outputs = Outputs()
    for path, text in zip(paths, files.values()):
        outputs.add(path, text, option="-o", shown=str(path))
    outputs.commit()  # every file or none
    return paths


def _persona(name: str) -> Persona:
    try:
        return PERSONAS[name]
    except (KeyError, TypeError):
        raise NetanalysisError(
            f"unknown persona {name!r}. Fix: use one of {', '.join(PERSONAS)}") from None


def _count(what: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value or value < 0:
        raise NetanalysisError(f"{what} must be a whole number >= 0, not {value!r}")
    if value > MAX_COUNTS[what]:
        why = ("LinkedIn allows at most 30,000 connections" if what == "connections"
               else f"the largest sample has {MAX_COUNTS[what]:,}")
        raise NetanalysisError(f"--{what} {int(value):,} is too many: {why}. "
                               f"Fix: give --{what} {MAX_COUNTS[what]} or less")
    return int(value)
