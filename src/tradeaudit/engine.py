"""The audit: propagate, find contradictions, blame the fewest figures, explain, give verdicts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np
import pandas as pd

from tradeaudit.printed import parse_printed
from tradeaudit.propagate import propagate, survivors
from tradeaudit.relation import FAMILY_CODE, System, build_system, with_plans
from tradeaudit.rules import Rules
from tradeaudit.suggest import Suggestion, suggest
from tradeaudit.table import Table
from tradeaudit.units import parse_unit

# Pairs are searched only in components this small; larger ones with no single culprit are
# reported as one joint inconsistency (the search is quadratic in the figures).
PAIR_SEARCH_LIMIT = 40
FAMILY_ORDER = ("sum", "difference", "ratio", "product", "share", "change-share", "growth",
                "change", "multiple", "conversion", "derived", "level")


@dataclass(frozen=True)
class Discrepancy:
    """One thing that does not reconcile (a record, never raised)."""

    code: str
    severity: str  # error | warning
    relation: str
    figures: tuple[str, ...]
    stated: dict
    expected: dict
    message: str
    suspects: tuple[str, ...]


@dataclass(frozen=True)
class Suspect:
    figure: str
    score: float
    expected: dict
    suggestion: Suggestion | None


@dataclass
class Audit:
    """The result: discrepancies, ranked suspects and a status for every figure."""

    table: Table
    rules: Rules
    discrepancies: list[Discrepancy] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, status, reason, lo, hi
    counts: dict = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return "inconsistent" if any(d.severity == "error" for d in self.discrepancies) \
            else "consistent"


def _domains(system: System, frame: pd.DataFrame, active: np.ndarray):
    """Variable domains with the active figures applied: (vars,) for a (figures,) mask, or
    (vars, scenarios) for a (figures, scenarios) mask."""
    shape = (system.n,) + active.shape[1:]
    lo = np.broadcast_to(system.lo0.reshape((-1,) + (1,) * (active.ndim - 1)), shape).copy()
    hi = np.broadcast_to(system.hi0.reshape((-1,) + (1,) * (active.ndim - 1)), shape).copy()
    has = system.fig_var >= 0
    v = system.fig_var[has]
    f_lo = frame["lo"].to_numpy()[has]
    f_hi = frame["hi"].to_numpy()[has]
    act = active[has]
    if active.ndim > 1:
        f_lo, f_hi = f_lo[:, None], f_hi[:, None]
    lo[v] = np.where(act, np.maximum(lo[v], f_lo), lo[v])
    hi[v] = np.where(act, np.minimum(hi[v], f_hi), hi[v])
    return lo, hi


# Scenarios (columns) propagated at once; bounds memory to about 16 bytes x vars x this.
MAX_COLUMNS = 512


def _settle_hubs(system: System, frame: pd.DataFrame, hard: np.ndarray) -> System:
    """Give each block's copy of a hub the interval the *other* blocks allow for it.

    Each block is first solved alone, hubs free; its copy's interval is what that block says
    about the hub. The blocks that agree (the most intervals sharing one point) form the
    consensus; a block outside it gets the consensus as its copy's domain and so shows its own
    contradiction, to be localized inside it. A block inside gets the consensus of the others
    only, so no figure is ever checked against itself.
    """
    if not len(system.copies):
        return system
    lo, hi, dead = propagate(system, *_domains(system, frame, hard))
    copies, hubs = system.copies, system.copy_hub
    c_lo, c_hi = lo[copies], hi[copies]
    live = ~dead[system.component[copies]]
    lo0, hi0 = system.lo0.copy(), system.hi0.copy()
    for hub in np.unique(hubs):
        mine = np.flatnonzero(hubs == hub)
        voters = mine[live[mine]]
        if not len(voters):
            continue
        a, b = c_lo[voters], c_hi[voters]
        cover = np.searchsorted(np.sort(a), a, "right") - np.searchsorted(np.sort(b), a, "left")
        point = a[int(np.argmax(cover))]
        agree = (a <= point) & (b >= point)
        inl, out = voters[agree], np.setdiff1d(mine, voters[agree])
        ia, ib = c_lo[inl], c_hi[inl]
        # The consensus without each inlier: the best bound among the others.
        first_a, first_b = int(np.argmax(ia)), int(np.argmin(ib))
        rest_a = np.delete(ia, first_a).max() if len(ia) > 1 else system.lo0[hub]
        rest_b = np.delete(ib, first_b).min() if len(ib) > 1 else system.hi0[hub]
        minus_a = np.full(len(inl), ia[first_a])
        minus_a[first_a] = rest_a
        minus_b = np.full(len(inl), ib[first_b])
        minus_b[first_b] = rest_b
        targets = copies[inl]
        lo0[targets] = np.maximum(lo0[targets], minus_a)
        hi0[targets] = np.minimum(hi0[targets], minus_b)
        lo0[copies[out]] = np.maximum(lo0[copies[out]], ia.max())
        hi0[copies[out]] = np.minimum(hi0[copies[out]], ib.min())
        lo0[hub], hi0[hub] = max(lo0[hub], ia.max()), min(hi0[hub], ib.min())
    return replace(system, lo0=lo0, hi0=hi0)


def _leave_one_out(system, frame, hard, comp_of_fig, watch: np.ndarray | None = None):
    """For every hard figure: the interval the other figures allow, and whether removing it
    leaves its component consistent. Components are independent, so scenario r removes the
    r-th figure of every component at once.

    With `watch` (figure rows), also which removals widen each watched figure's interval: the
    figures that actually determine what the watched ones should be.
    """
    n = len(frame)
    e_lo, e_hi = np.full(n, -np.inf), np.full(n, np.inf)
    restores = np.zeros(n, dtype=bool)
    support: dict[int, set[int]] = {int(w): set() for w in (watch if watch is not None else [])}
    rows = np.flatnonzero(hard)
    if not len(rows):
        return e_lo, e_hi, restores, support
    order = pd.Series(comp_of_fig[rows]).groupby(comp_of_fig[rows]).cumcount().to_numpy()
    rounds = int(order.max()) + 1
    if watch is not None and len(watch):
        b_lo, b_hi, _ = propagate(system, *_domains(system, frame, hard))
        wv = system.fig_var[watch]
        w_comp = comp_of_fig[watch]
    for first in range(0, rounds, MAX_COLUMNS):
        cols = np.arange(first, min(rounds, first + MAX_COLUMNS))
        active = np.repeat(hard[:, None], len(cols), axis=1)
        sel = (order >= cols[0]) & (order <= cols[-1])
        out, col = rows[sel], order[sel] - cols[0]
        active[out, col] = False
        lo, hi, dead = propagate(system, *_domains(system, frame, active))
        v = system.fig_var[out]
        e_lo[out], e_hi[out] = lo[v, col], hi[v, col]
        restores[out] = ~dead[comp_of_fig[out], col]
        if watch is not None and len(watch):
            tol = 1e-9 * np.maximum(1.0, np.abs(b_hi[wv]))
            for j, c in zip(out, col):
                widened = ((lo[wv, c] < b_lo[wv] - tol) | (hi[wv, c] > b_hi[wv] + tol)) & (
                    w_comp == comp_of_fig[j])
                for w in watch[widened]:
                    support[int(w)].add(int(j))
    return e_lo, e_hi, restores, support


def _minimal_sets(system, frame, hard, comp, comp_of_fig, singles):
    """Fellegi–Holt on one inconsistent component: the smallest sets of figures whose removal
    restores consistency (singles already known; pairs searched when the component is small,
    all pairs as scenarios of one propagation)."""
    members = np.flatnonzero(hard & (comp_of_fig == comp))
    if singles.any():
        return [(int(i),) for i in np.flatnonzero(singles)]
    if len(members) > PAIR_SEARCH_LIMIT:
        return []
    sub = system.subsystem(np.array([comp]))
    pairs = np.array(list(itertools.combinations(members, 2)))
    found = []
    for first in range(0, len(pairs), MAX_COLUMNS):
        chunk = pairs[first:first + MAX_COLUMNS]
        active = np.repeat(hard[:, None], len(chunk), axis=1)
        cols = np.arange(len(chunk))
        active[chunk[:, 0], cols] = False
        active[chunk[:, 1], cols] = False
        alive = survivors(sub, *_domains(sub, frame, active))
        found += [(int(a), int(b)) for a, b in chunk[alive]]
    return found


def _unit_of(row) -> tuple:
    unit = parse_unit(row["unit"])
    return unit, Decimal(str(float(row["factor"]))) if unit.kind != "currency" else unit.factor


def _fmt(x: float) -> float:
    """Bounds as reported: ten significant digits keep JSON short and stable."""
    return float(f"{x:.10g}") if np.isfinite(x) else (None if np.isnan(x) else x)


def _in_unit(lo: float, hi: float, factor: float) -> dict:
    return {"low": _fmt(lo / factor), "high": _fmt(hi / factor)}


def _describe(row) -> str:
    stat = {"level": "", "growth_pct": "growth of ", "change": "change of ",
            "share_pct": "share of ", "change_share_pct": "share of the change of ",
            "multiple": "multiple of ", "rank": "rank of "}[row["stat"]]
    cur = f" ({row['currency']})" if row["currency"] else ""
    return f"{stat}{row['flow']}{cur}, {row['segment']}, {row['period']}"


def _num(x: float, decimals: int | None = None) -> str:
    """A bound for people: two more decimals than the figure was printed with."""
    if x is None or not np.isfinite(x):
        return "?" if x is None else ("∞" if x > 0 else "−∞")
    if decimals is None:
        return f"{x:,.6g}"
    whole = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    return f"{x:,.{max(0, min(decimals + 2, 8 - whole))}f}"


def _range(lo: float, hi: float, decimals: int) -> str:
    a, b = _num(lo, decimals), _num(hi, decimals)
    return a if a == b else f"{a}–{b}"


def audit(table: Table, rules: Rules) -> Audit:
    """Check every relation between the figures of one document."""
    system = build_system(table, rules).cut_hubs()
    frame = table.frame.reset_index(drop=True)
    n = len(frame)
    ids = frame["id"].to_numpy(dtype=object)
    enabled = frame["stat"].isin(rules.stats | {"level"} | ({"rank"} if rules.rank else set())
                                 ).to_numpy()
    has_var = system.fig_var >= 0
    vague = frame["vague"].to_numpy()
    hard = has_var & enabled & ~vague
    system = _settle_hubs(system, frame, hard)
    comp_of_fig = np.where(has_var, system.component[np.maximum(system.fig_var, 0)], -1)

    _, _, dead = propagate(system, *_domains(system, frame, hard))
    e_lo, e_hi, restores, _ = _leave_one_out(system, frame, hard, comp_of_fig)

    # Blame: per inconsistent component, the smallest sets of figures whose removal restores it.
    blamed: set[int] = set()
    ranked: dict[int, list[int]] = {}
    scores: dict[int, float] = {}
    joint: list[int] = []
    degree = _degree(system, frame)
    for comp in np.flatnonzero(dead):
        in_comp = hard & (comp_of_fig == comp)
        sets = _minimal_sets(system, frame, hard, comp, comp_of_fig, restores & in_comp)
        if not sets:
            joint.append(int(comp))
            continue
        cands = sorted({i for s in sets for i in s})
        raw = {i: _plausibility(frame, i, e_lo[i], e_hi[i], degree[i]) for i in cands}
        best = min(sets, key=lambda s: (-sum(raw[i] for i in s), s))
        blamed |= set(best)
        for i in best:
            raw[i] *= 2.0  # the chosen correction outranks the alternatives
        total = sum(raw.values())
        ranked[int(comp)] = sorted(cands, key=lambda i: (-raw[i], i))
        scores |= {i: round(raw[i] / total, 4) for i in cands}

    # The repaired system: everything but the blamed figures; it gives the expected intervals.
    active = hard.copy()
    active[list(blamed)] = False
    for comp in joint:
        active[comp_of_fig == comp] = False
    r_lo, r_hi, r_dead = propagate(system, *_domains(system, frame, active))
    repaired = [c for c in np.flatnonzero(dead) if c not in joint]
    support: dict[int, set[int]] = {}
    if repaired:
        # Each remaining figure of a repaired component is checked against the others there.
        sub = system.subsystem(np.array(repaired))
        sub_comp = np.where(sub.fig_var >= 0, sub.component[np.maximum(sub.fig_var, 0)], -1)
        s_lo, s_hi, _, support = _leave_one_out(sub, frame, active & (sub.fig_var >= 0),
                                                 sub_comp, watch=np.array(sorted(blamed)))
        redo = active & (sub.fig_var >= 0)
        e_lo[redo], e_hi[redo] = s_lo[redo], s_hi[redo]
    fv = np.maximum(system.fig_var, 0)
    exp_lo = np.where(has_var, r_lo[fv], -np.inf)
    exp_hi = np.where(has_var, r_hi[fv], np.inf)
    # A figure's own check uses the leave-one-out interval; blamed ones use the repaired one.
    blamed_mask = np.zeros(n, dtype=bool)
    blamed_mask[list(blamed)] = True
    chk_lo = np.where(hard & ~blamed_mask, e_lo, exp_lo)
    chk_hi = np.where(hard & ~blamed_mask, e_hi, exp_hi)

    result = Audit(table, rules)
    status = np.full(n, "unchecked", dtype=object)
    reason = np.full(n, "", dtype=object)
    bounded = np.isfinite(chk_lo) & np.isfinite(chk_hi)
    f_lo, f_hi = frame["lo"].to_numpy(), frame["hi"].to_numpy()
    dec = frame["decimals"].to_numpy()
    overlaps = (np.maximum(chk_lo, f_lo) <= np.minimum(chk_hi, f_hi))

    sug_of: dict[int, Suggestion] = {}
    for i in sorted(blamed):
        row = frame.iloc[i]
        unit, factor = _unit_of(row)
        sug_of[i] = suggest(parse_printed(row["printed"]), unit, factor, (exp_lo[i], exp_hi[i]))

    stat = frame["stat"].to_numpy()
    factor_ = frame["factor"].to_numpy()
    unit_ = frame["unit"].to_numpy(dtype=object)
    in_joint = np.isin(comp_of_fig, joint)
    open_ = enabled & (stat != "rank")
    status[open_ & (blamed_mask | in_joint)] = "inconsistent"
    reason[open_ & blamed_mask] = "contradicts the other figures; most likely the one to correct"
    reason[open_ & in_joint & ~blamed_mask] = ("part of a contradiction no small set of "
                                               "corrections explains")
    decided = open_ & ~blamed_mask & ~in_joint
    ok = decided & bounded & overlaps
    off = decided & ~ok & vague & bounded
    status[ok] = "consistent"
    status[off] = "inconsistent"
    reason[ok] = [f"other figures allow {_range(chk_lo[i] / factor_[i], chk_hi[i] / factor_[i], dec[i])}"
                  f" {unit_[i]}" for i in np.flatnonzero(ok)]
    reason[off] = [f"'{frame['qualifier'].iat[i]}' does not fit: other figures allow "
                   f"{_range(chk_lo[i] / factor_[i], chk_hi[i] / factor_[i], dec[i])}"
                   for i in np.flatnonzero(off)]
    loose = decided & ~ok & ~off
    reason[loose] = _undetermined(system, frame, np.flatnonzero(loose), r_lo, r_hi)
    reason[~enabled] = "no rule in " + rules.name + " checks " + frame["stat"][~enabled]

    # Discrepancies: one per blamed figure, per contradicted vague figure, per joint component,
    # per rank claim that fails, and a warning per unit misuse.
    discrepancies: list[tuple] = []
    vr = system.var_relations()
    level = (frame["stat"] == "level").to_numpy()
    pinned = set(system.fig_cell[active & level].tolist())
    for i in sorted(blamed):
        row = frame.iloc[i]
        code, rel, rel_id = _broken_relation(system, frame, i, r_lo, r_hi, vr, pinned)
        comp = comp_of_fig[i]
        figs = _involved(system, frame, i, rel_id, support.get(i, set()))
        stated = {"figure": ids[i], "printed": row["value"],
                  **_in_unit(f_lo[i], f_hi[i], row["factor"])}
        expected = _in_unit(exp_lo[i], exp_hi[i], row["factor"])
        sug = sug_of[i]
        msg = (f"{_describe(row)} is printed as {row['value']} {row['unit']}, but the other "
               f"figures allow {_range(expected['low'], expected['high'], dec[i])} "
               f"{row['unit']}")
        if sug.cause == "rounding":
            msg += f"; off by rounding: {sug.printed} {sug.unit} fits"
        elif sug.cause != "unexplained":
            msg += f"; {sug.cause.replace('-', ' ')}: {sug.printed} {sug.unit} fits"
        elif sug.printed:
            msg += f"; about {sug.printed} {sug.unit} would fit"
        alternatives = [ids[j] for j in ranked.get(int(comp), [i]) if ids[j] in figs]
        discrepancies.append((0, i, Discrepancy(
            code, "error", rel, figs, stated, expected, msg, tuple(alternatives or [ids[i]]))))
    for comp in joint:
        members = np.flatnonzero(hard & (comp_of_fig == comp))
        i = int(members[0])
        row = frame.iloc[i]
        discrepancies.append((0, i, Discrepancy(
            "joint-inconsistency", "error", "the figures of one connected group",
            tuple(ids[members]), {"figure": ids[i], "printed": row["value"],
                                  **_in_unit(f_lo[i], f_hi[i], row["factor"])},
            {"low": None, "high": None},
            f"{len(members)} figures cannot all hold, and no one or two corrections reconcile "
            "them", tuple(ids[members]))))
    for i in np.flatnonzero(vague & (status == "inconsistent")):
        row = frame.iloc[i]
        expected = _in_unit(chk_lo[i], chk_hi[i], row["factor"])
        discrepancies.append((1, int(i), Discrepancy(
            "wording-mismatch", "warning", f"'{row['qualifier']} {row['value']}' "
            f"({_describe(row)})", (ids[i],), {"figure": ids[i], "printed": row["value"],
                                               **_in_unit(f_lo[i], f_hi[i], row["factor"])},
            expected, f"'{row['qualifier']} {row['value']}' does not describe "
            f"{_range(expected['low'], expected['high'], dec[i])} {row['unit']}, "
            "which the other "
            "figures allow", (ids[i],))))
    rank_checks = _ranks(system, frame, r_lo, r_hi, enabled & (frame["stat"] == "rank")
                         .to_numpy(), rules.rank)
    for i, (st, why, bad) in rank_checks.items():
        status[i], reason[i] = st, why
        if bad:
            row = frame.iloc[i]
            discrepancies.append((0, i, Discrepancy(
                "rank-mismatch", "error", f"rank of {row['flow']} among siblings of "
                f"{row['segment']} ({row['period']})", (ids[i],) + bad,
                {"figure": ids[i], "printed": row["value"], "low": float(row["value"]),
                 "high": float(row["value"])}, {"low": None, "high": None}, why, (ids[i],))))
    misuse = frame["unit_misuse"].to_numpy()
    for i in np.flatnonzero(misuse):
        row = frame.iloc[i]
        reason[i] += "; printed in percentage points, but the change of a ratio is in ratio " \
                     "units"
        discrepancies.append((1, int(i), Discrepancy(
            "unit-misuse", "warning", f"unit of {_describe(row)}", (ids[i],),
            {"figure": ids[i], "printed": row["value"], **_in_unit(f_lo[i], f_hi[i], 1.0)},
            {"low": None, "high": None},
            f"{row['value']} {row['unit']}: {row['flow']} is a ratio, so its change is in ratio "
            "units, not percentage points", (ids[i],))))

    discrepancies.sort(key=lambda t: (t[0], t[1]))
    result.discrepancies = [d for _, _, d in discrepancies]
    order = sorted(((scores[i], i) for i in scores), key=lambda t: (-t[0], t[1]))
    result.suspects = [
        Suspect(ids[i], score, _in_unit(exp_lo[i], exp_hi[i], frame["factor"].iat[i]),
                sug_of.get(i) or suggest(parse_printed(frame["printed"].iat[i]),
                                         *_unit_of(frame.iloc[i]), (e_lo[i], e_hi[i])))
        for score, i in order]
    result.figures = pd.DataFrame({"id": ids, "status": status, "reason": reason,
                                   "low": chk_lo / frame["factor"].to_numpy(),
                                   "high": chk_hi / frame["factor"].to_numpy()})
    n_warn = sum(d.severity == "warning" for d in result.discrepancies)
    n_err_checks = int((status == "inconsistent").sum()) - int(
        (vague & (status == "inconsistent")).sum())
    result.counts = {
        "figures": n, "consistent": int((status == "consistent").sum()),
        "inconsistent": n_err_checks, "undecided": int((status == "unchecked").sum()),
        "warnings": n_warn,
    }
    result.counts["checks"] = (result.counts["consistent"] + result.counts["inconsistent"] +
                               result.counts["undecided"] + n_warn)
    return result


def _plausibility(frame: pd.DataFrame, i: int, lo: float, hi: float, degree: float) -> float:
    """How likely figure i is the wrong one: far outside what the others allow, explained by a
    known slip, and vouched for by few relations."""
    row = frame.iloc[i]
    half = max((row["hi"] - row["lo"]) / 2, 1e-300)
    gap = max(lo - row["hi"], row["lo"] - hi, 0.0) if np.isfinite(lo) or np.isfinite(hi) else 0
    unit, factor = _unit_of(row)
    cause = suggest(parse_printed(row["printed"]), unit, factor, (lo, hi)).cause
    explained = cause not in ("unexplained", "rounding")
    return (1.0 + 0.5 * explained) * (1.0 + np.log10(1.0 + gap / half)) / (1.0 + 0.1 * degree)


def _degree(system: System, frame: pd.DataFrame) -> np.ndarray:
    """How many relations touch each figure's cells: the ones that could vouch for it."""
    vr = system.var_relations()
    per_var = vr.groupby("var").size()
    cell = system.fig_cell
    return np.where(cell >= 0, per_var.reindex(cell).fillna(0).to_numpy(), 0)


def _undetermined(system: System, frame: pd.DataFrame, rows: np.ndarray, lo: np.ndarray,
                  hi: np.ndarray) -> list[str]:
    """Why each of these figures is unchecked: the cells of its relation nothing pins down."""
    if not len(rows):
        return []
    rel = system.relations.reset_index(names="rel")
    rel = rel[rel["figure"].isin(rows)]
    vr = system.var_relations().merge(rel[["rel", "figure"]], on="rel")
    key = pd.Series(system.keys[vr["var"].to_numpy()], index=vr.index)
    free = key.str.startswith("c|").to_numpy() & ~(np.isfinite(lo[vr["var"]]) &
                                                   np.isfinite(hi[vr["var"]]))
    words = key[free].map(_cell_words)
    listed = words.groupby(vr.loc[free, "figure"]).agg(
        lambda w: "; ".join(sorted(set(w))[:4]))
    return [f"no other figure determines it: {listed[i]} not printed or implied"
            if i in listed.index else "no other figure determines it: its relation has no "
            "other printed operand" for i in rows]


def _cell_words(key: str) -> str:
    _, cur, period, segment, flow = key.split("|")
    return f"{flow}{' (' + cur + ')' if cur else ''}, {segment}, {period}"


def _broken_relation(system, frame, i, lo, hi, vr, pinned: set[int]) -> tuple[str, str, int]:
    """The relation that, with the other figures as they are, cannot hold with figure i.

    Of several, the most direct: the one with the fewest operands that no figure prints (a
    document's conversion rate counts as known), then by family.
    """
    own = system.relations.index[system.relations["figure"] == i]
    row = frame.iloc[i]
    rels = list(own)
    if row["stat"] == "level":
        cell = system.fig_cell[i]
        rels = sorted(set(vr.loc[vr["var"] == cell, "rel"]) - set(own))
    f_lo, f_hi = frame["lo"].iat[i], frame["hi"].iat[i]
    target = system.fig_cell[i] if row["stat"] == "level" else system.fig_var[i]
    broken = []
    for r in rels:
        cons = {k: with_plans({kk: vv[c["rel"] == r] for kk, vv in c.items() if kk != "plans"})
                for k, c in system.constraints.items()}
        l0, h0 = lo.copy(), hi.copy()
        operands = set()
        # Let the relation's own auxiliaries and the target float, then see what it allows.
        for c in cons.values():
            for role in ("z", "x", "y"):
                if role in c:
                    for v in c[role]:
                        if not system.keys[v].startswith(("c|", "r|", "d|")):
                            l0[v], h0[v] = -np.inf, np.inf
                        elif v != target:
                            operands.add(int(v))
        l0[target], h0[target] = -np.inf, np.inf
        fl, fh, _ = propagate(system, l0, h0, constraints=cons)
        if max(fl[target], f_lo) > min(fh[target], f_hi):
            unprinted = sum(1 for v in operands if v not in pinned and
                            not system.keys[v].startswith("r|"))
            broken.append((unprinted, FAMILY_ORDER.index(system.relations["family"].iat[r]), r))
    if not broken:
        return "joint-inconsistency", "the figures jointly (no single relation shows it)", -1
    pick = min(broken)[2]
    fam = system.relations["family"].iat[pick]
    return FAMILY_CODE[fam], system.relations["label"].iat[pick], pick


def _involved(system: System, frame: pd.DataFrame, i: int, rel: int, support: set[int]
              ) -> tuple[str, ...]:
    """Figure i, the figures printed for the cells of the broken relation, and those whose
    removal would change what figure i should be."""
    found = {i} | support
    if rel >= 0:
        vars_ = set()
        for c in system.constraints.values():
            m = c["rel"] == rel
            for role in ("z", "x", "y"):
                if role in c:
                    vars_ |= set(c[role][m].tolist())
        found |= set(np.flatnonzero(np.isin(system.fig_cell, list(vars_)) &
                                    (frame["stat"] == "level").to_numpy()).tolist())
    return tuple(frame["id"].iat[j] for j in sorted(found))


def _ranks(system, frame, lo, hi, mask, enabled) -> dict[int, tuple[str, str, tuple]]:
    """Rank claims against the siblings whose levels are known."""
    out = {}
    keys = pd.Series(system.keys)
    cells = keys[keys.str.startswith("c|")]
    split = cells.str.split("|", expand=True, regex=False) if len(cells) else None
    for i in np.flatnonzero(mask):
        row = frame.iloc[i]
        if not enabled:
            out[int(i)] = ("unchecked", "no rank rule in the suite", ())
            continue
        cell = system.fig_cell[i]
        if cell < 0 or split is None:
            out[int(i)] = ("unchecked", "the ranked level is not printed or implied", ())
            continue
        _, cur, period, segment, flow = system.keys[cell].split("|")
        dims = [p.split("=")[0] for p in segment.split(";")] if segment != "total" else []
        if not dims:
            out[int(i)] = ("unchecked", "`total` has no siblings to rank among", ())
            continue
        dim = row["base"] if row["base"] in dims else dims[-1]
        rest = ";".join(p for p in segment.split(";") if not p.startswith(dim + "="))
        sib = split[(split[1] == cur) & (split[2] == period) & (split[4] == flow)]
        seg = sib[3]
        pairs = seg.str.split(";")
        same_rest = pairs.apply(lambda ps: ";".join(p for p in ps if not p.startswith(
            dim + "=")) == rest and any(p.startswith(dim + "=") for p in ps))
        sib = sib[same_rest & (seg != segment)]
        v = sib.index.to_numpy()
        k = int(parse_printed(row["printed"]).value)
        my_lo, my_hi = lo[cell], hi[cell]
        above = v[lo[v] > my_hi]
        unknown = v[~((lo[v] > my_hi) | (hi[v] < my_lo))]
        if len(above) > k - 1:
            names = tuple(frame["id"].iat[j] for j in np.flatnonzero(np.isin(system.fig_cell,
                                                                             above)))
            out[int(i)] = ("inconsistent", f"printed rank {k}, but {len(above)} sibling(s) are "
                           f"certainly larger", names)
        elif len(above) == k - 1 and len(unknown) == 0 and np.isfinite(my_lo):
            out[int(i)] = ("consistent", f"rank {k} among {len(v) + 1} known {dim} members",
                           ())
        else:
            out[int(i)] = ("unchecked", f"rank {k} cannot be decided from the printed "
                           f"{dim} members", ())
    return out
