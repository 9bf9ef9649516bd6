"""The overview at the top of a journey page: every stage at once, on one landscape page.

The detail grid of a real map is 6,000 px wide; a VP sees five touchpoints of it. The
overview is the map in one look: a column per stage with its touchpoints, moments of
truth, mean importance and performance, felt against target emotion, the people lost,
its worst pain points and where its opportunities stand, and one emotion line across
all stages (each persona's line on demand). Every figure is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journeymap.core.wording import count_of
from journeymap.model import OpportunityStatus, Stage, Touchpoint
from journeymap.views.charts import EMOTION_WORDS, emotion_for, number_text
from journeymap.views.colours import PersonaStyle

STAGE_WIDTH = 160  # the chart's unit per stage; the SVG scales with the overview's width
CHART_HEIGHT = 96
PAD = 14
WORST_PAIN_POINTS = 2
MOMENTS = "moments of truth"
STATUS_ORDER: tuple[OpportunityStatus, ...] = ("idea", "planned", "in-progress", "done", "dropped")


@dataclass(frozen=True)
class StageTouchpoints:
    """A stage as a page shows it: the touchpoints it keeps and who meets each."""

    stage: Stage
    touchpoints: list[tuple[Touchpoint, list[str]]]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def one_decimal(value: float | None) -> str:
    """A mean as people say it: 3.5, 4, or an en dash when nothing was scored."""
    if value is None:
        return "–"
    return number_text(round(value, 1)) or "–"


def _felt(tp: Touchpoint, persona: str | None) -> float | None:
    return emotion_for(tp.emotion, persona if isinstance(tp.emotion, dict) else None)


def _target(tp: Touchpoint, persona: str | None) -> float | None:
    return emotion_for(tp.target_emotion, persona if isinstance(tp.target_emotion, dict) else None)


def _persona_felt(tp: Touchpoint, who: list[str], pid: str) -> float | None:
    if isinstance(tp.emotion, dict):
        return emotion_for(tp.emotion, pid)
    return emotion_for(tp.emotion, None) if pid in who else None


def _status_text(tps: Sequence[Touchpoint]) -> list[dict[str, Any]]:
    counts = {s: 0 for s in STATUS_ORDER}
    for tp in tps:
        for o in tp.opportunities:
            counts[o.status] += 1
    # `idea` is a noun (2 ideas); the other statuses are adjectives (2 planned)
    return [
        {"status": s, "text": count_of(n, s) if s == "idea" else f"{n} {s}"}
        for s, n in counts.items()
        if n
    ]


def _lost_text(tps: Sequence[Touchpoint]) -> str:
    """The people a stage's funnels lose, in words; empty when no touchpoint has a funnel."""
    if not any(tp.funnel for tp in tps):
        return ""
    lost = sum(tp.funnel.entered - tp.funnel.continued for tp in tps if tp.funnel)
    return f"{count_of(lost, 'person', 'people')} lost"


def _worst_pains(tps: Sequence[Touchpoint]) -> list[dict[str, Any]]:
    found = [(pp, tp) for tp in tps for pp in tp.pain_points]
    ranked = sorted(found, key=lambda item: -(item[0].severity or 0))  # stable: map order
    return [
        {
            "text": pp.text,
            "severity": pp.severity,
            "severity_class": f"score-{6 - pp.severity}" if pp.severity else "",
            "href": f"#pain-{pp.id}",
            "touchpoint": tp.name,
        }
        for pp, tp in ranked[:WORST_PAIN_POINTS]
    ]


def _y(score: float) -> float:
    return round(PAD + (5 - score) / 4 * (CHART_HEIGHT - 2 * PAD), 1)


def _series(
    label: str, values: list[float | None], kind: str, colour: str, persona: str = ""
) -> dict[str, Any] | None:
    if all(v is None for v in values):
        return None
    points = []
    path: list[str] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        x = round((i + 0.5) * STAGE_WIDTH, 1)
        y = _y(v)
        points.append({"x": x, "y": y, "text": f"{label}: {one_decimal(v)}"})
        path.append(f"{'M' if not path else 'L'}{x:g},{y:g}")
    return {
        "label": label,
        "kind": kind,
        "colour": colour,
        "persona": persona,
        "path": " ".join(path),
        "points": points,
    }


def overview_view(
    stages: Sequence[StageTouchpoints],
    persona_ids: Sequence[str],
    names: dict[str, str],
    styles: dict[str, PersonaStyle],
    persona: str | None,
) -> dict[str, Any]:
    """Each stage in one column, and the emotion line across them all."""
    columns = []
    felt_means: list[float | None] = []
    target_means: list[float | None] = []
    for st in stages:
        tps = [tp for tp, _ in st.touchpoints]
        imp = mean([tp.importance for tp in tps if tp.importance is not None])
        perf = mean([tp.performance for tp in tps if tp.performance is not None])
        felt = mean([v for v in (_felt(tp, persona) for tp in tps) if v is not None])
        target = mean([v for v in (_target(tp, persona) for tp in tps) if v is not None])
        felt_means.append(felt)
        target_means.append(target)
        mots = sum(1 for tp in tps if tp.moment_of_truth)
        columns.append(
            {
                "id": st.stage.id,
                "name": st.stage.name,
                "href": f"#stage-{st.stage.id}",
                "touchpoints_text": count_of(len(tps), "touchpoint"),
                "moments_text": count_of(mots, "moment of truth", MOMENTS) if mots else "",
                "importance": one_decimal(imp),
                "performance": one_decimal(perf),
                "performance_class": f"score-{round(perf)}" if perf is not None else "score-none",
                "felt": one_decimal(felt),
                "target": one_decimal(target),
                "emotion_text": (
                    f"feels {one_decimal(felt)} ({EMOTION_WORDS[round(felt)]}), "
                    f"target {one_decimal(target)}"
                    if felt is not None
                    else "no emotion recorded"
                ),
                "below_target": felt is not None and target is not None and felt < target,
                "lost_text": _lost_text(tps),
                "pains": _worst_pains(tps),
                "statuses": _status_text(tps),
            }
        )
    width = max(1, len(stages)) * STAGE_WIDTH
    series = [
        s
        for s in (
            _series("Felt (mean)", felt_means, "felt", "var(--fg)"),
            _series("Target (mean)", target_means, "target", "var(--muted)"),
        )
        if s is not None
    ]
    per_persona = []
    shown = [persona] if persona else list(persona_ids)
    for pid in shown:
        values = [
            mean(
                [
                    v
                    for v in (_persona_felt(tp, who, pid) for tp, who in st.touchpoints)
                    if v is not None
                ]
            )
            for st in stages
        ]
        made = _series(f"{names.get(pid, pid)}, felt", values, "persona", "", pid)
        if made is not None:
            style = styles[pid]
            made["colour"] = style.colour
            made["marker"] = style.marker
            per_persona.append(made)
    return {
        "columns": columns,
        "count": len(columns),
        "heading": f"Overview: {count_of(len(columns), 'stage')} at a glance",
        "chart": {
            "width": width,
            "height": CHART_HEIGHT,
            "grid": [{"score": s, "y": _y(s)} for s in (1, 3, 5)],
            "series": series,
            "personas": per_persona,
            "title": "Emotion by stage: mean felt (solid) and target (dashed), "
            "1 very negative to 5 very positive",
        },
    }
