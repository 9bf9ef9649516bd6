"""The engine's findings equal the all-at-once checks: in workers, from the cache, or both."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest

from conftest import EXAMPLES, FIXTURES
from journeymap.core.diagnostics import Diagnostic, sort_diagnostics
from journeymap.engine import parallel
from journeymap.engine.cache import CacheOptions, open_store
from journeymap.engine.pipeline import Checked, check_loaded, load_checked
from journeymap.engine.portfolio import load_portfolio
from journeymap.engine.validate import _whole, validate_files
from journeymap.project.config import load_settings
from journeymap.project.discovery import one_project, plan_portfolio

T = TypeVar("T")
R = TypeVar("R")

TODAY = date(2026, 11, 22)


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "_threaded", lambda: False)  # threads other tests left
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")


def broken_portfolio(root: Path) -> Path:
    """The examples with a broken link, a `current` naming a future map, a journey id
    used twice, a persona id used twice across libraries, and the broken fixtures."""
    shutil.copytree(EXAMPLES, root)
    partner = root / "journeys" / "shipper-partner.yaml"
    partner.write_text(
        partner.read_text().replace(
            "shipper-consumer#delay-notice", "shipper-consumer#delay-notise"
        )
    )
    future = root / "journeys" / "acme-b2b-future.yaml"
    future.write_text(future.read_text().replace("current: acme-b2b", "current: acme-b2b-future"))
    (root / "journeys" / "zz-dup.yaml").write_text(
        "journeymap: 1\nid: acme-b2b\ntitle: Dup\nstages: [{id: s, name: S}]\n"
    )
    (root / "personas" / "more.yaml").write_text(
        "journeymap: 1\nkind: personas\npersonas: [{id: ops-director, name: Twin}]\n"
    )
    for fixture in FIXTURES.glob("*.yaml"):
        shutil.copy(fixture, root / "journeys" / fixture.name)
    return root


# all files; one journey; a journey id and a persona id that repeat others
NAMED = [(), ("journeys/shipper-partner.yaml",), ("journeys/zz-dup.yaml", "personas/more.yaml")]


def flow_library_portfolio(root: Path) -> Path:
    """A persona library in flow style (the quick look for `kind: personas` misses it)
    and a journey naming one of its personas and one unknown persona."""
    (root / "journeys").mkdir(parents=True)
    (root / "lib.yaml").write_text(
        "{journeymap: 1, kind: personas, personas: [{id: p, name: P}]}\n"
    )
    (root / "journeys" / "j.yaml").write_text(
        "journeymap: 1\nid: j\ntitle: J\npersonas: [p, q]\nstages: [{id: s, name: S}]\n"
    )
    return root


def findings(
    root: Path, monkeypatch: pytest.MonkeyPatch, *paths: str, cache: Path | None = None
) -> list[Diagnostic]:
    monkeypatch.chdir(root)
    settings = load_settings()
    plan = plan_portfolio(list(paths), settings)
    store = open_store(settings, CacheOptions(cache is not None, cache)).store
    outcome = validate_files(plan.targets, plan.context, settings, TODAY, store)
    return sort_diagnostics(outcome.diagnostics)


def whole(root: Path, monkeypatch: pytest.MonkeyPatch, *paths: str) -> list[Diagnostic]:
    monkeypatch.chdir(root)
    settings = load_settings()
    plan = plan_portfolio(list(paths), settings)
    return sort_diagnostics(_whole(plan.targets, plan.context, settings, TODAY).diagnostics)


@pytest.mark.parametrize("named", NAMED)
def test_workers_and_cache_agree_with_the_whole_portfolio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: None, named: tuple[str, ...]
) -> None:
    root = broken_portfolio(tmp_path / "p")
    truth = whole(root, monkeypatch, *named)
    rules = {d.rule for d in truth}
    if not named:
        assert {
            "unresolved-reference",
            "invalid-reference",
            "duplicate-id",
            "invalid-type",
        } <= rules
    assert findings(root, monkeypatch, *named) == truth
    cache = tmp_path / "cache"
    assert findings(root, monkeypatch, *named, cache=cache) == truth  # cold, filling it
    assert findings(root, monkeypatch, *named, cache=cache) == truth  # warm
    assert findings(root, monkeypatch, cache=cache) == whole(root, monkeypatch)  # all, warm


def test_a_library_the_quick_look_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: None
) -> None:
    """A flow-style library is found only when parsed; the whole portfolio is then checked
    at once, and a warm run (which knows it is a library) agrees."""
    root = flow_library_portfolio(tmp_path / "p")
    truth = whole(root, monkeypatch, "journeys/j.yaml", "lib.yaml")
    assert [d.message for d in truth if d.rule == "unresolved-reference"] == ["unknown persona 'q'"]
    cache = tmp_path / "cache"
    for _ in range(2):
        assert findings(root, monkeypatch, "journeys/j.yaml", "lib.yaml", cache=cache) == truth


def test_cli_json_is_the_same_cold_and_warm(cli: Any, tmp_path: Path, pool: None) -> None:
    root = broken_portfolio(tmp_path / "p")
    cold = cli("validate", "--format", "json", "--no-cache", cwd=root)
    assert cold.exit_code == 1
    for _ in range(2):
        warm = cli("validate", "--format", "json", cwd=root)
        assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)


def loaded_both_ways(
    root: Path, monkeypatch: pytest.MonkeyPatch, *paths: str
) -> tuple[Checked, Checked]:
    """render's load (journeys checked where they are parsed) and `check_loaded` over
    the same portfolio loaded in one process."""
    monkeypatch.chdir(root)
    project = one_project(list(paths), None)
    fast = load_checked(list(paths), None, today=TODAY)
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "1")
    slow = check_loaded(project.settings, load_portfolio(project), TODAY)
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    return fast, slow


@pytest.mark.parametrize("named", NAMED)
def test_render_load_checks_in_workers_as_the_whole_portfolio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: None, named: tuple[str, ...]
) -> None:
    """render, gaps and export check each journey in the worker that parses it; the
    findings and the journeys kept are those of checking the loaded portfolio here."""
    started: list[int] = []
    in_pool = parallel._in_pool

    def counting(
        func: Callable[[T], R],
        items: Sequence[T],
        workers: int,
        done: Callable[[T], None] | None,
    ) -> list[R]:
        started.append(len(items))
        return in_pool(func, items, workers, done)

    monkeypatch.setattr(parallel, "_in_pool", counting)
    fast, slow = loaded_both_ways(broken_portfolio(tmp_path / "p"), monkeypatch, *named)
    assert started, "the pool did not run"
    if not named:
        assert {"unresolved-reference", "invalid-reference", "duplicate-id"} <= {
            d.rule for d in fast.diagnostics
        }
    assert fast.diagnostics == slow.diagnostics
    assert [j.id for j in fast.journeys] == [j.id for j in slow.journeys]
    assert sorted(fast.library) == sorted(slow.library)


def test_render_load_with_a_library_the_quick_look_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: None
) -> None:
    root = flow_library_portfolio(tmp_path / "p")
    fast, slow = loaded_both_ways(root, monkeypatch, "journeys/j.yaml", "lib.yaml")
    assert [d.message for d in fast.diagnostics if d.rule == "unresolved-reference"] == [
        "unknown persona 'q'"
    ]
    assert fast.diagnostics == slow.diagnostics
