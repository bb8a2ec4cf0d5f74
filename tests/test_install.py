"""A real (not editable) install: the package builds, carries its data, and audits from anywhere."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "tradeaudit"


def _builds_here() -> bool:
    """Whether the running interpreter has the build backend pyproject names (setuptools
    >= 68, with bdist_wheel: its own from 70.1, else the `wheel` package), so pip needs no
    index to build."""
    try:
        major, minor = (int(p) for p in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return major >= 68 and ((major, minor) >= (70, 1) or
                            importlib.util.find_spec("wheel") is not None)


def _shipped(top: Path) -> set[str]:
    """The package's files under `top`, as paths relative to it (no caches)."""
    return {str(p.relative_to(top)) for p in top.rglob("*") if p.is_file()
            and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".nbi", ".nbc")}


@pytest.mark.slow
def test_pip_install_audits_the_bundled_release_from_elsewhere(tmp_path):
    # Built from a copy of what the build reads, so the checkout gets no build/ or egg-info.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    target, elsewhere = tmp_path / "target", tmp_path / "elsewhere"
    elsewhere.mkdir()
    isolation = ["--no-build-isolation"] if _builds_here() else []  # else pip fetches setuptools
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                          *isolation, "--target", str(target), str(source)], cwd=elsewhere,
                         capture_output=True, text=True, check=False, timeout=600)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    # Every module, template and data file of the package is installed.
    assert _shipped(PACKAGE) <= _shipped(target / "tradeaudit")

    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import tradeaudit; print(tradeaudit.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(target)
    run = subprocess.run([sys.executable, "-m", "tradeaudit", "audit"], cwd=elsewhere, env=env,
                         capture_output=True, text=True, check=False, timeout=600)
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines()[1].startswith("INCONSISTENT: checked 32 of 59 figures"), \
        run.stdout[:500]
    assert str(target) in run.stdout.splitlines()[0]  # the installed copy's bundled table
