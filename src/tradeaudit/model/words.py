"""How a release words an amount: a number and a unit code as the release prints them."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from tradeaudit.model.units import SCALE_WORDS, UNSTATED

# Scales only East Asian releases use (万, 億/억); a figure in them with no quote to tell its
# language is worded in Korean, the first such language the tool read.
_KOREAN_SCALES = ("10k", "100m")
HANGUL = "[\uac00-\ud7a3]"  # (a quote in Korean has one of these)
KANA = "[\u3040-\u30ff]"  # (a quote in Japanese has one of these, or a yen sign: 円)
HAN = "[\u4e00-\u9fff]"  # (a quote in Chinese has these, and neither of the others)
_HANGUL, _KANA, _HAN = re.compile(HANGUL), re.compile(KANA + "|円"), re.compile(HAN)
LANGUAGES = ("en", "ko", "ja", "zh")  # the codes language_codes gives, in this order
_CURRENCY = re.compile(r"^([A-Z]{3})(?:_(k|10k|m|100m|bn|tn))?$")
_RATE = re.compile(r"^([A-Z]{3})_per_([A-Z]{3})$")

# English: a symbol before the number, or a word after the scale word.
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_NAMES = {"KRW": "won", "JPY": "yen", "CNY": "yuan", "INR": "rupees"}
# Korean, Japanese, Chinese: the scale and the currency after the number (Korean with a space
# before the currency, as Korean releases print it: 69.0억 달러; 819.1億ドル, 819.1亿美元).
_EAST = {
    "ko": ({"k": "천", "10k": "만", "m": "백만", "100m": "억", "bn": "십억", "tn": "조"},
           {"KRW": "원", "USD": "달러", "EUR": "유로", "JPY": "엔", "CNY": "위안"}, " "),
    "ja": ({"k": "千", "10k": "万", "m": "百万", "100m": "億", "bn": "十億", "tn": "兆"},
           {"KRW": "ウォン", "USD": "ドル", "EUR": "ユーロ", "JPY": "円", "CNY": "元"}, ""),
    "zh": ({"k": "千", "10k": "万", "m": "百万", "100m": "亿", "bn": "十亿", "tn": "万亿"},
           {"KRW": "韩元", "USD": "美元", "EUR": "欧元", "JPY": "日元", "CNY": "元"}, ""),
}
_KO_SCALES = {**_EAST["ko"][0], "": ""}
# Dimensionless units: the words after the number, per language.
_AFTER = {"pct": {"en": "%"}, "pp": {"en": " percentage points", "ko": "%p", "ja": "ポイント",
                                      "zh": "个百分点"},
          "ratio": {"en": ""}, "times": {"en": " times", "ko": "배", "ja": "倍", "zh": "倍"},
          "rank": {"en": "", "ko": "위", "ja": "位", "zh": "位"},
          UNSTATED: {"en": " (unit not stated)", "ko": " (단위 미표기)", "ja": "（単位の記載なし）",
                     "zh": "（未注明单位）"}}


def language(unit: str, quote: str = "") -> str:
    """The language a figure is worded in: its quote's (Korean, Japanese, Chinese), else
    Korean for the East Asian scales (만, 억) and English for the rest."""
    if quote:
        if _HANGUL.search(quote):
            return "ko"
        if _KANA.search(quote):
            return "ja"
        if _HAN.search(quote):
            return "zh"
    m = _CURRENCY.match(unit)
    return "ko" if m and m.group(2) in _KOREAN_SCALES else "en"


def language_codes(quotes) -> np.ndarray:
    """language() of many quotes at once (a pandas Series of text), as indices into
    LANGUAGES: 0 where the quote says nothing (the unit then decides, see amount_array)."""
    text = quotes.astype(str)
    han = text.str.contains(HAN).to_numpy(dtype=bool)
    kana = text.str.contains(KANA + "|円").to_numpy(dtype=bool)
    hangul = text.str.contains(HANGUL).to_numpy(dtype=bool)
    return np.select([hangul, kana, han], [1, 2, 3], 0).astype(np.int64)


@lru_cache(maxsize=1024)
def _parts(unit: str, lang: str) -> tuple[str, str]:
    """What goes before and after the number for a unit code (a code it does not know is
    kept after the number, so nothing is lost)."""
    if unit in _AFTER:
        return "", _AFTER[unit].get(lang, _AFTER[unit]["en"])
    rate = _RATE.match(unit)
    if rate:
        return "", f" {rate.group(1)} per {rate.group(2)}"
    m = _CURRENCY.match(unit)
    if not m:
        return "", f" {unit}" if unit else ""
    cur, scale = m.group(1), m.group(2) or ""
    if lang in _EAST:
        scales, names, space = _EAST[lang]
        name = names.get(cur, cur)
        return "", f"{scales[scale]}{space}{name}" if scale else name
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
                 langs: np.ndarray, lead: str = "") -> list[str]:
    """`lead` and amount_text over many texts (a reason for each of a million figures):
    `codes` index `units` per text, `langs` index LANGUAGES per text (language_codes of the
    quotes; 0 where the quote says nothing and the unit decides). The words of each unit and
    language are made once, and put around the texts; the few texts a symbol must not simply
    precede (a negative end, an infinite one) are worded one by one."""
    def lang_of(unit: str, code: int) -> str:
        return LANGUAGES[code] if code else language(unit)
    table = [[lang_of(u, k) for k in range(len(LANGUAGES))] for u in units]
    words = [[_parts(u, g) for g in row] for u, row in zip(units, table)]
    empty = [("", "")] * len(LANGUAGES)
    before = np.array([[w[0] for w in row] for row in words or [empty]], dtype=object)
    after = np.array([[w[1] for w in row] for row in words or [empty]], dtype=object)
    k = np.asarray(langs, dtype=np.int64)
    b, a = before[codes, k], after[codes, k]
    out = [f"{lead}{x}{t}{y}" for x, t, y in zip(b.tolist(), texts, a.tolist())]
    with_symbol = np.flatnonzero(b != "")
    if len(with_symbol):
        plain = np.asarray(texts[with_symbol], dtype=str)
        odd = with_symbol[(np.strings.find(plain, "-") >= 0) |
                          (np.strings.find(plain, "\u221e") >= 0)]
        for j in odd.tolist():
            out[j] = lead + amount_text(texts[j], units[codes[j]], table[codes[j]][k[j]])
    return out
