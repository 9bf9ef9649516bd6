"""The gap report's sections beside the ranked list: coverage and current vs future,
with the names, numbers and evidence labels every section shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from journeymap.core.wording import count_of, with_unit
from journeymap.gaps.results import (
    Coverage,
    EvidenceRef,
    FutureComparison,
    PainPointOutcome,
    Score,
    TouchpointRef,
)
from journeymap.model import Journey, Persona
from journeymap.model.who import personas_of
from journeymap.views.site import journey_page


@dataclass
class Names:
    """Ids -> the names people know, and touchpoint ids -> their place on the map.

    Without journeys (the `gaps` command's printout) every lookup gives the id back and no
    link: the report reads as before. The site's gap report has names and links.
    """

    journeys: dict[str, str] = field(default_factory=dict)
    stages: dict[tuple[str, str], str] = field(default_factory=dict)
    touchpoints: dict[tuple[str, str], str] = field(default_factory=dict)
    personas: dict[str, str] = field(default_factory=dict)
    suffix: str = ".html"

    @classmethod
    def of(
        cls, journeys: Sequence[Journey], library: dict[str, Persona], suffix: str = ".html"
    ) -> Names:
        names = cls(suffix=suffix)
        for j in journeys:
            names.journeys[j.id] = j.title
            for stage in j.stages:
                names.stages[(j.id, stage.id)] = stage.name
                for tp in stage.touchpoints:
                    names.touchpoints[(j.id, tp.id)] = tp.name
            for p in personas_of(j, library):
                names.personas[p.id] = p.name
        return names

    def journey(self, jid: str) -> str:
        return self.journeys.get(jid, jid)

    def stage(self, jid: str, sid: str) -> str:
        return self.stages.get((jid, sid), sid)

    def touchpoint(self, jid: str, tid: str | None) -> str:
        if not tid:
            return ""
        return self.touchpoints.get((jid, tid), tid)

    def persona(self, pid: str | None) -> str:
        return self.personas.get(pid, pid) if pid else ""

    def page(self, jid: str) -> str:
        """`maps/<journey>.html` for a journey the site shows, else ""."""
        return journey_page(jid, self.suffix) if jid in self.journeys else ""

    def href(self, jid: str, tid: str | None) -> str:
        """`maps/<journey>.html#tp-<touchpoint>` for a touchpoint the site shows, else ""."""
        if tid is None or (jid, tid) not in self.touchpoints:
            return ""
        return f"{journey_page(jid, self.suffix)}#tp-{tid}"


CELL_SYMBOLS = {"served": "●", "unserved": "○ unserved", "absent": "–"}


def number(value: float | None) -> str:
    """A figure as people write it: 4.5, 3, 0.6; two decimals at most; empty when unknown."""
    if value is None:
        return ""
    return f"{round(value, 2):g}"


def figure(value: float | None, unit: str | None) -> str:
    """A figure with its unit, as every output writes it (`0.6%`, `4 weeks`, `1 day`);
    empty when unknown."""
    return with_unit(value, unit)


def listing(items: Iterable[str], empty: str = "none") -> str:
    text = ", ".join(items)
    return text or empty


def evidence_text(ev: EvidenceRef) -> str:
    """Evidence by title and date, never a bare id: "Support tickets, Q3 (2026-10-05)"."""
    title = ev.title or f"untitled evidence ({ev.id})"
    when = ev.date.isoformat() if ev.date else "undated"
    return f"{title} ({when})"


@dataclass(frozen=True, slots=True)
class FindingText:
    """A completeness finding on a map, in one line."""

    text: str


@dataclass(frozen=True, slots=True)
class EvidencedPain:
    """A pain point and the evidence behind it (or its lack, flagged)."""

    pain_point: str
    touchpoint: str
    href: str
    text: str
    kinds: int
    evidence_text: str
    no_evidence: bool


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """Whether a persona is served in a stage (`state`), as a symbol and a count."""

    state: str
    text: str


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A persona's row of the who-is-served-where matrix: a cell a stage."""

    persona: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class CoverageView:
    """How well one map is backed and kept: evidence, review, opportunities, who is served.

    The lists are said as text, empty when there is nothing to say (the line is left out).
    """

    journey: str
    anchor: str
    href: str
    evidence_backing: str
    opportunities: str
    review: str
    stale_evidence: str
    without_opportunity: str
    without_evidence: str
    metrics_without_evidence: str
    unserved: str
    findings_heading: str
    findings: tuple[FindingText, ...]
    pain_points: tuple[EvidencedPain, ...]
    stages: tuple[str, ...]
    matrix: tuple[MatrixRow, ...]


@dataclass(frozen=True, slots=True)
class TouchpointChanges:
    """The touchpoints a future map adds, retires, changes... as one line of names."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one current pain point in the plan."""

    pain_point: str
    text: str


@dataclass(frozen=True, slots=True)
class PainGroup:
    """The current pain points that share one outcome in the plan, and what it means."""

    label: str
    heading: str
    meaning: str
    entries: tuple[Outcome, ...]


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A field of a touchpoint the plan changes: its value now and in the plan."""

    touchpoint: str
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class FutureView:
    """A future-state map against its current-state map; `found` is false when the current
    map was not among the journeys read (then the lists are empty)."""

    journey: str
    current: str
    found: bool
    touchpoints: tuple[TouchpointChanges, ...]
    pain_groups: tuple[PainGroup, ...]
    changes: tuple[ChangeRow, ...]


def _finding(rule: str, severity: str, message: str, line: int | None) -> FindingText:
    """A finding as `validate` prints it, with its line when it has one."""
    where = f"line {line}: " if line is not None else ""
    return FindingText(f"{where}{severity}[{rule}] {message}")


def coverage_view(c: Coverage, names: Names) -> CoverageView:
    """One map's coverage section; `names` names its stages, personas and touchpoints."""
    counted = f"{c.pain_points_with_evidence} of {len(c.pain_points)}"
    if c.evidence_share is not None:
        counted += f" ({round(c.evidence_share * 100)}%)"
    review = "never" if c.review_age_days is None else f"{count_of(c.review_age_days, 'day')} ago"
    if c.review_stale:
        review += " (stale)"
    stale = [e for e in c.evidence if e.stale]
    return CoverageView(
        journey=names.journey(c.journey),
        anchor=f"gaps-{c.journey}",
        href=names.page(c.journey),
        evidence_backing=counted,
        opportunities=", ".join(f"{s} {n}" for s, n in c.opportunities_by_status.items()),
        review=review,
        stale_evidence=listing((evidence_text(e) for e in stale), ""),
        without_opportunity=listing(c.pain_points_without_opportunity, ""),
        without_evidence=listing(c.pain_points_without_evidence, ""),
        metrics_without_evidence=listing(c.metrics_without_evidence, ""),
        unserved=listing(
            (
                f"{names.persona(u.persona)} in {names.stage(c.journey, u.stage)}"
                for u in c.unserved
            ),
            "",
        ),
        findings_heading=f"Completeness findings: {len(c.findings)}" if c.findings else "",
        findings=tuple(_finding(f.rule, f.severity, f.message, f.line) for f in c.findings),
        pain_points=tuple(
            EvidencedPain(
                pain_point=p.pain_point,
                touchpoint=names.touchpoint(c.journey, p.touchpoint),
                href=names.href(c.journey, p.touchpoint),
                text=p.text,
                kinds=p.evidence_kinds,
                evidence_text=listing((evidence_text(e) for e in p.evidence), "no evidence"),
                no_evidence=not p.evidence,
            )
            for p in c.pain_points
        ),
        stages=tuple(names.stage(c.journey, s) for s in c.persona_stage.stages),
        matrix=tuple(
            MatrixRow(
                names.persona(row.persona),
                tuple(
                    MatrixCell(
                        cell.state,
                        f"{CELL_SYMBOLS[cell.state]} {cell.touchpoints}"
                        if cell.touchpoints
                        else CELL_SYMBOLS[cell.state],
                    )
                    for cell in row.cells
                ),
            )
            for row in c.persona_stage.rows
        ),
    )


def _show(value: Score | str | None) -> str:
    """A score or per-persona scores as a reader writes them: `4`, `ops 2, finance 4`."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _touchpoints(refs: Sequence[TouchpointRef]) -> str:
    return listing(f"{r.name} ({r.touchpoint})" for r in refs)


def _outcomes(items: Sequence[PainPointOutcome]) -> tuple[Outcome, ...]:
    """Each pain point with its id and what happened to it: touchpoint retired, addressed by."""
    out = []
    for p in items:
        notes = []
        if p.touchpoint_retired:
            notes.append(f"touchpoint {p.touchpoint} retired")
        if p.addressed_by:
            notes.append(f"addressed by {', '.join(p.addressed_by)}")
        out.append(Outcome(p.pain_point, f"{p.text} ({'; '.join([p.pain_point, *notes])})"))
    return tuple(out)


def _pain_groups(f: FutureComparison) -> tuple[PainGroup, ...]:
    """The current map's pain points by what the plan does about them."""
    groups = [
        (
            "Resolved by design",
            "the touchpoint is in the plan (or retired) without the pain point",
            f.pain_points_resolved_by_design,
        ),
        ("Still open", "the plan still lists the pain point", f.pain_points_still_open),
        (
            "Addressed",
            "the touchpoint is not shown, but a planned opportunity addresses it",
            f.pain_points_addressed,
        ),
        (
            "Not covered by this map",
            "the plan neither shows its touchpoint nor addresses it",
            f.pain_points_not_covered,
        ),
    ]
    return tuple(
        PainGroup(label, f"{label} ({len(items)})", meaning, _outcomes(items))
        for label, meaning, items in groups
    )


def future_view(f: FutureComparison) -> FutureView:
    """A future-state map's section: its touchpoints and the current pain points against
    its current-state map, and every field it changes."""
    if not f.found:
        return FutureView(f.journey, f.current or "", False, (), (), ())
    changed = [TouchpointRef(c.touchpoint, c.name, c.stage) for c in f.changed]
    return FutureView(
        journey=f.journey,
        current=f.current or "",
        found=True,
        touchpoints=(
            TouchpointChanges("Added", _touchpoints(f.added)),
            TouchpointChanges("Retired", _touchpoints(f.retired)),
            TouchpointChanges("Changed", _touchpoints(changed)),
            TouchpointChanges("Unchanged", _touchpoints(f.unchanged)),
            TouchpointChanges("Not covered by this map", _touchpoints(f.not_covered)),
        ),
        pain_groups=_pain_groups(f),
        changes=tuple(
            ChangeRow(c.touchpoint, ch.field, _show(ch.old), _show(ch.new))
            for c in f.changed
            for ch in c.changes
        ),
    )
