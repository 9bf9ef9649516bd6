"""Chart geometry for journey pages: the emotion curve's coordinates, colours and markers.

Every coordinate is computed here so that templates only place what they are given.
"""

from __future__ import annotations

from typing import Any

from journeymap.model import Stage, Touchpoint

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


MARKERS = ["circle", "square", "diamond", "triangle"]


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
        marker = MARKERS[index % len(MARKERS)]
        points = [
            _point(xs[i], y(v), marker)
            | {
                "score": number_text(v),
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
        "grid": [
            {"score": s, "y": y(s), "label_y": round(y(s) - 3, 1), "word": EMOTION_WORDS[s]}
            for s in range(1, 6)
        ],
        "series": series,
        "title": "Emotion curve: felt (solid) and target (dashed), 1 very negative to 5 very positive",
    }
