"""What the portfolio defines, for resolving references across files.

A journey is known to the others by a `Summary` (its state and touchpoint ids), which is
all a reference to it needs: a streaming run keeps only summaries, never whole models.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeymap.checks.registry import Loc
from journeymap.loader import Document
from journeymap.model import Journey, Persona


@dataclass(frozen=True)
class Summary:
    """What other journeys need to know of a journey: enough to resolve links to it."""

    state: str
    touchpoint_ids: frozenset[str]

    @classmethod
    def of(cls, journey: Journey) -> Summary:
        return cls(journey.state, frozenset(tp.id for *_, tp in journey.touchpoints()))


@dataclass
class Index:
    """The journeys and library personas of a run.

    With `final` False (a streaming run), the journeys seen so far are not all of them:
    references to other journeys are recorded as pending and resolved at the end.
    """

    journeys: dict[str, Summary]
    library_personas: dict[str, Persona]
    final: bool = True

    @classmethod
    def of(cls, documents: Sequence[Document]) -> Index:
        journeys: dict[str, Summary] = {}
        personas: dict[str, Persona] = {}
        for doc in documents:
            if doc.journey is not None:
                journeys.setdefault(doc.journey.id, Summary.of(doc.journey))
            elif doc.library is not None:
                for persona in doc.library.personas:
                    personas.setdefault(persona.id, persona)
        return cls(journeys, personas)


@dataclass(frozen=True)
class PendingRef:
    """A reference to another journey, to resolve once all journeys are known.

    It keeps the path inside the file, not a position: finding a position can mean a
    second read of the file, which only a reference that turns out broken is worth.
    """

    path: str
    loc: Loc
    kind: str  # "link" (JOURNEY#TOUCHPOINT) or "current" (a future map's current map)
    journey: str
    touchpoint: str | None = None


Locator = Callable[[str, Loc], tuple[int, int]]
