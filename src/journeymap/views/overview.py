"""The overview at the top of a journey page: every stage at once, on one landscape page.

The detail grid of a real map is 6,000 px wide; a VP sees five touchpoints of it. The
overview is the map in one look: a column per stage with its touchpoints, moments of
truth, mean importance and performance, felt against target emotion, the people lost,
its worst pain points and where its opportunities stand, and one emotion line across
all stages (each persona's line on demand). Every figure is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.core.wording import count_of
from journeymap.model import OpportunityStatus, Stage, Touchpoint
from journeymap.views.charts import EMOTION_WORDS, emotion_for, number_text, persona_emotion
from journeymap.views.colours import PersonaStyle

STAGE_WIDTH = 160  # the chart's unit per stage; the SVG scales with the overview's width
CHART_HEIGHT = 96
PAD = 14
WORST_PAIN_POINTS = 2
MOMENTS = "moments of truth"
STATUS_ORDER: tuple[OpportunityStatus, ...] = ("idea", "planned", "in-progress", "done", "dropped")


@dataclass(frozen=True)
class StageTouchpoints:
    """A stage as a page shows it: the touchpoints it keeps and who meets each."""

    stage: Stage
    touchpoints: list[tuple[Touchpoint, list[str]]]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def one_decimal(value: float | None) -> str:
    """A mean as people say it: 3.5, 4, or an en dash when nothing was scored."""
    if value is None:
        return "–"
    return number_text(round(value, 1)) or "–"


def _felt(tp: Touchpoint, persona: str | None) -> float | None:
    return emotion_for(tp.emotion, persona if isinstance(tp.emotion, dict) else None)


def _target(tp: Touchpoint, persona: str | None) -> float | None:
    return emotion_for(tp.target_emotion, persona if isinstance(tp.target_emotion, dict) else None)


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many of a stage's opportunities stand at one status: "2 planned"."""

    status: OpportunityStatus
    text: str


@dataclass(frozen=True, slots=True)
class WorstPain:
    """One of a stage's worst pain points, linked to its place in the detail."""

    text: str
    severity: int | None
    severity_class: str
    href: str
    touchpoint: str


@dataclass(frozen=True, slots=True)
class OverviewColumn:
    """A stage at a glance: its counts and means in words, its worst pain points and
    where its opportunities stand."""

    id: str
    name: str
    href: str
    touchpoints_text: str
    moments_text: str
    importance: str
    performance: str
    performance_class: str
    felt: str
    target: str
    emotion_text: str
    below_target: bool
    lost_text: str
    pains: tuple[WorstPain, ...]
    statuses: tuple[StatusCount, ...]


@dataclass(frozen=True, slots=True)
class OverviewPoint:
    """A stage's mean on a line of the overview chart, with the figure as text."""

    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class OverviewSeries:
    """One line of the overview chart: the mean felt or target emotion, or one persona's
    felt emotion (`persona` set, drawn in its colour and marker)."""

    label: str
    kind: str
    colour: str
    persona: str
    path: str
    points: tuple[OverviewPoint, ...]
    marker: str = ""


@dataclass(frozen=True, slots=True)
class OverviewGridLine:
    """A gridline of the overview chart at one score."""

    score: int
    y: float


@dataclass(frozen=True, slots=True)
class OverviewChart:
    """The emotion line across all stages; the SVG scales with the overview's width."""

    width: int
    height: int
    grid: tuple[OverviewGridLine, ...]
    series: tuple[OverviewSeries, ...]
    personas: tuple[OverviewSeries, ...]
    title: str


@dataclass(frozen=True, slots=True)
class Overview:
    """The overview of a journey page: a column a stage and the chart above them."""

    columns: tuple[OverviewColumn, ...]
    count: int
    heading: str  # "Overview: 1 stage at a glance"
    chart: OverviewChart


def _status_text(tps: Sequence[Touchpoint]) -> tuple[StatusCount, ...]:
    """The stage's opportunities counted by status, in the order work moves through them."""
    counts = {s: 0 for s in STATUS_ORDER}
    for tp in tps:
        for o in tp.opportunities:
            counts[o.status] += 1
    # `idea` is a noun (2 ideas); the other statuses are adjectives (2 planned)
    return tuple(
        StatusCount(s, count_of(n, s) if s == "idea" else f"{n} {s}")
        for s, n in counts.items()
        if n
    )


def _lost_text(tps: Sequence[Touchpoint]) -> str:
    """The people a stage's funnels lose, in words; empty when no touchpoint has a funnel."""
    if not any(tp.funnel for tp in tps):
        return ""
    lost = sum(tp.funnel.entered - tp.funnel.continued for tp in tps if tp.funnel)
    return f"{count_of(lost, 'person', 'people')} lost"


def _worst_pains(tps: Sequence[Touchpoint]) -> tuple[WorstPain, ...]:
    """The stage's most severe pain points: what a reader of the overview must not miss."""
    found = [(pp, tp) for tp in tps for pp in tp.pain_points]
    ranked = sorted(found, key=lambda item: -(item[0].severity or 0))  # stable: map order
    return tuple(
        WorstPain(
            text=pp.text,
            severity=pp.severity,
            severity_class=f"score-{6 - pp.severity}" if pp.severity else "",
            href=f"#pain-{pp.id}",
            touchpoint=tp.name,
        )
        for pp, tp in ranked[:WORST_PAIN_POINTS]
    )


def _y(score: float) -> float:
    return round(PAD + (5 - score) / 4 * (CHART_HEIGHT - 2 * PAD), 1)


def _series(
    label: str,
    values: list[float | None],
    kind: str,
    colour: str,
    persona: str = "",
    marker: str = "",
) -> OverviewSeries | None:
    """A line through the stages' means, or None when no stage has one."""
    if all(v is None for v in values):
        return None
    points = []
    path: list[str] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        x = round((i + 0.5) * STAGE_WIDTH, 1)
        y = _y(v)
        points.append(OverviewPoint(x, y, f"{label}: {one_decimal(v)}"))
        path.append(f"{'M' if not path else 'L'}{x:g},{y:g}")
    return OverviewSeries(label, kind, colour, persona, " ".join(path), tuple(points), marker)


def _column(st: StageTouchpoints, felt: float | None, target: float | None) -> OverviewColumn:
    """One stage's figures: means of the scored touchpoints (`felt` and `target` emotion
    given, as the chart uses them too), people lost, moments of truth."""
    tps = [tp for tp, _ in st.touchpoints]
    imp = mean([tp.importance for tp in tps if tp.importance is not None])
    perf = mean([tp.performance for tp in tps if tp.performance is not None])
    mots = sum(1 for tp in tps if tp.moment_of_truth)
    return OverviewColumn(
        id=st.stage.id,
        name=st.stage.name,
        href=f"#stage-{st.stage.id}",
        touchpoints_text=count_of(len(tps), "touchpoint"),
        moments_text=count_of(mots, "moment of truth", MOMENTS) if mots else "",
        importance=one_decimal(imp),
        performance=one_decimal(perf),
        performance_class=f"score-{round(perf)}" if perf is not None else "score-none",
        felt=one_decimal(felt),
        target=one_decimal(target),
        emotion_text=(
            f"feels {one_decimal(felt)} ({EMOTION_WORDS[round(felt)]}), "
            f"target {one_decimal(target)}"
            if felt is not None
            else "no emotion recorded"
        ),
        below_target=felt is not None and target is not None and felt < target,
        lost_text=_lost_text(tps),
        pains=_worst_pains(tps),
        statuses=_status_text(tps),
    )


def _felt_mean(st: StageTouchpoints, persona: str | None) -> float | None:
    """The stage's mean felt emotion (the persona's own with `persona`)."""
    return mean([v for v in (_felt(tp, persona) for tp, _ in st.touchpoints) if v is not None])


def _target_mean(st: StageTouchpoints, persona: str | None) -> float | None:
    """The stage's mean target emotion (the persona's own with `persona`)."""
    return mean([v for v in (_target(tp, persona) for tp, _ in st.touchpoints) if v is not None])


def _persona_lines(
    stages: Sequence[StageTouchpoints],
    shown: Sequence[str],
    names: dict[str, str],
    styles: dict[str, PersonaStyle],
) -> tuple[OverviewSeries, ...]:
    """Each shown persona's mean felt emotion a stage, in the persona's colour and marker."""
    lines = []
    for pid in shown:
        values = [
            mean(
                [
                    v
                    for v in (persona_emotion(tp.emotion, who, pid) for tp, who in st.touchpoints)
                    if v is not None
                ]
            )
            for st in stages
        ]
        if all(v is None for v in values):
            continue  # no line, and no style needed
        style = styles[pid]
        label = f"{names.get(pid, pid)}, felt"
        made = _series(label, values, "persona", style.colour, pid, style.marker)
        if made is not None:
            lines.append(made)
    return tuple(lines)


def overview_view(
    stages: Sequence[StageTouchpoints],
    persona_ids: Sequence[str],
    names: dict[str, str],
    styles: dict[str, PersonaStyle],
    persona: str | None,
) -> Overview:
    """Each stage in one column, and the emotion line across them all."""
    felt = [_felt_mean(st, persona) for st in stages]
    target = [_target_mean(st, persona) for st in stages]
    columns = tuple(_column(*row) for row in zip(stages, felt, target, strict=True))
    series = [
        s
        for s in (
            _series("Felt (mean)", felt, "felt", "var(--fg)"),
            _series("Target (mean)", target, "target", "var(--muted)"),
        )
        if s is not None
    ]
    shown = [persona] if persona else list(persona_ids)
    return Overview(
        columns=columns,
        count=len(columns),
        heading=f"Overview: {count_of(len(columns), 'stage')} at a glance",
        chart=OverviewChart(
            width=max(1, len(stages)) * STAGE_WIDTH,
            height=CHART_HEIGHT,
            grid=tuple(OverviewGridLine(s, _y(s)) for s in (1, 3, 5)),
            series=tuple(series),
            personas=_persona_lines(stages, shown, names, styles),
            title="Emotion by stage: mean felt (solid) and target (dashed), "
            "1 very negative to 5 very positive",
        ),
    )
