"""`journeymap init`: a ready project from a template, never over the user's files."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from journeymap.disk.writing import WriteError, write_atomic
from journeymap.scaffold.ci_workflow import workflow_text
from journeymap.scaffold.editor_setup import schema_entries, vscode_entries, with_modeline_paths

TEMPLATES = {
    "b2b": "a mid-market B2B journey from awareness to advocacy, its future state, and a buying committee",
    "b2b2c": "a B2B2C pair: the partner (business) layer and the consumer layer, linked",
    "blueprint": "a service blueprint of a support incident, every step with its four lanes",
}


GITIGNORE = (
    ".gitignore",
    "# journeymap render writes the site here: publish it from CI, keep it out of git.\nsite/\n",
)
"""A new project's .gitignore. The cache folder carries a .gitignore of its own."""

_SITE_PATTERNS = {"site", "site/", "/site", "/site/"}


def kept_advice(path: Path) -> str:
    """What to do by hand about a file of the user's that init kept."""
    if path.name != ".gitignore":
        return "docs/editors.md shows the yaml.schemas lines to add"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    if _SITE_PATTERNS & {line.strip() for line in lines}:
        return "it already keeps site/ out of git"
    return "add `site/` to it so rendered pages stay out of git"


class ScaffoldError(Exception):
    """The target has files init would overwrite; nothing was written."""


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = f"{prefix}{child.name}"
        if child.is_dir():
            out.extend(_walk(child, name + "/"))
        else:
            out.append((name, child.read_text(encoding="utf-8")))
    return out


def plan(template: str, today: date) -> list[tuple[str, str]]:
    """(relative path, text) of every file the template writes, dates set to today."""
    base = files("journeymap") / "templates" / "init" / template
    out = [
        (name, with_modeline_paths(name, text.replace("__TODAY__", today.isoformat())))
        for name, text in _walk(base)
    ]
    out.extend(schema_entries())
    out.append((".github/workflows/journeymap.yml", workflow_text()))
    return out


def _conflicts(target: Path, names: list[str], force: bool) -> list[str]:
    """Every reason init cannot write these files, found before anything is written."""
    problems: list[str] = []
    blocked: set[Path] = set()
    for name in names:
        path = target / name
        for folder in [target, *reversed((target / name).parents[: len(Path(name).parts) - 1])]:
            if folder in blocked:
                break
            if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
                blocked.add(folder)
                problems.append(f"{folder} is a file where init needs a folder")
                break
        else:
            if path.is_dir():
                problems.append(f"{path} is a folder where init writes a file")
            elif (path.exists() or path.is_symlink()) and not force:
                problems.append(f"would overwrite {path}")
    return problems


@dataclass
class Scaffolded:
    """What init wrote, and the files it left alone because the user had them already
    (editor settings, .gitignore)."""

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def scaffold(target: Path, template: str, today: date, *, force: bool = False) -> Scaffolded:
    """Write every file of the template, or none: problems are found first, and a failed
    write takes back what this run had written (new files removed, replaced ones restored).

    Editor settings and .gitignore are written only where none exist, even with --force:
    `.vscode/settings.json` often holds a team's other settings, JSON with comments cannot
    be merged faithfully, and a repository's .gitignore is the team's; an existing one is
    kept and reported instead (`kept_advice` says what to add by hand).
    """
    optional = [*vscode_entries(), GITIGNORE]
    kept = [
        target / name
        for name, _ in optional
        if (target / name).exists() or (target / name).is_symlink()
    ]
    entries = plan(template, today) + [
        (name, text) for name, text in optional if target / name not in kept
    ]
    problems = _conflicts(target, [name for name, _ in entries], force)
    if problems:
        listed = "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
        hint = (
            " (use --force to replace existing files)"
            if not force and any(p.startswith("would overwrite") for p in problems)
            else ""
        )
        raise ScaffoldError(f"{listed}; nothing was written{hint}")
    written: list[Path] = []
    replaced: dict[Path, bytes] = {}
    created: list[Path] = []
    missing = [f for f in [target, *target.parents] if not f.exists()]
    try:
        for folder in reversed(missing):  # the project folder and any parents it lacks
            folder.mkdir()
            created.append(folder)
        for name, text in entries:
            path = target / name
            for folder in [target, *reversed(path.parents[: len(Path(name).parts) - 1])]:
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
            if path.exists():
                replaced[path] = path.read_bytes()
            write_atomic(path, text)
            written.append(path)
    except (OSError, WriteError) as exc:
        _take_back(written, replaced, created)
        reason = exc if isinstance(exc, WriteError) else exc.strerror or exc
        raise WriteError(f"{reason}; nothing was written") from None
    return Scaffolded(written, kept)


def _take_back(written: list[Path], replaced: dict[Path, bytes], created: list[Path]) -> None:
    for path in reversed(written):
        with contextlib.suppress(OSError):
            if path in replaced:
                path.write_bytes(replaced[path])
            else:
                path.unlink()
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()
