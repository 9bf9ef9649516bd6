"""Shared fixtures: the CLI as a user runs it, the example portfolio, golden files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import toolchain
from gitrepo import git
from journeymap.cli import app

# the site's pages (tests/pages): the large portfolio rendered once, axe-core, a viewer
pytest_plugins = ["pages.pages_helpers"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = Path(__file__).resolve().parent / "data"  # public test inputs, see data/README.md
TODAY = "2026-11-22"


# A journey that breaks no rule: the smallest clean file, for tests to start from.
MINIMAL = """\
journeymap: 1
id: mini
title: Mini
reviewed: {by: A, date: 2026-11-01}
personas: [{id: p, name: P}]
stages:
  - id: s
    name: S
    goal: G
    personas: [p]
    touchpoints:
      - id: t
        name: T
        owner: O
        importance: 3
        performance: 3
        emotion: 3
"""


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Staleness rules depend on today; tests pin it so golden files stay stable."""
    monkeypatch.setenv("JOURNEYMAP_TODAY", TODAY)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(autouse=True)
def _cache_outside_the_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """validate keeps a cache beside journeymap.yaml; tests run in examples/ and
    fixtures/, so each test's cache goes to a fresh folder of its own instead (the cache
    tests unset this to test the default place)."""
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Run journeymap in-process from a folder, like a user at a shell prompt."""
    runner = CliRunner()

    def run(*args: str, cwd: Path | None = None) -> object:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example portfolio committed in a fresh repository."""
    assert shutil.which("git"), "git is required for the diff tests"
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example portfolio that a test may change."""
    target = tmp_path / "project"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("site", ".journeymap_cache"))
    return target


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME. JOURNEYMAP_UPDATE_GOLDENS=1 writes it instead (then
    review the diff); without it a missing golden fails, so a typo can never pass."""
    path = GOLDEN / name
    if os.environ.get("JOURNEYMAP_UPDATE_GOLDENS") == "1":
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"golden/{name} is missing; run with JOURNEYMAP_UPDATE_GOLDENS=1 and commit it")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from golden/{name}"


@pytest.fixture
def write(tmp_path: Path) -> Iterator[Callable[[str, str | bytes], Path]]:
    """Write a file under tmp_path and return its path."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    yield make


ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright; missing is a failure, never a skip."""
    try:
        chromium = toolchain.chromium()
    except toolchain.ToolMissing as exc:
        missing = str(exc)
    else:
        missing = ""
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def mermaid_js() -> Path:
    """The npm package mermaid's mermaid.min.js, installed into a cache folder on first use."""
    return toolchain.needed(toolchain.mermaid_js)


@pytest.fixture(scope="session")
def mermaid10_js() -> Path:
    """Mermaid 10's mermaid.min.js, installed like `mermaid_js`."""
    return toolchain.needed(toolchain.mermaid10_js)


class PageWatch:
    """A page with everything it tried to do recorded: console, dialogs, requests."""

    def __init__(self, page: Any, allowed: str) -> None:
        self.page = page
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def on_route(route: Any) -> None:
            url = route.request.url
            if url.split("#")[0] == allowed:
                route.continue_()
            else:
                self.requests.append(url)
                route.abort()

        page.route("**/*", on_route)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path], PageWatch]]:
    contexts: list[Any] = []

    def open_(path: Path, *, javascript: bool = True) -> PageWatch:
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1500, "height": 1100}
        )
        contexts.append(context)
        page = context.new_page()
        url = path.resolve().as_uri()
        watch = PageWatch(page, url)
        page.goto(url)
        page.wait_for_load_state("load")
        return watch

    yield open_
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str) -> Path:
    """Keep a screenshot as a test artifact (test-artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
