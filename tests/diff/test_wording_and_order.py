"""Diff wording for lists, and changes in journey order (issue 13.7), computed by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OLD = """\
journeymap: 1
id: j
title: J
personas: [{id: coo, name: COO}, {id: planner, name: Warehouse planner}, {id: cfo, name: CFO}]
stages:
  - id: first
    name: First
    touchpoints:
      - {id: a, name: A, personas: [coo]}
  - id: second
    name: Second
    goal: Win
    touchpoints:
      - {id: b, name: B, personas: [coo, cfo]}
"""

NEW = (
    OLD.replace("{id: a, name: A, personas: [coo]}", "{id: a, name: A, personas: [coo, planner]}")
    .replace("goal: Win", "goal: Win the pilot")
    .replace("personas: [coo, cfo]}", "personas: [coo]}")
)


def _diff(cli: Any, tmp_path: Path, *args: str) -> Any:
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    return cli("diff", "old.yaml", "new.yaml", *args, cwd=tmp_path)


def test_list_changes_read_as_items_added_and_removed(cli: Any, tmp_path: Path) -> None:
    text = _diff(cli, tmp_path).stdout
    assert "+ touchpoint a: planner added to personas" in text
    assert "- touchpoint b: cfo removed from personas" in text
    assert "(none)" not in text


def test_changes_follow_the_journey_order(cli: Any, tmp_path: Path) -> None:
    """Stage `first` (touchpoint a) comes before stage `second` (its goal, then b), although
    the stage-level change of `second` is found before any touchpoint change."""
    lines = [line.strip() for line in _diff(cli, tmp_path).stdout.splitlines()]
    order = [
        lines.index("stage first"),
        lines.index("+ touchpoint a: planner added to personas"),
        lines.index("stage second"),
        lines.index("~ stage second: goal Win -> 'Win the pilot'"),
        lines.index("- touchpoint b: cfo removed from personas"),
    ]
    assert order == sorted(order), lines


def test_json_names_the_item(cli: Any, tmp_path: Path) -> None:
    data = json.loads(_diff(cli, tmp_path, "--format", "json").stdout)
    added = [c for c in data["changes"] if c["action"] == "item-added"]
    assert [(c["subject"], c["field"], c["new"]) for c in added] == [
        ("touchpoint a", "personas", "planner")
    ]
