"""Write a large consistent synthetic release of about N figures, as CSV and Parquet.

    python benchmarks/generate.py 1000000 reports/bench/release-1m.csv [--errors 0.01]

The release is products x partners (crossed, plus each dimension's members and the total)
over three years of months: levels in USD (bn or m), conversions to KRW at one rate, growth,
changes, shares and shares of the change, with 60% of the possible figures printed. Every
printed value is the exact true value rounded half away from zero (synth.big_release), so a
correct audit finds it consistent. `--errors` misprints that share of the level and growth
figures (scale word, decimal shift, sign, transposition) and writes the rows to *.errors.txt.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tradeaudit.testing import synth


def write(figures: int, out: Path, seed: int = 1, errors: float = 0.0) -> int:
    """Write out (.csv) and its .parquet twin; returns the number of figures."""
    table = synth.big_release(seed, synth.BigShape.for_figures(figures))
    if errors:
        table, rows = synth.inject_many(table, errors, seed)
        out.with_suffix(".errors.txt").write_text("".join(f"{r}\n" for r in rows))
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False)
    table.to_parquet(out.with_suffix(".parquet"), index=False)
    return len(table)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("figures", type=int)
    ap.add_argument("out", type=Path, help="the CSV to write (the Parquet goes beside it)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", type=float, default=0.0, metavar="SHARE",
                    help="share of figures to misprint (0.01 = 1%%)")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    n = write(args.figures, args.out, args.seed, args.errors)
    print(f"{n} figures -> {args.out} and {args.out.with_suffix('.parquet').name} "
          f"({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
