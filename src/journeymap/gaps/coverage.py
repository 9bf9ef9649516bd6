"""Coverage: who is left unserved where, evidence behind pain points, staleness."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from journeymap.checks.catalogue import CONFIGURABLE
from journeymap.diagnostics import Diagnostic
from journeymap.gaps.results import Gap, Report
from journeymap.gaps.scoring import MIDPOINT, round_score
from journeymap.model import Journey, Persona
from journeymap.who import personas_of, touchpoint_personas


def coverage(
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
                    round_score(float(pp.severity if pp.severity is not None else MIDPOINT)),
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
        "evidence_share": round_score(evidenced / len(pain_points)) if pain_points else None,
        "review_age_days": review_age,
        "review_stale": review_age is None or review_age > review_max_age,
        "evidence": evidence,
    }
