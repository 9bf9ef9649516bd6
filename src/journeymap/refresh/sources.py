"""The `data:` list of journeymap.yaml: where each number of a journey comes from.

An entry either computes one metric (`metric: JOURNEY#METRIC` with `column`) or a
journey's funnel (`compute: funnel` with `journey`, `account_column` and
`touchpoint_column`). The pydantic model accepts the union of both shapes so that the
config schema stays simple; `entry_problems` then checks each entry has the keys its
computation needs, with the position of the key (or entry) at fault.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from journeymap.core.diagnostics import Diagnostic
from journeymap.disk.paths import inside_project
from journeymap.yaml.source import Source

MetricCompute = Literal["nps", "csat", "ces", "mean", "median", "sum", "count"]
Compute = Literal["nps", "csat", "ces", "mean", "median", "sum", "count", "funnel"]
METRIC_REF = re.compile(r"^([a-z0-9][a-z0-9_-]*)#([a-z0-9][a-z0-9_-]*)$")


class DataEntry(BaseModel):
    """One `data:` entry as written in journeymap.yaml."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)
    source: Annotated[str, AfterValidator(inside_project)] = Field(
        description="A CSV file, relative to journeymap.yaml and inside its folder."
    )
    compute: Compute = Field(
        description="nps, csat, ces, mean, median, sum, count (one metric) or funnel."
    )
    metric: str | None = Field(
        default=None, description="JOURNEY_ID#METRIC_ID: the metric this entry updates."
    )
    column: str | None = Field(
        default=None, description="The column holding the numbers (optional for count)."
    )
    date_column: str | None = Field(
        default=None,
        description="A column of ISO dates: the metric's as_of becomes the latest date "
        "among the rows used.",
    )
    where: dict[str, str | int] = Field(
        default_factory=dict,
        description="Only rows whose columns equal these values (compared as text).",
    )
    journey: str | None = Field(default=None, description="funnel: the journey's id.")
    account_column: str | None = Field(
        default=None, description="funnel: the column naming the account."
    )
    touchpoint_column: str | None = Field(
        default=None, description="funnel: the column naming the touchpoint id reached."
    )


@dataclass(frozen=True)
class MetricSource:
    """An entry that computes one metric's value (and as_of)."""

    index: int  # position in the `data:` list, for diagnostics
    source: str
    compute: MetricCompute
    journey: str
    metric: str
    column: str | None
    date_column: str | None = None
    where: dict[str, str] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.journey}#{self.metric}"


@dataclass(frozen=True)
class FunnelSource:
    """An entry that computes a journey's funnel from account-level rows."""

    index: int
    source: str
    journey: str
    account_column: str
    touchpoint_column: str
    where: dict[str, str] = field(default_factory=dict)


DataSource = MetricSource | FunnelSource

_METRIC_KEYS = ("metric", "column", "date_column")
_FUNNEL_KEYS = ("journey", "account_column", "touchpoint_column")


def entry_problems(entries: Sequence[DataEntry], source: Source) -> list[Diagnostic]:
    """Keys an entry needs but lacks, or has but cannot use; a malformed metric reference."""
    out: list[Diagnostic] = []
    for i, entry in enumerate(entries):
        loc = ("data", i)
        if entry.compute == "funnel":
            needed = list(_FUNNEL_KEYS)
            unused = [k for k in _METRIC_KEYS if getattr(entry, k) is not None]
            why = "a funnel counts accounts per touchpoint"
        else:
            needed = ["metric"] + ([] if entry.compute == "count" else ["column"])
            unused = [k for k in _FUNNEL_KEYS if getattr(entry, k) is not None]
            why = f"`{entry.compute}` computes one metric"
        for key in needed:
            if getattr(entry, key) is None:
                out.append(
                    source.diagnostic(
                        loc,
                        "missing-field",
                        f"this `compute: {entry.compute}` entry needs `{key}`",
                        hint=_needs_hint(entry.compute),
                    )
                )
        for key in unused:
            extra = " (funnels have no as_of)" if key == "date_column" else ""
            out.append(
                source.diagnostic(
                    (*loc, key),
                    "unknown-field",
                    f"`{key}` has no effect here{extra}: {why}",
                    hint=_needs_hint(entry.compute),
                    on_key=True,
                )
            )
        if entry.metric is not None and not METRIC_REF.match(entry.metric):
            out.append(
                source.diagnostic(
                    (*loc, "metric"),
                    "invalid-reference",
                    f"metric {entry.metric!r} is not JOURNEY_ID#METRIC_ID",
                    hint="write the journey's id, `#`, and the metric's id: `acme-b2b#nps`",
                )
            )
    return out


def _needs_hint(compute: str) -> str:
    if compute == "funnel":
        return "a funnel entry has `source`, `journey`, `account_column` and `touchpoint_column`"
    if compute == "count":
        return "a count entry has `source` and `metric` (and `column` to count its numbers only)"
    return f"a {compute} entry has `source`, `metric` and `column`"


def typed_sources(entries: Sequence[DataEntry]) -> list[DataSource]:
    """The entries as typed values; call only on entries without `entry_problems`."""
    out: list[DataSource] = []
    for i, e in enumerate(entries):
        where = {str(k): str(v) for k, v in e.where.items()}
        if e.compute == "funnel":
            assert e.journey and e.account_column and e.touchpoint_column
            out.append(
                FunnelSource(i, e.source, e.journey, e.account_column, e.touchpoint_column, where)
            )
        else:
            assert e.metric is not None
            match = METRIC_REF.match(e.metric)
            assert match is not None
            out.append(
                MetricSource(
                    i,
                    e.source,
                    e.compute,
                    match.group(1),
                    match.group(2),
                    e.column,
                    e.date_column,
                    where,
                )
            )
    return out
