"""One finder per kind of gap: each reads a journey and returns its rows and its gaps.

The formulas are in `journeymap.gaps.scoring` and docs/gaps.md; here they are applied.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from journeymap.core.wording import with_unit
from journeymap.gaps.evidence import refs
from journeymap.gaps.results import (
    EmotionRow,
    EvidenceRef,
    FunnelRow,
    Gap,
    HandoffRow,
    IpaRow,
    MetricRow,
    Transition,
    make_gap,
)
from journeymap.gaps.scoring import (
    MIDPOINT,
    Crosshair,
    metric_status,
    mot_factor,
    quadrant,
    round_score,
    shortfall,
)
from journeymap.model import Journey, Metric, Stage, Touchpoint
from journeymap.model.committee import committee_at
from journeymap.model.who import touchpoint_personas


def ipa_scores(journey: Journey) -> list[tuple[int, int]]:
    """(importance, performance) of every touchpoint scored on both."""
    return [
        (tp.importance, tp.performance)
        for *_, tp in journey.touchpoints()
        if tp.importance is not None and tp.performance is not None
    ]


def find_ipa(journey: Journey, centre: Crosshair) -> tuple[list[IpaRow], list[Gap]]:
    rows: list[IpaRow] = []
    gaps: list[Gap] = []
    for _, stage, _, tp in journey.touchpoints():
        if tp.importance is None or tp.performance is None:
            continue
        gap = tp.importance - tp.performance
        q = quadrant(tp.importance, tp.performance, centre)
        rows.append(
            IpaRow(
                journey.id,
                stage.id,
                tp.id,
                tp.name,
                tp.importance,
                tp.performance,
                gap,
                q,
                tp.moment_of_truth,
            )
        )
        if gap > 0:
            mot = ", a moment of truth" if tp.moment_of_truth else ""
            gaps.append(
                make_gap(
                    "ipa",
                    journey.id,
                    stage.id,
                    tp.id,
                    size=gap,
                    weight=tp.importance / 5,
                    factor=mot_factor(tp),
                    summary=f"{tp.name}: importance {tp.importance}, "
                    f"performance {tp.performance} ({q}{mot})",
                )
            )
    return rows, gaps


def emotion_pairs(tp: Touchpoint) -> list[tuple[str | None, int, int]]:
    """(persona or None, felt, target) wherever both are known."""
    felt, target = tp.emotion, tp.target_emotion
    if felt is None or target is None:
        return []
    if isinstance(felt, int) and isinstance(target, int):
        return [(None, felt, target)]
    keys = sorted(
        set(felt if isinstance(felt, dict) else {})
        | set(target if isinstance(target, dict) else {})
    )
    pairs: list[tuple[str | None, int, int]] = []
    for persona in keys:
        f = felt.get(persona) if isinstance(felt, dict) else felt
        t = target.get(persona) if isinstance(target, dict) else target
        if f is not None and t is not None:
            pairs.append((persona, f, t))
    return pairs


def find_emotions(journey: Journey) -> tuple[list[EmotionRow], list[Gap]]:
    rows: list[EmotionRow] = []
    gaps: list[Gap] = []
    for _, stage, _, tp in journey.touchpoints():
        for persona, felt, target in emotion_pairs(tp):
            gap = target - felt
            rows.append(
                EmotionRow(journey.id, stage.id, tp.id, tp.name, persona, felt, target, gap)
            )
            if gap > 0:
                who = f" for {persona}" if persona else ""
                gaps.append(
                    make_gap(
                        "emotion",
                        journey.id,
                        stage.id,
                        tp.id,
                        size=gap,
                        weight=1.0,
                        factor=mot_factor(tp),
                        summary=f"{tp.name}: felt {felt}, target {target}{who}",
                    )
                )
    return rows, gaps


def find_metrics(
    journey: Journey, evidence: dict[str, EvidenceRef]
) -> tuple[list[MetricRow], list[Gap]]:
    entries: list[tuple[Stage, Touchpoint | None, Metric]] = []
    for stage in journey.stages:
        entries.extend((stage, None, m) for m in stage.metrics)
        for owner in stage.touchpoints:
            entries.extend((stage, owner, m) for m in owner.metrics)
    rows: list[MetricRow] = []
    gaps: list[Gap] = []
    for stage, tp, metric in entries:
        miss = shortfall(metric)
        rows.append(
            MetricRow(
                journey.id,
                stage.id,
                tp.id if tp else None,
                metric.id,
                metric.name,
                metric.kind,
                metric.unit,
                metric.value,
                metric.target,
                metric.better,
                round_score(miss) if miss is not None else None,
                metric_status(metric),
                metric.as_of,
                refs(metric.evidence, evidence),
            )
        )
        if miss and metric.value is not None and metric.target is not None:
            gaps.append(
                make_gap(
                    "metric",
                    journey.id,
                    stage.id,
                    tp.id if tp else None,
                    size=5 * min(miss, 1.0),
                    weight=1.0,
                    factor=mot_factor(tp),
                    summary=f"{metric.name}: {with_unit(metric.value, metric.unit)} against a "
                    f"target of {with_unit(metric.target, metric.unit)} ({metric.better} is better, "
                    f"{round(miss * 100)}% short)",
                )
            )
    return rows, gaps


def find_funnel(journey: Journey) -> tuple[list[FunnelRow], list[Gap]]:
    rows: list[FunnelRow] = []
    gaps: list[Gap] = []
    for _, stage, _, tp in journey.touchpoints():
        if tp.funnel is None:
            continue
        entered, continued = tp.funnel.entered, tp.funnel.continued
        lost = entered - continued
        share = lost / entered if entered else 0.0
        rows.append(
            FunnelRow(
                journey.id, stage.id, tp.id, tp.name, entered, continued, lost, round_score(share)
            )
        )
        if lost > 0:
            importance = tp.importance if tp.importance is not None else MIDPOINT
            gaps.append(
                make_gap(
                    "funnel",
                    journey.id,
                    stage.id,
                    tp.id,
                    size=5 * share,
                    weight=importance / 5,
                    factor=mot_factor(tp),
                    summary=f"{tp.name}: {lost:,} of {entered:,} lost ({round(share * 100)}%)",
                )
            )
    return rows, gaps


def find_handoffs(
    journey: Journey, persona_ids: Sequence[str]
) -> tuple[list[HandoffRow], list[Gap]]:
    """Department changes between consecutive touchpoints on one persona's path.

    A persona's path is the touchpoints that persona meets (its own `personas`, else the
    stage's, else everyone's), in journey order. Each (from department, to department,
    stage of the receiving touchpoint) is reported once, with every persona it affects.
    """
    ordered = journey.touchpoints()
    position = {tp.id: n for n, (*_, tp) in enumerate(ordered)}
    stage_of = {tp.id: stage for _, stage, _, tp in ordered}
    by_id = {tp.id: tp for *_, tp in ordered}
    paths: dict[str | None, list[Touchpoint]] = {}
    walkers: list[str | None] = [*persona_ids] if persona_ids else [None]
    index = {stage.id: i for i, stage in enumerate(journey.stages)}
    present = {
        stage.id: committee_at(journey, index[stage.id], list(persona_ids))
        for stage in journey.stages
    }
    for who in walkers:
        paths[who] = [
            tp
            for _, stage, _, tp in ordered
            if who is None or who in touchpoint_personas(tp, stage, present[stage.id])
        ]
    found: dict[tuple[str, str, str], tuple[list[str], list[Transition]]] = {}
    first: dict[tuple[str, str, str], tuple[int, int]] = {}
    for who, path in paths.items():
        for a, b in itertools.pairwise(path):
            if not (a.department and b.department and a.department != b.department):
                continue
            key = (a.department, b.department, stage_of[b.id].id)
            personas, transitions = found.setdefault(key, ([], []))
            if who is not None and who not in personas:
                personas.append(who)
            step = Transition(a.id, b.id)
            if step not in transitions:
                transitions.append(step)
            at = (position[b.id], position[a.id])
            first[key] = min(first.get(key, at), at)
    rows: list[HandoffRow] = []
    gaps: list[Gap] = []
    for key in sorted(found, key=lambda k: (first[k], k)):
        from_dept, to_dept, stage_id = key
        personas, transitions = found[key]
        transitions.sort(key=lambda t: (position[t.to_touchpoint], position[t.from_touchpoint]))
        ordered_personas = tuple(p for p in persona_ids if p in personas)
        rows.append(
            HandoffRow(
                journey.id, stage_id, from_dept, to_dept, ordered_personas, tuple(transitions)
            )
        )
        involved = [by_id[t.from_touchpoint] for t in transitions] + [
            by_id[t.to_touchpoint] for t in transitions
        ]
        steps = ", ".join(
            f"{by_id[t.from_touchpoint].name} → {by_id[t.to_touchpoint].name}" for t in transitions
        )
        who = f" for {', '.join(ordered_personas)}" if ordered_personas else ""
        gaps.append(
            make_gap(
                "handoff",
                journey.id,
                stage_id,
                transitions[0].to_touchpoint,
                size=1.0,
                weight=1.0,
                factor=mot_factor(*involved),
                summary=f"{from_dept} hands over to {to_dept}{who} ({steps})",
            )
        )
    return rows, gaps
