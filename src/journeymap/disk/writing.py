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

`write_back` keeps both promises and words what went wrong as the file's diagnostic; fmt
and refresh both write through it, so they behave (and report) alike.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, TextIO

from journeymap.core.diagnostics import Diagnostic, RuleName


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
            _write_synced(handle, text)
        with contextlib.suppress(OSError):
            os.chmod(temp, _mode_for(path))
        if expect is not None:
            check_unchanged(path, expect)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def _write_synced(handle: TextIO, text: str) -> None:
    """Write, and make sure it is on disk before the file is renamed into place."""
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files, and a link replaced by a file, get
    the usual 0644 less the umask (a link's target may be a folder: 0755)."""
    if not path.is_symlink():
        with contextlib.suppress(OSError):
            return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_unchanged(path: Path, expect: bytes) -> None:
    """ChangedError unless `path` still holds exactly `expect` (a deleted file changed too)."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        raise ChangedError(f"{path} was deleted since it was read; nothing written") from None
    if now != expect:
        raise ChangedError(f"{path} changed since it was read; nothing written") from None


# The two commands that rewrite a user's own file, and what each says when it may not.
Rewriter = Literal["fmt", "refresh"]
_CHANGED_WHILE: dict[Rewriter, tuple[RuleName, str, str]] = {
    "fmt": ("changed-while-formatting", "formatting", "fmt read it; their edit was kept"),
    "refresh": (
        "changed-while-refreshing",
        "refreshing",
        "refresh read it; their edit was kept and no number was written into it",
    ),
}


def write_back(
    path: Path, text: str, *, expect: bytes, root: Path | None, display: str, by: Rewriter
) -> Diagnostic | None:
    """Replace a user's file with the new text `by` made of it, the same way for every
    command that rewrites one: only if it still holds `expect`, through a link that stays
    inside `root`, atomically. What went wrong is the file's diagnostic (None: written)."""
    try:
        write_atomic(path, text, expect=expect, root=root)
    except ChangedError:
        return changed_while(display, by)
    except WriteError as exc:
        return Diagnostic(display, 1, 1, "error", "write-failed", str(exc))
    return None


def changed_while(display: str, by: Rewriter) -> Diagnostic:
    """The file was saved by someone else after `by` read it: their edit is kept."""
    rule, doing, why = _CHANGED_WHILE[by]
    return Diagnostic(
        display,
        1,
        1,
        "error",
        rule,
        f"changed while {doing}; run {by} again",
        f"the file was saved by someone else after {why}",
    )


class Staging:
    """Many files that appear together or not at all (a rendered site).

    Files are written into a private folder inside the destination (so the final renames
    never cross a file system), by any process: `write_staged` needs only the folder's
    path, so worker processes write the pages they made. `commit` checks every target's
    folder first, then moves each file into place atomically; leaving the `with` block
    by an exception removes the private folder, and the destination folder too if this
    run made it. A run killed outright (SIGKILL, out of memory) leaves its folder behind;
    the next `Staging` in the same destination removes the folders no live run holds.
    A run holds its folder by a lock on a file inside it (`flock`), which the system
    releases when the process ends, whatever its process id or container; on systems
    without `flock` (Windows) left folders are not removed.
    """

    PREFIX = ".journeymap-stage-"
    LOCK = ".lock"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._created = [p for p in (folder, *folder.parents) if not p.exists()]
        self._lock: int | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _remove_abandoned(folder, self.PREFIX, self.LOCK)
            # made and locked under a name the clean-up passes over, then renamed: another
            # run's clean-up never finds it unlocked
            new = Path(tempfile.mkdtemp(prefix=".journeymap-new-", suffix=".tmp", dir=folder))
            try:
                self._lock = _hold(new / self.LOCK)
                self.path = new.with_name(self.PREFIX + new.name.removeprefix(".journeymap-new-"))
                os.rename(new, self.path)
            except OSError:
                shutil.rmtree(new, ignore_errors=True)
                if self._lock is not None:
                    os.close(self._lock)
                raise
        except OSError as exc:
            raise WriteError(f"cannot write in {folder}: {exc.strerror or exc}") from None

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
        if error is not None:  # the folders this run created go too: nothing changed
            for created in self._created:
                try:
                    created.rmdir()
                except OSError:
                    break

    def commit(self, targets: Mapping[str, Path]) -> None:
        """Move each staged file (by its name in the staging folder) to its target,
        keeping the permissions of the file it replaces. Every target's folder is made
        and checked before the first move, so a target that cannot be written changes
        no file."""
        for target in targets.values():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None
            if target.is_dir() and not target.is_symlink():
                raise WriteError(f"cannot write {target}: a folder of that name is in the way")
        for name, target in targets.items():
            staged = self.path / name
            try:
                with contextlib.suppress(OSError):
                    os.chmod(staged, _mode_for(target))
                os.replace(staged, target)
            except OSError as exc:
                raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None


def write_staged(stage: Path, name: str, text: str) -> None:
    """One file into a `Staging` folder (module level: a worker process calls it)."""
    path = stage / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            _write_synced(handle, text)
    except OSError as exc:  # named as the user knows it: where the page was going
        raise WriteError(f"cannot write {stage.parent / name}: {exc.strerror or exc}") from None


def _hold(path: Path) -> int | None:
    """An exclusive lock on `path`, held until the descriptor is closed or the process
    ends; None where the system has no `flock`."""
    try:
        import fcntl
    except ImportError:
        return None
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # a file system without locks: the folder is simply never cleaned up
        os.close(descriptor)
        return None
    return descriptor


def _remove_abandoned(folder: Path, prefix: str, lock: str) -> None:
    """Stage folders of runs that were killed: no live process holds their lock."""
    try:
        import fcntl
    except ImportError:
        return  # no way to tell a live run's folder from a dead one's: keep them all
    for stage in folder.glob(f"{prefix}*.tmp"):
        try:
            descriptor = os.open(stage / lock, os.O_RDWR)
        except FileNotFoundError:
            continue  # just made, not yet locked; or not a stage folder of ours
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # held: a run is using it
        finally:
            os.close(descriptor)
        shutil.rmtree(stage, ignore_errors=True)
