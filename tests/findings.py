"""Run `journeymap validate` on files written into a folder; findings as comparable tuples."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymap.checks.example import JOURNEY as EXAMPLE_JOURNEY

HEADLINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): "
    r"(?P<severity>error|warning|info)\[(?P<rule>[\w-]+)\] (?P<message>.*)$"
)

# The journey the rule tests edit: the one the catalogue's examples start from, which
# passes every rule (today pinned to 2026-11-22).
BASE = EXAMPLE_JOURNEY
JOURNEY = "journeys/onboarding.yaml"


def edit(*changes: tuple[str, str], base: str = BASE) -> str:
    text = base
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def append(lines: str, base: str = BASE) -> str:
    return base + lines


@dataclass(frozen=True)
class Found:
    rule: str
    line: int
    column: int
    severity: str
    message: str
    hint: str | None


def validate(
    cli: Any, folder: Path, files: Mapping[str, str | bytes], *extra: str
) -> tuple[int, list[Found]]:
    """Write `files` under `folder`, validate the journeys among them; (exit code, findings)."""
    folder.mkdir(parents=True, exist_ok=True)
    targets = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if name != "journeymap.yaml":
            targets.append(name)
    result = cli("validate", "--format", "json", *extra, *targets, cwd=folder)
    # a broken journeymap.yaml stops the run with exit 2, its diagnostics still in JSON
    found = [
        Found(d["rule"], d["line"], d["column"], d["severity"], d["message"], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
    ]
    return result.exit_code, found
