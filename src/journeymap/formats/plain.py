"""A message as rich would print it to a pipe or a file, without importing rich.

Most runs print one summary line to a stream that is not a terminal (CI logs, editors,
`2>file`). There rich writes the text unchanged plus a newline, yet importing it costs
about 30 ms of a run that takes a few hundred. `plain_line` gives that line when the
result is certain, and None (use rich) whenever rich could do something else: a terminal
or anything that forces one, a notebook, text with control characters, tabs or line
breaks, or space at either end.
"""

from __future__ import annotations

import builtins
import os
from typing import TextIO

_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE")


def is_plain(stream: TextIO) -> bool:
    """Is rich certain to see `stream` as no terminal (so it writes text, no styles)?"""
    if any(name in os.environ for name in _FORCING) or hasattr(builtins, "get_ipython"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:  # a closed stream: leave the outcome to rich
        return False


def plain_line(text: str, stream: TextIO) -> str | None:
    """`text` and a newline, when rich would print exactly that to `stream`; else None."""
    if not text.isprintable() or text != text.strip() or not is_plain(stream):
        return None
    return text + "\n"
