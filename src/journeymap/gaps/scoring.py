"""The scoring formulas of the gap report, small enough to check by hand (docs/gaps.md).

Every gap score is the product of three parts, each shown in the report so a reader can
recompute it:

    score = size x weight x moment-of-truth factor          (rounded to 2 decimals)

kind        size                               weight                 moment-of-truth factor
ipa         importance - performance           importance / 5         1.5 at a moment of truth
emotion     target emotion - felt emotion      1                      1.5 at a moment of truth
metric      5 x min(relative shortfall, 1)     1                      1.5 at a moment of truth
funnel      5 x lost / entered                 importance / 5 (3/5)   1.5 at a moment of truth
handoff     1                                  1                      1.5 if any side is one
pain-point  severity (3 when not given)        1                      1 (not weighted)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from journeymap.model import Metric, Touchpoint

MIDPOINT = 3
"""The middle of the 1-5 scales: the default crosshair, and the score assumed when unset."""

MOT_FACTOR = 1.5
"""How much more a gap counts at a moment of truth."""

Quadrant = Literal["concentrate-here", "keep-up", "low-priority", "possible-overkill"]
QUADRANTS: tuple[Quadrant, ...] = (
    "concentrate-here",
    "keep-up",
    "low-priority",
    "possible-overkill",
)

CrosshairMethod = Literal["midpoint", "mean"]

MetricStatus = Literal["met", "missed", "unknown"]
"""One vocabulary for a metric against its target, used by map pages and the gap report."""


def mot_factor(*touchpoints: Touchpoint | None) -> float:
    """1.5 when any of the touchpoints is a moment of truth, else 1."""
    return MOT_FACTOR if any(tp is not None and tp.moment_of_truth for tp in touchpoints) else 1.0


@dataclass(frozen=True)
class Crosshair:
    """Where the IPA chart is split: a score equal to the crosshair counts as high."""

    method: CrosshairMethod
    importance: float
    performance: float
    touchpoints: int
    """How many touchpoints the crosshair was computed over (for `mean`)."""


def crosshair(method: CrosshairMethod, scores: Sequence[tuple[int, int]]) -> Crosshair:
    """The crosshair for (importance, performance) pairs: the scale midpoint or the means.

    With no scored touchpoints the mean is undefined; the midpoint stands in for it.
    """
    if method == "midpoint" or not scores:
        return Crosshair(method, float(MIDPOINT), float(MIDPOINT), len(scores))
    importance = sum(i for i, _ in scores) / len(scores)
    performance = sum(p for _, p in scores) / len(scores)
    return Crosshair(method, importance, performance, len(scores))


def quadrant(importance: int, performance: int, at: Crosshair | None = None) -> Quadrant:
    """Martilla and James's quadrant of a touchpoint; on the crosshair counts as high."""
    centre = at or Crosshair("midpoint", MIDPOINT, MIDPOINT, 0)
    high_importance = importance >= centre.importance
    high_performance = performance >= centre.performance
    if high_importance and not high_performance:
        return "concentrate-here"
    if high_importance:
        return "keep-up"
    if not high_performance:
        return "low-priority"
    return "possible-overkill"


def round_score(value: float) -> float:
    """Two decimals, and never -0.0."""
    return round(value + 0.0, 2)


def shortfall(metric: Metric) -> float | None:
    """How far a metric misses its target, relative to the target; 0 when met."""
    if metric.value is None or metric.target is None:
        return None
    miss = (
        metric.target - metric.value if metric.better == "higher" else metric.value - metric.target
    )
    if miss <= 0:
        return 0.0
    scale = abs(metric.target) or 1.0
    return miss / scale


def metric_status(metric: Metric) -> MetricStatus:
    """met (target reached or beaten), missed, or unknown (no value or no target)."""
    miss = shortfall(metric)
    if miss is None:
        return "unknown"
    return "met" if miss == 0 else "missed"
