"""Time `--data-docs` (the GE checkpoint and Data Docs) against the plain audit, in one run.

    .venv/bin/python benchmarks/gx_timing.py [--repeat 3]

Measures, on the bundled release: the plain audit (`tradeaudit.audit.engine.audit`, rules and table
loading included), the first import of great_expectations, and `run_checkpoint` into a fresh
temporary folder (first run: custom expectations registered, suite built; later runs: warm).
Each line is wall-clock seconds; nothing here is a limit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "data" / "technology-trade-2023.csv"
RULES = ROOT / "expectations" / "technology_trade.json"


def _plain() -> float:
    """The plain audit of TABLE, loading included."""
    from tradeaudit.audit.engine import audit
    from tradeaudit.model.rules import load_rules
    from tradeaudit.read.table import load_tables

    t = time.perf_counter()
    rules = load_rules(RULES)
    audit(load_tables([TABLE], rules.flows, rules.ratio_flows), rules)
    return time.perf_counter() - t


def _checkpoint() -> float:
    from tradeaudit.integrations import gx

    gx._CACHE.clear()  # every run audits again, as a fresh process would
    with tempfile.TemporaryDirectory() as site:
        t = time.perf_counter()
        gx.run_checkpoint([TABLE], RULES, Path(site))
        return time.perf_counter() - t


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--table", type=Path, default=None, help="a figure table to time instead")
    args = p.parse_args()
    if args.table:
        globals()["TABLE"] = args.table
    t = time.perf_counter()
    import tradeaudit.audit.engine  # noqa: F401 - the engine's own import, for the record
    print(f"import tradeaudit.audit.engine          {time.perf_counter() - t:6.2f} s")
    first_plain = _plain()
    plain = [_plain() for _ in range(args.repeat)]
    t = time.perf_counter()
    import great_expectations  # noqa: F401
    print(f"import great_expectations (first) {time.perf_counter() - t:6.2f} s")
    first = _checkpoint()
    warm = [_checkpoint() for _ in range(args.repeat)]
    print(f"plain audit, first                {first_plain:6.2f} s")
    print(f"--data-docs checkpoint, first     {first:6.2f} s  (suite built, classes registered)")
    print(f"ratio (first checkpoint / first plain) {first / first_plain:6.1f}x")
    if args.repeat:
        print(f"plain audit, median of {args.repeat}         {statistics.median(plain):6.2f} s")
        print(f"--data-docs checkpoint, median {args.repeat} {statistics.median(warm):6.2f} s")
        print(f"ratio (warm checkpoint / plain)   "
              f"{statistics.median(warm) / statistics.median(plain):6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
