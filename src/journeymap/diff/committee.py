"""A committee change in the diff as one line, with the persona swaps it explains.

When a revision says the CFO leaves at Retention and a new CFO takes over, the same
revision swaps the CFO for the new CFO on every later touchpoint. Listed field by field
that is ten +/- lines; a reviewer wants one: "CFO leaves at Retention, New CFO takes over
at Annual review (the CFO moved to the parent company); personas updated on 4
touchpoints". The swaps folded in are only those the change explains: the leaver
replaced by the joiner (in `personas` lists and per-persona emotions) from its stage on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from journeymap.core.wording import count_of
from journeymap.model import Journey, Persona
from journeymap.model.committee import change_sentence
from journeymap.model.journey import CommitteeChange

Action = Literal["added", "changed", "removed"]


def _key(change: CommitteeChange) -> tuple[str, str | None, str | None]:
    return (change.at, change.leaves, change.joins)


def line(
    journey: Journey, change: CommitteeChange, library: Mapping[str, Persona] | None = None
) -> str:
    """The change in one sentence, in the names of the map: its inline personas' and
    those of the persona libraries (`library`) it names."""
    names = {pid: p.name for pid, p in (library or {}).items()}
    names.update({p.id: p.name for p in journey.personas if isinstance(p, Persona)})
    return change_sentence(journey, change, names)


def committee_diff(
    old: Journey, new: Journey, library: Mapping[str, Persona] | None = None
) -> list[tuple[Action, str, str]]:
    """(action, stage id, sentence) for each committee change added, removed or changed."""
    before = {_key(c): c for c in old.committee_changes}
    after = {_key(c): c for c in new.committee_changes}
    out: list[tuple[Action, str, str]] = []
    for key, change in after.items():
        if key not in before:
            out.append(("added", change.at, line(new, change, library)))
        elif before[key] != change:
            out.append(("changed", change.at, line(new, change, library)))
    for key, change in before.items():
        if key not in after:
            out.append(("removed", change.at, line(old, change, library)))
    return out


def explained(
    new: Journey,
    field: str | None,
    action: str,
    old_value: object,
    new_value: object,
    stage: str | None,
) -> CommitteeChange | None:
    """The committee change of `new` that explains a touchpoint's change, if one does."""
    order = [s.id for s in new.stages]
    for change in new.committee_changes:
        if change.at not in order or stage not in order[order.index(change.at) :]:
            continue
        if _swap(change, field, action, old_value, new_value):
            return change
    return None


def _swap(
    change: CommitteeChange, field: str | None, action: str, old: object, new: object
) -> bool:
    leaver, joiner = change.leaves, change.joins
    if field == "personas":
        if action == "item-added":
            return new == joiner
        if action == "item-removed":
            return old == leaver
        if isinstance(old, list) and isinstance(new, list):
            gone, came = set(old) - set(new), set(new) - set(old)
            return gone <= {leaver} and came <= {joiner} and bool(gone | came)
        return False
    for name in ("emotion", "target_emotion"):
        if field == f"{name}[{leaver}]" and new is None:
            return True
        if field == f"{name}[{joiner}]" and old is None:
            return True
    return False


def folded_text(text: str, touchpoints: Sequence[str]) -> str:
    """The committee line, saying on how many touchpoints the personas follow it."""
    count = len(set(touchpoints))
    if not count:
        return text
    return f"{text}; personas updated on {count_of(count, 'touchpoint')}"
