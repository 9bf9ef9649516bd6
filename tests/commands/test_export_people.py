"""What an export holds (issue 27.9): the library personas its journeys refer to, also
when only journeys are named, and standard input (`export -`) like `validate -`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeymap.cli import app

LIBRARY = """\
journeymap: 1
kind: personas
personas:
  - {id: cfo, name: CFO}
  - {id: coo, name: COO}
  - {id: ops, name: Ops lead}
"""
JOURNEY = """\
journeymap: 1
id: j
title: J
personas: [cfo, ops, {id: own, name: Own}]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: t, name: T, personas: [cfo], emotion: {cfo: 3}}
"""


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    (tmp_path / "journeymap.yaml").write_text(
        'journeys: ["journeys/*.yaml"]\npersonas: ["personas/*.yaml"]\n', encoding="utf-8"
    )
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "team.yaml").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    return tmp_path


def _personas(stdout: str) -> list[str]:
    return [p["id"] for p in json.loads(stdout)["personas"]]


def test_journeys_alone_hold_the_personas_they_refer_to(cli: Any, portfolio: Path) -> None:
    for named in (["journeys/"], ["journeys/j.yaml"]):
        result = cli("export", *named, "-f", "json", cwd=portfolio)
        assert result.exit_code == 0, result.output
        # cfo and ops, not coo; the inline persona stays in its journey
        assert _personas(result.stdout) == ["cfo", "ops"], named
    everything = cli("export", "-f", "json", cwd=portfolio)
    assert _personas(everything.stdout) == ["cfo", "coo", "ops"]  # the library, as before


def test_stdin_is_exported_as_the_file_it_names(
    portfolio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(portfolio)
    text = JOURNEY.replace("title: J", "title: From stdin")
    runner = CliRunner()
    args = ["export", "-", "--stdin-filename", "journeys/j.yaml", "-f", "json"]
    result = runner.invoke(app, args, input=text, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [j["title"] for j in data["journeys"]] == ["From stdin"]  # the buffer, not the disk
    assert _personas(result.stdout) == ["cfo", "ops"]  # the config above the named file
    csv = runner.invoke(app, ["export", "-", "-f", "csv"], input=text, catch_exceptions=False)
    assert csv.exit_code == 0, csv.output
    assert csv.stdout.splitlines()[1].startswith("j,current,s,S,t,T,")
    mixed = runner.invoke(app, ["export", "-", "journeys/j.yaml"], input=text)
    assert mixed.exit_code == 2
    assert "cannot be combined" in mixed.stderr
