"""The weighted ego graph: the user (``"me"``), each contact, and the ties
between contacts that the data shows.

Ego-contact edges carry ``weight`` = tie strength, plus the ledger
(``given``, ``received``, ``interactions``).  Contact-contact edges exist only
where the data shows them, and each records why in ``reasons``:

* ``met together``: both named on one log row (``contact`` and ``with``), or
  attendees of one calendar meeting you attended (events larger than
  ``max_meeting_size`` tie nobody);
* ``on the same mail``: both on one mail you sent or received (To/Cc);
* ``introduced``: an ``intro`` row (the contact and the person introduced);
* ``same employer``: the same current company, among the contacts you have
  met or annotated (LinkedIn's export has no ties between contacts, so a
  never-met connection gets none; none are invented), in groups of at most
  :data:`MAX_EMPLOYER_GROUP` and at most :data:`MAX_EMPLOYER_TIES` pairs in all;
* ``knows``: the ``knows`` column of ``contacts.csv``.

Edge ``weight`` between contacts is ``min(1, 0.5 · pieces of evidence)``: one
reason gives 0.5, two or more give 1, on the same 0-1 scale as the ego's tie
strengths (so Burt's constraint does not let contact-contact ties swamp the
ego's own investments).  Only evidence dated on or before ``as_of`` ties, and
only people in the network as of that day.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd

from .ledger import log_until

__all__ = ["EGO", "alter_edges", "alter_ties", "build_graph", "induced"]

EGO = "me"
#: Largest employer group tied as a clique; bigger ones are left out (a
#: company of thousands says little about who knows whom).
MAX_EMPLOYER_GROUP = 50
#: Same-employer ties made at most (smallest groups first), so that memory stays bounded
#: whatever contacts.csv annotates (1,000 companies of 50 would be 1.2 million pairs).
MAX_EMPLOYER_TIES = 200_000


def alter_ties(net, ties: pd.DataFrame, as_of, *, rows: pd.DataFrame | None = None
               ) -> dict[tuple[str, str], set[str]]:
    """Contact-contact ties with their reasons (see module docstring).

    Returns ``{(a, b): {"met together", ...}}`` with ``a < b``.  ``rows`` is
    ``net.log`` already cut to ``as_of`` (:func:`~netanalysis.analysis.ledger.log_until`),
    as :func:`netanalysis.review` passes it; by default the log is cut here.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.model import Network
    >>> people = pd.DataFrame({"knows_ids": [(), (), ()]}, index=["a", "b", "c"])
    >>> ties = pd.DataFrame({"company": ["X", "X", "Y"], "interactions": [1, 1, 0], "circle": ["", "", ""]},
    ...                     index=["a", "b", "c"])
    >>> log = pd.DataFrame({"person_id": ["a"], "with_ids": [("c",)], "kind": ["intro"],
    ...                     "date": pd.to_datetime(["2026-01-01"])})
    >>> sorted((k, sorted(v)) for k, v in alter_ties(Network(people=people, log=log), ties, "2026-02-01").items())
    [(('a', 'b'), ['same employer']), (('a', 'c'), ['introduced'])]
    """
    found: dict[tuple[str, str], set[str]] = defaultdict(set)

    def tie(a: str, b: str, reason: str) -> None:
        if a != b:
            found[(a, b) if a < b else (b, a)].add(reason)

    if rows is None:
        rows = log_until(net.log, as_of)
    with_rows = rows[rows["with_ids"].map(len) > 0]
    for person, others, kind in zip(with_rows["person_id"].tolist(), with_rows["with_ids"].tolist(),
                                    with_rows["kind"].tolist()):
        reason = "introduced" if kind == "intro" else "met together"
        for other in others:
            tie(person, other, reason)
        if kind != "intro":
            for a, b in combinations(others, 2):
                tie(a, b, "met together")
    stamp = pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)
    for frame, key, kinds, reason in ((getattr(net, "meetings", None), "occurrence", ("meeting",), "met together"),
                                      (getattr(net, "mails", None), "message_id", None, "on the same mail")):
        if frame is None or not len(frame):
            continue
        part = frame[(frame["date"] < stamp) & frame["person_id"].isin(ties.index)]
        if kinds is not None:
            part = part[part["kind"].isin(kinds)]
        for members in part.groupby(key)["person_id"].agg(lambda x: sorted(set(x))):
            for a, b in combinations(members, 2):
                tie(a, b, reason)
    met = ties["contact_days"] > 0 if "contact_days" in ties else ties["interactions"] > 0
    known = ties[met | (ties["circle"] != "")]
    company = known["company"].str.strip().str.lower()
    groups = [sorted(m) for _, m in known.groupby(company[company != ""]).groups.items()
              if 1 < len(m) <= MAX_EMPLOYER_GROUP]
    budget = MAX_EMPLOYER_TIES
    for members in sorted(groups, key=lambda m: (len(m), m[0])):
        pairs = len(members) * (len(members) - 1) // 2
        if pairs > budget:
            break
        budget -= pairs
        for a, b in combinations(members, 2):
            tie(a, b, "same employer")
    if "knows_ids" in net.people:
        for person, others in zip(net.people.index.tolist(), net.people["knows_ids"].tolist()):
            for other in others:
                tie(person, other, "knows")
    present = set(ties.index)     # people not yet in the network as of the review date tie nobody
    return {pair: reasons for pair, reasons in found.items() if pair[0] in present and pair[1] in present}


def build_graph(net, ties: pd.DataFrame, as_of, *, alters: dict | None = None) -> nx.Graph:
    """The ego graph as of ``as_of``: ``"me"`` tied to every person, weighted by strength.

    Nodes are inserted in sorted order so community detection is reproducible.
    """
    graph = nx.Graph()
    graph.add_node(EGO, contact="me")
    ids = ties.index.tolist()
    order = ids if ties.index.is_monotonic_increasing else sorted(ids)
    names = ties["contact"].reindex(order).tolist()
    graph.add_nodes_from((person, {"contact": name}) for person, name in zip(order, names))
    ego_edges = ((EGO, person, {"weight": float(strength), "given": int(given), "received": int(received),
                                "interactions": int(count)})
                 for person, strength, given, received, count in zip(
                     ids, ties["strength"].tolist(), ties["given"].tolist(),
                     ties["received"].tolist(), ties["interactions"].tolist()))
    alters = alter_ties(net, ties, as_of) if alters is None else alters
    alter_edges = ((a, b, {"weight": min(1.0, 0.5 * len(reasons)), "reasons": sorted(reasons)})
                   for (a, b), reasons in sorted(alters.items()))
    if ties.index.is_unique and EGO not in ties.index and all(a in graph and b in graph for a, b in alters):
        _add_new_edges(graph, ego_edges)
        _add_new_edges(graph, alter_edges)
    else:
        graph.add_edges_from(ego_edges)
        graph.add_edges_from(alter_edges)
    return graph


def _add_new_edges(graph: nx.Graph, edges) -> None:
    """``graph.add_edges_from(edges)`` for edges that are all new and between
    existing nodes, in the same order, without networkx's per-edge checks
    (30,000 ego edges at LinkedIn's maximum)."""
    adjacency = graph._adj
    for a, b, data in edges:
        adjacency[a][b] = data
        adjacency[b][a] = data
    nx._clear_cache(graph)


def alter_edges(graph: nx.Graph, index: pd.Index) -> pd.DataFrame:
    """Contact-contact edges of ``graph`` as positions ``a``, ``b`` in ``index``
    (id of a < id of b) with their ``weight``; edges to "me" and to people not
    in ``index`` are left out.

    >>> g = nx.Graph([("me", "a"), ("me", "b"), ("me", "c")])
    >>> g.add_edge("b", "a", weight=0.5)
    >>> alter_edges(g, pd.Index(["a", "b", "c"])).to_dict("records")
    [{'a': 0, 'b': 1, 'weight': 0.5}]
    """
    a_ids, b_ids, weights = [], [], []
    for a, nbrs in graph._adj.items():
        if a == EGO or (len(nbrs) == 1 and EGO in nbrs):   # most contacts: tied to "me" only
            continue
        for b, data in nbrs.items():
            if a < b and b != EGO:
                a_ids.append(a)
                b_ids.append(b)
                weights.append(data.get("weight", 1.0))
    pa = index.get_indexer(pd.Index(a_ids, dtype=object))
    pb = index.get_indexer(pd.Index(b_ids, dtype=object))
    keep = (pa >= 0) & (pb >= 0)
    return pd.DataFrame({"a": pa[keep], "b": pb[keep], "weight": np.asarray(weights, dtype=float)[keep]})


def induced(graph: nx.Graph, nodes: list) -> nx.Graph:
    """The subgraph on ``nodes`` with ``weight`` only (walks only their adjacency: fast
    even when ``"me"`` has 30,000 neighbours outside ``nodes``)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(n for n in nodes if n in graph)
    for u in nodes:
        if u == EGO or u not in graph:
            continue
        for v, data in graph.adj[u].items():
            if v in keep:
                sub.add_edge(u, v, weight=float(data.get("weight", 1.0)))
    return sub
