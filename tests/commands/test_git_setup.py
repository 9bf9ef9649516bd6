"""`journeymap git-setup`: plain git diff, log -p and show speak journeymap."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from gitrepo import ACME, edit, git


def test_git_setup_plain_git_diff_log_show(cli: Any, repo: Path) -> None:
    result = cli("git-setup", cwd=repo)
    assert result.exit_code == 0, result.output
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert "journeys/*.yaml diff=journeymap" in attributes
    assert cli("git-setup", cwd=repo).exit_code == 0  # idempotent
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == attributes
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qm", "attributes")
    edit(repo / ACME, "        performance: 1\n", "        performance: 3\n")
    plain = git(repo, "diff")
    assert "touchpoint security-review: performance 1 -> 3 (improved)" in plain
    git(repo, "commit", "-qam", "better security review")
    log = git(repo, "log", "-p", "-1")
    assert "-touchpoint security-review: performance = 1" in log
    assert "+touchpoint security-review: performance = 3" in log
    show = git(repo, "show", "HEAD")
    assert "+touchpoint security-review: performance = 3" in show


def test_git_setup_undo(cli: Any, repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.png binary\n", encoding="utf-8")
    cli("git-setup", cwd=repo)
    assert cli("git-setup", "--undo", cwd=repo).exit_code == 0
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == "*.png binary\n"
    config = subprocess.run(
        ["git", "config", "--get-regexp", "diff.journeymap"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert config.stdout == ""
