"""What a figure should have said, and the printing slip that most likely turned it wrong."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

import numpy as np

from tradeaudit.model.printed import PRINTED, Printed, format_decimals, parse_printed
from tradeaudit.model.units import SCALES, Unit

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


def _digit_edits(text: str) -> list[tuple[str, str]]:
    """Candidate true texts for one-slip causes acting on the digits of `text`."""
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("+-")
    digits = [i for i, ch in enumerate(body) if ch.isdigit()]
    adjacent = [(a, b) for a, b in pairwise(digits) if b == a + 1]
    # (also across the decimal point: "7.0" for "0.7")
    across = [(a, b) for a, b in pairwise(digits) if b == a + 2 and body[a + 1] == "."]
    return ([("transposed-digits", sign + body[:a] + body[b] + body[a + 1:b] + body[a] +
              body[b + 1:]) for a, b in adjacent + across if body[a] != body[b]] +
            [("doubled-digit", sign + body[:a] + body[b:])
             for a, b in adjacent if body[a] == body[b]] +
            [("dropped-digit", sign + body[:i] + d + body[i:])
             for i in range(len(body) + 1) for d in "0123456789"] +
            [("wrong-digit", sign + body[:i] + d + body[i + 1:])
             for i in digits for d in "0123456789" if d != body[i]])


def _candidates(p: Printed, unit: Unit) -> list[tuple[str, str, Unit]]:
    """Every one-slip candidate: (cause, the text it would have printed, in which unit). The
    slips that rewrite the text's own digits come last (see Slips)."""
    out = [("sign-flip", str(-p.value) if p.value else p.text, unit)]
    if unit.kind == "currency" and unit.stated and not unit.shared:
        out += [("scale-slip", p.text, unit.with_scale(scale)) for scale in SCALES
                if scale != unit.scale]
    out += [("decimal-shift", format(p.value.scaleb(k), "f"), unit)
            for k in (-3, -2, -1, 1, 2, 3)]
    return out + [(cause, text, unit) for cause, text in _digit_edits(p.text)]


def base_interval(text: str, unit: Unit, factor: Decimal) -> tuple[float, float] | None:
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


class Slips:
    """Every one-slip candidate of one printed figure in one unit (_candidates), with the
    float midpoint and half-width of each plain candidate's reading in base units (NaN for
    one that is not plain: it is always read exactly), and what suggest() needs of the figure
    itself. A blamed figure is asked about again and again (for each diagnosis that holds it,
    then for its own suggestion), so this is made once per figure (`_slips`), and each
    question is a few array operations and the exact reading of the few candidates near.
    The hundred or so digit edits' texts are made again when one is asked for, not kept."""

    __slots__ = ("cause", "edits", "exact", "half", "lead", "mid", "printed", "unit")

    def __init__(self, printed: Printed, unit: Unit, factor: Decimal) -> None:
        found = _candidates(printed, unit)
        texts = [t for _, t, _ in found]
        self.cause = np.array([_CAUSE_AT[c] for c, _, _ in found], dtype=np.int8)
        # Digit edits of a plain text are plain (digits swapped, dropped, doubled, replaced
        # around one point); the few other candidates, which come first, are matched one by
        # one.
        edits = sum(c in _EDITS for c, _, _ in found)
        lead = len(found) - edits
        self.lead = found[:lead]
        self.printed, self.unit, self.edits = printed, unit, None
        plain = [bool(t.isascii() and PRINTED.match(t)) for t in texts[:lead]] + \
            [bool(printed.text.isascii() and PRINTED.match(printed.text))] * edits
        f0 = float(unit.factor if unit.kind == "currency" else factor)
        f = np.array([f0 if u is unit else float(u.factor if u.kind == "currency" else factor)
                      for _, _, u in found])
        text = np.array(texts)
        dot = np.strings.find(text, ".")
        decimals = np.where(dot >= 0, np.strings.str_len(text) - dot - 1, 0)
        # (In floats: these only decide which candidates are read exactly; the margin of
        # `far` is a million times the rounding of any of this arithmetic.)
        self.mid = np.array([float(t) if ok else math.nan for t, ok in zip(texts, plain)]) * f
        self.half = 0.5 * 10.0 ** -decimals.astype(np.float64) * f
        self.exact: dict[int, tuple[float, float] | None] = {}  # base_interval, when asked

    def __len__(self) -> int:
        return len(self.mid)

    def text(self, j: int) -> str:
        if j < len(self.lead):
            return self.lead[j][1]
        if self.edits is None:
            self.edits = _digit_edits(self.printed.text)
        return self.edits[j - len(self.lead)][1]

    def unit_of(self, j: int) -> Unit:
        return self.lead[j][2] if j < len(self.lead) else self.unit

    def far(self, lo: float, hi: float) -> np.ndarray:
        """Per candidate: is it clearly outside [lo, hi] (base units)? Judged in floats with a
        margin far above their rounding: most candidates are, and their exact Decimal
        reading (base_interval) is then not needed. False for those not plain (NaN
        compares false)."""
        mid, half = self.mid, self.half
        margin = 1e-9 * (np.abs(mid) + half + abs(lo) + abs(hi))
        return (mid - half > hi + margin) | (mid + half < lo - margin)

    def reading(self, j: int, factor: Decimal) -> tuple[float, float] | None:
        if j not in self.exact:
            self.exact[j] = base_interval(self.text(j), self.unit_of(j), factor)
        return self.exact[j]


_CAUSE_AT = {c: k for k, c in enumerate(CAUSES)}
# Slips of magnitude only, and how much they explain beside a plain typo of the digits
# (near_slip): transcription errors are mostly one digit mistyped, swapped, dropped or
# doubled; a value ten or a thousand times off is rarer.
_MAGNITUDE = frozenset({"scale-slip", "decimal-shift"})
MAGNITUDE = 0.8
_EDITS = frozenset(TEXTUAL[3:])


@lru_cache(maxsize=1 << 14)
def _slips(printed: Printed, unit: Unit, factor: Decimal) -> Slips:
    return Slips(printed, unit, factor)


@lru_cache(maxsize=1 << 14)
def _own(printed: Printed, unit: Unit, factor: Decimal) -> tuple[float, float, float, float]:
    """A figure's factor to base units, its printed bounds in them, and the log10 of its
    printed magnitude."""
    f0 = float(unit.factor if unit.kind == "currency" else factor)
    p_lo, p_hi = (float(b) * f0 for b in printed.bounds)
    return f0, p_lo, p_hi, math.log10(max(abs(float(printed.value)), 1e-12))


def near_slip(printed: Printed, unit: Unit, factor: Decimal, lo: float, hi: float) -> float:
    """How well one printing slip of the figure's own text (a digit, its sign, its decimal
    point, its scale) explains it: 1.0 for a plain typo of its digits or sign (one digit
    wrong, two swapped, one dropped or doubled) giving a value the others allow ([lo, hi],
    base units) near the smallest correction (within half the figure's distance from
    [lo, hi] of the nearest allowed value); MAGNITUDE for a slip of magnitude only (its
    decimal point or scale: the value ten or a thousand times off); 0.0 for none. A slip
    landing only far inside a wide or one-sided interval (a member of a sum whose other
    terms are unknown: 118,958,241 "explained" as 18,958,241 where anything up to
    107,786,698 would do) explains it no better than any arbitrary value would."""
    found = _near(printed, unit, factor, lo, hi)
    return max((strength for strength, *_ in found), default=0.0)


def _near(printed: Printed, unit: Unit, factor: Decimal, lo: float, hi: float
          ) -> list[tuple[float, float, str, str, Unit]]:
    """The one-slip candidates near the smallest correction (near_slip): (strength, distance
    from that correction, cause, text, unit)."""
    _, p_lo, p_hi, _ = _own(printed, unit, factor)
    if p_lo > hi:
        gap, m = p_lo - hi, hi
    elif p_hi < lo:
        gap, m = lo - p_hi, lo
    else:
        return []  # (inside: nothing to correct)
    if not math.isfinite(m):
        return []
    tol = max(gap / 2, p_hi - p_lo)
    n_lo, n_hi = max(lo, m - tol), min(hi, m + tol)
    slips = _slips(printed, unit, factor)
    slack = 1e-12 * max(abs(n_lo), abs(n_hi), 1.0)
    out = []
    for j in np.flatnonzero(~slips.far(n_lo - slack, n_hi + slack)).tolist():
        b = slips.reading(j, factor)
        if b and b[0] <= n_hi + slack and b[1] >= n_lo - slack:
            cause = CAUSES[slips.cause[j]]
            out.append((MAGNITUDE if cause in _MAGNITUDE else 1.0, abs((b[0] + b[1]) / 2 - m),
                        cause, slips.text(j), slips.unit_of(j)))
    return out


def _near_suggestion(printed: Printed, unit: Unit, factor: Decimal, lo: float, hi: float
                     ) -> Suggestion | None:
    """Where the others leave a wide or one-sided interval: the slip near the smallest
    correction (the first of CAUSES, then the nearest), or None."""
    found = _near(printed, unit, factor, lo, hi)
    if not found:
        return None
    _, _, cause, text, cu = min(found, key=lambda c: (CAUSES.index(c[2]), c[1], c[3]))
    if cause == "dropped-digit":
        fc = float(cu.factor) if cu.kind == "currency" else float(factor)
        text = _rounded(text, printed.decimals, lo / fc, hi / fc)
    return Suggestion(cause, text, cu.text)


def forget() -> None:
    """Drop what is kept of the figures asked about (a release with ten thousand misprints
    keeps tens of megabytes of it until its audit ends)."""
    _slips.cache_clear()
    _own.cache_clear()


@lru_cache(maxsize=256)
def _scales(unit: Unit) -> list[tuple[float, bool, Unit]]:
    """Each scale of a currency unit: the log10 of its factor, whether it is another scale
    than the unit's, the unit at that scale."""
    return [(math.log10(float(u.factor)), u.scale != unit.scale, u)
            for u in (unit.with_scale(s) for s in SCALES)]


def _best_scale(value: float, target: float, unit: Unit) -> Unit:
    """The scale that prints `value` (base units) with a magnitude nearest the printed one
    (`target`: the log10 of the printed magnitude)."""
    if unit.kind != "currency" or not unit.stated or unit.shared or value == 0:
        return unit
    magnitude = math.log10(abs(value))  # apart from the factor: a tiny value must not underflow
    return min(_scales(unit), key=lambda s: (abs(magnitude - s[0] - target), s[1]))[2]


def at_precision(lo: float, hi: float, decimals: int) -> str:
    """What to print for a value in [lo, hi] (in the unit it is printed in), at most
    `decimals` places: the number with the fewest places inside [lo, hi], nearest its middle
    (digits the other figures leave open are not made up); else the middle rounded to
    `decimals` places (its reading then still meets [lo, hi])."""
    a, b = Decimal(repr(float(lo))), Decimal(repr(float(hi)))
    for k in range(max(decimals, 0) + 1):
        step = Decimal(1).scaleb(-k)
        first, last = (a / step).to_integral_value("ROUND_CEILING"), \
            (b / step).to_integral_value("ROUND_FLOOR")
        if first <= last:
            near = ((a + b) / 2 / step).to_integral_value("ROUND_HALF_UP")
            q = (min(max(near, first), last) * step).quantize(step)
            return format(q, "f") if q else format(abs(q), "f")
    text = format_decimals((lo + hi) / 2, decimals)
    while float(text) == 0 and (lo > 0 or hi < 0) and decimals < 15:
        decimals += 1  # (a correction that rounds to zero says nothing: one more digit)
        text = format_decimals((lo + hi) / 2, decimals)
    return text


def _fitted(lo: float, hi: float, decimals: int, same_scale: bool, shift: int) -> str:
    """A correction for [lo, hi] (in the unit it is printed in): in the printed scale, the
    middle at the printed places (`decimals`), as the release prints its figures (20.6955
    trillion for 27.1914 trillion); in another scale (`shift`: its power of ten over the
    printed one's), where the printed places mean nothing, only the digits the other figures
    determine (25.39 trillion for 29.3937 billion, not 25.3901685)."""
    if not same_scale:
        return at_precision(lo, hi, decimals + shift)
    text = format_decimals((lo + hi) / 2, decimals)
    return text if float(text) or not (lo > 0 or hi < 0) else at_precision(lo, hi, decimals)


def _rounded(text: str, decimals: int, lo: float, hi: float) -> str:
    """A candidate's text at `decimals` places when that reading still meets [lo, hi] (in
    its unit); as it is otherwise: one more digit only when the rounded one would not fit."""
    places = len(text.partition(".")[2])
    if places <= decimals or not PRINTED.match(text):
        return text
    short = format_decimals(float(text), decimals)
    half = 0.5 * 10.0 ** -decimals
    # (A correction that rounds to zero says nothing: its digits stay.)
    fits = float(short) != 0 and float(short) - half <= hi and float(short) + half >= lo
    return short if fits else text


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
        return _near_suggestion(printed, unit, factor, lo, hi) or Suggestion(
            "unexplained", "", unit.text)
    sug = _suggest(printed, unit, factor, lo, hi, alternatives)
    if (sug.cause in TEXTUAL or sug.cause == "unexplained") and _wide(printed, unit, factor,
                                                                       lo, hi):
        return _near_suggestion(printed, unit, factor, lo, hi) or sug
    return sug


def _wide(printed: Printed, unit: Unit, factor: Decimal, lo: float, hi: float) -> bool:
    """Whether the others bound the figure on one side only ([lo, hi]'s far end is the
    flow's own domain, zero or none: a member of a sum whose other terms are unknown) and
    [lo, hi] reaches beyond the neighbourhood of its smallest correction (near_slip): its
    middle then means nothing. Elsewhere the first of CAUSES nearest the middle wins."""
    _, p_lo, p_hi, _ = _own(printed, unit, factor)
    gap = max(p_lo - hi, lo - p_hi)
    far = lo if p_lo > hi else hi
    return gap > 0 and (not math.isfinite(far) or abs(far) <= 1e-300) and \
        hi - lo > max(gap / 2, p_hi - p_lo)


def _suggest(printed: Printed, unit: Unit, factor: Decimal, lo: float, hi: float,
             alternatives: dict) -> Suggestion:
    """suggest() within a finite interval: the first cause of CAUSES that fits anywhere in
    it."""
    mid = (lo + hi) / 2
    slack = 1e-12 * max(abs(lo), abs(hi), 1.0)
    f0, p_lo, p_hi, target = _own(printed, unit, factor)
    u = _best_scale(mid, target, unit)
    f = float(u.factor) if u.kind == "currency" else float(factor)

    def fitted() -> str:  # (made only for the causes that need it)
        return _fitted(lo / f, hi / f, printed.decimals, u is unit or u == unit,
                       round(math.log10(f / f0)) if f0 else 0)
    if max(lo - p_hi, p_lo - hi) <= (p_hi - p_lo) * (1 + 1e-9):
        # Within one unit of the last digit: rounded wrongly, or computed from rounded figures.
        return Suggestion("rounding", format_decimals(mid / f0, printed.decimals), unit.text)
    slips = _slips(printed, unit, factor)
    near: dict[int, list[int]] = {}  # the candidates not clearly outside, by cause
    far = slips.far(lo - slack, hi + slack)
    for j, c in zip(np.flatnonzero(~far).tolist(), slips.cause[~far].tolist()):
        near.setdefault(c, []).append(j)
    for cause in CAUSES:
        if cause in STRUCTURAL or cause == "other-rate":
            for a_lo, a_hi, *printed_as in alternatives.get(cause, []):
                if a_lo - slack <= p_hi and a_hi + slack >= p_lo or cause == "other-rate":
                    # The confused quantity's own printed text, when it was printed.
                    text, unit_text = printed_as if printed_as else (fitted(), u.text)
                    return Suggestion(cause, text, unit_text)
            continue
        hits = []
        for j in near.get(_CAUSE_AT[cause], ()):
            b = slips.reading(j, factor)
            if b and b[0] <= hi + slack and b[1] >= lo - slack:
                hits.append((abs((b[0] + b[1]) / 2 - mid), slips.text(j), slips.unit_of(j)))
        if hits:
            _, text, cu = min(hits, key=lambda h: (h[0], h[1]))
            fc = float(cu.factor) if cu.kind == "currency" else float(factor)
            if cause == "dropped-digit":  # (the one slip that adds a printed place)
                text = _rounded(text, printed.decimals, lo / fc, hi / fc)
            return Suggestion(cause, text, cu.text)
    return Suggestion("unexplained", fitted(), u.text)
