"""Golden files: the bundled release's JSON, Markdown and JUnit reports, byte for byte.

After an intended change, regenerate and review the diff:

    TRADEAUDIT_REGOLD=1 .venv/bin/python -m pytest tests/test_golden.py && git diff tests/golden
"""

from __future__ import annotations

import difflib
import os

import pytest
from conftest import ROOT

from tradeaudit.cli import main

GOLDEN = ROOT / "tests" / "golden"
REGOLD = "TRADEAUDIT_REGOLD"


@pytest.mark.parametrize("fmt,name", [("json", "tradeaudit.json"), ("md", "tradeaudit.md"),
                                      ("junit", "tradeaudit.xml")])
def test_bundled_release_matches_golden(tmp_path, monkeypatch, fmt, name):
    monkeypatch.chdir(ROOT)  # reports show paths relative to the working directory
    out = tmp_path / name
    assert main(["audit", "--format", fmt, "--out", str(out)]) == 1
    got = out.read_text(encoding="utf-8")
    assert str(ROOT) not in got and str(tmp_path) not in got, "an absolute path in the report"
    golden = GOLDEN / name
    if os.environ.get(REGOLD) == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8", newline="")
    if not golden.exists():
        pytest.fail(f"no golden file {golden.relative_to(ROOT)}; create it with {REGOLD}=1",
                    pytrace=False)
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"golden/{name}", f"now/{name}", n=2))
        pytest.fail(f"{fmt} report differs from tests/golden/{name}:\n{diff[:4000]}\n"
                    f"If the change is intended, regenerate the goldens with\n"
                    f"  {REGOLD}=1 .venv/bin/python -m pytest tests/test_golden.py\n"
                    "and review `git diff tests/golden` before committing.", pytrace=False)
