"""The plain summary (netanalysis/analysis/summary.py): compute, then render."""
from __future__ import annotations

import json

import pytest

import netanalysis
from netanalysis.analysis.result import finding_tone
from netanalysis.analysis.summary import TONE_OF, summarize
from netanalysis.report import render_report
from netanalysis.sample import SAMPLE_AS_OF


@pytest.fixture(scope="module")
def rev():
    return netanalysis.review(netanalysis.load(netanalysis.bundled_sample()), as_of=SAMPLE_AS_OF)


def test_the_report_renders_from_the_json_alone(rev):
    summary = summarize(rev)
    again = json.loads(json.dumps(summary))
    assert render_report(again) == render_report(summary) == render_report(rev)


def test_a_card_and_its_finding_share_the_tone(rev):
    cards = {c["key"]: c for c in summarize(rev)["view"]["cards"]}
    tone = {f.rule: TONE_OF[finding_tone(f.severity)] for f in rev.findings}
    assert cards["strong_ties"]["tone"] == tone["depth"]
    assert cards["cooling"]["tone"] == tone["staleness"]
    assert cards["follow_up"]["tone"] == tone["follow-up"]
    assert cards["introductions_waiting"]["tone"] == tone["matchmaking"]
    assert cards["strong_ties"]["value"] == rev.depth.strong_ties == int(rev.ties["strong"].sum())
    waiting = rev.matchmaking.distinct_best or rev.matchmaking.distinct_matched
    assert cards["introductions_waiting"]["value"] == waiting
    assert f"{waiting} well-matched introduction" in rev.headline.sentence


def test_tables_count_what_they_leave_out(rev):
    tables = summarize(rev)["view"]["tables"]
    amb = tables["ambassadors"]
    assert amb["total"] == rev.ambassadors.count and amb["more"] == amb["total"] - len(amb["rows"])
    cooling = tables["cooling"]
    assert cooling["total"] == len(rev.staleness.cooling) and len(cooling["rows"]) <= 10


def test_every_index_has_plain_words(rev):
    indices = {i["key"]: i for i in summarize(rev)["view"]["indices"]}
    assert set(indices) == {"blau_effort", "evenness_effort", "ei_index", "constraint", "effective_size"}
    ei = indices["ei_index"]
    assert ei["value"] == pytest.approx(rev.diversity.ei_index)
    assert "over your circles" in ei["meaning"] and rev.diversity.ei_basis == "circle"
    assert f"{rev.matchmaking.effective_size:.1f} of your {rev.matchmaking.active_contacts:,}" in \
        indices["effective_size"]["meaning"]


def test_state_lists_for_a_later_review(rev):
    state = summarize(rev)["view"]["state"]
    assert set(state["strong"]) == set(rev.ties.index[rev.ties["strong"]])
    assert all(state["names"][p] == rev.ties.at[p, "contact"] for p in state["cooling"])


def test_an_undefined_card_takes_no_tone():
    """A card shown as a dash (no circles, so no effort on colleagues) is neither good nor bad."""
    from netanalysis.analysis.summary import _card

    assert _card("lock_in_old", "effort on (former) colleagues", float("nan"), "pct", "good")["tone"] == ""
    assert _card("lock_in_old", "effort on (former) colleagues", 0.26, "pct", "good")["tone"] == "good"
