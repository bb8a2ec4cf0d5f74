"""Great Expectations: tradeaudit's rules as custom expectations, a checkpoint, Data Docs.

The only package that imports great_expectations, and only when it is used: `load_suite`,
`run_checkpoint` or one of the expectation classes (`gx.ExpectFlowIdentity`, ...) first asked
for. Importing it costs no more than the table loader.

Each rule type of a suite (expect_flow_identity, ...) is a BatchExpectation (`expectations`).
All of them depend on one table metric, `tradeaudit.audit`: the engine run on the batch's figure
table with the suite's rules (`metric`). Great Expectations resolves a metric once per validation
for all expectations that need it, and a small cache keyed by the table's and the rules' content
makes sure the engine runs once even when expectations are validated one by one. An expectation
succeeds when no error-severity discrepancy of its family is found (`families`; the joint one:
when the audit's verdict is `consistent`); its result lists the failing figures, printed values
and expected intervals (`sentences`). `suite` reads suites strictly; `checkpoint` validates and
builds Data Docs.

`expect_no_unannounced_revisions` (`ExpectNoUnannouncedRevisions`) compares the batch, as the new
release, with a previous vintage (its tables or texts, or a state file) through its own metric,
`tradeaudit.revisions` (`revisions`): it fails on any figure revised beyond rounding outside the
periods declared revised, and lists those cells. `with_revisions` adds it to a suite.
"""

from __future__ import annotations

from tradeaudit.integrations.gx.checkpoint import (
    SITE,
    Agreement,
    CheckpointRun,
    batch_frame,
    compare_with_engine,
    data_docs,
    docs_summary,
    run_checkpoint,
    validate_frame,
)
from tradeaudit.integrations.gx.families import (
    CLASS_NAMES,
    CONVERSION_CODES,
    GROWTH_CODES,
    RANK_CODES,
    SHARE_CODES,
    define,
    expected_success,
    family_failures,
)
from tradeaudit.integrations.gx.metric import _CACHE as _CACHE  # benchmarks clear it
from tradeaudit.integrations.gx.metric import (
    DEFAULT_RULES,
    ENGINE_RUNS,
    METRIC,
    as_strings,
    audit_summary,
    run_engine,
    summarize,
    table_from_frame,
)
from tradeaudit.integrations.gx.revisions import (
    REVISIONS_METRIC,
    REVISIONS_TYPE,
    revision_text,
    revisions_outcome,
    revisions_summary,
)
from tradeaudit.integrations.gx.sentences import (
    describe_failure,
    fmt_interval,
    outcome,
    rule_sentence,
)
from tradeaudit.integrations.gx.suite import load_suite, suite_from_dict, with_revisions
from tradeaudit.model.rules import parse_identity

__all__ = [
    "CLASS_NAMES", "CONVERSION_CODES", "DEFAULT_RULES", "ENGINE_RUNS", "GROWTH_CODES", "METRIC",
    "RANK_CODES", "REVISIONS_METRIC", "REVISIONS_TYPE", "SHARE_CODES", "SITE", "Agreement",
    "CheckpointRun", "as_strings", "audit_summary", "batch_frame", "compare_with_engine",
    "data_docs", "define", "describe_failure", "docs_summary", "expected_success",
    "family_failures", "fmt_interval", "load_suite", "outcome", "parse_identity",
    "revision_text", "revisions_outcome", "revisions_summary", "rule_sentence",
    "run_checkpoint", "run_engine", "suite_from_dict", "summarize", "table_from_frame",
    "validate_frame", "with_revisions",
]
# Defined on first use with great_expectations (besides the nine rule expectations).
OTHER_CLASSES = ("ExpectNoUnannouncedRevisions", "TradeauditAudit", "TradeauditRevisions")


def __getattr__(name: str) -> type:
    """`tradeaudit.integrations.gx.ExpectFlowIdentity` and the others, defined on first use."""
    if name in CLASS_NAMES.values() or name in OTHER_CLASSES:
        return define()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
