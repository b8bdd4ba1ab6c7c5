"""The loaded network: people, the interaction log matched to them, goals.

:func:`load` reads every input that is given, matches the log and the
annotations to people, and returns a :class:`Network`.  It collects every
problem first and raises one :class:`~netanalysis.errors.InputError` listing
them all if any is an error; warnings stay on ``Network.problems``.

``Network.people`` (index ``person_id``) has one row per real connection and
one per person off LinkedIn, with the connection columns of
:mod:`netanalysis.io.connections`, ``on_linkedin`` (bool) and the annotation
columns of :mod:`netanalysis.io.contacts` (empty when not annotated).
``Network.log`` is the interaction log with ``person_id`` and ``with_ids``
(a tuple of person ids) added.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Problem, Problems
from .inputs import Inputs, resolve_inputs
from .io.connections import CONNECTION_COLUMNS, read_connections
from .io.contacts import read_contacts
from .io.goals import Goals, read_goals
from .io.interactions import read_interactions
from .matching import Matcher
from .table import gc_paused
from .text import looks_like_url, match_key, profile_slug, profile_url

__all__ = ["Network", "load", "load_inputs"]

_ANNOTATIONS = {"circle": "", "chemistry": pd.NA, "cadence_days": pd.NA, "status": "", "offers": "",
                "needs": "", "knows": "", "notes": ""}


@dataclass
class Network:
    """Everything a review needs, as loaded (no date applied yet)."""

    people: pd.DataFrame
    log: pd.DataFrame
    goals: Goals = field(default_factory=Goals)
    hidden_members: int = 0
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    archive: object | None = None
    owner: str = ""
    #: The name/URL index built while loading, reused to match the archive's rows.
    matcher: Matcher | None = field(default=None, repr=False, compare=False)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def missing(self) -> list[str]:
        """Inputs not given, each with what the review cannot answer without it."""
        out = []
        if "interactions" not in self.sources:
            out.append("interactions.csv (no log: strength, reciprocity, staleness and effort cannot be measured)")
        if "contacts" not in self.sources:
            out.append("contacts.csv (no circles, chemistry, cadences, offers and needs)")
        if "goals" not in self.sources:
            out.append("goals.toml (no purpose targets; default settings used)")
        if "archive" not in self.sources:
            out.append("the LinkedIn archive (no messages, invitations, endorsements or recommendations)")
        return out


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


def _connections_source(inputs: Inputs, problems: Problems) -> tuple[object, str] | None:
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


def load_inputs(inputs: Inputs, *, problems: Problems | None = None) -> Network:
    """Load the files named by :class:`~netanalysis.inputs.Inputs` (see :func:`load`)."""
    with gc_paused():
        return _load_inputs(inputs, problems=problems)


def _load_inputs(inputs: Inputs, *, problems: Problems | None = None) -> Network:
    own = problems is None
    problems = Problems() if own else problems
    sources: dict[str, str] = {}
    source = _connections_source(inputs, problems)
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
        from .io.archive import read_archive

        archive = read_archive(inputs.archive, problems=problems)
        sources["archive"] = inputs.archive.name
        owner = archive.owner

    people = _people_from_connections(connections)
    matcher = Matcher(people)
    if annotations is not None:
        people, annotation_lines = _annotate(people, annotations, matcher, sources["contacts"], problems)
    else:
        annotation_lines = {}
    if log is None:
        log = read_interactions(b"date,contact,kind,direction\n")
    log = _match_log(log, people, matcher, sources.get("interactions", "interactions.csv"), problems)
    new_people = log.attrs.pop("new_people", None)
    if new_people is not None and len(new_people):
        people = pd.concat([people, new_people])
        matcher.add(new_people)
    people = _resolve_knows(people, matcher, sources.get("contacts", "contacts.csv"), problems, annotation_lines)
    if own:
        problems.raise_if_errors()
    return Network(people=people, log=log, goals=goal_settings,
                   hidden_members=int(connections.attrs.get("hidden_members", 0)),
                   problems=list(problems.items), sources=sources, archive=archive, owner=owner, matcher=matcher)


def _people_from_connections(connections: pd.DataFrame) -> pd.DataFrame:
    line = connections["line"].astype(str)
    ids = ("c:" + connections["slug"]).where(connections["slug"] != "", "c#" + line)
    ids = ids.where(~ids.duplicated(), ids + "#" + line)
    people = connections.set_index(pd.Index(ids, name="person_id"))
    people["on_linkedin"] = True
    for column, default in _ANNOTATIONS.items():
        # chemistry and cadence_days are Int64 from the start (no astype of an object column)
        people[column] = pd.Series(default, index=people.index, dtype="Int64") if default is pd.NA else default
    return people


def _off_person(cell: str) -> tuple[str, str]:
    """Display name and person id of a cell that matches nobody (a name, or a URL's slug).

    A name with no letters or digits (``"🚀"``) has an empty match key: its
    id falls back to the text itself, so two such people never share an id.
    """
    name = (profile_slug(cell) if looks_like_url(cell) else "") or cell
    return name, "x:" + (match_key(name) or name)


def _off_linkedin(names: list[str], url_cells: list[str] | None = None,
                  ids: list[str] | None = None) -> pd.DataFrame:
    rows = []
    for index, name in enumerate(names):
        url = profile_url(url_cells[index]) if url_cells else ""
        rows.append({"contact": name, "url": url, "slug": profile_slug(url) if url else "",
                     "key": match_key(name)})
    frame = pd.DataFrame(rows, columns=["contact", "url", "slug", "key"])
    for column in CONNECTION_COLUMNS:
        if column not in frame:
            frame[column] = pd.NaT if column == "connected_on" else (0 if column == "line" else "")
    frame["connected_on"] = pd.to_datetime(frame["connected_on"]).astype("datetime64[ns]")
    frame["on_linkedin"] = False
    for column, default in _ANNOTATIONS.items():
        frame[column] = default
    if ids is None:
        ids = [_off_person(name)[1] for name in names]
    frame.index = pd.Index(ids, name="person_id")
    return frame.astype({"chemistry": "Int64", "cadence_days": "Int64"})[
        [*CONNECTION_COLUMNS, "on_linkedin", *_ANNOTATIONS]]


def _ambiguous(problems: Problems, display: str, line: int, column: str, cell: str,
               candidates: tuple[str, ...], people: pd.DataFrame, also: list[int] | None = None) -> None:
    listed = "; ".join(
        f"{people.at[c, 'contact']} ({people.at[c, 'url'] or 'no URL'}, {people.at[c, 'company'] or 'no company'})"
        for c in candidates)
    others = sorted(set(also or []) - {line})
    if others:
        shown = ", ".join(str(n) for n in others[:10]) + (", ..." if len(others) > 10 else "")
        listed += f" (the name is also on line(s) {shown})"
    problems.error(display, f"matches {len(candidates)} connections: {listed}", line=line, column=column,
                   value=cell, code="ambiguous-name", fix="write that person's LinkedIn profile URL instead of the name")


def _unmatched(problems: Problems, display: str, line: int, column: str, cell: str, rows: int,
               matcher: Matcher) -> None:
    close = matcher.suggestions(cell)
    fix = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else \
        "if they are on LinkedIn, check the spelling or use their profile URL"
    problems.warning(display, f"matches no connection; kept as a person off LinkedIn ({rows} row(s))",
                     line=line, column=column, value=cell, fix=fix, code="off-linkedin")


def _annotate(people, annotations, matcher, display, problems):
    """Copy the annotations onto people; return them and each person's ``contacts.csv`` line."""
    new_names, new_urls, new_ids = [], [], []
    targets: list[str | None] = []
    for line, cell in zip(annotations["line"], annotations["contact"]):
        if not cell:
            targets.append(None)
            continue
        found = matcher.match(cell)
        if found.ambiguous:
            _ambiguous(problems, display, int(line), "contact", cell, found.candidates, people)
            targets.append(None)
        elif found.person_id is None:
            _unmatched(problems, display, int(line), "contact", cell, 1, matcher)
            name, person_id = _off_person(cell)
            new_names.append(name)
            new_urls.append(cell if looks_like_url(cell) else "")
            new_ids.append(person_id)
            targets.append(person_id)
        else:
            targets.append(found.person_id)
    if new_names:
        extra = _off_linkedin(new_names, new_urls, new_ids)
        extra = extra[~extra.index.duplicated()]
        people = pd.concat([people, extra])
        matcher.add(extra)
    annotations = annotations.assign(person_id=targets).dropna(subset=["person_id"])
    annotations = annotations.drop_duplicates("person_id").set_index("person_id")
    for column in _ANNOTATIONS:
        people.loc[annotations.index, column] = annotations[column]
    return people, {person_id: int(line) for person_id, line in
                    zip(annotations.index.tolist(), annotations["line"].tolist())}


def _match_log(log, people, matcher, display, problems):
    """Add ``person_id`` and ``with_ids``; unmatched names become people off LinkedIn."""
    resolved: dict[str, str | None] = {}
    new: dict[str, str] = {}  # person_id -> display name
    new_urls: dict[str, str] = {}  # person_id -> the URL cell, when the cell was one

    def resolve(cell: str, line: int, column: str, rows: int, lines: list[int] | None = None) -> str | None:
        found = matcher.match(cell)
        if found.ambiguous:
            _ambiguous(problems, display, line, column, cell, found.candidates, people, lines)
            return None
        if found.person_id is not None:
            return found.person_id
        name, person_id = _off_person(cell)
        if person_id in people.index:  # off LinkedIn, added by contacts.csv under a key-less name
            return person_id
        if person_id not in new:
            _unmatched(problems, display, line, column, cell, rows, matcher)
            new[person_id] = name
            new_urls[person_id] = cell if looks_like_url(cell) else ""
        return person_id

    counts = log["contact"].value_counts(sort=False)
    first = log.drop_duplicates("contact")
    first_line = dict(zip(first["contact"], first["line"]))
    for cell, rows in counts.items():
        if not cell:
            continue
        found = matcher.match(cell)
        if found.person_id is not None:  # the common case, without the bookkeeping below
            resolved[cell] = found.person_id
            continue
        lines = [int(n) for n in log.loc[log["contact"] == cell, "line"]] if found.ambiguous else None
        resolved[cell] = resolve(cell, int(first_line[cell]), "contact", int(rows), lines)
    person_ids = log["contact"].map(resolved)
    found_with: list[tuple[str, ...]] = [()] * len(log)
    cells = log["with"].to_numpy(dtype=object)
    named = np.flatnonzero(cells != "")   # most rows name nobody else
    by_cell: dict[str, tuple[str, ...]] = {}
    for position, line, cell in zip(named.tolist(), log["line"].to_numpy()[named].tolist(), cells[named].tolist()):
        ids = by_cell.get(cell)
        if ids is None:
            found = []
            for name in cell.split(";"):
                key = ("with", name)
                if key not in resolved:
                    resolved[key] = resolve(name, int(line), "with", 1)
                if resolved[key]:
                    found.append(resolved[key])
            ids = by_cell[cell] = tuple(found)
        found_with[position] = ids
    with_ids = pd.Series(found_with, index=log.index, dtype=object)
    log = log.assign(person_id=person_ids, with_ids=with_ids)
    log.attrs["new_people"] = (_off_linkedin(list(new.values()), [new_urls[p] for p in new], list(new))
                               if new else pd.DataFrame())
    return log


def _resolve_knows(people, matcher, display, problems, lines: dict[str, int] | None = None):
    """Turn the ``knows`` names of ``contacts.csv`` into person ids (``knows_ids``).

    ``lines`` gives each annotated person's line in ``contacts.csv`` (for messages).
    """
    lines = lines or {}
    knows_ids = []
    # .tolist(): iterating a pandas string array directly costs a Python call per cell
    for person_id, cell in zip(people.index.tolist(), people["knows"].tolist()):
        if not cell:
            knows_ids.append(())
            continue
        ids = []
        for name in cell.split(";"):
            found = matcher.match(name)
            if found.ambiguous:
                _ambiguous(problems, display, lines.get(person_id), "knows", name, found.candidates, people)
            elif found.person_id is None:
                problems.warning(display, "in 'knows' matches no connection and is ignored", column="knows",
                                 line=lines.get(person_id), value=name, code="off-linkedin",
                                 fix="use the name as on LinkedIn, or the URL")
            elif found.person_id != person_id:
                ids.append(found.person_id)
        knows_ids.append(tuple(ids))
    return people.assign(knows_ids=knows_ids)
