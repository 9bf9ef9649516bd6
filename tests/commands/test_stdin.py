"""`validate -` and `fmt -`: standard input named by `--stdin-filename`, as editors use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from journeymap.cli import app

ACME = "journeys/acme-b2b-current.yaml"


def run(args: list[str], data: str | bytes, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, args, input=data, catch_exceptions=False)


def test_validate_stdin_resolves_references_through_the_config(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from outside the project: the config is the one above --stdin-filename, so the
    personas it names resolve (from the cwd there would be no config and no personas)."""
    text = (project / ACME).read_text(encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    named = str(project / ACME)
    result = run(
        ["validate", "-", "--stdin-filename", named, "--strict"], text, elsewhere, monkeypatch
    )
    assert result.exit_code == 0, result.output
    assert "No problems found in 1 file." in result.stderr


def test_validate_stdin_reports_the_buffer_not_the_disk(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The buffer drops an owner; the file on disk still has it. The config makes
    touchpoint-owner an error, and the finding is positioned in the buffer."""
    lines = (project / ACME).read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("      - id: linkedin-ads\n")  # its department and owner follow
    assert lines[start + 3 : start + 5] == [
        "        department: marketing\n",
        "        owner: Demand generation lead\n",
    ]
    edited = "".join(lines[: start + 3] + lines[start + 5 :])
    args = ["validate", "-", "--stdin-filename", ACME, "--format", "json"]
    result = run(args, edited, project, monkeypatch)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    owners = [d for d in payload["diagnostics"] if d["rule"] == "touchpoint-owner"]
    assert [(d["path"], d["severity"]) for d in owners] == [(ACME, "error")]
    assert owners[0]["line"] == start + 1  # `- id: linkedin-ads`, 1-based
    assert payload["summary"]["files"] == 1
    # no duplicate-id clash with the same journey's old version on disk
    assert not [d for d in payload["diagnostics"] if d["rule"] == "duplicate-id"]


def test_validate_stdin_without_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["validate", "-"], "journeymap: 1\nid: x\n", tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stdout.startswith("stdin.yaml:")


def test_dash_with_other_paths_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run(["validate", "-", "a.yaml"], "", tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "cannot be combined" in result.stderr


def test_fmt_stdin_writes_the_formatted_text(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canonical = (project / ACME).read_text(encoding="utf-8")
    assert canonical.startswith("#") or "journeymap: 1" in canonical
    messy = canonical.replace("journeymap: 1\n", "journeymap:    1\n", 1)
    assert messy != canonical
    result = run(["fmt", "-", "--stdin-filename", ACME], messy, project, monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == canonical
    assert (project / ACME).read_text(encoding="utf-8") == canonical  # disk untouched


def test_fmt_stdin_check(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    messy = (
        (project / ACME)
        .read_text(encoding="utf-8")
        .replace("journeymap: 1\n", "journeymap:  1\n", 1)
    )
    result = run(["fmt", "-", "--check", "--stdin-filename", ACME], messy, project, monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"would reformat {ACME}" in result.stderr


def test_fmt_stdin_unformattable_comes_back_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = "journeymap: 1\nid: [unclosed\n  # a comment the user wrote\n"
    result = run(["fmt", "-", "--stdin-filename", "j.yaml"], broken, tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == broken
    assert result.stderr.startswith("j.yaml:")
    assert not (tmp_path / "j.yaml").exists()


def test_validate_stdin_in_a_real_process(project: Path) -> None:
    """The installed command, as an editor starts it: stdin a pipe from a real file."""
    exe = Path(sys.executable).with_name("journeymap")  # beside the Python running the tests
    assert exe.exists(), f"pip install must create the journeymap command ({exe})"
    with (project / ACME).open("rb") as handle:
        done = subprocess.run(
            [str(exe), "validate", "-", "--stdin-filename", ACME, "--format", "github"],
            stdin=handle,
            cwd=project,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert b"No problems found in 1 file." in done.stderr
