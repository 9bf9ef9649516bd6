"""Export journeys for other tools: Mermaid text, CSV (a row a touchpoint) or JSON.

CSV cells that would start a spreadsheet formula (=, +, -, @) are prefixed with a
quote. A journey that fails validation is reported and left out (exit 1).

With no paths, it exports what journeymap.yaml names, like the other commands.

Examples:

  journeymap export --format csv -o touchpoints.csv   # the config's journeys
  journeymap export journeys/acme.yaml --format mermaid
  journeymap export --format csv --bom -o touchpoints.csv   # for Excel
  journeymap export journeys/ --format csv -o touchpoints.csv
  journeymap export - --stdin-filename journeys/acme.yaml < acme.yaml   # standard input
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeymap.commands._choices import ExportFormat
from journeymap.commands._common import emit, load_and_report
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.disk.stdin_buffer import standing_for
from journeymap.engine.pipeline import Checked
from journeymap.formats.export import csv_text, json_text
from journeymap.pages.render import RenderError, render_mermaid
from journeymap.project.discovery import Project
from journeymap.project.stdin import is_stdin, read_stdin, stdin_path, stdin_plan, stdin_settings
from journeymap.views.site import MapSet


def export(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    output_format: ExportFormat = "json",
    output: Path | None = None,
    bom: bool = False,
    config: Path | None = None,
    stdin_filename: str | None = None,
) -> int:
    """Exit 1 when a journey failed validation (reported and left out), else 0."""
    if bom and output_format != "csv":
        raise UsageError(
            "--bom goes with --format csv only (JSON and Mermaid must not start with one)"
        )
    checked = _load(ui, paths or [], config, stdin_filename)
    journeys = checked.journeys
    if output_format == "csv":
        text = csv_text(journeys, bom=bom)
    elif output_format == "json":
        text = json_text(checked.models, checked.library)
    else:
        view = MapSet(journeys, checked.library)
        try:
            blocks = [f"%% journey: {j.id}\n" + render_mermaid(j, view) for j in journeys]
        except RenderError as exc:
            raise UsageError(str(exc)) from None
        text = "\n".join(blocks)
    emit(ui, text, output)
    return EXIT_FINDINGS if checked.failed else EXIT_OK


def _load(ui: Console, paths: Sequence[str], config: Path | None, name: str | None) -> Checked:
    """The named files, or standard input (`-`) as the file `--stdin-filename` names, read
    under the journeymap.yaml above that file, as `validate -` reads it."""
    if not is_stdin(list(paths)):
        if name is not None:
            raise UsageError("--stdin-filename goes with `-` (standard input) only")
        return load_and_report(ui, paths, config)
    path = stdin_path(name)
    settings = stdin_settings(path, config)
    with standing_for(path, read_stdin()):
        return load_and_report(ui, paths, config, Project(settings, stdin_plan(path, settings)))
