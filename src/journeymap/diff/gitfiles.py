"""Reading journey files at git revisions and in the working tree, under validate's rules.

A revision's files are listed with their sizes (`git ls-tree -l -z`) and a blob is read
(`git cat-file blob`) only when it is within `max_file_size`; a symlink in a revision is
followed inside the project's part of the tree and refused when it leads out of it. The
working tree is read with `read_user_file`, as validate reads it. File names are bytes
to git; here they are `os.fsdecode`d strings (surrogate escapes for bytes that are not
UTF-8), which go back to git as the same bytes, and `shown` makes them printable.

Everything here returns plain data or raises GitError with one line for the user; the
caller decides what a missing repository or an unknown revision means for its exit code.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from journeymap.disk.reading import ReadLimits, Refusal, outside, read_user_file

YAML_SUFFIXES = (".yaml", ".yml")
LINK_MODE = "120000"
MAX_LINK_HOPS = 8


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
    return Path(os.fsdecode(result.stdout.rstrip(b"\n")))


def is_revision(root: Path, name: str) -> bool:
    return (
        git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False).returncode
        == 0
    )


def shown(path: str) -> str:
    """A file name for messages: a byte that is not UTF-8 written as `\\xe9`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Version:
    """A file as it is at one revision (`rev` None = the working tree)."""

    path: str  # relative to the repository root, with forward slashes (fsdecoded)
    rev: str | None
    data: bytes | Refusal | None  # None: the file does not exist there

    @property
    def label(self) -> str:
        name = shown(self.path)
        return f"{name} at {self.rev}" if self.rev else f"{name} (working tree)"


@dataclass(frozen=True)
class Entry:
    """A file in a revision's tree, as `git ls-tree -l` lists it."""

    mode: str
    kind: str  # blob, tree or commit (a submodule)
    oid: str
    size: int | None  # None for a tree or a submodule


def tree_entries(
    root: Path, rev: str, pathspecs: list[str], *, literal: bool = False
) -> dict[str, Entry]:
    """The files of `rev` (recursively) under `pathspecs`, by repository-relative name."""
    prefix = ["--literal-pathspecs"] if literal else []
    out = git(root, *prefix, "ls-tree", "-r", "-l", "-z", rev, "--", *pathspecs).stdout
    entries: dict[str, Entry] = {}
    for record in out.split(b"\0"):
        meta, tab, name = record.partition(b"\t")
        if not tab:
            continue
        mode, kind, oid, size = meta.decode("ascii").split()
        entries[os.fsdecode(name)] = Entry(mode, kind, oid, None if size == "-" else int(size))
    return entries


def worktree_files(root: Path, pathspecs: list[str]) -> list[str]:
    """Files in the working tree, tracked and untracked, not ignored."""
    out = git(
        root, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", *pathspecs
    )
    return sorted({os.fsdecode(n) for n in out.stdout.split(b"\0") if n})


def yaml_only(names: list[str]) -> list[str]:
    return sorted(n for n in names if n.endswith(YAML_SUFFIXES))


def read_worktree(root: Path, path: str, limits: ReadLimits) -> Version:
    """A working-tree file under validate's rules: links inside the project, the size limit."""
    file = root / path
    if not file.exists() and not file.is_symlink():
        return Version(path, None, None)
    try:
        return Version(path, None, read_user_file(file, limits))
    except Refusal as refusal:
        return Version(path, None, refusal)


@dataclass(frozen=True)
class Tree:
    """One revision of the repository, and the part of it that is the project."""

    root: Path
    rev: str
    project: str  # the config's folder relative to the repository root; "" for the root
    limits: ReadLimits

    def read(self, path: str, entry: Entry | None) -> Version:
        """`path` at the revision; a refusal says why it is not read."""
        try:
            return Version(path, self.rev, self._bytes(path, entry))
        except Refusal as refusal:
            return Version(path, self.rev, refusal)

    def _bytes(self, path: str, entry: Entry | None) -> bytes | None:
        for _ in range(MAX_LINK_HOPS):
            if entry is None or entry.kind != "blob":
                return None  # absent, or a folder or a submodule: not a file validate reads
            if entry.size is not None and entry.size > self.limits.max_bytes:
                raise Refusal(
                    f"file is {entry.size:,} bytes, over the limit of {self.limits.max_bytes:,}",
                    too_large=True,
                )
            if entry.mode != LINK_MODE:
                return git(self.root, "cat-file", "blob", entry.oid).stdout
            path = self._link_target(path, entry)
            entry = tree_entries(self.root, self.rev, [path], literal=True).get(path)
        raise Refusal(f"is a chain of more than {MAX_LINK_HOPS} links; journeymap stops there")

    def _link_target(self, path: str, entry: Entry) -> str:
        """Where the link at `path` leads in the tree, when that stays inside the project."""
        raw = git(self.root, "cat-file", "blob", entry.oid).stdout
        target = os.fsdecode(raw)
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        inside = joined == self.project or joined.startswith(self.project + "/") or not self.project
        if posixpath.isabs(target) or joined == ".." or joined.startswith("../") or not inside:
            raise outside(shown(target))
        return joined
