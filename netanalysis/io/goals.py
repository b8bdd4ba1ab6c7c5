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
    max_meeting_size = 8      # a calendar event with more attendees ties nobody
    [me]
    emails = ["me@example.dk", "me@work.example"]   # your addresses, for calendar and mail

Every section and key is checked: an unknown one (``[reveiw]``, a typo) is
an error with a did-you-mean, never silently ignored, and so is a key of the
wrong shape (``mission = "..."`` where the ``[mission]`` table is expected).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputError, Problems
from .fields import did_you_mean
from .files import read_input

__all__ = ["Goals", "read_goals", "goals_without_me", "SECTIONS"]


@dataclass(frozen=True)
class Goals:
    """The mission and the review's settings (defaults when no file is given)."""

    statement: str = ""
    purposes: dict[str, float] = field(default_factory=dict)
    window_days: int = 365
    half_life_days: float = 180.0
    actions_per_week: int = 5
    trusted_strength: float = 0.35
    # Left out of the repr: the addresses are personal (a notebook that shows ``net.goals`` shows
    # none), and the stored notebook outputs stay as they were.
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
#: The sections of goals.toml and their keys (``None``: any key, a purpose's name).
SECTIONS: dict[str, tuple[str, ...] | None] = {
    "mission": ("statement",),
    "purposes": None,
    "review": tuple(_REVIEW_KEYS),
    "me": ("emails",),
}
_SHAPES = {"mission": 'statement = "..."', "purposes": "sales = 0.4", "review": "half_life_days = 180",
           "me": 'emails = ["me@example.dk"]'}
_EMAIL = re.compile(r"[^@\s<>(),;:\"'\[\]]+@[^@\s<>(),;:\"'\[\]]+\.[A-Za-z]{2,}")
_FIX = "write key = value lines under [mission], [purposes], [review] and [me]; strings in quotes"


def read_goals(path: str | Path | bytes, *, display: str | None = None,
               problems: Problems | None = None) -> Goals:
    """Read ``goals.toml``: the mission, the purpose targets, the review's settings and your addresses.

    Purpose targets may be shares (0.4) or percentages (40); they are scaled to
    sum to 1.

    Parameters
    ----------
    path : path or bytes
        ``goals.toml`` (never written to; at most 1 MiB).
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
    >>> g.purposes, g.half_life_days, g.max_meeting_size
    ({'sales': 0.6, 'learning': 0.4}, 90.0, 8)
    >>> read_goals(b"[reveiw]\\nhalf_life_days = 30\\n")
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: goals.toml line 1, column 'reveiw': is not a section of goals.toml. Fix: did you mean [review]?
    """
    display = display or (Path(path).name if not isinstance(path, bytes) else "goals.toml")
    own = problems is None
    problems = Problems() if own else problems
    goals = _read(path, display, problems)
    if own:
        problems.raise_if_errors()
    return goals


def _parse(path, display: str, problems: Problems) -> tuple[str, dict] | None:
    """The file's text and its TOML document, or ``None`` after recording why not."""
    try:
        data = path if isinstance(path, bytes) else read_input(path, display)
    except InputError as exc:
        problems.items.extend(exc.problems)
        return None
    if not data:
        problems.error(display, "is empty (0 bytes)", code="empty",
                       fix="write at least a [purposes] table, or delete the file to use the defaults")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(display, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                       line=data[: exc.start].count(b"\n") + 1, code="encoding", fix="save it as UTF-8")
        return None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(where.group(1)) if where else None)
        problems.error(display, f"is not valid TOML ({exc})", line=line, code="toml", fix=_FIX)
    except RecursionError:
        problems.error(display, "nests tables or lists too deeply to be read", code="toml", fix=_FIX)
    except (ValueError, TypeError, MemoryError) as exc:  # pragma: no cover - tomllib raises TOMLDecodeError
        problems.error(display, f"cannot be read as TOML ({type(exc).__name__})", code="toml", fix=_FIX)
    return None


def _read(path, display: str, problems: Problems) -> Goals:
    parsed = _parse(path, display, problems)
    if parsed is None:
        return Goals()
    text, doc = parsed
    ok = True

    def bad(key: str, value, message: str, fix: str, code: str = "bad-goal") -> None:
        nonlocal ok
        ok = False
        shown = None if isinstance(value, dict) else _shown(value)
        problems.error(display, message, line=_line_of(text, key), column=key, value=shown, fix=fix, code=code)

    sections = {}
    for name, value in doc.items():
        if name in SECTIONS and isinstance(value, dict):
            sections[name] = value
        elif name in SECTIONS:
            bad(name, value, f"must be a table: write [{name}] on its own line, then {_SHAPES[name]} under it",
                f"write [{name}] and {_SHAPES[name]} on the next line", "wrong-shape")
        else:
            home = next((s for s, keys in SECTIONS.items() if keys and name in keys), None)
            if home is not None:
                bad(name, value, "is outside its section", f"write it under [{home}]", "unknown-key")
            else:
                hint = did_you_mean(name, SECTIONS, form="[{}]") or f"the sections are {_sections()}"
                bad(name, value, "is not a section of goals.toml", hint, "unknown-key")
    for name, keys in SECTIONS.items():
        for key, value in (sections.get(name, {}).items() if keys else ()):
            if key not in keys:
                hint = did_you_mean(key, keys) or f"[{name}] takes {', '.join(keys)}"
                bad(f"{name}.{key}", value, f"is not a key of [{name}]", hint, "unknown-key")

    statement = sections.get("mission", {}).get("statement", "")
    if not isinstance(statement, str):
        bad("mission.statement", statement, "is not text", 'write statement = "..." in quotes')
        statement = ""
    purposes: dict[str, float] = {}
    for name, share in sections.get("purposes", {}).items():
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
    for key, value in sections.get("review", {}).items():
        if key not in _REVIEW_KEYS:
            continue
        kind, low, high = _REVIEW_KEYS[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high \
                or (kind is int and value != int(value)):
            bad(f"review.{key}", value, f"is not a {'whole ' if kind is int else ''}number from {low} to {high}",
                f"write {key} = a number in that range")
        else:
            settings[key] = kind(value)
    emails = _emails(sections.get("me", {}).get("emails", []), bad)
    if not ok:
        return Goals()
    return Goals(statement=statement, purposes=purposes, given=True, me_emails=emails, **settings)


def _emails(value, bad) -> tuple[str, ...]:
    """``[me] emails``: one address or a list of them, lower-cased, each once."""
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list):
        bad("me.emails", value, "is not a list of addresses", 'write emails = ["me@example.dk", "me@work.example"]',
            "wrong-shape")
        return ()
    out = []
    for item in value:
        if not isinstance(item, str) or not _EMAIL.fullmatch(item.strip()):
            bad("me.emails", item, "is not an e-mail address", 'write each address in quotes, like "me@example.dk"')
        elif item.strip().lower() not in out:
            out.append(item.strip().lower())
    return tuple(out)


def _shown(value) -> str:
    text = repr(value) if isinstance(value, (list, str)) and not isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _sections() -> str:
    return ", ".join(f"[{name}]" for name in SECTIONS)


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
