"""One stage column of a journey page: its stage-level lanes and its touchpoint columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from journeymap.model import Evidence, Journey, Stage, Touchpoint
from journeymap.views.cards import (
    ColumnView,
    MetricView,
    OpportunityView,
    PainPointView,
    TextItem,
    column_view,
    metric_view,
)
from journeymap.views.colours import PersonaStyle

STAGE_LANES = {"goal", "customer_goal", "personas"}
"""The lanes said once for a whole stage, not once a touchpoint."""
_STAGE_LEVEL = ("goal", "customer_goal", "personas", "metrics")  # a stage's own lanes


@dataclass(frozen=True, slots=True)
class StagePersona:
    """A persona named in a stage's `personas` lane."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class StageLanes:
    """What a stage says once for all its touchpoints: goals, personas, stage metrics.

    The fields are named as the grid's rows, and `lanes[key]` is the lane of that name,
    so that a row reads its lane by its key.
    """

    goal: tuple[TextItem, ...]
    customer_goal: tuple[TextItem, ...]
    personas: tuple[StagePersona, ...]
    metrics: tuple[MetricView, ...]

    def __getitem__(self, lane: str) -> Sequence[TextItem | StagePersona | MetricView]:
        """The items of the lane named `lane`, for the grid's one cell macro of every lane."""
        if lane not in _STAGE_LEVEL:
            raise KeyError(lane)
        items: Sequence[TextItem | StagePersona | MetricView] = getattr(self, lane)
        return items

    def filled(self) -> set[str]:
        """The lanes this stage puts something in."""
        return {lane for lane in _STAGE_LEVEL if self[lane]}


@dataclass(frozen=True, slots=True)
class StageView:
    """A stage column: where it sits on the grid, its lanes and its touchpoint columns,
    and every touchpoint's pain points, opportunities and metrics listed together (for
    pages that list a stage's items in one table)."""

    id: str
    anchor: str
    touchpoint_count: int
    name: str
    phase: str | None
    description: str | None
    x: int
    width: int
    columns: tuple[ColumnView, ...]
    count: int  # sub-columns the stage spans: its touchpoints, at least one
    stage_lanes: StageLanes
    filled: frozenset[str]  # the lanes that hold something in this stage
    persona_names: tuple[str, ...]
    pain_points: tuple[PainPointView, ...]
    opportunities: tuple[OpportunityView, ...]
    metrics: tuple[MetricView, ...]


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    """A phase over the stages it groups, as one header cell `span` stages wide."""

    id: str | None
    name: str
    span: int
    width: int


def _stage_lanes(stage: Stage, names: dict[str, str], persona: str | None) -> StageLanes:
    """The stage's own lanes; with `persona`, only that persona among its people."""
    people = [p for p in stage.personas if persona is None or p == persona]
    return StageLanes(
        goal=(TextItem(stage.goal),) if stage.goal else (),
        customer_goal=(TextItem(stage.customer_goal),) if stage.customer_goal else (),
        personas=tuple(StagePersona(p, names.get(p, p)) for p in people),
        metrics=tuple(metric_view(m) for m in stage.metrics),
    )


def stage_view(
    stage: Stage,
    tps: list[tuple[Touchpoint, list[str]]],
    names: dict[str, str],
    x: int,
    width: int,
    persona: str | None,
    evidence: dict[str, Evidence],
    styles: dict[str, PersonaStyle],
    link_suffix: str = ".html",
) -> StageView:
    """A stage column: stage-level lanes once, touchpoint lanes once per touchpoint.

    Touchpoint lanes are laid out in the same sub-columns as the cards and the emotion
    curve's points, so everything about one touchpoint lines up vertically.
    """
    columns = tuple(
        column_view(tp, who, names, persona, evidence, styles, link_suffix) for tp, who in tps
    )
    lanes = _stage_lanes(stage, names, persona)
    filled = lanes.filled().union(*(col.filled() for col in columns))
    return StageView(
        id=stage.id,
        anchor=f"stage-{stage.id}",
        touchpoint_count=len(columns),
        name=stage.name,
        phase=stage.phase,
        description=stage.description,
        x=x,
        width=width,
        columns=columns,
        count=max(1, len(columns)),
        stage_lanes=lanes,
        filled=frozenset(filled),
        persona_names=tuple(p.name for p in lanes.personas),
        pain_points=tuple(p for col in columns for p in col.pain_points),
        opportunities=tuple(o for col in columns for o in col.opportunities),
        metrics=lanes.metrics + tuple(m for col in columns for m in col.metrics),
    )


def phase_spans(journey: Journey, stages: Sequence[StageView]) -> tuple[PhaseSpan, ...]:
    """The phase row over the stages: one cell for each run of stages in the same phase."""
    if not journey.phases:
        return ()
    names = {p.id: p.name for p in journey.phases}
    spans: list[PhaseSpan] = []
    for stage in stages:
        pid = stage.phase
        if spans and spans[-1].id == pid:
            last = spans[-1]
            spans[-1] = replace(last, span=last.span + 1, width=last.width + stage.width)
        else:
            spans.append(PhaseSpan(pid, names.get(pid, "") if pid else "", 1, stage.width))
    return tuple(spans)
