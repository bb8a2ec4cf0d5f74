"""What a published table's words say: periods, units, stats and total rows in its headings."""

from __future__ import annotations

import re
import unicodedata

MONTHS = {m: i for i, ms in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in ms}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DASH = r"\s*[-–—~∼〜～]\s*"
_YEAR = r"((?:19|20)\d\d)"

# A span of months (first, last) that is a contract period; others are year-to-date sums.
_SPANS = {(1, 12): "", (1, 3): "-Q1", (4, 6): "-Q2", (7, 9): "-Q3", (10, 12): "-Q4",
          (1, 6): "-H1", (7, 12): "-H2"}

# Headings that name the same period one year earlier ("전년 동기", "same period last year").
PREVIOUS = re.compile(r"전년\s*동[기월]|전년도?(?!\s*(?:대비|비|동기\s*대비))|前年同期|"
                      r"same (?:period|month|quarter) (?:of )?(?:the )?(?:last|previous|prior) "
                      r"year|previous year|prior year|a year earlier", re.IGNORECASE)

# Stats named by heading words; growth before change ("증감률" holds "증감").
STAT_WORDS = (
    ("growth_pct", (r"\by-?o-?y\b|year[- ]on[- ]year|\bgrowth|%\s*change|\bchange\s*\(%\)|"
                    r"percent(?:age)? change|increase rate|증감률|증가율|전년\s*(?:동기\s*)?"
                    r"(?:대비|비)|전년비|前年(?:同期)?比|伸び率|增长|增速|同比")),
    ("share_pct", (r"\bshares?\b|%\s*of total|percent of total|비중|구성비|점유율|構成比|シェア|"
                   r"占比|比重")),
    ("change", r"\bchange\b|\bdifference\b|\bincrease\b|증감액|증감|차이|増減|增减"),
    ("level", r"\bamount\b|\bvalue\b|\blevel\b|금액|액수|金額|金额"),
    ("rank", r"\brank|순위|順位|位次"),
)
# A change on the previous period (not a year earlier): growth only where the period is a year.
POP = re.compile(r"period[- ]to[- ]period|month[- ]on[- ]month|quarter[- ]on[- ]quarter|\bm/m\b|"
                 r"\bq/q\b|전월\s*대비|전기\s*대비|전분기\s*대비|前月比|前期比|环比", re.IGNORECASE)

_TOTALS = {"total", "all", "grand total", "world", "total, all", "all countries", "all partners",
           "all products", "all commodities", "all industries", "합계", "계", "총계", "전체", "총액",
           "합", "총", "全体", "전체산업", "전산업", "산업 전체", "合計", "総計", "総額", "合计", "总计", "总值", "總計"}
_SUBTOTALS = {"subtotal", "sub-total", "소계", "小計", "小计"}
_RESIDUALS = {"others", "other", "rest of world", "rest of the world", "other countries",
              "기타", "그 외", "その他", "其他"}
_OF_WHICH = re.compile(r"^\s*(?:of which|o/w|incl(?:uding|\.)|그\s*중|\(그\s*중\)|その内|うち|"
                       r"其中)\s*[:：,]?\s*", re.IGNORECASE)
_NOTE = re.compile(r"(?:\s*(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=\s)\(\d\)|(?<=\s)\d\)|†|‡))+$")


def clean(text: str) -> str:
    """A heading or label in one spacing, NFKC-normalized (full-width digits, ㈜ ...);
    Hangul syllables spaced out for alignment ("수 출", "구 분") joined."""
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return t.replace(" ", "") if re.fullmatch(r"[가-힣](?: [가-힣])+", t) else t


def strip_note(text: str) -> tuple[str, str]:
    """A label without its footnote markers ("Exports¹", "China 1)"), and the markers."""
    m = _NOTE.search(text)
    if m and m.start() > 0:
        return text[:m.start()].rstrip(), m.group(0).strip()
    return text, ""


def period_of(text: str) -> tuple[str, str]:
    """The contract period a heading names ("2024", "2024.1-6" -> 2024-H1, "Jan–Jun 2025",
    "2024年", "2025년 6월"), or ("", reason) when it names a span that is no contract period
    (year to date); ("", "") when it names none."""
    t = re.sub(r"[‘’'`]\s*(\d\d)(?!\d)", r"20\1", clean(text).lower())  # ’23.4월
    t = re.sub(r"\b(" + _MONTH[1:-4] + r")\.?[\s-]+(\d\d)\b(?![\d.,])", r"\1 20\2", t)  # Sep 18
    for finder in (_months_span, _quarter_or_half, _month, _year):
        period, reason = finder(t)
        if period or reason:
            return period, reason
    return "", ""


def _span(year: str, first: int, last: int, text: str) -> tuple[str, str]:
    suffix = _SPANS.get((first, last))
    if suffix is None:
        return "", (f"months {first}-{last} of {year} ({text.strip()}) are not a contract "
                    "period (a month, quarter, half or year)")
    return year + suffix, ""


def _months_span(t: str) -> tuple[str, str]:
    m = re.search(_YEAR + r"\s*(?:[.년/-]|年)\s*(\d{1,2})\s*[월月]?" + _DASH + r"(\d{1,2})\s*"
                  r"[월月]?(?!\d)", t)
    if m:
        return _span(m.group(1), int(m.group(2)), int(m.group(3)), m.group(0))
    m = re.search(_MONTH + _DASH + _MONTH + r",?\s*" + _YEAR, t)
    if m:
        return _span(m.group(3), MONTHS[m.group(1)[:3]], MONTHS[m.group(2)[:3]], m.group(0))
    m = re.search(r"(\d{1,2})\s*[~-]\s*(\d{1,2})\s*[월月]", t)
    if m and (y := re.search(_YEAR, t)):
        return _span(y.group(1), int(m.group(1)), int(m.group(2)), m.group(0))
    return "", ""


def _quarter_or_half(t: str) -> tuple[str, str]:
    y = re.search(_YEAR, t)
    if not y:
        return "", ""
    q = re.search(r"\bq([1-4])\b|\b([1-4])q\b|([1-4])\s*(?:분기|四半期)|(?:第)?([1-4])季度|"
                  r"\b([1-4])(?:st|nd|rd|th) quarter", t)
    if q:
        return f"{y.group(1)}-Q{next(g for g in q.groups() if g)}", ""
    h = re.search(r"\bh([12])\b|\b([12])h\b|(상|하)반기|(上|下)半期|(上|下)半年|"
                  r"\b(first|second) half", t)
    if h:
        word = next(g for g in h.groups() if g)
        return f"{y.group(1)}-H{1 if word in ('1', '상', '上', 'first') else 2}", ""
    return "", ""


def _month(t: str) -> tuple[str, str]:
    m = re.search(r"(?<![\d.])(\d{1,2})\s*[./]\s*" + _YEAR + r"(?![\d.])", t)  # 10.2019
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}", ""
    m = re.search(_YEAR + r"\s*(?:[./-]|년|年)\s*(\d{1,2})\s*(?:월|月)?(?![\d.])", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}", ""
    m = re.search(_MONTH + r",?\s*" + _YEAR, t) or re.search(_YEAR + r"\s+" + _MONTH, t)
    if m:
        word, year = (m.group(1), m.group(2)) if m.group(1)[0].isalpha() else (
            m.group(2), m.group(1))
        return f"{year}-{MONTHS[word[:3]]:02d}", ""
    return "", ""


def year_pair(text: str) -> str:
    """The later year of two consecutive ones a change compares ("2015-16", "2015–2016")."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)\s*[-–/~]\s*(\d{2}|\d{4})(?![\d.])", clean(text))
    if not m:
        return ""
    first, second = int(m.group(1)), int(m.group(2))
    second += first // 100 * 100 if second < 100 else 0
    return str(second) if second == first + 1 else ""


def _year(t: str) -> tuple[str, str]:
    if re.search(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*\d{2}(?![\d.])", t):
        return "", f"names a span of years ({t.strip()})"
    years = set(re.findall(r"(?<![\d.])((?:19|20)\d\d)(?![\d.,])", t))
    if len(years) == 1:
        return years.pop(), ""
    if len(years) > 1:
        return "", f"names several years ({', '.join(sorted(years))})"
    return "", ""


_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def month_heading(text: str, period: str) -> tuple[str, str]:
    """A heading of bare month numbers under a title's year: "10" (that month), "1 to 10"
    (a span: a contract period or a year-to-date reason); ("", "") for any other heading."""
    t = clean(text).lower()
    year = period[:4]
    m = re.fullmatch(r"(\d{1,2})\s*(?:to|-|–|~)\s*(\d{1,2})", t)
    if m and year:
        return _span(year, int(m.group(1)), int(m.group(2)), t)
    if re.fullmatch(r"\d{1,2}", t) and year and 1 <= int(t) <= 12:
        return f"{year}-{int(t):02d}", ""
    return "", ""


def period_in_year(label: str, year: str) -> str:
    """The period a row label names within a year given by its group row or outer column
    ("January", "First quarter", "Jan.- Dec." in 2008), or its own ("2008", "2009 Q1")."""
    own, _ = period_of(label)
    if own or not year:
        return own
    t = clean(label).lower().rstrip(".:")
    if re.fullmatch(r"jan(?:uary)?\.?" + _DASH + r"dec(?:ember)?\.?|annual|year|total|연간|年計", t):
        return year
    m = re.fullmatch(r"(first|second|third|fourth) quarter|q([1-4])|([1-4])\s*분기", t)
    if m:
        n = _ORDINAL.get(m.group(1) or "") or int(m.group(2) or m.group(3))
        return f"{year}-Q{n}"
    m = re.fullmatch(_MONTH + r"|(\d{1,2})\s*월", t)
    if m:
        n = MONTHS[m.group(1)[:3]] if m.group(1) else int(m.group(2))
        return f"{year}-{n:02d}" if 1 <= n <= 12 else ""
    period, _ = period_of(f"{year} {t}")
    return period if period != year else ""


def compared(text: str) -> tuple[str, bool, str] | None:
    """A heading comparing two periods ("September 2016 to September 2017", "Jan-23 to
    Feb-23"): the later period, whether the earlier is the same period a year before (year
    on year), and the earlier; None when it compares none."""
    m = re.search(r"^(.*?\S)\s+(?:to|vs\.?|→)\s+(.*\S)", clean(text), re.IGNORECASE)
    if not m:
        return None
    later, _ = period_of(m.group(2))
    if not later:
        return None
    earlier, _ = period_of(m.group(1))
    if not earlier:
        earlier, _ = period_of(f"{m.group(1)} {later[:4]}")
    if not earlier:
        return None
    year_back = str(int(later[:4]) - 1) + later[4:]
    return later, earlier == year_back, earlier


def period_before(period: str) -> str:
    """The period right before one: the month, quarter or half before, the year before."""
    year, rest = int(period[:4]), period[4:]
    if not rest:
        return str(year - 1)
    if rest[1:].isdigit():  # -MM
        month = int(rest[1:])
        return f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12"
    kind, n = rest[1], int(rest[2:])  # -Qn, -Hn
    last = {"Q": 4, "H": 2}[kind]
    return f"{year}-{kind}{n - 1}" if n > 1 else f"{year - 1}-{kind}{last}"


def names_previous(text: str) -> bool:
    """The heading names the same period one year earlier ("전년 동기", "previous year")."""
    return bool(PREVIOUS.search(clean(text)))


def stat_of(text: str) -> str:
    """The stat a heading's words name ("YoY" -> growth_pct, "비중" -> share_pct), or ""."""
    t = clean(text).lower()
    if POP.search(t):
        return "pop_pct"
    for stat, pattern in STAT_WORDS:
        if re.search(pattern, t):
            return stat
    return ""


_CURRENCIES = (
    ("USD", r"us\$|usd|us dollars?|\$|dollars?|달러|(?:^|[\s\d천만억조])불(?![가-힣])|ドル|美元"),
    ("KRW", r"krw|원(?!\s*화)|won\b|₩"),
    ("JPY", r"jpy|yen\b|円|¥"),
    ("EUR", r"eur\b|euros?\b(?![\s-]*(?:area|zone))|€"),  # (not "euro area")
    ("GBP", r"gbp|pounds?\b|£"),
    ("CNY", r"cny|rmb|yuan|元|人民币"),
)
_SCALE_WORDS = (
    ("tn", r"trillions?|\btn\b|조|兆"),
    ("bn", r"billions?|\bbn\b|십억|十億|十亿|10\s*억|10\s*億|10\s*亿"),
    ("100m", r"억|億|亿"),
    ("m", r"millions?|\bmn\b|\bmil\b|\bmln\b|\$\s?m\b|\bm\$|백만|百万|\$\s?1,000,000(?![,\d])"),
    ("10k", r"만(?!\s*원)|万"),
    ("k", r"thousands?|\bk\b|천|千|\$\s?1,000(?![,\d])"),
)
_UNIT_LINE = re.compile(r"(?:units?|단위|単位|单位|in)\s*[:：]?\s*([^)\]]*)", re.IGNORECASE)


def currency_of(text: str) -> str:
    """The currency unit a text names ("US$ million" -> USD_m, "백만달러" -> USD_m), or ""."""
    t = clean(text).lower()
    cur = next((c for c, p in _CURRENCIES if re.search(p, t)), "")
    if not cur:
        return ""
    scale = next((s for s, p in _SCALE_WORDS if re.search(p, t)), "")
    return f"{cur}_{scale}" if scale else cur


def units_of(text: str) -> list[str]:
    """The units a unit line names, in order ("Unit: US$ million, %" -> USD_m, pct)."""
    m = _UNIT_LINE.search(clean(text))
    if not m:
        return []
    units = []
    for part in re.split(r"[,;/、，]", m.group(1)):
        unit = "pct" if re.fullmatch(r"\s*(%|percent|per ?cent|퍼센트)\s*", part, re.IGNORECASE) else (
            currency_of(part))
        if unit and unit not in units:
            units.append(unit)
    return units


def row_role(label: str) -> str:
    """total, subtotal, residual or member, by a row label's words."""
    t = clean(label).lower().strip(" :：")
    t = re.sub(r"^\(|\)$", "", t)
    if t in _TOTALS or re.fullmatch(r"(?:total|합계|총계|계)\s*\(.*\)", t):
        return "total"
    if t in _SUBTOTALS:
        return "subtotal"
    if t in _RESIDUALS:
        return "residual"
    return "member"


def of_which(label: str) -> tuple[str, bool]:
    """A label without its "of which" / "그 중" prefix, and whether it had one."""
    m = _OF_WHICH.match(label)
    return (label[m.end():], True) if m and label[m.end():].strip() else (label, False)
