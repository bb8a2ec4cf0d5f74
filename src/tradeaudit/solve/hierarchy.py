"""Hierarchies: members that sum to their parent segment, periods that sum to the period
containing them, and members' shares that sum to 100 (expect_segments_sum,
expect_periods_sum).

A sum of n terms is a chain of n - 1 two-term sums through partial sums (auxiliaries keyed
by the member's cell): each variable is in the chain once, so propagating the chain narrows
every term exactly as the n-term sum would, and the kernel's three kinds suffice. Where the
parts need not be all of the total (no residual member such as "Others", and the dimension
is not declared exhaustive), the total is the parts plus a slack that is at least 0: a bound,
checked only for flows that are never negative.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from tradeaudit.model.periods import YEAR
from tradeaudit.model.rules import Hierarchy, Rules

if TYPE_CHECKING:
    from tradeaudit.solve.build import Builder, Figures

_PERIOD = re.compile(rf"^({YEAR})(?:-(?:(\d\d)|Q([1-4])|H([12])))?$")  # (Y-H1's year is Y)
TIME = "period"  # the dimension name period sums are labelled with
# Domains of the auxiliaries by the prefix of their name (others are unbounded).
# The families of the relations across segments (their cells are never hubs: see
# System.cut_hubs).
SEGMENT_SUMS = frozenset({"segment-sum", "share-sum"})
DOMAINS = {"slack.": (0.0, np.inf), "pctslack.": (0.0, np.inf), "pctzero.": (0.0, 0.0)}


def parent_segment(segment: str, h: Hierarchy) -> str | None:
    """The segment a member of h's dimension sums into (None: not a member): the segment
    without the dimension (`total` when nothing is left), or with it set to h.total."""
    pairs = [] if segment == "total" else segment.split(";")
    rest = [p for p in pairs if p.split("=", 1)[0] != h.dimension]
    if len(rest) == len(pairs) or (h.total and f"{h.dimension}={h.total}" in pairs):
        return None
    if h.total:
        rest.append(f"{h.dimension}={h.total}")
    return ";".join(sorted(rest)) or "total"


def parent_period(period: str) -> str | None:
    """The period one level up: a month's quarter, a quarter's half, a half's year."""
    m = _PERIOD.match(period)
    if not m or not (m.group(2) or m.group(3) or m.group(4)):
        return None
    year, month, quarter, _ = m.groups()
    if month:
        return f"{year}-Q{(int(month) + 2) // 3}"
    if quarter:
        return f"{year}-H{(int(quarter) + 1) // 2}"
    return year


def child_periods(period: str) -> list[str]:
    """The periods one level down that make up `period` (none for a month)."""
    m = _PERIOD.match(period)
    if not m or m.group(2):
        return []
    year, _, quarter, half = m.groups()
    if quarter:
        return [f"{year}-{3 * (int(quarter) - 1) + i:02d}" for i in (1, 2, 3)]
    if half:
        return [f"{year}-Q{2 * (int(half) - 1) + i}" for i in (1, 2)]
    return [f"{year}-H1", f"{year}-H2"]


def vocabulary(segments, periods, rules: Rules) -> tuple[list[str], list[str], list[str]]:
    """What the keys must be able to name beyond the table's own values: the parents of its
    segments (up every declared dimension), the periods containing its periods and their
    parts, and the auxiliaries' names."""
    segs: list[str] = []
    todo = [s for s in pd.unique(pd.Series(segments, dtype=object)) if isinstance(s, str)]
    seen = set(todo)
    while todo:
        up = [p for s in todo for h in rules.segments if (p := parent_segment(s, h))]
        todo = [p for p in dict.fromkeys(up) if p not in seen]
        seen |= set(todo)
        segs += todo
    pers: list[str] = []
    if rules.periods:  # every period containing one of the table's, and all their parts
        todo = [p for p in pd.unique(pd.Series(periods, dtype=object)) if isinstance(p, str)]
        while todo:
            todo = list(dict.fromkeys(p for s in todo if (p := parent_period(s))))
            pers += todo
        pers += [c for p in list(pers) for c in child_periods(p)]
    names = [f"{pre}{h.dimension}.{flow}" for h in rules.segments for flow in sorted(h.flows)
             for pre in ("sum.", "slack.", "pct.", "pcttotal.", "pctslack.", "pctzero.")]
    names += [f"sum.{TIME}.{flow}" for flow in sorted(rules.periods or ())]
    return segs, list(dict.fromkeys(pers)), names


def add_sums(b: Builder, fig: Figures) -> None:
    """The relations of the rules' hierarchies: periods first, so the members' sums also
    hold for the quarters and years they make."""
    if fig.rules.periods:
        _period_sums(b, fig)
    for h in fig.rules.segments:
        _segment_sums(b, fig, h)
        _share_sums(b, fig, h)


class _Chain(NamedTuple):
    """Sums to build, one row per term sorted by group: each row's group, the term's key and
    its partial sum's key; per group, the key the terms sum to and its tail (-1: none; else
    the terms plus the tail make the total)."""

    group: np.ndarray
    term: np.ndarray
    partial: np.ndarray
    total: np.ndarray
    tail: np.ndarray


def _chain(b: Builder, rel: np.ndarray, c: _Chain) -> None:
    """total = term_1 + ... + term_n (+ tail), per group, as a chain of two-term sums."""
    n_rows = len(c.group)
    if not n_rows:
        return
    first = np.r_[True, c.group[1:] != c.group[:-1]]
    last = np.r_[c.group[1:] != c.group[:-1], True]
    exact = c.tail[c.group] < 0
    # The running sum after each term: the term itself first, the total at the last term of
    # an exact sum, a partial sum's auxiliary otherwise.
    running = np.where(first, c.term, c.partial)
    running = np.where(last & exact & ~first, c.total[c.group], running)
    step = np.flatnonzero(~first)
    b.add("sum", rel[c.group[step]], running[step], running[step - 1], c.term[step])
    alone = np.flatnonzero(first & last & exact)  # one term: it is the total
    b.add("affine", rel[c.group[alone]], c.total[c.group[alone]], c.term[alone])
    tailed = np.flatnonzero(last & ~exact)
    g = c.group[tailed]
    b.add("sum", rel[g], c.total[g], running[tailed], c.tail[g])


def _names(b: Builder, prefix: str, dim: str) -> np.ndarray:
    """Per flow code, the code of the auxiliary name `prefix.dim.flow` (-1: none)."""
    k = b.keys
    return k.solved.get_indexer([f"{prefix}.{dim}.{flow}" for flow in k.flow])


def _cells(b: Builder, fig: Figures, flows: frozenset[str]) -> pd.DataFrame:
    """The amount cells so far of these flows, as (cur, per, seg, flow) codes; in the
    canonical currency when conversions link the others to it."""
    k = b.keys
    cells = pd.unique(np.concatenate(b.cells)) if b.cells else np.zeros(0, dtype=np.int64)
    cur, per, seg, flow = k.fields(cells)
    keep = (cur != fig.none) & np.isin(flow, k.flow.get_indexer(sorted(flows)))
    cur = np.where(cur != fig.none, fig.canon_c, cur) if fig.rules.conversion else cur
    return pd.DataFrame({"cur": cur, "per": per, "seg": seg, "flow": flow})[keep]


def _label(dim: str, b: Builder, shares: bool = False) -> Callable:
    """A label maker for groups of the total's (cur, per, seg, flow) codes, n and exact:
    `exports (total, 2024) = sum of 6 country parts, USD`, or for shares `shares of exports
    in total (2024): 4 country shares sum to 100`."""
    k = b.keys

    def label(g: pd.DataFrame) -> pd.Series:
        t = {c: pd.Series(np.asarray(v, dtype=object)[g[c].to_numpy()], index=g.index)
             for c, v in (("cur", k.cur), ("per", k.period), ("seg", k.segment),
                          ("flow", k.flow))}
        n = g["n"].astype(str)
        if shares:
            sign = g["exact"].map({True: " shares sum to 100", False: " shares sum to <= 100"})
            return ("shares of " + t["flow"] + " in " + t["seg"] + " (" + t["per"] + "): " +
                    n + f" {dim}" + sign)
        sign = g["exact"].map({True: " = sum of ", False: " >= sum of "})
        return (t["flow"] + " (" + t["seg"] + ", " + t["per"] + ")" + sign + n +
                f" {dim} parts, " + t["cur"]).str.removesuffix(", ")
    return label


def _members(k, h: Hierarchy) -> pd.DataFrame:
    """Each segment of the vocabulary that is a member of h's dimension: its code, its
    parent's code and whether it is a residual ("Others"), in vocabulary order."""
    rows = [(i, parent, h.is_residual(s.split(f"{h.dimension}=", 1)[1].split(";")[0]))
            for i, s in enumerate(k.segment) if (parent := parent_segment(s, h))]
    tree = pd.DataFrame(rows, columns=["member", "parent", "residual"])
    tree["parent"] = k.codes(k.segment, tree["parent"]) if len(tree) else tree["parent"]
    return tree.astype({"member": np.int64, "parent": np.int64, "residual": bool})


def _segment_sums(b: Builder, fig: Figures, h: Hierarchy) -> None:
    """Per (currency, period, parent, flow) the cells touch: the parent's members sum to it
    (exhaustive) or to at most it (non-negative flows)."""
    k = b.keys
    tree = _members(k, h)
    cells = _cells(b, fig, h.flows)
    if tree.empty or cells.empty:
        return
    up = np.full(len(k.segment), -1, dtype=np.int64)
    up[tree["member"].to_numpy()] = tree["parent"].to_numpy()
    seg = cells["seg"].to_numpy()
    cells["parent"] = np.where(up[seg] >= 0, up[seg], seg)
    groups = cells[cells["parent"].isin(tree["parent"])].drop(columns="seg").drop_duplicates()
    whole = set(tree.loc[tree["residual"], "parent"]) if not h.exhaustive else \
        set(tree["parent"])
    groups["exact"] = groups["parent"].isin(whole)
    nonneg = k.flow.get_indexer(sorted(fig.rules.nonnegative))
    bounded = groups["flow"].isin(nonneg) & h.bound
    groups = groups[groups["exact"] | bounded].reset_index(drop=True)
    groups["n"] = groups["parent"].map(tree["parent"].value_counts())
    rows = groups.reset_index(names="g").merge(tree, on="parent").sort_values(
        ["g", "member"], kind="stable")
    groups, rows = groups.rename(columns={"parent": "seg"}), rows.rename(columns={"member": "seg"})
    rel = b.relation("segment-sum", np.full(len(groups), -1), groups, _label(h.dimension, b))
    _sum_cells(b, groups, rows, rel, h.dimension)


def _sum_cells(b: Builder, groups: pd.DataFrame, rows: pd.DataFrame, rel: np.ndarray,
               dim: str) -> None:
    """The chain of sums of cells: per group, the total's cell (cur, per, seg, flow) and
    whether the sum is exact; per row, its group g and the term's cell."""
    k = b.keys

    def key(frame: pd.DataFrame, flow=None, ns=k.C) -> np.ndarray:
        return k.cell(frame["cur"].to_numpy(), frame["per"].to_numpy(),
                      frame["seg"].to_numpy(),
                      frame["flow"].to_numpy() if flow is None else flow, ns=ns)

    slack = _names(b, "slack", dim)[groups["flow"].to_numpy()]
    total = key(groups)
    tail = np.where(groups["exact"].to_numpy() | (slack < 0), -1,
                    key(groups, np.maximum(slack, 0), ns=k.S))
    terms = key(rows)
    partial = key(rows, _names(b, "sum", dim)[rows["flow"].to_numpy()], ns=k.S)
    _chain(b, rel, _Chain(rows["g"].to_numpy(), terms, partial, total, tail))
    b.cells += [total, terms]


def _period_sums(b: Builder, fig: Figures) -> None:
    """Per (currency, segment, flow) and every period containing a period the cells touch:
    its parts (months, quarters, halves) sum to it."""
    k = b.keys
    cells = _cells(b, fig, fig.rules.periods)
    up = k.period.get_indexer([parent_period(p) or "" for p in k.period])
    found, per = [], cells["per"].to_numpy()
    while len(per) and (per >= 0).any():
        per = np.where(per >= 0, up[np.maximum(per, 0)], -1)
        found.append(cells.assign(per=per)[per >= 0])
    if not found or not sum(len(x) for x in found):
        return
    groups = pd.concat(found).drop_duplicates().reset_index(drop=True)
    parts = pd.DataFrame([(p, k.period.get_loc(c)) for p in groups["per"].unique()
                          for c in child_periods(k.period[p])], columns=["per", "part"])
    groups["exact"] = True
    groups["n"] = groups["per"].map(parts["per"].value_counts())
    rows = groups.reset_index(names="g").merge(parts, on="per").sort_values(
        ["g", "part"], kind="stable")
    rows["per"] = rows["part"]
    rel = b.relation("period-sum", np.full(len(groups), -1), groups, _label(TIME, b))
    _sum_cells(b, groups, rows, rel, TIME)


def _share_sums(b: Builder, fig: Figures, h: Hierarchy) -> None:
    """Per (period, parent, flow): the members' printed shares of their parent sum to 100
    when every member (a residual among them, or the dimension exhaustive) prints one, to at
    most 100 otherwise (non-negative flows)."""
    k, f = b.keys, fig.f
    tree = _members(k, h)
    shares = f[(f["stat"] == "share_pct") & f["flow"].isin(h.flows)]
    if tree.empty or shares.empty or "share_pct" not in fig.rules.stats:
        return
    up = np.full(len(k.segment), -1, dtype=np.int64)
    up[tree["member"].to_numpy()] = tree["parent"].to_numpy()
    shares = shares[up[shares["seg_c"].to_numpy()] == shares["bseg_c"].to_numpy()]
    shares = shares.drop_duplicates(["per_c", "seg_c", "flow_c"])
    if shares.empty:
        return
    rows = pd.DataFrame({"per": shares["per_c"], "parent": shares["bseg_c"],
                         "flow": shares["flow_c"], "member": shares["seg_c"],
                         "fkey": shares["fkey"]}).sort_values("member", kind="stable")
    groups = rows.groupby(["per", "parent", "flow"], sort=True).size().rename("printed")
    groups = groups.reset_index()
    groups["n"] = groups["parent"].map(tree["parent"].value_counts())
    whole = set(tree["parent"]) if h.exhaustive else set(tree.loc[tree["residual"], "parent"])
    groups["exact"] = groups["parent"].isin(whole) & (groups["printed"] == groups["n"])
    nonneg = k.flow.get_indexer(sorted(fig.rules.nonnegative))
    groups = groups[groups["exact"] | (groups["flow"].isin(nonneg) & h.bound)].reset_index(
        drop=True)
    groups["n"], groups["cur"] = groups["printed"], fig.none
    groups = groups.rename(columns={"parent": "seg"})
    rows = groups.reset_index(names="g").merge(
        rows.rename(columns={"parent": "seg"}), on=["per", "seg", "flow"]).sort_values(
        ["g", "member"], kind="stable")
    rel = b.relation("share-sum", np.full(len(groups), -1), groups,
                     _label(h.dimension, b, shares=True))
    none = np.full(len(groups), fig.none)
    per, parent, flow = (groups[c].to_numpy() for c in ("per", "seg", "flow"))
    total = k.cell(none, per, parent, _names(b, "pcttotal", h.dimension)[flow], ns=k.S)
    name = np.where(groups["exact"], _names(b, "pctzero", h.dimension)[flow],
                    _names(b, "pctslack", h.dimension)[flow])
    slack = k.cell(none, per, parent, name, ns=k.S)
    partial = k.cell(np.full(len(rows), fig.none), rows["per"], rows["member"],
                     _names(b, "pct", h.dimension)[rows["flow"].to_numpy()], ns=k.S)
    _chain(b, rel, _Chain(rows["g"].to_numpy(), rows["fkey"].to_numpy(), partial, total,
                          np.full(len(groups), -1)))
    b.add("affine", rel, total, slack, add=-100.0, div=-1.0)  # total = 100 - slack
