"""Current vs future: not covered, retired, and the four pain-point groups, by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from gaps.gap_helpers import journey
from journeymap.gaps.future import compare_future

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


def _validate(cli: Any, tmp_path: Path, future: str, current: str = CURRENT) -> list[Any]:
    (tmp_path / "now.yaml").write_text(current, encoding="utf-8")
    (tmp_path / "next.yaml").write_text(future, encoding="utf-8")
    result = cli("validate", "--format", "json", "now.yaml", "next.yaml", cwd=tmp_path)
    return [
        (d["path"], d["line"], d["column"], d["rule"], d["message"], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
        if d["rule"] in {"unresolved-reference", "invalid-value"}
    ]


def test_retires_unknown_id_with_did_you_mean(cli: Any, tmp_path: Path) -> None:
    future = FUTURE.replace("retires: [fax]", "retires: [fax, expos, zzz]")
    assert _validate(cli, tmp_path, future) == [
        (
            "next.yaml",
            6,
            16,
            "unresolved-reference",
            "'now' has no touchpoint 'expos' to retire",
            "did you mean 'expo'?",
        ),
        (
            "next.yaml",
            6,
            23,
            "unresolved-reference",
            "'now' has no touchpoint 'zzz' to retire",
            "list touchpoint ids of the current-state map 'now'",
        ),
    ]


def test_retires_resolved_at_the_end_of_a_streaming_run(cli: Any, tmp_path: Path) -> None:
    """The future map is read before its current map: the ids are checked at the end."""
    future = FUTURE.replace("retires: [fax]", "retires: [faxx]")
    (tmp_path / "a-next.yaml").write_text(future, encoding="utf-8")
    (tmp_path / "b-now.yaml").write_text(CURRENT, encoding="utf-8")
    result = cli("validate", "--format", "json", ".", cwd=tmp_path)
    found = [d for d in json.loads(result.stdout)["diagnostics"] if "retire" in d["message"]]
    assert [(d["path"], d["line"], d["hint"]) for d in found] == [
        ("a-next.yaml", 6, "did you mean 'fax'?")
    ]


def test_retired_but_still_shown(cli: Any, tmp_path: Path) -> None:
    future = FUTURE.replace("retires: [fax]", "retires: [demo]")
    assert _validate(cli, tmp_path, future) == [
        (
            "next.yaml",
            6,
            11,
            "invalid-value",
            "touchpoint 'demo' is retired but still in this future map",
            "remove it from `retires`, or remove the touchpoint from the map",
        )
    ]


def test_retires_on_a_current_map(cli: Any, tmp_path: Path) -> None:
    current = CURRENT.replace("title: Now\n", "title: Now\nretires: [fax]\n")
    assert _validate(cli, tmp_path, FUTURE, current) == [
        (
            "now.yaml",
            4,
            10,
            "invalid-value",
            "`retires` is only for future-state maps",
            "set `state: future` and `current:`, or remove `retires`",
        )
    ]


def test_valid_retires_give_nothing(cli: Any, tmp_path: Path) -> None:
    assert _validate(cli, tmp_path, FUTURE) == []


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
