"""The gap analysis: hand-computed scores, quadrants, coverage and current vs future."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from journeymap.gaps.report import analyse
from journeymap.gaps.scoring import quadrant
from journeymap.loading.loader import load_source
from journeymap.yaml.parse import parse

HAND = """\
journeymap: 1
id: hand
title: Hand-computed
reviewed: {by: A, date: 2026-01-01}
personas: [{id: x, name: X}, {id: y, name: Y}]
evidence: [{id: ev, date: 2024-01-01}]
stages:
  - id: s1
    name: S1
    personas: [x, y]
    touchpoints:
      - id: a
        name: A
        department: sales
        importance: 5
        performance: 2
        moment_of_truth: true
        emotion: {x: 1, y: 3}
        target_emotion: 4
        pain_points: [{id: pa, text: PA, evidence: [ev]}]
        opportunities: [{id: oa, text: OA, addresses: [pa]}]
      - id: b
        name: B
        department: support
        importance: 2
        performance: 4
        metrics:
          - {id: m-up, name: Up, value: 30, target: 40}
          - {id: m-down, name: Down, value: 12, target: 10, better: lower}
          - {id: m-met, name: Met, value: 50, target: 40}
  - id: s2
    name: S2
    personas: [x]
    touchpoints:
      - id: c
        name: C
        department: support
        importance: 3
        performance: 3
        pain_points: [{id: pc, text: PC, severity: 4}]
      - id: d
        name: D
        department: support
        importance: 2
        performance: 2
        funnel: {entered: 200, continued: 50}
      - id: e
        name: E
        importance: 4
        performance: 5
"""


@pytest.fixture
def report() -> Any:
    doc = load_source(parse("hand.yaml", HAND.encode()))
    assert doc.journey is not None, doc.diagnostics
    return analyse([doc.journey], {}, today=date(2026, 11, 22))


def test_ranked_scores_by_hand(report: Any) -> None:
    ranked = [(g.kind, g.touchpoint, g.score) for g in report.gaps]
    assert ranked == [
        ("emotion", "a", 4.5),  # (4 - 1) * 1.5, persona x
        ("ipa", "a", 4.5),  # (5 - 2) * 5 / 5 * 1.5
        ("pain-point", "c", 4.0),  # severity 4, no opportunity
        ("emotion", "a", 1.5),  # (4 - 3) * 1.5, persona y
        ("funnel", "d", 1.5),  # 5 * 150/200 * 2/5
        ("handoff", "b", 1.5),  # sales -> support, a is a moment of truth
        ("metric", "b", 1.25),  # 5 * (40 - 30) / 40
        ("metric", "b", 1.0),  # 5 * (12 - 10) / 10, lower is better
    ]


def test_score_parts_multiply_to_the_score(report: Any) -> None:
    parts = [(g.kind, g.size, g.weight, g.moment_of_truth_factor) for g in report.gaps]
    assert parts == [
        ("emotion", 3.0, 1.0, 1.5),  # 4 - 1, x at a moment of truth
        ("ipa", 3.0, 1.0, 1.5),  # 5 - 2, importance 5 / 5
        ("pain-point", 4.0, 1.0, 1.0),  # severity 4, not weighted
        ("emotion", 1.0, 1.0, 1.5),  # 4 - 3
        ("funnel", 3.75, 0.4, 1.0),  # 5 * 150/200, importance 2 / 5
        ("handoff", 1.0, 1.0, 1.5),  # a is a moment of truth
        ("metric", 1.25, 1.0, 1.0),  # 5 * 10/40
        ("metric", 1.0, 1.0, 1.0),  # 5 * 2/10
    ]
    for g in report.gaps:
        assert g.score == round(g.size * g.weight * g.moment_of_truth_factor, 2)


def test_quadrants(report: Any) -> None:
    # crosshair at the midpoint 3; a score equal to it counts as high
    by_tp = {i.touchpoint: i.quadrant for i in report.ipa}
    assert by_tp == {
        "a": "concentrate-here",  # 5 >= 3, 2 < 3
        "b": "possible-overkill",  # 2 < 3, 4 >= 3
        "c": "keep-up",  # 3 >= 3, 3 >= 3: on the crosshair is high on both
        "d": "low-priority",  # 2 < 3, 2 < 3
        "e": "keep-up",  # 4 >= 3, 5 >= 3
    }
    assert quadrant(3, 4) == "keep-up" and quadrant(2, 3) == "possible-overkill"
    assert (report.crosshair.method, report.crosshair.importance) == ("midpoint", 3.0)


def test_met_metric_listed_as_met(report: Any) -> None:
    status = {m.metric: (m.status, m.shortfall) for m in report.metrics}
    # (40 - 30) / 40 = 0.25; (12 - 10) / 10 = 0.2; 50 >= 40 is met
    assert status == {"m-up": ("missed", 0.25), "m-down": ("missed", 0.2), "m-met": ("met", 0.0)}
    assert all("Met" not in g.summary for g in report.gaps)


def test_coverage(report: Any) -> None:
    cov = report.coverage[0]
    assert cov.pain_points_without_opportunity == ("pc",)
    assert cov.pain_points_without_evidence == ("pc",)
    assert cov.evidence_share == 0.5  # pa has evidence, pc has none: 1 of 2
    assert cov.opportunities_by_status["idea"] == 1
    # 2026-01-01 to 2026-11-22: 31+28+31+30+31+30+31+31+30+31 = 304, + 21 = 325 days
    assert cov.review_age_days == 325 and cov.review_stale is True
    assert cov.evidence[0].stale is True  # 2024-01-01 is more than 365 days old
    rows = {r.persona: [c.state for c in r.cells] for r in cov.persona_stage.rows}
    assert rows == {"x": ["served", "served"], "y": ["served", "absent"]}


def test_unserved_persona_in_stage() -> None:
    text = HAND.replace(
        "    personas: [x]\n    touchpoints:\n      - id: c\n        name: C\n",
        "    personas: [x, y]\n    touchpoints:\n      - id: c\n        name: C\n        personas: [x]\n",
    )
    text = text.replace(
        "      - id: d\n        name: D\n",
        "      - id: d\n        name: D\n        personas: [x]\n",
    )
    text = text.replace(
        "      - id: e\n        name: E\n",
        "      - id: e\n        name: E\n        personas: [x]\n",
    )
    doc = load_source(parse("h.yaml", text.encode()))
    assert doc.journey is not None, doc.diagnostics
    cov = analyse([doc.journey], {}, today=date(2026, 11, 22)).coverage[0]
    assert [(u.persona, u.stage) for u in cov.unserved] == [("y", "s2")]


def test_future_against_current() -> None:
    current = load_source(parse("c.yaml", HAND.encode())).journey
    future_text = (
        HAND.replace("id: hand", "id: hand-future\nstate: future\ncurrent: hand")
        .replace(
            "performance: 2\n        moment_of_truth", "performance: 4\n        moment_of_truth"
        )
        .replace(
            "      - id: e\n        name: E\n        importance: 4\n        performance: 5\n",
            "      - id: f\n        name: F\n",
        )
        .replace("        pain_points: [{id: pc, text: PC, severity: 4}]\n", "")
    )
    future = load_source(parse("f.yaml", future_text.encode())).journey
    assert current is not None and future is not None
    report = analyse([current, future], {}, today=date(2026, 11, 22))
    (f,) = report.future
    assert [a.touchpoint for a in f.added] == ["f"]
    assert [d.touchpoint for d in f.not_covered] == ["e"]  # left out, not retired
    assert f.retired == ()
    assert [(c.touchpoint, [(x.field, x.old, x.new) for x in c.changes]) for c in f.changed] == [
        ("a", [("performance", 2, 4)])
    ]
    assert [p.pain_point for p in f.pain_points_resolved_by_design] == ["pc"]  # c kept, pc gone
    assert [p.pain_point for p in f.pain_points_still_open] == ["pa"]
    assert all(g.journey == "hand" for g in report.gaps)  # plans are not ranked as gaps
