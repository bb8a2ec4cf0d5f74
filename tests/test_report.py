"""The JSON report prints figures column by column; it must be exactly json.dumps of the
report's data, whatever the strings hold."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.audit.engine import audit
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables
from tradeaudit.report.json import render_json, to_dict
from tradeaudit.testing import synth

RULES = ROOT / "expectations" / "technology_trade.json"


@pytest.mark.compiled
@pytest.mark.slow
def test_json_report_is_json_dumps_of_its_data(tmp_path):
    rules = load_rules(RULES)
    table = synth.release(3)
    table = synth.inject(table, 5, "1000")  # a discrepancy, so every section has content
    odd = ['say "hi"', "back\\slash", "line\nbreak", "tab\there", "bell\x07", "한국 무역",
           "emoji 📈", "\u2028sep", "", "\x01\x1f\b\f\r", "\x7f"]
    table["source"] = [odd[k % len(odd)] for k in range(len(table))]
    table.loc[0, "id"] = 'f"0'
    path = tmp_path / "odd.csv"
    table.to_csv(path, index=False)
    result = audit(load_tables([path], rules.flows, rules.ratio_flows), rules)
    from tradeaudit.solve import kernel

    try:  # (the kernels that write it: plain for a small report, compiled for a big one)
        for kernel.MODE in ("plain", "compiled"):
            got = render_json(result)
            assert got == json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
    finally:
        kernel.MODE = "auto"
    assert json.loads(got)["figures"][0]["id"] == 'f"0'
    sources = [f["source"] for f in json.loads(got)["figures"]]
    assert sources == list(result.table.frame["source"]) and "line\nbreak" in sources


json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25)


@pytest.mark.compiled
@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(json_data)
def test_report_head_is_indented_as_json_dumps_does(data):
    # The head of the report is printed compact by json's C encoder and indented by a kernel
    # (plain for small texts, compiled for big ones): both must give json.dumps' indent=2.
    from tradeaudit.report.json import dumps_indented
    from tradeaudit.solve import kernel

    want = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        for kernel.MODE in ("plain", "compiled"):
            assert dumps_indented(data) == want
    finally:
        kernel.MODE = "auto"


@pytest.mark.compiled
@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(), st.sampled_from(
    [0.0, -0.0, 1e-4, 9.9999999995e-05, 1e16, 9999999999999998.0, 0.5, 2.5, 123456789.05,
     -3310.846154, 1e300, 5e-324])), max_size=40))
def test_report_bounds_are_printed_as_json_prints_them(values):
    # kernel.bound_texts writes the report's bounds; the values it cannot settle in floats
    # are printed by Python. Either way: json.dumps(json_bound(x)).
    from tradeaudit.audit.wording import texts
    from tradeaudit.report.json import json_bound
    from tradeaudit.solve import kernel

    x = np.array(values, dtype=float)
    want = [json.dumps(json_bound(v)) for v in values]
    try:
        for kernel.MODE in ("plain", "compiled"):
            got = texts("bound_texts", x)
            assert [w for g, w in zip(got, want) if g is not None] == [
                g for g in got if g is not None]
    finally:
        kernel.MODE = "auto"


@pytest.mark.compiled
@pytest.mark.slow
def test_report_bounds_of_every_day_are_written_by_the_kernel():
    from tradeaudit.audit.wording import texts
    from tradeaudit.solve import kernel

    x = np.array([1.0, 10.0, 100.0, 0.001, 3310.846154, -59.14653082, 1414.098129, 0.5, 1e15])
    try:
        for kernel.MODE in ("plain", "compiled"):
            assert texts("bound_texts", x).tolist() == [
                "1.0", "10.0", "100.0", "0.001", "3310.846154", "-59.14653082", "1414.098129",
                "0.5", "1000000000000000.0"]
    finally:
        kernel.MODE = "auto"
