"""The cache on disk: one signed JSON file per project and settings, read at the start,
written at the end.

Layout: `<cache folder>/<journeymap version>/<hash of the settings>.json`, holding a
signature line (see key.py) and then, as JSON,

    {"format": 2, "version": ..., "settings": ...,
     "paths": {"/abs/path.yaml": [size, mtime_ns, inode, content hash, trusted]},
     "entries": {content hash: Facts as JSON}}

Entries are keyed by the blake2b hash of a file's bytes, so a renamed or touched file
is still found; `paths` is the fast way there. A file whose size, mtime and inode are
as recorded is taken as unchanged without being read, but only when the record is
*trusted*: a file modified less than `RACY_NS` before it was recorded could change
again within the same timestamp tick with the same size (git calls this "racily
clean"), so such a record, and any symbolic link (whose target can change behind an
unchanged link), is confirmed by reading and hashing the bytes.

Signed: the cache folder may come with the checkout (a pull request can commit one),
so the whole file, every entry and every path record, is signed with the machine's
key, which no checkout holds; a file whose signature does not verify is not read at
all, and every file it would have answered for is read and checked again. A cache can
therefore only ever hold what this machine's journeymap wrote.

JSON, not pickle: unpickling runs code; JSON only ever yields data, which is checked
field by field before use (see facts.py), even once signed. One file per run rather
than one per source file: a warm run of a 240-file portfolio then opens one file
instead of 240.

Nothing about the cache is ever the user's problem: a missing, damaged, unsigned or
unwritable cache is treated as empty, and writes go to a temporary file renamed into
place, so two runs at once leave one of their two complete results, never a mixture.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap.engine.cache.facts import Damaged, Facts
from journeymap.engine.cache.key import sign, verifies

FORMAT = 3  # 2: signed; 3: a broken journey keeps the findings of its salvaged rest
RACY_NS = 2_000_000_000  # file-system timestamps can be as coarse as 2 s (FAT)
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by journeymap.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


@dataclass(frozen=True)
class Stat:
    """What a file looked like when its content hash was recorded."""

    size: int
    mtime_ns: int
    inode: int
    trusted: bool  # False: confirm by hashing (racily clean, or a symbolic link)

    @classmethod
    def of(cls, info: os.stat_result, now_ns: int | None = None) -> Stat:
        now = time.time_ns() if now_ns is None else now_ns
        racy = now - info.st_mtime_ns < RACY_NS
        trusted = stat.S_ISREG(info.st_mode) and not racy
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, trusted)

    def matches(self, info: os.stat_result) -> bool:
        return (
            self.trusted
            and stat.S_ISREG(info.st_mode)
            and (info.st_size, info.st_mtime_ns, info.st_ino)
            == (self.size, self.mtime_ns, self.inode)
        )


@dataclass
class Store:
    """The cache of one project and one set of settings, in memory for a run."""

    file: Path
    version: str
    settings: str
    key: bytes = field(repr=False)  # signs what is written, checks what is read
    paths: dict[str, tuple[Stat, str]] = field(default_factory=dict)  # abs path -> stat, hash
    entries: dict[str, Any] = field(default_factory=dict)  # hash -> Facts JSON (checked late)
    seen: set[str] = field(default_factory=set)  # paths looked at in this run
    changed: bool = False

    @classmethod
    def open(cls, folder: Path, version: str, settings: str, key: bytes) -> Store:
        """The stored cache, or an empty one if it is missing, damaged in any way, or not
        signed with `key`."""
        store = cls(cache_file(folder, version, settings), version, settings, key)
        try:
            signature, _, body = store.file.read_bytes().partition(b"\n")
            if not verifies(key, signature, body):
                return store  # not written by this machine: nothing in it is believed
            data = json.loads(body)
            if (data["format"], data["version"], data["settings"]) != (FORMAT, version, settings):
                return store
            paths, entries = data["paths"], data["entries"]
            if not isinstance(paths, dict) or not isinstance(entries, dict):
                return store
            for path, record in paths.items():
                size, mtime, inode, content, trusted = record
                if (
                    all(type(v) is int for v in (size, mtime, inode))
                    and isinstance(content, str)
                    and isinstance(trusted, bool)
                ):
                    store.paths[path] = (Stat(size, mtime, inode, trusted), content)
            store.entries = entries
        except (OSError, ValueError, KeyError, TypeError):
            store.paths.clear()
            store.entries = {}
        return store

    def by_stat(self, path: Path, info: os.stat_result) -> str | None:
        """The recorded content hash of `path`, if its stat says it is unchanged."""
        key = os.path.abspath(path)
        self.seen.add(key)
        recorded = self.paths.get(key)
        return recorded[1] if recorded is not None and recorded[0].matches(info) else None

    def facts(self, content: str, path: str) -> Facts | None:
        """The facts stored for this content, with diagnostics on `path`; None if none."""
        data = self.entries.get(content)
        if data is None:
            return None
        try:
            return Facts.from_json(data, path)
        except (Damaged, ValueError, TypeError):
            return None

    def previous(self, path: Path) -> Facts | None:
        """What the last run found in `path`, whatever its content is now (the journey id
        it had, before a rename)."""
        recorded = self.paths.get(os.path.abspath(path))
        return self.facts(recorded[1], str(path)) if recorded is not None else None

    def record(self, path: Path, info: os.stat_result | None, content: str) -> None:
        """Where `path`'s content is found next time (its stat, or None: always hash)."""
        key = os.path.abspath(path)
        self.seen.add(key)
        now = Stat.of(info) if info is not None else Stat(-1, -1, -1, False)
        if self.paths.get(key) != (now, content):
            self.paths[key] = (now, content)
            self.changed = True

    def put(self, content: str, facts: Facts) -> None:
        """Keep `facts`; a file read as context never replaces a checked entry."""
        old = self.entries.get(content)
        if facts.check_key is None and isinstance(old, dict) and old.get("check_key"):
            return
        self.entries[content] = facts.to_json()
        self.changed = True

    def save(self) -> None:
        """Write the cache atomically; paths that no longer exist and their entries go."""
        if not self.changed:
            return
        paths = {
            key: value
            for key, value in self.paths.items()
            if key in self.seen or os.path.lexists(key)
        }
        used = {content for _, content in paths.values()}
        data = {
            "format": FORMAT,
            "version": self.version,
            "settings": self.settings,
            "paths": {
                key: [s.size, s.mtime_ns, s.inode, content, s.trusted]
                for key, (s, content) in paths.items()
            },
            "entries": {k: v for k, v in self.entries.items() if k in used},
        }
        with contextlib.suppress(OSError):
            prepare(self.file.parent.parent)
            self.file.parent.mkdir(exist_ok=True)
            body = json.dumps(data, separators=(",", ":")).encode("utf-8")
            _write_atomic(self.file, sign(self.key, body) + b"\n" + body)


def cache_file(folder: Path, version: str, settings: str) -> Path:
    """Where the cache of this version and these settings is kept in `folder`."""
    return folder / _safe(version) / f"{settings[:32]}.json"


def prepare(folder: Path) -> None:
    """Create the cache folder with a `.gitignore` of `*` and a CACHEDIR.TAG (as ruff does):
    git leaves it out, and backup tools that honour the tag skip it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "# created by journeymap\n*\n"), ("CACHEDIR.TAG", TAG)):
        if not (folder / name).exists():
            _write_atomic(folder / name, text.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _safe(version: str) -> str:
    """A version as a folder name (a local version label may hold `+`)."""
    return "".join(c if c.isalnum() or c in ".-_" else "_" for c in version) or "unknown"
