"""Gap analysis: where the experience falls short of what matters, as typed data.

Every gap gets a score on one scale (see `journeymap.gaps.scoring`) so that kinds can be
ranked together. Future-state maps describe a plan, not today's experience: their gaps
are not ranked; they feed the current-vs-future comparison instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from journeymap.diagnostics import Diagnostic
from journeymap.gaps.coverage import coverage
from journeymap.gaps.future import compare_future
from journeymap.gaps.kinds import find_emotions, find_funnel, find_handoffs, find_ipa, find_metrics
from journeymap.gaps.results import Report
from journeymap.gaps.scoring import QUADRANTS
from journeymap.model import Journey, Persona


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
        find_ipa(journey, report)
        find_emotions(journey, report)
        find_metrics(journey, report)
        find_funnel(journey, report)
        find_handoffs(journey, report)
        report.coverage.append(
            coverage(
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
            report.future.append(compare_future(journey, current))
    report.gaps.sort(key=lambda g: (-g.score, g.journey, g.kind, g.stage, g.touchpoint or ""))
    report.funnel.sort(key=lambda f: (-f["lost"], f["journey"], f["touchpoint"]))
    report.ipa.sort(
        key=lambda i: (QUADRANTS.index(i["quadrant"]), -i["gap"], i["journey"], i["touchpoint"])
    )
    report.emotions.sort(
        key=lambda e: (-e["gap"], e["journey"], e["touchpoint"], e["persona"] or "")
    )
    return report
