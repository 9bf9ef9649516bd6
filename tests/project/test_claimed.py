"""A journey file without `journeymap: 1` is an error, not "other YAML", when the
project's globs name it: pre-commit's `--skip-other-yaml` must not wave it through.

Only YAML outside the project's `journeys` and `personas` globs may be passed over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CONFIG = "journeys: ['journeys/*.yaml']\npersonas: ['personas/*.yaml']\n"
GOOD = """journeymap: 1
id: onboarding
title: Onboarding
stages:
  - id: start
    name: Start
"""
NO_KEY = "id: renewal\ntitle: Renewal\nstages: []\n"


def project(root: Path) -> Path:
    (root / "journeys").mkdir(parents=True)
    (root / "personas").mkdir()
    (root / "ci").mkdir()
    (root / "journeymap.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "journeys" / "onboarding.yaml").write_text(GOOD, encoding="utf-8")
    (root / "journeys" / "renewal.yaml").write_text(NO_KEY, encoding="utf-8")
    library = "journeymap: 1\nkind: personas\npersonas:\n  - {id: cfo, name: CFO}\n"
    (root / "personas" / "committee.yaml").write_text(library, encoding="utf-8")
    (root / "ci" / "pipeline.yaml").write_text("stages: [build, test]\n", encoding="utf-8")
    return root


def test_a_named_journey_without_the_key_is_an_error(cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path)
    result = cli(
        "validate", "--skip-other-yaml", "journeys/renewal.yaml", "ci/pipeline.yaml", cwd=root
    )
    assert result.exit_code == 1, result.output
    assert "journeys/renewal.yaml:1:1: error[missing-version]" in result.output
    assert "pipeline.yaml" not in result.output.replace("skipped", "")


def test_yaml_outside_the_globs_is_still_passed_over(cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "journeys" / "renewal.yaml").unlink()
    result = cli("validate", "--skip-other-yaml", "ci/pipeline.yaml", cwd=root)
    assert result.exit_code == 0, result.output


def test_a_folder_search_reports_a_claimed_file_too(cli: Any, tmp_path: Path) -> None:
    root = project(tmp_path)
    result = cli("validate", ".", cwd=root)
    assert result.exit_code == 1
    assert "journeys/renewal.yaml:1:1: error[missing-version]" in result.output
    assert "ci/pipeline.yaml:1:1" not in result.output


def test_a_hook_run_from_the_repository_root_finds_the_project(cli: Any, tmp_path: Path) -> None:
    """pre-commit runs at the repository root and passes paths into a `cx/` project."""
    project(tmp_path / "cx")
    result = cli(
        "validate",
        "--skip-other-yaml",
        "cx/journeys/renewal.yaml",
        "cx/ci/pipeline.yaml",
        cwd=tmp_path,
    )
    assert result.exit_code == 1
    assert "cx/journeys/renewal.yaml:1:1: error[missing-version]" in result.output
