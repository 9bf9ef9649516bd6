"""YAML syntax errors as diagnostics a person can act on.

libyaml reports a syntax error as a *problem* ("mapping values are not allowed in this
context") at one mark and a *context* ("while scanning a quoted scalar") at another.
Those words describe the parser's state, not the writer's mistake. This module looks at
both marks and at the text around them, recognises the mistakes people really make (a
tab in the indentation, `name: Demo: request form`, `title:value`, `-item`, an unclosed
quote or bracket, a line indented to a column that matches no block) and says each in
plain words with a help line that says how to fix it. A problem it does not recognise
keeps the parser's own words, so nothing is hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

from journeymap.core.diagnostics import Diagnostic
from journeymap.yaml.source import Pos

_KEY_THEN_VALUE = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"{\[][^#]*?):[ \t]+(\S.*)$")
_GLUED_COLON = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):([^\s:].*)$")
_GLUED_DASH = re.compile(r"^(\s*)-([^\s\-].*)$")
_COMMENT = re.compile(r"\s+#.*$")
_FLOW_NAMES = {"[": ("list", "]"), "{": ("mapping", "}")}


@dataclass(frozen=True)
class Explained:
    """A syntax error in the writer's terms: where, what, and how to fix it."""

    line: int
    column: int
    message: str
    hint: str | None


def syntax_diagnostic(path: str, text: str, exc: MarkedYAMLError) -> Diagnostic:
    """The diagnostic for a parser error in `text` (the whole file)."""
    e = explain(text, exc)
    return Diagnostic(path, e.line, e.column, "error", "yaml-syntax", e.message, e.hint)


def explain(text: str, exc: MarkedYAMLError) -> Explained:
    """Map libyaml's problem and context to the writer's mistake (see the module doc)."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    at: Pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    opened: Pos | None = None
    if exc.context_mark is not None:
        opened = (exc.context_mark.line + 1, exc.context_mark.column + 1)
    lines = text.splitlines()
    for reader in (_tab, _start_character, _colon, _simple_key, _quote, _flow, _block):
        found = reader(lines, problem, context, at, opened)
        if found is not None:
            return found
    words = f"{problem} ({context})" if context else problem or "invalid YAML"
    return Explained(*at, f"YAML syntax error: {words}", None)


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_at(line: str, column: int) -> str:
    """The word (a key, usually) that starts at 1-based `column`."""
    match = re.match(r"[^\s:]+", line[column - 1 :])
    return match.group() if match else line.strip()


def _quoted(value: str) -> str:
    """`value` as a YAML quoted scalar, double quotes when they need no escaping."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _tab(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    line = _line(lines, at[0])
    char = line[at[1] - 1 : at[1]]
    if "tab" not in problem and not ("cannot start any token" in problem and char == "\t"):
        return None
    column = line.find("\t") + 1 if "\t" in line else at[1]
    where = "in the indentation" if not line[: column - 1].strip() else "here"
    return Explained(
        at[0],
        column,
        f"a tab character {where}: YAML indents with spaces only",
        "replace the tab with spaces (two per level, lined up with the lines above)",
    )


def _start_character(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    if "cannot start any token" not in problem:
        return None
    line = _line(lines, at[0])
    char = line[at[1] - 1 : at[1]]
    if char not in ("@", "`"):
        return None
    match = _KEY_THEN_VALUE.match(line)
    example = f"{match.group(2)}: {_quoted(_COMMENT.sub('', match.group(3)))}" if match else ""
    if "`" in example:
        example = ""
    return Explained(
        *at,
        f"a plain value cannot start with {char!r}; YAML reserves it",
        "put the value in quotes" + (f": `{example}`" if example else ""),
    )


def _colon(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    if "mapping values are not allowed" not in problem:
        return None
    line = _line(lines, at[0])
    match = _KEY_THEN_VALUE.match(line)
    key_end = match.start(3) if match else -1
    if match and key_end <= at[1] - 1:
        key, value = match.group(2), _COMMENT.sub("", match.group(3)).rstrip()
        return Explained(
            *at,
            "a colon followed by a space inside a value: YAML reads it as the start of another key",
            f"put the value in quotes: `{key}: {_quoted(value)}`",
        )
    # The colon is this line's own key: the line is indented deeper than the one above,
    # so YAML read it as the continuation of the value above.
    previous = _previous_content(lines, at[0])
    if previous is None:
        return None
    number, above = previous
    key = _key_at(line, _indent(line) + 1)
    glued = _GLUED_COLON.match(above)
    if glued and not _KEY_THEN_VALUE.match(above):
        return _glued_colon(number, above, glued)
    column = _content_column(above)
    return Explained(
        at[0],
        _indent(line) + 1,
        f"`{key}` is indented more than the line above, so YAML reads it as part of "
        f"the value on line {number}",
        f"indent `{key}` to column {column}, like `{_key_at(above, column)}` on line {number}",
    )


def _glued_colon(number: int, line: str, match: re.Match[str]) -> Explained:
    key, value = match.group(2), match.group(3)
    return Explained(
        number,
        len(match.group(1)) + len(key) + 1,
        f"no space after the colon in `{key}:{value}`",
        f"YAML needs a space after the colon: write `{key}: {value}`",
    )


def _simple_key(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    if "could not find expected ':'" not in problem or opened is None:
        return None
    line = _line(lines, opened[0])
    dash = _GLUED_DASH.match(line)
    if dash:
        item = dash.group(2)
        return Explained(
            opened[0],
            len(dash.group(1)) + 1,
            f"no space after the dash in `-{item}`",
            f"a list item is a dash and a space: write `- {item}`",
        )
    glued = _GLUED_COLON.match(line)
    if glued:
        return _glued_colon(opened[0], line, glued)
    word = line.strip()
    return Explained(
        *opened,
        f"`{word}` is neither `key: value` nor a list item",
        f"write a key, a colon and a space before its value (`{word}: ...`), or remove the line",
    )


def _quote(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    if "quoted scalar" not in context or opened is None:
        return None
    quote = _line(lines, opened[0])[opened[1] - 1 : opened[1]] or '"'
    name = "double" if quote == '"' else "single"
    if "end of stream" in problem:
        return Explained(
            *opened,
            f"the {name} quote opened here (line {opened[0]}, column {opened[1]}) is never closed",
            f"end the value with a closing {quote}",
        )
    if "escape" in problem:
        return Explained(
            *at,
            "a backslash in double quotes starts an escape, and this one is not a known escape",
            "write the backslash twice (`\\\\`), or use single quotes, where a backslash is "
            "plain text",
        )
    return None


def _flow(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    if "flow" not in context:
        return None
    if "flow node" in context:  # at the end of the file: find the bracket left open
        opened = _open_bracket(lines, at)
        if opened is None:
            return None
    elif opened is None:
        return None
    bracket = _line(lines, opened[0])[opened[1] - 1 : opened[1]]
    if bracket not in _FLOW_NAMES:
        return None
    what, closer = _FLOW_NAMES[bracket]
    rest = _line(lines, at[0])[at[1] - 1 :]
    if "expected ','" in problem and closer in rest:
        return Explained(
            *at,
            f"expected a comma or `{closer}` here, in the {what} opened on line {opened[0]}, "
            f"column {opened[1]}",
            "separate the items with commas; quote an item that holds a comma, a bracket "
            "or a quote",
        )
    return Explained(
        *opened,
        f"the {what} opened with `{bracket}` here (line {opened[0]}, column {opened[1]}) "
        f"is not closed",
        f"close it with `{closer}` at the end of the {what}, with a comma between items "
        "(quote an item that holds a comma or a bracket)",
    )


def _open_bracket(lines: list[str], at: Pos) -> Pos | None:
    """The last `[` or `{` before `at` that starts a flow collection still open there."""
    stack: list[Pos] = []
    for number, line in enumerate(lines[: at[0]], start=1):
        quote = ""
        for index, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'" and (stack or line[:index].rstrip()[-1:] in (":", "-", "")):
                quote = char
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                break
            elif char in "[{" and (stack or line[:index].rstrip()[-1:] in (":", "-", "")):
                stack.append((number, index + 1))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _block(
    lines: list[str], problem: str, context: str, at: Pos, opened: Pos | None
) -> Explained | None:
    if "block" not in context or opened is None:
        return None
    line = _line(lines, at[0])
    stripped = line[at[1] - 1 :]
    before = line[: at[1] - 1].rstrip()
    if "expected key" in problem and before[-1:] in ("'", '"'):
        return Explained(
            *at,
            "text after the closing quote",
            "put the whole value inside the quotes, or remove what follows the closing quote",
        )
    if "expected key" in problem and stripped.startswith("- ") and not before:
        return Explained(
            *at,
            "a list item where a key is expected",
            "a list goes under its key, indented: `tags:` and below it `  - item`",
        )
    if before:  # a stray character after a value, such as `[a, b]]`
        return Explained(
            *at,
            f"unexpected `{stripped.strip()[:20]}` after the value",
            "remove it, or put the whole value in quotes if it is part of the text",
        )
    key = _key_at(line, at[1])
    levels = _levels(lines, at[0])
    if "'-' indicator" in problem and at[1] == opened[1]:
        inside = next((c for c, _, _ in levels if c > at[1]), at[1] + 2)
        return Explained(
            *at,
            f"`{key}` is in the list that starts on line {opened[0]} but is not a list item",
            f"start it with `- ` to make it a new item, or indent it to column {inside} "
            "to put it in the item above",
        )
    choices = [
        f"column {c} (a new list item, like line {n})"
        if word == "-"
        else f"column {c} (like `{word}` on line {n})"
        for c, n, word in levels
        if c != at[1]
    ][:3]
    if not choices:
        return None
    return Explained(
        *at,
        f"`{key}` is indented to column {at[1]}, which lines up with no block above it",
        f"line it up with the keys it belongs with: {' or '.join(choices)}",
    )


def _previous_content(lines: list[str], number: int) -> tuple[int, str] | None:
    for n in range(number - 1, 0, -1):
        text = lines[n - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return n, text
    return None


def _content_column(line: str) -> int:
    """The 1-based column of a line's key, after any `- ` list dashes."""
    match = re.match(r"\s*(?:-\s+)*", line)
    return (match.end() if match else 0) + 1


def _levels(lines: list[str], number: int) -> list[tuple[int, int, str]]:
    """The blocks still open at line `number`: (column, line, first word), innermost first."""
    out: list[tuple[int, int, str]] = []
    lowest = 10**9
    n = number
    while (found := _previous_content(lines, n)) is not None:
        n, text = found
        indent = _indent(text)
        if indent >= lowest:
            continue
        lowest = indent
        for column in sorted({_content_column(text), indent + 1}, reverse=True):
            if all(column != c for c, _, _ in out):
                out.append((column, n, _key_at(text, column)))
    return out


def position_of_index(text: str, index: int) -> Pos:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
