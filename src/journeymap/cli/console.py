"""The commands' `Console`, implemented with rich: data on stdout, people on stderr.

Data goes out byte for byte (plain on a pipe); rich is imported only when something is
printed, so `journeymap --help` stays fast.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from journeymap.formats.plain import is_plain, plain_line
from journeymap.formats.styled import THEME, diagnostic_lines, plain
from journeymap.formats.text import diagnostics_text
from journeymap.formats.text import diagnostics_text as format_text

if TYPE_CHECKING:
    from rich.console import Console

    from journeymap.commands._output import Advance, Sources
    from journeymap.core.diagnostics import Diagnostic
    from journeymap.formats.styled import Line


def _rich(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=True, highlight=False)


class RichConsole:
    """`level` is -1 (-q: only findings and errors), 0, or 1 (-v: also the details)."""

    def __init__(self, level: int = 0) -> None:
        self.level = level

    def data(self, text: str | bytes) -> None:
        sys.stdout.flush()
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()

    def styled(self, lines: Sequence[Line]) -> None:
        from rich.text import Text

        console = _rich()
        if not console.is_terminal:
            return self.data(plain(lines))
        for line in lines:
            console.print(Text.assemble(*((t, THEME.get(s, "")) for s, t in line)))

    def message(self, text: str, style: str | None = None, level: int = 0) -> None:
        if self.level >= level:
            if (line := plain_line(text, sys.stderr)) is not None:
                sys.stderr.write(line)  # what rich would write here, without importing it
                sys.stderr.flush()
                return
            from rich.text import Text

            _rich(stderr=True).print(Text(text, style=style or ""))

    def error(self, text: str) -> None:
        """`journeymap: TEXT` on stderr, shown even with -q."""
        from rich.text import Text

        _rich(stderr=True).print(Text("journeymap: ", style="bold red") + Text(text))

    def diagnostics(self, found: Sequence[Diagnostic], sources: Sources | None = None) -> None:
        if is_plain(sys.stdout) or not _rich().is_terminal:
            self.data(format_text(found))
        else:
            files = sources or {}

            def line(path: str, number: int) -> str | None:
                return files[path].line(number) if path in files else None

            self.styled(diagnostic_lines(found, line))

    def problems(self, found: Sequence[Diagnostic]) -> None:
        sys.stderr.write(diagnostics_text(found))

    @contextlib.contextmanager
    def progress(self, total: int, label: str) -> Iterator[Advance]:
        if total < 3 or self.level < 0 or not sys.stderr.isatty():
            yield lambda _name: None
            return
        from rich.progress import Progress

        # no refresh thread: `render` forks its page workers only with no thread running
        with Progress(console=_rich(stderr=True), transient=True, auto_refresh=False) as bar:
            task = bar.add_task(label, total=total)
            yield lambda _name: bar.update(task, advance=1, refresh=True)
