"""A metric's trend from its history: the numbers and coordinates a sparkline needs.

Computed here so templates only place what they are given. The series is the history,
oldest first, ending with the current value (added when the history does not already
end with it, so a hand-edited value still shows). Points are spaced evenly: history is a
sequence of readings, and some readings have no date. Differences are taken in Decimal
so 71.4 - 88 reads -16.6, not -16.599999999999994.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from journeymap.model import Metric

WIDTH, HEIGHT, PAD = 96, 24, 3.0


@dataclass(frozen=True)
class TrendPoint:
    x: float
    y: float
    value: str  # as shown: 38, 71.4
    day: str | None  # ISO date, when the reading has one
    r: float = 1.5  # the marker's radius: the latest reading is drawn larger


@dataclass(frozen=True)
class Trend:
    """Everything a template shows of a metric's trend; None-free, ready to print."""

    width: int
    height: int
    points: tuple[TrendPoint, ...]
    polyline: str  # the `points` attribute of an SVG polyline
    change: str  # signed: +4, -16.6, ±0
    since: str | None  # the date of the previous reading
    direction: Literal["up", "down", "flat"]
    verdict: Literal["better", "worse", "same"]  # by the metric's `better`
    title: str  # the whole series in words, for screen readers and tooltips


def series(metric: Metric) -> list[tuple[date | None, float]]:
    """The readings, oldest first, ending with the current value."""
    out: list[tuple[date | None, float]] = [(p.date, p.value) for p in metric.history]
    if metric.value is not None and (
        not out or out[-1][1] != metric.value or out[-1][0] not in (None, metric.as_of)
    ):
        out.append((metric.as_of, metric.value))
    return out


def _shown(value: float | Decimal) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else value
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def trend_of(metric: Metric) -> Trend | None:
    """The trend of a metric with at least two readings; None otherwise."""
    readings = series(metric)
    if len(readings) < 2:
        return None
    values = [v for _, v in readings]
    low, high = min(values), max(values)
    step = (WIDTH - 2 * PAD) / (len(readings) - 1)
    points: list[TrendPoint] = []
    for i, (day, value) in enumerate(readings):
        share = (value - low) / (high - low) if high > low else 0.5
        y = HEIGHT - PAD - share * (HEIGHT - 2 * PAD)
        points.append(
            TrendPoint(
                round(PAD + i * step, 1),
                round(y, 1),
                _shown(value),
                day.isoformat() if day else None,
                2.5 if i == len(readings) - 1 else 1.5,
            )
        )
    delta = Decimal(repr(values[-1])) - Decimal(repr(values[-2]))
    direction: Literal["up", "down", "flat"] = (
        "up" if delta > 0 else "down" if delta < 0 else "flat"
    )
    verdict: Literal["better", "worse", "same"] = "same"
    if direction != "flat":
        verdict = "better" if (direction == "up") == (metric.better == "higher") else "worse"
    change = "±0" if delta == 0 else ("+" if delta > 0 else "") + _shown(delta)
    words = ", ".join(f"{p.value} on {p.day}" if p.day else p.value for p in points)
    return Trend(
        WIDTH,
        HEIGHT,
        tuple(points),
        " ".join(f"{p.x:g},{p.y:g}" for p in points),
        change,
        points[-2].day,
        direction,
        verdict,
        f"{metric.name} over time: {words}",
    )
