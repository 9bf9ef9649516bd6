"""`journeymap init`: a ready project from a template, never over the user's files."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from journeymap.schema import SCHEMA_BASE
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
    schema = SCHEMA_BASE.rstrip("/")
    out = [
        (name, text.replace("__TODAY__", today.isoformat()).replace("__SCHEMA__", schema))
        for name, text in _walk(base)
    ]
    out.append((".github/workflows/journeymap.yml", WORKFLOW))
    return out


def scaffold(target: Path, template: str, today: date, *, force: bool = False) -> list[Path]:
    entries = plan(template, today)
    existing = [target / name for name, _ in entries if (target / name).exists()]
    if existing and not force:
        listed = ", ".join(str(p) for p in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise ScaffoldError(f"would overwrite {listed}; use --force to replace them")
    written = []
    for name, text in entries:
        path = target / name
        write_atomic(path, text)
        written.append(path)
    return written
