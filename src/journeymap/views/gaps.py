"""Gap report -> view data for the Markdown and HTML templates, chart geometry included."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from journeymap.gaps.results import Report
from journeymap.gaps.scoring import QUADRANTS

QUADRANT_LABELS = {
    "concentrate-here": "Concentrate here",
    "keep-up": "Keep up the good work",
    "low-priority": "Low priority",
    "possible-overkill": "Possible overkill",
}
# Colour-blind-safe (Okabe-Ito); each quadrant also has its own marker shape in the chart.
QUADRANT_COLOURS = {
    "concentrate-here": "#D55E00",
    "keep-up": "#009E73",
    "low-priority": "#999999",
    "possible-overkill": "#0072B2",
}
KIND_LABELS = {
    "ipa": "importance vs performance",
    "emotion": "emotion",
    "metric": "metric",
    "funnel": "funnel",
    "handoff": "handoff",
    "pain-point": "open pain point",
}
PLOT = 360
MARGIN = 48


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def gap_view(report: Report, top: int | None = None) -> dict[str, Any]:
    gaps = report.gaps[:top] if top is not None else report.gaps
    return {
        "journeys": report.journeys,
        "gaps": [
            {
                "rank": i,
                "kind": KIND_LABELS.get(g.kind, g.kind),
                "journey": g.journey,
                "stage": g.stage,
                "touchpoint": g.touchpoint or "",
                "score": _fmt(g.score),
                "summary": g.summary,
            }
            for i, g in enumerate(gaps, start=1)
        ],
        "total_gaps": len(report.gaps),
        "shown_gaps": len(gaps),
        "quadrants": [
            {
                "id": q,
                "label": QUADRANT_LABELS[q],
                "colour": QUADRANT_COLOURS[q],
                "entries": [i for i in report.ipa if i["quadrant"] == q],
            }
            for q in QUADRANTS
        ],
        "ipa_chart": ipa_chart(report),
        "emotions": [e for e in report.emotions if e["gap"] > 0],
        "emotion_chart": emotion_gap_chart(report),
        "metrics": [
            m
            | {
                "value_text": _fmt(m["value"]),
                "target_text": _fmt(m["target"]),
                "shortfall_text": f"{round(m['shortfall'] * 100)}%" if m["shortfall"] else "",
            }
            for m in report.metrics
        ],
        "funnel": [
            f
            | {
                "entered_text": f"{f['entered']:,}",
                "continued_text": f"{f['continued']:,}",
                "lost_text": f"{f['lost']:,}",
                "lost_percent": round(f["lost_share"] * 100),
            }
            for f in report.funnel
        ],
        "handoffs": report.handoffs,
        "coverage": [_coverage_view(c) for c in report.coverage],
        "future": [_future_view(f) for f in report.future],
    }


def _show(value: Any) -> str:
    """A score or per-persona scores as a reader writes them: `4`, `ops 2, finance 4`."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _future_view(f: dict[str, Any]) -> dict[str, Any]:
    if not f.get("found"):
        return f
    changed = [
        c
        | {
            "changes": {
                k: {"old": _show(v["old"]), "new": _show(v["new"])} for k, v in c["changes"].items()
            }
        }
        for c in f["changed"]
    ]
    return f | {"changed": changed}


def _coverage_view(c: dict[str, Any]) -> dict[str, Any]:
    symbols = {"served": "●", "unserved": "○ unserved", "absent": "–"}
    return c | {
        "matrix": [
            {
                "persona": row["persona"],
                "cells": [cell | {"symbol": symbols[cell["state"]]} for cell in row["cells"]],
            }
            for row in c["persona_stage"]["rows"]
        ],
        "evidence_percent": round(c["evidence_share"] * 100)
        if c["evidence_share"] is not None
        else None,
        "stale_evidence": [e for e in c["evidence"] if e["stale"]],
    }


def ipa_chart(report: Report) -> dict[str, Any]:
    """Importance (y) against performance (x), crosshair at 3; overlapping points fanned out."""
    size = PLOT + 2 * MARGIN

    # the axes run from 0.5 to 5.5 so that points on 1 and 5 are not cut by the frame
    def px(performance: float) -> float:
        return round(MARGIN + (performance - 0.5) / 5 * PLOT, 1)

    def py(importance: float) -> float:
        return round(MARGIN + (5.5 - importance) / 5 * PLOT, 1)

    groups: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for item in report.ipa:
        groups[(item["performance"], item["importance"])].append(item)
    points = []
    number = 0
    for (perf, imp), items in sorted(groups.items()):
        for k, item in enumerate(items):
            number += 1
            angle = 2 * math.pi * k / len(items)
            radius = 0 if len(items) == 1 else 10 + len(items)
            points.append(
                {
                    "n": number,
                    "x": round(px(perf) + radius * math.cos(angle), 1),
                    "y": round(py(imp) + radius * math.sin(angle), 1),
                    "colour": QUADRANT_COLOURS[item["quadrant"]],
                    "quadrant": item["quadrant"],
                    "label": f"{item['name']} ({item['journey']}): importance {imp}, performance {perf}",
                    "journey": item["journey"],
                    "name": item["name"],
                    "importance": imp,
                    "performance": perf,
                    "moment_of_truth": item["moment_of_truth"],
                }
            )
    ticks = [{"value": v, "x": px(v), "y": py(v)} for v in range(1, 6)]
    mid = px(3)
    return {
        "size": size,
        "plot": PLOT,
        "margin": MARGIN,
        "mid_x": mid,
        "mid_y": py(3),
        "ticks": ticks,
        "points": points,
        "labels": [
            {"text": "Concentrate here", "x": MARGIN + 6, "y": MARGIN + 14, "anchor": "start"},
            {
                "text": "Keep up the good work",
                "x": MARGIN + PLOT - 6,
                "y": MARGIN + 14,
                "anchor": "end",
            },
            {"text": "Low priority", "x": MARGIN + 6, "y": MARGIN + PLOT - 8, "anchor": "start"},
            {
                "text": "Possible overkill",
                "x": MARGIN + PLOT - 6,
                "y": MARGIN + PLOT - 8,
                "anchor": "end",
            },
        ],
    }


def emotion_gap_chart(report: Report, limit: int = 15) -> dict[str, Any]:
    """Horizontal bars: the largest gaps between target and felt emotion."""
    rows = [e for e in report.emotions if e["gap"] > 0][:limit]
    bar_area, label_width, row_height = 300, 320, 26
    bars = []
    for i, e in enumerate(rows):
        who = f" ({e['persona']})" if e["persona"] else ""
        bars.append(
            {
                "label": f"{e['name']}{who}",
                "y": 10 + i * row_height,
                "x": label_width,
                "width": round(e["gap"] / 4 * bar_area, 1),
                "text": f"{e['felt']} → {e['target']} (gap {e['gap']})",
                "journey": e["journey"],
            }
        )
    return {
        "width": label_width + bar_area + 150,
        "height": 20 + len(bars) * row_height,
        "label_width": label_width,
        "bars": bars,
    }
