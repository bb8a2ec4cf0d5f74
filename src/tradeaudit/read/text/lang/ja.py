"""Japanese: amounts in 兆/億/万 and their currencies, bounds (を超え), directions and the
word for 'respectively', number forms of news style (11・9%, full-width digits), 先月, and
the words dating an amount a year back. Japanese shares the CJK part names of `zh`."""

from __future__ import annotations

import re

SCALES = {12: ["兆"], 8: ["億"], 4: ["万"]}
AMOUNT_CURRENCIES = ["弗", "円", "ドル"]
CURRENCY_WORDS = {"弗": "USD", "円": "JPY", "ドル": "USD"}
BOUND_AFTER = r"\s*を(?:超え|上回)"
UP = [r"増\w*", r"上昇\w*"]
DOWN = [r"減\w*", r"下落\w*", r"低下\w*"]
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
DIRECTION_RIGHT_AFTER = r"\s*\)?\s*(?:の[^\s、。\d%]{0,4}?)?(?:増|減|上昇|低下|下落)"
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
