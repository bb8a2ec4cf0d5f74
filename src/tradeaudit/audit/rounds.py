"""Blame rounds: per contradictory block, the likeliest figures to correct, until all hold."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tradeaudit.audit.domains import domains
from tradeaudit.audit.hubs import settle_hubs
from tradeaudit.audit.plausibility import scorer
from tradeaudit.audit.problem import Problem
from tradeaudit.audit.runner import Runner, run_blame, run_propagate
from tradeaudit.audit.settled import propagate_reusing
from tradeaudit.solve.relation import System

BLAME_ROUNDS = 3


@dataclass
class Blame:
    """What the blame rounds leave: the repaired document (the figures still applied, the hubs
    they settle), the figures blamed, ranked and scored, and the blocks no small set of
    corrections repairs."""

    system: System  # the hubs settled by the active figures
    active: np.ndarray  # the hard figures neither blamed nor in a joint block
    blamed: set[int] = field(default_factory=set)
    ranked: dict[int, list[int]] = field(default_factory=dict)  # per block, likeliest first
    scores: dict[int, float] = field(default_factory=dict)  # per suspect, its share of blame
    # per suspect: what the others allow it under its likeliest diagnosis (base units)
    diagnosed: dict[int, tuple[float, float]] = field(default_factory=dict)
    joint: list[int] = field(default_factory=list)  # blocks blamed on no small set


def blame_rounds(problem: Problem, runner: Runner, reuse=None) -> Blame:
    """Blame: per contradictory block, the smallest sets of figures whose removal restores it.

    Hubs are settled from the blocks that hold; once a block is repaired it votes too, which
    can show another block wrong, so blame repeats (a few rounds) until everything holds.
    Blocks still contradictory after the last round are joint inconsistencies. With
    `reuse` (audit.reuse.Reuse), the first round's propagations take the blocks the
    previous audit kept (audit.settled): the next update's first round is this one's.
    """
    blame = Blame(problem.system, problem.hard.copy())
    for k in range(BLAME_ROUNDS):
        blame.system, dead = _contradictions(problem, blame.active, runner,
                                             reuse if k == 0 else None)
        if reuse is not None:
            reuse.structure = None  # (it holds the propagation tables: freed after use)
        if not dead.any():
            return blame
        _blame_round(problem, blame, np.flatnonzero(dead), runner)
    blame.system, dead = _contradictions(problem, blame.active, runner)
    for comp in np.flatnonzero(dead):  # still contradictory after every round
        blame.joint.append(int(comp))
        blame.active[problem.block == comp] = False
    blame.system = settle_hubs(problem.system, problem.frame, blame.active, runner)
    return blame


def _contradictions(problem: Problem, active: np.ndarray, runner: Runner, reuse=None
                    ) -> tuple[System, np.ndarray]:
    """The system with hubs settled by the active figures, and which blocks contradict."""
    system = settle_hubs(problem.system, problem.frame, active, runner, reuse)
    capped = domains(system, problem.frame, active, True)
    if reuse is not None and runner.parts <= 1:
        return system, propagate_reusing(system, *capped, reuse, "cut")[0]
    _, _, dead = run_propagate(runner, system, *capped)
    return system, dead


def _blame_round(problem: Problem, blame: Blame, dead_comps: np.ndarray, runner: Runner
                 ) -> None:
    """One round: blame every contradictory block and set its chosen figures aside."""
    frame, block, active = problem.frame, problem.block, blame.active
    rows = np.flatnonzero(active & np.isin(block, dead_comps))
    rows = rows[np.argsort(block[rows], kind="stable")]
    cuts = np.flatnonzero(np.diff(block[rows])) + 1
    rows_of = {int(block[r[0]]): r for r in np.split(rows, cuts) if len(r)}
    found = run_blame(runner, blame.system, frame, dead_comps, rows_of, problem.degree)
    score = scorer(frame, problem.degree, blame.system.canonical, rows)
    for comp in dead_comps:
        members = rows_of.get(int(comp), np.zeros(0, dtype=np.int64))
        sets, columns = found.get(int(comp), ([], []))
        if not sets:
            blame.joint.append(int(comp))
            active[members] = False
            continue
        _choose(blame, int(comp), members, sets, columns, score)


def _choose(blame: Blame, comp: int, members: np.ndarray, sets: list, columns: list,
            score) -> None:
    """Of a block's diagnoses (`sets`, with what each leaves its members: `columns`), blame
    the likeliest, and rank and score every figure any of them names."""
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
                blame.diagnosed[i] = (float(col.lo[position[i]]), float(col.hi[position[i]]))
    best = sets[int(np.argmax(weight))]
    blame.blamed |= set(best)
    blame.active[list(best)] = False
    for i in best:
        raw[i] *= 2.0  # the chosen correction outranks the alternatives
    total = sum(raw.values())
    blame.ranked[comp] = sorted(raw, key=lambda i: (-raw[i], i))
    blame.scores |= {i: round(raw[i] / total, 4) for i in raw}
