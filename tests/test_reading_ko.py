"""Reading Korean articles (issue 19): the grammar of Korean news and ministry releases that
made misses or misreadings on the corpus, each as an invented sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_text

# name: (text, publication date or None, expected figures)
CASES = {
    "a comma list of bare nouns with their amounts": (
        "2024년 품목별 수출액은 반도체 120억달러, 자동차 65억달러, 선박 21억달러 등이다.", None,
        [("2024", "item=반도체", "exports", "level", "120", "USD_100m", ""),
         ("2024", "item=자동차", "exports", "level", "65", "USD_100m", ""),
         ("2024", "item=선박", "exports", "level", "21", "USD_100m", "")]),
    "each amount of a list takes the month printed before it": (
        ("월별 무역수지 흑자액은 작년 11월 35억2000만달러, 같은해 12월 42억달러, 올해 1월 "
        "10억달러 등이다."), "2024-03-05",
        [("2023-11", "total", "balance", "level", "35.2", "USD_100m", ""),
         ("2023-12", "total", "balance", "level", "42", "USD_100m", ""),
         ("2024-01", "total", "balance", "level", "10", "USD_100m", "")]),
    "a half of the year before a flow is its period, no part": (
        "2024년 상반기 수출은 3348억달러였고, 하반기 수출은 3490억달러였다.", None,
        [("2024-H1", "total", "exports", "level", "3348", "USD_100m", ""),
         ("2024-H2", "total", "exports", "level", "3490", "USD_100m", "")]),
    "a half named as a base is no period of the number after it": (
        "2024년 하반기 수출은 3490억달러로 상반기 대비 4.2% 늘었지만 상반기 수출은 3348억달러였다.",
        None,
        [("2024-H2", "total", "exports", "level", "3490", "USD_100m", ""),
         ("2024-H2", "total", "exports", "growth_pct", "4.2", "pct", ""),
         ("2024-H1", "total", "exports", "level", "3348", "USD_100m", "")]),
    "an end of a range of amounts is no figure": (
        "2023년 에너지수입액은 80억~95억달러를 오갔다.", None, []),
    "the sign after a parenthesized conversion": (
        "2024년 무역수지는 52억3000만 달러(약 7조원) 적자를 기록했다.", None,
        [("2024", "total", "balance", "level", "-52.3", "USD_100m", ""),
         ("2024", "total", "balance", "level", "-7", "KRW_tn", "about")]),
    "the part named before a flow after the number": (
        ("2024년 5월 210억달러로 최고치를 찍은 반도체수출액은 이후 줄었다.\n\n"
         "2024년 6년째 ‘700억달러 이상 흑자’ 행진"), None,  # (이상 is no part)
        [("2024-05", "item=반도체", "exports", "level", "210", "USD_100m", ""),
         ("2024", "total", "balance", "level", "700", "USD_100m", "over")]),
    "a contrasting clause names its own part": (
        "2024년 원유 수입은 전년 대비 3.1% 줄었으나 가스는 12.4% 늘었다.", None,
        [("2024", "item=원유", "imports", "growth_pct", "-3.1", "pct", ""),
         ("2024", "item=가스", "imports", "growth_pct", "12.4", "pct", "")]),
    "무역 before an amount is the trade volume": (
        "2024년 수출은 6300억달러로 늘었고, 2년 연속 무역 1조달러를 넘었다.", None,
        [("2024", "total", "exports", "level", "6300", "USD_100m", ""),
         ("2024", "total", "volume", "level", "1", "USD_tn", "over")]),
    "trillions then units read as printed": (
        "2024년 교역액은 1조2050달러였다.", None,
        [("2024", "total", "volume", "level", "1.000000002050", "USD_tn", "")]),
    "parts listed with their growth in parentheses": (
        "2024년 품목별 수출은 반도체(12.5%)와 선박(30.2%) 등은 늘었고, 철강(-4.1%)은 줄었다.",
        None,
        [("2024", "item=반도체", "exports", "growth_pct", "12.5", "pct", ""),
         ("2024", "item=선박", "exports", "growth_pct", "30.2", "pct", ""),
         ("2024", "item=철강", "exports", "growth_pct", "-4.1", "pct", "")]),
    "a printed sign the words contradict is not read": (
        "2024년 수출은 반도체(-3.0%)와 선박(5.0%) 등이 늘었다.", None,
        [("2024", "item=선박", "exports", "growth_pct", "5.0", "pct", "")]),
    "지난 달 spaced, and a month with its year is dated": (
        ("지난 달 수출은 484억달러였다. 무역수지는 43억달러 흑자로 2012년 2월 이후 83개월 연속 "
        "흑자다."), "2019-01-15",
        [("2018-12", "total", "exports", "level", "484", "USD_100m", ""),
         ("2018-12", "total", "balance", "level", "43", "USD_100m", "")]),
    "a headline without a period is in the year the text speaks of": (
        "수출 6839억달러 찍었다\n\n지난해 수출은 6839억달러였다.", "2023-01-01",
        [("2022", "total", "exports", "level", "6839", "USD_100m", ""),
         ("2022", "total", "exports", "level", "6839", "USD_100m", "")]),
    "the ends of a range of years are not the text's year": (
        ("에너지수입액 153억달러 기록\n\n2월 에너지수입액은 153억달러로 작년 2월 대비 3.6% "
        "증가했다. 최근 10년(2013~2022년) 월평균은 97억달러다."), "2023-03-01",
        [("2023", "item=에너지", "imports", "level", "153", "USD_100m", ""),
         ("2023-02", "item=에너지", "imports", "level", "153", "USD_100m", ""),
         ("2023-02", "item=에너지", "imports", "growth_pct", "3.6", "pct", "")]),
    "△ before a number is a minus": (
        "2024년 품목별 수출은 반도체(△12.5%), 휴대폰(△3.2%) 등이 감소했다.", None,
        [("2024", "item=반도체", "exports", "growth_pct", "-12.5", "pct", ""),
         ("2024", "item=휴대폰", "exports", "growth_pct", "-3.2", "pct", "")]),
    "a part with its amount and growth in parentheses": (
        ("2024년 반도체 수출은 감소했으며 시스템(31.2억불, △22.1%) 및 메모리(29.3억불, △54.1%) "
        "모두 줄었다."), None,
        [("2024", "item=시스템", "exports", "level", "31.2", "USD_100m", ""),
         ("2024", "item=시스템", "exports", "growth_pct", "-22.1", "pct", ""),
         ("2024", "item=메모리", "exports", "level", "29.3", "USD_100m", ""),
         ("2024", "item=메모리", "exports", "growth_pct", "-54.1", "pct", "")]),
    "parts listed 각각 from one value to another": (
        ("대미 수출은 2012년 585억 달러에서 지난해 959억 달러로 늘었다. 선박과 철강 수출이 각각 "
         "12억 달러, 30억 달러에서 지난해 18억 달러, 41억 달러까지 늘었다."), "2022-03-14",
        [("2012", "country=US", "exports", "level", "585", "USD_100m", ""),
         ("2021", "country=US", "exports", "level", "959", "USD_100m", ""),
         ("2012", "item=선박", "exports", "level", "12", "USD_100m", ""),
         ("2012", "item=철강", "exports", "level", "30", "USD_100m", ""),
         ("2021", "item=선박", "exports", "level", "18", "USD_100m", ""),
         ("2021", "item=철강", "exports", "level", "41", "USD_100m", "")]),
    "growth over a span of years named in words": (
        "FTA 발효 10년, 2022년 대미 수출 80% 늘었다", None, []),
    "대미무역 before a growth rate is the volume's": (
        "2022년 대미무역 12.0% 늘었다", None,
        [("2022", "country=US", "volume", "growth_pct", "12.0", "pct", "")]),
    "a ratio's change in points": (
        ("2022년 수출액을 도입액으로 나눈 기술 무역수지 비는 0.78로, 전년 대비 0.02 포인트 "
        "감소했다."), None,
        [("2022", "total", "ratio", "level", "0.78", "ratio", ""),
         ("2022", "total", "ratio", "change", "-0.02", "ratio", "")]),
    "flows joined by · and read 각각": (
        "2022년 대중 기술수출·도입 각각 전년比 12%·7%↑", None,
        [("2022", "country=CN", "exports", "growth_pct", "12", "pct", ""),
         ("2022", "country=CN", "imports", "growth_pct", "7", "pct", "")]),
    "a number inside a definition is not read": (
        "2022년 기술무역 수지비(수출/도입, 1미만 값은 적자)는 0.75였다.", None,
        [("2022", "total", "ratio", "level", "0.75", "ratio", "")]),
    "줄면서 is a fall": (
        "2022년 전기·전자 산업 기술무역 규모가 4.2% 줄면서 2위가 됐다.", None,
        [("2022", "industry=electronics", "volume", "growth_pct", "-4.2", "pct", "")]),
    "a part named after a number is the later number's": (
        "작년 기술무역 규모 40조원…'정보·통신' 5%↓", "2023-03-01",
        [("2022", "total", "volume", "level", "40", "KRW_tn", ""),
         ("2022", "industry=ict", "volume", "growth_pct", "-5", "pct", "")]),
    "a rank held in an earlier year": (
        ("기계 산업 기술무역 규모가 2022년 12.0% 증가해 1위로 올라섰고, 2021년도 1위였던 "
        "화학 산업 기술무역 규모가 2022년 3.0% 줄었다."), None,
        [("2022", "industry=machinery", "volume", "growth_pct", "12.0", "pct", ""),
         ("2022", "industry=chemicals", "volume", "growth_pct", "-3.0", "pct", ""),
         ("2022", "industry=machinery", "volume", "rank", "1", "rank", ""),
         ("2021", "industry=chemicals", "volume", "rank", "1", "rank", "")]),
    "a share whose part is not named is not read": (
        "2023년 수출 비중 21.5%", None, []),
    "a sum of parts is not one part's figure": (
        "2023년 수출액에서 미국과 일본의 비중 합계는 약 21.5%였다.", None, []),
    "the part a relative clause after the numbers names": (
        "2023년 대미 수출은 1,100억달러로, 1,250억달러로 20.5%를 기록한 중국에 못 미쳤다.", None,
        [("2023", "country=US", "exports", "level", "1100", "USD_100m", ""),
         ("2023", "country=CN", "exports", "level", "1250", "USD_100m", "")]),
    "parts listed 각각 with their shares": (
        ("2023년 중국과 베트남으로의 수출액은 각각 1,200억달러, 500억달러로 전체 수출액에서 "
        "19.5%와 8.1% 비중을 차지했다."), None,
        [("2023", "country=CN", "exports", "level", "1200", "USD_100m", ""),
         ("2023", "country=VN", "exports", "level", "500", "USD_100m", ""),
         ("2023", "country=CN", "exports", "share_pct", "19.5", "pct", ""),
         ("2023", "country=VN", "exports", "share_pct", "8.1", "pct", "")]),
    "a decade is no year, a rank held before is none now": (
        "일본은 1990년대까지만 해도 최대 수출국이었지만, 2005년 중국에 1위 자리를 내줬다.",
        None,
        [("2005", "country=CN", "exports", "rank", "1", "rank", "")]),
    "a year glued before an amount is that amount's, even before 이후": (
        "2022년 대일 무역적자는 150억달러로, 2005년 244억달러 이후 가장 작았다.", None,
        [("2022", "country=JP", "balance", "level", "-150", "USD_100m", ""),
         ("2005", "country=JP", "balance", "level", "-244", "USD_100m", "")]),
    "the year before's signed amount in parentheses": (
        "2022년 서비스수지는 적자 폭이 전년(-120억달러)보다 줄었다.", None,
        [("2021", "account=services", "balance", "level", "-120", "USD_100m", "")]),
    "a monthly text's headline is in its month": (
        "수출 600억불, 반도체 호조\n\n지난달 수출은 600억 달러로 전년 동월 대비 5.0% 늘었다.",
        "2025-10-01",
        [("2025-09", "total", "exports", "level", "600", "USD_100m", ""),
         ("2025-09", "total", "exports", "level", "600", "USD_100m", ""),
         ("2025-09", "total", "exports", "growth_pct", "5.0", "pct", "")]),
    "parts listed 각각 after 전년 동기 대비, and a list taking the flow before": (
        ("2019년 11월 수출은 줄었다. 품목별로는 기계·정밀기기와 화공품 수출이 전년 동기 대비 각각 "
         "5.6%, 0.6% 증가했다. 반면 반도체(-42.4%)를 비롯해 전기·전자(-33.2%)는 모두 하락했다."),
        None,
        [("2019-11", "item=기계·정밀기기", "exports", "growth_pct", "5.6", "pct", ""),
         ("2019-11", "item=화공품", "exports", "growth_pct", "0.6", "pct", ""),
         ("2019-11", "item=반도체", "exports", "growth_pct", "-42.4", "pct", ""),
         ("2019-11", "industry=electronics", "exports", "growth_pct", "-33.2", "pct", "")]),
    "a number before another number's flow, and 미국발": (
        ("2018년 수출은 전년 대비 5.5% 늘어난 6054억7000만 달러의 수출 실적을 기록했다. 적자는 "
         "미국발 금융위기 당시인 2008년(132억6000만달러 적자) 이후 처음이다."), None,
        [("2018", "total", "exports", "growth_pct", "5.5", "pct", ""),
         ("2018", "total", "exports", "level", "6054.7", "USD_100m", ""),
         ("2008", "total", "balance", "level", "-132.6", "USD_100m", "")]),
    "a list by item takes the flow of the paragraph before": (
        ("2023년 4월 정보통신산업(ICT) 수출은 전년 동월 대비 20.1% 감소하였다.\n\n"
         "품목별로는 반도체(△30.5%), 휴대폰(△11.6%) 등이 감소한 것으로 나타났다."), None,
        [("2023-04", "industry=ict", "exports", "growth_pct", "-20.1", "pct", ""),
         ("2023-04", "item=반도체", "exports", "growth_pct", "-30.5", "pct", ""),
         ("2023-04", "item=휴대폰", "exports", "growth_pct", "-11.6", "pct", "")]),
    "the first among deficit partners is no rank of the balance": (
        "2024년 일본은 한국의 무역적자국 1위를 지켰다. 대일 무역적자는 150억달러였다.", None,
        [("2024", "country=JP", "balance", "level", "-150", "USD_100m", "")]),
    "a month inside a clause looking back (…했던) is that clause's only": (
        ("지난달 수출은 100억달러였다.\n\n반면 수입은 90억달러로 줄어, 지난 10월 2억달러 적자를 "
         "기록했던 무역수지는 흑자(10억달러)로 돌아섰다."), "2024-12-10",
        [("2024-11", "total", "exports", "level", "100", "USD_100m", ""),
         ("2024-11", "total", "imports", "level", "90", "USD_100m", ""),
         ("2024-10", "total", "balance", "level", "-2", "USD_100m", ""),
         ("2024-11", "total", "balance", "level", "10", "USD_100m", "")]),
    "world trade is unread, trade with the world (대세계) is the total": (
        ("2024년 대세계 수출은 6000억달러였다. 같은 기간 세계 무역 규모는 1조2000억달러에서 "
         "1조3000억달러로 늘었다."), None,
        [("2024", "total", "exports", "level", "6000", "USD_100m", "")]),
    "a 품목별 section heading names the flow of its bullets": (
        ("2024년 4월 ICT 수출입 동향\n\n□ 품목별 수출 실적 및 특징\n\n"
         "○ 업황 부진으로 시스템(31.2억불, △22.1%) 및 메모리(29.3억불, △54.1%) 동시 감소"), None,
        [("2024-04", "item=시스템", "exports", "level", "31.2", "USD_100m", ""),
         ("2024-04", "item=시스템", "exports", "growth_pct", "-22.1", "pct", ""),
         ("2024-04", "item=메모리", "exports", "level", "29.3", "USD_100m", ""),
         ("2024-04", "item=메모리", "exports", "growth_pct", "-54.1", "pct", "")]),
    "a part, a colon, its amount and growth in one parenthesis": (
        "○ 2024년 4월 수출은 (반도체 : 64.8억불, △40.5%) 부진했다.", None,
        [("2024-04", "item=반도체", "exports", "level", "64.8", "USD_100m", ""),
         ("2024-04", "item=반도체", "exports", "growth_pct", "-40.5", "pct", "")]),
    "the topic opening a sentence is the part of a flow named after the number": (
        ("2024년 9월 수출은 늘었다. 특히 반도체는 역대 최대치를 경신한 136억 달러 수출한 것으로 "
         "나타났다. 산업부는 500억 달러 수출을 기록했다고 밝혔다."), None,
        [("2024-09", "item=반도체", "exports", "level", "136", "USD_100m", "record"),
         ("2024-09", "total", "exports", "level", "500", "USD_100m", "")]),
    "a number after those listed 각각 with its own flow after it": (
        ("2024년 수출과 수입은 각각 500억달러, 520억달러로 20억달러의 적자를 기록했다."), None,
        [("2024", "total", "exports", "level", "500", "USD_100m", ""),
         ("2024", "total", "imports", "level", "520", "USD_100m", ""),
         ("2024", "total", "balance", "level", "-20", "USD_100m", "")]),
    "a ranking going on (이어 3위는) takes the flow of the sentence before": (
        ("역대 수출액 2위는 2021년 6444억 달러였다. 이어 3위는 2018년 6049억 달러, 4위는 "
         "2017년 5737억 달러로 집계됐다."), None,
        [("2021", "total", "exports", "level", "6444", "USD_100m", ""),
         ("2018", "total", "exports", "level", "6049", "USD_100m", ""),
         ("2017", "total", "exports", "level", "5737", "USD_100m", "")]),
    "a growth whose verb is said once, after the next item's": (
        "2024년 음료 수출액(5억달러)은 11.5%, 김치 수출액(2억달러)은 18.9% 늘었다.", None,
        [("2024", "item=음료", "exports", "level", "5", "USD_100m", ""),
         ("2024", "item=음료", "exports", "growth_pct", "11.5", "pct", ""),
         ("2024", "item=김치", "exports", "level", "2", "USD_100m", ""),
         ("2024", "item=김치", "exports", "growth_pct", "18.9", "pct", "")]),
    "last month (지난달) without a date stays unread, a month named is the unnamed year's": (
        "지난달 수출은 500억달러로 5.0% 늘었다. 6월 수입은 480억달러였다.", None,
        [("Y-06", "total", "imports", "level", "480", "USD_100m", "")]),
    "a month compared with is a base, the same month one before the sentence's": (
        ("11월 경상수지 흑자 폭은 10월(78억3000만달러)보다 18억6000만달러 줄었으나 2018년 11월"
         "(51억3000만달러) 대비로는 8억4000만달러 늘었다."), "2020-01-07",
        [("2019-10", "total", "balance", "level", "78.3", "USD_100m", ""),
         ("2019-11", "total", "balance", "change", "-18.6", "USD_100m", ""),
         ("2018-11", "total", "balance", "level", "51.3", "USD_100m", ""),
         ("2019-11", "total", "balance", "change", "8.4", "USD_100m", "")]),
    "last year's month compared with, in a text of January": (
        "2019년 11월 상품수지 흑자는 73억9000만달러로 작년 11월(75억달러)보다 1억1000만달러 축소됐다.",
        "2020-01-07",
        [("2019-11", "account=goods", "balance", "level", "73.9", "USD_100m", ""),
         ("2018-11", "account=goods", "balance", "level", "75", "USD_100m", ""),
         ("2019-11", "account=goods", "balance", "change", "-1.1", "USD_100m", "")]),
    "an amount right before its direction is a change; balance of payments accounts": (
        ("2019년 11월 여행수지 적자는 9억5000만달러로 4억달러 줄었다. 본원소득수지 흑자는 "
         "9억7000만달러로 6억3000만달러 늘었다. 이전소득수지는 6억5000만달러 적자를 시현했다."), None,
        [("2019-11", "account=travel", "balance", "level", "-9.5", "USD_100m", ""),
         ("2019-11", "account=travel", "balance", "change", "4", "USD_100m", ""),
         ("2019-11", "account=primary-income", "balance", "level", "9.7", "USD_100m", ""),
         ("2019-11", "account=primary-income", "balance", "change", "6.3", "USD_100m", ""),
         ("2019-11", "account=secondary-income", "balance", "level", "-6.5", "USD_100m", "")]),
    "the bank is no part; a month before X에서 is X's": (
        ("한국은행은 8일 지난해 11월 국제수지 잠정치를 발표하고 경상수지가 50억6000만달러 흑자로 "
         "기록됐다고 밝혔다. 상품수지 흑자규모는 2017년 11월 114억6000만달러에서 79억7000만달러로 "
         "축소됐다."), "2019-01-08",
        [("2018-11", "total", "balance", "level", "50.6", "USD_100m", ""),
         ("2017-11", "account=goods", "balance", "level", "114.6", "USD_100m", ""),
         ("2018-11", "account=goods", "balance", "level", "79.7", "USD_100m", "")]),
    "in a balance of payments text exports and imports are the goods account's": (
        ("2019년 11월 경상수지는 59억7000만달러 흑자였다. 수출이 465억달러로 10.3% 줄었다. 한편 통관 "
         "기준 수출은 441억달러였다."), None,
        [("2019-11", "total", "balance", "level", "59.7", "USD_100m", ""),
         ("2019-11", "account=goods", "exports", "level", "465", "USD_100m", ""),
         ("2019-11", "account=goods", "exports", "growth_pct", "-10.3", "pct", ""),
         ("2019-11", "total", "exports", "level", "441", "USD_100m", "")]),
    "a cause clause names no part of the topic's figure": (
        ("2013년 수출은 중국·미국 등 주력시장으로의 수출증대로 전년대비 2.1% 증가했다. 2013년 수입은 "
         "유가 하락 등으로 인한 원자재 수입 감소로 전년대비 0.8% 감소했다. 2019년 11월 서비스수지 "
         "적자는 18억9000만달러로 여행수지가 개선되면서 전년 동월보다 3억달러 축소됐다."), None,
        [("2013", "total", "exports", "growth_pct", "2.1", "pct", ""),
         ("2013", "total", "imports", "growth_pct", "-0.8", "pct", ""),
         ("2019-11", "account=services", "balance", "level", "-18.9", "USD_100m", ""),
         ("2019-11", "account=services", "balance", "change", "3", "USD_100m", "")]),
    "a rate with its change in parentheses, 전년 동기 대비": (
        ("2025년 9월 전체 수출액은 659억5400만달러로 전년 동기 대비 12.7%(42억7000만달러) 늘었다. "
         "2021년 2월 수입은 316억 달러로 24.1%(61억4000만 달러↑) 증가했다."), None,
        [("2025-09", "total", "exports", "level", "659.54", "USD_100m", ""),
         ("2025-09", "total", "exports", "growth_pct", "12.7", "pct", ""),
         ("2025-09", "total", "exports", "change", "42.7", "USD_100m", ""),
         ("2021-02", "total", "imports", "level", "316", "USD_100m", ""),
         ("2021-02", "total", "imports", "growth_pct", "24.1", "pct", ""),
         ("2021-02", "total", "imports", "change", "61.4", "USD_100m", "")]),
    "an amount whose 만 is dropped is read as printed": (
        "2019년 대중 수입은 1072억2000달러였다.", None,
        [("2019", "country=CN", "imports", "level", "1072.00002000", "USD_100m", "")]),
    "the part marked by 가 before its amount; a list's first and last parts": (
        ("2019년 수출 품목은 반도체가 939억3500만달러로 1위를 차지했고 자동차(430억4000만달러), "
         "평판디스플레이(204억9300만달러) 등 순이다."), None,
        [("2019", "item=반도체", "exports", "level", "939.35", "USD_100m", ""),
         ("2019", "item=자동차", "exports", "level", "430.4", "USD_100m", ""),
         ("2019", "item=평판디스플레이", "exports", "level", "204.93", "USD_100m", ""),
         ("2019", "item=반도체", "exports", "rank", "1", "rank", "")]),
    "the part right before its amount, not a relative clause after it": (
        "2019년 무역흑자는 홍콩(301억3900만달러)이 흑자를 기록한 중국(289억9400만달러)보다 많았다.", None,
        [("2019", "country=HK", "balance", "level", "301.39", "USD_100m", ""),
         ("2019", "country=CN", "balance", "level", "289.94", "USD_100m", "")]),
    "a subtitle naming no flow takes its title's": (
        ("韓 무역 규모 역대 최대…2년 연속 1조달러 돌파\n\n지난해 1조1403달러…전년比 8.4%↑\n\n"
         "관세청은 지난해 무역액이 1조1403억달러로 전년 대비 8.4% 증가했다고 밝혔다."), "2019-01-15",
        [("2018", "total", "volume", "level", "1", "USD_tn", "over"),
         ("2018", "total", "volume", "level", "1.000000001403", "USD_tn", ""),
         ("2018", "total", "volume", "growth_pct", "8.4", "pct", ""),
         ("2018", "total", "volume", "level", "1.1403", "USD_tn", ""),
         ("2018", "total", "volume", "growth_pct", "8.4", "pct", "")]),
    "parts joined by a middle dot, each with its rate; a degree before the direction": (
        ("2013년 수출은 EU(△1.1%) 등에서 감소했으나, 중국(8.6%)·미국(6.0%)·호주(3.4%)는 증가했다. "
         "일본으로의 수출은 24.4% 큰 폭으로 줄었다."), None,
        [("2013", "country=EU", "exports", "growth_pct", "-1.1", "pct", ""),
         ("2013", "country=CN", "exports", "growth_pct", "8.6", "pct", ""),
         ("2013", "country=US", "exports", "growth_pct", "6.0", "pct", ""),
         ("2013", "country=AU", "exports", "growth_pct", "3.4", "pct", ""),
         ("2013", "country=JP", "exports", "growth_pct", "-24.4", "pct", "")]),
    "the part ranked first by its amount, or named after the rank": (
        ("2019년 수출 품목은 반도체가 939억3500만달러로 1위를 차지했다. 수입은 원유가 701억9300만달러로 "
         "부동의 1위를 차지했다. 최대 수출입 대상국은 단연 중국이다. 지난해 수출 1위 품목은 "
         "반도체였다."), "2020-01-28",
        [("2019", "item=반도체", "exports", "level", "939.35", "USD_100m", ""),
         ("2019", "item=반도체", "exports", "rank", "1", "rank", ""),
         ("2019", "item=원유", "imports", "level", "701.93", "USD_100m", ""),
         ("2019", "item=원유", "imports", "rank", "1", "rank", ""),
         ("2019", "country=CN", "volume", "rank", "1", "rank", ""),
         ("2019", "item=반도체", "exports", "rank", "1", "rank", "")]),
    "the largest trade partner and surplus country; a cause with 등": (
        ("2019년 최대 수출입 대상국은 중국(수출 1362억1300만달러)이고, 최대 무역흑자 국가는 "
         "홍콩이었다.\n\n2019년 서비스수지 적자규모는 운송 및 여행수지 개선 등으로 22억9000만달러로 줄었다."),
        None,
        [("2019", "country=CN", "exports", "level", "1362.13", "USD_100m", ""),
         ("2019", "country=CN", "volume", "rank", "1", "rank", ""),
         ("2019", "country=HK", "balance", "rank", "1", "rank", ""),
         ("2019", "account=services", "balance", "level", "-22.9", "USD_100m", "")]),
    "an export price index is no trade value; a rank held over years is not this year's": (
        ("2019년 11월 반도체의 수출물가지수는 전년 동월 대비 33.0% 하락했다.\n\n2019년 최대 무역흑자 "
         "국가는 홍콩(301억3900만달러)으로 2009년 이후 10년간 1위를 차지한 중국(289억9400만달러)을 "
         "제쳤다."), None,
        [("2019", "country=HK", "balance", "level", "301.39", "USD_100m", ""),
         ("2019", "country=CN", "balance", "level", "289.94", "USD_100m", ""),
         ("2019", "country=HK", "balance", "rank", "1", "rank", "")]),
    "last year's month without a publication date is undated": (
        "2018년 경상수지는 764억1천만달러 흑자였다. 작년 12월 경상수지는 48억2천만달러 흑자였다.", None,
        [("2018", "total", "balance", "level", "764.1", "USD_100m", "")]),
    "a rate with 가량 after it is about": (
        "2018년 서비스수지 적자폭은 전년보다 20%가량 줄었다.", None,
        [("2018", "account=services", "balance", "growth_pct", "-20", "pct", "about")]),
    "a year-month compared with does not date a sentence of an undated month": (
        ("11월 경상수지 흑자 폭은 10월(78억3000만달러)보다 18억6000만달러 줄었으나 2018년 11월"
         "(51억3000만달러) 대비로는 8억4000만달러 늘었다."), None,
        [("2018-11", "total", "balance", "level", "51.3", "USD_100m", "")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_korean_pattern_is_read_as_written(tmp_path: Path, name: str) -> None:
    text, published, expected = CASES[name]
    assert read_text(tmp_path, text + "\n", published) == expected
