"""Help lines for values outside their range or their choices, each against a case worked
out by hand; and through the CLI, where a new user meets them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from journeymap.loading.value_help import choice_help, range_help

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
        ("tv", "write one of them, for example `channel: digital`"),
    ],
)
def test_a_channel_people_write_is_filed_under_its_kind(value: str, help_line: str) -> None:
    assert choice_help("channel", value, CHANNELS) == help_line


def test_other_choices_get_an_example() -> None:
    assert choice_help("kind", "score", ["nps", "csat", "ces", "other"]) == (
        "write one of them, for example `kind: nps`"
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
