"""Which two sets of files `journeymap diff` compares, from arguments shaped like git diff's.

None compares the working tree with HEAD; one revision compares it with the working
tree; two revisions compare them; two files compare the files (also outside a
repository); `-- PATH...` limits the files. Without pathspecs the journeymap.yaml globs
decide which files count, in git's wildmatch as validate reads them (`disk.globs`): the
working tree's files are the ones validate would read, and a revision's are the ones
validate would read in a checkout of it. Every file is read under the project's
ReadLimits, links and size as validate applies them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeymap.core.errors import UsageError
from journeymap.diff.gitfiles import (
    GitError,
    Tree,
    is_revision,
    read_worktree,
    repo_root,
    tree_entries,
    worktree_files,
    yaml_only,
)
from journeymap.disk.globs import expand, select
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.project.config import Settings, load_settings

Content = bytes | Refusal | None  # None: absent there; a Refusal: not read, and why
Versions = list[tuple[str, Content]]  # (label, content)
Reader = Callable[[str], tuple[str, Content]]


@dataclass(frozen=True)
class Sides:
    """The old and the new version of every file compared, labelled for messages."""

    old: Versions
    new: Versions


@dataclass(frozen=True)
class Project:
    """Where the config puts the project in the repository, and what it selects."""

    root: Path  # the repository's top folder
    settings: Settings
    prefix: str  # the config's folder relative to root ("" when it is root)
    patterns: list[str]  # the journeys and personas globs, relative to the config's folder
    limits: ReadLimits


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
            limits = _file_limits(config)
            old, new = (_read(cwd / p, limits) for p in positional)
            return Sides([(positional[0], old)], [(positional[1], new)])
    root = repo_root(cwd)
    for rev in positional:
        if not is_revision(root, rev):
            raise GitError(f"{rev!r} is not a revision (or, with another file, a file to compare)")
    if not positional and not is_revision(root, "HEAD"):
        raise GitError("the repository has no commits yet: nothing to compare with")
    old_rev = positional[0] if positional else "HEAD"
    new_rev = positional[1] if len(positional) == 2 else None
    project = _project(root, config)
    specs = [os.path.relpath((cwd / p).resolve(), root) for p in pathspecs]
    old_names, old_side = _revision(project, old_rev, specs)
    new_names, new_side = (
        _worktree(project, specs) if new_rev is None else _revision(project, new_rev, specs)
    )
    names = sorted(set(old_names) | set(new_names))
    return Sides([old_side(n) for n in names], [new_side(n) for n in names])


def _project(root: Path, config: Path | None) -> Project:
    """The config found (or named), placed in the repository.

    No journeymap.yaml, or one without globs: no patterns, and every YAML file in the
    repository counts; links are then checked against the repository's top folder.
    """
    settings = load_settings(explicit=config)
    if settings.path is None:
        return Project(root, settings, "", [], ReadLimits(settings.config.max_file_size, root))
    folder = settings.root.resolve()
    prefix = os.path.relpath(folder, root).replace(os.sep, "/")
    if prefix == ".." or prefix.startswith("../"):
        raise GitError(f"{settings.path} is outside the repository {root}")
    patterns = settings.config.journeys + settings.config.personas
    limits = ReadLimits(settings.config.max_file_size, folder)
    return Project(root, settings, "" if prefix == "." else prefix, patterns, limits)


def _selected(project: Project, names: Sequence[str]) -> list[str]:
    """Of a revision's files (repository-relative), those the config's globs select."""
    cut = len(project.prefix) + 1 if project.prefix else 0
    inside = [n[cut:] for n in names if not project.prefix or n.startswith(project.prefix + "/")]
    found = {n for pattern in project.patterns for n in select(inside, pattern)}
    return sorted(project.prefix + "/" + n if project.prefix else n for n in found)


def _revision(project: Project, rev: str, specs: list[str]) -> tuple[list[str], Reader]:
    """A revision's files and how to read one: what validate reads in a checkout of it."""
    entries = tree_entries(project.root, rev, specs or ([project.prefix] if project.prefix else []))
    if specs or not project.patterns:
        names = yaml_only(list(entries))
    else:
        names = _selected(project, list(entries))
    tree = Tree(project.root, rev, project.prefix, project.limits)

    def read(name: str) -> tuple[str, Content]:
        version = tree.read(name, entries.get(name))
        return version.label, version.data

    return names, read


def _worktree(project: Project, specs: list[str]) -> tuple[list[str], Reader]:
    """The working tree's files, exactly those validate reads, and how to read one."""
    if specs or not project.patterns:
        names = yaml_only(worktree_files(project.root, specs))
    else:
        base = project.settings.root
        found = {n for pattern in project.patterns for n in expand(base, pattern)}
        names = sorted(project.prefix + "/" + n if project.prefix else n for n in found)

    def read(name: str) -> tuple[str, Content]:
        version = read_worktree(project.root, name, project.limits)
        return version.label, version.data

    return names, read


def _file_limits(config: Path | None) -> ReadLimits:
    """Two files named outside git: the project's limits when there is a journeymap.yaml."""
    settings = load_settings(explicit=config)
    return settings.read_limits if settings.path is not None else ReadLimits()


def _read(path: Path, limits: ReadLimits) -> bytes:
    """One of two files compared outside git, under the same limits as every reader."""
    try:
        return read_user_file(path, limits)
    except Refusal as refusal:
        raise UsageError(f"{path} {refusal}") from None
