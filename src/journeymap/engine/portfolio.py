"""A whole portfolio loaded and checked at once, for render, gaps and export.

`check_loaded` (in the pipeline) checks a portfolio after it is loaded, in this process.
For a big portfolio the journeys' own checks are a fifth of the work after parsing,
so here they run where each file is parsed, in the worker processes, exactly as
`validate` does (see `engine/`): the persona libraries are read first, here; every
other file is loaded and, when it is a target journey, checked against them in a
worker; references to other journeys are left pending there and resolved here once
every journey is known, and journey ids are compared across files here. The findings
equal `check_loaded`'s, which tests/engine holds equal on every test portfolio.

A file with findings of its own is read again here (its positions are keyed by the
identity of its data, which a pickle does not keep) and checked here, against the
whole portfolio.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journeymap.checks.index import Index, PendingRef
from journeymap.checks.references import resolve_pending
from journeymap.checks.runner import (
    JourneyChecked,
    check_journey,
    check_portfolio,
    portfolio_duplicates,
)
from journeymap.core.diagnostics import Diagnostic
from journeymap.engine.parallel import map_files
from journeymap.engine.worker import Job, Session, file_size, load_clean, load_documents
from journeymap.loading.loader import Document, load_file, source_locator
from journeymap.project.discovery import Portfolio, Project, looks_like_library


@dataclass(frozen=True)
class Loaded:
    """A file as a worker loaded it: its model, and its own findings if it is a target
    journey. `doc` is None when the file has findings of its own (read again here)."""

    doc: Document | None
    checked: JourneyChecked | None


def load_and_check(session: Session, job: Job) -> Loaded:
    """Load one file and run a target journey's own checks (module level: a worker
    process is handed it)."""
    doc = load_clean(session.settings.read_limits, job.path)
    if doc is None or (journey := doc.checkable) is None or not job.target:
        return Loaded(doc, None)
    return Loaded(doc, check_journey(doc, journey, session.index, session.settings, session.today))


def load_portfolio(project: Project) -> Portfolio:
    """Load every file of the plan, all at once (render and gaps need every model)."""
    plan, settings = project.plan, project.settings
    docs = load_documents([*plan.targets, *plan.context], settings.read_limits)
    return Portfolio(
        targets=docs[: len(plan.targets)],
        context=docs[len(plan.targets) :],
        settings=settings,
        skipped=plan.skipped,
    )


def load_portfolio_checked(
    project: Project, today: date, advance: Callable[[str], None] | None = None
) -> tuple[Portfolio, list[Diagnostic]]:
    """Every file of the project loaded, and every finding for its targets (unsorted);
    `advance` is called with each file's path once it is loaded."""
    plan, settings = project.plan, project.settings
    tick = advance or (lambda _path: None)
    limits = settings.read_limits
    paths = [*plan.targets, *plan.context]
    targets = set(plan.targets)
    docs: dict[Path, Document] = {}
    libraries = Index({}, {}, final=False)
    for path in paths:
        if looks_like_library(path):
            docs[path] = load_file(path, str(path), limits)
            libraries.add(docs[path])
            tick(str(path))
    session = Session(settings, libraries, today, check_key="")
    jobs = [Job(path, path in targets) for path in paths if path not in docs]
    size = sum(file_size(job.path) for job in jobs)
    load = functools.partial(load_and_check, session)
    loaded = map_files(load, jobs, total_bytes=size, done=lambda job: tick(str(job.path)))
    checked: dict[Path, JourneyChecked] = {}
    for job, result in zip(jobs, loaded, strict=True):
        docs[job.path] = result.doc or load_file(job.path, str(job.path), limits)
        if result.checked is not None:
            checked[job.path] = result.checked
    portfolio = Portfolio(
        targets=[docs[p] for p in plan.targets],
        context=[docs[p] for p in plan.context],
        settings=settings,
        skipped=plan.skipped,
    )
    if any(docs[job.path].kind == "personas" for job in jobs):
        # a library the quick look missed: its personas count for every journey, so the
        # journeys are checked again here, against the whole portfolio (rare)
        return portfolio, _own(portfolio) + check_portfolio(portfolio, today)
    index = Index.of(portfolio.documents)
    found = _own(portfolio) + portfolio_duplicates(portfolio)
    pending: list[PendingRef] = []
    for doc in portfolio.targets:
        if (journey := doc.checkable) is None:
            continue
        done = checked.get(Path(doc.path))
        if done is None:  # read here: checked here, against every journey
            done = check_journey(doc, journey, index, settings, today)
        found.extend(done.diagnostics)
        pending.extend(done.pending)
    return portfolio, found + resolve_pending(pending, index.journeys, source_locator(limits))


def _own(portfolio: Portfolio) -> list[Diagnostic]:
    """The targets' findings from reading them (YAML, types)."""
    return [d for doc in portfolio.targets for d in doc.diagnostics]
