"""File discovery and the portfolio a run works on.

A run has *targets* (the files a command reports on) and *context* (persona libraries
and the config's other journeys, read so that references resolve when a pre-commit hook
passes just one changed file). Both are loaded the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from journeymap.core.errors import UsageError
from journeymap.disk.globs import YAML_SUFFIXES, expand, matches
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.disk.stdin_buffer import buffered
from journeymap.loading.loader import Document
from journeymap.project.config import (
    CONFIG_NAME,
    Settings,
    display_path,
    find_config,
    load_settings,
)

HAS_VERSION_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?[\"']?journeymap[\"']?[ \t]*:", re.MULTILINE)


def is_journeymap_file(path: Path) -> bool:
    """A cheap look for a top-level `journeymap:` key, to skip other YAML in a folder."""
    if not path.is_file() and not path.is_symlink():
        return False  # a pipe or device named *.yaml: never opened, it could block forever
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return True  # report it, so the user learns it cannot be read
    return bool(HAS_VERSION_KEY.search(head))


_PERSONAS_KIND = re.compile(
    rb"^kind[ \t]*:[ \t]*[\"']?personas[\"']?[ \t]*(?:#.*)?\r?$", re.MULTILINE
)


def looks_like_library(path: Path) -> bool:
    """A cheap look for `kind: personas`, so libraries can be read before the journeys
    that refer to them."""
    if (data := buffered(path)) is not None:
        return bool(_PERSONAS_KIND.search(data[: 1 << 16]))
    if not path.is_file():
        return False  # pipes and devices are never opened: reading one could block forever
    try:
        with path.open("rb") as handle:
            return bool(_PERSONAS_KIND.search(handle.read(1 << 16)))
    except OSError:
        return False


@dataclass
class Discovery:
    files: list[Path]
    skipped: list[Path]  # YAML in folders that is not a journeymap file


def discover(paths: Sequence[str], *, skip_other: bool = False) -> Discovery:
    """Files named are taken as they are; folders are searched recursively.

    Symlinked folders are not followed (no loops); a path named twice is read once. With
    `skip_other`, a named file without a `journeymap` key is skipped like one in a folder
    (for pre-commit, which passes every changed YAML file).
    """
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = _identity(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in _walk(path):
                if is_journeymap_file(found):
                    add(found)
                else:
                    skipped.append(found)
        elif path.exists() or path.is_symlink():
            if skip_other and not is_journeymap_file(path):
                skipped.append(path)
            else:
                add(path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    return Discovery(files, skipped)


def _identity(path: Path) -> Path:
    """The file a path names, for reading it once; a symlink loop names itself."""
    return Path(os.path.realpath(path))


def _walk(folder: Path) -> Iterable[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in filenames if f.endswith(YAML_SUFFIXES))
    return sorted(found)


def expand_globs(settings: Settings, key: Literal["journeys", "personas"]) -> list[Path]:
    """The config's globs (git's wildmatch, see `globs`), relative to the config's folder.

    A glob matching nothing is an error: it is almost always a typo.
    """
    out: list[Path] = []
    for pattern in getattr(settings.config, key):
        matches = [settings.root / rel for rel in expand(settings.root, pattern)]
        if not matches:
            raise UsageError(
                f"{display_path(settings.path) if settings.path else CONFIG_NAME}: "
                f"the {key} glob {pattern!r} matches no files"
            )
        out.extend(Path(display_path(m)) for m in matches)
    return out


@dataclass
class Portfolio:
    """Everything one run reads: the files it reports on and the files it only consults."""

    targets: list[Document]
    context: list[Document]
    settings: Settings
    skipped: list[Path] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        return self.targets + self.context


@dataclass
class Plan:
    """The files a run reports on (targets), only consults (context), and passed over."""

    targets: list[Path]
    context: list[Path]
    skipped: list[Path]


def plan_portfolio(paths: Sequence[str], settings: Settings, *, skip_other: bool = False) -> Plan:
    """Which files: the named paths (or the config's globs) plus the config's context."""
    if paths:
        found = discover(paths, skip_other=skip_other)
        claimed = [p for p in found.skipped if claimed_by(settings, p)]
        skipped = [p for p in found.skipped if p not in claimed]
        return _with_context(_unique(found.files + claimed), skipped, settings)
    if settings.path is not None and (settings.config.journeys or settings.config.personas):
        targets = expand_globs(settings, "journeys") + expand_globs(settings, "personas")
        return _with_context(_unique(targets), [], settings)
    raise UsageError(
        "no files given and no journeymap.yaml with `journeys` found; "
        "name files or folders, or run `journeymap init`"
    )


def claimed_by(settings: Settings, path: Path) -> bool:
    """Is `path` one of the project's journey or persona files by its globs? Such a file
    is never passed over as "other YAML": without `journeymap: 1` it is an error (a
    pre-commit run must not let a broken journey through as not a journey)."""
    if settings.path is None:
        return False
    try:
        rel = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(settings.root)))
    except ValueError:
        return False  # outside the project
    return matches(rel.as_posix(), [*settings.config.journeys, *settings.config.personas])


def _unique(paths: list[Path]) -> list[Path]:
    """Each file once, where it first appears: globs may overlap (`journeys/**` beside a
    narrower pattern), and a file read twice was checked and rendered twice."""
    seen: set[Path] = set()
    out = []
    for path in paths:
        key = _identity(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _with_context(targets: list[Path], skipped: list[Path], settings: Settings) -> Plan:
    """The config's personas and journeys that are not targets are read for references."""
    context_paths: list[Path] = []
    if settings.path is not None:
        context_paths = expand_globs(settings, "personas") + expand_globs(settings, "journeys")
    target_keys = {_identity(p) for p in targets}
    context = [p for p in dict.fromkeys(context_paths) if _identity(p) not in target_keys]
    return Plan(targets, context, skipped)


@dataclass
class Project:
    """The files of a run that share one journeymap.yaml, with its settings."""

    settings: Settings
    plan: Plan


def plan_projects(
    paths: Sequence[str], config: Path | None, *, skip_other: bool = False
) -> list[Project]:
    """Each named file under the nearest journeymap.yaml above it, like ruff: a hook run
    from the repository root checks `cx/journeys/a.yaml` under `cx/journeymap.yaml`.

    With `--config`, or with no paths (the config found from the current folder names
    the files), there is one project. A file with no journeymap.yaml above it is checked
    under the defaults. Projects come in the order their first file was named.
    """
    if config is not None or not paths:
        settings = load_settings(explicit=config)
        return [Project(settings, plan_portfolio(paths, settings, skip_other=skip_other))]
    found = discover(paths, skip_other=skip_other)
    nearest: dict[Path, Path | None] = {}  # folder -> its journeymap.yaml
    loaded: dict[Path | None, Settings] = {None: Settings()}
    groups: dict[Path | None, list[Path]] = {}

    def config_of(path: Path) -> Path | None:
        folder = Path(os.path.abspath(path)).parent
        if folder not in nearest:
            nearest[folder] = find_config(folder)
            if nearest[folder] not in loaded:
                loaded[nearest[folder]] = load_settings(explicit=nearest[folder])
        return nearest[folder]

    for path in found.files:
        groups.setdefault(config_of(path), []).append(path)
    passed_over: list[Path] = []
    for path in found.skipped:
        owner = config_of(path)
        if claimed_by(loaded[owner], path):
            groups.setdefault(owner, []).append(path)
        else:
            passed_over.append(path)
    if not groups:
        return [Project(Settings(), Plan([], [], passed_over))]
    projects: list[Project] = []
    for config_path, files in groups.items():
        settings = loaded[config_path]
        skipped = passed_over if not projects else []
        projects.append(Project(settings, _with_context(_unique(files), skipped, settings)))
    return projects


def one_project(paths: Sequence[str], config: Path | None, *, skip_other: bool = False) -> Project:
    """The project of a command that builds one thing (a site, a report, an export).

    Files of several projects cannot make one site: that is a usage error naming them.
    """
    projects = plan_projects(paths, config, skip_other=skip_other)
    if len(projects) > 1:
        names = ", ".join(
            display_path(p.settings.path) if p.settings.path else "(no journeymap.yaml)"
            for p in projects
        )
        raise UsageError(
            f"the files belong to {len(projects)} projects ({names}); "
            "name the files of one project, or choose one with --config"
        )
    return projects[0]


# What a journey names of other journeys: a future map's `current:`, a link's `to: ID#`.
_NAMED_JOURNEYS = re.compile(
    rb"^current[ \t]*:[ \t]*['\"]?([a-z0-9][\w-]*)|\bto[ \t]*:[ \t]*['\"]?([a-z0-9][\w-]*)#",
    re.MULTILINE,
)
_TOP_LEVEL_ID = re.compile(rb"^id[ \t]*:[ \t]*['\"]?([a-z0-9][\w-]*)", re.MULTILINE)


def with_dependants(plan: Plan, limits: ReadLimits, previous_ids: Iterable[str] = ()) -> list[Path]:
    """The targets and the context journeys their change can break.

    A pre-commit hook passes only the files staged: a persona renamed in a library, or a
    journey id changed, breaks journeys that were not staged. So a persona library among
    the targets makes every journey a target, and a journey makes a target of every
    journey that names it (by its id now, or by `previous_ids`, the ids the cache saw
    the targets define before) as its current map or in a link.
    """
    targets, chosen = plan.targets, set(plan.targets)
    journeys = [p for p in plan.context if p not in chosen and not looks_like_library(p)]
    if not journeys:
        return list(targets)
    if any(looks_like_library(p) for p in targets):
        return [*targets, *journeys]
    ids = {m.decode() for p in targets for m in _TOP_LEVEL_ID.findall(_bytes(p, limits))}
    ids |= set(previous_ids)
    wanted = [i.encode() for i in ids]
    named = []
    for path in journeys:
        data = _bytes(path, limits)
        # `in` on bytes is a fast scan; the pattern runs only on files that hold an id
        if any(w in data for w in wanted) and _names(data) & ids:
            named.append(path)
    return [*targets, *named]


def _names(text: bytes) -> set[str]:
    return {(a or b).decode() for a, b in _NAMED_JOURNEYS.findall(text)}


def _bytes(path: Path, limits: ReadLimits) -> bytes:
    try:
        return read_user_file(path, limits)
    except Refusal:
        return b""  # reported where the file is read for real
