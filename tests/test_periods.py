"""Periods of contract 1, with the unnamed year Y (issue 19): a document that speaks of a
year it does not name is checked within itself, exactly as if the year were named, and Y is
related to no named year."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import SAMPLE, audit_frame, audit_rows, status
from test_hierarchy import MONTHS, PERIODS, QUARTERS, _codes, _set, suite

from tradeaudit.audit.engine import audit
from tradeaudit.audit.revisions import declared, parse_periods
from tradeaudit.cli import main
from tradeaudit.data import FX_RATES
from tradeaudit.model.periods import PERIOD, PERIOD_REGEX, shift
from tradeaudit.model.rates import load_rates
from tradeaudit.read.table import load_tables

NAMED = {"2023": "Y", "2022": "Y-1"}


def _unnamed(text: str) -> str:
    """The bundled release's labels with 2023 as Y and 2022 as Y-1."""
    return re.sub(r"\b(2023|2022)\b", lambda m: NAMED[m.group(1)], text)


def _sample() -> pd.DataFrame:
    """The bundled release without its 2013 figures (ten years back: Y-10 is not a period)."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    return frame[(frame["period"] != "2013") & (frame["base"] != "2013")]


def _findings(a) -> tuple:
    """What an audit found, with its labels written in the unnamed year."""
    found = [(d.code, d.severity, _unnamed(d.relation), d.figures, d.stated, d.expected,
              d.suspects) for d in a.discrepancies]
    blamed = [(s.figure, round(s.score, 9), s.expected,
               s.suggestion and (s.suggestion.printed, s.suggestion.cause)) for s in a.suspects]
    figures = a.figures[["id", "status", "low", "high"]].to_dict("records")
    return found, blamed, figures, a.counts


def test_a_table_in_the_unnamed_year_audits_as_in_named_years(tmp_path, rules):
    named = _sample()
    unnamed = named.assign(period=named["period"].map(_unnamed))
    assert set(unnamed["period"]) == {"Y", "Y-1"}
    a, b = (audit_frame(f, tmp_path, rules) for f in (named, unnamed))
    assert a.verdict == "inconsistent" and len(a.discrepancies) >= 2
    assert _findings(a) == _findings(b)
    assert [_unnamed(d.message) for d in a.discrepancies] == [d.message for d in b.discrepancies]


def test_months_of_the_unnamed_year_sum_to_its_quarters_and_year(tmp_path):
    rules = suite(tmp_path, PERIODS)
    rows = [(r[0], r[1].replace("2024", "Y"), *r[2:]) for r in MONTHS + QUARTERS]
    assert audit_rows(rows, tmp_path, rules).verdict == "consistent"
    a = audit_rows(_set(rows, "m5", "51.0"), tmp_path, rules)
    assert _codes(a) == {"period-sum-mismatch"}
    assert (a.suspects[0].figure, a.suspects[0].suggestion.printed) == ("m5", "15.0")


def test_the_unnamed_year_is_related_to_no_named_year(tmp_path):
    rules = suite(tmp_path, PERIODS)
    # 2024's months contradict a year of 98.0; Y's months are not 2024's
    year = [_set(QUARTERS, "y", "98.0")[-1]]
    assert audit_rows(MONTHS + year, tmp_path, rules).verdict == "inconsistent"
    rows = [(r[0], r[1].replace("2024", "Y"), *r[2:]) for r in MONTHS]
    assert audit_rows(rows + year, tmp_path, rules).verdict != "inconsistent"
    # growth of Y on the year before (Y-1), never on 2023
    rows = [("y", "Y", "total", "exports", "level", "110", "USD_bn"),
            ("g", "Y", "total", "exports", "growth_pct", "10.0", "pct"),
            ("p", "2023", "total", "exports", "level", "50", "USD_bn")]
    assert status(audit_rows(rows, tmp_path, rules))["g"] == "unchecked"
    rows[2] = ("p", "Y-1", "total", "exports", "level", "50", "USD_bn")
    assert _codes(audit_rows(rows, tmp_path, rules)) == {"growth-mismatch"}


@pytest.mark.parametrize(("period", "base"), [
    ("Y", "2023"), ("2024", "Y-1"), ("Y-06", "2024-05")])
def test_a_base_across_the_unnamed_and_a_named_year_is_one_error_line(tmp_path, capsys,
                                                                      period, base):
    path = tmp_path / "t.csv"
    path.write_text("id,period,segment,flow,stat,value,unit,base\n"
                    f"m,{period},total,exports,multiple,2,times,{base}\n"
                    f"g,{period},total,exports,growth_pct,2,pct,{base}\n")
    assert main(["audit", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "column 'base'" in err[0]
    assert "unnamed year" in err[0]


@pytest.mark.parametrize("period", ["Y-0", "Y-13", "Y-10-06", "Y-1-1", "y", "Y-H3", "YY"])
def test_a_bad_form_of_the_unnamed_year_is_one_error_line(tmp_path, capsys, period):
    path = tmp_path / "t.csv"
    path.write_text("id,period,segment,flow,stat,value,unit\n"
                    f"a,{period},total,exports,level,1,USD_bn\n")
    assert main(["audit", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    assert f"{path}:2: column 'period'" in err[0] and period in err[0] and "Y-1" in err[0]


@pytest.mark.parametrize(("period", "year_part"), [
    ("Y", "Y"), ("Y-1", "Y-1"), ("Y-12", "Y"), ("Y-1-12", "Y-1"), ("Y-2-06", "Y-2"),
    ("Y-H1", "Y"), ("Y-9-Q4", "Y-9"), ("2023-06", "2023")])
def test_the_forms_of_a_period(period, year_part):
    assert PERIOD.match(period).group(1) == year_part
    assert re.match(PERIOD_REGEX, period)


def test_a_year_back():
    assert [shift(p, -1) for p in ("Y", "Y-H1", "Y-12", "Y-1-06", "2023-Q2")] == \
        ["Y-1", "Y-1-H1", "Y-1-12", "Y-2-06", "2022-Q2"]
    assert shift("Y-9-06", -1) == "Y~10-06"  # an unknown only: no period, no month of Y


def test_the_rules_suites_accept_the_periods_contract_1_does():
    import json

    from tradeaudit.data import RULES_DIR
    for path in RULES_DIR.glob("*.json"):
        for e in json.loads(path.read_text())["expectations"]:
            if e["kwargs"].get("column") == "period" and "regex" in e["kwargs"]:
                assert e["kwargs"]["regex"] == PERIOD_REGEX, path.name


def test_an_unnamed_year_has_no_reference_rate(tmp_path, rules):
    frame = _sample()
    frame = frame.assign(period=frame["period"].map(_unnamed))
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    a = audit(load_tables([path], rules.flows, rules.ratio_flows), rules,
              load_rates(FX_RATES), "annual")
    assert a.conversions and all(c["reference"] is None for c in a.conversions)
    assert all("does not name" in c["note"] for c in a.conversions)
    assert not any(d.code == "reference-rate-mismatch" for d in a.discrepancies)
    assert not any("1305" in d.message or "1,305" in d.message for d in a.discrepancies)


def test_revised_periods_in_the_unnamed_year():
    spans = parse_periods("Y-1-07..Y-H1")
    assert declared("Y-06", spans) and declared("Y-1-Q4", spans)
    assert not declared("Y-07", spans) and not declared("2023-06", spans)
    with pytest.raises(ValueError, match="unnamed"):
        parse_periods("2023..Y")


def test_a_report_says_once_what_y_stands_for(tmp_path, rules):
    from tradeaudit.report.html import render_html
    from tradeaudit.report.text import render_markdown, render_text

    named = _sample()
    a, b = (audit_frame(f, tmp_path, rules) for f in
            (named, named.assign(period=named["period"].map(_unnamed))))
    for render in (render_text, render_markdown, render_html):
        assert render(b).count("Y stands for the year the document") == 1
        assert "Y stands for" not in render(a)
