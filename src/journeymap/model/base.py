"""The building blocks of every model: strict, closed mappings with `x-` keys allowed,
and the value types (ids, names, scores, days) the format is written in.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

FORMAT_VERSION = 1


IGNORE_KEY = "x-journeymap-ignore"


ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"


LINK_PATTERN = r"^[a-z0-9][a-z0-9_-]*#[a-z0-9][a-z0-9_-]*$"


ID_MAX_LENGTH = 64  # ids become file names and anchors; file systems allow 255 bytes


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]


# A name is shown on every page: it must hold something visible.
Name = Annotated[str, StringConstraints(pattern=r"\S")]


def _whole(value: Any) -> Any:
    """`3.0` is the whole number 3, as JSON Schema's `integer` says (so an editor and
    check-jsonschema accept it too); `3.5`, `"3"` and `true` stay what they are."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


# For a whole-number field, after its type and bounds: `Annotated[int, Field(ge=0), WHOLE]`
# (the bounds next to `int`, so the JSON Schema says `minimum`, not pydantic's `ge`).
WHOLE = BeforeValidator(_whole)


Score = Annotated[int, Field(ge=1, le=5), WHOLE]


# The format version: `journeymap: 1` (or `1.0`, the same number).
Version = Annotated[Literal[1], WHOLE]


Text = str


DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class NotADate(ValueError):
    """A date field holds text that is not a `YYYY-MM-DD` calendar date."""


def _as_date(value: Any) -> Any:
    """A date is written `YYYY-MM-DD`, plain or quoted (YAML reads both as text), exactly
    what JSON Schema's `format: date` allows: not `2026-1-5`, `20260105` or a timestamp."""
    if isinstance(value, str):
        text = value.strip()
        try:
            if DATE_PATTERN.fullmatch(text):
                return date.fromisoformat(text)
        except ValueError as exc:
            raise NotADate(f"{value!r} is not a date: {exc}") from None
        raise NotADate(f"{value!r} is not a date (YYYY-MM-DD)")
    if isinstance(value, datetime):  # from Python, never from a file
        return value.date()
    return value


Day = Annotated[date, BeforeValidator(_as_date)]


def _drop_extensions(data: Any) -> Any:
    """Leave out `x-` keys (custom data); runs for every mapping, so it is kept lean."""
    if type(data) is not dict:
        return data
    for key in data:
        if type(key) is str and key[:2] == "x-" and key != IGNORE_KEY:
            break
    else:
        return data
    return {
        k: v for k, v in data.items() if not (type(k) is str and k[:2] == "x-" and k != IGNORE_KEY)
    }


class Part(BaseModel):
    """Base of every mapping in the format: strict, closed, `x-` keys allowed."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        populate_by_name=True,
        allow_inf_nan=False,  # .nan and .inf cannot be shown, compared or written as JSON
        json_schema_extra={"patternProperties": {"^x-": {}}},
        # A validator is built when a model is first used, not when its class is made:
        # a run validates through the top-level models (Journey, PersonaLibrary), each
        # of which builds its parts' schemas inside its own, so the parts' own
        # validators were built for nothing (measured: 40 ms of a 0.27 s one-file run).
        defer_build=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _extensions(cls, data: Any) -> Any:
        return _drop_extensions(data)


class Element(Part):
    """A part of a journey that completeness rules look at and can be told to ignore."""

    ignore: list[str] = Field(
        default_factory=list,
        alias=IGNORE_KEY,
        description="Completeness rules to silence on this element and everything inside it, "
        "for example `[touchpoint-scores]` on a stage that is not scored yet. "
        "`journeymap rules` lists the rule names.",
        examples=[["touchpoint-scores", "stage-goal"]],
    )
