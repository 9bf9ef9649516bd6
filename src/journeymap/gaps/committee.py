"""Handover risks: where a change in the buying committee can lose the deal.

A B2B journey is long and its people change (`committee_changes`). Four risks follow,
each a ranked gap of kind `committee` (docs/gaps.md gives the formulas):

- replaced with no handover: someone leaves and someone joins at a stage, and no
  touchpoint is named where one hands over to the other. size 3.
- a weak handover: the handover touchpoint performs 2 or less, or has open pain points
  (no opportunity that is done addresses them). size 5 - performance, or the worst open
  pain point's severity (3 when unscored), whichever is larger.
- a late decision maker: a decision-maker or economic buyer joins after the stage by
  which the role must have been met (the `committee-coverage` roles of journeymap.yaml,
  else the first stage whose id or name says "decision"). size 4.
- pain points leaving with someone: open pain points of touchpoints only the leaver
  meets, before they leave. size: the sum of their severities (3 each when unscored),
  at most 5.

The weight is the influence of the persona at the heart of the risk (high 1, medium
0.7, low 0.4, unset 0.7); a weak handover takes the larger of the two personas'. The
moment-of-truth factor of the touchpoint applies as for every gap.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from journeymap.core.wording import count_of
from journeymap.gaps.results import CommitteeRisk, Gap, make_gap
from journeymap.gaps.scoring import MIDPOINT, mot_factor
from journeymap.model import Journey, Persona, Stage, Touchpoint
from journeymap.model.committee import committee_at, stage_index
from journeymap.model.journey import CommitteeChange
from journeymap.model.who import touchpoint_personas

INFLUENCE_WEIGHT = {"high": 1.0, "medium": 0.7, "low": 0.4, None: 0.7}
DECIDERS = ("decision-maker", "economic-buyer")


def find_committee_risks(
    journey: Journey,
    personas: Mapping[str, Persona],
    decision_by: Mapping[str, str],
    open_pain: Mapping[str, list[int | None]],
) -> tuple[list[CommitteeRisk], list[Gap]]:
    """The risks of one journey's committee changes. `personas`: the journey's, by id;
    `decision_by`: role -> stage id (the config's committee-coverage roles); `open_pain`:
    touchpoint id -> the severities of its open pain points."""
    risks: list[CommitteeRisk] = []
    gaps: list[Gap] = []
    for risk, size, weight, tp in _risks(journey, personas, decision_by, open_pain):
        risks.append(risk)
        gaps.append(
            make_gap(
                "committee",
                journey.id,
                risk.stage,
                risk.touchpoint,
                size=size,
                weight=weight,
                factor=mot_factor(tp),
                summary=risk.summary,
            )
        )
    return risks, gaps


_Found = tuple[CommitteeRisk, float, float, Touchpoint | None]


@dataclass(frozen=True)
class _Committee:
    """One journey's people and what the risks are measured against."""

    journey: Journey
    personas: Mapping[str, Persona]
    decision_by: Mapping[str, str]
    open_pain: Mapping[str, list[int | None]]

    def name(self, pid: str | None) -> str:
        return self.personas[pid].name if pid is not None and pid in self.personas else str(pid)

    def weight(self, *pids: str | None) -> float:
        return max(
            INFLUENCE_WEIGHT[
                self.personas[p].influence if p is not None and p in self.personas else None
            ]
            for p in pids
        )

    def risk(
        self, stage: Stage, risk: str, persona: str, tp: str | None, text: str
    ) -> CommitteeRisk:
        return CommitteeRisk(self.journey.id, stage.id, risk, persona, tp, text)


def _risks(
    journey: Journey,
    personas: Mapping[str, Persona],
    decision_by: Mapping[str, str],
    open_pain: Mapping[str, list[int | None]],
) -> Iterator[_Found]:
    c = _Committee(journey, personas, decision_by, open_pain)
    where = stage_index(journey)
    for change in journey.committee_changes:
        if change.at not in where:
            continue
        stage = journey.stages[where[change.at]]
        tp = next((t for t in stage.touchpoints if t.id == change.handover), None)
        if change.leaves and change.joins and change.handover is None:
            text = (
                f"{c.name(change.leaves)} leaves at {stage.name} and {c.name(change.joins)} "
                "takes over with no handover touchpoint"
            )
            risk = c.risk(stage, "no-handover", change.leaves, None, text)
            yield risk, 3.0, c.weight(change.leaves), None
        if tp is not None:
            yield from _weak_handover(c, stage, tp, change)
        if change.joins:
            yield from _late_decider(c, change, change.joins, where)
        if change.leaves:
            yield from _pain_leaves(c, change, change.leaves, where)


def _weak_handover(
    c: _Committee, stage: Stage, tp: Touchpoint, change: CommitteeChange
) -> Iterator[_Found]:
    severities = c.open_pain.get(tp.id, [])
    weak = tp.performance is not None and tp.performance <= 2
    if not (weak or severities):
        return
    worst = max((s if s is not None else MIDPOINT for s in severities), default=0)
    size = max(5 - tp.performance if weak and tp.performance is not None else 0, worst)
    why = []
    if weak:
        why.append(f"performs {tp.performance} of 5")
    if severities:
        why.append(f"has {count_of(len(severities), 'open pain point')}")
    people = [p for p in (change.leaves, change.joins) if p]
    who = " to ".join(c.name(p) for p in people)
    text = f"The handover{f' from {who}' if who else ''} at {tp.name} {' and '.join(why)}"
    risk = c.risk(stage, "weak-handover", people[0], tp.id, text)
    yield risk, float(size), c.weight(*people), tp


def _decision_stage(c: _Committee, role: str, where: Mapping[str, int]) -> int | None:
    """The stage by which `role` must have been met: the config's, else a "decision" one."""
    if role in c.decision_by:
        return where.get(c.decision_by[role])
    for i, stage in enumerate(c.journey.stages):
        if "decision" in stage.id.lower() or "decision" in stage.name.lower():
            return i
    return None


def _late_decider(
    c: _Committee, change: CommitteeChange, joiner: str, where: Mapping[str, int]
) -> Iterator[_Found]:
    persona = c.personas.get(joiner)
    if persona is None or persona.role not in DECIDERS:
        return
    by = _decision_stage(c, persona.role, where)
    if by is None or where[change.at] <= by:
        return
    decision = c.journey.stages[by].name
    stage = c.journey.stages[where[change.at]]
    text = f"{persona.name} ({persona.role}) joins at {stage.name}, after the decision ({decision})"
    yield c.risk(stage, "late-decision-maker", joiner, None, text), 4.0, 1.0, None


def _pain_leaves(
    c: _Committee, change: CommitteeChange, leaver: str, where: Mapping[str, int]
) -> Iterator[_Found]:
    """Open pain points of touchpoints before the change that only the leaver meets."""
    ids = list(c.personas)
    felt: list[tuple[Touchpoint, int | None]] = []
    for si, stage in enumerate(c.journey.stages[: where[change.at]]):
        present = committee_at(c.journey, si, ids)
        for tp in stage.touchpoints:
            if touchpoint_personas(tp, stage, present) == [leaver]:
                felt.extend((tp, s) for s in c.open_pain.get(tp.id, []))
    if not felt:
        return
    size = min(5.0, float(sum(s if s is not None else MIDPOINT for _, s in felt)))
    places = ", ".join(dict.fromkeys(tp.name for tp, _ in felt))
    stage = c.journey.stages[where[change.at]]
    count = count_of(len(felt), "open pain point")
    text = f"{c.name(leaver)} leaves at {stage.name} with {count} only they felt ({places})"
    yield c.risk(stage, "pain-points-leave", leaver, None, text), size, c.weight(leaver), None


def open_pain_points(journey: Journey) -> dict[str, list[int | None]]:
    """Touchpoint id -> the severities of its pain points that no done opportunity
    addresses (what is still hurting, whatever is planned)."""
    done = {
        ref
        for *_, tp in journey.touchpoints()
        for opp in tp.opportunities
        if opp.status == "done"
        for ref in opp.addresses
    }
    return {
        tp.id: [pp.severity for pp in tp.pain_points if pp.id not in done]
        for *_, tp in journey.touchpoints()
        if any(pp.id not in done for pp in tp.pain_points)
    }
