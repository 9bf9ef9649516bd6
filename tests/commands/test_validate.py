"""`journeymap validate` as a CI gate: outputs, exit codes, config, discovery."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, FIXTURES, MINIMAL, golden


def test_examples_are_clean_under_strict(cli: Any) -> None:
    result = cli("validate", "--strict", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    assert "No problems found in 5 files." in result.stderr


def test_broken_types_golden(cli: Any) -> None:
    result = cli("validate", "types-broken.yaml", cwd=FIXTURES)
    assert result.exit_code == 1
    golden("validate-types-broken.txt", result.stdout)


def test_broken_references_golden(cli: Any) -> None:
    result = cli("validate", "refs-broken.yaml", cwd=FIXTURES)
    assert result.exit_code == 1
    golden("validate-refs-broken.txt", result.stdout)


def test_text_lines_are_parseable_and_plain_on_a_pipe(cli: Any) -> None:
    result = cli("validate", "types-broken.yaml", cwd=FIXTURES)
    heads = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert heads
    for line in heads:
        path, lineno, col, rest = line.split(":", 3)
        assert path == "types-broken.yaml"
        assert int(lineno) >= 1 and int(col) >= 1
        assert rest.startswith((" error[", " warning["))
    assert "\x1b[" not in result.stdout  # no colour on a pipe
    assert "^" not in result.stdout  # the code frame is for terminals


def test_code_frame_on_a_terminal(cli: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = cli("validate", "types-broken.yaml", cwd=FIXTURES)
    assert "toucpoints: []" in result.stdout
    assert "|     ^" in result.stdout


def test_json_format(cli: Any) -> None:
    result = cli("validate", "--format", "json", "types-broken.yaml", cwd=FIXTURES)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["summary"]["errors"] == len(payload["diagnostics"]) == 11
    first = payload["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "rule", "message", "hint"}
    unknown = next(d for d in payload["diagnostics"] if d["rule"] == "unknown-field")
    assert (unknown["line"], unknown["column"]) == (13, 5)
    assert "did you mean 'touchpoints'" in unknown["hint"]


def test_github_format(cli: Any, tmp_path: Path) -> None:
    # outside git, paths stay relative to the current folder (tests/formats has the git case)
    (tmp_path / "types-broken.yaml").write_bytes((FIXTURES / "types-broken.yaml").read_bytes())
    result = cli("validate", "--format", "github", "types-broken.yaml", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(
            "::error file=types-broken.yaml,line=17,col=21,title=journeymap out-of-range::"
        )
        for line in lines
    ), lines


def test_sarif_format(cli: Any) -> None:
    result = cli("validate", "--format", "sarif", "refs-broken.yaml", cwd=FIXTURES)
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for res in run["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert {r["level"] for r in run["results"]} == {"error", "warning"}


def test_warnings_pass_unless_strict(cli: Any, write: Any) -> None:
    path = write("j.yaml", MINIMAL.replace("        owner: O\n", ""))
    relaxed = cli("validate", str(path))
    assert relaxed.exit_code == 0
    assert "warning[touchpoint-owner]" in relaxed.stdout
    assert cli("validate", "--strict", str(path)).exit_code == 1


def test_missing_file_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    result = cli("validate", "nope.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "nope.yaml: no such file or folder" in result.stderr


def test_no_paths_and_no_config(cli: Any, tmp_path: Path) -> None:
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no journeymap.yaml" in result.stderr


def test_folder_is_searched_and_other_yaml_skipped(cli: Any, write: Any, tmp_path: Path) -> None:
    write("maps/a/j.yaml", MINIMAL)
    write("maps/b/j2.yml", MINIMAL.replace("id: mini", "id: mini-two"))
    write("maps/docker-compose.yaml", "services: {web: {image: nginx}}\n")
    write("maps/notes.txt", "not yaml")
    result = cli("validate", "-v", "maps", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "2 files" in result.stderr
    assert "skipped maps/docker-compose.yaml" in result.stderr


def test_every_problem_in_every_file(cli: Any, write: Any, tmp_path: Path) -> None:
    write("a.yaml", MINIMAL.replace("importance: 3", "importance: 9"))
    write("b.yaml", MINIMAL.replace("id: mini", "id: other").replace("name: S", "nme: S"))
    result = cli("validate", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert "a.yaml:15:21: error[out-of-range]" in result.stdout
    assert "b.yaml:8:5: error[unknown-field] unknown field 'nme'" in result.stdout
    assert "b.yaml:7:5: error[missing-field] missing required field 'name'" in result.stdout


def test_journey_ids_unique_across_files(cli: Any, write: Any, tmp_path: Path) -> None:
    write("a.yaml", MINIMAL)
    write("b.yaml", MINIMAL)
    result = cli("validate", "a.yaml", "b.yaml", cwd=tmp_path)
    assert "b.yaml:2:5: error[duplicate-id] journey id 'mini' is already used" in result.stdout


def test_path_given_twice_is_read_once(cli: Any, write: Any, tmp_path: Path) -> None:
    write("a.yaml", MINIMAL)
    result = cli("validate", "a.yaml", "./a.yaml", cwd=tmp_path)
    assert result.exit_code == 0
    assert "in 1 file." in result.stderr


# --- journeymap.yaml ---------------------------------------------------------------------


def test_config_is_found_upwards(cli: Any, project: Path) -> None:
    result = cli("validate", "--strict", cwd=project / "journeys")
    assert result.exit_code == 0, result.output


def test_config_rule_severity(cli: Any, write: Any, tmp_path: Path) -> None:
    write("journeymap.yaml", "journeys: ['*.yaml']\nrules: {touchpoint-owner: error}\n")
    write("j.yaml", MINIMAL.replace("        owner: O\n", ""))
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 1
    assert "error[touchpoint-owner]" in result.stdout
    write("journeymap.yaml", "journeys: ['j.yaml']\nrules: {touchpoint-owner: 'off'}\n")
    result = cli("validate", "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_unknown_rule_in_config(cli: Any, write: Any, tmp_path: Path) -> None:
    write("journeymap.yaml", "journeys: ['*.yaml']\nrules:\n  touchpoint-ownr: error\n")
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (
        "journeymap.yaml:3:3: error[unknown-rule] unknown rule 'touchpoint-ownr'" in result.stdout
    )
    assert "did you mean 'touchpoint-owner'" in result.stdout


def test_broken_config_reported_at_its_line(cli: Any, write: Any, tmp_path: Path) -> None:
    write("journeymap.yaml", "journeys: ['*.yaml']\njourney: [x]\n")
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "journeymap.yaml:2:1: error[unknown-field] unknown field 'journey'" in result.stdout
    write("journeymap.yaml", "journeys: [\n")
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "journeymap.yaml:1:11: error[yaml-syntax] the list opened with `[`" in result.stdout


def test_glob_matching_nothing(cli: Any, write: Any, tmp_path: Path) -> None:
    write("journeymap.yaml", "journeys: ['maps/*.yaml']\n")
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "matches no files" in result.stderr


def test_departments_restricted_by_config(cli: Any, write: Any, tmp_path: Path) -> None:
    write("journeymap.yaml", "journeys: ['j.yaml']\ndepartments: [sales, support]\n")
    write("j.yaml", MINIMAL.replace("owner: O", "owner: O\n        department: suport"))
    result = cli("validate", cwd=tmp_path)
    assert "error[unknown-department] department 'suport'" in result.stdout
    assert "did you mean 'support'" in result.stdout


def test_single_file_resolves_against_config_portfolio(cli: Any, project: Path) -> None:
    """A pre-commit hook passes one file; references still resolve against the portfolio."""
    result = cli("validate", "--strict", "journeys/acme-b2b-future.yaml", cwd=project)
    assert result.exit_code == 0, result.output
    assert "in 1 file." in result.stderr


def test_unknown_rule_in_ignore(cli: Any, write: Any) -> None:
    path = write(
        "j.yaml",
        MINIMAL.replace("  - id: s\n", "  - id: s\n    x-journeymap-ignore: [stage-gaol]\n"),
    )
    result = cli("validate", str(path))
    assert "error[unknown-rule] unknown rule 'stage-gaol'" in result.stdout
    assert "did you mean 'stage-goal'" in result.stdout


def test_library_in_flow_style_still_resolves(cli: Any, write: Any, tmp_path: Path) -> None:
    write("lib.yaml", "{journeymap: 1, kind: personas, personas: [{id: p, name: P}]}\n")
    write("j.yaml", MINIMAL.replace("personas: [{id: p, name: P}]", "personas: [p]"))
    result = cli("validate", "j.yaml", "lib.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
