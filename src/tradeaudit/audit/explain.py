"""Explanations of a blamed figure: the relation it breaks, the figures involved, the rate a
failed conversion implies."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.audit.index import Index, runs
from tradeaudit.audit.rows import Rows
from tradeaudit.audit.wording import num, span
from tradeaudit.model.findings import BY_FAMILY, JOINT
from tradeaudit.solve.hierarchy import DOMAINS
from tradeaudit.solve.propagate import propagate
from tradeaudit.solve.relation import System
from tradeaudit.stats import REGISTRY

# Of several relations a figure breaks, the one named first (after fewer unprinted operands):
# identities, then the statistics' relations and the others by precedence.
_PRECEDENCE = {"segment-sum": -6, "period-sum": -5, "sum": -4, "difference": -3, "ratio": -2,
               "product": -1, "share-sum": 15, "conversion": 60, "derived": 70} | {s.relation: s.precedence for s in REGISTRY.values() if s.relation}
FAMILY_ORDER = tuple(sorted(_PRECEDENCE, key=_PRECEDENCE.__getitem__))
# The keys of the hierarchies' slacks (solve.hierarchy.DOMAINS).
SLACK = r"^a\|[^|]*\|[^|]*\|[^|]*\|(?:" + "|".join(
    p.rstrip(".") for p in DOMAINS) + r")\."
# A figure's change over the base period it names (Builder.delta_on): known like a d| change.
CHANGE_ON = r"^a\|[^|]*\|d$"
JOINTLY = "the figures jointly (no single relation shows it)"  # no single relation breaks


def broken_relations(system: System, made: Rows, blamed: list[int], lo, hi, index: Index,
                     pinned: np.ndarray) -> dict[int, tuple[str, int]]:
    """For each blamed figure i, the relation that, with the other figures as they are,
    cannot hold with i: its code and id (-1 when none does alone; see JOINTLY).

    A figure's relations are its own; a level figure's, those of its cell instead. Of
    several that fail, the most direct: the one with the fewest operands that no figure
    prints (`pinned`: the cells printed; a document's conversion rate counts as known), then
    by family.

    Each (figure, relation) pair is a tiny system: the relation's constraints on their own
    variables, with the target and the relation's auxiliaries left free. All of them are
    built at once (arrays of pairs, no loop per figure) and propagated at once, one component
    each; a component settles on its own, so each ends exactly as it would alone.
    """
    b = np.asarray(blamed, dtype=np.int64)
    out = dict.fromkeys(blamed, (JOINT.code, -1))
    if not len(b):
        return out
    rows = [made[i] for i in blamed]
    level = np.array([r["stat"] == "level" for r in rows])
    test_fig, test_rel, target = _tests(system, b, level, index)
    built = _test_systems(system, test_rel, target, index, lo, hi)
    if built is None:
        return out
    tiny, kept, t_at, var, operand, rate = built
    fl, fh, _ = propagate(tiny, tiny.lo0, tiny.hi0)
    fig = test_fig[kept]
    f_lo = np.array([r["lo"] for r in rows])[fig]
    f_hi = np.array([r["hi"] for r in rows])[fig]
    broken = np.maximum(fl[t_at], f_lo) > np.minimum(fh[t_at], f_hi)
    unprinted = np.bincount(tiny.component, weights=operand & ~np.isin(var, pinned) & ~rate,
                            minlength=len(kept)).astype(np.int64)
    # A figure in another currency is first of all a conversion.
    foreign = np.array([bool(r["currency"]) and r["currency"] != system.canonical
                        for r in rows])[fig]
    rel = test_rel[kept]
    family = system.relations["family"].to_numpy()[rel].astype(object)
    own_kind = np.where((family == "conversion") == foreign, 0, 1)
    rank = np.array([FAMILY_ORDER.index(f) for f in family.tolist()], dtype=np.int64)
    sel = np.flatnonzero(broken)
    order = sel[np.lexsort((rel[sel], rank[sel], own_kind[sel], unprinted[sel], fig[sel]))]
    first = order[np.r_[True, fig[order][1:] != fig[order][:-1]]] if len(order) else order
    for j in first.tolist():
        out[blamed[fig[j]]] = (BY_FAMILY[family[j]].code, int(rel[j]))
    return out


def _tests(system: System, b: np.ndarray, level: np.ndarray, index: Index
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (figure, relation) pairs to test, sorted (figures in order, each one's relations),
    as (position in b, relation, target variable)."""
    n_rel = max(len(system.relations), 1)
    rel_sorted, fig_sorted = index.rel_of_fig
    k, at = runs(fig_sorted, b)
    own = k * n_rel + rel_sorted[at]
    var_sorted, rel_by_var = index.by_var
    lv = np.flatnonzero(level)
    k, at = runs(var_sorted, system.fig_cell[b[lv]])
    of_cell = np.setdiff1d(lv[k] * n_rel + rel_by_var[at], own)
    # Another figure's relations, and those its own variable is a term of (a share in the
    # shares that sum to 100).
    other = np.flatnonzero(~level)
    k, at = runs(var_sorted, system.fig_var[b[other]])
    of_var = np.setdiff1d(other[k] * n_rel + rel_by_var[at], own)
    test_fig, test_rel = np.divmod(np.sort(np.r_[own[~level[own // n_rel]], of_cell, of_var]),
                                   n_rel)
    target = np.where(level[test_fig], system.fig_cell[b[test_fig]],
                      system.fig_var[b[test_fig]]).astype(np.int64)
    return test_fig, test_rel, target


def _test_systems(system: System, test_rel: np.ndarray, target: np.ndarray, index: Index,
                  lo: np.ndarray, hi: np.ndarray) -> tuple | None:
    """The tests as one system of tiny components, one per test whose relation holds its
    target: (system, the tests kept, each one's target position, the variable at each
    position, which positions are known operands, which are rates); None for no test."""
    found = {}  # each test's constraint rows (a relation's in their own order)
    for kind, (order, rels) in index.rows.items():
        k, at = runs(rels, test_rel)
        found[kind] = (k, order[at])
    n = max(system.n, 1)
    pairs = np.unique(np.concatenate([
        k * n + system.constraints[kind][r][c].astype(np.int64)
        for kind, (k, c) in found.items() for r in ("z", "x", "y")
        if r in system.constraints[kind]] + [np.zeros(0, dtype=np.int64)]))
    # A test whose relation does not hold its target tells nothing.
    want = np.arange(len(test_rel)) * n + target
    hit = np.minimum(np.searchsorted(pairs, want), max(len(pairs) - 1, 0))
    keep = (pairs[hit] == want) & (target >= 0) if len(pairs) else np.zeros(len(want), bool)
    pairs = pairs[keep[pairs // n]]
    if not len(pairs):
        return None
    test_of, var = np.divmod(pairs, n)
    t_at = np.searchsorted(pairs, np.flatnonzero(keep) * n + target[keep])
    constraints = {}
    for kind, (k, c) in found.items():
        m = keep[k]
        if not m.any():
            continue
        k, c = k[m], c[m]
        constraints[kind] = {
            r: (np.searchsorted(pairs, k * n + v[c]) if r in ("z", "x", "y") else v[c])
            for r, v in system.constraints[kind].items()}
    kept = np.flatnonzero(keep)
    test_of = np.searchsorted(kept, test_of)  # (tests kept, renumbered: one component each)
    keys = system.keys.take(pa.array(var))
    family = system.relations["family"].to_numpy()[test_rel[kept]][test_of]
    l0, h0, known, free, rate = _floating(system, keys, var, t_at, family, lo, hi)
    tiny = System(keys, l0, h0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                  constraints, system.relations, test_of, system.canonical)
    return tiny, kept, t_at, var, known & ~free, rate


def _floating(system: System, keys: pa.Array, var: np.ndarray, t_at: np.ndarray,
              family: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple:
    """The tests' domains: the relation's own auxiliaries and the target float, the rest
    hold as the document has them; returns them with which variables are known (cells,
    rates, changes), which float and which are rates."""
    known = pc.or_(pc.or_(pc.starts_with(keys, "c|"), pc.starts_with(keys, "r|")),
                   pc.or_(pc.starts_with(keys, "d|"), pc.match_substring_regex(keys, CHANGE_ON))
                   ).to_numpy(zero_copy_only=False)
    # The shares summing to 100 are figures' own variables: those are known too.
    known |= (family == "share-sum") & pc.starts_with(keys, "f|").to_numpy(
        zero_copy_only=False)
    rate = pc.starts_with(keys, "r|").to_numpy(zero_copy_only=False)
    l0, h0 = lo[var].copy(), hi[var].copy()
    # A hierarchy's slack keeps its domain (at least 0, or 0): the relation's own bound.
    slack = pc.match_substring_regex(keys, SLACK).to_numpy(zero_copy_only=False)
    free = ~known & ~slack
    free[t_at] = True
    l0[free], h0[free] = -np.inf, np.inf
    held = slack & ~free
    l0[held], h0[held] = system.lo0[var[held]], system.hi0[var[held]]
    return l0, h0, known, free, rate


def involved(ids: np.ndarray, i: int, rel: int, support: set[int], index: Index
             ) -> tuple[str, ...]:
    """Figure i, the figures printed for the cells of the broken relation, and those whose
    removal would change what figure i should be."""
    found = {i} | support
    if rel >= 0:
        found.update(index.printed.of_any(index.variables(rel)).tolist())
    return tuple(ids[j] for j in sorted(found))


def rate_note(system: System, row, rel: int, lo: np.ndarray, hi: np.ndarray,
              index: Index, free_rates: dict[str, str], pinned: dict[str, str]) -> str:
    """For a conversion that fails: the rate the document implies and the one printed. A
    reference rate is named only when the rates table pinned it (`pinned`: as the table
    prints it; `free_rates`: the rate keys a reference policy left free, and why);
    otherwise the rate is the other conversions'."""
    c = index.constraints(rel).get("product")
    if c is None:
        return ""
    x, y = c["x"][0], c["y"][0]
    rate, base = (x, y) if system.key(x).startswith("r|") else (y, x)
    pair = f"{row['currency']} per {system.canonical}"
    note = ""
    known = np.isfinite(lo[rate]) and np.isfinite(hi[rate]) and lo[rate] > 0
    key = system.key(rate).split("@")[0]
    scope = key.split("|")[2]
    if known and key in pinned:
        note = f" (the reference rate for {scope} is {pinned[key]} {pair}"
    elif known:
        note = f" (the other conversions imply {span(lo[rate], hi[rate], 0)} {pair}"
    if key in free_rates:
        note = f" ({free_rates[key]}" + (f"; {note[2:]}" if note else "")
    if lo[base] > 0 and np.isfinite(hi[base]):
        implied = (row["lo"] / hi[base], row["hi"] / lo[base])
        note += ("; " if note else " (") + f"as printed it implies {span(*implied, 2)} {pair}"
        if known:
            # A scale word off by a power of a thousand, and a rate off besides.
            mid = (implied[0] + implied[1]) / 2
            for k in (1e3, 1e6, 1e-3, 1e-6):
                if 0.5 < mid * k / lo[rate] < 2:
                    note += f", {num(mid * k, 0)} with the scale word {k:g}x larger"
    return note + ")" if note else ""
