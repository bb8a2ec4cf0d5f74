"""Shared fixtures: the repo's rules and a helper that audits a table given as rows."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from tradeaudit.audit.engine import Audit, audit
from tradeaudit.cli import main
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "expectations" / "technology_trade.json"
SAMPLE = ROOT / "data" / "technology-trade-2023.csv"
# pytest-xdist's workers run under execnet, whose __main__ has neither a spec nor a file:
# pyspark.sql.connect (which Great Expectations imports) takes that for a doctest run and
# exits the worker. Name the worker's main module a file.
_MAIN = sys.modules["__main__"]
if getattr(_MAIN, "__spec__", None) is None and not hasattr(_MAIN, "__file__"):
    _MAIN.__file__ = "<pytest-xdist worker>"
COLUMNS = ["id", "period", "segment", "flow", "stat", "value", "unit", "base", "qualifier"]


def pytest_itemcollected(item):
    """Under pytest-xdist (--dist loadgroup), the tests that run the compiled kernels and the
    Spark ones go to one worker: numba compiles a kernel on its first call in each process
    (a minute for all of them on a fresh checkout), and Spark starts its JVM in each. The Great
    Expectations and browser tests stay together by module (their module fixtures load Great
    Expectations or start Chromium: once). (At collection: xdist reads the groups into the
    test ids when the items are modified.)"""
    if item.get_closest_marker("compiled") or item.get_closest_marker("spark"):
        item.add_marker(pytest.mark.xdist_group("compiled"))
    elif item.get_closest_marker("gx") or item.get_closest_marker("browser"):
        item.add_marker(pytest.mark.xdist_group(item.module.__name__))


@pytest.fixture(autouse=True)
def _threads(request):
    """Under xdist each worker has a core: numba (once a test has loaded it) runs one thread,
    but for the tests marked `cores`, which compare kernels shared among the cores."""
    if os.environ.get("PYTEST_XDIST_WORKER") and "numba" in sys.modules:
        import numba
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS
                              if request.node.get_closest_marker("cores") else 1)
    yield


@pytest.fixture(scope="session")
def rules():
    return load_rules(RULES)


def audit_frame(frame: pd.DataFrame, tmp_path: Path, rules) -> Audit:
    path = tmp_path / "table.csv"
    frame.to_csv(path, index=False)
    return audit(load_tables([path], rules.flows, rules.ratio_flows), rules)


def audit_rows(rows: list[tuple], tmp_path: Path, rules) -> Audit:
    """Audit figures given as (id, period, segment, flow, stat, value, unit[, base, qualifier])."""
    full = [tuple(r) + ("",) * (len(COLUMNS) - len(r)) for r in rows]
    return audit_frame(pd.DataFrame(full, columns=COLUMNS), tmp_path, rules)


def cli(*args: str) -> tuple[int, str, str]:
    """The command line run in this process: its exit code, standard output and error. (A
    process of its own costs a second of imports; test_cli checks what only a process can.)"""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as e:  # (argparse's usage errors)
            code = e.code
    return code, out.getvalue(), err.getvalue()


def status(a: Audit) -> dict[str, str]:
    return dict(zip(a.figures["id"], a.figures["status"]))


def read_text(tmp_path: Path, text: str, published: str | None = None,
              name: str = "article.txt") -> list[tuple[str, ...]]:
    """The figures the text reader reads from `text` (written to tmp_path/name), as
    (period, segment, flow, stat, value, unit, qualifier) tuples in reading order."""
    from tradeaudit.data import GAZETTEER
    from tradeaudit.read.text import Lexicon, extract, figure_table

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rows = figure_table([extract(path, Lexicon.load(GAZETTEER), published)])
    return [tuple(str(r[c]) for c in READ_COLUMNS) for r in rows.fillna("").to_dict("records")]


READ_COLUMNS = ["period", "segment", "flow", "stat", "value", "unit", "qualifier"]
