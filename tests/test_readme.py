"""The README is a short user guide: its sections in a user's order, every link and option real."""

import re

from conftest import ROOT

from tradeaudit.cli import parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = ["Two commands", "Install", "Audit a release", "Audit a text", "Read the report", "CI",
         "Exit codes", "The figure table (contract 1)"]


def test_the_user_guide_comes_first_and_is_short():
    headings = re.findall(r"^## (.+)$", README, re.MULTILINE)
    assert [h for h in headings if h in GUIDE] == GUIDE
    assert headings.index("The figure table (contract 1)") < headings.index("More")
    assert len(README.splitlines()) <= 240


def test_every_link_and_file_named_is_in_the_repository():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
        for name in re.findall(r"`?\b([A-Z]+\.md)\b", text):
            assert (ROOT / name).exists() or (ROOT / "docs" / name).exists(), \
                f"{doc.name} cites {name}, which is not in the repository"


def test_every_option_the_readme_names_exists():
    top = parser()
    subs = next(a for a in top._actions if isinstance(a.choices, dict))
    options = {o for sub in subs.choices.values() for a in sub._actions for o in a.option_strings}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", README)) - {
        "--no-dates",  # a benchmark's
        "--no-compile",  # pip's
    }
    assert named <= options, named - options
