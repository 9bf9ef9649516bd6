"""Who meets what: persona resolution shared by views, gaps and exports."""

from __future__ import annotations

from journeymap.model import Journey, Persona, Stage, Touchpoint


def personas_of(journey: Journey, library: dict[str, Persona]) -> list[Persona]:
    """A journey's personas in its own order, library references resolved."""
    out = []
    for entry in journey.personas:
        if isinstance(entry, str):
            if entry in library:
                out.append(library[entry])
        else:
            out.append(entry)
    return out


def touchpoint_personas(tp: Touchpoint, stage: Stage, journey_personas: list[str]) -> list[str]:
    """Who meets a touchpoint: its own list, else its stage's, else everyone in the journey."""
    return list(tp.personas or stage.personas or journey_personas)


def met_in(
    stage: Stage, journey_personas: list[str], persona: str | None
) -> list[tuple[Touchpoint, list[str]]]:
    """A stage's touchpoints with who meets each; with `persona`, only those they meet."""
    out = []
    for tp in stage.touchpoints:
        who = touchpoint_personas(tp, stage, journey_personas)
        if persona is None or persona in who:
            out.append((tp, who))
    return out
