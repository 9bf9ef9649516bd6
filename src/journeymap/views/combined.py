"""The combined B2B2C page: the business layer above the consumer layer on one stage axis.

Two B2B2C maps linked touchpoint to touchpoint are one story: the partner's friction
flows down to the consumer. The page puts both layers on a shared row of stages and
draws each link as a line between the two touchpoints, red where the business side is
hurting (low performance or open pain points). Every coordinate is computed here: the
columns have a fixed width, so a touchpoint's x is known without a browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from journeymap.core.wording import count_of
from journeymap.model import Journey, Touchpoint
from journeymap.model.who import personas_of
from journeymap.views.site import MAPS, MapSet, combined_page

COLUMN = 220
BAND = 90


def is_consumer_layer(journey: Journey, portfolio: MapSet) -> bool:
    """A B2B2C map is the consumer layer if its `layer` says so, or all its people are consumers."""
    if "consumer" in (journey.layer or "").lower():
        return True
    people = personas_of(journey, portfolio.library)
    return bool(people) and all(p.role == "end-consumer" for p in people)


def _linked(a: Journey, b: Journey) -> bool:
    def targets(j: Journey) -> set[str]:
        return {link.to.partition("#")[0] for *_, tp in j.touchpoints() for link in tp.links}

    return b.id in targets(a) or a.id in targets(b)


def consumer_layers(business: Journey, portfolio: MapSet) -> list[Journey]:
    return sorted(
        (
            j
            for j in portfolio.journeys
            if j.segment == "b2b2c"
            and j.id != business.id
            and is_consumer_layer(j, portfolio)
            and _linked(business, j)
        ),
        key=lambda j: j.id,
    )


def business_layers(portfolio: MapSet) -> list[Journey]:
    """The business layers that have a consumer layer linked to them: one combined page each."""
    return sorted(
        (
            j
            for j in portfolio.journeys
            if j.segment == "b2b2c"
            and not is_consumer_layer(j, portfolio)
            and consumer_layers(j, portfolio)
        ),
        key=lambda j: j.id,
    )


def business_layer_of(journey: Journey, portfolio: MapSet) -> Journey | None:
    """The business layer whose combined page shows this map, if any."""
    if journey.segment != "b2b2c":
        return None
    for business in business_layers(portfolio):
        if business.id == journey.id or journey in consumer_layers(business, portfolio):
            return business
    return None


def _axis(layers: list[Journey]) -> list[tuple[str, str]]:
    """Stage ids in journey order: the business layer's, with the others' own stages slotted in
    after the last stage they share."""
    axis: list[tuple[str, str]] = [(s.id, s.name) for s in layers[0].stages]
    for layer in layers[1:]:
        last = -1
        for stage in layer.stages:
            ids = [a for a, _ in axis]
            if stage.id in ids:
                last = ids.index(stage.id)
            else:
                axis.insert(last + 1, (stage.id, stage.name))
                last += 1
    return axis


@dataclass(frozen=True, slots=True)
class CardPain:
    """A pain point on a combined card: the text and how severe it is."""

    text: str
    severity: int | None


@dataclass(frozen=True, slots=True)
class CombinedCard:
    """A touchpoint on the combined page; `friction` where the business side is hurting."""

    name: str
    href: str
    performance: int | None
    importance: int | None
    emotion: int | None
    pains: tuple[CardPain, ...]
    friction: bool
    x: float


@dataclass(frozen=True, slots=True)
class CombinedCell:
    """One layer's touchpoints in one stage of the shared axis."""

    cards: tuple[CombinedCard, ...]
    count: int  # sub-columns: the stage's width in columns


@dataclass(frozen=True, slots=True)
class LinkLine:
    """A link drawn between a business touchpoint (x1, above) and a consumer one (x2)."""

    path: str
    x1: float
    x2: float
    label_x: float
    label_y: float
    kind: str  # both kinds when both maps name the link: "affects, continues"
    friction: bool
    title: str


@dataclass(frozen=True, slots=True)
class LinkBand:
    """The band of links between the business layer and one consumer layer."""

    consumer: str
    links: tuple[LinkLine, ...]
    count: int
    count_text: str  # "1 link", "3 links"


@dataclass(frozen=True, slots=True)
class LayerRow:
    """One layer's row; a consumer layer's comes with the band of links above it."""

    id: str
    title: str
    label: str
    href: str
    cells: tuple[CombinedCell, ...]
    band: LinkBand | None


@dataclass(frozen=True, slots=True)
class MapRef:
    """One of the page's maps, by id and title."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class AxisStage:
    """A stage of the shared axis, as wide as the widest layer makes it."""

    id: str
    name: str
    width: int


@dataclass(frozen=True, slots=True)
class CombinedPage:
    """The combined page of a business layer and the consumer layers linked to it."""

    title: str
    business: MapRef
    consumers: tuple[MapRef, ...]
    page: str
    stages: tuple[AxisStage, ...]
    stage_count: int
    rows: tuple[LayerRow, ...]
    bands: tuple[LinkBand, ...]
    width: int
    band_height: int
    column: int
    index: str


Position = dict[tuple[str, str], float]
"""(layer id, touchpoint id) -> the x of the touchpoint's column on the page."""


def _friction(tp: Touchpoint) -> bool:
    """The business side is hurting here: low performance or open pain points."""
    return (tp.performance is not None and tp.performance <= 2) or bool(tp.pain_points)


def _card(journey: Journey, tp: Touchpoint, x: float, suffix: str) -> CombinedCard:
    """A card at `x` on the page, linked to the touchpoint on its own map."""
    return CombinedCard(
        name=tp.name,
        href=f"{MAPS}{journey.id}{suffix}#tp-{tp.id}",
        performance=tp.performance,
        importance=tp.importance,
        emotion=tp.emotion if isinstance(tp.emotion, int) else None,
        pains=tuple(CardPain(p.text, p.severity) for p in tp.pain_points),
        friction=_friction(tp),
        x=x,
    )


def _widths(axis: Sequence[tuple[str, str]], layers: Sequence[Journey]) -> list[int]:
    """Each axis stage as wide as the layer with the most touchpoints in it."""
    widths = []
    for sid, _ in axis:
        most = max(
            (len(s.touchpoints) for layer in layers for s in layer.stages if s.id == sid),
            default=1,
        )
        widths.append(max(1, most) * COLUMN)
    return widths


def _cells(
    layer: Journey,
    axis: Sequence[tuple[str, str]],
    widths: Sequence[int],
    suffix: str,
    position: Position,
) -> tuple[CombinedCell, ...]:
    """A layer's cards stage by stage; each card's x is noted in `position`."""
    cells = []
    x = 0
    for (sid, _), width in zip(axis, widths, strict=True):
        stage = next((s for s in layer.stages if s.id == sid), None)
        cards = []
        for i, tp in enumerate(stage.touchpoints if stage else []):
            cx = x + (i + 0.5) * COLUMN
            position[(layer.id, tp.id)] = cx
            cards.append(_card(layer, tp, cx, suffix))
        cells.append(CombinedCell(tuple(cards), width // COLUMN))
        x += width
    return tuple(cells)


def _line(
    top: Touchpoint, bottom: Touchpoint, kind: str, x1: float, x2: float, titles: tuple[str, str]
) -> LinkLine:
    """The curve from the business card (`top`, at x1) down to the consumer card (`bottom`,
    at x2); `titles` are the two maps'. Friction is the business side's: it flows down."""
    friction = _friction(top)
    return LinkLine(
        path=f"M{x1:g},4 C{x1:g},{BAND / 2:g} {x2:g},{BAND / 2:g} {x2:g},{BAND - 6:g}",
        x1=x1,
        x2=x2,
        label_x=round((x1 + x2) / 2, 1),
        label_y=BAND / 2 - 4,
        kind=kind,
        friction=friction,
        title=f"{top.name} ({titles[0]}) {kind} {bottom.name} ({titles[1]})"
        + (": friction on the business side" if friction else ""),
    )


def _band(business: Journey, consumer: Journey, position: Position) -> LinkBand:
    """Every link between the two layers, named by either map, drawn once."""
    layers = {business.id: business, consumer.id: consumer}
    found: dict[tuple[str, str], LinkLine] = {}
    for src in (business, consumer):
        for *_, tp in src.touchpoints():
            for link in tp.links:
                target, _, target_tp = link.to.partition("#")
                dst = layers.get(target)
                if dst is None or dst.id == src.id or (dst.id, target_tp) not in position:
                    continue
                top = tp if src is business else _touchpoint(business, target_tp)
                bottom = _touchpoint(consumer, target_tp) if src is business else tp
                if top is None or bottom is None:
                    continue
                key = (top.id, bottom.id)
                if key in found:  # both maps name the same link: one line, both kinds
                    if link.kind not in found[key].kind:
                        found[key] = replace(found[key], kind=f"{found[key].kind}, {link.kind}")
                    continue
                x1, x2 = position[(business.id, top.id)], position[(consumer.id, bottom.id)]
                found[key] = _line(top, bottom, link.kind, x1, x2, (business.title, consumer.title))
    links = sorted(found.values(), key=lambda link: (link.x1, link.x2, link.kind))
    return LinkBand(consumer.id, tuple(links), len(links), count_of(len(links), "link"))


def combined_view(business: Journey, portfolio: MapSet, link_suffix: str = ".html") -> CombinedPage:
    """Both layers, the stage axis they share and the links between them."""
    consumers = consumer_layers(business, portfolio)
    layers = [business, *consumers]
    axis = _axis(layers)
    widths = _widths(axis, layers)
    position: Position = {}
    cells = [_cells(layer, axis, widths, link_suffix, position) for layer in layers]
    bands = tuple(_band(business, consumer, position) for consumer in consumers)
    rows = tuple(
        LayerRow(
            id=layer.id,
            title=layer.title,
            label=f"{layer.layer or 'business'} layer",
            href=f"{MAPS}{layer.id}{link_suffix}",
            cells=layer_cells,
            band=band,
        )
        for layer, layer_cells, band in zip(layers, cells, (None, *bands), strict=True)
    )
    return CombinedPage(
        title=f"{business.title} with its consumer layer",
        business=MapRef(business.id, business.title),
        consumers=tuple(MapRef(c.id, c.title) for c in consumers),
        page=combined_page(business.id, link_suffix),
        stages=tuple(AxisStage(sid, name, w) for (sid, name), w in zip(axis, widths, strict=True)),
        stage_count=len(axis),
        rows=rows,
        bands=bands,
        width=sum(widths),
        band_height=BAND,
        column=COLUMN,
        index=f"index{link_suffix}",
    )


def _touchpoint(journey: Journey, tp_id: str) -> Touchpoint | None:
    return next((tp for *_, tp in journey.touchpoints() if tp.id == tp_id), None)
