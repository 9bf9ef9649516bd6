"""The small journey that the rules' bad and good examples start from.

Every example in `journeymap rules NAME` is a complete file a reader can paste and try.
Most are this journey with one thing changed, so the difference between `bad` and
`good` is the rule and nothing else. It passes every rule as it is (with today's date
before 2027-03-30, when its review turns stale).
"""

from __future__ import annotations

JOURNEY = """\
journeymap: 1
id: onboarding
title: Customer onboarding
reviewed: {by: Dana Reyes, date: 2026-10-01}
stages:
  - id: kickoff
    name: Kickoff
    goal: The customer signs off the project plan
    touchpoints:
      - id: kickoff-call
        name: Kickoff call
        owner: Delivery lead
        importance: 5
        performance: 3
        emotion: 4
"""

# Places to add lines: after the journey's title, and at the end of the touchpoint.
TOP = "title: Customer onboarding\n"
TOUCHPOINT_END = "        emotion: 4\n"


def edit(*changes: tuple[str, str], base: str = JOURNEY) -> str:
    """`base` with each (old, new) applied once; an `old` that is not there is a bug."""
    text = base
    for old, new in changes:
        if text.count(old) != 1:
            raise ValueError(f"example edit: {old!r} is not in the base exactly once")
        text = text.replace(old, new)
    return text


def add(after: str, lines: str, base: str = JOURNEY) -> str:
    """`base` with `lines` inserted after the line `after`."""
    return edit((after, after + lines), base=base)


def files(*named: tuple[str, str]) -> str:
    """Several files in one example: each starts with a `# file: NAME` comment line."""
    return "".join(f"# file: {name}\n{text}" for name, text in named)
