"""Synthetic releases: consistent figure tables printed as a publisher would, and injected errors.

Used by the property tests and the benchmarks. True values are exact Decimals; every printed
figure is the true value rounded half-up at its printed precision, so a correct audit must
find a synthetic release consistent whatever subset of figures is printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, getcontext

import pandas as pd

getcontext().prec = 40

COLUMNS = ["id", "period", "segment", "flow", "stat", "value", "unit", "base", "qualifier",
           "source"]


@dataclass(frozen=True)
class Shape:
    """How big a synthetic release is."""

    years: int = 3
    industries: int = 3
    countries: int = 2
    crossed: bool = True  # also industry x country segments
    conversion: bool = True
    keep: float = 0.6  # share of possible figures that get printed


def _round(x: Decimal, decimals: int) -> str:
    q = x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    s = format(q, "f")
    return s[1:] if s.startswith("-") and q == 0 else s


def _segments(shape: Shape) -> list[str]:
    ind = [f"industry=i{k}" for k in range(shape.industries)]
    cty = [f"country=c{k}" for k in range(shape.countries)]
    segs = ["total"] + ind + cty
    if shape.crossed:
        segs += [f"country={c.split('=')[1]};industry={i.split('=')[1]}"
                 for i in ind[:2] for c in cty[:2]]
    return segs


def true_values(rng: random.Random, shape: Shape, first_year: int = 2019) -> dict:
    """Exact exports and imports per (year, segment), in USD."""
    out = {}
    segs = _segments(shape)
    for y in range(first_year, first_year + shape.years):
        for s in segs:
            scale = Decimal(10) ** (9 if s == "total" else 8)
            e = Decimal(rng.randint(1000, 200000)) / 1000 * scale
            i = Decimal(rng.randint(1000, 200000)) / 1000 * scale
            out[(str(y), s)] = (e, i)
    return out


def release(seed: int, shape: Shape = Shape()) -> pd.DataFrame:
    """A consistent figure table (contract 1), printed with publisher rounding."""
    rng = random.Random(seed)
    first = 2019
    tv = true_values(rng, shape, first)
    rate = Decimal(rng.randint(9000, 15000)) / 10  # KRW per USD, one per document
    rows: list[list[str]] = []

    def add(period, seg, flow, stat, value, unit, base=""):
        rows.append([f"f{len(rows)}", period, seg, flow, stat, value, unit, base, "", "synth"])

    def level(y, s, flow):
        e, i = tv[(y, s)]
        return {"exports": e, "imports": i, "volume": e + i, "balance": e - i,
                "ratio": e / i}[flow]

    years = sorted({y for y, _ in tv})
    segs = _segments(shape)
    for y in years:
        prev = str(int(y) - 1)
        for s in segs:
            for flow in ("exports", "imports", "volume", "balance", "ratio"):
                x = level(y, s, flow)
                if rng.random() < shape.keep:
                    if flow == "ratio":
                        add(y, s, flow, "level", _round(x, 2), "ratio")
                    elif rng.random() < 0.5:
                        add(y, s, flow, "level", _round(x / Decimal(10) ** 9, 3), "USD_bn")
                    else:
                        add(y, s, flow, "level", _round(x / Decimal(10) ** 6, 0), "USD_m")
                if shape.conversion and flow != "ratio" and rng.random() < shape.keep / 4:
                    add(y, s, flow, "level", _round(x * rate / Decimal(10) ** 12, 4), "KRW_tn")
                if (prev, s) not in tv:
                    continue
                x0 = level(prev, s, flow)
                if rng.random() < shape.keep and flow != "balance" and x0 != 0:
                    add(y, s, flow, "growth_pct", _round(100 * (x / x0 - 1), 1), "pct")
                if rng.random() < shape.keep / 2:
                    if flow == "ratio":
                        add(y, s, flow, "change", _round(x - x0, 2), "ratio")
                    else:
                        add(y, s, flow, "change", _round((x - x0) / Decimal(10) ** 9, 3),
                            "USD_bn")
                if s != "total" and flow in ("exports", "imports", "volume"):
                    if rng.random() < shape.keep / 2:
                        add(y, s, flow, "share_pct", _round(100 * x / level(y, "total", flow),
                                                            1), "pct", "total")
                    d_tot = level(y, "total", flow) - level(prev, "total", flow)
                    if rng.random() < shape.keep / 4 and abs(d_tot) > 0:
                        add(y, s, flow, "change_share_pct", _round(100 * (x - x0) / d_tot, 1),
                            "pct", "total")
            if y == years[-1] and s == "total" and int(y) - 2 >= first:
                base = str(int(y) - 2)
                add(y, s, "volume", "multiple", _round(level(y, s, "volume") /
                                                       level(base, s, "volume"), 2),
                    "times", base)
        # Ranks among industries by volume, where the order is clear beyond rounding.
        inds = [s for s in segs if s.startswith("industry=")]
        vols = sorted(((level(y, s, "volume"), s) for s in inds), reverse=True)
        if len(vols) > 1 and rng.random() < shape.keep:
            add(y, vols[0][1], "volume", "rank", "1", "rank", "industry")
    out = pd.DataFrame(rows, columns=COLUMNS)
    # The exact values behind the figures, for injecting errors that need them.
    out.attrs["truth"] = {(y, seg, flow): level(y, seg, flow) for (y, seg) in tv
                          for flow in ("exports", "imports", "volume", "balance", "ratio")}
    out.attrs["rate"] = rate
    return out


def inject(table: pd.DataFrame, row: int, factor: str) -> pd.DataFrame:
    """The same table with one printed value multiplied by `factor`, printed alike."""
    out = table.copy()
    value = Decimal(out.at[row, "value"])
    decimals = max(0, -value.as_tuple().exponent)
    out.at[row, "value"] = _round(value * Decimal(factor), decimals)
    return out
