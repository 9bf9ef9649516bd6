"""The machine's secret that signs the cache, so a cache found in a checkout cannot lie.

A pull request controls every file of the checkout, `.journeymap_cache/` included: it
can commit a cache claiming that its broken file is clean. So every cache file is
signed with a key that no checkout holds: 32 random bytes kept in the user's cache
folder (`$XDG_CACHE_HOME/journeymap/key`, else `~/.cache/journeymap/key`), made on
first use, readable by the user alone (0600, in a 0700 folder). A cache file whose
signature does not verify with this key is ignored, as a damaged one is.

The key is made under a temporary name and linked into place, so two first runs at
once agree on one key and no run ever reads half of one. A key file that is not ours
alone (another owner, readable by others, the wrong size, a link) is replaced: anyone
who could read it could sign a cache. When no key can be kept (no writable home), the
run goes without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

KEY_BYTES = 32
NAME = "key"
PERSON = b"journeymap-cache"  # blake2b's personalisation: this key signs caches only


class NoKey(Exception):
    """No key could be read or made; the message is one line for the user."""


def key_path() -> Path:
    """`$XDG_CACHE_HOME/journeymap/key` (an absolute XDG_CACHE_HOME), else ~/.cache's."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "journeymap" / NAME


def machine_key() -> bytes:
    """The key, made on first use; NoKey when it can be neither read nor made."""
    try:
        path = key_path()
    except RuntimeError as exc:  # no home folder to keep it in
        raise NoKey(f"no folder for the cache key: {exc}") from None
    try:
        key = _read(path)
        if key is None:
            key = _make(path)
    except OSError as exc:
        raise NoKey(f"cannot keep the cache key in {path}: {exc.strerror or exc}") from None
    return key


def sign(key: bytes, body: bytes) -> bytes:
    """The body's signature (keyed blake2b, hex): only the key's holder can make it."""
    mac = hashlib.blake2b(body, key=key, digest_size=32, person=PERSON)
    return mac.hexdigest().encode("ascii")


def verifies(key: bytes, signature: bytes, body: bytes) -> bool:
    return hmac.compare_digest(signature, sign(key, body))


def _read(path: Path) -> bytes | None:
    """The key in `path`; None when there is none, or none that is the user's alone."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:
        if path.is_symlink():
            return None  # a link (O_NOFOLLOW refused it): replaced by a key of our own
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        key = handle.read(KEY_BYTES + 1)
    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or len(key) != KEY_BYTES:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return key


def _make(path: Path) -> bytes:
    """A new key, written under a temporary name then linked to `path` (or, when a key
    that is not ours alone is there, renamed over it); another run's new key wins."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(prefix=f".{NAME}.", suffix=".tmp", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            if _read(path) is None:  # one that is not ours alone: replace it
                os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    key = _read(path)
    if key is None:
        raise OSError(f"{path} is not a key of this user's alone")
    return key
