"""Corrections and expected values in the release's own words (issue 21): the scale word and
currency of the figure they replace, at its printed precision, a unit in every range, unit
codes in JSON fields only."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from test_html import bundled_audit

from tradeaudit.audit.suggest import at_precision, suggest
from tradeaudit.model.printed import parse_printed
from tradeaudit.model.units import parse_unit
from tradeaudit.model.words import (
    HANGUL,
    amount,
    amount_array,
    amount_range,
    amount_text,
    language,
    language_codes,
)
from tradeaudit.report.html import render_html
from tradeaudit.report.json import to_dict
from tradeaudit.report.junit import render_junit
from tradeaudit.report.text import render_markdown, render_text

# A unit code of the figure table (contract 1), as it must not appear in prose.
CODE = re.compile(r"\b[A-Z]{3}_(?:k|10k|m|100m|bn|tn)\b|\b(?:pct|pp)\b")


@pytest.mark.parametrize("number,unit,lang,words", [
    ("25.39", "KRW_tn", "en", "25.39 trillion won"),
    ("17.6", "USD_bn", "en", "$17.6 billion"),
    ("-4.4", "USD_bn", "en", "-$4.4 billion"),
    ("3.8", "pct", "en", "3.8%"),
    ("0.07", "ratio", "en", "0.07"),
    ("0.07", "pp", "en", "0.07 percentage points"),
    ("2.04", "times", "en", "2.04 times"),
    ("12", "CHF_m", "en", "CHF 12 million"),
    ("25.39", "KRW_tn", "ko", "25.39조 원"),
    ("69.0", "USD_100m", "ko", "69.0억 달러"),
    ("0.5", "pp", "ko", "0.5%p"),
    ("819.088", "USD_100m", "ja", "819.088億ドル"),
    ("9.1471", "JPY_tn", "ja", "9.1471兆円"),
    ("1.8", "pp", "ja", "1.8ポイント"),
    ("819.088", "USD_100m", "zh", "819.088亿美元"),
    ("18.07", "CNY_tn", "zh", "18.07万亿元"),
    ("1.7", "pp", "zh", "1.7个百分点"),
])
def test_amount_in_the_release_words(number, unit, lang, words):
    assert amount(number, unit, lang) == words


def test_ranges_carry_the_unit_and_the_language_follows_the_release():
    assert amount_range("17.5", "17.7", "USD_bn") == "$17.5–17.7 billion"
    assert amount_range("3.7", "3.8", "pct") == "3.7–3.8%"
    assert amount_range("0.07", "0.07", "pp") == "0.07 percentage points"
    assert amount_text("≥ 2", "times") == "≥ 2 times"
    assert amount_text("1,094.95 – 1,305.41", "KRW_per_USD", dash=" – ") == \
        "1,094.95–1,305.41 KRW per USD"
    assert language("USD_100m") == "ko" and language("KRW_tn", "수출 25조 원") == "ko"
    assert language("KRW_tn", "(27.1914 trillion won)") == "en"
    # Japanese and Chinese quotes are worded in their own language, not in Korean
    assert language("USD_100m", "中国が819億880万ドル") == "ja"
    assert language("JPY_tn", "9兆1471億円") == "ja"  # (kanji only, and the yen sign)
    assert language("USD_100m", "出口819.088亿美元") == "zh"


def test_many_reasons_worded_at_once_read_as_one_at_a_time():
    units = ["USD_bn", "pct", "KRW_100m", "ratio", "pp"]
    texts = ["18.895–18.904", "-1.2–-0.5", "∞", "2.04", "-3"]
    quotes = ["", "가", "ドル", "美元"]  # (no language said, Korean, Japanese, Chinese)
    codes = language_codes(pd.Series(quotes))
    assert codes.tolist() == [0, 1, 2, 3]
    rows = [(t, c, k) for t in texts for c in range(len(units)) for k in range(len(quotes))]
    got = amount_array(np.array([t for t, _, _ in rows], dtype=object),
                       np.array([c for _, c, _ in rows]), units,
                       codes[[k for _, _, k in rows]], "allow ")
    assert got == ["allow " + amount_text(t, units[c], language(units[c], quotes[k]))
                   for t, c, k in rows]
    assert got[0] == "allow $18.895–18.904 billion" and "allow -$1.2–-$0.5 billion" in got


def test_correction_at_the_printed_precision():
    # Digits the other figures leave open are not made up; the printed places otherwise.
    assert at_precision(25.389422, 25.390915, 7) == "25.39"
    assert at_precision(0.0669, 0.0674, 2) == "0.07"
    assert at_precision(3.74, 3.78, 1) == "3.8"
    assert at_precision(17.4, 17.9, 3) == "17.7"
    # A dropped digit ("3.76" printed "3.6") is corrected as a statistician prints it: 3.8,
    # which still fits; the extra digit stays only when the rounded value would not fit.
    pct = parse_unit("pct")
    sug = suggest(parse_printed("3.6"), pct, Decimal(1), (3.757, 3.763))
    assert (sug.cause, sug.printed) == ("dropped-digit", "3.8")
    # Other slips keep their digits: "10.8" printed "108" is a decimal shift, not 11.
    sug = suggest(parse_printed("108"), pct, Decimal(1), (10.73, 10.77))
    assert (sug.cause, sug.printed) == ("decimal-shift", "10.8")
    # In the printed scale, the printed places (944.9 for 1032.5 trillion); in another
    # scale, the digits the others determine (25.39 trillion for 29.3937 billion).
    tn, bn = parse_unit("KRW_tn"), parse_unit("KRW_bn")
    other = {"other-rate": [(0.0, 0.0)]}
    sug = suggest(parse_printed("1032.5"), tn, Decimal(1), (944.837e12, 945.0e12), other)
    assert (sug.cause, sug.printed, sug.unit) == ("other-rate", "944.9", "KRW_tn")
    sug = suggest(parse_printed("29.3937"), bn, Decimal(1), (25.389422e12, 25.390915e12),
                  other)
    assert (sug.printed, sug.unit) == ("25.39", "KRW_tn")
    # A digit more only when the rounded value would not fit: 0.036 is not 0.0.
    sug = suggest(parse_printed("3.6"), pct, Decimal(1), (0.03595, 0.03605))
    assert (sug.cause, sug.printed) == ("decimal-shift", "0.036")
    assert at_precision(0.0012, 0.0013, 1) == "0.001"


@pytest.fixture(scope="module")
def bundled(rules):
    return bundled_audit(rules)


def test_bundled_release_corrections_in_its_words_in_every_format(bundled):
    report = to_dict(bundled)
    fixes = {s["figure"]: s["suggestion"] for s in report["suspects"]}
    assert (fixes["exp23_krw"]["printed"], fixes["exp23_krw"]["unit"]) == ("25.39", "KRW_tn")
    # pp is the wrong unit for a ratio's change (a unit-misuse warning): 0.07, not 0.07 pp.
    assert (fixes["ratio23_chg"]["printed"], fixes["ratio23_chg"]["unit"]) == ("0.07", "ratio")
    messages = [d["message"] for d in report["discrepancies"]]
    assert any("other rate: 25.39 trillion won fits" in m for m in messages)
    assert any("off by rounding: 0.07 fits" in m for m in messages)
    prose = messages + [f["reason"] for f in report["figures"]]
    assert not [p for p in prose if CODE.search(p)]

    text, md = render_text(bundled), render_markdown(bundled)
    assert "exp23_krw: very likely wrong (score 0.93) -> 25.39 trillion won" in text
    assert "**25.39 trillion won**" in md and "→ **0.07** (rounding;" in md
    # Expected ranges with their unit.
    assert "| 25,389.422–25,390.915 billion won |" in md
    assert not CODE.search(text) and not CODE.search(md)

    suite = ET.fromstring(render_junit(bundled))
    junit = [e.get("message", "") + (e.text or "") + e.get("name", "")
             for e in suite.iter() if e.tag in ("failure", "skipped", "system-out", "testcase")]
    assert any("suggested: 25.39 trillion won" in j for j in junit)
    assert not [j for j in junit if CODE.search(j)]

    page = render_html(bundled)
    assert "25.39 trillion won" in page and "25.3902" not in page
    # Expected ranges carry their unit, in the discrepancy and in its picture.
    assert ">25,389.422–25,390.915 billion won<" in page.replace("\n", "")
    assert "expected 25,389.4–25,390.9 billion won" in page
    assert not CODE.search(re.sub(r"<[^>]*>", " ", page))


def test_reference_rate_finding_sets_a_rate_against_rates(bundled):
    # Issue 21: the warning stated the amount 27.1914 against reference rates 1,095-1,305.
    warn = next(d for d in to_dict(bundled)["discrepancies"]
                if d["code"] == "reference-rate-mismatch")
    stated, expected = warn["stated"], warn["expected"]
    assert stated["printed"] == "" and stated["quantity"] == expected["quantity"] == "rate"
    assert stated["unit"] == expected["unit"] == "KRW_per_USD"
    assert 1438 < stated["low"] <= stated["high"] < 1439
    assert 1094 < expected["low"] < expected["high"] < 1306
    assert "rate the document uses" in stated["what"]
    assert expected["what"] == "reference rates for 2013, 2023"
    md = render_markdown(bundled)
    assert "rate the document uses: 1,438.66–1,438.74 KRW per USD" in md
    assert "reference rates for 2013, 2023: 1,094.95–1,305.41 KRW per USD" in md
    assert "27.1914 |" not in md


@pytest.mark.parametrize("text,words", [
    ("2023年の輸出は819億880万ドル、輸入は630億4300万ドル、貿易黒字は189億4500万ドルだった。",
     "819.888億ドル"),
    ("2023年，出口819.088亿美元，进口630.43亿美元，贸易顺差189.45亿美元。", "819.888亿美元"),
])
def test_japanese_and_chinese_releases_are_answered_in_their_words(tmp_path, capsys, text,
                                                                   words):
    from tradeaudit.cli import main

    path = tmp_path / "article.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert main(["audit", str(path)]) == 1
    out = capsys.readouterr().out
    assert words in out and not re.search(HANGUL, out)
