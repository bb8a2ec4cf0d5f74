"""Interval propagation to a fixpoint over all constraints at once (HC4-style projections)."""

from __future__ import annotations

import numpy as np

from tradeaudit.interval import add, div, mul, sub
from tradeaudit.relation import System, kept_plan

# Stop when no bound of a live component moves by more than RELATIVE_STEP of its magnitude
# and WIDTH_STEP of its interval's width (of its magnitude, for a half-open interval) in one
# sweep: tightening through cycles can creep on
# forever in ever smaller steps. Stopping early is always sound (every sweep only removes
# values no solution has); it can only miss a contradiction that hangs on the last sliver.
RELATIVE_STEP = 1e-10
WIDTH_STEP = 1e-2
MAX_SWEEPS = 100
# No quantity of a release is more than CAP_FACTOR times its largest printed figure. Without
# such a bound an impossible set of figures need not show as an empty interval: a cycle whose
# gain exceeds one drives a lower bound up for ever (1e30, 1e85, ...) under an infinite upper
# one. With it, such a bound soon passes the cap and the contradiction shows. Bounds beyond
# CAP_FACTOR / OPEN_FACTOR of the largest figure are reported as open (see uncap).
CAP_FACTOR = 1e12
OPEN_FACTOR = 1e6


def magnitude_cap(f_lo: np.ndarray, f_hi: np.ndarray) -> float:
    """The cap on every variable's magnitude, from the printed figures' bounds."""
    both = np.abs(np.concatenate([f_lo, f_hi]))
    both = both[np.isfinite(both)]
    return CAP_FACTOR * max(1.0, float(both.max()) if len(both) else 1.0)


def capped(lo: np.ndarray, hi: np.ndarray, cap: float) -> tuple[np.ndarray, np.ndarray]:
    """Domains held within [-cap, cap] (in place)."""
    np.maximum(lo, -cap, out=lo)
    np.minimum(hi, cap, out=hi)
    return lo, hi


def uncap(lo: np.ndarray, hi: np.ndarray, cap: float) -> tuple[np.ndarray, np.ndarray]:
    """Bounds that only the cap holds, back to what the figures leave open: infinite, and the
    dust a division by a capped bound leaves beside zero (1e-26 for 0) back to zero. Both
    only widen, so both stay sound."""
    edge, dust = cap / OPEN_FACTOR, OPEN_FACTOR / CAP_FACTOR
    lo = np.where(lo <= -edge, -np.inf, np.where((lo > 0) & (lo < dust), 0.0, lo))
    hi = np.where(hi >= edge, np.inf, np.where((hi < 0) & (hi > -dust), 0.0, hi))
    return lo, hi


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
    """Bounds that moved by more than the stopping steps in the last sweep. A bound of a
    half-open interval (no width to compare with) must move by WIDTH_STEP of its own
    magnitude: such a bound can otherwise creep towards its limit for ever."""
    with np.errstate(invalid="ignore", over="ignore"):
        width = hi_prev - lo_prev
        finite = np.isfinite(width)

        def step(bound):
            magnitude = np.where(np.isfinite(bound), np.maximum(1.0, np.abs(bound)), 1.0)
            return np.maximum(RELATIVE_STEP * magnitude,
                              np.where(finite, WIDTH_STEP * width, WIDTH_STEP * magnitude))

        return (lo - lo_prev > step(lo)) | (hi_prev - hi > step(hi))


def propagate(system: System, lo: np.ndarray, hi: np.ndarray,
              constraints: dict[str, dict[str, np.ndarray]] | None = None,
              max_sweeps: int = MAX_SWEEPS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Narrow the domains to a fixpoint; returns lo, hi and the contradiction flags.

    lo and hi are (vars,) or (vars, scenarios): each column is an independent scenario (the
    same constraints, other domains), so many what-ifs run as one array program. Sound: every
    value that satisfies all constraints stays inside [lo, hi]; a component whose variable
    becomes empty (lo > hi) has no solution. The flags are (components,) or (components,
    scenarios). `max_sweeps` caps the work; stopping early is sound, only less tight.

    Each (component, scenario) settles on its own: once nothing in it moves, or it
    contradicts, it is frozen and later sweeps leave it as it is. So what a component ends
    with depends on that component alone, never on what else is propagated beside it (the
    Spark engine relies on this), and only components still moving are swept.
    """
    flat = lo.ndim == 1
    lo, hi = (lo[:, None].copy(), hi[:, None].copy()) if flat else (lo.copy(), hi.copy())
    comp = system.component
    n_comp = comp.max() + 1 if len(comp) else 0
    dead = np.zeros((n_comp, lo.shape[1]), dtype=bool)
    done = np.zeros((n_comp, lo.shape[1]), dtype=bool)  # settled or dead
    every = system.constraints if constraints is None else constraints
    active, touched = every, _touched(every, len(lo))
    for _ in range(max_sweeps):
        lo_prev, hi_prev = lo[touched], hi[touched]
        sweep(system, lo, hi, active)
        t_lo, t_hi = lo[touched], hi[touched]
        frozen = done[comp[touched]]
        if frozen.any():  # undo what the sweep did to scenarios that had settled
            t_lo = np.where(frozen, lo_prev, t_lo)
            t_hi = np.where(frozen, hi_prev, t_hi)
            lo[touched], hi[touched] = t_lo, t_hi
        empty = t_lo > t_hi
        if empty.any():
            where = np.nonzero(empty)
            dead[comp[touched[where[0]]], where[1]] = True
        moved = _moved(t_lo, t_hi, lo_prev, hi_prev)
        still = np.zeros_like(done)
        where = np.nonzero(moved)
        still[comp[touched[where[0]]], where[1]] = True
        done |= ~still | dead
        moving = ~done.all(axis=1)
        if not moving.any():
            break
        # The moving components are among the active ones: narrow what is active, not
        # everything, so late sweeps over a few creeping components cost only those.
        active = _within(active, moving, comp)
        touched = _touched(active, len(lo))
    if flat:
        return lo[:, 0], hi[:, 0], dead[:, 0]
    return lo, hi, dead


def _touched(constraints: dict, n: int) -> np.ndarray:
    """The variables some projection of these constraints can narrow (their plans' targets,
    marked in a mask: cheaper than sorting the operands every sweep)."""
    mark = np.zeros(n, dtype=bool)
    for c in constraints.values():
        for _, _, targets in c["plans"].values():
            mark[targets] = True
    return np.flatnonzero(mark)


def _within(constraints: dict, components: np.ndarray, comp: np.ndarray) -> dict:
    """The constraints of the marked components."""
    out = {}
    for kind, c in constraints.items():
        m = components[comp[c["z"]]]
        if m.all():
            out[kind] = c
        elif m.any():
            out[kind] = {k: v[m] for k, v in c.items() if k != "plans"}
            out[kind]["plans"] = {role: kept_plan(p, m, c[role])
                                  for role, p in c["plans"].items()}
    return out
