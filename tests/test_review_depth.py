"""Breadth versus depth (netanalysis/analysis/depth.py).

Every expected number is worked by hand in the comments; the as-of date is
2026-06-01 and ``trusted_strength`` the default 0.35.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from netanalysis.io.goals import Goals
from netanalysis.analysis import depth as dp
from netanalysis.analysis import staleness as st
from review_helpers import make_ties, synthetic_ties

AS_OF = "2026-06-01"
GOALS = Goals()

SMALL = [
    # met, active, strong; layer 1
    {"person_id": "a", "connected_on": "2018-01-01", "interactions": 10, "effort": 6, "strength": 0.6,
     "layer": 1, "circle": "client", "cluster": "k1"},
    # met, active, strong (0.4 >= 0.35); layer 2
    {"person_id": "b", "connected_on": "2019-01-01", "interactions": 4, "effort": 3, "strength": 0.4,
     "layer": 2, "circle": "colleague", "cluster": "k1"},
    # met once, active, weak, chemistry 5: the promising one; no circle
    {"person_id": "c", "connected_on": "2026-04-01", "interactions": 1, "effort": 1, "strength": 0.1,
     "layer": 3, "cluster": "k2", "chemistry": 5, "last_contact": "2026-05-01"},
    # never met: 151 days old -> "< 1 year"
    {"person_id": "d", "connected_on": "2026-01-01"},
    # never met: exactly 2 years old -> "1-3 years"
    {"person_id": "e", "connected_on": "2024-06-01"},
    # off LinkedIn, met twice, not in touch this year: an acquaintance (layer 5)
    {"person_id": "f", "on_linkedin": False, "interactions": 2, "strength": 0.2, "layer": 5,
     "circle": "family"},
]


def run(rows, **kw):
    return dp.breadth_depth(make_ties(rows, **kw), goals=GOALS, as_of=AS_OF)


class TestCounts:
    def test_hand_worked_small_network(self):
        d = run(SMALL)
        # connections a-e = 5, people 6, met a b c f = 4, once c = 1, active a b c = 3, strong a b = 2
        assert (d.connections, d.people, d.met, d.met_once, d.active, d.strong_ties) == (5, 6, 4, 1, 3, 2)
        assert d.circles_reached == 2          # client, colleague among the active (c has none)
        assert d.clusters_reached == 2         # k1, k2
        assert d.strong_share == pytest.approx(2 / 5)
        # cards d, e: one < 1 year, one 1-3 years; share of 5 connections
        assert d.cards == 2 and d.cards_share == pytest.approx(0.4)
        assert d.business_cards["count"].tolist() == [1, 1, 0, 0, 0]
        assert d.business_cards["share"].tolist()[:2] == pytest.approx([0.2, 0.2])

    def test_layers_and_inner_effort(self):
        d = run(SMALL)
        layers = d.layers.set_index("layer")
        assert layers["members"].tolist() == [1, 1, 1, 0, 1]            # a | b | c | - | f
        assert layers["effort"].tolist() == [6, 3, 1, 0, 0]
        assert layers["expected"].tolist()[:4] == [5, 10, 35, 100] and math.isnan(layers.loc[5, "expected"])
        assert layers["effort_share"].tolist() == pytest.approx([0.6, 0.3, 0.1, 0, 0])
        assert d.inner_effort_share == pytest.approx(0.9)                # (6 + 3) / 10

    def test_scores_and_quadrant(self):
        d = run(SMALL)
        # Cn = clip(log10(5/50)/log10(20)) = 0; A = clip(log10(3/5)/log10(30)) = 0; Ci = 2/6
        assert d.breadth == pytest.approx((0 + 0 + 2 / 6) / 3)
        # St = 2/15, In = min(1, .9/.5) = 1; depth = St · In = .133333
        assert d.depth == pytest.approx(2 / 15)
        assert d.quadrant == "narrow and shallow"
        # E = effort on never-strong ties / all effort = c's 1 of 10; O = 1/4
        # severity = E · (1 - depth) · min(1, 5/150) = .1 · (13/15) / 30 = .0028889
        assert d.parts["E"] == pytest.approx(0.1) and d.parts["O"] == pytest.approx(0.25)
        assert d.severity == pytest.approx(0.1 * (1 - 2 / 15) * 5 / 150)

    def test_quadrant_thresholds(self):
        # 1000 connections (Cn 1), 150 active (A 1): broad.  15 strong in layers 1-2 with all effort: deep.
        rows = ([{"interactions": 5, "effort": 5, "strength": 0.5, "layer": 1 + (i >= 5)} for i in range(15)]
                + [{"interactions": 1, "effort": 1, "strength": 0.1, "layer": 4} for _ in range(135)]
                + [{} for _ in range(850)])
        d = run(rows)
        # inner = 75 / (75 + 135) = .357143 -> In = .714286; depth = 1 · .714286
        assert d.breadth == pytest.approx(1.0) and d.depth == pytest.approx(75 / 210 / 0.5)
        assert d.quadrant == "broad and deep"
        # the same with 7 strong ties (the other 8 weak): St = 7/15, depth = .466667 · .714286 = .3333
        for row in rows[7:15]:
            row["strength"] = 0.2
        d = run(rows)
        assert d.depth == pytest.approx(7 / 15 * 75 / 210 / 0.5) and d.quadrant == "broad and shallow"


class TestSeverity:
    def test_collector_on_paper(self):
        # 300 connections, 10 met (5 once), 1 strong, 290 never met
        rows = ([{"interactions": 4, "effort": 1, "strength": 0.5 if i == 0 else 0.2, "layer": 1 + i // 5}
                 for i in range(5)]
                + [{"interactions": 1, "effort": 1, "strength": 0.1, "layer": 2} for _ in range(5)]
                + [{} for _ in range(290)])
        d = run(rows)
        # E = 9 of the 10 days in touch went to ties never strong (only the first is strong)
        # depth = St · In = 1/15 · min(1, 1/.5) (all effort in layers 1-2) = 1/15
        # severity = E · (1 - depth) · min(1, 300/150) = .9 · 14/15 = .84
        assert d.parts["E"] == pytest.approx(0.9) and d.depth == pytest.approx(1 / 15)
        assert d.severity == pytest.approx(0.84)
        (finding,) = dp.findings(d)
        assert finding.rule == "depth" and finding.level == "high" and finding.title == "A pile of business cards"
        assert finding.tone == "problem"
        assert finding.sentence.startswith("You have 300 connections but only 1 strong tie, and 90% of your days")
        assert "290 connections (97%) you have never met" in finding.sentence

    def test_action_reconnects_promising_one_off(self):
        d = run(SMALL)
        (act,) = dp.actions(d)
        assert act.verb == "reconnect" and act.person_ids == ["c"] and act.rule == "depth"
        assert act.reason.startswith("Met once (2026-05-01) and rated chemistry 5/5")
        # plan_priority(severity, urgency (5 - 3) / 2 = 1) = max(severity, .05) · 1
        assert act.priority == pytest.approx(max(d.severity, 0.05))


class TestUndefined:
    def test_empty(self):
        d = run([])
        assert (d.connections, d.met, d.cards) == (0, 0, 0)
        assert math.isnan(d.severity) and math.isnan(d.depth) and d.quadrant is None
        assert dp.findings(d) == [] and dp.actions(d) == []
        assert d.to_dict()["severity"] is None

    def test_no_log(self):
        d = run([{"connected_on": "2026-01-01"}, {"connected_on": "2010-01-01"}])
        assert d.cards == 2 and d.business_cards["count"].tolist() == [1, 0, 0, 1, 0]
        assert math.isnan(d.inner_effort_share) and "no evidence of contact" in d.reason["depth"]
        assert dp.findings(d) == []

    def test_no_circles_no_clusters(self):
        rows = [{**r, "circle": "", "cluster": ""} for r in SMALL]
        d = run(rows)
        assert d.circles_reached is None and d.clusters_reached is None
        assert "contacts.csv" in d.reason["circles_reached"]
        assert d.breadth == 0.0                   # mean of Cn = 0 and A = 0 only
        assert math.isnan(d.parts["Ci"])

    def test_without_cluster_column(self):
        ties = make_ties(SMALL).drop(columns=["cluster", "cadence_used", "overdue"])
        d = dp.breadth_depth(ties, goals=GOALS, as_of=AS_OF)
        assert d.clusters_reached is None and d.circles_reached == 2

    def test_unknown_connection_date(self):
        d = run([{"interactions": 1, "effort": 1}, {}])
        assert d.business_cards.set_index("band").loc["unknown date", "count"] == 1


@pytest.mark.parametrize("seed", [0, 1])
def test_personas_collector_is_depth(seed):
    """Calibration: the collector's depth finding is a problem and above its staleness; the drifter's is not."""
    collector = synthetic_ties(connections=1500, log_people=110, rows_per_person=1.35, recent_share=0.04,
                               sigma=0.3, years=12, warm_days=400, seed=seed)
    drifter = synthetic_ties(connections=500, log_people=80, rows_per_person=7.5, cold_share=0.7,
                             cold_by_effort=True, warm_effort=0.3, sigma=1.1, years=11, seed=seed)
    out = {}
    for name, ties in [("collector", collector), ("drifter", drifter)]:
        stale = st.staleness(ties, goals=GOALS, as_of=AS_OF)
        ties = ties.assign(cluster="", cadence_used=stale.cadence, overdue=stale.overdue)
        out[name] = (dp.breadth_depth(ties, goals=GOALS, as_of=AS_OF), stale.severity)
    collector_depth, collector_stale = out["collector"]
    drifter_depth, drifter_stale = out["drifter"]
    assert collector_depth.severity >= 0.45
    assert collector_depth.severity > collector_stale["staleness"]   # its new connections are a backlog of their own
    assert collector_depth.quadrant == "broad and shallow"
    assert drifter_depth.severity < drifter_stale["staleness"]
    assert not np.isnan(drifter_depth.breadth)


def test_a_note_says_what_keeps_it_from_good():
    """A note (severity 0.1-0.3) names the effort on ties never strong, beside the quadrant."""
    result = dp.Depth.__new__(dp.Depth)
    fields = dict(connections=400, people=400, met=100, met_once=10, active=80, circles_reached=5,
                  clusters_reached=0, strong_ties=20, strong_share=0.05, layers=None, inner_effort_share=0.5,
                  business_cards=None, cards=300, cards_share=0.75, breadth=0.8, depth=0.8,
                  quadrant="broad and deep", severity=0.12, window_days=365, parts={"E": 0.6}, reason={},
                  _candidates=None)
    for key, value in fields.items():
        object.__setattr__(result, key, value)
    (finding,) = dp.findings(result)
    assert finding.tone == "note" and finding.title == "Depth could grow"
    assert finding.sentence == ("20 strong ties among the 100 people you have been in touch with, 80 of them in "
                                "the last 365 days; the network is broad and deep, but 60% of your days in touch "
                                "went to people who have never been strong ties.")
