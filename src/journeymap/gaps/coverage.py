"""Coverage: who is left unserved where, what backs each pain point, how fresh it all is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from journeymap.checks.catalogue import CONFIGURABLE
from journeymap.core.diagnostics import Diagnostic
from journeymap.gaps.evidence import distinct_kinds, refs
from journeymap.gaps.results import (
    CellState,
    Coverage,
    EvidenceRef,
    Finding,
    Gap,
    PainPointRow,
    PersonaRow,
    PersonaStage,
    PersonaStageMatrix,
    StageCell,
    make_gap,
)
from journeymap.gaps.scoring import MIDPOINT, round_score
from journeymap.model import Journey, OpportunityStatus
from journeymap.model.committee import committee_at
from journeymap.model.freshness import age_days, is_stale
from journeymap.model.who import touchpoint_personas

STATUSES: tuple[OpportunityStatus, ...] = ("idea", "planned", "in-progress", "done", "dropped")


def addressing(journey: Journey) -> dict[str, list[str]]:
    """Pain point id -> the opportunities (not dropped) that name it in `addresses`."""
    out: dict[str, list[str]] = {}
    for *_, tp in journey.touchpoints():
        for opp in tp.opportunities:
            if opp.status == "dropped":
                continue
            for ref in opp.addresses:
                if opp.id not in out.setdefault(ref, []):
                    out[ref].append(opp.id)
    return out


def _matrix(journey: Journey, persona_ids: list[str]) -> PersonaStageMatrix:
    rows = []
    for pid in persona_ids:
        cells = []
        for si, stage in enumerate(journey.stages):
            present = committee_at(journey, si, persona_ids)
            count = sum(
                1 for tp in stage.touchpoints if pid in touchpoint_personas(tp, stage, present)
            )
            state: CellState = (
                "served" if count else ("unserved" if pid in stage.personas else "absent")
            )
            cells.append(StageCell(stage.id, count, state))
        rows.append(PersonaRow(pid, tuple(cells)))
    return PersonaStageMatrix(tuple(s.id for s in journey.stages), tuple(rows))


def coverage(
    journey: Journey,
    persona_ids: list[str],
    findings: Sequence[Diagnostic],
    path: str | None,
    today: date,
    review_max_age: int,
    evidence: dict[str, EvidenceRef],
) -> tuple[Coverage, list[Gap]]:
    """The coverage of one current-state journey, and a gap per unaddressed pain point."""
    matrix = _matrix(journey, persona_ids)
    addressed = addressing(journey)
    pain_points: list[PainPointRow] = []
    gaps: list[Gap] = []
    for _, stage, _, tp in journey.touchpoints():
        for pp in tp.pain_points:
            backing = refs(pp.evidence, evidence)
            pain_points.append(
                PainPointRow(
                    stage.id,
                    tp.id,
                    pp.id,
                    pp.text,
                    pp.severity,
                    tuple(addressed.get(pp.id, ())),
                    backing,
                    distinct_kinds(backing),
                )
            )
            if pp.id not in addressed:
                gaps.append(
                    make_gap(
                        "pain-point",
                        journey.id,
                        stage.id,
                        tp.id,
                        size=float(pp.severity if pp.severity is not None else MIDPOINT),
                        weight=1.0,
                        factor=1.0,
                        summary=f"{pp.text} (no opportunity addresses it)",
                    )
                )
    metrics = [m for s in journey.stages for m in s.metrics] + [
        m for *_, tp in journey.touchpoints() for m in tp.metrics
    ]
    statuses = Counter(opp.status for *_, tp in journey.touchpoints() for opp in tp.opportunities)
    evidenced = sum(1 for p in pain_points if p.evidence)
    reviewed = journey.reviewed.date if journey.reviewed else None
    result = Coverage(
        journey=journey.id,
        findings=tuple(
            Finding(d.rule, d.severity, d.message, d.line)
            for d in findings
            if d.path == path and d.rule in CONFIGURABLE
        ),
        persona_stage=matrix,
        unserved=tuple(
            PersonaStage(row.persona, cell.stage)
            for row in matrix.rows
            for cell in row.cells
            if cell.state == "unserved"
        ),
        pain_points=tuple(pain_points),
        pain_points_without_opportunity=tuple(
            p.pain_point for p in pain_points if not p.addressed_by
        ),
        pain_points_without_evidence=tuple(p.pain_point for p in pain_points if not p.evidence),
        metrics_without_evidence=tuple(
            m.id for m in metrics if m.value is not None and not m.evidence
        ),
        pain_points_with_evidence=evidenced,
        evidence_share=round_score(evidenced / len(pain_points)) if pain_points else None,
        opportunities_by_status={s: statuses.get(s, 0) for s in STATUSES},
        reviewed=reviewed,
        review_age_days=age_days(reviewed, today),
        review_stale=is_stale(reviewed, today, review_max_age),
        evidence=tuple(evidence.values()),
    )
    return result, gaps
