"""The report in a real browser: Playwright driving Debian's chromium.

Opens the report from disk and asserts: no console errors, no request other
than the file itself, every section present, the plotly SVGs drawn; saves
screenshots (desktop and phone width) to tests/_artifacts/ for a person to look at.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from netanalysis import cli
from netanalysis.report.context import SECTION_IDS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "_artifacts"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (apt-get install chromium)", pytrace=False)
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    assert cli.main(["report", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.mark.parametrize("width,name", [(1280, "desktop"), (390, "phone")])
def test_report_in_browser(browser, report_file, width, name):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report_file.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.main-svg').length >= 7", timeout=20_000)
    for section in SECTION_IDS:
        assert page.locator(f"#{section}").count() == 1, section
    assert page.locator("#fig-egogram .main-svg").count() >= 1
    assert page.locator(".js-plotly-plot").count() >= 7
    headline = page.locator("#headline h2").inner_text()
    assert headline.strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{name}.png"), full_page=True)
    page.close()
    assert errors == []
    assert [u for u in requests if not u.startswith("file://") and not u.startswith("data:")
            and not u.startswith("blob:")] == []
    assert len([u for u in requests if u.startswith("file://")]) == 1
