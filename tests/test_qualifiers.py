"""Qualified figures ("about", "nearly", "more than"): slack from the digits printed, and
which misfits are wording warnings and which are errors (README, Qualifiers)."""

import numpy as np
from conftest import audit_rows, status

from tradeaudit.model.printed import qualify

# The rate pinned by one converted pair (55.5338 tn KRW / 38.6 bn USD = 1438.7 KRW per USD):
# 17.648 bn USD of exports is about 25.390 tn KRW.
RATE = [
    ("v", "2023", "total", "volume", "level", "38.6", "USD_bn"),
    ("vk", "2023", "total", "volume", "level", "55.5338", "KRW_tn"),
    ("e", "2023", "total", "exports", "level", "17.648", "USD_bn"),
]


def _codes(a):
    return [(d.code, d.severity) for d in a.discrepancies]


def test_about_slack_narrows_with_the_digits_printed():
    def about(text: str) -> tuple[float, float]:
        v = float(text)
        u = 0.5 * 10.0 ** -len(text.partition(".")[2])
        lo, hi = qualify(np.array([v - u]), np.array([v + u]), np.array([v]),
                         np.array(["about"]), np.array([len(text.partition(".")[2])]),
                         np.array([text]))
        return lo[0], hi[0]
    lo, hi = about("17")  # two digits: the word's 5%
    assert lo <= 16.15 and hi >= 17.85
    lo, hi = about("17.886")  # five digits: rounded to two digits fewer, 17.9 +- 0.05
    assert 17.83 <= lo <= 17.836 and 17.936 <= hi <= 17.94
    lo, hi = about("17000")  # trailing zeros of a whole number are not precision
    assert lo <= 16150 and hi >= 17850
    empty = np.array([])  # a text with no figure: nothing to qualify
    assert [len(x) for x in qualify(empty, empty, empty, np.array([], dtype=object),
                                    np.array([], dtype=int), np.array([], dtype=object))] == [0, 0]


def test_approximately_with_many_digits_is_an_error_when_off_by_a_few_percent(tmp_path,
                                                                                 rules):
    # 4.6% below what the document's rate gives, printed to five digits: an error.
    precise = audit_rows(RATE + [("ek", "2023", "total", "exports", "level", "24.222",
                                  "KRW_tn", "", "approximately")], tmp_path, rules)
    assert _codes(precise) == [("qualifier-mismatch", "error")]
    assert precise.discrepancies[0].figures == ("ek",)
    assert status(precise)["ek"] == "inconsistent" and precise.verdict == "inconsistent"
    # The same word with two digits stays loose: within 5% it fits, a little beyond it is
    # the wording's misfit, a warning.
    assert _codes(audit_rows(RATE + [("ek", "2023", "total", "exports", "level", "25",
                                      "KRW_tn", "", "about")], tmp_path, rules)) == []
    loose = audit_rows(RATE + [("ek", "2023", "total", "exports", "level", "24",
                                "KRW_tn", "", "about")], tmp_path, rules)
    assert _codes(loose) == [("wording-mismatch", "warning")]
    assert loose.verdict == "consistent"


def test_a_violated_bound_is_an_error(tmp_path, rules):
    rows = [("e", "2023", "total", "exports", "level", "1.075", "KRW_tn"),
            ("i", "2023", "total", "imports", "level", "0.800", "KRW_tn"),
            ("b", "2023", "total", "balance", "level", "0.275", "KRW_tn")]
    wrong = audit_rows(rows + [("x", "2023", "total", "volume", "level", "2.75", "KRW_tn",
                                "", "more than")], tmp_path, rules)
    assert _codes(wrong) == [("qualifier-mismatch", "error")]
    assert wrong.discrepancies[0].figures == ("x",)
    under = audit_rows(rows + [("x", "2023", "total", "volume", "level", "1.5", "KRW_tn",
                                "", "under")], tmp_path, rules)
    assert _codes(under) == [("qualifier-mismatch", "error")]
    # Within the printed precision of the bound (1.875 is "over 1.88" to two decimals): fits.
    fits = audit_rows(rows + [("x", "2023", "total", "volume", "level", "1.88", "KRW_tn",
                               "", "over")], tmp_path, rules)
    assert _codes(fits) == []


def test_near_the_line_stays_a_wording_warning(tmp_path, rules):
    rows = [("v13", "2013", "total", "volume", "level", "18.9", "USD_bn"),
            ("v23", "2023", "total", "volume", "level", "38.6", "USD_bn")]
    nearly = ("m", "2023", "total", "volume", "multiple", "2", "times", "2013", "nearly")
    # "nearly twofold" for 2.04 times, and even for 2.91: the word, not the digits, is loose.
    assert _codes(audit_rows(rows + [nearly], tmp_path, rules)) == [
        ("wording-mismatch", "warning")]
    far = [rows[0], ("v23", "2023", "total", "volume", "level", "55.0", "USD_bn"), nearly]
    assert _codes(audit_rows(far, tmp_path, rules)) == [("wording-mismatch", "warning")]
    # Four digits set the slack of "approximately 25.95" (+-0.5): 25.39 is outside it but
    # within the slack again, near the line: a warning (main allowed it within 5%).
    near = audit_rows(RATE + [("ek", "2023", "total", "exports", "level", "25.95", "KRW_tn",
                               "", "approximately")], tmp_path, rules)
    assert _codes(near) == [("wording-mismatch", "warning")]


def test_nearly_a_fall_is_just_short_of_it(tmp_path, rules):
    rows = [("e22", "2022", "total", "exports", "level", "100.0", "USD_bn"),
            ("e23", "2023", "total", "exports", "level", "89.0", "USD_bn"),
            ("g", "2023", "total", "exports", "growth_pct", "-12", "pct", "", "nearly")]
    # "fell nearly 12%" for a fall of 11%: just short of 12 in size, so it fits.
    assert _codes(audit_rows(rows, tmp_path, rules)) == []
