"""The scoring formulas of the gap report, small enough to check by hand.

moment-of-truth weight   w = 1.5 at a moment of truth, else 1
ipa         (importance - performance) * importance / 5 * w      when importance > performance
emotion     (target emotion - felt emotion) * w                  per persona where given
metric      5 * min(relative shortfall, 1) * w                   shortfall = miss / |target|
funnel      5 * lost share * importance / 5 * w                  importance 3 when not scored
handoff     1 * w (w = 1.5 when either side is a moment of truth)
pain-point  severity (3 when not given)                          no opportunity addresses it
"""

from __future__ import annotations

from journeymap.model import Metric, Touchpoint

MIDPOINT = 3


MOT_WEIGHT = 1.5


QUADRANTS = ("concentrate-here", "keep-up", "low-priority", "possible-overkill")


def weight(*touchpoints: Touchpoint | None) -> float:
    return MOT_WEIGHT if any(tp is not None and tp.moment_of_truth for tp in touchpoints) else 1.0


def quadrant(importance: int, performance: int) -> str:
    """IPA quadrant, crosshair at the scale midpoint; a midpoint score leans to attention.

    Importance 3 counts as high and performance 3 as low, so a touchpoint on the line is
    shown where it gets looked at rather than where it gets ignored.
    """
    high_importance = importance >= MIDPOINT
    high_performance = performance > MIDPOINT
    if high_importance and not high_performance:
        return "concentrate-here"
    if high_importance:
        return "keep-up"
    if not high_performance:
        return "low-priority"
    return "possible-overkill"


def round_score(value: float) -> float:
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
