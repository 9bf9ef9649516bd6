"""One stage column of a journey page: its lanes, touchpoint cards, metrics and evidence."""

from __future__ import annotations

from typing import Any

from journeymap.core.wording import count_of, with_unit
from journeymap.gaps.scoring import MetricStatus, metric_status
from journeymap.model import Evidence, Journey, Metric, Stage, Touchpoint
from journeymap.views.charts import emotion_text, number_text
from journeymap.views.colours import PersonaStyle
from journeymap.views.trend import trend_of

WHO_SHOWN = 6  # persona chips on one card; the rest are counted

METRIC_STATUS_LABELS: dict[MetricStatus, str] = {
    "met": "target met",
    "missed": "below target",
    "unknown": "",
}


def metric_view(metric: Metric) -> dict[str, Any]:
    status = metric_status(metric)
    ratio = None
    if metric.value is not None and metric.target:
        ratio = max(
            0.0,
            min(
                1.0,
                metric.value / metric.target
                if metric.better == "higher"
                else metric.target / metric.value
                if metric.value
                else 1.0,
            ),
        )
    return {
        "id": metric.id,
        "name": metric.name,
        "kind": metric.kind,
        "unit": metric.unit or "",
        "value": number_text(metric.value),
        "target": number_text(metric.target),
        "value_text": with_unit(metric.value, metric.unit),
        "target_text": with_unit(metric.target, metric.unit),
        "better": metric.better,
        "as_of": metric.as_of.isoformat() if metric.as_of else None,
        "status": status,
        "status_label": METRIC_STATUS_LABELS[status],
        "percent": round(ratio * 100) if ratio is not None else None,
        "trend": trend_of(metric),
    }


def _funnel(tp: Touchpoint) -> list[dict[str, Any]]:
    """The touchpoint's funnel as the map shows it (none, or one)."""
    if tp.funnel is None:
        return []
    entered, continued = tp.funnel.entered, tp.funnel.continued
    return [
        {
            "entered": f"{entered:,}",
            "continued": f"{continued:,}",
            "lost": f"{entered - continued:,}",
            "lost_text": f"{count_of(entered - continued, 'person', 'people')} lost",
            "percent": round(100 * continued / entered) if entered else 0,
        }
    ]


STAGE_LANES = {"goal", "customer_goal", "personas"}


def evidence_label(ev: Evidence | None, eid: str) -> str:
    """Evidence by title and date, never a bare id."""
    if ev is None:
        return f"unknown evidence ({eid})"
    title = ev.title or f"untitled evidence ({ev.id})"
    return f"{title} ({ev.date.isoformat() if ev.date else 'undated'})"


def stage_view(
    stage: Stage,
    tps: list[tuple[Touchpoint, list[str]]],
    names: dict[str, str],
    x: int,
    width: int,
    persona: str | None,
    evidence: dict[str, Evidence],
    styles: dict[str, PersonaStyle],
    link_suffix: str = ".html",
) -> dict[str, Any]:
    """A stage column: stage-level lanes as lists, touchpoint lanes as one list per touchpoint.

    Touchpoint lanes are laid out in the same sub-columns as the cards and the emotion
    curve's points, so everything about one touchpoint lines up vertically.
    """
    columns: list[dict[str, Any]] = []
    for tp, who in tps:
        card = {
            "id": tp.id,
            "anchor": f"tp-{tp.id}",
            "name": tp.name,
            "description": tp.description,
            "channel": tp.channel,
            "department": tp.department,
            "owner": tp.owner,
            "moment_of_truth": tp.moment_of_truth,
            "importance": tp.importance,
            "performance": tp.performance,
            "personas": " ".join(who),
            "persona_names": [names.get(p, p) for p in who],
            # at most WHO_SHOWN chips a card: a map whose stage lists 40 people does not
            # print 40 chips on every card (the page stays linear in maps + people)
            "who": [
                {
                    "id": p,
                    "name": names.get(p, p),
                    "colour": styles[p].colour,
                    "marker": styles[p].marker,
                }
                for p in who
                if p in styles
            ][:WHO_SHOWN],
            "who_more": f"and {len(who) - WHO_SHOWN} more" if len(who) > WHO_SHOWN else "",
            "links": [
                {
                    "to": link.to,
                    "kind": link.kind,
                    "href": f"{link.to.partition('#')[0]}{link_suffix}#tp-{link.to.partition('#')[2]}",
                }
                for link in tp.links
            ],
        }
        funnel = _funnel(tp)
        blueprint = tp.blueprint
        columns.append(
            {
                "tp": tp.id,
                "personas": card["personas"],
                "touchpoints": [card],
                "actions": [{"text": tp.customer_action}] if tp.customer_action else [],
                "thoughts": [{"text": tp.thoughts}] if tp.thoughts else [],
                "emotion": [{"text": t} for t in [emotion_text(tp, who, names, persona)] if t],
                "pain_points": [
                    {
                        "id": pp.id,
                        "text": pp.text,
                        "severity": pp.severity,
                        # the chip colours run from 1 (bad) to 5 (good); severity runs the other way
                        "severity_class": f"score-{6 - pp.severity}" if pp.severity else "",
                        "evidence": [evidence_label(evidence.get(e), e) for e in pp.evidence],
                        "evidence_text": ", ".join(
                            evidence_label(evidence.get(e), e) for e in pp.evidence
                        ),
                    }
                    for pp in tp.pain_points
                ],
                "opportunities": [
                    {
                        "id": o.id,
                        "text": o.text,
                        "status": o.status,
                        "ref": o.ref,
                        "impact": o.impact,
                        "effort": o.effort,
                        "addresses": list(o.addresses),
                    }
                    for o in tp.opportunities
                ],
                "metrics": [metric_view(m) for m in tp.metrics],
                "funnel": funnel,
                "risks": [{"text": r} for r in tp.risks],
                "bp_evidence": [{"text": t} for t in (blueprint.evidence if blueprint else [])],
                "bp_frontstage": [{"text": t} for t in (blueprint.frontstage if blueprint else [])],
                "bp_backstage": [{"text": t} for t in (blueprint.backstage if blueprint else [])],
                "bp_support": [{"text": t} for t in (blueprint.support if blueprint else [])],
            }
        )
    stage_personas = [p for p in stage.personas if persona is None or p == persona]
    stage_lanes: dict[str, list[dict[str, Any]]] = {
        "goal": [{"text": stage.goal}] if stage.goal else [],
        "customer_goal": [{"text": stage.customer_goal}] if stage.customer_goal else [],
        "personas": [{"id": p, "name": names.get(p, p)} for p in stage_personas],
        "metrics": [metric_view(m) for m in stage.metrics],
    }
    filled = {key for key in stage_lanes if stage_lanes[key]}
    filled |= {key for col in columns for key, items in col.items() if key != "personas" and items}
    return {
        "id": stage.id,
        "anchor": f"stage-{stage.id}",
        "touchpoint_count": len(columns),
        "name": stage.name,
        "phase": stage.phase,
        "description": stage.description,
        "x": x,
        "width": width,
        "columns": columns,
        "count": max(1, len(columns)),
        "stage_lanes": stage_lanes,
        "filled": sorted(filled),
        "persona_names": [p["name"] for p in stage_lanes["personas"]],
        # every touchpoint's items in one list, for pages that list a stage's items together
        "pain_points": [p for col in columns for p in col["pain_points"]],
        "opportunities": [o for col in columns for o in col["opportunities"]],
        "metrics": stage_lanes["metrics"] + [m for col in columns for m in col["metrics"]],
    }


def phase_spans(journey: Journey, stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not journey.phases:
        return []
    names = {p.id: p.name for p in journey.phases}
    spans: list[dict[str, Any]] = []
    for stage in stages:
        pid = stage["phase"]
        if spans and spans[-1]["id"] == pid:
            spans[-1]["span"] += 1
            spans[-1]["width"] += stage["width"]
        else:
            spans.append(
                {
                    "id": pid,
                    "name": names.get(pid, "") if pid else "",
                    "span": 1,
                    "width": stage["width"],
                }
            )
    return spans
