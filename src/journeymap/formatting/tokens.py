"""The data of a YAML text as fmt's fast path sees it, and each scalar as ruamel writes it.

journeymap.formatting.fast predicts fmt's output without running ruamel's emitter; this module
holds the two halves of that prediction that know nothing of fmt's layout rules: a small
tree read from libyaml's events (refusing anchors, aliases, tags and directives), and
the exact token ruamel's emitter writes for a scalar (its quoting, escapes, `|` blocks),
or a `Doubt` where that is not known for certain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias

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

from journeymap.yaml.events import CParser

LONGEST = 1000  # longer scalars may be folded by the emitter (width 4096): not predicted
LONGEST_KEY = 100  # the emitter writes keys of 128 characters or more as `? key`


class Doubt(Exception):
    """The text is outside what this module can predict, or is not canonical."""


# --- the data, as a small tree read from libyaml's events ------------------------------------


@dataclass(slots=True)
class Scalar:
    value: str
    style: str  # "" plain, "'", '"', "|", ">"


@dataclass(slots=True)
class Map:
    items: list[tuple[str, Node]]
    flow: bool


@dataclass(slots=True)
class Seq:
    items: list[Node]
    flow: bool


Node: TypeAlias = Scalar | Map | Seq


def read_tree(text: str) -> Node:
    """The document's tree; a doubt on anchors, aliases, tags, directives or non-str keys."""
    assert CParser is not None
    parser = CParser(text)
    try:
        events = list(iter(parser.get_event, None))
    except Exception as exc:  # a syntax error: the full path reports it
        raise Doubt from exc
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
        raise Doubt
    stack: list[Map | Seq] = []
    pending: list[str | None] = []  # per open mapping: the key waiting for its value
    root: Node | None = None
    for event in events[2:-2]:
        if isinstance(event, CollectionEndEvent):
            done = stack.pop()
            if isinstance(done, Map) and pending.pop() is not None:
                raise Doubt
            continue
        if isinstance(event, ScalarEvent):
            if event.anchor is not None or event.tag is not None:
                raise Doubt
            node = Scalar(event.value, event.style or "")
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None or event.tag is not None:
                raise Doubt
            opened: Map | Seq
            if isinstance(event, MappingStartEvent):
                opened = Map([], bool(event.flow_style))
            else:
                opened = Seq([], bool(event.flow_style))
            _add(stack, pending, opened)
            stack.append(opened)
            if isinstance(opened, Map):
                pending.append(None)
            if root is None:
                root = opened
            continue
        else:  # AliasEvent, or anything unexpected
            assert isinstance(event, AliasEvent) or event is not None
            raise Doubt
        if not stack:
            raise Doubt  # a bare scalar document: not a journeymap file
        _add(stack, pending, node)
    if root is None or stack:
        raise Doubt
    return root


def _add(stack: list[Map | Seq], pending: list[str | None], node: Node) -> None:
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, Seq):
        parent.items.append(node)
        return
    key = pending[-1]
    if key is None:  # this node is a key: only plain strings the emitter writes as they are
        if not isinstance(node, Scalar) or node.style != "":
            raise Doubt  # fmt keeps a key's quotes, which this tree does not remember
        if tag_of(node) != "str" or len(node.value) >= LONGEST_KEY:
            raise Doubt
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


def tag_of(scalar: Scalar) -> str:
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


def loaded_str(scalar: Scalar) -> str:
    """str() of the value ruamel loads, which fmt's flow-width rule measures."""
    if scalar.style:
        return scalar.value
    tag = tag_of(scalar)
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
    raise Doubt


def token(scalar: Scalar, flow: bool) -> str:
    """The scalar as the emitter writes it on one line, or a doubt."""
    value, style = scalar.value, scalar.style
    if len(value) > LONGEST:
        raise Doubt
    if style != '"' and _UNPRINTABLE_UNQUOTED.search(value):
        raise Doubt  # the emitter would double-quote it (line breaks, tabs)
    if style == "":
        if not value:
            raise Doubt  # null
        if tag_of(scalar) != "str":
            loaded_str(scalar)  # a doubt unless written as the emitter writes it
            return value  # `-3`, `1.5`, `true`, `2026-11-01`
        if _BLOCK_PLAIN_BAD.search(value) or (flow and _FLOW_PLAIN_BAD.search(value)):
            raise Doubt  # the emitter would quote it
        return value
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return '"' + _ESCAPED.sub(_escape, value) + '"'
    raise Doubt


def literal(scalar: Scalar, indent: int) -> list[str]:
    """A `|` block scalar as the emitter writes it: header, then lines at `indent`."""
    value = scalar.value
    if (
        not value
        or value[0] in " \n"
        or value.endswith("\n\n")
        or _UNPRINTABLE.search(value.replace("\n", ""))
    ):
        raise Doubt
    lines = value.split("\n")
    header = "|"
    if lines[-1] == "":
        lines.pop()
    else:
        header = "|-"
    if any(line != line.rstrip(" ") or line.startswith(" ") for line in lines):
        raise Doubt  # trailing or leading spaces: indentation hints, not predicted
    pad = " " * indent
    return [header, *[pad + line if line else "" for line in lines]]
