"""The rules of a kind of statistic, read from a Great Expectations suite in expectations/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
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
    "expect_segments_sum": ("dimension",),
    "expect_periods_sum": (),
}
STAT_FAMILY = {s.name: s.family for s in REGISTRY.values() if s.family}
# One implied rate per currency pair for the whole document; the reference rate of each
# figure's year; or the reference rate of one given date.
POLICIES = ("document", "annual", "date")
IDENTITY = re.compile(r"^\s*(\w+)\s*=\s*(\w+)\s*([-+/*])\s*(\w+)\s*$")
IDENTITY_FORM = "an identity reads `result = left (+|-|/|*) right`"
OPS = {"+": "sum", "-": "difference", "/": "ratio", "*": "product"}
# Members that stand for "all the rest": a dimension naming one is exhaustive.
RESIDUALS = ("others", "other", "rest", "rest of world", "기타", "그외", "その他", "其他", "其它")
DIMENSION = re.compile(r"^[A-Za-z_][\w.-]*$")


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


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """expect_segments_sum: the members of `dimension` sum to their parent segment (the
    segment without the dimension, or with it set to `total` when given) for every additive
    flow and period. Exhaustive when declared so or when a `residual` member is named;
    otherwise the parts of a non-negative flow are at most their parent."""

    dimension: str
    total: str = ""  # a member code standing for the whole ("" : the dimension left out)
    exhaustive: bool = False
    residual: frozenset[str] = frozenset(RESIDUALS)  # compared case-folded
    flows: frozenset[str] | None = None  # None: the suite's additive flows
    bound: bool = True  # not exhaustive: parts at most the total (False: not checked)

    def is_residual(self, member: str) -> bool:
        """Whether a member code is one that stands for all the rest."""
        return member.strip().casefold() in self.residual


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
    segments: tuple[Hierarchy, ...] = ()  # expect_segments_sum, one per dimension
    periods: frozenset[str] | None = None  # expect_periods_sum's flows; None: not declared
    derived: tuple[dict, ...] = ()  # sums a published table's layout added (with_declared)

    @property
    def ratio_flows(self) -> frozenset[str]:
        """Flows that are a quotient of two amounts, hence dimensionless."""
        return frozenset(i.result for i in self.identities if i.op == "ratio")

    @property
    def additive_flows(self) -> frozenset[str]:
        """Flows whose parts add up (not a quotient or a product of flows, nor built from
        one)."""
        bad = {i.result for i in self.identities if i.op in ("ratio", "product")}
        grew = True
        while grew:
            more = {i.result for i in self.identities if {i.left, i.right} & bad} - bad
            bad |= more
            grew = bool(more)
        return self.flows - bad


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
    segments: list[Hierarchy] = field(default_factory=list)
    periods: set[str] | None = None
    periods_all: bool = False  # expect_periods_sum without `flows`: the additive ones


def load_rules(path: Path) -> Rules:
    """Read a suite; every expectation type must be one tradeaudit knows (strict)."""
    where = str(path)
    suite = _read_suite(path)
    found = _Found()
    for n, exp in enumerate(suite["expectations"], start=1):
        _read_expectation(found, exp, f"expectation {n}", where)
    flows = _vocabulary(found, where)
    _reject_cycles(found.identities, where)
    rules = Rules(str(suite.get("name", path.stem)), where, frozenset(flows),
                  tuple(found.identities), frozenset(found.nonneg), frozenset(found.stats),
                  found.rank, found.conversion, tuple(found.segments),
                  None if found.periods is None else frozenset(found.periods))
    return _additive(rules, found, where)


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


def _read_segments(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_segments_sum: a dimension's members sum to their parent segment."""
    dim = kwargs["dimension"]
    if not isinstance(dim, str) or not DIMENSION.match(dim):
        raise RulesError(f"{place}: a dimension is a name like `country`", path=where,
                         text=str(dim))
    if any(h.dimension == dim for h in found.segments):
        raise RulesError(f"{place}: the dimension is declared twice", path=where, text=dim)
    residual = kwargs.get("residual", list(RESIDUALS))
    flags = {k: kwargs.get(k, k == "bound") for k in ("exhaustive", "bound")}
    wrong = [str(v) for v in flags.values() if not isinstance(v, bool)]
    if not isinstance(residual, list) or wrong:
        raise RulesError(f"{place}: `residual` is a list of members, `exhaustive` and `bound` "
                         "true or false", path=where, text=wrong[0] if wrong else str(residual))
    flows = _flow_list(kwargs, place, where)
    found.segments.append(Hierarchy(dim, str(kwargs.get("total", "")), flags["exhaustive"],
                                    frozenset(str(r).strip().casefold() for r in residual),
                                    None if flows is None else frozenset(flows),
                                    flags["bound"]))


def _read_periods(found: _Found, etype: str, kwargs: dict, place: str, where: str) -> None:
    """expect_periods_sum: months sum to their quarter, quarters to their half, halves to
    their year."""
    flows = _flow_list(kwargs, place, where)
    found.periods = set(flows or ())
    found.periods_all = flows is None


def _flow_list(kwargs: dict, place: str, where: str) -> list[str] | None:
    """An optional `flows` kwarg: a list of flow names (None when absent)."""
    flows = kwargs.get("flows")
    if flows is not None and not (isinstance(flows, list) and all(
            isinstance(f, str) for f in flows)):
        raise RulesError(f"{place}: `flows` is a list of flow names", path=where,
                         text=str(flows))
    return flows


def _additive(rules: Rules, found: _Found, where: str) -> Rules:
    """The rules with the hierarchies' flows settled (the additive ones unless listed); a
    listed flow must be additive."""
    additive = rules.additive_flows
    listed = [f for h in rules.segments for f in (h.flows or ())] + sorted(found.periods or ())
    wrong = [f for f in listed if f not in additive]
    if wrong:
        raise RulesError("a sum over segments or periods names a flow that is not additive "
                         f"(additive: {', '.join(sorted(additive))})", path=where, text=wrong[0])
    segments = tuple(replace(h, flows=h.flows if h.flows is not None else additive)
                     for h in rules.segments)
    periods = additive if found.periods_all else rules.periods
    return replace(rules, segments=segments, periods=periods)


def with_declared(rules: Rules, expectations: list[dict], derived: tuple[dict, ...] = (),
                  where: str = "the table's layout") -> Rules:
    """The rules with hierarchy expectations added (expect_segments_sum, expect_periods_sum,
    in the suite's form), as a published table's layout declares them; `derived` says what
    was added, for the report. A dimension the suite declares keeps the suite's form."""
    found = _Found()
    own = {h.dimension for h in rules.segments}
    for n, exp in enumerate(expectations, start=1):
        if exp.get("type") not in ("expect_segments_sum", "expect_periods_sum"):
            raise RulesError(f"declaration {n}: only sums are declared from a layout",
                             path=where, text=str(exp.get("type")))
        if exp["kwargs"].get("dimension") not in own:
            _read_expectation(found, exp, f"declaration {n}", where)
    additive = rules.additive_flows
    segments = tuple(replace(h, flows=additive) for h in found.segments)
    periods = rules.periods if rules.periods is not None or found.periods is None else additive
    return replace(rules, segments=rules.segments + segments, periods=periods,
                   derived=rules.derived + tuple(derived))


# How each rule type of RULE_TYPES adds to what the engine checks.
_READERS = {
    "expect_flow_identity": _read_identity,
    "expect_flows_nonnegative": _read_nonnegative,
    "expect_growth_consistent": _read_stats,
    "expect_share_consistent": _read_stats,
    "expect_rank_consistent": _read_rank,
    "expect_conversion_consistent": _read_conversion,
    "expect_figures_jointly_consistent": _read_joint,
    "expect_segments_sum": _read_segments,
    "expect_periods_sum": _read_periods,
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
