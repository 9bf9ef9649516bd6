"""One glob dialect everywhere: git's wildmatch, as in .gitignore and .gitattributes.

The config's `journeys`/`personas` globs, diff's choice of files at a revision and the
patterns git-setup writes to .gitattributes all mean the same thing: `*` stays within a folder, `**` crosses
folders, a pattern with a slash is anchored to the project root and one without matches
a file name at any depth. pathspec implements git's rules; we do not write a matcher.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pathspec

YAML_SUFFIXES = (".yaml", ".yml")
_WILDCARDS = frozenset("*?[")


def spec(patterns: Iterable[str]) -> pathspec.PathSpec[Any]:
    return pathspec.PathSpec.from_lines("gitignore", patterns)


def matches(path: str, patterns: Sequence[str]) -> bool:
    """Does the slash-separated, root-relative `path` match any of `patterns`?"""
    return spec(patterns).match_file(path)


def _base(pattern: str) -> str:
    """The folder a pattern can only match below: its literal leading folders."""
    parts = pattern.strip("/").split("/")
    if len(parts) == 1:
        return ""  # no slash: matches a name at any depth
    literal: list[str] = []
    for part in parts[:-1]:
        if _WILDCARDS & set(part):
            break
        literal.append(part)
    return "/".join(literal)


def _shown_below(path: str, base: str) -> bool:
    """Is `path` in a folder `expand` enters: below `base`, and in no hidden folder there?"""
    if base and not path.startswith(base + "/"):
        return False
    folders = path[len(base) + 1 if base else 0 :].split("/")[:-1]
    return not any(folder.startswith(".") for folder in folders)


def select(paths: Iterable[str], pattern: str) -> list[str]:
    """Of root-relative file paths (a revision's files), those `expand` would list, sorted.

    diff chooses a revision's files with this, so that it compares exactly the files
    validate reads in a checkout of that revision.
    """
    matcher = spec([pattern])
    base = _base(pattern)
    return sorted(p for p in paths if _shown_below(p, base) and matcher.match_file(p))


def expand(root: Path, pattern: str) -> list[str]:
    """Root-relative paths of the files under `root` that `pattern` matches, sorted.

    Only the pattern's literal base folder is walked; hidden folders are not entered and
    symlinked folders are not followed (no loops).
    """
    matcher = spec([pattern])
    base = _base(pattern)
    start = root / base if base else root
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(start, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames:
            rel = prefix + name
            if matcher.match_file(rel) and (Path(dirpath) / name).is_file():
                found.append(rel)
    return sorted(found)
