"""The Spark engine (local mode) gives the local engine's report byte for byte, and the batched
blame and propagation give a component the same result whatever is computed beside it."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROOT

from tradeaudit.audit.engine import Runner, audit
from tradeaudit.read.table import load_tables
from tradeaudit.report.json import render_json
from tradeaudit.testing import synth

# The release of issue 7: about 100,000 figures (products x partners x months), here with 1%
# of the level and growth figures misprinted so that blame runs on Spark too.
BIG = synth.BigShape.for_figures(30_000)
BUNDLED = ROOT / "data" / "technology-trade-2023.csv"
pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark():
    from tradeaudit.integrations.spark import SparkRunner

    runner = SparkRunner("local[2]")
    yield runner
    runner.stop()


class Split(Runner):
    """In process, but split into many parts as a distributed runner would."""

    parts = 7


def _both(path, rules, runner):
    table = load_tables([path], rules.flows, rules.ratio_flows)
    return render_json(audit(table, rules)), render_json(audit(table, rules, runner=runner))


def test_bundled_release_on_spark_is_byte_identical(spark, rules):
    local, distributed = _both(BUNDLED, rules, spark)
    assert distributed == local
    assert '"exp23_krw"' in local and '"verdict": "inconsistent"' in local


def test_30k_release_with_errors_on_spark_is_byte_identical(spark, rules, tmp_path):
    table, _rows = synth.inject_many(synth.big_release(7, BIG), 0.01, 7)
    path = tmp_path / "release-30k.csv"
    table.to_csv(path, index=False)
    assert len(table) > 27_000
    local, distributed = _both(path, rules, spark)
    assert distributed == local
    # The local report found the misprints; Spark said the same thing in the same bytes.
    assert '"verdict": "inconsistent"' in local


def test_split_runner_matches_one_piece(rules, tmp_path):
    """Splitting by component changes nothing (no Spark needed to see it)."""
    table, _ = synth.inject_many(synth.big_release(3, synth.BigShape.for_figures(6_000)),
                                 0.02, 3)
    path = tmp_path / "t.csv"
    table.to_csv(path, index=False)
    local, split = _both(path, rules, Split())
    assert split == local


def test_injected_errors_are_blamed_in_a_big_release(rules, tmp_path):
    """Every misprint of a generated release is among the inconsistent figures, and no clean
    figure is blamed."""
    clean = synth.big_release(5, synth.BigShape.for_figures(5_000))
    table, rows = synth.inject_many(clean, 0.02, 5)
    path = tmp_path / "t.csv"
    table.to_csv(path, index=False)
    a = audit(load_tables([path], rules.flows, rules.ratio_flows), rules)
    f = a.figures
    blamed = set(f.loc[f["reason"].str.contains("most likely the one to correct"), "id"])
    changed = set(table["id"].to_numpy()[rows])
    assert len(changed) >= 50
    # Recall and precision of the blame over many blocks at once.
    assert np.mean([i in blamed for i in changed]) >= 0.9
    assert np.mean([i in changed for i in blamed]) >= 0.9
