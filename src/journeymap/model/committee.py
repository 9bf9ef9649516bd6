"""Who is in the buying committee at each stage, once `committee_changes` are read.

A long B2B journey loses and gains people: the CFO who signed is replaced at renewal,
the champion hands over to an operations lead after go-live. A change says from which
stage (`at`) someone `leaves` or `joins`; this module turns the changes into who takes
part in each stage, so that "everyone in the journey" means everyone still (or already)
there. References that do not resolve are left to the checks: an unknown stage id or
persona changes nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeymap.model.journey import CommitteeChange, Journey


@dataclass(frozen=True)
class Presence:
    """One persona's part in the journey: the stages (by index) where they take part,
    and the change that last moved them in or out before each stage."""

    persona: str
    active: tuple[bool, ...]  # one per stage
    left_by: tuple[CommitteeChange | None, ...]  # the change that took them out, per stage
    joins_by: tuple[CommitteeChange | None, ...]  # the change that brings them in later


def stage_index(journey: Journey) -> dict[str, int]:
    return {stage.id: i for i, stage in enumerate(journey.stages)}


def presence(journey: Journey, persona: str) -> Presence:
    """Where `persona` takes part. Before their first change a joiner is absent and
    anyone else present; each change then moves them in or out from its stage on."""
    where = stage_index(journey)
    moves = [
        (where[c.at], c)
        for c in journey.committee_changes
        if c.at in where and persona in (c.leaves, c.joins)
    ]
    moves.sort(key=lambda move: move[0])
    first = moves[0][1] if moves else None
    present = not (first is not None and first.joins == persona and first.leaves != persona)
    active: list[bool] = []
    left_by: list[CommitteeChange | None] = []
    joins_by: list[CommitteeChange | None] = []
    last_out: CommitteeChange | None = None
    for i in range(len(journey.stages)):
        for at, change in moves:
            if at == i:
                present = change.joins == persona
                last_out = change if change.leaves == persona else None
        upcoming = next((c for at, c in moves if at > i and c.joins == persona), None)
        active.append(present)
        left_by.append(None if present else last_out)
        joins_by.append(None if present else upcoming)
    return Presence(persona, tuple(active), tuple(left_by), tuple(joins_by))


def committee_at(journey: Journey, stage: int, personas: list[str]) -> list[str]:
    """Of `personas` (the journey's, in order), those who take part in stage `stage`."""
    if not journey.committee_changes:
        return list(personas)
    return [p for p in personas if presence(journey, p).active[stage]]


def handover_of(journey: Journey, stage: int, persona: str) -> str | None:
    """The touchpoint of stage `stage` where `persona` hands over as they leave, if any:
    the one place a leaver still appears from their change on."""
    where = stage_index(journey)
    for change in journey.committee_changes:
        if change.leaves == persona and where.get(change.at) == stage:
            return change.handover
    return None


def change_sentence(journey: Journey, change: CommitteeChange, names: Mapping[str, str]) -> str:
    """ "CFO leaves at Renewal, New CFO takes over at Handover call (why)"."""
    stage = next((s for s in journey.stages if s.id == change.at), None)
    where = stage.name if stage is not None else change.at
    handover = next(
        (tp.name for tp in (stage.touchpoints if stage else []) if tp.id == change.handover),
        None,
    )
    leaver = names.get(change.leaves or "", change.leaves or "")
    joiner = names.get(change.joins or "", change.joins or "")
    if change.leaves and change.joins:
        text = f"{leaver} leaves at {where}, {joiner} takes over"
        text += f" at {handover}" if handover else ""
    elif change.leaves:
        text = f"{leaver} leaves at {where}" + (f", handing over at {handover}" if handover else "")
    else:
        text = f"{joiner} joins at {where}"
    return text + (f" ({change.why})" if change.why else "")
