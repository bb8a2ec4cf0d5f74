"""The tables of a text-based PDF as grids (pdfplumber); a scanned PDF is refused."""

from __future__ import annotations

from pathlib import Path

from tradeaudit.errors import TableError
from tradeaudit.read.grid import Cell, Grid, padded


def read_pdf_grids(path: Path, encoding: str | None = None) -> list[Grid]:
    """Each table pdfplumber finds (ruled, else aligned text), cells addressed `p2 r5 c3`
    (`p2 t2 r5 c3` for a page's second table); the page's text above it is its title."""
    import pdfplumber  # (about 100 ms: only for a PDF)
    from pdfminer.pdfparser import PDFSyntaxError

    grids: list[Grid] = []
    try:
        with pdfplumber.open(path) as pdf:
            if not any(page.chars for page in pdf.pages):
                raise TableError("a scanned PDF (no text layer): tradeaudit reads text-based "
                                 "PDFs; run OCR first or use the publisher's XLSX/CSV",
                                 path=str(path))
            for n, page in enumerate(pdf.pages, start=1):
                grids += _page_grids(page, n, str(path))
    except PDFSyntaxError as e:
        raise TableError(f"not a readable PDF: {e}", path=str(path)) from None
    return grids


def _page_grids(page, n: int, path: str) -> list[Grid]:
    tables = page.find_tables() or page.find_tables(
        {"vertical_strategy": "text", "horizontal_strategy": "text"})
    grids = []
    for t, table in enumerate(tables, start=1):
        tag = f"p{n}" if t == 1 else f"p{n} t{t}"
        rows = [[Cell((text or "").strip(), f"{tag} r{r + 1} c{c + 1}") for c, text in
                 enumerate(row)] for r, row in enumerate(table.extract())]
        top = table.bbox[1]
        above = page.crop((0, 0, page.width, max(top, 1))).extract_text() or ""
        grids.append(Grid(tag, padded(rows, lambda r, c, tag=tag: f"{tag} r{r + 1} c{c + 1}"),
                          path, [line for line in above.splitlines() if line.strip()]))
    return grids
