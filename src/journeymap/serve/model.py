"""The typed data a build of the served site produces."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from journeymap.core.diagnostics import Diagnostic


@dataclass(frozen=True)
class Problem:
    """One diagnostic and the source line it points at (for the code frame), if known."""

    diagnostic: Diagnostic
    source_line: str | None = None


@dataclass(frozen=True)
class FileProblems:
    """The errors of one file and the page that shows them.

    `page` is the journey's map when the file is (or was) a journey, a problem page of
    its own when it never parsed, and None for files without a page (persona
    libraries, the config), whose problems every page shows.
    """

    path: str
    page: str | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Site:
    """One build: what each URL serves, and what is wrong with the input.

    `pages` maps a site path ("index.html", "acme-b2b.html") to the bytes served;
    `etags` maps the same paths to a fingerprint that open pages compare to decide
    whether to reload.
    """

    pages: Mapping[str, bytes]
    etags: Mapping[str, str]
    problems: tuple[FileProblems, ...] = ()
    journeys: int = 0
    warnings: int = 0
    files: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> int:
        return sum(len(f.problems) for f in self.problems)
