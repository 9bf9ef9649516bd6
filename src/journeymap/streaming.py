"""`validate` one file at a time, so memory does not grow with the portfolio.

`render` and `gaps` need every model at once; `validate` does not. Persona libraries are
read first (they are small and every journey refers to them); then each journey is
read, checked and let go, keeping only what other journeys need to know of it (its
state and touchpoint ids, see checks.index.JourneySummary) and its findings. References to other
journeys are positioned when found and resolved at the end. The findings are exactly
those of `checks.runner.check_portfolio` over the whole portfolio.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journeymap.checks.index import Index, PendingRef
from journeymap.checks.references import resolve_pending
from journeymap.checks.runner import (
    check_journey,
    check_portfolio,
    journey_id_taken,
    portfolio_duplicates,
)
from journeymap.config import Settings
from journeymap.diagnostics import Diagnostic
from journeymap.loader import Document, load_file, read_source
from journeymap.project import Portfolio
from journeymap.yaml.source import Source

_PERSONAS_KIND = re.compile(
    rb"^kind[ \t]*:[ \t]*[\"']?personas[\"']?[ \t]*(?:#.*)?\r?$", re.MULTILINE
)


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    files: int
    sources: dict[str, Source] = field(default_factory=dict)  # files with findings, for code frames


def _looks_like_library(path: Path) -> bool:
    from journeymap.stdin import buffered

    if (data := buffered(path)) is not None:
        return bool(_PERSONAS_KIND.search(data[: 1 << 16]))
    if not path.is_file():
        return False  # pipes and devices are never opened: reading one could block forever
    try:
        with path.open("rb") as handle:
            return bool(_PERSONAS_KIND.search(handle.read(1 << 16)))
    except OSError:
        return False


def validate_stream(
    targets: Sequence[Path], context: Sequence[Path], settings: Settings, today: date
) -> Outcome:
    limits = settings.read_limits
    target_set = set(targets)
    ordered = list(targets) + [p for p in context if p not in target_set]
    libraries = [p for p in ordered if _looks_like_library(p)]
    library_docs = [load_file(p, str(p), limits) for p in libraries]
    library_set = set(libraries)

    index = Index.of(library_docs)
    index.final = False
    out: list[Diagnostic] = []
    sources: dict[str, Source] = {}
    pending: list[PendingRef] = []
    first_seen: dict[str, str] = {}

    for doc in library_docs:
        if Path(doc.path) in target_set and doc.diagnostics:
            out.extend(doc.diagnostics)
            sources[doc.path] = doc.source
    library_targets = [d for d in library_docs if Path(d.path) in target_set]
    out.extend(
        portfolio_duplicates(
            Portfolio(
                library_targets, [d for d in library_docs if d not in library_targets], settings
            )
        )
    )

    for path in ordered:
        if path in library_set:
            continue
        doc = load_file(path, str(path), limits)
        if doc.library is not None:  # a library the quick look missed: check it all at once
            return _whole(targets, context, settings, today)
        is_target = path in target_set
        found: list[Diagnostic] = list(doc.diagnostics) if is_target else []
        journey = doc.journey
        index.add(doc)  # a broken file still defines its ids, so others do not cascade
        if journey is not None:
            first = first_seen.setdefault(journey.id, doc.path)
            if is_target:
                if first != doc.path:
                    found.append(journey_id_taken(doc, first))
                checked = check_journey(doc, journey, index, settings, today)
                found.extend(checked.diagnostics)
                pending.extend(checked.pending)
        if found:
            out.extend(found)
            sources[doc.path] = doc.source
        del doc, journey  # let the model and the source go before the next file

    located: dict[str, Source] = {}

    def locate(path: str, loc: Sequence[str | int]) -> tuple[int, int]:
        """Positions for broken references: the file is read again, once, with positions."""
        if path not in located:
            located[path] = sources.get(path) or read_source(Path(path), path, limits)
        return located[path].locate(loc)

    found = resolve_pending(pending, index.journeys, locate)
    for diagnostic in found:
        sources.setdefault(diagnostic.path, located[diagnostic.path])
    out.extend(found)
    return Outcome(out, len(targets), sources)


def _whole(
    targets: Sequence[Path], context: Sequence[Path], settings: Settings, today: date
) -> Outcome:
    """The all-at-once path, for portfolios the streaming order cannot serve."""
    limits = settings.read_limits
    docs: list[Document] = [load_file(p, str(p), limits) for p in targets]
    context_docs = [load_file(p, str(p), limits) for p in context if p not in set(targets)]
    portfolio = Portfolio(docs, context_docs, settings)
    found = [d for doc in docs for d in doc.diagnostics] + check_portfolio(portfolio, today)
    return Outcome(found, len(docs), {d.path: d.source for d in docs})
