"""A labelled set of small networks, written by hand, each with one defining trait.

Every network starts from :func:`healthy` (a network a networking coach
would call healthy: a core of ties seen at their cadence, balanced give and
take, new connections followed up, introductions made, effort spread over
new and old circles and on the mission) and changes one thing.  The trait is
what the coach would name first, so it must be the review's headline.
``MIXED`` networks change three things; their top three findings (as a set) are known.

Sizes go from 15 to 5,000 connections.  Nothing here uses the sample
generator: :class:`~network_builder.NetworkBuilder` writes every row.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from network_builder import NetworkBuilder, Person, day

__all__ = ["LABELLED", "MIXED", "healthy", "Tiers"]

AS_OF = "2026-11-01"
CIRCLES = ("client", "partner", "community", "mentor", "colleague", "former-colleague")
#: One purpose per row, cycling: 4 sales, 3 learning, 2 lobbying, 1 job in ten (the goals' targets).
PURPOSES = ("sales", "learning", "sales", "lobbying", "learning", "sales", "job", "learning", "sales", "lobbying")
KINDS = ("coffee", "meeting", "call")


@dataclass
class Tiers:
    """How many ties of each closeness a healthy network has, and how often each is seen."""

    inner: int = 5          # every 12 days  (layer 1: cadence 14)
    sympathy: int = 10      # every 27 days  (layer 2: cadence 30)
    affinity: int = 35      # every 80 days  (layer 3: cadence 90)
    active: int = 60        # every 160 days (layer 4: cadence 180)
    new: int = 6            # connected in the last 90 days, met a few days later
    intros: int = 12        # introductions made in the last year (needs covered)
    new_share: float = 0.4  # share of the affinity and active tiers begun in the last year


def healthy(connections: int = 300, *, tiers: Tiers | None = None, name: str = "H") -> tuple[NetworkBuilder, dict]:
    """A healthy network of ``connections`` LinkedIn connections; returns the builder and its people by tier."""
    t = tiers or Tiers()
    b = NetworkBuilder(as_of=AS_OF)
    people: dict[str, list[Person]] = {k: [] for k in ("inner", "sympathy", "affinity", "active", "new", "cards")}
    count = 0

    def add(tier: str, k: int, **kw) -> Person:
        nonlocal count
        count += 1
        circle = CIRCLES[count % len(CIRCLES)]
        person = b.person(f"{name}{tier.capitalize()} {_name(k)}", company=f"{tier} company {k}", circle=circle,
                          chemistry=kw.pop("chemistry", 4), status="keep", **kw)
        people[tier].append(person)
        return person

    for k in range(t.inner):
        p = add("inner", k, chemistry=5, connected="2016-04-01")
        _regular(b, p, days=12, since="2023-01-10", offset=k)
    for k in range(t.sympathy):
        p = add("sympathy", k, chemistry=5, connected="2017-06-01")
        _regular(b, p, days=27, since="2023-02-01", offset=k)
    for tier, size, days in (("affinity", t.affinity, 80), ("active", t.active, 160)):
        fresh = round(size * t.new_share)
        for k in range(size):
            new = k < fresh
            p = add(tier, k, connected=b.ago(330) if new else "2018-09-01")
            _regular(b, p, days=days, since=b.ago(320) if new else "2022-05-01", offset=k)
    for k in range(t.new):
        p = add("new", k, connected=b.ago(20 + 10 * k), chemistry=4)
        b.log(b.ago(20 + 10 * k - 4), p, "coffee", "mutual", purpose=PURPOSES[k % len(PURPOSES)])
    _introductions(b, people["affinity"], t.intros)
    met = sum(len(v) for v in people.values())
    people["cards"] = b.cards(max(0, connections - met), prefix=f"{name}Card")
    return b, people


def _regular(b: NetworkBuilder, person: Person, *, days: int, since, offset: int = 0) -> None:
    """Rows every ``days`` days from ``since`` (shifted by ``offset`` days), kinds and purposes
    cycling, gave and received alternating (a balanced ledger), up to a few days before the review."""
    when = day(since) + dt.timedelta(days=offset % days)
    k = 0
    while when <= b.as_of:
        b.log(when, person, KINDS[k % 3], ("gave", "received")[k % 2], purpose=PURPOSES[(k + offset) % 10])
        k += 1
        when += dt.timedelta(days=days)


def _introductions(b: NetworkBuilder, pool: list[Person], count: int) -> None:
    """``count`` introductions made in the last year between people in different circles, one
    offering what the other needs: the needs are then covered (the two are tied)."""
    skills = ("hiring", "funding", "press contacts", "legal", "design", "data science")
    for k in range(min(count, len(pool) // 2)):
        giver, taker = pool[2 * k], pool[2 * k + 1]
        skill = skills[k % len(skills)]
        giver.offers, taker.needs = skill, skill
        b.log(b.ago(30 + 25 * k), giver, "intro", "gave", purpose="sales", with_=(taker,))
        b.log(b.ago(20 + 25 * k), giver, "advice", "received", purpose="learning")   # the favour returned


def _name(k: int) -> str:
    first = ("Ann", "Bo", "Cai", "Dea", "Eik", "Fie", "Gry", "Hal", "Ida", "Jon", "Kim", "Lis", "Mo", "Nis")
    return f"{first[k % len(first)]}{k}"


# -- the labelled set ---------------------------------------------------------------------------

def collector():
    """2,000 connections, 250 people met once, almost no strong tie: broad and shallow."""
    b, p = healthy(2000, tiers=Tiers(inner=0, sympathy=0, affinity=3, active=0, new=4, intros=0))
    cards = p["cards"]
    for k, person in enumerate(cards[:250]):
        b.log(b.ago(40 + (k * 7) % 300), person, "coffee", "mutual", purpose=PURPOSES[k % 10])
    return b, "depth"


def taker_overall():
    """Receives most of the value: introductions, advice and referrals come in, little goes out."""
    b, p = healthy(300)
    for k, person in enumerate(p["sympathy"] + p["affinity"][:20]):
        for m in range(4):
            b.log(b.ago(15 + 40 * m + k), person, ("advice", "intro", "referral")[m % 3], "received",
                  purpose="sales")
    return b, "reciprocity"


def hidden_taker():
    """A freelancer's small network where the exchange is a client who took 22 points of value and
    gave nothing back, and a partner who gave as much (so the totals balance); the client is rated
    chemistry 4 and offers what the partner needs.  The regular contacts are mutual coffees."""
    b, p = healthy(40, tiers=Tiers(inner=3, sympathy=4, affinity=8, active=8, new=2, intros=0))
    for row in b.rows:
        row["direction"] = "mutual"
    peter = b.person("Peter Taker", circle="client", chemistry=4, status="develop", offers="funding",
                     connected="2021-03-01", company="Taker Holding")
    lena = b.person("Lena Giver", circle="partner", chemistry=5, status="develop", needs="funding",
                    connected="2020-03-01", company="Giver Lab")
    for m, (kind, value) in enumerate((("referral", 5), ("intro", 4), ("advice", 3), ("help", 4), ("intro", 4),
                                       ("advice", 2))):
        b.log(b.ago(10 + 25 * m), peter, kind, "gave", value=value, purpose="sales")
        b.log(b.ago(12 + 25 * m), lena, kind, "received", value=value, purpose="learning")
        b.log(b.ago(14 + 25 * m), lena, "coffee", "mutual", purpose="learning")
    return b, "reciprocity"


def owing():
    """The closest relations keep giving (advice, introductions, help) and nothing goes back."""
    b, p = healthy(300)
    core = {x.name for x in p["inner"] + p["sympathy"]}
    for row in b.rows:
        if row["contact"] in core:
            row["direction"] = "received"
    return b, "reciprocity"


def cold_core():
    """The inner fifteen, seen every week or two for years, went quiet four to eight months ago."""
    b, p = healthy(400)
    core = {x.name for x in p["inner"] + p["sympathy"]}
    quiet = {name: 120 + 8 * k for k, name in enumerate(sorted(core))}
    b.rows = [r for r in b.rows if not (r["contact"] in quiet and r["date"] > b.ago(quiet[r["contact"]]).isoformat())]
    return b, "staleness"


def card_pile():
    """Forty new connections in the last three months, none met or written to since."""
    b, _ = healthy(800)
    for k in range(40):
        b.person(f"Fresh Face{_name(k)}", connected=b.ago(5 + 2 * k), company=f"fresh {k}")
    return b, "follow-up"


def unmade_introductions():
    """Trusted contacts in different circles need what others offer; no introduction was made this year."""
    b, p = healthy(300, tiers=Tiers(intros=0))
    skills = ("hiring", "funding", "press contacts", "legal", "design", "data science")
    pool = p["inner"] + p["sympathy"]
    for k in range(6):
        giver, needer = pool[k], pool[k + 7]
        giver.offers, needer.needs = skills[k], skills[k]
    return b, "matchmaking"


def old_circle():
    """Fourteen years in one firm: four fifths of the effort on colleagues, nothing new."""
    b, p = healthy(300, tiers=Tiers(new_share=0.0, new=0))
    for tier in ("inner", "sympathy", "affinity"):
        for k, person in enumerate(p[tier]):
            person.circle = "colleague" if k % 2 == 0 else "former-colleague"
    for k, person in enumerate(p["active"]):
        person.circle = "colleague" if k % 5 else "client"
    return b, "renewal"


def family_first():
    """Family and close friends take two fifths of the networking effort, marked 'develop'."""
    b, _ = healthy(150, tiers=Tiers(affinity=20, active=20))
    for k in range(6):
        relative = b.person(f"Kin Folk{_name(k)}", connected=None if k % 2 else "2015-01-01",
                            circle="family" if k < 3 else "friend", chemistry=5, status="develop")
        _regular(b, relative, days=7, since="2024-01-01", offset=k)
    return b, "family"


def low_chemistry():
    """A third of the effort goes to people rated 1-2 for chemistry."""
    b, p = healthy(200)
    for person in p["inner"] + p["sympathy"][:5]:
        person.chemistry = 1 if person.name.endswith(("0", "2", "4", "6", "8")) else 2
        person.status = "keep"
    return b, "chemistry"


def off_mission():
    """The mission is sales and learning; almost every interaction was about a job."""
    b, _ = healthy(300)
    for row in b.rows:
        row["purpose"] = "job"
    b.purposes = {"sales": 0.5, "learning": 0.3, "lobbying": 0.2}
    return b, "purpose"


def student():
    """Fifteen connections, ten of them made at a career fair in the last two months, none followed up."""
    b, p = healthy(5, tiers=Tiers(inner=2, sympathy=2, affinity=1, active=0, new=0, intros=0))
    for k in range(10):
        b.person(f"Fair Contact{_name(k)}", connected=b.ago(10 + 5 * k), company=f"fair {k}")
    b.cards(max(0, 15 - len(b.people)))
    return b, "follow-up"


LABELLED = {f.__name__: f for f in (collector, taker_overall, hidden_taker, owing, cold_core, card_pile,
                                    unmade_introductions, old_circle, family_first, low_chemistry,
                                    off_mission, student)}


# -- mixed: three traits each, the expected top three (a set) -----------------------------------

def mixed_drift():
    """The core went quiet, most new connections not followed up, a fifth of the effort on family."""
    b = cold_core()[0]
    for k in range(12):
        b.person(f"Mixed New{_name(k)}", connected=b.ago(8 + 6 * k))
    for k in range(4):
        relative = b.person(f"Mixed Kin{_name(k)}", connected=None, circle="family", chemistry=5)
        _regular(b, relative, days=9, since="2025-06-01", offset=k)
    return b, {"staleness", "follow-up", "family"}


def mixed_taker():
    """Takes more than gives, stuck with old colleagues, effort off mission."""
    b = old_circle()[0]
    for row in b.rows:
        if row["kind"] in KINDS and row["direction"] == "gave":
            row["direction"] = "received"
        row["purpose"] = "job" if row["purpose"] in ("sales", "lobbying") else row["purpose"]
    return b, {"reciprocity", "renewal", "purpose"}


def mixed_collector():
    """5,000 connections mostly never met and 400 people met once at events, five strong ties,
    forty new connections not followed up, introductions waiting among the few strong ties."""
    b, p = healthy(5000, tiers=Tiers(inner=1, sympathy=2, affinity=2, active=0, new=2, intros=0))
    for k, person in enumerate(p["cards"][:400]):
        b.log(b.ago(30 + (k * 11) % 320), person, "event", "mutual", purpose=PURPOSES[k % 10])
    for k in range(40):
        b.person(f"Collected Card{_name(k)}", connected=b.ago(4 + 2 * k))
    skills = ("hiring", "funding")
    pool = p["inner"] + p["sympathy"] + p["affinity"]
    for k in range(2):
        pool[k].offers, pool[k + 2].needs = skills[k], skills[k]
    return b, {"depth", "follow-up", "matchmaking"}


MIXED = {f.__name__: f for f in (mixed_drift, mixed_taker, mixed_collector)}
