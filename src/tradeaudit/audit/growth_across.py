"""Growth and changes of the new vintage against the previous vintage's level of the base
period: where the new release does not print that level (vintage-mismatch), and where it
prints it revised but the growth still fits the level before the revision (stale-base)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.audit.result import Discrepancy
from tradeaudit.audit.revisions import Revisions, packed, shared_codes
from tradeaudit.audit.wording import describe, in_unit, span
from tradeaudit.model.findings import STALE_BASE, VINTAGE
from tradeaudit.model.interval import div, scale, sub

ON = ["segment", "flow", "currency"]


def _expected(growth: np.ndarray, clo: np.ndarray, chi: np.ndarray, lo: np.ndarray,
              hi: np.ndarray) -> tuple[np.ndarray, ...]:
    """What each growth (or, where `growth` is False, change) is, from its current level
    [clo, chi] and a base level [lo, hi]."""
    g_lo, g_hi = sub(*scale(*div(clo, chi, lo, hi), 100.0), np.full(len(clo), 100.0),
                     np.full(len(clo), 100.0))
    d_lo, d_hi = sub(clo, chi, lo, hi)
    return np.where(growth, g_lo, d_lo), np.where(growth, g_hi, d_hi)


def _levels(frame: pd.DataFrame) -> np.ndarray:
    """The rows of a vintage's amount levels."""
    return np.flatnonzero((frame["stat"] == "level").to_numpy(dtype=bool) &
                          (frame["currency"] != "").to_numpy(dtype=bool))


def _first(keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Of `rows` (ascending, their `keys`), the first holding each key."""
    return rows[~pd.Index(keys).duplicated()]


def _find(have: np.ndarray, rows: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Per key, the one of `rows` whose key (`have`, distinct) it is; -1 for none."""
    at = pd.Index(have).get_indexer(keys)
    return np.where(at >= 0, rows[at], -1)


def _pairs(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An inner join of two key arrays, in pandas' order: by left place, then right place."""
    order = np.argsort(right, kind="stable")
    ordered = right[order]
    lo, hi = np.searchsorted(ordered, left, "left"), np.searchsorted(ordered, left, "right")
    count = hi - lo
    li = np.repeat(np.arange(len(left)), count)
    step = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return li, order[np.repeat(lo, count) + step]


def across(old: pd.DataFrame, new: pd.DataFrame, rev: Revisions) -> list[Discrepancy]:
    """The findings, one per growth or change figure at most, in the new table's order.

    A growth or change of the new vintage is checked against each amount level of its
    period the new vintage prints (the first printing per currency; a change: in its own
    currency) and the previous vintage's level of its base period in that currency (and the
    new vintage's, when printed). Fields are joined as integers (revisions.shared_codes)."""
    stat = new["stat"]
    growth = (stat == "growth_pct").to_numpy(dtype=bool)
    cand = np.flatnonzero(growth | (stat == "change").to_numpy(dtype=bool))
    if not len(cand):
        return []
    o_per, n_per, n_prev = shared_codes(old["period"], new["period"],
                                        new["prev_period"].fillna(""))
    (o_seg, n_seg), (o_flow, n_flow), (o_cur, n_cur) = (shared_codes(old[c], new[c])
                                                       for c in ON)
    n_lv, o_lv = _levels(new), _levels(old)
    # The levels, each (period, segment, flow, currency) at its first printing.
    n_key, o_key = packed([n_per[n_lv], n_seg[n_lv], n_flow[n_lv], n_cur[n_lv]],
                          [o_per[o_lv], o_seg[o_lv], o_flow[o_lv], o_cur[o_lv]])
    n_first, o_first = _first(n_key, n_lv), _first(o_key, o_lv)
    # Each candidate with each level of its period (pandas' inner join order), a change
    # only with the level in its own currency.
    lv = n_first
    li, ri = _pairs(*packed([n_per[cand], n_seg[cand], n_flow[cand]],
                            [n_per[lv], n_seg[lv], n_flow[lv]]))
    rows, cur = cand[li], lv[ri]
    keep = growth[rows] | (n_cur[cur] == n_cur[rows])
    rows, cur = rows[keep], cur[keep]
    # The base period's level of that currency, in the previous vintage and in this one.
    base_key, n_key, o_key = packed(
        [n_prev[rows], n_seg[rows], n_flow[rows], n_cur[cur]],
        [n_per[n_first], n_seg[n_first], n_flow[n_first], n_cur[n_first]],
        [o_per[o_first], o_seg[o_first], o_flow[o_first], o_cur[o_first]])
    before = _find(o_key, o_first, base_key)
    keep = before >= 0
    rows, cur, before = rows[keep], cur[keep], before[keep]
    base = _find(n_key, n_first, base_key[keep])
    if not len(rows):
        return []
    lo, hi = new["lo"].to_numpy(float), new["hi"].to_numpy(float)
    o_lo, o_hi = old["lo"].to_numpy(float)[before], old["hi"].to_numpy(float)[before]
    printed_base = base >= 0
    b_lo = np.where(printed_base, lo[np.maximum(base, 0)], 0.0)
    b_hi = np.where(printed_base, hi[np.maximum(base, 0)], 0.0)
    g, c_lo, c_hi, f_lo, f_hi = growth[rows], lo[cur], hi[cur], lo[rows], hi[rows]

    def fits(b_lo: np.ndarray, b_hi: np.ndarray) -> np.ndarray:
        e_lo, e_hi = _expected(g, c_lo, c_hi, b_lo, b_hi)
        return (f_lo <= e_hi) & (e_lo <= f_hi)

    fits_old = fits(o_lo, o_hi)
    revised = printed_base & ((b_hi < o_lo) | (o_hi < b_lo))
    fits_new = np.where(printed_base, fits(b_lo, b_hi), True)
    code = np.where(~printed_base & ~fits_old, 1, np.where(revised & fits_old & ~fits_new, 2, 0))
    # One finding per figure (its first pairing), none when any pairing lets it hold.
    fine = np.zeros(len(new), dtype=bool)
    fine[rows[code == 0]] = True
    bad = np.flatnonzero(~fine[rows])
    _, first = np.unique(rows[bad], return_index=True)  # (sorted: the new table's order)
    hit = bad[first]
    return [_finding(r) for r in _records(new, old, rows[hit], cur[hit], before[hit],
                                          base[hit], code[hit])]


def _records(new: pd.DataFrame, old: pd.DataFrame, rows: np.ndarray, cur: np.ndarray,
             before: np.ndarray, base: np.ndarray, code: np.ndarray) -> list[dict]:
    """Per finding: the growth or change (its row of the new vintage), its current level
    (cur_), the previous vintage's base level (old_) and the new one's (base_, None where
    the new vintage does not print it), and its code."""
    c = new.iloc[rows][["id", "period", "prev_period", "segment", "flow", "stat", "printed",
                        "unit", "lo", "hi", "factor", "decimals", "currency"]]
    out = c.rename(columns={"currency": "own_currency"}).to_dict("records")
    sides = (("cur_", new, cur), ("old_", old, before), ("base_", new, base))
    for k, r in enumerate(out):
        r["code"] = (VINTAGE.code, STALE_BASE.code)[code[k] - 1]
        r["currency"] = new["currency"].iat[cur[k]]
        for prefix, frame, at in sides:
            for col in ("id", "printed", "unit", "lo", "hi"):
                value = frame[col].iat[at[k]] if at[k] >= 0 else None
                r[prefix + col] = value.item() if isinstance(value, np.generic) else value
    return out


def _finding(r: dict) -> Discrepancy:
    """The discrepancy of one growth or change figure, naming each value's vintage."""
    lo, hi = _expected(np.array([r["stat"] == "growth_pct"]), *(np.array([r[k]], dtype=float)
                       for k in ("cur_lo", "cur_hi", "old_lo", "old_hi")))
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
