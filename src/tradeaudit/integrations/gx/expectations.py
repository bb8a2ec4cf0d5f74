"""The Great Expectations classes: the `tradeaudit.audit` metric and the nine rule expectations,
and the `tradeaudit.revisions` metric with `expect_no_unannounced_revisions`.

Importing this module imports great_expectations and registers the classes with it; the package
does so on first use (`tradeaudit.integrations.gx.families.define`), never at its own import.
Each rule type of a suite is a BatchExpectation of one family that reads the metric's summary.
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import PurePath
from typing import ClassVar, Literal

from great_expectations.compatibility import pydantic
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import (
    BatchExpectation,
    render_suite_parameter_string,
)
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.render import (
    LegacyDiagnosticRendererType,
    LegacyRendererType,
    RenderedStringTemplateContent,
    RenderedTableContent,
)
from great_expectations.render.renderer.renderer import renderer
from great_expectations.render.renderer_configuration import (
    RendererConfiguration,
    RendererValueType,
)

from tradeaudit.audit.revisions import parse_periods
from tradeaudit.integrations.gx.families import expected_success, family_failures
from tradeaudit.integrations.gx.metric import METRIC, audit_summary
from tradeaudit.integrations.gx.revisions import (
    REVISIONS_HEADER,
    REVISIONS_METRIC,
    revisions_outcome,
    revisions_rows,
    revisions_sentence,
    revisions_summary,
)
from tradeaudit.integrations.gx.sentences import fmt_interval, outcome, rule_sentence
from tradeaudit.model.rules import IDENTITY, IDENTITY_FORM, STAT_FAMILY

# The statistics each family's expectation may list (Literal of a tuple: of its items).
GROWTH_STATS = tuple(s for s, family in STAT_FAMILY.items() if family == "growth")
SHARE_STATS = tuple(s for s, family in STAT_FAMILY.items() if family == "share")


class TradeauditAudit(TableMetricProvider):
    """The engine's audit of the batch's figure table, summarized as JSON values."""

    metric_name = METRIC
    value_keys = ("rules", "audit_options")

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics,
                runtime_configuration):
        """The summary of the batch's table (the engine runs once per table and rules)."""
        df, _, _ = execution_engine.get_compute_domain(
            domain_kwargs=metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE)
        return audit_summary(df, metric_value_kwargs.get("rules"),
                             metric_value_kwargs.get("audit_options"))


class TradeauditRevisions(TableMetricProvider):
    """The batch compared with a previous vintage: its unannounced revisions, as JSON values."""

    metric_name = REVISIONS_METRIC
    value_keys = ("rules", "previous", "revised_periods", "reading")

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics,
                runtime_configuration):
        """The summary of the batch's revisions since the previous vintage."""
        df, _, _ = execution_engine.get_compute_domain(
            domain_kwargs=metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE)
        return revisions_summary(df, metric_value_kwargs.get("rules"),
                                 metric_value_kwargs.get("previous") or [],
                                 metric_value_kwargs.get("revised_periods") or "",
                                 metric_value_kwargs.get("reading"))


def _kwargs(configuration) -> dict:
    """An expectation configuration's kwargs ({} without one)."""
    return dict(getattr(configuration, "kwargs", None) or {})


class _Worded(BatchExpectation):
    """A tradeaudit expectation in Data Docs: the rule in words, what was found, and a table
    of the figures that make it fail (abstract base)."""

    library_metadata: ClassVar[dict] = {
        "maturity": "experimental", "tags": ["tradeaudit", "consistency"],
        "contributors": ["tradeaudit"], "requirements": [],
    }
    # The failing figures' table in Data Docs: its title and header.
    failing_title: ClassVar[str] = "Failing figures"
    failing_header: ClassVar[list[str]] = ["figure", "printed", "expected", "code", "why"]

    @classmethod
    def _failing_rows(cls, details: dict) -> list[list[str]]:
        """The rows of the failing figures' table, from the result's details."""
        return [[d["figure"], f"{d['printed']} {d.get('unit') or ''}".strip(),
                 fmt_interval(d.get("low"), d.get("high")), d["code"], d["message"]]
                for d in details.get("failing") or []]

    @classmethod
    def _sentence(cls, kwargs: dict) -> str:
        """What the expectation says, in words."""
        return rule_sentence(cls.expectation_type, kwargs)

    @classmethod
    def _prescriptive_template(cls, renderer_configuration: RendererConfiguration
                               ) -> RendererConfiguration:
        """The rule in words, for GE's newer renderers."""
        sentence = cls._sentence(dict(renderer_configuration.kwargs or {}))
        renderer_configuration.add_param(name="rule", param_type=RendererValueType.STRING,
                                         value=sentence)
        renderer_configuration.template_str = "$rule."
        return renderer_configuration

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    @render_suite_parameter_string
    def _prescriptive_renderer(cls, configuration=None, result=None,
                               runtime_configuration=None, **kwargs):
        """The rule in words, for the suite's and the validation's Data Docs pages."""
        if configuration is None and result is not None:
            configuration = result.expectation_config
        sentence = cls._sentence(_kwargs(configuration))
        styling = (runtime_configuration or {}).get("styling", {})
        return [RenderedStringTemplateContent(
            content_block_type="string_template",
            string_template={"template": sentence.replace("$", "$$") + ".",
                             "params": {}, "styling": styling})]

    @classmethod
    @renderer(renderer_type=LegacyDiagnosticRendererType.OBSERVED_VALUE)
    def _diagnostic_observed_value_renderer(cls, configuration=None, result=None,
                                            runtime_configuration=None, **kwargs) -> str:
        """What was found, as a sentence ("--" before validation)."""
        if result is None or not result.result:
            return "--"
        return str(result.result.get("observed_value", "--"))

    @classmethod
    @renderer(renderer_type=LegacyDiagnosticRendererType.UNEXPECTED_TABLE)
    def _diagnostic_unexpected_table_renderer(cls, configuration=None, result=None,
                                              runtime_configuration=None, **kwargs):
        """The failing figures as a table (none when the rule holds)."""
        details = ((result.result or {}).get("details") or {}) if result else {}
        rows = cls._failing_rows(details)
        if not rows:
            return None
        return [RenderedTableContent(
            content_block_type="table",
            header={"content_block_type": "string_template", "string_template": {
                "template": cls.failing_title, "tag": "h6"}},
            header_row=list(cls.failing_header), table=rows,
            styling={"body": {"classes": ["table-bordered", "table-sm", "mt-3"]}})]


class TradeauditExpectation(_Worded):
    """A reconciliation rule checked by tradeaudit's engine (abstract base)."""

    rules: str | None = pydantic.Field(
        default=None, description="the suite JSON whose rules the engine solves "
        "jointly (load_suite fills it in; default: the bundled technology suite)")
    audit_options: dict | None = pydantic.Field(
        default=None, description="engine options: rates (file), policy, date")

    metric_dependencies = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("rules", "audit_options")

    @classmethod
    @abstractmethod
    def _family(cls) -> str:
        """The family name shown in reports."""

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None,
                  execution_engine=None) -> dict:
        """Success when no error of the family; the failing figures as the result."""
        summary = metrics[METRIC]
        kwargs = self.configuration.kwargs
        failures = [] if summary.get("error") else family_failures(
            summary, self.expectation_type, kwargs)
        return {"success": expected_success(summary, self.expectation_type, kwargs),
                "result": {"observed_value": outcome(summary, failures),
                           "details": {"family": self._family(),
                                       "verdict": summary.get("verdict"),
                                       "error": summary.get("error"),
                                       "failing": failures}}}


class ExpectFlowIdentity(TradeauditExpectation):
    """Expect an identity between flows (`volume = exports + imports`) to hold."""

    identity: str = pydantic.Field(description="result = left (+|-|/|*) right")
    success_keys: ClassVar[tuple[str, ...]] = ("identity", "rules", "audit_options")
    args_keys: ClassVar[tuple[str, ...]] = ("identity",)

    @pydantic.validator("identity")
    def _readable(cls, v: str) -> str:
        """The identity as the suite writes it, or a ValueError saying the form."""
        if not IDENTITY.match(str(v)):
            raise ValueError(f"{IDENTITY_FORM}, not {v!r}")
        return v

    @classmethod
    def _family(cls) -> str:
        return "identity"


class ExpectFlowsNonnegative(TradeauditExpectation):
    """Expect the levels of these flows never to be negative."""

    flows: list[str] = pydantic.Field(description="flows whose levels are >= 0")
    success_keys: ClassVar[tuple[str, ...]] = ("flows", "rules", "audit_options")
    args_keys: ClassVar[tuple[str, ...]] = ("flows",)

    @classmethod
    def _family(cls) -> str:
        return "nonnegative"


class ExpectGrowthConsistent(TradeauditExpectation):
    """Expect growth rates, changes and multiples to agree with the levels."""

    stats: list[Literal[GROWTH_STATS]] = pydantic.Field(
        description="the statistics checked")
    success_keys: ClassVar[tuple[str, ...]] = ("stats", "rules", "audit_options")
    args_keys: ClassVar[tuple[str, ...]] = ("stats",)

    @classmethod
    def _family(cls) -> str:
        return "growth"


class ExpectShareConsistent(TradeauditExpectation):
    """Expect shares (of a level, or of its change) to agree with the levels."""

    stats: list[Literal[SHARE_STATS]] = pydantic.Field(
        description="the statistics checked")
    success_keys: ClassVar[tuple[str, ...]] = ("stats", "rules", "audit_options")
    args_keys: ClassVar[tuple[str, ...]] = ("stats",)

    @classmethod
    def _family(cls) -> str:
        return "share"


class ExpectRankConsistent(TradeauditExpectation):
    """Expect ranks to agree with the siblings whose levels are known."""

    @classmethod
    def _family(cls) -> str:
        return "rank"


class ExpectConversionConsistent(TradeauditExpectation):
    """Expect amounts in other currencies to convert at the policy's rate."""

    policy: Literal["document", "annual", "date"] = pydantic.Field(
        description="one rate per document, the reference rate per year, or of a date")
    success_keys: ClassVar[tuple[str, ...]] = ("policy", "rules", "audit_options")
    args_keys: ClassVar[tuple[str, ...]] = ("policy",)

    @classmethod
    def _family(cls) -> str:
        return "conversion"


class ExpectSegmentsSum(TradeauditExpectation):
    """Expect a dimension's members to sum to their total (at most to it when not all)."""

    dimension: str = pydantic.Field(description="the dimension whose members sum")
    total: str = pydantic.Field("", description="a member code standing for the whole")
    exhaustive: bool = pydantic.Field(False, description="the members listed are all")
    bound: bool = pydantic.Field(True, description="not all: members at most the total")
    residual: list[str] | None = pydantic.Field(None, description="members for the rest")
    flows: list[str] | None = pydantic.Field(None, description="the flows summed")
    success_keys: ClassVar[tuple[str, ...]] = ("dimension", "rules", "audit_options")
    args_keys: ClassVar[tuple[str, ...]] = ("dimension",)

    @classmethod
    def _family(cls) -> str:
        return "segments"


class ExpectPeriodsSum(TradeauditExpectation):
    """Expect months, quarters and halves to sum to the period containing them."""

    flows: list[str] | None = pydantic.Field(None, description="the flows summed")

    @classmethod
    def _family(cls) -> str:
        return "periods"


class ExpectFiguresJointlyConsistent(TradeauditExpectation):
    """Expect all figures to hold together (the audit's verdict is `consistent`)."""

    @classmethod
    def _family(cls) -> str:
        return "joint"


class ExpectNoUnannouncedRevisions(_Worded):
    """Expect no figure of the previous release to be revised beyond rounding outside the
    periods the release declares revised (the batch is the new release)."""

    previous: list[str] = pydantic.Field(
        description="the previous release: its figure tables or release texts, or the state "
        "file of its audit (--save-state)")
    revised_periods: str = pydantic.Field(
        "", description="the periods declared revised: periods and ranges joined by commas "
        "(2023,2024-01..2024-12)")
    rules: str | None = pydantic.Field(
        default=None, description="the suite JSON the vintages are read with (flows, ratio "
        "flows; default: the bundled technology suite)")
    reading: dict | None = pydantic.Field(
        default=None, description="how a previous release text is read: gazetteer (file), "
        "published (YYYY-MM-DD), encoding")

    metric_dependencies = (REVISIONS_METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("previous", "revised_periods", "rules",
                                               "reading")
    args_keys: ClassVar[tuple[str, ...]] = ("previous",)
    failing_title: ClassVar[str] = "Unannounced revisions"
    failing_header: ClassVar[list[str]] = list(REVISIONS_HEADER)

    @pydantic.validator("previous", pre=True)
    def _paths(cls, v: object) -> object:
        """One path, or a list of them (a release printed in several files)."""
        if isinstance(v, (str, PurePath)):
            return [str(v)]
        if isinstance(v, (list, tuple)):
            return [str(p) if isinstance(p, PurePath) else p for p in v]
        return v

    @pydantic.validator("previous")
    def _some(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("previous names no file")
        return v

    @pydantic.validator("revised_periods")
    def _periods(cls, v: str) -> str:
        """Periods and ranges as --revised-periods reads them, or a ValueError quoting one."""
        parse_periods(v)
        return v

    @classmethod
    def _sentence(cls, kwargs: dict) -> str:
        return revisions_sentence(kwargs)

    @classmethod
    def _failing_rows(cls, details: dict) -> list[list[str]]:
        return revisions_rows(details)

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None,
                  execution_engine=None) -> dict:
        """Success when every revision beyond rounding is announced; those that are not (or
        why the vintages cannot be compared) as the result."""
        summary = metrics[REVISIONS_METRIC]
        return {"success": not summary.get("error") and not summary["unannounced"],
                "result": {"observed_value": revisions_outcome(summary),
                           "details": summary}}


# The classes by name: the nine rule expectations (one per suite rule type), the revision
# expectation, and their metrics.
CLASSES: dict[str, type] = {c.__name__: c for c in (
    ExpectFlowIdentity, ExpectFlowsNonnegative, ExpectGrowthConsistent, ExpectShareConsistent,
    ExpectRankConsistent, ExpectConversionConsistent, ExpectFiguresJointlyConsistent,
    ExpectSegmentsSum, ExpectPeriodsSum, ExpectNoUnannouncedRevisions, TradeauditAudit,
    TradeauditRevisions)}
