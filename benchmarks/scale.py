"""How the audit scales: read time against full-audit time and peak memory, in one run.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--errors 0.01]
                                         [--engine local|spark] [--timeout 1800]

For each size it generates a consistent release (benchmarks/generate.py; reused when present
under reports/bench/), then measures, each in a fresh process so that peak memory is that
step's own:
  read   pandas.read_csv(engine="pyarrow") of the CSV alone, every column as text;
  audit  the whole audit: load and validate the table, build the system, propagate, localize,
         and render the JSON report to a file;
and for the largest size the same audit with `--errors` of the figures misprinted. Times are
wall-clock seconds after imports; peak memory is the process's maximum resident set. A
measurement that does not finish within --timeout is shown as such. Nothing here is a limit:
it prints what it measured, and the ratios the issue asks about.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate

CHILD = r"""
import json, resource, sys, time
mode, path, out, engine = sys.argv[1:5]
import pandas as pd
if mode == "read":
    t = time.perf_counter()
    frame = pd.read_csv(path, engine="pyarrow", dtype=str, keep_default_na=False)
    seconds = time.perf_counter() - t
    rows = len(frame)
else:
    from pathlib import Path
    from tradeaudit.audit.heap import release_freed_memory, trim
    from tradeaudit.audit.engine import audit, LOCAL
    from tradeaudit.report.json import json_chunks
    from tradeaudit.model.rules import load_rules
    from tradeaudit.read.table import load_tables
    release_freed_memory()  # as the command line does
    runner = LOCAL
    if engine == "spark":
        from tradeaudit.integrations.spark import SparkRunner
        runner = SparkRunner()
    t = time.perf_counter()
    rules = load_rules(Path(sys.argv[5]))
    table = load_tables([Path(path)], rules.flows, rules.ratio_flows)
    trim()  # as the command line does
    result = audit(table, rules, runner=runner)
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(json_chunks(result))  # as the command line writes it
    seconds = time.perf_counter() - t
    rows = len(table)
    print(json.dumps(result.counts), file=sys.stderr)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows}))
"""


def measure(mode: str, csv: Path, engine: str, timeout: float) -> dict | None:
    out = csv.with_suffix(f".{engine}.json")
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, mode, str(csv), str(out), engine,
             str(ROOT / "expectations" / "technology_trade.json")],
            capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"{mode} {csv} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def release(figures: int, errors: float = 0.0) -> Path:
    tag = f"{figures // 1000}k" if figures < 1_000_000 else f"{figures // 1_000_000}m"
    path = ROOT / "reports" / "bench" / (f"release-{tag}" + (f"-err{errors:g}" if errors
                                                               else "") + ".csv")
    if not path.exists():
        generate.write(figures, path, errors=errors)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--errors", type=float, default=0.01)
    ap.add_argument("--engine", choices=("local", "spark"), default="local")
    ap.add_argument("--timeout", type=float, default=1800.0)
    args = ap.parse_args(argv)
    runs = [(n, 0.0) for n in args.sizes] + ([(max(args.sizes), args.errors)]
                                             if args.errors else [])
    rows = []
    for n, err in runs:
        csv = release(n, err)
        read = measure("read", csv, args.engine, args.timeout)
        full = measure("audit", csv, args.engine, args.timeout)
        rows.append((n, err, read, full))
        print(f"measured {csv.name}", file=sys.stderr)

    def s(m: dict | None, key: str, fmt: str) -> str:
        return format(m[key], fmt) if m else f"> {args.timeout:.0f} s"

    print(f"engine: {args.engine}; seconds after imports, peak resident memory per process")
    print(f"{'release':<22}{'figures':>10}{'read s':>10}{'audit s':>12}{'audit/read':>12}"
          f"{'read MB':>10}{'audit MB':>10}")
    for n, err, read, full in rows:
        name = f"{n:,}" + (f" + {err:.0%} errors" if err else "")
        ratio = f"{full['seconds'] / read['seconds']:.1f}x" if full and read else "—"
        print(f"{name:<22}{(full or read)['rows']:>10,}{s(read, 'seconds', '.2f'):>10}"
              f"{s(full, 'seconds', '.2f'):>12}{ratio:>12}{s(read, 'peak_mb', '.0f'):>10}"
              f"{s(full, 'peak_mb', '.0f'):>10}")
    clean = {n: full for n, err, _, full in rows if not err}
    sizes = sorted(clean)
    for a, b in itertools.pairwise(sizes):
        if clean[a] and clean[b]:
            print(f"{a:,} -> {b:,} figures: audit time x{clean[b]['seconds'] / clean[a]['seconds']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
