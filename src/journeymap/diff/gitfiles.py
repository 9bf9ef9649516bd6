"""Reading journey files at git revisions, with git itself (`git show REV:path`).

Everything here returns plain data or raises GitError with one line for the user; the
caller decides what a missing repository or an unknown revision means for its exit code.
"""

from __future__ import annotations

import fnmatch
import subprocess
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


class GitError(Exception):
    """git is missing, this is not a repository, or a revision does not exist."""


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return result


def repo_root(start: Path) -> Path:
    result = git(start, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise GitError("not inside a git repository")
    return Path(result.stdout.decode().strip())


def is_revision(root: Path, name: str) -> bool:
    return (
        git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False).returncode
        == 0
    )


@dataclass(frozen=True)
class Version:
    """A file as it is at one revision (`rev` None = the working tree)."""

    path: str  # relative to the repository root, with forward slashes
    rev: str | None
    data: bytes | None  # None: the file does not exist there

    @property
    def label(self) -> str:
        return f"{self.path} at {self.rev}" if self.rev else f"{self.path} (working tree)"


def list_files(root: Path, rev: str | None, pathspecs: list[str]) -> list[str]:
    """YAML files at a revision or in the working tree (tracked and untracked, not ignored)."""
    if rev is None:
        out = git(
            root, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", *pathspecs
        )
    else:
        out = git(root, "ls-tree", "-r", "--name-only", "-z", rev, "--", *pathspecs)
    names = [n for n in out.stdout.decode("utf-8", "replace").split("\0") if n]
    return sorted(n for n in names if n.endswith(YAML_SUFFIXES))


def read(root: Path, rev: str | None, path: str) -> Version:
    if rev is None:
        file = root / path
        return Version(path, None, file.read_bytes() if file.is_file() else None)
    result = git(root, "show", f"{rev}:{path}", check=False)
    return Version(path, rev, result.stdout if result.returncode == 0 else None)


def matches(path: str, patterns: list[str]) -> bool:
    """Config-style globs against a root-relative path; `**/` may also match nothing."""
    for pattern in patterns:
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, pattern.replace("**/", "")):
            return True
    return False
