"""Reading a user's file under the same limits everywhere (validate, render, fmt, diff).

A pull request can commit a symlink to `/proc/self/environ` or to a FIFO, or a file far
larger than any journey. Every reader goes through `read_user_file`: only regular files,
reached through symlinks only when the link stays inside the project, and never more
than the size limit. A refusal is a sentence for a diagnostic, never an exception.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from journeymap.core.diagnostics import Diagnostic, RuleName
from journeymap.disk.stdin_buffer import buffered

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What a run may read: files up to `max_bytes`, links only to files inside `root`."""

    max_bytes: int = DEFAULT_MAX_BYTES
    root: Path | None = None  # None: links are not checked (files given outside a project)


TOO_LARGE_HINT = (
    "split the portfolio into smaller files, or raise `max_file_size` in journeymap.yaml"
)
OUTSIDE_HINT = "replace the link with the file itself, or point it at a file inside the project"


class Refusal(Exception):
    """A file journeymap will not read; the message says why, for a diagnostic."""

    def __init__(self, message: str, *, too_large: bool = False, hint: str | None = None) -> None:
        super().__init__(message)
        self.too_large = too_large
        self.hint = TOO_LARGE_HINT if too_large and hint is None else hint

    def diagnostic(self, display: str) -> Diagnostic:
        """The refusal as an error at the top of the file `display`."""
        rule: RuleName = "file-too-large" if self.too_large else "unreadable"
        return Diagnostic(display, 1, 1, "error", rule, str(self), self.hint)


def outside(target: object) -> Refusal:
    """A link that leads out of the project (on disk, or in a revision's tree)."""
    return Refusal(
        f"is a link to {target}, outside the project; "
        "journeymap reads only files inside the project",
        hint=OUTSIDE_HINT,
    )


def link_outside(path: Path, root: Path) -> Path | None:
    """Where `path` really leads when a symlink takes it outside `root`, else None."""
    real = Path(os.path.realpath(path))
    if real == Path(os.path.abspath(path)):
        return None  # no link on the way: the user named this file
    return None if real.is_relative_to(os.path.realpath(root)) else real


def read_user_file(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of a regular file within the limits, or `Refusal` saying why not."""
    if (data := buffered(path)) is not None:  # `validate -`: stdin stands for this path
        if len(data) > limits.max_bytes:
            raise Refusal(f"input is {len(data):,} bytes, over the limit of {limits.max_bytes:,}")
        return data
    if limits.root is not None:
        target = link_outside(path, limits.root)
        if target is not None:
            raise outside(target)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise Refusal("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Refusal("is not a regular file (a pipe, socket or device)")
        if info.st_size > limits.max_bytes:
            raise Refusal(
                f"file is {info.st_size:,} bytes, over the limit of {limits.max_bytes:,}",
                too_large=True,
            )
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)  # a file that grows while read is capped
    except IsADirectoryError:
        raise Refusal("is a folder, not a file") from None
    except PermissionError:
        raise Refusal("cannot be read: permission denied") from None
    except OSError as exc:
        raise Refusal(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > limits.max_bytes:
        raise Refusal(f"grew past the limit of {limits.max_bytes:,} bytes while read")
    return raw
