"""The face: conventions every command follows (-q/-v, examples, version, colour, completion)."""

from __future__ import annotations

from typing import Any

import pytest
import typer
import typer.core

from conftest import EXAMPLES, FIXTURES
from journeymap.cli import app


def _commands() -> list[Any]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return [group.commands[name] for name in sorted(group.commands)]


def test_every_command_has_quiet_verbose_and_examples(cli: Any) -> None:
    for command in _commands():
        flags = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose"} <= flags, command.name
        result = cli(command.name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command.name


def test_version(cli: Any) -> None:
    from journeymap import __version__

    assert cli("--version").stdout == f"journeymap {__version__}\n"


def test_no_color_and_force_color(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = cli(
        "validate",
        str(EXAMPLES / "journeys" / "acme-b2b-current.yaml"),
        "refs-broken.yaml",
        cwd=FIXTURES,
    )
    assert "\x1b[" in coloured.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR")
    plain = cli("validate", "refs-broken.yaml", cwd=FIXTURES)
    assert "\x1b[" not in plain.stdout + plain.stderr


def test_shell_completion_is_offered(cli: Any) -> None:
    assert "--install-completion" in cli("--help").stdout
