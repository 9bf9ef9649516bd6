"""Field-by-field comparison of two versions of one element, reported through `emit`.

Shared by every element the diff knows (journey, stage, touchpoint, metric, persona):
scalars compare directly, nested models field by field, per-persona scores persona by
persona, and lists of elements by id (never by position).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from typing import Any, Literal

from pydantic import BaseModel

Direction = Literal["improved", "worsened", "raised", "lowered"]
HIGHER_IS_BETTER = {"performance", "emotion"}
HIGHER_IS_MORE = {"importance", "target_emotion", "severity", "impact", "effort"}


def direction(field: str, old: Any, new: Any) -> Direction | None:
    if not isinstance(old, (int, float)) or not isinstance(new, (int, float)):
        return None
    if isinstance(old, bool) or isinstance(new, bool):
        return None
    if field in HIGHER_IS_BETTER:
        return "improved" if new > old else "worsened"
    if field in HIGHER_IS_MORE:
        return "raised" if new > old else "lowered"
    return None


_SKIP = {"id", "ignore"}


def compare_fields(
    old: BaseModel,
    new: BaseModel,
    emit: Callable[..., None],
    skip: Set[str] = frozenset(),
) -> None:
    """Scalar and simple-list fields; nested elements are compared by their own functions."""
    for name in type(old).model_fields:
        if name in _SKIP or name in skip:
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if isinstance(a, BaseModel) or isinstance(b, BaseModel):
            if a is None or b is None:
                emit("changed", field=name, old=plain(a), new=plain(b))
                continue
            for sub in type(a).model_fields:
                x, y = getattr(a, sub), getattr(b, sub)
                if x != y:
                    emit(
                        "changed",
                        field=f"{name}.{sub}",
                        old=plain(x),
                        new=plain(y),
                        direction=direction(sub, x, y),
                    )
        elif isinstance(a, dict) or isinstance(b, dict):
            per_persona(name, a, b, emit)
        elif _plain_list(a) and _plain_list(b):
            list_change(name, a or [], b or [], emit)
        else:
            emit(
                "changed",
                field=name,
                old=plain(a),
                new=plain(b),
                direction=direction(name, a, b),
            )


def list_change(
    name: str,
    a: Sequence[Any],
    b: Sequence[Any],
    emit: Callable[..., None],
    *,
    ordered: bool = True,
) -> None:
    """A list of plain values (ids, words): one change per list, never one per item.

    One item added or removed is `item-added` / `item-removed`; anything more (an item
    replaced by another, several added, the same items in another order) is one
    `changed` with both lists, which reads as `personas cfo -> new-cfo` or
    `personas +a +b -c`. Without `ordered`, a new order alone is no change.
    """
    added = [item for item in b if item not in a]
    removed = [item for item in a if item not in b]
    if list(a) == list(b) or (not ordered and not added and not removed):
        return
    if len(added) + len(removed) == 1:
        if added:
            emit("item-added", field=name, new=plain(added[0]))
        else:
            emit("item-removed", field=name, old=plain(removed[0]))
        return
    emit("changed", field=name, old=plain(list(a)), new=plain(list(b)))


def metric_direction(old: float, new: float, better: str) -> Direction:
    """A metric moves `improved` or `worsened` by its `better` (`higher` or `lower`)."""
    return "improved" if (new > old) == (better == "higher") else "worsened"


def history_change(a: Sequence[Any], b: Sequence[Any], emit: Emit, better: str) -> None:
    """A metric's readings, by date: a reading appended is one `item-added` (its date and
    value), one dropped an `item-removed`, and a new value for a date already there a
    `changed` of `history[DATE]`. The whole history is never printed twice."""
    old = [(p.date, p.value) for p in a]
    new = [(p.date, p.value) for p in b]
    added, removed = _minus(new, old), _minus(old, new)
    if not added and not removed:
        if old != new:  # the same readings in another order
            emit("changed", field="history", old=plain(list(a)), new=plain(list(b)))
        return
    for point in list(added):
        same_day = next((r for r in removed if point[0] is not None and r[0] == point[0]), None)
        if same_day is None:
            continue
        added.remove(point)
        removed.remove(same_day)
        emit(
            "changed",
            field=f"history[{point[0].isoformat()}]",
            old=same_day[1],
            new=point[1],
            direction=metric_direction(same_day[1], point[1], better),
        )
    for point in added:
        emit("item-added", field="history", new=_reading(point))
    for point in removed:
        emit("item-removed", field="history", old=_reading(point))


def _minus(a: list[Any], b: list[Any]) -> list[Any]:
    """The items of `a` that `b` does not hold (as many times as `a` has more), in order."""
    left = list(b)
    out = []
    for item in a:
        if item in left:
            left.remove(item)
        else:
            out.append(item)
    return out


def _reading(point: tuple[Any, float]) -> dict[str, Any]:
    day, value = point
    return {"date": day.isoformat() if day is not None else None, "value": value}


def per_persona(name: str, a: Any, b: Any, emit: Callable[..., None]) -> None:
    """Per-persona scores compare persona by persona; a switch from one score is one change."""
    if isinstance(a, dict) and isinstance(b, dict):
        for persona in sorted(a.keys() | b.keys()):
            x, y = a.get(persona), b.get(persona)
            if x != y:
                emit(
                    "changed",
                    field=f"{name}[{persona}]",
                    old=x,
                    new=y,
                    direction=direction(name, x, y) if x is not None and y is not None else None,
                )
    else:
        emit("changed", field=name, old=plain(a), new=plain(b))


def plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_defaults=True, by_alias=True, mode="json")
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# The lists of elements matched by id, and the words for one element and for the list.
NOUNS: dict[str, tuple[str, str]] = {
    "phases": ("phase", "phases"),
    "evidence": ("evidence", "evidence"),
    "stages": ("stage", "stages"),
    "metrics": ("metric", "metrics"),
    "pain_points": ("pain point", "pain points"),
    "opportunities": ("opportunity", "opportunities"),
}
Emit = Callable[..., None]
# Where a change is reported: (subject such as "metric nps" or "metrics", element id) -> emit.
Scope = Callable[[str, str | None], Emit]


def by_id(
    old: Any,
    new: Any,
    field: str,
    scope: Scope,
    compare: Callable[[Any, Any, Emit], None] = lambda a, b, emit: compare_fields(a, b, emit),
    *,
    label: Callable[[Any], Any] = lambda x: getattr(x, "name", None),
    reorder: bool = True,
) -> None:
    """The elements of `field` (a list) matched by id: added, removed, renamed, reordered,
    changed. The subject of each change is worded from NOUNS, so it reads the same
    wherever the list appears."""
    noun, plural = NOUNS[field]
    before: Sequence[Any] = getattr(old, field)
    after: Sequence[Any] = getattr(new, field)

    def emit_for(ident: str) -> Emit:
        return scope(f"{noun} {ident}" if ident else plural, ident or None)

    a = {x.id: x for x in before}
    b = {x.id: x for x in after}
    for ident in [x.id for x in before if x.id not in b]:
        emit_for(ident)("removed", old=label(a[ident]))
    for ident in [x.id for x in after if x.id not in a]:
        emit_for(ident)("added", new=label(b[ident]))
    for ident in [x.id for x in after if x.id in a]:
        x, y = a[ident], b[ident]
        emit = emit_for(ident)
        if getattr(x, "name", None) != getattr(y, "name", None):
            emit("renamed", old=x.name, new=y.name)
        compare(x, y, emit)
    if reorder:
        common_old = [x.id for x in before if x.id in b]
        common_new = [x.id for x in after if x.id in a]
        if common_old != common_new:
            emit_for("")("reordered", old=common_old, new=common_new)


def _plain_list(value: Any) -> bool:
    """A list of plain values (or nothing): its changes are items added and removed."""
    return value is None or (
        isinstance(value, list) and not any(isinstance(v, (BaseModel, dict, list)) for v in value)
    )
