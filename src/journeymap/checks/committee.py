"""The buying committee over the journey: changes that resolve, and people where they are.

In a long B2B journey people leave and join the buying committee: a `committee_changes`
entry says so from a stage on. These checks hold the map to it: a persona who has left
appears on no later touchpoint (but the handover), one who joins appears nowhere before,
and the roles the project requires have been met by the stage the config names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from journeymap.checks.completeness import COMPLETENESS
from journeymap.checks.context import JourneyContext
from journeymap.checks.example import edit, files
from journeymap.checks.references import IDENTITY_AND_REFERENCES, unresolved_hint
from journeymap.checks.registry import Finding, checks
from journeymap.checks.settings import roles
from journeymap.core.diagnostics import Loc
from journeymap.model import Journey, Stage
from journeymap.model.committee import (
    Presence,
    committee_at,
    handover_of,
    presence,
    stage_index,
)
from journeymap.model.who import touchpoint_personas

EXAMPLE = """\
journeymap: 1
id: renewal
title: Renewal
reviewed: {by: Dana Reyes, date: 2026-10-01}
personas:
  - {id: cfo, name: CFO, role: economic-buyer}
  - {id: new-cfo, name: New CFO, role: economic-buyer}
stages:
  - id: adoption
    name: Adoption
    goal: The team uses the product every day
    touchpoints:
      - {id: quarterly-review, name: Quarterly review, owner: Account manager,
         personas: [cfo], importance: 4, performance: 4, emotion: 4}
  - id: renewal
    name: Renewal
    goal: The contract is renewed
    touchpoints:
      - {id: handover-call, name: Handover call, owner: Account manager,
         personas: [cfo, new-cfo], importance: 5, performance: 3, emotion: 3}
      - {id: renewal-offer, name: Renewal offer, owner: Sales lead,
         personas: [new-cfo], importance: 5, performance: 3, emotion: 3}
committee_changes:
  - {at: renewal, leaves: cfo, joins: new-cfo, handover: handover-call}
"""
COVERAGE_CONFIG = (
    "rules:\n  committee-coverage: {severity: warning, roles: {economic-buyer: adoption}}\n"
)

COMMITTEE_CHANGE = IDENTITY_AND_REFERENCES.rule(
    "committee-change",
    """A committee change is kept: who left takes no part later, who joins none before.

    `committee_changes` says that from stage `at` on someone `leaves` the buying committee
    or `joins` it. A persona who has left still appears on a later touchpoint or stage (other
    than the change's `handover` touchpoint), or one who joins appears before `at`, or
    someone leaves twice without joining again, or the changes are not in journey order: the
    map then says two things at once about who is in the room. Remove the persona there,
    make that touchpoint the handover, or move the change's `at`.""",
    bad=edit(
        ("personas: [new-cfo], importance", "personas: [cfo, new-cfo], importance"), base=EXAMPLE
    ),
    good=EXAMPLE,
)


def _where(ctx: JourneyContext) -> Iterator[tuple[int, Loc, str, str | None]]:
    """Every use of a persona id in a stage: (stage index, loc, persona, touchpoint id)."""
    for si, stage in enumerate(ctx.journey.stages):
        for i, ref in enumerate(stage.personas):
            yield si, ("stages", si, "personas", i), ref, None
        for ti, tp in enumerate(stage.touchpoints):
            tloc: Loc = ("stages", si, "touchpoints", ti)
            for i, ref in enumerate(tp.personas):
                yield si, (*tloc, "personas", i), ref, tp.id
            for name in ("emotion", "target_emotion"):
                value = getattr(tp, name)
                if isinstance(value, dict):
                    for pid in value:
                        yield si, (*tloc, name, pid), pid, tp.id


@checks(COMMITTEE_CHANGE)
def committee_changes(ctx: JourneyContext) -> Iterator[Finding]:
    journey = ctx.journey
    if not journey.committee_changes:
        return
    yield from _changes_resolve(ctx)
    where = stage_index(journey)
    names = {s.id: s.name for s in journey.stages}
    people = {p for c in journey.committee_changes for p in (c.leaves, c.joins) if p}
    shown = {p: presence(journey, p) for p in people & ctx.persona_ids}
    for si, loc, pid, tp_id in _where(ctx):
        seen = shown.get(pid)
        if seen is None or seen.active[si]:
            continue
        if tp_id is not None and handover_of(journey, si, pid) == tp_id:
            continue  # the leaver hands over here
        yield _out_of_place(seen, si, loc, journey.stages, names, where, tp_id)


def _out_of_place(
    seen: Presence,
    si: int,
    loc: Loc,
    stages: Sequence[Stage],
    names: dict[str, str],
    where: dict[str, int],
    tp_id: str | None,
) -> Finding:
    pid, left = seen.persona, seen.left_by[si]
    if left is not None:
        why = f" ({left.why})" if left.why else ""
        at_change = where[left.at] == si and tp_id is not None
        hint = (
            f"remove {pid!r} here, or make this touchpoint the change's `handover`"
            if at_change
            else f"remove {pid!r} here: it takes no part after it leaves"
        )
        return Finding(
            loc, f"{pid!r} left the buying committee at {names[left.at]}{why}", hint, on_key=True
        )
    joins = seen.joins_by[si]
    assert joins is not None  # absent and never left: a joiner not yet joined
    return Finding(
        loc,
        f"{pid!r} joins the buying committee at {names[joins.at]}, after {stages[si].name}",
        f"remove {pid!r} here, or move the change's `at` to {stages[si].id!r}",
        on_key=True,
    )


def _changes_resolve(ctx: JourneyContext) -> Iterator[Finding]:
    """Each change names a stage, personas of the journey, and a touchpoint of its stage;
    the changes come in journey order, and no one leaves or joins twice in a row."""
    journey = ctx.journey
    where = stage_index(journey)
    personas = sorted(ctx.persona_ids)
    state: dict[str, str] = {}  # persona -> "left" | "joined"
    last = -1
    for i, change in enumerate(journey.committee_changes):
        loc: Loc = ("committee_changes", i)
        if change.at not in where:
            hint = unresolved_hint("stage", change.at, list(where), None)
            yield Finding(
                (*loc, "at"), f"unknown stage {change.at!r}", hint, rule="unresolved-reference"
            )
            continue
        if where[change.at] < last:
            yield Finding(
                (*loc, "at"),
                "committee changes are listed in journey order",
                "move this change above the ones of later stages",
            )
        last = max(last, where[change.at])
        if change.leaves is None and change.joins is None:
            yield Finding(
                loc,
                "a committee change names no one who leaves or joins",
                "add `leaves:` or `joins:` with a persona id of this journey",
            )
        yield from _people(change.leaves, change.joins, loc, personas, state)
        yield from _handover(journey, change.at, change.handover, loc)


def _people(
    leaves: str | None,
    joins: str | None,
    loc: Loc,
    personas: Sequence[str],
    state: dict[str, str],
) -> Iterator[Finding]:
    for field, pid in (("leaves", leaves), ("joins", joins)):
        if pid is None:
            continue
        if pid not in personas:
            hint = unresolved_hint(
                "persona", pid, personas, "list it in the journey's `personas` first"
            )
            yield Finding(
                (*loc, field), f"unknown persona {pid!r}", hint, rule="unresolved-reference"
            )
            continue
        done = "left" if field == "leaves" else "joined"
        if state.get(pid) == done:
            again = "join again" if done == "left" else "leave"
            yield Finding(
                (*loc, field),
                f"{pid!r} already {done} the buying committee",
                f"a persona who {done} must {again} first; remove this `{field}`",
            )
        state[pid] = done


def _handover(journey: Journey, at: str, handover: str | None, loc: Loc) -> Iterator[Finding]:
    if handover is None:
        return
    stage = next(s for s in journey.stages if s.id == at)
    here = [tp.id for tp in stage.touchpoints]
    if handover in here:
        return
    elsewhere = next((s for s in journey.stages for tp in s.touchpoints if tp.id == handover), None)
    if elsewhere is not None:
        yield Finding(
            (*loc, "handover"),
            f"handover {handover!r} is a touchpoint of {elsewhere.name}, not of {stage.name}",
            f"name a touchpoint of {stage.name} ({', '.join(here) or 'it has none'}), "
            f"or set `at: {elsewhere.id}`",
        )
        return
    hint = unresolved_hint("touchpoint", handover, here, f"a touchpoint of {stage.name}")
    yield Finding(
        (*loc, "handover"), f"unknown touchpoint {handover!r}", hint, rule="unresolved-reference"
    )


COMMITTEE_COVERAGE = COMPLETENESS.rule(
    "committee-coverage",
    """The roles the project requires have been met by the stage it names.

    journeymap.yaml can require that roles of the buying committee have had a touchpoint by
    a stage: `committee-coverage: {severity: warning, roles: {economic-buyer: decision}}`.
    A B2B deal stalls when the person who signs is first met at the signature. No persona
    with the role is met on a touchpoint in that stage or before it. Add a touchpoint with a
    persona of that role (in its `personas`), or add the persona to the journey. A journey
    without a stage of that id is not checked for that role.""",
    bad=files(
        ("journeymap.yaml", COVERAGE_CONFIG),
        (
            "renewal.yaml",
            edit(("name: CFO, role: economic-buyer", "name: CFO, role: champion"), base=EXAMPLE),
        ),
    ),
    good=files(("journeymap.yaml", COVERAGE_CONFIG), ("renewal.yaml", EXAMPLE)),
    option="roles",
)


@checks(COMMITTEE_COVERAGE)
def committee_coverage(ctx: JourneyContext) -> Iterator[Finding]:
    required = roles(ctx.settings, COMMITTEE_COVERAGE)
    if not required:
        return
    journey = ctx.journey
    where = stage_index(journey)
    role_of = {p.id: p.role for p in ctx.resolved_personas}
    ids = [p.id for p in ctx.resolved_personas]
    for role, stage_id in sorted(required.items()):
        if stage_id not in where:
            continue
        by = where[stage_id]
        met = any(
            role_of.get(pid) == role
            for si in range(by + 1)
            for tp in journey.stages[si].touchpoints
            for pid in touchpoint_personas(tp, journey.stages[si], committee_at(journey, si, ids))
        )
        if met:
            continue
        yield Finding(
            ("stages", by),
            f"no {role} has been met by {journey.stages[by].name}",
            _coverage_hint(journey, role, by, role_of),
        )


def _coverage_hint(journey: Journey, role: str, by: int, role_of: Mapping[str, str | None]) -> str:
    """Whom to meet: the personas of the role already in the committee by then; else say
    they join later, or that the journey has no one of that role."""
    having = sorted(pid for pid, r in role_of.items() if r == role)
    stage = journey.stages[by].name
    present = [p for p in having if any(presence(journey, p).active[: by + 1])]
    if present:
        return f"add a touchpoint for {', '.join(present)} in or before {stage}"
    if having:
        return (
            f"{', '.join(having)} joins the committee after {stage}: meet someone with the role {role} "
            "before it, or require the role by a later stage"
        )
    return f"no persona of this journey has the role {role}; add one, or change the config"
