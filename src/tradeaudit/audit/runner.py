"""Where the per-component work runs: in process, or split by component (Spark)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.audit.blame import blame_block, fanout, run_blocks
from tradeaudit.audit.domains import blocks
from tradeaudit.audit.loo import leave_one_out
from tradeaudit.audit.plausibility import scorer
from tradeaudit.solve.propagate import MAX_SWEEPS, propagate
from tradeaudit.solve.relation import System


class Runner:
    """Where the per-component work runs: propagation, blame and leave-one-out.

    This local runner does it in one piece, in process. A distributed runner (see
    tradeaudit.integrations.spark) sets `parts` and `map`: the work is split by connected
    component and each part runs as a task. What a component ends with never depends on what
    else is computed beside it (see propagate), so every runner gives the same report, byte
    for byte.
    """

    parts = 1

    def map(self, fn, items: list) -> list:
        """fn over the items, in order."""
        return [fn(x) for x in items]


LOCAL = Runner()


def groups(runner: Runner, system: System, comps: np.ndarray | None = None
           ) -> list[np.ndarray] | None:
    """Components (all, or `comps`) in runner.parts groups of about equal size; None for one
    piece."""
    if runner.parts <= 1:
        return None
    size = np.bincount(system.component)
    comps = np.flatnonzero(size) if comps is None else np.asarray(comps)
    if not len(comps):
        return []
    load = np.cumsum(size[comps])
    part = np.minimum(runner.parts - 1, (load - 1) * runner.parts // load[-1])
    return [comps[part == p] for p in np.unique(part)]


def _propagate_task(task):
    system, lo, hi, max_sweeps = task
    return propagate(system, lo, hi, max_sweeps=max_sweeps)


def run_propagate(runner: Runner, system: System, lo, hi, max_sweeps: int = MAX_SWEEPS):
    """propagate(), split by component when the runner distributes."""
    parts = groups(runner, system)
    if parts is None:
        return propagate(system, lo, hi, max_sweeps=max_sweeps)
    keeps = [np.isin(system.component, g) for g in parts]
    results = runner.map(_propagate_task, [(system.subsystem(g), lo[k], hi[k], max_sweeps)
                                           for g, k in zip(parts, keeps)])
    lo, hi = lo.copy(), hi.copy()
    dead = np.zeros((int(system.component.max()) + 1,) + lo.shape[1:], dtype=bool)
    for g, k, (l, h, d) in zip(parts, keeps, results):
        lo[k], hi[k], dead[np.sort(g)] = l, h, d
    return lo, hi, dead


def _loo_task(task):
    return leave_one_out(*task)


def run_loo(runner: Runner, system: System, frame: pd.DataFrame, hard: np.ndarray,
            run: np.ndarray, watch: np.ndarray | None = None, settled=None):
    """leave_one_out(), split by component when the runner distributes."""
    parts = groups(runner, system)
    if parts is None:
        return leave_one_out(system, frame, hard, run, watch, settled)
    comp_of_fig = blocks(system)
    tasks, mines = [], []
    for g in parts:
        mine = np.isin(comp_of_fig, g)
        w = None if watch is None else watch[mine[watch]]
        keep = np.isin(system.component, g)  # (the subsystem's variables, in order)
        tasks.append((system.subsystem(g), frame, hard & mine, run, w,
                      None if settled is None else (settled[0][keep], settled[1][keep])))
        mines.append(mine)
    n = len(frame)
    e_lo, e_hi = np.full(n, -np.inf), np.full(n, np.inf)
    support: dict[int, set[int]] = {}
    for mine, (lo, hi, sup) in zip(mines, runner.map(_loo_task, tasks)):
        e_lo[mine], e_hi[mine] = lo[mine], hi[mine]
        support |= sup
    return e_lo, e_hi, support


def _blame_task(task):
    system, frame, rows_of, degree, k = task
    score = scorer(frame, degree, system.canonical,
                   np.concatenate(list(rows_of.values())) if rows_of else [])
    return run_blocks(system, frame["lo"].to_numpy(), frame["hi"].to_numpy(),
                      {c: blame_block(r.tolist(), score, k) for c, r in rows_of.items()},
                      rows_of)


def run_blame(runner: Runner, system: System, frame: pd.DataFrame, dead_comps: np.ndarray,
              rows_of: dict[int, np.ndarray], degree: np.ndarray) -> dict:
    """Blame every contradictory block (run_blocks), split by component when the runner
    distributes."""
    parts = groups(runner, system, dead_comps)
    if parts is None:
        parts = [dead_comps]
    k = fanout(int(np.bincount(system.component)[dead_comps].sum()))
    tasks = [(system.subsystem(g), frame, {int(c): rows_of[int(c)] for c in g
                                           if int(c) in rows_of}, degree, k) for g in parts]
    found: dict = {}
    for part in runner.map(_blame_task, tasks):
        found |= part
    return found
