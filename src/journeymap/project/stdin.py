"""Standard input as a file: `validate -` and `fmt -`, for editors and format-on-save.

An editor pipes the buffer in and names it with `--stdin-filename`; journeymap then
treats those bytes as the content of that path everywhere a file is read (positions,
the journeymap.yaml above it, the rules), without writing anything to disk. The named
file need not exist. Without a name the buffer is `stdin.yaml` in the current folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from journeymap.core.errors import UsageError
from journeymap.project.config import Settings, load_settings
from journeymap.project.discovery import Plan, expand_globs

STDIN = "-"
DEFAULT_NAME = "stdin.yaml"


def is_stdin(paths: list[str] | None) -> bool:
    """`-` alone means standard input; mixed with files it is a usage error."""
    if not paths or STDIN not in paths:
        return False
    if len(paths) > 1:
        raise UsageError("`-` (standard input) cannot be combined with other paths")
    return True


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def stdin_path(stdin_filename: str | None) -> Path:
    return Path(stdin_filename or DEFAULT_NAME)


def stdin_settings(path: Path, config: Path | None) -> Settings:
    """The journeymap.yaml above the named file (not the current folder), unless given."""
    if config is not None:
        return load_settings(explicit=config)
    return load_settings(start=Path(os.path.abspath(path)).parent)


def stdin_plan(path: Path, settings: Settings) -> Plan:
    """The buffer is the one target; the config's files are context, minus the buffer's
    own file on disk (its old content would otherwise clash with the new)."""
    context: list[Path] = []
    if settings.path is not None:
        context = expand_globs(settings, "personas") + expand_globs(settings, "journeys")
    own = os.path.realpath(path)
    return Plan([path], [p for p in dict.fromkeys(context) if os.path.realpath(p) != own], [])
