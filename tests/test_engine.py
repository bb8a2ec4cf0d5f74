"""The audit on small releases written by hand, with and without errors, and on the sample."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, SAMPLE, audit_rows, status
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaudit.audit.blame import minimum_hitting_sets
from tradeaudit.audit.engine import audit
from tradeaudit.audit.loo import colors
from tradeaudit.audit.wording import num, nums
from tradeaudit.model.rules import load_rules
from tradeaudit.read.table import load_tables
from tradeaudit.solve.relation import build_system
from tradeaudit.testing import synth

BASE = [
    ("e", "2023", "total", "exports", "level", "10.0", "USD_bn"),
    ("i", "2023", "total", "imports", "level", "8.0", "USD_bn"),
    ("v", "2023", "total", "volume", "level", "18.0", "USD_bn"),
    ("b", "2023", "total", "balance", "level", "2.0", "USD_bn"),
    ("r", "2023", "total", "ratio", "level", "1.25", "ratio"),
]


def _replace(rows, fid, value):
    return [r[:5] + (value,) + r[6:] if r[0] == fid else r for r in rows]


def test_consistent_release_checks_every_figure(tmp_path, rules):
    a = audit_rows(BASE, tmp_path, rules)
    assert a.verdict == "consistent"
    assert set(status(a).values()) == {"consistent"}
    assert a.discrepancies == [] and a.suspects == []


def test_transposed_total_is_blamed_and_fixed(tmp_path, rules):
    a = audit_rows(_replace(BASE, "v", "81.0"), tmp_path, rules)
    assert a.verdict == "inconsistent"
    top = a.suspects[0]
    assert top.figure == "v"
    assert (top.suggestion.cause, top.suggestion.printed) == ("transposed-digits", "18.0")
    d = a.discrepancies[0]
    assert d.code == "sum-mismatch" and d.stated["figure"] == "v"
    assert d.expected["low"] <= 18.0 <= d.expected["high"]
    assert status(a)["v"] == "inconsistent" and status(a)["e"] == "consistent"


def test_deficit_written_as_surplus_is_a_sign_flip(tmp_path, rules):
    rows = _replace(_replace(_replace(BASE, "e", "8.0"), "i", "10.0"), "r", "0.80")
    a = audit_rows(rows, tmp_path, rules)  # balance still printed +2.0
    assert a.suspects[0].figure == "b"
    assert a.suspects[0].suggestion.cause == "sign-flip"
    assert a.suspects[0].suggestion.printed == "-2.0"
    assert a.discrepancies[0].code == "difference-mismatch"


def test_conversion_at_another_rate_and_scale(tmp_path, rules):
    rows = [
        ("v13", "2013", "total", "volume", "level", "18.9", "USD_bn"),
        ("v13k", "2013", "total", "volume", "level", "27.1914", "KRW_tn"),
        ("v23", "2023", "total", "volume", "level", "38.6", "USD_bn"),
        ("v23k", "2023", "total", "volume", "level", "55.5338", "KRW_tn"),
        ("e23", "2023", "total", "exports", "level", "17.648", "USD_bn"),
        ("e23k", "2023", "total", "exports", "level", "29.3937", "KRW_bn"),
    ]
    a = audit_rows(rows, tmp_path, rules)
    assert a.verdict == "inconsistent"
    assert a.suspects[0].figure == "e23k"
    d = a.discrepancies[0]
    assert d.code == "conversion-mismatch"
    # 17.648 bn USD at 55.5338/38.6 = 1438.7 KRW/USD is about 25,390 bn KRW.
    assert 25_000 < d.expected["low"] < 25_390 < d.expected["high"] < 25_800


def test_scale_slip_in_won(tmp_path, rules):
    rows = [
        ("v23", "2023", "total", "volume", "level", "38.6", "USD_bn"),
        ("v23k", "2023", "total", "volume", "level", "55.5338", "KRW_tn"),
        ("e23", "2023", "total", "exports", "level", "17.648", "USD_bn"),
        ("e23k", "2023", "total", "exports", "level", "25.3902", "KRW_bn"),
    ]
    a = audit_rows(rows, tmp_path, rules)
    s = a.suspects[0]
    assert s.figure == "e23k"
    assert (s.suggestion.cause, s.suggestion.printed, s.suggestion.unit) == (
        "scale-slip", "25.3902", "KRW_tn")


def test_contradiction_through_unprinted_cells(tmp_path, rules):
    """Growth rates, last year's ratio and the change of the ratio: no pair contradicts,
    the chain does (0.84 - 0.78 = 0.06, but the levels imply 0.842 - 0.775 = 0.067)."""
    rows = [
        ("e", "2023", "total", "exports", "level", "17.648", "USD_bn"),
        ("eg", "2023", "total", "exports", "growth_pct", "16.0", "pct"),
        ("i", "2023", "total", "imports", "level", "20.952", "USD_bn"),
        ("ig", "2023", "total", "imports", "growth_pct", "6.7", "pct"),
        ("r22", "2022", "total", "ratio", "level", "0.78", "ratio"),
        ("rc", "2023", "total", "ratio", "change", "0.06", "ratio"),
    ]
    a = audit_rows(rows, tmp_path, rules)
    assert a.verdict == "inconsistent"
    assert "rc" in a.discrepancies[0].suspects or a.suspects[0].figure == "rc"
    fixed = audit_rows(_replace(rows, "rc", "0.07"), tmp_path, rules)
    assert fixed.verdict == "consistent"


def test_lone_growth_is_unchecked_with_reason(tmp_path, rules):
    a = audit_rows([("g", "2023", "industry=machinery", "volume", "growth_pct", "23.4", "pct")],
                   tmp_path, rules)
    assert a.verdict == "unchecked"  # nothing checked: no pass
    row = a.figures.iloc[0]
    assert row["status"] == "unchecked"
    assert "industry=machinery" in row["reason"] and "2022" in row["reason"]
    assert a.counts["undecided"] == a.counts["unchecked"] == 1 and a.counts["checked"] == 0


def test_share_and_rank(tmp_path, rules):
    rows = [
        ("t", "2023", "total", "volume", "level", "38.6", "USD_bn"),
        ("a", "2023", "industry=a", "volume", "level", "14.375", "USD_bn"),
        ("as", "2023", "industry=a", "volume", "share_pct", "37.2", "pct", "total"),
        ("b", "2023", "industry=b", "volume", "level", "12.491", "USD_bn"),
        ("bs", "2023", "industry=b", "volume", "share_pct", "32.4", "pct", "total"),
        ("ar", "2023", "industry=a", "volume", "rank", "1", "rank", "industry"),
    ]
    a = audit_rows(rows, tmp_path, rules)
    assert a.verdict == "consistent"
    assert status(a)["ar"] == "consistent"
    wrong = audit_rows(rows + [("br", "2023", "industry=b", "volume", "rank", "1", "rank",
                                "industry")], tmp_path, rules)
    assert wrong.verdict == "inconsistent"
    assert [d.code for d in wrong.discrepancies] == ["rank-mismatch"]
    bad_share = audit_rows(_replace(rows, "as", "73.2"), tmp_path, rules)
    assert bad_share.suspects[0].figure == "as"
    assert bad_share.discrepancies[0].code == "share-mismatch"


def test_wording_is_a_warning_not_an_error(tmp_path, rules):
    rows = [
        ("v13", "2013", "total", "volume", "level", "18.9", "USD_bn"),
        ("v23", "2023", "total", "volume", "level", "38.6", "USD_bn"),
        ("m", "2023", "total", "volume", "multiple", "2", "times", "2013", "nearly"),
        ("rc", "2023", "total", "ratio", "change", "0.06", "pp"),
        ("r22", "2022", "total", "ratio", "level", "0.78", "ratio"),
        ("r23", "2023", "total", "ratio", "level", "0.84", "ratio"),
    ]
    a = audit_rows(rows, tmp_path, rules)
    assert a.verdict == "consistent"
    codes = sorted(d.code for d in a.discrepancies)
    assert codes == ["unit-misuse", "wording-mismatch"]
    assert all(d.severity == "warning" for d in a.discrepancies)
    about = audit_rows([r if r[0] != "m" else r[:8] + ("about",) for r in rows], tmp_path,
                       rules)
    assert [d.code for d in about.discrepancies] == ["unit-misuse"]


def test_two_independent_errors_are_both_blamed(tmp_path, rules):
    rows = _replace(_replace(BASE, "v", "81.0"), "r", "2.15")
    a = audit_rows(rows, tmp_path, rules)
    blamed = {f for f, s in status(a).items() if s == "inconsistent"}
    assert blamed == {"v", "r"}


def test_bundled_release(rules):
    a = audit(load_tables([SAMPLE], rules.flows, rules.ratio_flows), rules)
    assert a.verdict == "inconsistent"
    assert a.suspects[0].figure == "exp23_krw"
    first = a.discrepancies[0]
    assert (first.code, first.stated["figure"], first.stated["printed"]) == (
        "conversion-mismatch", "exp23_krw", "29.3937")
    assert a.suspects[0].suggestion.unit == "KRW_tn"
    assert a.suspects[0].suggestion.printed.startswith("25.39")
    codes = {d.code for d in a.discrepancies}
    assert {"unit-misuse", "wording-mismatch"} <= codes
    # Every figure appears exactly once in the report.
    assert sorted(a.figures["id"]) == sorted(a.table.frame["id"])
    assert Path(SAMPLE).exists()


def test_smallest_hitting_sets_heaviest_first():
    """Blame's candidate corrections: the smallest sets meeting every conflict, the most
    plausible (heaviest) first; none when more figures than the limit are needed."""
    conflicts = [(1, 2), (2, 3), (4, 5)]
    weight = {1: 1.0, 2: 0.5, 3: 1.0, 4: 2.0, 5: 0.1}
    got = minimum_hitting_sets(conflicts, weight, limit=3, keep=10)
    assert got == [(2, 4), (2, 5)]  # {1, 3, 4} meets them all too, but is larger
    assert minimum_hitting_sets(conflicts, weight, limit=1, keep=10) == []
    assert minimum_hitting_sets([(7,)], {}, limit=3, keep=10) == [(7,)]


def test_a_blocks_colours_are_its_own(tmp_path):
    """An update colours only the blocks it solves, on their subsystem (audit.reuse): each
    must get the colours the whole document gives it."""
    from tradeaudit.audit.domains import blocks

    rules = load_rules(ROOT / "expectations" / "technology_trade.json")
    path = tmp_path / "release.csv"
    synth.release(4).to_csv(path, index=False)
    system = build_system(load_tables([path], rules.flows, rules.ratio_flows), rules).cut_hubs()
    hard = system.fig_var >= 0
    whole = colors(system, hard)
    comps = np.unique(blocks(system)[hard])
    assert len(comps) > 3
    for some in (comps[::3], comps[1::2]):
        mine = hard & np.isin(blocks(system), some)
        alone = colors(system.subsystem(some), mine)
        assert np.array_equal(alone[mine], whole[mine])


def test_colours_never_put_neighbours_together(tmp_path):
    """Leave-one-out lets a colour's figures leave together: no two of one colour may be
    near (one's relations reach, through one more relation, a variable of the other's)."""
    rules = load_rules(ROOT / "expectations" / "technology_trade.json")
    path = tmp_path / "release.csv"
    synth.release(4).to_csv(path, index=False)
    system = build_system(load_tables([path], rules.flows, rules.ratio_flows), rules).cut_hubs()
    hard = system.fig_var >= 0
    color = colors(system, hard)
    assert (color[hard] >= 0).all()
    vr = system.var_relations()
    vars_of = vr.groupby("rel")["var"].apply(set).to_dict()
    rels_of = vr.groupby("var")["rel"].apply(set).to_dict()
    foot = {int(i): {int(system.fig_var[i])} for i in np.flatnonzero(hard)}
    for r, i in enumerate(system.relations["figure"].to_numpy()):
        if i in foot:
            foot[i] |= vars_of.get(r, set())
    for i, mine in foot.items():
        reach = set().union(*(vars_of[r] for v in mine for r in rels_of.get(v, ())))
        for j, theirs in foot.items():
            if j != i and reach & theirs:
                assert color[i] != color[j], (i, j)


def test_relation_labels_are_made_when_asked(rules):
    """Labels are made from each batch's table when a report asks (relation.Labels): each
    family's first relation in the sample, and one per relation of every batch."""
    table = load_tables([SAMPLE], rules.flows, rules.ratio_flows)
    system = build_system(table, rules).cut_hubs()
    family = system.relations["family"].astype(str).to_numpy()
    figure = system.relations["figure"].to_numpy()
    first = {}
    for r in range(len(family)):
        first.setdefault((family[r], figure[r] >= 0), system.labels[r])
    assert first[("level", True)] == "level of volume (total, 2013)"
    assert first[("growth", True)] == "growth of exports (total, 2023)"
    assert first[("change", False)] == "change = USD|2023|total|volume − USD|2022|total|volume"
    assert first[("sum", False)] == "volume = exports + imports (total, 2013), KRW"
    assert first[("derived", False)] == "solved exports/imports (total, 2013)"
    assert first[("conversion", False)] == "KRW = KRW/USD rate x USD (volume, total, 2013)"
    # A batch's last relation is still its own (the batches' bounds are right).
    starts = system.labels.starts
    for start, stop in zip(starts, starts[1:] + [len(family)]):
        assert system.labels[stop - 1].split(" ")[0] == system.labels[start].split(" ")[0]
    # Many at once (the explanations ask so), repeats and any order included: the same texts.
    asked = list(range(len(family)))[::-1] + [0, 0, len(family) - 1]
    assert system.labels.many(asked) == [system.labels[r] for r in asked]


@pytest.mark.compiled
@pytest.mark.slow
@given(st.lists(st.tuples(st.one_of(st.floats(allow_nan=False), st.sampled_from(
    [0.0, -0.0, -0.004, -0.005, 0.995, 9.995, 999.9999, 9_999_999.5, 99_999_999.6, 1e7, 1e8,
     -1e-9, 1e22, 1e23, 123456.789])), st.integers(0, 7)), max_size=30))
@settings(max_examples=300, deadline=None)
def test_vectorized_bounds_read_as_one_by_one(values):
    # The reasons of a million figures are formatted column-wise; the text must be wording.num's.
    # (kernel.fixed_texts writes them, plain for a few and compiled for many: both.)
    from tradeaudit.solve import kernel

    x = np.array([v for v, _ in values], dtype=float)
    d = np.array([k for _, k in values], dtype=np.int64)
    try:
        for kernel.MODE in ("plain", "compiled"):
            assert nums(x, d).tolist() == [num(v, k) for v, k in values]
    finally:
        kernel.MODE = "auto"


@pytest.mark.compiled
@settings(max_examples=1, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_a_block_ends_the_same_whatever_else_the_document_holds(tmp_path_factory, seed):
    # What a block's figures get (status, the interval the others allow) is the block's own:
    # another release printed before it (ten years later, no rate tying them) changes
    # nothing in it. This is what lets an update reuse the blocks it leaves unchanged.
    rules = load_rules(ROOT / "expectations" / "technology_trade.json")
    tmp = tmp_path_factory.mktemp("beside")
    shape = synth.BigShape(products=2, partners=2, years=3, months=12, conversion=False)
    one = synth.big_release(seed, shape)
    later = synth.big_release(seed + 1, shape)
    later = later.assign(id="o" + later["id"],
                         period=later["period"].str.replace(r"^20", "30", regex=True),
                         base=later["base"].str.replace(r"^20", "30", regex=True))
    alone, both = tmp / "alone.csv", tmp / "both.csv"
    one.to_csv(alone, index=False)
    pd.concat([later, one], ignore_index=True).to_csv(both, index=False)
    a = audit(load_tables([alone], rules.flows, rules.ratio_flows), rules).figures
    b = audit(load_tables([both], rules.flows, rules.ratio_flows), rules).figures
    b = b.set_index("id").loc[a["id"]].reset_index()
    assert a.equals(b)
