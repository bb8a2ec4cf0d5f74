"""multiple: a flow as a multiple of its value in a base period (`three times 2013's`)."""

from __future__ import annotations

from tradeaudit.model.findings import MULTIPLE
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """x = x_base * m."""
    now = o.cell()
    b.cells.append(now)
    before = o.cell(period=o.base_period)
    b.add("product", o.rel, now, before, o.figure)
    b.cells.append(before)


STAT = Statistic("multiple", "multiple of {flow}", MULTIPLE, units=("times",), family="growth",
                 relation="multiple", base="period", precedence=50, constrain=constrain)
