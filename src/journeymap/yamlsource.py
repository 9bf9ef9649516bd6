"""YAML bytes -> plain Python data, with the position of every key and value.

This is the safety boundary between a user's file and the rest of journeymap. It reads
the event stream of ruamel.yaml's C parser (libyaml) and builds the data itself, in one
pass, instead of composing a node tree first:

* only YAML 1.2 core values are constructed (str, int, float, bool, null) plus dates and
  timestamps; any other tag is a diagnostic, never an object;
* nesting is bounded while reading (libyaml's event parser copes with any depth, but
  composers recurse and crash around 30,000 levels, so none is used);
* alias expansion is counted as it happens (an alias adds the expanded size of its
  anchor) and refused at the alias that passes the budget, because anything that walks
  the data later (pydantic) expands aliases; aliased values are shared, never copied;
* duplicate keys, recursive aliases and undefined aliases are refused where they are;
* every failure is a Diagnostic with a 1-based line and column, never an exception.

Positions live beside the data: for each mapping, key -> (key line, key column, value
line, value column); for each sequence, the position of each item. `locate()` follows a
path such as `("stages", 2, "touchpoints", 0, "owner")` through them. Building the data
directly from events, with the garbage collector paused, is what keeps `validate` near
the cost of the bare parse (see benchmarks/).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from journeymap.diagnostics import Diagnostic

try:  # libyaml's event parser, from ruamel.yaml.clib (a declared dependency)
    from _ruamel_yaml import CParser as _CParser  # type: ignore[import-not-found]

    C_PARSER = True
except ImportError:  # pragma: no cover - only when the wheel is missing for a platform
    _CParser = None
    C_PARSER = False


def _read_events(text: str, builder: _Builder) -> None:
    """Feed the parser's events to the builder, with no generator in between."""
    if _CParser is None:  # pragma: no cover
        builder.run(YAML(typ="safe", pure=True).parse(text))
        return
    parser = _CParser(text)
    try:
        builder.run(iter(parser.get_event, None))
    finally:
        parser.dispose()


# Limits. Journey files nest about ten levels deep and alias little; these leave room
# for any real file while refusing hostile ones in milliseconds.
MAX_DEPTH = 100
ALIAS_BUDGET = 100_000  # values that alias expansion may add beyond the file's own
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Loc = Sequence[str | int]
Pos = tuple[int, int]

_CORE = "tag:yaml.org,2002:"


@dataclass
class Source:
    """A parsed YAML file: text, data, positions, or the reasons it has none."""

    path: str
    text: str
    data: Any = None
    root_pos: Pos = (1, 1)
    positions: dict[int, Any] = field(default_factory=dict, repr=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    tracked: bool = False  # were positions kept while reading?
    _keep: list[Any] = field(default_factory=list, repr=False)  # ids in `positions` stay valid
    _shadow: Source | None = field(default=None, repr=False)
    _released: bool = field(default=False, repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def release_data(self) -> None:
        """Drop the raw data of a valid file to save memory; `raw_data` reads it again."""
        self.data = None
        self._released = True

    @property
    def raw_data(self) -> Any:
        """The data as read, custom `x-` keys included (read again if it was released)."""
        if self._released:
            return parse(self.path, self.text.encode("utf-8")).data
        return self.data

    def line(self, number: int) -> str | None:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else None

    def locate(self, loc: Loc, *, on_key: bool = False) -> Pos:
        """The (line, column) of the value at `loc`, or of its key with `on_key`.

        Path parts that are not in the data (a missing field, a pydantic union tag) are
        skipped, so the position falls back to the nearest enclosing value that exists.
        """
        if not self.tracked:
            if self._shadow is None:
                self._shadow = parse(self.path, self.text.encode("utf-8"), track=True)
            return self._shadow.locate(loc, on_key=on_key)
        node: Any = self.data
        pos: Pos = self.root_pos
        key_pos: Pos | None = None
        for part in loc:
            if isinstance(node, dict):
                table = self.positions.get(id(node))
                entry = _lookup(node, table, part)
                if entry is None:
                    continue
                key, (kl, kc, vl, vc) = entry
                key_pos, pos, node = (kl, kc), (vl, vc), node[key]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                table = self.positions.get(id(node))
                key_pos, node = None, node[part]
                if table is not None:
                    pos = table[part]
            else:
                continue
        return key_pos if on_key and key_pos is not None else pos

    def diagnostic(
        self,
        loc: Loc,
        rule: str,
        message: str,
        *,
        hint: str | None = None,
        severity: str = "error",
        on_key: bool = False,
    ) -> Diagnostic:
        line, column = self.locate(loc, on_key=on_key)
        return Diagnostic(self.path, line, column, severity, rule, message, hint)  # type: ignore[arg-type]


def _lookup(node: dict[Any, Any], table: Any, part: str | int) -> tuple[Any, Any] | None:
    if table is None:
        return None
    if part in table:
        return part, table[part]
    wanted = str(part)
    for key, entry in table.items():
        if str(key) == wanted:
            return key, entry
    return None


# --- bytes -> text ------------------------------------------------------------------------


def decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (a BOM is fine); anything else is reported where the first bad byte is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(
            path,
            1,
            1,
            "error",
            "encoding",
            "file is UTF-16 encoded; journeymap reads UTF-8",
            "re-save the file as UTF-8",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return None, Diagnostic(
            path,
            line,
            column,
            "error",
            "encoding",
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            "journey files must be UTF-8; re-save the file as UTF-8",
        )


# --- YAML 1.2 core schema, plus dates ---------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]*))?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?"
)
_NULLS = {"~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class ScalarProblem(ValueError):
    """A plain scalar that looks like a number or date but is not a valid one."""


def resolve_plain(value: str) -> Any:
    """What an unquoted scalar means in YAML 1.2's core schema (plus ISO dates)."""
    if not value:
        return None
    first = value[0]
    if first in "~nN" and value in _NULLS:
        return None
    if first in "tTfF" and value in _BOOLS:
        return _BOOLS[value]
    if first in "-+0123456789.":
        try:
            if _INT.fullmatch(value):
                return int(value, 10)
            if _OCT.fullmatch(value):
                return int(value[2:], 8)
            if _HEX.fullmatch(value):
                return int(value[2:], 16)
            if _FLOAT.fullmatch(value) and value not in (".", "+.", "-."):
                return float(value)
        except ValueError as exc:  # more than 4,300 digits
            raise ScalarProblem(f"{value[:20]}... is not a usable number: {exc}") from None
        if _INF.fullmatch(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
        match = _DATE.fullmatch(value)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError as exc:
                raise ScalarProblem(f"{value!r} is not a valid date: {exc}") from None
        match = _TIMESTAMP.fullmatch(value)
        if match:
            return _timestamp(value, match)
    return value


def _timestamp(value: str, match: re.Match[str]) -> datetime:
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz = None
    if zone:
        if zone == "Z":
            tz = UTC
        else:
            sign = -1 if zone[0] == "-" else 1
            hours, _, minutes = zone[1:].partition(":")
            if not minutes and len(hours) > 2:
                hours, minutes = hours[:-2], hours[-2:]
            tz = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
        )
    except ValueError as exc:
        raise ScalarProblem(f"{value!r} is not a valid date: {exc}") from None


def _resolve_tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit core tag, such as `!!str 2024-01-01`."""
    kind = tag[len(_CORE) :]
    if kind == "str":
        return value
    if kind == "null":
        return None
    resolved = resolve_plain(value)
    expected: dict[str, type | tuple[type, ...]] = {
        "int": int,
        "float": (int, float),
        "bool": bool,
        "timestamp": (date, datetime),
    }
    if isinstance(resolved, bool) and kind != "bool":
        raise ScalarProblem(f"{value!r} is not a valid {kind}")
    if not isinstance(resolved, expected[kind]):
        raise ScalarProblem(f"{value!r} is not a valid {kind}")
    return float(resolved) if kind == "float" and isinstance(resolved, (int, float)) else resolved


_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


# --- events -> data ----------------------------------------------------------------------------


class _Refused(Exception):
    """Stop reading: the file is hostile or broken beyond the point of reporting more."""


class _NeedPositions(Exception):
    """A problem was found while positions were not kept: read the file again, keeping them."""


_NO_KEY = object()
_BAD_KEY = object()


class _Builder:
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

    def error(self, pos: Pos | None, rule: str, message: str, hint: str | None = None) -> None:
        if pos is None:
            raise _NeedPositions
        self.source.diagnostics.append(
            Diagnostic(self.path, pos[0], pos[1], "error", rule, message, hint)
        )

    def refuse(self, pos: Pos | None, rule: str, message: str, hint: str | None = None) -> None:
        self.error(pos, rule, message, hint)
        raise _Refused

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
                        raise _NeedPositions from None
                self.distinct += 1
                add(value, None, 1)
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
            elif tag in _SCALAR_TAGS:
                value = _resolve_tagged(tag, event.value)
            else:
                self.error(
                    pos,
                    "unsupported-tag",
                    f"the tag {_short_tag(tag)} is not allowed in journey files",
                    "journey files use plain YAML values; remove the tag",
                )
                value = None
        except ScalarProblem as exc:
            is_date = "date" in str(exc)
            self.error(
                pos,
                "invalid-value",
                str(exc),
                "write a real calendar date as YYYY-MM-DD"
                if is_date
                else "quote it if you meant text",
            )
            value = None
        self.distinct += 1
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        key_is_merge = event.implicit[0] and event.value == "<<" and tag is None
        self.add(value, pos, 1, merge=key_is_merge)

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
                f"aliases expand to over {self.extra:,} values here "
                f"(the file itself has {self.distinct:,}); refusing to expand them",
                f"aliases may add at most {ALIAS_BUDGET:,} values to a file; "
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
        bad_tag = tag is not None and tag != "!" and tag != _CORE + ("map" if mapping else "seq")
        if bad_tag:
            self.error(
                pos,
                "unsupported-tag",
                f"the tag {_short_tag(tag)} is not allowed in journey files",
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
        self.stack.append([container, table, event.anchor, pos, 1, bad_tag, _NO_KEY, None, []])

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
                raise _NeedPositions
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


def _short_tag(tag: str | None) -> str:
    if tag is None:
        return "(none)"
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _syntax(path: str, text: str, exc: MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"{problem} ({context})" if context else problem
    hint = None
    offending = text.splitlines()[line - 1 : line]
    if "cannot start any token" in message and offending and "\t" in offending[0]:
        hint = "YAML does not allow tabs for indentation; use spaces"
    return Diagnostic(path, line, column, "error", "yaml-syntax", message, hint)


def _position_of_index(text: str, index: int) -> Pos:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def parse(path: str, raw: bytes, *, track: bool = False) -> Source:
    """Decode and read one YAML document; every failure becomes a diagnostic.

    Most files are valid, so positions are not kept on the first read; the first problem
    (or the first `locate()`) reads the text again with positions. Same text, same shape.
    """
    text, problem = decode(path, raw)
    if text is None:
        source = Source(path, "")
        source.diagnostics.append(problem)  # type: ignore[arg-type]
        return source
    source = Source(path, text, tracked=track)
    builder = _Builder(source, track)
    paused = gc.isenabled()
    if paused:
        gc.disable()  # building many small containers is where the collector costs most
    try:
        _read_events(text, builder)
    except _NeedPositions:
        if paused:
            gc.enable()
            paused = False
        return parse(path, raw, track=True)
    except _Refused:
        source.data = None
    except MarkedYAMLError as exc:
        source.diagnostics.append(_syntax(path, text, exc))
        source.data = None
    except ReaderError as exc:
        line, column = _position_of_index(text, exc.position)
        char = exc.character
        code = ord(char) if isinstance(char, str) else int(char)
        source.diagnostics.append(
            Diagnostic(
                path,
                line,
                column,
                "error",
                "yaml-syntax",
                f"control character U+{code:04X} is not allowed in YAML",
                "remove the character, or write it as an escape in a double-quoted string",
            )
        )
        source.data = None
    finally:
        if paused:
            gc.enable()
    return source
