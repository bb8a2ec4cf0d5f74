"""Relations between cells: a figure table plus rules become one system of interval constraints.

Every (currency, period, segment, flow) is a cell variable; every figure has a variable of its
own, pinned to its printed interval; statistics add auxiliary variables. All relations reduce
to three primitive kinds, kept as index arrays so the engine can propagate them in bulk:

    affine   z = (x + add) / div      (a figure's level, 1 + growth/100, share/100)
    sum      z = x + y                (identities, changes; a difference is a sum turned round)
    product  z = x * y                (ratios, growth factors, shares, multiples, conversions)

The stages live beside this module: keys (variable keys as integers, numbered, as text),
build (the constraint builder), system (System), hubs (cutting a system at its hubs) and
labels (relation labels, made when asked); the names other packages use are here.
"""

from __future__ import annotations

from tradeaudit.solve.build import KINDS, STAT_RELATION, build_system
from tradeaudit.solve.system import System, distinct_pairs
from tradeaudit.solve.texts import text_series

__all__ = ["FAMILY_CODE", "KINDS", "STAT_RELATION", "System", "build_system", "distinct_pairs",
           "text_series"]

# Discrepancy codes by the family of the relation that fails (documented in the README).
FAMILY_CODE = {
    "sum": "sum-mismatch", "difference": "difference-mismatch", "ratio": "ratio-mismatch",
    "product": "product-mismatch", "growth": "growth-mismatch", "change": "change-mismatch",
    "share": "share-mismatch", "change-share": "share-mismatch",
    "multiple": "multiple-mismatch", "conversion": "conversion-mismatch",
    "level": "joint-inconsistency", "derived": "joint-inconsistency",
    "segment-sum": "segment-sum-mismatch", "period-sum": "period-sum-mismatch",
    "share-sum": "share-mismatch",
}
