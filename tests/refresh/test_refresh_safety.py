"""What `refresh` must never lose: an edit saved while it runs, and a symbolic link.

refresh writes the way fmt does (the same code, `disk.writing.write_back`): a file is
replaced only if its bytes are still the bytes refresh read when it loaded the journey,
and a link to a file inside the project is written through, not replaced by a copy.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import journeymap.commands.refresh as refresh_command
from commands.test_refresh import DATA, JOURNEY, PROJECT, journey, metric, snapshot
from journeymap.disk.writing import check_unchanged

EXPECTED = DATA / "expected" / "acme.yaml"
COMMENT = "# saved in the editor while refresh ran\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


# Each step lies between refresh's read of the journey and its write: the CSV
# computations (the long part, ~15 s on a big portfolio) and the edit of the file.
STEPS = ["compute_metric", "compute_funnel", "apply_edits"]


@pytest.mark.parametrize("step", STEPS)
def test_refresh_keeps_an_edit_saved_while_it_runs(
    monkeypatch: pytest.MonkeyPatch, cli: Any, project: Path, step: str
) -> None:
    path = project / JOURNEY
    edited = path.read_bytes() + COMMENT.encode("utf-8")
    real = getattr(refresh_command, step)

    def save_in_editor(*args: Any, **kwargs: Any) -> Any:
        path.write_bytes(edited)
        return real(*args, **kwargs)

    monkeypatch.setattr(refresh_command, step, save_in_editor)
    result = cli("refresh", cwd=project)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (
        f"{JOURNEY}:1:1: error[changed-while-refreshing] changed while refreshing; "
        "run refresh again" in result.stderr
    )
    assert result.stderr.endswith("journeymap: nothing was written\n")
    assert path.read_bytes() == edited  # the editor's save won, byte for byte
    assert [p.name for p in path.parent.iterdir()] == ["acme.yaml"]  # no temporary file

    monkeypatch.setattr(refresh_command, step, real)
    again = cli("refresh", cwd=project)  # run again: the numbers, and the comment, land
    assert again.exit_code == 0, again.output
    assert path.read_text(encoding="utf-8").endswith(COMMENT)
    assert metric(journey(project), "nps").value == 13


def test_refresh_writes_through_a_link_inside_the_project(cli: Any, project: Path) -> None:
    shared = project / "shared"
    shared.mkdir()
    target = shared / "acme.yaml"
    (project / JOURNEY).rename(target)
    link = project / JOURNEY
    link.symlink_to(Path("..") / "shared" / "acme.yaml")
    result = cli("refresh", cwd=project)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "shared" / "acme.yaml")
    assert target.read_bytes() == EXPECTED.read_bytes()
    assert sorted(p.name for p in shared.iterdir()) == ["acme.yaml"]


def test_refresh_leaves_a_link_outside_the_project_alone(
    cli: Any, project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    (project / JOURNEY).rename(outside)
    (project / JOURNEY).symlink_to(outside)
    before = snapshot(project), outside.read_bytes()
    result = cli("refresh", cwd=project)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"is a link to {outside}, outside the project" in result.stderr
    assert (snapshot(project), outside.read_bytes()) == before
    assert (project / JOURNEY).is_symlink()


def test_an_edit_saved_in_the_last_instant_is_kept_too(
    monkeypatch: pytest.MonkeyPatch, cli: Any, project: Path
) -> None:
    """Saved after refresh's own check and before its write: write_back's check sees it."""
    path = project / JOURNEY
    edited = path.read_bytes() + COMMENT.encode("utf-8")
    real = check_unchanged

    def check_then_save(file: Path, expect: bytes) -> None:
        real(file, expect)
        path.write_bytes(edited)

    monkeypatch.setattr("journeymap.commands.refresh.check_unchanged", check_then_save)
    result = cli("refresh", cwd=project)
    assert result.exit_code == 1, result.output
    assert "error[changed-while-refreshing]" in result.stderr
    assert result.stderr.endswith("journeymap: nothing was written\n")
    assert path.read_bytes() == edited


def test_a_failed_write_is_the_files_diagnostic(
    monkeypatch: pytest.MonkeyPatch, cli: Any, project: Path
) -> None:
    before = snapshot(project)

    def disk_full(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)  # os itself: undone just below
    result = cli("refresh", cwd=project)
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (
        f"{JOURNEY}:1:1: error[write-failed] cannot write {JOURNEY}: "
        "No space left on device" in result.stderr
    )
    assert result.stderr.endswith("journeymap: nothing was written\n")
    assert snapshot(project) == before
