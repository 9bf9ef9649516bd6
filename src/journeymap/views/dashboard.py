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

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.wording import count_of
from journeymap.gaps.results import Report
from journeymap.model import Journey
from journeymap.model.freshness import age_days, is_stale
from journeymap.model.who import personas_of
from journeymap.views.combined import business_layer_of, business_layers
from journeymap.views.site import (
    GAP_REPORT,
    JourneySummary,
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


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """A stage of the lifecycle axis, and whether the map covers it."""

    name: str
    covered: bool


@dataclass(frozen=True, slots=True)
class StageCoverage:
    """Which stages of the lifecycle axis a map covers, as cells and in words."""

    cells: tuple[CoverageCell, ...]
    text: str


@dataclass(frozen=True, slots=True)
class PersonaLink:
    """A persona's view of a map: the map page with the persona filter set."""

    id: str
    name: str
    colour: str
    href: str


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link to one of the site's pages (a combined B2B2C page), by its title."""

    href: str
    title: str


@dataclass(frozen=True, slots=True)
class DashboardRow(JourneySummary):
    """One map's row: the map as every page sums it up, and what the dashboard says about
    its health. Flat, like the summary: a template names `row.title` and `row.gap_count`
    alike (a `--templates` override of the index reads them so)."""

    href: str
    review_text: str
    review_stale: bool
    problems_text: str
    problems_class: str
    gap_count: int
    gaps_href: str
    coverage: StageCoverage
    personas: tuple[PersonaLink, ...]
    combined: PageLink | None


@dataclass(frozen=True, slots=True)
class NotRendered:
    """A file with errors, listed so that a broken map is not silently missing."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class LifecycleStage:
    """A stage of the lifecycle axis (the spine map's) that coverage is measured on."""

    name: str


@dataclass(frozen=True, slots=True)
class Totals:
    """The portfolio's size: maps, stages and touchpoints."""

    journeys: int
    stages: int
    touchpoints: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The portfolio page: a row a map, the files left out, links to the site's pages."""

    journeys: tuple[DashboardRow, ...]
    axis: tuple[LifecycleStage, ...]
    axis_title: str
    not_rendered: tuple[NotRendered, ...]
    gap_report: str
    gap_total: int
    gap_total_text: str  # "1 gap", "12 gaps"
    combined: tuple[PageLink, ...]
    totals: Totals
    totals_text: str


SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "note"}  # as validate says


def spine(journeys: Sequence[Journey]) -> Journey | None:
    """The map whose stages are the lifecycle axis: the longest current map (then by id)."""
    if not journeys:
        return None
    current = [j for j in journeys if j.state == "current"] or list(journeys)
    return sorted(current, key=lambda j: (-len(j.stages), j.id))[0]


def _coverage(journey: Journey, axis: Journey | None) -> StageCoverage:
    """The axis' stages a map covers (by id or name); nothing without an axis."""
    if axis is None:
        return StageCoverage((), "")
    own = {s.id: s for s in journey.stages} | {s.name.casefold(): s for s in journey.stages}
    matched = [own.get(s.id) or own.get(s.name.casefold()) for s in axis.stages]
    cells = tuple(
        CoverageCell(s.name, match is not None)
        for s, match in zip(axis.stages, matched, strict=True)
    )
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
    return StageCoverage(cells, text)


def _row(
    j: Journey,
    portfolio: MapSet,
    health: Health,
    found: Counter[str],
    gaps: Counter[str],
    axis: Journey | None,
    link_suffix: str,
) -> DashboardRow:
    """A map's row: `found` counts its findings by severity, `gaps` the portfolio's gaps by map."""
    reviewed = j.reviewed.date if j.reviewed else None
    age = age_days(reviewed, health.today)
    business = business_layer_of(j, portfolio)
    page = journey_page(j.id, link_suffix)
    problems = [count_of(found[s], w) for s, w in SEVERITY_WORDS.items() if found.get(s)]
    summary = journey_summary(j, portfolio, link_suffix, base="maps/")
    return DashboardRow(
        # the summary's fields, each by name (mypy flags one left out)
        id=summary.id,
        title=summary.title,
        description=summary.description,
        state=summary.state,
        segment=summary.segment,
        layer=summary.layer,
        objective=summary.objective,
        owner=summary.owner,
        updated=summary.updated,
        reviewed_by=summary.reviewed_by,
        reviewed=summary.reviewed,
        tags=summary.tags,
        stage_count=summary.stage_count,
        touchpoint_count=summary.touchpoint_count,
        moments_of_truth=summary.moments_of_truth,
        counts_text=summary.counts_text,
        related=summary.related,
        href=page,
        review_text=_review_text(reviewed, age),
        review_stale=is_stale(reviewed, health.today, health.review_max_age),
        problems_text=", ".join(problems) or "no problems",
        problems_class="warn" if problems else "ok",
        gap_count=gaps.get(j.id, 0),
        gaps_href=f"{GAP_REPORT}{link_suffix}#gaps-{j.id}",
        coverage=_coverage(j, axis),
        personas=tuple(
            PersonaLink(p.id, p.name, portfolio.style(p.id).colour, f"{page}#persona={p.id}")
            for p in personas_of(j, portfolio.library)
        ),
        combined=(
            PageLink(combined_page(business.id, link_suffix), business.title) if business else None
        ),
    )


def _review_text(reviewed: date | None, age: int | None) -> str:
    if reviewed is None or age is None:
        return "never reviewed"
    return f"{reviewed.isoformat()} ({count_of(age, 'day')} ago)"


def dashboard_view(
    journeys: Sequence[Journey],
    portfolio: MapSet,
    health: Health,
    link_suffix: str = ".html",
) -> Dashboard:
    """The portfolio page, one row a journey in id order; links lead from the site's top."""
    axis = spine(journeys)
    gaps = Counter(g.journey for g in health.report.gaps) if health.report else Counter()
    by_path: dict[str, Counter[str]] = {}
    for d in health.diagnostics:
        by_path.setdefault(d.path, Counter())[d.severity] += 1
    rows = tuple(
        _row(
            j,
            portfolio,
            health,
            by_path.get(health.paths.get(j.id, ""), Counter()),
            gaps,
            axis,
            link_suffix,
        )
        for j in sorted(journeys, key=lambda j: j.id)
    )
    rendered = {health.paths.get(j.id) for j in journeys}
    gap_total = len(health.report.gaps) if health.report else 0
    failed = sorted(
        (path, counts["error"])
        for path, counts in by_path.items()
        if counts.get("error") and path not in rendered
    )
    totals = Totals(
        journeys=len(rows),
        stages=sum(r.stage_count for r in rows),
        touchpoints=sum(r.touchpoint_count for r in rows),
    )
    return Dashboard(
        journeys=rows,
        axis=tuple(LifecycleStage(s.name) for s in axis.stages) if axis else (),
        axis_title=axis.title if axis else "",
        not_rendered=tuple(
            NotRendered(path, f"{count_of(n, 'error')}: not rendered") for path, n in failed
        ),
        gap_report=f"{GAP_REPORT}{link_suffix}",
        gap_total=gap_total,
        gap_total_text=count_of(gap_total, "gap"),
        combined=tuple(
            PageLink(combined_page(b.id, link_suffix), b.title) for b in business_layers(portfolio)
        ),
        totals=totals,
        totals_text=f"{count_of(totals.journeys, 'journey')} · "
        f"{count_of(totals.stages, 'stage')} · "
        f"{count_of(totals.touchpoints, 'touchpoint')}",
    )
