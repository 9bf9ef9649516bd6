"""A journey map: its stages, phases, evidence, account and review."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
)

from journeymap.model.base import Day, Element, Id, Name, Part, Text, Version
from journeymap.model.people import PersonaEntry
from journeymap.model.touchpoint import Metric, Touchpoint


class Review(Part):
    """The last review of the whole map; the `review-stale` rule reads its date."""

    by: Text | None = Field(
        default=None, description="Who reviewed the map.", examples=["Dana Ruiz"]
    )
    date: Day = Field(
        description="When the map was last reviewed, as `YYYY-MM-DD`.", examples=["2026-10-28"]
    )


class Account(Part):
    """A portrait of the buying organisation (B2B); every field is free text."""

    industry: Text | None = Field(
        default=None, description="The customer's industry.", examples=["Logistics"]
    )
    company_size: Text | None = Field(
        default=None, description="How big the customer is.", examples=["200-1000 employees"]
    )
    budget: Text | None = Field(
        default=None,
        description="What the customer spends on this kind of product.",
        examples=["50-120k EUR per year"],
    )
    team_size: Text | None = Field(
        default=None,
        description="The size of the team that uses the product (text: quote numbers).",
        examples=["12"],
    )
    customers: Text | None = Field(
        default=None, description="Who the customer serves.", examples=["4,000 shippers"]
    )
    competitors: list[Text] = Field(
        default_factory=list,
        description="Alternatives the customer weighs.",
        examples=[["RouteIQ", "Shipwise"]],
    )
    buying_process: Text | None = Field(
        default=None,
        description="How the customer decides and buys.",
        examples=["Committee decision with procurement and security review"],
    )


class Phase(Element):
    """An optional grouping of consecutive stages (for example acquire, onboard, grow)."""

    id: Id = Field(
        description="How stages refer to this phase (`phase:`); unique within the journey.",
        examples=["acquire"],
    )
    name: Name = Field(description="The phase's name as shown on the map.", examples=["Acquire"])
    description: Text | None = Field(default=None, description="What the phase covers.")


class Stage(Element):
    """A step of the journey (awareness, evaluation, onboarding...), in journey order."""

    id: Id = Field(description="The stage's id; unique within the journey.", examples=["awareness"])
    name: Name = Field(
        description="The stage as shown on the map.",
        examples=["Needs identification and awareness"],
    )
    phase: Id | None = Field(
        default=None, description="The id of the phase this stage belongs to.", examples=["acquire"]
    )
    description: Text | None = Field(default=None, description="What happens in this stage.")
    goal: Text | None = Field(
        default=None,
        description="What the company wants from this stage.",
        examples=["Be found when an operations team researches visibility tools"],
    )
    customer_goal: Text | None = Field(
        default=None,
        description="What the customer wants from this stage.",
        examples=["Understand the options for carrier visibility"],
    )
    personas: list[Id] = Field(
        default_factory=list,
        description="Ids of the personas active in this stage.",
        examples=[["ops-director"]],
    )
    metrics: list[Metric] = Field(
        default_factory=list, description="Figures measured for the stage as a whole."
    )
    touchpoints: list[Touchpoint] = Field(
        default_factory=list,
        description="The moments of this stage where the customer meets the company, in order.",
        examples=[[{"id": "linkedin-ads", "name": "Targeted LinkedIn ads", "importance": 3}]],
    )


class Evidence(Element):
    """A source the map's claims rest on: interviews, surveys, CRM data, tickets."""

    id: Id = Field(
        description="How pain points and metrics cite it (`evidence:`); unique within the journey.",
        examples=["interviews-2026-03"],
    )
    kind: Literal[
        "interview", "survey", "crm", "support-tickets", "workshop", "analytics", "other"
    ] = Field(default="other", description="What sort of source it is.", examples=["interview"])
    title: Text | None = Field(
        default=None, description="What the source is.", examples=["Six customer interviews"]
    )
    date: Day | None = Field(
        default=None,
        description="When it was gathered, as `YYYY-MM-DD` (the `evidence-stale` rule reads it).",
        examples=["2026-03-15"],
    )
    url: Text | None = Field(
        default=None,
        description="Where to find it.",
        examples=["https://wiki.example.com/cx/interviews"],
    )


class CommitteeChange(Part):
    """The buying committee changing in the middle of the journey: someone leaves, someone
    joins (a CFO replaced at renewal), or one hands over to the other at a touchpoint."""

    at: Id = Field(
        description="The first stage of the changed committee: the stage id from which on "
        "`leaves` takes no part and `joins` does.",
        examples=["retention"],
    )
    leaves: Id | None = Field(
        default=None,
        description="The persona who takes no part from stage `at` on (except on the "
        "handover touchpoint).",
        examples=["cfo"],
    )
    joins: Id | None = Field(
        default=None,
        description="The persona who takes part from stage `at` on, and not before.",
        examples=["new-cfo"],
    )
    handover: Id | None = Field(
        default=None,
        description="The touchpoint of stage `at` where the one who leaves hands over to the "
        "one who joins.",
        examples=["annual-review"],
    )
    why: Text | None = Field(
        default=None,
        description="Why the committee changes, in a sentence.",
        examples=["The CFO moved to the parent company"],
    )


class Journey(Element):
    """One journey map: a `kind: journey` file."""

    journeymap: Version = Field(
        description="The format version: always `1`, on the file's first line.", examples=[1]
    )
    kind: Literal["journey"] = Field(
        default="journey", description="`journey` (the default) for a journey map."
    )
    id: Id = Field(
        description="The journey's id: unique across the portfolio; links elsewhere use it.",
        examples=["acme-b2b"],
    )
    title: Text = Field(
        description="The map's title, as shown on its page.",
        examples=["Acme Analytics, mid-market B2B journey"],
    )
    description: Text | None = Field(default=None, description="What the map covers and why.")
    state: Literal["current", "future"] = Field(
        default="current",
        description="`current` (how it is today) or `future` (the plan; name the current map in `current`).",
        examples=["future"],
    )
    current: Id | None = Field(
        default=None,
        description="On a future-state map: the id of the current-state map it improves.",
        examples=["acme-b2b"],
    )
    retires: list[Id] = Field(
        default_factory=list,
        description="Future-state maps only: ids of current-state touchpoints this plan "
        "removes. A current touchpoint the future map neither shows nor retires is "
        "'not covered by this map', not dropped.",
        examples=[["fax-order-form"]],
    )
    segment: Literal["b2b", "b2c", "b2b2c"] = Field(
        default="b2b",
        description="`b2b` (the default), `b2c` or `b2b2c` (then say which `layer`).",
        examples=["b2b2c"],
    )
    layer: Text | None = Field(
        default=None,
        description="For B2B2C: which layer this map shows.",
        examples=["business", "consumer"],
    )
    objective: Text | None = Field(
        default=None,
        description="Why this map exists: the outcome it should help reach.",
        examples=["Shorten onboarding and lift the renewal rate"],
    )
    owner: Text | None = Field(
        default=None, description="Who keeps the map up to date.", examples=["CX team"]
    )
    updated: Day | None = Field(
        default=None,
        description="When the map last changed, as `YYYY-MM-DD`.",
        examples=["2026-11-01"],
    )
    reviewed: Review | None = Field(
        default=None,
        description="The last review of the whole map; maps not reviewed for a while are "
        "flagged by `review-stale`.",
        examples=[{"by": "Dana Ruiz", "date": "2026-10-28"}],
    )
    tags: list[Text] = Field(
        default_factory=list,
        description="Free labels to group maps.",
        examples=[["logistics", "mid-market"]],
    )
    account: Account | None = Field(
        default=None, description="A portrait of the buying organisation (B2B)."
    )
    personas: list[PersonaEntry] = Field(
        default_factory=list,
        description="Who takes part: ids of personas from a `kind: personas` library, or "
        "personas defined here (`id`, `name`, ...).",
        examples=[
            [
                "ops-director",
                {"id": "finance", "name": "Finance Director", "role": "economic-buyer"},
            ]
        ],
    )
    phases: list[Phase] = Field(
        default_factory=list,
        description="Optional groups of stages, in order.",
        examples=[[{"id": "acquire", "name": "Acquire"}]],
    )
    stages: Annotated[list[Stage], Field(min_length=1)] = Field(
        description="The steps of the journey in order; at least one.",
        examples=[[{"id": "awareness", "name": "Awareness", "touchpoints": []}]],
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Where what the map says comes from; pain points and metrics cite these ids.",
        examples=[[{"id": "interviews-2026-03", "kind": "interview", "date": "2026-03-15"}]],
    )
    committee_changes: list[CommitteeChange] = Field(
        default_factory=list,
        description="The buying committee changing in the middle of the journey, in journey "
        "order: who leaves and who joins at which stage, and where they hand over.",
        examples=[
            [
                {
                    "at": "retention",
                    "leaves": "cfo",
                    "joins": "new-cfo",
                    "handover": "annual-review",
                    "why": "The CFO moved to the parent company",
                }
            ]
        ],
    )

    def touchpoints(self) -> list[tuple[int, Stage, int, Touchpoint]]:
        """Every touchpoint in journey order, with its stage and both indexes."""
        return [
            (si, stage, ti, tp)
            for si, stage in enumerate(self.stages)
            for ti, tp in enumerate(stage.touchpoints)
        ]
