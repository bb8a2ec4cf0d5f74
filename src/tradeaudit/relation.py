"""Relations between cells: a figure table plus rules become one system of interval constraints.

Every (currency, period, segment, flow) is a cell variable; every figure has a variable of its
own, pinned to its printed interval; statistics add auxiliary variables. All relations reduce
to three primitive kinds, kept as index arrays so the engine can propagate them in bulk:

    affine   z = (x + add) / div      (a figure's level, 1 + growth/100, share/100)
    sum      z = x + y                (identities, changes; a difference is a sum turned round)
    product  z = x * y                (ratios, growth factors, shares, multiples, conversions)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.rules import Rules
from tradeaudit.table import Table

KINDS = ("affine", "sum", "product")
# A variable whose constraints reach cells of more segments than this is a hub (a total that
# many segments' shares refer to); see System.cut_hubs. Conversion rates always are.
HUB_SEGMENTS = 2
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
        k = bisect.bisect_right(self.starts, int(rel)) - 1
        context, at, make = self.batches[k]
        pos = int(rel) - self.starts[k]
        return str(make(context.iloc[[pos if at is None else int(at[pos])]]).iat[0])


@dataclass
class _Builder:
    """Collects constraint rows (as string keys) and relation rows before indexing."""

    # Per kind, parts of columns (rel, z, x[, y][, add, div]): keys as Arrow text (a million
    # keys as Python strings cost seconds to build and gigabytes to hold), the rest numpy.
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
        def keys(v):
            if isinstance(v, str):
                return pa.array(np.full(len(rel), v, dtype=object), type=pa.large_string())
            return _arrow(v)

        part = {"rel": np.asarray(rel, dtype=np.int64), "z": keys(z), "x": keys(x)}
        if kind == "affine":
            part |= {"add": np.broadcast_to(np.asarray(add, dtype=float), len(rel)),
                     "div": np.broadcast_to(np.asarray(div, dtype=float), len(rel))}
        else:
            part["y"] = keys(y)
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
            from tradeaudit.kernel import flatten  # numba: only when propagating
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
        found = key_fields(self.keys, r"^[cd]\|[^|]*\|[^|]*\|(?P<segment>[^|]*)\|")
        seg = pd.factorize(found["segment"])[0].astype(np.int64)  # -1: not a cell or a change
        from tradeaudit import kernel

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
        # One copy per (hub, block) that uses it.
        pairs = []
        for kind, c in self.constraints.items():
            for r in ("z", "x", "y"):
                if r in c:
                    h = is_hub[c[r]]
                    pairs.append(np.stack([c[r][h], block[anchor[kind][h]]], axis=1))
        pairs = np.unique(np.concatenate(pairs), axis=0)
        # A (hub, block) pair as one integer, so lookups are a binary search over the sorted
        # pairs (np.unique sorted them by hub, then block).
        width = int(block.max()) + 1
        codes = pairs[:, 0].astype(np.int64) * width + pairs[:, 1]

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
        comp = np.unique(comp, return_inverse=True)[1]
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
    from tradeaudit import kernel

    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    keep = np.zeros(len(a), dtype=bool)
    small = np.int64
    if len(a):
        kernel.pick("first_pairs", len(a))(a, b, int(a.max()) + 1, int(b.max()) + 1, keep)
        small = np.int32 if max(a.max(), b.max()) < 2**31 else np.int64
    return pd.DataFrame({name_a: a[keep].astype(small), name_b: b[keep].astype(small)})


CELL_FIELDS = r"^c\|(?P<cur>[^|]*)\|(?P<period>[^|]*)\|(?P<segment>[^|]*)\|(?P<flow>[^|@]*)"


TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' "str": Arrow text


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


def _cell(cur, period, segment, flow) -> pd.Series:
    """Cell keys c|cur|period|segment|flow, joined in Arrow."""
    return text_series(pc.binary_join_element_wise(
        *map(_arrow, ("c", cur, period, segment, flow, "|"))))


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
    f["fkey"] = "f|" + f["row"].astype(str)

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
    cells: list[pd.Series] = []
    enabled = f["stat"].isin(rules.stats | {"level"})

    def per_currency(sub: pd.DataFrame) -> pd.DataFrame:
        """Rows of sub with the currency their statistic is computed in: the canonical one
        for amounts ("" for ratios). Under one rate per document a growth or share is the same
        in every currency; the conversions carry other currencies' figures to these cells."""
        return sub.assign(cur=np.where(sub["flow"].isin(ratio_flows), "", canon))

    deltas: list[pd.DataFrame] = []

    def delta(cur, period, prev, segment, flow) -> pd.Series:
        """The change of a cell over its year-earlier cell: one shared variable per pair."""
        now, before = _cell(cur, period, segment, flow), _cell(cur, prev, segment, flow)
        deltas.append(pd.DataFrame({"now": now, "before": before}))
        cells.extend([now, before])
        return "d" + now.str.slice(1)

    for stat, family in STAT_RELATION.items():
        sub = f[(f["stat"] == stat) & enabled]
        if sub.empty:
            continue

        def label(g: pd.DataFrame, word: str = stat.replace("_pct", "")) -> pd.Series:
            return word + " of " + g["flow"] + _where(g["segment"], g["period"])

        if stat == "level":
            rel = b.relation(family, sub["row"], shown, label, at=sub["row"])
            here = _cell(sub["cur"], sub["period"], sub["segment"], sub["flow"])
            b.add("affine", rel, sub["fkey"], here)
            cells.append(here)
            continue
        if stat == "change":
            rel = b.relation(family, sub["row"], shown, label, at=sub["row"])
            b.add("affine", rel, sub["fkey"], delta(sub["cur"], sub["period"],
                                                    sub["prev_period"], sub["segment"],
                                                    sub["flow"]))
            continue
        rel = b.relation(family, sub["row"], shown, label, at=sub["row"])
        rel_of = pd.Series(rel, index=sub["row"].to_numpy())
        multi = per_currency(sub)
        mrel = rel_of.loc[multi["row"].to_numpy()].to_numpy()
        now = _cell(multi["cur"], multi["period"], multi["segment"], multi["flow"])
        cells.append(now)
        aux = "a|" + sub["row"].astype(str) + "|"
        maux = "a|" + multi["row"].astype(str) + "|"
        if stat == "growth_pct":
            # Both x = x0 * (1 + g) and x - x0 = x0 * g: the second lets a printed change
            # pin x0 in one step instead of an endless geometric creep through the first.
            b.add("affine", rel, aux + "q", sub["fkey"], add=100.0, div=100.0)
            b.add("affine", rel, aux + "g", sub["fkey"], div=100.0)
            before = _cell(multi["cur"], multi["prev_period"], multi["segment"], multi["flow"])
            b.add("product", mrel, now, before, maux + "q")
            b.add("product", mrel, delta(multi["cur"], multi["period"], multi["prev_period"],
                                         multi["segment"], multi["flow"]), before, maux + "g")
            cells.append(before)
        elif stat == "multiple":
            before = _cell(multi["cur"], multi["base"], multi["segment"], multi["flow"])
            b.add("product", mrel, now, before, multi["fkey"])
            cells.append(before)
        elif stat == "share_pct":
            b.add("affine", rel, aux + "s", sub["fkey"], div=100.0)
            base = _cell(multi["cur"], multi["period"], multi["base_segment"], multi["flow"])
            b.add("product", mrel, now, maux + "s", base)
            cells.append(base)
        elif stat == "change_share_pct":
            b.add("affine", rel, aux + "s", sub["fkey"], div=100.0)
            before = _cell(multi["cur"], multi["prev_period"], multi["segment"], multi["flow"])
            base = _cell(multi["cur"], multi["period"], multi["base_segment"], multi["flow"])
            base0 = _cell(multi["cur"], multi["prev_period"], multi["base_segment"],
                          multi["flow"])
            dx = delta(multi["cur"], multi["period"], multi["prev_period"], multi["segment"],
                       multi["flow"])
            db = delta(multi["cur"], multi["period"], multi["prev_period"],
                       multi["base_segment"], multi["flow"])
            b.add("product", mrel, dx, maux + "s", db)
            cells += [before, base, base0]

    if deltas:
        pairs = pd.concat(deltas, ignore_index=True).drop_duplicates()
        rel = b.relation("change", np.full(len(pairs), -1), pairs.reset_index(drop=True),
                         lambda g: "change = " + g["now"].str.slice(2) + " − " +
                         g["before"].str.slice(2))
        b.add("sum", rel, pairs["now"], pairs["before"], "d" + pairs["now"].str.slice(1))

    # Rank figures constrain nothing while propagating; they are checked on the result.
    ranks = f[f["stat"] == "rank"]
    cells.append(_cell(ranks["cur"], ranks["period"], ranks["segment"], ranks["flow"]))

    all_cells = pd.Series(pd.concat(cells, ignore_index=True).unique())
    parts = _cell_parts(all_cells) if len(all_cells) else None
    if parts is not None:
        groups = pd.DataFrame({"cur": parts[1], "period": parts[2], "segment": parts[3]})
        amount_groups = groups[groups["cur"] != ""]
        ratio_groups = groups[groups["cur"] == ""][["period", "segment"]].merge(
            seg_cur, on="segment")
        groups = pd.concat([amount_groups, ratio_groups[["cur", "period", "segment"]]])
        groups = groups.drop_duplicates().sort_values(["cur", "period", "segment"])
        for ident in rules.identities:
            def c(flow: str) -> pd.Series:
                cur = "" if flow in ratio_flows else groups["cur"]
                return _cell(cur, groups["period"], groups["segment"], flow)

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
        _derive(b, rules, groups, ratio_flows)

    # Conversions: every amount cell held in another currency is rate x canonical amount.
    all_cells = pd.Series(pd.concat(cells, ignore_index=True).unique())
    parts = _cell_parts(all_cells)
    foreign = (parts[1] != "") & (parts[1] != canon)
    if rules.conversion and foreign.any():
        fp = parts[foreign]
        scope = {"annual": fp[2].str.slice(0, 4), "date": pd.Series(date, index=fp.index)}.get(
            policy, pd.Series("*", index=fp.index))

        def label(g: pd.DataFrame) -> pd.Series:
            return (g[1] + " = " + g[1] + "/" + canon + " rate x " + canon + " (" + g[4] +
                    ", " + g[3] + ", " + g[2] + ")")

        rel = b.relation("conversion", np.full(len(fp), -1), fp, label)
        b.add("product", rel, all_cells[foreign], "r|" + fp[1] + "|" + scope,
              _cell(pd.Series(canon, index=fp.index), fp[2], fp[3], fp[4]))

    # Only the builder and the figures go on: the cell lists (millions of keys) can go now.
    cells.clear()
    deltas.clear()
    del all_cells, parts
    return _index(b, f, rules, canon)


def _cell_parts(cells: pd.Series) -> pd.DataFrame:
    """Cell keys split into columns 1 (currency), 2 (period), 3 (segment), 4 (flow)."""
    parts = key_fields(cells, CELL_FIELDS)
    parts.columns = [1, 2, 3, 4]
    parts.index = cells.index
    return parts


def _derive(b: _Builder, rules: Rules, groups: pd.DataFrame, ratio_flows) -> None:
    """Solved forms of identity pairs over the same two flows, added as redundant constraints.

    Given volume and ratio, exports = ratio x imports and exports + imports = volume pin the
    two flows only through an endless geometric creep of alternating projections; the solved
    form imports = volume / (1 + ratio) gets there in one step. Derived from whatever
    identities the rules hold, so any statistic with parts, total and ratio gains the same.
    """
    by_operands: dict[tuple[str, str], dict[str, str]] = {}
    for ident in rules.identities:
        by_operands.setdefault((ident.left, ident.right), {})[ident.op] = ident.result
    for (left, right), ops in by_operands.items():
        def c(flow: str) -> pd.Series:
            cur = "" if flow in ratio_flows else groups["cur"]
            return _cell(cur, groups["period"], groups["segment"], flow)

        tag = "a|" + groups["cur"] + "|" + groups["period"] + "|" + groups["segment"] + "|"
        def label(g: pd.DataFrame, left: str = left, right: str = right) -> pd.Series:
            return "solved " + left + "/" + right + _where(g["segment"], g["period"])

        if "ratio" in ops and "sum" in ops:  # right = sum / (1 + ratio)
            rel = b.relation("derived", np.full(len(groups), -1), groups, label)
            u = tag + left + "+" + right + "|1+r"
            b.add("affine", rel, u, c(ops["ratio"]), add=1.0, div=1.0)
            b.add("product", rel, c(ops["sum"]), c(right), u)
        if "ratio" in ops and "difference" in ops:  # right = difference / (ratio - 1)
            rel = b.relation("derived", np.full(len(groups), -1), groups, label)
            u = tag + left + "-" + right + "|r-1"
            b.add("affine", rel, u, c(ops["ratio"]), add=-1.0, div=1.0)
            b.add("product", rel, c(ops["difference"]), c(right), u)
        if "sum" in ops and "difference" in ops:  # left = (sum + difference) / 2
            rel = b.relation("derived", np.full(len(groups), -1), groups, label)
            t = tag + left + "+" + right + "|s+d"
            b.add("sum", rel, t, c(ops["sum"]), c(ops["difference"]))
            b.add("affine", rel, c(left), t, add=0.0, div=2.0)


def _index(b: _Builder, f: pd.DataFrame, rules: Rules, canon: str) -> System:
    """Factorize every key into a variable index and set the domains."""
    def joined(cols: list):
        if isinstance(cols[0], np.ndarray):
            return np.concatenate(cols)
        return pa.chunked_array([c for col in cols for c in (
            col.chunks if isinstance(col, pa.ChunkedArray) else [col])], type=pa.large_string())

    frames = {k: {c: joined([p[c] for p in v]) for c in v[0]} if v else None
              for k, v in b.rows.items()}
    b.rows = {}
    ranks = f["stat"] == "rank"
    rank_cells = _cell(f.loc[ranks, "cur"], f.loc[ranks, "period"], f.loc[ranks, "segment"],
                       f.loc[ranks, "flow"])
    level_cell = _cell(f["cur"], f["period"], f["segment"], f["flow"])
    # One dictionary encoding of every key as it occurs (in Arrow): variables are numbered
    # in order of first appearance, and each part's codes are its slice. The figures' cells
    # come last, so a cell no constraint mentions gets a code past the variables: no
    # variable (-1).
    roles = [(kind, r) for kind, fr in frames.items() if fr is not None
             for r in ("z", "x", "y") if r in fr]
    parts = [_arrow(f["fkey"])] + [frames[k][r] for k, r in roles] + \
        [_arrow(rank_cells), _arrow(level_cell)]
    chunks = [c for p in parts for c in (p.chunks if isinstance(p, pa.ChunkedArray) else [p])]
    encoded = pc.dictionary_encode(pa.chunked_array(chunks, type=pa.large_string()))
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False).astype(np.int64)
                            for c in encoded.chunks]) if encoded.num_chunks else \
        np.zeros(0, dtype=np.int64)
    bounds = np.cumsum([0] + [len(p) for p in parts])
    code_of = {role: codes[start:stop]
               for role, start, stop in zip(roles, bounds[1:-3], bounds[2:-2])}
    n = int(codes[:bounds[-2]].max()) + 1 if bounds[-2] else 0
    # (Chunks share one dictionary; the last one has every key, whichever way Arrow grows it.)
    dictionary = encoded.chunks[-1].dictionary if encoded.num_chunks else \
        pa.array([], pa.large_string())
    del parts, chunks, encoded  # the keys as they occur: only their codes are needed now
    for fr in frames.values():
        for r in ("z", "x", "y"):
            if fr is not None and r in fr:
                fr[r] = None

    constraints: dict[str, dict[str, np.ndarray]] = {}
    for kind, fr in frames.items():
        if fr is None:
            continue
        # int32: a million figures make millions of constraints, far from 2**31 variables.
        c = {"rel": fr["rel"].astype(np.int32)}
        for r in ("z", "x", "y"):
            if r in fr:
                c[r] = code_of[(kind, r)].astype(np.int32)
        if kind == "affine":
            c["add"] = fr["add"]
            c["div"] = fr["div"]
        constraints[kind] = c

    # (A slice would keep the whole dictionary: the figures' own cells past n too.)
    keys = dictionary if len(dictionary) == n else dictionary.take(pa.array(np.arange(n)))
    del dictionary
    lo0, hi0 = np.full(n, -np.inf), np.full(n, np.inf)
    flow = key_fields(keys, CELL_FIELDS)["flow"]
    nonneg = flow.isin(list(rules.nonnegative)).to_numpy()
    lo0[nonneg] = 0.0
    lo0[pc.starts_with(keys, "r|").to_numpy(zero_copy_only=False)] = 0.0

    fig_var = np.where(ranks.to_numpy(), -1, codes[:len(f)])
    fig_cell = codes[bounds[-2]:]
    fig_cell = np.where(fig_cell < n, fig_cell, -1)

    relations = pd.concat(b.relations, ignore_index=True) if b.relations else pd.DataFrame(
        {"family": [], "figure": []})
    relations["family"] = relations["family"].astype("category")  # a dozen names, 3M rows
    return System(keys, lo0, hi0, fig_var, fig_cell, constraints, relations,
                  _components(n, constraints), canon, labels=b.labels)


def _components(n: int, constraints: dict[str, dict[str, np.ndarray]]) -> np.ndarray:
    """Connected components of variables linked by any constraint, labelled 0, 1, ... in
    order of each component's smallest variable (kernel.union_find)."""
    from tradeaudit import kernel

    src, dst = [], []
    for c in constraints.values():
        src += [c["z"], c["z"]]
        dst += [c["x"], c.get("y", c["x"])]
    parent = np.arange(n, dtype=np.int64)
    if src:
        s, d = np.concatenate(src), np.concatenate(dst)
        kernel.pick("union_find", len(s))(s.astype(np.int64), d.astype(np.int64), parent)
    return np.unique(parent, return_inverse=True)[1]
