"""The corpus of real published tables (tests/tables/): every table has its files, its gold
loads, and every gold figure's `source` names a cell that holds the figure as printed."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, RULES

from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables

TABLES = ROOT / "tests" / "tables"
DIRS = sorted(p.parent for p in TABLES.glob("*/*/meta.json"))
ORIGINALS = ("table.xlsx", "table.csv", "table.html", "table.pdf")
META_KEYS = {"url", "publisher", "title", "format", "retrieved", "gold", "relations"}


class HtmlGrid(HTMLParser):
    """The cells of an HTML table, keyed (row, column) 1-based, colspan and rowspan expanded."""

    def __init__(self, text: str):
        super().__init__()
        self.rows: list[list[tuple[str, int, int]]] = []
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ["", int(a.get("colspan") or 1), int(a.get("rowspan") or 1)]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(tuple(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data

    def grid(self) -> dict[tuple[int, int], str]:
        out: dict[tuple[int, int], str] = {}
        for r, row in enumerate(self.rows, 1):
            c = 1
            for text, span, down in row:
                while (r, c) in out:
                    c += 1
                for i in range(down):
                    for j in range(span):
                        out[(r + i, c + j)] = text
                c += span
        return out


def _shown(cell) -> str:
    """An XLSX cell's text as displayed: numbers through their #,##0.0 style format."""
    value, fmt = cell.value, cell.number_format
    if not isinstance(value, int | float):
        return str(value)
    places = len(fmt.split(".")[1]) if "." in fmt else 0
    return f"{value:,.{places}f}" if "," in fmt else f"{value:.{places}f}"


def cells(path: Path) -> dict[tuple[int, int], str] | None:
    if path.suffix == ".html":
        return HtmlGrid(path.read_text(encoding="utf-8")).grid()
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return {(r, c): v for r, row in enumerate(csv.reader(f), 1)
                    for c, v in enumerate(row, 1)}
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).active
        return {(x.row, x.column): _shown(x) for row in sheet.iter_rows() for x in row
                if x.value is not None}
    return None  # PDF: no grid without a PDF library


def where(source: str) -> tuple[int, int] | None:
    if m := re.search(r"!([A-Z]+)(\d+)$", source):
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        return int(m.group(2)), col
    if m := re.search(r"(?:line|row) (\d+) col (\d+)$", source):
        return int(m.group(1)), int(m.group(2))
    return None


def test_the_corpus_is_there():
    assert len(DIRS) >= 20
    assert {p.parent for p in TABLES.glob("*/*/gold.csv")} == set(DIRS)
    assert len({p.parent.name for p in DIRS}) >= 6
    assert len({p.suffix for d in DIRS for p in d.glob("table.*")}) >= 3


@pytest.mark.parametrize("table", DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_table_has_its_original_its_meta_and_a_gold_that_loads(table):
    originals = [name for name in ORIGINALS if (table / name).is_file()]
    assert len(originals) == 1, originals
    assert (table / originals[0]).stat().st_size < 300_000
    meta = json.loads((table / "meta.json").read_text(encoding="utf-8"))
    assert META_KEYS <= meta.keys(), META_KEYS - meta.keys()
    assert originals[0] == f"table.{meta['format']}"
    rules = load_rules(RULES)
    figures = load_tables([table / "gold.csv"], rules.flows, rules.ratio_flows)
    assert len(figures) > 0
    grid = cells(table / originals[0])
    if grid is None:
        return
    original = table / originals[0]
    text = "" if original.suffix == ".xlsx" else original.read_text(encoding="utf-8")
    for name in ("gold.csv", "extra.csv"):
        if not (table / name).is_file():
            continue
        with (table / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                key = where(row["source"])
                if key is None:  # a figure in a note under the table: somewhere in the file
                    assert re.search(r"note \d+$", row["source"]), (name, row["id"])
                    assert row["printed"] in text, (name, row["id"])
                    continue
                assert row["printed"] in grid.get(key, ""), (name, row["id"], row["source"])



@pytest.mark.compiled
@pytest.mark.slow
@pytest.mark.parametrize("table", [d for d in DIRS if "unit_assumed_in_gold" in json.loads(
    (d / "meta.json").read_text(encoding="utf-8"))], ids=lambda p: p.name)
def test_a_page_printing_no_unit_is_read_in_no_stated_unit(table, capsys):
    """GACC's pages without a unit line: their levels are read (`unstated`, said in
    `reading`), never in a currency taken from other months, and their sums reconcile."""
    from tradeaudit.cli import main

    page = next(table.glob("table.*"))
    assert main(["extract", str(page)]) == 0
    out = capsys.readouterr().out
    levels = [line for line in out.splitlines() if ",level," in line]
    assert levels and all(",unstated," in x and "unit=not-stated" in x for x in levels)
    assert main(["audit", str(page), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["consistent"] >= len(levels)


def test_a_note_under_a_table_is_read_and_checked_against_it(capsys):
    """MSIT's note "※ 전체산업(496.2억불) 대비 정보통신산업(ICT) 수출(127.7억불) 비중 : 25.7%" is
    dated by the title's ’23.4월 and names the table's column, 정보통신산업(ICT), as the
    gazetteer does (industry=ict): its share is checked against the table's levels."""
    from tradeaudit.cli import main

    page = TABLES / "msit" / "ict-trade-2023-04-comparison" / "table.html"
    assert main(["audit", str(page), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    status = {f["id"]: f["status"] for f in report["figures"]}
    assert status["table:5:3"] == "consistent" and status["table1!E3"] == "consistent"
    assert not any(u["text"] == "23.4" and "bare number" in u["reason"]
                   for u in report["not_interpreted"])


def test_a_unit_statement_in_a_pages_title_is_no_figure(capsys):
    """ESRI's title "(単位:2000暦年連鎖価格、10億円)" names the unit: no exports of 10."""
    from tradeaudit.cli import main

    page = TABLES / "esri-japan" / "net-exports-real-sa-1980q1" / "table.html"
    assert main(["extract", str(page)]) == 0
    out, err = capsys.readouterr()
    assert not any(line.startswith("table:") for line in out.splitlines())
    assert "a unit statement" in err


def test_a_pages_prose_numbers_not_read_are_listed_by_audit_as_by_extract(tmp_path, capsys):
    """ONS's page: its table is read, its prose figures are not (months named without a
    year): `audit` lists each of those numbers as `extract` does, none dropped."""
    from tradeaudit.cli import main

    page = TABLES / "ons" / "uk-trade-2012-05-balances" / "table.html"
    assert main(["extract", str(page), "--out", str(tmp_path / "t.csv")]) == 0
    listed = [line for line in capsys.readouterr().err.splitlines() if "not interpreted:" in line]
    out = tmp_path / "r.json"
    main(["audit", str(page), "--format", "json", "--out", str(out)])
    unread = json.loads(out.read_text())["not_interpreted"]
    assert len(unread) == len(listed) > 10
    assert any(u["text"] == "£1.4 billion" for u in unread)
