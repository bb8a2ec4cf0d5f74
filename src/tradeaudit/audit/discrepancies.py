"""Findings: the discrepancy records of an audit, one per thing that does not reconcile."""

from __future__ import annotations

import numpy as np

from tradeaudit.audit.explain import JOINTLY, broken_relations, involved, rate_note
from tradeaudit.audit.index import Index, base_cells
from tradeaudit.audit.intervals import Intervals
from tradeaudit.audit.problem import Problem
from tradeaudit.audit.ranks import Verdict
from tradeaudit.audit.result import Discrepancy
from tradeaudit.audit.rounds import Blame
from tradeaudit.audit.rows import Rows
from tradeaudit.audit.suggest import Suggestion
from tradeaudit.audit.verdicts import DOUBTFUL, INCONSISTENT
from tradeaudit.audit.wording import describe, in_unit, worded, words_of
from tradeaudit.model.findings import CONVERSION, JOINT, QUALIFIED, RANK, UNIT_MISUSE, WORDING
from tradeaudit.model.words import amount


def discrepancies(problem: Problem, blame: Blame, allowed: Intervals, made: Rows,
                  fixes: dict[int, Suggestion], status: np.ndarray, ranks: dict[int, Verdict],
                  rate_warnings: list[tuple]) -> list[Discrepancy]:
    """Every discrepancy, errors first, each kind by figure row: one per blamed figure, per
    joint block, per contradicted vague figure, per rank claim that fails, and the warnings
    (reference rates, unit misuse)."""
    found = [(0, i, d) for i, d in of_blamed(problem, blame, allowed, made, fixes)]
    found += [(0, i, d) for i, d in of_joint(problem, blame, made)]
    found += [(1, i, d) for i, d in of_wording(problem, allowed, made, status)]
    found += [(0, i, d) for i, d in of_wording(problem, allowed, made, status, INCONSISTENT)]
    found += [(0, i, d) for i, d in of_ranks(problem, made, ranks)]
    found += [(1, i, d) for i, d in rate_warnings]
    found += [(1, i, d) for i, d in of_misuse(problem, made)]
    found.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in found]


def _stated(problem: Problem, row: dict, i: int, factor: float | None = None) -> dict:
    """What figure i states, in its unit (or per `factor`)."""
    return {"figure": problem.ids[i], "printed": row["value"],
            **in_unit(row["lo"], row["hi"], row["factor"] if factor is None else factor)}


def of_blamed(problem: Problem, blame: Blame, allowed: Intervals, made: Rows,
              fixes: dict[int, Suggestion]) -> list[tuple[int, Discrepancy]]:
    """Per blamed figure: the relation it breaks, the figures involved, what it should be."""
    system, frame, ids = blame.system, problem.frame, problem.ids
    index = Index(system, frame) if blame.blamed else None
    level = (frame["stat"] == "level").to_numpy()
    pinned = np.unique(system.fig_cell[blame.active & level])
    broken = broken_relations(system, made, sorted(blame.blamed), allowed.r_lo, allowed.r_hi,
                              index, pinned)
    named_rels = [rel_id for _, rel_id in broken.values() if rel_id >= 0]
    label_of = dict(zip(named_rels, system.labels.many(named_rels)))
    dec = frame["decimals"].to_numpy()
    out = []
    for i, (code, rel_id) in broken.items():
        row = made[i]
        figs = involved(ids, i, rel_id, allowed.support.get(i, set()), index)
        expected = in_unit(allowed.exp_lo[i], allowed.exp_hi[i], row["factor"])
        unit, lang = words_of(row)
        msg = (f"{describe(row)} is printed as {amount(row['value'], row['unit'], lang)}, "
               "but the other figures allow "
               f"{worded(expected['low'], expected['high'], dec[i], unit, lang)}")
        if code == CONVERSION.code:
            msg += rate_note(system, row, rel_id, allowed.r_lo, allowed.r_hi, index,
                             problem.free_rates, problem.pinned_rates)
        msg += _fix_note(fixes[i], lang)
        alternatives = [ids[j] for j in blame.ranked.get(int(problem.block[i]), [i])
                        if ids[j] in figs]
        out.append((i, Discrepancy.of(
            code, label_of[rel_id] if rel_id >= 0 else JOINTLY, figs, _stated(problem, row, i),
            expected, msg, tuple(alternatives or [ids[i]]))))
    return out


def _fix_note(sug: Suggestion, lang: str) -> str:
    """The end of a blamed figure's message: the correction that fits, if any, worded as
    the release words it."""
    fix = amount(sug.printed, sug.unit, lang)
    if sug.cause == "rounding":
        return f"; off by rounding: {fix} fits"
    if sug.cause != "unexplained":
        return f"; {sug.cause.replace('-', ' ')}: {fix} fits"
    if sug.printed:
        return f"; about {fix} would fit"
    return ""


def of_joint(problem: Problem, blame: Blame, made: Rows) -> list[tuple[int, Discrepancy]]:
    """Per block no small set of corrections repairs: the figures that cannot all hold."""
    system, hard, ids = blame.system, problem.hard, problem.ids
    level = (problem.frame["stat"] == "level").to_numpy()
    named: set[tuple] = set()
    out = []
    for comp in dict.fromkeys(blame.joint):  # (a block can stay contradictory round after round)
        members = np.flatnonzero(hard & (problem.block == comp))
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
        out.append((i, Discrepancy.of(
            JOINT.code, "the figures of one connected group", tuple(ids[members]),
            _stated(problem, made[i], i), {"low": None, "high": None},
            f"{len(members)} figures cannot all hold, and no small set of corrections "
            "reconciles them", tuple(ids[members]))))
    return out


def of_wording(problem: Problem, allowed: Intervals, made: Rows, status: np.ndarray,
               which: str = DOUBTFUL) -> list[tuple[int, Discrepancy]]:
    """Per qualified figure ("about 10") the others contradict: near the line (`which` is
    DOUBTFUL), the wording does not fit (a warning); beyond it (INCONSISTENT), the figure is
    wrong at its printed precision (an error, tradeaudit.audit.verdicts.beyond_wording)."""
    frame, ids = problem.frame, problem.ids
    dec = frame["decimals"].to_numpy()
    # (A rank claim's status is its rank check's, and a failed one a rank mismatch.)
    wrong = status == which
    if which != DOUBTFUL:  # a blamed or jointly contradicted figure is reported as such
        wrong &= problem.vague & (frame["stat"] != "rank").to_numpy()
    code = WORDING.code if which == DOUBTFUL else QUALIFIED.code
    tail = "" if which == DOUBTFUL else ", even beyond its printed precision"
    out = []
    for i in np.flatnonzero(wrong):
        row = made[i]
        expected = in_unit(allowed.chk_lo[i], allowed.chk_hi[i], row["factor"])
        unit, lang = words_of(row)
        out.append((int(i), Discrepancy.of(
            code, f"'{row['qualifier']} {row['value']}' ({describe(row)})", (ids[i],),
            _stated(problem, row, i), expected,
            f"'{row['qualifier']} {row['value']}' does not describe "
            f"{worded(expected['low'], expected['high'], dec[i], unit, lang)}, "
            f"which the other figures allow{tail}", (ids[i],))))
    return out


def of_ranks(problem: Problem, made: Rows, ranks: dict[int, Verdict]
             ) -> list[tuple[int, Discrepancy]]:
    """Per rank claim that fails: the siblings certainly larger."""
    ids = problem.ids
    out = []
    for i, (_, why, bad) in ranks.items():
        if bad:
            row = made[i]
            out.append((i, Discrepancy.of(
                RANK.code, f"rank of {row['flow']} among siblings of {row['segment']} "
                f"({row['period']})", (ids[i],) + bad,
                {"figure": ids[i], "printed": row["value"], "low": float(row["value"]),
                 "high": float(row["value"])}, {"low": None, "high": None}, why, (ids[i],))))
    return out


def of_misuse(problem: Problem, made: Rows) -> list[tuple[int, Discrepancy]]:
    """Per figure printed in percentage points where ratio units belong."""
    ids = problem.ids
    out = []
    for i in np.flatnonzero(problem.frame["unit_misuse"].to_numpy()):
        row = made[i]
        out.append((int(i), Discrepancy.of(
            UNIT_MISUSE.code, f"unit of {describe(row)}", (ids[i],),
            _stated(problem, row, i, 1.0), {"low": None, "high": None},
            f"{amount(row['value'], row['unit'], words_of(row)[1])}: {row['flow']} is a "
            "ratio, so its change is in ratio "
            "units, not percentage points", (ids[i],))))
    return out
