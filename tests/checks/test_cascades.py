"""One mistake gives one error, where it is: a broken file still defines its ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def _diagnostics(cli: Any, project: Path, *args: str) -> list[dict[str, Any]]:
    result = cli("validate", "--format", "json", *args, cwd=project)
    assert result.exit_code == 1, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return found


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_persona_library_gives_one_error(cli: Any, project: Path) -> None:
    library = project / "personas" / "buying-committee.yaml"
    _break(library, "influence: high", "influence: very high")
    found = _diagnostics(cli, project)
    assert [(d["path"], d["rule"]) for d in found] == [
        ("personas/buying-committee.yaml", "invalid-value")
    ]
    assert found[0]["line"] == 8  # the `influence` of ops-director, 8th line of the file


def test_a_broken_current_map_does_not_break_its_future_map(cli: Any, project: Path) -> None:
    current = project / "journeys" / "acme-b2b-current.yaml"
    _break(current, "importance: 3", "importance: 7")
    found = _diagnostics(cli, project)
    assert [(d["path"], d["rule"], d["line"]) for d in found] == [
        ("journeys/acme-b2b-current.yaml", "out-of-range", 57)
    ]


@pytest.mark.parametrize("named", [(), ("journeys/acme-b2b-future.yaml",)])
def test_streaming_and_named_files_agree(cli: Any, project: Path, named: tuple[str, ...]) -> None:
    """Validating one file (the pre-commit path) reads the broken map only for its ids."""
    current = project / "journeys" / "acme-b2b-current.yaml"
    _break(current, "importance: 3", "importance: 7")
    result = cli("validate", "--format", "json", *named, cwd=project)
    diagnostics = json.loads(result.stdout)["diagnostics"]
    paths = {d["path"] for d in diagnostics}
    assert "journeys/acme-b2b-future.yaml" not in paths
