"""The gap report's view data: ranked rows, quadrants, charts, every label and number."""

from __future__ import annotations

from dataclasses import dataclass, replace

from journeymap.core.wording import count_of
from journeymap.gaps.results import Gap, Report
from journeymap.gaps.scoring import QUADRANTS, Crosshair, CrosshairMethod, Quadrant
from journeymap.views.gap_charts import (
    QUADRANT_COLOURS,
    QUADRANT_LABELS,
    EmotionGapChart,
    IpaChart,
    emotion_gap_chart,
    ipa_chart,
)
from journeymap.views.gap_sections import (
    CoverageView,
    FutureView,
    Names,
    coverage_view,
    future_view,
    number,
)
from journeymap.views.gap_tables import (
    CommitteeLine,
    EmotionBar,
    EmotionGap,
    FunnelLine,
    HandoffLine,
    MetricLine,
    committee_lines,
    emotion_bars,
    emotion_gaps,
    funnel_lines,
    handoff_lines,
    metric_line,
)

KIND_LABELS = {
    "ipa": "importance vs performance",
    "emotion": "emotion",
    "metric": "metric",
    "funnel": "funnel",
    "handoff": "handoff",
    "pain-point": "open pain point",
    "committee": "buying committee",
}


@dataclass(frozen=True, slots=True)
class CrosshairView:
    """Where the IPA crosshair sits and why, in one sentence (`text`)."""

    method: CrosshairMethod
    importance: str
    performance: str
    text: str


@dataclass(frozen=True, slots=True)
class GapRow:
    """A ranked gap: where it is (names, and links on the site), its score and its parts."""

    rank: int
    kind: str
    journey: str
    journey_href: str
    stage: str
    touchpoint: str
    href: str
    score: str
    size: str
    weight: str
    factor: str
    formula: str
    summary: str


@dataclass(frozen=True, slots=True)
class JourneyLink:
    """A journey the report analysed, with its page on the site (or no link)."""

    id: str
    title: str
    state: str
    href: str


@dataclass(frozen=True, slots=True)
class QuadrantEntry:
    """A touchpoint in one quadrant of importance against performance."""

    journey: str
    name: str
    href: str
    importance: int
    performance: int
    moment_of_truth: str  # "yes" or ""


@dataclass(frozen=True, slots=True)
class QuadrantView:
    """One quadrant of importance against performance and the touchpoints in it."""

    id: Quadrant
    label: str
    heading: str
    colour: str
    entries: tuple[QuadrantEntry, ...]


@dataclass(frozen=True, slots=True)
class MermaidPoint:
    """A point of the Mermaid quadrantChart: a distinct label, x and y from 0 to 1."""

    label: str
    x: str
    y: str


@dataclass(frozen=True, slots=True)
class IpaMermaid:
    """The IPA scatter as a Mermaid quadrantChart, for Markdown readers."""

    points: tuple[MermaidPoint, ...]


@dataclass(frozen=True, slots=True)
class Download:
    """The link to every ranked gap as CSV, saying what the table above leaves out."""

    href: str
    lead: str
    text: str


@dataclass(frozen=True, slots=True)
class GapReport:
    """Everything the gap report shows, in the order shown. `site` is set on the site's own
    report, which links back to the portfolio page."""

    site: bool
    headline: str
    download: Download | None
    journeys: tuple[JourneyLink, ...]
    gaps: tuple[GapRow, ...]
    crosshair: CrosshairView
    quadrants: tuple[QuadrantView, ...]
    ipa_chart: IpaChart
    ipa_mermaid: IpaMermaid
    emotions: tuple[EmotionGap, ...]
    emotion_chart: EmotionGapChart
    emotion_bars: tuple[EmotionBar, ...]
    metrics: tuple[MetricLine, ...]
    funnel: tuple[FunnelLine, ...]
    handoffs: tuple[HandoffLine, ...]
    committee: tuple[CommitteeLine, ...]
    coverage: tuple[CoverageView, ...]
    future: tuple[FutureView, ...]


def crosshair_view(c: Crosshair) -> CrosshairView:
    """The crosshair and its basis: a reader must know what "high" is measured against."""
    where = f"importance {number(c.importance)}, performance {number(c.performance)}"
    if c.method == "mean" and c.touchpoints:
        basis = f"the mean of the {count_of(c.touchpoints, 'touchpoint')} analysed"
    elif c.method == "mean":
        basis = "the scale midpoint (no scored touchpoints to take a mean of)"
    else:
        basis = "the scale midpoint"
    return CrosshairView(
        method=c.method,
        importance=number(c.importance),
        performance=number(c.performance),
        text=f"Crosshair: {basis} ({where}); a score equal to the crosshair counts as high.",
    )


def _gap_row(rank: int, g: Gap, names: Names) -> GapRow:
    """A ranked gap with its score's parts, so that the ranking can be checked by hand."""
    return GapRow(
        rank=rank,
        kind=KIND_LABELS.get(g.kind, g.kind),
        journey=names.journey(g.journey),
        journey_href=names.page(g.journey),
        stage=names.stage(g.journey, g.stage),
        touchpoint=names.touchpoint(g.journey, g.touchpoint),
        href=names.href(g.journey, g.touchpoint),
        score=number(g.score),
        size=number(g.size),
        weight=number(g.weight),
        factor=number(g.moment_of_truth_factor),
        formula=f"{number(g.size)} × {number(g.weight)} × {number(g.moment_of_truth_factor)}",
        summary=g.summary,
    )


def gap_view(
    report: Report,
    top: int | None = None,
    names: Names | None = None,
    download: str | None = None,
    *,
    site: bool = False,
) -> GapReport:
    """Everything the gap report shows, in the order shown; `names` (the site's report) turns
    ids into names and touchpoints into links to their place on the map, `download`
    is the address of the CSV of every ranked gap written beside it, and `site` marks
    the site's own report (it links back to the index)."""
    names = names or Names()
    gaps = report.gaps[:top] if top is not None else report.gaps
    total, shown = len(report.gaps), len(gaps)
    headline = (
        f"{count_of(len(report.journeys), 'journey')} analysed · {count_of(total, 'gap')} found"
    )
    if shown < total:
        headline += f" · top {shown:,} shown"
    return GapReport(
        site=site,
        headline=headline,
        download=_download(download, total, shown),
        journeys=tuple(
            JourneyLink(j.id, j.title, j.state, names.page(j.id)) for j in report.journeys
        ),
        gaps=tuple(_gap_row(i, g, names) for i, g in enumerate(gaps, start=1)),
        crosshair=crosshair_view(report.crosshair),
        quadrants=_quadrants(report, names),
        ipa_chart=_named_points(ipa_chart(report.ipa, report.crosshair), names),
        ipa_mermaid=_ipa_mermaid(report),
        emotions=emotion_gaps(report, names),
        emotion_chart=emotion_gap_chart(report.emotions),
        emotion_bars=emotion_bars(report, names),
        metrics=tuple(metric_line(m, names) for m in report.metrics),
        funnel=funnel_lines(report, names),
        handoffs=handoff_lines(report, names),
        committee=committee_lines(report, names),
        coverage=tuple(coverage_view(c, names) for c in report.coverage),
        future=tuple(future_view(f) for f in report.future),
    )


def _download(href: str | None, total: int, shown: int) -> Download | None:
    """The link to every ranked gap as CSV, saying what the table above leaves out."""
    if href is None or not total:
        return None
    what = f"all {total:,} ranked gaps" if total > 1 else "the ranked gap"
    lead = f"The table shows the {shown:,} biggest. " if shown < total else ""
    return Download(href=href, lead=lead, text=f"Download {what} as CSV")


def _quadrants(report: Report, names: Names) -> tuple[QuadrantView, ...]:
    """The four quadrants in their fixed order, each listing its touchpoints in report order."""
    out = []
    for q in QUADRANTS:
        entries = tuple(
            QuadrantEntry(
                journey=names.journey(i.journey),
                name=i.name,
                href=names.href(i.journey, i.touchpoint),
                importance=i.importance,
                performance=i.performance,
                moment_of_truth="yes" if i.moment_of_truth else "",
            )
            for i in report.ipa
            if i.quadrant == q
        )
        label = QUADRANT_LABELS[q]
        out.append(
            QuadrantView(q, label, f"{label} ({len(entries)})", QUADRANT_COLOURS[q], entries)
        )
    return tuple(out)


def _ipa_mermaid(report: Report) -> IpaMermaid:
    """The IPA grid as a Mermaid quadrantChart: x performance, y importance, both 0-1."""
    points = []
    seen: dict[str, int] = {}
    for row in report.ipa:
        label = row.name
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"  # Mermaid needs a distinct name per point
        points.append(
            MermaidPoint(
                label=label,
                x=number((row.performance - 0.5) / 5),
                y=number((row.importance - 0.5) / 5),
            )
        )
    return IpaMermaid(tuple(points))


def _named_points(chart: IpaChart, names: Names) -> IpaChart:
    """The chart's points with their journey's name and a link to their touchpoint."""
    points = tuple(
        replace(
            point,
            journey_name=names.journey(point.journey),
            href=names.href(point.journey, point.touchpoint),
        )
        for point in chart.points
    )
    return replace(chart, points=points)
