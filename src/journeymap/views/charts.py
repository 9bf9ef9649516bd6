"""Chart geometry for journey pages: the emotion curve's coordinates, colours and markers.

Every coordinate is computed here so that templates only place what they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from journeymap.model import Stage, Touchpoint
from journeymap.views.colours import PersonaStyle

COLUMN_WIDTH = 230  # px per touchpoint column; stages are as wide as their touchpoints


CHART_HEIGHT = 170


CHART_PAD = 22


EMOTION_WORDS = {1: "very negative", 2: "negative", 3: "neutral", 4: "positive", 5: "very positive"}


def emotion_for(value: int | dict[str, int] | None, persona: str | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, int):
        return float(value)
    if persona is None:
        return sum(value.values()) / len(value) if value else None
    return float(value[persona]) if persona in value else None


def number_text(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:g}" if value != int(value) else f"{int(value)}"


def persona_emotion(value: int | dict[str, int] | None, who: list[str], pid: str) -> float | None:
    """One persona's emotion at a touchpoint: its own score when the emotion is given per
    persona, else the touchpoint's, but only when the persona meets the touchpoint."""
    if isinstance(value, dict):
        return emotion_for(value, pid)
    return emotion_for(value, None) if pid in who else None


Column = tuple[Stage, Touchpoint, list[str]]
"""A touchpoint column of the grid: its stage, the touchpoint and who meets it."""


class Placed(Protocol):
    """Where a stage column sits on the grid: what the curve needs of a stage's view."""

    @property
    def x(self) -> int: ...

    @property
    def width(self) -> int: ...

    @property
    def touchpoint_count(self) -> int: ...


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One marker of a line: its centre, the square's corner, the polygon's corners and
    the value label's place, with the score it marks in figures and words."""

    x: float
    y: float
    box_x: float
    box_y: float
    corners: str
    label_x: float
    label_y: float
    score: str | None
    touchpoint: str
    word: str


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """One line of the curve: felt or target, of everyone (`persona` empty) or one persona;
    `on_demand` lines are hidden until the reader asks for each persona's lines."""

    label: str
    persona: str
    kind: str
    dashed: bool
    colour: str
    marker: str
    path: str
    points: tuple[ChartPoint, ...]
    on_demand: bool


@dataclass(frozen=True, slots=True)
class ChartGridLine:
    """A horizontal line at one score of the 1-5 scale, labelled in figures and words."""

    score: int
    y: float
    label_y: float
    word: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A persona in the curve's legend, drawn as its lines are."""

    persona: str
    label: str
    colour: str
    marker: str


@dataclass(frozen=True, slots=True)
class EmotionChart:
    """The emotion curve under a journey's grid, as wide as the grid."""

    width: int
    height: int
    grid: tuple[ChartGridLine, ...]
    series: tuple[ChartSeries, ...]
    legend_personas: tuple[LegendEntry, ...]
    on_demand: bool
    title: str


@dataclass(frozen=True, slots=True)
class _Plot:
    """The x of each touchpoint column and the touchpoints' names: what every line shares."""

    xs: list[float]
    touchpoints: list[str]


def _chart_y(score: float) -> float:
    """The y of a 1-5 score: 5 at the top, inside the chart's padding."""
    top, bottom = CHART_PAD, CHART_HEIGHT - CHART_PAD
    return round(top + (5 - score) / 4 * (bottom - top), 1)


def _point(x: float, y: float, marker: str, score: float, touchpoint: str) -> ChartPoint:
    """A marker's geometry: centre, the square's corner, the polygon's corners, the label."""
    if marker == "diamond":
        corners = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
    elif marker == "triangle":
        corners = [(x, y - 6), (x + 6, y + 5), (x - 6, y + 5)]
    elif marker == "triangle-down":
        corners = [(x, y + 6), (x + 6, y - 5), (x - 6, y - 5)]
    else:
        corners = []
    return ChartPoint(
        x=x,
        y=y,
        box_x=round(x - 5, 1),
        box_y=round(y - 5, 1),
        corners=" ".join(f"{round(cx, 1)},{round(cy, 1)}" for cx, cy in corners),
        label_x=round(x + 8, 1),
        label_y=round(y + 4, 1),
        score=number_text(round(score, 1)),
        touchpoint=touchpoint,
        word=EMOTION_WORDS.get(round(score), ""),
    )


def emotion_text(tp: Touchpoint, who: list[str], names: dict[str, str], persona: str | None) -> str:
    """The emotion of one touchpoint in words, for print and for readers without the chart."""

    def one(value: int | dict[str, int] | None, pid: str | None) -> str:
        v = emotion_for(value, pid if isinstance(value, dict) else None)
        return number_text(round(v, 1)) or "" if v is not None else "–"

    if tp.emotion is None and tp.target_emotion is None:
        return ""
    per_persona = isinstance(tp.emotion, dict) or isinstance(tp.target_emotion, dict)
    if per_persona and persona is None:
        parts = []
        for pid in who:
            felt, target = one(tp.emotion, pid), one(tp.target_emotion, pid)
            if felt != "–" or target != "–":
                parts.append(f"{names.get(pid, pid)} {felt} → {target}")
        return "felt → target: " + "; ".join(parts)
    return f"felt {one(tp.emotion, persona)} → target {one(tp.target_emotion, persona)}"


def _path(plot: _Plot, values: list[float | None]) -> str:
    """The line through the scored touchpoints, broken where a touchpoint has no score."""
    segments: list[str] = []
    current: list[str] = []
    for x, v in zip(plot.xs, values, strict=True):
        if v is None:
            if current:
                segments.append(" ".join(current))
            current = []
        else:
            current.append(f"{'M' if not current else 'L'}{x:g},{_chart_y(v):g}")
    if current:
        segments.append(" ".join(current))
    return " ".join(segments)


def _series(
    plot: _Plot,
    label: str,
    pid: str | None,
    felt: bool,
    values: list[float | None],
    colour: str,
    marker: str,
    shown: bool,
) -> ChartSeries | None:
    """One line with its markers, or None when no touchpoint on it has a score."""
    if all(v is None for v in values):
        return None
    points = tuple(
        _point(plot.xs[i], _chart_y(v), marker, v, plot.touchpoints[i])
        for i, v in enumerate(values)
        if v is not None
    )
    return ChartSeries(
        label=label,
        persona=pid or "",
        kind="felt" if felt else "target",
        dashed=not felt,
        colour=colour,
        marker=marker,
        path=_path(plot, values),
        points=points,
        on_demand=not shown,
    )


def _mean_series(
    plot: _Plot, columns: Sequence[Column], persona: str | None, per_persona: bool
) -> list[ChartSeries | None]:
    """The felt and the target line of everyone (the mean where emotions are per persona)."""
    felt_label = "Felt emotion" + (" (mean of the personas)" if per_persona else "")
    target_label = "Target emotion" + (" (mean)" if per_persona else "")
    out = []
    for label, felt in ((felt_label, True), (target_label, False)):
        values = [
            emotion_for(tp.emotion if felt else tp.target_emotion, persona) for _, tp, _ in columns
        ]
        out.append(_series(plot, label, None, felt, values, "var(--fg)", "circle", True))
    return out


def _persona_series(
    plot: _Plot,
    columns: Sequence[Column],
    pid: str,
    name: str,
    style: PersonaStyle,
    shown: bool,
) -> list[ChartSeries | None]:
    """One persona's felt and target line, in the persona's colour and marker."""
    felt = [persona_emotion(tp.emotion, who, pid) for _, tp, who in columns]
    target = [persona_emotion(tp.target_emotion, who, pid) for _, tp, who in columns]
    return [
        _series(plot, f"{name}, felt", pid, True, felt, style.colour, style.marker, shown),
        _series(plot, f"{name}, target", pid, False, target, style.colour, style.marker, shown),
    ]


def _legend(series: Sequence[ChartSeries], names: dict[str, str]) -> tuple[LegendEntry, ...]:
    """Each persona with a line, once, in the order of the lines."""
    entries: dict[str, LegendEntry] = {}
    for s in series:
        if s.persona and s.persona not in entries:
            entries[s.persona] = LegendEntry(
                s.persona, names.get(s.persona, s.persona), s.colour, s.marker
            )
    return tuple(entries.values())


def emotion_chart(
    columns: Sequence[Column],
    stages: Sequence[Placed],
    persona_ids: list[str],
    names: dict[str, str],
    colour: dict[str, str],
    persona: str | None,
    styles: dict[str, PersonaStyle] | None = None,
) -> EmotionChart:
    """The emotion curve: the mean felt (solid) and target (dashed) line, and each persona's
    own pair of lines, which the page shows on demand (a persona chosen, or all of them)."""
    plot = _Plot(
        [s.x + (i + 0.5) * COLUMN_WIDTH for s in stages for i in range(s.touchpoint_count)],
        [tp.name for _, tp, _ in columns],
    )
    per_persona = any(
        isinstance(tp.emotion, dict) or isinstance(tp.target_emotion, dict) for _, tp, _ in columns
    )
    made: list[ChartSeries | None] = []
    if persona is None or not per_persona:
        made.extend(_mean_series(plot, columns, persona, per_persona))
    if per_persona:
        for pid in [persona] if persona else persona_ids:
            style = (styles or {}).get(pid) or PersonaStyle(colour.get(pid, "#000"), "circle")
            name = names.get(pid, pid)
            made.extend(_persona_series(plot, columns, pid, name, style, persona is not None))
    series = tuple(s for s in made if s is not None)
    return EmotionChart(
        width=sum(s.width for s in stages),
        height=CHART_HEIGHT,
        grid=tuple(
            ChartGridLine(s, _chart_y(s), round(_chart_y(s) - 3, 1), EMOTION_WORDS[s])
            for s in range(1, 6)
        ),
        series=series,
        legend_personas=_legend(series, names),
        on_demand=any(s.on_demand for s in series),
        title="Emotion curve: felt (solid) and target (dashed), 1 very negative to 5 very positive",
    )
