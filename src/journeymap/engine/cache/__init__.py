"""The validate cache: what each file found, kept so an unchanged file is not read again.

Like ruff's: a `.journeymap_cache/` folder in the project (the folder of the
journeymap.yaml in use, else the current folder), moved with `--cache-dir` or
JOURNEYMAP_CACHE_DIR and turned off with `--no-cache`. A stored result is used only
when everything it depends on is unchanged (see `store.py` for the files, `facts.py`
for what is kept):

- the file's bytes (blake2b hash; size, mtime and inode as a fast first look);
- the journeymap version: a new version may check differently;
- the settings: a hash of the parsed journeymap.yaml and where it is, so a rule's
  severity or a `departments` list counts, and a comment in the file does not;
- for a journey's checks, the persona ids the libraries define, and today's date when
  a freshness rule is on (they count days).

And only when this machine wrote it: every cache file is signed with a key kept in the
user's cache folder (see `key.py`), so a `.journeymap_cache/` committed to the
repository can never change a result.

See docs/cache.md for the user's side and the threat model.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import journeymap
from journeymap.core.textsafe import visible
from journeymap.disk.paths import link_on_the_way
from journeymap.engine.cache.key import NoKey, machine_key
from journeymap.engine.cache.store import Store, cache_file
from journeymap.project.config import Settings

FOLDER = ".journeymap_cache"
ENV = "JOURNEYMAP_CACHE_DIR"


@dataclass(frozen=True)
class CacheOptions:
    """The command line's say: `--no-cache`, `--cache-dir`."""

    enabled: bool = True
    folder: Path | None = None


def tool_version() -> str:
    """journeymap's version: results of another version are never reused."""
    return journeymap.__version__


def folder_for(settings: Settings, options: CacheOptions) -> Path:
    """`--cache-dir`, else JOURNEYMAP_CACHE_DIR, else `.journeymap_cache` in the project."""
    if options.folder is not None:
        return options.folder
    if env := os.environ.get(ENV):
        return Path(env)
    return settings.root / FOLDER


def settings_hash(settings: Settings) -> str:
    """The settings as parsed (not the file's bytes) and the project they belong to."""
    where = str(settings.path.resolve()) if settings.path is not None else str(Path.cwd())
    text = f"{where}\n{settings.config.model_dump_json()}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


@dataclass(frozen=True)
class Opened:
    """The cache of a run, or None, and why not when the user should know (one line)."""

    store: Store | None
    note: str | None = None
    warn: bool = False  # the note is a warning (else it is for -v)


def open_store(settings: Settings, options: CacheOptions) -> Opened:
    """The cache for a run under `settings`; none when it is turned off or unsafe."""
    if not options.enabled:
        return Opened(None)
    try:
        key = machine_key()
    except NoKey as exc:
        return Opened(None, f"cache: off ({exc})")
    folder, settings_key = folder_for(settings, options), settings_hash(settings)
    link = link_on_the_way(cache_file(folder, tool_version(), settings_key), settings.root)
    if link is not None:
        return Opened(None, _refused(link), warn=True)
    return Opened(Store.open(folder, tool_version(), settings_key, key))


def _refused(link: Path) -> str:
    """Why a cache reached through a link in the project is not used (one line)."""
    try:
        shown, target = os.path.relpath(link), os.readlink(link)
    except (OSError, ValueError):
        shown, target = str(link), "?"
    return (
        f"warning: not using the cache: {visible(shown)} is a symbolic link "
        f"(to {visible(target)}); the cache is kept only in a real folder of the project"
    )


__all__ = [
    "ENV",
    "FOLDER",
    "CacheOptions",
    "Opened",
    "Store",
    "folder_for",
    "open_store",
    "tool_version",
]
