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

COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
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
        description="Completeness rules to silence on this element and everything inside it, "
        "for example `[touchpoint-scores]` on a stage that is not scored yet. "
        "`journeymap rules` lists the rule names.",
        examples=[["touchpoint-scores", "stage-goal"]],
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


def _emotion_tag(value: Any) -> str:
    return "per-persona" if isinstance(value, dict) else "score"


Emotion = Annotated[
    Annotated[Score, Tag("score")] | Annotated[dict[Id, Score], Tag("per-persona")],
    Discriminator(_emotion_tag),
]


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

    entered: Annotated[int, Field(ge=0)] = Field(
        description="How many reached this touchpoint (people or accounts).", examples=[12000]
    )
    continued: Annotated[int, Field(ge=0)] = Field(
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


class Journey(Element):
    """One journey map: a `kind: journey` file."""

    journeymap: Literal[1] = Field(
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

    def touchpoints(self) -> list[tuple[int, Stage, int, Touchpoint]]:
        """Every touchpoint in journey order, with its stage and both indexes."""
        return [
            (si, stage, ti, tp)
            for si, stage in enumerate(self.stages)
            for ti, tp in enumerate(stage.touchpoints)
        ]


class PersonaLibrary(Part):
    """A `kind: personas` file: personas shared by several journeys."""

    journeymap: Literal[1] = Field(
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
