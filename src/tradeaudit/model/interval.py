"""Sound interval arithmetic on numpy arrays, rounded outward after every operation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INF = np.inf

# Every function takes and returns (lo, hi) float64 arrays. An interval is empty when lo > hi.
# Bounds are never NaN: an undefined corner (0 * inf, inf / inf) widens to the whole line,
# which is always sound.


TINY = 5e-324  # the smallest subnormal: the next float beside zero


def down(x: np.ndarray) -> np.ndarray:
    """The next float below x: a lower bound that survives one round-to-nearest error.

    Bit for bit np.nextafter(x, -inf), on the integer view of the floats (the next float
    below a positive one is its bit pattern minus one; below a negative one, plus one), which
    is faster than nextafter's per-element library call: down and up run on every projection
    of every sweep."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 0:
        return np.nextafter(x, -INF)
    out = (x.view(np.int64) - (x > 0) + (x < 0)).view(np.float64)
    np.copyto(out, -TINY, where=x == 0)
    np.copyto(out, -INF, where=x == -INF)
    return out


def up(x: np.ndarray) -> np.ndarray:
    """The next float above x: bit for bit np.nextafter(x, inf) (see down)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 0:
        return np.nextafter(x, INF)
    out = (x.view(np.int64) + (x > 0) - (x < 0)).view(np.float64)
    np.copyto(out, TINY, where=x == 0)
    np.copyto(out, INF, where=x == INF)
    return out


def _clean(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.where(np.isnan(lo), -INF, lo), np.where(np.isnan(hi), INF, hi)


def add(alo, ahi, blo, bhi):
    """[a] + [b]."""
    with np.errstate(invalid="ignore", over="ignore"):
        return _clean(down(alo + blo), up(ahi + bhi))


def sub(alo, ahi, blo, bhi):
    """[a] - [b]."""
    with np.errstate(invalid="ignore", over="ignore"):
        return _clean(down(alo - bhi), up(ahi - blo))


def mul(alo, ahi, blo, bhi):
    """[a] * [b]; 0 * inf counts as 0, the limit every point product takes."""
    with np.errstate(invalid="ignore", over="ignore"):
        p1, p2, p3, p4 = alo * blo, alo * bhi, ahi * blo, ahi * bhi
    # fmin/fmax skip a NaN corner (0 * inf); the corners left still bracket 0 there, and when
    # every corner is NaN the product is exactly 0.
    lo = np.fmin(np.fmin(p1, p2), np.fmin(p3, p4))
    hi = np.fmax(np.fmax(p1, p2), np.fmax(p3, p4))
    return down(np.where(np.isnan(lo), 0.0, lo)), up(np.where(np.isnan(hi), 0.0, hi))


def div(alo, ahi, blo, bhi):
    """[a] / [b]; the whole line where [b] holds zero (the hull of the two pieces)."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        q1, q2, q3, q4 = alo / blo, alo / bhi, ahi / blo, ahi / bhi
    # An inf / inf corner is skipped: the others already reach 0 and the infinite side.
    lo = np.fmin(np.fmin(q1, q2), np.fmin(q3, q4))
    hi = np.fmax(np.fmax(q1, q2), np.fmax(q3, q4))
    undefined = (blo <= 0) & (bhi >= 0) | np.isnan(lo) | np.isnan(hi)
    return (np.where(undefined, -INF, down(lo)), np.where(undefined, INF, up(hi)))


def scale(alo, ahi, factor: float | np.ndarray):
    """[a] * factor for an exact float factor (a power of ten or a unit scale)."""
    return mul(alo, ahi, np.asarray(factor, dtype=float), np.asarray(factor, dtype=float))


def intersect(alo, ahi, blo, bhi):
    """[a] ∩ [b]; empty when lo > hi."""
    return np.maximum(alo, blo), np.minimum(ahi, bhi)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of reals with float bounds; arithmetic is outward-rounded."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if np.isnan(self.low) or np.isnan(self.high):
            raise ValueError(f"interval bound is NaN: [{self.low}, {self.high}]")

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(float(x), float(x))

    @property
    def empty(self) -> bool:
        return self.low > self.high

    @property
    def bounded(self) -> bool:
        return bool(np.isfinite(self.low) and np.isfinite(self.high))

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def __contains__(self, x: float) -> bool:
        return self.low <= x <= self.high

    def overlaps(self, other: Interval) -> bool:
        return max(self.low, other.low) <= min(self.high, other.high)

    def _apply(self, op, other: Interval | float) -> Interval:
        if not isinstance(other, Interval):
            other = Interval.point(other)
        lo, hi = op(*(np.array([v]) for v in (self.low, self.high, other.low, other.high)))
        return Interval(float(lo[0]), float(hi[0]))

    def __add__(self, other: Interval | float) -> Interval:
        return self._apply(add, other)

    def __sub__(self, other: Interval | float) -> Interval:
        return self._apply(sub, other)

    def __mul__(self, other: Interval | float) -> Interval:
        return self._apply(mul, other)

    def __truediv__(self, other: Interval | float) -> Interval:
        return self._apply(div, other)

    def __and__(self, other: Interval) -> Interval:
        return Interval(max(self.low, other.low), min(self.high, other.high))

    def __bool__(self) -> bool:
        raise TypeError("an interval has no truth value; ask .empty or use `in`")
