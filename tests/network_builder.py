"""Write small networks by hand, in the real file formats, for verdict tests.

A :class:`NetworkBuilder` collects people (LinkedIn connections or people off
LinkedIn, with their ``contacts.csv`` annotations) and log rows, and writes
``Connections.csv``, ``interactions.csv``, ``contacts.csv`` and ``goals.toml``
into a folder that :func:`netanalysis.load` reads like a user's own.  Nothing
here uses the sample generator: every row is written by the test's own code,
so a test says exactly which trait its network has::

    b = NetworkBuilder(as_of="2026-11-01")
    ann = b.person("Ann Lee", circle="client", chemistry=4)
    b.every(ann, days=20, since="2025-01-01", kind="coffee")
    folder = b.write(tmp_path)

Dates are ISO strings or :class:`datetime.date`; ``every`` spaces rows by a
fixed number of days, alternating ``gave``/``received`` so the ledger stays
even unless a test says otherwise.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["NetworkBuilder", "Person", "day"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value) -> dt.date:
    """A date from an ISO string or a date."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass
class Person:
    name: str
    connected: dt.date | None = None          # None: not on LinkedIn
    company: str = ""
    position: str = ""
    circle: str = ""
    chemistry: int | None = None
    status: str = ""
    offers: str = ""
    needs: str = ""
    knows: str = ""
    cadence: int | None = None
    email: str = ""

    @property
    def first(self) -> str:
        return self.name.split(" ", 1)[0]

    @property
    def last(self) -> str:
        return self.name.split(" ", 1)[1] if " " in self.name else ""

    @property
    def url(self) -> str:
        return "https://www.linkedin.com/in/" + self.name.lower().replace(" ", "-")


@dataclass
class NetworkBuilder:
    as_of: str | dt.date = "2026-11-01"
    people: dict[str, Person] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    purposes: dict[str, float] = field(default_factory=lambda: {"sales": 0.4, "learning": 0.3,
                                                                "lobbying": 0.2, "job": 0.1})
    review: dict = field(default_factory=dict)
    statement: str = "Win public-sector clients and keep learning"
    annotate: bool = True

    def __post_init__(self) -> None:
        self.as_of = day(self.as_of)

    # -- people -------------------------------------------------------------------------------
    def person(self, name: str, *, connected="2019-03-01", **annotations) -> Person:
        """Add a LinkedIn connection (``connected=None``: a person off LinkedIn, in contacts.csv)."""
        if name in self.people:
            raise ValueError(f"{name} is already in the network")
        person = Person(name, day(connected) if connected is not None else None, **annotations)
        self.people[name] = person
        return person

    def cards(self, count: int, *, prefix: str = "Card", connected="2018-05-01", company: str = "") -> list[Person]:
        """``count`` connections never met (the pile of business cards)."""
        return [self.person(f"{prefix} {_word(k)}", connected=connected, company=company) for k in range(count)]

    # -- log ----------------------------------------------------------------------------------
    def log(self, when, contact: Person | str, kind: str, direction: str, *, value: int | None = None,
            purpose: str = "", channel: str = "", with_: tuple = (), notes: str = "") -> None:
        name = contact.name if isinstance(contact, Person) else contact
        others = ";".join(p.name if isinstance(p, Person) else p for p in with_)
        self.rows.append({"date": day(when).isoformat(), "contact": name, "kind": kind, "direction": direction,
                          "value": "" if value is None else str(value), "purpose": purpose, "channel": channel,
                          "with": others, "notes": notes})

    def every(self, contact: Person, *, days: int, since, until=None, kind: str = "coffee",
              directions: tuple[str, ...] = ("gave", "received"), value: int | None = None,
              purposes: tuple[str, ...] = ("",), with_: tuple = ()) -> int:
        """One row every ``days`` days from ``since`` up to ``until`` (default: the review date),
        cycling through ``directions`` and ``purposes``; returns the number of rows."""
        start, end = day(since), day(until) if until is not None else self.as_of
        count = 0
        when = start
        while when <= end:
            self.log(when, contact, kind, directions[count % len(directions)], value=value,
                     purpose=purposes[count % len(purposes)], with_=with_)
            count += 1
            when += dt.timedelta(days=days)
        return count

    def ago(self, days: int) -> dt.date:
        """The date ``days`` before the review date."""
        return self.as_of - dt.timedelta(days=days)

    # -- files --------------------------------------------------------------------------------
    def write(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "Connections.csv").write_text(self._connections(), encoding="utf-8")
        (folder / "interactions.csv").write_text(
            _csv(["date", "contact", "kind", "direction", "value", "purpose", "channel", "with", "notes"],
                 self.rows), encoding="utf-8")
        if self.annotate:
            (folder / "contacts.csv").write_text(self._contacts(), encoding="utf-8")
        (folder / "goals.toml").write_text(self._goals(), encoding="utf-8")
        return folder

    def _connections(self) -> str:
        rows = [{"First Name": p.first, "Last Name": p.last, "URL": p.url, "Email Address": p.email,
                 "Company": p.company, "Position": p.position,
                 "Connected On": f"{p.connected.day:02d} {_MONTHS[p.connected.month - 1]} {p.connected.year}"}
                for p in self.people.values() if p.connected is not None]
        return _csv(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], rows)

    def _contacts(self) -> str:
        rows = []
        for p in self.people.values():
            fields = {"circle": p.circle, "chemistry": "" if p.chemistry is None else str(p.chemistry),
                      "cadence_days": "" if p.cadence is None else str(p.cadence), "status": p.status,
                      "offers": p.offers, "needs": p.needs, "knows": p.knows, "email": p.email}
            if p.connected is None or any(fields.values()):
                rows.append({"contact": p.name, **fields, "notes": ""})
        return _csv(["contact", "circle", "chemistry", "cadence_days", "status", "offers", "needs", "knows",
                     "email", "notes"], rows)

    def _goals(self) -> str:
        lines = ["[mission]", f'statement = "{self.statement}"', "", "[purposes]"]
        lines += [f"{k} = {v}" for k, v in self.purposes.items()]
        lines += ["", "[review]"] + [f"{k} = {v}" for k, v in self.review.items()]
        return "\n".join(lines) + "\n"


def _csv(header: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "di", "ba")


def _word(number: int) -> str:
    """A distinct pronounceable name for a number (0 -> 'Ka', 123 -> 'Lomine')."""
    digits = str(number)
    return "".join(_SYLLABLES[int(d)] for d in digits).capitalize() + "x"
