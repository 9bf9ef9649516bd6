"""Startup stays lean: what a command imports, and the rich-free path for plain messages.

Speed itself is measured by benchmarks/run.py, never asserted here; these tests pin the
causes instead: which heavy packages a run imports, and that the line written without
rich is the line rich writes.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from conftest import EXAMPLES
from journeymap.formats.plain import is_plain, plain_line


def imported(*args: str, cwd: Path) -> set[str]:
    """The top-level packages a `journeymap ARGS` process imports (python -X importtime)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "journeymap", *args],
        cwd=cwd,
        env={**env, "JOURNEYMAP_TODAY": "2026-11-22"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_help_imports_typer_and_nothing_a_command_needs() -> None:
    names = imported("--help", cwd=EXAMPLES)
    assert "typer" in names  # the measurement sees imports at all
    assert not names & {"pydantic", "rich", "jinja2", "ruamel", "pathspec"}


def test_help_does_not_read_the_version_from_package_metadata() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "journeymap", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "importlib.metadata" not in done.stderr
    assert "journeymap" in done.stdout


def test_validating_a_valid_file_imports_neither_rich_nor_jinja() -> None:
    journey = EXAMPLES / "journeys" / "acme-b2b-current.yaml"
    names = imported("validate", str(journey), cwd=EXAMPLES)
    assert "pydantic" in names
    assert not names & {"rich", "jinja2", "markupsafe"}


def test_version_is_still_the_installed_one() -> None:
    from importlib.metadata import version

    import journeymap

    assert journeymap.__version__ == version("journeymap")
    with pytest.raises(AttributeError):
        journeymap.no_such_name  # noqa: B018


def rich_writes(text: str, stream: io.StringIO | None = None) -> str:
    """What the commands' rich console writes for a message, to a non-terminal."""
    out = stream or io.StringIO()
    Console(file=out, soft_wrap=True, highlight=False).print(Text(text, style="green"))
    return out.getvalue()


@pytest.mark.parametrize(
    "text",
    [
        "No problems found in 1 file.",
        "wrote 62 files to site/[draft] <x> & 'y'",
        ":smile: [bold]not markup[/bold] " + "very long " * 40 + "end",
        "Übersicht – ★ 日本語",
    ],
)
def test_a_plain_line_is_what_rich_writes(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert plain_line(text, io.StringIO()) == rich_writes(text)


@given(st.text())
def test_plain_line_is_rich_or_nothing(text: str) -> None:
    """To a non-terminal, with nothing forcing one (the test sets that up itself, whatever
    the shell running pytest has set): rich's exact line, or None to leave it to rich;
    and the line whenever the text is printable and unpadded, so the fast path is taken."""
    with pytest.MonkeyPatch.context() as env:  # per example: hypothesis runs many
        env.delenv("FORCE_COLOR", raising=False)
        env.delenv("TTY_COMPATIBLE", raising=False)
        line = plain_line(text, io.StringIO())
        assert line is None or line == rich_writes(text)
        if text.isprintable() and text == text.strip():
            assert line is not None, repr(text)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize("name", ["FORCE_COLOR", "TTY_COMPATIBLE"])
def test_anything_that_forces_a_terminal_goes_to_rich(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, "1")
    assert not is_plain(io.StringIO())
    assert plain_line("x", io.StringIO()) is None


def test_terminals_and_odd_text_go_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert is_plain(io.StringIO())
    assert not is_plain(Tty())
    assert not is_plain(Closed())
    for text in ["a\tb", "two\nlines", " padded", "bell\x07", "cr\r"]:
        assert plain_line(text, io.StringIO()) is None, repr(text)
