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
from ..model.network import Network
from . import depth as _depth
from . import diversity as _diversity
from . import matchmaking as _matchmaking
from . import purpose as _purpose
from . import reciprocity as _reciprocity
from . import staleness as _staleness
from .ambassadors import Ambassadors, ambassadors
from .graph import alter_ties, build_graph
from .ledger import as_timestamp, contacts_table, log_until
from .questions import self_clarification
from .result import Action, Finding, Result, plain
from .ties import LAYER_NAMES, tie_table

__all__ = ["Review", "review", "Finding", "Action", "plain"]


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
    _ties: pd.DataFrame = field(repr=False, default=None)
    _graph: nx.Graph = field(repr=False, default=None)
    _contacts: pd.DataFrame | Callable[[], pd.DataFrame] = field(repr=False, default=None)
    _rows: pd.DataFrame = field(repr=False, default=None)

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

    def to_json(self, **kwargs) -> str:
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)


def review(net, as_of, *, seed: int = 0) -> Review:
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
    ['introduce', 'introduce', 'give back', 'give back', 'wind down']
    """
    with gc_paused():
        return _review(net, as_of, seed=seed)


def _review(net, as_of, *, seed: int) -> Review:
    stamp = as_timestamp(as_of)
    goals = net.goals
    rows = log_until(net.log, stamp)  # the one cut: every question below reads these rows
    ties = tie_table(net, stamp, rows=rows)
    alters = alter_ties(net, ties, stamp, rows=rows)
    graph = build_graph(net, ties, stamp, alters=alters)

    stale = _staleness.staleness(ties, goals=goals, as_of=stamp)
    diverse = _diversity.diversity(ties, graph, goals=goals, as_of=stamp, seed=seed)
    ties = ties.assign(cluster=diverse.clusters.reindex(ties.index).fillna(""),
                       cadence_used=stale.cadence.reindex(ties.index),
                       overdue=stale.overdue.reindex(ties.index))
    deep = _depth.breadth_depth(ties, goals=goals, as_of=stamp)
    recip = _reciprocity.reciprocity(ties, goals=goals, as_of=stamp, archive=net.archive)
    purpose = _purpose.purpose_chemistry(ties, net.log, goals=goals, as_of=stamp, rows=rows)
    match = _matchmaking.matchmaking(ties, graph, goals=goals, as_of=stamp)

    modules = [(_depth, deep), (_reciprocity, recip), (_staleness, stale), (_diversity, diverse),
               (_purpose, purpose), (_matchmaking, match)]
    findings = [f for module, result in modules for f in module.findings(result)]
    findings.sort(key=lambda f: -f.severity)
    candidates = [a for module, result in modules for a in module.actions(result)]
    actions = _week(candidates, goals.actions_per_week)

    extra = pd.DataFrame({
        "strength": ties["strength"].round(4),
        "layer": ties["layer"],
        "layer_name": ties["layer"].map(LAYER_NAMES).fillna(""),
        "cluster": ties["cluster"],
        "balance": ties["balance"],
        "cadence_days_used": ties["cadence_used"],
        "overdue": ties["overdue"],
        "effort": ties["effort"],
    })
    evidence = [c for c in ("messages_sent", "messages_received", "first_writer", "invited_by",
                            "endorsements_given", "endorsements_received", "recommendations_given",
                            "recommendations_received", "last_message") if c in ties]
    extra = extra.join(ties[evidence])
    # Built when first asked for (Review.contacts), from the frames as they are now.
    contacts = partial(contacts_table, Network(people=net.people, log=net.log), stamp, extra=extra, rows=rows)
    people = net.people
    summary = {
        "connections": int(people["on_linkedin"].sum()),
        "people_off_linkedin": int((~people["on_linkedin"]).sum()),
        "hidden_members": net.hidden_members,
        "log_rows": int(len(net.log)),
        "log_rows_used": int(len(rows)),
        "alter_ties": len(alters),
        "goals": goals.to_dict(),
        "owner": net.owner,
        "headline": findings[0].to_dict() if findings else None,
    }
    quality = {
        "hidden_members": net.hidden_members,
        "future_rows": int((net.log["date"] > stamp).sum()),
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


def _week(candidates: list[Action], size: int, *, per_verb: int = 2) -> list[Action]:
    """The week's ``size`` actions: by priority, one per person (the highest
    wins), at most ``per_verb`` of one verb while other verbs are waiting (a
    week of five introductions and no upkeep is not a plan); the cap is lifted
    when nothing else is left.

    >>> a = [Action(v, [n], "r", "matchmaking", p) for v, n, p in
    ...      [("introduce", "A", .9), ("introduce", "B", .8), ("introduce", "C", .7), ("thank", "D", .1)]]
    >>> [x.contacts[0] for x in _week(a, 3)]
    ['A', 'B', 'D']
    """
    ranked = sorted(candidates, key=lambda a: (-a.priority, a.verb, a.contacts))
    chosen: list[Action] = []
    seen: set[str] = set()
    for capped in (True, False):
        for action in ranked:
            if len(chosen) >= size:
                return chosen
            ids = set(action.person_ids or action.contacts)
            if action in chosen or ids & seen:
                continue
            if capped and sum(c.verb == action.verb for c in chosen) >= per_verb:
                continue
            chosen.append(action)
            seen |= ids
    return chosen


