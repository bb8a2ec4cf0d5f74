"""The expectations in words: what a rule says, and what was found (for GE's results and docs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tradeaudit.model.words import amount, amount_text, language


def fmt_interval(low: float | None, high: float | None) -> str:
    """An expected interval, written as the HTML report writes it (tight dash for tables)."""
    from tradeaudit.report.html import interval_text

    return interval_text(low, high, dash="\u2013")


def describe_failure(d: Mapping) -> str:
    """`exp23_krw printed 29.3937 billion won, expected 25,389.4–25,390.9 billion won` (in
    the release's words)."""
    unit = str(d.get("unit") or "")
    lang = language(unit)
    head = f"{d['figure']} printed {amount(str(d['printed']), unit, lang)}"
    if d.get("low") is None and d.get("high") is None:
        return f"{head} ({d['message']})"
    return f"{head}, expected {amount_text(fmt_interval(d.get('low'), d.get('high')), unit, lang)}"


def outcome(summary: Mapping, failures: list[dict]) -> str:
    """The observed value of an expectation as a sentence."""
    if summary.get("error"):
        return f"the figure table cannot be audited: {summary['error']}"
    if not failures:
        return f"holds: no figure contradicts it ({summary.get('figures', 0)} figures audited)"
    shown = "; ".join(describe_failure(d) for d in failures[:8])
    more = f"; and {len(failures) - 8} more" if len(failures) > 8 else ""
    return f"failing: {shown}{more}"


def _and(items: Sequence[str]) -> str:
    """`a, b and c`."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _conversion_sentence(kwargs: Mapping) -> str:
    """What a conversion rule says under its policy."""
    policy = (kwargs.get("audit_options") or {}).get("policy") or kwargs.get("policy")
    return {"annual": "amounts in other currencies convert at the reference rate of "
                      "their year",
            "date": "amounts in other currencies convert at the reference rate of one "
                    "date"}.get(policy, "amounts in other currencies convert at one rate "
                                        "per currency pair for the whole document")


def rule_sentence(etype: str, kwargs: Mapping) -> str:
    """What the rule says, in words (the prescriptive text of Data Docs)."""
    if etype == "expect_flow_identity":
        return f"{kwargs.get('identity', '?')} holds for every period and segment"
    if etype == "expect_flows_nonnegative":
        return f"{_and(kwargs.get('flows') or ['?'])} are never negative"
    if etype == "expect_growth_consistent":
        return (f"{_and(kwargs.get('stats') or ['?'])} figures agree with the levels they "
                "compare (the same period a year earlier, or a multiple's base period)")
    if etype == "expect_share_consistent":
        return (f"{_and(kwargs.get('stats') or ['?'])} figures agree with the levels of their "
                "segment and of the base segment")
    if etype == "expect_rank_consistent":
        return "every rank agrees with the siblings whose levels are known"
    if etype == "expect_conversion_consistent":
        return _conversion_sentence(kwargs)
    if etype == "expect_segments_sum":
        return (f"the members of {kwargs.get('dimension', '?')} sum to their total (at most "
                "to it when the members listed need not be all) for every additive flow")
    if etype == "expect_periods_sum":
        return ("months sum to their quarter, quarters to their half and halves to their "
                "year, for every additive flow")
    if etype == "expect_figures_jointly_consistent":
        return ("all figures hold together: every relation at once, each figure within its "
                "printed precision")
    return etype
