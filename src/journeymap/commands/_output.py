"""What a command may say, and where: the interface the CLI face implements.

Data (reports, diagnostics on stdout, diffs) goes to `data`; human messages go to
`message` on stderr and obey -q/-v through their `level`. Keeping this a Protocol
without typer or rich lets commands stay plain functions that tests can drive with a
recording console.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from journeymap.core.diagnostics import Diagnostic
    from journeymap.formats.styled import Line

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Advance = Callable[[str], None]  # called with an item's name when it is done


class SourceLines(Protocol):
    """A file's text by line number, for the code frame under a diagnostic."""

    def line(self, number: int) -> str | None: ...


Sources = Mapping[str, SourceLines]  # path -> its lines, for code frames


class Console(Protocol):
    def data(self, text: str | bytes) -> None:
        """Command output on stdout, exactly as given (no colour, no wrapping)."""

    def styled(self, lines: Sequence[Line]) -> None:
        """Lines of (style, text) segments on stdout: coloured on a terminal, plain on a
        pipe. The style names are listed in `journeymap.formats.styled`."""

    def message(self, text: str, style: str | None = None, level: int = 0) -> None:
        """A line for the human on stderr; level 1 needs -v, level 0 is hidden by -q."""

    def error(self, text: str) -> None:
        """`journeymap: TEXT` on stderr, always shown."""

    def diagnostics(self, found: Sequence[Diagnostic], sources: Sources | None = None) -> None:
        """Diagnostics as validate shows them, on stdout: with code frames from `sources` on a
        terminal, plain text on a pipe."""

    def problems(self, found: Sequence[Diagnostic]) -> None:
        """Diagnostics beside a command's other output: plain text on stderr."""

    def progress(self, total: int, label: str) -> AbstractContextManager[Advance]:
        """A transient progress bar, shown only on a terminal and only when worth it."""
        ...
