"""Growth and changes of the new vintage against the previous vintage's level of the base
period: where the new release does not print that level (vintage-mismatch), and where it
prints it revised but the growth still fits the level before the revision (stale-base)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.audit.result import Discrepancy
from tradeaudit.audit.revisions import Revisions
from tradeaudit.audit.wording import describe, in_unit, span
from tradeaudit.model.findings import STALE_BASE, VINTAGE
from tradeaudit.model.interval import div, scale, sub

ON = ["segment", "flow", "currency"]


def _levels(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """The amount levels of a vintage: period, segment, flow, currency and the interval."""
    lv = frame[(frame["stat"] == "level").to_numpy(dtype=bool) &
               (frame["currency"] != "").to_numpy(dtype=bool)]
    lv = lv[["period", *ON, "id", "printed", "unit", "lo", "hi"]].drop_duplicates(
        ["period", *ON])
    return lv.rename(columns={c: prefix + c for c in ("period", "id", "printed", "unit", "lo",
                                                      "hi")})


def _candidates(new: pd.DataFrame) -> pd.DataFrame:
    """Growth and change figures of the new vintage, with the current level it prints."""
    stat = new["stat"].to_numpy()
    rows = new[(stat == "growth_pct") | (stat == "change")]
    rows = rows[["id", "period", "prev_period", "segment", "flow", "stat", "currency",
                 "printed", "unit", "lo", "hi", "factor", "decimals"]].copy()
    rows["order"] = np.arange(len(rows))
    rows = rows.rename(columns={"currency": "own_currency"})
    cur = _levels(new, "cur_")
    out = rows.merge(cur, left_on=["period", "segment", "flow"],
                     right_on=["cur_period", "segment", "flow"])
    return out[((out["stat"] == "growth_pct") | (out["currency"] == out["own_currency"]))
               .to_numpy(dtype=bool)]


def _expected(c: pd.DataFrame, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
    """What each growth or change is, from its current level and a base level [lo, hi]."""
    clo, chi = c["cur_lo"].to_numpy(float), c["cur_hi"].to_numpy(float)
    g_lo, g_hi = sub(*scale(*div(clo, chi, lo, hi), 100.0), np.full(len(c), 100.0),
                     np.full(len(c), 100.0))
    d_lo, d_hi = sub(clo, chi, lo, hi)
    growth = (c["stat"] == "growth_pct").to_numpy()
    return np.where(growth, g_lo, d_lo), np.where(growth, g_hi, d_hi)


def _fits(c: pd.DataFrame, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    e_lo, e_hi = _expected(c, lo, hi)
    return (c["lo"].to_numpy(float) <= e_hi) & (e_lo <= c["hi"].to_numpy(float))


def across(old: pd.DataFrame, new: pd.DataFrame, rev: Revisions) -> list[Discrepancy]:
    """The findings, one per growth or change figure at most, in the new table's order."""
    c = _candidates(new)
    if not len(c):
        return []
    c = c.merge(_levels(old, "old_"), left_on=["prev_period", *ON],
                right_on=["old_period", *ON])
    c = c.merge(_levels(new, "base_"), left_on=["prev_period", *ON],
                right_on=["base_period", *ON], how="left")
    printed_base = c["base_id"].notna().to_numpy()
    fits_old = _fits(c, c["old_lo"].to_numpy(float), c["old_hi"].to_numpy(float))
    b_lo = c["base_lo"].to_numpy(float, na_value=np.nan)
    b_hi = c["base_hi"].to_numpy(float, na_value=np.nan)
    revised = printed_base & ((b_hi < c["old_lo"].to_numpy(float)) |
                              (c["old_hi"].to_numpy(float) < b_lo))
    fits_new = np.where(printed_base, _fits(c, np.nan_to_num(b_lo), np.nan_to_num(b_hi)), True)
    c["code"] = np.where(~printed_base & ~fits_old, VINTAGE.code,
                         np.where(revised & fits_old & ~fits_new, STALE_BASE.code, ""))
    # One finding per figure, and none when any currency's levels let it hold.
    ok = (c["code"] == "").groupby(c["id"], sort=False).transform("any")
    hits = c[~ok.to_numpy(dtype=bool)].drop_duplicates("id").sort_values("order")
    return [_finding(r) for r in hits.to_dict("records")]


def _finding(r: dict) -> Discrepancy:
    """The discrepancy of one growth or change figure, naming each value's vintage."""
    lo, hi = _expected(pd.DataFrame([r]), np.array([r["old_lo"]]), np.array([r["old_hi"]]))
    what = describe({**r, "currency": r["own_currency"]})
    cur = f"{r['cur_printed']} {r['cur_unit']} ({r['cur_id']}, this release)"
    old = f"{r['old_printed']} {r['old_unit']} ({r['old_id']}, previous release)"
    stated = {"figure": r["id"], "printed": r["printed"],
              **in_unit(r["lo"], r["hi"], r["factor"])}
    expected = in_unit(lo[0], hi[0], r["factor"])
    if r["code"] == VINTAGE.code:
        msg = (f"{what} is printed as {r['printed']} {r['unit']} (this release), but the "
               f"level of {r['period']}, {cur}, against the level of {r['prev_period']}, "
               f"{old}, gives {span(lo[0] / r['factor'], hi[0] / r['factor'], r['decimals'])} "
               f"{r['unit']}; this "
               f"release does not print the level of {r['prev_period']}")
        return Discrepancy.of(VINTAGE.code, f"{what}: against the previous release's "
                              f"{r['prev_period']}", (r["id"], r["cur_id"]), stated, expected,
                              msg, (r["id"],))
    msg = (f"{what} is printed as {r['printed']} {r['unit']} (this release): it fits the "
           f"level of {r['prev_period']} before its revision, {old}, not the revised "
           f"{r['base_printed']} {r['base_unit']} ({r['base_id']}, this release); it was "
           "probably computed against the unrevised base")
    return Discrepancy.of(STALE_BASE.code, f"{what}: against the unrevised "
                          f"{r['prev_period']}", (r["id"], r["cur_id"], r["base_id"]), stated,
                          expected, msg, (r["id"],))
