"""Rules that must hold for every network: a property test over 200 seeded sample networks.

Shapes vary with the seed: each persona of the sample generator, 20 to 400
connections, a sparse to dense log, with and without contacts.csv, with and
without the LinkedIn archive.  For each review:

* the plan never winds someone down and gives to (introduces, gives back,
  thanks, reconnects with) them, and names each person once;
* no introduction, in the plan or in the introductions table, names a
  contact rated 2 or less for chemistry, marked wind-down, in a private
  circle (family, friend) or who only takes;
* "strong" is one set: the tie table's ``strong``, the depth count, the
  scorecard card, the per-contact table, the cooling list;
* ``days_since_last``, ``overdue`` and cooling come from the same ``last_contact``;
* a compliment is never the headline while a finding is a real problem.
"""
from __future__ import annotations

import random

import pandas as pd
import pytest

import netanalysis
from netanalysis.analysis.matchmaking import no_introduction
from netanalysis.analysis.plan import GIVING_VERBS
from netanalysis.analysis.result import PROBLEM_FROM
from netanalysis.sample import PERSONAS, SAMPLE_AS_OF, write_sample

NETWORKS = 200
ARCHIVE = ("messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv",
           "Recommendations_Received.csv", "Recommendations_Given.csv", "Profile.csv")


def _shape(seed: int) -> dict:
    rng = random.Random(seed)
    connections = rng.choice([20, 40, 80, 150, 250, 400])
    return {"persona": sorted(PERSONAS)[seed % len(PERSONAS)], "connections": connections,
            "interactions": int(connections * rng.choice([0.3, 1.0, 2.5, 5.0])),
            "messages": rng.choice([0, 50, 300]), "contacts": rng.random() < 0.7, "archive": rng.random() < 0.6,
            "calendar": rng.random() < 0.6, "mail": rng.random() < 0.6}


def _review(folder, seed: int):
    shape = _shape(seed)
    write_sample(folder, shape["persona"], connections=shape["connections"], interactions=shape["interactions"],
                 messages=shape["messages"], seed=seed)
    if not shape["contacts"]:
        (folder / "contacts.csv").unlink()
    if not shape["archive"]:
        for name in ARCHIVE:
            (folder / name).unlink(missing_ok=True)
    for kind, name in (("calendar", "calendar.ics"), ("mail", "mail.mbox")):
        if not shape[kind]:
            (folder / name).unlink()
    net = netanalysis.load(folder, as_of=SAMPLE_AS_OF)
    return net, netanalysis.review(net, as_of=SAMPLE_AS_OF)


def check(rev) -> list[str]:
    """Every broken rule of the module docstring, as a sentence (empty: all hold)."""
    broken = []
    ties = rev.ties
    plan = rev.actions
    wound = {p for a in plan if a.verb == "wind down" for p in a.person_ids}
    given = {p for a in plan if a.verb in GIVING_VERBS for p in a.person_ids}
    if wound & given:
        broken.append(f"wound down and given to: {sorted(wound & given)}")
    named = [p for a in plan for p in a.person_ids]
    if len(named) != len(set(named)):
        broken.append(f"a person named twice in the plan: {named}")
    if len(plan) > rev.summary["goals"]["actions_per_week"]:
        broken.append("more actions than the week holds")
    barred = set(ties.index[no_introduction(ties).to_numpy()])
    introduced = set(rev.matchmaking.introductions["a_id"]) | set(rev.matchmaking.introductions["b_id"])
    introduced |= {p for a in plan if a.verb == "introduce" for p in a.person_ids}
    if introduced & barred:
        broken.append(f"introduction with a barred contact: {sorted(introduced & barred)}")
    if introduced & wound:
        broken.append(f"introduced and wound down: {sorted(introduced & wound)}")
    strong = ties["strong"].astype(bool)
    trusted = rev.summary["goals"]["trusted_strength"]
    if not (strong == (ties["strength"] >= trusted)).all():
        broken.append("strong is not strength >= trusted_strength")
    cards = {c["key"]: c["value"] for c in rev.to_dict()["view"]["cards"]}
    counts = {rev.depth.strong_ties, int(strong.sum()), rev.staleness.counts["strong"], cards["strong_ties"],
              int(rev.contacts["strong"].sum())}
    if len(counts) != 1:
        broken.append(f"strong counts disagree: {counts}")
    if not set(rev.staleness.cooling.index) <= set(ties.index[strong.to_numpy()]):
        broken.append("a cooling tie that is not strong")
    last = pd.to_datetime(ties["last_contact"])
    days = (pd.Timestamp(rev.as_of) - last).dt.days
    if not (ties["days_since_last"].astype("Float64").fillna(-1) == days.astype("Float64").fillna(-1)).all():
        broken.append("days_since_last is not as_of - last_contact")
    overdue = ties["days_since_last"].astype("Float64") - ties["cadence"]
    same = (ties["overdue"].astype("Float64").fillna(-1e9) == overdue.fillna(-1e9)).all()
    if not same:
        broken.append("overdue is not days_since_last - cadence")
    if (ties["cooling"] & ~(ties["overdue"].fillna(0) > 0)).any():
        broken.append("cooling without being overdue")
    table = rev.contacts
    if not (table["days_since_last"].astype("Float64").fillna(-1)
            == ties["days_since_last"].astype("Float64").fillna(-1)).all():
        broken.append("the per-contact table's days_since_last differs from the review's")
    if rev.findings:
        head = rev.findings[0]
        if head.tone == "good" and any(f.severity >= PROBLEM_FROM for f in rev.findings):
            broken.append("a compliment is the headline beside a real problem")
    return broken


@pytest.mark.parametrize("block", range(10))
def test_rules_hold_on_many_networks(tmp_path, block):
    """Twenty networks per block, 200 in all (seeds 0-199)."""
    failures = {}
    for seed in range(block * NETWORKS // 10, (block + 1) * NETWORKS // 10):
        folder = tmp_path / f"n{seed}"
        _, rev = _review(folder, seed)
        broken = check(rev)
        if broken:
            failures[seed] = (_shape(seed), broken)
    assert not failures, failures


def test_the_check_catches_a_contradiction(tmp_path):
    """The property check itself fails when a plan winds down and introduces the same person."""
    _, rev = _review(tmp_path / "n", 3)
    victim = rev.ties.index[0]
    from netanalysis.analysis.result import Action

    rev.actions = [Action("wind down", ["X"], "r", "chemistry", 0.5, person_ids=[victim]),
                   Action("introduce", ["X", "Y"], "r", "matchmaking", 0.4, person_ids=[victim, "other"])]
    assert any("wound down and given to" in b for b in check(rev))
