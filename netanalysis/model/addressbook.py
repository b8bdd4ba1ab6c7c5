"""Who is behind an address: contacts.csv's and Connections.csv's addresses, then the names an address is shown with.

Used by :mod:`netanalysis.model.evidence` for calendar attendees and mail
correspondents.  Per address (or, for an attendee without one, per name):

1. the person contacts.csv gives the address to (its ``email`` column);
2. else the one connection Connections.csv gives it to (an address two
   connections share is not used, with a warning);
3. else the display names the address is shown with, each through
   :class:`~netanalysis.model.matching.Matcher` (``Hansen, Søren`` is also
   tried as ``Søren Hansen``): one person found is the match; two different
   people, or a name that fits two connections and no other name to decide,
   is an error whose fix is to add the address to contacts.csv.

An address or name that matches nobody is counted, never made a person.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from ..errors import Problems
from ..io.addresses import normal_email
from .matching import Matcher

__all__ = ["address_book", "Resolver", "contact_emails", "ADDRESS_FIX"]

ADDRESS_FIX = "add their e-mail address to contacts.csv (email column), on the row of the right person"


def contact_emails(annotations: pd.DataFrame | None, lines: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """person_id -> the addresses contacts.csv gives them (``lines``: person_id -> its contacts.csv line).

    >>> contact_emails(pd.DataFrame({"line": [2], "email": ["a@x.com;b@x.com"]}), {"c:ann": 2})
    {'c:ann': ('a@x.com', 'b@x.com')}
    """
    if annotations is None or "email" not in annotations:
        return {}
    by_line = dict(zip(annotations["line"].tolist(), annotations["email"].tolist()))
    return {pid: tuple(by_line[line].split(";")) for pid, line in lines.items() if by_line.get(line)}


def address_book(people: pd.DataFrame, emails: dict[str, tuple[str, ...]], lines: dict[str, int], display: str,
                  problems: Problems) -> dict[str, str]:
    """address -> person_id: contacts.csv's ``email`` column, then Connections.csv's addresses held by one person."""
    from_connections: dict[str, list[str]] = {}
    for person_id, cell in zip(people.index.tolist(), people["email"].tolist() if "email" in people else []):
        email = normal_email(cell)
        if email:
            from_connections.setdefault(email, []).append(person_id)
    book: dict[str, str] = {}
    given_on: dict[str, int] = {}
    for person_id, addresses in emails.items():
        line = lines.get(person_id)
        for email in addresses:
            holders = from_connections.get(email, [])
            if email in book and book[email] != person_id:
                problems.error(display, f"is also given to {people.at[book[email], 'contact']} on line "
                                        f"{given_on[email]}", line=line, column="email", value=email,
                               code="duplicate-email", fix="an address belongs to one person: keep it on one row")
            elif holders and person_id not in holders:
                problems.error(display, f"is the address of {people.at[holders[0], 'contact']} in "
                                        f"Connections.csv, not of {people.at[person_id, 'contact']}", line=line,
                               column="email", value=email, code="duplicate-email",
                               fix="remove it from this row if it is theirs; an address belongs to one person")
            else:
                book[email], given_on[email] = person_id, line
    for email, holders in from_connections.items():
        if email in book:
            continue
        if len(holders) == 1:
            book[email] = holders[0]
        else:
            shown = " and ".join(str(people.at[p, "contact"]) for p in holders[:3])
            problems.warning("Connections.csv", f"gives one e-mail address to {shown}; it is not used to match "
                                                "calendar and mail", code="shared-email", fix=ADDRESS_FIX)
    return book


class Resolver:
    """person_id per address (or, without one, per name), each decided once over every name it is shown with."""

    def __init__(self, book: dict[str, str], matcher: Matcher, people: pd.DataFrame, problems: Problems):
        self.book, self.matcher, self.people, self.problems = book, matcher, people, problems
        self.names: dict[str, Counter] = {}
        self.where: dict[str, tuple[str, int]] = {}
        self.small: set[str] = set()        # keys seen in a meeting or a mail (not only in large events)
        self.found: dict[str, str | None] = {}
        self.unmatched: dict[str, tuple[str, str]] = {}   # key -> (email, name), small meetings and mail only

    @staticmethod
    def key(email: str, name: str) -> str:
        return email or "name:" + name.lower()

    def collect(self, others: pd.Series, files: pd.Series, lines: pd.Series, small: pd.Series | None = None) -> None:
        flags = small.tolist() if small is not None else [True] * len(others)
        for people, file, line, is_small in zip(others.tolist(), files.tolist(), lines.tolist(), flags):
            for email, name in people:
                key = self.key(email, name)
                counts = self.names.get(key)
                if counts is None:
                    counts = self.names[key] = Counter()
                    self.where[key] = (file, int(line))
                if name:
                    counts[name] += 1
                if is_small:
                    self.small.add(key)

    def collect_pairs(self, emails: pd.Series, names: pd.Series, files: pd.Series, lines: pd.Series) -> None:
        """:meth:`collect` for one person per row (mail's correspondents)."""
        for email, name, file, line in zip(emails.tolist(), names.tolist(), files.tolist(), lines.tolist()):
            key = email or "name:" + name.lower()
            counts = self.names.get(key)
            if counts is None:
                counts = self.names[key] = Counter()
                self.where[key] = (file, int(line))
                self.small.add(key)
            if name:
                counts[name] += 1

    def resolve(self) -> None:
        for key, names in self.names.items():
            person = self.book.get(key)
            if person is None:
                person = self._by_name(key, [name for name, _ in names.most_common()])
            self.found[key] = person
            if person is None and key in self.small:
                self.unmatched[key] = ("" if key.startswith("name:") else key,
                                       names.most_common(1)[0][0] if names else "")

    def person(self, email: str, name: str) -> str | None:
        return self.found.get(self.key(email, name))

    def _by_name(self, key: str, names: list[str]) -> str | None:
        found: list[str] = []
        ambiguous = []
        for name in names:
            match = self.matcher.match(name)
            if match.person_id is None and not match.ambiguous and name.count(",") == 1:
                last, first = (part.strip() for part in name.split(","))
                match = self.matcher.match(f"{first} {last}")  # "Hansen, Søren" (Outlook's order)
            if match.person_id is not None and match.person_id not in found:
                found.append(match.person_id)
            elif match.ambiguous:
                ambiguous.append((name, match.candidates))
        if len(found) == 1:
            return found[0]
        file, line = self.where[key]
        shown = "" if key.startswith("name:") else f" ({key})"
        if len(found) > 1:
            listed = " and ".join(f"{self.people.at[p, 'contact']}" for p in found)
            self.problems.error(file, f"shows one address{shown} under the names of {listed}", line=line,
                                value=", ".join(names), code="ambiguous-address", fix=ADDRESS_FIX)
        elif ambiguous:
            name, candidates = ambiguous[0]
            listed = "; ".join(f"{self.people.at[c, 'contact']} ({self.people.at[c, 'url'] or 'no URL'}, "
                               f"{self.people.at[c, 'company'] or 'no company'})" for c in candidates)
            self.problems.error(file, f"names someone{shown} who matches {len(candidates)} connections: {listed}",
                                line=line, value=name, code="ambiguous-name", fix=ADDRESS_FIX)
        return None
