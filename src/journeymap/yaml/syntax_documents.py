"""Syntax errors about the document itself: `%` directives and the `---` and `...`
markers, which journey files never need but a stray `%` or `...` line can start.

Readers as in yaml/syntax_values.py; yaml/syntax.py runs them.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymap.yaml.syntax_text import COMMENT, Explained, Found

_NO_DIRECTIVES = "journey files need no `%` lines"


def _marker_line(f: Found, prefix: str) -> int | None:
    """The last line up to the error's that starts with `prefix` (`%` or `...`)."""
    for number in range(min(f.at[0], len(f.lines)), 0, -1):
        if f.line(number).startswith(prefix):
            return number
    return None


def _directive(f: Found) -> Explained | None:
    """A line that starts with `%` at column 1 is a YAML directive (`%YAML 1.2`)."""
    problem = f.problem
    words = f.context + problem
    if "directive" not in words and "incompatible YAML document" not in words:
        return None
    number = _marker_line(f, "%") or f.at[0]
    line = COMMENT.sub("", f.line(number)).strip()
    name = line.split()[0] if line else "%"
    if "incompatible" in problem:
        message = f"`{line}` asks for a YAML version journeymap does not read"
        hint = "remove the line: journey files are YAML 1.2"
    elif "duplicate" in problem:
        first = next(n for n in range(1, number + 1) if f.line(n).split()[:1] == [name])
        message = f"`{name}` is given twice (first on line {first})"
        hint = f"remove one of the lines; {_NO_DIRECTIVES}"
    else:
        message = (
            f"a line that starts with `%` is a YAML directive (like `%YAML 1.2`), and "
            f"`{line[:30]}` is not a valid one"
        )
        hint = (
            f"{_NO_DIRECTIVES}: remove it; if it is text, indent it under its key and put it "
            "in quotes"
        )
    return Explained(number, 1, message, hint)


def _document_start(f: Found) -> Explained | None:
    """`...` ends a document, and the `%` lines before a document need `---` after them."""
    if "<document start>" not in f.problem:
        return None
    ended = _marker_line(f, "...")
    directive = _marker_line(f, "%")
    if ended is not None and (directive is None or ended > directive):
        return Explained(
            ended,
            1,
            "`...` marks the end of the document, and there is more after it",
            "remove the `...`: a journey file needs no end marker",
        )
    if directive is not None:
        line = COMMENT.sub("", f.line(directive)).strip()
        return Explained(
            directive,
            1,
            f"`{line[:30]}` is a YAML directive, so a line `---` must follow it before the content",
            f"remove the line ({_NO_DIRECTIVES}), or add a line `---` below it",
        )
    return Explained(
        *f.at,
        "YAML expected a line `---` here, to start a new document",
        "a journey file holds one document: remove what is left of the previous one",
    )


DOCUMENT_READERS: tuple[Callable[[Found], Explained | None], ...] = (
    _directive,
    _document_start,
)
