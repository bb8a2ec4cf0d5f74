"""level: the value of a flow itself (`exports were USD 62.4 bn`)."""

from __future__ import annotations

from tradeaudit.model.findings import JOINT
from tradeaudit.stats.statistic import Operands, Statistic


def constrain(b, o: Operands) -> None:
    """The figure is its cell's value."""
    here = o.cell()
    b.add("affine", o.rel, o.figure, here)
    b.cells.append(here)


STAT = Statistic("level", "{flow}", JOINT, relation="level", precedence=90,
                 constrain=constrain)
