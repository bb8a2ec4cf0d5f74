"""Compiled kernels: their registry, and the solver's (propagation, leave-one-out, blame's
checks, and the counting sorts, numbering and graph walks around them).

A kernel is a plain Python function over numpy arrays and scalars, registered by name with
@kernel (which arguments it fills in place, whether it shares the cores) in whatever module
defines it; helpers it calls are registered with @inline. `pick(name, work)` runs it plain
below a few thousand constraints' worth of work (COMPILE_ABOVE), where importing numba and
loading its code (about a second) would cost more than the work, and compiled by numba
above (`compiled`, cached on disk after the first run). Both run the same code on IEEE
doubles, so they give the same bits (the tests compare them).

Propagation narrows intervals constraint by constraint from a work list. A sweep over every
constraint (what numpy can vectorize) redoes all the work every sweep, though after the first
few only a handful of variables still move. Here a constraint is revised only when one of
its variables has moved: each revision narrows its operands in turn (HC4 projections, the
same outward-rounded arithmetic as tradeaudit.model.interval, bit for bit), and a variable
that moved by more than the stopping step queues the constraints it is in.

The queue is first in, first out and starts with the constraints in their order, so what a
component ends with depends on its own constraints and their order only, never on what is
propagated beside it: a block propagated alone, inside the whole document, or in a
subsystem (System.subsystem keeps the order) ends the same, bit for bit. The Spark engine,
leave-one-out and blame rely on this.
"""

from __future__ import annotations

import inspect
import math
import sys
import types
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

AFFINE, SUM, PRODUCT = 0, 1, 2
_KIND = {"affine": AFFINE, "sum": SUM, "product": PRODUCT}
INF = math.inf
prange = range  # numba.prange in the compiled functions (see compiled)
# Flat's indices: half the memory of int64 (a million figures make millions of constraints),
# and far from its limit (2**31 constraints or variables).
INDEX = np.int32
TINY = 5e-324  # the smallest subnormal: the next float beside zero
# Below this much work (constraints times scenarios), the plain functions run: numba's import
# and cached code cost about a second per process.
COMPILE_ABOVE = 5_000
# "auto" chooses as pick() says; "plain" or "compiled" forces one form (the tests compare them).
MODE = "auto"


class Kernel(NamedTuple):
    """A registered kernel: its plain function, the positions of the arguments it fills in
    place, and whether its compiled form shares prange loops among the cores."""

    fn: Callable
    fills: tuple[int, ...]
    parallel: bool


_KERNELS: dict[str, Kernel] = {}  # by name, whatever module defines them
_HELPERS: list[Callable] = []
_WRAPPED: dict[Callable, Callable] = {}  # plain function: its numba dispatcher
_SCOPES: dict[str, dict] = {}  # module name: the globals its compiled copies see


def kernel(fills: tuple[str, ...] = (), parallel: bool = False) -> Callable:
    """Register a kernel for pick() under its name: `fills` names the arrays it writes in
    place (the plain form writes them back), `parallel` compiles its prange loops to share
    the cores."""
    def register(fn: Callable) -> Callable:
        params = list(inspect.signature(fn).parameters)
        known = _KERNELS.get(fn.__name__)
        if known and (known.fn.__module__, known.fn.__qualname__) != (fn.__module__,
                                                                        fn.__qualname__):
            raise ValueError(f"two kernels named {fn.__name__}")
        _KERNELS[fn.__name__] = Kernel(fn, tuple(params.index(a) for a in fills), parallel)
        return fn
    return register


def inline(fn: Callable) -> Callable:
    """Register a helper the compiled kernels inline."""
    # Keep a helper in the file of the kernels that inline it: numba's disk cache knows a
    # kernel's own file only, and would go on serving code built from a changed helper.
    _HELPERS.append(fn)
    return fn


def pick(name: str, work: int) -> Callable:
    """The compiled kernel `name` for `work` above COMPILE_ABOVE, or once compiled code is
    loaded (it is then the cheaper), else the plain one, run on Python lists and floats
    (numpy scalars are several times slower); arrays it fills in place are written back."""
    if MODE == "compiled" or MODE == "auto" and (work > COMPILE_ABOVE or _WRAPPED):
        return compiled(name)
    fn, fills, _ = _KERNELS[name]

    def plain(*args):
        lists = [_as_lists(a) for a in args]
        out = fn(*lists)
        for k in fills:
            args[k][...] = lists[k]
        return out
    return plain


def _as_lists(arg):
    """An argument as the plain kernels run fastest on: arrays (alone or in a NamedTuple) as
    lists."""
    if isinstance(arg, np.ndarray):
        return arg.tolist()
    if isinstance(arg, tuple) and hasattr(arg, "_fields"):
        return type(arg)(*(_as_lists(a) for a in arg))
    return arg


def compiled(name: str) -> Callable:
    """Kernel `name` compiled by numba (cached on disk): the same code as the plain function,
    a copy of it whose globals are its module's with every kernel and helper compiled."""
    if _KERNELS[name].fn not in _WRAPPED:
        _wrap_registered()
    return _WRAPPED[_KERNELS[name].fn]


def _wrap_registered() -> None:
    """Numba dispatchers for the kernels and helpers registered so far (each compiles on its
    first call or loads from the cache), in the scopes of their modules."""
    from numba import njit
    from numba import prange as prange_

    if not _WRAPPED:
        _WRAPPED[_below], _WRAPPED[_above] = bit_steps()
    fresh = [fn for fn in (*_HELPERS, *(k.fn for k in _KERNELS.values())) if fn not in _WRAPPED]
    for fn in fresh:
        if fn.__module__ not in _SCOPES:
            _SCOPES[fn.__module__] = dict(vars(sys.modules[fn.__module__]), prange=prange_)
        scope = _SCOPES[fn.__module__]  # names resolve at compile time, to the compiled ones
        copy = types.FunctionType(fn.__code__, scope, fn.__name__, fn.__defaults__)
        copy.__qualname__ = fn.__qualname__
        registered = _KERNELS.get(fn.__name__)
        if registered and registered.fn is fn:
            _WRAPPED[fn] = njit(cache=True, error_model="numpy",
                                parallel=registered.parallel)(copy)
        else:
            _WRAPPED[fn] = njit(inline="always", error_model="numpy")(copy)
    for scope in _SCOPES.values():
        for name, value in scope.items():
            if isinstance(value, types.FunctionType) and value in _WRAPPED:
                scope[name] = _WRAPPED[value]


def bit_steps() -> tuple[Callable, Callable]:
    """Compiled nextafter(x, -inf) and nextafter(x, inf), bit for bit, as one step on the
    integer view of the float (the step below a positive float is its bits minus one; below
    a negative one, plus one), as tradeaudit.model.interval does on arrays: libm's nextafter is a
    call per bound, and there are six per revision."""
    from llvmlite import ir
    from numba import njit
    from numba import types as nb
    from numba.extending import intrinsic

    @intrinsic
    def as_int(typingctx, x):
        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], ir.IntType(64))
        return nb.int64(nb.float64), codegen

    @intrinsic
    def as_float(typingctx, i):
        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], ir.DoubleType())
        return nb.float64(nb.int64), codegen

    @njit(inline="always")
    def below(x):
        if math.isnan(x) or x == -INF:
            return x
        if x == 0.0:
            return -TINY
        return as_float(as_int(x) - 1 if x > 0 else as_int(x) + 1)

    @njit(inline="always")
    def above(x):
        if math.isnan(x) or x == INF:
            return x
        if x == 0.0:
            return TINY
        return as_float(as_int(x) + 1 if x > 0 else as_int(x) - 1)

    return below, above


def formatted(name: str, *columns, flags: bool = True):
    """Run a two-pass text writer (key_text, fixed_texts, bound_texts) over numpy columns:
    its texts as an Arrow array, and with `flags` the flags of the values it left to the
    caller (their texts are empty)."""
    import pyarrow as pa

    n = len(columns[0])
    ptr = np.zeros(n + 1, dtype=np.int64)
    flag = (np.zeros(n, dtype=np.int8),) if flags else ()
    write = pick(name, n)
    write(*columns, ptr, np.zeros(0, dtype=np.uint8), *flag)
    data = np.empty(max(int(ptr[-1]), 1), dtype=np.uint8)
    write(*columns, ptr, data, *flag)
    text = pa.LargeStringArray.from_buffers(n, pa.py_buffer(ptr),
                                            pa.py_buffer(data[:int(ptr[-1])]))
    return (text, flag[0]) if flags else text


class Flat(NamedTuple):
    """The constraints as one table, laid out by component: variables are renumbered into
    positions so that each component's are contiguous (perm[p] is the variable at position
    p, inv[v] the position of variable v; var_ptr[g]:var_ptr[g + 1] are component g's), and
    constraints are ordered by component, each component's in their order (affine, sum,
    product, as given; con_ptr[g]:con_ptr[g + 1]). A component's work then stays in a few
    cache lines. Per constraint: kind, operand positions (y is -1 for affine), the affine
    constants, its component (group) and the relation it belongs to (rel); per position, the
    constraints it is in (adj[ptr[p]:ptr[p + 1]], in order)."""

    kind: np.ndarray
    z: np.ndarray
    x: np.ndarray
    y: np.ndarray
    add: np.ndarray
    div: np.ndarray
    ptr: np.ndarray
    adj: np.ndarray
    group: np.ndarray
    con_ptr: np.ndarray
    var_ptr: np.ndarray
    perm: np.ndarray
    inv: np.ndarray
    rel: np.ndarray


def grouped(key: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Items (indices) grouped by key (0 <= key < n_groups), each group in index order: the
    group starts (n_groups + 1) and the items (see group_by)."""
    key = np.asarray(key)
    if key.dtype.kind not in "iu":
        key = key.astype(np.int64)
    index = INDEX if max(len(key), n_groups) < 2**31 else np.int64
    ptr = np.zeros(n_groups + 1, dtype=index)
    order = np.empty(len(key), dtype=index)
    pick("group_by", len(key))(key, n_groups, ptr, order)
    return ptr, order


def incidence(z: np.ndarray, x: np.ndarray, y: np.ndarray, n: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Per variable (0 <= v < n), the constraints it is an operand of, in constraint order:
    cons[ptr[v]:ptr[v + 1]] (operands -1 are none). The (constraint, role) entries are in
    constraint order, and the counting sort by variable keeps it."""
    index = INDEX if max(3 * len(z), n) < 2**31 else np.int64
    ptr = np.zeros(n + 1, dtype=index)
    count = pick("operands", len(z))(z, x, y, ptr)
    cons = np.empty(count, dtype=np.int64)
    pick("incident", len(z))(z, x, y, ptr, cons)
    return ptr, cons


def connected_components(n: int, constraints: dict[str, dict[str, np.ndarray]]) -> np.ndarray:
    """Connected components of variables linked by any constraint, labelled 0, 1, ... in
    order of each component's smallest variable (union_find)."""
    src, dst = [], []
    for c in constraints.values():
        src += [c["z"], c["z"]]
        dst += [c["x"], c.get("y", c["x"])]
    parent = np.arange(n, dtype=np.int64)
    if src:
        s, d = np.concatenate(src), np.concatenate(dst)
        pick("union_find", len(s))(s, d, parent)
    # Every variable points at its root, the smallest of its component: number the roots.
    return (np.cumsum(parent == np.arange(n)) - 1)[parent]


@kernel(fills=("ptr",))
def operands(z, x, y, ptr):
    """incidence's first half: ptr[v + 1] counts the operand slots of variable v, then ptr
    becomes the starts; returns the number of slots."""
    for c in range(len(z)):
        for u in (z[c], x[c], y[c]):
            if u >= 0:
                ptr[u + 1] += 1
    for v in range(len(ptr) - 1):
        ptr[v + 1] += ptr[v]
    return ptr[len(ptr) - 1]


@kernel(fills=("cons",))
def incident(z, x, y, ptr, cons):
    """incidence's second half: each variable's constraints, in (constraint, role) order."""
    fill = ptr[:-1].copy()
    for c in range(len(z)):
        for u in (z[c], x[c], y[c]):
            if u >= 0:
                cons[fill[u]] = c
                fill[u] += 1
    return 0


def flatten(constraints: dict[str, dict[str, np.ndarray]], component: np.ndarray) -> Flat:
    """The constraints of a system as one table, with its indices (see Flat)."""
    parts = [(k, c) for k, c in constraints.items() if len(c["z"])]
    m = [len(c["z"]) for _, c in parts]
    kind = np.repeat(np.array([_KIND[k] for k, _ in parts], dtype=np.int8), m)

    def col(name: str, fill) -> np.ndarray:
        dtype = np.int64 if name in ("z", "x", "y") else np.float64
        cols = [np.asarray(c[name], dtype=dtype) if name in c else np.full(len(c["z"]), fill,
                                                                            dtype=dtype)
                for _, c in parts]
        return np.concatenate(cols) if cols else np.zeros(0, dtype=dtype)

    z, x, y = col("z", -1), col("x", -1), col("y", -1)
    n = len(component)
    n_comp = int(component.max()) + 1 if n else 0
    var_ptr, perm = grouped(component, n_comp)
    inv = np.empty(n, dtype=np.int64)
    inv[perm] = np.arange(n)
    con_ptr, order = grouped(component[z], n_comp)
    m = len(order)
    out = (np.empty(m, dtype=np.int8), *(np.empty(m, dtype=INDEX) for _ in range(3)),
           np.empty(m), np.empty(m))
    pick("laid_out", m)(order, inv, kind, z, x, y, col("add", 0.0), col("div", 1.0), *out)
    kind, z, x, y, add, div = out
    ptr, adj = incidence(z, x, y, n)
    group = np.repeat(np.arange(n_comp, dtype=INDEX), np.diff(con_ptr))
    rel = np.concatenate([np.asarray(c["rel"], dtype=INDEX) for _, c in parts]) if parts \
        else np.zeros(0, dtype=INDEX)
    return Flat(kind, z, x, y, add, div, ptr.astype(INDEX), adj.astype(INDEX), group,
                con_ptr.astype(INDEX), var_ptr.astype(INDEX), perm.astype(INDEX),
                inv.astype(INDEX), rel[order])


@kernel(fills=("kind_", "z_", "x_", "y_", "add_", "div_"))
def laid_out(order, inv, kind, z, x, y, add, div, kind_, z_, x_, y_, add_, div_):
    """flatten's constraints in `order`, their operands as positions (inv)."""
    for i in range(len(order)):
        c = order[i]
        kind_[i], add_[i], div_[i] = kind[c], add[c], div[c]
        z_[i], x_[i] = inv[z[c]], inv[x[c]]
        y_[i] = inv[y[c]] if y[c] >= 0 else -1
    return 0


def _below(x):
    """math.nextafter(x, -inf); compiled() replaces it with integer steps on the bits."""
    return math.nextafter(x, -INF)


def _above(x):
    """math.nextafter(x, inf) (see _below)."""
    return math.nextafter(x, INF)


@inline
def _dn(x):
    """The next float below x (NaN: the whole line below)."""
    if math.isnan(x):
        return -INF
    return _below(x)


@inline
def _up(x):
    if math.isnan(x):
        return INF
    return _above(x)


@inline
def _fmin(a, b):
    if math.isnan(a):
        return b
    if math.isnan(b):
        return a
    return b if b < a else a  # noqa: FURB136 (min's tie and NaN rules are not spelled out)


@inline
def _fmax(a, b):
    if math.isnan(a):
        return b
    if math.isnan(b):
        return a
    return b if b > a else a  # noqa: FURB136


@inline
def _mul(alo, ahi, blo, bhi):
    p1, p2, p3, p4 = alo * blo, alo * bhi, ahi * blo, ahi * bhi
    lo = _fmin(_fmin(p1, p2), _fmin(p3, p4))
    hi = _fmax(_fmax(p1, p2), _fmax(p3, p4))
    if math.isnan(lo):
        lo = 0.0
    if math.isnan(hi):
        hi = 0.0
    return _below(lo), _above(hi)


@inline
def _div(alo, ahi, blo, bhi):
    if blo <= 0 and bhi >= 0:  # (never a division by zero: plain Python would raise)
        return -INF, INF
    q1, q2, q3, q4 = alo / blo, alo / bhi, ahi / blo, ahi / bhi
    lo = _fmin(_fmin(q1, q2), _fmin(q3, q4))
    hi = _fmax(_fmax(q1, q2), _fmax(q3, q4))
    if math.isnan(lo) or math.isnan(hi):
        return -INF, INF
    return _below(lo), _above(hi)


@inline
def _magnitude(b):
    if math.isfinite(b):
        return max(1.0, abs(b))
    return 1.0


@inline
def _narrow(v, nl, nh, lo, hi, rel_step, width_step):
    """Intersect variable v with [nl, nh]: 2 if it is now empty, 1 if a bound moved by more
    than the stopping step (tradeaudit.solve.propagate), else 0."""
    ol, oh = lo[v], hi[v]
    low = nl if nl > ol else ol  # noqa: FURB136
    high = nh if nh < oh else oh  # noqa: FURB136
    lo[v] = low
    hi[v] = high
    if low > high:
        return 2
    width = oh - ol
    finite = math.isfinite(width)
    if low > ol:
        m = _magnitude(low)
        step = max(rel_step * m, width_step * width if finite else width_step * m)
        if low - ol > step:
            return 1
    if high < oh:
        m = _magnitude(high)
        step = max(rel_step * m, width_step * width if finite else width_step * m)
        if oh - high > step:
            return 1
    return 0


@inline
def _push(v, ptr, adj, queue, tail, size, inq, visits, max_visits):
    m = len(queue)
    for p in range(ptr[v], ptr[v + 1]):
        d = adj[p]
        if not inq[d] and visits[d] < max_visits:
            queue[tail] = d
            tail += 1
            if tail == m:
                tail = 0
            size += 1
            inq[d] = True
    return tail, size


@kernel()
def run(first, last, kind, z, x, y, add, div, ptr, adj, lo, hi, group, dead, queue, inq,
        visits, max_visits, rel_step, width_step):
    """Propagate from the constraints first..last - 1 (in that order) until nothing moves by more
    than the stopping step or every queued constraint has been revised `max_visits` times.

    `group[c]` is constraint c's component; once a variable of a component is empty the
    component is dead (dead[group] = True) and its constraints are no longer revised.
    queue, inq and visits are scratch arrays of one entry per constraint; inq must be all
    False on entry and is all False again on return. The work list lives in queue[first:last]
    (a constraint is queued at most once at a time, and only its own component's are), so
    components can settle side by side."""
    queue = queue[first:last]
    m = len(queue)
    head, tail, size = 0, 0, 0
    for c in range(first, last):
        queue[tail] = c
        tail += 1
        if tail == m:
            tail = 0
        size += 1
        inq[c] = True
        visits[c] = 0
    while size:
        c = queue[head]
        head += 1
        if head == m:
            head = 0
        size -= 1
        inq[c] = False
        g = group[c]
        if dead[g]:
            continue
        visits[c] += 1
        k, vz, vx, vy = kind[c], z[c], x[c], y[c]
        # Each projection narrows one operand from the others, in turn z, x, y.
        if k == AFFINE:  # z = (x + a) / d
            a, d = add[c], div[c]
            s_lo, s_hi = _dn(lo[vx] + a), _up(hi[vx] + a)
            n_lo, n_hi = _div(s_lo, s_hi, d, d)
            r = _narrow(vz, n_lo, n_hi, lo, hi, rel_step, width_step)
            if r == 2:
                dead[g] = True
                continue
            if r == 1:
                tail, size = _push(vz, ptr, adj, queue, tail, size, inq, visits, max_visits)
            p_lo, p_hi = _mul(lo[vz], hi[vz], d, d)
            r = _narrow(vx, _dn(p_lo - a), _up(p_hi - a), lo, hi, rel_step, width_step)
            if r == 2:
                dead[g] = True
                continue
            if r == 1:
                tail, size = _push(vx, ptr, adj, queue, tail, size, inq, visits, max_visits)
            continue
        for role in range(3):
            if k == SUM:  # z = x + y
                if role == 0:
                    t, n_lo, n_hi = vz, _dn(lo[vx] + lo[vy]), _up(hi[vx] + hi[vy])
                elif role == 1:
                    t, n_lo, n_hi = vx, _dn(lo[vz] - hi[vy]), _up(hi[vz] - lo[vy])
                else:
                    t, n_lo, n_hi = vy, _dn(lo[vz] - hi[vx]), _up(hi[vz] - lo[vx])
            else:  # z = x * y
                if role == 0:
                    t = vz
                    n_lo, n_hi = _mul(lo[vx], hi[vx], lo[vy], hi[vy])
                elif role == 1:
                    t = vx
                    n_lo, n_hi = _div(lo[vz], hi[vz], lo[vy], hi[vy])
                else:
                    t = vy
                    n_lo, n_hi = _div(lo[vz], hi[vz], lo[vx], hi[vx])
            r = _narrow(t, n_lo, n_hi, lo, hi, rel_step, width_step)
            if r == 2:
                dead[g] = True
                break
            if r == 1:
                tail, size = _push(t, ptr, adj, queue, tail, size, inq, visits, max_visits)
    return 0


@kernel(fills=("lo", "hi", "dead"), parallel=True)
def components(con_ptr, kind, z, x, y, add, div, ptr, adj, lo, hi, group, dead, queue, inq,
               visits, max_visits, rel_step, width_step, which):
    """run() for each component of `which`: its data stays in cache while it settles;
    compiled, the components are shared among the cores (each touches only its own
    positions and constraints, so the result is the same however they are shared)."""
    for k in prange(len(which)):
        g = which[k]
        if con_ptr[g + 1] > con_ptr[g]:
            run(con_ptr[g], con_ptr[g + 1], kind, z, x, y, add, div, ptr, adj, lo, hi, group,
                dead, queue, inq, visits, max_visits, rel_step, width_step)
    return 0


@inline
def _scratch(con_ptr):
    """run()'s scratch arrays: queue, inq and visits per constraint, a dead flag per
    component."""
    m = con_ptr[-1]
    return (np.empty(max(m, 1), dtype=np.int32), np.zeros(m, dtype=np.bool_),
            np.zeros(m, dtype=np.int32), np.zeros(len(con_ptr) - 1, dtype=np.bool_))


@kernel(parallel=True)
def scenarios(con_ptr, var_ptr, kind, z, x, y, add, div, ptr, adj, group, lo0, hi0,
              base_lo, base_hi, s_comp, s_ptr, s_vars, max_visits, rel_step, width_step,
              w_ptr, w_vars, b_lo, b_hi, tol):
    """Leave-one-out without copies: scenario s propagates component s_comp[s] alone, with
    the positions s_vars[s_ptr[s]:s_ptr[s + 1]] back at lo0/hi0 (their figures left out) and
    every other position of the component at base_lo/base_hi (all in Flat positions).

    Returns each left-out variable's interval (in s_vars order) and, per scenario and
    watched variable of its component (w_vars[w_ptr[g]:w_ptr[g + 1]]), whether leaving
    widened it beyond b_lo/b_hi by more than `tol` of its magnitude."""
    lo, hi = base_lo.copy(), base_hi.copy()
    queue, inq, visits, dead = _scratch(con_ptr)
    out_lo = np.empty(len(s_vars))
    out_hi = np.empty(len(s_vars))
    # Where each scenario's watched flags go, and the runs of scenarios of one component
    # (s_comp is sorted): components are shared among the cores, a component's scenarios
    # run in turn.
    at = np.zeros(len(s_comp) + 1, dtype=np.int64)
    starts = np.zeros(len(s_comp) + 1, dtype=np.int64)
    n_runs = 0
    for s in range(len(s_comp)):
        g = s_comp[s]
        at[s + 1] = at[s] + w_ptr[g + 1] - w_ptr[g]
        if s == 0 or g != s_comp[s - 1]:
            starts[n_runs] = s
            n_runs += 1
    starts[n_runs] = len(s_comp)
    widened = np.zeros(at[len(s_comp)], dtype=np.bool_)
    for k in prange(n_runs):
        for s in range(starts[k], starts[k + 1]):
            g = s_comp[s]
            for v in range(var_ptr[g], var_ptr[g + 1]):
                lo[v], hi[v] = base_lo[v], base_hi[v]
            for i in range(s_ptr[s], s_ptr[s + 1]):
                v = s_vars[i]
                lo[v], hi[v] = lo0[v], hi0[v]
            dead[g] = False
            run(con_ptr[g], con_ptr[g + 1], kind, z, x, y, add, div, ptr, adj, lo, hi, group,
                dead, queue, inq, visits, max_visits, rel_step, width_step)
            for i in range(s_ptr[s], s_ptr[s + 1]):
                v = s_vars[i]
                out_lo[i], out_hi[i] = lo[v], hi[v]
            for j in range(w_ptr[g + 1] - w_ptr[g]):
                v = w_vars[w_ptr[g] + j]
                t = tol * max(1.0, abs(b_hi[v]))
                widened[at[s] + j] = lo[v] < b_lo[v] - t or hi[v] > b_hi[v] + t
    return out_lo, out_hi, widened


class Checks(NamedTuple):
    """Blame's checks, in Flat positions: check s narrows the positions
    pos[ptr[s]:ptr[s + 1]] of component comp[s] to lo/hi (those figures applied, no others)
    and reads out the positions out_pos[out_ptr[s]:out_ptr[s + 1]]; runs: see check_runs."""

    comp: np.ndarray
    ptr: np.ndarray
    pos: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    out_ptr: np.ndarray
    out_pos: np.ndarray
    runs: np.ndarray


@kernel(fills=("dead_out", "out_lo", "out_hi"), parallel=True)
def checks(flat, lo0, hi0, c, max_visits, rel_step, width_step, dead_out, out_lo, out_hi):
    """Can these figures hold together? Check s (see Checks) propagates its component alone
    from lo0/hi0 with its figures applied; fills dead_out[s] and the intervals of its
    read-out positions.

    The checks c.runs[r]..c.runs[r + 1] - 1 run in turn; compiled, the runs are shared among
    the cores, so no component may have checks in two runs (see check_runs). Each check
    starts its component afresh, so the result is the same however they are shared."""
    lo, hi = lo0.copy(), hi0.copy()
    queue, inq, visits, dead = _scratch(flat.con_ptr)
    for r in prange(len(c.runs) - 1):
        for s in range(c.runs[r], c.runs[r + 1]):
            g = c.comp[s]
            for v in range(flat.var_ptr[g], flat.var_ptr[g + 1]):
                lo[v], hi[v] = lo0[v], hi0[v]
            for i in range(c.ptr[s], c.ptr[s + 1]):
                v = c.pos[i]
                if c.lo[i] > lo[v]:  # noqa: PLR1730 (max's rules for ties and NaN unspelled)
                    lo[v] = c.lo[i]
                if c.hi[i] < hi[v]:  # noqa: PLR1730
                    hi[v] = c.hi[i]
            dead[g] = False
            run(flat.con_ptr[g], flat.con_ptr[g + 1], flat.kind, flat.z, flat.x, flat.y,
                flat.add, flat.div, flat.ptr, flat.adj, lo, hi, flat.group, dead, queue, inq,
                visits, max_visits, rel_step, width_step)
            dead_out[s] = dead[g]
            for i in range(c.out_ptr[s], c.out_ptr[s + 1]):
                out_lo[i], out_hi[i] = lo[c.out_pos[i]], hi[c.out_pos[i]]
    return 0


def check_runs(c_comp: np.ndarray) -> np.ndarray:
    """checks' runs: the stretches of checks of one component, or one run of them all when
    a component's checks are not all side by side."""
    c_comp = np.asarray(c_comp)
    starts = np.flatnonzero(np.r_[True, c_comp[1:] != c_comp[:-1]]) if len(c_comp) else \
        np.zeros(0, dtype=np.int64)
    if len(np.unique(c_comp)) != len(starts):
        starts = np.zeros(min(len(c_comp), 1), dtype=np.int64)
    return np.r_[starts, len(c_comp)].astype(np.int64)


@kernel(fills=("ptr", "order"))
def group_by(key, n_groups, ptr, order):
    """Counting sort: order lists the items (indices) grouped by key, each group in index
    order; group g is order[ptr[g]:ptr[g + 1]]. ptr (n_groups + 1) must be zeros."""
    for k in key:
        ptr[k + 1] += 1
    for g in range(n_groups):
        ptr[g + 1] += ptr[g]
    fill = ptr[:-1].copy()
    for i in range(len(key)):
        k = key[i]
        order[fill[k]] = i
        fill[k] += 1
    return 0


@kernel(fills=("keep",))
def first_pairs(a, b, n_a, n_b, keep):
    """Mark in keep (all False on entry) the first occurrence of each distinct (a, b) pair:
    items grouped by a (counting sort), then each group's b values stamped with its a."""
    ptr = np.zeros(n_a + 1, dtype=np.int64)
    order = np.empty(len(a), dtype=np.int64)
    group_by(a, n_a, ptr, order)
    stamp = np.full(n_b, -1, dtype=np.int64)
    for j in range(len(order)):
        i = order[j]
        if stamp[b[i]] != a[i]:
            stamp[b[i]] = a[i]
            keep[i] = True
    return 0


@inline
def _near(f, foot_ptr, foot_var, var_rel_ptr, var_rel, rel_var_ptr, rel_var, var_foot_ptr,
          var_foot, seen_rel, seen_var, seen_fig, out, at):
    """Visit each figure near f once (stamping the seen arrays with f) and count them; with
    `out` not empty, also list them in out[at:at + count]."""
    listing = len(out) > 0
    count = 0
    for i in range(foot_ptr[f], foot_ptr[f + 1]):
        v = foot_var[i]
        for j in range(var_rel_ptr[v], var_rel_ptr[v + 1]):
            r = var_rel[j]
            if seen_rel[r] == f:
                continue
            seen_rel[r] = f
            for k in range(rel_var_ptr[r], rel_var_ptr[r + 1]):
                u = rel_var[k]
                if seen_var[u] == f:
                    continue
                seen_var[u] = f
                for q in range(var_foot_ptr[u], var_foot_ptr[u + 1]):
                    g = var_foot[q]
                    if g != f and seen_fig[g] != f:
                        seen_fig[g] = f
                        if listing:
                            out[at + count] = g
                        count += 1
    return count


@kernel(fills=("degree", "near"), parallel=True)
def near_figures(order, foot_ptr, foot_var, var_rel_ptr, var_rel, rel_var_ptr, rel_var,
                 var_foot_ptr, var_foot, n_figures, degree, ptr, near):
    """The figures near each f in order. Figures f and g are near when some relation of a
    variable in f's footprint (foot_var[foot_ptr[f]:foot_ptr[f + 1]]) has a variable in g's
    footprint. With `near` empty, fills degree[f], their number; otherwise lists them in
    near[ptr[f]:ptr[f + 1]] (ptr from the degrees). Compiled, `order` is cut in parts shared
    among the cores, each with its own seen arrays (one figure's walk needs no other's)."""
    n_parts = 8
    size = (len(order) + n_parts - 1) // n_parts
    for part in prange(n_parts):
        seen_rel = np.full(len(rel_var_ptr) - 1, -1, dtype=np.int32)
        seen_var = np.full(len(var_rel_ptr) - 1, -1, dtype=np.int32)
        seen_fig = np.full(n_figures, -1, dtype=np.int32)  # (figure numbers: int32 is plenty)
        for i in range(part * size, min(len(order), (part + 1) * size)):
            f = order[i]
            count = _near(f, foot_ptr, foot_var, var_rel_ptr, var_rel, rel_var_ptr, rel_var,
                          var_foot_ptr, var_foot, seen_rel, seen_var, seen_fig, near, ptr[f])
            if len(near) == 0:
                degree[f] = count
    return 0


@kernel(fills=("colour",))
def colouring(order, ptr, near, colour):
    """Give each figure, in `order`, the smallest colour no figure near it
    (near[ptr[f]:ptr[f + 1]]) has yet: greedy colouring. The lists are read, not walked
    again: in this order the walks would jump all over memory."""
    taken = np.full(len(colour) + 1, -1, dtype=np.int32)  # colour c is taken near f: f
    for f in order:
        for i in range(ptr[f], ptr[f + 1]):
            c = colour[near[i]]
            if c >= 0:
                taken[c] = f
        c = 0
        while taken[c] == f:
            c += 1
        colour[f] = c
    return 0


@kernel(fills=("out",))
def spread(ptr, cons, z, x, y, seg, n_segments, out):
    """out[v]: how many distinct segments (seg[u] >= 0) the operands u of the constraints of
    variable v (cons[ptr[v]:ptr[v + 1]]) belong to."""
    stamp = np.full(n_segments, -1, dtype=np.int64)
    for v in range(len(ptr) - 1):
        count = 0
        for i in range(ptr[v], ptr[v + 1]):
            c = cons[i]
            for u in (z[c], x[c], y[c]):
                if u >= 0 and seg[u] >= 0 and stamp[seg[u]] != v:
                    stamp[seg[u]] = v
                    count += 1
        out[v] = count
    return 0


@kernel(fills=("parent",))
def union_find(src, dst, parent):
    """Join the roots of every edge (src[i], dst[i]), the larger under the smaller, with path
    halving; then point every variable at its root (the smallest variable of its
    component)."""
    for i in range(len(src)):
        a, b = src[i], dst[i]
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b
    for v in range(len(parent)):
        parent[v] = parent[parent[v]]  # parents are smaller: already at their roots
    return 0


@kernel(fills=("table", "codes"))
def first_codes(values, lo, table, codes):
    """Number the values in order of first appearance, as pd.factorize does, through a table
    indexed by value - lo (all -1 on entry; it ends holding each value's code): no hashing,
    one look-up per value. Returns how many distinct values there are."""
    n = 0
    for i in range(len(values)):
        k = values[i] - lo
        c = table[k]
        if c < 0:
            c = n
            table[k] = n
            n += 1
        codes[i] = c
    return n


@kernel(fills=("uniques",))
def first_values(table, lo, uniques):
    """The values first_codes numbered, by code (uniques[c] is the value coded c)."""
    for k in range(len(table)):
        if table[k] >= 0:
            uniques[table[k]] = k + lo
    return 0
