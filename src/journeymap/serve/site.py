"""Build the served site in memory: the pages `render` writes, plus what is wrong.

Each build reads the project again from scratch (the same steps as `render`: load,
check, render the valid journeys), so the result is exactly what `render` would write
at that moment; the example portfolio builds in well under a second. Nothing is
written anywhere. A builder remembers, across builds, the last good page of each
journey file, so that when a file breaks its open page keeps the map under the
overlay instead of going blank, and the page it lived at while it was valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journeymap.core.diagnostics import Diagnostic, sort_diagnostics
from journeymap.core.errors import UsageError
from journeymap.engine.pipeline import check_loaded
from journeymap.engine.portfolio import load_portfolio
from journeymap.loading.loader import Document
from journeymap.pages.render import RenderError, environment
from journeymap.pages.site import build_site, site_inputs
from journeymap.project.discovery import Portfolio, one_project
from journeymap.serve import live
from journeymap.serve.model import FileProblems, Problem, Site
from journeymap.views.site import GAP_REPORT as _GAP_REPORT
from journeymap.views.site import journey_page

GAP_REPORT = f"{_GAP_REPORT}.html"  # the site's gap report, as `render` writes it
PROBLEM_PAGES = "__journeymap/problems/"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_LINE_READ = 1 << 20  # a code frame never reads more than this much of a file


def problem_page(path: str) -> str:
    """The page of a file that has no map: a name no journey id can take (ids have no `/`)."""
    return PROBLEM_PAGES + _SLUG.sub("-", path).strip("-") + ".html"


@dataclass
class _Raw:
    """One build before the live parts are added: page text and what is wrong."""

    pages: dict[str, str]
    problems: list[FileProblems] = field(default_factory=list)
    journeys: int = 0
    warnings: int = 0
    files: list[str] = field(default_factory=list)
    whole_project: bool = False  # the config or a template failed: nothing was rendered


class SiteBuilder:
    """Builds the site for `paths` / `config` as `render` would, again and again.

    `build` never raises on bad input: a file that does not parse, a broken config or
    a failing template override all become problems in the returned Site.
    """

    def __init__(
        self,
        paths: Sequence[str],
        config: Path | None,
        templates: Path | None,
        today: Callable[[], date],
    ) -> None:
        self.paths = list(paths)
        self.config = config
        self.templates = templates
        self.today = today
        self._last_good: dict[str, str] = {}  # page -> its last text without problems
        self._page_of: dict[str, str] = {}  # file -> the page it had while it was valid

    # --- the steps of `render` -----------------------------------------------------------

    def build(self) -> Site:
        """The site as the files are now; whatever is wrong becomes problems in it."""
        import os

        try:
            return self._build()
        except Exception as exc:  # a bug must not end the preview: show it, keep serving
            if os.environ.get("JOURNEYMAP_DEBUG"):
                raise
            message = (
                f"internal error: {type(exc).__name__}: {exc} (please report this with the "
                "file that caused it; set JOURNEYMAP_DEBUG=1 for details)"
            )
            return self._assemble(self._whole_project_problem(message, []))

    def _build(self) -> Site:
        try:
            portfolio = load_portfolio(one_project(self.paths, self.config))
        except UsageError as exc:
            return self._assemble(self._whole_project_problem(str(exc), exc.diagnostics))
        try:
            raw = self._render(portfolio)
        except RenderError as exc:
            return self._assemble(self._whole_project_problem(str(exc), []))
        return self._assemble(raw)

    def _render(self, portfolio: Portfolio) -> _Raw:
        today = self.today()
        checked = check_loaded(portfolio.settings, portfolio, today)
        diagnostics, journeys, failed = checked.diagnostics, checked.journeys, checked.failed_paths
        env = environment(self.templates)  # once a build: an edited override is read again
        pages = build_site(site_inputs(portfolio, journeys, diagnostics, today), env=env)

        problems = self._file_problems(portfolio.targets, diagnostics, pages)
        for doc in portfolio.targets:
            if doc.journey is not None and doc.path not in failed:
                self._page_of[doc.path] = journey_page(doc.journey.id)
        known = {doc.path for doc in portfolio.targets}
        self._page_of = {k: v for k, v in self._page_of.items() if k in known}
        return _Raw(
            pages=pages,
            problems=problems,
            journeys=len(journeys),
            warnings=sum(1 for d in diagnostics if d.severity == "warning"),
            files=[doc.path for doc in portfolio.targets],
        )

    # --- problems ------------------------------------------------------------------------

    def _file_problems(
        self, docs: Sequence[Document], diagnostics: Sequence[Diagnostic], pages: dict[str, str]
    ) -> list[FileProblems]:
        """Errors grouped by file, each group with the page that shows it."""
        by_path: dict[str, list[Diagnostic]] = {}
        for d in diagnostics:
            if d.severity == "error":
                by_path.setdefault(d.path, []).append(d)
        docs_by_path = {doc.path: doc for doc in docs}
        out = []
        for path, found in by_path.items():
            doc = docs_by_path.get(path)
            page = self._page_for(doc, pages) if doc is not None else None
            line = doc.source.line if doc is not None else _line_reader(path)
            out.append(FileProblems(path, page, tuple(Problem(d, line(d.line)) for d in found)))
        return sorted(out, key=lambda f: f.path)

    def _page_for(self, doc: Document, pages: dict[str, str]) -> str | None:
        """Where a broken file's problems show: its map if it has or had one, else its own page."""
        if doc.library is not None:
            return None
        if doc.journey is not None:
            return journey_page(doc.journey.id)
        data = doc.source.data
        if isinstance(data, dict):
            if data.get("kind") == "personas":
                return None
            journey_id = data.get("id")
            if isinstance(journey_id, str) and _ID.match(journey_id):
                return journey_page(journey_id)
        return self._page_of.get(doc.path) or problem_page(doc.path)

    def _whole_project_problem(self, message: str, diagnostics: Sequence[Diagnostic]) -> _Raw:
        """The config is broken or a template fails: every page keeps its map under the overlay."""
        problems: list[FileProblems] = []
        by_path: dict[str, list[Diagnostic]] = {}
        for d in sort_diagnostics(diagnostics):
            by_path.setdefault(d.path, []).append(d)
        for path, found in by_path.items():
            line = _line_reader(path)
            problems.append(
                FileProblems(path, None, tuple(Problem(d, line(d.line)) for d in found))
            )
        if not problems:
            # a broken template or a failed build: the set-up, not a journey file, is wrong
            summary = Diagnostic("journeymap", 1, 1, "error", "invalid-config", message)
            problems.append(FileProblems("the project", None, (Problem(summary),)))
        return _Raw(pages=dict(self._last_good), problems=problems, whole_project=True)

    # --- served pages --------------------------------------------------------------------

    def _assemble(self, raw: _Raw) -> Site:
        """Raw pages -> served bytes: overlays where there are problems, the live script everywhere."""
        everywhere = [f for f in raw.problems if f.page is None]
        on_page: dict[str, list[FileProblems]] = {}
        for f in raw.problems:
            if f.page is not None:
                on_page.setdefault(f.page, []).append(f)

        texts = dict(raw.pages)
        if raw.whole_project:  # what is served is the last good site, all of it stale
            stale = set(texts)
        else:
            stale = {n for n in on_page if n not in texts and n in self._last_good}
            kept = {n: self._last_good[n] for n in stale}
            texts.update(kept)
            self._last_good = {**raw.pages, **kept}
        for name in on_page:
            texts.setdefault(
                name,
                live.render_shell(
                    "This file has no map yet", "Fix the errors below and the map appears here."
                ),
            )
        texts.setdefault(
            "index.html",
            live.render_shell("Journey maps", "No map can be shown until the problems are fixed."),
        )

        served: dict[str, bytes] = {}
        etags: dict[str, str] = {}
        for name, text in texts.items():
            if not name.endswith(".html"):  # a download (gaps.csv): served as render writes it
                etags[name] = live.fingerprint(text)
                served[name] = text.encode("utf-8")
                continue
            is_index = name == "index.html"
            shown = list(raw.problems) if is_index else everywhere + on_page.get(name, [])
            if shown:
                overlay = live.render_overlay(shown, inline=is_index, stale=name in stale)
                text = live.with_overlay(text, overlay)
            etag = live.fingerprint(text)
            etags[name] = etag
            served[name] = live.with_live_script(text, etag).encode("utf-8")
        return Site(
            pages=served,
            etags=etags,
            problems=tuple(raw.problems),
            journeys=raw.journeys,
            warnings=raw.warnings,
            files=tuple(raw.files),
        )


def not_found_page() -> tuple[bytes, str]:
    """The 404 page (with the live script, so it turns into the page once that exists)."""
    text = live.render_shell("No page here", "There is no page at this address in the site.")
    etag = ""
    return live.with_live_script(text, etag).encode("utf-8"), etag


def _line_reader(path: str) -> Callable[[int], str | None]:
    """Source lines of a file the build has no Source for (the config), read at most once."""
    lines: list[str] | None = None

    def line(number: int) -> str | None:
        nonlocal lines
        if lines is None:
            try:
                with Path(path).open("rb") as handle:
                    lines = handle.read(_MAX_LINE_READ).decode("utf-8", "replace").splitlines()
            except OSError:
                lines = []
        return lines[number - 1] if 0 < number <= len(lines) else None

    return line
