"""Readers for the LinkedIn archive's evidence files: invitations, endorsements, recommendations.

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

import numpy as np
import pandas as pd

from ...errors import Problems
from ..csvfile import read_csv_table
from .common import (Source, archive_dates, build_frame, clean_names, clean_urls, count_dropped, finish, join_names,
                     most_common, upper_values)
from .formats import SLASH_UTC_DATETIME, US_DATETIME, UTC_DATETIME

__all__ = [
    "read_invitations", "read_endorsements", "read_recommendations",
    "INVITATION_COLUMNS", "ENDORSEMENT_COLUMNS", "RECOMMENDATION_COLUMNS",
]

INVITATION_COLUMNS = ["date", "counterpart", "counterpart_url", "direction", "line"]
ENDORSEMENT_COLUMNS = ["date", "counterpart", "counterpart_url", "skill", "direction", "line"]
RECOMMENDATION_COLUMNS = ["date", "counterpart", "company", "position", "direction", "line"]

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
                           optional=_INVITATIONS_OPTIONAL, aliases=_INVITATIONS_ALIASES, problems=problems,
                           matching=frozenset(_INVITATIONS_OPTIONAL))
    if table is None:
        return None, "", ""
    f = table.frame
    direction = upper_values(f["direction"])
    outgoing = direction == "OUTGOING"
    incoming = direction == "INCOMING"
    unknown = np.flatnonzero(~(outgoing | incoming))
    if len(unknown):
        problems.add_rows(display, f["line"].to_numpy()[unknown], [str(v) for v in f["direction"].to_numpy()[unknown]],
                          column=table.columns.get("direction", "Direction"), code="bad-direction",
                          message="is not a known direction (OUTGOING or INCOMING)",
                          fix="write OUTGOING for invitations you sent and INCOMING for invitations you received")
    sender, recipient = clean_names(f["from"]), clean_names(f["to"])
    sender_url, recipient_url = clean_urls(f["inviterprofileurl"]), clean_urls(f["inviteeprofileurl"])
    owner = most_common(sender[outgoing])
    owner_url = most_common(np.concatenate([sender_url[outgoing], recipient_url[incoming]]))
    dates = archive_dates(f["sentat"], f["line"], US_DATETIME + UTC_DATETIME, display=display,
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
    table = read_csv_table(source, display=display, required=required, optional=optional, problems=problems,
                           matching=frozenset(optional))
    if table is None:
        return None
    f = table.frame
    accepted = upper_values(f["endorsementstatus"]) == "ACCEPTED"
    count_dropped(dropped, "endorsements not accepted", (~accepted).sum())
    f = f[accepted]
    dates = archive_dates(f["endorsementdate"], f["line"], SLASH_UTC_DATETIME + UTC_DATETIME, display=display,
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
    dates = archive_dates(f["creationdate"], f["line"], US_DATETIME + UTC_DATETIME, display=display,
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
