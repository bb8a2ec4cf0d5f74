"""The rules of a kind of statistic, read from a Great Expectations suite in expectations/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tradeaudit.errors import RulesError

# Expectation types of the suite. Standard Great Expectations ones describe the table's schema
# (the loader enforces the same); tradeaudit's own ones are the reconciliation rules.
SCHEMA_TYPES = frozenset({
    "expect_table_columns_to_match_set", "expect_column_values_to_not_be_null",
    "expect_column_values_to_be_unique", "expect_column_values_to_be_in_set",
    "expect_column_values_to_match_regex",
})
RULE_TYPES = {
    "expect_flow_identity": ("identity",),
    "expect_flows_nonnegative": ("flows",),
    "expect_growth_consistent": ("stats",),
    "expect_share_consistent": ("stats",),
    "expect_rank_consistent": (),
    "expect_conversion_consistent": ("policy",),
    "expect_figures_jointly_consistent": (),
}
STAT_FAMILY = {"growth_pct": "growth", "change": "growth", "multiple": "growth",
               "share_pct": "share", "change_share_pct": "share"}
# One implied rate per currency pair for the whole document; the reference rate of each
# figure's year; or the reference rate of one given date.
POLICIES = ("document", "annual", "date")
_IDENTITY = re.compile(r"^\s*(\w+)\s*=\s*(\w+)\s*([-+/*])\s*(\w+)\s*$")
OPS = {"+": "sum", "-": "difference", "/": "ratio", "*": "product"}


@dataclass(frozen=True, slots=True)
class Identity:
    """`result = left op right` between flows of one cell group."""

    result: str
    left: str
    op: str  # sum, difference, ratio, product
    right: str

    @property
    def text(self) -> str:
        sym = {v: k for k, v in OPS.items()}[self.op]
        return f"{self.result} = {self.left} {sym} {self.right}"


@dataclass(frozen=True)
class Rules:
    """What the engine checks for one kind of statistic."""

    name: str
    path: str
    flows: frozenset[str]
    identities: tuple[Identity, ...]
    nonnegative: frozenset[str]
    stats: frozenset[str]
    rank: bool
    conversion: str | None  # the policy, or None when conversions are not checked

    @property
    def ratio_flows(self) -> frozenset[str]:
        """Flows that are a quotient of two amounts, hence dimensionless."""
        return frozenset(i.result for i in self.identities if i.op == "ratio")


def load_rules(path: Path) -> Rules:
    """Read a suite; every expectation type must be one tradeaudit knows (strict)."""
    where = str(path)
    try:
        suite = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise RulesError(f"cannot read the rules suite: {e}", path=where) from None
    except json.JSONDecodeError as e:
        raise RulesError(f"not JSON: {e.msg}", path=where, row=e.lineno) from None
    if not isinstance(suite, dict) or not isinstance(suite.get("expectations"), list):
        raise RulesError("a suite is an object with an `expectations` list", path=where)
    flows: set[str] = set()
    identities: list[Identity] = []
    nonneg: set[str] = set()
    stats: set[str] = set()
    rank = False
    conversion = None
    for n, exp in enumerate(suite["expectations"], start=1):
        etype = exp.get("type") if isinstance(exp, dict) else None
        kwargs = exp.get("kwargs", {}) if isinstance(exp, dict) else {}
        place = f"expectation {n}"
        if etype in SCHEMA_TYPES:
            if etype == "expect_column_values_to_be_in_set" and kwargs.get("column") == "flow":
                flows |= set(kwargs.get("value_set", []))
            continue
        if etype not in RULE_TYPES:
            raise RulesError(f"{place}: unknown expectation type; known: "
                             f"{', '.join(sorted(SCHEMA_TYPES | set(RULE_TYPES)))}",
                             path=where, text=str(etype))
        missing = [k for k in RULE_TYPES[etype] if k not in kwargs]
        if missing:
            raise RulesError(f"{place} ({etype}): missing kwarg {missing[0]!r}", path=where)
        if etype == "expect_flow_identity":
            m = _IDENTITY.match(str(kwargs["identity"]))
            if not m:
                raise RulesError(f"{place}: an identity reads `result = left (+|-|/|*) right`",
                                 path=where, text=str(kwargs["identity"]))
            identities.append(Identity(m.group(1), m.group(2), OPS[m.group(3)], m.group(4)))
        elif etype == "expect_flows_nonnegative":
            nonneg |= set(kwargs["flows"])
        elif etype in ("expect_growth_consistent", "expect_share_consistent"):
            family = etype.split("_")[1]
            wrong = [s for s in kwargs["stats"] if STAT_FAMILY.get(s) != family]
            if wrong:
                raise RulesError(f"{place}: {etype} covers "
                                 f"{', '.join(s for s, f in STAT_FAMILY.items() if f == family)}",
                                 path=where, text=wrong[0])
            stats |= set(kwargs["stats"])
        elif etype == "expect_rank_consistent":
            rank = True
        elif etype == "expect_conversion_consistent":
            if kwargs["policy"] not in POLICIES:
                raise RulesError(f"{place}: conversion policy is one of {', '.join(POLICIES)}",
                                 path=where, text=str(kwargs["policy"]))
            conversion = kwargs["policy"]
    named = {f for i in identities for f in (i.result, i.left, i.right)} | nonneg
    if not flows:
        flows = named
    unknown = sorted(named - flows)
    if unknown:
        raise RulesError("a rule names a flow outside the suite's flow vocabulary",
                         path=where, text=unknown[0])
    results = [i.result for i in identities]
    if len(set(results)) != len(results):
        raise RulesError("two identities define the same flow", path=where,
                         text=min(r for r in results if results.count(r) > 1))
    _reject_cycles(identities, where)
    return Rules(str(suite.get("name", path.stem)), where, frozenset(flows), tuple(identities),
                 frozenset(nonneg), frozenset(stats), rank, conversion)


def _reject_cycles(identities: list[Identity], where: str) -> None:
    """A flow defined through itself (a = b + c, b = a - c) is a cyclic rule set."""
    deps = {i.result: {i.left, i.right} for i in identities}

    def reaches(start: str, target: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(d == target or (d not in seen and reaches(d, target, seen | {d}))
                   for d in deps.get(start, ()))

    for i in identities:
        if reaches(i.result, i.result):
            raise RulesError("the identities are cyclic", path=where, text=i.text)
