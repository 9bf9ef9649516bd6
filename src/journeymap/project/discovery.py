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
from journeymap.disk.globs import YAML_SUFFIXES, expand
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
        return _with_context(found.files, found.skipped, settings)
    if settings.path is not None and (settings.config.journeys or settings.config.personas):
        targets = expand_globs(settings, "journeys") + expand_globs(settings, "personas")
        return _with_context(_unique(targets), [], settings)
    raise UsageError(
        "no files given and no journeymap.yaml with `journeys` found; "
        "name files or folders, or run `journeymap init`"
    )


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
    groups: dict[Path | None, list[Path]] = {}
    for path in found.files:
        folder = Path(os.path.abspath(path)).parent
        if folder not in nearest:
            nearest[folder] = find_config(folder)
        groups.setdefault(nearest[folder], []).append(path)
    if not groups:
        return [Project(Settings(), Plan([], [], found.skipped))]
    projects: list[Project] = []
    for config_path, files in groups.items():
        settings = load_settings(explicit=config_path) if config_path else Settings()
        skipped = found.skipped if not projects else []
        projects.append(Project(settings, _with_context(files, skipped, settings)))
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
