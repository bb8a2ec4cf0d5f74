"""Extraction precision and recall of the published-table reader against hand-made gold.

For each `tests/tables/<publisher>/<slug>/` (table.*, gold.csv, meta.json), the table is read
as `tradeaudit audit` reads it (layout detected) and each figure read is matched to the gold
figure of the same cell (gold `source`: `Sheet1!D7`, `table.csv line 9 col 2`, `table.html row 5
col 3`). A figure is right when its period, flow, stat, unit and value equal the gold's and its
segment is the gold's under one consistent renaming (`total` only for `total`: segment names
are the reader's, ISO codes or slugs are the gold's). Prints per publisher and overall.

    python benchmarks/tables.py [ROOT] [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd

from tradeaudit.data import GAZETTEER
from tradeaudit.errors import TradeAuditError
from tradeaudit.read.published import read_published
from tradeaudit.read.text import Lexicon


def cell_of(source: str) -> tuple[str, int, int] | None:
    """(sheet or table, row, column) 1-based of a gold `source`."""
    m = re.search(r"(?:(\S+)!)?([A-Z]{1,3})(\d+)$", source)
    if m:
        col = 0
        for ch in m.group(2):
            col = col * 26 + ord(ch) - 64
        return (m.group(1) or "", int(m.group(3)), col)
    m = re.search(r"(?:line|row|r)\s*(\d+),?\s+(?:col|c)\s*(\d+)", source)
    return ("", int(m.group(1)), int(m.group(2))) if m else None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", "").replace(" ", "").replace("△", "-"))
    except ArithmeticError:
        return None


def score(folder: Path, lexicon: Lexicon, verbose: bool) -> tuple[int, int, int]:
    """(figures read, gold figures, right) for one table folder."""
    table = next(p for p in folder.iterdir() if p.stem == "table")
    gold = pd.read_csv(folder / "gold.csv", dtype=str, keep_default_na=False)
    try:
        read = read_published(table, lexicon).frame
    except TradeAuditError as e:
        if verbose:
            print(f"  {folder.name}: refused: {e}")
        return 0, len(gold), 0
    mine = {}
    for row in read.itertuples(index=False):
        m = re.search(r"([A-Z]{1,3})(\d+)$", row.source)
        if m:
            mine[(int(m.group(2)), _col(m.group(1)))] = row
        elif m := re.search(r"r(\d+) c(\d+)$", row.source):
            mine[(int(m.group(1)), int(m.group(2)))] = row
    rename: dict[str, str] = {}
    right = 0
    for g in gold.itertuples(index=False):
        where = cell_of(g.source)
        r = mine.get(where[1:]) if where else None
        ok = r is not None and all(getattr(r, k) == getattr(g, k) for k in (
            "period", "flow", "stat", "unit")) and _number(r.value) == _number(g.value)
        if ok and (g.segment == "total") == (r.segment == "total"):
            ok = rename.setdefault(g.segment, r.segment) == r.segment
        else:
            ok = False
        right += ok
        if verbose and not ok:
            got = "nothing" if r is None else f"{r.period} {r.segment} {r.flow} {r.stat} " \
                  f"{r.value} {r.unit}"
            print(f"  {folder.name} {g.source}: gold {g.period} {g.segment} {g.flow} {g.stat} "
                  f"{g.value} {g.unit}; read {got}")
    return len(read), len(gold), right


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("root", nargs="?", type=Path, default=Path("tests/tables"))
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    lexicon = Lexicon.load(GAZETTEER)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for gold in sorted(args.root.glob("*/*/gold.csv")):
        publisher = gold.parent.parent.name
        n_read, n_gold, right = score(gold.parent, lexicon, args.verbose)
        for i, v in enumerate((1, n_read, n_gold, right)):
            totals[publisher][i] += v
    print("| publisher | tables | read | gold | right | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    all_ = [0, 0, 0, 0]
    for pub, t in sorted(totals.items()) + [("all", None)]:
        t = t or all_
        if pub != "all":
            all_ = [a + b for a, b in zip(all_, t)]
        prec = f"{t[3] / t[1]:.2f}" if t[1] else "–"
        rec = f"{t[3] / t[2]:.2f}" if t[2] else "–"
        print(f"| {pub} | {t[0]} | {t[1]} | {t[2]} | {t[3]} | {prec} | {rec} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
