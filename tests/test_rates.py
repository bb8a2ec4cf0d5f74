"""Conversions against reference exchange rates (policies, missing and conflicting years)."""

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import COLUMNS, ROOT, SAMPLE, status

from tradeaudit.audit.engine import audit
from tradeaudit.cli import main
from tradeaudit.model.rates import load_rates
from tradeaudit.read.table import load_tables

REFERENCE = ROOT / "data" / "reference" / "krw_usd_annual_average.csv"


@pytest.fixture(scope="module")
def rates():
    return load_rates(REFERENCE)


def _audit(rows, tmp_path, rules, rates, policy, date=""):
    path = tmp_path / "t.csv"
    full = [tuple(r) + ("",) * (len(COLUMNS) - len(r)) for r in rows]
    pd.DataFrame(full, columns=COLUMNS).to_csv(path, index=False)
    return audit(load_tables([path], rules.flows, rules.ratio_flows), rules, rates, policy, date)


def test_reference_table_reads_missing_and_conflicting(rates):
    ok, why = rates.lookup("KRW", "USD", "2023")
    assert ok.printed == "1305.41" and "Maeil" in ok.source and why == ""
    none, why = rates.lookup("KRW", "USD", "2017")
    assert none is None and "no reference" in why
    none, why = rates.lookup("KRW", "USD", "2020")
    assert none is None and "conflicting" in why and "1180.20" in why


def test_bundled_release_states_the_rate_and_warns(rules, rates):
    a = audit(load_tables([SAMPLE], rules.flows, rules.ratio_flows), rules, rates)
    conv = {c["figure"]: c for c in a.conversions}
    used = conv["vol23_krw"]["rate"]
    assert 1438.0 < used["low"] <= 1438.7 <= used["high"] < 1439.5
    assert conv["vol13_krw"]["reference"]["rate"] == "1095.0"
    assert conv["vol23_krw"]["reference"]["rate"] == "1305.41"
    warn = [d for d in a.discrepancies if d.code == "reference-rate-mismatch"]
    assert len(warn) == 1 and warn[0].severity == "warning"
    assert "2013 and 2023" in warn[0].message and "1095.0" in warn[0].message
    assert "1305.41" in warn[0].message


def test_annual_policy_checks_each_year_against_its_average(tmp_path, rules, rates):
    rows = [("u", "2023", "total", "exports", "level", "17.648", "USD_bn"),
            ("k", "2023", "total", "exports", "level", "23.0379", "KRW_tn")]
    ok = _audit(rows, tmp_path, rules, rates, "annual")
    assert ok.verdict == "consistent" and status(ok)["k"] == "consistent"
    bad = _audit([rows[0], ("k", "2023", "total", "exports", "level", "25.3902", "KRW_tn")],
                 tmp_path, rules, rates, "annual")
    assert bad.verdict == "inconsistent"
    assert bad.discrepancies[0].code == "conversion-mismatch"
    assert "reference rate for 2023" in bad.discrepancies[0].message
    # The same pair under one document rate has nothing to compare with: unchecked.
    doc = _audit(rows, tmp_path, rules, rates, "document")
    assert status(doc)["k"] == "unchecked"


@pytest.mark.parametrize("year,word", [("2017", "no reference"), ("2020", "conflicting")])
def test_missing_or_conflicting_year_is_undecided(tmp_path, rules, rates, year, word):
    rows = [("u", year, "total", "exports", "level", "10.000", "USD_bn"),
            ("k", year, "total", "exports", "level", "99.9999", "KRW_tn")]
    a = _audit(rows, tmp_path, rules, rates, "annual")
    assert a.verdict == "unchecked"  # never a guess, never zero, never a pass
    fig = a.figures.set_index("id").loc["k"]
    assert fig["status"] == "unchecked" and word in fig["reason"]
    conv = a.conversions[0]
    assert conv["reference"] is None and word in conv["note"]


def test_date_policy_uses_the_given_date(tmp_path, rules):
    table = tmp_path / "rates.csv"
    table.write_text("pair,period,rate,source\nKRW/USD,2023-12-29,1288.0,test feed\n")
    r = load_rates(table)
    rows = [("u", "2023", "total", "exports", "level", "10.000", "USD_bn"),
            ("k", "2023", "total", "exports", "level", "12.880", "KRW_tn")]
    assert _audit(rows, tmp_path, rules, r, "date", "2023-12-29").verdict == "consistent"
    rows[1] = ("k", "2023", "total", "exports", "level", "13.050", "KRW_tn")
    assert _audit(rows, tmp_path, rules, r, "date", "2023-12-29").verdict == "inconsistent"


def test_date_missing_from_the_table_quotes_no_reference(rules, rates):
    # Issue 21: the document's own implied rate was called "the reference rate for" a date
    # the rates table does not have, and the annual average of the year was compared.
    a = audit(load_tables([SAMPLE], rules.flows, rules.ratio_flows), rules, rates, "date",
              "2023-12-29")
    text = " ".join(d.message for d in a.discrepancies)
    assert "reference rate for 2023-12-29" not in text
    assert "no reference KRW/USD rate for 2023-12-29" in text
    assert "the other conversions imply" in text
    for c in a.conversions:
        assert c["reference"] is None and c["note"] == "no reference KRW/USD rate for 2023-12-29"


def test_annual_policy_quotes_the_reference_as_the_table_prints_it(rules, rates):
    a = audit(load_tables([SAMPLE], rules.flows, rules.ratio_flows), rules, rates, "annual")
    text = " ".join(d.message for d in a.discrepancies)
    assert "the reference rate for 2013 is 1095.0 KRW per USD" in text
    assert "1,094.95" not in text  # (its rounding interval, not what the table prints)


def test_inverse_pair_is_used_when_only_it_is_given(tmp_path, rules):
    table = tmp_path / "rates.csv"
    table.write_text("pair,period,rate,source\nUSD/EUR,2024,1.0824,ecb\n")
    rows = [("e", "2024", "total", "exports", "level", "100.0", "EUR_bn"),
            ("e2", "2024", "total", "imports", "level", "50.0", "EUR_bn"),
            ("u", "2024", "total", "exports", "level", "108.2", "USD_bn")]
    a = _audit(rows, tmp_path, rules, load_rates(table), "annual")
    assert a.verdict == "consistent" and status(a)["u"] == "consistent"


@pytest.mark.slow  # the JSON report loads the compiled kernels in-process
def test_cli_options(tmp_path):
    out = tmp_path / "r.json"
    assert main(["audit", "--conversion", "annual", "--format", "json", "--out",
                 str(out)]) == 1
    report = json.loads(out.read_text())
    assert report["rules"]["conversion_policy"] == "annual"
    assert main(["audit", "--conversion", "date"]) == 2  # needs --fx-date
    bad = tmp_path / "bad.csv"
    bad.write_text("pair,period,rate\nKRWUSD,2023,1300\n")
    assert main(["audit", "--fx-rates", str(bad)]) == 2
    assert Path(REFERENCE).exists()
