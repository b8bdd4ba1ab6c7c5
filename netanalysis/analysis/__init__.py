"""The strategic review: every question answered as plain data, as of a date.

>>> import netanalysis
>>> rev = netanalysis.review(netanalysis.load(netanalysis.bundled_sample()), as_of="2026-11-01")
>>> rev.findings[0].rule
'matchmaking'

Each question lives in its own module and returns a :class:`Result`
dataclass; each module also turns its result into :class:`Finding` s (one
rule of the seeds' advice each) and candidate :class:`Action` s.  This module
runs them in order, ranks the findings (the first is the headline) and keeps
the week's top actions.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import networkx as nx
import pandas as pd

from .._gc import gc_paused
from . import depth as _depth
from . import diversity as _diversity
from . import matchmaking as _matchmaking
from . import purpose as _purpose
from . import reciprocity as _reciprocity
from . import staleness as _staleness
from .ambassadors import Ambassadors, ambassadors
from .graph import alter_ties, build_graph
from ..vocab import RULES
from .ledger import as_timestamp, contacts_table, log_until
from .plan import week_plan
from .questions import self_clarification
from .result import Action, Finding, Result, plain
from .ties import tie_table

__all__ = ["Review", "review", "Finding", "Action", "plain", "introductions_made"]


@dataclass
class Review(Result):
    """The whole review (``to_dict()`` / ``to_json()`` give the plain summary)."""

    as_of: dt.date
    summary: dict
    depth: _depth.Depth
    reciprocity: _reciprocity.Reciprocity
    staleness: _staleness.Staleness
    diversity: _diversity.Diversity
    purpose: _purpose.PurposeChemistry
    matchmaking: _matchmaking.Matchmaking
    ambassadors: Ambassadors
    findings: list[Finding]
    actions: list[Action]
    questions: list[dict]
    data_quality: dict
    since: dict | None = None
    _ties: pd.DataFrame = field(repr=False, default=None)
    _graph: nx.Graph = field(repr=False, default=None)
    _contacts: pd.DataFrame | Callable[[], pd.DataFrame] = field(repr=False, default=None)
    _rows: pd.DataFrame = field(repr=False, default=None)
    _plain: dict | None = field(repr=False, default=None)

    @property
    def ties(self) -> pd.DataFrame:
        """Per-person tie table (see :mod:`netanalysis.analysis.ties`)."""
        return self._ties

    @property
    def graph(self) -> nx.Graph:
        """The weighted ego graph (see :mod:`netanalysis.analysis.graph`)."""
        return self._graph

    @property
    def rows(self) -> pd.DataFrame:
        """The log rows the review counts: dated on or before ``as_of``, with a known person."""
        return self._rows

    @property
    def contacts(self) -> pd.DataFrame:
        """The per-contact table, as the ``contacts`` command writes it (built on first use:
        the HTML report does not need it)."""
        if callable(self._contacts):
            self._contacts = self._contacts()
        return self._contacts

    @property
    def headline(self) -> Finding | None:
        return self.findings[0] if self.findings else None

    def result_dict(self) -> dict:
        """Each question's result as plain data (the fields of the dataclass)."""
        return super().to_dict()

    def to_dict(self) -> dict:
        """The plain summary (:func:`netanalysis.analysis.summary.summarize`), built once."""
        if self._plain is None:
            from .summary import summarize

            self._plain = summarize(self)
        return self._plain

    def to_json(self, **kwargs) -> str:
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)


def review(net, as_of, *, seed: int = 0, previous: dict | None = None) -> Review:
    """Review ``net`` as of ``as_of``: every question answered, the findings ranked, the week's actions.

    The log is cut to the rows dated on or before ``as_of`` with a known
    person, once; every question reads those rows.  Nothing here reads the
    clock.

    Parameters
    ----------
    net : Network
        From :func:`netanalysis.load`.
    as_of : date, Timestamp or str
        The review date (an ISO string such as ``"2026-11-01"`` will do);
        nothing dated after it counts.
    seed : int
        Fixes community detection (Louvain), so the same inputs give the same
        clusters.
    previous : dict, optional
        An earlier review's plain summary (``report --json``, read with
        :func:`netanalysis.io.previous.read_previous`): ``since`` then says
        what changed (:func:`netanalysis.analysis.since.since`).

    Returns
    -------
    Review
        The answers (``depth``, ``reciprocity``, ``staleness``,
        ``diversity``, ``purpose``, ``matchmaking``, ``ambassadors``), the
        ``findings`` ranked by severity (the first is the headline), the
        week's ``actions``, the eight self-clarification ``questions``, and
        ``data_quality``; ``to_json()`` gives the plain summary, ``contacts``
        the per-contact table.

    Examples
    --------
    >>> import netanalysis
    >>> net = netanalysis.load(netanalysis.bundled_sample())
    >>> rev = netanalysis.review(net, as_of="2026-11-01")
    >>> rev.headline.rule, rev.summary["log_rows_used"]
    ('matchmaking', 1200)
    >>> [action.verb for action in rev.actions]
    ['introduce', 'introduce', 'reconnect', 'reconnect', 'wind down']
    """
    with gc_paused():
        rev = _review(net, as_of, seed=seed)
        if previous is not None:
            from .since import since

            rev.since = since(previous, rev)
        return rev


def _review(net, as_of, *, seed: int) -> Review:
    stamp = as_timestamp(as_of)
    goals = net.goals
    rows = log_until(net.log, stamp)  # the one cut: every question below reads these rows
    ties = _as_of(tie_table(net, stamp, rows=rows), net.log, stamp)
    rows = rows[rows["person_id"].isin(ties.index)]
    alters = alter_ties(net, ties, stamp, rows=rows)
    graph = build_graph(net, ties, stamp, alters=alters)

    stale = _staleness.staleness(ties, goals=goals, as_of=stamp)
    diverse = _diversity.diversity(ties, graph, goals=goals, as_of=stamp, seed=seed)
    ties = ties.assign(cluster=diverse.clusters.reindex(ties.index).fillna(""),
                       cadence_used=ties["cadence"])
    meetings = getattr(net, "meetings", None)
    deep = _depth.breadth_depth(ties, goals=goals, as_of=stamp,
                                meetings_known=bool(len(rows)) or (meetings is not None and len(meetings) > 0))
    recip = _reciprocity.reciprocity(ties, goals=goals, as_of=stamp, archive=net.archive)
    purpose = _purpose.purpose_chemistry(ties, net.log, goals=goals, as_of=stamp, rows=rows)
    made = introductions_made(rows, stamp, goals.window_days)
    match = _matchmaking.matchmaking(ties, graph, goals=goals, as_of=stamp, introductions_made=made)

    modules = [(_depth, deep), (_reciprocity, recip), (_staleness, stale), (_diversity, diverse),
               (_purpose, purpose), (_matchmaking, match)]
    findings = [f for module, result in modules for f in module.findings(result)]
    findings.sort(key=lambda f: (-f.severity, RULES.index(f.rule)))
    candidates = [a for module, result in modules for a in module.actions(result)]
    actions = week_plan(candidates, findings, ties, size=goals.actions_per_week)

    contacts = partial(contacts_table, net, stamp, ties=ties)
    people = ties
    hidden = _hidden_as_of(net, stamp)
    summary = {
        "connections": int(people["on_linkedin"].sum()),
        "people_off_linkedin": int((~people["on_linkedin"]).sum()),
        "hidden_members": hidden,
        "log_rows": int(len(net.log)),
        "log_rows_used": int(len(rows)),
        "people_in_touch": int((ties["contact_days"] > 0).sum()),
        "alter_ties": len(alters),
        "goals": goals.to_dict(),
        "owner": net.owner,
        "headline": findings[0].to_dict() if findings else None,
    }
    quality = {
        "hidden_members": hidden,
        "future_rows": int((net.log["date"] > stamp).sum()),
        "later_people": int(len(net.people) - len(ties)),
        "off_linkedin": sorted(people.loc[~people["on_linkedin"], "contact"].tolist()),
        "warnings": [str(p) for p in net.warnings],
        "missing": net.missing(),
        "sources": dict(net.sources),
    }
    rev = Review(as_of=stamp.date(), summary=summary, depth=deep, reciprocity=recip, staleness=stale,
                 diversity=diverse, purpose=purpose, matchmaking=match, ambassadors=ambassadors(ties),
                 findings=findings, actions=actions, questions=[], data_quality=quality,
                 _ties=ties, _graph=graph, _contacts=contacts, _rows=rows)
    rev.questions = self_clarification(rev, net.log, rows=rows)
    return rev


def introductions_made(rows: pd.DataFrame, as_of, window_days: int) -> int:
    """Introductions you made in the review window: ``intro`` rows you ``gave`` dated in
    ``(as_of - window_days, as_of]``.

    >>> rows = pd.DataFrame({"kind": ["intro", "intro", "coffee", "intro"],
    ...     "direction": ["gave", "received", "gave", "gave"],
    ...     "date": pd.to_datetime(["2026-05-01", "2026-05-02", "2026-05-03", "2024-01-01"])})
    >>> introductions_made(rows, "2026-06-01", 365)
    1
    """
    if not len(rows):
        return 0
    age = (as_timestamp(as_of) - rows["date"]).dt.days
    return int(((rows["kind"] == "intro") & (rows["direction"] == "gave") & (age < window_days)
                & (age >= 0)).sum())


def _hidden_as_of(net, stamp: pd.Timestamp) -> int:
    """Hidden or deleted members connected by ``stamp`` (those of unknown date count)."""
    dates = getattr(net, "hidden_dates", None)
    if not dates:
        return int(net.hidden_members)
    dates = pd.DatetimeIndex(dates)
    return int((dates.isna() | (dates <= stamp)).sum())


def _as_of(ties: pd.DataFrame, log: pd.DataFrame, stamp: pd.Timestamp) -> pd.DataFrame:
    """The people of the network as of ``stamp``: connections made later are left out (a
    person already in touch before connecting stays, off LinkedIn as of then), and so
    are people whose every piece of evidence is later; their annotations wait for them."""
    connected = pd.to_datetime(ties["connected_on"])
    on_then = ties["on_linkedin"].astype(bool) & (connected.isna() | (connected <= stamp))
    in_touch = ties["contact_days"] > 0
    later = pd.Index(log.loc[log["date"] > stamp, "person_id"].dropna().unique())
    off_later = ~ties["on_linkedin"].astype(bool) & ties.index.isin(later)
    keep = on_then | in_touch | (~ties["on_linkedin"].astype(bool) & ~off_later)
    if keep.all():
        return ties
    return ties[keep.to_numpy()].assign(on_linkedin=on_then[keep.to_numpy()])
