"""The tables of an HTML page as grids: colspan and rowspan repeated over the cells they span,
the page's text before each table kept as its title (the unit line is often there), and the
text after it (up to the next table) as its notes."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

from tradeaudit.errors import TableError
from tradeaudit.read.grid import Cell, Grid, column_letter, padded

_SKIP = ("script", "style", "noscript", "template")


class _Tables(HTMLParser):
    """Collects each outermost table's rows of (text, colspan, rowspan, indent)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[tuple]]]] = []
        self.depth = 0
        self.skip = 0
        self.text: list[str] = []  # page text since the last table (its title)
        self.cell: list[str] | None = None
        self.span = (1, 1, 0)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(([" ".join("".join(self.text).split())], []))
                self.text = []
        elif self.depth == 1 and tag == "tr":
            self.tables[-1][1].append([])
        elif self.depth == 1 and tag in ("td", "th"):
            style = (a.get("style") or "").replace(" ", "")
            indent = 1 if "padding-left" in style or "text-indent" in style else 0
            self.cell, self.span = [], (_int(a.get("colspan")), _int(a.get("rowspan")), indent)
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            if not self.tables[-1][1]:
                self.tables[-1][1].append([])
            self.tables[-1][1][-1].append(("".join(self.cell), *self.span))
            self.cell = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.depth:
            self.text.append(data)
        elif self.depth == 1 and data.strip():  # a <caption>: the table's title
            self.tables[-1][0].append(" ".join(data.split()))


def _int(text) -> int:
    try:
        return max(1, min(int(str(text).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def read_html_grids(path: Path, encoding: str | None = None) -> list[Grid]:
    """Each table of an HTML page (`table1`, `table2`, ...), cells addressed `table1!D7`."""
    try:
        text = path.read_bytes().decode(encoding or "utf-8-sig")
    except (OSError, UnicodeDecodeError, LookupError) as e:
        raise TableError(f"cannot read the page: {e}", path=str(path)) from None
    parser = _Tables()
    parser.feed(text)
    grids = []
    after = [t[0][0] for t in parser.tables[1:]] + [" ".join("".join(parser.text).split())]
    for n, (above, rows) in enumerate(parser.tables, start=1):
        name = f"table{n}"
        grids.append(Grid(name, placed(rows, name), str(path), [a for a in above if a],
                          [t for t in after[n - 1:n] if t]))
    return grids


def placed(rows: list[list[tuple]], name: str) -> list[list[Cell]]:
    """Rows of (text, colspan, rowspan, indent) laid on a grid, a span's text repeated over
    the cells it covers (marked `spanned`)."""
    grid: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        c = 0
        for raw, colspan, rowspan, indent in row:
            while (r, c) in grid:
                c += 1
            lead = len(raw) - len(raw.lstrip(" \u00a0\u3000"))
            text = " ".join(html.unescape(raw).split())
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = Cell(text, f"{name}!{column_letter(c + dc)}"
                                                  f"{r + dr + 1}", indent + (lead + 1) // 2,
                                                  (dr, dc) != (0, 0))
            c += colspan
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    out = [[grid.get((r, c), Cell("", f"{name}!{column_letter(c)}{r + 1}"))
            for c in range(width)] for r in range(height)]
    return padded(out, lambda r, c: f"{name}!{column_letter(c)}{r + 1}")
