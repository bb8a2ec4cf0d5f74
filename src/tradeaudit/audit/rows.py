"""Figure rows as dicts, made once and many at a time, and the unit a row is printed in."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pandas as pd

from tradeaudit.model.units import Unit, parse_unit


class Rows:
    """Figure rows as dicts, each made once (frame.iloc costs tens of microseconds a row);
    `fetch` makes many at once."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.made: dict[int, dict] = {}

    def fetch(self, rows) -> None:
        """Make the dicts of these rows (those not made yet), all at once."""
        new = [int(i) for i in rows if int(i) not in self.made]
        if new:
            sub = self.frame.take(new)
            names = list(sub.columns)
            cols = [sub[c].tolist() for c in names]  # per column: far faster than to_dict
            self.made.update(zip(new, (dict(zip(names, values)) for values in zip(*cols))))

    def __getitem__(self, i) -> dict:
        i = int(i)
        if i not in self.made:
            self.fetch([i])
        return self.made[i]


def unit_of(row) -> tuple[Unit, Decimal]:
    """A figure's unit and its factor to base units; `shared` for a published table's cell
    (its unit is the table's: row `header`, the column's headings, is set)."""
    unit = parse_unit(row["unit"])
    if row.get("header"):
        unit = replace(unit, shared=True)
    return unit, Decimal(str(float(row["factor"]))) if unit.kind != "currency" else unit.factor
