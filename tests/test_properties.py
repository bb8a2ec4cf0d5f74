"""Properties over generated releases: clean ones are consistent, one injected error is caught."""

import os
from decimal import Decimal

import numpy as np
import pytest
from conftest import audit_frame
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tradeaudit.testing import synth

SHAPE = synth.Shape(years=3, industries=2, countries=2, crossed=True, conversion=True, keep=0.5)
# Derandomized: CI runs the same 15 examples every time (a random run once found the case
# pinned below as xfail); TRADEAUDIT_PROPERTY_SEARCH=1 searches afresh.
SETTINGS = settings(max_examples=15, deadline=None,
                    derandomize=not os.environ.get("TRADEAUDIT_PROPERTY_SEARCH"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.compiled
@pytest.mark.slow
@given(seed=st.integers(0, 2**31 - 1))
@SETTINGS
def test_publisher_rounded_release_is_consistent(seed, tmp_path, rules):
    table = synth.release(seed, SHAPE)
    a = audit_frame(table, tmp_path, rules)
    errors = [d for d in a.discrepancies if d.severity == "error"]
    assert errors == [], errors[0].message if errors else ""
    assert a.verdict == "consistent"
    assert sorted(a.figures["id"]) == sorted(table["id"])


@pytest.mark.slow
@given(seed=st.integers(0, 2**31 - 1), pick=st.integers(0, 10**6),
       factor=st.sampled_from(["1.5", "0.6", "3", "-1", "10", "0.1"]))
# Known limit (also on 3e9a791): a share of a change (17.3% of the increase) printed x1.5 is
# blamed on another figure of its relation, f120, not on itself.
@pytest.mark.compiled
@example(seed=8014437, pick=109, factor="1.5").xfail(raises=AssertionError,
                                                     reason="blame picks f120, not f111")
@SETTINGS
def test_one_error_beyond_slack_is_detected(seed, pick, factor, tmp_path, rules):
    table = synth.release(seed, SHAPE)
    clean = audit_frame(table, tmp_path, rules)
    # Only figures the others pin down can show an error.
    checked = clean.figures[(clean.figures["status"] == "consistent") &
                            np.isfinite(clean.figures["low"]) &
                            np.isfinite(clean.figures["high"])]
    checked = checked[table.set_index("id").loc[checked["id"], "stat"].to_numpy() != "rank"]
    assume(len(checked))
    target = checked.iloc[pick % len(checked)]
    row = int(np.flatnonzero(table["id"] == target["id"])[0])
    bad = synth.inject(table, row, factor)
    value = Decimal(bad.at[row, "value"])
    allowed_lo, allowed_hi = target["low"], target["high"]
    width = max(allowed_hi - allowed_lo, abs(allowed_hi) * 1e-9)
    half = Decimal(5).scaleb(value.as_tuple().exponent - 1)
    # "Well outside": the printed interval misses the allowed one by several widths.
    gap = max(float(value - half) - allowed_hi, allowed_lo - float(value + half))
    assume(gap > 3 * width)
    a = audit_frame(bad, tmp_path, rules)
    assert a.verdict == "inconsistent"
    suspects = {s.figure for s in a.suspects}
    assert target["id"] in suspects


@pytest.mark.slow
@given(seed=st.integers(0, 2**31 - 1), pick=st.integers(0, 10**6),
       factor=st.sampled_from(["1.5", "0.6", "3", "-1", "10"]))
# Once a crash: blocks of hub copies alone stayed contradictory after the repair, with no
# figure of their own to name, and the same block came back each blame round.
@pytest.mark.compiled
@example(seed=61727, pick=61727, factor="1.5")
@SETTINGS
def test_suspects_stay_within_the_broken_relations(seed, pick, factor, tmp_path, rules):
    """With one injected error, every suspect sits in the injected figure's block, or in a
    block tied to it by a hub they both use (a shared total or conversion rate): never in a
    part of the release the error cannot reach."""
    from tradeaudit.read.table import load_tables
    from tradeaudit.solve.relation import build_system

    table = synth.release(seed, SHAPE)
    row = pick % len(table)
    assume(table.at[row, "stat"] != "rank")
    bad = synth.inject(table, row, factor)
    assume(bad.at[row, "value"] != table.at[row, "value"])
    a = audit_frame(bad, tmp_path, rules)
    if not a.suspects:
        return
    path = tmp_path / "table.csv"
    loaded = load_tables([path], rules.flows, rules.ratio_flows)
    system = build_system(loaded, rules).cut_hubs()
    block = dict(zip(loaded.frame["id"], np.where(
        system.fig_var >= 0, system.component[np.maximum(system.fig_var, 0)], -1)))
    hubs_of: dict[int, set[int]] = {}
    for copy, hub in zip(system.copies, system.copy_hub):
        hubs_of.setdefault(int(system.component[copy]), set()).add(int(hub))
    target = block[table.at[row, "id"]]
    for s in a.suspects:
        b = block[s.figure]
        assert b == target or hubs_of.get(b, set()) & hubs_of.get(target, set()), s.figure
