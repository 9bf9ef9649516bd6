"""fmt on files: read within limits, format, and write back only what changed.

The formatting itself is `fmt.format_text`'s; this module adds the disk: the read
limits, the write back (`disk.writing.write_back`, shared with `refresh`: the
changed-since-read check and links written through), and unified diffs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from journeymap.core.diagnostics import Diagnostic, RuleName
from journeymap.disk.reading import DEFAULT_MAX_BYTES, ReadLimits, Refusal, read_user_file
from journeymap.disk.writing import write_back
from journeymap.formatting.fmt import format_text
from journeymap.yaml.decode import decode

DEFAULT_LIMITS = ReadLimits(DEFAULT_MAX_BYTES)


@dataclass
class FileResult:
    """What `fmt` did with one file: the formatted text, a problem, and whether it was written."""

    path: Path
    original: str | None  # None: the file could not be read as UTF-8 text
    text: str | None
    problem: Diagnostic | None = None
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


def format_file(
    path: Path,
    display: str | None = None,
    *,
    write: bool = False,
    root: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> FileResult:
    """Read, format and check one file; with `write`, replace it only if nobody changed it.

    Every failure is this file's diagnostic, so one odd file never ends a run over many.
    The file is written only when its bytes on disk are still the bytes that were read
    (an edit saved while fmt ran is kept, and reported), and a symbolic link is written
    through to its target inside `root` rather than replaced by a copy.
    """
    shown = display if display is not None else str(path)
    try:
        raw = read_user_file(path, limits)
    except Refusal as refusal:
        rule: RuleName = "file-too-large" if refusal.too_large else "unreadable"
        return FileResult(path, None, None, Diagnostic(shown, 1, 1, "error", rule, str(refusal)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _, undecodable = decode(shown, raw)
        return FileResult(path, None, None, undecodable)
    result = format_text(shown, text)
    outcome = FileResult(path, text, result.text, result.problem)
    if not write or not outcome.changed:
        return outcome
    assert result.text is not None
    outcome.problem = write_back(path, result.text, expect=raw, root=root, display=shown, by="fmt")
    outcome.written = outcome.problem is None
    return outcome


def unified_diff(result: FileResult, display: str) -> str:
    """What formatting would change, as a unified diff (empty when nothing would)."""
    if result.text is None or result.original is None or not result.changed:
        return ""
    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            f"a/{display}",
            f"b/{display}",
        )
    )
