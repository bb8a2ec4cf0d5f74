"""Leave-one-out: the interval the other figures allow each figure, a few scenarios at once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.audit.domains import blocks, domains
from tradeaudit.solve import kernel
from tradeaudit.solve.propagate import RELATIVE_STEP, WIDTH_STEP, propagate
from tradeaudit.solve.relation import System, distinct_pairs

LOO_SWEEPS = 30  # revisions of each constraint per leave-one-out scenario (see propagate)
STAY = np.iinfo(np.int64).min  # a run in leave_one_out: the figure never leaves


def one_by_one(system: System, hard: np.ndarray) -> np.ndarray:
    """Runs in which each figure leaves alone: the r-th figure of every block leaves in run r
    (blocks are independent, so they share runs)."""
    out = np.full(len(hard), -1, dtype=np.int64)
    rows = np.flatnonzero(hard)
    comp = blocks(system)[rows]
    out[rows] = pd.Series(comp).groupby(comp).cumcount().to_numpy()
    return out


def colors(system: System, hard: np.ndarray) -> np.ndarray:
    """Group figures into few scenarios so that no two in one scenario are near each other.

    Two figures conflict when one's relations reach, in one more relation, a variable of the
    other's (kernel.near_figures walks that neighbourhood and lists it). A greedy colouring
    (most neighbours first, deterministic ties) gives each figure a colour; all figures of a
    colour leave together. Sound: a scenario without
    more figures only allows more. Returns a colour per row, as negative ids (-1 - colour) so
    that leave_one_out treats each colour as its own round.
    """
    rows = np.flatnonzero(hard)
    out = np.full(len(hard), -1, dtype=np.int64)
    if not len(rows):
        return out
    n = len(hard)
    size, *args = _footprints(system, hard, rows)
    near_figures = kernel.pick("near_figures", size)
    degree = np.zeros(n, dtype=np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    near_figures(rows, *args, degree, ptr, np.zeros(0, dtype=np.int32))
    np.cumsum(degree, out=ptr[1:])
    near = np.empty(ptr[-1], dtype=np.int32)
    near_figures(rows, *args, degree, ptr, near)
    del args
    # Most neighbours first, ties by a fixed shuffle of the figures' places in their block;
    # each figure takes the smallest colour no neighbour coloured before it has. (This is
    # what Jones–Plassmann rounds give too: a figure is coloured once every neighbour that
    # outranks it is.) Neighbours share a block, and both the degree and the tie are the
    # block's own, so a block's colours (and the intervals its figures get) do not depend
    # on the rest of the document: a figure added elsewhere changes nothing here.
    prio = degree[rows] + _shuffle(_place_in_block(system, rows))
    color = np.full(n, -1, dtype=np.int64)
    kernel.pick("colouring", len(near))(rows[np.argsort(-prio, kind="stable")], ptr, near, color)
    out[rows] = color[rows]
    return out


def _place_in_block(system: System, rows: np.ndarray) -> np.ndarray:
    """Per row (in `rows`), its place among its block's rows: 0, 1, ... in row order."""
    comp = blocks(system)[rows]
    return pd.Series(comp).groupby(comp).cumcount().to_numpy()


def _shuffle(place: np.ndarray) -> np.ndarray:
    """A fixed shuffle of places 0, 1, ...: distinct values in [0, 1), the same for a place
    whatever else is shuffled (the fractional parts of multiples of the golden ratio)."""
    return np.modf(place * 0.6180339887498949)[0]


def _footprints(system: System, hard: np.ndarray, rows: np.ndarray) -> tuple:
    """What kernel.near_figures walks, preceded by its size: each figure's footprint (its own
    variable and those of its own relations), the relations of each variable, the variables
    of each relation, and the figures whose footprint holds each variable."""
    vr = system.var_relations()
    var, rel = vr["var"].to_numpy(), vr["rel"].to_numpy()
    rel_fig = system.relations["figure"].to_numpy()
    n = len(hard)
    in_rows = np.zeros(n + 1, dtype=bool)  # (the last entry: relations of no figure, -1)
    in_rows[rows] = True
    own = in_rows[rel_fig][rel]
    foot = distinct_pairs(np.r_[rel_fig[rel[own]], rows], np.r_[var[own], system.fig_var[rows]],
                          "fig", "var")
    f_fig, f_var = foot["fig"].to_numpy(), foot["var"].to_numpy()
    del foot, own
    foot_ptr, at = kernel.grouped(f_fig, n)
    foot_var = f_var[at]
    var_rel_ptr, at = kernel.grouped(var, system.n)
    var_rel = rel[at]
    rel_var_ptr, at = kernel.grouped(rel, len(rel_fig))
    rel_var = var[at]
    var_foot_ptr, at = kernel.grouped(f_var, system.n)
    return (len(var) + len(f_var), foot_ptr, foot_var, var_rel_ptr, var_rel, rel_var_ptr,
            rel_var, var_foot_ptr, f_fig[at], n)


def leave_one_out(system, frame, hard, run, watch: np.ndarray | None = None, settled=None):
    """For every hard figure: the interval the other figures allow. `run[row]` is the run in
    which the figure leaves: each (block, run) pair is one scenario, its block propagated
    alone without that run's figures (kernel.scenarios, one block at a time, no copies).

    A figure whose run is STAY never leaves: it holds in every scenario of its block and gets
    no interval of its own.

    With `watch` (figure rows), also which removals widen each watched figure's interval: the
    figures that actually determine what the watched ones should be (with runs of several
    figures, every figure of a run that widens it), judged against `settled`: the intervals
    the hard figures allow together (propagated here when not given).
    """
    n = len(frame)
    e_lo, e_hi = np.full(n, -np.inf), np.full(n, np.inf)
    support: dict[int, set[int]] = {int(w): set() for w in (watch if watch is not None else [])}
    every = np.flatnonzero(hard)
    rows = every[run[every] != STAY]
    if not len(rows):
        return e_lo, e_hi, support
    comp_of_fig = blocks(system)
    fv = system.fig_var
    # Scenarios: the distinct (block, run) pairs, each with the figures leaving in it.
    rows = rows[np.lexsort((rows, run[rows], comp_of_fig[rows]))]
    c, r = comp_of_fig[rows], run[rows]
    first = np.flatnonzero(np.r_[True, (c[1:] != c[:-1]) | (r[1:] != r[:-1])])
    s_ptr = np.r_[first, len(rows)].astype(np.int64)
    s_comp = c[first].astype(np.int64)
    flat = system.flat()
    n_comp = len(flat.con_ptr) - 1
    watching = watch is not None and len(watch)
    w = np.asarray(watch if watching else [], dtype=np.int64)
    w = w[np.argsort(comp_of_fig[w], kind="stable")]
    w_ptr = np.searchsorted(comp_of_fig[w], np.arange(n_comp + 1)).astype(np.int64)
    base_lo, base_hi = domains(system, frame, hard)
    work = int((np.diff(flat.con_ptr)[s_comp]).sum())
    p, at = flat.perm, flat.inv  # the kernel works in positions (see kernel.Flat)
    if watching:
        if settled is None:
            settled = propagate(system, base_lo, base_hi)[:2]
        b_lo, b_hi = (x[p] for x in settled)
    base_lo, base_hi = base_lo[p], base_hi[p]
    if not watching:
        b_lo, b_hi = base_lo, base_hi
    out_lo, out_hi, widened = kernel.pick("scenarios", work)(
        flat.con_ptr, flat.var_ptr, flat.kind, flat.z, flat.x, flat.y, flat.add, flat.div,
        flat.ptr, flat.adj, flat.group, system.lo0[p], system.hi0[p], base_lo, base_hi, s_comp,
        s_ptr, at[fv[rows]], LOO_SWEEPS, RELATIVE_STEP, WIDTH_STEP, w_ptr, at[fv[w]], b_lo, b_hi,
        1e-9)
    e_lo[rows], e_hi[rows] = out_lo, out_hi
    if watching:
        _widened_by(support, rows, s_ptr, s_comp, w, w_ptr, widened)
    return e_lo, e_hi, support


def _widened_by(support: dict[int, set[int]], rows: np.ndarray, s_ptr: np.ndarray,
                s_comp: np.ndarray, w: np.ndarray, w_ptr: np.ndarray, widened: np.ndarray
                ) -> None:
    """Add to each watched figure's support the figures leaving in a scenario that widened it.

    `widened` lists, per scenario, each watched figure of its block: which scenarios widened
    which watched figure; every figure leaving there supports it."""
    count = w_ptr[s_comp + 1] - w_ptr[s_comp]
    scen = np.repeat(np.arange(len(s_comp)), count)
    which = w[np.repeat(w_ptr[s_comp] - np.cumsum(count) + count, count) +
              np.arange(int(count.sum()))]
    for s_, a in zip(scen[widened].tolist(), which[widened].tolist()):
        support[a].update(rows[s_ptr[s_]:s_ptr[s_ + 1]].tolist())
