"""Bidi and control characters are shown as escapes in every output (issue #26, row 16).

A value holding U+202E (right-to-left override) makes a reviewer read text backwards.
Text output always showed it as `\\u202e`; `diff --format md` kept it raw when the value
had no space (a value with a space was quoted with Python's repr, which escaped it).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL
from gitrepo import git

RLO = "\u202e"
SNEAKY = f"Approved{RLO}devorppa-ton"  # no space: repr never quoted it
SPACED = f"Plan {RLO}B"
RAW = (RLO, "\u2066", "\x85", "\x1b")  # what no output may carry raw


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A journey committed, then its stage name and goal changed to bidi-laden values."""
    assert shutil.which("git"), "git is required for the diff tests"
    root = tmp_path / "repo"
    root.mkdir()
    (root / "j.yaml").write_text(MINIMAL, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "one")
    edited = MINIMAL.replace("    name: S\n", f'    name: "{SNEAKY}"\n').replace(
        "    goal: G\n", f'    goal: "{SPACED}\\x85\\e[2J\\u2066"\n'
    )
    (root / "j.yaml").write_text(edited, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["md", "text", "json"])
def test_diff_shows_bidi_controls_as_escapes(cli: Any, repo: Path, fmt: str) -> None:
    result = cli("diff", "--format", fmt, cwd=repo)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for char in RAW:
        assert char not in out, (fmt, repr(char), out)
    assert "\\u202e" in out and "\\u2066" in out, out
    if fmt == "json":  # escapes of JSON itself: the data is unchanged
        texts = [c["text"] for c in json.loads(out)["changes"]]
        assert any(SNEAKY in text for text in texts), texts
    else:
        assert "Approved\\u202edevorppa-ton" in out


def test_gits_textconv_shows_bidi_controls_as_escapes(cli: Any, repo: Path) -> None:
    """What `git log -p` shows through journeymap's textconv: JSON values, escaped."""
    result = cli("diff", "--textconv", "j.yaml", cwd=repo)
    assert result.exit_code == 0, result.output
    for char in RAW:
        assert char not in result.stdout, repr(char)
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("stage s: name = ")]
    assert line == 'stage s: name = "Approved\\u202edevorppa-ton"'
    assert json.loads(line.split(" = ", 1)[1]) == SNEAKY


def test_validate_machine_formats_show_bidi_controls_as_escapes(cli: Any, tmp_path: Path) -> None:
    """A file's name reaches every format: `ab<RLO>lmay.yaml` reads as `abyaml.yaml`."""
    name = f"ab{RLO}lmay.yaml"
    (tmp_path / name).write_text(MINIMAL.replace("    goal: G\n", ""), encoding="utf-8")
    for fmt in ("json", "github", "sarif", "text"):
        result = cli("validate", "--format", fmt, name, cwd=tmp_path)
        assert result.exit_code == 0, result.output
        assert RLO not in result.stdout, fmt
    data = json.loads(cli("validate", "--format", "json", name, cwd=tmp_path).stdout)
    assert [d["path"] for d in data["diagnostics"]] == [name]  # JSON's escape: same data
