"""The statistics registry, and flow_share_pct: a statistic added as one module."""

import json

import pytest
from conftest import RULES, audit_rows, status

from tradeaudit import stats
from tradeaudit.errors import TableError
from tradeaudit.model.figures import STAT_UNITS, STATS
from tradeaudit.model.findings import BY_FAMILY
from tradeaudit.model.rules import STAT_FAMILY, load_rules
from tradeaudit.model.units import DIMENSIONLESS
from tradeaudit.solve.relation import FAMILY_CODE, STAT_RELATION

TRADE = [
    ("e", "2023", "total", "exports", "level", "62.4", "USD_bn"),
    ("i", "2023", "total", "imports", "level", "75.9", "USD_bn"),
    ("v", "2023", "total", "volume", "level", "138.3", "USD_bn"),
]


@pytest.fixture()
def share_rules(tmp_path):
    """The technology suite with flow_share_pct among the share statistics."""
    suite = json.loads(RULES.read_text(encoding="utf-8"))
    for exp in suite["expectations"]:
        if exp["type"] == "expect_share_consistent":
            exp["kwargs"]["stats"].append("flow_share_pct")
    path = tmp_path / "suite.json"
    path.write_text(json.dumps(suite), encoding="utf-8")
    return load_rules(path)


def test_tables_are_read_from_the_registry():
    assert STATS == tuple(stats.REGISTRY) and STATS[-1] == "flow_share_pct"
    assert STAT_UNITS["flow_share_pct"] == {"pct"}
    assert STAT_FAMILY["flow_share_pct"] == "share"
    assert STAT_RELATION["flow_share_pct"] == "share"
    for s in stats.REGISTRY.values():
        assert set(s.units) <= set(DIMENSIONLESS)
        if s.relation:  # what a failed relation reports is the statistic's finding
            assert BY_FAMILY[s.relation] is s.finding
            assert FAMILY_CODE[s.relation] == s.finding.code


def test_get_names_the_known_statistics():
    assert stats.get("growth_pct").describe("exports") == "growth of exports"
    with pytest.raises(KeyError, match="flow_share_pct"):
        stats.get("growth")


@pytest.mark.parametrize(("printed", "verdict"), [("45.1", "consistent"),
                                                  ("54.1", "inconsistent")])
def test_flow_share_is_checked_against_its_base_flow(tmp_path, share_rules, printed, verdict):
    rows = TRADE + [("s", "2023", "total", "exports", "flow_share_pct", printed, "pct",
                     "volume")]
    a = audit_rows(rows, tmp_path, share_rules)
    assert a.verdict == verdict
    if verdict == "consistent":
        assert status(a)["s"] == "consistent"
    else:
        assert [d.code for d in a.discrepancies] == ["share-mismatch"]
        assert a.suspects[0].figure == "s"
        assert a.discrepancies[0].stated["figure"] == "s"


def test_flow_share_needs_a_flow_as_its_base(tmp_path, share_rules):
    rows = TRADE + [("s", "2023", "total", "exports", "flow_share_pct", "45.1", "pct",
                     "everything")]
    with pytest.raises(TableError, match="base is a flow"):
        audit_rows(rows, tmp_path, share_rules)


def test_readme_lists_every_statistic():
    readme = (RULES.parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `stat` |"))
    assert row.split("`")[3::2] == list(stats.REGISTRY)


@pytest.mark.gx
def test_the_share_expectation_takes_every_share_statistic():
    from tradeaudit.integrations.gx.families import define

    share = define()["ExpectShareConsistent"]
    assert share(stats=["share_pct", "flow_share_pct"], rules="x").stats[-1] == "flow_share_pct"
    with pytest.raises(ValueError, match="growth_pct"):
        share(stats=["growth_pct"], rules="x")
