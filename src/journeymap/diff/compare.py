"""Semantic diff of journeys, matched by id, never by position -> typed results.

Both sides are validated models, so formatting, key order, flow or block style and
comments cannot show up as changes. Scores carry a direction (performance and emotion
up is `improved`; a metric moves `improved` or `worsened` by its `better`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.wording import count_of
from journeymap.diff.committee import committee_diff, explained, folded_text, line
from journeymap.diff.fields import (
    Direction,
    Emit,
    by_id,
    compare_fields,
    history_change,
    list_change,
    metric_direction,
)
from journeymap.diff.words import COMMITTEE, sentence
from journeymap.model import (
    Journey,
    Metric,
    Opportunity,
    Persona,
    PersonaLibrary,
    Stage,
    Touchpoint,
)

ChangeAction = Literal[
    "added", "removed", "renamed", "moved", "reordered", "changed", "item-added", "item-removed"
]


@dataclass(frozen=True)
class Change:
    """One change, with enough context to group it (journey, stage) and to say it."""

    journey: str
    stage: str | None
    subject: str
    action: ChangeAction
    field: str | None = None
    old: Any = None
    new: Any = None
    direction: Direction | None = None

    def describe(self, within: str | None = None) -> str:
        """The change as a sentence; `within`: the id of the stage whose heading it is
        printed under, which the sentence then does not repeat."""
        return sentence(
            self.action, self.subject, self.field, self.old, self.new, self.direction, within
        )


@dataclass
class Side:
    """One side of a comparison: journeys and persona libraries by id, and files that failed."""

    journeys: dict[str, Journey]
    personas: dict[str, Persona]
    broken: list[Diagnostic]
    # per file compared, in order: what it defines here (`journey:ID`, `persona:ID`; for
    # a file that does not load, what can still be read of it), and whether it failed
    # to load here (what it defines on either side is then not compared)
    defined: list[frozenset[str]] = field(default_factory=list)
    failed: list[bool] = field(default_factory=list)


def side_of(models: Sequence[Journey | PersonaLibrary], broken: Sequence[Diagnostic] = ()) -> Side:
    journeys: dict[str, Journey] = {}
    personas: dict[str, Persona] = {}
    for model in models:
        if isinstance(model, Journey):
            journeys[model.id] = model
        else:
            for persona in model.personas:
                personas[persona.id] = persona
    return Side(journeys, personas, list(broken))


@dataclass
class Result:
    """The changes in meaning, and the errors of files that could not be compared.

    A broken file's errors are ordinary Diagnostics whose path names the version
    (`journeys/acme.yaml at HEAD`), so they print exactly as `validate` prints them.
    """

    changes: list[Change]
    broken: list[Diagnostic]

    def broken_files(self) -> list[BrokenFile]:
        """One entry per file that did not load, in the order they were read."""
        files: dict[str, list[Diagnostic]] = {}
        for d in self.broken:
            files.setdefault(d.path, []).append(d)
        return [BrokenFile(path, errors) for path, errors in files.items()]


@dataclass(frozen=True)
class BrokenFile:
    """A version of a file that does not load, with its errors (at least one)."""

    path: str
    errors: list[Diagnostic]

    def summary(self) -> str:
        first, count = self.errors[0], len(self.errors)
        return (
            f"{self.path} does not load ({count_of(count, 'error')}; "
            f"first at {first.line}:{first.column}: {first.message})"
        )


def diff_sides(old: Side, new: Side) -> Result:
    """The changes between two sides. What a file defines on one side is not reported
    as added or removed when that file does not load on the other: it is reported as
    not loading, and nothing is known of its meaning there."""
    unknown = _unknown(old, new)
    journeys = {i.removeprefix("journey:") for i in unknown if i.startswith("journey:")}
    personas = {i.removeprefix("persona:") for i in unknown if i.startswith("persona:")}
    changes: list[Change] = []
    for jid in sorted(old.journeys.keys() - new.journeys.keys() - journeys):
        changes.append(Change(jid, None, f"journey {jid}", "removed", old=old.journeys[jid].title))
    for jid in sorted(new.journeys.keys() - old.journeys.keys() - journeys):
        changes.append(Change(jid, None, f"journey {jid}", "added", new=new.journeys[jid].title))
    for jid in sorted(old.journeys.keys() & new.journeys.keys()):
        changes.extend(diff_journeys(old.journeys[jid], new.journeys[jid], new.personas))
    changes.extend(_library(_known(old.personas, personas), _known(new.personas, personas)))
    return Result(changes, old.broken + new.broken)


def _unknown(old: Side, new: Side) -> set[str]:
    """What a file that does not load defines, on either side: what it read as (the id
    it still declares, for a renamed file that broke) and what the same path held on
    the other side."""
    out: set[str] = set()
    for side in (old, new):
        out |= {
            i for ids, failed in zip(side.defined, side.failed, strict=True) if failed for i in ids
        }
    if len(old.defined) == len(new.defined):  # the same files on both sides, in order
        pairs = zip(old.defined, old.failed, new.defined, new.failed, strict=True)
        for ids_old, failed_old, ids_new, failed_new in pairs:
            if failed_new:
                out |= ids_old
            if failed_old:
                out |= ids_new
    return out


def _known(personas: dict[str, Persona], unknown: set[str]) -> dict[str, Persona]:
    return {pid: p for pid, p in personas.items() if pid not in unknown}


# --- a journey -------------------------------------------------------------------------------


def diff_journeys(
    old: Journey, new: Journey, library: Mapping[str, Persona] | None = None
) -> list[Change]:
    out: list[Change] = []
    jid = new.id

    def emitter(stage: str | None, subject: str) -> Callable[..., None]:
        def emit(action: ChangeAction, **kw: Any) -> None:
            out.append(Change(jid, stage, subject, action, **kw))

        return emit

    compare_fields(
        old,
        new,
        emitter(None, "journey"),
        skip={
            "personas",
            "phases",
            "stages",
            "evidence",
            "journeymap",
            "kind",
            "committee_changes",
        },
    )

    def persona_key(entry: str | Persona) -> str:
        return entry if isinstance(entry, str) else entry.id

    old_p = {persona_key(p): p for p in old.personas}
    new_p = {persona_key(p): p for p in new.personas}
    for pid in [persona_key(p) for p in old.personas if persona_key(p) not in new_p]:
        emitter(None, f"persona {pid}")("removed")
    for pid in [persona_key(p) for p in new.personas if persona_key(p) not in old_p]:
        emitter(None, f"persona {pid}")("added")
    for pid in [persona_key(p) for p in new.personas if persona_key(p) in old_p]:
        a, b = old_p[pid], new_p[pid]
        if isinstance(a, Persona) and isinstance(b, Persona):
            compare_fields(a, b, emitter(None, f"persona {pid}"))
        elif a != b:
            emitter(None, f"persona {pid}")(
                "changed",
                field="definition",
                old="library" if isinstance(a, str) else "inline",
                new="library" if isinstance(b, str) else "inline",
            )

    def journey_level(subject: str, _: str | None) -> Emit:
        return emitter(None, subject)

    phase = functools.partial(compare_fields, skip={"name"})
    by_id(old, new, "phases", journey_level, phase)
    by_id(old, new, "evidence", journey_level, label=lambda e: e.title, reorder=False)
    stage = functools.partial(_stage, emitter=emitter)
    by_id(old, new, "stages", lambda subject, sid: emitter(sid, subject), stage)
    _touchpoints(old, new, emitter)
    return in_journey_order(_with_committee(out, old, new, library or {}), old, new)


def _with_committee(
    changes: list[Change], old: Journey, new: Journey, library: Mapping[str, Persona]
) -> list[Change]:
    """The committee changes as one line each; the persona swaps an added change
    explains are folded into it (see `diff.committee`)."""
    found = committee_diff(old, new, library)
    if not found:
        return changes
    added = {(stage, text) for action, stage, text in found if action == "added"}
    swapped: dict[str, list[str]] = {}
    kept: list[Change] = []
    for ch in changes:
        cause = None
        if ch.subject.startswith("touchpoint "):
            cause = explained(new, ch.field, ch.action, ch.old, ch.new, ch.stage)
        if cause is not None and (cause.at, line(new, cause, library)) in added:
            swapped.setdefault(line(new, cause, library), []).append(ch.subject)
            continue
        kept.append(ch)
    lines = [
        Change(
            new.id,
            stage,
            COMMITTEE,
            action,
            old=text if action == "removed" else None,
            new=folded_text(text, swapped.get(text, [])) if action != "removed" else None,
        )
        for action, stage, text in found
    ]
    return lines + kept


def in_journey_order(changes: list[Change], old: Journey, new: Journey) -> list[Change]:
    """The journey's own changes first, then each stage's in the order of the new map
    (stages only the old map had, after them); within a stage, as found (stage fields,
    then its touchpoints in order). A reviewer reads the diff as they read the map."""
    order = [s.id for s in new.stages] + [s.id for s in old.stages]
    position = {sid: i for i, sid in enumerate(dict.fromkeys(order))}
    return sorted(
        changes, key=lambda c: -1 if c.stage is None else position.get(c.stage, len(position))
    )


def _stage(
    a: Stage, b: Stage, emit: Callable[..., None], emitter: Callable[..., Callable[..., None]]
) -> None:
    compare_fields(a, b, emit, skip={"name", "metrics", "touchpoints"})

    def in_stage(subject: str, _: str | None) -> Emit:
        return emitter(b.id, f"stage {b.id} {subject}")

    by_id(a, b, "metrics", in_stage, _metric, reorder=False)


def _metric(a: Metric, b: Metric, emit: Callable[..., None]) -> None:
    for name in ("value", "target"):
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            direction = None
            if name == "value" and x is not None and y is not None:
                direction = metric_direction(x, y, b.better)
            emit("changed", field=name, old=x, new=y, direction=direction)
    compare_fields(a, b, emit, skip={"name", "value", "target", "history"})
    history_change(a.history, b.history, emit, b.better)


def _touchpoints(old: Journey, new: Journey, emitter: Callable[..., Callable[..., None]]) -> None:
    a = {tp.id: (stage, tp) for _, stage, _, tp in old.touchpoints()}
    b = {tp.id: (stage, tp) for _, stage, _, tp in new.touchpoints()}
    for tid, (stage, tp) in a.items():
        if tid not in b:
            emitter(stage.id, f"touchpoint {tid}")("removed", old=tp.name)
    for tid, (stage, tp) in b.items():
        if tid not in a:
            emitter(stage.id, f"touchpoint {tid}")("added", new=tp.name)
    for tid, (stage, tp) in b.items():
        if tid not in a:
            continue
        old_stage, old_tp = a[tid]
        emit = emitter(stage.id, f"touchpoint {tid}")
        if old_stage.id != stage.id:
            emit("moved", old=old_stage.id, new=stage.id)
        if old_tp.name != tp.name:
            emit("renamed", old=old_tp.name, new=tp.name)

        def sub(what: str, stage_id: str = stage.id, tid: str = tid) -> Callable[..., None]:
            return emitter(stage_id, f"touchpoint {tid} {what}")

        _touchpoint(old_tp, tp, emit, sub)
    old_stages = {s.id: s for s in old.stages}
    for new_stage in new.stages:
        previous = old_stages.get(new_stage.id)
        if previous is None:
            continue
        kept = {x.id for x in new_stage.touchpoints}
        had = {x.id for x in previous.touchpoints}
        before = [t.id for t in previous.touchpoints if t.id in kept]
        after = [t.id for t in new_stage.touchpoints if t.id in had]
        if before != after:
            emitter(new_stage.id, f"stage {new_stage.id} touchpoints")(
                "reordered", old=before, new=after
            )


def _touchpoint(
    a: Touchpoint,
    b: Touchpoint,
    emit: Callable[..., None],
    sub: Callable[[str], Callable[..., None]],
) -> None:
    compare_fields(
        a,
        b,
        emit,
        skip={"name", "pain_points", "opportunities", "metrics", "links", "risks", "personas"},
    )
    for name in ("risks", "personas"):
        list_change(name, getattr(a, name), getattr(b, name), emit, ordered=False)

    def in_touchpoint(subject: str, _: str | None) -> Emit:
        return sub(subject)

    by_id(a, b, "pain_points", in_touchpoint, label=lambda p: p.text, reorder=False)
    by_id(a, b, "opportunities", in_touchpoint, _opportunity, label=lambda o: o.text, reorder=False)
    by_id(a, b, "metrics", in_touchpoint, _metric, reorder=False)
    old_links = {link.to: link.kind for link in a.links}
    new_links = {link.to: link.kind for link in b.links}
    for to in [t for t in old_links if t not in new_links]:
        sub(f"link to {to}")("removed")
    for to in [t for t in new_links if t not in old_links]:
        sub(f"link to {to}")("added", new=new_links[to])
    for to in [t for t in new_links if t in old_links and old_links[t] != new_links[t]]:
        sub(f"link to {to}")("changed", field="kind", old=old_links[to], new=new_links[to])


def _opportunity(a: Opportunity, b: Opportunity, emit: Callable[..., None]) -> None:
    compare_fields(a, b, emit)


def _library(old: dict[str, Persona], new: dict[str, Persona]) -> list[Change]:
    out: list[Change] = []
    for pid in sorted(old.keys() - new.keys()):
        out.append(
            Change("(persona library)", None, f"persona {pid}", "removed", old=old[pid].name)
        )
    for pid in sorted(new.keys() - old.keys()):
        out.append(Change("(persona library)", None, f"persona {pid}", "added", new=new[pid].name))
    for pid in sorted(old.keys() & new.keys()):

        def emit(action: ChangeAction, pid: str = pid, **kw: Any) -> None:
            out.append(Change("(persona library)", None, f"persona {pid}", action, **kw))

        if old[pid].name != new[pid].name:
            emit("renamed", old=old[pid].name, new=new[pid].name)
        compare_fields(old[pid], new[pid], emit, skip={"name"})
    return out


# --- loading the two sides -------------------------------------------------------------------
