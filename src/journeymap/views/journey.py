"""One journey page's view data: stages, lanes, overview, print groups, every count and order.

Templates only display. Everything a page shows is decided here and in the modules
beside it, as plain dicts and lists, so the same data feeds HTML and Markdown.
"""

from __future__ import annotations

from typing import Any

from journeymap.model import Journey, Persona, Stage, Touchpoint
from journeymap.model.who import met_in, personas_of
from journeymap.views.charts import COLUMN_WIDTH, emotion_chart
from journeymap.views.overview import StageTouchpoints, overview_view
from journeymap.views.site import (
    GAP_REPORT,
    INDEX,
    MapSet,
    combined_page,
    journey_summary,
)
from journeymap.views.stage import STAGE_LANES, phase_spans, stage_view

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
]


# A service blueprint's rows in the standard order, directly under the touchpoints, with
# its three lines between them (Shostack; Bitner, Ostrom and Morgan).
BLUEPRINT_LANES: list[tuple[str, str]] = [
    ("bp_evidence", "Physical evidence"),
    ("actions", "Customer actions"),
    ("line-interaction", "Line of interaction"),
    ("bp_frontstage", "Frontstage actions"),
    ("line-visibility", "Line of visibility"),
    ("bp_backstage", "Backstage actions"),
    ("line-internal", "Line of internal interaction"),
    ("bp_support", "Support processes"),
]


BLUEPRINT_KEYS = {"bp_evidence", "bp_frontstage", "bp_backstage", "bp_support"}


PRINT_COLUMNS = 4  # touchpoint columns on one printed landscape page


"""How every page and report words a metric's status (the status itself is in scoring)."""


def journey_view(
    journey: Journey,
    portfolio: MapSet,
    *,
    persona: str | None = None,
    link_suffix: str = ".html",
) -> dict[str, Any]:
    """Everything one journey page shows; with `persona`, only what that persona meets.

    Links assume the page lives in `maps/` (see `journeymap.views.site`).
    """
    all_personas = personas_of(journey, portfolio.library)
    persona_ids = [p.id for p in all_personas]
    names = {p.id: p.name for p in all_personas}
    styles = {pid: portfolio.style(pid) for pid in persona_ids}
    colour = {pid: style.colour for pid, style in styles.items()}

    evidence = {ev.id: ev for ev in journey.evidence}
    stages: list[dict[str, Any]] = []
    kept: list[StageTouchpoints] = []
    columns: list[tuple[Stage, Touchpoint, list[str]]] = []
    x = 0
    for stage in journey.stages:
        tps = met_in(stage, persona_ids, persona)
        if persona is not None and not tps and persona not in (stage.personas or persona_ids):
            continue
        width = max(1, len(tps)) * COLUMN_WIDTH
        stages.append(
            stage_view(stage, tps, names, x, width, persona, evidence, styles, link_suffix)
        )
        kept.append(StageTouchpoints(stage, tps))
        columns.extend((stage, tp, who) for tp, who in tps)
        x += width

    phases = phase_spans(journey, stages)
    blueprint = any(key in s["filled"] for s in stages for key in BLUEPRINT_KEYS)
    lanes = _lanes(stages, columns, blueprint)
    labels = segment_labels(journey, all_personas)
    committee = [
        {
            "id": p.id,
            "name": p.name,
            "role": (p.role or "").replace("-", " "),
            "influence": p.influence,
            "description": p.description,
            "goals": list(p.goals),
            "concerns": list(p.concerns),
            "colour": colour[p.id],
            "marker": styles[p.id].marker,
        }
        for p in all_personas
        if persona is None or p.id == persona
    ]
    return {
        "journey": journey_summary(journey, portfolio, link_suffix),
        "persona": {"id": persona, "name": names.get(persona or "", persona)} if persona else None,
        "labels": labels,
        "nav": _nav(journey, portfolio, link_suffix),
        "account": _account(journey),
        "committee": committee,
        "committee_columns": {
            "role": any(p["role"] for p in committee),
            "influence": any(p["influence"] for p in committee),
            "goals": any(p["goals"] for p in committee),
            "concerns": any(p["concerns"] for p in committee),
        },
        "overview": overview_view(kept, persona_ids, names, styles, persona),
        "phases": phases,
        "stages": stages,
        "lanes": lanes,
        "blueprint": blueprint,
        "stage_count": len(stages),
        "chart": emotion_chart(columns, stages, persona_ids, names, colour, persona, styles),
        "filter": []
        if persona
        else [
            {"id": p.id, "name": p.name, "colour": colour[p.id], "marker": styles[p.id].marker}
            for p in all_personas
        ],
        "print_groups": print_groups(stages),
        "width": x,
        "column_width": COLUMN_WIDTH,
    }


def _lanes(
    stages: list[dict[str, Any]],
    columns: list[tuple[Stage, Touchpoint, list[str]]],
    blueprint: bool,
) -> list[dict[str, Any]]:
    """The rows of the grid that hold something; a blueprint's rows in the standard order."""

    def filled(key: str) -> bool:
        if key == "emotion":
            return any(
                tp.emotion is not None or tp.target_emotion is not None for _, tp, _ in columns
            )
        return any(key in s["filled"] for s in stages)

    order: list[tuple[str, str]] = []
    for key, label in LANES:
        if blueprint and key == "actions":
            continue  # shown inside the blueprint, between its evidence and the line
        order.append((key, label))
        if blueprint and key == "touchpoints":
            order.extend(BLUEPRINT_LANES)
    out = []
    for key, label in order:
        line = key.startswith("line-")
        in_blueprint = blueprint and (key in BLUEPRINT_KEYS or key == "actions")
        if line or in_blueprint or filled(key):
            out.append(
                {
                    "key": key,
                    "label": label,
                    "line": line,
                    "stage_level": key in STAGE_LANES,
                }
            )
    return out


def _nav(journey: Journey, portfolio: MapSet, link_suffix: str) -> dict[str, Any]:
    """Links from a map page (in `maps/`) back to the site's own pages."""
    from journeymap.views.combined import business_layer_of

    business = business_layer_of(journey, portfolio)
    return {
        "index": f"../{INDEX}{link_suffix}",
        "gaps": f"../{GAP_REPORT}{link_suffix}",
        "combined": f"../{combined_page(business.id, link_suffix)}" if business else None,
    }


def segment_labels(journey: Journey, personas: list[Persona]) -> dict[str, str]:
    """A buying committee is a B2B idea: a consumer map names its people "People"."""
    consumer_layer = journey.segment == "b2b2c" and (
        "consumer" in (journey.layer or "").lower()
        or (bool(personas) and all(p.role == "end-consumer" for p in personas))
    )
    if journey.segment == "b2c" or consumer_layer:
        return {"people": "People", "person": "Person", "people_lower": "people"}
    return {"people": "Buying committee", "person": "Person", "people_lower": "the committee"}


def print_groups(
    stages: list[dict[str, Any]], per_page: int = PRINT_COLUMNS
) -> list[dict[str, Any]]:
    """The detail split into page-wide pieces: at most `per_page` touchpoint columns each.

    Stages stay whole when they fit; a stage wider than a page is cut into pieces marked
    "continued", so that nothing is clipped and every touchpoint is printed once.
    """
    groups: list[list[dict[str, Any]]] = [[]]
    used = 0
    for stage in stages:
        cols = stage["columns"] or [None]
        pieces = [cols[i : i + per_page] for i in range(0, len(cols), per_page)]
        for n, piece in enumerate(pieces):
            if used and used + len(piece) > per_page:
                groups.append([])
                used = 0
            groups[-1].append(
                {
                    "stage": stage,
                    "columns": [c for c in piece if c is not None],
                    "count": len(piece),
                    "continued": n > 0,
                    "name": f"{stage['name']} (continued)" if n else stage["name"],
                }
            )
            used += len(piece)
    out = []
    for group in groups:
        if not group:
            continue
        for segment in group:
            # the lane column takes 14% of the page; a full group shares the rest by columns
            segment["percent"] = round(86 * segment["count"] / per_page, 2)
        out.append({"segments": group, "columns": sum(s["count"] for s in group)})
    return out


def screen_segments(stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "stage": s,
            "columns": s["columns"],
            "count": s["count"],
            "continued": False,
            "name": s["name"],
        }
        for s in stages
    ]


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
