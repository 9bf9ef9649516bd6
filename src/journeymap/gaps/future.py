"""Current vs future: what a future-state map adds, retires, changes and leaves out.

A future-state map is usually focused: it shows only what it changes. So a current
touchpoint it does not mention is "not covered by this map", not dropped; a touchpoint
is retired only when the future map lists it in `retires`. Pain points fall in four
groups (docs/gaps.md): resolved by design, still open, addressed, not covered.
"""

from __future__ import annotations

from journeymap.gaps.coverage import addressing
from journeymap.gaps.results import (
    ChangedTouchpoint,
    FieldChange,
    FutureComparison,
    PainPointOutcome,
    TouchpointRef,
)
from journeymap.model import Journey, Stage, Touchpoint

COMPARED = ("name", "stage", "importance", "performance", "emotion", "target_emotion")


def _ref(stage: Stage, tp: Touchpoint) -> TouchpointRef:
    return TouchpointRef(tp.id, tp.name, stage.id)


def _changes(old_stage: Stage, old: Touchpoint, stage: Stage, new: Touchpoint) -> list[FieldChange]:
    before = {
        "name": old.name,
        "stage": old_stage.id,
        "importance": old.importance,
        "performance": old.performance,
        "emotion": old.emotion,
        "target_emotion": old.target_emotion,
    }
    after = {
        "name": new.name,
        "stage": stage.id,
        "importance": new.importance,
        "performance": new.performance,
        "emotion": new.emotion,
        "target_emotion": new.target_emotion,
    }
    return [FieldChange(k, before[k], after[k]) for k in COMPARED if before[k] != after[k]]


def compare_future(future: Journey, current: Journey | None) -> FutureComparison:
    """What a future-state map adds, retires, changes and leaves out of its current map."""
    if current is None:
        return FutureComparison(future.id, future.current, found=False)
    now = {tp.id: (stage, tp) for _, stage, _, tp in current.touchpoints()}
    planned = {tp.id: (stage, tp) for _, stage, _, tp in future.touchpoints()}
    retiring = {tid for tid in future.retires if tid in now and tid not in planned}
    added = [_ref(st, tp) for tid, (st, tp) in planned.items() if tid not in now]
    retired = [_ref(st, tp) for tid, (st, tp) in now.items() if tid in retiring]
    not_covered = [
        _ref(st, tp) for tid, (st, tp) in now.items() if tid not in planned and tid not in retiring
    ]
    changed: list[ChangedTouchpoint] = []
    unchanged: list[TouchpointRef] = []
    for tid, (st, tp) in planned.items():
        if tid not in now:
            continue
        diffs = _changes(*now[tid], st, tp)
        if diffs:
            changed.append(ChangedTouchpoint(tid, tp.name, st.id, tuple(diffs)))
        else:
            unchanged.append(_ref(st, tp))

    future_pain = {pp.id for *_, tp in future.touchpoints() for pp in tp.pain_points}
    plans = addressing(future)
    groups: dict[str, list[PainPointOutcome]] = {
        "resolved": [],
        "open": [],
        "addressed": [],
        "not_covered": [],
    }
    for _, stage, _, tp in current.touchpoints():
        for pp in tp.pain_points:
            outcome = PainPointOutcome(
                pp.id, pp.text, stage.id, tp.id, tuple(plans.get(pp.id, ())), tp.id in retiring
            )
            if pp.id in future_pain:
                groups["open"].append(outcome)
            elif tp.id in planned or tp.id in retiring:
                groups["resolved"].append(outcome)
            elif outcome.addressed_by:
                groups["addressed"].append(outcome)
            else:
                groups["not_covered"].append(outcome)
    return FutureComparison(
        future.id,
        current.id,
        True,
        added=tuple(added),
        retired=tuple(retired),
        not_covered=tuple(not_covered),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
        pain_points_resolved_by_design=tuple(groups["resolved"]),
        pain_points_still_open=tuple(groups["open"]),
        pain_points_addressed=tuple(groups["addressed"]),
        pain_points_not_covered=tuple(groups["not_covered"]),
    )
