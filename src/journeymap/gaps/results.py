"""The typed results of the gap analysis, and the one JSON shape made from them.

Every row is a frozen dataclass: the finders build them, the views read them, and
`report_json` turns them into the documented JSON object (docs/gaps.md). Field names are
the JSON names, snake_case and stable; `JSON_VERSION` changes only when they do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any, Literal

from journeymap.gaps.scoring import Crosshair, MetricStatus, Quadrant, round_score

JSON_VERSION = 1

GapKind = Literal["ipa", "emotion", "metric", "funnel", "handoff", "pain-point", "committee"]
CellState = Literal["served", "unserved", "absent"]
Score = int | dict[str, int]


@dataclass(frozen=True)
class Gap:
    """One ranked gap; score = size x weight x moment_of_truth_factor, rounded to 2 places."""

    kind: GapKind
    journey: str
    stage: str
    touchpoint: str | None
    score: float
    size: float
    weight: float
    moment_of_truth_factor: float
    summary: str


def make_gap(
    kind: GapKind,
    journey: str,
    stage: str,
    touchpoint: str | None,
    *,
    size: float,
    weight: float,
    factor: float,
    summary: str,
) -> Gap:
    """A gap whose score is computed from its parts as shown (each rounded to 2 places)."""
    size, weight = round_score(size), round_score(weight)
    return Gap(
        kind,
        journey,
        stage,
        touchpoint,
        round_score(size * weight * factor),
        size,
        weight,
        factor,
        summary,
    )


@dataclass(frozen=True)
class JourneyRef:
    id: str
    title: str
    state: str


@dataclass(frozen=True)
class EvidenceRef:
    """A piece of evidence as a reader needs it: what it is and how old."""

    id: str
    title: str | None
    kind: str | None
    date: date | None
    age_days: int | None
    stale: bool


@dataclass(frozen=True)
class IpaRow:
    journey: str
    stage: str
    touchpoint: str
    name: str
    importance: int
    performance: int
    gap: int
    quadrant: Quadrant
    moment_of_truth: bool


@dataclass(frozen=True)
class EmotionRow:
    journey: str
    stage: str
    touchpoint: str
    name: str
    persona: str | None
    felt: int
    target: int
    gap: int


@dataclass(frozen=True)
class MetricRow:
    journey: str
    stage: str
    touchpoint: str | None
    metric: str
    name: str
    kind: str
    unit: str | None
    value: float | None
    target: float | None
    better: str
    shortfall: float | None
    status: MetricStatus
    as_of: date | None
    evidence: tuple[EvidenceRef, ...]


@dataclass(frozen=True)
class FunnelRow:
    journey: str
    stage: str
    touchpoint: str
    name: str
    entered: int
    continued: int
    lost: int
    lost_share: float


@dataclass(frozen=True)
class Transition:
    from_touchpoint: str
    to_touchpoint: str


@dataclass(frozen=True)
class HandoffRow:
    """A change of department on at least one persona's path, reported once."""

    journey: str
    stage: str
    from_department: str
    to_department: str
    personas: tuple[str, ...]
    transitions: tuple[Transition, ...]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    line: int | None


@dataclass(frozen=True)
class StageCell:
    stage: str
    touchpoints: int
    state: CellState


@dataclass(frozen=True)
class PersonaRow:
    persona: str
    cells: tuple[StageCell, ...]


@dataclass(frozen=True)
class PersonaStageMatrix:
    stages: tuple[str, ...]
    rows: tuple[PersonaRow, ...]


@dataclass(frozen=True)
class PersonaStage:
    persona: str
    stage: str


@dataclass(frozen=True)
class PainPointRow:
    stage: str
    touchpoint: str
    pain_point: str
    text: str
    severity: int | None
    addressed_by: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]
    evidence_kinds: int
    """How many distinct kinds of evidence back it (interview, survey, ...)."""


@dataclass(frozen=True)
class Coverage:
    journey: str
    findings: tuple[Finding, ...]
    persona_stage: PersonaStageMatrix
    unserved: tuple[PersonaStage, ...]
    pain_points: tuple[PainPointRow, ...]
    pain_points_without_opportunity: tuple[str, ...]
    pain_points_without_evidence: tuple[str, ...]
    metrics_without_evidence: tuple[str, ...]
    pain_points_with_evidence: int
    evidence_share: float | None
    opportunities_by_status: dict[str, int]
    reviewed: date | None
    review_age_days: int | None
    review_stale: bool
    evidence: tuple[EvidenceRef, ...]


@dataclass(frozen=True)
class TouchpointRef:
    touchpoint: str
    name: str
    stage: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Score | str | None
    new: Score | str | None


@dataclass(frozen=True)
class ChangedTouchpoint:
    touchpoint: str
    name: str
    stage: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class PainPointOutcome:
    pain_point: str
    text: str
    stage: str
    touchpoint: str
    addressed_by: tuple[str, ...]
    """Future opportunities (not dropped) that name this pain point in `addresses`."""
    touchpoint_retired: bool


@dataclass(frozen=True)
class FutureComparison:
    """A future-state map against its current-state map (docs/gaps.md, current vs future)."""

    journey: str
    current: str | None
    found: bool
    added: tuple[TouchpointRef, ...] = ()
    retired: tuple[TouchpointRef, ...] = ()
    not_covered: tuple[TouchpointRef, ...] = ()
    changed: tuple[ChangedTouchpoint, ...] = ()
    unchanged: tuple[TouchpointRef, ...] = ()
    pain_points_resolved_by_design: tuple[PainPointOutcome, ...] = ()
    pain_points_still_open: tuple[PainPointOutcome, ...] = ()
    pain_points_addressed: tuple[PainPointOutcome, ...] = ()
    pain_points_not_covered: tuple[PainPointOutcome, ...] = ()


@dataclass(frozen=True)
class CommitteeRisk:
    """One handover risk, for the report's section and its JSON."""

    journey: str
    stage: str
    risk: str  # no-handover | weak-handover | late-decision-maker | pain-points-leave
    persona: str  # the persona at the heart of it (the leaver, or the joiner)
    touchpoint: str | None
    summary: str


@dataclass(frozen=True)
class Report:
    """The whole gap report: every list already in the order it is shown."""

    crosshair: Crosshair
    journeys: tuple[JourneyRef, ...] = ()
    gaps: tuple[Gap, ...] = ()
    ipa: tuple[IpaRow, ...] = ()
    emotions: tuple[EmotionRow, ...] = ()
    metrics: tuple[MetricRow, ...] = ()
    funnel: tuple[FunnelRow, ...] = ()
    handoffs: tuple[HandoffRow, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    future: tuple[FutureComparison, ...] = ()
    committee: tuple[CommitteeRisk, ...] = ()  # handover risks (gaps/committee.py)


def _plain(value: Any) -> Any:
    """Dataclasses, tuples and dates as JSON values, field order kept."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def report_json(report: Report, top: int | None = None) -> dict[str, Any]:
    """The gaps JSON object (shape in docs/gaps.md); `top` keeps the N biggest gaps."""
    data: dict[str, Any] = {"version": JSON_VERSION}
    for key, value in _plain(report).items():
        if key == "gaps":
            data["total_gaps"] = len(report.gaps)
            value = value if top is None else value[:top]
        data[key] = value
    return data
