"""Where every comment and blank line of a YAML text is, and the key each belongs to.

Positions come from libyaml's event stream (the same parser `journeymap.yaml` uses): a
`#` that is not inside a scalar starts a comment. A comment at the end of a line belongs
to the last value on that line; one on its own line to what comes next.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from journeymap.yaml.events import C_PARSER
from journeymap.yaml.events import CParser as _CParser

Anchor = tuple[str | int, ...]


Kind = Literal["eol", "line", "header", "end", "blank", "end-blank"]


Role = Literal["root", "key", "value", "item"]


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: what it belongs to, how it sits there, and its text from `#`."""

    kind: Kind
    anchor: Anchor
    text: str
    line: int  # 0-based, in the text it was read from
    column: int
    start: int  # character offsets of the comment (from `#`) in that text
    end: int
    gap: str = "  "  # the white space before an end-of-line comment, kept as written

    @property
    def key(self) -> tuple[Kind, Anchor, str]:
        """What must be the same before and after formatting."""
        return (self.kind, self.anchor, self.text)


@dataclass(slots=True)
class _Node:
    path: Anchor
    role: Role
    kind: Literal["scalar", "alias", "map", "seq"]
    start: int
    start_line: int
    start_col: int
    end: int = -1
    end_line: int = -1
    flow: bool = False
    block_scalar: bool = False


@dataclass(slots=True)
class _Frame:
    node: _Node
    index: int = 0  # sequences: the next item's index
    key: str | int | None = None  # mappings: the key being read, or whose value is
    on_value: bool = False  # mappings: the key is complete, its value comes next


@dataclass(slots=True)
class Layout:
    """The nodes of one text in document order, and the comments around them."""

    text: str
    nodes: list[_Node] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    scalars: list[_Node] = field(default_factory=list)  # scalars and aliases
    scalar_starts: list[int] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    blanks: list[Comment] = field(default_factory=list)  # blank lines outside scalars
    by_path: dict[Anchor, list[_Node]] = field(default_factory=dict)
    flows_by_line: dict[int, list[Anchor]] = field(default_factory=dict)
    dashes: dict[int, int] = field(default_factory=dict)  # item node index -> its `-`


def _events(text: str) -> Iterator[Any]:
    if C_PARSER:
        parser = _CParser(text)
        try:
            yield from iter(parser.get_event, None)
        finally:
            parser.dispose()
    else:  # pragma: no cover - only without the libyaml wheel
        yield from YAML(typ="safe", pure=True).parse(text)


def _read_nodes(layout: Layout) -> None:
    stack: list[_Frame] = []
    for event in _events(layout.text):
        if isinstance(event, CollectionEndEvent):
            frame = stack.pop()
            frame.node.end = event.end_mark.index
            frame.node.end_line = event.end_mark.line
            _after_value(stack)
            continue
        if not isinstance(event, (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)):
            continue
        path, role = _place_in(stack, event)
        mark, end = event.start_mark, event.end_mark
        if isinstance(event, ScalarEvent):
            kind: Literal["scalar", "alias", "map", "seq"] = "scalar"
        elif isinstance(event, AliasEvent):
            kind = "alias"
        else:
            kind = "map" if isinstance(event, MappingStartEvent) else "seq"
        node = _Node(path, role, kind, mark.index, mark.line, mark.column)
        layout.nodes.append(node)
        if kind in ("scalar", "alias"):
            node.end, node.end_line = end.index, end.line
            node.block_scalar = isinstance(event, ScalarEvent) and event.style in ("|", ">")
            layout.scalars.append(node)
            _after_value(stack)
        else:
            node.flow = bool(getattr(event, "flow_style", False))
            stack.append(_Frame(node))
    layout.starts = [n.start for n in layout.nodes]
    layout.scalar_starts = [n.start for n in layout.scalars]
    for node in layout.nodes:
        layout.by_path.setdefault(node.path, []).append(node)
        if node.flow:
            for line in range(node.start_line, node.end_line + 1):
                layout.flows_by_line.setdefault(line, []).append(node.path)


def _place_in(stack: list[_Frame], event: Any) -> tuple[Anchor, Role]:
    """The path and role of the node this event starts, given the open collections."""
    if not stack:
        return (), "root"
    frame = stack[-1]
    if frame.node.kind == "seq":
        return (*frame.node.path, frame.index), "item"
    if not frame.on_value:  # a key: its path is the path of the value it names
        frame.key = event.value if isinstance(event, ScalarEvent) else "?"
        return (*frame.node.path, frame.key), "key"
    assert frame.key is not None
    return (*frame.node.path, frame.key), "value"


def _after_value(stack: list[_Frame]) -> None:
    """A complete node was read: advance the enclosing collection."""
    if not stack:
        return
    frame = stack[-1]
    if frame.node.kind == "seq":
        frame.index += 1
    elif frame.on_value:
        frame.on_value, frame.key = False, None
    else:
        frame.on_value = True


def _scalar_spans(layout: Layout) -> list[tuple[int, int]]:
    """Character ranges where a `#` is text, not a comment (a block scalar's header is not)."""
    spans = []
    for node in layout.scalars:
        start = node.start
        if node.block_scalar:
            newline = layout.text.find("\n", start, node.end)
            start = node.end if newline < 0 else newline
        spans.append((start, node.end))
    return spans


def _comment_positions(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each comment: `#` after white space, outside scalars, to line end."""
    gaps: list[tuple[int, int]] = []
    cursor = 0
    for start, end in spans:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    gaps.append((cursor, len(text)))
    for start, end in gaps:
        at = text.find("#", start, end)
        while at >= 0:
            if at == 0 or text[at - 1] in " \t\n\ufeff":
                stop = text.find("\n", at)
                stop = len(text) if stop < 0 else stop
                yield at, stop
                at = text.find("#", stop, end)
            else:
                at = text.find("#", at + 1, end)


def _header_lines(text: str) -> int:
    """How many lines at the top are comment lines (the file's header)."""
    count = 0
    for line in text.lstrip("\ufeff").split("\n"):
        if not line.lstrip(" \t").startswith("#"):
            break
        count += 1
    return count


def read_layout(text: str) -> Layout:
    """Nodes and comments of a YAML text that parses (the caller has checked that)."""
    layout = Layout(text)
    _read_nodes(layout)
    header = _header_lines(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for start, stop in _comment_positions(text, _scalar_spans(layout)):
        line = bisect.bisect_right(line_starts, start) - 1
        begin = line_starts[line]
        comment = text[start:stop].rstrip(" \t\r")
        column = start - begin
        if line < header:
            layout.comments.append(Comment("header", (), comment, line, column, start, stop))
            continue
        alone = not text[begin:start].strip(" \t\ufeff")
        owner = None if alone else _eol_owner(layout, begin, start)
        if owner is not None:
            gap = text[begin:start][len(text[begin:start].rstrip(" \t")) :]
            layout.comments.append(
                Comment("eol", owner, comment, line, column, start, stop, gap or " ")
            )
            continue
        follower = _next_owner(layout, stop)
        kind: Kind = "line" if follower is not None else "end"
        layout.comments.append(Comment(kind, follower or (), comment, line, column, start, stop))
    _read_blanks(layout, line_starts)
    return layout


def _read_blanks(layout: Layout, line_starts: list[int]) -> None:
    """Blank lines between values, each before what follows it; after the last value,
    those before a closing comment (`end-blank`); trailing ones are dropped.

    They are not part of what fmt proves it kept, but they are the user's paragraphs, so
    they are taken out and put back like comments on lines of their own.
    """
    text = layout.text
    spans = _scalar_spans(layout)
    span_starts = [start for start, _ in spans]
    last_end = max((c.start for c in layout.comments if c.kind == "end"), default=-1)
    for line, begin in enumerate(line_starts):
        stop = text.find("\n", begin)
        if stop < 0 or text[begin:stop].strip(" \t\r"):
            continue
        i = bisect.bisect_left(span_starts, begin) - 1
        if i >= 0 and spans[i][0] < begin < spans[i][1]:
            continue  # a blank line that is part of a scalar's text
        follower = _next_owner(layout, stop)
        if follower is not None:
            layout.blanks.append(Comment("blank", follower, "", line, 0, begin, stop))
        elif begin < last_end:  # sets a closing comment apart from the last value
            layout.blanks.append(Comment("end-blank", (), "", line, 0, begin, stop))


def _eol_owner(layout: Layout, line_start: int, at: int) -> Anchor | None:
    """The last scalar before `at` that touches its line, if any."""
    i = bisect.bisect_left(layout.scalar_starts, at) - 1
    if i < 0:
        return None
    node = layout.scalars[i]
    if node.end >= line_start or node.start >= line_start:
        return node.path
    return None


def _next_owner(layout: Layout, after: int) -> Anchor | None:
    """What a comment on its own line introduces: the next list item, key or value.

    A comment before an item's dash is about the item; one after the dash (under a bare
    `-` line) is about the key that follows.
    """
    text = layout.text
    i = bisect.bisect_left(layout.starts, after)
    if i >= len(layout.nodes):
        return None
    target = layout.nodes[i].start
    j = i
    while j + 1 < len(layout.nodes) and layout.nodes[j + 1].start == target:
        j += 1
    for k in range(i, j + 1):
        node = layout.nodes[k]
        if node.role == "item" and _dash_of(layout, k) >= after:
            return node.path
    first = layout.nodes[i]
    if (
        first.kind == "seq"
        and not first.flow
        and text.startswith("-", target)
        and text[target + 1 : target + 2] in (" ", "\t", "\n", "")
    ):
        return _item_after(layout, i + 1)  # the first item of a block list
    return layout.nodes[j].path


def _dash_of(layout: Layout, k: int) -> int:
    """Where the `-` of block-list item k is (-1 in a flow list), found once per item."""
    if k in layout.dashes:
        return layout.dashes[k]
    text = layout.text
    at = layout.nodes[k].start - 1
    dash = -1
    while at >= 0:
        if text[at] in " \t":
            at -= 1
        elif text[at] == "-":
            dash = at
            break
        elif text[at] == "\n":  # a line above: skip it if blank or only a comment
            begin = text.rfind("\n", 0, at) + 1
            content = text[begin:at].split(" #", 1)[0].strip(" \t")
            if content.startswith("#"):
                content = ""
            if content == "-":
                dash = text.index("-", begin)
                break
            if content:
                break
            at = begin - 1
        else:
            break
    layout.dashes[k] = dash
    return dash


def _item_after(layout: Layout, i: int) -> Anchor | None:
    for node in layout.nodes[i:]:
        if node.role == "item":
            return node.path
    return None


def comment_keys(comments: Iterable[Comment]) -> Counter[tuple[Kind, Anchor, str]]:
    return Counter(c.key for c in comments)
