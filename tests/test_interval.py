"""Interval arithmetic is sound: it always contains the exact result (checked with Fraction)."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.model.interval import Interval, add, div, down, mul, sub, up
from tradeaudit.model.printed import parse_printed, printed_bounds

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def intervals(draw):
    a, b = draw(finite), draw(finite)
    return min(a, b), max(a, b)


def _contains(lo: float, hi: float, exact: Fraction) -> bool:
    return (lo == -np.inf or Fraction(lo) <= exact) and (hi == np.inf or exact <= Fraction(hi))


def _exact(op, x: Fraction, y: Fraction) -> Fraction:
    if op == "add":
        return x + y
    if op == "sub":
        return x - y
    return x * y if op == "mul" else x / y


@given(intervals(), intervals(), st.sampled_from(["add", "sub", "mul", "div"]),
       st.floats(0, 1), st.floats(0, 1))
@settings(max_examples=500)
def test_operations_contain_exact_results(a, b, op, ta, tb):
    fn = {"add": add, "sub": sub, "mul": mul, "div": div}[op]
    lo, hi = fn(*(np.array([v]) for v in (a[0], a[1], b[0], b[1])))
    # A point of each interval, computed exactly.
    x = Fraction(a[0]) + (Fraction(a[1]) - Fraction(a[0])) * Fraction(ta)
    y = Fraction(b[0]) + (Fraction(b[1]) - Fraction(b[0])) * Fraction(tb)
    if op == "div" and y == 0:
        return
    assert _contains(float(lo[0]), float(hi[0]), _exact(op, x, y))


@given(intervals(), intervals(), st.sampled_from(["add", "sub", "mul", "div"]))
def test_corners_contained(a, b, op):
    """Every combination of endpoints lies inside the result (exact arithmetic)."""
    fn = {"add": add, "sub": sub, "mul": mul, "div": div}[op]
    lo, hi = fn(*(np.array([v]) for v in (a[0], a[1], b[0], b[1])))
    for x in a:
        for y in b:
            if op == "div" and y == 0:
                continue
            assert _contains(float(lo[0]), float(hi[0]), _exact(op, Fraction(x), Fraction(y)))


def test_division_by_interval_holding_zero_is_whole_line():
    lo, hi = div(np.array([1.0]), np.array([2.0]), np.array([-1.0]), np.array([1.0]))
    assert lo[0] == -np.inf and hi[0] == np.inf


def test_zero_times_unbounded_is_zero():
    lo, hi = mul(np.array([0.0]), np.array([0.0]), np.array([-np.inf]), np.array([np.inf]))
    assert lo[0] <= 0 <= hi[0] and abs(lo[0]) < 1e-300 and abs(hi[0]) < 1e-300


printed_numbers = st.builds(
    lambda sign, whole, frac: f"{sign}{whole}" + (f".{frac}" if frac else ""),
    st.sampled_from(["", "-"]), st.integers(0, 10**9), st.one_of(st.just(""),
                                                                  st.from_regex(r"\d{1,8}",
                                                                                fullmatch=True)))


@pytest.mark.slow
@given(printed_numbers)
@settings(max_examples=500)
def test_printed_bounds_contain_the_exact_rounding_interval(text):
    lo, hi, decimals = printed_bounds(np.array([text], dtype=object))
    p = parse_printed(text)
    exact_lo, exact_hi = (Fraction(b) for b in p.bounds)
    assert Fraction(float(lo[0])) <= exact_lo
    assert Fraction(float(hi[0])) >= exact_hi
    assert decimals[0] == p.decimals


def test_interval_class():
    a = Interval(1.0, 2.0)
    b = a + Interval(0.5, 0.5)
    assert 2.5 in b and 1.5 in b and b.low <= 1.5 and b.high >= 2.5
    assert (a * a).overlaps(Interval(4.0, 4.0))
    assert (a & Interval(3.0, 4.0)).empty
    try:
        bool(a)
    except TypeError:
        pass
    else:
        raise AssertionError("an interval must refuse a truth value")


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=30))
def test_down_and_up_are_nextafter_bit_for_bit(xs):
    """The integer-view rounding is np.nextafter exactly: zeros of both signs, subnormals,
    the largest floats, infinities and NaN included."""
    specials = [0.0, -0.0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308,
                np.inf, -np.inf, np.nan, 2.2250738585072014e-308]
    x = np.array(xs + specials)
    with np.errstate(over="ignore"):
        for mine, towards in ((down, -np.inf), (up, np.inf)):
            for arr in (x, x[::2], x.reshape(1, -1)):  # strided and 2-d too
                got, want = mine(arr), np.nextafter(arr, towards)
                same = (got.view(np.int64) == want.view(np.int64)) | (np.isnan(got) &
                                                                      np.isnan(want))
                assert same.all(), (arr[~same], got[~same], want[~same])
