"""The corpus of real published tables (tests/tables/): every table has its files and its gold loads."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, RULES

from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables

TABLES = ROOT / "tests" / "tables"
DIRS = sorted(p.parent for p in TABLES.glob("*/*/meta.json"))
ORIGINALS = ("table.xlsx", "table.csv", "table.html", "table.pdf")
META_KEYS = {"url", "publisher", "title", "format", "retrieved", "gold", "relations"}


def test_the_corpus_is_there():
    assert len(DIRS) >= 5
    assert {p.parent for p in TABLES.glob("*/*/gold.csv")} == set(DIRS)


@pytest.mark.parametrize("table", DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_table_has_its_original_its_meta_and_a_gold_that_loads(table):
    originals = [name for name in ORIGINALS if (table / name).is_file()]
    assert len(originals) == 1, originals
    assert (table / originals[0]).stat().st_size < 300_000
    meta = json.loads((table / "meta.json").read_text(encoding="utf-8"))
    assert META_KEYS <= meta.keys(), META_KEYS - meta.keys()
    assert originals[0] == f"table.{meta['format']}"
    rules = load_rules(RULES)
    figures = load_tables([table / "gold.csv"], rules.flows, rules.ratio_flows)
    assert len(figures) > 0
