"""Output as lines of (style, text) segments: what is emphasised is decided here, how
it looks (colours) is the face's business.

Used where a terminal gets more than plain text: diagnostics with code frames (the
plain form is `formats.text.diagnostics_text`) and the semantic diff.
Styles: path, error, warning, info, frame, help, plain, and the diff's heading,
stage, added, removed, changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.textsafe import visible
from journeymap.formats.text import code_frame

THEME = {  # how a terminal shows each style, in rich's style syntax
    "path": "bold",
    "error": "bold red",
    "warning": "bold yellow",
    "info": "bold blue",
    "frame": "dim",
    "help": "bold cyan",
    "heading": "bold",
    "stage": "bold cyan",
    "added": "green",
    "removed": "red",
    "changed": "yellow",
}

Segment = tuple[str, str]  # (style, text)
Line = list[Segment]


def diagnostic_lines(
    diagnostics: Sequence[Diagnostic], source_line: Callable[[str, int], str | None]
) -> list[Line]:
    """Each diagnostic's headline, its code frame and its help, as styled lines."""
    out: list[Line] = []
    for d in diagnostics:
        out.append(
            [
                ("path", f"{visible(d.path)}:{d.line}:{d.column}: "),
                (d.severity, f"{d.severity}[{d.rule}]"),
                ("plain", " " + visible(d.message)),
            ]
        )
        out.extend([("frame", text)] for text in code_frame(d, source_line(d.path, d.line)))
        if d.hint:
            out.append([("help", "  = help: "), ("plain", visible(d.hint))])
    return out


def plain(lines: Sequence[Line]) -> str:
    """The lines without styles, each ending in a newline."""
    return "".join("".join(text for _, text in line) + "\n" for line in lines)
