"""`journeymap init`: templates that validate, render and format as they are; never overwrites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("template", ["b2b", "b2b2c", "blueprint"])
def test_init_templates_are_ready(template: str, cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "project"
    result = cli("init", str(target), "--template", template)
    assert result.exit_code == 0, result.output
    assert cli("validate", "--strict", cwd=target).exit_code == 0
    assert cli("render", "-q", cwd=target).exit_code == 0
    assert (target / "site" / "index.html").exists()
    assert cli("fmt", "--check", cwd=target).exit_code == 0
    for path in [
        *target.glob("journeys/*.yaml"),
        *target.glob("personas/*.yaml"),
        target / "journeymap.yaml",
    ]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.partition("=")[2]).is_file()  # test_editors checks more
        assert first.endswith(".schema.json")
    assert (target / ".github" / "workflows" / "journeymap.yml").exists()


def test_blueprint_template_fills_the_lanes(cli: Any, tmp_path: Path) -> None:
    cli("init", str(tmp_path / "bp"), "--template", "blueprint")
    cli("render", "-q", cwd=tmp_path / "bp")
    page = (tmp_path / "bp" / "site" / "maps" / "incident-blueprint.html").read_text(
        encoding="utf-8"
    )
    for lane in (
        "Physical evidence",
        "Frontstage actions",
        "Backstage actions",
        "Support processes",
    ):
        assert f'<th scope="row">{lane}</th>' in page


def test_init_never_overwrites_without_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "p"
    target.mkdir()
    mine = target / "journeymap.yaml"
    mine.write_text("# mine\n", encoding="utf-8")
    result = cli("init", str(target))
    assert result.exit_code == 2
    assert "would overwrite" in result.stderr and "--force" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# mine\n"
    assert not (target / "journeys").exists()  # nothing at all was written
    assert cli("init", str(target), "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8") != "# mine\n"
