"""SARIF that GitHub code scanning maps onto the repository, and annotations likewise.

Paths are relative to the repository's root (`%SRCROOT%`, defined in
`originalUriBaseIds`), the same from whichever folder journeymap runs. Every log is
checked against the SARIF 2.1.0 schema and by Microsoft's SARIF Multitool with its
GitHub rules, both from the npm package @microsoft/sarif-multitool-linux (installed into
the test cache on first use, like mermaid; a missing npm fails, never skips).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import toolchain
from conftest import EXAMPLES, FIXTURES
from gitrepo import git

BROKEN = "journeymap: 1\nid: x\n"  # no title, no stages: errors at 1:1
WARNED = """\
journeymap: 1
id: w
title: W
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
"""

# The Multitool's GitHub rules are off by default; a policy file turns each on as an error.
GITHUB_RULES = [
    "GH1001.ProvideRequiredLocationProperties",
    "GH1002.InlineThreadFlowLocations",
    "GH1003.ProvideRequiredRegionProperties",
    "GH1004.ReviewArraysThatExceedConfigurableDefaults",
    "GH1005.LocationsMustBeRelativeUrisOrFilePaths",
    "GH1006.ProvideCheckoutPath",
    "GH1007.ProvideFullyFormattedMessageStrings",
]


@pytest.fixture(scope="module")
def multitool() -> Path:
    return toolchain.needed(toolchain.sarif_multitool)


@pytest.fixture(scope="module")
def sarif_schema(multitool: Path) -> dict[str, Any]:
    path = multitool.with_name(toolchain.SARIF_SCHEMA_NAME)
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert "SARIF" in schema["title"] and "2.1.0" in schema["title"]
    return schema


def schema_errors(schema: dict[str, Any], log: dict[str, Any]) -> list[str]:
    cls = jsonschema.validators.validator_for(schema)
    checker = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(log)]


def multitool_findings(tool: Path, log: dict[str, Any], folder: Path) -> list[str]:
    """The Multitool's errors and warnings about `log`: schema, SARIF rules, GitHub rules."""
    folder.mkdir(parents=True, exist_ok=True)
    policy = folder / "github-rules.xml"
    entries = "".join(
        f'<Properties Key="{rule}.Options"><Property Key="RuleEnabled" Value="Error" />'
        "</Properties>"
        for rule in GITHUB_RULES
    )
    # SARIF2005 asks for the tool's `informationUri`: journeymap has no public address, and
    # a made-up one would send readers to a page that does not exist (docs/output.md)
    entries += (
        '<Properties Key="SARIF2005.ProvideToolProperties.Options">'
        '<Property Key="RuleEnabled" Value="Disabled" /></Properties>'
    )
    policy.write_text(f'<?xml version="1.0" encoding="utf-8"?><Properties>{entries}</Properties>')
    source, report = folder / "journeymap.sarif", folder / "validation.sarif"
    source.write_text(json.dumps(log), encoding="utf-8")
    report.unlink(missing_ok=True)
    env = {**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    command = [str(tool), "validate", "--rule-kind", "Sarif;Ghas", "--config", str(policy)]
    result = subprocess.run(
        [*command, "--level", "Error;Warning", "-o", str(report), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0 and report.is_file(), result.stdout + result.stderr
    results = json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"]
    # a result without `level` takes its rule's, which the policy set to error
    return [f"{r['ruleId']} {r.get('level', 'error')}: {r['message']}" for r in results]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose maps live in cx/journeys/, with its journeymap.yaml in cx/."""
    assert shutil.which("git"), "git is required for these tests"
    root = tmp_path / "repo"
    maps = root / "cx" / "journeys"
    maps.mkdir(parents=True)
    (root / "cx" / "journeymap.yaml").write_text("journeys: ['journeys/*.yaml']\n", "utf-8")
    (maps / "x.yaml").write_text(BROKEN, encoding="utf-8")
    (maps / "with space.yaml").write_text(WARNED, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    return root


def locations(log: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {
        (art["uri"], art.get("uriBaseId"))
        for result in log["runs"][0]["results"]
        for art in [result["locations"][0]["physicalLocation"]["artifactLocation"]]
    }


def test_uris_are_from_the_repository_root_wherever_it_runs(cli: Any, repo: Path) -> None:
    expected = {
        ("cx/journeys/x.yaml", "%SRCROOT%"),
        ("cx/journeys/with%20space.yaml", "%SRCROOT%"),
    }
    base = {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    for cwd, args in [
        (repo, ["--config", "cx/journeymap.yaml"]),
        (repo / "cx", []),
        (repo / "cx" / "journeys", ["x.yaml", "with space.yaml"]),
    ]:
        result = cli("validate", "--format", "sarif", *args, cwd=cwd)
        assert result.exit_code == 1, result.stdout
        log = json.loads(result.stdout)
        assert locations(log) == expected, cwd
        assert log["runs"][0]["originalUriBaseIds"] == base


def test_annotations_use_paths_from_the_repository_root(cli: Any, repo: Path) -> None:
    for cwd in (repo / "cx", repo / "cx" / "journeys"):
        result = cli(
            "validate", "--format", "github", "--config", str(repo / "cx/journeymap.yaml"), cwd=cwd
        )
        files = {line.split("file=")[1].split(",")[0] for line in result.stdout.splitlines()}
        assert files == {"cx/journeys/x.yaml", "cx/journeys/with space.yaml"}, cwd


def test_outside_git_uris_are_relative_to_the_current_folder(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    (folder / "maps").mkdir(parents=True)
    (folder / "maps" / "x.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "elsewhere.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli("validate", "--format", "sarif", "maps/x.yaml", "../elsewhere.yaml", cwd=folder)
    log = json.loads(result.stdout)
    assert log["runs"][0]["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": folder.resolve().as_uri() + "/"}
    }
    outside = (tmp_path / "elsewhere.yaml").resolve().as_uri()
    assert locations(log) == {("maps/x.yaml", "%SRCROOT%"), (outside, None)}
    github = cli("validate", "--format", "github", "maps/x.yaml", cwd=folder).stdout
    assert github.startswith("::error file=maps/x.yaml,line=1,col=1,")


def test_every_log_passes_the_schema_and_the_github_rules(
    cli: Any, repo: Path, tmp_path: Path, multitool: Path, sarif_schema: dict[str, Any]
) -> None:
    bad_config = tmp_path / "bad-config"
    bad_config.mkdir()
    (bad_config / "journeymap.yaml").write_text("rules:\n  touchpoint-ownr: error\n", "utf-8")
    runs = [
        (EXAMPLES, []),  # no results, a successful invocation
        (repo / "cx", []),  # errors and warnings, under %SRCROOT%
        (FIXTURES, ["types-broken.yaml", "refs-broken.yaml"]),
        (bad_config, []),  # a config error: a result and a tool notification
        (tmp_path, ["nope.yaml"]),  # a usage error without a position
    ]
    logs = []
    for cwd, args in runs:
        log = json.loads(cli("validate", "--format", "sarif", *args, cwd=cwd).stdout)
        assert schema_errors(sarif_schema, log) == [], cwd
        logs.append(log)
    assert {r["level"] for log in logs for r in log["runs"][0]["results"]} == {"error", "warning"}
    for i, log in enumerate(logs):
        assert multitool_findings(multitool, log, tmp_path / f"mt{i}") == [], runs[i][0]


def test_the_checks_would_catch_a_log_code_scanning_cannot_place(
    cli: Any, repo: Path, tmp_path: Path, multitool: Path, sarif_schema: dict[str, Any]
) -> None:
    """Without the base id and the region, the same log fails: the checks above can fail."""
    log = json.loads(cli("validate", "--format", "sarif", cwd=repo / "cx").stdout)
    spoiled = copy.deepcopy(log)
    location = spoiled["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["artifactLocation"] = {"uri": (repo / "cx/journeys/x.yaml").as_uri()}
    del location["region"]
    findings = multitool_findings(multitool, spoiled, tmp_path / "spoiled")
    assert any(f.startswith("GH1003 error") for f in findings), findings
    assert any(f.startswith("GH1006 error") for f in findings), findings
    spoiled["runs"][0]["results"][0]["level"] = "fatal"
    assert schema_errors(sarif_schema, spoiled)
