"""The gap report's view data: ranked rows, quadrants, charts, every label and number."""

from __future__ import annotations

from typing import Any

from journeymap.core.wording import count_of
from journeymap.gaps.results import (
    Gap,
    MetricRow,
    Report,
)
from journeymap.gaps.scoring import QUADRANTS, Crosshair
from journeymap.views.gap_charts import (
    QUADRANT_COLOURS,
    QUADRANT_LABELS,
    emotion_gap_chart,
    ipa_chart,
)
from journeymap.views.gap_sections import (
    Names,
    coverage_view,
    evidence_text,
    figure,
    future_view,
    listing,
    number,
)
from journeymap.views.stage import METRIC_STATUS_LABELS

KIND_LABELS = {
    "ipa": "importance vs performance",
    "emotion": "emotion",
    "metric": "metric",
    "funnel": "funnel",
    "handoff": "handoff",
    "pain-point": "open pain point",
}


def crosshair_view(c: Crosshair) -> dict[str, Any]:
    where = f"importance {number(c.importance)}, performance {number(c.performance)}"
    if c.method == "mean" and c.touchpoints:
        basis = f"the mean of the {count_of(c.touchpoints, 'touchpoint')} analysed"
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
        "value_text": figure(m.value, m.unit),
        "target_text": figure(m.target, m.unit),
        "better": m.better,
        "status": m.status,
        "status_label": METRIC_STATUS_LABELS[m.status],
        "shortfall_text": f"{round(m.shortfall * 100)}%" if m.shortfall else "",
        "evidence_text": listing((evidence_text(e) for e in m.evidence), "no evidence"),
        "no_evidence": m.value is not None and not m.evidence,
    }


def gap_view(
    report: Report,
    top: int | None = None,
    names: Names | None = None,
    download: str | None = None,
) -> dict[str, Any]:
    """Everything the gap report shows, in the order shown; `names` (the site's report) turns
    ids into names and touchpoints into links to their place on the map, and `download`
    is the address of the CSV of every ranked gap written beside it."""
    names = names or Names()
    gaps = report.gaps[:top] if top is not None else report.gaps
    total, shown = len(report.gaps), len(gaps)
    headline = (
        f"{count_of(len(report.journeys), 'journey')} analysed · {count_of(total, 'gap')} found"
    )
    if shown < total:
        headline += f" · top {shown:,} shown"
    return {
        "site": False,  # the site's own gap report (links back to the index) sets this
        "headline": headline,
        "download": _download(download, total, shown),
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
        "coverage": [coverage_view(c, names) for c in report.coverage],
        "future": [future_view(f) for f in report.future],
    }


def _download(href: str | None, total: int, shown: int) -> dict[str, str] | None:
    """The link to every ranked gap as CSV, saying what the table above leaves out."""
    if href is None or not total:
        return None
    what = f"all {total:,} ranked gaps" if total > 1 else "the ranked gap"
    lead = f"The table shows the {shown:,} biggest. " if shown < total else ""
    return {"href": href, "lead": lead, "text": f"Download {what} as CSV"}


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
