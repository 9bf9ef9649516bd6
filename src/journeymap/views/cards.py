"""One touchpoint column of a journey page: its card and the items of every lane under it.

The lanes under a card (actions, thoughts, pain points, metrics...) sit in the same
sub-column as the card and the emotion curve's point, so that everything about one
touchpoint lines up vertically; a stage's view (`journeymap.views.stage`) is these
columns side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.core.wording import count_of, with_unit
from journeymap.gaps.scoring import MetricStatus, metric_status
from journeymap.model import Evidence, Metric, Touchpoint
from journeymap.views.charts import emotion_text, number_text
from journeymap.views.colours import PersonaStyle
from journeymap.views.trend import Trend, trend_of

WHO_SHOWN = 6  # persona chips on one card; the rest are counted

METRIC_STATUS_LABELS: dict[MetricStatus, str] = {
    "met": "target met",
    "missed": "below target",
    "unknown": "",
}

COLUMN_LANES = (
    "touchpoints",
    "actions",
    "thoughts",
    "emotion",
    "pain_points",
    "opportunities",
    "metrics",
    "funnel",
    "risks",
    "bp_evidence",
    "bp_frontstage",
    "bp_backstage",
    "bp_support",
)
"""The lanes a column holds, by the names the grid's rows use (`ColumnView`'s fields)."""


@dataclass(frozen=True, slots=True)
class MetricView:
    """A metric as the page shows it: figures as text, its status in words, how far to
    the target (`percent`, for the bar) and its trend."""

    id: str
    name: str
    kind: str
    unit: str
    value: str | None
    target: str | None
    value_text: str  # the value with its unit: "1.4%", "3 days", "1 day"
    target_text: str  # the target so
    better: str
    as_of: str | None
    status: MetricStatus
    status_label: str
    percent: int | None
    trend: Trend | None


@dataclass(frozen=True, slots=True)
class PersonaChip:
    """A persona drawn in its colour and marker: on a card, and in the persona filter."""

    id: str
    name: str
    colour: str
    marker: str


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link from a touchpoint to one of another map, with the address of its card."""

    to: str
    kind: str
    href: str


@dataclass(frozen=True, slots=True)
class TouchpointCard:
    """The card at the top of a column: the touchpoint, its scores, who meets it, links."""

    id: str
    anchor: str
    name: str
    description: str | None
    channel: str | None
    department: str | None
    owner: str | None
    moment_of_truth: bool
    importance: int | None
    performance: int | None
    personas: str  # the ids of who meets it, space-separated, for the persona filter
    persona_names: tuple[str, ...]
    who: tuple[PersonaChip, ...]
    who_more: str
    links: tuple[LinkView, ...]


@dataclass(frozen=True, slots=True)
class TextItem:
    """An item of a lane that is only text: an action, a thought, a risk, a goal."""

    text: str


@dataclass(frozen=True, slots=True)
class FunnelView:
    """How many people reached the touchpoint and went on, as printed."""

    entered: str
    continued: str
    lost: str
    lost_text: str  # "1 person lost", "1,200 people lost"
    percent: int


@dataclass(frozen=True, slots=True)
class PainPointView:
    """A pain point with its severity chip and the evidence behind it, by title and date."""

    id: str
    text: str
    severity: int | None
    severity_class: str
    evidence: tuple[str, ...]
    evidence_text: str


@dataclass(frozen=True, slots=True)
class OpportunityView:
    """An opportunity: where it stands, what it is worth and which pain points it addresses."""

    id: str
    text: str
    status: str
    ref: str | None
    impact: int | None
    effort: int | None
    addresses: tuple[str, ...]


LaneItem = TouchpointCard | TextItem | PainPointView | OpportunityView | MetricView | FunnelView
"""An item of one of a column's lanes (a stage's lanes hold texts, personas and metrics)."""


@dataclass(frozen=True, slots=True)
class ColumnView:
    """One touchpoint's column: its card (`touchpoints`) and one tuple of items a lane.

    Every lane is a field named as in `COLUMN_LANES`, and `col[key]` is the lane of that
    name, so that a grid row reads its lane by its key.
    """

    tp: str
    personas: str
    touchpoints: tuple[TouchpointCard]
    actions: tuple[TextItem, ...]
    thoughts: tuple[TextItem, ...]
    emotion: tuple[TextItem, ...]
    pain_points: tuple[PainPointView, ...]
    opportunities: tuple[OpportunityView, ...]
    metrics: tuple[MetricView, ...]
    funnel: tuple[FunnelView, ...]
    risks: tuple[TextItem, ...]
    bp_evidence: tuple[TextItem, ...]
    bp_frontstage: tuple[TextItem, ...]
    bp_backstage: tuple[TextItem, ...]
    bp_support: tuple[TextItem, ...]

    def __getitem__(self, lane: str) -> Sequence[LaneItem]:
        """The items of the lane named `lane`: the grid's cell macro is one for every lane
        and reads its items by the row's key (`col[lane.key]`)."""
        if lane not in COLUMN_LANES:
            raise KeyError(lane)
        items: Sequence[LaneItem] = getattr(self, lane)
        return items

    def filled(self) -> set[str]:
        """The lanes this column puts something in."""
        return {lane for lane in COLUMN_LANES if self[lane]}


def metric_view(metric: Metric) -> MetricView:
    """A metric of a stage or a touchpoint; the gap report words its status the same way."""
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
    return MetricView(
        id=metric.id,
        name=metric.name,
        kind=metric.kind,
        unit=metric.unit or "",
        value=number_text(metric.value),
        target=number_text(metric.target),
        value_text=with_unit(metric.value, metric.unit),
        target_text=with_unit(metric.target, metric.unit),
        better=metric.better,
        as_of=metric.as_of.isoformat() if metric.as_of else None,
        status=status,
        status_label=METRIC_STATUS_LABELS[status],
        percent=round(ratio * 100) if ratio is not None else None,
        trend=trend_of(metric),
    )


def evidence_label(ev: Evidence | None, eid: str) -> str:
    """Evidence by title and date, never a bare id."""
    if ev is None:
        return f"unknown evidence ({eid})"
    title = ev.title or f"untitled evidence ({ev.id})"
    return f"{title} ({ev.date.isoformat() if ev.date else 'undated'})"


def _card(
    tp: Touchpoint,
    who: list[str],
    names: dict[str, str],
    styles: dict[str, PersonaStyle],
    link_suffix: str,
) -> TouchpointCard:
    """The card; with its links' addresses made for pages in `maps/` (`link_suffix`)."""
    return TouchpointCard(
        id=tp.id,
        anchor=f"tp-{tp.id}",
        name=tp.name,
        description=tp.description,
        channel=tp.channel,
        department=tp.department,
        owner=tp.owner,
        moment_of_truth=tp.moment_of_truth,
        importance=tp.importance,
        performance=tp.performance,
        personas=" ".join(who),
        persona_names=tuple(names.get(p, p) for p in who),
        # at most WHO_SHOWN chips a card: a map whose stage lists 40 people does not
        # print 40 chips on every card (the page stays linear in maps + people)
        who=tuple(
            PersonaChip(p, names.get(p, p), styles[p].colour, styles[p].marker)
            for p in who
            if p in styles
        )[:WHO_SHOWN],
        who_more=f"and {len(who) - WHO_SHOWN} more" if len(who) > WHO_SHOWN else "",
        links=tuple(
            LinkView(
                to=link.to,
                kind=link.kind,
                href=f"{link.to.partition('#')[0]}{link_suffix}#tp-{link.to.partition('#')[2]}",
            )
            for link in tp.links
        ),
    )


def _funnel(tp: Touchpoint) -> tuple[FunnelView, ...]:
    """The funnel lane: one item, or none when the touchpoint has no funnel figures."""
    if tp.funnel is None:
        return ()
    entered, continued = tp.funnel.entered, tp.funnel.continued
    return (
        FunnelView(
            entered=f"{entered:,}",
            continued=f"{continued:,}",
            lost=f"{entered - continued:,}",
            lost_text=f"{count_of(entered - continued, 'person', 'people')} lost",
            percent=round(100 * continued / entered) if entered else 0,
        ),
    )


def _pain_points(tp: Touchpoint, evidence: dict[str, Evidence]) -> tuple[PainPointView, ...]:
    """The pain points, their evidence named from the journey's `evidence` by id."""
    out = []
    for pp in tp.pain_points:
        labels = tuple(evidence_label(evidence.get(e), e) for e in pp.evidence)
        out.append(
            PainPointView(
                id=pp.id,
                text=pp.text,
                severity=pp.severity,
                # the chip colours run from 1 (bad) to 5 (good); severity runs the other way
                severity_class=f"score-{6 - pp.severity}" if pp.severity else "",
                evidence=labels,
                evidence_text=", ".join(labels),
            )
        )
    return tuple(out)


def _texts(texts: list[str] | None) -> tuple[TextItem, ...]:
    """A lane of plain texts (none when `texts` is None or empty)."""
    return tuple(TextItem(t) for t in texts or [])


def column_view(
    tp: Touchpoint,
    who: list[str],
    names: dict[str, str],
    persona: str | None,
    evidence: dict[str, Evidence],
    styles: dict[str, PersonaStyle],
    link_suffix: str,
) -> ColumnView:
    """The card of `tp`, met by `who`, and its lanes; with `persona`, that persona's emotion."""
    card = _card(tp, who, names, styles, link_suffix)
    blueprint = tp.blueprint
    emotion = emotion_text(tp, who, names, persona)
    return ColumnView(
        tp=tp.id,
        personas=card.personas,
        touchpoints=(card,),
        actions=_texts([tp.customer_action] if tp.customer_action else None),
        thoughts=_texts([tp.thoughts] if tp.thoughts else None),
        emotion=_texts([emotion] if emotion else None),
        pain_points=_pain_points(tp, evidence),
        opportunities=tuple(
            OpportunityView(
                id=o.id,
                text=o.text,
                status=o.status,
                ref=o.ref,
                impact=o.impact,
                effort=o.effort,
                addresses=tuple(o.addresses),
            )
            for o in tp.opportunities
        ),
        metrics=tuple(metric_view(m) for m in tp.metrics),
        funnel=_funnel(tp),
        risks=_texts(tp.risks),
        bp_evidence=_texts(blueprint.evidence if blueprint else None),
        bp_frontstage=_texts(blueprint.frontstage if blueprint else None),
        bp_backstage=_texts(blueprint.backstage if blueprint else None),
        bp_support=_texts(blueprint.support if blueprint else None),
    )
