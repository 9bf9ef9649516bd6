"""Render journey maps: one self-contained HTML page per journey plus index.html.

A journey that fails validation is reported as `validate` reports it and nothing is
written for it (exit 1); the others are still rendered. Pages are written atomically.

Examples:

  journeymap render                         # the config's journeys into its output folder
  journeymap render journeys/ -o site
  journeymap render --format md -o docs/journeys
  journeymap render --persona finance-director -o site/finance
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeymap.commands._choices import RenderFormat
from journeymap.commands._common import load_and_report
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, Console
from journeymap.core.clock import today
from journeymap.core.errors import UsageError
from journeymap.core.wording import count_of
from journeymap.disk.paths import write_pages
from journeymap.disk.writing import WriteError
from journeymap.model.who import personas_of
from journeymap.pages.render import RenderError, render_html, render_markdown
from journeymap.pages.site import site_inputs, write_site
from journeymap.views.site import MapSet


def render(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    output_format: RenderFormat = "html",
    output: Path | None = None,
    templates: Path | None = None,
    persona: str | None = None,
    config: Path | None = None,
) -> int:
    """Exit 1 when a journey failed validation (it is reported, not rendered), else 0."""
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: no such folder")
    checked = load_and_report(ui, paths or [], config)
    journeys = checked.journeys
    view = MapSet(journeys, checked.library)
    if persona is not None and not any(
        p.id == persona for j in journeys for p in personas_of(j, view.library)
    ):
        raise UsageError(f"--persona {persona}: no journey has a persona with that id")
    settings = checked.settings
    folder = output or (
        settings.root / settings.config.output if settings.config.output else Path("site")
    )
    renderer = render_html if output_format == "html" else render_markdown
    try:
        with ui.progress(len(journeys), "Rendering") as advance:
            if persona is not None:  # one persona's copy of each map (`--persona`)
                pages = renderer(
                    journeys, view, templates=templates, persona=persona, progress=advance
                )
                written = write_pages(folder, pages)
            else:  # the whole site: dashboard, maps, combined B2B2C pages, gap report
                inputs = site_inputs(checked.portfolio, journeys, checked.diagnostics, today())
                written = write_site(
                    inputs, folder, fmt=output_format, templates=templates, progress=advance
                )
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    except (WriteError, OSError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise UsageError(f"cannot write to {folder}: {why}") from None
    index = folder / ("index.html" if output_format == "html" else "index.md")
    ui.message(f"wrote {count_of(len(written), 'file')} to {folder}", style="green")
    if index.exists() and persona is None:
        ui.message(f"open {index}")
    return EXIT_FINDINGS if checked.failed else EXIT_OK
