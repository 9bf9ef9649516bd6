"""The error every room may raise when journeymap is called or set up wrongly.

It lives in `core` so that reading the config, expanding globs and parsing options can
all refuse the same way; the CLI face turns it into exit 2 and one clear line.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.core.diagnostics import Diagnostic


class UsageError(Exception):
    """A problem with how journeymap was called or set up: exit 2, one clear line each."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)
