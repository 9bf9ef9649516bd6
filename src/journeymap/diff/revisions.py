"""Which two sets of files `journeymap diff` compares, from arguments shaped like git diff's.

None compares the working tree with HEAD; one revision compares it with the working
tree; two revisions compare them; two files compare the files (also outside a
repository); `-- PATH...` limits the files. Without pathspecs the journeymap.yaml globs
decide which YAML files count.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeymap.core.errors import UsageError
from journeymap.diff.gitfiles import GitError, is_revision, list_files, matches, read, repo_root
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.project.config import load_settings

Versions = list[tuple[str, bytes | None]]  # (label, content; None: absent at that version)


@dataclass(frozen=True)
class Sides:
    """The old and the new version of every file compared, labelled for messages."""

    old: Versions
    new: Versions


def resolve(
    positional: Sequence[str], pathspecs: Sequence[str], *, cwd: Path, config: Path | None
) -> Sides:
    """The two sides; raises GitError (no repository, no such revision) or UsageError."""
    if len(positional) > 2:
        raise UsageError("diff takes at most two revisions or two files (then `-- PATH...`)")
    if len(positional) == 2 and all((cwd / p).is_file() for p in positional):
        try:
            root: Path | None = repo_root(cwd)
        except GitError:
            root = None
        if root is None or not any(is_revision(root, p) for p in positional):
            old, new = (_read(cwd / p) for p in positional)
            return Sides([(positional[0], old)], [(positional[1], new)])
    root = repo_root(cwd)
    for rev in positional:
        if not is_revision(root, rev):
            raise GitError(f"{rev!r} is not a revision (or, with another file, a file to compare)")
    if not positional and not is_revision(root, "HEAD"):
        raise GitError("the repository has no commits yet: nothing to compare with")
    old_rev = positional[0] if positional else "HEAD"
    new_rev = positional[1] if len(positional) == 2 else None
    specs = [os.path.relpath((cwd / p).resolve(), root) for p in pathspecs]
    patterns = [] if specs else config_patterns(root, config)
    names = sorted(set(list_files(root, old_rev, specs)) | set(list_files(root, new_rev, specs)))
    if patterns:
        names = [n for n in names if matches(n, patterns)]
    old_side = [(v.label, v.data) for v in (read(root, old_rev, n) for n in names)]
    new_side = [(v.label, v.data) for v in (read(root, new_rev, n) for n in names)]
    return Sides(old_side, new_side)


def config_patterns(root: Path, config: Path | None) -> list[str]:
    """The config's journey and persona globs, relative to the repository root.

    No journeymap.yaml: no patterns, and every YAML file in the repository counts.
    """
    settings = load_settings(explicit=config)
    if settings.path is None:
        return []
    prefix = os.path.relpath(settings.root.resolve(), root)
    prefix = "" if prefix == "." else prefix + "/"
    return [prefix + g for g in settings.config.journeys + settings.config.personas]


def _read(path: Path) -> bytes:
    """One of two files compared outside git, under the same size limit as every reader."""
    try:
        return read_user_file(path, ReadLimits())
    except Refusal as refusal:
        raise UsageError(f"{path} {refusal}") from None
