"""Chinese: amounts in 万亿/亿/万 and their currencies, bounds (突破, 超过), directions, the word
for 'respectively', and what opens or closes a run of characters before a flow without naming
a part (shared with Japanese)."""

from __future__ import annotations

import re

SCALES = {12: ["万亿", "萬億"], 8: ["亿"], 4: ["萬"]}
AMOUNT_CURRENCIES = ["美元", "美金", "欧元", "歐元", "日元", "韩元", "韓元", "人民币", "人民幣", "元"]
CURRENCY_WORDS = {"美元": "USD", "美金": "USD", "欧元": "EUR", "歐元": "EUR", "日元": "JPY",
                  "韩元": "KRW", "韓元": "KRW", "人民币": "CNY", "人民幣": "CNY", "元": "CNY"}
BOUND_BEFORE = r"(?:突破|超过|超過)\s*$"
UP = [r"增\w*", r"上升\w*"]
DOWN = [r"减\w*", r"下降\w*"]
RESPECTIVELY = "分别|分別"
# What opens a Chinese or Japanese run before a flow without naming a part, what closes it,
# and what names the whole (货物贸易进出口 is all goods trade).
LEAD = re.compile(r"^(?:[我全本中]国|其中|同期|今年|去年|上半年|下半年|对|對|向|与|與|和|及|"
                  r"的|了|为|為|月|年)+")
TRAIL = re.compile(r"(?:分别|分別|均|各|都|也)+$")
WHOLE = re.compile(r"(?:货物|貨物|商品)?(?:贸易|貿易)?|外贸|外貿|总|總|全体|全體|技術|技术")
