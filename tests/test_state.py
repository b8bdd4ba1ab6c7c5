"""A tie's state (netanalysis/analysis/state.py, contact.py), on networks written by hand.

Review date 2026-11-01 unless said otherwise; every expected value is
worked out in the comments.
"""
from __future__ import annotations

import pandas as pd
import pytest

import netanalysis
from netanalysis.analysis.matchmaking import _brokerage
from netanalysis.analysis.state import layer_needs, tie_state
from network_builder import NetworkBuilder
from review_helpers import make_ties

AS_OF = "2026-11-01"


def _review(tmp_path, builder, as_of=AS_OF, extra: dict | None = None):
    folder = builder.write(tmp_path)
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    net = netanalysis.load(folder)
    return net, netanalysis.review(net, as_of=as_of)


def _id(rev, name: str) -> str:
    return rev.ties.index[rev.ties["contact"] == name][0]


class TestLastContact:
    def test_presence_at_a_lunch_counts_the_person_introduced_does_not(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        ann, bo, cy = b.person("Ann Lee"), b.person("Bo Berg"), b.person("Cy Dahl")
        b.log(b.ago(17), ann, "meal", "mutual", with_=(bo,))          # Bo was at the lunch
        b.log(b.ago(5), ann, "intro", "gave", with_=(cy,))            # Cy was introduced, not met
        _, rev = _review(tmp_path, b)
        t = rev.ties
        assert t.loc[_id(rev, "Bo Berg"), "days_since_last"] == 17
        assert t.loc[_id(rev, "Bo Berg"), "interactions"] == 0        # not a row of Bo's own
        assert pd.isna(t.loc[_id(rev, "Cy Dahl"), "days_since_last"])
        assert t.loc[_id(rev, "Ann Lee"), "days_since_last"] == 5
        # Bo's presence is a mutual meal at its default value: in neither ledger
        assert (t.loc[_id(rev, "Bo Berg"), "given"], t.loc[_id(rev, "Bo Berg"), "received"]) == (0, 0)
        assert t.loc[_id(rev, "Bo Berg"), "strength"] > 0

    def test_messages_count_by_utc_day_on_the_review_day(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        b.person("Ann Lee", connected="2026-10-30")
        b.person("Bo Berg", connected="2026-10-01")
        header = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                  "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n")
        me = "https://www.linkedin.com/in/me-myself"
        messages = header + (
            f"c1,,Me Myself,{me},Ann Lee,https://www.linkedin.com/in/ann-lee,2026-11-01 09:00:00 UTC,,Hi,INBOX,,No,No\n"
            f"c2,,Bo Berg,https://www.linkedin.com/in/bo-berg,Me Myself,{me},2026-10-31 23:00:00 UTC,,Hi,INBOX,,No,No\n")
        _, rev = _review(tmp_path, b, extra={"messages.csv": messages})
        t = rev.ties
        ann, bo = _id(rev, "Ann Lee"), _id(rev, "Bo Berg")
        assert t.loc[ann, "days_since_last"] == 0 and t.loc[bo, "days_since_last"] == 1
        assert bool(t.loc[ann, "new"]) and bool(t.loc[ann, "followed_up"])   # written to on the review day
        assert rev.staleness.follow_up.empty
        assert (t.loc[ann, "messages_sent"], t.loc[bo, "messages_received"]) == (1, 1)

    def test_endorsements_and_recommendations_are_value_in_the_ledger(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        b.person("Emily Smith")
        given = ("Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
                 "Endorsement Status\n" + "".join(
                     f"2026/0{m}/11 11:00:31 UTC,Python,Emily,Smith,www.linkedin.com/in/emily-smith,ACCEPTED\n"
                     for m in (3, 4, 5, 6)))
        recommended = ("First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
                       "Emily,Smith,Acme,Lead,Great work,\"09/15/26, 10:00 AM\",VISIBLE\n")
        _, rev = _review(tmp_path, b, extra={"Endorsement_Given_Info.csv": given,
                                            "Recommendations_Given.csv": recommended})
        emily = rev.ties.loc[_id(rev, "Emily Smith")]
        # four accepted endorsements at value 1 and one recommendation at value 4: given 8
        assert (emily["given"], emily["received"], emily["interactions"]) == (8, 0, 0)
        assert (emily["endorsements_given"], emily["recommendations_given"]) == (4, 1)
        assert emily["days_since_last"] == (pd.Timestamp(AS_OF) - pd.Timestamp("2026-09-15")).days

    def test_contacts_table_and_review_read_the_same_evidence(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        ann, bo = b.person("Ann Lee"), b.person("Bo Berg")
        b.every(ann, days=20, since="2025-01-01")
        b.log(b.ago(40), ann, "meeting", "mutual", with_=(bo,))
        _, rev = _review(tmp_path, b)
        table = rev.contacts
        t = rev.ties
        assert table["last_contact"].tolist() == [d.strftime("%Y-%m-%d") if pd.notna(d) else ""
                                                  for d in t["last_contact"]]
        both = t["cadence"].notna()
        assert (t.loc[both, "overdue"] == t.loc[both, "days_since_last"].astype(float) - t.loc[both, "cadence"]).all()
        assert table.loc[_id(rev, "Bo Berg"), "days_since_last"] == 40


class TestLayers:
    def test_needs(self):
        assert layer_needs(365) == {1: 26, 2: 12, 3: 4, 4: 2}

    def test_silent_for_a_year_is_never_in_the_inner_layers(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        weekly, silent, faint = b.person("Wei Kly"), b.person("Sil Ent"), b.person("Fai Nt")
        b.every(weekly, days=7, since="2024-01-01")                              # 52 days a year: layer 1
        b.every(silent, days=7, since="2022-01-01", until=b.ago(394))            # weekly, then 394 days silent
        b.log(b.ago(1033), faint, "coffee", "mutual")
        _, rev = _review(tmp_path, b)
        t = rev.ties
        assert t.loc[_id(rev, "Wei Kly"), "layer"] == 1
        assert t.loc[_id(rev, "Sil Ent"), "layer"] == 5 and t.loc[_id(rev, "Fai Nt"), "layer"] == 5
        # but the silent one keeps the cadence of the closeness it had: weekly -> 14 days, far overdue
        assert t.loc[_id(rev, "Sil Ent"), "peak_layer"] == 1 and t.loc[_id(rev, "Sil Ent"), "cadence"] == 14
        assert bool(t.loc[_id(rev, "Sil Ent"), "once_strong"])

    def test_sizes_cap_the_layers(self):
        ties = make_ties([{"strength": 0.9 - k / 100, "effort": 40, "days_since_last": 1,
                           "last_contact": "2026-05-31"} for k in range(8)])
        state = tie_state(ties.drop(columns=["layer"]), as_of="2026-06-01", trusted_strength=0.35,
                          window_days=365)
        assert state["layer"].tolist() == [1] * 5 + [2] * 3        # eight fit layer 1; five fit in it


class TestStrongAndDormant:
    def test_strong_is_one_set(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        for k in range(6):
            p = b.person(f"Per Son{k}")
            b.every(p, days=10 + 30 * k, since="2024-01-01")
        _, rev = _review(tmp_path, b)
        strong = rev.ties["strong"]
        assert (strong == (rev.ties["strength"] >= 0.35)).all()
        assert rev.depth.strong_ties == int(strong.sum()) == int(rev.contacts["strong"].sum())
        assert set(rev.staleness.cooling.index) <= set(rev.ties.index[strong])

    def test_dormant_needs_silence_by_every_kind_of_evidence(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        old = b.person("Old Friend")
        b.every(old, days=10, since="2021-01-01", until="2023-06-01")           # strong once, silent since
        _, rev = _review(tmp_path, b)
        assert bool(rev.ties.loc[_id(rev, "Old Friend"), "dormant"])
        b.log(b.ago(100), "Nora Host", "meal", "mutual", with_=(old,))            # then present at a dinner
        _, rev = _review(tmp_path / "again", b)
        assert not bool(rev.ties.loc[_id(rev, "Old Friend"), "dormant"])


class TestReplay:
    def test_an_earlier_review_leaves_out_later_connections_and_evidence(self, tmp_path):
        b = NetworkBuilder(as_of=AS_OF)
        old = b.person("Ann Old", connected="2020-01-01")
        later = b.person("Bo Later", connected="2025-06-01")
        met_first = b.person("Cy First", connected="2025-03-01")
        b.log("2024-06-01", old, "coffee", "mutual")
        b.log("2025-07-01", later, "coffee", "mutual")
        b.log("2024-10-01", met_first, "coffee", "mutual")
        b.log("2025-08-01", "Dee Offline", "coffee", "mutual")               # off LinkedIn, met in 2025
        _, rev = _review(tmp_path, b, as_of="2025-01-01")
        names = set(rev.ties["contact"])
        assert "Bo Later" not in names and "Dee Offline" not in names
        # Cy was met before connecting: in the network as of then, not yet on LinkedIn
        assert "Cy First" in names and not rev.ties.loc[_id(rev, "Cy First"), "on_linkedin"]
        assert rev.depth.connections == 1 and rev.summary["log_rows_used"] == 2
        assert len(rev.contacts) == 2


def test_effective_size_in_the_review_is_burts():
    """Ego me with ties a 1.0, b 0.2, c 0.5 and a-b 0.5: Burt's effective size 2.353 (networkx's
    sparse path gives 2.588)."""
    import networkx as nx

    ties = make_ties([{"strength": s, "layer": 1} for s in (1.0, 0.2, 0.5)], ["a", "b", "c"])
    graph = nx.Graph()
    for person, strength in ties["strength"].items():
        graph.add_edge("me", person, weight=strength)
    graph.add_edge("a", "b", weight=0.5)
    out = _brokerage(ties, graph)
    assert out["effective_size"] == pytest.approx(3 - (0.2 / 1.7) * 0.5 - (1 / 1.7) * 1.0)
    assert round(out["effective_size"], 3) == 2.353


def test_hidden_members_are_counted_as_of_the_review_date(tmp_path):
    b = NetworkBuilder(as_of=AS_OF)
    b.person("Ann Old", connected="2020-01-01")
    folder = b.write(tmp_path)
    with open(folder / "Connections.csv", "a", encoding="utf-8") as f:
        f.write(",,,,,,12 Dec 2022\n,,,,,,05 Jun 2025\n")          # two hidden members
    net = netanalysis.load(folder)
    assert net.hidden_members == 2
    assert netanalysis.review(net, as_of="2025-01-01").summary["hidden_members"] == 1
    assert netanalysis.review(net, as_of=AS_OF).data_quality["hidden_members"] == 2
