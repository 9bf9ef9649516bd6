"""Where reported paths are relative to, for tools that show them on a repository.

GitHub code scanning and workflow annotations place a finding on a file by its path from
the repository's root, whatever folder journeymap ran in: `cx/journeys/acme.yaml`, not
`journeys/acme.yaml` from `cx/`. The root is git's top level for the folder of the first
reported file (or for the current folder when nothing is reported); outside git it is
the current folder. A file outside that root keeps its absolute location.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

GIT_TIMEOUT = 10  # seconds; rev-parse answers in milliseconds, a hung git must not hang CI


@dataclass(frozen=True)
class SourceRoot:
    """The folder reported paths are relative to; `in_git` says whether git chose it."""

    folder: Path  # absolute, symbolic links resolved
    cwd: Path
    in_git: bool

    def uri(self) -> str:
        """`file:///…/` with a trailing slash, as SARIF wants for a base id."""
        return self.folder.as_uri().rstrip("/") + "/"

    def absolute(self, path: str) -> Path:
        """The file at `path` (as diagnostics give it, relative to `cwd`), its folder resolved
        but not the file itself, so a linked file is reported where the user sees it."""
        full = Path(os.path.abspath(self.cwd / path))
        return _resolved_folder(full.parent) / full.name

    def relative(self, path: str) -> str | None:
        """`path` relative to the root with forward slashes, or None when it is outside."""
        try:
            return self.absolute(path).relative_to(self.folder).as_posix()
        except ValueError:
            return None


def source_root(paths: Sequence[str], cwd: Path) -> SourceRoot:
    """The root for `paths` (relative to `cwd` or absolute) run from `cwd`."""
    cwd = Path(os.path.abspath(cwd))
    start = _existing(Path(os.path.abspath(cwd / paths[0])).parent) if paths else cwd
    top = _git_toplevel(start)
    if top is None:
        return SourceRoot(_resolved_folder(cwd), cwd, in_git=False)
    return SourceRoot(top, cwd, in_git=True)


def _existing(folder: Path) -> Path:
    """The nearest folder that exists (a `--stdin-filename` may name one that does not)."""
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _resolved_folder(folder: Path) -> Path:
    """The folder with symbolic links resolved where it exists (git reports real paths)."""
    existing = _existing(folder)
    rest = PurePosixPath(folder.relative_to(existing).as_posix()) if existing != folder else None
    resolved = existing.resolve()
    return resolved / rest if rest is not None else resolved


def _git_toplevel(folder: Path) -> Path | None:
    """`git rev-parse --show-toplevel` in `folder`, or None outside a work tree or without git."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    top = result.stdout.strip()
    if result.returncode != 0 or not top:
        return None
    return Path(top).resolve()
