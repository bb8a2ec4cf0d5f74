"""The audit: propagate, find contradictions, blame the fewest figures, explain, give verdicts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.audit.alternatives import Alternatives
from tradeaudit.audit.conversions import conversions, pin_rates
from tradeaudit.audit.domains import domains
from tradeaudit.audit.explain import JOINTLY, broken_relations, involved, rate_note
from tradeaudit.audit.heap import trim
from tradeaudit.audit.hubs import settle_hubs
from tradeaudit.audit.index import Index, base_cells
from tradeaudit.audit.loo import STAY, colors, one_by_one
from tradeaudit.audit.plausibility import degree as vouching
from tradeaudit.audit.plausibility import scorer
from tradeaudit.audit.ranks import check_ranks
from tradeaudit.audit.result import Audit, Discrepancy, Suspect
from tradeaudit.audit.rows import unit_of
from tradeaudit.audit.runner import LOCAL, Runner, run_blame, run_loo, run_propagate
from tradeaudit.audit.suggest import Suggestion, forget, suggest
from tradeaudit.audit.wording import describe, in_unit, span, spans
from tradeaudit.model.figures import Table
from tradeaudit.model.printed import parse_printed
from tradeaudit.model.rates import Rates
from tradeaudit.model.rules import Rules
from tradeaudit.solve.relation import System, build_system

__all__ = ["LOCAL", "Audit", "Discrepancy", "Runner", "Suspect", "audit"]
BLAME_ROUNDS = 3


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
    free_rates = pin_rates(system, rates) if policy != "document" else {}
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
    degree = vouching(cut, frame)
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
        system = settle_hubs(cut, frame, active, runner)
        _, _, dead = run_propagate(runner, system, *domains(system, frame, active, True))
        if not dead.any():
            break
        dead_comps = np.flatnonzero(dead)
        rows = np.flatnonzero(active & np.isin(comp_of_fig, dead_comps))
        rows = rows[np.argsort(comp_of_fig[rows], kind="stable")]
        cuts = np.flatnonzero(np.diff(comp_of_fig[rows])) + 1
        rows_of = {int(comp_of_fig[r[0]]): r for r in np.split(rows, cuts) if len(r)}
        found = run_blame(runner, system, frame, dead_comps, rows_of, degree)
        score = scorer(frame, degree, system.canonical, rows)
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
        system = settle_hubs(cut, frame, active, runner)
        _, _, dead = run_propagate(runner, system, *domains(system, frame, active, True))
        for comp in np.flatnonzero(dead):  # still contradictory after every round
            joint.append(int(comp))
            active[comp_of_fig == comp] = False
        system = settle_hubs(cut, frame, active, runner)
    # What the repaired document allows, without the cap (it only serves to find
    # contradictions; a repaired document has none, so nothing diverges now).
    r_lo, r_hi, _ = run_propagate(runner, system, *domains(system, frame, active))

    # Every remaining figure against the others of the repaired document: figures far apart
    # leave together (sound, a handful of scenarios instead of one per figure).
    watch = np.array(sorted(blamed), dtype=np.int64)
    e_lo, e_hi, near = run_loo(runner, system, frame, active, colors(system, active),
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
        run = np.where(cand, one_by_one(sub, cand), STAY)
        keep = np.isin(system.component, comps)  # (sub's variables, in order)
        s_lo, s_hi, support = run_loo(runner, sub, frame, own, run, watch,
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
    alt = Alternatives(system, frame, rules)
    made = alt.rows  # rows as dicts: the blamed ones, at once
    made.fetch(sorted(blamed))
    alt.prepare(sorted(blamed))
    for i in sorted(blamed):
        row = made[i]
        unit, factor = unit_of(row)
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
    allowed = spans(chk_lo / factor_, chk_hi / factor_, dec)
    reason[ok] = [f"other figures allow {r} {u}" for r, u in zip(allowed(ok), unit_[ok])]
    reason[off] = [f"'{q}' does not fit: other figures allow {r}"
                   for r, q in zip(allowed(off), frame["qualifier"][off].tolist())]
    loose = decided & ~ok & ~off
    reason[loose] = _undetermined(system, frame, np.flatnonzero(loose), free_rates)
    reason[~enabled] = "no rule in " + rules.name + " checks " + frame["stat"][~enabled]

    # Discrepancies: one per blamed figure, per contradicted vague figure, per joint component,
    # per rank claim that fails, and a warning per unit misuse.
    discrepancies: list[tuple] = []
    index = Index(system, frame) if blamed else None
    level = (frame["stat"] == "level").to_numpy()
    pinned = np.unique(system.fig_cell[active & level])
    broken = broken_relations(system, made, sorted(blamed), r_lo, r_hi, index, pinned)
    named_rels = [rel_id for _, rel_id in broken.values() if rel_id >= 0]
    label_of = dict(zip(named_rels, system.labels.many(named_rels)))
    for i, (code, rel_id) in broken.items():
        row = made[i]
        rel = label_of[rel_id] if rel_id >= 0 else JOINTLY
        comp = comp_of_fig[i]
        figs = involved(ids, i, rel_id, support.get(i, set()), index)
        stated = {"figure": ids[i], "printed": row["value"],
                  **in_unit(f_lo[i], f_hi[i], row["factor"])}
        expected = in_unit(exp_lo[i], exp_hi[i], row["factor"])
        sug = sug_of[i]
        msg = (f"{describe(row)} is printed as {row['value']} {row['unit']}, but the other "
               f"figures allow {span(expected['low'], expected['high'], dec[i])} "
               f"{row['unit']}")
        if code == "conversion-mismatch":
            msg += rate_note(system, row, rel_id, r_lo, r_hi, index)
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
                base_cells(system, np.maximum(system.fig_cell, 0)), hubs))
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
                                  **in_unit(f_lo[i], f_hi[i], row["factor"])},
            {"low": None, "high": None},
            f"{len(members)} figures cannot all hold, and no small set of corrections "
            "reconciles them", tuple(ids[members]))))
    for i in np.flatnonzero(vague & (status == "inconsistent")):
        row = made[i]
        expected = in_unit(chk_lo[i], chk_hi[i], row["factor"])
        discrepancies.append((1, int(i), Discrepancy(
            "wording-mismatch", "warning", f"'{row['qualifier']} {row['value']}' "
            f"({describe(row)})", (ids[i],), {"figure": ids[i], "printed": row["value"],
                                               **in_unit(f_lo[i], f_hi[i], row["factor"])},
            expected, f"'{row['qualifier']} {row['value']}' does not describe "
            f"{span(expected['low'], expected['high'], dec[i])} {row['unit']}, "
            "which the other figures allow", (ids[i],))))
    rank_checks = check_ranks(system, frame, r_lo, r_hi, enabled & (frame["stat"] == "rank")
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
    result.conversions, rate_warnings = conversions(system, frame, rates, policy, r_lo, r_hi)
    for i, d in rate_warnings:
        discrepancies.append((1, i, d))
    misuse = frame["unit_misuse"].to_numpy()
    for i in np.flatnonzero(misuse):
        row = made[i]
        reason[i] += "; printed in percentage points, but the change of a ratio is in ratio " \
                     "units"
        discrepancies.append((1, int(i), Discrepancy(
            "unit-misuse", "warning", f"unit of {describe(row)}", (ids[i],),
            {"figure": ids[i], "printed": row["value"], **in_unit(f_lo[i], f_hi[i], 1.0)},
            {"low": None, "high": None},
            f"{row['value']} {row['unit']}: {row['flow']} is a ratio, so its change is in ratio "
            "units, not percentage points", (ids[i],))))

    discrepancies.sort(key=lambda t: (t[0], t[1]))
    result.discrepancies = [d for _, _, d in discrepancies]
    order = sorted(((scores[i], i) for i in scores), key=lambda t: (-t[0], t[1]))
    made.fetch([i for _, i in order])  # all at once: a row at a time costs a frame.take each
    result.suspects = [
        Suspect(ids[i], score, in_unit(exp_lo[i], exp_hi[i], made[i]["factor"]),
                sug_of.get(i) or suggest(parse_printed(made[i]["printed"]),
                                         *unit_of(made[i]), (e_lo[i], e_hi[i])))
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


def _undetermined(system: System, frame: pd.DataFrame, rows: np.ndarray,
                  rate_notes: dict[str, str]) -> list[str]:
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
