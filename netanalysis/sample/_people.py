"""The connections: names, profile URLs, employers and dates, and ``Connections.csv``.

Everything is drawn from one :class:`numpy.random.Generator`, vectorised where
the row count can reach tens of thousands.  Dates are kept as *days before
``as_of``* (``connected_ago``) until written.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

import numpy as np
from anyascii import anyascii

from ..io.linkedin.formats import CONNECTIONS_HEADER, CONNECTIONS_PREAMBLE, PROFILE_PREFIX, linkedin_day
from ..io.write import to_csv_text
from ..io.text import clean_text, match_key
from ._names import (
    COMPANIES,
    COMPOUND_GROUPS,
    DEGREES,
    EMAIL_DOMAINS,
    EMOJI,
    NAME_GROUPS,
    POSITIONS,
    SCRIPT_NAMES,
)
from ._personas import Owner, Persona

__all__ = ["People", "make_people", "connections_csv", "write_csv", "slugify", "day_strings", "owner_url"]

_BOLD = {c: chr(0x1D400 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_BOLD.update({c: chr(0x1D41A + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")})


@dataclass
class People:
    """The connections, one entry per ``Connections.csv`` row (hidden ones included)."""

    first: list[str]
    last: list[str]
    url: list[str]
    email: list[str]
    company: list[str]
    position: list[str]
    connected_ago: np.ndarray  # int days before as_of
    hidden: np.ndarray         # bool: the all-empty "hidden member" rows
    latin: np.ndarray          # bool: accented Latin name (may be logged without accents)
    display: list[str]         # "First Last" as LinkedIn shows it ('' if hidden)
    key: list[str]             # match key of display

    def __len__(self) -> int:
        return len(self.first)

    def slug(self, i: int) -> str:
        return self.url[i][len(PROFILE_PREFIX):]


def slugify(text: str, ascii_only: bool) -> str:
    """A LinkedIn-style slug: letters and digits of any script, joined by ``-``."""
    text = unicodedata.normalize("NFKC", text.split(",")[0].replace('"', " "))
    if ascii_only:
        text = anyascii(text)
    kept = "".join(ch if ch.isalnum() else " " for ch in text.lower())
    return "-".join(kept.split())


def make_people(rng: np.random.Generator, persona: Persona, n: int) -> People:
    """Draw ``n`` connections for ``persona`` (dates may be revised by the log)."""
    owner = persona.owner
    weights = np.array([g[0] for g in NAME_GROUPS])
    group = rng.choice(len(NAME_GROUPS), size=n, p=weights / weights.sum())
    firsts_n = np.array([len(g[1]) for g in NAME_GROUPS])[group]
    lasts_n = np.array([len(g[2]) for g in NAME_GROUPS])[group]
    fi = (rng.random(n) * firsts_n).astype(int)
    li = (rng.random(n) * lasts_n).astype(int)
    first = [NAME_GROUPS[g][1][f] for g, f in zip(group.tolist(), fi.tolist())]
    last = [NAME_GROUPS[g][2][x] for g, x in zip(group.tolist(), li.tolist())]
    # Two-part surnames ("Kjær Andersen", "García López") for about 30% of Danes and Spaniards.
    mid = (rng.random(n) * lasts_n).astype(int)
    for i in np.flatnonzero(rng.random(n) < 0.3).tolist():
        if group[i] not in COMPOUND_GROUPS:
            continue
        extra = NAME_GROUPS[group[i]][2][mid[i]]
        if extra != last[i] and " " not in extra + last[i]:
            last[i] = f"{extra} {last[i]}"
    _fewer_namesakes(rng, group, first, last)
    latin = np.array([not (f + l).isascii() for f, l in zip(first, last)], dtype=bool)

    # The oddities of real exports, a few of each (at least one when n >= 40).
    odd = rng.random((8, n))
    hidden = odd[0] < 0.01
    special = {k: np.flatnonzero(odd[k] < p) for k, p in
               ((1, 0.003), (2, 0.006), (3, 0.004), (4, 0.01), (5, 0.002), (6, 0.003), (7, 0.002))}
    if n >= 40:
        forced = rng.choice(n, size=6, replace=False)
        hidden[forced[0]] = True
        for k, i in zip((1, 2, 3, 4, 1), forced[1:]):
            special[k] = np.append(special[k], i)
    picks = rng.integers(0, 1 << 30, size=n)
    for i in special[1].tolist():          # own script (CJK, Arabic, Cyrillic, Greek)
        first[i], last[i] = SCRIPT_NAMES[(picks[i] + i) % len(SCRIPT_NAMES)]
        latin[i] = False
    for i in special[2].tolist():          # "Hansen, PhD"
        last[i] += DEGREES[picks[i] % len(DEGREES)]
    for i in special[3].tolist():          # emoji
        last[i] += " " + EMOJI[picks[i] % len(EMOJI)]
    for i in special[4].tolist():          # trailing space
        first[i] += " "
    for i in special[5].tolist():          # invisible left-to-right mark
        last[i] += "\u200e"
    for i in special[6].tolist():          # typed in lower case
        first[i], last[i] = first[i].lower(), last[i].lower()
    for i in special[7].tolist():          # styled letters or a quoted nickname
        if picks[i] % 2:
            first[i] = "".join(_BOLD.get(c, c) for c in first[i])
        else:
            first[i] = f'{first[i]} "{first[i][:2].upper()}"'

    # Unique slugs: the name plus a unique 8-hex-digit suffix.
    suffix = rng.choice(1 << 32, size=n, replace=False)
    ascii_slug = rng.random(n) < 0.5
    url = [PROFILE_PREFIX + quote(f"{slugify(f + ' ' + l, bool(a)) or 'member'}-{s:08x}", safe="-")
           for f, l, a, s in zip(first, last, ascii_slug.tolist(), suffix.tolist())]

    # E-mail: mostly empty, sometimes a member URN, rarely an address.
    u = rng.random(n)
    digits = rng.integers(10_000_000, 999_999_999, size=n)
    email = ["" for _ in range(n)]
    for i in np.flatnonzero(u < 0.03).tolist():
        if u[i] < 0.012:
            email[i] = f"urn:li:member:{digits[i]}"
        else:
            local = slugify(first[i] + " " + last[i], True).replace("-", ".") or "member"
            email[i] = f"{local}@{EMAIL_DOMAINS[digits[i] % len(EMAIL_DOMAINS)]}"

    # Employer and position.
    zipf = 1.0 / np.arange(1, len(COMPANIES) + 1) ** 0.6
    ci = rng.choice(len(COMPANIES), size=n, p=zipf / zipf.sum())
    at = rng.random(n)
    pi = rng.integers(0, 1 << 20, size=n)
    company, position = [], []
    for i in range(n):
        name, kind = COMPANIES[ci[i]]
        if at[i] < persona.employer_share:
            name, kind = owner.employer, "firm"
        elif at[i] < persona.employer_share + 0.04:
            name, kind = owner.former_employer, "firm"
        titles = POSITIONS[kind]
        company.append(name if at[i] < 0.985 else "")          # some leave them empty
        position.append(titles[pi[i] % len(titles)] if not 0.975 <= at[i] < 0.985 else "")

    connected_ago = connection_days(rng, persona, n)
    display = [clean_text(f"{f} {l}") for f, l in zip(first, last)]
    for i in np.flatnonzero(hidden).tolist():
        first[i] = last[i] = url[i] = email[i] = company[i] = position[i] = display[i] = ""
        latin[i] = False
    key = [match_key(d) for d in display]
    return People(first, last, url, email, company, position, connected_ago, hidden, latin, display, key)


def _fewer_namesakes(rng: np.random.Generator, group: np.ndarray, first: list[str], last: list[str]) -> None:
    """Redraw most repeated names (a real network has few namesakes; at scale some stay)."""
    seen: set[tuple[str, str]] = set()
    redraw = (rng.random(len(first)) < 0.95).tolist()
    draws = rng.integers(0, 1 << 30, (len(first), 6, 3)).tolist()
    for i, g in enumerate(group.tolist()):
        firsts, lasts = NAME_GROUPS[g][1], NAME_GROUPS[g][2]
        for a, b, c in draws[i] if redraw[i] else ():
            if (first[i], last[i]) not in seen:
                break
            first[i] = firsts[a % len(firsts)]
            last[i] = lasts[b % len(lasts)]
            if g in COMPOUND_GROUPS and lasts[c % len(lasts)] != last[i] and c % 4 < 3:
                last[i] = f"{lasts[c % len(lasts)]} {last[i]}"
        seen.add((first[i], last[i]))


def connection_days(rng: np.random.Generator, persona: Persona, n: int) -> np.ndarray:
    """Days before ``as_of`` each connection was made: recent ones, then a growing history."""
    span = int(persona.connection_years * 365)
    recent = rng.random(n) < persona.recent_connections
    older = 60 + (span - 60) * rng.random(n) ** persona.growth
    return np.where(recent, rng.integers(0, 60, size=n), older).astype(np.int64)


def owner_url(owner: Owner) -> str:
    """The owner's own profile URL."""
    return PROFILE_PREFIX + quote(slugify(owner.name, True), safe="-")


def write_csv(rows, header, final_newline: bool = False) -> str:
    """Rows -> CSV text (LF, QUOTE_MINIMAL), LinkedIn style without a final newline."""
    return to_csv_text(rows, header, final_newline=final_newline)


def day_strings(days_ago: np.ndarray, as_of: date, fmt=linkedin_day) -> list[str]:
    """``fmt(as_of - days_ago)`` for each entry, one call per distinct day."""
    cache: dict[int, str] = {}
    out = []
    for d in days_ago.tolist():
        text = cache.get(d)
        if text is None:
            text = cache[d] = fmt(as_of - timedelta(days=d))
        out.append(text)
    return out


def connections_csv(people: People, as_of: date) -> str:
    """``Connections.csv`` in the 2023+ layout, newest connection first."""
    order = np.argsort(people.connected_ago, kind="stable")
    dates = day_strings(people.connected_ago[order], as_of)
    o = order.tolist()
    rows = zip([people.first[i] for i in o], [people.last[i] for i in o], [people.url[i] for i in o],
               [people.email[i] for i in o], [people.company[i] for i in o],
               [people.position[i] for i in o], dates)
    return CONNECTIONS_PREAMBLE + write_csv(rows, CONNECTIONS_HEADER)
