"""Gap report -> view data for the Markdown and HTML templates.

Every number, count, label, list and sentence the report shows is made here; the
templates only place them (tests/views/test_templates_compute_nothing.py holds them to
it). Chart geometry is in `journeymap.views.gap_charts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from journeymap.gaps.results import (
    Coverage,
    EvidenceRef,
    FutureComparison,
    Gap,
    MetricRow,
    PainPointOutcome,
    Report,
    TouchpointRef,
)
from journeymap.gaps.scoring import QUADRANTS, Crosshair
from journeymap.views.gap_charts import (
    QUADRANT_COLOURS,
    QUADRANT_LABELS,
    emotion_gap_chart,
    ipa_chart,
)
from journeymap.views.journey import METRIC_STATUS_LABELS

KIND_LABELS = {
    "ipa": "importance vs performance",
    "emotion": "emotion",
    "metric": "metric",
    "funnel": "funnel",
    "handoff": "handoff",
    "pain-point": "open pain point",
}
CELL_SYMBOLS = {"served": "●", "unserved": "○ unserved", "absent": "–"}


def number(value: float | None) -> str:
    """A figure as people write it: 4.5, 3, 0.6; two decimals at most; empty when unknown."""
    if value is None:
        return ""
    return f"{round(value, 2):g}"


def listing(items: Iterable[str], empty: str = "none") -> str:
    text = ", ".join(items)
    return text or empty


def evidence_text(ev: EvidenceRef) -> str:
    """Evidence by title and date, never a bare id: "Support tickets, Q3 (2026-10-05)"."""
    title = ev.title or f"untitled evidence ({ev.id})"
    when = ev.date.isoformat() if ev.date else "undated"
    return f"{title} ({when})"


def crosshair_view(c: Crosshair) -> dict[str, Any]:
    where = f"importance {number(c.importance)}, performance {number(c.performance)}"
    if c.method == "mean" and c.touchpoints:
        basis = f"the mean of the {c.touchpoints} touchpoints analysed"
    elif c.method == "mean":
        basis = "the scale midpoint (no scored touchpoints to take a mean of)"
    else:
        basis = "the scale midpoint"
    return {
        "method": c.method,
        "importance": number(c.importance),
        "performance": number(c.performance),
        "text": f"Crosshair: {basis} ({where}); a score equal to the crosshair counts as high.",
    }


def _gap_row(rank: int, g: Gap) -> dict[str, Any]:
    return {
        "rank": rank,
        "kind": KIND_LABELS.get(g.kind, g.kind),
        "journey": g.journey,
        "stage": g.stage,
        "touchpoint": g.touchpoint or "",
        "score": number(g.score),
        "size": number(g.size),
        "weight": number(g.weight),
        "factor": number(g.moment_of_truth_factor),
        "formula": f"{number(g.size)} × {number(g.weight)} × {number(g.moment_of_truth_factor)}",
        "summary": g.summary,
    }


def _metric_row(m: MetricRow) -> dict[str, Any]:
    return {
        "journey": m.journey,
        "stage": m.stage,
        "touchpoint": m.touchpoint or "",
        "name": m.name,
        "value_text": number(m.value),
        "unit": m.unit or "",
        "target_text": number(m.target),
        "better": m.better,
        "status": m.status,
        "status_label": METRIC_STATUS_LABELS[m.status],
        "shortfall_text": f"{round(m.shortfall * 100)}%" if m.shortfall else "",
        "evidence_text": listing((evidence_text(e) for e in m.evidence), "no evidence"),
        "no_evidence": m.value is not None and not m.evidence,
    }


def gap_view(report: Report, top: int | None = None) -> dict[str, Any]:
    """Everything the gap report shows, in the order shown."""
    gaps = report.gaps[:top] if top is not None else report.gaps
    total, shown = len(report.gaps), len(gaps)
    headline = f"{len(report.journeys)} journeys analysed · {total} gaps found"
    if shown < total:
        headline += f" · top {shown} shown"
    return {
        "headline": headline,
        "journeys": [{"id": j.id, "title": j.title, "state": j.state} for j in report.journeys],
        "gaps": [_gap_row(i, g) for i, g in enumerate(gaps, start=1)],
        "crosshair": crosshair_view(report.crosshair),
        "quadrants": _quadrants(report),
        "ipa_chart": ipa_chart(report.ipa, report.crosshair),
        "emotions": [
            {
                "journey": e.journey,
                "name": e.name,
                "persona": e.persona or "",
                "felt": e.felt,
                "target": e.target,
                "gap": e.gap,
            }
            for e in report.emotions
            if e.gap > 0
        ],
        "emotion_chart": emotion_gap_chart(report.emotions),
        "metrics": [_metric_row(m) for m in report.metrics],
        "funnel": [
            {
                "journey": f.journey,
                "name": f.name,
                "entered_text": f"{f.entered:,}",
                "continued_text": f"{f.continued:,}",
                "lost_text": f"{f.lost:,}",
                "lost_percent": f"{round(f.lost_share * 100)}%",
            }
            for f in report.funnel
        ],
        "handoffs": [
            {
                "journey": h.journey,
                "stage": h.stage,
                "from_department": h.from_department,
                "to_department": h.to_department,
                "personas_text": listing(h.personas, "everyone"),
                "between_text": listing(
                    f"{t.from_touchpoint} → {t.to_touchpoint}" for t in h.transitions
                ),
            }
            for h in report.handoffs
        ],
        "coverage": [_coverage_view(c) for c in report.coverage],
        "future": [_future_view(f) for f in report.future],
    }


def _quadrants(report: Report) -> list[dict[str, Any]]:
    out = []
    for q in QUADRANTS:
        entries = [
            {
                "journey": i.journey,
                "name": i.name,
                "importance": i.importance,
                "performance": i.performance,
                "moment_of_truth": "yes" if i.moment_of_truth else "",
            }
            for i in report.ipa
            if i.quadrant == q
        ]
        out.append(
            {
                "id": q,
                "label": QUADRANT_LABELS[q],
                "heading": f"{QUADRANT_LABELS[q]} ({len(entries)})",
                "colour": QUADRANT_COLOURS[q],
                "entries": entries,
            }
        )
    return out


def _coverage_view(c: Coverage) -> dict[str, Any]:
    counted = f"{c.pain_points_with_evidence} of {len(c.pain_points)}"
    if c.evidence_share is not None:
        counted += f" ({round(c.evidence_share * 100)}%)"
    review = "never" if c.review_age_days is None else f"{c.review_age_days} days ago"
    if c.review_stale:
        review += " (stale)"
    stale = [e for e in c.evidence if e.stale]
    return {
        "journey": c.journey,
        "evidence_backing": counted,
        "opportunities": ", ".join(f"{s} {n}" for s, n in c.opportunities_by_status.items()),
        "review": review,
        "stale_evidence": listing((evidence_text(e) for e in stale), ""),
        "without_opportunity": listing(c.pain_points_without_opportunity, ""),
        "without_evidence": listing(c.pain_points_without_evidence, ""),
        "metrics_without_evidence": listing(c.metrics_without_evidence, ""),
        "unserved": listing((f"{u.persona} in {u.stage}" for u in c.unserved), ""),
        "findings_heading": f"Completeness findings: {len(c.findings)}" if c.findings else "",
        "findings": [
            {
                "text": f"line {f.line}: {f.severity}[{f.rule}] {f.message}"
                if f.line is not None
                else f"{f.severity}[{f.rule}] {f.message}"
            }
            for f in c.findings
        ],
        "pain_points": [
            {
                "pain_point": p.pain_point,
                "touchpoint": p.touchpoint,
                "text": p.text,
                "kinds": p.evidence_kinds,
                "evidence_text": listing((evidence_text(e) for e in p.evidence), "no evidence"),
                "no_evidence": not p.evidence,
            }
            for p in c.pain_points
        ],
        "stages": list(c.persona_stage.stages),
        "matrix": [
            {
                "persona": row.persona,
                "cells": [
                    {
                        "state": cell.state,
                        "text": f"{CELL_SYMBOLS[cell.state]} {cell.touchpoints}"
                        if cell.touchpoints
                        else CELL_SYMBOLS[cell.state],
                    }
                    for cell in row.cells
                ],
            }
            for row in c.persona_stage.rows
        ],
    }


def _show(value: Any) -> str:
    """A score or per-persona scores as a reader writes them: `4`, `ops 2, finance 4`."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _touchpoints(refs: Sequence[TouchpointRef]) -> str:
    return listing(f"{r.name} ({r.touchpoint})" for r in refs)


def _outcomes(items: Sequence[PainPointOutcome]) -> list[dict[str, str]]:
    out = []
    for p in items:
        notes = []
        if p.touchpoint_retired:
            notes.append(f"touchpoint {p.touchpoint} retired")
        if p.addressed_by:
            notes.append(f"addressed by {', '.join(p.addressed_by)}")
        out.append(
            {"pain_point": p.pain_point, "text": f"{p.text} ({'; '.join([p.pain_point, *notes])})"}
        )
    return out


def _future_view(f: FutureComparison) -> dict[str, Any]:
    if not f.found:
        return {
            "journey": f.journey,
            "current": f.current or "",
            "found": False,
            "touchpoints": [],
            "pain_groups": [],
            "changes": [],
        }
    groups = [
        (
            "Resolved by design",
            "the touchpoint is in the plan (or retired) without the pain point",
            f.pain_points_resolved_by_design,
        ),
        ("Still open", "the plan still lists the pain point", f.pain_points_still_open),
        (
            "Addressed",
            "the touchpoint is not shown, but a planned opportunity addresses it",
            f.pain_points_addressed,
        ),
        (
            "Not covered by this map",
            "the plan neither shows its touchpoint nor addresses it",
            f.pain_points_not_covered,
        ),
    ]
    return {
        "journey": f.journey,
        "current": f.current or "",
        "found": True,
        "touchpoints": [
            {"label": "Added", "text": _touchpoints(f.added)},
            {"label": "Retired", "text": _touchpoints(f.retired)},
            {
                "label": "Changed",
                "text": _touchpoints(
                    [TouchpointRef(c.touchpoint, c.name, c.stage) for c in f.changed]
                ),
            },
            {"label": "Unchanged", "text": _touchpoints(f.unchanged)},
            {"label": "Not covered by this map", "text": _touchpoints(f.not_covered)},
        ],
        "pain_groups": [
            {
                "label": label,
                "heading": f"{label} ({len(items)})",
                "meaning": meaning,
                "entries": _outcomes(items),
            }
            for label, meaning, items in groups
        ],
        "changes": [
            {
                "touchpoint": c.touchpoint,
                "field": ch.field,
                "old": _show(ch.old),
                "new": _show(ch.new),
            }
            for c in f.changed
            for ch in c.changes
        ],
    }
