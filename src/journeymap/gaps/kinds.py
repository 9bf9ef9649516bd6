"""One finder per kind of gap: each reads a journey and adds its gaps to the report."""

from __future__ import annotations

import itertools

from journeymap.gaps.results import Gap, Report
from journeymap.gaps.scoring import MIDPOINT, quadrant, round_score, shortfall, weight
from journeymap.model import Journey, Metric, Stage, Touchpoint


def find_ipa(journey: Journey, report: Report) -> None:
    for _, stage, _, tp in journey.touchpoints():
        if tp.importance is None or tp.performance is None:
            continue
        gap = tp.importance - tp.performance
        q = quadrant(tp.importance, tp.performance)
        report.ipa.append(
            {
                "journey": journey.id,
                "stage": stage.id,
                "touchpoint": tp.id,
                "name": tp.name,
                "importance": tp.importance,
                "performance": tp.performance,
                "gap": gap,
                "quadrant": q,
                "moment_of_truth": tp.moment_of_truth,
            }
        )
        if gap > 0:
            score = gap * tp.importance / 5 * weight(tp)
            mot = ", a moment of truth" if tp.moment_of_truth else ""
            report.gaps.append(
                Gap(
                    "ipa",
                    journey.id,
                    stage.id,
                    tp.id,
                    round_score(score),
                    f"{tp.name}: importance {tp.importance}, performance {tp.performance} ({q}{mot})",
                )
            )


def emotion_pairs(tp: Touchpoint) -> list[tuple[str | None, int, int]]:
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


def find_emotions(journey: Journey, report: Report) -> None:
    for _, stage, _, tp in journey.touchpoints():
        for persona, felt, target in emotion_pairs(tp):
            gap = target - felt
            report.emotions.append(
                {
                    "journey": journey.id,
                    "stage": stage.id,
                    "touchpoint": tp.id,
                    "name": tp.name,
                    "persona": persona,
                    "felt": felt,
                    "target": target,
                    "gap": gap,
                }
            )
            if gap > 0:
                who = f" for {persona}" if persona else ""
                report.gaps.append(
                    Gap(
                        "emotion",
                        journey.id,
                        stage.id,
                        tp.id,
                        round_score(gap * weight(tp)),
                        f"{tp.name}: felt {felt}, target {target}{who}",
                    )
                )


def find_metrics(journey: Journey, report: Report) -> None:
    entries: list[tuple[Stage, Touchpoint | None, Metric]] = []
    for stage in journey.stages:
        entries.extend((stage, None, m) for m in stage.metrics)
        for owner in stage.touchpoints:
            entries.extend((stage, owner, m) for m in owner.metrics)
    for stage, tp, metric in entries:
        miss = shortfall(metric)
        status = "unknown" if miss is None else ("met" if miss == 0 else "gap")
        report.metrics.append(
            {
                "journey": journey.id,
                "stage": stage.id,
                "touchpoint": tp.id if tp else None,
                "metric": metric.id,
                "name": metric.name,
                "kind": metric.kind,
                "unit": metric.unit,
                "value": metric.value,
                "target": metric.target,
                "better": metric.better,
                "shortfall": round_score(miss) if miss is not None else None,
                "status": status,
            }
        )
        if miss:
            unit = f" {metric.unit}" if metric.unit else ""
            report.gaps.append(
                Gap(
                    "metric",
                    journey.id,
                    stage.id,
                    tp.id if tp else None,
                    round_score(5 * min(miss, 1.0) * weight(tp)),
                    f"{metric.name}: {metric.value:g}{unit} against a target of {metric.target:g}{unit} "
                    f"({metric.better} is better, {round(miss * 100)}% short)",
                )
            )


def find_funnel(journey: Journey, report: Report) -> None:
    for _, stage, _, tp in journey.touchpoints():
        if tp.funnel is None:
            continue
        entered, continued = tp.funnel.entered, tp.funnel.continued
        lost = entered - continued
        share = lost / entered if entered else 0.0
        report.funnel.append(
            {
                "journey": journey.id,
                "stage": stage.id,
                "touchpoint": tp.id,
                "name": tp.name,
                "entered": entered,
                "continued": continued,
                "lost": lost,
                "lost_share": round_score(share),
            }
        )
        if lost > 0:
            importance = tp.importance if tp.importance is not None else MIDPOINT
            report.gaps.append(
                Gap(
                    "funnel",
                    journey.id,
                    stage.id,
                    tp.id,
                    round_score(5 * share * importance / 5 * weight(tp)),
                    f"{tp.name}: {lost:,} of {entered:,} lost ({round(share * 100)}%)",
                )
            )


def find_handoffs(journey: Journey, report: Report) -> None:
    ordered = journey.touchpoints()
    for (_, s1, _, a), (_, s2, _, b) in itertools.pairwise(ordered):
        if a.department and b.department and a.department != b.department:
            report.handoffs.append(
                {
                    "journey": journey.id,
                    "from_stage": s1.id,
                    "to_stage": s2.id,
                    "from_touchpoint": a.id,
                    "to_touchpoint": b.id,
                    "from_department": a.department,
                    "to_department": b.department,
                }
            )
            report.gaps.append(
                Gap(
                    "handoff",
                    journey.id,
                    s2.id,
                    b.id,
                    round_score(1.0 * weight(a, b)),
                    f"{a.name} ({a.department}) hands over to {b.name} ({b.department})",
                )
            )
