"""Lookups the explanations need, built once: variables by key, constraints and relations by
relation or variable, the level figures printed for each cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.solve import kernel
from tradeaudit.solve.relation import System


def runs(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every position of each key's run in `sorted_keys`, as (which key, position) pairs:
    keys in order, each run in order."""
    keys = np.asarray(keys).astype(sorted_keys.dtype)
    start = np.searchsorted(sorted_keys, keys, "left")
    count = np.searchsorted(sorted_keys, keys, "right") - start
    which = np.repeat(np.arange(len(keys)), count)
    return which, np.arange(len(which)) + np.repeat(start - (np.cumsum(count) - count), count)


def base_cells(system: System, cells: np.ndarray) -> np.ndarray:
    """Cell variables with a hub's copies taken back to the hub: one cell, whichever block's
    copy of it a figure speaks about."""
    cells = np.asarray(cells, dtype=np.int64).copy()
    copies = system.copies
    if len(copies) and len(cells):
        at = np.minimum(np.searchsorted(copies, cells), len(copies) - 1)
        is_copy = copies[at] == cells
        cells[is_copy] = system.copy_hub[at[is_copy]]
    return cells


def find(system: System, keys: np.ndarray) -> np.ndarray:
    """The variable of each key (-1: none). Hashes the keys asked for, not every variable's
    key: for a few keys of a big release, far less memory than System.key_index."""
    if system.key_index_ is not None:
        return system.key_index_.get_indexer(keys)
    codes, wanted = pd.factorize(np.asarray(keys, dtype=object))
    hit = pc.index_in(system.keys, value_set=pa.array(wanted, pa.large_string()))
    hit = hit.fill_null(-1).to_numpy(zero_copy_only=False)
    var = np.full(len(wanted), -1, dtype=np.int64)
    var[hit[hit >= 0]] = np.flatnonzero(hit >= 0)
    return np.where(codes >= 0, var[np.maximum(codes, 0)], -1)


class Printed:
    """The level figures printed for each cell (a hub's copies count as their cell), in row
    order: sorted arrays, looked up by binary search."""

    def __init__(self, system: System, frame: pd.DataFrame) -> None:
        rows = np.flatnonzero((frame["stat"] == "level").to_numpy() & (system.fig_cell >= 0))
        base = base_cells(system, system.fig_cell[rows])
        order = np.argsort(base, kind="stable")
        self.system, self.rows, self.base = system, rows[order], base[order]

    def of_any(self, cells: np.ndarray) -> np.ndarray:
        """The rows printed for these cell variables (or copies of them)."""
        return self.rows[runs(self.base, base_cells(self.system, cells))[1]]


class Index:
    """Lookups the per-discrepancy explanations need, built once: the constraint rows and
    variables of each relation, the relations of each variable, and the level figures printed
    for each cell (a hub's copies count as their cell)."""

    def __init__(self, system: System, frame: pd.DataFrame) -> None:
        self.system = system
        self.rows = {}
        for kind, c in system.constraints.items():
            order = np.argsort(c["rel"], kind="stable")
            self.rows[kind] = (order, c["rel"][order])
        vr = system.var_relations()
        var, rel = vr["var"].to_numpy(), vr["rel"].to_numpy()
        # (var, rel) and (rel, var) orders by two stable counting sorts each.
        n_rel = len(system.relations)

        def by(first, n_first, then, n_then):
            """(first, then) pairs sorted by first, then by then: two stable counting sorts."""
            order = kernel.grouped(then, n_then)[1]
            order = order[kernel.grouped(first[order], n_first)[1]]
            return first[order], then[order]

        self.by_var = by(var, system.n, rel, n_rel)
        self.by_rel = by(rel, n_rel, var, system.n)
        fig_rel = system.relations["figure"].to_numpy()
        fig_rows = np.flatnonzero(fig_rel >= 0)
        order = np.argsort(fig_rel[fig_rows], kind="stable")
        self.rel_of_fig = (fig_rows[order], fig_rel[fig_rows][order])
        self.printed = Printed(system, frame)

    @staticmethod
    def _take(sorted_keys: np.ndarray, key: int) -> slice:
        key = sorted_keys.dtype.type(key)  # (of another dtype, the whole array is converted)
        return slice(np.searchsorted(sorted_keys, key, "left"),
                     np.searchsorted(sorted_keys, key, "right"))

    def constraints(self, rel: int) -> dict:
        """The constraint rows of one relation, by kind."""
        out = {}
        for kind, (order, keys) in self.rows.items():
            m = order[self._take(keys, rel)]
            if len(m):
                out[kind] = {k: v[m] for k, v in self.system.constraints[kind].items()}
        return out

    def variables(self, rel: int) -> np.ndarray:
        """The variables of one relation."""
        rels, vars_ = self.by_rel
        return vars_[self._take(rels, rel)]
