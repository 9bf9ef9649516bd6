"""What the portfolio defines, for resolving references across files.

A journey is known to the others by a `JourneySummary` (its state and touchpoint ids), which is
all a reference to it needs: a streaming run keeps only summaries, never whole models.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from journeymap.core.diagnostics import Loc
from journeymap.loading.loader import Document
from journeymap.model import Journey, Persona


@dataclass(frozen=True)
class JourneySummary:
    """What other journeys need to know of a journey: enough to resolve links to it."""

    state: str
    touchpoint_ids: frozenset[str]
    pain_point_ids: frozenset[str] = frozenset()  # a future map's opportunities address them

    @classmethod
    def of(cls, journey: Journey) -> JourneySummary:
        touchpoints = [tp for *_, tp in journey.touchpoints()]
        return cls(
            journey.state,
            frozenset(tp.id for tp in touchpoints),
            frozenset(pp.id for tp in touchpoints for pp in tp.pain_points),
        )


@dataclass
class Index:
    """The journeys and library personas of a run.

    With `final` False (a streaming run), the journeys seen so far are not all of them:
    references to other journeys are recorded as pending and resolved at the end.
    """

    journeys: dict[str, JourneySummary]
    library_personas: dict[str, Persona]
    final: bool = True
    # ids defined by persona libraries that failed validation: references to them are
    # not reported again (the library's own error says what is wrong)
    broken_persona_ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, documents: Sequence[Document]) -> Index:
        index = cls({}, {})
        for doc in documents:
            index.add(doc)
        return index

    def add(self, doc: Document) -> None:
        """Register what a file defines, whether or not it passed validation."""
        if doc.journey is not None:
            self.journeys.setdefault(doc.journey.id, JourneySummary.of(doc.journey))
        elif doc.library is not None:
            for persona in doc.library.personas:
                self.library_personas.setdefault(persona.id, persona)
        elif doc.defines is not None:
            found = doc.defines
            if found.journey_id is not None:
                summary = JourneySummary(found.state, found.touchpoint_ids, found.pain_point_ids)
                self.journeys.setdefault(found.journey_id, summary)
            if doc.kind == "personas":
                self.broken_persona_ids |= found.persona_ids

    def knows_persona(self, persona_id: str) -> bool:
        return persona_id in self.library_personas or persona_id in self.broken_persona_ids


@dataclass(frozen=True)
class PendingRef:
    """A reference to another journey, to resolve once all journeys are known.

    It keeps the path inside the file, not a position: finding a position can mean a
    second read of the file, which only a reference that turns out broken is worth.
    """

    path: str
    loc: Loc
    kind: str  # "link" (JOURNEY#TOUCHPOINT); a future map's "current", "retire", "addresses"
    journey: str
    touchpoint: str | None = None
    local: tuple[str, ...] = ()  # "addresses": the map's own pain points, for a hint


Locator = Callable[[str, Loc], tuple[int, int]]
