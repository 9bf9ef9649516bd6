"""Committee changes: a CFO replaced at renewal, validated with positions and help.

Every expected position below was counted by hand in BASE (line numbers are 1-based;
the column is where the offending id starts).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from journeymap.loading.loader import load_source
from journeymap.model import Journey
from journeymap.model.committee import committee_at, presence
from journeymap.yaml.parse import parse

BASE = """journeymap: 1
id: renewal
title: Renewal
reviewed: {by: Dana Reyes, date: 2026-10-01}
personas:
  - {id: cfo, name: CFO, role: economic-buyer}
  - {id: new-cfo, name: New CFO, role: economic-buyer}
  - {id: ops, name: Ops lead, role: champion}
stages:
  - id: adoption
    name: Adoption
    goal: The team uses the product every day
    touchpoints:
      - id: quarterly-review
        name: Quarterly review
        owner: Account manager
        personas: [cfo, ops]
        importance: 4
        performance: 4
        emotion: 4
  - id: renewal
    name: Renewal
    goal: The contract is renewed
    touchpoints:
      - id: handover-call
        name: Handover call
        owner: Account manager
        personas: [cfo, new-cfo]
        importance: 5
        performance: 3
        emotion: 3
      - id: renewal-offer
        name: Renewal offer
        owner: Sales lead
        personas: [new-cfo, ops]
        importance: 5
        performance: 3
        emotion: {new-cfo: 3, ops: 4}
committee_changes:
  - at: renewal
    leaves: cfo
    joins: new-cfo
    handover: handover-call
    why: The CFO moved to the parent company
"""
LEFT = "'cfo' left the buying committee at Renewal (The CFO moved to the parent company)"


def found(cli: Any, tmp_path: Path, text: str, config: str = "") -> list[tuple[Any, ...]]:
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    if config:
        (tmp_path / "journeymap.yaml").write_text(config, encoding="utf-8")
    result = cli("validate", "--format", "json", "--no-cache", "j.yaml", cwd=tmp_path)
    return [
        (d["line"], d["column"], d["rule"], d["message"], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
    ]


def change(text: str, *edits: tuple[str, str]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_a_committee_change_validates(cli: Any, tmp_path: Path) -> None:
    assert found(cli, tmp_path, BASE) == []


def test_who_takes_part_in_each_stage() -> None:
    """Worked out by hand: the CFO takes part in Adoption only, the new CFO in Renewal
    only, the ops lead in both; a touchpoint with no personas in Renewal is met by the
    new CFO and the ops lead."""
    doc = load_source(parse("j.yaml", BASE.encode()))
    journey = doc.model
    assert isinstance(journey, Journey)
    assert presence(journey, "cfo").active == (True, False)
    assert presence(journey, "new-cfo").active == (False, True)
    assert presence(journey, "ops").active == (True, True)
    everyone = ["cfo", "new-cfo", "ops"]
    assert committee_at(journey, 0, everyone) == ["cfo", "ops"]
    assert committee_at(journey, 1, everyone) == ["new-cfo", "ops"]


def test_a_leaver_who_appears_later_is_one_error_at_each_use(cli: Any, tmp_path: Path) -> None:
    text = change(
        BASE,
        ("        personas: [new-cfo, ops]\n", "        personas: [new-cfo, ops, cfo]\n"),
        ("emotion: {new-cfo: 3, ops: 4}", "emotion: {new-cfo: 3, cfo: 2}"),
    )
    hint = "remove 'cfo' here, or make this touchpoint the change's `handover`"
    assert found(cli, tmp_path, text) == [
        (35, 34, "committee-change", LEFT, hint),
        (38, 31, "committee-change", LEFT, hint),
    ]


def test_a_leaver_on_a_later_stage_is_told_it_takes_no_part(cli: Any, tmp_path: Path) -> None:
    text = BASE.replace(
        "committee_changes:\n  - at: renewal\n",
        "committee_changes:\n  - at: adoption\n    leaves: ops\n  - at: renewal\n",
    ).replace("        personas: [cfo, ops]\n", "        personas: [cfo]\n")
    assert found(cli, tmp_path, text) == [
        (
            35,
            29,
            "committee-change",
            "'ops' left the buying committee at Adoption",
            "remove 'ops' here: it takes no part after it leaves",
        ),
        (
            38,
            31,
            "committee-change",
            "'ops' left the buying committee at Adoption",
            "remove 'ops' here: it takes no part after it leaves",
        ),
    ]


def test_a_joiner_who_appears_earlier(cli: Any, tmp_path: Path) -> None:
    text = change(BASE, ("        personas: [cfo, ops]\n", "        personas: [cfo, new-cfo]\n"))
    assert found(cli, tmp_path, text) == [
        (
            17,
            25,
            "committee-change",
            "'new-cfo' joins the buying committee at Renewal, after Adoption",
            "remove 'new-cfo' here, or move the change's `at` to 'adoption'",
        )
    ]


def test_references_resolve_with_the_closest_match(cli: Any, tmp_path: Path) -> None:
    text = change(
        BASE,
        ("    leaves: cfo\n", "    leaves: cf\n"),
        ("    joins: new-cfo\n", "    joins: new-cof\n"),
        ("    handover: handover-call\n", "    handover: handover-cal\n"),
    )
    listed = "list it in the journey's `personas` first"
    assert found(cli, tmp_path, text) == [
        (41, 13, "unresolved-reference", "unknown persona 'cf'", f"did you mean 'cfo'? ({listed})"),
        (
            42,
            12,
            "unresolved-reference",
            "unknown persona 'new-cof'",
            f"did you mean 'new-cfo'? ({listed})",
        ),
        (
            43,
            15,
            "unresolved-reference",
            "unknown touchpoint 'handover-cal'",
            "did you mean 'handover-call'? (a touchpoint of Renewal)",
        ),
    ]
    stage = change(BASE, ("  - at: renewal\n", "  - at: renewl\n"))
    assert found(cli, tmp_path, stage) == [
        (40, 9, "unresolved-reference", "unknown stage 'renewl'", "did you mean 'renewal'?")
    ]


def test_a_handover_in_another_stage(cli: Any, tmp_path: Path) -> None:
    text = change(BASE, ("    handover: handover-call\n", "    handover: quarterly-review\n"))
    assert found(cli, tmp_path, text) == [
        (
            28,
            20,
            "committee-change",
            LEFT,
            "remove 'cfo' here, or make this touchpoint the change's `handover`",
        ),
        (
            43,
            15,
            "committee-change",
            "handover 'quarterly-review' is a touchpoint of Adoption, not of Renewal",
            "name a touchpoint of Renewal (handover-call, renewal-offer), or set `at: adoption`",
        ),
    ]


def test_leaving_twice_and_naming_no_one(cli: Any, tmp_path: Path) -> None:
    text = BASE + "  - at: renewal\n    leaves: cfo\n  - at: renewal\n    why: nobody\n"
    assert found(cli, tmp_path, text) == [
        (
            46,
            13,
            "committee-change",
            "'cfo' already left the buying committee",
            "a persona who left must join again first; remove this `leaves`",
        ),
        (
            47,
            5,
            "committee-change",
            "a committee change names no one who leaves or joins",
            "add `leaves:` or `joins:` with a persona id of this journey",
        ),
    ]


def test_changes_come_in_journey_order(cli: Any, tmp_path: Path) -> None:
    text = BASE + "  - at: adoption\n    joins: ops\n"
    found_here = found(cli, tmp_path, text)
    assert (
        45,
        9,
        "committee-change",
        "committee changes are listed in journey order",
        "move this change above the ones of later stages",
    ) in found_here


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("adoption", []),  # the CFO, an economic buyer, is met at the quarterly review
        ("renewal", []),
    ],
)
def test_coverage_met(cli: Any, tmp_path: Path, by: str, expected: list[Any]) -> None:
    config = f"rules:\n  committee-coverage: {{roles: {{economic-buyer: {by}}}}}\n"
    assert found(cli, tmp_path, BASE, config) == expected


def test_coverage_reports_a_role_not_met_by_its_stage(cli: Any, tmp_path: Path) -> None:
    """No decision maker in the journey at all; no technical evaluator met by Adoption but
    the persona exists. Both reported at the stage the config names, as warnings."""
    text = change(
        BASE, ("name: Ops lead, role: champion", "name: Ops lead, role: technical-evaluator")
    )
    text = change(text, ("        personas: [cfo, ops]\n", "        personas: [cfo]\n"))
    config = (
        "rules:\n  committee-coverage:\n    severity: warning\n"
        "    roles: {decision-maker: renewal, technical-evaluator: adoption, champion: stage-x}\n"
    )
    assert found(cli, tmp_path, text, config) == [
        (
            10,
            5,
            "committee-coverage",
            "no technical-evaluator has been met by Adoption",
            "add a touchpoint for ops in or before Adoption",
        ),
        (
            21,
            5,
            "committee-coverage",
            "no decision-maker has been met by Renewal",
            "no persona of this journey has the role decision-maker; add one, or change the config",
        ),
    ]
