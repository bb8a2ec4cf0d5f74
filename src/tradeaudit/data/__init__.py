"""The data shipped with the package: the default rules, gazetteer, reference rates and the
bundled release (the repository's `data/` and `expectations/` point here)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES_DIR = HERE / "rules"
RULES = RULES_DIR / "technology_trade.json"
GAZETTEER = HERE / "gazetteer.csv"
FX_RATES = HERE / "reference" / "krw_usd_annual_average.csv"
BUNDLED = HERE / "technology-trade-2023.csv"
