"""Input formats: what each file suffix is (a figure table or a release text) and its reader.

The one place that decides a file's kind: the command line sends texts to `read.text` and
tables to `read.table`, whose `read_frame` takes the reader named here and refuses a text; a
table that is no figure table (a published wide table, any PDF) and the tables of an HTML
page go to `read.published`, by the grid reader named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TABLE = "table"  # a figure table (contract 1), read by tradeaudit.read.table
TEXT = "text"  # a release text whose figures tradeaudit.read.text extracts


@dataclass(frozen=True)
class Format:
    """How files with one suffix are read: their kind, and the reader of that kind's module."""

    suffix: str
    kind: str
    reader: str  # table: a key of read.table.READERS; text: plain or html (markup dropped)
    grid: str = ""  # how read.published reads its published (wide) tables, if it has any


FORMATS: dict[str, Format] = {f.suffix: f for f in (
    Format(".csv", TABLE, "delimited", "delimited"),
    Format(".tsv", TABLE, "delimited", "delimited"),
    Format(".parquet", TABLE, "parquet"),
    Format(".xlsx", TABLE, "sheet", "sheet"),
    Format(".xls", TABLE, "sheet"),
    Format(".pdf", TABLE, "", "pdf"),  # published tables only (read.pdf)
    Format(".txt", TEXT, "plain"),
    Format(".md", TEXT, "plain"),
    Format(".markdown", TEXT, "plain"),
    Format(".html", TEXT, "html", "html"),
    Format(".htm", TEXT, "html", "html"),
)}
TABLE_SUFFIXES = tuple(s for s, f in FORMATS.items() if f.kind == TABLE)
TEXT_SUFFIXES = tuple(s for s, f in FORMATS.items() if f.kind == TEXT)
# The suffixes a figure table (contract 1) can have: .pdf holds published tables only.
FIGURE_TABLE_SUFFIXES = tuple(s for s in TABLE_SUFFIXES if FORMATS[s].reader)


def format_of(path: Path) -> Format | None:
    """The format of a file by its suffix (any case); None for a suffix tradeaudit cannot read."""
    return FORMATS.get(Path(path).suffix.lower())


def kind_of(path: Path) -> str | None:
    """TABLE or TEXT by the file's suffix; None for a suffix tradeaudit cannot read."""
    fmt = format_of(path)
    return fmt.kind if fmt else None
