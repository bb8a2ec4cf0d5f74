"""Write a large consistent synthetic release (CSV, optionally Parquet) of about N figures.

    python benchmarks/generate.py 100000 reports/bench-100k.csv [--parquet]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from tradeaudit import synth


def shape_for(figures: int) -> synth.Shape:
    """A shape of about `figures` figures: ten years, industries and countries, shares."""
    segments = max(2, math.ceil(figures / 10 / 8.5))
    return synth.Shape(years=10, industries=segments // 2, countries=segments - segments // 2,
                       crossed=False, conversion=True, keep=0.6)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("figures", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--parquet", action="store_true", help="also write a .parquet beside it")
    args = ap.parse_args(argv)
    table = synth.release(args.seed, shape_for(args.figures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    if args.parquet:
        table.to_parquet(args.out.with_suffix(".parquet"), index=False)
    print(f"{len(table)} figures -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
