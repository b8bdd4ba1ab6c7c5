"""Burt's brokerage measures of one node, computed directly from the weights.

Constraint and effective size (Burt 1992) of node ``i`` in a weighted,
undirected graph with weight matrix ``W`` (``W[i, j] = W[j, i] >= 0``, no
self-loops).  With the proportional tie strength and the marginal tie
strength::

    p_ij = W_ij / Σ_k W_ik                 (share of i's tie weight that goes to j)
    m_jq = W_jq / max_k W_jk               (j's tie to q against j's strongest tie)

    constraint(i)     = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq · p_qj)²
    effective_size(i) = Σ_{j ∈ N(i)} (1 - Σ_{q ≠ i, j} p_iq · m_jq)
    efficiency(i)     = effective_size(i) / |N(i)|

Unweighted, the effective size reduces to Borgatti's ``n - 2t/n`` (``t``
ties among the ``n`` contacts; Borgatti 1997).  A node without neighbours
has neither measure: both are ``nan``.

Why not ``networkx``: ``nx.effective_size(G, weight=...)`` called without
``nodes=`` takes a sparse-matrix path (networkx 3.6) that divides each
``m_jq`` by ``q``'s strongest tie instead of ``j``'s (networkx pull request
#8906), so weighted results are wrong; its per-node path is right but walks
Python dicts.  The review's active network is at most about 150 contacts, so
a dense numpy matrix is both exact and fast.

Example (the ego ``me`` with ties a 1.0, b 0.2, c 0.5 and a tie a-b 0.5)::

    p = (1, 0.2, 0.5) / 1.7
    effective_size = 3 - (0.2/1.7)·(0.5/1.0) - (1/1.7)·(0.5/0.5) = 2.353

References
----------
Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard UP.
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
Connections 20(1), 35-38.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

__all__ = ["burt_measures", "weight_matrix"]


def weight_matrix(nodes: list[Hashable], edges: Iterable[tuple[Hashable, Hashable, float]]) -> np.ndarray:
    """The symmetric weight matrix of ``nodes`` (in that order) from ``(u, v, weight)`` edges.

    Edges to nodes not listed and self-loops are left out; a repeated edge
    keeps its last weight.

    >>> weight_matrix(["me", "a", "b"], [("me", "a", 1.0), ("a", "b", 0.5), ("b", "x", 9)]).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.5], [0.0, 0.5, 0.0]]
    """
    position = {node: k for k, node in enumerate(nodes)}
    matrix = np.zeros((len(nodes), len(nodes)), dtype=float)
    for u, v, weight in edges:
        a, b = position.get(u), position.get(v)
        if a is None or b is None or a == b:
            continue
        matrix[a, b] = matrix[b, a] = float(weight)
    return matrix


def burt_measures(weights: np.ndarray, node: int = 0) -> dict[str, float]:
    """Constraint, effective size and efficiency of ``node`` (module docstring).

    Parameters
    ----------
    weights : ndarray of shape (n, n)
        Symmetric, non-negative tie weights; the diagonal is ignored.
    node : int
        The row of the node to measure (the ego).

    Returns
    -------
    dict
        ``constraint``, ``effective_size``, ``efficiency`` and ``contacts``
        (the number of neighbours); the three measures are ``nan`` for a node
        without neighbours.

    Examples
    --------
    >>> W = weight_matrix(["me", "a", "b", "c"], [("me", "a", 1.0), ("me", "b", 0.2), ("me", "c", 0.5),
    ...                                            ("a", "b", 0.5)])
    >>> out = burt_measures(W)
    >>> round(out["effective_size"], 3), round(out["constraint"], 3), out["contacts"]
    (2.353, 0.637, 3)
    >>> burt_measures(weight_matrix(["me", "a"], []))["constraint"]
    nan
    """
    w = np.array(weights, dtype=float)
    np.fill_diagonal(w, 0.0)
    neighbours = np.flatnonzero(w[node] > 0)
    out = {"contacts": int(len(neighbours)), "constraint": float("nan"), "effective_size": float("nan"),
           "efficiency": float("nan")}
    if not len(neighbours):
        return out
    totals = w.sum(axis=1)
    strongest = w.max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(totals[:, None] > 0, w / totals[:, None], 0.0)
        m = np.where(strongest[:, None] > 0, w / strongest[:, None], 0.0)
    p_i = p[node].copy()
    p_i[node] = 0.0
    # Σ_q p_iq p_qj and Σ_q p_iq m_jq over q != i, j: p_i[i] = 0 drops q = i; p_qq = m_jj = 0 drop q = j.
    indirect = p_i @ p                                  # [j] = Σ_q p_iq p_qj
    redundancy = m @ p_i                                # [j] = Σ_q m_jq p_iq
    j = neighbours
    out["constraint"] = float(((p_i[j] + indirect[j]) ** 2).sum())
    out["effective_size"] = float((1.0 - redundancy[j]).sum())
    out["efficiency"] = out["effective_size"] / len(j)
    return out
