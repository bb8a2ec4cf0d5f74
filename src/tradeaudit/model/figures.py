"""Figures: the validated figure table (contract 1) and its vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradeaudit.model.periods import PERIOD  # noqa: F401 - contract 1 names it here
from tradeaudit.stats import REGISTRY

REQUIRED = ("id", "period", "segment", "flow", "stat", "value", "unit")
OPTIONAL = ("base", "qualifier", "source")
STATS = tuple(REGISTRY)
_PAIR = re.compile(r"^[A-Za-z_][\w.-]*=[^;=]+$")
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' `str`: what read_csv gives
# The units each stat may be printed in. A unit outside this map is not interpretable (exit 2);
# `pp` for the change of a ratio is interpretable but wrong, and becomes a unit-misuse warning.
STAT_UNITS = {s.name: set(s.units) for s in REGISTRY.values() if s.units}


@dataclass(frozen=True)
class Table:
    """A validated figure table: the rows as read plus derived, engine-ready columns."""

    frame: pd.DataFrame
    paths: tuple[str, ...]
    digests: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.frame)


def canonical_segment(text: str) -> str:
    """`total`, or `dim=member` pairs sorted by dimension; "" when malformed."""
    s = text.strip()
    if s == "total":
        return s
    pairs = [p.strip() for p in s.split(";")]
    if not pairs or not all(_PAIR.match(p) for p in pairs):
        return ""
    dims = [p.split("=", 1)[0] for p in pairs]
    if len(set(dims)) != len(dims):
        return ""
    return ";".join(sorted(f"{d}={p.split('=', 1)[1].strip()}" for d, p in zip(dims, pairs)))
