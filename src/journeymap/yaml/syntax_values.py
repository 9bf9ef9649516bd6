"""Syntax errors inside a value, in the writer's words: a character YAML reserves
(`unit: %`), a quote or bracket left open, an escape in double quotes, a tag, an anchor,
a `|` block, a list item or key begun in the middle of a line.

Each reader takes the parser's error (yaml/syntax_text.Found, in libyaml's wording) and
returns an Explained, or None when the error is not its kind. yaml/syntax.py runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from journeymap.yaml.source import Pos
from journeymap.yaml.syntax_text import (
    COMMENT,
    FLOW_NAMES,
    KEY_THEN_VALUE,
    Explained,
    Found,
    indent_of,
    open_bracket,
    quote_hint,
    word_at,
)

_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_BACKSLASH_HINT = (
    "write the backslash twice (`\\\\`), or use single quotes, where a backslash is plain text"
)


def _shown(char: str) -> str:
    if char == "`":
        return "a backtick (`)"
    return f"{char!r}" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def _start_character(f: Found) -> Explained | None:
    if "cannot start any token" not in f.problem:
        return None
    char = f.char()
    if not char:
        return None
    return Explained(
        *f.at,
        f"a value cannot start with {_shown(char)} unless it is in quotes: YAML reserves "
        "the character",
        quote_hint(f.line(), f.at[1]),
    )


def _quote(f: Found) -> Explained | None:
    if "quoted scalar" not in f.context:
        return None
    if f.opened is None:
        return _escape(f)
    quote = f.char(f.opened) or '"'
    name = "double" if quote == '"' else "single"
    where = f"(line {f.opened[0]}, column {f.opened[1]})"
    if "end of stream" in f.problem:
        return Explained(
            *f.opened,
            f"the {name} quote opened here {where} is never closed",
            f"end the value with a closing {quote}",
        )
    if "document indicator" in f.problem:
        marker = f.line()[:3]
        return Explained(
            *f.opened,
            f"the {name} quote opened here {where} is still open at line {f.at[0]}, whose "
            f"`{marker}` YAML reads as the start of a new document",
            f"end the value with a closing {quote}; if the `{marker}` is part of the text, "
            "indent its line",
        )
    return _escape(f)


def _escape(f: Found) -> Explained | None:
    """A backslash in double quotes that starts no escape YAML knows."""
    line = f.line()
    backslash = line.rfind("\\", 0, f.at[1])
    if backslash < 0:
        return None
    letter = line[backslash + 1 : backslash + 2]
    digits = _HEX_DIGITS.get(letter, 0)
    code = line[backslash : backslash + 2]
    for extra in line[backslash + 2 : backslash + 2 + digits]:
        if extra in "\"' \t":
            break
        code += extra
    if "hexdecimal" in f.problem:
        message = (
            f"`{code}` is not a character code: in double quotes, `\\{letter}` is followed "
            f"by {digits} hexadecimal digits (0-9, a-f)"
        )
    elif "Unicode" in f.problem:
        message = f"`{code}` is the code of no character that can be written"
    elif "escape" in f.problem:
        message = (
            f"a backslash in double quotes starts an escape, and `\\{letter}` is not a known escape"
        )
    else:
        return None
    return Explained(f.at[0], backslash + 1, message, _BACKSLASH_HINT + _single_quoted(f))


def _single_quoted(f: Found) -> str:
    """`: path: 'C:\\docs'`, the value in single quotes, when it is on one line."""
    if f.opened is None:
        return ""
    line = f.line(f.opened[0])
    start = f.opened[1]
    end = line.find('"', start)
    inner = line[start:end]
    if f.opened[0] != f.at[0] or end < 0 or "'" in inner or '\\"' in inner or "`" in line:
        return ""
    fixed = COMMENT.sub("", line[: start - 1] + "'" + inner + "'" + line[end + 1 :]).strip()
    return f": `{fixed}`"


def _closer(f: Found) -> Explained | None:
    """A `,`, `]`, `}` or `- ` where a value should start: an empty item, a bracket
    closed with the other kind or never opened, a dash inside brackets."""
    if "node content" not in f.problem:
        return None
    char = f.char()
    opened = open_bracket(f.lines, f.at)
    if char == "," and opened is not None:
        return Explained(
            *f.at,
            "an empty item: there is nothing before this comma",
            'remove the extra comma, or write the item before it (`""` for an empty text)',
        )
    if char in ("]", "}") and opened is not None:
        return _mismatch(f, opened)
    if char == ":" and opened is not None:
        return Explained(
            *f.at,
            "a colon with no key before it",
            "write the key before the colon (`{key: value}`), or remove the colon",
        )
    if char in ("]", "}"):
        return Explained(
            *f.at,
            f"`{char}` closes a bracket that was never opened",
            "remove it, or put the whole value in quotes if it is part of the text",
        )
    if f.line()[f.at[1] - 1 : f.at[1] + 1] == "- " and opened is not None:
        return Explained(
            *f.at,
            "a dash inside brackets: the items of `[...]` are separated by commas, with no dash",
            "write the items as `[a, b]`; put an item that starts with a dash in quotes",
        )
    return None


def _mismatch(f: Found, opened: Pos) -> Explained:
    """`[a, b}`: a bracket closed with the other kind."""
    bracket = f.char(opened)
    what, closer = FLOW_NAMES.get(bracket, ("list", "]"))
    return Explained(
        *f.at,
        f"`{f.char()}` does not close the {what} opened with `{bracket}` on line "
        f"{opened[0]}, column {opened[1]}",
        f"close it with `{closer}`: a list is `[a, b]`, a mapping `{{key: value}}`",
    )


def _flow(f: Found) -> Explained | None:
    if "flow" not in f.context:
        return None
    opened = f.opened
    if "flow node" in f.context:  # at the end of the file: find the bracket left open
        opened = open_bracket(f.lines, f.at)
    if opened is None:
        return None
    bracket = f.char(opened)
    if bracket not in FLOW_NAMES:
        return None
    what, closer = FLOW_NAMES[bracket]
    if f.char() in ("]", "}") and f.char() != closer:
        return _mismatch(f, opened)
    line = f.line()
    rest = line[f.at[1] - 1 :]
    glued = re.search(r"[^\s,\[{] +([^\s,\[{]+)\s*$", line[: f.at[1] - 1])
    if "expected ','" in f.problem and f.char() == ":" and glued:
        return Explained(
            f.at[0],
            glued.start(1) + 1,
            f"a comma is missing before `{glued.group(1)}`, in the {what} opened on line "
            f"{opened[0]}, column {opened[1]}",
            "separate the items with commas; quote an item that holds a comma, a bracket "
            "or a quote",
        )
    if "expected ','" in f.problem and closer in rest:
        return Explained(
            *f.at,
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


def _plain_colon(f: Found) -> Explained | None:
    """libyaml refuses `[x:y]`: a colon with no space inside an item in brackets."""
    if "unexpected ':'" not in f.problem or f.opened is None:
        return None
    return Explained(
        *f.at,
        "a colon inside an item in brackets: YAML cannot tell whether it starts a key",
        quote_hint(f.line(f.opened[0]), f.opened[1], "the item")
        + "; for `key: value`, put a space after the colon",
    )


def _tag(f: Found) -> Explained | None:
    if "directive" in f.context:
        return None
    if "tag" not in f.context and "tag handle" not in f.problem:
        return None
    start = f.opened or f.at
    line = f.line(start[0])
    return Explained(
        *start,
        f"`{word_at(line, start[1])}` is read as a YAML tag (a value that starts with `!` "
        "names its type), and it is not a valid one",
        "journey files need no tags; if the `!` is part of the text, " + quote_hint(line, start[1]),
    )


def _anchor(f: Found) -> Explained | None:
    if "anchor" not in f.context and "alias" not in f.context:
        return None
    start = f.opened or f.at
    sign = f.char(start) or ("&" if "anchor" in f.context else "*")
    what = (
        "an anchor (a name for this value, to reuse it elsewhere)"
        if sign == "&"
        else "an alias (a reuse of a value named with `&`)"
    )
    return Explained(
        *start,
        f"`{sign}` starts {what}, and no name follows it",
        f"if the `{sign}` is part of the text, " + quote_hint(f.line(start[0]), start[1]),
    )


def deep_blank_line(f: Found) -> Explained | None:
    """`key: |` then an empty line holding more spaces than the text below it: YAML takes
    the text's indentation from that line, so the text ends before it starts."""
    if "more indented" not in f.context and "expected key" not in f.problem:
        return None
    number = f.at[0] - 1
    deepest = 0
    while number > 0 and not f.line(number).strip():
        deepest = number if len(f.line(number)) > indent_of(f.line()) else deepest
        number -= 1
    if not deepest or not COMMENT.sub("", f.line(number)).rstrip().endswith(("|", ">")):
        return None
    return Explained(
        deepest,
        1,
        f"this empty line holds more spaces than the text below it is indented, so YAML "
        f"ends the `{f.line(number).rstrip()[-1]}` text of line {number} before it starts",
        "remove the spaces from the empty lines above the text",
    )


def _block_scalar(f: Found) -> Explained | None:
    if "more indented" in f.context:
        return deep_blank_line(f)
    if "block scalar" not in f.context or f.opened is None:
        return None
    sign = f.char(f.opened) or "|"
    after = COMMENT.sub("", f.line(f.opened[0])[f.opened[1] :]).strip()
    if "equal to 0" in f.problem or "range 1-9" in f.problem:
        message = (
            f"`{sign}0`: a number after `{sign}` sets how far the text below is indented, "
            "from 1 to 9"
        )
    else:
        message = (
            f"`{sign}` starts a block of text on the lines below it, so `{after[:20]}` "
            "cannot follow it on this line"
        )
    return Explained(
        *f.opened,
        message,
        f"if the `{sign}` is part of the text, "
        + quote_hint(f.line(f.opened[0]), f.opened[1])
        + "; otherwise start the text on the next line, indented",
    )


def _mid_line(f: Found) -> Explained | None:
    """`key: - item` and `key: ? x`: a list item or a complex key begun mid-line."""
    entry = "block sequence entries" in f.problem
    if not entry and "mapping keys are not allowed" not in f.problem:
        return None
    line = f.line()
    match = KEY_THEN_VALUE.match(line)
    sign = "-" if entry else "?"
    what = "a list item" if entry else "a complex key (a YAML feature journey files do not use)"
    if entry and match:
        fix = f"put `{line[f.at[1] - 1 :].strip()}` on the next line, indented under `{match.group(2)}:`"
    elif entry:
        fix = "start each list item on a line of its own"
    else:
        fix = "remove the `? `"
    return Explained(
        *f.at,
        f"`{sign} ` (a {'dash' if entry else 'question mark'} and a space) starts {what}, "
        "which cannot begin in the middle of a line",
        f"{fix}; if the `{sign}` is part of the text, " + quote_hint(line, f.at[1]),
    )


VALUE_READERS: tuple[Callable[[Found], Explained | None], ...] = (
    _start_character,
    _quote,
    _closer,
    _flow,
    _plain_colon,
    _tag,
    _anchor,
    _block_scalar,
    _mid_line,
)
