"""Every JSON output is a versioned object that its committed schema describes exactly.

The schemas (schemas/output/) are generated from the typed results and closed: every
property required, no other allowed, at every level. Real runs of each command over the
example portfolio, broken files, a broken journeymap.yaml, a diff between git revisions
and empty results must validate, with the `jsonschema` library and with the real
check-jsonschema program.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLES, FIXTURES, MINIMAL, ROOT
from gitrepo import ACME, edit, git
from journeymap.formats import output_words
from journeymap.formats.output_schema import (
    OUTPUT_SCHEMA_FILES,
    SchemaWordsError,
    output_schema,
    output_schema_text,
)

SCHEMAS = ROOT / "schemas" / "output"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

CLEAN = MINIMAL.replace("id: mini", "id: clean")
# warnings (no goal, no owner, no scores) and no error
WARNED = CLEAN.replace("id: clean", "id: warned").replace("    goal: G\n", "")
WARNED = WARNED.replace("        owner: O\n", "").replace("        importance: 3\n", "")
BAD_CONFIG = "journeys: ['*.yaml']\nrules:\n  touchpoint-ownr: error\n"


def validator(command: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / OUTPUT_SCHEMA_FILES[command]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def conforms(command: str, stdout: str) -> dict[str, Any]:
    """The output parsed, after checking it is an object of its version (1; diff's is 2,
    docs/output.md) that the schema accepts."""
    payload = json.loads(stdout)
    assert isinstance(payload, dict) and payload["version"] == (2 if command == "diff" else 1)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator(command).iter_errors(payload)
    ]
    assert not errors, errors
    return payload


def check_jsonschema(command: str, payload: str, tmp_path: Path) -> None:
    """The real check-jsonschema program, as a user's CI would run it on a saved output."""
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is a test dependency"
    saved = tmp_path / f"{command}-output.json"
    saved.write_text(payload, encoding="utf-8")
    schema = SCHEMAS / OUTPUT_SCHEMA_FILES[command]
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(saved)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    def make(files: dict[str, str]) -> Path:
        root = tmp_path / f"project{len(list(tmp_path.glob('project*')))}"
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        return root

    return make


# --- the committed schemas -------------------------------------------------------------------


@pytest.mark.parametrize("command", list(OUTPUT_SCHEMA_FILES))
def test_committed_schema_is_current(command: str) -> None:
    committed = (SCHEMAS / OUTPUT_SCHEMA_FILES[command]).read_text(encoding="utf-8")
    assert committed == output_schema_text(command), "run `journeymap schema -o schemas`"


def test_schema_command_writes_the_output_schemas(cli: Any, tmp_path: Path) -> None:
    result = cli("schema", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    for command, name in OUTPUT_SCHEMA_FILES.items():
        written = (tmp_path / "out" / "output" / name).read_text(encoding="utf-8")
        assert written == output_schema_text(command)


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.append(node)
        for key, value in node.items():
            if key != "properties":
                found.extend(_objects(value))
            else:
                for sub in value.values():
                    found.extend(_objects(sub))
    elif isinstance(node, list):
        for item in node:
            found.extend(_objects(item))
    return found


@pytest.mark.parametrize("command", list(OUTPUT_SCHEMA_FILES))
def test_every_object_is_closed_and_every_property_described(command: str) -> None:
    objects = _objects(output_schema(command))
    assert len(objects) >= 3
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["required"] == list(node["properties"])
        for name, prop in node["properties"].items():
            assert prop.get("description"), name


def test_a_field_without_words_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap.core.diagnostics import Summary

    words = copy.deepcopy(output_words.WORDS)
    del words[Summary]["infos"]
    monkeypatch.setattr("journeymap.formats.output_schema.WORDS", words)
    with pytest.raises(SchemaWordsError, match=r"Summary\.infos has no description"):
        output_schema("validate")
    words[Summary]["infos"] = "x"
    words[Summary]["notes"] = "a field Summary does not have"
    with pytest.raises(SchemaWordsError, match="notes"):
        output_schema("validate")


def test_an_unknown_key_anywhere_is_refused(cli: Any, folder: Any) -> None:
    """The schemas bite: one key too many, deep inside, fails validation."""
    root = folder({"journeymap.yaml": "journeys: ['*.yaml']\n", "w.yaml": WARNED})
    payload = json.loads(cli("validate", "--format", "json", cwd=root).stdout)
    payload["diagnostics"][0]["column_end"] = 3
    assert not validator("validate").is_valid(payload)
    gaps = json.loads(cli("gaps", "--format", "json", cwd=EXAMPLES).stdout)
    gaps["coverage"][0]["persona_stage"]["rows"][0]["cells"][0]["colour"] = "red"
    assert not validator("gaps").is_valid(gaps)
    del gaps["coverage"][0]["persona_stage"]["rows"][0]["cells"][0]["colour"]
    assert validator("gaps").is_valid(gaps)
    del gaps["total_gaps"]
    assert not validator("gaps").is_valid(gaps)


# --- validate ----------------------------------------------------------------------------------


def test_validate_outputs_conform(cli: Any, folder: Any, tmp_path: Path) -> None:
    clean = conforms("validate", cli("validate", "--format", "json", cwd=EXAMPLES).stdout)
    assert clean["diagnostics"] == [] and clean["summary"]["files"] >= 5
    root = folder(
        {
            "journeymap.yaml": "journeys: ['*.yaml']\n",
            "types-broken.yaml": (FIXTURES / "types-broken.yaml").read_text(encoding="utf-8"),
            "refs-broken.yaml": (FIXTURES / "refs-broken.yaml").read_text(encoding="utf-8"),
            "warned.yaml": WARNED,
            "clean.yaml": CLEAN,
        }
    )
    result = cli("validate", "--format", "json", cwd=root)
    broken = conforms("validate", result.stdout)
    assert result.exit_code == 1
    assert {d["severity"] for d in broken["diagnostics"]} == {"error", "warning"}
    assert any(d["hint"] is None for d in broken["diagnostics"])
    assert any(d["hint"] for d in broken["diagnostics"])
    check_jsonschema("validate", result.stdout, tmp_path)
    empty = conforms("validate", cli("validate", "--format", "json", "clean.yaml", cwd=root).stdout)
    assert empty["diagnostics"] == [] and empty["error"] is None


def test_validate_usage_errors_conform(cli: Any, folder: Any) -> None:
    root = folder({"journeymap.yaml": BAD_CONFIG})
    result = cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 2
    payload = conforms("validate", result.stdout)
    assert payload["error"] and payload["diagnostics"][0]["rule"] == "unknown-rule"
    result = cli("validate", "--format", "json", "nope.yaml", cwd=root.parent)
    assert result.exit_code == 2
    assert conforms("validate", result.stdout)["diagnostics"] == []


# --- gaps --------------------------------------------------------------------------------------


def test_gaps_outputs_conform(cli: Any, folder: Any, tmp_path: Path) -> None:
    result = cli("gaps", "--format", "json", cwd=EXAMPLES)
    full = conforms("gaps", result.stdout)
    kinds = {gap["kind"] for gap in full["gaps"]}
    assert {"ipa", "emotion", "metric", "funnel"} <= kinds
    assert full["future"] and full["future"][0]["found"] is True
    check_jsonschema("gaps", result.stdout, tmp_path)
    top = conforms("gaps", cli("gaps", "--format", "json", "--top", "1", cwd=EXAMPLES).stdout)
    assert len(top["gaps"]) == 1 and top["total_gaps"] == full["total_gaps"]
    root = folder({"journeymap.yaml": "journeys: ['*.yaml']\n", "clean.yaml": CLEAN})
    empty = conforms("gaps", cli("gaps", "--format", "json", cwd=root).stdout)
    assert empty["gaps"] == [] and empty["total_gaps"] == 0 and empty["future"] == []
    alone = folder({"journeymap.yaml": "journeys: ['*.yaml']\n", "x.yaml": "journeymap: 1\n"})
    result = cli("gaps", "--format", "json", cwd=alone)
    assert result.exit_code == 1
    assert conforms("gaps", result.stdout)["journeys"] == []


# --- diff between git revisions -----------------------------------------------------------------


@pytest.fixture
def history(repo: Path) -> Path:
    """The examples committed, then a commit that adds, removes and changes journeys, then
    one that breaks a file."""
    root = repo
    git(root, "rm", "-q", "journeys/acme-b2b-future.yaml")
    (root / "journeys" / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    edit(root / ACME, "        performance: 2\n", "        performance: 4\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "second")
    (root / "journeys" / "clean.yaml").write_text(CLEAN + "        importance: 9\n", "utf-8")
    git(root, "commit", "-qam", "third")
    return root


def test_diff_outputs_conform(cli: Any, history: Path, tmp_path: Path) -> None:
    result = cli("diff", "HEAD~2", "HEAD~1", "--format", "json", cwd=history)
    payload = conforms("diff", result.stdout)
    assert result.exit_code == 0 and payload["broken"] == []
    actions = {(c["subject"], c["action"]) for c in payload["changes"]}
    assert ("journey acme-b2b-future", "removed") in actions
    assert ("journey clean", "added") in actions
    assert any(c["direction"] == "improved" for c in payload["changes"])
    check_jsonschema("diff", result.stdout, tmp_path)
    result = cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=history)
    broken = conforms("diff", result.stdout)
    assert result.exit_code == 1 and broken["broken"]
    assert broken["broken"][0]["path"].endswith("clean.yaml at HEAD")
    same = conforms("diff", cli("diff", "HEAD~1", "HEAD~1", "--format", "json", cwd=history).stdout)
    assert same == {"version": 2, "changes": [], "broken": []}


# --- export and rules --------------------------------------------------------------------------


def test_export_outputs_conform(cli: Any, folder: Any, tmp_path: Path) -> None:
    result = cli("export", "--format", "json", cwd=EXAMPLES)
    payload = conforms("export", result.stdout)
    assert len(payload["journeys"]) == 4 and payload["personas"]
    check_jsonschema("export", result.stdout, tmp_path)
    root = folder({"journeymap.yaml": "journeys: ['*.yaml']\n", "x.yaml": "journeymap: 1\n"})
    result = cli("export", "--format", "json", cwd=root)
    assert result.exit_code == 1
    assert conforms("export", result.stdout) == {"version": 1, "journeys": [], "personas": []}


def test_rules_outputs_conform(cli: Any, tmp_path: Path) -> None:
    result = cli("rules", "--format", "json")
    catalogue = conforms("rules", result.stdout)
    assert len(catalogue["rules"]) > 40
    check_jsonschema("rules", result.stdout, tmp_path)
    one = conforms("rules", cli("rules", "review-stale", "--format", "json").stdout)
    assert (one["name"], one["option"], one["option_default"]) == (
        "review-stale",
        "max_age_days",
        180,
    )
    check_jsonschema("rules", cli("rules", "review-stale", "--format", "json").stdout, tmp_path)
