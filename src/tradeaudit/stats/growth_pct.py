"""growth_pct: growth in percent against the same period a year earlier, or against the
period its `base` names (a month-on-month rate)."""

from __future__ import annotations

from tradeaudit.model.findings import GROWTH
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """x = x0 * (1 + g/100), and x - x0 = x0 * g/100 (x0 a year earlier, or the base period)."""
    now = o.cell()
    b.cells.append(now)
    b.add("affine", o.rel, o.aux("q"), o.figure, add=100.0, div=100.0)
    before = o.cell(period=o.prev)
    b.add("product", o.rel, now, before, o.aux("q"))
    # The second lets a printed change pin x0 in one step instead of an endless geometric
    # creep through the first.
    b.add("affine", o.rel, o.aux("g"), o.figure, div=100.0)
    y = o.on_year()
    b.add("product", o.rel[y], b.delta(o.cur[y], o.period[y], o.prev[y], o.segment[y],
                                       o.flow[y]), before[y], o.aux("g")[y])
    if not y.all():  # against the period its base names: a change variable of its own
        n = ~y
        b.add("product", o.rel[n], b.delta_on(o, n), before[n], o.aux("g")[n])
    b.cells.append(before)


STAT = Statistic("growth_pct", "growth of {flow}", GROWTH, units=("pct",), family="growth",
                 relation="growth", precedence=30, compared=True, constrain=constrain)
