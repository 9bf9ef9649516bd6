"""Handover risks of a buying committee that changes, against a case worked out by hand.

CASE: the CFO (economic buyer, high influence) leaves at
Onboarding and the new CFO (economic buyer, medium) joins, with no handover touchpoint;
the ops lead (champion, low) leaves at Renewal, handing over at a call that performs 2.

- no handover: size 3 x weight 1.0 (the CFO's high influence) = 3.0
- the new CFO joins at Onboarding, after the stage named Decision: size 4 x 1.0 = 4.0
- the CFO alone met the pricing call, whose pain points p1 (severity 4; its opportunity is
  only planned) and p2 (unscored: 3) are open: size min(5, 4 + 3) = 5 x 1.0 = 5.0
- the review call performs 2: size 5 - 2 = 3 x 0.4 (the ops lead's low influence) = 1.2
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASE_TEXT = """journeymap: 1
id: fleet
title: Fleet software
personas:
  - {id: cfo, name: CFO, role: economic-buyer, influence: high}
  - {id: new-cfo, name: New CFO, role: economic-buyer, influence: medium}
  - {id: ops, name: Ops lead, role: champion, influence: low}
stages:
  - id: evaluation
    name: Evaluation
    touchpoints:
      - {id: demo, name: Demo, personas: [cfo, ops], importance: 4, performance: 4}
  - id: decision
    name: Decision
    touchpoints:
      - id: pricing-call
        name: Pricing call
        personas: [cfo]
        importance: 5
        performance: 3
        pain_points:
          - {id: p1, text: Price list unclear, severity: 4}
          - {id: p2, text: No reference customers}
        opportunities:
          - {id: o1, text: Publish a price list, addresses: [p1], status: planned}
  - id: onboarding
    name: Onboarding
    touchpoints:
      - {id: kickoff, name: Kickoff, personas: [new-cfo, ops], importance: 4, performance: 4}
  - id: renewal
    name: Renewal
    touchpoints:
      - {id: review-call, name: Review call, personas: [ops, new-cfo], importance: 4, performance: 2}
      - {id: renewal-offer, name: Renewal offer, personas: [new-cfo], importance: 5, performance: 4}
committee_changes:
  - {at: onboarding, leaves: cfo, joins: new-cfo}
  - {at: renewal, leaves: ops, handover: review-call}
"""


def report(cli: Any, tmp_path: Path, fmt: str = "json", config: str = "") -> Any:
    (tmp_path / "j.yaml").write_text(CASE_TEXT, encoding="utf-8")
    if config:
        (tmp_path / "journeymap.yaml").write_text(config, encoding="utf-8")
    result = cli("gaps", "--format", fmt, "j.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def test_each_risk_is_found_and_scored_as_worked_out(cli: Any, tmp_path: Path) -> None:
    data = report(cli, tmp_path)
    assert [(c["stage"], c["risk"], c["persona"], c["touchpoint"]) for c in data["committee"]] == [
        ("onboarding", "no-handover", "cfo", None),
        ("onboarding", "late-decision-maker", "new-cfo", None),
        ("onboarding", "pain-points-leave", "cfo", None),
        ("renewal", "weak-handover", "ops", "review-call"),
    ]
    ranked = [
        (g["score"], g["size"], g["weight"], g["stage"], g["touchpoint"])
        for g in data["gaps"]
        if g["kind"] == "committee"
    ]
    assert ranked == [
        (5.0, 5.0, 1.0, "onboarding", None),
        (4.0, 4.0, 1.0, "onboarding", None),
        (3.0, 3.0, 1.0, "onboarding", None),
        (1.2, 3.0, 0.4, "renewal", "review-call"),
    ]
    assert data["committee"][2]["summary"] == (
        "CFO leaves at Onboarding with 2 open pain points only they felt (Pricing call)"
    )


def test_the_config_says_by_when_a_decider_must_be_met(cli: Any, tmp_path: Path) -> None:
    """With `economic-buyer: onboarding` the new CFO joins in time: no late decider."""
    config = "rules:\n  committee-coverage: {roles: {economic-buyer: onboarding}}\n"
    risks = [c["risk"] for c in report(cli, tmp_path, config=config)["committee"]]
    assert "late-decision-maker" not in risks and len(risks) == 3


def test_a_done_opportunity_closes_the_pain_point(cli: Any, tmp_path: Path) -> None:
    text = CASE_TEXT.replace("status: planned", "status: done")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "j.yaml").write_text(text, encoding="utf-8")
    result = cli("gaps", "--format", "json", "j.yaml", cwd=tmp_path / "x")
    leave = [c for c in json.loads(result.stdout)["committee"] if c["risk"] == "pain-points-leave"]
    assert [c["summary"] for c in leave] == [
        "CFO leaves at Onboarding with 1 open pain point only they felt (Pricing call)"
    ]
    gap = [g for g in json.loads(result.stdout)["gaps"] if g["summary"] == leave[0]["summary"]]
    assert gap[0]["size"] == 3.0  # p2 alone, unscored


def test_the_report_lists_each_risk_in_words(cli: Any, tmp_path: Path) -> None:
    text = report(cli, tmp_path, fmt="md")
    assert "## Buying committee handovers" in text
    assert (
        "| onboarding | replaced with no handover | CFO leaves at Onboarding and New CFO "
        "takes over with no handover touchpoint |"
    ) in text
    assert (
        "| renewal | weak handover | The handover from Ops lead at Review call performs 2 of 5 |"
        in text
    )
