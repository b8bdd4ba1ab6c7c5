"""Names, profile URLs, e-mail addresses, phone numbers and links out of any text the anonymiser keeps.

:class:`Scrubber` works on word tokens, not on one huge regular expression:
a text is split into words (``\\w+``), each compared by its match key
(:func:`netanalysis.io.text.match_key`: case, accents and styled letters
ignored, so ``SØREN`` is ``soren``).  Every run of words that spells a known
full name (longest first) becomes that person's pseudonym; then every
remaining word that is a first or last name of three letters or more of
anyone in the inputs becomes ``[name]`` (the words of the fixed vocabularies,
``coffee`` or ``family``, excepted).  Patterns go wherever they are, known
person or not: LinkedIn profile URLs become pseudonymous URLs, other links
``[link]``, e-mail addresses ``[e-mail]`` and phone numbers ``[phone]``.  Each
distinct text is scrubbed once, and the same text always gives the same
result (so two contacts who offer the same thing still do).

Names spelled otherwise (nicknames, typos, a name of one or two letters)
are not found: free text is never fully anonymous, read it before handing in.

>>> s = Scrubber({"Søren Hansen": "Person 4F2A"}, {"Søren", "Hansen"}, url=lambda u: "<url>")
>>> s("Met SOREN  hansen and Hansen's boss; mail soren@example.com, +45 12 34 56 78, www.linkedin.com/in/soren-h")
"Met Person 4F2A and [name]'s boss; mail [e-mail], [phone], <url>"
>>> s("see https://example.com/x (or www.example.com). On 2026-03-14")
'see [link] (or [link]). On 2026-03-14'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..io.text import match_key
from ..vocab import CHANNELS, CIRCLES, DIRECTIONS, KINDS, PURPOSES, STATUSES

__all__ = ["Scrubber", "EMAIL", "PROFILE_URL", "LINK", "PHONE", "KEPT_WORDS"]

EMAIL = re.compile(r"[^@\s<>()\[\],;:\"']+@[^@\s<>()\[\],;:\"']+\.[A-Za-z]{2,}")
PROFILE_URL = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[^\s,;<>\"')]*", re.IGNORECASE)
LINK = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)
#: Seven digits or more, with spaces, dots, dashes, slashes or brackets between them, maybe after + or 00.
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d(?:[ .()/-]{0,2}\d){6,}(?![\w])")
#: Dates, times and year ranges, which are no phone numbers (``2026-03-14 10:15``, ``14.03.2026``, ``2019-2021``).
_DATE = re.compile(r"(?<!\d)(?:(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                   r"|(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})|(?:19|20)\d\d ?[-–/] ?(?:19|20)\d\d)(?!\d)")
_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000
_MIN_PART = 3
#: Words never taken for a name part: the vocabularies the review reads, and the anonymiser's own words.
KEPT_WORDS = frozenset(match_key(w) for w in (
    *KINDS, *DIRECTIONS, *CHANNELS, *PURPOSES, *STATUSES, *CIRCLES, "former", "colleague", "down", "wind",
    "person", "company", "member", "name", "link", "phone", "mail", "leadership", "manager", "professional",
    "student", "linkedin"))


def _link(match: re.Match) -> str:
    """``[link]`` for a link (a pseudonymous profile URL stays), keeping the punctuation after it."""
    link = match.group(0)
    if link.startswith("https://www.linkedin.com/in/"):
        return link
    tail = len(link) - len(link.rstrip(".,;:!?)]}"))
    return "[link]" + (link[-tail:] if tail else "")


def _phones(text: str) -> str:
    """Phone numbers as ``[phone]``; dates and year ranges stay.

    >>> _phones("call 555-123-4567 or +45 12 34 56 78 after 2026-03-14 10:15, 14.03.2026 or 2019-2021")
    'call [phone] or [phone] after 2026-03-14 10:15, 14.03.2026 or 2019-2021'
    """
    if not any(c.isdigit() for c in text):
        return text
    dates = [m.span() for m in _DATE.finditer(text) if _real_date(m)]

    def replace(match: re.Match) -> str:
        start, end = match.span()
        if any(a <= start < b or a < end <= b or (start <= a and b <= end) for a, b in dates):
            return match.group(0)
        return "[phone]"

    return PHONE.sub(replace, text)


def _real_date(match: re.Match) -> bool:
    year, month, day, first, second, _ = match.groups()
    if year is not None:
        return 1 <= int(month) <= 12 and 1 <= int(day) <= 31
    if first is not None:
        a, b = int(first), int(second)
        return 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12
    return True


class Scrubber:
    """Replace known names and identifying patterns in text (see the module docstring).

    Parameters
    ----------
    full : dict
        Full name (any spelling) -> its pseudonym.
    parts : iterable of str
        Names whose words (three letters or more) become ``[name]`` where
        they stand alone, whatever their case and accents.
    url : callable
        Maps a LinkedIn profile URL found in the text to its replacement.
    """

    def __init__(self, full: dict[str, str], parts: Iterable[str], *, url: Callable[[str], str]):
        self._full: dict[tuple[str, ...], str] = {}
        for name, pseudonym in full.items():
            words = tuple(_keys(name))
            if words and len("".join(words)) >= 3:
                self._full.setdefault(words, pseudonym)
        self._longest = max((len(k) for k in self._full), default=0)
        self._parts = {key for part in parts for token in _WORD.findall(part or "")
                       if len((key := match_key(token)).replace(" ", "")) >= _MIN_PART and not key.isdigit()
                       and key not in KEPT_WORDS}
        self._url = url
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not text:
            return text
        done = self._cache.get(text)
        if done is None:
            done = self._scrub(text)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[text] = done
        return done

    def _scrub(self, text: str) -> str:
        text = PROFILE_URL.sub(lambda m: self._url(m.group(0)), text)
        text = EMAIL.sub("[e-mail]", text)
        text = LINK.sub(_link, text)
        text = _phones(text)
        words = [w for w in _WORD.finditer(text)]
        if not words:
            return text
        keys = [match_key(w.group(0)) for w in words]
        out: list[str] = []
        position = index = 0
        while index < len(words):
            size = self._full_name_at(keys, index)
            if size:
                out += [text[position:words[index].start()], self._full[_joined(keys[index:index + size])]]
                position = words[index + size - 1].end()
                index += size
                continue
            word = words[index]
            if keys[index] in self._parts and not _inside_pseudonym(text, word):
                out += [text[position:word.start()], "[name]"]
                position = word.end()
            index += 1
        out.append(text[position:])
        return "".join(out)

    def _full_name_at(self, keys: list[str], index: int) -> int:
        """How many words from ``index`` spell a known full name (0: none), longest first."""
        for size in range(min(self._longest, len(keys) - index), 0, -1):
            if _joined(keys[index:index + size]) in self._full:
                return size
        return 0


def _keys(name: str) -> list[str]:
    """The words of a name's match key (``"王小明"`` has three: it is transliterated)."""
    return match_key(name).split()


def _joined(keys: list[str]) -> tuple[str, ...]:
    return tuple(word for key in keys for word in key.split())


def _inside_pseudonym(text: str, word: re.Match) -> bool:
    """True for the code of a pseudonym already written (``Person 4F2A``, ``member-1b2c``, ``[name]``)."""
    before = text[max(0, word.start() - 8):word.start()]
    return before.endswith(("Person ", "person ", "PERSON ", "Company ", "member-", "person-", "["))
