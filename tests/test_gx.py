"""Great Expectations: the rules as suites, the same verdicts through GE, offline Data Docs.

GE is slow to import (about 6 s) and to validate (about 0.4 s a table), so the property test
keeps to a few small tables. The Data Docs test opens the docs in Debian's chromium under
Playwright with every non-file request aborted (chromium is installed with apt-get when
/usr/bin/chromium is missing; never `playwright install`).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import typing
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, RULES, SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.errors import RulesError, TableError
from tradeaudit.integrations import gx
from tradeaudit.integrations.datadocs import external_assets, offline_html
from tradeaudit.model.rules import POLICIES, RULE_TYPES, load_rules
from tradeaudit.testing import synth

GOODS = ROOT / "expectations" / "goods_trade.json"
SCHEMA = ROOT / "expectations" / "figure_table_schema.json"
SHAPE = synth.Shape(years=2, industries=2, countries=1, crossed=False, keep=0.5)
FACTORS = ("10", "0.1", "-1", "1.1", "1000")
JOINT = "expect_figures_jointly_consistent"
T = typing.TypeVar("T")
# The technology suite's value regex has a group; pandas warns on str.contains with one.
pytestmark = [pytest.mark.gx, pytest.mark.filterwarnings(
    "ignore:This pattern is interpreted as a regular expression:UserWarning")]


@pytest.fixture(scope="module")
def tech_suite():
    return gx.load_suite(RULES)


def _by_rule(result) -> dict[str, bool]:
    """Success per rule expectation, keyed by type (identities by their identity)."""
    out = {}
    for r in result.results:
        cfg = r.expectation_config
        if cfg.type in gx.CLASS_NAMES:
            out[cfg.kwargs.get("identity", cfg.type)] = bool(r.success)
    return out


# ---------------------------------------------------------------- (a) GE = engine

@pytest.mark.slow
@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 100_000),
       error=st.none() | st.tuples(st.integers(0, 10_000), st.sampled_from(FACTORS)))
def test_ge_success_equals_engine_verdicts(tech_suite, rules, seed, error):
    table = synth.release(seed, SHAPE)
    if error is not None:
        table = synth.inject(table, error[0] % len(table), error[1])
    runs = gx.ENGINE_RUNS["count"]
    result = gx.validate_frame(table, tech_suite)
    # One engine run for the whole suite (none when this very table was validated before).
    assert gx.ENGINE_RUNS["count"] - runs <= 1
    audit = gx.run_engine(table, rules)  # fresh, outside GE and its cache
    agreements = gx.compare_with_engine(result, audit)
    assert len(agreements) == 9  # three identities and six other rules
    assert [a for a in agreements if not a.agrees] == []
    # The joint expectation is the verdict, whatever the family map says.
    joint = next(a for a in agreements if a.type == JOINT)
    assert joint.ge_success == (audit.verdict == "consistent")
    # Every error the engine finds is claimed by a failing family expectation.
    claimed = {(d["figure"], d["code"]) for r in result.results
               if r.expectation_config.type in gx.CLASS_NAMES and
               r.expectation_config.type != JOINT and not r.success
               for d in r.result["details"]["failing"]}
    for d in audit.discrepancies:
        if d.severity == "error" and d.code != "joint-inconsistency":
            assert (d.stated["figure"], d.code) in claimed, d
    # The schema expectations hold on every generated table.
    assert all(r.success for r in result.results if r.expectation_config.type not in
               gx.CLASS_NAMES)


def test_bundled_release_fails_exactly_the_families_with_errors(tech_suite):
    result = gx.validate_frame(pd.read_csv(SAMPLE, dtype=str, keep_default_na=False),
                               tech_suite)
    assert not result.success
    by_rule = _by_rule(result)
    failed = {k for k, ok in by_rule.items() if not ok}
    assert failed == {"expect_conversion_consistent", "expect_growth_consistent", JOINT}
    conversion = next(r for r in result.results
                      if r.expectation_config.type == "expect_conversion_consistent")
    assert conversion.result["observed_value"] == (
        "failing: exp23_krw printed 29.3937 billion won, expected 25,389.4–25,390.9 billion won")
    failing = conversion.result["details"]["failing"]
    assert [(d["figure"], d["code"]) for d in failing] == [("exp23_krw", "conversion-mismatch")]


def test_engine_runs_once_per_validation(tech_suite):
    table = synth.release(424242, SHAPE)
    runs = gx.ENGINE_RUNS["count"]
    gx.validate_frame(table, tech_suite)
    assert gx.ENGINE_RUNS["count"] == runs + 1  # seven rule expectations, one engine run
    gx.validate_frame(table, tech_suite)
    assert gx.ENGINE_RUNS["count"] == runs + 1  # the same table again: cached


# ---------------------------------------------------------------- (b) strict loading

def test_every_rule_type_has_a_class_and_every_policy_a_literal():
    assert set(gx.CLASS_NAMES) == set(RULE_TYPES)
    policy = gx.ExpectConversionConsistent.__fields__["policy"].type_
    assert set(typing.get_args(policy)) == set(POLICIES)


def test_ge_alone_drops_unknown_expectation_types_silently():
    """What the guard is for: GE logs and drops an unregistered type, keeping the rest."""
    from great_expectations.core import ExpectationSuite

    suite = ExpectationSuite(name="loose", expectations=[
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "id"}},
        {"type": "expect_flows_to_balance_somehow", "kwargs": {}}])
    assert len(suite.expectations) == 1


def test_strict_loading_rejects_an_unknown_type(tmp_path):
    data = json.loads(RULES.read_text(encoding="utf-8"))
    data["expectations"].append({"type": "expect_flows_to_balance_somehow", "kwargs": {}})
    path = tmp_path / "suite.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RulesError, match="expect_flows_to_balance_somehow"):
        gx.load_suite(path)
    # The GE side on its own (a type the engine's loader never sees) is just as strict.
    with pytest.raises(RulesError, match="expect_flows_to_balance_somehow"):
        gx.suite_from_dict(data, str(path))


@pytest.mark.parametrize("exp", [
    {"type": "expect_flow_identity", "kwargs": {"identity": "volume is exports and imports"}},
    {"type": "expect_flow_identity", "kwargs": {}},
    {"type": "expect_conversion_consistent", "kwargs": {"policy": "weekly"}},
    {"type": "expect_growth_consistent", "kwargs": {"stats": ["share_pct"]}},
])
def test_strict_loading_rejects_bad_kwargs(exp):
    with pytest.raises(RulesError, match=exp["type"]):
        gx.suite_from_dict({"name": "bad", "expectations": [exp]}, "bad.json")


@pytest.mark.parametrize("path", [RULES, GOODS, SCHEMA])
def test_bundled_suites_load_whole_in_both_readers(path):
    load_rules(path)
    suite = gx.load_suite(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [e.expectation_type for e in suite.expectations] == [
        e["type"] for e in data["expectations"]]
    for e in suite.expectations:
        if e.expectation_type in gx.CLASS_NAMES:
            assert type(e).__name__ == gx.CLASS_NAMES[e.expectation_type]
            assert e.rules == str(path.resolve())


# ---------------------------------------------------------------- (c) goods trade

GOODS_COLUMNS = ["id", "period", "segment", "flow", "stat", "value", "unit", "base"]
GOODS_ROWS = [  # June 2025, year on year, with a conversion at about 1,380 won per dollar
    ("exp", "2025-06", "total", "exports", "level", "58.2", "USD_bn", ""),
    ("imp", "2025-06", "total", "imports", "level", "48.9", "USD_bn", ""),
    ("bal", "2025-06", "total", "balance", "level", "9.3", "USD_bn", ""),
    ("exp_prev", "2024-06", "total", "exports", "level", "56.0", "USD_bn", ""),
    ("exp_g", "2025-06", "total", "exports", "growth_pct", "3.9", "pct", ""),
    ("exp_chg", "2025-06", "total", "exports", "change", "2.2", "USD_bn", ""),
    ("us_exp", "2025-06", "country=US", "exports", "level", "10.5", "USD_bn", ""),
    ("us_share", "2025-06", "country=US", "exports", "share_pct", "18.0", "pct", "total"),
    ("cn_exp", "2025-06", "country=CN", "exports", "level", "9.8", "USD_bn", ""),
    ("us_rank", "2025-06", "country=US", "exports", "rank", "1", "rank", "country"),
    ("exp_krw", "2025-06", "total", "exports", "level", "80.3", "KRW_tn", ""),
    ("imp_krw", "2025-06", "total", "imports", "level", "67.5", "KRW_tn", ""),
]


def _goods(tmp_path: Path, **changes: tuple[str, str]) -> Path:
    frame = pd.DataFrame(GOODS_ROWS, columns=GOODS_COLUMNS)
    for fid, (column, value) in changes.items():
        frame.loc[frame["id"] == fid, column] = value
    path = tmp_path / "goods-2025-06.csv"
    frame.to_csv(path, index=False)
    return path


def test_goods_suite_passes_a_clean_monthly_table(tmp_path):
    ok, run = gx.run_checkpoint([_goods(tmp_path)], GOODS, None)
    assert ok, [r.result for r in run.validation.results if not r.success]
    assert run.index is None and run.pages == []
    types = {r.expectation_config.type for r in run.validation.results}
    assert "expect_column_values_to_match_regex" in types  # monthly periods are allowed


def test_goods_suite_takes_periods_in_the_unnamed_year(tmp_path):
    """Y-06 and Y-1-06 (contract 1: the year a document does not name) match the suite's
    period regex and reconcile as 2025-06 and 2024-06 do; a bad form fails it."""
    unnamed = {fid: ("period", "Y-06") for fid, period, *_ in GOODS_ROWS if period == "2025-06"}
    ok, run = gx.run_checkpoint([_goods(tmp_path, exp_prev=("period", "Y-1-06"), **unnamed)],
                                GOODS, None)
    assert ok, [r.result for r in run.validation.results if not r.success]
    with pytest.raises(TableError, match="column 'period'.*'Y-10-06'"):
        gx.run_checkpoint([_goods(tmp_path, exp_prev=("period", "Y-10-06"), **unnamed)], GOODS,
                          None)


@pytest.mark.parametrize(("change", "fails"), [
    ({"bal": ("value", "-9.3")}, "balance = exports - imports"),
    ({"imp_krw": ("unit", "KRW_bn")}, "expect_conversion_consistent"),
    ({"exp_g": ("value", "9.3")}, "expect_growth_consistent"),
    ({"us_share": ("value", "81.0")}, "expect_share_consistent"),
    ({"exp": ("value", "-58.2")}, "expect_flows_nonnegative"),
])
def test_goods_suite_fails_an_error_in_its_family(tmp_path, change, fails):
    ok, run = gx.run_checkpoint([_goods(tmp_path, **change)], GOODS, None)
    assert not ok
    by_rule = _by_rule(run.validation)
    assert not by_rule[fails] and not by_rule[JOINT]
    audit = gx.run_engine(pd.read_csv(_goods(tmp_path, **change), dtype=str,
                                      keep_default_na=False), load_rules(GOODS))
    assert all(a.agrees for a in gx.compare_with_engine(run.validation, audit))


def test_goods_rules_are_not_the_technology_rules(tmp_path):
    """A trade volume is outside the goods vocabulary: the loader refuses the table (exit 2),
    and GE's own flow expectation fails on it too."""
    path = _goods(tmp_path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[len(frame)] = ["vol", "2025-06", "total", "volume", "level", "107.1", "USD_bn",
                             ""]
    frame.to_csv(path, index=False)
    with pytest.raises(TableError, match="unknown flow"):
        gx.run_checkpoint([path], GOODS, None)
    result = gx.validate_frame(frame, gx.load_suite(GOODS))
    flow = next(r for r in result.results if r.expectation_config.kwargs.get("column") == "flow"
                and r.expectation_config.type == "expect_column_values_to_be_in_set")
    assert not flow.success
    joint = next(r for r in result.results if r.expectation_config.type == JOINT)
    assert not joint.success and "cannot be audited" in joint.result["observed_value"]


# ---------------------------------------------------------------- (d) Data Docs offline

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "reports" / "screenshots"


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's chromium, installed with apt-get if missing; Playwright must be importable."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("the Data Docs test needs the `playwright` package; never run "
                    f"`playwright install`: it uses Debian's {CHROMIUM}", pytrace=False)
    if not CHROMIUM.exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800,
                               check=False)
            if r.returncode:
                pytest.fail(f"cannot install chromium: `{' '.join(cmd)}` exited "
                            f"{r.returncode}: {(r.stderr or r.stdout)[-2000:]}", pytrace=False)
    return CHROMIUM


def in_own_thread(fn: Callable[[], T]) -> T:
    """Run Playwright's sync API in a thread of its own: one sync Playwright per thread, so
    this works beside another test module's session-wide browser."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> tuple[Path, gx.CheckpointRun, str]:
    """Data Docs of the bundled release, built as `tradeaudit audit --data-docs DIR` does."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.read.table import load_tables

    site = tmp_path_factory.mktemp("data-docs")
    rules = load_rules(RULES)
    out = io.StringIO()
    run = gx.data_docs([SAMPLE], RULES, site, audit=audit(
        load_tables([SAMPLE], rules.flows, rules.ratio_flows), rules), out=out)
    return site, run, out.getvalue()


def test_data_docs_reference_no_external_asset(docs):
    site, run, said = docs
    assert run.index == site / "index.html" and run.index.is_file()
    assert len(run.pages) >= 3  # index, the suite, the validation result
    assert external_assets(site) == []
    assert "11 of 14 expectations met" in said and "warning" not in said


def test_a_second_run_keeps_the_first_and_names_asset_suite_and_run(docs, tmp_path):
    import shutil

    site = tmp_path / "docs"
    shutil.copytree(docs[0], site)
    r = subprocess.run([sys.executable, "-m", "tradeaudit", "audit", "--data-docs", str(site)],
                       cwd=ROOT, capture_output=True, text=True, check=False)
    assert r.returncode == 1
    assert [line for line in r.stderr.splitlines() if not line.startswith("tradeaudit:")] == []
    pages = sorted(site.glob("validations/**/*.html"))
    assert len(pages) == 2, pages  # the fixture's run and this one
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "__none__" not in index and index.count('<span class="ge-status">Failed</span>') == 2
    assert "technology-trade-2023.csv</a>" in index and "technology_trade" in index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Data asset: technology-trade-2023.csv" in text and "Data asset: None" not in text


def test_offline_html_strips_cdn_assets():
    page = ('<html><head><script src="https://code.jquery.com/jquery.js"></script>'
            '<link rel="stylesheet" href="//cdn.example/b.css"><style>a{background:'
            "url('https://x.example/full_logo_dark.png')}</style><script>$(function(){});"
            '</script></head><body><img src="https://x.example/logo-long.png?d=1"></body>'
            "</html>")
    out = offline_html(page, "../")
    assert "https:" not in out and "//cdn" not in out and "$(function" not in out
    assert '<img src="../static/images/logo-long.png">' in out
    assert "url('../static/images/logo-long.png')" in out


def _browse_docs(site: Path) -> dict:
    """Open the Data Docs with every non-file request aborted; what a reader sees."""
    from playwright.sync_api import sync_playwright

    seen: dict = {"requested": [], "errors": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda r: seen["requested"].append(r.url))
        page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            "file://") else route.abort())
        page.goto((site / "index.html").as_uri())
        # The index's rows are static now; the validation result is one click away.
        page.locator("table.ge-index-page-validation-results-table tbody tr").first.locator(
            "a").first.click()
        page.wait_for_load_state()
        seen["url"] = page.url
        row = page.locator("tr", has_text="amounts in other currencies convert").first
        passing = page.locator("tr", has_text="volume = exports + imports holds").first
        seen["row_visible"], seen["row_text"] = row.is_visible(), row.inner_text()
        seen["row_failed"] = row.locator(".fa-times").count()
        seen["passing_visible"] = passing.is_visible()
        page.get_by_text("Failed Only").click()  # GE's filter, served by the offline script
        seen["after_filter"] = (passing.is_visible(), row.is_visible())
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "gx-data-docs.png"), full_page=True)
        page.goto(next(site.glob("expectations/*.html")).as_uri())
        seen["suite_text"] = page.inner_text("body")
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        seen["phone_widths"] = []
        for path in [site / "index.html", *site.glob("validations/**/*.html")]:
            phone.goto(path.as_uri())
            seen["phone_widths"].append(phone.evaluate("document.documentElement.scrollWidth"))
        browser.close()
    return seen


@pytest.mark.browser
def test_data_docs_show_the_won_conversion_offline(docs, chromium):
    site, _, _ = docs
    seen = in_own_thread(lambda: _browse_docs(site))
    assert "/validations/" in seen["url"]
    assert seen["row_visible"] and seen["row_failed"] >= 1
    text = seen["row_text"]
    assert "exp23_krw" in text and "29.3937" in text and "25,389.4–25,390.9" in text
    assert seen["passing_visible"]
    assert seen["after_filter"] == (False, True)  # "Failed Only" hides what passed
    assert "volume = exports + imports holds for every period and segment" in \
        seen["suite_text"]
    assert [u for u in seen["requested"] if not u.startswith("file://")] == []
    assert seen["errors"] == []
    assert max(seen["phone_widths"]) <= 390  # wide tables scroll in their own box


# ---------------------------------------------------------------- (e) unannounced revisions

VINTAGES = ROOT / "tests" / "vintages"
DECLARED = "2023-02,2024-01..2024-12"  # (as tests/test_revisions.py declares them)
PAIR_HEAD = "id,period,segment,flow,stat,value,unit\n"
PAIR_OLD = ("x2301,2023-01,total,exports,level,9.0,USD_bn\n"
            "x2401,2024-01,total,exports,level,10.0,USD_bn\n"
            "m2401,2024-01,total,imports,level,7.0,USD_bn\n")
# Renumbered; 2023-01 exports revised 9.0 -> 9.4, 2024-01 imports only reprinted more finely.
PAIR_NEW = ("e1,2023-01,total,exports,level,9.4,USD_bn\n"
            "e2,2024-01,total,exports,level,10.0,USD_bn\n"
            "i2,2024-01,total,imports,level,7.02,USD_bn\n")


def _revision_result(frame: pd.DataFrame, previous: list, declared: str = ""):
    """The result of expect_no_unannounced_revisions alone on `frame` (no engine run)."""
    suite = gx.with_revisions(gx.suite_from_dict({"name": "revisions", "expectations": []}),
                              previous, declared)
    (result,) = gx.validate_frame(frame, suite).results
    assert result.expectation_config.type == gx.REVISIONS_TYPE
    return result


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """A previous vintage (a file) and a new one (the batch) with one revision, in 2023-01."""
    where = tmp_path_factory.mktemp("pair")
    (where / "old.csv").write_text(PAIR_HEAD + PAIR_OLD, encoding="utf-8")
    return where / "old.csv", pd.read_csv(io.StringIO(PAIR_HEAD + PAIR_NEW), dtype=str)


def test_an_unannounced_revision_fails_and_names_its_cell(pair):
    old, new = pair
    result = _revision_result(new, [old], "2024-01..2024-12")
    assert not result.success and not result.exception_info.get("raised_exception")
    (cell,) = result.result["details"]["unannounced"]
    assert {k: cell[k] for k in ("figure", "previous_figure", "period", "segment", "flow",
                                 "stat", "before", "after", "class")} == {
        "figure": "e1", "previous_figure": "x2301", "period": "2023-01", "segment": "total",
        "flow": "exports", "stat": "level", "before": {"printed": "9.0", "unit": "USD_bn"},
        "after": {"printed": "9.4", "unit": "USD_bn"}, "class": "revision"}
    assert result.result["observed_value"] == (
        "failing: 1 unannounced: e1 exports (USD), total, 2023-01: $9.0 billion \u2192 "
        "$9.4 billion [revision]")
    assert result.expectation_config.severity == "warning"  # --strict-revisions: critical


@pytest.mark.parametrize("declared", ["2023-01", "2023", "2022..2024-12"])
def test_an_announced_revision_passes(pair, declared):
    old, new = pair
    result = _revision_result(new, [str(old)], declared)
    assert result.success, result.result
    assert result.result["details"]["counts"]["revision"] == 1
    assert result.result["observed_value"].startswith("holds: 3 figures printed in both "
                                                      "releases, 1 revised beyond rounding")


def test_a_revised_column_announces_the_figure_it_flags(pair):
    old, new = pair
    flagged = new.assign(revised=["yes", "", ""])
    assert _revision_result(flagged, [old]).success
    assert not _revision_result(new, [old]).success  # nothing declared: unannounced


def test_the_expectation_fails_exactly_on_the_audits_unannounced_revisions(rules):
    """The hand-made vintages of tests/test_revisions.py: the cells GE lists are those of the
    audit's `unannounced-revision` findings, a scale change among them."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.audit.revisions import vintage_frame
    from tradeaudit.audit.vintages import with_previous
    from tradeaudit.read.previous import load_vintage
    from tradeaudit.read.table import load_tables

    new_frame = pd.read_csv(VINTAGES / "new.csv", dtype=str, keep_default_na=False)
    result = _revision_result(new_frame, [VINTAGES / "old.csv"], DECLARED)
    listed = {(x["figure"], x["class"]) for x in result.result["details"]["unannounced"]}
    assert listed == {("a10", "revision"), ("a11", "scale-change")}
    new = load_tables([VINTAGES / "new.csv"], rules.flows, rules.ratio_flows)
    old, inputs = load_vintage([VINTAGES / "old.csv"], rules, Path("unused"))
    found = with_previous(audit(new, rules), old, vintage_frame(new.frame), inputs, DECLARED)
    assert {x for x, _ in listed} == {d.stated["figure"] for d in found.discrepancies
                                      if d.code == "unannounced-revision"}


def test_a_corrupt_previous_state_fails_with_one_clear_message(pair, tmp_path, rules):
    from tradeaudit.read.previous import load_vintage
    from tradeaudit.read.state import save_state

    old, new = pair
    state = tmp_path / "old.state"
    frame, inputs = load_vintage([old], rules, Path("unused"))
    save_state(state, frame, inputs, "")
    state.write_bytes(state.read_bytes()[:200])  # truncated
    result = _revision_result(new, [state])
    assert not result.success and not result.exception_info.get("raised_exception")
    said = result.result["observed_value"]
    assert said.startswith("the revisions cannot be checked: the previous release cannot be "
                           f"read: {state}: ") and "\n" not in said and "Traceback" not in said
    missing = _revision_result(new, [tmp_path / "gone.state"]).result["observed_value"]
    assert missing.endswith(f"{tmp_path / 'gone.state'}: no such file")


def test_unreadable_revised_periods_are_a_rules_error(pair):
    with pytest.raises(RulesError, match=r"invalid kwargs: .*2024-13"):
        gx.with_revisions(gx.suite_from_dict({"name": "r", "expectations": []}), [pair[0]],
                          "2024-13")


@pytest.mark.slow  # (two checkpoint runs and Data Docs builds: about 7 s)
def test_audit_previous_data_docs_adds_the_expectation(tmp_path, capsys):
    from tradeaudit.cli import main

    site = tmp_path / "docs"
    assert main(["audit", str(VINTAGES / "new.csv"), "--previous", str(VINTAGES / "old.csv"),
                 "--revised-periods", DECLARED, "--strict-revisions", "--format", "json",
                 "--out", str(tmp_path / "r.json"), "--data-docs", str(site)]) == 1
    assert "12 of 15 expectations met" in capsys.readouterr().err
    (saved,) = site.glob("validation_results/**/*.json")
    (kept,) = [r for r in json.loads(saved.read_text(encoding="utf-8"))["results"]
               if r["expectation_config"]["type"] == gx.REVISIONS_TYPE]
    assert not kept["success"] and kept["expectation_config"]["severity"] == "critical"
    (page,) = site.glob("validations/**/*.html")
    text = page.read_text(encoding="utf-8")
    assert "Unannounced revisions" in text and "$9250 billion" in text
    assert "revised beyond both printings' precision outside the periods declared " \
           f"revised ({DECLARED})" in text
    # A previous state that cannot be read: a warning, and the suite without the expectation
    # (the audit, too, runs without a previous vintage).
    state = tmp_path / "old.state"
    state.write_bytes(b"PAR1 not a state")
    assert main(["audit", str(VINTAGES / "new.csv"), "--previous", str(state), "--format",
                 "json", "--out", str(tmp_path / "r.json"), "--data-docs", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"tradeaudit: warning: {state}: " in err and "Traceback" not in err
    assert "12 of 14 expectations met" in err


def test_gx_is_not_imported_by_the_cli_start_up():
    code = ("import sys, tradeaudit.cli, tradeaudit.audit.engine, tradeaudit.integrations.gx; "
            "print('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
