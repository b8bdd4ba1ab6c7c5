"""The clusters of the network: Louvain communities and the cluster table.

How the clusters are chosen (Louvain, circle or employer) and what the
indices over them mean is in :mod:`netanalysis.analysis.diversity`; this
module holds the two pieces of work: :func:`louvain` (communities on the
ties between contacts, bounded to :data:`MAX_LOUVAIN_EDGES` ties) and
:func:`cluster_table` (one row per cluster with its label).

Reference: Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E.
(2008). Fast unfolding of communities in large networks. J. Stat. Mech. P10008.
"""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["louvain", "cluster_table", "cap_clusters", "mode_of", "MAX_LOUVAIN_EDGES", "UNCLUSTERED",
           "CLUSTER_COLUMNS", "CLUSTER_ROWS"]

#: Alter ties Louvain runs on at most; the others join by tie weight.
MAX_LOUVAIN_EDGES = 2000
UNCLUSTERED = "unclustered"
#: Clusters shown in the table; the rest are summed into one ``other`` row.
CLUSTER_ROWS = 30
#: Columns of the cluster table.
CLUSTER_COLUMNS = ["cluster", "label", "members", "active_members", "effort", "member_share", "effort_share",
                   "dominant_circle", "dominant_company"]


def louvain(edges: pd.DataFrame, ties: pd.DataFrame, circle: pd.Series, seed: int, *,
            max_edges: int = MAX_LOUVAIN_EDGES) -> tuple[pd.Series, dict]:
    """Community key (``c1``, ``c2``, ...) per person with an alter tie; NaN for the rest."""
    ids, n = ties.index.to_numpy(dtype=object), len(ties)
    a, b, weight = edges["a"].to_numpy(), edges["b"].to_numpy(), edges["weight"].to_numpy()
    nodes = np.unique(np.concatenate([a, b]))
    known = ((ties["effort"].to_numpy() > 0) | (circle.to_numpy() != ""))[nodes]
    order = pd.DataFrame({"known": known, "strength": ties["strength"].to_numpy(dtype=float)[nodes],
                          "id": ids[nodes]}).sort_values(["known", "strength", "id"], ascending=[False, False, True])
    rank = np.zeros(n, dtype=np.int64)
    rank[nodes[order.index.to_numpy()]] = np.arange(len(nodes))
    edge_rank = np.maximum(rank[a], rank[b])
    restricted = len(edges) > max_edges
    in_core = edge_rank < np.sort(edge_rank)[max_edges] if restricted else np.ones(len(edges), dtype=bool)
    core = sorted(zip(ids[a[in_core]], ids[b[in_core]], weight[in_core]))
    g = nx.Graph()
    g.add_nodes_from(sorted({p for edge in core for p in edge[:2]}))
    g.add_weighted_edges_from(core)
    communities = nx.community.louvain_communities(g, weight="weight", seed=seed) if len(g) else []
    communities = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    community = np.full(n, -1)
    for number, members in enumerate(communities):
        community[ties.index.get_indexer(members)] = number
    # The others join the community they have the most tie weight to.
    out, to = np.concatenate([a[~in_core], b[~in_core]]), np.concatenate([b[~in_core], a[~in_core]])
    vote = (community[out] < 0) & (community[to] >= 0)
    votes = pd.DataFrame({"out": out[vote], "key": community[to[vote]],
                          "weight": np.tile(weight[~in_core], 2)[vote]}).groupby(["out", "key"])["weight"].sum()
    best = votes.reset_index().sort_values(["out", "weight", "key"], ascending=[True, False, True],
                                           kind="stable").drop_duplicates("out")
    community[best["out"].to_numpy()] = best["key"].to_numpy()
    names = np.array([f"c{i}" for i in range(1, len(communities) + 1)] + [np.nan], dtype=object)
    info = {"alter_ties": len(edges), "core_ties": int(in_core.sum()), "core_nodes": g.number_of_nodes(),
            "communities": len(communities), "joined_by_ties": len(best),
            "left_out": int(len(nodes) - (community >= 0).sum()), "restricted": restricted}
    return pd.Series(names[community], index=ties.index, dtype=object), info


def cluster_table(keys, effort, circle, company, method) -> tuple[pd.DataFrame, pd.Series]:
    """One row per cluster (``unclustered`` last), and the unique label of each cluster key."""
    frame = pd.DataFrame({"key": keys.fillna(UNCLUSTERED).to_numpy(), "effort": effort.to_numpy(),
                          "active": (effort > 0).to_numpy(), "circle": circle.to_numpy(),
                          "company": company.to_numpy()})
    grouped = frame.groupby("key", sort=True)
    table = pd.DataFrame({"members": grouped.size(), "active_members": grouped["active"].sum().astype("int64"),
                          "effort": grouped["effort"].sum().astype("int64")})
    (circ, _), (comp, n_comp) = mode_of(frame, "circle"), mode_of(frame, "company")
    table["dominant_circle"] = circ.reindex(table.index).fillna("")
    table["dominant_company"] = comp.reindex(table.index).fillna("")
    total = float(table["effort"].sum())
    table["member_share"] = table["members"] / max(len(frame), 1)
    table["effort_share"] = table["effort"] / total if total > 0 else np.nan
    table = table.assign(_u=table.index == UNCLUSTERED).sort_values(
        ["_u", "effort", "members"], ascending=[True, False, False], kind="stable")
    key = table.index.to_series()
    circ = table["dominant_circle"].where(table["dominant_circle"] != "other", "")
    comp = table["dominant_company"]
    if method == "circle":   # "former-colleague · Novo Nordisk" when one company has half the circle
        shared = (n_comp.reindex(table.index).fillna(0) / table["members"] >= 0.5) & (table["members"] > 1)
        base = key + np.where(shared & (comp != ""), " · " + comp, "")
    elif method == "employer":
        base = comp + np.where(circ != "", " · " + circ, "")
    else:
        base = (circ + np.where((circ != "") & (comp != ""), " · ", "") + comp)
        base = base.where(base != "", "cluster " + pd.Series(np.arange(1, len(key) + 1), index=key.index).astype(str))
    repeat = base.groupby(base).cumcount()
    label = base.where(repeat == 0, base + " (" + (repeat + 1).astype(str) + ")").where(~table["_u"], UNCLUSTERED)
    table = table.assign(cluster=key, label=label).reset_index(drop=True)[CLUSTER_COLUMNS]
    return table, label


def mode_of(frame: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    """Per cluster key, the most common non-empty ``column`` value (ties: more effort, then name) and its count."""
    part = frame[frame[column] != ""]
    counts = part.groupby(["key", column], sort=True).agg(n=("effort", "size"), w=("effort", "sum")).reset_index()
    counts = counts.sort_values(["key", "n", "w", column], ascending=[True, False, False, True], kind="stable")
    best = counts.drop_duplicates("key").set_index("key")
    return best[column], best["n"]


def cap_clusters(table: pd.DataFrame) -> pd.DataFrame:
    """The first :data:`CLUSTER_ROWS` clusters; the rest summed into one ``other`` row."""
    clustered = table[table["cluster"] != UNCLUSTERED]
    if len(clustered) <= CLUSTER_ROWS:
        return table
    rest = clustered.iloc[CLUSTER_ROWS:]
    other = pd.DataFrame([{**rest[CLUSTER_COLUMNS[2:7]].sum().to_dict(), "cluster": "other", "dominant_circle": "",
                           "label": f"{len(rest):,} smaller clusters", "dominant_company": ""}])[CLUSTER_COLUMNS]
    return pd.concat([clustered.iloc[:CLUSTER_ROWS], other, table[table["cluster"] == UNCLUSTERED]],
                     ignore_index=True).astype({"members": "int64", "active_members": "int64", "effort": "int64"})
