"""Verdicts: each figure's status and the reason why.

A figure is `consistent` (the others allow it), `inconsistent` (an error: it contradicts them),
`doubtful` (its wording, "nearly 2", or its reading from the text does not fit what the others
allow: a warning, not an error) or `unchecked` (nothing determines it, or no rule checks it).
The first three are the checked figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tradeaudit.audit.intervals import Intervals
from tradeaudit.audit.problem import Problem
from tradeaudit.audit.ranks import Verdict, check_ranks
from tradeaudit.audit.rounds import Blame
from tradeaudit.audit.wording import spans
from tradeaudit.model.rules import Rules
from tradeaudit.model.words import amount_array, language_codes
from tradeaudit.solve.relation import System

CONSISTENT, INCONSISTENT, DOUBTFUL, UNCHECKED = ("consistent", "inconsistent", "doubtful",
                                                 "unchecked")
CHECKED = (CONSISTENT, INCONSISTENT, DOUBTFUL)


def verdicts(problem: Problem, blame: Blame, allowed: Intervals, rules: Rules
             ) -> tuple[np.ndarray, np.ndarray, dict[int, Verdict]]:
    """Every figure's status and reason, and the rank claims' checks."""
    status, reason = _checked(problem, blame, allowed, rules)
    frame = problem.frame
    ranks = check_ranks(blame.system, frame, allowed.r_lo, allowed.r_hi,
                        problem.enabled & (frame["stat"] == "rank").to_numpy(), rules.rank)
    for i, (st, why, _) in ranks.items():
        status[i], reason[i] = st, why
    # A qualified or doubtfully read figure that does not fit is a warning, not an error,
    # unless the others allow nothing even near its wording (beyond its printed precision).
    status[problem.vague & (status == INCONSISTENT) & (frame["stat"] != "rank").to_numpy()
           & ~beyond_wording(problem, blame, allowed)] = DOUBTFUL
    for i in np.flatnonzero(frame["unit_misuse"].to_numpy()):
        reason[i] += "; printed in percentage points, but the change of a ratio is in ratio " \
                     "units"
    return status, reason, ranks


def beyond_wording(problem: Problem, blame: Blame, allowed: Intervals) -> np.ndarray:
    """The qualified figures the others contradict beyond the band where a misfit is only
    the wording's ("more than 1.75" when the others pin 1.075; "approximately 17.886" 4.6%
    off): pinned on both sides by the others, outside a joint contradiction, and clear of
    the band (tradeaudit.model.printed.qualify_with_band)."""
    frame = problem.frame
    chk_lo, chk_hi = allowed.chk_lo, allowed.chk_hi
    clear = (np.maximum(chk_lo, frame["near_lo"].to_numpy()) >
             np.minimum(chk_hi, frame["near_hi"].to_numpy()))
    return (problem.vague & np.isfinite(chk_lo) & np.isfinite(chk_hi) & clear
            & ~np.isin(problem.block, blame.joint))


def _checked(problem: Problem, blame: Blame, allowed: Intervals, rules: Rules
             ) -> tuple[np.ndarray, np.ndarray]:
    """Status and reason of every figure but the rank claims: blamed, in a joint block, held
    or contradicted by what the others allow, or undetermined."""
    frame, enabled, vague = problem.frame, problem.enabled, problem.vague
    n = len(frame)
    status = np.full(n, "unchecked", dtype=object)
    reason = np.full(n, "", dtype=object)
    chk_lo, chk_hi = allowed.chk_lo, allowed.chk_hi
    bounded = np.isfinite(chk_lo) & np.isfinite(chk_hi)
    overlaps = (np.maximum(chk_lo, frame["lo"].to_numpy()) <=
                np.minimum(chk_hi, frame["hi"].to_numpy()))
    blamed = np.zeros(n, dtype=bool)
    blamed[list(blame.blamed)] = True
    in_joint = np.isin(problem.block, blame.joint)
    open_ = enabled & (frame["stat"] != "rank").to_numpy()
    status[open_ & (blamed | in_joint)] = "inconsistent"
    reason[open_ & blamed] = "contradicts the other figures; most likely the one to correct"
    reason[open_ & in_joint & ~blamed] = ("part of a contradiction no small set of "
                                          "corrections explains")
    decided = open_ & ~blamed & ~in_joint
    ok = decided & bounded & overlaps
    off = decided & ~ok & vague & bounded
    status[ok] = "consistent"
    status[off] = "inconsistent"
    factor = frame["factor"].to_numpy()
    # (A text column's to_numpy makes a Python string per row; a few units, shared, suffice.)
    unit_code, units = pd.factorize(frame["unit"].where(~frame["unit_misuse"], "ratio"))
    langs = language_codes(frame["quote"]) if "quote" in frame else np.zeros(n, dtype=np.int64)
    allows = spans(chk_lo / factor, chk_hi / factor, frame["decimals"].to_numpy())

    def worded(mask: np.ndarray, lead: str = "") -> list[str]:  # in the release's words
        return amount_array(np.array(allows(mask), dtype=object), unit_code[mask],
                            list(units), langs[mask], lead)
    reason[ok] = worded(ok, "other figures allow ")
    reason[off] = [f"'{q}' does not fit: other figures allow {r}"
                   for r, q in zip(worded(off), frame["qualifier"][off].tolist())]
    loose = decided & ~ok & ~off
    reason[loose] = undetermined(blame.system, frame, np.flatnonzero(loose), problem.free_rates,
                                 problem.hard & ~blame.active)
    reason[~enabled] = "no rule in " + rules.name + " checks " + frame["stat"][~enabled]
    return status, reason


def undetermined(system: System, frame: pd.DataFrame, rows: np.ndarray,
                 rate_notes: dict[str, str], aside: np.ndarray | None = None) -> list[str]:
    """Why each of these figures is unchecked: what its relations need that nothing pins down
    (for a level, the relations of its cell: identities, conversions, statistics), and the
    figures that would determine it but are set aside (`aside`: blamed, or in a contradiction
    no small set of corrections explains)."""
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
    reasons = _unprinted(system, frame, rows, both, rate_notes)
    if aside is None or not aside.any():
        return reasons
    rels = pd.concat([own[["figure", "rel"]], around[["figure", "rel"]]])
    return _with_aside(system, frame, rows, reasons, both, rels, aside)


def _with_aside(system: System, frame: pd.DataFrame, rows: np.ndarray, reasons: list[str],
                both: pd.DataFrame, rels: pd.DataFrame, aside: np.ndarray) -> list[str]:
    """The reasons, led by the set-aside figures that would have determined each figure: a
    level printing a cell it leans on, or the figure of a relation it takes part in."""
    level = (frame["stat"] == "level").to_numpy() & (system.fig_cell >= 0)
    by_cell = np.flatnonzero(aside & level)
    hits = both.merge(pd.DataFrame({"var": system.fig_cell[by_cell], "by": by_cell}), on="var")
    owner = system.relations["figure"].to_numpy()[rels["rel"].to_numpy()]
    mine = owner >= 0
    mine[mine] = aside[owner[mine]]
    owned = pd.DataFrame({"figure": rels["figure"].to_numpy()[mine], "by": owner[mine]})
    pairs = pd.concat([hits[["figure", "by"]], owned])
    pairs = pairs[pairs["figure"] != pairs["by"]]
    named = pairs.groupby("figure")["by"].agg(lambda b: sorted(set(b.tolist())))
    ids = frame["id"].to_numpy()
    out = []
    for i, why in zip(rows.tolist(), reasons):
        if i not in named.index:
            out.append(why)
            continue
        who = [str(ids[j]) for j in named[i]]
        rest = why.split(": ", 1)[1] if ": " in why else why
        one = len(who) == 1
        out.append(f"{', '.join(who[:3])}{' and others' if len(who) > 3 else ''} "
                   f"{'is' if one else 'are'} set aside as contradicting the others, and "
                   f"without {'it' if one else 'them'} no other figure determines it: {rest}")
    return out


def _unprinted(system: System, frame: pd.DataFrame, rows: np.ndarray, both: pd.DataFrame,
               rate_notes: dict[str, str]) -> list[str]:
    """The reasons, from the (figure, var) pairs each figure leans on: the cells among them
    no level figure prints, and the rates nothing fixes."""
    var = both["var"].to_numpy()
    key = pc.replace_substring_regex(system.keys.take(pa.array(var)), "@.*$", "")  # a copy's hub
    printed = np.zeros(system.n, dtype=bool)
    printed[system.fig_cell[(frame["stat"] == "level").to_numpy() & (system.fig_cell >= 0)]] = 1
    free = (pc.starts_with(key, "c|").to_numpy(zero_copy_only=False) & ~printed[var]) | \
        pc.is_in(key, pa.array(list(rate_notes), pa.large_string())).to_numpy(
            zero_copy_only=False)
    words = pd.Series(key.filter(pa.array(free)).to_pylist(), index=both.index[free]).map(
        lambda k: cell_words(k, rate_notes))
    listed = words.groupby(both.loc[free, "figure"]).agg(
        lambda w: "; ".join(sorted(set(w), key=lambda s: (not s.startswith("the "), s))[:4]))
    return [f"no other figure determines it: {listed[i]} not printed"
            if i in listed.index else "no other figure determines it: its relation has no "
            "other printed operand" for i in rows]


def cell_words(key: str, rate_notes: dict[str, str] | None = None) -> str:
    """A cell or rate key as words: `exports (KRW), total, 2023`, `the KRW rate for 2023`."""
    if key.startswith("r|"):
        _, cur, scope = key.split("|")
        why = (rate_notes or {}).get(key, "")
        return f"the {cur} rate{'' if scope == '*' else ' for ' + scope}" + (
            f" ({why})" if why else "")
    _, cur, period, segment, flow = key.split("|")
    return f"{flow}{' (' + cur + ')' if cur else ''}, {segment}, {period}"
