"""libyaml's event stream -> plain Python data, in one pass, with limits.

* only YAML 1.2 core values are constructed (str, int, float, bool, null; a date is
  text, see yaml/scalars.py); any other tag is a diagnostic, never an object;
* nesting is bounded while reading (composers recurse and crash around 30,000 levels, so
  none is used);
* alias expansion is counted as it happens and refused at the alias that passes the
  budget; aliased values are shared, never copied;
* duplicate keys, recursive aliases and undefined aliases are refused where they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.docinfo import DocInfo, version
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.parser import ParserError
from ruamel.yaml.scanner import ScannerError

from journeymap.core.diagnostics import Diagnostic, RuleName
from journeymap.yaml.scalars import (
    CORE_TAG,
    SCALAR_TAGS,
    ScalarProblem,
    resolve_plain,
    resolve_tagged,
    short_tag,
)
from journeymap.yaml.source import Pos, Source

try:  # libyaml's event parser, from ruamel.yaml.clib (a declared dependency)
    from _ruamel_yaml import CParser as CParser  # type: ignore[import-not-found]

    C_PARSER = True
except ImportError:  # pragma: no cover - only when the wheel is missing for a platform
    CParser = None
    C_PARSER = False


def read_events(text: str, builder: EventBuilder) -> None:
    """Feed the parser's events to the builder, with no generator in between."""
    if CParser is None:
        _read_pure(text, builder)
        return
    parser = CParser(text)
    try:
        builder.run(iter(parser.get_event, None))
    finally:
        parser.dispose()


def _read_pure(text: str, builder: EventBuilder) -> None:
    """The pure-Python parser, where libyaml's wheel is missing. Two of its errors are not
    YAML errors (an escape past U+10FFFF, `%YAML 1.3`): they become the ones libyaml raises."""
    yaml = YAML(typ="safe", pure=True)
    yaml.doc_infos.append(DocInfo(requested_version=version(yaml.version)))
    _, parser = yaml.get_constructor_parser(text)
    try:
        builder.run(iter(lambda: parser.get_event() if parser.check_event() else None, None))
    except OverflowError:
        mark = yaml.reader.get_mark()
        problem = "found invalid Unicode character escape code"
        raise ScannerError("while parsing a quoted scalar", None, problem, mark) from None
    except AssertionError as exc:
        problem = "found incompatible YAML document" if "version" in str(exc) else str(exc)
        raise ParserError(None, None, problem, yaml.reader.get_mark()) from None
    finally:
        parser.dispose()


# Limits. Journey files nest about ten levels deep and alias little; these leave room
# for any real file while refusing hostile ones in milliseconds.
MAX_DEPTH = 100


# What alias expansion may add beyond the file's own text, in bytes: every later stage
# (models, pages, CSV) grows with the expanded data, so the budget is on its size, with a
# scalar weighing its text plus VALUE_WEIGHT and a container VALUE_WEIGHT.
ALIAS_BUDGET = 2_000_000
VALUE_WEIGHT = 8


class Refused(Exception):
    """Stop reading: the file is hostile or broken beyond the point of reporting more."""


class NeedPositions(Exception):
    """A problem was found while positions were not kept: read the file again, keeping them."""


_NO_KEY = object()


_BAD_KEY = object()


class EventBuilder:
    """One pass over the parser's events; see the module docstring for what it enforces."""

    def __init__(self, source: Source, track: bool) -> None:
        self.source = source
        self.track = track  # record positions; without, the first problem asks for a re-read
        self.path = source.path
        self.positions = source.positions
        self.keep = source._keep
        self.anchors: dict[str, tuple[Any, int] | None] = {}  # None: still being read
        self.stack: list[list[Any]] = []
        self.distinct = 0
        self.extra = 0  # values added by alias expansion
        self.documents = 0
        self.root_set = False

    def error(self, pos: Pos | None, rule: RuleName, message: str, hint: str | None = None) -> None:
        if pos is None:
            raise NeedPositions
        self.source.diagnostics.append(
            Diagnostic(self.path, pos[0], pos[1], "error", rule, message, hint)
        )

    def refuse(
        self, pos: Pos | None, rule: RuleName, message: str, hint: str | None = None
    ) -> None:
        self.error(pos, rule, message, hint)
        raise Refused

    def _pos(self, event: Any) -> Pos | None:
        return _mark(event) if self.track else None

    def run(self, events: Iterator[Any]) -> None:
        track = self.track
        add = self.add
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                if track or event.anchor is not None or event.tag is not None:
                    self.scalar(event)
                    continue
                # the common case, inlined: an untagged scalar while positions are not kept
                value = event.value
                if event.implicit[0]:
                    if value == "<<":
                        self.scalar(event)
                        continue
                    try:
                        value = resolve_plain(value)
                    except ScalarProblem:
                        raise NeedPositions from None
                self.distinct += 1
                add(value, None, len(event.value) + VALUE_WEIGHT)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.start(event, kind is MappingStartEvent)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.end()
            elif kind is AliasEvent:
                self.alias(event)
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.refuse(
                        self._pos(event),
                        "yaml-syntax",
                        "expected a single document in the stream",
                        "a journey file holds one YAML document; remove the extra `---`",
                    )

    # -- values --

    def scalar(self, event: Any) -> None:
        pos = self._pos(event)
        tag = event.tag
        value: Any
        try:
            if tag is None or tag == "!":
                value = resolve_plain(event.value) if event.implicit[0] else event.value
            elif tag in SCALAR_TAGS:
                value = resolve_tagged(tag, event.value)
            else:
                self.error(
                    pos,
                    "unsupported-tag",
                    f"the tag {short_tag(tag)} is not allowed in journey files",
                    "journey files use plain YAML values; remove the tag",
                )
                value = None
        except ScalarProblem as exc:
            self.error(pos, "invalid-value", str(exc), "quote it if you meant text")
            value = None
        self.distinct += 1
        weight = len(event.value) + VALUE_WEIGHT
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, weight)
        key_is_merge = event.implicit[0] and event.value == "<<" and tag is None
        self.add(value, pos, weight, merge=key_is_merge)

    def alias(self, event: Any) -> None:
        pos = self._pos(event)
        name = event.anchor
        if name not in self.anchors:
            self.refuse(
                pos,
                "yaml-syntax",
                f"found undefined alias *{name}",
                f"define `&{name}` before using `*{name}`",
            )
        anchored = self.anchors[name]
        if anchored is None:
            self.refuse(
                pos,
                "alias-cycle",
                "this alias is used inside the value it names, so the data would be infinite",
                "an alias (*name) cannot refer to the node that contains it",
            )
        assert anchored is not None
        value, size = anchored
        self.extra += size
        if self.extra > ALIAS_BUDGET:
            self.refuse(
                pos,
                "alias-bomb",
                f"aliases expand to over {self.extra:,} bytes of data here "
                f"(the file itself has {len(self.source.text):,}); refusing to expand them",
                f"aliases may add at most {ALIAS_BUDGET:,} bytes to a file; "
                "share less, or write the repeated parts out",
            )
        self.add(value, pos, size)

    def start(self, event: Any, mapping: bool) -> None:
        pos = self._pos(event)
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(
                pos,
                "too-deep",
                f"the data nests more than {MAX_DEPTH} levels deep here",
                "journey files need about ten levels; this looks like generated or damaged YAML",
            )
        tag = event.tag
        bad_tag = tag is not None and tag != "!" and tag != CORE_TAG + ("map" if mapping else "seq")
        if bad_tag:
            self.error(
                pos,
                "unsupported-tag",
                f"the tag {short_tag(tag)} is not allowed in journey files",
                "journey files use plain YAML values; remove the tag",
            )
        container: Any = {} if mapping else []
        table: Any = None
        if self.track:
            table = {} if mapping else []
            self.keep.append(container)
            self.positions[id(container)] = table
        self.distinct += 1
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        # frame: container, table, anchor, pos, size, bad_tag, pending key, key pos, merges
        self.stack.append(
            [container, table, event.anchor, pos, VALUE_WEIGHT, bad_tag, _NO_KEY, None, []]
        )

    def end(self) -> None:
        container, table, anchor, pos, size, bad_tag, _, _, merges = self.stack.pop()
        for merge_pos, merged in merges:
            self.merge(container, table, merge_pos, merged)
        value = None if bad_tag else container
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        self.add(value, pos, size)

    def merge(
        self, into: dict[Any, Any], table: dict[Any, Any] | None, pos: Pos | None, merged: Any
    ) -> None:
        sources = merged if isinstance(merged, list) else [merged]
        for src in sources:
            if not isinstance(src, dict):
                self.error(
                    pos, "invalid-value", "a merge key (<<) takes a mapping or a list of mappings"
                )
                continue
            src_table = self.positions.get(id(src), {})
            for key, value in src.items():
                if key not in into:
                    into[key] = value
                    if table is not None and pos is not None:
                        table[key] = src_table.get(key, (*pos, *pos))

    def add(self, value: Any, pos: Pos | None, size: int, merge: bool = False) -> None:
        if not self.stack:
            if not self.root_set:
                self.source.data, self.root_set = value, True
                self.source.root_pos = pos or (1, 1)
            return
        frame = self.stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
            if frame[1] is not None:
                frame[1].append(pos)
            frame[4] += size
            return
        key = frame[6]
        if key is _NO_KEY:  # this value is a key
            if isinstance(value, (dict, list)):
                self.error(pos, "invalid-key", "a key must be a plain value, not a list or mapping")
                frame[6] = _BAD_KEY
            elif merge:
                frame[6] = _MERGE
            else:
                frame[6] = value
            frame[7] = pos
            return
        frame[6] = _NO_KEY
        frame[4] += size
        if key is _BAD_KEY:
            return
        if key is _MERGE:
            frame[8].append((pos, value))
            return
        try:
            present = key in container
        except TypeError:
            return
        key_pos = frame[7]
        if present:
            if frame[1] is None:
                raise NeedPositions
            first = frame[1][key][0]
            self.error(
                key_pos,
                "duplicate-key",
                f"duplicate key {key!r}",
                f"{key!r} is already set on line {first}; a key may appear once per mapping",
            )
            return
        container[key] = value
        if frame[1] is not None and pos is not None:
            frame[1][key] = (key_pos[0], key_pos[1], pos[0], pos[1])


_MERGE = object()


def _mark(event: Any) -> Pos:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
