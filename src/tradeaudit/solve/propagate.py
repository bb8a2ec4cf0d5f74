"""Interval propagation to a fixpoint over all constraints (HC4-style projections)."""

from __future__ import annotations

import numpy as np

from tradeaudit.solve.system import System

# A variable whose bound moved by no more than RELATIVE_STEP of its magnitude and WIDTH_STEP of
# its interval's width (of its magnitude, for a half-open interval) in one revision does not
# queue its constraints again: tightening through cycles can creep on for ever in ever
# smaller steps. MAX_SWEEPS (and LOO_SWEEPS, BLAME_SWEEPS) cap the revisions of each
# constraint. Stopping early is always sound (every revision only removes values no solution
# has); it can only miss a contradiction that hangs on the last sliver.
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


def propagate(system: System, lo: np.ndarray, hi: np.ndarray, max_sweeps: int = MAX_SWEEPS,
              comps: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Narrow the domains to a fixpoint; returns lo, hi and the contradiction flags.

    lo and hi are (vars,) or (vars, scenarios): each column is an independent scenario (the
    same constraints, other domains). Sound: every value that satisfies all constraints stays
    inside [lo, hi]; a component whose variable becomes empty (lo > hi) has no solution. The
    flags are (components,) or (components, scenarios).

    The work is tradeaudit.solve.kernel's: a constraint is revised again only when one of its
    variables moved by more than the stopping step, at most `max_sweeps` times; stopping
    early is sound, only less tight. Each component settles on its own: what it ends with
    depends on that component alone, never on what else is propagated beside it (the Spark
    engine relies on this). With `comps`, only those components settle: the others keep
    their domains as given and no flag.
    """
    from tradeaudit.solve import kernel

    flat = system.flat()
    comp = system.component
    n_comp = int(comp.max()) + 1 if len(comp) else 0
    m = len(flat.z)
    queue = np.empty(max(m, 1), dtype=kernel.INDEX)
    inq = np.zeros(m, dtype=bool)
    visits = np.zeros(m, dtype=kernel.INDEX)
    one = lo.ndim == 1
    lo, hi = (lo[:, None], hi[:, None]) if one else (lo, hi)
    perm = flat.perm  # the kernel works in positions, each component's contiguous
    lo = np.asfortranarray(lo[perm], dtype=np.float64)  # each column contiguous
    hi = np.asfortranarray(hi[perm], dtype=np.float64)
    dead = np.zeros((n_comp, lo.shape[1]), dtype=bool, order="F")
    which = (np.arange(n_comp, dtype=np.int64) if comps is None else
             np.asarray(comps, dtype=np.int64))
    components = kernel.pick("components", m * lo.shape[1])
    for s in range(lo.shape[1]):
        components(flat.con_ptr, flat.kind, flat.z, flat.x, flat.y, flat.add, flat.div,
                   flat.ptr, flat.adj, lo[:, s], hi[:, s], flat.group, dead[:, s], queue, inq,
                   visits, max_sweeps, RELATIVE_STEP, WIDTH_STEP, which)
    lo, hi = lo[flat.inv], hi[flat.inv]
    if one:
        return lo[:, 0].copy(), hi[:, 0].copy(), dead[:, 0].copy()
    return np.ascontiguousarray(lo), np.ascontiguousarray(hi), np.ascontiguousarray(dead)


