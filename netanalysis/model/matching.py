"""Who is who: matching names and URLs in the user's files to people.

A ``contact`` cell matches a person by LinkedIn URL (with or without scheme,
percent-encoded or not) or by name, ignoring case, accents and
transliteration, styled letters, invisible marks, punctuation and extra
spaces (:func:`netanalysis.io.text.match_key`).  When several people share a
key, a cell written exactly as one display name picks that one; otherwise the
name is ambiguous and the caller reports the candidates.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from ..io.text import clean_text, looks_like_url, match_key, profile_slug

__all__ = ["Matcher", "Match"]


@dataclass(frozen=True)
class Match:
    """Result of matching one cell: ``person_id`` or the ``candidates``."""

    person_id: str | None
    candidates: tuple[str, ...] = ()
    by: str = ""  # "url", "name" or ""

    @property
    def ambiguous(self) -> bool:
        return self.person_id is None and len(self.candidates) > 1


class Matcher:
    """Index of people (``person_id`` -> display name, key, slug) for lookups.

    Examples
    --------
    >>> people = pd.DataFrame({"contact": ["Søren Hansen", "Ann Lee", "Ann Lee"],
    ...                        "slug": ["soren-h", "ann-1", "ann-2"]}, index=["p1", "p2", "p3"])
    >>> m = Matcher(people)
    >>> m.match("soren hansen").person_id, m.match("linkedin.com/in/ann-2").person_id
    ('p1', 'p3')
    >>> m.match("Ann Lee").candidates
    ('p2', 'p3')
    """

    def __init__(self, people: pd.DataFrame):
        self._display: dict[str, str] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_slug: dict[str, str] = {}
        self._by_alias: dict[str, list[str]] = {}
        self._found: dict[str, Match] = {}  # cell -> its match, until people are added
        self.add(people)

    def add(self, people: pd.DataFrame) -> None:
        """Add people (index = person_id; columns ``contact`` and optional ``slug``)."""
        self._found.clear()
        slugs = people["slug"] if "slug" in people else pd.Series("", index=people.index)
        # .tolist(): iterating a pandas string index directly costs a Python call per label
        for person_id, name, slug in zip(people.index.tolist(), people["contact"].tolist(), slugs.tolist()):
            self._display[person_id] = name
            key = match_key(name)
            if key:
                self._by_key.setdefault(key, []).append(person_id)
            if slug:
                self._by_slug.setdefault(slug, person_id)
        if "last_name" in people:
            # "Lee, PhD" / "Lee, MBA": also answer to the name without the credentials.
            titled = people[people["last_name"].str.contains(",", regex=False)]
            for person_id, first, last in zip(titled.index, titled["first_name"], titled["last_name"]):
                alias = match_key(f"{first} {last.split(',')[0]}")
                if alias:
                    self._by_alias.setdefault(alias, []).append(person_id)

    def covers(self, index: pd.Index) -> bool:
        """True if this matcher holds exactly the people of ``index`` (so it can be reused for them)."""
        return len(index) == len(self._display) and all(p in self._display for p in index.tolist())

    def match(self, cell: str) -> Match:
        """The person ``cell`` (a name or profile URL) stands for, or the candidates."""
        found = self._found.get(cell)
        if found is None:
            found = self._found[cell] = self._match(cell)
        return found

    def _match(self, cell: str) -> Match:
        cell = clean_text(cell)
        if looks_like_url(cell):
            slug = profile_slug(cell)
            return Match(self._by_slug.get(slug), by="url") if slug in self._by_slug else Match(None, by="url")
        key = match_key(cell)
        found = self._by_key.get(key) or self._by_alias.get(key, [])
        if len(found) == 1:
            return Match(found[0], by="name")
        if len(found) > 1:
            exact = [p for p in found if self._display[p] == cell]
            if len(exact) == 1:
                return Match(exact[0], by="name")
            return Match(None, tuple(found), by="name")
        return Match(None)

    def suggestions(self, cell: str, limit: int = 3, cutoff: float = 82) -> list[str]:
        """Display names close to ``cell`` (for "did you mean")."""
        keys = list(self._by_key)
        found = process.extract(match_key(cell), keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        names: list[str] = []
        for key, _score, _ in found:
            names.extend(self._display[p] for p in self._by_key[key])
        return list(dict.fromkeys(names))[:limit]
