"""Make plain `git diff`, `git log -p` and `git show` speak journeymap for journey files.

Adds a `journeymap` diff driver to this repository's .git/config (an external diff
for `git diff`, a textconv for `git log -p` and `git show`) and a block of lines to
.gitattributes for the journey globs. Running it again changes nothing; `--undo`
removes both.

Example:

  journeymap git-setup && git diff
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from journeymap.commands._output import EXIT_OK, Console
from journeymap.core.errors import UsageError
from journeymap.diff.gitfiles import GitError
from journeymap.diff.gitsetup import config_patterns, install, uninstall
from journeymap.project.config import load_settings


def git_setup(
    ui: Console,
    *,
    undo: bool = False,
    pattern: Sequence[str] | None = None,
    config: Path | None = None,
    cwd: Path | None = None,
) -> int:
    """Install (or with `undo` remove) the diff driver and the .gitattributes block."""
    here = cwd or Path.cwd()
    try:
        if undo:
            lines = uninstall(here)
        else:
            globs = list(pattern or []) or _config_globs(config, here)
            lines = install(here, globs, [sys.executable, "-m", "journeymap"])
    except GitError as exc:
        raise UsageError(str(exc)) from None
    for line in lines:
        ui.message(line)
    return EXIT_OK


def _config_globs(config: Path | None, cwd: Path) -> list[str]:
    settings = load_settings(explicit=config)
    if settings.path is None:
        raise UsageError("no journeymap.yaml found: name the journey files with --pattern GLOB")
    return config_patterns(settings.root, settings.config.journeys + settings.config.personas, cwd)
