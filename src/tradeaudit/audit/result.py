"""What an audit returns: discrepancies, suspects, and a status for every figure."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tradeaudit.audit.suggest import Suggestion
from tradeaudit.model.figures import Table
from tradeaudit.model.findings import BY_CODE
from tradeaudit.model.rules import Rules


@dataclass(frozen=True)
class Discrepancy:
    """One thing that does not reconcile (a record, never raised)."""

    code: str
    severity: str  # error | warning
    relation: str
    figures: tuple[str, ...]
    stated: dict
    expected: dict
    message: str
    suspects: tuple[str, ...]

    @classmethod
    def of(cls, code: str, relation: str, figures: tuple[str, ...], stated: dict,
           expected: dict, message: str, suspects: tuple[str, ...]) -> Discrepancy:
        """A discrepancy of a registered code, with the severity the registry gives it."""
        return cls(code, BY_CODE[code].severity, relation, figures, stated, expected, message,
                   suspects)


@dataclass(frozen=True)
class Suspect:
    """A figure likely to be wrong: its score, what the others allow, the fix that fits."""

    figure: str
    score: float
    expected: dict
    suggestion: Suggestion | None


@dataclass
class Audit:
    """The result: discrepancies, ranked suspects and a status for every figure."""

    table: Table
    rules: Rules
    discrepancies: list[Discrepancy] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, status, reason, lo, hi
    counts: dict = field(default_factory=dict)
    policy: str = "document"
    conversions: list[dict] = field(default_factory=list)
    # Release texts audited: {"path", "text", "unread": [numbers not interpreted]}.
    documents: list[dict] = field(default_factory=list)
    # What changed since the previous vintage (audit.revisions.Revisions), with --previous.
    revisions: object | None = None

    @property
    def verdict(self) -> str:
        """inconsistent when any discrepancy is an error, else consistent."""
        return "inconsistent" if any(d.severity == "error" for d in self.discrepancies) \
            else "consistent"
