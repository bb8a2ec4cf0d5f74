"""Issue 21: coverage is part of the verdict, counts agree across formats, suspects and
unchecked figures say why."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache

import pytest
from conftest import ROOT

from tradeaudit.cli import audited, main, parse_args
from tradeaudit.report.html import render_html
from tradeaudit.report.json import render_json
from tradeaudit.report.junit import render_junit
from tradeaudit.report.text import render_markdown, render_text

RELEASES = ROOT / "tests" / "releases"
CORPUS = ROOT / "tests" / "corpus"
FIXTURES = ([None, "data/technology-trade-2023.txt"] +
            [str(p.relative_to(ROOT)) for p in sorted(RELEASES.glob("*.txt"))] +
            # (cheap ones: an ambiguous reading, a wording warning, all consistent, no figure)
            [f"tests/corpus/{c}/article.txt" for c in (
                "en/xinhua-korea-exports-2024-record", "en/yonhap-korea-exports-to-japan-2020",
                "zh/mofcom-japan-trade-2015-h1", "de/destatis-trade-2010-09")])
COUNTS = re.compile(r"checked (\d+) of (\d+) figures \(\d+%\): (\d+) consistent, (\d+) "
                    r"inconsistent, (\d+) doubtful; (\d+) unchecked; (\d+) warnings?")


@cache
def _audit(path: str | None):
    return audited(parse_args(["audit"] + ([str(ROOT / path)] if path else [])))[0]


def _cli(tmp_path, monkeypatch, capsys, *argv) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)
    code = main(["audit", *map(str, argv)])
    return code, capsys.readouterr().out


def test_a_text_whose_figures_determine_nothing_is_unchecked(tmp_path, monkeypatch, capsys):
    text = tmp_path / "two.txt"
    text.write_text("Exports rose 5.0% to $120.0 billion in 2023. Imports were $80.5 billion.\n")
    code, out = _cli(tmp_path, monkeypatch, capsys, text)
    assert code == 3
    assert "UNCHECKED: checked 0 of 3 figures (0%)" in out
    code, out = _cli(tmp_path, monkeypatch, capsys, text, "--format", "json")
    summary = json.loads(out)["summary"]
    assert code == 3 and summary["verdict"] == "unchecked"
    assert summary["checked"] == 0 and summary["unchecked"] == summary["undecided"] == 3


def test_rules_that_check_nothing_do_not_pass(tmp_path, monkeypatch, capsys):
    table = tmp_path / "t.csv"
    rows = [f"f{i},{2012 + i // 3},total,{flow},level,{value},USD_bn"
            for i, (flow, value) in enumerate([("exports", "10.0"), ("imports", "8.0"),
                                               ("balance", "2.0")] * 4)]
    table.write_text("id,period,segment,flow,stat,value,unit\n" + "\n".join(rows) + "\n")
    code, out = _cli(tmp_path, monkeypatch, capsys, table)
    assert code == 0 and "checked 12 of 12 figures (100%)" in out
    code, out = _cli(tmp_path, monkeypatch, capsys, table, "--rules",
                     ROOT / "expectations" / "figure_table_schema.json")
    assert code == 3 and out.splitlines()[1].startswith("UNCHECKED: checked 0 of 12 figures")


def test_a_text_without_trade_figures_is_read_not_refused(tmp_path, monkeypatch, capsys):
    text = tmp_path / "fx.txt"
    text.write_text("2019년 연평균 원·달러 환율은 1달러당 1,165.7원으로 전년보다 65.1원 올랐다.\n",
                    encoding="utf-8")
    code, out = _cli(tmp_path, monkeypatch, capsys, text)
    assert code == 3 and "UNCHECKED: no figure to check was found" in out
    assert "Numbers not interpreted" in out
    code, out = _cli(tmp_path, monkeypatch, capsys, text, "--format", "junit")
    assert code == 3 and '<property name="verdict" value="unchecked" />' in out
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01 exports")
    assert main(["audit", str(binary)]) == 2  # unreadable input is still an input error


def test_min_checked_fails_a_run_with_less_coverage(tmp_path, monkeypatch, capsys):
    clean = RELEASES / "en_goods_clean.txt"  # 4 of 6 figures checked
    assert _cli(tmp_path, monkeypatch, capsys, clean, "--min-checked", "60")[0] == 0
    code, out = _cli(tmp_path, monkeypatch, capsys, clean, "--min-checked", "70")
    assert code == 3 and "UNCHECKED: checked 4 of 6 figures (66%), fewer than --min-checked " \
        "70%" in out
    # An error found is an error, whatever the coverage.
    assert _cli(tmp_path, monkeypatch, capsys, RELEASES / "en_goods_sign.txt",
                "--min-checked", "99")[0] == 1
    with pytest.raises(SystemExit) as e:
        main(["audit", "--min-checked", "101"])
    assert e.value.code == 2


@pytest.mark.parametrize("path", FIXTURES)
def test_counts_agree_across_formats(path):
    a = _audit(path)
    report = json.loads(render_json(a))
    s = report["summary"]
    statuses = Counter(f["status"] for f in report["figures"])
    for k in ("consistent", "inconsistent", "doubtful", "unchecked"):
        assert statuses[k] == s[k], k
    assert s["checked"] == s["consistent"] + s["inconsistent"] + s["doubtful"]
    assert s["figures"] == s["checked"] + s["unchecked"] and s["undecided"] == s["unchecked"]
    expect = (s["checked"], s["figures"], s["consistent"], s["inconsistent"], s["doubtful"],
              s["unchecked"], s["warnings"])
    for text in (render_text(a), render_markdown(a).lower()):
        found = COUNTS.search(text)
        if s["figures"]:
            assert found and tuple(map(int, found.groups())) == expect
        else:
            assert "no figure to check was found" in text
    suite = ET.fromstring(render_junit(a)).find("testsuite")
    assert int(suite.get("failures")) == s["inconsistent"] == len(suite.findall(".//failure"))
    assert int(suite.get("skipped")) == s["unchecked"] == len(suite.findall(".//skipped"))
    assert int(suite.get("tests")) == s["checks"] == len(suite.findall("testcase"))
    page = render_html(a)
    tiles = dict(re.findall(r"<dt>(\w+)</dt><dd>(\d+)</dd>", page))
    buttons = dict(re.findall(r'data-filter="(\w+)" aria-pressed="\w+">\w+ <span class="n">'
                              r"(\d+)</span>", page))
    rows = Counter(re.findall(r'<tr id="[^"]*" class="row-(\w+)"', page))
    for k in ("consistent", "inconsistent", "doubtful", "unchecked"):
        assert int(tiles[k.capitalize()]) == int(buttons[k]) == rows[k] == s[k], k
    assert int(tiles["Checked"]) == s["checked"] and int(tiles["Warnings"]) == s["warnings"]


def test_an_ambiguous_reading_is_doubtful_and_counted_once():
    report = json.loads(render_json(_audit(FIXTURES[-4])))
    ambiguous = {d["stated"]["figure"] for d in report["discrepancies"]
                 if d["code"] == "ambiguous-reading"}
    assert ambiguous and report["summary"]["inconsistent"] == 0
    assert {f["id"] for f in report["figures"] if f["status"] == "doubtful"} >= ambiguous


def test_doubtful_figures_are_warnings_not_errors():
    s = json.loads(render_json(_audit(None)))
    assert s["summary"]["doubtful"] == 1 and s["summary"]["inconsistent"] == 2
    doubtful = [f for f in s["figures"] if f["status"] == "doubtful"]
    assert [f["id"] for f in doubtful] == ["vol23_mult"]
    assert {d["stated"]["figure"] for d in s["discrepancies"]
            if d["severity"] == "warning"} >= {"vol23_mult"}


@pytest.mark.parametrize("path", ["tests/releases/ko_segment_error.txt",
                                  "tests/releases/en_unit.txt",
                                  "tests/releases/ko_conversion.txt"])
def test_every_suspect_has_a_suggestion_or_a_reason(path):
    suspects = json.loads(render_json(_audit(path)))["suspects"]
    assert suspects
    for sp in suspects:
        assert (sp["suggestion"] and sp["suggestion"]["printed"]) or sp["no_suggestion"], sp
        assert sp["likelihood"] in ("very likely", "likely", "possibly", "less likely")
    text = render_text(_audit(path))
    assert all(f"{sp['figure']}: {sp['likelihood']} wrong (score " in text
               for sp in suspects[:5])


def test_an_alternative_suspect_gets_the_correction_its_diagnosis_needs():
    suspects = {s["figure"]: s for s in json.loads(render_json(
        _audit("tests/releases/ko_segment_error.txt")))["suspects"]}
    imports = suspects["ko_segment_error:1:3"]  # 56.8 = 68.1 - 13.21 would need 54.89
    assert imports["likelihood"] in ("possibly", "less likely")
    assert 54.8 <= imports["expected"]["low"] <= imports["expected"]["high"] <= 55.0
    assert imports["suggestion"]["printed"] in ("54.8", "54.9")


def test_the_text_report_gives_the_reasons_for_unchecked_figures():
    out = render_text(_audit("data/technology-trade-2023.txt"))
    assert "see the JSON report" not in out
    block = out.split("Not checked (27 figures):\n", 1)[1].splitlines()
    assert all(": " in line for line in block[:10])
    assert block[10].startswith("  ... and 17 more")


def test_a_figure_left_unchecked_by_a_blamed_one_says_so():
    a = _audit("tests/releases/ko_segment_error.txt")
    reason = a.figures.set_index("id").loc["ko_segment_error:1:1", "reason"]  # exports
    assert reason.startswith("ko_segment_error:3:5 is set aside as contradicting the others")


def test_a_page_that_checked_nothing_does_not_say_all_clear(tmp_path):
    text = tmp_path / "two.txt"
    text.write_text("Exports rose 5.0% to $120.0 billion in 2023. Imports were $80.5 billion.\n")
    page = render_html(audited(parse_args(["audit", str(text)]))[0])
    assert "No relation between the figures could be checked" in page
    assert "reconciles at the printed precision" not in page
    assert "verdict-unchecked" in page and "Checked 0 of 3 figures" in page
