"""The corpus of real articles (tests/corpus/, issue 19) as a regression test: no article
whose figures reconcile is flagged, none is refused, and every real error the reader catches
today stays caught. The extraction scores are benchmarks/corpus.py's to print, not asserted
here: they move with every article added."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus

# Articles with real errors the reader does not catch yet (each says why in its meta.json).
MISSED: set[str] = set()


def _verdict(folder: Path) -> dict:
    """benchmarks/corpus.py's evaluation of an article's verdict; an article that passes is
    only audited (its reading is scored by the benchmark, not here)."""
    meta = json.loads((folder / "meta.json").read_text())
    bad = meta["verdict"] == "inconsistent"
    audited = corpus.audit_json(folder / "article.txt", meta.get("published"))
    code = audited[0]
    if code == 3 or code == 1 and bad:  # (whether anything was read, which figure was blamed)
        r = corpus.evaluate(folder, audited=audited)
        refused, caught = r["refused"], r["caught"]
    else:
        refused, caught = code == 2, False
    return {"article": f"{folder.parent.name}/{folder.name}", "bad": bad,
            "false_alarm": not bad and code == 1, "refused": refused, "caught": caught}


# The module's tests share its audits: one worker computes them.
pytestmark = pytest.mark.xdist_group("corpus")


@pytest.fixture(scope="module")
def results() -> list[dict]:
    return [_verdict(p.parent) for p in sorted(corpus.CORPUS.glob("*/*/meta.json"))]


def test_no_article_whose_figures_reconcile_is_flagged(results):
    assert len(results) >= 89
    assert [r["article"] for r in results if r["false_alarm"]] == []


def test_no_article_is_refused(results):
    assert [r["article"] for r in results if r["refused"]] == []


def test_real_errors_are_caught_with_a_wrong_figure_in_the_discrepancy(results):
    missed = {r["article"] for r in results if r["bad"] and not r["caught"]}
    assert missed <= MISSED
    assert sum(r["caught"] for r in results) >= 22
