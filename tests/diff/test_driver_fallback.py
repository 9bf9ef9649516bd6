"""git diff, git show and git log -p after `journeymap git-setup`, on files journeymap will
not read as journeys (issue 26, rows 10 and 14).

A file over the size limit, a YAML file under the journey glob that is not a journey, a
journey that does not load: git shows exactly what it shows without journeymap (git's
own diff, not difflib's), and exits 0.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from gitrepo import git

JOURNEY = "journeymap: 1\nid: big\ntitle: Big\nstages:\n  - {id: s, name: S}\n"
LIMIT = 20_000


def run_git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)


@pytest.fixture
def wired(cli: Any, tmp_path: Path) -> Path:
    """A repository with journeymap.yaml (a small max_file_size) after `journeymap git-setup`."""
    repo = tmp_path / "repo"
    (repo / "journeys").mkdir(parents=True)
    (repo / "journeymap.yaml").write_text(
        f'journeys: ["journeys/*.yaml"]\nmax_file_size: {LIMIT}\n', encoding="utf-8"
    )
    (repo / "journeys" / "a.yaml").write_text(JOURNEY.replace("big", "a"), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    result = cli("git-setup", cwd=repo)
    assert result.exit_code == 0, result.output
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    return repo


def padded(n: int, changed: int | None = None) -> str:
    lines = [f"# line {i}{' changed' if i == changed else ''}\n" for i in range(n)]
    return JOURNEY + "".join(lines)


def as_without_journeymap(repo: Path, *args: str) -> None:
    """`git ARGS` exits 0 and prints what git prints without journeymap's driver."""
    ours = run_git(repo, *args)
    assert ours.returncode == 0, ours.stderr.decode()
    plain = run_git(repo, *args, "--no-ext-diff", "--no-textconv")
    assert plain.returncode == 0
    assert ours.stdout == plain.stdout
    assert b"diff --git" in ours.stdout


CASES = {
    "over max_file_size": (padded(3000), padded(3000, changed=1500)),
    "not a journey": ("notes: 1\n" * 2000, "notes: 1\n" * 999 + "notes: 2\n" + "notes: 1\n" * 1000),
    "does not load": (JOURNEY, JOURNEY.replace("stages:\n", "stages:\n\t\n")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_git_diff_show_and_log_fall_back_to_git(wired: Path, case: str) -> None:
    old, new = CASES[case]
    path = wired / "journeys" / "big.yaml"
    path.write_text(old, encoding="utf-8")
    git(wired, "add", "-A")
    git(wired, "commit", "-qm", "old")
    path.write_text(new, encoding="utf-8")
    if case == "over max_file_size":
        assert len(new) > LIMIT
    as_without_journeymap(wired, "diff")
    as_without_journeymap(wired, "diff", "HEAD")
    git(wired, "commit", "-qam", "new")
    as_without_journeymap(wired, "diff", "HEAD~1", "HEAD")
    show = run_git(wired, "show", "HEAD")
    assert show.returncode == 0, show.stderr.decode()
    log = run_git(wired, "log", "-p", "-2")
    assert log.returncode == 0, log.stderr.decode()
    assert b"changed" in log.stdout or b"notes: 2" in log.stdout or b"\t" in log.stdout


def test_a_file_added_and_removed_over_the_limit(wired: Path) -> None:
    path = wired / "journeys" / "big.yaml"
    path.write_text(padded(3000), encoding="utf-8")
    git(wired, "add", "-A")
    as_without_journeymap(wired, "diff", "--cached")
    git(wired, "commit", "-qm", "add")
    git(wired, "rm", "-q", "journeys/big.yaml")
    as_without_journeymap(wired, "diff", "--cached")


def test_a_renamed_file_over_the_limit(wired: Path) -> None:
    path = wired / "journeys" / "big.yaml"
    path.write_text(padded(3000), encoding="utf-8")
    git(wired, "add", "-A")
    git(wired, "commit", "-qm", "add")
    git(wired, "mv", "journeys/big.yaml", "journeys/moved.yaml")
    (wired / "journeys" / "moved.yaml").write_text(padded(3000, changed=7), encoding="utf-8")
    as_without_journeymap(wired, "diff", "-M", "HEAD")
    assert b"rename from journeys/big.yaml" in run_git(wired, "diff", "-M", "HEAD").stdout


def test_journeys_still_get_the_semantic_diff(wired: Path) -> None:
    path = wired / "journeys" / "a.yaml"
    path.write_text(JOURNEY.replace("big", "a").replace("Big", "Better"), encoding="utf-8")
    result = run_git(wired, "diff")
    assert result.returncode == 0
    assert b"journeymap diff a/journeys/a.yaml" in result.stdout
    assert b"journey: title Big -> Better" in result.stdout


def test_a_file_over_the_default_limit_no_longer_makes_git_fail(cli: Any, tmp_path: Path) -> None:
    """The reported case: no max_file_size, a 21 MB file under the journey glob; git
    exited 128 on `git diff`, `git show` and `git log -p`."""
    repo = tmp_path / "repo"
    (repo / "journeys").mkdir(parents=True)
    (repo / "journeymap.yaml").write_text('journeys: ["journeys/*.yaml"]\n', encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    assert cli("git-setup", cwd=repo).exit_code == 0
    big = repo / "journeys" / "big.yaml"
    line = "# " + "x" * 1000 + "\n"
    big.write_text(JOURNEY + line * 21_000, encoding="utf-8")
    assert big.stat().st_size > 21 * 1000 * 1000
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "big")
    with big.open("a", encoding="utf-8") as handle:
        handle.write("# the end\n")
    diff = run_git(repo, "diff")
    assert diff.returncode == 0, diff.stderr.decode()
    assert diff.stdout.endswith(b"+# the end\n")
    git(repo, "commit", "-qam", "end")
    for args in (("show", "HEAD"), ("log", "-p", "-1")):
        result = run_git(repo, *args)
        assert result.returncode == 0, (args, result.stderr.decode())
        assert result.stdout.endswith(b"+# the end\n"), args
