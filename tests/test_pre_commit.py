"""The pre-commit hooks, run by the real pre-commit (slow: it builds an environment).

Marked `slow`: `pytest -m "not slow"` skips it locally; the default run (CI) includes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, hook: str, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("pre-commit")
    assert binary.exists(), "pre-commit is a test dependency"
    args = ["--files", *files] if files else ["--all-files"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "JOURNEYMAP_TODAY": "2026-11-22"}
    return subprocess.run(
        [str(binary), "try-repo", str(ROOT), hook, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def journey_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "maps"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns("site"))
    (repo / "docker-compose.yaml").write_text("services: {web: {image: nginx}}\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


@pytest.mark.slow
def test_pre_commit_hooks(journey_repo: Path, pre_commit_home: Path) -> None:
    ok = try_repo(journey_repo, "journeymap-validate", pre_commit_home)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # one changed file still resolves its references against the whole portfolio
    one = try_repo(
        journey_repo, "journeymap-validate", pre_commit_home, "journeys/acme-b2b-future.yaml"
    )
    assert one.returncode == 0, one.stdout
    future = journey_repo / "journeys" / "acme-b2b-future.yaml"
    future.write_text(
        future.read_text(encoding="utf-8").replace("importance: 5", "importance: 9", 1),
        encoding="utf-8",
    )
    bad = try_repo(
        journey_repo, "journeymap-validate", pre_commit_home, "journeys/acme-b2b-future.yaml"
    )
    assert bad.returncode == 1
    assert "error[out-of-range]" in bad.stdout
    messy = journey_repo / "journeys" / "shipper-consumer.yaml"
    messy.write_text(
        messy.read_text(encoding="utf-8").replace(
            "  - id: purchase\n    name: Purchase\n", "  - name: Purchase\n    id: purchase\n"
        ),
        encoding="utf-8",
    )
    check = try_repo(
        journey_repo, "journeymap-fmt-check", pre_commit_home, "journeys/shipper-consumer.yaml"
    )
    assert check.returncode == 1 and "would reformat" in check.stdout
    assert "  - name: Purchase\n" in messy.read_text(encoding="utf-8")
    fix = try_repo(
        journey_repo,
        "journeymap-fmt",
        pre_commit_home,
        "journeys/shipper-consumer.yaml",
        "docker-compose.yaml",
    )
    assert fix.returncode == 1  # pre-commit reports a hook that changed files as failed
    assert "  - id: purchase\n    name: Purchase\n" in messy.read_text(encoding="utf-8")
    assert (
        (journey_repo / "docker-compose.yaml").read_text(encoding="utf-8").startswith("services:")
    )
