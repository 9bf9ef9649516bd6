"""Text from user files, made safe to print: control characters shown, never obeyed.

A value or a file name can hold an escape sequence (clearing the screen, setting the
window title) or a newline that forges a line of output (a fake `::warning::` in CI).
Every value and path shown in text output passes through `visible`.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, and the bidirectional overrides and isolates
# that can make text read differently from what it is ("Trojan Source").
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as an escape (`\\n`, `\\x1b`)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


# the same characters but the line ends, for formats that write line ends their own way
# (Markdown's `<br>`, GitHub's `%0A`)
_UNSAFE_IN_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# what json.dumps(ensure_ascii=False) leaves as it is: DEL, C1 controls and the bidi
# controls (it writes C0 controls as escapes itself)
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_in_lines(text: str) -> str:
    """`visible`, keeping `\\n` and `\\r` for the caller to write as its format does."""
    return _UNSAFE_IN_LINES.sub(_escape, text) if _UNSAFE_IN_LINES.search(text) else text


def visible_json(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the controls it left
    raw written as `\\uXXXX`: the same data for a parser, and nothing that reorders or
    drives a terminal when the JSON is shown. (They can stand only inside strings.)"""
    if not _UNSAFE_IN_JSON.search(text):
        return text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
