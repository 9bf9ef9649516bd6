"""Values that used to end a whole run with "internal error" are refused where they are.

Validation refuses what later stages cannot show (non-finite numbers, oversized integers,
blank names, over-long ids); then no later command can crash on what validation let
through, and one bad file never empties the output of a run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

HEAD = "journeymap: 1\nid: j\ntitle: J\n"
STAGE = "stages:\n  - id: s\n    name: S\n    goal: G\n"

CASES = {
    "nan": (
        HEAD + STAGE + "    metrics:\n      - {id: m, name: M, value: .nan, target: 3}\n",
        9,
        33,
    ),
    "inf": (
        HEAD + STAGE + "    metrics:\n      - {id: m, name: M, value: -.inf, target: 3}\n",
        9,
        33,
    ),
    "huge-hex": (HEAD + STAGE + "x-big: 0x" + "f" * 5000 + "\n", 8, 8),
    "huge-int": (HEAD + STAGE + "x-big: " + "9" * 5000 + "\n", 8, 8),
    "unhashable-kind": ("journeymap: 1\nkind: [journey]\nid: j\ntitle: J\n" + STAGE, 2, 7),
    "tz-offset": (HEAD + STAGE + "x-when: 2024-01-01 10:00:00 +24:00\n", 8, 9),
    "blank-name": (HEAD + "stages:\n  - id: s\n    name: '   '\n", 6, 11),
    "long-id": ("journeymap: 1\nid: " + "a" * 245 + "\ntitle: J\n" + STAGE, 2, 5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_with_a_position(cli: Any, tmp_path: Path, name: str) -> None:
    text, line, column = CASES[name]
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    result = cli("validate", "--format", "json", "bad.yaml", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    errors = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert [(d["line"], d["column"]) for d in errors] == [(line, column)], errors


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize(
    "command",
    [
        ("render", "-o", "site"),
        ("render", "--format", "md", "-o", "md"),
        ("gaps", "--format", "json"),
        ("export", "--format", "json"),
        ("export", "--format", "csv"),
        ("export", "--format", "mermaid"),
    ],
)
def test_no_command_crashes_and_good_files_still_come_out(
    cli: Any, tmp_path: Path, name: str, command: tuple[str, ...]
) -> None:
    """One bad file beside a good one: exit 1, the good one still rendered or exported."""
    text, _, _ = CASES[name]
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    good = HEAD.replace("id: j", "id: good") + STAGE
    good += "    touchpoints:\n      - {id: t, name: Demo, owner: Sales}\n"
    (tmp_path / "good.yaml").write_text(good, encoding="utf-8")
    result = cli(*command[:1], "bad.yaml", "good.yaml", *command[1:], cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    if command[0] == "render":
        folder = tmp_path / command[-1]
        assert any(folder.rglob("good.*")), list(folder.iterdir())
    else:
        assert "good" in result.stdout or "Demo" in result.stdout
