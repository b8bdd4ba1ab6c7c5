"""Reader for LinkedIn's ``Connections.csv``, in every layout seen 2018-2026.

Layouts: up to 2018 ``First Name,Last Name,Email Address,Company,Position,
Connected On`` with ``1/8/18, 6:14 PM`` dates; 2021-2023 the same after a
three-line ``Notes:`` preamble; mid-2023 on with a ``URL`` column.  Excel
re-saves add a BOM, CRLF, ``18-Jun-24`` dates, and in European locales ``;``
and ``04-07-2023``.  Rows with nothing but a date are hidden or deleted
members: counted (``attrs["hidden_members"]``, their dates in
``attrs["hidden_dates"]``), reported, not listed.

Columns of the result
---------------------
line : int            spreadsheet row of the record
contact : str         display name, ``first_name + " " + last_name``, cleaned
first_name, last_name, company, position : str
url : str             ``https://www.linkedin.com/in/<slug>``, slug percent-decoded; "" if none
slug : str            the lower-cased decoded slug ("" if none), the join key for URLs
email : str           a real e-mail address or ""
member_urn : str      ``urn:li:member:<digits>`` when LinkedIn put that in the e-mail column
connected_on : datetime64[ns]  (``NaT`` if the cell is empty)
key : str             :func:`~netanalysis.io.text.match_key` of ``contact``
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problems
from .text import clean_text, match_key, profile_slug
from .csvfile import CsvTable, read_csv_table
from .dates import out_of_range_fix, parse_dates, parse_dates_checked
from .fields import map_each, map_unique
from .files import MAX_CONNECTIONS

__all__ = ["read_connections", "read_raw_connections", "CONNECTION_COLUMNS", "CONNECTED_ON_FORMATS"]

CONNECTION_COLUMNS = ["line", "contact", "first_name", "last_name", "url", "slug", "email",
                      "member_urn", "company", "position", "connected_on", "key"]
#: ``Connected On`` formats: LinkedIn since 2019, LinkedIn up to 2018, Excel
#: re-saves (English and European locales).
CONNECTED_ON_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%m/%d/%y, %H:%M", "%d-%b-%y",
                        "%d-%b-%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y")
_REQUIRED = {"firstname": "First Name", "lastname": "Last Name", "connectedon": "Connected On"}
_OPTIONAL = {"url": "URL", "emailaddress": "Email Address", "company": "Company", "position": "Position"}
_ALIASES = {"email": "emailaddress", "profileurl": "url"}


def read_connections(path: str | Path | bytes, *, display: str | None = None,
                     problems: Problems | None = None) -> pd.DataFrame:
    """Read a LinkedIn ``Connections.csv`` export (any layout, 2018-2026).

    Parameters
    ----------
    path : path or bytes
        The file (never written to).
    display : str, optional
        The name used in messages (default: the file's name).
    problems : Problems, optional
        Collect problems here and return what could be read; without it an
        :class:`~netanalysis.errors.InputError` is raised if any error was found.

    Returns
    -------
    DataFrame with the columns listed in the module docstring, one row per
    real connection; ``attrs["hidden_members"]`` counts the rows with only a
    date.

    Examples
    --------
    >>> text = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n" \\
    ...        b"S\\xc3\\xb8ren,Hansen,https://www.linkedin.com/in/s%C3%B8ren,,Novo,CTO,04 Jul 2023\\n" \\
    ...        b",,,,,,12 Dec 2022"
    >>> df = read_connections(text, display="Connections.csv")
    >>> df[["contact", "url", "connected_on"]].to_dict("records")[0]["url"]
    'https://www.linkedin.com/in/søren'
    >>> df.attrs["hidden_members"]
    1
    """
    display = display or (Path(path).name if not isinstance(path, bytes) else "Connections.csv")
    own = problems is None
    problems = Problems() if own else problems
    table = read_raw_connections(path, display=display, problems=problems)
    if table is not None and len(table.frame) > MAX_CONNECTIONS:
        problems.error(display, f"has {len(table.frame):,} rows; LinkedIn allows 30,000 connections, and at most "
                                f"{MAX_CONNECTIONS:,} rows are read", line=int(table.frame["line"].iloc[MAX_CONNECTIONS]),
                       code="too-large", fix="check that this is your Connections.csv as LinkedIn exported it")
        table = None
    if table is None:
        frame = _empty()
    else:
        frame = _build(table.frame, display, problems)
    if own:
        problems.raise_if_errors()
    return frame


def read_raw_connections(path: str | Path | bytes, *, display: str, problems: Problems) -> CsvTable | None:
    """``Connections.csv`` as written: every record (hidden members too), cells stripped, nothing cleaned.

    The columns are keyed ``firstname, lastname, url, emailaddress, company,
    position, connectedon`` (missing optional ones are ""), after a ``line``
    column.  ``None`` after recording an error when the file cannot be read
    as a table.  :func:`read_connections` builds on it; the anonymiser reads
    the hidden members' rows with it.

    >>> table = read_raw_connections(b"First Name,Last Name,Connected On\\n,,12 Dec 2022\\n", display="c.csv",
    ...                              problems=Problems())
    >>> table.frame[["line", "firstname", "connectedon"]].to_dict("records")
    [{'line': 2, 'firstname': '', 'connectedon': '12 Dec 2022'}]
    """
    return read_csv_table(path, display=display, required=_REQUIRED, optional=_OPTIONAL,
                          problems=problems, aliases=_ALIASES, matching=frozenset({"url"}))


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=str) for c in CONNECTION_COLUMNS})
    frame["line"] = frame["line"].astype("int64")
    frame["connected_on"] = frame["connected_on"].astype("datetime64[ns]")
    frame.attrs["hidden_members"] = 0
    return frame


def _clean(series: pd.Series) -> pd.Series:
    return map_unique(series, clean_text)


def _build(raw: pd.DataFrame, display: str, problems: Problems) -> pd.DataFrame:
    first = _clean(raw["firstname"])
    last = _clean(raw["lastname"])
    url_raw = raw["url"]
    email_raw = raw["emailaddress"]
    company = _clean(raw["company"])
    position = _clean(raw["position"])
    urn = email_raw.str.startswith("urn:li:member:")
    hidden = (first == "") & (last == "") & (url_raw == "") & (company == "") & (position == "") \
        & ((email_raw == "") | urn)
    hidden_count = int(hidden.sum())
    if hidden_count:
        problems.warning(display, f"{hidden_count} row(s) hold only a date: hidden or deleted members, "
                                  "counted and left out of the contacts", code="hidden-members",
                         line=int(raw.loc[hidden, "line"].iloc[0]))
    keep = ~hidden
    hidden_dates, _ = parse_dates(raw.loc[hidden, "connectedon"], CONNECTED_ON_FORMATS)
    dates, bad, outside = parse_dates_checked(raw.loc[keep, "connectedon"], CONNECTED_ON_FORMATS)
    for index in bad[bad].index:
        problems.error(display, "is not a date LinkedIn or Excel writes", line=int(raw.at[index, "line"]),
                       column="Connected On", value=raw.at[index, "connectedon"], code="bad-date",
                       fix="write it as '04 Jul 2023' (day, English month abbreviation, year)")
    for index in outside[outside].index:
        value = raw.at[index, "connectedon"]
        problems.error(display, "is before 1900 or after 2100: " + out_of_range_fix(value, "a LinkedIn date"),
                       line=int(raw.at[index, "line"]), column="Connected On", value=value, code="date-out-of-range",
                       fix="write the day you connected, as '04 Jul 2023', or export the file again")
    contact = map_each(first[keep] + " " + last[keep], str.strip)
    slug = map_unique(url_raw[keep], profile_slug)
    email = email_raw[keep]
    is_urn = urn[keep]
    is_mail = email.str.contains("@", regex=False) & ~is_urn
    frame = pd.DataFrame({
        "line": raw.loc[keep, "line"].astype("int64"),
        "contact": contact,
        "first_name": first[keep],
        "last_name": last[keep],
        "url": ("https://www.linkedin.com/in/" + slug).where(slug != "", ""),
        "slug": slug,
        "email": email.where(is_mail, ""),
        "member_urn": email.where(is_urn, ""),
        "company": company[keep],
        "position": position[keep],
        "connected_on": dates,
        "key": map_unique(contact, match_key),
    }).reset_index(drop=True)
    frame.attrs["hidden_members"] = hidden_count
    # their Connected On (NaT if unreadable), as one array: pandas deep-copies ``attrs`` on every
    # operation, and a list of Timestamps made that cost 0.13 s at LinkedIn's maximum
    frame.attrs["hidden_dates"] = hidden_dates.to_numpy(dtype="datetime64[ns]")
    return frame
