"""Rewrite journey and persona files into one canonical layout, keeping every comment.

Key order follows the format reference (ids first), indentation is two spaces, short
lists of ids or words stay on one line (lists of sentences are one item a line). The
meaning never changes (checked on every file before writing), files are written
atomically, and a file that does not parse is reported and left alone; a value
validate refuses that fmt cannot check (`.nan`) is validate's diagnostic.

Examples:

  journeymap fmt                # rewrite the config's files in place
  journeymap fmt --check        # in CI: exit 1 when a file is not formatted
  journeymap fmt --diff journeys/acme.yaml
  journeymap fmt - --stdin-filename journeys/acme.yaml < buffer.yaml   # to stdout
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any

from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, Console
from journeymap.core.diagnostics import Diagnostic
from journeymap.core.textsafe import visible
from journeymap.core.wording import count_of
from journeymap.disk.stdin_buffer import standing_for
from journeymap.engine.parallel import map_files
from journeymap.formatting.files import FileResult, format_file, unified_diff
from journeymap.loading.loader import load_source
from journeymap.project.config import Settings
from journeymap.project.discovery import plan_projects
from journeymap.project.stdin import is_stdin, read_stdin, stdin_path, stdin_settings
from journeymap.yaml.parse import parse


def files_to_format(
    paths: Sequence[str], *, skip_other: bool, config: Path | None
) -> list[tuple[Path, Settings]]:
    """The named files and folders (each under the nearest journeymap.yaml above it, for
    its size limit and project root), else the config's journey and persona globs."""
    projects = plan_projects(paths, config, skip_other=skip_other)
    return [(path, p.settings) for p in projects for path in p.plan.targets]


def fmt(
    ui: Console,
    paths: Sequence[str] | None = None,
    *,
    check: bool = False,
    show_diff: bool = False,
    skip_other: bool = False,
    config: Path | None = None,
    stdin_filename: str | None = None,
) -> int:
    """Exit 1 when a file cannot be formatted, or (check / diff) when one would change."""
    if is_stdin(list(paths or [])):
        return _fmt_stdin(ui, stdin_path(stdin_filename), config, check=check, diff=show_diff)
    jobs = files_to_format(paths or [], skip_other=skip_other, config=config)
    files = [path for path, _ in jobs]
    problems: list[Diagnostic] = []
    changed: list[Path] = []
    write = not (check or show_diff)
    with ui.progress(len(jobs), "Formatting") as advance:
        one = partial(_format_one, write=write)
        results = map_files(one, jobs, total_bytes=_size(files), done=lambda j: advance(str(j[0])))
    for path, result in zip(files, results, strict=True):
        if result.problem is not None:
            problems.append(result.problem)
        if not result.changed or (write and not result.written):
            continue
        changed.append(path)
        if show_diff:
            ui.data(unified_diff(result, str(path)))
        elif check:
            ui.message(f"would reformat {visible(str(path))}")
        else:
            ui.message(f"reformatted {visible(str(path))}", level=1)
    if problems:
        ui.problems(problems)
    verb = "would reformat" if (check or show_diff) else "reformatted"
    left = f", {len(problems)} left alone" if problems else ""
    ui.message(f"{verb} {len(changed)} of {count_of(len(files), 'file')}{left}")
    failed = bool(problems) or ((check or show_diff) and bool(changed))
    return EXIT_FINDINGS if failed else EXIT_OK


def _format_one(job: tuple[Path, Settings], *, write: bool) -> FileResult:
    """One file, in whichever process map_files runs it (module level: it is pickled)."""
    path, settings = job
    return explained(
        format_file(path, str(path), write=write, root=settings.root, limits=settings.read_limits)
    )


def explained(result: FileResult) -> FileResult:
    """fmt proves that a layout keeps a file's meaning by comparing its data before and
    after, and `.nan` never equals itself: a file holding one cannot be proven, which is
    no fault of fmt's. validate refuses such a value, so its diagnostic, at the value,
    says what to mend instead of "please report it"."""
    problem = result.problem
    if problem is None or problem.rule != "unformattable" or result.original is None:
        return result
    source = parse(problem.path, result.original.encode("utf-8"), track=True)
    spots = [source.locate(loc) for loc in _nans(source.data, ())]
    if not spots:
        return result
    load_source(source)
    said = [d for d in source.diagnostics if (d.line, d.column) in spots]
    line, column = spots[0]
    result.problem = (
        said[0]
        if said
        else Diagnostic(
            problem.path,
            line,
            column,
            "error",
            "invalid-value",
            "`.nan` (not a number) cannot be formatted: it equals no value, itself included, "
            "so fmt cannot check the file's meaning is kept",
            "write a number, or quote it (`'.nan'`) to keep it as text",
        )
    )
    return result


def _nans(data: Any, at: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    """Where the data holds a float NaN."""
    if isinstance(data, float) and math.isnan(data):
        yield at
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _nans(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _nans(value, (*at, i))


def _size(files: Sequence[Path]) -> int:
    """The bytes a run reads, which decide whether worker processes pay for themselves."""
    total = 0
    for path in files:
        with suppress(OSError):  # format_file reports the file
            total += path.stat().st_size
    return total


def _fmt_stdin(ui: Console, path: Path, config: Path | None, *, check: bool, diff: bool) -> int:
    """Standard input formatted onto stdout, for an editor's format-on-save.

    What cannot be formatted comes back byte for byte (exit 1, the reason on stderr), so
    an editor that replaces its buffer with our output never loses a keystroke.
    """
    settings = stdin_settings(path, config)
    raw = read_stdin()
    with standing_for(path, raw):
        result = explained(format_file(path, str(path), limits=settings.read_limits))
    if result.problem is not None:
        ui.problems([result.problem])
    if diff:
        if result.changed:
            ui.data(unified_diff(result, str(path)))
    elif check:
        if result.changed:
            ui.message(f"would reformat {path}")
    else:
        ui.data(result.text.encode("utf-8") if result.text is not None else raw)
    failed = result.problem is not None or ((check or diff) and result.changed)
    return EXIT_FINDINGS if failed else EXIT_OK
