"""Handoffs: a change of department between consecutive touchpoints on one persona's path."""

from __future__ import annotations

from gaps.gap_helpers import journey
from journeymap.gaps.kinds import find_handoffs
from journeymap.gaps.results import Transition as _t

# Two parallel channels in awareness (expo for ops, referral for cfo), then sales for both.
# Touchpoint order: expo(marketing, ops) referral(partner, cfo) call(sales, -) proposal(sales, -)
# legal-review(legal, cfo) kickoff(delivery, -)
PARALLEL = """\
journeymap: 1
id: p
title: P
personas: [{id: ops, name: Ops}, {id: cfo, name: CFO}]
stages:
  - id: aware
    name: Aware
    touchpoints:
      - {id: expo, name: Expo booth, department: marketing, personas: [ops]}
      - {id: referral, name: Peer referral, department: partner, personas: [cfo]}
  - id: buy
    name: Buy
    touchpoints:
      - {id: call, name: Sales call, department: sales}
      - {id: proposal, name: Proposal, department: sales, moment_of_truth: true}
      - {id: legal-review, name: Legal review, department: legal, personas: [cfo]}
  - id: start
    name: Start
    touchpoints:
      - {id: kickoff, name: Kick-off, department: delivery}
"""


def test_parallel_channels_are_not_a_handoff() -> None:
    rows, gaps = find_handoffs(journey(PARALLEL), ["ops", "cfo"])
    # ops path: expo, call, proposal, kickoff -> marketing>sales (buy), sales>delivery (start)
    # cfo path: referral, call, proposal, legal-review, kickoff
    #   -> partner>sales (buy), sales>legal (buy), legal>delivery (start)
    # expo -> referral is never consecutive on one path; call -> proposal is sales -> sales
    assert [
        (r.from_department, r.to_department, r.stage, r.personas, r.transitions) for r in rows
    ] == [
        ("marketing", "sales", "buy", ("ops",), (_t("expo", "call"),)),
        ("partner", "sales", "buy", ("cfo",), (_t("referral", "call"),)),
        ("sales", "legal", "buy", ("cfo",), (_t("proposal", "legal-review"),)),
        ("sales", "delivery", "start", ("ops",), (_t("proposal", "kickoff"),)),
        ("legal", "delivery", "start", ("cfo",), (_t("legal-review", "kickoff"),)),
    ]
    # proposal is a moment of truth: 1 x 1 x 1.5 for the handoffs that touch it
    assert [g.score for g in gaps] == [1.0, 1.0, 1.5, 1.5, 1.0]


def test_same_handoff_for_two_personas_is_reported_once() -> None:
    text = PARALLEL.replace(
        "{id: legal-review, name: Legal review, department: legal, personas: [cfo]}",
        "{id: legal-review, name: Legal review, department: sales, personas: [cfo]}",
    )
    rows, _ = find_handoffs(journey(text), ["ops", "cfo"])
    # both paths now end ... sales -> delivery at kickoff: once, with both personas
    (row,) = [r for r in rows if r.to_department == "delivery"]
    assert row.personas == ("ops", "cfo")
    assert row.transitions == (_t("proposal", "kickoff"), _t("legal-review", "kickoff"))


def test_no_personas_is_one_path_through_everything() -> None:
    text = """\
journeymap: 1
id: q
title: Q
stages:
  - id: s
    name: S
    touchpoints:
      - {id: a, name: A, department: sales}
      - {id: b, name: B}
      - {id: c, name: C, department: support}
      - {id: d, name: D, department: support}
"""
    rows, _ = find_handoffs(journey(text), [])
    # a -> b: b has no department, b -> c likewise; c -> d: same department
    assert rows == []
    rows, _ = find_handoffs(journey(text.replace("      - {id: b, name: B}\n", "")), [])
    assert [(r.from_department, r.to_department, r.personas) for r in rows] == [
        ("sales", "support", ())
    ]
