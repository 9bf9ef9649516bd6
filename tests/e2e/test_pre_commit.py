"""The pre-commit hooks, run by the real pre-commit (slow: it builds an environment).

Marked `slow`: `pytest -m "not slow"` skips it locally; the default run (CI) includes it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import yaml
from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real pre-commit, run in `repo` with its environments kept in `home`."""
    binary = Path(sys.executable).with_name("pre-commit")
    assert binary.exists(), "pre-commit is a test dependency"
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "JOURNEYMAP_TODAY": "2026-11-22",
        # `language: system` hooks run the journeymap a person installed: this one
        "PATH": os.pathsep.join([str(binary.parent), os.environ.get("PATH", "")]),
    }
    return subprocess.run(
        [str(binary), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def try_repo(repo: Path, hook: str, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    args = ["--files", *files] if files else ["--all-files"]
    return pre_commit(repo, home, "try-repo", str(ROOT), hook, *args)


@pytest.fixture
def journey_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "maps"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
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


@pytest.mark.slow
def test_a_staged_persona_rename_checks_the_journeys_that_use_it(
    journey_repo: Path, pre_commit_home: Path
) -> None:
    """Only the personas file is staged, but the journeys that name the old id break:
    the hook must say so, as a full validate does."""
    library = journey_repo / "personas" / "buying-committee.yaml"
    library.write_text(
        library.read_text(encoding="utf-8").replace("id: finance-director", "id: cfo"),
        encoding="utf-8",
    )
    hook = try_repo(
        journey_repo, "journeymap-validate", pre_commit_home, "personas/buying-committee.yaml"
    )
    assert hook.returncode == 1, hook.stdout + hook.stderr
    broken = re.findall(
        r"^(journeys/[\w-]+\.yaml):\d+:\d+: error\[unresolved-reference\]", hook.stdout, re.M
    )
    assert broken and set(broken) <= {"journeys/acme-b2b-current.yaml"}
    assert "unknown persona 'finance-director'" in hook.stdout


def readme_block(marker: str) -> str:
    """The ```yaml block of README.md that contains `marker`, as the user copies it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```yaml\n")[1:]]
    found = [b for b in blocks if marker in b]
    assert len(found) == 1, f"README.md has {len(found)} yaml blocks with {marker!r}"
    return found[0]


@pytest.mark.slow
def test_hooks_for_maps_in_a_subfolder(tmp_path: Path, pre_commit_home: Path) -> None:
    """The README's config for a subfolder project, exactly as written (local hooks that
    run the installed journeymap), run by `pre-commit run` from the repository root: each
    file is checked under cx/journeymap.yaml, and files outside cx/ never reach the hooks."""
    config = readme_block("files: ^cx/")
    assert "repo: local" in config

    repo = tmp_path / "monorepo"
    shutil.copytree(
        EXAMPLES, repo / "cx", ignore=shutil.ignore_patterns("site", ".journeymap_cache")
    )
    (repo / "deploy").mkdir()
    (repo / "deploy" / "broken.yaml").write_text("journeymap: 1\nid: Not An Id\n")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return pre_commit(repo, pre_commit_home, "run", "--files", *files)

    future = "cx/journeys/acme-b2b-future.yaml"
    ok = run(future, "deploy/broken.yaml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "journeymap validate" in ok.stdout and "Passed" in ok.stdout
    path = repo / future
    path.write_text(
        path.read_text(encoding="utf-8").replace("importance: 5", "importance: 9", 1),
        encoding="utf-8",
    )
    bad = run(future)
    assert bad.returncode == 1
    assert f"{future}:" in bad.stdout and "error[out-of-range]" in bad.stdout
    assert "unresolved-reference" not in bad.stdout


def test_the_readme_hooks_are_the_published_hooks() -> None:
    """The README's local hooks run what .pre-commit-hooks.yaml runs, so the two ways of
    using them (a local config; a hosted clone as `repo:`) never drift apart."""
    published = {
        hook["id"]: hook
        for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    configs = [readme_block("# .pre-commit-config.yaml\n"), readme_block("files: ^cx/")]
    seen = set()
    for config in configs:
        [repo] = yaml.safe_load(config)["repos"]
        assert repo == {"repo": "local", "hooks": repo["hooks"]}
        for hook in repo["hooks"]:
            mine = published[hook["id"]]
            for key in ("name", "entry", "types", "require_serial"):
                assert hook[key] == mine[key], (hook["id"], key)
            assert hook["language"] == "system"
            seen.add(hook["id"])
    assert seen == set(published)
