"""flow_share_pct: a flow's share in percent of another flow's level (its `base`), in the
same period and segment (`exports accounted for 45.1% of total trade`)."""

from __future__ import annotations

from tradeaudit.model.findings import SHARE
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """x = s/100 * x_base, the base another flow of the same cell group."""
    now, base = o.cell(), o.cell(flow=o.base_flow)
    b.add("affine", o.rel, o.aux("s"), o.figure, div=100.0)
    b.add("product", o.rel, now, o.aux("s"), base)
    b.cells += [now, base]


STAT = Statistic("flow_share_pct", "flow share of {flow}", SHARE, units=("pct",),
                 family="share", relation="share", base="flow", precedence=10,
                 constrain=constrain)
