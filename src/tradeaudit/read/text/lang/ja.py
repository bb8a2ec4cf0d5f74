"""Japanese: amounts in 兆/億/万 and their currencies, bounds (を超え), directions and the
word for 'respectively'. Japanese shares the CJK part names of `zh`."""

from __future__ import annotations

SCALES = {12: ["兆"], 8: ["億"], 4: ["万"]}
AMOUNT_CURRENCIES = ["弗", "円", "ドル"]
CURRENCY_WORDS = {"弗": "USD", "円": "JPY", "ドル": "USD"}
BOUND_AFTER = r"\s*を(?:超え|上回)"
UP = [r"増\w*", r"上昇\w*"]
DOWN = [r"減\w*", r"下落\w*", r"低下\w*"]
RESPECTIVELY = "それぞれ"
