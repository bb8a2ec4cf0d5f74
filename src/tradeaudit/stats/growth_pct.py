"""growth_pct: growth in percent against the same period a year earlier."""

from __future__ import annotations

from tradeaudit.model.findings import GROWTH
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """x = x0 * (1 + g/100), and x - x0 = x0 * g/100."""
    now = o.cell()
    b.cells.append(now)
    # Both: the second lets a printed change pin x0 in one step instead of an endless
    # geometric creep through the first.
    b.add("affine", o.rel, o.aux("q"), o.figure, add=100.0, div=100.0)
    b.add("affine", o.rel, o.aux("g"), o.figure, div=100.0)
    before = o.cell(period=o.prev)
    b.add("product", o.rel, now, before, o.aux("q"))
    b.add("product", o.rel, b.delta(o.cur, o.period, o.prev, o.segment, o.flow), before,
          o.aux("g"))
    b.cells.append(before)


STAT = Statistic("growth_pct", "growth of {flow}", GROWTH, units=("pct",), family="growth",
                 relation="growth", precedence=30, constrain=constrain)
