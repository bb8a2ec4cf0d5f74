"""Chinese: amounts in 万亿/亿/万 and their currencies, bounds (突破, 超过), directions, the word
for 'respectively', and what opens or closes a run of characters before a flow without naming
a part (shared with Japanese)."""

from __future__ import annotations

import re

SCALES = {12: ["万亿", "萬億"], 8: ["亿"], 4: ["萬"]}
AMOUNT_CURRENCIES = ["美元", "美金", "欧元", "歐元", "日元", "韩元", "韓元", "人民币", "人民幣", "元"]
CURRENCY_WORDS = {"美元": "USD", "美金": "USD", "欧元": "EUR", "歐元": "EUR", "日元": "JPY",
                  "韩元": "KRW", "韓元": "KRW", "人民币": "CNY", "人民幣": "CNY", "元": "CNY"}
# "首次突破20万亿元", "首次迈上900亿美元台阶", "跨过700亿美元门槛": bounds, not levels
BOUND_BEFORE = r"(?:突破|超过|超過|迈上|邁上|跨过|跨過|站上)\s*$"
# "贸易顺差…扩大45%", "逆差收窄": a balance widens or narrows (its size, the sign kept)
UP = [r"增\w*", r"上升\w*", r"扩大", r"擴大"]
DOWN = [r"减\w*", r"下降\w*", r"缩小", r"縮小", r"收窄"]
RESPECTIVELY = "分别|分別"
# What opens a Chinese or Japanese run before a flow without naming a part, what closes it,
# and what names the whole (货物贸易进出口 is all goods trade).
LEAD = re.compile(r"^(?:[我全本中]国|其中|同期|今年|去年|上半年|下半年|[一二三四第]+季度|对|對|向|与|與|和|及|"
                  r"的|了|为|為|月|年|实现|實現|当月|當月|"
                  r"[\u4e00-\u9fff]{1,4}(?=货物|貨物))+")  # (日本貨物進出口: the reporter's goods)
TRAIL = re.compile(r"(?:分别|分別|均|各|都|也)+$")
WHOLE = re.compile(r"(?:货物|貨物|商品)?(?:贸易|貿易)?|外贸|外貿|总|總|全体|全體|技術|技术")
# "(2.0%增)", "增长3.7%" after the number: a direction right after a percentage
DIRECTION_RIGHT_AFTER = r"\s*\)?\s*(?:增|減|减|上升|下降)"
LAST_MONTH = "上月|上個月|上个月"
# "前5个月", "前两个月", "1-5月": a total since the start of the year
YEAR_TO_DATE = r"前\s*(?:\d{1,2}|[两兩二三四五六七八九十]|十[一二])\s*个?個?月"
# A country named as the subject of its trade ("中国外贸进出口", "日本貨物進出口額", "日本の貿易収支")
# is the country the text reports on, unless a partner word comes before it (对中国, 與中國).
PARTNER_BEFORE = re.compile(r"(?:对|對|与|與|和|及|同|自|向|从|從|対|、)$")
# ("中国の貨物貿易の輸出入額": the reporter's goods trade, in Japanese)
REPORTER_AFTER = re.compile(r"(?:の|的)?(?:外贸|外貿|对外贸易|對外貿易|货物|貨物|商品)?(?:(?<=[物品])貿易の)?")
# An item of a list with its figure in parentheses: "自動車(7.2%増)、半導体等製造装置(14.6%増)",
# "机电产品(6.66万亿元)" (a run of kanji or katakana right before the parenthesis)
LIST_ITEM = re.compile(r"(?<![\u4e00-\u9fff\u30a0-\u30ffー・\d])([\u4e00-\u9fff\u30a0-\u30ffー・]{2,12})"
                       r"\s*[(（]\s*$")
# what ends a run naming a comparison, not a part ("前年同月比(11.9%)増", "同比")
NOT_ITEM = re.compile(r"比$")
# "比重從18.8%降至8.6%", "到了2011年,這一比重已下降至10.1%": the two ends of a change between
# periods; the text does not say which period each end is of
FROM_BEFORE = re.compile(r"[从從]\s*$")
TO_BEFORE = re.compile(r"[至到]\s*$")
FROM_NUMBER = re.compile(r"[从從]\s*[\d.]+\s*%")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
QUALIFIERS_BEFORE = {"约": "about", "約": "about", "大约": "about", "大約": "about"}
# "与2019年同期相比", "比2019年增长": a year named as the base of a comparison, not the period
BASE_YEAR_BEFORE = re.compile(r"(?:与|與|和|同|较|較|比)\s*$")
BASE_YEAR_AFTER = re.compile(r"\s*年?\s*(?:同期|同月)?\s*(?:相比|相較|相较|比较|比較)")
# "今年" (this year, Chinese and Japanese): dated by the publication, the year itself only when
# no part of it follows (今年上半年, 今年前5个月, 今年6月 are read as such, or not at all)
THIS_YEAR = r"今年(?!\s*(?:上半|下半|前|第|[一二三四]季|\d|[一二三四五六七八九十]+个?月))"
# A release dates its first period in full ("2015年1-6月", "2019年前5个月", "2019年5月") and the
# later paragraphs by months alone ("6月當月,", "1-6月,", "截止到6月,", "5月,"): with no other year in the
# text, those are of that year, up to the last month the release covers.
DATED_SPAN = re.compile(r"((?:19|20)\d\d)\s*年\s*(?:1\s*[-－～~]\s*(\d{1,2})|前\s*(\d{1,2})\s*[个個]?|"
                        r"(\d{1,2}))\s*月")
MONTHS_ONLY = re.compile(r"^\s*(?:(1)\s*[-－～~]\s*|(截止到|截至|截止)\s*)?(\d{1,2})\s*月\s*份?\s*(?:當月|当月)?"
                         r"\s*(?:底|末)?\s*[,，、]")


def release_span(text: str) -> tuple[int, int]:
    """(year, last month) of the period a release dates in full, when it names one year only."""
    years = set(re.findall(r"(?:19|20)\d\d(?=\s*年)", text))
    m = DATED_SPAN.search(text)
    if len(years) != 1 or not m or set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)) != years:
        return 0, 0
    return int(m.group(1)), int(m.group(2) or m.group(3) or m.group(4))


def months_period(s: str, year: int, last: int) -> str:
    """The period of a sentence opening with months alone ("6月當月,", "1-6月,") in a release
    of `year` up to month `last`: a month, the first half or the year; "" for other spans
    (1-5月 is a total since January, not a period) or a month past the release's."""
    m = MONTHS_ONLY.match(s)
    if not year or not m or not 1 <= int(m.group(3)) <= min(last, 12):
        return ""
    end = int(m.group(3))
    if m.group(1) or m.group(2):  # 1-6月, 截至6月 (since January)
        return f"{year}-H1" if end == 6 else str(year) if end == 12 else ""
    return f"{year}-{end:02d}"
# "6360.6亿、6211.9亿、2004.4亿元", "9.76万亿和10.34万亿元": amounts of a list printed with their
# scales, the currency written once after the last
_SCALE = r"(万亿|萬億|亿|億|萬|万)"
_ITEM = r"\d+(?:\.\d+)?\s*(?:万亿|萬億|亿|億|萬|万)"
LISTED_AMOUNT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*" + _SCALE + r"(?=(?:\s*[、和与與及]\s*" + _ITEM +
                           r")*\s*[、和与與及]\s*" + _ITEM + r"\s*(" + "|".join(AMOUNT_CURRENCIES) + "))")
SCALE_POWER = {"万亿": 12, "萬億": 12, "亿": 8, "億": 8, "萬": 4, "万": 4}
# "电工器材、汽车及其零配件、通用机械设备分别出口": the parts named before 分别, joined by 、, or two
# joined by 和, 与 or 及 (not 及其, "and its"); periods listed so are no parts
RESPECTIVE_LIST = re.compile(r"([\u4e00-\u9fffA-Za-z]+(?:、[\u4e00-\u9fffA-Za-z]+)+|[\u4e00-\u9fffA-Za-z]+"
                             r"(?:和|与|與|及(?!其))[\u4e00-\u9fffA-Za-z]+)\s*$")
# "韓國對中國、美國分別出口": the reporter and 对 before the first partner
PARTNER_LEAD = re.compile(r"^[\u4e00-\u9fff]{1,4}?(?:对|對|向|自)(?=[\u4e00-\u9fff]{2})")
NOT_LISTED_PART = re.compile(r"季度|[年月]|上半|下半|出口|进口|進口|进出口|進出口|贸易|貿易")


def respective_parts(before: str) -> list[tuple[int, int, str]]:
    """The parts named right before 分别: (start, end, name) of each; [] when they are not a
    list of two or more parts (a single name, or periods)."""
    m = RESPECTIVE_LIST.search(before)
    if not m:
        return []
    lead = LEAD.match(m.group(1)) or PARTNER_LEAD.match(m.group(1))
    start = m.start(1) + (lead.end() if lead else 0)
    out = []
    run = before[start:m.end(1)]  # (with 、 in the list, 及 and 和 are inside a name: 服装及衣着附件)
    items = run.split("、") if "、" in run else re.split(r"和|与|與|及(?!其)", run)
    pos = start
    for item in items:
        if len(item) < 2 or NOT_LISTED_PART.search(item):
            return []
        out.append((pos, pos + len(item), item))
        pos += len(item) + 1
    return out if len(out) >= 2 else []
# "第一大贸易伙伴东盟", "中國是日本第一大貿易夥伴、第二大出口目的地和第一大進口來源地": a partner's rank
# by the trade both ways, the exports to it or the imports from it
RANK = re.compile(r"第\s*([一二三四五六七八九十]|\d{1,2})\s*大\s*(?:(贸易伙伴|貿易夥伴|贸易伙伴国|貿易夥伴國)|"
                  r"(出口(?:目的地|市场|市場))|((?:进口|進口)(?:来源地|來源地|来源国|來源國)))")
NUMERALS = {w: i for i, w in enumerate("一二三四五六七八九十", 1)}
# the country a rank sentence is about: "中國是(日本)第一大…", or the cues joined to the first
RANK_SUBJECT_GAP = re.compile(r"\s*(?:是|为|為|成为|成為)\s*[\u4e00-\u9fff]{0,4}?\s*$")
RANK_JOINED_GAP = re.compile(r"\s*[、和与與及]\s*$")


def rank_of(m: re.Match) -> tuple[int, str]:
    """(rank, flow) of a RANK match."""
    word = m.group(1)
    rank = int(word) if word.isdigit() else NUMERALS[word]
    return rank, "volume" if m.group(2) else "exports" if m.group(3) else "imports"
# "一季度、二季度分别达到9.76万亿和10.34万亿元": quarters listed before 分别, each its number's
QUARTER_LIST = re.compile(r"(?:^|[,，;；])\s*(?:其中\s*[,，]?\s*)?((?:第?[一二三四1-4]\s*季度\s*[、和与與及]\s*)+"
                          r"第?[一二三四1-4]\s*季度)\s*$")
# "其中,一季度…": a sentence of which the flow is the one the sentence before spoke of
OF_WHICH = re.compile(r"\s*其中\s*[,，]")


def respective_quarters(before: str) -> list[str]:
    """["Q1", "Q2"] for the quarters named right before 分别; [] for anything else."""
    m = QUARTER_LIST.search(before)
    if not m:
        return []
    return ["Q" + str(NUMERALS.get(w, 0) or int(w))
            for w in re.findall(r"([一二三四1-4])\s*季度", m.group(1))]
