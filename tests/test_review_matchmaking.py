"""Matchmaking (netanalysis/analysis/matchmaking.py), on hand-worked examples.

Brokerage values follow Burt (1992, 2004) as networkx computes them; the
small example is worked out on paper below and cross-checked against
networkx's per-node path.  Introduction scores follow the module docstring:
``2 · matched items + [both chemistry >= 4] + min(strength)``.
"""
from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from netanalysis.io.goals import Goals
from netanalysis.analysis import matchmaking as mm
from review_helpers import make_ties

GOALS = Goals()          # trusted_strength 0.35


def ego_graph(ties, alter_edges=()):
    """"me" tied to everyone (weight = strength), plus contact-contact edges of weight 1."""
    graph = nx.Graph()
    graph.add_node("me")
    for person, strength in ties["strength"].items():
        graph.add_edge("me", person, weight=float(strength))
    for a, b in alter_edges:
        graph.add_edge(a, b, weight=1.0, reasons=["knows"])
    return graph


class TestBrokerage:
    @pytest.fixture
    def ties(self):
        # a, b, c met (layer 1); d never met (layer NA) and left out of the active network
        return make_ties([{"strength": 0.6, "layer": 1}, {"strength": 0.5, "layer": 1},
                          {"strength": 0.4, "layer": 1}, {"strength": 0.0}], ["a", "b", "c", "d"])

    def test_hand_worked(self, ties):
        graph = ego_graph(ties, [("a", "c"), ("a", "d")])
        r = mm.matchmaking(ties, graph, goals=GOALS)
        assert r.active_contacts == 3 and r.alter_ties == 1        # a-d is outside the active network
        assert r.density == pytest.approx(1 / 3)                   # 1 of 3·2/2 pairs
        # p_me = (0.6, 0.5, 0.4)/1.5 = (0.4, 1/3, 4/15); p_ac = 1/1.6 = 0.625; p_ca = 1/1.4
        # constraint = (0.4 + 4/15 · 1/1.4)² + (1/3)² + (4/15 + 0.4 · 0.625)²
        #            = 0.590476² + 0.111111 + 0.516667² = 0.348662 + 0.111111 + 0.266944
        assert r.constraint == pytest.approx(0.726717, abs=1e-6)
        # effective size = Σ_j (1 - Σ_q p_mq m_jq), m_ac = m_ca = 1 (their strongest tie):
        #   a: 1 - 4/15, b: 1, c: 1 - 0.4  -> 3 - 2/3 (here equal to Borgatti's n - 2t/n)
        assert r.effective_size == pytest.approx(7 / 3)
        assert r.efficiency == pytest.approx(7 / 9)
        assert r.brokerage_reason == ""

    def test_agrees_with_networkx_per_node_path(self, ties):
        graph = ego_graph(ties, [("a", "c"), ("b", "c")])
        r = mm.matchmaking(ties, graph, goals=GOALS)
        sub = graph.subgraph(["me", "a", "b", "c"])
        assert r.constraint == pytest.approx(nx.constraint(sub, nodes=["me"], weight="weight")["me"])
        assert r.effective_size == pytest.approx(
            nx.effective_size(sub, nodes=["me"], weight="weight")["me"])

    def test_no_alter_ties_is_nan_with_reason(self, ties):
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert r.alter_ties == 0 and r.density == 0.0
        assert math.isnan(r.constraint) and math.isnan(r.effective_size) and math.isnan(r.efficiency)
        assert r.brokerage_reason == mm.NO_ALTER_TIES and "knows" in r.brokerage_reason

    def test_only_layers_1_to_4(self):
        # layer 5 contacts (beyond the 150) are not in the active network
        ties = make_ties([{"strength": 0.5, "layer": 4}, {"strength": 0.1, "layer": 5}], ["a", "b"])
        r = mm.matchmaking(ties, ego_graph(ties, [("a", "b")]), goals=GOALS)
        assert r.active_contacts == 1 and r.alter_ties == 0 and math.isnan(r.density)

    def test_empty(self):
        r = mm.matchmaking(make_ties([]), ego_graph(make_ties([])), goals=GOALS)
        assert r.active_contacts == 0 and math.isnan(r.constraint) and "nobody is in touch" in r.brokerage_reason
        assert len(r.introductions) == 0 and r.pairs == 0 and r.candidates == 0
        assert mm.findings(r) == [] and mm.actions(r) == []
        json.dumps(r.to_dict())


@pytest.fixture
def people():
    # pool order (strength, descending): Ann 0, Cy 1, Bo 2, Eve 3; Fay is not strong; Gus winds down and
    # Dan is rated 2 for chemistry: neither may be introduced
    rows = [
        {"contact": "Ann Lee", "circle": "client", "strength": 0.62, "chemistry": 4, "offers": "hiring",
         "layer": 1},
        {"contact": "Bo Berg", "circle": "community", "strength": 0.48, "chemistry": 5,
         "needs": "hiring;design", "layer": 3},
        {"contact": "Cy Dahl", "circle": "client", "strength": 0.50, "chemistry": 4, "needs": "hiring",
         "layer": 2},
        {"contact": "Dan Holm", "circle": "partner", "strength": 0.40, "chemistry": 2, "offers": "design",
         "layer": 5},
        {"contact": "Eve Lund", "circle": "mentor", "strength": 0.45, "chemistry": 5, "layer": 4},
        {"contact": "Fay Krog", "circle": "friend", "strength": 0.20, "chemistry": 5, "offers": "design"},
        {"contact": "Gus Ek", "circle": "other", "strength": 0.70, "chemistry": 5, "offers": "hiring",
         "status": "wind-down"},
    ]
    return make_ties(rows, ["ann", "bo", "cy", "dan", "eve", "fay", "gus"])


class TestIntroductions:
    def test_ranking(self, people):
        graph = ego_graph(people, [("bo", "eve")])          # Bo and Eve know each other already
        r = mm.matchmaking(people, graph, goals=GOALS)
        intro = r.introductions
        # Ann-Bo: hiring (1 item) · 2 + both 4+ (1) + min(0.62, 0.48)      = 3.48
        # Cy-Bo:  no match; both 4+ (1) + 0.48                             = 1.48
        # Ann-Eve, Cy-Eve: both 4+ (1) + 0.45                              = 1.45 (pool order breaks the tie)
        # left out: Ann-Cy (both clients), Bo-Eve (tied), Dan (chemistry 2), Fay (not strong), Gus (wind-down)
        assert list(zip(intro["a"], intro["b"])) == [("Ann Lee", "Bo Berg"), ("Cy Dahl", "Bo Berg"),
                                                     ("Ann Lee", "Eve Lund"), ("Cy Dahl", "Eve Lund")]
        assert intro["score"].tolist() == pytest.approx([3.48, 1.48, 1.45, 1.45])
        assert intro["matched"].tolist() == ["hiring", "", "", ""]
        assert intro["a_id"].tolist()[:2] == ["ann", "cy"] and intro["b_id"].tolist()[:2] == ["bo", "bo"]
        assert r.candidates == 4 and r.excluded == 2 and r.trusted and r.group_basis == "circle"
        # matched: Ann-Bo, which is also a best one (match, both strong, both 4+)
        assert (r.pairs, r.matched_pairs, r.best_pairs) == (4, 1, 1)
        assert (r.distinct_matched, r.distinct_best) == (1, 1)
        # needs: Bo (hiring, design) can be helped by Ann; Cy (hiring) only by Ann, a client like Cy
        assert (r.needers, r.open_needers) == (2, 1)

    def test_reason(self, people):
        r = mm.matchmaking(people, ego_graph(people), goals=GOALS)
        assert r.introductions["reason"].iloc[0] == (
            "Ann Lee (client) offers hiring, which Bo Berg (community) needs; they are in different circles "
            "and both close to you (strength 0.62, 0.48), and you rate both 4+ for chemistry")
        chemistry_only = r.introductions.set_index(["a", "b"]).loc[("Cy Dahl", "Bo Berg"), "reason"]
        assert chemistry_only.startswith("Cy Dahl (client) and Bo Berg (community) are both people you rate 4+")

    def test_no_introduction_for_low_chemistry_wind_down_private_or_taker(self, people):
        people = people.copy()
        people.loc["bo", "taker"] = True                  # Bo takes: no introduction serves him
        r = mm.matchmaking(people, ego_graph(people), goals=GOALS)
        named = set(r.introductions["a_id"]) | set(r.introductions["b_id"])
        assert named.isdisjoint({"bo", "dan", "fay", "gus"})
        # Bo a taker, Dan chemistry 2, Fay a friend, Gus wind-down
        assert mm.no_introduction(people).loc[["bo", "dan", "fay", "gus"]].tolist() == [True, True, True, True]
        assert not mm.no_introduction(people).loc[["ann", "cy", "eve"]].any()

    def test_finding_and_actions(self, people):
        r = mm.matchmaking(people, ego_graph(people, [("bo", "eve")]), goals=GOALS)
        (finding,) = mm.findings(r)
        # reach 1 of 2 needers; distance 1 - 0/12; damped by min(1, 1 open needer / 3)
        assert finding.rule == "matchmaking" and finding.severity == pytest.approx(1 / 6)
        assert finding.tone == "note" and finding.title == "A few introductions to make"
        assert finding.sentence.startswith("1 well-matched introduction is waiting among your strong ties, "
                                           "in different circles")
        assert "(1 of the 2 with a need can be helped)" in finding.sentence
        assert finding.sentence.endswith("the best: Ann Lee and Bo Berg (hiring).")
        # Bo-Eve is the one alter tie among the 4 active contacts (layers 1-4: Ann, Bo, Cy, Eve): 1/6
        assert r.active_contacts == 4 and r.density == pytest.approx(1 / 6)
        assert finding.evidence["density"] == pytest.approx(1 / 6)  # 1 alter tie of 6 pairs among 4 contacts
        actions = mm.actions(r)
        assert len(actions) == 4 and actions[0].verb == "introduce"
        assert actions[0].contacts == ["Ann Lee", "Bo Berg"] and actions[0].person_ids == ["ann", "bo"]
        # plan_priority(1/6, (min(1, 2)/2 + 1 + 0.48) / 2.5 = .792) = 1/6 · (.5 + .396)
        assert actions[0].priority == pytest.approx((0.5 + 0.5 * 0.792) / 6)
        assert actions[0].reason.endswith("for chemistry.")

    def test_introductions_made_lower_the_severity(self, people):
        graph = ego_graph(people, [("bo", "eve")])
        none = mm.findings(mm.matchmaking(people, graph, goals=GOALS))[0].severity
        six = mm.findings(mm.matchmaking(people, graph, goals=GOALS, introductions_made=6))[0].severity
        twelve = mm.findings(mm.matchmaking(people, graph, goals=GOALS, introductions_made=12))[0]
        assert six == pytest.approx(none / 2) and twelve.severity == 0.0       # distance 1 - 6/12, 1 - 12/12
        assert twelve.title == "You are your network's matchmaker"
        assert twelve.sentence.startswith("You made 12 introductions in the last 365 days.")

    def test_covered_needs_are_left_out(self, people):
        # Bo already knows Eve, who offers hiring: Bo's hiring need is covered, design is still open
        people = people.copy()
        people.loc["eve", "offers"] = "hiring"
        r = mm.matchmaking(people, ego_graph(people, [("bo", "eve")]), goals=GOALS)
        assert r.covered_needs == 1
        pairs = r.introductions.set_index(["a_id", "b_id"])
        assert pairs.loc[("ann", "bo"), "matched"] == ""          # only the chemistry is left for Ann and Bo
        assert pairs.loc[("eve", "cy"), "matched"] == "hiring"    # Cy's need is still open

    def test_three_strong_matches_are_high(self):
        rows = []
        for k, item in enumerate(["hiring", "design", "legal"]):
            rows.append({"contact": f"Giver {k}", "circle": "client", "strength": 0.6, "chemistry": 5,
                         "offers": item})
            rows.append({"contact": f"Taker {k}", "circle": "partner", "strength": 0.5, "chemistry": 4,
                         "needs": item})
        ties = make_ties(rows)
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert (r.matched_pairs, r.best_pairs, r.distinct_best) == (3, 3, 3)
        # reach 3/3 · distance 1 · min(1, 3/3)
        assert mm.findings(r)[0].severity == pytest.approx(1.0)
        assert mm.findings(r)[0].level == "high"

    def test_headline_example_is_a_best_one(self):
        # A-B match both ways (score 2·2 + 0 + 0.5 = 4.5) but chemistry unknown; C-D is a best one
        # (2·1 + 1 + 0.4 = 3.4): the sentence's example is C-D
        ties = make_ties([
            {"contact": "A", "circle": "client", "strength": 0.5, "offers": "x", "needs": "y"},
            {"contact": "B", "circle": "partner", "strength": 0.5, "offers": "y", "needs": "x"},
            {"contact": "C", "circle": "client", "strength": 0.4, "chemistry": 5, "offers": "z"},
            {"contact": "D", "circle": "mentor", "strength": 0.4, "chemistry": 4, "needs": "z"}])
        # other pairs: A-C both clients; A-D, B-C, B-D no match and chemistry not 4+ for both
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert r.introductions["a"].tolist() == ["A", "C"]
        assert r.introductions["score"].tolist() == pytest.approx([4.5, 3.4])
        (finding,) = mm.findings(r)
        assert "1 well-matched introduction is waiting" in finding.sentence
        assert "the best: C and D (z)" in finding.sentence
        # needers A, B, D can all be helped: 3/3 · 1 · 1
        assert finding.severity == pytest.approx(1.0)

    def test_both_ways(self):
        ties = make_ties([{"contact": "A", "circle": "client", "strength": 0.5, "offers": "x", "needs": "y"},
                          {"contact": "B", "circle": "partner", "strength": 0.4, "offers": "y", "needs": "x"}])
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        row = r.introductions.iloc[0]
        # 2 items · 2 + no chemistry bonus + 0.4
        assert row["matches"] == 2 and row["matched"] == "x;y" and row["score"] == pytest.approx(4.4)
        assert row["reason"].startswith("A (client) offers x, which B (partner) needs; B offers y, which A needs")
        assert not row["best"]              # chemistry unknown

    def test_family_and_friends_are_not_introduced(self):
        # Seed: keep family and close friends out of the professional network.
        ties = make_ties([{"contact": "A", "circle": "client", "strength": 0.5, "offers": "x", "needs": "y"},
                          {"contact": "B", "circle": "family", "strength": 0.9, "offers": "y", "needs": "x"},
                          {"contact": "C", "circle": "friend", "strength": 0.9, "offers": "y", "needs": "x"}])
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert r.introductions.empty

    def test_fallback_to_closest_layers(self):
        # nobody reaches strength 0.35: the contacts of layers 1-3 are used instead
        ties = make_ties([{"contact": "A", "circle": "client", "strength": 0.2, "layer": 1, "offers": "x"},
                          {"contact": "B", "circle": "partner", "strength": 0.1, "layer": 3, "needs": "x"},
                          {"contact": "C", "circle": "other", "strength": 0.05, "layer": 4, "needs": "x"}])
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert not r.trusted and r.candidates == 2 and r.best_pairs == 0
        assert "both among your closest contacts (strength 0.20, 0.10)" in r.introductions["reason"].iloc[0]
        # B's need can be met: reach 1/1 · distance 1 · min(1, 1/3)
        (finding,) = mm.findings(r)
        assert finding.severity == pytest.approx(1 / 3)
        assert finding.sentence.startswith("1 introduction is waiting among your closest contacts, ")
        assert finding.sentence.endswith("the best: A and B (x).")

    def test_clusters_first(self):
        ties = make_ties([
            {"contact": "A", "circle": "client", "cluster": "c1", "strength": 0.5, "offers": "x"},
            {"contact": "B", "circle": "partner", "cluster": "c1", "strength": 0.5, "needs": "x"},
            {"contact": "C", "circle": "client", "cluster": "unclustered", "strength": 0.5, "needs": "x"},
        ])
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        # A-B share cluster c1 (though their circles differ); C, unclustered, is a group of its own
        assert r.group_basis == "cluster"
        assert list(zip(r.introductions["a"], r.introductions["b"])) == [("A", "C")]
        assert "different clusters" in r.introductions["reason"].iloc[0]

    def test_company_when_no_circles(self):
        ties = make_ties([{"contact": "A", "company": "Acme", "strength": 0.5, "offers": "x"},
                          {"contact": "B", "company": "acme ", "strength": 0.5, "needs": "x"},
                          {"contact": "C", "company": "Bolt", "strength": 0.5, "needs": "x"},
                          {"contact": "D", "strength": 0.5, "needs": "x"}])      # no circle, no company
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        # A-B same company (case and spaces ignored); D's group is unknown
        assert r.group_basis == "company"
        assert list(zip(r.introductions["a"], r.introductions["b"])) == [("A", "C")]
        assert "different companies" in r.introductions["reason"].iloc[0]

    def test_no_reason_no_pair(self):
        ties = make_ties([{"circle": "client", "strength": 0.5}, {"circle": "partner", "strength": 0.5}])
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert r.pairs == 0 and len(r.introductions) == 0 and r.introductions_reason
        assert mm.findings(r) == []

    def test_fewer_than_two_candidates(self):
        ties = make_ties([{"strength": 0.5, "layer": 1, "offers": "x"}])
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert r.candidates == 1 and "fewer than 2" in r.introductions_reason

    def test_candidates_capped_and_top_ten(self):
        rows = [{"circle": "client" if k % 2 else "partner", "strength": 0.4 + k / 10_000,
                 "offers": "x" if k % 2 else "", "needs": "" if k % 2 else "x"} for k in range(300)]
        ties = make_ties(rows)
        r = mm.matchmaking(ties, ego_graph(ties), goals=GOALS)
        assert r.candidates == mm.MAX_CANDIDATES and len(r.introductions) == mm.TOP_INTRODUCTIONS
        # 100 offering clients × 100 needing partners among the 200 strongest
        assert r.matched_pairs == 100 * 100 and r.distinct_matched == 100
        assert json.loads(json.dumps(r.to_dict()))["introductions"][0]["matched"] == "x"
