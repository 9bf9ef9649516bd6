"""`validate --format json|sarif|github` stays machine-readable when the run cannot start."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

BAD_CONFIG = "journeys: ['*.yaml']\nrules:\n  touchpoint-ownr: error\n"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / "journeymap.yaml").write_text(BAD_CONFIG, encoding="utf-8")
    return tmp_path


def test_json_config_error_is_a_json_object(cli: Any, broken: Path) -> None:
    result = cli("validate", "--format", "json", cwd=broken)
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["version"] == 1
    assert "names rules that do not exist" in payload["error"]
    [found] = payload["diagnostics"]
    assert (found["path"], found["line"], found["column"]) == ("journeymap.yaml", 3, 3)
    assert found["rule"] == "unknown-rule"
    assert "touchpoint-owner" in found["hint"]
    assert payload["summary"] == {"files": 0, "errors": 1, "warnings": 0, "infos": 0}


def test_sarif_config_error_has_a_result_and_a_notification(cli: Any, broken: Path) -> None:
    result = cli("validate", "--format", "sarif", cwd=broken)
    assert result.exit_code == 2
    run = json.loads(result.stdout)["runs"][0]
    [found] = run["results"]
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "journeymap.yaml"
    assert location["region"] == {"startLine": 3, "startColumn": 3}
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "names rules that do not exist" in note["message"]["text"]


def test_github_config_error_is_an_annotation(cli: Any, broken: Path) -> None:
    result = cli("validate", "--format", "github", cwd=broken)
    assert result.exit_code == 2
    assert result.stdout.startswith("::error file=journeymap.yaml,line=3,col=3,")
    assert all(line.startswith("::error ") for line in result.stdout.splitlines())


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_usage_error_without_position(cli: Any, tmp_path: Path, output_format: str) -> None:
    result = cli("validate", "--format", output_format, "nope.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "nope.yaml: no such file or folder" in result.stderr
    if output_format == "json":
        payload = json.loads(result.stdout)
        assert payload["diagnostics"] == []
        assert payload["error"] == "nope.yaml: no such file or folder"
    elif output_format == "sarif":
        run = json.loads(result.stdout)["runs"][0]
        assert run["results"] == []
        notes = run["invocations"][0]["toolExecutionNotifications"]
        assert notes[0]["message"]["text"] == "nope.yaml: no such file or folder"
    else:
        assert result.stdout == "::error title=journeymap::nope.yaml: no such file or folder\n"


def test_successful_runs_say_so(cli: Any, tmp_path: Path) -> None:
    from conftest import EXAMPLES

    sarif = json.loads(cli("validate", "--format", "sarif", cwd=EXAMPLES).stdout)
    assert sarif["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    payload = json.loads(cli("validate", "--format", "json", cwd=EXAMPLES).stdout)
    assert payload["version"] == 1 and payload["error"] is None


def test_sarif_uris_are_percent_encoded_and_rules_explained(cli: Any, tmp_path: Path) -> None:
    from journeymap.checks.catalogue import RULES

    (tmp_path / "with space.yaml").write_text("journeymap: 1\nid: x\n", encoding="utf-8")
    result = cli("validate", "--format", "sarif", "with space.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    run = json.loads(result.stdout)["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"with%20space.yaml"}
    rules = run["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        doc = RULES[rule["id"]]
        assert rule["shortDescription"]["text"] == doc.summary
        assert rule["fullDescription"]["text"] == (doc.explanation or doc.summary)
        assert rule["help"]["text"].startswith(rule["fullDescription"]["text"])
        if doc.bad:
            assert f"```yaml\n{doc.bad.rstrip()}\n```" in rule["help"]["markdown"]
        assert "helpUri" not in rule  # journeymap has no public address to link to
