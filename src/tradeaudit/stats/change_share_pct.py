"""change_share_pct: a segment's share in percent of its base segment's change."""

from __future__ import annotations

from tradeaudit.model.findings import SHARE
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """x - x0 = s/100 * (x_base - x0_base)."""
    now = o.cell()
    b.cells.append(now)
    b.add("affine", o.rel, o.aux("s"), o.figure, div=100.0)
    before = o.cell(period=o.prev)
    base = o.cell(segment=o.base_segment)
    base0 = o.cell(period=o.prev, segment=o.base_segment)
    dx = b.delta(o.cur, o.period, o.prev, o.segment, o.flow)
    db = b.delta(o.cur, o.period, o.prev, o.base_segment, o.flow)
    b.add("product", o.rel, dx, o.aux("s"), db)
    b.cells += [before, base, base0]


STAT = Statistic("change_share_pct", "share of the change of {flow}", SHARE, units=("pct",),
                 family="share", relation="change-share", base="segment", precedence=20,
                 constrain=constrain)
