"""rank: a segment's rank among its siblings along a dimension (its `base`)."""

from __future__ import annotations

from tradeaudit.model.findings import RANK
from tradeaudit.stats.statistic import Statistic

# No relation: ranks constrain nothing while propagating and are checked on the result.
STAT = Statistic("rank", "rank of {flow}", RANK, units=("rank",), base="dimension")
