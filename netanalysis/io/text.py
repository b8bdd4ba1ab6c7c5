"""Text clean-up shared by every reader: display names, match keys, URLs.

A *match key* is what two spellings of one name have in common: case,
accents and transliteration (``Søren`` = ``Soren``, via :mod:`anyascii`),
styled Unicode letters (NFKC), invisible marks (U+200E, U+FE0F, ...), emoji,
punctuation and extra spaces are all ignored.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from anyascii import anyascii

__all__ = ["clean_text", "match_key", "profile_slug", "profile_url", "looks_like_url"]

_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
     0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0xFE0E, 0xFE0F, 0x00AD]
)
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"(?:^|/)in/([^/?#\s]+)", re.IGNORECASE)
_PLAIN_URL = re.compile(r"https://www\.linkedin\.com/in/([A-Za-z0-9_-]+)/?")


class _KeyChars(dict):
    """``str.translate`` table for match keys of non-ASCII names, filled on first
    sight of a character: symbols and control/format characters (Unicode
    categories S*, C*) dropped, the rest transliterated by :func:`anyascii`
    (which works character by character), lower-cased, and anything but
    ``a-z0-9`` turned into a space."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        out = "" if unicodedata.category(char)[0] in ("S", "C") else _NOT_WORD.sub(" ", anyascii(char).lower())
        self[codepoint] = out
        return out


_KEY_CHARS = _KeyChars()
#: The same for ASCII names, where symbols are separators too (``"a+b"`` -> ``"a b"``).
_ASCII_KEY = {code: chr(code).lower() if chr(code).isalnum() else " " for code in range(128)}


def clean_text(value: object) -> str:
    """Strip invisible marks and surrounding/duplicate white space; keep the rest.

    >>> clean_text("  Søren\\u200e  Hansen ")
    'Søren Hansen'
    """
    if type(value) is str:
        text = value
        # The common case, without a regular expression: the only white space a
        # printable text can hold is " " (single spaces need no collapsing), and
        # the only invisible marks are the variation selectors (U+FE0E, U+FE0F).
        if text.isprintable() and "  " not in text and (
                text.isascii() or ("\ufe0f" not in text and "\ufe0e" not in text)):
            return text.strip()
    elif value is None or (isinstance(value, float) and value != value):
        return ""
    else:
        text = str(value)
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def match_key(name: str) -> str:
    """The key two spellings of one name share.

    >>> match_key("Søren  HANSEN")
    'soren hansen'
    >>> match_key("𝐉𝐚𝐧𝐞 Doe 🚀")
    'jane doe'
    """
    if not name:
        return ""
    if name.isascii():
        return " ".join(name.translate(_ASCII_KEY).split())
    text = unicodedata.normalize("NFKC", name.translate(_INVISIBLE))
    return " ".join(text.translate(_KEY_CHARS).split())


@lru_cache(maxsize=200_000)
def profile_slug(url: str) -> str:
    """The percent-decoded, lower-cased profile slug of a LinkedIn URL, or ''.

    Works with or without scheme and ``www``; ``https://www.linkedin.com/in``
    alone (LinkedIn's "unknown") gives ''.

    >>> profile_slug("https://www.linkedin.com/in/s%C3%B8ren-hansen-1a2b3c/")
    'søren-hansen-1a2b3c'
    >>> profile_slug("linkedin.com/in/jane-doe")
    'jane-doe'
    """
    if not url:
        return ""
    plain = _PLAIN_URL.fullmatch(url)  # the usual form, nothing to strip or decode
    if plain:
        return plain.group(1).lower()
    match = _SLUG.search(url.strip())
    if not match:
        return ""
    return unquote(match.group(1)).strip().lower()


def profile_url(url: str) -> str:
    """The URL with its slug percent-decoded, ``https://www.`` form; '' if none.

    >>> profile_url("www.linkedin.com/in/s%C3%B8ren")
    'https://www.linkedin.com/in/søren'
    """
    slug = profile_slug(url)
    return f"https://www.linkedin.com/in/{slug}" if slug else ""


def looks_like_url(value: str) -> bool:
    """True if a ``contact`` cell is a LinkedIn profile URL rather than a name."""
    return "linkedin.com/in/" in value.lower() or value.lower().startswith("/in/")
