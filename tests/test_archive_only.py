"""A LinkedIn archive without a log of your own still gives a real review (issue: evidence)."""
from __future__ import annotations

import shutil

import netanalysis
from netanalysis.sample import SAMPLE_AS_OF
from netanalysis.sample.bundled import bundled_sample


def test_archive_alone_gives_contact_a_ledger_and_a_plan(tmp_path):
    folder = tmp_path / "archive"
    shutil.copytree(bundled_sample(), folder)
    for name in ("interactions.csv", "contacts.csv", "goals.toml", "calendar.ics", "mail.mbox"):
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


def test_archive_calendar_and_mail_without_a_log(tmp_path):
    """What a newcomer has without typing anything: the archive, a calendar and a mailbox."""
    folder = tmp_path / "exports"
    shutil.copytree(bundled_sample(), folder)
    for name in ("interactions.csv", "contacts.csv", "goals.toml"):
        (folder / name).unlink()
    net = netanalysis.load(folder, as_of=SAMPLE_AS_OF)
    rev = netanalysis.review(net, as_of=SAMPLE_AS_OF)
    assert rev.summary["log_rows_used"] == 0
    assert (rev.ties["meetings"].fillna(0) > 0).sum() > 50 and (rev.ties["emails_sent"].fillna(0) > 0).sum() > 30
    assert "severity" not in rev.depth.reason                     # with a calendar, depth is judged
    assert rev.depth.strong_ties > 0 and rev.actions
    verbs = {a.verb for a in rev.actions}
    assert not ({"wind down"} & verbs and {"introduce"} & verbs and any(
        set(a.contacts) & set(b.contacts) for a in rev.actions for b in rev.actions
        if a.verb == "wind down" and b.verb == "introduce"))
    from netanalysis.io.inputs import resolve_inputs
    from netanalysis.model.draft import log_draft

    draft = log_draft(resolve_inputs(folder), as_of=SAMPLE_AS_OF)
    assert len(draft) > 100 and set(draft["kind"]) >= {"meeting", "email"}


def test_a_newcomers_folder_of_exports_as_downloaded(tmp_path, capsys):
    """LinkedIn's zip as downloaded, a calendar and a mailbox, nothing typed: check, report, draft."""
    import zipfile

    from netanalysis import cli

    sample, folder = bundled_sample(), tmp_path / "my-network"
    folder.mkdir()
    with zipfile.ZipFile(folder / "Basic_LinkedInDataExport_11-01-2026.zip", "w") as z:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv", "Profile.csv",
                     "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv"):
            z.write(sample / name, name)
    shutil.copy(sample / "calendar.ics", folder / "work.ics")
    shutil.copy(sample / "mail.mbox", folder / "All mail Including Spam and Trash.mbox")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert cli.main(["check", str(folder), "--as-of", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "file (archive): Basic_LinkedInDataExport_11-01-2026.zip" in out and "calendar: 254" in out
    assert cli.main(["report", str(folder), "--as-of", "2026-11-01", "-o", str(tmp_path / "r.html")]) == 0
    assert cli.main(["log", "draft", str(folder), "--as-of", "2026-11-01", "--since", "2026-10-15",
                     "-o", str(tmp_path / "draft.csv")]) == 0
    assert len((tmp_path / "draft.csv").read_text(encoding="utf-8").splitlines()) > 10
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    shutil.copy(folder / "Basic_LinkedInDataExport_11-01-2026.zip", folder / "Complete_LinkedInDataExport.zip")
    assert cli.main(["check", str(folder), "--as-of", "2026-11-01"]) == 1
    err = capsys.readouterr().err
    assert "holds 2 LinkedIn archives" in err and "--archive ZIP" in err
