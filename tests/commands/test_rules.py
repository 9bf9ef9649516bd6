"""`journeymap rules`: the catalogue as a table or JSON, and one rule explained."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from journeymap.checks.catalogue import RULES
from journeymap.commands.rules import catalogue, explain


def test_table_has_one_line_per_rule(cli: Any) -> None:
    result = cli("rules")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rule", "default", "configurable", "checks"]
    assert len(lines) == 1 + len(RULES)  # never wrapped
    owner = next(line for line in lines if line.startswith("touchpoint-owner "))
    assert owner.split()[:3] == ["touchpoint-owner", "warning", "yes"]
    assert owner.endswith("Every touchpoint has an owner or a department.")
    syntax = next(line for line in lines if line.startswith("yaml-syntax "))
    assert syntax.split()[:3] == ["yaml-syntax", "error", "no"]


def test_json_is_the_whole_catalogue(cli: Any) -> None:
    result = cli("rules", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [r["name"] for r in data["rules"]] == [r.name for r in catalogue()]
    stale = next(r for r in data["rules"] if r["name"] == "review-stale")
    assert stale == {
        "name": "review-stale",
        "default": "warning",
        "configurable": True,
        "summary": "The map has a `reviewed.date` no older than `max_age_days` (default 180).",
        "group": "freshness and privacy",
        "explanation": RULES["review-stale"].explanation,
        "bad": RULES["review-stale"].bad,
        "good": RULES["review-stale"].good,
        "option": "max_age_days",
        "option_default": 180,
    }


def test_one_rule_explained(cli: Any) -> None:
    result = cli("rules", "review-stale")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("review-stale\n\nThe map has a `reviewed.date`")
    assert "Default: warning." in text
    assert "    rules:\n      review-stale:\n        severity: warning\n" in text
    assert "        max_age_days: 180\n" in text
    assert "x-journeymap-ignore: [review-stale]" in text


def test_structural_rule_is_always_an_error(cli: Any) -> None:
    text = cli("rules", "duplicate-key").stdout
    assert "A key appears once per mapping." in text
    assert "Always an error" in text and "journeymap.yaml" not in text


def test_one_rule_as_json(cli: Any) -> None:
    data = json.loads(cli("rules", "metric-target", "--format", "json").stdout)
    assert data["name"] == "metric-target" and data["default"] == "warning"


def test_unknown_rule_is_a_usage_error_with_a_suggestion(cli: Any) -> None:
    result = cli("rules", "touchpoint-ownr")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no rule named 'touchpoint-ownr'; did you mean touchpoint-owner" in result.stderr
    nothing_close = cli("rules", "zzzz")
    assert nothing_close.exit_code == 2 and "did you mean" not in nothing_close.stderr


# A catalogued rule with an explanation and examples of known text.
WITH_EXAMPLE = replace(
    RULES["touchpoint-owner"],
    explanation="Someone must answer for each moment the customer lives.",
    bad="touchpoints:\n  - id: demo\n    name: Demo\n",
    good="touchpoints:\n  - id: demo\n    name: Demo\n    owner: Sales\n",
)


def test_explanation_and_examples_are_shown_when_the_catalogue_has_them() -> None:
    text = explain(WITH_EXAMPLE)
    assert "\nSomeone must answer for each moment the customer lives.\n" in text
    bad = text.index("Bad:\n\n    touchpoints:\n      - id: demo\n        name: Demo\n")
    good = text.index("Good:\n\n    touchpoints:\n")
    assert bad < good and text.endswith("        owner: Sales\n")


def test_catalogue_lists_every_rule_once() -> None:
    names = [r.name for r in catalogue()]
    assert len(names) == len(set(names))
