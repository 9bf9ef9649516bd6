"""Chart geometry for journey pages: the emotion curve's coordinates, colours and markers.

Every coordinate is computed here so that templates only place what they are given.
"""

from __future__ import annotations

from typing import Any

from journeymap.model import Stage, Touchpoint
from journeymap.views.colours import PersonaStyle

COLUMN_WIDTH = 230  # px per touchpoint column; stages are as wide as their touchpoints


CHART_HEIGHT = 170


CHART_PAD = 22


EMOTION_WORDS = {1: "very negative", 2: "negative", 3: "neutral", 4: "positive", 5: "very positive"}


def emotion_for(value: int | dict[str, int] | None, persona: str | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, int):
        return float(value)
    if persona is None:
        return sum(value.values()) / len(value) if value else None
    return float(value[persona]) if persona in value else None


def number_text(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:g}" if value != int(value) else f"{int(value)}"


def _point(x: float, y: float, marker: str) -> dict[str, Any]:
    """A marker's geometry: centre, the square's corner, the polygon's corners, the label."""
    if marker == "diamond":
        corners = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
    elif marker == "triangle":
        corners = [(x, y - 6), (x + 6, y + 5), (x - 6, y + 5)]
    elif marker == "triangle-down":
        corners = [(x, y + 6), (x + 6, y - 5), (x - 6, y - 5)]
    else:
        corners = []
    return {
        "x": x,
        "y": y,
        "box_x": round(x - 5, 1),
        "box_y": round(y - 5, 1),
        "corners": " ".join(f"{round(cx, 1)},{round(cy, 1)}" for cx, cy in corners),
        "label_x": round(x + 8, 1),
        "label_y": round(y + 4, 1),
    }


def emotion_text(tp: Touchpoint, who: list[str], names: dict[str, str], persona: str | None) -> str:
    """The emotion of one touchpoint in words, for print and for readers without the chart."""

    def one(value: int | dict[str, int] | None, pid: str | None) -> str:
        v = emotion_for(value, pid if isinstance(value, dict) else None)
        return number_text(round(v, 1)) or "" if v is not None else "–"

    if tp.emotion is None and tp.target_emotion is None:
        return ""
    per_persona = isinstance(tp.emotion, dict) or isinstance(tp.target_emotion, dict)
    if per_persona and persona is None:
        parts = []
        for pid in who:
            felt, target = one(tp.emotion, pid), one(tp.target_emotion, pid)
            if felt != "–" or target != "–":
                parts.append(f"{names.get(pid, pid)} {felt} → {target}")
        return "felt → target: " + "; ".join(parts)
    return f"felt {one(tp.emotion, persona)} → target {one(tp.target_emotion, persona)}"


def emotion_chart(
    columns: list[tuple[Stage, Touchpoint, list[str]]],
    stages: list[dict[str, Any]],
    persona_ids: list[str],
    names: dict[str, str],
    colour: dict[str, str],
    persona: str | None,
    styles: dict[str, PersonaStyle] | None = None,
) -> dict[str, Any]:
    """The emotion curve: the mean felt (solid) and target (dashed) line, and each persona's
    own pair of lines, which the page shows on demand (a persona chosen, or all of them)."""
    xs = []
    for stage in stages:
        for i in range(stage["touchpoint_count"]):
            xs.append(stage["x"] + (i + 0.5) * COLUMN_WIDTH)
    width = sum(s["width"] for s in stages)
    top, bottom = CHART_PAD, CHART_HEIGHT - CHART_PAD
    styles = styles or {}

    def y(score: float) -> float:
        return round(top + (5 - score) / 4 * (bottom - top), 1)

    per_persona = any(
        isinstance(tp.emotion, dict) or isinstance(tp.target_emotion, dict) for _, tp, _ in columns
    )
    series: list[dict[str, Any]] = []

    def add(
        label: str,
        pid: str | None,
        felt: bool,
        values: list[float | None],
        col: str,
        marker: str,
        shown: bool,
    ) -> None:
        if all(v is None for v in values):
            return
        points = [
            _point(xs[i], y(v), marker)
            | {
                "score": number_text(round(v, 1)),
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
                "marker": marker,
                "path": " ".join(segments),
                "points": points,
                "on_demand": not shown,
            }
        )

    aggregate = persona is None or not per_persona
    if aggregate:
        felt_label = "Felt emotion" + (" (mean of the personas)" if per_persona else "")
        target_label = "Target emotion" + (" (mean)" if per_persona else "")
        for label, felt in ((felt_label, True), (target_label, False)):
            values = [
                emotion_for(tp.emotion if felt else tp.target_emotion, persona)
                for _, tp, _ in columns
            ]
            add(label, None, felt, values, "var(--fg)", "circle", True)
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
            style = styles.get(pid)
            col = style.colour if style else colour.get(pid, "#000")
            marker = style.marker if style else "circle"
            add(
                f"{name}, felt",
                pid,
                True,
                [felt_of(tp, w) for _, tp, w in columns],
                col,
                marker,
                persona is not None,
            )
            add(
                f"{name}, target",
                pid,
                False,
                [target_of(tp, w) for _, tp, w in columns],
                col,
                marker,
                persona is not None,
            )
    legend_personas = []
    seen: set[str] = set()
    for s in series:
        if s["persona"] and s["persona"] not in seen:
            seen.add(s["persona"])
            legend_personas.append(
                {
                    "persona": s["persona"],
                    "label": names.get(s["persona"], s["persona"]),
                    "colour": s["colour"],
                    "marker": s["marker"],
                }
            )
    return {
        "width": width,
        "height": CHART_HEIGHT,
        "grid": [
            {"score": s, "y": y(s), "label_y": round(y(s) - 3, 1), "word": EMOTION_WORDS[s]}
            for s in range(1, 6)
        ],
        "series": series,
        "legend_personas": legend_personas,
        "on_demand": any(s["on_demand"] for s in series),
        "title": "Emotion curve: felt (solid) and target (dashed), 1 very negative to 5 very positive",
    }
