"""One journey, walked once: every element with its place and the rules silenced there.

Check functions read these lists instead of walking the model themselves, so the walk
and the `x-journeymap-ignore` inheritance (an element silences a rule for itself and
everything inside it) are worked out in one place, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Generic, TypeVar

from journeymap.checks.index import Index, PendingRef
from journeymap.core.diagnostics import Loc
from journeymap.loading.loader import Document
from journeymap.model import (
    IGNORE_KEY,
    Element,
    Evidence,
    Journey,
    Metric,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)
from journeymap.model.who import personas_of
from journeymap.project.config import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class At(Generic[T]):
    """An element, where it is, and the rules silenced on it (its own and inherited)."""

    loc: Loc
    silenced: frozenset[str]
    value: T


@dataclass(frozen=True)
class TouchpointAt:
    loc: Loc
    silenced: frozenset[str]
    stage: Stage
    value: Touchpoint


@dataclass
class JourneyContext:
    doc: Document
    journey: Journey
    index: Index
    settings: Settings
    today: date
    silenced: frozenset[str] = frozenset()
    stages: list[At[Stage]] = field(default_factory=list)
    touchpoints: list[TouchpointAt] = field(default_factory=list)
    pain_points: list[At[PainPoint]] = field(default_factory=list)
    opportunities: list[At[Opportunity]] = field(default_factory=list)
    metrics: list[At[Metric]] = field(default_factory=list)
    evidence: list[At[Evidence]] = field(default_factory=list)
    personas: list[At[str | Persona]] = field(default_factory=list)
    ignore_lists: list[At[list[str]]] = field(default_factory=list)
    pending: list[PendingRef] = field(default_factory=list)
    _silences: dict[Loc, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, doc: Document, journey: Journey, index: Index, settings: Settings, today: date
    ) -> JourneyContext:
        ctx = cls(doc, journey, index, settings, today)
        ctx._walk()
        return ctx

    def _enter(self, element: Element, loc: Loc, inherited: frozenset[str]) -> frozenset[str]:
        if element.ignore:
            self.ignore_lists.append(At((*loc, IGNORE_KEY), inherited, list(element.ignore)))
            inherited = inherited | frozenset(element.ignore)
        self._silences[loc] = inherited
        return inherited

    def _walk(self) -> None:
        j = self.journey
        root = self.silenced = self._enter(j, (), frozenset())
        for i, entry in enumerate(j.personas):
            loc: Loc = ("personas", i)
            silenced = root if isinstance(entry, str) else self._enter(entry, loc, root)
            self.personas.append(At(loc, silenced, entry))
        for i, phase in enumerate(j.phases):
            self._enter(phase, ("phases", i), root)
        for i, ev in enumerate(j.evidence):
            self.evidence.append(At(("evidence", i), self._enter(ev, ("evidence", i), root), ev))
        for si, stage in enumerate(j.stages):
            sloc: Loc = ("stages", si)
            s_silenced = self._enter(stage, sloc, root)
            self.stages.append(At(sloc, s_silenced, stage))
            for mi, metric in enumerate(stage.metrics):
                mloc: Loc = (*sloc, "metrics", mi)
                self.metrics.append(At(mloc, self._enter(metric, mloc, s_silenced), metric))
            for ti, tp in enumerate(stage.touchpoints):
                tloc: Loc = (*sloc, "touchpoints", ti)
                t_silenced = self._enter(tp, tloc, s_silenced)
                self.touchpoints.append(TouchpointAt(tloc, t_silenced, stage, tp))
                for mi, metric in enumerate(tp.metrics):
                    mloc = (*tloc, "metrics", mi)
                    self.metrics.append(At(mloc, self._enter(metric, mloc, t_silenced), metric))
                for pi, pp in enumerate(tp.pain_points):
                    ploc: Loc = (*tloc, "pain_points", pi)
                    self.pain_points.append(At(ploc, self._enter(pp, ploc, t_silenced), pp))
                for oi, opp in enumerate(tp.opportunities):
                    oloc: Loc = (*tloc, "opportunities", oi)
                    self.opportunities.append(At(oloc, self._enter(opp, oloc, t_silenced), opp))

    def silenced_at(self, loc: Loc) -> frozenset[str]:
        """The rules silenced at any place in the file: those of its nearest element."""
        for end in range(len(loc), -1, -1):
            found = self._silences.get(loc[:end])
            if found is not None:
                return found
        return self.silenced

    @cached_property
    def persona_ids(self) -> set[str]:
        """Ids of the journey's personas, inline or named from a library."""
        return {p.value if isinstance(p.value, str) else p.value.id for p in self.personas}

    @cached_property
    def resolved_personas(self) -> list[Persona]:
        """The journey's personas in its order, library references looked up."""
        return personas_of(self.journey, self.index.library_personas)

    @cached_property
    def evidence_ids(self) -> set[str]:
        return {e.value.id for e in self.evidence}

    @cached_property
    def phase_ids(self) -> set[str]:
        return {p.id for p in self.journey.phases}

    @cached_property
    def pain_point_ids(self) -> set[str]:
        return {p.value.id for p in self.pain_points}

    @cached_property
    def addressed(self) -> set[str]:
        """Pain point ids that some opportunity `addresses`."""
        return {ref for o in self.opportunities for ref in o.value.addresses}

    @cached_property
    def used_personas(self) -> set[str]:
        """Persona ids that a stage or touchpoint names (also as per-persona keys)."""
        used = {p for s in self.stages for p in s.value.personas}
        for t in self.touchpoints:
            used.update(t.value.personas)
            for value in (t.value.emotion, t.value.target_emotion):
                if isinstance(value, dict):
                    used.update(value)
        return used
