"""Check journey files: YAML, types, references and completeness rules.

Exit 0 when valid, 1 on findings (errors, or warnings with --strict), 2 on usage
problems such as a missing file or a broken journeymap.yaml.

Examples:

  journeymap validate                      # the files journeymap.yaml names
  journeymap validate journeys/ --strict   # a folder, warnings fail too
  journeymap validate --format github      # annotations in GitHub Actions
  journeymap validate - --stdin-filename journeys/acme.yaml < buffer.yaml
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import journeymap
from journeymap.checks.catalogue import RULES
from journeymap.commands._choices import ValidateFormat
from journeymap.commands._common import no_cyclic_gc, report_files, today
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Console
from journeymap.config import Settings, UsageError, load_settings
from journeymap.diagnostics import Diagnostic, Summary, is_failure, sort_diagnostics
from journeymap.formats.machine import diagnostics_json, github_annotations, sarif_log
from journeymap.project import Plan, plan_portfolio
from journeymap.stdin import (
    is_stdin,
    read_stdin,
    standing_for,
    stdin_path,
    stdin_plan,
    stdin_settings,
)
from journeymap.streaming import validate_stream


def validate(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    output_format: ValidateFormat = "text",
    strict: bool = False,
    skip_other: bool = False,
    config: Path | None = None,
    stdin_filename: str | None = None,
) -> int:
    """Exit 1 on errors (or on warnings with `strict`), else 0; 2 on usage errors, which
    machine formats report in their own shape (a SARIF upload must never meet prose)."""
    no_cyclic_gc()
    try:
        if is_stdin(list(paths or [])):
            path = stdin_path(stdin_filename)
            settings = stdin_settings(path, config)
            plan = stdin_plan(path, settings)
            with standing_for(path, read_stdin()):
                return _run(ui, output_format, plan, settings, strict=strict)
        settings = load_settings(explicit=config)
        plan = plan_portfolio(paths or [], settings, skip_other=skip_other)
    except UsageError as exc:
        if output_format == "text":
            raise
        _machine(ui, output_format, sort_diagnostics(exc.diagnostics), 0, str(exc))
        ui.error(str(exc))
        return EXIT_USAGE
    return _run(ui, output_format, plan, settings, strict=strict)


def _run(
    ui: Console, output_format: ValidateFormat, plan: Plan, settings: Settings, *, strict: bool
) -> int:
    report_files(ui, plan.skipped, plan.context)
    outcome = validate_stream(plan.targets, plan.context, settings, today())
    diagnostics = sort_diagnostics(outcome.diagnostics)
    if output_format == "text":
        ui.diagnostics(diagnostics, outcome.sources)
    else:
        _machine(ui, output_format, diagnostics, outcome.files)
    failed = is_failure(diagnostics, strict=strict)
    summary = Summary.of(diagnostics, outcome.files).sentence()
    ui.message(summary, style="bold red" if failed else "green")
    return EXIT_FINDINGS if failed else EXIT_OK


def _machine(
    ui: Console,
    output_format: ValidateFormat,
    diagnostics: list[Diagnostic],
    files: int,
    error: str | None = None,
) -> None:
    if output_format == "json":
        ui.data(diagnostics_json(diagnostics, files, error))
    elif output_format == "github":
        ui.data(github_annotations(diagnostics, error))
    else:
        ui.data(sarif_log(diagnostics, RULES, journeymap.__version__, error))
