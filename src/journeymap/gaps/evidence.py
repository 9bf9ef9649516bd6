"""Evidence as the report shows it: title, kind, date and age, looked up by id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from journeymap.gaps.results import EvidenceRef
from journeymap.model import Journey
from journeymap.model.freshness import age_days, is_stale


def evidence_index(journey: Journey, today: date, max_age_days: int) -> dict[str, EvidenceRef]:
    """Every piece of evidence of a journey by id, with its age and staleness."""
    return {
        ev.id: EvidenceRef(
            ev.id,
            ev.title,
            ev.kind,
            ev.date,
            age_days(ev.date, today),
            is_stale(ev.date, today, max_age_days),
        )
        for ev in journey.evidence
    }


def refs(ids: Iterable[str], index: dict[str, EvidenceRef]) -> tuple[EvidenceRef, ...]:
    """The evidence named by `ids`, each once, in the order named.

    An id that names nothing is kept (title, kind and date unknown) rather than dropped:
    the reference checks report it, and the report should not pretend it is not there.
    """
    out: dict[str, EvidenceRef] = {}
    for eid in ids:
        out.setdefault(eid, index.get(eid) or EvidenceRef(eid, None, None, None, None, True))
    return tuple(out.values())


def distinct_kinds(evidence: Iterable[EvidenceRef]) -> int:
    """How many kinds of evidence: one interview and one survey (2) beat ten interviews (1)."""
    return len({ev.kind for ev in evidence if ev.kind is not None})
