"""Current vs future: what a future-state map adds, drops and changes."""

from __future__ import annotations

from typing import Any

from journeymap.model import Journey, Touchpoint


def _scores(tp: Touchpoint) -> dict[str, Any]:
    return {
        "importance": tp.importance,
        "performance": tp.performance,
        "emotion": tp.emotion,
        "target_emotion": tp.target_emotion,
    }


def compare_future(future: Journey, current: Journey | None) -> dict[str, Any]:
    """What a future-state map adds, drops and changes against its current-state map."""
    if current is None:
        return {"journey": future.id, "current": future.current, "found": False}
    now = {tp.id: (stage, tp) for _, stage, _, tp in current.touchpoints()}
    planned = {tp.id: (stage, tp) for _, stage, _, tp in future.touchpoints()}
    scope = {s.id for s in future.stages}
    added = [
        {"touchpoint": tid, "name": tp.name, "stage": st.id}
        for tid, (st, tp) in planned.items()
        if tid not in now
    ]
    dropped = [
        {"touchpoint": tid, "name": tp.name, "stage": st.id}
        for tid, (st, tp) in now.items()
        if tid not in planned and st.id in scope
    ]
    changed = []
    for tid, (st, tp) in planned.items():
        if tid not in now:
            continue
        old_stage, old = now[tid]
        before, after = _scores(old), _scores(tp)
        diffs = {k: {"old": before[k], "new": after[k]} for k in before if before[k] != after[k]}
        if old.name != tp.name:
            diffs["name"] = {"old": old.name, "new": tp.name}
        if old_stage.id != st.id:
            diffs["stage"] = {"old": old_stage.id, "new": st.id}
        if diffs:
            changed.append({"touchpoint": tid, "name": tp.name, "stage": st.id, "changes": diffs})
    future_pain = {pp.id for *_, tp in future.touchpoints() for pp in tp.pain_points}
    resolved, still_open, out_of_scope = [], [], []
    for _, stage, _, tp in current.touchpoints():
        for pp in tp.pain_points:
            entry = {"pain_point": pp.id, "text": pp.text, "stage": stage.id, "touchpoint": tp.id}
            if stage.id not in scope:
                out_of_scope.append(entry)
            elif pp.id in future_pain:
                still_open.append(entry)
            else:
                resolved.append(entry)
    return {
        "journey": future.id,
        "current": current.id,
        "found": True,
        "added": added,
        "dropped": dropped,
        "changed": changed,
        "pain_points_addressed": resolved,
        "pain_points_open": still_open,
        "pain_points_out_of_scope": out_of_scope,
    }
