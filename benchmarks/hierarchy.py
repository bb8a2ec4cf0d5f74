"""Blame on partner tables whose parts sum to their total: plant one slip, score the audit.

    python benchmarks/hierarchy.py --tables 60 --seed 1

Each table (testing.synth.partner_table: partners, Others and the total, with growth and
shares, and the total's months and quarters) is audited clean (any inconsistency is a false
positive), then with one slip in a level: a member, the total, a month or a quarter. Prints
detection and top-1 blame per kind of figure.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tradeaudit.audit.engine import audit
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables
from tradeaudit.testing import synth

SUITE = {"name": "partners", "expectations": [
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "flow", "value_set": ["exports", "imports", "balance"]}},
    {"type": "expect_flow_identity", "kwargs": {"identity": "balance = exports - imports"}},
    {"type": "expect_flows_nonnegative", "kwargs": {"flows": ["exports", "imports"]}},
    {"type": "expect_growth_consistent", "kwargs": {"stats": ["growth_pct", "change"]}},
    {"type": "expect_share_consistent", "kwargs": {"stats": ["share_pct"]}},
    {"type": "expect_segments_sum", "kwargs": {"dimension": "country"}},
    {"type": "expect_periods_sum", "kwargs": {}}]}


def slip(value: str, rng: random.Random) -> str:
    """The printed value with one slip: two digits transposed, one digit wrong, or dropped."""
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    kind = rng.choice(("transpose", "wrong", "drop"))
    if kind == "transpose" and len(digits) > 1:
        k = rng.randrange(len(digits) - 1)
        a, b = digits[k], digits[k + 1]
        if value[a] != value[b]:
            return value[:a] + value[b] + value[a] + value[b + 1:]
    if kind == "drop" and len(digits) > 2:
        k = rng.choice(digits[1:])
        return value[:k] + value[k + 1:]
    k = rng.choice(digits)
    return value[:k] + rng.choice([d for d in "0123456789" if d != value[k]]) + value[k + 1:]


def where(row) -> str:
    """The kind of figure: total, member, residual, month or quarter."""
    if "-Q" in row["period"]:
        return "quarter"
    if "-" in row["period"]:
        return "month"
    if row["segment"] == "total":
        return "total"
    return "residual" if row["segment"].endswith("Others") else "member"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp())
    rules_path = tmp / "rules.json"
    rules_path.write_text(__import__("json").dumps(SUITE))
    rules = load_rules(rules_path)
    seen, found, top1, fp = Counter(), Counter(), Counter(), 0
    start = time.perf_counter()

    def run(table) -> object:
        path = tmp / "t.csv"
        table.to_csv(path, index=False)
        return audit(load_tables([path], rules.flows, rules.ratio_flows), rules)

    for n in range(args.tables):
        table = synth.partner_table(args.seed * 100_000 + n, partners=rng.randint(3, 8))
        fp += run(table).verdict != "consistent"
        levels = table.index[table["stat"] == "level"].tolist()
        row = rng.choice(levels)
        bad = table.copy()
        bad.at[row, "value"] = slip(table.at[row, "value"], rng)
        kind = where(table.loc[row])
        seen[kind] += 1
        a = run(bad)
        if a.verdict == "inconsistent":
            found[kind] += 1
            top1[kind] += bool(a.suspects) and a.suspects[0].figure == table.at[row, "id"]
    print(f"{args.tables} tables, {time.perf_counter() - start:.0f} s; "
          f"false positives {fp}/{args.tables}")
    for kind in sorted(seen):
        print(f"  {kind:9} planted {seen[kind]:3}  detected {found[kind]:3}  "
              f"top-1 {top1[kind]:3} ({100 * top1[kind] / max(found[kind], 1):.0f}% of "
              "detected)")
    total = sum(top1.values()), sum(found.values()), sum(seen.values())
    print(f"  all       planted {total[2]:3}  detected {total[1]:3}  top-1 {total[0]:3} "
          f"({100 * total[0] / max(total[1], 1):.0f}% of detected)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
