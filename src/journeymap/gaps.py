"""Gap analysis: where the experience falls short of what matters, as plain data.

Every gap gets a score on one scale so that kinds can be ranked together. The formulas
(README, "How gaps are scored") are deliberately simple enough to check by hand:

    moment-of-truth weight   w = 1.5 at a moment of truth, else 1
    ipa         (importance - performance) * importance / 5 * w      when importance > performance
    emotion     (target emotion - felt emotion) * w                  per persona where given
    metric      5 * min(relative shortfall, 1) * w                   shortfall = miss / |target|
    funnel      5 * lost share * importance / 5 * w                  importance 3 when not scored
    handoff     1 * w (w = 1.5 when either side is a moment of truth)
    pain-point  severity (3 when not given)                          no opportunity addresses it

Future-state maps describe a plan, not today's experience: their gaps are not ranked;
they feed the current-vs-future comparison instead.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from journeymap.diagnostics import Diagnostic
from journeymap.model import Journey, Metric, Persona, Stage, Touchpoint
from journeymap.rules import CONFIGURABLE
from journeymap.who import personas_of, touchpoint_personas

MIDPOINT = 3
MOT_WEIGHT = 1.5
QUADRANTS = ("concentrate-here", "keep-up", "low-priority", "possible-overkill")


def weight(*touchpoints: Touchpoint | None) -> float:
    return MOT_WEIGHT if any(tp is not None and tp.moment_of_truth for tp in touchpoints) else 1.0


def quadrant(importance: int, performance: int) -> str:
    """IPA quadrant, crosshair at the scale midpoint; a midpoint score leans to attention.

    Importance 3 counts as high and performance 3 as low, so a touchpoint on the line is
    shown where it gets looked at rather than where it gets ignored.
    """
    high_importance = importance >= MIDPOINT
    high_performance = performance > MIDPOINT
    if high_importance and not high_performance:
        return "concentrate-here"
    if high_importance:
        return "keep-up"
    if not high_performance:
        return "low-priority"
    return "possible-overkill"


@dataclass(frozen=True)
class Gap:
    kind: str
    journey: str
    stage: str
    touchpoint: str | None
    score: float
    summary: str


@dataclass
class Report:
    gaps: list[Gap] = field(default_factory=list)
    ipa: list[dict[str, Any]] = field(default_factory=list)
    emotions: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    funnel: list[dict[str, Any]] = field(default_factory=list)
    handoffs: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    future: list[dict[str, Any]] = field(default_factory=list)
    journeys: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self, top: int | None = None) -> dict[str, Any]:
        data = asdict(self)
        if top is not None:
            data["gaps"] = data["gaps"][:top]
        return data


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def analyse(
    journeys: Sequence[Journey],
    library: dict[str, Persona],
    findings: Sequence[Diagnostic] = (),
    paths: dict[str, str] | None = None,
    *,
    today: date,
    review_max_age: int = 180,
    evidence_max_age: int = 365,
) -> Report:
    """The whole report for valid journeys; `findings` are the completeness diagnostics."""
    report = Report()
    by_id = {j.id: j for j in journeys}
    for journey in journeys:
        report.journeys.append({"id": journey.id, "title": journey.title, "state": journey.state})
        if journey.state == "future":
            continue
        _ipa(journey, report)
        _emotions(journey, report)
        _metrics(journey, report)
        _funnel(journey, report)
        _handoffs(journey, report)
        report.coverage.append(
            _coverage(
                journey,
                library,
                findings,
                (paths or {}).get(journey.id),
                today,
                review_max_age,
                evidence_max_age,
                report,
            )
        )
    for journey in journeys:
        if journey.state == "future":
            current = by_id.get(journey.current or "")
            report.future.append(_future(journey, current))
    report.gaps.sort(key=lambda g: (-g.score, g.journey, g.kind, g.stage, g.touchpoint or ""))
    report.funnel.sort(key=lambda f: (-f["lost"], f["journey"], f["touchpoint"]))
    report.ipa.sort(
        key=lambda i: (QUADRANTS.index(i["quadrant"]), -i["gap"], i["journey"], i["touchpoint"])
    )
    report.emotions.sort(
        key=lambda e: (-e["gap"], e["journey"], e["touchpoint"], e["persona"] or "")
    )
    return report


# --- the kinds of gap ----------------------------------------------------------------------


def _ipa(journey: Journey, report: Report) -> None:
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
                    _round(score),
                    f"{tp.name}: importance {tp.importance}, performance {tp.performance} ({q}{mot})",
                )
            )


def _emotion_pairs(tp: Touchpoint) -> list[tuple[str | None, int, int]]:
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


def _emotions(journey: Journey, report: Report) -> None:
    for _, stage, _, tp in journey.touchpoints():
        for persona, felt, target in _emotion_pairs(tp):
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
                        _round(gap * weight(tp)),
                        f"{tp.name}: felt {felt}, target {target}{who}",
                    )
                )


def shortfall(metric: Metric) -> float | None:
    """How far a metric misses its target, relative to the target; 0 when met."""
    if metric.value is None or metric.target is None:
        return None
    miss = (
        metric.target - metric.value if metric.better == "higher" else metric.value - metric.target
    )
    if miss <= 0:
        return 0.0
    scale = abs(metric.target) or 1.0
    return miss / scale


def _metrics(journey: Journey, report: Report) -> None:
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
                "shortfall": _round(miss) if miss is not None else None,
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
                    _round(5 * min(miss, 1.0) * weight(tp)),
                    f"{metric.name}: {metric.value:g}{unit} against a target of {metric.target:g}{unit} "
                    f"({metric.better} is better, {round(miss * 100)}% short)",
                )
            )


def _funnel(journey: Journey, report: Report) -> None:
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
                "lost_share": _round(share),
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
                    _round(5 * share * importance / 5 * weight(tp)),
                    f"{tp.name}: {lost:,} of {entered:,} lost ({round(share * 100)}%)",
                )
            )


def _handoffs(journey: Journey, report: Report) -> None:
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
                    _round(1.0 * weight(a, b)),
                    f"{a.name} ({a.department}) hands over to {b.name} ({b.department})",
                )
            )


def _coverage(
    journey: Journey,
    library: dict[str, Persona],
    findings: Sequence[Diagnostic],
    path: str | None,
    today: date,
    review_max_age: int,
    evidence_max_age: int,
    report: Report,
) -> dict[str, Any]:
    persona_ids = [p.id for p in personas_of(journey, library)]
    matrix: list[dict[str, Any]] = []
    for pid in persona_ids:
        cells = []
        for stage in journey.stages:
            count = sum(
                1 for tp in stage.touchpoints if pid in touchpoint_personas(tp, stage, persona_ids)
            )
            active = pid in stage.personas
            state = "served" if count else ("unserved" if active else "absent")
            cells.append({"stage": stage.id, "touchpoints": count, "state": state})
        matrix.append({"persona": pid, "cells": cells})

    pain_points = [
        (stage, tp, pp) for _, stage, _, tp in journey.touchpoints() for pp in tp.pain_points
    ]
    addressed = {
        ref
        for *_, tp in journey.touchpoints()
        for opp in tp.opportunities
        if opp.status != "dropped"
        for ref in opp.addresses
    }
    unaddressed = []
    for stage, tp, pp in pain_points:
        if pp.id not in addressed:
            unaddressed.append(
                {
                    "stage": stage.id,
                    "touchpoint": tp.id,
                    "pain_point": pp.id,
                    "text": pp.text,
                    "severity": pp.severity,
                }
            )
            report.gaps.append(
                Gap(
                    "pain-point",
                    journey.id,
                    stage.id,
                    tp.id,
                    _round(float(pp.severity if pp.severity is not None else MIDPOINT)),
                    f"{pp.text} (no opportunity addresses it)",
                )
            )
    statuses = Counter(opp.status for *_, tp in journey.touchpoints() for opp in tp.opportunities)
    evidenced = sum(1 for *_, pp in pain_points if pp.evidence)
    review_age = (today - journey.reviewed.date).days if journey.reviewed else None
    evidence = [
        {
            "id": ev.id,
            "date": ev.date.isoformat() if ev.date else None,
            "age_days": (today - ev.date).days if ev.date else None,
            "stale": ev.date is None or (today - ev.date).days > evidence_max_age,
        }
        for ev in journey.evidence
    ]
    return {
        "journey": journey.id,
        "findings": [
            {"rule": d.rule, "severity": d.severity, "message": d.message, "line": d.line}
            for d in findings
            if d.path == path and d.rule in CONFIGURABLE
        ],
        "persona_stage": {"stages": [s.id for s in journey.stages], "rows": matrix},
        "unserved": [
            {"persona": row["persona"], "stage": cell["stage"]}
            for row in matrix
            for cell in row["cells"]
            if cell["state"] == "unserved"
        ],
        "pain_points_without_opportunity": unaddressed,
        "opportunities_by_status": {
            s: statuses.get(s, 0) for s in ("idea", "planned", "in-progress", "done", "dropped")
        },
        "pain_points": len(pain_points),
        "pain_points_with_evidence": evidenced,
        "evidence_share": _round(evidenced / len(pain_points)) if pain_points else None,
        "review_age_days": review_age,
        "review_stale": review_age is None or review_age > review_max_age,
        "evidence": evidence,
    }


def _scores(tp: Touchpoint) -> dict[str, Any]:
    return {
        "importance": tp.importance,
        "performance": tp.performance,
        "emotion": tp.emotion,
        "target_emotion": tp.target_emotion,
    }


def _future(future: Journey, current: Journey | None) -> dict[str, Any]:
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
