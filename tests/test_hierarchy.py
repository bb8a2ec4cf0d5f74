"""Segment and period hierarchies: members summing to their total, months to their quarter
and year, shares to 100 (expect_segments_sum, expect_periods_sum)."""

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import audit_rows, status
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.errors import RulesError
from tradeaudit.model.rules import load_rules
from tradeaudit.solve.hierarchy import child_periods, parent_period, parent_segment

IDENTITIES = {"goods": ["balance = exports - imports"],
              "tech": ["balance = exports - imports", "ratio = exports / imports"]}


# Nothing contradicts: consistent, or unchecked when the only checks are one-sided bounds
# (a figure bounded on one side only is not counted as checked).
NO_ALARM = ("consistent", "unchecked")


def suite(tmp_path, *extra, kind="goods"):
    """A rules suite with the goods-trade basics plus `extra` expectations."""
    flows = ["exports", "imports", "balance"] + (["ratio"] if kind == "tech" else [])
    exps = [{"type": "expect_column_values_to_be_in_set",
             "kwargs": {"column": "flow", "value_set": flows}},
            {"type": "expect_flows_nonnegative", "kwargs": {"flows": ["exports", "imports"]}},
            {"type": "expect_growth_consistent", "kwargs": {"stats": ["growth_pct", "change"]}},
            {"type": "expect_share_consistent", "kwargs": {"stats": ["share_pct"]}}]
    exps += [{"type": "expect_flow_identity", "kwargs": {"identity": i}}
             for i in IDENTITIES[kind]]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"name": "t", "expectations": exps + list(extra)}))
    return load_rules(path)


def segments(**kwargs):
    return {"type": "expect_segments_sum", "kwargs": {"dimension": "country"} | kwargs}


PERIODS = {"type": "expect_periods_sum", "kwargs": {}}
PARTNERS = [("t", "2024", "total", "exports", "level", "100.0", "USD_bn"),
            ("us", "2024", "country=US", "exports", "level", "31.4", "USD_bn"),
            ("cn", "2024", "country=CN", "exports", "level", "25.1", "USD_bn"),
            ("jp", "2024", "country=JP", "exports", "level", "14.9", "USD_bn"),
            ("de", "2024", "country=DE", "exports", "level", "10.0", "USD_bn"),
            ("vn", "2024", "country=VN", "exports", "level", "9.8", "USD_bn"),
            ("ot", "2024", "country=Others", "exports", "level", "8.8", "USD_bn")]


def _set(rows, fid, value):
    return [r[:5] + (value,) + r[6:] if r[0] == fid else r for r in rows]


def _codes(a):
    return {d.code for d in a.discrepancies}


def test_partners_and_others_reconcile_with_the_total(tmp_path):
    a = audit_rows(PARTNERS, tmp_path, suite(tmp_path, segments()))
    assert a.verdict == "consistent"
    assert set(status(a).values()) == {"consistent"}  # each one pinned by the others


def test_a_wrong_member_is_blamed_and_corrected(tmp_path):
    a = audit_rows(_set(PARTNERS, "jp", "41.9"), tmp_path, suite(tmp_path, segments()))
    assert a.verdict == "inconsistent"
    assert _codes(a) == {"segment-sum-mismatch"}
    top = a.suspects[0]
    assert top.figure == "jp"
    assert (top.suggestion.cause, top.suggestion.printed) == ("transposed-digits", "14.9")


def test_a_wrong_total_is_blamed(tmp_path):
    a = audit_rows(_set(PARTNERS, "t", "10.0"), tmp_path, suite(tmp_path, segments()))
    assert a.suspects[0].figure == "t" and _codes(a) == {"segment-sum-mismatch"}


def test_rounding_within_printed_precision_is_consistent(tmp_path):
    # The parts add to 99.9 against 100.0: within the six parts' and the total's half-units.
    rows = _set(_set(PARTNERS, "us", "30.4"), "ot", "9.7")
    a = audit_rows(rows, tmp_path, suite(tmp_path, segments()))
    assert a.verdict == "consistent"
    # The same parts printed to a tenth less precisely cannot hide a full unit.
    assert audit_rows(_set(rows, "ot", "10.7"), tmp_path,
                      suite(tmp_path, segments())).verdict == "inconsistent"


def test_parts_without_a_residual_are_a_bound(tmp_path):
    rows = [r for r in PARTNERS if r[0] != "ot"]
    rules = suite(tmp_path, segments())
    assert audit_rows(rows, tmp_path, rules).verdict == "consistent"  # 91.2 <= 100.0
    a = audit_rows(_set(rows, "jp", "41.9"), tmp_path, rules)  # 118.2 > 100.0
    assert _codes(a) == {"segment-sum-mismatch"}
    assert ">= sum of 5 country parts" in a.discrepancies[0].relation
    # Declared exhaustive, the listed parts must make the total.
    a = audit_rows(rows, tmp_path, suite(tmp_path, segments(exhaustive=True)))
    assert _codes(a) == {"segment-sum-mismatch"}
    # `bound: false`: a dimension whose members may overlap is checked only when whole.
    assert audit_rows(_set(rows, "jp", "41.9"), tmp_path,
                      suite(tmp_path, segments(bound=False))).verdict in NO_ALARM


def test_a_flow_that_can_be_negative_is_not_bounded(tmp_path):
    rows = [("t", "2024", "total", "balance", "level", "-10", "USD_bn"),
            ("us", "2024", "country=US", "balance", "level", "60", "USD_bn")]
    assert audit_rows(rows, tmp_path, suite(tmp_path, segments())).verdict in NO_ALARM
    rows.append(("ot", "2024", "country=Others", "balance", "level", "-79", "USD_bn"))
    assert audit_rows(rows, tmp_path, suite(tmp_path, segments())).verdict == "inconsistent"


def test_nested_products_sum_to_their_industry(tmp_path):
    rules = suite(tmp_path, segments(dimension="industry"), segments(dimension="product"))
    rows = [("t", "2024", "total", "exports", "level", "50", "USD_bn"),
            ("ict", "2024", "industry=ict", "exports", "level", "30", "USD_bn"),
            ("oth", "2024", "industry=others", "exports", "level", "20", "USD_bn"),
            ("chip", "2024", "industry=ict;product=chips", "exports", "level", "18", "USD_bn"),
            ("pc", "2024", "industry=ict;product=others", "exports", "level", "12", "USD_bn")]
    assert audit_rows(rows, tmp_path, rules).verdict == "consistent"
    a = audit_rows(_set(rows, "chip", "81"), tmp_path, rules)
    assert a.suspects[0].figure == "chip" and _codes(a) == {"segment-sum-mismatch"}


MONTHS = [(f"m{m}", f"2024-{m:02d}", "total", "exports", "level", f"{10 + m}.0", "USD_bn")
          for m in range(1, 13)]
QUARTERS = [("q1", "2024-Q1", "total", "exports", "level", "36.0", "USD_bn"),
            ("q2", "2024-Q2", "total", "exports", "level", "45.0", "USD_bn"),
            ("q3", "2024-Q3", "total", "exports", "level", "54.0", "USD_bn"),
            ("q4", "2024-Q4", "total", "exports", "level", "63.0", "USD_bn"),
            ("y", "2024", "total", "exports", "level", "198.0", "USD_bn")]


def test_months_sum_to_their_quarters_and_year(tmp_path):
    rules = suite(tmp_path, PERIODS)
    assert audit_rows(MONTHS + QUARTERS, tmp_path, rules).verdict == "consistent"
    a = audit_rows(_set(MONTHS + QUARTERS, "m5", "51.0"), tmp_path, rules)
    assert _codes(a) == {"period-sum-mismatch"}
    assert (a.suspects[0].figure, a.suspects[0].suggestion.printed) == ("m5", "15.0")
    # Months alone against the year (no quarter printed) are checked through the quarters.
    a = audit_rows(MONTHS + [_set(QUARTERS, "y", "98.0")[-1]], tmp_path, rules)
    assert _codes(a) == {"period-sum-mismatch"} and a.suspects[0].figure == "y"


def test_a_month_is_at_most_its_year(tmp_path):
    rows = [("y", "2024", "total", "exports", "level", "100", "USD_bn"),
            ("m", "2024-03", "total", "exports", "level", "12", "USD_bn")]
    rules = suite(tmp_path, PERIODS)
    assert audit_rows(rows, tmp_path, rules).verdict in NO_ALARM
    a = audit_rows(_set(rows, "m", "120"), tmp_path, rules)
    assert _codes(a) == {"period-sum-mismatch"}


def test_periods_are_not_summed_without_the_rule(tmp_path):
    rows = MONTHS + _set(QUARTERS, "y", "189.0")
    assert audit_rows(rows, tmp_path, suite(tmp_path)).verdict in NO_ALARM


SHARES = [("us", "2024", "country=US", "exports", "share_pct", "30.2", "pct"),
          ("cn", "2024", "country=CN", "exports", "share_pct", "25.1", "pct"),
          ("jp", "2024", "country=JP", "exports", "share_pct", "14.9", "pct"),
          ("ot", "2024", "country=Others", "exports", "share_pct", "29.9", "pct")]


def test_shares_sum_to_100_within_their_precision(tmp_path):
    rules = suite(tmp_path, segments())
    assert audit_rows(SHARES, tmp_path, rules).verdict == "consistent"  # 100.1
    a = audit_rows(_set(SHARES, "ot", "92.9"), tmp_path, rules)
    assert _codes(a) == {"share-mismatch"} and a.suspects[0].figure == "ot"
    assert "4 country shares sum to 100" in a.discrepancies[0].relation
    # Without the residual the listed shares are at most 100.
    listed = SHARES[:3]
    assert audit_rows(listed, tmp_path, rules).verdict in NO_ALARM
    assert audit_rows(_set(listed, "jp", "94.1"), tmp_path, rules).verdict == "inconsistent"


def test_ratios_and_growth_are_never_summed(tmp_path):
    rules = suite(tmp_path, segments(), PERIODS, kind="tech")
    assert "ratio" not in rules.segments[0].flows and "ratio" not in rules.periods
    rows = [("tr", "2024", "total", "ratio", "level", "1.50", "ratio"),
            ("ur", "2024", "country=US", "ratio", "level", "1.20", "ratio"),
            ("or", "2024", "country=Others", "ratio", "level", "2.00", "ratio"),
            ("tg", "2024", "total", "exports", "growth_pct", "15.0", "pct"),
            ("ug", "2024", "country=US", "exports", "growth_pct", "10.0", "pct"),
            ("og", "2024", "country=Others", "exports", "growth_pct", "20.0", "pct"),
            ("qr", "2024-Q1", "total", "ratio", "level", "1.10", "ratio"),
            ("q2r", "2024-Q2", "total", "ratio", "level", "1.10", "ratio")]
    a = audit_rows(rows, tmp_path, rules)
    assert a.verdict in NO_ALARM  # summed, the ratios (and the growth rates) would fail
    assert not {"ur", "or", "ug", "og"} & {i for d in a.discrepancies for i in d.figures}


def test_rules_reject_a_ratio_flow_in_a_sum(tmp_path):
    with pytest.raises(RulesError, match="not additive"):
        suite(tmp_path, segments(flows=["ratio"]), kind="tech")
    with pytest.raises(RulesError, match="dimension"):
        suite(tmp_path, {"type": "expect_segments_sum", "kwargs": {}})
    with pytest.raises(RulesError, match="exhaustive"):
        suite(tmp_path, segments(exhaustive="yes"))


def test_parents_of_segments_and_periods(tmp_path):
    h = suite(tmp_path, segments(), segments(dimension="hs", total="TOTAL")).segments
    assert parent_segment("country=US", h[0]) == "total"
    assert parent_segment("country=US;industry=ict", h[0]) == "industry=ict"
    assert parent_segment("industry=ict", h[0]) is None
    assert parent_segment("hs=85", h[1]) == "hs=TOTAL"
    assert parent_segment("hs=TOTAL", h[1]) is None
    assert [parent_period(p) for p in ("2024-05", "2024-Q3", "2024-H1", "2024")] == \
        ["2024-Q2", "2024-H2", "2024", None]
    assert child_periods("2024-Q4") == ["2024-10", "2024-11", "2024-12"]
    assert child_periods("2024") == ["2024-H1", "2024-H2"] and child_periods("2024-07") == []


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 99_999), st.integers(0, 3)), min_size=2, max_size=6),
       st.integers(0, 3))
def test_a_total_rounded_from_its_exact_parts_always_reconciles(tmp_path_factory, parts, dp):
    """Parts printed at any precision and the total of their exact values, rounded to its own
    precision: never a false alarm (the sum's interval is the sum of the intervals)."""
    tmp = tmp_path_factory.mktemp("sum")
    values = [Decimal(v).scaleb(-d) for v, d in parts]
    exact = sum((Fraction(v) for v in values), Fraction(0))
    total = Decimal(exact.numerator) / Decimal(exact.denominator)
    rows = [("t", "2024", "total", "exports", "level", str(total.quantize(
        Decimal(1).scaleb(-dp))), "USD_m")]
    rows += [(f"p{i}", "2024", f"country=c{i}", "exports", "level", str(v), "USD_m")
             for i, v in enumerate(values)] + [
        ("o", "2024", "country=others", "exports", "level", "0", "USD_m")]
    assert audit_rows(rows, tmp, suite(tmp, segments())).verdict == "consistent"


@pytest.mark.compiled
def test_a_published_partner_table_blames_its_slipped_total_and_month(tmp_path):
    """synth.partner_table: partners, Others and the total with growth and shares, and the
    total's months and quarters. A total many shares refer to stays one block with its
    members (a hub of two blocks could not say which is wrong), and a month bounded by its
    year is no value for a swapped-flows slip."""
    from tradeaudit.testing import synth

    table = synth.partner_table(3, partners=3)
    rules = suite(tmp_path, segments(), PERIODS)
    rows = [tuple(r) for r in table[["id", "period", "segment", "flow", "stat", "value",
                                     "unit", "base"]].itertuples(index=False)]
    assert audit_rows(rows, tmp_path, rules).verdict == "consistent"
    total = rows[0]
    a = audit_rows(_set(rows, total[0], total[5][:2] + total[5][3:]), tmp_path, rules)
    assert a.suspects[0].figure == total[0] and _codes(a) == {"segment-sum-mismatch"}
    for period in ("2024-05", "2024-Q1"):
        part = next(r for r in rows if r[1] == period)
        wrong = part[5][:-2] + str((int(part[5][-2]) + 2) % 10) + part[5][-1]
        a = audit_rows(_set(rows, part[0], wrong), tmp_path, rules)
        top = a.suspects[0]
        assert (top.figure, top.suggestion.cause, top.suggestion.printed) == \
            (part[0], "wrong-digit", part[5])
