"""Relations between cells: a figure table plus rules become one system of interval constraints.

Every (currency, period, segment, flow) is a cell variable; every figure has a variable of its
own, pinned to its printed interval; statistics add auxiliary variables. All relations reduce
to three primitive kinds, kept as index arrays so the engine can propagate them in bulk:

    affine   z = (x + add) / div      (a figure's level, 1 + growth/100, share/100)
    sum      z = x + y                (identities, changes; a difference is a sum turned round)
    product  z = x * y                (ratios, growth factors, shares, multiples, conversions)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.model.figures import TEXT, Table
from tradeaudit.model.rules import Rules

KINDS = ("affine", "sum", "product")
# A variable whose constraints reach cells of more segments than this is a hub (a total that
# many segments' shares refer to); see System.cut_hubs. Conversion rates always are.
HUB_SEGMENTS = 2
# Keys are numbered through a table indexed by key (see _factorize) when they span at most
# this many values per key occurrence: an int32 entry each, 16 bytes per occurrence at most.
DENSE_KEYS = 4
# Discrepancy codes by the family of the relation that fails (documented in the README).
FAMILY_CODE = {
    "sum": "sum-mismatch", "difference": "difference-mismatch", "ratio": "ratio-mismatch",
    "product": "product-mismatch", "growth": "growth-mismatch", "change": "change-mismatch",
    "share": "share-mismatch", "change-share": "share-mismatch",
    "multiple": "multiple-mismatch", "conversion": "conversion-mismatch",
    "level": "joint-inconsistency", "derived": "joint-inconsistency",
}
STAT_RELATION = {"level": "level", "change": "change", "growth_pct": "growth",
                 "share_pct": "share", "change_share_pct": "change-share",
                 "multiple": "multiple"}


class Labels:
    """Relation labels ("growth of exports (total, 2023)"), made when asked: a million figures
    have millions of relations, and a report names a handful.

    Relations come in batches of consecutive ids; each batch keeps a small table (`context`,
    one row per relation, or the rows `at` of a shared one) and the vectorized expression
    that makes its labels from it."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.batches: list[tuple[pd.DataFrame, np.ndarray | None, Callable]] = []

    def add(self, start: int, context: pd.DataFrame, make: Callable[[pd.DataFrame], pd.Series],
            at: np.ndarray | None = None) -> None:
        self.starts.append(start)
        self.batches.append((context, at, make))

    def __getitem__(self, rel: int) -> str:
        return self.many([rel])[0]

    def many(self, rels) -> list[str]:
        """The labels of several relations, each batch's made by one call of its expression
        (a call costs about the same for one row as for a thousand)."""
        rels, back = np.unique(np.asarray(rels, dtype=np.int64), return_inverse=True)
        batch = np.searchsorted(self.starts, rels, side="right") - 1
        out = np.empty(len(rels), dtype=object)
        for k in np.unique(batch).tolist():
            mine = np.flatnonzero(batch == k)
            context, at, make = self.batches[k]
            pos = rels[mine] - self.starts[k]
            out[mine] = [str(x) for x in make(context.iloc[pos if at is None else at[pos]])]
        return out[back].tolist()


@dataclass
class _Builder:
    """Collects constraint rows (keys coded as integers, see _Keys) and relation rows before
    indexing."""

    # Per kind, parts of columns (rel, z, x[, y][, add, div]).
    rows: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in KINDS})
    relations: list[pd.DataFrame] = field(default_factory=list)
    labels: Labels = field(default_factory=Labels)
    n_rel: int = 0

    def relation(self, family: str, figure, context: pd.DataFrame,
                 label: Callable[[pd.DataFrame], pd.Series], at=None) -> np.ndarray:
        """Register one relation per figure (-1: none); returns their ids. Their labels are
        label(rows of context), made when asked (see Labels)."""
        figure = np.asarray(figure, dtype=np.int64)
        ids = np.arange(self.n_rel, self.n_rel + len(figure))
        self.labels.add(self.n_rel, context, label,
                        None if at is None else np.asarray(at, dtype=np.int64))
        self.n_rel += len(figure)
        self.relations.append(pd.DataFrame({"family": family, "figure": figure}))
        return ids

    def add(self, kind: str, rel: np.ndarray, z, x, y=None, add=0.0, div=1.0) -> None:
        part = {"rel": np.asarray(rel, dtype=np.int64), "z": np.asarray(z, dtype=np.int64),
                "x": np.asarray(x, dtype=np.int64)}
        if kind == "affine":
            part |= {"add": np.broadcast_to(np.asarray(add, dtype=float), len(rel)),
                     "div": np.broadcast_to(np.asarray(div, dtype=float), len(rel))}
        else:
            part["y"] = np.asarray(y, dtype=np.int64)
        self.rows[kind].append(part)


@dataclass
class System:
    """Interval constraints over variables, as arrays (see the module docstring)."""

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
    # build knows it; otherwise _spread reads it from the keys.
    segment_: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def n(self) -> int:
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
            from tradeaudit.solve.kernel import flatten  # numba: only when propagating
            self.flat_ = flatten(self.constraints, self.component)
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

    def _spread(self) -> np.ndarray:
        """Per variable, how many segments the cells it shares a constraint with belong to."""
        seg = self.segment_  # -1: not a cell or a change
        if seg is None:
            found = key_fields(self.keys, r"^[cd]\|[^|]*\|[^|]*\|(?P<segment>[^|]*)\|")
            seg = pd.factorize(found["segment"])[0].astype(np.int64)
        from tradeaudit.solve import kernel

        ops = [np.concatenate([c[r] if r in c else np.full(len(c["z"]), -1)
                               for c in self.constraints.values()]).astype(kernel.INDEX)
               for r in ("z", "x", "y")]
        ptr, cons = kernel.incidence(*ops, self.n)
        out = np.zeros(self.n, dtype=np.int64)
        kernel.pick("spread", len(cons))(ptr, cons, *ops, seg,
                                         int(seg.max()) + 1 if len(seg) else 0, out)
        return out

    def cut_hubs(self, max_segments: int = HUB_SEGMENTS) -> System:
        """Split the system at its hubs: variables that tie many otherwise separate groups
        together (a document's conversion rate, a total many segments' shares refer to).

        Each block (a component once hubs are removed) gets its own copy of every hub it
        touches; the engine then settles each copy's domain from the other blocks. Blocks are
        independent, so one bad figure no longer makes the whole document one contradiction,
        and checking a figure costs its block, not the document.
        """
        is_hub = self._spread() > max_segments
        is_hub |= self.is_rate()
        if not is_hub.any():
            return self
        # Blocks: replace each hub operand by the row's first ordinary operand (a self-loop).
        anchor = {}
        for kind, c in self.constraints.items():
            ops = [c[r] for r in ("z", "x", "y") if r in c]
            first = np.full(len(c["z"]), -1)
            for o in reversed(ops):
                first = np.where(~is_hub[o], o, first)
            anchor[kind] = first
        loose = {kind: np.flatnonzero(a < 0) for kind, a in anchor.items()}
        n_extra = sum(len(v) for v in loose.values())
        n = self.n + n_extra  # rows with only hub operands get a block of their own
        start = self.n
        for kind in self.constraints:
            anchor[kind][loose[kind]] = np.arange(start, start + len(loose[kind]))
            start += len(loose[kind])
        local = {kind: {r: np.where(is_hub[c[r]], anchor[kind], c[r])
                        for r in ("z", "x", "y") if r in c}
                 for kind, c in self.constraints.items()}
        block = _components(n, local)
        # One copy per (hub, block) that uses it. A (hub, block) pair as one integer: sorted,
        # the pairs are in order of hub, then block, and a lookup is a binary search.
        width = int(block.max()) + 1
        codes = []
        for kind, c in self.constraints.items():
            for r in ("z", "x", "y"):
                if r in c:
                    h = is_hub[c[r]]
                    codes.append(c[r][h].astype(np.int64) * width + block[anchor[kind][h]])
        codes = np.unique(np.concatenate(codes))
        pairs = np.stack([codes // width, codes % width], axis=1)

        def copy_of(hub: np.ndarray, blk: np.ndarray) -> np.ndarray:
            """The copy variable of each (hub, block) pair; -1 where there is none."""
            want = hub.astype(np.int64) * width + blk  # (int32 operands would overflow)
            if not len(codes):
                return np.full(len(want), -1)
            at = np.minimum(np.searchsorted(codes, want), len(codes) - 1)
            return np.where(codes[at] == want, self.n + at, -1)
        constraints = {}
        for kind, c in self.constraints.items():
            out = dict(c)
            for r in ("z", "x", "y"):
                if r in c:
                    h = is_hub[c[r]]
                    v = c[r].copy()
                    if h.any():
                        v[h] = copy_of(c[r][h], block[anchor[kind][h]])
                    out[r] = v
            constraints[kind] = out
        keys = pa.concat_arrays([self.keys, pc.binary_join_element_wise(
            self.keys.take(pa.array(pairs[:, 0])), pa.array(pairs[:, 1]).cast(pa.large_string()),
            pa.scalar("@", pa.large_string()))])
        lo0 = np.concatenate([self.lo0, self.lo0[pairs[:, 0]]])
        hi0 = np.concatenate([self.hi0, self.hi0[pairs[:, 0]]])
        comp = np.concatenate([block[:self.n], pairs[:, 1]])
        hubs = np.flatnonzero(is_hub)
        comp[hubs] = block.max() + 1 + np.arange(len(hubs))  # a hub alone is its own component
        used = np.zeros(int(comp.max()) + 1, dtype=bool)
        used[comp] = True
        comp = (np.cumsum(used) - 1)[comp]  # numbered 0, 1, ... in order, as np.unique would
        # A figure stating a hub cell speaks about its own block's copy of it.
        fig_cell = self.fig_cell.copy()
        on_hub = (fig_cell >= 0) & (self.fig_var >= 0)
        on_hub[on_hub] = is_hub[fig_cell[on_hub]]
        if on_hub.any():
            # (A figure whose own relations never touch that cell keeps the hub itself.)
            found = copy_of(fig_cell[on_hub], block[self.fig_var[on_hub]])
            fig_cell[on_hub] = np.where(found < 0, fig_cell[on_hub], found)
        return System(keys, lo0, hi0, self.fig_var, fig_cell, constraints, self.relations, comp,
                      self.canonical, np.arange(self.n, self.n + len(pairs)), pairs[:, 0].copy(),
                      self.labels)

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
    from tradeaudit.solve import kernel

    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    keep = np.zeros(len(a), dtype=bool)
    small = np.int64
    if len(a):
        kernel.pick("first_pairs", len(a))(a, b, int(a.max()) + 1, int(b.max()) + 1, keep)
        small = np.int32 if max(a.max(), b.max()) < 2**31 else np.int64
    return pd.DataFrame({name_a: a[keep].astype(small), name_b: b[keep].astype(small)})




def _arrow(x) -> pa.Array | pa.ChunkedArray | pa.Scalar:
    """Text as Arrow: a Series or array without copying when it is Arrow already."""
    if isinstance(x, str):
        return pa.scalar(x, pa.large_string())
    if isinstance(x, pa.Array | pa.ChunkedArray):
        return x.cast(pa.large_string())
    if isinstance(x, pd.Series | pd.Index):
        x = x.array
    if isinstance(getattr(x, "dtype", None), pd.StringDtype | pd.ArrowDtype):
        return pa.array(x).cast(pa.large_string())
    return pa.array(np.asarray(x, dtype=object), type=pa.large_string())


def text_series(x: pa.Array | pa.ChunkedArray) -> pd.Series:
    return x.to_pandas(types_mapper={pa.string(): TEXT, pa.large_string(): TEXT}.get)


def key_fields(keys, pattern: str) -> pd.DataFrame:
    """The named groups of `pattern` in each key (NaN where it does not match), as Arrow-backed
    text columns: splitting a million keys in Python costs seconds and a Python string per
    field; the regex runs in Arrow and makes none."""
    found = pc.extract_regex(_arrow(keys), pattern)
    # flatten(), not field(): a key that does not match is null in every field.
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks()
    return pd.DataFrame({f.name: text_series(col) for f, col in zip(found.type, found.flatten())})


def _where(segment: pd.Series, period: pd.Series) -> pd.Series:
    return " (" + segment + ", " + period + ")"


def canonical_currency(frame: pd.DataFrame) -> str:
    """The currency most level figures are printed in; on a tie, the one printed first (a
    release states its own currency first, conversions after it); "" if none."""
    cur = frame.loc[(frame["stat"] == "level") & (frame["currency"] != ""), "currency"]
    if cur.empty:
        cur = frame.loc[frame["currency"] != "", "currency"]
    if cur.empty:
        return ""
    counts = cur.value_counts()
    tied = set(counts[counts == counts.max()].index)
    return next(c for c in cur if c in tied)


class _Keys:
    """Variable keys as integers while building.

    A key's fields are coded against small vocabularies (currencies, periods, segments, flows,
    rate scopes) and packed into one int64, namespace in the low bits: f|row (a figure),
    c|cur|period|segment|flow (a cell), d|... (a cell's change over its year-earlier cell),
    a|row|q, a|row|g, a|row|s (a statistic's auxiliaries), a|cur|period|segment|name (a solved
    form's), r|cur|scope (a conversion rate). The millions of key occurrences are then numbered
    by one integer factorization, and only the distinct keys ever become text (`text`), the
    very strings the key names spell out.
    """

    F, C, D, A, S, R = range(6)
    WIDTH = 8  # namespaces fit in the low 3 bits
    AUX = ("q", "g", "s")

    def __init__(self, cur, period, segment, flow, solved: list[str]) -> None:
        def vocabulary(values) -> pd.Index:  # (each column's distinct values, then theirs)
            return pd.Index(pd.unique(np.concatenate([
                np.asarray(pd.unique(pd.Series(v)), dtype=object) for v in values])),
                dtype=object)

        self.cur, self.period = vocabulary(cur), vocabulary(period)
        self.segment, self.flow = vocabulary(segment), vocabulary(flow)
        self.solved = pd.Index(solved, dtype=object)
        self.scopes: list[str] = []
        self.wide = max(len(self.flow), len(self.solved))  # a cell's last field: either
        sizes = [len(self.cur), len(self.period), len(self.segment), self.wide]
        if math.prod(max(s, 1) for s in sizes) >= 2**63 // self.WIDTH:
            raise ValueError("too many distinct periods, segments and flows to number cells")

    @staticmethod
    def codes(vocabulary: pd.Index, values) -> np.ndarray:
        """Each value's place in one of the vocabularies (k.cur, k.period, ...)."""
        found = pc.index_in(_arrow(values), value_set=pa.array(
            np.asarray(vocabulary, dtype=object), pa.large_string()))
        codes = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        if (codes < 0).any():  # a vocabulary is built from every value a key can hold
            raise KeyError(pd.Series(values)[codes < 0].iloc[0])
        return codes

    def _place(self, cur, period, segment) -> np.ndarray:
        cur, period, segment = (np.asarray(v, dtype=np.int64) for v in (cur, period, segment))
        return (cur * len(self.period) + period) * len(self.segment) + segment

    def cell(self, cur, period, segment, flow, ns: int = C) -> np.ndarray:
        return ((self._place(cur, period, segment) * self.wide +
                 np.asarray(flow, dtype=np.int64)) * self.WIDTH + ns)

    def change(self, cells: np.ndarray) -> np.ndarray:
        """The d| key of each c| cell key."""
        return np.asarray(cells, dtype=np.int64) - self.C + self.D

    def figure(self, rows) -> np.ndarray:
        return np.asarray(rows, dtype=np.int64) * self.WIDTH + self.F

    def aux(self, rows, name: str) -> np.ndarray:
        return ((np.asarray(rows, dtype=np.int64) * len(self.AUX) + self.AUX.index(name))
                * self.WIDTH + self.A)

    def solved_aux(self, cur, period, segment, name: str) -> np.ndarray:
        return self.cell(cur, period, segment, self.solved.get_loc(name), ns=self.S)

    def rate(self, cur, scope: pd.Series) -> np.ndarray:
        known = {s: i for i, s in enumerate(self.scopes)}
        for s in pd.unique(scope):
            known.setdefault(s, len(known))
        self.scopes = list(known)
        code = scope.map(known).to_numpy(dtype=np.int64)
        return (code * len(self.cur) + np.asarray(cur, dtype=np.int64)) * self.WIDTH + self.R

    def fields(self, cells: np.ndarray) -> tuple[np.ndarray, ...]:
        """(cur, period, segment, flow) codes of c| or d| keys."""
        rest, flow = np.divmod(np.asarray(cells, dtype=np.int64) // self.WIDTH, self.wide)
        rest, segment = np.divmod(rest, len(self.segment))
        cur, period = np.divmod(rest, len(self.period))
        return cur, period, segment, flow

    def text(self, codes) -> pd.Series:
        """The keys as text (Arrow), with the index of `codes` when it is a Series: written
        straight into Arrow's buffers (kernel.key_text), the millions of a big release's
        keys in two passes, from the vocabularies' bytes."""
        from tradeaudit.solve import kernel

        index = codes.index if isinstance(codes, pd.Series) else None
        codes = np.ascontiguousarray(codes, dtype=np.int64)
        vocabularies = [self.cur, self.period, self.segment, self.flow, self.solved, self.AUX,
                        self.scopes, ("f", "a", "r", "c", "d")]
        words = [w.encode() for v in vocabularies for w in v]
        word_ptr = np.cumsum([0] + [len(w) for w in words], dtype=np.int64)
        word = np.frombuffer(b"".join(words) or b"\0", dtype=np.uint8)
        base = np.cumsum([0] + [len(v) for v in vocabularies[:-1]], dtype=np.int64)
        sizes = np.array([max(len(v), 1) for v in (self.cur, self.period, self.segment)] +
                         [max(self.wide, 1), len(self.AUX)], dtype=np.int64)
        out = text_series(kernel.formatted("key_text", codes, sizes, base, word_ptr, word,
                                           flags=False))
        if index is not None:
            out.index = index
        return out


def build_system(table: Table, rules: Rules, policy: str | None = None,
                 date: str = "") -> System:
    """Turn figures and rules into one constraint system (vectorized over figures).

    `policy` overrides the rules' conversion policy: one rate per currency pair for the
    document, one per year (`annual`), or one for a given `date`.
    """
    policy = policy or rules.conversion
    # What relation labels are made of, when asked (the table's own columns, not copies).
    shown = table.frame.reset_index(drop=True)[["flow", "segment", "period"]]
    f = table.frame.reset_index(drop=True)[["period", "segment", "flow", "stat", "currency",
                                             "base", "base_segment", "prev_period"]].copy()
    f["row"] = np.arange(len(f))
    canon = canonical_currency(f)
    ratio_flows = rules.ratio_flows
    is_ratio = f["flow"].isin(ratio_flows)
    f["cur"] = np.where(is_ratio, "", f["currency"])
    f["cur"] = f["cur"].where((f["cur"] != "") | is_ratio, canon)

    pairs_of: dict[tuple[str, str], dict[str, str]] = {}
    for ident in rules.identities:
        pairs_of.setdefault((ident.left, ident.right), {})[ident.op] = ident.result
    k = _Keys([["", canon], f["currency"], f["cur"]],
              [f["period"], f["prev_period"], f.loc[f["stat"] == "multiple", "base"]],
              [f["segment"], f.loc[f["base_segment"] != "", "base_segment"]],
              [sorted(rules.flows), f["flow"]],
              [f"{left}{sign}{right}|{tag}" for left, right in pairs_of
               for sign, tag in (("+", "1+r"), ("-", "r-1"), ("+", "s+d"))])
    multiple = f["stat"] == "multiple"
    f["cur_c"], f["per_c"] = k.codes(k.cur, f["cur"]), k.codes(k.period, f["period"])
    f["prev_c"] = k.codes(k.period, f["prev_period"])
    f["base_c"] = np.where(multiple, k.codes(k.period, f["base"].where(multiple, f["period"])),
                           -1)
    f["seg_c"] = k.codes(k.segment, f["segment"])
    f["bseg_c"] = k.codes(k.segment, f["base_segment"].where(f["base_segment"] != "",
                                                              f["segment"]))
    f["flow_c"] = k.codes(k.flow, f["flow"])
    f["fkey"] = k.figure(f["row"])
    f["cell"] = k.cell(f["cur_c"], f["per_c"], f["seg_c"], f["flow_c"])  # what each states
    none, canon_c = (int(x) for x in k.codes(k.cur, ["", canon]))

    # Currencies each segment is materialized in: the canonical one, any it is printed in,
    # and those of segments that take it as a share base.
    seg_cur = pd.concat([
        pd.DataFrame({"segment": f["segment"].unique(), "cur": canon}),
        f.loc[~is_ratio & (f["currency"] != ""), ["segment", "currency"]].rename(
            columns={"currency": "cur"}),
    ]).drop_duplicates()
    shares = f[f["base_segment"] != ""]
    based = shares[["segment", "base_segment"]].merge(seg_cur, on="segment")
    seg_cur = pd.concat([seg_cur, based[["base_segment", "cur"]].rename(
        columns={"base_segment": "segment"})]).drop_duplicates()
    if rules.conversion is None:
        seg_cur = seg_cur[seg_cur["cur"] == canon]

    b = _Builder()
    cells: list[np.ndarray] = []
    enabled = f["stat"].isin(rules.stats | {"level"})
    deltas: list[tuple[np.ndarray, np.ndarray]] = []

    def col(sub: pd.DataFrame, name: str) -> np.ndarray:
        return sub[name].to_numpy(dtype=np.int64)

    def delta(cur, period, prev, segment, flow) -> np.ndarray:
        """The change of a cell over its year-earlier cell: one shared variable per pair."""
        now, before = k.cell(cur, period, segment, flow), k.cell(cur, prev, segment, flow)
        deltas.append((now, before))
        cells.extend([now, before])
        return k.change(now)

    for stat, family in STAT_RELATION.items():
        sub = f[(f["stat"] == stat) & enabled]
        if sub.empty:
            continue

        def label(g: pd.DataFrame, word: str = stat.replace("_pct", "")) -> pd.Series:
            return word + " of " + g["flow"] + _where(g["segment"], g["period"])

        rows = col(sub, "row")
        rel = b.relation(family, rows, shown, label, at=rows)
        seg, flow, per = col(sub, "seg_c"), col(sub, "flow_c"), col(sub, "per_c")
        if stat == "level":
            here = col(sub, "cell")
            b.add("affine", rel, col(sub, "fkey"), here)
            cells.append(here)
            continue
        if stat == "change":
            b.add("affine", rel, col(sub, "fkey"), delta(col(sub, "cur_c"), per,
                                                         col(sub, "prev_c"), seg, flow))
            continue
        # Statistics are computed in the canonical currency ("" for ratios): under one rate
        # per document a growth or share is the same in every currency; the conversions
        # carry other currencies' figures to these cells.
        cur = np.where(sub["flow"].isin(ratio_flows).to_numpy(), none, canon_c)
        now = k.cell(cur, per, seg, flow)
        cells.append(now)
        prev = col(sub, "prev_c")
        if stat == "growth_pct":
            # Both x = x0 * (1 + g) and x - x0 = x0 * g: the second lets a printed change
            # pin x0 in one step instead of an endless geometric creep through the first.
            b.add("affine", rel, k.aux(rows, "q"), col(sub, "fkey"), add=100.0, div=100.0)
            b.add("affine", rel, k.aux(rows, "g"), col(sub, "fkey"), div=100.0)
            before = k.cell(cur, prev, seg, flow)
            b.add("product", rel, now, before, k.aux(rows, "q"))
            b.add("product", rel, delta(cur, per, prev, seg, flow), before, k.aux(rows, "g"))
            cells.append(before)
        elif stat == "multiple":
            before = k.cell(cur, col(sub, "base_c"), seg, flow)
            b.add("product", rel, now, before, col(sub, "fkey"))
            cells.append(before)
        elif stat == "share_pct":
            b.add("affine", rel, k.aux(rows, "s"), col(sub, "fkey"), div=100.0)
            base = k.cell(cur, per, col(sub, "bseg_c"), flow)
            b.add("product", rel, now, k.aux(rows, "s"), base)
            cells.append(base)
        elif stat == "change_share_pct":
            b.add("affine", rel, k.aux(rows, "s"), col(sub, "fkey"), div=100.0)
            bseg = col(sub, "bseg_c")
            before = k.cell(cur, prev, seg, flow)
            base = k.cell(cur, per, bseg, flow)
            base0 = k.cell(cur, prev, bseg, flow)
            dx = delta(cur, per, prev, seg, flow)
            db = delta(cur, per, prev, bseg, flow)
            b.add("product", rel, dx, k.aux(rows, "s"), db)
            cells += [before, base, base0]

    if deltas:
        pairs = pd.DataFrame({"now": np.concatenate([d[0] for d in deltas]),
                              "before": np.concatenate([d[1] for d in deltas])}
                             ).drop_duplicates().reset_index(drop=True)
        rel = b.relation("change", np.full(len(pairs), -1), pairs,
                         lambda g: "change = " + k.text(g["now"]).str.slice(2) + " − " +
                         k.text(g["before"]).str.slice(2))
        b.add("sum", rel, pairs["now"], pairs["before"], k.change(pairs["now"]))

    # Rank figures constrain nothing while propagating; they are checked on the result.
    ranks = (f["stat"] == "rank").to_numpy()
    cells.append(f["cell"].to_numpy()[ranks])

    all_cells = pd.unique(np.concatenate(cells))
    if len(all_cells):
        cur, per, seg, _ = k.fields(all_cells)
        groups = pd.DataFrame({"cur": k.cur[cur], "period": k.period[per],
                               "segment": k.segment[seg]})
        amount_groups = groups[groups["cur"] != ""]
        ratio_groups = groups[groups["cur"] == ""][["period", "segment"]].merge(
            seg_cur, on="segment")
        groups = pd.concat([amount_groups, ratio_groups[["cur", "period", "segment"]]])
        groups = groups.drop_duplicates().sort_values(["cur", "period", "segment"])
        g_cur, g_per, g_seg = (k.codes(k.cur, groups["cur"]), k.codes(k.period, groups["period"]),
                               k.codes(k.segment, groups["segment"]))

        def c(flow: str) -> np.ndarray:
            cur = np.full(len(groups), none) if flow in ratio_flows else g_cur
            return k.cell(cur, g_per, g_seg, np.full(len(groups), k.flow.get_loc(flow)))

        for ident in rules.identities:
            def label(g: pd.DataFrame, text: str = ident.text) -> pd.Series:
                return (text + _where(g["segment"], g["period"]) + ", " + g["cur"]
                        ).str.removesuffix(", ")

            rel = b.relation(ident.op, np.full(len(groups), -1), groups, label)
            res, left, right = c(ident.result), c(ident.left), c(ident.right)
            if ident.op == "sum":
                b.add("sum", rel, res, left, right)
            elif ident.op == "difference":
                b.add("sum", rel, left, res, right)
            elif ident.op == "product":
                b.add("product", rel, res, left, right)
            else:
                b.add("product", rel, left, res, right)
            cells += [res, left, right]
        _derive(b, k, pairs_of, groups, g_cur, g_per, g_seg, c)

    # Conversions: every amount cell held in another currency is rate x canonical amount.
    all_cells = pd.unique(np.concatenate(cells))
    cur, per, seg, flow = k.fields(all_cells)
    foreign = (cur != none) & (cur != canon_c)
    if rules.conversion and foreign.any():
        fp = pd.DataFrame({1: cur[foreign], 2: per[foreign], 3: seg[foreign],
                           4: flow[foreign]})
        scope = {"annual": pd.Series(k.period[fp[2]]).str.slice(0, 4),
                 "date": pd.Series(date, index=fp.index)}.get(
            policy, pd.Series("*", index=fp.index))

        def label(g: pd.DataFrame) -> pd.Series:
            t = pd.DataFrame({i: pd.Series(v[g[i]], index=g.index, dtype=TEXT) for i, v in
                              ((1, k.cur), (2, k.period), (3, k.segment), (4, k.flow))})
            return (t[1] + " = " + t[1] + "/" + canon + " rate x " + canon + " (" + t[4] +
                    ", " + t[3] + ", " + t[2] + ")")

        rel = b.relation("conversion", np.full(len(fp), -1), fp, label)
        b.add("product", rel, all_cells[foreign], k.rate(fp[1], scope),
              k.cell(np.full(len(fp), canon_c), fp[2], fp[3], fp[4]))

    # Only the builder and the figures go on: the cell lists can go now.
    cells.clear()
    deltas.clear()
    del all_cells
    return _index(b, f, k, rules, canon)


def _derive(b: _Builder, k: _Keys, pairs_of: dict, groups: pd.DataFrame, g_cur, g_per, g_seg,
            c: Callable[[str], np.ndarray]) -> None:
    """Solved forms of identity pairs over the same two flows, added as redundant constraints.

    Given volume and ratio, exports = ratio x imports and exports + imports = volume pin the
    two flows only through an endless geometric creep of alternating projections; the solved
    form imports = volume / (1 + ratio) gets there in one step. Derived from whatever
    identities the rules hold, so any statistic with parts, total and ratio gains the same.
    """
    n = len(groups)
    for (left, right), ops in pairs_of.items():
        def label(g: pd.DataFrame, left: str = left, right: str = right) -> pd.Series:
            return "solved " + left + "/" + right + _where(g["segment"], g["period"])

        if "ratio" in ops and "sum" in ops:  # right = sum / (1 + ratio)
            rel = b.relation("derived", np.full(n, -1), groups, label)
            u = k.solved_aux(g_cur, g_per, g_seg, f"{left}+{right}|1+r")
            b.add("affine", rel, u, c(ops["ratio"]), add=1.0, div=1.0)
            b.add("product", rel, c(ops["sum"]), c(right), u)
        if "ratio" in ops and "difference" in ops:  # right = difference / (ratio - 1)
            rel = b.relation("derived", np.full(n, -1), groups, label)
            u = k.solved_aux(g_cur, g_per, g_seg, f"{left}-{right}|r-1")
            b.add("affine", rel, u, c(ops["ratio"]), add=-1.0, div=1.0)
            b.add("product", rel, c(ops["difference"]), c(right), u)
        if "sum" in ops and "difference" in ops:  # left = (sum + difference) / 2
            rel = b.relation("derived", np.full(n, -1), groups, label)
            t = k.solved_aux(g_cur, g_per, g_seg, f"{left}+{right}|s+d")
            b.add("sum", rel, t, c(ops["sum"]), c(ops["difference"]))
            b.add("affine", rel, c(left), t, add=0.0, div=2.0)


def _index(b: _Builder, f: pd.DataFrame, k: _Keys, rules: Rules, canon: str) -> System:
    """Number every key (in order of first appearance) and set the domains."""
    frames = {kind: {c: np.concatenate([p[c] for p in v]) for c in v[0]} if v else None
              for kind, v in b.rows.items()}
    b.rows = {}
    ranks = (f["stat"] == "rank").to_numpy()
    cell = f["cell"].to_numpy()
    # Variables are numbered in order of first appearance; each part's codes are its slice.
    # The figures' cells come last, so a cell no constraint mentions gets a code past the
    # variables: no variable (-1).
    roles = [(kind, r) for kind, fr in frames.items() if fr is not None
             for r in ("z", "x", "y") if r in fr]
    parts = [f["fkey"].to_numpy(dtype=np.int64)] + [frames[kd][r] for kd, r in roles] + \
        [cell[ranks], cell]
    bounds = np.cumsum([0] + [len(p) for p in parts])
    codes, uniques = _factorize(np.concatenate(parts))
    del parts
    n = int(codes[:bounds[-2]].max()) + 1 if bounds[-2] else 0
    constraints: dict[str, dict[str, np.ndarray]] = {}
    at = dict(zip(roles, itertools.pairwise(bounds[1:-2]), strict=True))  # each role's slice
    for kind, fr in frames.items():
        if fr is None:
            continue
        # int32: a million figures make millions of constraints, far from 2**31 variables.
        c = {"rel": fr["rel"].astype(np.int32)}
        for r in ("z", "x", "y"):
            if r in fr:
                start, stop = at[(kind, r)]
                c[r] = codes[start:stop].astype(np.int32)
        if kind == "affine":
            c["add"] = fr["add"]
            c["div"] = fr["div"]
        constraints[kind] = c
    del frames

    uniques = uniques[:n]
    ns = uniques % k.WIDTH
    lo0, hi0 = np.full(n, -np.inf), np.full(n, np.inf)
    is_cell = ns == k.C
    nonneg = np.zeros(n, dtype=bool)
    nonneg[is_cell] = np.isin(k.fields(uniques[is_cell])[3],
                              k.flow.get_indexer(list(rules.nonnegative)))
    lo0[nonneg | (ns == k.R)] = 0.0
    keys = pa.array(k.text(uniques).array, pa.large_string())
    segment = np.full(n, -1, dtype=np.int64)
    cell_like = is_cell | (ns == k.D)
    segment[cell_like] = k.fields(uniques[cell_like])[2]

    fig_var = np.where(ranks, -1, codes[:len(f)])
    fig_cell = codes[bounds[-2]:]
    fig_cell = np.where(fig_cell < n, fig_cell, -1)

    relations = pd.concat(b.relations, ignore_index=True) if b.relations else pd.DataFrame(
        {"family": [], "figure": []})
    relations["family"] = relations["family"].astype("category")  # a dozen names, 3M rows
    return System(keys, lo0, hi0, fig_var, fig_cell, constraints, relations,
                  _components(n, constraints), canon, labels=b.labels, segment_=segment)


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize of int64 keys: codes in order of first appearance, and the distinct
    keys. When the keys span a range of at most a few per value (a release's keys are packed
    fields, mostly dense), a table indexed by key numbers them (kernel.first_codes), several
    times faster than hashing 14M keys and no bigger than a hash table of them."""
    from tradeaudit.solve import kernel

    if not len(values):
        return pd.factorize(values)
    lo, hi = int(values.min()), int(values.max())
    if hi - lo >= DENSE_KEYS * len(values) or len(values) >= 2**31:
        return pd.factorize(values)
    table = np.full(hi - lo + 1, -1, dtype=np.int32)
    codes = np.empty(len(values), dtype=np.intp)
    n = kernel.pick("first_codes", len(values))(values, lo, table, codes)
    uniques = np.empty(n, dtype=np.int64)
    kernel.pick("first_values", len(values))(table, lo, uniques)
    return codes, uniques


def _components(n: int, constraints: dict[str, dict[str, np.ndarray]]) -> np.ndarray:
    """Connected components of variables linked by any constraint, labelled 0, 1, ... in
    order of each component's smallest variable (kernel.union_find)."""
    from tradeaudit.solve import kernel

    src, dst = [], []
    for c in constraints.values():
        src += [c["z"], c["z"]]
        dst += [c["x"], c.get("y", c["x"])]
    parent = np.arange(n, dtype=np.int64)
    if src:
        s, d = np.concatenate(src), np.concatenate(dst)
        kernel.pick("union_find", len(s))(s, d, parent)
    # Every variable points at its root, the smallest of its component: number the roots.
    return (np.cumsum(parent == np.arange(n)) - 1)[parent]
