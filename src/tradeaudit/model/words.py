"""How a release words an amount: a number and a unit code as the release prints them."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from tradeaudit.model.units import SCALE_WORDS, UNSTATED

# Scales only Korean releases use; a figure in them is worded in Korean.
_KOREAN_SCALES = ("10k", "100m")
HANGUL = "[\uac00-\ud7a3]"  # (a quote in Korean has one of these)
_HANGUL = re.compile(HANGUL)
_CURRENCY = re.compile(r"^([A-Z]{3})(?:_(k|10k|m|100m|bn|tn))?$")
_RATE = re.compile(r"^([A-Z]{3})_per_([A-Z]{3})$")

# English: a symbol before the number, or a word after the scale word.
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_NAMES = {"KRW": "won", "JPY": "yen", "CNY": "yuan", "INR": "rupees"}
_KO_SCALES = {"k": "천", "10k": "만", "m": "백만", "100m": "억", "bn": "십억", "tn": "조", "": ""}
_KO_NAMES = {"KRW": "원", "USD": "달러", "EUR": "유로", "JPY": "엔", "CNY": "위안"}
# Dimensionless units: the words after the number (English, Korean).
_AFTER = {"pct": ("%", "%"), "pp": (" percentage points", "%p"), "ratio": ("", ""),
          "times": (" times", "배"), "rank": ("", "위"),
          UNSTATED: (" (unit not stated)", " (단위 미표기)")}


def language(unit: str, quote: str = "") -> str:
    """The language a figure is worded in: "ko" for Korean scales or a Korean quote, else
    "en"."""
    m = _CURRENCY.match(unit)
    if (m and m.group(2) in _KOREAN_SCALES) or _HANGUL.search(quote or ""):
        return "ko"
    return "en"


@lru_cache(maxsize=1024)
def _parts(unit: str, lang: str) -> tuple[str, str]:
    """What goes before and after the number for a unit code (a code it does not know is
    kept after the number, so nothing is lost)."""
    ko = lang == "ko"
    if unit in _AFTER:
        return "", _AFTER[unit][ko]
    rate = _RATE.match(unit)
    if rate:
        return "", f" {rate.group(1)} per {rate.group(2)}"
    m = _CURRENCY.match(unit)
    if not m:
        return "", f" {unit}" if unit else ""
    cur, scale = m.group(1), m.group(2) or ""
    if ko:
        name = _KO_NAMES.get(cur, cur)
        return "", f"{_KO_SCALES[scale]} {name}" if scale else name
    words = SCALE_WORDS[scale] if scale not in _KOREAN_SCALES else _KO_SCALES[scale]
    if cur in _SYMBOLS:
        return _SYMBOLS[cur], f" {words}" if words else ""
    if cur in _NAMES:
        return "", f" {words} {_NAMES[cur]}" if words else f" {_NAMES[cur]}"
    return f"{cur} ", f" {words}" if words else ""


def _signed(prefix: str, number: str) -> str:
    return f"-{prefix}{number[1:]}" if prefix and number.startswith("-") else prefix + number


def amount(number: str, unit: str, lang: str = "en") -> str:
    """A number (as printed) in a unit, as a release words it: `25.39 trillion won`,
    `$17.6 billion`, `3.8%`, `0.07` (a ratio), `69.0억 달러`."""
    before, after = _parts(unit, lang)
    return _signed(before, number) + after


def amount_range(low: str, high: str, unit: str, lang: str = "en") -> str:
    """A range of numbers in a unit, the unit once: `$17.5–17.7 billion`, `3.7–3.8%`; one
    number when both ends read alike."""
    if low == high:
        return amount(low, unit, lang)
    before, after = _parts(unit, lang)
    if before and (low.startswith("-") or high.startswith("-")):
        return f"{_signed(before, low)}–{_signed(before, high)}{after}"
    return f"{before}{low}–{high}{after}"


def amount_text(text: str, unit: str, lang: str = "en", dash: str = "–") -> str:
    """An interval already written (`1.2–1.3`, `≤ 4`, `5`; `dash` between the ends) in a
    unit's words; "any value" and "" as they are."""
    if not text or text == "any value":
        return text
    if text[:2] in ("≤ ", "≥ "):
        return text[:2] + amount(text[2:], unit, lang)
    low, sep, high = text.partition(dash)
    return amount_range(low.strip(), high.strip(), unit, lang) if sep else \
        amount(text, unit, lang)


def amount_array(texts: np.ndarray, codes: np.ndarray, units: list[str],
                 korean: np.ndarray, lead: str = "") -> list[str]:
    """`lead` and amount_text over many texts (a reason for each of a million figures):
    `codes` index `units` per text, `korean` says whose quote is Korean. The words of each
    unit and language are made once, and put around the texts; the few texts a symbol must
    not simply precede (a negative end, an infinite one) are worded one by one."""
    langs = [[language(u, "\uac00" if k else "") for k in (False, True)] for u in units]
    words = [[_parts(u, g) for g in pair] for u, pair in zip(units, langs)]
    before = np.array([[w[0] for w in pair] for pair in words] or [["", ""]], dtype=object)
    after = np.array([[w[1] for w in pair] for pair in words] or [["", ""]], dtype=object)
    ko = korean.astype(np.int64)
    b, a = before[codes, ko], after[codes, ko]
    out = [f"{lead}{x}{t}{y}" for x, t, y in zip(b.tolist(), texts, a.tolist())]
    with_symbol = np.flatnonzero(b != "")
    if len(with_symbol):
        plain = np.asarray(texts[with_symbol], dtype=str)
        odd = with_symbol[(np.strings.find(plain, "-") >= 0) |
                          (np.strings.find(plain, "\u221e") >= 0)]
        for j in odd.tolist():
            out[j] = lead + amount_text(texts[j], units[codes[j]], langs[codes[j]][ko[j]])
    return out
