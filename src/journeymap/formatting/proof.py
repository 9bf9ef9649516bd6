"""What fmt proves before it offers a text, and where it says so when it cannot.

A formatted text is offered only if, read again, it holds the same data (types and all),
the same comments at the same keys, and formatting it once more changes nothing. Each
refusal is an `unformattable` diagnostic at the place in the user's file it concerns: the
value whose meaning would change, the line the YAML writer cannot read, the first value
a second run would write differently.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from journeymap.core.diagnostics import Diagnostic
from journeymap.formatting.comments import Comment, comment_keys, read_layout, stripped_pieces
from journeymap.yaml.source import Source

Loc = tuple[Any, ...]  # keys (of any type a key may have) and list positions


def problem(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        column,
        "error",
        "unformattable",
        message,
        "the file was left as it is; please report it to the journeymap maintainers",
    )


# --- the same data ---------------------------------------------------------------------------


def difference(a: Any, b: Any, loc: Loc = ()) -> Loc | None:
    """Where two readings of a file first differ, or None when they hold the same data.

    Stricter than `==`, which takes 1, 1.0 and true for one value: each value must keep
    its type too. A NaN equals a NaN (it is the same `.nan` read twice).
    """
    if isinstance(a, dict) and isinstance(b, dict):
        for key, value in a.items():
            if key not in b:
                return (*loc, key)
            found = difference(value, b[key], (*loc, key))
            if found is not None:
                return found
        return None if len(a) == len(b) else loc
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            found = difference(x, y, (*loc, index))
            if found is not None:
                return found
        return None if len(a) == len(b) else loc
    if type(a) is not type(b):
        return loc
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return None
    return None if a == b else loc


def changed_meaning(path: str, source: Source, after: Source) -> Diagnostic | None:
    """The first value of `source` whose meaning `after` changes, as a diagnostic."""
    if not after.ok:
        line, column = 1, 1
    else:
        where = difference(source.data, after.data)
        if where is None:
            return None
        line, column = source.locate(where)
    return problem(path, line, column, "cannot format this file without changing its meaning")


# --- the same comments -----------------------------------------------------------------------


def lost_comment(path: str, before: Sequence[Comment], after: str) -> Diagnostic | None:
    """The first comment of `before` that `after` does not hold at the same key, if any."""
    if not before:
        return None
    missing = comment_keys(before) - comment_keys(read_layout(after).comments)
    return next((moved(path, c) for c in before if missing[c.key]), None)


def moved(path: str, comment: Comment) -> Diagnostic:
    return problem(
        path,
        comment.line + 1,
        comment.column + 1,
        f"cannot format this file without moving the comment {comment.text!r} "
        "away from what it describes",
    )


# --- what the YAML writer cannot read, and a second run that would change the text -------------


def unreadable(
    path: str, body: str, comments: Sequence[Comment], exc: YAMLError | ValueError, yaml: YAML
) -> Diagnostic:
    """fmt's YAML library (ruamel, pure Python) refused a text libyaml read: where, in the
    user's file, and why (a tab where it wants a space, say). fmt reads the file without
    its comments (`comments`), so a place found there is taken back to the file."""
    line, column = 1, 1
    pieces = stripped_pieces(body, comments)
    try:
        yaml.load("".join(piece for _, piece in pieces))
    except MarkedYAMLError as marked:
        mark = marked.problem_mark or marked.context_mark
        if mark is not None and isinstance(getattr(mark, "index", None), int):
            line, column = _in_body(body, pieces, mark.index)
        exc = marked
    except (YAMLError, ValueError):
        pass
    said = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    why = said.strip().splitlines()
    return problem(
        path,
        line,
        column,
        f"cannot format this file: its YAML writer cannot read it ({why[0] if why else exc})",
    )


def _in_body(body: str, pieces: list[tuple[int, str]], index: int) -> tuple[int, int]:
    """The (line, column) in `body` of the character at `index` of the joined pieces."""
    seen = 0
    offset = len(body)
    for start, piece in pieces:
        if index < seen + len(piece):
            offset = start + index - seen
            break
        seen += len(piece)
    line_start = body.rfind("\n", 0, offset) + 1
    return body.count("\n", 0, offset) + 1, offset - line_start + 1


def unstable(path: str, source: Source, out: str, again: str | None) -> Diagnostic:
    """Formatting `out` once more would not give `out`: refused at the first value whose
    line would change (a text fmt cannot keep is one `fmt --check` would fail forever)."""
    lines, other = out.splitlines(), (again or "").splitlines()
    first = next(
        (i for i, pair in enumerate(zip(lines, other, strict=False)) if pair[0] != pair[1]),
        min(len(lines), len(other)),
    )
    nodes = [n for n in read_layout(out).nodes if n.start_line <= first]
    line, column = source.locate(nodes[-1].path) if nodes else (1, 1)
    return problem(
        path, line, column, "cannot format this file: a second run would write it differently"
    )
