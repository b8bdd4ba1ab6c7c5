"""The vendored plotly.js: the version plotly.py expects, every trace type the figures use, shipped, safe.

The report and the class view inline ``netanalysis/report/static/plotly-basic.min.js``
(plotly.js's basic bundle, from npm by ``make plotlyjs``) instead of plotly.py's
full bundle.  These tests keep it honest when plotly.py or a figure changes.
"""
from __future__ import annotations

import fnmatch
import hashlib
import re
import tomllib
from pathlib import Path

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

from netanalysis import cli, plots
from netanalysis.plots.embed import PLOTLY_JS, bundled_trace_types, plotly_js_version
from netanalysis.report.render import CSP

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "netanalysis" / "report" / "static"
#: The figure code: every plot module, and the class view's figures (classview/ or classroom/).
FIGURE_CODE = sorted((ROOT / "netanalysis" / "plots").glob("*.py")) + sorted(
    (ROOT / "netanalysis").glob("class*/**/figures.py"))
#: plotly's trace types, by the graph_objects class that makes each (go.Scatter -> "scatter").
TRACE_CLASSES = {name: getattr(go, name)().type for name in dir(go)
                 if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
                 and getattr(go, name) is not BaseTraceType}
TRACE_TYPES = set(TRACE_CLASSES.values())


def used_trace_types(text: str) -> set[str]:
    """Trace types named in figure code or figure JSON: ``go.Bar(``, ``type="bar"``, ``"type":"bar"``.

    Shapes and axes also have a ``type`` (circle, path, line, rect, date), which is not a trace type.
    """
    found = {TRACE_CLASSES[name] for name in re.findall(r"\bgo\.([A-Z]\w*)\(", text) if name in TRACE_CLASSES}
    named = re.findall(r"""\btype\s*=\s*["'](\w+)["']|["']type["']\s*:\s*["'](\w+)["']""", text)
    return found | ({a or b for a, b in named} & TRACE_TYPES)


def test_the_version_plotly_py_expects():
    assert plotly_js_version() == get_plotlyjs_version()


def test_every_trace_type_the_figure_code_uses_is_in_the_bundle():
    assert len(FIGURE_CODE) >= 7 and any("class" in str(p.parent) for p in FIGURE_CODE)
    used = set().union(*(used_trace_types(p.read_text("utf-8")) for p in FIGURE_CODE))
    assert {"scatter", "bar"} <= used
    assert used <= bundled_trace_types(), used - bundled_trace_types()


def test_every_trace_type_in_a_report_is_in_the_bundle(tmp_path):
    out = tmp_path / "report.html"
    assert cli.main(["report", "-o", str(out)]) == 0
    html = out.read_text("utf-8")
    figures = re.findall(r'<div id="(fig-[\w-]+)" class="plotly-figure"></div><script>(.*?)</script>', html, re.S)
    assert len(figures) >= 8
    used = set().union(*(used_trace_types(script) for _, script in figures))
    assert used == {"scatter", "bar"}
    assert used <= bundled_trace_types()
    assert plots.plotly_js() in html and f"plotly.js (basic - minified) v{get_plotlyjs_version()}" in html


def test_the_pattern_finds_trace_types_not_shapes():
    code = 'go.Bar(x=[1]); dict(type="scatter"); dict(type="circle"); {"type":"path"}; go.Figure(); go.Scatterpolargl('
    assert used_trace_types(code) == {"bar", "scatter", "scatterpolargl"}


def test_needs_no_eval_and_cannot_end_its_script():
    text = plots.plotly_js()
    assert not re.search(r"\beval\(|\bnew Function\(", text)
    assert "'unsafe-eval'" not in CSP and "script-src 'unsafe-inline'" in CSP
    assert "</script" not in text.lower()


def test_licence_and_provenance_beside_it():
    assert "MIT" in (STATIC / "plotly-basic.LICENSE").read_text("utf-8")
    note = (STATIC / "plotly-basic.SOURCE.txt").read_text("utf-8")
    assert f"plotly.js-basic-dist-min {plotly_js_version()}" in note and "make plotlyjs" in note
    digest = hashlib.sha256((ROOT / "netanalysis" / PLOTLY_JS).read_bytes()).hexdigest()
    assert f"sha256 {digest}" in note
    assert "plotlyjs:" in (ROOT / "Makefile").read_text("utf-8")


def test_packaged():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    for path in STATIC.iterdir():
        relative = path.relative_to(ROOT / "netanalysis").as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns["netanalysis"]), relative


def test_much_smaller_than_the_full_bundle():
    from plotly.offline import get_plotlyjs

    assert len(plots.plotly_js()) < 0.3 * len(get_plotlyjs())
