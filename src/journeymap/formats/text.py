"""Diagnostics as text: `path:line:col: severity[rule] message`, a code frame, a help line.

Every path, message and source line is passed through `textsafe.visible`, so a value
or file name cannot move the cursor or forge a line of output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.textsafe import visible

# --- text ------------------------------------------------------------------------------


def headline(d: Diagnostic) -> str:
    """The grep-able, editor-clickable first line: `path:line:col: severity[rule] message`."""
    return f"{visible(d.path)}:{d.line}:{d.column}: {d.severity}[{d.rule}] {visible(d.message)}"


def code_frame(d: Diagnostic, source_line: str | None) -> list[str]:
    """The offending source line and a caret under the column, like a compiler."""
    if source_line is None:
        return []
    gutter = str(d.line)
    text = visible(source_line.rstrip("\r\n").expandtabs(1))
    if len(text) > 200:  # a minified line must not flood the terminal
        start = max(0, d.column - 100)
        text = ("…" if start else "") + text[start : start + 200]
        caret_col = d.column - start + (1 if start else 0)
    else:
        caret_col = d.column
    pad = " " * len(gutter)
    return [f" {gutter} | {text}", f" {pad} | {' ' * (caret_col - 1)}^"]


def diagnostics_text(
    diagnostics: Sequence[Diagnostic],
    source_line: Callable[[str, int], str | None] | None = None,
) -> str:
    """Plain text; with `source_line` (path, line) -> text, each entry gets a code frame."""
    out: list[str] = []
    for d in diagnostics:
        out.append(headline(d))
        if source_line is not None:
            out.extend(code_frame(d, source_line(d.path, d.line)))
        if d.hint:
            out.append(f"  = help: {visible(d.hint)}")
    return "\n".join(out) + ("\n" if out else "")
