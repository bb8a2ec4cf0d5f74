"""The compiled propagation: sound against exact rational arithmetic, and the compiled and
plain forms of the kernel give the same bits."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.solve import kernel
from tradeaudit.solve.propagate import propagate
from tradeaudit.solve.system import System

KINDS = ("affine", "sum", "product")
# The compiled kernels compile on first use: about a minute on a fresh checkout (or after
# kernel.py changes), a second once numba's cache has them.
pytestmark = [pytest.mark.slow, pytest.mark.compiled, pytest.mark.cores]


@st.composite
def systems(draw):
    """A random system built around one exact solution: leaves take rational values, every
    constraint defines a new variable from earlier ones (z = (x + a) / d, x + y, x * y) and
    is then stated in the kernel's form. Returns the system, the solution and the domains
    (each variable pinned to a float interval around its value, or left open)."""
    n_leaves = draw(st.integers(1, 5))
    values = [Fraction(draw(st.integers(-10**6, 10**6)), draw(st.sampled_from([1, 10, 100,
                                                                                  7, 3])))
              for _ in range(n_leaves)]
    rows = {k: {"z": [], "x": [], "y": [], "add": [], "div": []} for k in KINDS}
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(KINDS))
        x = draw(st.integers(0, len(values) - 1))
        y = draw(st.integers(0, len(values) - 1))
        if kind == "affine":
            a = draw(st.sampled_from([0.0, 1.0, -1.0, 100.0, 0.5]))
            d = draw(st.sampled_from([1.0, 100.0, 2.0, -3.0]))
            v = (values[x] + Fraction(a)) / Fraction(d)
            rows[kind]["add"].append(a)
            rows[kind]["div"].append(d)
        elif kind == "sum":
            v = values[x] + values[y]
        else:
            v = values[x] * values[y]
        rows[kind]["z"].append(len(values))
        rows[kind]["x"].append(x)
        rows[kind]["y"].append(y)
        values.append(v)
    n = len(values)
    constraints = {}
    for kind, r in rows.items():
        if not r["z"]:
            continue
        c = {"rel": np.zeros(len(r["z"]), dtype=np.int64),
             "z": np.array(r["z"], dtype=np.int64), "x": np.array(r["x"], dtype=np.int64)}
        if kind == "affine":
            c |= {"add": np.array(r["add"]), "div": np.array(r["div"])}
        else:
            c["y"] = np.array(r["y"], dtype=np.int64)
        constraints[kind] = c
    lo, hi = np.full(n, -np.inf), np.full(n, np.inf)
    for i, v in enumerate(values):
        how = draw(st.sampled_from(["exact", "wide", "open", "low"]))
        f = float(v)
        below = f if Fraction(f) <= v else math.nextafter(f, -math.inf)
        above = f if Fraction(f) >= v else math.nextafter(f, math.inf)
        if how == "exact":
            lo[i], hi[i] = below, above
        elif how == "wide":
            lo[i], hi[i] = below - abs(f) * 0.01 - 0.5, above + abs(f) * 0.01 + 0.5
        elif how == "low":
            lo[i] = below - 1.0
    system = System(pa.array([f"v|{i}" for i in range(n)], pa.large_string()), lo, hi,
                    np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), constraints,
                    pd.DataFrame(), np.zeros(n, dtype=np.int64), "")
    return system, values


def _both(fn):
    """fn() with the plain kernels, then with the compiled ones."""
    try:
        kernel.MODE = "plain"
        plain = fn()
        kernel.MODE = "compiled"
        return plain, fn()
    finally:
        kernel.MODE = "auto"


@settings(max_examples=300, deadline=None)
@given(systems())
def test_propagation_keeps_the_solution(case):
    """Every narrowing is outward-rounded: the exact solution stays inside every interval,
    and a system with a solution never shows as a contradiction."""
    system, values = case
    lo, hi, dead = propagate(system, system.lo0.copy(), system.hi0.copy())
    assert not dead.any()
    for v, a, b in zip(values, lo, hi):
        assert (a == -np.inf or Fraction(a) <= v) and (b == np.inf or v <= Fraction(b))


@settings(max_examples=150, deadline=None)
@given(systems(), st.integers(1, 3))
def test_compiled_and_plain_kernels_agree_bit_for_bit(case, columns):
    system, _ = case
    rng = np.random.default_rng(len(system.keys))
    # Several scenarios: the same system with some domains opened up.
    lo = np.repeat(system.lo0[:, None], columns, axis=1)
    hi = np.repeat(system.hi0[:, None], columns, axis=1)
    opened = rng.random(lo.shape) < 0.3
    lo[opened], hi[opened] = -np.inf, np.inf
    plain, compiled = _both(lambda: propagate(system, lo, hi))
    for a, b in zip(plain, compiled):
        assert a.tobytes() == b.tobytes()


def test_bit_steps_are_nextafter():
    """The compiled steps below and above a float are libm's nextafter, bit for bit, at the
    edges too (zeros, subnormals, the largest floats, infinities, NaN)."""
    below, above = kernel.bit_steps()
    from numba import njit

    @njit
    def steps(xs):
        out = np.empty((len(xs), 2))
        for i in range(len(xs)):
            out[i, 0], out[i, 1] = below(xs[i]), above(xs[i])
        return out

    xs = np.array([0.0, -0.0, 5e-324, -5e-324, 1.0, -1.0, 1.5, 2.0 ** -1022, -2.0 ** -1022,
                   np.finfo(float).max, -np.finfo(float).max, np.inf, -np.inf, np.nan, 1e-310,
                   123456.789, -0.1])
    got = steps(xs)
    want = np.stack([[math.nextafter(x, -math.inf), math.nextafter(x, math.inf)] for x in xs])
    assert got.tobytes() == want.tobytes()




pairs = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=80)


@settings(max_examples=100, deadline=None)
@given(pairs)
def test_distinct_pairs_keep_the_first_of_each_in_order(rows):
    from tradeaudit.solve.system import distinct_pairs

    a = np.array([r[0] for r in rows], dtype=np.int64)
    b = np.array([r[1] for r in rows], dtype=np.int64)
    want = pd.DataFrame({"a": a, "b": b}).drop_duplicates().reset_index(drop=True)
    for got in _both(lambda: distinct_pairs(a, b, "a", "b")):
        pd.testing.assert_frame_equal(got, want, check_dtype=False)  # (got: int32)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(-1, 12)),
                max_size=40))
def test_incidence_lists_each_variables_constraints_in_order(rows):
    z, x, y = (np.array([r[k] for r in rows], dtype=np.int64) for k in range(3))
    want = [[c for c, r in enumerate(rows) for u in r if u == v] for v in range(13)]
    for ptr, cons in _both(lambda: kernel.incidence(z, x, y, 13)):
        assert [cons[ptr[v]:ptr[v + 1]].tolist() for v in range(13)] == want


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**62), max_size=60), st.integers(0, 2**40),
       st.sampled_from([1, 7, 200, 10**6]))
def test_key_numbering_is_pandas_factorize(values, shift, spread):
    # Dense keys go through kernel.first_codes' table, sparse ones through pandas: either way
    # the codes (first appearance) and the distinct keys are pd.factorize's.
    from tradeaudit.solve.keys import factorize

    keys = np.array(values, dtype=np.int64) % spread + shift
    want_codes, want_uniques = pd.factorize(keys)
    for codes, uniques in _both(lambda: factorize(keys)):
        assert codes.dtype == want_codes.dtype and np.array_equal(codes, want_codes)
        assert np.array_equal(uniques, want_uniques)


@settings(max_examples=100, deadline=None)
@given(pairs, st.integers(0, 10))
def test_components_are_the_graphs_labelled_by_their_smallest_variable(edges, extra):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = 31 + extra
    z = np.array([e[0] for e in edges], dtype=np.int64)
    x = np.array([e[1] for e in edges], dtype=np.int64)
    _, label = connected_components(coo_matrix((np.ones(len(z)), (z, x)), shape=(n, n)),
                                    directed=False)
    first = {}
    want = np.array([first.setdefault(c, len(first)) for c in label])  # by smallest variable
    for got in _both(lambda: kernel.connected_components(n, {"affine": {"z": z, "x": x}})):
        assert np.array_equal(got, want)


def test_leave_one_out_plain_and_compiled_agree_bit_for_bit(rules):
    """Compiled, leave-one-out shares the blocks among the cores (kernel.scenarios, prange);
    it must give what the plain, one-block-at-a-time form gives, watched widenings included."""
    from tradeaudit.audit.loo import colors, leave_one_out
    from tradeaudit.model.figures import Table
    from tradeaudit.read.table import derive, validate
    from tradeaudit.solve.relation import build_system
    from tradeaudit.testing import synth

    # (Big enough that both cores work at once, or a race could hide.)
    shape = synth.Shape(years=8, industries=8, countries=8, crossed=True, conversion=True,
                        keep=0.7)
    frame = derive(validate(synth.release(7, shape), "synth.csv", rules.flows),
                   rules.ratio_flows)
    system = build_system(Table(frame, ("synth.csv",), ("",)), rules).cut_hubs()
    hard = (system.fig_var >= 0) & ~frame["vague"].to_numpy()
    watch = np.flatnonzero(hard)[::7]
    plain, compiled = _both(lambda: leave_one_out(system, frame, hard, colors(system, hard),
                                                  watch))
    assert len(np.unique(system.component)) > 10  # several blocks to share out
    assert plain[0].tobytes() == compiled[0].tobytes()
    assert plain[1].tobytes() == compiled[1].tobytes()
    assert plain[2] == compiled[2] and any(plain[2].values())
    # The colouring's neighbourhood walks are shared among the cores too (kernel.near_figures).
    plain, compiled = _both(lambda: colors(system, hard))
    assert np.array_equal(plain, compiled) and len(np.unique(plain)) > 1


def test_block_keys_compiled_as_plain(rules):
    """An update's block keys (audit.reuse) are hashed by kernels on uint64, wrapping: the
    plain form (Python ints and numpy scalars) must give the same bits."""
    from tradeaudit.audit.blockhash import block_keys, settled_keys, structure_keys
    from tradeaudit.audit.domains import blocks
    from tradeaudit.model.figures import Table
    from tradeaudit.read.table import derive, validate
    from tradeaudit.solve.relation import build_system
    from tradeaudit.testing import synth

    shape = synth.Shape(years=3, industries=3, countries=3, crossed=True, conversion=True)
    frame = derive(validate(synth.release(5, shape), "synth.csv", rules.flows),
                   rules.ratio_flows)
    system = build_system(Table(frame, ("synth.csv",), ("",)), rules).cut_hubs()
    hard = (system.fig_var >= 0) & ~frame["vague"].to_numpy()
    rows = np.flatnonzero(hard)
    rows = rows[np.argsort(blocks(system)[rows], kind="stable")]
    plain, compiled = _both(lambda: block_keys(system, frame, hard, rows, blocks(system)[rows]))
    assert plain[0].tobytes() == compiled[0].tobytes()
    assert plain[1].tobytes() == compiled[1].tobytes() and plain[2] == compiled[2] is False
    assert len(np.unique(plain[0])) > 10
    # So are the propagations' keys (audit.settled): the structure, then the domains.
    lo, hi = system.lo0.copy(), system.hi0.copy()
    lo[5], hi[7] = -np.inf, np.inf
    plain, compiled = _both(lambda: settled_keys(system, structure_keys(system), lo, hi, (1,)))
    assert plain[0].tobytes() == compiled[0].tobytes()
    assert plain[1].tobytes() == compiled[1].tobytes() and len(np.unique(plain[1])) > 10


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 4),
                          st.integers(0, 4), st.integers(0, 10**7), st.sampled_from("fcdasr")),
                max_size=30))
def test_key_text_spells_each_key(picks):
    # keys.key_text writes the keys' bytes itself: each key must read as its fields say,
    # in every namespace, with words of any script.
    from tradeaudit.solve.keys import Keys

    cur, period = ["", "USD", "KRW"], ["2022", "2023", "2023Q1", "2023-06"]
    segment = ["total", "반도체", "ICT · 기기", "a,b", "Ö"]
    flow = ["exports", "imports", "volume", "balance", "ratio"]
    solved = ["exports+imports|1+r", "exports-imports|r-1"]
    k = Keys([cur], [period], [segment], [flow], solved)
    scope = pd.Series(["*", "2023", "*", "2022-12-31"])
    rates = k.rate(np.arange(4) % 3, scope)
    codes, want = [], []
    for c, p, s, f, row, ns in picks:
        if ns == "f":
            codes.append(k.figure([row])[0])
            want.append(f"f|{row}")
        elif ns == "a":
            codes.append(k.aux([row], Keys.AUX[f % 3])[0])
            want.append(f"a|{row}|{Keys.AUX[f % 3]}")
        elif ns == "s":
            codes.append(k.solved_aux([c], [p], [s], solved[f % 2])[0])
            want.append(f"a|{cur[c]}|{period[p]}|{segment[s]}|{solved[f % 2]}")
        elif ns == "r":
            codes.append(rates[p])
            want.append(f"r|{cur[p % 3]}|{scope[p]}")
        else:
            cell = k.cell([c], [p], [s], [f])
            codes.append(cell[0] if ns == "c" else k.change(cell)[0])
            want.append(f"{ns}|{cur[c]}|{period[p]}|{segment[s]}|{flow[f]}")
    for got in _both(lambda: k.text(np.array(codes, dtype=np.int64))):
        assert got.tolist() == want


def test_checks_share_the_cores_only_by_whole_components():
    # kernel.checks runs its runs side by side: a component's checks must all be in one.
    assert kernel.check_runs(np.array([3, 3, 5, 7, 7, 7])).tolist() == [0, 2, 3, 6]
    assert kernel.check_runs(np.array([3, 5, 3])).tolist() == [0, 3]  # 3 twice: one run
    assert kernel.check_runs(np.zeros(0, dtype=np.int64)).tolist() == [0]


def test_checks_plain_and_compiled_agree_bit_for_bit(rules):
    """Blame's checks (kernel.checks: a Flat and a Checks of arrays) give the same bits
    plain and compiled, the components' runs shared among the cores."""
    from tradeaudit.model.figures import Table
    from tradeaudit.read.table import derive, validate
    from tradeaudit.solve.relation import build_system
    from tradeaudit.testing import synth

    shape = synth.Shape(years=6, industries=6, countries=6, crossed=True, conversion=True,
                        keep=0.7)
    frame = derive(validate(synth.release(11, shape), "synth.csv", rules.flows),
                   rules.ratio_flows)
    system = build_system(Table(frame, ("synth.csv",), ("",)), rules).cut_hubs()
    flat = system.flat()
    lo0, hi0 = system.lo0[flat.perm], system.hi0[flat.perm]
    rng = np.random.default_rng(4)
    comps = np.flatnonzero(np.diff(flat.con_ptr) > 0)[:40]
    comp = np.repeat(comps, 3)  # three checks a component, side by side
    pos, ptr, out_pos, out_ptr = [], [0], [], [0]
    for g in comp.tolist():
        mine = np.arange(flat.var_ptr[g], flat.var_ptr[g + 1])
        pos.append(rng.choice(mine, size=min(3, len(mine)), replace=False))
        ptr.append(ptr[-1] + len(pos[-1]))
        out_pos.append(mine)
        out_ptr.append(out_ptr[-1] + len(mine))
    pos = np.concatenate(pos).astype(np.int64)
    mid = rng.uniform(0, 1e4, len(pos))
    checks = kernel.Checks(comp, np.array(ptr), pos, mid - rng.uniform(0, 50, len(pos)),
                           mid + rng.uniform(0, 50, len(pos)), np.array(out_ptr),
                           np.concatenate(out_pos).astype(np.int64), kernel.check_runs(comp))

    def check():
        dead = np.zeros(len(comp), dtype=bool)
        out_lo, out_hi = np.empty(out_ptr[-1]), np.empty(out_ptr[-1])
        kernel.pick("checks", 0)(flat, lo0, hi0, checks, 30, 1e-10, 1e-2, dead, out_lo, out_hi)
        return dead, out_lo, out_hi

    plain, compiled = _both(check)
    assert plain[0].any() and not plain[0].all()  # some checks fail, some hold
    for a, b in zip(plain, compiled):
        assert a.tobytes() == b.tobytes()
