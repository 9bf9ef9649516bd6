"""Atomic file writes: a reader (or an interrupted run) sees the old file or the new one.

The temporary file lives in the destination folder so the final rename never crosses a
file system, and it is removed if anything goes wrong before the rename.

Two promises for writers that rewrite a user's own file (`fmt`, `refresh`):

* `expect=`: the bytes the writer read. Just before the rename the file is read again;
  if someone saved it in the meantime the new text is thrown away and `ChangedError`
  raised, so an edit made while the tool ran is never silently lost. (What remains is the
  instant between that check and the rename, which no portable file API can close.)
* `root=`: a file that is a symbolic link is written through to its target, keeping the
  link, when the target lies inside `root`; a link that leads outside is refused.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """An output could not be written; the message is one line for the user."""


class ChangedError(WriteError):
    """The file changed on disk after it was read; nothing was written."""


def write_target(path: Path, root: Path | None) -> Path:
    """Where writing `path` really goes: through a symbolic link, if it stays inside root.

    Without a root, `path` itself is replaced (a link there is replaced by a file).
    """
    if root is None or not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise WriteError(f"cannot write {path}: it is a broken symbolic link ({exc})") from None
    if not target.is_relative_to(root.resolve()):
        raise WriteError(
            f"not writing {path}: it is a symbolic link to {target}, outside the project"
            f" ({root.resolve()})"
        )
    return target


def write_atomic(
    path: Path, text: str, *, expect: bytes | None = None, root: Path | None = None
) -> None:
    """Replace `path` with `text` in one step.

    `expect`: the file's bytes when the caller read it; ChangedError if they differ now.
    `root`: follow a symbolic link at `path` when its target is inside this folder.
    """
    path = write_target(path, root)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, _mode_for(path))
        if expect is not None:
            _check_unchanged(path, expect)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0644 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _check_unchanged(path: Path, expect: bytes) -> None:
    """ChangedError unless `path` still holds exactly `expect` (a deleted file changed too)."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        raise ChangedError(f"{path} was deleted since it was read; nothing written") from None
    if now != expect:
        raise ChangedError(f"{path} changed since it was read; nothing written") from None
