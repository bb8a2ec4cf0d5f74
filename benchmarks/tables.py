"""Extraction precision and recall of the published-table reader against hand-made gold.

For each `tests/tables/<publisher>/<slug>/` (table.*, gold.csv, meta.json), the table is read
as `tradeaudit audit` reads it (layout detected) and each figure read is matched to the gold
figure of the same cell (gold `source`: `Sheet1!D7`, `table.csv line 9 col 2`, `table.html row 5
col 3`). A figure is right when its period, flow, stat, unit and value equal the gold's and its
segment is the gold's under one consistent renaming (`total` only for `total`: segment names
are the reader's, ISO codes or slugs are the gold's); a gold figure left unread is never
right. Where the page prints no unit and the gold assumes one (meta `unit_assumed_in_gold`),
a figure is right read in the reader's `unstated` unit (counted apart: "of which unit not
stated"), wrong read in the assumed one (a guess). Each table read is then audited as read
(a table that reconciles by hand and is flagged is a false alarm), and a misprint (its
leading digit changed) is put into up to `--misprints` checked figures of it, one at a time:
found when the audit flags it, blamed when it is the first suspect (printed as a count and
as a share of those found). The sums a table's
layout shows (read.sums) are declared for its audit, as `tradeaudit audit` does; a table
declaring a sum over its rows also gets a misprint in a checked level of its total row and
of a member row. Prints per publisher.

    python benchmarks/tables.py [ROOT] [-v] [--misprints N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd

from tradeaudit.data import GAZETTEER
from tradeaudit.errors import TradeAuditError
from tradeaudit.model.units import UNSTATED
from tradeaudit.read.published import read_published
from tradeaudit.read.text import Lexicon, extract


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


def score(folder: Path, lexicon: Lexicon, verbose: bool) -> tuple[int, int, int, object, int,
                                                                  list]:
    """(figures read, gold figures, right, the frame read, of which right in no stated unit,
    the sums its layout shows: read.sums) for one table folder. A figure is right when read
    (an unread one never is). Where meta.json says the gold's unit is assumed
    (`unit_assumed_in_gold`: the page prints none), a figure read in that unit is wrong (a
    guess) and one read as `unstated` (the reader's unit for a table naming none) is right."""
    table = next(p for p in folder.iterdir() if p.stem == "table")
    gold = pd.read_csv(folder / "gold.csv", dtype=str, keep_default_na=False)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assumed = str(meta.get("unit_assumed_in_gold", "")).split(",")[0].split(" ")[0]
    try:
        reading = read_published(table, lexicon)
    except TradeAuditError as e:
        if verbose:
            print(f"  {folder.name}: refused: {e}")
        return 0, len(gold), 0, None, 0, []
    read = reading.frame
    # A page's text around its tables is read too, as `tradeaudit audit` reads it, where
    # the gold holds figures of it (a note under the table: `table.html note 1`; other
    # golds hold the table only): its figures count as read, and a gold figure in a note is
    # right when the text gives it.
    noted = table.suffix == ".html" and gold["source"].str.contains(r"note \d+$").any()
    texts = extract(table, lexicon, None, None, True).figures if noted else []
    mine = {}
    for row in read.itertuples(index=False):
        m = re.search(r"([A-Z]{1,3})(\d+)$", row.source)
        if m:
            mine[(int(m.group(2)), _col(m.group(1)), row.stat)] = row
        elif m := re.search(r"r(\d+) c(\d+)$", row.source):
            mine[(int(m.group(1)), int(m.group(2)), row.stat)] = row
    rename: dict[str, str] = {}
    right = unstated_right = 0
    for g in gold.itertuples(index=False):
        where = cell_of(g.source)
        r = mine.get((*where[1:], g.stat)) if where else _in_text(g, texts)
        unit = UNSTATED if assumed and g.unit == assumed else g.unit
        ok = r is not None and all(getattr(r, k) == getattr(g, k) for k in (
            "period", "flow", "stat")) and r.unit == unit and _number(r.value) == _number(
            g.value)
        if ok and (g.segment == "total") == (r.segment == "total"):
            ok = rename.setdefault(g.segment, r.segment) == r.segment
        else:
            ok = False
        right += ok
        unstated_right += ok and unit == UNSTATED
        if verbose and not ok:
            got = "nothing" if r is None else f"{r.period} {r.segment} {r.flow} {r.stat} " \
                  f"{r.value} {r.unit}"
            print(f"  {folder.name} {g.source}: gold {g.period} {g.segment} {g.flow} {g.stat} "
                  f"{g.value} {unit}; read {got}")
    if verbose:
        for e in reading.sums:
            print(f"  {folder.name}: sums {e['form']}: {e['reading']}")
    return len(read) + len(texts), len(gold), right, read, unstated_right, reading.sums


def _in_text(g, texts: list[dict]):
    """The text figure that gives a gold figure printed in a note, or None."""
    hit = next((f for f in texts if all(f[k] == getattr(g, k) for k in (
        "period", "flow", "stat", "unit")) and _number(f["value"]) == _number(g.value)), None)
    return None if hit is None else pd.Series(hit)


def audited(frame: pd.DataFrame, path: Path, sums: list | None = None):
    """The audit of a table read, as `tradeaudit audit` runs it (with the sums its layout
    shows declared)."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.data import FX_RATES, RULES
    from tradeaudit.model.rates import load_rates
    from tradeaudit.model.rules import load_rules, with_declared
    from tradeaudit.read.sums import merged
    from tradeaudit.read.table import load_tables

    rules = load_rules(RULES)
    expectations, shown = merged(sums or [])
    rules = with_declared(rules, expectations, tuple(shown)) if shown else rules
    table = load_tables([path], rules.flows, rules.ratio_flows, {path: frame})
    return audit(table, rules, load_rates(FX_RATES))


def misprinted(value: str) -> str:
    """The value with its leading digit changed (9 becomes 8, any other one more)."""
    i = next(i for i, ch in enumerate(value) if ch.isdigit())
    d = int(value[i])
    return value[:i] + str(8 if d == 9 else d + 1) + value[i + 1:]


def misprint_trials(frame: pd.DataFrame, path: Path, clean, n: int,
                    sums: list | None = None) -> tuple[int, int, int]:
    """(misprints tried, found, blamed first) on up to n checked figures, evenly spread."""
    checked = clean.figures.loc[clean.figures["status"] == "consistent", "id"].tolist()
    picks = checked[::max(1, len(checked) // n)][:n] if n else []
    return _trials(frame, path, picks, sums)


def _trials(frame: pd.DataFrame, path: Path, picks: list[str], sums: list | None):
    """(misprints tried, found, blamed first): each figure of `picks` misprinted in turn."""
    found = blamed = 0
    for fid in picks:
        bad = frame.copy()
        i = bad.index[bad["id"] == fid][0]
        bad.loc[i, "value"] = misprinted(str(bad.loc[i, "value"]))
        result = audited(bad, path, sums)
        flagged = result.verdict == "inconsistent" and any(
            fid in d.figures for d in result.discrepancies)
        found += flagged
        blamed += flagged and bool(result.suspects) and result.suspects[0].figure == fid
    return len(picks), found, blamed


def sum_trials(frame: pd.DataFrame, path: Path, clean, sums: list) -> tuple[int, int, int]:
    """(misprints tried, found, blamed first) in a total row's and a member row's checked
    level figure, for a table whose layout declares a sum over its rows (none otherwise)."""
    if not any(e["form"] != "off" and e["dimension"] != "periods" for e in sums):
        return 0, 0, 0
    ok = set(clean.figures.loc[clean.figures["status"] == "consistent", "id"])
    levels = frame[frame["id"].isin(ok) & (frame["stat"] == "level")]
    picks = [levels.loc[levels["role"] == role, "id"].iloc[0] for role in ("total", "member")
             if (levels["role"] == role).any()]
    return _trials(frame, path, picks, sums)


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("root", nargs="?", type=Path, default=Path("tests/tables"))
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--misprints", type=int, default=3, help="per table (0: none)")
    args = p.parse_args(argv)
    lexicon = Lexicon.load(GAZETTEER)
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    for gold in sorted(args.root.glob("*/*/gold.csv")):
        publisher = gold.parent.parent.name
        n_read, n_gold, right, frame, unstated_right, sums = score(gold.parent, lexicon,
                                                                   args.verbose)
        totals[publisher][8] += unstated_right
        alarm, trials, in_sums = 0, (0, 0, 0), (0, 0, 0)
        if frame is not None and len(frame):
            table = next(q for q in gold.parent.iterdir() if q.stem == "table")
            clean = audited(frame, table, sums)
            alarm = int(clean.verdict == "inconsistent")
            if alarm and args.verbose:
                print(f"  {gold.parent.name}: flagged as read: "
                      + "; ".join(d.message[:100] for d in clean.discrepancies[:3]))
            trials = misprint_trials(frame, table, clean, args.misprints, sums)
            in_sums = sum_trials(frame, table, clean, sums)
        for i, v in enumerate((1, n_read, n_gold, right, alarm, *trials)):
            totals[publisher][i] += v
        for i, v in enumerate(in_sums, start=9):
            totals[publisher][i] += v
    _print(totals)
    return 0


def _print(totals: dict) -> None:
    print("| publisher | tables | read | gold | right | of which unit not stated | precision | "
          "right of gold (strict) | flagged as read | misprints found | blamed first | "
          "blamed first of found | in a total or member row: found | blamed first |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    everything = [0] * 12
    for pub, t in sorted(totals.items()):
        everything = [a + b for a, b in zip(everything, t)]
        _row(pub, t)
    _row("all", everything)


def _row(name: str, t: list[int]) -> None:
    prec = f"{t[3] / t[1]:.3f}" if t[1] else "–"
    strict = f"{100 * t[3] / t[2]:.1f}%" if t[2] else "–"
    share = f"{100 * t[7] / t[6]:.0f}%" if t[6] else "–"
    print(f"| {name} | {t[0]} | {t[1]} | {t[2]} | {t[3]} | {t[8]} | {prec} | {strict} | {t[4]} | "
          f"{t[6]} of {t[5]} | {t[7]} | {share} | {t[10]} of {t[9]} | {t[11]} |")


if __name__ == "__main__":
    sys.exit(main())
