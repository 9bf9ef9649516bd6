"""Reading only what the project holds, and printing values so they cannot act on a terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from journeymap.core.diagnostics import Diagnostic
from journeymap.core.textsafe import visible
from journeymap.formats.machine import github_annotations
from journeymap.formats.text import diagnostics_text

GOOD = "journeymap: 1\nid: j\ntitle: J\nstages:\n  - {id: s, name: S}\n"


@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd"])
def test_a_link_out_of_the_project_is_not_read(cli: Any, project: Path, target: str) -> None:
    """A committed `journeys/env.yaml -> /proc/self/environ` must not print the environment."""
    os.environ["JOURNEYMAP_TEST_SECRET"] = "hunter2-secret"
    try:
        (project / "journeys" / "env.yaml").symlink_to(target)
        result = cli("validate", "journeys/env.yaml", cwd=project)
    finally:
        del os.environ["JOURNEYMAP_TEST_SECRET"]
    assert result.exit_code == 1
    assert "hunter2-secret" not in result.output
    assert "root:" not in result.output
    assert "outside the project" in result.output


def test_a_link_inside_the_project_is_read(cli: Any, project: Path) -> None:
    (project / "journeys" / "alias.yaml").symlink_to(project / "journeys" / "acme-b2b-current.yaml")
    result = cli("validate", "--format", "json", "journeys/alias.yaml", cwd=project)
    rules = {d["rule"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "unreadable" not in rules


@pytest.mark.parametrize("special", ["fifo", "stdin"])
def test_links_to_pipes_never_block(cli: Any, tmp_path: Path, special: str) -> None:
    target = tmp_path / "pipe"
    if special == "fifo":
        os.mkfifo(target)
    else:
        target = Path("/dev/stdin")
    (tmp_path / "j.yaml").symlink_to(target)
    for command in (("validate",), ("render", "-o", "site"), ("fmt", "--check")):
        result = cli(*command[:1], "j.yaml", *command[1:], cwd=tmp_path)
        assert result.exit_code in (1, 2), (command, result.output)


@pytest.mark.parametrize(
    ("key", "value"),
    [("output", "../outside"), ("output", "/tmp/elsewhere"), ("journeys", "['../other/*.yaml']")],
)
def test_config_paths_stay_in_the_project(cli: Any, tmp_path: Path, key: str, value: str) -> None:
    (tmp_path / "j.yaml").write_text(GOOD, encoding="utf-8")
    config = f"{key}: {value}\n" if key == "journeys" else f"journeys: [j.yaml]\n{key}: {value}\n"
    (tmp_path / "journeymap.yaml").write_text(config, encoding="utf-8")
    result = cli("render", cwd=tmp_path)
    assert result.exit_code == 2
    assert "leads outside the project" in result.output
    assert not (tmp_path.parent / "outside").exists()


def test_values_cannot_drive_the_terminal() -> None:
    nasty = Diagnostic(
        "a\nb.yaml",
        1,
        1,
        "error",
        "invalid-value",
        "\x1b[2J\x1b]0;pwned\x07 done\n::warning::x",
        "\u202eevil",
    )
    text = diagnostics_text([nasty])
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert text.count("\n") == 2  # the headline and the help line, nothing forged
    assert "\\x1b[2J" in text and "a\\nb.yaml" in text
    annotations = github_annotations([nasty])
    assert annotations.count("\n") == 1 and "%0A::warning::x" in annotations


def test_visible_leaves_ordinary_text_alone() -> None:
    for text in ["Pricing: phase #2 — café, 日本語", "tab\tstays"]:
        assert visible(text) == text
    assert visible("\x00\x7f\x9b") == "\\x00\\x7f\\x9b"


def test_validate_escapes_a_file_name_with_a_newline(cli: Any, tmp_path: Path) -> None:
    name = "evil\n::error file=x::forged.yaml"
    (tmp_path / name).write_text("journeymap: 1\nid: [\n", encoding="utf-8")
    result = cli("validate", name, cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert not any(line.startswith("::error") for line in lines), result.stdout


def test_diff_shows_escapes_instead_of_obeying_them(cli: Any, tmp_path: Path) -> None:
    """A value with ESC sequences and a newline: diff's text output shows them escaped."""
    old = GOOD.replace("name: S", "name: Plain")
    new = GOOD.replace("name: S", 'name: "\\e[2J\\e]0;pwned\\a\\n::warning::forged"')
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    result = cli("diff", "old.yaml", "new.yaml", cwd=tmp_path)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert not any(line.startswith("::warning") for line in result.stdout.splitlines())
    assert "\\x1b[2J" in result.stdout


def test_fmt_check_escapes_a_file_name_with_a_newline(cli: Any, tmp_path: Path) -> None:
    name = "evil\n::error::forged.yaml"
    (tmp_path / name).write_text("journeymap: 1\nid: j\ntitle: J\nstages:\n- {name: S, id: s}\n")
    result = cli("fmt", "--check", name, cwd=tmp_path)
    assert not any(line.startswith("::error") for line in result.output.splitlines())
