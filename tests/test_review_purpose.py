"""Purpose and chemistry (netanalysis/analysis/purpose.py), on hand-worked examples.

Expected values are worked out on paper in the comments, from the formulas in
the module docstring (effort split 1/k over k purposes; alignment = 1 - total
variation distance; low-chemistry share of the effort).
"""
from __future__ import annotations

import json
import math
from types import SimpleNamespace

import pandas as pd
import pytest

from netanalysis.io.goals import Goals
from netanalysis.analysis import purpose as pc
from netanalysis.analysis.result import plain
from review_helpers import make_ties

AS_OF = "2026-06-30"


def _log(rows):
    """rows: (date, purpose, person_id)."""
    return pd.DataFrame({"date": pd.to_datetime([r[0] for r in rows]), "purpose": [r[1] for r in rows],
                         "person_id": [r[2] for r in rows]})


@pytest.fixture
def log():
    return _log([
        ("2026-06-01", "sales", "a"),
        ("2026-05-01", "sales;learning", "a"),     # half to sales, half to learning
        ("2026-04-01", "job", "b"),
        ("2026-03-01", "", "b"),                   # unstated
        ("2025-06-30", "sales", "c"),              # age 365: outside (as_of - 365, as_of]
        ("2026-07-01", "job", "c"),                # after as_of
        ("2026-06-01", "sales", None),             # nobody known
    ])


@pytest.fixture
def ties():
    return make_ties([{"effort": 2}, {"effort": 2}, {"effort": 0}], ["a", "b", "c"])


class TestEffortByPurpose:
    def test_shares_targets_gaps(self, ties, log):
        goals = Goals(purposes={"sales": 0.6, "job": 0.4})
        r = pc.purpose_chemistry(ties, log, goals=goals, as_of=AS_OF)
        # 4 rows in the window; stated: sales 1 + 0.5 = 1.5, job 1, learning 0.5 -> S = 3
        assert r.effort == 4 and r.stated_effort == pytest.approx(3.0)
        table = r.purposes.set_index("purpose")
        assert list(table.index) == ["sales", "job", "learning", "unstated"]   # most effort first
        assert table["effort"].tolist() == pytest.approx([1.5, 1.0, 0.5, 1.0])
        # shares of the stated effort: 1.5/3, 1/3, 0.5/3
        assert table["share"].iloc[:3].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])
        assert math.isnan(table.loc["unstated", "share"])
        assert table.loc["sales", "target"] == 0.6 and math.isnan(table.loc["learning", "target"])
        # gap = share - target (no target counts as 0): -0.1, 1/3 - 0.4, 1/6 - 0
        assert table["gap"].iloc[:3].tolist() == pytest.approx([-0.1, 1 / 3 - 0.4, 1 / 6])
        # alignment = 1 - ½(0.1 + 0.0667 + 0.1667) = 1 - 1/6
        assert r.alignment == pytest.approx(5 / 6) and r.alignment_reason == ""
        assert r.unstated_share == pytest.approx(0.25)                           # 1 of 4 rows

    def test_finding_from_alignment(self, ties, log):
        r = pc.purpose_chemistry(ties, log, goals=Goals(purposes={"sales": 0.6, "job": 0.4}), as_of=AS_OF)
        (finding,) = [f for f in pc.findings(r) if f.rule == "purpose"]
        # severity = max(1 - 5/6, ½ · 0.25) = max(0.1667, 0.125)
        assert finding.severity == pytest.approx(1 / 6)
        # the largest |gap| is learning's 1/6 (sales 0.1, job 0.067)
        assert finding.evidence["largest_gap"] == "learning"
        assert "83%" in finding.sentence and "learning gets 17%" in finding.sentence
        assert "target of 0%" in finding.sentence

    def test_perfect_alignment(self):
        log = _log([("2026-06-01", "sales", "a"), ("2026-06-02", "job", "a")])
        r = pc.purpose_chemistry(make_ties([{}], ["a"]), log, goals=Goals(purposes={"sales": .5, "job": .5}),
                                 as_of=AS_OF)
        assert r.alignment == pytest.approx(1.0)
        (finding,) = pc.findings(r)
        assert finding.severity == 0.0 and finding.title == "Effort on mission" and finding.tone == "good"

    def test_off_mission(self):
        # all effort on sales, the mission says job: TVD 1 -> alignment 0, severity 1
        log = _log([("2026-06-01", "sales", "a")] * 3)
        r = pc.purpose_chemistry(make_ties([{}], ["a"]), log, goals=Goals(purposes={"job": 1.0}), as_of=AS_OF)
        assert r.alignment == pytest.approx(0.0)
        assert pc.findings(r)[0].severity == pytest.approx(1.0)

    def test_window_days_from_goals(self, ties, log):
        # window 60: only 2026-06-01 (age 29) and 2026-05-01 (age 60 -> out) ... age 60 is not < 60
        r = pc.purpose_chemistry(ties, log, goals=Goals(purposes={"sales": 1.0}, window_days=60), as_of=AS_OF)
        assert r.effort == 1 and r.alignment == pytest.approx(1.0)


class TestUndefined:
    def test_no_goals(self, ties, log):
        r = pc.purpose_chemistry(ties, log, goals=Goals(), as_of=AS_OF)
        assert math.isnan(r.alignment) and "goals.toml" in r.alignment_reason
        assert r.purposes["target"].isna().all() and r.purposes["gap"].isna().all()
        (finding,) = [f for f in pc.findings(r) if f.rule == "purpose"]
        assert finding.title == "No mission set" and finding.severity == pytest.approx(0.15)
        assert "goals.toml" in finding.sentence and "50% to sales" in finding.sentence

    def test_goals_but_no_stated_purpose(self, ties):
        log = _log([("2026-06-01", "", "a"), ("2026-06-02", "", "b")])
        r = pc.purpose_chemistry(ties, log, goals=Goals(purposes={"sales": 1.0}), as_of=AS_OF)
        assert math.isnan(r.alignment) and "purpose" in r.alignment_reason
        assert r.unstated_share == 1.0
        (finding,) = pc.findings(r)
        assert finding.severity == pytest.approx(0.5)            # ½ · unstated share 1.0

    @pytest.mark.parametrize("log", [None, _log([])])
    def test_no_log(self, ties, log):
        goals = Goals(purposes={"sales": 1.0})
        r = pc.purpose_chemistry(ties.assign(effort=0), log, goals=goals, as_of=AS_OF)
        assert r.effort == 0 and math.isnan(r.unstated_share) and math.isnan(r.alignment)
        assert "no log rows" in r.reason and "no log rows" in r.alignment_reason
        assert math.isnan(r.low_chemistry_share) and r.chemistry_reason
        assert pc.findings(r) == [] and pc.actions(r) == []
        assert r.purposes["purpose"].tolist() == ["sales", "unstated"]

    def test_no_log_no_goals_still_says_no_mission(self, ties):
        r = pc.purpose_chemistry(ties.assign(effort=0), None, goals=Goals(), as_of=AS_OF)
        assert [f.title for f in pc.findings(r)] == ["No mission set"]

    def test_empty_tie_table(self):
        r = pc.purpose_chemistry(make_ties([]), _log([]), goals=Goals(), as_of=AS_OF)
        assert r.effort == 0 and len(r.low_chemistry) == 0 and math.isnan(r.chemistry_known_share)

    def test_serialises(self, ties, log):
        r = pc.purpose_chemistry(ties, log, goals=Goals(), as_of=AS_OF)
        data = json.loads(json.dumps(r.to_dict()))
        assert data["alignment"] is None and data["purposes"][-1]["purpose"] == "unstated"
        assert "define the purpose — why network?" in data["seeds"]


class TestChemistry:
    @pytest.fixture
    def ties(self):
        return make_ties([
            {"contact": "Ann", "chemistry": 2, "effort": 3, "status": "keep"},
            {"contact": "Bo", "chemistry": 1, "effort": 2, "status": "develop"},
            {"contact": "Cy", "chemistry": 5, "effort": 9},
            {"contact": "Di", "effort": 5},                       # chemistry unknown
            {"contact": "Ed", "chemistry": 2, "effort": 1},
            {"contact": "Fi", "chemistry": 1, "effort": 0},       # no effort: not listed
        ], ["a", "b", "c", "d", "e", "f"])

    def test_shares(self, ties):
        r = pc.purpose_chemistry(ties, None, goals=Goals(), as_of=AS_OF)
        # total effort 3 + 2 + 9 + 5 + 1 = 20; low (<= 2): Ann 3 + Bo 2 + Ed 1 = 6
        assert r.low_chemistry_effort == 6 and r.low_chemistry_share == pytest.approx(0.3)
        # known chemistry: 20 - Di's 5 = 15 -> 0.75
        assert r.chemistry_known_share == pytest.approx(0.75) and r.chemistry_reason == ""
        assert r.low_chemistry.index.tolist() == ["a", "b", "e"]      # most effort first
        assert r.low_chemistry["share"].tolist() == pytest.approx([0.15, 0.10, 0.05])

    def test_finding(self, ties):
        r = pc.purpose_chemistry(ties, None, goals=Goals(), as_of=AS_OF)
        (finding,) = [f for f in pc.findings(r) if f.rule == "chemistry"]
        assert finding.severity == pytest.approx(0.75)                 # 0.3 / 0.4
        assert finding.sentence.startswith("30% of your time with people in the last 365 days (6 of 20 days in "
                                           "touch, each day counted once per person)")
        assert "Ann, Bo and Ed" in finding.sentence

    def test_twenty_percent_is_medium(self):
        ties = make_ties([{"chemistry": 2, "effort": 2}, {"chemistry": 4, "effort": 8}])
        r = pc.purpose_chemistry(ties, None, goals=Goals(), as_of=AS_OF)
        (finding,) = [f for f in pc.findings(r) if f.rule == "chemistry"]
        assert finding.severity == pytest.approx(0.5) and finding.level == "medium"   # (2/10) / 0.4

    def test_wind_down_actions(self, ties):
        r = pc.purpose_chemistry(ties, None, goals=Goals(), as_of=AS_OF)
        # Bo is marked develop; Ed has only 1 interaction: only Ann
        (action,) = pc.actions(r)
        assert action.verb == "wind down" and action.contacts == ["Ann"] and action.person_ids == ["a"]
        # plan_priority(severity .75, min(1, (3 - 2)/2 + 5 · 3/20)) = .75 · (.5 + .5 · 1)
        assert action.priority == pytest.approx(0.75)
        assert action.reason == ("You were in touch with Ann on 3 days in the last 365 days (15% of your time "
                                 "with people), and you rate them 2 of 5 for chemistry.")

    def test_small_share_no_finding(self):
        ties = make_ties([{"chemistry": 1, "effort": 1}, {"chemistry": 4, "effort": 24}])
        r = pc.purpose_chemistry(ties, None, goals=Goals(), as_of=AS_OF)
        assert r.low_chemistry_share == pytest.approx(0.04)            # 1/25 < 5 %
        assert [f.rule for f in pc.findings(r)] == ["purpose"]

    def test_no_ratings(self):
        r = pc.purpose_chemistry(make_ties([{"effort": 3}]), None, goals=Goals(), as_of=AS_OF)
        assert math.isnan(r.low_chemistry_share) and r.chemistry_known_share == 0.0
        assert "contacts.csv" in r.chemistry_reason
        assert [f.rule for f in pc.findings(r)] == ["purpose"]

    def test_plain(self, ties):
        r = pc.purpose_chemistry(ties, None, goals=SimpleNamespace(purposes={}, window_days=365), as_of=AS_OF)
        rows = plain(r.low_chemistry)
        assert rows[0] == {"person_id": "a", "contact": "Ann", "chemistry": 2, "effort": 3, "share": 0.15,
                           "status": "keep"}
