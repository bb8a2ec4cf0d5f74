"""What an incremental audit could take from the previous one: the blocks an update leaves
unchanged, and whether their results really come out the same, with each stage's time.

    .venv/bin/python benchmarks/reuse.py [--figures 100000] [--revised 0.001]

The vintages are benchmarks/revisions.py's (the new release of benchmarks/generate.py and the
previous one: without the last month, `--revised` of its rows printed otherwise). Both are
audited in this process, stage by stage (engine.audit's stages, timed), then:

- rows: the new release's rows matched to the old one's by what they print (cell, printing,
  unit; not the id): unchanged, changed or added, and old rows gone;
- blocks: the new release's connected components (after the hubs are cut); a block is
  *unchanged* when the old release has a block of exactly the same rows (by content);
- hub-coupled: unchanged blocks whose copies of a hub (a conversion rate, a total many
  segments refer to) get another domain once the hubs are settled, because the votes of the
  other blocks changed;
- same result: unchanged blocks whose figures end with the same status, reason and interval
  in both audits (what a cache of per-block results could return), and those that do not.

It prints the stage times (the floor an incremental audit still pays: reading, building the
system, writing the report), and the counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import revisions

MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def staged(path: Path, rules) -> tuple[dict, object, object, object]:
    """The audit of one release, stage by stage as engine.audit runs them: the seconds of
    each, the problem, the blame, and the result."""
    from tradeaudit.audit import engine
    from tradeaudit.audit.conversions import conversions
    from tradeaudit.audit.discrepancies import discrepancies
    from tradeaudit.audit.intervals import allowed_intervals
    from tradeaudit.audit.problem import build_problem
    from tradeaudit.audit.rounds import blame_rounds
    from tradeaudit.audit.runner import LOCAL
    from tradeaudit.audit.verdicts import verdicts
    from tradeaudit.read.table import load_tables
    from tradeaudit.report.json import json_chunks

    times = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[name] = now - t
        t = now

    table = load_tables([path], rules.flows, rules.ratio_flows, {}, None)
    lap("read and parse")
    problem = build_problem(table, rules)
    lap("build the system")
    blame = blame_rounds(problem, LOCAL)
    lap("blame (propagate, hubs)")
    allowed = allowed_intervals(problem, blame, LOCAL)
    lap("leave-one-out")
    made, fixes = engine.suggest_fixes(problem, blame, allowed, rules)
    status, reason, ranks = verdicts(problem, blame, allowed, rules)
    converted, warns = conversions(blame.system, problem.frame, None, problem.policy,
                                   allowed.r_lo, allowed.r_hi)
    found = discrepancies(problem, blame, allowed, made, fixes, status, ranks, warns)
    factor = problem.frame["factor"].to_numpy()
    result = engine.Audit(
        table, rules, found, engine.rank_suspects(problem, blame, allowed, made, fixes),
        pd.DataFrame({"id": problem.ids, "status": status, "reason": reason,
                      "low": allowed.chk_lo / factor, "high": allowed.chk_hi / factor}),
        engine.count(found, status), problem.policy, converted)
    lap("verdicts, findings")
    size = sum(len(c) for c in json_chunks(result))
    lap(f"JSON report ({size / 1e6:.0f} MB)")
    return times, problem, blame, result


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """Per figure row, a 64-bit hash of what it prints: its cell, printing and unit."""
    from tradeaudit.audit.revisions import vintage_frame

    v = vintage_frame(frame)
    h = np.zeros(len(v), dtype=np.uint64)
    for col in ("period", "segment", "flow", "stat", "currency", "base_key", "printed", "unit"):
        x = pd.util.hash_pandas_object(v[col].astype(str), index=False).to_numpy()
        h = (h * np.uint64(1099511628211) + x) & MASK
    return h


def block_keys(problem, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per block (problem.block codes, 0..max), a 128-bit key of its multiset of rows (two
    64-bit sums of differently mixed row hashes); blocks without rows get 0."""
    n = int(problem.block.max()) + 1
    has = problem.block >= 0
    a = np.zeros(n, dtype=np.uint64)
    b = np.zeros(n, dtype=np.uint64)
    h = rows[has]
    np.add.at(a, problem.block[has], h * np.uint64(0x9E3779B97F4A7C15))
    np.add.at(b, problem.block[has], (h ^ (h >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9))
    return a, b


def copy_domains(blame, problem) -> pd.DataFrame:
    """Per hub copy after the last settlement: its block, the hub's key and its domain."""
    s = blame.system
    if not len(s.copies):
        return pd.DataFrame({"block": [], "hub": [], "lo": [], "hi": []})
    return pd.DataFrame({"block": s.component[s.copies],
                         "hub": s.keys.take(s.copy_hub).to_numpy(zero_copy_only=False),
                         "lo": s.lo0[s.copies], "hi": s.hi0[s.copies]})


def outcome(result, problem, rows: np.ndarray) -> pd.DataFrame:
    """Per figure row with a block: its block's key, its row hash and what the audit says."""
    f = result.figures
    has = problem.block >= 0
    return pd.DataFrame({"block": problem.block[has], "row": rows[has],
                         "status": f["status"].to_numpy()[has],
                         "reason": f["reason"].to_numpy()[has],
                         "low": f["low"].to_numpy()[has], "high": f["high"].to_numpy()[has]})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--figures", type=int, default=100_000)
    ap.add_argument("--revised", type=float, default=0.001)
    args = ap.parse_args(argv)
    from tradeaudit.data import RULES
    from tradeaudit.model.rules import load_rules

    rules = load_rules(RULES)
    new_path, state = revisions.vintages(args.figures, args.revised)
    old_path = state.with_suffix(".csv")
    for _ in range(2):  # (the first read pays pyarrow's start)
        t = time.perf_counter()
        pd.read_csv(new_path, engine="pyarrow", dtype=str, keep_default_na=False)
        read = time.perf_counter() - t
    runs = {}
    for name, path in (("old", old_path), ("new", new_path)):
        times, problem, blame, result = staged(path, rules)
        rows = row_hashes(problem.frame)
        runs[name] = (times, problem, blame, result, rows, block_keys(problem, rows))
    print(f"{new_path.name} against {old_path.name}; pandas (pyarrow) read of the new release "
          f"{read:.2f} s")
    times = runs["new"][0]
    for stage, s in times.items():
        print(f"  {stage:<28}{s:>8.2f} s {s / read:>8.1f}x read")
    print(f"  {'audit in all':<28}{sum(times.values()):>8.2f} s "
          f"{sum(times.values()) / read:>8.1f}x read")

    _, p_old, b_old, r_old, rows_old, (ka_old, kb_old) = runs["old"]
    _, p_new, b_new, r_new, rows_new, (ka_new, kb_new) = runs["new"]
    old_rows = pd.Series(rows_old).value_counts()
    new_rows = pd.Series(rows_new).value_counts()
    both = old_rows.reindex(new_rows.index, fill_value=0)
    kept = int(np.minimum(both, new_rows).sum())
    print(f"rows: {len(rows_new)} new, {kept} printed as before, "
          f"{len(rows_new) - kept} changed or added, {len(rows_old) - kept} old ones gone")

    old_keys = set(zip(ka_old.tolist(), kb_old.tolist()))
    live = np.unique(p_new.block[p_new.block >= 0])
    same = np.array([(ka_new[c], kb_new[c]) in old_keys for c in live.tolist()])
    unchanged = live[same]
    print(f"blocks: {len(live)}, {len(unchanged)} unchanged ({len(unchanged) / len(live):.1%}),"
          f" {len(live) - len(unchanged)} with a changed or added row")

    # The unchanged blocks' twins in the old release, by key.
    old_of = {(int(a), int(b)): c for c, (a, b) in enumerate(zip(ka_old.tolist(),
                                                                 kb_old.tolist()))}
    twin = np.array([old_of[(int(ka_new[c]), int(kb_new[c]))] for c in unchanged.tolist()])
    cd_new, cd_old = copy_domains(b_new, p_new), copy_domains(b_old, p_old)
    coupled = 0
    by_new = cd_new.groupby("block") if len(cd_new) else None
    by_old = cd_old.groupby("block") if len(cd_old) else None
    with_hub = 0
    for c, o in zip(unchanged.tolist(), twin.tolist()):
        if by_new is None or c not in by_new.groups:
            continue
        with_hub += 1
        a = by_new.get_group(c).sort_values("hub")[["hub", "lo", "hi"]].to_numpy()
        b = by_old.get_group(o).sort_values("hub")[["hub", "lo", "hi"]].to_numpy()
        if a.shape != b.shape or not (a == b).all():
            coupled += 1
    print(f"hubs: {len(np.unique(b_new.system.copy_hub))} hub variables; {with_hub} unchanged "
          f"blocks hold a copy of one, {coupled} of them get another domain for it")

    on = outcome(r_new, p_new, rows_new)
    oo = outcome(r_old, p_old, rows_old)
    on = on[np.isin(on["block"], unchanged)]
    oo = oo[np.isin(oo["block"], twin)]
    oo["block"] = pd.Series(unchanged, index=twin).reindex(oo["block"]).to_numpy()
    cols = ["block", "row", "status", "reason", "low", "high"]
    a = on.sort_values(["block", "row", "status", "reason", "low", "high"])[cols]
    b = oo.sort_values(["block", "row", "status", "reason", "low", "high"])[cols]
    diff = ~((a.to_numpy() == b.to_numpy()) | (a.isna().to_numpy() & b.isna().to_numpy())
             ).all(axis=1)
    bad = np.unique(a["block"].to_numpy()[diff])
    which = {c: int((a[c].to_numpy()[diff] != b[c].to_numpy()[diff]).sum())
             for c in ("status", "reason", "low", "high")}
    print(f"same result: {len(unchanged) - len(bad)} of the {len(unchanged)} unchanged blocks;"
          f" {len(bad)} ({int(diff.sum())} figures) end otherwise in the new audit"
          f" (figures differing by {which})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
