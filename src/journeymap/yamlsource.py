"""YAML bytes -> plain Python data, keeping the node tree so any value can be located.

This is the safety boundary between a user's file and the rest of journeymap:

* only YAML's core types are constructed (str, int, float, bool, null, timestamps);
  any other tag is a diagnostic, never an object;
* nesting is bounded by a cheap scan of the text *before* the C parser sees it (libyaml
  crashes the whole process at ~30,000 levels), and again on the composed tree;
* alias expansion is measured on the node graph (memoised on node identity) and refused
  over a budget, because anything that walks the data later (pydantic) expands aliases;
* every failure is a Diagnostic with a 1-based line and column, never an exception.

Positions are not copied into the data: the composed node tree is kept and `locate()`
walks it along a path (`("stages", 2, "touchpoints", 0, "owner")`) when a position is
needed. That costs nothing for valid files and is exact however deep the path goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from journeymap.diagnostics import Diagnostic

# Limits. Journey files nest about ten levels deep and alias little; these leave
# generous room for real files while refusing hostile ones in milliseconds.
MAX_TEXT_NESTING = 1000  # estimated from the raw text, before parsing
MAX_DEPTH = 100  # measured on the composed tree
ALIAS_BUDGET = 100_000  # nodes that alias expansion may add beyond the file's own
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class Source:
    """A parsed YAML file: its text, node tree and plain data, or the reasons it has none."""

    path: str
    text: str
    root: Node | None = None
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def line(self, number: int) -> str | None:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else None

    def diagnostic(
        self,
        loc: Path_,
        rule: str,
        message: str,
        *,
        hint: str | None = None,
        severity: str = "error",
        on_key: bool = False,
    ) -> Diagnostic:
        line, column = locate(self.root, loc, on_key=on_key)
        return Diagnostic(self.path, line, column, severity, rule, message, hint)  # type: ignore[arg-type]


# --- bytes -> text ----------------------------------------------------------------------


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


# --- nesting guard before parsing ------------------------------------------------------

_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'')
_COMPACT = re.compile(r"[ \t]*((?:[-?][ \t]+)*)")


def nesting_too_deep(text: str) -> tuple[int, int] | None:
    """Estimate nesting from the text and return where it passes the limit.

    Counts open flow brackets and compact block indicators (`- - - x`), the two ways a
    small file can nest thousands of levels; block indentation cannot (its cost grows
    with the square of the depth). Quoted strings and comments are ignored. The estimate
    may over-count, which only matters far beyond any real journey file.
    """
    if (
        text.count("[") + text.count("{") < MAX_TEXT_NESTING
        and text.count("- ") + text.count("? ") < MAX_TEXT_NESTING
    ):
        return None
    flow = 0
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line
        if "'" in line or '"' in line:
            line = _QUOTED.sub(lambda m: " " * len(m.group()), line)
        hash_at = line.find(" #")
        if hash_at >= 0:
            line = line[:hash_at]
        prefix = _COMPACT.match(line)
        compact = prefix.group(1).count("-") + prefix.group(1).count("?") if prefix else 0
        indent = len(line) - len(line.lstrip(" "))
        opens = line.count("[") + line.count("{")
        closes = line.count("]") + line.count("}")
        if flow + opens + compact + indent // 8 > MAX_TEXT_NESTING:
            # The cheap count says maybe; walk the line to know (brackets may close again).
            depth = flow + compact + indent // 8
            for column, char in enumerate(line, start=1):
                if char in "[{":
                    depth += 1
                elif char in "]}":
                    depth -= 1
                if depth > MAX_TEXT_NESTING:
                    return number, column
        flow = max(0, flow + opens - closes)
    return None


# --- parse -----------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    return yaml


def _mark_position(exc: MarkedYAMLError) -> tuple[int, int]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _syntax_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    return f"{problem} ({context})" if context else problem


def _position_of_index(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def compose(path: str, text: str) -> tuple[Node | None, Diagnostic | None]:
    try:
        return _yaml().compose(text), None
    except MarkedYAMLError as exc:
        line, column = _mark_position(exc)
        rule = "yaml-syntax"
        message = _syntax_message(exc)
        hint = None
        offending = text.splitlines()[line - 1 : line]
        if "cannot start any token" in message and offending and "\t" in offending[0]:
            hint = "YAML does not allow tabs for indentation; use spaces"
        if "expected a single document" in message:
            hint = "a journey file holds one YAML document; remove the extra `---`"
        return None, Diagnostic(path, line, column, "error", rule, message, hint)
    except ReaderError as exc:
        line, column = _position_of_index(text, exc.position)
        char = exc.character
        code = ord(char) if isinstance(char, str) else int(char)
        return None, Diagnostic(
            path,
            line,
            column,
            "error",
            "yaml-syntax",
            f"control character U+{code:04X} is not allowed in YAML",
            "remove the character, or write it as an escape in a double-quoted string",
        )
    except RecursionError:
        return None, Diagnostic(
            path, 1, 1, "error", "too-deep", "the YAML nests too deeply to read"
        )


# --- the node graph: size, depth, cycles -----------------------------------------------


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _start(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def check_graph(path: str, root: Node) -> Diagnostic | None:
    """Refuse cycles, deep nesting and alias expansion past the budget.

    One iterative pass over distinct nodes (aliases are the same node object), so a
    billion-laughs file costs as much as its text, not its expansion.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    nodes: dict[int, Node] = {}
    in_progress: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            in_progress.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            height[key] = 1 + max((height[id(k)] for k in kids), default=0)
            continue
        if key in size:
            continue
        if key in in_progress:
            line, column = _start(node)
            return Diagnostic(
                path,
                line,
                column,
                "error",
                "alias-cycle",
                "this anchor is used inside itself, so the data would be infinite",
                "an alias (*name) cannot refer to the node that contains it",
            )
        in_progress.add(key)
        nodes[key] = node
        stack.append((node, True))
        for kid in reversed(_children(node)):
            if id(kid) in in_progress:
                line, column = _start(kid)
                return Diagnostic(
                    path,
                    line,
                    column,
                    "error",
                    "alias-cycle",
                    "this anchor is used inside itself, so the data would be infinite",
                    "an alias (*name) cannot refer to the node that contains it",
                )
            if id(kid) not in size:
                stack.append((kid, False))

    root_key = id(root)
    if height[root_key] > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH):
            node = max(_children(node), key=lambda k: height[id(k)])
        line, column = _start(node)
        return Diagnostic(
            path,
            line,
            column,
            "error",
            "too-deep",
            f"the data nests more than {MAX_DEPTH} levels deep here",
            "journey files need about ten levels; this looks like generated or damaged YAML",
        )
    distinct = len(size)
    if size[root_key] > distinct + ALIAS_BUDGET:
        node = root
        while True:
            bigger = [k for k in _children(node) if size[id(k)] > ALIAS_BUDGET]
            if not bigger:
                break
            node = min(bigger, key=_start)
        line, column = _start(node)
        return Diagnostic(
            path,
            line,
            column,
            "error",
            "alias-bomb",
            f"aliases here expand to {size[id(node)]:,} values "
            f"(the file itself has {distinct:,}); refusing to expand them",
            f"aliases may add at most {ALIAS_BUDGET:,} values to a file; "
            "share less, or write the repeated parts out",
        )
    return None


# --- node tree -> plain data -----------------------------------------------------------


class _Builder:
    """Builds dicts, lists and scalars; aliased nodes become shared objects (no expansion)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.constructor = _yaml().constructor
        self.memo: dict[int, Any] = {}

    def error(self, node: Node, rule: str, message: str, hint: str | None = None) -> None:
        line, column = _start(node)
        self.source.diagnostics.append(
            Diagnostic(self.source.path, line, column, "error", rule, message, hint)
        )

    def build(self, node: Node) -> Any:
        key = id(node)
        if key in self.memo:
            return self.memo[key]
        if isinstance(node, ScalarNode):
            value = self.scalar(node)
        elif node.tag not in (_TAG + "seq", _TAG + "map"):
            self.error(
                node,
                "unsupported-tag",
                f"the tag {_short_tag(node.tag)} is not allowed in journey files",
                "journey files use plain YAML values; remove the tag",
            )
            value = None
        elif isinstance(node, SequenceNode):
            value = []
            self.memo[key] = value
            value.extend(self.build(item) for item in node.value)
        else:
            value = {}
            self.memo[key] = value
            self.mapping(node, value)  # type: ignore[arg-type]
        self.memo[key] = value
        return value

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.error(
                node,
                "unsupported-tag",
                f"the tag {_short_tag(tag)} is not allowed in journey files",
                "journey files use plain YAML values; remove the tag",
            )
            return None
        if tag == _TAG + "str":
            return node.value
        if tag == _TAG + "null":
            return None
        try:
            return self.constructor.construct_object(node)
        except (ValueError, OverflowError, MarkedYAMLError) as exc:
            is_date = tag.endswith("timestamp")
            what = "date" if is_date else tag.rsplit(":", 1)[-1]
            self.error(
                node,
                "invalid-value",
                f"{node.value!r} is not a valid {what}: {exc}",
                "write a real calendar date as YYYY-MM-DD"
                if is_date
                else "quote it if you meant text",
            )
            return None

    def mapping(self, node: MappingNode, into: dict[Any, Any]) -> None:
        seen: dict[Any, Node] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(
                    key_node, "invalid-key", "a key must be a plain value, not a list or mapping"
                )
                continue
            key = self.scalar(key_node)
            try:
                hash(key)
            except TypeError:
                continue
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(
                    key_node,
                    "duplicate-key",
                    f"duplicate key {key!r}",
                    f"{key!r} is already set on line {first}; a key may appear once per mapping",
                )
                continue
            seen[key] = key_node
            into[key] = self.build(value_node)
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for src in sources:
                merged = self.build(src)
                if not isinstance(merged, dict):
                    self.error(
                        src,
                        "invalid-value",
                        "a merge key (<<) takes a mapping or a list of mappings",
                    )
                    continue
                for k, v in merged.items():
                    into.setdefault(k, v)


def _short_tag(tag: str | None) -> str:
    if tag is None:
        return "(none)"
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


# --- locating a path in the node tree --------------------------------------------------


def _find_key(node: MappingNode, part: str | int) -> tuple[Node, Node] | None:
    wanted = str(part)
    merges = []
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE:
            merges.append(value_node)
        elif isinstance(key_node, ScalarNode) and key_node.value == wanted:
            return key_node, value_node
    for merge in merges:
        for src in merge.value if isinstance(merge, SequenceNode) else [merge]:
            if isinstance(src, MappingNode):
                found = _find_key(src, part)
                if found:
                    return found
    return None


def locate(root: Node | None, loc: Sequence[str | int], *, on_key: bool = False) -> tuple[int, int]:
    """The 1-based (line, column) of the value at `loc`, or of its key with `on_key`.

    Path parts that are not in the file (a missing field, a pydantic union tag) are
    skipped, so the position falls back to the nearest enclosing node that exists.
    """
    if root is None:
        return 1, 1
    node: Node = root
    key_node: Node | None = None
    for part in loc:
        if isinstance(node, MappingNode):
            found = _find_key(node, part)
            if found is None:
                continue
            key_node, node = found
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                continue
            key_node, node = None, node.value[part]
        else:
            continue
    target = key_node if on_key and key_node is not None else node
    return _start(target)


# --- the whole pipeline -----------------------------------------------------------------


def parse(path: str, raw: bytes) -> Source:
    """Decode, guard, compose, measure and build; every failure becomes a diagnostic."""
    text, problem = decode(path, raw)
    if text is None:
        source = Source(path, "")
        source.diagnostics.append(problem)  # type: ignore[arg-type]
        return source
    source = Source(path, text)
    deep = nesting_too_deep(text)
    if deep is not None:
        source.diagnostics.append(
            Diagnostic(
                path,
                deep[0],
                deep[1],
                "error",
                "too-deep",
                f"the YAML nests more than {MAX_TEXT_NESTING} levels deep here; refusing to parse it",
                "journey files need about ten levels; this looks like generated or damaged YAML",
            )
        )
        return source
    root, problem = compose(path, text)
    if problem is not None:
        source.diagnostics.append(problem)
        return source
    source.root = root
    if root is None:
        return source
    problem = check_graph(path, root)
    if problem is not None:
        source.diagnostics.append(problem)
        return source
    source.data = _Builder(source).build(root)
    return source
