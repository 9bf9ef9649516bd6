"""One failing and one passing input for every rule read from the format, the project
file, references, completeness, freshness and privacy; each failing case states the
exact position, message and help line. (The YAML-level rules: tests/yaml/.)

Positions are counted by hand on BASE (tests/findings.py): line 4 is `reviewed`,
line 6 the stage `kickoff`, line 10 the touchpoint `kickoff-call`, lines 12-15 its
owner, importance, performance and emotion. Today is pinned to 2026-11-22.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from findings import BASE, JOURNEY, append, edit, validate
from journeymap.checks.catalogue import RULES
from journeymap.checks.committee import EXAMPLE

TP_END = "        emotion: 4\n"
OWNER = "        owner: Delivery lead\n"
GOAL = "    goal: The customer signs off the project plan\n"
EVIDENCE = "evidence:\n  - {id: kickoff-survey, kind: survey, title: Kickoff survey}\n"
Expected = tuple[int, int, str, str | None]


@dataclass(frozen=True)
class Case:
    rule: str
    bad: dict[str, str]
    expected: list[Expected]
    good: dict[str, str]
    severity: str = "error"
    code: int = 1
    why: str = ""
    extra: tuple[str, ...] = field(default=())


def j(text: str, **more: str) -> dict[str, str]:
    files = {JOURNEY: text}
    files.update({k.replace("_", ".") if k == "journeymap_yaml" else k: v for k, v in more.items()})
    return files


def with_config(config: str, text: str = BASE) -> dict[str, str]:
    return {"journeymap.yaml": config, JOURNEY: text}


COMMITTEE = EXAMPLE  # the rule's own example: a CFO replaced at renewal
COVERAGE = "rules:\n  committee-coverage: {roles: {economic-buyer: adoption}}\n"

CASES = [
    # --- the format and its types ---------------------------------------------------
    Case(
        "empty-file",
        j("# to be mapped after the workshop\n"),
        [(1, 1, "file is empty", "a journey file starts with `journeymap: 1`")],
        j(BASE),
    ),
    Case(
        "not-a-mapping",
        j("- id: kickoff\n  name: Kickoff\n"),
        [
            (
                1,
                1,
                "file holds a list, not a mapping",
                "a journey file is a mapping that starts with `journeymap: 1`",
            )
        ],
        j(BASE),
    ),
    Case(
        "missing-version",
        j(edit(("journeymap: 1\n", ""))),
        [
            (
                1,
                1,
                "not a journeymap file: no `journeymap: 1` key at the top level",
                "add `journeymap: 1` as the first line",
            )
        ],
        j(BASE),
    ),
    Case(
        "unsupported-version",
        j(edit(("journeymap: 1\n", "journeymap: 1.5\n"))),
        [
            (
                1,
                13,
                "format version 1.5 is not supported",
                "this journeymap reads format version 1: write `journeymap: 1`",
            )
        ],
        j(edit(("journeymap: 1\n", "journeymap: 1.0\n"))),
        why="1.0 is the number 1, as JSON Schema's integer says; 1.5 is no version",
    ),
    Case(
        "unsupported-version",
        j(edit(("journeymap: 1\n", 'journeymap: "1"\n'))),
        [
            (
                1,
                13,
                "format version '1' is not supported",
                "the version is a number, not text: write `journeymap: 1` without quotes",
            )
        ],
        j(BASE),
        why="quoted",
    ),
    Case(
        "unsupported-version",
        j(edit(("journeymap: 1\n", "journeymap: 2\n"))),
        [
            (
                1,
                13,
                "format version 2 is not supported",
                "this journeymap reads format version 1: write `journeymap: 1`",
            )
        ],
        j(BASE),
        why="a later version",
    ),
    Case(
        "unknown-field",
        j(edit(("    touchpoints:\n", "    touch_points:\n"))),
        [
            (
                9,
                5,
                "unknown field 'touch_points'",
                "did you mean 'touchpoints'? (custom data goes under a key that starts with `x-`)",
            )
        ],
        j(append("    x-touch_points: kept as custom data\n", BASE)),
    ),
    Case(
        "missing-field",
        j(edit(("        name: Kickoff call\n", ""))),
        [(10, 9, "missing required field 'name'", None)],
        j(BASE),
    ),
    Case(
        "invalid-type",
        j(edit(("importance: 5", "importance: high"))),
        [
            (
                13,
                21,
                "importance must be a whole number, found the text 'high'",
                "scores are whole numbers from 1 to 5 (for example 1 for low, 3 for medium, "
                "5 for high)",
            )
        ],
        j(BASE),
        why="no quotes: the help must not say to remove them",
    ),
    Case(
        "invalid-type",
        j(edit(("performance: 3", 'performance: "3"'))),
        [
            (
                14,
                22,
                "performance must be a whole number, found the text '3'",
                "remove the quotes: a number in quotes is text",
            )
        ],
        j(BASE),
        why="quoted number",
    ),
    Case(
        "invalid-type",
        j(edit(("emotion: 4", "emotion: 3.5"))),
        [
            (
                15,
                18,
                "emotion must be a whole number, found the number 3.5",
                "scores are whole numbers from 1 to 5; round 3.5 to one of them",
            )
        ],
        j(BASE),
        why="a fraction",
    ),
    Case(
        "invalid-type",
        j(append("        moment_of_truth: yes\n        risks: [Late plan]\n")),
        [
            (
                16,
                26,
                "moment_of_truth must be true or false, found the text 'yes'",
                "YAML 1.2 reads only `true` and `false` as booleans: write `true`",
            )
        ],
        j(append("        moment_of_truth: true\n        risks: [Late plan]\n")),
        why="yes is text in YAML 1.2",
    ),
    Case(
        "invalid-type",
        j(append('        moment_of_truth: "true"\n        risks: [Late plan]\n')),
        [
            (
                16,
                26,
                "moment_of_truth must be true or false, found the text 'true'",
                "remove the quotes: `true` and `false` in quotes are text",
            )
        ],
        j(append("        moment_of_truth: true\n        risks: [Late plan]\n")),
        why="quoted boolean",
    ),
    Case(
        "invalid-type",
        j(edit(("title: Customer onboarding\n", "title: Customer onboarding\ntags:\n  -b2b\n"))),
        [
            (
                5,
                3,
                "tags must be a list, found the text '-b2b'",
                "put a space after the dash: `- b2b` (YAML read `-b2b` as one text)",
            )
        ],
        j(edit(("title: Customer onboarding\n", "title: Customer onboarding\ntags:\n  - b2b\n"))),
        why="missing space after the dash",
    ),
    Case(
        "invalid-type",
        j(edit(("reviewed: {by: Dana Reyes, date: 2026-10-01}", "reviewed:\n  date:2026-10-01"))),
        [
            (
                5,
                3,
                "reviewed must be a mapping, found the text 'date:2026-10-01'",
                "put a space after the colon: `date: 2026-10-01` (YAML read `date:2026-10-01` "
                "as one text)",
            )
        ],
        j(edit(("reviewed: {by: Dana Reyes, date: 2026-10-01}", "reviewed:\n  date: 2026-10-01"))),
        why="missing space after the colon",
    ),
    Case(
        "invalid-type",
        j(append("        metrics: [{id: csat, name: CSAT, value: 4.1, target: 45%}]\n")),
        [
            (
                16,
                62,
                "target must be a number, found the text '45%'",
                "write the number alone (`target: 45`); the unit goes in `unit`",
            )
        ],
        j(append("        metrics: [{id: csat, name: CSAT, value: 41, target: 45, unit: '%'}]\n")),
        why="a unit in a number",
    ),
    Case(
        "invalid-value",
        j(append("        channel: humn\n")),
        [
            (
                16,
                18,
                "channel must be one of: digital, human, contractual, physical, partner, "
                "other; found the text 'humn'",
                "did you mean 'human'?",
            )
        ],
        j(append("        channel: human\n")),
    ),
    Case(
        "invalid-id",
        j(edit(("id: kickoff-call", "id: Kickoff Call"))),
        [
            (
                10,
                13,
                "'Kickoff Call' is not a valid id",
                "ids use lowercase letters, digits, `-` and `_`, and start with a letter or digit",
            )
        ],
        j(BASE),
    ),
    Case(
        "out-of-range",
        j(edit(("importance: 5", "importance: 7"))),
        [
            (
                13,
                21,
                "importance must be between 1 and 5, found 7",
                "scores run from 1 (lowest) to 5 (highest); if 7 is out of 10, write 4",
            )
        ],
        j(BASE),
    ),
    # --- the project file ----------------------------------------------------------
    Case(
        "invalid-config",
        with_config("- journeys/*.yaml\n"),
        [(1, 1, "journeymap.yaml must be a mapping", None)],
        with_config("journeys: [journeys/*.yaml]\n"),
        code=2,
    ),
    Case(
        "unknown-rule",
        with_config("rules:\n  touchpoint-ownr: error\n"),
        [(2, 3, "unknown rule 'touchpoint-ownr'", "did you mean 'touchpoint-owner'?")],
        with_config("rules:\n  touchpoint-owner: error\n"),
        code=2,
        why="in journeymap.yaml",
    ),
    Case(
        "unknown-rule",
        j(edit((GOAL, GOAL + "    x-journeymap-ignore: [stage-gaol]\n"))),
        [(9, 27, "unknown rule 'stage-gaol' in x-journeymap-ignore", "did you mean 'stage-goal'?")],
        j(edit((GOAL, GOAL + "    x-journeymap-ignore: [stage-goal]\n"))),
        why="in a journey",
    ),
    # --- identity and references ---------------------------------------------------
    Case(
        "duplicate-id",
        j(
            append(
                "      - {id: kickoff-call, name: Welcome email, owner: Delivery lead,\n"
                "         importance: 3, performance: 4, emotion: 3}\n"
            )
        ),
        [
            (
                16,
                14,
                "touchpoint id 'kickoff-call' is already used in this journey",
                "first used on line 10",
            )
        ],
        j(
            append(
                "      - {id: welcome-email, name: Welcome email, owner: Delivery lead,\n"
                "         importance: 3, performance: 4, emotion: 3}\n"
            )
        ),
    ),
    Case(
        "unresolved-reference",
        j(
            edit(
                ("    name: Kickoff\n", "    name: Kickoff\n    phase: setp\n"),
                ("stages:\n", "phases: [{id: setup, name: Setup}]\nstages:\n"),
            )
        ),
        [(9, 12, "unknown phase 'setp'", "did you mean 'setup'?")],
        j(
            edit(
                ("    name: Kickoff\n", "    name: Kickoff\n    phase: setup\n"),
                ("stages:\n", "phases: [{id: setup, name: Setup}]\nstages:\n"),
            )
        ),
    ),
    Case(
        "invalid-reference",
        j(
            edit(
                (
                    "title: Customer onboarding\n",
                    "title: Customer onboarding\ncurrent: onboarding-2025\n",
                )
            )
        ),
        [
            (
                4,
                10,
                "`current` is only for future-state maps",
                "set `state: future`, or remove `current`",
            )
        ],
        j(BASE),
        why="current on a current-state map",
    ),
    Case(
        "invalid-reference",
        j(append("        links: [{to: partner-onboarding}]\n")),
        [
            (
                16,
                22,
                "link target 'partner-onboarding' is not JOURNEY_ID#TOUCHPOINT_ID",
                "write the other journey's id, `#`, and a touchpoint id: "
                "`shipper-consumer#delivery-eta`",
            )
        ],
        j(append("        links: [{to: onboarding#kickoff-call}]\n")),
        why="a link without #",
    ),
    Case(
        "funnel-order",
        j(append("        funnel: {entered: 1200, continued: 1500}\n")),
        [
            (
                16,
                44,
                "funnel continued (1,500) is more than entered (1,200)",
                "continued counts those who went on from the people who entered",
            )
        ],
        j(append("        funnel: {entered: 1500, continued: 1500}\n")),
        why="equal counts pass",
    ),
    Case(
        "committee-change",
        j(
            COMMITTEE.replace(
                "personas: [new-cfo], importance", "personas: [cfo, new-cfo], importance"
            )
        ),
        [
            (
                22,
                21,
                "'cfo' left the buying committee at Renewal",
                "remove 'cfo' here, or make this touchpoint the change's `handover`",
            )
        ],
        j(COMMITTEE),
        why="the CFO leaves at renewal and may appear only on the handover call",
    ),
]

PERSONA = "personas: [{id: it-lead, name: IT lead}]\n"
TITLE = "title: Customer onboarding\n"
FUTURE = edit(("id: onboarding\n", "id: onboarding-future\n"), (TITLE, TITLE + "state: future\n"))
REVIEW = "reviewed: {by: Dana Reyes, date: 2026-10-01}"


def reviewed_on(day: str) -> str:
    return edit((REVIEW, f"reviewed: {{by: Dana Reyes, date: {day}}}"))


CASES += [
    # --- completeness (warnings unless said otherwise: exit 0 without --strict) ------
    Case(
        "touchpoint-owner",
        j(edit((OWNER, ""))),
        [
            (
                10,
                9,
                "touchpoint 'kickoff-call' has no owner or department",
                "set `owner` or `department` so someone answers for it",
            )
        ],
        j(edit((OWNER, "        department: delivery\n"))),
        severity="warning",
        code=0,
    ),
    Case(
        "touchpoint-scores",
        j(edit(("        performance: 3\n", ""))),
        [
            (
                10,
                9,
                "touchpoint 'kickoff-call' has no performance score",
                "scores 1-5 feed the importance-performance gap analysis",
            )
        ],
        j(BASE),
        severity="warning",
        code=0,
    ),
    Case(
        "touchpoint-scores",
        j(edit(("        importance: 5\n        performance: 3\n", ""))),
        [
            (
                10,
                9,
                "touchpoint 'kickoff-call' has no importance or performance score",
                "scores 1-5 feed the importance-performance gap analysis",
            )
        ],
        j(BASE),
        severity="warning",
        code=0,
        why="both missing",
    ),
    Case(
        "touchpoint-emotion",
        j(edit((TP_END, ""))),
        [
            (
                10,
                9,
                "touchpoint 'kickoff-call' has no emotion",
                "`emotion: 1-5`, or per persona: `{ops-director: 4}`",
            )
        ],
        j(
            edit(
                (TITLE, TITLE + PERSONA),
                (TP_END, "        personas: [it-lead]\n        emotion: {it-lead: 2}\n"),
            )
        ),
        severity="warning",
        code=0,
        why="per-persona emotion passes",
    ),
    Case(
        "stage-goal",
        j(edit((GOAL, ""))),
        [
            (
                6,
                5,
                "stage 'kickoff' has no goal",
                "say what the company wants to achieve in this stage (`goal`)",
            )
        ],
        j(BASE),
        severity="warning",
        code=0,
    ),
    Case(
        "stage-touchpoints",
        j(append("  - id: rollout\n    name: Rollout\n    goal: Every team uses it\n")),
        [
            (
                16,
                5,
                "stage 'rollout' has no touchpoints",
                "add the touchpoints where customers meet the company in this stage",
            )
        ],
        j(BASE),
        severity="warning",
        code=0,
    ),
    Case(
        "moment-of-truth-risks",
        j(append("        moment_of_truth: true\n")),
        [
            (
                10,
                9,
                "moment of truth 'kickoff-call' names no risks",
                "list what can go wrong here under `risks`",
            )
        ],
        j(append("        moment_of_truth: true\n        risks: [The plan slips]\n")),
        severity="warning",
        code=0,
    ),
    Case(
        "pain-point-without-opportunity",
        j(append("        pain_points:\n          - {id: slow-start, text: Two weeks wait}\n")),
        [
            (
                17,
                13,
                "pain point 'slow-start' has no opportunity that addresses it",
                "add an opportunity with `addresses: [slow-start]`",
            )
        ],
        j(
            append(
                "        pain_points:\n          - {id: slow-start, text: Two weeks wait}\n"
                "        opportunities:\n"
                "          - {id: book-early, text: Book at signature, addresses: [slow-start]}\n"
            )
        ),
        severity="warning",
        code=0,
    ),
    Case(
        "persona-unused",
        j(edit((TITLE, TITLE + PERSONA))),
        [
            (
                4,
                12,
                "persona 'it-lead' appears in no stage or touchpoint",
                "list it in a stage's or touchpoint's `personas`, or remove it",
            )
        ],
        j(
            edit(
                (TITLE, TITLE + PERSONA),
                ("    name: Kickoff\n", "    name: Kickoff\n    personas: [it-lead]\n"),
            )
        ),
        severity="warning",
        code=0,
        why="used by a stage",
    ),
    Case(
        "metric-target",
        j(append("        metrics: [{id: csat, name: Kickoff CSAT, value: 4.1}]\n")),
        [(16, 19, "metric 'csat' has no target", "set `target` so the gap report can measure it")],
        j(append("        metrics: [{id: csat, name: Kickoff CSAT, value: 4.1, target: 4.5}]\n")),
        severity="warning",
        code=0,
    ),
    Case(
        "future-without-current",
        {"journeys/future.yaml": FUTURE},
        [
            (
                4,
                8,
                "future-state map does not name the current-state map it improves",
                "set `current:` to the id of the current-state journey",
            )
        ],
        {
            JOURNEY: BASE,
            "journeys/future.yaml": edit(
                ("state: future\n", "state: future\ncurrent: onboarding\n"), base=FUTURE
            ),
        },
        severity="warning",
        code=0,
    ),
    Case(
        "unknown-department",
        with_config(
            "departments: [sales, delivery, support]\n", append("        department: delivry\n")
        ),
        [
            (
                16,
                21,
                "department 'delivry' is not one of the config's departments",
                "did you mean 'delivery'?",
            )
        ],
        with_config(
            "departments: [sales, delivery, support]\n", append("        department: delivery\n")
        ),
    ),
    Case(
        "committee-coverage",
        with_config(
            COVERAGE,
            COMMITTEE.replace(
                "role: economic-buyer}\n  - {id: new", "role: champion}\n  - {id: new"
            ),
        ),
        [
            (
                9,
                5,
                "no economic-buyer has been met by Adoption",
                "new-cfo joins the committee after Adoption: meet someone with the role economic-buyer before it, or require the role by a later stage",
            )
        ],
        with_config(COVERAGE, COMMITTEE),
        severity="warning",
        code=0,
    ),
    # --- freshness: 2026-11-22 is today ---------------------------------------------
    Case(
        "review-stale",
        j(reviewed_on("2025-01-15")),
        # 2025-01-15 -> 2026-01-15: 365 days; -> 2026-11-15: 304; -> 2026-11-22: 7
        [
            (
                4,
                34,
                "map was last reviewed 676 days ago (limit 180)",
                "review the map with its owners and update `reviewed`",
            )
        ],
        j(reviewed_on("2026-05-26")),  # 180 days: at the limit is not over it
        severity="warning",
        code=0,
        why="reviewed long ago",
    ),
    Case(
        "review-stale",
        j(reviewed_on("2026-05-25")),
        [
            (
                4,
                34,
                "map was last reviewed 181 days ago (limit 180)",
                "review the map with its owners and update `reviewed`",
            )
        ],
        j(reviewed_on("2026-05-26")),
        severity="warning",
        code=0,
        why="one day over the limit",
    ),
    Case(
        "review-stale",
        j(edit((REVIEW + "\n", ""))),
        [
            (
                2,
                5,
                "map has never been reviewed",
                "add `reviewed: {by: NAME, date: YYYY-MM-DD}` after the next review",
            )
        ],
        j(BASE),
        severity="warning",
        code=0,
        why="never reviewed",
    ),
    Case(
        "review-stale",
        with_config(
            "rules:\n  review-stale: {severity: warning, max_age_days: 120}\n",
            reviewed_on("2026-07-24"),
        ),
        # 2026-07-24 -> 2026-11-24 is 31+31+30+31 = 123 days, less 2 = 121
        [
            (
                4,
                34,
                "map was last reviewed 121 days ago (limit 120)",
                "review the map with its owners and update `reviewed`",
            )
        ],
        with_config(
            "rules:\n  review-stale: {severity: warning, max_age_days: 120}\n",
            reviewed_on("2026-07-25"),
        ),
        severity="warning",
        code=0,
        why="max_age_days from journeymap.yaml",
    ),
    Case(
        "evidence-stale",
        j(append(EVIDENCE)),
        [
            (
                17,
                5,
                "evidence 'kickoff-survey' has no date",
                "date evidence so readers can judge how current it is",
            )
        ],
        j(append(EVIDENCE.replace("}", ", date: 2025-11-22}"))),  # 365 days: at the limit
        severity="warning",
        code=0,
        why="undated",
    ),
    Case(
        "evidence-stale",
        j(append(EVIDENCE.replace("}", ", date: 2025-10-01}"))),
        # 2025-10-01 -> 2026-10-01: 365 days; -> 2026-11-22: 30 + 22
        [
            (
                17,
                69,
                "evidence 'kickoff-survey' is 417 days old (limit 365)",
                "refresh the research, or raise `max_age_days` for evidence-stale",
            )
        ],
        j(append(EVIDENCE.replace("}", ", date: 2026-09-30}"))),
        severity="warning",
        code=0,
        why="too old",
    ),
    # --- privacy ----------------------------------------------------------------------
    Case(
        "personal-data",
        j(append("        thoughts: Ask jane.doe@example.com for the plan\n")),
        [
            (
                16,
                19,
                "text contains an e-mail address ('jane.doe@example.com')",
                "maps in git quote customers, they do not identify them; remove it",
            )
        ],
        j(append("        thoughts: Ask the customer's project lead for the plan\n")),
        why="an e-mail address",
    ),
    Case(
        "personal-data",
        j(append("        thoughts: Call +44 20 7946 0958 before the call\n")),
        [
            (
                16,
                19,
                "text contains a phone number ('+44 20 7946 0958')",
                "maps in git quote customers, they do not identify them; remove it",
            )
        ],
        j(append("        thoughts: Call the project lead on 2026-11-02 before the call\n")),
        why="a phone number; a date is not one",
    ),
]


def _id(case: Case) -> str:
    return f"{case.rule}-{case.why}" if case.why else case.rule


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_failing_input(cli: Any, tmp_path: Path, case: Case) -> None:
    code, found = validate(cli, tmp_path, case.bad)
    assert [(f.rule, f.line, f.column, f.message, f.hint) for f in found] == [
        (case.rule, *expected) for expected in case.expected
    ]
    assert {f.severity for f in found} == {case.severity}
    assert code == case.code


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_passing_input(cli: Any, tmp_path: Path, case: Case) -> None:
    code, found = validate(cli, tmp_path, case.good, "--strict")
    assert found == []
    assert code == 0


def test_every_rule_read_from_a_journey_has_cases() -> None:
    path = Path(__file__).resolve().parents[1] / "yaml" / "test_yaml_rules.py"
    spec = importlib.util.spec_from_file_location("yaml_rule_cases", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defined
    spec.loader.exec_module(module)
    covered = {case.rule for case in CASES} | module.YAML_RULES
    events = {"changed-while-formatting", "write-failed"}  # tests/formatting/test_fmt_safety.py
    events |= {"data-source", "data-value", "data-reference"}  # tests/commands/test_refresh.py
    events |= {"changed-while-refreshing"}  # tests/refresh/test_refresh_safety.py
    assert covered | events == set(RULES)


# --- silencing and severity ------------------------------------------------------------

EMAIL = "        thoughts: Ask jane.doe@example.com for the plan\n"


def test_personal_data_silenced_on_an_enclosing_stage(cli: Any, tmp_path: Path) -> None:
    text = edit((GOAL, GOAL + "    x-journeymap-ignore: [personal-data]\n"), base=append(EMAIL))
    assert validate(cli, tmp_path / "silenced", j(text), "--strict") == (0, [])
    # the same e-mail address outside the silenced stage is still reported
    code, found = validate(
        cli,
        tmp_path / "outside",
        j(text.replace(TITLE, TITLE + "description: Mail jane.doe@example.com\n")),
    )
    assert code == 1
    assert [(f.rule, f.line, f.column) for f in found] == [("personal-data", 4, 14)]


def test_a_stage_silences_its_touchpoints(cli: Any, tmp_path: Path) -> None:
    """x-journeymap-ignore is inherited: a stage's silence covers the touchpoints in it."""
    second = "  - id: rollout\n    name: Rollout\n    goal: Every team uses it\n    touchpoints:\n      - {id: training, name: Training, importance: 4, performance: 4, emotion: 4}\n"
    text = edit(
        (OWNER, ""),
        (GOAL, GOAL + "    x-journeymap-ignore: [touchpoint-owner]\n"),
        base=append(second),
    )
    code, found = validate(cli, tmp_path, j(text))
    # kickoff-call (in the silenced stage) is not reported; training (in rollout) is
    assert [(f.rule, f.line, f.column, f.message) for f in found] == [
        ("touchpoint-owner", 20, 9, "touchpoint 'training' has no owner or department")
    ]
    assert code == 0


def test_silencing_on_the_touchpoint_itself(cli: Any, tmp_path: Path) -> None:
    text = edit((OWNER, "        x-journeymap-ignore: [touchpoint-owner]\n"))
    assert validate(cli, tmp_path, j(text), "--strict") == (0, [])


@pytest.mark.parametrize(
    ("setting", "expected", "code"),
    [
        ("off", [], 0),
        ("warning", [("warning", 10, 9)], 0),
        ("error", [("error", 10, 9)], 1),
    ],
)
def test_severity_set_in_journeymap_yaml(
    cli: Any, tmp_path: Path, setting: str, expected: list[tuple[str, int, int]], code: int
) -> None:
    files = with_config(f"rules:\n  touchpoint-owner: {setting}\n", edit((OWNER, "")))
    found_code, found = validate(cli, tmp_path, files)
    assert [(f.severity, f.line, f.column) for f in found] == expected
    assert all(f.rule == "touchpoint-owner" for f in found)
    assert found_code == code


def test_personal_data_can_be_turned_off(cli: Any, tmp_path: Path) -> None:
    files = with_config("rules: {personal-data: off}\n", append(EMAIL))
    assert validate(cli, tmp_path, files, "--strict") == (0, [])
