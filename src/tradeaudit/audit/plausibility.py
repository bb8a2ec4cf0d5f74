"""How plausibly a figure is the wrong one: the score blame ranks its diagnoses by."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from tradeaudit.audit.rows import Rows, unit_of
from tradeaudit.audit.suggest import TEXTUAL, near_slip, suggest
from tradeaudit.model.printed import parse_printed
from tradeaudit.solve.relation import System

SCORED = ("lo", "hi", "printed", "unit", "factor", "stat", "currency")  # what it reads


def plausibility(row: dict, lo: float, hi: float, degree: float, canonical: str = "") -> float:
    """How likely a figure (its row) is the wrong one: far outside what the others allow,
    explained by a known slip, and vouched for by few relations."""
    half = max((row["hi"] - row["lo"]) / 2, 1e-300)
    gap = max(lo - row["hi"], row["lo"] - hi, 0.0) if np.isfinite(lo) or np.isfinite(hi) else 0
    unit, factor = unit_of(row)
    printed = parse_printed(row["printed"])
    cause = suggest(printed, unit, factor, (lo, hi)).cause
    # A slip explains the figure when it lands where the others put it: at the smallest
    # correction (a narrow interval: wherever it lands in it). One landing only far inside
    # a wide interval is half the evidence: there, almost any value would do.
    if cause == "rounding":
        explained = 0.0  # (off by its last digit's rounding: no slip needed)
    elif cause == "unexplained":  # (no slip fits anywhere in a finite interval: one-sided?)
        explained = near_slip(printed, unit, factor, lo, hi)
    elif cause in TEXTUAL:
        explained = max(near_slip(printed, unit, factor, lo, hi), 0.5)
    else:
        explained = 1.0  # (a structural cause: the confused quantity itself fits)
    # A conversion printed beside the original amount is the likelier copy to be wrong.
    converted = 1.5 if row["stat"] == "level" and row["currency"] and \
        row["currency"] != canonical else 1.0
    # A slip that reproduces the printed value exactly is strong evidence; how far outside
    # the figure is (in its own rounding slack) and how few relations vouch for it add.
    return converted * (1.0 + 2.0 * explained) * (1.0 + np.log10(1.0 + gap / half)) / (
        1.0 + 0.1 * degree)


def scorer(frame: pd.DataFrame, degree: np.ndarray, canonical: str, rows: np.ndarray
           ) -> Callable[[int, float, float], float]:
    """score(row, lo, hi): how plausibly figure `row` is wrong, given what others allow it
    (`rows`: the figures it will be asked about)."""
    made = Rows(frame[[c for c in (*SCORED, "header") if c in frame]])  # (dicts of the columns it reads: a third of the cost)
    made.fetch(rows)

    def score(i: int, lo: float, hi: float) -> float:
        return plausibility(made[i], lo, hi, degree[i], canonical)
    return score


def degree(system: System, frame: pd.DataFrame) -> np.ndarray:
    """How many relations touch each figure's cells: the ones that could vouch for it."""
    per_var = np.bincount(system.var_relations()["var"].to_numpy(), minlength=system.n)
    cell = system.fig_cell
    return np.where(cell >= 0, per_var[np.maximum(cell, 0)], 0).astype(float)
