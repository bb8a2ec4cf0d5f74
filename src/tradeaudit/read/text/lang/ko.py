"""Korean: amounts in 조/억/만 and their currencies, qualifiers and bounds (돌파, 넘어),
directions, forecasts, halves, and the words that name no part (particles, verb endings)."""

from __future__ import annotations

import re

# 조 (10^12), 억 (10^8), 만 (10^4): the scale characters of an amount, by power of ten
SCALES = {12: ["조"], 8: ["억"], 4: ["만"]}
AMOUNT_CURRENCIES = ["달러", "불", "원", "엔", "유로", "위안"]
CURRENCY_WORDS = {"불": "USD", "달러": "USD", "원": "KRW", "엔": "JPY", "유로": "EUR",
                  "위안": "CNY"}
QUALIFIER_WORDS = {"약": "about", "거의": "nearly", "이상": "over", "미만": "under"}
# "20%가량", "100억달러 안팎": about, said after the number
ABOUT_AFTER = ("가량", "정도", "내외", "안팎")
# "100억달러를 돌파": a bound, not a level (the words after the number)
BOUND_AFTER = r"\s*(?:을|를)?\s*(?:돌파|넘어|넘었|넘긴|넘는|넘은|웃돌|상회)"
# (the arrows of headlines: "전년比 12.5%↑")
UP = [r"증가\w*", r"늘어\w*", r"늘었\w*", r"늘(?:면서|며|고)", r"상승\w*", r"확대\w*", "↑"]
DOWN = [r"감소\w*", r"줄어\w*", r"줄었\w*", r"줄(?:면서|며|고)", r"하락\w*", r"축소\w*", "↓"]
FORECAST = "전망|예상|목표|계획"
PER_DAY = "일평균|하루 평균|월평균"
RESPECTIVELY = "각각"
HALVES = {"상반기": "H1", "하반기": "H2"}
NOT_SEGMENT = """
    전체 총 우리나라 한국 국내 무역 교역 수출입 다시 모두 각각 둘 더 크게 해마다 매년 매달 보면 하면 따르면 연간 월간 올해 지난해 전년 작년 같은 기간 누적 일평균 기술 상품
    우리 국가 특히 또 또한 및 등 중 이 그 한편 반면 이번 지난달 이달 당월 동월 전월 그리고
    달간 동안 역대 사상 부문 분야 이어 이어서 다만 이밖에 그밖에 주로 가장 위해 통해 대해 따라 역시 연속 나눈 더한 뺀 합친 합한
    이상 이하 미만 초과 수준 규모 내외 가량 상반기 하반기 반기 분기
""".split()  # noqa: SIM905 - a word list reads better as text
# Endings of Korean words that are no noun naming a part (particles, verb and adjective forms).
NOT_NOUN = re.compile(r"(?:[은는이가을를의에도과와로서만고며나데게한된인던았었였했됐별]|(?<!에너)(?<!전)지|으로|에서|부터|까지|"
                      r"대비|기준|동기|동월|실적|규모|전체|월|년|일)$")
# (에너지 and 전지, 이차전지 end like a verb form "…지" but are nouns; "부문별", "품목별" are
# "by part", no part)
# "전체 수출액의 12.5%를 차지했다": a share named after the number
# (also "18.29%와 4.58% 비중을 차지했다": several shares before the word)
SHARE_AFTER = r"(?:\s*(?:와|과|,|·)\s*[\d.]+\s*%)*\s*(?:(?:를|을)?\s*차지|(?:의\s*)?비중)"
# An item of a bulleted or comma list with its amount in parentheses: "△가전(30억 달러)",
# "…(12억 달러), 의류(8억 달러)", and the first after a clause ("1위를 차지했고 자동차(430억달러),
# 석유제품(406억달러)")
LIST_ITEM = re.compile(r"(?:[△▲□■◆●•▶]|\),?|[고며],?\s)\s*([가-힣A-Za-z][\w·]*)\s*\(\s*$")
# The endings that make a word before "(" no noun (verb forms, periods, bases); a noun in a
# list may end like a particle ("평판디스플레이")
NOT_NOUN_LISTED = re.compile(r"(?:[한된던았었였했됐]|으로|에서|부터|까지|대비|기준|동기|동월|실적|규모|전체|월|년|일)$")
# "반도체가 939억3500만달러로": the noun marked as the subject right before an amount
SUBJECT_BEFORE = re.compile(r"(?:^|[\s,])([가-힣A-Za-z][가-힣A-Za-z·]{1,11}?)(?:이|가)\s*(?:약\s*)?$")
# between a flow and its share: "수출액의 12.5%" (the flow named is the share's base)
SHARE_BASE = re.compile(r"\w*의\s*$")


def noun_before(before: str, stop: frozenset[str] | set[str], not_noun: re.Pattern) -> str:
    """The part named right before a flow ("반도체 수출", "자동차 부품 수출", "게임 산업의
    수출액"): up to two nouns written together, as Korean spacing of compounds varies
    ("게임 산업" is "게임산업"); "" when the words there are no nouns."""
    quoted = re.search(r"[‘'\"“「『《]([^’'\"”」』》]{1,20})[’'\"”」』》]\s*(?:부문|분야)?\s*$", before)
    if quoted:  # "‘가공식품(+)’ 부문 수출액": the name quoted, without its signs
        return re.sub(r"[^\w·]", "", quoted.group(1))
    m = re.search(r"(?:^|[\s(])((?:[가-힣·]{2,8}\s)?[가-힣·]{2,8})\s?$", before)
    if not m:
        return ""
    words = m.group(1).split()
    if len(words[-1]) > 2 and words[-1].endswith("의"):
        words[-1] = words[-1][:-1]  # the genitive: "게임 산업의 수출액"
    kept: list[str] = []
    for w in reversed(words):
        if w in stop or not_noun.search(w):
            break
        kept.insert(0, w)
    return "".join(kept)


# "2015년부터 5년 연속": the start of a run, not the year a sentence speaks of
RUN_FROM = (r"\s*년?\s*부터\s*\d+\s*(?:년|개월|달)\s*(?:연속|째)|"
            r"\s*년?\s*도?\s*\d+\s*위\s*(?:였던|이던)")  # (and "2020년도 1위였던": an earlier rank)
# A year named as an earlier record or a rank among years ("종전 최대였던 1996년",
# "역대 2위는 2017년"): a claim about other years, not the year the text is about
EARLIER_RECORD = re.compile(r"(?:종전|이전|직전)[^.,\d]{0,10}$|\d+위(?:는|가|였던|인)?\s*$")
# A sentence looking back ("2017년 조사 당시에도 …", "…한 바 있다"): an aside whose year the
# sentences after it do not speak of
ASIDE = re.compile(r"당시|(?:ㄴ|은|한|던)\s*바\s*있")


# "153억~177억달러": one end of a range of amounts, not one period's figure
RANGE_BEFORE = re.compile(r"\d\s*[조억만천]?\s*[~～]\s*$")
RANGE_AFTER = re.compile(r"\s*[~～]\s*\d")
# "지난달", also spaced "지난 달"
LAST_MONTH = r"지난\s?달"
# "무역 1조달러를 돌파": 무역 on its own right before an amount is the trade volume
VOLUME_BEFORE = re.compile(r"(?:^|[\s(]|대[미중일]|對[美中日])(무역)\s*$")
# A growth over a span of years, not on the year before: "지난 10년 동안", "10년간", "FTA 발효 10년"
SPAN_OF_YEARS = re.compile(r"(?<!\d)(?:[2-9]|[1-9]\d)\s*(?:년\s*(?:동안|사이|새)|년간|주년)|"
                           r"발효\s*\d{1,2}\s*년")
YEAR_ON_YEAR = re.compile(r"전년\s*(?:동월|동기|같은\s*(?:달|기간))?\s*(?:대비|比|보다|에\s*비해)")


def list_items(s: str, amount: str) -> dict[int, str]:
    """The parts of a list of bare nouns with their amounts ("부문별 수입액은 원유 72억5000만달러,
    가스 61억8000만달러, 석탄 18억7000만달러 등이다"): amount start -> the noun before it. Only
    when at least two such items follow each other, separated by commas."""
    item = r"([가-힣][가-힣·]{0,9})\s+(" + amount + ")"
    out: dict[int, str] = {}
    for m in re.finditer(item + r"(?:\s*,\s*" + item + r")+", s):
        for x in re.finditer(item, m.group(0)):
            noun = x.group(1)
            if NOT_NOUN.search(noun) or noun in NOT_SEGMENT:
                continue
            out[m.start() + x.start(2)] = noun
    return out
# "1조1403달러", "1072억2000달러": trillions or hundred millions and then units with no 억 or
# 만 between (read as printed, to the unit: a dropped 억 or 만 is then found, not hidden)
UNITS_AFTER_SCALE = re.compile(r"(?<![\d.,])(\d{1,4})(조|억)(\d{1,4})\s?$")
SCALE_POWER = {"조": 12, "억": 8}
# A part with its growth in parentheses: "석유제품(6.8%)", "반도체(-8.3%)" (the sign printed;
# parts may be joined by a middle dot: "중국(8.6%)·미국(6.0%)")
# (△ before a number is a minus in ministry releases; a note may come first: "중국(홍콩 포함,
# △39.0%)")
PAREN_ITEM = re.compile(r"(?:^|[\s,、]|(?<=\))·)([가-힣A-Za-z][가-힣A-Za-z·]{0,11})\s*\((?:[^()%\d]{1,12},)?\s*"
                        r"([+\-–−△])?\s*$")
MINUS = re.compile(r"[(,]\s*△\s*$")
# A part with its amount and growth in parentheses ("시스템(31.2억불, △22.1%) 및 메모리(29.3억불,
# △54.1%)") or after a colon ("(반도체 : 64.8억불, △40.5%)"): the amount is that part's
PAIR_ITEM = re.compile(r"(?:^|[\s(,])([가-힣A-Za-z][가-힣A-Za-z·]{0,11})\s*(?:\(|:)\s*$")
PAIR_AFTER = re.compile(r"[^()%]{1,20},\s*[+\-–−△]?\s*\d[\d.]*\s*%\s*\)")
# A clause joined by a past verb's connective ending ("…늘었고, 도입액은", "…줄었으나 가스는",
# "…증가했지만", "…였으며")
CLAUSE_BREAK = r"(?<=[었였했됐])(?:고|으며|며|으나|지만|는데)(?=[,\s])"
# The part a contrasting clause is about: "(줄었으나) 가스는 …"
CONTRAST_TOPIC = re.compile(r"(?:고|으며|며|으나|지만|는데),?\s+([가-힣]{2,8})(?:은|는)\s")


def respective_parts(before: str) -> list[tuple[int, int, str]]:
    """The parts named before 각각 ("반도체와 컴퓨터 수출이 각각"): (start, end, noun) of each,
    joined by 와/과, 및 or commas; [] when the words there are no such list."""
    m = re.search(r"((?:[가-힣A-Za-z·]+\s*(?:와|과|및|,|、)\s*)+[가-힣A-Za-z·]+?)\s*"
                  r"(?:(?:으로의|로의|과의|와의|에\s*대한)\s*)?(?:(?:수출|수입|도입)(?:액|량)?)?\s*"
                  r"(?:이|가|은|는|의)?\s*(?:전년\s*(?:동기|동월)?\s*(?:대비|比)\s*)?$", before)
    if not m:
        return []
    out = []
    for x in re.finditer(r"([가-힣A-Za-z·]+?)(?:\s*(?:와|과|및|,|、)\s*|\s*$)", m.group(1)):
        noun = x.group(1)
        if noun in NOT_SEGMENT or NOT_NOUN.search(noun):
            out = []  # ("…달러로, 반도체와 컴퓨터 수출이": the list starts after a word no part)
            continue
        out.append((m.start(1) + x.start(1), m.start(1) + x.end(1), noun))
    return out
# "0.02 포인트 감소": a change of a ratio in points
POINTS_AFTER = re.compile(r"\s*포인트")

# Flows joined by "·" in one name ("기술수출·도입", "수출·수입"): each in turn, for 각각
JOINED = {"수출": "exports", "수입": "imports", "도입": "imports"}


def joined_flows(name: str) -> list[str]:
    """["exports", "imports"] for "수출·도입"; [] for a name that joins no flows."""
    words = [re.sub(r"^기술", "", w.strip()) for w in name.split("·")]
    keys = [JOINED.get(w, "") for w in words]
    return keys if len(keys) > 1 and all(keys) else []
# "1위였던 정보·통신": a rank held before (the part named after it)
RANK_EARLIER = re.compile(r"\s*(?:였던|이던)")
# "비중 합계는 약 22.8%", "수출액 합계가": a sum of parts
SUM_BEFORE = re.compile(r"(?:합계|합산)\s*(?:는|은|가|이|로|도)?\s*(?:약\s*)?$")
# "1,428억달러로 19.73%를 기록한 중국": the part a relative clause after the numbers is about
REL_SUBJECT = re.compile(r"(?:기록한|달한|차지한|나타낸|올린)\s*$")
# "2000년대": a decade, no year
DECADE = r"년?대(?!비)"
# "최대 수출국이었지만": a rank held at some earlier time, not now
RANK_GONE = re.compile(r"\s*[가-힣]{0,6}\s*(?:이었|였)(?:지만|으나|는데)")
# "지난 10월 7천300만달러 흑자를 기록했던 무역수지는": a month named inside a clause looking back
# (an adnominal ending in …던) is that clause's, not the month the sentence speaks of
EARLIER_CLAUSE = re.compile(r"(?:(?:지난|작년|지난해|올해)\s*)?(?:\d{4}\s*년\s*)?(?<!\d)\d{1,2}\s*월"
                            r"[^,.?!\n]{0,40}?(?:했|였|됐|었|이)던(?=\s)")
# "대세계 수출": the country's trade with the world, its total; "세계 무역 규모" on its own is
# the world's trade, or (in a journalist's shorthand) the country's with the world: unread
WORLD_WITH = {"대세계", "對세계", "대전세계"}
WORLD = {"세계", "전세계", "글로벌", "세계시장", "국제"}
# A ministry release's section heading ("□ 품목별 수출 실적 및 특징") names the flow of the
# bullets ("○ (반도체 : 64.8억불, △40.5%) …") under it, up to the next heading
HEADING = re.compile(r"\s*□")
BY_PART_HEADING = re.compile(r"\s*□\s*(?:품목|지역|국가|업종|산업|시장)별")
BULLET = re.compile(r"\s*[○◦ㅇ]")
# "(반도체 : 64.8억불, △40.5%)": a part, a colon, its amount and growth in one parenthesis
PAIR_OPEN = re.compile(r"\(\s*[가-힣A-Za-z][가-힣A-Za-z·]{0,11}\s*:\s*$")
# "특히 반도체는 역대 최대치를 경신한 136억 달러 수출한": the topic opening the sentence is
# the part whose flow is named after the number (not an agency: "산업부는", "관세청은")
SENTENCE_TOPIC = re.compile(r"(?:(?:특히|또|또한|한편|다만|이\s?중|이\s?가운데)\s*,?\s*)?"
                            r"([가-힣·]{2,8})(?:은|는)\s")
AGENCY = re.compile(r"(?:부|청|처|원|회|측|사|소|관|팀|장|당국|정부|은행)$")
# "역대 수출액 2위는 2017년 5737억 달러였다. 이어 3위는 2014년 5727억 달러": a ranking going on
# from the sentence before takes its flow
RANKS_GO_ON = re.compile(r"\s*(?:이어|이어서|다음으로)\s*,?\s*\d+\s*위\s*(?:는|가|로는)\s")
# "음료 수출액(5억7240만달러)은 11.5%, 가공밥 수출액(2억1630만달러)은 18.9% 늘었다": a
# percentage whose verb is said once, after the next item's (no verb, no % between)
GAPPED = re.compile(r"\s*,\s*([^%.,;다]{1,60}?)[\d.]+\s*%\s*(" + "|".join(UP + DOWN) + ")")
# "2018년 11월(51억3000만달러) 대비로는", "10월(78억3000만달러)보다", "2017년 11월 114억6000만달러에서":
# a month named as what is compared with, or where a change starts, is no period the
# sentence speaks of (the amount after it, if any, is that month's)
COMPARED_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*|[\d,.]+[조억만천\d,.]*\s?(?:달러|불|원|엔|유로|위안)\s*)?"
                            r"(?:보다|대비|에\s*비해|에서)")
# "10월(78억3000만달러)보다 18억6000만달러 줄었으나": the month a change is compared with
MONTH_COMPARED = re.compile(r"(?:((?:19|20)\d\d)\s*년\s*)?(?<![\d.])(\d{1,2})\s*월\s*(?:\([^()]*\))?\s*"
                            r"(?:보다|대비|에\s*비해)")
# "4억달러 줄었다", "6억3000만달러 늘었다": an amount right before its direction is a change
# (the level is the one with 로 before it: "9억5000만달러로 4억달러 줄었다")
CHANGE_AFTER = re.compile(r"\s*(?:" + "|".join(UP + DOWN) + ")")
# "대비로는", "보다는": a comparison's particles before the change
COMPARED_BEFORE = re.compile(r"(?:대비|보다|에 비해)(?:로는|로|는)?\s*$")
# "중국·미국 등 주력시장으로의 수출증대로", "여행수지가 개선되면서", "원자재 수입 감소로": a cause
# clause; the parts and flows named in it are not what the number after it is of (the
# sentence's topic is: "수출은 … 증대로 전년대비 2.1% 증가")
CAUSE_END = re.compile(r"(?:되면서|하면서|늘면서|줄면서|(?:증가|감소|증대|확대|축소|부진|호조|하락|상승|개선|악화|"
                       r"둔화|급증|급감|회복)(?:\s*등)?(?:으로|로)(?!의)|영향으로|(?:으로|로)\s*인해|때문에|덕분에|"
                       r"힘입어)(?=[\s,])")
# "수출은", "적자는", "수입액은": a flow as the sentence's topic
TOPIC_AFTER = re.compile(r"\s*(?:액|량|규모|폭)?\s*(?:은|는)\s")
# "통관 기준 수출": customs-cleared trade, not the balance of payments' goods account
CUSTOMS_BASIS = re.compile(r"통관")
# "24.4% 큰 폭으로 줄었다", "3.1% 소폭 늘었다": a degree between a rate and its direction
DEGREE_THEN = re.compile(r"\s*(?:큰\s*폭으로|큰\s*폭|소폭|대폭|크게|다소|더|또)\s*(" + "|".join(UP + DOWN) + ")")
# "수출 1위 품목은 반도체였다", "품목 1위 '반도체'": the part named right after a rank
RANK_NAMED_AFTER = re.compile(r"\s*(?:(?:품목|국가|국|상대국|시장)\s*(?:은|는|이|가)\s*|['‘\"“])"
                              r"([가-힣A-Za-z·]{2,12}?)(?:['’\"”]|였다|이다|였으며|이며|으로|로)")
# "최대 무역흑자 국가는 홍콩", "최대 수출입 대상국은 단연 중국": the words between a rank and the
# part it names
RANK_SUBJECT_AFTER = re.compile(r"[^,.()\d]{0,20}?(?:국가?|시장|상대국|품목)\s*(?:은|는|이|가)\s*(?:단연\s*)?")
# "최대 수출입 대상국": the partner of the trade both ways (the volume)
TRADE_BOTH_WAYS = re.compile(r"\s*수출입\s*(?:대상\s*)?(?:국|상대국)")
# "반도체의 수출물가지수는 … 33.0% 하락": a price index (or unit price), not the trade's value
PRICE = re.compile(r"(?:수출|수입)\s*물가|물가\s*지수|(?:수출|수입)\s*단가")
