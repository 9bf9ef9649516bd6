"""Many files, several cores: `map_files` runs one function over files in worker processes.

Parsing YAML is pure Python bound by the CPU, so threads do not help (the GIL); separate
processes do. Starting them costs tens of milliseconds and every result crosses a pipe
as a pickle, so the pool is used only when the work is big enough to pay for that
(`MIN_PARALLEL_BYTES`, measured: see below); small runs, the usual pre-commit case,
stay in this process with no overhead at all.

Why `fork`: a forked worker starts as a copy of this process, with journeymap already
imported and the run's state (settings, the stdin buffer standing for a file) already
in memory, so it is ready in a few milliseconds; `spawn` would start a fresh interpreter
and import everything again (about 0.3 s a worker, as much as the whole parse of a
mid-sized portfolio). `fork` is safe here because a CLI run has a single thread when it
forks; a process with other threads (`serve`: its watcher and HTTP threads, whose locks a
child would inherit held) never forks and works in-process. It is used on Linux only: macOS system libraries are not fork-safe, and Windows
has no fork, so there the work runs in this process. The contract still asks for a
module-level, picklable function and picklable items, so that a `spawn` pool would work
unchanged.

A worker that dies (killed, out of memory, a crash in a C extension) is an error, raised
as `WorkerCrashed`, never a hang: `concurrent.futures` notices a dead worker and fails
every pending task (`multiprocessing.Pool` would wait forever for the lost result).
"""

from __future__ import annotations

import math
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from journeymap.core.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

ENV = "JOURNEYMAP_WORKERS"

# Below this many bytes of input a run stays in this process. Measured on a 2-core
# machine (benchmarks/portfolio.py files): starting two forked workers, handing them
# work and collecting results costs 13-18 ms, and journeymap reads about 2.5 MB/s a
# core, so two workers win from roughly 100 KB of YAML; 512 KiB keeps a wide margin for
# a busy machine, where the second core is not free (pre-commit on a few files stays
# in-process).
MIN_PARALLEL_BYTES = 512 * 1024

_in_worker = False  # a worker never starts a pool of its own


class WorkerCrashed(RuntimeError):
    """A worker process ended without returning its results."""


class WorkersSetting(UsageError):
    """JOURNEYMAP_WORKERS is set but is not a whole number of at least 1 (exit 2)."""


def cpu_count() -> int:
    """The CPUs this process may run on (affinity and cgroup-aware where Python knows)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_count(environ: dict[str, str] | None = None) -> int:
    """How many processes a big run uses: JOURNEYMAP_WORKERS, else one per CPU."""
    value = (environ if environ is not None else os.environ).get(ENV, "").strip()
    if not value:
        return cpu_count()
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise WorkersSetting(f"{ENV}={value!r} is not a whole number of at least 1")
    return count


def _threaded() -> bool:
    """Other threads run here (`serve`): a forked child would inherit their locks held."""
    import threading

    return threading.active_count() > 1


def _can_fork() -> bool:
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def map_files(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    total_bytes: int,
    done: Callable[[T], None] | None = None,
) -> list[R]:
    """`[func(item) for item in items]`, in input order, in worker processes when it pays.

    `total_bytes` is the size of the input the items stand for (the files' sizes): it
    decides whether a pool is worth starting. `func` and the results must be picklable
    (module-level functions, `functools.partial` of one, plain data; not whole models
    when pickling them costs more than building them again). `done`, called here (never
    in a worker) with each item once its result is in, drives a progress bar.
    """
    workers = min(worker_count(), len(items))
    if workers <= 1 or _in_worker or total_bytes < MIN_PARALLEL_BYTES or _threaded():
        return _chunk(func, items, done)
    if not _can_fork():
        return _chunk(func, items, done)
    return _in_pool(func, items, workers, done)


def _chunk(
    func: Callable[[T], R], items: Sequence[T], done: Callable[[T], None] | None = None
) -> list[R]:
    out: list[R] = []
    for item in items:
        out.append(func(item))
        if done is not None:
            done(item)
    return out


def _worker_start() -> None:
    """Ctrl-C and SIGTERM are the parent's to handle: it stops the pool and cleans up."""
    global _in_worker
    _in_worker = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _in_pool(
    func: Callable[[T], R], items: Sequence[T], workers: int, done: Callable[[T], None] | None
) -> list[R]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # Four chunks a worker: few enough that pickling stays cheap, enough that a worker
    # finishing early picks up more instead of waiting for the slowest one.
    size = max(1, math.ceil(len(items) / (workers * 4)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)
    try:
        futures = {executor.submit(_chunk, func, chunk): i for i, chunk in enumerate(chunks)}
        results: dict[int, list[R]] = {}
        for future in as_completed(futures):  # as they come, for the progress bar
            results[futures[future]] = future.result()
            if done is not None:
                for item in chunks[futures[future]]:
                    done(item)
        return [result for i in range(len(chunks)) for result in results[i]]
    except BrokenProcessPool:
        raise WorkerCrashed(
            "a worker process stopped unexpectedly (killed, or out of memory); "
            f"run again, or set {ENV}=1 to work in one process"
        ) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
