"""Numerals: floats written as decimal text by compiled two-pass writers, straight into Arrow
string buffers (kernel.formatted runs them): the reasons' fixed-point figures and the report's
bounds, as Python's format and repr would print them."""

from __future__ import annotations

import math

import numpy as np

from tradeaudit.solve.kernel import inline, kernel

# Powers of ten a float holds exactly (10**22 is the last).
POW10 = np.array([10.0 ** k for k in range(23)])
ROUNDING = 4e-16  # relative error bound of one rounded product, with room to spare


@inline
def _write_int(value, digits, data, at, commas):
    """The decimal digits of value >= 0 (digits of them, zero-padded), a comma between
    each three of the integer part when commas; returns the position after them."""
    width = digits + ((digits - 1) // 3 if commas else 0)
    pos = at + width - 1
    for d in range(digits):
        if commas and d and d % 3 == 0:
            data[pos] = 44  # ","
            pos -= 1
        data[pos] = 48 + value % 10
        value //= 10
        pos -= 1
    return at + width


@inline
def _digits(value):
    count = 1
    while value >= 10:
        value //= 10
        count += 1
    return count


@kernel(fills=("ptr", "data", "flag"))
def fixed_texts(x, places, ptr, data, flag):
    """format(x, f",.{places}f") per value, as publishers' reasons print bounds, with no sign
    on a value that prints as zero; written as Arrow string buffers in two passes (data
    empty: the lengths into ptr, then its offsets; then the bytes). A value the float
    arithmetic cannot settle for certain (not finite, too many digits, within rounding of a
    tie) gets flag 1 and no text: the caller formats those few itself."""
    fill = len(data) > 0
    for i in range(len(x)):
        at = ptr[i] if fill else 0
        k = places[i]
        a = abs(x[i])
        if not (a < 2.0 ** 52) or k < 0 or k > 22:
            flag[i] = 1
        else:
            v = a * POW10[k]
            whole = math.floor(v)
            frac = v - whole
            if not (v < 2.0 ** 52) or abs(frac - 0.5) <= v * ROUNDING + 1e-300:
                flag[i] = 1
            else:
                n = int(whole) + (1 if frac > 0.5 else 0)
                scale = 1
                for _ in range(k):
                    scale *= 10
                head, tail = n // scale, n % scale
                if x[i] < 0 and n > 0:
                    if fill:
                        data[at] = 45  # "-"
                    at += 1
                digits = _digits(head)
                if fill:
                    at = _write_int(head, digits, data, at, True)
                else:
                    at += digits + (digits - 1) // 3
                if k:
                    if fill:
                        data[at] = 46  # "."
                        _write_int(tail, k, data, at + 1, False)
                    at += 1 + k
        if not fill:
            ptr[i + 1] = at
    if not fill:
        for i in range(len(x)):
            ptr[i + 1] += ptr[i]
    return 0


@kernel(fills=("ptr", "data", "flag"))
def bound_texts(x, ptr, data, flag):
    """repr(float(format(x, ".10g")) + 0.0) per value, "null" for one not finite: the
    report's bounds (ten significant digits keep them short and stable). Rounded to ten
    digits, a float's shortest repr is those digits without trailing zeros (two decimals of
    fifteen digits or fewer are never the same float), printed as Python prints floats from
    1e-4 up to 1e16. Outside that, within rounding of a tie, or where log10 misses the
    exponent, flag 1 and no text. Two passes, as fixed_texts."""
    fill = len(data) > 0
    for i in range(len(x)):
        at = ptr[i] if fill else 0
        a = abs(x[i])
        if math.isnan(a) or a == math.inf:
            if fill:
                data[at], data[at + 1], data[at + 2], data[at + 3] = 110, 117, 108, 108
            at += 4  # "null"
        elif a == 0.0:
            if fill:
                data[at], data[at + 1], data[at + 2] = 48, 46, 48
            at += 3  # "0.0"
        elif not (1e-4 <= a < 1e16):
            flag[i] = 1
        else:
            e = math.floor(math.log10(a))  # the decimal exponent, checked below
            s = 9 - e
            v = a * POW10[s] if s >= 0 else a / POW10[-s]
            whole = math.floor(v)
            frac = v - whole
            # v >= 1e9 though the exact product may be a hair below: rounded to ten digits,
            # both give the same power of ten. v < 1e10 holds the exact product below it.
            if not (1e9 <= v < 1e10) or abs(frac - 0.5) <= v * ROUNDING:
                flag[i] = 1  # e off by one (log10 rounds near a power of ten), or a tie
            else:
                n = int(whole) + (1 if frac > 0.5 else 0)
                if n == 10_000_000_000:
                    n, e = 1_000_000_000, e + 1
                if e >= 16:
                    flag[i] = 1
                else:
                    while n % 10 == 0:
                        n //= 10
                    digits = _digits(n)
                    if x[i] < 0:
                        if fill:
                            data[at] = 45
                        at += 1
                    if e < 0:  # 0.000ddd
                        if fill:
                            data[at], data[at + 1] = 48, 46
                            for z in range(-e - 1):
                                data[at + 2 + z] = 48
                            _write_int(n, digits, data, at + 1 - e, False)
                        at += 1 - e + digits
                    elif digits <= e + 1:  # dddd00.0
                        if fill:
                            _write_int(n, digits, data, at, False)
                            for z in range(e + 1 - digits):
                                data[at + digits + z] = 48
                            data[at + e + 1], data[at + e + 2] = 46, 48
                        at += e + 3
                    else:  # ddd.ddd
                        cut = 1
                        for _ in range(digits - e - 1):
                            cut *= 10
                        if fill:
                            _write_int(n // cut, e + 1, data, at, False)
                            data[at + e + 1] = 46
                            _write_int(n % cut, digits - e - 1, data, at + e + 2, False)
                        at += digits + 1
        if not fill:
            ptr[i + 1] = at
    if not fill:
        for i in range(len(x)):
            ptr[i + 1] += ptr[i]
    return 0
