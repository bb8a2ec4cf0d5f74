"""Units and scales: what a figure's `unit` column means and how it converts to base units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tradeaudit.stats import REGISTRY

SCALES: dict[str, Decimal] = {
    "": Decimal(1), "k": Decimal(10) ** 3, "10k": Decimal(10) ** 4, "m": Decimal(10) ** 6,
    "100m": Decimal(10) ** 8, "bn": Decimal(10) ** 9, "tn": Decimal(10) ** 12,
}
# Scales a reader meets for each currency, in the order a suggestion prefers them.
SCALE_WORDS = {"k": "thousand", "10k": "만", "m": "million", "100m": "억", "bn": "billion",
               "tn": "trillion", "": ""}
# A ratio flow's level or change is printed in ratio, pct or pp; statistics add their own.
DIMENSIONLESS = tuple(dict.fromkeys(("pct", "pp", "ratio") + tuple(
    u for s in REGISTRY.values() for u in s.units)))
_CURRENCY = re.compile(r"^([A-Z]{3})(?:_(k|10k|m|100m|bn|tn))?$")
# The amounts of a table that prints no unit anywhere: read as printed, in one unit of their
# own that nothing converts to a currency or rescales (no currency is made up for them), so
# the table's own sums and shares are still checked.
UNSTATED = "unstated"


@dataclass(frozen=True, slots=True)
class Unit:
    """A parsed unit: a dimensionless kind, or a currency with a scale."""

    text: str
    kind: str  # "currency" or one of DIMENSIONLESS
    currency: str = ""
    scale: str = ""
    # Printed once for many figures (a published table's unit line or heading), not beside
    # each: one figure's scale cannot slip alone.
    shared: bool = False

    @property
    def factor(self) -> Decimal:
        return SCALES[self.scale]

    @property
    def stated(self) -> bool:
        """Whether the unit is known (not the `unstated` amounts of a table naming none)."""
        return self.text != UNSTATED

    def with_scale(self, scale: str) -> Unit:
        if not self.stated:
            return self  # (its scale is as unknown as its currency)
        return Unit(f"{self.currency}_{scale}" if scale else self.currency, self.kind,
                    self.currency, scale, self.shared)


def parse_unit(text: str) -> Unit:
    """Read a unit (`pct`, `USD_bn`, `KRW_100m`, ...); ValueError quoting it when unknown."""
    if text in DIMENSIONLESS:
        return Unit(text, text)
    if text == UNSTATED:
        return Unit(text, "currency", UNSTATED)
    m = _CURRENCY.match(text)
    if not m:
        raise ValueError(
            f"unknown unit {text!r}: use {', '.join(DIMENSIONLESS)} or a currency code "
            f"with an optional scale (USD_bn, KRW_tn, KRW_100m, EUR_m), or {UNSTATED}")
    return Unit(text, "currency", m.group(1), m.group(2) or "")
