"""Geometry of the gap report's charts: every coordinate the SVG templates place.

The IPA scatter puts performance on x and importance on y, both from 0.5 to 5.5 so
points on 1 and 5 are not cut by the frame; the crosshair lines sit where the report's
crosshair is (the midpoint or the means). Overlapping points are fanned out in a circle.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.gaps.results import EmotionRow, IpaRow
from journeymap.gaps.scoring import Crosshair, Quadrant

QUADRANT_LABELS: dict[Quadrant, str] = {
    "concentrate-here": "Concentrate here",
    "keep-up": "Keep up the good work",
    "low-priority": "Low priority",
    "possible-overkill": "Possible overkill",
}
# Colour-blind-safe (Okabe-Ito); each quadrant also has its own marker shape in the chart.
QUADRANT_COLOURS: dict[Quadrant, str] = {
    "concentrate-here": "#D55E00",
    "keep-up": "#009E73",
    "low-priority": "#999999",
    "possible-overkill": "#0072B2",
}
PLOT = 360
MARGIN = 48


def _px(performance: float) -> float:
    return round(MARGIN + (performance - 0.5) / 5 * PLOT, 1)


def _py(importance: float) -> float:
    return round(MARGIN + (5.5 - importance) / 5 * PLOT, 1)


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


SPACING = 17  # centre to centre of two points of one cluster: a dot is 16 px with its outline


def cluster(n: int) -> list[tuple[float, float]]:
    """Offsets for n points on one spot: one in the centre, then rings 17 px apart, each ring
    holding as many as fit without two dots touching."""
    offsets: list[tuple[float, float]] = [(0.0, 0.0)] if n else []
    ring = 1
    while len(offsets) < n:
        radius = SPACING * ring
        room = int(2 * math.pi * radius // SPACING)
        take = min(room, n - len(offsets))
        for k in range(take):
            angle = 2 * math.pi * k / take - math.pi / 2
            offsets.append((radius * math.cos(angle), radius * math.sin(angle)))
        ring += 1
    return offsets


@dataclass(frozen=True, slots=True)
class IpaPoint:
    """A touchpoint on the scatter, numbered as in the legend beside it."""

    n: int
    x: float
    y: float
    text_y: float
    colour: str
    quadrant: Quadrant
    label: str
    journey: str
    journey_name: str  # the journey id until the site's report names it (`gap_view`)
    touchpoint: str
    href: str
    name: str
    importance: int
    performance: int
    moment_of_truth: bool


@dataclass(frozen=True, slots=True)
class Frame:
    """The plot's frame: the scores from 0.5 to 5.5 on both axes."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class VerticalLine:
    """The crosshair's line at the performance it splits at."""

    x: float
    y1: int
    y2: int


@dataclass(frozen=True, slots=True)
class HorizontalLine:
    """The crosshair's line at the importance it splits at."""

    y: float
    x1: int
    x2: int


@dataclass(frozen=True, slots=True)
class Tick:
    """A score of the 1-5 scale on both axes: where its two labels go."""

    value: int
    x: float
    x_label_y: int
    y_label_x: int
    y_label_y: float


@dataclass(frozen=True, slots=True)
class Place:
    """Where a label goes."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class QuadrantLabel:
    """A quadrant's name, outside the frame so that no point can cover it."""

    text: str
    x: int
    y: int
    anchor: str


@dataclass(frozen=True, slots=True)
class IpaChart:
    """The importance-performance scatter: frame, crosshair, ticks, labels and points."""

    size: int
    frame: Frame
    vertical: VerticalLine
    horizontal: HorizontalLine
    ticks: tuple[Tick, ...]
    x_axis: Place
    y_axis: str  # the y axis title's SVG transform
    title: str
    points: tuple[IpaPoint, ...]
    labels: tuple[QuadrantLabel, ...]


@dataclass(frozen=True, slots=True)
class GapBar:
    """One bar of the emotion gap chart, its label and its figures."""

    label: str
    label_x: int
    label_y: int
    x: int
    y: int
    width: float
    text: str
    text_x: float
    text_y: int
    journey: str


@dataclass(frozen=True, slots=True)
class EmotionGapChart:
    """The largest emotion gaps as SVG bars, the chart sized to hold them."""

    width: int
    height: int
    bars: tuple[GapBar, ...]


def _points(rows: Sequence[IpaRow]) -> tuple[IpaPoint, ...]:
    """The points numbered by their spot; points on one spot are fanned out around it."""
    groups: dict[tuple[int, int], list[IpaRow]] = defaultdict(list)
    for item in rows:
        groups[(item.performance, item.importance)].append(item)
    points: list[IpaPoint] = []
    for (perf, imp), items in sorted(groups.items()):
        for (dx, dy), item in zip(cluster(len(items)), items, strict=True):
            x = round(_px(perf) + dx, 1)
            y = round(_py(imp) + dy, 1)
            points.append(
                IpaPoint(
                    n=len(points) + 1,
                    x=x,
                    y=y,
                    text_y=round(y + 3.5, 1),
                    colour=QUADRANT_COLOURS[item.quadrant],
                    quadrant=item.quadrant,
                    label=f"{item.name} ({item.journey}): importance {imp}, performance {perf}",
                    journey=item.journey,
                    journey_name=item.journey,
                    touchpoint=item.touchpoint,
                    href="",
                    name=item.name,
                    importance=imp,
                    performance=perf,
                    moment_of_truth=item.moment_of_truth,
                )
            )
    return tuple(points)


def ipa_chart(rows: Sequence[IpaRow], centre: Crosshair) -> IpaChart:
    """Importance (y) against performance (x), split at the crosshair."""
    size = PLOT + 2 * MARGIN
    low, high = MARGIN, MARGIN + PLOT
    where = f"importance {_number(centre.importance)}, performance {_number(centre.performance)}"
    return IpaChart(
        size=size,
        frame=Frame(low, low, PLOT, PLOT),
        vertical=VerticalLine(_px(centre.performance), low, high),
        horizontal=HorizontalLine(_py(centre.importance), low, high),
        ticks=tuple(
            Tick(v, _px(v), high + 16, low - 10, round(_py(v) + 4, 1)) for v in range(1, 6)
        ),
        x_axis=Place(low + PLOT / 2, size - 8),
        y_axis=f"translate(14 {low + PLOT / 2:g}) rotate(-90)",
        title="Importance-performance scatter: importance up, performance right, "
        f"crosshair at {where} ({centre.method})",
        points=_points(rows),
        # the quadrant names sit outside the frame, above and below it, so that no point
        # can ever cover one (points live inside the frame only)
        labels=(
            QuadrantLabel(QUADRANT_LABELS["concentrate-here"], low, low - 10, "start"),
            QuadrantLabel(QUADRANT_LABELS["keep-up"], high, low - 10, "end"),
            QuadrantLabel(QUADRANT_LABELS["low-priority"], low, high + 30, "start"),
            QuadrantLabel(QUADRANT_LABELS["possible-overkill"], high, high + 30, "end"),
        ),
    )


def emotion_gap_chart(rows: Sequence[EmotionRow], limit: int = 15) -> EmotionGapChart:
    """Horizontal bars: the largest gaps between target and felt emotion."""
    shown = [e for e in rows if e.gap > 0][:limit]
    bar_area, label_width, row_height = 300, 320, 26
    bars = []
    for i, e in enumerate(shown):
        who = f" ({e.persona})" if e.persona else ""
        y = 10 + i * row_height
        width = round(e.gap / 4 * bar_area, 1)
        bars.append(
            GapBar(
                label=f"{e.name}{who}",
                label_x=label_width - 8,
                label_y=y + 14,
                x=label_width,
                y=y + 3,
                width=width,
                text=f"{e.felt} → {e.target} (gap {e.gap})",
                text_x=round(label_width + width + 6, 1),
                text_y=y + 15,
                journey=e.journey,
            )
        )
    return EmotionGapChart(
        width=label_width + bar_area + 150,
        height=20 + len(bars) * row_height,
        bars=tuple(bars),
    )
