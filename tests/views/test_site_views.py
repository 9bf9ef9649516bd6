"""The figures the site's new views compute, each against a hand-computed case."""

from __future__ import annotations

import math
from dataclasses import asdict
from datetime import date

from journeymap.checks.freshness import REVIEW_STALE
from journeymap.checks.settings import option
from journeymap.core.diagnostics import Diagnostic
from journeymap.gaps.report import analyse
from journeymap.loading.loader import load_source
from journeymap.model import Journey, Persona
from journeymap.project.config import Settings
from journeymap.views.colours import PALETTE, assign_styles, portfolio_personas
from journeymap.views.combined import combined_view
from journeymap.views.dashboard import Health, dashboard_view
from journeymap.views.gap_charts import cluster
from journeymap.views.journey import journey_view, segment_labels
from journeymap.views.printing import print_groups
from journeymap.views.site import MapSet
from journeymap.yaml.parse import parse


def load(text: str) -> Journey:
    doc = load_source(parse("j.yaml", text.encode()))
    assert doc.journey is not None, doc.diagnostics
    return doc.journey


SMALL = """\
journeymap: 1
id: small
title: Small
personas: [{id: x, name: X}, {id: y, name: Y}]
stages:
  - id: a
    name: Alpha
    touchpoints:
      - id: t1
        name: T1
        importance: 4
        performance: 2
        emotion: 1
        target_emotion: 4
        moment_of_truth: true
        risks: [r]
        funnel: {entered: 100, continued: 60}
        pain_points:
          - {id: p1, text: Mild, severity: 2}
          - {id: p2, text: Worst, severity: 5}
          - {id: p3, text: Unrated}
        opportunities:
          - {id: o1, text: Plan, status: planned, addresses: [p1]}
          - {id: o2, text: Did, status: done}
      - id: t2
        name: T2
        importance: 3
        performance: 5
        emotion: {x: 2, y: 4}
  - id: b
    name: Beta
    touchpoints:
      - {id: t3, name: T3}
"""


def test_overview_figures() -> None:
    j = load(SMALL)
    o = journey_view(j, MapSet([j], {})).overview
    alpha, beta = o.columns
    assert alpha.touchpoints_text == "2 touchpoints"
    assert alpha.moments_text == "1 moment of truth"
    assert alpha.importance == "3.5"  # (4 + 3) / 2
    assert alpha.performance == "3.5"  # (2 + 5) / 2
    assert alpha.performance_class == "score-4"  # round(3.5) = 4 (to even)
    # felt: t1 is 1, t2 is the mean of x 2 and y 4 = 3; (1 + 3) / 2 = 2; target only t1: 4
    assert alpha.emotion_text == "feels 2 (negative), target 4"
    assert alpha.below_target is True
    assert alpha.lost_text == "40 people lost"  # 100 entered, 60 continued
    assert [p.text for p in alpha.pains] == ["Worst", "Mild"]  # by severity, two shown
    assert [s.text for s in alpha.statuses] == ["1 planned", "1 done"]
    assert beta.importance == "–" and beta.emotion_text == "no emotion recorded"
    assert beta.lost_text == "" and beta.pains == ()
    # the chart: one unit of 160 per stage, points at the stage centres
    chart = o.chart
    assert chart.width == 320
    felt = next(s for s in chart.series if s.kind == "felt")
    assert [p.x for p in felt.points] == [80.0]  # Beta has no emotion
    # per-persona felt lines: x meets t1 (1) and t2 (2): mean 1.5; y: 1 and 4: mean 2.5
    lines = {s.persona: s.points[0].text for s in chart.personas}
    assert lines == {"x": "X, felt: 1.5", "y": "Y, felt: 2.5"}


def test_print_groups_split_wide_stages_and_keep_every_touchpoint() -> None:
    def stage(name: str, n: int) -> str:
        tps = ", ".join(f"{{id: {name}{i}, name: T{name}{i}}}" for i in range(n))
        return f"  - {{id: {name}, name: {name}, touchpoints: [{tps}]}}\n"

    j = load(
        "journeymap: 1\nid: p\ntitle: P\nstages:\n"
        + stage("s1", 3)
        + stage("s2", 6)
        + stage("s3", 1)
    )
    groups = print_groups(journey_view(j, MapSet([j], {})).stages, per_page=4)
    shape = [[(seg.name, seg.count) for seg in g.segments] for g in groups]
    assert shape == [
        [("s1", 3)],
        [("s2", 4)],  # 3 + 4 > 4: a new page; 6 columns are cut into 4 and 2
        [("s2 (continued)", 2), ("s3", 1)],
    ]
    printed = [c.tp for g in groups for seg in g.segments for c in seg.columns]
    assert printed == [f"s1{i}" for i in range(3)] + [f"s2{i}" for i in range(6)] + ["s30"]
    assert groups[1].segments[0].percent == 86.0  # a full page: 86% beside the lanes


def test_colours_are_distinct_stable_and_respect_explicit_ones() -> None:
    people = [Persona(id=f"p{i}", name=f"P{i}") for i in range(13)]
    styles = assign_styles(people)
    colours = [styles[f"p{i}"].colour for i in range(12)]
    assert len(set(colours)) == 12 == len(PALETTE)
    # the 13th shares the first colour, never its shape too
    assert styles["p12"].colour == styles["p0"].colour
    assert styles["p12"].marker != styles["p0"].marker
    chosen = [Persona(id="a", name="A"), Persona(id="b", name="B", color="#0072b2")]
    styles = assign_styles(chosen)
    assert styles["b"].colour == "#0072b2"
    assert styles["a"].colour == PALETTE[1]  # the palette's first colour is taken by b


def test_colour_order_does_not_depend_on_the_page() -> None:
    library = {"lib": Persona(id="lib", name="Lib")}
    j1 = load(SMALL)
    j2 = load(
        SMALL.replace("id: small", "id: other").replace("{id: x, name: X}", "{id: z, name: Z}")
    )
    everyone = [p.id for p in portfolio_personas([j2, j1], library)]
    # library first, then the journeys by id: "other" (z, y) before "small" (x)
    assert everyone == ["lib", "z", "y", "x"]
    portfolio = MapSet([j1, j2], library)
    page_one = journey_view(j1, portfolio).committee
    page_two = journey_view(j2, portfolio).committee
    assert page_one[1].colour == page_two[1].colour == PALETTE[2]  # y, third overall


def test_labels_follow_the_segment() -> None:
    b2c = load(SMALL.replace("title: Small", "title: Small\nsegment: b2c"))
    consumer = load(SMALL.replace("title: Small", "title: Small\nsegment: b2b2c\nlayer: consumer"))
    assert segment_labels(b2c, []).people == "People"
    assert segment_labels(consumer, []).people == "People"
    assert segment_labels(load(SMALL), []).people == "Buying committee"
    view = journey_view(b2c, MapSet([b2c], {}))
    assert view.labels.people == "People"
    # columns nobody filled are left out, so a lone consumer's table has no empty columns
    assert asdict(view.committee_columns) == {
        "role": False,
        "influence": False,
        "goals": False,
        "concerns": False,
    }


PARTNER = """\
journeymap: 1
id: biz
title: Business
segment: b2b2c
layer: business
stages:
  - id: a
    name: A
    touchpoints:
      - id: w
        name: Widget
        performance: 2
        links: [{to: con#c1}]
  - id: b
    name: B
    touchpoints: [{id: h, name: Help, performance: 4, links: [{to: con#c3}]}]
"""
CONSUMER = """\
journeymap: 1
id: con
title: Consumer
segment: b2b2c
layer: consumer
stages:
  - id: a
    name: A
    touchpoints: [{id: c1, name: Checkout}]
  - id: c
    name: C only
    touchpoints: [{id: c2, name: Wait}, {id: c4, name: Wait more}]
  - id: b
    name: B
    touchpoints: [{id: c3, name: Ask}]
"""


def test_combined_axis_and_links() -> None:
    biz, con = load(PARTNER), load(CONSUMER)
    view = combined_view(biz, MapSet([biz, con], {}))
    # the consumer's own stage slots in after the last stage both share
    assert [s.id for s in view.stages] == ["a", "c", "b"]
    assert [s.width for s in view.stages] == [220, 440, 220]  # widest layer per stage
    band = view.rows[1].band
    assert band is not None
    # Widget (x 110) -> Checkout (x 110); Help (x 660 + 110 = 770) -> Ask (770)
    assert [(link.x1, link.x2, link.friction) for link in band.links] == [
        (110.0, 110.0, True),  # performance 2: friction flows down
        (770.0, 770.0, False),
    ]


def test_dashboard_rows() -> None:
    current = load(
        SMALL.replace("id: small", "id: cur").replace(
            "title: Small", "title: Cur\nreviewed: {date: 2026-01-01}"
        )
    )
    future = load(
        """\
journeymap: 1
id: fut
title: Fut
state: future
current: cur
reviewed: {date: 2026-11-01}
stages: [{id: b, name: Beta, touchpoints: [{id: t9, name: T9}]}, {id: z, name: Zed}]
"""
    )
    today = date(2026, 11, 22)
    warn = Diagnostic("f.yaml", 1, 1, "warning", "stage-goal", "m")
    broken = Diagnostic("bad.yaml", 1, 1, "error", "yaml-syntax", "m")
    report = analyse([current, future], {}, today=today)
    health = Health([warn, broken], {"cur": "c.yaml", "fut": "f.yaml"}, report, today, 180)
    view = dashboard_view([current, future], MapSet([current, future], {}), health)
    cur, fut = view.journeys
    assert cur.review_text == "2026-01-01 (325 days ago)" and cur.review_stale is True
    assert fut.review_text == "2026-11-01 (21 days ago)" and fut.review_stale is False
    assert fut.problems_text == "1 warning" and cur.problems_text == "no problems"
    assert fut.coverage.text == "covers 1 of 2 stages (Beta); 1 stage of its own (Zed)"
    assert [c.covered for c in fut.coverage.cells] == [False, True]
    assert cur.gap_count == sum(1 for g in report.gaps if g.journey == "cur")
    assert cur.personas[0].href == "maps/cur.html#persona=x"
    assert [asdict(n) for n in view.not_rendered] == [
        {"path": "bad.yaml", "text": "1 error: not rendered"}
    ]
    assert view.totals_text == "2 journeys · 4 stages · 4 touchpoints"


def test_cluster_points_never_touch() -> None:
    for n in (1, 2, 5, 7, 8, 19):
        offsets = cluster(n)
        assert len(offsets) == n and offsets[0] == (0.0, 0.0)
        for i, (ax, ay) in enumerate(offsets):
            for bx, by in offsets[i + 1 :]:
                assert math.dist((ax, ay), (bx, by)) >= 16.9


def test_settings_default_review_age() -> None:
    assert option(Settings(), REVIEW_STALE) == 180  # the dashboard's default staleness


def test_tags_that_repeat_a_badge_are_not_shown_twice() -> None:
    """The page shows the segment (`B2B2C`), `<state> state` and `<layer> layer` as
    badges; a tag saying the same thing in other letters is left out, the rest kept in
    order."""
    from journeymap.views.site import journey_summary

    journey = load(
        "journeymap: 1\nid: j\ntitle: J\nsegment: b2b2c\nlayer: consumer\n"
        "tags: [B2B2C, consumer, Consumer Layer, retail, current state, b2b]\n"
        "stages: [{id: s, name: S}]\n"
    )
    summary = journey_summary(journey, MapSet([journey], {}), ".html")
    assert list(summary.tags) == ["consumer", "retail", "b2b"]


def test_stage_coverage_names_the_maps_own_stages() -> None:
    """Coverage is measured on the longest current map's stages (by id or name); the
    covered ones are listed by this map's names, in the axis' order."""
    from journeymap.views.dashboard import _coverage

    axis = load(
        "journeymap: 1\nid: acme\ntitle: Acme\nstages:\n"
        "  - {id: awareness, name: Needs identification and awareness}\n"
        "  - {id: consideration, name: Consideration}\n"
        "  - {id: onboarding, name: Onboarding and implementation}\n"
    )
    other = load(
        "journeymap: 1\nid: hr\ntitle: HR\nstages:\n"
        "  - {id: onboarding, name: Onboarding and migration}\n"
        "  - {id: awareness, name: Awareness}\n"
        "  - {id: renewal, name: Renewal}\n"
    )
    coverage = _coverage(other, axis)
    assert [c.covered for c in coverage.cells] == [True, False, True]
    assert coverage.text == (
        "covers 2 of 3 stages (Awareness, Onboarding and migration); 1 stage of its own (Renewal)"
    )
