"""Geometry of the gap report's charts: every coordinate the SVG templates place.

The IPA scatter puts performance on x and importance on y, both from 0.5 to 5.5 so
points on 1 and 5 are not cut by the frame; the crosshair lines sit where the report's
crosshair is (the midpoint or the means). Overlapping points are fanned out in a circle.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

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


def ipa_chart(rows: Sequence[IpaRow], centre: Crosshair) -> dict[str, Any]:
    """Importance (y) against performance (x), split at the crosshair."""
    size = PLOT + 2 * MARGIN
    low, high = MARGIN, MARGIN + PLOT
    groups: dict[tuple[int, int], list[IpaRow]] = defaultdict(list)
    for item in rows:
        groups[(item.performance, item.importance)].append(item)
    points = []
    number = 0
    for (perf, imp), items in sorted(groups.items()):
        for (dx, dy), item in zip(cluster(len(items)), items, strict=True):
            number += 1
            x = round(_px(perf) + dx, 1)
            y = round(_py(imp) + dy, 1)
            points.append(
                {
                    "n": number,
                    "x": x,
                    "y": y,
                    "text_y": round(y + 3.5, 1),
                    "colour": QUADRANT_COLOURS[item.quadrant],
                    "quadrant": item.quadrant,
                    "label": f"{item.name} ({item.journey}): importance {imp}, performance {perf}",
                    "journey": item.journey,
                    "journey_name": item.journey,
                    "touchpoint": item.touchpoint,
                    "href": "",
                    "name": item.name,
                    "importance": imp,
                    "performance": perf,
                    "moment_of_truth": item.moment_of_truth,
                }
            )
    mid_x, mid_y = _px(centre.performance), _py(centre.importance)
    where = f"importance {_number(centre.importance)}, performance {_number(centre.performance)}"
    return {
        "size": size,
        "frame": {"x": low, "y": low, "width": PLOT, "height": PLOT},
        "vertical": {"x": mid_x, "y1": low, "y2": high},
        "horizontal": {"y": mid_y, "x1": low, "x2": high},
        "ticks": [
            {
                "value": v,
                "x": _px(v),
                "x_label_y": high + 16,
                "y_label_x": low - 10,
                "y_label_y": round(_py(v) + 4, 1),
            }
            for v in range(1, 6)
        ],
        "x_axis": {"x": low + PLOT / 2, "y": size - 8},
        "y_axis": f"translate(14 {low + PLOT / 2:g}) rotate(-90)",
        "title": "Importance-performance scatter: importance up, performance right, "
        f"crosshair at {where} ({centre.method})",
        "points": points,
        # the quadrant names sit outside the frame, above and below it, so that no point
        # can ever cover one (points live inside the frame only)
        "labels": [
            {
                "text": QUADRANT_LABELS["concentrate-here"],
                "x": low,
                "y": low - 10,
                "anchor": "start",
            },
            {"text": QUADRANT_LABELS["keep-up"], "x": high, "y": low - 10, "anchor": "end"},
            {
                "text": QUADRANT_LABELS["low-priority"],
                "x": low,
                "y": high + 30,
                "anchor": "start",
            },
            {
                "text": QUADRANT_LABELS["possible-overkill"],
                "x": high,
                "y": high + 30,
                "anchor": "end",
            },
        ],
    }


def emotion_gap_chart(rows: Sequence[EmotionRow], limit: int = 15) -> dict[str, Any]:
    """Horizontal bars: the largest gaps between target and felt emotion."""
    shown = [e for e in rows if e.gap > 0][:limit]
    bar_area, label_width, row_height = 300, 320, 26
    bars = []
    for i, e in enumerate(shown):
        who = f" ({e.persona})" if e.persona else ""
        y = 10 + i * row_height
        width = round(e.gap / 4 * bar_area, 1)
        bars.append(
            {
                "label": f"{e.name}{who}",
                "label_x": label_width - 8,
                "label_y": y + 14,
                "x": label_width,
                "y": y + 3,
                "width": width,
                "text": f"{e.felt} → {e.target} (gap {e.gap})",
                "text_x": round(label_width + width + 6, 1),
                "text_y": y + 15,
                "journey": e.journey,
            }
        )
    return {
        "width": label_width + bar_area + 150,
        "height": 20 + len(bars) * row_height,
        "bars": bars,
    }
