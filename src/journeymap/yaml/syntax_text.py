"""The text around a YAML syntax error: lines, indentation, keys, and a quoted fix.

What yaml/syntax.py and yaml/syntax_values.py read to say a mistake in the writer's
terms. Lines and columns are 1-based, like the diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymap.yaml.source import Pos

KEY_THEN_VALUE = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"{\[][^#]*?):[ \t]+(\S.*)$")
GLUED_COLON = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):([^\s:].*)$")
GLUED_DASH = re.compile(r"^(\s*)-([^\s\-].*)$")
LIST_ITEM = re.compile(r"^(\s*(?:-\s+)+)(\S.*)$")
COMMENT = re.compile(r"\s+#.*$")
FLOW_NAMES = {"[": ("list", "]"), "{": ("mapping", "}")}


@dataclass(frozen=True)
class Explained:
    """A syntax error in the writer's terms: where, what, and how to fix it."""

    line: int
    column: int
    message: str
    hint: str | None


@dataclass(frozen=True)
class Found:
    """A parser error as the readers see it: its words, its marks and the file's lines."""

    lines: list[str]
    problem: str  # in libyaml's wording (yaml/syntax.py rewrites the pure parser's)
    context: str
    at: Pos  # where the parser stopped
    opened: Pos | None  # where the construct it was reading began

    def line(self, number: int | None = None) -> str:
        return line_of(self.lines, self.at[0] if number is None else number)

    def char(self, where: Pos | None = None) -> str:
        line, column = where or self.at
        return line_of(self.lines, line)[column - 1 : column]


def line_of(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def key_at(line: str, column: int) -> str:
    """The word (a key, usually) that starts at 1-based `column`."""
    match = re.match(r"[^\s:]+", line[column - 1 :])
    return match.group() if match else line.strip()


def word_at(line: str, column: int) -> str:
    """What starts at `column`, up to the next space, for a message (at most 20 characters)."""
    match = re.match(r"\S+", line[column - 1 :])
    return (match.group() if match else line[column - 1 :].strip() or line.strip())[:20]


def quoted(value: str) -> str:
    """`value` as a YAML quoted scalar, double quotes when they need no escaping."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _in_brackets(line: str, column: int) -> bool:
    """Is `column` inside a `[...]` or `{...}` opened earlier on this line?"""
    depth = 0
    for char in line[: column - 1]:
        depth += (char in "[{") - (char in "]}")
    return depth > 0


def quote_fix(line: str, column: int) -> str | None:
    """The line (without its indentation and comment) with the value that holds
    `column` put in quotes: `unit: "%"`, `- "@home"`, `tags: ["|x", b]`. None when the
    line has no such value or the fix would hold a backtick (it is shown in one)."""
    text = COMMENT.sub("", line).rstrip()
    start = column - 1
    if start >= len(text):
        return None
    if _in_brackets(text, column):
        end = start
        while end < len(text) and text[end] not in ",]}":
            end += 1
        span = (start, len(text[:end].rstrip()))
    elif (match := KEY_THEN_VALUE.match(text)) and match.start(3) <= start:
        span = (match.start(3), len(text))
    elif match and match.start(2) == start:
        span = (match.start(2), match.end(2))
    elif (item := LIST_ITEM.match(text)) and item.start(2) <= start:
        span = (item.start(2), len(text))
    else:
        return None
    fixed = (text[: span[0]] + quoted(text[span[0] : span[1]]) + text[span[1] :]).strip()
    return None if "`" in fixed else fixed


def quote_hint(line: str, column: int, what: str = "the value") -> str:
    """ "put the value in quotes: `unit: "%"`", or without the example when there is none."""
    fixed = quote_fix(line, column)
    return f"put {what} in quotes" + (f": `{fixed}`" if fixed else "")


def previous_content(lines: list[str], number: int) -> tuple[int, str] | None:
    """The last line before `number` that holds more than a comment."""
    for n in range(number - 1, 0, -1):
        text = lines[n - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return n, text
    return None


def content_column(line: str) -> int:
    """The 1-based column of a line's key, after any `- ` list dashes."""
    match = re.match(r"\s*(?:-\s+)*", line)
    return (match.end() if match else 0) + 1


def open_bracket(lines: list[str], at: Pos) -> Pos | None:
    """The last `[` or `{` before `at` that starts a flow collection still open there."""
    stack: list[Pos] = []
    before = [*lines[: at[0] - 1], line_of(lines, at[0])[: at[1] - 1]]
    for number, line in enumerate(before, start=1):
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


def position_of_index(text: str, index: int) -> Pos:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
