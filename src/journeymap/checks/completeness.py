"""Completeness: what a journey map must hold to be useful to the people who act on it.

Each rule can be set to off, warning or error in journeymap.yaml and silenced on one
element (and everything inside it) with `x-journeymap-ignore: [rule]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.checks.context import JourneyContext
from journeymap.checks.registry import Finding, Rule, checks
from journeymap.suggest import closest

TOUCHPOINT_OWNER = Rule(
    "touchpoint-owner",
    "warning",
    "Every touchpoint has an owner or a department.",
    "completeness",
    configurable=True,
)
TOUCHPOINT_SCORES = Rule(
    "touchpoint-scores",
    "warning",
    "Every touchpoint has importance and performance scores.",
    "completeness",
    configurable=True,
)
TOUCHPOINT_EMOTION = Rule(
    "touchpoint-emotion",
    "warning",
    "Every touchpoint has an emotion.",
    "completeness",
    configurable=True,
)
STAGE_GOAL = Rule(
    "stage-goal", "warning", "Every stage has a goal.", "completeness", configurable=True
)
STAGE_TOUCHPOINTS = Rule(
    "stage-touchpoints",
    "warning",
    "Every stage has at least one touchpoint.",
    "completeness",
    configurable=True,
)
MOMENT_OF_TRUTH_RISKS = Rule(
    "moment-of-truth-risks",
    "warning",
    "Every moment of truth names its risks.",
    "completeness",
    configurable=True,
)
PAIN_POINT_WITHOUT_OPPORTUNITY = Rule(
    "pain-point-without-opportunity",
    "warning",
    "Every pain point is addressed by at least one opportunity.",
    "completeness",
    configurable=True,
)
PERSONA_UNUSED = Rule(
    "persona-unused",
    "warning",
    "Every persona of a journey appears in a stage or touchpoint.",
    "completeness",
    configurable=True,
)
METRIC_TARGET = Rule(
    "metric-target", "warning", "Every metric has a target.", "completeness", configurable=True
)
FUTURE_WITHOUT_CURRENT = Rule(
    "future-without-current",
    "warning",
    "A future-state map names the current-state map it improves (`current`).",
    "completeness",
    configurable=True,
)
UNKNOWN_DEPARTMENT = Rule(
    "unknown-department",
    "error",
    "A touchpoint's department is one of the config's `departments` (when that list is set).",
    "completeness",
    configurable=True,
)


@checks(TOUCHPOINT_OWNER)
def touchpoint_owner(ctx: JourneyContext) -> Iterator[Finding]:
    for t in ctx.touchpoints:
        if not t.value.owner and not t.value.department:
            yield Finding(
                t.loc,
                f"touchpoint {t.value.id!r} has no owner or department",
                "set `owner` or `department` so someone answers for it",
                t.silenced,
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
    for t in ctx.touchpoints:
        if t.value.emotion is None:
            yield Finding(
                t.loc,
                f"touchpoint {t.value.id!r} has no emotion",
                "`emotion: 1-5`, or per persona: `{ops-director: 4}`",
                t.silenced,
            )


@checks(STAGE_GOAL)
def stage_goal(ctx: JourneyContext) -> Iterator[Finding]:
    for s in ctx.stages:
        if not s.value.goal:
            yield Finding(
                s.loc,
                f"stage {s.value.id!r} has no goal",
                "say what the company wants to achieve in this stage (`goal`)",
                s.silenced,
            )


@checks(STAGE_TOUCHPOINTS)
def stage_touchpoints(ctx: JourneyContext) -> Iterator[Finding]:
    for s in ctx.stages:
        if not s.value.touchpoints:
            yield Finding(
                s.loc,
                f"stage {s.value.id!r} has no touchpoints",
                "add the touchpoints where customers meet the company in this stage",
                s.silenced,
            )


@checks(MOMENT_OF_TRUTH_RISKS)
def moment_of_truth_risks(ctx: JourneyContext) -> Iterator[Finding]:
    for t in ctx.touchpoints:
        if t.value.moment_of_truth and not t.value.risks:
            yield Finding(
                t.loc,
                f"moment of truth {t.value.id!r} names no risks",
                "list what can go wrong here under `risks`",
                t.silenced,
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
    for m in ctx.metrics:
        if m.value.target is None:
            yield Finding(
                m.loc,
                f"metric {m.value.id!r} has no target",
                "set `target` so the gap report can measure it",
                m.silenced,
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
