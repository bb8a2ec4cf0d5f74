"""Propagation: contradictions that only diverge are found under the magnitude cap; each
component settles on its own; copies of blocks behave as the blocks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from tradeaudit.solve.propagate import MAX_SWEEPS, capped, magnitude_cap, propagate, uncap
from tradeaudit.solve.system import System


def _system(n_blocks: int = 1) -> System:
    """x = 2 y and y = x + 1 with x, y >= 0, repeated in independent blocks: no solution
    (x = -2), but the lower bounds only double each sweep under infinite upper ones."""
    keys, prod, summ = [], {"z": [], "x": [], "y": []}, {"z": [], "x": [], "y": []}
    for b in range(n_blocks):
        x, y, two, one = (4 * b + k for k in range(4))
        keys += [f"c|{b}|x", f"c|{b}|y", f"k|{b}|2", f"k|{b}|1"]
        prod["z"].append(x), prod["x"].append(y), prod["y"].append(two)
        summ["z"].append(y), summ["x"].append(x), summ["y"].append(one)
    n = len(keys)
    lo0, hi0 = np.zeros(n), np.full(n, np.inf)
    lo0[2::4] = hi0[2::4] = 2.0
    lo0[3::4] = hi0[3::4] = 1.0
    lo0[1::4] = 1.0  # y = x + 1 >= 1 from the start
    rel = {"rel": np.zeros(n_blocks, dtype=np.int64)}
    cons = {"product": {**rel, **{k: np.array(v) for k, v in prod.items()}},
            "sum": {**rel, **{k: np.array(v) for k, v in summ.items()}}}
    return System(pa.array(keys, pa.large_string()), lo0, hi0, np.zeros(0, dtype=np.int64),
                  np.zeros(0, dtype=np.int64), cons, pd.DataFrame(), np.repeat(
                      np.arange(n_blocks), 4), "")


def test_divergence_is_no_contradiction_without_the_cap():
    s = _system()
    lo, hi, dead = propagate(s, s.lo0.copy(), s.hi0.copy())
    assert not dead.any() and lo[0] > 1e20 and hi[0] == np.inf  # diverging, not empty


def test_the_cap_turns_divergence_into_a_contradiction():
    s = _system()
    cap = magnitude_cap(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    lo, hi = capped(s.lo0.copy(), s.hi0.copy(), cap)
    _, _, dead = propagate(s, lo, hi)
    assert dead.all()


def test_uncap_reopens_what_only_the_cap_held():
    cap = magnitude_cap(np.array([3.0]), np.array([5.0]))
    lo, hi = uncap(np.array([-cap, 1e-30, 2.0]), np.array([cap, -1e-30, 4.0]), cap)
    assert list(lo) == [-np.inf, 0.0, 2.0] and list(hi) == [np.inf, 0.0, 4.0]


def test_a_component_settles_the_same_beside_others():
    one, many = _system(1), _system(5)
    a = propagate(one, one.lo0.copy(), one.hi0.copy(), max_sweeps=MAX_SWEEPS)
    b = propagate(many, many.lo0.copy(), many.hi0.copy(), max_sweeps=MAX_SWEEPS)
    assert np.array_equal(a[0], b[0][:4]) and np.array_equal(a[1], b[1][:4])
