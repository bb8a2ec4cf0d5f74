"""The JSON report prints figures column by column; it must be exactly json.dumps of the
report's data, whatever the strings hold."""

from __future__ import annotations

import json

from conftest import ROOT

from tradeaudit import synth
from tradeaudit.engine import audit
from tradeaudit.report import render_json, to_dict
from tradeaudit.rules import load_rules
from tradeaudit.table import load_tables

RULES = ROOT / "expectations" / "technology_trade.json"


def test_json_report_is_json_dumps_of_its_data(tmp_path):
    rules = load_rules(RULES)
    table = synth.release(3)
    table = synth.inject(table, 5, "1000")  # a discrepancy, so every section has content
    odd = ['say "hi"', "back\\slash", "line\nbreak", "tab\there", "bell\x07", "한국 무역",
           "emoji 📈", "\u2028sep", ""]
    table["source"] = [odd[k % len(odd)] for k in range(len(table))]
    table.loc[0, "id"] = 'f"0'
    path = tmp_path / "odd.csv"
    table.to_csv(path, index=False)
    result = audit(load_tables([path], rules.flows, rules.ratio_flows), rules)
    got = render_json(result)
    assert got == json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(got)["figures"][0]["id"] == 'f"0'
    sources = [f["source"] for f in json.loads(got)["figures"]]
    assert sources == list(result.table.frame["source"]) and "line\nbreak" in sources
