"""What a figure should have said, and the printing slip that most likely turned it wrong."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from tradeaudit.printed import PRINTED, Printed, format_decimals, parse_printed
from tradeaudit.units import SCALES, Unit

# Causes in the order they are tried: the simplest slip that explains the deviation wins.
# Textual slips act on the printed digits; structural ones (the engine supplies what the
# figure would be under them) confuse one quantity for another.
TEXTUAL = ("sign-flip", "scale-slip", "decimal-shift", "transposed-digits", "doubled-digit",
           "dropped-digit", "wrong-digit")
STRUCTURAL = ("swapped-flows", "percent-vs-points", "wrong-base")
CAUSES = TEXTUAL[:3] + STRUCTURAL + TEXTUAL[3:] + ("other-rate",)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A corrected printed value, its unit, and the cause that explains the printed one."""

    cause: str  # "rounding", one of CAUSES, or "unexplained"
    printed: str
    unit: str


def _digit_edits(text: str) -> Iterator[tuple[str, str]]:
    """Candidate true texts for one-slip causes acting on the digits of `text`."""
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("+-")
    digits = [i for i, ch in enumerate(body) if ch.isdigit()]
    for a, b in pairwise(digits):
        if b == a + 1 and body[a] != body[b]:
            yield "transposed-digits", sign + body[:a] + body[b] + body[a] + body[b + 1:]
    for a, b in pairwise(digits):
        if b == a + 1 and body[a] == body[b]:
            yield "doubled-digit", sign + body[:a] + body[b:]
    for i in range(len(body) + 1):
        for d in "0123456789":
            yield "dropped-digit", sign + body[:i] + d + body[i:]
    for i in digits:
        for d in "0123456789":
            if d != body[i]:
                yield "wrong-digit", sign + body[:i] + d + body[i + 1:]


def _candidates(p: Printed, unit: Unit) -> Iterator[tuple[str, str, Unit]]:
    yield "sign-flip", str(-p.value) if p.value else p.text, unit
    if unit.kind == "currency":
        for scale in SCALES:
            if scale != unit.scale:
                yield "scale-slip", p.text, unit.with_scale(scale)
    for k in (-3, -2, -1, 1, 2, 3):
        yield "decimal-shift", format(p.value.scaleb(k), "f"), unit
    for cause, text in _digit_edits(p.text):
        yield cause, text, unit


def _base_interval(text: str, unit: Unit, factor: Decimal) -> tuple[float, float] | None:
    plain = text.isascii() and PRINTED.match(text)  # (most candidates: nothing to normalize)
    if plain:
        q = Printed(text, Decimal(text), len(plain.group(2) or ""))
    else:
        try:
            q = parse_printed(text)
        except ValueError:
            return None
    lo, hi = q.bounds
    f = unit.factor if unit.kind == "currency" else factor
    return float(lo * f), float(hi * f)


def _far(text: str, unit: Unit, factor: Decimal, lo: float, hi: float) -> bool:
    """Whether a plain candidate text is clearly outside [lo, hi] (base units), judged in
    floats with a margin far above their rounding: most candidates are, and the exact
    Decimal reading (_base_interval) is then not needed."""
    plain = PRINTED.match(text) if text.isascii() else None
    if not plain:
        return False
    f = float(unit.factor if unit.kind == "currency" else factor)
    mid = float(text) * f
    half = 0.5 * 10.0 ** -len(plain.group(2) or "") * f
    margin = 1e-9 * (abs(mid) + half + abs(lo) + abs(hi))
    return mid - half > hi + margin or mid + half < lo - margin


def _best_scale(value: float, printed: Printed, unit: Unit) -> Unit:
    """The scale that prints `value` (base units) with a magnitude nearest the printed one."""
    if unit.kind != "currency" or value == 0:
        return unit
    target = math.log10(max(abs(float(printed.value)), 1e-12))
    magnitude = math.log10(abs(value))  # apart from the factor: a tiny value must not underflow
    return min((unit.with_scale(s) for s in SCALES),
               key=lambda u: (abs(magnitude - math.log10(float(u.factor)) - target),
                              u.scale != unit.scale))


def suggest(printed: Printed, unit: Unit, factor: Decimal, expected: tuple[float, float],
            alternatives: dict[str, list[tuple[float, float]]] | None = None) -> Suggestion:
    """Explain a printed figure that lies outside `expected` (base units) by one slip.

    `alternatives` maps a structural cause to the intervals (base units) the printed figure
    would fall in had that cause happened (the other flow's value, last year's growth, ...),
    each optionally with the printed text and unit the figure should then carry; "other-rate"
    with any entry marks a conversion that no slip explains.
    """
    alternatives = alternatives or {}
    lo, hi = expected
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return Suggestion("unexplained", "", unit.text)
    mid = (lo + hi) / 2
    slack = 1e-12 * max(abs(lo), abs(hi), 1.0)
    f0 = float(unit.factor if unit.kind == "currency" else factor)
    p_lo, p_hi = (float(b) * f0 for b in printed.bounds)
    u = _best_scale(mid, printed, unit)
    f = float(u.factor) if u.kind == "currency" else float(factor)
    fitted = format_decimals(mid / f, printed.decimals)
    if max(lo - p_hi, p_lo - hi) <= (p_hi - p_lo) * (1 + 1e-9):
        # Within one unit of the last digit: rounded wrongly, or computed from rounded figures.
        return Suggestion("rounding", format_decimals(mid / f0, printed.decimals), unit.text)
    by_cause: dict[str, list[tuple[str, Unit]]] = {}
    for c, text, cu in _candidates(printed, unit):
        by_cause.setdefault(c, []).append((text, cu))
    for cause in CAUSES:
        if cause in STRUCTURAL or cause == "other-rate":
            for a_lo, a_hi, *printed_as in alternatives.get(cause, []):
                if a_lo - slack <= p_hi and a_hi + slack >= p_lo or cause == "other-rate":
                    # The confused quantity's own printed text, when it was printed.
                    text, unit_text = printed_as if printed_as else (fitted, u.text)
                    return Suggestion(cause, text, unit_text)
            continue
        hits = []
        for text, cu in by_cause.get(cause, ()):
            if _far(text, cu, factor, lo - slack, hi + slack):
                continue
            b = _base_interval(text, cu, factor)
            if b and b[0] <= hi + slack and b[1] >= lo - slack:
                hits.append((abs((b[0] + b[1]) / 2 - mid), text, cu))
        if hits:
            _, text, cu = min(hits, key=lambda h: (h[0], h[1]))
            return Suggestion(cause, text, cu.text)
    return Suggestion("unexplained", fitted, u.text)
