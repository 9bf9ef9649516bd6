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

from collections.abc import Mapping, Sequence
from pathlib import Path

import journeymap
from journeymap.checks.catalogue import RULES
from journeymap.commands._choices import ValidateFormat
from journeymap.commands._common import no_cyclic_gc, report_files, today
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Console, SourceLines
from journeymap.core.diagnostics import Diagnostic, Summary, is_failure, sort_diagnostics
from journeymap.core.errors import UsageError
from journeymap.disk.stdin_buffer import standing_for
from journeymap.engine.cache import CacheOptions, open_store
from journeymap.engine.parallel import worker_count
from journeymap.engine.validate import previous_journey_ids, validate_files
from journeymap.formats.machine import diagnostics_json, github_annotations, sarif_log
from journeymap.formats.sourceroot import source_root
from journeymap.project.discovery import Project, plan_projects, with_dependants
from journeymap.project.stdin import is_stdin, read_stdin, stdin_path, stdin_plan, stdin_settings


def validate(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    output_format: ValidateFormat = "text",
    strict: bool = False,
    skip_other: bool = False,
    config: Path | None = None,
    stdin_filename: str | None = None,
    cache_dir: Path | None = None,
    no_cache: bool = False,
) -> int:
    """Exit 1 on errors (or on warnings with `strict`), else 0; 2 on usage errors, which
    machine formats report in their own shape (a SARIF upload must never meet prose)."""
    no_cyclic_gc()
    cache = CacheOptions(not no_cache, cache_dir)
    try:
        worker_count()  # a bad JOURNEYMAP_WORKERS is a usage error, in the format asked for
        if is_stdin(list(paths or [])):
            path = stdin_path(stdin_filename)
            settings = stdin_settings(path, config)
            plan = stdin_plan(path, settings)
            with standing_for(path, read_stdin()):
                return _run(
                    ui, output_format, [Project(settings, plan)], cache, strict=strict, stdin=True
                )
        projects = plan_projects(paths or [], config, skip_other=skip_other)
    except UsageError as exc:
        if output_format == "text":
            raise
        _machine(ui, output_format, sort_diagnostics(exc.diagnostics), 0, str(exc))
        ui.error(str(exc))
        return EXIT_USAGE
    return _run(ui, output_format, projects, cache, strict=strict)


def _run(
    ui: Console,
    output_format: ValidateFormat,
    projects: list[Project],
    cache: CacheOptions,
    *,
    strict: bool,
    stdin: bool = False,
) -> int:
    """Each project checked under its own settings (and cache); one report for them all.
    A run on named files also checks the journeys their change can break (a hook's run);
    an editor's buffer on standard input is checked alone."""
    found: list[Diagnostic] = []
    frames: list[tuple[Mapping[str, SourceLines], list[Diagnostic]]] = []
    files = 0
    # with_dependants adds context files only: the total stays the targets and the context
    total = sum(len({*p.plan.targets, *p.plan.context}) for p in projects)
    with ui.progress(total, "Checking") as advance:
        for project in projects:
            plan, settings = project.plan, project.settings
            report_files(ui, plan.skipped, plan.context)
            opened = open_store(settings, cache)
            if opened.note is not None:
                style = "yellow" if opened.warn else "dim"
                ui.message(opened.note, style=style, level=0 if opened.warn else 1)
            store = opened.store
            targets = plan.targets
            if not stdin:
                before = previous_journey_ids(store, plan.targets)
                targets = with_dependants(plan, settings.read_limits, before)
            outcome = validate_files(targets, plan.context, settings, today(), store, advance)
            if store is not None:
                ui.message(
                    f"cache: {outcome.reused} unchanged, {outcome.read} read ({store.file})",
                    style="dim",
                    level=1,
                )
            found.extend(outcome.diagnostics)
            frames.append((outcome.sources, outcome.diagnostics))
            files += outcome.files
    diagnostics = sort_diagnostics(found)
    if output_format == "text":
        # code frames: the text of each file with findings, read only now (lazily)
        sources = {d.path: src[d.path] for src, ds in frames for d in ds if d.path in src}
        ui.diagnostics(diagnostics, sources)
    else:
        _machine(ui, output_format, diagnostics, files)
    failed = is_failure(diagnostics, strict=strict)
    summary = Summary.of(diagnostics, files).sentence()
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
        return
    root = source_root([d.path for d in diagnostics], Path.cwd())  # paths from the repo's root
    if output_format == "github":
        ui.data(github_annotations(diagnostics, error, root))
    else:
        ui.data(sarif_log(diagnostics, RULES, journeymap.__version__, error, root=root))
