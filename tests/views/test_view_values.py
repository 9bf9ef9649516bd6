"""Values the views now compute for templates: metric status, severity chips, flat lists."""

from __future__ import annotations

from datetime import date

import pytest

from journeymap.gaps.report import analyse
from journeymap.gaps.scoring import metric_status
from journeymap.loading.loader import load_source
from journeymap.model import Metric
from journeymap.views.gaps import gap_view
from journeymap.views.journey import journey_view
from journeymap.views.site import MapSet
from journeymap.yaml.parse import parse

MAP = """\
journeymap: 1
id: v
title: V
evidence: [{id: tickets, kind: support-tickets, title: Tickets Q3, date: 2026-10-05}]
stages:
  - id: s
    name: S
    metrics: [{id: nps, name: NPS, value: 20, target: 40}]
    touchpoints:
      - id: a
        name: A
        pain_points: [{id: p1, text: P1, severity: 5, evidence: [tickets]}]
        metrics: [{id: m1, name: M1, value: 3, target: 4, better: lower}]
      - id: b
        name: B
        pain_points: [{id: p2, text: P2}]
        opportunities: [{id: o1, text: O1, addresses: [p2]}]
        metrics: [{id: m2, name: M2, target: 4}]
"""


@pytest.mark.parametrize(
    ("value", "target", "better", "status"),
    [
        (30.0, 40.0, "higher", "missed"),
        (40.0, 40.0, "higher", "met"),  # reaching the target is meeting it
        (3.0, 4.0, "lower", "met"),
        (5.0, 4.0, "lower", "missed"),
        (None, 4.0, "higher", "unknown"),
        (4.0, None, "higher", "unknown"),
    ],
)
def test_one_status_vocabulary(
    value: float | None, target: float | None, better: str, status: str
) -> None:
    metric = Metric.model_validate(
        {"id": "m", "name": "M", "value": value, "target": target, "better": better}
    )
    assert metric_status(metric) == status


def test_map_page_and_gap_report_agree_on_status() -> None:
    doc = load_source(parse("v.yaml", MAP.encode()))
    assert doc.journey is not None
    page = journey_view(doc.journey, MapSet([doc.journey], {}))
    report = gap_view(analyse([doc.journey], {}, today=date(2026, 11, 22)))
    on_page = {m.name: (m.status, m.status_label) for m in page.stages[0].metrics}
    in_report = {m.name: (m.status, m.status_label) for m in report.metrics}
    assert (
        on_page
        == in_report
        == {
            "NPS": ("missed", "below target"),  # 20 < 40
            "M1": ("met", "target met"),  # 3 <= 4, lower is better
            "M2": ("unknown", ""),  # no value
        }
    )


def test_stage_lists_and_chips() -> None:
    doc = load_source(parse("v.yaml", MAP.encode()))
    assert doc.journey is not None
    stage = journey_view(doc.journey, MapSet([doc.journey], {})).stages[0]
    assert [p.id for p in stage.pain_points] == ["p1", "p2"]
    assert [o.id for o in stage.opportunities] == ["o1"]
    assert [m.id for m in stage.metrics] == ["nps", "m1", "m2"]  # stage metrics first
    # severity 5 is the worst, shown in the colour of score 1: 6 - 5 = 1
    assert stage.pain_points[0].severity_class == "score-1"
    assert stage.pain_points[1].severity_class == ""
    assert stage.pain_points[0].evidence_text == "Tickets Q3 (2026-10-05)"


def test_a_figure_carries_its_unit_on_both_sides_of_a_target() -> None:
    """The gap report showed `0.6 %` against a bare `1`: a target is in the metric's unit."""
    from journeymap.views.gap_sections import figure

    assert figure(0.6, "%") == "0.6%"
    assert figure(1.0, "%") == "1%"
    assert figure(4, "weeks") == "4 weeks"
    assert figure(58.333, "days") == "58.33 days"
    assert figure(3, None) == "3"
    assert figure(None, "%") == ""
