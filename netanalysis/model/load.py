"""Loading a network: read every input that is given, match the log and the annotations to people.

:func:`load` returns a :class:`~netanalysis.model.network.Network`.  It
collects every problem first and raises one
:class:`~netanalysis.errors.InputError` listing them all if any is an error;
warnings stay on ``Network.problems``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._gc import gc_paused
from ..errors import Problems
from ..io.connections import read_connections
from ..io.contacts import read_contacts
from ..io.goals import Goals, read_goals
from ..io.inputs import Inputs, connections_source, resolve_inputs
from ..io.interactions import read_interactions
from .matching import Matcher
from .network import Network
from .people import annotate, match_log, people_from_connections, resolve_knows

__all__ = ["load", "load_inputs"]


def load(folder: str | Path | None = None, *, connections=None, interactions=None, contacts=None,
         goals=None, archive=None, problems: Problems | None = None) -> Network:
    """Load a network from a folder and/or explicit files.

    Parameters
    ----------
    folder : path, optional
        A folder holding ``Connections.csv``, ``interactions.csv``,
        ``contacts.csv``, ``goals.toml`` and LinkedIn archive files by their
        usual names, or an archive ``.zip``.
    connections, interactions, contacts, goals, archive : path, optional
        Explicit files (they win over the folder's).
    problems : Problems, optional
        Collect every problem here and return what loaded instead of raising
        (used by ``check``).

    Returns
    -------
    Network
        ``people`` (one row per connection and per person off LinkedIn), the
        ``log`` matched to them, ``goals``, the ``archive`` if given, the
        ``owner`` and the warnings in ``problems``; no date applied yet.

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
                            contacts=contacts, goals=goals, archive=archive)
    return load_inputs(inputs, problems=problems)


def load_inputs(inputs: Inputs, *, problems: Problems | None = None) -> Network:
    """Load the files named by :class:`~netanalysis.io.inputs.Inputs` (see :func:`load`)."""
    with gc_paused():
        return _load_inputs(inputs, problems=problems)


def _load_inputs(inputs: Inputs, *, problems: Problems | None = None) -> Network:
    own = problems is None
    problems = Problems() if own else problems
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
    if inputs.archive is not None:
        from ..io.linkedin.archive import read_archive

        archive = read_archive(inputs.archive, problems=problems)
        sources["archive"] = inputs.archive.name
        owner = archive.owner

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
    if own:
        problems.raise_if_errors()
    return Network(people=people, log=log, goals=goal_settings,
                   hidden_members=int(connections.attrs.get("hidden_members", 0)),
                   hidden_dates=list(connections.attrs.get("hidden_dates", [])),
                   problems=list(problems.items), sources=sources, archive=archive, owner=owner, matcher=matcher)
