"""The catalogue is the one list of rules: every rule the tool can emit is declared in it."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any, get_args

from conftest import FIXTURES
from journeymap.checks.catalogue import CHECKS, RULES
from journeymap.core.diagnostics import RuleName
from journeymap.core.rules import RULES_WITH_MAX_AGE

SRC = Path(__file__).resolve().parents[2] / "src" / "journeymap"


def test_rule_names_type_equals_the_catalogue() -> None:
    """mypy refuses a diagnostic whose rule is not a RuleName; RuleName is the catalogue."""
    assert sorted(get_args(RuleName)) == sorted(RULES)


def test_rules_with_an_age_are_the_catalogues() -> None:
    """journeymap.yaml refuses `max_age_days` elsewhere, as the config schema does."""
    assert sorted(RULES_WITH_MAX_AGE) == sorted(
        name for name, rule in RULES.items() if rule.option == "max_age_days"
    )


def test_each_rule_is_declared_once() -> None:
    declared: list[str] = []
    for path in (SRC / "checks").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "rule"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                declared.append(node.args[0].value)
    assert sorted(declared) == sorted(RULES)


def test_every_registered_check_is_a_catalogued_rule() -> None:
    assert all(RULES[rule.name] is rule for rule, _ in CHECKS)
    checked = {rule.name for rule, _ in CHECKS}
    assert {r.name for r in RULES.values() if r.configurable} <= checked


def test_emitted_rules_are_in_the_catalogue(cli: Any, tmp_path: Path) -> None:
    """Run validate over broken inputs of every kind; each diagnostic names a catalogued rule."""
    broken: dict[str, str | bytes] = {
        "syntax.yaml": "journeymap: 1\nid: [\n",
        "tab.yaml": "journeymap: 1\nid: a\nstages:\n\t- id: s\n",
        "latin1.yaml": b"journeymap: 1\ntitle: caf\xe9\n",
        "dupkey.yaml": "journeymap: 1\nid: a\nid: b\n",
        "tag.yaml": "journeymap: 1\nid: !!python/object a\n",
        "list.yaml": "- journeymap: 1\n",
        "version.yaml": "journeymap: 2\nid: a\ntitle: A\n",
        "noversion.yaml": "id: a\ntitle: A\n",
        "types.yaml": "journeymap: 1\nid: A B\ntitle: 3\nstages: {}\nextra: 1\n",
        "cycle.yaml": "journeymap: 1\nid: &a [*a]\n",
        "deep.yaml": "journeymap: 1\nx-deep: " + "[" * 150 + "]" * 150 + "\n",
        "empty.yaml": "",
    }
    for name, content in broken.items():
        target = tmp_path / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    seen: set[str] = set()
    for folder in (FIXTURES, tmp_path):
        result = cli("validate", "--format", "json", *sorted(str(p) for p in folder.glob("*.yaml")))
        assert result.exit_code == 1, result.output
        seen |= {d["rule"] for d in json.loads(result.stdout)["diagnostics"]}
    assert seen <= set(RULES), seen - set(RULES)
    assert len(seen) >= 15, seen  # the inputs really do reach many rules
