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
BOUND_BEFORE = r"(?:突破|超过|超過|迈上|邁上|跨过|跨過|站上|衝破|冲破|首破)\s*$"
# "贸易顺差…扩大45%", "逆差收窄": a balance widens or narrows (its size, the sign kept)
# (Taiwan: "較上年同月成長37.5%", "負成長2.0%")
UP = [r"增\w*", r"上升\w*", r"扩大", r"擴大", r"成長", r"成长"]
DOWN = [r"减\w*", r"下降\w*", r"缩小", r"縮小", r"收窄", r"負成長", r"负增长", r"負增長"]
# "較上年同月增53.3億美元", "大增765.61億美元", "逆差扩大20.1亿元": an amount right after its
# direction is a change ("增至9.5億美元", "增加到": rose to, a level)
CHANGE_BEFORE = re.compile(r"(?:(增加|增長|增长|擴大|扩大|上升|增)|(減少|减少|縮小|缩小|收窄|下降|減|减))"
                           r"\s*了?\s*$")
# "其中電機產品增0.5億美元(年增9.2%)、化學品減0.8億美元": the part named right before its change
PART_BEFORE_CHANGE = re.compile(r"(?:^|[、,，;；:：]|其中)\s*([\u4e00-\u9fff]{2,12}?)\s*"
                                r"(?:增加|減少|减少|增|減|减)\s*$")
NOT_CHANGED_PART = re.compile(r"[较較比]|上年|去年|前年|同期|同月|相比|[年月]$|全年|当月|當月|总|總|"
                              r"出口|进口|進口|贸易|貿易|顺差|順差|逆差|出超|入超")
# "0.5億美元(年增9.2%)": a rate in the parentheses right after an amount is the amount's
PAREN_AFTER_AMOUNT = re.compile(r"\s*[(（]\s*(?:年增|年減|年减|同比(?:增长|增長|下降)?|增|減|减|[+＋])?\s*$")
RESPECTIVELY = "分别|分別"
RESPECTIVELY_WORD = re.compile(RESPECTIVELY)
# What opens a Chinese or Japanese run before a flow without naming a part, what closes it,
# and what names the whole (货物贸易进出口 is all goods trade).
LEAD = re.compile(r"^(?:[我全本中]国|其中|同期|今年|去年|全年|累計|累计|上半年|下半年|[一二三四第]+季度|对|對|向|与|與|和|及|"
                  r"不过|不過|但是|但|而且|而|实际上|實際上|实际|實際|"  # (conjunctions)
                  r"的|了|为|為|月|年|实现|實現|当月|當月|"
                  r"[\u4e00-\u9fff]{1,4}(?=货物|貨物))+")  # (日本貨物進出口: the reporter's goods)
TRAIL = re.compile(r"(?:分别|分別|均|各|都|也|在)+$")  # (在: "半导体在出口总额中占比")
WHOLE = re.compile(r"(?:货物|貨物|商品)?(?:贸易|貿易)?|外贸|外貿|总|總|全体|全體|技術|技术")
# "(2.0%增)", "增长3.7%" after the number: a direction right after a percentage
DIRECTION_RIGHT_AFTER = r"\s*\)?\s*(?:增|減|减|上升|下降)"
LAST_MONTH = "上月|上個月|上个月"
# "前5个月", "前两个月", "1-5月", "1至8月": a total since the start of the year
YEAR_TO_DATE = (r"前\s*(?:\d{1,2}|[两兩二三四五六七八九十]|十[一二])\s*个?個?月|"
                r"(?<![\d.])1\s*至\s*(?!6\s*月)(?!12\s*月)\d{1,2}\s*月")
# "全年…累計出口6,407.5億美元": accumulated over the whole year is the year
FULL_YEAR = re.compile(r"全年|(?<![\d.])1\s*[-－～~至]\s*12\s*月")
# What a clause (up to its comma) says before a number that makes it no figure of the period:
# a forecast ("本預計8月出口值為510億美元至532億美元左右") or an average per day (日均)
FORECAST_BEFORE = re.compile(r"预计|預計|预测|預測|预估|預估|预期|預期|有望|目标|目標|计划|計劃")
PER_DAY_BEFORE = re.compile(r"日均|平均每[日天]")
COMMA = re.compile(r"[,，;；:：。]")
SEMICOLON = re.compile(r"[;；]")
# "影響我國出口": the reporter's own words for itself ("our country") name no part, and a time
# word ends the subject before it ("韩国去年十大出口商品": the part is 十大出口商品)
OWN_COUNTRY = re.compile(r".*(?:(?:我|本)(?:国|國)|去年|今年|全年|明年|上半年|下半年|当月|當月|同期)")
# "韩国去年十大出口商品", "日本2015年上半年": a country named right before a period is the subject,
# the country the text reports on
REPORTER_PERIOD_AFTER = re.compile(r"\s*(?:去年|今年|上半年|下半年|(?:19|20)\d\d\s*年|\d{1,2}\s*月|"
                                   r"[對对](?!外))")  # (and "韓國對中國": the one trading with a partner)
# 去年 (last year), dated by the publication; not a base ("比去年", "去年同期") nor its month
LAST_YEAR = r"(?<![比较較与與和同跟])去年(?!\s*(?:同期|同月|相比|以来|以來|\d{1,2}\s*月))"
# "自2013年起", "从2013年开始": a year starting a run is not the sentence's
SINCE_BEFORE = re.compile(r"(?:自|从|從)\s*$")
SINCE_AFTER = re.compile(r"\s*年?\s*(?:起|开始|開始)")
# "2018年出口比重曾高达20.9%": a year said with 曾 (once, earlier) is an aside
ASIDE = re.compile(r"(?:19|20)\d\d\s*年[^,，。;；]{0,12}曾")
# "年比(58.5%)", "较去年同期(47.1%)": the value in parentheses is the year before's
PREVIOUS_PAREN = re.compile(r"(?:(?<!前)年比|去年|上年|去年同期|上年同期)\s*[(（]\s*$")
# "跌破20%大关", "降至20%以下": bounds from below
BOUND_UNDER_BEFORE = re.compile(r"(?:跌破|低于|低於)\s*$")
BOUND_UNDER_AFTER = re.compile(r"\s*以下")
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
BASE_YEAR_BEFORE = re.compile(r"(?:与|與|和|同|较|較|(?<!占)比)\s*$")  # (占比: a share)
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
# What dates the numbers after it in a Chinese sentence naming several periods ("去年12月進口
# 430.4億美元;全年進口4,836.1億美元"): a year, half, quarter or month, or the whole year (全年);
# not a base ("比上年", "去年同期", "比一季度"), an end of a range ("2002年至2010年"), one of a
# list ("5月份、6月份均") or a day
PERIOD_MARK = re.compile(r"(?<![较較与與同和跟前~～－、度年各-])(?<!(?<!占)比)(?<![年\d][至到])(?:全年|此次|这次|這次|本次|(?:(?:19|20)\d\d\s*年\s*|去年|今年)?"
                         r"(?:上半年|下半年|第?[一二三四1-4]\s*季度|(?<![\d.])\d{1,2}\s*月份?"
                         r"(?!\s*\d{1,2}\s*[日号號]))|(?:19|20)\d\d\s*年|去年|今年)"
                         r"(?!\s*(?:同期|同月|相比|至|到|[-~～－、和及与與]|以来|以來|起))")
FULL_YEAR_WORD = "全年"
THIS_TIME = ("此次", "这次", "這次", "本次")  # the period the text speaks of, not an aside's
# "有进出口实绩企业53.1万家,增加6.2%": a rate right after a count is the count's
COUNT_THEN_RATE = re.compile(r"\s*(?:万|萬)?\s*(?:家|个|個|票|人|项|項|吨|噸|辆|輛|艘|件|种|種)"
                             r"[^,，;；。\d]{0,6}[,，]\s*(?:同比|比上年)?\s*(?:增加|增长|增長|增|减少|減少|下降|减|減)?\s*$")
# "石油制品(7.5%)、汽车零件(4.2%)等出口比重位居其后", "半导体(28.5%)、乘用车(62.2%)等出口增长": a
# list of parts with their percentages in parentheses, what the words right after it say they are
_LISTED_PCT = r"[\u4e00-\u9fffA-Za-z]{1,12}\s*[(（]?\s*[+\-－]?\d+(?:\.\d+)?\s*%\s*[)）]"
PCT_LIST = re.compile(r"(?:" + _LISTED_PCT + r"\s*[、和及与與]\s*)+" + _LISTED_PCT)
SHARE_BEFORE_LIST = re.compile(r"占比|比重|份额|份額")
SHARE_AFTER_LIST = re.compile(r"\s*等?\s*[\u4e00-\u9fff]{0,4}?(?:比重|占比|份额|份額|比例)")
DIRECTION_AFTER_LIST = re.compile(r"\s*等?\s*[\u4e00-\u9fff]{0,6}?(?:(增长|增長|增加|上升|增)|"
                                  r"(下降|减少|減少|下滑|减|減))")


def after_list(s: str, p: int) -> str:
    """What follows the list of parts with percentages in parentheses that holds the number at
    p: "share", "up", "down" or "" (no such list, or words saying none)."""
    m = next((m for m in PCT_LIST.finditer(s) if m.start() <= p < m.end()), None)
    if not m:
        return ""
    if SHARE_AFTER_LIST.match(s, m.end()) or SHARE_BEFORE_LIST.search(s[max(0, m.start() - 24):m.start()]):
        return "share"
    d = DIRECTION_AFTER_LIST.match(s, m.end())
    return "" if not d else "up" if d.group(1) else "down"
# "對中貿易依存度", "對美國的貿易依存度": the share of trade with a partner in all trade (the
# trade both ways); not 對外貿易依存度 (foreign trade to GDP)
PARTNER_DEPENDENCE = re.compile(r"(?:對|对|與|与)(?!外)[\u4e00-\u9fff]{1,4}?的?(貿易|贸易)依存度")
# "以各年度上半年數據為標準": the years of the paragraph are their first (second) halves
EACH_YEAR = re.compile(r"各年度?的?(上半年|下半年)")
HALVES = {"上半年": "H1", "下半年": "H2"}
# "2002年至2010年分別為12.2%、14.3%…": a span of years named before 分别, one number each
YEAR_SPAN = re.compile(r"((?:19|20)\d\d)\s*年?\s*(?:至|到|[-~～－—])\s*((?:19|20)\d\d)\s*年\s*"
                       r"[\u4e00-\u9fff]{0,8}?\s*$")
# "2008年之後基本上在10%左右徘徊": a figure of the years since, no one period's
SINCE_MARK = re.compile(r"(?:19|20)\d\d\s*年\s*(?:之後|之后|以後|以后|以来|以來)")
# "十大出口商品", "前五大市场": the largest parts together, a group and no sibling of its members
GROUP_NAME = re.compile(r"^前?(?:[一二三四五六七八九十]+|\d{1,2})大")
# "原油连续19年位居第一", "时隔三年攀升回第二", "一直位居首位": the rank of the part a clause speaks
# of (not "第一大贸易伙伴": RANK); "半导体(9.3%)、天然气(4.1%)依序排名其后": the parts of a list
# rank after it in order
PLACE_RANK = re.compile(r"(?:位居|排名|排在|位列|居于|居於|攀升回|回升至|升至|降至|跌至|退居)\s*(?:第\s*"
                        r"([一二三四五六七八九十]|\d{1,2})(?!\s*大)\s*(?:位|名)?|(首位))")
RANKED_AFTER = re.compile(r"\s*(?:依序|依次)\s*(?:排名|排在|位居|居)?\s*(?:其後|其后)")
LISTED_NAME = re.compile(r"(?:^|(?<=[、,，]))([\u4e00-\u9fffA-Za-z]{1,12}?)\s*[(（]?\s*[+\-－]?\d+(?:\.\d+)?\s*%")
# the topic opening a clause ("原油连续19年…", "半导体在出口总额中…"): the noun before its verb
CLAUSE_SUBJECT = re.compile(r"\s*(?:其中|另外|而)?\s*([\u4e00-\u9fff]{2,8}?)(?=在|连续|連續|一直|时隔|時隔|已|曾|"
                            r"再次|首次|出口|进口|進口|的|占|位居|排名)")


def place_rank(m: re.Match) -> int:
    """The rank a PLACE_RANK match names."""
    word = m.group(1)
    return 1 if m.group(2) else int(word) if word.isdigit() else NUMERALS[word]
