"""Readers for the LinkedIn archive's evidence files, and helpers shared with messages.

``Invitations.csv`` (``From,To,Sent At,Message,Direction`` + later
``inviterProfileUrl,inviteeProfileUrl`` or URN columns; ``6/17/23, 6:18 AM``;
a bare ``https://www.linkedin.com/in`` means "unknown"),
``Endorsement_Received_Info.csv`` / ``Endorsement_Given_Info.csv``
(``2021/08/11 11:00:31 UTC``, URLs without scheme, only ``ACCEPTED`` count) and
``Recommendations_Received.csv`` / ``Recommendations_Given.csv`` (names only,
``04/15/24, 09:25 PM``).  See :mod:`netanalysis.io.linkedin.archive` for the whole.

Columns are mapped by name, names go through :func:`~netanalysis.io.text.clean_text`
and URLs through :func:`~netanalysis.io.text.profile_url`.  A bad row is an error
:class:`~netanalysis.errors.Problem` with file, spreadsheet line and column, and
the other rows still load.  Without a ``problems`` collector a reader raises
:class:`~netanalysis.errors.InputError` at the end if anything was an error.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import Problems
from ..csvfile import read_csv_table
from ..text import clean_text, profile_url
from .formats import SLASH_UTC_DATETIME, US_DATETIME, UTC_DATETIME

__all__ = [
    "read_invitations", "read_endorsements", "read_recommendations",
    "INVITATION_COLUMNS", "ENDORSEMENT_COLUMNS", "RECOMMENDATION_COLUMNS",
]

Source = Path | str | bytes

INVITATION_COLUMNS = ["date", "counterpart", "counterpart_url", "direction", "line"]
ENDORSEMENT_COLUMNS = ["date", "counterpart", "counterpart_url", "skill", "direction", "line"]
RECOMMENDATION_COLUMNS = ["date", "counterpart", "company", "position", "direction", "line"]

# --------------------------------------------------------------------------
# Helpers shared with :mod:`netanalysis.io.linkedin.messages`
# --------------------------------------------------------------------------

def map_unique(values: pd.Series, func: Callable[[str], object]) -> np.ndarray:
    """Apply ``func`` once per distinct value; return an object array in row order.

    Names, URLs and flags repeat a lot in the archive files, so this is much
    faster than ``values.map(func)`` on 300,000 rows.

    >>> map_unique(pd.Series(["a", "b", "a"]), str.upper).tolist()
    ['A', 'B', 'A']
    """
    return map_unique_each(values, func)[0]


def map_unique_each(values: pd.Series, *funcs: Callable[[str], object]) -> list[np.ndarray]:
    """:func:`map_unique` with several functions, the values factorized once.

    >>> [a.tolist() for a in map_unique_each(pd.Series(["a", "b", "a"]), str.upper, ord)]
    [['A', 'B', 'A'], [97, 98, 97]]
    """
    if len(values) == 0:
        return [np.empty(0, dtype=object) for _ in funcs]
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    mapped = [np.empty(len(uniques), dtype=object) for _ in funcs]
    for out, func in zip(mapped, funcs):
        out[:] = [func(value) for value in uniques]
    return [out[codes] for out in mapped]


def clean_names(values: pd.Series) -> np.ndarray:
    """:func:`clean_text` of every value (once per distinct value)."""
    return map_unique(values, clean_text)


def clean_urls(values: pd.Series) -> np.ndarray:
    """:func:`profile_url` of every value: decoded, ``https://www.`` form, '' if unknown."""
    return map_unique(values, lambda v: profile_url(clean_text(v)))


def upper_values(values: pd.Series) -> np.ndarray:
    """The stripped, upper-cased cells (``OUTGOING``, ``ACCEPTED``...)."""
    return map_unique(values, lambda v: str(v).strip().upper())


def join_names(first: pd.Series, last: pd.Series) -> np.ndarray:
    """``"First Last"`` display names from two name columns.

    >>> join_names(pd.Series([" Søren", ""]), pd.Series(["Hansen", "Doe "])).tolist()
    ['Søren Hansen', 'Doe']
    """
    joined = first.astype(object).to_numpy() + " " + last.astype(object).to_numpy()
    return clean_names(pd.Series(joined, dtype=object))


def report_rows(problems: Problems, display: str, lines: Sequence[int], values: Sequence[str | None], *,
                message: str | Sequence[str], column: str, fix: str | Sequence[str], code: str) -> None:
    """One error per bad row (``message`` and ``fix`` may be per row), at most
    ``problems.limit_per_code`` of them, then one summary error for the rest."""
    limit = max(1, problems.limit_per_code)
    count = len(lines)
    messages = [message] * count if isinstance(message, str) else list(message)
    fixes = [fix] * count if isinstance(fix, str) else list(fix)
    for index in range(min(count, limit)):
        problems.error(display, messages[index], line=int(lines[index]), column=column, value=values[index],
                       fix=fixes[index], code=code)
    if count > limit:
        problems.error(display, f"has {count - limit} more bad row(s) in this column (not listed one by one)",
                       column=column, fix=fixes[-1], code=code)


def parse_dates(values: pd.Series, lines: pd.Series, formats: Sequence[str], *, display: str, column: str,
                problems: Problems, example: str) -> pd.Series:
    """Parse date cells with the first of ``formats`` that fits; report the rest.

    Vectorised: each format is tried with :func:`pandas.to_datetime` on the
    cells not parsed yet.  A cell no format fits (or an empty one) gives an
    error :class:`Problem` with its line, column and value, and ``NaT``.

    Returns a ``datetime64[ns]`` Series on the same index.

    >>> p = Problems()
    >>> parse_dates(pd.Series(["6/17/23, 6:18 AM", "soon"]), pd.Series([2, 3]), US_DATETIME,
    ...             display="Invitations.csv", column="Sent At", problems=p, example="6/17/23, 6:18 AM").tolist()
    [Timestamp('2023-06-17 06:18:00'), NaT]
    >>> str(p.items[0])  # doctest: +ELLIPSIS
    "Invitations.csv line 3, column 'Sent At': 'soon' is not a date in a known format..."
    """
    result = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    text = values.astype(object).to_numpy()
    todo = np.flatnonzero(text != "")
    for attempt in range(2):
        if attempt == 1 and len(todo):
            # Second pass: non-breaking / narrow spaces (newer exports) and doubled spaces.
            text = text.copy()
            text[todo] = [" ".join(str(v).replace("\u202f", " ").replace("\xa0", " ").split()) for v in text[todo]]
        for fmt in formats:
            if not len(todo):
                break
            cells = text[todo]
            if fmt.endswith(" UTC"):
                # "2024-06-18 11:59:53 UTC": cut the suffix so pandas takes its fast ISO path (6x faster).
                fmt = fmt[:-4]
                cells = np.array([v[:-4] if v.endswith(" UTC") else "" for v in cells], dtype=object)
            parsed = pd.to_datetime(pd.Series(cells, dtype=object), format=fmt, errors="coerce")
            ok = parsed.notna().to_numpy()
            if ok.any():
                result[todo[ok]] = parsed[ok].to_numpy().astype("datetime64[ns]")
                todo = todo[~ok]
    raw = values.astype(object).to_numpy()
    bad = np.sort(np.concatenate([np.flatnonzero(raw == ""), todo]))
    if len(bad):
        empty = raw[bad] == ""
        report_rows(problems, display, lines.to_numpy()[bad], [None if e else str(v) for e, v in zip(empty, raw[bad])],
                    column=column, code="bad-date",
                    message=["is empty; every row needs a date" if e else "is not a date in a known format"
                             for e in empty],
                    fix=[f"fill in the date as LinkedIn writes it (e.g. '{example}'), or delete the row" if e
                         else f"write it as LinkedIn does (e.g. '{example}'), or delete the row" for e in empty])
    return pd.Series(result, index=values.index)


def most_common(values: np.ndarray | Sequence[str]) -> str:
    """The most frequent non-empty value ('' if none); ties go to the first seen.

    >>> most_common(["b", "a", "", "a", "b", "a"])
    'a'
    """
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def finish(frame: pd.DataFrame | None, columns: list[str], problems: Problems | None,
           local: Problems) -> pd.DataFrame:
    """Raise for a public call without a collector, else return (an empty frame on failure)."""
    if problems is None:
        local.raise_if_errors()
    if frame is None:
        return empty_frame(columns)
    return frame


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """A frame with the documented columns and dtypes, and no rows."""
    kinds = {"date": "datetime64[ns]", "line": np.int64}
    return build_frame(columns, {name: np.empty(0, dtype=kinds.get(name, object)) for name in columns})


def build_frame(columns: list[str], data: dict[str, object]) -> pd.DataFrame:
    """A frame in the documented column order with ``line`` as int64 and a fresh index."""
    frame = pd.DataFrame({name: data[name] for name in columns})
    frame["line"] = frame["line"].astype("int64")
    return frame.reset_index(drop=True)


def count_dropped(dropped: dict[str, int] | None, label: str, count: int) -> None:
    """Add ``count`` to ``dropped[label]`` (only when there is something to count)."""
    if dropped is not None and count:
        dropped[label] = dropped.get(label, 0) + int(count)


# --------------------------------------------------------------------------
# Invitations.csv
# --------------------------------------------------------------------------

_INVITATIONS_REQUIRED = {"from": "From", "to": "To", "sentat": "Sent At", "direction": "Direction"}
_INVITATIONS_OPTIONAL = {"inviterprofileurl": "inviterProfileUrl", "inviteeprofileurl": "inviteeProfileUrl"}
_INVITATIONS_ALIASES = {
    "inviterprofileurn": "inviterprofileurl", "inviterurl": "inviterprofileurl", "inviterurn": "inviterprofileurl",
    "inviteeprofileurn": "inviteeprofileurl", "inviteeurl": "inviteeprofileurl", "inviteeurn": "inviteeprofileurl",
}


def load_invitations(source: Source, *, display: str, problems: Problems,
                     dropped: dict[str, int] | None = None) -> tuple[pd.DataFrame | None, str, str]:
    """Read ``Invitations.csv``; also return the owner's name and URL as the file shows them.

    The owner is the inviter (``From``) of ``OUTGOING`` invitations; the URL
    also comes from the invitee URL of ``INCOMING`` ones.  Returns
    ``(frame or None, owner name or '', owner URL or '')``.
    """
    table = read_csv_table(source, display=display, required=_INVITATIONS_REQUIRED,
                           optional=_INVITATIONS_OPTIONAL, aliases=_INVITATIONS_ALIASES, problems=problems)
    if table is None:
        return None, "", ""
    f = table.frame
    direction = upper_values(f["direction"])
    outgoing = direction == "OUTGOING"
    incoming = direction == "INCOMING"
    unknown = np.flatnonzero(~(outgoing | incoming))
    if len(unknown):
        report_rows(problems, display, f["line"].to_numpy()[unknown],
                    [str(v) for v in f["direction"].to_numpy()[unknown]],
                    column=table.columns.get("direction", "Direction"), code="bad-direction",
                    message="is not a known direction (OUTGOING or INCOMING)",
                    fix="write OUTGOING for invitations you sent and INCOMING for invitations you received")
    sender, recipient = clean_names(f["from"]), clean_names(f["to"])
    sender_url, recipient_url = clean_urls(f["inviterprofileurl"]), clean_urls(f["inviteeprofileurl"])
    owner = most_common(sender[outgoing])
    owner_url = most_common(np.concatenate([sender_url[outgoing], recipient_url[incoming]]))
    dates = parse_dates(f["sentat"], f["line"], US_DATETIME + UTC_DATETIME, display=display,
                        column=table.columns.get("sentat", "Sent At"), problems=problems,
                        example="6/17/23, 6:18 AM").to_numpy()
    frame = build_frame(INVITATION_COLUMNS, {
        "date": dates,
        "counterpart": np.where(outgoing, recipient, sender),
        "counterpart_url": np.where(outgoing, recipient_url, sender_url),
        "direction": np.where(outgoing, "sent", "received").astype(object),
        "line": f["line"].to_numpy(),
    })
    keep = (outgoing | incoming) & ~np.isnat(dates)
    nobody = keep & (frame["counterpart"].to_numpy() == "") & (frame["counterpart_url"].to_numpy() == "")
    count_dropped(dropped, "invitations without counterpart", nobody.sum())
    return frame[keep & ~nobody].reset_index(drop=True), owner, owner_url


def read_invitations(source: Source, *, display: str = "Invitations.csv", problems: Problems | None = None,
                     dropped: dict[str, int] | None = None) -> pd.DataFrame:
    """Read ``Invitations.csv``: one row per invitation.

    Columns: ``date`` (datetime64[ns]), ``counterpart`` (display name),
    ``counterpart_url`` (decoded profile URL or ''), ``direction`` (``sent``
    for OUTGOING, ``received`` for INCOMING), ``line`` (spreadsheet row).

    Examples
    --------
    >>> data = b"From,To,Sent At,Message,Direction\\nMe Myself,Jane Doe,\\"6/17/23, 6:18 AM\\",,OUTGOING\\n"
    >>> read_invitations(data)[["counterpart", "direction", "line"]].to_dict("records")
    [{'counterpart': 'Jane Doe', 'direction': 'sent', 'line': 2}]
    """
    local = problems if problems is not None else Problems()
    frame, _, _ = load_invitations(source, display=display, problems=local, dropped=dropped)
    return finish(frame, INVITATION_COLUMNS, problems, local)


# --------------------------------------------------------------------------
# Endorsement_Received_Info.csv / Endorsement_Given_Info.csv
# --------------------------------------------------------------------------

def load_endorsements(source: Source, *, direction: str, display: str, problems: Problems,
                      dropped: dict[str, int] | None = None) -> pd.DataFrame | None:
    """Read an endorsements file; ``None`` (and an error) if it cannot be read."""
    if direction not in ("received", "given"):
        raise ValueError(f"direction must be 'received' or 'given', not {direction!r}")
    who = "Endorser" if direction == "received" else "Endorsee"
    required = {"endorsementdate": "Endorsement Date", "skillname": "Skill Name", "endorsementstatus":
                "Endorsement Status", f"{who.lower()}firstname": f"{who} First Name",
                f"{who.lower()}lastname": f"{who} Last Name"}
    optional = {f"{who.lower()}publicurl": f"{who} Public Url"}
    who = who.lower()
    table = read_csv_table(source, display=display, required=required, optional=optional, problems=problems)
    if table is None:
        return None
    f = table.frame
    accepted = upper_values(f["endorsementstatus"]) == "ACCEPTED"
    count_dropped(dropped, "endorsements not accepted", (~accepted).sum())
    f = f[accepted]
    dates = parse_dates(f["endorsementdate"], f["line"], SLASH_UTC_DATETIME + UTC_DATETIME, display=display,
                        column=table.columns.get("endorsementdate", "Endorsement Date"), problems=problems,
                        example="2021/08/11 11:00:31 UTC").to_numpy()
    frame = build_frame(ENDORSEMENT_COLUMNS, {
        "date": dates,
        "counterpart": join_names(f[f"{who}firstname"], f[f"{who}lastname"]),
        "counterpart_url": clean_urls(f[f"{who}publicurl"]),
        "skill": clean_names(f["skillname"]),
        "direction": np.full(len(f), direction, dtype=object),
        "line": f["line"].to_numpy(),
    })
    return frame[~np.isnat(dates)].reset_index(drop=True)


def read_endorsements(source: Source, *, direction: str = "received", display: str | None = None,
                      problems: Problems | None = None, dropped: dict[str, int] | None = None) -> pd.DataFrame:
    """Read ``Endorsement_Received_Info.csv`` (``direction="received"``) or
    ``Endorsement_Given_Info.csv`` (``direction="given"``).

    Only ``ACCEPTED`` endorsements are kept; the others are counted in
    ``dropped["endorsements not accepted"]``.  Columns: ``date``,
    ``counterpart`` (the endorser, or the endorsee for given ones),
    ``counterpart_url``, ``skill``, ``direction`` (``given``/``received``),
    ``line``.

    Examples
    --------
    >>> data = (b"Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
    ...         b"Endorser Public Url,Endorsement Status\\n"
    ...         b"2021/08/11 11:00:31 UTC,Python,Jane,Doe,www.linkedin.com/in/jane-doe,ACCEPTED\\n")
    >>> read_endorsements(data).loc[0, ["counterpart", "counterpart_url", "skill"]].tolist()
    ['Jane Doe', 'https://www.linkedin.com/in/jane-doe', 'Python']
    """
    if display is None:
        display = "Endorsement_Received_Info.csv" if direction == "received" else "Endorsement_Given_Info.csv"
    local = problems if problems is not None else Problems()
    frame = load_endorsements(source, direction=direction, display=display, problems=local, dropped=dropped)
    return finish(frame, ENDORSEMENT_COLUMNS, problems, local)


# --------------------------------------------------------------------------
# Recommendations_Received.csv / Recommendations_Given.csv
# --------------------------------------------------------------------------

_RECOMMENDATIONS_REQUIRED = {"firstname": "First Name", "lastname": "Last Name", "creationdate": "Creation Date"}
_RECOMMENDATIONS_OPTIONAL = {"company": "Company", "jobtitle": "Job Title"}


def load_recommendations(source: Source, *, direction: str, display: str,
                         problems: Problems) -> pd.DataFrame | None:
    """Read a recommendations file; ``None`` (and an error) if it cannot be read."""
    if direction not in ("received", "given"):
        raise ValueError(f"direction must be 'received' or 'given', not {direction!r}")
    table = read_csv_table(source, display=display, required=_RECOMMENDATIONS_REQUIRED,
                           optional=_RECOMMENDATIONS_OPTIONAL, problems=problems)
    if table is None:
        return None
    f = table.frame
    dates = parse_dates(f["creationdate"], f["line"], US_DATETIME + UTC_DATETIME, display=display,
                        column=table.columns.get("creationdate", "Creation Date"), problems=problems,
                        example="04/15/24, 09:25 PM").to_numpy()
    frame = build_frame(RECOMMENDATION_COLUMNS, {
        "date": dates,
        "counterpart": join_names(f["firstname"], f["lastname"]),
        "company": clean_names(f["company"]),
        "position": clean_names(f["jobtitle"]),
        "direction": np.full(len(f), direction, dtype=object),
        "line": f["line"].to_numpy(),
    })
    return frame[~np.isnat(dates)].reset_index(drop=True)


def read_recommendations(source: Source, *, direction: str = "received", display: str | None = None,
                         problems: Problems | None = None) -> pd.DataFrame:
    """Read ``Recommendations_Received.csv`` or ``Recommendations_Given.csv``.

    Columns: ``date``, ``counterpart`` (who recommended me, or whom I
    recommended), ``company``, ``position`` (their ``Job Title``),
    ``direction`` (``given``/``received``), ``line``.

    Examples
    --------
    >>> data = (b"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\\n"
    ...         b'Jane,Doe,Acme,CTO,"Great, really",\\"04/15/24, 09:25 PM\\",VISIBLE\\n')
    >>> read_recommendations(data, direction="given").loc[0, ["counterpart", "company", "direction"]].tolist()
    ['Jane Doe', 'Acme', 'given']
    """
    if display is None:
        display = "Recommendations_Received.csv" if direction == "received" else "Recommendations_Given.csv"
    local = problems if problems is not None else Problems()
    frame = load_recommendations(source, direction=direction, display=display, problems=local)
    return finish(frame, RECOMMENDATION_COLUMNS, problems, local)
