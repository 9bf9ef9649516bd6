""" "Did you mean": the closest known name to a misspelt one, at a bounded cost.

One implementation for keys, values, rule names and references. difflib compares a word
with every candidate; a file with thousands of broken references against thousands of
ids would make that quadratic, so candidates are first narrowed by length (a typo
changes the length by a little) and capped, and answers are memoised per word.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

MAX_CANDIDATES = 500


def closest(word: str, options: Iterable[str]) -> str | None:
    """The most similar option (ratio >= 0.6), or None."""
    return _closest(word, tuple(sorted(set(options))))


@lru_cache(maxsize=4096)
def _closest(word: str, options: tuple[str, ...]) -> str | None:
    slack = max(3, len(word) // 2)
    near = [o for o in options if abs(len(o) - len(word)) <= slack][:MAX_CANDIDATES]
    found = difflib.get_close_matches(word, near, n=1)
    return found[0] if found else None


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """`did you mean 'x'?`, or None when nothing is close."""
    match = closest(word, options)
    return f"did you mean {match!r}?" if match else None
