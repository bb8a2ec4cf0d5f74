"""Statistic: what one `stat` of the figure table means, from its units to its constraints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (numpy is not imported at the command line's start)
    import numpy as np

from tradeaudit.model.findings import Finding

BASES = ("period", "segment", "flow", "dimension")  # what a figure's `base` column can name


@dataclass(frozen=True)
class Operands:
    """A statistic's figures as the build codes them, one entry per figure: the relation
    ids, rows, the figures' own variables and the codes their cells are made of."""

    keys: Any  # the build's solve.keys.Keys
    rel: np.ndarray
    rows: np.ndarray
    figure: np.ndarray  # each figure's own variable (its printed interval)
    cur: np.ndarray  # the currency it is computed in (the figure's own, for an amount)
    period: np.ndarray
    prev: np.ndarray  # the same period a year earlier
    segment: np.ndarray
    flow: np.ndarray
    base_period: np.ndarray  # (-1 where the base is no period)
    base_segment: np.ndarray  # (the figure's own segment where the base is none)
    base_flow: np.ndarray  # (the figure's own flow where the base is none)
    # Compared with the same period a year earlier (prev); False where a growth or change
    # names its own base period (a month-on-month rate). None: all are.
    yoy: np.ndarray | None = None

    def on_year(self) -> np.ndarray:
        """Which figures compare with the same period a year earlier (a boolean mask)."""
        import numpy as np

        return np.ones(len(self.rel), dtype=bool) if self.yoy is None else self.yoy

    def cell(self, period=None, segment=None, flow=None) -> np.ndarray:
        """Each figure's cell, or the cell of the period, segment or flow given instead."""
        return self.keys.cell(self.cur, self.period if period is None else period,
                              self.segment if segment is None else segment,
                              self.flow if flow is None else flow)

    def aux(self, name: str) -> np.ndarray:
        """Each figure's auxiliary variable `name` (q, g or s)."""
        return self.keys.aux(self.rows, name)


@dataclass(frozen=True)
class Statistic:
    """One statistic a figure can print: its name in the `stat` column, the units it may be
    printed in, the rules that enable it, the relation it adds and what that reports."""

    name: str
    words: str  # what a figure of it states: "growth of {flow}"
    finding: Finding  # what a failed relation of it reports
    units: tuple[str, ...] = ()  # (): the flow's own, a currency or a ratio flow's units
    family: str = ""  # the rules family enabling it (expect_<family>_consistent); "": its own
    relation: str = ""  # the family of its relations; "": it constrains nothing (a rank)
    base: str = ""  # what its `base` column names (one of BASES), "" when it has none
    precedence: int = 0  # of several relations a figure breaks, the lowest is named first
    # Compared with an earlier period: the same one a year earlier, or the period its `base`
    # names when it names one (a month-on-month rate).
    compared: bool = False
    # Adds its constraints: constrain(builder, operands) with the solve.build.Builder.
    constrain: Callable[[Any, Operands], None] | None = None

    def __post_init__(self) -> None:
        if not self.words.endswith("{flow}") or self.base not in BASES + ("",):
            raise ValueError(f"statistic {self.name!r}: words end in {{flow}}, base is one "
                             f"of {', '.join(BASES)}")

    @property
    def amount(self) -> bool:
        """Printed in its flow's own unit (an amount, or a ratio flow's value)."""
        return not self.units

    def describe(self, flow: str) -> str:
        """What a figure of it states, in words: `growth of exports`."""
        return self.words.format(flow=flow)
