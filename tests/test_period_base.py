"""A growth rate or change compared with another period than a year earlier: its `base`
names the period (a month-on-month rate: base 2023-02 for 2023-03), contract 1 extended."""


import pytest
from conftest import audit_rows, cli, status

MONTHS = [("feb", "2023-02", "total", "exports", "level", "63,996", "CAD_m"),
          ("mar", "2023-03", "total", "exports", "level", "63,563", "CAD_m")]


def _codes(a):
    return {d.code for d in a.discrepancies}


def test_month_on_month_growth_is_checked_against_its_base(tmp_path, rules):
    # 63,563 / 63,996 - 1 = -0.677%: -0.7 fits, -7.0 does not (a slip of the decimal point)
    good = audit_rows(MONTHS + [("mom", "2023-03", "total", "exports", "growth_pct", "-0.7",
                                 "pct", "2023-02")], tmp_path, rules)
    assert status(good)["mom"] == "consistent"
    bad = audit_rows(MONTHS + [("mom", "2023-03", "total", "exports", "growth_pct", "-7.0",
                                "pct", "2023-02")], tmp_path, rules)
    (d,) = bad.discrepancies
    assert d.code == "growth-mismatch"
    assert d.relation == "growth of exports (total, 2023-03 on 2023-02)"
    assert set(d.figures) == {"feb", "mar", "mom"}


def test_without_a_base_the_rate_is_on_the_year_before(tmp_path, rules):
    # The same -7.0 with no base compares with 2022-03, which is not printed: nothing to say.
    a = audit_rows(MONTHS + [("yoy", "2023-03", "total", "exports", "growth_pct", "-7.0",
                              "pct")], tmp_path, rules)
    assert status(a)["yoy"] == "unchecked"
    assert not _codes(a)


def test_change_against_a_base_period(tmp_path, rules):
    rows = MONTHS + [("d", "2023-03", "total", "exports", "change", "-433", "CAD_m", "2023-02")]
    assert status(audit_rows(rows, tmp_path, rules))["d"] == "consistent"
    rows[-1] = rows[-1][:5] + ("-343",) + rows[-1][6:]  # transposed digits
    a = audit_rows(rows, tmp_path, rules)
    assert "change-mismatch" in _codes(a) and status(a)["d"] == "inconsistent"


def test_quarter_on_quarter_chain(tmp_path, rules):
    # Q1 100.0, Q2 up 5.0% on Q1 (105.0), Q3 up 2.0% on Q2: 107.1 fits, 108.1 does not.
    rows = [("q1", "2024-Q1", "total", "exports", "level", "100.0", "USD_bn"),
            ("g2", "2024-Q2", "total", "exports", "growth_pct", "5.0", "pct", "2024-Q1"),
            ("g3", "2024-Q3", "total", "exports", "growth_pct", "2.0", "pct", "2024-Q2"),
            ("q3", "2024-Q3", "total", "exports", "level", "107.1", "USD_bn")]
    ok = audit_rows(rows, tmp_path, rules)
    assert not ok.discrepancies and status(ok)["g3"] == "consistent"
    rows[-1] = rows[-1][:5] + ("108.1",) + rows[-1][6:]
    assert _codes(audit_rows(rows, tmp_path, rules)) == {"growth-mismatch"}


def test_a_month_on_month_and_a_year_on_year_rate_of_one_month_both_hold(tmp_path, rules):
    # One cell, two changes: on the month before and on the year before. Each has its own
    # change variable; sharing one would be a false contradiction.
    rows = [("m22", "2022-03", "total", "exports", "level", "60.0", "USD_bn"),
            ("feb", "2023-02", "total", "exports", "level", "64.0", "USD_bn"),
            ("mar", "2023-03", "total", "exports", "level", "63.6", "USD_bn"),
            ("yoy", "2023-03", "total", "exports", "growth_pct", "6.0", "pct"),
            ("mom", "2023-03", "total", "exports", "growth_pct", "-0.6", "pct", "2023-02"),
            ("dy", "2023-03", "total", "exports", "change", "3.6", "USD_bn"),
            ("dm", "2023-03", "total", "exports", "change", "-0.4", "USD_bn", "2023-02")]
    a = audit_rows(rows, tmp_path, rules)
    assert not a.discrepancies
    assert {status(a)[i] for i in ("yoy", "mom", "dy", "dm")} == {"consistent"}


@pytest.mark.parametrize("base, words", [
    ("total", "base is the period it is compared with"),
    ("2023-03", "another period than its own"),
])
def test_a_base_that_is_no_other_period_is_one_clear_line(tmp_path, base, words):
    table = tmp_path / "t.csv"
    table.write_text("id,period,segment,flow,stat,value,unit,base\n"
                     "mar,2023-03,total,exports,level,\"63,563\",CAD_m,\n"
                     f"mom,2023-03,total,exports,growth_pct,-0.7,pct,{base}\n")
    code, _, err = cli("audit", str(table))
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "t.csv" in err and ":3" in err and "base" in err
    assert words in err


def _read(tmp_path, text: str, published: str = "") -> list[dict]:
    import csv
    import io

    from tradeaudit.cli import main
    path, out = tmp_path / "a.txt", tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    args = ["extract", str(path), "--out", str(out)] + (["--published", published]
                                                        if published else [])
    assert main(args) == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


def test_a_text_rate_from_the_previous_month_is_on_that_month(tmp_path):
    rows = _read(tmp_path, "Exports in March 2023 fell 2.1 percent from the previous month to "
                 "$44.87 billion, after $45.83 billion in February 2023.")
    got = {r["value"]: (r["period"], r["stat"], r["base"]) for r in rows}
    assert got["-2.1"] == ("2023-03", "growth_pct", "2023-02")
    assert got["45.83"] == ("2023-02", "level", "")  # the month named after it
    assert got["44.87"] == ("2023-03", "level", "")


def test_a_change_on_the_month_named_before(tmp_path):
    rows = _read(tmp_path, "The balance was a surplus of $5,210m in January 2020, a decrease "
                 "of $166m on the surplus in December 2019.")
    got = {r["value"]: (r["period"], r["stat"], r["base"]) for r in rows}
    assert got["-166"] == ("2020-01", "change", "2019-12")


def test_a_rate_on_the_period_before_whose_period_is_not_its_own_is_not_read(tmp_path):
    # 二季度 (the second quarter) is the 6%'s period; 5月份 belongs to the next clause.
    rows = _read(tmp_path, "2023年上半年进出口增长2.1%。从环比来看,二季度进出口比一季度增长6%,"
                 "5月份、6月份均环比增长1.2%。", published="2023-07-13")
    assert not [r for r in rows if r["value"] == "6"]
    # 5月份 is named before its own 1.2% (of May, on April); 二季度 is no part of trade
    (may,) = [r for r in rows if r["value"] == "1.2"]
    assert (may["period"], may["segment"], may["base"]) == ("2023-05", "total", "2023-04")


def test_digits_swapped_across_the_decimal_point_are_a_transposition(tmp_path, rules):
    # -0.7 printed as -7.0: the two digits either side of the point swapped. The rate is
    # blamed and corrected, rather than either month's level.
    a = audit_rows(MONTHS + [("mom", "2023-03", "total", "exports", "growth_pct", "-7.0",
                              "pct", "2023-02")], tmp_path, rules)
    top = a.suspects[0]
    assert top.figure == "mom"
    assert (top.suggestion.cause, top.suggestion.printed) == ("transposed-digits", "-0.7")
