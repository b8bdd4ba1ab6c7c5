"""Since your last review (netanalysis/analysis/since.py, io/previous.py, report --since)."""
from __future__ import annotations

import json

import pytest

import netanalysis
from netanalysis import cli
from netanalysis.errors import InputError
from netanalysis.io.previous import read_previous
from network_builder import NetworkBuilder

BEFORE, AFTER = "2026-09-01", "2026-11-01"


@pytest.fixture
def folder(tmp_path):
    """Six people and a log that goes on after the first review date."""
    b = NetworkBuilder(as_of=AFTER)
    ann, bo, cy, dee, eva, fox = (b.person(n, circle=c, chemistry=4, offers=o, needs=nd)
                                  for n, c, o, nd in [("Ann Lee", "client", "hiring", ""),
                                                      ("Bo Berg", "partner", "", "hiring"),
                                                      ("Cy Dahl", "community", "", ""),
                                                      ("Dee Holm", "mentor", "", ""),
                                                      ("Eva Lund", "colleague", "", ""),
                                                      ("Fox Moe", "client", "", "")])
    for person in (ann, bo, cy, dee, eva):
        b.every(person, days=25, since="2024-01-01", until="2026-08-25")
    b.log("2026-09-20", ann, "intro", "gave", with_=(bo,))          # after the first review: the introduction
    b.log("2026-10-05", cy, "coffee", "mutual")                      # Cy is seen again
    b.person("New Guy", connected="2026-10-01")                       # a connection made in between
    return b.write(tmp_path / "net")


def _reviews(folder):
    net = netanalysis.load(folder)
    before = netanalysis.review(net, as_of=BEFORE).to_dict()
    return before, netanalysis.review(net, as_of=AFTER, previous=before)


def test_every_action_of_the_last_plan_is_judged(folder):
    before, after = _reviews(folder)
    net = netanalysis.load(folder)
    touched = set(after.ties.index[after.ties["last_contact"] > "2026-09-01"])
    assert after.since["previous_as_of"] == BEFORE and after.since["days"] == 61
    for planned, judged in zip(before["actions"], after.since["actions"]):
        assert judged["verb"] == planned["verb"] and judged["contacts"] == planned["contacts"]
        in_touch = bool(set(planned["person_ids"]) & touched)
        if planned["verb"] == "introduce":       # done only by an intro row joining the two
            assert judged["done"] == judged["what_happened"].startswith("Introduced on"), judged
            assert judged["done"] or judged["what_happened"].startswith("Not introduced yet"), judged
        else:
            assert judged["done"] == (not in_touch if planned["verb"] == "wind down" else in_touch), judged
    assert net.people is not None


def test_done_by_verb_on_a_handmade_plan(folder):
    net = netanalysis.load(folder)
    before = netanalysis.review(net, as_of=BEFORE).to_dict()
    ids = {name: pid for pid, name in netanalysis.review(net, as_of=AFTER).ties["contact"].items()}
    before["actions"] = [
        {"verb": "introduce", "contacts": ["Ann Lee", "Bo Berg"], "person_ids": [ids["Ann Lee"], ids["Bo Berg"]],
         "rule": "matchmaking"},
        {"verb": "reconnect", "contacts": ["Cy Dahl"], "person_ids": [ids["Cy Dahl"]], "rule": "staleness"},
        {"verb": "reconnect", "contacts": ["Dee Holm"], "person_ids": [ids["Dee Holm"]], "rule": "staleness"},
        {"verb": "wind down", "contacts": ["Eva Lund"], "person_ids": [ids["Eva Lund"]], "rule": "chemistry"},
        {"verb": "wind down", "contacts": ["Cy Dahl"], "person_ids": [ids["Cy Dahl"]], "rule": "chemistry"},
        {"verb": "introduce", "contacts": ["Cy Dahl", "Dee Holm"], "person_ids": [ids["Cy Dahl"], ids["Dee Holm"]],
         "rule": "matchmaking"},
    ]
    judged = netanalysis.review(net, as_of=AFTER, previous=before).since["actions"]
    assert [a["done"] for a in judged] == [True, True, False, True, False, False]
    assert judged[5]["what_happened"] == "Not introduced yet (in touch on 2026-10-05)."   # a coffee is no intro
    assert judged[0]["what_happened"] == "Introduced on 2026-09-20."
    assert judged[1]["what_happened"] == "In touch on 2026-10-05."
    assert judged[2]["what_happened"] == "No contact since the last review."
    assert judged[4]["what_happened"].startswith("Still in touch")


def test_new_connections_and_changes(folder):
    _, after = _reviews(folder)
    new = after.since["new_connections"]
    assert [n["contact"] for n in new] == ["New Guy"] and new[0]["followed_up"] is False
    changes = {c["key"]: c for c in after.since["changes"]}
    assert set(changes) == {"balance", "depth", "renewal", "purpose"}
    for c in changes.values():
        if c["change"] is not None:
            assert c["change"] == pytest.approx(c["after"] - c["before"])
            assert c["tone"] in ("good", "bad", "")
    assert "New Guy" in after.since["tables"][-1]["names"]


def test_a_later_or_foreign_summary_is_a_clear_error(folder, tmp_path):
    net = netanalysis.load(folder)
    later = netanalysis.review(net, as_of=AFTER).to_dict()
    with pytest.raises(InputError, match="not earlier than this one"):
        netanalysis.review(net, as_of=BEFORE, previous=later)
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"as_of": BEFORE, "findings": []}), encoding="utf-8")
    with pytest.raises(InputError, match="another version"):
        read_previous(old)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        read_previous(bad)


def test_report_since_on_the_bundled_sample(tmp_path, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert cli.main(["report", "--as-of", BEFORE, "-o", str(tmp_path / "a.html"), "--json", str(first)]) == 0
    assert cli.main(["report", "--as-of", AFTER, "-o", str(tmp_path / "b.html"), "--json", str(second),
                     "--since", str(first)]) == 0
    summary = json.loads(second.read_text(encoding="utf-8"))
    assert summary["since"]["previous_as_of"] == BEFORE
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert 'id="since"' in html and "What changed since 2026-09-01" in html
    # the earlier summary is an input: the report may not overwrite it
    assert cli.main(["report", "--as-of", AFTER, "-o", str(first), "--since", str(first)]) == 1
    assert "since" in capsys.readouterr().err


def test_the_balance_is_judged_as_the_reciprocity_finding_judges_it(folder):
    from netanalysis.analysis.reciprocity import taking

    net = netanalysis.load(folder)
    before = netanalysis.review(net, as_of=BEFORE).to_dict()
    share = netanalysis.review(net, as_of=AFTER).reciprocity.received_share_recent

    def tone(previous_share):
        previous = {**before, "reciprocity": {**before["reciprocity"], "received_share_recent": previous_share}}
        changes = netanalysis.review(net, as_of=AFTER, previous=previous).since["changes"]
        return next(c["tone"] for c in changes if c["key"] == "balance")

    # T = clip((share - 0.5) / 0.35, 0, 1); a change of T under 0.1 is no change
    assert taking(0.48) == 0.0 and round(taking(0.51), 4) == 0.0286
    assert tone(share) == ""
    assert tone(0.95) == ("good" if taking(0.95) - taking(share) >= 0.1 else "")
    assert tone(0.0) == ("bad" if taking(share) >= 0.1 else "")
    assert tone(min(1.0, share + 0.03)) == ""        # three points is no change
