"""Reader for the user's annotations, ``contacts.csv`` (optional).

Columns of the result
---------------------
line : int
contact : str            a name as on LinkedIn, a profile URL, or a person off LinkedIn
circle : str             lower-cased (colleague, former-colleague, client, friend, family, ...), "" if not given
chemistry : Int64        1-5 (do I want to network with this person?), <NA> if not given
cadence_days : Int64     wanted days between contacts (1-3650), <NA> if not given
status : str             ``develop`` / ``keep`` / ``wind-down`` / ""
offers, needs : str      ``;``-joined lower-cased items
knows : str              ``;``-joined names of other contacts this person knows (alter-alter ties)
email : str              ``;``-joined e-mail addresses, lower-cased (to match calendar and mail), "" if none
notes : str
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problems
from .addresses import normal_email
from .text import clean_text, match_key
from ..vocab import STATUSES
from .csvfile import read_csv_table
from .fields import did_you_mean, map_each, map_unique, split_list, to_number
from .files import MAX_KNOWS

__all__ = ["read_contacts", "CONTACT_COLUMNS"]

CONTACT_COLUMNS = ["line", "contact", "circle", "chemistry", "cadence_days", "status", "offers",
                   "needs", "knows", "email", "notes"]
_REQUIRED = {"contact": "contact"}
_OPTIONAL = {k: k for k in ["circle", "chemistry", "cadencedays", "status", "offers", "needs", "knows", "email",
                            "notes"]}
_OPTIONAL["cadencedays"] = "cadence_days"
_ALIASES = {"emails": "email", "emailaddress": "email", "emailaddresses": "email"}


def read_contacts(path: str | Path | bytes, *, display: str | None = None,
                  problems: Problems | None = None) -> pd.DataFrame:
    """Read ``contacts.csv``: the user's annotations, one row per person.

    Parameters
    ----------
    path : path or bytes
        ``contacts.csv`` (never written to).  Only ``contact`` is required;
        the other columns may be missing or empty.
    display : str, optional
        The name used in messages (default: the file's name).
    problems : Problems, optional
        Collect problems here and return what could be read; without it an
        :class:`~netanalysis.errors.InputError` is raised if any error was found
        (an empty contact, a person listed twice, a chemistry outside 1-5, an
        unknown status, ...).

    Returns
    -------
    DataFrame
        The columns listed in the module docstring, one row per line of the
        file; circles, offers and needs lower-cased.

    Examples
    --------
    >>> df = read_contacts(b"contact,circle,chemistry,offers\\nAnn Lee,Client,4,Python; Hiring\\n")
    >>> df.loc[0, "circle"], int(df.loc[0, "chemistry"]), df.loc[0, "offers"]
    ('client', 4, 'python;hiring')
    """
    display = display or (Path(path).name if not isinstance(path, bytes) else "contacts.csv")
    own = problems is None
    problems = Problems() if own else problems
    table = read_csv_table(path, display=display, required=_REQUIRED, optional=_OPTIONAL, problems=problems,
                           aliases=_ALIASES, unescape=True)
    if table is None:
        frame = pd.DataFrame({c: pd.Series(dtype=str) for c in CONTACT_COLUMNS})
        frame = frame.astype({"line": "int64", "chemistry": "Int64", "cadence_days": "Int64"})
    else:
        frame = _build(table.frame, display, problems)
    if own:
        problems.raise_if_errors()
    return frame


def _whole_numbers(raw: pd.DataFrame, column: str, shown: str, low: int, high: int | None,
                   display: str, problems: Problems, fix: str) -> pd.Series:
    text = raw[column]
    number = to_number(text)
    ok = number.notna() & (number == number.round()) & (number >= low)
    if high is not None:
        ok &= number <= high
    bad = (text != "") & ~ok
    for index in bad[bad].index:
        problems.error(display, f"is not a whole number from {low}" + (f" to {high}" if high else " up"),
                       line=int(raw.at[index, "line"]), column=shown, value=raw.at[index, column],
                       fix=fix, code=f"bad-{shown}")
    return number.where(ok).astype("Int64")


def _emails(raw: pd.DataFrame, display: str, problems: Problems) -> pd.Series:
    """The ``email`` cells as ``;``-joined normal addresses; a part that is not an address is an error."""
    def tidy(cell: str) -> tuple[str, list[str]]:
        good, bad = [], []
        for part in cell.replace(",", ";").split(";"):
            part = part.strip()
            if not part:
                continue
            email = normal_email(part)
            if email and email not in good:
                good.append(email)
            elif not email:
                bad.append(part)
        return ";".join(good), bad

    done = map_unique(raw["email"], tidy)
    for index, (_, bad) in done.items():
        for part in bad:
            problems.error(display, "is not an e-mail address", line=int(raw.at[index, "line"]), column="email",
                           value=part, code="bad-email",
                           fix="write addresses like ann@example.com, several separated by ;")
    return map_each(done, lambda pair: pair[0])


def _build(raw: pd.DataFrame, display: str, problems: Problems) -> pd.DataFrame:
    contact = map_unique(raw["contact"], clean_text)
    for index in contact[contact == ""].index:
        problems.error(display, "is empty", line=int(raw.at[index, "line"]), column="contact", value="",
                       fix="write the person's name as on LinkedIn, or their profile URL; or delete the row",
                       code="missing-value")
    keys = map_unique(contact, match_key)
    named = keys[keys != ""]
    repeated = named[named.duplicated()]
    if len(repeated):
        first_seen = dict(zip(named[~named.duplicated()], raw.loc[named[~named.duplicated()].index, "line"]))
        for index, key in repeated.items():
            problems.error(display, "is listed twice", line=int(raw.at[index, "line"]), column="contact",
                           value=contact[index], code="duplicate",
                           fix=f"merge it with line {first_seen[key]} (one row per person)")
    status = map_each(raw["status"], str.lower)
    bad = (status != "") & ~status.isin(STATUSES)
    for index in bad[bad].index:
        problems.error(display, "is not one of develop, keep, wind-down", line=int(raw.at[index, "line"]),
                       column="status", value=raw.at[index, "status"], code="bad-status",
                       fix=did_you_mean(raw.at[index, "status"], STATUSES) or "write develop, keep or wind-down")
    knows = split_list(raw["knows"])
    named = int(map_unique(knows, lambda cell: cell.count(";") + 1 if cell else 0).sum()) if len(knows) else 0
    if named > MAX_KNOWS:
        problems.error(display, f"names {named:,} people in 'knows' (at most {MAX_KNOWS:,} are read)",
                       column="knows", code="too-many", fix="name the people each contact knows well, not everyone")
        knows = pd.Series("", index=raw.index, dtype=object)
    return pd.DataFrame({
        "line": raw["line"].astype("int64"),
        "contact": contact,
        "circle": map_unique(raw["circle"], lambda v: clean_text(v).lower()),
        "chemistry": _whole_numbers(raw, "chemistry", "chemistry", 1, 5, display, problems,
                                    "write 1 (no wish to network) to 5 (great chemistry), or leave it empty"),
        "cadence_days": _whole_numbers(raw, "cadencedays", "cadence_days", 1, 3650, display, problems,
                                       "write the wanted days between contacts, e.g. 30, or leave it empty"),
        "status": status,
        "offers": split_list(raw["offers"], lower=True),
        "needs": split_list(raw["needs"], lower=True),
        "knows": knows,
        "email": _emails(raw, display, problems),
        "notes": raw["notes"],  # free text, shown as written (already trimmed)
    }).reset_index(drop=True)
