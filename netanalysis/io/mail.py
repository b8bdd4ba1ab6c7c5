"""Reader for mail (``.mbox``): who the owner writes to and hears from, as evidence of contact.

Sources: one mbox file (Google Takeout's ``All mail Including Spam and
Trash.mbox``, a Thunderbird mailbox such as ``Inbox`` or ``Sent``), a folder
of them (also Apple Mail's ``Name.mbox`` folders holding a file ``mbox``), a
zip holding them (Takeout), or bytes.  Headers only, streamed
(:mod:`~netanalysis.io.mbox`), never a whole file in memory; see
:mod:`~netanalysis.io.mailheaders` for the headers read.

Columns of :func:`read_mbox` (one row per message, in file order)
-----------------------------------------------------------------
message_id : str        ``Message-ID`` as written ('' if none)
date : datetime64[ns]   the ``Date`` header in UTC, naive
from_email, from_name : str
to, cc : object         tuples of ``(email, name)``, emails lower-cased, names decoded, each address once
bulk : bool             a newsletter, list or robot (see :mod:`~netanalysis.io.mailheaders`)
sent_label : bool       labelled ``Sent`` (Gmail's ``X-Gmail-Labels``) or in a sent-mail mailbox
                        (``Sent``, ``Sent Mail``, ``Sent Messages``, ``Sent Items``, ``Sendt``, ...)
draft : bool            a draft (label or mailbox ``Drafts``, Thunderbird's ``X-Mozilla-Draft-Info``)
spam : bool             labelled ``Spam`` or in a ``Spam``/``Junk`` mailbox
subject : str           decoded (never shown in a report)
file : str              the file as named in messages
line : int64            line of the message's ``From `` separator

A Message-ID seen before (Takeout repeats a mail under several labels, and
two mailboxes may hold copies) is kept once, from its first file; it is
``sent_label`` if any copy is, ``draft`` and ``spam`` only if every copy is.

Problems: an empty file, a file that is not an mbox (or is one ``.eml``
message) and an unreadable file are errors; a message without a readable
``Date`` or ``From`` (left out), header lines that are not headers (ignored)
and a file cut off inside a message's headers are warnings naming the line.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from ..errors import Problems
from .addresses import is_no_reply, normal_email
from .exports import MBOX, READ_ERRORS, ExportFile, ExportFiles
from .mailheaders import parse_headers
from .mbox import mbox_start, scan_mbox

__all__ = ["read_mbox", "mail_owner", "correspondence", "MAIL_COLUMNS", "CORRESPONDENCE_COLUMNS"]

MAIL_COLUMNS = ["message_id", "date", "from_email", "from_name", "to", "cc", "bulk", "sent_label", "draft", "spam",
                "subject", "file", "line"]
CORRESPONDENCE_COLUMNS = ["message_id", "date", "direction", "email", "name", "others", "file", "line"]
_SENT = {"sent", "sent mail", "sent messages", "sent items", "sendt", "sendte", "sendte elementer", "sendte e-mails",
         "gesendet", "gesendete elemente", "gesendete objekte", "envoyés", "éléments envoyés", "verzonden",
         "verzonden items", "enviados", "elementos enviados", "inviati", "posta inviata", "skickat", "skickade"}
_DRAFTS = {"drafts", "draft", "kladder", "kladde", "entwürfe", "brouillons", "concepten", "borradores", "bozze",
           "utkast"}
_SPAM = {"spam", "junk", "junk e-mail", "junk email", "bulk mail", "uønsket e-mail", "uønsket post", "skräppost"}
_SHOWN_PER_CODE = 20
_HEAD = 1 << 16
_FIX_EXPORT = "export the mailbox again"


def read_mbox(source: str | Path | bytes | list[str | Path], *, display: str | None = None,
              problems: Problems | None = None) -> pd.DataFrame:
    """Read mbox mail, headers only: one row per message (see the module docstring).

    Parameters
    ----------
    source : path, bytes or list of paths
        An mbox file, a folder or zip holding mbox files, the bytes of one, or
        a list of such paths (read in turn, as one mailbox).
    display : str, optional
        The name of ``source`` in messages (default: its file name, or ``mailbox.mbox``).
    problems : Problems, optional
        Collect problems here and return what could be read; without it an
        :class:`~netanalysis.errors.InputError` is raised if any error was found.

    Returns
    -------
    DataFrame with :data:`MAIL_COLUMNS`.

    Examples
    --------
    >>> mbox = (b"From 1@xxx Sat Mar 14 10:00:00 +0000 2026\\n"
    ...         b"X-Gmail-Labels: Sent,Opened\\nFrom: Kim Owner <kim@example.com>\\n"
    ...         b"To: =?utf-8?q?S=C3=B8ren?= Hansen <Soren@Example.dk>\\n"
    ...         b"Date: Sat, 14 Mar 2026 11:00:00 +0100\\nMessage-ID: <a1@example.com>\\n\\nHi\\n>From me\\n")
    >>> mail = read_mbox(mbox)
    >>> mail[["date", "from_email", "sent_label", "line"]].astype(str).values.tolist()
    [['2026-03-14 10:00:00', 'kim@example.com', 'True', '1']]
    >>> mail.loc[0, "to"]
    (('soren@example.dk', 'Søren Hansen'),)
    """
    own = problems is None
    problems = Problems() if own else problems
    rows = _Rows()
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    for one in sources:
        name = display if len(sources) == 1 else None
        with ExportFiles(one, kind=MBOX, problems=problems, display=name) as found:
            for file in found.files:
                _read_file(file, rows, problems)
    frame = rows.frame()
    if own:
        problems.raise_if_errors()
    return frame


class _Rows:
    """The table's columns as lists, with the Message-IDs seen so far."""

    def __init__(self):
        self.columns: dict[str, list] = {name: [] for name in MAIL_COLUMNS}
        self.by_id: dict[str, int] = {}

    def add(self, headers, sent: bool, draft: bool, spam: bool, display: str, line: int) -> None:
        columns = self.columns
        if headers.message_id:
            seen = self.by_id.get(headers.message_id)
            if seen is not None:
                columns["sent_label"][seen] = columns["sent_label"][seen] or sent
                columns["draft"][seen] = columns["draft"][seen] and draft
                columns["spam"][seen] = columns["spam"][seen] and spam
                return
            self.by_id[headers.message_id] = len(columns["line"])
        for name, value in (("message_id", headers.message_id), ("date", headers.date),
                            ("from_email", headers.from_email), ("from_name", headers.from_name),
                            ("to", headers.to), ("cc", headers.cc), ("bulk", headers.bulk), ("sent_label", sent),
                            ("draft", draft), ("spam", spam), ("subject", headers.subject), ("file", display),
                            ("line", line)):
            columns[name].append(value)

    def frame(self) -> pd.DataFrame:
        data = {}
        for name in MAIL_COLUMNS:
            values = self.columns.pop(name)
            if name == "date":
                data[name] = (np.array(values, dtype=np.int64) * 1_000_000_000).view("datetime64[ns]")
            elif name in ("bulk", "sent_label", "draft", "spam"):
                data[name] = np.array(values, dtype=bool)
            elif name == "line":
                data[name] = np.array(values, dtype=np.int64)
            else:
                column = np.empty(len(values), dtype=object)
                column[:] = values
                data[name] = pd.Series(column, dtype=object, copy=False)  # object, not pandas' str
            del values
        self.by_id.clear()
        return pd.DataFrame(data, columns=MAIL_COLUMNS, copy=False)


class _Joined:
    """A stream that gives ``head`` first, then the rest of ``handle``."""

    def __init__(self, head: bytes, handle: BinaryIO):
        self.head, self.handle = head, handle

    def read(self, size: int) -> bytes:
        if self.head:
            head, self.head = self.head, b""
            return head
        return self.handle.read(size)


def _read_file(file: ExportFile, rows: _Rows, problems: Problems) -> None:
    display = file.display
    mailbox = file.mailbox_name.strip().lower()
    folder_sent, folder_draft, folder_spam = mailbox in _SENT, mailbox in _DRAFTS, mailbox in _SPAM
    counts: Counter[str] = Counter()

    def warn(message: str, line: int, code: str, fix: str = _FIX_EXPORT) -> None:
        counts[code] += 1
        if counts[code] <= _SHOWN_PER_CODE:
            problems.warning(display, message, line=line, code=code, fix=fix)

    try:
        with file.open() as handle:
            head = handle.read(_HEAD)
            start = mbox_start(head)
            if start != "mbox":
                _not_mbox(start, display, problems)
                return
            head = head.lstrip(b"\xef\xbb\xbf")
            for line, block, _ in scan_mbox(_Joined(head, handle), display, problems):
                headers = parse_headers(block)
                if headers.broken_lines:
                    warn(f"this message has {headers.broken_lines} header line(s) that are not 'Name: value'; "
                         "they are ignored", line, "bad-headers")
                if headers.date is None:
                    what = (f"an unreadable Date header ({headers.date_text[:40]!r})" if headers.date_text
                            else "no Date header")
                    warn(f"this message has {what}; it is left out", line, "no-date")
                    continue
                if not headers.from_email:
                    warn("this message has no sender address (From); it is left out", line, "no-sender")
                    continue
                labels = headers.labels
                rows.add(headers, folder_sent or "sent" in labels, folder_draft or headers.draft,
                         folder_spam or "spam" in labels, display, line)
    except READ_ERRORS as exc:
        problems.error(display, f"cannot be read ({getattr(exc, 'strerror', None) or exc})", code="unreadable",
                       fix="check the file, or export the mailbox again")
    for code, count in counts.items():
        if count > _SHOWN_PER_CODE:
            problems.warning(display, f"has {count - _SHOWN_PER_CODE} more message(s) with this problem "
                                      "(not listed one by one)", code=code, fix=_FIX_EXPORT)


def _not_mbox(start: str, display: str, problems: Problems) -> None:
    if start == "empty":
        problems.error(display, "is empty", code="empty-file", fix=MBOX.fix)
    elif start == "message":
        problems.error(display, "is a single e-mail message (.eml), not an mbox mailbox", line=1,
                       code="not-mbox", fix=MBOX.fix)
    else:
        problems.error(display, "is not an mbox file: it does not begin with a 'From ' line", line=1,
                       code="not-mbox", fix=MBOX.fix)


def mail_owner(mail: pd.DataFrame, me_emails: Iterable[str] = ()) -> tuple[set[str], str]:
    """The owner's addresses and where they came from.

    In order: ``me_emails`` (``[me] emails`` in goals.toml); else every sender
    of mail labelled or filed as Sent (drafts aside: these are all the owner's
    addresses); else the most frequent sender of mail that is not bulk.
    ``(set(), '')`` when there is no mail.

    Examples
    --------
    >>> mail = pd.DataFrame({"from_email": ["kim@x.com", "al@y.com", "al@y.com", "kim@home.dk"],
    ...                      "sent_label": [True, False, False, True], "draft": [False] * 4, "bulk": [False] * 4})
    >>> owner, source = mail_owner(mail)
    >>> sorted(owner), source
    (['kim@home.dk', 'kim@x.com'], 'mail labelled Sent')
    >>> mail_owner(mail.assign(sent_label=False))
    ({'al@y.com'}, 'most frequent sender')
    """
    given = {email for email in (normal_email(e) for e in me_emails) if email}
    if given:
        return given, "[me] emails"
    sent = mail.loc[mail["sent_label"] & ~mail["draft"], "from_email"]
    senders = {email for email in sent if email}
    if senders:
        return senders, "mail labelled Sent"
    counts = Counter(email for email in mail.loc[~mail["bulk"], "from_email"] if email)
    if not counts:
        return set(), ""
    return {min(counts, key=lambda email: (-counts[email], email))}, "most frequent sender"


def correspondence(mail: pd.DataFrame, owner_emails: Iterable[str], *,
                   as_of: dt.date | str | None = None) -> pd.DataFrame:
    """One row per (mail, counterpart): the owner's mail exchanges with other people.

    Rules:

    * Mail that is ``bulk`` (newsletters, lists, robots), a ``draft`` or
      ``spam`` is left out; with ``as_of``, so is mail dated after that day.
    * A mail from one of ``owner_emails`` gives a ``sent`` row for each
      address in To and Cc that is not the owner's nor a no-reply address.
    * Those addresses are the owner's *correspondents*.  A mail from anyone
      else gives one ``received`` row (its sender) only when the sender is a
      correspondent: mail from someone the owner never wrote to (up to
      ``as_of``) is left out, however often they wrote.
    * ``others``: the other people on the same mail, ``(email, name)`` in
      header order (the other recipients; for a received mail also those
      besides the owner), for "people on the same mail are tied".  They are
      not vetted as correspondents.

    Returns a DataFrame with :data:`CORRESPONDENCE_COLUMNS` (``date``
    datetime64[ns], ``line`` int64, the rest object), by date.

    Examples
    --------
    >>> mail = pd.DataFrame({"message_id": ["<1>", "<2>", "<3>"], "date": pd.to_datetime(["2026-03-01",
    ...     "2026-03-02", "2026-03-03"]), "from_email": ["kim@x.com", "al@y.com", "zed@z.com"],
    ...     "from_name": ["Kim", "Al", "Zed"], "to": [(("al@y.com", "Al"), ("bo@y.com", "Bo")),
    ...     (("kim@x.com", "Kim"),), (("kim@x.com", "Kim"),)], "cc": [(), (), ()], "bulk": [False] * 3,
    ...     "draft": [False] * 3, "spam": [False] * 3, "file": ["x.mbox"] * 3, "line": [1, 9, 17]})
    >>> rows = correspondence(mail, {"kim@x.com"})
    >>> rows[["direction", "email", "others"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['sent', 'al@y.com', (('bo@y.com', 'Bo'),)], ['sent', 'bo@y.com', (('al@y.com', 'Al'),)],
     ['received', 'al@y.com', ()]]
    """
    owner = {email for email in (normal_email(e) for e in owner_emails) if email}
    usable = ~(mail["bulk"] | mail["draft"] | mail["spam"])
    if as_of is not None:
        usable &= mail["date"] < pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)
    kept = mail.loc[usable, ["message_id", "date", "from_email", "from_name", "to", "cc", "file", "line"]]
    nobody = {}  # address -> is it the owner's or a no-reply address (each address decided once)

    def person(pair: tuple[str, str]) -> bool:
        found = nobody.get(pair[0])
        if found is None:
            found = nobody[pair[0]] = pair[0] in owner or is_no_reply(pair[0])
        return not found

    # The (email, name) pairs are the reader's own objects, not copies (a mailbox has hundreds of thousands).
    people = [tuple(filter(person, to + cc if cc else to)) for to, cc in zip(kept["to"].tolist(), kept["cc"].tolist())]
    sent = [email in owner for email in kept["from_email"]]
    correspondents = {email for mine, others in zip(sent, people) if mine for email, _ in others}
    columns: dict[str, list] = {name: [] for name in CORRESPONDENCE_COLUMNS}
    rows = zip(kept["message_id"], kept["date"].to_numpy(), kept["from_email"], kept["from_name"], sent, people,
               kept["file"], kept["line"])
    for message_id, date, sender, sender_name, mine, others, file, line in rows:
        if mine:
            pairs = [(pair, "sent", tuple(o for o in others if o[0] != pair[0])) for pair in _unique(others)]
        elif sender in correspondents:
            pairs = [((sender, sender_name), "received", tuple(o for o in others if o[0] != sender))]
        else:
            continue
        for (email, name), direction, together in pairs:
            for column, value in (("message_id", message_id), ("date", date), ("direction", direction),
                                  ("email", email), ("name", name), ("others", together), ("file", file),
                                  ("line", line)):
                columns[column].append(value)
    return _correspondence_frame(columns)


def _unique(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for email, name in pairs:
        if email not in seen:
            seen.add(email)
            out.append((email, name))
    return out


def _correspondence_frame(columns: dict[str, list]) -> pd.DataFrame:
    data = {}
    for name in CORRESPONDENCE_COLUMNS:
        values = columns[name]
        if name == "date":
            data[name] = np.array(values, dtype="datetime64[ns]")
        elif name == "line":
            data[name] = np.array(values, dtype=np.int64)
        else:
            column = np.empty(len(values), dtype=object)
            column[:] = values
            data[name] = pd.Series(column, dtype=object, copy=False)
    frame = pd.DataFrame(data, columns=CORRESPONDENCE_COLUMNS, copy=False)
    return frame.sort_values("date", kind="stable", ignore_index=True)
