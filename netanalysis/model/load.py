"""Loading a network: read every input that is given, match the log and the annotations to people.

:func:`load` returns a :class:`~netanalysis.model.network.Network`.  It
collects every problem first and raises one
:class:`~netanalysis.errors.InputError` listing them all if any is an error;
warnings stay on ``Network.problems``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from .._gc import gc_paused
from ..errors import Problem, Problems
from ..io.connections import read_connections
from ..io.contacts import read_contacts
from ..io.goals import Goals, read_goals
from ..io.inputs import Inputs, connections_source, resolve_inputs
from ..io.interactions import read_interactions
from .evidence import contact_emails, mask_addresses, read_evidence
from .apart import ArchiveRead
from .matching import Matcher
from .network import Network
from .people import annotate, match_log, people_from_connections, resolve_knows

__all__ = ["load", "load_inputs"]


def load(folder: str | Path | None = None, *, connections=None, interactions=None, contacts=None,
         goals=None, archive=None, calendar=None, mail=None, as_of=None,
         problems: Problems | None = None) -> Network:
    """Load a network from a folder and/or explicit files.

    Parameters
    ----------
    folder : path, optional
        A folder holding ``Connections.csv``, ``interactions.csv``,
        ``contacts.csv``, ``goals.toml`` and LinkedIn archive files by their
        usual names, calendars (``*.ics``) and mailboxes (``*.mbox``), or an
        archive ``.zip``.
    connections, interactions, contacts, goals, archive : path, optional
        Explicit files (they win over the folder's).
    calendar, mail : path or list of paths, optional
        ``.ics`` calendars (a file, a folder or a zip of them) and mbox
        mailboxes (a file or a folder of them), instead of the folder's.
    as_of : date or ISO string, optional
        The review date the calendar and mail are read for: repeating events
        are expanded up to it, and mail after it does not decide who is a
        correspondent.  When not given: up to the latest dated evidence of the
        inputs (the log, the archive, the connections and the mail).  Give the
        date you will review (the command line passes ``--as-of``, or today).
    problems : Problems, optional
        Collect every problem here and return what loaded instead of raising
        (used by ``check``).

    Returns
    -------
    Network
        ``people`` (one row per connection and per person off LinkedIn), the
        ``log`` matched to them, ``goals``, the ``archive`` if given, the
        ``owner``, the calendar's ``meetings`` and the mail's ``mails``
        (:mod:`netanalysis.model.evidence`; ``None`` when not given) and the
        warnings in ``problems``; no date applied yet.

    Raises
    ------
    InputError
        Without ``problems``, when any input has an error (every problem is
        listed; ``python -m netanalysis check`` prints them one per line).

    Examples
    --------
    >>> from netanalysis.sample import write_sample
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_sample(folder, "student", seed=1)
    >>> net = load(folder)
    >>> bool(net.people["on_linkedin"].any())
    True
    """
    inputs = resolve_inputs(folder, connections=connections, interactions=interactions,
                            contacts=contacts, goals=goals, archive=archive, calendar=calendar, mail=mail)
    return load_inputs(inputs, problems=problems, as_of=as_of)


def load_inputs(inputs: Inputs, *, problems: Problems | None = None, as_of=None, meanwhile=None) -> Network:
    """Load the files named by :class:`~netanalysis.io.inputs.Inputs` (see :func:`load`).

    ``meanwhile`` (a function of no argument) is called once the other inputs are read, while a large
    archive may still be read in a second process (:mod:`netanalysis.model.apart`): the command line
    imports the review's modules then.
    """
    with gc_paused():
        return _load_inputs(inputs, problems=problems, as_of=as_of, meanwhile=meanwhile)[0]


def load_with_details(inputs: Inputs, *, as_of, problems: Problems | None = None) -> tuple[Network, dict]:
    """:func:`load_inputs`, and the calendar's and mail's details (subjects, unmatched people) for ``log draft``."""
    with gc_paused():
        return _load_inputs(inputs, problems=problems, as_of=as_of, details=True)


def _load_inputs(inputs: Inputs, *, problems: Problems | None = None, as_of=None,
                 details: bool = False, meanwhile=None) -> tuple[Network, dict | None]:
    own = problems is None
    problems = Problems() if own else problems
    reading = None
    if inputs.archive is not None:  # in a second process where that pays (model/apart.py)
        reading = ArchiveRead(inputs.archive, problems.limit_per_code)
    try:
        return _read_all(inputs, problems, own, as_of, details, reading, meanwhile)
    finally:
        if reading is not None:
            reading.cancel()  # nothing left to do once its result is in; else (an error here) it stops


def _read_all(inputs: Inputs, problems: Problems, own: bool, as_of, details: bool,
              reading, meanwhile) -> tuple[Network, dict | None]:
    sources: dict[str, str] = {}
    source = connections_source(inputs, problems)
    if source is None:
        connections = read_connections(b"First Name,Last Name,Connected On\n", problems=Problems())
    else:
        connections = read_connections(source[0], display=source[1], problems=problems)
        sources["connections"] = source[1]
    log = annotations = None
    if inputs.interactions is not None:
        log = read_interactions(inputs.interactions, problems=problems)
        sources["interactions"] = inputs.interactions.name
    if inputs.contacts is not None:
        annotations = read_contacts(inputs.contacts, problems=problems)
        sources["contacts"] = inputs.contacts.name
    goal_settings = Goals()
    if inputs.goals is not None:
        goal_settings = read_goals(inputs.goals, problems=problems)
        sources["goals"] = inputs.goals.name
    archive = None
    owner = ""
    archive_at = len(problems.items)  # where a read in turn records the archive's problems
    if inputs.archive is not None:
        sources["archive"] = inputs.archive.name

    people = people_from_connections(connections)
    matcher = Matcher(people)
    if annotations is not None:
        people, annotation_lines = annotate(people, annotations, matcher, sources["contacts"], problems)
    else:
        annotation_lines = {}
    if log is None:
        log = read_interactions(b"date,contact,kind,direction\n")
    log, new_people = match_log(log, people, matcher, sources.get("interactions", "interactions.csv"), problems)
    if len(new_people):
        people = pd.concat([people, new_people])
        matcher.add(new_people)
    people = resolve_knows(people, matcher, sources.get("contacts", "contacts.csv"), problems, annotation_lines)
    emails = contact_emails(annotations, annotation_lines)
    evidence = bool(inputs.calendar or inputs.mail)
    if reading is not None and as_of is None and evidence:  # the calendar is then read up to the archive's dates
        archive, owner = _archive_in(reading, problems, archive_at)
        reading = None
    found = None
    masked = range(0)
    if evidence:
        start = len(problems.items)
        found = read_evidence(inputs.calendar, inputs.mail, people=people, matcher=matcher, goals=goal_settings,
                              emails=emails, email_lines=annotation_lines,
                              contacts_display=sources.get("contacts", "contacts.csv"),
                              as_of=pd.Timestamp(as_of).date() if as_of is not None else None,
                              latest=_latest(log, people, archive) if as_of is None else None,
                              problems=problems, details=details)
        masked = range(start, len(problems.items))
        for key, paths in (("calendar", inputs.calendar), ("mail", inputs.mail)):
            if paths:
                sources[key] = _source_name(paths)
    if meanwhile is not None:
        meanwhile()
    if reading is not None:  # read meanwhile in a second process, where that pays
        before = len(problems.items)
        archive, owner = _archive_in(reading, problems, archive_at)
        shift = len(problems.items) - before
        masked = range(masked.start + shift, masked.stop + shift) if len(masked) else masked
    people = _with_contact_emails(people, emails)
    if own:
        problems.raise_if_errors()
    # The calendar's and mail's problems may name addresses (file names too): the
    # network keeps them masked, since a report lists its warnings.
    items = [mask_addresses(p) if n in masked else p for n, p in enumerate(problems.items)]
    net = Network(people=people, log=log, goals=goal_settings,
                  hidden_members=int(connections.attrs.get("hidden_members", 0)),
                  hidden_dates=list(pd.DatetimeIndex(connections.attrs.get("hidden_dates", []))),
                  problems=items, sources=sources, archive=archive, owner=owner, matcher=matcher,
                  meetings=found.meetings if found else None, mails=found.mails if found else None,
                  evidence=found.summary if found else None)
    return net, (found.details if found else None)


def _archive_in(reading, problems: Problems, at: int):
    """The archive read by ``reading`` and its owner; its problems go in at ``at``, where a read
    in turn (after goals.toml, before the matching) records them."""
    archive, found = reading.result()
    problems.insert(at, found)
    return archive, archive.owner


def _with_contact_emails(people: pd.DataFrame, emails: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """``email`` filled from contacts.csv's first address for the people Connections.csv gives none."""
    if not emails:
        return people
    people = people.copy()
    for person_id, addresses in emails.items():
        if not people.at[person_id, "email"]:
            people.at[person_id, "email"] = addresses[0]
    return people


def _latest(log: pd.DataFrame, people: pd.DataFrame, archive) -> dt.date | None:
    """The latest date of the log, the connections and the archive (None if none is dated)."""
    dates = [log["date"].max(), people["connected_on"].max()]
    for name in ("messages", "invitations", "endorsements", "recommendations"):
        frame = getattr(archive, name, None)
        if frame is not None and "date" in frame and len(frame):
            dates.append(frame["date"].max())
    dates = [d for d in dates if not pd.isna(d)]
    return max(dates).date() if dates else None


def _source_name(paths) -> str:
    """The calendar's or mailbox's name for the review's list of sources, without addresses
    (Google names its calendar export after the owner's address)."""
    names = [Path(p).name for p in paths]
    text = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
    return mask_addresses(Problem(text, "")).file
