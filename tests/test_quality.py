"""ruff and mypy are part of the test suite, so the README's one test command runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent
CODE = [d for d in ("src", "tests", "benchmarks") if (ROOT / d).is_dir()]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check() -> None:
    result = run(str(BIN / "ruff"), "check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run(str(BIN / "ruff"), "format", "--check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_rules_table_matches_the_rules() -> None:
    from journeymap.checks.catalogue import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in (r for r in RULES.values() if r.configurable):
        assert f"| `{rule.name}` | {rule.default} | {rule.summary} |" in readme, rule.name
    for rule in (r for r in RULES.values() if not r.configurable):
        assert f"| `{rule.name}` | {rule.summary} |" in readme, rule.name
