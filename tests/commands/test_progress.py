"""Long work says it is working: `validate`, `fmt` and `gaps` drive the Console's progress
bar as `render` does, one step a file, and nothing of it reaches a pipe (issue #27,
point 17)."""

from __future__ import annotations

import contextlib
import os
import pty
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from conftest import TODAY
from journeymap.commands._output import Advance, Sources
from journeymap.commands.fmt import fmt
from journeymap.commands.gaps import gaps
from journeymap.commands.validate import validate
from journeymap.core.diagnostics import Diagnostic
from journeymap.engine.parallel import map_files
from journeymap.formats.styled import Line

BIN = Path(sys.executable).with_name("journeymap")
BAR = "━"  # what rich draws a bar with; none of journeymap's own output uses it
FILES = {
    "journeys/acme-b2b-current.yaml",
    "journeys/acme-b2b-future.yaml",
    "journeys/shipper-consumer.yaml",
    "journeys/shipper-partner.yaml",
    "personas/buying-committee.yaml",
}


class Recording:
    """A Console that keeps what a command asked of it, progress bars included."""

    def __init__(self) -> None:
        self.bars: list[tuple[str, int, list[str]]] = []  # label, total, items advanced

    def data(self, text: str | bytes) -> None:
        pass

    def styled(self, lines: Sequence[Line]) -> None:
        pass

    def message(self, text: str, style: str | None = None, level: int = 0) -> None:
        pass

    def error(self, text: str) -> None:
        pass

    def diagnostics(self, found: Sequence[Diagnostic], sources: Sources | None = None) -> None:
        pass

    def problems(self, found: Sequence[Diagnostic]) -> None:
        pass

    @contextlib.contextmanager
    def progress(self, total: int, label: str) -> Iterator[Advance]:
        done: list[str] = []
        self.bars.append((label, total, done))
        yield done.append


def advanced(ui: Recording) -> dict[str, tuple[int, set[str]]]:
    """label -> (total, the files advanced); a file advanced twice fails."""
    out = {}
    for label, total, done in ui.bars:
        assert len(done) == len(set(done)), (label, done)
        out[label] = (total, {Path(d).as_posix() for d in done})
    return out


@pytest.mark.parametrize("cached", [False, True])
def test_validate_advances_once_a_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cached: bool
) -> None:
    """Cold every file is read, warm every file comes from the cache: both count."""
    monkeypatch.chdir(project)
    cache = tmp_path / "cache"
    if cached:
        validate(Recording(), cache_dir=cache)
    ui = Recording()
    assert validate(ui, cache_dir=cache) == 0
    assert advanced(ui) == {"Checking": (5, FILES)}


def test_validate_of_named_files_counts_the_context_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pre-commit run names one file; the others are read for its references."""
    monkeypatch.chdir(project)
    ui = Recording()
    validate(ui, ["journeys/acme-b2b-future.yaml"], no_cache=True)
    assert advanced(ui) == {"Checking": (5, FILES)}


def test_fmt_advances_once_a_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    ui = Recording()
    assert fmt(ui, check=True) == 0
    assert advanced(ui) == {"Formatting": (5, FILES)}


def test_gaps_advances_once_a_file_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    ui = Recording()
    assert gaps(ui) == 0
    assert advanced(ui) == {"Reading": (5, FILES)}


def test_map_files_reports_every_item_from_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes return chunks as they finish; each item is reported here once,
    and the results keep their order."""
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    items = [f"file-{i:02d}" * (i + 1) for i in range(40)]
    done: list[str] = []
    results = map_files(len, items, total_bytes=10**9, done=done.append)
    assert results == [len(item) for item in items]
    assert sorted(done) == sorted(items)


# --- as a person sees it: a bar on a terminal, nothing in a pipe -----------------------------

COMMANDS = [["validate", "--no-cache"], ["fmt", "--check"], ["gaps", "-o", "gaps.md"]]


def on_a_terminal(project: Path, args: list[str]) -> str:
    """What `journeymap ARGS` writes to stderr when stderr is a terminal (a pty)."""
    parent, child = pty.openpty()
    env = {**os.environ, "JOURNEYMAP_TODAY": TODAY, "COLUMNS": "100"}
    proc = subprocess.Popen(
        [str(BIN), *args],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=child,
    )
    os.close(child)
    out = b""
    with contextlib.suppress(OSError):  # EIO once the child has closed its side
        while chunk := os.read(parent, 65536):
            out += chunk
    os.close(parent)
    assert proc.wait(timeout=120) in (0, 1), out
    return out.decode("utf-8", errors="replace")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_terminal_shows_the_bar_and_a_pipe_does_not(project: Path, args: list[str]) -> None:
    assert BAR in on_a_terminal(project, args)
    env = {**os.environ, "JOURNEYMAP_TODAY": TODAY}
    piped = subprocess.run(
        [str(BIN), *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert piped.returncode in (0, 1), piped.stderr
    assert BAR not in piped.stdout + piped.stderr
    assert "\r" not in piped.stderr and "\x1b[" not in piped.stderr


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_cli_runner_output_has_no_bar(cli: object, project: Path, args: list[str]) -> None:
    result = cli(*args, cwd=project)  # type: ignore[operator]
    assert result.exit_code in (0, 1), result.output
    assert BAR not in result.output and "\r" not in result.output
