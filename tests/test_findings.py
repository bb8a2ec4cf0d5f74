"""The registry of discrepancy codes: the one place codes, severities and the README agree."""

import re

from conftest import ROOT, SAMPLE

from tradeaudit.audit.engine import audit
from tradeaudit.integrations import gx
from tradeaudit.model.findings import BY_CODE, BY_FAMILY, FINDINGS, render_markdown
from tradeaudit.read.table import load_tables
from tradeaudit.solve.relation import FAMILY_CODE


def test_readme_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Discrepancy codes\n", 1)[1]
    lines = section.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("|"))
    end = next((k for k in range(start, len(lines)) if not lines[k].startswith("|")), len(lines))
    table = "\n".join(lines[start:end]) + "\n"
    assert table == render_markdown()


def test_codes_are_kebab_case_with_a_severity_and_a_title():
    assert len(BY_CODE) == len(FINDINGS)
    for f in FINDINGS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", f.code)
        assert f.severity in ("error", "warning")
        assert f.title == f.code.replace("-", " ").capitalize()  # as the HTML report titles it
        assert f.meaning and "\n" not in f.meaning


def test_relation_families_report_the_registered_codes():
    # solve.relation keeps its own map of family -> code; it must say what the registry says.
    assert FAMILY_CODE == {family: f.code for family, f in BY_FAMILY.items()}
    for codes in (gx.GROWTH_CODES, gx.SHARE_CODES, gx.CONVERSION_CODES, gx.RANK_CODES):
        assert codes <= BY_CODE.keys()


def test_every_discrepancy_found_is_registered(rules):
    tables = load_tables([SAMPLE], rules.flows, rules.ratio_flows)
    for d in audit(tables, rules).discrepancies:
        assert BY_CODE[d.code].severity == d.severity
