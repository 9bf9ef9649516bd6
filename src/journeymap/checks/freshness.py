"""Freshness: maps decay, so a map and its evidence carry dates that are checked.

`today` comes from the run (JOURNEYMAP_TODAY pins it for reproducible builds and tests).
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.checks.context import JourneyContext
from journeymap.checks.example import JOURNEY, edit
from journeymap.checks.registry import Finding, RuleGroup, checks
from journeymap.checks.settings import option
from journeymap.core.wording import count_of
from journeymap.model.freshness import age_days

FRESHNESS_AND_PRIVACY = RuleGroup("freshness and privacy", "warning", configurable=True)

REVIEW_STALE = FRESHNESS_AND_PRIVACY.rule(
    "review-stale",
    """The map has a `reviewed.date` no older than `max_age_days` (default 180).

    The map was never reviewed (it has no `reviewed`), or its last review is older than
    `max_age_days` (180 days unless journeymap.yaml says otherwise). Journeys change with
    products, teams and customers, and a map nobody has checked for a year misleads the people
    who act on it. Review it with its owners and update `reviewed: {by, date}`; set the age in
    journeymap.yaml (`rules: {review-stale: {max_age_days: 120}}`).""",
    bad=edit(("date: 2026-10-01", "date: 2025-01-15")),
    good=JOURNEY,
    option="max_age_days",
    option_default=180,
)
_EVIDENCE = (
    "evidence:\n  - {id: kickoff-survey, kind: survey, title: Kickoff survey, date: 2026-09-30}\n"
)
EVIDENCE_STALE = FRESHNESS_AND_PRIVACY.rule(
    "evidence-stale",
    """Evidence is dated and no older than `max_age_days` (default 365).

    A piece of evidence (an interview, a survey, CRM data) has no `date`, or is older than
    `max_age_days` (365 days unless journeymap.yaml says otherwise). Readers weigh a finding by
    how recent it is, and an undated one cannot be weighed. Date it, refresh the research, or
    raise `max_age_days` for evidence-stale.""",
    bad=JOURNEY + _EVIDENCE.replace(", date: 2026-09-30", ""),
    good=JOURNEY + _EVIDENCE,
    option="max_age_days",
    option_default=365,
)


@checks(REVIEW_STALE)
def review_stale(ctx: JourneyContext) -> Iterator[Finding]:
    reviewed = ctx.journey.reviewed
    limit = option(ctx.settings, REVIEW_STALE)
    if reviewed is None:
        yield Finding(
            ("id",),
            "map has never been reviewed",
            "add `reviewed: {by: NAME, date: YYYY-MM-DD}` after the next review",
            ctx.silenced,
        )
        return
    age = age_days(reviewed.date, ctx.today)
    if age is not None and age > limit:
        yield Finding(
            ("reviewed", "date"),
            f"map was last reviewed {count_of(age, 'day')} ago (limit {limit})",
            "review the map with its owners and update `reviewed`",
            ctx.silenced,
        )


@checks(EVIDENCE_STALE)
def evidence_stale(ctx: JourneyContext) -> Iterator[Finding]:
    limit = option(ctx.settings, EVIDENCE_STALE)
    for e in ctx.evidence:
        if e.value.date is None:
            yield Finding(
                e.loc,
                f"evidence {e.value.id!r} has no date",
                "date evidence so readers can judge how current it is",
                e.silenced,
            )
            continue
        age = age_days(e.value.date, ctx.today)
        if age is not None and age > limit:
            yield Finding(
                (*e.loc, "date"),
                f"evidence {e.value.id!r} is {count_of(age, 'day')} old (limit {limit})",
                "refresh the research, or raise `max_age_days` for evidence-stale",
                e.silenced,
            )
