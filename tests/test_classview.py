"""The class view: per-student numbers equal each student's own review; one page, offline, no names.

Issue 7, part 3.  The class folder holds three anonymised sample personas, one
review summary written by ``report --json``, a broken hand-in, a bad JSON
file, and entries the view must skip.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path

import pytest

import netanalysis
from netanalysis import cli
from netanalysis.anonymize import anonymize
from netanalysis.classroom.classview import (ClassViewError, StudentSummary, class_summary, render_class_report,
                                   summary_from_review, write_class_report)
from netanalysis.classroom.classview import figures
from netanalysis.classroom.classview.page import SECTION_IDS
from netanalysis.plots import plotly_js
from netanalysis.sample import write_sample

AS_OF = dt.date(2026, 11, 1)
PERSONAS = {"team-a": ("student", 11), "team-b": ("taker", 12), "team-c": ("drifter", 13)}


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> dict[str, Path]:
    """The students' own (not anonymised) folders, outside the class folder."""
    base = tmp_path_factory.mktemp("raw")
    out = {}
    for ident, (persona, seed) in PERSONAS.items():
        write_sample(base / ident, persona, seed=seed)
        out[ident] = base / ident
    write_sample(base / "json-student", "collector", seed=14)
    out["json-student"] = base / "json-student"
    return out


@pytest.fixture(scope="module")
def class_folder(raw, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class") / "networking-2026"
    folder.mkdir()
    for ident in PERSONAS:
        anonymize(raw[ident], output=folder / ident)
    assert cli.main(["report", str(raw["json-student"]), "--as-of", AS_OF.isoformat(), "--anonymize",
                     "-o", str(folder.parent / "ignored.html"), "--json", str(folder / "team-d.json")]) == 0
    broken = folder / "team-e"
    broken.mkdir()
    (broken / "Connections.csv").write_bytes(b"\x00\x01 not a csv")
    (folder / "team-f.json").write_text("{not json", encoding="utf-8")
    (folder / "notes.txt").write_text("the teacher's notes", encoding="utf-8")
    (folder / ".hidden").mkdir()
    return folder


@pytest.fixture(scope="module")
def summary(class_folder):
    return class_summary(class_folder, as_of=AS_OF)


@pytest.fixture(scope="module")
def page(summary) -> str:
    return render_class_report(summary)


def _expected(rev) -> dict:
    return {"connections": rev.depth.connections, "met": rev.depth.met, "strong_ties": rev.depth.strong_ties,
            "breadth": rev.depth.breadth, "depth": rev.depth.depth, "quadrant": rev.depth.quadrant,
            "ratio_recent": rev.reciprocity.ratio_recent, "cooling": rev.staleness.counts.get("cooling"),
            "follow_up": rev.staleness.counts.get("follow_up"), "lock_in_old": rev.diversity.lock_in_old,
            "newness": rev.diversity.newness, "family_effort": rev.diversity.family_effort,
            "headline_rule": rev.headline.rule}


def _assert_numbers(student: StudentSummary, expected: dict) -> None:
    for name, value in expected.items():
        got = getattr(student, name)
        if isinstance(value, float):
            assert got == pytest.approx(value), name
        else:
            assert got == value, name


def test_every_hand_in_is_listed_in_order(summary):
    assert [s.id for s in summary.students] == ["team-a", "team-b", "team-c", "team-d", "team-e", "team-f"]
    assert [s.source for s in summary.students] == ["folder", "folder", "folder", "json", "folder", "json"]
    assert [s.id for s in summary.readable] == ["team-a", "team-b", "team-c", "team-d"]


def test_numbers_equal_each_students_own_review(summary, class_folder, raw):
    by_id = {s.id: s for s in summary.students}
    for ident in PERSONAS:
        own = netanalysis.review(netanalysis.load(class_folder / ident), as_of=AS_OF)
        _assert_numbers(by_id[ident], _expected(own))
        original = netanalysis.review(netanalysis.load(raw[ident]), as_of=AS_OF)  # the anonymiser kept them
        _assert_numbers(by_id[ident], _expected(original))
        assert by_id[ident].as_of == AS_OF.isoformat()
    json_review = netanalysis.review(netanalysis.load(raw["json-student"]), as_of=AS_OF)
    _assert_numbers(by_id["team-d"], _expected(json_review))


def test_headline_rules_follow_the_personas(summary):
    rules = {s.id: s.headline_rule for s in summary.readable}
    assert rules["team-a"] == "follow-up" and rules["team-b"] == "reciprocity" and rules["team-c"] == "staleness"
    diagnoses = summary.diagnoses()
    assert sum(d["count"] for d in diagnoses) == len(summary.readable)
    assert sum(d["share"] for d in diagnoses) == pytest.approx(1.0)
    assert {i for d in diagnoses for i in d["students"]} == {"team-a", "team-b", "team-c", "team-d"}


def test_class_medians(summary):
    medians = summary.medians()
    values = sorted(s.connections for s in summary.readable)
    assert medians["connections"] == pytest.approx((values[1] + values[2]) / 2)
    assert sum(summary.quadrants().values()) == len(summary.readable)


def test_bad_hand_ins_get_one_line_reasons(summary):
    bad = {s.id: s for s in summary.unreadable}
    assert set(bad) == {"team-e", "team-f"}
    for student in bad.values():
        assert student.error.startswith("could not be read: ") and "\n" not in student.error
        assert len(student.error) < 300
    assert "Connections.csv" in bad["team-e"].error and "binary" in bad["team-e"].error
    assert "JSON" in bad["team-f"].error


def test_page_landmarks(page, summary):
    for section in SECTION_IDS:
        assert f'id="{section}"' in page
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in unescape(page)
    for div in ("fig-class-diagnoses", "fig-class-breadth-depth", "fig-class-reciprocity", "fig-class-staleness",
                "fig-class-diversity"):
        assert f'id="{div}"' in page
    table = page[page.index('id="students-table"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 1 + len(summary.readable)
    assert "team-e" in page and "could not be read: " in page
    assert page.count("<script") >= 6


def test_page_loads_nothing_from_outside(page):
    body = page.replace(plotly_js(), "")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", body, re.IGNORECASE)
    assert "<link" not in body and "@import" not in body and "cdn.plot.ly" not in body
    assert "<iframe" not in body


def test_page_shows_no_names(page, raw):
    body = page.replace(plotly_js(), "")
    for folder in raw.values():
        net = netanalysis.load(folder)
        names = {c for c in net.people["contact"] if c} | {n for n in net.people["last_name"] if len(n) >= 4}
        names.add(net.owner)
        shown = {n for n in names if n in body or json.dumps(n)[1:-1] in body}
        assert shown == set(), sorted(shown)[:5]


def test_figures_plot_the_summary_numbers(summary):
    readable = summary.readable
    fig = figures.reciprocity_figure(readable)
    assert list(fig.data[0].x) == pytest.approx([s.ratio_recent for s in readable])
    fig = figures.staleness_figure(readable)
    assert list(fig.data[0].x) == [s.cooling for s in readable]
    assert list(fig.data[1].x) == [s.follow_up for s in readable]
    fig = figures.diversity_figure(readable)
    assert list(fig.data[0].x) == pytest.approx([s.lock_in_old for s in readable])
    assert list(fig.data[0].y) == pytest.approx([s.newness for s in readable])
    fig = figures.class_breadth_depth(readable, median=summary.medians())
    assert list(fig.data[0].x) == pytest.approx([s.breadth for s in readable])
    assert list(fig.data[0].text) == [s.id for s in readable]
    assert fig.data[-1].x[0] == pytest.approx(summary.medians()["breadth"])
    fig = figures.diagnoses_figure(summary.diagnoses())
    assert list(fig.data[0].x) == [d["count"] for d in summary.diagnoses()]


def test_empty_figures_say_why():
    for fig in (figures.reciprocity_figure([]), figures.staleness_figure([]), figures.diversity_figure([]),
                figures.class_breadth_depth([]), figures.diagnoses_figure([])):
        assert len(fig.data) == 0 and fig.layout.annotations[0].text


def test_write_is_atomic_and_replaces(summary, tmp_path):
    target = tmp_path / "out" / "class.html"
    assert write_class_report(summary, target) == target
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>")
    target.write_text("old", encoding="utf-8")
    write_class_report(summary, target)
    assert target.read_text(encoding="utf-8") == first
    assert [p.name for p in target.parent.iterdir()] == ["class.html"]


def test_empty_and_missing_class_folders(tmp_path):
    empty = class_summary(tmp_path, as_of=AS_OF)
    assert empty.students == [] and empty.diagnoses() == []
    html = render_class_report(empty)
    assert "No hand-in could be read." in html
    with pytest.raises(ClassViewError, match="does not exist"):
        class_summary(tmp_path / "nope", as_of=AS_OF)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ClassViewError, match="not a folder"):
        class_summary(tmp_path / "file.txt", as_of="2026-11-01")


def test_summary_from_review_reads_partial_json():
    student = summary_from_review({"as_of": "2026-01-01", "depth": {"connections": 10, "breadth": None},
                                   "findings": [{"rule": "depth"}]}, ident="x")
    assert (student.connections, student.breadth, student.headline_rule, student.cooling) == (10, None, "depth", None)
    with pytest.raises(ClassViewError, match="report --json"):
        summary_from_review([1, 2], ident="x")


def test_hostile_ids_are_escaped(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "<script>alert(1)<").mkdir()
    html = render_class_report(class_summary(folder, as_of=AS_OF))
    assert "<script>alert(1)<" not in html.replace(plotly_js(), "")


def _wired(command: str) -> bool:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return command in sub.choices


@pytest.mark.skipif(not _wired("class"), reason="the class command is not wired into the CLI yet")
def test_cli_class(class_folder, tmp_path):
    out = tmp_path / "class.html"
    assert cli.main(["class", str(class_folder), "--as-of", AS_OF.isoformat(), "-o", str(out)]) == 0
    assert 'id="students-table"' in out.read_text(encoding="utf-8")
    assert cli.main(["class", str(tmp_path / "missing"), "-o", str(out)]) == 1
