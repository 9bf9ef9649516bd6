"""Fixtures for the pages of a whole site: the large portfolio rendered once, axe-core.

Loaded as a plugin by tests/conftest.py (not a conftest.py of its own: `from conftest
import` must keep meaning tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import toolchain
from conftest import DATA, TODAY
from journeymap.cli import app

LARGE = DATA / "portfolio-large"


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large portfolio rendered as `render` writes it (today pinned)."""
    out = tmp_path_factory.mktemp("large-site")
    result = CliRunner().invoke(
        app,
        ["render", "--config", str(LARGE / "journeymap.yaml"), "-o", str(out)],
        env={"JOURNEYMAP_TODAY": TODAY},
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """The npm package axe-core's axe.min.js, installed into a cache folder on first use."""
    return toolchain.needed(toolchain.axe_js)


@pytest.fixture
def viewer(browser: Any) -> Iterator[Any]:
    """Open a page at a width and colour scheme; every request off the page is refused."""
    contexts: list[Any] = []

    def open_(
        path: Path,
        width: int = 1400,
        scheme: str = "light",
        hash: str = "",
        bypass_csp: bool = False,  # only to inject axe-core; the pages' own CSP stays strict
    ) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=bypass_csp
        )
        contexts.append(context)
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file://") else route.abort()
            ),
        )
        page.goto(path.resolve().as_uri() + hash)
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()
