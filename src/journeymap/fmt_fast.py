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
from typing import Any, TypeAlias

from pydantic import BaseModel
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from journeymap.comments import Anchor, Comment, Unplaceable, place, read_layout, strip
from journeymap.yaml.events import C_PARSER, CParser

FLOW_WIDTH = 72  # the same limit as journeymap.fmt: longer flow collections become blocks
MAX_PASSES = 8  # as journeymap.fmt: one pass per level of flow lists with comments inside
LONGEST = 1000  # longer scalars may be folded by the emitter (width 4096): not predicted
LONGEST_KEY = 100  # the emitter writes keys of 128 characters or more as `? key`
ENV = "JOURNEYMAP_FMT_FAST"


def enabled() -> bool:
    """The fast path is on unless JOURNEYMAP_FMT_FAST is 0/no/off/false."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "no", "off", "false")


class _Doubt(Exception):
    """The text is outside what this module can predict, or is not canonical."""


# --- the data, as a small tree read from libyaml's events ------------------------------------


@dataclass(slots=True)
class _Scalar:
    value: str
    style: str  # "" plain, "'", '"', "|", ">"


@dataclass(slots=True)
class _Map:
    items: list[tuple[str, _Node]]
    flow: bool


@dataclass(slots=True)
class _Seq:
    items: list[_Node]
    flow: bool


_Node: TypeAlias = _Scalar | _Map | _Seq


def _read(text: str) -> _Node:
    """The document's tree; a doubt on anchors, aliases, tags, directives or non-str keys."""
    assert CParser is not None
    parser = CParser(text)
    try:
        events = list(iter(parser.get_event, None))
    except Exception as exc:  # a syntax error: the full path reports it
        raise _Doubt from exc
    finally:
        parser.dispose()
    if (
        len(events) < 5
        or not isinstance(events[0], StreamStartEvent)
        or not isinstance(events[1], DocumentStartEvent)
        or not isinstance(events[-2], DocumentEndEvent)
        or not isinstance(events[-1], StreamEndEvent)
        or events[1].explicit
        or events[1].version
        or events[1].tags
        or events[-2].explicit
    ):
        raise _Doubt
    stack: list[_Map | _Seq] = []
    pending: list[str | None] = []  # per open mapping: the key waiting for its value
    root: _Node | None = None
    for event in events[2:-2]:
        if isinstance(event, CollectionEndEvent):
            done = stack.pop()
            if isinstance(done, _Map) and pending.pop() is not None:
                raise _Doubt
            continue
        if isinstance(event, ScalarEvent):
            if event.anchor is not None or event.tag is not None:
                raise _Doubt
            node = _Scalar(event.value, event.style or "")
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None or event.tag is not None:
                raise _Doubt
            opened: _Map | _Seq
            if isinstance(event, MappingStartEvent):
                opened = _Map([], bool(event.flow_style))
            else:
                opened = _Seq([], bool(event.flow_style))
            _add(stack, pending, opened)
            stack.append(opened)
            if isinstance(opened, _Map):
                pending.append(None)
            if root is None:
                root = opened
            continue
        else:  # AliasEvent, or anything unexpected
            assert isinstance(event, AliasEvent) or event is not None
            raise _Doubt
        if not stack:
            raise _Doubt  # a bare scalar document: not a journeymap file
        _add(stack, pending, node)
    if root is None or stack:
        raise _Doubt
    return root


def _add(stack: list[_Map | _Seq], pending: list[str | None], node: _Node) -> None:
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, _Seq):
        parent.items.append(node)
        return
    key = pending[-1]
    if key is None:  # this node is a key: only strings the emitter writes as they are
        if not isinstance(node, _Scalar) or node.style not in ("", "'", '"'):
            raise _Doubt
        if _tag(node) != "str" or len(node.value) >= LONGEST_KEY:
            raise _Doubt
        pending[-1] = node.value
    else:
        parent.items.append((key, node))
        pending[-1] = None


# --- scalars: the token the emitter writes for each ------------------------------------------

_RESOLVER = VersionedResolver()  # what ruamel's round-trip loader uses (YAML 1.2)
_RESOLVED_BY_FIRST = frozenset(_RESOLVER.versioned_resolver)
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Characters every style writes as they are (the emitter's printable set, minus the BOM
# and the supplementary planes, which double quotes escape), and those plain and single
# quoted scalars write as they are (the supplementary planes too: emoji).
_UNPRINTABLE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_UNPRINTABLE_UNQUOTED = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# What the emitter escapes in a double-quoted scalar (Emitter.write_double_quoted).
_ESCAPED = re.compile(
    '["\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f",
    "\r": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}  # fmt: skip


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    code = ord(ch)
    return (
        f"\\x{code:02X}"
        if code <= 0xFF
        else f"\\u{code:04X}"
        if code <= 0xFFFF
        else f"\\U{code:08X}"
    )


_BLOCK_PLAIN_BAD = re.compile(
    r"\A(?:[?:,\[\]{}#&*!|>'\"%@`]|-(?: |\Z)|---|\.\.\.)|: | #|:\Z|\A | \Z"
)
_FLOW_PLAIN_BAD = re.compile(r"[,\[\]{}:]")


_TAGS: dict[str, str] = {}  # value -> short tag: values (numbers, dates) repeat a lot


def _tag(scalar: _Scalar) -> str:
    """The short tag ruamel's round-trip loader gives a plain scalar (quoted ones are str)."""
    value = scalar.value
    if scalar.style or not value or value[0] not in _RESOLVED_BY_FIRST:
        return "str"
    tag = _TAGS.get(value)
    if tag is None:
        if len(_TAGS) > 50_000:
            _TAGS.clear()
        resolved = _RESOLVER.resolve(ScalarNode, value, (True, False))
        tag = _TAGS[value] = str(resolved).rsplit(":", 1)[-1]
    return tag


def _loaded_str(scalar: _Scalar) -> str:
    """str() of the value ruamel loads, which fmt's flow-width rule measures."""
    if scalar.style:
        return scalar.value
    tag = _tag(scalar)
    if tag == "str":
        return scalar.value
    if tag == "int" and _INT.match(scalar.value):
        return str(int(scalar.value))
    if tag == "float" and _FLOAT.match(scalar.value):
        return str(float(scalar.value))
    if tag == "bool" and scalar.value in ("true", "false"):
        return "True" if scalar.value == "true" else "False"
    if tag == "timestamp" and _DATE.match(scalar.value):
        return scalar.value
    raise _Doubt


def _token(scalar: _Scalar, flow: bool) -> str:
    """The scalar as the emitter writes it on one line, or a doubt."""
    value, style = scalar.value, scalar.style
    if len(value) > LONGEST:
        raise _Doubt
    if style != '"' and _UNPRINTABLE_UNQUOTED.search(value):
        raise _Doubt  # the emitter would double-quote it (line breaks, tabs)
    if style == "":
        if not value:
            raise _Doubt  # null
        if _tag(scalar) != "str":
            _loaded_str(scalar)  # a doubt unless written as the emitter writes it
            return value  # `-3`, `1.5`, `true`, `2026-11-01`
        if _BLOCK_PLAIN_BAD.search(value) or (flow and _FLOW_PLAIN_BAD.search(value)):
            raise _Doubt  # the emitter would quote it
        return value
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return '"' + _ESCAPED.sub(_escape, value) + '"'
    raise _Doubt


def _literal(scalar: _Scalar, indent: int) -> list[str]:
    """A `|` block scalar as the emitter writes it: header, then lines at `indent`."""
    value = scalar.value
    if (
        not value
        or value[0] in " \n"
        or value.endswith("\n\n")
        or _UNPRINTABLE.search(value.replace("\n", ""))
    ):
        raise _Doubt
    lines = value.split("\n")
    header = "|"
    if lines[-1] == "":
        lines.pop()
    else:
        header = "|-"
    if any(line != line.rstrip(" ") or line.startswith(" ") for line in lines):
        raise _Doubt  # trailing or leading spaces: indentation hints, not predicted
    pad = " " * indent
    return [header, *[pad + line if line else "" for line in lines]]


# --- collections: fmt's rules for key order and style ----------------------------------------


@dataclass(frozen=True)
class _ModelInfo:
    rank: dict[str, int]
    unknown: int
    children: dict[str, type[BaseModel] | None]


@functools.cache
def _info(model: type[BaseModel]) -> _ModelInfo:
    from journeymap.fmt import _key_order, _models_in

    order = _key_order(model)
    children = {
        field.alias or name: _models_in(field.annotation)[0]
        for name, field in model.model_fields.items()
    }
    return _ModelInfo({key: i for i, key in enumerate(order)}, len(order), children)


def _flow_eligible(key: str, node: _Map | _Seq) -> bool:
    """journeymap.fmt._style_value's rule: short collections of plain values are flow."""
    pairs = node.items if isinstance(node, _Map) else [("", v) for v in node.items]
    if not pairs or not all(isinstance(v, _Scalar) for _, v in pairs):
        return False
    if isinstance(node, _Map):  # the lengths of str(key) and str(value), as ruamel loads them
        length = sum(len(k) + len(_loaded_str(_scalar(v))) + 4 for k, v in pairs)
    else:
        length = sum(len(_loaded_str(_scalar(v))) + 2 for _, v in pairs)
    return length + 2 + len(key) <= FLOW_WIDTH


def _flow(node: _Map | _Seq) -> str:
    if isinstance(node, _Seq):
        return "[" + ", ".join(_token(_scalar(v), True) for v in node.items) + "]"
    pairs = (f"{_token(_Scalar(k, ''), True)}: {_token(_scalar(v), True)}" for k, v in node.items)
    return "{" + ", ".join(pairs) + "}"


def _scalar(node: _Node) -> _Scalar:
    if not isinstance(node, _Scalar):
        raise _Doubt
    return node


def _key(key: str) -> str:
    # keys were read from plain or quoted scalars; a quoted key keeps its quotes, which
    # this tree does not remember, so only keys that are written plain are predicted
    return _token(_Scalar(key, ""), False)


Path = tuple[str, ...]  # keys, and list positions as text, from the root


class _Writer:
    """Writes the tree as fmt's layout pass does; `blocked` holds the collections that a
    comment inside forces to block style, and every collection that holds one."""

    def __init__(self, blocked: set[Path]) -> None:
        self.lines: list[str] = []
        self.blocked = blocked

    def mapping(
        self,
        node: _Map,
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
                    raise _Doubt  # fmt would reorder these keys
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
        value: _Node,
        path: Path,
        indent: int,
        model: type[BaseModel] | None,
        walked: bool,
    ) -> None:
        if isinstance(value, _Scalar):
            if value.style == "|":
                lines = _literal(value, indent + 2)
                self.lines.append(head + " " + lines[0])
                self.lines.extend(lines[1:])
            else:
                self.lines.append(head + " " + _token(value, False))
            return
        if not value.items:
            self.lines.append(head + (" {}" if isinstance(value, _Map) else " []"))
            return
        # fmt's choice, or (under `x-`) the style as written: the emitter writes both alike
        flow = _flow_eligible(key, value) if walked else value.flow
        if flow and path not in self.blocked:
            line = head + " " + _flow(value)
            if len(line) > LONGEST:
                raise _Doubt  # the emitter breaks lines past its width
            self.lines.append(line)
            return
        self.lines.append(head)
        if isinstance(value, _Map):
            self.mapping(value, path, indent + 2, model, walked, " " * (indent + 2))
        else:
            self.sequence(value, path, indent + 2, model, walked)

    def sequence(
        self, node: _Seq, path: Path, indent: int, model: type[BaseModel] | None, walked: bool
    ) -> None:
        dash = " " * indent + "- "
        for index, item in enumerate(node.items):
            if isinstance(item, _Scalar):
                if item.style == "|":
                    lines = _literal(item, indent + 2)
                    self.lines.append(dash + lines[0])
                    self.lines.extend(lines[1:])
                else:
                    self.lines.append(dash + _token(item, False))
                continue
            at = (*path, str(index))
            if not isinstance(item, _Map) or not item.items:
                raise _Doubt  # lists of lists, empty items
            if item.flow and not walked and at not in self.blocked:
                raise _Doubt  # a flow item kept as written (under `x-`)
            self.mapping(item, at, indent + 2, model, walked, dash)


def canonical_dump(bare: str, model: type[BaseModel], force: Iterable[Anchor] = ()) -> str:
    """What fmt's layout pass writes for this comment-free text (or a _Doubt).

    `force`: the paths journeymap.fmt._force_block turns to block style, with every
    collection on the way to them.
    """
    root = _read(bare)
    if not isinstance(root, _Map) or not root.items:
        raise _Doubt
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
    except _Doubt:
        return False


def _with_comments(
    bare: str, comments: list[Comment], blanks: list[Comment], model: type[BaseModel]
) -> str | None:
    """journeymap.fmt._with_comments with the layout pass predicted: comments put back,
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
