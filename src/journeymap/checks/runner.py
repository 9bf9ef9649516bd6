"""Run the registered checks over journeys and the portfolio; findings -> diagnostics.

Severity comes from the config (completeness rules only; the others are always
errors), and a finding on an element that silences its rule is dropped. Checks are
imported through the catalogue, so every registered check is a catalogued rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from journeymap.checks.catalogue import CHECKS, RULES
from journeymap.checks.context import JourneyContext
from journeymap.checks.index import Index, PendingRef
from journeymap.checks.references import DUPLICATE_ID
from journeymap.checks.settings import severity
from journeymap.core.diagnostics import Diagnostic, RuleName
from journeymap.loading.loader import Document
from journeymap.loading.salvage import hides
from journeymap.model import Journey
from journeymap.project.config import Settings
from journeymap.project.discovery import Portfolio

# The rules whose finding says a field is not filled in: when a salvaged journey left a
# value out (see `loading.salvage`), they would only repeat its type error.
ASK_FOR_A_VALUE: frozenset[RuleName] = frozenset(
    {
        "touchpoint-owner",
        "touchpoint-scores",
        "touchpoint-emotion",
        "stage-goal",
        "stage-touchpoints",
        "moment-of-truth-risks",
        "metric-target",
        "future-without-current",
        "review-stale",
        "evidence-stale",
    }
)


@dataclass(frozen=True)
class JourneyChecked:
    diagnostics: list[Diagnostic]
    pending: list[PendingRef]  # references to journeys not yet read (streaming runs)


def check_journey(
    doc: Document, journey: Journey, index: Index, settings: Settings, today: date
) -> JourneyChecked:
    ctx = JourneyContext.of(doc, journey, index, settings, today)
    out: list[Diagnostic] = []
    for rule, check in CHECKS:
        level = severity(settings, rule) if rule.configurable else rule.default
        if level == "off":
            continue
        for finding in check(ctx):
            name = finding.rule or rule.name
            if RULES[name].configurable and name in finding.silenced:
                continue
            loc = finding.loc
            if doc.salvaged is not None:
                loc = doc.salvaged.original(loc)
                if hides(doc.salvaged.skipped, loc, about_presence=name in ASK_FOR_A_VALUE):
                    continue  # it would only repeat a type error reported at that value
            out.append(
                doc.source.diagnostic(
                    loc,
                    name,
                    finding.message,
                    hint=finding.hint,
                    severity=level,
                    on_key=finding.on_key,
                )
            )
    pending = ctx.pending
    if doc.salvaged is not None:
        pending = [replace(p, loc=doc.salvaged.original(p.loc)) for p in pending]
    return JourneyChecked(out, pending)


def check_portfolio(portfolio: Portfolio, today: date) -> list[Diagnostic]:
    """Every cross-file and journey finding for the portfolio's targets."""
    index = Index.of(portfolio.documents)
    out = portfolio_duplicates(portfolio)
    for doc in portfolio.targets:
        if (journey := doc.checkable) is not None:
            out.extend(check_journey(doc, journey, index, portfolio.settings, today).diagnostics)
    return out


def journey_id_taken(doc: Document, first: str) -> Diagnostic:
    """The finding for a journey whose id another file (`first`) already uses."""
    assert doc.journey is not None
    return doc.source.diagnostic(
        ("id",),
        DUPLICATE_ID.name,
        f"journey id {doc.journey.id!r} is already used",
        hint=f"by {first}; journey ids are unique across the portfolio",
    )


def portfolio_duplicates(portfolio: Portfolio) -> list[Diagnostic]:
    """Journey ids across the run, and persona ids across libraries, are unique."""
    out = []
    journey_seen: dict[str, str] = {}
    persona_seen: dict[str, str] = {}
    targets = {id(d) for d in portfolio.targets}
    for doc in portfolio.documents:
        if doc.journey is not None:
            first = journey_seen.setdefault(doc.journey.id, doc.path)
            if first != doc.path and id(doc) in targets:
                out.append(journey_id_taken(doc, first))
        elif doc.library is not None:
            personas = doc.library.personas
            for i, persona in enumerate(personas):
                first = persona_seen.setdefault(persona.id, doc.path)
                repeated = any(p.id == persona.id for p in personas[:i])
                if id(doc) in targets and (first != doc.path or repeated):
                    out.append(
                        doc.source.diagnostic(
                            ("personas", i, "id"),
                            DUPLICATE_ID.name,
                            f"persona id {persona.id!r} is already defined",
                            hint=f"in {first}; persona ids are unique across persona libraries",
                        )
                    )
    return out


def valid_targets(portfolio: Portfolio, diagnostics: Sequence[Diagnostic]) -> list[Journey]:
    """Journeys among the targets with no error; the others are reported, not used."""
    failed = {d.path for d in diagnostics if d.severity == "error"}
    return [
        doc.journey
        for doc in portfolio.targets
        if doc.journey is not None and doc.path not in failed
    ]
