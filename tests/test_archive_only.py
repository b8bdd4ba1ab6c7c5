"""A LinkedIn archive without a log of your own still gives a real review (issue: evidence)."""
from __future__ import annotations

import shutil

import netanalysis
from netanalysis.sample import SAMPLE_AS_OF
from netanalysis.sample.bundled import bundled_sample


def test_archive_alone_gives_contact_a_ledger_and_a_plan(tmp_path):
    folder = tmp_path / "archive"
    shutil.copytree(bundled_sample(), folder)
    for name in ("interactions.csv", "contacts.csv", "goals.toml"):
        (folder / name).unlink()
    net = netanalysis.load(folder)
    rev = netanalysis.review(net, as_of=SAMPLE_AS_OF)
    assert rev.summary["log_rows_used"] == 0
    assert rev.depth.met > 100                                   # messages and endorsements are contact
    assert rev.ties["layer"].notna().sum() == rev.depth.met
    assert rev.reciprocity.given_total > 0 and rev.reciprocity.received_total > 0   # endorsements, recommendations
    assert rev.ambassadors.count and rev.actions
    assert {"staleness", "follow-up"} <= {f.rule for f in rev.findings}
    assert "depth" not in {f.rule for f in rev.findings}          # messages alone understate strength
    assert "messages alone understate" in rev.depth.reason["severity"]
    line = net.missing()[0]
    assert line.startswith("interactions.csv (no log of your own: contact comes from the archive alone; a log adds")
