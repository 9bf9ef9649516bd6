"""Privacy: maps in git quote customers, they do not identify them.

Free text is scanned for e-mail addresses and phone numbers in time linear in its size:
candidates are found with patterns that cannot backtrack (a run of non-space characters
holding `@`, a run of phone characters), each capped in length, and only those short
candidates meet the precise pattern. A 20 MB title costs one pass, not days.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from journeymap.checks.context import JourneyContext
from journeymap.checks.example import TOUCHPOINT_END, add
from journeymap.checks.registry import Finding, RuleGroup, checks
from journeymap.core.diagnostics import Loc

FRESHNESS_AND_PRIVACY = RuleGroup("freshness and privacy", "error", configurable=True)

PERSONAL_DATA = FRESHNESS_AND_PRIVACY.rule(
    "personal-data",
    """Free text holds no e-mail addresses or phone numbers: quote customers, do not identify them.

    Free text holds an e-mail address or a phone number. Journey maps live in git and are read
    widely: they quote customers, they do not identify them, and personal data in a repository
    is hard to erase. Replace it with a role (the customer's project lead). A made-up address
    in a template can be silenced with `x-journeymap-ignore: [personal-data]` on the element
    that holds it.""",
    bad=add(TOUCHPOINT_END, "        thoughts: Ask jane.doe@example.com for the project plan\n"),
    good=add(
        TOUCHPOINT_END, "        thoughts: Ask the customer's project lead for the project plan\n"
    ),
)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w.,/-])\+?\(?\d[\d ()./-]{6,}\d(?![\w])")
_DATEISH = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")
_AT_WORD = re.compile(r"[^\s@]{0,128}@[^\s]{0,256}")  # around each `@`, bounded both ways
_PHONE_RUN = re.compile(r"[+(]?\d[\d ()./-]{6,}")
MAX_PHONE_RUN = 40  # longer runs of digits and separators are ids or numbers, not phones
SKIPPED_KEYS = ("id", "to", "journeymap", "kind")


def find_email(text: str) -> str | None:
    if "@" not in text:
        return None
    for candidate in _AT_WORD.finditer(text):
        found = _EMAIL.search(candidate.group())
        if found is not None:
            return found.group()
    return None


def find_phone(text: str) -> str | None:
    for run in _PHONE_RUN.finditer(text):
        if run.end() - run.start() > MAX_PHONE_RUN:
            continue
        window = text[max(0, run.start() - 1) : run.end() + 1]
        for found in _PHONE.finditer(window):
            if looks_like_phone(found.group()):
                return found.group()
    return None


def looks_like_phone(text: str) -> bool:
    digits = sum(c.isdigit() for c in text)
    stripped = text.strip()
    if _DATEISH.match(stripped):
        return False
    return digits >= 9 and (stripped.startswith(("+", "(")) or digits >= 10) and digits <= 15


@checks(PERSONAL_DATA)
def personal_data(ctx: JourneyContext) -> Iterator[Finding]:
    text = ctx.doc.source.text
    if find_email(text) is None and find_phone(text) is None:
        return  # one linear pass over the file clears almost every journey
    for loc, value in _strings(ctx.doc.source.raw_data, ()):
        found = find_email(value)
        kind = "an e-mail address"
        if found is None:
            found = find_phone(value)
            kind = "a phone number"
        if found is not None:
            yield Finding(
                loc,
                f"text contains {kind} ({found!r})",
                "maps in git quote customers, they do not identify them; remove it",
                ctx.silenced_at(loc),
            )


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string value with its path, skipping ids and references."""
    stack: list[tuple[Any, Loc]] = [(data, loc)]
    seen: set[int] = set()
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if not at or at[-1] not in SKIPPED_KEYS:
                yield at, value
        elif isinstance(value, (dict, list)):
            if id(value) in seen:  # an alias: its strings were checked where it is anchored
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                stack.append((item, (*at, key)))
