"""A touchpoint and what hangs off it: emotions, metrics, funnel, blueprint lanes,
pain points, opportunities and links to other maps.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

from journeymap.model.base import LINK_PATTERN, WHOLE, Day, Element, Id, Name, Part, Score, Text


def _emotion_tag(value: Any) -> str:
    return "per-persona" if isinstance(value, dict) else "score"


Emotion = Annotated[
    Annotated[Score, Tag("score")] | Annotated[dict[Id, Score], Tag("per-persona")],
    Discriminator(_emotion_tag),
]


class HistoryPoint(Part):
    """One earlier reading of a metric; `journeymap refresh` appends these."""

    date: Day | None = Field(
        default=None, description="The day the value was true (the metric's `as_of` then)."
    )
    value: float = Field(description="The metric's value on that day.")


class Metric(Element):
    """A measured figure (NPS, CSAT, a rate) with its target, on a stage or touchpoint."""

    id: Id = Field(description="The metric's id; unique within the journey.", examples=["ctr"])
    name: Name = Field(description="What is measured.", examples=["Click-through rate"])
    kind: Literal["nps", "csat", "ces", "other"] = Field(
        default="other",
        description="`nps`, `csat`, `ces` (customer effort score) or `other`.",
        examples=["csat"],
    )
    unit: Text | None = Field(
        default=None, description="The unit of `value` and `target`.", examples=["%"]
    )
    value: float | None = Field(default=None, description="Today's value.", examples=[0.6])
    target: float | None = Field(
        default=None,
        description="The value to reach; the gap report ranks missed targets.",
        examples=[1.0],
    )
    better: Literal["higher", "lower"] = Field(
        default="higher",
        description="Which way is better: `higher` (most metrics) or `lower` (effort, time to resolve).",
        examples=["lower"],
    )
    as_of: Day | None = Field(
        default=None,
        description="When `value` was measured, as `YYYY-MM-DD`.",
        examples=["2026-10-31"],
    )
    evidence: list[Id] = Field(
        default_factory=list,
        description="Ids of the journey's `evidence` entries the figure comes from.",
        examples=[["hubspot-q3"]],
    )
    history: list[HistoryPoint] = Field(
        default_factory=list,
        description="Earlier values, oldest first, ending with the current one; "
        "`journeymap refresh` keeps it. The map draws the trend from it; "
        "`value` stays the number every report uses.",
    )


class Funnel(Part):
    """How many people or accounts reach a touchpoint and how many go on from it."""

    entered: Annotated[int, Field(ge=0), WHOLE] = Field(
        description="How many reached this touchpoint (people or accounts).", examples=[12000]
    )
    continued: Annotated[int, Field(ge=0), WHOLE] = Field(
        description="How many went on to the next step; not more than `entered`.", examples=[480]
    )


class Blueprint(Part):
    """The four service-blueprint lanes of one step; each lane is a list of short texts."""

    evidence: list[Text] = Field(
        default_factory=list,
        description="Physical evidence: what the customer sees or receives.",
        examples=[["Order confirmation e-mail"]],
    )
    frontstage: list[Text] = Field(
        default_factory=list,
        description="Frontstage: what staff do in sight of the customer.",
        examples=[["Account manager runs the kick-off call"]],
    )
    backstage: list[Text] = Field(
        default_factory=list,
        description="Backstage: what staff do out of sight.",
        examples=[["Solutions engineer prepares the data mapping"]],
    )
    support: list[Text] = Field(
        default_factory=list,
        description="Support processes: the systems and teams behind it.",
        examples=[["CRM", "Ticketing"]],
    )


class PainPoint(Element):
    """Something that hurts the customer at a touchpoint."""

    id: Id = Field(
        description="How opportunities refer to it (`addresses:`); unique within the journey.",
        examples=["generic-messaging"],
    )
    text: Text = Field(
        description="The pain point, in the customer's terms.",
        examples=["Ads speak to IT buyers, not operations"],
    )
    severity: Score | None = Field(
        default=None,
        description="How much it hurts, 1 (a little) to 5 (deal-breaking).",
        examples=[3],
    )
    evidence: list[Id] = Field(
        default_factory=list,
        description="Ids of the journey's `evidence` entries that show it.",
        examples=[["interviews-2026-03"]],
    )


OpportunityStatus = Literal["idea", "planned", "in-progress", "done", "dropped"]


class Opportunity(Element):
    """An improvement to make, ideally tied to the pain points it addresses."""

    id: Id = Field(
        description="The opportunity's id; unique within the journey.", examples=["ops-case-study"]
    )
    text: Text = Field(
        description="What to do.", examples=["Run an operations-led case-study campaign"]
    )
    addresses: list[Id] = Field(
        default_factory=list,
        description="Ids of the pain points (in this journey) it would remove.",
        examples=[["generic-messaging"]],
    )
    impact: Score | None = Field(
        default=None, description="Expected benefit, 1 (small) to 5 (large).", examples=[4]
    )
    effort: Score | None = Field(
        default=None, description="Expected cost to do it, 1 (small) to 5 (large).", examples=[2]
    )
    status: OpportunityStatus = Field(
        default="idea",
        description="Where the work stands: `idea`, `planned`, `in-progress`, `done` or `dropped`.",
        examples=["planned"],
    )
    ref: Text | None = Field(
        default=None,
        description="Where the work is tracked: a ticket key or URL.",
        examples=["CX-142"],
    )


class Link(Part):
    """A tie from this touchpoint to a touchpoint of another journey."""

    to: Annotated[str, StringConstraints(pattern=LINK_PATTERN)] = Field(
        description="The other touchpoint, written `JOURNEY_ID#TOUCHPOINT_ID`.",
        examples=["shipper-consumer#delivery-eta"],
    )
    kind: Literal["affects", "continues", "same-as"] = Field(
        default="affects",
        description="`affects` (this step shapes that one), `continues` (that step follows "
        "this one) or `same-as` (one moment seen from two layers).",
        examples=["continues"],
    )


Channel = Literal["digital", "human", "contractual", "physical", "partner", "other"]


class Touchpoint(Element):
    """One moment where the customer meets the company: the heart of the map."""

    id: Id = Field(
        description="The touchpoint's id: lower case, digits, `-` and `_`; unique within the "
        "journey across all stages. Links from other journeys use `JOURNEY_ID#THIS_ID`.",
        examples=["linkedin-ads"],
    )
    name: Name = Field(
        description="What the customer meets, as shown on the map.",
        examples=["Targeted LinkedIn ads"],
    )
    channel: Channel | None = Field(
        default=None,
        description="How the customer meets it: `digital`, `human`, `contractual`, "
        "`physical`, `partner` or `other`.",
        examples=["digital"],
    )
    department: Text | None = Field(
        default=None,
        description="The team responsible; when journeymap.yaml sets `departments`, one of those.",
        examples=["marketing"],
    )
    owner: Text | None = Field(
        default=None,
        description="The person or role accountable for this touchpoint.",
        examples=["Demand generation lead"],
    )
    personas: list[Id] = Field(
        default_factory=list,
        description="Ids of the personas who meet this touchpoint; when empty, the stage's "
        "personas (or else everyone in the journey).",
        examples=[["ops-director", "finance"]],
    )
    description: Text | None = Field(
        default=None,
        description="What happens here, in a sentence or two.",
        examples=["Sponsored posts aimed at operations leaders"],
    )
    customer_action: Text | None = Field(
        default=None,
        description="What the customer does.",
        examples=["Clicks through to the visibility guide"],
    )
    thoughts: Text | None = Field(
        default=None,
        description="What the customer thinks, in their words.",
        examples=["Is this another IT tool my team will not use?"],
    )
    importance: Score | None = Field(
        default=None,
        description="How much this touchpoint matters to the customer: 1 (hardly) to 5 (a lot). "
        "With `performance` it places the touchpoint in the importance-performance grid.",
        examples=[4],
    )
    performance: Score | None = Field(
        default=None,
        description="How well the company does it today: 1 (poorly) to 5 (very well).",
        examples=[2],
    )
    emotion: Emotion | None = Field(
        default=None,
        description="How it feels today: 1 (very negative), 3 (neutral) to 5 (very positive); "
        "one score, or one per persona id.",
        examples=[2, {"ops-director": 4, "finance": 2}],
    )
    target_emotion: Emotion | None = Field(
        default=None,
        description="The emotion we want to evoke, 1 to 5 (or one per persona id); the gap "
        "report ranks the distance from `emotion`.",
        examples=[4],
    )
    moment_of_truth: bool = Field(
        default=False,
        description="`true` for a make-or-break moment: its gaps weigh 1.5 times as much.",
        examples=[True],
    )
    risks: list[Text] = Field(
        default_factory=list,
        description="What could go wrong here (a moment of truth should name its risks).",
        examples=[["Ad fatigue in a small audience"]],
    )
    funnel: Funnel | None = Field(
        default=None,
        description="How many reached this step and how many went on.",
        examples=[{"entered": 12000, "continued": 480}],
    )
    blueprint: Blueprint | None = Field(
        default=None,
        description="The service-blueprint lanes for this step: `evidence`, `frontstage`, "
        "`backstage`, `support`.",
    )
    pain_points: list[PainPoint] = Field(
        default_factory=list,
        description="What hurts here; each needs an `id` and a `text`.",
        examples=[[{"id": "generic-messaging", "text": "Ads speak to IT buyers", "severity": 3}]],
    )
    opportunities: list[Opportunity] = Field(
        default_factory=list,
        description="Improvements to make here; `addresses` names the pain points they remove.",
        examples=[
            [
                {
                    "id": "ops-case-study",
                    "text": "Operations-led case study",
                    "addresses": ["generic-messaging"],
                }
            ]
        ],
    )
    metrics: list[Metric] = Field(
        default_factory=list,
        description="Figures measured at this touchpoint, with their targets.",
        examples=[
            [{"id": "ctr", "name": "Click-through rate", "unit": "%", "value": 0.6, "target": 1.0}]
        ],
    )
    links: list[Link] = Field(
        default_factory=list,
        description="Ties to touchpoints of other journeys (portfolio, B2B2C layers).",
        examples=[[{"to": "shipper-consumer#delivery-eta", "kind": "affects"}]],
    )
