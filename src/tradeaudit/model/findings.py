"""Discrepancy codes: one registry of what the audit can find, read by the engine and the docs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One kind of discrepancy: its kebab-case code, severity, title and a one-line meaning."""

    code: str
    severity: str  # error | warning
    title: str
    meaning: str  # the relation that fails, as the README's table says it
    families: tuple[str, ...] = ()  # the relation families (solve.relation) it reports


SUM = Finding("sum-mismatch", "error", "Sum mismatch",
              "a sum identity (`volume = exports + imports`)", ("sum",))
DIFFERENCE = Finding("difference-mismatch", "error", "Difference mismatch",
                     "a difference identity (`balance = exports - imports`)", ("difference",))
RATIO = Finding("ratio-mismatch", "error", "Ratio mismatch",
                "a ratio identity (`ratio = exports / imports`)", ("ratio",))
PRODUCT = Finding("product-mismatch", "error", "Product mismatch",
                  "a product identity from the rules", ("product",))
GROWTH = Finding("growth-mismatch", "error", "Growth mismatch",
                 "growth against the same period a year earlier (or its base period)", ("growth",))
CHANGE = Finding("change-mismatch", "error", "Change mismatch",
                 "a change against the same period a year earlier (or its base period)",
                 ("change",))
SHARE = Finding("share-mismatch", "error", "Share mismatch",
                "a share of the base segment, or of its change; members' shares summing to 100",
                ("share", "change-share", "share-sum"))
MULTIPLE = Finding("multiple-mismatch", "error", "Multiple mismatch",
                   "a multiple of the base period", ("multiple",))
CONVERSION = Finding("conversion-mismatch", "error", "Conversion mismatch",
                     "a conversion at the document's rate", ("conversion",))
SEGMENT_SUM = Finding("segment-sum-mismatch", "error", "Segment sum mismatch",
                      "a dimension's members summing to their total (`expect_segments_sum`)",
                      ("segment-sum",))
PERIOD_SUM = Finding("period-sum-mismatch", "error", "Period sum mismatch",
                     "months, quarters or halves summing to their quarter, half or year",
                     ("period-sum",))
RANK = Finding("rank-mismatch", "error", "Rank mismatch",
               "a rank among the siblings whose levels are known")
JOINT = Finding("joint-inconsistency", "error", "Joint inconsistency",
                "no single relation: only several together contradict", ("level", "derived"))
REFERENCE_RATE = Finding("reference-rate-mismatch", "warning", "Reference rate mismatch",
                         "one rate converts years whose reference rates differ")
WORDING = Finding("wording-mismatch", "warning", "Wording mismatch",
                  "a qualified figure (\"nearly\", \"about\") that does not fit")
QUALIFIED = Finding("qualifier-mismatch", "error", "Qualifier mismatch",
                   "a qualified figure contradicted beyond its printed precision "
                   "(\"more than 1.75\" for 1.075)")
UNIT_MISUSE = Finding("unit-misuse", "warning", "Unit misuse",
                      "a unit that is wrong but readable (`pp` for a ratio's change)")
AMBIGUOUS = Finding("ambiguous-reading", "warning", "Ambiguous reading",
                    "a text figure that fits under another reading of what its words leave open")

# Across vintages (`--previous`, tradeaudit.audit.vintages): what changed since the last release.
UNANNOUNCED = Finding("unannounced-revision", "warning", "Unannounced revision",
                      "a figure revised outside the periods the release declares revised")
SUSPICIOUS = Finding("suspicious-revision", "warning", "Suspicious revision",
                     "a revision that looks like a misprint: sign, scale ×10ⁿ, two digits")
MEMBER_ALONE = Finding("member-revised-alone", "warning", "Member revised alone",
                       "a member revised beyond what its unrevised total allows")
VINTAGE = Finding("vintage-mismatch", "warning", "Vintage mismatch",
                  "growth or change against the previous release's level of the base period")
STALE_BASE = Finding("stale-base", "warning", "Stale base",
                     "growth or change that fits the base period's level before its revision")

FINDINGS = (SUM, DIFFERENCE, RATIO, PRODUCT, GROWTH, CHANGE, SHARE, MULTIPLE, CONVERSION,
            SEGMENT_SUM, PERIOD_SUM, RANK, JOINT, QUALIFIED, REFERENCE_RATE, WORDING,
            UNIT_MISUSE, AMBIGUOUS,
            UNANNOUNCED, SUSPICIOUS, MEMBER_ALONE, VINTAGE, STALE_BASE)
BY_CODE = {f.code: f for f in FINDINGS}
# The finding a failed relation of each family reports (solve.relation.FAMILY_CODE agrees).
BY_FAMILY = {family: f for f in FINDINGS for family in f.families}


def render_markdown() -> str:
    """The table of discrepancy codes as the README prints it (markdown)."""
    rows = ["| code | severity | the relation that fails |", "|---|---|---|"]
    rows += [f"| `{f.code}` | {f.severity} | {f.meaning} |" for f in FINDINGS]
    return "\n".join(rows) + "\n"
