"""Completeness: what a journey map must hold to be useful to the people who act on it.

Each rule can be set to off, warning or error in journeymap.yaml and silenced on one
element (and everything inside it) with `x-journeymap-ignore: [rule]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from journeymap.checks.context import JourneyContext
from journeymap.checks.example import JOURNEY, TOP, TOUCHPOINT_END, add, edit, files
from journeymap.checks.registry import Finding, RuleGroup, checks
from journeymap.core.diagnostics import Loc
from journeymap.core.suggest import closest

_GOAL = "    goal: The customer signs off the project plan\n"

COMPLETENESS = RuleGroup("completeness", "warning", configurable=True, silence_note=True)

TOUCHPOINT_OWNER = COMPLETENESS.rule(
    "touchpoint-owner",
    """Every touchpoint has an owner or a department.

    A touchpoint names no `owner` and no `department`. A map is there to get things fixed, and
    a moment nobody answers for is the one that stays broken. Name the person or team
    responsible.""",
    bad=edit(("        owner: Delivery lead\n", "")),
    good=JOURNEY,
)
TOUCHPOINT_SCORES = COMPLETENESS.rule(
    "touchpoint-scores",
    """Every touchpoint has importance and performance scores.

    A touchpoint lacks an `importance` or `performance` score (1 to 5). The gap report ranks
    touchpoints by the distance between how much a moment matters and how well it goes; without
    both scores the touchpoint drops out of it. Score it, even roughly, and refine later.""",
    bad=edit(("        performance: 3\n", "")),
    good=JOURNEY,
)
TOUCHPOINT_EMOTION = COMPLETENESS.rule(
    "touchpoint-emotion",
    """Every touchpoint has an emotion.

    A touchpoint has no `emotion`: how the customer feels there, 1 (very bad) to 5 (very good),
    overall or per persona (`emotion: {it-lead: 2, cfo: 4}`). The emotion curve is what most
    readers look at first. Add it from research or interviews.""",
    bad=edit(("        emotion: 4\n", "")),
    good=JOURNEY,
)
STAGE_GOAL = COMPLETENESS.rule(
    "stage-goal",
    """Every stage has a goal.

    A stage has no `goal`: what the company wants to achieve in it. Without a goal a stage
    cannot be judged, and its touchpoints' scores have nothing to be measured against. Write
    one sentence.""",
    bad=edit((_GOAL, "")),
    good=JOURNEY,
)
STAGE_TOUCHPOINTS = COMPLETENESS.rule(
    "stage-touchpoints",
    """Every stage has at least one touchpoint.

    A stage has no touchpoints, so the map says nothing about how customers get through it. Add
    the moments where customers meet the company in that stage (a call, an email, a portal), or
    remove the stage.""",
    bad=add(
        TOUCHPOINT_END,
        "  - id: rollout\n    name: Rollout\n    goal: Every team works in the product\n",
    ),
    good=add(
        TOUCHPOINT_END,
        "  - id: rollout\n    name: Rollout\n    goal: Every team works in the product\n"
        "    touchpoints:\n"
        "      - {id: training, name: Training, owner: Delivery lead,\n"
        "         importance: 4, performance: 4, emotion: 4}\n",
    ),
)
MOMENT_OF_TRUTH_RISKS = COMPLETENESS.rule(
    "moment-of-truth-risks",
    """Every moment of truth names its risks.

    A touchpoint marked `moment_of_truth: true` lists no `risks`. A moment of truth is where
    the relationship is won or lost, so the map should say what can go wrong there and who
    watches for it. List the risks.""",
    bad=add(TOUCHPOINT_END, "        moment_of_truth: true\n"),
    good=add(
        TOUCHPOINT_END,
        "        moment_of_truth: true\n        risks: [The plan misses the go-live date]\n",
    ),
)
PAIN_POINT_WITHOUT_OPPORTUNITY = COMPLETENESS.rule(
    "pain-point-without-opportunity",
    """Every pain point is addressed by at least one opportunity.

    A pain point has no opportunity whose `addresses` names it. A map that lists problems
    without ideas to solve them stops at the diagnosis. Add an opportunity (even at `status:
    idea`) that addresses the pain point.""",
    bad=add(
        TOUCHPOINT_END,
        "        pain_points:\n"
        "          - {id: slow-start, text: Two weeks wait for a kickoff date}\n",
    ),
    good=add(
        TOUCHPOINT_END,
        "        pain_points:\n"
        "          - {id: slow-start, text: Two weeks wait for a kickoff date}\n"
        "        opportunities:\n"
        "          - {id: book-at-signature, text: Book the kickoff when the contract is signed,\n"
        "             addresses: [slow-start]}\n",
    ),
)
PERSONA_UNUSED = COMPLETENESS.rule(
    "persona-unused",
    """Every persona of a journey appears in a stage or touchpoint.

    A persona is listed in the journey's `personas` but no stage or touchpoint names it, so the
    map never says where that person takes part. Add it to the `personas` of the stages or
    touchpoints that involve it, or remove it.""",
    bad=add(TOP, "personas: [{id: it-lead, name: IT lead}]\n"),
    good=add(
        TOUCHPOINT_END,
        "        personas: [it-lead]\n",
        base=add(TOP, "personas: [{id: it-lead, name: IT lead}]\n"),
    ),
)
METRIC_TARGET = COMPLETENESS.rule(
    "metric-target",
    """Every metric has a target.

    A metric has no `target`. A value alone does not say whether 4.1 is good news; the gap
    report compares each metric with its target (respecting `better: lower` for metrics where
    less is better). Set the target.""",
    bad=add(
        TOUCHPOINT_END, "        metrics: [{id: kickoff-csat, name: Kickoff CSAT, value: 4.1}]\n"
    ),
    good=add(
        TOUCHPOINT_END,
        "        metrics: [{id: kickoff-csat, name: Kickoff CSAT, value: 4.1, target: 4.5}]\n",
    ),
)
_FUTURE = edit(
    ("id: onboarding\n", "id: onboarding-future\n"),
    (TOP, TOP + "state: future\n"),
)
FUTURE_WITHOUT_CURRENT = COMPLETENESS.rule(
    "future-without-current",
    """A future-state map names the current-state map it improves (`current`).

    A map with `state: future` does not say, with `current`, which current-state map it
    improves. Without it there is nothing to compare: no list of what changes, which pain
    points are resolved and which stay open. Set `current` to the id of the current-state
    journey, and include that file in the run.""",
    bad=files(("journeys/onboarding-future.yaml", _FUTURE)),
    good=files(
        ("journeys/onboarding.yaml", JOURNEY),
        (
            "journeys/onboarding-future.yaml",
            add("state: future\n", "current: onboarding\n", base=_FUTURE),
        ),
    ),
)
UNKNOWN_DEPARTMENT = COMPLETENESS.rule(
    "unknown-department",
    """A touchpoint's department is one of the config's `departments` (when that list is set).

    When journeymap.yaml lists `departments`, every touchpoint's `department` must be one of
    them. One spelling per team is what makes handoffs and ownership reports add up across
    maps. Fix the spelling, or add the department to the list.""",
    bad=files(
        ("journeymap.yaml", "departments: [sales, delivery, support]\n"),
        (
            "journeys/onboarding.yaml",
            add("        owner: Delivery lead\n", "        department: delivry\n"),
        ),
    ),
    good=files(
        ("journeymap.yaml", "departments: [sales, delivery, support]\n"),
        (
            "journeys/onboarding.yaml",
            add("        owner: Delivery lead\n", "        department: delivery\n"),
        ),
    ),
    default="error",
)


T_co = TypeVar("T_co", covariant=True)


class Placed(Protocol[T_co]):
    """An element where it is in the file: `At` or `TouchpointAt`."""

    @property
    def loc(self) -> Loc: ...
    @property
    def silenced(self) -> frozenset[str]: ...
    @property
    def value(self) -> T_co: ...


def findings_where(
    items: Iterable[Placed[T_co]],
    broken: Callable[[T_co], object],
    message: Callable[[T_co], str],
    hint: str,
) -> Iterator[Finding]:
    """A finding on each element that `broken` picks: the shape of most completeness rules."""
    for item in items:
        if broken(item.value):
            yield Finding(item.loc, message(item.value), hint, item.silenced)


@checks(TOUCHPOINT_OWNER)
def touchpoint_owner(ctx: JourneyContext) -> Iterator[Finding]:
    return findings_where(
        ctx.touchpoints,
        lambda tp: not tp.owner and not tp.department,
        lambda tp: f"touchpoint {tp.id!r} has no owner or department",
        "set `owner` or `department` so someone answers for it",
    )


@checks(TOUCHPOINT_SCORES)
def touchpoint_scores(ctx: JourneyContext) -> Iterator[Finding]:
    for t in ctx.touchpoints:
        missing = [f for f in ("importance", "performance") if getattr(t.value, f) is None]
        if missing:
            yield Finding(
                t.loc,
                f"touchpoint {t.value.id!r} has no {' or '.join(missing)} score",
                "scores 1-5 feed the importance-performance gap analysis",
                t.silenced,
            )


@checks(TOUCHPOINT_EMOTION)
def touchpoint_emotion(ctx: JourneyContext) -> Iterator[Finding]:
    return findings_where(
        ctx.touchpoints,
        lambda tp: tp.emotion is None,
        lambda tp: f"touchpoint {tp.id!r} has no emotion",
        "`emotion: 1-5`, or per persona: `{ops-director: 4}`",
    )


@checks(STAGE_GOAL)
def stage_goal(ctx: JourneyContext) -> Iterator[Finding]:
    return findings_where(
        ctx.stages,
        lambda stage: not stage.goal,
        lambda stage: f"stage {stage.id!r} has no goal",
        "say what the company wants to achieve in this stage (`goal`)",
    )


@checks(STAGE_TOUCHPOINTS)
def stage_touchpoints(ctx: JourneyContext) -> Iterator[Finding]:
    return findings_where(
        ctx.stages,
        lambda stage: not stage.touchpoints,
        lambda stage: f"stage {stage.id!r} has no touchpoints",
        "add the touchpoints where customers meet the company in this stage",
    )


@checks(MOMENT_OF_TRUTH_RISKS)
def moment_of_truth_risks(ctx: JourneyContext) -> Iterator[Finding]:
    return findings_where(
        ctx.touchpoints,
        lambda tp: tp.moment_of_truth and not tp.risks,
        lambda tp: f"moment of truth {tp.id!r} names no risks",
        "list what can go wrong here under `risks`",
    )


@checks(PAIN_POINT_WITHOUT_OPPORTUNITY)
def pain_point_without_opportunity(ctx: JourneyContext) -> Iterator[Finding]:
    for p in ctx.pain_points:
        if p.value.id not in ctx.addressed:
            yield Finding(
                p.loc,
                f"pain point {p.value.id!r} has no opportunity that addresses it",
                f"add an opportunity with `addresses: [{p.value.id}]`",
                p.silenced,
            )


@checks(PERSONA_UNUSED)
def persona_unused(ctx: JourneyContext) -> Iterator[Finding]:
    for p in ctx.personas:
        entry = p.value
        pid = entry if isinstance(entry, str) else entry.id
        resolved = not isinstance(entry, str) or ctx.index.knows_persona(entry)
        if resolved and pid not in ctx.used_personas:
            yield Finding(
                p.loc,
                f"persona {pid!r} appears in no stage or touchpoint",
                "list it in a stage's or touchpoint's `personas`, or remove it",
                p.silenced,
            )


@checks(METRIC_TARGET)
def metric_target(ctx: JourneyContext) -> Iterator[Finding]:
    return findings_where(
        ctx.metrics,
        lambda metric: metric.target is None,
        lambda metric: f"metric {metric.id!r} has no target",
        "set `target` so the gap report can measure it",
    )


@checks(FUTURE_WITHOUT_CURRENT)
def future_without_current(ctx: JourneyContext) -> Iterator[Finding]:
    if ctx.journey.state == "future" and ctx.journey.current is None:
        yield Finding(
            ("state",),
            "future-state map does not name the current-state map it improves",
            "set `current:` to the id of the current-state journey",
            ctx.silenced,
        )


@checks(UNKNOWN_DEPARTMENT)
def unknown_department(ctx: JourneyContext) -> Iterator[Finding]:
    allowed = ctx.settings.config.departments
    if allowed is None:
        return
    for t in ctx.touchpoints:
        department = t.value.department
        if department is not None and department not in allowed:
            match = closest(department, allowed)
            yield Finding(
                (*t.loc, "department"),
                f"department {department!r} is not one of the config's departments",
                f"did you mean {match!r}?" if match else f"known: {', '.join(allowed)}",
                t.silenced,
            )
