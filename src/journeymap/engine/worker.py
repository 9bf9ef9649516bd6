"""One file, read and checked on its own: the work `validate` hands to worker processes.

A file's own findings depend only on its bytes, the settings, the persona ids of the
libraries and (for the freshness rules) today; references to other journeys are left
pending and resolved by the parent once every journey is known. So a worker needs only
a `Session` and a path, returns `Facts` (plain data, cheap to pickle, and exactly what
the cache stores), and any file can be checked in any process, in any order.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journeymap.checks.index import Index, JourneySummary
from journeymap.checks.runner import check_journey
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.disk.stdin_buffer import buffered
from journeymap.engine.cache.facts import Facts
from journeymap.engine.cache.store import digest
from journeymap.engine.parallel import map_files
from journeymap.loading.loader import Document, load_file, load_source
from journeymap.project.config import Settings
from journeymap.yaml.parse import parse


@dataclass(frozen=True)
class Session:
    """What every file of a run is checked against (pickled once per chunk of files)."""

    settings: Settings
    index: Index  # the libraries' personas; no journeys: references to them stay pending
    today: date
    check_key: str  # stands for all of the above in the cache (see engine.check_key)


@dataclass(frozen=True)
class Job:
    path: Path
    target: bool  # reported on (checked), or only read for its ids (context)
    library: bool = False  # read in the libraries' pass: its ids only, no journey checks


@dataclass(frozen=True)
class Read:
    """A file as a worker read it."""

    facts: Facts
    content: str | None  # blake2b of the bytes read; None: not to be cached (stdin, refused)
    info: os.stat_result | None  # lstat before reading, for the cache's quick look


def read_document(
    path: Path, limits: ReadLimits
) -> tuple[Document, str | None, os.stat_result | None]:
    """`loader.load_file`, also giving the hash of exactly the bytes parsed."""
    if buffered(path) is not None:
        return load_file(path, str(path), limits), None, None
    try:
        info: os.stat_result | None = os.lstat(path)
        raw = read_user_file(path, limits)
    except (OSError, Refusal):
        return load_file(path, str(path), limits), None, None  # words the refusal
    return load_source(parse(str(path), raw)), digest(raw), info


def check_file(session: Session, job: Job) -> Read:
    """Read one file and run every check that needs nothing but the file (module level,
    so a process pool can pickle it)."""
    doc, content, info = read_document(job.path, session.settings.read_limits)
    return Read(facts_of(doc, job, session), content, info)


def facts_of(doc: Document, job: Job, session: Session) -> Facts:
    journey, library, defines = doc.journey, doc.library, doc.defines
    journey_id: str | None = None
    summary: JourneySummary | None = None
    if journey is not None:
        journey_id, summary = journey.id, JourneySummary.of(journey)
    elif defines is not None and defines.journey_id is not None:
        journey_id = defines.journey_id
        summary = JourneySummary(defines.state, defines.touchpoint_ids, defines.pain_point_ids)
    personas: tuple[str, ...] = ()
    if library is not None:
        personas = tuple(p.id for p in library.personas)
    elif doc.kind == "personas" and defines is not None:
        personas = tuple(sorted(defines.persona_ids))
    facts = Facts(doc.kind, doc.model is not None, journey_id, summary, personas)
    if not job.target:
        return facts
    found = list(doc.diagnostics)
    pending = []
    key = ""  # only a journey's checks depend on more than its bytes and the settings
    if (checkable := doc.checkable) is not None and not job.library:
        checked = check_journey(doc, checkable, session.index, session.settings, session.today)
        found.extend(checked.diagnostics)
        pending = checked.pending
        key = session.check_key
    return Facts(
        doc.kind,
        doc.model is not None,
        journey_id,
        summary,
        personas,
        key,
        tuple(found),
        tuple(pending),
    )


def load_clean(limits: ReadLimits, path: Path) -> Document | None:
    """A file's Document for render, gaps and export, read in a worker; None for a file
    with findings. Such a file keeps positions keyed by the identity of its data
    objects, which a pickle does not preserve: the parent reads it again itself."""
    doc = load_file(path, str(path), limits)
    return None if doc.diagnostics or doc.source.tracked else doc


def load_documents(paths: list[Path], limits: ReadLimits) -> list[Document]:
    """Every file loaded, in worker processes when the portfolio is big enough.

    Measured on the 60-journey benchmark portfolio: pickling a Document and reading it
    back costs about a seventh of parsing it, so two workers still save a third.
    """

    size = sum(file_size(p) for p in paths)
    loaded = map_files(functools.partial(load_clean, limits), paths, total_bytes=size)
    return [
        doc if doc is not None else load_file(path, str(path), limits)
        for path, doc in zip(paths, loaded, strict=True)
    ]


def file_size(path: Path) -> int:
    """For deciding whether a pool pays; a file that cannot be read is reported later."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
