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


# A suspect's score in words. The score is its share of the blame among the figures that could
# explain the same contradiction (they share 1); the figures whose correction the audit
# applies are likely wrong, the alternatives possibly or less likely wrong.
def likelihood(score: float, blamed: bool) -> str:
    """A suspect's score in plain words (before "wrong"): very likely, likely, possibly,
    less likely."""
    if blamed:
        return "very likely" if score >= 0.8 else "likely"
    return "possibly" if score >= 0.2 else "less likely"


@dataclass(frozen=True)
class Suspect:
    """A figure likely to be wrong: its score, what the others allow, the fix that fits, and
    why there is none when there is none."""

    figure: str
    score: float
    expected: dict
    suggestion: Suggestion | None
    no_suggestion: str = ""
    blamed: bool = False  # its correction is the one the audit applies

    @property
    def likelihood(self) -> str:
        """The score in plain words (see likelihood)."""
        return likelihood(self.score, self.blamed)


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

    # The least share of figures (percent) that must be checked for a verdict other than
    # unchecked (--min-checked); with 0, at least one figure.
    min_checked: float = 0.0

    @property
    def verdict(self) -> str:
        """inconsistent when any discrepancy is an error; else unchecked when no figure could be
        checked, or fewer than `min_checked` percent of them; else consistent."""
        if any(d.severity == "error" for d in self.discrepancies):
            return "inconsistent"
        checked, figures = self.counts.get("checked", 0), self.counts.get("figures", 0)
        if not checked or checked * 100 < self.min_checked * figures:
            return "unchecked"
        return "consistent"
