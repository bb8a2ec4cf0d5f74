"""Shared fixtures: the repo's rules and a helper that audits a table given as rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tradeaudit.audit.engine import Audit, audit
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "expectations" / "technology_trade.json"
SAMPLE = ROOT / "data" / "technology-trade-2023.csv"
COLUMNS = ["id", "period", "segment", "flow", "stat", "value", "unit", "base", "qualifier"]


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
