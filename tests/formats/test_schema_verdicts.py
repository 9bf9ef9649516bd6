"""journeymap and its JSON Schema give the same verdict on every value.

The same files go to `journeymap validate` (as a user runs it) and to the real
check-jsonschema with the generated schema; each value must be valid for both or invalid
for both. The values are the ones people write: dates in several spellings, scores as 3,
3.0 and "3", booleans as true, yes and "true", null, choices and ids in capitals, empty
text, a date where text belongs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journeymap.formats.schema import schema_text

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

BASE = """\
journeymap: 1
id: mini
title: Mini
updated: 2026-11-01
reviewed: {by: Dana Reyes, date: 2026-11-01}
personas: [{id: ops, name: Ops lead, influence: high}]
stages:
  - id: kickoff
    name: Kickoff
    goal: The customer signs off the plan
    touchpoints:
      - id: call
        name: Kickoff call
        owner: Delivery lead
        channel: digital
        moment_of_truth: false
        importance: 3
        performance: 3
        emotion: 3
        funnel: {entered: 10, continued: 5}
"""


# Where each value goes: the text of BASE it replaces, and the same with `{}` for the value.
FIELDS = {
    "updated": ("updated: 2026-11-01", "updated: {}"),
    "reviewed.date": ("Reyes, date: 2026-11-01}", "Reyes, date: {}}"),
    "importance": ("importance: 3", "importance: {}"),
    "emotion": ("emotion: 3", "emotion: {}"),
    "funnel": ("funnel: {entered: 10, continued: 5}", "funnel: {}"),
    "moment_of_truth": ("moment_of_truth: false", "moment_of_truth: {}"),
    "channel": ("channel: digital", "channel: {}"),
    "influence": ("influence: high}", "influence: {}}"),
    "id": ("id: mini", "id: {}"),
    "touchpoint id": ("id: call", "id: {}"),
    "owner": ("owner: Delivery lead", "owner: {}"),
    "title": ("title: Mini", "title: {}"),
    "name": ("name: Kickoff call", "name: {}"),
    "journeymap": ("journeymap: 1\n", "journeymap: {}\n"),
}


@dataclass(frozen=True)
class Value:
    field: str  # a key of FIELDS
    value: str  # the value as written in YAML
    valid: bool  # the verdict both must give

    @property
    def name(self) -> str:
        return f"{self.field}={self.value}"

    def text(self) -> str:
        old, new = FIELDS[self.field]
        assert BASE.count(old) == 1, old
        return BASE.replace(old, new.replace("{}", self.value))


U, S, T = "updated", "importance", "moment_of_truth"
VALUES = [
    # dates: YYYY-MM-DD exactly, written plain or in quotes
    Value(U, "2026-01-05", True),
    Value(U, '"2026-01-05"', True),
    Value(U, "'2026-01-05'", True),
    Value(U, "2026-1-5", False),
    Value(U, '"2026-1-5"', False),
    Value(U, "2026-02-30", False),
    Value(U, "2026-01-05T10:00:00Z", False),
    Value(U, "2026-01-05 10:00:00", False),
    Value(U, "20260105", False),
    Value(U, '"20260105"', False),
    Value(U, '"2026-W02-1"', False),
    Value(U, "2026/01/05", False),
    Value(U, "05.01.2026", False),
    Value(U, "null", True),
    Value(U, "~", True),
    Value(U, '""', False),
    Value("reviewed.date", "2026-1-5", False),  # inside `reviewed`
    # scores: whole numbers 1 to 5; 3.0 is the number 3, "3" is text
    Value(S, "3", True),
    Value(S, "3.0", True),
    Value(S, "+3", True),
    Value(S, "0x3", True),
    Value(S, "3e0", True),
    Value(S, '"3"', False),
    Value(S, "'3'", False),
    Value(S, "3.5", False),
    Value(S, "0", False),
    Value(S, "6", False),
    Value(S, "true", False),
    Value(S, "null", True),
    Value(S, '""', False),
    Value(S, ".inf", False),
    Value(S, "three", False),
    Value("emotion", "{ops: 4.0}", True),
    Value("emotion", '{ops: "4"}', False),
    Value("funnel", "{entered: 10.0, continued: 5}", True),
    Value("funnel", "{entered: -1, continued: 0}", False),
    # booleans: true and false only (YAML 1.2)
    Value(T, "true", True),
    Value(T, "True", True),
    Value(T, "TRUE", True),
    Value(T, "yes", False),
    Value(T, "on", False),
    Value(T, '"true"', False),
    Value(T, "1", False),
    Value(T, "null", False),  # not optional: leave it out for false
    # choices: as listed, in lower case
    Value("channel", "Digital", False),
    Value("channel", "DIGITAL", False),
    Value("channel", '"digital"', True),
    Value("channel", "null", True),
    Value("channel", '""', False),
    Value("influence", "High", False),
    Value("influence", "very high", False),
    # ids: lower case, digits, - and _
    Value("id", "mini-2", True),
    Value("id", "Mini", False),
    Value("id", "MINI", False),
    Value("id", '"mini"', True),
    Value("id", "-mini", False),
    Value("id", "mini map", False),
    Value("id", "42", False),
    Value("id", '""', False),
    Value("id", "null", False),
    Value("touchpoint id", "Call", False),
    # text: empty text is text; a name needs something to show; a date is text too
    Value("owner", '""', True),
    Value("owner", "null", True),
    Value("owner", "42", False),
    Value("owner", "true", False),
    Value("owner", "2026-01-05", True),
    Value("title", "2026-01-05", True),
    Value("title", "null", False),
    Value("name", '""', False),
    Value("name", '" "', False),
    # the format version
    Value("journeymap", "1.0", True),
    Value("journeymap", '"1"', False),
    Value("journeymap", "2", False),
]


@pytest.fixture(scope="module")
def schema_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    """check-jsonschema's verdict on every value, from one run over all the files."""
    folder = tmp_path_factory.mktemp("verdicts")
    schema_file = folder / "journey.schema.json"
    schema_file.write_text(schema_text("journey"), encoding="utf-8")
    files = {}
    for i, value in enumerate(VALUES):
        path = folder / f"{i:03}.yaml"
        path.write_text(value.text(), encoding="utf-8")
        files[str(path)] = value.name
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a test dependency"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema_file), "-o", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    failed = {e["filename"] for e in report["errors"] + report["parse_errors"]}
    return {name: path not in failed for path, name in files.items()}


def _names() -> Iterator[str]:
    seen: set[str] = set()
    for value in VALUES:
        assert value.name not in seen, value.name
        seen.add(value.name)
        yield value.name


@pytest.mark.parametrize("value", VALUES, ids=list(_names()))
def test_journeymap_and_the_schema_agree(
    cli: Any, tmp_path: Path, schema_verdicts: dict[str, bool], value: Value
) -> None:
    (tmp_path / "j.yaml").write_text(value.text(), encoding="utf-8")
    result = cli("validate", "--format", "json", "--no-cache", "j.yaml", cwd=tmp_path)
    errors = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    verdicts = {"journeymap": not errors, "check-jsonschema": schema_verdicts[value.name]}
    assert verdicts == {"journeymap": value.valid, "check-jsonschema": value.valid}, errors


def test_the_base_file_is_valid_for_both(
    cli: Any, tmp_path: Path, schema_verdicts: dict[str, bool]
) -> None:
    (tmp_path / "j.yaml").write_text(BASE, encoding="utf-8")
    assert cli("validate", "--no-cache", "j.yaml", cwd=tmp_path).exit_code == 0


@pytest.mark.parametrize(
    ("value", "found", "hint"),
    [
        ("2026-1-5", "the text '2026-1-5'", "write it as YYYY-MM-DD: `updated: 2026-01-05`"),
        ('"2026-1-5"', "the text '2026-1-5'", "write it as YYYY-MM-DD: `updated: 2026-01-05`"),
        ("20260105", "the number 20260105", "write it as YYYY-MM-DD: `updated: 2026-01-05`"),
        ("2026/01/05", "the text '2026/01/05'", "write it as YYYY-MM-DD: `updated: 2026-01-05`"),
        ("05.01.2026", "the text '05.01.2026'", "write it as YYYY-MM-DD: `updated: 2026-01-05`"),
        (
            "2026-01-05T10:00:00Z",
            "the text '2026-01-05T10:00:00Z'",
            "a date has no time of day: write `updated: 2026-01-05`",
        ),
        (
            "2026-02-30",
            "the text '2026-02-30'",
            "February 2026 has no day 30: write a real calendar date as YYYY-MM-DD",
        ),
        (
            "next week",
            "the text 'next week'",
            "write the year, month and day as YYYY-MM-DD: `updated: 2026-01-05`",
        ),
    ],
)
def test_a_date_not_written_yyyy_mm_dd_is_refused_with_the_date_to_write(
    cli: Any, tmp_path: Path, value: str, found: str, hint: str
) -> None:
    (tmp_path / "j.yaml").write_text(Value(U, value, False).text(), encoding="utf-8")
    result = cli("validate", "--format", "json", "--no-cache", "j.yaml", cwd=tmp_path)
    errors = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert [(d["line"], d["message"], d["hint"]) for d in errors] == [
        (4, f"updated must be a date (YYYY-MM-DD), found {found}", hint)
    ]


CONFIG = "max_file_size: 1000000\nrules: {touchpoint-owner: warning}\ngaps: {ipa_crosshair: mean}\n"
CONFIG_VALUES = [  # (the text of CONFIG it replaces, the replacement, the verdict)
    ("1000000", "1000000.0", True),
    ("1000000", '"1000000"', False),
    ("1000000", "0", False),
    ("1000000", "null", False),
    ("warning}", "Warning}", False),
    ("warning}", "{severity: error, max_age_days: 30.0}}", False),  # takes no options
    ("touchpoint-owner: warning", "review-stale: {severity: error, max_age_days: 30.0}", True),
    ("touchpoint-owner: warning", "review-stale: {severity: error, max_age_days: '30'}", False),
    ("touchpoint-owner", "Touchpoint-Owner", False),
    ("mean}", "MEAN}", False),
    ("mean}", '""}', False),
]


@pytest.fixture(scope="module")
def config_verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[bool]:
    folder = tmp_path_factory.mktemp("config-verdicts")
    schema_file = folder / "config.schema.json"
    schema_file.write_text(schema_text("config"), encoding="utf-8")
    paths = []
    for i, (old, new, _) in enumerate(CONFIG_VALUES):
        assert CONFIG.count(old) == 1, old
        paths.append(folder / f"{i:03}" / "journeymap.yaml")
        paths[-1].parent.mkdir()
        paths[-1].write_text(CONFIG.replace(old, new), encoding="utf-8")
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema_file), "-o", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    failed = {e["filename"] for e in report["errors"] + report["parse_errors"]}
    return [str(path) not in failed for path in paths]


@pytest.mark.parametrize(
    ("index", "change"),
    list(enumerate(CONFIG_VALUES)),
    ids=[f"{old}->{new}" for old, new, _ in CONFIG_VALUES],
)
def test_journeymap_and_the_config_schema_agree(
    cli: Any, tmp_path: Path, config_verdicts: list[bool], index: int, change: tuple[str, str, bool]
) -> None:
    old, new, valid = change
    (tmp_path / "journeymap.yaml").write_text(CONFIG.replace(old, new), encoding="utf-8")
    (tmp_path / "j.yaml").write_text(BASE, encoding="utf-8")
    result = cli("validate", "--no-cache", "j.yaml", cwd=tmp_path)
    verdicts = {"journeymap": result.exit_code == 0, "check-jsonschema": config_verdicts[index]}
    assert verdicts == {"journeymap": valid, "check-jsonschema": valid}, result.output
