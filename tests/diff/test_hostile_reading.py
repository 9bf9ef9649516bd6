"""diff reads what validate reads, as validate reads it (issue 26, rows 2, 4, 5 and 6).

Real repositories in tmp_path, real symlinks, the CLI as a user runs it: a link out of
the project is refused on every side, a blob over `max_file_size` is refused before git
hands it over, a file name that is not UTF-8 is still compared, and the config's globs
select the same files for diff as for validate.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gitrepo import git

SECRET = "TOPSECRET-do-not-print"


def journey(jid: str, title: str = "T") -> str:
    return f"journeymap: 1\nid: {jid}\ntitle: {title}\nstages:\n  - {{id: s, name: S}}\n"


def make_repo(root: Path, config: str, files: dict[str, str]) -> Path:
    """A repository at `root` with journeymap.yaml and `files`, committed on main."""
    root.mkdir(parents=True)
    (root / "journeymap.yaml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    return root


CONFIG = 'journeys: ["journeys/*.yaml"]\n'


# --- row 2: links out of the project -------------------------------------------------------


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    """repo/journeys/leak.yaml -> ../../../outside/secret.yaml, a valid journey outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(journey("secret", SECRET), encoding="utf-8")
    return make_repo(tmp_path / "a" / "repo", CONFIG, {"journeys/a.yaml": journey("a")})


@pytest.mark.parametrize("form", ["md", "text", "json"])
def test_diff_does_not_follow_a_working_tree_link_out_of_the_project(
    cli: Any, leaky: Path, form: str
) -> None:
    (leaky / "journeys" / "leak.yaml").symlink_to("../../../outside/secret.yaml")
    assert (leaky / "journeys" / "leak.yaml").read_text(encoding="utf-8")  # the link works
    result = cli("diff", "main", "--format", form, cwd=leaky)
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output
    assert "journeys/leak.yaml" in result.output
    assert "outside the project" in result.output


def test_diff_refuses_a_link_to_proc_without_an_internal_error(cli: Any, leaky: Path) -> None:
    (leaky / "journeys" / "pagemap.yaml").symlink_to("/proc/self/pagemap")
    result = cli("diff", "main", "--format", "md", cwd=leaky)
    assert result.exit_code == 1, result.output
    assert "journeys/pagemap.yaml" in result.output
    assert "outside the project" in result.output


def test_diff_refuses_a_committed_link_out_of_the_project(cli: Any, leaky: Path) -> None:
    git(leaky, "checkout", "-qb", "pr")
    (leaky / "journeys" / "leak.yaml").symlink_to("../../../outside/secret.yaml")
    (leaky / "journeys" / "abs.yaml").symlink_to(leaky.parent.parent / "outside" / "secret.yaml")
    git(leaky, "add", "-A")
    git(leaky, "commit", "-qm", "links")
    result = cli("diff", "main", "HEAD", "--format", "json", cwd=leaky)
    assert result.exit_code == 1, result.output
    broken = json.loads(result.stdout)["broken"]
    assert {d["path"] for d in broken} == {
        "journeys/leak.yaml at HEAD",
        "journeys/abs.yaml at HEAD",
    }
    assert all("outside the project" in d["message"] and d["hint"] for d in broken)


def test_diff_follows_a_committed_link_inside_the_project(cli: Any, leaky: Path) -> None:
    git(leaky, "checkout", "-qb", "pr")
    (leaky / "common").mkdir()
    (leaky / "common" / "b.yaml").write_text(journey("b", "Linked"), encoding="utf-8")
    (leaky / "journeys" / "b.yaml").symlink_to("../common/b.yaml")
    git(leaky, "add", "-A")
    git(leaky, "commit", "-qm", "a link inside")
    for args in (("main", "HEAD"), ("main",)):
        result = cli("diff", *args, "--exit-code", cwd=leaky)
        assert result.exit_code == 1, result.output
        assert "journey b added" in result.stdout, result.output


# --- row 4: a blob over max_file_size -------------------------------------------------------


def test_diff_refuses_a_revision_blob_over_max_file_size_before_reading_it(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo", CONFIG + "max_file_size: 4096\n", {"journeys/a.yaml": journey("a")}
    )
    git(repo, "checkout", "-qb", "pr")
    big = journey("big") + "# padding\n" * 20_000  # 200 KB that packs to almost nothing
    (repo / "journeys" / "big.yaml").write_text(big, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "big")
    oid = git(repo, "rev-parse", "HEAD:journeys/big.yaml").strip()
    assert cli("validate", cwd=repo).exit_code == 1  # validate refuses it in the checkout
    git(repo, "checkout", "-q", "main")

    seen: list[bytes] = []
    real_run = subprocess.run

    def recording_run(*args: Any, **kwargs: Any) -> Any:
        result = real_run(*args, **kwargs)
        if isinstance(result.stdout, bytes):
            seen.append(result.stdout)
        return result

    monkeypatch.setattr(subprocess, "run", recording_run)
    result = cli("diff", "main", "pr", "--format", "json", cwd=repo)
    assert result.exit_code == 1, result.output
    broken = json.loads(result.stdout)["broken"]
    assert [(d["path"], d["rule"]) for d in broken] == [
        ("journeys/big.yaml at pr", "file-too-large")
    ]
    assert "over the limit of 4,096" in broken[0]["message"]
    assert "max_file_size" in broken[0]["hint"]
    assert oid  # the blob exists, but git never handed its bytes to journeymap:
    assert all(b"# padding" not in out for out in seen)


def test_diff_applies_max_file_size_to_the_working_tree(cli: Any, tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo", CONFIG + "max_file_size: 4096\n", {"journeys/a.yaml": journey("a")}
    )
    (repo / "journeys" / "a.yaml").write_text(journey("a") + "# x\n" * 5000, encoding="utf-8")
    result = cli("diff", "--format", "json", cwd=repo)
    assert result.exit_code == 1, result.output
    broken = json.loads(result.stdout)["broken"]
    assert [(d["path"], d["rule"]) for d in broken] == [
        ("journeys/a.yaml (working tree)", "file-too-large")
    ]


# --- row 5: a file name that is not UTF-8 ---------------------------------------------------


def test_diff_sees_a_change_in_a_file_whose_name_is_not_utf8(cli: Any, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", CONFIG, {"journeys/a.yaml": journey("a")})
    name = os.fsdecode(b"journeys/caf\xe9.yaml")
    (repo / name).write_text(journey("cafe", "Old"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "cafe")
    (repo / name).write_text(journey("cafe", "New"), encoding="utf-8")
    result = cli("diff", "--exit-code", cwd=repo)
    assert result.exit_code == 1, result.output
    assert "journey: title Old -> New" in result.stdout
    git(repo, "commit", "-qam", "new title")
    result = cli("diff", "HEAD~1", "HEAD", "--exit-code", cwd=repo)
    assert result.exit_code == 1, result.output
    assert "journey: title Old -> New" in result.stdout
    (repo / name).write_text("journeymap: 1\nid: cafe\ntitle: [\n", encoding="utf-8")
    result = cli("diff", "--format", "md", cwd=repo)
    assert result.exit_code == 1, result.output
    assert "caf\\xe9.yaml" in result.output  # shown escaped, the byte named


# --- row 6: one glob dialect ----------------------------------------------------------------


@pytest.mark.parametrize("glob", ["journeys/", "journeys", "journeys/[^_]*.yaml"])
def test_diff_sees_changes_under_git_style_globs(cli: Any, tmp_path: Path, glob: str) -> None:
    repo = make_repo(
        tmp_path / "repo", f"journeys: [{glob!r}]\n", {"journeys/a.yaml": journey("a")}
    )
    assert cli("validate", cwd=repo).exit_code == 0
    (repo / "journeys" / "a.yaml").write_text(journey("a", "Changed"), encoding="utf-8")
    result = cli("diff", "--exit-code", cwd=repo)
    assert result.exit_code == 1, result.output
    assert "journey: title T -> Changed" in result.stdout


FILES = {
    "journeys/a.yaml": journey("a"),
    "journeys/_draft.yaml": journey("draft"),
    "journeys/archive/old.yaml": journey("old"),
    "journeys/.hidden/h.yaml": journey("h"),
    "people/p.yaml": journey("p"),
    "sub/journeys/deep.yaml": journey("deep"),
}


def _validate_files(cli: Any, repo: Path) -> set[str]:
    result = cli("validate", "--format", "json", cwd=repo)
    return {d["path"] for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"}


def _diff_files(cli: Any, repo: Path, *args: str) -> set[str]:
    result = cli("diff", *args, "--format", "json", cwd=repo)
    paths = {d["path"] for d in json.loads(result.stdout)["broken"]}
    return {p.removesuffix(" (working tree)").rsplit(" at ", 1)[0] for p in paths}


@pytest.mark.parametrize(
    "globs",
    [
        ["journeys/*.yaml"],
        ["journeys/[^_]*.yaml"],
        ["journeys/**/*.yaml"],
        ["journeys/"],
        ["journeys"],
        ["deep.yaml", "j*/a.yaml"],
    ],
)
def test_diff_selects_exactly_the_files_validate_selects(
    cli: Any, tmp_path: Path, globs: list[str]
) -> None:
    repo = make_repo(tmp_path / "repo", f"journeys: {json.dumps(globs)}\n", FILES)
    breaking: Callable[[str], str] = lambda text: text.replace("stages:\n", "stages: 5\nx:\n")  # noqa: E731
    for name in FILES:
        path = repo / name
        path.write_text(breaking(path.read_text(encoding="utf-8")), encoding="utf-8")
    validated = _validate_files(cli, repo)
    assert validated  # every glob above selects something
    assert _diff_files(cli, repo) == validated
    git(repo, "commit", "-qam", "broken everywhere")
    assert _diff_files(cli, repo, "HEAD~1", "HEAD") == validated
