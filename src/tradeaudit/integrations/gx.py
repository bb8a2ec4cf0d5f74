"""Great Expectations: tradeaudit's rules as custom expectations, a checkpoint, Data Docs.

The only module that imports great_expectations, and only when it is used: `load_suite`,
`run_checkpoint` or one of the expectation classes (`tradeaudit.integrations.gx.ExpectFlowIdentity`, ...)
first asked for. Importing this module costs no more than the table loader.

Each rule type of a suite (expect_flow_identity, ...) is a BatchExpectation. All of them depend
on one table metric, `tradeaudit.audit`: the engine run on the batch's figure table with the
suite's rules. Great Expectations resolves a metric once per validation for all expectations
that need it, and a small cache keyed by the table's and the rules' content makes sure the
engine runs once even when expectations are validated one by one. An expectation succeeds when
no error-severity discrepancy of its family is found (the joint one: when the audit's verdict is
`consistent`); its result lists the failing figures, printed values and expected intervals.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TextIO

import numpy as np
import pandas as pd

from tradeaudit.data import RULES
from tradeaudit.errors import RulesError, TradeAuditError
from tradeaudit.integrations.datadocs import make_offline
from tradeaudit.model.figures import Table
from tradeaudit.model.rules import OPS, Identity, Rules, load_rules
from tradeaudit.read.table import derive, load_tables, read_frame, validate
from tradeaudit.solve.relation import FAMILY_CODE, STAT_RELATION

if TYPE_CHECKING:
    from great_expectations.checkpoint.checkpoint import CheckpointResult
    from great_expectations.core import ExpectationSuite, ExpectationSuiteValidationResult

    from tradeaudit.audit.engine import Audit

DEFAULT_RULES = RULES
METRIC = "tradeaudit.audit"
SITE = "tradeaudit"
# Expectation type -> class name (the suite's own types; the standard ones come with GE).
CLASS_NAMES = {
    "expect_flow_identity": "ExpectFlowIdentity",
    "expect_flows_nonnegative": "ExpectFlowsNonnegative",
    "expect_growth_consistent": "ExpectGrowthConsistent",
    "expect_share_consistent": "ExpectShareConsistent",
    "expect_rank_consistent": "ExpectRankConsistent",
    "expect_conversion_consistent": "ExpectConversionConsistent",
    "expect_figures_jointly_consistent": "ExpectFiguresJointlyConsistent",
}
# Discrepancy codes by expectation family (identities are matched by their own relation).
GROWTH_CODES = frozenset(FAMILY_CODE[STAT_RELATION[s]] for s in ("growth_pct", "change",
                                                                  "multiple"))
SHARE_CODES = frozenset({FAMILY_CODE["share"], FAMILY_CODE["change-share"]})
CONVERSION_CODES = frozenset({FAMILY_CODE["conversion"]})
RANK_CODES = frozenset({"rank-mismatch"})
_IDENTITY = re.compile(r"^\s*(\w+)\s*=\s*(\w+)\s*([-+/*])\s*(\w+)\s*$")


# ---------------------------------------------------------------- the engine on a DataFrame

def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """The figure table as printed: every cell a str ("" for missing), `_`-columns dropped
    (object dtype: what GE's pandas expectations and the table loader both read alike)."""
    keep = [c for c in frame.columns if not str(c).startswith("_")]
    out = frame.loc[:, keep].astype(object)
    out = out.map(lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and
                                                            np.isnan(v)) else str(v))
    out.columns = [str(c).strip() for c in out.columns]
    return out.astype(object)


def table_from_frame(frame: pd.DataFrame, rules: Rules, name: str = "batch") -> Table:
    """A validated figure table from a DataFrame (strings as printed; `_`-columns dropped)."""
    frame = as_strings(frame)
    digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
    return Table(derive(validate(frame, name, rules.flows), rules.ratio_flows), (name,),
                 (digest,))


def _finite(x: Any) -> float | None:
    return float(x) if x is not None and np.isfinite(x) else None


def summarize(result: Audit) -> dict:
    """The audit as plain JSON values: what the expectations read (their metric's value)."""
    frame = result.table.frame.set_index("id")
    out = []
    for d in result.discrepancies:
        fid = d.stated.get("figure")
        row = frame.loc[fid] if fid in frame.index else None
        out.append({
            "code": d.code, "severity": d.severity, "relation": d.relation,
            "figures": list(d.figures), "figure": fid, "printed": d.stated.get("printed"),
            "unit": None if row is None else str(row["unit"]),
            "flow": None if row is None else str(row["flow"]),
            "stat": None if row is None else str(row["stat"]),
            "negative": row is not None and str(row["printed"]).startswith("-"),
            "low": _finite(d.expected.get("low")), "high": _finite(d.expected.get("high")),
            "message": d.message, "suspects": list(d.suspects)})
    return {"error": None, "verdict": result.verdict, "figures": len(frame),
            "counts": {k: int(v) for k, v in result.counts.items()}, "discrepancies": out}


def run_engine(frame: pd.DataFrame, rules: Rules, options: Mapping | None = None) -> Audit:
    """`tradeaudit.audit.engine.audit` on a figure table given as a DataFrame."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.model.rates import load_rates

    options = options or {}
    rates = load_rates(Path(options["rates"])) if options.get("rates") else None
    return audit(table_from_frame(frame, rules), rules, rates, options.get("policy"),
                 options.get("date") or "")


_CACHE: OrderedDict[tuple, dict] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = threading.Lock()
ENGINE_RUNS = {"count": 0}  # how often the metric really ran the engine (for tests)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def audit_summary(frame: pd.DataFrame, rules_path: str | Path | None,
                  options: Mapping | None = None) -> dict:
    """The metric: the summarized audit of a batch, computed once per table, rules and options.

    Never raises for bad input: a table or suite that cannot be read gives {"error": ...}, and
    every tradeaudit expectation then fails with that message.
    """
    path = Path(rules_path) if rules_path else DEFAULT_RULES
    options = dict(options or {})
    hashed = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
    key = (str(path.resolve()), _file_digest(path), tuple(map(str, frame.columns)),
           hashlib.sha256(hashed).hexdigest(), tuple(sorted((k, str(v)) for k, v in
                                                            options.items())))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        try:
            ENGINE_RUNS["count"] += 1
            summary = summarize(run_engine(frame, load_rules(path), options))
        except TradeAuditError as e:
            summary = {"error": str(e), "verdict": None, "figures": len(frame),
                       "counts": {}, "discrepancies": []}
        _CACHE[key] = summary
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return summary


# ---------------------------------------------------------------- families and sentences

def parse_identity(text: str) -> Identity:
    """`result = left op right` as in the suite (RulesError when it does not read so)."""
    m = _IDENTITY.match(str(text))
    if not m:
        raise RulesError("an identity reads `result = left (+|-|/|*) right`", text=str(text))
    return Identity(m.group(1), m.group(2), OPS[m.group(3)], m.group(4))


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
    codes = {"expect_growth_consistent": GROWTH_CODES, "expect_share_consistent": SHARE_CODES,
             "expect_conversion_consistent": CONVERSION_CODES,
             "expect_rank_consistent": RANK_CODES}[etype]
    return [d for d in errors if d["code"] in codes]


def expected_success(summary: Mapping, etype: str, kwargs: Mapping) -> bool:
    """Whether the expectation holds: no error of its family (no error at all, when joint)."""
    if summary.get("error"):
        return False
    return not family_failures(summary, etype, kwargs)


def fmt_interval(low: float | None, high: float | None) -> str:
    """An expected interval, written as the HTML report writes it (tight dash for tables)."""
    from tradeaudit.report.html import interval_text

    return interval_text(low, high, dash="\u2013")


def describe_failure(d: Mapping) -> str:
    """`exp23_krw printed 29.3937 KRW_bn, expected 25,389.4–25,390.9 KRW_bn`."""
    unit = f" {d['unit']}" if d.get("unit") else ""
    head = f"{d['figure']} printed {d['printed']}{unit}"
    if d.get("low") is None and d.get("high") is None:
        return f"{head} ({d['message']})"
    return f"{head}, expected {fmt_interval(d.get('low'), d.get('high'))}{unit}"


def outcome(summary: Mapping, failures: list[dict]) -> str:
    """The observed value of an expectation as a sentence."""
    if summary.get("error"):
        return f"the figure table cannot be audited: {summary['error']}"
    if not failures:
        return f"holds: no figure contradicts it ({summary.get('figures', 0)} figures audited)"
    shown = "; ".join(describe_failure(d) for d in failures[:8])
    more = f"; and {len(failures) - 8} more" if len(failures) > 8 else ""
    return f"failing: {shown}{more}"


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def rule_sentence(etype: str, kwargs: Mapping) -> str:
    """What the rule says, in words (the prescriptive text of Data Docs)."""
    if etype == "expect_flow_identity":
        return f"{kwargs.get('identity', '?')} holds for every period and segment"
    if etype == "expect_flows_nonnegative":
        return f"{_and(kwargs.get('flows') or ['?'])} are never negative"
    if etype == "expect_growth_consistent":
        return (f"{_and(kwargs.get('stats') or ['?'])} figures agree with the levels they "
                "compare (the same period a year earlier, or a multiple's base period)")
    if etype == "expect_share_consistent":
        return (f"{_and(kwargs.get('stats') or ['?'])} figures agree with the levels of their "
                "segment and of the base segment")
    if etype == "expect_rank_consistent":
        return "every rank agrees with the siblings whose levels are known"
    if etype == "expect_conversion_consistent":
        policy = (kwargs.get("audit_options") or {}).get("policy") or kwargs.get("policy")
        return {"annual": "amounts in other currencies convert at the reference rate of "
                          "their year",
                "date": "amounts in other currencies convert at the reference rate of one "
                        "date"}.get(policy, "amounts in other currencies convert at one rate "
                                            "per currency pair for the whole document")
    if etype == "expect_figures_jointly_consistent":
        return ("all figures hold together: every relation at once, each figure within its "
                "printed precision")
    return etype


# ---------------------------------------------------------------- the GE classes (lazy)

_DEFINED: dict[str, type] = {}
_DEFINE_LOCK = threading.Lock()


def _define() -> dict[str, type]:
    """Import great_expectations and register the metric and the seven expectations (once)."""
    with _DEFINE_LOCK:
        if _DEFINED:
            return _DEFINED
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        _DEFINED.update(_build_classes())
        return _DEFINED


def _build_classes() -> dict[str, type]:
    from great_expectations.compatibility import pydantic
    from great_expectations.core.metric_domain_types import MetricDomainTypes
    from great_expectations.execution_engine import PandasExecutionEngine
    from great_expectations.expectations.expectation import (
        BatchExpectation,
        render_suite_parameter_string,
    )
    from great_expectations.expectations.metrics.metric_provider import metric_value
    from great_expectations.expectations.metrics.table_metric_provider import (
        TableMetricProvider,
    )
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

    class TradeauditAudit(TableMetricProvider):
        """The engine's audit of the batch's figure table, summarized as JSON values."""

        metric_name = METRIC
        value_keys = ("rules", "audit_options")

        @metric_value(engine=PandasExecutionEngine)
        def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics,
                    runtime_configuration):
            df, _, _ = execution_engine.get_compute_domain(
                domain_kwargs=metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE)
            return audit_summary(df, metric_value_kwargs.get("rules"),
                                 metric_value_kwargs.get("audit_options"))

    def _kwargs(configuration) -> dict:
        return dict(getattr(configuration, "kwargs", None) or {})

    class TradeauditExpectation(BatchExpectation):
        """A reconciliation rule checked by tradeaudit's engine (abstract base)."""

        rules: str | None = pydantic.Field(
            default=None, description="the suite JSON whose rules the engine solves "
            "jointly (load_suite fills it in; default: the bundled technology suite)")
        audit_options: dict | None = pydantic.Field(
            default=None, description="engine options: rates (file), policy, date")

        metric_dependencies = (METRIC,)
        success_keys: ClassVar[tuple[str, ...]] = ("rules", "audit_options")
        library_metadata: ClassVar[dict] = {
            "maturity": "experimental", "tags": ["tradeaudit", "consistency"],
            "contributors": ["tradeaudit"], "requirements": [],
        }

        @classmethod
        @abstractmethod
        def _family(cls) -> str:
            """The family name shown in reports."""

        def _validate(self, metrics: dict, runtime_configuration: dict | None = None,
                      execution_engine=None) -> dict:
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

        @classmethod
        def _prescriptive_template(cls, renderer_configuration: RendererConfiguration
                                   ) -> RendererConfiguration:
            sentence = rule_sentence(cls.expectation_type, renderer_configuration.kwargs)
            renderer_configuration.add_param(name="rule", param_type=RendererValueType.STRING,
                                             value=sentence)
            renderer_configuration.template_str = "$rule."
            return renderer_configuration

        @classmethod
        @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
        @render_suite_parameter_string
        def _prescriptive_renderer(cls, configuration=None, result=None,
                                   runtime_configuration=None, **kwargs):
            if configuration is None and result is not None:
                configuration = result.expectation_config
            sentence = rule_sentence(cls.expectation_type, _kwargs(configuration))
            styling = (runtime_configuration or {}).get("styling", {})
            return [RenderedStringTemplateContent(
                content_block_type="string_template",
                string_template={"template": sentence.replace("$", "$$") + ".",
                                 "params": {}, "styling": styling})]

        @classmethod
        @renderer(renderer_type=LegacyDiagnosticRendererType.OBSERVED_VALUE)
        def _diagnostic_observed_value_renderer(cls, configuration=None, result=None,
                                                runtime_configuration=None, **kwargs) -> str:
            if result is None or not result.result:
                return "--"
            return str(result.result.get("observed_value", "--"))

        @classmethod
        @renderer(renderer_type=LegacyDiagnosticRendererType.UNEXPECTED_TABLE)
        def _diagnostic_unexpected_table_renderer(cls, configuration=None, result=None,
                                                  runtime_configuration=None, **kwargs):
            details = ((result.result or {}).get("details") or {}) if result else {}
            failing = details.get("failing") or []
            if not failing:
                return None
            rows = [[d["figure"], f"{d['printed']} {d.get('unit') or ''}".strip(),
                     fmt_interval(d.get("low"), d.get("high")), d["code"], d["message"]]
                    for d in failing]
            return [RenderedTableContent(
                content_block_type="table",
                header={"content_block_type": "string_template", "string_template": {
                    "template": "Failing figures", "tag": "h6"}},
                header_row=["figure", "printed", "expected", "code", "why"], table=rows,
                styling={"body": {"classes": ["table-bordered", "table-sm", "mt-3"]}})]

    class ExpectFlowIdentity(TradeauditExpectation):
        """Expect an identity between flows (`volume = exports + imports`) to hold."""

        identity: str = pydantic.Field(description="result = left (+|-|/|*) right")
        success_keys: ClassVar[tuple[str, ...]] = ("identity", "rules", "audit_options")
        args_keys: ClassVar[tuple[str, ...]] = ("identity",)

        @pydantic.validator("identity")
        def _readable(cls, v: str) -> str:
            if not _IDENTITY.match(str(v)):
                raise ValueError(f"an identity reads `result = left (+|-|/|*) right`, not {v!r}")
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

        stats: list[Literal["growth_pct", "change", "multiple"]] = pydantic.Field(
            description="the statistics checked")
        success_keys: ClassVar[tuple[str, ...]] = ("stats", "rules", "audit_options")
        args_keys: ClassVar[tuple[str, ...]] = ("stats",)

        @classmethod
        def _family(cls) -> str:
            return "growth"

    class ExpectShareConsistent(TradeauditExpectation):
        """Expect shares (of a level, or of its change) to agree with the levels."""

        stats: list[Literal["share_pct", "change_share_pct"]] = pydantic.Field(
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

    class ExpectFiguresJointlyConsistent(TradeauditExpectation):
        """Expect all figures to hold together (the audit's verdict is `consistent`)."""

        @classmethod
        def _family(cls) -> str:
            return "joint"

    classes = {c.__name__: c for c in (
        ExpectFlowIdentity, ExpectFlowsNonnegative, ExpectGrowthConsistent,
        ExpectShareConsistent, ExpectRankConsistent, ExpectConversionConsistent,
        ExpectFiguresJointlyConsistent)}
    for cls in classes.values():
        cls.__module__ = __name__
        cls.__qualname__ = cls.__name__
    classes["TradeauditAudit"] = TradeauditAudit
    return classes


def __getattr__(name: str) -> type:
    """`tradeaudit.integrations.gx.ExpectFlowIdentity` and the others, defined on first use."""
    if name in CLASS_NAMES.values() or name == "TradeauditAudit":
        return _define()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------- suites

def load_suite(path: Path, *, rates: Path | None = None, policy: str | None = None,
               date: str = "") -> ExpectationSuite:
    """A GE ExpectationSuite from a suite JSON, strictly.

    The file is first read by `tradeaudit.model.rules.load_rules` (the engine's strict reading:
    unknown types, flows outside the vocabulary, cyclic identities), then built expectation
    by expectation with `suite_from_dict`. Every tradeaudit expectation gets `rules` (this
    file, absolute) and, when given, the engine options (reference `rates` file, conversion
    `policy`, `date`), so its metric runs the engine exactly as `tradeaudit audit` does.
    """
    import json

    path = Path(path)
    load_rules(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    options = {k: v for k, v in (("rates", str(Path(rates).resolve()) if rates else None),
                                 ("policy", policy), ("date", date)) if v}
    for exp in data["expectations"]:
        if exp.get("type") in CLASS_NAMES:
            exp["kwargs"] = {**exp.get("kwargs", {}), "rules": str(path.resolve()),
                             **({"audit_options": options} if options else {})}
    return suite_from_dict(data, str(path))


def suite_from_dict(data: Mapping, where: str = "") -> ExpectationSuite:
    """Build a GE suite from its JSON form; any expectation GE cannot build is a RulesError.

    `ExpectationSuite(expectations=[...])` logs and silently drops an expectation whose type
    is not registered (or whose kwargs do not validate): a suite would then check less than
    it says. Each one is built here first, and the count is checked after.
    """
    _define()
    from great_expectations import exceptions as gx_exceptions
    from great_expectations.core import ExpectationSuite
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    raw = data.get("expectations")
    if not isinstance(raw, list):
        raise RulesError("a suite is an object with an `expectations` list", path=where)
    expectations = []
    for n, exp in enumerate(raw, start=1):
        etype = exp.get("type") if isinstance(exp, Mapping) else None
        try:
            config = ExpectationConfiguration(type=str(etype), kwargs=dict(exp.get("kwargs", {})),
                                              meta=exp.get("meta") or {},
                                              notes=exp.get("notes"))
            expectations.append(config.to_domain_obj())
        except (gx_exceptions.ExpectationNotFoundError,
                gx_exceptions.InvalidExpectationConfigurationError,
                gx_exceptions.InvalidExpectationKwargsError) as e:
            raise RulesError(f"expectation {n}: Great Expectations cannot build it: "
                             f"{getattr(e, 'message', e)}", path=where or None,
                             text=str(etype)) from None
        except (AttributeError, TypeError, ValueError) as e:  # pydantic: a ValueError
            why = "; ".join(line.strip() for line in str(e).splitlines()[1:]) or str(e)
            raise RulesError(f"expectation {n} ({etype}): invalid kwargs: {why}",
                             path=where or None, text=str(etype)) from None
    suite = ExpectationSuite(name=str(data.get("name") or Path(where).stem or "suite"),
                             expectations=expectations, meta=data.get("meta"),
                             notes=data.get("notes"))
    if len(suite.expectations) != len(raw):  # GE dropped one after all
        raise RulesError(f"Great Expectations kept {len(suite.expectations)} of {len(raw)} "
                         "expectations", path=where or None)
    return suite


# ---------------------------------------------------------------- checkpoint and Data Docs

@dataclass(frozen=True)
class Agreement:
    """One tradeaudit expectation: what GE found and what the engine says."""

    type: str
    kwargs: dict
    ge_success: bool
    engine_success: bool

    @property
    def agrees(self) -> bool:
        return self.ge_success == self.engine_success


def _rule_kwargs(kwargs: Mapping) -> dict:
    return {k: v for k, v in kwargs.items() if k in ("identity", "flows", "stats", "policy")}


def compare_with_engine(results: ExpectationSuiteValidationResult | Any,
                        audit: Audit) -> list[Agreement]:
    """GE's per-expectation success beside the engine's verdicts, for the rule expectations
    of one suite validation result (schema expectations are GE's alone)."""
    summary = summarize(audit)
    out = []
    for r in results.results:
        cfg = r.expectation_config
        if cfg.type not in CLASS_NAMES:
            continue
        out.append(Agreement(cfg.type, _rule_kwargs(cfg.kwargs), bool(r.success),
                             expected_success(summary, cfg.type, cfg.kwargs)))
    return out


def batch_frame(table_paths: Sequence[Path],
                extracted: Mapping[Path, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The document's figure tables as one DataFrame of strings (the batch)."""
    extracted = extracted or {}
    frames = [extracted[p] if p in extracted else read_frame(Path(p)) for p in table_paths]
    return as_strings(pd.concat(frames, ignore_index=True))


_CONTEXT: dict[str, Any] = {}


def _ephemeral() -> Any:
    """A quiet ephemeral Data Context (no progress bars, no analytics)."""
    _define()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def validate_frame(frame: pd.DataFrame, suite: ExpectationSuite | Path
                   ) -> ExpectationSuiteValidationResult:
    """Validate one figure table (a DataFrame) with a suite, without checkpoint or docs.

    Reuses one ephemeral context and batch definition per process; `suite` is a loaded
    suite or the path of a suite JSON (loaded strictly with `load_suite`).
    """
    if not isinstance(suite, Mapping) and isinstance(suite, (str, Path)):
        suite = load_suite(Path(suite))
    with _LOCK:
        if "batch" not in _CONTEXT:
            context = _ephemeral()
            asset = context.data_sources.add_pandas("tradeaudit").add_dataframe_asset(
                "figure_table")
            _CONTEXT["batch"] = asset.add_batch_definition_whole_dataframe("figure table")
        definition = _CONTEXT["batch"]
    batch = definition.get_batch(batch_parameters={"dataframe": as_strings(frame)})
    return batch.validate(suite, result_format={"result_format": "COMPLETE"})


@dataclass
class CheckpointRun:
    """What run_checkpoint did: GE's result, the suite's validation result, the docs."""

    result: CheckpointResult
    validation: ExpectationSuiteValidationResult
    index: Path | None
    pages: list[Path]


def run_checkpoint(table_paths: Sequence[Path], suite_path: Path,
                   data_docs_dir: Path | None, *,
                   extracted: Mapping[Path, pd.DataFrame] | None = None,
                   rates: Path | None = None, policy: str | None = None,
                   date: str = "") -> tuple[bool, CheckpointRun]:
    """Validate the figure tables with the suite through a GE Checkpoint; build Data Docs.

    An ephemeral context (nothing written but the docs), a pandas data source with one
    DataFrame asset, a whole-table batch definition, a ValidationDefinition and a Checkpoint
    whose UpdateDataDocsAction writes a local site into `data_docs_dir` (None: no docs). The
    pages are then made self-sufficient offline (see `offline_docs`). The tables are first
    loaded as the CLI loads them, so bad input is the same TableError (exit 2).
    """
    rules = load_rules(Path(suite_path))
    load_tables(list(map(Path, table_paths)), rules.flows, rules.ratio_flows, dict(
        extracted or {}))
    suite = load_suite(Path(suite_path), rates=rates, policy=policy, date=date)
    frame = batch_frame(table_paths, extracted)

    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction

    context = _ephemeral()
    site = None
    if data_docs_dir is not None:
        site = Path(data_docs_dir).resolve()
        site.mkdir(parents=True, exist_ok=True)
        context.add_data_docs_site(site_name=SITE, site_config={
            "class_name": "SiteBuilder", "show_how_to_buttons": False,
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(site)}})
    source = context.data_sources.add_pandas("tradeaudit")
    asset = source.add_dataframe_asset(name=Path(table_paths[0]).name if table_paths
                                       else "figure_table")
    batch = asset.add_batch_definition_whole_dataframe("figure table")
    suite = context.suites.add(suite)
    vd = context.validation_definitions.add(gx.ValidationDefinition(
        name=f"{suite.name} on {asset.name}", data=batch, suite=suite))
    actions = [UpdateDataDocsAction(name="data_docs", site_names=[SITE])] if site else []
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name="tradeaudit", validation_definitions=[vd], actions=actions,
        result_format={"result_format": "COMPLETE"}))
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    validation = next(iter(result.run_results.values()))
    pages: list[Path] = []
    index = None
    if site is not None:
        pages = make_offline(site)
        index = site / "index.html"
    return bool(result.success), CheckpointRun(result, validation, index, pages)


def docs_summary(run: CheckpointRun) -> str:
    """One line for the terminal: where the docs are and what GE found."""
    stats = run.validation.statistics
    where = f"; Data Docs: {run.index}" if run.index else ""
    return (f"Great Expectations: {stats.get('successful_expectations')} of "
            f"{stats.get('evaluated_expectations')} expectations met{where}")


def data_docs(table_paths: Sequence[Path], suite_path: Path, data_docs_dir: Path, *,
              extracted: Mapping[Path, pd.DataFrame] | None = None,
              rates: Path | None = None, policy: str | None = None, date: str = "",
              audit: Audit | None = None, out: TextIO | None = None) -> CheckpointRun:
    """`tradeaudit audit ... --data-docs DIR`: run the checkpoint, build offline Data Docs,
    and say so on `out` (stderr); with the CLI's `audit`, also name any expectation whose
    GE success differs from the engine's verdict (there should be none)."""
    out = out if out is not None else sys.stderr
    _, run = run_checkpoint(table_paths, suite_path, data_docs_dir, extracted=extracted,
                            rates=rates, policy=policy, date=date)
    print(f"tradeaudit: {docs_summary(run)}", file=out)
    if audit is not None:
        for a in compare_with_engine(run.validation, audit):
            if not a.agrees:
                print(f"tradeaudit: warning: {a.type} {a.kwargs}: Great Expectations says "
                      f"{a.ge_success}, the engine {a.engine_success}", file=out)
    return run
