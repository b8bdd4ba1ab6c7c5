"""Reader for the user's interaction log, ``interactions.csv``.

One row per interaction, written by the user in a spreadsheet: when
(``date``), with whom (``contact``: a name as on LinkedIn, a profile URL, or
someone off LinkedIn), what (``kind``), which way the value went
(``direction``: ``gave``, ``received`` or ``mutual``) and, optionally, how much
it was worth (``value`` 1-5), what for (``purpose``), how (``channel``), who
else was there (``with``) and ``notes``.  Dates are ISO
(``2026-03-14``) or day-first numeric (``14-03-2026``, ``14.03.2026``,
``14/03/2026``); month-first (``03/14/2026``) is never guessed and is an error.
``value`` and ``channel`` default by ``kind`` (:data:`netanalysis.vocab.KINDS`).

Columns of the result
---------------------
line : int                 spreadsheet row
date : datetime64[ns]
contact : str              as written (cleaned); matched to a person by :func:`netanalysis.load`
kind : str                 lower-cased; unknown kinds are kept (warning)
direction : str            ``gave`` / ``received`` / ``mutual``
value : int64              1-5 (default by kind when empty)
purpose : str              ``;``-joined lower-cased arenas, "" if none
channel : str              ``online`` / ``offline`` / "" (unknown kind, not given)
with : str                 ``;``-joined names as written
notes : str
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problems
from .text import clean_text
from ..vocab import CHANNELS, DIRECTIONS, KINDS, UNKNOWN_KIND_DEFAULT
from .csvfile import read_csv_table
from .dates import out_of_range_fix, parse_dates_checked
from .fields import did_you_mean, map_each, map_unique, split_list, to_number
from .files import MAX_WITH, MAX_WITH_PAIRS

__all__ = ["read_interactions", "INTERACTION_COLUMNS", "LOG_DATE_FORMATS"]

INTERACTION_COLUMNS = ["line", "date", "contact", "kind", "direction", "value", "purpose",
                       "channel", "with", "notes"]
LOG_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M",
                    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
_REQUIRED = {"date": "date", "contact": "contact", "kind": "kind", "direction": "direction"}
_OPTIONAL = {"value": "value", "purpose": "purpose", "channel": "channel", "with": "with", "notes": "notes"}
#: Columns that _build trims itself, once per distinct cell (clean_text, split_list).
_TRIMMED_LATER = frozenset({"contact", "kind", "purpose", "with"})
_DATE_FIX = "write dates as ISO 2026-03-14 (or day-first 14-03-2026)"


def read_interactions(path: str | Path | bytes, *, display: str | None = None,
                      problems: Problems | None = None) -> pd.DataFrame:
    """Read the interaction log.

    Parameters
    ----------
    path : path or bytes
        ``interactions.csv`` (never written to).
    display : str, optional
        Name used in messages.
    problems : Problems, optional
        Collect problems here instead of raising :class:`~netanalysis.errors.InputError`.

    Returns
    -------
    DataFrame with the columns in the module docstring.

    Examples
    --------
    >>> log = read_interactions(b"date,contact,kind,direction\\n14-03-2026,Ann Lee,coffee,gave\\n")
    >>> row = log.iloc[0]
    >>> str(row["date"].date()), row["kind"], int(row["value"]), row["channel"]
    ('2026-03-14', 'coffee', 2, 'offline')
    """
    display = display or (Path(path).name if not isinstance(path, bytes) else "interactions.csv")
    own = problems is None
    problems = Problems() if own else problems
    table = read_csv_table(path, display=display, required=_REQUIRED, optional=_OPTIONAL, problems=problems,
                           raw=_TRIMMED_LATER, unescape=True)
    frame = _build(table.frame, display, problems) if table is not None else _empty()
    if own:
        problems.raise_if_errors()
    return frame


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=str) for c in INTERACTION_COLUMNS})
    return frame.astype({"line": "int64", "value": "int64", "date": "datetime64[ns]"})


def _build(raw: pd.DataFrame, display: str, problems: Problems) -> pd.DataFrame:
    def error(index, column: str, value: str, message: str, fix: str, code: str) -> None:
        problems.error(display, message, line=int(raw.at[index, "line"]), column=column,
                       value=value, fix=fix, code=code)

    contact = map_unique(raw["contact"], clean_text)
    for index in contact[contact == ""].index:
        error(index, "contact", "", "is empty", "write the person's name as on LinkedIn, or their profile URL",
              "missing-value")

    dates, bad, outside = parse_dates_checked(raw["date"], LOG_DATE_FORMATS)
    for index in outside[outside].index:
        value = raw.at[index, "date"]
        error(index, "date", value, "is before 1900 or after 2100: " + out_of_range_fix(value, "a date of your log"),
              "write the day it happened, as ISO 2026-03-14", "date-out-of-range")
    for index in bad[bad].index:
        value = raw.at[index, "date"]
        parts = value.replace(".", "/").replace("-", "/").split("/")
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4 \
                and int(parts[0]) <= 12 < int(parts[1]) <= 31:
            error(index, "date", value, "looks month-first (MM/DD/YYYY), which is never guessed",
                  f"write it as {parts[2]}-{int(parts[0]):02d}-{int(parts[1]):02d} (ISO)", "month-first")
        elif len(parts) == 3 and all(p.isdigit() for p in parts) and max(len(p) for p in parts) < 4:
            error(index, "date", value, "has a two-digit year, which is never guessed",
                  "write the year in full, as ISO 2026-03-14 (or day-first 14-03-2026)", "bad-date")
        elif len(parts) == 3 and all(p.isdigit() for p in parts):
            error(index, "date", value, "is not a real calendar date", _DATE_FIX, "bad-date")
        else:
            error(index, "date", value, "is not a date", _DATE_FIX, "bad-date")
    for index in raw.index[raw["date"] == ""]:
        error(index, "date", "", "is empty", _DATE_FIX, "missing-value")

    kind = map_unique(raw["kind"], lambda v: clean_text(v).lower())
    known = kind.isin(list(KINDS))
    for value in sorted(set(kind[~known & (kind != "")])):
        rows = raw.loc[kind == value, "line"]
        problems.warning(display, f"is not a known kind (used on {len(rows)} row(s)); value and channel "
                                  f"get no default from it", line=int(rows.iloc[0]), column="kind", value=value,
                         fix=did_you_mean(value, KINDS) or f"use one of {', '.join(KINDS)} if one fits",
                         code="unknown-kind")
    for index in kind[kind == ""].index:
        error(index, "kind", "", "is empty", f"use one of {', '.join(KINDS)}", "missing-value")

    direction = map_each(raw["direction"], str.lower)
    for index in direction[~direction.isin(DIRECTIONS)].index:
        value = raw.at[index, "direction"]
        error(index, "direction", value, "is not one of gave, received, mutual",
              did_you_mean(value, DIRECTIONS) or "write gave, received or mutual", "bad-direction")

    default_value = map_unique(kind, lambda k: KINDS.get(k, UNKNOWN_KIND_DEFAULT)[0]).astype("int64")
    value_text = raw["value"]
    number = to_number(value_text)
    bad_value = (value_text != "") & ~(number.isin([1, 2, 3, 4, 5]))
    for index in bad_value[bad_value].index:
        error(index, "value", raw.at[index, "value"], "is not a whole number from 1 to 5",
              "write 1 (little) to 5 (a great deal), or leave it empty for the kind's default", "bad-value")
    value = number.where(value_text != "", default_value).where(~bad_value, 0).fillna(0).astype("int64")

    channel_text = map_each(raw["channel"], str.lower)
    default_channel = map_unique(kind, lambda k: KINDS.get(k, UNKNOWN_KIND_DEFAULT)[1])
    bad_channel = (channel_text != "") & ~channel_text.isin(CHANNELS)
    for index in bad_channel[bad_channel].index:
        error(index, "channel", raw.at[index, "channel"], "is not online or offline",
              did_you_mean(raw.at[index, "channel"], CHANNELS) or "write online or offline, or leave it empty",
              "bad-channel")
    channel = channel_text.where(channel_text != "", default_channel)

    together = split_list(raw["with"])
    _check_with(together, raw["line"], display, problems)
    return pd.DataFrame({
        "line": raw["line"].astype("int64"),
        "date": dates,
        "contact": contact,
        "kind": kind,
        "direction": direction,
        "value": value,
        "purpose": split_list(raw["purpose"], lower=True),
        "channel": channel,
        "with": together,
        "notes": raw["notes"],  # free text, shown as written (already trimmed)
    }).reset_index(drop=True)


def _check_with(together: pd.Series, lines: pd.Series, display: str, problems: Problems) -> None:
    """At most :data:`~netanalysis.io.files.MAX_WITH` people per row, and
    :data:`~netanalysis.io.files.MAX_WITH_PAIRS` pairs met together in the whole log."""
    sizes = map_unique(together, lambda cell: cell.count(";") + 1 if cell else 0).to_numpy(dtype="int64")
    crowded = sizes > MAX_WITH
    if crowded.any():
        rows = crowded.nonzero()[0]
        problems.add_rows(display, lines.to_numpy()[rows], [f"{sizes[r]} people" for r in rows], column="with",
                          code="too-many", message=f"names more than {MAX_WITH} people",
                          fix="a meeting that large is an event: name the few people who matter, or log it "
                              "without 'with'")
    pairs = int((sizes * (sizes - 1) // 2)[~crowded].sum())
    if pairs > MAX_WITH_PAIRS:
        problems.error(display, f"ties {pairs:,} pairs of people through 'with' (at most {MAX_WITH_PAIRS:,} are "
                                "read)", column="with", code="too-many",
                       fix="name fewer people per row in 'with'")
