"""Statistics: one module per `stat` of the figure table, and the registry the rest reads.

Adding a statistic is one module here (its Statistic: units, rules family, relation, finding,
words and constraints), one entry in REGISTRY, and its test.
"""

from __future__ import annotations

from tradeaudit.stats import (
    change,
    change_share_pct,
    flow_share_pct,
    growth_pct,
    level,
    multiple,
    rank,
    share_pct,
)
from tradeaudit.stats.statistic import BASES, Operands, Statistic

__all__ = ["AMOUNTS", "BASES", "COMPARED", "REGISTRY", "Operands", "Statistic", "get", "with_base"]

# In the order the table's vocabulary lists them.
REGISTRY: dict[str, Statistic] = {s.name: s for s in (
    level.STAT, growth_pct.STAT, change.STAT, share_pct.STAT, change_share_pct.STAT,
    multiple.STAT, rank.STAT, flow_share_pct.STAT,
)}
# The statistics printed in their flow's own unit (a currency, or a ratio flow's).
AMOUNTS = tuple(s.name for s in REGISTRY.values() if s.amount)
# The statistics compared with an earlier period (a year earlier, or the `base` period).
COMPARED = tuple(s.name for s in REGISTRY.values() if s.compared)


def get(name: str) -> Statistic:
    """The statistic called `name`; KeyError naming the known ones when none is."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown stat {name!r}; known: {', '.join(REGISTRY)}") from None


def with_base(kind: str) -> tuple[str, ...]:
    """The statistics whose `base` names a `kind` (one of BASES)."""
    return tuple(s.name for s in REGISTRY.values() if s.base == kind)
