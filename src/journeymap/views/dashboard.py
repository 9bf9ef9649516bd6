"""The index as a portfolio dashboard: what a CX lead checks before a review meeting.

One row a map: its state and segment, who owns it, when it was last reviewed and whether
that is stale, what validation found, how many gaps it has and which stages of the
customer lifecycle it covers, with links to the map, each persona's view of it, the
combined B2B2C page and the gap report. Files that could not be rendered are listed
too, so that a broken map is not silently missing from the portfolio.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.wording import count_of
from journeymap.gaps.results import Report
from journeymap.model import Journey
from journeymap.model.freshness import age_days, is_stale
from journeymap.model.who import personas_of
from journeymap.views.combined import business_layer_of, business_layers
from journeymap.views.site import (
    GAP_REPORT,
    MapSet,
    combined_page,
    journey_page,
    journey_summary,
)


@dataclass(frozen=True)
class Health:
    """What the dashboard needs beyond the maps: findings, paths, gaps, today."""

    diagnostics: Sequence[Diagnostic]
    paths: dict[str, str]  # journey id -> file
    report: Report | None
    today: date
    review_max_age: int


SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "note"}  # as validate says


def spine(journeys: Sequence[Journey]) -> Journey | None:
    """The map whose stages are the lifecycle axis: the longest current map (then by id)."""
    if not journeys:
        return None
    current = [j for j in journeys if j.state == "current"] or list(journeys)
    return sorted(current, key=lambda j: (-len(j.stages), j.id))[0]


def _coverage(journey: Journey, axis: Journey | None) -> dict[str, Any]:
    if axis is None:
        return {"cells": [], "text": ""}
    own = {s.id: s for s in journey.stages} | {s.name.casefold(): s for s in journey.stages}
    matched = [own.get(s.id) or own.get(s.name.casefold()) for s in axis.stages]
    cells: list[dict[str, Any]] = [
        {"name": s.name, "covered": match is not None}
        for s, match in zip(axis.stages, matched, strict=True)
    ]
    # in the axis' order, but by this map's own names: its "Awareness" is not named
    # after the axis map's "Needs identification and awareness"
    covered = [match.name for match in matched if match is not None]
    known = {s.id for s in axis.stages} | {s.name.casefold() for s in axis.stages}
    extra = [s for s in journey.stages if s.id not in known and s.name.casefold() not in known]
    text = f"covers {len(covered)} of {count_of(len(cells), 'stage')}"
    if covered and len(covered) < len(cells):
        text += f" ({', '.join(covered)})"
    if extra:
        text += f"; {count_of(len(extra), 'stage')} of its own ({', '.join(s.name for s in extra)})"
    return {"cells": cells, "text": text}


def _review_text(reviewed: date | None, age: int | None) -> str:
    if reviewed is None or age is None:
        return "never reviewed"
    return f"{reviewed.isoformat()} ({count_of(age, 'day')} ago)"


def dashboard_view(
    journeys: Sequence[Journey],
    portfolio: MapSet,
    health: Health,
    link_suffix: str = ".html",
) -> dict[str, Any]:
    """The portfolio page, one row a journey in id order; links lead from the site's top."""
    axis = spine(journeys)
    gaps = Counter(g.journey for g in health.report.gaps) if health.report else Counter()
    by_path: dict[str, Counter[str]] = {}
    for d in health.diagnostics:
        by_path.setdefault(d.path, Counter())[d.severity] += 1
    rows = []
    for j in sorted(journeys, key=lambda j: j.id):
        found = by_path.get(health.paths.get(j.id, ""), Counter())
        reviewed = j.reviewed.date if j.reviewed else None
        age = age_days(reviewed, health.today)
        stale = is_stale(reviewed, health.today, health.review_max_age)
        business = business_layer_of(j, portfolio)
        page = journey_page(j.id, link_suffix)
        problems = [count_of(found[s], w) for s, w in SEVERITY_WORDS.items() if found.get(s)]
        rows.append(
            journey_summary(j, portfolio, link_suffix, base="maps/")
            | {
                "href": page,
                "review_text": _review_text(reviewed, age),
                "review_stale": stale,
                "problems_text": ", ".join(problems) or "no problems",
                "problems_class": "warn" if problems else "ok",
                "gap_count": gaps.get(j.id, 0),
                "gaps_href": f"{GAP_REPORT}{link_suffix}#gaps-{j.id}",
                "coverage": _coverage(j, axis),
                "personas": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "colour": portfolio.style(p.id).colour,
                        "href": f"{page}#persona={p.id}",
                    }
                    for p in personas_of(j, portfolio.library)
                ],
                "combined": (
                    {"href": combined_page(business.id, link_suffix), "title": business.title}
                    if business
                    else None
                ),
            }
        )
    rendered = {health.paths.get(j.id) for j in journeys}
    gap_total = len(health.report.gaps) if health.report else 0
    failed = sorted(
        (path, counts["error"])
        for path, counts in by_path.items()
        if counts.get("error") and path not in rendered
    )
    return {
        "journeys": rows,
        "axis": [{"name": s.name} for s in axis.stages] if axis else [],
        "axis_title": axis.title if axis else "",
        "not_rendered": [
            {"path": path, "text": f"{count_of(n, 'error')}: not rendered"} for path, n in failed
        ],
        "gap_report": f"{GAP_REPORT}{link_suffix}",
        "gap_total": gap_total,
        "gap_total_text": count_of(gap_total, "gap"),
        "combined": [
            {"href": combined_page(b.id, link_suffix), "title": b.title}
            for b in business_layers(portfolio)
        ],
        "totals": {
            "journeys": len(rows),
            "stages": sum(r["stage_count"] for r in rows),
            "touchpoints": sum(r["touchpoint_count"] for r in rows),
        },
        "totals_text": f"{count_of(len(rows), 'journey')} · "
        f"{count_of(sum(r['stage_count'] for r in rows), 'stage')} · "
        f"{count_of(sum(r['touchpoint_count'] for r in rows), 'touchpoint')}",
    }
