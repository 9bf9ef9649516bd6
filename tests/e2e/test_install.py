"""The installed command, as a user's shell runs it (subprocess, not CliRunner)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, FIXTURES

BIN = Path(sys.executable).with_name("journeymap")


def run(*args: str, cwd: Path = EXAMPLES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNEYMAP_TODAY": "2026-11-22"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)


def test_console_script_validates_examples() -> None:
    assert BIN.exists(), "pip install must create the journeymap command"
    result = run(str(BIN), "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "No problems found in 5 files." in result.stderr


def test_python_dash_m() -> None:
    result = run(sys.executable, "-m", "journeymap", "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("journeymap ")


def test_findings_exit_1_without_traceback() -> None:
    result = run(str(BIN), "validate", str(FIXTURES / "types-broken.yaml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "error[unknown-field]" in result.stdout


def test_help_lists_commands() -> None:
    result = run(str(BIN), "--help")
    assert result.returncode == 0
    for command in ("validate", "schema", "rules"):
        assert command in result.stdout
