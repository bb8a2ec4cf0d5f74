"""What a figure would read had a structural slip happened (swapped flows, a wrong base, a
percent for points): the candidates suggest() weighs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from tradeaudit.audit.index import Printed, find
from tradeaudit.audit.rows import Rows
from tradeaudit.model.periods import shift
from tradeaudit.model.rules import Rules
from tradeaudit.solve.relation import System

# An unprinted twin known no closer than this (relative width) is no value to swap in.
WIDE = 0.01
Slips = dict[str, list[tuple]]  # cause -> the intervals (base units) it would print
Lookup = Callable[[int], "tuple[float, float] | None"]


class Alternatives:
    """What a figure would read had a structural slip happened: the values of the quantities it
    is easily confused with, from the propagated intervals (base units)."""

    def __init__(self, system: System, frame: pd.DataFrame, rules: Rules) -> None:
        self.system, self.rows = system, Rows(frame)
        self.printed: Printed | None = None
        self.partner: dict[str, str] = {}
        for ident in rules.identities:
            if ident.op in ("difference", "ratio"):
                self.partner.setdefault(ident.left, ident.right)
                self.partner.setdefault(ident.right, ident.left)
        self.ratio_flows = rules.ratio_flows
        self.known: dict[str, int] = {}  # key -> variable, found by prepare
        self.asked: list[str] | None = None  # while prepare notes the keys `of` looks up

    def _var(self, cur: str, period: str, segment: str, flow: str, kind: str = "c") -> int:
        key = f"{kind}|{cur}|{period}|{segment}|{flow}"
        if self.asked is not None:
            self.asked.append(key)
            return -1
        if key not in self.known:  # (hashing every key of a big release takes seconds)
            self.known[key] = int(find(self.system, np.array([key], dtype=object))[0])
        return self.known[key]

    def _twin(self, row: dict) -> int:
        """The variable of the flow a level figure is easily swapped with; -1: none."""
        if row["stat"] != "level" or row["flow"] not in self.partner:
            return -1
        cur = "" if row["flow"] in self.ratio_flows else (row["currency"] or
                                                          self.system.canonical)
        return self._var(cur, row["period"], row["segment"], self.partner[row["flow"]])

    def _printed(self) -> Printed:
        if self.printed is None:
            self.printed = Printed(self.system, self.rows.frame)
        return self.printed

    def prepare(self, rows) -> None:
        """Before `of` is asked about these figures: find the variables it will look up, and
        fetch the rows printed for their twins, all at once (one key or row at a time would
        be a search of every key or a frame.take each). A first pass of `of`, with every
        lookup failing, notes the keys."""
        self.asked = []
        nothing = np.zeros(0)
        for i in rows:
            self.of(i, nothing, nothing)
        keys, self.asked = list(dict.fromkeys(self.asked)), None
        if keys:
            self.known.update(zip(keys, find(self.system, np.array(keys, dtype=object))
                                  .tolist()))
        printed = self._printed()
        twins = [v for v in map(self._twin, map(self.rows.__getitem__, rows)) if v >= 0]
        if twins:
            self.rows.fetch(printed.of_any(twins))

    def of(self, i: int, lo: np.ndarray, hi: np.ndarray) -> Slips:
        """Per structural slip, what figure i would read had it happened (from lo, hi)."""
        row = self.rows[i]
        out: Slips = {}

        def interval(v: int) -> tuple[float, float] | None:
            if v < 0 or not (np.isfinite(lo[v]) and np.isfinite(hi[v])):
                return None
            return float(lo[v]), float(hi[v])

        self._swapped(row, interval, out)
        if row["stat"] == "growth_pct":
            self._growth(row, interval, out)
        if row["stat"] == "change" and row["flow"] in self.ratio_flows:
            self._change(row, interval, out)
        if row["stat"] == "level" and row["currency"] and \
                row["currency"] != self.system.canonical:
            out["other-rate"] = [(-np.inf, np.inf)]
        return out

    def _swapped(self, row: dict, interval: Lookup, out: Slips) -> None:
        """Swapped, this figure should read what the other flow's figure reads now."""
        v = self._twin(row)
        got = interval(v) if v >= 0 else None
        if not got:
            return
        printed = self._printed().of_any([v])
        self.rows.fetch(printed)  # (prepare has, for the blamed)
        twin = [t for t in map(self.rows.__getitem__, printed)
                if t["flow"] == self.partner[row["flow"]] and t["period"] == row["period"] and
                t["segment"] == row["segment"] and t["currency"] == row["currency"]]
        if not twin and got[1] - got[0] > WIDE * max(abs(got[0]), abs(got[1])):
            return  # (a bound, such as a month at most its year, tells no value to swap in)
        out["swapped-flows"] = [(*got, twin[0]["value"], twin[0]["unit"]) if twin else got]

    def _growth(self, row: dict, interval: Lookup, out: Slips) -> None:
        """A growth rate against the wrong base year, or in percent where points belong."""
        seg, flow, period = row["segment"], row["flow"], row["period"]
        cur = "" if flow in self.ratio_flows else self.system.canonical
        x = [interval(self._var(cur, shift(period, -k), seg, flow)) for k in range(3)]
        bases = []
        if x[0] and x[2]:
            bases.append((x[0], x[2]))  # two years back
        if x[1] and x[2]:
            bases.append((x[1], x[2]))  # last year's growth
        if x[0] and x[1] and row.get("prev_period", "") not in ("", shift(period, -1)):
            bases.append((x[0], x[1]))  # a period-on-period rate that is the year's
        for (a_lo, a_hi), (b_lo, b_hi) in bases:
            if b_lo > 0:
                out.setdefault("wrong-base", []).append(
                    (100 * (a_lo / b_hi - 1), 100 * (a_hi / b_lo - 1)))
        if flow in self.ratio_flows:
            d = interval(self._var("", period, seg, flow, kind="d"))
            if d:
                out["percent-vs-points"] = [(100 * d[0], 100 * d[1])]

    def _change(self, row: dict, interval: Lookup, out: Slips) -> None:
        """A growth rate in percent printed where the change in points belongs."""
        seg, flow, period = row["segment"], row["flow"], row["period"]
        before = row.get("prev_period") or shift(period, -1)
        x0 = interval(self._var("", before, seg, flow))
        x1 = interval(self._var("", period, seg, flow))
        if x0 and x1 and x0[0] > 0:
            out["percent-vs-points"] = [((x1[0] / x0[1] - 1) * 100 * float(row["factor"]),
                                         (x1[1] / x0[0] - 1) * 100 * float(row["factor"]))]
