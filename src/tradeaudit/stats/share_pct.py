"""share_pct: a segment's share in percent of its base segment's level (default `total`)."""

from __future__ import annotations

from tradeaudit.model.findings import SHARE
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """x = s/100 * x_base."""
    now = o.cell()
    b.cells.append(now)
    b.add("affine", o.rel, o.aux("s"), o.figure, div=100.0)
    base = o.cell(segment=o.base_segment)
    b.add("product", o.rel, now, o.aux("s"), base)
    b.cells.append(base)


STAT = Statistic("share_pct", "share of {flow}", SHARE, units=("pct",), family="share",
                 relation="share", base="segment", precedence=10, constrain=constrain)
