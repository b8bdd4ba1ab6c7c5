"""One message's headers: who wrote to whom, when, and whether it is bulk mail.

Only the headers the review needs are read: ``From``, ``To``, ``Cc``,
``Date``, ``Message-ID``, ``Subject``, ``List-Id``, ``List-Unsubscribe``,
``Precedence``, ``Auto-Submitted``, ``X-Gmail-Labels`` and
``X-Mozilla-Draft-Info``.  Folded lines are unfolded; RFC 2047 encoded names
and subjects decoded; headers in 8-bit bytes are read as UTF-8, else Latin-1.

Rules
-----
* ``date``: the ``Date`` header (RFC 5322, with its offset) in UTC; a date
  without offset (or ``-0000``) is taken as UTC.  No readable date: the
  message is left out (the ``From `` line's date is when it was filed).
* ``bulk``: ``List-Id`` or ``List-Unsubscribe`` present, ``Precedence`` bulk,
  list or junk, ``Auto-Submitted`` other than ``no``, or a no-reply sender
  (:func:`~netanalysis.io.addresses.is_no_reply`).
* ``labels``: Gmail's ``X-Gmail-Labels`` (Takeout), lower-cased.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from email.utils import getaddresses, parsedate_tz

from .addresses import clean_name, decode_words, is_no_reply, normal_email

__all__ = ["Headers", "parse_headers", "parse_addresses", "parse_date"]

_WANTED = {"from", "to", "cc", "date", "message-id", "subject", "list-id", "list-unsubscribe", "precedence",
           "auto-submitted", "x-gmail-labels", "x-mozilla-draft-info"}
_LISTS = {"to", "cc"}
_SIMPLE = re.compile(r"\s*(?:([^<>\",()@]*?)\s*<([^<>\s]+@[^<>\s]+)>|<?([^<>\s,\"()]+@[^<>\s,\"()]+)>?)\s*")
_FIELD = re.compile(r"[!-9;-~]+$")
_SPACES = re.compile(r"\s+")
_ADDRESS_CACHE: dict[str, tuple[tuple[str, str], ...]] = {}   # header value -> its addresses
_PAIRS: dict[tuple[str, str], tuple[str, str]] = {}             # (email, name) -> the same, shared
_CACHE_SIZE = 20_000
_EPOCH_MIN, _EPOCH_MAX = -9_000_000_000, 9_000_000_000   # within datetime64[ns]: 1684 to 2255


@dataclass(slots=True)
class Headers:
    """The headers of one message, decoded."""

    message_id: str
    date: int | None          # seconds since 1970 (UTC), None if unreadable
    date_text: str
    from_email: str
    from_name: str
    to: tuple[tuple[str, str], ...]
    cc: tuple[tuple[str, str], ...]
    subject: str
    bulk: bool
    labels: tuple[str, ...]
    draft: bool
    broken_lines: int         # lines that are neither a header nor a continuation


def parse_addresses(value: str) -> tuple[tuple[str, str], ...]:
    """``(email, name)`` pairs of an address header, emails lower-cased, names decoded; each address once.

    Examples
    --------
    >>> parse_addresses('"Doe, Jane" <Jane@X.com>, =?utf-8?q?S=C3=B8ren?= <s@x.dk>, bob@y.com (Bob)')
    (('jane@x.com', 'Doe, Jane'), ('s@x.dk', 'Søren'), ('bob@y.com', 'Bob'))
    >>> parse_addresses("undisclosed-recipients:;")
    ()
    """
    cached = _ADDRESS_CACHE.get(value)
    if cached is not None:
        return cached
    pairs: list[tuple[str, str]] = []
    simple = [_SIMPLE.fullmatch(part) for part in value.split(",")] if '"' not in value and "(" not in value \
        else [None]
    if all(simple):
        found = [(m.group(2) or m.group(3), m.group(1) or "") for m in simple]
    else:
        found = [(address, name) for name, address in getaddresses([value])]
    seen = set()
    for address, name in found:
        email = normal_email(address)
        if email and email not in seen:
            seen.add(email)
            pair = (email, clean_name(name))
            pairs.append(_PAIRS.setdefault(pair, pair))  # one object per person, however many mails
    result = tuple(pairs)
    if len(_ADDRESS_CACHE) >= _CACHE_SIZE:
        _ADDRESS_CACHE.clear()
    if len(_PAIRS) >= 4 * _CACHE_SIZE:
        _PAIRS.clear()
    _ADDRESS_CACHE[value] = result
    return result


def parse_date(value: str) -> int | None:
    """Seconds since 1970 in UTC of an RFC 5322 date, or ``None``.

    >>> parse_date("Sat, 14 Mar 2026 10:00:00 +0100"), parse_date("14 Mar 2026 09:00:00 -0000")
    (1773478800, 1773478800)
    >>> parse_date("sometime"), parse_date("")
    (None, None)
    """
    if not value:
        return None
    try:
        parts = parsedate_tz(value)
        if parts is None:
            return None
        seconds = calendar.timegm(parts[:6] + (0, 0, 0)) - (parts[9] or 0)
    except (ValueError, TypeError, OverflowError, IndexError):
        return None
    return seconds if _EPOCH_MIN < seconds < _EPOCH_MAX else None


def _text(block: bytes) -> str:
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError:
        return block.decode("latin-1")


def parse_headers(block: bytes) -> Headers:
    """The :class:`Headers` of one header block (bytes, LF or CRLF).

    Examples
    --------
    >>> h = parse_headers(b"From: =?utf-8?q?S=C3=B8ren?= Hansen <Soren@x.dk>\\r\\nTo: kim@y.com,\\r\\n"
    ...                   b" al@y.com\\r\\nDate: Sat, 14 Mar 2026 10:00:00 +0100\\r\\nList-Id: <news.x.dk>\\r\\n")
    >>> h.from_email, h.from_name, h.to, h.bulk
    ('soren@x.dk', 'Søren Hansen', (('kim@y.com', ''), ('al@y.com', '')), True)
    """
    fields: dict[str, str] = {}
    broken = 0
    name = ""
    for raw in _text(block).split("\n"):
        line = raw.rstrip("\r")
        if not line:
            continue
        if line[0] in " \t":
            if name:
                fields[name] += " " + line.strip()
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not _FIELD.match(key):
            broken += 1
            name = ""
            continue
        if key not in _WANTED:
            name = ""
            continue
        name = key
        if key in fields:
            if key in _LISTS:
                fields[key] += ", " + value.strip()
            else:
                name = key + "\x00"  # a repeated single header: the first one counts
                fields[name] = ""
            continue
        fields[key] = value.strip()
    senders = parse_addresses(fields.get("from", ""))
    from_email, from_name = senders[0] if senders else ("", "")
    labels = tuple(label.strip().strip('"').lower() for label in _split_labels(fields.get("x-gmail-labels", ""))
                   if label.strip())
    precedence = fields.get("precedence", "").lower()
    auto = fields.get("auto-submitted", "").strip().lower()
    bulk = bool(fields.get("list-id") or fields.get("list-unsubscribe") or precedence in ("bulk", "list", "junk")
                or (auto and not auto.startswith("no")) or (from_email and is_no_reply(from_email)))
    date_text = fields.get("date", "")
    return Headers(
        message_id=_SPACES.sub("", fields.get("message-id", "")),
        date=parse_date(date_text), date_text=date_text,
        from_email=from_email, from_name=from_name,
        to=parse_addresses(fields.get("to", "")), cc=parse_addresses(fields.get("cc", "")),
        subject=_SPACES.sub(" ", decode_words(fields.get("subject", ""))).strip(),
        bulk=bulk, labels=labels, draft="x-mozilla-draft-info" in fields or "drafts" in labels or "draft" in labels,
        broken_lines=broken,
    )


def _split_labels(value: str) -> list[str]:
    if '"' not in value:
        return value.split(",")
    return [match.group(0) for match in re.finditer(r'"[^"]*"|[^,]+', value)]
