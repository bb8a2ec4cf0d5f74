"""Suites: a rules suite JSON read strictly into a Great Expectations ExpectationSuite."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tradeaudit.errors import RulesError
from tradeaudit.integrations.gx.families import CLASS_NAMES, define
from tradeaudit.integrations.gx.revisions import REVISIONS_TYPE
from tradeaudit.model.rules import load_rules

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite


def load_suite(path: Path, *, rates: Path | None = None, policy: str | None = None,
               date: str = "") -> ExpectationSuite:
    """A GE ExpectationSuite from a suite JSON, strictly.

    The file is first read by `tradeaudit.model.rules.load_rules` (the engine's strict reading:
    unknown types, flows outside the vocabulary, cyclic identities), then built expectation
    by expectation with `suite_from_dict`. Every tradeaudit expectation gets `rules` (this
    file, absolute) and, when given, the engine options (reference `rates` file, conversion
    `policy`, `date`), so its metric runs the engine exactly as `tradeaudit audit` does.
    """
    path = Path(path)
    load_rules(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    options = {k: v for k, v in (("rates", str(Path(rates).resolve()) if rates else None),
                                 ("policy", policy), ("date", date)) if v}
    for exp in data["expectations"]:
        if exp.get("type") in CLASS_NAMES:
            exp["kwargs"] = {**exp.get("kwargs", {}), "rules": str(path.resolve()),
                             **({"audit_options": options} if options else {})}
    return suite_from_dict(data, str(path))


def with_revisions(suite: ExpectationSuite, previous: Sequence[str | Path],
                   revised_periods: str = "", *, strict: bool = False,
                   rules: Path | None = None, reading: Mapping | None = None
                   ) -> ExpectationSuite:
    """A copy of the suite with `expect_no_unannounced_revisions` against the previous vintage added
    (`audit --previous OLD --data-docs DIR`); its severity is `warning`, `critical` when
    `strict` (--strict-revisions), as the finding's. A RulesError when GE cannot build it
    (unreadable `revised_periods`, no previous file)."""
    kwargs: dict = {"previous": [str(Path(p).resolve()) for p in previous],
                    "revised_periods": revised_periods}
    if rules is not None:
        kwargs["rules"] = str(Path(rules).resolve())
    reading = {k: str(v) for k, v in (reading or {}).items() if v}
    if reading:
        kwargs["reading"] = reading
    from great_expectations.core import ExpectationSuite

    added = build_expectation({"type": REVISIONS_TYPE, "kwargs": kwargs,
                               "severity": "critical" if strict else "warning"},
                              len(suite.expectations) + 1, "--previous")
    # (A new suite: adding to one not saved in a Data Context needs a context in GE 1.x.)
    return ExpectationSuite(name=suite.name, expectations=[*suite.expectations, added],
                            meta=suite.meta, notes=suite.notes)


def suite_from_dict(data: Mapping, where: str = "") -> ExpectationSuite:
    """Build a GE suite from its JSON form; any expectation GE cannot build is a RulesError.

    `ExpectationSuite(expectations=[...])` logs and silently drops an expectation whose type
    is not registered (or whose kwargs do not validate): a suite would then check less than
    it says. Each one is built here first, and the count is checked after.
    """
    define()
    from great_expectations.core import ExpectationSuite

    raw = data.get("expectations")
    if not isinstance(raw, list):
        raise RulesError("a suite is an object with an `expectations` list", path=where)
    expectations = [build_expectation(exp, n, where) for n, exp in enumerate(raw, start=1)]
    suite = ExpectationSuite(name=str(data.get("name") or Path(where).stem or "suite"),
                             expectations=expectations, meta=data.get("meta"),
                             notes=data.get("notes"))
    if len(suite.expectations) != len(raw):  # GE dropped one after all
        raise RulesError(f"Great Expectations kept {len(suite.expectations)} of {len(raw)} "
                         "expectations", path=where or None)
    return suite


def build_expectation(exp: object, n: int, where: str = ""):
    """The GE expectation of a suite's `n`th entry (RulesError when GE cannot build it)."""
    from great_expectations import exceptions as gx_exceptions
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    etype = exp.get("type") if isinstance(exp, Mapping) else None
    try:
        config = ExpectationConfiguration(type=str(etype), kwargs=dict(exp.get("kwargs", {})),
                                          meta=exp.get("meta") or {},
                                          notes=exp.get("notes"),
                                          severity=exp.get("severity") or "critical")
        return config.to_domain_obj()
    except (gx_exceptions.ExpectationNotFoundError,
            gx_exceptions.InvalidExpectationConfigurationError,
            gx_exceptions.InvalidExpectationKwargsError) as e:
        raise RulesError(f"expectation {n}: Great Expectations cannot build it: "
                         f"{getattr(e, 'message', e)}", path=where or None,
                         text=str(etype)) from None
    except (AttributeError, TypeError, ValueError) as e:  # pydantic: a ValueError
        why = "; ".join(line.strip() for line in str(e).splitlines()[1:]) or str(e)
        raise RulesError(f"expectation {n} ({etype}): invalid kwargs: {why}",
                         path=where or None, text=str(etype)) from None
