"""The people table: connections, people off LinkedIn, annotations, and the log matched to them.

Used by :func:`netanalysis.model.load`: a ``contact`` cell (or a ``with`` or
``knows`` name) is matched with :class:`~netanalysis.model.matching.Matcher`;
a cell that fits two people is an error listing both, a cell that fits nobody
becomes a person off LinkedIn (a warning, with close matches suggested).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import RECORDED_PER_CODE, Problems
from ..io.connections import CONNECTION_COLUMNS
from ..io.files import MAX_PEOPLE_OFF_LINKEDIN
from ..io.text import looks_like_url, match_key, profile_slug, profile_url
from .matching import Matcher

__all__ = ["people_from_connections", "annotate", "match_log", "resolve_knows", "ANNOTATIONS"]

ANNOTATIONS = {"circle": "", "chemistry": pd.NA, "cadence_days": pd.NA, "status": "", "offers": "",
               "needs": "", "knows": "", "notes": ""}


def people_from_connections(connections: pd.DataFrame) -> pd.DataFrame:
    line = connections["line"].astype(str)
    ids = ("c:" + connections["slug"]).where(connections["slug"] != "", "c#" + line)
    ids = ids.where(~ids.duplicated(), ids + "#" + line)
    people = connections.set_index(pd.Index(ids, name="person_id"))
    people["on_linkedin"] = True
    for column, default in ANNOTATIONS.items():
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
    for column, default in ANNOTATIONS.items():
        frame[column] = default
    if ids is None:
        ids = [_off_person(name)[1] for name in names]
    frame.index = pd.Index(ids, name="person_id")
    return frame.astype({"chemistry": "Int64", "cadence_days": "Int64"})[
        [*CONNECTION_COLUMNS, "on_linkedin", *ANNOTATIONS]]


def _ambiguous(problems: Problems, display: str, line: int, column: str, cell: str,
               candidates: tuple[str, ...], people: pd.DataFrame, also: list[int] | None = None) -> None:
    if problems.count(display, "ambiguous-name") >= RECORDED_PER_CODE:  # the rest without their candidates
        problems.error(display, f"matches {len(candidates)} connections", line=line, column=column, value=cell,
                       code="ambiguous-name", fix="write that person's LinkedIn profile URL instead of the name")
        return
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
    # Suggestions for the first names only: they are listed one by one, and a fuzzy search over
    # 30,000 connections for each of many thousands of names would take minutes.
    close = matcher.suggestions(cell) if problems.count(display, "off-linkedin") < RECORDED_PER_CODE else []
    fix = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else \
        "if they are on LinkedIn, check the spelling or use their profile URL"
    problems.warning(display, f"matches no connection; kept as a person off LinkedIn ({rows} row(s))",
                     line=line, column=column, value=cell, fix=fix, code="off-linkedin")


def annotate(people, annotations, matcher, display, problems):
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
        elif found.person_id is None and len(new_names) >= MAX_PEOPLE_OFF_LINKEDIN:
            if not problems.count(display, "too-many-people"):  # said once
                problems.error(display, f"names more than {MAX_PEOPLE_OFF_LINKEDIN:,} people who are not among your "
                                        "connections (at most that many are read)", line=int(line),
                               column="contact", code="too-many-people", fix="check that Connections.csv is given")
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
    for column in ANNOTATIONS:
        people.loc[annotations.index, column] = annotations[column]
    return people, {person_id: int(line) for person_id, line in
                    zip(annotations.index.tolist(), annotations["line"].tolist())}


def match_log(log: pd.DataFrame, people: pd.DataFrame, matcher: Matcher, display: str,
              problems: Problems) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add ``person_id`` and ``with_ids`` to the log; unmatched names become people off LinkedIn.

    Returns ``(log, new_people)``: the matched log, and the people off
    LinkedIn it names (rows like ``people``'s; empty when everyone matched).
    """
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
            if len(new) >= MAX_PEOPLE_OFF_LINKEDIN:
                if not problems.count(display, "too-many-people"):  # said once
                    problems.error(display, f"names more than {MAX_PEOPLE_OFF_LINKEDIN:,} people who are not among "
                                            "your connections (at most that many are read)", line=line,
                                   column=column, code="too-many-people",
                                   fix="check that this is your own log, and that Connections.csv is given")
                return None
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
    new_people = (_off_linkedin(list(new.values()), [new_urls[p] for p in new], list(new))
                  if new else pd.DataFrame())
    return log, new_people


def resolve_knows(people, matcher, display, problems, lines: dict[str, int] | None = None):
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
