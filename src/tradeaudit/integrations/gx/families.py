"""The rule families: each suite rule type's class, and the discrepancies that make it fail."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping

from tradeaudit.model.rules import parse_identity
from tradeaudit.solve.relation import FAMILY_CODE
from tradeaudit.stats import REGISTRY

# Expectation type -> class name (the suite's own types; the standard ones come with GE).
CLASS_NAMES = {
    "expect_flow_identity": "ExpectFlowIdentity",
    "expect_flows_nonnegative": "ExpectFlowsNonnegative",
    "expect_growth_consistent": "ExpectGrowthConsistent",
    "expect_share_consistent": "ExpectShareConsistent",
    "expect_rank_consistent": "ExpectRankConsistent",
    "expect_conversion_consistent": "ExpectConversionConsistent",
    "expect_figures_jointly_consistent": "ExpectFiguresJointlyConsistent",
    "expect_segments_sum": "ExpectSegmentsSum",
    "expect_periods_sum": "ExpectPeriodsSum",
}
# Discrepancy codes by expectation family (identities are matched by their own relation).
GROWTH_CODES = frozenset(s.finding.code for s in REGISTRY.values() if s.family == "growth")
SHARE_CODES = frozenset(s.finding.code for s in REGISTRY.values() if s.family == "share")
CONVERSION_CODES = frozenset({FAMILY_CODE["conversion"]})
RANK_CODES = frozenset({"rank-mismatch"})
FAMILY_CODES = {"expect_growth_consistent": GROWTH_CODES,
                "expect_share_consistent": SHARE_CODES,
                "expect_conversion_consistent": CONVERSION_CODES,
                "expect_rank_consistent": RANK_CODES,
                "expect_segments_sum": frozenset({FAMILY_CODE["segment-sum"]}),
                "expect_periods_sum": frozenset({FAMILY_CODE["period-sum"]})}


def family_failures(summary: Mapping, etype: str, kwargs: Mapping) -> list[dict]:
    """The error discrepancies that make the expectation `etype` (with `kwargs`) fail."""
    errors = [d for d in summary.get("discrepancies", []) if d["severity"] == "error"]
    if etype == "expect_figures_jointly_consistent":
        return errors
    if etype == "expect_flow_identity":
        ident = parse_identity(kwargs["identity"])
        return [d for d in errors if d["code"] == FAMILY_CODE[ident.op]
                and d["relation"].startswith(ident.text)]
    if etype == "expect_flows_nonnegative":
        # A bound: a level of a listed flow printed negative, whatever relation it broke.
        flows = set(kwargs.get("flows", []))
        return [d for d in errors if d["flow"] in flows and d["stat"] == "level"
                and d["negative"]]
    codes = FAMILY_CODES[etype]
    return [d for d in errors if d["code"] in codes]


def expected_success(summary: Mapping, etype: str, kwargs: Mapping) -> bool:
    """Whether the expectation holds: no error of its family (no error at all, when joint)."""
    if summary.get("error"):
        return False
    return not family_failures(summary, etype, kwargs)


_DEFINED: dict[str, type] = {}
_DEFINE_LOCK = threading.Lock()


def define() -> dict[str, type]:
    """Import great_expectations and register the metric and the nine expectations (once);
    the classes by name."""
    with _DEFINE_LOCK:
        if not _DEFINED:
            os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
            from tradeaudit.integrations.gx.expectations import CLASSES

            _DEFINED.update(CLASSES)
        return _DEFINED
