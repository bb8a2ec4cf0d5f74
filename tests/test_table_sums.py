"""The sums a published table shows by its layout are checked (read.sums): partners plus
Others equal the Total row, months equal their year; what was declared is reported, and the
layout file switches it off."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from tradeaudit.cli import main

PARTNERS = ('"Exports by partner, 2024"\n"Unit: US$ million"\nCountry,2023,2024\n'
            "China,100.0,110.0\nUnited States,80.0,90.0\nJapan,50.0,55.0\n"
            "Germany,30.0,33.0\nOthers,40.0,42.0\nTotal,300.0,330.0\n")
MONTHS = ("Exports by month\nUnit: US$ million\nMonth,Exports\n2024,\"1,230.0\"\n" + "".join(
    f"{m},{v}\n" for m, v in zip(
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
        ("100.0", "95.0", "105.0", "98.0", "102.0", "110.0", "99.0", "101.0", "104.0",
         "106.0", "107.0", "103.0"))))


def _audit(tmp_path, capsys, text: str, *more: str) -> tuple[int, dict]:
    t = tmp_path / "t.csv"
    t.write_text(text, encoding="utf-8")
    code = main(["audit", str(t), "--format", "json", *more])
    return code, json.loads(capsys.readouterr().out)


def _status(report: dict, fid: str) -> str:
    return next(f["status"] for f in report["figures"] if f["id"] == fid)


def test_partners_and_others_adding_to_the_total_are_checked(tmp_path, capsys):
    code, report = _audit(tmp_path, capsys, PARTNERS)
    assert code == 0 and _status(report, "C9") == "consistent"
    derived = report["rules"]["derived"]
    assert [(d["dimension"], d["form"]) for d in derived] == [("country", "exact")]
    assert derived[0]["expectation"]["kwargs"]["residual"] == ["Others"]


def test_a_wrong_total_row_is_a_segment_sum_mismatch_blaming_its_cell(tmp_path, capsys):
    code, report = _audit(tmp_path, capsys, PARTNERS.replace("Total,300.0,330.0",
                                                             "Total,300.0,303.0"))
    assert code == 1
    assert [d["code"] for d in report["discrepancies"]] == ["segment-sum-mismatch"]
    assert report["suspects"][0]["figure"] == "C9"


def test_a_wrong_month_is_a_period_sum_mismatch_blaming_its_cell(tmp_path, capsys):
    code, report = _audit(tmp_path, capsys, MONTHS)
    assert code == 0 and [(d["dimension"], d["form"]) for d in report["rules"]["derived"]] \
        == [("periods", "exact")]
    code, report = _audit(tmp_path, capsys, MONTHS.replace("May,102.0", "May,120.0"))
    assert code == 1
    assert {d["code"] for d in report["discrepancies"]} == {"period-sum-mismatch"}
    assert report["suspects"][0]["figure"] == "B9"


def test_the_layout_file_lists_the_sums_and_switches_them_off(tmp_path, capsys):
    t = tmp_path / "t.csv"
    t.write_text(PARTNERS.replace("Total,300.0,330.0", "Total,300.0,303.0"), encoding="utf-8")
    layout = tmp_path / "layout.json"
    assert main(["extract", str(t), "--layout-out", str(layout)]) == 0
    data = json.loads(layout.read_text(encoding="utf-8"))
    assert data["sums"] == {"country": "exact"}
    data["sums"] = False
    layout.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    code, report = _audit(tmp_path, capsys, t.read_text(encoding="utf-8"), "--layout",
                          str(layout))
    assert code == 3 and not report["discrepancies"]  # nothing else checks the figures
    assert report["rules"]["derived"][0]["form"] == "off"


PARTS = ("Exports by product\nUnit: US$ million\nItem,2023,2024\nCars,100.0,110.0\n"
         "of which Electric,40.0,45.0\nof which Hybrid,30.0,33.0\nShips,50.0,52.0\n"
         "Total,150.0,162.0\n")


def test_of_which_rows_are_parts_of_the_row_above_at_most(tmp_path, capsys):
    code, report = _audit(tmp_path, capsys, PARTS)
    assert code == 0
    assert {(d["dimension"], d["form"]) for d in report["rules"]["derived"]} == {
        ("item", "bound"), ("item.2", "bound")}
    code, report = _audit(tmp_path, capsys, PARTS.replace("Hybrid,30.0,33.0", "Hybrid,30.0,73.0"))
    assert code == 1 and "(item=Cars, 2024) >= sum of 2 item.2 parts" in \
        report["discrepancies"][0]["relation"]


def test_regions_beside_countries_are_not_summed(tmp_path, capsys):
    code, report = _audit(tmp_path, capsys, PARTNERS.replace("Germany,30.0,33.0",
                                                             "ASEAN,200.0,210.0"))
    assert code != 1
    assert {d["form"] for d in report["rules"]["derived"]} == {"off"}


def test_the_text_report_says_which_sums_were_checked(tmp_path, capsys):
    t = tmp_path / "t.csv"
    t.write_text(PARTNERS, encoding="utf-8")
    assert main(["audit", str(t)]) == 0
    assert "sums checked from the table's layout: country members + Others = the Total row" \
        in capsys.readouterr().out


def test_a_region_in_a_country_stub_is_not_summed(tmp_path, capsys):
    code, report = _audit(tmp_path, capsys, PARTNERS.replace(
        "Germany,30.0,33.0", "European Union,60.0,63.0"))
    assert code != 1 and report["rules"]["derived"][0]["form"] == "off"
    assert "groups of countries (European Union)" in report["rules"]["derived"][0]["reading"]


def test_a_note_that_parts_may_not_add_makes_the_sum_exact(tmp_path, capsys):
    text = PARTNERS.replace("Others,40.0,42.0\n", "").replace(
        "Total,300.0,330.0", "Total,260.0,288.0") + "Note: components may not add to totals " \
        "due to rounding.\n"
    code, report = _audit(tmp_path, capsys, text)
    assert code == 0 and report["rules"]["derived"][0]["form"] == "exact"
    code, report = _audit(tmp_path, capsys, text.replace("Total,260.0,288.0",
                                                         "Total,260.0,299.0"))
    assert code == 1 and report["discrepancies"][0]["code"] == "segment-sum-mismatch"


def test_a_table_naming_no_unit_still_has_its_sums_checked(tmp_path, capsys):
    """No unit anywhere: the amounts are read as printed (`unstated`: no currency made up),
    so a member that breaks the sum is still found and blamed."""
    nameless = PARTNERS.replace('"Unit: US$ million"\n', "")
    code, report = _audit(tmp_path, capsys, nameless)
    assert code == 0 and _status(report, "C8") == "consistent"
    code, report = _audit(tmp_path, capsys, nameless.replace("Japan,50.0,55.0",
                                                             "Japan,50.0,5.5"))
    assert code == 1 and report["suspects"][0]["figure"] == "C5"
    assert report["suspects"][0]["suggestion"]["cause"] != "scale-slip"
    t = tmp_path / "t.csv"
    assert main(["audit", str(t)]) == 1
    assert "unit not stated: 12 amounts" in capsys.readouterr().out


def test_two_tables_naming_no_unit_are_not_taken_as_one_unit(tmp_path, capsys):
    """Two tables of a page, neither naming its unit: one may print thousands, the other
    units; their totals are not compared as one unit, and the cell of a second file that
    repeats a cell of the first is an error naming it, not an internal one."""
    table = ("<table><tr><th>Country</th><th>Exports 2024</th></tr><tr><th>China</th>"
             "<td>{0}</td></tr><tr><th>Others</th><td>{1}</td></tr><tr><th>Total</th>"
             "<td>{2}</td></tr></table>")
    page = tmp_path / "p.html"
    page.write_text(table.format("100.0", "40.0", "140.0") + table.format(
        "100,000", "40,000", "140,000"), encoding="utf-8")
    assert main(["audit", str(page), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["inconsistent"] == 0
    other = tmp_path / "q.html"
    other.write_text(table.format("100.0", "40.0", "140.0"), encoding="utf-8")
    assert main(["audit", str(page), str(other)]) == 2
    assert "duplicate id" in capsys.readouterr().err


GACC = ROOT / "tests" / "tables" / "gacc" / "customs-regime-2019-10" / "table.html"


@pytest.mark.compiled
def test_a_member_misprinted_in_a_one_sided_sum_is_blamed_with_its_typo(tmp_path, capsys):
    """GACC, October 2019: regimes printing "-" for exports leave the sum one-sided (the
    total at least its printed members), so a member too large by 10,000,000 could be any
    member; only in the misprinted one does a plain typo land at the smallest correction
    (60,309,531 for 70,309,531), and no cell's scale slips alone (its unit is the table's)."""
    page = tmp_path / "table.html"
    page.write_text(GACC.read_text(encoding="utf-8").replace("60,309,531", "70,309,531", 1),
                    encoding="utf-8")
    assert main(["audit", str(page), "--format", "json"]) == 1
    suspects = json.loads(capsys.readouterr().out)["suspects"]
    assert suspects[0]["figure"] == "table1!B13"
    assert (suspects[0]["suggestion"]["cause"], suspects[0]["suggestion"]["printed"]) == (
        "wrong-digit", "60309531")
    assert all(s["suggestion"]["cause"] != "scale-slip" for s in suspects if s["suggestion"])


def test_a_slip_is_suggested_at_the_smallest_correction_of_a_one_sided_interval():
    from decimal import Decimal

    from tradeaudit.audit.suggest import near_slip, suggest
    from tradeaudit.model.printed import parse_printed
    from tradeaudit.model.units import parse_unit

    unit = parse_unit("USD_k")
    # at most 60,309,539 thousand: 70,309,531 is one digit off, 7,030,953.1 a decimal slip
    # landing anywhere below: the typo at the bound is the explanation
    sug = suggest(parse_printed("70309531"), unit, Decimal(1), (0.0, 60_309_539e3))
    assert (sug.cause, sug.printed) == ("wrong-digit", "60309531")
    # a total at least 222,916,087: no upper bound, still the typo at the bound
    sug = suggest(parse_printed("212916095"), unit, Decimal(1), (222_916_087e3, float("inf")))
    assert (sug.cause, sug.printed) == ("wrong-digit", "222916095")
    # only slips far inside (a tenth of it, the value's scale) explain little
    assert near_slip(parse_printed("118958241"), unit, Decimal(1), 0.0, 107_786_698e3) == 0.0
