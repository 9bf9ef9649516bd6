"""Persona colours and marker shapes: assigned once per portfolio, the same on every page.

A CX lead flips between the full map, a persona's view, the combined B2B2C page and the
index; if the Finance Director is blue on one and orange on the next, the colours stop
meaning anything. So the assignment depends on the portfolio only (never on which page
is drawn): every persona the portfolio knows, in a fixed order, takes the next free
colour of the palette, unless it sets its own `color`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journeymap.model import Journey, Persona

# Twelve colours that stay apart for the common colour-vision deficiencies and read on a
# white and a near-black background alike (Okabe-Ito first, then Paul Tol's muted set);
# the marker shape varies on its own cycle, so even two personas that share a colour
# (a 13th persona, or two explicit `color`s) never share colour *and* shape.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#AA4499",
    "#44AA99",
    "#999933",
    "#DDCC77",
    "#EE6677",
    "#8E7CC3",
)
MARKERS = ("circle", "square", "diamond", "triangle", "triangle-down")


@dataclass(frozen=True)
class PersonaStyle:
    """How one persona is drawn everywhere: a colour and a marker shape."""

    colour: str
    marker: str


def portfolio_personas(journeys: Sequence[Journey], library: dict[str, Persona]) -> list[Persona]:
    """Every persona of the portfolio once, in a fixed order: the library's, then each
    journey's own (journeys by id), so adding a journey never recolours a library persona."""
    seen: dict[str, Persona] = dict(library)
    for journey in sorted(journeys, key=lambda j: j.id):
        for entry in journey.personas:
            if isinstance(entry, Persona) and entry.id not in seen:
                seen[entry.id] = entry
    return list(seen.values())


def assign_styles(personas: Iterable[Persona]) -> dict[str, PersonaStyle]:
    """Persona id -> style. Explicit colours first; the others take the palette in order,
    skipping colours already taken, and start again at the top only once all twelve are used."""
    people = list(personas)
    taken = {p.color.upper() for p in people if p.color}
    free = [c for c in PALETTE if c.upper() not in taken]
    styles: dict[str, PersonaStyle] = {}
    auto = 0
    for index, person in enumerate(people):
        marker = MARKERS[index % len(MARKERS)]
        if person.color:
            colour = person.color
        else:
            pool = free or list(PALETTE)
            colour = pool[auto % len(pool)]
            auto += 1
        styles[person.id] = PersonaStyle(colour, marker)
    return styles


FALLBACK = PersonaStyle("#5b6474", "circle")
"""For an id the portfolio does not know (a dangling reference in a broken build)."""
