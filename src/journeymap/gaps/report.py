"""Gap analysis: where the experience falls short of what matters, as typed data.

Every gap gets a score on one scale (see `journeymap.gaps.scoring`) so that kinds can be
ranked together. Future-state maps describe a plan, not today's experience: their gaps
are not ranked; they feed the current-vs-future comparison instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from journeymap.checks.committee import COMMITTEE_COVERAGE
from journeymap.checks.freshness import EVIDENCE_STALE, REVIEW_STALE
from journeymap.checks.settings import option, roles
from journeymap.core.diagnostics import Diagnostic
from journeymap.gaps.committee import find_committee_risks, open_pain_points
from journeymap.gaps.coverage import coverage
from journeymap.gaps.evidence import evidence_index
from journeymap.gaps.future import compare_future
from journeymap.gaps.kinds import (
    find_emotions,
    find_funnel,
    find_handoffs,
    find_ipa,
    find_metrics,
    ipa_scores,
)
from journeymap.gaps.results import (
    CommitteeRisk,
    Coverage,
    EmotionRow,
    FunnelRow,
    Gap,
    HandoffRow,
    IpaRow,
    JourneyRef,
    MetricRow,
    Report,
)
from journeymap.gaps.scoring import QUADRANTS, CrosshairMethod, crosshair
from journeymap.model import Journey, Persona
from journeymap.model.who import personas_of

if TYPE_CHECKING:
    from journeymap.project.config import Settings


def analyse_project(
    journeys: Sequence[Journey],
    library: dict[str, Persona],
    findings: Sequence[Diagnostic],
    paths: dict[str, str],
    settings: Settings,
    today: date,
) -> Report:
    """`analyse` with a project's settings (the freshness rules' ages, the crosshair):
    what `gaps` reports and the site's gap report and dashboard show."""
    return analyse(
        journeys,
        library,
        findings,
        paths,
        today=today,
        review_max_age=option(settings, REVIEW_STALE),
        evidence_max_age=option(settings, EVIDENCE_STALE),
        ipa_crosshair=settings.config.gaps.ipa_crosshair,
        decision_by=roles(settings, COMMITTEE_COVERAGE),
    )


def analyse(
    journeys: Sequence[Journey],
    library: dict[str, Persona],
    findings: Sequence[Diagnostic] = (),
    paths: dict[str, str] | None = None,
    *,
    today: date,
    review_max_age: int = 180,
    evidence_max_age: int = 365,
    ipa_crosshair: CrosshairMethod = "midpoint",
    decision_by: Mapping[str, str] | None = None,
) -> Report:
    """The whole report for valid journeys; `findings` are the completeness diagnostics."""
    current = [j for j in journeys if j.state != "future"]
    centre = crosshair(ipa_crosshair, [s for j in current for s in ipa_scores(j)])
    gaps: list[Gap] = []
    ipa: list[IpaRow] = []
    emotions: list[EmotionRow] = []
    metrics: list[MetricRow] = []
    funnel: list[FunnelRow] = []
    handoffs: list[HandoffRow] = []
    covered: list[Coverage] = []
    committee: list[CommitteeRisk] = []
    for journey in current:
        people = personas_of(journey, library)
        persona_ids = [p.id for p in people]
        committee_rows, committee_gaps = find_committee_risks(
            journey, {p.id: p for p in people}, decision_by or {}, open_pain_points(journey)
        )
        committee.extend(committee_rows)
        gaps.extend(committee_gaps)
        evidence = evidence_index(journey, today, evidence_max_age)
        ipa_rows, ipa_gaps = find_ipa(journey, centre)
        emotion_rows, emotion_gaps = find_emotions(journey)
        metric_rows, metric_gaps = find_metrics(journey, evidence)
        funnel_rows, funnel_gaps = find_funnel(journey)
        handoff_rows, handoff_gaps = find_handoffs(journey, persona_ids)
        ipa.extend(ipa_rows)
        emotions.extend(emotion_rows)
        metrics.extend(metric_rows)
        funnel.extend(funnel_rows)
        handoffs.extend(handoff_rows)
        gaps.extend(ipa_gaps + emotion_gaps + metric_gaps + funnel_gaps + handoff_gaps)
        result, pain_gaps = coverage(
            journey,
            persona_ids,
            findings,
            (paths or {}).get(journey.id),
            today,
            review_max_age,
            evidence,
        )
        covered.append(result)
        gaps.extend(pain_gaps)
    by_id = {j.id: j for j in journeys}
    future = [
        compare_future(j, by_id.get(j.current or "")) for j in journeys if j.state == "future"
    ]
    gaps.sort(key=lambda g: (-g.score, g.journey, g.kind, g.stage, g.touchpoint or ""))
    funnel.sort(key=lambda f: (-f.lost, f.journey, f.touchpoint))
    ipa.sort(key=lambda i: (QUADRANTS.index(i.quadrant), -i.gap, i.journey, i.touchpoint))
    emotions.sort(key=lambda e: (-e.gap, e.journey, e.touchpoint, e.persona or ""))
    return Report(
        crosshair=centre,
        journeys=tuple(JourneyRef(j.id, j.title, j.state) for j in journeys),
        gaps=tuple(gaps),
        ipa=tuple(ipa),
        emotions=tuple(emotions),
        metrics=tuple(metrics),
        funnel=tuple(funnel),
        handoffs=tuple(handoffs),
        coverage=tuple(covered),
        future=tuple(future),
        committee=tuple(committee),
    )
