"""The people on the customer's side: personas, inline or from a personas library."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

from journeymap.model.base import COLOR_PATTERN, Element, Id, Name, Part, Text, Version

Role = Literal[
    "decision-maker",
    "economic-buyer",
    "champion",
    "influencer",
    "technical-evaluator",
    "end-user",
    "procurement",
    "gatekeeper",
    "blocker",
    "end-consumer",
]


Level = Literal["low", "medium", "high"]


class Persona(Element):
    """A person on the customer's side: a member of the buying committee or an end user."""

    id: Id = Field(
        description="How journeys refer to this persona (in `personas:` lists and per-persona "
        "emotions). Lower case, digits, `-` and `_`; unique across a journey and the "
        "persona libraries it uses.",
        examples=["ops-director"],
    )
    name: Name = Field(
        description="The persona as people say it; shown on every page.",
        examples=["Operations Director"],
    )
    role: Role | None = Field(
        default=None,
        description="The persona's part in the buying decision or in using the product.",
        examples=["economic-buyer"],
    )
    influence: Level | None = Field(
        default=None, description="How much the persona sways the decision.", examples=["high"]
    )
    description: Text | None = Field(
        default=None,
        description="Who this is and what drives them, in a sentence or two.",
        examples=["Signs off anything above 50k EUR a year."],
    )
    goals: list[Text] = Field(
        default_factory=list,
        description="What the persona wants to achieve.",
        examples=[["ROI inside 12 months", "Predictable cost"]],
    )
    concerns: list[Text] = Field(
        default_factory=list,
        description="What worries the persona or could stop the deal.",
        examples=[["Hidden implementation cost"]],
    )
    color: Annotated[str, StringConstraints(pattern=COLOR_PATTERN)] | None = Field(
        default=None,
        description="The colour this persona is drawn in on every page, as #rrggbb. "
        "Without it journeymap picks one, the same on every page of the portfolio.",
        examples=["#0072b2"],
    )


def _persona_tag(value: Any) -> str:
    return "ref" if isinstance(value, str) else "def"


PersonaEntry = Annotated[
    Annotated[Id, Tag("ref")] | Annotated[Persona, Tag("def")],
    Discriminator(_persona_tag),
]


class PersonaLibrary(Part):
    """A `kind: personas` file: personas shared by several journeys."""

    journeymap: Version = Field(
        description="The format version: always `1`, on the file's first line.", examples=[1]
    )
    kind: Literal["personas"] = Field(
        description="`personas`: this file is a persona library that journeys refer to by id."
    )
    personas: list[Persona] = Field(
        default_factory=list,
        description="The personas; each needs an `id` and a `name`.",
        examples=[
            [{"id": "ops-director", "name": "Operations Director", "role": "decision-maker"}]
        ],
    )
