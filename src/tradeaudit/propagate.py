"""Interval propagation to a fixpoint over all constraints at once (HC4-style projections)."""

from __future__ import annotations

import numpy as np

from tradeaudit.interval import add, div, mul, sub
from tradeaudit.relation import System, with_plans

# Stop when no bound of a live component moves by more than RELATIVE_STEP of its magnitude
# and WIDTH_STEP of its interval's width in one sweep: tightening through cycles can creep on
# forever in ever smaller steps. Stopping early is always sound (every sweep only removes
# values no solution has); it can only miss a contradiction that hangs on the last sliver.
RELATIVE_STEP = 1e-10
WIDTH_STEP = 1e-2
MAX_SWEEPS = 100


def _tighten(lo, hi, plan, new_lo, new_hi) -> None:
    # Several constraints may narrow one variable in the same sweep: reduce per variable first
    # (sorted segments; much faster than ufunc.at), then intersect.
    order, starts, targets = plan
    if not len(order):
        return
    lo[targets] = np.maximum(lo[targets], np.maximum.reduceat(new_lo[order], starts, axis=0))
    hi[targets] = np.minimum(hi[targets], np.minimum.reduceat(new_hi[order], starts, axis=0))


def _column(v: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Per-constraint constants broadcast against (vars,) or (vars, scenarios) bounds."""
    return v if like.ndim == 1 else v[:, None]


def sweep(system: System, lo: np.ndarray, hi: np.ndarray,
          constraints: dict[str, dict[str, np.ndarray]] | None = None) -> None:
    """One pass of every projection of every constraint, narrowing lo/hi in place."""
    cs = system.constraints if constraints is None else constraints
    if "affine" in cs:
        c = cs["affine"]
        z, x, p = c["z"], c["x"], c["plans"]
        a, d = _column(c["add"], lo), _column(c["div"], lo)
        _tighten(lo, hi, p["z"], *div(*add(lo[x], hi[x], a, a), d, d))
        _tighten(lo, hi, p["x"], *sub(*mul(lo[z], hi[z], d, d), a, a))
    if "sum" in cs:
        c = cs["sum"]
        z, x, y, p = c["z"], c["x"], c["y"], c["plans"]
        _tighten(lo, hi, p["z"], *add(lo[x], hi[x], lo[y], hi[y]))
        _tighten(lo, hi, p["x"], *sub(lo[z], hi[z], lo[y], hi[y]))
        _tighten(lo, hi, p["y"], *sub(lo[z], hi[z], lo[x], hi[x]))
    if "product" in cs:
        c = cs["product"]
        z, x, y, p = c["z"], c["x"], c["y"], c["plans"]
        _tighten(lo, hi, p["z"], *mul(lo[x], hi[x], lo[y], hi[y]))
        _tighten(lo, hi, p["x"], *div(lo[z], hi[z], lo[y], hi[y]))
        _tighten(lo, hi, p["y"], *div(lo[z], hi[z], lo[x], hi[x]))


def _moved(lo, hi, lo_prev, hi_prev) -> np.ndarray:
    """Bounds that moved by more than the stopping steps in the last sweep."""
    with np.errstate(invalid="ignore", over="ignore"):
        width = hi_prev - lo_prev
        magnitude = np.maximum(np.abs(lo), np.abs(hi))
        step = np.maximum(RELATIVE_STEP * np.where(np.isfinite(magnitude), np.maximum(
            1.0, magnitude), 1.0), np.where(np.isfinite(width), WIDTH_STEP * width, 0.0))
        return (lo - lo_prev > step) | (hi_prev - hi > step)


def propagate(system: System, lo: np.ndarray, hi: np.ndarray,
              constraints: dict[str, dict[str, np.ndarray]] | None = None,
              max_sweeps: int = MAX_SWEEPS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Narrow the domains to a fixpoint; returns lo, hi and the contradiction flags.

    lo and hi are (vars,) or (vars, scenarios): each column is an independent scenario (the
    same constraints, other domains), so many what-ifs run as one array program. Sound: every
    value that satisfies all constraints stays inside [lo, hi]; a component whose variable
    becomes empty (lo > hi) has no solution. The flags are (components,) or (components,
    scenarios). `max_sweeps` caps the work; stopping early is sound, only less tight.
    """
    lo, hi = lo.copy(), hi.copy()
    comp = system.component
    n_comp = comp.max() + 1 if len(comp) else 0
    dead = np.zeros((n_comp,) + lo.shape[1:], dtype=bool)
    every = system.constraints if constraints is None else constraints
    active = every
    for _ in range(max_sweeps):
        lo_prev, hi_prev = lo.copy(), hi.copy()
        sweep(system, lo, hi, active)
        empty = lo > hi
        if empty.any():
            where = np.nonzero(empty)
            dead[(comp[where[0]],) + where[1:]] = True
        moved = _moved(lo, hi, lo_prev, hi_prev) & ~dead[comp]
        if not moved.any():
            break
        # A component where nothing moved is at its fixpoint (no constraint crosses
        # components): the next sweep visits only those still moving.
        moving = np.zeros(n_comp, dtype=bool)
        moving[comp[moved if moved.ndim == 1 else moved.any(axis=1)]] = True
        active = _within(every, moving, comp) if moving.mean() < 0.5 else every
    return lo, hi, dead


def _within(constraints: dict, components: np.ndarray, comp: np.ndarray) -> dict:
    """The constraints of the marked components."""
    out = {}
    for kind, c in constraints.items():
        m = components[comp[c["z"]]]
        if m.any():
            out[kind] = with_plans({k: v[m] for k, v in c.items() if k != "plans"})
    return out


def survivors(system: System, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Which scenarios (columns) have no contradiction at their fixpoint.

    Cheaper than propagate() when most scenarios die: a column is dropped from the arrays as
    soon as any of its variables becomes empty, so later sweeps only carry the live ones.
    """
    alive = np.ones(lo.shape[1], dtype=bool)
    cols = np.arange(lo.shape[1])
    lo, hi = lo.copy(), hi.copy()
    for _ in range(MAX_SWEEPS):
        lo_prev, hi_prev = lo.copy(), hi.copy()
        sweep(system, lo, hi)
        died = (lo > hi).any(axis=0)
        if died.any():
            alive[cols[died]] = False
            keep = ~died
            cols, lo, hi = cols[keep], lo[:, keep], hi[:, keep]
            lo_prev, hi_prev = lo_prev[:, keep], hi_prev[:, keep]
            if not len(cols):
                break
        if not _moved(lo, hi, lo_prev, hi_prev).any():
            break
    return alive
