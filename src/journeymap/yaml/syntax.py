"""YAML syntax errors as diagnostics a person can act on.

libyaml reports a syntax error as a *problem* ("mapping values are not allowed in this
context") at one mark and a *context* ("while scanning a quoted scalar") at another.
Those words describe the parser's state, not the writer's mistake. This module looks at
both marks and at the text around them, recognises the mistakes people really make (a
tab in the indentation, `name: Demo: request form`, `title:value`, `-item`, an unclosed
quote or bracket, a line indented to a column that matches no block) and says each in
plain words with a help line that says how to fix it; yaml/syntax_values.py does the
same for values (`unit: %`, escapes, tags, anchors, `|` blocks) and yaml/syntax_documents.py
for `%` directives and document markers.

Every problem libyaml and ruamel's pure-Python parser can raise for a journey file has
words here (tests/yaml/test_syntax_errors.py has one input for each); the pure parser's
wording is rewritten to libyaml's first, so one set of readers serves both. A problem no
reader knows keeps the parser's own words, with a general help line, so nothing is hidden.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

from journeymap.core.diagnostics import Diagnostic
from journeymap.yaml.source import Pos
from journeymap.yaml.syntax_documents import DOCUMENT_READERS
from journeymap.yaml.syntax_text import (
    COMMENT,
    GLUED_COLON,
    GLUED_DASH,
    KEY_THEN_VALUE,
    Explained,
    Found,
    content_column,
    indent_of,
    key_at,
    position_of_index,
    previous_content,
    quoted,
    word_at,
)
from journeymap.yaml.syntax_values import VALUE_READERS, deep_blank_line

__all__ = ["Explained", "explain", "position_of_index", "syntax_diagnostic"]

# ruamel's pure-Python parser (used when libyaml's wheel is missing) words the same
# problems its own way: its wording -> libyaml's, the readers' one vocabulary.
_PURE_WORDING = [
    (r"found character .* that cannot start any token", "found character that cannot start any token"),
    (r"mapping values are not allowed here", "mapping values are not allowed in this context"),
    (r"sequence entries are not allowed here", "block sequence entries are not allowed in this context"),
    (r"mapping keys are not allowed here", "mapping keys are not allowed in this context"),
    (r"found unknown escape character .*", "found unknown escape character"),
    (r"expected escape sequence of \d+ hexdecimal numbers.*", "did not find expected hexdecimal number"),
    (r"found unexpected document separator", "found unexpected document indicator"),
    (r"expected ',' or '\]', but got .*", "did not find expected ',' or ']'"),
    (r"expected ',' or '\}', but got .*", "did not find expected ',' or '}'"),
    (r"expected the node content, but found .*", "did not find expected node content"),
    (r"found duplicate YAML directive", "found duplicate %YAML directive"),
    (r"duplicate tag handle .*", "found duplicate %TAG directive"),
    (r"found incompatible YAML document .*", "found incompatible YAML document"),
    (r"expected '<document start>', but found .*", "did not find expected <document start>"),
    (r"found non-comment content after document end marker.*", "did not find expected <document start>"),
    (r"found undefined tag handle .*", "found undefined tag handle"),
]  # fmt: skip
_BLOCK_END = {  # the pure parser's "expected <block end>" in each block context
    "while parsing a block mapping": "did not find expected key",
    "while parsing a block collection": "did not find expected '-' indicator",
}
GENERIC_HINT = (
    "look here and on the line above for an unclosed quote or bracket, a missing space "
    "after `:` or `-`, or a line indented unlike its neighbours; a value that holds "
    "special characters goes in quotes"
)


def syntax_diagnostic(path: str, text: str, exc: MarkedYAMLError) -> Diagnostic:
    """The diagnostic for a parser error in `text` (the whole file)."""
    e = explain(text, exc)
    return Diagnostic(path, e.line, e.column, "error", "yaml-syntax", e.message, e.hint)


def libyaml_wording(problem: str, context: str) -> str:
    """The problem in libyaml's words, whichever parser raised it."""
    if problem.startswith("expected <block end>") and context in _BLOCK_END:
        return _BLOCK_END[context]
    for pattern, words in _PURE_WORDING:
        if re.fullmatch(pattern, problem, flags=re.DOTALL):
            return words
    return problem


def explain(text: str, exc: MarkedYAMLError) -> Explained:
    """Map the parser's problem and context to the writer's mistake (see the module doc)."""
    context = (exc.context or "").strip()
    problem = libyaml_wording((exc.problem or "").strip(), context)
    mark = exc.problem_mark or exc.context_mark
    at: Pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    opened: Pos | None = None
    if exc.context_mark is not None:
        opened = (exc.context_mark.line + 1, exc.context_mark.column + 1)
    found = Found(text.splitlines(), problem, context, at, opened)
    for reader in (_tab, *VALUE_READERS, *DOCUMENT_READERS, _colon, _simple_key, _block):
        explained = reader(found)
        if explained is not None:
            return explained
    words = f"{problem} ({context})" if context else problem or "invalid YAML"
    return Explained(*at, f"YAML syntax error: {words}", GENERIC_HINT)


def _tab(f: Found) -> Explained | None:
    line = f.line()
    if "tab" not in f.problem and not ("cannot start any token" in f.problem and f.char() == "\t"):
        return None
    column = line.find("\t") + 1 if "\t" in line else f.at[1]
    if line[: column - 1].strip():
        return Explained(
            f.at[0],
            column,
            "a tab character here, where YAML allows spaces only",
            "replace the tab with a space",
        )
    return Explained(
        f.at[0],
        column,
        "a tab character in the indentation: YAML indents with spaces only",
        "replace the tab with spaces (two per level, lined up with the lines above)",
    )


def _colon(f: Found) -> Explained | None:
    if "mapping values are not allowed" not in f.problem:
        return None
    line = f.line()
    match = KEY_THEN_VALUE.match(line)
    if match and match.start(3) <= f.at[1] - 1:
        key, value = match.group(2), COMMENT.sub("", match.group(3)).rstrip()
        return Explained(
            *f.at,
            "a colon followed by a space inside a value: YAML reads it as the start of another key",
            f"put the value in quotes: `{key}: {quoted(value)}`",
        )
    if len(line[: f.at[1] - 1].strip()) > 1024:
        return _long_key(f.at[0], line)
    # The colon is this line's own key, so the line above did not end where it seems to:
    # it is not `key: value` (YAML reads the two lines as one key), or this line is
    # indented deeper than it (YAML reads this one as the continuation of its value).
    previous = previous_content(f.lines, f.at[0])
    if previous is None:
        return Explained(
            *f.at,
            "a colon followed by a space here, where YAML cannot start a key",
            "if the colon is part of the text, put the whole value in quotes",
        )
    number, above = previous
    glued = GLUED_COLON.match(above)
    if glued and not KEY_THEN_VALUE.match(above):
        return _glued_colon(number, above, glued)
    if indent_of(above) >= indent_of(line) and not re.search(r":(\s|$)", above):
        return _not_a_key(number, above)
    key = key_at(line, indent_of(line) + 1)
    column = content_column(above)
    return Explained(
        f.at[0],
        indent_of(line) + 1,
        f"`{key}` is indented more than the line above, so YAML reads it as part of "
        f"the value on line {number}",
        f"indent `{key}` to column {column}, like `{key_at(above, column)}` on line {number}",
    )


def _glued_colon(number: int, line: str, match: re.Match[str]) -> Explained:
    key, value = match.group(2), match.group(3)
    return Explained(
        number,
        len(match.group(1)) + len(key) + 1,
        f"no space after the colon in `{key}:{value}`",
        f"YAML needs a space after the colon: write `{key}: {value}`",
    )


def _long_key(number: int, line: str) -> Explained:
    return Explained(
        number,
        content_column(line),
        "this key is longer than the 1024 characters YAML allows for a key",
        "shorten the key; a long text belongs in a value, after `key: `",
    )


def _not_a_key(number: int, line: str) -> Explained:
    word = COMMENT.sub("", line).strip()
    if len(word) > 40:
        word = word[:37] + "..."
    return Explained(
        number,
        content_column(line),
        f"`{word}` is neither `key: value` nor a list item",
        f"write a key, a colon and a space before its value (`{word}: ...`), or remove the line",
    )


def _simple_key(f: Found) -> Explained | None:
    if "could not find expected ':'" not in f.problem or f.opened is None:
        return None
    line = f.line(f.opened[0])
    dash = GLUED_DASH.match(line)
    if dash:
        item = dash.group(2)
        return Explained(
            f.opened[0],
            len(dash.group(1)) + 1,
            f"no space after the dash in `-{item}`",
            f"a list item is a dash and a space: write `- {item}`",
        )
    glued = GLUED_COLON.match(line)
    if glued:
        return _glued_colon(f.opened[0], line, glued)
    key = KEY_THEN_VALUE.match(line)
    if key and len(key.group(2)) > 1024:
        return _long_key(f.opened[0], line)
    return _not_a_key(f.opened[0], line)


def _block(f: Found) -> Explained | None:
    if "block" not in f.context or f.opened is None:
        return None
    line = f.line()
    stripped = line[f.at[1] - 1 :]
    before = line[: f.at[1] - 1].rstrip()
    blank = deep_blank_line(f)
    if blank is not None:
        return blank
    if "expected key" in f.problem and before[-1:] in ("'", '"'):
        return Explained(
            *f.at,
            "text after the closing quote",
            "put the whole value inside the quotes, or remove what follows the closing quote",
        )
    if "expected key" in f.problem and stripped.startswith("- ") and not before:
        return Explained(
            *f.at,
            "a list item where a key is expected",
            "a list goes under its key, indented: `tags:` and below it `  - item`",
        )
    if "expected key" in f.problem and stripped.startswith(":") and not before:
        return Explained(
            *f.at,
            "a colon with no key before it",
            "write the key before the colon (`name: value`), or remove the colon",
        )
    if "node content" in f.problem and not before:
        return Explained(
            *f.at,
            f"`{word_at(line, f.at[1])}` cannot start a value here",
            "remove it, or put the whole value in quotes if it is part of the text",
        )
    if before or stripped[:1] in ("]", "}"):  # a stray character, such as `[a, b]]`
        return Explained(
            *f.at,
            f"unexpected `{word_at(line, f.at[1])}` after the value"
            if before
            else f"`{stripped[0]}` closes a bracket that was never opened",
            "remove it, or put the whole value in quotes if it is part of the text",
        )
    return _misplaced(f, line)


def _misplaced(f: Found, line: str) -> Explained:
    """A key at a column where the blocks above do not let it be."""
    assert f.opened is not None
    key = key_at(line, f.at[1])
    levels = _levels(f.lines, f.at[0])
    if "'-' indicator" in f.problem and f.at[1] == f.opened[1]:
        inside = next((c for c, _, _ in levels if c > f.at[1]), f.at[1] + 2)
        return Explained(
            *f.at,
            f"`{key}` is in the list that starts on line {f.opened[0]} but is not a list item",
            f"start it with `- ` to make it a new item, or indent it to column {inside} "
            "to put it in the item above",
        )
    choices = [
        f"column {c} (a new list item, like line {n})"
        if word == "-"
        else f"column {c} (like `{word}` on line {n})"
        for c, n, word in levels
        if c != f.at[1]
    ][:3]
    if not choices:
        return Explained(
            *f.at,
            f"`{key}` is where YAML expects the next key of the mapping that starts on "
            f"line {f.opened[0]}",
            "write it as `key: value`, lined up with the keys above it",
        )
    return Explained(
        *f.at,
        f"`{key}` is indented to column {f.at[1]}, which lines up with no block above it",
        f"line it up with the keys it belongs with: {' or '.join(choices)}",
    )


def _levels(lines: list[str], number: int) -> list[tuple[int, int, str]]:
    """The blocks still open at line `number`: (column, line, first word), innermost first."""
    out: list[tuple[int, int, str]] = []
    lowest = 10**9
    n = number
    while (found := previous_content(lines, n)) is not None:
        n, text = found
        indent = indent_of(text)
        if indent >= lowest:
            continue
        lowest = indent
        for column in sorted({content_column(text), indent + 1}, reverse=True):
            if all(column != c for c, _, _ in out):
                out.append((column, n, key_at(text, column)))
    return out
