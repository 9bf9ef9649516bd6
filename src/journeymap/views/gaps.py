"""Gap report -> view data for the Markdown and HTML templates.

Every number, count, label, list and sentence the report shows is made here; the
templates only place them (tests/views/test_templates_compute_nothing.py holds them to
it). Chart geometry is in `journeymap.views.gap_charts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
from journeymap.model import Journey, Persona
from journeymap.views.gap_charts import (
    QUADRANT_COLOURS,
    QUADRANT_LABELS,
    emotion_gap_chart,
    ipa_chart,
)
from journeymap.views.journey import METRIC_STATUS_LABELS
from journeymap.views.site import journey_page


@dataclass
class Names:
    """Ids -> the names people know, and touchpoint ids -> their place on the map.

    Without journeys (the `gaps` command's printout) every lookup gives the id back and no
    link: the report reads as before. The site's gap report has names and links.
    """

    journeys: dict[str, str] = field(default_factory=dict)
    stages: dict[tuple[str, str], str] = field(default_factory=dict)
    touchpoints: dict[tuple[str, str], str] = field(default_factory=dict)
    personas: dict[str, str] = field(default_factory=dict)
    suffix: str = ".html"

    @classmethod
    def of(
        cls, journeys: Sequence[Journey], library: dict[str, Persona], suffix: str = ".html"
    ) -> Names:
        from journeymap.who import personas_of

        names = cls(suffix=suffix)
        for j in journeys:
            names.journeys[j.id] = j.title
            for stage in j.stages:
                names.stages[(j.id, stage.id)] = stage.name
                for tp in stage.touchpoints:
                    names.touchpoints[(j.id, tp.id)] = tp.name
            for p in personas_of(j, library):
                names.personas[p.id] = p.name
        return names

    def journey(self, jid: str) -> str:
        return self.journeys.get(jid, jid)

    def stage(self, jid: str, sid: str) -> str:
        return self.stages.get((jid, sid), sid)

    def touchpoint(self, jid: str, tid: str | None) -> str:
        if not tid:
            return ""
        return self.touchpoints.get((jid, tid), tid)

    def persona(self, pid: str | None) -> str:
        return self.personas.get(pid, pid) if pid else ""

    def page(self, jid: str) -> str:
        """`maps/<journey>.html` for a journey the site shows, else ""."""
        return journey_page(jid, self.suffix) if jid in self.journeys else ""

    def href(self, jid: str, tid: str | None) -> str:
        """`maps/<journey>.html#tp-<touchpoint>` for a touchpoint the site shows, else ""."""
        if tid is None or (jid, tid) not in self.touchpoints:
            return ""
        return f"{journey_page(jid, self.suffix)}#tp-{tid}"


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


def _gap_row(rank: int, g: Gap, names: Names) -> dict[str, Any]:
    return {
        "rank": rank,
        "kind": KIND_LABELS.get(g.kind, g.kind),
        "journey": names.journey(g.journey),
        "journey_href": names.page(g.journey),
        "stage": names.stage(g.journey, g.stage),
        "touchpoint": names.touchpoint(g.journey, g.touchpoint),
        "href": names.href(g.journey, g.touchpoint),
        "score": number(g.score),
        "size": number(g.size),
        "weight": number(g.weight),
        "factor": number(g.moment_of_truth_factor),
        "formula": f"{number(g.size)} × {number(g.weight)} × {number(g.moment_of_truth_factor)}",
        "summary": g.summary,
    }


def _metric_row(m: MetricRow, names: Names) -> dict[str, Any]:
    return {
        "journey": names.journey(m.journey),
        "stage": names.stage(m.journey, m.stage),
        "touchpoint": names.touchpoint(m.journey, m.touchpoint),
        "href": names.href(m.journey, m.touchpoint),
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


def gap_view(report: Report, top: int | None = None, names: Names | None = None) -> dict[str, Any]:
    """Everything the gap report shows, in the order shown; `names` (the site's report) turns
    ids into names and touchpoints into links to their place on the map."""
    names = names or Names()
    gaps = report.gaps[:top] if top is not None else report.gaps
    total, shown = len(report.gaps), len(gaps)
    headline = f"{len(report.journeys)} journeys analysed · {total} gaps found"
    if shown < total:
        headline += f" · top {shown} shown"
    return {
        "site": False,  # the site's own gap report (links back to the index) sets this
        "headline": headline,
        "journeys": [
            {"id": j.id, "title": j.title, "state": j.state, "href": names.page(j.id)}
            for j in report.journeys
        ],
        "gaps": [_gap_row(i, g, names) for i, g in enumerate(gaps, start=1)],
        "crosshair": crosshair_view(report.crosshair),
        "quadrants": _quadrants(report, names),
        "ipa_chart": _named_points(ipa_chart(report.ipa, report.crosshair), names),
        "ipa_mermaid": _ipa_mermaid(report),
        "emotions": [
            {
                "journey": names.journey(e.journey),
                "name": e.name,
                "href": names.href(e.journey, e.touchpoint),
                "persona": names.persona(e.persona),
                "felt": e.felt,
                "target": e.target,
                "gap": e.gap,
            }
            for e in report.emotions
            if e.gap > 0
        ],
        "emotion_chart": emotion_gap_chart(report.emotions),
        "emotion_bars": _emotion_bars(report, names),
        "metrics": [_metric_row(m, names) for m in report.metrics],
        "funnel": [
            {
                "journey": names.journey(f.journey),
                "name": f.name,
                "href": names.href(f.journey, f.touchpoint),
                "entered_text": f"{f.entered:,}",
                "continued_text": f"{f.continued:,}",
                "lost_text": f"{f.lost:,}",
                "lost_percent": f"{round(f.lost_share * 100)}%",
            }
            for f in report.funnel
        ],
        "handoffs": [
            {
                "journey": names.journey(h.journey),
                "stage": names.stage(h.journey, h.stage),
                "from_department": h.from_department,
                "to_department": h.to_department,
                "personas_text": listing((names.persona(p) for p in h.personas), "everyone"),
                "between_text": listing(
                    f"{names.touchpoint(h.journey, t.from_touchpoint)} → "
                    f"{names.touchpoint(h.journey, t.to_touchpoint)}"
                    for t in h.transitions
                ),
            }
            for h in report.handoffs
        ],
        "coverage": [_coverage_view(c, names) for c in report.coverage],
        "future": [_future_view(f) for f in report.future],
    }


def _quadrants(report: Report, names: Names) -> list[dict[str, Any]]:
    out = []
    for q in QUADRANTS:
        entries = [
            {
                "journey": names.journey(i.journey),
                "name": i.name,
                "href": names.href(i.journey, i.touchpoint),
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


def _coverage_view(c: Coverage, names: Names) -> dict[str, Any]:
    counted = f"{c.pain_points_with_evidence} of {len(c.pain_points)}"
    if c.evidence_share is not None:
        counted += f" ({round(c.evidence_share * 100)}%)"
    review = "never" if c.review_age_days is None else f"{c.review_age_days} days ago"
    if c.review_stale:
        review += " (stale)"
    stale = [e for e in c.evidence if e.stale]
    return {
        "journey": names.journey(c.journey),
        "anchor": f"gaps-{c.journey}",
        "href": names.page(c.journey),
        "evidence_backing": counted,
        "opportunities": ", ".join(f"{s} {n}" for s, n in c.opportunities_by_status.items()),
        "review": review,
        "stale_evidence": listing((evidence_text(e) for e in stale), ""),
        "without_opportunity": listing(c.pain_points_without_opportunity, ""),
        "without_evidence": listing(c.pain_points_without_evidence, ""),
        "metrics_without_evidence": listing(c.metrics_without_evidence, ""),
        "unserved": listing(
            (
                f"{names.persona(u.persona)} in {names.stage(c.journey, u.stage)}"
                for u in c.unserved
            ),
            "",
        ),
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
                "touchpoint": names.touchpoint(c.journey, p.touchpoint),
                "href": names.href(c.journey, p.touchpoint),
                "text": p.text,
                "kinds": p.evidence_kinds,
                "evidence_text": listing((evidence_text(e) for e in p.evidence), "no evidence"),
                "no_evidence": not p.evidence,
            }
            for p in c.pain_points
        ],
        "stages": [names.stage(c.journey, s) for s in c.persona_stage.stages],
        "matrix": [
            {
                "persona": names.persona(row.persona),
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


def _emotion_bars(report: Report, names: Names, limit: int = 15) -> list[dict[str, Any]]:
    """The largest emotion gaps as HTML bars: labels wrap instead of being cut off."""
    rows = [e for e in report.emotions if e.gap > 0][:limit]
    return [
        {
            "label": e.name + (f" ({names.persona(e.persona)})" if e.persona else ""),
            "journey": names.journey(e.journey),
            "href": names.href(e.journey, e.touchpoint),
            "percent": round(e.gap / 4 * 100),
            "text": f"felt {e.felt} → target {e.target} (gap {e.gap})",
        }
        for e in rows
    ]


def _ipa_mermaid(report: Report) -> dict[str, Any]:
    """The IPA grid as a Mermaid quadrantChart: x performance, y importance, both 0-1."""
    points = []
    seen: dict[str, int] = {}
    for row in report.ipa:
        label = row.name
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"  # Mermaid needs a distinct name per point
        points.append(
            {
                "label": label,
                "x": number((row.performance - 0.5) / 5),
                "y": number((row.importance - 0.5) / 5),
            }
        )
    return {"points": points}


def _named_points(chart: dict[str, Any], names: Names) -> dict[str, Any]:
    for point in chart["points"]:
        point["journey_name"] = names.journey(point["journey"])
        point["href"] = names.href(point["journey"], point["touchpoint"])
    return chart
