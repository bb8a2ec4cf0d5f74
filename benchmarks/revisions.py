"""An update audited against the previous release: `--previous STATE` against the full audit
and the pandas read of the new release, in one run.

    .venv/bin/python benchmarks/revisions.py [--figures 1000000] [--revised 0.001]
                                             [--format json|text] [--timeout 1800]

The new release is benchmarks/generate.py's consistent release (reused when present under
reports/bench/); the previous one is the same without its last month, with `--revised` of its
rows printed otherwise (synth.previous_vintage: revisions in the last digits and misprints)
and its ids renumbered. The previous release's state file is what `tradeaudit audit OLD
--save-state STATE` writes (its figures and the blocks it solved: audit.reuse). Then, each
in a fresh process so that peak memory is that step's own, wall-clock seconds after imports:
  read      pandas.read_csv(engine="pyarrow") of the new CSV, every column as text;
  full      `tradeaudit audit NEW --format FMT --out FILE`;
  solved    `tradeaudit audit NEW --previous OLD.csv ...`: what changed, every block solved
            (a figure table carries no solved blocks);
  previous  `tradeaudit audit NEW --previous STATE --format FMT --out FILE`: the blocks
            the update left unchanged are taken from the state (leave-one-out), the report
            is the full audit's plus what changed (the two outputs are compared);
  diff      `tradeaudit diff STATE NEW --format FMT --out FILE`: the comparison alone.
It prints the times, the ratios to the read, peak memory, and what the revisions found.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale

CHILD = r"""
import json, resource, sys, time
mode, args = sys.argv[1], sys.argv[2:]
import pandas as pd
if mode == "read":
    t = time.perf_counter()
    frame = pd.read_csv(args[0], engine="pyarrow", dtype=str, keep_default_na=False)
    seconds = time.perf_counter() - t
else:
    from tradeaudit import cli
    import tradeaudit.audit.engine, tradeaudit.audit.vintages, tradeaudit.read.previous
    import tradeaudit.read.table, tradeaudit.report.json, tradeaudit.report.text
    t = time.perf_counter()
    code = cli.main([mode, *args])
    seconds = time.perf_counter() - t
    if code not in (0, 1):
        raise SystemExit(code)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""


def measure(mode: str, args: list[str], timeout: float) -> dict | None:
    """One step in a fresh process: its seconds after imports and peak resident MB."""
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, mode, *args], capture_output=True,
                              text=True, timeout=timeout, check=False,
                              env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def vintages(figures: int, revised: float) -> tuple[Path, Path]:
    """The new release's CSV and the previous release's state file (made when missing)."""
    import pandas as pd

    from tradeaudit.data import RULES
    from tradeaudit.model.rules import load_rules
    from tradeaudit.read.previous import load_vintage, rules_digest
    from tradeaudit.read.state import save_state
    from tradeaudit.testing import synth

    new = scale.release(figures)
    old_csv = new.with_name(f"{new.stem}-previous-{revised:g}.csv")
    state = old_csv.with_suffix(".state")
    if not state.exists():
        table = pd.read_csv(new, dtype=str, keep_default_na=False)
        old, _ = synth.previous_vintage(table, revised, seed=7)
        old.to_csv(old_csv, index=False)
        rules = load_rules(RULES)
        frame, inputs = load_vintage([old_csv], rules, Path("unused"))
        save_state(state, frame, inputs, rules_digest(rules))
    return new, state


def audited_state(old_csv: Path, timeout: float) -> Path:
    """The state `tradeaudit audit OLD --save-state` writes (the figures and the blocks it
    solved, which `--previous` reuses), made when missing."""
    from tradeaudit.audit.reuse import SOLVER_VERSION

    # (named by the solver version: a state of another one holds no key the audit finds)
    state = old_csv.with_suffix(f".audited-v{SOLVER_VERSION}.state")
    if not state.exists():
        measure("audit", [str(old_csv), "--save-state", str(state), "--format", "json",
                          "--out", str(old_csv.with_suffix(".json"))], timeout)
    return state


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--figures", type=int, default=1_000_000)
    ap.add_argument("--revised", type=float, default=0.001)
    ap.add_argument("--format", choices=("json", "text"), default="json")
    ap.add_argument("--timeout", type=float, default=1800.0)
    ap.add_argument("--steps", nargs="+",
                    default=["read", "full", "solved", "previous", "diff"],
                    choices=("read", "full", "solved", "previous", "diff"))
    args = ap.parse_args(argv)
    new, figures_only = vintages(args.figures, args.revised)
    state = audited_state(figures_only.with_suffix(".csv"), args.timeout)
    out = new.with_suffix(f".revisions.{args.format}")
    fmt = ["--format", args.format, "--out", str(out)]
    solved_out = out.with_suffix(f".solved.{args.format}")
    steps = {"read": ("read", [str(new)]), "full": ("audit", [str(new), *fmt]),
             "solved": ("audit", [str(new), "--previous", str(figures_only.with_suffix(".csv")),
                                  "--format", args.format, "--out", str(solved_out)]),
             "previous": ("audit", [str(new), "--previous", str(state), *fmt]),
             "diff": ("diff", [str(state), str(new), "--format", args.format, "--out",
                               str(out.with_suffix(f".diff.{args.format}"))])}
    runs = {s: measure(*steps[s], args.timeout) for s in args.steps}
    read = runs.get("read")
    print(f"new release {new.name}; previous {state.name} ({args.revised:.1%} revised, one "
          "month appended; written by `audit OLD --save-state`); seconds after imports, peak "
          "resident memory per process")
    for name, m in runs.items():
        if m is None:
            print(f"{name:<10}> {args.timeout:.0f} s")
            continue
        ratio = f"{m['seconds'] / read['seconds']:.1f}x read" if read else ""
        peak = f"({m['peak_mb'] / read['peak_mb']:.1f}x read)" if read else ""
        print(f"{name:<10}{m['seconds']:>8.2f} s {ratio:>12}{m['peak_mb']:>8.0f} MB {peak}")
    if args.format == "json" and runs.get("previous"):
        report = json.loads(out.read_text(encoding="utf-8"))
        print("revisions:", json.dumps(report["revisions"]["counts"]))
    if runs.get("previous") and runs.get("solved"):
        same = out.read_bytes() == solved_out.read_bytes()
        print("previous (blocks taken from the state) and solved (every block solved) wrote "
              "the same report, byte for byte:", "yes" if same else "NO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
