"""fmt (issue 27.12): lists of sentences stay block lists, one item a line, without added
quotes; a `.nan` is validate's diagnostic at the value, not an internal error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeymap.cli import app

PEOPLE = """\
journeymap: 1
kind: personas
personas:
  - id: cfo
    name: CFO
    goals:
      - Cut cost per shipment, without new tools
      - Predictable invoices
    concerns: [Slow onboarding, Lock-in]
    tags:
      - finance
      - exec
"""
PEOPLE_FORMATTED = """\
journeymap: 1
kind: personas
personas:
  - id: cfo
    name: CFO
    goals:
      - Cut cost per shipment, without new tools
      - Predictable invoices
    concerns:
      - Slow onboarding
      - Lock-in
    tags: [finance, exec]
"""


def test_prose_lists_are_block_lists_and_ids_flow(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    result = cli("fmt", "people.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == PEOPLE_FORMATTED
    again = cli("fmt", "--check", "people.yaml", cwd=tmp_path)
    assert again.exit_code == 0, again.output


RISKS = """\
journeymap: 1
id: j
title: J
personas: [{id: p, name: P}]
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
        personas:
          - p
        risks: [Ad fatigue in a small audience]
"""


def test_a_sentence_alone_is_a_block_list_too(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(RISKS, encoding="utf-8")
    assert cli("fmt", "j.yaml", cwd=tmp_path).exit_code == 0
    text = (tmp_path / "j.yaml").read_text(encoding="utf-8")
    assert "        personas: [p]\n" in text
    assert "        risks:\n          - Ad fatigue in a small audience\n" in text


NAN = """\
journeymap: 1
id: j
title: J
stages:
  - id: s
    name: S
    metrics:
      - {id: m, name: M, value: .nan}
"""
SAID = (
    "j.yaml:8:33: error[invalid-value] value must be a finite number, found the number nan\n"
    "  = help: `.nan` and `.inf` cannot be shown or compared; write a number, or leave it out\n"
)


def test_nan_is_validates_diagnostic_at_the_value(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "j.yaml").write_text(NAN, encoding="utf-8")
    result = cli("fmt", "j.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert SAID in result.stderr
    assert "report" not in result.stderr
    assert (tmp_path / "j.yaml").read_text(encoding="utf-8") == NAN  # left alone
    validate = cli("validate", "j.yaml", cwd=tmp_path)
    assert SAID.splitlines()[0] in validate.stdout + validate.stderr  # the same words
    piped = CliRunner().invoke(
        app, ["fmt", "-", "--stdin-filename", "j.yaml"], input=NAN, catch_exceptions=False
    )
    assert piped.exit_code == 1
    assert SAID in piped.stderr
    assert piped.stdout == NAN  # an editor's buffer comes back as it was
