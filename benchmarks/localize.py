"""Localization at scale: many misprints in one big release, and how well blame finds them.

    .venv/bin/python benchmarks/localize.py [--shape monthly|long] [--figures 20000]
                                            [--errors 0.02] [--seed 1]

`monthly` is synth.big_release (products x partners x 36 months: many short blocks); `long`
is synth.release over ten years with many segments (one block per segment's ten-year series,
about 85 figures, so a few percent of misprints puts several in one block). Misprints come
from synth.inject_many (a scale word, a decimal shift, a sign or a transposition).

It prints the audit time (in process, after imports), how many misprints were blamed as the
figure to correct (recall), how many blamed figures were misprints (precision), and how many
figures ended in joint inconsistencies, by the number of misprints in their block.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

from tradeaudit.audit.domains import blocks as _blocks
from tradeaudit.audit.engine import audit
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables
from tradeaudit.solve.relation import build_system
from tradeaudit.testing import synth

BLAMED = "most likely the one to correct"


def release(shape: str, figures: int, seed: int):
    if shape == "monthly":
        return synth.big_release(seed, synth.BigShape.for_figures(figures))
    # About 85 figures per segment over ten years; segments = 1 + industries + countries + 4.
    segments = max(8, figures // 85)
    industries = max(2, (segments - 5) * 2 // 3)
    return synth.release(seed, synth.Shape(years=10, industries=industries,
                                           countries=max(2, segments - 5 - industries)))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shape", choices=("monthly", "long"), default="long")
    p.add_argument("--figures", type=int, default=20000)
    p.add_argument("--errors", type=float, default=0.02)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    rules = load_rules(ROOT / "expectations" / "technology_trade.json")
    clean = release(a.shape, a.figures, a.seed)
    bad, rows = synth.inject_many(clean, a.errors, a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "release.csv"
        bad.to_csv(path, index=False)
        table = load_tables([path], rules.flows, rules.ratio_flows)
    t = time.perf_counter()
    result = audit(table, rules)
    seconds = time.perf_counter() - t
    fig = result.figures
    blamed = set(np.flatnonzero(fig["reason"].str.contains(BLAMED).to_numpy()).tolist())
    joint = set(np.flatnonzero(fig["reason"].str.startswith("part of a contradiction")
                               .to_numpy()).tolist())
    injected = set(rows.tolist())
    hit = len(blamed & injected)
    # Misprints per block, to show where joint inconsistencies come from.
    system = build_system(table, rules)
    comp = _blocks(system.cut_hubs())
    per_block = Counter(comp[r] for r in rows if comp[r] >= 0)
    joint_blocks = {comp[r] for r in joint}
    by_errors = Counter(per_block[b] for b in joint_blocks)
    print(f"{a.shape} release, seed {a.seed}: {len(table):,} figures, {len(injected):,} "
          f"misprinted ({a.errors:.1%}), {len(per_block):,} blocks with misprints "
          f"(most in one: {max(per_block.values(), default=0)})")
    print(f"audit {seconds:.1f} s; {result.counts}")
    print(f"recall {hit / max(1, len(injected)):.1%} ({hit} of {len(injected)} misprints "
          f"blamed); precision {hit / max(1, len(blamed)):.1%} ({hit} of {len(blamed)} "
          f"blamed figures were misprints)")
    print(f"joint inconsistencies: {len(joint_blocks)} blocks, {len(joint)} figures; by "
          f"misprints in the block: {dict(sorted(by_errors.items()))}")
    missed = injected - blamed
    print(f"missed misprints: {len(missed)}; of them in joint blocks: "
          f"{sum(comp[r] in joint_blocks for r in missed)}")
    return 0 if math.isfinite(seconds) else 1


if __name__ == "__main__":
    sys.exit(main())
