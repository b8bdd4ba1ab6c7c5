"""E-mail addresses and display names as calendars and mail write them.

Shared by the calendar and the mail readers: one normal form for an address
(lower case, no ``mailto:``, no angle brackets), display names with RFC 2047
encoded words decoded (``=?utf-8?q?S=C3=B8ren?=`` is ``Søren``), and the
addresses that are never a person: no-reply senders and calendar resources.
"""
from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.header import decode_header, make_header

__all__ = ["normal_email", "decode_words", "clean_name", "is_no_reply", "is_calendar_resource",
           "is_address"]

_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")
_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
                            0x202E, 0x2060, 0xFEFF, 0x00AD])
#: A local part that says nobody reads the mailbox: ``noreply@``, ``no-reply@``,
#: ``do_not_reply@``, ``notifications@``, ``mailer-daemon@``, ``bounces+x@`` ...,
#: also as one word of a longer local part (``drive-shares-noreply@``).
_NO_REPLY = re.compile(r"(?:^|[-_.+])(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon|postmaster"
                       r"|bounces?)(?:$|[-_.+])")
#: Google's calendar addresses that are rooms, shared calendars or imports, never people.
_CALENDAR_DOMAINS = ("calendar.google.com",)


def normal_email(value: object) -> str:
    """The address in one form: stripped, lower-cased, without ``mailto:`` and ``<>``; '' if not an address.

    Examples
    --------
    >>> normal_email("MAILTO:Soren.Hansen@Example.COM")
    'soren.hansen@example.com'
    >>> normal_email(" <kim@example.com> "), normal_email("invalid:nomail"), normal_email("")
    ('kim@example.com', '', '')
    """
    if not isinstance(value, str) or not value:
        return ""
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    text = text.strip("<>").strip().lower()
    return text if _ADDRESS.fullmatch(text) else ""


def is_address(value: str) -> bool:
    """True for a plausible e-mail address (after :func:`normal_email`).

    >>> is_address("kim@example.com"), is_address("Calendar")
    (True, False)
    """
    return bool(normal_email(value))


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words (``=?charset?q|b?...?=``); other text is kept.

    An unknown charset or a broken encoded word is kept as written.

    Examples
    --------
    >>> decode_words("=?utf-8?q?S=C3=B8ren?= Hansen")
    'Søren Hansen'
    >>> decode_words("=?ISO-8859-1?B?SvhyZ2Vu?=")
    'Jørgen'
    >>> decode_words("plain")
    'plain'
    """
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (HeaderParseError, LookupError, UnicodeError, ValueError, AssertionError):
        return text


def clean_name(value: object) -> str:
    """A display name as people read it: encoded words decoded, surrounding quotes and
    white space, invisible marks and doubled spaces removed; '' for an address.

    Examples
    --------
    >>> clean_name('"=?utf-8?q?S=C3=B8ren?= Hansen" ')
    'Søren Hansen'
    >>> clean_name("'Jane  Doe'"), clean_name("jane@example.com")
    ('Jane Doe', '')
    """
    if not isinstance(value, str) or not value:
        return ""
    text = decode_words(value.strip())
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    text = _SPACES.sub(" ", text).strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    if "@" in text and normal_email(text):
        return ""
    return text


def is_no_reply(email: str) -> bool:
    """True for an address nobody reads: ``noreply@``, ``no-reply@``, ``donotreply@``,
    ``notifications@``, ``mailer-daemon@``, ``bounces@`` (also inside a longer local part).

    Examples
    --------
    >>> [is_no_reply(a) for a in ["noreply@x.com", "drive-shares-noreply@google.com",
    ...                           "Do_Not_Reply@bank.dk", "nora.reply@x.com", "soren@x.com"]]
    [True, True, True, False, False]
    """
    local = email.partition("@")[0].lower().replace("_", "-")
    return bool(_NO_REPLY.search(local))


def is_calendar_resource(email: str) -> bool:
    """True for Google's room, shared-calendar and import addresses
    (``...@resource.calendar.google.com``, ``...@group.calendar.google.com``).

    >>> is_calendar_resource("c_188@resource.calendar.google.com"), is_calendar_resource("a@b.com")
    (True, False)
    """
    domain = email.rpartition("@")[2]
    return any(domain == d or domain.endswith("." + d) for d in _CALENDAR_DOMAINS)
