"""Reciprocity: ledger, you owe, only takes, initiative (netanalysis/analysis/reciprocity.py).

Every expected number is worked by hand in the comments; the as-of date is
2026-06-01 and the half-life the default 180 days.
"""
from __future__ import annotations

import json
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from netanalysis.io.goals import Goals
from netanalysis.analysis import reciprocity as rc
from netanalysis.analysis.result import plain
from review_helpers import make_ties

AS_OF = "2026-06-01"
GOALS = Goals()

# a: received much, gave little, seen 20 days ago       -> you owe (gap 8.0 - 1.5 = 6.5, 1.5 <= 8/3), thank
# b: gave 6, never received, known since 2025-06-01     -> only takes (5.0 - 0 >= 3, given three times)
# c: even                                               -> neither (gap 0.5)
# d: nothing exchanged                                  -> not in per_contact
# e: gave 4 once, nothing back yet                      -> not a taker: one favour is how relations start
MIXED = [
    {"person_id": "a", "contact": "Ann", "given": 2, "received": 10, "given_recent": 1.5,
     "received_recent": 8.0, "first_contact": "2026-01-01", "days_since_last": 20},
    {"person_id": "b", "contact": "Bo", "given": 6, "given_recent": 5.0, "first_contact": "2025-06-01",
     "days_since_last": 100},
    {"person_id": "c", "contact": "Cy", "given": 3, "received": 3, "given_recent": 2.0,
     "received_recent": 2.5, "first_contact": "2024-01-01", "days_since_last": 60},
    {"person_id": "d", "contact": "Di"},
    {"person_id": "e", "contact": "Ed", "given": 4, "given_recent": 3.5, "first_contact": "2026-03-01",
     "days_since_last": 40, "gave_rows": 1},
]
# Totals: given 2+6+3+0+4 = 15, received 10+0+3 = 13, ratio 15/13.
# Decayed: G = 1.5+5+2+3.5 = 12.0, R = 8+2.5 = 10.5, ratio_recent 12/10.5, s = 10.5/22.5 = 0.4667.


def run(rows, archive=None):
    return rc.reciprocity(make_ties(rows), goals=GOALS, as_of=AS_OF, archive=archive)


class TestLedger:
    def test_totals_and_ratios(self):
        r = run(MIXED)
        assert (r.given_total, r.received_total) == (15, 13)
        assert r.ratio == pytest.approx(15 / 13)
        assert (r.given_recent, r.received_recent) == pytest.approx((12.0, 10.5))
        assert r.ratio_recent == pytest.approx(12.0 / 10.5)
        assert r.received_share_recent == pytest.approx(10.5 / 22.5)

    def test_per_contact_has_only_people_with_exchange(self):
        per = run(MIXED).per_contact
        assert sorted(per.index) == ["a", "b", "c", "e"]
        # sorted by balance_recent: a 1.5-8 = -6.5, c 2-2.5 = -0.5, e 3.5, b 5.0
        assert list(per.index) == ["a", "c", "e", "b"]
        assert per.loc["a", ["balance", "balance_recent"]].tolist() == pytest.approx([2 - 10, -6.5])
        assert list(per.columns[:7]) == ["contact", "given", "received", "balance", "given_recent",
                                         "received_recent", "balance_recent"]

    def test_you_owe_and_only_takes(self):
        r = run(MIXED)
        assert list(r.you_owe.index) == ["a"]                 # gap 6.5 >= 3; c's 0.5 is not
        assert r.you_owe.loc["a", "gap"] == pytest.approx(6.5)
        assert list(r.only_takes.index) == ["b"]              # e gave only once
        assert r.only_takes.loc["b", "gap"] == pytest.approx(5.0)
        assert r.only_takes.loc["b", "days_known"] == 365

    def test_you_owe_ranked_by_gap_and_threshold_inclusive(self):
        r = run([{"person_id": "x", "received_recent": 3.0},                # gap exactly 3 -> in
                 {"person_id": "y", "received_recent": 9.0, "given_recent": 1.0},   # gap 8
                 {"person_id": "z", "received_recent": 2.9}])               # gap 2.9 -> out
        assert list(r.you_owe.index) == ["y", "x"]


class TestSeverity:
    def test_balanced_totals_hide_one_way_relations(self):
        # s = 10.5/22.5 = 0.467 -> T = 0; one-way: a's gap 6.5 (owed) and b's 5.0 (taker)
        # U = (6.5 + 5.0) / 22.5 = .511111; C = min(1, 22.5/20) = 1; severity = max(T, U) = .511111
        r = run(MIXED)
        assert r.one_way_share == pytest.approx(11.5 / 22.5)
        assert r.severity == pytest.approx(11.5 / 22.5)
        [f] = rc.findings(r)
        assert (f.rule, f.title, f.tone) == ("reciprocity", "Value going one way", "problem")
        assert "received 10 points of value and gave 12" in f.sentence and "balanced in total" in f.sentence
        assert "1 person takes without giving back (most: Bo, 5 points received from you, 0 given)" in f.sentence
        assert "you owe 1 person a favour back (most: Ann, 8 points given to you, 2 returned)" in f.sentence

    def test_balanced_network_gets_a_compliment(self):
        # each relation even: T = 0, U = 0 -> severity 0
        r = run([{"person_id": p, "given": 6, "received": 6, "given_recent": 5.0, "received_recent": 5.0}
                 for p in "xyz"])
        assert r.severity == 0.0
        [f] = rc.findings(r)
        assert (f.title, f.tone, f.level) == ("You give as much as you get", "good", "low")

    def test_taker_is_high(self):
        # three contacts each gave 10 and got 1: G = 3, R = 30, s = 30/33 = 0.909 -> T = 1
        # U = 3 · 9 / 33 = .818; C = min(1, 33/20) = 1; severity = max(1, .818) = 1
        rows = [{"person_id": p, "received": 12, "given": 1, "received_recent": 10.0, "given_recent": 1.0,
                 "days_since_last": 90} for p in "xyz"]
        r = run(rows)
        assert r.severity == pytest.approx(1.0)
        [f] = rc.findings(r)
        assert (f.title, f.level) == ("You take more than you give", "high")
        assert "91% of the value went your way" in f.sentence
        assert "you owe 3 people a favour back" in f.sentence

    def test_small_ledger_is_damped(self):
        # one contact gave 4 (decayed), nothing back: T = 1, U = 1; C = 4/20 = 0.2 -> severity 0.2
        r = run([{"person_id": "x", "received": 4, "received_recent": 4.0}])
        assert r.severity == pytest.approx(0.2)

    def test_no_log_no_finding(self):
        r = run([{"person_id": "x"}, {"person_id": "y"}])
        assert math.isnan(r.severity) and rc.findings(r) == []
        assert r.ratio is None and r.ratio_recent is None
        assert "nothing received" in r.reason["ratio"]
        assert r.per_contact.empty and r.you_owe.empty and r.only_takes.empty

    def test_empty_tie_table(self):
        r = run([])
        assert (r.given_total, r.received_total) == (0, 0)
        assert r.reason["all"] == "the tie table is empty"
        assert rc.findings(r) == [] and rc.actions(r) == []


class TestActions:
    def test_give_back_and_thank(self):
        r = run(MIXED)
        sev = 11.5 / 22.5
        # plan_priority(sev, urgency) = sev · (.5 + .5 · urgency)
        # give back a: urgency 6.5/12; ask b: 5/12;
        # thank a: threshold 4 · 2^(-30/180) = 3.5636 <= 8.0 and 20 days <= 30; urgency min(1, 8/10)/2 = .4
        acts = rc.actions(r)
        assert [(a.verb, a.person_ids) for a in acts] == [("give back", ["a"]), ("ask", ["b"]), ("thank", ["a"])]
        give, ask, thank = acts
        assert give.priority == pytest.approx(sev * (0.5 + 0.5 * 6.5 / 12))
        assert ask.priority == pytest.approx(sev * (0.5 + 0.5 * 5 / 12))
        assert thank.priority == pytest.approx(sev * (0.5 + 0.5 * 0.4))
        assert give.reason == ("You received 8 points of value from Ann recently and gave 2 "
                               "(time-weighted, half-life 180 days).")
        assert ask.reason.startswith("You gave Bo 5 points of value recently and received 0 (time-weighted): ask")
        assert give.rule == ask.rule == thank.rule == "reciprocity"

    def test_no_thank_for_old_or_small_gifts(self):
        r = run([{"person_id": "x", "received_recent": 3.5, "days_since_last": 5},   # 3.5 < 3.5636
                 {"person_id": "y", "received_recent": 9.0, "days_since_last": 31}])  # 31 days > 30
        assert [a.verb for a in rc.actions(r)] == ["give back", "give back"]


def _archive(**tables):
    base = dict(messages=None, invitations=None, endorsements=None, recommendations=None)
    return SimpleNamespace(**{**base, **tables})


class TestInitiative:
    def test_without_archive(self):
        r = run(MIXED)
        assert r.initiative is None and r.reason["initiative"] == "no LinkedIn archive given"

    def test_who_writes_first_and_who_invites(self):
        messages = pd.DataFrame({
            "date": pd.to_datetime(["2026-01-02", "2026-01-01", "2026-02-01", "2026-02-01", "2026-03-01",
                                    "2026-07-01"]),
            "conversation": ["c1", "c1", "c2", "c2", "", "c3"],
            "counterpart": ["Ann", "Ann", "Bo", "Cy", "Di", "Ed"],
            "direction": ["sent", "received", "sent", "sent", "received", "sent"],
            "line": [3, 2, 4, 4, 5, 6],
        })
        # c1 opened by Ann (received first on 01-01); c2 by me (one message to two people);
        # the row without a conversation id is its own conversation ("with:Di"), opened by Di;
        # c3 is after as_of and ignored.  3 conversations, 1 opened by me.
        invitations = pd.DataFrame({"date": pd.to_datetime(["2026-01-01"] * 4),
                                    "direction": ["sent", "sent", "sent", "received"]})
        recommendations = pd.DataFrame({"date": [pd.NaT, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-01")],
                                        "direction": ["given", "received", "received"]})
        r = run(MIXED, archive=_archive(messages=messages, invitations=invitations,
                                        recommendations=recommendations))
        i = r.initiative
        assert (i["conversations"], i["opened_by_you"]) == (3, 1)
        assert i["opened_share"] == pytest.approx(1 / 3)
        assert (i["messages_sent"], i["messages_received"]) == (3, 2)      # 2026-07-01 left out
        assert (i["invitations_sent"], i["invitations_received"]) == (3, 1)
        assert i["invitations_sent_share"] == pytest.approx(0.75)
        assert (i["endorsements_given"], i["endorsements_received"]) == (None, None)
        assert "endorsement" in i["reason"]["endorsements"]
        assert (i["recommendations_given"], i["recommendations_received"]) == (1, 2)   # undated row kept
        [f] = rc.findings(r)
        assert f.evidence["opened_share"] == pytest.approx(1 / 3)

    def test_empty_messages(self):
        empty = pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"), "conversation": [],
                              "direction": [], "line": pd.Series([], dtype="int64")})
        i = run(MIXED, archive=_archive(messages=empty)).initiative
        assert (i["conversations"], i["opened_share"]) == (0, None)
        assert i["reason"]["messages"] == "no conversations up to the review date"


def test_to_dict_is_json_and_leaves_out_per_contact():
    r = run(MIXED)
    out = r.to_dict()
    assert "per_contact" not in out and out["ratio_recent"] == pytest.approx(12 / 10.5)
    assert out["you_owe"][0]["person_id"] == "a"
    json.dumps(out)
    json.dumps(plain(run([]).to_dict()))
    assert np.isnan(run([]).severity)
