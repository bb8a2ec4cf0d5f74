"""The revision check as Great Expectations' metric: the batch (the new vintage) against a
previous vintage, and the changes beyond rounding outside the periods declared revised.

Nothing here imports great_expectations: the metric class that GE calls (`TradeauditRevisions`,
in `expectations`) only hands the batch's DataFrame to `revisions_summary`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from tradeaudit.audit.revisions import compare, vintage_frame
from tradeaudit.audit.wording import describe
from tradeaudit.data import GAZETTEER
from tradeaudit.errors import TradeAuditError
from tradeaudit.integrations.gx.metric import DEFAULT_RULES, table_from_frame
from tradeaudit.model.rules import load_rules
from tradeaudit.model.words import amount, language
from tradeaudit.read.previous import load_vintage

REVISIONS_METRIC = "tradeaudit.revisions"
REVISIONS_TYPE = "expect_no_unannounced_revisions"
SHOWN = 8  # revisions named in the observed value (all of them in the details and the table)
CELL = ("figure", "previous_figure", "period", "segment", "flow", "stat", "currency", "before",
        "after", "class")


def _failed(error: str, previous: Sequence[str], revised_periods: str) -> dict:
    return {"error": error, "previous": list(previous), "revised_periods": revised_periods,
            "counts": {}, "unannounced": []}


def revisions_summary(frame: pd.DataFrame, rules_path: str | Path | None,
                      previous: Sequence[str], revised_periods: str = "",
                      reading: Mapping | None = None) -> dict:
    """The metric: what changed from the previous vintage (its files, or the state file of its
    audit) to the batch, with every change beyond rounding not declared revised (by
    `revised_periods` or the batch's `revised` column), as JSON values.

    Never raises for bad input: a previous vintage, a batch or a suite that cannot be read
    gives {"error": ...}, and the expectation fails with that message.
    """
    reading = dict(reading or {})
    previous = [str(p) for p in previous]
    try:
        rules = load_rules(Path(rules_path) if rules_path else DEFAULT_RULES)
    except TradeAuditError as e:
        return _failed(f"the rules cannot be read: {e}", previous, revised_periods)
    try:
        old, inputs = load_vintage([Path(p) for p in previous], rules,
                                   Path(reading.get("gazetteer") or GAZETTEER),
                                   reading.get("published"), reading.get("encoding"))
    except TradeAuditError as e:
        return _failed(f"the previous release cannot be read: {e}", previous, revised_periods)
    try:
        new = vintage_frame(table_from_frame(frame, rules).frame)
        rev = compare(old, new, inputs, revised_periods)
    except (TradeAuditError, ValueError) as e:  # (ValueError: --revised-periods unreadable)
        return _failed(f"the figure table cannot be compared: {e}", previous, revised_periods)
    unannounced = [{k: x[k] for k in CELL} for x in rev.changed
                   if not x["announced"] and x["class"] != "within-rounding"]
    return {"error": None, "previous": previous, "revised_periods": revised_periods,
            "counts": rev.counts(), "unannounced": unannounced}


def printing(side: Mapping) -> str:
    """A printed value in the release's words (`$8.7 billion`, `7.5%`)."""
    return amount(str(side["printed"]), str(side["unit"]), language(str(side["unit"])))


def revision_text(x: Mapping) -> str:
    """`a10 imports (USD), total, 2023-03: $8.5 billion → $8.7 billion [revision]`."""
    return (f"{x['figure']} {describe(x)}: {printing(x['before'])} \u2192 "
            f"{printing(x['after'])} [{x['class']}]")


def revisions_outcome(summary: Mapping) -> str:
    """The observed value of the expectation as a sentence."""
    if summary.get("error"):
        return f"the revisions cannot be checked: {summary['error']}"
    found = summary["unannounced"]
    counts = summary["counts"]
    if not found:
        revised = counts["matched"] - counts["unchanged"] - counts["within_rounding"]
        return (f"holds: {counts['matched']} figures printed in both releases, {revised} "
                "revised beyond rounding, none outside the periods declared revised")
    shown = "; ".join(revision_text(x) for x in found[:SHOWN])
    more = f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    return f"failing: {len(found)} unannounced: {shown}{more}"


def revisions_sentence(kwargs: Mapping) -> str:
    """What the expectation says, in words (the prescriptive text of Data Docs)."""
    previous = kwargs.get("previous") or ["?"]
    names = ", ".join(Path(str(p)).name for p in (
        previous if isinstance(previous, (list, tuple)) else [previous]))
    declared = kwargs.get("revised_periods") or ""
    where = (f"outside the periods declared revised ({declared}) or flagged in the `revised` "
             "column" if declared else "unless flagged in the `revised` column (no period "
             "is declared revised)")
    return (f"no figure printed in the previous release ({names}) is revised beyond both "
            f"printings' precision {where}")


def revisions_rows(summary: Mapping) -> list[list[str]]:
    """The unannounced revisions as the rows of Data Docs' table."""
    return [[x["figure"], x["period"], x["segment"],
             f"{x['flow']} ({x['currency']})" if x["currency"] else x["flow"], x["stat"],
             printing(x["before"]), printing(x["after"]), x["class"], x["previous_figure"]]
            for x in summary.get("unannounced") or []]


REVISIONS_HEADER = ["figure", "period", "segment", "flow", "stat", "before", "after", "class",
                    "previous figure"]
