"""One journey page's view data: stages, lanes, overview, print groups, every count and order.

Templates only display. Everything a page shows is decided here and in the modules
beside it, as frozen dataclasses, so the same data feeds HTML and Markdown and a
template that names a field the view does not have fails (StrictUndefined).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.model import Journey, Persona
from journeymap.model.committee import committee_at
from journeymap.model.who import met_in, personas_of
from journeymap.views.cards import PersonaChip
from journeymap.views.charts import COLUMN_WIDTH, Column, EmotionChart, emotion_chart
from journeymap.views.colours import PersonaStyle
from journeymap.views.combined import business_layer_of
from journeymap.views.committee import CommitteeTimeline, committee_timeline
from journeymap.views.mermaid import MermaidView
from journeymap.views.overview import Overview, StageTouchpoints, overview_view
from journeymap.views.printing import PrintGroup, print_groups
from journeymap.views.site import (
    GAP_REPORT,
    INDEX,
    JourneySummary,
    MapSet,
    combined_page,
    journey_summary,
)
from journeymap.views.stage import STAGE_LANES, PhaseSpan, StageView, phase_spans, stage_view

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


@dataclass(frozen=True, slots=True)
class Lane:
    """A row of the grid: a lane of items, or one of a blueprint's three lines."""

    key: str
    label: str
    line: bool
    stage_level: bool  # said once a stage (`StageView.stage_lanes`), not once a touchpoint


@dataclass(frozen=True, slots=True)
class CommitteeMember:
    """A person of the buying committee (or a consumer map's people) as the table lists them."""

    id: str
    name: str
    role: str
    influence: str | None
    description: str | None
    goals: tuple[str, ...]
    concerns: tuple[str, ...]
    colour: str
    marker: str


@dataclass(frozen=True, slots=True)
class CommitteeColumns:
    """Which of the people table's columns anyone filled: the others are left out."""

    role: bool
    influence: bool
    goals: bool
    concerns: bool


@dataclass(frozen=True, slots=True)
class SegmentLabels:
    """What the page calls its people: a buying committee, or people on a consumer map."""

    people: str
    person: str
    people_lower: str


@dataclass(frozen=True, slots=True)
class AccountRow:
    """A line of the account portrait (only the ones the map fills)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Nav:
    """Links from a map page (in `maps/`) back to the site's own pages."""

    index: str
    gaps: str
    combined: str | None


@dataclass(frozen=True, slots=True)
class PersonaRef:
    """The persona a page is drawn for (`render --persona`)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class JourneyPage:
    """Everything one journey page shows. `mermaid` is set for the Markdown page only
    (`dataclasses.replace(page, mermaid=mermaid_view(...))`)."""

    journey: JourneySummary
    persona: PersonaRef | None
    labels: SegmentLabels
    nav: Nav
    account: tuple[AccountRow, ...]
    committee: tuple[CommitteeMember, ...]
    committee_columns: CommitteeColumns
    timeline: CommitteeTimeline | None
    overview: Overview
    phases: tuple[PhaseSpan, ...]
    stages: tuple[StageView, ...]
    lanes: tuple[Lane, ...]
    blueprint: bool
    stage_count: int
    chart: EmotionChart
    filter: tuple[PersonaChip, ...]
    print_groups: tuple[PrintGroup, ...]
    width: int
    column_width: int
    mermaid: MermaidView | None = None


@dataclass(frozen=True, slots=True)
class _Grid:
    """The stages a page keeps, side by side, and the touchpoint columns across them."""

    stages: tuple[StageView, ...]
    kept: tuple[StageTouchpoints, ...]
    columns: tuple[Column, ...]
    width: int


def _grid(
    journey: Journey,
    persona_ids: list[str],
    names: dict[str, str],
    styles: dict[str, PersonaStyle],
    persona: str | None,
    link_suffix: str,
) -> _Grid:
    """The stages left to lay out (with `persona`, those the persona takes part in), each as
    wide as its touchpoints, placed left to right."""
    evidence = {ev.id: ev for ev in journey.evidence}
    stages: list[StageView] = []
    kept: list[StageTouchpoints] = []
    columns: list[Column] = []
    x = 0
    for si, stage in enumerate(journey.stages):
        present = committee_at(journey, si, persona_ids)  # who is in the room then
        tps = met_in(stage, present, persona)
        if persona is not None and not tps and persona not in (stage.personas or present):
            continue
        width = max(1, len(tps)) * COLUMN_WIDTH
        stages.append(
            stage_view(stage, tps, names, x, width, persona, evidence, styles, link_suffix)
        )
        kept.append(StageTouchpoints(stage, tps))
        columns.extend((stage, tp, who) for tp, who in tps)
        x += width
    return _Grid(tuple(stages), tuple(kept), tuple(columns), x)


def _committee(
    people: Sequence[Persona], persona: str | None, styles: dict[str, PersonaStyle]
) -> tuple[CommitteeMember, ...]:
    """The people table; with `persona`, only that persona."""
    return tuple(
        CommitteeMember(
            id=p.id,
            name=p.name,
            role=(p.role or "").replace("-", " "),
            influence=p.influence,
            description=p.description,
            goals=tuple(p.goals),
            concerns=tuple(p.concerns),
            colour=styles[p.id].colour,
            marker=styles[p.id].marker,
        )
        for p in people
        if persona is None or p.id == persona
    )


def journey_view(
    journey: Journey,
    portfolio: MapSet,
    *,
    persona: str | None = None,
    link_suffix: str = ".html",
) -> JourneyPage:
    """Everything one journey page shows; with `persona`, only what that persona meets.

    Links assume the page lives in `maps/` (see `journeymap.views.site`).
    """
    all_personas = personas_of(journey, portfolio.library)
    persona_ids = [p.id for p in all_personas]
    names = {p.id: p.name for p in all_personas}
    styles = {pid: portfolio.style(pid) for pid in persona_ids}
    colour = {pid: style.colour for pid, style in styles.items()}
    grid = _grid(journey, persona_ids, names, styles, persona, link_suffix)
    stages = grid.stages
    blueprint = any(key in s.filled for s in stages for key in BLUEPRINT_KEYS)
    committee = _committee(all_personas, persona, styles)
    return JourneyPage(
        journey=journey_summary(journey, portfolio, link_suffix),
        persona=PersonaRef(persona, names.get(persona, persona)) if persona else None,
        labels=segment_labels(journey, all_personas),
        nav=_nav(journey, portfolio, link_suffix),
        account=_account(journey),
        committee=committee,
        committee_columns=CommitteeColumns(
            role=any(p.role for p in committee),
            influence=any(p.influence for p in committee),
            goals=any(p.goals for p in committee),
            concerns=any(p.concerns for p in committee),
        ),
        timeline=(
            committee_timeline(journey, all_personas, styles, portfolio.required_roles)
            if persona is None
            else None
        ),
        overview=overview_view(grid.kept, persona_ids, names, styles, persona),
        phases=phase_spans(journey, stages),
        stages=stages,
        lanes=_lanes(stages, grid.columns, blueprint),
        blueprint=blueprint,
        stage_count=len(stages),
        chart=emotion_chart(grid.columns, stages, persona_ids, names, colour, persona, styles),
        filter=()
        if persona
        else tuple(
            PersonaChip(p.id, p.name, colour[p.id], styles[p.id].marker) for p in all_personas
        ),
        print_groups=print_groups(stages),
        width=grid.width,
        column_width=COLUMN_WIDTH,
    )


def _lanes(
    stages: Sequence[StageView], columns: Sequence[Column], blueprint: bool
) -> tuple[Lane, ...]:
    """The rows of the grid that hold something; a blueprint's rows in the standard order."""

    def filled(key: str) -> bool:
        if key == "emotion":
            return any(
                tp.emotion is not None or tp.target_emotion is not None for _, tp, _ in columns
            )
        return any(key in s.filled for s in stages)

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
            out.append(Lane(key, label, line, key in STAGE_LANES))
    return tuple(out)


def _nav(journey: Journey, portfolio: MapSet, link_suffix: str) -> Nav:
    """The crumbs: the index, the gap report and the combined page when the map has one."""
    business = business_layer_of(journey, portfolio)
    return Nav(
        index=f"../{INDEX}{link_suffix}",
        gaps=f"../{GAP_REPORT}{link_suffix}",
        combined=f"../{combined_page(business.id, link_suffix)}" if business else None,
    )


def segment_labels(journey: Journey, personas: list[Persona]) -> SegmentLabels:
    """A buying committee is a B2B idea: a consumer map names its people "People"."""
    consumer_layer = journey.segment == "b2b2c" and (
        "consumer" in (journey.layer or "").lower()
        or (bool(personas) and all(p.role == "end-consumer" for p in personas))
    )
    if journey.segment == "b2c" or consumer_layer:
        return SegmentLabels(people="People", person="Person", people_lower="people")
    return SegmentLabels(people="Buying committee", person="Person", people_lower="the committee")


def _account(journey: Journey) -> tuple[AccountRow, ...]:
    """The account portrait's filled lines, in a fixed order."""
    if journey.account is None:
        return ()
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
    return tuple(AccountRow(k, v) for k, v in rows if v)
