"""change: a flow's change against the same period a year earlier, in its own unit."""

from __future__ import annotations

from tradeaudit.model.findings import CHANGE
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """The figure is the change of its cell over the year-earlier one."""
    b.add("affine", o.rel, o.figure, b.delta(o.cur, o.period, o.prev, o.segment, o.flow))


STAT = Statistic("change", "change of {flow}", CHANGE, family="growth", relation="change",
                 precedence=40, constrain=constrain)
