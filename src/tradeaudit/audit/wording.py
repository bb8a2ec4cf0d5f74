"""How the audit words numbers, ranges and figures in its reasons and messages."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tradeaudit import stats
from tradeaudit.model.words import amount_range, language
from tradeaudit.solve import (
    kernel,
    numerals,  # noqa: F401 (registers fixed_texts, which texts() runs)
)


def reported(x: float) -> float:
    """Bounds as reported: ten significant digits keep JSON short and stable."""
    return float(f"{x:.10g}") + 0.0 if np.isfinite(x) else (None if np.isnan(x) else x)


def in_unit(lo: float, hi: float, factor: float) -> dict:
    """An interval in base units as the report gives it in the figure's unit."""
    return {"low": reported(lo / factor), "high": reported(hi / factor)}


def describe(row) -> str:
    """What a figure (its row) states: `growth of exports (KRW), total, 2023`."""
    cur = f" ({row['currency']})" if row["currency"] else ""
    return f"{stats.get(row['stat']).describe(row['flow'])}{cur}, {row['segment']}, {row['period']}"


def num(x: float, decimals: int | None = None) -> str:
    """A bound for people: two more decimals than the figure was printed with."""
    if x is None:
        return "?"
    if not math.isfinite(x):
        return "∞" if x > 0 else "−∞"
    if decimals is None:
        return f"{x:,.6g}"
    whole = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    text = f"{x:,.{max(0, min(decimals + 2, 8 - whole))}f}"
    return text[1:] if text[0] == "-" and not text.strip("-0.,") else text


def span(lo: float, hi: float, decimals: int) -> str:
    """An interval for people (`1.23–1.25`; one number when both bounds read alike)."""
    a, b = num(lo, decimals), num(hi, decimals)
    return a if a == b else f"{a}–{b}"


def worded(lo: float, hi: float, decimals: int, unit: str, lang: str = "en") -> str:
    """span in a unit's words, as the release prints it (`25,389.422–25,390.915 billion
    won`, `3.75–3.78%`)."""
    return amount_range(num(lo, decimals), num(hi, decimals), unit, lang)


def words_of(row) -> tuple[str, str]:
    """The unit a figure's values are worded in (ratio units for a ratio's change printed in
    percentage points) and the language of the release it was printed in."""
    unit = "ratio" if row.get("unit_misuse") else row["unit"]
    return unit, language(row["unit"], str(row.get("quote", "") or ""))


_POWERS_OF_TEN = 10.0 ** np.arange(23)  # exact up to 1e22


def nums(x: np.ndarray, decimals: np.ndarray) -> np.ndarray:
    """num over arrays, the same texts: the number of decimals is worked out for all values
    at once, and the values are written by kernel.fixed_texts (the few it leaves, by
    format)."""
    out = np.empty(len(x), dtype=object)
    finite = np.isfinite(x)
    out[~finite] = np.where(x[~finite] > 0, "∞", "−∞")
    rows = np.flatnonzero(finite)
    size = np.abs(x[rows])
    # The digits before the point (len(str(int(abs(x))))); past 8 they all give 0 decimals.
    whole = np.where(size >= 1, np.searchsorted(_POWERS_OF_TEN, np.trunc(size), "right"), 0)
    places = np.maximum(0, np.minimum(decimals[rows] + 2, 8 - whole)).astype(np.int64)
    out[rows] = texts("fixed_texts", x[rows], places)
    for j in np.flatnonzero(out[rows] == None).tolist():  # (the few it leaves)
        i = rows[j]
        text = format(x[i], f",.{places[j]}f")
        out[i] = text[1:] if text[0] == "-" and not text.strip("-0.,") else text
    return out


def texts(writer: str, *columns) -> np.ndarray:
    """A kernel text writer's output as Python strings (None where it left the value)."""
    text, flag = kernel.formatted(writer, *columns)
    out = text.to_numpy(zero_copy_only=False)
    out[flag.astype(bool)] = None
    return out


def spans(lo: np.ndarray, hi: np.ndarray, decimals: np.ndarray
          ) -> Callable[[np.ndarray], list[str]]:
    """span over the rows of a mask (vectorized: a big release has a million of them)."""
    def of(mask: np.ndarray) -> list[str]:
        a, b = nums(lo[mask], decimals[mask]), nums(hi[mask], decimals[mask])
        return [x if x == y else f"{x}–{y}" for x, y in zip(a.tolist(), b.tolist())]
    return of
