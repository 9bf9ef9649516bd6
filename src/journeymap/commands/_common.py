"""Steps several commands share: the clock, the checked portfolio, writing a report."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from journeymap.commands._output import Console
from journeymap.core.clock import ClockError
from journeymap.core.clock import today as clock_today
from journeymap.core.errors import UsageError
from journeymap.core.wording import count_of
from journeymap.disk.writing import WriteError, write_atomic
from journeymap.engine.pipeline import Checked, check_project, project_size
from journeymap.project.discovery import Project, one_project


def today() -> date:
    """The clock, with a bad JOURNEYMAP_TODAY as a usage problem (exit 2)."""
    try:
        return clock_today()
    except ClockError as exc:
        raise UsageError(str(exc)) from None


def no_cyclic_gc() -> None:
    """A run builds many small, acyclic objects and then ends: the cyclic collector would
    only walk them again and again (measured: the largest single cost after parsing)."""
    gc.disable()


def report_files(ui: Console, skipped: Sequence[Path], context: Sequence[object]) -> None:
    """With -v: which files were passed over and which were read only for references."""
    for path in skipped:
        ui.message(f"skipped {path}: no top-level `journeymap` key", style="dim", level=1)
    for doc in context:
        ui.message(f"read {getattr(doc, 'path', doc)} for references", style="dim", level=1)


def load_and_report(
    ui: Console, paths: Sequence[str], config: Path | None, project: Project | None = None
) -> Checked:
    """The checked portfolio, with its errors reported on stderr (stdout is the output).

    Files with errors are named and left out of what the command produces. A `project`
    given is checked instead of the one `paths` name (see `load_checked`).
    """
    no_cyclic_gc()
    when = today()
    if project is None:
        project = one_project(paths, config)
    with ui.progress(project_size(project), "Reading") as advance:
        checked = check_project(project, when, advance)
    report_files(ui, checked.portfolio.skipped, checked.portfolio.context)
    if checked.errors:
        ui.problems(checked.errors)
        failed = sorted(checked.failed_paths)
        ui.message(
            f"skipped {count_of(len(failed), 'file')} with errors: {', '.join(failed)}",
            style="bold red",
        )
    return checked


def emit(ui: Console, text: str, output: Path | None) -> None:
    """A report to stdout, or atomically to the file named with -o."""
    if output is None:
        ui.data(text)
        return
    try:
        write_atomic(output, text)
    except WriteError as exc:
        raise UsageError(str(exc)) from None
    ui.message(f"wrote {output}", style="green")
