"""Journey models -> view data for the templates: every count, order and coordinate.

Templates only display. Everything a page shows is decided here, as plain dicts and
lists, so the same data feeds HTML and Markdown and is documented in the README for
people who override templates with `--templates DIR`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from journeymap.model import Journey, Metric, Persona, Stage, Touchpoint
from journeymap.trend import trend_of
from journeymap.who import personas_of, touchpoint_personas

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
MARKERS = ["circle", "square", "diamond", "triangle"]
COLUMN_WIDTH = 230  # px per touchpoint column; stages are as wide as their touchpoints
CHART_HEIGHT = 170
CHART_PAD = 22

EMOTION_WORDS = {1: "very negative", 2: "negative", 3: "neutral", 4: "positive", 5: "very positive"}
LANES = [
    ("goal", "Stage goal"),
    ("customer_goal", "Customer goal"),
    ("personas", "Personas"),
    ("touchpoints", "Touchpoints"),
    ("actions", "Customer actions"),
    ("thoughts", "Thoughts"),
    ("emotion", "Emotion"),
    ("pain_points", "Pain points"),
    ("opportunities", "Opportunities"),
    ("metrics", "Metrics"),
    ("funnel", "Funnel"),
    ("risks", "Risks"),
    ("bp_evidence", "Physical evidence"),
    ("bp_frontstage", "Frontstage"),
    ("bp_backstage", "Backstage"),
    ("bp_support", "Support processes"),
]


@dataclass
class Portfolio:
    """The valid journeys of a run and the personas they can refer to."""

    journeys: Sequence[Journey]
    library: dict[str, Persona]

    @cached_property
    def linking_in(self) -> dict[str, list[Journey]]:
        """Journey id -> the journeys that link to it (computed once, not once a page)."""
        out: dict[str, list[Journey]] = {}
        for other in self.journeys:
            targets = {
                link.to.partition("#")[0] for *_, tp in other.touchpoints() for link in tp.links
            }
            for target in sorted(targets):
                out.setdefault(target, []).append(other)
        return out


def emotion_for(value: int | dict[str, int] | None, persona: str | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, int):
        return float(value)
    if persona is None:
        return sum(value.values()) / len(value) if value else None
    return float(value[persona]) if persona in value else None


def metric_view(metric: Metric) -> dict[str, Any]:
    status = "unknown"
    if metric.value is not None and metric.target is not None:
        met = (
            metric.value >= metric.target
            if metric.better == "higher"
            else metric.value <= metric.target
        )
        status = "met" if met else "missed"
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
        "value": _number(metric.value),
        "target": _number(metric.target),
        "better": metric.better,
        "as_of": metric.as_of.isoformat() if metric.as_of else None,
        "status": status,
        "percent": round(ratio * 100) if ratio is not None else None,
        "trend": trend_of(metric),
    }


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:g}" if value != int(value) else f"{int(value)}"


def page_name(journey_id: str, persona: str | None = None) -> str:
    return f"{journey_id}--{persona}" if persona else journey_id


def journey_view(
    journey: Journey,
    portfolio: Portfolio,
    *,
    persona: str | None = None,
    link_suffix: str = ".html",
) -> dict[str, Any]:
    """Everything one journey page shows; with `persona`, only what that persona meets."""
    all_personas = personas_of(journey, portfolio.library)
    persona_ids = [p.id for p in all_personas]
    names = {p.id: p.name for p in all_personas}
    colour = {pid: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, pid in enumerate(persona_ids)}

    stages: list[dict[str, Any]] = []
    columns: list[tuple[Stage, Touchpoint, list[str]]] = []
    x = 0
    for stage in journey.stages:
        tps = []
        for tp in stage.touchpoints:
            who = touchpoint_personas(tp, stage, persona_ids)
            if persona is not None and persona not in who:
                continue
            tps.append((tp, who))
        if persona is not None and not tps and persona not in (stage.personas or persona_ids):
            continue
        width = max(1, len(tps)) * COLUMN_WIDTH
        stages.append(_stage_view(stage, tps, names, x, width, persona))
        columns.extend((stage, tp, who) for tp, who in tps)
        x += width

    phases = _phase_spans(journey, stages)
    lanes = [
        {"key": key, "label": label}
        for key, label in LANES
        if (key == "emotion" and any(tp.emotion is not None for _, tp, _ in columns))
        or (key != "emotion" and any(key in s["filled"] for s in stages))
    ]
    return {
        "journey": _journey_summary(journey, portfolio, link_suffix),
        "persona": {"id": persona, "name": names.get(persona or "", persona)} if persona else None,
        "account": _account(journey),
        "committee": [
            {
                "id": p.id,
                "name": p.name,
                "role": (p.role or "").replace("-", " "),
                "influence": p.influence,
                "description": p.description,
                "goals": list(p.goals),
                "concerns": list(p.concerns),
                "colour": colour[p.id],
            }
            for p in all_personas
            if persona is None or p.id == persona
        ],
        "phases": phases,
        "stages": stages,
        "lanes": [dict(lane, stage_level=lane["key"] in STAGE_LANES) for lane in lanes],
        "chart": emotion_chart(columns, stages, persona_ids, names, colour, persona),
        "filter": [] if persona else [{"id": p.id, "name": p.name} for p in all_personas],
        "width": x,
        "column_width": COLUMN_WIDTH,
    }


def _journey_summary(journey: Journey, portfolio: Portfolio, link_suffix: str) -> dict[str, Any]:
    tps = journey.touchpoints()
    return {
        "id": journey.id,
        "title": journey.title,
        "description": journey.description,
        "state": journey.state,
        "segment": journey.segment,
        "layer": journey.layer,
        "objective": journey.objective,
        "owner": journey.owner,
        "updated": journey.updated.isoformat() if journey.updated else None,
        "reviewed_by": journey.reviewed.by if journey.reviewed else None,
        "reviewed": journey.reviewed.date.isoformat() if journey.reviewed else None,
        "tags": list(journey.tags),
        "stage_count": len(journey.stages),
        "touchpoint_count": len(tps),
        "moments_of_truth": sum(1 for *_, tp in tps if tp.moment_of_truth),
        "related": related_maps(journey, portfolio, link_suffix),
    }


def related_maps(journey: Journey, portfolio: Portfolio, link_suffix: str) -> list[dict[str, str]]:
    """Future <-> current maps, B2B2C layers of the same portfolio, and linked journeys."""
    by_id = {j.id: j for j in portfolio.journeys}
    out: dict[str, dict[str, str]] = {}

    def add(other_id: str, relation: str) -> None:
        other = by_id.get(other_id)
        if other is not None and other_id != journey.id and other_id not in out:
            out[other_id] = {
                "id": other_id,
                "title": other.title,
                "relation": relation,
                "href": f"{other_id}{link_suffix}",
            }

    if journey.current:
        add(journey.current, "current state of this map")
    for other in portfolio.journeys:
        if other.current == journey.id:
            add(other.id, "future state of this map")
    for *_, tp in journey.touchpoints():
        for link in tp.links:
            target = link.to.partition("#")[0]
            layer = by_id[target].layer if target in by_id else None
            add(target, f"{layer} layer" if layer else f"linked ({link.kind})")
    for other in portfolio.linking_in.get(journey.id, []):
        add(other.id, f"{other.layer} layer" if other.layer else "links here")
    return sorted(out.values(), key=lambda r: r["id"])


def _account(journey: Journey) -> list[dict[str, str]]:
    if journey.account is None:
        return []
    a = journey.account
    rows = [
        ("Industry", a.industry),
        ("Company size", a.company_size),
        ("Budget", a.budget),
        ("Team size", a.team_size),
        ("Customers", a.customers),
        ("Competitors", ", ".join(a.competitors) if a.competitors else None),
        ("Buying process", a.buying_process),
    ]
    return [{"label": k, "value": v} for k, v in rows if v]


STAGE_LANES = {"goal", "customer_goal", "personas"}


def _stage_view(
    stage: Stage,
    tps: list[tuple[Touchpoint, list[str]]],
    names: dict[str, str],
    x: int,
    width: int,
    persona: str | None,
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
            "links": [
                {
                    "to": link.to,
                    "kind": link.kind,
                    "href": f"{link.to.partition('#')[0]}.html#tp-{link.to.partition('#')[2]}",
                }
                for link in tp.links
            ],
        }
        funnel = []
        if tp.funnel is not None:
            entered, continued = tp.funnel.entered, tp.funnel.continued
            funnel.append(
                {
                    "entered": f"{entered:,}",
                    "continued": f"{continued:,}",
                    "lost": f"{entered - continued:,}",
                    "percent": round(100 * continued / entered) if entered else 0,
                }
            )
        blueprint = tp.blueprint
        columns.append(
            {
                "personas": card["personas"],
                "touchpoints": [card],
                "actions": [{"text": tp.customer_action}] if tp.customer_action else [],
                "thoughts": [{"text": tp.thoughts}] if tp.thoughts else [],
                "pain_points": [
                    {
                        "id": pp.id,
                        "text": pp.text,
                        "severity": pp.severity,
                        "evidence": list(pp.evidence),
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
        "name": stage.name,
        "phase": stage.phase,
        "description": stage.description,
        "x": x,
        "width": width,
        "columns": columns,
        "count": max(1, len(columns)),
        "stage_lanes": stage_lanes,
        "filled": sorted(filled),
    }


def _phase_spans(journey: Journey, stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


def emotion_chart(
    columns: list[tuple[Stage, Touchpoint, list[str]]],
    stages: list[dict[str, Any]],
    persona_ids: list[str],
    names: dict[str, str],
    colour: dict[str, str],
    persona: str | None,
) -> dict[str, Any]:
    """Coordinates of the emotion curve: felt (solid) and target (dashed), per persona if given."""
    xs = []
    for stage in stages:
        for i in range(len([c for c in columns if c[0].id == stage["id"]])):
            xs.append(stage["x"] + (i + 0.5) * COLUMN_WIDTH)
    width = sum(s["width"] for s in stages)
    top, bottom = CHART_PAD, CHART_HEIGHT - CHART_PAD

    def y(score: float) -> float:
        return round(top + (5 - score) / 4 * (bottom - top), 1)

    per_persona = any(isinstance(tp.emotion, dict) for _, tp, _ in columns)
    series: list[dict[str, Any]] = []

    def add(label: str, pid: str | None, felt: bool, values: list[float | None], col: str) -> None:
        if all(v is None for v in values):
            return
        index = len(series)
        points = [
            {
                "x": xs[i],
                "y": y(v),
                "score": _number(v),
                "touchpoint": columns[i][1].name,
                "word": EMOTION_WORDS.get(round(v), ""),
            }
            for i, v in enumerate(values)
            if v is not None
        ]
        segments: list[str] = []
        current: list[str] = []
        for i, v in enumerate(values):
            if v is None:
                if current:
                    segments.append(" ".join(current))
                current = []
            else:
                current.append(f"{'M' if not current else 'L'}{xs[i]:g},{y(v):g}")
        if current:
            segments.append(" ".join(current))
        series.append(
            {
                "label": label,
                "persona": pid or "",
                "kind": "felt" if felt else "target",
                "dashed": not felt,
                "colour": col,
                "marker": MARKERS[index % len(MARKERS)],
                "path": " ".join(segments),
                "points": points,
            }
        )

    if per_persona:
        shown = [persona] if persona else persona_ids
        for pid in shown:

            def felt_of(tp: Touchpoint, who: list[str], pid: str = pid) -> float | None:
                if isinstance(tp.emotion, dict):
                    return emotion_for(tp.emotion, pid)
                return emotion_for(tp.emotion, None) if pid in who else None

            def target_of(tp: Touchpoint, who: list[str], pid: str = pid) -> float | None:
                if isinstance(tp.target_emotion, dict):
                    return emotion_for(tp.target_emotion, pid)
                return emotion_for(tp.target_emotion, None) if pid in who else None

            name = names.get(pid, pid)
            add(
                f"{name}, felt",
                pid,
                True,
                [felt_of(tp, w) for _, tp, w in columns],
                colour.get(pid, "#000"),
            )
            add(
                f"{name}, target",
                pid,
                False,
                [target_of(tp, w) for _, tp, w in columns],
                colour.get(pid, "#000"),
            )
    else:
        add(
            "Felt emotion",
            None,
            True,
            [emotion_for(tp.emotion, persona) for _, tp, _ in columns],
            SERIES_COLOURS[0],
        )
        add(
            "Target emotion",
            None,
            False,
            [emotion_for(tp.target_emotion, persona) for _, tp, _ in columns],
            SERIES_COLOURS[1],
        )
    return {
        "width": width,
        "height": CHART_HEIGHT,
        "grid": [{"score": s, "y": y(s), "word": EMOTION_WORDS[s]} for s in range(1, 6)],
        "series": series,
        "title": "Emotion curve: felt (solid) and target (dashed), 1 very negative to 5 very positive",
    }


def index_view(
    journeys: Sequence[Journey], portfolio: Portfolio, link_suffix: str = ".html"
) -> dict[str, Any]:
    """The portfolio page: one row a journey, in id order."""
    rows = [
        _journey_summary(j, portfolio, link_suffix) | {"href": f"{j.id}{link_suffix}"}
        for j in sorted(journeys, key=lambda j: j.id)
    ]
    return {
        "journeys": rows,
        "totals": {
            "journeys": len(rows),
            "stages": sum(r["stage_count"] for r in rows),
            "touchpoints": sum(r["touchpoint_count"] for r in rows),
        },
    }


def mermaid_view(
    journey: Journey, portfolio: Portfolio, persona: str | None = None
) -> dict[str, Any]:
    """A Mermaid `journey` diagram: stage -> section, touchpoint -> task, personas -> actors.

    Mermaid needs a 1-5 score on every task: per-persona emotions are averaged (or the
    persona's own with `persona`), and a touchpoint without an emotion is shown as 3.
    """
    all_personas = personas_of(journey, portfolio.library)
    ids = [p.id for p in all_personas]
    names = {p.id: p.name for p in all_personas}
    sections = []
    for stage in journey.stages:
        tasks = []
        for tp in stage.touchpoints:
            who = touchpoint_personas(tp, stage, ids)
            if persona is not None and persona not in who:
                continue
            score = emotion_for(tp.emotion, persona if isinstance(tp.emotion, dict) else None)
            tasks.append(
                {
                    "name": tp.name + ("" if score is not None else " (no emotion yet)"),
                    "score": round(score) if score is not None else 3,
                    "actors": [names.get(p, p) for p in who],
                }
            )
        if tasks or persona is None:
            sections.append({"name": stage.name, "tasks": tasks})
    stage_names = ", ".join(s.name for s in journey.stages)
    return {
        "title": journey.title,
        "acc_title": f"Customer journey map, {journey.title}",
        "acc_descr": f"{len(journey.stages)} stages ({stage_names}), each task a touchpoint "
        "scored by felt emotion from 1 (very negative) to 5 (very positive)",
        "sections": sections,
    }
