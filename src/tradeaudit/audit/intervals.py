"""What each figure is checked against: the repaired document's intervals, and what the other
figures allow it (leave-one-out)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradeaudit.audit.domains import domains
from tradeaudit.audit.loo import STAY, colors, one_by_one
from tradeaudit.audit.problem import Problem
from tradeaudit.audit.reuse import Reuse, leave_one_out_reusing
from tradeaudit.audit.rounds import Blame
from tradeaudit.audit.runner import Runner, run_loo, run_propagate


@dataclass(frozen=True)
class Intervals:
    """Intervals in base units: per variable (r_), and per figure (the rest)."""

    r_lo: np.ndarray  # per variable: what the repaired document allows
    r_hi: np.ndarray
    exp_lo: np.ndarray  # per figure: its variable's interval in the repaired document
    exp_hi: np.ndarray
    e_lo: np.ndarray  # per figure: what the other figures allow (leave-one-out)
    e_hi: np.ndarray
    chk_lo: np.ndarray  # per figure: what its check uses (e_, or exp_ for figures set aside)
    chk_hi: np.ndarray
    support: dict[int, set[int]]  # per blamed figure: the figures that determine it


def allowed_intervals(problem: Problem, blame: Blame, runner: Runner, reuse: Reuse | None = None
                      ) -> Intervals:
    """Propagate the repaired document, then check every figure against the others (with
    `reuse`, taking the blocks a previous audit solved from it: audit.reuse)."""
    system, active = blame.system, blame.active
    # What the repaired document allows, without the cap (it only serves to find
    # contradictions; a repaired document has none, so nothing diverges now).
    r_lo, r_hi, _ = run_propagate(runner, system, *domains(system, problem.frame, active))
    e_lo, e_hi, support = leave_others_out(problem, blame, r_lo, r_hi, runner, reuse)
    # The propagation tables are done with: what follows reads intervals, not constraints.
    problem.system.flat_ = system.flat_ = None
    has_var = system.fig_var >= 0
    fv = np.maximum(system.fig_var, 0)
    exp_lo = np.where(has_var, r_lo[fv], -np.inf)
    exp_hi = np.where(has_var, r_hi[fv], np.inf)
    # A figure's own check uses the leave-one-out interval; blamed ones use the repaired one.
    return Intervals(r_lo, r_hi, exp_lo, exp_hi, e_lo, e_hi, np.where(active, e_lo, exp_lo),
                     np.where(active, e_hi, exp_hi), support)


def leave_others_out(problem: Problem, blame: Blame, r_lo: np.ndarray, r_hi: np.ndarray,
                     runner: Runner, reuse: Reuse | None = None
                     ) -> tuple[np.ndarray, np.ndarray, dict[int, set[int]]]:
    """Every remaining figure against the others of the repaired document (r_lo, r_hi), and
    for each blamed figure, the figures that determine what it should be.

    Figures far apart leave together (sound, a handful of scenarios instead of one per
    figure)."""
    system, frame, active, block = blame.system, problem.frame, blame.active, problem.block
    watch = np.array(sorted(blame.blamed), dtype=np.int64)
    if reuse is not None and runner.parts <= 1:
        e_lo, e_hi, near = leave_one_out_reusing(system, frame, active, reuse,
                                                 watch if blame.blamed else None, (r_lo, r_hi))
    else:
        e_lo, e_hi, near = run_loo(runner, system, frame, active, colors(system, active),
                                   watch if blame.blamed else None, (r_lo, r_hi))
    support: dict[int, set[int]] = {int(w): set() for w in watch}
    if any(near.values()):
        # Which figures determine what each blamed figure should be: a figure can only if its
        # colour, leaving, widened the blamed figure (fewer figures leaving allow no more), so
        # only those leave again, one at a time, with the rest of their blocks staying.
        cand = np.zeros(len(frame), dtype=bool)
        cand[sorted(set().union(*near.values()))] = True
        comps = np.unique(block[cand])
        sub = system.subsystem(comps)
        own = active & np.isin(block, comps)
        run = np.where(cand, one_by_one(sub, cand), STAY)
        keep = np.isin(system.component, comps)  # (sub's variables, in order)
        s_lo, s_hi, support = run_loo(runner, sub, frame, own, run, watch,
                                      (r_lo[keep], r_hi[keep]))
        e_lo[cand], e_hi[cand] = s_lo[cand], s_hi[cand]
    return e_lo, e_hi, support
