"""Burt's constraint and effective size, computed directly (netanalysis.analysis.brokerage).

Expected values: the three-contact example worked by hand in the module
docstring, and networkx's own weighted test graph (tests of
``networkx/algorithms/tests/test_structuralholes.py``, values from UCINET and
igraph, checked by hand there), whose per-node path networkx computes right.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from netanalysis.analysis.brokerage import burt_measures, weight_matrix

# networkx's weighted undirected example (Borgatti 1997's graph with weights).
NX_WEIGHTS = {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8, ("F", "G"): 3,
              ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10}


def _nx_graph() -> nx.Graph:
    graph = nx.Graph()
    for (a, b), w in NX_WEIGHTS.items():
        graph.add_edge(a, b, weight=w)
    return graph


class TestHandWorked:
    """me -- a 1.0, me -- b 0.2, me -- c 0.5, a -- b 0.5 (module docstring)."""

    W = weight_matrix(["me", "a", "b", "c"],
                      [("me", "a", 1.0), ("me", "b", 0.2), ("me", "c", 0.5), ("a", "b", 0.5)])

    def test_effective_size_is_burts(self):
        # 3 - (0.2/1.7)(0.5/1.0) - (1/1.7)(0.5/0.5)
        expected = 3 - (0.2 / 1.7) * 0.5 - (1 / 1.7) * 1.0
        assert burt_measures(self.W)["effective_size"] == pytest.approx(expected, abs=1e-12)
        assert round(expected, 3) == 2.353

    def test_constraint(self):
        p_a, p_b, p_c = 1 / 1.7, 0.2 / 1.7, 0.5 / 1.7
        p_ba, p_ab = 0.5 / 0.7, 0.5 / 1.5          # b's and a's shares of their own tie weight
        expected = (p_a + p_b * p_ba) ** 2 + (p_b + p_a * p_ab) ** 2 + p_c ** 2
        assert burt_measures(self.W)["constraint"] == pytest.approx(expected, abs=1e-12)

    def test_networkx_sparse_path_is_wrong_here(self):
        """The reason for computing it ourselves (networkx PR #8906)."""
        graph = nx.Graph()
        graph.add_weighted_edges_from([("me", "a", 1.0), ("me", "b", 0.2), ("me", "c", 0.5), ("a", "b", 0.5)])
        sparse = nx.effective_size(graph, weight="weight")["me"]
        per_node = nx.effective_size(graph, nodes=["me"], weight="weight")["me"]
        ours = burt_measures(self.W)["effective_size"]
        assert per_node == pytest.approx(ours)
        if not math.isclose(sparse, ours):            # fixed upstream one day: then the two agree
            assert sparse == pytest.approx(2.588, abs=1e-3)


class TestAgainstNetworkxPerNode:
    """networkx's weighted test graph: every node, against networkx's per-node path and its stored values."""

    @pytest.mark.parametrize("node,effective_size,constraint", [("G", 5.47, 0.299), ("A", 2.47, 0.795),
                                                                ("C", 1.0, 1.0)])
    def test_stored_values(self, node, effective_size, constraint):
        nodes = sorted({n for edge in NX_WEIGHTS for n in edge})
        W = weight_matrix(nodes, [(a, b, w) for (a, b), w in NX_WEIGHTS.items()])
        out = burt_measures(W, nodes.index(node))
        assert out["effective_size"] == pytest.approx(effective_size, abs=1e-2)
        assert out["constraint"] == pytest.approx(constraint, abs=1e-3)

    def test_every_node_equals_per_node_path(self):
        graph = _nx_graph()
        nodes = list(graph)
        W = weight_matrix(nodes, [(a, b, w) for (a, b), w in NX_WEIGHTS.items()])
        es = nx.effective_size(graph, nodes=nodes, weight="weight")
        con = nx.constraint(graph, nodes=nodes, weight="weight")
        for k, node in enumerate(nodes):
            out = burt_measures(W, k)
            assert out["effective_size"] == pytest.approx(es[node], abs=1e-12), node
            assert out["constraint"] == pytest.approx(con[node], abs=1e-12), node

    def test_unweighted_is_borgatti(self):
        graph = _nx_graph()
        nodes = list(graph)
        W = weight_matrix(nodes, [(a, b, 1.0) for a, b in NX_WEIGHTS])
        for k, node in enumerate(nodes):
            ego = nx.ego_graph(graph, node, center=False)
            n, t = len(ego), ego.number_of_edges()
            assert burt_measures(W, k)["effective_size"] == pytest.approx(n - 2 * t / n)


def test_isolated_node_is_nan():
    out = burt_measures(np.zeros((3, 3)), 1)
    assert math.isnan(out["constraint"]) and math.isnan(out["effective_size"]) and out["contacts"] == 0


def test_no_ties_between_contacts():
    """Three unconnected contacts of equal weight: constraint 3 · (1/3)² = 1/3, effective size 3."""
    W = weight_matrix(["me", "a", "b", "c"], [("me", x, 0.4) for x in "abc"])
    out = burt_measures(W)
    assert out["constraint"] == pytest.approx(1 / 3)
    assert out["effective_size"] == pytest.approx(3.0)
    assert out["efficiency"] == pytest.approx(1.0)
