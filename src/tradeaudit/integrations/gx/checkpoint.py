"""Validation through Great Expectations: a batch, a checkpoint, Data Docs, the engine beside."""

from __future__ import annotations

import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from tradeaudit.integrations.datadocs import make_offline
from tradeaudit.integrations.gx.families import CLASS_NAMES, define, expected_success
from tradeaudit.integrations.gx.metric import as_strings, summarize
from tradeaudit.integrations.gx.suite import load_suite
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables, read_frame

if TYPE_CHECKING:
    from great_expectations.checkpoint.checkpoint import CheckpointResult
    from great_expectations.core import ExpectationSuite, ExpectationSuiteValidationResult

    from tradeaudit.audit.engine import Audit

SITE = "tradeaudit"


@dataclass(frozen=True)
class Agreement:
    """One tradeaudit expectation: what GE found and what the engine says."""

    type: str
    kwargs: dict
    ge_success: bool
    engine_success: bool

    @property
    def agrees(self) -> bool:
        """Whether GE and the engine say the same."""
        return self.ge_success == self.engine_success


def _rule_kwargs(kwargs: Mapping) -> dict:
    """The kwargs that say what a rule is (not where its rules file or options are)."""
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
_CONTEXT_LOCK = threading.Lock()


def _ephemeral() -> Any:
    """A quiet ephemeral Data Context (no progress bars, no analytics)."""
    define()
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
    with _CONTEXT_LOCK:
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


def _add_site(context: Any, data_docs_dir: Path | None) -> Path | None:
    """A local Data Docs site in `data_docs_dir` (made if missing); None without one."""
    if data_docs_dir is None:
        return None
    site = Path(data_docs_dir).resolve()
    site.mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(site_name=SITE, site_config={
        "class_name": "SiteBuilder", "show_how_to_buttons": False,
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(site)}})
    return site


def _add_checkpoint(context: Any, suite: ExpectationSuite, asset_name: str,
                    with_docs: bool) -> Any:
    """A checkpoint of one validation (the suite on a whole-DataFrame batch), which updates
    the Data Docs site when `with_docs`."""
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction

    asset = context.data_sources.add_pandas("tradeaudit").add_dataframe_asset(name=asset_name)
    batch = asset.add_batch_definition_whole_dataframe("figure table")
    suite = context.suites.add(suite)
    vd = context.validation_definitions.add(gx.ValidationDefinition(
        name=f"{suite.name} on {asset.name}", data=batch, suite=suite))
    actions = [UpdateDataDocsAction(name="data_docs", site_names=[SITE])] if with_docs else []
    return context.checkpoints.add(gx.Checkpoint(
        name="tradeaudit", validation_definitions=[vd], actions=actions,
        result_format={"result_format": "COMPLETE"}))


def run_checkpoint(table_paths: Sequence[Path], suite_path: Path,
                   data_docs_dir: Path | None, *,
                   extracted: Mapping[Path, pd.DataFrame] | None = None,
                   rates: Path | None = None, policy: str | None = None,
                   date: str = "") -> tuple[bool, CheckpointRun]:
    """Validate the figure tables with the suite through a GE Checkpoint; build Data Docs.

    An ephemeral context (nothing written but the docs), a pandas data source with one
    DataFrame asset, a whole-table batch definition, a ValidationDefinition and a Checkpoint
    whose UpdateDataDocsAction writes a local site into `data_docs_dir` (None: no docs). The
    pages are then made self-sufficient offline (`tradeaudit.integrations.datadocs`). The
    tables are first loaded as the CLI loads them, so bad input is the same TableError (exit 2).
    """
    rules = load_rules(Path(suite_path))
    load_tables(list(map(Path, table_paths)), rules.flows, rules.ratio_flows, dict(
        extracted or {}))
    suite = load_suite(Path(suite_path), rates=rates, policy=policy, date=date)
    frame = batch_frame(table_paths, extracted)
    context = _ephemeral()
    site = _add_site(context, data_docs_dir)
    checkpoint = _add_checkpoint(context, suite, Path(table_paths[0]).name if table_paths
                                 else "figure_table", site is not None)
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
