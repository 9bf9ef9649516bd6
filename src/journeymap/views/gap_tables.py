"""The gap report's tables beside the ranked list and the quadrants: emotion gaps,
metrics, funnel and ownership handoffs, each row with its names, links and figures as
they are printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.gaps.results import MetricRow, Report
from journeymap.gaps.scoring import MetricStatus
from journeymap.views.cards import METRIC_STATUS_LABELS
from journeymap.views.gap_sections import Names, evidence_text, figure, listing


@dataclass(frozen=True, slots=True)
class MetricLine:
    """A metric against its target, with the evidence behind its value."""

    journey: str
    stage: str
    touchpoint: str
    href: str
    name: str
    value_text: str
    target_text: str
    better: str
    status: MetricStatus
    status_label: str
    shortfall_text: str
    evidence_text: str
    no_evidence: bool


@dataclass(frozen=True, slots=True)
class EmotionGap:
    """A touchpoint (for one persona, or everyone) that feels worse than its target."""

    journey: str
    name: str
    href: str
    persona: str
    felt: int
    target: int
    gap: int


@dataclass(frozen=True, slots=True)
class EmotionBar:
    """One of the largest emotion gaps as an HTML bar (labels wrap instead of being cut)."""

    label: str
    journey: str
    href: str
    percent: int
    text: str


@dataclass(frozen=True, slots=True)
class FunnelLine:
    """A funnel step: how many entered, went on and were lost."""

    journey: str
    name: str
    href: str
    entered_text: str
    continued_text: str
    lost_text: str
    lost_percent: str


@dataclass(frozen=True, slots=True)
class HandoffLine:
    """A change of department on a persona's path, and the touchpoints it falls between."""

    journey: str
    stage: str
    from_department: str
    to_department: str
    personas_text: str
    between_text: str


@dataclass(frozen=True, slots=True)
class CommitteeLine:
    """A handover risk where the buying committee changes, in names."""

    journey: str
    stage: str
    risk: str  # the kind of risk, in words
    summary: str


RISK_WORDS = {
    "no-handover": "replaced with no handover",
    "weak-handover": "weak handover",
    "late-decision-maker": "decision maker joins late",
    "pain-points-leave": "pain points leave with them",
}


def committee_lines(report: Report, names: Names) -> tuple[CommitteeLine, ...]:
    """Every handover risk of the committee changes (the summaries already use names)."""
    return tuple(
        CommitteeLine(
            journey=names.journey(c.journey),
            stage=names.stage(c.journey, c.stage),
            risk=RISK_WORDS.get(c.risk, c.risk),
            summary=c.summary,
        )
        for c in report.committee
    )


def metric_line(m: MetricRow, names: Names) -> MetricLine:
    """A metric's row; its status worded as on the map page (`METRIC_STATUS_LABELS`)."""
    return MetricLine(
        journey=names.journey(m.journey),
        stage=names.stage(m.journey, m.stage),
        touchpoint=names.touchpoint(m.journey, m.touchpoint),
        href=names.href(m.journey, m.touchpoint),
        name=m.name,
        value_text=figure(m.value, m.unit),
        target_text=figure(m.target, m.unit),
        better=m.better,
        status=m.status,
        status_label=METRIC_STATUS_LABELS[m.status],
        shortfall_text=f"{round(m.shortfall * 100)}%" if m.shortfall else "",
        evidence_text=listing((evidence_text(e) for e in m.evidence), "no evidence"),
        no_evidence=m.value is not None and not m.evidence,
    )


def emotion_gaps(report: Report, names: Names) -> tuple[EmotionGap, ...]:
    """Every touchpoint that feels worse than its target, largest gap first (the report's order)."""
    return tuple(
        EmotionGap(
            journey=names.journey(e.journey),
            name=e.name,
            href=names.href(e.journey, e.touchpoint),
            persona=names.persona(e.persona),
            felt=e.felt,
            target=e.target,
            gap=e.gap,
        )
        for e in report.emotions
        if e.gap > 0
    )


def funnel_lines(report: Report, names: Names) -> tuple[FunnelLine, ...]:
    """Every funnel step, with the people lost in figures and as a share."""
    return tuple(
        FunnelLine(
            journey=names.journey(f.journey),
            name=f.name,
            href=names.href(f.journey, f.touchpoint),
            entered_text=f"{f.entered:,}",
            continued_text=f"{f.continued:,}",
            lost_text=f"{f.lost:,}",
            lost_percent=f"{round(f.lost_share * 100)}%",
        )
        for f in report.funnel
    )


def handoff_lines(report: Report, names: Names) -> tuple[HandoffLine, ...]:
    """Every change of department, for whom and between which touchpoints."""
    return tuple(
        HandoffLine(
            journey=names.journey(h.journey),
            stage=names.stage(h.journey, h.stage),
            from_department=h.from_department,
            to_department=h.to_department,
            personas_text=listing((names.persona(p) for p in h.personas), "everyone"),
            between_text=listing(
                f"{names.touchpoint(h.journey, t.from_touchpoint)} → "
                f"{names.touchpoint(h.journey, t.to_touchpoint)}"
                for t in h.transitions
            ),
        )
        for h in report.handoffs
    )


def emotion_bars(report: Report, names: Names, limit: int = 15) -> tuple[EmotionBar, ...]:
    """The largest emotion gaps as HTML bars: labels wrap instead of being cut off."""
    rows = [e for e in report.emotions if e.gap > 0][:limit]
    return tuple(
        EmotionBar(
            label=e.name + (f" ({names.persona(e.persona)})" if e.persona else ""),
            journey=names.journey(e.journey),
            href=names.href(e.journey, e.touchpoint),
            percent=round(e.gap / 4 * 100),
            text=f"felt {e.felt} → target {e.target} (gap {e.gap})",
        )
        for e in rows
    )
