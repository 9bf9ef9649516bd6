"""Fixtures for the command tests: the example portfolio committed in a git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from gitrepo import git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example portfolio committed in a fresh repository."""
    assert shutil.which("git"), "git is required for the diff tests"
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("site"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    return root
