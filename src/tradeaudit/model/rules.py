"""The rules of a kind of statistic, read from a Great Expectations suite in expectations/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tradeaudit.errors import RulesError
from tradeaudit.stats import REGISTRY

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
STAT_FAMILY = {s.name: s.family for s in REGISTRY.values() if s.family}
# One implied rate per currency pair for the whole document; the reference rate of each
# figure's year; or the reference rate of one given date.
POLICIES = ("document", "annual", "date")
IDENTITY = re.compile(r"^\s*(\w+)\s*=\s*(\w+)\s*([-+/*])\s*(\w+)\s*$")
IDENTITY_FORM = "an identity reads `result = left (+|-|/|*) right`"
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
        """The identity as a suite writes it (`volume = exports + imports`)."""
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


def parse_identity(text: object, place: str = "", path: str | None = None) -> Identity:
    """`result = left op right` as a suite writes it (RulesError, after `place`, if not so)."""
    m = IDENTITY.match(str(text))
    if not m:
        raise RulesError(f"{place}: {IDENTITY_FORM}" if place else IDENTITY_FORM, path=path,
                         text=str(text))
    return Identity(m.group(1), m.group(2), OPS[m.group(3)], m.group(4))


@dataclass
class _Found:
    """What the expectations of a suite said so far, while it is read."""

    flows: set[str] = field(default_factory=set)
    identities: list[Identity] = field(default_factory=list)
    nonneg: set[str] = field(default_factory=set)
    stats: set[str] = field(default_factory=set)
    rank: bool = False
    conversion: str | None = None


def load_rules(path: Path) -> Rules:
    """Read a suite; every expectation type must be one tradeaudit knows (strict)."""
    where = str(path)
    suite = _read_suite(path)
    found = _Found()
    for n, exp in enumerate(suite["expectations"], start=1):
        _read_expectation(found, exp, f"expectation {n}", where)
    flows = _vocabulary(found, where)
    _reject_cycles(found.identities, where)
    return Rules(str(suite.get("name", path.stem)), where, frozenset(flows),
                 tuple(found.identities), frozenset(found.nonneg), frozenset(found.stats),
                 found.rank, found.conversion)


def _read_suite(path: Path) -> dict:
    """The suite file as JSON: an object with an `expectations` list."""
    where = str(path)
    try:
        suite = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise RulesError(f"cannot read the rules suite: {e}", path=where) from None
    except json.JSONDecodeError as e:
        raise RulesError(f"not JSON: {e.msg}", path=where, row=e.lineno) from None
    if not isinstance(suite, dict) or not isinstance(suite.get("expectations"), list):
        raise RulesError("a suite is an object with an `expectations` list", path=where)
    return suite


def _read_expectation(found: _Found, exp: object, place: str, where: str) -> None:
    """Add what one expectation says to `found`; unknown types and missing kwargs fail."""
    etype = exp.get("type") if isinstance(exp, dict) else None
    kwargs = exp.get("kwargs", {}) if isinstance(exp, dict) else {}
    if etype in SCHEMA_TYPES:
        if etype == "expect_column_values_to_be_in_set" and kwargs.get("column") == "flow":
            found.flows |= set(kwargs.get("value_set", []))
        return
    if etype not in RULE_TYPES:
        raise RulesError(f"{place}: unknown expectation type; known: "
                         f"{', '.join(sorted(SCHEMA_TYPES | set(RULE_TYPES)))}",
                         path=where, text=str(etype))
    missing = [k for k in RULE_TYPES[etype] if k not in kwargs]
    if missing:
        raise RulesError(f"{place} ({etype}): missing kwarg {missing[0]!r}", path=where)
    _READERS[etype](found, etype, kwargs, place, where)


def _read_identity(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_flow_identity: one identity between flows."""
    found.identities.append(parse_identity(kwargs["identity"], place, where))


def _read_nonnegative(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_flows_nonnegative: flows whose levels are never negative."""
    found.nonneg |= set(kwargs["flows"])


def _read_stats(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_growth_consistent, expect_share_consistent: the statistics of their family."""
    family = etype.split("_")[1]
    wrong = [s for s in kwargs["stats"] if STAT_FAMILY.get(s) != family]
    if wrong:
        raise RulesError(f"{place}: {etype} covers "
                         f"{', '.join(s for s, f in STAT_FAMILY.items() if f == family)}",
                         path=where, text=wrong[0])
    found.stats |= set(kwargs["stats"])


def _read_rank(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_rank_consistent: ranks are checked."""
    found.rank = True


def _read_conversion(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_conversion_consistent: conversions are checked under one of POLICIES."""
    if kwargs["policy"] not in POLICIES:
        raise RulesError(f"{place}: conversion policy is one of {', '.join(POLICIES)}",
                         path=where, text=str(kwargs["policy"]))
    found.conversion = kwargs["policy"]


def _read_joint(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_figures_jointly_consistent: the engine's verdict itself; nothing to add."""


# How each rule type of RULE_TYPES adds to what the engine checks.
_READERS = {
    "expect_flow_identity": _read_identity,
    "expect_flows_nonnegative": _read_nonnegative,
    "expect_growth_consistent": _read_stats,
    "expect_share_consistent": _read_stats,
    "expect_rank_consistent": _read_rank,
    "expect_conversion_consistent": _read_conversion,
    "expect_figures_jointly_consistent": _read_joint,
}


def _vocabulary(found: _Found, where: str) -> set[str]:
    """The suite's flows (those its rules name, when it lists none); every rule keeps to
    them and no flow is defined by two identities."""
    named = {f for i in found.identities for f in (i.result, i.left, i.right)} | found.nonneg
    flows = found.flows or named
    unknown = sorted(named - flows)
    if unknown:
        raise RulesError("a rule names a flow outside the suite's flow vocabulary",
                         path=where, text=unknown[0])
    results = [i.result for i in found.identities]
    if len(set(results)) != len(results):
        raise RulesError("two identities define the same flow", path=where,
                         text=min(r for r in results if results.count(r) > 1))
    return flows


def _reject_cycles(identities: list[Identity], where: str) -> None:
    """A flow defined through itself (a = b + c, b = a - c) is a cyclic rule set."""
    deps = {i.result: {i.left, i.right} for i in identities}

    def reaches(start: str, target: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(d == target or (d not in seen and reaches(d, target, seen | {d}))
                   for d in deps.get(start, ()))

    for i in identities:
        if reaches(i.result, i.result):
            raise RulesError("the identities are cyclic", path=where, text=i.text)
