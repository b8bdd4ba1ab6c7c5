"""Reader for the LinkedIn archive's ``messages.csv``.

Layouts seen in real exports (columns are mapped by name):

- 2018: ``From,To,Date,Subject,Content,Direction,Folder`` with dates
  ``10/16/18, 8:36 AM`` and ``Direction`` ``INCOMING``/``OUTGOING``.
- 2021 on: ``CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,
  DATE,SUBJECT,CONTENT,FOLDER`` and later also ``RECIPIENT PROFILE URLS``,
  ``ATTACHMENTS``, ``IS MESSAGE DRAFT``, ``IS CONVERSATION DRAFT``; dates
  ``2024-06-18 11:59:53 UTC``; sometimes every field quoted.

Content holds newlines and HTML; a group chat has several recipients, ``TO``
being a comma-separated list of names and ``RECIPIENT PROFILE URLS`` the
matching list of URLs.  Drafts and sponsored messages are not messages: they
are counted and dropped.

The result has one row per (message, counterpart): a message the owner sent
to three people is three ``sent`` rows; a message the owner received is one
``received`` row whose counterpart is the sender.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import Problems
from ..csvfile import read_csv_table
from ..text import clean_text, match_key, profile_url
from ..fields import map_unique
from ..files import MAX_MESSAGE_ROWS, MAX_RECIPIENTS
from .common import archive_dates, build_frame, clean_names, clean_urls, count_dropped, finish, upper_values
from .formats import US_DATETIME, UTC_DATETIME

__all__ = ["read_messages", "load_messages", "MESSAGE_COLUMNS", "split_recipients"]

MESSAGE_COLUMNS = ["date", "conversation", "sender", "sender_url", "counterpart", "counterpart_url",
                   "direction", "line"]

_REQUIRED = {"from": "FROM", "to": "TO", "date": "DATE"}
_OPTIONAL = {
    "conversationid": "CONVERSATION ID", "senderprofileurl": "SENDER PROFILE URL",
    "recipientprofileurls": "RECIPIENT PROFILE URLS", "folder": "FOLDER",
    "ismessagedraft": "IS MESSAGE DRAFT", "isconversationdraft": "IS CONVERSATION DRAFT",
    "direction": "Direction",
}
#: Columns cleaned once per distinct value below (clean_text, split_recipients,
#: strip-and-upper), so the reader need not strip each of 300,000 cells first.
_CLEANED_LATER = frozenset({"from", "to", "senderprofileurl", "recipientprofileurls", "folder",
                            "ismessagedraft", "isconversationdraft", "direction"})
_HIDDEN_SENDER = "linkedin member"
_YES = frozenset({"yes", "true", "y", "1"})


def factorize_pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, list[tuple[object, object]]]:
    """Codes of the distinct (first, second) pairs, and the pairs themselves.

    >>> factorize_pairs(np.array(["a", "b", "a"], dtype=object), np.array(["x", "y", "x"], dtype=object))
    (array([0, 1, 0]), [('a', 'x'), ('b', 'y')])
    """
    if len(first) == 0:
        return np.zeros(0, dtype=np.int64), []
    codes1, uniques1 = pd.factorize(np.asarray(first, dtype=object), use_na_sentinel=False)
    codes2, uniques2 = pd.factorize(np.asarray(second, dtype=object), use_na_sentinel=False)
    codes, combined = pd.factorize(codes1.astype(np.int64) * len(uniques2) + codes2, use_na_sentinel=False)
    pairs = [(uniques1[c // len(uniques2)], uniques2[c % len(uniques2)]) for c in combined]
    return codes.astype(np.int64), pairs


def yes_flags(values: pd.Series) -> np.ndarray:
    """True where a cell says yes (``Yes``, ``TRUE``, ``1``...).

    >>> yes_flags(pd.Series(["No", " yes", "", "TRUE"])).tolist()
    [False, True, False, True]
    """
    return _flags(values, lambda v: str(v).strip().lower() in _YES)[0]


def _flags(values: pd.Series, *tests) -> list[np.ndarray]:
    """Each of ``tests`` applied to every cell, called once per distinct cell;
    one comparison pass per distinct cell that passes (flag columns hold two
    or three distinct values)."""
    cells = values.to_numpy(dtype=object)
    distinct = pd.unique(cells).tolist()
    out = []
    for test in tests:
        passing = [value for value in distinct if test(value)]
        if len(passing) > 8:
            out.append(map_unique(values, test).to_numpy().astype(bool))
            continue
        flags = np.zeros(len(cells), dtype=bool)
        for value in passing:
            flags |= cells == value
        out.append(flags)
    return out


def split_recipients(names: str, urls: str = "", *, have_urls: bool = False) -> list[tuple[str, str]]:
    """Split a ``TO`` cell (and its ``RECIPIENT PROFILE URLS``) into (name, URL) pairs.

    Names may hold commas themselves (``"Jane Doe, PhD"``), which the comma
    list cannot show.  When the URLs are known their count decides: fragments
    are merged back (one-word fragments first, then the shortest) until the
    names match the URLs.  Without URLs a one-word fragment is taken as the
    tail of the name before it.

    >>> split_recipients("Jane Doe, PhD,John Smith", "https://www.linkedin.com/in/jd,https://www.linkedin.com/in/js",
    ...                  have_urls=True)
    [('Jane Doe, PhD', 'https://www.linkedin.com/in/jd'), ('John Smith', 'https://www.linkedin.com/in/js')]
    >>> split_recipients("Ann Lee,Bo Ek, MBA")
    [('Ann Lee', ''), ('Bo Ek, MBA', '')]
    """
    if "," not in names and not (have_urls and "," in urls):  # one recipient: the common case, nothing to merge
        name = clean_text(names)
        if have_urls and urls.strip():
            return [(name, profile_url(clean_text(urls)))]
        return [(name, "")] if name else []
    return _split_recipients(names, urls, have_urls)


def _split_recipients(names: str, urls: str, have_urls: bool) -> list[tuple[str, str]]:
    """:func:`split_recipients` without the one-recipient shortcut."""
    parts = [clean_text(part) for part in names.split(",")]
    parts = [part for part in parts if part]
    url_list = [profile_url(clean_text(u)) for u in urls.split(",")] if have_urls and urls.strip() else []
    target = len(url_list) if url_list else 0

    def merge(index: int) -> None:
        parts[index - 1] = f"{parts[index - 1]}, {parts[index]}"
        del parts[index]

    if target:
        while len(parts) > target:
            singles = [i for i in range(1, len(parts)) if " " not in parts[i]]
            if singles:
                merge(singles[0])
            else:
                merge(min(range(1, len(parts)), key=lambda i: len(parts[i])))
    else:
        index = 1
        while index < len(parts):
            if " " not in parts[index] and " " in parts[index - 1]:
                merge(index)
            else:
                index += 1
    if len(url_list) < len(parts):
        url_list += [""] * (len(parts) - len(url_list))
    if len(parts) < len(url_list):
        parts += [""] * (len(url_list) - len(parts))
    return list(zip(parts, url_list))


def infer_owner(sender: np.ndarray, sender_key: np.ndarray, sender_url: np.ndarray,
                conversation: np.ndarray | None, outgoing: np.ndarray | None) -> tuple[str, str]:
    """Guess the archive owner from the messages: ``(display name, URL)``.

    With a 2018 ``Direction`` column, the most frequent sender of OUTGOING
    messages.  Otherwise the sender who wrote in the most distinct
    conversations (the owner takes part in all of them; a chatty contact only
    in a few), ties broken by the number of messages.  Hidden senders
    ("LinkedIn Member") are never the owner.
    """
    usable = (sender_key != "") & (sender_key != _HIDDEN_SENDER)
    if outgoing is not None and (outgoing & usable).any():
        usable = usable & outgoing
        conversation = None
    if not usable.any():
        return "", ""
    data = pd.DataFrame({"key": sender_key[usable]})
    data["conv"] = conversation[usable] if conversation is not None else ""
    stats = data.groupby("key", sort=False).agg(conversations=("conv", "nunique"), messages=("conv", "size"))
    stats = stats.sort_values(["conversations", "messages"], ascending=False, kind="stable")
    key = stats.index[0]
    mine = sender_key == key
    names = pd.Series(sender[mine], dtype=object).value_counts()
    urls = pd.Series(sender_url[mine], dtype=object)
    urls = urls[urls != ""].value_counts()
    return str(names.index[0]), (str(urls.index[0]) if len(urls) else "")


def load_messages(source: Path | str | bytes, *, display: str, problems: Problems, owner: str = "",
                  owner_url: str = "", dropped: dict[str, int] | None = None
                  ) -> tuple[pd.DataFrame | None, str, str]:
    """Read ``messages.csv``; also return the owner used: ``(frame or None, owner, owner URL)``.

    When ``owner`` is '' (or never appears as a sender), the owner is
    inferred with :func:`infer_owner`.
    """
    table = read_csv_table(source, display=display, required=_REQUIRED, optional=_OPTIONAL, problems=problems,
                           raw=_CLEANED_LATER, matching=frozenset({"senderprofileurl", "recipientprofileurls"}))
    if table is None:
        return None, owner, owner_url
    f = table.frame
    has = table.columns

    # Drafts and sponsored messages are not messages.
    in_drafts, in_sponsored = _flags(f["folder"], lambda v: str(v).strip().upper() in ("DRAFT", "DRAFTS"),
                                     lambda v: "SPONSORED" in str(v).strip().upper())
    draft = yes_flags(f["ismessagedraft"]) | yes_flags(f["isconversationdraft"]) | in_drafts
    sender = clean_names(f["from"])
    sender_key = map_unique(pd.Series(sender, dtype=object), match_key).to_numpy()
    sender_url = clean_urls(f["senderprofileurl"])
    sponsored = ~draft & (((sender_key == _HIDDEN_SENDER) & (sender_url == "")) | in_sponsored)
    count_dropped(dropped, "message drafts", draft.sum())
    count_dropped(dropped, "sponsored messages", sponsored.sum())
    dropping = draft | sponsored
    if dropping.any():
        keep = np.flatnonzero(~dropping)
        f = f.iloc[keep]
        sender, sender_url, sender_key = sender[keep], sender_url[keep], sender_key[keep]

    dates = archive_dates(f["date"], f["line"], UTC_DATETIME + US_DATETIME, display=display,
                          column=table.columns.get("date", "DATE"), problems=problems,
                          example="2024-06-18 11:59:53 UTC").to_numpy()

    # Who is "me", and which messages did I send?
    stated = upper_values(f["direction"]) if "direction" in has else np.full(len(f), "", dtype=object)
    outgoing, incoming = stated == "OUTGOING", stated == "INCOMING"
    conversation_id = f["conversationid"].to_numpy(dtype=object) if "conversationid" in has else None
    owner_key = match_key(clean_text(owner))
    owner_url = profile_url(owner_url)

    def is_owner(keys: np.ndarray, urls: np.ndarray) -> np.ndarray:
        mine = (keys == owner_key) if owner_key else np.zeros(len(keys), dtype=bool)
        if owner_url:
            mine = mine | (urls == owner_url)
        return mine

    mine = is_owner(sender_key, sender_url)
    if not owner_key and not owner_url:
        owner, owner_url = infer_owner(sender, sender_key, sender_url, conversation_id,
                                       outgoing if outgoing.any() else None)
        owner_key = match_key(owner)
        mine = is_owner(sender_key, sender_url)
    elif len(f) and not mine.any() and not outgoing.any() and not _receives(f["to"], owner_key):
        # The owner we were told is in none of the conversations: a wrong Profile.csv?
        guess, guess_url = infer_owner(sender, sender_key, sender_url, conversation_id, None)
        problems.warning(display, f"does not show the owner '{owner or owner_url}' as a sender or recipient; "
                                  f"taking '{guess}', the most frequent sender, as the owner",
                         column=table.columns.get("from", "FROM"), code="owner-guessed",
                         fix="check that Profile.csv and messages.csv come from the same archive")
        owner, owner_url, owner_key = guess, guess_url, match_key(guess)
        mine = is_owner(sender_key, sender_url)
    sent = np.where(outgoing | incoming, outgoing, mine)

    # Received: one row, the sender.  Sent: one row per recipient other than me.
    have_urls = "recipientprofileurls" in has
    rows = np.arange(len(f))
    sent_rows = rows[sent]
    sent_rows = _within_limits(f, sent_rows, len(f) - len(sent_rows), display, problems, dropped)
    if sent_rows is None:
        return None, owner, owner_url
    codes, uniques = factorize_pairs(f["to"].to_numpy(dtype=object)[sent_rows],
                                     f["recipientprofileurls"].to_numpy(dtype=object)[sent_rows])
    lists = []
    for names, urls in uniques:
        people = [(n, u) for n, u in split_recipients(names, urls, have_urls=have_urls)
                  if not ((owner_key and match_key(n) == owner_key) or (owner_url and u == owner_url))]
        lists.append(people or [("", "")])
    repeat, names, urls = _expand(codes, lists)
    received_rows = rows[~sent]
    position = np.concatenate([received_rows, np.repeat(sent_rows, repeat)])
    counterpart = np.concatenate([sender[received_rows], names])
    counterpart_url = np.concatenate([sender_url[received_rows], urls])
    order = np.argsort(position, kind="stable")
    position, counterpart, counterpart_url = position[order], counterpart[order], counterpart_url[order]

    if conversation_id is None:
        conversation = _conversations_2018(f, sender, owner_key)
    else:
        conversation = conversation_id
    frame = build_frame(MESSAGE_COLUMNS, {
        "date": dates[position],
        "conversation": conversation[position],
        "sender": sender[position],
        "sender_url": sender_url[position],
        "counterpart": counterpart,
        "counterpart_url": counterpart_url,
        "direction": np.array(["received", "sent"], dtype=object)[sent[position].astype(np.intp)],
        "line": f["line"].to_numpy()[position],
    })
    nobody = (counterpart == "") & (counterpart_url == "")
    count_dropped(dropped, "messages without counterpart", np.unique(position[nobody]).size)
    frame = frame[~nobody & ~np.isnat(frame["date"].to_numpy())].reset_index(drop=True)
    frame.attrs.update(owner=owner, owner_url=owner_url)
    return frame, owner, owner_url


def _within_limits(f: pd.DataFrame, sent_rows: np.ndarray, received: int, display: str, problems: Problems,
                   dropped: dict[str, int] | None) -> np.ndarray | None:
    """The sent rows to expand: a message to more than :data:`~netanalysis.io.files.MAX_RECIPIENTS`
    people is no relation (left out, with a warning); ``None`` (and an error) when the file would give
    more than :data:`~netanalysis.io.files.MAX_MESSAGE_ROWS` (message, person) rows."""
    counts = map_unique(f["to"].iloc[sent_rows], lambda cell: str(cell).count(",") + 1).to_numpy(dtype="int64") \
        if len(sent_rows) else np.zeros(0, dtype="int64")
    crowded = counts > MAX_RECIPIENTS
    if crowded.any():
        lines = f["line"].to_numpy()[sent_rows[crowded]]
        problems.add_rows(display, lines, [f"{n} recipients" for n in counts[crowded]], column="TO",
                          severity="warning", code="too-many-recipients",
                          message=f"has more than {MAX_RECIPIENTS} recipients: a mass message, left out",
                          fix="nothing to do: a message to so many people is not a relation")
        count_dropped(dropped, f"messages to more than {MAX_RECIPIENTS} people", int(crowded.sum()))
        sent_rows, counts = sent_rows[~crowded], counts[~crowded]
    total = received + int(counts.sum())
    if total > MAX_MESSAGE_ROWS:
        problems.error(display, f"gives {total:,} (message, person) rows; at most {MAX_MESSAGE_ROWS:,} are read",
                       code="too-large", fix="check that this is the messages.csv of your LinkedIn archive")
        return None
    return sent_rows


def _expand(codes: np.ndarray, lists: list[list[tuple[str, str]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Explode rows into their recipients without a Python loop over the rows.

    ``lists[codes[i]]`` are row i's (name, URL) pairs.  Returns how many each
    row has, and all names and URLs, row after row.

    >>> _expand(np.array([1, 0, 1]), [[("A", "a")], [("B", "b"), ("C", "c")]])[1].tolist()
    ['B', 'C', 'A', 'B', 'C']
    """
    sizes = np.array([len(people) for people in lists], dtype=np.int64)
    repeat = sizes[codes]
    starts = np.cumsum(sizes) - sizes
    offset = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    index = np.repeat(starts[codes], repeat) + offset
    names = np.array([name for people in lists for name, _ in people], dtype=object)
    urls = np.array([url for people in lists for _, url in people], dtype=object)
    return repeat, names[index], urls[index]


def _receives(to: pd.Series, owner_key: str) -> bool:
    """True if the owner is among the recipients of any message."""
    if not owner_key:
        return False
    return bool(map_unique(to, lambda v: any(match_key(n) == owner_key for n, _ in split_recipients(v))).any())


def _conversations_2018(f: pd.DataFrame, sender: np.ndarray, owner_key: str) -> np.ndarray:
    """A conversation key for the 2018 layout (no ids): its participants other than me."""
    codes, pairs = factorize_pairs(sender, f["to"].to_numpy(dtype=object))
    keys = np.empty(len(pairs), dtype=object)
    for index, (who, to) in enumerate(pairs):
        people = {who} | {name for name, _ in split_recipients(to)}
        keys[index] = "; ".join(sorted(p for p in people if p and match_key(p) != owner_key))
    return keys[codes] if len(codes) else np.empty(0, dtype=object)


def read_messages(source: Path | str | bytes, *, display: str = "messages.csv", problems: Problems | None = None,
                  owner: str = "", owner_url: str = "", dropped: dict[str, int] | None = None) -> pd.DataFrame:
    """Read ``messages.csv``: one row per (message, counterpart).

    Parameters
    ----------
    source
        The file's path or bytes.
    display
        The name used in problems (``archive.zip/messages.csv``).
    problems
        Collector to append problems to; without one, :class:`InputError` is
        raised at the end if any error was found.
    owner, owner_url
        The archive owner ("me"), to tell sent from received.  If empty (or
        absent from the senders) it is inferred, see :func:`infer_owner`.
    dropped
        Dict to add the counts of dropped rows to (``"message drafts"``,
        ``"sponsored messages"``, ``"messages without counterpart"``).

    Returns
    -------
    pandas.DataFrame
        ``date`` (datetime64[ns], UTC made naive), ``conversation``,
        ``sender``, ``sender_url``, ``counterpart``, ``counterpart_url``,
        ``direction`` (``sent``/``received``), ``line``.  ``attrs["owner"]``
        and ``attrs["owner_url"]`` hold the owner used.

    Examples
    --------
    >>> data = (b"CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\\n"
    ...         b"c1,Me Myself,https://www.linkedin.com/in/me,\\"Ann Lee,Bo Ek\\","
    ...         b"\\"https://www.linkedin.com/in/ann,https://www.linkedin.com/in/bo\\",2024-06-18 11:59:53 UTC,Hi\\n"
    ...         b"c1,Ann Lee,https://www.linkedin.com/in/ann,\\"Me Myself,Bo Ek\\",,2024-06-19 08:00:00 UTC,Hey\\n")
    >>> read_messages(data, owner="Me Myself")[["counterpart", "direction", "line"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'counterpart': 'Ann Lee', 'direction': 'sent', 'line': 2},
     {'counterpart': 'Bo Ek', 'direction': 'sent', 'line': 2},
     {'counterpart': 'Ann Lee', 'direction': 'received', 'line': 3}]
    """
    local = problems if problems is not None else Problems()
    frame, _, _ = load_messages(source, display=display, problems=local, owner=owner, owner_url=owner_url,
                                dropped=dropped)
    return finish(frame, MESSAGE_COLUMNS, problems, local)
