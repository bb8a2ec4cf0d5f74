"""The languages the text reader knows, one module each, and their words combined.

Each module holds a language's number words and scales, currencies, qualifier and bound
words, flow directions, forecast and per-day words and period words; the reader in
`read.text.reader` is the same for every language and uses the tables combined here. A
language is added by a module and a line in LANGUAGES."""

from __future__ import annotations

import re

from tradeaudit.read.text.lang import de, en, ja, ko, zh

LANGUAGES = (en, ko, ja, zh, de)


def _merged(name: str) -> dict:
    out: dict = {}
    for lang in LANGUAGES:
        out.update(getattr(lang, name, {}))
    return out


def _alternation(name: str) -> str:
    return "|".join(getattr(lang, name) for lang in LANGUAGES if hasattr(lang, name))


SCALE_WORDS = en.SCALE_WORDS
CURRENCY_WORDS = {k: v for lang in (en, ko, ja, zh) for k, v in lang.CURRENCY_WORDS.items()}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "USD": "USD", "KRW": "KRW", "₩": "KRW",
                  "€": "EUR", "EUR": "EUR", "¥": "JPY", "JPY": "JPY", "CNY": "CNY",
                  "£": "GBP", "GBP": "GBP", **en.CURRENCY_PREFIXES}
WORD_MULTIPLES = en.WORD_MULTIPLES
QUALIFIER_WORDS = _merged("QUALIFIER_WORDS")
BOUND_BEFORE = re.compile(en.BOUND_BEFORE)
BOUND_AFTER = re.compile(_alternation("BOUND_AFTER"))
BOUND_BEFORE_CJK = re.compile(zh.BOUND_BEFORE)
QUALIFIER_BEFORE = re.compile(r"(?:^|[\s(])(" + "|".join(
    re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True)) + r")\s*$")
UP = "(?:" + "|".join(w for lang in LANGUAGES for w in lang.UP) + ")"
DOWN = "(?:" + "|".join(w for lang in LANGUAGES for w in lang.DOWN) + ")"
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
KO_NUM = NUM


def _scale(power: int) -> str:
    return "|".join(s for lang in LANGUAGES for s in getattr(lang, "SCALES", {}).get(power, []))


# Amounts in 조/억/만 (Korean), 兆/億/万 (Japanese), 万亿/亿/万 (Chinese) and their currencies.
# (a space may stand between the number and its scale: "196.3 億美元")
KO_AMOUNT = re.compile(r"(?:(" + KO_NUM + r") ?(?:" + _scale(12) + r")\s*)?(?:(\d+천(?:\d{3})?|" +
                       KO_NUM + r") ?(?:" + _scale(8) + r")\s*)?(?:(\d+천(?:\d{3})?|" + KO_NUM +
                       r") ?(?:" + _scale(4) + r")\s*)?(?:\s?(?:미국\s?)?)(" + "|".join(
                           c for lang in LANGUAGES for c in getattr(lang, "AMOUNT_CURRENCIES", []))
                       + ")")
QUANTITY = re.compile(
    r"(?P<sign>" + en.SIGN_PREFIX + r"|[$€£¥₩]|US\$|\b(?:USD|KRW|EUR|JPY|CNY|GBP)\s?)?"
    r"(?P<num>" + NUM + r")" + en.QUANTITY_TAIL, re.IGNORECASE)
FORECAST = re.compile(_alternation("FORECAST"), re.IGNORECASE)
PER_DAY = re.compile(_alternation("PER_DAY"), re.IGNORECASE)
RESPECTIVELY = re.compile(_alternation("RESPECTIVELY"), re.IGNORECASE)
MONTHS = en.MONTHS  # (German months: de.MONTHS, read with German period grammar)
HALVES = _merged("HALVES")
QUARTERS = en.QUARTERS
NOT_SEGMENT = frozenset(w for lang in LANGUAGES for w in getattr(lang, "NOT_SEGMENT", []))
KO_NOT_NOUN = ko.NOT_NOUN
CJK_LEAD, CJK_TRAIL, CJK_WHOLE = zh.LEAD, zh.TRAIL, zh.WHOLE
number_forms = ja.number_forms  # full-width digits, 11・9%: ASCII forms in the same places
DIRECTION_RIGHT_AFTER = re.compile(_alternation("DIRECTION_RIGHT_AFTER"))
LAST_MONTH = _alternation("LAST_MONTH")
YEAR_TO_DATE_CJK = zh.YEAR_TO_DATE
PREVIOUS_AFTER = re.compile(ja.PREVIOUS_AFTER)
QUALIFIERS_CJK = {**zh.QUALIFIERS_BEFORE, **ja.QUALIFIERS_BEFORE}
QUALIFIER_BEFORE_CJK = re.compile("(" + "|".join(sorted(QUALIFIERS_CJK, key=len, reverse=True))
                                  + r")\s*$")
