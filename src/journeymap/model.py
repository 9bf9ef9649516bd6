"""pydantic models of the journey file format (FORMAT.md, version 1); nothing else.

Models are strict: YAML already gives us typed values, so `importance: "3"` or
`moment_of_truth: yes` are mistakes to point at, not values to coerce. Unknown keys are
errors (the loader turns them into "did you mean" diagnostics); keys starting with `x-`
are dropped before validation so teams can keep custom data anywhere.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

FORMAT_VERSION = 1
IGNORE_KEY = "x-journeymap-ignore"
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
LINK_PATTERN = r"^[a-z0-9][a-z0-9_-]*#[a-z0-9][a-z0-9_-]*$"

ID_MAX_LENGTH = 64  # ids become file names and anchors; file systems allow 255 bytes

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
# A name is shown on every page: it must hold something visible.
Name = Annotated[str, StringConstraints(pattern=r"\S")]
Score = Annotated[int, Field(ge=1, le=5)]
Text = str


def _as_date(value: Any) -> Any:
    """Accept a YAML date or an ISO date string; a timestamp keeps only its date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None
    return value


Day = Annotated[date, BeforeValidator(_as_date)]


def _drop_extensions(data: Any) -> Any:
    """Leave out `x-` keys (custom data); runs for every mapping, so it is kept lean."""
    if type(data) is not dict:
        return data
    for key in data:
        if type(key) is str and key[:2] == "x-" and key != IGNORE_KEY:
            break
    else:
        return data
    return {
        k: v for k, v in data.items() if not (type(k) is str and k[:2] == "x-" and k != IGNORE_KEY)
    }


class Part(BaseModel):
    """Base of every mapping in the format: strict, closed, `x-` keys allowed."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        populate_by_name=True,
        allow_inf_nan=False,  # .nan and .inf cannot be shown, compared or written as JSON
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )

    @model_validator(mode="before")
    @classmethod
    def _extensions(cls, data: Any) -> Any:
        return _drop_extensions(data)


class Element(Part):
    """A part of a journey that completeness rules look at and can be told to ignore."""

    ignore: list[str] = Field(
        default_factory=list,
        alias=IGNORE_KEY,
        description="Completeness rules to silence on this element and everything inside it.",
    )


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
    id: Id
    name: Name
    role: Role | None = None
    influence: Level | None = None
    description: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    concerns: list[Text] = Field(default_factory=list)
    color: Annotated[str, StringConstraints(pattern=COLOR_PATTERN)] | None = Field(
        default=None,
        description="The colour this persona is drawn in on every page, as #rrggbb. "
        "Without it journeymap picks one, the same on every page of the portfolio.",
    )


def _persona_tag(value: Any) -> str:
    return "ref" if isinstance(value, str) else "def"


PersonaEntry = Annotated[
    Annotated[Id, Tag("ref")] | Annotated[Persona, Tag("def")],
    Discriminator(_persona_tag),
]


def _emotion_tag(value: Any) -> str:
    return "per-persona" if isinstance(value, dict) else "score"


Emotion = Annotated[
    Annotated[Score, Tag("score")] | Annotated[dict[Id, Score], Tag("per-persona")],
    Discriminator(_emotion_tag),
]


class Review(Part):
    by: Text | None = None
    date: Day


class Account(Part):
    industry: Text | None = None
    company_size: Text | None = None
    budget: Text | None = None
    team_size: Text | None = None
    customers: Text | None = None
    competitors: list[Text] = Field(default_factory=list)
    buying_process: Text | None = None


class Phase(Element):
    id: Id
    name: Name
    description: Text | None = None


class Metric(Element):
    id: Id
    name: Name
    kind: Literal["nps", "csat", "ces", "other"] = "other"
    unit: Text | None = None
    value: float | None = None
    target: float | None = None
    better: Literal["higher", "lower"] = "higher"
    as_of: Day | None = None
    evidence: list[Id] = Field(default_factory=list)


class Funnel(Part):
    entered: Annotated[int, Field(ge=0)]
    continued: Annotated[int, Field(ge=0)]


class Blueprint(Part):
    evidence: list[Text] = Field(default_factory=list)
    frontstage: list[Text] = Field(default_factory=list)
    backstage: list[Text] = Field(default_factory=list)
    support: list[Text] = Field(default_factory=list)


class PainPoint(Element):
    id: Id
    text: Text
    severity: Score | None = None
    evidence: list[Id] = Field(default_factory=list)


OpportunityStatus = Literal["idea", "planned", "in-progress", "done", "dropped"]


class Opportunity(Element):
    id: Id
    text: Text
    addresses: list[Id] = Field(default_factory=list)
    impact: Score | None = None
    effort: Score | None = None
    status: OpportunityStatus = "idea"
    ref: Text | None = None


class Link(Part):
    to: Annotated[str, StringConstraints(pattern=LINK_PATTERN)] = Field(
        description="JOURNEY_ID#TOUCHPOINT_ID"
    )
    kind: Literal["affects", "continues", "same-as"] = "affects"


Channel = Literal["digital", "human", "contractual", "physical", "partner", "other"]


class Touchpoint(Element):
    id: Id
    name: Name
    channel: Channel | None = None
    department: Text | None = None
    owner: Text | None = None
    personas: list[Id] = Field(default_factory=list)
    description: Text | None = None
    customer_action: Text | None = None
    thoughts: Text | None = None
    importance: Score | None = None
    performance: Score | None = None
    emotion: Emotion | None = None
    target_emotion: Emotion | None = None
    moment_of_truth: bool = False
    risks: list[Text] = Field(default_factory=list)
    funnel: Funnel | None = None
    blueprint: Blueprint | None = None
    pain_points: list[PainPoint] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class Stage(Element):
    id: Id
    name: Name
    phase: Id | None = None
    description: Text | None = None
    goal: Text | None = None
    customer_goal: Text | None = None
    personas: list[Id] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)


class Evidence(Element):
    id: Id
    kind: Literal[
        "interview", "survey", "crm", "support-tickets", "workshop", "analytics", "other"
    ] = "other"
    title: Text | None = None
    date: Day | None = None
    url: Text | None = None


class Journey(Element):
    """One journey map: a `kind: journey` file."""

    journeymap: Literal[1]
    kind: Literal["journey"] = "journey"
    id: Id
    title: Text
    description: Text | None = None
    state: Literal["current", "future"] = "current"
    current: Id | None = None
    retires: list[Id] = Field(
        default_factory=list,
        description="Future-state maps only: ids of current-state touchpoints this plan "
        "removes. A current touchpoint the future map neither shows nor retires is "
        "'not covered by this map', not dropped.",
    )
    segment: Literal["b2b", "b2c", "b2b2c"] = "b2b"
    layer: Text | None = None
    objective: Text | None = None
    owner: Text | None = None
    updated: Day | None = None
    reviewed: Review | None = None
    tags: list[Text] = Field(default_factory=list)
    account: Account | None = None
    personas: list[PersonaEntry] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    stages: Annotated[list[Stage], Field(min_length=1)]
    evidence: list[Evidence] = Field(default_factory=list)

    def touchpoints(self) -> list[tuple[int, Stage, int, Touchpoint]]:
        """Every touchpoint in journey order, with its stage and both indexes."""
        return [
            (si, stage, ti, tp)
            for si, stage in enumerate(self.stages)
            for ti, tp in enumerate(stage.touchpoints)
        ]


class PersonaLibrary(Part):
    """A `kind: personas` file: personas shared by several journeys."""

    journeymap: Literal[1]
    kind: Literal["personas"]
    personas: list[Persona] = Field(default_factory=list)
