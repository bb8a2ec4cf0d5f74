"""A published table as a grid of printed cells, each with where it was printed."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from tradeaudit.errors import TableError


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: its text, its address (`Sheet1!D7`, `p2 r5 c3`), its indent level,
    and whether it repeats a merged range's first cell (`spanned`)."""

    text: str
    ref: str
    indent: int = 0
    spanned: bool = False


@dataclass
class Grid:
    """The cells of one table, row by row (rows padded to one width), numbered from 1."""

    name: str  # sheet name, `table1`, `p2 t1`
    rows: list[list[Cell]]
    path: str = ""
    above: list[str] = field(default_factory=list)  # text printed above the table (HTML, PDF)
    below: list[str] = field(default_factory=list)  # text printed after it (HTML): notes

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text(self, r: int, c: int) -> str:
        row = self.rows[r]
        return row[c].text if c < len(row) else ""


def column_letter(c: int) -> str:
    """Spreadsheet column letters of a 0-based column (0 -> A, 27 -> AB)."""
    out = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def padded(rows: list[list[Cell]], ref) -> list[list[Cell]]:
    """Rows padded with empty cells (addressed by `ref(r, c)`) to the widest row."""
    width = max((len(r) for r in rows), default=0)
    return [row + [Cell("", ref(r, c)) for c in range(len(row), width)]
            for r, row in enumerate(rows)]


def read_delimited_grid(path: Path, encoding: str | None = None) -> list[Grid]:
    """A CSV/TSV file's cells; each addressed as a spreadsheet would (`D7`: line 7)."""
    from tradeaudit.read.table import decode

    text = decode(path.read_bytes(), str(path), encoding)
    lines = text.splitlines()[:20]
    sep = "\t" if path.suffix.lower() == ".tsv" else max(
        (",", ";", "\t", "|"), key=lambda d: (sum(line.count(d) for line in lines), d == ","))
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    cells = [[Cell(t.strip(), f"{column_letter(c)}{r + 1}", _indent(t)) for c, t in
              enumerate(row)] for r, row in enumerate(rows)]
    return [Grid("", padded(cells, lambda r, c: f"{column_letter(c)}{r + 1}"), str(path))]


def _indent(text: str) -> int:
    """Indent level of a label printed with leading spaces (two spaces a level)."""
    spaces = len(text) - len(text.lstrip(" \u3000\u00a0"))
    return (spaces + 1) // 2


def read_sheet_grid(path: Path, encoding: str | None = None) -> list[Grid]:
    """Every sheet of a workbook as displayed: numbers at their format's decimals, merged
    ranges repeated over their cells (marked `spanned`), indents from the alignment."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as e:
        raise TableError(f"cannot read the workbook: {str(e).splitlines()[0]}",
                         path=str(path)) from None
    grids = []
    for sheet in book.worksheets:
        rows = [[Cell(displayed(cell), f"{sheet.title}!{cell.coordinate}",
                      int(cell.alignment.indent or 0) if cell.alignment else 0)
                 for cell in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            first = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                        rows[r][c] = Cell(first.text, rows[r][c].ref, first.indent, True)
        grids.append(Grid(sheet.title, rows, str(path)))
    return grids


def displayed(cell) -> str:
    """A cell's value as the sheet shows it: a number at its format's decimals (a percent
    format times 100), text as typed."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    fmt = str(cell.number_format or "General").split(";")[0]
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if fmt == "General" or not any(ch in fmt for ch in "0#"):
        return format(number.normalize(), "f") if number == number.to_integral() else repr(value)
    if "%" in fmt:
        number *= 100
    decimals = sum(ch in "0#" for ch in fmt.split(".", 1)[1]) if "." in fmt else 0
    shown = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format(shown, ",f" if "," in fmt else "f")
