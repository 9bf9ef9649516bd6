"""Help lines for a value of the wrong type, fitted to what the writer actually typed.

pydantic knows the value; only the source text knows how it was written. `"3"` in quotes
is fixed by removing the quotes, `high` (no quotes) is not: a score is a number from 1
to 5. `title:value` or `-item` are a missing space, not a wrong type. So each help line
here looks at the value and, where it matters, at the character where it was written.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from journeymap.core.suggest import closest
from journeymap.yaml.source import Loc, Source

_GLUED_COLON = re.compile(r"^([A-Za-z_][\w-]*):(\S.*)$")
_GLUED_DASH = re.compile(r"^-([^\s\-].*)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:[,' _]\d{3})+(?:\.\d+)?$")
_WITH_UNIT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(%|[A-Za-z€$£]+)$")
_LEVEL_WORDS = {"low", "medium", "high", "very high", "very low"}
_YES = {"yes", "y", "on"}
_NO = {"no", "n", "off"}


def was_quoted(source: Source, loc: Loc) -> bool:
    """Whether the value at `loc` was written in quotes (so removing them can help)."""
    line, column = source.locate(loc)
    text = source.line(line) or ""
    return text[column - 1 : column] in ("'", '"')


def version_help(version: Any, quoted: bool, supported: int) -> str:
    """`journeymap: "1"` is a near miss (text); any other version is one this tool does not
    read (`1.0` is the number 1 and never gets here)."""
    if quoted and str(version).strip() == str(supported):
        return f"the version is a number, not text: write `journeymap: {supported}` without quotes"
    return f"this journeymap reads format version {supported}: write `journeymap: {supported}`"


def number_help(
    value: Any, quoted: bool, low: Any, high: Any, *, whole: bool, field: str
) -> str | None:
    """Help for a number field (a score, a count, a metric value) given something else."""
    if isinstance(value, str):
        text = value.strip()
        if quoted and _is_number(text, whole):
            return "remove the quotes: a number in quotes is text"
        if _THOUSANDS.match(text):
            digits = re.sub(r"[,' _]", "", text)
            return f"write the number without separators: `{field}: {digits}`"
        unit = _WITH_UNIT.match(text)
        if unit and not whole:
            return f"write the number alone (`{field}: {unit.group(1)}`); the unit goes in `unit`"
    if whole and low == 1 and high == 5:
        hint = "scores are whole numbers from 1 to 5"
        if isinstance(value, str) and value.strip().lower() in _LEVEL_WORDS:
            hint += " (for example 1 for low, 3 for medium, 5 for high)"
        elif isinstance(value, float):
            hint += f"; round {value:g} to one of them"
        return hint
    if whole and low == 0:
        return "a count is a whole number, 0 or more"
    if not whole:
        return f"write a plain number, such as `{field}: 42` or `{field}: 4.5`"
    return None


def bool_help(value: Any, quoted: bool) -> str:
    """`yes`, `on`, `"true"`: each is a boolean written another way."""
    if isinstance(value, str):
        word = value.strip().lower()
        if quoted and word in ("true", "false"):
            return "remove the quotes: `true` and `false` in quotes are text"
        if word in _YES or word in _NO:
            meant = "true" if word in _YES else "false"
            return f"YAML 1.2 reads only `true` and `false` as booleans: write `{meant}`"
    return "write `true` or `false`"


_LOOSE_DATE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[Tt ]\d{1,2}:\d{2}(?::\d{2})?\S*)?$|^(\d{4})(\d{2})(\d{2})$"
)
_DAY_FIRST = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def date_help(value: Any, field: str) -> str:
    """The date the writer meant, written `YYYY-MM-DD`: `2026-1-5`, `2026/01/05`,
    `20260105`, `05.01.2026` (day first, as dots are written) and a timestamp each have
    one reading; anything else gets the pattern and an example."""
    text = str(value).strip()
    loose = _LOOSE_DATE.match(text)
    day_first = _DAY_FIRST.match(text)
    parts: tuple[str, ...] = ()
    if loose:
        parts = tuple(g for g in loose.groups() if g is not None)
    elif day_first:
        parts = tuple(reversed(day_first.groups()))
    try:
        meant = date(int(parts[0]), int(parts[1]), int(parts[2])) if parts else None
    except ValueError:
        meant = None
    if meant is None:
        if parts:
            year, month, day = (int(p) for p in parts)
            no = (
                f"there is no month {month}"
                if not 1 <= month <= 12
                else (f"{calendar.month_name[month]} {year} has no day {day}")
            )
            return f"{no}: write a real calendar date as YYYY-MM-DD"
        return f"write the year, month and day as YYYY-MM-DD: `{field}: 2026-01-05`"
    iso = meant.isoformat()
    if ":" in text:
        return f"a date has no time of day: write `{field}: {iso}`"
    return f"write it as YYYY-MM-DD: `{field}: {iso}`"


def shape_help(value: Any, wanted: str) -> str | None:
    """A text where a list or mapping belongs is often a missing space after `:` or `-`."""
    if not isinstance(value, str):
        return None
    glued = _GLUED_COLON.match(value.strip())
    if glued:
        key, rest = glued.groups()
        return f"put a space after the colon: `{key}: {rest}` (YAML read `{value}` as one text)"
    dash = _GLUED_DASH.match(value.strip())
    if dash and wanted == "a list":
        return f"put a space after the dash: `- {dash.group(1)}` (YAML read `{value}` as one text)"
    return None


def _is_number(text: str, whole: bool) -> bool:
    pattern = r"[+-]?\d+" if whole else r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
    return re.fullmatch(pattern, text) is not None


# What people write for a channel, and the channel the format files it under.
_CHANNEL_WORDS = {
    **dict.fromkeys(
        ("email", "e-mail", "web", "website", "app", "chat", "portal", "online", "ads"),
        "digital",
    ),
    **dict.fromkeys(("phone", "call", "meeting", "in-person", "visit", "demo"), "human"),
    **dict.fromkeys(("contract", "legal", "procurement"), "contractual"),
    **dict.fromkeys(("post", "letter", "event", "store", "shop"), "physical"),
    **dict.fromkeys(("reseller", "integrator", "agency"), "partner"),
}


def range_words(value: Any, low: Any, high: Any, above: Any, below: Any) -> tuple[str, str]:
    """What a range allows (`between 1 and 5`) and the help line, from its bounds:
    inclusive `low`/`high`, or `above`/`below` that the value may not equal."""
    if low is not None and high is not None:
        return f"between {low} and {high}", range_help(value, low, high)
    if low is not None:
        return f"at least {low}", f"write {low} or more"
    if high is not None:
        return f"at most {high}", f"write {high} or less"
    if above is not None:
        return f"more than {above}", f"write a number more than {above}"
    return f"less than {below}", f"write a number less than {below}"


def range_help(value: Any, low: Any, high: Any) -> str:
    """A number past either end of its scale; a score from a 1-10 scale said as such."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return f"write a number from {low} to {high}"
    if high == 5 and low == 1 and 5 < value <= 10:
        return (
            f"scores run from 1 (lowest) to 5 (highest); if {value} is out of 10, "
            f"write {int(1 + (value - 1) * 4 / 9 + 0.5)}"
        )
    end = "highest" if value > high else "lowest"
    return (
        f"the scale runs from {low} to {high}; write {high if value > high else low} for the {end}"
    )


def choice_help(name: str, value: Any, options: list[str]) -> str | None:
    """For a value that is none of the choices, the choice it was meant to be: the same
    word in other capitals (`B2B`), the choice a common word belongs to (`channel: email`),
    a near spelling (`champoin`), a choice inside the words (`very high`); else the list."""
    if not options:
        return None
    listed = ", ".join(options)
    if isinstance(value, str):
        text = value.strip()
        same = [o for o in options if o.lower() == text.lower()]
        if same:
            return f"write it in lower case: `{name}: {same[0]}`"
        channel = _CHANNEL_WORDS.get(text.lower()) if name == "channel" else None
        if channel in options:
            return f"{value} is a `{channel}` channel: write `channel: {channel}`"
        near = closest(text, options)
        if near:
            return f"did you mean {near!r}?"
        inside = [o for o in options if o in re.split(r"[\s_]+", text.lower())]
        if inside:
            return f"did you mean {inside[-1]!r}? {name} is one of {listed}"
    return f"write one of {listed}"
