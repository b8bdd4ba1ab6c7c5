"""Staleness: cadence, overdue, cooling, dormant, follow-up (netanalysis/analysis/staleness.py).

Every expected number is worked by hand in the comments; the as-of date is
2026-06-01 and ``trusted_strength`` the default 0.35.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from netanalysis.io.goals import Goals
from netanalysis.analysis import staleness as st
from review_helpers import make_ties, synthetic_ties

AS_OF = "2026-06-01"
GOALS = Goals()


def run(rows, **kw):
    return st.staleness(make_ties(rows, **kw), goals=GOALS, as_of=AS_OF)


class TestCadence:
    """Cadence by layer (Hill & Dunbar 2003 defaults) unless given; overdue = days - cadence."""

    def test_layer_defaults_custom_wind_down_and_never_met(self):
        s = run([
            {"person_id": "a", "layer": 1, "interactions": 3, "days_since_last": 20},      # 14; 20-14 = 6
            {"person_id": "b", "layer": 2, "interactions": 3, "days_since_last": 45,
             "cadence_days": 60},                                                         # given 60; 45-60 = -15
            {"person_id": "c", "layer": 3, "interactions": 3, "days_since_last": 200,
             "status": "wind-down", "effort": 2},                                         # no cadence
            {"person_id": "d"},                                                           # never met
            {"person_id": "e", "layer": 5, "interactions": 1, "days_since_last": 400},     # 365; 35
        ])
        assert s.cadence.to_dict() == pytest.approx(
            {"a": 14.0, "b": 60.0, "c": np.nan, "d": np.nan, "e": 365.0}, nan_ok=True)
        assert s.overdue.to_dict() == pytest.approx(
            {"a": 6.0, "b": -15.0, "c": np.nan, "d": np.nan, "e": 35.0}, nan_ok=True)
        assert s.counts["with_cadence"] == 3 and s.counts["overdue"] == 2     # a and e
        assert s.shares["overdue"] == pytest.approx(2 / 3)
        assert list(s.wind_down.index) == ["c"]                               # wind-down with effort 2
        assert "c" not in s.cooling.index

    def test_zero_cadence_is_ignored(self):
        s = run([{"layer": 2, "interactions": 2, "days_since_last": 10, "cadence_days": 0}])
        assert s.cadence.iloc[0] == 30.0                                      # falls back to layer 2


class TestCoolingAndDormant:
    rows = [
        # strong (layer 1), 42 days: cadence 14, overdue 28, ratio 2, score 0.5*2 = 1.0
        {"person_id": "a", "layer": 1, "interactions": 6, "days_since_last": 42, "strength": 0.5},
        # layer 2, 90 days: cadence 30, overdue 60, ratio 2, score 0.4*2 = 0.8
        {"person_id": "b", "layer": 2, "interactions": 4, "days_since_last": 90, "strength": 0.4},
        # layer 4 and weak: not a strong tie, not cooling
        {"person_id": "c", "layer": 4, "interactions": 2, "days_since_last": 400, "strength": 0.2},
        # layer 4 but strength >= 0.35: 270 days, cadence 180, overdue 90, ratio 0.5, score 0.4*0.5 = 0.2
        {"person_id": "f", "layer": 4, "interactions": 4, "days_since_last": 270, "strength": 0.4},
        # silent 800 days, peak 0.5 >= 0.35: dormant (not cooling), chemistry 3
        {"person_id": "g", "layer": 3, "interactions": 8, "days_since_last": 800, "strength": 0.02,
         "peak_strength": 0.5, "chemistry": 3},
        # dormant, same peak, chemistry 5: ranks above g
        {"person_id": "h", "layer": 5, "interactions": 5, "days_since_last": 900, "strength": 0.01,
         "peak_strength": 0.5, "chemistry": 5},
        # dormant, highest peak 0.6: first
        {"person_id": "i", "layer": 5, "interactions": 5, "days_since_last": 1000, "strength": 0.01,
         "peak_strength": 0.6},
        # silent 1000 days but peak 0.2: not dormant
        {"person_id": "j", "layer": 5, "interactions": 1, "days_since_last": 1000, "peak_strength": 0.2},
        # peak 0.6 but 700 < 730 days: not dormant
        {"person_id": "k", "layer": 5, "interactions": 5, "days_since_last": 700, "peak_strength": 0.6},
        # wind-down: never cooling nor dormant
        {"person_id": "w", "layer": 1, "interactions": 5, "days_since_last": 900, "strength": 0.5,
         "peak_strength": 0.9, "status": "wind-down"},
    ]

    def test_cooling_ranked_by_strength_times_ratio(self):
        s = run(self.rows)
        assert list(s.cooling.index) == ["a", "b", "f"]
        assert s.cooling["score"].tolist() == pytest.approx([1.0, 0.8, 0.2])
        assert s.cooling["ratio"].tolist() == pytest.approx([2.0, 2.0, 0.5])

    def test_dormant_ranked_by_peak_then_chemistry(self):
        s = run(self.rows)
        assert list(s.dormant.index) == ["i", "h", "g"]
        assert s.counts["dormant"] == 3

    def test_actions_name_days_and_cadence(self):
        s = run(self.rows)
        acts = st.actions(s)
        first = next(a for a in acts if a.person_ids == ["a"])
        assert first.verb == "reconnect" and first.rule == "staleness"
        assert first.reason == "Last contact 42 days ago; this tie deserves contact every 14 days."
        dormant = next(a for a in acts if a.person_ids == ["i"])
        assert "1,000 days ago" in dormant.reason and "peak strength 0.60" in dormant.reason
        assert all(0 <= a.priority <= 1 for a in acts)
        assert not any(a.person_ids == ["w"] and a.verb == "reconnect" for a in acts)


class TestSeverity:
    def test_hand_worked_staleness(self):
        s = run([
            # K: in touch on >= 3 days, peak >= 0.35.  d = clip(overdue / cadence, 0, 1)
            {"layer": 1, "interactions": 5, "days_since_last": 28, "peak_strength": 0.6},   # d = 14/14 = 1
            {"layer": 2, "interactions": 3, "days_since_last": 45, "peak_strength": 0.5},   # d = 15/30 = .5
            {"layer": 3, "interactions": 10, "days_since_last": 30, "peak_strength": 0.4},  # d = 0
            {"layer": 1, "interactions": 2, "days_since_last": 99, "peak_strength": 0.9},   # 2 days: not in K
            {"layer": 2, "interactions": 5, "days_since_last": 99, "peak_strength": 0.2},   # peak < .35: not in K
        ])
        # |K| = 3 <= 15: all in the core C, R empty; L = mean_C(d) = (1 + .5 + 0) / 3 = .5
        # severity = L · min(1, 3/3) = .5
        assert s.counts["kept"] == 3 and s.counts["kept_late"] == 2 and s.counts["core"] == 3
        assert s.shares["late_weighted"] == pytest.approx(0.5)
        assert s.severity["staleness"] == pytest.approx(0.5)
        (finding,) = [f for f in st.findings(s) if f.rule == "staleness"]
        assert finding.tone == "problem" and finding.title == "Strong ties going cold"
        assert finding.sentence.startswith("2 of your 3 once-strong relations are past the cadence they deserve, "
                                           "2 of the 3 closest")

    def test_a_healthy_outer_network_does_not_dilute_a_cold_core(self):
        """15 closest a full cadence late beside 100 healthy outer relations: 0.6 · 1 + 0.4 · 0."""
        core = [{"layer": 2, "interactions": 20, "days_since_last": 200, "peak_strength": 0.8}] * 15
        outer = [{"layer": 4, "interactions": 6, "days_since_last": 20, "peak_strength": 0.4}] * 100
        s = run(core + outer)
        assert s.severity["staleness"] == pytest.approx(0.6)
        assert st.findings(s)[0].tone == "problem"

    def test_all_strong_ties_cold_is_severe(self):
        # six relations, w = .5 * 1 each, all a full cadence late: L = 1, Σwd = 3 -> severity 1
        s = run([{"layer": 3, "interactions": 5, "days_since_last": 300, "peak_strength": 0.5}] * 6)
        assert s.severity["staleness"] == pytest.approx(1.0)
        assert st.findings(s)[0].title == "Strong ties going cold"

    def test_all_warm_gives_zero_and_a_positive_finding(self):
        s = run([{"layer": 1, "interactions": 5, "days_since_last": 3, "peak_strength": 0.5}])
        (finding,) = st.findings(s)
        assert finding.severity == 0.0 and finding.title == "Strong ties kept warm"


class TestFollowUp:
    rows = [
        # 12 days ago, never met: backlog
        {"person_id": "n1", "connected_on": "2026-05-20"},
        # 61 days ago, met 9 days after connecting: followed up
        {"person_id": "n2", "connected_on": "2026-04-01", "interactions": 1, "last_contact": "2026-04-10"},
        # 78 days ago; the only contact was before connecting: backlog
        {"person_id": "n3", "connected_on": "2026-03-15", "interactions": 1, "last_contact": "2025-01-01"},
        # 151 days ago: not recent
        {"person_id": "n4", "connected_on": "2026-01-01"},
        # recent but marked wind-down: recent, not in the backlog
        {"person_id": "n5", "connected_on": "2026-05-30", "status": "wind-down"},
        {"person_id": "m", "connected_on": "2020-01-01", "interactions": 4, "last_contact": "2026-05-01"},
    ]

    def test_backlog_newest_first_and_severity(self):
        s = run(self.rows, as_of=AS_OF)
        assert list(s.follow_up.index) == ["n1", "n3"]
        assert s.follow_up["days_since_connected"].tolist() == [12, 78]
        # N = 4 (n1, n2, n3, n5), B = 2: Σ min(1, age/14) = 12/14 + 1; / N; · min(1, B/3)
        # = 1.857143 / 4 · 2/3 = .309524 (the share of the new, not of the whole network)
        assert s.counts["recent_connections"] == 4 and s.counts["follow_up"] == 2
        assert s.severity["follow-up"] == pytest.approx((12 / 14 + 1) / 4 * 2 / 3)
        finding = next(f for f in st.findings(s) if f.rule == "follow-up")
        assert finding.sentence.startswith("2 of the 4 people you connected with in the last 90 days (50%)")
        acts = [a for a in st.actions(s) if a.verb == "follow up"]
        assert [a.person_ids for a in acts] == [["n1"], ["n3"]]
        assert acts[0].reason.startswith("Connected 12 days ago")

    def test_no_recent_connections_gives_no_finding(self):
        s = run([{"connected_on": "2020-01-01", "interactions": 2, "last_contact": "2026-01-01"}], as_of=AS_OF)
        assert math.isnan(s.severity["follow-up"]) and "last 90 days" in s.reason["follow_up"]
        assert not [f for f in st.findings(s) if f.rule == "follow-up"]


class TestUndefined:
    def test_empty_table(self):
        s = run([])
        assert s.cadence.empty and s.cooling.empty and s.follow_up.empty
        assert math.isnan(s.severity["staleness"]) and math.isnan(s.severity["follow-up"])
        assert st.findings(s) == [] and st.actions(s) == []
        assert s.reason["all"] == "the tie table is empty"
        assert s.to_dict()["severity"] == {"staleness": None, "follow-up": None}

    def test_no_log(self):
        # no interactions at all: no cadence, and the backlog cannot be judged
        s = run([{"connected_on": "2026-05-20"}, {"connected_on": "2019-05-20"}])
        assert s.cadence.isna().all() and s.follow_up.empty
        assert "no evidence of contact" in s.reason["follow_up"]
        assert st.findings(s) == []


def test_wind_down_action():
    s = run([{"person_id": "w", "layer": 2, "interactions": 9, "effort": 6, "days_since_last": 5,
              "status": "wind-down"}])
    (act,) = st.actions(s)
    assert act.verb == "wind down" and act.reason.startswith("Marked wind-down but in touch on 6 days")
    # a reminder of the user's own decision: plan_priority(0.1, min(1, 6/20)) = .1 · (.5 + .5 · .3)
    assert act.priority == pytest.approx(0.1 * (0.5 + 0.5 * 0.3))


@pytest.mark.parametrize("seed", [0, 1])
def test_personas_drifter_stale_student_follow_up(seed):
    """Calibration: the drifter's staleness and the student's follow-up are severe; not others'."""
    drifter = synthetic_ties(connections=500, log_people=80, rows_per_person=7.5, cold_share=0.7,
                             cold_by_effort=True, warm_effort=0.3, sigma=1.1, years=11, seed=seed)
    collector = synthetic_ties(connections=1500, log_people=110, rows_per_person=1.35, recent_share=0.04,
                               sigma=0.3, years=12, warm_days=400, seed=seed)
    student = synthetic_ties(connections=60, log_people=16, rows_per_person=2.5, recent_share=0.5,
                             years=2.5, seed=seed)
    sev = {name: st.staleness(t, goals=GOALS, as_of=AS_OF).severity
           for name, t in [("drifter", drifter), ("collector", collector), ("student", student)]}
    assert sev["drifter"]["staleness"] >= 0.8
    assert sev["collector"]["staleness"] < 0.3
    assert sev["student"]["follow-up"] >= 0.8 > sev["student"]["staleness"]
    # (the collector's and drifter's recent connections are never met in these tables: a real backlog)


@pytest.mark.parametrize("persona, rule", [("collector", "depth"), ("drifter", "staleness"),
                                           ("student", "follow-up")])
def test_sample_personas_headline_among_these_rules(tmp_path, persona, rule):
    """The bundled personas: each one's own rule is high and above the other two rules here."""
    import netanalysis
    from netanalysis.analysis import depth as dp
    from netanalysis.analysis.ties import tie_table
    from netanalysis.sample import SAMPLE_AS_OF, write_sample

    write_sample(tmp_path, persona)
    net = netanalysis.load(tmp_path)
    ties = tie_table(net, SAMPLE_AS_OF)
    stale = st.staleness(ties, goals=net.goals, as_of=SAMPLE_AS_OF)
    ties = ties.assign(cluster="", cadence_used=stale.cadence, overdue=stale.overdue)
    deep = dp.breadth_depth(ties, goals=net.goals, as_of=SAMPLE_AS_OF)
    found = {f.rule: f.severity for f in st.findings(stale) + dp.findings(deep)}
    assert found[rule] >= 0.6      # calendar and mail (a fortnightly one-to-one) soften each trait a little
    assert found[rule] == max(found.values())
