"""The constraint builder: figures and rules become one System, stage by stage.

Each stage adds relations and constraint rows (keys coded as integers, see Keys) to a
Builder, vectorized over figures: the statistics figures print, the changes they share,
the identities between flows, their solved forms, and the conversions between currencies.
Indexing then numbers the keys and sets the domains.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from tradeaudit.model.figures import TEXT, Table
from tradeaudit.model.periods import years_of
from tradeaudit.model.rules import Rules
from tradeaudit.solve import hierarchy, kernel
from tradeaudit.solve.keys import Keys, factorize
from tradeaudit.solve.labels import Labels
from tradeaudit.solve.system import System
from tradeaudit.stats import COMPARED, REGISTRY, Operands, with_base

KINDS = ("affine", "sum", "product")
# The statistics that add relations, in the order they are built: amounts, then the rest.
STAT_RELATION = {s.name: s.relation for s in sorted(REGISTRY.values(), key=lambda s: not s.amount)
                 if s.relation}


@dataclass
class Builder:
    """Collects constraint rows (keys coded as integers, see Keys), relation rows and the
    cells the relations mention, before indexing."""

    keys: Keys
    # Per kind, parts of columns (rel, z, x[, y][, add, div]).
    rows: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in KINDS})
    relations: list[pd.DataFrame] = field(default_factory=list)
    labels: Labels = field(default_factory=Labels)
    n_rel: int = 0
    cells: list[np.ndarray] = field(default_factory=list)
    # (cell, year-earlier cell) key pairs whose change is a variable (see delta).
    deltas: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)

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
        """Constraint rows of one kind: z = (x + add) / div, z = x + y or z = x * y."""
        part = {"rel": np.asarray(rel, dtype=np.int64), "z": np.asarray(z, dtype=np.int64),
                "x": np.asarray(x, dtype=np.int64)}
        if kind == "affine":
            part |= {"add": np.broadcast_to(np.asarray(add, dtype=float), len(rel)),
                     "div": np.broadcast_to(np.asarray(div, dtype=float), len(rel))}
        else:
            part["y"] = np.asarray(y, dtype=np.int64)
        self.rows[kind].append(part)

    def delta(self, cur, period, prev, segment, flow) -> np.ndarray:
        """The change of a cell over its year-earlier cell: one shared variable per pair."""
        k = self.keys
        now, before = k.cell(cur, period, segment, flow), k.cell(cur, prev, segment, flow)
        self.deltas.append((now, before))
        self.cells.extend([now, before])
        return k.change(now)

    def delta_on(self, o: Operands, mask: np.ndarray) -> np.ndarray:
        """The change of each masked figure's cell over the period its base names (not a
        year earlier): a variable of the figure's own (a|row|d), in a change relation named
        in words ("change of exports (total, 2023-03 on 2023-02)")."""
        k, sel = self.keys, np.flatnonzero(mask)
        now, before = o.cell()[sel], o.cell(period=o.prev)[sel]
        d = k.aux(o.rows[sel], "d")
        context = pd.DataFrame({"flow": np.asarray(k.flow)[o.flow[sel]],
                                "segment": np.asarray(k.segment)[o.segment[sel]],
                                "period": np.asarray(k.period)[o.period[sel]],
                                "base": np.asarray(k.period)[o.prev[sel]]})
        rel = self.relation("change", np.full(len(sel), -1), context,
                            lambda g: "change of " + g["flow"] + " (" + g["segment"] + ", " +
                            g["period"] + " on " + g["base"] + ")")
        self.add("sum", rel, now, before, d)
        self.cells.extend([now, before])
        return d


class Figures(NamedTuple):
    """What the stages read: the figures with their fields coded (one row each, see _coded),
    the table's own columns labels are made of, the rules, the canonical currency, and the
    codes of no currency ("") and of the canonical one."""

    f: pd.DataFrame
    shown: pd.DataFrame
    rules: Rules
    canon: str
    none: int
    canon_c: int


def build_system(table: Table, rules: Rules, policy: str | None = None,
                 date: str = "") -> System:
    """Turn figures and rules into one constraint system (vectorized over figures).

    `policy` overrides the rules' conversion policy: one rate per currency pair for the
    document, one per year (`annual`), or one for a given `date`.
    """
    policy = policy or rules.conversion
    f, shown, canon, is_ratio = _figures(table, rules)
    pairs_of: dict[tuple[str, str], dict[str, str]] = {}
    for ident in rules.identities:
        pairs_of.setdefault((ident.left, ident.right), {})[ident.op] = ident.result
    k = _coded(f, rules, canon, pairs_of)
    none, canon_c = (int(x) for x in k.codes(k.cur, ["", canon]))
    fig = Figures(f, shown, rules, canon, none, canon_c)
    seg_cur = _segment_currencies(f, is_ratio, rules, canon)
    b = Builder(k)
    _statistics(b, fig)
    _changes(b)
    # Rank figures constrain nothing while propagating; they are checked on the result.
    b.cells.append(f["cell"].to_numpy()[(f["stat"] == "rank").to_numpy()])
    _identities(b, fig, seg_cur, pairs_of)
    hierarchy.add_sums(b, fig)
    _conversions(b, fig, policy, date)
    # Only the builder and the figures go on: the cell lists can go now.
    b.cells.clear()
    b.deltas.clear()
    return _index(b, fig)


def _figures(table: Table, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame, str, pd.Series]:
    """The figure columns the build reads, each figure's currency of computation (cur: ""
    for ratio flows, the canonical one where none is printed), what labels are made of (the
    table's own columns, not copies), the canonical currency and which rows are ratios."""
    shown = table.frame.reset_index(drop=True)[["flow", "segment", "period"]]
    f = table.frame.reset_index(drop=True)[["period", "segment", "flow", "stat", "currency",
                                             "base", "base_segment", "prev_period"]].copy()
    f["row"] = np.arange(len(f))
    canon = canonical_currency(f)
    is_ratio = f["flow"].isin(rules.ratio_flows)
    f["cur"] = np.where(is_ratio, "", f["currency"])
    f["cur"] = f["cur"].where((f["cur"] != "") | is_ratio, canon)
    return f, shown, canon, is_ratio


def _coded(f: pd.DataFrame, rules: Rules, canon: str, pairs_of: dict) -> Keys:
    """The keys' vocabularies from every value a key can hold, and the figures' fields coded
    against them (columns *_c), with each figure's key (fkey) and the cell it states."""
    periods = [f["period"], f["prev_period"], f.loc[f["stat"].isin(with_base("period")), "base"]]
    segments = [f["segment"], f.loc[f["base_segment"] != "", "base_segment"]]
    solved = [f"{left}{sign}{right}|{tag}" for left, right in pairs_of
              for sign, tag in (("+", "1+r"), ("-", "r-1"), ("+", "s+d"))]
    if rules.segments or rules.periods:  # (the hierarchies' parents and auxiliaries)
        segs, pers, names = hierarchy.vocabulary(pd.concat(segments), pd.concat(periods),
                                                 rules)
        segments, periods, solved = segments + [segs], periods + [pers], solved + names
    k = Keys([["", canon], f["currency"], f["cur"]], periods, segments,
             [sorted(rules.flows), f["flow"]], solved)
    on_period = f["stat"].isin(with_base("period"))
    on_flow = f["stat"].isin(with_base("flow"))
    f["cur_c"], f["per_c"] = k.codes(k.cur, f["cur"]), k.codes(k.period, f["period"])
    f["prev_c"] = k.codes(k.period, f["prev_period"])
    f["base_c"] = np.where(on_period, k.codes(k.period, f["base"].where(on_period, f["period"])),
                           -1)
    f["seg_c"] = k.codes(k.segment, f["segment"])
    f["bseg_c"] = k.codes(k.segment, f["base_segment"].where(f["base_segment"] != "",
                                                              f["segment"]))
    f["flow_c"] = k.codes(k.flow, f["flow"])
    f["bflow_c"] = k.codes(k.flow, f["base"].where(on_flow, f["flow"]))
    f["fkey"] = k.figure(f["row"])
    f["cell"] = k.cell(f["cur_c"], f["per_c"], f["seg_c"], f["flow_c"])  # what each states
    return k


def _segment_currencies(f: pd.DataFrame, is_ratio: pd.Series, rules: Rules,
                        canon: str) -> pd.DataFrame:
    """The currencies each segment is materialized in: the canonical one, any it is printed
    in, and those of segments that take it as a share base (only the canonical one without
    conversions)."""
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
    return seg_cur


def _col(sub: pd.DataFrame, name: str) -> np.ndarray:
    return sub[name].to_numpy(dtype=np.int64)


def _statistics(b: Builder, fig: Figures) -> None:
    """One relation per figure of each statistic the rules enable (levels always), with the
    constraints its module adds (see tradeaudit.stats)."""
    f = fig.f
    enabled = f["stat"].isin(fig.rules.stats | {"level"})
    for stat, family in STAT_RELATION.items():
        sub = f[(f["stat"] == stat) & enabled]
        if sub.empty:
            continue

        def label(g: pd.DataFrame, word: str = stat.replace("_pct", "")) -> pd.Series:
            return word + " of " + g["flow"] + _where(g["segment"], g["period"])

        rows = _col(sub, "row")
        on_base = _on_base(sub)
        context = fig.shown
        if on_base is not None:  # "growth of exports (total, 2023-03 on 2023-02)"
            context = fig.shown.assign(period=fig.shown["period"].where(
                fig.f["base"].eq("") | ~fig.f["stat"].isin(COMPARED),
                fig.shown["period"] + " on " + fig.f["base"]))
        rel = b.relation(family, rows, context, label, at=rows)
        REGISTRY[stat].constrain(b, _operands(b.keys, fig, sub, rel, on_base))


def _on_base(sub: pd.DataFrame) -> np.ndarray | None:
    """Which growth or change figures name the period they compare with in `base` (a
    month-on-month rate), or None when all compare with the same period a year earlier."""
    if sub["stat"].iat[0] not in COMPARED:
        return None
    named = (sub["base"] != "").to_numpy()
    return named if named.any() else None


def _operands(k: Keys, fig: Figures, sub: pd.DataFrame, rel: np.ndarray,
              on_base: np.ndarray | None = None) -> Operands:
    """The coded figures of one statistic, in the currency it is computed in: an amount in
    its own, the others in the canonical one ("" for ratios). Under one rate per document a
    growth or share is the same in every currency; the conversions carry other currencies'
    figures to these cells."""
    if REGISTRY[sub["stat"].iat[0]].amount:
        cur = _col(sub, "cur_c")
    else:
        cur = np.where(sub["flow"].isin(fig.rules.ratio_flows).to_numpy(), fig.none,
                       fig.canon_c)
    return Operands(k, rel, _col(sub, "row"), _col(sub, "fkey"), cur, _col(sub, "per_c"),
                    _col(sub, "prev_c"), _col(sub, "seg_c"), _col(sub, "flow_c"),
                    _col(sub, "base_c"), _col(sub, "bseg_c"), _col(sub, "bflow_c"),
                    None if on_base is None else ~on_base)


def _changes(b: Builder) -> None:
    """change = now − before for each distinct (cell, year-earlier cell) pair of b.delta."""
    if not b.deltas:
        return
    k = b.keys
    pairs = pd.DataFrame({"now": np.concatenate([d[0] for d in b.deltas]),
                          "before": np.concatenate([d[1] for d in b.deltas])}
                         ).drop_duplicates().reset_index(drop=True)
    rel = b.relation("change", np.full(len(pairs), -1), pairs,
                     lambda g: "change = " + k.text(g["now"]).str.slice(2) + " − " +
                     k.text(g["before"]).str.slice(2))
    b.add("sum", rel, pairs["now"], pairs["before"], k.change(pairs["now"]))


class Groups(NamedTuple):
    """The (currency, period, segment) groups identities hold in, sorted: the frame labels
    are made of, and its codes."""

    frame: pd.DataFrame
    cur: np.ndarray
    period: np.ndarray
    segment: np.ndarray


def _groups(k: Keys, cells: np.ndarray, seg_cur: pd.DataFrame) -> Groups:
    """The groups of the cells so far: each amount cell's, and each ratio cell's in every
    currency its segment is materialized in."""
    cur, per, seg, _ = k.fields(cells)
    groups = pd.DataFrame({"cur": k.cur[cur], "period": k.period[per],
                           "segment": k.segment[seg]})
    amount_groups = groups[groups["cur"] != ""]
    ratio_groups = groups[groups["cur"] == ""][["period", "segment"]].merge(
        seg_cur, on="segment")
    groups = pd.concat([amount_groups, ratio_groups[["cur", "period", "segment"]]])
    groups = groups.drop_duplicates().sort_values(["cur", "period", "segment"])
    return Groups(groups, k.codes(k.cur, groups["cur"]), k.codes(k.period, groups["period"]),
                  k.codes(k.segment, groups["segment"]))


def _identities(b: Builder, fig: Figures, seg_cur: pd.DataFrame, pairs_of: dict) -> None:
    """Each identity of the rules (sum, difference, product, ratio of flows) in every group,
    and the solved forms of identity pairs (see _derive)."""
    cells = pd.unique(np.concatenate(b.cells))
    if not len(cells):
        return
    k, g = b.keys, _groups(b.keys, cells, seg_cur)
    ratio_flows = fig.rules.ratio_flows

    def c(flow: str) -> np.ndarray:
        cur = np.full(len(g.frame), fig.none) if flow in ratio_flows else g.cur
        return k.cell(cur, g.period, g.segment, np.full(len(g.frame), k.flow.get_loc(flow)))

    for ident in fig.rules.identities:
        def label(frame: pd.DataFrame, text: str = ident.text) -> pd.Series:
            return (text + _where(frame["segment"], frame["period"]) + ", " + frame["cur"]
                    ).str.removesuffix(", ")

        rel = b.relation(ident.op, np.full(len(g.frame), -1), g.frame, label)
        res, left, right = c(ident.result), c(ident.left), c(ident.right)
        if ident.op == "sum":
            b.add("sum", rel, res, left, right)
        elif ident.op == "difference":
            b.add("sum", rel, left, res, right)
        elif ident.op == "product":
            b.add("product", rel, res, left, right)
        else:
            b.add("product", rel, left, res, right)
        b.cells += [res, left, right]
    _derive(b, pairs_of, g, c)


def _derive(b: Builder, pairs_of: dict, g: Groups, c: Callable[[str], np.ndarray]) -> None:
    """Solved forms of identity pairs over the same two flows, added as redundant constraints.

    Given volume and ratio, exports = ratio x imports and exports + imports = volume pin the
    two flows only through an endless geometric creep of alternating projections; the solved
    form imports = volume / (1 + ratio) gets there in one step. Derived from whatever
    identities the rules hold, so any statistic with parts, total and ratio gains the same.
    """
    k, n = b.keys, len(g.frame)
    for (left, right), ops in pairs_of.items():
        def label(frame: pd.DataFrame, left: str = left, right: str = right) -> pd.Series:
            return "solved " + left + "/" + right + _where(frame["segment"], frame["period"])

        if "ratio" in ops and "sum" in ops:  # right = sum / (1 + ratio)
            rel = b.relation("derived", np.full(n, -1), g.frame, label)
            u = k.solved_aux(g.cur, g.period, g.segment, f"{left}+{right}|1+r")
            b.add("affine", rel, u, c(ops["ratio"]), add=1.0, div=1.0)
            b.add("product", rel, c(ops["sum"]), c(right), u)
        if "ratio" in ops and "difference" in ops:  # right = difference / (ratio - 1)
            rel = b.relation("derived", np.full(n, -1), g.frame, label)
            u = k.solved_aux(g.cur, g.period, g.segment, f"{left}-{right}|r-1")
            b.add("affine", rel, u, c(ops["ratio"]), add=-1.0, div=1.0)
            b.add("product", rel, c(ops["difference"]), c(right), u)
        if "sum" in ops and "difference" in ops:  # left = (sum + difference) / 2
            rel = b.relation("derived", np.full(n, -1), g.frame, label)
            t = k.solved_aux(g.cur, g.period, g.segment, f"{left}+{right}|s+d")
            b.add("sum", rel, t, c(ops["sum"]), c(ops["difference"]))
            b.add("affine", rel, c(left), t, add=0.0, div=2.0)


def _conversions(b: Builder, fig: Figures, policy: str | None, date: str) -> None:
    """Every amount cell held in another currency is rate x canonical amount, one rate per
    currency and scope (the document, a year, or a date: see build_system's policy)."""
    k, canon = b.keys, fig.canon
    cells = pd.unique(np.concatenate(b.cells))
    cur, per, seg, flow = k.fields(cells)
    foreign = (cur != fig.none) & (cur != fig.canon_c)
    if not (fig.rules.conversion and foreign.any()):
        return
    fp = pd.DataFrame({1: cur[foreign], 2: per[foreign], 3: seg[foreign], 4: flow[foreign]})
    scope = {"annual": years_of(pd.Series(k.period[fp[2]])),
             "date": pd.Series(date, index=fp.index)}.get(
        policy, pd.Series("*", index=fp.index))

    def label(g: pd.DataFrame) -> pd.Series:
        t = pd.DataFrame({i: pd.Series(v[g[i]], index=g.index, dtype=TEXT) for i, v in
                          ((1, k.cur), (2, k.period), (3, k.segment), (4, k.flow))})
        return (t[1] + " = " + t[1] + "/" + canon + " rate x " + canon + " (" + t[4] +
                ", " + t[3] + ", " + t[2] + ")")

    rel = b.relation("conversion", np.full(len(fp), -1), fp, label)
    b.add("product", rel, cells[foreign], k.rate(fp[1], scope),
          k.cell(np.full(len(fp), fig.canon_c), fp[2], fp[3], fp[4]))


def _index(b: Builder, fig: Figures) -> System:
    """Number every key (in order of first appearance) and set the domains."""
    f, k = fig.f, b.keys
    ranks = (f["stat"] == "rank").to_numpy()
    constraints, codes, uniques, cells_at = _numbered(b, f, ranks)
    n = len(uniques)
    lo0, hi0, segment = _domains(k, uniques, fig.rules)
    keys = pa.array(k.text(uniques).array, pa.large_string())
    fig_var = np.where(ranks, -1, codes[:len(f)])
    fig_cell = codes[cells_at:]
    fig_cell = np.where(fig_cell < n, fig_cell, -1)
    relations = pd.concat(b.relations, ignore_index=True) if b.relations else pd.DataFrame(
        {"family": [], "figure": []})
    relations["family"] = relations["family"].astype("category")  # a dozen names, 3M rows
    return System(keys, lo0, hi0, fig_var, fig_cell, constraints, relations,
                  kernel.connected_components(n, constraints), fig.canon, labels=b.labels,
                  segment_=segment)


def _numbered(b: Builder, f: pd.DataFrame, ranks: np.ndarray
              ) -> tuple[dict[str, dict[str, np.ndarray]], np.ndarray, np.ndarray, int]:
    """The constraints with their keys numbered as variables, in order of first appearance:
    figures' keys first, then each kind's operands. The figures' cells come last, so a cell no
    constraint mentions gets a code past the variables: no variable. Returns the
    constraints, the codes of the figures' keys, operands and cells, the variables' keys
    (packed) and where the figures' cells start among the codes."""
    frames = {kind: {c: np.concatenate([p[c] for p in v]) for c in v[0]} if v else None
              for kind, v in b.rows.items()}
    b.rows = {}
    cell = f["cell"].to_numpy()
    roles = [(kind, r) for kind, fr in frames.items() if fr is not None
             for r in ("z", "x", "y") if r in fr]
    parts = [f["fkey"].to_numpy(dtype=np.int64)] + [frames[kd][r] for kd, r in roles] + \
        [cell[ranks], cell]
    bounds = np.cumsum([0] + [len(p) for p in parts])
    codes, uniques = factorize(np.concatenate(parts))
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
    return constraints, codes, uniques[:n], int(bounds[-2])


def _domains(k: Keys, uniques: np.ndarray, rules: Rules
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each variable's domain before any figure applies (cells of non-negative flows, rates
    and the hierarchies' slacks at least 0, the rest unbounded) and its segment's code (-1:
    not a cell or a change)."""
    n = len(uniques)
    ns = uniques % k.WIDTH
    lo0, hi0 = np.full(n, -np.inf), np.full(n, np.inf)
    is_cell = ns == k.C
    nonneg = np.zeros(n, dtype=bool)
    nonneg[is_cell] = np.isin(k.fields(uniques[is_cell])[3],
                              k.flow.get_indexer(list(rules.nonnegative)))
    lo0[nonneg | (ns == k.R)] = 0.0
    segment = np.full(n, -1, dtype=np.int64)
    cell_like = is_cell | (ns == k.D)
    segment[cell_like] = k.fields(uniques[cell_like])[2]
    is_aux = ns == k.S
    if is_aux.any():  # the hierarchies' slacks (see hierarchy.DOMAINS)
        name = k.fields(uniques[is_aux])[3]
        for prefix, (lo, hi) in hierarchy.DOMAINS.items():
            codes = [i for i, s in enumerate(k.solved) if s.startswith(prefix)]
            at = np.flatnonzero(is_aux)[np.isin(name, codes)]
            lo0[at], hi0[at] = lo, hi
    return lo0, hi0, segment


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
