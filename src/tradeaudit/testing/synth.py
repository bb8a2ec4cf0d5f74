"""Synthetic releases: consistent figure tables printed as a publisher would, and injected errors.

Used by the property tests and the benchmarks. True values are exact Decimals; every printed
figure is the true value rounded half-up at its printed precision, so a correct audit must
find a synthetic release consistent whatever subset of figures is printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, getcontext

import numpy as np
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


# ---------------------------------------------------------------------------------------------
# Big releases for benchmarks: the same kinds of figures, generated column-wise.
#
# True values are integers (thousands of dollars) held as Python ints in object arrays, so every
# printed figure is exact integer arithmetic rounded half away from zero, like `_round`: no
# float ever decides a printed digit.


@dataclass(frozen=True)
class BigShape:
    """A release of products x partners (two dimensions, crossed, plus each dimension's
    members and the total) over years of months, or of years when `months` is 0."""

    products: int = 10
    partners: int = 10
    years: int = 3
    months: int = 12
    keep: float = 0.6
    conversion: bool = True

    @staticmethod
    def for_figures(figures: int, years: int = 3, months: int = 12) -> BigShape:
        """A shape of about `figures` figures (about 8.5 are printed per period and segment;
        products x partners, their members and the total make (products + 1)(partners + 1)
        segments)."""
        periods = years * max(months, 1)
        segments = max(4.0, figures / periods / 8.5)
        side = max(2, round(segments ** 0.5))
        return BigShape(products=side - 1, partners=max(1, round(segments / side) - 1),
                        years=years, months=months)


def _div_half_up(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den rounded half away from zero, exactly (object arrays of Python ints)."""
    neg = (num < 0) != (den < 0)
    a, b = np.abs(num), np.abs(den)
    q = (2 * a + b) // (2 * b)
    return np.where(neg, -q, q)


def _fixed(q: np.ndarray, decimals: int) -> np.ndarray:
    """Integers counted in units of 10^-decimals, as printed decimals ("-0.5", "12.000")."""
    q = q.astype(np.int64)
    sign = np.where(q < 0, "-", "")
    a = np.abs(q)
    if decimals == 0:
        return np.char.add(sign, a.astype(str)).astype(object)
    scale = 10 ** decimals
    whole = (a // scale).astype(str)
    frac = np.char.zfill((a % scale).astype(str), decimals)
    return np.char.add(np.char.add(np.char.add(sign, whole), "."), frac).astype(object)


def big_release(seed: int, shape: BigShape) -> pd.DataFrame:
    """A consistent figure table (contract 1) of about shape's size, printed with publisher
    rounding, built column-wise (seconds for a million figures)."""
    rng = np.random.default_rng(seed)
    first = 2021
    years = [str(first + k) for k in range(shape.years)]
    months = [f"{m:02d}" for m in range(1, shape.months + 1)]
    periods = [y + ("-" + m if months else "") for y in years for m in (months or [""])]
    n_per = len(periods)
    per_year = max(len(months), 1)
    prods = [f"p{k:03d}" for k in range(shape.products)]
    parts = [f"c{k:03d}" for k in range(shape.partners)]
    # Crossed cells (period, product, partner) in thousands of dollars; members and the total
    # are their sums, so a hierarchy rule would hold too.
    shp = (n_per, shape.products, shape.partners)
    flows = {}
    for flow in ("exports", "imports"):
        base = rng.integers(1_000, 2_000_000, size=shp[1:])
        drift = rng.integers(700, 1400, size=shp) / 1000  # keeps series plausible year on year
        flows[flow] = np.maximum(1, (base[None] * drift).astype(np.int64))
    seg_names = (["total"] + [f"product={p}" for p in prods] + [f"partner={c}" for c in parts] +
                 [f"partner={c};product={p}" for p in prods for c in parts])
    levels = {}
    for flow, x in flows.items():
        levels[flow] = np.concatenate([x.sum(axis=(1, 2))[:, None], x.sum(axis=2),
                                       x.sum(axis=1), x.reshape(n_per, -1)], axis=1
                                      ).astype(object)
    e, i = levels["exports"], levels["imports"]
    n_seg = len(seg_names)
    rate10 = int(rng.integers(9000, 15000))  # KRW per USD, one decimal, one per document
    period_of = np.repeat(np.array(periods, dtype=object), n_seg)
    seg_of = np.tile(np.array(seg_names, dtype=object), n_per)
    has_prev = np.repeat(np.arange(n_per) >= per_year, n_seg)
    prev = np.roll(np.arange(n_per), per_year)
    is_total = np.tile(np.array(seg_names) == "total", n_per)
    parts_out: list[pd.DataFrame] = []

    def emit(mask, flow, stat, value, unit, base=""):
        keep = mask & (rng.random(len(mask)) < shape.keep)
        parts_out.append(pd.DataFrame({
            "period": period_of[keep], "segment": seg_of[keep], "flow": flow, "stat": stat,
            "value": value[keep], "unit": unit, "base": base}))

    everywhere = np.ones(n_per * n_seg, dtype=bool)
    amounts = {"exports": e, "imports": i, "volume": e + i, "balance": e - i}
    total_of = {f: np.repeat(a[:, :1], n_seg, axis=1) for f, a in amounts.items()}
    for flow, a in amounts.items():
        x = a.ravel()
        x0 = a[prev].ravel()
        in_bn = rng.random(len(x)) < 0.5
        emit(everywhere & in_bn, flow, "level", _fixed(_div_half_up(x, 1_000), 3), "USD_bn")
        emit(everywhere & ~in_bn, flow, "level", _fixed(_div_half_up(x, 1_000), 0), "USD_m")
        if shape.conversion:
            krw = _fixed(_div_half_up(x * rate10, 1_000_000), 4)
            emit(everywhere & (rng.random(len(x)) < 0.25), flow, "level", krw, "KRW_tn")
        safe0 = np.where(x0 == 0, 1, x0)
        if flow != "balance":
            g = _fixed(_div_half_up(1000 * x, safe0) - 1000, 1)
            emit(has_prev & (x0 != 0), flow, "growth_pct", g, "pct")
        emit(has_prev & (rng.random(len(x)) < 0.5), flow, "change",
             _fixed(_div_half_up(x - x0, 1_000), 3), "USD_bn")
        if flow != "balance":
            t = total_of[flow].ravel()
            emit(~is_total, flow, "share_pct", _fixed(_div_half_up(1000 * x, t), 1), "pct",
                 "total")
            dt = (total_of[flow] - total_of[flow][prev]).ravel()
            ok = has_prev & ~is_total & (dt != 0) & (rng.random(len(x)) < 0.25)
            emit(ok, flow, "change_share_pct",
                 _fixed(_div_half_up(1000 * (x - x0), np.where(dt == 0, 1, dt)), 1), "pct",
                 "total")
    ex, im = e.ravel(), i.ravel()
    ex0, im0 = e[prev].ravel(), i[prev].ravel()
    emit(everywhere, "ratio", "level", _fixed(_div_half_up(100 * ex, im), 2), "ratio")
    emit(has_prev, "ratio", "change",
         _fixed(_div_half_up(100 * (ex * im0 - ex0 * im), im * im0), 2), "ratio")
    emit(has_prev, "ratio", "growth_pct",
         _fixed(_div_half_up(1000 * ex * im0, im * ex0) - 1000, 1), "pct")
    out = pd.concat(parts_out, ignore_index=True)
    out.insert(0, "id", "f" + pd.Series(np.arange(len(out)).astype(str), dtype=object))
    out["qualifier"] = ""
    out["source"] = "synth"
    return out[COLUMNS]


def inject_many(table: pd.DataFrame, share: float, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The table with `share` of its level and growth figures misprinted (a scale word, a
    decimal shift, a sign or a transposition); returns it and the rows changed."""
    rng = np.random.default_rng(seed)
    candidates = np.flatnonzero(table["stat"].isin(["level", "growth_pct"]).to_numpy())
    rows = np.sort(rng.choice(candidates, size=max(1, int(share * len(table))), replace=False))
    out = table.copy()
    values = out["value"].to_numpy(dtype=object).copy()
    for k, r in enumerate(rows):
        v = Decimal(values[r])
        decimals = max(0, -v.as_tuple().exponent)
        kind = k % 4
        if kind == 0:
            new = v * 1000 if v.copy_abs() < 1000 else v / 1000
        elif kind == 1:
            new = v * 10
        elif kind == 2:
            new = -v if v != 0 else Decimal(1)
        else:
            digits = values[r].lstrip("-").replace(".", "")
            swapped = digits[:-2] + digits[-1] + digits[-2] if len(digits) > 1 else digits
            new = Decimal(swapped).scaleb(-decimals).copy_sign(v) if swapped != digits else \
                v + Decimal(1).scaleb(-decimals) * 7
        values[r] = _round(new, decimals)
    out["value"] = values
    return out, rows
