"""The combined B2B2C page: the business layer above the consumer layer on one stage axis.

Two B2B2C maps linked touchpoint to touchpoint are one story: the partner's friction
flows down to the consumer. The page puts both layers on a shared row of stages and
draws each link as a line between the two touchpoints, red where the business side is
hurting (low performance or open pain points). Every coordinate is computed here: the
columns have a fixed width, so a touchpoint's x is known without a browser.
"""

from __future__ import annotations

from typing import Any

from journeymap.core.wording import count_of
from journeymap.model import Journey, Touchpoint
from journeymap.views.site import MAPS, MapSet, combined_page

COLUMN = 220
BAND = 90


def is_consumer_layer(journey: Journey, portfolio: MapSet) -> bool:
    """A B2B2C map is the consumer layer if its `layer` says so, or all its people are consumers."""
    if "consumer" in (journey.layer or "").lower():
        return True
    from journeymap.model.who import personas_of

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


def _card(journey: Journey, tp: Touchpoint, x: float, suffix: str) -> dict[str, Any]:
    friction = (tp.performance is not None and tp.performance <= 2) or bool(tp.pain_points)
    return {
        "name": tp.name,
        "href": f"{MAPS}{journey.id}{suffix}#tp-{tp.id}",
        "performance": tp.performance,
        "importance": tp.importance,
        "emotion": tp.emotion if isinstance(tp.emotion, int) else None,
        "pains": [{"text": p.text, "severity": p.severity} for p in tp.pain_points],
        "friction": friction,
        "x": x,
    }


def combined_view(
    business: Journey, portfolio: MapSet, link_suffix: str = ".html"
) -> dict[str, Any]:
    """Both layers, the stage axis they share and the links between them."""
    consumers = consumer_layers(business, portfolio)
    layers = [business, *consumers]
    axis = _axis(layers)
    widths = []
    for sid, _ in axis:
        most = max(
            (len(s.touchpoints) for layer in layers for s in layer.stages if s.id == sid),
            default=1,
        )
        widths.append(max(1, most) * COLUMN)
    xs = [sum(widths[:i]) for i in range(len(widths))]
    position: dict[tuple[str, str], float] = {}
    rows: list[dict[str, Any]] = []
    for layer in layers:
        cells = []
        for (sid, _), x, width in zip(axis, xs, widths, strict=True):
            stage = next((s for s in layer.stages if s.id == sid), None)
            cards = []
            for i, tp in enumerate(stage.touchpoints if stage else []):
                cx = x + (i + 0.5) * COLUMN
                position[(layer.id, tp.id)] = cx
                cards.append(_card(layer, tp, cx, link_suffix))
            cells.append({"cards": cards, "count": width // COLUMN})
        rows.append(
            {
                "id": layer.id,
                "title": layer.title,
                "label": f"{layer.layer or 'business'} layer",
                "href": f"{MAPS}{layer.id}{link_suffix}",
                "cells": cells,
            }
        )
    total = sum(widths)
    bands: list[dict[str, Any]] = []
    by_id = {j.id: j for j in layers}
    for consumer in consumers:
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for src in (business, consumer):
            for *_, tp in src.touchpoints():
                for link in tp.links:
                    target, _, target_tp = link.to.partition("#")
                    dst = by_id.get(target)
                    if (
                        dst is None
                        or dst.id == src.id
                        or {src.id, dst.id} != {business.id, consumer.id}
                    ):
                        continue
                    if (dst.id, target_tp) not in position:
                        continue
                    top_tp = tp if src is business else _touchpoint(business, target_tp)
                    bottom_tp = _touchpoint(consumer, target_tp) if src is business else tp
                    if top_tp is None or bottom_tp is None:
                        continue
                    x1 = position[(business.id, top_tp.id)]
                    x2 = position[(consumer.id, bottom_tp.id)]
                    friction = _card(business, top_tp, x1, link_suffix)["friction"]
                    key = (top_tp.id, bottom_tp.id)
                    if key in found:  # both maps name the same link: one line, both kinds
                        if link.kind not in found[key]["kind"]:
                            found[key]["kind"] += f", {link.kind}"
                        continue
                    found[key] = {
                        "path": f"M{x1:g},4 C{x1:g},{BAND / 2:g} {x2:g},{BAND / 2:g} {x2:g},{BAND - 6:g}",
                        "x1": x1,
                        "x2": x2,
                        "label_x": round((x1 + x2) / 2, 1),
                        "label_y": BAND / 2 - 4,
                        "kind": link.kind,
                        "friction": friction,
                        "title": f"{top_tp.name} ({business.title}) {link.kind} "
                        f"{bottom_tp.name} ({consumer.title})"
                        + (": friction on the business side" if friction else ""),
                    }
        links = list(found.values())
        links.sort(key=lambda link: (link["x1"], link["x2"], link["kind"]))
        bands.append(_band(consumer.id, links))
    for row, band in zip(rows[1:], bands, strict=True):
        row["band"] = band
    rows[0]["band"] = None
    return {
        "title": f"{business.title} with its consumer layer",
        "business": {"id": business.id, "title": business.title},
        "consumers": [{"id": c.id, "title": c.title} for c in consumers],
        "page": combined_page(business.id, link_suffix),
        "stages": [
            {"id": sid, "name": name, "width": w}
            for (sid, name), w in zip(axis, widths, strict=True)
        ],
        "stage_count": len(axis),
        "rows": rows,
        "bands": bands,
        "width": total,
        "band_height": BAND,
        "column": COLUMN,
        "index": f"index{link_suffix}",
    }


def _band(consumer: str, links: list[dict[str, Any]]) -> dict[str, Any]:
    """The links between the business layer and one consumer layer, counted in words."""
    return {
        "consumer": consumer,
        "links": links,
        "count": len(links),
        "count_text": count_of(len(links), "link"),
    }


def _touchpoint(journey: Journey, tp_id: str) -> Touchpoint | None:
    return next((tp for *_, tp in journey.touchpoints() if tp.id == tp_id), None)
