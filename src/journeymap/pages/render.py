"""The Jinja environment; view data -> HTML and Markdown pages; atomic writes of a site.

Built-in templates live in `journeymap/templates`; `--templates DIR` puts a folder in
front of them so any template can be overridden by name (as mkdocs themes are).
Autoescaping is on for every HTML and SVG template, explicitly: `select_autoescape`
does not recognise the `.html.j2` names.
"""

from __future__ import annotations

import base64
import hashlib
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
)
from markupsafe import Markup

from journeymap.core.escapes import markdown_escape, mermaid_actor, mermaid_escape
from journeymap.core.textsafe import visible
from journeymap.model import Journey
from journeymap.model.who import personas_of
from journeymap.pages.templating import FastSandbox
from journeymap.views.gaps import GapReport
from journeymap.views.journey import journey_view
from journeymap.views.mermaid import mermaid_view
from journeymap.views.site import MapSet, journey_page

TEMPLATE_NAMES = {
    "journey.html.j2": "one journey map page",
    "index.html.j2": "the portfolio page",
    "journey.md.j2": "one journey as GitHub Markdown",
    "index.md.j2": "the portfolio as Markdown",
    "journey.mermaid.j2": "the Mermaid journey diagram (used by the Markdown page and export)",
    "map.css": "the styles inlined in every HTML page",
    "map.js": "the persona filter script inlined in journey pages",
    "gaps.md.j2": "the gap report as Markdown",
    "gaps.html.j2": "the gap report as an HTML page",
    "combined.html.j2": "the combined page of a B2B2C pair (business above consumer)",
}
_AUTOESCAPED = (".html.j2", ".svg.j2", ".xml.j2")


class RenderError(Exception):
    """A template failed (usually an override): one line for the user, exit 2."""


def environment(templates: Path | None = None) -> Environment:
    loaders: list[Any] = []
    if templates is not None:
        loaders.append(FileSystemLoader(str(templates)))
    loaders.append(PackageLoader("journeymap", "templates"))
    env = FastSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: name is not None and name.endswith(_AUTOESCAPED),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["mermaid"] = mermaid_escape
    env.filters["mermaid_actor"] = mermaid_actor
    return env


# --- pages -------------------------------------------------------------------------------------


def _inline(env: Environment, name: str) -> str:
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _journey_pages(
    env: Environment,
    suffix: str,
    journeys: Sequence[Journey],
    portfolio: MapSet,
    persona: str | None,
    progress: Callable[[str], None] | None,
    context: dict[str, str],
) -> dict[str, str]:
    """One page per journey in `maps/` (with `persona`, only the journeys they are part of)."""
    pages: dict[str, str] = {}
    page = env.get_template(f"journey.{suffix}.j2")
    for journey in journeys:
        if persona is not None and not _has_persona(journey, portfolio, persona):
            continue
        view = journey_view(journey, portfolio, persona=persona, link_suffix=f".{suffix}")
        if suffix == "md":
            view = replace(view, mermaid=mermaid_view(journey, portfolio, persona))
        pages[journey_page(journey.id, f".{suffix}", persona)] = page.render(page=view, **context)
        if progress is not None:
            progress(journey.id)
    return pages


def html_context(env: Environment) -> dict[str, str]:
    """What every HTML page inlines: the styles, the script and the script's CSP hash."""
    script = _inline(env, "map.js")
    return {
        "styles": Markup(_inline(env, "map.css")),
        "script": Markup(script),
        "script_hash": _csp_hash(script),
    }


def render_html(
    journeys: Sequence[Journey],
    portfolio: MapSet,
    *,
    templates: Path | None = None,
    persona: str | None = None,
    progress: Callable[[str], None] | None = None,
    env: Environment | None = None,
) -> dict[str, str]:
    """Page path -> text for every journey (`maps/<id>.html`); `build_site` adds the
    site's own pages. With `persona`, that persona's copy of each map they are part of.

    `env` lets a caller that renders many times (serve, every persona) compile the
    templates once instead of on every call.
    """
    env = env or environment(templates)
    try:
        return _journey_pages(
            env, "html", journeys, portfolio, persona, progress, html_context(env)
        )
    except TemplateError as exc:
        raise RenderError(template_problem(exc)) from None


def render_markdown(
    journeys: Sequence[Journey],
    portfolio: MapSet,
    *,
    templates: Path | None = None,
    persona: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, str]:
    """Page path -> Markdown for every journey (`maps/<id>.md`). Deterministic."""
    env = environment(templates)
    try:
        return _journey_pages(env, "md", journeys, portfolio, persona, progress, {})
    except TemplateError as exc:
        raise RenderError(template_problem(exc)) from None


def render_mermaid(journey: Journey, portfolio: MapSet, *, templates: Path | None = None) -> str:
    env = environment(templates)
    try:
        return env.get_template("journey.mermaid.j2").render(
            mermaid=mermaid_view(journey, portfolio)
        )
    except TemplateError as exc:
        raise RenderError(template_problem(exc)) from None


def _has_persona(journey: Journey, portfolio: MapSet, persona: str) -> bool:
    return any(p.id == persona for p in personas_of(journey, portfolio.library))


def template_problem(exc: TemplateError) -> str:
    """One line: the template and line (a syntax error's own, else the innermost template
    in the traceback) and what went wrong, such as the sandbox's `... is unsafe`."""
    where = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if where is None:
        where, line = _failing_template(exc)
    at = f" ({where}{f':{line}' if line else ''})" if where else ""
    return visible(f"template error{at}: {exc.message or exc}")


def _failing_template(exc: BaseException) -> tuple[str | None, int | None]:
    """Where in a template file a runtime error was raised: Jinja rewrites the traceback
    so that each template frame is named after its file, at the template's line."""
    found: tuple[str | None, int | None] = (None, None)
    for frame, line in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if "__jinja_exception__" in frame.f_globals and not name.startswith("<"):
            found = (name, line)
    return found


def render_gaps(
    view: GapReport, fmt: str, *, templates: Path | None = None, env: Environment | None = None
) -> str:
    """The gap report as Markdown or a self-contained HTML page."""
    env = env or environment(templates)
    try:
        if fmt == "html":
            styles = Markup(_inline(env, "map.css"))
            return env.get_template("gaps.html.j2").render(page=view, styles=styles)
        return env.get_template("gaps.md.j2").render(page=view)
    except TemplateError as exc:
        raise RenderError(template_problem(exc)) from None
