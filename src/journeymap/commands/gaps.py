"""Rank where the experience falls short of what matters: the gap report.

Importance vs performance, emotion, metric, funnel, handoff and open pain-point gaps,
one ranked list (scoring in the README), plus coverage and current-vs-future.
A journey that fails validation is reported and skipped (exit 1).

Examples:

  journeymap gaps --top 10                  # Markdown for a pull-request comment
  journeymap gaps --format html -o gaps.html
  journeymap gaps --format json | jq '.gaps[0]'
  journeymap gaps --format csv --bom -o gaps.csv   # every ranked gap, for Excel
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from journeymap.commands._choices import GapsFormat
from journeymap.commands._common import emit, load_and_report, today
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.core.textsafe import visible_json
from journeymap.gaps.report import analyse_project
from journeymap.gaps.results import report_json
from journeymap.pages.render import RenderError, render_gaps
from journeymap.views.gap_sections import Names
from journeymap.views.gaps import gap_view
from journeymap.views.gaps_csv import gaps_csv


def gaps(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    output_format: GapsFormat = "md",
    output: Path | None = None,
    top: int | None = None,
    templates: Path | None = None,
    bom: bool = False,
    config: Path | None = None,
) -> int:
    """Exit 1 when a journey failed validation (reported and left out), else 0."""
    if bom and output_format != "csv":
        raise UsageError(
            "--bom goes with --format csv only (the other formats must not start with one)"
        )
    checked = load_and_report(ui, paths or [], config)
    report = analyse_project(
        checked.journeys,
        checked.library,
        checked.diagnostics,
        checked.journey_paths,
        checked.settings,
        today(),
    )
    try:
        if output_format == "json":
            text = visible_json(json.dumps(report_json(report, top), indent=2, ensure_ascii=False))
            text += "\n"
        elif output_format == "csv":
            names = Names.of(checked.journeys, checked.library)  # a spreadsheet shows names
            text = gaps_csv(report, names, top, bom=bom)
        else:
            text = render_gaps(gap_view(report, top), output_format, templates=templates)
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    emit(ui, text, output)
    return EXIT_FINDINGS if checked.failed else EXIT_OK
