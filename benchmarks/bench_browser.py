"""How long Chromium takes to open the max-scale report with every figure drawn, against plotly.js alone.

The report inlines plotly.js's basic bundle (``netanalysis/report/static/``);
the yardstick is a page that holds nothing but plotly.js's FULL bundle (the
one plotly.py ships, ``plotly.offline.get_plotlyjs()``), which is what every
report inlined before.  Each round opens both pages, in turns (the order
alternates round by round, so a change in the machine's speed hits both
alike), each in a fresh browser context, and times from the start of the
navigation until the page is ready: for the report, every figure ``<div>``
drawn (its SVG and every visible trace); for the yardstick, its load event
with ``window.Plotly`` defined.  A page with only the basic bundle is timed
too, for scale.  Prints the medians, the ratio of the medians and the median
of each round's ratio, and the report's size.

The input is the sample generator's LinkedIn maximum (30,000 connections,
100,000 log rows, 300,000 messages, seed 7), made once in benchmarks/_data/
(as ``bench_scale.py`` does); the report is written for ``--as-of 2026-11-01``.

Run:  .venv/bin/python benchmarks/bench_browser.py [--repeat 3] [--report FILE] [--chromium PATH]

Goals (issue 16): the report opens in <= 0.6x the full bundle's time (was 1.4x),
and is <= 1.5 MB at this scale (was 4.95 MB).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from bench_scale import AS_OF, DATA, ensure  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
REPORT_READY = """() => { const figures = document.querySelectorAll('.plotly-figure');
  return figures.length > 0 && Array.from(figures).every(d => d.querySelector('.main-svg') && d._fullData &&
    d.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length ===
    d._fullData.filter(t => t.visible === true).length); }"""
BUNDLE_READY = "() => document.readyState === 'complete' && typeof window.Plotly === 'object'"


def bundle_page(path: Path, script: str) -> Path:
    path.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>plotly.js</title>'
                    f"<script>{script}</script></head><body></body></html>", encoding="utf-8")
    return path


def open_once(browser, path: Path, ready: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(ready, polling="raf", timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    if errors:
        raise RuntimeError(f"{path.name}: {errors[0]}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds (each opens every page once)")
    parser.add_argument("--report", type=Path, help="an existing report to open (default: the max-scale one)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    from plotly.offline import get_plotlyjs

    from netanalysis.plots import plotly_js

    report = args.report
    if report is None:
        folder = ensure("max", 30000, 100000, 300000)
        report = DATA / "max-browser-report.html"
        subprocess.run([sys.executable, "-m", "netanalysis", "report", str(folder), "--as-of", AS_OF,
                        "-o", str(report)], check=True, capture_output=True, cwd=HERE.parent)
    pages = {"report": (report, REPORT_READY)}
    with tempfile.TemporaryDirectory() as tmp:
        pages["full bundle only"] = (bundle_page(Path(tmp) / "full.html", get_plotlyjs()), BUNDLE_READY)
        pages["basic bundle only"] = (bundle_page(Path(tmp) / "basic.html", plotly_js()), BUNDLE_READY)
        times = {name: [] for name in pages}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=ARGS)
            for name, (path, ready) in pages.items():            # warm the file cache, untimed
                open_once(browser, path, ready)
            names = list(pages)
            for round_number in range(args.repeat):
                for name in names if round_number % 2 == 0 else names[::-1]:
                    times[name].append(open_once(browser, *pages[name]))
            browser.close()
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"report: {report} ({report.stat().st_size / 1e6:.2f} MB; goal <= 1.5 MB)")
    for name, values in times.items():
        print(f"  {name:<18} median {medians[name]:6.3f} s   runs {', '.join(f'{v:.3f}' for v in values)}")
    ratios = [r / f for r, f in zip(times["report"], times["full bundle only"])]
    print(f"report / full bundle: {medians['report'] / medians['full bundle only']:.2f}x (ratio of the medians), "
          f"{statistics.median(ratios):.2f}x (median of each round's ratio); goal <= 0.6x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
