"""`validate` for a portfolio of any size: files checked in parallel, results cached.

The order of work:

1. The cache is asked about every file (a stat, or a hash when the stat changed).
2. Persona libraries first (they are small and every journey refers to them): from the
   cache, or read here. Their persona ids are all a journey's own checks need of them.
3. Every other file that the cache cannot answer is read and checked on its own, in
   worker processes when the run is big enough (`parallel.map_files`); each returns its
   `Facts`: findings, the ids it defines, its references to other journeys.
4. Here, in file order: journey ids unique across the run, and every reference to another
   journey resolved against what all files define (exact, whatever came from where).

The findings equal those of `checks.runner.check_portfolio` over the whole portfolio
(tests/engine holds them equal, cold and warm). Settings and paths are parameters, so
a run with several journeymap.yaml files can call this once per group of files.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from journeymap.checks.freshness import EVIDENCE_STALE, REVIEW_STALE
from journeymap.checks.index import Index, JourneySummary, PendingRef
from journeymap.checks.references import resolve_pending
from journeymap.checks.runner import check_portfolio, journey_id_taken, portfolio_duplicates
from journeymap.checks.settings import severity
from journeymap.core.diagnostics import Diagnostic
from journeymap.disk.reading import ReadLimits, Refusal, read_user_file
from journeymap.disk.stdin_buffer import buffered
from journeymap.engine.cache import Store
from journeymap.engine.cache.facts import Facts
from journeymap.engine.cache.store import digest
from journeymap.engine.parallel import map_files
from journeymap.engine.worker import Job, Read, Session, check_file, file_size
from journeymap.loading.loader import load_file, source_locator
from journeymap.model import Persona
from journeymap.project.config import Settings
from journeymap.project.discovery import Portfolio, looks_like_library
from journeymap.yaml.decode import decode
from journeymap.yaml.parse import parse
from journeymap.yaml.source import Source


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    files: int
    sources: Mapping[str, Source]  # for code frames: any file's text, read when asked
    reused: int = 0  # files answered by the cache
    read: int = 0  # files read and parsed


@dataclass(frozen=True)
class _Hit:
    content: str
    info: os.stat_result
    facts: Facts


class LazySources(Mapping[str, Source]):
    """A file's text for the code frame under a diagnostic, read only when a terminal
    shows one (a cached run has no text in memory)."""

    def __init__(self, limits: ReadLimits, known: dict[str, Source] | None = None) -> None:
        self._limits = limits
        self._known: dict[str, Source] = dict(known or {})

    def __getitem__(self, path: str) -> Source:
        if path not in self._known:
            try:
                text, _ = decode(path, read_user_file(Path(path), self._limits))
            except Refusal:
                text = None
            self._known[path] = Source(path, text or "", _reader=parse)
        return self._known[path]

    def __bool__(self) -> bool:
        return True  # any file can be asked for, even before the first is read

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str)

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


def check_key(settings: Settings, library: Index, today: date) -> str:
    """What a journey's own findings depend on beyond its bytes and the settings: the
    persona ids the libraries define, and today when a freshness rule counts days."""
    dated = any(severity(settings, r) != "off" for r in (REVIEW_STALE, EVIDENCE_STALE))
    text = "\n".join(
        [
            today.isoformat() if dated else "-",
            ",".join(sorted(library.library_personas)),
            ",".join(sorted(library.broken_persona_ids)),
        ]
    )
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def validate_files(
    targets: Sequence[Path],
    context: Sequence[Path],
    settings: Settings,
    today: date,
    store: Store | None = None,
    advance: Callable[[str], None] | None = None,
) -> Outcome:
    """Every finding for `targets`, reading `context` only for what it defines; `advance`
    is called with each file's path once it is answered (from the cache or read), so the
    targets and the context files not among them count one each."""
    limits = settings.read_limits
    target_set = set(targets)
    ordered = list(targets) + [p for p in context if p not in target_set]
    hits = {p: _look(store, p, limits) for p in ordered} if store is not None else {}
    counts = {"reused": 0, "read": 0}
    tick = advance or (lambda _path: None)

    def facts_for(jobs: list[Job], session: Session) -> dict[Path, Facts]:
        """From the cache when it has them for this session, else read (in parallel)."""
        found: dict[Path, Facts] = {}
        missing: list[Job] = []
        for job in jobs:
            hit = hits.get(job.path)
            if hit is not None and _usable(hit.facts, job.target, session.check_key):
                found[job.path] = hit.facts
                tick(str(job.path))
                if store is not None:
                    store.record(job.path, hit.info, hit.content)
            else:
                missing.append(job)
        size = sum(file_size(job.path) for job in missing)
        check = functools.partial(check_file, session)
        reads = map_files(check, missing, total_bytes=size, done=lambda j: tick(str(j.path)))
        for job, read in zip(missing, reads, strict=True):
            found[job.path] = read.facts
            _keep(store, job.path, read)
        counts["reused"] += len(jobs) - len(missing)
        counts["read"] += len(missing)
        return found

    def is_library(path: Path) -> bool:
        hit = hits.get(path)
        return hit.facts.kind == "personas" if hit is not None else looks_like_library(path)

    libraries = [p for p in ordered if is_library(p)]
    library_set = set(libraries)
    blank = Session(settings, Index({}, {}, final=False), today, "")
    library_facts = facts_for([Job(p, p in target_set, library=True) for p in libraries], blank)
    index = Index({}, {}, final=False)
    journeys: dict[str, JourneySummary] = {}
    for path in libraries:
        _register(index, journeys, library_facts[path])
    out: list[Diagnostic] = []
    for path in libraries:
        if path in target_set:
            out.extend(library_facts[path].diagnostics)
    if _library_duplicates(library_facts.values()):
        docs = [load_file(p, str(p), limits) for p in libraries]
        lib_targets = [d for d in docs if Path(d.path) in target_set]
        others = [d for d in docs if d not in lib_targets]
        out.extend(portfolio_duplicates(Portfolio(lib_targets, others, settings)))

    session = Session(settings, index, today, check_key(settings, index, today))
    rest = [Job(p, p in target_set) for p in ordered if p not in library_set]
    facts = facts_for(rest, session)
    if store is not None:
        store.save()
    if any(f.kind == "personas" for f in facts.values()):
        # a library the quick look missed: its personas count for every journey, so
        # check the portfolio all at once (rare; a flow-style `{kind: personas}` file)
        return _whole(targets, context, settings, today)

    out.extend(_journey_findings(rest, facts, index, journeys, limits))
    return Outcome(out, len(targets), LazySources(limits), counts["reused"], counts["read"])


def _journey_findings(
    rest: Sequence[Job],
    facts: Mapping[Path, Facts],
    index: Index,
    journeys: dict[str, JourneySummary],
    limits: ReadLimits,
) -> list[Diagnostic]:
    """The journeys' own findings, a journey id taken twice, and the references between
    journeys, resolved once every journey is registered."""
    out: list[Diagnostic] = []
    first_seen: dict[str, str] = {}
    pending: list[PendingRef] = []
    for job in rest:
        found = facts[job.path]
        _register(index, journeys, found)
        if found.kind == "journey" and found.valid and found.journey_id is not None:
            first = first_seen.setdefault(found.journey_id, str(job.path))
            if job.target and first != str(job.path):
                out.append(journey_id_taken(load_file(job.path, str(job.path), limits), first))
        if job.target:
            out.extend(found.diagnostics)
            pending.extend(found.pending)
    out.extend(resolve_pending(pending, journeys, source_locator(limits)))
    return out


def previous_journey_ids(store: Store | None, paths: Sequence[Path]) -> set[str]:
    """The journey ids the last run saw `paths` define: a journey renamed since still
    has other journeys naming its old id."""
    if store is None:
        return set()
    found = (store.previous(path) for path in paths)
    return {f.journey_id for f in found if f is not None and f.journey_id is not None}


def _look(store: Store, path: Path, limits: ReadLimits) -> _Hit | None:
    """What the cache knows of `path`: by its stat, else by the hash of its bytes."""
    if buffered(path) is not None:
        return None  # standard input stands for this file: the disk is not what is checked
    try:
        info = os.lstat(path)
    except OSError:
        return None
    content = store.by_stat(path, info)
    if content is None:
        if not store.entries:
            return None  # nothing to find: do not read the file twice
        try:
            content = digest(read_user_file(path, limits))
        except Refusal:
            return None
    facts = store.facts(content, str(path))
    return None if facts is None else _Hit(content, info, facts)


def _usable(facts: Facts, target: bool, key: str) -> bool:
    """Cached facts serve a context file always, a target when checked with these inputs."""
    if not target:
        return True
    checked = facts.valid or facts.check_key != ""  # a broken journey's salvaged rest
    wanted = key if facts.kind == "journey" and checked else ""
    return facts.check_key == wanted


def _keep(store: Store | None, path: Path, read: Read) -> None:
    if store is not None and read.content is not None:
        store.put(read.content, read.facts)
        store.record(path, read.info, read.content)


def _register(index: Index, journeys: dict[str, JourneySummary], facts: Facts) -> None:
    """What `Index.add` registers for a file, from its facts (first definition wins)."""
    if facts.journey_id is not None and facts.summary is not None:
        journeys.setdefault(facts.journey_id, facts.summary)
    if facts.kind == "personas" and facts.valid:
        for pid in facts.personas:
            # validate's checks read only the ids of library personas (the keys); a
            # cached library has no models, so every id maps to one stand-in
            index.library_personas.setdefault(pid, _stand_in())
    elif facts.kind == "personas":
        index.broken_persona_ids.update(facts.personas)


@functools.cache
def _stand_in() -> Persona:
    return Persona.model_construct(id="library-persona", name="Library persona")


def _library_duplicates(libraries: Iterable[Facts]) -> bool:
    """Whether a persona id repeats across the valid libraries (or within one), or a
    journey read in the libraries' pass repeats an id: then positions are needed."""
    seen: set[str] = set()
    journeys: set[str] = set()
    for facts in libraries:
        if facts.kind == "personas" and facts.valid:
            if seen & set(facts.personas) or len(set(facts.personas)) < len(facts.personas):
                return True
            seen.update(facts.personas)
        elif facts.kind == "journey" and facts.valid and facts.journey_id is not None:
            if facts.journey_id in journeys:
                return True
            journeys.add(facts.journey_id)
    return False


def _whole(
    targets: Sequence[Path], context: Sequence[Path], settings: Settings, today: date
) -> Outcome:
    """The all-at-once path, for portfolios the libraries-first order cannot serve."""
    limits = settings.read_limits
    docs = [load_file(p, str(p), limits) for p in targets]
    context_docs = [load_file(p, str(p), limits) for p in context if p not in set(targets)]
    portfolio = Portfolio(docs, context_docs, settings)
    found = [d for doc in docs for d in doc.diagnostics] + check_portfolio(portfolio, today)
    known = {d.path: d.source for d in docs}
    return Outcome(found, len(docs), LazySources(limits, known), 0, len(docs) + len(context_docs))
