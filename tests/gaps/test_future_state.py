"""Current vs future: not covered, retired, and the four pain-point groups, by hand."""

from __future__ import annotations

import json
from typing import Any

from gap_helpers import journey

from conftest import EXAMPLES
from journeymap.gaps.future import compare_future, retired_problems

CURRENT = """\
journeymap: 1
id: now
title: Now
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: demo
        name: Demo
        pain_points: [{id: demo-slow, text: Demo takes weeks}]
      - id: expo
        name: Expo booth
        pain_points: [{id: expo-noise, text: Too loud to talk}]
      - id: fax
        name: Fax order form
        pain_points: [{id: fax-lost, text: Faxes get lost}]
  - id: use
    name: Use
    touchpoints:
      - id: support
        name: Support line
        pain_points:
          - {id: hold-time, text: Long hold times}
          - {id: no-callback, text: No callback}
      - id: qbr
        name: Business review
        pain_points:
          - {id: no-decision-record, text: Nobody writes down what was decided}
          - {id: no-roi, text: No ROI shown}
"""

FUTURE = """\
journeymap: 1
id: next
title: Next
state: future
current: now
retires: [fax]
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: demo
        name: Self-serve demo
      - id: webshop
        name: Web shop
        opportunities:
          - {id: roi-calculator, text: ROI calculator, addresses: [no-roi]}
          - {id: dropped-idea, text: Dropped, addresses: [no-decision-record], status: dropped}
  - id: use
    name: Use
    touchpoints:
      - id: support
        name: Support line
        pain_points: [{id: hold-time, text: Long hold times}]
"""


def test_groups_by_hand() -> None:
    result = compare_future(journey(FUTURE), journey(CURRENT))
    # touchpoints: demo changed (name), support unchanged, webshop added, fax retired,
    # expo and qbr neither shown nor retired: not covered, not dropped
    assert [t.touchpoint for t in result.added] == ["webshop"]
    assert [t.touchpoint for t in result.retired] == ["fax"]
    assert [t.touchpoint for t in result.not_covered] == ["expo", "qbr"]
    assert [t.touchpoint for t in result.changed] == ["demo"]
    assert [t.touchpoint for t in result.unchanged] == ["support"]
    # demo-slow: demo is in the plan without it -> resolved by design
    # fax-lost: fax is retired, the pain goes with it -> resolved by design (retired)
    # no-callback: support is in the plan without it -> resolved by design
    assert [p.pain_point for p in result.pain_points_resolved_by_design] == [
        "demo-slow",
        "fax-lost",
        "no-callback",
    ]
    assert [p.touchpoint_retired for p in result.pain_points_resolved_by_design] == [
        False,
        True,
        False,
    ]
    # hold-time: the plan still lists it
    assert [p.pain_point for p in result.pain_points_still_open] == ["hold-time"]
    # no-roi: qbr is not in the plan, roi-calculator names it in `addresses`
    assert [(p.pain_point, p.addressed_by) for p in result.pain_points_addressed] == [
        ("no-roi", ("roi-calculator",))
    ]
    # expo-noise: nothing; no-decision-record: only a dropped opportunity names it
    assert [p.pain_point for p in result.pain_points_not_covered] == [
        "expo-noise",
        "no-decision-record",
    ]


def test_without_retires_nothing_is_dropped() -> None:
    result = compare_future(journey(FUTURE.replace("retires: [fax]\n", "")), journey(CURRENT))
    assert result.retired == ()
    assert [t.touchpoint for t in result.not_covered] == ["expo", "fax", "qbr"]
    assert "fax-lost" in [p.pain_point for p in result.pain_points_not_covered]


def test_retired_problems_unknown_id_with_did_you_mean() -> None:
    future = journey(FUTURE.replace("retires: [fax]", "retires: [fax, expos, zzz]"))
    assert retired_problems(future, journey(CURRENT)) == [
        (("retires", 1), "'now' has no touchpoint 'expos' to retire", "did you mean 'expo'?"),
        (
            ("retires", 2),
            "'now' has no touchpoint 'zzz' to retire",
            "list touchpoint ids of the current-state map 'now'",
        ),
    ]


def test_retired_problems_retired_but_still_shown() -> None:
    future = journey(FUTURE.replace("retires: [fax]", "retires: [demo]"))
    ((loc, message, _),) = retired_problems(future, journey(CURRENT))
    assert loc == ("retires", 0)
    assert message == "touchpoint 'demo' is retired but still in this future map"


def test_retired_problems_on_a_current_map() -> None:
    current = journey(CURRENT.replace("title: Now\n", "title: Now\nretires: [fax]\n"))
    assert retired_problems(current, None) == [
        (
            ("retires",),
            "`retires` is only for future-state maps",
            "set `state: future` and `current:`, or remove `retires`",
        )
    ]


def test_retired_problems_none_when_valid_or_current_unknown() -> None:
    assert retired_problems(journey(FUTURE), journey(CURRENT)) == []
    assert retired_problems(journey(FUTURE), None) == []


def test_example_shows_retired_and_not_covered(cli: Any) -> None:
    result = cli("gaps", "--format", "json", cwd=EXAMPLES)
    (future,) = json.loads(result.stdout)["future"]
    assert [t["touchpoint"] for t in future["retired"]] == ["dispatcher-training"]
    assert "linkedin-ads" in [t["touchpoint"] for t in future["not_covered"]]
    # the plan keeps carrier-integration and exception-alerts without their pain points
    assert [p["pain_point"] for p in future["pain_points_resolved_by_design"]] == [
        "integration-delays",
        "status-unclear",
        "alert-noise",
    ]
    assert "no-roi-report" in [p["pain_point"] for p in future["pain_points_not_covered"]]
    md = cli("gaps", cwd=EXAMPLES).stdout
    assert "- Retired: Dispatcher training sessions (dispatcher-training)" in md
    assert "- Not covered by this map (6): " in md
