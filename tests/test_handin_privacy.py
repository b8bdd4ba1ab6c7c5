"""Hand-ins that do not identify (issue 17, item 4).

Identifiers are planted in every field of every input: the names of the
people in the inputs (the owner too), their e-mail addresses, profile URLs
and phone numbers, a web link, and the owner's name in the folder's name.
None of them may survive, compared without case and accents, in the
anonymised copy (with and without ``--keep-notes`` and ``--keep-companies``),
in the HTML and the JSON of ``report --anonymize``, nor in the report of the
copy.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import netanalysis
from netanalysis import cli
from netanalysis.io.text import match_key
from netanalysis.plots import plotly_js

AS_OF = "2026-11-01"
OWNER = ("Perpetua", "Lockridge")
PEOPLE = [("Quentin", "Ravensworth"), ("Ottilie", "Marchbanks"), ("Barnaby", "Thistlewood"), ("Søren", "Fjeldsø"),
          ("Ximena", "Quarrington")]
EMAILS = ["perpetua.lockridge@mailhost.example", "quentin@ravens.example", "o.marchbanks@corp.example",
          "rt.circle@corp.example", "barnaby@thistle.example"]
PHONES = ["+45 31 41 59 26", "555-867-5309", "0045 2718 2818"]
SLUGS = ["quentin-ravensworth-12ab", "ottilie-marchbanks", "barnaby-t-9f", "s%C3%B8ren-fjelds%C3%B8", "ximena-q"]
LINK = "https://perpetua-blog.example/about"
FOLDER = "Perpetua-Lockridge-export"


def _names(index: int) -> str:
    first, last = PEOPLE[index % len(PEOPLE)]
    return f"{first} {last}"


def _planted(index: int) -> str:
    """A text that names two people (one in lower case, one in capitals), an address, a phone and a link."""
    return (f"ask {_names(index).lower()} or {_names(index + 1).upper()}, {EMAILS[index % len(EMAILS)]}, "
            f"{PHONES[index % len(PHONES)]}, {LINK}")


def _csv(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("planted") / FOLDER
    folder.mkdir()
    owner = " ".join(OWNER)
    (folder / "Connections.csv").write_text(_csv(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [[first, last, f"https://www.linkedin.com/in/{SLUGS[i]}", EMAILS[i],
          f"{last} Holdings ({_planted(i + 2)})" if i % 2 else "Marchbanks & Co", f"Assistant to {_planted(i + 1)}",
          f"0{i + 1} Jul 2025"] for i, (first, last) in enumerate(PEOPLE)]), encoding="utf-8")
    (folder / "interactions.csv").write_text(_csv(
        ["date", "contact", "kind", "direction", "value", "purpose", "channel", "with", "notes"],
        [[f"2026-0{i + 3}-1{i}", _names(i), f"coffee about {_planted(i)}" if i == 1 else "coffee", "gave", "3",
          f"sales;{_planted(i + 2)}", "", _names(i + 1), _planted(i + 3)] for i in range(len(PEOPLE))]),
        encoding="utf-8")
    (folder / "contacts.csv").write_text(_csv(
        ["contact", "circle", "chemistry", "cadence_days", "status", "offers", "needs", "knows", "notes"],
        [[_names(i), f"{owner.lower()} family {EMAILS[3]}", "4", "30", "develop", f"intro;{_planted(i)}",
          _planted(i + 1), _names(i + 2), _planted(i + 3)] for i in range(len(PEOPLE))]), encoding="utf-8")
    (folder / "goals.toml").write_text(
        f'[mission]\nstatement = "Help {owner} meet {_names(3)} ({EMAILS[0]}, {PHONES[0]}, {LINK})"\n'
        f'[purposes]\nsales = 0.5\n"{_names(4).lower()}" = 0.5\n[me]\nemails = ["{EMAILS[0]}"]\n', encoding="utf-8")
    (folder / "Profile.csv").write_text(_csv(
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary"],
        [[*OWNER, "", _planted(0), "1 Jan 1990", _planted(1), _planted(2)]]), encoding="utf-8")
    me_url = "https://www.linkedin.com/in/perpetua-lockridge"
    (folder / "messages.csv").write_text(_csv(
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
         "DATE", "SUBJECT", "CONTENT", "FOLDER"],
        [[f"conv-{i}", _planted(i), owner, me_url, _names(i), f"https://www.linkedin.com/in/{SLUGS[i]}",
          f"2026-0{i + 4}-02 10:00:00 UTC", _planted(i + 1), _planted(i + 2), "INBOX"] for i in range(len(PEOPLE))]
        + [["conv-0", "", _names(0), f"https://www.linkedin.com/in/{SLUGS[0]}", owner, me_url,
            "2026-09-02 10:00:00 UTC", "", _planted(4), "INBOX"]]), encoding="utf-8")
    (folder / "Invitations.csv").write_text(_csv(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        [[owner, _names(i), f"6/1{i}/25, 6:18 AM", _planted(i), "OUTGOING", me_url,
          f"https://www.linkedin.com/in/{SLUGS[i]}"] for i in range(2)]), encoding="utf-8")
    for name, who in (("Endorsement_Received_Info.csv", "Endorser"), ("Endorsement_Given_Info.csv", "Endorsee")):
        (folder / name).write_text(_csv(
            ["Endorsement Date", "Skill Name", f"{who} First Name", f"{who} Last Name", f"{who} Public Url",
             "Endorsement Status"],
            [[f"2026/0{i + 2}/11 11:00:31 UTC", f"Python ({_planted(i)})", *PEOPLE[i],
              f"www.linkedin.com/in/{SLUGS[i]}", "ACCEPTED"] for i in range(3)]), encoding="utf-8")
    for name in ("Recommendations_Received.csv", "Recommendations_Given.csv"):
        (folder / name).write_text(_csv(
            ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
            [[*PEOPLE[i], f"{OWNER[1]} & Sons {PHONES[1]}", f"Friend of {_names(i + 1)}", _planted(i),
              f"04/1{i}/26, 09:25 PM", "VISIBLE"] for i in range(2)]), encoding="utf-8")
    return folder


def _identifiers() -> list[str]:
    """Every planted identifier as a match key: names and their parts, addresses, slugs, phones, the link."""
    from urllib.parse import unquote

    words = [*OWNER, " ".join(OWNER), *EMAILS, *PHONES, LINK, "perpetua-blog", FOLDER]
    for first, last in PEOPLE:
        words += [first, last, f"{first} {last}"]
    words += [unquote(slug) for slug in SLUGS] + SLUGS
    words += ["".join(c for c in phone if c.isdigit()) for phone in PHONES]
    return sorted({match_key(w) for w in words} - {""})


def _leaks(text: str) -> list[str]:
    """Identifiers found in ``text``, compared by match key (case, accents and punctuation ignored)."""
    haystack = f" {match_key(text)} "
    squeezed = haystack.replace(" ", "")
    found = []
    for key in _identifiers():
        if f" {key} " in haystack or (key.replace(" ", "").isdigit() and key.replace(" ", "") in squeezed):
            found.append(key)
    return found


def _text_of(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def test_the_planted_network_loads_and_names_everyone(planted):
    net = netanalysis.load(planted)
    assert net.owner == " ".join(OWNER)
    assert len(_leaks(_text_of(planted))) >= len(_identifiers()) - 3  # the fixture holds them all


@pytest.mark.parametrize("options", [[], ["--keep-notes"], ["--keep-companies"], ["--keep-notes", "--coarsen"]],
                         ids=["default", "keep-notes", "keep-companies", "coarsen"])
def test_no_identifier_survives_in_the_copy(planted, tmp_path, options, snapshot):
    snap = snapshot(planted)
    out = tmp_path / "hand-in"
    assert cli.main(["anonymize", str(planted), "-o", str(out), *options]) == 0
    snap.assert_unchanged()
    assert _leaks(_text_of(out)) == []
    # The copy still loads, and its review names nobody either.
    assert cli.main(["report", str(out), "--as-of", AS_OF, "-o", str(tmp_path / "copy.html"),
                     "--json", str(tmp_path / "copy.json")]) == 0
    html = (tmp_path / "copy.html").read_text(encoding="utf-8").replace(plotly_js(), "")
    assert _leaks(html) == []
    assert _leaks((tmp_path / "copy.json").read_text(encoding="utf-8")) == []


def test_no_identifier_survives_in_report_anonymize(planted, tmp_path):
    html_path, json_path = tmp_path / "handin.html", tmp_path / "handin.json"
    assert cli.main(["report", str(planted), "--anonymize", "--as-of", AS_OF, "-o", str(html_path),
                     "--json", str(json_path)]) == 0
    html = html_path.read_text(encoding="utf-8").replace(plotly_js(), "")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert _leaks(html) == []
    assert _leaks(json_path.read_text(encoding="utf-8")) == []
    assert FOLDER not in html and FOLDER not in json.dumps(data)
    assert data["data_quality"]["sources"]["archive"] == "LinkedIn archive"
    assert "emails" not in data["summary"]["goals"] and "me_emails" not in data["summary"]["goals"]


def test_companies_stay_one_pseudonym_per_company_in_every_file(planted, tmp_path):
    out = tmp_path / "hand-in"
    assert cli.main(["anonymize", str(planted), "-o", str(out)]) == 0
    people = netanalysis.load(out).people
    linked = people[people["on_linkedin"]]
    original = netanalysis.load(planted).people
    pairs = set(zip(original.loc[original["on_linkedin"], "company"].str.lower(), linked["company"]))
    assert len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})
    assert all(company.startswith("Company ") for _, company in pairs)


def test_file_names_given_one_by_one_never_reach_the_report(planted, tmp_path):
    import shutil

    named = tmp_path / "Perpetua-Lockridge-Connections.csv"
    shutil.copyfile(planted / "Connections.csv", named)
    log = tmp_path / "perpetua-log.csv"
    shutil.copyfile(planted / "interactions.csv", log)
    html_path, json_path = tmp_path / "handin.html", tmp_path / "handin.json"
    assert cli.main(["report", "--connections", str(named), "--interactions", str(log), "--archive", str(planted),
                     "--anonymize", "--as-of", AS_OF, "-o", str(html_path), "--json", str(json_path)]) == 0
    for path in (html_path, json_path):
        text = path.read_text(encoding="utf-8").replace(plotly_js(), "")
        assert _leaks(text) == [] and "perpetua" not in text.lower()
    sources = json.loads(json_path.read_text(encoding="utf-8"))["data_quality"]["sources"]
    assert sources == {"connections": "Connections.csv", "interactions": "interactions.csv",
                       "archive": "LinkedIn archive"}
