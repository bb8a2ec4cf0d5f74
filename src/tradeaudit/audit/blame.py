"""Fellegi–Holt localization, batched over every contradictory block at once.

The searches (conflict extraction, implicit hitting sets) are written as generators: each step
yields the figure sets it needs checked, as a list of row lists, and receives one `Column` per
set. `run_blocks` drives the generators of all blocks side by side: each step checks every
(block, set) pair, each its block alone with only that set's figures (kernel.checks, one
compiled call per step). The number of steps follows the longest search, not the number of
blocks, and the work is what the sets need, never a pass over the whole document per block.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import NamedTuple

import numpy as np

from tradeaudit.solve import kernel
from tradeaudit.solve.propagate import RELATIVE_STEP, WIDTH_STEP, capped, magnitude_cap, uncap
from tradeaudit.solve.system import System

# Prefixes tried per step of the conflict search (a K-ary search over the prefix length):
# many when few blocks are searched (fewer, cheap steps), two when many are, since then every
# step is wide anyway and each prefix costs a copy of its block (a 20k-figure release with 198
# contradictory blocks: blame 26 s with 8, 13 s with 2). WIDE_BLAME is the number of variables
# in contradictory blocks above which the binary search is used.
FANOUT = 8
WIDE_BLAME = 20_000
# Failing candidate corrections that each add a conflict, per step of corrections.
NEW_CONFLICTS = 8
# Revisions of each constraint per check. A set of figures that cannot hold shows as an empty
# interval within a few, or diverges into the magnitude cap; past this many, what still moves
# is a slow creep towards a boundary (a ratio sinking towards zero by 1.7% a revision), and
# the set counts as holding. Stopping early is sound; it can only miss a contradiction on the
# last sliver.
BLAME_SWEEPS = 40
# Blame looks for at most this many wrong figures in one block (see corrections), and checks
# this many candidate corrections per step; a block no such set explains is one joint
# inconsistency.
MAX_CORRECTIONS = 12
VERIFY = 16


class Column(NamedTuple):
    """What one checked set gives: whether those figures can all hold, and the propagated
    interval of every member figure of the block (in the order the block's rows were given)."""

    alive: bool
    lo: np.ndarray
    hi: np.ndarray


Search = Generator[list[list[int]], list[Column], object]


def run_blocks(system: System, f_lo: np.ndarray, f_hi: np.ndarray,
               searches: dict[int, Search], rows_of: dict[int, np.ndarray]) -> dict[int, object]:
    """Run each block's search to its end; returns each block's result.

    `rows_of[b]` are block b's member figure rows (their intervals come back in each Column);
    every set a search yields must hold rows of its own block only.
    """
    results: dict[int, object] = {}
    pending: dict[int, list[list[int]]] = {}
    for b, s in searches.items():
        try:
            pending[b] = next(s)
        except StopIteration as stop:
            results[b] = stop.value
    fv = system.fig_var
    comp_of = {b: int(system.component[fv[rows[0]]]) for b, rows in rows_of.items() if len(rows)}
    flat = system.flat()
    at = flat.inv  # the kernel works in positions (kernel.Flat)
    cap = magnitude_cap(f_lo, f_hi)
    lo0, hi0 = capped(system.lo0[flat.perm], system.hi0[flat.perm], cap)
    while pending:
        blocks = sorted(pending)
        # Every (block, set) is one check of its block alone, with that set's figures only.
        sets = [np.asarray(s, dtype=np.int64) for b in blocks for s in pending[b]]
        comp = np.array([comp_of[b] for b in blocks for _ in pending[b]], dtype=np.int64)
        members = [rows_of[b] for b in blocks for _ in pending[b]]
        rows = np.concatenate(sets) if sets else np.zeros(0, dtype=np.int64)
        c_ptr = np.cumsum([0] + [len(s) for s in sets]).astype(np.int64)
        o_ptr = np.cumsum([0] + [len(r) for r in members]).astype(np.int64)
        o_rows = np.concatenate(members).astype(np.int64) if members else rows
        dead = np.zeros(len(sets), dtype=bool)
        out_lo, out_hi = np.empty(len(o_rows)), np.empty(len(o_rows))
        work = int(np.diff(flat.con_ptr)[comp].sum())
        checks = kernel.Checks(comp, c_ptr, at[fv[rows]], f_lo[rows], f_hi[rows], o_ptr,
                               at[fv[o_rows]], kernel.check_runs(comp))
        kernel.pick("checks", work)(flat, lo0, hi0, checks, BLAME_SWEEPS, RELATIVE_STEP,
                                    WIDTH_STEP, dead, out_lo, out_hi)
        out_lo, out_hi = uncap(out_lo, out_hi, cap)
        answers: dict[int, list[Column]] = {b: [] for b in blocks}
        k = 0
        for b in blocks:
            for _ in pending[b]:
                answers[b].append(Column(bool(not dead[k]), out_lo[o_ptr[k]:o_ptr[k + 1]],
                                         out_hi[o_ptr[k]:o_ptr[k + 1]]))
                k += 1
        nxt = {}
        for b in blocks:
            try:
                nxt[b] = searches[b].send(answers[b])
            except StopIteration as stop:
                results[b] = stop.value
        pending = nxt
    return results


def lockstep(searches: list[Search]) -> Generator[list[list[int]], list[Column], list]:
    """Several searches of one block side by side: their sets go out as one request."""
    results: list = [None] * len(searches)
    pending: dict[int, list[list[int]]] = {}
    for k, s in enumerate(searches):
        try:
            pending[k] = next(s)
        except StopIteration as stop:
            results[k] = stop.value
    while pending:
        keys = sorted(pending)
        answers = yield [s for k in keys for s in pending[k]]
        pos, nxt = 0, {}
        for k in keys:
            n = len(pending[k])
            try:
                nxt[k] = searches[k].send(answers[pos:pos + n])
            except StopIteration as stop:
                results[k] = stop.value
            pos += n
        pending = nxt
    return results


def fanout(variables: int) -> int:
    """Prefixes per step of the conflict search when the contradictory blocks hold this many
    variables in all (decided once per document, so every runner searches alike)."""
    return 2 if variables > WIDE_BLAME else FANOUT


def conflict(rest: list[int], reverse: bool = False, k: int = FANOUT) -> Search:
    """A minimal subset of `rest` that cannot all hold (an irreducible conflict); `rest` as a
    whole is known to contradict.

    Grow a core: the shortest prefix of the rest that contradicts together with the core ends
    in a member of the conflict; add it, keep only the prefix before it, repeat. The shortest
    prefix is found by a K-ary search (K prefixes per step), which is exact because adding
    figures can only narrow the domains. Prefixes are in row order, or from the other end
    (`reverse`), which usually finds another conflict.
    """
    core: list[int] = []
    rest = sorted(rest, reverse=reverse)
    while True:
        alive_k, dead_k = -1, len(rest)  # core + rest[:alive_k] holds, + rest[:dead_k] does not
        while dead_k - alive_k > 1:
            span = dead_k - alive_k
            ks = sorted({alive_k + max(1, (span * j) // k) for j in range(1, k)}
                        - {dead_k})
            answers = yield [core + rest[:n] for n in ks]
            for n, a in zip(ks, answers):
                if a.alive:
                    alive_k = n
                else:
                    dead_k = n
                    break
        if dead_k == 0:
            return core
        core.append(rest[dead_k - 1])
        rest = rest[:dead_k - 1]


def minimum_hitting_sets(conflicts: list[tuple[int, ...]], weight: dict[int, float],
                         limit: int, keep: int, budget: int = 20_000) -> list[tuple[int, ...]]:
    """The smallest sets of figures that meet every conflict (at most `limit` figures), the
    `keep` heaviest first by the members' total weight. Depth-first over the smallest unmet
    conflict, with the disjoint unmet conflicts as a lower bound; `budget` caps the nodes
    visited per size, so a huge family is sampled, heaviest members first, not exhausted (and
    only then can a smallest set be missed)."""
    sets = [frozenset(c) for c in conflicts]

    def bound(hit: frozenset) -> int:
        taken: set[int] = set()
        n = 0
        for c in sorted((c for c in sets if not c & hit), key=len):
            if not c & taken:
                taken |= c
                n += 1
        return n

    found: set[frozenset] = set()
    nodes = [0]

    def grow(hit: frozenset, size: int) -> None:
        nodes[0] += 1
        if nodes[0] > budget:
            return
        unmet = [c for c in sets if not c & hit]
        if not unmet:
            found.add(hit)
            return
        if len(hit) + bound(hit) > size:
            return
        for x in sorted(min(unmet, key=len), key=lambda x: (-weight.get(x, 0.0), x)):
            grow(hit | {x}, size)

    for size in range(bound(frozenset()), limit + 1):
        nodes[0] = 0
        grow(frozenset(), size)
        if found:
            ranked = sorted(found, key=lambda h: (-sum(weight.get(x, 0.0) for x in h),
                                                  sorted(h)))
            return [tuple(sorted(h)) for h in ranked[:keep]]
    return []


def corrections(members: list[int], score: Callable[[int, float, float], float],
                limit: int = MAX_CORRECTIONS, k: int = FANOUT) -> Search:
    """Fellegi–Holt on one contradictory block: the smallest sets of figures whose removal
    leaves the rest consistent, most plausible first. [] when no set of up to `limit`
    figures will do.

    Implicit hitting sets: every correction meets every irreducible conflict, so collect
    conflicts, take the smallest sets meeting all of them (most plausible first) and check
    those. A set that holds is a smallest correction; one that fails leaves a conflict it
    does not meet, which joins the collection. One wrong figure is the common case and costs
    one conflict and one check per member. Conflicts are first gathered from both ends of the
    block, each round without the figures of those found, since each misprint usually shows
    in a conflict of its own. Plausibility: what the rest of each conflict allows each
    member, by `score`.
    """
    position = {row: k for k, row in enumerate(members)}
    everything = set(members)
    first = yield from conflict(members, k=k)
    if not first:  # contradicts even without its figures: none is to blame
        return []
    answers = yield [sorted(everything - {x}) for x in first]
    single = [(x,) for x, a in zip(first, answers) if a.alive]
    if single:
        return sorted(single)
    conflicts: list[tuple[int, ...]] = [tuple(first)]
    weight: dict[int, float] = {}

    def weigh(new: list[tuple[int, ...]]):
        asks = [(c, x) for c in new for x in c]
        answers = yield [sorted(set(c) - {x}) for c, x in asks]
        for (_, x), a in zip(asks, answers):
            weight[x] = max(weight.get(x, 0.0), score(x, a.lo[position[x]], a.hi[position[x]]))

    rest = sorted(everything - set(first))
    while True:
        (check,) = yield [rest]
        if check.alive:
            break
        found = yield from lockstep([conflict(rest, k=k), conflict(rest, True, k)])
        found = [tuple(sorted(c)) for c in found if c]
        if not found:
            break
        conflicts += sorted(set(found) - set(conflicts))
        rest = sorted(set(rest).difference(*found))
    yield from weigh(conflicts)
    while True:
        candidates = minimum_hitting_sets(conflicts, weight, limit, VERIFY)
        if not candidates:
            return []
        answers = yield [sorted(everything - set(h)) for h in candidates]
        good = sorted(h for h, a in zip(candidates, answers) if a.alive)
        if good:
            return good
        new = yield from lockstep([conflict(sorted(everything - set(h)), k=k)
                                   for h in candidates[:NEW_CONFLICTS]])
        fresh = sorted({tuple(sorted(c)) for c in new if c} - set(conflicts))
        if not fresh:
            return []
        conflicts += fresh
        yield from weigh(fresh)


def blame_block(members: list[int], score: Callable[[int, float, float], float],
                k: int = FANOUT) -> Search:
    """The corrections of one block and, for each, the intervals its members get once that
    correction is applied: ([], []) when nothing small explains the block."""
    sets = yield from corrections(members, score, k=k)
    if not sets:
        return [], []
    answers = yield [sorted(set(members) - set(s)) for s in sets]
    return sets, answers
