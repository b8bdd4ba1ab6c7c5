"""Stable, keyed pseudonyms for people, profile URLs, companies and conversations.

Every pseudonym is cut from ``HMAC-SHA256(salt, kind, text)``: the same salt
gives the same pseudonyms on every run, a new (random) salt gives unrelated
ones, so two hand-ins cannot be joined unless they share a salt.

People
    A name's pseudonym is derived from its *match key*
    (:func:`netanalysis.io.text.match_key`), so every spelling that matched one
    person before (``Søren Hansen`` / ``Soren Hansen``) gets one pseudonym,
    ``Person 4F2A`` (first name ``Person``, last name ``4F2A``).  The mapping
    is injective on keys (collisions are resolved deterministically, in the
    order of the keys' HMACs), so two people never merge.  People who share a
    key stay ambiguous; when their display names differ (``Ann Lee`` and
    ``ANN LEE``) each display gets its own spelling of the one pseudonym
    (``Person 4F2A``, ``person 4F2A``), so a cell that picked one of them by
    its exact spelling still picks the same person.  A name with no letters
    or digits (``🚀``, an empty match key) gets a run of geometric symbols
    (``◆○▲♣``), which has no match key either, so it still matches nobody.
Profile URLs
    The decoded slug maps to ``person-4f2a-1b2c3d`` (a connection's slug,
    with that person's code) or ``member-1b2c3d4e5f`` (any other slug); the
    mapping is injective.
Companies (the default; not with ``--keep-companies``)
    ``Company 1A2B`` from the lower-cased, space-normalised company name, so
    people of one employer stay together.  Positions become a coarse level.

Examples
--------
>>> p = Pseudonymiser("class-2026", names=["Søren Hansen", "Soren Hansen", "Ann Lee"])
>>> p.name("Søren Hansen") == p.name("soren hansen"), p.name("Søren Hansen") == p.name("Ann Lee")
(True, False)
>>> p.name("Ann Lee").split()[0], len(p.name("Ann Lee").split()[1])
('Person', 4)
>>> Pseudonymiser("class-2026", names=["Ann Lee"]).name("Ann Lee") == p.name("Ann Lee")
True
>>> p.url("https://www.linkedin.com/in/s%C3%B8ren-hansen").startswith("https://www.linkedin.com/in/member-")
True
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable

import pandas as pd

from ..io.text import clean_text, looks_like_url, match_key, profile_slug
from ..model.matching import Matcher

__all__ = ["Pseudonymiser", "new_salt", "coarse_position", "FIRST_NAME", "HIDDEN_SENDER"]

#: The first name of every pseudonym (the last name is the code).
FIRST_NAME = "Person"
#: LinkedIn's sender name for sponsored messages and hidden members: kept as is (not a person).
HIDDEN_SENDER = "LinkedIn Member"
_FIRST_FORMS = ("Person", "person", "PERSON")
_SYMBOLS = "◆◇○●□■△▲▽▼☆★♠♣♥♦"  # all Unicode category So: match_key() drops them
_PROFILE = "https://www.linkedin.com/in/"
_LEVELS = (
    ("Leadership", r"\b(ceo|cto|cfo|coo|cio|cmo|cpo|chief|founder|co-founder|cofounder|owner|partner|president|"
                   r"vp|vice president|director|direktør|board|chair|chairman|chairwoman|managing)\b"),
    ("Manager", r"\b(manager|head|lead|leader|leder|chef|supervisor|principal|team lead)\b"),
    ("Student", r"\b(student|intern|trainee|graduate|apprentice|studerende|praktikant)\b"),
)


def new_salt() -> str:
    """A fresh random salt (128 bits, hex)."""
    return secrets.token_hex(16)


def coarse_position(position: str) -> str:
    """A position reduced to a coarse level: Leadership, Manager, Student, Professional or ''.

    >>> [coarse_position(p) for p in ["Chief Data Officer", "Team Lead, Payments", "PhD student", "Nurse", ""]]
    ['Leadership', 'Manager', 'Student', 'Professional', '']
    """
    text = clean_text(position).lower()
    if not text:
        return ""
    for level, pattern in _LEVELS:
        if re.search(pattern, text):
            return level
    return "Professional"


class Pseudonymiser:
    """Pseudonyms for one hand-in: build it over every name, slug and company, then look up.

    Parameters
    ----------
    salt : str or None
        The HMAC key; ``None`` draws a random one (:func:`new_salt`).
    people : DataFrame, optional
        The loaded people (``Network.people``): their display names decide
        which spellings of a shared key stay distinct, and name and URL cells
        are resolved to them like the loader does.
    names, slugs, companies, conversations : iterable of str
        Every other name, profile slug, company and conversation id that
        will be looked up (collisions are resolved over the whole set; a value
        not given here still gets a pseudonym, resolved against those given).
    name_parts : iterable of str
        More names whose words :meth:`scrub` replaces on their own (the
        owner's, the archive's counterparts'), besides the people's first and
        last names.
    """

    def __init__(self, salt: str | None = None, *, people: pd.DataFrame | None = None,
                 names: Iterable[str] = (), slugs: Iterable[str] = (), companies: Iterable[str] = (),
                 conversations: Iterable[str] = (), name_parts: Iterable[str] = ()):
        self.salt = new_salt() if salt is None else str(salt)
        self._secret = self.salt.encode("utf-8")
        people = people if people is not None else pd.DataFrame({"contact": pd.Series(dtype=object),
                                                                 "slug": pd.Series(dtype=object)})
        self.people = people
        self._matcher = Matcher(people)
        names = [clean_text(n) for n in names]
        self._name_parts = [clean_text(n) for n in name_parts]
        self._seen_names = [n for n in names if n and not looks_like_url(n)]
        contacts = [clean_text(c) for c in people["contact"]]
        keys = {match_key(n) for n in [*names, *contacts]} - {""}
        self._width = _width(len(keys), 4)
        self._codes, self._used_codes = self._assign("name", keys, self._code_candidate)
        keyless = {n for n in [*names, *contacts] if n and not match_key(n)}
        self._symbols, self._used_symbols = self._assign("symbols", keyless, self._symbol_candidate)
        self._person_display = self._displays(people)
        person_slugs = {}
        for person_id, slug in zip(people.index, people.get("slug", pd.Series("", index=people.index))):
            display = self._person_display.get(person_id)
            if slug and display and " " in display:
                person_slugs.setdefault(slug, display.split(" ", 1)[1].rstrip(".").lower())
        self._person_slugs = person_slugs
        all_slugs = {s for s in [*people.get("slug", []), *slugs] if s}
        self._slugs, self._used_slugs = self._assign("slug", all_slugs, self._slug_candidate)
        company_keys = {_company_key(c) for c in companies} - {""}
        self._company_width = _width(len(company_keys), 4)
        self._companies, self._used_companies = self._assign("company", company_keys, self._company_candidate)
        self._conversations, self._used_conversations = self._assign(
            "conversation", {str(c) for c in conversations if c}, self._conversation_candidate)
        self._scrubber: Callable[[str], str] | None = None

    # -- HMAC and collision-free assignment --------------------------------------------------

    def digest(self, kind: str, text: str, attempt: int = 0) -> str:
        """``HMAC-SHA256(salt, kind NUL attempt NUL text)`` in hex."""
        message = f"{kind}\x00{attempt}\x00{text}".encode("utf-8")
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def _assign(self, kind: str, items: Iterable[str], candidate) -> tuple[dict[str, str], set[str]]:
        """Injective ``item -> pseudonym``: items in the order of their HMAC, each taking its first free candidate."""
        table: dict[str, str] = {}
        used: set[str] = set()
        for item in sorted(set(items), key=lambda i: self.digest(kind, i)):
            table[item] = self._free(kind, item, candidate, used)
        return table, used

    def _free(self, kind, item, candidate, used) -> str:
        attempt = 0
        while True:
            value = candidate(item, attempt)
            normal = match_key(value) or value
            if normal not in used:
                used.add(normal)
                return value
            attempt += 1

    def _code_candidate(self, key: str, attempt: int) -> str:
        return self.digest("name", key, attempt)[: self._width].upper()

    def _symbol_candidate(self, text: str, attempt: int) -> str:
        value = int(self.digest("symbols", text, attempt)[:8], 16)
        length = 4 + attempt // 64  # longer runs only if the short ones are (nearly) all taken
        out = []
        for _ in range(length):
            out.append(_SYMBOLS[value % len(_SYMBOLS)])
            value //= len(_SYMBOLS)
            if value == 0:
                value = int(self.digest("symbols", text + "".join(out), attempt)[:8], 16)
        return "".join(out)

    def _slug_candidate(self, slug: str, attempt: int) -> str:
        code = self._person_slugs.get(slug)
        if code:
            return f"person-{code}-{self.digest('slug', slug, attempt)[:6]}"
        return f"member-{self.digest('slug', slug, attempt)[:10]}"

    def _company_candidate(self, key: str, attempt: int) -> str:
        return f"Company {self.digest('company', key, attempt)[: self._company_width].upper()}"

    def _conversation_candidate(self, value: str, attempt: int) -> str:
        return "2-" + self.digest("conversation", value, attempt)[:24]

    # -- people ----------------------------------------------------------------------------------

    def _code(self, key: str) -> str:
        code = self._codes.get(key)
        if code is None:  # a name nobody listed: give it the next free code
            code = self._codes[key] = self._free("name", key, self._code_candidate, self._used_codes)
        return code

    def _keyless(self, text: str) -> str:
        symbols = self._symbols.get(text)
        if symbols is None:
            symbols = self._symbols[text] = self._free("symbols", text, self._symbol_candidate,
                                                       self._used_symbols)
        return symbols

    def _form(self, key: str, index: int) -> str:
        """The ``index``-th spelling of the pseudonym of ``key`` (all share one match key)."""
        first = _FIRST_FORMS[index % len(_FIRST_FORMS)]
        return f"{first} {self._code(key)}{'.' * (index // len(_FIRST_FORMS))}"

    def _displays(self, people: pd.DataFrame) -> dict[str, str]:
        """Each person's pseudonymous display name (see module docstring)."""
        contacts = [clean_text(c) for c in people["contact"]]
        urls = people["url"] if "url" in people else pd.Series("", index=people.index)
        on_linkedin = people["on_linkedin"] if "on_linkedin" in people else pd.Series(True, index=people.index)
        self._spellings: dict[str, dict[str, int]] = {}
        from_url = [(not on) and bool(url) for on, url in zip(on_linkedin, urls)]
        for contact, by_url in zip(contacts, from_url):
            key = match_key(contact)
            if key and not by_url:
                self._spellings.setdefault(key, {})[contact] = 0
        for key, spellings in self._spellings.items():
            ordered = sorted(spellings, key=lambda s: self.digest("spelling", s))
            self._spellings[key] = {s: i for i, s in enumerate(ordered)}
        out: dict[str, str | None] = {}
        self._pending_slugs: dict[str, str] = {}
        slugs = people["slug"] if "slug" in people else pd.Series("", index=people.index)
        for person_id, contact, by_url, slug in zip(people.index, contacts, from_url, slugs):
            if by_url:  # a person off LinkedIn known only by a profile URL is named by the slug
                out[person_id] = None  # filled in by person() once the slugs are assigned
                self._pending_slugs[person_id] = slug
            else:
                out[person_id] = self._spelled(contact)
        return out

    def _spelled(self, text: str) -> str:
        """The pseudonym of a name, in the spelling that keeps exact-display picks apart."""
        key = match_key(text)
        if not key:
            return self._keyless(text)
        spellings = self._spellings.get(key, {})
        if len(spellings) <= 1:
            return self._form(key, 0)
        index = spellings.get(text)
        return self._form(key, len(spellings) if index is None else index)

    def person(self, person_id: str) -> str:
        """The pseudonymous display name of one person of ``people``."""
        display = self._person_display[person_id]
        if display is None:
            display = self._person_display[person_id] = self.slug(self._pending_slugs[person_id])
        return display

    def split(self, display: str) -> tuple[str, str]:
        """A pseudonymous display name as (first name, last name).

        >>> Pseudonymiser("s").split("Person 4F2A")
        ('Person', '4F2A')
        """
        first, _, last = display.partition(" ")
        return first, last

    def name(self, cell: str) -> str:
        """The pseudonym of a name cell: the matched person's, else one from the cell's match key.

        ``LinkedIn Member`` (LinkedIn's placeholder, not a person) and '' stay as they are.
        """
        cell = clean_text(cell)
        if not cell or match_key(cell) == match_key(HIDDEN_SENDER):
            return cell
        found = self._matcher.match(cell) if len(self.people) else None
        if found is not None and found.person_id is not None and found.by == "name":
            return self.person(found.person_id)
        key = match_key(cell)
        if found is not None and found.ambiguous:
            spellings = self._spellings.get(key, {})
            # Still ambiguous: the group's pseudonym in a spelling no member has.
            return self._form(key, len(spellings)) if key else self._keyless(cell)
        return self._form(key, 0) if key else self._keyless(cell)

    # -- URLs ------------------------------------------------------------------------------------

    def slug(self, slug: str) -> str:
        """The pseudonymous slug of a decoded, lower-cased profile slug ('' stays '')."""
        if not slug:
            return ""
        value = self._slugs.get(slug)
        if value is None:
            value = self._slugs[slug] = self._free("slug", slug, self._slug_candidate, self._used_slugs)
        return value

    def url(self, cell: str, *, scheme: bool = True) -> str:
        """The pseudonymous profile URL of a URL cell ('' stays '').

        ``scheme=False`` gives ``www.linkedin.com/in/...`` (as the endorsement files write it).
        A URL with no slug (LinkedIn's "unknown") keeps pointing nowhere.
        """
        cell = clean_text(cell)
        if not cell:
            return ""
        slug = profile_slug(cell)
        if not slug:
            url = f"{_PROFILE}?ref={self.digest('noslug', cell)[:8]}"
        else:
            url = _PROFILE + self.slug(slug)
        return url if scheme else url.removeprefix("https://")

    def cell(self, cell: str) -> str:
        """A ``contact`` / ``with`` / ``knows`` cell: a URL becomes the pseudonymous URL, a name its pseudonym."""
        cell = clean_text(cell)
        return self.url(cell) if looks_like_url(cell) else self.name(cell)

    def cells(self, text: str) -> str:
        """A ``;``-separated list of cells, each through :meth:`cell`."""
        if not text:
            return ""
        return ";".join(self.cell(item) for item in text.split(";") if item.strip())

    # -- companies, positions, conversations -----------------------------------------------------

    def company(self, company: str) -> str:
        """``Company 1A2B`` for a company name ('' stays '')."""
        key = _company_key(company)
        if not key:
            return ""
        value = self._companies.get(key)
        if value is None:
            value = self._companies[key] = self._free("company", key, self._company_candidate,
                                                      self._used_companies)
        return value

    def conversation(self, value: str) -> str:
        """A pseudonymous conversation id (LinkedIn's look: ``2-`` and hex)."""
        if not value:
            return ""
        out = self._conversations.get(value)
        if out is None:
            out = self._conversations[value] = self._free("conversation", value, self._conversation_candidate,
                                                          self._used_conversations)
        return out

    # -- free text -------------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        """Text with known names replaced by their pseudonyms, profile URLs by pseudonymous
        ones, and e-mail addresses, other links and phone numbers removed.

        Full names (any case, any accents) become the person's pseudonym; the words of
        anyone's names, three letters or more, become ``[name]``
        (:class:`~netanalysis.anonymize.scrub.Scrubber`).  Names spelled otherwise are not
        found: free text is never fully anonymous.
        """
        if not text:
            return text
        if self._scrubber is None:
            self._scrubber = self._build_scrubber()
        return self._scrubber(text)

    def _build_scrubber(self) -> Callable[[str], str]:
        from .scrub import Scrubber

        whole = {name: self.name(name) for name in self._seen_names}
        whole.update({clean_text(c): self.person(p) for p, c in zip(self.people.index, self.people["contact"])})
        whole.pop("", None)
        parts = [value for column in ("first_name", "last_name") if column in self.people
                 for value in self.people[column]] + self._name_parts + list(whole)
        scrubber = Scrubber(whole, parts, url=self.url)

        def scrub(text: str) -> str:
            cell = clean_text(text)
            if cell in whole:  # a whole cell (a warning's value): its pseudonym
                return whole[cell]
            return scrubber(text)

        return scrub


def _company_key(company: str) -> str:
    return " ".join(clean_text(company).lower().split())


def _width(count: int, minimum: int) -> int:
    """Hex digits for ``count`` codes: the space stays at least three times larger than the set."""
    width = minimum
    while 16 ** width < 3 * count:
        width += 1
    return width
