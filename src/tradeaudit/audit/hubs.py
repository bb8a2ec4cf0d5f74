"""Hub consensus: each block's copy of a hub gets the interval the other blocks allow."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from tradeaudit.audit.domains import domains
from tradeaudit.audit.runner import LOCAL, Runner, run_propagate
from tradeaudit.audit.settled import propagate_reusing
from tradeaudit.solve.relation import System


def settle_hubs(system: System, frame: pd.DataFrame, hard: np.ndarray,
                runner: Runner = LOCAL, reuse=None) -> System:
    """Give each block's copy of a hub the interval the *other* blocks allow for it.

    Each block is first solved alone, hubs free; its copy's interval is what that block says
    about the hub. The blocks that agree (the most intervals sharing one point) form the
    consensus; a block outside it gets the consensus as its copy's domain and so shows its own
    contradiction, to be localized inside it. A block inside gets the consensus of the others
    only, so no figure is ever checked against itself.

    With `reuse` (audit.reuse.Reuse), blocks whose propagation the previous audit kept are
    taken from it (audit.settled).
    """
    if not len(system.copies):
        return system
    copies, hubs = system.copies, system.copy_hub
    if reuse is not None and runner.parts <= 1:
        dead, c_lo, c_hi = propagate_reusing(system, *domains(system, frame, hard), reuse,
                                             "hubs")
    else:
        lo, hi, dead = run_propagate(runner, system, *domains(system, frame, hard))
        c_lo, c_hi = lo[copies], hi[copies]
    live = ~dead[system.component[copies]]
    lo0, hi0 = system.lo0.copy(), system.hi0.copy()
    order = np.argsort(hubs, kind="stable")  # each hub's copies, in copy order
    starts = np.flatnonzero(np.r_[True, hubs[order][1:] != hubs[order][:-1]])
    for mine in np.split(order, starts[1:]):
        voters = mine[live[mine]]
        if len(voters):
            _vote(system, mine, voters, c_lo, c_hi, lo0, hi0)
    return replace(system, lo0=lo0, hi0=hi0)


def _vote(system: System, mine: np.ndarray, voters: np.ndarray, c_lo: np.ndarray,
          c_hi: np.ndarray, lo0: np.ndarray, hi0: np.ndarray) -> None:
    """One hub's consensus (its copies `mine`, of which the live blocks' `voters`), written
    into the domains lo0, hi0."""
    copies, hub = system.copies, system.copy_hub[mine[0]]
    a, b = c_lo[voters], c_hi[voters]
    cover = np.searchsorted(np.sort(a), a, "right") - np.searchsorted(np.sort(b), a, "left")
    point = a[int(np.argmax(cover))]
    agree = (a <= point) & (b >= point)
    inl, out = voters[agree], np.setdiff1d(mine, voters[agree])
    ia, ib = c_lo[inl], c_hi[inl]
    # The consensus without each inlier: the best bound among the others.
    first_a, first_b = int(np.argmax(ia)), int(np.argmin(ib))
    rest_a = np.delete(ia, first_a).max() if len(ia) > 1 else system.lo0[hub]
    rest_b = np.delete(ib, first_b).min() if len(ib) > 1 else system.hi0[hub]
    minus_a = np.full(len(inl), ia[first_a])
    minus_a[first_a] = rest_a
    minus_b = np.full(len(inl), ib[first_b])
    minus_b[first_b] = rest_b
    targets = copies[inl]
    lo0[targets] = np.maximum(lo0[targets], minus_a)
    hi0[targets] = np.minimum(hi0[targets], minus_b)
    lo0[copies[out]] = np.maximum(lo0[copies[out]], ia.max())
    hi0[copies[out]] = np.minimum(hi0[copies[out]], ib.min())
    lo0[hub], hi0[hub] = max(lo0[hub], ia.max()), min(hi0[hub], ib.min())
