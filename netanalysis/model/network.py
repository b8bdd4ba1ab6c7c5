"""The loaded network: people, the interaction log matched to them, goals.

``Network.people`` (index ``person_id``) has one row per real connection and
one per person off LinkedIn, with the connection columns of
:mod:`netanalysis.io.connections`, ``on_linkedin`` (bool) and the annotation
columns of :mod:`netanalysis.io.contacts` (empty when not annotated).
``Network.log`` is the interaction log with ``person_id`` and ``with_ids``
(a tuple of person ids) added.  ``Network.meetings`` and ``Network.mails``
are the calendar's and the mail's evidence of contact, matched to people
(columns in :mod:`netanalysis.model.evidence`; ``None`` when not given), and
``Network.evidence`` says what they gave in numbers.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .._format import join_and
from ..errors import Problem
from ..io.goals import Goals
from .evidence import EvidenceSummary
from .matching import Matcher

__all__ = ["Network"]


@dataclass
class Network:
    """Everything a review needs, as loaded (no date applied yet)."""

    people: pd.DataFrame
    log: pd.DataFrame
    goals: Goals = field(default_factory=Goals)
    hidden_members: int = 0
    #: When each hidden or deleted member connected (NaT if unknown), so a replay can count them as of a date.
    hidden_dates: list = field(default_factory=list, repr=False)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    archive: object | None = None
    owner: str = ""
    #: The name/URL index built while loading, reused to match the archive's rows.
    matcher: Matcher | None = field(default=None, repr=False, compare=False)
    #: Calendar: one row per (attended occurrence, matched other attendee); None without a calendar.
    meetings: pd.DataFrame | None = None
    #: Mail: one row per (mail, matched counterpart); None without mail.
    mails: pd.DataFrame | None = None
    #: What calendar and mail gave, in numbers (:class:`~netanalysis.model.evidence.EvidenceSummary`).
    evidence: EvidenceSummary | None = None

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def dated_after(self, day: dt.date) -> list[Problem]:
        """One warning per archive file with rows dated after ``day`` (today: rows from the future).

        A review as of a date leaves such rows out; a LinkedIn export holds
        none, so they are worth a look.

        >>> from netanalysis.io.linkedin.archive import Archive
        >>> rows = pd.DataFrame({"date": pd.to_datetime(["2030-01-01"]), "direction": ["given"], "line": [7]})
        >>> net = Network(people=pd.DataFrame(), log=pd.DataFrame(), archive=Archive(endorsements=rows))
        >>> print(net.dated_after(dt.date(2026, 11, 1))[0])
        Endorsement_Given_Info.csv line 7: 1 row(s) are dated after today (2026-11-01): left out of a review as of today. Fix: check the dates in the file (an export holds none from the future)
        """
        archive = self.archive
        if archive is None:
            return []
        end = pd.Timestamp(day) + pd.Timedelta(days=1)
        found = []
        for attribute, names in (("messages", {"": "messages.csv"}), ("invitations", {"": "Invitations.csv"}),
                                 ("endorsements", {"received": "Endorsement_Received_Info.csv",
                                                   "given": "Endorsement_Given_Info.csv"}),
                                 ("recommendations", {"received": "Recommendations_Received.csv",
                                                      "given": "Recommendations_Given.csv"})):
            frame = getattr(archive, attribute, None)
            if frame is None or not len(frame):
                continue
            later = frame[frame["date"] >= end]
            for direction, name in names.items():
                rows = later if not direction else later[later["direction"] == direction]
                if len(rows):
                    found.append(Problem(
                        name, f"{rows['line'].nunique()} row(s) are dated after today ({day.isoformat()}): left "
                              "out of a review as of today", line=int(rows["line"].min()), severity="warning",
                        code="future-date", fix="check the dates in the file (an export holds none from the future)"))
        return found

    def missing(self) -> list[str]:
        """Inputs not given, each with what the review cannot answer without it."""
        out = []
        if "interactions" not in self.sources:
            others = [k for k in ("archive", "calendar", "mail") if k in self.sources]
            out.append("interactions.csv (no log of your own: " + (
                "contact comes from the " + join_and(others) + " alone; a log adds what was given and received "
                "in meetings, calls and help, and what each was for" if others else
                "nothing shows who you are in touch with; strength, reciprocity, staleness and effort need a log, "
                "the LinkedIn archive, a calendar or mail") + ")")
        if "contacts" not in self.sources:
            out.append("contacts.csv (no circles, chemistry, cadences, offers and needs)")
        if "goals" not in self.sources:
            out.append("goals.toml (no purpose targets; default settings used)")
        if "archive" not in self.sources:
            out.append("the LinkedIn archive (no messages, invitations, endorsements or recommendations)")
        if "calendar" not in self.sources:
            out.append("calendar (.ics): meetings are counted only from your log")
        if "mail" not in self.sources:
            out.append("mail (.mbox): e-mails are counted only from your log")
        return out
