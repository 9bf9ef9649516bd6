"""Identity and references: ids unique in their scope, every reference resolving.

These rules are always errors: a map whose references do not resolve cannot be rendered
or compared faithfully. References to other journeys go through `refer`, which resolves
them at once or, in a streaming run, leaves them pending until every journey is known.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import get_args

from journeymap.checks.context import JourneyContext
from journeymap.checks.example import JOURNEY, TOP, TOUCHPOINT_END, add, edit
from journeymap.checks.index import JourneySummary, Locator, PendingRef
from journeymap.checks.registry import Finding, RuleGroup, checks
from journeymap.checks.structural import INVALID_VALUE
from journeymap.core.diagnostics import Diagnostic, Loc, RuleName
from journeymap.core.rules import CONFIGURABLE_RULES
from journeymap.core.suggest import closest
from journeymap.model import IGNORE_KEY

ALL_RULES: tuple[str, ...] = get_args(RuleName)  # the catalogue, held equal by a test

IDENTITY_AND_REFERENCES = RuleGroup("identity and references", "error")
PROJECT_FILE = RuleGroup("project file", "error")

DUPLICATE_ID = IDENTITY_AND_REFERENCES.rule(
    "duplicate-id",
    """Ids are unique within their scope.

    Two things of the same kind share an id: two touchpoints in one journey, two journeys in
    the portfolio, two personas across the persona libraries. A reference to that id could mean
    either, and pages and diffs would mix them up. Rename one; the help line says where the id
    was first used.""",
    bad=add(
        TOUCHPOINT_END,
        "      - {id: kickoff-call, name: Welcome email, owner: Delivery lead,\n"
        "         importance: 3, performance: 4, emotion: 3}\n",
    ),
    good=add(
        TOUCHPOINT_END,
        "      - {id: welcome-email, name: Welcome email, owner: Delivery lead,\n"
        "         importance: 3, performance: 4, emotion: 3}\n",
    ),
)
UNRESOLVED_REFERENCE = IDENTITY_AND_REFERENCES.rule(
    "unresolved-reference",
    """Every reference names something that exists.

    A reference names an id that does not exist: a persona, a phase, a piece of evidence, a
    pain point, or another journey (in a link or in `current`). Usually it is a typo, or the
    file that defines it was not part of the run. Fix the id (the help line suggests the
    nearest), define it, or include the other file.""",
    bad=edit(("    name: Kickoff\n", "    name: Kickoff\n    phase: setup\n")),
    good=edit(
        ("stages:\n", "phases: [{id: setup, name: Setup}]\nstages:\n"),
        ("    name: Kickoff\n", "    name: Kickoff\n    phase: setup\n"),
    ),
)
INVALID_REFERENCE = IDENTITY_AND_REFERENCES.rule(
    "invalid-reference",
    """A link is written `JOURNEY#TOUCHPOINT`, and `current` names a current-state map.

    A reference has the wrong shape or points at the wrong kind of thing: a link's `to` must be
    `JOURNEY_ID#TOUCHPOINT_ID`, and `current` belongs on a future-state map and names a
    current-state one. Otherwise the comparison between current and future would be made
    against the wrong map. Write the reference in its form, or remove `current` from a
    current-state map.""",
    bad=add(TOP, "current: onboarding-2025\n"),
    good=JOURNEY,
)
FUNNEL_ORDER = IDENTITY_AND_REFERENCES.rule(
    "funnel-order",
    """`funnel.continued` is not more than `funnel.entered`.

    A touchpoint's funnel says more people continued than entered it. `continued` counts those
    who went on out of the people who `entered`, so it cannot be larger; conversion rates built
    on it would exceed 100%. Check the two numbers, often they are swapped.""",
    bad=add(TOUCHPOINT_END, "        funnel: {entered: 40, continued: 55}\n"),
    good=add(TOUCHPOINT_END, "        funnel: {entered: 55, continued: 40}\n"),
)
UNKNOWN_RULE = PROJECT_FILE.rule(
    "unknown-rule",
    """`x-journeymap-ignore` and the config's `rules` name real rules.

    `x-journeymap-ignore` in a journey, or `rules` in journeymap.yaml, names a rule that does
    not exist, so the silence or setting you meant has no effect. Fix the name; the help line
    suggests the nearest, and `journeymap rules` lists them all.""",
    bad=add(
        "    goal: The customer signs off the project plan\n",
        "    x-journeymap-ignore: [stage-gaol]\n",
    ),
    good=add(
        "    goal: The customer signs off the project plan\n",
        "    x-journeymap-ignore: [stage-goal]\n",
    ),
)


def unresolved_hint(what: str, ref: str, known: Sequence[str], extra: str | None) -> str:
    match = closest(ref, known)
    if match:
        hint = f"did you mean {match!r}?"
    elif known:
        shown = sorted(known)[:8]
        hint = f"known {what} ids: {', '.join(shown)}{'…' if len(known) > 8 else ''}"
    else:
        hint = f"no {what} is defined"
    return f"{hint} ({extra})" if extra else hint


def _unresolved(
    loc: Loc, what: str, ref: str, known: Sequence[str], extra: str | None = None
) -> Finding:
    return Finding(loc, f"unknown {what} {ref!r}", unresolved_hint(what, ref, known, extra))


@checks(DUPLICATE_ID)
def unique_ids(ctx: JourneyContext) -> Iterator[Finding]:
    j = ctx.journey
    scopes: list[tuple[str, list[tuple[Loc, str]]]] = [
        ("evidence", [(e.loc, e.value.id) for e in ctx.evidence]),
        ("phase", [(("phases", i), p.id) for i, p in enumerate(j.phases)]),
        ("stage", [(s.loc, s.value.id) for s in ctx.stages]),
        ("touchpoint", [(t.loc, t.value.id) for t in ctx.touchpoints]),
        ("pain point", [(p.loc, p.value.id) for p in ctx.pain_points]),
        ("opportunity", [(o.loc, o.value.id) for o in ctx.opportunities]),
        ("metric", [(m.loc, m.value.id) for m in ctx.metrics]),
    ]
    for what, items in scopes:
        seen: dict[str, Loc] = {}
        for loc, ident in items:
            if ident in seen:
                first = ctx.doc.source.locate((*seen[ident], "id"))[0]
                yield Finding(
                    (*loc, "id"),
                    f"{what} id {ident!r} is already used in this journey",
                    f"first used on line {first}",
                )
            else:
                seen[ident] = loc
    library = ctx.index.library_personas
    listed: dict[str, Loc] = {}
    for p in ctx.personas:
        entry = p.value
        pid = entry if isinstance(entry, str) else entry.id
        at = p.loc if isinstance(entry, str) else (*p.loc, "id")
        if not isinstance(entry, str) and pid in library:
            yield Finding(
                at,
                f"persona id {pid!r} is also defined in a persona library",
                "refer to the library persona by id, or rename this one",
            )
        if pid in listed:
            first = ctx.doc.source.locate(listed[pid])[0]
            yield Finding(
                at,
                f"persona {pid!r} is listed twice",
                f"first listed on line {first}; remove this one"
                + ("" if isinstance(entry, str) else ", or give it an id of its own"),
            )
        listed.setdefault(pid, at)


@checks(UNRESOLVED_REFERENCE)
def references(ctx: JourneyContext) -> Iterator[Finding]:
    """Every reference resolves; a `current` naming a future map is `invalid-reference`."""
    library = ctx.index.library_personas
    for p in ctx.personas:
        if isinstance(p.value, str) and not ctx.index.knows_persona(p.value):
            extra = "persona libraries are `kind: personas` files read in the same run"
            yield _unresolved(p.loc, "persona", p.value, list(library), extra)
    personas = sorted(ctx.persona_ids)
    first_list = "list it in the journey's `personas` first"
    for s in ctx.stages:
        stage = s.value
        if stage.phase is not None and stage.phase not in ctx.phase_ids:
            yield _unresolved((*s.loc, "phase"), "phase", stage.phase, sorted(ctx.phase_ids))
        for i, ref in enumerate(stage.personas):
            if ref not in ctx.persona_ids:
                yield _unresolved((*s.loc, "personas", i), "persona", ref, personas, first_list)
    for t in ctx.touchpoints:
        tp = t.value
        for i, ref in enumerate(tp.personas):
            if ref not in ctx.persona_ids:
                yield _unresolved((*t.loc, "personas", i), "persona", ref, personas, first_list)
        for name in ("emotion", "target_emotion"):
            value = getattr(tp, name)
            if isinstance(value, dict):
                for pid in value:
                    if pid not in ctx.persona_ids:
                        yield Finding(
                            (*t.loc, name, pid),
                            f"unknown persona {pid!r} in {name}",
                            unresolved_hint("persona", pid, personas, first_list),
                            on_key=True,
                        )
    evidence = sorted(ctx.evidence_ids)
    for m in ctx.metrics:
        for i, ref in enumerate(m.value.evidence):
            if ref not in ctx.evidence_ids:
                yield _unresolved((*m.loc, "evidence", i), "evidence", ref, evidence)
    for pp in ctx.pain_points:
        for i, ref in enumerate(pp.value.evidence):
            if ref not in ctx.evidence_ids:
                yield _unresolved((*pp.loc, "evidence", i), "evidence", ref, evidence)
    pain_points = sorted(ctx.pain_point_ids)
    current = ctx.journey.current if ctx.journey.state == "future" else None
    for o in ctx.opportunities:
        for i, ref in enumerate(o.value.addresses):
            loc = (*o.loc, "addresses", i)
            if ref in ctx.pain_point_ids:
                continue
            if current is not None:  # a future map may address its current map's pain points
                yield from refer(ctx, loc, "addresses", current, ref, pain_points)
            else:
                yield _unresolved(loc, "pain point", ref, pain_points)
    for t in ctx.touchpoints:
        for i, link in enumerate(t.value.links):
            journey_id, _, touchpoint_id = link.to.partition("#")
            yield from refer(ctx, (*t.loc, "links", i, "to"), "link", journey_id, touchpoint_id)
    if ctx.journey.state == "future" and ctx.journey.current is not None:
        yield from refer(ctx, ("current",), "current", ctx.journey.current)
        for i, retired in enumerate(ctx.journey.retires):
            yield from refer(ctx, ("retires", i), "retire", ctx.journey.current, retired)


def refer(
    ctx: JourneyContext,
    loc: Loc,
    kind: str,
    journey: str,
    touchpoint: str | None = None,
    local: Sequence[str] = (),
) -> Iterator[Finding]:
    """A reference to another journey: resolved now, or at the end of a streaming run."""
    ref = PendingRef(ctx.doc.path, tuple(loc), kind, journey, touchpoint, tuple(local))
    if ctx.index.final or journey in ctx.index.journeys:
        yield from resolve(ref, ctx.index.journeys)
    else:
        ctx.pending.append(ref)


def resolve(ref: PendingRef, journeys: dict[str, JourneySummary]) -> Iterator[Finding]:
    target = journeys.get(ref.journey)
    if target is None and ref.kind == "addresses":
        yield _unresolved(ref.loc, "pain point", ref.touchpoint or "", ref.local)
        return
    if target is None and ref.kind == "retire":
        return  # the future map's `current` reference already reports the unknown map
    if target is None:
        where = "linked journey's" if ref.kind == "link" else "current-state map's"
        extra = f"the {where} file must be read in the same run"
        yield _unresolved(ref.loc, "journey", ref.journey, list(journeys), extra)
    elif ref.kind == "addresses" and ref.touchpoint not in target.pain_point_ids:
        known = sorted({*ref.local, *target.pain_point_ids})
        what = f"pain point (in this map or {ref.journey})"
        yield _unresolved(ref.loc, what, ref.touchpoint or "", known)
    elif ref.kind == "retire" and ref.touchpoint not in target.touchpoint_ids:
        match = closest(ref.touchpoint or "", target.touchpoint_ids)
        yield Finding(
            ref.loc,
            f"{ref.journey!r} has no touchpoint {ref.touchpoint!r} to retire",
            f"did you mean {match!r}?"
            if match
            else f"list touchpoint ids of the current-state map {ref.journey!r}",
        )
    elif ref.kind == "link" and ref.touchpoint not in target.touchpoint_ids:
        known = sorted(target.touchpoint_ids)
        what = f"touchpoint in {ref.journey}"
        yield _unresolved(ref.loc, what, ref.touchpoint or "", known)
    elif ref.kind == "current" and target.state != "current":
        yield Finding(
            ref.loc,
            f"{ref.journey!r} is not a current-state map (its state is {target.state})",
            "`current` names the map with `state: current` that this one improves",
            rule=INVALID_REFERENCE.name,
        )


def resolve_pending(
    pending: Sequence[PendingRef], journeys: dict[str, JourneySummary], locate: Locator
) -> list[Diagnostic]:
    """The references a streaming run left open, resolved once every journey is known."""
    out = []
    for ref in pending:
        for finding in resolve(ref, journeys):
            line, column = locate(ref.path, ref.loc)
            rule = finding.rule or UNRESOLVED_REFERENCE.name
            out.append(
                Diagnostic(ref.path, line, column, "error", rule, finding.message, finding.hint)
            )
    return out


@checks(INVALID_REFERENCE)
def current_only_on_future_maps(ctx: JourneyContext) -> Iterator[Finding]:
    if ctx.journey.state == "current" and ctx.journey.current is not None:
        yield Finding(
            ("current",),
            "`current` is only for future-state maps",
            "set `state: future`, or remove `current`",
        )


@checks(INVALID_VALUE)
def retires_only_what_is_gone(ctx: JourneyContext) -> Iterator[Finding]:
    """`retires` belongs to future maps, and names touchpoints the future map no longer has."""
    j = ctx.journey
    if j.retires and j.state != "future":
        yield Finding(
            ("retires",),
            "`retires` is only for future-state maps",
            "set `state: future` and `current:`, or remove `retires`",
        )
        return
    planned = {t.value.id for t in ctx.touchpoints}
    for i, retired in enumerate(j.retires):
        if retired in planned:
            yield Finding(
                ("retires", i),
                f"touchpoint {retired!r} is retired but still in this future map",
                "remove it from `retires`, or remove the touchpoint from the map",
            )


@checks(FUNNEL_ORDER)
def funnel_order(ctx: JourneyContext) -> Iterator[Finding]:
    for t in ctx.touchpoints:
        funnel = t.value.funnel
        if funnel is not None and funnel.continued > funnel.entered:
            yield Finding(
                (*t.loc, "funnel", "continued"),
                f"funnel continued ({funnel.continued:,}) is more than entered "
                f"({funnel.entered:,})",
                "continued counts those who went on from the people who entered",
            )


@checks(UNKNOWN_RULE)
def ignored_rules_exist(ctx: JourneyContext) -> Iterator[Finding]:
    for at in ctx.ignore_lists:
        for i, name in enumerate(at.value):
            if name not in ALL_RULES:
                match = closest(name, CONFIGURABLE_RULES)
                yield Finding(
                    (*at.loc, i),
                    f"unknown rule {name!r} in {IGNORE_KEY}",
                    f"did you mean {match!r}?" if match else "`journeymap rules` lists the rules",
                )
