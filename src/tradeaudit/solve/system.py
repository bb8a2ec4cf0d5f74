"""A system of interval constraints over variables, as arrays (see tradeaudit.solve.relation)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.solve import hubs, kernel
from tradeaudit.solve.hierarchy import SEGMENT_SUMS
from tradeaudit.solve.keys import key_fields
from tradeaudit.solve.labels import Labels


@dataclass
class System:
    """Interval constraints over variables, as arrays: three primitive kinds (affine, sum,
    product; see tradeaudit.solve.relation), each a dict of index and constant columns."""

    # Variable keys (c|cur|period|segment|flow, f|row, a|row|name, r|cur|scope) as Arrow
    # text: a million keys as Python strings cost hundreds of megabytes; `key(v)` gives one.
    keys: pa.LargeStringArray
    lo0: np.ndarray  # domains before any figure is applied
    hi0: np.ndarray
    fig_var: np.ndarray  # per figure row: its variable, -1 for figures without one (rank)
    fig_cell: np.ndarray  # per figure row: the cell it states something about
    constraints: dict[str, dict[str, np.ndarray]]
    relations: pd.DataFrame  # family, figure (row or -1); labels: see `labels`
    component: np.ndarray  # per variable
    canonical: str  # the currency all others convert to
    # Hubs (see cut_hubs): each block holds its own copy of a hub variable.
    copies: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    copy_hub: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Each relation's label, made when asked (none in a subsystem: it reports nothing).
    labels: Labels | None = field(default=None, repr=False, compare=False)
    # The constraints as one table for the compiled propagation (kernel.flatten), which
    # relations each variable is in, and the variables by key, made on first use;
    # dataclasses.replace carries them over to a system with other domains.
    flat_: object = field(default=None, repr=False, compare=False)
    var_relations_: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    key_index_: pd.Index | None = field(default=None, repr=False, compare=False)
    # Per variable, a code of the segment of a cell or change key (-1 for others), as the
    # build knows it; otherwise `segments` reads it from the keys.
    segment_: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def n(self) -> int:
        """The number of variables."""
        return len(self.keys)

    def key(self, v: int) -> str:
        """The key of variable v."""
        return self.keys[int(v)].as_py()

    def is_rate(self) -> np.ndarray:
        """Per variable: is it a conversion rate (or a copy of one)?"""
        return pc.starts_with(self.keys, "r|").to_numpy(zero_copy_only=False)

    def flat(self):
        """kernel.Flat of the constraints (computed once)."""
        if self.flat_ is None:
            self.flat_ = kernel.flatten(self.constraints, self.component)
        return self.flat_

    def subsystem(self, comps: np.ndarray) -> System:
        """The same system cut down to some components, with compact variable indices."""
        keep = np.isin(self.component, comps)
        remap = np.full(self.n, -1, dtype=np.int64)
        remap[keep] = np.arange(int(keep.sum()))
        constraints = {}
        for kind, c in self.constraints.items():
            m = keep[c["z"]]
            constraints[kind] = {k: (remap[v[m]] if k in ("z", "x", "y") else v[m])
                                 for k, v in c.items()}
        fig_var = np.where(self.fig_var >= 0, remap[np.maximum(self.fig_var, 0)], -1)
        fig_cell = np.where(self.fig_cell >= 0, remap[np.maximum(self.fig_cell, 0)], -1)
        component = np.unique(self.component[keep], return_inverse=True)[1]
        kept = keep[self.copies] if len(self.copies) else np.zeros(0, dtype=bool)
        return System(self.keys.filter(pa.array(keep)), self.lo0[keep], self.hi0[keep],
                      fig_var, fig_cell, constraints, self.relations, component, self.canonical,
                      remap[self.copies[kept]], remap[self.copy_hub[kept]])

    def segments(self) -> np.ndarray:
        """Per variable, a code of the segment of a cell or change key (-1 for others)."""
        if self.segment_ is not None:
            return self.segment_
        found = key_fields(self.keys, r"^[cd]\|[^|]*\|[^|]*\|(?P<segment>[^|]*)\|")
        return pd.factorize(found["segment"])[0].astype(np.int64)

    def cut_hubs(self, max_segments: int = hubs.HUB_SEGMENTS) -> System:
        """Split the system at its hubs: variables that tie many otherwise separate groups
        together (a document's conversion rate, a total many segments' shares refer to; see
        tradeaudit.solve.hubs). Each block gets its own copy of every hub it touches."""
        is_hub = hubs.spread(self.n, self.constraints, self.segments()) > max_segments
        is_hub &= ~self._in_hierarchy()
        is_hub |= self.is_rate()
        if not is_hub.any():
            return self
        b = hubs.blocks(self.n, self.constraints, is_hub)
        cp = hubs.copies(self.n, self.constraints, is_hub, b)
        hub = cp.hub
        keys = pa.concat_arrays([self.keys, pc.binary_join_element_wise(
            self.keys.take(pa.array(hub)), pa.array(cp.block).cast(pa.large_string()),
            pa.scalar("@", pa.large_string()))])
        return System(keys, np.concatenate([self.lo0, self.lo0[hub]]),
                      np.concatenate([self.hi0, self.hi0[hub]]), self.fig_var,
                      hubs.figure_cells(self.fig_cell, self.fig_var, is_hub, b, cp),
                      hubs.rewired(self.constraints, is_hub, b, cp), self.relations,
                      hubs.copy_components(self.n, is_hub, b, cp), self.canonical,
                      np.arange(self.n, self.n + len(hub)), hub, self.labels)

    def _in_hierarchy(self) -> np.ndarray:
        """Per variable, whether a sum of segments holds it: never a hub. The sum ties a total
        and all its members (each cell of a table to its row's and its column's totals) into
        one block anyway; cut, a total would be a hub of two blocks, and two blocks' votes
        on it cannot say which one is wrong. (A sum of periods stays within a segment: its
        cells are cut as any others, or a monthly release would be one block.)"""
        out = np.zeros(self.n, dtype=bool)
        family = self.relations["family"]
        names = family.cat.categories if isinstance(family.dtype, pd.CategoricalDtype) else \
            family.unique()
        if not SEGMENT_SUMS & set(names):
            return out
        linked = family.isin(SEGMENT_SUMS).to_numpy()
        for c in self.constraints.values():
            mine = linked[c["rel"]]
            for r in ("z", "x", "y"):
                if r in c:
                    out[c[r][mine]] = True
        return out

    def key_index(self) -> pd.Index:
        """The variables by key (pd.Index(keys).get_indexer), hashed once."""
        if self.key_index_ is None:
            self.key_index_ = pd.Index(self.keys.to_numpy(zero_copy_only=False))
        return self.key_index_

    def var_relations(self) -> pd.DataFrame:
        """(var, rel) pairs: which relations each variable takes part in (computed once)."""
        if self.var_relations_ is None:
            self.var_relations_ = self._var_relations()
        return self.var_relations_

    def _var_relations(self) -> pd.DataFrame:
        """(var, rel) of every constraint operand, each pair once."""
        var, rel = [], []
        for c in self.constraints.values():
            for role in ("z", "x", "y"):
                if role in c:
                    var.append(c[role])
                    rel.append(c["rel"])
        if not var:
            return pd.DataFrame({"var": np.zeros(0, np.int32), "rel": np.zeros(0, np.int32)})
        return distinct_pairs(np.concatenate(var), np.concatenate(rel), "var", "rel")


def distinct_pairs(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> pd.DataFrame:
    """The distinct (a, b) pairs of two non-negative integer columns, in order of first
    appearance (kernel.first_pairs: a counting sort and a stamp per b, no hashing), as int32
    columns when they fit (tens of millions of pairs at a million figures)."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    keep = np.zeros(len(a), dtype=bool)
    small = np.int64
    if len(a):
        kernel.pick("first_pairs", len(a))(a, b, int(a.max()) + 1, int(b.max()) + 1, keep)
        small = np.int32 if max(a.max(), b.max()) < 2**31 else np.int64
    return pd.DataFrame({name_a: a[keep].astype(small), name_b: b[keep].astype(small)})
