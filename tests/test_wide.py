"""Published (wide) tables: read.wide, read.published, read.html_table, read.pdf and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradeaudit.cli import main
from tradeaudit.read.headings import period_in_year, period_of
from tradeaudit.read.html_table import read_html_grids
from tradeaudit.read.layout import load_layouts
from tradeaudit.read.wide import read_cell

KR = Path(__file__).parent / "fixtures" / "wide_kr.csv"


@pytest.mark.parametrize("text, value, flag", [
    ("△3.2", "-3.2", ""), ("(4.4)", "-4.4", ""), ("1 692.3", "1692.3", ""),
    ("12.3p", "12.3", "p"), ("1,234 r", "1234", "r"), ("5.2%", "5.2", "")])
def test_cells_read_as_printed(text, value, flag):
    cell = read_cell(text)
    assert (cell.value, cell.flag) == (value, flag)


@pytest.mark.parametrize("text", ["—", "..", "x", "(D)"])
def test_missing_markers_are_no_value(text):
    assert read_cell(text).reason.startswith("no value printed")


@pytest.mark.parametrize("text, period", [
    ("2024.1~6", "2024-H1"), ("Jan–Jun 2025", "2025-H1"), ("2024年", "2024"),
    ("2025년 6월", "2025-06"), ("‘23.4월P", "2023-04"), ("Sep 18", "2018-09")])
def test_periods_in_headings(text, period):
    assert period_of(text)[0] == period


def test_year_to_date_is_no_period_and_says_why():
    period, why = period_of("2024.1-9")
    assert period == "" and "not a contract period" in why


def test_row_periods_within_a_year():
    assert [period_in_year(t, "2008") for t in ("First quarter", "January", "Jan.- Dec.")] == [
        "2008-Q1", "2008-01", "2008"]


def test_wide_csv_audits_in_one_command(capsys):
    assert main(["audit", str(KR), "--format", "json"]) == 0
    assert '"figures": 25' in capsys.readouterr().out


def test_misprinted_growth_is_found_and_blamed(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(KR.read_text(encoding="utf-8").replace('"334,400",-0.1', '"334,400",-1.1'),
                   encoding="utf-8")
    assert main(["audit", str(bad), "--format", "json"]) == 1
    assert '"figure": "E5"' in capsys.readouterr().out


def test_extract_writes_layout_that_reads_back(tmp_path, capsys):
    layout = tmp_path / "layout.yaml"
    assert main(["extract", str(KR), "--layout-out", str(layout)]) == 0
    detected = capsys.readouterr().out
    (lay,) = load_layouts(layout)
    assert lay.columns["C"]["stat"] == "growth_pct" and lay.rows["5"]["segment"] == "total"
    assert lay.rows["6"]["segment"] == "country=CN" and lay.unit == "USD_m"
    assert main(["extract", str(KR), "--layout", str(layout)]) == 0
    assert capsys.readouterr().out == detected


def test_layout_is_checked_against_its_schema(tmp_path, capsys):
    layout = tmp_path / "layout.json"
    layout.write_text('{"version": 1, "columns": {"B": {"stat": "levels"}}}', encoding="utf-8")
    assert main(["extract", str(KR), "--layout", str(layout)]) == 2
    assert "layout columns/B/stat" in capsys.readouterr().err


def test_html_spans_repeat_over_their_cells(tmp_path):
    page = tmp_path / "t.html"
    page.write_text("<p>Unit: US$ million</p><table><tr><th rowspan=2>Country</th>"
                    "<th colspan=2>Exports</th></tr><tr><th>2023</th><th>2024</th></tr>"
                    "<tr><td>Total</td><td>10</td><td>12</td></tr></table>", encoding="utf-8")
    (grid,) = read_html_grids(page)
    assert [c.text for c in grid.rows[0]] == ["Country", "Exports", "Exports"]
    assert grid.rows[1][0].text == "Country" and grid.rows[1][0].spanned
    assert grid.rows[2][2].ref == "table1!C3" and grid.above == ["Unit: US$ million"]


def test_unreadable_column_is_listed_not_dropped(tmp_path, capsys):
    t = tmp_path / "t.csv"
    t.write_text("Exports by country (US$ million)\nCountry,2024,Memo %\nTotal,100,5.0\n",
                 encoding="utf-8")
    assert main(["extract", str(t)]) == 0
    captured = capsys.readouterr()
    assert "C3: column C (Memo %)" in captured.err and "1 figures, 1 numbers" in captured.err


def pdf_of(cells: list[tuple[int, int, str]]) -> bytes:
    """A one-page PDF printing each (x, y, text) in Helvetica; no cells: a page without text."""
    stream = "".join(f"BT /F1 10 Tf {x} {y} Td ({t}) Tj ET\n" for x, y, t in cells).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << /Font "
               b"<< /F1 4 0 R >> >> /Contents 5 0 R >>"),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o
                                                           for o in offsets)
    return out + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_scanned_pdf_is_a_clear_error(tmp_path, capsys):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(pdf_of([]))
    assert main(["audit", str(pdf)]) == 2
    assert "a scanned PDF (no text layer)" in capsys.readouterr().err


def test_text_pdf_table_is_read_with_page_row_column(tmp_path, capsys):
    rows = [["Exports by country (Unit: US$ million)"], ["Country", "2023", "2024", "YoY"],
            ["Total", "1,000", "1,100", "10.0"], ["China", "400", "420", "5.0"]]
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(pdf_of([(30 + j * 90, 260 - i * 20, t) for i, row in enumerate(rows)
                            for j, t in enumerate(row)]))
    assert main(["extract", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "p1r5c4,2024,total,exports,growth_pct,10.0,pct,,,p1 r5 c4" in out
    assert ",2023,country=CN,exports,level,400,USD_m," in out


def test_periods_in_the_stub_with_their_year_above(tmp_path, capsys):
    t = tmp_path / "t.csv"
    t.write_text("Trade of Canada\n,Exports,Imports\n,millions of dollars,\n2008,\"415,119\","
                 "\"485,902\"\n2009\nFirst quarter,\"87,218\",\"97,521\"\n", encoding="utf-8")
    assert main(["extract", str(t)]) == 0
    out = capsys.readouterr().out
    assert "B4,2008,total,exports,level,415119,CAD_m," in out
    assert "C6,2009-Q1,total,imports,level,97521,CAD_m," in out


def test_sheet_merged_headings_formats_and_indents(tmp_path, capsys):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.append(["Unit: US$ million, %"])
    sheet.append(["Country", "Exports", None, None])
    sheet.append([None, 2023, 2024, "Share"])
    sheet.append(["Total", 100, 120, 1.0])
    sheet.append(["Asia", 60, 70.04, 0.5833])
    sheet.append(["China", 40, 45, 0.375])
    sheet.merge_cells("B2:D2")
    sheet.merge_cells("A2:A3")
    for row in sheet.iter_rows(min_row=4, min_col=3, max_col=4):
        row[0].number_format, row[1].number_format = "#,##0.0", "0.0%"
    sheet["A6"].alignment = Alignment(indent=1)
    path = tmp_path / "t.xlsx"
    book.save(path)
    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Sheet!C5,2024,country=Asia,exports,level,70.0,USD_m," in out
    assert "Sheet!D6,2024,country=Asia;country.2=CN,exports,share_pct,37.5,pct," in out
    assert "Sheet!B4,2023,total,exports,level,100,USD_m," in out


PAGE = ("<html><body><p>Exports rose {growth}% to $100 million in 2024.</p>"  # (unit: caption)
        "<table><caption>Unit: US$ million, %</caption><tr><th></th><th>2023</th><th>2024</th>"
        "<th>YoY</th></tr><tr><td>Exports</td><td>80</td><td>100</td><td>25.0</td></tr>"
        "</table></body></html>")


@pytest.mark.parametrize("growth, code", [("25.0", 0), ("35.0", 1)])
def test_a_pages_text_and_table_are_one_document(tmp_path, capsys, growth, code):
    page = tmp_path / "release.html"
    page.write_text(PAGE.format(growth=growth), encoding="utf-8")
    assert main(["audit", str(page), "--format", "json"]) == code
    out = capsys.readouterr().out
    assert '"table1!D2"' in out and '"release:1:1"' in out


def test_a_layout_supplies_what_detection_could_not(tmp_path, capsys):
    t = tmp_path / "t.csv"
    t.write_text("UK trade\n,,Balance of trade in goods,,Total trade balance\n,,EU,World,\n"
                 "2011,Sep,-4.5,-10.2,-4.3\n,Oct,-3.0,-7.6,-1.6\n", encoding="utf-8")
    layout = tmp_path / "layout.json"
    # no unit anywhere: the amounts are read as printed, in no stated unit, and it says so
    assert main(["extract", str(t), "--layout-out", str(layout)]) == 0
    out, err = capsys.readouterr()
    assert "C5,2011-10,series=goods eu,balance,level,-3.0,unstated," in out
    assert "unit=not-stated" in out and "6 amounts in no stated unit" in err
    text = layout.read_text(encoding="utf-8").replace('"unit": "",', '"unit": "GBP_bn",', 1)
    layout.write_text(text, encoding="utf-8")
    assert main(["extract", str(t), "--layout", str(layout)]) == 0
    out = capsys.readouterr().out
    assert "C5,2011-10,series=goods eu,balance,level,-3.0,GBP_bn," in out
    assert "E4,2011-09,total,balance,level,-4.3,GBP_bn," in out


def _read(tmp_path, name: str, text: str):
    from tradeaudit.data import GAZETTEER
    from tradeaudit.read.published import read_published
    from tradeaudit.read.text import Lexicon

    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return read_published(page, Lexicon.load(GAZETTEER)).frame


_SHADED = """<p>Unit: US$1,000</p><table>
<tr><th>Regime</th><th>Exports</th><th>Imports</th></tr>
<tr><th></th><th>10.2019</th><th>10.2019</th></tr>
<tr><th>TOTAL</th><td>900</td><td>700</td></tr><tr><td></td><td>-0.9</td><td>4.1</td></tr>
<tr><th>Processing with Imported Materials</th><td>400</td><td>300</td></tr>
<tr><td></td><td>2.5</td><td>-6.5</td></tr></table>
<p>Figures in shaded areas refer to percentage change over the same period in the previous
year.</p>"""


def test_unlabelled_rows_beneath_are_the_growth_a_note_names(tmp_path):
    frame = _read(tmp_path, "t.html", _SHADED)
    growth = frame[frame["stat"] == "growth_pct"]
    assert growth["value"].tolist() == ["-0.9", "4.1", "2.5", "-6.5"]
    assert set(growth["unit"]) == {"pct"} and "row-beneath" in growth["reading"].iloc[0]
    # a flow word in a member's label, under columns that name their flows, is the member's
    assert frame.loc[frame["source"] == "table1!B5", "flow"].tolist() == ["exports"]
    # without the note, nothing says what those rows are: not read
    frame = _read(tmp_path, "u.html", _SHADED.split("<p>Figures")[0])
    assert set(frame["stat"]) == {"level"}


_TEXT_UNIT = """<table><tr><th></th><th>Balance of trade in goods</th></tr>
<tr><td>2011 Sep</td><td>-10.2</td></tr><tr><td>2011 Oct</td><td>-7.6</td></tr></table>
<p>The deficit decreased to £7.6 billion, down from £10.2 billion in September.</p>"""


def test_unit_from_the_text_around_a_table_without_one(tmp_path):
    frame = _read(tmp_path, "t.html", _TEXT_UNIT)
    assert set(frame["unit"]) == {"GBP_bn"} and "unit=text-around" in frame["reading"].iloc[0]
    # text quoting no figure of the table says nothing of its unit: none is stated
    frame = _read(tmp_path, "u.html", _TEXT_UNIT.replace("£7.6", "£7.7").replace("£10.2", "£1"))
    assert set(frame["unit"]) == {"unstated"} and "unit=not-stated" in frame["reading"].iloc[0]


def test_a_row_of_na_marks_under_the_headings_is_a_body_row(tmp_path):
    frame = _read(tmp_path, "t.html", """<h1>Trade, Australia</h1><table>
<tr><th></th><th>May 2020</th><th>Jun 2020</th></tr><tr><th></th><th>$m</th><th>$m</th></tr>
<tr><th>EXPORTS</th><td></td><td></td></tr><tr><th>Trend estimates</th><td>na</td><td>na</td></tr>
<tr><th>Seasonally adjusted</th><td>34 861</td><td>36 100</td></tr></table>""")
    assert frame["value"].tolist() == ["34861", "36100"] and set(frame["unit"]) == {"AUD_m"}
    assert set(frame["period"]) == {"2020-05", "2020-06"} and set(frame["flow"]) == {"exports"}


def test_euro_area_is_no_currency():
    from tradeaudit.read.headings import currency_of

    assert [currency_of(t) for t in ("Extra-euro area exports", "euro zone", "million euros",
                                     "bn €")] == ["", "", "EUR_m", "EUR_bn"]


@pytest.mark.parametrize("title, unit", [
    ("U.S. trade with Canada", "USD_m"), ("Canada's trade with the United States", "CAD_m"),
    ("International Trade in Goods and Services, Australia", "AUD_m")])
def test_plain_dollars_are_the_first_named_countrys(tmp_path, title, unit):
    frame = _read(tmp_path, "t.html", f"""<h1>{title}</h1><table>
<tr><th></th><th>Exports, 2020 ($m)</th></tr><tr><th>Total</th><td>34 861</td></tr></table>""")
    assert frame["unit"].tolist() == [unit]


def _extracted(tmp_path, capsys, text: str) -> tuple[list[list[str]], str]:
    import csv
    import io
    t = tmp_path / "t.csv"
    t.write_text(text, encoding="utf-8")
    out = tmp_path / "f.csv"
    assert main(["extract", str(t), "--out", str(out)]) == 0
    return list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")))), capsys.readouterr().err


def test_a_month_on_month_column_is_growth_on_the_month_before(tmp_path, capsys):
    rows, _ = _extracted(tmp_path, capsys,
                         "Merchandise trade (millions of dollars CAD)\n"
                         ",February 2023,March 2023,February to March 2023,"
                         "March 2022 to March 2023\n"
                         ",,,% change,% change\n"
                         "Exports,\"63,996\",\"63,563\",-0.7,-1.3\n")
    head = rows[0]
    got = {r[head.index("value")]: (r[head.index("period")], r[head.index("stat")],
                                    r[head.index("base")]) for r in rows[1:]}
    assert got["-0.7"] == ("2023-03", "growth_pct", "2023-02")
    assert got["-1.3"] == ("2023-03", "growth_pct", "")  # on the year before: no base


def test_a_heading_comparing_two_months_in_a_currency_is_a_change(tmp_path, capsys):
    rows, _ = _extracted(tmp_path, capsys,
                         "Balance of trade, seasonally adjusted\n"
                         ",Jan-23 ($m),Feb-23 ($m),Jan-23 to Feb-23 ($m),Jan-23 to Feb-23 (%)\n"
                         "Goods and services balance,\"11,266\",\"13,870\",\"2,604\",na\n"
                         "Credits (exports),\"58,743\",\"57,043\",\"-1,700\",-2.9\n")
    head = rows[0]
    got = {r[head.index("value")]: (r[head.index("stat")], r[head.index("base")])
           for r in rows[1:]}
    assert got["2604"] == ("change", "2023-01") and got["-1700"] == ("change", "2023-01")
    assert got["-2.9"] == ("growth_pct", "2023-01")


def test_the_change_of_debits_printed_negative_is_not_guessed(tmp_path, capsys):
    # Imports printed as negative debits: is "-4,304" the change of the printed (signed)
    # figure or of the imports' level? The table does not say: listed, not read.
    rows, err = _extracted(tmp_path, capsys,
                           "Balance of payments, A$ million\n"
                           ",Jan-23,Feb-23,Jan-23 to Feb-23\n"
                           "Debits (imports),\"-47,477\",\"-43,173\",\"-4,304\"\n")
    head = rows[0]
    assert sorted(r[head.index("value")] for r in rows[1:]) == ["43173", "47477"]
    assert "'-4,304'" in err and "sign reversed" in err
