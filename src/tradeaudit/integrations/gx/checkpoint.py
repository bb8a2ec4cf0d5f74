"""Validation through Great Expectations: a batch, a checkpoint, Data Docs, the engine beside."""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from tradeaudit import __version__
from tradeaudit.integrations.datadocs import make_offline
from tradeaudit.integrations.gx.families import CLASS_NAMES, define, expected_success
from tradeaudit.integrations.gx.metric import as_strings, summarize
from tradeaudit.integrations.gx.suite import load_suite, with_revisions
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables, read_frame

if TYPE_CHECKING:
    from great_expectations.checkpoint.checkpoint import CheckpointResult
    from great_expectations.core import ExpectationSuite, ExpectationSuiteValidationResult

    from tradeaudit.audit.engine import Audit

SITE = "tradeaudit"
RESULTS = "validation_results"  # (in the Data Docs folder: each run's result, as JSON)


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


def _ephemeral(results: Path | None = None) -> Any:
    """A quiet ephemeral Data Context (no progress bars, no analytics). With `results`, its
    validation results are kept there as JSON, so a Data Docs site built from the context
    lists the earlier runs too (GE removes a site's pages whose results it does not have)."""
    with _quiet():
        define()
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults())
    if results is not None:
        config.stores = {**config.stores, config.validation_results_store_name: {
            "class_name": "ValidationResultsStore", "store_backend": {
                "class_name": "TupleFilesystemStoreBackend", "base_directory": str(results)}}}
    context = gx.get_context(mode="ephemeral", project_config=config)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


@contextmanager
def _quiet() -> Iterator[None]:
    """No third-party warnings on the terminal (importing GE imports PySpark when it is
    installed, which warns about the pandas version on every run); tradeaudit's own pass."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"(?!tradeaudit\b)")
        yield


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


def _add_checkpoint(context: Any, suite: ExpectationSuite, asset_name: str) -> Any:
    """A checkpoint of one validation: the suite on a whole-DataFrame batch."""
    import great_expectations as gx

    asset = context.data_sources.add_pandas("tradeaudit").add_dataframe_asset(name=asset_name)
    batch = asset.add_batch_definition_whole_dataframe("figure table")
    suite = context.suites.add(suite)
    vd = context.validation_definitions.add(gx.ValidationDefinition(
        name=f"{suite.name} on {asset.name}", data=batch, suite=suite))
    return context.checkpoints.add(gx.Checkpoint(
        name="tradeaudit", validation_definitions=[vd], actions=[],
        result_format={"result_format": "COMPLETE"}))


def run_checkpoint(table_paths: Sequence[Path], suite_path: Path,
                   data_docs_dir: Path | None, *,
                   extracted: Mapping[Path, pd.DataFrame] | None = None,
                   rates: Path | None = None, policy: str | None = None,
                   date: str = "", previous: Sequence[Path] | None = None,
                   revised_periods: str = "", strict_revisions: bool = False,
                   reading: Mapping | None = None) -> tuple[bool, CheckpointRun]:
    """Validate the figure tables with the suite through a GE Checkpoint; build Data Docs.

    An ephemeral context, a pandas data source with one DataFrame asset (named by the tables'
    file names), a whole-table batch definition, a ValidationDefinition and a Checkpoint run
    named `tradeaudit-VERSION`; then a local site built into `data_docs_dir` (None: no docs)
    from every validation result kept in its `validation_results/` folder, so earlier runs
    stay listed. The pages are made self-sufficient offline (`tradeaudit.integrations.
    datadocs`). The tables are first loaded as the CLI loads them, so bad input is the same
    TableError (exit 2). Third-party warnings are not shown. With `previous` (the files of
    `--previous`), the suite also expects no unannounced revisions since that vintage
    (`with_revisions`: `revised_periods`, `strict_revisions`, and `reading` for a previous
    release text: gazetteer, published, encoding).
    """
    rules = load_rules(Path(suite_path))
    load_tables(list(map(Path, table_paths)), rules.flows, rules.ratio_flows, dict(
        extracted or {}))
    frame = batch_frame(table_paths, extracted)
    asset = " + ".join(Path(p).name for p in table_paths) or "figure_table"
    site = Path(data_docs_dir).resolve() if data_docs_dir is not None else None
    with _quiet():
        from great_expectations.core.run_identifier import RunIdentifier

        suite = load_suite(Path(suite_path), rates=rates, policy=policy, date=date)
        if previous:
            suite = with_revisions(suite, previous, revised_periods, strict=strict_revisions,
                                   rules=Path(suite_path), reading=reading)
        context = _ephemeral(site / RESULTS if site is not None else None)
        _add_site(context, site)
        result = _add_checkpoint(context, suite, asset).run(
            batch_parameters={"dataframe": frame},
            run_id=RunIdentifier(run_name=f"tradeaudit-{__version__}"))
        key, validation = next(iter(result.run_results.items()))
        if site is None:
            return bool(result.success), CheckpointRun(result, validation, None, [])
        # GE's page reads the data asset's name from the batch spec, which a DataFrame's lacks.
        validation.meta.setdefault("batch_spec", {})["data_asset_name"] = asset
        context.validation_results_store.set(key, validation)
        context.build_data_docs(site_names=[SITE])
    return bool(result.success), CheckpointRun(result, validation, site / "index.html",
                                               make_offline(site))


def docs_summary(run: CheckpointRun) -> str:
    """One line for the terminal: where the docs are and what GE found."""
    stats = run.validation.statistics
    where = f"; Data Docs: {run.index}" if run.index else ""
    return (f"Great Expectations: {stats.get('successful_expectations')} of "
            f"{stats.get('evaluated_expectations')} expectations met{where}")


def data_docs(table_paths: Sequence[Path], suite_path: Path, data_docs_dir: Path, *,
              extracted: Mapping[Path, pd.DataFrame] | None = None,
              rates: Path | None = None, policy: str | None = None, date: str = "",
              audit: Audit | None = None, out: TextIO | None = None,
              previous: Sequence[Path] | None = None, revised_periods: str = "",
              strict_revisions: bool = False, reading: Mapping | None = None
              ) -> CheckpointRun:
    """`tradeaudit audit ... --data-docs DIR`: run the checkpoint, build offline Data Docs,
    and say so on `out` (stderr); with the CLI's `audit`, also name any expectation whose
    GE success differs from the engine's verdict (there should be none). `previous` and the
    rest: as run_checkpoint."""
    out = out if out is not None else sys.stderr
    _, run = run_checkpoint(table_paths, suite_path, data_docs_dir, extracted=extracted,
                            rates=rates, policy=policy, date=date, previous=previous,
                            revised_periods=revised_periods,
                            strict_revisions=strict_revisions, reading=reading)
    print(f"tradeaudit: {docs_summary(run)}", file=out)
    if audit is not None:
        for a in compare_with_engine(run.validation, audit):
            if not a.agrees:
                print(f"tradeaudit: warning: {a.type} {a.kwargs}: Great Expectations says "
                      f"{a.ge_success}, the engine {a.engine_success}", file=out)
    return run
