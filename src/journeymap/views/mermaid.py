"""A journey as the data of a Mermaid `journey` diagram."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.core.wording import count_of
from journeymap.model import Journey
from journeymap.model.committee import committee_at
from journeymap.model.who import met_in, personas_of
from journeymap.views.charts import emotion_for
from journeymap.views.site import MapSet


@dataclass(frozen=True, slots=True)
class MermaidTask:
    """A touchpoint as a Mermaid task: its name, a 1-5 score and the actors who meet it."""

    name: str
    score: int
    actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MermaidSection:
    """A stage as a Mermaid section."""

    name: str
    tasks: tuple[MermaidTask, ...]


@dataclass(frozen=True, slots=True)
class MermaidView:
    """The whole diagram, with the accessible title and description Mermaid reads out."""

    title: str
    acc_title: str
    acc_descr: str
    sections: tuple[MermaidSection, ...]


def mermaid_view(journey: Journey, portfolio: MapSet, persona: str | None = None) -> MermaidView:
    """A Mermaid `journey` diagram: stage -> section, touchpoint -> task, personas -> actors.

    Mermaid needs a 1-5 score on every task: per-persona emotions are averaged (or the
    persona's own with `persona`), and a touchpoint without an emotion is shown as 3.
    """
    all_personas = personas_of(journey, portfolio.library)
    ids = [p.id for p in all_personas]
    names = {p.id: p.name for p in all_personas}
    sections = []
    for si, stage in enumerate(journey.stages):
        tasks = []
        for tp, who in met_in(stage, committee_at(journey, si, ids), persona):
            score = emotion_for(tp.emotion, persona if isinstance(tp.emotion, dict) else None)
            tasks.append(
                MermaidTask(
                    name=tp.name + ("" if score is not None else " (no emotion yet)"),
                    score=round(score) if score is not None else 3,
                    actors=tuple(names.get(p, p) for p in who),
                )
            )
        if tasks or persona is None:
            sections.append(MermaidSection(stage.name, tuple(tasks)))
    stage_names = ", ".join(s.name for s in journey.stages)
    return MermaidView(
        title=journey.title,
        acc_title=f"Customer journey map, {journey.title}",
        acc_descr=f"{count_of(len(journey.stages), 'stage')} ({stage_names}), each task a touchpoint "
        "scored by felt emotion from 1 (very negative) to 5 (very positive)",
        sections=tuple(sections),
    )
