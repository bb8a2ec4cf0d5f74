"""Figures from release text (the reader every language shares): every number becomes a figure or is listed
as not interpreted, with the reason.

The reading is deliberately plain: sentences and clauses, the flows, segments and periods named
around each number, the words that say what the number is (an increase, a share, a level), and
a subject carried from clause to clause and sentence to sentence within a paragraph. Flow and
segment names come from a gazetteer file that users extend without touching code.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pandas as pd

from tradeaudit.errors import TradeAuditError
from tradeaudit.model.periods import PERIOD, is_unnamed
from tradeaudit.model.printed import normalize_printed
from tradeaudit.read.formats import TEXT_SUFFIXES  # noqa: F401 - the texts it reads
from tradeaudit.read.headings import period_before
from tradeaudit.read.table import decode
from tradeaudit.read.text import typed_table
from tradeaudit.read.text.lang import (
    BOUND_AFTER,
    BOUND_BEFORE,
    BOUND_BEFORE_CJK,
    CJK_LEAD,
    CJK_TRAIL,
    CJK_WHOLE,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DIRECTION_RIGHT_AFTER,
    DOWN,
    FORECAST,
    HALVES,
    KO_AMOUNT,
    KO_NOT_NOUN,
    LAST_MONTH,
    MONTHS,
    NOT_SEGMENT,
    PER_DAY,
    PREVIOUS_AFTER,
    QUALIFIER_BEFORE,
    QUALIFIER_BEFORE_CJK,
    QUALIFIER_WORDS,
    QUALIFIERS_CJK,
    QUANTITY,
    QUARTERS,
    RESPECTIVELY,
    SCALE_WORDS,
    UP,
    WORD_MULTIPLES,
    YEAR_TO_DATE_CJK,
    de,
    en,
    ja,
    ko,
    number_forms,
    zh,
)
from tradeaudit.stats import with_base

YEAR = re.compile(r"^(19|20)\d\d$")
# The year a text speaks of when no year can be worked out (it names none, and no publication
# date counts one out): read as this placeholder, which no text names, so that every period
# reckoning (a year back, a month's quarter) works as for a named year; the figures write it
# as contract 1's `Y` (9998 as `Y-1`).
UNNAMED_YEAR = 9999
YEARS = re.compile(r"(?<![\d,.억조만億亿兆万萬])((?:19|20)\d\d)(?![\d만억조원달%万萬億亿兆円元]|[.,]\d)")
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!Mrd\.)(?<!Mio\.)(?<!Tsd\.)(?<!bzw\.)"
                          r"(?!(?<=\b\d\.)\s+" + de.ORDINAL_NOUN + r")\s+(?=[\"'‘“(]?[A-ZÄÖÜ가-힣0-9※•])|(?<=다\.)\s*|(?<=[。！？])\s*|"
                          r"(?<=[a-z0-9)%]\.)(?=[A-Z][a-z])")  # "years.South Korea's": a lost space
# A paragraph ending a sentence (not a headline line): "….", "…했다"
SENTENCE_DONE = re.compile(r"(?:[.!?。]|다)[\"'’”)]*\s*$")
# A line that does not end a sentence (a headline, a table row) is read on its own.
OPEN_LINE = re.compile(r"(?<![.!?。:;,])\n")


@dataclass(frozen=True)
class Lexicon:
    """Phrases for flows and segments, longest first, from the gazetteer file."""

    flows: list[tuple[str, str, int]]  # phrase, flow, sign
    segments: list[tuple[str, str]]  # phrase, dimension=member

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        try:
            g = pd.read_csv(path, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError, UnicodeDecodeError) as e:
            raise TradeAuditError(f"cannot read the gazetteer: {e}", path=str(path)) from None
        missing = [c for c in ("kind", "key", "phrase") if c not in g.columns]
        if missing:
            raise TradeAuditError(f"a gazetteer needs columns kind, key, phrase; missing "
                                  f"{missing[0]!r}", path=str(path), row=1, column=missing[0])
        g = g.assign(phrase=g["phrase"].str.strip().str.lower())
        g = g.assign(n=g["phrase"].str.len()).sort_values(["n", "phrase"], ascending=[False, True])
        flows = [(p, r.key, -1 if str(getattr(r, "sign", "")).strip() == "-1" else 1)
                 for r in g[g["kind"] == "flow"].itertuples() for p in de.spellings(r.phrase)]
        segs = [(p, r.key) for r in g[g["kind"] == "segment"].itertuples()
                for p in de.spellings(r.phrase)]
        return cls(sorted(flows, key=lambda f: (-len(f[0]), f[0])),
                   sorted(segs, key=lambda f: (-len(f[0]), f[0])))

    def index(self, kind: str) -> tuple[dict[str, list[tuple]], list[tuple]]:
        """ASCII phrases by their first word (longest first), and the other phrases."""
        cached = self.__dict__.get("_index_" + kind)
        if cached:
            return cached
        by_word: dict[str, list[tuple]] = {}
        other = []
        for it in self.flows if kind == "flow" else self.segments:
            if it[0].isascii():
                by_word.setdefault(re.match(r"[\w.$-]+", it[0]).group(0), []).append(it)
            else:
                other.append(it)
        object.__setattr__(self, "_index_" + kind, (by_word, other))
        return by_word, other


@dataclass
class Mention:
    start: int
    end: int
    key: str
    sign: int = 1


@dataclass
class Quantity:
    """A number as printed with what its own words say: unit, qualifier, span."""

    start: int
    end: int
    text: str
    value: str  # canonical printed number (sign not applied)
    unit: str  # USD_bn, pct, pp, times, "" (bare)
    qualifier: str = ""
    word: bool = False  # spelled out (twofold, half)
    earlier: bool = False  # the same figure a year before ("69,9 (71,2) Prozent": the 71,2)


@dataclass
class Reading:
    """What extraction produced for one document."""

    path: str
    text: str
    figures: list[dict] = field(default_factory=list)
    unread: list[dict] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list, repr=False)
    periods: list[str] = field(default_factory=list, repr=False)  # the periods sentences name
    span: tuple[str, str] = ("", "")  # years of a change over several years ("2012년 X에서 지난해 Y로")
    basis: str = ""  # "previous": an English text whose first comparison is with the month before


class _TextOfHtml(HTMLParser):
    def __init__(self, skip_tables: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        # (a page whose tables are read as published tables: their cells are not prose)
        self.hidden = ("script", "style", "noscript", "template") + (
            ("table",) if skip_tables else ())

    def handle_starttag(self, tag, attrs):
        if tag in self.hidden:
            self.skip += 1
        elif tag in ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section",
                     "article"):
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag):
        if tag in self.hidden and self.skip:
            self.skip -= 1
        elif tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "tr"):
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def read_text(path: Path, encoding: str | None = None, skip_tables: bool = False) -> str:
    """A release's text: plain text and Markdown as they are, HTML as the page's text
    (without its tables when they are read as published tables). Its encoding is the one
    given, else UTF-8, else CP949/EUC-KR when that reads as Korean."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise TradeAuditError(f"cannot read: {e.strerror}", path=str(path)) from None
    if b"\x00" in raw[:4096]:
        raise TradeAuditError("not a text file (binary content)", path=str(path))
    text = decode(raw, str(path), encoding).removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() in (".html", ".htm"):
        parser = _TextOfHtml(skip_tables)
        parser.feed(text)
        text = re.sub(r"[ \t]+", " ", html.unescape("".join(parser.parts)))
        text = re.sub(r"\n\s*\n+", "\n\n", text).strip() + "\n"
    return text


WORD = re.compile(r"[\w.$-]+")


def _mentions(s: str, lex: Lexicon, kind: str) -> list[Mention]:
    """Gazetteer phrases in a sentence, longest first and never overlapping."""
    low = s.lower()
    by_word, other = lex.index(kind)
    out: list[Mention] = []
    taken_to = -1
    for w in WORD.finditer(low):
        if w.start() < taken_to:
            continue
        word = w.group(0)  # ("vietnam." at a sentence's end is "vietnam"; "u.s." keeps its dots)
        for phrase, key, *rest in by_word.get(word, ()) or by_word.get(word.rstrip(".,"), ()):
            end = w.start() + len(phrase)
            if low.startswith(phrase, w.start()) and not (end < len(low) and
                                                          (low[end].isalnum() or low[end] == "_")):
                out.append(Mention(w.start(), end, key, rest[0] if rest else 1))
                taken_to = end
                break
    for phrase, key, *rest in () if low.isascii() else other:  # (non-ASCII phrases only)
        start = low.find(phrase)
        while start >= 0:
            institution = kind == "segment" and (low[start + len(phrase):][:1] in (
                "부", "청", "처", "발") or  # (미국발: from)
                bool(ja.AGENCY_AFTER.match(low, start + len(phrase))))  # (韓国産業通商資源部)
            if not institution and not any(m.start <= start < m.end and
                                           m.end - m.start >= len(phrase) for m in out):
                out.append(Mention(start, start + len(phrase), key, rest[0] if rest else 1))
            start = low.find(phrase, start + len(phrase))
    # (a phrase inside a longer one is the longer one's: "eurozone" in "EU-Länder, die nicht
    # der Eurozone angehören")
    out = [m for m in out if not any(o.start <= m.start and m.end <= o.end and
                                     o.end - o.start > m.end - m.start for o in out)]
    return sorted(out, key=lambda m: m.start)


def _definitions(s: str) -> list[tuple[int, int]]:
    """Parenthesized definitions like "(exports + imports)": their words name no subject."""
    return [(m.start(), m.end()) for m in re.finditer(r"\([^()]*[+/][^()]*\)", s)]


def _quantities(s: str, lang: str = "") -> list[Quantity]:
    """Every number of a sentence with its unit and qualifier, in order."""
    printed, s = s, number_forms(s)  # (same length: spans stay where they were printed)
    out = _korean_amounts(s)
    taken = [(q.start, q.end) for q in out]
    numbers = _german_numbers(s) if lang == "de" else _numbers(s)
    out += [q for q in numbers if not any(a <= q.start < b for a, b in taken)]
    out += _word_quantities(s)
    if lang == "de":  # "um fünf Prozent"
        out += [Quantity(m.start(), m.end(), m.group(0), de.NUMBER_WORDS[m.group(1).lower()], "pct")
                for m in de.WORD_PERCENT.finditer(s)]
    out += [Quantity(m.start(), m.end(), m.group(0), "50" if m.group(2) else m.group(1) + "0",
                     "pct", "about") for m in ja.WARI.finditer(s)]  # 7割減, 半減
    for q in out:
        q.qualifier = _qualifier(s, q)
        q.text = printed[q.start:q.end].strip() if printed != s else q.text
    return sorted(out, key=lambda q: q.start)


def _korean_amounts(s: str) -> list[Quantity]:
    """Amounts written with 조, 억, 만 (176억4800만 달러)."""
    if not any(u in s for u in "조억만弗兆億万萬亿"):
        return []
    out = []
    for m in KO_AMOUNT.finditer(s):
        if not any(m.group(i) for i in (1, 2, 3)):
            big = ko.UNITS_AFTER_SCALE.search(s[:m.start()])
            if big:  # "1조1403달러": 1조 and 1403 dollars, as printed (to the dollar)
                power = ko.SCALE_POWER[big.group(2)]
                scale, value = _korean_value([(big.group(1), power), (big.group(3), 0)])
                value = format(Decimal(value).quantize(Decimal(1).scaleb(-power)), "f")
                cur = CURRENCY_WORDS[m.group(4)]
                out.append(Quantity(big.start(), m.end(), s[big.start():m.end()], value,
                                    f"{cur}_{scale}"))
            continue
        scale, value = _korean_value([(m.group(1), 12), (m.group(2), 8), (m.group(3), 4)])
        cur = CURRENCY_WORDS[m.group(4)]
        out.append(Quantity(m.start(), m.end(), m.group(0), value, f"{cur}_{scale}"))
    for m in zh.LISTED_AMOUNT.finditer(s):  # "6360.6亿、2004.4亿元": the list's currency
        if not any(q.start <= m.start() < q.end for q in out):
            scale, value = _korean_value([(m.group(1), zh.SCALE_POWER[m.group(2)])])
            out.append(Quantity(m.start(), m.end(), m.group(0), value,
                                f"{CURRENCY_WORDS[m.group(3)]}_{scale}"))
    return out


def _numbers(s: str) -> list[Quantity]:
    """Numbers in digits with what their own words say: %, points, times, currency, scale."""
    out: list[Quantity] = []
    for m in QUANTITY.finditer(s):
        tail = (m.group("tail") or "").strip().lower()
        q = Quantity(m.start(), m.end(), m.group(0).strip(), normalize_printed(m.group("num")),
                     _unit_of(tail, (m.group("sign") or "").strip()))
        whole = _compound(s, out[-1], q) if out else None
        if whole:
            out[-1] = whole
        else:
            out.append(q)
    return out


SCALE_POWER = {"k": 3, "m": 6, "bn": 9, "tn": 12}


def _compound(s: str, big: Quantity, small: Quantity) -> Quantity | None:
    """One amount printed in two scales: "12 trillion 880.2 billion won" is 12,880.2 billion
    won (the larger scale without its currency, the smaller right after it)."""
    scale = small.unit.partition("_")[2]
    top = big.unit.partition("_")[2]
    if not big.unit.startswith("?_") or not s[big.end:small.start].isspace() or \
            SCALE_POWER.get(top, 0) <= SCALE_POWER.get(scale, 99) or "." in big.value:
        return None
    from decimal import Decimal

    factor = Decimal(10) ** (SCALE_POWER[top] - SCALE_POWER[scale])
    value = Decimal(big.value) * factor + Decimal(small.value)
    places = len(small.value.partition(".")[2])
    digits = format(value.quantize(Decimal(1).scaleb(-places)), "f")
    return Quantity(big.start, small.end, s[big.start:small.end], digits, small.unit)


def _german_numbers(s: str) -> list[Quantity]:
    """Numbers with a decimal comma and thousands dots or spaces: "1,5 Mrd. Euro",
    "€ 1 195,8 Milliarden", "22,5 %"."""
    out = []
    skip = [(m.start(), m.end()) for m in de.NOT_QUANTITY.finditer(s)]  # dates, "EU-25"
    paired = {}  # "69,9 (71,2) Prozent": both take the unit, the second is a year before
    for m in de.PAIRED.finditer(s):
        paired[m.start("a")] = paired[m.start("b")] = m
    for m in de.QUANTITY.finditer(s):
        if any(a <= m.start("num") < b for a, b in skip):
            continue
        pair = paired.get(m.start("num"))
        tail = ((pair or m).group("tail") or "").strip().lower()
        num = re.sub(r"[.\s\u00a0\u202f]", "", m.group("num")).replace(",", ".")
        words = tail.split()
        unit = {"%": "pct", "prozent": "pct", "prozentpunkte": "pp"}.get(tail, "")
        if not unit:
            scale = de.SCALE_WORDS.get(words[0], "") if words else ""
            sign = (m.group("sign") or "").strip()
            cur = CURRENCY_SIGNS.get(sign.upper() if sign.isalpha() else sign, "") or \
                de.CURRENCY_WORDS.get(words[-1] if words else "", "") or \
                de.CURRENCY_WORDS.get(sign.lower(), "")
            unit = f"{cur}_{scale}" if cur and scale else cur or (f"?_{scale}" if scale else "")
        start = m.start("sign") if m.group("sign") else m.start("num")
        end = m.end() if pair is None else pair.end("b") if m.start("num") == pair.start("b") \
            else m.end("num")
        out.append(Quantity(start, end, s[start:end].strip(), num, unit,
                            earlier=pair is not None and m.start("num") == pair.start("b")))
    for q, nxt in pairwise(out):  # "von 8,4 auf 4,9 Mrd. Euro": 8,4 in billion euros
        if not q.unit and nxt.unit and de.UNIT_AFTER.fullmatch(" " + s[q.end:nxt.start]) and \
                de.UNIT_BEFORE.search(s[:q.start]):
            q.unit = nxt.unit
    return out


def _unit_of(tail: str, sign: str) -> str:
    """The unit a number's words give: pct, pp, times, USD_bn ..., "?_bn" for a scale without
    a currency, "" for none."""
    if tail in ("%p", "pp", "p.p.") or tail.startswith("percentage point"):
        return "pp"
    if tail in ("%", "percent", "per cent", "pct"):
        return "pct"
    if tail in ("-fold", "times", "배"):
        return "times"
    words = tail.split()
    scale = SCALE_WORDS.get(words[0], "") if words else ""
    cur = CURRENCY_SIGNS.get(sign.upper() if sign.isalpha() else sign, "")
    cur = cur or CURRENCY_WORDS.get(" ".join(words[1:] if scale else words), "")
    if cur:
        return f"{cur}_{scale}" if scale else cur
    return f"?_{scale}" if scale else ""


def _word_quantities(s: str) -> list[Quantity]:
    """Numbers in words: twofold, doubled, half, 절반."""
    out = [Quantity(m.start(), m.end(), m.group(0), WORD_MULTIPLES[m.group(1).lower()], "times",
                    word=True)
           for m in re.finditer(r"\b(" + "|".join(WORD_MULTIPLES) + r")\b", s, re.IGNORECASE)]
    out += [Quantity(m.start(), m.end(), m.group(0), "50", "pct", word=True)
            for m in re.finditer(r"(?<!first )(?<!second )\b(half)\b(?! of (?:19|20)\d\d)|절반", s,
                                 re.IGNORECASE)]
    return out


def _qualifier(s: str, q: Quantity) -> str:
    """The qualifier printed with a number: about, nearly, over, under ... or ""."""
    qualifier = q.qualifier
    m = QUALIFIER_BEFORE.search(s[max(0, q.start - 16):q.start].lower())
    if m:
        qualifier = QUALIFIER_WORDS[m.group(1)]
    m = QUALIFIER_BEFORE_CJK.search(s[max(0, q.start - 4):q.start]) if CJK.search(s) else None
    if m and not HANGUL.search(s):
        qualifier = QUALIFIERS_CJK[m.group(1)]  # "輸入額はおよそ40%の減少"
    if BOUND_BEFORE.search(s[max(0, q.start - 30):q.start].lower()) or \
            BOUND_BEFORE_CJK.search(s[max(0, q.start - 4):q.start]) or \
            BOUND_AFTER.match(s[q.end:q.end + 12]):
        qualifier = "over"  # "topped $10 billion", "100억달러를 돌파": a bound, not a level
    if zh.BOUND_UNDER_BEFORE.search(s[max(0, q.start - 4):q.start]) or \
            zh.BOUND_UNDER_AFTER.match(s[q.end:q.end + 4]) and CJK.search(s):
        qualifier = "under"  # "跌破20%大关", "降至20%以下"
    after = s[q.end:q.end + 4].strip()
    for w in ("이상", "미만"):
        if after.startswith(w):
            qualifier = QUALIFIER_WORDS[w]
    if after.startswith(ko.ABOUT_AFTER):
        qualifier = "about"  # "적자폭이 20%가량 줄었다"
    return qualifier


def _korean_value(parts: list[tuple[str | None, int]]) -> tuple[str, str]:
    """176억4800만 -> ("100m", "176.48"): scaled to the largest unit printed, precise to the
    last non-zero digit printed."""
    from decimal import Decimal

    def number(v: str) -> Decimal:  # "72,350"; "6천300" (6300), "5천" (5000)
        head, _, tail = v.replace(",", "").partition("천")
        return Decimal(head) * 1000 + Decimal(tail or 0) if _ else Decimal(head)

    total = sum(number(v) * Decimal(10) ** e for v, e in parts if v)
    top = max(e for v, e in parts if v)
    scale = {12: "tn", 8: "100m", 4: "10k"}[top]
    value = total / Decimal(10) ** top
    digits = format(value.normalize(), "f")
    printed = [v.replace(",", "") for v, _ in parts if v]
    if len(printed) == 1 and "." in printed[0] and "천" not in printed[0]:
        return scale, printed[0]  # "538.0億美元": as printed, its last zero too
    if "." not in digits and value == value.to_integral() and top != 4:
        digits = format(value.quantize(Decimal(1)), "f")
    return scale, digits


@dataclass
class _State:
    period: str = ""
    flow: str = ""
    segment: str = "total"
    segment_from_sentence: bool = False
    published: str = ""
    reporter: str = ""  # the segment key of the country the text reports on (its total)
    home: str = ""  # the province the text reports on: its figures are a part of the nation's
    lang: str = ""  # "de" for a German text (decimal comma, German words)
    last_year: str = ""  # the last year the sentence before named
    several_years: bool = False  # the sentence that named the period carried named others too
    dated_here: bool = False  # a sentence of this paragraph named the period carried
    period_defaulted: bool = False  # the period carried was never named, only defaulted
    own_periods: dict = field(default_factory=dict)  # sentence -> the period it names
    accounts: bool = False  # goods and services are parts here, not the whole
    main_year_tied: bool = False  # no year named more often than another: none is "the" year
    main_period: str = ""  # the month or quarter of the main year its sentences name most
    flow_before: str = ""  # the last flow an earlier paragraph named (for "품목별로는" lists)
    dollar: str = "USD"  # the currency of a bare "$": the US dollar unless the text says
    seasonal: bool = False  # the paragraph speaks of seasonally adjusted figures
    list_flow: str = ""  # the flow the paragraph before ended with (a list going on)
    reference: str = ""  # the period a release declares its own ("Reference period: ...")
    release: tuple = (0, 0)  # (year, last month) of a Chinese release dating later months alone
    heading_flow: str = ""  # the flow of a "□ 품목별 수출 실적" heading, for its "○" bullets
    unnamed: int = 0  # UNNAMED_YEAR when the text's year is unnamed and no date is given
    currency: str = ""  # the one currency a German text's amounts name ("232,7 Milliarden")
    topic: str = ""  # "flow|segment": a German sentence's flow with its part, for "Sie …" after
    each_year: str = ""  # "H1" when a Chinese paragraph speaks of each year's first half
    bop: bool = False  # a balance of payments text (경상수지): its exports are the goods account's
    title_flow: str = ""  # a subtitle's: the flow its title named (for numbers naming none)


def published_year(published: str | None) -> int:
    """The year of a publication date (YYYY-MM-DD), 0 when none is given."""
    return int(published[:4]) if published and published[:4].isdigit() else 0


def _paragraphs(text: str) -> list[str]:
    """Paragraphs, with a line that ends no sentence (a headline) a paragraph of its own."""
    out = []
    for para in re.split(r"\n\s*\n", text):
        out += OPEN_LINE.split(para)
    return out


def extract(path: Path, lexicon: Lexicon, published: str | None = None,
            encoding: str | None = None, skip_tables: bool = False) -> Reading:
    """Read one release text into contract-1 figures (with provenance) and unread numbers.

    `published` (YYYY-MM-DD) dates the text: months named without a year, "last month" and
    "last year" are read from it; `encoding` is the file's (default: UTF-8, or CP949/EUC-KR
    Korean); `skip_tables` leaves out an HTML page's tables (read as published tables)."""
    text = read_text(path, encoding, skip_tables)
    reading = Reading(str(path), text)
    reading.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    western = ja.western_years(text)  # (平成24年, 18年12月: the years in full)
    years = [int(y) for y in YEARS.findall(western)]
    dated = [int(m.group(1)) for m in YEARS.finditer(western) if not _since(western, m) and
             not ko.EARLIER_RECORD.search(western[max(0, m.start() - 16):m.start()]) and
             not _year_range(western, m)]
    lang = "de" if de.is_german(text) else ""
    # a German text naming one currency: its amounts with a scale alone are in it
    currencies = {q.unit[:3] for q in _german_numbers(text) if q.unit[:3].isupper()} \
        if lang == "de" else set()
    currency = currencies.pop() if len(currencies) == 1 else ""
    own: dict[str, str] = {}  # each distinct sentence's own period, worked out once
    for para in _paragraphs(text):
        for sent in _sentences(para):
            if sent not in own:
                own[sent] = _period(sent, 0, published or "", lang)
    if lang == "de" and not years:  # "im Vorjahr" in a text naming no year: before publication
        own = {k: v or de.last_year(k, published or "") for k, v in own.items()}
    # the year the text is about: the one it names most, not a "since 2012" (2012년 2월 이후)
    # nor the ends of a range (2013~2022년); with none in digits, the year its sentences name
    # most from the publication date ("지난해"), else the publication's; a text naming no
    # period at all gets none (a year chosen for it would be a guess)
    named = Counter(int(p[:4]) for p in own.values() if p[:4].isdigit() and published)
    main_year = Counter(dated).most_common(1)[0][0] if dated else \
        named.most_common(1)[0][0] if named else \
        published_year(published) if any(own.values()) else 0
    # No year worked out, and none named: the text speaks of a year it does not name (Y). Its
    # halves, months and 今年 are of that year ("im ersten Halbjahr": Y-H1), what needs a date
    # to count from ("last month") stays undated. With a publication date, only a text naming
    # no period at all is read so (Yonhap's January article about the year before: not the
    # date's year).
    unnamed = 0
    if not main_year and not any(own.values()):
        in_unnamed = {sent: _period(sent, 0, "", lang, UNNAMED_YEAR) for sent in own}
        if not published or not any(in_unnamed.values()):
            main_year = UNNAMED_YEAR
            unnamed = 0 if published else UNNAMED_YEAR
            own = own if published else in_unnamed
    counts = Counter(dated).most_common(2)
    tied = len(counts) == 2 and counts[0][1] == counts[1][1]
    # a monthly text's headline: the month its sentences name most, not the whole year
    ranked = Counter(p for p in own.values() if p).most_common(2)
    main_period = ranked[0][0] if ranked and ranked[0][0][:4] == str(main_year) and \
        len(ranked[0][0]) > 4 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else ""
    # (a year a run starts from, "2009년 이후", dates nothing: no other reading of a figure)
    reading.periods = [p for p in own.values() if p] + [str(y) for y in dated]
    if lang != "de" and not CJK.search(text):
        reading.basis = _basis(own)
    reporter = _reporter(text, lexicon) or _reporter_cjk(text, lexicon) or \
        (de.reporter(text) if lang == "de" else "")
    home = _home(text, lexicon)
    accounts = bool(ACCOUNTS.search(text))
    dollar = _dollar(text, lexicon, reporter)
    ref = en.REFERENCE_PERIOD.search(text)
    reference = _period(ref.group(1), 0, published or "", lang, unnamed) if ref else ""
    release = zh.release_span(text) if not published else (0, 0)
    tables = typed_table.find(text, lexicon)  # ("輸出額 輸入額 差引額" and its rows)
    offset = 0
    period, several, defaulted, flow, flow_kept, heading = "", False, False, "", "", ""
    head, title = True, None  # (the headline lines before the first sentence; the title's flow)
    for para in _paragraphs(text):
        headline = head and bool(para.strip()) and not SENTENCE_DONE.search(para)
        head = head and (headline or not para.strip())
        start = text.index(para, offset) if para else offset
        offset = start + len(para)
        table = next((t for t in tables if t.start <= start < t.end), None)
        if table is not None:  # its lines are read as the table's cells, once
            if table.start == start:
                typed_table.read(table, reading, lexicon, published)
            continue
        state = _State(period=period, published=published or "", reporter=reporter,
                       accounts=accounts, own_periods=own, home=home, lang=lang,
                       several_years=several, main_year_tied=tied, main_period=main_period,
                       period_defaulted=defaulted, dollar=dollar, reference=reference,
                       seasonal=bool(en.SEASONALLY.search(para)), list_flow=flow,
                       flow_before=flow_kept, release=release, heading_flow=heading,
                       unnamed=unnamed, currency=currency, bop="경상수지" in text,
                       title_flow=title or "" if headline else "")
        pos = 0
        for sent in _sentences(para):
            s_start = start + para.index(sent, pos)
            pos = s_start - start + len(sent)
            _read_sentence(reading, sent, s_start, state, lexicon, main_year)
        period, several, defaulted = state.period, state.several_years, state.period_defaulted
        flow, flow_kept = state.flow, state.flow or flow_kept
        if headline and title is None:
            title = state.flow  # the first headline line is the title
        if ko.HEADING.match(para):
            heading = state.flow if ko.BY_PART_HEADING.match(para) and \
                not re.search(r"\d", para) else ""
    if main_year == UNNAMED_YEAR:
        _write_unnamed(reading)
    return reading


def _write_unnamed(reading: Reading) -> None:
    """Write the placeholder year as contract 1's Y (9999-H1 as Y-H1, 9998 as Y-1). A figure
    more than nine years before it (Y-10 cannot be written), or compared with a named year
    (nothing relates Y to one), is listed instead."""
    kept = []
    for fig in reading.figures:
        period, base = _unnamed_period(fig["period"]), fig.get("base") or ""
        on_period = bool(PERIOD.match(base))
        base = _unnamed_period(base) if on_period else base
        reason = "a period more than nine years before the year the text does not name (Y)" \
            if not period or on_period and not base else \
            "a comparison between a named year and the year the text does not name (Y)" \
            if on_period and is_unnamed(base) != is_unnamed(period) else ""
        if reason:
            reading.unread.append({
                "path": reading.path, "line": int(fig["source"].rsplit(":", 1)[1]),
                "start": fig["span_start"], "end": fig["span_end"],
                "text": fig.get("quote") or fig["value"], "reason": reason})
            continue
        kept.append({**fig, "period": period, "base": base,
                     "alternatives": _unnamed_alternatives(fig.get("alternatives", ""), period)})
    reading.figures = kept
    reading.unread.sort(key=lambda u: (u["line"], u["start"]))


def _unnamed_period(period: str) -> str:
    """A period in the placeholder year written with Y (`9999-06` → `Y-06`, `9998` → `Y-1`),
    a named year's as it is, "" for one more than nine years before Y."""
    if not period[:4].isdigit() or int(period[:4]) < 2100:
        return period
    back = UNNAMED_YEAR - int(period[:4])
    return "" if back > 9 else ("Y" if not back else f"Y-{back}") + period[4:]


def _unnamed_alternatives(text: str, period: str) -> str:
    """A figure's other readings with Y written, keeping only the periods of its own kind:
    a figure of Y is never re-read in a named year (nor the other way)."""
    parts = []
    for part in filter(None, text.split(";")):
        attr, _, values = part.partition("=")
        if attr == "period":
            values = "|".join(v for v in map(_unnamed_period, values.split("|"))
                              if v and is_unnamed(v) == is_unnamed(period))
        if values:
            parts.append(f"{attr}={values}")
    return ";".join(parts)


def _month_before(text: str, period: str) -> bool:
    """Whether words compare with the month before the period's ("from $57.7 billion in
    February" for March)."""
    m = re.search(r"\b(?:from|than|on|compared (?:with|to))\b[^;]{0,40}?\b(" + "|".join(MONTHS) +
                  r")\b(?!\s+\d)", text.lower())
    return bool(m) and MONTHS[m.group(1)] % 12 + 1 == int(period[5:])


def _basis(own: dict[str, str]) -> str:
    """What an English text's changes compare with, from its first comparison: "previous"
    when it is the month before ("down $8.8 billion from $57.7 billion in February", "on the
    previous month"), "" when it is a year earlier or unsaid."""
    for sent, period in own.items():
        if en.YEAR_ON_YEAR.search(sent):
            return ""
        if ON_PREVIOUS.search(sent) or re.fullmatch(r"\d{4}-\d\d", period) and \
                _month_before(sent, period):
            return "previous"
    return ""


def _sentences(para: str) -> list[str]:
    parts, last = [], 0
    for m in SENTENCE_END.finditer(para):
        if en.ABBREVIATION_END.search(para[last:m.start()]) and \
                en.INSTITUTION_AFTER.match(" " + para[m.end():m.end() + 60]):
            continue  # "the U.S. Census Bureau": an abbreviation, not a sentence's end
        if m.start() > last:
            parts.append(para[last:m.start()])
        last = m.end()
    if para[last:].strip():
        parts.append(para[last:])
    return [p for p in parts if p.strip()]


CLAUSE_BREAK = re.compile(r",\s(?=(?:while|but|whereas|resulting|leading|surpassing|which|"
                          r"becoming|making|compared|however|and\s+(?:the|technology))\b)|;\s|"
                          r"(?:^|\s)(?:However|In contrast|Meanwhile),\s|반면|한편|" + ko.CLAUSE_BREAK)


PREVIOUS_YEAR = (r"(?:previous year|전년(?:\s*동(?:월|기))?(?:도)?(?:의)?|지난해\s*같은\s*(?:달|기간)(?:의)?|"
                 r"(?:去年|上年)同期(?:为|為|是|的)?)"  # "去年同期为7.69万亿元"
                 r"\s*(?:\(\s*[-−△]?)?\s*$")  # "전년의 546억 달러보다", "전년(-367억3천만달러)"


def _read_sentence(reading: Reading, s: str, at: int, state: _State, lex: Lexicon,
                   main_year: int) -> None:
    """Read one sentence's numbers into figures or unread numbers, and update the context
    the next sentences carry."""
    sentence = _Sentence(reading, s, at, state, lex, main_year)
    for k, q in enumerate(sentence.qs):
        sentence.read(k, q)
    sentence.finish()


@dataclass
class _Number:
    """A number being read: what its words say so far, and how each attribute was read."""

    q: Quantity
    clause: tuple[int, int]
    flow: str
    flow_how: str
    segment: str
    segment_how: str
    period: str
    period_how: str
    named_period: str
    mention: Mention | None
    stat: str = "level"
    value: str = ""
    unit: str = ""
    base: str = ""
    qualifier: str = ""
    role: str = ""  # "from" for the first values of parts listed 각각 "X, Y에서 Z, W까지"


class _Sentence:
    """One sentence: its mentions, clauses, numbers, and the context it takes and leaves."""

    def __init__(self, reading: Reading, s: str, at: int, state: _State, lex: Lexicon,
                 main_year: int) -> None:
        self.reading, self.s, self.at, self.state, self.main_year = reading, s, at, state, main_year
        self.line = bisect.bisect_right(reading.line_starts, at)
        defs = _definitions(s)
        self.flows = [m for m in _mentions(s, lex, "flow")
                      if not any(a <= m.start < b for a, b in defs)]
        if _chinese(s):  # "對中貿易依存度": the trade both ways with that partner
            self.flows = sorted(self.flows + [Mention(m.start(1), m.end(), "volume") for m in
                                              zh.PARTNER_DEPENDENCE.finditer(s)],
                                key=lambda m: m.start)
            if zh.EACH_YEAR.search(s):  # "以各年度上半年數據為標準": years are their halves
                state.each_year = HALVES[zh.EACH_YEAR.search(s).group(1)]
        named = _mentions(s, lex, "segment")
        self.segs = [m for m in named if m.key != state.reporter and
                     not re.match(r"\s*dollars?\b", s[m.end:m.end + 9], re.IGNORECASE) and
                     not _institution(s, m)]
        self.reporter_at = [m for m in named if m.key == state.reporter]
        if state.lang == "de":  # "führte ... aus", "Gesamtexporte", "Gasimporte"
            self.flows, self.segs = _german_flows(s, self.flows, self.segs)
        if HANGUL.search(s):
            self._drop_causes()
        self.breaks = [0] + [m.start() for m in CLAUSE_BREAK.finditer(s)] + [len(s)]
        self.qs = _quantities(s, state.lang)
        if en.SEASONALLY_TERMS.match(s) and "series=" in state.segment:
            # "In seasonally adjusted terms, ...": the headline series again, not the trend
            state.segment, state.segment_from_sentence = "total", False
        for q in self.qs:
            if q.unit[:3] == "USD" and q.text.startswith("$") and state.dollar != "USD":
                q.unit = state.dollar + q.unit[3:]  # an Australian release's "$4,984m"
            if q.unit.startswith("?_") and state.currency:
                q.unit = state.currency + q.unit[1:]  # "auf 232,7 Milliarden" (Franken)
        if BY_DIMENSION.match(s):  # "By region, ...": a new list of parts, not the last one's
            state.segment, state.segment_from_sentence = "total", False
        self.carried_in = state.segment, state.segment_from_sentence
        self._segments()
        self._periods()
        self.span_years = re.search(r"(?:past|last)\s+(\d+)\s+years", s, re.IGNORECASE)
        self.last_amount: dict | None = None
        self.first_figure = len(reading.figures)

    def _drop_causes(self) -> None:
        """The parts and flows named in a cause clause after the sentence's topic ("수출은
        중국·미국 등 주력시장으로의 수출증대로 전년대비 2.1% 증가"): not what its numbers are of."""
        s = self.s
        topics = [m.end for m in self.flows if ko.TOPIC_AFTER.match(s, m.end)]
        ends = [c.end() for c in ko.CAUSE_END.finditer(s)]
        qs = [q.start for q in _quantities(s, self.state.lang)]

        def caused(m: Mention) -> bool:
            end = next((e for e in ends if e >= m.end), None)
            topic = max((t for t in topics if t <= m.start), default=None)  # (its clause's)
            return topic is not None and end is not None and m.end not in topics and \
                not any(m.end <= x < end for x in qs) and not re.search(r"[,.]", s[m.end:end])
        self.flows = [m for m in self.flows if not caused(m)]
        self.segs = [m for m in self.segs if not caused(m)]

    def _segments(self) -> None:
        """The sentence's own segment: new mentions of another dimension refine the carried
        one (the ICT industry's SMEs)."""
        state = self.state
        self.seg_of = {}
        if self.segs:
            carried = state.segment if state.segment != "total" else ""
            for m in self.segs:
                self.seg_of[m.start] = _combine(carried, m.key) if state.segment_from_sentence \
                    else m.key
            first = self.segs[0].key
            state.segment = _combine(carried, first) if state.segment_from_sentence else first
        self.sentence_segment = state.segment
        if not self.segs and state.segment == "total" and en.THIS_PART.search(self.s):
            # "Imports advanced 12.1 percent ..., and surplus in this sector stood at ...":
            # the sentence speaks of the part its paragraph's figures were of
            parts = [f["segment"] for f in self.reading.figures if f["segment"] != "total"]
            if parts:
                self.sentence_segment = parts[-1]

    def _periods(self) -> None:
        """The sentence's period: its own, else the one carried (the main year at first)."""
        state, s = self.state, self.s
        undated_before = state.period == UNDATED_PERIOD
        self.carried_period = state.period if state.period != UNDATED_PERIOD and \
            not state.period_defaulted else ""
        self.own_period = state.own_periods[s] if s in state.own_periods else \
            _period(s, 0, state.published, state.lang, state.unnamed)
        self.period, self.period_how = _sentence_period(s, self.own_period, state,
                                                        self.main_year)
        state.period = self.period or (UNDATED_PERIOD if self.period_how == "undated" else "")
        if self.period_how == "stated" and self.carried_period and (
                ko.ASIDE.search(s) or en.ASIDE.search(s) or zh.ASIDE.search(s)):
            state.period = self.carried_period  # "2017년 당시에도 …한 바 있다": an aside
        elif self.period_how == "stated" and undated_before and zh.ASIDE.search(s):
            state.period = UNDATED_PERIOD  # (an aside dates nothing after it either)
        state.dated_here = state.dated_here or self.period_how == "stated"
        if self.period_how in ("stated", "defaulted"):
            state.period_defaulted = self.period_how == "defaulted"
        years = [y for y in YEARS.findall(s)]
        if self.period_how == "stated":  # (지난해 undated counts as another year)
            state.several_years = len(set(years)) + bool(
                not state.published and LAST_YEAR.search(s)) > 1
        state.last_year = years[-1] if years else ""
        if _to_date(s, len(s)) or KANA.search(s) and ja.FISCAL_YEAR.search(s):
            state.period = UNDATED_PERIOD  # the sentences after a year-to-date one speak of it

    def clause(self, p: int) -> tuple[int, int]:
        k = max(i for i, b in enumerate(self.breaks) if b <= p)
        return self.breaks[k], self.breaks[min(k + 1, len(self.breaks) - 1)]

    def subject_flow(self, p: int) -> Mention | None:
        """The flow a number at p is of: named before it in its clause, else in its clause,
        else earlier in the sentence."""
        a, b = self.clause(p)
        flows = [m for m in self.flows if not en.SHARE_BASE_BEFORE.search(
            self.s[max(0, m.start - 40):m.start])]  # (not "… per cent of total exports")
        if self.state.lang == "de":  # "um 1,8 Prozent auf 125,8 Mrd. Euro gestiegene Ausfuhren"
            attributive = [m for m in flows if p < m.start < b and
                           de.ATTRIBUTIVE.search(self.s[p:m.start])]
            if attributive:
                return attributive[0]
        before = [m for m in flows if m.end <= p and m.start >= a]
        if before:
            return before[-1]
        # after it, unless another number comes between ("Gold fell $735m (34%) and net
        # exports of goods fell $8m": the exports are the $8m's)
        inside = [m for m in flows if a <= m.start < b and not (
            m.start > p and not CJK.search(self.s) and any(p < x.start < m.start for x in self.qs)
            and not (self.state.lang == "de" and de.ATTRIBUTIVE.search(self.s[p:m.start])))]
        if inside:
            return inside[0]
        earlier = [m for m in flows if m.end <= p]
        return earlier[-1] if earlier else None

    def subject_segment(self, p: int, f: Mention | None, amount: bool) -> tuple[str, str]:
        """The segment of the number at p and how it was read (stated, carried, defaulted)."""
        s, segs, seg_of = self.s, self.segs, self.seg_of
        a, _ = self.clause(p)
        if re.match(r",?\s*(becoming|making)", s[a:a + 14].lower()) and segs:
            return seg_of[segs[0].start], "stated"
        if f is not None and KANA.search(s) and ja.WHOLE_AFTER.match(s, f.end):
            return "total", "stated"  # "輸出全体も2.4%急落": all exports
        listed = self._list_item(p) if amount else self._list_rate(p)
        if listed:
            return listed, "stated"  # "followed by petroleum products at 47.8 trillion won"
        changed = self._part_before_change(p) if amount else ""
        if changed:
            return changed, "stated"  # "其中電機產品增0.5億美元": that part's change
        _, b = self.clause(p)
        subject = [m for m in segs if p < m.start < b and ko.REL_SUBJECT.search(s[p:m.start])
                   and not re.search(r",\s", s[p:m.start])] if not any(
            re.fullmatch(r"\s*\(\s*", s[m.end:p]) for m in segs) else []  # (not "홍콩(X)이 … 기록한 중국")
        if subject and HANGUL.search(s):  # "1,428억달러로 19.73%를 기록한 중국": China's
            return seg_of[subject[0].start], "stated"
        before = [m for m in segs if m.end <= p]
        if before and amount and _names_whole(s[before[-1].end:p].lower()):
            return "total", "stated"  # "경기도 수출은 우리나라 전체(441억달러)의": the nation's
        if f is not None:
            modifier = [m for m in segs if 0 <= f.start - m.end <= 2]
            if modifier:
                return seg_of[modifier[-1].start], "stated"  # "대미 무역수지", "China exports"
        named = (_item_before_parenthesis(s, a, p, self.flows + segs, self.state.lang)
                 if amount else "") or _cjk_item_before_parenthesis(s, a, p, self.flows + segs)
        if named:
            return named, "stated"
        _, b = self.clause(p)
        after = [m for m in segs if p < m.start < b and re.search(
            r"\b(?:with|to|from)\s+(?:the\s+)?$", s[max(p, m.start - 16):m.start]) and
            not en.CAUSE.search(s, p, m.start) and  # (not "… on the back of trade with China")
            not any(p < x.start < m.start and (f is None or x.key != f.key)
                    for x in self.flows)]  # not "... as exports slowed, especially to China"
        if after:
            return seg_of[after[0].start], "stated"  # "a $0.95 billion surplus ... with Vietnam"
        at, part = de.part_of(s[f.end:p]) if self.state.lang == "de" and f is not None and \
            f.end <= p else (-1, "")
        if part and not (before and before[-1].end > f.end + at):
            return f"item={part}", "stated"  # "der Export von Fahrzeugen … um 850 Millionen"
        marked = ja.marked_part(s[a:p]) if KANA.search(s) else ""
        at = s.rfind(marked, a, p) if marked else -1
        if marked and not any(m.start < at + len(marked) and m.end > at for m in self.flows + segs):
            # "食料品は58・1%減" after "韓国向けの輸出は…": a part, of the part the sentence is about
            known = seg_of[before[-1].start] if before else \
                self.carried_in[0] if self.carried_in[1] else "total"
            return _combine("" if known == "total" else known, f"item={marked}"), "stated"
        if before:
            known = seg_of[before[-1].start]
            item = _unknown_segment(s, f, before[-1].end, self.state.accounts) \
                if f is not None and before[-1].end <= f.start and f.end <= p else ""
            return (_combine(known, item) if item else known), "stated"  # 대미 원유 수입액
        if _names_whole(s[a:p].lower()) or f is not None and re.search(
                r"\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:'s|’s)\s+$", s[max(a, f.start - 30):f.start]) \
                and not en.PARTNER_AFTER.match(s[f.end:p]):  # (not "India's exports to Kenya")
            return "total", "stated"  # "South Korea's exports": the reporter's, the whole
        if f is not None and any(m.end <= f.start and zh.REPORTER_AFTER.fullmatch(s[m.end:f.start])
                                 for m in self.reporter_at):
            return "total", "stated"  # "韓國的進出口總額": the reporter's own trade
        item = _unknown_segment(s, f, a, self.state.accounts) if f is not None and f.end <= p \
            else _unknown_segment(s, f, next((x.end for x in self.qs if x.start == p), p)) \
            if f is not None and HANGUL.search(s[f.start:f.end]) and not any(
                p < x.start < f.start for x in self.qs) else ""  # (a Korean flow after the number: "185억달러로 … 찍은 에너지수입액은")
        noun = ja.part_of(s[a:f.start]) if not item and f is not None and f.end <= p and \
            KANA.search(s) else ""
        at = s.rfind(noun, a, f.start) if noun else -1
        if noun and not CJK_WHOLE.fullmatch(noun) and not any(
                m.start < at + len(noun) and m.end > at for m in self.flows + segs + self.reporter_at):
            item = f"item={noun}"  # "食料品の輸出": the item's exports
        if item and KANA.search(s) and self.carried_in[1] and self.carried_in[0] != "total":
            return _combine(self.carried_in[0], item), "stated"  # (対中国は… 食料品の輸出は)
        if item:
            return item, "stated"
        topic_part = self._topic_part(f)
        if topic_part:
            return topic_part, "carried"
        topic = ja.PART_TOPIC.search(s[:p])
        if topic and not any(m.start < topic.end(1) and m.end > topic.start(1)
                             for m in self.flows + segs):  # (not "このうち輸出は")
            return f"item={topic.group(1)}", "stated"  # "このうち原油などを見ると": that part
        subject = self._subject_item(p) if amount else ""
        if subject:
            return subject, "stated"  # "Automobiles were the second-largest export item"
        topic = ko.CONTRAST_TOPIC.match(s[a:p]) if a and any(
            g["segment"] != "total" for g in self.reading.figures[self.first_figure:]) else None
        if topic and topic.group(1) not in NOT_SEGMENT and not any(
                a <= m.start < p for m in self.segs):
            return f"item={topic.group(1)}", "stated"  # "원유는 … 줄었으나 가스는 73.2% 증가"
        subject = ja.SUBJECT_BEFORE.search(s[a:p]) if amount and KANA.search(s) else None
        if subject and not ja.NOT_PART.search(subject.group(1)) and not any(
                m.start < a + subject.end(1) and m.end > a + subject.start(1)
                for m in self.flows + segs):
            return f"item={subject.group(1)}", "stated"  # "赤字額は原油が602億ドル": the part
        subject = ko.SUBJECT_BEFORE.search(s[a:p]) if amount and HANGUL.search(s) else None
        if subject and subject.group(1) not in NOT_SEGMENT and not ko.NOT_NOUN_LISTED.search(
                subject.group(1)) and not ko.AGENCY.search(subject.group(1)) and not any(
                m.start < a + subject.end(1) and m.end > a + subject.start(1)
                for m in self.flows + segs):
            return f"item={subject.group(1)}", "stated"  # "반도체가 939억3500만달러로": the part
        topic = ko.SENTENCE_TOPIC.match(s[:p]) if a == 0 and f is not None and \
            f.start > p and HANGUL.search(s) else None
        if topic and topic.group(1) not in NOT_SEGMENT and not ko.NOT_NOUN.search(
                topic.group(1)) and not ko.AGENCY.search(topic.group(1)) and not any(
                m.start < topic.end(1) and m.end > topic.start(1) for m in self.flows + segs):
            return f"item={topic.group(1)}", "stated"  # "특히 반도체는 … 136억 달러 수출한"
        if BY_DIMENSION.match(s) or BY_ITEM.search(s[a:p]):
            return f"item=unnamed-{self.at + p}", "stated"  # "品目別では、自動車が10.4%増": a part
        seg = self.carried_in[0] if self._part_of_later_flow(p, f, before) else \
            self.sentence_segment
        part = self._part_of_balance(f)
        if part:
            return part, "carried"
        if seg == "total" and self.state.home:
            return self.state.home, "defaulted"  # a province's text: its own figures
        if seg == "total" and self.state.bop and f is not None and f.key in ("exports", "imports") \
                and HANGUL.search(s) and not ko.CUSTOMS_BASIS.search(s):
            return "account=goods", "defaulted"  # "경상수지 …. 수출이 465억달러로": the goods account's
        return seg, "carried" if seg != "total" else "defaulted"

    def _topic_part(self, f: Mention | None) -> str:
        """The part a Chinese or Japanese sentence named with the same flow before the
        number's own ("中国机电产品出口表现抢眼,上半年出口5.83万亿元"): read as carried, the
        total its alternative."""
        if f is None or not CJK.search(self.s) or HANGUL.search(self.s):
            return ""
        for m in reversed([m for m in self.flows if m.key == f.key and m.end <= f.start]):
            item = _unknown_segment(self.s, m, 0)
            if item:
                return item
        return ""

    def _named_part(self, start: int, end: int, phrase: str) -> str:
        """The part a phrase of the sentence names: a known segment in it, else its words."""
        if any(start <= m.start < end for m in self.flows):
            return ""
        known = [m for m in self.segs if start <= m.start < end]
        if known:
            return self.seg_of[known[-1].start]
        words = [w for w in re.findall(r"[a-z][\w&-]*", phrase.lower()) if w not in NOT_SEGMENT]
        return f"item={'_'.join(words[-3:])}" if words else ""

    def _part_before_change(self, p: int) -> str:
        """A Chinese part named right before its change ("其中電機產品增0.5億美元、化學品減0.8億美元"):
        that part, within the part the sentence speaks of."""
        m = zh.PART_BEFORE_CHANGE.search(self.s, 0, p) if _chinese(self.s) else None
        noun = CJK_LEAD.sub("", m.group(1)) if m else ""
        if len(noun) < 2 or zh.NOT_CHANGED_PART.search(noun) or any(
                m.start(1) <= x.start < m.end(1) for x in self.flows + self.segs):
            return ""
        seg = self.sentence_segment
        return _combine(seg if seg != "total" else "", f"item={noun}")

    def _list_item(self, p: int) -> str:
        """The part an amount of a list is given to: "followed by petroleum products at X",
        "; base metals at US$3.83 billion; and machinery at ..." (the words before at/with)."""
        mark = en.LIST_MARK.search(self.s, 0, p)
        m = en.LIST_ITEM.search(self.s[mark.start():p]) if mark else None
        if not m:
            return ""
        return self._named_part(mark.start() + m.start(1), mark.start() + m.end(1), m.group(1))

    def _list_rate(self, p: int) -> str:
        """The part a rate of a list is given to: "Petroleum products witnessed a jump of
        127.69 per cent in exports, followed by electronic goods 71.69 per cent, cereals
        (60.83 per cent)": the subject before the list, then the words before each rate."""
        mark = en.LIST_MARK.search(self.s)
        if not mark or not self.s.isascii():
            return ""
        if mark.start() > p:
            m = en.SUBJECT_RATE.match(self.s)
            return self._named_part(m.start(1), m.end(1), m.group(1)) if m else ""
        m = en.LIST_RATE.search(self.s[mark.start():p])
        if not m:
            return ""
        return self._named_part(mark.start() + m.start(1), mark.start() + m.end(1), m.group(1))

    def _subject_item(self, p: int) -> str:
        """The subject of a sentence ranking parts ("Automobiles were the second-largest export
        item ..., with ... 50.6 trillion won"): the part named, not the total."""
        if not en.ITEM_SENTENCE.search(self.s):
            return ""
        m = en.SUBJECT_ITEM.search(self.s[:p])
        if not m:
            return ""
        return self._named_part(m.start(1), m.end(1), m.group(1))

    def _ordinal_ranks(self) -> list[dict]:
        """Ranks after the first: "Vietnam came third", "The U.S. was second with ...",
        "Automobiles were the second-largest export item": the part named as the subject,
        the flow named after the cue, else the list's."""
        s, out = self.s, []
        for m in en.ORDINAL_RANK.finditer(s):
            word = (m.group(1) or m.group(2)).lower()
            subject = [g for g in self.segs if 0 <= m.start() - g.end <= 3]
            seg = self.seg_of[subject[-1].start] if subject else self._subject_item(m.start())
            named = [f for f in self.flows if 0 <= f.start - m.end() <= 20]
            before = [f for f in self.flows if f.end <= m.start()]
            flow = named[0].key if named else before[-1].key if before else (
                self.state.flow or self.state.list_flow if en.LIST_GOES_ON.search(s) else "")
            if not seg or seg == "total" or not flow or not self.period:
                continue
            out.append({"period": self.period, "segment": seg, "flow": flow, "stat": "rank",
                        "value": str(en.ORDINALS[word]), "unit": "rank",
                        "base": seg.split(";")[-1].split("=")[0], "qualifier": "",
                        "quote": m.group(0), "reading": f"period={self.period_how};"
                        "segment=stated;flow=" + ("stated" if named or before else "carried"),
                        "alternatives": "", "_span": (m.start(), m.end())})
        return out

    def _cjk_ranks(self) -> list[dict]:
        """A partner's rank in Chinese: "我国对第一大贸易伙伴东盟进出口", "中國是日本第一大貿易夥伴、
        第二大出口目的地": the part named right after the cue, else the subject before 是."""
        s, out, subject, last_end = self.s, [], None, -1
        if YEAR_TO_DATE.search(s):
            return []  # "前5个月,美国为我国第三大贸易伙伴": a rank over the months to date
        for m in zh.RANK.finditer(s):
            after = [g for g in self.segs if 0 <= g.start - m.end() <= 1]
            if subject is not None and last_end >= 0 and \
                    zh.RANK_JOINED_GAP.fullmatch(s[last_end:m.start()]):
                seg = subject
            else:
                before = [g for g in self.segs if g.end <= m.start() and
                          zh.RANK_SUBJECT_GAP.fullmatch(s[g.end:m.start()])]
                seg = self.seg_of[after[0].start] if after else \
                    self.seg_of[before[0].start] if before else ""
                subject = seg if not after else None
            last_end = m.end()
            if not seg or seg == "total" or not self.period:
                continue
            rank, flow = zh.rank_of(m)
            out.append({"period": self.period, "segment": seg, "flow": flow, "stat": "rank",
                        "value": str(rank), "unit": "rank",
                        "base": seg.split(";")[-1].split("=")[0], "qualifier": "",
                        "quote": m.group(0), "reading": f"period={self.period_how};"
                        "segment=stated;flow=stated", "alternatives": "",
                        "_span": (m.start(), m.end())})
        return out

    def _place_ranks(self) -> list[dict]:
        """Chinese ranks said of the part a clause speaks of: the part of the figure read last
        before it in the sentence ("汽车出口额为430.4亿美元,时隔三年攀升回第二"), else the topic opening
        the clause ("原油连续19年位居第一"); and of a list after it ("半导体(9.3%)、天然气(4.1%)
        依序排名其后": the ranks after the one named before)."""
        s, out = self.s, []
        if not _chinese(s) or _to_date(s, len(s)):
            return []
        figures = self.reading.figures[self.first_figure:]
        for m in zh.PLACE_RANK.finditer(s):
            rank = zh.place_rank(m)
            last = [f for f in figures if f["span_end"] - self.at <= m.start() and f["stat"] != "rank"]
            start = max([x.end() for x in zh.COMMA.finditer(s, 0, m.start())] + [0])
            topic = zh.CLAUSE_SUBJECT.match(s, start)
            noun = CJK_LEAD.sub("", topic.group(1)) if topic else ""
            seg, flow = (last[-1]["segment"], last[-1]["flow"]) if last else (
                f"item={noun}" if len(noun) >= 2 and not zh.NOT_LISTED_PART.search(noun) else "",
                next((f.key for f in self.flows if start <= f.start), ""))
            out += self._rank(m, seg, flow, rank)
        for m in zh.PCT_LIST.finditer(s):
            after = zh.RANKED_AFTER.match(s, m.end())
            before = [r for r in out if r["_span"][1] <= m.start()]
            if not after or not before:
                continue
            rank, flow = int(before[-1]["value"]), before[-1]["flow"]
            for i, name in enumerate(zh.LISTED_NAME.finditer(s, m.start(), m.end()), 1):
                noun = CJK_LEAD.sub("", name.group(1))
                out += self._rank(name, f"item={noun}" if len(noun) >= 2 else "", flow, rank + i)
        return out

    def _rank(self, m: re.Match, seg: str, flow: str, rank: int) -> list[dict]:
        period = self._marked_period(Quantity(m.start(), m.end(), "", "", "")) or (
            self.carried_period if zh.ASIDE.search(self.s) else self.period)  # (an aside's: not)
        if not seg.startswith("item=") or not flow or period in ("", UNDATED_PERIOD):
            return []
        return [{"period": period, "segment": seg, "flow": flow, "stat": "rank",
                 "value": str(rank), "unit": "rank", "base": "item", "qualifier": "",
                 "quote": m.group(0), "reading": f"period={self.period_how};segment=stated;"
                 "flow=stated", "alternatives": "", "_span": (m.start(), m.end())}]

    def _part_of_later_flow(self, p: int, f: Mention | None, before: list[Mention]) -> bool:
        """Whether the sentence names its parts only after the number, each after another
        flow than the number's ("The surplus was $6.0 billion as exports grew, especially to
        Canada"): the parts are that flow's, not this number's. (Not in CJK texts, where a
        part named later can be the sentence's topic.)"""
        if not before and self.segs and HANGUL.search(self.s) and all(
                any(0 <= x.start - m.end <= 8 for x in self.qs) for m in self.segs) and \
                all(m.start > p for m in self.segs):
            return True  # "기술무역 규모 43조원…'정보·통신' 9%↓": the part is the 9%'s
        if before or f is None or not self.segs or CJK.search(self.s):
            return False
        # (in German the same flow named again: "der Überschuss 16,8 …, der Überschuss mit der
        # EU 10,2 …")
        return all(any(p < x.start < m.start and (x.key != f.key or self.state.lang == "de" and
                                                  x.start != f.start)
                       for x in self.flows)
                   for m in self.segs)

    def _part_of_balance(self, f: Mention | None) -> str:
        """The part of a balance that follows its flows in one sentence ("goods exports were
        X and imports Y, resulting in a surplus of Z"): the one part all the sentence's
        figures so far were read with, "" if none or several."""
        if f is None or f.key != "balance" or self.segs:
            return ""
        figures = self.reading.figures[self.first_figure:]
        parts = {g["segment"] for g in figures}
        if any(g["flow"] == "balance" for g in figures):
            return ""  # ("a deficit of X, compared with Y in surplus a year before")
        return parts.pop() if len(parts) == 1 and "total" not in parts else ""

    def skip_reason(self, q: Quantity, a: int, b: int) -> str:
        """Why a number is no figure at all (a year, a duration, a forecast ...), or ""."""
        s = self.s
        if not q.word and q.unit == "" and (YEAR.match(q.value) or ja.is_year(s, q.start)):
            return "a year (read as a period)"  # (平成24年, 18年12月 too)
        if q.unit == "" and re.search(r"[’'‘]\s*$", s[max(q.start - 2, 0):q.start]) and \
                re.match(r"\d\d\.\d{1,2}$", q.value) and re.match(r"\s*월", s[q.end:q.end + 3]):
            return "a year and month (’23.4월: read as a period)"
        if re.search(r"(?:単位|单位|단위|\bunits?)\s*[:：][^)）\]]*$", s[max(a - 60, 0):q.start],
                     re.IGNORECASE):
            return "a unit statement (単位: 10億円, Unit: US$1,000), not a figure"
        if re.match(r"\s*(?:years?|months?|quarters?|days?|년간|개월)", s[q.end:q.end + 10],
                    re.IGNORECASE) and q.unit == "":
            return "a duration"
        if q.unit[:3].isupper() and re.match(r"\s*선(?:을|에|이|도)?\s", s[q.end:q.end + 4]):
            return "a threshold (100억달러 선), not a level"
        if q.unit.startswith("?_"):
            return "an amount without a currency"
        if self.state.lang == "de" and q.unit[:3].isupper() and \
                de.THRESHOLD.search(s[max(0, q.start - 30):q.start]):
            return "a threshold (die Marke von 100 Milliarden), not a level"
        if q.unit[:3].isupper() and en.EARLIER_VINTAGE.search(s[max(a, q.start - 40):q.start]):
            return "a figure as first published ('originally X'), not the one the text gives now"
        if q.unit[:3].isupper() and en.DIFFERENCE_AFTER.match(s[q.end:q.end + 20]):
            return "a difference from another figure ('$X more than ...'), not a level"
        if HANGUL.search(s) and ko.PRICE.search(s[a:q.start]):
            return "a price index or unit price (수출물가지수), not a trade value"
        if HANGUL.search(s) and ko.SUM_BEFORE.search(s[max(a, q.start - 16):q.start]):
            return "a sum of several parts (합계), not one part's figure"
        if any(x <= q.start < y and re.search(r"[^\W\d]\s*[+/]\s*[^\W\d]", s[x:y])
               for x, y in _definitions(s)):
            return "part of a definition in parentheses (수출/도입, 1미만 …)"
        if q.unit not in ("pct", "pp", "times") and (ko.RANGE_BEFORE.search(s[max(0, q.start - 6):q.start])
                                                   or ko.RANGE_AFTER.match(s[q.end:q.end + 4])):
            return "one end of a range (153억~177억달러), not one figure"
        if q.unit == "pct" and re.match(en.THRESHOLD_AFTER, s[q.end:q.end + 12], re.IGNORECASE):
            return "a threshold (the 5 percent level), not a figure"
        if q.unit == "" and COUNT_AFTER.match(s[q.end:q.end + 30]):
            return "a count (of economies, countries, items ...), not a statistic"
        if q.unit in ("pct", "pp") and en.SHARE_OF_ECONOMY.search(s):
            return "a ratio to the economy (percent of GDP), not a statistic the rules know"
        if q.unit in ("pct", "pp") and SHARE_IN_OTHER.search(s):
            return "a share of a flow in something the rules do not know"
        if KANA.search(s) and ja.FISCAL_YEAR.search(s):
            return "a fiscal year (年度: April to March), which the figure table has no period for"
        if _to_date(s, q.start):
            return "a total since the start of the year (year to date)"
        if en.ROLLING_MONTHS.search(s):
            return "a rolling period of months (three months on the three before), not a period"
        if PER_DAY.search(s[a:b]):
            return "an average per day, not the period's figure"
        if _chinese(s):  # (Chinese clauses end at commas: what is said before the number there)
            said = s[max([m.end() for m in zh.COMMA.finditer(s, 0, q.start)] + [a]):q.start]
            if zh.FORECAST_BEFORE.search(said):
                return "a forecast, target or expectation, not a figure"
            if zh.PER_DAY_BEFORE.search(said):
                return "an average per day, not the period's figure"
            if zh.SINCE_MARK.search(said):
                return "a figure of the years since (2008年之後), not of one period"
        if self.state.lang == "de" and de.CURRENT_ACCOUNT.search(s[a:b]):
            return "a current-account figure (balance of payments), not foreign trade in goods"
        if self.state.lang == "de" and de.adjusted(s[a:q.start], s[q.end:b]):
            return "a seasonally adjusted figure (another series than the one printed first)"
        if FORECAST.search(s[a:b]):
            return "a forecast, target or expectation, not a figure"
        return ""

    def unread(self, q: Quantity, reason: str) -> None:
        self.reading.unread.append(_unread(self.reading, q, self.at, self.line, reason))

    def read(self, k: int, q: Quantity) -> None:
        """Read the k-th number of the sentence into a figure, or list it as not read."""
        n = self._number(k, q)
        if n is None:
            return
        kind = {"times": self._multiple, "pct": self._percentage, "pp": self._points,
                "": self._bare}.get(q.unit, self._amount)
        if not kind(n, k):
            return
        if not n.period:
            several = self.state.unnamed and len(_unnamed_parts(self.s, self.s.lower(),
                                                                 self.state.lang)) > 1
            self.unread(q, "several halves or months named without their year: which number "
                        "is of which, the sentence does not say" if several else
                        "a period named relative to the publication or without its year: "
                        "give --published" if UNDATED.search(self.s) or _chinese(self.s) and
                        re.search(zh.LAST_YEAR, self.s) else
                        "no period named in the text (a year, month, quarter or half)")
            return
        each = self._each_of(q) if n.segment_how == "stated" else []
        for seg in each or [n.segment]:  # "中国と米国向けがいずれも10%超の減少": each one's
            n.segment = seg
            self._add(n)

    def _each_of(self, q: Quantity) -> list[str]:
        """The parts joined before いずれも (ともに) right before a number, in order ("中国と米国
        向けがいずれも"): the number is each one's; [] when fewer than two."""
        if not KANA.search(self.s):
            return []
        m = ja.EACH_OF.search(self.s[:q.start])
        chain = [g for g in self.segs if m and g.end == m.start()]
        while chain:
            before = [g for g in self.segs if g.end <= chain[0].start and
                      ja.JOINED_PARTS.fullmatch(self.s[g.end:chain[0].start])]
            if not before:
                break
            chain.insert(0, before[-1])
        return [self.seg_of[g.start] for g in chain] if len(chain) > 1 else []

    def _number(self, k: int, q: Quantity) -> _Number | None:
        """What a number's place says: its clause, flow, segment and period."""
        s, state = self.s, self.state
        a, b = self.clause(q.start)
        reason = self.skip_reason(q, a, b)
        if not reason and not state.published and self.own_period and \
                _last_year_before(s[a:q.start]):
            reason = ("a period named relative to the publication or without its year: give "
                      "--published")  # "2012년 X였던 ... 지난해 Y로": not the sentence's 2012
        if reason:
            self.unread(q, reason)
            return None
        quarter = self._respective_quarter(q, a, b) or self._respective_year(q, a, b)
        part = self._respective_part(q, a, b) if not quarter and _unresolved_list(
            s, self.qs, k, self.flows, (a, b)) else None
        if not quarter and _unresolved_list(s, self.qs, k, self.flows, (a, b)) and part is None:
            self.unread(q, "one of several parts listed 'respectively' (각각, 分别), not told "
                        "apart")
            return None
        f = _respective(s, self.qs, k, self.flows, (a, b)) or (
            _flow_after(s, q, self.flows, self.state.lang) if q.unit[:3].isupper() else None) or (
            _share_flow_after(s, q, self.flows) if self.state.lang == "de" and q.unit == "pct"
            else None) or self._volume_before(q, a) or self.subject_flow(q.start)
        of_which = f is None and bool(quarter) and bool(state.flow) and bool(zh.OF_WHICH.match(s))
        if of_which:
            f = Mention(q.start, q.start, state.flow)  # "其中,一季度、二季度分别达到": the flow before
        by_item = f is None and bool(state.flow) and bool(ja.BY_ITEM_START.match(s))
        # "…輸入は12.5%減。原油は16.8%、LNGは37.6%それぞれ減少", "鉄鋼(8.2%減)は減少した",
        # "減少率は…7.0%減よりも拡大": parts or a rate of the flow the sentence before named
        ja_part = f is None and bool(state.flow) and not self.flows and bool(KANA.search(s)) \
            and bool(self._marked_list(q, a) or zh.LIST_ITEM.search(s[a:q.start]) or
                     ja.RATE_TOPIC.search(s[:q.start]) or
                     # "1月には463億ドルに落ち込んだ": no new topic, the subject before
                     q.unit[:3].isupper() and not ja.names_topic(s[:q.start]))
        if ja_part:
            f = Mention(q.start, q.start, state.flow)
        under_heading = f is None and bool(state.heading_flow) and bool(ko.BULLET.match(s)) \
            and q.unit != ""
        if under_heading:  # "□ 품목별 수출 실적" then "○ (반도체 : 64.8억불, △40.5%) …"
            f = Mention(q.start, q.start, state.heading_flow)
        subtitle = f is None and bool(state.title_flow) and not under_heading
        if subtitle:  # "韓 무역 규모 역대 최대" then "지난해 1조1403달러…전년比 8.4%↑": the title's
            f = Mention(q.start, q.start, state.title_flow)
        if by_item:
            f = Mention(q.start, q.start, state.flow)  # "品目別では、自動車が同10.4%増": the flow before
        item_listed = f is None and q.unit == "pct" and HANGUL.search(s) and \
            bool(ko.PAREN_ITEM.search(s[max(0, q.start - 20):q.start]))
        if item_listed and not state.flow and BY_DIMENSION.match(s):
            state.flow = state.flow_before  # "품목별로는 반도체(△40.5%) …", after exports
        item_listed = item_listed and bool(state.flow)
        listed = (state.flow or state.list_flow) if self.segs and en.LIST_GOES_ON.search(s) \
            else state.flow if ko.RANKS_GO_ON.match(s) else ""
        goes_on = state.lang == "de" and bool(state.flow) and bool(de.GOES_ON.match(s)) and \
            not any(m.end <= q.start for m in self.flows + self.segs)
        if goes_on:  # "Auf Jahressicht ergab sich ein Rückgang von 4,4 Prozent": the one before
            f, listed = None, state.flow
        pronoun = f is None and state.lang == "de" and bool(state.topic) and not self.segs and \
            bool(de.PRONOUN.match(s))
        if pronoun:  # "Sie sanken um 10,7 Prozent": the flow and part of the sentence before
            listed = state.topic.split("|")[0]
        if f is None and q.unit not in ("times",) and not listed and not item_listed:
            # (a list of parts going on from the sentence before takes its flow: "Vietnam came
            # third with $48.54 billion, followed by Hong Kong with $30.66 billion")
            self.unread(q, "no flow (exports, imports, ...) named nearby")
            return None
        flow = f.key if f else state.flow or listed
        flow_how = "stated" if f is not None and self.clause(f.start) == (a, b) and not by_item \
            and not of_which and not under_heading and not ja_part and not subtitle else "carried"
        state.flow = flow
        seg, segment_how = (part[0], "stated") if part else \
            self.subject_segment(q.start, f, q.unit[:3].isupper())
        if goes_on:
            seg = self.carried_in[0]
            segment_how = "carried" if seg != "total" else "defaulted"
        if pronoun:
            seg, segment_how = state.topic.split("|")[1], "carried"
        if seg.startswith("item=") and seg[5:] in ko.WORLD_WITH:
            seg = "total"  # "대세계 수출": the country's trade with the world
        elif seg.startswith("item=") and seg[5:] in ko.WORLD:
            self.unread(q, "world trade (the world's own, or the country's with the world), "
                        "not told apart")
            return None
        named = _period_after(s, q, self.period, state.published) or (
            _nearest_period(s, q, state.published) if self.own_period else "") or \
            self._marked_period(q)
        period, how = (named, "stated") if named else (self.period, self.period_how)
        if named == UNDATED_PERIOD:
            period, how = "", "undated"  # "此次跌破20%" after a sentence that dated nothing
        elif q.earlier:  # "69,9 (71,2) Prozent": the 71,2 a year before
            period = _previous(period)
        elif state.lang == "de" and not named and \
                de.EARLIER_BEFORE.search(s[max(a, q.start - 40):q.start]):
            if not (de.YEAR_BEFORE_AFTER.match(s[q.end:b]) or re.fullmatch(r"\d{4}", period)):
                self.unread(q, "an earlier value ('nach X') whose period is not named")
                return None
            period = _previous(period)  # "ein Defizit von X, nach Y im Vorjahr"
        half = _half_of_number(s, q.start, period)
        if half == "?":
            self.unread(q, "both halves of the year named: which number is of which, the "
                        "sentence does not say")
            return None
        period = half or period
        if quarter:  # (the sentence names no part: the segment is the one it speaks of)
            period, how = quarter, "stated"
            seg = self.sentence_segment
            segment_how = "carried" if seg != "total" else "defaulted"
        if state.each_year and re.fullmatch(r"\d{4}", period):
            period = f"{period}-{state.each_year}"  # (以各年度上半年數據為標準)
        return _Number(q, (a, b), flow, flow_how, seg, segment_how, period, how, named, f,
                       value=q.value, unit=q.unit, qualifier=q.qualifier,
                       role=part[1] if part else "")

    def _marked_period(self, q: Quantity) -> str:
        """In a Chinese sentence naming several periods, the one named last before the number
        ("去年12月進口430.4億美元;全年進口4,836.1億美元": 全年 is the year of that month)."""
        if not _chinese(self.s):
            return ""
        marks = [(m.start(), self._mark_period(m.group(0)) or (
            UNDATED_PERIOD if m.group(0) in zh.THIS_TIME else "")) for m in zh.PERIOD_MARK.finditer(self.s)]
        marks = [(at, p) for at, p in marks if p]
        before = [p for at, p in marks if at < q.start]  # (此次 undated: the number is too)
        return before[-1] if before and len({p for _, p in marks}) > 1 else ""

    def _mark_period(self, mark: str) -> str:
        if mark == zh.FULL_YEAR_WORD:
                return self.period[:4] if self.period[:4].isdigit() else \
                str(self.main_year) if self.main_year else ""
        if mark in zh.THIS_TIME:
            return self.state.period if self.state.period != UNDATED_PERIOD else ""
        return _period(mark, 0, self.state.published, self.state.lang)

    def _respective_quarter(self, q: Quantity, a: int, b: int) -> str:
        """"(上半年…)其中,一季度、二季度分别达到9.76万亿和10.34万亿元": the quarters named before 分别
        take its numbers in order, of the year the sentence speaks of; "" otherwise."""
        m = re.search(zh.RESPECTIVELY, self.s[a:b])
        year = self.period[:4] if self.period[:4].isdigit() and \
            self.period_how in ("stated", "inherited") else ""
        if not m or not year or self.segs:
            return ""
        quarters = zh.respective_quarters(self.s[a:a + m.start()])
        kind = [x for x in self.qs if a + m.end() <= x.start < b and not x.word and
                (x.unit == "pct") == (q.unit == "pct") and x.unit != ""]
        if not quarters or q not in kind or len(kind) != len(quarters):
            return ""
        return f"{year}-{quarters[kind.index(q)]}"

    def _respective_year(self, q: Quantity, a: int, b: int) -> str:
        """"2002年至2010年分別為12.2%、14.3%…": the years of a span named before 分别 take its
        numbers in order, when as many; "" otherwise."""
        m = re.search(zh.RESPECTIVELY, self.s[a:b])
        span = zh.YEAR_SPAN.search(self.s[a:a + m.start()]) if m and _chinese(self.s) else None
        if not span:
            return ""
        end = next((x.start() for x in re.finditer(zh.RESPECTIVELY + "|[;；]", self.s[a + m.end():b])),
                   b - a - m.end()) + a + m.end()
        kind = [x for x in self.qs if a + m.end() <= x.start < end and not x.word and
                (x.unit == "pct") == (q.unit == "pct") and x.unit != ""]
        first, last = int(span.group(1)), int(span.group(2))
        if q not in kind or len(kind) != last - first + 1:
            return ""
        return str(first + kind.index(q))

    def _respective_part(self, q: Quantity, a: int, b: int) -> tuple[str, str] | None:
        """"반도체와 컴퓨터 수출이 각각 26억, 15억 달러에서 90억, 54억 달러까지": the parts named
        before 각각 take its numbers in order, the first half "from" and the second "to" when
        twice as many; None when they cannot be told apart."""
        s = self.s
        m = re.search(ko.RESPECTIVELY + "|" + zh.RESPECTIVELY, s[a:b])
        if not m and KANA.search(s):
            return self._respective_part_ja(q, a, b)
        if not m:
            return None
        if m.group(0) in ("分别", "分別"):
            parts = zh.respective_parts(s[a:a + m.start()])
            if not parts and not s[a:a + m.start()].strip(" ,，") and a > 0:
                # "A、B分别出口X、Y,分别增长P%、Q%": the parts of the clause before
                c = self.clause(a - 1)[0]
                before = re.search(zh.RESPECTIVELY, s[c:a])
                parts = [(x + c - a, y + c - a, w) for x, y, w in
                         zh.respective_parts(s[c:c + before.start()])] if before else []
        else:
            parts = ko.respective_parts(s[a:a + m.start()])
        if len(parts) < 2 or any(a + x <= f.start < a + y for x, y, _ in parts for f in self.flows):
            return None
        kind = [x for x in self.qs if a + m.end() <= x.start < b and not x.word and
                (x.unit == "pct") == (q.unit == "pct") and x.unit != ""]
        if q not in kind:
            return None
        i, n = kind.index(q), len(parts)
        if len(kind) == 2 * n and re.match(r"\s*에서", s[kind[n - 1].end:]):
            role = "from" if i < n else "to"
        elif len(kind) == n:
            role = ""
        else:
            return None
        x, y, noun = parts[i % n]
        known = [g for g in self.segs if a + x == g.start and g.end == a + y]
        return (self.seg_of[known[0].start] if known else f"item={noun}"), role

    def _marked_list(self, q: Quantity, a: int) -> bool:
        """Whether the number is one of a list of parts each marked by は or が right before
        its figure ("食料品は58・1%減、乗用車は70・7%減"); one such part alone ("GDPは550兆円")
        may be of anything."""
        listed = [x for x in self.qs if x.unit == q.unit and not x.word and
                  ja.marked_part(self.s[a:x.start])]
        return q in listed and len(listed) > 1

    def _respective_part_ja(self, q: Quantity, a: int, b: int) -> tuple[str, str] | None:
        """"原油は16.8%、液化天然ガス(LNG)は37.6%それぞれ減少した": each number listed before
        それぞれ is the part its は or が marks, of the part the sentence is about; None when
        a number marks none."""
        m = re.search(ja.RESPECTIVELY, self.s[a:b])
        if not m:
            return None
        kind = [x for x in self.qs if a <= x.start < a + m.start() and not x.word and
                (x.unit == "pct") == (q.unit == "pct") and x.unit != ""]
        parts = ja.respective_parts(self.s[a:a + m.start()], [x.start - a for x in kind])
        if q not in kind or len(kind) < 2 or len(parts) != len(kind):
            return None
        x, y, noun = parts[kind.index(q)]
        known = [g for g in self.segs if a + x == g.start and g.end == a + y]
        if known:
            return self.seg_of[known[0].start], ""
        whole = self.sentence_segment
        return _combine("" if whole == "total" else whole, f"item={noun}"), ""

    def _volume_before(self, q: Quantity, a: int) -> Mention | None:
        """"무역 1조달러를 돌파", "대미무역 66% 늘었다": 무역 on its own right before the number
        is the trade volume."""
        if not (q.unit[:3].isupper() or q.unit == "pct"):
            return None
        w = max(a, q.start - 8)
        m = ko.VOLUME_BEFORE.search(self.s[w:q.start])
        return Mention(w + m.start(1), w + m.end(1), "volume") if m else None

    def _multiple(self, n: _Number, k: int) -> bool:
        n.stat = "multiple"
        start_year = _span_start(self.s, self.main_year, self.span_years)
        if not start_year:
            self.unread(n.q, "a multiple without a base period")
            return False
        n.base = str(start_year)
        n.flow = n.flow or self.state.flow
        if not n.flow:
            self.unread(n.q, "no flow named nearby")
            return False
        return True

    def _after_amount(self, q: Quantity) -> bool:
        """A percentage right after an amount, in its parentheses: "$14.375 billion (37.2%)",
        "($690 million, 15.4%)"."""
        last = self.last_amount
        between = self.s[last["end"]:q.start] if last else "x"
        return bool(re.fullmatch(r"\s*[(,]\s*△?\s*", between)) and (
            "(" in between or "(" in self.s[max(0, last["start"] - 2):last["start"]] or
            bool(ko.PAIR_OPEN.search(self.s[max(0, last["start"] - 16):last["start"]])))

    def _percentage(self, n: _Number, k: int) -> bool:
        s, q, (a, b) = self.s, n.q, n.clause
        near = s[max(a, q.start - 60):q.start].lower()
        listed = list(zh.RESPECTIVELY_WORD.finditer(s, a, q.start)) if _chinese(s) else []
        first = next((x for x in self.qs if x.start >= listed[-1].end() and x.unit == q.unit),
                     None) if listed and not zh.SEMICOLON.search(s, listed[-1].end(), q.start) else None
        if first is not None:
            # "依存度…分別為12.2%、…、21.0%": each number of the list is what the first one is
            near = s[max(a, min(q.start, first.start) - 60):q.start].lower()
        post = s[q.end:min(b, q.end + 40)].lower()
        paren = self._after_amount(q)
        down, up = _direction(s, q, a)
        if ko.MINUS.search(s[max(0, q.start - 3):q.start]) or \
                ja.MINUS_BEFORE.search(s[max(0, q.start - 5):q.start]):
            down, up = True, False  # "(64.8억불, △40.5%)", "同▲1.9%": a minus before the number
        respective = ja.respective_direction(s[q.end:b]) if KANA.search(s) else ""
        if respective:  # "原油は16.8%、LNGは37.6%それぞれ減少した"
            down, up = respective == "down", respective == "up"
        told = de.direction(s[max(a, q.start - 40):q.start], s[q.end:b]) \
            if self.state.lang == "de" else None
        if told:  # "ein Plus von 9,3%", "nahmen um 5,5% ab", "(plus 7,3 Prozent)": a change
            (down, up), paren = told, False
        elif self.state.lang == "de" and not (down or up):
            down, up = de.direction_after(s[q.end:b])
        said = [g for g in self.reading.figures[self.first_figure:] if g["stat"] == "growth_pct"]
        if self.state.lang == "de" and not (down or up) and said and \
                re.search(r"\bum\s*$", s[a:q.start]):  # "…, aus den Drittstaaten um 1,7 Prozent"
            down = said[-1]["value"].startswith("-")  # (the verb said once, for the one before)
            up = not down
        signed = re.search(r"\(\s*([+\-–−])\s*$", s[max(0, q.start - 4):q.start])
        last = self.last_amount
        if signed:  # "€ 435,0 Milliarden (+ 5,9 %)": a change, not a share
            paren, down, up = False, signed.group(1) != "+", signed.group(1) == "+"
            if last and re.fullmatch(r"\s*\(\s*[+\-–−]\s*", s[last["end"]:q.start]):
                n.flow, n.segment = last["flow"], last["segment"]  # the amount's own change
        if last and _chinese(s) and zh.PAREN_AFTER_AMOUNT.fullmatch(s[last["end"]:q.start]):
            # "化學品減0.8億美元(年減38.7%)": the rate of the amount just read, its part and flow
            n.flow, n.segment, n.segment_how = last["flow"], last["segment"], "stated"
        if k and _chinese(s) and self.qs[k - 1].unit == "" and \
                zh.COUNT_THEN_RATE.fullmatch(s[self.qs[k - 1].end:q.start]):
            self.unread(q, "the growth of a count (企业53.1万家,增加6.2%), not of a trade flow")
            return False
        if self._between_periods(n):
            self.unread(q, "one end of a change from one period to another (从…至…) whose "
                        "periods the text does not pair with them")
            return False
        last = self.last_amount
        # "50.6 trillion won, or 7.9 percent of total exports, followed by ... 47.8 trillion
        # won, or 7.5 percent": after a level, the share of the part just named
        or_share = bool(last and last["stat"] == "level" and re.fullmatch(
            r"\s*,\s*or\s+(?:about\s+|some\s+|nearly\s+|over\s+)?", s[last["end"]:q.start]) and (
            en.SHARE_OF_WHOLE.match(post) or any(f["stat"] == "share_pct" for f in
                                                 self.reading.figures[self.first_figure:])))
        if or_share or last and en.WHICH_CHANGE.match(s[a:q.start]):
            # (", which is an increase of 31.50 per cent": the amount's own rate)
            n.flow, n.segment, n.segment_how = last["flow"], last["segment"], "stated"
        right = DIRECTION_RIGHT_AFTER.match(s[q.end:b]) if CJK.search(s) else None
        item = self._item_growth(n) if not paren and HANGUL.search(s) else None
        if item is not None:  # "반도체(-8.3%)와 선박(28.9%) 등은 …": each part's growth
            if not item:
                self.unread(q, "a part's percentage with no direction, or one its sign contradicts")
                return False
        elif re.search(r"of the (?:increase|decrease|growth|rise|change)", post) or \
                re.search(r"증가분|증가액의|감소분", post):
            n.stat, n.base = "change_share_pct", "total"
        elif KANA.search(s) and ja.SHARE_CHANGE_AFTER.match(s[q.end:b]) and \
                re.search(ja.SHARE_WORDS, s[a:q.start]):
            self.unread(q, "a change of a share (割合は45.8%で前年より0.4%縮小): in points or "
                        "in per cent of the share, not told apart")
            return False
        elif right:  # "9兆3038億円(2.0%増)", "(11・9%)増": its own direction, right after it
            n.stat = "growth_pct"
            n.value = "-" + n.value if re.search(DOWN, right.group(0)) else n.value
            if n.qualifier == "over" and n.value.startswith("-"):
                n.qualifier = "under"  # "10%超の減少": a fall of more than 10%
        elif paren and last and last["stat"] == "change":
            n.stat = "growth_pct"
            n.value = "-" + n.value if last["negative"] else n.value
        elif paren and HANGUL.search(s) and not re.search(r"비중|차지", near + post):
            n.stat = "growth_pct"  # "미국(727억5000만 달러, 6.0%)": 금액, 증감률 in Korean releases
            n.value = "-" + n.value if down else n.value
            if last and last["segment"] != "total" and n.segment_how != "stated":
                n.segment, n.segment_how = last["segment"], "stated"  # "시스템(31.2억불, △22.1%)"
        elif not paren and re.search(r"(?<![a-z])(?:" + UP + "|" + DOWN + r")\s*$", near) and \
                not re.search(r"\bto\s*$|[至到]\s*$", near) and \
                not (KANA.search(s) and ja.SHARE_AFTER.match(s, q.end)):  # (下降至10.1%: fell to)
            n.stat = "growth_pct"  # "增长1.9%,占13.7%": the cue next to the number, not 占
            n.value = "-" + n.value if down else n.value
        elif paren or or_share or re.search(r"(?:share|accounted for|accounting for|비중|차지|占|割合|"
                                            r"構成比|シェア|比重|依存度)|" + en.SHARE_VERB, near) or \
                re.match(r"\s*share\b|" + ko.SHARE_AFTER, post) or en.SHARE_OF_WHOLE.match(post) or \
                self.state.lang == "de" and de.share(near, s[q.end:b], s[n.mention.start:n.mention.end]
                                                     if n.mention else "") or \
                (KANA.search(s) and ja.SHARE_AFTER.match(s, q.end)):
            n.stat, n.base = "share_pct", "total"
            self._share_subject(n)
            after = ja.SHARE_AFTER.match(s, q.end) if KANA.search(s) else None
            if after and n.segment == "total":  # "全体の6割を占める原材料": that part's share
                if not after.group(1) or ja.NOT_PART.search(after.group(1)):
                    self.unread(q, "a share whose part is not named")
                    return False
                n.segment, n.segment_how = f"item={after.group(1)}", "stated"
            part = ja.SHARE_PART.search(s[a:q.start]) if KANA.search(s) else None
            if part and n.segment == "total" and not any(
                    m.start < a + part.end(1) and m.end > a + part.start(1) for m in self.segs):
                n.segment, n.segment_how = f"item={part.group(1)}", "stated"  # "…が輸出全体に占める"
            if (n.segment == "total" and n.segment_how == "defaulted" or paren) and last and \
                    last["flow"] == n.flow and last["segment"] != "total":
                # "机电产品出口 ... 占出口总值的"; "petroleum products with 20.6 trillion won (3.5
                # percent)": the share of the amount's own part
                n.segment, n.segment_how = last["segment"], "stated" if paren else "carried"
            if self.state.lang == "de" and n.segment_how == "carried" and not de.OWN.match(s):
                self.unread(q, "a share whose part is not named in its sentence")
                return False
            if n.segment == "total" and n.segment_how == "defaulted" and n.base == "total" and \
                    not CJK.search(s):
                self.unread(q, "a share with no part named (a share of the whole in itself)")
                return False
            if n.segment == n.base == "total" and n.segment_how != "stated" and HANGUL.search(s):
                self.unread(q, "a share whose part is not named (미일 수출 비중)")
                return False
            other = [m for m in self.flows if 0 < m.start - q.end <= 30 and m.key != n.flow]
            if re.match(r"\s*of\s", post) and other:
                self.unread(q, f"a share of {n.flow} in {other[0].key}: not a statistic the "
                            "rules know (shares are of a base segment)")
                return False
        elif down or up or re.search(r"전년\s*대비|year[- ]on[- ]year|前年|同比|比上年|" + de.YEAR_ON_YEAR,
                                           near + post) or ko.YEAR_ON_YEAR.search(near):
            n.stat = "growth_pct"
            n.value = "-" + n.value if down else n.value
        elif _chinese(s) and zh.after_list(s, q.start) == "share":
            n.stat, n.base = "share_pct", "total"  # "石油制品(7.5%)、汽车零件(4.2%)等出口比重"
        elif _chinese(s) and zh.after_list(s, q.start):
            n.stat = "growth_pct"  # "半导体(28.5%)、乘用车(62.2%)等出口增长"
            n.value = "-" + n.value if zh.after_list(s, q.start) == "down" else n.value
        elif n.flow not in ("ratio",):
            self.unread(q, "a percentage with no growth or share named")
            return False
        qs, figures = self.qs, self.reading.figures
        if n.stat == "growth_pct" and re.search(en.EARLIER_VALUE, near):
            self.unread(q, "the earlier value of a percentage ('up from X%'), not a growth rate")
            return False
        if n.stat == "growth_pct" and KANA.search(s):
            n.base = ja.named_base(s[:q.start], n.period)  # "6月より3%増加": on June
        why = self._not_yearly(n) if n.stat == "growth_pct" and not n.base else ""
        if why == ON_PREVIOUS_WHY and self.state.lang != "de" and self._on_period_before(n):
            # (German releases give the month before's changes of the adjusted series only)
            why = ""  # "exports in March fell 2.1% from the previous month": on February
        if why:
            self.unread(q, why)
            return False
        if k and qs[k - 1].word and qs[k - 1].unit == "pct" and figures and \
                figures[-1]["quote"] == qs[k - 1].text:
            figures[-1]["stat"] = n.stat  # "about half (48.8%)": half is the same
            figures[-1]["base"] = n.base
        return True

    def _between_periods(self, n: _Number) -> bool:
        """A Chinese percentage at one end of "从 X% (降)至 Y%", or after 至 in a sentence
        naming several years: which period each end is of, the text does not say."""
        s, q, (a, _) = self.s, n.q, n.clause
        if not CJK.search(s) or HANGUL.search(s):
            return False
        before = s[a:q.start]
        if zh.FROM_BEFORE.search(before):
            return bool(re.match(r"[^,，;；。]{0,8}?[至到]", s[q.end:]))
        said = before[max([x.end() for x in zh.COMMA.finditer(before)] + [0]):]
        if not zh.FROM_NUMBER.search(before) and len(set(zh.YEAR.findall(said))) == 1:
            return False  # "到2001年迅速提高至10.2%": the level its own clause dates
        return bool(zh.TO_BEFORE.search(before)) and (
            bool(zh.FROM_NUMBER.search(before)) or len(set(zh.YEAR.findall(s))) > 1)

    def _item_growth(self, n: _Number) -> str | None:
        """A part listed with its growth in parentheses ("석유제품(6.8%)과 승용차(28.1%) 등은
        증가세를, 반도체(-8.3%)는 감소세를 보였다"): the part's growth rate, signed as printed,
        else by the first direction word after it. None when it is no such item, "" when a
        printed sign and the words disagree."""
        s, q = self.s, n.q
        w = max(0, q.start - 20)
        m = ko.PAREN_ITEM.search(s[w:q.start])
        if not m or not re.match(r"\s*\)", s[q.end:]) or \
                re.search(r"비중|차지|점유율", s[n.clause[0]:n.clause[1]]):
            return None
        start = w + m.start(1)
        known = [x for x in self.segs if x.start == start and x.end == start + len(m.group(1))]
        flows = [x for x in self.flows if start <= x.start < q.start]
        if flows or m.group(1) in NOT_SEGMENT or KO_NOT_NOUN.search(m.group(1)):
            return None
        cue = re.search(UP + "|" + DOWN, s[q.end:])
        printed = m.group(2)
        down = printed in ("-", "–", "−", "△") if printed else bool(cue and re.fullmatch(DOWN, cue.group(0)))
        if cue is None and not printed or printed and cue and \
                bool(re.fullmatch(DOWN, cue.group(0))) != down:
            return ""
        n.stat, n.value = "growth_pct", "-" + n.value if down else n.value
        n.segment = self.seg_of[known[-1].start] if known else f"item={m.group(1)}"
        n.segment_how = "stated"
        return n.segment

    def _share_subject(self, n: _Number) -> None:
        """"가전 수출액이 전체 수출액의 12.5%를": the flow before the number ending in 의 names
        the share's base; its part is the one named with the clause's first flow. A share
        changing "from X% to Y%" (X%에서 Y%로): X a year before (a guess)."""
        s, (a, b) = self.s, n.clause
        if not n.named_period and not self._in_span() and re.match(
                r"\s*에서\s(?:[^,.]|(?<=\d)[,.](?=\d))*?(?:으로|로)", s[n.q.end:b]):
            n.period, n.period_how = _previous(n.period), "guessed"  # "비중은 10.2%에서 9.5%로"
        if n.mention is None or not ko.SHARE_BASE.match(s[n.mention.end:n.q.start]):
            return
        first = next((m for m in self.flows if a <= m.start < n.mention.start and
                      m.key == n.flow), None)
        if first is not None:
            n.segment, n.segment_how = self.subject_segment(first.end, first, True)
        base = _unknown_segment(s, n.mention, first.end if first is not None else a)
        if base and base != n.segment:
            n.base = base  # "국내 콘텐츠 산업 수출액의 66.9%": of that part, not of the total

    def _not_yearly(self, n: _Number) -> str:
        """Why a growth rate is not on the year before: on the previous month or quarter
        (环比, "month-on-month"), or over several years ("2012년 X에서 지난해 Y로 66.1%")."""
        s, q, (a, b) = self.s, n.q, n.clause
        lo = max(a, q.start - 40) if CJK.search(s) else a  # ("on a month-on-month basis, ...")
        if ON_PREVIOUS.search(s[lo:min(b, q.end + 30)]) or \
                self._on_previous_period(n):
            return ON_PREVIOUS_WHY
        for m in YEARS.finditer(s, a, b):  # "与2019年同期相比…2021年…增速22.8%": a two-year change
            if n.period[:4].isdigit() and int(m.group(1)) < int(n.period[:4]) - 1 and \
                    _base_year(s, m):
                return (f"a change on {m.group(1)}, not on the year before")
        base = de.base_month(s[a:q.start], s[q.end:b]) if self.state.lang == "de" else None
        if base and re.fullmatch(r"\d{4}-\d\d", n.period) and (
                base[0] != int(n.period[5:]) or base[1] not in (0, int(n.period[:4]) - 1)):
            return "a growth rate on another month than the same one a year before"
        if ko.SPAN_OF_YEARS.search(s[a:b]) and not ko.YEAR_ON_YEAR.search(s[a:b]):
            return "a change over several years (N년 동안, 발효 N년), not on the year before"
        years = {int(f["period"][:4]) for f in self.reading.figures[self.first_figure:]
                 if f["flow"] == n.flow and f["unit"][:3].isupper() and f["period"][:4].isdigit()}
        if n.period[:4].isdigit():
            years.add(int(n.period[:4]))
        if years and max(years) - min(years) >= 2:
            return (f"a change over several years ({min(years)} to {max(years)}), not on the "
                    "year before")
        return ""

    def _on_period_before(self, n: _Number) -> bool:
        """A rate or change on the month or quarter before, of a month or quarter its own
        sentence names: compared with that one (`base`). Of a period carried or defaulted,
        the period compared with would be a guess too: not read."""
        if n.period_how != "stated" or not re.fullmatch(r"\d{4}-(?:\d\d|Q\d)", n.period):
            return False
        # The month before named after it, or its own period named before it in its clause
        # ("二季度进出口比一季度增长6%, 5月份…": 5月 is no period of the 6%).
        own = _period(self.s[n.clause[0]:n.q.start], 0, self.state.published, self.state.lang,
                      self.state.unnamed)
        before = self._month_before_named(n) or self._month_compared(n) or \
            n.period[5:].isdigit() and _month_before(self.s[n.q.end:self._next_number(n)], n.period)
        if not before and own != n.period:
            return False
        n.base = period_before(n.period)
        return True

    def _next_number(self, n: _Number) -> int:
        """Where the words of a number end: its clause's end or the next number ("rebounded by
        7.1 per cent ... compared to the decline of 8.8 per cent in June": June is the 8.8's)."""
        return min([n.clause[1]] + [x.start for x in self.qs if n.q.end <= x.start < n.clause[1]])

    def _month_compared(self, n: _Number) -> bool:
        """"10월(78억3000만달러)보다 18억6000만달러 줄었으나", of November: on the month before."""
        if not re.fullmatch(r"\d{4}-\d\d", n.period) or not HANGUL.search(self.s):
            return False
        m = [x for x in ko.MONTH_COMPARED.finditer(self.s, n.clause[0], n.q.start)]
        if not m:
            return False
        year = int(m[-1].group(1)) if m[-1].group(1) else None
        return period_before(n.period) == f"{year or period_before(n.period)[:4]}-{int(m[-1].group(2)):02d}"

    def _month_before_named(self, n: _Number) -> bool:
        """"a decrease of $83m on the surplus in December 2019", of January 2020."""
        m = re.search(r"\b(" + "|".join(MONTHS) + r")" + MONTH_YEAR, self.s[n.q.end:n.clause[1]].lower())
        if not (m and re.fullmatch(r"\d{4}-\d\d", n.period)) or any(
                n.q.end <= x.start < n.q.end + m.start() for x in self.qs):
            return False  # (not another number's month: "after a decline of 41.1% in June")
        year, month = int(n.period[:4]), int(n.period[5:])
        return (year, month) == ((int(m.group(2)), MONTHS[m.group(1)] + 1) if MONTHS[m.group(1)]
                                 < 12 else (int(m.group(2)) + 1, 1))

    def _on_previous_period(self, n: _Number) -> bool:
        """Whether a month's or quarter's change is on the one before: "a decrease of $83m on
        the surplus in December 2019" for January 2020, or a change in seasonally adjusted
        terms with no year-on-year words (adjusted series are compared month to month)."""
        s, (a, b) = self.s, n.clause
        if not re.fullmatch(r"\d{4}-(?:\d\d|Q\d)", n.period):
            return False
        if self._month_before_named(n) or self._month_compared(n):
            return True
        if n.period[5:].isdigit() and _month_before(s[n.q.end:self._next_number(n)], n.period):
            return True  # "down $8.8 billion from $57.7 billion in February" (for March)
        if self.reading.basis == "previous" and not en.YEAR_ON_YEAR.search(s[a:b]):
            return True  # a release comparing each month with the one before
        return bool(en.SEASONALLY.search(s) or self.state.seasonal) and \
            not en.YEAR_ON_YEAR.search(s[a:b])

    def _points(self, n: _Number, k: int) -> bool:
        n.stat = "change"
        down, _ = _direction(self.s, n.q, n.clause[0])
        n.value = "-" + n.value if down else n.value
        return True

    def _bare(self, n: _Number, k: int) -> bool:
        s, q, (a, _) = self.s, n.q, n.clause
        if n.flow != "ratio":
            self.unread(q, "a bare number for an amount (no unit)")
            return False
        n.unit = "ratio"
        down, up = _direction(s, q, a)
        if re.search(PREVIOUS_YEAR, s[a:q.start].lower()):
            n.period = _previous(n.period)
        elif (re.search(r"(?:by|of)\s*$", s[max(a, q.start - 60):q.start].lower()) or
              ko.POINTS_AFTER.match(s[q.end:q.end + 6])) and (down or up):
            n.stat = "change"  # ("전년 대비 0.02 포인트 감소")
            n.value = "-" + n.value if down else n.value
        return True

    def _amount(self, n: _Number, k: int) -> bool:
        s, q, last = self.s, n.q, self.last_amount
        if re.search(r"\(\s*$", s[:q.start]) and last is not None and \
                s[last["end"]:q.start].strip() == "(":
            # A conversion in parentheses: the same quantity in another currency.
            n.period, n.segment, n.flow, n.stat = (last["period"], last["segment"],
                                                   last["flow"], last["stat"])
            n.value = "-" + n.value if last["negative"] else n.value
        else:
            self._amount_period(n)
            if n.role == "from" and n.period_how != "guessed":  # (as "X에서 Y로")
                start, end = self.reading.span
                n.period = start if end and end == n.period else _previous(n.period)
                n.period_how = "guessed"
            self._amount_stat(n)
            if not n.stat:
                self.unread(q, "a change whose direction the words do not say")
                return False
            if n.stat == "change" and self._on_previous_period(n) and \
                    not self._on_period_before(n):
                self.unread(q, "a change on the previous month or quarter, not on the year "
                            "before")
                return False
        if re.search(r"\brecord\b|all-time high|highest|사상 최대|역대 최대|" + ja.RECORD, s.lower()) \
                and n.stat == "level":
            n.qualifier = n.qualifier or "record"
        return True

    def _amount_period(self, n: _Number) -> None:
        """An amount's period: the start of a span ("from X"), or a year before ("the previous
        year (X)", "from X to Y", "X에서 Y로")."""
        s, q, (a, b) = self.s, n.q, n.clause
        near = s[max(a, q.start - 60):q.start].lower()
        if self.span_years and re.search(r"\bfrom\s*$", near):
            n.period = str(_span_start(s, self.main_year, self.span_years) or n.period)
        elif re.search(PREVIOUS_YEAR, s[a:q.start].lower()):
            n.period = _previous(n.period)
        elif not n.named_period and (re.search(r"\b(?:from|von)\s*$", near) and re.match(
                r"\s*(?:\([^)]*\)\s*)?(?:to|auf)\s", s[q.end:b]) or re.match(
                r"\s*에서\s(?:[^,.]|(?<=\d)[,.](?=\d))*?(?:으로|로|까지)", s[q.end:b])):
            # "rose from $X to $Y", "X에서 Y로": X a year before, or the start of the span of
            # years the text spoke of ("2012년 X에서 지난해 Y로 ... 같은 기간 A에서 B로")
            start, end = self.reading.span
            n.period = start if end and (end == n.period or self._in_span()) else \
                _previous(n.period)
            n.period_how = "guessed"  # the text does not say which year X was
        elif not n.named_period and self._in_span() and re.search(r"에서\s*$|\bto\s*$", near) \
                and self.last_amount and self.last_amount["period"] == self.reading.span[0]:
            n.period = self.reading.span[1]  # "같은 기간 A에서 B로": B at the span's end

    def _in_span(self) -> bool:
        """A sentence of no period of its own that speaks of "the same period" after a change
        over several years was read."""
        return bool(self.reading.span[1]) and not self.own_period and bool(
            SAME_PERIOD.search(self.s))

    def _amount_stat(self, n: _Number) -> None:
        """A change ("an increase of $X", "increased $X", "전년 대비 X 증가") or a level, and
        its sign (a deficit is negative)."""
        s, q, (a, b), f = self.s, n.q, n.clause, n.mention
        near = s[max(a, q.start - 60):q.start].lower()
        if self.state.lang == "de" and f is not None and f.key == "balance" and \
                de.NEUTRAL_BALANCE.match(s[f.start:f.end]):
            signed = [m for m in self.flows if m.key == "balance" and a <= m.start < q.start and
                      not de.NEUTRAL_BALANCE.match(s[m.start:m.end]) and
                      not re.search(r"\d|[,;]\s", s[m.end:q.start])]
            f = signed[-1] if signed else f  # "ein Passivum der Handelsbilanz … von 0,24"
        way = de.change(s[max(a, q.start - 60):q.start], s[q.end:b]) \
            if self.state.lang == "de" else ""
        if way == "?":  # "…legte um 850 Millionen zu, der von Schmuck um 347 Millionen"
            before = [g for g in self.reading.figures[self.first_figure:] if g["stat"] == "change"]
            way = ("down" if before[-1]["value"].startswith("-") else "up") if before else ""
            if not way:
                n.stat = ""  # (not read: a change whose way the words do not say)
                return
        if way:  # "um 3,3 Milliarden zu", "ein Rückgang um 307 Millionen", "X weniger"
            n.stat = "change"
            n.value = "-" + n.value if (way == "down") != (f is not None and f.sign < 0 and
                                                          n.flow == "balance") else n.value
            return
        is_change = re.search(r"(?:(?:(?:an?|the)\s+)?(?:\w+\s+)?(?:increase|decrease|rise|"
                              r"fall|decline|drop|gain)\s+(?:of|in[^$€£¥₩\d]*?)\s*\(?"
                              r"|(?:increased|decreased|rose|fell|declined|grew|dropped)"
                              r"(?:\s+by)?|" + en.CHANGE_BEFORE + r")\s*$", near)
        ko_change = re.match(r"\s*(?:이|가)?\s*(" + UP + "|" + DOWN + ")", s[q.end:b]) if \
            ko.COMPARED_BEFORE.search(s[a:q.start].lower()) else \
            ko.CHANGE_AFTER.match(s, q.end) if HANGUL.search(s) else \
            zh.CHANGE_BEFORE.search(s[max(a, q.start - 8):q.start]) if _chinese(s) else None
        if not ko_change and HANGUL.search(s) and re.search(r"%\s*\(\s*$", s[a:q.start]):
            ko_change = re.match(r"\s*\)\s*(" + UP + "|" + DOWN + ")", s[q.end:b])  # "12.7%(42억7000만달러) 늘었다"
        listed = re.search(r"\(\s*[$€£¥₩]?\s*$", s[:q.start]) and \
            en.CHANGES_LISTED.search(s[:q.start])
        if listed and not (is_change or ko_change):
            # "The largest increases in exports were in capital goods ($13.2 billion)"
            n.stat = "change"
            if re.search(DOWN, listed.group(1).lower()):
                n.value = "-" + n.value
        elif is_change or ko_change:
            n.stat = "change"
            if re.search(DOWN, (is_change or ko_change).group(0)):
                n.value = "-" + n.value
            if f is not None and f.sign < 0 and n.flow == "balance":
                # "a decrease in the deficit of $7.5 billion": the balance rose
                n.value = n.value[1:] if n.value.startswith("-") else "-" + n.value
        elif en.CHANGE_AFTER.match(s[q.end:q.end + 20]):
            # "The £2.1 billion increase in exports", "a $3 billion drop"
            n.stat = "change"
            if re.search(DOWN, en.CHANGE_AFTER.match(s[q.end:q.end + 20]).group(1).lower()):
                n.value = "-" + n.value
            if f is not None and f.sign < 0 and n.flow == "balance":
                n.value = n.value[1:] if n.value.startswith("-") else "-" + n.value
        elif f is not None and f.sign < 0 and n.flow == "balance":
            n.value = "-" + n.value
        else:
            end = q.end + len(re.match(r"(?:\s*\([^()]{0,30}\))?", s[q.end:]).group(0))
            trailing = [m for m in self.flows if 0 <= m.start - end <= 3]
            if trailing and trailing[0].key == n.flow and trailing[0].sign < 0:
                n.value = "-" + n.value  # 33억 달러 적자
            elif ja.MINUS_BEFORE.search(s[max(0, q.start - 5):q.start]):
                n.value = "-" + n.value  # "マイナス6兆9273億円", "▲8,089億円"

    def _add(self, n: _Number) -> None:
        """The figure, with how it was read and its other readings."""
        how = n.period_how if n.period_how == "guessed" else \
            "stated" if n.period != self.period else n.period_how
        fig = {"period": n.period, "segment": n.segment, "flow": n.flow, "stat": n.stat,
               "value": n.value.replace("--", ""), "unit": n.unit, "base": n.base,
               "qualifier": n.qualifier, "quote": n.q.text,
               "reading": f"period={how};segment={n.segment_how};flow={n.flow_how}",
               "alternatives": _alternatives(how, n.period, n.segment_how, n.segment,
                                             n.flow_how, n.flow, self.flows,
                                             self.reading.periods, self.s)}
        if how == "stated" and not n.named_period and self.carried_period not in ("", n.period) \
                and n.period == self.own_period and not fig["alternatives"].startswith("period"):
            # The sentence names another period than the one its paragraph spoke of, but not
            # next to this number ("수입은 ... 97억8천만달러로 줄어, 지난 10월 흑자를 기록했던"):
            # the carried period is another reading.
            fig["alternatives"] = ";".join(filter(None, [f"period={self.carried_period}",
                                                         fig["alternatives"]]))
        _add(self.reading, fig, n.q, self.at, self.line, self.s)
        if n.unit[:3].isupper() and n.period[:4].isdigit():
            years = sorted({f["period"][:4] for f in self.reading.figures[self.first_figure:]
                            if f["flow"] == n.flow and f["unit"][:3].isupper()
                            and f["period"][:4].isdigit()})
            if len(years) > 1 and int(years[-1]) - int(years[0]) >= 2:
                self.reading.span = (years[0], years[-1])
        if n.unit not in ("pct", "pp", "times", "ratio"):
            self.last_amount = {**fig, "start": n.q.start, "end": n.q.end,
                                "negative": n.value.startswith("-")}

    def finish(self) -> None:
        """Rank claims, and the context the next sentences carry."""
        s, state, segs, flows = self.s, self.state, self.segs, self.flows
        parts = [(f["span_end"] - self.at, f["segment"], f["flow"]) for f in
                 self.reading.figures[self.first_figure:] if f["stat"] == "level" and
                 f["segment"] != "total"] if HANGUL.search(s) else []
        for fig in _ranks_of_sentence(s, flows, segs, self.seg_of, self.sentence_segment,
                                      self.period, state.flow, parts) + self._ordinal_ranks() + \
                self._cjk_ranks() + self._place_ranks():
            if fig["period"]:
                _add(self.reading, fig, None, self.at, self.line, s)
        if flows:
            state.flow = flows[-1].key
        if state.lang == "de":  # the flow and part a "Sie" of the next sentence would be
            part = self.sentence_segment if segs else ""
            named = de.part_of(s[flows[-1].end:])[1] if flows and not segs else ""
            part = f"item={named}" if named else part
            state.topic = f"{flows[-1].key}|{part}" if flows and part not in ("", "total") \
                else ""
        if segs:
            state.segment_from_sentence = True
        if segs and not self.qs and CJK.search(s) and not HANGUL.search(s):
            # "これは、アメリカ向けの自動車が増えたことによる": an explanation without figures
            # names no topic for the sentences after it
            state.segment, state.segment_from_sentence = self.carried_in
        if KANA.search(s) and (any(x.key != y.key and ja.JOINED_PARTS.fullmatch(s[x.end:y.start])
                                   for x, y in pairwise(segs)) or
                               any(ja.JOINED_BEFORE.search(s[:m.start]) for m in segs)):
            # "中国と米国向けがいずれも…": two parts joined, neither the topic after
            state.segment, state.segment_from_sentence = self.carried_in
        if segs and all(any(0 <= f.start - m.end <= 2 and not s[m.end:f.start].strip() and
                                (state.lang != "de" or s[f.start:f.end].lstrip("-")[:1].isupper())
                                for f in flows) for m in segs):
            # "Machinery exports rose ...": a segment naming a flow is that figure's, not the
            # topic of the sentences that follow (a German noun; "In die EU führte" is a verb).
            state.segment, state.segment_from_sentence = self.carried_in
        if not segs and any(f["segment"] == "total" and "segment=stated" in f["reading"]
                            for f in self.reading.figures[self.first_figure:]):
            state.segment, state.segment_from_sentence = "total", False  # the whole named again


def _german_flows(s: str, flows: list[Mention],
                  segs: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """A German sentence's flows with those its grammar names: a separable verb ("führte ...
    aus"), a compound with a flow as head ("Güterimporte"; "Gasimporte" with its part)."""
    flows, segs = list(flows), list(segs)
    taken = [(m.start, m.end) for m in flows + segs]
    for a, b, flow in de.separable_flows(s):
        if not any(x < b and a < y for x, y in taken):
            flows.append(Mention(a, b, flow))
    for a, b, flow, part in de.compound_flows(s):
        if any(x < b and a < y for x, y in taken):
            continue
        head = a + re.search(r"-?(?:exporte|importe|ausfuhren|einfuhren)\w*$", s[a:b],
                             re.IGNORECASE).start()
        if part and s[a:head].strip("- ").isupper():
            continue  # "EU-Exporte", "US-Importe": whose, or to whom, is unsaid
        flows.append(Mention(head, b, flow))
        if part:
            segs.append(Mention(a, head, f"item={part}"))
    return sorted(flows, key=lambda m: m.start), sorted(segs, key=lambda m: m.start)


WHOLE = re.compile(r"\bas a whole\b|\b(?:overall|total|nationwide)\b|\bin total\b|전체|전국|"
                   r"총\s?(?:수출|수입)|全国|" + de.WHOLE)


def _names_whole(text: str) -> bool:
    """Words saying the whole is meant ("as a whole", "overall exports"), not a share's base
    ("4.1 percent of its total imports")."""
    return any(not re.search(r"\bof\s+(?:\w+\s+)?$", text[max(0, m.start() - 14):m.start()])
               for m in WHOLE.finditer(text))
LAST_YEAR = re.compile(r"^\W*last year\b|(?<!재)(?:지난해|작년)(?!\s*(?:보다|대비|에 비해|같은|동기|동월))",
                       re.IGNORECASE)
# Periods named relative to the publication, or months without their year.
UNDATED = re.compile(LAST_MONTH + r"|今年|\blast month\b|\bthis month\b|이달|(?:작년|지난해)\s*\d{1,2}\s*월|(?<![\d.])(?<![년年])(?<![년年]\s)\d{1,2}\s*[월月](?!\s*\d{1,2}\s*[일日])|"
                     r"\b(?:in|for|during)\s+(?:the month of\s+)?(?:january|february|march|april|may|june|july|august|"
                     r"september|october|november|december)\b(?!\s+\d)", re.IGNORECASE)
# (2018年1-5月 is one as 1-5月 is; 2015年1-6月 is the first half and 2019年1-12月 the year)
YEAR_TO_DATE = re.compile(r"(?<![\d.])\s*(?!1\s*[~～－-]\s*6\s*[월月])"
                          r"(?!(?:(?<=[年년])|(?<=[年년]\s))1\s*[~～－-]\s*12\s*[월月])\d{1,2}\s*[~～－-]\s*\d{1,2}\s*[월月]|누적|累計|累计|"
                          r"year[- ]to[- ]date|\bso far this year\b|"
                          r"\bcumulative(?:ly)?\b|\bfiscal year\b|\b(?:19|20)\d\d[-–/]\d\d\b|"
                          r"first (?:two|three|four|five|seven|eight|nine|ten|eleven|\d{1,2}) months|" +
                          en.MONTHS_TO_DATE + "|" +
                          YEAR_TO_DATE_CJK + "|" + de.YEAR_TO_DATE, re.IGNORECASE)



def _unknown_segment(s: str, f: Mention, clause_start: int, accounts: bool = False) -> str:
    """A part named by words the gazetteer does not know, right before its flow
    ("Semiconductor exports", "반도체 수출") or after it ("shipments of semiconductors"):
    `item=<words>`, its own segment, never the total."""
    before = s[clause_start:f.start]
    if re.search(r"goods and services\s*$", before, re.IGNORECASE):
        return ""
    if re.match(r"\s+of\s+goods and services\b", s[f.end:], re.IGNORECASE):
        return ""
    stop = NOT_SEGMENT - (ACCOUNT_WORDS if accounts else set())
    if accounts and re.match(r"services\s", s[f.start:f.end], re.IGNORECASE):
        return "item=services"  # ("services exports", one gazetteer phrase)
    partner = en.PARTNER_AFTER.match(s[f.end:f.end + 60]) if s[f.start:f.end].isascii() else None
    if partner:  # "shipments to the neighboring country": a partner, not the whole
        words = []
        for w in partner.group(1).lower().split():
            if w in stop:
                break
            words.append(w)
        if words and not re.fullmatch(en.VERB_AFTER_TO, words[0]):
            return f"partner={'_'.join(words)}"
    after = re.match(r"\s+(?:values?\s+)?(?:of|in)\s+(?:the\s+)?((?:[A-Za-z][\w&-]*\s*){1,2})(?=[\s,.(]|$)",
                     s[f.end:])  # "shipments of chips", "the export value of goods"
    if not after and re.search(r"(?:ported|pped)$", s[f.start:f.end], re.IGNORECASE):
        after = re.match(r"\s+([A-Za-z][\w&-]*)(?=[\s,.(]|$)", s[f.end:])  # "exported services"
    if after:
        words = after.group(1).lower().split()
        if words and words[0] not in stop and all(w.replace("-", "").isalpha() for w in words):
            kept = [w for w in words[:2] if w not in stop]
            return f"item={'_'.join(kept[:1] if words[1:2] and words[1] in stop else kept)}"
    m = re.search(r"(?<!\w)((?:[A-Za-z][\w&-]*\s+){1,3})$",  # (not "sterreichs")
                  re.sub(r"\s*\([^()]*\)\s*$", " ", before))
    if m:  # (a note in parentheses before the flow is no part: "Non-petroleum (…) imports")
        words: list[str] = []
        for w in reversed(m.group(1).lower().split()):  # nearest first, up to a function word
            if w.strip("'’") in stop or not w.replace("-", "").isalpha() or \
                    re.fullmatch(r"[a-z]+-[a-z]+ed", w):  # "customs-cleared": a basis, no part
                break
            words.insert(0, w)
        return f"item={'_'.join(words[-2:])}" if words else ""
    item = ko.noun_before(before, stop, KO_NOT_NOUN)
    if item:
        return f"item={item}"
    m = re.search(r"([\u4e00-\u9fff\u30a0-\u30ffー]{2,10})$", before)  # 机电产品出口, 自動車輸出
    if m:
        noun = CJK_TRAIL.sub("", CJK_LEAD.sub("", zh.OWN_COUNTRY.sub("", m.group(1))))
        if len(noun) >= 2 and not CJK_WHOLE.fullmatch(noun):
            return f"{'group' if zh.GROUP_NAME.match(noun) else 'item'}={noun}"
    return ""




def _item_before_parenthesis(s: str, a: int, p: int, known: list[Mention], lang: str = "") -> str:
    """A list of parts with their amounts in parentheses: "in capital goods ($13.2 billion)"
    is capital goods' amount, whatever the sentence is about ("Dienstleistungen (– 37,2
    Milliarden Euro)" in German)."""
    m = re.search(r"\b(?:in|of|for)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s*(?:\([^()$€£¥₩]*\)\s*)?"
                  r"\(\s*[$€£¥₩]?\s*$",
                  s[a:p].lower()) or lang == "de" and re.search(
        r"(?:^|,|\bund|\bfür|\bzum|\bzur|\bvon)\s+((?:\w[\w-]*\s+){0,2}\w[\w-]*)\s*\(\s*[+\-–−]?"
        r"\s*[$€£¥₩]?\s*$", s[a:p].lower())
    if not m and HANGUL.search(s):
        m = ko.LIST_ITEM.search(s[a:p]) or (  # "△가전(30억 달러) △의류(12억 달러)"
            ko.PAIR_ITEM.search(s[a:p]) if ko.PAIR_AFTER.match(s[p:]) else None)
        if m and ((ko.NOT_NOUN_LISTED if ko.LIST_ITEM.search(s[a:p]) else ko.NOT_NOUN).search(
                m.group(1)) or _names_whole(m.group(1))):
            m = None  # ("전년 동월(199.3억불)", "전체산업(496.2억불)")
        noun = ko.list_items(s, KO_AMOUNT.pattern).get(p, "") if not m else ""
        if noun and not any(k.start < p and k.end > p - len(noun) - 2 for k in known):
            return f"item={noun}"  # "원유 72억5000만달러, 가스 61억8000만달러 등"
    if not m or any(k.start < a + m.end(1) and k.end > a + m.start(1) for k in known):
        return ""
    words = [w for w in m.group(1).split() if w not in NOT_SEGMENT]
    return f"item={'_'.join(words[-3:])}" if words else ""


def _cjk_item_before_parenthesis(s: str, a: int, p: int, known: list[Mention]) -> str:
    """A Chinese or Japanese list of parts with their figures in parentheses ("自動車(7.2%増)、
    鉄鋼(8.2%減)"): the part is the name before the parenthesis, whatever the figure."""
    if HANGUL.search(s):
        return ""
    m = zh.LIST_ITEM.search(s[a:p])
    if not m or any(k.start < a + m.end(1) and k.end > a + m.start(1) for k in known):
        return ""
    noun = CJK_TRAIL.sub("", CJK_LEAD.sub("", m.group(1)))
    return f"item={noun}" if len(noun) >= 2 and not CJK_WHOLE.fullmatch(noun) and \
        not zh.NOT_ITEM.search(noun) else ""


# A text that sets goods against services: there both are parts ("the goods deficit").
ACCOUNT_WORDS = frozenset({"goods", "services", "merchandise"})
ACCOUNTS = re.compile(r"\b(?:goods|merchandise) (?:exports|imports|deficit|surplus|balance)\b.*\bservices "
                      r"(?:exports|imports|deficit|surplus|balance)\b|\bservices (?:exports|imports|"
                      r"deficit|surplus|balance)\b.*\b(?:goods|merchandise) (?:exports|imports|deficit|surplus|"
                      r"balance)\b|\b(?:exports?|imports?)\s+values?\s+of\s+goods\b.*\b(?:exported|"
                      r"imported)\s+services\b", re.IGNORECASE | re.DOTALL)
REPORTER_POSSESSIVE = r"(?:'s|’s)\b"
REPORTER_SUBJECT = (r"\s+(?:likely\s+|also\s+)?(?:logged|posted|recorded|reported|ran|had|saw|"
                    r"registered)\b|\s+(?:" + en.OWN_ECONOMY + r")\b|"
                    r"\s+(?:[\w-]+\s+){0,2}(?:trade|exports|imports|deficit|surplus|balance)\b")


def _reporter(text: str, lex: Lexicon) -> str:
    """The country a text reports on ("Japan logged a deficit", "Japan's trade surplus"): the
    country named as the subject at least twice, once with a verb or its trade; its name
    there means the total, not a part."""
    votes: Counter = Counter()
    subject: set[str] = set()
    for m in _mentions(text, lex, "segment"):
        if m.key.startswith("country=") and en.STATISTICS_OFFICE.search(text[max(0, m.start - 12):m.start]):
            votes[m.key] += 1  # "Statistics Canada says": the country it counts for
            subject.add(m.key)
        if not m.key.startswith("country=") or _institution(text, m):
            continue
        if en.OWN_TOTAL.match(text, m.end):
            votes[m.key] += 2  # "Hong Kong's total goods exports": its own whole
            subject.add(m.key)
            continue
        before = text[max(0, m.start - 16):m.start].lower()
        if re.search(r"(?:with|to|from|against|for|into|by|between|and|in)\s+(?:the\s+)?$", before):
            continue
        after = text[m.end:m.end + 40]
        if re.match(r"(?:'s|’s)?(?:" + REPORTER_SUBJECT + ")", after, re.IGNORECASE):
            votes[m.key] += 1
            subject.add(m.key)
        elif re.match(REPORTER_POSSESSIVE, after):
            votes[m.key] += 1
    if len(subject) == 1 and en.THE_COUNTRY.search(text):
        votes[next(iter(subject))] += 1  # "India's exports ... The country's trade deficit"
    ranked = [k for k, n in votes.most_common() if n >= 2 and k in subject]
    return ranked[0] if ranked else ""


def _reporter_cjk(text: str, lex: Lexicon) -> str:
    """The country a Chinese or Japanese text reports on: the one country named right before
    its flow ("中国外贸进出口", "日本貨物進出口額", "日本の貿易収支"), not after a partner word
    (对中国, 與中國)."""
    if not CJK.search(text) or HANGUL.search(text):
        return ""
    flows = {m.start for m in _mentions(text, lex, "flow")}
    named = set()
    segments = _mentions(text, lex, "segment")
    ends = {m.end for m in segments}
    for m in segments:
        after = zh.REPORTER_AFTER.match(text, m.end)
        before = zh.PARTNER_BEFORE.search(text[max(0, m.start - 1):m.start])
        if before and before.group(0) == "、" and KANA.search(text) and m.start - 1 not in ends:
            before = None  # "…によると、韓国の輸出額": a Japanese comma, not a list of partners
        if m.key.startswith("country=") and (after.end() in flows or zh.REPORTER_PERIOD_AFTER.match(
                text, m.end)) and \
                not zh.PARTNER_BEFORE.search(text[m.start:m.start + 1]) and not before:
            named.add(m.key)
    return named.pop() if len(named) == 1 else ""


def _to_date(s: str, p: int) -> bool:
    """Whether the number at p is a total to date: the sentence names one (1~9월, 前5个月); in
    Chinese before the number or in its clause up to a semicolon ("8月出超168.3億美元;累計1至8月
    出超868.9億美元": only the second), and 累計 over the whole year (全年) is the year."""
    if KANA.search(s):  # (Japanese "4-6月" is the second quarter, no total to date)
        return bool(YEAR_TO_DATE.search(ja.QUARTER_SPAN.sub(" ", s)))
    if not _chinese(s):
        return bool(YEAR_TO_DATE.search(s))
    end = next((m.start() for m in zh.SEMICOLON.finditer(s, p)), len(s))
    for m in YEAR_TO_DATE.finditer(s, 0, end):
        start = max([x.end() for x in zh.SEMICOLON.finditer(s, 0, m.start())] + [0])
        if not (m.group(0).strip() in ("累計", "累计") and zh.FULL_YEAR.search(s[start:end])):
            return True
    return False


def _chinese(s: str) -> bool:
    """Whether a sentence is Chinese: CJK characters, neither kana nor hangul."""
    return bool(CJK.search(s)) and not KANA.search(s) and not HANGUL.search(s)


def _institution(s: str, m: Mention) -> bool:
    """A country named in an institution's name ("the U.S. Census Bureau", "Reserve Bank of
    India"): the publisher, not a part of the trade."""
    return bool(en.INSTITUTION_AFTER.match(s[m.end:m.end + 60]) or
                en.INSTITUTION_BEFORE.search(s[max(0, m.start - 30):m.start]))


def _dollar(text: str, lex: Lexicon, reporter: str) -> str:
    """The currency of a bare "$": the dollar of the country the text reports on (its
    reporter, else the one its title names: "International Trade, Australia"), else USD."""
    title = next((line for line in text.splitlines() if line.strip()), "")
    if re.search(r"\d|[.!?]\s*$", title):
        title = ""  # a sentence, not a title
    named = [m.key for m in _mentions(title, lex, "segment")]
    home = reporter or (named[0] if len(set(named)) == 1 else "")
    return en.DOLLAR_COUNTRIES.get(home, "USD")


HOME_SUBJECT = re.compile(r"\s*(?:[가-힣]+\s+)?(?:수출|수입|무역|교역)|\s*(?:'s|’s)\s|"
                          + REPORTER_SUBJECT, re.IGNORECASE)


def _home(text: str, lex: Lexicon) -> str:
    """The province a text reports on ("경기도 수출은", "Gyeonggi Province's exports"): named
    at least twice as the subject of a flow. Its figures are that province's, a part of the
    nation's total, and a figure of the whole country ("우리나라 전체") is the total."""
    votes = Counter(m.key for m in _mentions(text, lex, "segment")
                    if m.key.startswith("province=") and HOME_SUBJECT.match(text[m.end:m.end + 40]))
    ranked = [k for k, n in votes.most_common() if n >= 2]
    return ranked[0] if ranked else ""


def _respective(s: str, qs: list[Quantity], k: int, flows: list[Mention],
                clause: tuple[int, int]) -> Mention | None:
    """"수출과 수입은 각각 9.5%, 2.4% 감소": the i-th number of a kind takes the i-th flow."""
    a, b = clause
    r = RESPECTIVELY.search(s, a, b)
    if not r:
        return None
    q = qs[k]
    if r.group(0).isascii():
        b = r.start()  # "X and Y, respectively, recording a surplus of Z": Z is no part of it
    kind = [x for x in qs if a <= x.start < b and (x.unit == "pct") == (q.unit == "pct")
            and not x.word and x.unit]  # (not a year: "In July 2024, exports and imports ...")
    named = [m for m in flows if a <= m.start and m.end <= kind[0].start] if kind else []
    # ("기술수출·도입 각각 25%·19%↑": the flows a joined name lists, each in turn)
    named = [x for m in named for x in [Mention(m.start, m.end, key) for key in
                                        ko.joined_flows(s[m.start:m.end])] or [m]]
    named = list({m.key: m for m in named}.values())
    if len(named) < 2 or q not in kind:
        return None
    i = kind.index(q)
    return named[i] if i < len(named) else None


def _beyond_respective(s: str, qs: list[Quantity], k: int, flows: list[Mention],
                       clause: tuple[int, int]) -> bool:
    """A number after those of the flows listed 'respectively' ("수출과 수입은 각각 …
    549억9000만달러, 596억8000만달러로 46억9000만달러의 적자를 기록"), with its own flow named right
    after it: no part of the list."""
    q = qs[k]
    own = _flow_after(s, q, flows) if q.unit[:3].isupper() else None
    if own is None or s[own.start:own.end].isascii():
        return False
    earlier = [x for x in qs[:k] if clause[0] <= x.start and x.unit == q.unit and not x.word]
    return len(earlier) >= 2 and all(_respective(s, qs, qs.index(x), flows, clause)
                                     for x in earlier)


def _unresolved_list(s: str, qs: list[Quantity], k: int, flows: list[Mention],
                     clause: tuple[int, int]) -> bool:
    """A number of a list read 'respectively' whose parts are not the flows named ("반도체와
    컴퓨터 수출이 각각 26억, 15억 달러", "电工器材、汽车分别出口6360.6亿、2004.4亿元")."""
    m = RESPECTIVELY.search(s, clause[0], clause[1])
    if not m or _respective(s, qs, k, flows, clause):
        return False
    if _beyond_respective(s, qs, k, flows, clause):
        return False  # "수출과 수입은 각각 … X, Y로 46억9000만달러의 적자를": Z is its own flow's
    # the list is the part of the clause between semicolons (…；其中 A、B分别出口 X、Y)
    a = max([clause[0]] + [x.end() for x in re.finditer(r"[;；]", s[:m.start()])])
    if m.group(0) in ("分别", "分別"):
        a = max(a, m.start())  # (in Chinese the numbers listed come after 分别)
    if m.group(0) == "각각":  # ("자동차 수출이 X에서 Y로, 반도체와 컴퓨터 수출이 각각 …")
        a = max(a, s.rfind(",", clause[0], m.start()) + 1)
    b = min([clause[1]] + [m.end() + x.start() for x in re.finditer(r"[;；]", s[m.end():])])
    if m.group(0).isascii():
        b = m.start()  # (in English the parts listed come before "respectively")
    q = qs[k]
    kind = [x for x in qs if a <= x.start < b and (x.unit == "pct") == (q.unit == "pct")
            and not x.word]
    return len(kind) >= 2 and q in kind


def _flow_after(s: str, q: Quantity, flows: list[Mention], lang: str = "") -> Mention | None:
    """The flow named right after a number: "USD 80.1 billion of exports", "a combined
    $1 trillion in trade" (the volume)."""
    if re.match(r"\s+in (?:total |combined )?trade\b(?!\s+(?:surplus|deficit|balance))",
                s[q.end:q.end + 30], re.IGNORECASE):
        return Mention(q.end, q.end, "volume")
    for m in flows:
        between = s[q.end:m.start].lower()
        if 0 < m.start - q.end <= 30 and re.fullmatch(
                r"\s*(?:worth\s+)?(?:of|in)\s+(?:(?!as\b|while\b|and\b|but\b)[^\W\d][\w-]*\s+){0,2}",
                between):  # (not "$6.0 billion in 2022 as exports grew")
            return m
        if 0 <= m.start - q.end <= 3 and re.fullmatch(r"\s*(?:[의の的]\s*)?", between) and \
                not s[m.start:m.end].isascii():
            return m  # "44억 달러 적자", "46억9000만달러의 적자"
        if lang == "de" and 0 <= m.start - q.end <= de.FLOW_AFTER and \
                s[m.start:m.end].lower() in de.FLOW_VERBS and \
                re.fullmatch(r"[^\d,.;]*", de.QUANTITY.sub("", re.sub(r"\([^()]*\)", "", between))):
            return m  # "Waren im Wert von 52,1 Milliarden Euro versandt", "… mit 31,24 Mrd.
            # Euro um 14,5 Prozent mehr exportiert" (the verb at the clause's end)
    return None


def _share_flow_after(s: str, q: Quantity, flows: list[Mention]) -> Mention | None:
    """The flow a German percentage names right after it: "mit einem Anteil von 37,5 Prozent
    bei den Importen und 30,1 Prozent bei den Exporten" (each its own)."""
    for m in flows:
        if 0 < m.start - q.end <= 16 and re.fullmatch(r"\s*(?:bei|an|in)\s+(?:den|der|dem)\s+",
                                                      s[q.end:m.start], re.IGNORECASE):
            return m
    return None


def _last_year_before(text: str) -> bool:
    """Whether the last period named before a number is "last year" (지난해, 작년), not a
    year in digits."""
    marks = [(m.start(), bool(m.group(1))) for m in re.finditer(
        r"(\blast year\b|(?<!재)(?:지난해|작년)(?!\s*(?:보다|대비|에 비해|같은|동기|동월)))|"
        r"(?:19|20)\d\d", text, re.IGNORECASE)]
    return bool(marks) and marks[-1][1]


def _year_range(s: str, m: re.Match) -> bool:
    """A year that is one end of a range of years ("2013~2022년", "2013-2022"), not a period
    the text speaks of."""
    return bool(re.match(r"\s*[~～–-]\s*(?:19|20)\d\d", s[m.end():m.end() + 8]) or
                re.search(r"(?:19|20)\d\d\s*년?\s*[~～–-]\s*$", s[max(0, m.start() - 8):m.start()]))


def _since(s: str, m: re.Match) -> bool:
    """A year named as the start of a run ("since 1956", "2014년 이후"), of an earlier
    record ("the previous record ... set in 2022") or as a comparison's base ("与2019年同期
    相比"), not the sentence's."""
    return bool(re.search(r"\bsince\b|\b(?:set|seen|recorded|posted)\s+(?:(?:in|during)\s+(?:the\s+)?)?$",
                          s[max(0, m.start() - 60):m.start()], re.IGNORECASE) or
                re.match(r"[^.,]{0,20}?(?:이후|이래|以来|以來|以降)", s[m.end():m.end() + 24]) or
                re.match(ko.RUN_FROM, s[m.end():m.end() + 24]) or
                re.match(ko.DECADE, s[m.end():m.end() + 4]) or
                _base_year(s, m))


def _base_year(s: str, m: re.Match) -> bool:
    """A year named as the base of a comparison ("与2019年同期相比", "比2019年", "compared
    with 2019"), not the period a sentence speaks of."""
    return bool(zh.BASE_YEAR_BEFORE.search(s[max(0, m.start() - 3):m.start()]) and
                not ja.RATIO_WORD_BEFORE.search(s[max(0, m.start() - 8):m.start()]) or
                zh.BASE_YEAR_AFTER.match(s[m.end():m.end() + 12]) or
                en.BASE_YEAR_BEFORE.search(s[max(0, m.start() - 50):m.start()]) or
                zh.SINCE_BEFORE.search(s[max(0, m.start() - 2):m.start()]) and
                zh.SINCE_AFTER.match(s[m.end():m.end() + 6]) or
                ja.BASE_AFTER.match(s, m.end()))


def _nearest_period(s: str, q: Quantity, published: str) -> str:
    """Of several periods a sentence names, the one nearest the number ("rose to $13.8 billion
    last year, ... 24.8 percent ..., down from a 25.1 percent share set in 2016")."""
    found = []
    for m in re.finditer(r"\b(?:in|for|during)\s+((?:19|20)\d\d)\b(?![-–]\d)|"
                         r"((?:19|20)\d\d)년(?!\s*\d{1,2}\s*월)",
                         s, re.IGNORECASE):
        if not _since(s, m):
            found.append((m.start(), m.end(), m.group(1) or m.group(2)))
    if published:
        for m in re.finditer(r"(?<!than )(?<!from )(?<!with )(?<!over )\blast year\b|"
                             r"(?:지난해|작년)(?!\s*(?:보다|대비|에 비해|같은|동기|동월|\d{1,2}월))",
                             s.lower()):
            if not en.LAST_YEAR_AS_BASE.search(s[:m.start()]):
                found.append((m.start(), m.end(), str(published_year(published) - 1)))
    periods = sorted({f[2] for f in found})
    if len(periods) < 2:
        return ""
    if re.match(r"\s*에서", s[q.end:q.end + 4]):
        return periods[0]  # "152억 달러에서 227억 달러까지": from the earlier ...
    if re.match(r"\s*(?:으로|로|까지)", s[q.end:q.end + 4]) and re.search(
            r"에서\s[^,.]*$", s[max(0, q.start - 60):q.start]):
        return periods[-1]  # ... to the later
    return min(found, key=lambda f: min(abs(f[0] - q.end), abs(q.start - f[1])))[2]


def _period_after(s: str, q: Quantity, period: str, published: str) -> str:
    """A period named right after a number ("0.41 in 2012", "$15.10 billion a year before")."""
    after = s[q.end:q.end + 60].lower()
    if PREVIOUS_AFTER.match(after) or zh.PREVIOUS_PAREN.search(s[max(0, q.start - 8):q.start]) \
            and _chinese(s):
        return _previous(period)  # "「3兆5064億円」だった前年同月", "年比(58.5%)"
    m = ja.WAS_PERIOD.match(after) or ja.PERIOD_OF.search(s[max(0, q.start - 12):q.start])
    if m:  # "同15・9%減だった9月", "18年12月の7.0%減": that month's
        return _period(m.group(1), 0, published)
    m = re.match(r"\s*\)?\s*,?\s*(?:(?:\w+\s+)?(?:set|seen|recorded|posted)\s+)?(?:in|for)\s+((?:19|20)\d\d)\b"
                 r"(?!\s*(?:-|–|to))", after)
    if m:
        return m.group(1)
    m = re.match(r"\s*\)?\s*,?\s*(?:(?:\w+\s+)?(?:set|seen|recorded|posted)\s+)?(?:in|for|during)\s+the\s+" +
                 en.HALF_OF_YEAR, after)
    if m:  # "the previous record of $85.3 billion set in the first six months of 2015"
        return f"{m.group(2)}-{HALVES[en.HALF_WORDS[m.group(1)]]}"
    month = _month_after(after, period, published)
    if month:
        return month
    m = re.match(r"\s*" + en.CHANGE_NOUN + r"in\s+", after)
    m = en.QUARTER_ENDING.match(after, m.end()) if m else None
    if m:  # "a 4.0 percent fall in the September 2023 quarter"
        return f"{m.group(2)}-Q{MONTHS[m.group(1)] // 3}"
    before = en.PERIOD_BEFORE_AFTER.match(after) if q.unit[:3].isupper() else None
    if before and re.fullmatch(r"\d{4}-" + (r"\d\d" if (before.group(1) or before.group(2)).lower()
                                            == "month" else r"Q\d"), period or ""):
        return period_before(period)  # "down from NZ$5.95 billion in the previous month"
    m = re.match(r"\s*\)?\s*,?\s*(?:in|for)\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b"
                 r"(?!\s*(?:-|–|to))", after)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"  # "$45.83 billion in February 2023"
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?:년?\s*\(\s*[$€£¥₩-]?|년)\s*$", s[max(0, q.start - 12):q.start])
    if m:
        month = re.search(r"\b(" + "|".join(MONTHS) + r")\s+$", s[max(0, q.start - 24):q.start - len(m.group(0))].lower())
        if month:  # "vis-a-vis April 2021 (USD 18.06 billion)": that month's
            return f"{m.group(1)}-{MONTHS[month.group(1)]:02d}"
        return m.group(1)  # "2014년(861억5천만달러)": that year's amount
    m = re.search(r"(?:(지난해|작년|올해|같은\s?해|(?:19|20)\d\d\s*년)\s*)?(?<![\d.])(\d{1,2})월\s*(\(\s*-?\s*)?$",
                  s[max(0, q.start - 12):q.start])
    if m and m.group(1) and m.group(1)[0].isdigit() and 1 <= int(m.group(2)) <= 12 and \
            (m.group(3) or q.unit[:3].isupper()):
        return f"{m.group(1)[:4]}-{int(m.group(2)):02d}"  # "2018년 11월(51억3000만달러)"
    if m and published and 1 <= int(m.group(2)) <= 12 and (m.group(3) or q.unit[:3].isupper()):
        # "작년 4월(13억6천만달러)", and a list of months each with its amount ("작년 11월
        # 70억8000만달러, 같은해 12월 47억7000만달러, 올해 1월 126억5000만달러"): that month's
        year, month = published_year(published), int(m.group(2))
        if m.group(1) in ("지난해", "작년") or not m.group(1) and month > int(published[5:7]):
            year -= 1
        if m.group(1) and m.group(1).startswith("같은"):  # the year of the month named before
            before = [x for x in re.finditer(r"(지난해|작년|올해)\s*\d{1,2}월", s[:q.start - 12])]
            if not before:
                return ""
            year = published_year(published) - (before[-1].group(1) != "올해")
        if f"{year}-{month:02d}" == period and re.match(r"\s*\)?\s*(?:보다|대비|에\s*비해)", after):
            year -= 1  # "작년 11월(75억달러)보다", of November: the November a year before
        return f"{year}-{month:02d}"
    level = q.unit[:3].isupper() or q.unit in ("", "ratio")
    if re.match(r"\s*\)?\s*,?\s*(?:(?:reported|recorded|posted|registered)\s+)?(?:a year (?:earlier|before|ago)|(?:in )?the (?:previous|prior) "
                r"year|the year (?:before|earlier)|(?:in|during) the (?:same|corresponding|like) "
                r"(?:month|period|quarter) (?:of )?(?:last year|a year (?:ago|earlier)|the previous "
                r"year|\d{4}))\b", after) or level and re.match(
                    r"\s*,?\s*(?:in\s+\w+\s+)(?:a year (?:earlier|before|ago))\b", after):
        return _previous(period)  # "¥434.5 billion in surplus a year before"
    if re.match(r"\s*\)?\s*,?\s*(?:aus dem|im|des) vorjahr(?:es)?\b", after):
        return _previous(period)  # "€ 213,6 Milliarden aus dem Vorjahr"
    if published and re.match(r"\s*\)?\s*,?\s*last year\b", after):
        return str(published_year(published) - 1)
    return ""


def _month_after(after: str, period: str, published: str) -> str:
    """A month named right after a number ("$57.7 billion in February", "in February 2018"):
    without its year, the latest such month not after the sentence's month (or, when the
    sentence speaks of no month, the publication's)."""
    m = re.match(r"\s*\)?\s*,?\s*" + en.FLOW_NOUN + en.CHANGE_NOUN + r"(?:(?:reported|recorded|posted)\s+)?(?:in|for|during)\s+(" +
                 "|".join(MONTHS) + r")\b(?:" + MONTH_YEAR + r")?(?!\s*\d)", after)
    if not m:
        return ""
    month = MONTHS[m.group(1)]
    if m.group(2):
        return f"{m.group(2)}-{month:02d}"
    ref = period if re.fullmatch(r"\d{4}-\d\d", period or "") else \
        published[:7] if re.match(r"\d{4}-\d\d", published or "") else ""
    if not ref:
        return ""
    year = int(ref[:4]) - (month > int(ref[5:7]))
    return f"{year}-{month:02d}"


# A half named without its year: the first (group 1) or the second
UNDATED_HALF = re.compile(r"(上半[期年]|상반기|\bfirst half\b)|下半[期年]|하반기|\bsecond half\b")
MONTH_WITHOUT_YEAR = re.compile(r"(?<![\d.－～~-])(\d{1,2})\s*[월月](?!\s*\d{1,2}\s*[일日])")  # 6月, 9월


# …named as a base ("상반기 대비", "上半年比", "compared with the first half"), or of the year
# before ("전년 상반기", "去年上半年", "the first half of last year")
HALF_COMPARED = re.compile(r"\s*(?:에?\s*대비|보다|에\s*비해|比|より|に比べ)")
HALF_BASE_BEFORE = re.compile(r"(?:전년|지난해|작년|去年|上年|前年|昨年)\s*(?:동기|同期)?\s*(?:의\s*)?$|"
                              r"\b(?:from|than|compared\s+(?:with|to)|over|since|versus|vs\.?|on)"
                              r"\s+(?:in\s+|during\s+)?(?:the\s+)?$")
HALF_YEAR_AFTER = re.compile(r"\s+of\s+(?:((?:19|20)\d\d)|last\s+year|the\s+(?:previous|prior|"
                             r"preceding)\s+year)")


def _half_of_number(s: str, at: int, period: str) -> str:
    """In a sentence of a half that names both halves of its year ("2024년 상반기 수출은 X였고,
    하반기 수출은 Y였다", "in the first half of 2024 … $X, and in the second half … $Y"), the
    half a number is of: the one named between the commas around it, or in Korean, Chinese
    and Japanese, which name a period before what is said of it, the one named last before
    it; "?" when the sentence does not say (English names a half after its amount too: "$X in
    the first half and $Y in the second"). A half named as a base, or of another year, is not
    counted; "" when the sentence names one half."""
    if not re.fullmatch(r"\d{4}-H[12]", period):
        return ""
    low = s.lower()
    named = [m for m in UNDATED_HALF.finditer(low) if _half_of_year(low, m, period[:4])]
    if len({bool(m.group(1)) for m in named}) < 2:
        return ""
    start = max((m.end() for m in re.finditer(r"[,;，；、]", s[:at])), default=0)
    stop = next((at + m.start() for m in re.finditer(r"[,;，；、]", s[at:])), len(s))
    own = {bool(m.group(1)) for m in named if start <= m.start() < stop}
    before = [m for m in named if m.end() <= at]
    if len(own) == 1:
        first = own.pop()
    elif before and not any(m.group(0)[0].isascii() for m in named):
        first = bool(before[-1].group(1))
    else:
        return "?"
    return f"{period[:4]}-{'H1' if first else 'H2'}"


def _half_of_year(low: str, m: re.Match, year: str) -> bool:
    """Whether a half a sentence names is one of `year` it speaks of: not a base, not of
    another year ("2023년 하반기", "the second half of 2023", "of last year")."""
    if HALF_COMPARED.match(low, m.end()) or \
            HALF_BASE_BEFORE.search(low[max(0, m.start() - 24):m.start()]):
        return False
    after = HALF_YEAR_AFTER.match(low, m.end())
    if after:
        return after.group(1) == year
    before = re.search(r"((?:19|20)\d\d)\s*[년年]\s*$", low[max(0, m.start() - 8):m.start()])
    return not before or before.group(1) == year


def _unnamed_parts(s: str, low: str, lang: str) -> set[str]:
    """The halves and months a sentence names without their year ({"H1", "06"}): in a text
    whose year is unnamed, a sentence naming more than one does not say which number is of
    which."""
    if lang == "de":
        return de.unnamed_parts(low)
    found = {"H1" if m.group(1) else "H2" for m in UNDATED_HALF.finditer(low)}
    found |= {f"{MONTHS[m.group(1)]:02d}" for m in re.finditer(
        r"\b(?:in|for|during)\s+(?:the month of\s+)?(" + "|".join(MONTHS) + r")\b(?!\s+\d)", low)
        if not re.search(en.BASE_BEFORE, low[max(0, m.start() - 60):m.start()])}
    found |= {f"{int(m.group(1)):02d}" for m in MONTH_WITHOUT_YEAR.finditer(s)
              if not _since(s, m) and 1 <= int(m.group(1)) <= 12}
    return found
ITEM_CUE = re.compile(r"\b(?:items?|products?|categor(?:y|ies)|sectors?|commodit(?:y|ies)|"
                      r"followed by)\b|품목|제품|부문|업종", re.IGNORECASE)


def _alternatives(period_how: str, period: str, segment_how: str, segment: str,
                  flow_how: str, flow: str, flows: list[Mention], periods: list[str],
                  sentence: str = "") -> str:
    """Other plausible readings of what was carried or defaulted, for the audit to try."""
    alt = []
    if period_how not in ("stated", "inherited"):
        others = [p for p in dict.fromkeys(periods) if p != period][:3]
        if others:
            alt.append("period=" + "|".join(others))
    if segment_how == "carried" and segment != "total":
        alt.append("segment=total")
    elif segment_how == "defaulted" and ITEM_CUE.search(sentence):
        alt.append("segment=item=unnamed")  # "the second-largest export item, ... 50.6 trillion"
    if flow_how != "stated":
        others = [m.key for m in flows if m.key != flow]
        if others:
            alt.append("flow=" + "|".join(dict.fromkeys(others)))
    return ";".join(alt)


BY_DIMENSION = re.compile(r"\s*(?:by (?:region|country|countries|market|item|items|product|products|"
                          r"industry|sector|type)\b|(?:지역|국가|품목|업종|산업|시장)별|"
                          r"(?:品目|国|地域|分野|商品)別)", re.IGNORECASE)
SAME_PERIOD = re.compile(r"\b(?:in|during|for) (?:the|that) (?:same )?(?:month|quarter|year|period)\b|"
                         r"\bunder review\b|"
                         r"\bthat (?:month|quarter|year)\b|이달|당월|같은 달|같은 기간|동기간",
                         re.IGNORECASE)
HANGUL = re.compile(r"[가-힣]")
KANA = re.compile(r"[\u3040-\u30ff]")
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
ON_PREVIOUS_WHY = "a growth rate on the previous month or quarter, not on the year before"
ON_PREVIOUS = re.compile(de.ON_PREVIOUS + r"|环比|環比|\bmonth[- ]on[- ]month\b|\bquarter[- ]on[- ]quarter\b|\bm/m\b|"
                         r"전월\s*대비|전분기\s*대비|前月比|前期比|比上月|比一季度|from the previous "
                         r"(?:month|quarter)|\bon the (?:previous )?month\b", re.IGNORECASE)
BY_ITEM = re.compile(r"品目(?:別)?では|품목별로는|품목별로")
COUNT_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:economies|countries|nations|companies|firms|items|"
                         r"products|markets|members|consecutive|straight)\b", re.IGNORECASE)
SHARE_IN_OTHER = re.compile(r"\bshare of (?:\w+\s+){0,2}(?:exports|imports)\s+in\s+(?!total\b)(?:\w+\s+)?"
                            r"(?!exports|imports|trade)\w+", re.IGNORECASE)
UNDATED_PERIOD = "?"  # carried: the text spoke of a period it did not date


def _sentence_period(s: str, own: str, state: _State, main_year: int) -> tuple[str, str]:
    """The period a sentence speaks of and how it was read: its own, the one carried from the
    sentences before (none if they spoke of one they did not date), or the main year."""
    if own:
        return own, "stated"
    if state.unnamed and len(_unnamed_parts(s, s.lower(), state.lang)) > 1:
        return "", "undated"  # "上半年 X, 下半年 Y" of the unnamed year: which is which?
    if zh.FULL_YEAR_WORD in s and state.period[:4].isdigit() and _chinese(s):
        return state.period[:4], "inherited"  # "全年出口…": the year of the month before
    months = zh.months_period(s, *state.release)
    if months:  # "6月當月," in a release of 2015年1-6月: the release's one year
        return months, "inherited"
    if de.THEN.match(s) and state.last_year:
        return state.last_year, "carried"  # "Damals ...", "당시": the last year named before
    if state.lang == "de" and state.main_period[5:].isdigit() and \
            de.undated_month(s) == int(state.main_period[5:]):
        return state.main_period, "carried"  # "im September" in a text of September 2010
    if _undated(s, state.published) or state.lang == "de" and de.undated(s) or \
            not state.published and _chinese(s) and re.search(zh.LAST_YEAR, s):
        return "", "undated"  # "last month", "9월" with no date to count from: unknown
    if not state.published and LAST_YEAR.search(s):
        if state.main_year_tied or main_year in (0, UNNAMED_YEAR):
            return "", "undated"  # "지난해 X ... 2019년 Y, 2016년 Z": which? (none named: from when?)
        return str(main_year), "defaulted"  # "지난해" undated: the year the text is about
    if en.UNDER_REVIEW.search(s) or state.lang == "de" and de.THE_MONTH.search(s):
        month = next((p for p in state.own_periods.values() if re.fullmatch(r"\d{4}-\d\d", p)),
                     "")
        if month:  # "during the month under review": the month the text first dated
            return month, "inherited"
    if state.period == UNDATED_PERIOD:
        return "", "undated"
    if state.period and state.several_years and SAME_PERIOD.search(s) and not state.published:
        return "", "undated"  # "같은 기간" after "2012년 X ... 지난해 Y": which period is unsaid
    if state.period and state.period == state.reference:
        return state.period, "inherited"  # the period the release declares its own
    if state.period and state.period_defaulted:
        return state.period, "defaulted"  # carried on, but never named: still the default
    if state.period:
        # The paragraph named it, or the sentence points back to it ("in the month"): its
        # sentences speak of it. From an earlier paragraph, unannounced: a guess.
        return state.period, "inherited" if (state.dated_here or SAME_PERIOD.search(s)) and \
            not state.several_years else "carried"
    if state.main_period and str(main_year) == state.main_period[:4]:
        return state.main_period, "defaulted"
    return (str(main_year), "defaulted") if main_year else ("", "defaulted")


def _undated(s: str, published: str) -> bool:
    """Whether a sentence names a period it does not date: "last month", "9월" without a
    publication date. A month dated by the publication that is only a base ("up from £5.9
    billion in September", "following the deficit in November") leaves the sentence the
    period carried."""
    text = ko.EARLIER_CLAUSE.sub(" ", s)
    text = ja.without_bases(text) if KANA.search(s) else text  # (より, と比べ: bases)
    return any(not (published and re.search(en.BASE_BEFORE, text[max(0, m.start() - 60):m.start()],
                                            re.IGNORECASE))
               for m in UNDATED.finditer(text))


def _direction(s: str, q: Quantity, clause_start: int) -> tuple[bool, bool]:
    """Whether the words around a number say it went down or up: the nearest cue before it in
    its clause, a cue right after it ("a 16.0% increase"), or the last cue earlier in the
    sentence ("a larger increase in exports (23.9%) compared to imports (16.3%)")."""
    after = s[q.end:q.end + 60].lower()
    m = re.match(r"(?:\s*(?:,|및|and|·)\s*[-\d.,]+\s*%)*(?:\s*\([^()]{1,30}\))?\s*(?:\w+\s+)?(" + UP + "|"
                 + DOWN + r")(?![a-z])", after)  # (and "12.7%(42억7000만달러) 늘었다")
    if m and not re.match(r"\s*(?:to|from|in)\b", after):
        return bool(re.fullmatch(DOWN, m.group(1))), bool(re.fullmatch(UP, m.group(1)))
    degree = ko.DEGREE_THEN.match(s, q.end) if HANGUL.search(s) else None
    if degree:  # "24.4% 큰 폭으로 줄었다"
        return bool(re.fullmatch(DOWN, degree.group(1))), bool(re.fullmatch(UP, degree.group(1)))
    gap = ko.GAPPED.match(s[q.end:q.end + 90]) if HANGUL.search(s) else None
    if gap and not re.search(UP + "|" + DOWN, gap.group(1)):
        # "음료 수출액(…)은 11.5%, 쌀가공식품 수출액(…)은 18.9% 늘었다": the verb said once
        return bool(re.fullmatch(DOWN, gap.group(2))), bool(re.fullmatch(UP, gap.group(2)))
    for lo in (clause_start, 0):
        # (not \b: between two CJK characters there is none, as in 同比下降)
        cues = list(re.finditer(r"(?<![a-z])(" + UP + "|" + DOWN + r")(?![a-z])", s[lo:q.start].lower()))
        if cues:
            word = cues[-1].group(1)
            return bool(re.fullmatch(DOWN, word)), bool(re.fullmatch(UP, word))
    return False, False


RANK_CUE = re.compile(r"(?:the\s+)?" + en.ORDINAL_BEFORE + r"\b(?:largest|biggest|highest|top|ranked first|first place)\b|"
                      r"(?:가장\s*큰|최대)(?=\s*(?:무역\s*)?(?:수출입|수출|수입|교역|흑자|적자)\s*(?:대상\s*)?(?:국|시장|상대국|"
                      r"품목))|1위",
                      re.IGNORECASE)


def _ranks_of_sentence(s, flows, segs, seg_of, sentence_segment, period, carried_flow,
                       parts=()):
    """Rank claims ("the largest surplus", "ranked first the previous year") as rank 1.
    `parts`: (end, segment, flow) of the parts' amounts read in the sentence, for "반도체가
    939억달러로 1위를 차지"."""
    out = []
    low = s.lower()
    for m in RANK_CUE.finditer(s):
        word = m.group(0).lower()
        part = _ranked_part(s, m, segs, seg_of, parts)
        if part:
            out.append({"period": period, "segment": part[0], "flow": part[1] or (
                        [f.key for f in flows if f.end <= m.start()] or [carried_flow])[-1],
                        "stat": "rank", "value": "1", "unit": "rank",
                        "base": part[0].split(";")[-1].split("=")[0], "qualifier": "",
                        "quote": word, "reading": "period=stated;segment=stated;flow=stated",
                        "alternatives": "", "_span": (m.start(), m.end())})
            continue
        if re.search(r"highest (?:figures? )?ever|all-time", low[m.start():m.end() + 15]):
            continue
        after = low[m.end():m.end() + 60]
        if re.match(r"\s+(?:in scale|possible)", after) or \
                word.endswith("top") and en.TOP_GROUP.match(after):
            continue  # (the top five sources: a group, no rank)
        if re.search(r"역대|사상|one of\s*(?:the\s*)?$", low[max(0, m.start() - 12):m.start()]) or \
                re.match(r"\s*(?:\w+\s+){0,3}(?:since|ever|on record)\b", after):
            continue  # a record against other years ("the largest since 1956"), not a rank
        # The flow the claim ranks: named right after the cue, else the one in force.
        named = [f for f in flows if 0 <= f.start - m.end() <= 40 and
                 not re.search(r"[,;.(\d]", s[m.end():f.start])]  # (not "중국(수출 …": the part's)
        if re.match(en.TRADING_PARTNER, after) or ko.TRADE_BOTH_WAYS.match(s, m.end()):
            named = [Mention(m.end(), m.end(), "volume")]  # "the top trading partner", "최대 수출입 대상국"
        elif re.match(r"\s*share", after) or not named:
            before = [f for f in flows if f.end <= m.start()]
            named = [before[-1]] if before else ([] if not carried_flow else
                                                 [type("F", (), {"key": carried_flow})()])
        if not named:
            continue
        if all(f.key == "balance" for f in named) and \
                re.search(r"적자|deficit", low[max(0, m.start() - 8):m.end() + 25]):
            continue  # "무역적자국 1위", "the largest deficit": a rank of the deficit, not the balance
        a = max([0] + [c.start() for c in CLAUSE_BREAK.finditer(s) if c.start() < m.start()])
        if re.match(r",?\s*(becoming|making)", s[a:a + 14].lower()) and segs:
            seg = seg_of[segs[0].start]
        else:
            before = [g for g in segs if g.end <= m.start()]
            seg = seg_of[before[-1].start] if before else sentence_segment
            named_after = [g for g in segs if g.start > m.end() and ko.RANK_SUBJECT_AFTER.fullmatch(
                s[m.end():g.start])]
            if named_after:  # "최대 무역흑자 국가는 홍콩": the part the ranked noun is
                seg = seg_of[named_after[0].start]
        if ko.RANK_GONE.match(s[m.end():]) or ko.SPAN_OF_YEARS.search(s[a:m.start()]):
            continue  # "최대 수출국이었지만 …", "10년간 1위를 차지한": a rank held at other times
        earlier = ko.RANK_EARLIER.match(s[m.end():])
        if earlier:  # "2020년도 1위였던 정보·통신 산업": the part named after, an earlier year
            later = [g for g in segs if g.start >= m.end()]
            if not later:
                continue
            seg = seg_of[later[0].start]
        if seg == "total":
            continue
        p = period
        if earlier:
            y = re.search(r"((?:19|20)\d\d)\s*년?\s*도?\s*$", s[max(0, m.start() - 10):m.start()])
            p = y.group(1) if y else _previous(period)
        if re.search(r"previous year|전년", low[m.end():m.end() + 50]) and not re.search(
                r"\d", low[m.end():m.end() + 50].split("previous year")[0]):
            p = _previous(period)
        dim = seg.split(";")[-1].split("=")[0]
        for f in {f.key: f for f in named}.values():
            out.append({"period": p, "segment": seg, "flow": f.key, "stat": "rank",
                        "value": "1", "unit": "rank", "base": dim, "qualifier": "",
                        "quote": word, "reading": "period=stated;segment=stated;flow=stated",
                        "alternatives": "", "_span": (m.start(), m.end())})
    return out


def _ranked_part(s, m, segs, seg_of, parts) -> tuple[str, str] | None:
    """The part a Korean "1위" ranks when no known part comes before it: the one named right
    after ("수출 1위 품목은 반도체", "품목 1위 '반도체'"), else the part whose amount comes right
    before it in its clause ("반도체가 939억3500만달러로 1위를 차지"): (segment, flow or "")."""
    if m.group(0) != "1위" or any(g.end <= m.start() for g in segs):
        return None
    named = ko.RANK_NAMED_AFTER.match(s, m.end())
    if named and named.group(1) not in NOT_SEGMENT and not KO_NOT_NOUN.search(named.group(1)):
        known = [g for g in segs if g.start == named.start(1)]
        return (seg_of[known[0].start] if known else f"item={named.group(1)}"), ""
    before = [p for p in parts if p[0] <= m.start() and not re.search(r"[.,]|다\s", s[p[0]:m.start()])]
    return (before[-1][1], before[-1][2]) if before else None


def _combine(carried: str, new: str) -> str:
    """A segment named inside another's context narrows it (ICT, then its SMEs)."""
    if not carried:
        return new
    dims = {p.split("=")[0]: p for p in carried.split(";")}
    nd = new.split("=")[0]
    if nd in dims:
        return new
    return ";".join(sorted(list(dims.values()) + [new]))


QUOTED = re.compile(r"[‘“「『][^’”」』]{1,80}[’”」』]|'[^'\n]{1,80}'")


def _period(s: str, main_year: int, published: str = "", lang: str = "", unnamed: int = 0) -> str:
    """The period a sentence speaks of: a half, quarter, month or year it names (a month
    without its year, "last month" and "last year" dated by `published`; a half or month
    without its year and 今年 in the `unnamed` year, when the text's year is unnamed and no
    date is given), else the document's main year. Titles in quotes ('2018년 12월 국제수지')
    name a publication, not a period."""
    s = ja.western_years(s) if "年" in s else s
    s = QUOTED.sub(lambda m: m.group(0) if ja.ACCORDING_AFTER.match(s, m.end()) else
                   " " * len(m.group(0)), s)
    s = ja.without_bases(s) if KANA.search(s) else s
    s = ko.EARLIER_CLAUSE.sub(lambda m: " " * len(m.group(0)), s)
    low = s.lower()
    if unnamed and not published and len(_unnamed_parts(s, low, lang)) > 1:
        return ""  # "上半年 X, 下半年 Y" in no year: which number is of which (_sentence_period)
    if lang == "de":
        return de.period(s, published, unnamed) or (str(main_year) if main_year else "")
    return (_half_or_quarter(s, low, published, unnamed) or
            _named_month(s, low, published, unnamed) or
            _named_year(s, low, published, unnamed) or (str(main_year) if main_year else ""))


MONTH_YEAR = r"(?:,|\s+of)?\s+((?:19|20)\d\d)"  # after a month: June 2025, September of 2014


def _half_or_quarter(s: str, low: str, published: str, unnamed: int = 0) -> str:
    """A half or quarter a sentence names: the first half of 2024, 2024년 상반기, 2015年1-6月,
    the second quarter of 2025, Q2 2025, 2025년 2분기; 上半年 dated by publication."""
    m = next((x for x in re.finditer(en.HALF_OF_YEAR, low) if not _since(low, x)), None)
    if m:  # (not "for the first time since the first half of 2013", "set in ...")
        return f"{m.group(2)}-{HALVES[en.HALF_WORDS[m.group(1)]]}"
    if re.search(en.HALF_OF_YEAR, low):
        return ""  # only a half named as the start of a run or an earlier record
    m = re.search(r"((?:19|20)\d\d)년\s*(상반기|하반기)", s)
    if m:
        return f"{m.group(1)}-{HALVES[m.group(2)]}"
    m = next((x for x in en.QUARTER_ENDING.finditer(s) if not re.search(
        en.BASE_BEFORE, low[max(0, x.start() - 60):x.start()])), None)
    if m and not re.search(r"(first|second|third|fourth) quarter of ((?:19|20)\d\d)", low):
        return f"{m.group(2)}-Q{MONTHS[m.group(1).lower()] // 3}"  # "the September 2023 quarter"
    m = re.search(r"(first|second|third|fourth) quarter of ((?:19|20)\d\d)|\bq([1-4])\s+"
                  r"((?:19|20)\d\d)|((?:19|20)\d\d)년\s*([1-4])분기", low)
    if m:
        if m.group(1):
            return f"{m.group(2)}-{QUARTERS[m.group(1)]}"
        if m.group(3):
            return f"{m.group(4)}-Q{m.group(3)}"
        return f"{m.group(5)}-Q{m.group(6)}"
    m = re.search(r"\b(" + "|".join(MONTHS) + r")" + MONTH_YEAR, low)
    if m:  # (a month with its year comes before a half named in the same sentence)
        return ""
    m = re.search(r"((?:19|20)\d\d)\s*[년年]\s*1\s*[-－～~]\s*6\s*[월月]|((?:19|20)\d\d)\s*年\s*上半[期年]",
                  s)
    if m:
        return f"{m.group(1) or m.group(2)}-H1"  # 2015年1-6月, 2011年上半年
    if published and re.search(r"上半[期年]|상반기|\bfirst half\b", s) and int(published[5:7]) > 6:
        return f"{published[:4]}-H1"  # 上半年 in a release of the second half
    m = UNDATED_HALF.search(low) if unnamed and not published else None
    if m:  # 今年上半年, 下半年 of a text whose year is unnamed
        return f"{unnamed}-{'H1' if m.group(1) else 'H2'}"
    return ja.quarter_of_months(s, published)


def _named_month(s: str, low: str, published: str, unnamed: int = 0) -> str:
    """A month a sentence names: June 2025, 2023년 10월, 2023年10月, ’23년 4월 (’23.4월), or one
    without its year dated by publication; not one named as a base ("after a decline of 41.1
    per cent in June 2018")."""
    m = next((x for x in re.finditer(r"\b(" + "|".join(MONTHS) + r")" + MONTH_YEAR, low)
              if not re.search(en.BASE_BEFORE, low[max(0, x.start() - 60):x.start()]) and
              not re.search(r"\bsince\s+$", low[max(0, x.start() - 8):x.start()])), None)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    m = next((x for x in re.finditer(r"((?:19|20)\d\d)\s*[년年]\s*(\d{1,2})\s*[월月](?!\s*\d{1,2}\s*[일日])",
                                     s) if not _since(s, x) and
              not ko.COMPARED_AFTER.match(s, x.end())), None)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.search(r"[’'‘](\d\d)(?:년\s*|\.\s*)(\d{1,2})월", s)
    if m:
        return f"20{m.group(1)}-{int(m.group(2)):02d}"  # ’23년 4월, ’23.4월
    return _month_of(s, low, published, unnamed)


def _named_year(s: str, low: str, published: str, unnamed: int = 0) -> str:
    """A year a sentence names (not a 'since' year, not a fiscal 2015-16), or last year and
    the year before last dated by publication."""
    for m in re.finditer(r"\b(?:in|for|during)\s+(?:" + en.WHOLE_YEAR + r")?((?:19|20)\d\d)\b(?![-–/]\d)|"
                         r"((?:19|20)\d\d)\s*[년年]", s, re.IGNORECASE):
        month = re.match(r"\s*\d{1,2}\s*월", s[m.end():])
        if month and ko.COMPARED_AFTER.match(s, m.end() + month.end()):
            continue  # "2018년 11월(51억3000만달러) 대비로는": that month is a base
        if not _since(s, m):
            return m.group(1) or m.group(2)  # "the largest since ... in 1956" dates no figure
    if published and re.search(r"재작년|\bthe year before last\b", low):
        return str(published_year(published) - 2)
    if published and re.search(zh.THIS_YEAR, s):
        return str(published_year(published))  # 今年: the year of publication
    if unnamed and not published and re.search(zh.THIS_YEAR, s):
        return str(unnamed)  # ... or the year the text does not name
    if published and re.search(zh.LAST_YEAR, s) and _chinese(s):
        return str(published_year(published) - 1)  # 去年
    if published and any(not en.LAST_YEAR_AS_BASE.search(low[:m.start()]) for m in re.finditer(
            r"(?<!than )(?<!from )(?<!with )(?<!over )\blast year\b|"
            r"(?<!재)(?:지난해|작년)(?!\s*(?:보다|대비|에 비해|같은|동기|동월|\d{1,2}월))", low)):
        return str(published_year(published) - 1)
    return ""


def _month_of(s: str, low: str, published: str, unnamed: int = 0) -> str:
    """A month named without its year ("in November", "9월", "last month"), dated by the
    publication: the latest such month not after it. In a text whose year is unnamed and
    that has no date, a month of that year; "last month" then stays undated."""
    dated = bool(published) and bool(re.match(r"\d{4}-\d\d", published))
    if not dated and not unnamed:
        return ""
    year, now = (int(published[:4]), int(published[5:7])) if dated else (unnamed, 12)
    m = next((x for x in re.finditer(r"\b(?:in|for|during)\s+(?:the month of\s+)?(" +
                                     "|".join(MONTHS) + r")\b(?!\s+\d)|\b(" + "|".join(MONTHS) +
                                     r")(?:'s|’s)\s", low)
              if not re.search(en.BASE_BEFORE, low[max(0, x.start() - 60):x.start()])), None)
    # (not "up from £5.9 billion in September": a base, not the sentence's month)
    k = next((x for x in MONTH_WITHOUT_YEAR.finditer(s) if not _since(s, x)), None)
    last = bool(k) and re.search(r"(?:지난해|작년)\s*$|" + ja.LAST_YEAR_BEFORE, s[:k.start()])
    if not dated and (last or re.search(r"\blast month\b|" + LAST_MONTH, low)):
        return ""  # counted from a date the text does not give
    if re.search(r"\blast month\b|" + LAST_MONTH, low):
        month = now - 1
    elif m:
        month = MONTHS[m.group(1) or m.group(2)]  # ("September's result": September's)
    elif k and 1 <= int(k.group(1)) <= 12:
        month = int(k.group(1))
    else:
        return ""
    if month < 1:
        month += 12
        year -= 1
    elif month > now or last and not m:
        year -= 1  # a month after the publication's, or 지난해 2월: last year's
    return f"{year}-{month:02d}"


def _previous(period: str) -> str:
    return str(int(period[:4]) - 1) + period[4:] if period else period


def _span_start(s: str, main_year: int, span: re.Match | None) -> int:
    if span and main_year:
        return main_year - int(span.group(1))
    m = re.search(r"(?:since|from|than in|compared with)\s+((?:19|20)\d\d)", s)
    return int(m.group(1)) if m else 0


def _unread(reading: Reading, q: Quantity, at: int, line: int, reason: str) -> dict:
    return {"path": reading.path, "line": line, "start": at + q.start, "end": at + q.end,
            "text": q.text, "reason": reason}


def _add(reading: Reading, fig: dict, q: Quantity | None, at: int, line: int, s: str) -> None:
    start, end = (q.start, q.end) if q else fig.pop("_span")
    fig.pop("_span", None)
    n = len(reading.figures) + 1
    name = reading.path.rsplit("/", 1)[-1]
    reading.figures.append({
        "id": f"{name.rsplit('.', 1)[0]}:{line}:{n}", **fig,
        "source": f"{name}:{line}", "sentence": s.strip(), "span_path": reading.path,
        "span_start": at + start, "span_end": at + end})


def figure_table(readings: list[Reading]) -> pd.DataFrame:
    """Contract-1 rows for all readings (extra provenance columns carried along)."""
    cols = ["id", "period", "segment", "flow", "stat", "value", "unit", "base", "qualifier",
            "source", "quote", "sentence", "span_path", "span_start", "span_end", "reading",
            "alternatives"]
    rows = [f for r in readings for f in r.figures]
    return pd.DataFrame(rows, columns=cols).astype({"span_start": "Int64", "span_end": "Int64"})


def keep_flows(reading: Reading, flows: frozenset[str], rules: str) -> Reading:
    """The reading with only the figures of flows the rules know; the others are listed as
    not interpreted, saying which flow the words named and what the rules know instead."""
    on_flow = with_base("flow")
    kept = []
    for fig in reading.figures:
        other = fig.get("base", "") if fig.get("stat") in on_flow else ""
        unknown = next((f for f in (fig["flow"], other) if f and f not in flows), "")
        if not unknown:
            kept.append({**fig, "alternatives": _known_alternatives(fig.get("alternatives", ""),
                                                                    flows)})
            continue
        line = int(fig["source"].rsplit(":", 1)[1])
        reading.unread.append({
            "path": reading.path, "line": line, "start": fig["span_start"],
            "end": fig["span_end"], "text": fig.get("quote") or fig["value"],
            "reason": f"a figure of {unknown}; the rules {rules} know "
                      f"{', '.join(sorted(flows))}"})
    reading.figures = kept
    reading.unread.sort(key=lambda u: (u["line"], u["start"]))
    return reading


def _known_alternatives(text: str, flows: frozenset[str]) -> str:
    """A figure's other readings ("period=2023|2022;flow=imports|volume") without the flows
    the rules do not know: re-reading never tries a figure the rules would refuse."""
    parts = []
    for part in filter(None, text.split(";")):
        attr, _, values = part.partition("=")
        if attr == "flow":
            values = "|".join(v for v in values.split("|") if v in flows)
        if values:
            parts.append(f"{attr}={values}")
    return ";".join(parts)

