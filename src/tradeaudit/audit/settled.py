"""Propagations an update takes from the previous audit, block by block: the hubs' votes
(settle_hubs propagates every block with its hubs free) and the search for contradictions
(the capped propagation with the hubs settled).

What a propagation ends with in a block depends on the block's constraints and the domains
it starts from only (solve.propagate: each component settles alone). A block's key hashes
both (blockhash.settled_keys, with the propagation's settings); a block whose key the
previous audit kept takes its contradiction flag and the intervals of its hub copies (all
that settle_hubs and the search for contradictions read), the others are propagated. A key
the previous audit does not have is propagated again: a stale or foreign state costs time,
never a result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeaudit.audit.blockhash import settled_keys, structure_keys
from tradeaudit.solve.propagate import MAX_SWEEPS, propagate

STAGES = {"hubs": 1, "cut": 2}  # settle_hubs' propagation; the search for contradictions
# Per block, on its first figure row in the state: its keys in each stage and its flags;
# on its k-th figure row its k-th hub copy (place in the block, interval); both with the
# block's number in that audit (identical blocks share a key, not their rows).
SETTLED_COLUMNS = ("hubs_a", "hubs_b", "hubs_dead", "hubs_block", "copy_at", "copy_lo",
                   "copy_hi", "cut_a", "cut_b", "cut_dead")


@dataclass(frozen=True)
class Settled:
    """One propagation's results to keep: per component its key and contradiction flag; per
    hub copy (system.copies' order) its component, place there and interval."""

    a: np.ndarray
    b: np.ndarray
    dead: np.ndarray
    copy_comp: np.ndarray
    copy_at: np.ndarray
    copy_lo: np.ndarray
    copy_hi: np.ndarray


def propagate_reusing(system, lo: np.ndarray, hi: np.ndarray, reuse, stage: str,
                      max_sweeps: int = MAX_SWEEPS) -> tuple:
    """propagate(system, lo, hi) as settle_hubs and the search for contradictions read it:
    per component whether it contradicts, and for the hubs' stage the intervals of the hub
    copies (in system.copies' order; None for the other). Blocks whose key the previous
    audit (`reuse.previous`) kept for this stage are taken from it, the others propagated.
    What it ended with is kept in `reuse.settled[stage]` for the next audit."""
    flat = system.flat()
    if reuse.structure is None or reuse.structure[0] is not flat:
        reuse.structure = (flat, structure_keys(system))
    a, b = settled_keys(system, reuse.structure[1], lo, hi, (STAGES[stage], max_sweeps))
    copies = system.copies
    c_comp = system.component[copies]
    c_at = (flat.inv[copies] - flat.var_ptr[c_comp]).astype(np.int64)
    taken, dead_of, c_from, c_lo_of, c_hi_of = _taken(
        _table(reuse, stage), a, b, c_comp if stage == "hubs" else c_comp[:0], c_at)
    todo = np.flatnonzero(taken < 0)
    out_lo, out_hi, dead = propagate(system, lo, hi, max_sweeps, comps=todo)
    have = taken >= 0
    dead[have] = dead_of[taken[have]]
    c_lo, c_hi = out_lo[copies], out_hi[copies]
    if stage == "hubs" and len(copies):
        mine = have[c_comp]
        c_lo[mine], c_hi[mine] = c_lo_of[c_from[mine]], c_hi_of[c_from[mine]]
    reuse.settled[stage] = Settled(a, b, dead, c_comp, c_at, c_lo, c_hi)
    reuse.settled_taken[stage] = int(have.sum())
    return (dead, c_lo, c_hi) if stage == "hubs" else (dead, None, None)


@dataclass(frozen=True)
class _Kept:
    """What the previous audit kept of one stage: per block (one per key) its key halves and
    flag; per hub copy kept, its block's index here, place and interval."""

    a: np.ndarray
    b: np.ndarray
    dead: np.ndarray
    copy_block: np.ndarray
    copy_at: np.ndarray
    copy_lo: np.ndarray
    copy_hi: np.ndarray


def _table(reuse, stage: str) -> _Kept | None:
    """reuse.previous's columns of a stage as a _Kept (made once; the columns, a row per
    figure, are then dropped from reuse.previous)."""
    if stage in reuse.previous_kept:
        return reuse.previous_kept[stage]
    prev = reuse.previous
    if prev is None or f"{stage}_a" not in prev:
        reuse.previous_kept[stage] = None
        return None
    pa, pb = prev[f"{stage}_a"].to_numpy(np.uint64), prev[f"{stage}_b"].to_numpy(np.uint64)
    first = np.flatnonzero((pa != 0) | (pb != 0))  # (each block's first row)
    first = first[~pd.MultiIndex.from_arrays([pa[first], pb[first]]).duplicated()]
    # (one block per key: equal keys, equal results)
    no = np.zeros(0, dtype=np.int64)
    kept = _Kept(pa[first], pb[first], prev[f"{stage}_dead"].to_numpy(bool)[first], no, no,
                 no.astype(float), no.astype(float))
    mine = [c for c in prev.columns if c.startswith(f"{stage}_")]
    if stage == "hubs":
        # The copies the previous audit kept of the blocks chosen: (block index, place).
        block = prev["hubs_block"].to_numpy(np.int64)
        at = prev["copy_at"].to_numpy(np.int64)
        rows = np.flatnonzero(at >= 0)
        k = pd.Index(block[first]).get_indexer(block[rows])
        rows, k = rows[k >= 0], k[k >= 0]
        kept = _Kept(kept.a, kept.b, kept.dead, k, at[rows],
                     prev["copy_lo"].to_numpy(float)[rows], prev["copy_hi"].to_numpy(float)[rows])
        mine += ["copy_at", "copy_lo", "copy_hi"]
    reuse.previous = prev.drop(columns=mine)
    reuse.previous_kept[stage] = kept
    return kept


def _taken(kept: _Kept | None, a: np.ndarray, b: np.ndarray, c_comp: np.ndarray,
           c_at: np.ndarray) -> tuple:
    """Per component, the index of the previous audit's block of its key (-1: none, or one
    without every hub copy `c_comp`, `c_at` says this one has: none asked of the search for
    contradictions); those blocks' flags; per copy, the index of its interval (c_lo_of,
    c_hi_of) in the previous block (-1 for none)."""
    if kept is None:
        empty = np.zeros(0)
        return (np.full(len(a), -1, dtype=np.int64), empty.astype(bool),
                np.full(len(c_comp), -1, dtype=np.int64), empty, empty)
    table = pd.MultiIndex.from_arrays([kept.a, kept.b])
    taken = table.get_indexer(pd.MultiIndex.from_arrays([a, b])).astype(np.int64)
    c_from = np.full(len(c_comp), -1, dtype=np.int64)
    if len(c_comp):
        stored = pd.MultiIndex.from_arrays([kept.copy_block, kept.copy_at])
        here = taken[c_comp]
        c_from = np.where(here >= 0, stored.get_indexer(pd.MultiIndex.from_arrays(
            [here, c_at])), -1).astype(np.int64)
        # A block with a copy the previous one did not keep is propagated.
        taken[np.unique(c_comp[(here >= 0) & (c_from < 0)])] = -1
        c_from[taken[c_comp] < 0] = -1
    return taken, kept.dead, c_from, kept.copy_lo, kept.copy_hi


def settled_columns(comp: np.ndarray, settled: dict[str, Settled]) -> dict[str, np.ndarray]:
    """SETTLED_COLUMNS for a state of this audit (comp: each figure row's block, -1 for
    none): on each block's first figure row its keys and flags, on its k-th its k-th hub
    copy, both with the block's number (a block with more copies than figure rows is not
    kept)."""
    n = len(comp)
    out = {"hubs_a": np.zeros(n, dtype=np.uint64), "hubs_b": np.zeros(n, dtype=np.uint64),
           "hubs_dead": np.zeros(n, dtype=bool), "hubs_block": np.full(n, -1, dtype=np.int64),
           "copy_at": np.full(n, -1, dtype=np.int64), "copy_lo": np.full(n, np.nan),
           "copy_hi": np.full(n, np.nan), "cut_a": np.zeros(n, dtype=np.uint64),
           "cut_b": np.zeros(n, dtype=np.uint64), "cut_dead": np.zeros(n, dtype=bool)}
    rows = np.flatnonzero(comp >= 0)
    rows = rows[np.argsort(comp[rows], kind="stable")]
    g = comp[rows]
    head = np.r_[True, g[1:] != g[:-1]] if len(g) else np.zeros(0, dtype=bool)
    lead, g_lead = rows[head], g[head]
    for stage in STAGES:
        s = settled.get(stage)
        if s is None:
            continue
        keep = np.ones(len(s.a), dtype=bool)
        if stage == "hubs":
            order = np.lexsort((s.copy_at, s.copy_comp))
            cc = s.copy_comp[order]
            k = np.arange(len(cc)) - np.searchsorted(cc, cc, "left")  # k-th copy of its block
            start = np.searchsorted(g, cc, "left")
            fits = (start + k < len(g)) & (g[np.minimum(start + k, max(len(g) - 1, 0))] == cc) \
                if len(g) else np.zeros(len(cc), dtype=bool)
            keep[np.unique(cc[~fits])] = False
            at = rows[start[fits] + k[fits]]
            out["copy_at"][at] = s.copy_at[order][fits]
            out["copy_lo"][at] = s.copy_lo[order][fits]
            out["copy_hi"][at] = s.copy_hi[order][fits]
            out["hubs_block"][at] = cc[fits]
            out["hubs_block"][lead] = g_lead
        mine = keep[g_lead]
        out[f"{stage}_a"][lead] = np.where(mine, s.a[g_lead], 0)
        out[f"{stage}_b"][lead] = np.where(mine, s.b[g_lead], 0)
        out[f"{stage}_dead"][lead] = s.dead[g_lead]
    return out
