"""New numbers + what the journey files say now -> the changes a refresh makes.

A change is only planned when something would differ, which is what makes a second
refresh a no-op. Each change carries the edit that writes it (`Edit`), so what is
printed and what is written cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from journeymap.model import Evidence
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
class Cited:
    """The CSV a refreshed value came from, as the journey's evidence will cite it."""

    source: str  # as journeymap.yaml writes it; the evidence entry's `url`
    kind: str  # the evidence kind for a new entry
    date: date | None  # the day the refreshed value is true for
    cited: tuple[str, ...]  # the metric's `evidence` now
    evidence: tuple[Evidence, ...]  # the journey's evidence now


@dataclass(frozen=True)
class MetricChange:
    path: str
    ref: str  # JOURNEY#METRIC
    old_value: Number | None
    new_value: Number
    old_as_of: date | None
    new_as_of: date | None
    edit: Edit
    cites: Cited | None = None  # the metric's evidence becomes this source's entry
    # readings of the history given a new value (index, reading): one reading per date
    replaced: tuple[tuple[int, dict[str, Any]], ...] = ()

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
    as_of) unless its last point already is that value, then the new value; one reading
    per date: a reading for a date the history has replaces that one. The metric's
    evidence then names the CSV (`file_edits`).
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
    replaced: dict[int, dict[str, Any]] = {}
    if value_changed:
        values["value"] = new_value
        days = [p.date for p in metric.history]
        points: list[dict[str, Any]] = []
        if old_value is not None:
            last = metric.history[-1] if metric.history else None
            if last is None or last.value != old_value or last.date != metric.as_of:
                _reading(days, points, replaced, _point(metric.as_of, old_value))
        _reading(days, points, replaced, _point(new_as_of, new_value))
        if points:
            appended["history"] = points
    kind = "survey" if target.entry.compute in ("nps", "csat", "ces") else "other"
    cites = Cited(target.entry.source, kind, new_as_of, tuple(metric.evidence), target.evidence)
    return MetricChange(
        target.path,
        target.entry.ref,
        old_value,
        new_value,
        metric.as_of,
        new_as_of,
        Edit(target.loc, values, appended),
        cites,
        tuple(sorted(replaced.items())),
    )


def _reading(
    days: list[date | None],
    points: list[dict[str, Any]],
    replaced: dict[int, dict[str, Any]],
    point: dict[str, Any],
) -> None:
    """A reading for a history whose readings have these `days`: one per date, so it
    replaces the reading of its date (in the history, by index, or among the `points`
    about to be appended); else it is appended."""
    day = point.get("date")
    if day is not None and day in days:
        replaced[len(days) - 1 - days[::-1].index(day)] = point
        return
    same = [i for i, p in enumerate(points) if day is not None and p.get("date") == day]
    if same:
        points[same[-1]] = point
    else:
        points.append(point)


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


def file_edits(changes: Sequence[Change]) -> list[Edit]:
    """Every edit a refresh makes in one journey file: each change's own, then the
    evidence. A refreshed metric cites the CSV its value came from (its `evidence`
    becomes that entry's id, alone); the entry is the journey's evidence whose `url` is
    the source, its `date` moved to the newest refreshed day, or a new entry (id from
    the file's name) added once, however many metrics the CSV gives. A reading that
    replaces one of the same date is edited in place (its comments stay)."""
    edits = [c.edit for c in changes]
    for change in changes:
        if isinstance(change, MetricChange):
            loc = change.edit.loc
            edits.extend(Edit((*loc, "history", i), point) for i, point in change.replaced)
    cited = [c for c in changes if isinstance(c, MetricChange) and c.cites is not None]
    if not cited:
        return edits
    evidence = cited[0].cites.evidence if cited[0].cites is not None else ()
    ids: dict[str, str] = {e.url: e.id for e in evidence if e.url is not None}
    taken = {e.id for e in evidence}
    days: dict[str, date | None] = {}
    new: dict[str, Cited] = {}
    for change in cited:
        assert change.cites is not None
        source = change.cites.source
        if source not in ids:
            ids[source] = _free_id(source, taken)
            taken.add(ids[source])
            new[source] = change.cites
        days[source] = max(
            (d for d in (days.get(source), change.cites.date) if d is not None), default=None
        )
        if change.cites.cited != (ids[source],):
            edits.append(Edit(change.edit.loc, {"evidence": [ids[source]]}))
    for index, entry in enumerate(evidence):
        day = days.get(entry.url or "")
        if entry.url in days and day is not None and (entry.date is None or day > entry.date):
            edits.append(Edit(("evidence", index), {"date": day}))
    for source, cites in new.items():
        item = {
            "id": ids[source],
            "kind": cites.kind,
            "title": f"CSV export {PurePosixPath(source).name}",
            "date": days[source],
            "url": source,
        }
        edits.append(Edit((), appended={"evidence": [{k: v for k, v in item.items() if v}]}))
    return edits


def _free_id(source: str, taken: set[str]) -> str:
    """An evidence id from a CSV's file name (`data/nps-november.csv` -> `nps-november`)
    that the journey does not use yet."""
    stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(source).stem.lower()).strip("-")
    stem = (stem or "data")[:60]
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate
