"""Japanese: amounts in 兆/億/万 and their currencies, bounds (を超え), directions and the
word for 'respectively', number forms of news style (11・9%, full-width digits), 先月, and
the words dating an amount a year back. Japanese shares the CJK part names of `zh`."""

from __future__ import annotations

import re

SCALES = {12: ["兆"], 8: ["億"], 4: ["万"]}
# (㌦: the dollar sign of Japanese typesetting, one character)
AMOUNT_CURRENCIES = ["弗", "円", "ドル", "㌦"]
CURRENCY_WORDS = {"弗": "USD", "円": "JPY", "ドル": "USD", "㌦": "USD"}
BOUND_AFTER = r"\s*(?:を(?:超え|上回)|超(?!過))"  # (10%超の減少: more than 10%)
UP = [r"増\w*", r"上昇\w*"]
DOWN = [r"減\w*", r"下落\w*", r"低下\w*", r"落ち込\w*", r"[急反]落\w*"]
# "食料品の輸出": a goods word before の and the flow names the part (not a period, a word for
# the whole or an agency: "10月の輸出", "全体の輸出", "同月の輸出")
OF_PART = re.compile(r"(?<![\d.,\u4e00-\u9fff\u30a0-\u30ffー・])([\u4e00-\u9fff\u30a0-\u30ffー・]{2,10})の\s*$")
NOT_OF_PART = re.compile(r"[月年期度日省庁局円元]$|ドル$|税関|統計|速報|政府|同国|両国|世界|全体|単月")


def part_of(before: str) -> str:
    """The part "Nの" right before a flow names ("食料品の輸出"), "" for a period, an agency or a
    word for the whole ("先月の輸出", "財務省の", "全体の")."""
    m = OF_PART.search(before)
    if not m or NOT_PART.search(m.group(1)) or NOT_OF_PART.search(m.group(1)):
        return ""
    return m.group(1)
# "昨年10月": a month of last year
LAST_YEAR_BEFORE = r"(?:昨年|去年)\s*$"
# "過去最高を更新", "過去最大の赤字": a record
RECORD = r"過去最[高大]"
# "マイナス6兆9273億円", "同▲1.9%", "▲8,089億円": a minus written before the number (▲ in
# statistics, マイナス in prose)
MINUS_BEFORE = re.compile(r"(?:マイナス|▲)\s*$")
RESPECTIVELY = "それぞれ"
# Full-width digits and signs of Japanese and Chinese text, one character for one (spans keep
# their places): "１２．５％" is "12.5%".
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
# Broadcast and vertical-writing style writes the decimal point as a nakaguro: "(11・9%)増".
# (Only before a percent or points: "1・2月" is January and February.)
NAKAGURO_DECIMAL = re.compile(r"(?<=\d)・(?=\d+\s*(?:%|ポイント))")


def number_forms(s: str) -> str:
    """The sentence with its numbers in ASCII forms, each character in its place."""
    return NAKAGURO_DECIMAL.sub(".", s.translate(FULL_WIDTH))


# "(前年同月比11.9%)増", "(2.0%増)": a direction right after a percentage in parentheses
# "40%の減少", "57.9%の大幅な減少"
DIRECTION_RIGHT_AFTER = r"\s*\)?\s*(?:超)?\s*(?:の[^\s、。\d%]{0,4}?)?(?:急|大幅)?(?:増|減|上昇|低下|下落|落ち込|[急反]落)"
LAST_MONTH = "先月"
# "「3兆5064億円」だった前年同月": the amount of the same month a year before
PREVIOUS_AFTER = r"\s*[」』]?\s*(?:だった|であった)\s*前年(?:同月|同期)?"
# "このうち原油などを見ると、…輸入額は40%の減少": the part the sentence turns to
PART_TOPIC = re.compile(r"このうち[、,]?\s*([\u4e00-\u9fff\u30a0-\u30ffー・]{2,12})(?:など)?"
                        r"(?:を見ると|では|は)")
# "7割減少" (70 per cent, to the nearest ten), "半減" (halved): the span is the number, the
# direction follows it ("減"); not 割引 (a discount), 割安 or 割高 (cheap, dear)
WARI = re.compile(r"(?<![\d.])([1-9])割(?![引安高合])|(半)(?=減)")
# "品目別では、自動車が同10.4%増、船舶が同44.0%減": the items of the flow the sentence before named
BY_ITEM_START = re.compile(r"\s*品目別(?:では|に見ると|にみると)")
# "およそ40%", "約2兆円": qualifiers written right before the number, without a space
QUALIFIERS_BEFORE = {"およそ": "about", "約": "about", "ほぼ": "about"}
# "貿易赤字額は原油が602億ドル、天然ガスが126億ドル": the noun marked by が right before an
# amount is what the amount is of, a part the gazetteer may not know (the flow is the topic,
# marked by は); not a word for the whole or a period ("全体が", "前年が")
SUBJECT_BEFORE = re.compile(r"(?:^|[、,。はもで\s])([\u4e00-\u9fff\u30a0-\u30ffー・]{2,12})が\s*$")
NOT_PART = re.compile(r"全体|総額|合計|全国|前年|前月|同月|同期|今年|昨年|去年|輸出|輸入|貿易|収支|"
                      r"[率幅]$|単月|当月|今回|前回|時期|期間|割合|比重|シェア|構成比|"
                      r"黒字|赤字|金額|[額量]$")
# "輸出上位10品目が輸出全体に占める割合は61.1%": the subject of 占める is the share's part
SHARE_PART = re.compile(r"(?:^|[、,。はもの\s])(?!(?:輸出|輸入|貿易)[額量]?が)"
                        r"([\u4e00-\u9fff\u30a0-\u30ffー・0-9A-Za-z]{2,16})が"
                        r"[^、。が]{0,16}?に占める(?:割合|比率|比重|シェア|構成比)")
SHARE_WORDS = r"割合|比率|比重|シェア|構成比"
# "割合は45.8%で前年より0.4%縮小した": a change of the share, in points or in per cent of it
# (news style writes both with %): not told apart, not read
SHARE_CHANGE_AFTER = re.compile(r"\s*(?:の)?(?:拡大|縮小|上昇|低下|増加|減少)")
# "前年同月比3月分": 比 ends the word for a year-on-year ratio (前年比, 前年同月比, 前月比), so the
# month after it is the period, not a base ("比3月" in Chinese: than March)
RATIO_WORD_BEFORE = re.compile(r"(?:前年|前月|前期|前年同月|前年同期)比\s*$")
# Years in the Japanese era (平成24年 is 2012, 令和元年 2019) and the two-digit years of news
# style before a month (18年12月 is December 2018): read as the year in full, for periods only
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_YEAR = re.compile(r"(明治|大正|昭和|平成|令和)\s*(元|\d{1,2})(?=\s*年)")
SHORT_YEAR = re.compile(r"(?<![\d.,'’‘])(\d\d)(?=\s*年\s*\d{1,2}\s*月)")


def western_years(s: str) -> str:
    """The text with its era years and two-digit years of a month written in full (for
    reading periods: the text's length changes)."""
    s = ERA_YEAR.sub(lambda m: str(ERAS[m.group(1)] + (1 if m.group(2) == "元" else
                                                       int(m.group(2)))), s)
    return SHORT_YEAR.sub(lambda m: ("20" if int(m.group(1)) < 50 else "19") + m.group(1), s)


def is_year(s: str, start: int) -> bool:
    """Whether the number printed at `start` is a year in the era or in two digits."""
    return bool(re.search(r"(?:明治|大正|昭和|平成|令和)\s*$", s[max(0, start - 3):start]) or
                SHORT_YEAR.match(s, start))
# "「5月の輸出入動向」によると": figures "according to" a release titled by its period are of it,
# and a statement quoted as said ("「今年上半期の輸出入額は…」と述べた") speaks of its own periods
# (a title quoted otherwise names a publication, not the sentence's period)
ACCORDING_AFTER = re.compile(r"(?<=」)\s*(?:(?:に|で)?よ(?:ると|れば)|と(?:述べ|話|語|説明|強調|指摘|明らかに))")
# "4-6月", "2016年7～9月期": the months of a calendar quarter after the first are that quarter,
# not a total since January (1-3月 stays one: the year to date through March)
QUARTER_MONTHS = r"(?<![\d.])(4|7|10)\s*[-－～~]\s*(6|9|12)\s*月"
QUARTER_SPAN = re.compile(r"(?:((?:19|20)\d\d)\s*年\s*)?" + QUARTER_MONTHS)


def quarter_of_months(s: str, published: str) -> str:
    """The quarter a span of its months names in Japanese ("2016年4-6月": 2016-Q2), of the
    year of publication when none is printed and the span has ended by then; "" otherwise."""
    if not re.search(r"[\u3040-\u30ff]", s):
        return ""
    for m in QUARTER_SPAN.finditer(s):
        first, last = int(m.group(2)), int(m.group(3))
        if last - first != 2:
            continue
        year = int(m.group(1)) if m.group(1) else int(published[:4]) if published else 0
        if not m.group(1) and published and last > int(published[5:7]):
            year -= 1
        return f"{year}-Q{last // 3}" if year else ""
    return ""
# A period named as the base of a comparison ("6月より3%増加", "2008年同月より5.7%増加",
# "15.9%減だった9月より", "18年12月の7.0%減よりも") or as the time of an earlier record
# ("2008年7月の過去最高を更新"): not the period the sentence speaks of (no は or が between:
# "2015年の輸出額は前年より" is 2015's)
BASE_AFTER = re.compile(r"\s*(?:\d{1,2}\s*月|同月|同期)?\s*(?:の[^。、はが]{0,12}?)?(?:より|と比べ|に比べ|と比較)|"
                        r"\s*(?:\d{1,2}\s*月)?\s*(?:の|に記録した|につけた)?\s*過去最[高大]|"
                        r"\s*(?:\d{1,2}\s*月)?\s*(?:から|まで)")  # (the ends of a run: 昨年10月から今年9月まで)
BASE_PERIOD = re.compile(r"(?:今年|昨年|去年|(?:19|20)?\d\d\s*年\s*)?(?<!\d)\d{1,2}\s*月(?=" + BASE_AFTER.pattern + ")")


# "今年の単月としては最大", "10月としては過去最高": the frame of a record, not the period
FRAME = re.compile(r"(?:今年|昨年|(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月|(?:19|20)\d\d\s*年)(?:の単月)?\s*として(?:は|も)?")
# "1月には463億ドルに落ち込んだが、…10月は…、11月も増加した": months as the time of their own
# clause; a sentence naming several such has no one period (each dates the number after it)
TIME_TOPIC = re.compile(r"(?:今年|昨年|去年|(?:19|20)\d\d\s*年\s*)?(?<![\d.])\d{1,2}\s*月(?=\s*(?:に|で)?(?:は|も))")
MONTH_NAMED = re.compile(r"(?<![\d.])(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")


def without_bases(s: str) -> str:
    """The sentence without the months it names as a comparison's base, an earlier record's
    time or a record's frame ("9月より", "2008年7月の過去最高", "10月としては"), and without
    the months of its clauses when it names several ("1月には…、11月も"): those leave it
    undated by no month."""
    s = FRAME.sub(lambda m: " " * len(m.group(0)), BASE_PERIOD.sub(lambda m: " " * len(m.group(0)), s))
    if len(set(MONTH_NAMED.findall(s))) > 1 and TIME_TOPIC.search(s):
        s = TIME_TOPIC.sub(lambda m: " " * len(m.group(0)), s)
    return s


# "同15・9%減だった9月": the number is that period's ("「3兆5064億円」だった前年同月" likewise)
WAS_PERIOD = re.compile(r"\s*[」』]?\s*(?:[増減][加少]?)?\s*(?:だった|であった)\s*"
                        r"((?:\d{2,4}\s*年\s*)?\d{1,2}\s*月(?!\s*\d)|(?:19|20)\d\d\s*年)")
# "18年12月の7.0%減": a number right after a period and の is that period's
PERIOD_OF = re.compile(r"((?:\d{2,4}\s*年\s*)?(?<!\d)\d{1,2}\s*月|(?:19|20)\d\d\s*年)\s*(?:の|には|は)\s*$")
# The comparison a growth rate makes, the last named before it in its sentence: with a period
# ("6月より", "2008年同月より", "前月に比べ") or with the year before ("前年同月比", "前年より")
COMPARISON = re.compile(r"((?:(?:19|20)?\d\d\s*年\s*)?(?:\d{1,2}\s*月|同月|同期)|(?:19|20)\d\d\s*年|"
                        r"前月|前年同月|前年同期|前年)\s*(?:より|と比べ|に比べ|と比較)|"
                        r"前年同月比|前年同期比|前年比|前月比")


def named_base(before: str, period: str) -> str:
    """The period a growth rate of `period` is on, when the words before it in its sentence
    name one other than a year earlier ("2008年同月より5.7%増加", "6月より3%増加"); ""
    for a rate on a year earlier or one whose base is not told."""
    found = list(COMPARISON.finditer(western_years(before)))
    if not found or not found[-1].group(1) or not re.fullmatch(r"\d{4}(?:-\d\d)?", period):
        return ""
    words = found[-1].group(1)
    year, month = int(period[:4]), int(period[5:]) if len(period) > 4 else 0
    m = re.match(r"(?:((?:19|20)\d\d)\s*年\s*)?(?:(\d{1,2})\s*月|(同月|同期))?", words)
    if words.startswith("前月"):
        base = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}" if month else ""
    elif words.startswith("前年"):
        base = ""
    elif m.group(2) and month:
        base_month = int(m.group(2))
        base_year = int(m.group(1)) if m.group(1) else year - (base_month >= month)
        base = f"{base_year}-{base_month:02d}"
    elif m.group(1) and (m.group(3) and month or not month):
        base = f"{m.group(1)}-{month:02d}" if month else m.group(1)
    else:
        base = ""
    previous = f"{year - 1}-{month:02d}" if month else str(year - 1)
    return "" if base == previous else base
# A part marked as the topic (は) or the subject (が) right before its figure, in a list of
# parts: "原油は16.8%、液化天然ガス(LNG)は37.6%それぞれ減少", "食料品は58・1%減",
# "自動車が9・6%減", "電気回路などの機器が約39%" (同, 約 or a ratio word may come between)
_RUN = r"[\u4e00-\u9fff\u30a0-\u30ffー・A-Za-z]"
MARKED_PART = re.compile(r"(?<![\u4e00-\u9fff\u30a0-\u30ffー・A-Za-z(（])((?:" + _RUN + r"+などの)?" + _RUN +
                         r"{2,16}(?:[(（][A-Za-z]{2,6}[)）])?)[はが]\s*"
                         r"(?:同|前年同月比|前年同期比|前年比|約|およそ)?\s*$")
# "減少率は18年12月の7.0%減よりも拡大": a rate (伸び率, 減少率) or size of a change (下落幅) as the
# topic speaks of the flow and part of the sentence before
RATE_TOPIC = re.compile(r"(?:^|[、。])\s*(?:その)?(?:減少|増加|伸び|下落|上昇)(?:率|幅)は")


def marked_part(before: str) -> str:
    """The part a number's own は or が marks right before it (a list's item), "" for a word
    naming the whole, a flow, a period or a rate."""
    m = MARKED_PART.search(before)
    return m.group(1) if m and not NOT_PART.search(m.group(1)) else ""


def respective_parts(before: str, starts: list[int]) -> list[tuple[int, int, str]]:
    """"原油は16.8%、液化天然ガス(LNG)は37.6%それぞれ減少": the part each number before それぞれ
    marks (start, end, name), in order; [] unless every number marks one."""
    out, last = [], 0
    for start in starts:
        m = MARKED_PART.search(before[last:start])
        if not m or NOT_PART.search(m.group(1)):
            return []
        out.append((last + m.start(1), last + m.end(1), m.group(1)))
        last = start
    return out


# "それぞれ(大幅に)減少した": the direction of each number listed before それぞれ
RESPECTIVE_DIRECTION = re.compile(r"それぞれ\s*(?:[^\d、。]{0,6}に)?\s*(増|減|上昇|低下|下落|落ち込)")


def respective_direction(after: str) -> str:
    """"up" or "down" when the text after a number goes on to それぞれ and its verb with no
    other direction between ("16.8%、LNGは37.6%それぞれ減少"); "" otherwise."""
    m = RESPECTIVE_DIRECTION.search(after)
    if not m or re.search(r"増|減|上昇|低下|下落|落ち込", after[:m.start()]):
        return ""
    return "up" if m.group(1) in ("増", "上昇") else "down"


# "全体の6割を占める原材料": a share whose part is the noun 占める modifies, after it
SHARE_AFTER = re.compile(r"\s*を占め(?:る|た|ている|ていた)\s*(" + _RUN + r"{2,12})?")
# "中国と米国向けが…": parts joined in one subject; the sentence after is about neither
JOINED_PARTS = re.compile(r"\s*(?:向け)?\s*(?:と|や|、|及び|および)\s*$")
# "中国と米国向けがいずれも10%超の減少": the figure is each joined part's
EACH_OF = re.compile(r"(?:向け)?\s*[がは]\s*(?:いずれも|ともに)\s*$")

# Tables typed in an article (read/text/typed_table.py): the words of their rows and notes
# "(注)通関ベース。単位億円、…。カッコ内は前年同月比増減率%。▲は赤字または減。"
TABLE_NOTE = re.compile(r"\s*(?:[(（]注[)）]|注\s*[:：])")
TABLE_UNIT = re.compile(r"単位\s*[:：]?\s*(兆|億|百万|万|千)?\s*(円|ドル|㌦|元)")
TABLE_RATES = re.compile(r"(?:カッコ|かっこ|括弧|[(（]\s*[)）])内は\s*(?:対)?(?:前年同月比|前年同期比|前年比)")
TABLE_STATS = {"level": re.compile(r"(?:輸出|輸入)?(?:金額|価額|額)"),
               "growth_pct": re.compile(r"(?:対)?(?:前年同月比|前年同期比|前年比)(?:\s*[(（]?%[)）]?)?|"
                                        r"伸び?率|増減率")}
TABLE_WHOLE = re.compile(r"総額|合計|総計|全体|世界|計|全世界")
_SCALES = {"兆": "tn", "億": "100m", "百万": "m", "万": "10k", "千": "k"}


def table_unit(words: str) -> str:
    """The unit a table's title or note gives its bare numbers ("単位億円": JPY_100m)."""
    m = TABLE_UNIT.search(words)
    if not m:
        return ""
    currency = CURRENCY_WORDS.get(m.group(2)) or {"元": "CNY"}[m.group(2)]
    return currency + ("_" + _SCALES[m.group(1)] if m.group(1) else "")


def table_rates(note: str) -> str:
    """What a table's note says its numbers in parentheses are: a growth rate on a year
    earlier ("カッコ内は前年同月比増減率%"), else ""."""
    return "growth_pct" if TABLE_RATES.search(note) else ""


def table_stat(label: str) -> str:
    """The statistic a row's label names (金額: level; 前年同月比: growth), "" for a part."""
    return next((stat for stat, words in TABLE_STATS.items() if words.fullmatch(label)), "")
# "韓国産業通商資源部", "中国税関総署", "日本銀行": a country in an agency's name is the
# publisher, not a part
AGENCY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:部|省|庁|局|銀行|政府|協会|総署|税関)(?![\u4e00-\u9fff])")
# "半導体と中国向けの輸出が振るわず": a part joined to another noun before it (a list of parts)
JOINED_BEFORE = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffー・]{2,}(?:と|や|及び|および)\s*$")
# A topic or subject marked before a number that is not a time ("GDPは", "輸出額が"; not
# "1月には", "今年は"): a sentence naming one speaks of it, not of the flow before
TOPIC = re.compile(r"([\u4e00-\u9fff\u30a0-\u30ffー・A-Za-z()（）]{2,})(?:に)?[はが]")
TIME_WORD = re.compile(r"[月年期度日]$|今年|昨年|先月|今月|単月|当月|同月|同期|次第")


def names_topic(before: str) -> bool:
    """Whether the words before a number mark a topic or subject other than a time."""
    return any(not TIME_WORD.search(m.group(1)) for m in TOPIC.finditer(before))
# "輸出全体も2.4%急落": a flow followed by 全体 is the whole, whatever part was named before
WHOLE_AFTER = re.compile(r"(?:額|総額)?\s*全体(?!に占め|の\d)")
# "昨年度", "2018年度", "今年度上半期": a fiscal year (April to March in Japan), a period
# contract 1 has no name for
FISCAL_YEAR = re.compile(r"年度")
