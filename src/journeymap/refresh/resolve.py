"""Which metric or touchpoints each `data:` entry updates, found in the loaded journeys.

A reference that does not resolve is a mistake in journeymap.yaml, reported at the
entry's line with the closest id; two entries updating the same number are reported at
the second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.suggest import closest
from journeymap.model import Evidence, Journey, Metric, Touchpoint
from journeymap.refresh.sources import DataSource, FunnelSource, MetricSource
from journeymap.yaml.source import Loc, Source


@dataclass(frozen=True)
class MetricTarget:
    entry: MetricSource
    path: str  # the journey file
    loc: tuple[str | int, ...]  # the metric's mapping in that file
    metric: Metric
    # the journey's evidence: the entry for the CSV is found there by its `url`, or added
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class FunnelTarget:
    entry: FunnelSource
    path: str
    touchpoints: tuple[tuple[tuple[str | int, ...], Touchpoint], ...]  # journey order


Target = MetricTarget | FunnelTarget


def metric_locations(journey: Journey) -> list[tuple[tuple[str | int, ...], Metric]]:
    """Every metric of a journey (stage metrics, then its touchpoints'), with its path."""
    out: list[tuple[tuple[str | int, ...], Metric]] = []
    for si, stage in enumerate(journey.stages):
        out.extend((("stages", si, "metrics", mi), m) for mi, m in enumerate(stage.metrics))
        for ti, tp in enumerate(stage.touchpoints):
            out.extend(
                (("stages", si, "touchpoints", ti, "metrics", mi), m)
                for mi, m in enumerate(tp.metrics)
            )
    return out


def resolve(
    entries: Sequence[DataSource], journeys: dict[str, tuple[str, Journey]], config: Source
) -> tuple[list[Target], list[Diagnostic]]:
    """The target of every entry, or the diagnostics of those that do not resolve."""
    targets: list[Target] = []
    problems: list[Diagnostic] = []
    claimed: dict[str, int] = {}  # what an entry updates -> the line of the entry

    def unknown(loc: Loc, what: str, value: str, options: list[str]) -> None:
        match = closest(value, options)
        listed = ", ".join(options) if len(options) <= 12 else f"{len(options)} to choose from"
        if not options:
            listed = "none (check the `journeys` globs)" if what == "journey" else "none"
        problems.append(
            config.diagnostic(
                loc,
                "unresolved-reference",
                f"no {what} {value!r}",
                hint=f"did you mean {match!r}?" if match else f"the {what}s are: {listed}",
            )
        )

    def claim(key: str, loc: Loc, what: str) -> bool:
        line = config.locate(loc)[0]
        if key in claimed:
            problems.append(
                config.diagnostic(
                    loc,
                    "data-reference",
                    f"{what} is already computed by the entry on line {claimed[key]}",
                    hint="each number comes from one entry; remove one of them",
                )
            )
            return False
        claimed[key] = line
        return True

    for entry in entries:
        loc: Loc = ("data", entry.index)
        key = "metric" if isinstance(entry, MetricSource) else "journey"
        found = journeys.get(entry.journey)
        if found is None:
            unknown((*loc, key), "journey", entry.journey, sorted(journeys))
            continue
        path, journey = found
        if isinstance(entry, MetricSource):
            located = metric_locations(journey)
            match = [(mloc, m) for mloc, m in located if m.id == entry.metric]
            if not match:
                unknown(
                    (*loc, "metric"),
                    "metric",
                    entry.metric,
                    sorted({m.id for _, m in located}),
                )
                continue
            if claim(entry.ref, (*loc, "metric"), f"metric {entry.ref!r}"):
                targets.append(
                    MetricTarget(entry, path, match[0][0], match[0][1], tuple(journey.evidence))
                )
        else:
            if claim(f"{entry.journey}#funnel", (*loc, "journey"), "this journey's funnel"):
                touchpoints = tuple(
                    (("stages", si, "touchpoints", ti), tp)
                    for si, _, ti, tp in journey.touchpoints()
                )
                targets.append(FunnelTarget(entry, path, touchpoints))
    return targets, problems
