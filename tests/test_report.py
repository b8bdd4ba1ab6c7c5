"""The HTML report: landmarks, self-containment, escaping, atomic writes.

Tests look for landmarks (section ids, the CSP, no external loads), not bytes.
"""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from netanalysis import cli
from netanalysis.report.context import SECTION_IDS
from netanalysis.sample import SAMPLE_AS_OF, write_sample

AS_OF = "2026-11-01"
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}",
           "</script><script>alert(2)</script>"]


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("student")
    write_sample(folder, "student", seed=3)
    return folder


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    """A tiny network whose every user string is an attack."""
    folder = tmp_path_factory.mktemp("hostile")
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i, text in enumerate(HOSTILE):
        quoted = '"' + text.replace('"', '""') + '"'
        rows.append(f"{quoted},Doe{i},https://www.linkedin.com/in/x{i},x{i}@example.com,{quoted},{quoted},04 Jul 2023")
    (folder / "Connections.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    log = ["date,contact,kind,direction,value,purpose,notes"]
    for i, text in enumerate(HOSTILE):
        quoted = '"' + text.replace('"', '""') + '"'
        for day in range(1, 4):
            log.append(f"2026-10-0{day},https://www.linkedin.com/in/x{i},coffee,received,5,{quoted},{quoted}")
    log.append('2026-10-05,"<b>Off</b> LinkedIn",meal,gave,3,sales,')
    (folder / "interactions.csv").write_text("\n".join(log) + "\n", encoding="utf-8")
    contacts = ["contact,circle,chemistry,offers,needs"]
    for i, text in enumerate(HOSTILE):
        quoted = '"' + text.replace('"', '""') + '"'
        contacts.append(f"https://www.linkedin.com/in/x{i},{quoted},4,{quoted},{quoted}")
    (folder / "contacts.csv").write_text("\n".join(contacts) + "\n", encoding="utf-8")
    return folder


def _report(folder: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "report.html"
    assert cli.main(["report", str(folder), "--as-of", AS_OF, "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_every_section_present_and_self_contained(sample_folder, tmp_path):
    html = _report(sample_folder, tmp_path)
    for section in SECTION_IDS:
        assert f'id="{section}"' in html, section
    assert 'http-equiv="Content-Security-Policy"' in html
    assert "default-src 'none'" in unescape(html)
    markup = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)  # plotly.js holds URL strings it never loads
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', markup, re.I)
    assert 'src="http' not in html
    assert "<link" not in html.lower()
    assert "@import" not in html and "@font-face" not in html
    assert html.count("Plotly.newPlot") >= 7
    assert 50_000 < len(html.encode()) < 6_000_000


def test_json_summary_matches_review(sample_folder, tmp_path):
    import netanalysis
    from netanalysis.analysis import review

    out = tmp_path / "s.json"
    _report(sample_folder, tmp_path, "--json", str(out))
    summary = json.loads(out.read_text(encoding="utf-8"))
    rev = review(netanalysis.load(sample_folder), as_of=AS_OF)
    assert summary["findings"][0]["rule"] == rev.findings[0].rule == "follow-up"
    assert summary["format"] == "netanalysis-summary/2" and summary["view"]["headline"]["rule"] == "follow-up"
    assert summary["depth"]["connections"] == rev.depth.connections
    assert summary["as_of"] == AS_OF
    assert len(summary["questions"]) == 8


def test_hostile_strings_are_text(hostile_folder, tmp_path):
    html = _report(hostile_folder, tmp_path)
    head, _, body = html.partition("</head>")
    # Outside scripts, no attack survives as markup.
    outside_scripts = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
    assert "<script>alert" not in outside_scripts
    assert "<img src=x" not in outside_scripts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outside_scripts
    assert "{{7*7}}" in outside_scripts and "49" not in re.findall(r"\{\{7\*7\}\}|49", outside_scripts)[:1]
    assert "<b>Off</b>" not in outside_scripts
    # Inside the figures' JSON no script can be closed early.
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", body, flags=re.S):
        assert "<script>alert" not in script
        assert "</script" not in script.lower()


def test_emails_hidden_unless_asked(hostile_folder, tmp_path):
    assert "x0@example.com" not in _report(hostile_folder, tmp_path)


def test_failed_run_keeps_previous_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "Connections.csv").write_text("First Name,Last Name,Connected On\nA,B,31 Foo 2020\n", encoding="utf-8")
    assert cli.main(["report", str(bad), "--as-of", AS_OF, "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous"
    err = capsys.readouterr().err
    assert "Connections.csv line 2, column 'Connected On'" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob(".report.html.*"))


def test_refuses_to_write_over_an_input(sample_folder, tmp_path, capsys):
    target = sample_folder / "interactions.csv"
    before = target.read_bytes()
    assert cli.main(["report", str(sample_folder), "--as-of", AS_OF, "-o", str(target)]) == 1
    assert target.read_bytes() == before
    assert "refusing to overwrite" in capsys.readouterr().err


def test_no_inputs_reports_the_bundled_sample(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert cli.main(["report", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert f"as of {SAMPLE_AS_OF.isoformat()}" in html
    assert "wrote" in capsys.readouterr().out


def test_headline_scorecard_counts_what_the_headline_says(tmp_path):
    """The bundled sample's headline says 'N well-matched introductions are waiting'; its scorecard shows
    the same N, with the headline's tone."""
    import netanalysis
    from netanalysis.analysis import review
    from netanalysis.analysis.summary import summarize
    from netanalysis.sample.bundled import bundled_sample
    from netanalysis.report.context import build_context

    rev = review(netanalysis.load(bundled_sample()), as_of=SAMPLE_AS_OF)
    best = rev.matchmaking.distinct_best
    assert rev.findings[0].rule == "matchmaking"
    assert f"{best} well-matched introductions are waiting" in rev.findings[0].sentence
    scorecard = build_context(summarize(rev))["scorecard"]
    card = next(m for m in scorecard if "introductions" in m["label"])
    assert card == {"value": str(best), "label": "well-matched introductions waiting", "tone": "bad"}
