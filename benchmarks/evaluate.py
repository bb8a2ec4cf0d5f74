"""Evaluation harness: inject known printing errors into generated releases and score the audit.

    python benchmarks/evaluate.py --releases 500 --seed 1

For each release: audit it clean (a report of inconsistency is a false positive), then inject
one error of a class (round robin), audit again, and score detection, top-1 localization, the
cause and the restored value. A share of releases (--multi) get two or three errors at once.
Only errors that move a checked figure beyond its rounding slack count as detectable.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd

from tradeaudit.audit.engine import audit
from tradeaudit.model.printed import normalize_printed
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables
from tradeaudit.testing import synth

ROOT = Path(__file__).resolve().parents[1]
CLASSES = ("scale-slip", "transposed-digits", "wrong-digit", "dropped-digit", "doubled-digit",
           "decimal-shift", "sign-flip", "swapped-flows", "percent-vs-points", "wrong-base",
           "other-rate")
SHAPE = synth.Shape(years=3, industries=2, countries=2, crossed=False, conversion=True,
                    keep=0.6)


def _digits(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c.isdigit()]


def _fmt(x: Decimal, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like else 0
    return synth._round(x, decimals)


def inject(table: pd.DataFrame, cls: str, rng: random.Random, candidates: set[str]
           ) -> tuple[pd.DataFrame, list[str]] | None:
    """Apply one error of class `cls` to a checked figure; returns the table and the ids hit."""
    t = table.copy()
    truth = table.attrs["truth"]
    rows = t[t["id"].isin(candidates)]
    if cls == "scale-slip":
        rows = rows[rows["unit"].str.contains("_")]
    elif cls == "sign-flip":
        rows = rows[rows["value"].map(lambda v: Decimal(v) != 0)]
    elif cls == "swapped-flows":
        ex = rows[(rows["flow"] == "exports") & (rows["stat"] == "level")]
        pairs = ex.merge(t[(t["flow"] == "imports") & (t["stat"] == "level")],
                         on=["period", "segment", "unit"], suffixes=("", "_i"))
        pairs = pairs[pairs["value"] != pairs["value_i"]]
        if pairs.empty:
            return None
        p = pairs.iloc[rng.randrange(len(pairs))]
        t.loc[t["id"] == p["id"], "value"] = p["value_i"]
        t.loc[t["id"] == p["id_i"], "value"] = p["value"]
        return t, [p["id"], p["id_i"]]
    elif cls == "percent-vs-points":
        rows = rows[(rows["flow"] == "ratio") & (rows["stat"] == "growth_pct")]
    elif cls == "wrong-base":
        rows = rows[(rows["stat"] == "growth_pct") & (rows["flow"] != "ratio")]
        rows = rows[rows.apply(lambda r: (str(int(r["period"]) - 2), r["segment"], r["flow"])
                               in truth, axis=1)]
    elif cls == "other-rate":
        rows = rows[rows["unit"].str.startswith("KRW")]
    else:
        rows = rows[rows["value"].str.count(r"\d") >= 2]
    if rows.empty:
        return None
    r = rows.iloc[rng.randrange(len(rows))]
    i, v = r.name, r["value"]
    if cls == "scale-slip":
        cur, scale = r["unit"].split("_")
        options = {"USD": ["m", "bn", "tn"], "KRW": ["bn", "tn", "100m"]}[cur]
        t.at[i, "unit"] = f"{cur}_{rng.choice([s for s in options if s != scale])}"
    elif cls == "transposed-digits":
        d = _digits(v)
        spots = [a for a, b in pairwise(d) if b == a + 1 and v[a] != v[b]]
        if not spots:
            return None
        a = rng.choice(spots)
        t.at[i, "value"] = v[:a] + v[a + 1] + v[a] + v[a + 2:]
    elif cls == "wrong-digit":
        a = rng.choice(_digits(v))
        t.at[i, "value"] = v[:a] + rng.choice([c for c in "0123456789" if c != v[a]]) + v[a + 1:]
    elif cls == "dropped-digit":
        a = rng.choice(_digits(v))
        t.at[i, "value"] = v[:a] + v[a + 1:]
        if t.at[i, "value"].endswith(".") or t.at[i, "value"] in ("", "-"):
            return None
    elif cls == "doubled-digit":
        a = rng.choice(_digits(v))
        t.at[i, "value"] = v[:a] + v[a] + v[a:]
    elif cls == "decimal-shift":
        x = Decimal(v).scaleb(rng.choice([-1, 1]))
        t.at[i, "value"] = format(x, "f")
    elif cls == "sign-flip":
        t.at[i, "value"] = v[1:] if v.startswith("-") else "-" + v
    elif cls == "percent-vs-points":
        y, prev = r["period"], str(int(r["period"]) - 1)
        x1, x0 = truth[(y, r["segment"], "ratio")], truth[(prev, r["segment"], "ratio")]
        t.at[i, "value"] = _fmt(100 * (x1 - x0), v)
    elif cls == "wrong-base":
        y2 = str(int(r["period"]) - 2)
        x1, x2 = truth[(r["period"], r["segment"], r["flow"])], truth[(y2, r["segment"],
                                                                          r["flow"])]
        t.at[i, "value"] = _fmt(100 * (x1 / x2 - 1), v)
    elif cls == "other-rate":
        x = truth[(r["period"], r["segment"], r["flow"])] * table.attrs["rate"] * Decimal("1.1")
        t.at[i, "value"] = _fmt(x / Decimal(10) ** {"tn": 12, "bn": 9, "100m": 8}[
            r["unit"].split("_")[1]], v)
    if t.at[i, "value"] == v and t.at[i, "unit"] == r["unit"]:
        return None
    if normalize_printed(t.at[i, "value"]) != t.at[i, "value"].lstrip("+"):
        return None  # the slip made something that is not a number at all
    return t, [r["id"]]


def _audit(table: pd.DataFrame, rules, workdir: Path):
    path = workdir / "release.csv"
    table.to_csv(path, index=False)
    return audit(load_tables([path], rules.flows, rules.ratio_flows), rules)


def _detectable(clean_fig: pd.DataFrame, bad: pd.DataFrame, ids: list[str]) -> bool:
    """The injected figure's printed interval misses what the others allowed, clean."""
    from tradeaudit.model.printed import parse_printed
    from tradeaudit.model.units import parse_unit
    for fid in ids:
        row = bad[bad["id"] == fid].iloc[0]
        c = clean_fig[clean_fig["id"] == fid].iloc[0]
        if c["status"] != "consistent":
            return False
        p = parse_printed(row["value"])
        lo, hi = (float(b) for b in p.bounds)
        orig_unit = parse_unit(c["unit"]) if "unit" in c else None
        unit = parse_unit(row["unit"])
        if unit.kind == "currency" and orig_unit is not None:
            k = float(unit.factor / orig_unit.factor)
            lo, hi = lo * k, hi * k
        if not (hi < c["low"] or lo > c["high"]):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--releases", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--multi", type=float, default=0.1, help="share of releases with 2-3 errors")
    args = ap.parse_args(argv)
    rules = load_rules(ROOT / "expectations" / "technology_trade.json")
    rng = random.Random(args.seed)
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    false_pos = clean_runs = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in range(args.releases):
            if n and n % 50 == 0:
                print(f"... {n} releases, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            table = synth.release(args.seed * 1_000_003 + n, SHAPE)
            clean = _audit(table, rules, work)
            clean_runs += 1
            if clean.verdict != "consistent":
                false_pos += 1
                continue
            figs = clean.figures.assign(unit=table["unit"].to_numpy())
            checked = set(figs.loc[(figs["status"] == "consistent") &
                                   np.isfinite(figs["low"]) & np.isfinite(figs["high"]), "id"])
            checked -= set(table.loc[table["stat"] == "rank", "id"])
            k = 1 if rng.random() >= args.multi else rng.choice([2, 3])
            bad, hit, classes = table, [], []
            for _ in range(k):
                cls = CLASSES[(n + len(classes)) % len(CLASSES)]
                got = inject(bad, cls, rng, checked - set(hit))
                if got is None:
                    continue
                bad, ids = got
                bad.attrs = table.attrs
                hit += ids
                classes.append((cls, ids))
            if not classes:
                continue
            name = classes[0][0] if k == 1 else f"{len(classes)} errors"
            s = stats[name]
            s["injected"] += 1
            if not _detectable(figs, bad, hit):
                s["not detectable"] += 1
                continue
            s["detectable"] += 1
            result = _audit(bad, rules, work)
            if result.verdict != "inconsistent":
                continue
            s["detected"] += 1
            blamed = set(result.figures.loc[result.figures["status"] == "inconsistent", "id"])
            top = result.suspects[0] if result.suspects else None
            if k == 1:
                ids = classes[0][1]
                s["top-1"] += bool(top and top.figure in ids)
                sug = {sp.figure: sp.suggestion for sp in result.suspects}.get(ids[0])
                s["cause"] += bool(sug and sug.cause == name)
                orig = table[table["id"] == ids[0]].iloc[0]
                s["restored"] += bool(sug and sug.printed == orig["value"] and
                                      sug.unit == orig["unit"])
            else:
                s["top-1"] += bool(top and top.figure in hit)
                s["all blamed"] += set(hit) <= blamed
    elapsed = time.perf_counter() - t0
    print(f"{args.releases} releases (seed {args.seed}), {elapsed:.1f} s; false positives on "
          f"clean releases: {false_pos}/{clean_runs}")
    cols = ["injected", "detectable", "detected", "top-1", "cause", "restored"]
    print(f"{'class':<20}" + "".join(f"{c:>12}" for c in cols))
    for name in list(CLASSES) + ["2 errors", "3 errors"]:
        s = stats.get(name)
        if not s:
            continue
        det = max(s["detectable"], 1)
        cells = [str(s["injected"]), str(s["detectable"]),
                 f"{100 * s['detected'] / det:.1f}%", f"{100 * s['top-1'] / det:.1f}%"]
        if name.endswith("errors"):
            cells += [f"all {100 * s['all blamed'] / det:.0f}%", "—"]
        else:
            cells += [f"{100 * s['cause'] / det:.1f}%", f"{100 * s['restored'] / det:.1f}%"]
        print(f"{name:<20}" + "".join(f"{c:>12}" for c in cells))
    total = {k: sum(s[k] for s in stats.values()) for k in ("detectable", "detected", "top-1")}
    d = max(total["detectable"], 1)
    print(f"{'all':<20}{'':>12}{total['detectable']:>12}{100 * total['detected'] / d:>11.1f}%"
          f"{100 * total['top-1'] / d:>11.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
