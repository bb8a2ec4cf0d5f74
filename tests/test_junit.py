"""JUnit XML: one test case per check, counts that match the JSON summary, safe text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import audit_rows
from test_html import HOSTILE, bundled_audit, hostile_audit

from tradeaudit.report.json import render_json
from tradeaudit.report.junit import render_junit


def _suite(xml: str) -> ET.Element:
    root = ET.fromstring(xml)
    assert root.tag == "testsuites" and len(root) == 1
    suite = root[0]
    assert suite.tag == "testsuite" and suite.get("name") == "tradeaudit"
    return suite


def _counts_match_the_cases(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases)
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
    assert int(suite.get("skipped")) == sum(c.find("skipped") is not None for c in cases)
    assert suite.get("errors") == "0"


def test_bundled_release(rules):
    a = bundled_audit(rules)
    xml = render_junit(a)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suite = _suite(xml)
    _counts_match_the_cases(suite)
    report = json.loads(render_json(a))
    summary = report["summary"]
    assert int(suite.get("tests")) == summary["checks"]
    assert int(suite.get("failures")) == summary["inconsistent"]
    assert int(suite.get("skipped")) == summary["undecided"]

    cases = {c.get("name").split(":")[0]: c for c in suite.findall("testcase")}
    krw = cases["exp23_krw"]
    assert krw.get("classname") == "total/exports"
    failure = krw.find("failure")
    assert failure.get("type") == "conversion-mismatch"
    assert failure.get("message").startswith("D1 conversion-mismatch: exports (KRW)")
    assert "suggested: 25.39 trillion won (other-rate)" in failure.text
    assert "vol23_mult" not in cases  # its check is the wording warning
    for f in report["figures"]:
        if f["id"] == "vol23_mult":
            continue
        case = cases[f["id"]]
        outcome = {"consistent": None, "inconsistent": "failure", "unchecked": "skipped"}
        assert [child.tag for child in case] == ([outcome[f["status"]]]
                                                 if outcome[f["status"]] else [])
        if f["status"] == "unchecked":
            assert case.find("skipped").get("message") == f["reason"]

    warnings = [c for c in suite.findall("testcase") if c.get("classname") == "warnings"]
    assert sorted(c.get("name").split(":")[0].split()[1] for c in warnings) == [
        "reference-rate-mismatch", "unit-misuse", "wording-mismatch"]
    for c in warnings:
        assert c.find("failure") is None and "warning" in c.find("system-out").text
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["verdict"] == "inconsistent" and props["rules"] == "technology_trade"


def test_deterministic(rules):
    a = bundled_audit(rules)
    assert render_junit(a) == render_junit(a)


def test_consistent_release_has_no_failures(tmp_path, rules):
    a = audit_rows([("e", "2023", "total", "exports", "level", "10.0", "USD_bn"),
                    ("i", "2023", "total", "imports", "level", "8.0", "USD_bn"),
                    ("v", "2023", "total", "volume", "level", "18.0", "USD_bn"),
                    ("g", "2023", "total", "exports", "growth_pct", "5.0", "pct")],
                   tmp_path, rules)
    suite = _suite(render_junit(a))
    _counts_match_the_cases(suite)
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "0", "1")


def test_hostile_labels_and_control_characters(tmp_path, rules):
    a = hostile_audit(tmp_path, rules)
    a.documents[0]["unread"][0]["reason"] = "bell \x07 and ]]> end"
    xml = render_junit(a)
    suite = _suite(xml)  # well-formed
    _counts_match_the_cases(suite)
    names = [c.get("name") for c in suite.findall("testcase")]
    assert any(n.startswith(f"{HOSTILE}: exports level") for n in names)
    assert {c.get("classname") for c in suite.findall("testcase")} == {
        f"industry={HOSTILE}/exports", f"industry={HOSTILE}/imports",
        f"industry={HOSTILE}/volume"}
    assert "<script>" not in xml and "\x07" not in xml
    assert "bell \ufffd and ]]> end" in suite.find("system-out").text
