"""Every unknown id, wherever ids are referenced, is answered with the closest known id.

One typo per kind of reference, each in a map that is otherwise clean, run through
`journeymap validate` as a user runs it: the help line says `did you mean ...?`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from findings import edit

FUTURE = """\
journeymap: 1
id: onboarding-next
title: Onboarding, next year
state: future
current: onboarding
retires: [welcome-letter]
reviewed: {by: Dana Reyes, date: 2026-11-01}
personas:
  - {id: marketing-manager, name: Marketing manager}
  - {id: it-lead, name: IT lead}
phases: [{id: setup, name: Setup}]
evidence: [{id: interviews-2026, title: Interviews, date: 2026-10-01}]
stages:
  - id: kickoff
    name: Kickoff
    goal: The customer signs off the plan
    phase: setup
    personas: [marketing-manager, it-lead]
    metrics: [{id: csat, name: CSAT, evidence: [interviews-2026]}]
    touchpoints:
      - id: kickoff-call
        name: Kickoff call
        owner: Delivery lead
        importance: 4
        performance: 3
        emotion: {marketing-manager: 4}
        target_emotion: {marketing-manager: 5}
        personas: [marketing-manager]
        links: [{to: onboarding#welcome-call}]
        pain_points: [{id: slow-start, text: Slow start, evidence: [interviews-2026]}]
        opportunities: [{id: faster-start, text: Start faster, addresses: [slow-start, no-plan]}]
"""
CURRENT = """\
journeymap: 1
id: onboarding
title: Onboarding
reviewed: {by: Dana Reyes, date: 2026-11-01}
personas: [{id: marketing-manager, name: Marketing manager}]
stages:
  - id: kickoff
    name: Kickoff
    goal: The customer signs off the plan
    touchpoints:
      - id: welcome-call
        name: Welcome call
        owner: Delivery lead
        importance: 4
        performance: 3
        emotion: 3
        pain_points: [{id: no-plan, text: No plan}]
        opportunities: [{id: a-plan, text: Write a plan, addresses: [no-plan]}]
      - id: welcome-letter
        name: Welcome letter
        owner: Delivery lead
        importance: 2
        performance: 3
        emotion: 3
"""


def _errors(cli: Any, folder: Path, future: str) -> list[tuple[str, int, str, str]]:
    (folder / "next.yaml").write_text(future, encoding="utf-8")
    (folder / "now.yaml").write_text(CURRENT, encoding="utf-8")
    result = cli("validate", "--format", "json", "--no-cache", "next.yaml", "now.yaml", cwd=folder)
    return [
        (d["rule"], d["line"], d["message"], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
        if d["severity"] == "error"
    ]


def test_the_map_without_typos_has_no_errors(cli: Any, tmp_path: Path) -> None:
    assert _errors(cli, tmp_path, FUTURE) == []


# (what is referenced, the change, line, message, help line)
TYPOS = [
    ("current-state map", ("current: onboarding", "current: onbording"), 5,
     "unknown journey 'onbording'", "did you mean 'onboarding'?"),
    ("retired touchpoint", ("[welcome-letter]", "[welcome-leter]"), 6,
     "'onboarding' has no touchpoint 'welcome-leter' to retire", "did you mean 'welcome-letter'?"),
    ("phase", ("phase: setup", "phase: set-up"), 17,
     "unknown phase 'set-up'", "did you mean 'setup'?"),
    ("stage persona", ("[marketing-manager, it-lead]", "[marketing-manager, it-led]"), 18,
     "unknown persona 'it-led'", "did you mean 'it-lead'?"),
    ("metric evidence", ("csat, name: CSAT, evidence: [interviews-2026]",
                         "csat, name: CSAT, evidence: [interview-2026]"), 19,
     "unknown evidence 'interview-2026'", "did you mean 'interviews-2026'?"),
    ("per-persona emotion", ("emotion: {marketing-manager: 4}", "emotion: {marketing-mgr: 4}"), 26,
     "unknown persona 'marketing-mgr' in emotion", "did you mean 'marketing-manager'?"),
    ("per-persona target emotion", ("target_emotion: {marketing-manager: 5}",
                                    "target_emotion: {marketing_manager: 5}"), 27,
     "unknown persona 'marketing_manager' in target_emotion", "did you mean 'marketing-manager'?"),
    ("touchpoint persona", ("personas: [marketing-manager]\n        links",
                            "personas: [marketing-manger]\n        links"), 28,
     "unknown persona 'marketing-manger'", "did you mean 'marketing-manager'?"),
    ("linked journey", ("to: onboarding#", "to: onboardin#"), 29,
     "unknown journey 'onboardin'", "did you mean 'onboarding'?"),
    ("linked touchpoint", ("#welcome-call", "#welcome-cal"), 29,
     "unknown touchpoint in onboarding 'welcome-cal'", "did you mean 'welcome-call'?"),
    ("pain point evidence", ("text: Slow start, evidence: [interviews-2026]",
                             "text: Slow start, evidence: [interviews-2025]"), 30,
     "unknown evidence 'interviews-2025'", "did you mean 'interviews-2026'?"),
    ("addressed pain point", ("[slow-start, no-plan]", "[slow-strat, no-plan]"), 31,
     "unknown pain point (in this map or onboarding) 'slow-strat'", "did you mean 'slow-start'?"),
    ("addressed pain point of the current map", ("[slow-start, no-plan]", "[slow-start, no-plans]"),
     31, "unknown pain point (in this map or onboarding) 'no-plans'", "did you mean 'no-plan'?"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "line", "message", "hint"), TYPOS, ids=lambda v: v)
def test_a_typo_in_a_reference_gets_the_closest_id(
    cli: Any, tmp_path: Path, what: str, change: tuple[str, str], line: int, message: str, hint: str
) -> None:
    found = _errors(cli, tmp_path, edit(change, base=FUTURE))
    assert [(rule, at, text) for rule, at, text, _ in found][:1] == [
        ("unresolved-reference", line, message)
    ], what
    assert found[0][3].startswith(hint), found[0][3]
    # an unknown current-state map also leaves its pain points unknown, and says so
    assert len(found) == 1 or what == "current-state map", found
