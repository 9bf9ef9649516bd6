"""The rest of a journey that fails validation, so one run reports every problem.

A value of the wrong type stops pydantic from building the model, and without a model
no other check runs: the user fixes `importance: 7`, runs again, and only then learns of
the unknown pain point and the metric with no target. Here each value that failed is
left out of a copy of the data (the field that holds it, never a list item, so every
other position stays where it is) and the copy is validated again. The model that
results is checked like any other; findings at or inside a value left out, or on the
element that owned it, are dropped, because they would only repeat the one mistake
(a touchpoint "without importance" whose importance was 7).

Salvage gives up, and the file is reported as before, when the data itself is missing a
required field, or when a list of elements with ids (stages, touchpoints, personas)
would have to go: other elements refer to those ids, and leaving them out would turn
one mistake into many.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymap.core.diagnostics import Loc

MAX_ROUNDS = 4  # each round leaves out what the last one refused; nesting is shallow


@dataclass(frozen=True)
class Salvaged:
    """A model built without the values that failed, and where those values were."""

    model: BaseModel
    skipped: tuple[Loc, ...]  # in the file's own coordinates
    removed_items: tuple[Loc, ...] = ()  # list items taken out: (*list, index), ascending

    def original(self, loc: Loc) -> Loc:
        """Where a place in the salvaged data is in the file."""
        return _original(self.removed_items, loc)


def _original(removed_items: Sequence[Loc], loc: Loc) -> Loc:
    """Items after a removed one of the same list sit one further on in the file."""
    out = list(loc)
    for removed in removed_items:
        at, index = len(removed) - 1, removed[-1]
        if len(out) > at and tuple(out[:at]) == removed[:at]:
            item = out[at]
            if isinstance(item, int) and isinstance(index, int) and item >= index:
                out[at] = item + 1
    return tuple(out)


def salvage(
    data: dict[str, Any], exc: ValidationError, model_cls: type[BaseModel]
) -> Salvaged | None:
    """The model of `data` without its invalid values, or None when that would hide more
    than it shows (see the module docstring)."""
    errors = exc.errors()
    if any(error["type"] == "missing" for error in errors):
        return None  # the user's file lacks a field: nothing to leave out
    pruned = copy.deepcopy(data)
    targets = [_target(pruned, tuple(error["loc"]), items=True) for error in errors]
    if any(target is None for target in targets):
        return None
    found = sorted({t for t in targets if t is not None}, key=_deepest_last_index_first)
    for target in found:
        _remove(pruned, target)
    skipped = [target.where for target in found]
    removed = tuple(sorted((t.where for t in found if t.item), key=_key))
    for _ in range(MAX_ROUNDS):
        try:
            model = model_cls.model_validate(pruned)
        except ValidationError as again:
            for error in again.errors():
                climbed = _target(pruned, _owner_of_missing(error), items=False)
                if climbed is None:
                    return None
                _remove(pruned, climbed)
                skipped.append(_original(removed, climbed.where))
            continue
        return Salvaged(model, tuple(dict.fromkeys(skipped)), removed)
    return None


@dataclass(frozen=True)
class _Target:
    where: Loc  # the field (..., key) or the list item (..., index) to take out
    item: bool


def _key(loc: Loc) -> tuple[str, ...]:
    return tuple(f"{type(p).__name__}:{p:>12}" if isinstance(p, int) else f"str:{p}" for p in loc)


def _deepest_last_index_first(target: _Target) -> tuple[int, tuple[str, ...]]:
    """Remove list items from the end first, so the indexes of the others still hold."""
    index = target.where[-1] if target.item and isinstance(target.where[-1], int) else 0
    return (-index, _key(target.where))


def _owner_of_missing(error: Any) -> Loc:
    """A required field that is gone now that its bad value was left out: leave out the
    element that needs it instead (one level up)."""
    loc = tuple(error["loc"])
    return loc[:-1] if error["type"] == "missing" else loc


def _target(data: dict[str, Any], loc: Loc, *, items: bool) -> _Target | None:
    """What to take out for the value at `loc` (parts of `loc` that are not in the data,
    such as pydantic's union tags, are passed over): a list item when the value is one
    item of a list of plain values (`addresses: [Bad Id]`), else the field holding it;
    None when that field is one that must not go."""
    node: Any = data
    path: list[str | int] = []
    field_at: tuple[str | int, ...] | None = None
    last_was_item = False
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node, last_was_item = node[part], False
            path.append(part)
            field_at = tuple(path)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node, last_was_item = node[part], True
            path.append(part)
    if field_at is None:
        return None
    if items and last_was_item and not isinstance(node, (dict, list)):
        return _Target(tuple(path), True)
    value = _at(data, field_at)
    if len(field_at) == 1 and field_at[0] in ("id", "journeymap", "kind", "title"):
        return None  # the file's identity: without it there is nothing to check
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return None  # a list of elements with ids: see the module docstring
    return _Target(field_at, False)


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _remove(data: dict[str, Any], target: _Target) -> None:
    """Take the target out, unless an earlier removal already took its container."""
    try:
        parent = _at(data, target.where[:-1])
        del parent[target.where[-1]]
    except (KeyError, IndexError, TypeError):
        pass


def hides(skipped: Sequence[Loc], loc: Loc, *, about_presence: bool = False) -> bool:
    """Would a finding at `loc` only repeat a value left out? Yes at or inside it, and on
    the element that owned it; with `about_presence` (a rule that asks whether a field is
    filled in, such as "never reviewed" or "no importance"), also anywhere on that
    element, since the field it misses may be the one left out."""
    for s in skipped:
        if loc[: len(s)] == s or loc == s[:-1]:
            return True
        if about_presence and _element(loc) == _element(s):
            return True
    return False


def _element(loc: Loc) -> Loc:
    """The element a place belongs to: a field's owner, a list item's owner."""
    if loc and isinstance(loc[-1], int):
        loc = loc[:-1]
    return loc[:-1] if loc and isinstance(loc[-1], str) else loc
