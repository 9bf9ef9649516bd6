"""A deterministic, realistic portfolio that uses the whole journey format, at any size."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any, get_args

import yaml
from journeymap.model.people import Role
from journeymap.model.touchpoint import Channel

STAGE_NAMES = [
    "awareness",
    "consideration",
    "decision",
    "onboarding",
    "service",
    "retention",
    "advocacy",
    "expansion",
    "renewal",
    "offboarding",
]
DEPARTMENTS = ["marketing", "sales", "delivery", "support", "growth"]
CHANNELS = list(get_args(Channel))  # every channel the format knows
ROLES = list(get_args(Role))[:7]  # the buying committee's roles, as the format spells them
WORDS = [
    "carrier",
    "visibility",
    "shipment",
    "dispatch",
    "pilot",
    "onboarding",
    "integration",
    "invoice",
    "renewal",
    "security",
    "review",
    "alert",
    "digest",
    "report",
    "forecast",
    "contract",
    "budget",
    "warehouse",
    "customer",
    "partner",
    "widget",
    "checkout",
    "delay",
    "notice",
    "training",
    "workshop",
]


def sentence(rng: random.Random, words: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def persona_library(rng: random.Random, count: int = 8) -> dict[str, Any]:
    return {
        "journeymap": 1,
        "kind": "personas",
        "personas": [
            {
                "id": f"persona-{i}",
                "name": f"Persona {i}",
                "role": ROLES[i % len(ROLES)],
                "influence": rng.choice(["low", "medium", "high"]),
                "description": sentence(rng, 12),
                "goals": [sentence(rng, 5), sentence(rng, 5)],
                "concerns": [sentence(rng, 6)],
            }
            for i in range(count)
        ],
    }


def journey(
    rng: random.Random, index: int, journeys: int, stages: int, touchpoints: int
) -> dict[str, Any]:
    jid = f"journey-{index:03d}"
    people = [f"persona-{i}" for i in rng.sample(range(8), 4)]
    evidence = [
        {
            "id": f"ev-{i}",
            "kind": rng.choice(["interview", "survey", "crm", "analytics"]),
            "title": sentence(rng, 6),
            "date": "2026-09-01",
        }
        for i in range(4)
    ]
    phases = [
        {"id": "acquire", "name": "Acquire"},
        {"id": "adopt", "name": "Adopt"},
        {"id": "grow", "name": "Grow"},
    ]
    all_stages = []
    for s in range(stages):
        sid = f"{STAGE_NAMES[s % len(STAGE_NAMES)]}-{s}"
        tps = []
        for t in range(touchpoints):
            tid = f"tp-{s}-{t}"
            pid = f"pain-{s}-{t}"
            tp: dict[str, Any] = {
                "id": tid,
                "name": sentence(rng, 4),
                "channel": rng.choice(CHANNELS),
                "department": rng.choice(DEPARTMENTS),
                "owner": f"Owner {rng.randint(1, 40)}",
                "personas": rng.sample(people, 2),
                "description": sentence(rng, 12),
                "customer_action": sentence(rng, 8),
                "thoughts": sentence(rng, 9),
                "importance": rng.randint(1, 5),
                "performance": rng.randint(1, 5),
                "emotion": {people[0]: rng.randint(1, 5), people[1]: rng.randint(1, 5)},
                "target_emotion": rng.randint(3, 5),
                "moment_of_truth": t == 0,
                "risks": [sentence(rng, 6)],
                "funnel": {"entered": 1000 - 10 * t, "continued": 900 - 10 * t},
                "blueprint": {
                    "evidence": [sentence(rng, 3)],
                    "frontstage": [sentence(rng, 4)],
                    "backstage": [sentence(rng, 4)],
                    "support": [sentence(rng, 2)],
                },
                "pain_points": [
                    {
                        "id": pid,
                        "text": sentence(rng, 10),
                        "severity": rng.randint(1, 5),
                        "evidence": [f"ev-{rng.randint(0, 3)}"],
                    }
                ],
                "opportunities": [
                    {
                        "id": f"opp-{s}-{t}",
                        "text": sentence(rng, 9),
                        "addresses": [pid],
                        "impact": rng.randint(1, 5),
                        "effort": rng.randint(1, 5),
                        "status": rng.choice(["idea", "planned", "in-progress", "done"]),
                        "ref": f"CX-{rng.randint(100, 999)}",
                    }
                ],
                "metrics": [
                    {
                        "id": f"m-{s}-{t}",
                        "name": sentence(rng, 3),
                        "kind": "csat",
                        "unit": "%",
                        "value": rng.randint(50, 95),
                        "target": 90,
                        "as_of": "2026-10-31",
                        "evidence": [f"ev-{rng.randint(0, 3)}"],
                    }
                ],
            }
            if t == 1 and journeys > 1:
                other = (index + 1) % journeys
                tp["links"] = [{"to": f"journey-{other:03d}#tp-{s}-0", "kind": "affects"}]
            tps.append(tp)
        all_stages.append(
            {
                "id": sid,
                "name": sid.replace("-", " ").capitalize(),
                "phase": phases[min(2, s * 3 // stages)]["id"],
                "goal": sentence(rng, 8),
                "customer_goal": sentence(rng, 8),
                "personas": people[:3],
                "metrics": [
                    {
                        "id": f"sm-{s}",
                        "name": "Stage NPS",
                        "kind": "nps",
                        "value": rng.randint(-10, 50),
                        "target": 40,
                    }
                ],
                "touchpoints": tps,
            }
        )
    return {
        "journeymap": 1,
        "id": jid,
        "title": f"Journey {index}: {sentence(rng, 4)}",
        "state": "current",
        "segment": "b2b",
        "objective": sentence(rng, 10),
        "owner": "CX team",
        "updated": "2026-11-01",
        "reviewed": {"by": "Dana Ruiz", "date": "2026-10-28"},
        "tags": ["benchmark", f"group-{index % 5}"],
        "account": {"industry": "Logistics", "company_size": "200-1000", "competitors": ["A", "B"]},
        "personas": people,
        "phases": phases,
        "stages": all_stages,
        "evidence": evidence,
    }


def write_portfolio(
    root: Path, journeys: int = 60, stages: int = 8, touchpoints: int = 10, seed: int = 7
) -> int:
    """Write journeymap.yaml, personas/ and journeys/ under root; return the bytes written."""
    rng = random.Random(seed)
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "personas").mkdir(parents=True, exist_ok=True)
    (root / "journeymap.yaml").write_text(
        'journeys: ["journeys/*.yaml"]\npersonas: ["personas/*.yaml"]\noutput: site\n'
        "rules: {review-stale: 'off', evidence-stale: 'off'}\n",
        encoding="utf-8",
    )
    total = 0
    texts = {"personas/committee.yaml": persona_library(rng)}
    for i in range(journeys):
        texts[f"journeys/journey-{i:03d}.yaml"] = journey(rng, i, journeys, stages, touchpoints)
    for name, data in texts.items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
        (root / name).write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def write_big_journey(root: Path, stages: int = 20, touchpoints: int = 85, seed: int = 7) -> int:
    """One big journey (about 2.6 MB at the defaults) with every mapping's keys in
    alphabetical order, not fmt's, beside the persona library it uses: what `fmt --check`
    meets in a repository nobody formatted. Returns the journey's size in bytes."""
    rng = random.Random(seed)
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "personas").mkdir(parents=True, exist_ok=True)
    (root / "journeymap.yaml").write_text(
        'journeys: ["journeys/*.yaml"]\npersonas: ["personas/*.yaml"]\n'
        "rules: {review-stale: 'off', evidence-stale: 'off'}\n",
        encoding="utf-8",
    )
    library = yaml.safe_dump(persona_library(rng), sort_keys=False, allow_unicode=True)
    (root / "personas" / "committee.yaml").write_text(library, encoding="utf-8")
    data = journey(rng, 0, 1, stages, touchpoints)
    text = yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=120)
    (root / "journeys" / "big.yaml").write_text(text, encoding="utf-8")
    return len(text.encode())
