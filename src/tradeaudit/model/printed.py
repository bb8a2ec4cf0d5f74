"""Printed numbers: the value and the precision the digits carry, read without floats."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.model.interval import INF, down, up

# A printed figure as the table carries it: signed digits, an optional fraction, nothing else.
# normalize_printed() turns the common variants (thousands separators, Unicode minus,
# full-width digits, accounting parentheses) into this form first.
PRINTED = re.compile(r"^[+-]?(\d+)(?:\.(\d+))?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_MINUS = dict.fromkeys(map(ord, "\u2212\u2012\u2013\u2014\ufe63\uff0d"), "-")


def normalize_printed(text: str) -> str:
    """The canonical spelling of a printed number ("(1,234.5)" -> "-1234.5"); "" if none."""
    s = unicodedata.normalize("NFKC", text).translate(_MINUS).strip().replace(" ", "")
    # A unit sign typed into the cell ("16.0%", "$17.648", "₩25"): the unit column rules.
    s = s.removesuffix("%p").removesuffix("%").lstrip("$€£¥₩").removeprefix("US$")
    negative = s.startswith("(") and s.endswith(")")
    if negative:
        s = s[1:-1]
    if _GROUPED.match(s):
        s = s.replace(",", "")
    if not PRINTED.match(s):
        return ""
    if negative:
        s = s[1:] if s.startswith("-") else "-" + s.lstrip("+")
    return s


@dataclass(frozen=True, slots=True)
class Printed:
    """A number as printed: its exact value and the half unit of its last digit."""

    text: str
    value: Decimal
    decimals: int

    @property
    def half_unit(self) -> Decimal:
        return Decimal(5).scaleb(-self.decimals - 1)

    @property
    def bounds(self) -> tuple[Decimal, Decimal]:
        """The exact interval of values that print as this text. A bound has one digit more
        than the value: past 27 digits the default 28-digit context would round it inward."""
        if len(self.text) < 27:
            return self.value - self.half_unit, self.value + self.half_unit
        exact = Context(prec=len(self.value.as_tuple().digits) + 2)
        return exact.subtract(self.value, self.half_unit), exact.add(self.value, self.half_unit)


def parse_printed(text: str) -> Printed:
    """Read a printed number; ValueError quoting the text when it is not one."""
    canon = normalize_printed(text)
    if not canon:
        raise ValueError(f"not a printed number: {text!r}")
    frac = PRINTED.match(canon).group(2) or ""
    return Printed(canon, Decimal(canon), len(frac))


def format_decimals(x: float, decimals: int) -> str:
    """x printed with this many decimals, rounding half away from zero as publishers do."""
    q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    return format(q, "f") if q != 0 else format(abs(q), "f")


def printed_bounds(canon: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Outward float bounds and decimals of canonical printed strings, vectorized."""
    _, lo, hi, decimals = read_printed(pa.array(np.asarray(canon, dtype=object).astype(str)))
    return lo, hi, decimals


def read_printed(canon: pa.Array | pa.ChunkedArray):
    """Nearest floats, outward float bounds and decimals of canonical printed strings.

    The text is rounded once to the nearest float (Arrow's parser and Python's both round
    correctly); one step outward then contains the exact decimal, and the half unit is added
    with outward rounding too.
    """
    if pc.all(pc.string_is_ascii(canon)).as_py() is not False:
        value = pc.cast(canon, pa.float64()).to_numpy()
        dot = pc.find_substring(canon, ".").to_numpy()
        decimals = np.where(dot >= 0, pc.utf8_length(canon).to_numpy() - dot - 1, 0)
    else:  # digits of other scripts (NFKC keeps Arabic-Indic ones): Python reads those
        text = np.asarray(canon.to_pylist(), dtype=object).astype(str)
        value = text.astype(np.float64)
        decimals = np.char.str_len(np.char.partition(text, ".")[:, 2])
    decimals = decimals.astype(np.int64)
    half = up(0.5 * np.power(10.0, -decimals.astype(float)))
    lo = down(down(value) - half)
    hi = up(up(value) + half)
    return value, lo, hi, decimals


# What a qualifier printed beside a figure does to its interval. `slack` is the widest relative
# widening for the vague ones ("about": 5%); the digits printed narrow it (see qualify). The
# documented table is in the README.
QUALIFIERS: dict[str, tuple[str, float]] = {
    "about": ("around", 0.05), "approximately": ("around", 0.05), "around": ("around", 0.05),
    "roughly": ("around", 0.05), "some": ("around", 0.05), "약": ("around", 0.05),
    "reading": ("around", 0.0),  # a reading in doubt (tradeaudit.audit.readings): vague, no wider
    "nearly": ("below", 0.10), "almost": ("below", 0.10), "close to": ("below", 0.10),
    "over": ("above", 0.0), "more than": ("above", 0.0), "above": ("above", 0.0),
    "at least": ("above", 0.0), "under": ("below-open", 0.0), "less than": ("below-open", 0.0),
    "below": ("below-open", 0.0), "at most": ("below-open", 0.0),
    "record": ("exact", 0.0), "all-time high": ("exact", 0.0), "highest": ("exact", 0.0),
    "lowest": ("exact", 0.0), "largest": ("exact", 0.0), "smallest": ("exact", 0.0),
}
# Qualifiers that make a figure vague: such a figure is checked against the others but never
# used to constrain them. A contradiction near the line is a wording warning; beyond it, an
# error (tradeaudit.audit.verdicts).
VAGUE = frozenset(q for q, (kind, _) in QUALIFIERS.items() if kind != "exact")
# "about v" stands for v rounded to at most this many digits fewer than printed: the slack is
# the half unit of that coarser digit (100 half units of the last significant one), never
# more than the qualifier's relative slack.
COARSER_DIGITS = 2


def significant_half_unit(printed: np.ndarray, decimals: np.ndarray) -> np.ndarray:
    """The half unit of each printed number's last significant digit: its last decimal, or
    for a whole number its last nonzero digit ("17000" -> 500: trailing zeros may be
    rounding, not precision)."""
    def zeros(text: str) -> int:
        whole = str(text).partition(".")[0].lstrip("+-")
        return min(len(whole) - len(whole.rstrip("0")), max(len(whole) - 1, 0))
    trailing = np.array([zeros(t) for t in printed], dtype=float).reshape(-1)
    power = np.where(np.asarray(decimals) > 0, -np.asarray(decimals, dtype=float), trailing)
    return up(0.5 * np.power(10.0, power))


def qualify(lo: np.ndarray, hi: np.ndarray, value: np.ndarray, qualifier,
            decimals: np.ndarray | None = None, printed: np.ndarray | None = None):
    """Apply each figure's qualifier to its printed interval (vectorized over figures); with
    `decimals` and the `printed` text, the slack of "about" and "nearly" narrows with the
    digits printed (qualify_with_band)."""
    return qualify_with_band(lo, hi, value, qualifier, decimals, printed)[:2]


def qualify_with_band(lo: np.ndarray, hi: np.ndarray, value: np.ndarray, qualifier,
                      decimals: np.ndarray | None = None, printed: np.ndarray | None = None):
    """Apply each figure's qualifier to its printed interval (vectorized over figures).

    Returns the qualified interval and the band around it within which a contradiction is
    only a wording warning. A figure whose digits set its slack ("approximately 17.886")
    has the interval widened by that slack again ("near the line"); a bound ("over",
    "under") has no band (violated beyond the printed precision is an error). A figure
    whose word sets its slack ("about 17", "nearly 2": the word, not the digits, is the
    claim) and a reading in doubt have an unbounded band: their misfits stay warnings."""
    lo, hi = lo.copy(), hi.copy()
    near_lo, near_hi = np.full_like(lo, -INF), np.full_like(hi, INF)
    codes, words = pd.factorize(qualifier)
    for code, word in enumerate(words):
        if word not in QUALIFIERS or word == "reading":
            continue
        kind, slack = QUALIFIERS[word]
        m = codes == code
        half = (hi[m] - lo[m]) / 2
        # (Only the qualified figures, few, are read digit by digit.)
        sig = np.full(int(m.sum()), np.inf) if decimals is None or printed is None else \
            significant_half_unit(np.asarray(printed, dtype=object)[m], np.asarray(decimals)[m])
        by_word, by_digits = up(np.abs(value[m]) * slack), up(sig * 10.0 ** COARSER_DIGITS)
        width = np.maximum(half, np.minimum(by_word, by_digits))
        q_lo, q_hi, n_lo, n_hi = _qualified(kind, lo[m], hi[m], value[m], width)
        lo[m], hi[m] = q_lo, q_hi
        keep = np.ones(len(q_lo), dtype=bool) if kind in ("above", "below-open", "exact") \
            else by_digits < by_word
        near_lo[np.flatnonzero(m)[keep]], near_hi[np.flatnonzero(m)[keep]] = n_lo[keep], \
            n_hi[keep]
    return lo, hi, near_lo, near_hi


def _qualified(kind: str, lo: np.ndarray, hi: np.ndarray, value: np.ndarray,
               width: np.ndarray) -> tuple[np.ndarray, ...]:
    """One qualifier's interval and the band near it, for its figures. "nearly" is "just
    short of" in size: "fell nearly 12%" (-12) is -12 up to -12 + 10%."""
    if kind == "around":
        lo, hi = np.minimum(lo, down(value - width)), np.maximum(hi, up(value + width))
        return lo, hi, down(lo - width), up(hi + width)
    if kind == "below":
        neg = value < 0
        lo, hi = lo.copy(), hi.copy()
        lo[~neg] = np.minimum(lo[~neg], down(value[~neg] - width[~neg]))
        hi[~neg] = np.minimum(hi[~neg], np.maximum(value[~neg], lo[~neg]))
        hi[neg] = np.maximum(hi[neg], up(value[neg] + width[neg]))
        lo[neg] = np.maximum(lo[neg], np.minimum(value[neg], hi[neg]))
        return lo, hi, down(lo - width), up(hi + width)
    if kind == "above":
        return lo, np.full_like(hi, INF), lo, np.full_like(hi, INF)
    if kind == "below-open":
        return np.full_like(lo, -INF), hi, np.full_like(lo, -INF), hi
    return lo, hi, lo, hi
