"""A cache folder is never reached through a link in the project (issue #26, row 7).

A pull request can commit `.journeymap_cache -> ../..`: following it, validate wrote its
`.gitignore` of `*`, CACHEDIR.TAG and a cache file two folders above the checkout.
Now validate runs without the cache and says so in one warning line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import journeymap
from conftest import MINIMAL


def journeymap_run(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JOURNEYMAP_CACHE_DIR"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), JOURNEYMAP_WORKERS="1")
    command = [sys.executable, "-m", "journeymap", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A project two folders down, with a finding (no stage goal) to compare."""
    root = tmp_path / "outside" / "work" / "checkout"
    (root / "journeys").mkdir(parents=True)
    (root / "journeymap.yaml").write_text('journeys: ["journeys/*.yaml"]\n', encoding="utf-8")
    (root / "journeys" / "mini.yaml").write_text(MINIMAL.replace("    goal: G\n", ""))
    return root


VERSION = journeymap.__version__


@pytest.mark.parametrize(
    ("link", "target"),
    [
        (".journeymap_cache", "../.."),  # out of the project
        (".journeymap_cache", "journeys"),  # in it: a `.gitignore` of `*` would hide journeys
        (f".journeymap_cache/{VERSION}", "../../.."),  # the version folder
    ],
)
def test_a_committed_link_is_never_followed(
    checkout: Path, tmp_path: Path, link: str, target: str
) -> None:
    (checkout / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, checkout / link)
    before = tree(tmp_path / "outside")
    home = tmp_path / "home"
    truth = journeymap_run(checkout, home, "validate", "--strict", "--no-cache")
    run = journeymap_run(checkout, home, "validate", "--strict", "-v")
    assert (run.returncode, run.stdout) == (truth.returncode, truth.stdout) == (1, truth.stdout)
    assert "stage-goal" in run.stdout
    assert tree(tmp_path / "outside") == before  # nothing written anywhere
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: not using the cache: {link} is a symbolic link (to {target}); "
        "the cache is kept only in a real folder of the project"
    ]
    assert " unchanged, " not in run.stderr and "Traceback" not in run.stderr
    quiet = journeymap_run(checkout, home, "validate", "--strict", "-q")
    assert quiet.returncode == 1 and quiet.stderr == ""


def test_a_cache_folder_named_outside_the_project_may_be_a_link(
    checkout: Path, tmp_path: Path
) -> None:
    (tmp_path / "real-cache").mkdir()
    os.symlink(tmp_path / "real-cache", tmp_path / "cache-link")
    home = tmp_path / "home"
    run = journeymap_run(
        checkout, home, "validate", "-v", "--cache-dir", str(tmp_path / "cache-link")
    )
    assert run.returncode == 0 and "warning:" not in run.stderr
    assert "cache: 0 unchanged, 1 read" in run.stderr
    assert list((tmp_path / "real-cache").glob("*/*.json"))
