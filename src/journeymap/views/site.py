"""The portfolio around the pages: where each page lives, links between maps.

Where pages live (the site's layout, one place for `render`, `serve` and every link):

- `index.html`, `gap-report.html` and `b2b2c-<business map id>.html` at the top: the
  site's own pages, and `gaps.csv` beside the gap report, every ranked gap;
- `maps/<journey id>.html`: one page per journey (and `maps/<id>--<persona>.html` for
  `render --persona`).

Journeys live in their own folder so that no journey id can ever take a site page's
name: a journey called `index` or `gap-report` is `maps/index.html`, and the portfolio
page stays the portfolio page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from journeymap.core.wording import count_of
from journeymap.model import Journey, Persona
from journeymap.views.colours import (
    FALLBACK,
    PersonaStyle,
    assign_styles,
    portfolio_personas,
)

MAPS = "maps/"
INDEX = "index"
GAP_REPORT = "gap-report"
GAPS_CSV = "gaps.csv"
"""Every ranked gap of the portfolio, beside the site's gap report."""
SITE_TOP_GAPS = 100
"""How many ranked gaps the site's gap report shows: the list a team works from, not the
thousands a large portfolio has (all of them are in `GAPS_CSV`)."""
COMBINED_PREFIX = "b2b2c-"


@dataclass
class MapSet:
    """The valid journeys of a run and the personas they can refer to."""

    journeys: Sequence[Journey]
    library: dict[str, Persona]
    # role -> the stage id by which it must have been met (committee-coverage's roles)
    required_roles: dict[str, str] = field(default_factory=dict)

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

    @cached_property
    def styles(self) -> dict[str, PersonaStyle]:
        """Persona id -> colour and marker, assigned once for the whole portfolio."""
        return assign_styles(portfolio_personas(self.journeys, self.library))

    def style(self, persona_id: str) -> PersonaStyle:
        return self.styles.get(persona_id, FALLBACK)


def page_name(journey_id: str, persona: str | None = None) -> str:
    """A journey page's name inside `maps/`, without the suffix."""
    return f"{journey_id}--{persona}" if persona else journey_id


def journey_page(journey_id: str, suffix: str = ".html", persona: str | None = None) -> str:
    """A journey page's path from the site's top: `maps/<id>.html`."""
    return f"{MAPS}{page_name(journey_id, persona)}{suffix}"


def combined_page(business_id: str, suffix: str = ".html") -> str:
    """The combined B2B2C page of a business layer, at the top of the site."""
    return f"{COMBINED_PREFIX}{business_id}{suffix}"


def _tags(journey: Journey) -> list[str]:
    """The tags, less those the page already shows as a badge (a `b2b2c` tag beside the
    `B2B2C` segment badge read as the same thing said twice)."""
    badges = {journey.segment.casefold(), f"{journey.state} state"}
    if journey.layer:
        badges.add(f"{journey.layer} layer")
    return [tag for tag in journey.tags if tag.casefold() not in badges]


@dataclass(frozen=True, slots=True)
class RelatedMap:
    """Another map of the portfolio this one belongs with, and why (`relation`)."""

    id: str
    title: str
    relation: str
    href: str


@dataclass(frozen=True, slots=True)
class JourneySummary:
    """What every page says about a map: its header, its counts and its related maps."""

    id: str
    title: str
    description: str | None
    state: str
    segment: str
    layer: str | None
    objective: str | None
    owner: str | None
    updated: str | None
    reviewed_by: str | None
    reviewed: str | None
    tags: tuple[str, ...]
    stage_count: int
    touchpoint_count: int
    moments_of_truth: int
    counts_text: str  # "1 stage · 2 touchpoints · 0 moments of truth"
    related: tuple[RelatedMap, ...]


def journey_summary(
    journey: Journey, portfolio: MapSet, link_suffix: str, base: str = ""
) -> JourneySummary:
    """What every page says about a map; `base` leads from the page to `maps/`."""
    tps = journey.touchpoints()
    moments = sum(1 for *_, tp in tps if tp.moment_of_truth)
    return JourneySummary(
        id=journey.id,
        title=journey.title,
        description=journey.description,
        state=journey.state,
        segment=journey.segment,
        layer=journey.layer,
        objective=journey.objective,
        owner=journey.owner,
        updated=journey.updated.isoformat() if journey.updated else None,
        reviewed_by=journey.reviewed.by if journey.reviewed else None,
        reviewed=journey.reviewed.date.isoformat() if journey.reviewed else None,
        tags=tuple(_tags(journey)),
        stage_count=len(journey.stages),
        touchpoint_count=len(tps),
        moments_of_truth=moments,
        counts_text=f"{count_of(len(journey.stages), 'stage')} · "
        f"{count_of(len(tps), 'touchpoint')} · "
        f"{count_of(moments, 'moment of truth', 'moments of truth')}",
        related=related_maps(journey, portfolio, link_suffix, base),
    )


def related_maps(
    journey: Journey, portfolio: MapSet, link_suffix: str, base: str = ""
) -> tuple[RelatedMap, ...]:
    """Future <-> current maps, B2B2C layers of the same portfolio, and linked journeys."""
    by_id = {j.id: j for j in portfolio.journeys}
    out: dict[str, RelatedMap] = {}

    def add(other_id: str, relation: str) -> None:
        other = by_id.get(other_id)
        if other is not None and other_id != journey.id and other_id not in out:
            out[other_id] = RelatedMap(
                other_id, other.title, relation, f"{base}{other_id}{link_suffix}"
            )

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
    return tuple(sorted(out.values(), key=lambda r: r.id))
