"""`journeymap init`: a ready project from a template, never over the user's files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from journeymap.editor_setup import schema_entries, vscode_entries, with_modeline_paths
from journeymap.writing import write_atomic

TEMPLATES = {
    "b2b": "a mid-market B2B journey from awareness to advocacy, its future state, and a buying committee",
    "b2b2c": "a B2B2C pair: the partner (business) layer and the consumer layer, linked",
    "blueprint": "a service blueprint of a support incident, every step with its four lanes",
}

WORKFLOW = """\
# Check the journey maps on every pull request (journeymap init wrote this file).
name: journeys
on: [pull_request, push]
jobs:
  journeymap:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "3.12"}
      - run: pip install journeymap
      - run: journeymap validate --strict --format github
      - run: journeymap fmt --check
"""


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
    out.append((".github/workflows/journeymap.yml", WORKFLOW))
    return out


@dataclass
class Scaffolded:
    """What init wrote, and the editor settings it left alone because they were there."""

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def scaffold(target: Path, template: str, today: date, *, force: bool = False) -> Scaffolded:
    """Write the template; editor settings only where none exist, even with --force.

    `.vscode/settings.json` often holds a team's other settings, and JSON with comments
    cannot be merged faithfully, so an existing one is kept and reported instead.
    """
    entries = plan(template, today)
    existing = [target / name for name, _ in entries if (target / name).exists()]
    if existing and not force:
        listed = ", ".join(str(p) for p in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise ScaffoldError(f"would overwrite {listed}; use --force to replace them")
    result = Scaffolded()
    for name, text in [*entries, *vscode_entries()]:
        path = target / name
        if name.startswith(".vscode/") and (path.exists() or path.is_symlink()):
            result.kept.append(path)
            continue
        write_atomic(path, text)
        result.written.append(path)
    return result
