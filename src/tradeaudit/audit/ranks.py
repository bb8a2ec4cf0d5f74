"""Rank claims ("the third largest") checked against the siblings whose levels are known."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tradeaudit.model.printed import parse_printed
from tradeaudit.solve.relation import System, text_series

Verdict = tuple[str, str, tuple]  # status, reason, the siblings that contradict it


def check_ranks(system: System, frame: pd.DataFrame, lo: np.ndarray, hi: np.ndarray,
                mask: np.ndarray, enabled: bool) -> dict[int, Verdict]:
    """Rank claims (the rows of `mask`) against the siblings whose levels are known."""
    out = {}
    if not mask.any():
        return out
    keys = text_series(system.keys)
    cells = keys[keys.str.startswith("c|")]
    split = cells.str.split("|", expand=True, regex=False) if len(cells) else None
    for i in np.flatnonzero(mask):
        row = frame.iloc[i]
        if not enabled:
            out[int(i)] = ("unchecked", "no rank rule in the suite", ())
            continue
        cell = system.fig_cell[i]
        if cell < 0 or split is None:
            out[int(i)] = ("unchecked", "the ranked level is not printed or implied", ())
            continue
        out[int(i)] = _check_rank(system, frame, row, cell, split, lo, hi)
    return out


def _check_rank(system: System, frame: pd.DataFrame, row, cell: int, split: pd.DataFrame,
                lo: np.ndarray, hi: np.ndarray) -> Verdict:
    """One rank claim about `cell` (the cell keys' fields: `split`)."""
    _, cur, period, segment, flow = system.key(cell).split("|")
    dims = [p.split("=")[0] for p in segment.split(";")] if segment != "total" else []
    if not dims:
        return ("unchecked", "`total` has no siblings to rank among", ())
    dim = row["base"] if row["base"] in dims else dims[-1]
    rest = ";".join(p for p in segment.split(";") if not p.startswith(dim + "="))
    sib = split[(split[1] == cur) & (split[2] == period) & (split[4] == flow)]
    seg = sib[3]
    pairs = seg.str.split(";")
    tag = dim + "="
    same_rest = pairs.apply(lambda ps, tag=tag, rest=rest: ";".join(
        p for p in ps if not p.startswith(tag)) == rest and any(p.startswith(tag) for p in ps))
    sib = sib[same_rest & (seg != segment)]
    v = sib.index.to_numpy()
    k = int(parse_printed(row["printed"]).value)
    my_lo, my_hi = lo[cell], hi[cell]
    above = v[lo[v] > my_hi]
    unknown = v[~((lo[v] > my_hi) | (hi[v] < my_lo))]
    if len(above) > k - 1:
        names = tuple(frame["id"].iat[j] for j in np.flatnonzero(np.isin(system.fig_cell,
                                                                         above)))
        return ("inconsistent", (f"printed rank {k}, but {len(above)} sibling(s) are "
                f"certainly larger"), names)
    if len(above) == k - 1 and len(unknown) == 0 and np.isfinite(my_lo):
        return ("consistent", f"rank {k} among {len(v) + 1} known {dim} members", ())
    return ("unchecked", (f"rank {k} cannot be decided from the printed "
            f"{dim} members"), ())
