"""An update audited against the previous release: `--previous STATE` against the full audit
and the pandas read of the new release, in one run.

    .venv/bin/python benchmarks/revisions.py [--figures 1000000] [--revised 0.001]
                                             [--format json|text] [--timeout 1800]
                                             [--steps read full ...] [--repeat N]
                                             [--against SRC]

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
With `--against SRC` (another tradeaudit's `src`, say `git archive HEAD~1 src | tar -x -C
/tmp/before`), every step but the read also runs with that code, alternating with this
checkout's, each with the state its own `audit OLD --save-state` wrote: a before/after in
one run, and whether the two wrote the same reports.
"""

from __future__ import annotations

import argparse
import hashlib
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
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
if mode == "read":
    t, c = time.perf_counter(), cpu()
    frame = pd.read_csv(args[0], engine="pyarrow", dtype=str, keep_default_na=False)
    seconds, cpu_seconds = time.perf_counter() - t, cpu() - c
else:
    from tradeaudit import cli
    import tradeaudit.audit.engine, tradeaudit.audit.vintages, tradeaudit.read.previous
    import tradeaudit.read.table, tradeaudit.report.json, tradeaudit.report.text
    t, c = time.perf_counter(), cpu()
    code = cli.main([mode, *args])
    seconds, cpu_seconds = time.perf_counter() - t, cpu() - c
    if code not in (0, 1):
        raise SystemExit(code)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak}))
"""


def measure(mode: str, args: list[str], timeout: float, src: Path = ROOT / "src"
            ) -> dict | None:
    """One step in a fresh process (tradeaudit from `src`): its seconds after imports and
    peak resident MB."""
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, mode, *args], capture_output=True,
                              text=True, timeout=timeout, check=False,
                              env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def vintages(figures: int, revised: float) -> tuple[Path, Path]:
    """The new release's CSV and the previous release's (made when missing)."""
    import pandas as pd

    from tradeaudit.testing import synth

    new = scale.release(figures)
    old_csv = new.with_name(f"{new.stem}-previous-{revised:g}.csv")
    if not old_csv.exists():
        table = pd.read_csv(new, dtype=str, keep_default_na=False)
        old, _ = synth.previous_vintage(table, revised, seed=7)
        old.to_csv(old_csv, index=False)
    return new, old_csv


def tree_tag(src: Path) -> str:
    """A short digest of a source tree's Python files: a state is kept per version of the
    code that wrote it (another solver or state version finds nothing in it)."""
    h = hashlib.sha256()
    for f in sorted((src / "tradeaudit").rglob("*.py")):
        h.update(f.relative_to(src).as_posix().encode() + f.read_bytes())
    return h.hexdigest()[:10]


def audited_state(old_csv: Path, timeout: float, src: Path, rules: list[str]) -> Path:
    """The state `tradeaudit audit OLD --save-state` writes with the code in `src` (the
    figures and what the audit keeps for the next), made when missing."""
    state = old_csv.with_suffix(f".audited-{tree_tag(src)}.state")
    if not state.exists():
        measure("audit", [str(old_csv), "--save-state", str(state), "--format", "json",
                          "--out", str(old_csv.with_suffix(".json")), *rules], timeout, src)
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
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run every step N times (alternating trees) and keep the least "
                    "seconds, CPU seconds and memory of each")
    ap.add_argument("--against", type=Path, default=None, metavar="SRC",
                    help="also measure every step with the tradeaudit in SRC (a `src` "
                    "directory, e.g. `git archive` of an earlier commit), alternating")
    args = ap.parse_args(argv)
    new, old_csv = vintages(args.figures, args.revised)
    trees = {"this": ROOT / "src"} | ({"against": args.against.resolve()} if args.against
                                      else {})
    runs: dict[tuple[str, str], dict | None] = {}
    outs: dict[tuple[str, str], Path] = {}
    # (the same rules file for every tree: reports name it, relative to the working directory)
    rules = ["--rules", str(ROOT / "expectations" / "technology_trade.json")]
    states = {name: audited_state(old_csv, args.timeout, src, rules)
              for name, src in trees.items()}
    if len(trees) > 1:  # (numba compiles a fresh tree's kernels on first use: not measured)
        for name, src in trees.items():
            warm = new.with_suffix(f".{name}.warm")
            measure("audit", [str(new), "--previous", str(states[name]), "--save-state",
                              str(warm.with_suffix(".state")), "--format", "json", "--out",
                              str(warm.with_suffix(".json")), *rules], args.timeout, src)
    for step in args.steps:
        for name, src in [pair for _ in range(args.repeat) for pair in (
                trees.items() if step != "read" else [("this", ROOT / "src")])]:
            state = states[name]
            out = new.with_suffix(f".{name}.{step}.{args.format}")
            fmt = ["--format", args.format, "--out", str(out), *rules]
            argv_of = {"read": ("read", [str(new)]), "full": ("audit", [str(new), *fmt]),
                       "solved": ("audit", [str(new), "--previous", str(old_csv), *fmt]),
                       "previous": ("audit", [str(new), "--previous", str(state), *fmt]),
                       "diff": ("diff", [str(state), str(new), *fmt])}
            m = measure(*argv_of[step], args.timeout, src)
            best = runs.get((name, step))
            runs[name, step] = m if best is None or m is None else {
                k: min(best[k], m[k]) for k in m}  # (the least of the repeats)
            outs[name, step] = out
    read = runs.get(("this", "read"))
    print(f"new release {new.name}; previous {old_csv.name} ({args.revised:.1%} revised, one "
          "month appended; its state written by `audit OLD --save-state`); seconds after "
          "imports (and CPU seconds: the machine is shared), peak resident memory per process")
    for (name, step), m in runs.items():
        label = step if len(trees) == 1 or step == "read" else f"{step} ({name})"
        if m is None:
            print(f"{label:<20}> {args.timeout:.0f} s")
            continue
        ratio = f"{m['seconds'] / read['seconds']:.1f}x read" if read else ""
        peak = f"({m['peak_mb'] / read['peak_mb']:.1f}x read)" if read else ""
        print(f"{label:<20}{m['seconds']:>8.2f} s {ratio:>12} (cpu {m['cpu']:6.2f} s)"
              f"{m['peak_mb']:>8.0f} MB {peak}")
    if args.format == "json" and runs.get(("this", "previous")):
        report = json.loads(outs["this", "previous"].read_text(encoding="utf-8"))
        print("revisions:", json.dumps(report["revisions"]["counts"]))
    for name in trees:
        if runs.get((name, "previous")) and runs.get((name, "solved")):
            same = outs[name, "previous"].read_bytes() == outs[name, "solved"].read_bytes()
            print(f"{name}: previous (taking from the state) and solved (every block solved) "
                  "wrote the same report, byte for byte:", "yes" if same else "NO")
    if len(trees) > 1:
        for step in ("full", "previous", "solved", "diff"):
            if runs.get(("this", step)) and runs.get(("against", step)):
                same = outs["this", step].read_bytes() == outs["against", step].read_bytes()
                print(f"{step}: this tree and the other wrote the same report, byte for "
                      "byte:", "yes" if same else "NO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
