"""Printed numbers keep the precision of their digits."""

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.model.printed import format_decimals, normalize_printed, parse_printed, qualify


@pytest.mark.parametrize("text,canon", [
    ("16.0", "16.0"), ("-4.4", "-4.4"), ("1,234.5", "1234.5"), ("(4.4)", "-4.4"),
    ("\u22124.4", "-4.4"), ("１７.６４８", "17.648"), (" 690 ", "690"), ("+3", "+3"),
    ("1.2.3", ""), ("abc", ""), ("", ""), ("12,34", ""), ("nan", ""), ("inf", ""),
])
def test_normalize(text, canon):
    assert normalize_printed(text) == canon


def test_trailing_zeros_carry_precision():
    p = parse_printed("16.0")
    assert p.value == Decimal("16.0") and p.decimals == 1
    assert p.bounds == (Decimal("15.95"), Decimal("16.05"))
    q = parse_printed("690")
    assert q.bounds == (Decimal("689.5"), Decimal("690.5"))


def test_parse_rejects_with_the_text():
    with pytest.raises(ValueError, match="'x1'"):
        parse_printed("x1")


def test_format_rounds_half_up():
    assert format_decimals(0.0675, 2) == "0.07"
    assert format_decimals(25.39015, 4) == "25.3902"
    assert format_decimals(-0.0001, 2) == "0.00"


def test_qualifiers_widen_as_documented():
    lo, hi = np.array([1.95]), np.array([2.05])
    v = np.array([2.0])
    nl, nh = qualify(lo, hi, v, np.array(["nearly"]))
    assert nl[0] <= 1.8 and nh[0] == 2.0
    al, ah = qualify(lo, hi, v, np.array(["about"]))
    assert al[0] <= 1.9 and ah[0] >= 2.1
    ol, oh = qualify(lo, hi, v, np.array(["over"]))
    assert ol[0] == 1.95 and oh[0] == np.inf
    ul, uh = qualify(lo, hi, v, np.array(["under"]))
    assert ul[0] == -np.inf and uh[0] == 2.05
    rl, rh = qualify(lo, hi, v, np.array(["record"]))
    assert (rl[0], rh[0]) == (1.95, 2.05)


@pytest.mark.slow
@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, places=4),
       st.sampled_from(["USD_bn", "KRW_100m", "pct", "ratio"]),
       st.floats(-1e-6, 1e-6), st.floats(0, 1e-6))
@settings(max_examples=500, deadline=None)
def test_float_prefilter_never_drops_a_fitting_candidate(value, unit_text, shift, width):
    # suggest() skips the exact reading of candidates Slips.far judges clearly outside; one
    # that the exact reading would accept must never be skipped (intervals right at its edges
    # included), whatever the slip that made it.
    from tradeaudit.audit.suggest import Slips, base_interval
    from tradeaudit.model.units import parse_unit

    unit = parse_unit(unit_text)
    factor = Decimal("0.01") if unit_text == "pct" else Decimal(1)
    slips = Slips(parse_printed(format(value, "f")), unit, factor)
    assert len(slips) > 10
    for j in range(len(slips)):
        text, u = slips.text(j), slips.unit_of(j)
        b_lo, b_hi = base_interval(text, u, factor)
        scale = max(abs(b_lo), abs(b_hi), 1e-300)
        for lo, hi in ((b_hi + shift * scale, b_hi + (shift + width) * scale),
                       (b_lo - (shift + width) * scale, b_lo - shift * scale)):
            if b_lo <= hi and b_hi >= lo:
                assert not slips.far(lo, hi)[j], (text, u, lo, hi)
