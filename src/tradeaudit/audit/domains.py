"""Variable domains with a set of figures applied, and the block each figure belongs to."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.solve.propagate import capped, magnitude_cap
from tradeaudit.solve.relation import System


def domains(system: System, frame: pd.DataFrame, active: np.ndarray, cap: bool = False):
    """Variable domains with the active figures applied: (vars,) for a (figures,) mask, or
    (vars, scenarios) for a (figures, scenarios) mask. With `cap`, within the magnitude cap
    (propagate.CAP_FACTOR): for finding contradictions, not for the intervals reported."""
    shape = (system.n,) + active.shape[1:]
    lo = np.broadcast_to(system.lo0.reshape((-1,) + (1,) * (active.ndim - 1)), shape).copy()
    hi = np.broadcast_to(system.hi0.reshape((-1,) + (1,) * (active.ndim - 1)), shape).copy()
    has = system.fig_var >= 0
    v = system.fig_var[has]
    f_lo = frame["lo"].to_numpy()[has]
    f_hi = frame["hi"].to_numpy()[has]
    act = active[has]
    if active.ndim > 1:
        f_lo, f_hi = f_lo[:, None], f_hi[:, None]
    lo[v] = np.where(act, np.maximum(lo[v], f_lo), lo[v])
    hi[v] = np.where(act, np.minimum(hi[v], f_hi), hi[v])
    if cap:
        capped(lo, hi, magnitude_cap(frame["lo"].to_numpy(), frame["hi"].to_numpy()))
    return lo, hi


def blocks(system: System) -> np.ndarray:
    """Per figure row, its component (-1 without a variable)."""
    return np.where(system.fig_var >= 0, system.component[np.maximum(system.fig_var, 0)], -1)
