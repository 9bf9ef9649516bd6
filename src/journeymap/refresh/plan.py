"""New numbers + what the journey files say now -> the changes a refresh makes.

A change is only planned when something would differ, which is what makes a second
refresh a no-op. Each change carries the edit that writes it (`Edit`), so what is
printed and what is written cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from journeymap.refresh.compute import FunnelStep, MetricResult
from journeymap.refresh.resolve import FunnelTarget, MetricTarget

Number = int | float


@dataclass(frozen=True)
class Edit:
    """Values to set in one mapping of a journey file (nested mappings are merged), and
    items to append to lists in it (created when missing)."""

    loc: tuple[str | int, ...]
    values: dict[str, Any] = field(default_factory=dict)
    appended: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricChange:
    path: str
    ref: str  # JOURNEY#METRIC
    old_value: Number | None
    new_value: Number
    old_as_of: date | None
    new_as_of: date | None
    edit: Edit

    @property
    def value_changed(self) -> bool:
        return self.old_value is None or self.old_value != self.new_value


@dataclass(frozen=True)
class FunnelChange:
    path: str
    ref: str  # JOURNEY#TOUCHPOINT
    old: tuple[int, int] | None  # entered, continued
    new: tuple[int, int]
    edit: Edit


Change = MetricChange | FunnelChange


def as_number(value: Decimal) -> Number:
    """An int when the value is whole (so YAML shows `42`, not `42.0`), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _point(day: date | None, value: Number) -> dict[str, Any]:
    return {"date": day, "value": value} if day is not None else {"value": value}


def plan_metric(target: MetricTarget, result: MetricResult, today: date) -> MetricChange | None:
    """The change to one metric: value, as_of and history; None when it is up to date.

    as_of is the latest date of the rows used (with a date column); without one, today
    when the value changes. The history gets the value being replaced (with its old
    as_of) unless its last point already is that value, then the new value.
    """
    metric = target.metric
    new_value = as_number(result.value)
    old_value: Number | None = None
    if metric.value is not None:
        old_value = as_number(Decimal(repr(metric.value)))
    value_changed = old_value is None or Decimal(repr(old_value)) != result.value
    if target.entry.date_column and result.as_of is not None:
        new_as_of: date | None = result.as_of
    else:
        new_as_of = today if value_changed else metric.as_of
    if not value_changed and new_as_of == metric.as_of:
        return None
    values: dict[str, Any] = {"as_of": new_as_of}
    appended: dict[str, list[dict[str, Any]]] = {}
    if value_changed:
        values["value"] = new_value
        points: list[dict[str, Any]] = []
        if old_value is not None:
            last = metric.history[-1] if metric.history else None
            if last is None or last.value != old_value or last.date != metric.as_of:
                points.append(_point(metric.as_of, old_value))
        points.append(_point(new_as_of, new_value))
        appended["history"] = points
    return MetricChange(
        target.path,
        target.entry.ref,
        old_value,
        new_value,
        metric.as_of,
        new_as_of,
        Edit(target.loc, values, appended),
    )


def plan_funnel(target: FunnelTarget, steps: list[FunnelStep]) -> list[FunnelChange]:
    """A change for each touchpoint whose funnel differs from the data (or has none)."""
    changes: list[FunnelChange] = []
    by_id = {tp.id: (loc, tp) for loc, tp in target.touchpoints}
    for step in steps:
        loc, tp = by_id[step.touchpoint]
        old = (tp.funnel.entered, tp.funnel.continued) if tp.funnel is not None else None
        new = (step.entered, step.continued)
        if old == new:
            continue
        edit = Edit(loc, {"funnel": {"entered": step.entered, "continued": step.continued}})
        changes.append(FunnelChange(target.path, f"{target.entry.journey}#{tp.id}", old, new, edit))
    return changes
