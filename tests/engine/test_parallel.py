"""parallel.map_files: input order, in-process when small, a crash is an error, not a hang."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest

from journeymap.engine import parallel


def pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def die(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def fail(n: int) -> int:
    if n == 2:
        raise ValueError(f"bad item {n}")
    return n


THREADED = parallel._threaded


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any size of work is big enough, with two workers."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(parallel, "_threaded", lambda: False)  # threads other tests left
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")


def test_small_work_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "2")
    out = parallel.map_files(pid_and_square, range(10), total_bytes=parallel.MIN_PARALLEL_BYTES - 1)
    assert out == [(os.getpid(), n * n) for n in range(10)]


def test_big_work_goes_to_workers_in_order(pool: None) -> None:
    out = parallel.map_files(pid_and_square, list(range(50)), total_bytes=1)
    assert [square for _, square in out] == [n * n for n in range(50)]
    pids = {pid for pid, _ in out}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_one_worker_means_no_pool(pool: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "1")
    out = parallel.map_files(pid_and_square, list(range(5)), total_bytes=10**9)
    assert {pid for pid, _ in out} == {os.getpid()}


def test_a_killed_worker_is_an_error_not_a_hang(pool: None) -> None:
    start = time.monotonic()
    with pytest.raises(parallel.WorkerCrashed, match="stopped unexpectedly"):
        parallel.map_files(die, list(range(8)), total_bytes=1)
    assert time.monotonic() - start < 60


def test_an_exception_in_a_worker_reaches_the_caller(pool: None) -> None:
    with pytest.raises(ValueError, match="bad item 2"):
        parallel.map_files(fail, list(range(6)), total_bytes=1)


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_worker_count_is_a_usage_error(
    value: str, cli: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("JOURNEYMAP_WORKERS", value)
    (tmp_path / "j.yaml").write_text("journeymap: 1\nid: j\ntitle: J\nstages: []\n")
    result = cli("validate", "j.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"JOURNEYMAP_WORKERS={value!r} is not a whole number of at least 1" in result.stderr
    machine = cli("validate", "j.yaml", "--format", "json", cwd=tmp_path)
    assert machine.exit_code == 2 and '"error": "JOURNEYMAP_WORKERS=' in machine.stdout


def test_worker_count_follows_the_machine() -> None:
    assert parallel.worker_count({}) == parallel.cpu_count() >= 1
    assert parallel.worker_count({"JOURNEYMAP_WORKERS": " 3 "}) == 3


def test_the_portfolio_loads_the_same_in_workers(
    pool: None, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render, gaps and export load every model; from workers they are the same models,
    and a file with findings (read again here) still locates its errors."""
    import shutil

    from conftest import EXAMPLES, FIXTURES
    from journeymap.engine.portfolio import load_portfolio
    from journeymap.project.discovery import one_project

    root = tmp_path / "p"
    shutil.copytree(EXAMPLES, root)
    shutil.copy(FIXTURES / "types-broken.yaml", root / "journeys" / "types-broken.yaml")
    monkeypatch.chdir(root)
    project = one_project([], None)
    pooled = load_portfolio(project)
    monkeypatch.setenv("JOURNEYMAP_WORKERS", "1")
    alone = load_portfolio(project)
    assert [d.path for d in pooled.targets] == [d.path for d in alone.targets]
    assert [d.model for d in pooled.documents] == [d.model for d in alone.documents]
    assert [d.diagnostics for d in pooled.documents] == [d.diagnostics for d in alone.documents]
    broken = next(d for d in pooled.targets if d.path.endswith("types-broken.yaml"))
    assert broken.diagnostics and broken.source.locate(("stages",)) == (
        next(d for d in alone.targets if d.path == broken.path).source.locate(("stages",))
    )


def test_a_process_with_threads_never_forks(pool: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(parallel, "_threaded", THREADED)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        out = parallel.map_files(pid_and_square, list(range(5)), total_bytes=1)
    finally:
        stop.set()
        thread.join()
    assert {pid for pid, _ in out} == {os.getpid()}
