"""Start a project: journeymap.yaml, a personas library, journeys and a CI workflow.

Templates: b2b (awareness to advocacy, with a future-state map), b2b2c (a partner
layer and a consumer layer, linked), blueprint (a service blueprint). The files
validate with --strict and render as they are; each starts with a schema line for
editors, pointing at the schemas written into .journeymap/schemas, and
.vscode/settings.json maps them, and .gitignore keeps the rendered site out of git
(an existing settings file or .gitignore is kept). Existing files are never overwritten
without --force.

Examples:

  journeymap init my-journeys
  journeymap init support-maps --template blueprint
"""

from __future__ import annotations

from pathlib import Path

from journeymap.commands._choices import TemplateName
from journeymap.commands._common import today
from journeymap.commands._output import EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.core.wording import count_of
from journeymap.disk.writing import WriteError
from journeymap.scaffold.ci_workflow import installed_source
from journeymap.scaffold.writer import ScaffoldError, kept_advice, scaffold


def init(
    ui: Console, directory: Path, *, template: TemplateName = "b2b", force: bool = False
) -> int:
    """Write the template's files into `directory`; refuse to overwrite without `force`."""
    try:
        done = scaffold(directory, template, today(), force=force)
    except (ScaffoldError, WriteError) as exc:
        raise UsageError(str(exc)) from None
    for path in done.written:
        ui.message(f"wrote {path}", level=1)
    for path in done.kept:
        ui.message(f"kept your {path}; {kept_advice(path)}")
    ui.message(
        f"created a {template} project in {directory} ({count_of(len(done.written), 'file')})",
        "green",
    )
    ui.message(f"next: cd {directory} && journeymap serve   (then edit journeys/*.yaml)")
    ui.message(
        f"CI installs journeymap from {installed_source().wheel}: build it with "
        "`python -m build --wheel` in a journeymap clone and commit it "
        "(see .github/workflows/journeymap.yml)"
    )
    return EXIT_OK
