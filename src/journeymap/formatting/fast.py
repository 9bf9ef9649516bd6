"""Is a file already in fmt's layout? A cheap answer that is never wrong when it says yes.

fmt's full path round-trips every file through ruamel's pure-Python loader and emitter,
then proves nothing moved: about twenty times the cost of parsing the file. Most files a
run sees (in CI, in pre-commit) are already formatted, and for those the full path
returns the input unchanged. This module predicts that outcome from libyaml's event
stream alone: it writes the text the emitter would write for this data (the same key
order, indentation, flow/block choice and scalar tokens) and compares it with the file.

The prediction covers a deliberately narrow subset of YAML: plain, quoted and literal
scalars whose written form is known exactly, block and short flow collections, no
anchors, aliases, tags, directives or very long lines. Anything outside it is a doubt,
and a doubt means "run the full path", so a wrong guess can only cost time, never change
a verdict. `already_canonical` answers True only when the full path would return the
text byte for byte; the property test in tests/test_fmt_fast.py holds it to that.

JOURNEYMAP_FMT_FAST=0 turns the prediction off (every file takes the full path), to
compare the two when debugging.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from journeymap.formatting.comments import Anchor, Comment, Unplaceable, place, read_layout, strip
from journeymap.formatting.tokens import (
    LONGEST,
    Doubt,
    Map,
    Node,
    Scalar,
    Seq,
    literal,
    loaded_str,
    read_tree,
    token,
)
from journeymap.model.shape import key_order, models_in
from journeymap.yaml.events import C_PARSER

FLOW_WIDTH = (
    72  # the same limit as journeymap.formatting.fmt: longer flow collections become blocks
)
MAX_PASSES = (
    8  # as journeymap.formatting.fmt: one pass per level of flow lists with comments inside
)
ENV = "JOURNEYMAP_FMT_FAST"


def enabled() -> bool:
    """The fast path is on unless JOURNEYMAP_FMT_FAST is 0/no/off/false."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "no", "off", "false")


# --- collections: fmt's rules for key order and style ----------------------------------------


@dataclass(frozen=True)
class _ModelInfo:
    rank: dict[str, int]
    unknown: int
    children: dict[str, type[BaseModel] | None]


@functools.cache
def _info(model: type[BaseModel]) -> _ModelInfo:
    order = key_order(model)
    children = {
        field.alias or name: models_in(field.annotation)[0]
        for name, field in model.model_fields.items()
    }
    return _ModelInfo({key: i for i, key in enumerate(order)}, len(order), children)


_NOT_A_WORD = re.compile(r"[\s,\[\]{}'\"]")


def is_word(text: str) -> bool:
    """An id or a plain word (`ops-director`, `RouteIQ`, `4`): what a flow list may hold.
    A list with any prose in it (a space, a comma, a quote) stays a block list, one item
    a line, as people who are not programmers read and edit it best."""
    return not _NOT_A_WORD.search(text)


def _flow_eligible(key: str, node: Map | Seq) -> bool:
    """journeymap.formatting.fmt._style_value's rule: short collections of plain values
    are flow; a list only when every item is a word (`is_word`)."""
    pairs = node.items if isinstance(node, Map) else [("", v) for v in node.items]
    if not pairs or not all(isinstance(v, Scalar) for _, v in pairs):
        return False
    if isinstance(node, Seq) and not all(is_word(loaded_str(_scalar(v))) for _, v in pairs):
        return False
    if isinstance(node, Map):  # the lengths of str(key) and str(value), as ruamel loads them
        length = sum(len(k) + len(loaded_str(_scalar(v))) + 4 for k, v in pairs)
    else:
        length = sum(len(loaded_str(_scalar(v))) + 2 for _, v in pairs)
    return length + 2 + len(key) <= FLOW_WIDTH


def _flow(node: Map | Seq) -> str:
    if isinstance(node, Seq):
        return "[" + ", ".join(token(_scalar(v), True) for v in node.items) + "]"
    pairs = (f"{token(Scalar(k, ''), True)}: {token(_scalar(v), True)}" for k, v in node.items)
    return "{" + ", ".join(pairs) + "}"


def _scalar(node: Node) -> Scalar:
    if not isinstance(node, Scalar):
        raise Doubt
    return node


def _key(key: str) -> str:
    # keys were read from plain or quoted scalars; a quoted key keeps its quotes, which
    # this tree does not remember, so only keys that are written plain are predicted
    return token(Scalar(key, ""), False)


Path = tuple[str, ...]  # keys, and list positions as text, from the root


class _Writer:
    """Writes the tree as fmt's layout pass does; `blocked` holds the collections that a
    comment inside forces to block style, and every collection that holds one."""

    def __init__(self, blocked: set[Path]) -> None:
        self.lines: list[str] = []
        self.blocked = blocked

    def mapping(
        self,
        node: Map,
        path: Path,
        indent: int,
        model: type[BaseModel] | None,
        walked: bool,
        first: str,
    ) -> None:
        """A block mapping at `indent`; `first` replaces the first line's indentation
        (a list item's `- `)."""
        info = _info(model) if model is not None and walked else None
        if info is not None:
            last = -1
            for key, _ in node.items:
                rank = info.rank.get(key, info.unknown)
                if rank < last:
                    raise Doubt  # fmt would reorder these keys
                last = rank
        pad = " " * indent
        for number, (key, value) in enumerate(node.items):
            head = (first if number == 0 else pad) + _key(key) + ":"
            child = info.children.get(key) if info is not None else None
            child_walked = walked and not key.startswith("x-")
            self.value(head, key, value, (*path, key), indent, child, child_walked)

    def value(
        self,
        head: str,
        key: str,
        value: Node,
        path: Path,
        indent: int,
        model: type[BaseModel] | None,
        walked: bool,
    ) -> None:
        if isinstance(value, Scalar):
            if value.style == "|":
                lines = literal(value, indent + 2)
                self.lines.append(head + " " + lines[0])
                self.lines.extend(lines[1:])
            else:
                self.lines.append(head + " " + token(value, False))
            return
        if not value.items:
            self.lines.append(head + (" {}" if isinstance(value, Map) else " []"))
            return
        # fmt's choice, or (under `x-`) the style as written: the emitter writes both alike
        flow = _flow_eligible(key, value) if walked else value.flow
        if flow and path not in self.blocked:
            line = head + " " + _flow(value)
            if len(line) > LONGEST:
                raise Doubt  # the emitter breaks lines past its width
            self.lines.append(line)
            return
        self.lines.append(head)
        if isinstance(value, Map):
            self.mapping(value, path, indent + 2, model, walked, " " * (indent + 2))
        else:
            self.sequence(value, path, indent + 2, model, walked)

    def sequence(
        self, node: Seq, path: Path, indent: int, model: type[BaseModel] | None, walked: bool
    ) -> None:
        dash = " " * indent + "- "
        for index, item in enumerate(node.items):
            if isinstance(item, Scalar):
                if item.style == "|":
                    lines = literal(item, indent + 2)
                    self.lines.append(dash + lines[0])
                    self.lines.extend(lines[1:])
                else:
                    self.lines.append(dash + token(item, False))
                continue
            at = (*path, str(index))
            if not isinstance(item, Map) or not item.items:
                raise Doubt  # lists of lists, empty items
            if item.flow and not walked and at not in self.blocked:
                raise Doubt  # a flow item kept as written (under `x-`)
            self.mapping(item, at, indent + 2, model, walked, dash)


def canonical_dump(bare: str, model: type[BaseModel], force: Iterable[Anchor] = ()) -> str:
    """What fmt's layout pass writes for this comment-free text (or a Doubt).

    `force`: the paths journeymap.formatting.fmt._force_block turns to block style, with every
    collection on the way to them.
    """
    root = read_tree(bare)
    if not isinstance(root, Map) or not root.items:
        raise Doubt
    blocked: set[Path] = set()
    for anchor in force:
        segments = tuple(str(segment) for segment in anchor)
        blocked.update(segments[:end] for end in range(len(segments) + 1))
    writer = _Writer(blocked)
    writer.mapping(root, (), 0, model, True, "")
    return "\n".join(writer.lines) + "\n"


_BLANK_LINE = re.compile(r"(?:\A|\n)[ \t\r]*\n")
_MAYBE_COMMENT = re.compile("(?:\\A|[ \t\n\ufeff])#")  # how comments.layout finds a `#`


def already_canonical(text: str, model: type[BaseModel], *, parses: Any = None) -> bool:
    """True only if fmt's full path would return `text` unchanged (see the module doc).

    `text` must already have parsed without problems; `parses(body)` tells whether a
    variant of it (without a byte-order mark or Windows line ends) does too.
    """
    if not C_PARSER:  # pragma: no cover - only without the libyaml wheel
        return False
    body = text.lstrip("\ufeff").replace("\r\n", "\n")
    final = body.replace("\n", "\r\n") if "\r\n" in text else body
    if text.startswith("\ufeff"):
        final = "\ufeff" + final
    if final != text:
        return False  # a mix of line ends, or several byte-order marks
    if body != text and (parses is None or not parses(body)):
        return False
    try:
        if not _MAYBE_COMMENT.search(body) and not _BLANK_LINE.search(body):
            return canonical_dump(body, model) == body
        layout = read_layout(body)
        bare = strip(body, layout.comments + layout.blanks)
        return _with_comments(bare, layout.comments, layout.blanks, model) == body
    except Doubt:
        return False


def _with_comments(
    bare: str, comments: list[Comment], blanks: list[Comment], model: type[BaseModel]
) -> str | None:
    """journeymap.formatting.fmt._with_comments with the layout pass predicted: comments put back,
    and a collection with a comment inside turned to block style, pass after pass."""
    force: set[Anchor] = set()
    for _ in range(MAX_PASSES):
        out = canonical_dump(bare, model, force)
        try:
            return place(out, comments, blanks)
        except Unplaceable as exc:
            more = set(exc.paths) - force
            if not more:
                return None
            force |= more
    return None
