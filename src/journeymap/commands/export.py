"""Export journeys for other tools: Mermaid text, CSV (a row a touchpoint) or JSON.

CSV cells that would start a spreadsheet formula (=, +, -, @) are prefixed with a
quote. A journey that fails validation is reported and left out (exit 1).

With no paths, it exports what journeymap.yaml names, like the other commands.

Examples:

  journeymap export --format csv -o touchpoints.csv   # the config's journeys
  journeymap export journeys/acme.yaml --format mermaid
  journeymap export --format mermaid -o diagrams/   # one .mmd file a journey
  journeymap export --format mermaid -o maps.md     # a page of ```mermaid blocks
  journeymap export --format csv --bom -o touchpoints.csv   # for Excel
  journeymap export journeys/ --format csv -o touchpoints.csv
  journeymap export - --stdin-filename journeys/acme.yaml < acme.yaml   # standard input
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from journeymap.commands._choices import ExportFormat
from journeymap.commands._common import emit, load_and_report
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.core.escapes import markdown_escape
from journeymap.disk.stdin_buffer import standing_for
from journeymap.engine.pipeline import Checked
from journeymap.formats.export import csv_text, json_text
from journeymap.model import Journey
from journeymap.pages.render import RenderError, render_mermaid
from journeymap.project.discovery import Project
from journeymap.project.stdin import is_stdin, read_stdin, stdin_path, stdin_plan, stdin_settings
from journeymap.views.site import MapSet


def export(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    output_format: ExportFormat = "json",
    output: Path | str | None = None,
    bom: bool = False,
    config: Path | None = None,
    stdin_filename: str | None = None,
) -> int:
    """Exit 1 when a journey failed validation (reported and left out), else 0."""
    if bom and output_format != "csv":
        raise UsageError(
            "--bom goes with --format csv only (JSON and Mermaid must not start with one)"
        )
    folder = output is not None and (str(output).endswith(("/", os.sep)) or Path(output).is_dir())
    output = Path(output) if output is not None else None
    checked = _load(ui, paths or [], config, stdin_filename)
    journeys = checked.journeys
    if output_format == "csv":
        text = csv_text(journeys, bom=bom)
    elif output_format == "json":
        text = json_text(checked.models, checked.library)
    else:
        _mermaid(ui, journeys, MapSet(journeys, checked.library), output, folder=folder)
        return EXIT_FINDINGS if checked.failed else EXIT_OK
    emit(ui, text, output)
    return EXIT_FINDINGS if checked.failed else EXIT_OK


def _mermaid(
    ui: Console, journeys: Sequence[Journey], view: MapSet, output: Path | None, *, folder: bool
) -> None:
    """A Mermaid file holds one diagram. One journey: its diagram. Several: one `ID.mmd`
    each into the folder `-o DIR/` names, or a Markdown page of ```mermaid blocks (to
    stdout, or `-o FILE.md`); any other file for several is a usage error."""
    try:
        diagrams = {j.id: f"%% journey: {j.id}\n" + render_mermaid(j, view) for j in journeys}
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    if output is not None and folder:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot make the folder {output}: {exc.strerror}") from None
        for jid, diagram in diagrams.items():
            emit(ui, diagram, output / f"{jid}.mmd")
        return
    markdown = output is not None and output.suffix.lower() in (".md", ".markdown")
    if len(diagrams) <= 1 and not markdown:
        emit(ui, "".join(diagrams.values()), output)
        return
    if output is not None and not markdown:
        count = len(diagrams)
        raise UsageError(
            f"{count} journeys make {count} Mermaid diagrams, and a Mermaid file holds one: "
            f"name a folder (-o {output.with_suffix('')}/) for a .mmd file each, or a Markdown file "
            f"(-o {output.with_suffix('.md')}) for a page of ```mermaid blocks"
        )
    emit(ui, mermaid_page(journeys, diagrams), output)


def mermaid_page(journeys: Sequence[Journey], diagrams: dict[str, str]) -> str:
    """Markdown: a heading and a fenced ```mermaid block a journey (GitHub draws each)."""
    parts = []
    for journey in journeys:
        parts.append(
            f"## {markdown_escape(journey.title)}\n\n```mermaid\n{diagrams[journey.id]}```\n"
        )
    return "\n".join(parts)


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
