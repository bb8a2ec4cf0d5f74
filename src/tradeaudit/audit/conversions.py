"""Currency conversions: reference rates pinned or compared, the rate each conversion implies,
and a warning when one rate converts years whose reference rates differ."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from tradeaudit.audit.index import find
from tradeaudit.audit.result import Discrepancy
from tradeaudit.audit.wording import span
from tradeaudit.model.findings import REFERENCE_RATE
from tradeaudit.model.interval import div
from tradeaudit.model.periods import UNNAMED, year_of, years_of
from tradeaudit.model.printed import printed_bounds
from tradeaudit.model.rates import Rate, Rates
from tradeaudit.model.units import UNSTATED
from tradeaudit.solve.relation import System


def pin_rates(system: System, rates: Rates | None) -> tuple[dict[str, str], dict[str, str]]:
    """Under a reference policy, fix each rate variable to its reference rate (the printed
    rate's own rounding interval). Returns, per rate key left free, why; and per rate key
    pinned, the reference as the rates table prints it (`1095.0`, or `1/1.0824` for an
    inverse pair)."""
    free: dict[str, str] = {}
    pinned: dict[str, str] = {}
    for v in np.flatnonzero(system.is_rate()):
        key = system.key(v)
        _, cur, scope = key.split("|")
        if scope == "*":
            continue
        ref, why = reference(rates, cur, system.canonical, scope)
        if ref is None:
            free[key] = why
            continue
        pinned[key] = ref[2].printed if ref[2].quote == cur else f"1/{ref[2].printed}"
        system.lo0[v], system.hi0[v] = max(system.lo0[v], ref[0]), min(system.hi0[v], ref[1])
    return free, pinned


def reference(rates: Rates | None, cur: str, canon: str, period: str
              ) -> tuple[tuple[float, float, Rate] | None, str]:
    """The reference rate, as `cur` per `canon`, for a period (or why there is none)."""
    if rates is None:
        return None, "no reference rates given"
    if period.startswith(UNNAMED):
        return None, (f"{period} is a year the document does not name: it has no reference "
                      f"{cur}/{canon} rate")
    direct, why = rates.lookup(cur, canon, period)
    if direct is not None:
        lo, hi, _ = printed_bounds(np.array([direct.printed], dtype=object))
        return (float(lo[0]), float(hi[0]), direct), ""
    inverse, why_inv = rates.lookup(canon, cur, period)
    if inverse is not None:
        lo, hi, _ = printed_bounds(np.array([inverse.printed], dtype=object))
        q_lo, q_hi = div(np.array([1.0]), np.array([1.0]), hi, lo)
        return (float(q_lo[0]), float(q_hi[0]), inverse), ""
    return None, why if "conflicting" in why else (why_inv if "conflicting" in why_inv else why)


def conversions(system: System, frame: pd.DataFrame, rates: Rates | None, policy: str,
                lo: np.ndarray, hi: np.ndarray) -> tuple[list[dict], list[tuple]]:
    """Every conversion: the rate it implies, the rate used, the reference rate compared; and
    a warning when one rate converts amounts of years whose reference rates differ."""
    canon = system.canonical
    foreign = ((frame["stat"] == "level") & (frame["currency"] != "") &
               (frame["currency"] != canon)).to_numpy()
    out, by_rate = [], {}
    rows = np.flatnonzero(foreign)
    sub = frame.iloc[rows]
    scopes = {"annual": years_of(sub["period"]), "date": ""}.get(policy, "*")
    rate_keys = ("r|" + sub["currency"] + "|" + scopes).to_numpy(dtype=object)
    found = find(system, np.r_[("c|" + canon + "|" + sub["period"] + "|" + sub["segment"] +
                                "|" + sub["flow"]).to_numpy(dtype=object), rate_keys])
    bases, rate_of = found[:len(rows)], dict(zip(rate_keys.tolist(), found[len(rows):].tolist()))
    # The rate each conversion implies, all at once: the printed amount over its base.
    b = np.maximum(bases, 0)
    has = (bases >= 0) & (lo[b] > 0) & np.isfinite(hi[b])
    q_lo, q_hi = div(sub["lo"].to_numpy(), sub["hi"].to_numpy(), hi[b], lo[b])
    q_lo, q_hi, has = q_lo.tolist(), q_hi.tolist(), has.tolist()  # Python floats, quickly
    used_of: dict[str, dict | None] = {}  # (the rate used, and the reference: one record
    ref_of: dict[tuple[str, str], tuple] = {}  # each, shared by its conversions: read only)
    date_key: dict[str, str] = {}
    for k, (i, cur, period, fid) in enumerate(zip(
            rows.tolist(), sub["currency"].tolist(), sub["period"].tolist(), sub["id"].tolist())):
        year = year_of(period)
        key = _rate_key(system, cur, year, policy, date_key)
        if key not in used_of:
            used_of[key] = _used_rate(system, key, rate_of, lo, hi)
        used = used_of[key]
        # The reference is the one for the policy's scope: under `date`, that date's only.
        scope = key.split("|")[2] if policy == "date" and key else year
        if (cur, scope) not in ref_of:  # (one record per reference, shared)
            ref, why = reference(rates, cur, canon, scope)
            ref_of[(cur, scope)] = (None if ref is None else {
                "rate": ref[2].printed, "low": ref[0], "high": ref[1], "period": scope,
                "measure": ref[2].measure, "source": ref[2].source, "status": ref[2].status},
                why)
        ref_record, why = ref_of[(cur, scope)]
        out.append({"figure": fid, "pair": f"{cur}/{canon}", "period": year,
                    "policy": policy, "implied": {"low": q_lo[k], "high": q_hi[k]} if has[k]
                    else None, "rate": used, "reference": ref_record, "note": why})
        if policy == "document" and used and np.isfinite(used["low"]) and \
                not cur.startswith(UNSTATED):  # (no reference rate: a table's own unit)
            by_rate.setdefault(cur, []).append((i, year, used, ref_record, why))
    return out, rate_warnings(frame, canon, by_rate)


def _rate_key(system: System, cur: str, year: str, policy: str, date_key: dict[str, str]
              ) -> str:
    """The key of the rate variable a conversion from `cur` uses under the policy ("" for
    none); `date_key` remembers, per currency, the date policy's one rate."""
    if policy != "date":
        return f"r|{cur}|{year if policy == 'annual' else '*'}"
    if cur not in date_key:
        mine = pc.and_(pc.starts_with(system.keys, f"r|{cur}|"),
                       pc.invert(pc.match_substring(system.keys, "@")))
        date_key[cur] = next(iter(system.keys.filter(mine).to_pylist()), "")
    return date_key[cur]


def _used_rate(system: System, key: str, rate_of: dict[str, int], lo: np.ndarray,
               hi: np.ndarray) -> dict | None:
    """The rate as the repaired document has it: the hub and all its block copies."""
    r = (rate_of[key] if key in rate_of else int(find(system, np.array([key]))[0])
         ) if key else -1
    mine = np.r_[r, system.copies[system.copy_hub == r]] if r >= 0 else None
    return None if mine is None else {"low": float(lo[mine].max()),
                                      "high": float(hi[mine].min())}


def rate_warnings(frame: pd.DataFrame, canon: str, by_rate: dict[str, list[tuple]]
                  ) -> list[tuple]:
    """A reference-rate-mismatch warning, with the row it is filed under, for each currency
    whose one rate converts amounts of several years, or of a year whose reference rate it
    misses (`by_rate`: per currency, (row, year, rate used, reference, why none))."""
    warnings = []
    for cur, items in by_rate.items():
        years = sorted({y for _, y, _, _, _ in items})
        refs = {y: (ref, why) for _, y, _, ref, why in items}
        used = items[0][2]
        off = [y for y in years if refs[y][0] and not (refs[y][0]["low"] <= used["high"] and
                                                        refs[y][0]["high"] >= used["low"])]
        if len(years) < 2 and not off:
            continue
        warnings.append((items[0][0], _rate_warning(frame, cur, canon, items, years, refs)))
    return warnings


def _rate_warning(frame: pd.DataFrame, cur: str, canon: str, items: list[tuple],
                  years: list[str], refs: dict) -> Discrepancy:
    """The warning that one `cur` rate converts amounts of these years."""
    used = items[0][2]
    pair = f"{cur} per {canon}"
    beside = "; ".join(
        f"{y}: {refs[y][0]['rate']} ({refs[y][0]['measure'] or 'reference'}, "
        f"{refs[y][0]['source']})" if refs[y][0] else f"{y}: {refs[y][1]}" for y in years)
    what = (f"amounts of {', '.join(years[:-1])} and {years[-1]} are converted at one rate"
            if len(years) > 1 else f"amounts of {years[0]} are converted at a rate")
    i = items[0][0]
    ids = tuple(frame["id"].to_numpy(dtype=object)[[j for j, *_ in items]])
    # Rate against rates (never a printed amount against a rate), each side saying which.
    quoted = [y for y in years if refs[y][0]]
    return Discrepancy.of(
        REFERENCE_RATE.code, f"{cur}/{canon} conversions",
        ids, {"figure": frame["id"].iat[i], "printed": "", "quantity": "rate",
              "what": "rate the document uses", "unit": f"{cur}_per_{canon}",
              "low": used["low"], "high": used["high"]},
        {"quantity": "rate", "unit": f"{cur}_per_{canon}",
         "what": "reference rates" + (f" for {', '.join(quoted)}" if quoted else ""),
         "low": min((refs[y][0]["low"] for y in quoted), default=None),
         "high": max((refs[y][0]["high"] for y in quoted), default=None)},
        f"{what} of about {span(used['low'], used['high'], 0)} {pair}; the reference "
        f"rates are {beside}", ids)
