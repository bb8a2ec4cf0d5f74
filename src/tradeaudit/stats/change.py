"""change: a flow's change against the same period a year earlier, or against the period
its `base` names, in its own unit."""

from __future__ import annotations

from tradeaudit.model.findings import CHANGE
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """The figure is the change of its cell over the year-earlier one (the cell's shared
    change variable), or over the period its base names (a change variable of its own)."""
    y = o.on_year()
    b.add("affine", o.rel[y], o.figure[y],
          b.delta(o.cur[y], o.period[y], o.prev[y], o.segment[y], o.flow[y]))
    if not y.all():
        n = ~y
        b.add("affine", o.rel[n], o.figure[n], b.delta_on(o, n))


STAT = Statistic("change", "change of {flow}", CHANGE, family="growth", relation="change",
                 precedence=40, compared=True, constrain=constrain)
