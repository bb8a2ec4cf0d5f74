"""The audit: propagate, find contradictions, blame the fewest figures, explain, give verdicts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.audit.blame import blame_block, fanout, run_blocks
from tradeaudit.audit.heap import trim
from tradeaudit.audit.suggest import Suggestion, forget, suggest
from tradeaudit.model.figures import Table
from tradeaudit.model.interval import div
from tradeaudit.model.printed import parse_printed, printed_bounds
from tradeaudit.model.rates import Rate, Rates
from tradeaudit.model.rules import Rules
from tradeaudit.model.units import parse_unit
from tradeaudit.solve import (
    kernel,
    numerals,  # noqa: F401 (registers fixed_texts, see _texts)
)
from tradeaudit.solve.propagate import (
    MAX_SWEEPS,
    RELATIVE_STEP,
    WIDTH_STEP,
    capped,
    magnitude_cap,
    propagate,
)
from tradeaudit.solve.relation import FAMILY_CODE, System, build_system, distinct_pairs, text_series

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
    policy: str = "document"
    conversions: list[dict] = field(default_factory=list)
    # Release texts audited: {"path", "text", "unread": [numbers not interpreted]}.
    documents: list[dict] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "inconsistent" if any(d.severity == "error" for d in self.discrepancies) \
            else "consistent"


def _domains(system: System, frame: pd.DataFrame, active: np.ndarray, cap: bool = False):
    """Variable domains with the active figures applied: (vars,) for a (figures,) mask, or
    (vars, scenarios) for a (figures, scenarios) mask. With `cap`, within the magnitude cap
    (propagate.CAP_FACTOR): for finding contradictions, not for the intervals reported."""
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
    if cap:
        capped(lo, hi, magnitude_cap(frame["lo"].to_numpy(), frame["hi"].to_numpy()))
    return lo, hi


LOO_SWEEPS = 30  # revisions of each constraint per leave-one-out scenario (see propagate)
STAY = np.iinfo(np.int64).min  # a run in _leave_one_out: the figure never leaves
BLAME_ROUNDS = 3


class Runner:
    """Where the per-component work runs: propagation, blame and leave-one-out.

    This local runner does it in one piece, in process. A distributed runner (see
    tradeaudit.integrations.spark) sets `parts` and `map`: the work is split by connected component and
    each part runs as a task. What a component ends with never depends on what else is
    computed beside it (see propagate), so every runner gives the same report, byte for byte.
    """

    parts = 1

    def map(self, fn, items: list) -> list:
        return [fn(x) for x in items]


LOCAL = Runner()


def _groups(runner: Runner, system: System, comps: np.ndarray | None = None
            ) -> list[np.ndarray] | None:
    """Components (all, or `comps`) in runner.parts groups of about equal size; None for one
    piece."""
    if runner.parts <= 1:
        return None
    size = np.bincount(system.component)
    comps = np.flatnonzero(size) if comps is None else np.asarray(comps)
    if not len(comps):
        return []
    load = np.cumsum(size[comps])
    part = np.minimum(runner.parts - 1, (load - 1) * runner.parts // load[-1])
    return [comps[part == p] for p in np.unique(part)]


def _propagate_task(task):
    system, lo, hi, max_sweeps = task
    return propagate(system, lo, hi, max_sweeps=max_sweeps)


def _run_propagate(runner: Runner, system: System, lo, hi, max_sweeps: int = MAX_SWEEPS):
    """propagate(), split by component when the runner distributes."""
    groups = _groups(runner, system)
    if groups is None:
        return propagate(system, lo, hi, max_sweeps=max_sweeps)
    keeps = [np.isin(system.component, g) for g in groups]
    results = runner.map(_propagate_task, [(system.subsystem(g), lo[k], hi[k], max_sweeps)
                                           for g, k in zip(groups, keeps)])
    lo, hi = lo.copy(), hi.copy()
    dead = np.zeros((int(system.component.max()) + 1,) + lo.shape[1:], dtype=bool)
    for g, k, (l, h, d) in zip(groups, keeps, results):
        lo[k], hi[k], dead[np.sort(g)] = l, h, d
    return lo, hi, dead


def _loo_task(task):
    return _leave_one_out(*task)


def _run_loo(runner: Runner, system: System, frame: pd.DataFrame, hard: np.ndarray,
             run: np.ndarray, watch: np.ndarray | None = None, settled=None):
    """_leave_one_out(), split by component when the runner distributes."""
    groups = _groups(runner, system)
    if groups is None:
        return _leave_one_out(system, frame, hard, run, watch, settled)
    comp_of_fig = _blocks(system)
    tasks, mines = [], []
    for g in groups:
        mine = np.isin(comp_of_fig, g)
        w = None if watch is None else watch[mine[watch]]
        keep = np.isin(system.component, g)  # (the subsystem's variables, in order)
        tasks.append((system.subsystem(g), frame, hard & mine, run, w,
                      None if settled is None else (settled[0][keep], settled[1][keep])))
        mines.append(mine)
    n = len(frame)
    e_lo, e_hi = np.full(n, -np.inf), np.full(n, np.inf)
    support: dict[int, set[int]] = {}
    for mine, (lo, hi, sup) in zip(mines, runner.map(_loo_task, tasks)):
        e_lo[mine], e_hi[mine] = lo[mine], hi[mine]
        support |= sup
    return e_lo, e_hi, support


def _scorer(frame: pd.DataFrame, degree: np.ndarray, canonical: str, rows: np.ndarray):
    """score(row, lo, hi): how plausibly figure `row` is wrong, given what others allow it
    (`rows`: the figures it will be asked about)."""
    made = _Rows(frame[list(SCORED)])  # (dicts of the columns it reads: a third of the cost)
    made.fetch(rows)

    def score(i: int, lo: float, hi: float) -> float:
        return _plausibility(made[i], lo, hi, degree[i], canonical)
    return score


def _blame_task(task):
    system, frame, rows_of, degree, k = task
    score = _scorer(frame, degree, system.canonical,
                    np.concatenate(list(rows_of.values())) if rows_of else [])
    return run_blocks(system, frame["lo"].to_numpy(), frame["hi"].to_numpy(),
                      {c: blame_block(r.tolist(), score, k) for c, r in rows_of.items()},
                      rows_of)


def _run_blame(runner: Runner, system: System, frame: pd.DataFrame, dead_comps: np.ndarray,
               rows_of: dict[int, np.ndarray], degree: np.ndarray) -> dict:
    """Blame every contradictory block (run_blocks), split by component when the runner
    distributes."""
    groups = _groups(runner, system, dead_comps)
    if groups is None:
        groups = [dead_comps]
    k = fanout(int(np.bincount(system.component)[dead_comps].sum()))
    tasks = [(system.subsystem(g), frame, {int(c): rows_of[int(c)] for c in g
                                           if int(c) in rows_of}, degree, k) for g in groups]
    found: dict = {}
    for part in runner.map(_blame_task, tasks):
        found |= part
    return found


def _settle_hubs(system: System, frame: pd.DataFrame, hard: np.ndarray,
                 runner: Runner = LOCAL) -> System:
    """Give each block's copy of a hub the interval the *other* blocks allow for it.

    Each block is first solved alone, hubs free; its copy's interval is what that block says
    about the hub. The blocks that agree (the most intervals sharing one point) form the
    consensus; a block outside it gets the consensus as its copy's domain and so shows its own
    contradiction, to be localized inside it. A block inside gets the consensus of the others
    only, so no figure is ever checked against itself.
    """
    if not len(system.copies):
        return system
    lo, hi, dead = _run_propagate(runner, system, *_domains(system, frame, hard))
    copies, hubs = system.copies, system.copy_hub
    c_lo, c_hi = lo[copies], hi[copies]
    live = ~dead[system.component[copies]]
    lo0, hi0 = system.lo0.copy(), system.hi0.copy()
    order = np.argsort(hubs, kind="stable")  # each hub's copies, in copy order
    starts = np.flatnonzero(np.r_[True, hubs[order][1:] != hubs[order][:-1]])
    for mine in np.split(order, starts[1:]):
        hub = hubs[mine[0]]
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


def _blocks(system: System) -> np.ndarray:
    """Per figure row, its component (-1 without a variable)."""
    return np.where(system.fig_var >= 0, system.component[np.maximum(system.fig_var, 0)], -1)


def _one_by_one(system: System, hard: np.ndarray) -> np.ndarray:
    """Runs in which each figure leaves alone: the r-th figure of every block leaves in run r
    (blocks are independent, so they share runs)."""
    out = np.full(len(hard), -1, dtype=np.int64)
    rows = np.flatnonzero(hard)
    comp = _blocks(system)[rows]
    out[rows] = pd.Series(comp).groupby(comp).cumcount().to_numpy()
    return out


def _colors(system: System, hard: np.ndarray) -> np.ndarray:
    """Group figures into few scenarios so that no two in one scenario are near each other.

    Two figures conflict when one's relations reach, in one more relation, a variable of the
    other's (kernel.near_figures walks that neighbourhood and lists it). A greedy colouring
    (most neighbours first, deterministic ties) gives each figure a colour; all figures of a
    colour leave together. Sound: a scenario without
    more figures only allows more. Returns a colour per row, as negative ids (-1 - colour) so
    that _leave_one_out treats each colour as its own round.
    """
    rows = np.flatnonzero(hard)
    out = np.full(len(hard), -1, dtype=np.int64)
    if not len(rows):
        return out
    vr = system.var_relations()
    var, rel = vr["var"].to_numpy(), vr["rel"].to_numpy()
    rel_fig = system.relations["figure"].to_numpy()
    n = len(hard)
    in_rows = np.zeros(n + 1, dtype=bool)  # (the last entry: relations of no figure, -1)
    in_rows[rows] = True
    own = in_rows[rel_fig][rel]
    # A figure's footprint: its own variable and those of its own relations.
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
    args = (foot_ptr, foot_var, var_rel_ptr, var_rel, rel_var_ptr, rel_var, var_foot_ptr,
            f_fig[at], n)
    del at
    near_figures = kernel.pick("near_figures", len(var) + len(f_var))
    degree = np.zeros(n, dtype=np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    near_figures(rows, *args, degree, ptr, np.zeros(0, dtype=np.int32))
    np.cumsum(degree, out=ptr[1:])
    near = np.empty(ptr[-1], dtype=np.int32)
    near_figures(rows, *args, degree, ptr, near)
    del args, foot_ptr, foot_var, var_rel_ptr, var_rel, rel_var_ptr, rel_var, var_foot_ptr
    # Most neighbours first, ties by a fixed shuffle; each figure takes the smallest colour
    # no neighbour coloured before it has. (This is what Jones–Plassmann rounds give too:
    # a figure is coloured once every neighbour that outranks it is.)
    prio = degree[rows] + np.random.default_rng(0).permutation(len(rows)) / (len(rows) + 1)
    color = np.full(n, -1, dtype=np.int64)
    kernel.pick("colouring", len(near))(rows[np.argsort(-prio, kind="stable")], ptr, near, color)
    out[rows] = color[rows]
    return out


def _leave_one_out(system, frame, hard, run, watch: np.ndarray | None = None, settled=None):
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
    comp_of_fig = _blocks(system)
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
    base_lo, base_hi = _domains(system, frame, hard)
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
        # widened lists, per scenario, each watched figure of its block: which scenarios
        # widened which watched figure; every figure leaving there supports it.
        count = w_ptr[s_comp + 1] - w_ptr[s_comp]
        scen = np.repeat(np.arange(len(s_comp)), count)
        which = w[np.repeat(w_ptr[s_comp] - np.cumsum(count) + count, count) +
                  np.arange(int(count.sum()))]
        for s_, a in zip(scen[widened].tolist(), which[widened].tolist()):
            support[a].update(rows[s_ptr[s_]:s_ptr[s_ + 1]].tolist())
    return e_lo, e_hi, support


def _unit_of(row) -> tuple:
    unit = parse_unit(row["unit"])
    return unit, Decimal(str(float(row["factor"]))) if unit.kind != "currency" else unit.factor


def _fmt(x: float) -> float:
    """Bounds as reported: ten significant digits keep JSON short and stable."""
    return float(f"{x:.10g}") + 0.0 if np.isfinite(x) else (None if np.isnan(x) else x)


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
    if x is None:
        return "?"
    if not math.isfinite(x):
        return "∞" if x > 0 else "−∞"
    if decimals is None:
        return f"{x:,.6g}"
    whole = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    text = f"{x:,.{max(0, min(decimals + 2, 8 - whole))}f}"
    return text[1:] if text[0] == "-" and not text.strip("-0.,") else text


def _range(lo: float, hi: float, decimals: int) -> str:
    a, b = _num(lo, decimals), _num(hi, decimals)
    return a if a == b else f"{a}–{b}"


_POWERS_OF_TEN = 10.0 ** np.arange(23)  # exact up to 1e22


def _nums(x: np.ndarray, decimals: np.ndarray) -> np.ndarray:
    """_num over arrays, the same texts: the number of decimals is worked out for all values
    at once, and the values are written by kernel.fixed_texts (the few it leaves, by
    format)."""
    out = np.empty(len(x), dtype=object)
    finite = np.isfinite(x)
    out[~finite] = np.where(x[~finite] > 0, "∞", "−∞")
    rows = np.flatnonzero(finite)
    size = np.abs(x[rows])
    # The digits before the point (len(str(int(abs(x))))); past 8 they all give 0 decimals.
    whole = np.where(size >= 1, np.searchsorted(_POWERS_OF_TEN, np.trunc(size), "right"), 0)
    places = np.maximum(0, np.minimum(decimals[rows] + 2, 8 - whole)).astype(np.int64)
    out[rows] = _texts("fixed_texts", x[rows], places)
    for j in np.flatnonzero(out[rows] == None).tolist():  # (the few it leaves)
        i = rows[j]
        text = format(x[i], f",.{places[j]}f")
        out[i] = text[1:] if text[0] == "-" and not text.strip("-0.,") else text
    return out


def _texts(writer: str, *columns) -> np.ndarray:
    """A kernel text writer's output as Python strings (None where it left the value)."""
    text, flag = kernel.formatted(writer, *columns)
    out = text.to_numpy(zero_copy_only=False)
    out[flag.astype(bool)] = None
    return out


def _ranges(lo: np.ndarray, hi: np.ndarray, decimals: np.ndarray):
    """_range over the rows of a mask (vectorized: a big release has a million of them)."""
    def of(mask: np.ndarray) -> list[str]:
        a, b = _nums(lo[mask], decimals[mask]), _nums(hi[mask], decimals[mask])
        return [x if x == y else f"{x}–{y}" for x, y in zip(a.tolist(), b.tolist())]
    return of


def _pin_rates(system: System, rates: Rates | None) -> dict[str, str]:
    """Under a reference policy, fix each rate variable to its reference rate (the printed
    rate's own rounding interval). Returns, per rate key left free, why."""
    free: dict[str, str] = {}
    for v in np.flatnonzero(system.is_rate()):
        key = system.key(v)
        _, cur, scope = key.split("|")
        if scope == "*":
            continue
        ref, why = _reference(rates, cur, system.canonical, scope)
        if ref is None:
            free[key] = why
            continue
        system.lo0[v], system.hi0[v] = max(system.lo0[v], ref[0]), min(system.hi0[v], ref[1])
    return free


def _reference(rates: Rates | None, cur: str, canon: str, period: str
               ) -> tuple[tuple[float, float, Rate] | None, str]:
    """The reference rate, as `cur` per `canon`, for a period (or why there is none)."""
    if rates is None:
        return None, "no reference rates given"
    direct, why = rates.lookup(cur, canon, period)
    if direct is not None:
        lo, hi, _ = printed_bounds(np.array([direct.printed], dtype=object))
        return (float(lo[0]), float(hi[0]), direct), ""
    inverse, why_inv = rates.lookup(canon, cur, period)
    if inverse is not None:
        lo, hi, _ = printed_bounds(np.array([inverse.printed], dtype=object))
        q_lo, q_hi = div(np.array([1.0]), np.array([1.0]), hi, lo)
        return (float(q_lo[0]), float(q_hi[0]), inverse), ""
    return None, why if "conflicting" in why else (why_inv if "conflicting" in why_inv else why)


def audit(table: Table, rules: Rules, rates: Rates | None = None, policy: str | None = None,
          date: str = "", runner: Runner = LOCAL) -> Audit:
    """Check every relation between the figures of one document.

    `rates` are reference exchange rates; `policy` (document, annual, date) overrides the rules'
    conversion policy, `date` names the reference date for the `date` policy. `runner` runs
    the per-component work (in process by default; tradeaudit.integrations.spark distributes it).
    """
    policy = policy or rules.conversion or "document"
    system = build_system(table, rules, policy, date)
    trim()  # (a big release's build frees more than the system it leaves)
    free_rates = _pin_rates(system, rates) if policy != "document" else {}
    system = system.cut_hubs()
    trim()
    frame = table.frame.reset_index(drop=True)
    n = len(frame)
    ids = frame["id"].array  # as text: ids[i] makes one Python string, not a million
    enabled = frame["stat"].isin(rules.stats | {"level"} | ({"rank"} if rules.rank else set())
                                 ).to_numpy()
    has_var = system.fig_var >= 0
    vague = frame["vague"].to_numpy()
    hard = has_var & enabled & ~vague
    cut = system
    comp_of_fig = np.where(has_var, cut.component[np.maximum(cut.fig_var, 0)], -1)
    degree = _degree(cut, frame)
    f_lo, f_hi = frame["lo"].to_numpy(), frame["hi"].to_numpy()

    # Blame: per contradictory block, the smallest sets of figures whose removal restores it.
    # Hubs are settled from the blocks that hold; once a block is repaired it votes too, which
    # can show another block wrong, so blame repeats (a few rounds) until everything holds.
    blamed: set[int] = set()
    ranked: dict[int, list[int]] = {}
    scores: dict[int, float] = {}
    joint: list[int] = []
    active = hard.copy()
    for _ in range(BLAME_ROUNDS):
        system = _settle_hubs(cut, frame, active, runner)
        _, _, dead = _run_propagate(runner, system, *_domains(system, frame, active, True))
        if not dead.any():
            break
        dead_comps = np.flatnonzero(dead)
        rows = np.flatnonzero(active & np.isin(comp_of_fig, dead_comps))
        rows = rows[np.argsort(comp_of_fig[rows], kind="stable")]
        cuts = np.flatnonzero(np.diff(comp_of_fig[rows])) + 1
        rows_of = {int(comp_of_fig[r[0]]): r for r in np.split(rows, cuts) if len(r)}
        found = _run_blame(runner, system, frame, dead_comps, rows_of, degree)
        score = _scorer(frame, degree, system.canonical, rows)
        for comp in dead_comps:
            members = rows_of.get(int(comp), np.zeros(0, dtype=np.int64))
            sets, columns = found.get(int(comp), ([], []))
            if not sets:
                joint.append(int(comp))
                active[members] = False
                continue
            # What each figure of each diagnosis should be once that diagnosis is applied.
            position = {int(i): k for k, i in enumerate(members)}
            raw: dict[int, float] = {}
            weight = []
            for s, col in zip(sets, columns):
                parts = {i: score(i, col.lo[position[i]], col.hi[position[i]]) for i in s}
                weight.append(sum(parts.values()) / len(s))
                for i, w in parts.items():
                    if w > raw.get(i, -1.0):
                        raw[i] = w
            best = sets[int(np.argmax(weight))]
            blamed |= set(best)
            active[list(best)] = False
            for i in best:
                raw[i] *= 2.0  # the chosen correction outranks the alternatives
            total = sum(raw.values())
            ranked[int(comp)] = sorted(raw, key=lambda i: (-raw[i], i))
            scores |= {i: round(raw[i] / total, 4) for i in raw}
    else:
        system = _settle_hubs(cut, frame, active, runner)
        _, _, dead = _run_propagate(runner, system, *_domains(system, frame, active, True))
        for comp in np.flatnonzero(dead):  # still contradictory after every round
            joint.append(int(comp))
            active[comp_of_fig == comp] = False
        system = _settle_hubs(cut, frame, active, runner)
    # What the repaired document allows, without the cap (it only serves to find
    # contradictions; a repaired document has none, so nothing diverges now).
    r_lo, r_hi, _ = _run_propagate(runner, system, *_domains(system, frame, active))

    # Every remaining figure against the others of the repaired document: figures far apart
    # leave together (sound, a handful of scenarios instead of one per figure).
    watch = np.array(sorted(blamed), dtype=np.int64)
    e_lo, e_hi, near = _run_loo(runner, system, frame, active, _colors(system, active),
                                watch if blamed else None, (r_lo, r_hi))
    support: dict[int, set[int]] = {int(w): set() for w in watch}
    if any(near.values()):
        # Which figures determine what each blamed figure should be: a figure can only if its
        # colour, leaving, widened the blamed figure (fewer figures leaving allow no more), so
        # only those leave again, one at a time, with the rest of their blocks staying.
        cand = np.zeros(n, dtype=bool)
        cand[sorted(set().union(*near.values()))] = True
        comps = np.unique(comp_of_fig[cand])
        sub = system.subsystem(comps)
        own = active & np.isin(comp_of_fig, comps)
        run = np.where(cand, _one_by_one(sub, cand), STAY)
        keep = np.isin(system.component, comps)  # (sub's variables, in order)
        s_lo, s_hi, support = _run_loo(runner, sub, frame, own, run, watch,
                                       (r_lo[keep], r_hi[keep]))
        e_lo[cand], e_hi[cand] = s_lo[cand], s_hi[cand]
    # The propagation tables are done with: what follows reads intervals, not constraints.
    cut.flat_ = system.flat_ = None
    fv = np.maximum(system.fig_var, 0)
    exp_lo = np.where(has_var, r_lo[fv], -np.inf)
    exp_hi = np.where(has_var, r_hi[fv], np.inf)
    # A figure's own check uses the leave-one-out interval; blamed ones use the repaired one.
    blamed_mask = np.zeros(n, dtype=bool)
    blamed_mask[list(blamed)] = True
    chk_lo = np.where(active, e_lo, exp_lo)
    chk_hi = np.where(active, e_hi, exp_hi)

    result = Audit(table, rules)
    status = np.full(n, "unchecked", dtype=object)
    reason = np.full(n, "", dtype=object)
    bounded = np.isfinite(chk_lo) & np.isfinite(chk_hi)
    f_lo, f_hi = frame["lo"].to_numpy(), frame["hi"].to_numpy()
    dec = frame["decimals"].to_numpy()
    overlaps = (np.maximum(chk_lo, f_lo) <= np.minimum(chk_hi, f_hi))

    sug_of: dict[int, Suggestion] = {}
    alt = _Alternatives(system, frame, rules)
    made = alt.rows  # rows as dicts: the blamed ones, at once
    made.fetch(sorted(blamed))
    alt.prepare(sorted(blamed))
    for i in sorted(blamed):
        row = made[i]
        unit, factor = _unit_of(row)
        sug_of[i] = suggest(parse_printed(row["printed"]), unit, factor, (exp_lo[i], exp_hi[i]),
                            alt.of(i, r_lo, r_hi))

    factor_ = frame["factor"].to_numpy()
    # (A text column's to_numpy makes a Python string per row; a few units, shared, suffice.)
    unit_code, units = pd.factorize(frame["unit"])
    unit_ = units.to_numpy(dtype=object)[unit_code]
    in_joint = np.isin(comp_of_fig, joint)
    open_ = enabled & (frame["stat"] != "rank").to_numpy()
    status[open_ & (blamed_mask | in_joint)] = "inconsistent"
    reason[open_ & blamed_mask] = "contradicts the other figures; most likely the one to correct"
    reason[open_ & in_joint & ~blamed_mask] = ("part of a contradiction no small set of "
                                               "corrections explains")
    decided = open_ & ~blamed_mask & ~in_joint
    ok = decided & bounded & overlaps
    off = decided & ~ok & vague & bounded
    status[ok] = "consistent"
    status[off] = "inconsistent"
    allowed = _ranges(chk_lo / factor_, chk_hi / factor_, dec)
    reason[ok] = [f"other figures allow {r} {u}" for r, u in zip(allowed(ok), unit_[ok])]
    reason[off] = [f"'{q}' does not fit: other figures allow {r}"
                   for r, q in zip(allowed(off), frame["qualifier"][off].tolist())]
    loose = decided & ~ok & ~off
    reason[loose] = _undetermined(system, frame, np.flatnonzero(loose), r_lo, r_hi, free_rates)
    reason[~enabled] = "no rule in " + rules.name + " checks " + frame["stat"][~enabled]

    # Discrepancies: one per blamed figure, per contradicted vague figure, per joint component,
    # per rank claim that fails, and a warning per unit misuse.
    discrepancies: list[tuple] = []
    index = _Index(system, frame) if blamed else None
    level = (frame["stat"] == "level").to_numpy()
    pinned = np.unique(system.fig_cell[active & level])
    broken = _broken_relations(system, made, sorted(blamed), r_lo, r_hi, index, pinned)
    named_rels = [rel_id for _, rel_id in broken.values() if rel_id >= 0]
    label_of = dict(zip(named_rels, system.labels.many(named_rels)))
    for i, (code, rel_id) in broken.items():
        row = made[i]
        rel = label_of[rel_id] if rel_id >= 0 else JOINT
        comp = comp_of_fig[i]
        figs = _involved(ids, i, rel_id, support.get(i, set()), index)
        stated = {"figure": ids[i], "printed": row["value"],
                  **_in_unit(f_lo[i], f_hi[i], row["factor"])}
        expected = _in_unit(exp_lo[i], exp_hi[i], row["factor"])
        sug = sug_of[i]
        msg = (f"{_describe(row)} is printed as {row['value']} {row['unit']}, but the other "
               f"figures allow {_range(expected['low'], expected['high'], dec[i])} "
               f"{row['unit']}")
        if code == "conversion-mismatch":
            msg += _rate_note(system, row, rel_id, r_lo, r_hi, index)
        if sug.cause == "rounding":
            msg += f"; off by rounding: {sug.printed} {sug.unit} fits"
        elif sug.cause != "unexplained":
            msg += f"; {sug.cause.replace('-', ' ')}: {sug.printed} {sug.unit} fits"
        elif sug.printed:
            msg += f"; about {sug.printed} {sug.unit} would fit"
        alternatives = [ids[j] for j in ranked.get(int(comp), [i]) if ids[j] in figs]
        discrepancies.append((0, i, Discrepancy(
            code, "error", rel, figs, stated, expected, msg, tuple(alternatives or [ids[i]]))))
    named: set[tuple] = set()
    for comp in dict.fromkeys(joint):  # (a block can stay contradictory round after round)
        members = np.flatnonzero(hard & (comp_of_fig == comp))
        if not len(members):
            # A block of hub copies alone (a relation between totals other blocks settle):
            # the figures printing those totals are the ones that cannot all hold.
            hubs = system.copy_hub[system.component[system.copies] == comp]
            members = np.flatnonzero(hard & level & (system.fig_cell >= 0) & np.isin(
                _base_cells(system, np.maximum(system.fig_cell, 0)), hubs))
            if not len(members):
                continue  # nothing printed takes part: no figure to name
        if tuple(members) in named:
            continue
        named.add(tuple(members))
        i = int(members[0])
        row = made[i]
        discrepancies.append((0, i, Discrepancy(
            "joint-inconsistency", "error", "the figures of one connected group",
            tuple(ids[members]), {"figure": ids[i], "printed": row["value"],
                                  **_in_unit(f_lo[i], f_hi[i], row["factor"])},
            {"low": None, "high": None},
            f"{len(members)} figures cannot all hold, and no small set of corrections "
            "reconciles them", tuple(ids[members]))))
    for i in np.flatnonzero(vague & (status == "inconsistent")):
        row = made[i]
        expected = _in_unit(chk_lo[i], chk_hi[i], row["factor"])
        discrepancies.append((1, int(i), Discrepancy(
            "wording-mismatch", "warning", f"'{row['qualifier']} {row['value']}' "
            f"({_describe(row)})", (ids[i],), {"figure": ids[i], "printed": row["value"],
                                               **_in_unit(f_lo[i], f_hi[i], row["factor"])},
            expected, f"'{row['qualifier']} {row['value']}' does not describe "
            f"{_range(expected['low'], expected['high'], dec[i])} {row['unit']}, "
            "which the other figures allow", (ids[i],))))
    rank_checks = _ranks(system, frame, r_lo, r_hi, enabled & (frame["stat"] == "rank")
                         .to_numpy(), rules.rank)
    for i, (st, why, bad) in rank_checks.items():
        status[i], reason[i] = st, why
        if bad:
            row = made[i]
            discrepancies.append((0, i, Discrepancy(
                "rank-mismatch", "error", f"rank of {row['flow']} among siblings of "
                f"{row['segment']} ({row['period']})", (ids[i],) + bad,
                {"figure": ids[i], "printed": row["value"], "low": float(row["value"]),
                 "high": float(row["value"])}, {"low": None, "high": None}, why, (ids[i],))))
    result.policy = policy
    result.conversions, rate_warnings = _conversions(system, frame, rates, policy, r_lo, r_hi)
    for i, d in rate_warnings:
        discrepancies.append((1, i, d))
    misuse = frame["unit_misuse"].to_numpy()
    for i in np.flatnonzero(misuse):
        row = made[i]
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
    made.fetch([i for _, i in order])  # all at once: a row at a time costs a frame.take each
    result.suspects = [
        Suspect(ids[i], score, _in_unit(exp_lo[i], exp_hi[i], made[i]["factor"]),
                sug_of.get(i) or suggest(parse_printed(made[i]["printed"]),
                                         *_unit_of(made[i]), (e_lo[i], e_hi[i])))
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
    forget()
    return result


SCORED = ("lo", "hi", "printed", "unit", "factor", "stat", "currency")  # what it reads


def _plausibility(row: dict, lo: float, hi: float, degree: float, canonical: str = "") -> float:
    """How likely a figure (its row) is the wrong one: far outside what the others allow,
    explained by a known slip, and vouched for by few relations."""
    half = max((row["hi"] - row["lo"]) / 2, 1e-300)
    gap = max(lo - row["hi"], row["lo"] - hi, 0.0) if np.isfinite(lo) or np.isfinite(hi) else 0
    unit, factor = _unit_of(row)
    cause = suggest(parse_printed(row["printed"]), unit, factor, (lo, hi)).cause
    explained = cause not in ("unexplained", "rounding")
    # A conversion printed beside the original amount is the likelier copy to be wrong.
    converted = 1.5 if row["stat"] == "level" and row["currency"] and \
        row["currency"] != canonical else 1.0
    # A slip that reproduces the printed value exactly is strong evidence; how far outside
    # the figure is (in its own rounding slack) and how few relations vouch for it add.
    return converted * (1.0 + 2.0 * explained) * (1.0 + np.log10(1.0 + gap / half)) / (
        1.0 + 0.1 * degree)


def _rate_note(system: System, row, rel: int, lo: np.ndarray, hi: np.ndarray,
               index: _Index) -> str:
    """For a conversion that fails: the rate the document implies and the one printed."""
    c = index.constraints(rel).get("product")
    if c is None:
        return ""
    x, y = c["x"][0], c["y"][0]
    rate, base = (x, y) if system.key(x).startswith("r|") else (y, x)
    pair = f"{row['currency']} per {system.canonical}"
    note = ""
    known = np.isfinite(lo[rate]) and np.isfinite(hi[rate]) and lo[rate] > 0
    scope = system.key(rate).split("@")[0].split("|")[2]
    if known:
        source = "the other conversions imply" if scope == "*" else \
            f"the reference rate for {scope} is"
        note = f" ({source} {_range(lo[rate], hi[rate], 0)} {pair}"
    if lo[base] > 0 and np.isfinite(hi[base]):
        implied = (row["lo"] / hi[base], row["hi"] / lo[base])
        note += ("; " if note else " (") + f"as printed it implies {_range(*implied, 2)} {pair}"
        if known:
            # A scale word off by a power of a thousand, and a rate off besides.
            mid = (implied[0] + implied[1]) / 2
            for k in (1e3, 1e6, 1e-3, 1e-6):
                if 0.5 < mid * k / lo[rate] < 2:
                    note += f", {_num(mid * k, 0)} with the scale word {k:g}x larger"
    return note + ")" if note else ""


def _find(system: System, keys: np.ndarray) -> np.ndarray:
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


def _conversions(system: System, frame: pd.DataFrame, rates: Rates | None, policy: str,
                 lo: np.ndarray, hi: np.ndarray) -> tuple[list[dict], list[tuple]]:
    """Every conversion: the rate it implies, the rate used, the reference rate compared; and
    a warning when one rate converts amounts of years whose reference rates differ."""
    canon = system.canonical
    foreign = ((frame["stat"] == "level") & (frame["currency"] != "") &
               (frame["currency"] != canon)).to_numpy()
    out, by_rate = [], {}
    rows = np.flatnonzero(foreign)
    sub = frame.iloc[rows]
    scopes = {"annual": sub["period"].str.slice(0, 4), "date": ""}.get(policy, "*")
    rate_keys = ("r|" + sub["currency"] + "|" + scopes).to_numpy(dtype=object)
    found = _find(system, np.r_[("c|" + canon + "|" + sub["period"] + "|" + sub["segment"] +
                                 "|" + sub["flow"]).to_numpy(dtype=object), rate_keys])
    bases, rate_of = found[:len(rows)], dict(zip(rate_keys.tolist(), found[len(rows):].tolist()))
    # The rate each conversion implies, all at once: the printed amount over its base.
    b = np.maximum(bases, 0)
    has = (bases >= 0) & (lo[b] > 0) & np.isfinite(hi[b])
    q_lo, q_hi = div(sub["lo"].to_numpy(), sub["hi"].to_numpy(), hi[b], lo[b])
    q_lo, q_hi, has = q_lo.tolist(), q_hi.tolist(), has.tolist()  # Python floats, quickly
    used_of: dict[str, dict | None] = {}
    ref_of: dict[tuple[str, str], tuple] = {}
    date_key: dict[str, str] = {}
    for k, (i, cur, period, fid) in enumerate(zip(
            rows.tolist(), sub["currency"].tolist(), sub["period"].tolist(), sub["id"].tolist())):
        year = period[:4]
        scope = {"annual": year, "date": ""}.get(policy, "*")
        if policy == "date" and cur not in date_key:
            mine = pc.and_(pc.starts_with(system.keys, f"r|{cur}|"),
                           pc.invert(pc.match_substring(system.keys, "@")))
            date_key[cur] = next(iter(system.keys.filter(mine).to_pylist()), "")
        key = f"r|{cur}|{scope}" if policy != "date" else date_key[cur]
        if key not in used_of:
            r = (rate_of[key] if key in rate_of else int(_find(system, np.array([key]))[0])
                 ) if key else -1
            # The rate as the repaired document has it: the hub and all its block copies.
            mine = np.r_[r, system.copies[system.copy_hub == r]] if r >= 0 else None
            used_of[key] = None if mine is None else {"low": float(lo[mine].max()),
                                                      "high": float(hi[mine].min())}
        used = used_of[key]
        implied = {"low": q_lo[k], "high": q_hi[k]} if has[k] else None
        if (cur, year) not in ref_of:
            ref_of[(cur, year)] = _reference(rates, cur, canon, year)
        ref, why = ref_of[(cur, year)]
        reference = None
        if ref is not None:
            reference = {"rate": ref[2].printed, "low": ref[0], "high": ref[1],
                         "period": year, "measure": ref[2].measure, "source": ref[2].source,
                         "status": ref[2].status}
        out.append({"figure": fid, "pair": f"{cur}/{canon}", "period": year,
                    "policy": policy, "implied": implied, "rate": used,
                    "reference": reference, "note": why})
        if policy == "document" and used and np.isfinite(used["low"]):
            by_rate.setdefault(cur, []).append((i, year, used, reference, why))
    warnings = []
    for cur, items in by_rate.items():
        years = sorted({y for _, y, _, _, _ in items})
        refs = {y: (ref, why) for _, y, _, ref, why in items}
        used = items[0][2]
        off = [y for y in years if refs[y][0] and not (refs[y][0]["low"] <= used["high"] and
                                                        refs[y][0]["high"] >= used["low"])]
        if len(years) < 2 and not off:
            continue
        pair = f"{cur} per {canon}"
        beside = "; ".join(
            f"{y}: {refs[y][0]['rate']} ({refs[y][0]['measure'] or 'reference'}, "
            f"{refs[y][0]['source']})" if refs[y][0] else f"{y}: {refs[y][1]}" for y in years)
        what = (f"amounts of {', '.join(years[:-1])} and {years[-1]} are converted at one rate" if len(years) > 1
                else f"amounts of {years[0]} are converted at a rate")
        i = items[0][0]
        ids = tuple(frame["id"].to_numpy(dtype=object)[[j for j, *_ in items]])
        warnings.append((i, Discrepancy(
            "reference-rate-mismatch", "warning", f"{cur}/{canon} conversions",
            ids, {"figure": frame["id"].iat[i], "printed": frame["value"].iat[i],
                  "low": used["low"], "high": used["high"]},
            {"low": min((refs[y][0]["low"] for y in years if refs[y][0]), default=None),
             "high": max((refs[y][0]["high"] for y in years if refs[y][0]), default=None)},
            f"{what} of about {_range(used['low'], used['high'], 0)} {pair}; the reference "
            f"rates are {beside}", ids)))
    return out, warnings


def _base_cells(system: System, cells: np.ndarray) -> np.ndarray:
    """Cell variables with a hub's copies taken back to the hub: one cell, whichever block's
    copy of it a figure speaks about."""
    cells = np.asarray(cells, dtype=np.int64).copy()
    copies = system.copies
    if len(copies) and len(cells):
        at = np.minimum(np.searchsorted(copies, cells), len(copies) - 1)
        is_copy = copies[at] == cells
        cells[is_copy] = system.copy_hub[at[is_copy]]
    return cells


class _Printed:
    """The level figures printed for each cell (a hub's copies count as their cell), in row
    order: sorted arrays, looked up by binary search."""

    def __init__(self, system: System, frame: pd.DataFrame) -> None:
        rows = np.flatnonzero((frame["stat"] == "level").to_numpy() & (system.fig_cell >= 0))
        base = _base_cells(system, system.fig_cell[rows])
        order = np.argsort(base, kind="stable")
        self.system, self.rows, self.base = system, rows[order], base[order]

    def of_any(self, cells: np.ndarray) -> np.ndarray:
        """The rows printed for these cell variables (or copies of them)."""
        return self.rows[_runs(self.base, _base_cells(self.system, cells))[1]]


class _Rows:
    """Figure rows as dicts, each made once (frame.iloc costs tens of microseconds a row);
    `fetch` makes many at once."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.made: dict[int, dict] = {}

    def fetch(self, rows) -> None:
        new = [int(i) for i in rows if int(i) not in self.made]
        if new:
            sub = self.frame.take(new)
            names = list(sub.columns)
            cols = [sub[c].tolist() for c in names]  # per column: far faster than to_dict
            self.made.update(zip(new, (dict(zip(names, values)) for values in zip(*cols))))

    def __getitem__(self, i) -> dict:
        i = int(i)
        if i not in self.made:
            self.fetch([i])
        return self.made[i]


class _Alternatives:
    """What a figure would read had a structural slip happened: the values of the quantities it
    is easily confused with, from the propagated intervals (base units)."""

    def __init__(self, system: System, frame: pd.DataFrame, rules: Rules) -> None:
        self.system, self.rows = system, _Rows(frame)
        self.printed: _Printed | None = None
        self.partner: dict[str, str] = {}
        for ident in rules.identities:
            if ident.op in ("difference", "ratio"):
                self.partner.setdefault(ident.left, ident.right)
                self.partner.setdefault(ident.right, ident.left)
        self.ratio_flows = rules.ratio_flows
        self.known: dict[str, int] = {}  # key -> variable, found by prepare
        self.asked: list[str] | None = None  # while prepare notes the keys `of` looks up

    def _var(self, cur: str, period: str, segment: str, flow: str, kind: str = "c") -> int:
        key = f"{kind}|{cur}|{period}|{segment}|{flow}"
        if self.asked is not None:
            self.asked.append(key)
            return -1
        if key not in self.known:  # (hashing every key of a big release takes seconds)
            self.known[key] = int(_find(self.system, np.array([key], dtype=object))[0])
        return self.known[key]

    def _twin(self, row: dict) -> int:
        """The variable of the flow a level figure is easily swapped with; -1: none."""
        if row["stat"] != "level" or row["flow"] not in self.partner:
            return -1
        cur = "" if row["flow"] in self.ratio_flows else (row["currency"] or
                                                          self.system.canonical)
        return self._var(cur, row["period"], row["segment"], self.partner[row["flow"]])

    def prepare(self, rows) -> None:
        """Before `of` is asked about these figures: find the variables it will look up, and
        fetch the rows printed for their twins, all at once (one key or row at a time would
        be a search of every key or a frame.take each). A first pass of `of`, with every
        lookup failing, notes the keys."""
        self.asked = []
        nothing = np.zeros(0)
        for i in rows:
            self.of(i, nothing, nothing)
        keys, self.asked = list(dict.fromkeys(self.asked)), None
        if keys:
            self.known.update(zip(keys, _find(self.system, np.array(keys, dtype=object))
                                  .tolist()))
        if self.printed is None:
            self.printed = _Printed(self.system, self.rows.frame)
        twins = [v for v in map(self._twin, map(self.rows.__getitem__, rows)) if v >= 0]
        if twins:
            self.rows.fetch(self.printed.of_any(twins))

    def of(self, i: int, lo: np.ndarray, hi: np.ndarray) -> dict[str, list[tuple[float, float]]]:
        row = self.rows[i]
        out: dict[str, list[tuple[float, float]]] = {}
        cur = "" if row["flow"] in self.ratio_flows else (row["currency"] or
                                                          self.system.canonical)
        seg, flow, period = row["segment"], row["flow"], row["period"]

        def interval(v: int) -> tuple[float, float] | None:
            if v < 0 or not (np.isfinite(lo[v]) and np.isfinite(hi[v])):
                return None
            return float(lo[v]), float(hi[v])

        v = self._twin(row)
        if v >= 0:
            got = interval(v)
            if got:
                # Swapped, this figure should read what the other flow's figure reads now.
                if self.printed is None:
                    self.printed = _Printed(self.system, self.rows.frame)
                printed = self.printed.of_any([v])
                self.rows.fetch(printed)  # (prepare has, for the blamed)
                twin = [t for t in map(self.rows.__getitem__, printed)
                        if t["flow"] == self.partner[flow] and t["period"] == period and
                        t["segment"] == seg and t["currency"] == row["currency"]]
                out["swapped-flows"] = [(*got, twin[0]["value"], twin[0]["unit"])
                                        if twin else got]
        if row["stat"] == "growth_pct":
            cur = "" if flow in self.ratio_flows else self.system.canonical
            year = int(period[:4])
            rest = period[4:]
            x = [interval(self._var(cur, f"{year - k}{rest}", seg, flow)) for k in range(3)]
            bases = []
            if x[0] and x[2]:
                bases.append((x[0], x[2]))  # two years back
            if x[1] and x[2]:
                bases.append((x[1], x[2]))  # last year's growth
            for (a_lo, a_hi), (b_lo, b_hi) in bases:
                if b_lo > 0:
                    out.setdefault("wrong-base", []).append(
                        (100 * (a_lo / b_hi - 1), 100 * (a_hi / b_lo - 1)))
            if flow in self.ratio_flows:
                d = interval(self._var("", period, seg, flow, kind="d"))
                if d:
                    out["percent-vs-points"] = [(100 * d[0], 100 * d[1])]
        if row["stat"] == "change" and flow in self.ratio_flows:
            x0 = interval(self._var("", f"{int(period[:4]) - 1}{period[4:]}", seg, flow))
            x1 = interval(self._var("", period, seg, flow))
            if x0 and x1 and x0[0] > 0:
                # A growth rate in percent printed where the change in points belongs.
                out["percent-vs-points"] = [((x1[0] / x0[1] - 1) * 100 * float(row["factor"]),
                                             (x1[1] / x0[0] - 1) * 100 * float(row["factor"]))]
        if row["stat"] == "level" and row["currency"] and \
                row["currency"] != self.system.canonical:
            out["other-rate"] = [(-np.inf, np.inf)]
        return out


def _degree(system: System, frame: pd.DataFrame) -> np.ndarray:
    """How many relations touch each figure's cells: the ones that could vouch for it."""
    per_var = np.bincount(system.var_relations()["var"].to_numpy(), minlength=system.n)
    cell = system.fig_cell
    return np.where(cell >= 0, per_var[np.maximum(cell, 0)], 0).astype(float)


def _undetermined(system: System, frame: pd.DataFrame, rows: np.ndarray, lo: np.ndarray,
                  hi: np.ndarray, rate_notes: dict[str, str]) -> list[str]:
    """Why each of these figures is unchecked: what its relations need that nothing pins down
    (for a level, the relations of its cell: identities, conversions, statistics)."""
    if not len(rows):
        return []
    vr = system.var_relations()
    v_var, v_rel = vr["var"].to_numpy(), vr["rel"].to_numpy()

    def pairs(mask: np.ndarray) -> pd.DataFrame:  # the few (var, rel) pairs asked about
        return pd.DataFrame({"var": v_var[mask], "rel": v_rel[mask]})

    rel_fig = system.relations["figure"].to_numpy()
    mine = np.flatnonzero(np.isin(rel_fig, rows))
    mine = pd.DataFrame({"rel": mine, "figure": rel_fig[mine]})
    own = pairs(np.isin(v_rel, mine["rel"].to_numpy())).merge(mine, on="rel")
    level = rows[(frame["stat"].to_numpy()[rows] == "level") & (system.fig_cell[rows] >= 0)]
    cells = pd.DataFrame({"figure": level, "var": system.fig_cell[level]})
    near = cells.merge(pairs(np.isin(v_var, cells["var"].to_numpy())), on="var")
    around = near[["figure", "rel"]].merge(pairs(np.isin(v_rel, near["rel"].to_numpy())),
                                           on="rel")
    both = pd.concat([own[["figure", "var"]], around[["figure", "var"]]]).drop_duplicates()
    is_level = frame["stat"].to_numpy()[both["figure"].to_numpy()] == "level"
    both = both[~is_level | (both["var"].to_numpy() != system.fig_cell[both["figure"]])]
    var = both["var"].to_numpy()
    key = pc.replace_substring_regex(system.keys.take(pa.array(var)), "@.*$", "")  # a copy's hub
    # Cells no level figure prints (what the figure leans on), and rates nothing fixes.
    printed = np.zeros(system.n, dtype=bool)
    printed[system.fig_cell[(frame["stat"] == "level").to_numpy() & (system.fig_cell >= 0)]] = 1
    free = (pc.starts_with(key, "c|").to_numpy(zero_copy_only=False) & ~printed[var]) | \
        pc.is_in(key, pa.array(list(rate_notes), pa.large_string())).to_numpy(
            zero_copy_only=False)
    words = pd.Series(key.filter(pa.array(free)).to_pylist(), index=both.index[free]).map(
        lambda k: _cell_words(k, rate_notes))
    listed = words.groupby(both.loc[free, "figure"]).agg(
        lambda w: "; ".join(sorted(set(w), key=lambda s: (not s.startswith("the "), s))[:4]))
    return [f"no other figure determines it: {listed[i]} not printed"
            if i in listed.index else "no other figure determines it: its relation has no "
            "other printed operand" for i in rows]


def _cell_words(key: str, rate_notes: dict[str, str] | None = None) -> str:
    if key.startswith("r|"):
        _, cur, scope = key.split("|")
        why = (rate_notes or {}).get(key, "")
        return f"the {cur} rate{'' if scope == '*' else ' for ' + scope}" + (
            f" ({why})" if why else "")
    _, cur, period, segment, flow = key.split("|")
    return f"{flow}{' (' + cur + ')' if cur else ''}, {segment}, {period}"


class _Index:
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
        self.printed = _Printed(system, frame)

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
        rels, vars_ = self.by_rel
        return vars_[self._take(rels, rel)]


JOINT = "the figures jointly (no single relation shows it)"


def _runs(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every position of each key's run in `sorted_keys`, as (which key, position) pairs:
    keys in order, each run in order."""
    keys = np.asarray(keys).astype(sorted_keys.dtype)
    start = np.searchsorted(sorted_keys, keys, "left")
    count = np.searchsorted(sorted_keys, keys, "right") - start
    which = np.repeat(np.arange(len(keys)), count)
    return which, np.arange(len(which)) + np.repeat(start - (np.cumsum(count) - count), count)


def _broken_relations(system, made: _Rows, blamed: list[int], lo, hi, index: _Index,
                      pinned: np.ndarray) -> dict[int, tuple[str, int]]:
    """For each blamed figure i, the relation that, with the other figures as they are,
    cannot hold with i: its code and id (-1 when none does alone; see JOINT).

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
    out = dict.fromkeys(blamed, ("joint-inconsistency", -1))
    if not len(b):
        return out
    rows = [made[i] for i in blamed]
    level = np.array([r["stat"] == "level" for r in rows])
    n_rel = max(len(system.relations), 1)
    # The tests: (figure, relation) pairs, sorted (figures in order, each one's relations).
    rel_sorted, fig_sorted = index.rel_of_fig
    k, at = _runs(fig_sorted, b)
    own = k * n_rel + rel_sorted[at]
    var_sorted, rel_by_var = index.by_var
    lv = np.flatnonzero(level)
    k, at = _runs(var_sorted, system.fig_cell[b[lv]])
    of_cell = np.setdiff1d(lv[k] * n_rel + rel_by_var[at], own)
    test_fig, test_rel = np.divmod(np.sort(np.r_[own[~level[own // n_rel]], of_cell]), n_rel)
    target = np.where(level[test_fig], system.fig_cell[b[test_fig]],
                      system.fig_var[b[test_fig]]).astype(np.int64)
    # Each test's constraint rows (a relation's in their own order) and variables.
    found = {}
    for kind, (order, rels) in index.rows.items():
        k, at = _runs(rels, test_rel)
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
        return out
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
    # Let the relation's own auxiliaries and the target float, then see what it allows.
    keys = system.keys.take(pa.array(var))
    known = pc.or_(pc.or_(pc.starts_with(keys, "c|"), pc.starts_with(keys, "r|")),
                   pc.starts_with(keys, "d|")).to_numpy(zero_copy_only=False)
    rate = pc.starts_with(keys, "r|").to_numpy(zero_copy_only=False)
    l0, h0 = lo[var].copy(), hi[var].copy()
    free = ~known
    free[t_at] = True
    l0[free], h0[free] = -np.inf, np.inf
    kept = np.flatnonzero(keep)
    test_of = np.searchsorted(kept, test_of)  # (tests kept, renumbered: one component each)
    tiny = System(keys, l0, h0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                  constraints, system.relations, test_of, system.canonical)
    fl, fh, _ = propagate(tiny, l0, h0)
    fig = test_fig[kept]
    f_lo = np.array([r["lo"] for r in rows])[fig]
    f_hi = np.array([r["hi"] for r in rows])[fig]
    broken = np.maximum(fl[t_at], f_lo) > np.minimum(fh[t_at], f_hi)
    operand = known & ~free
    unprinted = np.bincount(test_of, weights=operand & ~np.isin(var, pinned) & ~rate,
                            minlength=len(kept)).astype(np.int64)
    # A figure in another currency is first of all a conversion.
    foreign = np.array([bool(r["currency"]) and r["currency"] != system.canonical
                        for r in rows])[fig]
    family = system.relations["family"].to_numpy()[test_rel[kept]].astype(object)
    own_kind = np.where((family == "conversion") == foreign, 0, 1)
    rank = np.array([FAMILY_ORDER.index(f) for f in family.tolist()], dtype=np.int64)
    rel = test_rel[kept]
    sel = np.flatnonzero(broken)
    order = sel[np.lexsort((rel[sel], rank[sel], own_kind[sel], unprinted[sel], fig[sel]))]
    first = order[np.r_[True, fig[order][1:] != fig[order][:-1]]] if len(order) else order
    for j in first.tolist():
        out[blamed[fig[j]]] = (FAMILY_CODE[family[j]], int(rel[j]))
    return out


def _involved(ids: np.ndarray, i: int, rel: int, support: set[int], index: _Index
              ) -> tuple[str, ...]:
    """Figure i, the figures printed for the cells of the broken relation, and those whose
    removal would change what figure i should be."""
    found = {i} | support
    if rel >= 0:
        found.update(index.printed.of_any(index.variables(rel)).tolist())
    return tuple(ids[j] for j in sorted(found))


def _ranks(system, frame, lo, hi, mask, enabled) -> dict[int, tuple[str, str, tuple]]:
    """Rank claims against the siblings whose levels are known."""
    out = {}
    if not mask.any():
        return out
    keys = text_series(system.keys)
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
        _, cur, period, segment, flow = system.key(cell).split("|")
        dims = [p.split("=")[0] for p in segment.split(";")] if segment != "total" else []
        if not dims:
            out[int(i)] = ("unchecked", "`total` has no siblings to rank among", ())
            continue
        dim = row["base"] if row["base"] in dims else dims[-1]
        rest = ";".join(p for p in segment.split(";") if not p.startswith(dim + "="))
        sib = split[(split[1] == cur) & (split[2] == period) & (split[4] == flow)]
        seg = sib[3]
        pairs = seg.str.split(";")
        tag = dim + "="
        same_rest = pairs.apply(lambda ps, tag=tag, rest=rest: ";".join(
            p for p in ps if not p.startswith(tag)) == rest and any(p.startswith(tag) for p in ps))
        sib = sib[same_rest & (seg != segment)]
        v = sib.index.to_numpy()
        k = int(parse_printed(row["printed"]).value)
        my_lo, my_hi = lo[cell], hi[cell]
        above = v[lo[v] > my_hi]
        unknown = v[~((lo[v] > my_hi) | (hi[v] < my_lo))]
        if len(above) > k - 1:
            names = tuple(frame["id"].iat[j] for j in np.flatnonzero(np.isin(system.fig_cell,
                                                                             above)))
            out[int(i)] = ("inconsistent", (f"printed rank {k}, but {len(above)} sibling(s) are "
                           f"certainly larger"), names)
        elif len(above) == k - 1 and len(unknown) == 0 and np.isfinite(my_lo):
            out[int(i)] = ("consistent", f"rank {k} among {len(v) + 1} known {dim} members",
                           ())
        else:
            out[int(i)] = ("unchecked", (f"rank {k} cannot be decided from the printed "
                           f"{dim} members"), ())
    return out
