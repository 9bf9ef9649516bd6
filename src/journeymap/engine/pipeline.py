"""Load -> check -> keep the valid journeys: the sequence render, gaps and export share.

`validate` streams instead (see engine/) because it needs no model after checking
a file; the commands that draw or rank need every valid journey at once, and this is
the one place that decides which those are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journeymap.checks.index import Index
from journeymap.checks.runner import check_portfolio
from journeymap.core.diagnostics import Diagnostic, sort_diagnostics
from journeymap.engine.portfolio import load_portfolio_checked
from journeymap.model import Journey, Persona, PersonaLibrary
from journeymap.project.config import Settings
from journeymap.project.discovery import Portfolio, Project, one_project


@dataclass(frozen=True)
class Checked:
    """A portfolio after every check: what was read, what was found, what can be used."""

    settings: Settings
    portfolio: Portfolio
    diagnostics: list[Diagnostic]  # sorted; errors, warnings and notes of the targets
    journeys: list[Journey]  # the targets' journeys that have no error, in file order
    library: dict[str, Persona]  # persona id -> persona, from every persona library read

    @property
    def failed_paths(self) -> set[str]:
        """Files with at least one error: reported, and left out of any output."""
        return {d.path for d in self.diagnostics if d.severity == "error"}

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def failed(self) -> bool:
        return bool(self.failed_paths)

    @property
    def models(self) -> list[Journey | PersonaLibrary]:
        """The valid models of the targets (journeys and persona libraries)."""
        failed = self.failed_paths
        return [
            doc.model
            for doc in self.portfolio.targets
            if doc.model is not None and doc.path not in failed
        ]

    @property
    def journey_paths(self) -> dict[str, str]:
        """Journey id -> the file it was read from, for every target journey."""
        return {d.journey.id: d.path for d in self.portfolio.targets if d.journey is not None}


def load_checked(
    paths: Sequence[str],
    config: Path | None,
    *,
    today: date,
    skip_other: bool = False,
    project: Project | None = None,
) -> Checked:
    """Settings, then the portfolio, then every check; raises UsageError on a bad setup.

    The files are loaded and the journeys' own checks run in worker processes when the
    portfolio is big enough (`engine.portfolio`); the findings are `check_loaded`'s.
    A `project` given (standard input's, say) is used instead of the one `paths` name.
    """
    if project is None:
        project = one_project(paths, config, skip_other=skip_other)
    return check_project(project, today)


def check_project(
    project: Project, today: date, advance: Callable[[str], None] | None = None
) -> Checked:
    """`load_checked` for a planned project; `advance` is called with each file's path
    once it is loaded (`project_size` files in all), for a progress bar."""
    portfolio, found = load_portfolio_checked(project, today, advance)
    return _checked(project.settings, portfolio, found)


def project_size(project: Project) -> int:
    """How many files `check_project` loads: the targets and the context."""
    return len(project.plan.targets) + len(project.plan.context)


def check_loaded(settings: Settings, portfolio: Portfolio, today: date) -> Checked:
    """Every check over a loaded portfolio (`serve` loads it itself, to report problems)."""
    found = [d for doc in portfolio.targets for d in doc.diagnostics]
    found.extend(check_portfolio(portfolio, today))
    return _checked(settings, portfolio, found)


def _checked(settings: Settings, portfolio: Portfolio, found: list[Diagnostic]) -> Checked:
    diagnostics = sort_diagnostics(found)
    failed = {d.path for d in diagnostics if d.severity == "error"}
    journeys = [
        doc.journey
        for doc in portfolio.targets
        if doc.journey is not None and doc.path not in failed
    ]
    library = Index.of(portfolio.documents).library_personas
    return Checked(settings, portfolio, diagnostics, journeys, library)
