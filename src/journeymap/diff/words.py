"""The sentence of one change: `touchpoint demo: performance 2 -> 4 (improved)`.

Under a stage's heading (text and Markdown output), a subject inside that stage is
written without the stage: `metric nps: ...` under `stage onboarding`, not
`stage onboarding metric nps: ...`. The JSON's `text` is the whole sentence.
"""

from __future__ import annotations

from typing import Any

COMMITTEE = "buying committee"  # the subject of a committee change


def sentence(
    action: str,
    subject: str,
    field: str | None,
    old: Any,
    new: Any,
    direction: str | None,
    within: str | None = None,
) -> str:
    """The change in words; `within`: the id of the stage whose heading it is printed under."""
    if subject == COMMITTEE:  # one sentence, made by `diff.committee`
        return f"{old} (removed)" if action == "removed" else str(new)
    if within is not None and subject.startswith(f"stage {within} "):
        subject = subject.removeprefix(f"stage {within} ")
    if action == "added":
        return f"{subject} added" + (f" ({show(new)})" if new else "")
    if action == "removed":
        return f"{subject} removed" + (f" ({show(old)})" if old else "")
    if action == "renamed":
        return f"{subject} renamed: {show(old)} -> {show(new)}"
    if action == "moved":
        return f"{subject} moved from {old} to {new}"
    if action == "item-added":
        return f"{subject}: {_item(new)} added to {field}"
    if action == "item-removed":
        return f"{subject}: {_item(old)} removed from {field}"
    if action == "reordered":
        return f"{subject} reordered: {show(old)} -> {show(new)}"
    if isinstance(old, list) and isinstance(new, list):
        return f"{subject}: {field} {_list_delta(old, new)}"
    text = f"{subject}: {field} {show(old)} -> {show(new)}"
    return text + (f" ({direction})" if direction else "")


def _item(value: Any) -> str:
    """An item of a list; a metric's reading (`{date, value}`) as `2026-11-30 reading 86`."""
    if isinstance(value, dict) and set(value) == {"date", "value"}:
        reading = f"reading {show(value['value'])}"
        return f"{value['date']} {reading}" if value["date"] else reading
    return show(value)


def _list_delta(old: list[Any], new: list[Any]) -> str:
    """What changed in a list: `cfo -> new-cfo` for one item replaced by another,
    `+a +b -c` for more; the lists themselves when only the order changed."""
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    if not added and not removed:
        return f"{show(old)} -> {show(new)}"
    if len(added) == 1 and len(removed) == 1:
        return f"{_item(removed[0])} -> {_item(added[0])}"
    return " ".join([f"+{_item(x)}" for x in added] + [f"-{_item(x)}" for x in removed])


def show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return repr(value) if (" " in value or not value) else value
    return str(value)
