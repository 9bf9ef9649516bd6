"""Paths that cannot escape: the config's paths, and where the site's pages are written.

A pull request can change journeymap.yaml; its paths (`journeys`, `output`, a `data:`
`source`) are checked with `inside_project` when the config is read. Page names come
from ids, but a hostile file or template could still try `../` or a link; every page
path is checked here before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from journeymap.disk.writing import WriteError, write_atomic


def inside_project(value: str) -> str:
    """Config paths and globs are relative to the config's folder and stay below it.

    A pull request can change journeymap.yaml; it must not be able to make `render`
    write, or any command read, outside the repository. `-o` on the command line can
    still point anywhere: that is the person running the command choosing. (A path that
    is a link out of the project is refused when it is read, by `read_user_file`.)
    """
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":") or ".." in parts:
        raise ValueError(
            f"{value!r} leads outside the project; paths in journeymap.yaml are relative to "
            "its folder and stay inside it (no `..`, no absolute paths)"
        )
    return value


def safe_output_path(folder: Path, name: str) -> Path:
    """Page names come from ids (`^[a-z0-9][a-z0-9_-]*$`); refuse anything that could escape."""
    if "/" in name or "\\" in name or name.startswith(".") or not name:
        raise ValueError(f"unsafe output name {name!r}")
    path = folder / name
    if Path(os.path.realpath(path)).parent != Path(os.path.realpath(folder)):
        raise ValueError(f"unsafe output name {name!r}")
    return path


def link_on_the_way(path: Path, root: Path) -> Path | None:
    """The first symbolic link between `root` and `path` (`path` itself included), when
    `path` is named inside `root`; None when there is none, or `path` lies elsewhere.

    For folders journeymap makes in the project (the cache): a checkout can hold a link
    at any of these names, and following it would write wherever the link leads.
    """
    base = Path(os.path.abspath(root))
    target = Path(os.path.abspath(path))
    if not target.is_relative_to(base):
        return None  # named outside the project: the user's own choice, links and all
    current = base
    for part in target.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def safe_site_path(folder: Path, name: str) -> Path:
    """A page path of the site (`index.html`, `maps/acme.html`): each part a safe name."""
    parts = name.split("/")
    if len(parts) > 2:
        raise ValueError(f"unsafe output name {name!r}")
    inner = folder
    for part in parts[:-1]:
        inner = safe_output_path(inner, part)
    return safe_output_path(inner, parts[-1])


def write_pages(folder: Path, pages: dict[str, str]) -> list[Path]:
    """Each page atomically: a reader sees the old file or the new one, never half of one."""
    folder.mkdir(parents=True, exist_ok=True)
    targets = {name: site_target(folder, name) for name in sorted(pages)}
    for name, path in targets.items():
        write_atomic(path, pages[name])
    written = list(targets.values())
    remove_stale(written)
    return written


def site_target(folder: Path, name: str) -> Path:
    try:
        return safe_site_path(folder, name)
    except ValueError as exc:
        raise WriteError(f"refusing to write outside {folder}: {exc}") from None


def remove_stale(written: Sequence[Path]) -> None:
    """Temporary files of these pages left by a run killed outright (SIGKILL)."""
    names = {path.name for path in written}
    for parent in sorted({path.parent for path in written}):
        for stale in parent.glob(".*.tmp"):
            if any(stale.name.startswith(f".{name}.") for name in names):
                stale.unlink(missing_ok=True)
