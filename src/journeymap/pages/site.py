"""The whole site: a page per journey, the dashboard, the gap report, the B2B2C pages.

`build_site` gives the pages as texts (what `serve` serves); `write_site` writes them
(what `render` does), each page by the worker process that made it. Both run the same
page makers, in worker processes when the site is big (`journeymap.pages.pool`), and
give the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateError

from journeymap.checks.committee import COMMITTEE_COVERAGE
from journeymap.checks.freshness import REVIEW_STALE
from journeymap.checks.index import Index
from journeymap.checks.settings import option, roles
from journeymap.core.diagnostics import Diagnostic
from journeymap.disk.paths import remove_stale, site_target
from journeymap.disk.writing import Staging, write_staged
from journeymap.gaps.report import analyse_project
from journeymap.model import Journey, Persona
from journeymap.pages.pool import Page, PageMaker, render_pages, source_bytes
from journeymap.pages.render import RenderError, environment, html_context, template_problem
from journeymap.views.combined import business_layers, combined_view
from journeymap.views.dashboard import Health, dashboard_view
from journeymap.views.gap_sections import Names
from journeymap.views.gaps import gap_view
from journeymap.views.gaps_csv import gaps_csv
from journeymap.views.journey import journey_view
from journeymap.views.mermaid import mermaid_view
from journeymap.views.site import (
    GAP_REPORT,
    GAPS_CSV,
    INDEX,
    SITE_TOP_GAPS,
    MapSet,
    journey_page,
)

if TYPE_CHECKING:
    from journeymap.project.config import Settings


@dataclass(frozen=True)
class SiteInputs:
    """What a whole site is made from: the valid journeys and everything said about them."""

    journeys: Sequence[Journey]
    library: dict[str, Persona]
    diagnostics: Sequence[Diagnostic]
    paths: dict[str, str]  # journey id -> the file it came from
    today: date
    settings: Settings


def site_inputs(
    project: Any, journeys: Sequence[Journey], diagnostics: Sequence[Diagnostic], today: date
) -> SiteInputs:
    """SiteInputs of a loaded project (`journeymap.project.discovery.Portfolio`): library and paths."""
    return SiteInputs(
        journeys=journeys,
        library=Index.of(project.documents).library_personas,
        diagnostics=diagnostics,
        paths={d.journey.id: d.path for d in project.targets if d.journey is not None},
        today=today,
        settings=project.settings,
    )


def build_site(
    inputs: SiteInputs,
    *,
    fmt: str = "html",
    templates: Path | None = None,
    env: Environment | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, str]:
    """The whole site, page path -> text: what `serve` serves (`write_site` writes it).

    A page per journey in `maps/`, the portfolio dashboard (`index`), the gap report
    (`gap-report`) and a combined page per B2B2C pair (`b2b2c-<business map>`), all
    linked to each other. Persona views are the journey page with a filter
    (`maps/<id>.html#persona=<persona>`), not copies: the output grows with the maps,
    not with maps x personas. Deterministic.

    A big site is rendered in worker processes (`journeymap.pages.pool`), with the same
    bytes; `progress` then advances once the pages are back.
    """
    makers, order = _site_makers(inputs, fmt, env or environment(templates))
    made = render_pages(makers, total_bytes=source_bytes(inputs.paths.values()))
    pages = dict(page for i in order for page in made[i])
    _advance(progress, inputs.journeys)
    return pages


def write_site(
    inputs: SiteInputs,
    folder: Path,
    *,
    fmt: str = "html",
    templates: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """`build_site`, written into `folder`: what `render` does, with the same bytes as
    `write_pages(folder, build_site(...))`.

    Each page is written by the process that made it, into a staging folder, so the
    texts never cross a pipe back to this process and the writing runs on every core
    (measured on the 60-journey benchmark portfolio, 56 MB of pages: 0.3 s less). The
    pages are moved into place only once every page is made: a template that fails
    halfway leaves the site as it was.
    """
    makers, _ = _site_makers(inputs, fmt, environment(templates))
    with Staging(folder) as stage:
        writers = [functools.partial(_write_made, stage.path, make) for make in makers]
        made = render_pages(writers, total_bytes=source_bytes(inputs.paths.values()))
        names = sorted({name for names in made for name in names})
        targets = {name: site_target(folder, name) for name in names}
        stage.commit(targets)
    written = list(targets.values())
    remove_stale(written)  # left by `write_pages` in a run killed outright
    _advance(progress, inputs.journeys)
    return written


def _write_made(stage: Path, make: PageMaker) -> list[str]:
    """Make pages and stage them (module level, so that a worker can be handed it)."""
    names = []
    for name, text in make():
        site_target(stage, name)  # a safe name, before anything is written
        write_staged(stage, name, text)
        names.append(name)
    return names


def _advance(progress: Callable[[str], None] | None, journeys: Sequence[Journey]) -> None:
    if progress is not None:
        for journey in journeys:
            progress(journey.id)


def _site_makers(
    inputs: SiteInputs, fmt: str, env: Environment
) -> tuple[list[PageMaker], list[int]]:
    """The site's page makers in the order they are best started in, and the order of
    one process (journeys, dashboard and gap report, combined pages) that the pages are
    listed in."""
    suffix = f".{fmt}"
    journeys = list(inputs.journeys)
    portfolio = MapSet(journeys, inputs.library, roles(inputs.settings, COMMITTEE_COVERAGE))
    try:
        context = html_context(env) if fmt == "html" else {}
        page = env.get_template(f"journey{suffix}.j2")  # compiled once, before any fork
        index = env.get_template(f"index{suffix}.j2")
        gaps = env.get_template(f"gaps{suffix}.j2")
        combined = env.get_template("combined.html.j2") if fmt == "html" else None
    except TemplateError as exc:
        raise RenderError(template_problem(exc)) from None

    def make_site_pages() -> list[Page]:
        """The dashboard and the gap report: one analysis of gaps serves both."""
        settings = inputs.settings
        report = analyse_project(
            journeys, inputs.library, inputs.diagnostics, inputs.paths, settings, inputs.today
        )
        stale = option(settings, REVIEW_STALE)
        health = Health(inputs.diagnostics, inputs.paths, report, inputs.today, stale)
        dashboard = dashboard_view(journeys, portfolio, health, suffix)
        names = Names.of(journeys, inputs.library, suffix)
        gap_page = gap_view(report, SITE_TOP_GAPS, names, GAPS_CSV, site=True)
        return [
            (f"{INDEX}{suffix}", index.render(page=dashboard, **context)),
            (f"{GAP_REPORT}{suffix}", gaps.render(page=gap_page, **context)),
            (GAPS_CSV, gaps_csv(report, names, bom=True)),
        ]

    def journey_maker(journey: Journey) -> PageMaker:
        def make() -> list[Page]:
            view = journey_view(journey, portfolio, link_suffix=suffix)
            if fmt == "md":
                view = replace(view, mermaid=mermaid_view(journey, portfolio, None))
            return [(journey_page(journey.id, suffix, None), page.render(page=view, **context))]

        return make

    def combined_maker(business: Journey) -> PageMaker:
        def make() -> list[Page]:
            assert combined is not None
            view = combined_view(business, portfolio, suffix)
            return [(view.page, combined.render(page=view, **context))]

        return make

    # The site's own pages first (the gap analysis and the biggest page), so that one
    # worker starts on them while the other takes the journeys.
    businesses = business_layers(portfolio) if combined is not None else []
    makers = [make_site_pages, *map(journey_maker, journeys), *map(combined_maker, businesses)]
    n = len(journeys)
    return makers, [*range(1, 1 + n), 0, *range(1 + n, len(makers))]
