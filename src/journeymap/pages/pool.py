"""A site's pages rendered in worker processes: `render_pages` runs page makers in a pool.

Rendering a big site is pure Python bound by the CPU (views, then Jinja), like parsing,
so it goes to `journeymap.engine.parallel.map_files`, which forks workers on Linux when the
work is big enough and runs in this process otherwise (small runs, `serve` with its
threads, macOS, Windows).

Why a module-level slot: `map_files` wants a picklable module-level function and
picklable items, and the state a page needs (the compiled Jinja environment, the whole
portfolio, the gap analysis, the inlined styles) is large and some of it (compiled
templates, closures) does not pickle at all. So the caller's page makers, zero-argument
functions each returning a list of `(page path, text)`, are put in `_MAKERS` just before
`map_files` and cleared after; only their indexes cross the pipe to the workers and only
the finished texts come back. A forked worker is a copy of this process taken at that
moment, so it finds the slot filled; where `map_files` works in this process the slot is
right here. The slot is never left filled (a `finally` clears it), a build that finds it
taken (two builds at once in `serve`'s threads) makes its pages directly, and a worker
never starts a pool of its own, so two runs cannot mix.

The output is what rendering in one process gives, byte for byte: forked workers share
this process's hash seed (same set order) and the results come back in input order.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from jinja2 import TemplateError

from journeymap.engine.parallel import map_files
from journeymap.pages.render import RenderError, template_problem

Page = tuple[str, str]  # (page path, text)
PageMaker = Callable[[], list[Page]]
T = TypeVar("T")

_MAKERS: Sequence[Callable[[], Any]] | None = None
_SLOT = threading.Lock()  # held while _MAKERS is filled


def render_pages(makers: Sequence[Callable[[], T]], *, total_bytes: int) -> list[T]:
    """`[make() for make in makers]`, in order, in worker processes when it pays.

    A maker returns its pages (`build_site`), or writes them and returns their paths
    (`write_site`: then the texts never cross a pipe).

    `total_bytes` is the size of the YAML the pages are made from: rendering costs about
    as much CPU per byte as parsing, so the pool's size threshold holds for both. A
    template that fails is raised as `RenderError` (its one-line message), wherever it
    ran.
    """
    global _MAKERS

    if not _SLOT.acquire(blocking=False):  # another build has the slot (serve's threads)
        return [_make_here(make) for make in makers]
    _MAKERS = makers
    # The portfolio's objects to the permanent generation while workers fork: a worker's
    # garbage collections then leave them alone instead of writing to (and so copying)
    # every page of memory they share with this process; measured on the 60-journey
    # benchmark portfolio, a tenth less CPU in the workers. Same pages either way.
    gc.freeze()
    try:
        return map_files(_make, range(len(makers)), total_bytes=total_bytes)
    finally:
        _MAKERS = None
        gc.unfreeze()
        _SLOT.release()


def source_bytes(paths: Iterable[str]) -> int:
    """The size of the files a site is made from, for `render_pages`; a file that is gone
    (or `-`, standard input) counts nothing."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
    return total


def _make(index: int) -> Any:
    """One page, by its index in the slot (in a worker, or here)."""
    assert _MAKERS is not None, "render_pages fills the slot before any page is made"
    return _make_here(_MAKERS[index])


def _make_here(make: Callable[[], T]) -> T:
    """A Jinja error does not always survive a pickle (its constructor takes more than its
    message); the one line the user sees does, as `RenderError`."""

    try:
        return make()
    except TemplateError as exc:
        raise RenderError(template_problem(exc)) from None
