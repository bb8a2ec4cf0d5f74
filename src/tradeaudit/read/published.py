"""Published tables as figures: a wide CSV, sheet, HTML or PDF table as contract-1 rows, with
every number it could not read listed with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tradeaudit.errors import TableError
from tradeaudit.model.figures import REQUIRED
from tradeaudit.model.units import parse_unit
from tradeaudit.read.formats import format_of
from tradeaudit.read.grid import Grid, column_letter
from tradeaudit.read.headings import clean, period_before
from tradeaudit.read.layout import Layout
from tradeaudit.read.sums import declarations, derive
from tradeaudit.read.wide import _column_index, detect, read_cell

# Provenance and review columns added to contract 1 (README, "Published tables").
COLUMNS = ("id", "period", "segment", "flow", "stat", "value", "unit", "base", "qualifier",
           "source", "label", "header", "role", "parent", "flag", "note", "reading",
           "span_path", "span_start", "span_end")


@dataclass
class TableReading:
    """What was read from one published table file: figure rows, numbers not interpreted,
    the tables as text (for the HTML report), and the layouts used."""

    path: str
    frame: pd.DataFrame
    unread: list[dict] = field(default_factory=list)
    text: str = ""
    layouts: list[Layout] = field(default_factory=list)
    sums: list[dict] = field(default_factory=list)  # read.sums: what its layout adds up


def grids_of(path: Path, encoding: str | None = None) -> list[Grid]:
    """The tables in a file, by its format's grid reader."""
    fmt = format_of(path)
    if fmt is None or not fmt.grid:
        raise TableError("not a format published tables are read from", path=str(path))
    if fmt.grid == "delimited":
        from tradeaudit.read.grid import read_delimited_grid as reader
    elif fmt.grid == "sheet":
        from tradeaudit.read.grid import read_sheet_grid as reader
    elif fmt.grid == "html":
        from tradeaudit.read.html_table import read_html_grids as reader
    else:
        from tradeaudit.read.pdf import read_pdf_grids as reader
    return reader(path, encoding)


def is_figure_table(path: Path, encoding: str | None = None, least: int = 3) -> bool:
    """Whether a CSV or sheet is a figure table (contract 1): a row among its first 50 names
    three or more (`least`) of the required columns (a misspelt one is then reported)."""
    fmt = format_of(path)
    if fmt is None or fmt.reader in ("parquet",):
        return True
    if not fmt.grid or fmt.grid not in ("delimited", "sheet"):
        return False
    try:
        if fmt.grid == "delimited":
            from tradeaudit.read.table import decode

            head = decode(path.read_bytes()[:1 << 16], str(path), encoding).splitlines()[:50]
            if not any(line.strip() for line in head):
                return True  # empty: the figure-table reader says so
            rows = [[c.strip().strip('"') for c in line.replace(";", ",").replace(
                "\t", ",").replace("|", ",").split(",")] for line in head]
        else:
            rows = _sheet_head(path)
    except (TableError, UnicodeDecodeError):
        return True  # let the figure-table reader say what is wrong
    return any(len(set(REQUIRED) & set(row)) >= least for row in rows)


def names_a_column(path: Path, encoding: str | None = None) -> bool:
    """Whether a table that is no published table names a required column (`id`, `value`):
    a figure table with columns missing, which its loader reports."""
    return is_figure_table(path, encoding, least=1)


def _sheet_head(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (the figure-table reader reports an unreadable file)
        return [list(REQUIRED)]
    rows = [[str(v).strip() for v in row if v is not None]
            for row in book.worksheets[0].iter_rows(max_row=50, values_only=True)]
    book.close()
    return rows


def read_published(path: Path, lexicon, layouts: list[Layout] | None = None,
                   encoding: str | None = None) -> TableReading:
    """Figures of every table in a file, by the given layouts (matched by table name) or
    the detected ones; a file without a table of numbers is a TableError."""
    grids = grids_of(path, encoding)
    reading = TableReading(str(path), pd.DataFrame(columns=COLUMNS))
    rows: list[dict] = []
    for grid in grids:
        layout = _layout_for(grid, layouts, lexicon)
        offset = len(reading.text)
        text, spans = render(grid)
        reading.text += text + "\n"
        if layout is None:
            figures, unread = [], _unread_grid(grid, str(path), layouts is not None)
        else:
            reading.layouts.append(layout)
            figures, unread = figures_of(grid, layout, str(path))
            reading.sums += sums_of(grid, layout, str(path))
        for item in figures + unread:
            start, end = spans[item.pop("_cell")]
            key = ("span_start", "span_end") if "id" in item else ("start", "end")
            item[key[0]], item[key[1]] = offset + start, offset + end
        rows += figures
        reading.unread += unread
    if not reading.layouts:
        raise TableError("no table of figures found (no row of printed numbers after a "
                         "label); is it a scanned page, or a figure table?", path=str(path))
    reading.frame = pd.DataFrame(rows, columns=[*COLUMNS, "_row"])
    return reading


def sums_of(grid: Grid, layout: Layout, path: str) -> list[dict]:
    """The sums the table's layout shows (read.sums), each with its table, form, why, and
    the expectation it declares (None when off); the layout's `sums` set as read."""
    first, last = layout.body_rows
    texts = [clean(cell.text) for r, row in enumerate(grid.rows) if not first - 1 <= r < last
             for cell in row] + list(grid.above) + list(grid.below)
    derive(layout, texts)
    declared = {d["kwargs"].get("dimension", "periods"): d for d in declarations(layout)}
    table = path + (f"!{grid.name}" if grid.name else "")
    return [{"table": table, "dimension": dim, "form": form,
             "reading": layout.sums_reading.get(dim, ""), "expectation": declared.get(dim)}
            for dim, form in layout.sums.items()]


def _unread_grid(grid: Grid, path: str, given: bool) -> list[dict]:
    """The numbers of a table no layout reads, each listed with the reason."""
    why = (f"no layout given for table {grid.name!r}" if given else
           f"table {grid.name or 1!r}: no body of labelled numbers found (give a layout)")
    return [{"path": path, "line": r + 1, "text": clean(cell.text),
             "reason": f"{cell.ref}: {why}", "_cell": (r, c)}
            for r, row in enumerate(grid.rows) for c, cell in enumerate(row)
            if not cell.spanned and read_cell(cell.text).value]


def _layout_for(grid: Grid, layouts: list[Layout] | None, lexicon) -> Layout | None:
    if layouts is None:
        return detect(grid, lexicon)
    return next((lay for lay in layouts if lay.table in (grid.name, "")), None)


def render(grid: Grid) -> tuple[str, dict]:
    """A grid as aligned text (cells joined by " | "), and each cell's span in it."""
    widths = [max((len(clean(r[c].text)) for r in grid.rows if c < len(r)), default=0)
              for c in range(grid.width)]
    lines, spans, at = [], {}, 0
    for r, row in enumerate(grid.rows):
        parts = []
        for c, cell in enumerate(row):
            text = clean(cell.text)
            pos = at + sum(len(p) + 3 for p in parts)
            spans[(r, c)] = (pos, pos + max(len(text), 1))
            parts.append(text.ljust(widths[c]))
        line = " | ".join(parts).rstrip()
        lines.append(line)
        at += len(line) + 1
    return "\n".join(lines), spans


def figures_of(grid: Grid, layout: Layout, path: str) -> tuple[list[dict], list[dict]]:
    """Figure rows for the body's number cells, and the cells not interpreted (why)."""
    stub = {_column_index(c) for c in layout.stub_columns}
    columns = {_column_index(k): (k, v) for k, v in layout.columns.items()}
    first, last = layout.body_rows
    figures, unread = [], []
    for r in range(first - 1, min(last, len(grid.rows))):
        spec = layout.rows.get(str(r + 1))
        for c, cell in enumerate(grid.rows[r]):
            if c in stub or not clean(cell.text) or cell.spanned:
                continue
            value = read_cell(cell.text)
            letter, col = columns.get(c, (column_letter(c), {"skip": "not in the layout"}))
            reason = value.reason or _why_not(spec, col, letter)
            if reason:
                unread.append({"path": path, "line": r + 1, "text": clean(cell.text),
                               "reason": f"{cell.ref}: {reason}", "_cell": (r, c)})
                continue
            figure = _figure(cell, value, spec, col, path, r, c)
            if isinstance(figure, str):
                unread.append({"path": path, "line": r + 1, "text": clean(cell.text),
                               "reason": f"{cell.ref}: {figure}", "_cell": (r, c)})
                continue
            figures.append(figure)
            if value.paired:
                paired = _paired(figure, value, layout)
                if isinstance(paired, str):
                    unread.append({"path": path, "line": r + 1, "text": value.paired,
                                   "reason": f"{cell.ref}: {paired}", "_cell": (r, c)})
                else:
                    figures.append(paired)
    return _negative_levels(figures, unread, path)


def _paired(figure: dict, value, layout: Layout) -> dict | str:
    """The growth printed beside a level ("578.4(12.9%↑)"), or why it is not read."""
    if figure["stat"] != "level":
        return f"a percentage beside a {figure['stat']} figure"
    if not (value.arrow or layout.paired == "growth_pct"):
        return ("a percentage in parentheses beside a level: growth or share? (no arrow, and "
                "the title names no growth; set `paired` in the layout)")
    return {**figure, "id": figure["id"] + ".g", "stat": "growth_pct", "value": value.paired,
            "unit": "pct", "reading": figure["reading"] + ";stat=beside"}


# Flows whose level is never negative: a column printing one negative is something else.
_NONNEGATIVE = ("exports", "imports", "volume")


def _negative_levels(figures: list[dict], unread: list[dict], path: str):
    """Figures and unread cells, a column with a negative level of exports, imports or volume
    moved to unread: an adjustment or a difference, not that flow's level."""
    bad = {f["_cell"][1] for f in figures if f["stat"] == "level"
           and f["flow"] in _NONNEGATIVE and f["value"].startswith("-")}
    if not bad:
        return figures, unread
    for f in (f for f in figures if f["_cell"][1] in bad):
        unread.append({"path": path, "line": f["_row"], "text": f["value"], "_cell": f["_cell"],
                       "reason": f"{f['source']}: its column prints a negative {f['flow']} "
                                 "level (an adjustment or a difference?): not read as a level"})
    return [f for f in figures if f["_cell"][1] not in bad], unread


def _why_not(spec: dict | None, col: dict, letter: str) -> str:
    if spec is None:
        return "its row has no label"
    if "skip" in spec:
        return f"row {spec.get('label', '')!r}: {spec['skip']}"
    if "skip" in col and not (spec.get("stat") and col["skip"].startswith("no unit")):
        return f"column {letter} ({col.get('header', '')}): {col['skip']}"
    if spec.get("stat"):  # a percentage row (growth beneath a level): no amount unit needed
        return ""
    try:
        parse_unit(col.get("unit", ""))
    except ValueError as e:
        return f"column {letter}: {e}"
    return ""


def _figure(cell, value, spec: dict, col: dict, path: str, r: int, c: int) -> dict | str:
    """A figure row for a number cell, or why the cell is not one."""
    periods = {p for p in (spec.get("period"), col.get("period")) if p}
    if len(periods) != 1:
        return ("its row and column name different periods (" + ", ".join(sorted(periods))
                + ")") if periods else "no period named in its row, column or the title"
    col_flow = col.get("flow")
    if spec.get("flow") and "flow=title" in col.get("reading", ""):
        col_flow = None  # the row names its flow; the title's is a default for columns
    flows = {f for f in (spec.get("flow"), col_flow) if f}
    if len(flows) != 1:
        return ("its row and column name different flows (" + ", ".join(sorted(flows))
                + ")") if flows else "no flow named in its row, column or the title"
    period, stat, flow = periods.pop(), spec.get("stat") or col["stat"], flows.pop()
    if spec.get("stat") and col["stat"] not in ("level", spec["stat"]):
        return f"its row is {spec['stat']} and its column {col['stat']}"
    unit = "pct" if spec.get("stat") else col["unit"]
    base = col.get("base", "")
    if stat == "pop_pct":  # a change on the previous period (for a year: year on year)
        stat, base = "growth_pct", period_before(period) if len(period) != 4 else ""
    printed = value.value
    if -1 in (col.get("sign"), spec.get("sign")):  # a deficit, or debits printed negative
        if stat == "change":
            return ("a change of a figure printed with its sign reversed (a deficit, debits): "
                    "whether it changes the printed or the signed figure is not said")
        if stat == "level":  # (a growth rate is the same of either)
            printed = printed[1:] if printed.startswith("-") else "-" + printed
    return {"id": cell.ref.replace(" ", ""), "period": period,
            "segment": _segment(spec["segment"], col.get("segment", "")),
            "flow": flow, "stat": stat,
            "value": printed, "unit": unit, "base": base,
            "qualifier": "", "source": cell.ref, "label": spec.get("label", ""),
            "header": col.get("header", ""), "role": spec.get("role", ""),
            "parent": spec.get("parent", ""), "flag": value.flag, "note": value.note,
            "reading": col.get("reading", "") + (";stat=row-beneath" if spec.get("stat") else ""),
            "span_path": path, "_row": r + 1,
            "_cell": (r, c)}


def _segment(row: str, column: str) -> str:
    """A row's segment within a column's (`series=census`), `total` when neither has one."""
    parts = [p for p in (row, column) if p and p != "total"]
    return ";".join(parts) or "total"
