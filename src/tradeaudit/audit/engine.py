"""The audit: propagate, find contradictions, blame the fewest figures, explain, give verdicts.

`audit` is a pipeline of stages, each in its own module: build the problem (problem), blame
rounds (rounds), what the repaired document and the other figures allow (intervals),
corrections that fit (suggest), verdicts (verdicts), conversions (conversions), discrepancies
(discrepancies), then suspects and counts (here).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from tradeaudit.audit.alternatives import Alternatives
from tradeaudit.audit.conversions import conversions
from tradeaudit.audit.discrepancies import discrepancies
from tradeaudit.audit.intervals import Intervals, allowed_intervals
from tradeaudit.audit.problem import Problem, build_problem
from tradeaudit.audit.result import Audit, Discrepancy, Suspect
from tradeaudit.audit.reuse import Reuse
from tradeaudit.audit.rounds import Blame, blame_rounds
from tradeaudit.audit.rows import Rows, unit_of
from tradeaudit.audit.runner import LOCAL, Runner
from tradeaudit.audit.suggest import Suggestion, forget, suggest
from tradeaudit.audit.verdicts import CONSISTENT, DOUBTFUL, INCONSISTENT, UNCHECKED, verdicts
from tradeaudit.audit.wording import in_unit
from tradeaudit.model.figures import Table
from tradeaudit.model.printed import parse_printed
from tradeaudit.model.rates import Rates
from tradeaudit.model.rules import Rules

__all__ = ["LOCAL", "Audit", "Discrepancy", "Runner", "Suspect", "audit"]


def audit(table: Table, rules: Rules, rates: Rates | None = None, policy: str | None = None,
          date: str = "", runner: Runner = LOCAL, reuse: Reuse | None = None) -> Audit:
    """Check every relation between the figures of one document.

    `rates` are reference exchange rates; `policy` (document, annual, date) overrides the rules'
    conversion policy, `date` names the reference date for the `date` policy. `runner` runs
    the per-component work (in process by default; tradeaudit.integrations.spark distributes it).
    With `reuse` (audit.reuse.Reuse), leave-one-out and the first blame round's
    propagations take the blocks a previous audit solved from it and record this audit's
    for the next one: the result is the same.
    """
    if not len(table.frame):  # (a text with no figures: read, nothing to check)
        return Audit(table, rules, figures=pd.DataFrame(
            {"id": [], "status": [], "reason": [], "low": [], "high": []}),
            counts=count([], np.zeros(0, dtype=object)),
            policy=policy or rules.conversion or "document")
    problem = build_problem(table, rules, rates, policy, date)
    blame = blame_rounds(problem, runner, reuse)
    allowed = allowed_intervals(problem, blame, runner, reuse)
    made, fixes = suggest_fixes(problem, blame, allowed, rules)
    status, reason, ranks = verdicts(problem, blame, allowed, rules)
    converted, rate_warnings = conversions(blame.system, problem.frame, rates, problem.policy,
                                           allowed.r_lo, allowed.r_hi)
    found = discrepancies(problem, blame, allowed, made, fixes, status, ranks, rate_warnings)
    factor = problem.frame["factor"].to_numpy()
    result = Audit(
        table, rules, found, rank_suspects(problem, blame, allowed, made, fixes),
        pd.DataFrame({"id": problem.ids, "status": status, "reason": reason,
                      "low": allowed.chk_lo / factor, "high": allowed.chk_hi / factor}),
        count(found, status), problem.policy, converted)
    forget()
    return result


def suggest_fixes(problem: Problem, blame: Blame, allowed: Intervals, rules: Rules
                  ) -> tuple[Rows, dict[int, Suggestion]]:
    """For each blamed figure, the correction that fits what the repaired document allows;
    and the figure rows as dicts (the blamed ones made, at once)."""
    alt = Alternatives(blame.system, problem.frame, rules)
    made = alt.rows
    blamed = sorted(blame.blamed)
    made.fetch(blamed)
    alt.prepare(blamed)
    fixes = {}
    for i in blamed:
        row = made[i]
        unit, factor = unit_of(row)
        fixes[i] = in_right_unit(suggest(parse_printed(row["printed"]), unit, factor,
                                         (allowed.exp_lo[i], allowed.exp_hi[i]),
                                         alt.of(i, allowed.r_lo, allowed.r_hi)), row)
    return made, fixes


def in_right_unit(sug: Suggestion, row: dict) -> Suggestion:
    """A correction in the unit the figure should carry: a ratio's change printed in
    percentage points (a unit-misuse warning) is corrected in ratio units."""
    return replace(sug, unit="ratio") if row.get("unit_misuse") else sug


def rank_suspects(problem: Problem, blame: Blame, allowed: Intervals, made: Rows,
                  fixes: dict[int, Suggestion]) -> list[Suspect]:
    """The figures blame named, likeliest first, each with what it should be and a fix (or
    why there is none). A blamed figure is what the repaired document allows; another
    suspect, what the others allow it under the diagnosis that blames it instead."""
    scores, ids = blame.scores, problem.ids
    order = sorted(((scores[i], i) for i in scores), key=lambda t: (-t[0], t[1]))
    made.fetch([i for _, i in order])  # all at once: a row at a time costs a frame.take each
    out = []
    for score, i in order:
        row = made[i]
        if i in fixes:
            lo, hi, fix = allowed.exp_lo[i], allowed.exp_hi[i], fixes[i]
        else:
            lo, hi = blame.diagnosed.get(i, (allowed.e_lo[i], allowed.e_hi[i]))
            fix = in_right_unit(suggest(parse_printed(row["printed"]), *unit_of(row), (lo, hi)),
                                  row)
        out.append(Suspect(ids[i], score, in_unit(lo, hi, row["factor"]), fix,
                           "" if fix.printed else no_fix_reason(lo, hi), i in fixes))
    return out


def no_fix_reason(lo: float, hi: float) -> str:
    """Why a suspect has no correction: what the other figures leave it."""
    if np.isfinite(lo) or np.isfinite(hi):
        return ("no correction to suggest: the other figures bound it on one side only, so "
                "they do not say what it should be")
    return "no correction to suggest: no other figure determines what it should be"


def count(found: list[Discrepancy], status: np.ndarray) -> dict:
    """The summary's counts: figures by status, the checked ones and their share (coverage),
    warnings, and checks (a test each: every figure but the doubtful ones, whose warning is
    their test, and every warning). `undecided` is the old name of `unchecked`."""
    by = {s: int((status == s).sum()) for s in (CONSISTENT, INCONSISTENT, DOUBTFUL, UNCHECKED)}
    n_warn = sum(d.severity == "warning" for d in found)
    checked = by[CONSISTENT] + by[INCONSISTENT] + by[DOUBTFUL]
    return {
        "figures": len(status), "checks": len(status) - by[DOUBTFUL] + n_warn,
        "consistent": by[CONSISTENT], "inconsistent": by[INCONSISTENT],
        "undecided": by[UNCHECKED], "warnings": n_warn, "checked": checked,
        "unchecked": by[UNCHECKED], "doubtful": by[DOUBTFUL],
        "coverage": round(checked / len(status), 4) if len(status) else 0.0,
    }
