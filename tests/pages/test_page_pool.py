"""A site rendered in worker processes is the site rendered in one, byte for byte.

`render` hands a big site's pages to `journeymap.pages.pool`, which forks workers; each
test renders with the pool forced (any size of work, two workers, the threads pytest
leaves ignored) and checks that workers really ran, then compares with
`JOURNEYMAP_WORKERS=1`.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES
from journeymap.engine import parallel
from journeymap.engine.pipeline import load_checked
from journeymap.pages import pool as page_pool
from journeymap.pages.render import RenderError
from journeymap.pages.site import build_site, site_inputs, write_site

TODAY = date(2026, 11, 22)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Force the pool and count the pools started (so a test knows workers ran)."""
    started: list[int] = []
    in_pool = parallel._in_pool

    def counting(
        func: Callable[[Any], Any], items: Sequence[Any], workers: int, done: Any
    ) -> list[Any]:
        started.append(len(items))
        return in_pool(func, items, workers, done)

    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "_threaded", lambda: False)  # threads other tests left
    monkeypatch.setattr(parallel, "_in_pool", counting)
    return started


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def render_twice(
    cli: Any, monkeypatch: pytest.MonkeyPatch, root: Path, out: Path, *args: str
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site written with one process, then with two workers."""
    found = []
    for workers in ("1", "2"):
        monkeypatch.setenv("JOURNEYMAP_WORKERS", workers)
        result = cli("render", "-o", str(out / workers), *args, cwd=root)
        assert result.exit_code in (0, 1), result.output  # the examples hold a failing map
        found.append(site_files(out / workers))
    return found[0], found[1]


@pytest.mark.parametrize("root", [EXAMPLES, DATA / "portfolio-large"], ids=["examples", "large"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_workers_write_the_same_site(
    cli: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pools: list[int],
    root: Path,
    fmt: str,
) -> None:
    one, workers = render_twice(cli, monkeypatch, root, tmp_path, "--format", fmt)
    # one pool loads the files, one renders: a page job per journey (+ the site's pages)
    journeys = sum(1 for name in one if name.startswith("maps/"))
    assert len(pools) == 2 and pools[1] > journeys > 0, pools
    assert sorted(one) == sorted(workers)
    assert f"index.{fmt}" in one and f"gap-report.{fmt}" in one
    if fmt == "html" and root == EXAMPLES:
        assert "b2b2c-shipper-partner.html" in one  # the combined pages come back too
    for name, text in one.items():
        assert workers[name] == text, name


def inputs_of(root: Path) -> Any:
    checked = load_checked([], root / "journeymap.yaml", today=TODAY)
    return checked, site_inputs(checked.portfolio, checked.journeys, checked.diagnostics, TODAY)


def test_same_dict_order_and_progress_per_journey(
    monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    checked, inputs = inputs_of(EXAMPLES)
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "1")
    one = build_site(inputs)
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    seen: list[str] = []
    workers = build_site(inputs, progress=seen.append)
    assert pools, "the pool did not run"
    assert list(workers.items()) == list(one.items())  # same pages, same order
    # journeys first, then the dashboard, the gap report and the combined page
    ids = [j.id for j in checked.journeys]
    site = ["index.html", "gap-report.html", "gaps.csv", "b2b2c-shipper-partner.html"]
    assert list(one) == [*(f"maps/{i}.html" for i in ids), *site]
    assert seen == ids  # one step per journey page, in order
    assert page_pool._MAKERS is None  # the slot is cleared after a run


def test_a_template_failing_in_a_worker_is_one_line(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pools: list[int]
) -> None:
    """An override that fails while rendering (not compiling) fails inside a worker; the
    user sees the same one line, exit 2, as without workers, and nothing is written."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "journey.html.j2").write_text("<p>{{ page.no_such_key }}</p>\n")
    messages = []
    for workers in ("1", "2"):
        monkeypatch.setenv("JOURNEYMAP_WORKERS", workers)
        out = tmp_path / f"site{workers}"
        result: Any = cli("render", "-o", str(out), "--templates", str(templates), cwd=EXAMPLES)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert not out.exists()
        messages.append(result.stderr)
    assert pools, "the pool did not run"
    assert messages[0] == messages[1]
    assert "template error" in messages[0] and "no_such_key" in messages[0]
    assert page_pool._MAKERS is None


def test_write_site_writes_what_build_site_builds(
    monkeypatch: pytest.MonkeyPatch, pools: list[int], tmp_path: Path
) -> None:
    """render writes each page in the worker that made it (through a staging folder);
    the files hold exactly the texts that `serve` gets from `build_site`."""
    _, inputs = inputs_of(EXAMPLES)
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    site = tmp_path / "site"
    written = write_site(inputs, site)
    assert pools, "the pool did not run"
    built = build_site(inputs)
    assert written == sorted(site / name for name in built)
    assert site_files(site) == {name: text.encode("utf-8") for name, text in built.items()}
    assert not [p for p in site.iterdir() if p.name.startswith(".")]  # no staging left


def test_a_template_failing_in_a_worker_leaves_the_old_site(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pools: list[int]
) -> None:
    """Pages are moved into place only when every page is made: an override that fails
    on one map (after workers wrote other pages) changes no file of the existing site."""
    site = tmp_path / "site"
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    assert cli("render", "-o", str(site), cwd=EXAMPLES).exit_code in (0, 1)
    before = site_files(site)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "journey.html.j2").write_text(
        "{% if page.journey.id == 'shipper-consumer' %}{{ page.no_such_key }}{% endif %}changed\n"
    )
    result: Any = cli("render", "-o", str(site), "--templates", str(templates), cwd=EXAMPLES)
    assert result.exit_code == 2, result.output
    assert "no_such_key" in result.stderr
    assert len(pools) >= 3, pools  # the failing run rendered in workers too
    assert site_files(site) == before
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []


def test_a_page_error_from_a_worker_is_a_render_error(
    monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    def broken() -> list[page_pool.Page]:
        from jinja2 import Environment, StrictUndefined

        env = Environment(undefined=StrictUndefined)
        return [("x", env.from_string("{{ missing }}").render())]

    def fine() -> list[page_pool.Page]:
        return [("y", str(os.getpid()))]

    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    assert page_pool.render_pages([fine, fine], total_bytes=1)[0][0][1] != str(os.getpid())
    with pytest.raises(RenderError, match="template error: 'missing' is undefined"):
        page_pool.render_pages([fine, broken, fine], total_bytes=1)
    assert page_pool._MAKERS is None


def test_with_threads_running_the_pages_are_made_here(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`serve` runs threads (watcher, HTTP): a fork would inherit their locks, so its
    builds stay in this process, whatever the size."""
    started: list[int] = []
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "_in_pool", lambda *a: started.append(1))
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        _, inputs = inputs_of(EXAMPLES)
        pages = build_site(inputs)
    finally:
        stop.set()
        thread.join()
    assert started == []
    assert "index.html" in pages and "gap-report.html" in pages


def test_the_progress_bar_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the bar is drawn on each step, not by a refresh thread: with a
    thread running `render` could not fork its workers."""
    from journeymap.cli.console import RichConsole

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    before = threading.active_count()
    with RichConsole().progress(4, "Rendering") as advance:
        for name in "abcd":
            assert threading.active_count() == before
            advance(name)
    assert "Rendering" in terminal.getvalue()


def test_source_bytes_counts_the_files_that_exist(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x" * 10)
    (tmp_path / "b.yaml").write_bytes(b"y" * 5)
    paths = [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), str(tmp_path / "gone"), "-"]
    assert page_pool.source_bytes(paths) == 15


def test_a_build_that_finds_the_slot_taken_makes_its_pages_here(
    monkeypatch: pytest.MonkeyPatch, pools: list[int]
) -> None:
    """Two builds at once (serve's threads) must not share the slot: the second one
    makes its own pages directly, and the first keeps its slot."""
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")

    def here() -> list[page_pool.Page]:
        return [("pid", str(os.getpid()))]

    with page_pool._SLOT:
        assert (
            page_pool.render_pages([here, here], total_bytes=1) == [[("pid", str(os.getpid()))]] * 2
        )
        assert page_pool._SLOT.locked()
    assert pools == []
    assert page_pool.render_pages([here, here], total_bytes=1) != [[("pid", str(os.getpid()))]] * 2
    assert pools == [2]
