"""Reader for ``goals.toml``, the user's mission (optional).

::

    [mission]
    statement = "Win two public-sector clients and grow as a data lead"
    [purposes]            # target share of effort per arena; shares or percentages
    sales = 0.4
    learning = 0.3
    [review]
    window_days = 365     # what counts as "active" and recent effort
    half_life_days = 180  # tie strength halves after this many days without contact
    actions_per_week = 5
    trusted_strength = 0.35   # strength from which a tie counts as trusted (introductions)
    max_meeting_size = 8      # calendar: a larger event (attendees, you included) ties nobody
    [me]
    emails = ["kim@example.com", "kim.owner@gmail.com"]   # your addresses in calendar and mail
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import Problems

__all__ = ["Goals", "read_goals", "goals_without_me"]


@dataclass(frozen=True)
class Goals:
    """The mission and the review's settings (defaults when no file is given)."""

    statement: str = ""
    purposes: dict[str, float] = field(default_factory=dict)
    window_days: int = 365
    half_life_days: float = 180.0
    actions_per_week: int = 5
    trusted_strength: float = 0.35
    # repr=False: the owner's addresses stay out of a notebook's printout (and the
    # stored notebook outputs keep the repr they had before these two settings).
    #: Calendar events with more attendees than this (the owner included) are ``event`` s: they tie nobody.
    max_meeting_size: int = field(default=8, repr=False)
    #: The owner's e-mail addresses (``[me] emails``), lower-cased; () when not given.
    me_emails: tuple[str, ...] = field(default=(), repr=False)
    given: bool = False  # True when read from a file

    def to_dict(self) -> dict:
        """The settings as plain values, without ``me_emails`` (a summary never holds an address)."""
        out = asdict(self)
        del out["me_emails"]
        return out


_REVIEW_KEYS = {
    "window_days": (int, 1, 3650),
    "half_life_days": (float, 1, 3650),
    "actions_per_week": (int, 1, 50),
    "trusted_strength": (float, 0, 1),
    "max_meeting_size": (int, 2, 1000),
}


def read_goals(path: str | Path | bytes, *, display: str | None = None,
               problems: Problems | None = None) -> Goals:
    """Read ``goals.toml``: the mission, the purpose targets and the review's settings.

    Purpose targets may be shares (0.4) or percentages (40); they are scaled to
    sum to 1.

    Parameters
    ----------
    path : path or bytes
        ``goals.toml`` (never written to).
    display : str, optional
        The name used in messages (default: the file's name).
    problems : Problems, optional
        Collect problems here and return what could be read (the defaults,
        when anything is wrong); without it an
        :class:`~netanalysis.errors.InputError` is raised if any error was found.

    Returns
    -------
    Goals
        ``statement``, ``purposes`` (targets summing to 1), ``window_days``,
        ``half_life_days``, ``actions_per_week``, ``trusted_strength``,
        ``max_meeting_size``, ``me_emails`` (``[me] emails``, lower-cased) and
        ``given=True``.

    Examples
    --------
    >>> g = read_goals(b"[purposes]\\nsales = 60\\nlearning = 40\\n[review]\\nhalf_life_days = 90\\n")
    >>> g.purposes, g.half_life_days
    ({'sales': 0.6, 'learning': 0.4}, 90.0)
    """
    display = display or (Path(path).name if not isinstance(path, bytes) else "goals.toml")
    own = problems is None
    problems = Problems() if own else problems
    goals = _read(path, display, problems)
    if own:
        problems.raise_if_errors()
    return goals


def _read(path, display: str, problems: Problems) -> Goals:
    try:
        data = path if isinstance(path, bytes) else Path(path).read_bytes()
    except OSError as exc:
        problems.error(display, f"cannot be read ({exc.strerror or exc})", code="unreadable",
                       fix="check the path")
        return Goals()
    if not data:
        problems.error(display, "is empty (0 bytes)", code="empty",
                       fix="write at least a [purposes] table, or delete the file to use the defaults")
        return Goals()
    try:
        text = data.decode("utf-8-sig")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        problems.error(display, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                       line=data[: exc.start].count(b"\n") + 1, code="encoding", fix="save it as UTF-8")
        return Goals()
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(where.group(1)) if where else None)
        problems.error(display, f"is not valid TOML ({exc})", line=line, code="toml",
                       fix="write key = value lines under [mission], [purposes] and [review]; strings in quotes")
        return Goals()
    ok = True

    def bad(key: str, value, message: str, fix: str) -> None:
        nonlocal ok
        ok = False
        problems.error(display, message, line=_line_of(text, key), column=key, value=str(value), fix=fix,
                       code="bad-goal")

    mission = doc.get("mission", {})
    statement = mission.get("statement", "") if isinstance(mission, dict) else ""
    if not isinstance(statement, str):
        bad("mission.statement", statement, "is not text", 'write statement = "..." in quotes')
        statement = ""
    purposes: dict[str, float] = {}
    raw_purposes = doc.get("purposes", {})
    if not isinstance(raw_purposes, dict):
        bad("purposes", raw_purposes, "is not a table", "write [purposes] and then lines like sales = 0.4")
        raw_purposes = {}
    for name, share in raw_purposes.items():
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share < float("inf"):
            bad(f"purposes.{name}", share, "is not a share >= 0", "write a share like 0.4 or a percentage like 40")
        else:
            purposes[str(name).strip().lower()] = float(share)
    total = sum(purposes.values())
    if purposes and total <= 0:
        bad("purposes", total, "add up to 0", "give at least one purpose a share above 0")
    elif purposes:
        purposes = {k: round(v / total, 6) for k, v in purposes.items()}
    settings: dict[str, float] = {}
    review = doc.get("review", {})
    for key, value in (review.items() if isinstance(review, dict) else []):
        if key not in _REVIEW_KEYS:
            problems.warning(display, "is not a known setting and is ignored", column=f"review.{key}",
                             line=_line_of(text, f"review.{key}"),
                             value=str(value), fix=f"known settings: {', '.join(_REVIEW_KEYS)}",
                             code="unknown-setting")
            continue
        kind, low, high = _REVIEW_KEYS[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high \
                or (kind is int and value != int(value)):
            bad(f"review.{key}", value, f"is not a {'whole ' if kind is int else ''}number from {low} to {high}",
                f"write {key} = a number in that range")
        else:
            settings[key] = kind(value)
    me_emails = _me_emails(doc.get("me", {}), text, display, problems, bad)
    if not ok:
        return Goals()
    return Goals(statement=statement, purposes=purposes, me_emails=me_emails, given=True, **settings)


def _me_emails(me, text: str, display: str, problems: Problems, bad) -> tuple[str, ...]:
    """``[me] emails``: one address or a list of them, lower-cased, each once."""
    from .addresses import normal_email

    if not isinstance(me, dict):
        bad("me", me, "is not a table", 'write [me] and then emails = ["you@example.com"]')
        return ()
    for key, value in me.items():
        if key != "emails":
            problems.warning(display, "is not a known setting and is ignored", column=f"me.{key}",
                             line=_line_of(text, f"me.{key}"), value=str(value), fix="known settings: emails",
                             code="unknown-setting")
    emails = me.get("emails", [])
    emails = [emails] if isinstance(emails, str) else emails
    if not isinstance(emails, list):
        bad("me.emails", emails, "is not a list of e-mail addresses", 'write emails = ["you@example.com"]')
        return ()
    found = []
    for value in emails:
        email = normal_email(value) if isinstance(value, str) else ""
        if not email:
            bad("me.emails", value, "is not an e-mail address", 'write emails = ["you@example.com", ...]')
        elif email not in found:
            found.append(email)
    return tuple(found)


def goals_without_me(data: bytes) -> bytes:
    """``goals.toml`` without its ``[me]`` table (the owner's addresses), for a copy to hand in.

    Every other line is kept byte for byte; a ``me.emails = ...`` or
    ``me = {...}`` line outside the table goes too.

    >>> goals_without_me(b'[mission]\\nstatement = "x"\\n[me]\\nemails = ["kim@x.com"]\\n[review]\\nwindow_days = 90\\n')
    b'[mission]\\nstatement = "x"\\n[review]\\nwindow_days = 90\\n'
    """
    out = []
    inside = False
    for line in data.splitlines(keepends=True):
        stripped = line.strip().lstrip(b"\xef\xbb\xbf")
        if stripped.startswith(b"["):
            inside = re.match(rb"\[+\s*me\s*[\].]", stripped) is not None
            if inside:
                continue
        if inside or re.match(rb"me\s*(\.|=)", stripped):
            continue
        out.append(line)
    return b"".join(out)


def _line_of(text: str, key: str) -> int | None:
    """The line (1-based) where ``key`` (``table.name`` or ``name``) is set, if it can be found.

    >>> _line_of("[purposes]\\nsales = -1\\n", "purposes.sales"), _line_of("[review]\\n", "review")
    (2, 1)
    """
    table, _, name = key.rpartition(".")
    section = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("["):
            section = line.strip("[] \t").strip()
            if not table and section == name:
                return number
            continue
        if section == table and re.match(rf"{re.escape(name)}\s*=", line):
            return number
    return None
