"""Findings across two vintages of a release: revisions not announced or that look like
misprints, a member revised while its total was not, and growth or changes checked against
the previous vintage's level of their base period."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from tradeaudit.audit.growth_across import across
from tradeaudit.audit.result import Audit, Discrepancy
from tradeaudit.audit.revisions import SLIPS, Revisions, compare
from tradeaudit.audit.wording import describe, in_unit
from tradeaudit.model.findings import MEMBER_ALONE, SUSPICIOUS, UNANNOUNCED
from tradeaudit.model.interval import sub
from tradeaudit.stats import AMOUNTS

CLASS_WORDS = {"sign-change": "the sign flipped", "scale-change": "the same digits ×10^{power}",
               "transposed-digits": "two adjacent digits swapped"}


def _printing(side: dict) -> str:
    return f"{side['printed']} {side['unit']}"


def _what(x: dict) -> str:
    """What a changed figure states: `imports (USD), total, 2023-03`."""
    return describe(x)


def _record(code: str, strict: bool, relation: str, figures: tuple, stated: dict,
            expected: dict, message: str, suspects: tuple = ()) -> Discrepancy:
    d = Discrepancy.of(code, relation, figures, stated, expected, message, suspects)
    return replace(d, severity="error") if strict else d


def of_revisions(rev: Revisions, old: pd.DataFrame, new: pd.DataFrame, strict: bool = False
                 ) -> list[Discrepancy]:
    """Per revised figure: unannounced (an error when `strict`), and a misprint's look."""
    out = []
    for x in rev.changed:
        if x["class"] == "within-rounding":
            continue
        stated = {"figure": x["figure"], "printed": x["after"]["printed"],
                  **in_unit(x["lo"], x["hi"], x["factor"])}
        expected = in_unit(x["old_lo"], x["old_hi"], x["factor"])
        relation = f"{_what(x)}: previous release against this one"
        change = (f"{_what(x)} was {_printing(x['before'])} in the previous release "
                  f"({x['previous_figure']}) and is {_printing(x['after'])} in this one")
        if x["class"] in SLIPS:
            why = CLASS_WORDS[x["class"]].format(power=x["power"])
            out.append(_record(SUSPICIOUS.code, False, relation, (x["figure"],), stated,
                               expected, f"{change}: {why}, more likely a misprint than a "
                               "revision", (x["figure"],)))
        if not x["announced"]:
            where = (f"outside the periods declared revised ({rev.declared})" if rev.declared
                     else "and the release declares no period revised")
            out.append(_record(UNANNOUNCED.code, strict, relation, (x["figure"],), stated,
                               expected, f"{change}, {where}"))
    return out + member_alone(rev, old, new)


def _parents(segment: str) -> list[tuple[str, str]]:
    """The segments one level up (one dimension dropped) and the dimension dropped."""
    if segment == "total":
        return []
    pairs = segment.split(";")
    if len(pairs) == 1:
        return [("total", pairs[0].split("=")[0])]
    return [(";".join(p for p in pairs if p != drop), drop.split("=")[0]) for drop in pairs]


def _cells(frame: pd.DataFrame, keys: set[tuple]) -> dict[tuple, int]:
    """Row of each of these cells (period, segment, flow, stat, currency, base_key)."""
    if not keys:
        return {}
    periods = {k[0] for k in keys}
    segments = {k[1] for k in keys}
    rows = np.flatnonzero(frame["period"].isin(periods).to_numpy(dtype=bool) &
                          frame["segment"].isin(segments).to_numpy(dtype=bool))
    sub_frame = frame.iloc[rows]
    cells = zip(*(sub_frame[c].astype(str).tolist() for c in
                  ("period", "segment", "flow", "stat", "currency", "base_key")))
    found: dict[tuple, int] = {}
    for r, cell in zip(rows.tolist(), cells):
        if cell in keys:
            found.setdefault(cell, r)
    return found


def member_alone(rev: Revisions, old: pd.DataFrame, new: pd.DataFrame) -> list[Discrepancy]:
    """A member's amount revised by more than its unrevised total's printing allows, with no
    sibling revised that could offset it."""
    # Amounts in a currency add up along a hierarchy; a ratio flow's level does not.
    revised = [x for x in rev.changed if x["class"] != "within-rounding" and
               x["stat"] in AMOUNTS and x["currency"]]
    siblings: dict[tuple, int] = {}
    wanted = set()
    for x in revised:
        base = str(x["base_key"])
        for parent, dim in _parents(x["segment"]):
            key = (x["period"], parent, x["flow"], x["stat"], x["currency"], base)
            siblings[key + (dim,)] = siblings.get(key + (dim,), 0) + 1
            wanted.add(key)
    now, before = _cells(new, wanted), _cells(old, wanted)
    out = []
    for x in revised:
        base = str(x["base_key"])
        for parent, dim in _parents(x["segment"]):
            key = (x["period"], parent, x["flow"], x["stat"], x["currency"], base)
            if key not in now or key not in before or siblings[key + (dim,)] > 1:
                continue
            pn, po = new.iloc[now[key]], old.iloc[before[key]]
            if pn["hi"] < po["lo"] or po["hi"] < pn["lo"]:
                continue  # the total was revised too
            m_lo, m_hi = sub(np.array([x["lo"]]), np.array([x["hi"]]),
                             np.array([x["old_lo"]]), np.array([x["old_hi"]]))
            t_lo, t_hi = sub(np.array([pn["lo"]]), np.array([pn["hi"]]),
                             np.array([po["lo"]]), np.array([po["hi"]]))
            if m_lo[0] <= t_hi[0] and t_lo[0] <= m_hi[0]:
                continue
            f = float(x["factor"])
            out.append(Discrepancy.of(
                MEMBER_ALONE.code, f"{_what(x)}: revised while {parent} was not",
                (x["figure"], str(pn["id"])),
                {"figure": x["figure"], "printed": x["after"]["printed"],
                 **in_unit(m_lo[0], m_hi[0], f)}, in_unit(t_lo[0], t_hi[0], f),
                f"{_what(x)} was revised from {_printing(x['before'])} to "
                f"{_printing(x['after'])}, but {parent} ({pn['id']}) stayed "
                f"{pn['printed']} {pn['unit']} (previous release: {po['printed']} "
                f"{po['unit']}) and no other member of {dim} printed in both releases was "
                "revised: the total does not carry the revision", (x["figure"], str(pn["id"]))))
    return out


def with_previous(result: Audit, old: pd.DataFrame, new: pd.DataFrame, previous: list[dict],
                  spans: str = "", strict: bool = False) -> Audit:
    """The audit of the new vintage with what changed since `old` and the findings across the
    two vintages appended (after the audit's own; the summary counts them)."""
    rev = compare(old, new, previous, spans)
    found = of_revisions(rev, old, new, strict) + across(old, new, rev)
    counts = dict(result.counts)
    warnings = sum(d.severity == "warning" for d in found)
    counts["warnings"] += warnings
    counts["checks"] += warnings
    return replace(result, discrepancies=result.discrepancies + found, counts=counts,
                   revisions=rev)

