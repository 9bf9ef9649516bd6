"""What a team builds from a clone (issue #27, point 15): the sdist and the wheel.

journeymap has no published release, so the wheel built with `python -m build` is how
it reaches a laptop or CI: its file name must be the one `init`'s workflow installs. The
sdist must hold what the tests read (tests/, examples/, schemas/, docs/, benchmarks/),
so the test suite runs from an unpacked sdist as from a clone; a test here does run part
of it from there. Both are built with the real `build` (a test dependency), in an
isolated environment, from a copy of the files git knows, so nothing lands in the tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from gitrepo import git
from journeymap.scaffold.ci_workflow import installed_source

FOLDERS = ("tests", "examples", "schemas", "docs", "benchmarks")
FILES = ("LICENSE", "README.md", "pyproject.toml", "MANIFEST.in", ".pre-commit-hooks.yaml")


def tracked() -> list[str]:
    """The files a clone has: tracked ones, and new ones not ignored (the work in hand)."""
    listed = git(ROOT, "ls-files", "-co", "--exclude-standard").splitlines()
    return sorted(name for name in listed if (ROOT / name).is_file())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel), as `python -m build` makes them: the wheel is built from the sdist."""
    assert shutil.which("git"), "git is required"
    clone = tmp_path_factory.mktemp("clone")
    for name in tracked():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(clone)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, "python -m build failed (pip install -e '.[test]'):\n" + (
        done.stdout[-3000:] + done.stderr[-3000:]
    )
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return sdist, wheel


def test_the_sdist_holds_what_the_tests_read(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        top = f"{sdist.name.removesuffix('.tar.gz')}/"
        inside = {m.name.removeprefix(top) for m in archive.getmembers() if m.isfile()}
    wanted = [n for n in tracked() if n.split("/", 1)[0] in FOLDERS or n in FILES]
    missing = [n for n in wanted if n not in inside]
    assert not missing, f"{len(missing)} files the tests need are not in the sdist: {missing[:20]}"
    assert {n.split("/", 1)[0] for n in inside} >= {*FOLDERS, "src"}
    assert not [n for n in inside if "__pycache__" in n or n.endswith(".pyc")]


def test_the_wheel_is_the_one_inits_workflow_installs(built: tuple[Path, Path]) -> None:
    _, wheel = built
    assert wheel.name == installed_source().wheel_name
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode("utf-8")
    assert f"{info}/licenses/LICENSE" in names
    assert "journeymap/templates/journey.html.j2" in names  # the package data came along
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Programming Language :: Python :: 3.11" in metadata
    assert "Project-URL" not in metadata  # no public home to point at


def test_the_tests_run_from_the_unpacked_sdist(built: tuple[Path, Path], tmp_path: Path) -> None:
    """Part of the suite, from the sdist alone: its own src/, tests/, docs/ and examples/."""
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [unpacked] = tmp_path.iterdir()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(unpacked / "src"), str(unpacked / "tests")]),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import journeymap; print(journeymap.__file__)"],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(unpacked)  # not the clone's copy
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_docs.py"],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
