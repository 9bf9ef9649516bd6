"""Comments taken out of a YAML text and put back beside their keys after formatting."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from journeymap.formatting.comments.layout import Anchor, Comment, Layout, read_layout


def strip(text: str, comments: Sequence[Comment]) -> str:
    """The text without these comments (and blank lines); a line that held only a comment
    goes entirely."""
    return "".join(piece for _, piece in stripped_pieces(text, comments))


def stripped_pieces(text: str, comments: Sequence[Comment]) -> list[tuple[int, str]]:
    """The pieces of `text` that `strip` keeps, each with the offset it starts at in `text`
    (to find in the file a place found in the stripped text)."""
    out: list[tuple[int, str]] = []
    cursor = 0
    for comment in sorted(comments, key=lambda c: c.start):
        begin = text.rfind("\n", 0, comment.start) + 1
        if not text[begin : comment.start].strip(" \t"):
            out.append((cursor, text[cursor:begin]))
            cursor = comment.end + 1 if comment.end < len(text) else comment.end
        else:
            head = text[cursor : comment.start].rstrip(" \t")
            out.append((cursor, head))
            cursor = comment.end
    out.append((cursor, text[cursor:]))
    return out


class Unplaceable(Exception):
    """A comment has no place in the formatted text; `paths` are flow collections in the way."""

    def __init__(self, comment: Comment, paths: list[Anchor]) -> None:
        super().__init__(comment.text)
        self.comment = comment
        self.paths = paths


def place(text: str, comments: Sequence[Comment], blanks: Sequence[Comment] = ()) -> str:
    """Put comments (read from the original) back into the formatted, comment-free text.

    Raises Unplaceable naming the flow collections that must become block style for a
    comment to have a line of its own (the caller formats again with them in block
    style), or none when the comment cannot be placed at all.
    """
    layout = read_layout(text)
    lines = text.split("\n")
    before: dict[int, list[tuple[int, str]]] = {}  # line -> (where it was, text)
    splits: dict[int, tuple[int, list[str]]] = {}  # line -> (key column, comments)
    eol: dict[int, str] = {}
    header: list[str] = []
    end: list[tuple[int, str]] = []  # (where it was, text): closing comments, blank lines
    blocked: list[Anchor] = []  # flow collections in the way of some comment
    first_blocked: Comment | None = None
    for comment in comments:
        try:
            _slot_for(layout, lines, comment, header, end, eol, before, splits)
        except Unplaceable as exc:
            if not exc.paths:
                raise
            blocked.extend(exc.paths)
            first_blocked = first_blocked or comment
    if first_blocked is not None:
        raise Unplaceable(first_blocked, list(dict.fromkeys(blocked)))
    after_block_scalar = {n.end for n in layout.scalars if n.block_scalar}
    offsets = [0]
    for line_text in lines:
        offsets.append(offsets[-1] + len(line_text) + 1)
    # after a block scalar (`|`, `>`) at the very end, a blank line is the scalar's own
    # (YAML reads it as part of its text): one put there would be gone on the next run
    ends_in_block = any(n.block_scalar and n.end >= len(text.rstrip("\n")) for n in layout.scalars)
    for blank in blanks:
        if blank.kind == "end-blank":
            if not ends_in_block:
                end.append((blank.start, ""))
            continue
        try:
            line, _, split = _line_slot(layout, lines, blank)
        except Unplaceable:
            continue  # inside brackets: the blank line goes
        if not split and offsets[line] not in after_block_scalar:  # `|+` keeps blank lines
            before.setdefault(line, []).append((blank.start, ""))
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    out: list[str] = list(header)
    for number, row in enumerate(lines):
        if number in before:
            texts = [t for _, t in sorted(before[number])]
            if not any(o.strip() for o in out[len(header) :]) and texts[0] and (not out or out[-1]):
                out.append("")  # else these comments would read as the file's header
            out.extend(texts)
        if number in eol:
            row = row.rstrip(" ") + eol[number]  # `- ` of an empty item: one gap, not two
        if number in splits:
            column, inside = splits[number]
            dash_end = len(row[:column].rstrip(" "))
            out.append(row[:dash_end])
            out.extend(inside)
            out.append(" " * column + row[column:])
        else:
            out.append(row)
    out.extend(t for _, t in sorted(end))
    return "\n".join(out) + ("\n" if trailing_newline or end else "")


def _slot_for(
    layout: Layout,
    lines: list[str],
    comment: Comment,
    header: list[str],
    end: list[tuple[int, str]],
    eol: dict[int, str],
    before: dict[int, list[tuple[int, str]]],
    splits: dict[int, tuple[int, list[str]]],
) -> None:
    """File one comment under the line it goes to (or raise Unplaceable)."""
    if comment.kind == "header":
        header.append(comment.text)
    elif comment.kind == "end":
        end.append((comment.start, " " * comment.column + comment.text))
    elif comment.kind == "eol":
        line = _eol_line(layout, comment)
        if line in eol:
            raise Unplaceable(comment, [])
        eol[line] = comment.gap + comment.text
    else:
        line, column, split = _line_slot(layout, lines, comment)
        if split:
            splits.setdefault(line, (column, []))[1].append(" " * column + comment.text)
        else:
            before.setdefault(line, []).append((comment.start, " " * column + comment.text))


def _flows_on(layout: Layout, line: int) -> list[Anchor]:
    return layout.flows_by_line.get(line, [])


def _eol_line(layout: Layout, comment: Comment) -> int:
    owners = [n for n in layout.by_path.get(comment.anchor, []) if n.kind in ("scalar", "alias")]
    if not owners:
        raise Unplaceable(comment, [])
    node = owners[-1]
    line = node.start_line if node.block_scalar else node.end_line
    later = bisect.bisect_right(layout.scalar_starts, node.start)
    if later < len(layout.scalars) and layout.scalars[later].start_line <= line:
        raise Unplaceable(comment, _flows_on(layout, line))
    return line


def _line_slot(layout: Layout, lines: list[str], comment: Comment) -> tuple[int, int, bool]:
    """(line, indentation, split?) for a comment that goes on its own line before its owner."""
    owner = layout.by_path.get(comment.anchor, [])
    if not owner:
        raise Unplaceable(comment, [])
    if isinstance(comment.anchor[-1], int):
        node = next(n for n in owner if n.role == "item")
        prefix = lines[node.start_line][: node.start_col]
        dash = prefix.rstrip(" \t")
        if not dash.endswith("-") or dash[:-1].strip(" "):
            raise Unplaceable(comment, _flows_on(layout, node.start_line))
        return node.start_line, len(dash) - 1, False
    node = owner[0]  # the key comes before its value
    prefix = lines[node.start_line][: node.start_col]
    if not prefix.strip(" "):
        return node.start_line, node.start_col, False
    if not prefix.replace("-", " ").strip(" "):
        return node.start_line, node.start_col, True
    raise Unplaceable(comment, _flows_on(layout, node.start_line))
