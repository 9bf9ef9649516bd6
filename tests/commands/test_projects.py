"""Config discovery per file, like ruff: each file is checked under the nearest
journeymap.yaml above it, and the files of several projects are grouped by project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES

FUTURE = "cx/journeys/acme-b2b-future.yaml"


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    """A repository whose maps live in a subfolder, `cx/`, beside unrelated code."""
    root = tmp_path / "repo"
    shutil.copytree(
        EXAMPLES, root / "cx", ignore=shutil.ignore_patterns("site", ".journeymap_cache")
    )
    (root / "src").mkdir()
    (root / "src" / "app.py").write_text("print('hello')\n", encoding="utf-8")
    return root


def diagnostics(result: Any) -> list[dict[str, Any]]:
    payload = json.loads(result.stdout)
    found: list[dict[str, Any]] = payload["diagnostics"]
    return found


def test_a_file_in_a_subfolder_project_resolves_against_its_own_config(
    cli: Any, monorepo: Path
) -> None:
    """From the repository root (where pre-commit runs), the future map's references to
    the current map and to the library personas resolve through cx/journeymap.yaml."""
    result = cli("validate", FUTURE, "--format", "json", cwd=monorepo)
    assert result.exit_code == 0, result.stdout
    assert [d for d in diagnostics(result) if d["severity"] == "error"] == []
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_the_same_file_from_inside_the_project_gives_the_same_result(
    cli: Any, monorepo: Path
) -> None:
    outside = cli("validate", FUTURE, "--format", "json", cwd=monorepo)
    inside = cli(
        "validate", "journeys/acme-b2b-future.yaml", "--format", "json", cwd=monorepo / "cx"
    )
    strip = [{k: v for k, v in d.items() if k != "path"} for d in diagnostics(outside)]
    assert strip == [{k: v for k, v in d.items() if k != "path"} for d in diagnostics(inside)]
    assert {d["path"] for d in diagnostics(outside)} <= {FUTURE}


def test_each_project_is_checked_under_its_own_rules(cli: Any, monorepo: Path) -> None:
    """Two projects in one run: cx makes a missing owner an error, ops a warning."""
    ops = monorepo / "ops"
    shutil.copytree(monorepo / "cx", ops)
    config = ops / "journeymap.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "touchpoint-owner: error", "touchpoint-owner: warning"
        ),
        encoding="utf-8",
    )
    for folder in ("cx", "ops"):
        journey = monorepo / folder / "journeys" / "acme-b2b-current.yaml"
        text = journey.read_text(encoding="utf-8")
        unowned = text.replace(
            "        department: marketing\n        owner: Demand generation lead\n", "", 1
        )
        assert unowned != text
        journey.write_text(unowned, encoding="utf-8")

    result = cli(
        "validate",
        "cx/journeys/acme-b2b-current.yaml",
        "ops/journeys/acme-b2b-current.yaml",
        "--format",
        "json",
        cwd=monorepo,
    )
    owner = {
        d["path"]: d["severity"] for d in diagnostics(result) if d["rule"] == "touchpoint-owner"
    }
    assert owner == {
        "cx/journeys/acme-b2b-current.yaml": "error",
        "ops/journeys/acme-b2b-current.yaml": "warning",
    }
    assert result.exit_code == 1
    # each acme-b2b-current names a future map that depends on it: both are checked too
    assert json.loads(result.stdout)["summary"]["files"] == 4


def test_a_file_with_no_config_above_it_gets_the_defaults(
    cli: Any, monorepo: Path, tmp_path: Path
) -> None:
    """The cwd's project does not reach a file outside it: no departments list, so an
    unknown department is not reported, and the defaults leave owner a warning."""
    loose = tmp_path / "loose"
    loose.mkdir()
    text = (EXAMPLES / "journeys" / "shipper-partner.yaml").read_text(encoding="utf-8")
    (loose / "partner.yaml").write_text(text.replace("department: ", "department: x-", 1))
    result = cli("validate", str(loose / "partner.yaml"), "--format", "json", cwd=monorepo / "cx")
    rules = {d["rule"] for d in diagnostics(result)}
    assert "unknown-department" not in rules
    with_config = cli(
        "validate",
        str(loose / "partner.yaml"),
        "--config",
        "journeymap.yaml",
        "--format",
        "json",
        cwd=monorepo / "cx",
    )
    assert "unknown-department" in {d["rule"] for d in diagnostics(with_config)}


def test_config_errors_name_the_config_of_the_file(cli: Any, monorepo: Path) -> None:
    (monorepo / "cx" / "journeymap.yaml").write_text("rules: {touchpoint-ownr: off}\n")
    result = cli("validate", FUTURE, cwd=monorepo)
    assert result.exit_code == 2
    assert "cx/journeymap.yaml" in result.output
    assert "touchpoint-owner" in result.output  # the suggestion


def test_a_site_is_built_from_one_project_only(cli: Any, monorepo: Path, tmp_path: Path) -> None:
    shutil.copytree(monorepo / "cx", monorepo / "ops")
    result = cli(
        "render",
        FUTURE,
        "ops/journeys/acme-b2b-future.yaml",
        "-o",
        str(tmp_path / "site"),
        cwd=monorepo,
    )
    assert result.exit_code == 2
    assert "2 projects (cx/journeymap.yaml, ops/journeymap.yaml)" in result.output
    assert not (tmp_path / "site").exists()


def test_render_of_a_subfolder_project_from_the_root(
    cli: Any, monorepo: Path, tmp_path: Path
) -> None:
    result = cli("render", "cx/journeys", "-o", str(tmp_path / "site"), cwd=monorepo)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "maps" / "acme-b2b-future.html").is_file()


# --- settings under another name: one line and exit 2, never the defaults in silence ------


def test_a_journeymap_yml_is_named_and_refused(cli: Any, project: Path) -> None:
    """The config under the other YAML extension: every command that looks for the config
    says so in one line and exits 2, from the project or from a file in it."""
    (project / "journeymap.yaml").rename(project / "journeymap.yml")
    line = "journeymap: found journeymap.yml; journeymap reads journeymap.yaml — rename it"
    for args in (["validate"], ["validate", "journeys/acme-b2b-current.yaml"], ["gaps"]):
        result = cli(*args, cwd=project)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.strip().splitlines() == [line], (args, result.stderr)
        assert "Traceback" not in result.output


def test_a_journeymap_yml_beside_journeymap_yaml_or_of_another_tool_is_left_alone(
    cli: Any, project: Path
) -> None:
    """journeymap.yaml wins in its own folder, and the workflow `init` writes as
    .github/workflows/journeymap.yml (which pre-commit hands to the hook) is no config."""
    (project / "journeymap.yml").write_text("rules: {touchpoint-owner: off}\n", encoding="utf-8")
    workflows = project / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "journeymap.yml").write_text(
        "name: journeys\non: [pull_request]\njobs: {}\n", encoding="utf-8"
    )
    result = cli(
        "validate",
        "--skip-other-yaml",
        ".github/workflows/journeymap.yml",
        "journeys/acme-b2b-current.yaml",
        cwd=project,
    )
    assert result.exit_code == 0, result.output


def test_tool_journeymap_in_pyproject_is_named_and_refused(cli: Any, project: Path) -> None:
    (project / "journeymap.yaml").unlink()
    pyproject = project / "pyproject.toml"
    pyproject.write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert cli("validate", "journeys", cwd=project).exit_code in (0, 1)  # not ours: no effect
    pyproject.write_text('[tool.journeymap]\njourneys = ["journeys/*.yaml"]\n', encoding="utf-8")
    result = cli("validate", cwd=project)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        "journeymap: found [tool.journeymap] in pyproject.toml; journeymap reads its "
        "settings only from journeymap.yaml — move them there"
    ]
