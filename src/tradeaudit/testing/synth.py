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
    """x printed at `decimals` places, rounded half up ("0.0", never "-0.0")."""
    q = x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    s = format(q, "f")
    return s[1:] if s.startswith("-") and q == 0 else s


def _segments(shape: Shape) -> list[str]:
    """The total, the industries and countries, and (crossed) the first few of both."""
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


FLOWS = ("exports", "imports", "volume", "balance", "ratio")


class _Printer:
    """A synthetic release being printed: the true values, the document's rate, the random
    draws (in a fixed order: the same seed prints the same release) and the rows so far."""

    def __init__(self, rng: random.Random, shape: Shape, tv: dict, rate: Decimal):
        self.rng, self.shape, self.tv, self.rate = rng, shape, tv, rate
        self.rows: list[list[str]] = []

    def add(self, period, seg, flow, stat, value, unit, base=""):
        """Print one figure."""
        self.rows.append([f"f{len(self.rows)}", period, seg, flow, stat, value, unit, base, "",
                          "synth"])

    def level(self, y: str, s: str, flow: str) -> Decimal:
        """The exact value of a flow's level (exports and imports give the others)."""
        e, i = self.tv[(y, s)]
        return {"exports": e, "imports": i, "volume": e + i, "balance": e - i,
                "ratio": e / i}[flow]

    def print_level(self, y: str, s: str, flow: str) -> None:
        """A level, in USD (bn or m) or as a ratio, and now and then converted to KRW."""
        rng, shape, x = self.rng, self.shape, self.level(y, s, flow)
        if rng.random() < shape.keep:
            if flow == "ratio":
                self.add(y, s, flow, "level", _round(x, 2), "ratio")
            elif rng.random() < 0.5:
                self.add(y, s, flow, "level", _round(x / Decimal(10) ** 9, 3), "USD_bn")
            else:
                self.add(y, s, flow, "level", _round(x / Decimal(10) ** 6, 0), "USD_m")
        if shape.conversion and flow != "ratio" and rng.random() < shape.keep / 4:
            self.add(y, s, flow, "level", _round(x * self.rate / Decimal(10) ** 12, 4),
                     "KRW_tn")

    def print_changes(self, y: str, prev: str, s: str, flow: str) -> None:
        """Growth, change and shares against the year before."""
        rng, shape = self.rng, self.shape
        x, x0 = self.level(y, s, flow), self.level(prev, s, flow)
        if rng.random() < shape.keep and flow != "balance" and x0 != 0:
            self.add(y, s, flow, "growth_pct", _round(100 * (x / x0 - 1), 1), "pct")
        if rng.random() < shape.keep / 2:
            if flow == "ratio":
                self.add(y, s, flow, "change", _round(x - x0, 2), "ratio")
            else:
                self.add(y, s, flow, "change", _round((x - x0) / Decimal(10) ** 9, 3),
                         "USD_bn")
        if s != "total" and flow in ("exports", "imports", "volume"):
            self.print_shares(y, prev, s, flow)

    def print_shares(self, y: str, prev: str, s: str, flow: str) -> None:
        """A segment's share of the total, and of the total's change."""
        rng, shape = self.rng, self.shape
        x, x0 = self.level(y, s, flow), self.level(prev, s, flow)
        if rng.random() < shape.keep / 2:
            self.add(y, s, flow, "share_pct", _round(100 * x / self.level(y, "total", flow), 1),
                     "pct", "total")
        d_tot = self.level(y, "total", flow) - self.level(prev, "total", flow)
        if rng.random() < shape.keep / 4 and abs(d_tot) > 0:
            self.add(y, s, flow, "change_share_pct", _round(100 * (x - x0) / d_tot, 1),
                     "pct", "total")

    def print_multiple(self, y: str, base: str) -> None:
        """The total volume as a multiple of a base year's."""
        self.add(y, "total", "volume", "multiple", _round(
            self.level(y, "total", "volume") / self.level(base, "total", "volume"), 2),
            "times", base)

    def print_rank(self, y: str, segs: list[str]) -> None:
        """Ranks among industries by volume, where the order is clear beyond rounding."""
        inds = [s for s in segs if s.startswith("industry=")]
        vols = sorted(((self.level(y, s, "volume"), s) for s in inds), reverse=True)
        if len(vols) > 1 and self.rng.random() < self.shape.keep:
            self.add(y, vols[0][1], "volume", "rank", "1", "rank", "industry")


def release(seed: int, shape: Shape = Shape()) -> pd.DataFrame:
    """A consistent figure table (contract 1), printed with publisher rounding."""
    rng = random.Random(seed)
    first = 2019
    tv = true_values(rng, shape, first)
    rate = Decimal(rng.randint(9000, 15000)) / 10  # KRW per USD, one per document
    printer = _Printer(rng, shape, tv, rate)
    years = sorted({y for y, _ in tv})
    segs = _segments(shape)
    for y in years:
        prev = str(int(y) - 1)
        for s in segs:
            for flow in FLOWS:
                printer.print_level(y, s, flow)
                if (prev, s) in tv:
                    printer.print_changes(y, prev, s, flow)
            if y == years[-1] and s == "total" and int(y) - 2 >= first:
                printer.print_multiple(y, str(int(y) - 2))
        printer.print_rank(y, segs)
    out = pd.DataFrame(printer.rows, columns=COLUMNS)
    # The exact values behind the figures, for injecting errors that need them.
    out.attrs["truth"] = {(y, seg, flow): printer.level(y, seg, flow) for (y, seg) in tv
                          for flow in FLOWS}
    out.attrs["rate"] = rate
    return out


def partner_table(seed: int, partners: int = 5, months: bool = True) -> pd.DataFrame:
    """A published partner table as a wide sheet holds it: per partner, an `Others` row and
    the total, this year's exports and imports in USD million with their growth in percent
    and their share of the total, and (months) the total's exports by month, quarter and for
    the year. Consistent: every figure is its exact value rounded half up (synth's rule)."""
    rng = random.Random(seed)
    names = [f"c{k}" for k in range(partners)] + ["Others"]
    rows: list[list[str]] = []

    def add(period, seg, flow, stat, value, unit, base=""):
        rows.append([f"p{len(rows)}", period, seg, flow, stat, value, unit, base, "", "synth"])

    for flow in ("exports", "imports"):
        now = {n: Decimal(rng.randint(50_000, 9_000_000)) / 100 for n in names}
        before = {n: v / (1 + Decimal(rng.randint(-300, 600)) / 1000) for n, v in now.items()}
        total, total0 = sum(now.values()), sum(before.values())
        add("2024", "total", flow, "level", _round(total, 0), "USD_m")
        add("2024", "total", flow, "growth_pct", _round(100 * (total / total0 - 1), 1), "pct")
        for n in names:
            seg = f"country={n}"
            add("2024", seg, flow, "level", _round(now[n], 0), "USD_m")
            add("2024", seg, flow, "growth_pct", _round(100 * (now[n] / before[n] - 1), 1),
                "pct")
            add("2024", seg, flow, "share_pct", _round(100 * now[n] / total, 1), "pct", "total")
        if months and flow == "exports":  # the year's total split into months
            weight = [Decimal(rng.randint(70, 130)) for _ in range(12)]
            month = [total * w / sum(weight) for w in weight]
            for m, v in enumerate(month, start=1):
                add(f"2024-{m:02d}", "total", flow, "level", _round(v, 0), "USD_m")
            for q in range(4):
                add(f"2024-Q{q + 1}", "total", flow, "level",
                    _round(sum(month[3 * q:3 * q + 3]), 0), "USD_m")
    return pd.DataFrame(rows, columns=COLUMNS)


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


@dataclass(frozen=True)
class _Grid:
    """Where a big release's figures go: periods x segments, flattened period-major."""

    periods: list[str]
    segments: list[str]
    per_year: int  # periods a year: the period a year back is per_year rows of periods before

    @staticmethod
    def of(shape: BigShape) -> _Grid:
        """The periods (months of years, or years) and segments (the total, each product,
        each partner, each product x partner) of a shape."""
        years = [str(2021 + k) for k in range(shape.years)]
        months = [f"{m:02d}" for m in range(1, shape.months + 1)]
        prods = [f"p{k:03d}" for k in range(shape.products)]
        parts = [f"c{k:03d}" for k in range(shape.partners)]
        return _Grid([y + ("-" + m if months else "") for y in years for m in (months or [""])],
                     ["total"] + [f"product={p}" for p in prods] +
                     [f"partner={c}" for c in parts] +
                     [f"partner={c};product={p}" for p in prods for c in parts],
                     max(len(months), 1))

    @property
    def prev(self) -> np.ndarray:
        """Each period's index a year back (wrapping round: see has_prev)."""
        return np.roll(np.arange(len(self.periods)), self.per_year)

    @property
    def has_prev(self) -> np.ndarray:
        """Cells whose period has one a year back."""
        return np.repeat(np.arange(len(self.periods)) >= self.per_year, len(self.segments))

    @property
    def is_total(self) -> np.ndarray:
        """Cells of the total segment."""
        return np.tile(np.array(self.segments) == "total", len(self.periods))


def _big_levels(rng: np.random.Generator, shape: BigShape, n_per: int) -> dict[str, np.ndarray]:
    """Exports and imports per (period, segment), in thousands of dollars (object arrays of
    Python ints): crossed cells drawn, members and the total their sums, so a hierarchy rule
    would hold too."""
    shp = (n_per, shape.products, shape.partners)
    levels = {}
    for flow in ("exports", "imports"):
        base = rng.integers(1_000, 2_000_000, size=shp[1:])
        drift = rng.integers(700, 1400, size=shp) / 1000  # keeps series plausible year on year
        x = np.maximum(1, (base[None] * drift).astype(np.int64))
        levels[flow] = np.concatenate([x.sum(axis=(1, 2))[:, None], x.sum(axis=2),
                                       x.sum(axis=1), x.reshape(n_per, -1)], axis=1
                                      ).astype(object)
    return levels


class _Emitter:
    """Figures of a big release, one kind at a time over every cell: each printed with
    probability `keep` where its mask holds."""

    def __init__(self, rng: np.random.Generator, keep: float, grid: _Grid):
        self.rng, self.keep = rng, keep
        self.period_of = np.repeat(np.array(grid.periods, dtype=object), len(grid.segments))
        self.seg_of = np.tile(np.array(grid.segments, dtype=object), len(grid.periods))
        self.parts: list[pd.DataFrame] = []

    def emit(self, mask, flow, stat, value, unit, base=""):
        """Print `value` where `mask` holds and the draw keeps it."""
        keep = mask & (self.rng.random(len(mask)) < self.keep)
        self.parts.append(pd.DataFrame({
            "period": self.period_of[keep], "segment": self.seg_of[keep], "flow": flow,
            "stat": stat, "value": value[keep], "unit": unit, "base": base}))


def _emit_amount(out: _Emitter, grid: _Grid, flow: str, a: np.ndarray, rate10: int,
                 conversion: bool) -> None:
    """An amount's levels (USD bn or m, KRW tn), growth, change and shares of the total."""
    rng, prev, has_prev, is_total = out.rng, grid.prev, grid.has_prev, grid.is_total
    x, x0 = a.ravel(), a[prev].ravel()
    everywhere = np.ones(len(x), dtype=bool)
    in_bn = rng.random(len(x)) < 0.5
    out.emit(everywhere & in_bn, flow, "level", _fixed(_div_half_up(x, 1_000), 3), "USD_bn")
    out.emit(everywhere & ~in_bn, flow, "level", _fixed(_div_half_up(x, 1_000), 0), "USD_m")
    if conversion:
        krw = _fixed(_div_half_up(x * rate10, 1_000_000), 4)
        out.emit(everywhere & (rng.random(len(x)) < 0.25), flow, "level", krw, "KRW_tn")
    safe0 = np.where(x0 == 0, 1, x0)
    if flow != "balance":
        g = _fixed(_div_half_up(1000 * x, safe0) - 1000, 1)
        out.emit(has_prev & (x0 != 0), flow, "growth_pct", g, "pct")
    out.emit(has_prev & (rng.random(len(x)) < 0.5), flow, "change",
             _fixed(_div_half_up(x - x0, 1_000), 3), "USD_bn")
    if flow != "balance":
        total = np.repeat(a[:, :1], len(grid.segments), axis=1)
        out.emit(~is_total, flow, "share_pct", _fixed(_div_half_up(1000 * x, total.ravel()), 1),
                 "pct", "total")
        dt = (total - total[prev]).ravel()
        ok = has_prev & ~is_total & (dt != 0) & (rng.random(len(x)) < 0.25)
        out.emit(ok, flow, "change_share_pct",
                 _fixed(_div_half_up(1000 * (x - x0), np.where(dt == 0, 1, dt)), 1), "pct",
                 "total")


def _emit_ratio(out: _Emitter, grid: _Grid, e: np.ndarray, i: np.ndarray) -> None:
    """The ratio of exports to imports: its level, change and growth."""
    prev, has_prev = grid.prev, grid.has_prev
    ex, im = e.ravel(), i.ravel()
    ex0, im0 = e[prev].ravel(), i[prev].ravel()
    out.emit(np.ones(len(ex), dtype=bool), "ratio", "level",
             _fixed(_div_half_up(100 * ex, im), 2), "ratio")
    out.emit(has_prev, "ratio", "change",
             _fixed(_div_half_up(100 * (ex * im0 - ex0 * im), im * im0), 2), "ratio")
    out.emit(has_prev, "ratio", "growth_pct",
             _fixed(_div_half_up(1000 * ex * im0, im * ex0) - 1000, 1), "pct")


def big_release(seed: int, shape: BigShape) -> pd.DataFrame:
    """A consistent figure table (contract 1) of about shape's size, printed with publisher
    rounding, built column-wise (seconds for a million figures)."""
    rng = np.random.default_rng(seed)
    grid = _Grid.of(shape)
    levels = _big_levels(rng, shape, len(grid.periods))
    e, i = levels["exports"], levels["imports"]
    rate10 = int(rng.integers(9000, 15000))  # KRW per USD, one decimal, one per document
    out = _Emitter(rng, shape.keep, grid)
    for flow, a in {"exports": e, "imports": i, "volume": e + i, "balance": e - i}.items():
        _emit_amount(out, grid, flow, a, rate10, shape.conversion)
    _emit_ratio(out, grid, e, i)
    table = pd.concat(out.parts, ignore_index=True)
    table.insert(0, "id", "f" + pd.Series(np.arange(len(table)).astype(str), dtype=object))
    table["qualifier"] = ""
    table["source"] = "synth"
    return table[COLUMNS]


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


def previous_vintage(table: pd.DataFrame, share: float, seed: int
                     ) -> tuple[pd.DataFrame, np.ndarray]:
    """The release before `table` (a figure table, contract 1): without its last period, with
    `share` of the level and growth figures printed otherwise (a revision in the last digits,
    or inject_many's misprints) and the ids renumbered, as publishers do. Returns it and the
    ids, in `table`, of the figures whose printing differs."""
    last = max(table["period"].unique().tolist())
    kept = table[table["period"] != last].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    older, rows = inject_many(kept, share / 2, seed) if share else (kept.copy(), np.zeros(0, int))
    candidates = np.setdiff1d(np.flatnonzero(older["stat"].isin(["level", "growth_pct"])
                                             .to_numpy()), rows)
    revised = np.sort(rng.choice(candidates, size=min(len(candidates), max(
        1, int(share / 2 * len(kept)))) if share else 0, replace=False))
    values = older["value"].to_numpy(dtype=object).copy()
    for r in revised:
        v = Decimal(values[r])
        decimals = max(0, -v.as_tuple().exponent)
        values[r] = _round(v + Decimal(int(rng.integers(20, 90))).scaleb(-decimals), decimals)
    older["value"] = values
    # (a misprint by scale leaves a zero as it was: only what prints otherwise changed)
    changed = kept["id"].to_numpy()[values != kept["value"].to_numpy(dtype=object)]
    older["id"] = "v" + pd.Series(np.arange(len(older))[::-1].astype(str), dtype=object)
    return older, changed
