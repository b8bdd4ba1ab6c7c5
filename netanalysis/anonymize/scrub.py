"""Known names, profile URLs and e-mail addresses out of free text (``--keep-notes``, warnings).

:class:`Scrubber` works on word tokens, not on one huge regular expression:
a text is split into words (``\\w+``) and every run of words that spells a
known full name (compared without case or punctuation, longest first) is
replaced by that person's pseudonym; then every remaining word that is a
first or last name of four letters or more, written as in the connections,
becomes ``[name]``.  LinkedIn profile URLs become pseudonymous URLs and e-mail
addresses ``[e-mail]``.  Each distinct text is scrubbed once.

Names spelled otherwise (nicknames, typos, a first name of three letters)
are not found: free text is never fully anonymous, read it before handing in.

>>> s = Scrubber({"Søren Hansen": "Person 4F2A"}, {"Søren", "Hansen"}, url=lambda u: "<url>")
>>> s("Met søren  hansen and Hansen's boss; mail soren@example.com, www.linkedin.com/in/soren-h")
"Met Person 4F2A and [name]'s boss; mail [e-mail], <url>"
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["Scrubber", "EMAIL", "PROFILE_URL"]

EMAIL = re.compile(r"[^@\s<>()\[\],;:\"']+@[^@\s<>()\[\],;:\"']+\.[A-Za-z]{2,}")
PROFILE_URL = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[^\s,;<>\"')]*", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000


class Scrubber:
    """Replace known names in free text (see the module docstring).

    Parameters
    ----------
    full : dict
        Full name (any spelling of case and punctuation) -> its pseudonym.
    parts : iterable of str
        First and last names to replace by ``[name]`` when they stand alone
        (case-sensitive; words shorter than four letters are ignored).
    url : callable
        Maps a LinkedIn profile URL found in the text to its replacement.
    """

    def __init__(self, full: dict[str, str], parts: Iterable[str], *, url: Callable[[str], str]):
        self._full: dict[tuple[str, ...], str] = {}
        for name, pseudonym in full.items():
            words = tuple(w.lower() for w in _WORD.findall(name))
            if words and len("".join(words)) >= 3:
                self._full.setdefault(words, pseudonym)
        self._longest = max((len(k) for k in self._full), default=0)
        self._parts = {p for part in parts for p in _WORD.findall(part) if len(p) >= 4 and not p.isdigit()}
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
        words = list(_WORD.finditer(text))
        if not words:
            return text
        out: list[str] = []
        position = 0
        index = 0
        lowered = [w.group(0).lower() for w in words]
        while index < len(words):
            replaced = False
            for size in range(min(self._longest, len(words) - index), 0, -1):
                pseudonym = self._full.get(tuple(lowered[index:index + size]))
                if pseudonym is not None:
                    out.append(text[position:words[index].start()])
                    out.append(pseudonym)
                    position = words[index + size - 1].end()
                    index += size
                    replaced = True
                    break
            if replaced:
                continue
            word = words[index]
            if word.group(0) in self._parts:
                out.append(text[position:word.start()])
                out.append("[name]")
                position = word.end()
            index += 1
        out.append(text[position:])
        return "".join(out)
