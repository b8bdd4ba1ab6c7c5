"""Each sample persona gets its defining trait as the review's headline.

The personas (netanalysis.sample) are built around one trait each; the
review must find it and put it first.  Seeds 7 (the bundled sample's) and 1.
"""
from __future__ import annotations

import pandas as pd
import pytest

import netanalysis
from netanalysis.sample import SAMPLE_AS_OF, write_sample

EXPECTED = {
    "collector": "depth",
    "taker": "reciprocity",
    "loyalist": "renewal",
    "drifter": "staleness",
    "matchmaker": "matchmaking",
    "student": "follow-up",
}


@pytest.mark.parametrize("seed", [7, 1])
@pytest.mark.parametrize("persona,rule", sorted(EXPECTED.items()))
def test_headline_is_the_personas_trait(tmp_path, persona, rule, seed):
    write_sample(tmp_path, persona, seed=seed)
    rev = netanalysis.review(netanalysis.load(tmp_path), as_of=SAMPLE_AS_OF)
    ranked = [(f.rule, round(f.severity, 2)) for f in rev.findings]
    assert rev.findings[0].rule == rule, ranked
    assert rev.findings[0].severity >= 0.5, ranked


def test_bundled_sample_is_the_matchmaker():
    from netanalysis.sample.bundled import bundled_sample

    rev = netanalysis.review(netanalysis.load(bundled_sample()), as_of=SAMPLE_AS_OF)
    assert rev.headline.rule == "matchmaking"
    assert {a.verb for a in rev.actions} & {"introduce"}


def test_contacts_table_is_built_on_first_use_from_the_review_date(tmp_path):
    """Review.contacts is built when first asked for (the report does not
    need it), once, and is the table of the review's date, not of a later one."""
    from netanalysis.analysis.ledger import contacts_table

    write_sample(tmp_path, "drifter", seed=7)
    net = netanalysis.load(tmp_path)
    rev = netanalysis.review(net, as_of=SAMPLE_AS_OF)
    assert callable(rev._contacts)
    table = rev.contacts
    assert rev.contacts is table
    direct = contacts_table(net, pd.Timestamp(SAMPLE_AS_OF))
    assert table[direct.columns].equals(direct)
    assert {"strength", "layer", "cluster"} <= set(table.columns)
