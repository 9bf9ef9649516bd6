"""Who is in the room: the buying committee across the stages, with its changes.

The journey page's overview shows, for a map with `committee_changes`, a row a persona
and a column a stage: the stages each takes part in, and where someone joins, leaves or
hands over, with the reason (as a tooltip on screen, as text in print and for screen
readers). This module computes all of it; the template only lays it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeymap.core.wording import count_of
from journeymap.model import Journey, Persona
from journeymap.model.committee import change_sentence, committee_at, presence, stage_index
from journeymap.model.who import touchpoint_personas
from journeymap.views.colours import PersonaStyle


@dataclass(frozen=True, slots=True)
class TimelineCell:
    """One persona in one stage: there or not, and what changes there."""

    active: bool
    met: int  # touchpoints of the stage this persona meets
    mark: str  # "", "joins", "leaves", "hands over"
    note: str  # the change's sentence where something changes, else ""
    label: str  # for screen readers: "CFO in Adoption: takes part"


@dataclass(frozen=True, slots=True)
class TimelineRow:
    persona_id: str
    persona: str  # the name
    colour: str
    marker: str
    cells: tuple[TimelineCell, ...]


@dataclass(frozen=True, slots=True)
class RoleCell:
    text: str  # "1 of 2"
    label: str  # for screen readers: "Decision: 1 of 2 required roles met"


@dataclass(frozen=True, slots=True)
class RolesMet:
    """The project's required roles (committee-coverage), met by each stage: "1 of 2"."""

    cells: tuple[RoleCell, ...]  # one a stage
    note: str  # which role by which stage


@dataclass(frozen=True, slots=True)
class CommitteeTimeline:
    stages: tuple[str, ...]  # stage names, in order
    rows: tuple[TimelineRow, ...]
    changes: tuple[str, ...]  # each change in a sentence
    roles: RolesMet | None = None


def roles_met(
    journey: Journey, people: Sequence[Persona], required: Mapping[str, str]
) -> RolesMet | None:
    """For each stage, how many of the required roles a touchpoint has met so far (as a
    CRM's buying-committee completeness counts them); None without required roles or
    when the journey has none of their stages."""
    where = stage_index(journey)
    wanted = {role: by for role, by in required.items() if by in where}
    if not wanted:
        return None
    ids = [p.id for p in people]
    role_of = {p.id: p.role for p in people}
    met: set[str] = set()
    cells = []
    for si, stage in enumerate(journey.stages):
        present = committee_at(journey, si, ids)
        for tp in stage.touchpoints:
            for pid in touchpoint_personas(tp, stage, present):
                if role_of.get(pid) in wanted:
                    met.add(str(role_of[pid]))
        text = f"{len(met)} of {len(wanted)}"
        cells.append(RoleCell(text, f"{stage.name}: {text} required roles met"))
    by = ", ".join(
        f"{role.replace('-', ' ')} by {journey.stages[where[stage]].name}"
        for role, stage in sorted(wanted.items(), key=lambda item: (where[item[1]], item[0]))
    )
    return RolesMet(tuple(cells), f"Required: {by}.")


def committee_timeline(
    journey: Journey,
    people: Sequence[Persona],
    styles: Mapping[str, PersonaStyle],
    required: Mapping[str, str] | None = None,
) -> CommitteeTimeline | None:
    """The timeline of a map whose committee changes or whose project requires roles;
    None for one that does neither."""
    roles = roles_met(journey, people, required or {})
    if not journey.committee_changes and roles is None:
        return None
    names = {p.id: p.name for p in people}
    ids = [p.id for p in people]
    where = stage_index(journey)
    sentences = {id(c): change_sentence(journey, c, names) for c in journey.committee_changes}
    rows = []
    for person in people:
        seen = presence(journey, person.id)
        cells = []
        for si, stage in enumerate(journey.stages):
            mark, note = "", ""
            for change in journey.committee_changes:
                if where.get(change.at) != si:
                    continue
                if change.joins == person.id:
                    mark, note = "joins", sentences[id(change)]
                elif change.leaves == person.id:
                    mark = "hands over" if change.handover else "leaves"
                    note = sentences[id(change)]
            present = committee_at(journey, si, ids)
            met = sum(
                1
                for tp in stage.touchpoints
                if person.id in touchpoint_personas(tp, stage, present)
            )
            state = (
                f"met on {count_of(met, 'touchpoint')}"
                if met
                else "in the committee"
                if seen.active[si]
                else "not in the committee"
            )
            label = f"{person.name} in {stage.name}: {state}" + (f"; {mark}" if mark else "")
            cells.append(TimelineCell(seen.active[si], met, mark, note, label))
        style = styles[person.id]
        rows.append(TimelineRow(person.id, person.name, style.colour, style.marker, tuple(cells)))
    return CommitteeTimeline(
        tuple(s.name for s in journey.stages),
        tuple(rows),
        tuple(sentences[id(c)] for c in journey.committee_changes),
        roles,
    )
