"""Start a project: journeymap.yaml, a personas library, journeys and a CI workflow.

Templates: b2b (awareness to advocacy, with a future-state map), b2b2c (a partner
layer and a consumer layer, linked), blueprint (a service blueprint). The files
validate with --strict and render as they are; each starts with a schema line for
editors. Existing files are never overwritten without --force.

Examples:

  journeymap init my-journeys
  journeymap init support-maps --template blueprint
"""

from __future__ import annotations

from pathlib import Path

from journeymap.commands._choices import TemplateName
from journeymap.commands._common import today
from journeymap.commands._output import EXIT_OK, Console
from journeymap.config import UsageError
from journeymap.scaffold import ScaffoldError, scaffold
from journeymap.writing import WriteError


def init(
    ui: Console, directory: Path, *, template: TemplateName = "b2b", force: bool = False
) -> int:
    """Write the template's files into `directory`; refuse to overwrite without `force`."""
    try:
        written = scaffold(directory, template, today(), force=force)
    except (ScaffoldError, WriteError) as exc:
        raise UsageError(str(exc)) from None
    for path in written:
        ui.message(f"wrote {path}", level=1)
    ui.message(f"created a {template} project in {directory} ({len(written)} files)", "green")
    ui.message(f"next: cd {directory} && journeymap validate && journeymap render")
    return EXIT_OK
