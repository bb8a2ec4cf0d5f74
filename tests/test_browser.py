"""The HTML report in a real browser: Playwright driving Debian's chromium.

Installs chromium with apt-get when /usr/bin/chromium is missing (root, Debian's package
servers); fails, never skips, when it cannot. Screenshots go to reports/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from test_html import HOSTILE, hostile_audit

from tradeaudit.cli import main
from tradeaudit.report.html import anchor, render_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "reports" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
pytestmark = pytest.mark.browser


def _install_chromium() -> None:
    """apt-get update && apt-get install -y chromium, or fail with what apt said."""
    if not shutil.which("apt-get"):
        pytest.fail(f"{CHROMIUM} is missing and there is no apt-get to install it; install "
                    "Debian's chromium package", pytrace=False)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        try:
            r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800,
                               check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            pytest.fail(f"cannot install chromium: `{' '.join(cmd)}` failed: {e}", pytrace=False)
        if r.returncode:
            pytest.fail(f"cannot install chromium: `{' '.join(cmd)}` exited {r.returncode}:\n"
                        f"{(r.stderr or r.stdout)[-3000:]}", pytrace=False)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, installed with apt-get first if it is missing."""
    if not CHROMIUM.exists():
        _install_chromium()
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get installed chromium, but {CHROMIUM} is still missing",
                    pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator:
    """Chromium under Playwright, for this module only: one sync Playwright may run at a time
    in a process, and other modules start their own."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser test needs the `playwright` package (the `test` extra: "
                    "pip install -e '.[test]'); never run `playwright install`, the test uses "
                    f"Debian's {CHROMIUM}", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with everything that must not happen recorded: console errors, uncaught
    exceptions, dialogs (alert), and any request but the page's own file."""

    def __init__(self, browser, **context) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def assert_quiet(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert set(self.requests) <= {self.url}, f"requests: {self.requests}"


@pytest.fixture
def watched(browser) -> Iterator:
    opened: list[Watched] = []

    def make(**context) -> Watched:
        opened.append(Watched(browser, **context))
        return opened[-1]

    yield make
    for w in opened:
        w.context.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The HTML report of the bundled release, written by the command line."""
    out = tmp_path_factory.mktemp("html") / "report.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        assert main(["audit", "--format", "html", "--out", str(out)]) == 1
    return out


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def test_report_in_chromium(watched, report):
    w = watched(viewport={"width": 1280, "height": 900})
    w.open(report)
    page = w.page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "report.png", full_page=True)
    row = page.locator("#fig-exp23_krw")
    assert row.get_attribute("data-status") == "inconsistent"
    assert row.locator(".badge").inner_text() == "inconsistent"

    # Discrepancy D1 links to its figure: the row becomes the target, focused and in view.
    page.locator('#D1 .facts a[href="#fig-exp23_krw"]').first.click()
    page.wait_for_function("location.hash === '#fig-exp23_krw'")
    assert page.evaluate("document.querySelector(':target').id") == "fig-exp23_krw"
    assert page.evaluate("document.activeElement.id") == "fig-exp23_krw"
    assert _in_view(page, "#fig-exp23_krw")
    # ... and the row links back to D1.
    row.locator('a[href="#D1"]').click()
    page.wait_for_function("location.hash === '#D1'")

    # Filter, search, sort.
    rows = page.locator("#figure-table tbody tr")
    total = rows.count()
    page.locator('button[data-filter="consistent"]').click()
    shown = page.locator("#figure-table tbody tr:visible")
    assert row.is_hidden() and shown.count() > 0
    assert {shown.nth(i).get_attribute("data-status") for i in range(shown.count())} == {
        "consistent"}
    page.locator('#D1 .facts a[href="#fig-exp23_krw"]').first.click()  # a link shows it again
    row.wait_for(state="visible", timeout=10_000)  # the click shows it again, not at once
    assert page.locator('button[data-filter="all"]').get_attribute("aria-pressed") == "true"
    page.fill("#figure-search", "exp23_krw")
    assert page.locator("#figure-count").inner_text() == f"1 of {total} figures"
    page.fill("#figure-search", "")
    page.locator("#figure-table thead th", has_text="Status").locator("button").click()
    first = page.locator("#figure-table tbody tr").first
    assert first.get_attribute("data-status") == "inconsistent"

    # Details on hover and on keyboard focus.
    ref = page.locator("#D2 .facts .tipwrap").first
    ref.hover()
    assert ref.locator(".tip").is_visible()
    page.mouse.move(0, 0)
    page.locator("#D1 .facts .tipwrap a").first.focus()
    tip = page.locator("#D1 .facts .tipwrap .tip").first
    assert tip.is_visible() and "printed 29.3937 billion won" in tip.inner_text()
    box = tip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280


    # Printed: no controls, every row shown, even with a filter on.
    page.locator('button[data-filter="unchecked"]').click()
    page.emulate_media(media="print")
    assert page.locator("#figure-controls").is_hidden()
    assert page.locator("#figure-table tbody tr:visible").count() == total
    page.emulate_media(media="screen")
    w.assert_quiet()


def test_report_on_a_phone(watched, report):
    w = watched(**PHONE)
    w.open(report)
    page = w.page
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    share = page.evaluate("""() => { const row = document.getElementById('fig-exp23_krw');
        return row.querySelector('td.what').getBoundingClientRect().width /
            row.getBoundingClientRect().width; }""")
    assert share > 0.8, "a figure card's text should span the card on a phone"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "report-phone.png", full_page=True)
    page.locator("#D1 .facts .tipwrap a").first.tap()
    page.wait_for_function("location.hash.startsWith('#fig-')")
    w.assert_quiet()


def test_hostile_labels_in_chromium(watched, tmp_path, rules):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile_audit(tmp_path, rules)), encoding="utf-8")
    w = watched(viewport={"width": 1280, "height": 900})
    w.open(path)
    page = w.page
    page.wait_for_timeout(300)  # give anything injected the chance to run
    row = page.locator(f'[id="{anchor("fig", HOSTILE)}"]')
    assert row.locator("th code").inner_text() == HOSTILE
    assert "<img src=x onerror=alert(2)>" in row.locator("th").inner_text()
    assert f"industry={HOSTILE}" in row.inner_text()
    assert page.locator("script").count() == 1
    assert page.evaluate("document.body.style.display") == ""
    page.locator(".doc-text .mark").first.focus()
    assert page.locator(".doc-text .tipwrap:focus-within .tip").is_visible()
    w.assert_quiet()


def test_release_text_in_chromium(watched, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = tmp_path / "text.html"
    assert main(["audit", "data/technology-trade-2023.txt", "--format", "html",
                 "--out", str(path)]) == 1
    w = watched(viewport={"width": 1280, "height": 900})
    w.open(path)
    page = w.page
    mark = page.locator(".doc-text a.mark-inconsistent", has_text="29.3937")
    mark.hover()
    tip = page.locator(".doc-text .tipwrap:hover > .tip")
    assert tip.is_visible() and "inconsistent" in tip.inner_text()
    page.locator("#text").screenshot(path=SHOTS / "report-text.png")
    target = mark.get_attribute("href")
    mark.click()
    page.wait_for_function(f"location.hash === {target!r}")
    assert page.evaluate("document.activeElement.dataset.status") == "inconsistent"
    unread = page.locator(".doc-text .mark-unread").first
    unread.focus()
    assert "not interpreted" in page.locator(".doc-text .tipwrap:focus-within .tip").inner_text()
    w.assert_quiet()


@pytest.fixture(scope="module")
def text_report(tmp_path_factory) -> Path:
    """The HTML report of the bundled release's text and table, written by the command line."""
    out = tmp_path_factory.mktemp("html") / "both.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        assert main(["audit", "data/technology-trade-2023.txt",
                     "data/technology-trade-2023.csv", "--format", "html", "--out", str(out)]) == 1
    return out


@pytest.mark.parametrize("context", [{"viewport": {"width": 1280, "height": 800}}, PHONE],
                         ids=["desktop", "phone"])
def test_release_text_is_on_the_first_two_screens(watched, text_report, context):
    w = watched(**context)
    w.open(text_report)
    page = w.page
    top, width = page.evaluate("""() => [document.querySelector('.doc-text .mark')
        .getBoundingClientRect().top + scrollY, document.documentElement.scrollWidth]""")
    height = context["viewport"]["height"]
    assert top < 2 * height, f"the release text's first marked figure is at {top:.0f}px"
    assert width <= context["viewport"]["width"], f"the page scrolls sideways ({width}px)"
    assert page.locator("nav.toc a").nth(1).inner_text() == "Release text"
    w.assert_quiet()


def test_what_changed_sorts_in_chromium(watched, tmp_path):
    """The "What changed" table sorts by a column (the report's own script, no other)."""
    out = tmp_path / "rev.html"
    new, old = ROOT / "tests" / "vintages" / "new.csv", ROOT / "tests" / "vintages" / "old.csv"
    assert main(["audit", str(new), "--previous", str(old), "--format", "html",
                 "--out", str(out)]) == 1
    w = watched()
    w.open(out)
    first = "#revision-table tbody tr:first-child th"
    before = w.page.locator(first).inner_text()
    w.page.locator("#revision-table thead button", has_text="After").click()
    assert w.page.locator("#revision-table thead th").nth(3).get_attribute("aria-sort") \
        == "ascending"
    w.page.locator("#revision-table thead button", has_text="After").click()
    w.page.locator("#revision-table thead button", has_text="After").click()  # third: as printed
    assert w.page.locator(first).inner_text() == before
    w.assert_quiet()
