"""Help lines for values outside their range or their choices, each against a case worked
out by hand; and through the CLI, where a new user meets them."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from conftest import MINIMAL
from findings import edit
from journeymap.loading.value_help import choice_help, range_help
from journeymap.model import Journey, PersonaLibrary
from journeymap.model.shape import unwrap
from journeymap.project.config import Config

CHANNELS = ["digital", "human", "contractual", "physical", "partner", "other"]


@pytest.mark.parametrize(
    ("value", "help_line"),
    [
        # 1 + (v - 1) * 4 / 9, rounded half up: 6 -> 3.22 -> 3, 7 -> 3.67 -> 4,
        # 9 -> 4.56 -> 5, 10 -> 5
        (6, "scores run from 1 (lowest) to 5 (highest); if 6 is out of 10, write 3"),
        (7, "scores run from 1 (lowest) to 5 (highest); if 7 is out of 10, write 4"),
        (9, "scores run from 1 (lowest) to 5 (highest); if 9 is out of 10, write 5"),
        (10, "scores run from 1 (lowest) to 5 (highest); if 10 is out of 10, write 5"),
        (11, "the scale runs from 1 to 5; write 5 for the highest"),
        (0, "the scale runs from 1 to 5; write 1 for the lowest"),
        (-2, "the scale runs from 1 to 5; write 1 for the lowest"),
    ],
)
def test_a_score_past_its_scale(value: int, help_line: str) -> None:
    assert range_help(value, 1, 5) == help_line


def test_a_value_that_is_no_number() -> None:
    assert range_help("x", 1, 5) == "write a number from 1 to 5"
    assert range_help(True, 1, 5) == "write a number from 1 to 5"


def test_an_exclusive_bound_is_said_as_one(cli: Any, tmp_path: Path) -> None:
    """`max_file_size: 0` read "must be at most None", with "write None or less"."""
    (tmp_path / "journeymap.yaml").write_text("max_file_size: 0\n", encoding="utf-8")
    (tmp_path / "j.yaml").write_text("journeymap: 1\nid: j\ntitle: J\nstages: []\n")
    result: Any = cli("validate", "--no-cache", "j.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "max_file_size must be more than 0, found 0" in result.output
    assert "help: write a number more than 0" in result.output
    assert "None" not in result.output


@pytest.mark.parametrize(
    ("value", "help_line"),
    [
        ("email", "email is a `digital` channel: write `channel: digital`"),
        ("Phone", "Phone is a `human` channel: write `channel: human`"),
        ("reseller", "reseller is a `partner` channel: write `channel: partner`"),
        ("tv", "write one of digital, human, contractual, physical, partner, other"),
    ],
)
def test_a_channel_people_write_is_filed_under_its_kind(value: str, help_line: str) -> None:
    assert choice_help("channel", value, CHANNELS) == help_line


def test_other_choices_are_listed() -> None:
    assert choice_help("kind", "score", ["nps", "csat", "ces", "other"]) == (
        "write one of nps, csat, ces, other"
    )
    assert choice_help("kind", "x", []) is None


def test_every_mistake_of_a_first_day_has_a_help_line(cli: Any, tmp_path: Path) -> None:
    """A channel named by its medium, a score out of 10, a persona listed twice: each
    error says where and how to fix it."""
    journey = tmp_path / "j.yaml"
    journey.write_text(
        "journeymap: 1\nid: j\ntitle: J\npersonas:\n  - {id: a, name: A}\n"
        "  - {id: a, name: B}\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
        "      - {id: t, name: T, channel: email, importance: 9}\n",
        encoding="utf-8",
    )
    first = cli("validate", "--format", "json", "--no-cache", str(journey), cwd=tmp_path)
    found = [
        (d["rule"], d["line"], d["hint"])
        for d in json.loads(first.stdout)["diagnostics"]
        if d["severity"] == "error"
    ]
    # one run reports all three, though the types are wrong (the duplicate used to wait)
    assert found == [
        (
            "duplicate-id",
            6,
            "first listed on line 5; remove this one, or give it an id of its own",
        ),
        ("invalid-value", 11, "email is a `digital` channel: write `channel: digital`"),
        (
            "out-of-range",
            11,
            "scores run from 1 (lowest) to 5 (highest); if 9 is out of 10, write 5",
        ),
    ]
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("email", "digital").replace(": 9", ": 5"),
        encoding="utf-8",
    )
    second = cli("validate", "--format", "json", "--no-cache", str(journey), cwd=tmp_path)
    errors = [d for d in json.loads(second.stdout)["diagnostics"] if d["severity"] == "error"]
    assert [(d["rule"], d["line"], d["message"], d["hint"]) for d in errors] == [
        (
            "duplicate-id",
            6,
            "persona 'a' is listed twice",
            "first listed on line 5; remove this one, or give it an id of its own",
        )
    ]


def test_a_persona_named_twice_by_reference(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(
        "journeymap: 1\nid: j\ntitle: J\npersonas:\n  - {id: a, name: A}\n"
        "stages:\n  - id: s\n    name: S\n    personas: [a]\n",
        encoding="utf-8",
    )
    lib = tmp_path / "lib.yaml"
    lib.write_text("journeymap: 1\nkind: personas\npersonas: [{id: b, name: B}]\n")
    journey = tmp_path / "k.yaml"
    journey.write_text(
        "journeymap: 1\nid: k\ntitle: K\npersonas: [b, b]\nstages: [{id: s, name: S}]\n",
        encoding="utf-8",
    )
    result = cli("validate", "--format", "json", "--no-cache", "k.yaml", "lib.yaml", cwd=tmp_path)
    errors = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert [(d["line"], d["hint"]) for d in errors] == [
        (4, "first listed on line 4; remove this one")
    ]


def _tp(line: str) -> tuple[str, str]:
    return ("        emotion: 3\n", f"        emotion: 3\n        {line}\n")


def _top(line: str) -> tuple[str, str]:
    return ("title: Mini\n", f"title: Mini\n{line}\n")


# Every choice (Literal) field of the three file kinds, written wrong the way people do:
# (the field, journeymap.yaml, the journey's change, line, message, help line)
CHOICES = [
    ("Journey.state", "", _top("state: Current"), 4,
     "state must be one of: current, future; found the text 'Current'",
     "write it in lower case: `state: current`"),
    ("Journey.segment", "", _top("segment: B2B"), 4,
     "segment must be one of: b2b, b2c, b2b2c; found the text 'B2B'",
     "write it in lower case: `segment: b2b`"),
    ("Evidence.kind", "", _top("evidence: [{id: e, kind: interviews}]"), 4,
     "kind must be one of: interview, survey, crm, support-tickets, workshop, analytics, other; "
     "found the text 'interviews'", "did you mean 'interview'?"),
    ("Persona.role", "", ("{id: p, name: P}", "{id: p, name: P, role: buyer}"), 5,
     "role must be one of: decision-maker, economic-buyer, champion, influencer, "
     "technical-evaluator, end-user, procurement, gatekeeper, blocker, end-consumer; "
     "found the text 'buyer'",
     "write one of decision-maker, economic-buyer, champion, influencer, technical-evaluator, "
     "end-user, procurement, gatekeeper, blocker, end-consumer"),
    ("Persona.influence", "", ("{id: p, name: P}", "{id: p, name: P, influence: very high}"), 5,
     "influence must be one of: low, medium, high; found the text 'very high'",
     "did you mean 'high'? influence is one of low, medium, high"),
    ("Touchpoint.channel", "", _tp("channel: tv"), 18,
     "channel must be one of: digital, human, contractual, physical, partner, other; "
     "found the text 'tv'", "write one of digital, human, contractual, physical, partner, other"),
    ("Metric.kind", "", _tp("metrics: [{id: m, name: M, kind: NPS}]"), 18,
     "kind must be one of: nps, csat, ces, other; found the text 'NPS'",
     "write it in lower case: `kind: nps`"),
    ("Metric.better", "", _tp("metrics: [{id: m, name: M, better: up}]"), 18,
     "better must be one of: higher, lower; found the text 'up'", "write one of higher, lower"),
    ("Opportunity.status", "", _tp("opportunities: [{id: o, text: x, status: in progress}]"), 18,
     "status must be one of: idea, planned, in-progress, done, dropped; "
     "found the text 'in progress'", "did you mean 'in-progress'?"),
    ("Link.kind", "", _tp("links: [{to: mini#t, kind: follows}]"), 18,
     "kind must be one of: affects, continues, same-as; found the text 'follows'",
     "write one of affects, continues, same-as"),
    ("GapsOptions.ipa_crosshair", "gaps: {ipa_crosshair: middle}\n", None, 1,
     "ipa_crosshair must be one of: midpoint, mean; found the text 'middle'",
     "write one of midpoint, mean"),
    ("Config.rules", "rules: {touchpoint-owner: Error}\n", None, 1,
     "touchpoint-owner must be one of: off, warning, error; found the text 'Error'",
     "write it in lower case: `touchpoint-owner: error`"),
    ("DataEntry.compute", "data: [{source: a.csv, compute: average, metric: mini#m}]\n", None, 1,
     "compute must be one of: nps, csat, ces, mean, median, sum, count, funnel; "
     "found the text 'average'", "write one of nps, csat, ces, mean, median, sum, count, funnel"),
    ("RuleOptions.severity", "rules: {review-stale: {severity: loud}}\n", None, 1,
     "severity must be one of: off, warning, error; found the text 'loud'",
     "write one of off, warning, error"),
    ("RuleOptions.roles", "rules: {committee-coverage: {roles: {economic_buyer: decision}}}\n",
     None, 1,
     "a key of roles must be one of: decision-maker, economic-buyer, champion, influencer, "
     "technical-evaluator, end-user, procurement, gatekeeper, blocker, end-consumer; "
     "found the text 'economic_buyer'", "did you mean 'economic-buyer'?"),
]  # fmt: skip


def _choice_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    """ "Model.field" for each field of `model` (and the models in it) that is a choice."""
    if model in seen:
        return set()
    seen.add(model)
    found: set[str] = set()
    for name, field in model.model_fields.items():
        todo = [field.annotation]
        while todo:
            for alt in unwrap(todo.pop()):
                if typing.get_origin(alt) is Literal and len(typing.get_args(alt)) > 1:
                    found.add(f"{model.__name__}.{name}")
                elif isinstance(alt, type) and issubclass(alt, BaseModel):
                    found |= _choice_fields(alt, seen)
                else:
                    todo.extend(typing.get_args(alt))
    return found


def test_every_choice_field_has_a_case() -> None:
    fields = set().union(*(_choice_fields(m, set()) for m in (Journey, PersonaLibrary, Config)))
    assert fields == {case[0] for case in CHOICES}


@pytest.mark.parametrize(("field", "config", "change", "line", "message", "hint"), CHOICES,
                         ids=[case[0] for case in CHOICES])  # fmt: skip
def test_a_wrong_choice_lists_the_choices_or_names_the_one_meant(
    cli: Any,
    tmp_path: Path,
    field: str,
    config: str,
    change: tuple[str, str] | None,
    line: int,
    message: str,
    hint: str,
) -> None:
    """Never "for example `influence: low`": the values, or the one the writer meant."""
    if config:
        (tmp_path / "journeymap.yaml").write_text(config, encoding="utf-8")
    text = edit(change, base=MINIMAL) if change else MINIMAL
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    result = cli("validate", "--format", "json", "--no-cache", "j.yaml", cwd=tmp_path)
    found = [
        (d["line"], d["message"], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
        if d["rule"] == "invalid-value"
    ]
    assert found == [(line, message, hint)], field
