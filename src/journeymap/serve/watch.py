"""Watch the project's files with watchfiles and rebuild the site when one changes.

What is watched: the folder of journeymap.yaml (the config's globs are relative to it;
the folder the file is in, never where a link named journeymap.yaml leads),
the files and folders named on the command line, and the --templates folder, each
recursively. A change counts when it is to a YAML file, the config, or a template;
editor droppings (swap files, backups, `.#` locks) are ignored by watchfiles' default
filter. Every counted change rebuilds the whole site (see site.py for why that is
cheap); an open page reloads only if its own page changed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class WatchPlan:
    """The folders to watch, and what in them is worth a rebuild."""

    roots: tuple[Path, ...]
    config: Path | None
    templates: Path | None

    def relevant(self, path: str) -> bool:
        """A change to this path can change the site."""
        if self.config is not None and _unlinked(Path(path)) == self.config:
            return True
        changed = Path(path).resolve()
        if changed.suffix.lower() in YAML_SUFFIXES:
            return True
        return self.templates is not None and changed.is_relative_to(self.templates)


def plan(paths: Sequence[str], config: Path | None, templates: Path | None) -> WatchPlan:
    """What to watch for a run on `paths` with the config at `config` (if any)."""
    wanted: list[Path] = []
    config = _unlinked(config) if config is not None else None
    if config is not None:
        wanted.append(config.parent)  # the project: not where a link would take us
    for name in paths:
        path = Path(name).resolve()
        wanted.append(path if path.is_dir() else path.parent)  # editors save by renaming
    if templates is not None:
        wanted.append(templates.resolve())
    return WatchPlan(
        roots=_outermost(wanted),
        config=config,
        templates=templates.resolve() if templates is not None else None,
    )


def _unlinked(path: Path) -> Path:
    """`path` with its folder resolved and its own name kept: a journeymap.yaml that is a
    link stays in the project, where it is, and is watched there."""
    return Path(os.path.realpath(path.parent)) / path.name


def _outermost(folders: Iterable[Path]) -> tuple[Path, ...]:
    """Each folder once, and none inside another (they are watched recursively)."""
    out: list[Path] = []
    for folder in sorted(set(folders), key=lambda p: len(p.parts)):
        if not any(folder.is_relative_to(kept) for kept in out):
            out.append(folder)
    return tuple(out)


def watch(
    watch_plan: WatchPlan, rebuild: Callable[[list[str]], None], stop: threading.Event
) -> None:
    """Call `rebuild(changed paths)` after each burst of relevant changes, until `stop`.

    Runs in the calling thread; Ctrl-C arrives here as KeyboardInterrupt.
    """
    from watchfiles import Change, DefaultFilter
    from watchfiles import watch as watch_files

    default = DefaultFilter()

    def keep(change: Change, path: str) -> bool:
        return default(change, path) and watch_plan.relevant(path)

    roots = [str(r) for r in watch_plan.roots if r.exists()]
    for changes in watch_files(
        *roots, watch_filter=keep, debounce=400, step=50, stop_event=stop, rust_timeout=500
    ):
        rebuild(sorted({path for _, path in changes}))
