"""The HTML report: self-contained, escaped, linked both ways, deterministic."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SAMPLE, audit_frame

from tradeaudit.audit.engine import Audit, audit
from tradeaudit.cli import FX_RATES, main
from tradeaudit.model.rates import load_rates
from tradeaudit.read.table import load_tables
from tradeaudit.report.html import anchor, chart, interval_text, render_html

TEXT = ROOT / "data" / "technology-trade-2023.txt"
HOSTILE = "<script>alert(1)</script>"


def bundled_audit(rules) -> Audit:
    """The bundled release audited as the command line does it (with the reference rates)."""
    table = load_tables([SAMPLE], rules.flows, rules.ratio_flows)
    return audit(table, rules, load_rates(FX_RATES))


def hostile_audit(tmp_path: Path, rules) -> Audit:
    """A contradictory table whose ids, segments, sources and quotes are markup and script."""
    segment = f"industry={HOSTILE}"
    rows = [
        (HOSTILE, "exports", "10.0", "<img src=x onerror=alert(2)>",
         "</textarea><svg onload=alert(3)>"),
        ("imp\"'&<b>", "imports", "8.0", "javascript:alert(4)", "\"><iframe src=//evil>"),
        ("vol", "volume", "19.0", "release.txt:1", "<style>body{display:none}</style>"),
    ]
    frame = pd.DataFrame([(i, "2023", segment, flow, "level", v, "USD_bn", src, quote)
                          for i, flow, v, src, quote in rows],
                         columns=["id", "period", "segment", "flow", "stat", "value", "unit",
                                  "source", "quote"])
    a = audit_frame(frame, tmp_path, rules)
    text = f"Exports {HOSTILE} were 10.0, imports 8.0 <b>and</b> volume 19.0 & 7 more."
    a.table.frame["span_path"] = "hostile.txt"
    a.table.frame["span_start"] = [text.index("10.0"), text.index("8.0"), text.index("19.0")]
    a.table.frame["span_end"] = a.table.frame["span_start"] + [4, 3, 4]
    a.documents = [{"path": "hostile.txt", "text": text, "unread": [
        {"path": "hostile.txt", "line": 1, "start": text.index("7"), "end": text.index("7") + 1,
         "text": "7", "reason": f"not a statistic {HOSTILE}"}]}]
    return a


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


class _Visible(HTMLParser):
    """The text of a fragment outside its tooltips (no void elements expected)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append("tip" in (dict(attrs).get("class") or "").split()
                          or any(self.stack))

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.text.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def bundled_html(rules) -> str:
    return render_html(bundled_audit(rules))


def test_self_contained_one_script_nothing_fetched(bundled_html):
    tags = parse(bundled_html).tags
    assert [t for t, _ in tags].count("script") == 1
    assert all("src" not in a for t, a in tags if t == "script")
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object", "embed")]
    refs = [a["href"] for _, a in tags if "href" in a]
    assert refs and all(h.startswith("#") for h in refs)
    assert not re.search(r"https?://|url\(|@import|@font-face", bundled_html)
    csp = next(a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert any(a.get("name") == "viewport" for _, a in tags)
    assert "@media print" in bundled_html and "@media screen and (max-width" in bundled_html


def test_summary_discrepancies_and_figures_link_both_ways(bundled_html):
    tags = parse(bundled_html).tags
    ids = {a["id"] for _, a in tags if "id" in a}
    assert {"D1", "D2"} <= ids
    assert {"fig-exp23_krw", "fig-ratio23_chg", "fig-vol13_usd"} <= ids
    hrefs = {a["href"] for _, a in tags if "href" in a}
    assert {h[1:] for h in hrefs} <= ids  # no dangling link
    assert "#fig-exp23_krw" in hrefs and "#D1" in hrefs
    row = re.search(r'<tr id="fig-exp23_krw"[^>]*data-status="inconsistent".*?</tr>',
                    bundled_html, re.DOTALL)
    assert row and 'href="#D1"' in row.group()
    d1 = re.search(r'<article id="D1".*?</article>', bundled_html, re.DOTALL).group()
    assert "D1</a> Conversion mismatch" in d1 and "25.39 trillion won" in d1 and "<svg" in d1
    assert 'href="#fig-exp23_krw"' in d1
    summary = re.search(r'<section id="summary".*?</section>', bundled_html, re.DOTALL).group()
    assert "Most likely wrong" in summary and "25.39 trillion won" in summary
    assert "converted at another exchange rate" in summary


def test_every_tooltip_is_described_and_reachable_by_keyboard(bundled_html):
    tags = parse(bundled_html).tags
    tips = {a["id"] for _, a in tags if a.get("role") == "tooltip"}
    described = [a for _, a in tags if "aria-describedby" in a]
    assert tips and {a["aria-describedby"] for a in described} == tips
    focusable = [t for t, a in tags if "aria-describedby" in a and t != "a"
                 and a.get("tabindex") != "0"]
    assert not focusable
    assert ":focus-within > .tip" in bundled_html


def test_conversions_table(bundled_html):
    section = re.search(r'<section id="conversions".*?</section>', bundled_html, re.DOTALL).group()
    assert section.count("<tr") == 4 and "KRW/USD" in section and "1305.41" in section
    assert "Maeil Business Newspaper" in section


def test_deterministic_and_dated_only_by_source_date_epoch(rules, monkeypatch):
    a = bundled_audit(rules)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = render_html(a), render_html(a)
    assert first == second and "generated" not in first.split("<footer")[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "generated 2023-11-14 22:13 UTC" in render_html(a)


def test_hostile_labels_are_text(tmp_path, rules):
    html = render_html(hostile_audit(tmp_path, rules))
    p = parse(html)
    assert [t for t, _ in p.tags].count("script") == 1
    assert not [t for t, _ in p.tags if t in ("img", "iframe", "textarea")]
    assert [t for t, _ in p.tags].count("style") == 1
    assert not [(t, k) for t, a in p.tags for k in a if k.startswith("on")]
    assert all(a["href"].startswith("#") for _, a in p.tags if "href" in a)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", a["id"]) for _, a in p.tags if "id" in a)
    text = "".join(p.text)
    for needle in (HOSTILE, "imp\"'&<b>", "<img src=x onerror=alert(2)>", "javascript:alert(4)",
                   "</textarea><svg onload=alert(3)>", f"industry={HOSTILE}",
                   f"not a statistic {HOSTILE}"):
        assert needle in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def text_report(tmp_path: Path, monkeypatch, fmt: str = "html") -> str:
    """The bundled release read from its text, as the command line reports it."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / f"text.{fmt}"
    assert main(["audit", str(TEXT.relative_to(ROOT)), "--format", fmt, "--out", str(out)]) == 1
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_release_text_marks_every_figure_by_status(tmp_path, monkeypatch):
    html = text_report(tmp_path, monkeypatch)
    unread = json.loads(text_report(tmp_path, monkeypatch, "json"))["not_interpreted"]
    section = re.search(r'<section id="text".*?</section>', html, re.DOTALL).group()
    krw = re.search(r'<a class="mark mark-inconsistent" href="#(fig-[^"]+)"[^>]*>29.3937[^<]*</a>',
                    section)
    assert krw and re.search(f'<tr id="{krw.group(1)}"[^>]*data-status="inconsistent"', html)
    assert 'class="mark mark-consistent"' in section
    assert section.count('class="mark mark-unread"') == len(unread) + 1  # and the legend's
    for u in unread:
        assert f"{u['reason']}</span>" in section
    rows = re.findall(r'<tr id="(fig-[^"]+)".*?</tr>', html, re.DOTALL)
    linked = re.findall(r'<tr id="fig-[^"]+".*?href="#(txt-[^"]+)".*?</tr>', html, re.DOTALL)
    assert len(linked) == len(rows) and all(f'id="{t}"' in section for t in linked)
    # The text survives intact: the page only adds markup around it.
    doc = re.search(r'<div class="doc-text">(.*?)</div>', section, re.DOTALL).group(1)
    visible = _Visible()
    visible.feed(doc)
    assert "".join(visible.text) == TEXT.read_text(encoding="utf-8")


def test_overlapping_and_bad_spans(tmp_path, rules):
    a = hostile_audit(tmp_path, rules)
    text = a.documents[0]["text"]
    a.table.frame["span_start"] = [0, "x", text.index("19.0")]
    a.table.frame["span_end"] = [len(text) + 5, None, text.index("19.0") + 4]
    at = text.index("19.0")
    a.documents[0]["unread"].append({"path": "hostile.txt", "line": 1, "start": at + 1,
                                     "end": at + 2, "text": "9", "reason": "inside a figure"})
    html = render_html(a)
    assert 'href="#fig-vol"' in html and "inside a figure" in html
    section = re.search(r'<section id="text".*?</section>', html, re.DOTALL).group()
    assert f'href="#{anchor("fig", HOSTILE)}"' not in section


def test_tables_only_audit_has_no_text_section(bundled_html):
    assert '<section id="text"' not in bundled_html


@pytest.mark.parametrize("low,high,text", [
    (29.39365, 29.39375, "29.39365 \u2013 29.39375"),
    (25389.42197, 25390.91494, "25,389.4 \u2013 25,390.9"),
    (0.06690666624, 0.06735018972, "0.06691 \u2013 0.06735"),
    (None, 5.0, "\u2264 5"), (-1e-323, None, "\u2265 0"), (None, None, "any value"),
    (1.0, 1.0, "1"), (-4.45, -4.35, "\u22124.45 \u2013 \u22124.35"),
])
def test_interval_text(low, high, text):
    assert interval_text(low, high) == text


def test_chart_geometry():
    c = chart({"low": 29.39365, "high": 29.39375}, {"low": 25389.4, "high": 25390.9}, "error")
    assert c["tone"] == "error" and c["stated"]["thin"] and c["stated"]["x"] < 10
    assert c["expected"]["x"] > 90 and c["expected"]["anchor"] == "end"
    assert [t["label"] for t in c["ticks"]][:2] == ["0", "10,000"]
    inside = chart({"low": 1.0, "high": 2.0}, {"low": None, "high": 3.0}, "warning")
    assert inside["tone"] == "ok" and inside["expected"]["open_left"]
    assert inside["expected"]["x"] == 0.0
    assert chart({"low": 1, "high": 2}, {"low": None, "high": None}, "warning") is None


def test_anchor_is_stable_and_safe():
    assert anchor("fig", "exp23_krw") == "fig-exp23_krw"
    hostile = anchor("fig", HOSTILE)
    assert re.fullmatch(r"fig-script-alert-1-script-[0-9a-f]{8}", hostile)
    assert anchor("fig", "a b") != anchor("fig", "a-b") and anchor("fig", "€") != "fig-"


def test_warnings_suggest_no_correction(bundled_html):
    for article in re.findall(r'<article id="D\d+" class="disc sev-warning".*?</article>',
                              bundled_html, re.DOTALL):
        assert "<dt>Suggestion</dt>" not in article


def test_a_pages_prose_and_its_table_each_mark_their_own_figures(tmp_path):
    """A page is two documents of one path, its prose and its tables: the table's cells are
    marked in the table's text only, never at the same offsets of the prose."""
    page = ROOT / "tests" / "tables" / "ons" / "uk-trade-2012-05-balances" / "table.html"
    out = tmp_path / "r.html"
    main(["audit", str(page), "--format", "html", "--out", str(out)])
    html = out.read_text()
    assert "0 doubtful, 0 unchecked, 0 consistent figures; 19 numbers not interpreted" in html
    assert "20 unchecked, 0 consistent figures; 0 numbers not interpreted" in html  # the table
