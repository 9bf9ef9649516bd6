"""The standard-input buffer: bytes that stand for a path while a run reads it.

`validate -` and `fmt -` (an editor's format-on-save) pipe a buffer in and name it with
`--stdin-filename`; every reader in `disk.reading` asks here first, so the buffer is the
content of that path everywhere a file is read, and nothing is written to disk.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

_buffers: dict[str, bytes] = {}


def _key(path: Path) -> str:
    return os.path.abspath(path)


def buffered(path: Path) -> bytes | None:
    """The stdin bytes standing for `path` during this run, else None (read the disk)."""
    return _buffers.get(_key(path)) if _buffers else None


@contextlib.contextmanager
def standing_for(path: Path, data: bytes) -> Iterator[None]:
    """While inside, reading `path` yields `data`."""
    _buffers[_key(path)] = data
    try:
        yield
    finally:
        _buffers.pop(_key(path), None)
