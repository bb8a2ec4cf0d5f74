"""Incremental leave-one-out: blocks whose inputs are those of a block of the previous audit
take that block's intervals instead of being solved again (`audit --previous STATE`).

A block's leave-one-out intervals are a function of what the compiled kernel reads of it and
nothing else: its constraints in order (kind, operands numbered within the block,
constants), each variable's domain before and after the active figures are applied, and its
scenarios (each leaving figure's run and variable). The runs are the block's colours
(loo.colors), a function of the block alone: which constraints make up each relation, the
figure each relation states, and each figure's variable and place among the block's
figures. A block's key is a 128-bit hash of all of that (the relations instead of the
colours they give, so that colours are worked out only for the blocks solved), salted with
the kernel's settings; equal keys, the same intervals. A key the previous audit does not
have is solved again: a stale or foreign state can only cost time, never change a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tradeaudit.audit.blockhash import SOLVER_VERSION, block_keys, places
from tradeaudit.audit.domains import blocks
from tradeaudit.audit.settled import settled_columns

__all__ = ["SOLVED_COLUMNS", "SOLVER_VERSION", "Reuse", "leave_one_out_reusing"]
SOLVED_COLUMNS = ("block_a", "block_b", "place", "loo_lo", "loo_hi")


@dataclass
class Reuse:
    """What an audit keeps and takes: `previous` (a frame of SOLVED_COLUMNS, and of
    settled.SETTLED_COLUMNS when the state has them, from a state file) or None; after the
    audit, `solved` (leave-one-out's, one row per figure row of this document; kept() adds
    the propagations') and how many blocks were taken and solved."""

    previous: pd.DataFrame | None = None
    solved: pd.DataFrame | None = None
    taken: int = 0
    solved_blocks: int = 0
    unusable: bool = False  # the previous state could not be used (and was said so)
    # Propagations (audit.settled): this audit's results per stage, and the blocks taken;
    # the blocks' structure keys, computed once per system of constraints.
    settled: dict = field(default_factory=dict)
    settled_taken: dict = field(default_factory=dict)
    structure: tuple | None = None
    previous_kept: dict = field(default_factory=dict)  # (previous' settled, made compact)
    blocks: np.ndarray | None = None  # per figure row, its block in this audit

    def kept(self) -> pd.DataFrame | None:
        """What this audit keeps for the next (a state's SOLVED_COLUMNS, and
        settled.SETTLED_COLUMNS when its propagations were kept), a row per figure row;
        None when it keeps nothing."""
        if self.solved is None:
            return None
        if not self.settled or self.blocks is None:
            return self.solved
        return pd.concat([self.solved, pd.DataFrame(settled_columns(self.blocks,
                                                                    self.settled))], axis=1)


def _lookup(prev: pd.DataFrame, a: np.ndarray, b: np.ndarray, comp: np.ndarray,
            place: np.ndarray) -> np.ndarray:
    """Per leaving figure (its block `comp`, keyed a, b; its `place`), the row of `prev`
    holding the same block's figure of that place; -1 when the previous audit has no block
    of that key, or one with another number of figures."""
    pa, pb = prev["block_a"].to_numpy(np.uint64), prev["block_b"].to_numpy(np.uint64)
    pp = prev["place"].to_numpy(np.int64)
    live = np.flatnonzero(pp >= 0)
    order = live[np.lexsort((pp[live], pb[live], pa[live]))]
    sa, sb = pa[order], pb[order]
    first = np.flatnonzero(np.r_[True, (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])])
    size = np.diff(np.r_[first, len(order)])
    ua, ub = sa[first], sb[first]
    blocks_here = np.unique(comp)
    ka, kb = a[blocks_here], b[blocks_here]
    i = np.minimum(np.searchsorted(ua, ka, "left"), max(len(ua) - 1, 0))
    n_here = np.bincount(comp, minlength=len(a))[blocks_here]
    found = (len(ua) > 0) & (ua[i] == ka) & (ub[i] == kb) & (size[i] == n_here) \
        if len(ua) else np.zeros(len(blocks_here), dtype=bool)
    start = np.full(len(a), -1, dtype=np.int64)
    start[blocks_here[found]] = first[i[found]]
    s = start[comp]
    return np.where(s >= 0, order[np.maximum(s + place, 0)], -1)


def leave_one_out_reusing(system, frame: pd.DataFrame, hard: np.ndarray, reuse: Reuse,
                          watch: np.ndarray | None = None, settled=None):
    """loo.leave_one_out of every active figure in runs of its block's colours (loo.colors),
    each block whose key the previous audit has taken from it, the others (and every block
    holding a watched figure) coloured and solved; `reuse.solved` gets every leaving
    figure's key, place and interval for the next audit."""
    from tradeaudit.audit.loo import colors, leave_one_out

    n = len(frame)
    e_lo, e_hi = np.full(n, -np.inf), np.full(n, np.inf)
    rows = np.flatnonzero(hard)  # (every active figure leaves, in its colour's run)
    comp_of_fig = blocks(system)
    rows = rows[np.argsort(comp_of_fig[rows], kind="stable")]
    comp = comp_of_fig[rows]
    a, b, apart = block_keys(system, frame, hard, rows, comp)
    ka, kb, place = a[comp], b[comp], places(comp)
    have = np.zeros(len(rows), dtype=bool)
    if reuse.previous is not None and len(rows) and not apart:
        at = _lookup(reuse.previous, a, b, comp, place)
        have = at >= 0
        # A block is taken whole or solved whole.
        short = np.zeros(len(a), dtype=bool)
        short[comp[~have]] = True
        if watch is not None and len(watch):
            short[comp_of_fig[watch]] = True
        have &= ~short[comp]
        e_lo[rows[have]] = reuse.previous["loo_lo"].to_numpy()[at[have]]
        e_hi[rows[have]] = reuse.previous["loo_hi"].to_numpy()[at[have]]
    support: dict[int, set[int]] = {int(w): set() for w in (watch if watch is not None else [])}
    dirty = np.unique(np.r_[comp[~have], comp_of_fig[watch] if watch is not None else []]
                      ).astype(np.int64)
    if len(dirty):
        whole = apart or len(dirty) == len(np.unique(comp_of_fig[comp_of_fig >= 0]))
        sub = system if whole else system.subsystem(dirty)
        mine = np.isin(comp_of_fig, dirty)
        keep = np.isin(system.component, dirty)
        own = hard & mine
        lo, hi, support = leave_one_out(
            sub, frame, own, colors(sub, own), watch,
            None if settled is None or whole else (settled[0][keep], settled[1][keep]))
        solve = rows[~have]
        e_lo[solve], e_hi[solve] = lo[solve], hi[solve]
    reuse.taken = len(np.unique(comp[have]))
    reuse.solved_blocks = len(dirty)
    out = {"block_a": np.zeros(n, dtype=np.uint64), "block_b": np.zeros(n, dtype=np.uint64),
           "place": np.full(n, -1, dtype=np.int64), "loo_lo": np.full(n, np.nan),
           "loo_hi": np.full(n, np.nan)}
    out["block_a"][rows], out["block_b"][rows], out["place"][rows] = ka, kb, place
    out["loo_lo"][rows], out["loo_hi"][rows] = e_lo[rows], e_hi[rows]
    reuse.solved = pd.DataFrame(out)
    reuse.blocks = comp_of_fig
    return e_lo, e_hi, support
