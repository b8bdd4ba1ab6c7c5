"""The sample personas: who the owner is and the knobs that give each its trait.

Each persona exaggerates one piece of the seeds' advice being ignored (or, for
the matchmaker, followed), so the review's headline finding is that rule:

========== ================= ===========================================================
persona    headline rule     trait
========== ================= ===========================================================
collector  ``depth``         1500 connections, 150 log rows spread thin; most never met
taker      ``reciprocity``   receives in ~75% of the log rows, gives in ~15%
loyalist   ``renewal``       ~80% of the effort on (former) colleagues of one employer
drifter    ``staleness``     strong ties of 2-3 years ago, silent for 9+ months
matchmaker ``matchmaking``   balanced, many introductions, trusted contacts to connect
student    ``follow-up``     60 connections, a third new in the last 2 months, never met
========== ================= ===========================================================
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Owner", "Persona", "PERSONAS", "DEFAULT_PERSONA"]


@dataclass(frozen=True)
class Owner:
    """The person whose network it is (``Profile.csv``)."""

    first: str
    last: str
    headline: str
    summary: str
    industry: str
    employer: str
    former_employer: str
    zip_code: str = "2100"
    geo: str = "Copenhagen, Capital Region of Denmark, Denmark"
    birth: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


#: Default share of the people in the log, and of the log rows, per circle.
_BALANCED = {"colleague": (0.15, 0.17), "former-colleague": (0.12, 0.10),
             "client": (0.17, 0.20), "partner": (0.14, 0.15), "community": (0.17, 0.13),
             "mentor": (0.05, 0.08), "friend": (0.06, 0.06), "family": (0.01, 0.02),
             "other": (0.13, 0.09)}


@dataclass(frozen=True)
class Persona:
    """A synthetic network owner and the parameters of their data.

    Attributes
    ----------
    name, rule, description
        Identifier, the review rule of the defining trait, and a one-line story.
    connections, interactions, messages
        Default counts: rows of ``Connections.csv`` (hidden members included),
        of ``interactions.csv`` and of ``messages.csv``.
    connection_years, recent_connections, growth, followed_up
        How far back the connections go; the share made in the last 60 days;
        > 1 makes the older connections lean towards recent years, < 1 towards
        the first years; the share of the connections made in the last 90 days
        (and not in the log) that the owner wrote to within days.
    rows_per_person, effort_sigma
        Mean log rows per person in the log; spread (log-normal sigma) of the
        effort between them.
    direction
        Shares of ``gave``, ``received``, ``mutual`` rows.
    circles
        circle -> (share of the people in the log, share of the log rows).
    new_share, cold_share, cold_by_effort, warm_effort, old_skew
        Share of logged people first met in the last 12 months; share not seen
        for 9+ months (the strongest ones if ``cold_by_effort``); effort
        multiplier of the still-warm ties; > 1 pushes a tie's rows towards its
        beginning.
    intro_share, matches, offers_share, needs_share
        Share of the log that is introductions; planted introductions to make;
        shares of annotated people with offers and needs.
    employer_share, outgoing_invites, initiative, endorse_given, endorse_received,
    recommendations
        Archive knobs: share of connections at the owner's employer; share of
        invitations the owner sent; share of conversations the owner opened;
        endorsements per connection given/received; (given, received)
        recommendations.
    mission, goals
        ``goals.toml``: mission statement and target share per purpose.
    """

    name: str
    rule: str
    description: str
    owner: Owner
    connections: int
    interactions: int
    messages: int
    connection_years: float = 10.0
    recent_connections: float = 0.02
    followed_up: float = 0.85
    growth: float = 1.3
    rows_per_person: float = 8.0
    effort_sigma: float = 1.0
    direction: tuple[float, float, float] = (0.36, 0.36, 0.28)
    circles: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(_BALANCED))
    new_share: float = 0.3
    cold_share: float = 0.12
    cold_by_effort: bool = False
    warm_effort: float = 1.0
    old_skew: float = 1.0
    intro_share: float = 0.03
    matches: int = 1
    offers_share: float = 0.3
    needs_share: float = 0.12
    employer_share: float = 0.06
    outgoing_invites: float = 0.5
    initiative: float = 0.5
    endorse_given: float = 0.08
    endorse_received: float = 0.12
    recommendations: tuple[int, int] = (2, 3)
    mission: str = ""
    goals: dict[str, float] = field(default_factory=dict)


PERSONAS: dict[str, Persona] = {p.name: p for p in (
    Persona(
        name="collector", rule="depth",
        description="Accepts every invitation: 1500 connections, a thin log, most never met.",
        owner=Owner("Jesper", "Holm", "Growth Hacker | 1500+ connections | Open to new opportunities",
                    "I love meeting new people!\nLet's connect.", "Marketing Services",
                    "Pleo", "Trustpilot"),
        connections=1500, interactions=150, messages=250, connection_years=12,
        recent_connections=0.02, growth=1.5, rows_per_person=1.35, effort_sigma=0.3, new_share=0.45,
        outgoing_invites=0.75, initiative=0.7, endorse_given=0.15, endorse_received=0.05,
        recommendations=(1, 1), employer_share=0.02,
        mission="Grow my network and find my next role in growth marketing",
        goals={"sales": 0.3, "job": 0.4, "learning": 0.2, "lobbying": 0.1}),
    Persona(
        name="taker", rule="reciprocity",
        description="Early-stage founder who asks for help everywhere and rarely gives back.",
        owner=Owner("Kasper", "Lind", "Founder & CEO at Datavej ApS | Fundraising",
                    "Building the data platform for Danish municipalities.", "Software Development",
                    "Datavej ApS", "Netcompany"),
        connections=400, interactions=350, messages=300, connection_years=8,
        rows_per_person=6, direction=(0.15, 0.75, 0.10), initiative=0.35,
        endorse_given=0.01, endorse_received=0.15, recommendations=(0, 5),
        mission="Fund and sell Datavej to the public sector",
        goals={"sales": 0.5, "job": 0.0, "learning": 0.2, "lobbying": 0.3}),
    Persona(
        name="loyalist", rule="renewal",
        description="Fourteen years at one utility: the network is the old colleagues.",
        owner=Owner("Birgitte", "Dahl", "Senior Project Manager at Vestjysk Energi",
                    "Projects, people and power grids.", "Utilities",
                    "Vestjysk Energi A/S", "Vestjysk Energi A/S", "6700",
                    "Esbjerg, South Denmark, Denmark", "Mar 3, 1978"),
        connections=300, interactions=500, messages=300, connection_years=14,
        recent_connections=0.005, growth=0.6, rows_per_person=10, new_share=0.03,
        circles={"colleague": (0.42, 0.46), "former-colleague": (0.33, 0.36),
                 "client": (0.05, 0.04), "partner": (0.05, 0.04), "community": (0.05, 0.03),
                 "friend": (0.04, 0.03), "family": (0.01, 0.02), "other": (0.05, 0.02)},
        employer_share=0.35, outgoing_invites=0.3,
        mission="Lead the grid modernisation programme and move into a director role",
        goals={"sales": 0.1, "job": 0.3, "learning": 0.4, "lobbying": 0.2}),
    Persona(
        name="drifter", rule="staleness",
        description="Moved from Copenhagen to Aarhus two years ago; the strong ties went quiet.",
        owner=Owner("Anders", "Bak", "Head of Analytics at Aarhus Kommune",
                    "Data, public sector and good coffee.", "Government Administration",
                    "Aarhus Kommune", "Danske Bank", "8000",
                    "Aarhus, Central Denmark Region, Denmark"),
        connections=500, interactions=600, messages=300, connection_years=11,
        rows_per_person=7.5, effort_sigma=1.1, new_share=0.12, cold_share=0.7,
        cold_by_effort=True, warm_effort=0.3, old_skew=2.2,
        mission="Build a data team in the municipality without losing my Copenhagen network",
        goals={"sales": 0.1, "job": 0.2, "learning": 0.4, "lobbying": 0.3}),
    Persona(
        name="matchmaker", rule="matchmaking",
        description="Partnerships lead between research and industry; balanced and generous, but the "
                    "introductions she could make are waiting.",
        owner=Owner("Mette", "Kjær Andersen",
                    "Partnerships Lead at Nordlys Analytics | Connecting research and industry",
                    "I help companies and universities find each other.\nEx-DTU, ex-Deloitte.",
                    "IT Services and IT Consulting", "Nordlys Analytics ApS", "Deloitte",
                    birth="Jul 12, 1984"),
        connections=800, interactions=1200, messages=600, rows_per_person=8.5,
        intro_share=0.004, matches=6, offers_share=0.45, needs_share=0.2,
        endorse_given=0.12, endorse_received=0.12, recommendations=(4, 3),
        mission="Be the bridge between Danish research and industry in applied AI",
        goals={"sales": 0.4, "job": 0.1, "learning": 0.3, "lobbying": 0.2}),
    Persona(
        name="student", rule="follow-up",
        description="Final-year MSc student collecting contacts at career fairs, following up on none.",
        owner=Owner("Sofie", "Nørgaard", "MSc student in Business Analytics at DTU | Looking for a student job",
                    "", "Higher Education", "Danmarks Tekniske Universitet", "Netto",
                    "2800", "Kongens Lyngby, Capital Region of Denmark, Denmark", "Feb 2, 2001"),
        connections=60, interactions=40, messages=60, connection_years=2.5,
        recent_connections=0.5, followed_up=0.05, growth=1.0, rows_per_person=2.5, new_share=0.5,
        circles={"colleague": (0.10, 0.12), "mentor": (0.20, 0.36), "community": (0.30, 0.32),
                 "friend": (0.25, 0.06), "family": (0.05, 0.02), "other": (0.10, 0.12)},
        outgoing_invites=0.85, initiative=0.6, endorse_given=0.05, endorse_received=0.05,
        recommendations=(0, 1), employer_share=0.15,
        mission="Land a student job in analytics and a graduate position after that",
        goals={"sales": 0.0, "job": 0.6, "learning": 0.4, "lobbying": 0.0}),
)}
DEFAULT_PERSONA = "matchmaker"
