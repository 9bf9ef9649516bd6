"""What git calls after `journeymap git-setup`: an external diff and a textconv.

`git diff` runs the external diff with seven arguments and shows what it prints;
`git log -p` and `git show` run the textconv on each version and diff its lines. Both
fall back to the file as it is when it is not a valid journeymap file, so git never
shows less than it would without journeymap.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from journeymap.core.errors import UsageError
from journeymap.diff.compare import diff_sides
from journeymap.diff.output import canonical_lines, diff_text
from journeymap.diff.sides import load_side
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.loading.loader import load_source
from journeymap.project.discovery import HAS_VERSION_KEY
from journeymap.yaml.parse import parse


def textconv(values: Sequence[str]) -> bytes:
    """A file as canonical lines, or its bytes unchanged when it is not a valid journey."""
    if len(values) != 1:
        raise UsageError("--textconv takes one file")
    raw = _read(values[0])
    doc = load_source(parse(values[0], raw))
    if doc.model is None:
        return raw
    return ("\n".join(canonical_lines(doc.model)) + "\n").encode("utf-8")


def external_diff(values: Sequence[str]) -> str:
    """git's external diff: `path old-file old-hex old-mode new-file new-hex new-mode`."""
    if len(values) < 7:
        raise UsageError("--git-driver expects the 7 arguments git passes to an external diff")
    path, old_file, new_file = values[0], values[1], values[4]
    old_data, new_data = _content(old_file), _content(new_file)
    result = diff_sides(load_side([(f"a/{path}", old_data)]), load_side([(f"b/{path}", new_data)]))
    heading = f"journeymap diff a/{path} b/{path}\n"
    if result.broken or (
        not result.changes and old_data != new_data and not _both_journeys(old_data, new_data)
    ):
        old_text = (old_data or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new_text = (new_data or b"").decode("utf-8", "replace").splitlines(keepends=True)
        return heading + "".join(difflib.unified_diff(old_text, new_text, f"a/{path}", f"b/{path}"))
    return heading + (diff_text(result) or "(no change in meaning)\n")


def _content(name: str) -> bytes | None:
    return None if name == "/dev/null" else _read(name)


def _read(name: str) -> bytes:
    """A file git hands us, under the same size limit as every other reader."""
    try:
        return read_user_file(Path(name), ReadLimits())
    except Refusal as refusal:
        raise UsageError(f"{name} {refusal}") from None


def _both_journeys(old: bytes | None, new: bytes | None) -> bool:
    return all(d is None or HAS_VERSION_KEY.search(d[:65536]) for d in (old, new))
