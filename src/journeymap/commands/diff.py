"""Show what changed in the journey maps, by meaning: matched by id, never by position.

Arguments follow git diff: none compares the working tree with HEAD; one revision
compares it with the working tree; two revisions compare them; two files compare the
files (this works outside a repository too); `-- PATH...` limits the files.
Formatting, key order and comments never show up as changes.

Examples:

  journeymap diff                          # uncommitted changes to the maps
  journeymap diff main --format md         # since main, for a PR comment
  journeymap diff v1.0 v2.0 -- journeys/acme.yaml
  journeymap diff old.yaml new.yaml --exit-code
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeymap.commands._choices import DiffFormat
from journeymap.commands._output import EXIT_FINDINGS, EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.core.wording import count_of
from journeymap.diff import driver
from journeymap.diff.compare import diff_sides
from journeymap.diff.gitfiles import GitError
from journeymap.diff.output import format_json, format_markdown, text_lines
from journeymap.diff.revisions import resolve
from journeymap.diff.sides import load_side


def diff(
    ui: Console,
    args: Sequence[str] | None = None,
    pathspecs: Sequence[str] = (),
    *,
    output_format: DiffFormat = "text",
    exit_code: bool = False,
    git_driver: bool = False,
    textconv: bool = False,
    config: Path | None = None,
    cwd: Path | None = None,
) -> int:
    """Exit 1 when a file could not be compared, or (`exit_code`) when something changed.

    `args` are all the arguments, `pathspecs` those that followed `--`; git calls the
    `git_driver` and `textconv` modes with its own arguments.
    """
    values = list(args or [])
    if textconv:
        for chunk in driver.textconv(values):
            ui.data(chunk)
        return EXIT_OK
    if git_driver:
        ui.data(driver.external_diff(values))
        return EXIT_OK
    positional = values[: len(values) - len(pathspecs)] if pathspecs else values
    try:
        sides = resolve(positional, pathspecs, cwd=cwd or Path.cwd(), config=config)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    result = diff_sides(load_side(sides.old), load_side(sides.new))
    if result.broken:
        ui.problems(result.broken)
        count = len(result.broken_files())
        ui.message(f"{count_of(count, 'file')} could not be compared", style="bold red")
    if output_format == "json":
        ui.data(format_json(result))
    elif output_format == "md":
        ui.data(format_markdown(result))
    else:
        ui.styled([[(style, line)] for style, line in text_lines(result)])
    if not result.changes and not result.broken:
        ui.message("no changes to the journey maps", style="dim", level=1)
    if result.broken:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if exit_code and result.changes else EXIT_OK
