"""Cluster diversity, renewal and family (netanalysis/analysis/diversity.py).

Every expected number is worked by hand in the comments; the as-of date is
2026-06-01 (so "new" means a relation begun after 2025-06-01).
"""
from __future__ import annotations

import json
import math
from itertools import combinations

import networkx as nx
import pytest

from netanalysis.io.goals import Goals
from netanalysis.analysis import clusters, diversity as dv
from review_helpers import make_ties

AS_OF = "2026-06-01"
GOALS = Goals()
OLD = "2020-01-01"


def run(rows, graph=None, **kw):
    return dv.diversity(make_ties(rows), graph if graph is not None else nx.Graph(), goals=GOALS, as_of=AS_OF, **kw)


def ego(ties_rows, alter_edges):
    """An ego graph: "me" tied to everyone, plus the given contact-contact edges (weight 1)."""
    g = nx.Graph()
    g.add_node("me")
    for row in ties_rows:
        g.add_edge("me", row["person_id"], weight=0.3)
    g.add_edges_from(alter_edges, weight=1.0)
    return g


# a-d are active and all have a circle, e is not active: circles are the groups.
CIRCLES = [
    {"person_id": "a", "circle": "colleague", "company": "Novo", "effort": 4, "first_contact": OLD},
    {"person_id": "b", "circle": "former-colleague", "company": "Novo", "effort": 2, "first_contact": OLD},
    {"person_id": "c", "circle": "client", "company": "Lego", "effort": 2, "first_contact": "2026-01-01"},
    {"person_id": "d", "circle": "family", "effort": 2, "first_contact": "2019-01-01", "status": "develop",
     "contact": "Mor"},
    {"person_id": "e", "connected_on": "2026-05-01"},
]


class TestIndices:
    def test_blau_and_evenness(self):
        assert dv.blau([4, 2, 2, 2]) == pytest.approx(0.72)          # 1 - (.16 + 3*.04)
        assert dv.blau([0, 3]) == 0.0 and math.isnan(dv.blau([]))
        # H = -(.4 ln .4 + 3 * .2 ln .2) = 1.332179; ln 4 = 1.386294
        assert dv.evenness([4, 2, 2, 2]) == pytest.approx(1.332179 / 1.386294, abs=1e-6)
        assert math.isnan(dv.evenness([5, 0]))


class TestCircles:
    def test_circle_groups_and_shares(self):
        d = run(CIRCLES)
        assert d.method == "circle" and "circles are the groups" in d.method_reason
        assert d.clusters.to_dict() == {"a": "colleague", "b": "former-colleague", "c": "client",
                                        "d": "family", "e": "unclustered"}
        # total effort 10: old = (4+2)/10, new = c's 2/10 (e is new but took no effort), family = 2/10
        assert (d.lock_in_old, d.newness, d.family_effort) == pytest.approx((0.6, 0.2, 0.2))
        assert (d.lock_in_largest, d.largest_cluster) == (pytest.approx(0.4), "colleague")
        # members 1,1,1,1: Blau 1 - 4/16 = 0.75, evenness 1; effort 4,2,2,2 (TestIndices)
        assert (d.blau_contacts, d.evenness_contacts) == pytest.approx((0.75, 1.0))
        assert d.blau_effort == pytest.approx(0.72)
        assert math.isnan(d.ei_index) and "no ties between contacts" in d.reason["ei_index"]
        assert d.family_members == ["Mor"]

    def test_clusters_table(self):
        table = run(CIRCLES).clusters_table
        assert table["cluster"].tolist() == ["colleague", "client", "family", "former-colleague", "unclustered"]
        row = table.iloc[0]
        assert (row["members"], row["active_members"], row["effort"]) == (1, 1, 4)
        assert (row["member_share"], row["effort_share"]) == pytest.approx((1 / 5, 4 / 10))
        assert (row["dominant_circle"], row["dominant_company"]) == ("colleague", "Novo")
        assert table.iloc[-1]["members"] == 1 and table.iloc[-1]["effort"] == 0

    def test_circle_label_names_a_shared_company(self):
        rows = [{"person_id": p, "circle": "colleague", "company": c, "effort": 1}
                for p, c in (("a", "Novo"), ("b", "Novo"), ("c", "Lego"))]
        # Novo has 2 of the 3 colleagues (>= half): "colleague · Novo"
        assert run(rows).clusters["a"] == "colleague · Novo"

    def test_severities(self):
        d = run(CIRCLES)
        # O = (0.6-0.3)/0.45 = 0.6667, L = (0.4-0.4)/0.45 = 0, F = 1 - 0.2/0.25 = 0.2
        # renewal = max(0.6667 * (0.7 + 0.3*0.2), 0.4 * 0.2) = 0.506667; family = min(1, 0.2 / 0.5) = 0.4
        assert d.severity["renewal"] == pytest.approx(0.76 * 2 / 3)
        assert d.severity["family"] == pytest.approx(0.4)
        renewal, family = dv.findings(d)
        assert (renewal.rule, renewal.title, renewal.level) == ("renewal", "Stuck in the old network", "medium")
        assert renewal.sentence.startswith("Of your effort in the last 365 days: 60% on colleagues and former "
                                           "colleagues, 40% on one circle (colleague), 20% on relations begun")
        assert (family.rule, family.level) == ("family", "medium")
        assert family.sentence.startswith("20% of your effort in the last 365 days went to family and close "
                                          "friends (Mor).")

    def test_family_action_for_a_family_member_marked_develop(self):
        [action] = [a for a in dv.actions(run(CIRCLES)) if a.rule == "family"]
        # plan_priority(family 0.4, min(1, 2 days / 20)) = 0.4 * (0.5 + 0.05)
        assert (action.verb, action.person_ids, action.rule) == ("wind down", ["d"], "family")
        assert action.priority == pytest.approx(0.4 * 0.55)


class TestRenewal:
    def test_loyalist_is_high(self):
        rows = [{"person_id": "a", "circle": "colleague", "effort": 16, "first_contact": OLD},
                {"person_id": "b", "circle": "client", "effort": 3, "first_contact": OLD},
                {"person_id": "c", "circle": "partner", "effort": 1, "first_contact": "2026-02-01"}]
        d = run(rows)
        # old 16/20 = 0.8 -> O = 1; largest 0.8 -> L = 0.889; new 1/20 = 0.05 -> F = 0.8
        # severity = 1 * (0.7 + 0.3*0.8) = 0.94
        assert d.severity["renewal"] == pytest.approx(0.94)
        assert dv.findings(d)[0].level == "high"

    def test_spread_and_renewing_network_is_a_positive_note(self):
        rows = [{"person_id": p, "circle": c, "effort": 1,
                 "first_contact": "2026-01-01" if p in "cd" else OLD}
                for p, c in zip("abcde", ["colleague", "client", "partner", "community", "mentor"])]
        d = run(rows)
        # old 1/5 = 0.2 -> O = 0; largest 1/5 -> L = 0; severity 0 whatever the newness (2/5)
        assert d.severity["renewal"] == 0.0 and math.isnan(d.severity["family"])
        [f] = dv.findings(d)
        assert (f.rule, f.title, f.level) == ("renewal", "Your network is renewing", "low")


class TestLouvain:
    # Two cliques of five (10 ties each) and one bridge: 21 alter ties covering everyone.
    A, B = ["a1", "a2", "a3", "a4", "a5"], ["b1", "b2", "b3", "b4", "b5"]
    ROWS = ([{"person_id": p, "circle": "colleague", "company": "Novo", "effort": 1, "strength": 0.9 - 0.1 * i}
             for i, p in enumerate(A)]
            + [{"person_id": p, "circle": "community", "company": "Lego", "effort": 1, "strength": 0.4 - 0.1 * i}
               for i, p in enumerate(B)])
    EDGES = list(combinations(A, 2)) + list(combinations(B, 2)) + [("a5", "b1")]

    def test_two_communities_named_by_circle_and_company(self):
        d = run(self.ROWS, ego(self.ROWS, self.EDGES))
        assert d.method == "louvain"
        assert {d.clusters[p] for p in self.A} == {"colleague · Novo"}
        assert {d.clusters[p] for p in self.B} == {"community · Lego"}
        # E = 1 bridge, I = 20: (1 - 20) / 21
        assert d.ei_index == pytest.approx(-19 / 21)
        assert d.blau_effort == pytest.approx(0.5)                     # 5 and 5
        assert d.louvain["alter_ties"] == 21 and not d.louvain["restricted"]

    def test_same_result_for_same_seed(self):
        g = ego(self.ROWS, self.EDGES)
        assert run(self.ROWS, g, seed=3).clusters.equals(run(self.ROWS, g, seed=3).clusters)

    def test_restricted_core_and_joining_by_ties(self, monkeypatch):
        monkeypatch.setattr(dv, "MAX_LOUVAIN_EDGES", 5)
        d = run(self.ROWS, ego(self.ROWS, self.EDGES))
        # rank by strength: a1..a5 = 0..4, b1..b5 = 5..9; a tie's rank is its later end's.
        # Sorted tie ranks 1,2,2,3,3,3,4,...: the 6th is 3, so the core is the ties of rank < 3:
        # the triangle a1-a2-a3 (one community).  a4 and a5 have ties into it and join; the B
        # clique only touches a5, which is not in the core, so it is left out (unclustered).
        info = d.louvain
        assert (info["restricted"], info["core_ties"], info["core_nodes"]) == (True, 3, 3)
        assert (info["joined_by_ties"], info["left_out"]) == (2, 5)
        assert {d.clusters[p] for p in self.A} == {"colleague · Novo"}
        assert {d.clusters[p] for p in self.B} == {"unclustered"}

    def test_too_few_alter_ties_fall_back(self):
        d = run(self.ROWS, ego(self.ROWS, self.EDGES[:19]))       # 19 < 20 ties
        assert d.method == "circle"


class TestFallbacksAndEdgeCases:
    def test_employer_groups_without_circles(self):
        rows = [{"person_id": "a", "company": "Novo Nordisk", "effort": 3},
                {"person_id": "b", "company": " novo  nordisk", "effort": 1},
                {"person_id": "c", "company": "Lego", "effort": 1},
                {"person_id": "d", "effort": 1}]
        d = run(rows)
        assert d.method == "employer"
        # case and spaces ignored: a and b are one group, named after a's spelling (more effort)
        assert d.clusters.to_dict() == {"a": "Novo Nordisk", "b": "Novo Nordisk", "c": "Lego",
                                        "d": "unclustered"}
        assert d.lock_in_largest == pytest.approx(4 / 6)
        assert math.isnan(d.lock_in_old) and math.isnan(d.family_effort)
        assert "no circles" in d.reason["lock_in_old"]
        assert [f.rule for f in dv.findings(d)] == ["renewal"]      # renewal from the largest group only

    def test_no_log(self):
        d = run([{"person_id": "a", "circle": "family"}, {"person_id": "b", "company": "X"}])
        assert all(math.isnan(v) for v in (d.lock_in_largest, d.lock_in_old, d.newness, d.family_effort))
        assert "no log rows" in d.reason["newness"]
        assert dv.findings(d) == [] and dv.actions(d) == []

    def test_empty_tie_table(self):
        d = run([])
        assert d.reason["all"] == "the tie table is empty" and d.n_clusters == 0
        assert math.isnan(d.blau_contacts) and dv.findings(d) == []
        json.dumps(d.to_dict())

    def test_to_dict_is_json_without_per_person_clusters(self):
        out = run(CIRCLES).to_dict()
        assert "clusters" not in out and out["clusters_table"][0]["label"] == "colleague"
        json.dumps(out)

    def test_table_is_capped(self, monkeypatch):
        monkeypatch.setattr(clusters, "CLUSTER_ROWS", 2)
        rows = [{"person_id": f"p{i}", "company": f"C{i}", "effort": i + 1} for i in range(4)]
        table = run(rows).clusters_table
        # C3 (effort 4), C2 (3), then "2 smaller clusters" with effort 2 + 1 = 3
        assert table["label"].tolist() == ["C3", "C2", "2 smaller clusters"]
        assert table.iloc[-1]["effort"] == 3 and table.iloc[-1]["members"] == 2


def test_alter_edges_skip_me_and_keep_contacts_tied_only_to_each_other():
    """Contacts tied only to "me" give no edge; an edge between two contacts
    "me" is not tied to still counts; ids not in the tie table are left out."""
    import pandas as pd

    from netanalysis.analysis.graph import alter_edges

    g = nx.Graph()
    g.add_edges_from([("me", "a"), ("me", "b"), ("me", "e")], weight=0.3)
    g.add_edge("b", "a", weight=0.5)
    g.add_edge("c", "d", weight=1.0)
    g.add_edge("d", "zz", weight=1.0)   # zz is not in the tie table
    edges = alter_edges(g, pd.Index(["a", "b", "c", "d", "e"]))
    assert edges.sort_values(["a", "b"]).to_dict("records") == [
        {"a": 0, "b": 1, "weight": 0.5}, {"a": 2, "b": 3, "weight": 1.0}]
